/*
 * store_region.c — the one read the region resolver needs (domain/region.c):
 * the whole live catalogue in code order, read once per import.  About
 * 3 200 rows; the list, search and children of the catalogue are the
 * generic entity reads of "regions" (store_entity.c).
 */
#include <jansson.h>

#include "store/store_internal.h"

int store_region_all(store_conn *c, json_t **items, err_t *e)
{
    static const char *const cols[] = {"code", "name", "parent_code", "full_name"};
    db_stmt *st = conn_stmt(c,
                            "SELECT code, name, parent_code, full_name FROM regions "
                            "WHERE deleted_at IS NULL ORDER BY code",
                            e);
    if (!st)
        return -1;
    return stmt_rows(c, st, NULL, cols, items, "regions", e);
}
