/*
 * table_xlsx.c — the first worksheet of an .xlsx in, one worksheet out.
 *
 * Reading.  An .xlsx is a ZIP of XML parts.  minizip reads the ZIP straight
 * from the caller's buffer through a memory-backed zlib_filefunc64_def (no
 * temporary file), and every part is streamed through expat in 64 KiB
 * chunks, so a sheet is never inflated whole.  Order of work:
 *
 *   xl/workbook.xml            first visible <sheet>'s r:id, date1904
 *   xl/_rels/workbook.xml.rels where that r:id, the shared strings and
 *                              the styles live (default names if absent;
 *                              xl/worksheets/sheet1.xml as last resort)
 *   sharedStrings              every <si> as one string: its <t> and rich
 *                              text runs concatenated, phonetic <rPh> left
 *                              out, _xHHHH_ escapes decoded
 *   styles                     per cellXfs entry: number, date, date+time
 *                              or time of day, from the built-in numFmtId
 *                              (incl. the zh-CN ones 27-36, 50-58) or the
 *                              custom format code
 *   the sheet                  rows delivered as they close
 *
 * The parser is namespace-aware and matches local names, so prefixed
 * (<x:c>) and Strict-OOXML files read the same.  DOCTYPEs are refused
 * (no entity tricks), and a cell or the shared-string table growing past
 * a sane size stops the read: a small ZIP can inflate to gigabytes.  The
 * shared strings are bounded in entries as well as in memory (an empty
 * <si/> zips to almost nothing but costs an offset), rows and cells count
 * against the caller's table_limits as they close, empty or not, row
 * numbers past Excel's 1048576 are refused, and the deadline is checked
 * every 64 KiB of XML.
 *
 * Cells come back as the text a person sees in Excel: shared/inline
 * strings as text, numbers in the General style — integers without
 * ".0", others with 15 significant digits (what Excel shows, and what
 * turns 4.5999999999999996 back into 4.6) — dates as YYYY-MM-DD (with
 * " HH:MM[:SS]" when the format shows a time and there is one), times of
 * day as HH:MM[:SS], booleans as TRUE/FALSE.  Cell references place cells
 * in their columns (gaps become ""), and the line of a row is its sheet
 * row number, so rows missing from the sheet are skipped.  Number text
 * goes through strtod/snprintf, which assume the C numeric locale (the
 * program never sets another).
 *
 * Writing goes through libxlsxwriter, which only writes to a file name:
 * the workbook is written to a mkstemp file under $TMPDIR (or /tmp), read
 * back through the descriptor mkstemp returned, and unlinked.  A cell is
 * a string with the text format "@" (codes like "0012" stay codes, also
 * when someone retypes them) unless it was written as a number or a date
 * and its text is one (table_number_cell, table_date_cell): then it is a
 * number in the General format or a date formatted yyyy-mm-dd — which the
 * reader above gives back as the same text, so an export re-imports as
 * it is.  A column takes the format of its first typed cell under the
 * header.  Each sheet's header is bold (required columns bold red),
 * frozen, and carries an autofilter; columns get a width from their
 * longest text (CJK counted double).  Drop-down lists are list data
 * validations, a long one (over Excel's 255 characters) pointing at a
 * column of the hidden sheet "选项" written last.
 */
#include "io/table_priv.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unzip.h>
#include <xlsxwriter.h>

#define XLSX_CHUNK (64 * 1024)
#define XLSX_MAX_COLS 16384u                  /* XFD */
#define XLSX_MAX_CELL_BYTES (1u << 20)        /* Excel holds 32767 chars */
#define XLSX_MAX_ROW_BYTES (64u << 20)        /* all text of one row */
#define XLSX_MAX_PART_BYTES ((size_t)2 << 30) /* one inflated XML part */
#define XLSX_PROGRESS_ROWS 1024u
#define XLSX_STR_MAX 32767u /* libxlsxwriter's string limit */

/* ---- reading ZIP from memory ------------------------------------------ */

typedef struct {
    const unsigned char *data;
    size_t len, pos;
} memzip;

static voidpf ZCALLBACK mz_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    memzip *m = opaque;
    if (mode & ZLIB_FILEFUNC_MODE_WRITE)
        return NULL;
    m->pos = 0;
    return m;
}

static uLong ZCALLBACK mz_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)opaque;
    memzip *m = stream;
    size_t n = m->len - m->pos;
    if (n > size)
        n = size;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (uLong)n;
}

static uLong ZCALLBACK mz_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)opaque, (void)stream, (void)buf, (void)size;
    return 0;
}

static ZPOS64_T ZCALLBACK mz_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((memzip *)stream)->pos;
}

static long ZCALLBACK mz_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
    (void)opaque;
    memzip *m = stream;
    ZPOS64_T base;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
        base = 0;
        break;
    case ZLIB_FILEFUNC_SEEK_CUR:
        base = m->pos;
        break;
    case ZLIB_FILEFUNC_SEEK_END:
        base = m->len;
        break;
    default:
        return -1;
    }
    if (off > m->len - base) /* minizip only seeks forward from these */
        return -1;
    m->pos = (size_t)(base + off);
    return 0;
}

