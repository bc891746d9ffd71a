/*
 * store_measures.c — the counts behind domain/measures.c.  Every statement
 * is prepared and bounded by consortium, year and the cut-off day.
 */
#include <jansson.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_measures.h"

/* One number from a prepared statement whose parameters are bound. */
static int one_number(store_conn *c, db_stmt *st, double *out, err_t *e, const char *what)
{
    int step = db_step(st);
    if (step == DB_ROW)
        *out = db_column_double(st, 0);
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, what);
    return 0;
}

int store_measure_members(store_conn *c, int64_t cid, const char *cutoff, const char *type,
                          double *out, err_t *e)
{
    db_stmt *st = conn_stmt(
        c,
        "SELECT count(DISTINCT m.organization_id) FROM memberships m JOIN organizations o ON "
        "o.id = m.organization_id AND o.deleted_at IS NULL WHERE m.consortium_id = ?1 AND "
        "m.deleted_at IS NULL AND (m.joined_on IS NULL OR m.joined_on <= ?2) AND "
        "(m.left_on IS NULL OR m.left_on > ?2) AND (CAST(?3 AS TEXT) IS NULL OR o.type = ?3)",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, cid);
    db_bind_text(st, 2, cutoff, -1);
    if (type)
        db_bind_text(st, 3, type, -1);
    else
        db_bind_null(st, 3);
    return one_number(c, st, out, e, "measure members");
}

int store_measure_meetings(store_conn *c, int64_t cid, int year, const char *cutoff,
                           const char *kind, double *out, err_t *e)
{
    db_stmt *st =
        conn_stmt(c,
                  "SELECT count(*) FROM meetings WHERE consortium_id = ?1 AND "
                  "deleted_at IS NULL AND status = 'held' AND held_on >= ?2 AND "
                  "held_on <= ?3 AND held_on <= ?4 AND (CAST(?5 AS TEXT) IS NULL OR kind = ?5)",
                  e);
    if (!st)
        return -1;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    db_bind_int64(st, 1, cid);
    db_bind_text(st, 2, from, -1);
    db_bind_text(st, 3, to, -1);
    db_bind_text(st, 4, cutoff, -1);
    if (kind)
        db_bind_text(st, 5, kind, -1);
    else
        db_bind_null(st, 5);
    return one_number(c, st, out, e, "measure meetings");
}

/* The statements of store_measure_value: ?1 consortium, ?2 from, ?3 to,
 * ?4 year, ?5 cut, ?6 text parameter, ?7 set (JSON array).  Each answers
 * (numerator, denominator). */
