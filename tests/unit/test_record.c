/*
 * test_record.c — record revisions (domain/record.c, issue 15): the entity
 * tag a caller is shown, the If-Match / If-None-Match lists, and updates
 * and deletes under a precondition — a stale revision changes nothing,
 * writes nothing to the audit log and leaves no transaction open; the
 * permission checks come first; every store write moves the revision on,
 * the hand-written ones too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/record.h"
#include "store/store_internal.h"

#include "fixture.h"

typedef fx_db fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    fx_open(f, "record");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    fx_close(f);
    free(f);
    return 0;
}

static int64_t count(store_conn *c, const char *sql)
{
    db_stmt *st = conn_stmt(c, sql, NULL);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_column_int64(st, 0);
    db_reset(st);
    return n;
}

static int64_t revision(fixture *f, const char *entity, int64_t id)
{
    json_t *row = NULL;
    err_t e = ERR_INIT;
    assert_int_equal(store_entity_get(f->sc, entity_find(entity), id, &row, &e), 0);
    int64_t r = json_integer_value(json_object_get(row, "revision"));
    json_decref(row);
    return r;
}

static void test_tag_lists(void **state)
{
    (void)state;
    static const struct {
        const char *header;
        bool weak;
        int want;
    } cases[] = {
        {"\"3\"", false, 1},
        {"\"2\"", false, 0},
        {"*", false, 1},
        {"  \"1\" , \"3\"  ", false, 1},
        {"\"1\",\"2\"", false, 0},
        {"W/\"3\"", false, 0}, /* If-Match compares strongly */
        {"W/\"3\"", true, 1},  /* If-None-Match weakly */
        {"\"3-partial\"", false, 0},
        {"\"a,b\", \"3\"", false, 1}, /* a comma inside a tag is part of it */
        {"3", false, -1},
        {"\"3", false, -1},
        {"\"3\" x", false, -1},
        {"", false, -1},
        {" , ", false, -1},
        {"w/\"3\"", true, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int got = record_etag_matches(cases[i].header, "\"3\"", cases[i].weak);
        if (got != cases[i].want)
            fail_msg("%s (weak %d): %d, want %d", cases[i].header, cases[i].weak, got,
                     cases[i].want);
    }
}

static void test_etag_follows_what_the_caller_sees(void **state)
{
    fixture *f = *state;
    const entity_def *orgs = entity_find("organizations");
    int64_t id = fx_org(f, "标记单位", "enterprise");
    json_t *row = NULL;
    err_t e = ERR_INIT;
    char etag[48];
    assert_int_equal(record_get(f->sc, &f->sys, orgs, id, &row, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(row, "revision")), 1);
    record_etag(orgs, row, etag, sizeof etag);
    assert_string_equal(etag, "\"1\"");
    json_decref(row);
    /* An anonymous reader is not shown the contact fields: another
     * representation, another tag. */
    caller_t anon = fx_caller(NULL, 0, 0, 0);
    assert_int_equal(record_get(f->sc, &anon, orgs, id, &row, &e), 0);
    assert_null(json_object_get(row, "contact_phone"));
    record_etag(orgs, row, etag, sizeof etag);
    assert_string_equal(etag, "\"1-partial\"");
    json_decref(row);
}

