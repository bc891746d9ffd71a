/*
 * table_priv.h — what the three files of the table module share and
 * nobody else needs: table.c (dispatch, row shaping, the writer object),
 * table_csv.c (CSV reader and row renderer) and table_xlsx.c (XLSX reader
 * and renderer).  Not part of the public interface; include table.h.
 *
 * Row shaping lives in one place so CSV and XLSX rows look the same to a
 * caller: rows whose cells are all empty are skipped; the first row left
 * is the header, its trailing empty cells dropped; later rows are padded
 * with "" to the header's width, and empty cells past that width are
 * dropped (a stray formatted column in Excel then does not show up as a
 * ragged row).
 */
#ifndef CJ_TABLE_PRIV_H
#define CJ_TABLE_PRIV_H

#include "io/table.h"

#include <stdbool.h>

/* The row shaper: owns the char* array handed to on_row. */
typedef struct {
    table_row_fn on_row;
    void *ctx;
    size_t header_n; /* 0 until the header has been seen */
    bool have_header;
    char **cells;
    size_t cap;
    char pad[1]; /* what padded cells point at: "" */
    /* the bounds of table_limits, with counts so far (empty rows and
     * cells included) */
    table_limits lim;
    size_t rows, cells_seen;
} table_emit;

/* lim may be NULL (the defaults, no deadline). */
void table_emit_init(table_emit *em, const table_limits *lim, table_row_fn on_row, void *ctx);
/* ERR_TOO_LARGE (-1) once the deadline has passed, else 0. */
int table_limits_check_time(const table_limits *lim, err_t *e);
void table_emit_free(table_emit *em);
/* A cell array with room for max(n, header width) pointers; fill the
 * first n, then call table_emit_row with the same n. */
char **table_emit_cells(table_emit *em, size_t n);
/* Count one row of n cell positions (empty or not) against the bounds,
 * shape it and deliver it unless it is empty; -1 when a bound was passed
 * or the callback stopped. */
int table_emit_row(table_emit *em, size_t line, size_t n, err_t *e);

/* Readers, on a whole file in memory. */
int table_csv_read(const void *data, size_t len, const table_limits *lim, table_row_fn on_row,
                   table_progress_fn on_progress, void *ctx, err_t *e);
int table_xlsx_read(const void *data, size_t len, const table_limits *lim, table_row_fn on_row,
                    table_progress_fn on_progress, void *ctx, err_t *e);

/* True when a spreadsheet would take this text for a formula (= + - @,
 * tab or CR first, and not simply a number like "-3.5"); writers then
 * prefix a ' so it stays text. */
bool table_cell_formula_like(const char *s);
/* The cell a CSV writer defused (a ' before formula-like text) as it was
 * before: s + 1 for such a cell, else s itself. */
char *table_csv_undefuse(char *s);

/* One CSV record (CRLF-terminated) appended to out. */
void table_csv_write_row(buf_t *out, const char *const *cells, size_t n);

/* Rows kept for the XLSX writer: every cell NUL-terminated back to back
 * in `text`; cell[i] is the offset of cell i, type[i] its table_type (one
 * byte, allocated with cell), row[r] the index of row r's first cell (row
 * r ends where row r+1 starts, the last at ncell). */
typedef struct {
    buf_t text;
    size_t *cell, ncell, cell_cap;
    unsigned char *type;
    size_t *row, nrow, row_cap;
} table_grid;

/* A drop-down list on one column (table_writer_choices). */
typedef struct {
    size_t col;
    char **items;
    size_t n;
} table_choices;

/* One worksheet: its name, rows, required header columns, lists. */
typedef struct {
    char *name;
    table_grid grid;
    size_t *required, nrequired;
    table_choices *choices;
    size_t nchoices;
} table_sheet;

int table_xlsx_write(const table_sheet *sheets, size_t nsheets, buf_t *out, err_t *e);
/* Whether the text of a TABLE_NUMBER / TABLE_DATE cell is written as a
 * number / date (see table_type); *num gets the number, y/m/d the date. */
bool table_number_cell(const char *s, double *num);
bool table_date_cell(const char *s, int *y, int *m, int *d);

#endif
