/*
 * store_sheet.c — the look-ups a spreadsheet import and export make,
 * built from the entity descriptions: a row named by a text column (an
 * organisation by credit code or name, a student by student number
 * within a consortium and school, a catalogue row by code), the text a
 * sheet writes for a row, and how many live rows a table holds.
 *
 * Which columns name a row is the description's business
 * (entity_def.sheet_ref, entity_import.key); here each is one prepared
 * statement, cached per connection like every other, and served by the
 * column's index (the "IS NOT NULL" lets SQLite use a partial one, as the
 * credit-code index is).
 *
 * An import that may update rows (issue 15: import modes) first walks
 * the live rows it could meet, once, with store_entity_each: one
 * statement over the consortium's rows (served by its consortium index),
 * each row handed to the caller and dropped, so a large table costs its
 * keys, not its rows, in memory.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

int64_t store_entity_find_by(store_conn *c, const entity_def *d, const char *column,
                             const char *value, const char *in_field, int64_t in_id,
                             const char *scope_field, int64_t scope_id)
{
    char sql[512];
    int n = snprintf(sql, sizeof sql,
                     "SELECT id FROM %s WHERE %s = ?1 AND %s IS NOT NULL AND deleted_at IS NULL",
                     d->table, column, column);
    if (in_field)
        n += snprintf(sql + n, sizeof sql - (size_t)n, " AND %s = ?2", in_field);
    if (scope_field)
        n += snprintf(sql + n, sizeof sql - (size_t)n, " AND (?3 = 0 OR %s = ?3)", scope_field);
    snprintf(sql + n, sizeof sql - (size_t)n, " LIMIT 2");
    db_stmt *st = conn_stmt(c, sql, NULL);
    if (!st)
        return 0;
    db_bind_text(st, 1, value, -1);
    if (in_field)
        db_bind_int64(st, 2, in_id);
    if (scope_field)
        db_bind_int64(st, 3, scope_id);
    int64_t id = 0;
    int found = 0;
    while (db_step(st) == DB_ROW) {
        id = db_column_int64(st, 0);
        found++;
    }
    db_reset(st);
    return found > 1 ? -1 : id;
}

bool store_entity_text(store_conn *c, const entity_def *d, int64_t id, const char *column,
                       char *out, size_t n)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ? AND deleted_at IS NULL", column,
             d->table);
    db_stmt *st = lookup_stmt(c, sql);
    if (!st)
        return false;
    db_bind_int64(st, 1, id);
    bool found = lookup_step(c, st) == DB_ROW && db_column_type(st, 0) != DB_NULL;
    if (found)
        snprintf(out, n, "%s", db_column_text(st, 0));
    db_reset(st);
    return found;
}

int store_entity_each(store_conn *c, const entity_def *d, const char *in_field, int64_t in_id,
                      store_row_fn fn, void *ctx, err_t *e)
{
    buf_t sql;
    buf_init(&sql);
    buf_puts(&sql, "SELECT ");
    bool first = true;
    for (const field_def *f = d->fields; f->name; f++) {
        if (f->flags & F_WRITEONLY)
            continue;
        buf_printf(&sql, "%s%s", first ? "" : ",", f->name);
        first = false;
    }
    buf_printf(&sql, " FROM %s WHERE deleted_at IS NULL", d->table);
    /* "= ?" or "IS NULL", not "IS NOT DISTINCT FROM ?": no PostgreSQL
     * index serves that, so an import's read of its consortium's rows
     * walked the whole table (3 s of 10 M rows; test_serve_pg). */
    if (in_field)
        buf_printf(&sql, in_id ? " AND %s = ?1" : " AND %s IS NULL", in_field);
    buf_puts(&sql, " ORDER BY id");
    db_stmt *st = conn_stmt(c, sql.data, e);
    buf_free(&sql);
    if (!st)
        return -1;
    if (in_field && in_id)
        db_bind_int64(st, 1, in_id);
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        json_t *row = row_to_json(st, d);
        fn(ctx, row);
        json_decref(row);
    }
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "rows of");
}

int64_t store_entity_count(store_conn *c, const entity_def *d)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE deleted_at IS NULL", d->table);
    db_stmt *st = conn_stmt(c, sql, NULL);
    if (!st)
        return -1;
    int64_t n = db_step(st) == DB_ROW ? db_column_int64(st, 0) : -1;
    db_reset(st);
    return n;
}
