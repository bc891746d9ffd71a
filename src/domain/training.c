/*
 * training.c — joint training's rules and figures (see training.h).
 *
 * The rules read other rows (an organisation's type, a student's
 * school, a staff row's unit) in the write's transaction, so what they
 * check cannot change before the write commits.  Each complaint is a
 * field detail, as the description's own checks give them.
 */
#include "domain/training.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/facility.h"
#include "domain/record.h"
#include "store/store_training.h"

#define ENTERPRISE_TYPES ",enterprise,"
#define SCHOOL_OR_ENTERPRISE ",secondary_vocational,higher_vocational,undergraduate,enterprise,"

static int64_t ival(json_t *row, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(row, k));
}

static const char *sval(json_t *row, const char *k)
{
    return json_string_value(json_object_get(row, k));
}

static bool is(const entity_def *d, const char *name)
{
    return !strcmp(d->name, name);
}

/* Whether an update touches field k (a create touches every field). */
static bool touches(json_t *patch, const char *k)
{
    return !patch || json_object_get(patch, k);
}

static void check_enterprises(store_conn *sc, json_t *row, json_t *patch, err_t *e)
{
    json_t *ids = json_object_get(row, "enterprise_ids"), *x;
    size_t i;
    if (!json_is_array(ids) || !touches(patch, "enterprise_ids"))
        return;
    json_array_foreach (ids, i, x)
        if (!store_org_type_in(sc, json_integer_value(x), ENTERPRISE_TYPES)) {
            err_field(e, "enterprise_ids", "第 %zu 项应为企业 (entry %zu must be an enterprise)",
                      i + 1, i + 1);
            return;
        }
}

static void check_staff(store_conn *sc, json_t *row, err_t *e)
{
    int64_t org = ival(row, "organization_id");
    const char *kind = sval(row, "kind");
    if (!store_org_type_in(sc, org, SCHOOL_OR_ENTERPRISE))
        err_field(e, "organization_id", "应为学校或企业 (must be a school or an enterprise)");
    else if (kind && !strcmp(kind, "teacher") && !store_org_type_in(sc, org, ENTITY_SCHOOL_TYPES))
        err_field(e, "kind",
                  "专任教师应属学校；企业人员请选产业导师或兼职教师 (a school teacher belongs to a "
                  "school; enterprise staff are mentors or part-time teachers)");
}

static void check_secondment(store_conn *sc, json_t *row, err_t *e)
{
    const char *dir = sval(row, "direction");
    bool out = dir && !strcmp(dir, "to_enterprise");
    int64_t home = ival(row, "home_id"), host = ival(row, "host_id");
    const char *school_side = out ? "home_id" : "host_id", *firm_side = out ? "host_id" : "home_id";
    if (!store_org_type_in(sc, out ? home : host, ENTITY_SCHOOL_TYPES))
        err_field(e, school_side, "应为学校 (must be a school for this direction)");
    if (!store_org_type_in(sc, out ? host : home, ENTERPRISE_TYPES))
        err_field(e, firm_side, "应为企业 (must be an enterprise for this direction)");
    json_t *staff = json_object_get(row, "staff_id");
    if (json_is_integer(staff)) {
        json_t *s = NULL;
        err_t se = ERR_INIT;
        if (store_entity_get(sc, entity_find("teaching_staff"), json_integer_value(staff), &s,
                             &se) != 0 ||
            ival(s, "organization_id") != home)
            err_field(e, "staff_id", "应为派出单位的师资 (must be a staff row of the home unit)");
        err_clear(&se);
        json_decref(s);
    }
}

