/*
 * table.c — the front of the table module: picking a format, reading a
 * file or buffer through the right reader, shaping rows the same way for
 * both readers, and the writer object.
 *
 * A file is mapped whole (CSV and XLSX readers both work on one buffer;
 * the kernel pages it in as the parser walks it).  The format comes from
 * the file name, but the bytes get the last word: people rename files,
 * so a ZIP (an .xlsx) handed in as CSV is read as XLSX, an old binary
 * .xls is refused with a hint, and a "XLSX" that is not a ZIP is refused.
 *
 * The writer keeps CSV output rendered as rows arrive (one buffer, no
 * per-cell allocation); for XLSX it keeps the cells of each sheet in a
 * table_grid, with one type byte per cell, and lets libxlsxwriter render
 * them at finish.  CSV cells that look like formulas are defused with a
 * leading ' (which the CSV reader takes off again); XLSX string cells are
 * never formulas and are written as they are.  Whether a typed cell's
 * text really is a number or a date is decided here (table_number_cell,
 * table_date_cell) so that a value that is not stays text and nothing is
 * lost.
 */
#include "io/table_priv.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- row shaping ------------------------------------------------------ */

uint64_t table_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int table_limits_check_time(const table_limits *lim, err_t *e)
{
    if (!lim || !lim->deadline_ms || table_now_ms() < lim->deadline_ms)
        return 0;
    return err_set(e, ERR_TOO_LARGE,
                   "读取文件超过 %u 秒时限，请拆分后分批导入 (reading the file took longer than "
                   "%u s; split it into smaller files)",
                   lim->seconds, lim->seconds);
}

void table_emit_init(table_emit *em, const table_limits *lim, table_row_fn on_row, void *ctx)
{
    memset(em, 0, sizeof *em);
    em->on_row = on_row;
    em->ctx = ctx;
    if (lim)
        em->lim = *lim;
    if (!em->lim.rows)
        em->lim.rows = TABLE_MAX_ROWS;
    if (!em->lim.cells)
        em->lim.cells = TABLE_MAX_CELLS;
}

void table_emit_free(table_emit *em)
{
    free(em->cells);
    em->cells = NULL;
    em->cap = 0;
}

char **table_emit_cells(table_emit *em, size_t n)
{
    size_t want = n > em->header_n ? n : em->header_n;
    if (want > em->cap) {
        size_t cap = em->cap ? em->cap : 16;
        while (cap < want)
            cap *= 2;
        em->cells = xrealloc(em->cells, cap * sizeof *em->cells);
        em->cap = cap;
    }
    return em->cells;
}

int table_emit_row(table_emit *em, size_t line, size_t n, err_t *e)
{
    /* Every row counts, empty or not: empty rows are what a hostile file
     * is made of, and they must cost nearly nothing and end soon. */
    em->rows++;
    em->cells_seen += n;
    if (em->rows > em->lim.rows)
        return err_set(e, ERR_TOO_LARGE,
                       "文件超过 %zu 行上限（空行也计在内），请拆分后分批导入 (more than %zu rows, "
                       "empty ones included; split the file)",
                       em->lim.rows, em->lim.rows);
    if (em->cells_seen > em->lim.cells)
        return err_set(e, ERR_TOO_LARGE,
                       "文件超过 %zu 个单元格上限（空单元格也计在内），请拆分后分批导入 (more than "
                       "%zu cells, empty ones included; split the file)",
                       em->lim.cells, em->lim.cells);
    if ((em->rows & 1023) == 0 && table_limits_check_time(&em->lim, e) != 0)
        return -1;
    char **cells = em->cells;
    size_t used = n;
    while (used > 0 && cells[used - 1][0] == '\0')
        used--;
    if (used == 0)
        return 0; /* an empty line or a row of empty cells */
    if (!em->have_header) {
        em->have_header = true;
        em->header_n = used;
    } else if (used < em->header_n) {
        /* table_emit_cells reserved header_n slots */
        for (size_t i = used; i < em->header_n; i++)
            cells[i] = em->pad;
        used = em->header_n;
    }
    em->pad[0] = '\0'; /* in case a callback wrote into it */
    return em->on_row(em->ctx, line, cells, used, e) == 0 ? 0 : -1;
}

/* ---- format and dispatch ---------------------------------------------- */

int table_format_of(const char *filename, table_format *fmt, err_t *e)
{
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    if (dot && strcasecmp(dot, ".csv") == 0) {
        *fmt = TABLE_CSV;
        return 0;
    }
    if (dot && strcasecmp(dot, ".xlsx") == 0) {
        *fmt = TABLE_XLSX;
        return 0;
    }
    if (dot && strcasecmp(dot, ".xls") == 0)
        return err_set(e, ERR_BAD_REQUEST,
                       "不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV "
                       "(old .xls files are not supported; save as .xlsx or CSV in Excel)");
    return err_set(e, ERR_BAD_REQUEST,
                   "不支持的文件格式，请使用 .csv 或 .xlsx 文件 "
                   "(unsupported file type; use .csv or .xlsx)");
}