static const struct {
    const char *key;
    const char *sql;
} measure_sql[] = {
    {"council_seats",
     "SELECT count(*), 1 FROM memberships WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "(joined_on IS NULL OR joined_on <= ?3) AND (left_on IS NULL OR left_on > ?3) AND role IN "
     "(SELECT value FROM json_each(?7))"},
    {"work_plan_completion",
     "SELECT count(*) FILTER (WHERE status = 'done'), count(*) FROM work_plan_items WHERE "
     "consortium_id = ?1 AND deleted_at IS NULL AND year = ?4 AND status <> 'cancelled'"},
    {"agreements",
     "SELECT count(*), 1 FROM agreements WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "signed_on >= ?2 AND signed_on <= ?3 AND status IN ('signed', 'in_force', 'expired') AND "
     "(CAST(?6 AS TEXT) IS NULL OR type = ?6)"},
    {"demand_published",
     "SELECT coalesce(sum(headcount), 0), 1 FROM demand_totals WHERE consortium_id = ?1 AND "
     "period = ?4 AND (CAST(?6 AS TEXT) IS NULL OR kind = ?6)"},
    {"supply_published",
     "SELECT coalesce(sum(graduates), 0), 1 FROM supply_totals WHERE consortium_id = ?1 AND "
     "period = ?4"},
    {"lists_published",
     "SELECT count(*), 1 FROM published_lists WHERE consortium_id = ?1 AND deleted_at IS NULL "
     "AND substr(published_at, 1, 10) >= ?2 AND substr(published_at, 1, 10) <= ?3 AND "
     "(CAST(?6 AS TEXT) IS NULL OR kind = ?6)"},
    {"match_rounds_published",
     "SELECT count(*), 1 FROM match_rounds WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "status = 'published' AND substr(published_at, 1, 10) >= ?2 AND "
     "substr(published_at, 1, 10) <= ?3"},
    {"interns_placed",
     "SELECT count(*), 1 FROM placements WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "year = ?4 AND status IN ('active', 'completed') AND (?5 = 0 OR starts_on IS NULL OR "
     "starts_on <= ?3)"},
    {"graduates_employed",
     "SELECT coalesce(sum(headcount), 0), 1 FROM employment_outcomes WHERE consortium_id = ?1 AND "
     "deleted_at IS NULL AND year = ?4 AND kind IN ('employed', 'self_employed', 'flexible')"},
    {"certificates",
     "SELECT count(*), 1 FROM certificates WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "year = ?4 AND level IN (SELECT value FROM json_each(?7)) AND (?5 = 0 OR issued_on IS "
     "NULL OR issued_on <= ?3)"},
    {"training_person_times",
     "SELECT coalesce(sum(person_times_total), 0), 1 FROM trainings WHERE consortium_id = ?1 AND "
     "deleted_at IS NULL AND year = ?4 AND (CAST(?6 AS TEXT) IS NULL OR kind = ?6) AND (?5 = 0 OR "
     "starts_on "
     "IS NULL OR starts_on <= ?3)"},
    {"tech_needs_published",
     "SELECT count(*), 1 FROM tech_needs WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "status IN ('published', 'in_progress', 'closed') AND published_on >= ?2 AND "
     "published_on <= ?3"},
    {"tech_needs_matched",
     "SELECT count(*), 1 FROM tech_needs WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "status IN ('in_progress', 'closed') AND published_on >= ?2 AND published_on <= ?3"},
    {"rd_projects",
     "SELECT count(*), 1 FROM rd_projects WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "starts_on >= ?2 AND starts_on <= ?3 AND status IN (SELECT value FROM json_each(?7))"},
    {"rd_outputs",
     "SELECT count(*), 1 FROM rd_outputs WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "date >= ?2 AND date <= ?3 AND (CAST(?6 AS TEXT) IS NULL OR kind = ?6)"},
    {"transfer_revenue",
     "SELECT coalesce(sum(value), 0) / 10000.0, 1 FROM rd_outputs WHERE consortium_id = ?1 AND "
     "deleted_at IS NULL AND kind = 'transfer' AND date >= ?2 AND date <= ?3"},
    {"facilities",
     "SELECT count(*), 1 FROM facilities WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "status = 'running' AND (opened_on IS NULL OR opened_on <= ?3) AND (CAST(?6 AS TEXT) IS NULL "
     "OR kind = "
     "?6)"},
    /* Station-hours booked (approved or done) ÷ station-hours open: each
     * running facility's stations × open hours a week × the weeks from
     * the year's first day to `to`. */
    {"facility_use_rate",
     "SELECT (SELECT coalesce(sum(stations * (julianday(ends_utc) - julianday(starts_utc)) * 24), "
     "0) FROM facility_bookings WHERE consortium_id = ?1 AND deleted_at IS NULL AND status IN "
     "('approved', 'done') AND substr(starts_at, 1, 10) >= ?2 AND substr(starts_at, 1, 10) <= "
     "?3), (SELECT coalesce(sum(stations * open_hours_week), 0) * (julianday(?3) - julianday(?2) "
     "+ 1) / 7.0 FROM facilities WHERE consortium_id = ?1 AND deleted_at IS NULL AND status = "
     "'running' AND (opened_on IS NULL OR opened_on <= ?3))"},
    {"facility_outside_use",
     "SELECT count(*) FILTER (WHERE b.organization_id <> b.owner_id AND NOT EXISTS (SELECT 1 "
     "FROM facility_owners o WHERE o.facility_id = b.facility_id AND o.organization_id = "
     "b.organization_id AND o.deleted_at IS NULL)), count(*) FROM facility_bookings b WHERE "
     "b.consortium_id = ?1 AND b.deleted_at IS NULL AND b.status IN ('approved', 'done') AND "
     "substr(b.starts_at, 1, 10) >= ?2 AND substr(b.starts_at, 1, 10) <= ?3"},
    {"bookings_done_person_times",
     "SELECT coalesce(sum(coalesce(person_times, coalesce(people, 0))), 0), 1 FROM "
     "facility_bookings "
     "WHERE consortium_id = ?1 AND deleted_at IS NULL AND status = 'done' AND "
     "substr(starts_at, 1, 10) >= ?2 AND substr(starts_at, 1, 10) <= ?3"},
    {"programs_co_run",
     "SELECT count(*), 1 FROM programs WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "coalesce(enterprise_ids, '') NOT IN ('', '[]') AND (started_year IS NULL OR started_year "
     "<= ?4)"},
    {"courses_co_developed",
     "SELECT count(*), 1 FROM courses WHERE consortium_id = ?1 AND deleted_at IS NULL AND "
     "coalesce(enterprise_ids, '') NOT IN ('', '[]') AND (year IS NULL OR year <= ?4)"},
    {"materials_co_developed",
     "SELECT count(*), 1 FROM teaching_materials WHERE consortium_id = ?1 AND deleted_at IS "
     "NULL AND coalesce(enterprise_ids, '') NOT IN ('', '[]') AND (year IS NULL OR year <= ?4) "
     "AND (CAST(?6 AS TEXT) IS NULL OR kind = ?6)"},
    {"dual_qualified_share",
     "SELECT count(*) FILTER (WHERE dual_qualified = 1), count(*) FROM teaching_staff WHERE "
     "consortium_id = ?1 AND deleted_at IS NULL AND kind = 'teacher'"},
    {"mentors",
     "SELECT count(*), 1 FROM teaching_staff WHERE consortium_id = ?1 AND deleted_at IS NULL "
     "AND kind = 'mentor'"},
    {"secondment_days",
     "SELECT coalesce(sum(days), 0), 1 FROM secondments WHERE consortium_id = ?1 AND deleted_at "
     "IS NULL AND year = ?4 AND (CAST(?6 AS TEXT) IS NULL OR direction = ?6) AND (?5 = 0 OR "
     "starts_on IS "
     "NULL OR starts_on <= ?3)"},
    {"cohorts",
     "SELECT count(*), 1 FROM cohorts WHERE consortium_id = ?1 AND deleted_at IS NULL AND year "
     "= ?4 AND (CAST(?6 AS TEXT) IS NULL OR kind = ?6)"},
    {"cohort_students",
     "SELECT coalesce(sum(size), 0), 1 FROM cohorts WHERE consortium_id = ?1 AND deleted_at IS "
     "NULL AND year = ?4 AND (CAST(?6 AS TEXT) IS NULL OR kind = ?6)"},
};

static void bind_text_or_null(db_stmt *st, int i, const char *s)
{
    if (s)
        db_bind_text(st, i, s, -1);
    else
        db_bind_null(st, i);
}

int store_measure_value(store_conn *c, const char *key, const store_measure_args *a, double *num,
                        double *den, err_t *e)
{
    const char *sql = NULL;
    for (size_t i = 0; i < sizeof measure_sql / sizeof measure_sql[0]; i++)
        if (!strcmp(measure_sql[i].key, key))
            sql = measure_sql[i].sql;
    if (!sql)
        return err_set(e, ERR_INTERNAL, "no statement for measure %s", key);
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, a->cid);
    db_bind_text(st, 2, a->from, -1);
    db_bind_text(st, 3, a->to, -1);
    db_bind_int(st, 4, a->year);
    db_bind_int(st, 5, a->cut);
    bind_text_or_null(st, 6, a->text);
    bind_text_or_null(st, 7, a->set ? a->set : "[]");
    int step = db_step(st);
    if (step == DB_ROW) {
        *num = db_column_double(st, 0);
        *den = db_column_double(st, 1);
    }
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, key);
    return 0;
}

int store_measure_motions(store_conn *c, int64_t cid, const char *from, const char *to,
                          json_t **out, err_t *e)
{
    db_stmt *st = conn_stmt(
        c,
        "SELECT a.id, a.threshold, a.base FROM agenda_items a JOIN meetings m ON m.id = "
        "a.meeting_id AND m.deleted_at IS NULL AND m.status = 'held' AND m.held_on >= ?2 AND "
        "m.held_on <= ?3 WHERE a.consortium_id = ?1 AND m.consortium_id = ?1 AND a.deleted_at "
        "IS NULL ORDER BY a.id",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, cid);
    db_bind_text(st, 2, from, -1);
    db_bind_text(st, 3, to, -1);
    json_t *items = json_array();
    int step;
    while ((step = db_step(st)) == DB_ROW)
        json_array_append_new(
            items, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)db_column_int64(st, 0), "threshold",
                             db_column_text(st, 1), "base", db_column_text(st, 2)));
    db_reset(st);
    if (step != DB_DONE) {
        json_decref(items);
        return conn_fail(c, e, "measure motions");
    }
    *out = items;
    return 0;
}

int store_indicator_by_code(store_conn *c, int64_t fid, const char *code, int64_t *id, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT id FROM indicators WHERE framework_id = ?1 AND code = ?2 "
                            "AND deleted_at IS NULL",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, fid);
    db_bind_text(st, 2, code, -1);
    int step = db_step(st);
    *id = step == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    if (step != DB_ROW && step != DB_DONE)
        return conn_fail(c, e, "indicator by code");
    return 0;
}
