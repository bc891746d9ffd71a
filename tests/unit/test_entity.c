/*
 * test_entity.c — validation driven by the entity descriptions: the GB
 * 32100-2015 check character, region codes, dates, JSON input, text
 * input from spreadsheets and query strings, and motion results.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "schema/entity.h"
#include "domain/governance.h"

static void test_credit_code(void **state)
{
    char msg[256];
    /* Check characters computed with weights 3^i mod 31. */
    assert_int_equal(check_credit_code("91310000MA1FL4B24G", msg, sizeof msg), 0);
    assert_int_equal(check_credit_code("91450200MA5N00001B", msg, sizeof msg), 0);
    assert_int_equal(check_credit_code("124502004985290468", msg, sizeof msg), 0);
    /* A wrong check character names the right one. */
    assert_int_equal(check_credit_code("91310000MA1FL4B24H", msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "G"));
    /* Wrong length, letters outside the alphabet (I, O, S, V, Z), lower case. */
    assert_int_equal(check_credit_code("91310000MA1FL4B24", msg, sizeof msg), -1);
    assert_int_equal(check_credit_code("91310000MA1FL4BI4G", msg, sizeof msg), -1);
    assert_int_equal(check_credit_code("91310000ma1fl4b24g", msg, sizeof msg), -1);
}

static void test_region_and_date(void **state)
{
    char msg[256];
    assert_int_equal(check_region_code("450200", msg, sizeof msg), 0);
    assert_int_equal(check_region_code("45020", msg, sizeof msg), -1);
    assert_int_equal(check_region_code("4502001", msg, sizeof msg), -1);
    assert_int_equal(check_region_code("45020a", msg, sizeof msg), -1);
    assert_int_equal(check_region_code("000000", msg, sizeof msg), -1);
    assert_int_equal(check_region_code("999999", msg, sizeof msg), -1); /* no province 99 */
    assert_int_equal(check_region_code("110101", msg, sizeof msg), 0);
    assert_int_equal(check_region_code("820000", msg, sizeof msg), 0);
    assert_int_equal(check_email("office@lzzy.edu.cn", msg, sizeof msg), 0);
    assert_int_equal(check_email("abc", msg, sizeof msg), -1);
    assert_int_equal(check_email("a@b", msg, sizeof msg), -1);
    assert_int_equal(check_email("@lzzy.edu.cn", msg, sizeof msg), -1);
    assert_int_equal(check_email("a b@lzzy.edu.cn", msg, sizeof msg), -1);
    assert_true(date_valid("2024-02-29"));
    assert_false(date_valid("2023-02-29"));
    assert_false(date_valid("2024-13-01"));
    assert_false(date_valid("2024-1-01"));
    assert_false(date_valid("2024/01/01"));
    assert_false(date_valid("2024-01-01x"));
}

static json_t *validate(const char *entity, const char *json, int create, err_t *e)
{
    json_t *in = json_loads(json, 0, NULL), *out = json_object();
    assert_non_null(in);
    int rc = entity_validate(entity_find(entity), in, create, out, e);
    json_decref(in);
    if (rc != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

static void test_validate_json(void **state)
{
    err_t e = ERR_INIT;
    /* Chinese enum labels are normalised to values; blanks are trimmed. */
    json_t *o = validate("organizations",
                         "{\"name\":\" 柳州职业技术大学 \",\"type\":\"本科学校\","
                         "\"credit_code\":\"124502004985290468\",\"region_code\":\"450200\"}",
                         1, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "name")), "柳州职业技术大学");
    assert_string_equal(json_string_value(json_object_get(o, "type")), "undergraduate");
    json_decref(o);

    /* Every problem is named: missing required, unknown, read-only, bad enum. */
    o = validate("organizations", "{\"type\":\"factory\",\"colour\":1,\"id\":5}", 1, &e);
    assert_null(o);
    assert_int_equal(e.code, ERR_INVALID);
    assert_non_null(json_object_get(e.details, "name"));
    assert_non_null(json_object_get(e.details, "type"));
    assert_non_null(json_object_get(e.details, "colour"));
    assert_non_null(json_object_get(e.details, "id"));
    err_clear(&e);

    /* Wrong JSON types. */
    o = validate("memberships",
                 "{\"consortium_id\":\"1\",\"organization_id\":1,\"role\":\"chair\","
                 "\"term\":1.5}",
                 1, &e);
    assert_null(o);
    assert_non_null(json_object_get(e.details, "consortium_id"));
    assert_non_null(json_object_get(e.details, "term"));
    err_clear(&e);

    /* Update: only given fields; immutable ones refused. */
    o = validate("memberships", "{\"role\":\"理事长单位\"}", 0, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "role")), "chair");
    json_decref(o);
    o = validate("memberships", "{\"organization_id\":3}", 0, &e);
    assert_null(o);
    assert_non_null(json_object_get(e.details, "organization_id"));
    err_clear(&e);

    /* Id lists: at least two parties, no duplicates. */
    o = validate("agreements",
                 "{\"consortium_id\":1,\"title\":\"战略合作协议\",\"type\":\"strategic\","
                 "\"parties\":[1],\"status\":\"signed\"}",
                 1, &e);
    assert_null(o);
    assert_non_null(json_object_get(e.details, "parties"));
    err_clear(&e);
    o = validate("agreements",
                 "{\"consortium_id\":1,\"title\":\"战略合作协议\",\"type\":\"战略合作\","
                 "\"parties\":[1,1],\"status\":\"signed\"}",
                 1, &e);
    assert_null(o);
    err_clear(&e);

    /* Text length counts characters, not bytes: 100 Chinese characters fit. */
    char name[400] = "{\"name\":\"";
    for (int i = 0; i < 100; i++)
        strcat(name, "汽");
    strcat(name, "\",\"type\":\"enterprise\"}");
    o = validate("organizations", name, 1, &e);
    assert_non_null(o);
    json_decref(o);
}

