/*
 * store_measures_profile.c — the count behind the child_consortia measure
 * (domain/measures.c): consortia that name cid as their parent.
 */
#include "store/store_internal.h"
#include "store/store_measures.h"

int store_measure_child_consortia(store_conn *c, int64_t cid, const char *cutoff, double *out,
                                  err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT count(*) FROM consortia WHERE parent_id = ?1 AND "
                            "deleted_at IS NULL AND id <> ?1 AND "
                            "coalesce(recognized_on, founded_on, '') <= ?2",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, cid);
    db_bind_text(st, 2, cutoff, -1);
    int step = db_step(st);
    if (step == DB_ROW)
        *out = db_column_double(st, 0);
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, "measure child consortia");
    return 0;
}
