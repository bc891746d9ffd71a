/*
 * store_tech_stats.c — the rows behind the technology platform's figures
 * (GET /api/v1/consortia/{id}/rd-stats, domain/tech_stats.c).
 *
 * Four small queries over one consortium, each already narrowed to what
 * the reader may see, so the domain never meets a row it must not count:
 *
 *   - needs published in the year (by published_on), with the date of
 *     their first live answer and whether one was accepted;
 *   - the live answers to those needs, per answering unit — only those
 *     the reader may read as rows (need-responses: the secretariat all, a
 *     unit its own and the answers to its needs), so nobody learns who
 *     else answered;
 *   - projects of the year (by start date, else by the date filed);
 *   - their outputs, per lead unit, kind and standard level.
 *
 * Visibility is the same test the search index uses (store_search.c,
 * store_tech_reader): public needs for everyone, members-only ones for the
 * consortium's members, all for its secretariat and admins, and a unit's
 * own needs for its staff — applied in SQL, so a secretariat-only need is
 * never even counted for another reader.  Projects and outputs are read by
 * members only (level ≥ 1).  A consortium's needs and projects number in
 * the thousands at most: one pass each through the consortium indexes of
 * migration 014, a millisecond or two.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* ?1 consortium, ?2 year (0: all), ?3 reader level, ?4 reader's unit. */
#define NEEDS_SEEN                                                                                 \
    " t.consortium_id = ?1 AND t.deleted_at IS NULL AND t.published_on IS NOT NULL AND "           \
    "(?2 = 0 OR CAST(substr(t.published_on, 1, 4) AS INTEGER) = ?2) AND "                          \
    "(t.visibility = 'public' OR (?3 >= 1 AND t.visibility = 'members') OR ?3 >= 2 OR "            \
    "t.enterprise_id = ?4)"
#define LIVE_ANSWER " r.deleted_at IS NULL AND r.status <> 'withdrawn'"
#define PROJECTS_SEEN                                                                              \
    " p.consortium_id = ?1 AND p.deleted_at IS NULL AND ?3 >= 1 AND "                              \
    "(?2 = 0 OR CAST(substr(coalesce(p.starts_on, p.created_at), 1, 4) AS INTEGER) = ?2)"

static const char *const stats_sql[] = {
    /* needs: id, enterprise, published_on, first answer's date, accepted */
    "SELECT t.id, t.enterprise_id, t.published_on, "
    "(SELECT min(substr(r.created_at, 1, 10)) FROM need_responses r WHERE r.need_id = t.id "
    "AND" LIVE_ANSWER
    "), EXISTS (SELECT 1 FROM need_responses r WHERE r.need_id = t.id AND r.deleted_at IS NULL "
    "AND r.status = 'accepted') FROM tech_needs t WHERE" NEEDS_SEEN " ORDER BY t.id",
    /* answers per unit */
    "SELECT r.organization_id, count(*) FROM need_responses r JOIN tech_needs t ON t.id = "
    "r.need_id WHERE" NEEDS_SEEN " AND" LIVE_ANSWER
    " AND (?3 >= 2 OR r.organization_id = ?4 OR t.enterprise_id = ?4) GROUP BY 1 ORDER BY 1",
    /* projects */
    "SELECT p.id, p.kind, p.status, p.lead_id, p.partner_ids, coalesce(p.budget, 0), "
    "coalesce(p.funds_received, 0) FROM rd_projects p WHERE" PROJECTS_SEEN " ORDER BY p.id",
    /* outputs per lead unit, kind and level */
    "SELECT p.lead_id, o.kind, coalesce(o.standard_level, ''), count(*), coalesce(sum(o.value), 0) "
    "FROM rd_outputs o JOIN rd_projects p ON p.id = o.project_id WHERE o.deleted_at IS NULL AND "
    "o.consortium_id = ?1 AND ?3 >= 1 AND p.deleted_at IS NULL AND "
    "(?2 = 0 OR CAST(substr(coalesce(o.date, o.created_at), 1, 4) AS INTEGER) = ?2) "
    "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
};

static json_t *column(db_stmt *st, int i)
{
    switch (db_column_type(st, i)) {
    case DB_NULL:
        return json_null();
    case DB_INTEGER:
        return json_integer(db_column_int64(st, i));
    default:
        return json_string(db_column_text(st, i));
    }
}

static int rows(store_conn *c, const char *sql, int64_t consortium_id, int year,
                const store_tech_reader *rd, json_t *out, err_t *e)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int(st, 2, year);
    db_bind_int(st, 3, rd->level);
    db_bind_int64(st, 4, rd->org_id ? rd->org_id : -1);
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        json_t *row = json_array();
        for (int i = 0, n = db_column_count(st); i < n; i++)
            json_array_append_new(row, column(st, i));
        json_array_append_new(out, row);
    }
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "rd stats");
}

int store_tech_stats(store_conn *c, int64_t consortium_id, int year, const store_tech_reader *rd,
                     json_t **out, err_t *e)
{
    static const char *const names[] = {"needs", "responses", "projects", "outputs"};
    *out = json_object();
    for (size_t i = 0; i < sizeof stats_sql / sizeof *stats_sql; i++) {
        json_t *list = json_array();
        json_object_set_new(*out, names[i], list);
        if (rows(c, stats_sql[i], consortium_id, year, rd, list, e) != 0) {
            json_decref(*out);
            *out = NULL;
            return -1;
        }
    }
    return 0;
}

int store_org_names(store_conn *c, json_t *ids, json_t **out, err_t *e)
{
    *out = json_object();
    db_stmt *st = conn_stmt(c,
                            "SELECT o.id, o.name FROM organizations o WHERE o.id IN (SELECT "
                            "CAST(value AS BIGINT) FROM json_each(?))",
                            e);
    if (!st)
        return -1;
    char *text = json_dumps(ids, JSON_COMPACT);
    db_bind_text(st, 1, text ? text : "[]", -1);
    free(text);
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_column_int64(st, 0));
        json_object_set_new(*out, key, json_string(db_column_text(st, 1)));
    }
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "unit names");
}
