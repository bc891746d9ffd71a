/*
 * test_consortium_profile.c — the consortium's profile (issue 12): the
 * parent rule of domain/profile.c (never itself, never a cycle, a deleted
 * parent ends the chain) and the child_consortia measure (live children,
 * recognised — or founded — by the cut-off, undated ones counted, with
 * its drill-down).  The API side is tests/api/test_consortium_profile.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "domain/measures.h"
#include "domain/record.h"
#include "fixture.h"

static int set_parent(fx_db *f, int64_t id, int64_t parent, err_t *e)
{
    json_t *patch = json_pack("{s:I}", "parent_id", (json_int_t)parent), *row = NULL;
    int rc = record_update(f->sc, &f->sys, entity_find("consortia"), id, patch, &row, e);
    json_decref(patch);
    json_decref(row);
    return rc;
}

static bool parent_refused(err_t *e)
{
    return e->code == ERR_INVALID && e->details && json_object_get(e->details, "parent_id") != NULL;
}

static void test_parent_rule(void **state)
{
    (void)state;
    fx_db f;
    fx_open(&f, "profile_parent");
    int64_t a = fx_consortium(&f, "甲联合体", true), b = fx_consortium(&f, "乙联合体", true),
            c = fx_consortium(&f, "丙联合体", true);
    err_t e = ERR_INIT;
    assert_int_not_equal(set_parent(&f, a, a, &e), 0);
    assert_true(parent_refused(&e));
    err_clear(&e);
    /* b under a, c under b: fine; then a under c would be a cycle. */
    assert_int_equal(set_parent(&f, b, a, &e), 0);
    assert_int_equal(set_parent(&f, c, b, &e), 0);
    assert_int_not_equal(set_parent(&f, a, c, &e), 0);
    assert_true(parent_refused(&e));
    err_clear(&e);
    assert_int_not_equal(set_parent(&f, a, b, &e), 0);
    err_clear(&e);
    /* A new consortium may name any parent. */
    json_t *row = NULL;
    assert_int_equal(fx_create(&f, &f.sys, "consortia", &row, &e,
                               "{\"name\":\"丁联合体\",\"kind\":\"city\",\"level\":\"municipal\","
                               "\"parent_id\":%lld}",
                               (long long)c),
                     0);
    json_decref(row);
    fx_close(&f);
}

static double children(fx_db *f, int64_t cid, const char *cutoff, json_t **drill)
{
    double v = -1;
    err_t e = ERR_INIT;
    assert_int_equal(
        measure_compute(f->sc, cid, 2026, cutoff, "child_consortia", NULL, &v, drill, &e), 0);
    return v;
}

static void test_child_consortia(void **state)
{
    (void)state;
    fx_db f;
    fx_open(&f, "profile_children");
    assert_non_null(measure_find("child_consortia"));
    int64_t p = fx_consortium(&f, "上级联合体", true);
    json_t *drill = NULL;
    assert_true(children(&f, p, "2026-12-31", &drill) == 0);
    assert_string_equal(json_string_value(json_object_get(drill, "path")),
                        "/api/v1/consortia?parent_id=1");
    json_decref(drill);
    /* Recognised in 2025, founded 2026 but recognised later, undated. */
    fx_make_id(&f, "consortia",
               "{\"name\":\"子联合体一\",\"kind\":\"city\",\"level\":\"municipal\","
               "\"parent_id\":%lld,\"founded_on\":\"2024-05-01\",\"recognized_on\":\"2025-03-01\"}",
               (long long)p);
    fx_make_id(&f, "consortia",
               "{\"name\":\"子联合体二\",\"kind\":\"city\",\"level\":\"municipal\","
               "\"parent_id\":%lld,\"founded_on\":\"2026-02-01\",\"recognized_on\":\"2026-11-01\"}",
               (long long)p);
    int64_t undated = fx_make_id(&f, "consortia",
                                 "{\"name\":\"子联合体三\",\"kind\":\"city\",\"level\":"
                                 "\"municipal\",\"parent_id\":%lld}",
                                 (long long)p);
    /* Another consortium's child does not count. */
    int64_t other = fx_consortium(&f, "别的联合体", true);
    fx_make_id(&f, "consortia",
               "{\"name\":\"别人的子联合体\",\"kind\":\"city\",\"level\":\"municipal\","
               "\"parent_id\":%lld,\"founded_on\":\"2020-01-01\"}",
               (long long)other);
    assert_true(children(&f, p, "2024-12-31", NULL) == 1); /* the undated one */
    assert_true(children(&f, p, "2025-06-30", NULL) == 2);
    assert_true(children(&f, p, "2026-12-31", NULL) == 3);
    err_t e = ERR_INIT;
    assert_int_equal(record_delete(f.sc, &f.sys, entity_find("consortia"), undated, &e), 0);
    assert_true(children(&f, p, "2026-12-31", NULL) == 2);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parent_rule),
        cmocka_unit_test(test_child_consortia),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
