/*
 * test_tech_stats.c — the technology platform's figures from hand-made
 * store rows (src/domain/tech_stats.c): every kind, status and standard
 * level present with 0; shares rounded to 3 places and null with no
 * needs; the median wait (odd and even counts, none); funds agreed only
 * for projects that were approved; per-unit rows for needs, answers,
 * led and partnered projects and outputs, by unit id, with names.
 * (Who sees what is tested against the binary: tests/api/test_rd_stats.py.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "domain/tech_stats.h"

static json_t *rows(const char *text)
{
    json_error_t je;
    json_t *r = json_loads(text, 0, &je);
    assert_non_null(r);
    return r;
}

static json_int_t at(json_t *o, const char *a, const char *b)
{
    return json_integer_value(json_object_get(json_object_get(o, a), b));
}

static void test_empty(void **state)
{
    (void)state;
    json_t *r = rows("{\"needs\":[],\"responses\":[],\"projects\":[],\"outputs\":[]}");
    json_t *f = tech_stats_figures(r, NULL, 7, 2025);
    assert_int_equal(json_integer_value(json_object_get(f, "year")), 2025);
    json_t *needs = json_object_get(f, "needs");
    assert_true(json_is_null(json_object_get(needs, "matched_share")));
    assert_true(json_is_null(json_object_get(needs, "median_days_to_first_response")));
    json_t *p = json_object_get(f, "projects");
    assert_int_equal(json_object_size(json_object_get(p, "by_kind")), 5);
    assert_int_equal(json_object_size(json_object_get(p, "by_status")), 7);
    json_t *o = json_object_get(f, "outputs");
    assert_int_equal(json_object_size(json_object_get(o, "by_kind")), 8);
    assert_int_equal(at(o, "standards_by_level", "group"), 0);
    assert_int_equal(json_array_size(json_object_get(f, "units")), 0);
    json_decref(f);
    f = tech_stats_figures(r, NULL, 7, 0);
    assert_true(json_is_null(json_object_get(f, "year")));
    json_decref(f);
    json_decref(r);
}

static void test_figures(void **state)
{
    (void)state;
    json_t *r = rows(
        "{\"needs\":[[1,10,\"2025-03-01\",\"2025-03-04\",1],[2,10,\"2025-05-10\",\"2025-05-20\",0],"
        "[3,11,\"2025-06-01\",null,0],[4,11,\"2025-12-30\",\"2026-01-02\",0]],"
        "\"responses\":[[12,3],[11,1]],"
        "\"projects\":[[1,\"joint_research\",\"running\",12,\"[10]\",200000,120000],"
        "[2,\"service\",\"proposed\",12,null,80000,0],"
        "[3,\"transfer\",\"rejected\",10,\"[12,10]\",50000,0],"
        "[4,\"service\",\"closed\",11,\"[12]\",30000,30000]],"
        "\"outputs\":[[12,\"standard\",\"group\",2,0],[12,\"transfer\",\"\",1,90000],"
        "[11,\"paper\",\"\",1,0]]}");
    json_t *names = rows("{\"10\":\"甲企业\",\"11\":\"乙企业\",\"12\":\"学院\"}");
    json_t *f = tech_stats_figures(r, names, 7, 0);
    json_t *needs = json_object_get(f, "needs");
    assert_int_equal(at(f, "needs", "published"), 4);
    assert_int_equal(at(f, "needs", "answered"), 3);
    assert_int_equal(at(f, "needs", "matched"), 1);
    assert_true(json_real_value(json_object_get(needs, "answered_share")) == 0.75);
    assert_true(json_real_value(json_object_get(needs, "matched_share")) == 0.25);
    /* Waits 3, 10 and 3 (across a year end): the median is 3. */
    assert_int_equal(json_integer_value(json_object_get(needs, "median_days_to_first_response")),
                     3);
    assert_int_equal(at(f, "projects", "total"), 4);
    json_t *p = json_object_get(f, "projects");
    assert_int_equal(at(p, "by_kind", "service"), 2);
    assert_int_equal(at(p, "by_status", "rejected"), 1);
    /* Proposed and rejected budgets are not agreed. */
    assert_int_equal(at(f, "funds", "agreed"), 230000);
    assert_int_equal(at(f, "funds", "received"), 150000);
    json_t *o = json_object_get(f, "outputs");
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 4);
    assert_int_equal(at(o, "standards_by_level", "group"), 2);
    assert_int_equal(at(o, "by_kind", "standard"), 2);
    assert_int_equal(json_integer_value(json_object_get(o, "revenue")), 90000);

    json_t *units = json_object_get(f, "units");
    assert_int_equal(json_array_size(units), 3);
    json_t *u10 = json_array_get(units, 0), *u11 = json_array_get(units, 1),
           *u12 = json_array_get(units, 2);
    assert_string_equal(json_string_value(json_object_get(u10, "name")), "甲企业");
    assert_int_equal(json_integer_value(json_object_get(u10, "needs_published")), 2);
    assert_int_equal(json_integer_value(json_object_get(u10, "needs_matched")), 1);
    /* A lead named among its own partners is not its own partner. */
    assert_int_equal(json_integer_value(json_object_get(u10, "projects_led")), 1);
    assert_int_equal(json_integer_value(json_object_get(u10, "projects_partnered")), 1);
    assert_int_equal(json_integer_value(json_object_get(u10, "funds_agreed")), 0);
    assert_int_equal(json_integer_value(json_object_get(u11, "responses")), 1);
    assert_int_equal(json_integer_value(json_object_get(u11, "outputs")), 1);
    assert_int_equal(json_integer_value(json_object_get(u11, "funds_received")), 30000);
    assert_int_equal(json_integer_value(json_object_get(u12, "projects_led")), 2);
    assert_int_equal(json_integer_value(json_object_get(u12, "projects_partnered")), 2);
    assert_int_equal(json_integer_value(json_object_get(u12, "funds_agreed")), 200000);
    assert_int_equal(json_integer_value(json_object_get(u12, "outputs")), 3);
    assert_int_equal(json_integer_value(json_object_get(u12, "responses")), 3);
    json_decref(f);

    /* An even number of waits: the mean of the middle two. */
    json_array_remove(json_object_get(r, "needs"), 3);
    f = tech_stats_figures(r, names, 7, 0);
    assert_true(json_number_value(json_object_get(json_object_get(f, "needs"),
                                                  "median_days_to_first_response")) == 6.5);
    json_decref(f);
    json_decref(names);
    json_decref(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