static void test_parse_text(void **state)
{
    const entity_def *m = entity_find("memberships");
    const entity_def *c = entity_find("consortia");
    const entity_def *a = entity_find("agreements");
    char msg[256];
    json_t *v = entity_parse_text(entity_field(m, "term"), "2024.0", msg, sizeof msg);
    assert_null(v); /* term is 1..99 */
    v = entity_parse_text(entity_field(m, "term"), "3", msg, sizeof msg);
    assert_int_equal(json_integer_value(v), 3);
    json_decref(v);
    v = entity_parse_text(entity_field(m, "joined_on"), "2024/5/1", msg, sizeof msg);
    assert_string_equal(json_string_value(v), "2024-05-01");
    json_decref(v);
    v = entity_parse_text(entity_field(m, "joined_on"), "2024年5月1日", msg, sizeof msg);
    assert_string_equal(json_string_value(v), "2024-05-01");
    json_decref(v);
    v = entity_parse_text(entity_field(m, "joined_on"), "2024-02-30", msg, sizeof msg);
    assert_null(v);
    v = entity_parse_text(entity_field(m, "role"), "副秘书长单位", msg, sizeof msg);
    assert_string_equal(json_string_value(v), "deputy_secretary_general");
    json_decref(v);
    v = entity_parse_text(entity_field(c, "is_public"), "是", msg, sizeof msg);
    assert_true(json_is_true(v));
    json_decref(v);
    v = entity_parse_text(entity_field(c, "is_public"), "maybe", msg, sizeof msg);
    assert_null(v);
    v = entity_parse_text(entity_field(a, "parties"), "1；2、3", msg, sizeof msg);
    assert_int_equal(json_array_size(v), 3);
    json_decref(v);
    /* Empty optional cell is null; empty required cell is an error. */
    v = entity_parse_text(entity_field(m, "note"), "  ", msg, sizeof msg);
    assert_true(json_is_null(v));
    v = entity_parse_text(entity_field(m, "role"), "", msg, sizeof msg);
    assert_null(v);
}

static void test_governance(void **state)
{
    store_tally t = {.votes_for = 2,
                     .votes_against = 1,
                     .votes_abstain = 0,
                     .council_units = 3,
                     .member_units = 10};
    governance_result r = governance_decide("two_thirds", "council", &t);
    assert_int_equal(r.base, 3);
    assert_int_equal(r.required, 2);
    assert_true(r.passed);
    t.votes_for = 1;
    assert_false(governance_decide("two_thirds", "council", &t).passed);
    /* 7 council units: two thirds is 5 (4.67 rounded up). */
    t = (store_tally){.votes_for = 4, .council_units = 7};
    assert_int_equal(governance_decide("two_thirds", "council", &t).required, 5);
    assert_false(governance_decide("two_thirds", "council", &t).passed);
    /* Majority of those voting: abstentions count in the base. */
    t = (store_tally){.votes_for = 2, .votes_against = 1, .votes_abstain = 1};
    assert_false(governance_decide("majority", "present", &t).passed);
    t.votes_for = 3;
    assert_true(governance_decide("majority", "present", &t).passed);
    /* Unanimous; empty base never passes; unknown rule never passes. */
    t = (store_tally){.votes_for = 3};
    assert_true(governance_decide("unanimous", "present", &t).passed);
    t.votes_against = 1;
    assert_false(governance_decide("unanimous", "present", &t).passed);
    t = (store_tally){0};
    assert_false(governance_decide("majority", "present", &t).passed);
    t.votes_for = 5;
    assert_false(governance_decide("most", "present", &t).passed);
    assert_false(governance_decide("majority", "everyone", &t).passed);
}

