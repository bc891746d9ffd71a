/*
 * test_gap.c — gap analysis: the arithmetic of domain/gap.c against
 * figures worked out by hand, the rounding, the recommendation rule, and
 * the store's running totals (triggers) through inserts, status changes,
 * edits and soft deletes, with the consortium's own crosswalk replacing
 * the shared one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/gap.h"
#include "domain/record.h"
#include "domain/talent.h"
#include "io/report_table.h"
#include "store/store.h"

#include "fixture.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static const gap_row *row_of(const gap_row *rows, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].code, code))
            return &rows[i];
    return NULL;
}

/* Worked example.
 *   D: o1 = 100, o2 = 50, o3 = 30 (o3: no major feeds it), o1 listed twice (60 + 40).
 *   G: m1 = 80, m2 = 40, m3 = 10 (no crosswalk row), m4 = 20.
 *   Links: m1→o1 w3, m1→o2 w1 (w = 3/4, 1/4);
 *          m2→o1, m2→o2 without weights (1/2 each);
 *          m4→o2 w2, m4→o4 empty (counts 0: w = 1, 0).
 *   S(o1) = 80·3/4 + 40/2 = 80;  S(o2) = 80/4 + 40/2 + 20 = 60;  S(o4) = 0.
 *   gap(o1) = 20, gap(o2) = −10, gap(o3) = 30 (unserved).
 *   demand(m1) = 100·60/80 + 50·20/60 = 75 + 16.666… = 91.666…
 *   demand(m2) = 100·20/80 + 50·20/60 = 25 + 16.666… = 41.666…
 *   demand(m4) = 50·20/60 = 16.666…;  demand(m3) = 0. */
static void test_worked_example(void **state)
{
    gap_amount D[] = {{"o1", 60}, {"o2", 50}, {"o3", 30}, {"o1", 40}};
    gap_amount G[] = {{"m1", 80}, {"m2", 40}, {"m3", 10}, {"m4", 20}};
    gap_link L[] = {{"m1", "o1", 3, true},  {"m1", "o2", 1, true}, {"m2", "o1", 0, false},
                    {"m2", "o2", 0, false}, {"m4", "o2", 2, true}, {"m4", "o4", 0, false}};
    gap_result g;
    assert_int_equal(gap_compute(D, 4, G, 4, L, 6, &g), 0);

    assert_int_equal(g.n_occupations, 3); /* o4: no demand and no supply */
    const gap_row *o1 = row_of(g.occupations, g.n_occupations, "o1");
    const gap_row *o2 = row_of(g.occupations, g.n_occupations, "o2");
    const gap_row *o3 = row_of(g.occupations, g.n_occupations, "o3");
    assert_non_null(o1);
    NEAR(o1->demand, 100);
    NEAR(o1->supply, 80);
    NEAR(o1->gap, 20);
    NEAR(o2->supply, 60);
    NEAR(o2->gap, -10);
    NEAR(o3->supply, 0);
    NEAR(o3->gap, 30);
    assert_null(row_of(g.occupations, g.n_occupations, "o4"));
    /* Biggest shortage first. */
    assert_string_equal(g.occupations[0].code, "o3");
    assert_string_equal(g.occupations[1].code, "o1");
    assert_string_equal(g.occupations[2].code, "o2");

    assert_int_equal(g.n_majors, 4);
    const gap_row *m1 = row_of(g.majors, 4, "m1"), *m2 = row_of(g.majors, 4, "m2"),
                  *m3 = row_of(g.majors, 4, "m3"), *m4 = row_of(g.majors, 4, "m4");
    NEAR(m1->demand, 75 + 50.0 / 3);
    NEAR(m1->gap, 75 + 50.0 / 3 - 80);
    NEAR(m2->demand, 25 + 50.0 / 3);
    NEAR(m3->demand, 0);
    NEAR(m3->gap, -10);
    NEAR(m4->demand, 50.0 / 3);
    /* Demand is shared out, not invented: Σ demand(m) = Σ D(o) over
     * served occupations. */
    NEAR(m1->demand + m2->demand + m4->demand, 150);

    /* Flows: m4→o4 has w = 0 and is not one. */
    assert_int_equal(g.n_flows, 5);
    gap_result_free(&g);
}

static void test_zero_weights_and_empty(void **state)
{
    /* A major whose weights sum to 0 feeds nothing. */
    gap_amount D[] = {{"o1", 10}};
    gap_amount G[] = {{"m1", 5}};
    gap_link L[] = {{"m1", "o1", 0, true}};
    gap_result g;
    gap_compute(D, 1, G, 1, L, 1, &g);
    assert_int_equal(g.n_occupations, 1);
    NEAR(g.occupations[0].supply, 0);
    NEAR(g.majors[0].demand, 0);
    assert_int_equal(g.n_flows, 0);
    gap_result_free(&g);

    gap_compute(NULL, 0, NULL, 0, NULL, 0, &g);
    assert_int_equal(g.n_occupations + g.n_majors + g.n_flows, 0);
    gap_result_free(&g);
}

