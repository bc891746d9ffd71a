/*
 * import.h — spreadsheet import of register rows, all or nothing.
 *
 * A file (CSV in UTF-8 or GB18030, or XLSX) is read row by row; headers
 * may be the English field names or the Chinese labels (and aliases) of
 * the entity description; enumerations accept values or Chinese labels;
 * organisations are named by credit code or exact name.  Every row is
 * validated and written through domain/record.c inside ONE transaction:
 * if any row is bad, the transaction is rolled back, nothing is written,
 * and the report lists every bad row with its line number and reason.
 */
#ifndef CJ_IMPORT_H
#define CJ_IMPORT_H

#include "domain/perm.h"
#include "io/table.h"

typedef struct {
    size_t rows;        /* data rows read */
    size_t imported;    /* rows written (0 when any row failed) */
    size_t bad_rows;    /* rows with errors */
    json_t *errors;     /* array of {"line":n,"field":f|null,"message":m}; owned */
    const char *encoding; /* "UTF-8", "GB18030" or "XLSX" */
} import_report;

typedef void (*import_progress_fn)(void *ctx, size_t done, size_t total);

/* entity: "organizations" or "members" (memberships of consortium_id).
 * dry_run: validate everything, write nothing.  Returns 0 when every row
 * was good (and, unless dry_run, written); -1 with e set otherwise — for
 * bad rows e->code is ERR_INVALID and report->errors lists them.  The
 * caller frees report->errors with import_report_free(). */
int import_file(store_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
                const char *path, bool dry_run, import_progress_fn progress, void *pctx,
                import_report *report, err_t *e);
int import_mem(store_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
               table_format fmt, const void *data, size_t len, bool dry_run,
               import_progress_fn progress, void *pctx, import_report *report, err_t *e);
void import_report_free(import_report *r);

#endif
