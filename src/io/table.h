/*
 * table.h — rows in and out of the files this field moves data in:
 * CSV (UTF-8 with or without BOM, or GB18030 as Chinese Excel saves it;
 * CRLF or LF; RFC 4180 quoting) and XLSX (first worksheet).
 *
 * Reading streams: the reader calls `on_row` once per row, the header
 * first, with the row's cells as NUL-terminated UTF-8 strings (valid only
 * during the call) and the 1-based line number where the row starts in the
 * file (CSV: physical line; XLSX: the sheet's row number).  Empty trailing
 * lines are skipped.  XLSX numeric cells come back as the text a person
 * sees: integers without ".0" ("2024", not "2024.0"), dates with a date
 * number format as "YYYY-MM-DD", shared and inline strings as text.
 *
 * Writing: a table_writer collects rows and renders the whole file into a
 * buf_t.  CSV output is UTF-8 with a BOM (so Excel opens Chinese right)
 * and CRLF line ends, every cell text.  XLSX output is typed the way an
 * office expects: a cell written as TABLE_NUMBER is a number (sums and
 * sorts work), TABLE_DATE a real date shown yyyy-mm-dd, everything else
 * text with the text format "@" (codes like "0012" and student numbers
 * stay codes); each sheet's first row is a bold, frozen header with an
 * autofilter, and columns get widths from their text.  A writer may also
 * mark required header cells, attach drop-down lists (data validation)
 * to columns and add further sheets (templates, io/template.c); those
 * are XLSX only, and a CSV file holds the first sheet alone.
 */
#ifndef CJ_TABLE_H
#define CJ_TABLE_H

#include "core/util.h"

/* Return 0 to go on, -1 to stop reading (the reader then returns -1 with
 * whatever the callback put in `e`). */
typedef int (*table_row_fn)(void *ctx, size_t line, char **cells, size_t ncells, err_t *e);
/* Called now and then with bytes (CSV) or rows (XLSX) done / total. */
typedef void (*table_progress_fn)(void *ctx, size_t done, size_t total);

typedef enum { TABLE_CSV, TABLE_XLSX } table_format;

/* Format from a file name's extension (.csv / .xlsx, any case);
 * -1 with ERR_BAD_REQUEST when it is neither. */
int table_format_of(const char *filename, table_format *fmt, err_t *e);

/* Read a whole file / a buffer.  0 on success; -1 with e set on a
 * malformed file (ERR_BAD_REQUEST, message names the line) or when the
 * callback stopped. */
int table_read_file(const char *path, table_row_fn on_row, table_progress_fn on_progress, void *ctx,
                    err_t *e);
int table_read_mem(table_format fmt, const void *data, size_t len, table_row_fn on_row,
                   table_progress_fn on_progress, void *ctx, err_t *e);

/* Bounds on one read, for files from people who may not mean well: a
 * 1.5 MB XLSX can hold a billion bytes of empty rows.  `rows` counts every
 * row the file holds, empty ones included (CSV: every line; XLSX: every
 * <row>); `cells` counts every cell position up to a row's last cell,
 * empty or not; `deadline_ms` is a CLOCK_MONOTONIC time in milliseconds
 * (table_now_ms() + budget) at which the read stops, 0 for none.  Any
 * bound passed stops the read with ERR_TOO_LARGE and a message naming it.
 * Zero rows/cells mean the defaults below.  table_read_mem uses the
 * defaults and no deadline.  XLSX row numbers past TABLE_MAX_ROWS are a
 * malformed file whatever the bounds (Excel's own last row). */
#define TABLE_MAX_ROWS 1048576u          /* Excel's last row */
#define TABLE_MAX_CELLS (32u * 1048576u) /* 32 columns of every row, on average */
#define TABLE_MAX_SST_BYTES (128u << 20) /* XLSX shared strings in memory */
#define TABLE_MAX_SST_STRINGS (4u << 20) /* XLSX shared strings, empty ones included */
typedef struct {
    size_t rows, cells;
    uint64_t deadline_ms;
    unsigned seconds; /* the budget the deadline came from, for the message */
} table_limits;
uint64_t table_now_ms(void);
int table_read_mem_limited(table_format fmt, const void *data, size_t len, const table_limits *lim,
                           table_row_fn on_row, table_progress_fn on_progress, void *ctx, err_t *e);

/* A whole file mapped read-only (empty files give data "" and len 0).
 * Errors: ERR_NOT_FOUND, ERR_BAD_REQUEST (not a regular file),
 * ERR_INTERNAL; the message names the file.  Release with
 * table_unmap_file(). */
typedef struct {
    const void *data;
    size_t len;
    void *map; /* NULL when len is 0 */
} table_mapped;
int table_map_file(const char *path, table_mapped *m, err_t *e);
void table_unmap_file(table_mapped *m);

/* Which encoding a CSV buffer is in: "UTF-8" (BOM stripped by the reader)
 * or "GB18030".  Exposed for tests and for telling the user. */
const char *table_csv_detect_encoding(const void *data, size_t len);
/* Offset of the first byte that is not part of strict UTF-8 (no overlong
 * forms, no surrogates, nothing past U+10FFFF), or len if all of it is. */
size_t table_utf8_prefix(const void *data, size_t len);

typedef struct table_writer table_writer;
/* `sheet` names the XLSX worksheet (ignored for CSV).  Owned by caller;
 * free with table_writer_free(). */
table_writer *table_writer_new(table_format fmt, const char *sheet);
/* A row of text cells (cells[i] NULL is ""). */
void table_writer_row(table_writer *w, const char *const *cells, size_t ncells);

/* What an XLSX cell holds (CSV writes the text of every cell as it is). */
typedef enum {
    TABLE_TEXT,   /* text, format "@" */
    TABLE_NUMBER, /* a number when the text is one: "-3.5", "2025", "1e3";
                     text that is not ("", "0012", more than 15 digits,
                     "inf") stays text, so nothing is lost */
    TABLE_DATE    /* a date (yyyy-mm-dd) when the text is YYYY-MM-DD from
                     1900 on; else text */
} table_type;
/* A row whose cell i is of type types[i] (types NULL: all text).  The
 * first typed row under the header also sets its columns' formats, so a
 * value typed later into a number column is a number. */
void table_writer_row_typed(table_writer *w, const char *const *cells, const table_type *types,
                            size_t ncells);
/* Mark column col's header cell of the current sheet as required: bold
 * red.  (The header text carries the mark a reader sees, e.g. "名称*".) */
void table_writer_required(table_writer *w, size_t col);
/* A drop-down list of items (copied) on column col of the current sheet,
 * from the second row down; a value outside it gets a warning, which the
 * user may override (the importer also takes synonyms and codes).  A list
 * longer than Excel's 255 characters, or with an item holding a comma or
 * quote, is kept on a hidden sheet and referred to as a range. */
void table_writer_choices(table_writer *w, size_t col, const char *const *items, size_t n);
/* Start another worksheet named `sheet`; later rows, marks and lists go
 * there.  XLSX only: a CSV writer ignores every row after this call. */
void table_writer_sheet(table_writer *w, const char *sheet);
/* Render everything written so far into `out` (appended). */
int table_writer_finish(table_writer *w, buf_t *out, err_t *e);
void table_writer_free(table_writer *w);

#endif
