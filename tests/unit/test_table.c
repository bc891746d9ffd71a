/*
 * test_table.c — CSV and XLSX in and out (src/io/table*.c).
 *
 * Every read is collected into one string, a row per line as
 * "LINE:cell|cell|...", so each test states the whole expected table at
 * once — line numbers, padding and skipped rows included.  Fixtures live
 * in tests/unit/fixtures/ and are rebuilt by make_table_fixtures.py; the
 * test runs from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unzip.h>
#include <zip.h>

#include "io/table.h"
#include "io/table_priv.h"

#include "fixture.h"

#define FIXTURES "tests/unit/fixtures/"

typedef struct {
    buf_t out;
    size_t rows;
    size_t stop_at;  /* row number (1-based count) at which to stop, 0: never */
    size_t progress; /* calls */
    size_t last_done, last_total;
    bool progress_monotonic;
} collect;

static int collect_row(void *ctx, size_t line, char **cells, size_t ncells, err_t *e)
{
    collect *c = ctx;
    c->rows++;
    if (c->stop_at && c->rows == c->stop_at)
        return err_set(e, ERR_INVALID, "stopped at line %zu", line);
    buf_printf(&c->out, "%zu:", line);
    for (size_t i = 0; i < ncells; i++) {
        if (i)
            buf_puts(&c->out, "|");
        buf_puts(&c->out, cells[i]);
    }
    buf_puts(&c->out, "\n");
    return 0;
}

static void collect_progress(void *ctx, size_t done, size_t total)
{
    collect *c = ctx;
    if (done < c->last_done || done > total)
        c->progress_monotonic = false;
    c->progress++;
    c->last_done = done;
    c->last_total = total;
}

static void collect_init(collect *c)
{
    memset(c, 0, sizeof *c);
    buf_init(&c->out);
    c->progress_monotonic = true;
}

/* Read `s` as CSV into a fresh collector (the caller frees c->out). */
static int read_csv(const char *s, size_t len, collect *c, err_t *e)
{
    collect_init(c);
    return table_read_mem(TABLE_CSV, s, len, collect_row, collect_progress, c, e);
}

static void expect_csv(const char *in, size_t len, const char *want)
{
    collect c;
    err_t e = ERR_INIT;
    int rc = read_csv(in, len, &c, &e);
    if (rc != 0)
        fail_msg("read failed: %s", e.message);
    assert_string_equal(c.out.data, want);
    buf_free(&c.out);
}

#define EXPECT_CSV(lit, want) expect_csv(lit, sizeof(lit) - 1, want)

/* ---- format and encoding ---------------------------------------------- */

