/*
 * store_lists.c — the three lists' snapshots (migration 015).
 *
 * Publishing a core-products or tech-needs list is one INSERT … SELECT:
 * SQLite reads the consortium's records, joins the enterprise's name,
 * looks the field or chain-link labels up in a JSON map the domain binds
 * (the shipped options and the consortium's own), builds each row's JSON
 * and numbers the rows with row_number(), all without a row crossing into
 * C.  The rows get consecutive ids in the list's order (a rowid table
 * gives each new row max(id) + 1, and nothing else writes in the
 * transaction; checked after the insert), so the list keeps only its first
 * id and reading a page is a rowid range (bench/lists_publish.sh).  A
 * talent-needs list's rows are its demand report's.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

/* A row is stored as a JSON array of its values, in the order of its
 * kind's keys below, and read back as an object (item_row): the keys are
 * not written 100 000 times. */
static const char *const tech_need_keys[] = {
    "id",          "title",        "enterprise_id",  "enterprise",
    "field",       "field_label",  "field_label_en", "keywords",
    "description", "budget_min",   "budget_max",     "wanted_by",
    "status",      "published_on", "contact",        NULL};
static const char *const core_product_keys[] = {"id",
                                                "name",
                                                "enterprise_id",
                                                "enterprise",
                                                "chain_link",
                                                "chain_link_label",
                                                "chain_link_label_en",
                                                "description",
                                                "key_technologies",
                                                "occupation_codes",
                                                "occupations",
                                                NULL};

/* The rows of a tech-needs list: published or in progress, public, live. */
static const char tech_needs_sql[] =
    "INSERT INTO published_list_items(list_id, body) "
    "SELECT ?1, json_array("
    "n.id, n.title, n.enterprise_id, o.name, "
    "n.field, json_extract(?3, '$.\"' || n.field || '\"[0]'), "
    "json_extract(?3, '$.\"' || n.field || '\"[1]'), "
    "n.keywords, n.description, n.budget_min, "
    "n.budget_max, n.wanted_by, n.status, "
    "n.published_on, n.contact) "
    "FROM tech_needs n LEFT JOIN organizations o ON o.id = n.enterprise_id "
    "WHERE n.consortium_id = ?2 AND n.deleted_at IS NULL AND n.visibility = 'public' "
    "AND n.status IN ('published', 'in_progress') ORDER BY n.id";

/* The rows of a core-products list: every live product of the consortium;
 * occupation codes (joined by 、) each with its catalogue name. */
static const char core_products_sql[] =
    "INSERT INTO published_list_items(list_id, body) "
    "SELECT ?1, json_array("
    "p.id, p.name, p.enterprise_id, o.name, p.chain_link, "
    "json_extract(?3, '$.\"' || p.chain_link || '\"[0]'), "
    "json_extract(?3, '$.\"' || p.chain_link || '\"[1]'), "
    "p.description, p.key_technologies, p.occupation_codes, "
    "CASE WHEN coalesce(p.occupation_codes, '') = '' THEN NULL ELSE "
    "(SELECT group_concat(j.value || coalesce(' ' || oc.name, ''), '、') "
    "FROM json_each('[\"' || replace(replace(replace(p.occupation_codes, '\"', ''), '\\', ''), "
    "'、', '\",\"') || '\"]') j "
    "LEFT JOIN occupations oc ON oc.code = j.value AND oc.deleted_at IS NULL) END) "
    "FROM core_products p LEFT JOIN organizations o ON o.id = p.enterprise_id "
    "WHERE p.consortium_id = ?2 AND p.deleted_at IS NULL ORDER BY p.id";

int store_list_publish(store_conn *c, int64_t consortium_id, const char *kind, const char *period,
                       const char *title, const char *by, const char *published_at,
                       const char *labels, int64_t *id, int64_t *count, err_t *e)
{
    const char *rows_sql = !strcmp(kind, "tech_needs")      ? tech_needs_sql
                           : !strcmp(kind, "core_products") ? core_products_sql
                                                            : NULL;
    if (!rows_sql)
        return err_set(e, ERR_INTERNAL, "内部错误 (internal error)");
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO published_lists(consortium_id, kind, period, title, "
                            "published_at, published_by, item_count, created_at, updated_at) "
                            "VALUES (?, ?, ?, ?, ?5, ?, 0, ?5, ?5)",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_text(st, 2, kind, -1);
    db_bind_text(st, 3, period, -1);
    db_bind_text(st, 4, title, -1);
    db_bind_text(st, 5, published_at, -1);
    db_bind_text(st, 6, by, -1);
    int step = db_step(st);
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "list insert");
    *id = db_last_insert_id(c);

    st = conn_stmt(c, "SELECT coalesce(max(id), 0) + 1 FROM published_list_items", e);
    if (!st)
        return -1;
    step = db_step(st);
    int64_t first = step == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, "list first row");

    st = conn_stmt(c, rows_sql, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, *id);
    db_bind_int64(st, 2, consortium_id);
    db_bind_text(st, 3, labels, -1);
    step = db_step(st);
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "list rows");
    *count = db_changes(c);
    /* The rows must be first, first + 1, …: a page is read as that range. */
    if (*count > 0 && db_last_insert_id(c) != first + *count - 1) {
        fprintf(stderr, "chanjiao: list %lld: rows not consecutive\n", (long long)*id);
        return err_set(e, ERR_INTERNAL, "内部错误 (internal error)");
    }

    st = conn_stmt(c, "UPDATE published_lists SET item_count = ?, first_item = ? WHERE id = ?", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, *count);
    db_bind_int64(st, 2, first);
    db_bind_int64(st, 3, *id);
    step = db_step(st);
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "list count");
}

