/*
 * backup.h — copying the database while it is served, and putting a copy
 * back: what `chanjiao backup` and `chanjiao restore` run (cli_backup.c).
 *
 * The floors above the domain never call the store; this module is their
 * door to the store's backup (store_backup.c says how a snapshot is
 * copied and checked, and why a database in use is recognised by the lock
 * on its -shm file).  The rules a restore keeps are the store's checks
 * here: the backup must be a whole Chanjiao database whose migrations
 * this binary knows, and a database a running server has open is not
 * replaced unless forced.  Uploaded files are the CLI's business.
 */
#ifndef CJ_BACKUP_H
#define CJ_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/util.h"

typedef struct {
    int64_t pages; /* pages copied */
    int64_t bytes; /* size of the copy */
    int schema;    /* its highest migration */
} backup_info;

/* Copy the database at db_path, while it may be served and written, to
 * the file `to` (replaced atomically by a checked copy of one snapshot).
 * 0 with *info filled, or -1 with e set. */
int backup_make(const char *db_path, const char *to, backup_info *info, err_t *e);
/* Replace the database at db_path with a checked copy of the backup
 * `from`; a database in use is refused (ERR_CONFLICT) unless force.
 * 0 with *info filled, or -1 with e set and nothing changed. */
int backup_restore(const char *from, const char *db_path, bool force, backup_info *info, err_t *e);

/* A table of a copy as checked: rows and SHA-256 (hex) on each side. */
typedef struct {
    const char *table;
    int64_t rows_from, rows_to;
    const char *sum_from, *sum_to;
} backup_copy_table;
/* Copy the database at `from` into the new database at `to` of the other
 * kind, SQLite into PostgreSQL or PostgreSQL into a SQLite file
 * (`chanjiao store copy`: both opened and migrated here), checked table
 * by table; report(ctx, …) per table.  0, or -1 with e set: ERR_INVALID
 * or ERR_CONFLICT when refused with nothing written (store_copy). */
int backup_copy(const char *from, const char *to,
                void (*report)(void *ctx, const backup_copy_table *t), void *ctx, err_t *e);

#endif