static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

int table_read_mem(table_format fmt, const void *data, size_t len, table_row_fn on_row,
                   table_progress_fn on_progress, void *ctx, err_t *e)
{
    return table_read_mem_limited(fmt, data, len, NULL, on_row, on_progress, ctx, e);
}

int table_read_mem_limited(table_format fmt, const void *data, size_t len, const table_limits *lim,
                           table_row_fn on_row, table_progress_fn on_progress, void *ctx, err_t *e)
{
    if (!data || len == 0) { /* (NULL, 0) is an empty buffer */
        data = "";
        len = 0;
    }
    if (len >= sizeof ole_magic && memcmp(data, ole_magic, sizeof ole_magic) == 0)
        return err_set(e, ERR_BAD_REQUEST,
                       "这是旧版 Excel 文件（.xls），请另存为 .xlsx 或 CSV 后再上传 "
                       "(old Excel .xls workbook; save as .xlsx or CSV)");
    if (len >= sizeof zip_magic && memcmp(data, zip_magic, sizeof zip_magic) == 0)
        return table_xlsx_read(data, len, lim, on_row, on_progress, ctx, e);
    if (fmt == TABLE_XLSX)
        return err_set(e, ERR_BAD_REQUEST,
                       "文件不是有效的 XLSX 工作簿 (not a valid XLSX workbook)");
    return table_csv_read(data, len, lim, on_row, on_progress, ctx, e);
}

int table_map_file(const char *path, table_mapped *m, err_t *e)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    memset(m, 0, sizeof *m);
    m->data = "";
    if (fd < 0 || fstat(fd, &st) < 0) {
        err_set(e, errno == ENOENT ? ERR_NOT_FOUND : ERR_BAD_REQUEST,
                "无法打开文件 %s (cannot open the file: %s)", path, strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        err_set(e, ERR_BAD_REQUEST, "不是普通文件 (not a regular file): %s", path);
        goto fail;
    }
    if (st.st_size > 0) {
        void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            err_set(e, ERR_INTERNAL, "无法读取文件 %s (cannot read the file: %s)", path,
                    strerror(errno));
            goto fail;
        }
        madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
        m->map = map;
        m->data = map;
        m->len = (size_t)st.st_size;
    }
    close(fd); /* the mapping stays valid */
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    return -1;
}

void table_unmap_file(table_mapped *m)
{
    if (m->map)
        munmap(m->map, m->len);
    memset(m, 0, sizeof *m);
}

int table_read_file(const char *path, table_row_fn on_row, table_progress_fn on_progress, void *ctx,
                    err_t *e)
{
    table_format fmt;
    table_mapped m;
    if (table_format_of(path, &fmt, e) < 0 || table_map_file(path, &m, e) != 0)
        return -1;
    int rc = table_read_mem(fmt, m.data, m.len, on_row, on_progress, ctx, e);
    table_unmap_file(&m);
    return rc;
}

/* ---- writer ----------------------------------------------------------- */

struct table_writer {
    table_format fmt;
    buf_t csv;           /* TABLE_CSV: the file so far, BOM first */
    table_sheet *sheets; /* TABLE_XLSX: every sheet, rendered at finish;
                            CSV keeps only the first sheet's name */
    size_t nsheets;
};

bool table_cell_formula_like(const char *s)
{
    if (!s || s[0] == '\0' || s[1] == '\0' || !strchr("=+-@\t\r", s[0]))
        return false; /* one character ("-" as a blank) cannot do harm */
    /* A plain signed number ("-3.5", "+86") is no formula either; leave it
     * be so negative amounts stay numbers in Excel. */
    const char *p = s;
    if (*p == '+' || *p == '-') {
        p++;
        size_t digits = strspn(p, "0123456789");
        if (digits > 0) {
            p += digits;
            if (*p == '.' && p[1] >= '0' && p[1] <= '9')
                p += 1 + strspn(p + 1, "0123456789");
            if (*p == '\0')
                return false;
        }
    }
    return true;
}

bool table_number_cell(const char *s, double *num)
{
    /* Plain decimal notation only: strtod's "inf", "0x1p3" and blanks are
     * text, and so is a leading zero ("0012" is a code), a leading '+'
     * and anything with more than 15 significant digits (a double would
     * change it, and the reader shows 15). */
    const char *p = s + (*s == '-');
    size_t lead = strspn(p, "0123456789");
    if (lead == 0 || (p[0] == '0' && lead > 1))
        return false;
    size_t digits = lead;
    const char *q = p + lead;
    if (*q == '.') {
        size_t frac = strspn(q + 1, "0123456789");
        if (frac == 0)
            return false;
        digits += frac;
        q += 1 + frac;
    }
    if (*q == 'e' || *q == 'E') {
        const char *x = q + 1 + (q[1] == '-' || q[1] == '+');
        size_t exp = strspn(x, "0123456789");
        if (exp == 0 || exp > 3)
            return false;
        q = x + exp;
    }
    if (*q || digits > 15)
        return false;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v))
        return false;
    *num = v;
    return true;
}

