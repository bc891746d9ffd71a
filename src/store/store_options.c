/*
 * store_options.c — the look-ups of option lists (字典, the "options"
 * table of migration 011): which option of a consortium a text names, and
 * all of a consortium's options.  Rows of the table are written by the
 * generic entity SQL (store_entity.c); the rules are domain/options.c's.
 *
 * A text names an option by its code, its Chinese label or (ignoring
 * case) its English label.  An import asks once per row, so in bulk mode
 * the answers for active options are remembered (store_bulk.c's memo,
 * keyed by consortium, field and text), the way references are.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

int store_option_find(store_conn *c, int64_t consortium_id, const char *field, const char *text,
                      char *value, size_t n, bool *active)
{
    char key[256];
    snprintf(key, sizeof key, "o|%lld|%.60s|%.160s", (long long)consortium_id, field, text);
    const char *kept = memo_text(c, key);
    if (kept) {
        snprintf(value, n, "%s", kept);
        *active = true;
        return 1;
    }
    /* An active option first, should a code of one equal a label of another. */
    db_stmt *st = conn_stmt(c,
                            "SELECT value, active FROM options WHERE consortium_id = ?1 AND "
                            "field = ?2 AND deleted_at IS NULL AND (value = ?3 OR "
                            "label_zh = ?3 OR lower(label_en) = lower(?3)) "
                            "ORDER BY active DESC, value = ?3 DESC LIMIT 1",
                            NULL);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_text(st, 2, field, -1);
    db_bind_text(st, 3, text, -1);
    int rc = db_step(st);
    int found = rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
    if (found == 1) {
        snprintf(value, n, "%s", db_column_text(st, 0));
        *active = db_column_int(st, 1) != 0;
        if (*active)
            memo_add_text(c, key, value);
    }
    db_reset(st);
    return found;
}

int store_options_list(store_conn *c, int64_t consortium_id, json_t **items, err_t *e)
{
    static const char *const cols[] = {"id",       "field",      "value",  "label_zh",
                                       "label_en", "sort_order", "active", NULL};
    db_stmt *st = conn_stmt(c,
                            "SELECT id, field, value, label_zh, label_en, sort_order, active "
                            "FROM options WHERE consortium_id = ? AND deleted_at IS NULL "
                            "ORDER BY field, sort_order, id",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    if (stmt_rows(c, st, NULL, cols, items, "options", e) != 0)
        return -1;
    size_t i;
    json_t *row;
    json_array_foreach (*items, i, row)
        json_object_set_new(row, "active",
                            json_boolean(json_integer_value(json_object_get(row, "active"))));
    return 0;
}
