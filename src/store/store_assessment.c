/*
 * store_assessment.c — see store_assessment.h.  Every statement is
 * prepared; the callers (domain/assessment.c) hold the transaction.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_assessment.h"
#include "store/store_internal.h"

static void bind_text_or_null(db_stmt *st, int i, const char *s)
{
    if (s)
        db_bind_text(st, i, s, -1);
    else
        db_bind_null(st, i);
}

/* Step a bound write to its end. */
static int done(store_conn *c, db_stmt *st, const char *what, err_t *e)
{
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : conn_fail(c, e, what);
}

/* The first row of a bound statement as an object, or ERR_NOT_FOUND. */
static int one_row(store_conn *c, db_stmt *st, json_t **row, const char *what, err_t *e)
{
    json_t *items = NULL;
    if (stmt_rows(c, st, NULL, NULL, &items, what, e) != 0)
        return -1;
    if (!json_array_size(items)) {
        json_decref(items);
        return err_set(e, ERR_NOT_FOUND, "%s 不存在 (not found)", what);
    }
    *row = json_incref(json_array_get(items, 0));
    json_decref(items);
    return 0;
}

bool store_consortium_kind(store_conn *c, int64_t cid, char *kind, size_t n)
{
    db_stmt *st = lookup_stmt(c, "SELECT kind FROM consortia WHERE id = ? AND deleted_at IS NULL");
    if (!st)
        return false;
    db_bind_int64(st, 1, cid);
    bool ok = lookup_step(c, st) == DB_ROW;
    if (ok)
        snprintf(kind, n, "%s", db_column_text(st, 0) ? db_column_text(st, 0) : "");
    db_reset(st);
    return ok;
}

int64_t store_framework_default(store_conn *c, const char *kind)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT id FROM indicator_frameworks WHERE deleted_at IS NULL "
                            "AND status = 'active' AND (applies_to = ?1 OR applies_to = "
                            "'all') ORDER BY coalesce(effective_on, '') DESC, id DESC LIMIT 1",
                            NULL);
    if (!st)
        return 0;
    db_bind_text(st, 1, kind, -1);
    int64_t id = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    return id;
}

int store_framework_row(store_conn *c, int64_t fid, json_t **row, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT id, name, name_en, issuer, version, effective_on, "
                            "applies_to, status, amber_ratio, description FROM "
                            "indicator_frameworks WHERE id = ? AND deleted_at IS NULL",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, fid);
    return one_row(c, st, row, "指标体系 (framework)", e);
}

int store_framework_indicators(store_conn *c, int64_t fid, json_t **items, err_t *e)
{
    db_stmt *st = conn_stmt(
        c,
        "SELECT id, parent_id, level, code, name, name_en, observation, unit, direction, weight, "
        "veto, source, measure, measure_params, default_target, sort_order FROM indicators "
        "WHERE framework_id = ? AND deleted_at IS NULL ORDER BY level, coalesce(sort_order, 0), "
        "code, id",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, fid);
    return stmt_rows(c, st, NULL, NULL, items, "indicators", e);
}

int store_assessment_insert(store_conn *c, int64_t cid, int year, int64_t fid, const char *cutoff,
                            const char *now, int64_t *id, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO assessments(consortium_id, year, framework_id, "
                            "status, cutoff_on, created_at, updated_at) VALUES(?, ?, ?, "
                            "'draft', ?, ?, ?)",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, cid);
    db_bind_int(st, 2, year);
    db_bind_int64(st, 3, fid);
    db_bind_text(st, 4, cutoff, -1);
    db_bind_text(st, 5, now, -1);
    db_bind_text(st, 6, now, -1);
    int rc = db_step(st);
    const char *msg;
    int broke = rc == DB_DONE ? 0 : db_constraint(c, &msg);
    db_reset(st);
    if (rc == DB_DONE) {
        *id = db_last_insert_id(c);
        return 0;
    }
    if (broke == DB_UNIQUE)
        return err_set(e, ERR_CONFLICT,
                       "该联合体 %d 年的监测评估已存在 (this consortium already has an "
                       "assessment for %d)",
                       year, year);
    return conn_fail(c, e, "assessment insert");
}