bool table_date_cell(const char *s, int *y, int *m, int *d)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || strspn(s, "0123456789") != 4 ||
        strspn(s + 5, "0123456789") != 2 || strspn(s + 8, "0123456789") != 2)
        return false;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    /* Excel's serial dates start in 1900 */
    return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days[*m - 1] &&
           (*m != 2 || *d <= 28 || leap);
}

static void sheet_add(table_writer *w, const char *name)
{
    w->sheets = xrealloc(w->sheets, (w->nsheets + 1) * sizeof *w->sheets);
    table_sheet *sh = &w->sheets[w->nsheets++];
    memset(sh, 0, sizeof *sh);
    sh->name = xstrdup(name && *name ? name : "Sheet1");
    buf_init(&sh->grid.text);
}

table_writer *table_writer_new(table_format fmt, const char *sheet)
{
    table_writer *w = xcalloc(1, sizeof *w);
    w->fmt = fmt;
    sheet_add(w, sheet);
    if (fmt == TABLE_CSV) {
        buf_init(&w->csv);
        buf_append(&w->csv, "\xEF\xBB\xBF", 3);
    }
    return w;
}

static void grid_push(size_t **v, size_t *n, size_t *cap, size_t x)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        *v = xrealloc(*v, *cap * sizeof **v);
    }
    (*v)[(*n)++] = x;
}

void table_writer_row_typed(table_writer *w, const char *const *cells, const table_type *types,
                            size_t ncells)
{
    if (w->fmt == TABLE_CSV) {
        if (w->nsheets == 1)
            table_csv_write_row(&w->csv, cells, ncells);
        return;
    }
    table_grid *g = &w->sheets[w->nsheets - 1].grid;
    grid_push(&g->row, &g->nrow, &g->row_cap, g->ncell);
    for (size_t i = 0; i < ncells; i++) {
        const char *s = cells[i] ? cells[i] : "";
        size_t cap = g->cell_cap;
        grid_push(&g->cell, &g->ncell, &g->cell_cap, g->text.len);
        if (cap != g->cell_cap)
            g->type = xrealloc(g->type, g->cell_cap);
        g->type[g->ncell - 1] = (unsigned char)(types ? types[i] : TABLE_TEXT);
        buf_append(&g->text, s, strlen(s) + 1); /* keep the NUL */
    }
}

void table_writer_row(table_writer *w, const char *const *cells, size_t ncells)
{
    table_writer_row_typed(w, cells, NULL, ncells);
}

void table_writer_required(table_writer *w, size_t col)
{
    table_sheet *sh = &w->sheets[w->nsheets - 1];
    sh->required = xrealloc(sh->required, (sh->nrequired + 1) * sizeof *sh->required);
    sh->required[sh->nrequired++] = col;
}

void table_writer_choices(table_writer *w, size_t col, const char *const *items, size_t n)
{
    table_sheet *sh = &w->sheets[w->nsheets - 1];
    sh->choices = xrealloc(sh->choices, (sh->nchoices + 1) * sizeof *sh->choices);
    table_choices *c = &sh->choices[sh->nchoices++];
    c->col = col;
    c->n = n;
    c->items = xcalloc(n ? n : 1, sizeof *c->items);
    for (size_t i = 0; i < n; i++)
        c->items[i] = xstrdup(items[i] ? items[i] : "");
}

void table_writer_sheet(table_writer *w, const char *sheet)
{
    sheet_add(w, sheet);
}

int table_writer_finish(table_writer *w, buf_t *out, err_t *e)
{
    if (w->fmt == TABLE_CSV) {
        buf_append(out, w->csv.data, w->csv.len);
        return 0;
    }
    return table_xlsx_write(w->sheets, w->nsheets, out, e);
}

void table_writer_free(table_writer *w)
{
    if (!w)
        return;
    buf_free(&w->csv);
    for (size_t i = 0; i < w->nsheets; i++) {
        table_sheet *sh = &w->sheets[i];
        free(sh->name);
        buf_free(&sh->grid.text);
        free(sh->grid.cell);
        free(sh->grid.type);
        free(sh->grid.row);
        free(sh->required);
        for (size_t k = 0; k < sh->nchoices; k++) {
            for (size_t j = 0; j < sh->choices[k].n; j++)
                free(sh->choices[k].items[j]);
            free(sh->choices[k].items);
        }
        free(sh->choices);
    }
    free(w->sheets);
    free(w);
}