static void test_stale_update_changes_nothing(void **state)
{
    fixture *f = *state;
    const entity_def *orgs = entity_find("organizations");
    int64_t id = fx_org(f, "修订单位", "enterprise");
    json_t *row = NULL;
    err_t e = ERR_INIT;

    json_t *patch = json_pack("{s:s}", "address", "一号");
    assert_int_equal(record_update_if(f->sc, &f->sys, orgs, id, patch, "\"1\"", &row, &e), 0);
    json_decref(patch);
    assert_int_equal(json_integer_value(json_object_get(row, "revision")), 2);
    json_decref(row);

    int64_t audits = count(f->sc, "SELECT count(*) FROM audit_log");
    patch = json_pack("{s:s,s:s}", "address", "旧表单", "website", "old.cn");
    assert_int_equal(record_update_if(f->sc, &f->sys, orgs, id, patch, "\"1\"", &row, &e), -1);
    assert_int_equal(e.code, ERR_PRECONDITION);
    assert_int_equal(err_http_status(e.code), 412);
    assert_string_equal(err_code_name(e.code), "precondition_failed");
    assert_non_null(strstr(e.message, "该记录已被他人修改"));
    assert_string_equal(json_string_value(json_object_get(e.details, "revision")), "2");
    assert_string_equal(json_string_value(json_object_get(e.details, "etag")), "\"2\"");
    err_clear(&e);
    assert_false(store_in_tx(f->sc));
    assert_int_equal(count(f->sc, "SELECT count(*) FROM audit_log"), audits);
    assert_int_equal(revision(f, "organizations", id), 2);
    assert_int_equal(store_entity_get(f->sc, orgs, id, &row, &e), 0);
    assert_string_equal(json_string_value(json_object_get(row, "address")), "一号");
    assert_true(json_is_null(json_object_get(row, "website")));
    json_decref(row);

    /* The precondition is checked before the body: a stale form with a bad
     * field hears 412, not 422. */
    json_t *bad = json_pack("{s:s}", "credit_code", "nonsense");
    assert_int_equal(record_update_if(f->sc, &f->sys, orgs, id, bad, "\"1\"", NULL, &e), -1);
    assert_int_equal(e.code, ERR_PRECONDITION);
    err_clear(&e);
    /* A value that is no list of tags is a bad request. */
    assert_int_equal(record_update_if(f->sc, &f->sys, orgs, id, patch, "2", NULL, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    err_clear(&e);
    /* "*" and no condition at all write. */
    assert_int_equal(record_update_if(f->sc, &f->sys, orgs, id, patch, "*", NULL, &e), 0);
    assert_int_equal(record_update(f->sc, &f->sys, orgs, id, bad, NULL, &e), -1);
    err_clear(&e);
    assert_int_equal(revision(f, "organizations", id), 3);
    json_decref(bad);
    json_decref(patch);
}

static void test_inside_a_callers_transaction(void **state)
{
    fixture *f = *state;
    const entity_def *orgs = entity_find("organizations");
    int64_t id = fx_org(f, "事务单位", "enterprise");
    err_t e = ERR_INIT;
    json_t *patch = json_pack("{s:s}", "address", "二号");
    assert_int_equal(store_begin(f->sc, &e), 0);
    assert_int_equal(record_update_if(f->sc, &f->sys, orgs, id, patch, "\"1\"", NULL, &e), 0);
    /* The second write sees the first one's revision in the same
     * transaction. */
    assert_int_equal(record_update_if(f->sc, &f->sys, orgs, id, patch, "\"1\"", NULL, &e), -1);
    assert_int_equal(e.code, ERR_PRECONDITION);
    err_clear(&e);
    assert_int_equal(record_update_if(f->sc, &f->sys, orgs, id, patch, "\"2\"", NULL, &e), 0);
    assert_int_equal(store_commit(f->sc, &e), 0);
    assert_int_equal(revision(f, "organizations", id), 3);
    json_decref(patch);
}

static void test_stale_delete_keeps_the_row(void **state)
{
    fixture *f = *state;
    const entity_def *orgs = entity_find("organizations");
    int64_t id = fx_org(f, "删除单位", "enterprise");
    err_t e = ERR_INIT;
    json_t *patch = json_pack("{s:s}", "address", "三号");
    assert_int_equal(record_update(f->sc, &f->sys, orgs, id, patch, NULL, &e), 0);
    json_decref(patch);
    assert_int_equal(record_delete_if(f->sc, &f->sys, orgs, id, "\"1\"", &e), -1);
    assert_int_equal(e.code, ERR_PRECONDITION);
    err_clear(&e);
    assert_int_equal(revision(f, "organizations", id), 2);
    assert_int_equal(record_delete_if(f->sc, &f->sys, orgs, id, "\"2\"", &e), 0);
    json_t *row = NULL;
    assert_int_equal(store_entity_get(f->sc, orgs, id, &row, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    err_clear(&e);
    /* The soft delete moved the revision on as well. */
    assert_int_equal(count(f->sc, "SELECT revision FROM organizations WHERE deleted_at IS NOT "
                                  "NULL ORDER BY id DESC LIMIT 1"),
                     3);
}

static void test_permission_before_revision(void **state)
{
    fixture *f = *state;
    const entity_def *orgs = entity_find("organizations");
    int64_t id = fx_org(f, "他人单位", "enterprise");
    int64_t mine = fx_org(f, "自己单位", "enterprise");
    int64_t uid = fx_user(f, "rec_staff", "org_staff", mine, 0);
    caller_t staff = fx_caller("org_staff", uid, mine, 0);
    err_t e = ERR_INIT;
    json_t *patch = json_pack("{s:s}", "address", "x");
    assert_int_equal(record_update(f->sc, &f->sys, orgs, id, patch, NULL, &e), 0);
    /* Stale and not allowed: 403, the revision is not the stranger's to
     * learn. */
    assert_int_equal(record_update_if(f->sc, &staff, orgs, id, patch, "\"1\"", NULL, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    assert_null(json_object_get(e.details, "revision"));
    err_clear(&e);
    assert_int_equal(record_delete_if(f->sc, &staff, orgs, id, "\"1\"", &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);
    json_decref(patch);
}

static void test_hand_written_writes_move_the_revision(void **state)
{
    fixture *f = *state;
    int64_t cid = fx_consortium(f, "修订联合体", true);
    int64_t round = fx_make_id(f, "match_rounds",
                               "{\"consortium_id\":%lld,\"period\":2025,\"title\":\"修订轮次\","
                               "\"positions\":\"internship\",\"max_choices\":3,\"optimal\":"
                               "\"student\"}",
                               (long long)cid);
    err_t e = ERR_INIT;
    assert_int_equal(revision(f, "match_rounds", round), 1);
    assert_int_equal(store_round_set_state(f->sc, round, "open", NULL, NULL, NULL, &e), 0);
    assert_int_equal(revision(f, "match_rounds", round), 2);
    assert_int_equal(store_round_set_proposals(f->sc, round, 5, &e), 0);
    assert_int_equal(revision(f, "match_rounds", round), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tag_lists),
        cmocka_unit_test_setup_teardown(test_etag_follows_what_the_caller_sees, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_update_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inside_a_callers_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_delete_keeps_the_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_permission_before_revision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hand_written_writes_move_the_revision, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