static void check_students(store_conn *sc, json_t *row, err_t *e)
{
    json_t *ids = json_object_get(row, "student_ids"), *x;
    size_t i;
    if (!json_is_array(ids))
        return;
    const entity_def *sd = entity_find("students");
    json_array_foreach (ids, i, x) {
        json_t *s = NULL;
        err_t se = ERR_INIT;
        bool ok = store_entity_get(sc, sd, json_integer_value(x), &s, &se) == 0 &&
                  ival(s, "school_id") == ival(row, "school_id");
        err_clear(&se);
        json_decref(s);
        if (!ok) {
            err_field(e, "student_ids",
                      "第 %zu 项应为本校学生 (entry %zu must be a student of the cohort's school)",
                      i + 1, i + 1);
            return;
        }
        for (size_t j = 0; j < i; j++)
            if (json_equal(json_array_get(ids, j), x)) {
                err_field(e, "student_ids", "第 %zu 项重复 (entry %zu is listed twice)", i + 1,
                          i + 1);
                return;
            }
    }
}

/* The cohort's enterprise sees the list (it may "update", so the private
 * field is shown to it) but the class is the school's record. */
int training_may_update(const caller_t *c, const entity_def *d, json_t *before, err_t *e)
{
    if (!is(d, "cohorts") || caller_is_admin(c) ||
        perm_secretariat_of(c, ival(before, "consortium_id")) ||
        c->org_id == ival(before, "school_id"))
        return 0;
    return err_set(e, ERR_FORBIDDEN,
                   "合作企业只能查看班级，修改请联系学校 (the enterprise reads the class; the "
                   "school changes it)");
}

int training_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                   json_t *row, json_t *patch, err_t *e)
{
    if (is(d, "programs") || is(d, "courses") || is(d, "teaching_materials"))
        check_enterprises(sc, row, patch, e);
    else if (is(d, "teaching_staff"))
        check_staff(sc, row, e);
    else if (is(d, "secondments"))
        check_secondment(sc, row, e);
    else if (is(d, "cohorts")) {
        /* Required, but after its demand item has given it (entity_agree). */
        if (ival(row, "enterprise_id") <= 0)
            err_field(e, "enterprise_id", "必填 (required)");
        if (touches(patch, "student_ids")) {
            check_students(sc, row, e);
            json_t *ids = json_object_get(row, "student_ids");
            json_int_t n = json_is_array(ids) ? (json_int_t)json_array_size(ids) : 0;
            json_object_set_new(row, "students_listed", json_integer(n));
            if (before && !e->details) {
                json_t *set = json_pack("{s:I}", "students_listed", n);
                int rc = store_entity_set_server(sc, d, ival(before, "id"), set, e);
                json_decref(set);
                if (rc != 0)
                    return -1;
            }
        }
    } else
        return 0;
    if (e->details)
        return err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)");
    return 0;
}

/* ---- figures ----------------------------------------------------------- */

static const char *const figures[] = {"programs",
                                      "programs_co_run",
                                      "courses",
                                      "courses_co_developed",
                                      "materials",
                                      "materials_co_developed",
                                      "teachers",
                                      "dual_qualified",
                                      "mentors",
                                      "part_time",
                                      "secondments_to_enterprise",
                                      "secondment_days_to_enterprise",
                                      "secondments_to_school",
                                      "secondment_days_to_school",
                                      "cohorts",
                                      "cohort_students",
                                      "cohort_places",
                                      NULL};
static const char *const cohort_kinds_counted[] = {"order", "apprenticeship", "field_engineer",
                                                   NULL};

static json_t *share(json_t *o, const char *part, const char *whole)
{
    json_int_t p = json_integer_value(json_object_get(o, part)),
               w = json_integer_value(json_object_get(o, whole));
    return w ? json_real(round((double)p / (double)w * 10000.0) / 10000.0) : json_null();
}

/* A figures object with every key (0 where the unit has none), its
 * shares and cohorts by kind, from the store's per-unit object u. */