static void test_round_and_action(void **state)
{
    NEAR(gap_round2(0.285), 0.29);
    NEAR(gap_round2(1.005), 1.01);
    NEAR(gap_round2(2.675), 2.68);
    NEAR(gap_round2(-0.125), -0.13);
    NEAR(gap_round2(0.124999), 0.12);
    NEAR(gap_round2(91.6666666), 91.67);
    assert_false(signbit(gap_round2(-0.001)));
    double r;
    assert_string_equal(gap_action(100, 120, 1.2, 0.8, &r), "expand");
    NEAR(r, 1.2);
    assert_string_equal(gap_action(100, 119.4, 1.2, 0.8, &r), "hold");
    assert_string_equal(gap_action(100, 80, 1.2, 0.8, &r), "shrink");
    assert_string_equal(gap_action(0, 80, 1.2, 0.8, &r), "hold");
    NEAR(r, -1);
}

/* ---- the store's running totals ---------------------------------------- */

typedef struct {
    fx_db db;
    int64_t cid, firm, school;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    fx_open(&f->db, "gap");
    fx_catalog(&f->db);
    f->cid = fx_consortium(&f->db, "测试联合体", true);
    f->firm = fx_member(&f->db, f->cid, "示例企业", "enterprise");
    f->school = fx_member(&f->db, f->cid, "示例高职学院", "higher_vocational");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    fx_close(&f->db);
    free(f);
    return 0;
}

static int64_t demand(fixture *f, const char *occ, const char *kind, int n, int period,
                      const char *status)
{
    return fx_id(
        fx_make(&f->db, "demand",
                "{\"consortium_id\":%lld,\"enterprise_id\":%lld,\"occupation_code\":\"%s\","
                "\"job_title\":\"岗位测试\",\"kind\":\"%s\",\"headcount\":%d,\"period\":%d,"
                "\"status\":\"%s\"}",
                (long long)f->cid, (long long)f->firm, occ, kind, n, period, status));
}

static double D_of(fixture *f, int period, const char *kind, const char *occ)
{
    store_gap_inputs in;
    err_t e = ERR_INIT;
    assert_int_equal(store_gap_inputs_get(f->db.sc, f->cid, period, kind, &in, &e), 0);
    double v = 0;
    for (size_t i = 0; i < in.nd; i++)
        if (!strcmp(in.demand[i].code, occ))
            v += in.demand[i].amount;
    store_gap_inputs_free(&in);
    return v;
}

static void patch(fixture *f, const char *entity, int64_t id, const char *json)
{
    err_t e = ERR_INIT;
    json_t *in = json_loads(json, 0, NULL);
    int rc = record_update(f->db.sc, &f->db.sys, entity_find(entity), id, in, NULL, &e);
    if (rc != 0)
        fprintf(stderr, "patch: %s\n", e.message);
    assert_int_equal(rc, 0);
    json_decref(in);
}

static void test_totals_follow_every_change(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    int64_t a = demand(f, "6-22-02-01", "employment", 30, 2025, "published");
    int64_t b = demand(f, "6-22-02-01", "internship", 10, 2025, "published");
    int64_t c = demand(f, "6-22-02-01", "employment", 7, 2025, "draft");
    NEAR(D_of(f, 2025, NULL, "6-22-02-01"), 40);
    NEAR(D_of(f, 2025, "internship", "6-22-02-01"), 10);
    patch(f, "demand", c, "{\"status\":\"published\"}");
    NEAR(D_of(f, 2025, NULL, "6-22-02-01"), 47);
    patch(f, "demand", a, "{\"headcount\":20,\"occupation_code\":\"4-12-01-01\"}");
    NEAR(D_of(f, 2025, NULL, "6-22-02-01"), 17);
    NEAR(D_of(f, 2025, NULL, "4-12-01-01"), 20);
    patch(f, "demand", b, "{\"status\":\"closed\"}");
    NEAR(D_of(f, 2025, NULL, "6-22-02-01"), 7);
    patch(f, "demand", a, "{\"period\":2026}");
    NEAR(D_of(f, 2025, NULL, "4-12-01-01"), 0);
    NEAR(D_of(f, 2026, NULL, "4-12-01-01"), 20);
    assert_int_equal(record_delete(f->db.sc, &f->db.sys, entity_find("demand"), c, &e), 0);
    NEAR(D_of(f, 2025, NULL, "6-22-02-01"), 0);

    /* Supply, and the crosswalk: shared until the consortium has its own. */
    int64_t s =
        fx_id(fx_make(&f->db, "supply",
                      "{\"consortium_id\":%lld,\"school_id\":%lld,\"major_code\":\"460702\","
                      "\"level\":\"higher\",\"period\":2026,\"graduates\":40}",
                      (long long)f->cid, (long long)f->school));
    json_decref(fx_make(&f->db, "crosswalk",
                        "{\"major_code\":\"460702\",\"occupation_code\":\"4-12-01-01\"}"));
    json_t *out = NULL;
    assert_int_equal(talent_gap(f->db.sc, f->cid, 2026, NULL, false, &out, &e), 0);
    assert_string_equal(json_string_value(json_object_get(out, "crosswalk")), "shared");
    json_t *it = json_array_get(json_object_get(out, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(it, "code")), "4-12-01-01");
    assert_string_equal(json_string_value(json_object_get(it, "name")), "汽车维修工");
    NEAR(json_real_value(json_object_get(it, "supply")), 40);
    NEAR(json_real_value(json_object_get(it, "gap")), -20);
    json_decref(out);

    json_decref(fx_make(
        &f->db, "crosswalk",
        "{\"consortium_id\":%lld,\"major_code\":\"460702\",\"occupation_code\":\"6-22-02-01\"}",
        (long long)f->cid));
    assert_int_equal(talent_gap(f->db.sc, f->cid, 2026, NULL, false, &out, &e), 0);
    assert_string_equal(json_string_value(json_object_get(out, "crosswalk")), "own");
    json_t *uns = json_object_get(out, "unserved");
    assert_int_equal(json_array_size(uns), 1); /* 4-12-01-01 lost its supply */
    assert_string_equal(json_string_value(json_object_get(json_array_get(uns, 0), "code")),
                        "4-12-01-01");
    json_decref(out);

    patch(f, "supply", s, "{\"graduates\":25}");
    store_gap_inputs in;
    assert_int_equal(store_gap_inputs_get(f->db.sc, f->cid, 2026, NULL, &in, &e), 0);
    assert_int_equal(in.ns, 1);
    NEAR(in.supply[0].amount, 25);
    store_gap_inputs_free(&in);
    assert_int_equal(record_delete(f->db.sc, &f->db.sys, entity_find("supply"), s, &e), 0);
    assert_int_equal(store_gap_inputs_get(f->db.sc, f->cid, 2026, NULL, &in, &e), 0);
    NEAR(in.ns ? in.supply[0].amount : 0, 0);
    store_gap_inputs_free(&in);
}