static void test_format_of(void **state)
{
    (void)state;
    table_format f;
    err_t e = ERR_INIT;
    assert_int_equal(table_format_of("单位.csv", &f, &e), 0);
    assert_int_equal(f, TABLE_CSV);
    assert_int_equal(table_format_of("/tmp/x.CSV", &f, &e), 0);
    assert_int_equal(f, TABLE_CSV);
    assert_int_equal(table_format_of("名单.XlSx", &f, &e), 0);
    assert_int_equal(f, TABLE_XLSX);
    assert_int_equal(table_format_of("old.xls", &f, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    assert_non_null(strstr(e.message, ".xlsx"));
    assert_int_equal(table_format_of("notes.txt", &f, &e), -1);
    assert_int_equal(table_format_of("csv", &f, &e), -1);
    assert_int_equal(table_format_of("archive.xlsx.zip", &f, &e), -1);
}

static void test_detect_encoding(void **state)
{
    (void)state;
    size_t len;
    char *gb = fx_slurp(FIXTURES "table_gb18030.csv", &len);
    assert_string_equal(table_csv_detect_encoding(gb, len), "GB18030");
    free(gb);
    assert_string_equal(table_csv_detect_encoding("a,b\n", 4), "UTF-8");
    assert_string_equal(table_csv_detect_encoding("", 0), "UTF-8");
    assert_string_equal(table_csv_detect_encoding("\xEF\xBB\xBF\xE5\x90\x8D", 6), "UTF-8");
    /* "柳州" in GB18030 is C1 F8 D6 DD: not UTF-8 */
    assert_string_equal(table_csv_detect_encoding("\xC1\xF8\xD6\xDD", 4), "GB18030");
    /* overlong and surrogate forms are not UTF-8 either */
    assert_string_equal(table_csv_detect_encoding("\xC0\xAF", 2), "GB18030");
    assert_string_equal(table_csv_detect_encoding("\xED\xA0\x80", 3), "GB18030");
    /* a truncated sequence at the end */
    assert_string_equal(table_csv_detect_encoding("abc\xE5\x90", 5), "GB18030");
}

/* ---- CSV reading ------------------------------------------------------ */

static void test_csv_utf8(void **state)
{
    (void)state;
    EXPECT_CSV("代码,名称\n460702,海南软件职业技术学院\n0012,柳州\n",
               "1:代码|名称\n2:460702|海南软件职业技术学院\n3:0012|柳州\n");
    /* no newline at the end */
    EXPECT_CSV("a,b\n1,2", "1:a|b\n2:1|2\n");
}

static void test_csv_bom(void **state)
{
    (void)state;
    EXPECT_CSV("\xEF\xBB\xBF单位名称,简称\r\n柳州职业技术大学,柳职大\r\n",
               "1:单位名称|简称\n2:柳州职业技术大学|柳职大\n");
}

static void test_csv_gb18030_file(void **state)
{
    (void)state;
    collect c;
    err_t e = ERR_INIT;
    collect_init(&c);
    int rc = table_read_file(FIXTURES "table_gb18030.csv", collect_row, NULL, &c, &e);
    if (rc != 0)
        fail_msg("read failed: %s", e.message);
    assert_string_equal(c.out.data, "1:单位名称|简称\n"
                                    "2:柳州职业技术大学|柳职大\n"
                                    "3:广西，柳州|引号\"内\n");
    buf_free(&c.out);
}

static void test_csv_crlf_and_quotes(void **state)
{
    (void)state;
    EXPECT_CSV("名称,说明,备注\r\n"
               "\"柳州, 广西\",\"他说\"\"好\"\"\",x\r\n"
               "\"第一行\r\n第二行\n第三行\",y,z\r\n"
               "after,quote,row\r\n"
               "\"\",\"\",end\n"
               "\"a\"\"\",\",\",\"\"\"\"\n",
               "1:名称|说明|备注\n"
               "2:柳州, 广西|他说\"好\"|x\n"
               "3:第一行\r\n第二行\n第三行|y|z\n"
               "6:after|quote|row\n"
               "7:||end\n"
               "8:a\"|,|\"\n");
}

static void test_csv_lenient_quotes(void **state)
{
    (void)state;
    /* a quote inside an unquoted cell is text; text after a closing
     * quote is kept */
    EXPECT_CSV("h1,h2,h3\n5\" pipe,\"ab\"cd,x\n", "1:h1|h2|h3\n2:5\" pipe|abcd|x\n");
}

static void test_csv_unterminated_quote(void **state)
{
    (void)state;
    collect c;
    err_t e = ERR_INIT;
    const char in[] = "a,b\n1,2\n\n3,\"open\n4,5\n6,7\n";
    assert_int_equal(read_csv(in, sizeof in - 1, &c, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    assert_non_null(strstr(e.message, "第 4 行"));
    assert_non_null(strstr(e.message, "line 4: unterminated quote"));
    assert_string_equal(c.out.data, "1:a|b\n2:1|2\n"); /* rows before it were delivered */
    buf_free(&c.out);
}

static void test_csv_empty_lines_and_shape(void **state)
{
    (void)state;
    EXPECT_CSV("\n\r\na,b,,\n\n,\n1,2\r\n\r\n\n3\n4,5,,\n6,7,8\n,,\n\n",
               "3:a|b\n"      /* trailing empty header cells dropped */
               "6:1|2\n"      /* "," on line 5 is an empty row */
               "9:3|\n"       /* short row padded to the header */
               "10:4|5\n"     /* empty cells past the header dropped */
               "11:6|7|8\n"); /* a longer row stays whole */
    /* a lone CR ends a line too (old Mac exports) */
    EXPECT_CSV("a,b\r1,2\r\r3,4", "1:a|b\n2:1|2\n4:3|4\n");
    /* nothing at all */
    EXPECT_CSV("", "");
    EXPECT_CSV("\xEF\xBB\xBF", "");
    EXPECT_CSV("\r\n\r\n", "");
}

static void test_csv_malformed(void **state)
{
    (void)state;
    collect c;
    err_t e = ERR_INIT;

    const char nul[] = "a,b\n1,\0002\n";
    assert_int_equal(read_csv(nul, sizeof nul - 1, &c, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    assert_non_null(strstr(e.message, "line 2"));
    buf_free(&c.out);

    const char utf16[] = "\xFF\xFE"
                         "a\0,\0b\0";
    assert_int_equal(read_csv(utf16, sizeof utf16 - 1, &c, &e), -1);
    assert_non_null(strstr(e.message, "UTF-16"));
    buf_free(&c.out);

    /* claims UTF-8 with a BOM, then is not */
    const char bad_bom[] = "\xEF\xBB\xBF"
                           "a,b\nok,ok\n\xC1\xF8,x\n";
    assert_int_equal(read_csv(bad_bom, sizeof bad_bom - 1, &c, &e), -1);
    assert_non_null(strstr(e.message, "line 3"));
    buf_free(&c.out);

    /* neither UTF-8 nor GB18030 (0x81 must be followed by 0x30-0xFE) */
    const char bad_gb[] = "code,name\n\xC1\xF8,x\n\x81\x20\n";
    assert_int_equal(read_csv(bad_gb, sizeof bad_gb - 1, &c, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    assert_non_null(strstr(e.message, "第 3 行"));
    buf_free(&c.out);
}

static void test_csv_callback_stops(void **state)
{
    (void)state;
    collect c;
    err_t e = ERR_INIT;
    const char in[] = "a\n1\n2\n3\n";
    collect_init(&c);
    c.stop_at = 3;
    assert_int_equal(table_read_mem(TABLE_CSV, in, sizeof in - 1, collect_row, NULL, &c, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.message, "stopped at line 3");
    assert_int_equal(c.rows, 3);
    buf_free(&c.out);
}

/* Many rows: line numbers stay right, progress comes in steps. */
static void test_csv_many_rows_progress(void **state)
{
    (void)state;
    buf_t in;
    collect c;
    err_t e = ERR_INIT;
    enum { N = 60000 };
    buf_init(&in);
    buf_puts(&in, "序号,名称,代码\r\n");
    for (int i = 1; i <= N; i++)
        buf_printf(&in, "%d,\"单位 %d, 有限公司\",00%d\r\n", i, i, i);
    collect_init(&c);
    assert_int_equal(
        table_read_mem(TABLE_CSV, in.data, in.len, collect_row, collect_progress, &c, &e), 0);
    assert_int_equal(c.rows, N + 1);
    char want[128];
    snprintf(want, sizeof want, "%d:%d|单位 %d, 有限公司|00%d\n", N + 1, N, N, N);
    assert_true(c.out.len > strlen(want));
    assert_string_equal(c.out.data + c.out.len - strlen(want), want);
    assert_true(c.progress >= 4);
    assert_true(c.progress_monotonic);
    assert_int_equal(c.last_done, in.len);
    assert_int_equal(c.last_total, in.len);
    buf_free(&c.out);
    buf_free(&in);
}

/* ---- writers ---------------------------------------------------------- */

static const char *const rows[][5] = {
    {"代码", "名称", "年份", "备注", "公式"},
    {"460702", "海南软件职业技术学院", "2024", "a,b", "=SUM(A1:A2)"},
    {"0012", "柳州职业技术大学", "2024", "say \"hi\"", "+cmd|' /C calc'!A0"},
    {"001", "多行\r\n文本", "-3.5", "line1\nline2", "@SUM(1)"},
    {"1.50", "-", "+86", "\t=1", "-2+3"},
};
#define NROWS (sizeof rows / sizeof rows[0])

static void test_formula_like(void **state)
{
    (void)state;
    assert_true(table_cell_formula_like("=1+1"));
    assert_true(table_cell_formula_like("+cmd"));
    assert_true(table_cell_formula_like("-2+3"));
    assert_true(table_cell_formula_like("@SUM(1)"));
    assert_true(table_cell_formula_like("\t=1"));
    assert_true(table_cell_formula_like("\r=1"));
    assert_true(table_cell_formula_like("-1.5e3"));
    assert_false(table_cell_formula_like("-3.5"));
    assert_false(table_cell_formula_like("+86"));
    assert_false(table_cell_formula_like("-"));
    assert_false(table_cell_formula_like(""));
    assert_false(table_cell_formula_like("a=b"));
    assert_false(table_cell_formula_like("2024"));
}

static void test_csv_writer_bytes(void **state)
{
    (void)state;
    table_writer *w = table_writer_new(TABLE_CSV, "ignored");
    buf_t out;
    err_t e = ERR_INIT;
    const char *const with_null[] = {NULL, "x"};
    buf_init(&out);
    for (size_t r = 0; r < NROWS; r++)
        table_writer_row(w, rows[r], 5);
    table_writer_row(w, with_null, 2);
    assert_int_equal(table_writer_finish(w, &out, &e), 0);
    table_writer_free(w);
    assert_string_equal(out.data,
                        "\xEF\xBB\xBF"
                        "代码,名称,年份,备注,公式\r\n"
                        "460702,海南软件职业技术学院,2024,\"a,b\",\"'=SUM(A1:A2)\"\r\n"
                        "0012,柳州职业技术大学,2024,\"say \"\"hi\"\"\",\"'+cmd|' /C calc'!A0\"\r\n"
                        "001,\"多行\r\n文本\",-3.5,\"line1\nline2\",\"'@SUM(1)\"\r\n"
                        "1.50,-,+86,\"'\t=1\",\"'-2+3\"\r\n"
                        ",x\r\n");
    buf_free(&out);
}

/* The text a writer is expected to give back for rows[r][i] — the text
 * itself, formulas too (CSV's defusing ' is taken off by its reader,
 * XLSX has none); `line` is where each row starts (CSV counts the
 * newlines inside cells). */
static void expected_round_trip(buf_t *want, const size_t line[NROWS])
{
    for (size_t r = 0; r < NROWS; r++) {
        buf_printf(want, "%zu:", line[r]);
        for (size_t i = 0; i < 5; i++) {
            if (i)
                buf_puts(want, "|");
            buf_puts(want, rows[r][i]);
        }
        buf_puts(want, "\n");
    }
}

static void round_trip(table_format fmt, const size_t line[NROWS])
{
    table_writer *w = table_writer_new(fmt, "单位名单");
    buf_t out, want;
    collect c;
    err_t e = ERR_INIT;
    buf_init(&out);
    buf_init(&want);
    buf_puts(&out, "keep"); /* finish appends */
    for (size_t r = 0; r < NROWS; r++)
        table_writer_row(w, rows[r], 5);
    if (table_writer_finish(w, &out, &e) != 0)
        fail_msg("finish: %s", e.message);
    table_writer_free(w);
    assert_memory_equal(out.data, "keep", 4);

    collect_init(&c);
    if (table_read_mem(fmt, out.data + 4, out.len - 4, collect_row, NULL, &c, &e) != 0)
        fail_msg("read back: %s", e.message);
    expected_round_trip(&want, line);
    assert_string_equal(c.out.data, want.data);
    buf_free(&c.out);
    buf_free(&out);
    buf_free(&want);
}

static void test_csv_round_trip(void **state)
{
    (void)state;
    const size_t line[NROWS] = {1, 2, 3, 4, 7};
    round_trip(TABLE_CSV, line);
}

static void test_xlsx_round_trip(void **state)
{
    (void)state;
    const size_t line[NROWS] = {1, 2, 3, 4, 5};
    round_trip(TABLE_XLSX, line);
}

/* Issue 15: "-夜班电工" left a CSV export as "'-夜班电工" and came back
 * so.  CSV defuses it and its reader undoes exactly that; XLSX writes it
 * as it is; a plain signed number is never touched; a ' a person typed
 * before text we would not defuse is theirs and stays. */
static char *zip_part(const buf_t *data, const char *part);

static void test_defuse_undone(void **state)
{
    (void)state;
    const char *const row[] = {"-夜班电工", "-3.5", "+86", "'-5", "'abc", "@所有人", "=1+1"};
    const size_t n = sizeof row / sizeof *row;
    for (int f = 0; f < 2; f++) {
        table_format fmt = f ? TABLE_XLSX : TABLE_CSV;
        table_writer *w = table_writer_new(fmt, "需求");
        buf_t out;
        collect c;
        err_t e = ERR_INIT;
        buf_init(&out);
        table_writer_row(w, row, n);
        assert_int_equal(table_writer_finish(w, &out, &e), 0);
        table_writer_free(w);
        if (fmt == TABLE_CSV) {
            assert_non_null(strstr(out.data, "\"'-夜班电工\""));
            assert_non_null(strstr(out.data, ",-3.5,+86,"));
        } else {
            char *strings = zip_part(&out, "xl/sharedStrings.xml");
            assert_non_null(strstr(strings, ">-夜班电工<"));
            assert_null(strstr(strings, "'-夜班电工"));
            free(strings);
        }
        collect_init(&c);
        assert_int_equal(table_read_mem(fmt, out.data, out.len, collect_row, NULL, &c, &e), 0);
        assert_string_equal(c.out.data, "1:-夜班电工|-3.5|+86|'-5|'abc|@所有人|=1+1\n");
        buf_free(&c.out);
        buf_free(&out);
    }
}

/* Write `data` to a temp file and return one part of the ZIP as text. */
static char *zip_part(const buf_t *data, const char *part)
{
    char path[64];
    fx_temp_file(path, sizeof path, data->data, data->len);
    unzFile z = unzOpen(path);
    assert_non_null(z);
    assert_int_equal(unzLocateFile(z, part, 1), UNZ_OK);
    assert_int_equal(unzOpenCurrentFile(z), UNZ_OK);
    buf_t b;
    char chunk[4096];
    int n;
    buf_init(&b);
    while ((n = unzReadCurrentFile(z, chunk, sizeof chunk)) > 0)
        buf_append(&b, chunk, (size_t)n);
    unzCloseCurrentFile(z);
    unzClose(z);
    unlink(path);
    return b.data;
}

static void test_xlsx_writer_shape(void **state)
{
    (void)state;
    /* the leading ' goes, then 15 characters and 16 of the 20 长s fit */
    table_writer *w = table_writer_new(TABLE_XLSX, "'[名单]:2024/25*?\\"
                                                   "长长长长长长长长长长长长长长长长长长长长");
    buf_t out;
    err_t e = ERR_INIT;
    const char *const head[] = {"代码", "名称"};
    const char *const row[] = {"0012", "柳州职业技术大学柳州职业技术大学"};
    buf_init(&out);
    table_writer_row(w, head, 2);
    table_writer_row(w, row, 2);
    assert_int_equal(table_writer_finish(w, &out, &e), 0);
    table_writer_free(w);

    char *wb = zip_part(&out, "xl/workbook.xml");
    assert_non_null(strstr(wb, "name=\"_名单__2024_25___长长长长长长长长长长长长长长长长\""));
    free(wb);
    char *styles = zip_part(&out, "xl/styles.xml");
    assert_non_null(strstr(styles, "<b/>"));
    free(styles);
    char *sheet = zip_part(&out, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(sheet, "<col min=\"2\" max=\"2\" width=\"34"));
    assert_non_null(strstr(sheet, "<pane ")); /* header frozen */
    free(sheet);
    buf_free(&out);

    /* an empty writer still makes a workbook, which reads as no rows */
    w = table_writer_new(TABLE_XLSX, NULL);
    buf_init(&out);
    assert_int_equal(table_writer_finish(w, &out, &e), 0);
    table_writer_free(w);
    collect c;
    collect_init(&c);
    assert_int_equal(table_read_mem(TABLE_XLSX, out.data, out.len, collect_row, NULL, &c, &e), 0);
    assert_int_equal(c.rows, 0);
    buf_free(&c.out);
    buf_free(&out);
}

/* Typed cells: numbers and dates are written as such, what is not one
 * stays text, and the reader gives every cell back as the text written. */
static void test_xlsx_typed_cells(void **state)
{
    (void)state;
    table_writer *w = table_writer_new(TABLE_XLSX, "类型");
    const table_type types[] = {TABLE_TEXT,   TABLE_NUMBER, TABLE_NUMBER, TABLE_DATE,
                                TABLE_NUMBER, TABLE_DATE,   TABLE_NUMBER};
    const char *const head[] = {"学号", "人数", "金额", "日期", "编码", "坏日期", "大数"};
    const char *const r1[] = {
        "0012", "2025", "-3.5", "2024-02-29", "0012", "2023-02-29", "1234567890123456"};
    const char *const r2[] = {"20230101", "", "4.6", "", "1e3", "1899-12-31", "inf"};
    buf_t out;
    err_t e = ERR_INIT;
    buf_init(&out);
    table_writer_row(w, head, 7);
    table_writer_row_typed(w, r1, types, 7);
    table_writer_row_typed(w, r2, types, 7);
    assert_int_equal(table_writer_finish(w, &out, &e), 0);
    table_writer_free(w);

    char *sheet = zip_part(&out, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(sheet, "<c r=\"B2\"><v>2025</v></c>")); /* a number cell */
    assert_non_null(strstr(sheet, "<v>-3.5</v>"));
    assert_non_null(strstr(sheet, "<v>45351</v>"));        /* 2024-02-29 as a serial */
    assert_null(strstr(sheet, "<c r=\"A2\" s=\"1\"><v>")); /* 0012 a string */
    assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:G3\"/>"));
    free(sheet);
    char *styles = zip_part(&out, "xl/styles.xml");
    assert_non_null(strstr(styles, "formatCode=\"yyyy-mm-dd\""));
    free(styles);

    collect c;
    collect_init(&c);
    assert_int_equal(table_read_mem(TABLE_XLSX, out.data, out.len, collect_row, NULL, &c, &e), 0);
    assert_string_equal(c.out.data, "1:学号|人数|金额|日期|编码|坏日期|大数\n"
                                    "2:0012|2025|-3.5|2024-02-29|0012|2023-02-29|1234567890123456\n"
                                    "3:20230101||4.6||1000|1899-12-31|inf\n");
    buf_free(&c.out);
    buf_free(&out);

    double v;
    int y, m, d;
    assert_true(table_number_cell("0", &v) && v == 0);
    assert_true(table_number_cell("0.25", &v) && v == 0.25);
    assert_false(table_number_cell("+86", &v));
    assert_false(table_number_cell("0x1A", &v));
    assert_false(table_number_cell("1.", &v));
    assert_false(table_number_cell(" 1", &v));
    assert_true(table_date_cell("2000-02-29", &y, &m, &d) && y == 2000 && m == 2 && d == 29);
    assert_false(table_date_cell("2100-02-29", &y, &m, &d));
    assert_false(table_date_cell("2024-13-01", &y, &m, &d));
}

/* Templates' pieces: a required header, drop-downs (a short list inline, a
 * long one on the hidden 选项 sheet), a second sheet; CSV keeps the first
 * sheet only. */
static void test_xlsx_lists_and_sheets(void **state)
{
    (void)state;
    for (int csv = 0; csv < 2; csv++) {
        table_writer *w = table_writer_new(csv ? TABLE_CSV : TABLE_XLSX, "模板");
        const char *const head[] = {"名称*", "类型", "专业"};
        const char *const row[] = {"示例", "企业", "专业01"};
        const char *const shortl[] = {"企业", "学校"};
        const char *longl[40];
        char names[40][32];
        for (int i = 0; i < 40; i++) {
            snprintf(names[i], sizeof names[i], "专业%02d", i + 1);
            longl[i] = names[i];
        }
        table_writer_row(w, head, 3);
        table_writer_row(w, row, 3);
        table_writer_required(w, 0);
        table_writer_choices(w, 1, shortl, 2);
        table_writer_choices(w, 2, longl, 40);
        table_writer_sheet(w, "说明");
        const char *const doc[] = {"列名 (Column)", "规则 (Rules)"};
        table_writer_row(w, doc, 2);
        buf_t out;
        err_t e = ERR_INIT;
        buf_init(&out);
        assert_int_equal(table_writer_finish(w, &out, &e), 0);
        table_writer_free(w);
        if (csv) {
            assert_string_equal(out.data, "\xEF\xBB\xBF名称*,类型,专业\r\n示例,企业,专业01\r\n");
            buf_free(&out);
            continue;
        }
        char *sheet = zip_part(&out, "xl/worksheets/sheet1.xml");
        assert_non_null(strstr(sheet, "<dataValidation type=\"list\""));
        assert_non_null(strstr(sheet, "sqref=\"B2:B1048576\"><formula1>\"企业,学校\"</formula1>"));
        assert_non_null(strstr(sheet, "<formula1>'选项'!$A$1:$A$40</formula1>"));
        free(sheet);
        char *wb = zip_part(&out, "xl/workbook.xml");
        assert_non_null(strstr(wb, "name=\"选项\" sheetId=\"2\" state=\"hidden\""));
        assert_non_null(strstr(wb, "name=\"说明\""));
        free(wb);
        char *lists = zip_part(&out, "xl/worksheets/sheet2.xml");
        char *strings = zip_part(&out, "xl/sharedStrings.xml");
        assert_non_null(strstr(strings, "专业40"));
        assert_non_null(strstr(strings, "列名 (Column)"));
        free(lists);
        free(strings);
        char *styles = zip_part(&out, "xl/styles.xml");
        assert_non_null(strstr(styles, "<color rgb=\"FFFF0000\"/>")); /* required: red */
        free(styles);
        /* the reader takes the first sheet: the template itself */
        collect c;
        collect_init(&c);
        assert_int_equal(table_read_mem(TABLE_XLSX, out.data, out.len, collect_row, NULL, &c, &e),
                         0);
        assert_string_equal(c.out.data, "1:名称*|类型|专业\n2:示例|企业|专业01\n");
        buf_free(&c.out);
        buf_free(&out);
    }
}

/* ---- XLSX reading ----------------------------------------------------- */

static void test_xlsx_fixture_numbers(void **state)
{
    (void)state;
    collect c;
    err_t e = ERR_INIT;
    collect_init(&c);
    int rc = table_read_file(FIXTURES "table_numbers.xlsx", collect_row, collect_progress, &c, &e);
    if (rc != 0)
        fail_msg("read failed: %s", e.message);
    assert_string_equal(c.out.data, "1:单位名称|成立年份|数值|日期|备注\n"
                                    "2:柳州|2024|3.5|2024-05-01|行内\n"
                                    "4:甲|2024|1000|2024-05-01|甲乙\n"
                                    "5:乙||4.6|2024-05-01 12:00|TRUE\n"
                                    "6:0012|12:00|1.5|2024-05-01|#N/A\n"
                                    "7:丙||||\n"
                                    "9:a\rb _x|-1234.5|0|45413|1.23456789012346e+18|多出\n"
                                    "10:无引用|7|||\n"
                                    "11:2024-05-01|0.3|||\n");
    assert_true(c.progress >= 1);
    assert_int_equal(c.last_done, 11);
    assert_int_equal(c.last_total, 11);
    buf_free(&c.out);
}

static void test_xlsx_fixture_minimal(void **state)
{
    (void)state;
    collect c;
    err_t e = ERR_INIT;
    collect_init(&c);
    int rc = table_read_file(FIXTURES "table_minimal.xlsx", collect_row, NULL, &c, &e);
    if (rc != 0)
        fail_msg("read failed: %s", e.message);
    assert_string_equal(c.out.data, "1:代码|名称\n2:460702|海南软件\n");
    buf_free(&c.out);
}

static void test_xlsx_callback_stops(void **state)
{
    (void)state;
    collect c;
    err_t e = ERR_INIT;
    collect_init(&c);
    c.stop_at = 2;
    assert_int_equal(table_read_file(FIXTURES "table_numbers.xlsx", collect_row, NULL, &c, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.message, "stopped at line 2");
    assert_int_equal(c.rows, 2);
    buf_free(&c.out);
}

/* Build an .xlsx in memory from (name, xml) pairs with minizip's zip.h. */
static void make_xlsx(const char *const parts[][2], size_t n, buf_t *out)
{
    char path[64];
    fx_temp_file(path, sizeof path, NULL, 0);
    zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(zipOpenNewFileInZip(z, parts[i][0], NULL, NULL, 0, NULL, 0, NULL,
                                             Z_DEFLATED, Z_DEFAULT_COMPRESSION),
                         ZIP_OK);
        assert_int_equal(zipWriteInFileInZip(z, parts[i][1], (unsigned)strlen(parts[i][1])),
                         ZIP_OK);
        assert_int_equal(zipCloseFileInZip(z), ZIP_OK);
    }
    assert_int_equal(zipClose(z, NULL), ZIP_OK);
    size_t len;
    char *data = fx_slurp(path, &len);
    unlink(path);
    buf_init(out);
    buf_append(out, data, len);
    free(data);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

static const char date_styles[] =
    "<styleSheet " NS "><cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"22\"/></cellXfs></styleSheet>";

static const char date_sheet[] =
    "<worksheet " NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>日期</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>1</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>59</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>61</v></c></row>"
    "<row r=\"5\"><c r=\"A5\" s=\"1\"><v>45413</v></c></row>"
    "<row r=\"6\"><c r=\"A6\" s=\"1\"><v>2958465</v></c></row>"
    "<row r=\"7\"><c r=\"A7\" s=\"2\"><v>45413.75</v></c></row>"
    "<row r=\"8\"><c r=\"A8\" s=\"2\"><v>45413.000011574</v></c></row>"
    "<row r=\"9\"><c r=\"A9\" s=\"1\"><v>-1</v></c></row>"
    "<row r=\"10\"><c r=\"A10\" s=\"1\"><v>45413.99999999</v></c></row>"
    "</sheetData></worksheet>";

static void read_built(const char *const parts[][2], size_t n, const char *want)
{
    buf_t x;
    collect c;
    err_t e = ERR_INIT;
    make_xlsx(parts, n, &x);
    collect_init(&c);
    if (table_read_mem(TABLE_XLSX, x.data, x.len, collect_row, NULL, &c, &e) != 0)
        fail_msg("read failed: %s", e.message);
    assert_string_equal(c.out.data, want);
    buf_free(&c.out);
    buf_free(&x);
}

/* Date serials: Excel's 1900 system with its phantom 29 Feb 1900, the
 * 1904 system, date+time, and values no date format can show. */
static void test_xlsx_date_serials(void **state)
{
    (void)state;
    const char *const parts1900[][2] = {
        {"xl/styles.xml", date_styles},
        {"xl/worksheets/sheet1.xml", date_sheet},
    };
    read_built(parts1900, 2,
               "1:日期\n2:1900-01-01\n3:1900-02-28\n4:1900-03-01\n5:2024-05-01\n"
               "6:9999-12-31\n7:2024-05-01 18:00\n8:2024-05-01 00:00:01\n9:-1\n"
               "10:2024-05-01\n");

    const char *const parts1904[][2] = {
        {"xl/workbook.xml", "<workbook " NS " xmlns:r=\"http://schemas.openxmlformats.org/"
                            "officeDocument/2006/relationships\"><workbookPr date1904=\"1\"/>"
                            "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                            "</workbook>"},
        {"xl/styles.xml", date_styles},
        {"xl/worksheets/sheet1.xml",
         "<worksheet " NS "><sheetData>"
         "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>日期</t></is></c></row>"
         "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>0</v></c></row>"
         "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>43951</v></c></row>"
         "</sheetData></worksheet>"},
    };
    read_built(parts1904, 3, "1:日期\n2:1904-01-01\n3:2024-05-01\n");
}

/* Hostile or broken parts are refused with ERR_BAD_REQUEST. */
static void test_xlsx_hostile(void **state)
{
    (void)state;
    const char *const doctype[][2] = {
        {"xl/worksheets/sheet1.xml",
         "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\">"
         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
         "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
         "<is><t>&b;</t></is></c></row></sheetData></worksheet>"},
    };
    const char *const bad_xml[][2] = {
        {"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row r=\"1\">"},
    };
    const char *const bad_sst[][2] = {
        {"xl/sharedStrings.xml", "<sst " NS "><si><t>一</t></si></sst>"},
        {"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row r=\"7\">"
                                     "<c r=\"A7\" t=\"s\"><v>1</v></c></row></sheetData>"
                                     "</worksheet>"},
    };
    const char *const wide[][2] = {
        {"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row r=\"1\">"
                                     "<c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>"},
    };
    const char *const no_sheet[][2] = {
        {"xl/styles.xml", date_styles},
    };
    struct {
        const char *const (*parts)[2];
        size_t n;
        const char *msg;
    } cases[] = {
        {doctype, 1, "DOCTYPE"}, {bad_xml, 1, "XML"},           {bad_sst, 2, "row 7"},
        {wide, 1, "XFD"},        {no_sheet, 1, "no worksheet"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_t x;
        collect c;
        err_t e = ERR_INIT;
        make_xlsx(cases[i].parts, cases[i].n, &x);
        collect_init(&c);
        assert_int_equal(table_read_mem(TABLE_XLSX, x.data, x.len, collect_row, NULL, &c, &e), -1);
        assert_int_equal(e.code, ERR_BAD_REQUEST);
        if (!strstr(e.message, cases[i].msg))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.message, cases[i].msg);
        buf_free(&c.out);
        buf_free(&x);
    }
}

/* A first cell that is empty: the row buffer is still unallocated then,
 * and copying zero bytes into it was memcpy(NULL, ..., 0) — undefined,
 * and fatal under UBSan (run this test from build-asan). */
static void test_csv_first_cell_empty(void **state)
{
    (void)state;
    EXPECT_CSV(",b\nc,\n", "1:|b\n2:c|\n");
    EXPECT_CSV("\"\",b\nc,d\n", "1:|b\n2:c|d\n");
}

/* Read with bounds; returns the reader's result, e filled. */
static int read_limited(table_format fmt, const buf_t *x, const table_limits *lim, collect *c,
                        err_t *e)
{
    collect_init(c);
    return table_read_mem_limited(fmt, x->data, x->len, lim, collect_row, NULL, c, e);
}

static void expect_too_large(table_format fmt, const buf_t *x, const table_limits *lim,
                             const char *msg)
{
    collect c;
    err_t e = ERR_INIT;
    assert_int_equal(read_limited(fmt, x, lim, &c, &e), -1);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    if (!strstr(e.message, msg))
        fail_msg("\"%s\" lacks \"%s\"", e.message, msg);
    buf_free(&c.out);
}

/* XLSX row numbers are 1..1048576; past that (or overflowing) the file
 * is refused with a clear message, not read as "line -1". */
static void test_xlsx_row_numbers(void **state)
{
    (void)state;
    const char *bad[] = {"99999999999", "18446744073709551617", "1048577", "0", "-1", "7x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *sheet = xasprintf("<worksheet " NS "><sheetData>"
                                "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c>"
                                "</row><row r=\"%s\"><c t=\"inlineStr\"><is><t>x</t></is></c>"
                                "</row></sheetData></worksheet>",
                                bad[i]);
        const char *const parts[][2] = {{"xl/worksheets/sheet1.xml", sheet}};
        buf_t x;
        collect c;
        err_t e = ERR_INIT;
        make_xlsx(parts, 1, &x);
        assert_int_equal(read_limited(TABLE_XLSX, &x, NULL, &c, &e), -1);
        assert_int_equal(e.code, ERR_BAD_REQUEST);
        if (!strstr(e.message, bad[i]) || !strstr(e.message, "1048576"))
            fail_msg("case %s: \"%s\"", bad[i], e.message);
        assert_null(strstr(c.out.data, "-1:"));
        buf_free(&c.out);
        buf_free(&x);
        free(sheet);
    }
    const char *const last[][2] = {
        {"xl/worksheets/sheet1.xml",
         "<worksheet " NS "><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>名称</t></is></c>"
         "</row><row r=\"1048576\"><c t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>"
         "</worksheet>"}};
    read_built(last, 1, "1:名称\n1048576:x\n");
}

/* Rows and cells are bounded, empty ones included, in both formats. */
static void test_read_bounds(void **state)
{
    (void)state;
    table_limits five_rows = {.rows = 5};
    buf_t csv;
    buf_init(&csv);
    buf_puts(&csv, "a,b\n\n\n\n\n\n\n1,2\n"); /* 6 empty lines */
    expect_too_large(TABLE_CSV, &csv, &five_rows, "more than 5 rows");
    table_limits eight_rows = {.rows = 8};
    collect c;
    err_t e = ERR_INIT;
    assert_int_equal(read_limited(TABLE_CSV, &csv, &eight_rows, &c, &e), 0);
    assert_string_equal(c.out.data, "1:a|b\n8:1|2\n");
    buf_free(&c.out);
    buf_free(&csv);

    /* XLSX: empty <row/>s count */
    buf_t sheet, x;
    buf_init(&sheet);
    buf_puts(&sheet, "<worksheet " NS "><sheetData>"
                     "<row><c t=\"inlineStr\"><is><t>名称</t></is></c></row>");
    for (int i = 0; i < 10; i++)
        buf_puts(&sheet, "<row/>");
    buf_puts(&sheet, "</sheetData></worksheet>");
    const char *const rows10[][2] = {{"xl/worksheets/sheet1.xml", sheet.data}};
    make_xlsx(rows10, 1, &x);
    expect_too_large(TABLE_XLSX, &x, &five_rows, "more than 5 rows");
    buf_free(&x);
    buf_free(&sheet);

    /* cells: one empty cell in column XFD is 16384 positions */
    const char *const wide[][2] = {
        {"xl/worksheets/sheet1.xml",
         "<worksheet " NS "><sheetData><row><c t=\"inlineStr\"><is><t>名称</t></is></c></row>"
         "<row><c r=\"XFD2\" t=\"inlineStr\"><is><t></t></is></c></row>"
         "</sheetData></worksheet>"}};
    table_limits cells = {.cells = 10000};
    make_xlsx(wide, 1, &x);
    expect_too_large(TABLE_XLSX, &x, &cells, "more than 10000 cells");
    buf_free(&x);

    /* the default: Excel's 1048576 rows, empty rows included, and they
     * cost next to nothing */
    buf_init(&sheet);
    buf_puts(&sheet, "<worksheet " NS "><sheetData>"
                     "<row><c t=\"inlineStr\"><is><t>名称</t></is></c></row>");
    for (unsigned i = 0; i < TABLE_MAX_ROWS; i++)
        buf_puts(&sheet, "<row/>");
    buf_puts(&sheet, "</sheetData></worksheet>");
    const char *const many[][2] = {{"xl/worksheets/sheet1.xml", sheet.data}};
    make_xlsx(many, 1, &x);
    buf_free(&sheet);
    expect_too_large(TABLE_XLSX, &x, NULL, "1048576");
    buf_free(&x);
}

/* A deadline stops a read that is still going, CSV or XLSX. */
static void test_read_deadline(void **state)
{
    (void)state;
    table_limits past = {.deadline_ms = 1, .seconds = 60};
    buf_t csv, x;
    buf_init(&csv);
    buf_puts(&csv, "a,b\n");
    for (int i = 0; i < 5000; i++)
        buf_puts(&csv, "1,2\n");
    expect_too_large(TABLE_CSV, &csv, &past, "longer than 60 s");
    buf_free(&csv);
    const char *const one[][2] = {{"xl/worksheets/sheet1.xml", date_sheet}};
    make_xlsx(one, 1, &x);
    expect_too_large(TABLE_XLSX, &x, &past, "longer than 60 s");
    buf_free(&x);
    table_limits future = {.deadline_ms = table_now_ms() + 60000, .seconds = 60};
    collect c;
    err_t e = ERR_INIT;
    make_xlsx(one, 1, &x);
    assert_int_equal(read_limited(TABLE_XLSX, &x, &future, &c, &e), 0);
    buf_free(&c.out);
    buf_free(&x);
}

/* Empty <si/> entries cost 9 bytes each here and almost nothing zipped
 * (a 734 KB file once took the server to 922 MB): entries are bounded as
 * well as text. */
static void test_xlsx_shared_string_entries(void **state)
{
    (void)state;
    buf_t sst, x;
    buf_init(&sst);
    buf_puts(&sst, "<sst " NS ">");
    for (unsigned i = 0; i <= TABLE_MAX_SST_STRINGS; i++)
        buf_puts(&sst, "<si/>");
    buf_puts(&sst, "</sst>");
    const char *const parts[][2] = {
        {"xl/sharedStrings.xml", sst.data},
        {"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row r=\"1\">"
                                     "<c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>"
                                     "</worksheet>"},
    };
    make_xlsx(parts, 2, &x);
    buf_free(&sst);
    expect_too_large(TABLE_XLSX, &x, NULL, "shared strings exceed");
    buf_free(&x);

    /* text is counted with the entries' own memory */
    buf_init(&sst);
    buf_puts(&sst, "<sst " NS ">");
    char *chunk = xmalloc(1u << 20);
    memset(chunk, 'x', (1u << 20) - 1);
    chunk[(1u << 20) - 1] = '\0';
    for (unsigned i = 0; i <= TABLE_MAX_SST_BYTES >> 20; i++) {
        buf_puts(&sst, "<si><t>");
        buf_puts(&sst, chunk);
        buf_puts(&sst, "</t></si>");
    }
    free(chunk);
    buf_puts(&sst, "</sst>");
    const char *const big[][2] = {
        {"xl/sharedStrings.xml", sst.data},
        {"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData/></worksheet>"},
    };
    make_xlsx(big, 2, &x);
    buf_free(&sst);
    expect_too_large(TABLE_XLSX, &x, NULL, "shared strings exceed");
    buf_free(&x);
}

static void test_format_sniffing(void **state)
{
    (void)state;
    size_t len;
    char *x = fx_slurp(FIXTURES "table_minimal.xlsx", &len);
    collect c;
    err_t e = ERR_INIT;

    /* an .xlsx uploaded as .csv is still read as XLSX */
    collect_init(&c);
    assert_int_equal(table_read_mem(TABLE_CSV, x, len, collect_row, NULL, &c, &e), 0);
    assert_string_equal(c.out.data, "1:代码|名称\n2:460702|海南软件\n");
    buf_free(&c.out);

    /* a truncated workbook is refused, not crashed on */
    collect_init(&c);
    assert_int_equal(table_read_mem(TABLE_XLSX, x, len / 2, collect_row, NULL, &c, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    buf_free(&c.out);

    /* ... as is a damaged compressed sheet (CRC or inflate error) */
    const char *name = memmem(x, len, "xl/worksheets/sheet1.xml", 24);
    assert_non_null(name);
    for (size_t i = 20; i < 28; i++)
        x[(size_t)(name - x) + 24 + i] ^= 0x55;
    collect_init(&c);
    assert_int_equal(table_read_mem(TABLE_XLSX, x, len, collect_row, NULL, &c, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    buf_free(&c.out);
    free(x);

    /* text claimed to be XLSX */
    collect_init(&c);
    assert_int_equal(table_read_mem(TABLE_XLSX, "a,b\n", 4, collect_row, NULL, &c, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    buf_free(&c.out);

    /* an old binary .xls */
    const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest";
    collect_init(&c);
    assert_int_equal(table_read_mem(TABLE_XLSX, ole, sizeof ole - 1, collect_row, NULL, &c, &e),
                     -1);
    assert_non_null(strstr(e.message, ".xls"));
    buf_free(&c.out);

    /* files that are not there or not tables */
    assert_int_equal(table_read_file(FIXTURES "nope.csv", collect_row, NULL, &c, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    assert_int_equal(table_read_file(FIXTURES "make_table_fixtures.py", collect_row, NULL, &c, &e),
                     -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_of),
        cmocka_unit_test(test_detect_encoding),
        cmocka_unit_test(test_csv_utf8),
        cmocka_unit_test(test_csv_bom),
        cmocka_unit_test(test_csv_gb18030_file),
        cmocka_unit_test(test_csv_crlf_and_quotes),
        cmocka_unit_test(test_csv_lenient_quotes),
        cmocka_unit_test(test_csv_unterminated_quote),
        cmocka_unit_test(test_csv_empty_lines_and_shape),
        cmocka_unit_test(test_csv_malformed),
        cmocka_unit_test(test_csv_callback_stops),
        cmocka_unit_test(test_csv_many_rows_progress),
        cmocka_unit_test(test_formula_like),
        cmocka_unit_test(test_csv_writer_bytes),
        cmocka_unit_test(test_csv_round_trip),
        cmocka_unit_test(test_xlsx_typed_cells),
        cmocka_unit_test(test_xlsx_lists_and_sheets),
        cmocka_unit_test(test_xlsx_round_trip),
        cmocka_unit_test(test_defuse_undone),
        cmocka_unit_test(test_xlsx_writer_shape),
        cmocka_unit_test(test_xlsx_fixture_numbers),
        cmocka_unit_test(test_xlsx_fixture_minimal),
        cmocka_unit_test(test_xlsx_callback_stops),
        cmocka_unit_test(test_xlsx_date_serials),
        cmocka_unit_test(test_xlsx_hostile),
        cmocka_unit_test(test_format_sniffing),
        cmocka_unit_test(test_csv_first_cell_empty),
        cmocka_unit_test(test_xlsx_row_numbers),
        cmocka_unit_test(test_read_bounds),
        cmocka_unit_test(test_read_deadline),
        cmocka_unit_test(test_xlsx_shared_string_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