static json_t *figures_of(json_t *u)
{
    json_t *o = json_object(), *by_kind = json_object();
    for (const char *const *k = figures; *k; k++)
        json_object_set_new(o, *k, json_integer(json_integer_value(json_object_get(u, *k))));
    for (const char *const *k = cohort_kinds_counted; *k; k++) {
        char key[48];
        snprintf(key, sizeof key, "cohorts_%s", *k);
        json_object_set_new(by_kind, *k, json_integer(json_integer_value(json_object_get(u, key))));
    }
    json_object_set_new(o, "cohorts_by_kind", by_kind);
    json_object_set_new(o, "programs_co_run_share", share(o, "programs_co_run", "programs"));
    json_object_set_new(o, "courses_co_developed_share",
                        share(o, "courses_co_developed", "courses"));
    json_object_set_new(o, "materials_co_developed_share",
                        share(o, "materials_co_developed", "materials"));
    json_object_set_new(o, "dual_qualified_share", share(o, "dual_qualified", "teachers"));
    return o;
}

int training_stats(store_conn *sc, const caller_t *c, int64_t consortium_id, int64_t year,
                   json_t **out, err_t *e)
{
    json_t *by_unit = NULL;
    if (perm_consortium_readable(sc, c, consortium_id, e) != 0 ||
        store_training_stats(sc, consortium_id, year, &by_unit, e) != 0)
        return -1;
    json_t *sum = json_object(), *schools = json_array(), *u;
    const char *key;
    const entity_def *od = entity_find("organizations");
    json_object_foreach (by_unit, key, u) {
        /* Totals over every unit: the store's keys summed. */
        const char *k;
        json_t *v;
        json_object_foreach (u, k, v)
            json_object_set_new(
                sum, k,
                json_integer(json_integer_value(json_object_get(sum, k)) + json_integer_value(v)));
        int64_t org = strtoll(key, NULL, 10);
        if (!store_org_type_in(sc, org, ENTITY_SCHOOL_TYPES))
            continue;
        json_t *row = figures_of(u), *o = NULL;
        err_t oe = ERR_INIT;
        json_object_set_new(row, "organization_id", json_integer(org));
        if (store_entity_get(sc, od, org, &o, &oe) == 0)
            json_object_set(row, "name", json_object_get(o, "name"));
        else
            json_object_set_new(row, "name", json_null());
        err_clear(&oe);
        json_decref(o);
        json_array_append_new(schools, row);
    }
    /* Units in id order, whatever order the object keeps. */
    size_t n = json_array_size(schools);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && ival(json_array_get(schools, j - 1), "organization_id") >
                                        ival(json_array_get(schools, j), "organization_id");
             j--) {
            json_t *a = json_incref(json_array_get(schools, j - 1));
            json_array_set(schools, j - 1, json_array_get(schools, j));
            json_array_set_new(schools, j, a);
        }
    /* Facility use (domain/facility.c, the same totals as facility-stats)
     * of the year asked; with no year the figures span every year but
     * facility use is a calendar year's, so it is left out (null). */
    json_t *fu = json_null();
    if (year) {
        facility_totals t;
        if (facility_use_totals(sc, consortium_id, (int)year, &t, e) != 0) {
            json_decref(schools);
            json_decref(sum);
            json_decref(by_unit);
            return -1;
        }
        json_decref(fu);
        fu = json_pack(
            "{s:I,s:I,s:I,s:I,s:f,s:f,s:f}", "facilities", (json_int_t)t.facilities, "bookings",
            (json_int_t)t.bookings, "bookings_done", (json_int_t)t.bookings_done, "person_times",
            (json_int_t)t.person_times, "station_hours_booked",
            round(t.station_hours_booked * 100.0) / 100.0, "station_hours_open",
            round(t.station_hours_open * 100.0) / 100.0, "utilisation",
            t.station_hours_open > 0
                ? round(t.station_hours_booked / t.station_hours_open * 10000.0) / 10000.0
                : 0.0);
    }
    *out = json_pack("{s:I,s:o,s:o,s:o,s:o}", "consortium_id", (json_int_t)consortium_id, "year",
                     year ? json_integer(year) : json_null(), "totals", figures_of(sum), "schools",
                     schools, "facility_use", fu);
    json_decref(sum);
    json_decref(by_unit);
    return 0;
}
