/*
 * test_outcomes.c — placements and outcomes (src/domain/outcomes.c,
 * src/schema/entities_outcomes.c, src/store/store_outcomes.c, and the
 * rules they lean on in domain/record.c and domain/perm.c).
 *
 *   - the figures from hand-made counts: every level and kind present
 *     with 0, technician or above from the level order, only "employed"
 *     delivered, years in order, totals the sums of the years shown, one
 *     year asked for;
 *   - the cross-field checks: year of the date, end not before start, a
 *     row naming a student counts one, person-times not below participants;
 *   - on a fresh database: a placement's school copied from its student
 *     and refused when it differs, a position of another enterprise
 *     refused, person-times generated, and the counts (an intern placed
 *     twice in a year counts once, planned and deleted rows not at all);
 *   - who sees a placement, and the host enterprise reading its intern.
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

#include "domain/batch.h"
#include "domain/outcomes.h"
#include "domain/record.h"
#include "store/store.h"

#include "fixture.h"

static json_int_t jint(json_t *o, const char *path)
{
    /* "a.b.c" */
    char buf[128];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *v = o;
    for (char *save = NULL, *k = strtok_r(buf, ".", &save); k; k = strtok_r(NULL, ".", &save))
        v = json_object_get(v, k);
    assert_non_null(v);
    return json_integer_value(v);
}

/* ---- the figures ------------------------------------------------------- */

static void test_figures_from_counts(void **state)
{
    store_outcome_count c[] = {
        {2025, OUTCOME_INTERNS, "", 201},
        {2024, OUTCOME_INTERNS, "", 203},
        {2024, OUTCOME_PLACEMENTS, "completed", 203},
        {2024, OUTCOME_GRADUATES, "employed", 468},
        {2024, OUTCOME_GRADUATES, "further_study", 12},
        {2025, OUTCOME_GRADUATES, "employed", 501},
        {2024, OUTCOME_CERTIFICATES, "senior", 10},
        {2024, OUTCOME_CERTIFICATES, "technician", 9},
        {2025, OUTCOME_CERTIFICATES, "chief_technician", 1},
        {2025, OUTCOME_CERTIFICATES, "senior_technician", 3},
        {2024, OUTCOME_TRAININGS, "new_occupation", 2},
        {2024, OUTCOME_PARTICIPANTS, "new_occupation", 105},
        {2024, OUTCOME_PERSON_TIMES, "new_occupation", 465},
        {2024, OUTCOME_HOURS, "new_occupation", 144},
        {2019, OUTCOME_GRADUATES, "employed", 352},
    };
    json_t *f = outcomes_figures(c, sizeof c / sizeof *c, 7, 0);
    assert_int_equal(jint(f, "consortium_id"), 7);
    assert_true(json_is_null(json_object_get(f, "year")));
    /* Years in order, with a year that has only graduates. */
    json_t *years = json_object_get(f, "years");
    assert_int_equal(json_array_size(years), 3);
    assert_int_equal(json_integer_value(json_array_get(years, 0)), 2019);
    assert_int_equal(json_integer_value(json_array_get(years, 2)), 2025);
    json_t *y2024 = json_array_get(json_object_get(f, "by_year"), 1);
    assert_int_equal(jint(y2024, "year"), 2024);
    assert_int_equal(jint(y2024, "interns"), 203);
    /* Only the employed are delivered. */
    assert_int_equal(jint(y2024, "graduates_delivered"), 468);
    assert_int_equal(jint(y2024, "graduates_by_kind.further_study"), 12);
    assert_int_equal(jint(y2024, "graduates_by_kind.flexible"), 0);
    /* Every level present, technician or above from 技师 up. */
    assert_int_equal(
        json_object_size(json_object_get(json_object_get(y2024, "certificates"), "by_level")), 7);
    assert_int_equal(jint(y2024, "certificates.by_level.junior"), 0);
    assert_int_equal(jint(y2024, "certificates.total"), 19);
    assert_int_equal(jint(y2024, "certificates.technician_or_above"), 9);
    assert_int_equal(jint(y2024, "training.person_times"), 465);
    assert_int_equal(jint(y2024, "training.by_kind.new_occupation.participants"), 105);
    assert_int_equal(jint(y2024, "training.by_kind.teacher.person_times"), 0);
    assert_int_equal(jint(y2024, "training.hours"), 144);
    assert_int_equal(jint(y2024, "placements.by_status.planned"), 0);
    assert_int_equal(jint(y2024, "placements.by_status.completed"), 203);
    /* Totals: the sums of the years. */
    json_t *t = json_object_get(f, "total");
    assert_int_equal(jint(t, "interns"), 404);
    assert_int_equal(jint(t, "graduates_delivered"), 352 + 468 + 501);
    assert_int_equal(jint(t, "certificates.technician_or_above"), 13);
    assert_int_equal(jint(t, "certificates.by_level.chief_technician"), 1);
    json_decref(f);

    /* One year: only it, zeros when it has nothing, totals equal to it. */
    f = outcomes_figures(c, sizeof c / sizeof *c, 7, 2025);
    assert_int_equal(jint(f, "year"), 2025);
    assert_int_equal(json_array_size(json_object_get(f, "by_year")), 1);
    assert_int_equal(jint(f, "total.interns"), 201);
    assert_int_equal(jint(f, "total.certificates.technician_or_above"), 4);
    json_decref(f);
    f = outcomes_figures(NULL, 0, 7, 2030);
    assert_int_equal(jint(json_array_get(json_object_get(f, "by_year"), 0), "interns"), 0);
    assert_int_equal(jint(f, "total.graduates_delivered"), 0);
    json_decref(f);
    f = outcomes_figures(NULL, 0, 7, 0);
    assert_int_equal(json_array_size(json_object_get(f, "years")), 0);
    assert_int_equal(jint(f, "total.certificates.by_level.technician"), 0);
    json_decref(f);
}

