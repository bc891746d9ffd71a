/*
 * import.h — spreadsheet import of register rows, all or nothing.
 *
 * A file (CSV in UTF-8 or GB18030, or XLSX) is read row by row; headers
 * may be the English field names or the Chinese labels (and aliases) of
 * the entity description; enumerations accept values or Chinese labels;
 * references are written as the referenced entity's sheet_ref says
 * (organisations by credit code or exact name, students by student
 * number).  What can be imported, and how (consortium, upsert, edition,
 * within-file key, conflict message), is each entity's description
 * (entity_def.import; entity_import_find(), entity_import_kinds()).
 * Every row is validated here and written through a domain batch
 * (domain/batch.h) inside ONE transaction: if any row is bad, the
 * transaction is rolled back, nothing is written, and the report lists
 * every error with its line number and reason — an error repeated on many
 * rows once, with their count and first lines.
 *
 * Modes (import_opts.mode): a row may name a live row — by the id in an
 * "id"/"编号" column, as exports write it, or by the entity's natural key
 * (entity_import.natural: credit code, student number, …) or, where it
 * has none, by its content — and is then, as the mode says, an error
 * (create), an update, or left unchanged when nothing differs; the report
 * says per row which (import_report.outcomes).
 *
 * What is checked beyond the entity rules: the header (unknown, duplicate
 * and missing required columns, before any row is read); duplicates
 * within the file (the import's key: a credit code; an organisation +
 * role + term; …) on the later line; rows the database already holds
 * ("already exists"); references that name no row or several.
 * Permission problems, database failures and unreadable files are not row
 * errors: the import stops there with that error.
 */
#ifndef CJ_IMPORT_H
#define CJ_IMPORT_H

#include "domain/perm.h"
#include "io/table.h"
#include "domain/db.h"

/* At most this many errors are kept in report->errors (a file where every
 * row is bad would otherwise build a report as big as the file); the rest
 * are only counted in error_count. */
#define IMPORT_MAX_ERRORS 1000
/* An error repeated on many rows (same column, same message) is one entry
 * of the report, with the number of rows and the first this many lines. */
#define IMPORT_ERROR_LINES 5
/* At most this many rows are listed in report->outcomes; the counts
 * cover them all. */
#define IMPORT_MAX_OUTCOMES 1000

typedef struct {
    size_t rows;     /* data rows read */
    size_t imported; /* rows written (0 when any row failed) */
    size_t bad_rows; /* rows with errors */
    /* Array of {"line":n,"field":f|null,"message":m,"count":c,"lines":[…]}
     * in line order, owned: each distinct error once, "count" the rows it
     * was found on (then the message begins "共 c 行 (c rows)…"), "lines"
     * the first IMPORT_ERROR_LINES of them, "line" the first. */
    json_t *errors;
    const char *encoding; /* "UTF-8", "GB18030" or "XLSX" */
    size_t error_count;   /* errors found, including those not kept in errors */
    /* What each good row did (issue 15: import modes): counts, and the
     * first IMPORT_MAX_OUTCOMES rows as {"line","action","id"} with action
     * "create", "update" or "unchanged" (id: the row created, updated or
     * left; a dry run's created ids are rolled back).  mode is the mode
     * the import ran in ("create", "update", "upsert"). */
    size_t created, updated, unchanged;
    json_t *outcomes; /* owned */
    const char *mode;
} import_report;

/* Called now and then while rows are read: rows read so far and the
 * number of rows expected (exact for XLSX; for CSV estimated from the
 * bytes read, so done/total is the true fraction of the file). */
typedef void (*import_progress_fn)(void *ctx, size_t done, size_t total);

typedef struct {
    const char *entity;    /* an import kind (entity_import_find) */
    int64_t consortium_id; /* 0 = none (required or optional per kind) */
    const char *edition;   /* catalogues only */
    const char *name;      /* the file's name, for the audit entry */
    bool dry_run;
    import_progress_fn progress;
    void *pctx;
    /* Bounds (0: the default).  max_seconds bounds the reading and
     * checking of the file, which holds no lock (0: no deadline — the
     * CLI's files are the operator's own; the API passes
     * IMPORT_HTTP_SECONDS); max_memory bounds the checked rows kept for
     * writing (default IMPORT_MAX_MEMORY; the API passes
     * IMPORT_HTTP_MEMORY).  Rows and cells are bounded by the
     * table reader (TABLE_MAX_ROWS, TABLE_MAX_CELLS, empty ones
     * included). */
    unsigned max_seconds;
    size_t max_memory;
    /* Read while holding the write lock, writing each row as soon as it
     * is checked (on a second thread for large files): about half the
     * time on two cores, but other writers wait (then get 503) for the
     * whole read.  For the operator's own bulk loads (`chanjiao import`),
     * never for uploads.  No rows are kept, so max_memory does not
     * apply. */
    bool locked_read;
    /* "create" (only new rows), "update" (only rows the file names by id
     * or natural key), "upsert" (either); NULL or "": create, or upsert
     * for the catalogues (domain/batch.h, batch_mode_parse).  Any other
     * text is a 400. */
    const char *mode;
} import_opts;

/* An import first reads and checks the whole file without any lock,
 * keeping the checked rows in memory, then takes the write lock once and
 * writes them.  Past a bound it stops with ERR_TOO_LARGE (413) and a
 * message naming the bound.  Kept rows take about 2.3 times their CSV
 * text (a million rows of the benchmark's demand, 160 MB of CSV, take
 * about 380 MB); uploads (64 MiB at most) get the smaller bound. */
#define IMPORT_MAX_MEMORY ((size_t)1 << 30)
#define IMPORT_HTTP_MEMORY ((size_t)256 << 20)
#define IMPORT_HTTP_SECONDS 60u
/* Import data (a whole CSV/XLSX file in memory) as o says; see above. */
int import_run(db_conn *sc, const caller_t *c, const import_opts *o, table_format fmt,
               const void *data, size_t len, import_report *report, err_t *e);
/* import_run on a file (mapped, not read into memory). */
int import_path(db_conn *sc, const caller_t *c, const import_opts *o, const char *path,
                import_report *report, err_t *e);

/* entity: an import kind ("organizations", "members" of consortium_id,
 * …).  dry_run: validate everything, write nothing.  Returns 0 when every row
 * was good (and, unless dry_run, written); -1 with e set otherwise — for
 * bad rows e->code is ERR_INVALID and report->errors lists them.  The
 * caller frees report->errors with import_report_free(). */
int import_file(db_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
                const char *path, bool dry_run, import_progress_fn progress, void *pctx,
                import_report *report, err_t *e);
int import_mem(db_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
               table_format fmt, const void *data, size_t len, bool dry_run,
               import_progress_fn progress, void *pctx, import_report *report, err_t *e);
/* import_mem with the file's name, recorded in the audit entry (import_mem
 * records "upload"). */
int import_mem_named(db_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
                     table_format fmt, const void *data, size_t len, const char *name, bool dry_run,
                     import_progress_fn progress, void *pctx, import_report *report, err_t *e);
void import_report_free(import_report *r);

#endif
