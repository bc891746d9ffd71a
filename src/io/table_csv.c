/*
 * table_csv.c — CSV in and out.
 *
 * Reading works on the whole file in one buffer (table.c maps it).  The
 * encoding is settled first, once: a UTF-8 BOM means UTF-8 (BOM dropped);
 * otherwise a strict UTF-8 check over every byte decides between UTF-8
 * and GB18030, the encoding Chinese Excel uses for "CSV (逗号分隔)".  A
 * GB18030 file is converted to UTF-8 with iconv into one new buffer, so the
 * parser only ever sees UTF-8.  The whole file is checked rather than a
 * prefix because a GB18030 file often starts with pure ASCII headers.
 *
 * The parser is a tight loop over that buffer: unquoted runs are found
 * with a 256-entry byte class table and copied in one memcpy into a row
 * buffer that is reused for every row (cells NUL-terminated back to back,
 * offsets in a reused array), so a million rows cost no allocation after
 * the first few.  RFC 4180 quoting, leniently: a quote inside an unquoted
 * field is literal text, and text after a closing quote is kept.  Lines
 * end in LF, CRLF or a lone CR; a row's line number is the physical line
 * where it starts, counting the newlines inside quoted cells.  Only an
 * unclosed quote, a NUL byte, undecodable bytes or UTF-16 make a file
 * malformed.
 *
 * Writing renders one record at a time into the caller's buffer: cells
 * with a comma, quote, CR or LF are quoted (quotes doubled); cells that a
 * spreadsheet would run as a formula get a ' prefix and are quoted too.
 * Reading undoes exactly that prefix (table_csv_undefuse): a cell that is
 * ' followed by text table_cell_formula_like() would defuse loses the ',
 * so "-夜班电工" exported and imported again is "-夜班电工".
 */
#include "io/table_priv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CSV_PROGRESS_STEP (256u * 1024u)

/* ---- encoding --------------------------------------------------------- */

/* Offset of the first byte that is not part of valid UTF-8, or len.
 * Strict: no overlong forms, no surrogates, nothing past U+10FFFF — the
 * strictness is what tells GB18030 apart. */
static size_t utf8_check(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            if (!(v & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += n + 1;
    }
    return len;
}

size_t table_utf8_prefix(const void *data, size_t len)
{
    return utf8_check(data, len);
}

static bool has_utf8_bom(const unsigned char *s, size_t len)
{
    return len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
}

const char *table_csv_detect_encoding(const void *data, size_t len)
{
    const unsigned char *s = data;
    if (has_utf8_bom(s, len) || utf8_check(s, len) == len)
        return "UTF-8";
    return "GB18030";
}

/* 1-based line of byte offset `off`. */
static size_t line_of(const unsigned char *s, size_t off)
{
    size_t line = 1;
    const unsigned char *p = s, *end = s + off;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        line++;
        p++;
    }
    return line;
}

/* GB18030 → UTF-8 into a new buffer (*out, caller frees). */
static int gb18030_to_utf8(const unsigned char *in, size_t len, char **out, size_t *outlen,
                           err_t *e)
{
    int rc = -1;
    size_t cap = len + len / 2 + 16; /* 2-byte GB18030 becomes 3-byte UTF-8 */
    char *buf = xmalloc(cap);
    char *ip = (char *)in, *op = buf;
    size_t il = len, ol = cap;
    iconv_t cd = iconv_open("UTF-8", "GB18030");

    if (cd == (iconv_t)-1) {
        err_set(e, ERR_INTERNAL, "GB18030 转换不可用 (iconv GB18030 unavailable)");
        goto out;
    }
    while (il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno == E2BIG) {
            size_t used = (size_t)(op - buf);
            cap *= 2;
            buf = xrealloc(buf, cap);
            op = buf + used;
            ol = cap - used;
            continue;
        }
        size_t line = line_of(in, (size_t)((unsigned char *)ip - in));
        err_set(e, ERR_BAD_REQUEST,
                "第 %zu 行：无法识别的字符编码，请另存为 UTF-8 或 GB18030 编码的 CSV "
                "(line %zu: text is neither UTF-8 nor GB18030; save as a UTF-8 CSV)",
                line, line);
        goto out;
    }
    *outlen = (size_t)(op - buf);
    *out = buf;
    buf = NULL;
    rc = 0;
out:
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(buf);
    return rc;
}

/* ---- parsing ---------------------------------------------------------- */

/* Bytes that end an unquoted run / a run inside quotes. */
static const unsigned char csv_unquoted_stop[256] = {[','] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1};
static const unsigned char csv_quoted_stop[256] = {['"'] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1};

typedef struct {
    char *text; /* the current row's cells, NUL-terminated back to back */
    size_t len, cap;
    size_t *off; /* where each cell starts in text */
    size_t n, off_cap;
} csv_row;

static inline void row_put(csv_row *r, const void *p, size_t n)
{
    if (n == 0) /* an empty first cell: text may still be NULL */
        return;
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (r->len + n > cap)
            cap *= 2;
        r->text = xrealloc(r->text, cap);
        r->cap = cap;
    }
    if (n) /* an empty first cell: text is still NULL */
        memcpy(r->text + r->len, p, n);
    r->len += n;
}

static inline void row_begin_cell(csv_row *r)
{
    if (r->n == r->off_cap) {
        r->off_cap = r->off_cap ? r->off_cap * 2 : 64;
        r->off = xrealloc(r->off, r->off_cap * sizeof *r->off);
    }
    r->off[r->n++] = r->len;
}