static void test_level_order(void **state)
{
    /* The order the reports use, lowest first; 技师 at the index the
     * figures count from. */
    static const char *const zh[] = {"初级工",   "中级工",   "高级工",  "技师",
                                     "高级技师", "特级技师", "首席技师"};
    const field_def *f = entity_field(entity_find("certificates"), "level");
    size_t i = 0;
    for (const enum_opt *o = f->opts; o->value; o++, i++)
        assert_string_equal(o->zh, zh[i]);
    assert_int_equal(i, 7);
    assert_string_equal(certificate_levels[CERT_TECHNICIAN_INDEX].zh, "技师");
}

/* ---- cross-field checks ------------------------------------------------- */

/* Validate JSON text as a new row of entity; returns the detail fields
 * joined by ',' ("" if valid) into out. */
static const char *check(const char *entity, const char *json, char *out, size_t n)
{
    const entity_def *d = entity_find(entity);
    json_t *in = json_loads(json, 0, NULL), *clean = json_object();
    err_t e = ERR_INIT;
    assert_non_null(in);
    out[0] = '\0';
    if (entity_validate(d, in, true, clean, &e) == 0 && d->validate)
        d->validate(d, clean, &e);
    const char *k;
    json_t *v;
    json_object_foreach (e.details, k, v)
        snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? "," : "", k);
    err_clear(&e);
    json_decref(in);
    json_decref(clean);
    return out;
}

static void test_cross_field_checks(void **state)
{
    char b[256];
    const char *p =
        "\"consortium_id\":1,\"student_id\":2,\"enterprise_id\":3,\"status\":\"active\"";
    char json[512];
    snprintf(json, sizeof json, "{%s,\"year\":2025,\"starts_on\":\"2025-03-01\"}", p);
    assert_string_equal(check("placements", json, b, sizeof b), "");
    snprintf(json, sizeof json, "{%s,\"year\":2024,\"starts_on\":\"2025-03-01\"}", p);
    assert_string_equal(check("placements", json, b, sizeof b), "year");
    snprintf(json, sizeof json,
             "{%s,\"year\":2025,\"starts_on\":\"2025-03-01\",\"ends_on\":\"2025-02-01\"}", p);
    assert_string_equal(check("placements", json, b, sizeof b), "ends_on");
    snprintf(json, sizeof json, "{%s,\"year\":2025,\"score\":101}", p);
    assert_string_equal(check("placements", json, b, sizeof b), "score");

    assert_string_equal(check("employment_outcomes",
                              "{\"consortium_id\":1,\"school_id\":2,\"year\":2025,\"kind\":"
                              "\"employed\",\"headcount\":2,\"student_id\":5}",
                              b, sizeof b),
                        "headcount");
    assert_string_equal(check("employment_outcomes",
                              "{\"consortium_id\":1,\"school_id\":2,\"year\":2025,\"kind\":"
                              "\"employed\",\"headcount\":40,\"major_code\":\"46070\"}",
                              b, sizeof b),
                        "major_code");
    assert_string_equal(check("certificates",
                              "{\"consortium_id\":1,\"organization_id\":2,\"holder_name\":\"甲\","
                              "\"occupation_code\":\"6-22-02-01\",\"level\":\"技师\",\"year\":2025,"
                              "\"issued_on\":\"2024-12-31\"}",
                              b, sizeof b),
                        "year");
    assert_string_equal(check("certificates",
                              "{\"consortium_id\":1,\"organization_id\":2,\"holder_name\":\"甲\","
                              "\"occupation_code\":\"6-22-02-01\",\"level\":\"master\",\"year\":"
                              "2025}",
                              b, sizeof b),
                        "level");
    assert_string_equal(check("trainings",
                              "{\"consortium_id\":1,\"title\":\"新职业培训\",\"provider_id\":2,"
                              "\"kind\":\"new_occupation\",\"participants\":50,\"person_times\":40,"
                              "\"year\":2025}",
                              b, sizeof b),
                        "person_times");
    assert_string_equal(check("trainings",
                              "{\"consortium_id\":1,\"title\":\"新职业培训\",\"provider_id\":2,"
                              "\"kind\":\"new_occupation\",\"participants\":50,"
                              "\"person_times_total\":40,\"year\":2025}",
                              b, sizeof b),
                        "person_times_total"); /* read-only */
}

