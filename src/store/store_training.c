/*
 * store_training.c — the joint-training figures (see store_training.h).
 *
 * One grouped statement per register, each touching the consortium's
 * rows through the (consortium_id, …) index of migration 017; the rows
 * are merged per unit here so the domain gets one object to total and
 * label.  Id lists are JSON arrays: a row is co-built when its
 * enterprise_ids has at least one entry.
 */
#include "store/store_training.h"

#include <jansson.h>
#include <stdio.h>

#include "store/store_internal.h"

typedef struct {
    const char *sql;
    const char *names[7]; /* columns 1…, NULL-terminated */
} stat_query;

static const stat_query queries[] = {
    {"SELECT school_id, count(*), "
     "sum(json_array_length(coalesce(enterprise_ids,'[]')) > 0) FROM programs "
     "WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "(?2 = 0 OR started_year IS NULL OR started_year <= ?2) GROUP BY school_id",
     {"programs", "programs_co_run", NULL}},
    {"SELECT school_id, count(*), "
     "sum(json_array_length(coalesce(enterprise_ids,'[]')) > 0) FROM courses "
     "WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "(?2 = 0 OR year IS NULL OR year <= ?2) GROUP BY school_id",
     {"courses", "courses_co_developed", NULL}},
    {"SELECT school_id, count(*), "
     "sum(json_array_length(coalesce(enterprise_ids,'[]')) > 0) FROM teaching_materials "
     "WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "(?2 = 0 OR year IS NULL OR year <= ?2) GROUP BY school_id",
     {"materials", "materials_co_developed", NULL}},
    /* ?2 is bound to keep one binding shape; staff have no year. */
    {"SELECT organization_id, sum(kind = 'teacher'), "
     "sum(kind = 'teacher' AND dual_qualified = 1), sum(kind = 'mentor'), "
     "sum(kind = 'part_time') FROM teaching_staff "
     "WHERE consortium_id = ?1 AND deleted_at IS NULL AND ?2 = ?2 GROUP BY organization_id",
     {"teachers", "dual_qualified", "mentors", "part_time", NULL}},
    {"SELECT CASE WHEN direction = 'to_enterprise' THEN home_id ELSE host_id END, "
     "sum(direction = 'to_enterprise'), "
     "sum(CASE WHEN direction = 'to_enterprise' THEN days ELSE 0 END), "
     "sum(direction = 'to_school'), "
     "sum(CASE WHEN direction = 'to_school' THEN days ELSE 0 END) FROM secondments "
     "WHERE consortium_id = ?1 AND deleted_at IS NULL AND (?2 = 0 OR year = ?2) GROUP BY 1",
     {"secondments_to_enterprise", "secondment_days_to_enterprise", "secondments_to_school",
      "secondment_days_to_school", NULL}},
    {"SELECT school_id, count(*), sum(kind = 'order'), sum(kind = 'apprenticeship'), "
     "sum(kind = 'field_engineer'), sum(students_listed), sum(size) FROM cohorts "
     "WHERE consortium_id = ?1 AND deleted_at IS NULL AND (?2 = 0 OR year = ?2) "
     "GROUP BY school_id",
     {"cohorts", "cohorts_order", "cohorts_apprenticeship", "cohorts_field_engineer",
      "cohort_students", "cohort_places", NULL}},
};

int store_training_stats(store_conn *c, int64_t consortium_id, int64_t year, json_t **by_unit,
                         err_t *e)
{
    json_t *out = json_object();
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        db_stmt *st = conn_stmt(c, queries[q].sql, e);
        if (!st) {
            json_decref(out);
            return -1;
        }
        db_bind_int64(st, 1, consortium_id);
        db_bind_int64(st, 2, year);
        int step;
        while ((step = db_step(st)) == DB_ROW) {
            char key[24];
            snprintf(key, sizeof key, "%lld", (long long)db_column_int64(st, 0));
            json_t *unit = json_object_get(out, key);
            if (!unit) {
                unit = json_object();
                json_object_set_new(out, key, unit);
            }
            for (int i = 0; queries[q].names[i]; i++)
                json_object_set_new(unit, queries[q].names[i],
                                    json_integer(db_column_int64(st, i + 1)));
        }
        db_reset(st);
        if (step != DB_DONE) {
            json_decref(out);
            return conn_fail(c, e, "training stats");
        }
    }
    *by_unit = out;
    return 0;
}