static int csv_nul_error(size_t line, err_t *e)
{
    return err_set(e, ERR_BAD_REQUEST,
                   "第 %zu 行：包含空字节，文件不是文本 CSV (line %zu: NUL byte; not a text CSV)",
                   line, line);
}

static int csv_parse(const unsigned char *base, size_t len, const table_limits *lim,
                     table_row_fn on_row, table_progress_fn on_progress, void *ctx, err_t *e)
{
    const unsigned char *p = base, *end = base + len;
    size_t line = 1, next_progress = CSV_PROGRESS_STEP;
    csv_row r = {0};
    table_emit em;
    int rc = -1;

    table_emit_init(&em, lim, on_row, ctx);
    while (p < end) {
        if (*p == '\n' || *p == '\r') { /* empty line: counted, not delivered */
            p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
            if (table_emit_row(&em, line, 0, e) < 0)
                goto out;
            line++;
            continue;
        }
        size_t row_line = line;
        r.len = r.n = 0;
        for (;;) { /* one cell per turn */
            row_begin_cell(&r);
            if (p < end && *p == '"') {
                size_t quote_line = line;
                p++;
                for (;;) {
                    const unsigned char *s = p;
                    while (p < end && !csv_quoted_stop[*p])
                        p++;
                    row_put(&r, s, (size_t)(p - s));
                    if (p == end) {
                        err_set(e, ERR_BAD_REQUEST,
                                "第 %zu 行：引号未闭合 (line %zu: unterminated quote)", quote_line,
                                quote_line);
                        goto out;
                    }
                    if (*p == '"') {
                        if (p + 1 < end && p[1] == '"') { /* "" is a quote */
                            row_put(&r, p, 1);
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    if (*p == '\0') {
                        csv_nul_error(line, e);
                        goto out;
                    }
                    /* a newline inside the quotes: part of the cell */
                    if (*p == '\r' && p + 1 < end && p[1] == '\n') {
                        row_put(&r, p, 2);
                        p += 2;
                    } else {
                        row_put(&r, p, 1);
                        p++;
                    }
                    line++;
                }
            }
            /* an unquoted cell, or whatever follows a closing quote */
            const unsigned char *s = p;
            while (p < end && !csv_unquoted_stop[*p])
                p++;
            row_put(&r, s, (size_t)(p - s));
            row_put(&r, "", 1);
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            if (p < end && *p == '\0') {
                csv_nul_error(line, e);
                goto out;
            }
            if (p < end) { /* end of line */
                p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
                line++;
            }
            break;
        }
        char **cells = table_emit_cells(&em, r.n);
        for (size_t i = 0; i < r.n; i++)
            cells[i] = table_csv_undefuse(r.text + r.off[i]);
        if (table_emit_row(&em, row_line, r.n, e) < 0)
            goto out;
        if (on_progress && (size_t)(p - base) >= next_progress) {
            on_progress(ctx, (size_t)(p - base), len);
            next_progress = (size_t)(p - base) + CSV_PROGRESS_STEP;
        }
    }
    if (on_progress)
        on_progress(ctx, len, len);
    rc = 0;
out:
    free(r.text);
    free(r.off);
    table_emit_free(&em);
    return rc;
}

int table_csv_read(const void *data, size_t len, const table_limits *lim, table_row_fn on_row,
                   table_progress_fn on_progress, void *ctx, err_t *e)
{
    const unsigned char *s = data;
    char *utf8 = NULL;
    size_t utf8_len = 0;
    int rc = -1;

    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        err_set(e, ERR_BAD_REQUEST,
                "不支持 UTF-16 编码的文件，请另存为“CSV UTF-8（逗号分隔）” "
                "(UTF-16 text is not supported; save as CSV UTF-8)");
        goto out;
    }
    if (has_utf8_bom(s, len)) {
        s += 3;
        len -= 3;
        size_t bad = utf8_check(s, len);
        if (bad != len) {
            size_t line = line_of(s, bad);
            err_set(e, ERR_BAD_REQUEST,
                    "第 %zu 行：文件标为 UTF-8 但包含无效字符 (line %zu: invalid UTF-8)", line,
                    line);
            goto out;
        }
    } else if (utf8_check(s, len) != len) {
        if (gb18030_to_utf8(s, len, &utf8, &utf8_len, e) < 0)
            goto out;
        s = (const unsigned char *)utf8;
        len = utf8_len;
    }
    rc = csv_parse(s, len, lim, on_row, on_progress, ctx, e);
out:
    free(utf8);
    return rc;
}

/* ---- writing ---------------------------------------------------------- */

char *table_csv_undefuse(char *s)
{
    /* Only the ' the writer adds: before text it would defuse.  "'-5" or
     * "'abc" were written by a person, not by us, and stay as they are. */
    return s[0] == '\'' && table_cell_formula_like(s + 1) ? s + 1 : s;
}

void table_csv_write_row(buf_t *out, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = cells[i] ? cells[i] : "";
        bool defuse = table_cell_formula_like(s);
        if (i > 0)
            buf_append(out, ",", 1);
        if (!defuse && !s[strcspn(s, ",\"\r\n")]) {
            buf_append(out, s, strlen(s));
            continue;
        }
        buf_append(out, defuse ? "\"'" : "\"", defuse ? 2 : 1);
        for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
            buf_append(out, s, (size_t)(q - s) + 1); /* up to and with the quote */
            buf_append(out, "\"", 1);                /* ... doubled */
        }
        buf_append(out, s, strlen(s));
        buf_append(out, "\"", 1);
    }
    buf_append(out, "\r\n", 2);
}