/* ---- on a database ------------------------------------------------------ */

typedef struct {
    fx_db db;
    int64_t cid, firm, firm2, school, school2, student, student2, user, demand2;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    fx_open(&f->db, "outcomes");
    fx_catalog(&f->db);
    f->cid = fx_consortium(&f->db, "成效测试联合体", true);
    f->firm = fx_member(&f->db, f->cid, "实习企业甲", "enterprise");
    f->firm2 = fx_member(&f->db, f->cid, "实习企业乙", "enterprise");
    f->school = fx_member(&f->db, f->cid, "测试学院甲", "higher_vocational");
    f->school2 = fx_member(&f->db, f->cid, "测试学院乙", "higher_vocational");
    f->user = fx_make_id(&f->db, "users",
                         "{\"username\":\"stu1\",\"display_name\":\"学生一\",\"role\":\"student\","
                         "\"organization_id\":%lld,\"password\":\"student-pass-1\"}",
                         (long long)f->school);
    f->student =
        fx_make_id(&f->db, "students",
                   "{\"consortium_id\":%lld,\"school_id\":%lld,\"student_no\":\"S1\",\"name\":"
                   "\"学生一\",\"major_code\":\"460702\",\"level\":\"higher\",\"cohort\":2022,"
                   "\"user_id\":%lld}",
                   (long long)f->cid, (long long)f->school, (long long)f->user);
    f->student2 = fx_make_id(&f->db, "students",
                             "{\"consortium_id\":%lld,\"school_id\":%lld,\"student_no\":\"S1\","
                             "\"name\":\"学生二\",\"major_code\":\"460701\",\"level\":\"higher\","
                             "\"cohort\":2022}",
                             (long long)f->cid, (long long)f->school2);
    f->demand2 = fx_make_id(&f->db, "demand",
                            "{\"consortium_id\":%lld,\"enterprise_id\":%lld,\"occupation_code\":"
                            "\"6-22-02-01\",\"job_title\":\"实习岗位\",\"kind\":\"internship\","
                            "\"headcount\":5,\"period\":2025,\"status\":\"published\"}",
                            (long long)f->cid, (long long)f->firm2);
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

static void test_shared_fields_and_counts(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    json_t *row = NULL;
    /* The school is copied from the student. */
    assert_int_equal(
        fx_create(&f->db, &f->db.sys, "placements", &row, &e,
                  "{\"consortium_id\":%lld,\"student_id\":%lld,\"enterprise_id\":%lld,"
                  "\"status\":\"completed\",\"year\":2025,\"starts_on\":\"2025-03-01\"}",
                  (long long)f->cid, (long long)f->student, (long long)f->firm),
        0);
    assert_int_equal(json_integer_value(json_object_get(row, "school_id")), f->school);
    int64_t p1 = json_integer_value(json_object_get(row, "id"));
    json_decref(row);
    /* A second placement of the same student that year; another student's
     * planned one; a deleted one. */
    fx_make_id(&f->db, "placements",
               "{\"consortium_id\":%lld,\"student_id\":%lld,\"enterprise_id\":%lld,\"status\":"
               "\"active\",\"year\":2025}",
               (long long)f->cid, (long long)f->student, (long long)f->firm2);
    fx_make_id(&f->db, "placements",
               "{\"consortium_id\":%lld,\"student_id\":%lld,\"enterprise_id\":%lld,\"status\":"
               "\"planned\",\"year\":2025}",
               (long long)f->cid, (long long)f->student2, (long long)f->firm);
    int64_t gone = fx_make_id(&f->db, "placements",
                              "{\"consortium_id\":%lld,\"student_id\":%lld,\"enterprise_id\":%lld,"
                              "\"status\":\"completed\",\"year\":2025}",
                              (long long)f->cid, (long long)f->student2, (long long)f->firm);
    assert_int_equal(record_delete(f->db.sc, &f->db.sys, entity_find("placements"), gone, &e), 0);

    /* A school that is not the student's, a position of another
     * enterprise: refused, naming the field. */
    assert_int_not_equal(fx_create(&f->db, &f->db.sys, "placements", NULL, &e,
                                   "{\"consortium_id\":%lld,\"student_id\":%lld,\"school_id\":%lld,"
                                   "\"enterprise_id\":%lld,\"status\":\"active\",\"year\":2025}",
                                   (long long)f->cid, (long long)f->student, (long long)f->school2,
                                   (long long)f->firm),
                         0);
    assert_int_equal(e.code, ERR_INVALID);
    assert_non_null(json_object_get(e.details, "school_id"));
    err_clear(&e);
    assert_int_not_equal(fx_create(&f->db, &f->db.sys, "placements", NULL, &e,
                                   "{\"consortium_id\":%lld,\"student_id\":%lld,\"enterprise_id\":"
                                   "%lld,\"demand_id\":%lld,\"status\":\"active\",\"year\":2025}",
                                   (long long)f->cid, (long long)f->student, (long long)f->firm,
                                   (long long)f->demand2),
                         0);
    assert_non_null(json_object_get(e.details, "enterprise_id"));
    err_clear(&e);

    /* Graduates, certificates, trainings. */
    fx_make_id(&f->db, "employment_outcomes",
               "{\"consortium_id\":%lld,\"school_id\":%lld,\"year\":2025,\"kind\":\"employed\","
               "\"headcount\":40,\"major_code\":\"460702\",\"enterprise_id\":%lld}",
               (long long)f->cid, (long long)f->school, (long long)f->firm);
    fx_make_id(
        &f->db, "employment_outcomes",
        "{\"consortium_id\":%lld,\"school_id\":%lld,\"year\":2025,\"kind\":\"further_study\","
        "\"headcount\":1,\"student_id\":%lld}",
        (long long)f->cid, (long long)f->school, (long long)f->student);
    fx_make_id(&f->db, "certificates",
               "{\"consortium_id\":%lld,\"organization_id\":%lld,\"holder_name\":\"甲\","
               "\"occupation_code\":\"6-22-02-01\",\"level\":\"技师\",\"year\":2025,"
               "\"certificate_no\":\"C-1\"}",
               (long long)f->cid, (long long)f->firm);
    assert_int_not_equal(fx_create(&f->db, &f->db.sys, "certificates", NULL, &e,
                                   "{\"consortium_id\":%lld,\"organization_id\":%lld,"
                                   "\"holder_name\":\"乙\",\"occupation_code\":\"6-22-02-01\","
                                   "\"level\":\"senior\",\"year\":2025,\"certificate_no\":\"C-1\"}",
                                   (long long)f->cid, (long long)f->firm),
                         0);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(
        fx_create(&f->db, &f->db.sys, "trainings", &row, &e,
                  "{\"consortium_id\":%lld,\"title\":\"新职业培训\",\"provider_id\":"
                  "%lld,\"kind\":\"new_occupation\",\"participants\":30,\"sessions\":3,"
                  "\"year\":2025}",
                  (long long)f->cid, (long long)f->school),
        0);
    assert_int_equal(json_integer_value(json_object_get(row, "person_times_total")), 90);
    int64_t tr = json_integer_value(json_object_get(row, "id"));
    json_decref(row);
    json_t *patch = json_pack("{s:i}", "participants", 40);
    assert_int_equal(
        record_update(f->db.sc, &f->db.sys, entity_find("trainings"), tr, patch, &row, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(row, "person_times_total")), 120);
    json_decref(row);
    json_decref(patch);
    fx_make_id(&f->db, "trainings",
               "{\"consortium_id\":%lld,\"title\":\"师资培训\",\"provider_id\":%lld,\"kind\":"
               "\"teacher\",\"participants\":10,\"person_times\":25,\"year\":2025}",
               (long long)f->cid, (long long)f->school);

    json_t *out = NULL;
    assert_int_equal(outcomes_get(f->db.sc, f->cid, 0, &out, &e), 0);
    json_t *y = json_array_get(json_object_get(out, "by_year"), 0);
    assert_int_equal(jint(y, "year"), 2025);
    /* One student placed twice counts once; planned and deleted not. */
    assert_int_equal(jint(y, "interns"), 1);
    assert_int_equal(jint(y, "placements.total"), 3);
    assert_int_equal(jint(y, "placements.by_status.planned"), 1);
    assert_int_equal(jint(y, "graduates_delivered"), 40);
    assert_int_equal(jint(y, "graduates_by_kind.further_study"), 1);
    assert_int_equal(jint(y, "certificates.technician_or_above"), 1);
    assert_int_equal(jint(y, "training.person_times"), 145);
    assert_int_equal(jint(y, "training.by_kind.new_occupation.person_times"), 120);
    json_decref(out);

    /* Who sees the first placement: the school, the host enterprise and
     * the student; not the other enterprise. */
    json_t *p = NULL;
    assert_int_equal(store_entity_get(f->db.sc, entity_find("placements"), p1, &p, &e), 0);
    const entity_def *pd = entity_find("placements");
    caller_t school = fx_caller("org_staff", 0, f->school, 0),
             host = fx_caller("org_staff", 0, f->firm, 0),
             other = fx_caller("org_staff", 0, f->firm2, 0),
             stu = fx_caller("student", f->user, f->school, 0);
    assert_int_equal(perm_check(f->db.sc, &school, pd, ACT_READ, p, NULL), 0);
    assert_int_equal(perm_check(f->db.sc, &host, pd, ACT_READ, p, NULL), 0);
    assert_int_equal(perm_check(f->db.sc, &stu, pd, ACT_READ, p, NULL), 0);
    assert_int_not_equal(perm_check(f->db.sc, &other, pd, ACT_READ, p, &e), 0);
    err_clear(&e);
    /* The host updates it but may not place students itself. */
    assert_int_equal(perm_check(f->db.sc, &host, pd, ACT_UPDATE, p, NULL), 0);
    assert_int_not_equal(perm_check(f->db.sc, &host, pd, ACT_CREATE, p, &e), 0);
    err_clear(&e);
    assert_int_not_equal(perm_check(f->db.sc, &stu, pd, ACT_UPDATE, p, &e), 0);
    err_clear(&e);
    /* The student sees their evaluation field; nobody else unprivileged. */
    json_t *copy = json_deep_copy(p);
    perm_redact(f->db.sc, &stu, pd, copy);
    assert_non_null(json_object_get(copy, "student_id"));
    json_decref(copy);
    json_decref(p);

    /* The host enterprise reads its intern's record; the other does not. */
    json_t *s = NULL;
    assert_int_equal(store_entity_get(f->db.sc, entity_find("students"), f->student, &s, &e), 0);
    assert_int_equal(perm_check(f->db.sc, &host, entity_find("students"), ACT_READ, s, NULL), 0);
    assert_int_not_equal(perm_check(f->db.sc, &host, entity_find("students"), ACT_UPDATE, s, &e),
                         0);
    err_clear(&e);
    json_decref(s);
    assert_int_equal(store_entity_get(f->db.sc, entity_find("students"), f->student2, &s, &e), 0);
    /* student2's only live placement at firm is planned — still a link;
     * firm2 has none with student2. */
    assert_int_not_equal(perm_check(f->db.sc, &other, entity_find("students"), ACT_READ, s, &e), 0);
    err_clear(&e);
    json_decref(s);

    /* Student numbers, as sheets write them (the students' sheet_ref):
     * S1 is at both schools. */
    const entity_def *sd = entity_find("students");
    assert_int_equal(batch_ref_find(f->db.sc, sd, "S1", f->cid, f->school), f->student);
    assert_int_equal(batch_ref_find(f->db.sc, sd, "S1", f->cid, 0), -1);
    assert_int_equal(batch_ref_find(f->db.sc, sd, "S9", f->cid, 0), 0);
    assert_int_equal(batch_ref_find(f->db.sc, sd, "S1", f->cid + 1, f->school), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_from_counts),
        cmocka_unit_test(test_level_order),
        cmocka_unit_test(test_cross_field_checks),
        cmocka_unit_test_setup_teardown(test_shared_fields_and_counts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
