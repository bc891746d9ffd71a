/*
 * store_talent.c — the talent platform's reads that are not plain entity
 * CRUD: the inputs of gap analysis, names from the catalogues, the
 * published demand of a period, and published demand reports.
 *
 * Gap inputs come from demand_totals and supply_totals, which triggers
 * keep exact (migrations/003_talent.sql): a query touches one row per
 * occupation or major, not one per demand row, so a million demand rows
 * cost what a hundred do.  The crosswalk is the consortium's own when it
 * has one, else the shared one — decided here, in one place.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

static char *col_dup(db_stmt *st, int i)
{
    const char *t = db_column_text(st, i);
    return xstrdup(t ? t : "");
}

void store_gap_inputs_free(store_gap_inputs *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->nd; i++)
        free((char *)in->demand[i].code);
    for (size_t i = 0; i < in->ns; i++)
        free((char *)in->supply[i].code);
    for (size_t i = 0; i < in->nl; i++) {
        free((char *)in->links[i].major);
        free((char *)in->links[i].occupation);
    }
    free(in->demand);
    free(in->supply);
    free(in->links);
    memset(in, 0, sizeof *in);
}

/* Append (code, amount) rows of st to *arr. */
static int read_amounts(store_conn *c, db_stmt *st, code_amount **arr, size_t *n, double *extra,
                        err_t *e)
{
    size_t cap = 0;
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *arr = xrealloc(*arr, cap * sizeof **arr);
        }
        (*arr)[*n].code = col_dup(st, 0);
        (*arr)[*n].amount = db_column_double(st, 1);
        if (extra)
            *extra += db_column_double(st, 2);
        (*n)++;
    }
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "gap totals");
}

int store_gap_inputs_get(store_conn *c, int64_t consortium_id, int64_t period, const char *kind,
                         store_gap_inputs *in, err_t *e)
{
    memset(in, 0, sizeof *in);
    db_stmt *st = conn_stmt(
        c,
        "SELECT occupation_code, sum(headcount), sum(positions) FROM demand_totals "
        "WHERE consortium_id = ?1 AND period = ?2 AND (CAST(?3 AS TEXT) IS NULL OR kind = ?3) "
        "GROUP BY occupation_code HAVING sum(positions) > 0 ORDER BY occupation_code",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, period);
    if (kind)
        db_bind_text(st, 3, kind, -1);
    else
        db_bind_null(st, 3);
    if (read_amounts(c, st, &in->demand, &in->nd, &in->positions, e) != 0)
        goto fail;

    st = conn_stmt(c,
                   "SELECT major_code, graduates, enrolment FROM supply_totals "
                   "WHERE consortium_id = ?1 AND period = ?2 ORDER BY major_code",
                   e);
    if (!st)
        goto fail;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, period);
    if (read_amounts(c, st, &in->supply, &in->ns, &in->enrolment, e) != 0)
        goto fail;

    /* The consortium's own crosswalk replaces the shared one. */
    st = conn_stmt(c,
                   "SELECT EXISTS (SELECT 1 FROM crosswalk WHERE consortium_id = ? AND "
                   "deleted_at IS NULL)",
                   e);
    if (!st)
        goto fail;
    db_bind_int64(st, 1, consortium_id);
    in->own_crosswalk = db_step(st) == DB_ROW && db_column_int(st, 0);
    db_reset(st);
    st = conn_stmt(c,
                   "SELECT major_code, occupation_code, weight FROM crosswalk WHERE "
                   "deleted_at IS NULL AND ((?1 = 1 AND consortium_id = ?2) OR "
                   "(?1 = 0 AND consortium_id IS NULL))",
                   e);
    if (!st)
        goto fail;
    db_bind_int(st, 1, in->own_crosswalk);
    db_bind_int64(st, 2, consortium_id);
    size_t cap = 0;
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        if (in->nl == cap) {
            cap = cap ? cap * 2 : 64;
            in->links = xrealloc(in->links, cap * sizeof *in->links);
        }
        code_link *l = &in->links[in->nl++];
        l->major = col_dup(st, 0);
        l->occupation = col_dup(st, 1);
        l->has_weight = db_column_type(st, 2) != DB_NULL;
        l->weight = l->has_weight ? db_column_double(st, 2) : 0.0;
    }
    db_reset(st);
    if (step != DB_DONE) {
        conn_fail(c, e, "crosswalk");
        goto fail;
    }
    return 0;
fail:
    store_gap_inputs_free(in);
    return -1;
}

static json_t *period_row(db_stmt *st, const void *ctx)
{
    (void)ctx;
    return json_integer(db_column_int64(st, 0));
}

int store_gap_periods(store_conn *c, int64_t consortium_id, json_t **periods, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT period FROM demand_totals WHERE consortium_id = ?1 AND "
                            "positions > 0 UNION SELECT period FROM supply_totals WHERE "
                            "consortium_id = ?1 ORDER BY 1",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    return stmt_rows(c, st, period_row, NULL, periods, "periods", e);
}

bool store_catalog_name(store_conn *c, const char *catalog, const char *code, char *name, size_t n,
                        char *level, size_t ln)
{
    /* A region placeholder (市辖区, 县) is named by its full name. */
    const char *sql =
        !strcmp(catalog, "majors")
            ? "SELECT name, level FROM majors WHERE code=? AND deleted_at IS NULL"
        : !strcmp(catalog, "regions")
            ? "SELECT CASE WHEN name IN ('市辖区','县') THEN coalesce(full_name, name) "
              "ELSE name END, level FROM regions WHERE code=? AND deleted_at IS NULL"
            : "SELECT name, level FROM occupations WHERE code=? AND "
              "deleted_at IS NULL";
    db_stmt *st = lookup_stmt(c, sql);
    if (!st)
        return false;
    db_bind_text(st, 1, code, -1);
    bool found = lookup_step(c, st) == DB_ROW;
    if (found) {
        snprintf(name, n, "%s", db_column_text(st, 0));
        if (level)
            snprintf(level, ln, "%s", db_column_text(st, 1));
    }
    db_reset(st);
    return found;
}

