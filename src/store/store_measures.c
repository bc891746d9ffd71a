/*
 * store_measures.c — the counts behind domain/measures.c.  Every statement
 * is prepared and bounded by consortium, year and the cut-off day.
 */
#include <jansson.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_measures.h"

/* One number from a prepared statement whose parameters are bound. */
static int one_number(store_conn *c, sqlite3_stmt *st, double *out, err_t *e, const char *what)
{
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *out = sqlite3_column_double(st, 0);
    sqlite3_reset(st);
    if (step != SQLITE_ROW)
        return conn_fail(c, e, what);
    return 0;
}

int store_measure_members(store_conn *c, int64_t cid, const char *cutoff, const char *type,
                          double *out, err_t *e)
{
    sqlite3_stmt *st = conn_stmt(
        c,
        "SELECT count(DISTINCT m.organization_id) FROM memberships m JOIN organizations o ON "
        "o.id = m.organization_id AND o.deleted_at IS NULL WHERE m.consortium_id = ?1 AND "
        "m.deleted_at IS NULL AND (m.joined_on IS NULL OR m.joined_on <= ?2) AND "
        "(m.left_on IS NULL OR m.left_on > ?2) AND (?3 IS NULL OR o.type = ?3)",
        e);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, cid);
    sqlite3_bind_text(st, 2, cutoff, -1, SQLITE_TRANSIENT);
    if (type)
        sqlite3_bind_text(st, 3, type, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 3);
    return one_number(c, st, out, e, "measure members");
}

int store_measure_meetings(store_conn *c, int64_t cid, int year, const char *cutoff,
                           const char *kind, double *out, err_t *e)
{
    sqlite3_stmt *st = conn_stmt(c,
                                 "SELECT count(*) FROM meetings WHERE consortium_id = ?1 AND "
                                 "deleted_at IS NULL AND status = 'held' AND held_on >= ?2 AND "
                                 "held_on <= ?3 AND held_on <= ?4 AND (?5 IS NULL OR kind = ?5)",
                                 e);
    if (!st)
        return -1;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    sqlite3_bind_int64(st, 1, cid);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, cutoff, -1, SQLITE_TRANSIENT);
    if (kind)
        sqlite3_bind_text(st, 5, kind, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 5);
    return one_number(c, st, out, e, "measure meetings");
}