static int ZCALLBACK mz_close(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static int ZCALLBACK mz_error(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

/* ---- XML plumbing ----------------------------------------------------- */

/* First member of every handler context. */
typedef struct {
    XML_Parser parser;
    err_t *e;
    bool failed; /* a handler filled e and stopped the parser */
} xml_base;

static void xml_fail(xml_base *b)
{
    b->failed = true;
    XML_StopParser(b->parser, XML_FALSE);
}

/* "uri|local" → "local" (the parser is created with '|' as separator). */
static const char *lname(const XML_Char *n)
{
    const char *s = strrchr(n, '|');
    return s ? s + 1 : n;
}

static const char *xml_attr(const XML_Char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(lname(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

static void XMLCALL xml_no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                   const XML_Char *pubid, int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    xml_base *b = ud;
    err_set(b->e, ERR_BAD_REQUEST, "XLSX 文件含有 DOCTYPE，已拒绝 (XLSX part has a DOCTYPE)");
    xml_fail(b);
}

static int xlsx_corrupt(err_t *e, const char *part, const char *why)
{
    return err_set(e, ERR_BAD_REQUEST, "XLSX 文件已损坏：%s %s (corrupt XLSX: %s %s)", part, why,
                   part, why);
}

/* Stream one part through expat.  1 when the part is not in the ZIP. */
static int xlsx_parse_part(unzFile zf, const char *name, const table_limits *lim, xml_base *b,
                           XML_StartElementHandler start, XML_EndElementHandler end,
                           XML_CharacterDataHandler text, err_t *e)
{
    XML_Parser p = NULL;
    bool open = false;
    size_t inflated = 0;
    int rc = -1;

    if (unzLocateFile(zf, name, 2) != UNZ_OK)
        return 1;
    if (unzOpenCurrentFile(zf) != UNZ_OK) {
        xlsx_corrupt(e, name, "无法解压 (cannot inflate)");
        goto out;
    }
    open = true;
    p = XML_ParserCreateNS(NULL, '|');
    if (!p) {
        err_set(e, ERR_INTERNAL, "XML 解析器创建失败 (cannot create XML parser)");
        goto out;
    }
    b->parser = p;
    b->e = e;
    b->failed = false;
    XML_SetUserData(p, b);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, xml_no_doctype);
    for (;;) {
        void *buf = XML_GetBuffer(p, XLSX_CHUNK);
        if (!buf) {
            err_set(e, ERR_INTERNAL, "XML 缓冲区分配失败 (XML buffer)");
            goto out;
        }
        int n = unzReadCurrentFile(zf, buf, XLSX_CHUNK);
        if (n < 0) {
            xlsx_corrupt(e, name, "无法解压 (cannot inflate)");
            goto out;
        }
        if (XML_ParseBuffer(p, n, n == 0) != XML_STATUS_OK) {
            if (!b->failed) {
                char why[160];
                snprintf(why, sizeof why, "第 %lu 行 XML 错误 (XML line %lu: %s)",
                         (unsigned long)XML_GetCurrentLineNumber(p),
                         (unsigned long)XML_GetCurrentLineNumber(p),
                         XML_ErrorString(XML_GetErrorCode(p)));
                xlsx_corrupt(e, name, why);
            }
            goto out;
        }
        if (n == 0)
            break;
        inflated += (size_t)n;
        if (inflated > XLSX_MAX_PART_BYTES) {
            err_set(e, ERR_TOO_LARGE, "XLSX 文件解压后过大 (XLSX part %s inflates too far)", name);
            goto out;
        }
        /* Every 64 KiB: markup that is no row (or rows no one reads) must
         * not run past the deadline either. */
        if (table_limits_check_time(lim, e) != 0)
            goto out;
    }
    open = false;
    if (unzCloseCurrentFile(zf) != UNZ_OK) { /* CRC mismatch */
        xlsx_corrupt(e, name, "校验失败 (CRC error)");
        goto out;
    }
    rc = 0;
out:
    if (open)
        unzCloseCurrentFile(zf);
    if (p)
        XML_ParserFree(p);
    return rc;
}

/* "_xHHHH_" at s (n bytes left) → the code unit in *cu. */
static bool ooxml_escape_at(const char *s, size_t n, unsigned *cu)
{
    if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
        return false;
    unsigned v = 0;
    for (int i = 2; i < 6; i++) {
        char ch = s[i];
        unsigned d = ch >= '0' && ch <= '9'   ? (unsigned)(ch - '0')
                     : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10)
                     : ch >= 'A' && ch <= 'F' ? (unsigned)(ch - 'A' + 10)
                                              : 16u;
        if (d == 16)
            return false;
        v = v << 4 | d;
    }
    *cu = v;
    return true;
}

/* Decode OOXML's _xHHHH_ escapes (how Excel stores control characters,
 * e.g. _x000D_) in place; returns the new length, never longer. */
static size_t ooxml_unescape(char *s, size_t n)
{
    size_t r = 0, w = 0;
    while (r < n) {
        unsigned cp, lo;
        if (!ooxml_escape_at(s + r, n - r, &cp)) {
            s[w++] = s[r++];
            continue;
        }
        r += 7;
        if (cp >= 0xD800 && cp <= 0xDBFF && ooxml_escape_at(s + r, n - r, &lo) && lo >= 0xDC00 &&
            lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            r += 7;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0xFFFD; /* a lone surrogate */
        if (cp == 0)
            continue; /* cells are C strings */
        if (cp < 0x80) {
            s[w++] = (char)cp;
        } else if (cp < 0x800) {
            s[w++] = (char)(0xC0 | cp >> 6);
            s[w++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s[w++] = (char)(0xE0 | cp >> 12);
            s[w++] = (char)(0x80 | (cp >> 6 & 0x3F));
            s[w++] = (char)(0x80 | (cp & 0x3F));
        } else {
            s[w++] = (char)(0xF0 | cp >> 18);
            s[w++] = (char)(0x80 | (cp >> 12 & 0x3F));
            s[w++] = (char)(0x80 | (cp >> 6 & 0x3F));
            s[w++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    return w;
}

/* ---- workbook and its relationships ------------------------------------ */

typedef struct {
    xml_base b;
    char *rid;       /* r:id of the first visible sheet */
    char *first_rid; /* r:id of the first sheet, in case all are hidden */
    bool date1904;
} wb_ctx;

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    wb_ctx *c = ud;
    const char *n = lname(name);
    if (strcmp(n, "sheet") == 0) {
        const char *id = xml_attr(atts, "id"), *state = xml_attr(atts, "state");
        if (!id)
            return;
        if (!c->first_rid)
            c->first_rid = xstrdup(id);
        if (!c->rid && (!state || strcmp(state, "visible") == 0))
            c->rid = xstrdup(id);
    } else if (strcmp(n, "workbookPr") == 0) {
        const char *v = xml_attr(atts, "date1904");
        c->date1904 = v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
    }
}

typedef struct {
    xml_base b;
    const char *want; /* the sheet's r:id */
    char *sheet, *sst, *styles;
} rels_ctx;

/* A relationship target is relative to xl/ unless it starts with '/'. */
static char *rels_path(const char *target)
{
    if (target[0] == '/')
        return xstrdup(target + 1);
    if (strncmp(target, "./", 2) == 0)
        target += 2;
    return xasprintf("xl/%s", target);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    rels_ctx *c = ud;
    if (strcmp(lname(name), "Relationship") != 0)
        return;
    const char *id = xml_attr(atts, "Id"), *target = xml_attr(atts, "Target");
    const char *type = xml_attr(atts, "Type"), *mode = xml_attr(atts, "TargetMode");
    if (!target || (mode && strcmp(mode, "External") == 0))
        return;
    if (c->want && id && strcmp(id, c->want) == 0 && !c->sheet)
        c->sheet = rels_path(target);
    else if (type && ends_with(type, "/sharedStrings") && !c->sst)
        c->sst = rels_path(target);
    else if (type && ends_with(type, "/styles") && !c->styles)
        c->styles = rels_path(target);
}

/* ---- shared strings ----------------------------------------------------- */

typedef struct {
    xml_base b;
    buf_t text;  /* every string NUL-terminated, back to back */
    size_t *off; /* where string i starts */
    size_t n, cap;
    bool in_si, in_t;
    int rph;      /* depth inside <rPh> (phonetic runs: not cell text) */
    size_t start; /* of the <si> being read */
} sst_ctx;

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    sst_ctx *c = ud;
    const char *n = lname(name);
    if (c->b.failed)
        return;
    if (strcmp(n, "si") == 0) {
        c->in_si = true;
        c->start = c->text.len;
    } else if (strcmp(n, "t") == 0) {
        c->in_t = c->in_si && c->rph == 0;
    } else if (strcmp(n, "rPh") == 0) {
        c->rph++;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    sst_ctx *c = ud;
    const char *n = lname(name);
    if (c->b.failed)
        return;
    if (strcmp(n, "t") == 0) {
        c->in_t = false;
    } else if (strcmp(n, "rPh") == 0) {
        c->rph--;
    } else if (strcmp(n, "si") == 0 && c->in_si) {
        c->in_si = false;
        /* An empty <si/> is 5 bytes of XML (next to nothing zipped) but
         * costs an offset and a NUL here: entries are bounded as well as
         * text, and the memory is counted, not the text alone. */
        if (c->n >= TABLE_MAX_SST_STRINGS ||
            c->text.len + 1 + (c->n + 1) * sizeof *c->off > TABLE_MAX_SST_BYTES) {
            err_set(c->b.e, ERR_TOO_LARGE,
                    "XLSX 共享字符串超过上限（%u 条或 %u MiB），请拆分文件 (XLSX shared strings "
                    "exceed %u entries or %u MiB; split the file)",
                    TABLE_MAX_SST_STRINGS, TABLE_MAX_SST_BYTES >> 20, TABLE_MAX_SST_STRINGS,
                    TABLE_MAX_SST_BYTES >> 20);
            xml_fail(&c->b);
            return;
        }
        c->text.len = c->start + ooxml_unescape(c->text.data + c->start, c->text.len - c->start);
        buf_append(&c->text, "", 1);
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 1024;
            c->off = xrealloc(c->off, c->cap * sizeof *c->off);
        }
        c->off[c->n++] = c->start;
    }
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
    sst_ctx *c = ud;
    if (c->b.failed || !c->in_t)
        return;
    if (c->text.len + (size_t)len + c->n * sizeof *c->off > TABLE_MAX_SST_BYTES) {
        err_set(c->b.e, ERR_TOO_LARGE,
                "XLSX 共享字符串超过 %u MiB 上限，请拆分文件 (XLSX shared strings exceed %u MiB; "
                "split the file)",
                TABLE_MAX_SST_BYTES >> 20, TABLE_MAX_SST_BYTES >> 20);
        xml_fail(&c->b);
        return;
    }
    buf_append(&c->text, s, (size_t)len);
}

/* ---- styles: which cell formats show dates ---------------------------- */

typedef enum { XF_NUMBER, XF_DATE, XF_DATETIME, XF_TIME } xf_kind;

/* What a number format code shows.  Literal text ("..", \x), fill and
 * padding (*x, _x) and bracketed parts ([Red], [$-804], [h]) are skipped;
 * then y/d, or m without h/s, mean a date; h/s (with m as minutes) a
 * time of day; an elapsed [h]/[m]/[s] is a duration, shown as a number. */
static xf_kind xf_kind_of_code(const char *code)
{
    bool y = false, m = false, d = false, h = false, s = false, elapsed = false;
    for (const char *p = code; *p && *p != ';'; p++) {
        switch (*p) {
        case '"':
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
            continue;
        case '\\':
        case '_':
        case '*':
            if (p[1])
                p++;
            continue;
        case '[': {
            const char *q = strchr(p, ']');
            if (!q)
                return XF_NUMBER;
            if (q - p > 1 && strspn(p + 1, "hHmMsS") == (size_t)(q - p - 1))
                elapsed = true;
            p = q;
            continue;
        }
        case 'y':
        case 'Y':
            y = true;
            break;
        case 'm':
        case 'M':
            m = true;
            break;
        case 'd':
        case 'D':
            d = true;
            break;
        case 'h':
        case 'H':
            h = true;
            break;
        case 's':
        case 'S':
            s = true;
            break;
        default:
            break;
        }
    }
    if (strncasecmp(code, "General", 7) == 0)
        return XF_NUMBER;
    if (y || d || (m && !h && !s))
        return (h || s) ? XF_DATETIME : XF_DATE;
    if (elapsed)
        return XF_NUMBER;
    if (h || s)
        return XF_TIME;
    return XF_NUMBER;
}

static xf_kind xf_kind_of_builtin(unsigned id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
        id == 57 || id == 58)
        return XF_DATE;
    if (id == 22)
        return XF_DATETIME;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || id == 45 || id == 47 || id == 55 ||
        id == 56)
        return XF_TIME;
    return XF_NUMBER; /* 46 ([h]:mm:ss) is a duration */
}

typedef struct {
    xml_base b;
    struct {
        unsigned id;
        xf_kind kind;
    } * fmt; /* custom <numFmt>s */
    size_t nfmt, fmt_cap;
    unsigned *xf; /* numFmtId of each cellXfs entry */
    size_t nxf, xf_cap;
    bool in_cellxfs;
} sty_ctx;

static void XMLCALL sty_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sty_ctx *c = ud;
    const char *n = lname(name);
    if (strcmp(n, "numFmt") == 0) {
        const char *id = xml_attr(atts, "numFmtId"), *code = xml_attr(atts, "formatCode");
        if (!id || !code)
            return;
        if (c->nfmt == c->fmt_cap) {
            c->fmt_cap = c->fmt_cap ? c->fmt_cap * 2 : 16;
            c->fmt = xrealloc(c->fmt, c->fmt_cap * sizeof *c->fmt);
        }
        c->fmt[c->nfmt].id = (unsigned)strtoul(id, NULL, 10);
        c->fmt[c->nfmt++].kind = xf_kind_of_code(code);
    } else if (strcmp(n, "cellXfs") == 0) {
        c->in_cellxfs = true;
    } else if (strcmp(n, "xf") == 0 && c->in_cellxfs) {
        const char *id = xml_attr(atts, "numFmtId");
        if (c->nxf == c->xf_cap) {
            c->xf_cap = c->xf_cap ? c->xf_cap * 2 : 64;
            c->xf = xrealloc(c->xf, c->xf_cap * sizeof *c->xf);
        }
        c->xf[c->nxf++] = id ? (unsigned)strtoul(id, NULL, 10) : 0;
    }
}

static void XMLCALL sty_end(void *ud, const XML_Char *name)
{
    sty_ctx *c = ud;
    if (strcmp(lname(name), "cellXfs") == 0)
        c->in_cellxfs = false;
}

/* ---- the sheet -------------------------------------------------------- */

typedef enum {
    CELL_NUMBER,
    CELL_SHARED,
    CELL_INLINE,
    CELL_STR,
    CELL_BOOL,
    CELL_ERROR,
    CELL_DATE
} cell_type;

typedef struct {
    xml_base b;
    /* from the other parts */
    const sst_ctx *sst;
    const xf_kind *xf;
    size_t nxf;
    bool date1904;
    /* delivery */
    table_emit em;
    table_progress_fn on_progress;
    void *ctx;
    size_t total_rows, next_progress;
    /* the row being read */
    bool in_row;
    size_t row_no, next_col;
    buf_t text; /* its cells' text, NUL-terminated */
    struct {
        size_t col, off;
    } * cell;
    size_t ncell, cell_cap;
    /* the cell being read */
    bool in_cell, in_v, in_is, in_t;
    int rph;
    cell_type type;
    unsigned style;
    size_t col;
    buf_t val;
} sheet_ctx;

/* "C5" → column 2; false if r holds no column letters. */
static bool ref_col(const char *r, size_t *col)
{
    size_t c = 0, n = 0;
    for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++, n++) {
        if (n == 3)
            return false;
        c = c * 26 + (size_t)((*r | 0x20) - 'a' + 1);
    }
    if (n == 0)
        return false;
    *col = c - 1;
    return true;
}

/* Days since 1970-01-01 → civil date (H. Hinnant's algorithm). */
static void civil_from_days(long long z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void put_clock(buf_t *out, long long sod)
{
    if (sod % 60)
        buf_printf(out, "%02lld:%02lld:%02lld", sod / 3600, sod / 60 % 60, sod % 60);
    else
        buf_printf(out, "%02lld:%02lld", sod / 3600, sod / 60 % 60);
}

/* A numeric cell as Excel would show it in its format's kind. */
static void put_number(buf_t *out, const char *raw, xf_kind kind, bool date1904)
{
    char *end;
    double v = strtod(raw, &end);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    if (end == raw || *end || !isfinite(v)) {
        buf_puts(out, raw); /* not a number after all: keep the text */
        return;
    }
    if (kind != XF_NUMBER && v >= 0 && v < 2958466.0) { /* up to 9999-12-31 */
        /* to the millisecond, as Excel keeps them; shown seconds are cut */
        long long ms = llround(v * 86400000.0), days = ms / 86400000;
        long long sod = ms % 86400000 / 1000;
        if (kind == XF_TIME) {
            put_clock(out, sod);
            return;
        }
        /* 1900 system: serial 1 is 1900-01-01 and Excel counts a 29 Feb
         * 1900 (serial 60) that never was, so from 61 on the epoch is
         * 1899-12-30. */
        long long unix_days = date1904 ? days - 24107 : days < 60 ? days - 25568 : days - 25569;
        int y;
        unsigned m, d;
        civil_from_days(unix_days, &y, &m, &d);
        buf_printf(out, "%04d-%02u-%02u", y, m, d);
        if (kind == XF_DATETIME && sod) {
            buf_append(out, " ", 1);
            put_clock(out, sod);
        }
        return;
    }
    v += 0.0; /* -0 becomes 0: no "-0" */
    if (v == floor(v) && fabs(v) < 1e15)
        buf_printf(out, "%.0f", v);
    else
        buf_printf(out, "%.15g", v);
}

static void sheet_fail(sheet_ctx *c, err_code code, const char *zh, const char *en)
{
    err_set(c->b.e, code, "第 %zu 行：%s (row %zu: %s)", c->row_no, zh, c->row_no, en);
    xml_fail(&c->b);
}

/* Append the finished cell's display text to the row. */
static void sheet_cell_done(sheet_ctx *c)
{
    buf_t *o = &c->text;
    char *raw = c->val.data;
    size_t off = o->len;

    switch (c->type) {
    case CELL_SHARED: {
        if (!raw[0])
            break; /* typed but empty */
        char *end;
        unsigned long i = strtoul(raw, &end, 10);
        if (end == raw || !c->sst || i >= c->sst->n) {
            sheet_fail(c, ERR_BAD_REQUEST, "共享字符串编号无效，文件已损坏",
                       "bad shared string index; corrupt file");
            return;
        }
        buf_puts(o, c->sst->text.data + c->sst->off[i]);
        break;
    }
    case CELL_INLINE:
    case CELL_STR:
        buf_append(o, raw, ooxml_unescape(raw, c->val.len));
        break;
    case CELL_BOOL:
        if (raw[0])
            buf_puts(o, strcmp(raw, "0") == 0 ? "FALSE" : "TRUE");
        break;
    case CELL_DATE: /* ISO 8601; drop a midnight time */
        if (c->val.len > 10 && raw[10] == 'T' && strspn(raw + 11, "0:.Z") == c->val.len - 11)
            raw[10] = '\0';
        buf_puts(o, raw);
        break;
    case CELL_ERROR:
        buf_puts(o, raw);
        break;
    case CELL_NUMBER:
        if (raw[0])
            put_number(o, raw, c->style < c->nxf ? c->xf[c->style] : XF_NUMBER, c->date1904);
        break;
    }
    buf_append(o, "", 1);
    if (c->ncell >= XLSX_MAX_COLS || o->len > XLSX_MAX_ROW_BYTES) {
        sheet_fail(c, ERR_TOO_LARGE, "单元格过多或内容过长", "too many cells or too much text");
        return;
    }
    if (c->ncell == c->cell_cap) {
        c->cell_cap = c->cell_cap ? c->cell_cap * 2 : 64;
        c->cell = xrealloc(c->cell, c->cell_cap * sizeof *c->cell);
    }
    c->cell[c->ncell].col = c->col;
    c->cell[c->ncell++].off = off;
}

static void sheet_row_done(sheet_ctx *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->ncell; i++)
        if (c->cell[i].col + 1 > n)
            n = c->cell[i].col + 1;
    char **cells = table_emit_cells(&c->em, n);
    for (size_t i = 0; i < n; i++)
        cells[i] = c->em.pad;
    for (size_t i = 0; i < c->ncell; i++)
        cells[c->cell[i].col] = c->text.data + c->cell[i].off;
    if (table_emit_row(&c->em, c->row_no, n, c->b.e) < 0) {
        xml_fail(&c->b);
        return;
    }
    if (c->on_progress && c->row_no >= c->next_progress) {
        c->on_progress(c->ctx, c->row_no, c->total_rows > c->row_no ? c->total_rows : c->row_no);
        c->next_progress = c->row_no + XLSX_PROGRESS_ROWS;
    }
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sheet_ctx *c = ud;
    const char *n = lname(name);
    if (c->b.failed)
        return;
    if (c->in_cell) {
        if (strcmp(n, "v") == 0)
            c->in_v = true;
        else if (strcmp(n, "is") == 0)
            c->in_is = true;
        else if (strcmp(n, "t") == 0)
            c->in_t = c->in_is && c->rph == 0;
        else if (strcmp(n, "rPh") == 0)
            c->rph++;
    } else if (strcmp(n, "c") == 0 && c->in_row) {
        const char *r = xml_attr(atts, "r"), *t = xml_attr(atts, "t"), *s = xml_attr(atts, "s");
        if (!r || !ref_col(r, &c->col))
            c->col = c->next_col;
        if (c->col >= XLSX_MAX_COLS) {
            sheet_fail(c, ERR_BAD_REQUEST, "列号超出 XFD", "column beyond XFD");
            return;
        }
        c->next_col = c->col + 1;
        c->type = !t || strcmp(t, "n") == 0     ? CELL_NUMBER
                  : strcmp(t, "s") == 0         ? CELL_SHARED
                  : strcmp(t, "inlineStr") == 0 ? CELL_INLINE
                  : strcmp(t, "b") == 0         ? CELL_BOOL
                  : strcmp(t, "e") == 0         ? CELL_ERROR
                  : strcmp(t, "d") == 0         ? CELL_DATE
                                                : CELL_STR;
        c->style = s ? (unsigned)strtoul(s, NULL, 10) : 0;
        c->val.len = 0;
        c->val.data[0] = '\0';
        c->in_cell = true;
        c->in_v = c->in_is = c->in_t = false;
        c->rph = 0;
    } else if (strcmp(n, "row") == 0) {
        /* A row number is 1..1048576 (Excel's last row); anything else is
         * a broken or crafted file, said so plainly (a number that
         * overflowed once came out as "line -1"). */
        const char *r = xml_attr(atts, "r");
        size_t digits = r ? strspn(r, "0123456789") : 0;
        unsigned long long no = 0;
        if (r && (digits == 0 || r[digits] || digits > 7 || (no = strtoull(r, NULL, 10)) == 0 ||
                  no > TABLE_MAX_ROWS)) {
            err_set(c->b.e, ERR_BAD_REQUEST,
                    "XLSX 行号“%.20s”无效，应为 1 到 %u (XLSX row number \"%.20s\" is not "
                    "1..%u; corrupt file)",
                    r, TABLE_MAX_ROWS, r, TABLE_MAX_ROWS);
            xml_fail(&c->b);
            return;
        }
        if (!r && c->row_no >= TABLE_MAX_ROWS) {
            err_set(c->b.e, ERR_TOO_LARGE,
                    "XLSX 超过 %u 行 (XLSX: more than %u rows; Excel's last row)", TABLE_MAX_ROWS,
                    TABLE_MAX_ROWS);
            xml_fail(&c->b);
            return;
        }
        c->row_no = r ? (size_t)no : c->row_no + 1;
        c->in_row = true;
        c->next_col = 0;
        c->ncell = 0;
        c->text.len = 0;
    } else if (strcmp(n, "dimension") == 0) {
        const char *ref = xml_attr(atts, "ref"), *colon = ref ? strchr(ref, ':') : NULL;
        const char *last = colon ? colon + 1 : ref;
        if (last)
            c->total_rows = strtoul(last + strspn(last, "ABCDEFGHIJKLMNOPQRSTUVWXYZ$"), NULL, 10);
    }
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    sheet_ctx *c = ud;
    const char *n = lname(name);
    if (c->b.failed)
        return;
    if (c->in_cell) {
        if (strcmp(n, "c") == 0) {
            c->in_cell = false;
            sheet_cell_done(c);
        } else if (strcmp(n, "v") == 0) {
            c->in_v = false;
        } else if (strcmp(n, "t") == 0) {
            c->in_t = false;
        } else if (strcmp(n, "is") == 0) {
            c->in_is = false;
        } else if (strcmp(n, "rPh") == 0) {
            c->rph--;
        }
    } else if (strcmp(n, "row") == 0 && c->in_row) {
        c->in_row = false;
        sheet_row_done(c);
    }
}

static void XMLCALL sheet_text(void *ud, const XML_Char *s, int len)
{
    sheet_ctx *c = ud;
    if (c->b.failed || !(c->in_v || c->in_t))
        return;
    if (c->val.len + (size_t)len > XLSX_MAX_CELL_BYTES) {
        sheet_fail(c, ERR_TOO_LARGE, "单元格内容过长", "cell text too long");
        return;
    }
    buf_append(&c->val, s, (size_t)len);
}

/* ---- reading, all together -------------------------------------------- */

int table_xlsx_read(const void *data, size_t len, const table_limits *lim, table_row_fn on_row,
                    table_progress_fn on_progress, void *ctx, err_t *e)
{
    memzip mz = {data, len, 0};
    zlib_filefunc64_def io = {mz_open, mz_read,  mz_write, mz_tell,
                              mz_seek, mz_close, mz_error, &mz};
    wb_ctx wb = {0};
    rels_ctx rels = {0};
    sst_ctx sst = {0};
    sty_ctx sty = {0};
    sheet_ctx sh = {0};
    xf_kind *xf = NULL;
    bool have_sst = false;
    int rc = -1, r;
    unzFile zf = unzOpen2_64("memory.xlsx", &io);

    if (!zf) {
        err_set(e, ERR_BAD_REQUEST, "文件不是有效的 XLSX 工作簿 (not a valid XLSX workbook)");
        goto out;
    }
    if (xlsx_parse_part(zf, "xl/workbook.xml", lim, &wb.b, wb_start, NULL, NULL, e) < 0)
        goto out;
    rels.want = wb.rid ? wb.rid : wb.first_rid;
    if (xlsx_parse_part(zf, "xl/_rels/workbook.xml.rels", lim, &rels.b, rels_start, NULL, NULL, e) <
        0)
        goto out;

    buf_init(&sst.text);
    r = xlsx_parse_part(zf, rels.sst ? rels.sst : "xl/sharedStrings.xml", lim, &sst.b, sst_start,
                        sst_end, sst_text, e);
    if (r < 0)
        goto out;
    have_sst = r == 0;

    r = xlsx_parse_part(zf, rels.styles ? rels.styles : "xl/styles.xml", lim, &sty.b, sty_start,
                        sty_end, NULL, e);
    if (r < 0)
        goto out;
    xf = xcalloc(sty.nxf ? sty.nxf : 1, sizeof *xf);
    for (size_t i = 0; i < sty.nxf; i++) {
        xf[i] = xf_kind_of_builtin(sty.xf[i]);
        for (size_t k = 0; k < sty.nfmt; k++)
            if (sty.fmt[k].id == sty.xf[i])
                xf[i] = sty.fmt[k].kind;
    }

    sh.sst = have_sst ? &sst : NULL;
    sh.xf = xf;
    sh.nxf = sty.nxf;
    sh.date1904 = wb.date1904;
    sh.on_progress = on_progress;
    sh.ctx = ctx;
    sh.next_progress = XLSX_PROGRESS_ROWS;
    table_emit_init(&sh.em, lim, on_row, ctx);
    buf_init(&sh.text);
    buf_init(&sh.val);
    r = 1;
    if (rels.sheet)
        r = xlsx_parse_part(zf, rels.sheet, lim, &sh.b, sheet_start, sheet_end, sheet_text, e);
    if (r == 1)
        r = xlsx_parse_part(zf, "xl/worksheets/sheet1.xml", lim, &sh.b, sheet_start, sheet_end,
                            sheet_text, e);
    if (r == 1)
        err_set(e, ERR_BAD_REQUEST, "XLSX 中找不到工作表 (no worksheet in the XLSX)");
    if (r != 0)
        goto out;
    if (on_progress)
        on_progress(ctx, sh.row_no, sh.row_no);
    rc = 0;
out:
    if (zf)
        unzClose(zf);
    free(wb.rid);
    free(wb.first_rid);
    free(rels.sheet);
    free(rels.sst);
    free(rels.styles);
    buf_free(&sst.text);
    free(sst.off);
    free(sty.fmt);
    free(sty.xf);
    free(xf);
    table_emit_free(&sh.em);
    buf_free(&sh.text);
    buf_free(&sh.val);
    free(sh.cell);
    return rc;
}

/* ---- writing ---------------------------------------------------------- */

/* Excel's rules for a sheet name: at most 31 characters (UTF-16 units),
 * none of []:*?/\, not starting or ending with ', not "History". */
static char *xlsx_sheet_name(const char *in)
{
    buf_t b;
    size_t units = 0;
    buf_init(&b);
    in += strspn(in, "'");
    for (const unsigned char *p = (const unsigned char *)in; *p;) {
        size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        size_t u = n == 4 ? 2 : 1;
        if (strnlen((const char *)p, n) < n || units + u > 31)
            break;
        if (n == 1 && (strchr("[]:*?/\\", *p) || *p < 0x20))
            buf_append(&b, "_", 1);
        else
            buf_append(&b, p, n);
        units += u;
        p += n;
    }
    while (b.len > 0 && b.data[b.len - 1] == '\'')
        b.data[--b.len] = '\0';
    char *name = xstrdup(b.data);
    buf_free(&b);
    if (!*name || strcasecmp(name, "History") == 0) {
        char *alt = *name ? xasprintf("%s_", name) : xstrdup("Sheet1");
        free(name);
        name = alt;
    }
    return name;
}

/* Roughly how many Latin columns a line of text needs. */
static size_t text_width(const char *s)
{
    size_t w = 0, best = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n') {
            w = 0;
            continue;
        }
        if ((*p & 0xC0) == 0x80)
            continue;            /* continuation byte */
        w += *p >= 0xE3 ? 2 : 1; /* U+3000 on: CJK, full width */
        if (w > best)
            best = w;
    }
    return best;
}