int store_demand_published(store_conn *c, int64_t consortium_id, int64_t period, int64_t limit,
                           json_t **items, int64_t *total, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT count(*) FROM demand WHERE consortium_id = ? AND "
                            "period = ? AND status = 'published' AND deleted_at IS NULL",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, period);
    *total = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    st = conn_stmt(
        c,
        "SELECT o.name AS enterprise, d.job_title, d.occupation_code, oc.name AS occupation_name, "
        "d.kind, d.headcount, d.education, d.region_code, d.pay_min, d.pay_max, d.skills, "
        "CASE WHEN rg.name IN ('市辖区','县') THEN rg.full_name ELSE rg.name END AS region_name "
        "FROM demand d JOIN organizations o ON o.id = d.enterprise_id "
        "LEFT JOIN occupations oc ON oc.code = d.occupation_code AND oc.deleted_at IS NULL "
        "LEFT JOIN regions rg ON rg.code = d.region_code AND rg.deleted_at IS NULL "
        "WHERE d.consortium_id = ? AND d.period = ? AND d.status = 'published' AND "
        "d.deleted_at IS NULL ORDER BY d.occupation_code, o.name, d.id LIMIT ?",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, period);
    db_bind_int64(st, 3, limit);
    return stmt_rows(c, st, NULL, NULL, items, "published demand", e);
}

int64_t store_demand_enterprises(store_conn *c, int64_t consortium_id, int64_t period)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT count(DISTINCT enterprise_id) FROM demand WHERE "
                            "consortium_id = ? AND period = ? AND status = 'published' "
                            "AND deleted_at IS NULL",
                            NULL);
    if (!st)
        return 0;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, period);
    int64_t n = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    return n;
}

int store_report_insert(store_conn *c, int64_t consortium_id, int64_t period, const char *title,
                        const char *by, const char *published_at, const char *body, int64_t *id,
                        err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO demand_reports(consortium_id, period, title, "
                            "published_at, published_by, body, created_at, updated_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?4, ?4)",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, period);
    db_bind_text(st, 3, title, -1);
    db_bind_text(st, 4, published_at, -1);
    db_bind_text(st, 5, by, -1);
    db_bind_text(st, 6, body, -1);
    int step = db_step(st);
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "report insert");
    *id = db_last_insert_id(c);
    return 0;
}

static json_t *report_row(db_stmt *st, bool with_body)
{
    json_t *o =
        json_pack("{s:I,s:I,s:I,s:s,s:s,s:s}", "id", (json_int_t)db_column_int64(st, 0),
                  "consortium_id", (json_int_t)db_column_int64(st, 1), "period",
                  (json_int_t)db_column_int64(st, 2), "title", db_column_text(st, 3),
                  "published_at", db_column_text(st, 4), "published_by", db_column_text(st, 5));
    json_t *body = json_loads(db_column_text(st, 6), 0, NULL);
    if (!body)
        body = json_object();
    if (with_body)
        json_object_set_new(o, "body", body);
    else {
        json_object_set(o, "summary", json_object_get(body, "summary"));
        json_decref(body);
    }
    return o;
}

/* A report in a list: its summary, not its body (a row_maker). */
static json_t *report_summary_row(db_stmt *st, const void *ctx)
{
    (void)ctx;
    return report_row(st, false);
}

int store_report_get(store_conn *c, int64_t id, json_t **row, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT id, consortium_id, period, title, published_at, "
                            "published_by, body FROM demand_reports WHERE id = ? AND "
                            "deleted_at IS NULL",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, id);
    int step = db_step(st);
    if (step == DB_ROW)
        *row = report_row(st, true);
    db_reset(st);
    if (step == DB_ROW)
        return 0;
    if (step != DB_DONE)
        return conn_fail(c, e, "report");
    return err_set(e, ERR_NOT_FOUND, "需求报告 %lld 不存在 (no such demand report)", (long long)id);
}

int store_report_list(store_conn *c, int64_t consortium_id, int64_t page, int64_t per_page,
                      json_t **items, int64_t *total, err_t *e)
{
    db_stmt *st = conn_stmt(
        c, "SELECT count(*) FROM demand_reports WHERE consortium_id = ? AND deleted_at IS NULL", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    int step = db_step(st);
    *total = step == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, "reports");
    st = conn_stmt(c,
                   "SELECT id, consortium_id, period, title, published_at, published_by, body "
                   "FROM demand_reports WHERE consortium_id = ? AND deleted_at IS NULL "
                   "ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?",
                   e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, per_page);
    db_bind_int64(st, 3, (page - 1) * per_page);
    return stmt_rows(c, st, report_summary_row, NULL, items, "reports", e);
}

int store_catalog_names(store_conn *c, const char *catalog, json_t **map, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            !strcmp(catalog, "majors")
                                ? "SELECT code, name FROM majors WHERE deleted_at IS NULL"
                                : "SELECT code, name FROM occupations WHERE deleted_at IS NULL",
                            e);
    if (!st)
        return -1;
    *map = json_object();
    int step;
    while ((step = db_step(st)) == DB_ROW)
        json_object_set_new(*map, db_column_text(st, 0),
                            json_stringn(db_column_text(st, 1), (size_t)db_column_bytes(st, 1)));
    db_reset(st);
    if (step != DB_DONE) {
        json_decref(*map);
        *map = NULL;
        return conn_fail(c, e, "catalogue names");
    }
    return 0;
}
