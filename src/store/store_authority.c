/*
 * store_authority.c — the SQL of the authority's view (store_authority.h):
 * which consortia an authority unit oversees, the year's assessment of
 * each in brief, the policy package summed, the indicators side by side,
 * and the review's comments.
 *
 * "Oversees" is one fragment (STORE_AUTHORITY_OVERSEEN, store_internal.h)
 * shared with the list scope of store_entity.c, so the rows an authority
 * lists and the consortia its overview shows cannot disagree.
 */
#include "store/store_authority.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "store/store_internal.h"

bool store_authority_over(store_conn *c, int64_t org_id, int64_t consortium_id)
{
    char key[64];
    snprintf(key, sizeof key, "auth|%lld|%lld", (long long)org_id, (long long)consortium_id);
    if (memo_has(c, key))
        return true;
    db_stmt *st =
        lookup_stmt(c, "SELECT 1 FROM (" STORE_AUTHORITY_OVERSEEN ") AS o WHERE id = ? LIMIT 1");
    if (!st)
        return false;
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, consortium_id);
    bool yes = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    if (yes)
        memo_add(c, key);
    return yes;
}

#define CONSORTIUM_COLUMNS                                                                         \
    "SELECT c.id, c.name, c.short_name, c.kind, c.level, c.region_code, c.region_name, "           \
    "c.is_public, (SELECT count(DISTINCT m.organization_id) FROM memberships m JOIN "              \
    "organizations mo ON mo.id = m.organization_id AND mo.deleted_at IS NULL WHERE "               \
    "m.consortium_id = c.id AND m.deleted_at IS NULL AND (m.joined_on IS NULL OR m.joined_on <= "  \
    "date('now')) AND (m.left_on IS NULL OR m.left_on > date('now'))) AS members FROM consortia "  \
    "c "

int store_authority_consortia(store_conn *c, int64_t org_id, json_t **items, err_t *e)
{
    db_stmt *st =
        conn_stmt(c,
                  CONSORTIUM_COLUMNS "WHERE c.deleted_at IS NULL AND (?1 = 0 OR "
                                     "c.id IN (" STORE_AUTHORITY_OVERSEEN ")) ORDER BY c.id",
                  e);
    if (!st)
        return -1;
    /* ?1 and the fragment's own "?", which SQLite numbers 2 */
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, org_id);
    return stmt_rows(c, st, NULL, NULL, items, "authority consortia", e);
}

int store_authority_scopes(store_conn *c, int64_t org_id, json_t **items, err_t *e)
{
    db_stmt *st =
        conn_stmt(c,
                  "SELECT s.id, s.region_prefix, s.consortium_id, k.name AS consortium_name, "
                  "s.note FROM authority_scopes s LEFT JOIN consortia k ON k.id = s.consortium_id "
                  "AND k.deleted_at IS NULL WHERE s.organization_id = ? AND s.deleted_at IS NULL "
                  "ORDER BY s.id",
                  e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, org_id);
    return stmt_rows(c, st, NULL, NULL, items, "authority scopes", e);
}

int store_assessment_brief(store_conn *c, int64_t consortium_id, int64_t year, json_t **out,
                           err_t *e)
{
    *out = NULL;
    json_t *rows = NULL;
    db_stmt *st = conn_stmt(
        c,
        "SELECT a.id, a.framework_id, a.status, a.version, a.result, a.score, a.cutoff_on, "
        "a.submitted_at, (SELECT count(*) FROM assessment_values v WHERE v.assessment_id = a.id "
        "AND v.rag = 'green'), (SELECT count(*) FROM assessment_values v WHERE v.assessment_id "
        "= a.id AND v.rag = 'amber'), (SELECT count(*) FROM assessment_values v WHERE "
        "v.assessment_id = a.id AND v.rag = 'red'), (SELECT count(*) FROM assessment_values v "
        "WHERE v.assessment_id = a.id AND (v.rag IS NULL OR v.rag = 'none')) FROM assessments a "
        "WHERE a.consortium_id = ? AND a.year = ?",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, year);
    static const char *const keys[] = {"id",     "framework_id", "status",    "version",
                                       "result", "score",        "cutoff_on", "submitted_at",
                                       "green",  "amber",        "red",       "none"};
    if (stmt_rows(c, st, NULL, keys, &rows, "assessment", e) != 0)
        return -1;
    json_t *a = json_array_get(rows, 0);
    if (a) {
        json_t *rag = json_object();
        static const char *const colours[] = {"green", "amber", "red", "none"};
        for (size_t i = 0; i < 4; i++) {
            json_object_set(rag, colours[i], json_object_get(a, colours[i]));
            json_object_del(a, colours[i]);
        }
        json_object_set_new(a, "rag", rag);
        *out = json_incref(a);
    }
    json_decref(rows);
    return 0;
}