static void test_descriptions_consistent(void **state)
{
    /* Every entity starts with id, every enum has options, every ref
     * names a known entity, and F_MEMBER fields point at organisations. */
    for (const entity_def *const *d = entity_all; *d; d++) {
        assert_string_equal((*d)->fields[0].name, "id");
        for (const field_def *f = (*d)->fields; f->name; f++) {
            if (f->type == FT_ENUM)
                assert_non_null(f->opts);
            if (f->type == FT_REF || f->type == FT_IDLIST)
                assert_non_null(entity_find(f->ref));
            if (f->type == FT_TEXT && f->ref) /* a catalogue code */
                assert_true(!strcmp(f->ref, "occupations") || !strcmp(f->ref, "majors") ||
                            !strcmp(f->ref, "regions"));
            if (f->flags & F_MEMBER)
                assert_string_equal(f->ref, "organizations");
        }
        if ((*d)->consortium_field)
            assert_non_null(entity_field(*d, (*d)->consortium_field));
        if ((*d)->org_field)
            assert_non_null(entity_field(*d, (*d)->org_field));
        if ((*d)->org2_field)
            assert_non_null(entity_field(*d, (*d)->org2_field));
        /* Shared fields: a reference field, and a field of that name on
         * both sides. */
        for (const entity_agree *a = (*d)->agree; a && a->ref_field; a++) {
            const field_def *rf = entity_field(*d, a->ref_field);
            assert_non_null(rf);
            assert_int_equal(rf->type, FT_REF);
            assert_non_null(entity_field(*d, a->field));
            assert_non_null(entity_field(entity_find(rf->ref), a->field));
        }
        for (const entity_link *l = (*d)->linked_readers; l && l->entity; l++) {
            const entity_def *ld = entity_find(l->entity);
            assert_non_null(ld);
            /* The link row names this row, or (row_field) what this
             * row's row_field names (a co-owner names a booking's facility). */
            const field_def *rowf = l->row_field ? entity_field(*d, l->row_field) : NULL;
            assert_true(!l->row_field || rowf);
            assert_string_equal(entity_field(ld, l->ref_field)->ref, rowf ? rowf->ref : (*d)->name);
            assert_string_equal(entity_field(ld, l->org_field)->ref, "organizations");
            assert_true(!l->role_field || (entity_field(ld, l->role_field) && l->roles));
        }
    }
    size_t n = 0;
    while (entity_all[n])
        n++;
    json_t *meta = entity_meta_json();
    assert_int_equal(json_integer_value(json_object_get(meta, "total")), (json_int_t)n);
    assert_true(n >= 24);
    json_decref(meta);
}

/* A file field (FT_FILE) takes an uploaded file's id, 64 hex digits, kept
 * in lower case, from JSON and from a sheet's cell; anything else is
 * refused with a message. */
static void test_file_field(void **state)
{
    (void)state;
    const entity_def *d = entity_find("agreements");
    const field_def *f = entity_field(d, "signed_scan");
    assert_non_null(f);
    assert_int_equal(f->type, FT_FILE);
    char msg[256] = "", up[65], low[65];
    for (int i = 0; i < 64; i++) {
        up[i] = "0123456789ABCDEF"[i % 16];
        low[i] = "0123456789abcdef"[i % 16];
    }
    up[64] = low[64] = '\0';
    json_t *v = entity_parse_text(f, up, msg, sizeof msg);
    assert_non_null(v);
    assert_string_equal(json_string_value(v), low);
    json_decref(v);
    assert_null(entity_parse_text(f, "scan.pdf", msg, sizeof msg));
    assert_non_null(strstr(msg, "64 hex"));
    json_t *in = json_pack("{s:i}", "signed_scan", 5), *out = json_object();
    err_t e = ERR_INIT;
    assert_int_equal(entity_validate(d, in, false, out, &e), -1);
    assert_non_null(json_object_get(e.details, "signed_scan"));
    err_clear(&e);
    json_decref(in);
    json_decref(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_credit_code),   cmocka_unit_test(test_region_and_date),
        cmocka_unit_test(test_validate_json), cmocka_unit_test(test_parse_text),
        cmocka_unit_test(test_governance),    cmocka_unit_test(test_descriptions_consistent),
        cmocka_unit_test(test_file_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
