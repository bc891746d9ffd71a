/*
 * backup.c — see backup.h: the store's backup and restore, named for the
 * floors above the domain, with the store's figures copied into the
 * domain's own struct.
 */
#include "domain/backup.h"

#include "store/store.h"

static void copy_info(const store_backup_info *from, backup_info *to)
{
    to->pages = from->pages;
    to->bytes = from->bytes;
    to->schema = from->schema;
}

int backup_make(const char *db_path, const char *to, backup_info *info, err_t *e)
{
    store_backup_info si = {0};
    int rc = store_backup(db_path, to, &si, e);
    copy_info(&si, info);
    return rc;
}

int backup_restore(const char *from, const char *db_path, bool force, backup_info *info, err_t *e)
{
    store_backup_info si = {0};
    int rc = store_restore(from, db_path, force, &si, e);
    copy_info(&si, info);
    return rc;
}

typedef struct {
    void (*report)(void *ctx, const backup_copy_table *t);
    void *ctx;
} copy_report;

static void report_table(void *ctx, const store_copy_table *t)
{
    const copy_report *r = ctx;
    backup_copy_table out = {t->table, t->rows_from, t->rows_to, t->sum_from, t->sum_to};
    r->report(r->ctx, &out);
}

int backup_copy(const char *from, const char *to,
                void (*report)(void *ctx, const backup_copy_table *t), void *ctx, err_t *e)
{
    copy_report r = {report, ctx};
    return store_copy(from, to, report ? report_table : NULL, &r, e);
}