int store_assessment_value_add(store_conn *c, int64_t aid, int64_t iid, bool has_target,
                               double target, const char *set_by, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO assessment_values(assessment_id, indicator_id, "
                            "target, target_set_by, rag) VALUES(?, ?, ?, ?, 'none')",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    db_bind_int64(st, 2, iid);
    if (has_target) {
        db_bind_double(st, 3, target);
        db_bind_text(st, 4, set_by, -1);
    } else {
        db_bind_null(st, 3);
        db_bind_null(st, 4);
    }
    return done(c, st, "assessment value add", e);
}

int store_assessment_row(store_conn *c, int64_t aid, json_t **row, err_t *e)
{
    db_stmt *st = conn_stmt(
        c,
        "SELECT a.id, a.consortium_id, k.name AS consortium_name, a.year, a.framework_id, "
        "a.status, a.cutoff_on, a.computed_at, a.submitted_at, a.submitted_by, u.display_name "
        "AS submitted_by_name, a.version, a.result, a.score, a.created_at, a.updated_at, "
        "a.revision FROM assessments a LEFT JOIN consortia k ON k.id = a.consortium_id LEFT "
        "JOIN users u ON u.id = a.submitted_by WHERE a.id = ?",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    return one_row(c, st, row, "监测评估 (assessment)", e);
}

int64_t store_assessment_of_year(store_conn *c, int64_t cid, int year)
{
    db_stmt *st =
        conn_stmt(c, "SELECT id FROM assessments WHERE consortium_id = ? AND year = ?", NULL);
    if (!st)
        return 0;
    db_bind_int64(st, 1, cid);
    db_bind_int(st, 2, year);
    int64_t id = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    return id;
}

int store_assessment_list(store_conn *c, int64_t cid, json_t **items, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT id, year, status, result, score, version, cutoff_on, "
                            "computed_at, submitted_at, framework_id FROM assessments "
                            "WHERE consortium_id = ? ORDER BY year DESC",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, cid);
    return stmt_rows(c, st, NULL, NULL, items, "assessments", e);
}

int store_assessment_values(store_conn *c, int64_t aid, json_t **items, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT indicator_id, target, target_set_by, computed, drill, "
                            "reported, evidence, note, rag, error FROM assessment_values "
                            "WHERE assessment_id = ?",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    return stmt_rows(c, st, NULL, NULL, items, "assessment values", e);
}

int store_assessment_save(store_conn *c, int64_t aid, const store_assessment_state *s,
                          const char *now, err_t *e)
{
    db_stmt *st = conn_stmt(
        c,
        "UPDATE assessments SET status = ?, cutoff_on = ?, computed_at = ?, submitted_at = ?, "
        "submitted_by = ?, version = ?, result = ?, score = ?, updated_at = ?, revision = "
        "revision + 1 WHERE id = ?",
        e);
    if (!st)
        return -1;
    bind_text_or_null(st, 1, s->status);
    bind_text_or_null(st, 2, s->cutoff_on);
    bind_text_or_null(st, 3, s->computed_at);
    bind_text_or_null(st, 4, s->submitted_at);
    if (s->submitted_by)
        db_bind_int64(st, 5, s->submitted_by);
    else
        db_bind_null(st, 5);
    db_bind_int64(st, 6, s->version);
    bind_text_or_null(st, 7, s->result);
    if (s->has_score)
        db_bind_double(st, 8, s->score);
    else
        db_bind_null(st, 8);
    db_bind_text(st, 9, now, -1);
    db_bind_int64(st, 10, aid);
    return done(c, st, "assessment save", e);
}

int store_assessment_value_computed(store_conn *c, int64_t aid, int64_t iid, bool has_value,
                                    double value, const char *drill, const char *error, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "UPDATE assessment_values SET computed = ?, drill = ?, error = "
                            "? WHERE assessment_id = ? AND indicator_id = ?",
                            e);
    if (!st)
        return -1;
    if (has_value)
        db_bind_double(st, 1, value);
    else
        db_bind_null(st, 1);
    bind_text_or_null(st, 2, drill);
    bind_text_or_null(st, 3, error);
    db_bind_int64(st, 4, aid);
    db_bind_int64(st, 5, iid);
    return done(c, st, "assessment value computed", e);
}

int store_assessment_value_edit(store_conn *c, int64_t aid, int64_t iid, json_t *target,
                                const char *set_by, json_t *reported, const char *evidence,
                                const char *note, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "UPDATE assessment_values SET target = ?, target_set_by = ?, "
                            "reported = ?, evidence = ?, note = ? WHERE assessment_id = ? "
                            "AND indicator_id = ?",
                            e);
    if (!st)
        return -1;
    bind_json(st, 1, target);
    bind_text_or_null(st, 2, set_by);
    bind_json(st, 3, reported);
    bind_text_or_null(st, 4, evidence);
    bind_text_or_null(st, 5, note);
    db_bind_int64(st, 6, aid);
    db_bind_int64(st, 7, iid);
    return done(c, st, "assessment value edit", e);
}

int store_assessment_value_rag(store_conn *c, int64_t aid, int64_t iid, const char *rag, err_t *e)
{
    db_stmt *st = conn_stmt(
        c, "UPDATE assessment_values SET rag = ? WHERE assessment_id = ? AND indicator_id = ?", e);
    if (!st)
        return -1;
    db_bind_text(st, 1, rag, -1);
    db_bind_int64(st, 2, aid);
    db_bind_int64(st, 3, iid);
    return done(c, st, "assessment value rag", e);
}