/* The hidden sheet long drop-down lists live on. */
#define XLSX_LISTS_SHEET "选项"
/* Excel's limit on a list validation written inline. */
#define XLSX_LIST_INLINE 255

/* Whether a list can be written inline: its items joined by commas fit
 * (counted in bytes, which is safe whichever way a reader counts) and
 * none holds a comma or a quote. */
static bool list_inline(const table_choices *c)
{
    size_t len = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (strpbrk(c->items[i], ",\""))
            return false;
        len += strlen(c->items[i]) + (i > 0);
    }
    return c->n > 0 && len <= XLSX_LIST_INLINE;
}

/* "A" … "Z", "AA" …: the letters of 0-based column c. */
static void col_letters(size_t c, char out[8])
{
    char tmp[8];
    size_t n = 0;
    do {
        tmp[n++] = (char)('A' + c % 26);
        c = c / 26;
    } while (c-- > 0 && n < 7);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

typedef struct {
    lxw_format *head, *head_required, *text, *number, *date;
} xlsx_formats;

/* One sheet's cells, widths, header, filter and lists.  *lists counts the
 * columns used so far on the hidden list sheet (created on first need). */
static lxw_error write_sheet(lxw_workbook *wb, lxw_worksheet *ws, const table_sheet *sh,
                             const xlsx_formats *fm, lxw_worksheet **lists, size_t *nlists)
{
    const table_grid *g = &sh->grid;
    lxw_error lerr = LXW_NO_ERROR;
    size_t ncols = 0;
    for (size_t r = 0; r < g->nrow; r++) {
        size_t n = (r + 1 < g->nrow ? g->row[r + 1] : g->ncell) - g->row[r];
        if (n > ncols)
            ncols = n;
    }
    size_t *width = xcalloc(ncols ? ncols : 1, sizeof *width);
    unsigned char *coltype = xcalloc(ncols ? ncols : 1, 1);
    bool *typed = xcalloc(ncols ? ncols : 1, sizeof *typed);
    char *clip = NULL;
    for (size_t r = 0; r < g->nrow && lerr == LXW_NO_ERROR; r++) {
        size_t first = g->row[r], last = r + 1 < g->nrow ? g->row[r + 1] : g->ncell;
        for (size_t i = first; i < last && lerr == LXW_NO_ERROR; i++) {
            const char *s = g->text.data + g->cell[i];
            size_t len = strlen(s), col = i - first;
            table_type type = r == 0 ? TABLE_TEXT : (table_type)g->type[i];
            if (r > 0 && !typed[col]) {
                typed[col] = true;
                coltype[col] = (unsigned char)type;
            }
            if (len > XLSX_STR_MAX) { /* cut at a character boundary */
                size_t cut = XLSX_STR_MAX;
                while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
                    cut--;
                free(clip);
                clip = xstrndup(s, cut);
                s = clip;
            }
            size_t w = text_width(s);
            if (w > width[col])
                width[col] = w;
            if (!*s)
                continue;
            double num;
            int y, m, d;
            if (type == TABLE_NUMBER && table_number_cell(s, &num)) {
                lerr = worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)col, num, fm->number);
            } else if (type == TABLE_DATE && table_date_cell(s, &y, &m, &d)) {
                lxw_datetime dt = {y, m, d, 0, 0, 0};
                lerr = worksheet_write_datetime(ws, (lxw_row_t)r, (lxw_col_t)col, &dt, fm->date);
            } else {
                lxw_format *f = fm->text;
                if (r == 0) {
                    f = fm->head;
                    for (size_t k = 0; k < sh->nrequired; k++)
                        if (sh->required[k] == col)
                            f = fm->head_required;
                }
                lerr = worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)col, s, f);
            }
        }
    }
    for (size_t c = 0; c < ncols && lerr == LXW_NO_ERROR; c++) {
        double w = (double)width[c] + 2;
        lxw_format *f = coltype[c] == TABLE_NUMBER ? fm->number
                        : coltype[c] == TABLE_DATE ? fm->date
                                                   : fm->text;
        lerr = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w < 8 ? 8 : w > 60 ? 60 : w, f);
    }
    if (g->nrow > 0 && ncols > 0 && lerr == LXW_NO_ERROR) {
        worksheet_freeze_panes(ws, 1, 0);
        lerr = worksheet_autofilter(ws, 0, 0, (lxw_row_t)(g->nrow - 1), (lxw_col_t)(ncols - 1));
    }
    for (size_t k = 0; k < sh->nchoices && lerr == LXW_NO_ERROR; k++) {
        const table_choices *c = &sh->choices[k];
        if (c->n == 0 || c->col >= LXW_COL_MAX)
            continue;
        lxw_data_validation v;
        memset(&v, 0, sizeof v);
        v.show_error = LXW_VALIDATION_ON;
        v.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
        v.error_title = "不在列表中 (not in the list)";
        v.error_message = "请从下拉列表中选择 (choose a value from the drop-down list)";
        char *formula = NULL;
        const char **items = NULL;
        if (list_inline(c)) {
            items = xcalloc(c->n + 1, sizeof *items);
            for (size_t i = 0; i < c->n; i++)
                items[i] = c->items[i];
            v.validate = LXW_VALIDATION_TYPE_LIST;
            v.value_list = (char **)items;
        } else {
            if (!*lists)
                *lists = workbook_add_worksheet(wb, XLSX_LISTS_SHEET);
            if (!*lists) {
                lerr = LXW_ERROR_MEMORY_MALLOC_FAILED;
                break;
            }
            size_t lc = (*nlists)++;
            for (size_t i = 0; i < c->n && lerr == LXW_NO_ERROR; i++)
                lerr = worksheet_write_string(*lists, (lxw_row_t)i, (lxw_col_t)lc, c->items[i],
                                              fm->text);
            char letters[8];
            col_letters(lc, letters);
            formula = xasprintf("='" XLSX_LISTS_SHEET "'!$%s$1:$%s$%zu", letters, letters, c->n);
            v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
            v.value_formula = formula;
        }
        if (lerr == LXW_NO_ERROR)
            lerr = worksheet_data_validation_range(ws, 1, (lxw_col_t)c->col, LXW_ROW_MAX - 1,
                                                   (lxw_col_t)c->col, &v);
        free(items);
        free(formula);
    }
    free(clip);
    free(width);
    free(coltype);
    free(typed);
    return lerr;
}

