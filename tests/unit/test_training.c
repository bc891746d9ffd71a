/*
 * test_training.c — the joint-training descriptions' own checks
 * (src/schema/entities_training.c): ISBN-13 and ISBN-10 check digits
 * (hyphens, blanks, an "ISBN" prefix and an X allowed; what does not look
 * like an ISBN taken as an identifier), major and occupation code lists,
 * and the cross-field checks of secondments and cohorts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "schema/entity.h"

static int run_check(const char *entity, const char *field, const char *s)
{
    const field_def *f = entity_field(entity_find(entity), field);
    assert_non_null(f);
    assert_non_null(f->check);
    char msg[200] = "";
    return f->check(s, msg, sizeof msg);
}

static void test_isbn(void **state)
{
    (void)state;
    const char *good[] = {
        "9787111213826", "978-7-111-21382-6", "ISBN 978-7-111-21382-6", "0-8044-2957-X",
        "080442957X",    "SMART-EDU-0001",    "数字教材平台 12",        NULL};
    for (const char **s = good; *s; s++)
        assert_int_equal(run_check("teaching_materials", "isbn", *s), 0);
    const char *bad[] = {"9787111213827", "978-7-111-21382-0", "0-8044-2957-1", "0804429578", NULL};
    for (const char **s = bad; *s; s++)
        assert_int_equal(run_check("teaching_materials", "isbn", *s), -1);
}

static void test_code_lists(void **state)
{
    (void)state;
    assert_int_equal(run_check("programs", "major_codes", "460702、460701"), 0);
    assert_int_equal(run_check("programs", "major_codes", "460702、46070X"), -1);
    assert_int_equal(run_check("programs", "occupation_codes", "6-22-02-01、4-12-01-03"), 0);
    assert_int_equal(run_check("courses", "occupation_codes", "6-22-02-01、x"), -1);
}

static json_t *validated(const char *entity, const char *json, err_t *e)
{
    const entity_def *d = entity_find(entity);
    json_t *in = json_loads(json, 0, NULL), *out = json_object();
    assert_non_null(in);
    assert_int_equal(entity_validate(d, in, true, out, e), 0);
    json_decref(in);
    /* The cross-field checks run on the accepted row (domain/record.c). */
    d->validate(d, out, e);
    return out;
}

static void test_cross_field(void **state)
{
    (void)state;
    err_t e = ERR_INIT;
    /* No person, the host is the home, the year is not the start's. */
    json_t *o = validated("secondments",
                          "{\"consortium_id\":1,\"direction\":\"to_enterprise\",\"home_id\":2,"
                          "\"host_id\":2,\"days\":3,\"year\":2025,\"starts_on\":\"2024-05-01\"}",
                          &e);
    assert_non_null(json_object_get(e.details, "person_name"));
    assert_non_null(json_object_get(e.details, "host_id"));
    assert_non_null(json_object_get(e.details, "year"));
    json_decref(o);
    err_clear(&e);
    /* More students than places. */
    o = validated("cohorts",
                  "{\"consortium_id\":1,\"kind\":\"订单班\",\"name\":\"测试班\",\"school_id\":3,"
                  "\"enterprise_id\":4,\"year\":2025,\"size\":1,\"student_ids\":[5,6]}",
                  &e);
    assert_non_null(json_object_get(e.details, "student_ids"));
    assert_string_equal(json_string_value(json_object_get(o, "kind")), "order");
    json_decref(o);
    err_clear(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_isbn),
        cmocka_unit_test(test_code_lists),
        cmocka_unit_test(test_cross_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