int store_assessment_evidence_refs(store_conn *c, int64_t aid, int64_t iid, json_t *shas, err_t *e)
{
    char field[40];
    snprintf(field, sizeof field, "evidence:%lld", (long long)iid);
    db_stmt *st = conn_stmt(
        c, "DELETE FROM file_refs WHERE entity = 'assessments' AND record_id = ? AND field = ?", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    db_bind_text(st, 2, field, -1);
    if (done(c, st, "evidence refs clear", e) != 0)
        return -1;
    size_t i;
    json_t *v;
    json_array_foreach (shas, i, v) {
        st = conn_stmt(c,
                       "INSERT INTO file_refs(entity, record_id, field, sha256) "
                       "VALUES('assessments', ?, ?, ?) ON CONFLICT DO NOTHING",
                       e);
        if (!st)
            return -1;
        db_bind_int64(st, 1, aid);
        db_bind_text(st, 2, field, -1);
        db_bind_text(st, 3, json_string_value(v), -1);
        if (done(c, st, "evidence ref add", e) != 0)
            return -1;
    }
    return 0;
}

int store_assessment_version_add(store_conn *c, int64_t aid, int64_t version, const char *at,
                                 int64_t by, const char *snapshot, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO assessment_versions(assessment_id, version, "
                            "submitted_at, submitted_by, snapshot) VALUES(?, ?, ?, ?, ?)",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    db_bind_int64(st, 2, version);
    db_bind_text(st, 3, at, -1);
    db_bind_int64(st, 4, by);
    db_bind_text(st, 5, snapshot, -1);
    return done(c, st, "assessment version add", e);
}

int store_assessment_version_snapshot_set(store_conn *c, int64_t aid, int64_t version,
                                          const char *snapshot, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "UPDATE assessment_versions SET snapshot = ? WHERE "
                            "assessment_id = ? AND version = ?",
                            e);
    if (!st)
        return -1;
    db_bind_text(st, 1, snapshot, -1);
    db_bind_int64(st, 2, aid);
    db_bind_int64(st, 3, version);
    return done(c, st, "assessment version snapshot", e);
}

int store_assessment_versions(store_conn *c, int64_t aid, json_t **items, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT v.version, v.submitted_at, v.submitted_by, "
                            "u.display_name AS submitted_by_name FROM assessment_versions "
                            "v LEFT JOIN users u ON u.id = v.submitted_by WHERE "
                            "v.assessment_id = ? ORDER BY v.version",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    return stmt_rows(c, st, NULL, NULL, items, "assessment versions", e);
}

int store_assessment_version_snapshot(store_conn *c, int64_t aid, int64_t version, char **text,
                                      err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT snapshot FROM assessment_versions WHERE "
                            "assessment_id = ? AND version = ?",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    db_bind_int64(st, 2, version);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *text = xstrdup(db_column_text(st, 0));
    db_reset(st);
    if (rc == DB_ROW)
        return 0;
    if (rc == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "第 %lld 版不存在 (no such version)", (long long)version);
    return conn_fail(c, e, "assessment version");
}

int store_assessment_comment_add(store_conn *c, int64_t aid, int64_t version, int64_t user_id,
                                 const char *action, const char *body, int64_t *id, err_t *e)
{
    char now[21];
    now_utc(now);
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO assessment_comments(assessment_id, version, "
                            "user_id, action, body, created_at) VALUES(?, ?, ?, ?, ?, ?)",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    if (version > 0)
        db_bind_int64(st, 2, version);
    else
        db_bind_null(st, 2);
    db_bind_int64(st, 3, user_id);
    db_bind_text(st, 4, action, -1);
    db_bind_text(st, 5, body, -1);
    db_bind_text(st, 6, now, -1);
    int step = db_step(st);
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "assessment comment add");
    if (id)
        *id = db_last_insert_id(c);
    return 0;
}

int store_assessment_comments(store_conn *c, int64_t aid, json_t **items, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT m.id, m.version, m.user_id, u.display_name AS "
                            "user_name, u.role, m.action, m.body, m.created_at FROM "
                            "assessment_comments m LEFT JOIN users u ON u.id = m.user_id "
                            "WHERE m.assessment_id = ? ORDER BY m.id",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, aid);
    return stmt_rows(c, st, NULL, NULL, items, "assessment comments", e);
}

int store_consortium_goals(store_conn *c, int64_t cid, json_t **items, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT id, title, title_en, measure, measure_params, baseline, "
                            "target_min, target_max, unit, due_year, manual_value, source, "
                            "note FROM consortium_goals WHERE consortium_id = ? AND "
                            "deleted_at IS NULL ORDER BY coalesce(due_year, 9999), id",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, cid);
    return stmt_rows(c, st, NULL, NULL, items, "consortium goals", e);
}