#define LIST_COLUMNS                                                                               \
    "SELECT id, consortium_id, kind, period, title, published_at, published_by, item_count, "      \
    "report_id FROM published_lists l "

static const char *const list_keys[] = {"id",           "consortium_id", "kind",
                                        "period",       "title",         "published_at",
                                        "published_by", "count",         "report_id"};

static json_t *list_row(db_stmt *st, const void *ctx)
{
    (void)ctx;
    json_t *o = json_object();
    for (int i = 0; i < (int)(sizeof list_keys / sizeof *list_keys); i++)
        json_object_set_new(o, list_keys[i], column_json(st, i));
    return o;
}

static int one_list(store_conn *c, db_stmt *st, json_t **row, err_t *e)
{
    json_t *items = NULL;
    if (stmt_rows(c, st, list_row, NULL, &items, "list", e) != 0)
        return -1;
    if (json_array_size(items) == 0) {
        json_decref(items);
        return err_set(e, ERR_NOT_FOUND, "清单不存在 (no such list)");
    }
    *row = json_incref(json_array_get(items, 0));
    json_decref(items);
    return 0;
}

/* A talent-needs list counts while its demand report is live. */
#define LIST_LIVE                                                                                  \
    "l.deleted_at IS NULL AND (l.report_id IS NULL OR EXISTS (SELECT 1 FROM demand_reports r "     \
    "WHERE r.id = l.report_id AND r.deleted_at IS NULL))"

int store_list_get(store_conn *c, int64_t id, json_t **row, err_t *e)
{
    db_stmt *st = conn_stmt(c, LIST_COLUMNS "WHERE l.id = ? AND " LIST_LIVE, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, id);
    return one_list(c, st, row, e);
}

int store_list_by_report(store_conn *c, int64_t report_id, json_t **row, err_t *e)
{
    db_stmt *st = conn_stmt(c, LIST_COLUMNS "WHERE l.report_id = ? AND " LIST_LIVE, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, report_id);
    return one_list(c, st, row, e);
}

int store_list_page(store_conn *c, int64_t consortium_id, const char *kind, int64_t page,
                    int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT count(*) FROM published_lists l WHERE consortium_id = ?1 "
                            "AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2) AND " LIST_LIVE,
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    if (kind)
        db_bind_text(st, 2, kind, -1);
    int step = db_step(st);
    *total = step == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, "lists");
    st = conn_stmt(
        c,
        LIST_COLUMNS
        "WHERE consortium_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2) AND " LIST_LIVE
        " ORDER BY published_at DESC, id DESC LIMIT ?3 OFFSET ?4",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    if (kind)
        db_bind_text(st, 2, kind, -1);
    db_bind_int64(st, 3, per_page);
    db_bind_int64(st, 4, (page - 1) * per_page);
    return stmt_rows(c, st, list_row, NULL, items, "lists", e);
}

/* A row_maker: the body column parsed; with ctx (a kind's keys) an array
 * of values becomes the object of those keys. */
static json_t *item_row(db_stmt *st, const void *ctx)
{
    const char *const *keys = ctx;
    json_t *v = json_loadb(db_column_text(st, 0), (size_t)db_column_bytes(st, 0), 0, NULL);
    if (!v)
        return json_object();
    if (!keys || !json_is_array(v))
        return v;
    json_t *o = json_object();
    for (size_t i = 0; keys[i]; i++) {
        json_t *x = json_array_get(v, i);
        json_object_set(o, keys[i], x ? x : json_null());
    }
    json_decref(v);
    return o;
}

int store_list_rows(store_conn *c, const json_t *list, int64_t offset, int64_t limit,
                    json_t **items, err_t *e)
{
    json_t *report = json_object_get(list, "report_id");
    const char *kind = json_string_value(json_object_get(list, "kind"));
    const char *const *keys = kind && !strcmp(kind, "tech_needs")      ? tech_need_keys
                              : kind && !strcmp(kind, "core_products") ? core_product_keys
                                                                       : NULL;
    db_stmt *st;
    if (json_is_integer(report)) {
        st = conn_stmt(c,
                       "SELECT j.value FROM demand_reports r, json_each(r.body, '$.items') j "
                       "WHERE r.id = ? ORDER BY CAST(j.key AS BIGINT) LIMIT ? OFFSET ?",
                       e);
        if (!st)
            return -1;
        db_bind_int64(st, 1, json_integer_value(report));
        db_bind_int64(st, 2, limit);
        db_bind_int64(st, 3, offset);
    } else {
        /* Rank offset + 1 on is id first_item + offset on, below
         * first_item + item_count (the range store_list_publish wrote). */
        st = conn_stmt(c,
                       "SELECT i.body FROM published_lists l JOIN published_list_items i "
                       "ON i.id >= l.first_item + ?2 AND i.id < l.first_item + l.item_count "
                       "WHERE l.id = ?1 ORDER BY i.id LIMIT ?3",
                       e);
        if (!st)
            return -1;
        db_bind_int64(st, 1, json_integer_value(json_object_get(list, "id")));
        db_bind_int64(st, 2, offset);
        db_bind_int64(st, 3, limit);
    }
    return stmt_rows(c, st, item_row, keys, items, "list rows", e);
}