int store_policy_totals(store_conn *c, int64_t consortium_id, int64_t year, json_t **items,
                        err_t *e)
{
    db_stmt *st =
        conn_stmt(c,
                  "SELECT kind, unit, sum(amount) AS amount, count(*) AS items FROM policy_grants "
                  "WHERE consortium_id = ?1 AND deleted_at IS NULL AND (?2 = 0 OR year = ?2) "
                  "GROUP BY kind, unit ORDER BY kind, unit",
                  e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, year);
    return stmt_rows(c, st, NULL, NULL, items, "policy totals", e);
}

int store_authority_framework(store_conn *c, json_t *ids, int64_t year, int64_t *framework_id,
                              err_t *e)
{
    *framework_id = 0;
    char *list = json_dumps(ids, JSON_COMPACT);
    db_stmt *st = conn_stmt(
        c,
        "SELECT id FROM (SELECT a.framework_id AS id, count(*) AS n, 0 AS pass FROM assessments "
        "a WHERE a.year = ?2 AND a.consortium_id IN (SELECT CAST(value AS BIGINT) FROM "
        "json_each(?1)) GROUP BY "
        "a.framework_id UNION ALL SELECT f.id, 0, 1 FROM indicator_frameworks f WHERE "
        "f.deleted_at IS NULL AND f.status = 'active') AS x ORDER BY pass, n DESC, id DESC LIMIT 1",
        e);
    if (!st) {
        free(list);
        return -1;
    }
    db_bind_text_owned(st, 1, list, -1);
    db_bind_int64(st, 2, year);
    int step = db_step(st);
    if (step == DB_ROW)
        *framework_id = db_column_int64(st, 0);
    db_reset(st);
    if (step != DB_ROW && step != DB_DONE)
        return conn_fail(c, e, "authority framework");
    return 0;
}

int store_authority_indicators(store_conn *c, int64_t framework_id, json_t **framework,
                               json_t **items, err_t *e)
{
    json_t *f = NULL;
    db_stmt *st = conn_stmt(c,
                            "SELECT id, name, version, applies_to FROM indicator_frameworks "
                            "WHERE id = ? AND deleted_at IS NULL",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, framework_id);
    if (stmt_rows(c, st, NULL, NULL, &f, "framework", e) != 0)
        return -1;
    st = conn_stmt(c,
                   "SELECT id, code, name, name_en, unit, direction, veto, source FROM indicators "
                   "WHERE framework_id = ? AND level = 3 AND deleted_at IS NULL ORDER BY "
                   "sort_order, code",
                   e);
    if (!st) {
        json_decref(f);
        return -1;
    }
    db_bind_int64(st, 1, framework_id);
    if (stmt_rows(c, st, NULL, NULL, items, "indicators", e) != 0) {
        json_decref(f);
        return -1;
    }
    if (framework)
        *framework = json_array_size(f) ? json_incref(json_array_get(f, 0)) : NULL;
    json_decref(f);
    return 0;
}

int store_assessment_value_map(store_conn *c, int64_t assessment_id, json_t **out, err_t *e)
{
    json_t *rows = NULL;
    db_stmt *st = conn_stmt(c,
                            "SELECT indicator_id, target, computed, reported, rag FROM "
                            "assessment_values WHERE assessment_id = ?",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, assessment_id);
    if (stmt_rows(c, st, NULL, NULL, &rows, "assessment values", e) != 0)
        return -1;
    json_t *map = json_object(), *row;
    size_t i;
    json_array_foreach (rows, i, row) {
        char key[24];
        snprintf(key, sizeof key, "%lld",
                 (long long)json_integer_value(json_object_get(row, "indicator_id")));
        json_object_del(row, "indicator_id");
        json_object_set(map, key, row);
    }
    json_decref(rows);
    *out = map;
    return 0;
}

int store_assessment_head(store_conn *c, int64_t assessment_id, json_t **out, err_t *e)
{
    json_t *rows = NULL;
    db_stmt *st = conn_stmt(
        c, "SELECT id, consortium_id, year, status, version FROM assessments WHERE id = ?", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, assessment_id);
    if (stmt_rows(c, st, NULL, NULL, &rows, "assessment", e) != 0)
        return -1;
    if (!json_array_size(rows)) {
        json_decref(rows);
        return err_set(e, ERR_NOT_FOUND, "评估 %lld 不存在 (assessment not found)",
                       (long long)assessment_id);
    }
    *out = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return 0;
}

int store_assessment_return(store_conn *c, int64_t assessment_id, bool *changed, err_t *e)
{
    char now[21];
    now_utc(now);
    db_stmt *st = conn_stmt(c,
                            "UPDATE assessments SET status = 'returned', updated_at = ?, "
                            "revision = revision + 1 WHERE id = ? AND status = 'submitted'",
                            e);
    if (!st)
        return -1;
    db_bind_text(st, 1, now, -1);
    db_bind_int64(st, 2, assessment_id);
    int step = db_step(st);
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "return assessment");
    *changed = db_changes(c) > 0;
    return 0;
}