int table_xlsx_write(const table_sheet *sheets, size_t nsheets, buf_t *out, err_t *e)
{
    const char *env = getenv("TMPDIR");
    char *dir = xstrdup(env && *env ? env : "/tmp");
    char *path = xasprintf("%s/chanjiao-xlsx-XXXXXX", dir);
    lxw_workbook *wb = NULL;
    lxw_error lerr = LXW_NO_ERROR;
    size_t out_len = out->data ? out->len : 0;
    int rc = -1, fd = -1;

    for (size_t k = 0; k < nsheets; k++) {
        const table_grid *g = &sheets[k].grid;
        if (g->nrow > LXW_ROW_MAX) {
            err_set(e, ERR_TOO_LARGE, "超过 XLSX 最大行数 %u (more than %u rows: the XLSX limit)",
                    LXW_ROW_MAX, LXW_ROW_MAX);
            goto out;
        }
        for (size_t r = 0; r < g->nrow; r++)
            if ((r + 1 < g->nrow ? g->row[r + 1] : g->ncell) - g->row[r] > LXW_COL_MAX) {
                err_set(e, ERR_TOO_LARGE,
                        "超过 XLSX 最大列数 %u (more than %u columns: the XLSX limit)", LXW_COL_MAX,
                        LXW_COL_MAX);
                goto out;
            }
    }
    fd = mkstemp(path);
    if (fd < 0) {
        err_set(e, ERR_INTERNAL, "无法创建临时文件 (cannot create temp file: %s)", strerror(errno));
        goto out;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = dir};
    wb = workbook_new_opt(path, &opt);
    if (!wb) {
        err_set(e, ERR_INTERNAL, "无法创建 XLSX (cannot create the XLSX workbook)");
        goto out;
    }
    /* A fixed creation time (1980-01-01, the date libxlsxwriter gives the
     * zip's entries), not the clock's: the same rows are then the same
     * bytes — through two servers, a replica or a copied database (issue
     * 13 compares every read byte for byte), and under one ETag. */
    lxw_doc_properties props = {.created = 315532800};
    workbook_set_properties(wb, &props);
    xlsx_formats fm = {workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
                       workbook_add_format(wb), workbook_add_format(wb)};
    if (!fm.head || !fm.head_required || !fm.text || !fm.number || !fm.date) {
        err_set(e, ERR_INTERNAL, "无法创建 XLSX 格式 (cannot create the XLSX formats)");
        goto out;
    }
    format_set_bold(fm.head);
    format_set_num_format(fm.head, "@");
    format_set_bold(fm.head_required);
    format_set_font_color(fm.head_required, LXW_COLOR_RED);
    format_set_num_format(fm.head_required, "@");
    format_set_num_format(fm.text, "@");
    format_set_num_format(fm.date, "yyyy-mm-dd");
    lxw_worksheet *lists = NULL;
    size_t nlists = 0;
    for (size_t k = 0; k < nsheets && lerr == LXW_NO_ERROR; k++) {
        char *name = xlsx_sheet_name(sheets[k].name ? sheets[k].name : "");
        lxw_worksheet *ws =
            workbook_get_worksheet_by_name(wb, name) ? NULL : workbook_add_worksheet(wb, name);
        if (!ws)
            ws = workbook_add_worksheet(wb, NULL);
        free(name);
        if (!ws) {
            err_set(e, ERR_INTERNAL, "无法创建 XLSX 工作表 (cannot create the XLSX worksheet)");
            goto out;
        }
        lerr = write_sheet(wb, ws, &sheets[k], &fm, &lists, &nlists);
    }
    if (lists)
        worksheet_hide(lists);
    lxw_error cerr = workbook_close(wb); /* writes the file and frees wb */
    wb = NULL;
    if (lerr == LXW_NO_ERROR)
        lerr = cerr;
    if (lerr != LXW_NO_ERROR) {
        err_set(e, ERR_INTERNAL, "生成 XLSX 失败 (cannot write XLSX: %s)", lxw_strerror(lerr));
        goto out;
    }

    struct stat st;
    if (fstat(fd, &st) < 0) {
        err_set(e, ERR_INTERNAL, "无法读取临时文件 (temp file: %s)", strerror(errno));
        goto out;
    }
    size_t size = (size_t)st.st_size, done = 0;
    char chunk[65536];
    while (done < size) {
        ssize_t n = pread(fd, chunk, sizeof chunk, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            err_set(e, ERR_INTERNAL, "无法读取临时文件 (temp file: %s)",
                    n < 0 ? strerror(errno) : "short read");
            goto out;
        }
        buf_append(out, chunk, (size_t)n);
        done += (size_t)n;
    }
    rc = 0;
out:
    if (rc < 0 && out->data) { /* nothing half-written */
        out->len = out_len;
        out->data[out_len] = '\0';
    }
    if (wb)
        lxw_workbook_free(wb);
    if (fd >= 0) {
        unlink(path);
        close(fd);
    }
    free(dir);
    free(path);
    return rc;
}
