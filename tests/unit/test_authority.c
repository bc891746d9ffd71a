/*
 * test_authority.c — the authority's rule (domain/perm.c,
 * perm_authority_over) and its scopes (schema/entities_authority.c):
 * a region prefix reaches every consortium whose region code starts with
 * it, a named scope one consortium; the authority reads there what a
 * member reads (its register, in lists too), writes nothing, and a
 * consortium outside its scopes is as hidden as to anyone; another role
 * of the same unit oversees nothing.  The scope's own checks: 2, 4 or 6
 * digits, and exactly one of prefix and consortium.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "domain/perm.h"
#include "domain/record.h"
#include "fixture.h"
#include "schema/entity.h"

static int64_t consortium(fx_db *f, const char *name, const char *region)
{
    return fx_make_id(f, "consortia",
                      "{\"name\":\"%s\",\"kind\":\"city\",\"level\":\"municipal\","
                      "\"region_code\":\"%s\",\"is_public\":false}",
                      name, region);
}

static int64_t listed(fx_db *f, const caller_t *c, const char *entity, int64_t cid)
{
    store_query q = {0};
    q.filters = json_pack("{s:I}", "consortium_id", (json_int_t)cid);
    json_t *items = NULL;
    int64_t total = -1;
    err_t e = ERR_INIT;
    assert_int_equal(record_list(f->sc, c, entity_find(entity), &q, &items, &total, &e), 0);
    json_decref(items);
    json_decref(q.filters);
    return total;
}

static void test_scope_by_prefix_and_by_name(void **state)
{
    (void)state;
    fx_db f;
    fx_open(&f, "authority");
    fx_catalog(&f); /* the region codes */
    int64_t gx = consortium(&f, "测试广西联合体", "450200");
    int64_t jl = consortium(&f, "测试吉林联合体", "220100");
    int64_t unit = fx_org(&f, "测试教育厅", "government");
    fx_member(&f, gx, "测试成员企业甲", "enterprise");
    fx_member(&f, jl, "测试成员企业乙", "enterprise");
    fx_make_id(&f, "authority_scopes", "{\"organization_id\":%lld,\"region_prefix\":\"45\"}",
               (long long)unit);
    int64_t uid = fx_user(&f, "test_authority", "authority", unit, 0);
    caller_t au = fx_caller("authority", uid, unit, 0);
    caller_t staff = fx_caller("org_staff", uid, unit, 0);

    assert_true(perm_authority_over(f.sc, &au, gx));
    assert_false(perm_authority_over(f.sc, &au, jl));
    assert_false(perm_authority_over(f.sc, &staff, gx)); /* the role, not the unit */
    assert_true(perm_read_consortium(f.sc, &au, gx));
    assert_false(perm_read_consortium(f.sc, &au, jl));
    assert_int_equal(listed(&f, &au, "memberships", gx), 1);
    assert_int_equal(listed(&f, &au, "memberships", jl), 0);

    /* reads a member's row, changes nothing */
    store_query q = {0};
    q.filters = json_pack("{s:I}", "consortium_id", (json_int_t)gx);
    json_t *items = NULL;
    int64_t total = 0;
    err_t e = ERR_INIT;
    assert_int_equal(record_list(f.sc, &f.sys, entity_find("memberships"), &q, &items, &total, &e),
                     0);
    json_t *row = json_array_get(items, 0);
    assert_int_equal(perm_check(f.sc, &au, entity_find("memberships"), ACT_READ, row, &e), 0);
    assert_int_equal(perm_check(f.sc, &au, entity_find("memberships"), ACT_UPDATE, row, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);
    json_decref(items);
    json_decref(q.filters);

    /* named: one more consortium */
    fx_make_id(&f, "authority_scopes", "{\"organization_id\":%lld,\"consortium_id\":%lld}",
               (long long)unit, (long long)jl);
    assert_true(perm_authority_over(f.sc, &au, jl));
    assert_int_equal(listed(&f, &au, "memberships", jl), 1);
    fx_close(&f);
}

static void test_scope_checks(void **state)
{
    (void)state;
    const field_def *p = entity_field(entity_find("authority_scopes"), "region_prefix");
    char msg[200];
    const char *good[] = {"45", "4502", "450202", NULL};
    const char *bad[] = {"4", "450", "45020", "4502021", "4a", NULL};
    for (const char **s = good; *s; s++)
        assert_int_equal(p->check(*s, msg, sizeof msg), 0);
    for (const char **s = bad; *s; s++)
        assert_int_equal(p->check(*s, msg, sizeof msg), -1);
    const entity_def *d = entity_find("authority_scopes");
    const char *rows[] = {"{\"organization_id\":1}",
                          "{\"organization_id\":1,\"region_prefix\":\"45\",\"consortium_id\":2}",
                          NULL};
    for (const char **r = rows; *r; r++) {
        json_t *row = json_loads(*r, 0, NULL);
        err_t e = ERR_INIT;
        d->validate(d, row, &e);
        assert_non_null(e.details);
        err_clear(&e);
        json_decref(row);
    }
    json_t *ok = json_loads("{\"organization_id\":1,\"region_prefix\":\"45\"}", 0, NULL);
    err_t e = ERR_INIT;
    d->validate(d, ok, &e);
    assert_null(e.details);
    json_decref(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scope_by_prefix_and_by_name),
        cmocka_unit_test(test_scope_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