static void test_codes_checked_against_catalogue(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    json_t *in = json_pack("{s:I,s:I,s:s,s:s,s:s,s:i,s:i,s:s}", "consortium_id", (json_int_t)f->cid,
                           "enterprise_id", (json_int_t)f->firm, "occupation_code", "6-99-99-99",
                           "job_title", "岗位", "kind", "employment", "headcount", 1, "period",
                           2025, "status", "published");
    json_t *row = NULL;
    assert_int_equal(record_create(f->db.sc, &f->db.sys, entity_find("demand"), in, &row, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_non_null(json_object_get(e.details, "occupation_code"));
    err_clear(&e);
    json_object_set_new(in, "occupation_code", json_string("6-22"));
    json_object_set_new(in, "skills", json_string(" 焊接；装配、 调试 ;;"));
    assert_int_equal(record_create(f->db.sc, &f->db.sys, entity_find("demand"), in, &row, &e), 0);
    assert_string_equal(json_string_value(json_object_get(row, "skills")), "焊接、装配、调试");
    json_decref(row);
    json_decref(in);
}

static void test_report_is_a_snapshot(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    int64_t a = demand(f, "6-22-02-01", "employment", 12, 2024, "published");
    json_t *rep = NULL;
    assert_int_equal(talent_report_publish(f->db.sc, &f->db.sys, f->cid, 2024, NULL, &rep, &e), 0);
    int64_t id = json_integer_value(json_object_get(rep, "id"));
    assert_string_equal(json_string_value(json_object_get(rep, "title")),
                        "测试联合体2024年人才需求动态");
    json_t *sum = json_object_get(rep, "summary");
    NEAR(json_real_value(json_object_get(sum, "headcount")), 12);
    assert_int_equal(json_array_size(json_object_get(rep, "items")), 1);
    json_decref(rep);

    patch(f, "demand", a, "{\"headcount\":99}");
    demand(f, "4-12-01-01", "employment", 5, 2024, "published");
    caller_t anon = {0};
    assert_int_equal(talent_report_get(f->db.sc, &anon, id, &rep, &e), 0);
    sum = json_object_get(rep, "summary");
    NEAR(json_real_value(json_object_get(sum, "headcount")), 12);
    assert_int_equal(json_array_size(json_object_get(rep, "items")), 1);
    buf_t csv;
    buf_init(&csv);
    assert_int_equal(report_table_demand(rep, "items", TABLE_CSV, false, &csv, &e), 0);
    assert_non_null(strstr(csv.data, "企业,岗位名称,职业编码"));
    assert_non_null(strstr(csv.data, "示例企业,岗位测试,6-22-02-01,汽车装调工,就业,12"));
    buf_free(&csv);
    json_decref(rep);

    /* Only the secretariat (or an admin) publishes. */
    caller_t staff = {0};
    staff.user_id = 99;
    snprintf(staff.role, sizeof staff.role, "org_staff");
    staff.org_id = f->firm;
    assert_int_equal(talent_report_publish(f->db.sc, &staff, f->cid, 2024, NULL, &rep, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_zero_weights_and_empty),
        cmocka_unit_test(test_round_and_action),
        cmocka_unit_test_setup_teardown(test_totals_follow_every_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_codes_checked_against_catalogue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_is_a_snapshot, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
