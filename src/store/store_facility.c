/*
 * store_facility.c — the queries behind bookings without overbooking and
 * the facility figures (see store_facility.h).
 *
 * The overlap query is the heart of an approval: it runs inside the
 * approval's BEGIN IMMEDIATE transaction (domain/record.c), so no other
 * writer can approve between the read and the write.  It bounds the start
 * from both sides — after the window's start less the longest booking,
 * before the window's end — so it reads a short range of the
 * (facility_id, starts_utc) index even with ten thousand bookings on one
 * facility (bench/bookings.sh).
 */
#include "store/store_facility.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "schema/entities_resources.h"
#include "store/store_internal.h"

/* from_utc less the longest booking, in the same UTC writing. */
static void earliest_start(const char *from_utc, char out[32])
{
    int64_t t = 0;
    if (!resources_time_parse(from_utc, &t)) {
        snprintf(out, 32, "0000");
        return;
    }
    resources_time_format(t - RESOURCES_MAX_BOOKING_SECONDS, true, out, 32);
}

int store_facility_overlaps(store_conn *c, int64_t facility_id, int64_t exclude_id,
                            const char *from_utc, const char *to_utc, bool calendar, json_t **items,
                            err_t *e)
{
    static const char *sql =
        "SELECT b.id, b.consortium_id, b.organization_id, o.name AS organization_name, "
        "b.owner_id, b.starts_at, b.ends_at, b.starts_utc, b.ends_utc, b.stations, b.people, "
        "b.purpose, b.status FROM facility_bookings b "
        "LEFT JOIN organizations o ON o.id = b.organization_id "
        "WHERE b.facility_id = ?1 AND b.starts_utc >= ?2 AND b.starts_utc < ?3 "
        "AND b.ends_utc > ?4 AND b.id <> ?5 AND b.deleted_at IS NULL "
        "AND (b.status IN ('approved', 'done') OR (?6 = 1 AND b.status = 'requested')) "
        "ORDER BY b.starts_utc, b.id";
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    char lo[32];
    earliest_start(from_utc, lo);
    db_bind_int64(st, 1, facility_id);
    db_bind_text(st, 2, lo, -1);
    db_bind_text(st, 3, to_utc, -1);
    db_bind_text(st, 4, from_utc, -1);
    db_bind_int64(st, 5, exclude_id);
    db_bind_int(st, 6, calendar ? 1 : 0);
    return stmt_rows(c, st, NULL, NULL, items, "facility overlaps", e);
}

int store_facility_holding(store_conn *c, int64_t facility_id, const char *now_utc, json_t **items,
                           err_t *e)
{
    static const char *sql =
        "SELECT b.id, b.starts_utc, b.ends_utc, b.stations FROM facility_bookings b "
        "WHERE b.facility_id = ?1 AND b.starts_utc >= ?2 AND b.ends_utc > ?3 "
        "AND b.status = 'approved' AND b.deleted_at IS NULL ORDER BY b.starts_utc, b.id";
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    char lo[32];
    earliest_start(now_utc, lo);
    db_bind_int64(st, 1, facility_id);
    db_bind_text(st, 2, lo, -1);
    db_bind_text(st, 3, now_utc, -1);
    return stmt_rows(c, st, NULL, NULL, items, "facility holding", e);
}

int store_facility_list(store_conn *c, int64_t consortium_id, json_t **items, err_t *e)
{
    static const char *sql =
        "SELECT f.id, f.name, f.kind, f.organization_id, o.name AS organization_name, "
        "f.stations, f.open_hours_week, f.status FROM facilities f "
        "LEFT JOIN organizations o ON o.id = f.organization_id "
        "WHERE f.consortium_id = ?1 AND f.deleted_at IS NULL ORDER BY f.name, f.id";
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    return stmt_rows(c, st, NULL, NULL, items, "facility list", e);
}

int store_facility_usage(store_conn *c, int64_t consortium_id, const char *from_utc,
                         const char *to_utc, json_t **items, err_t *e)
{
    static const char *sql =
        "SELECT b.facility_id, b.organization_id, b.starts_at, b.starts_utc, b.ends_utc, "
        "b.stations, b.status, b.person_times, "
        "(b.organization_id = f.organization_id OR EXISTS (SELECT 1 FROM facility_owners fo "
        "WHERE fo.facility_id = b.facility_id AND fo.organization_id = b.organization_id AND "
        "fo.deleted_at IS NULL)) AS inside "
        "FROM facility_bookings b JOIN facilities f ON f.id = b.facility_id "
        "WHERE b.consortium_id = ?1 AND b.deleted_at IS NULL AND f.deleted_at IS NULL "
        "AND b.status IN ('approved', 'done') AND b.starts_utc < ?3 AND b.ends_utc > ?2 "
        "ORDER BY b.facility_id, b.starts_utc";
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_text(st, 2, from_utc, -1);
    db_bind_text(st, 3, to_utc, -1);
    return stmt_rows(c, st, NULL, NULL, items, "facility usage", e);
}
