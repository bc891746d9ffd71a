/*
 * multipart.c — see multipart.h.  One pass over the body: find the first
 * delimiter line, then for each part its header block (up to a blank
 * line, at most MULTIPART_MAX_HEADER bytes) and its content (up to the
 * next CRLF + delimiter, found with memmem), until the closing "--".
 */
#include "http/multipart.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "http/http.h"

#define MULTIPART_MAX_HEADER 8192
#define FIELD_MAX_NAME 64
#define FIELD_MAX_VALUE 1024

static bool is_ws(char c)
{
    return c == ' ' || c == '\t';
}

/* The value of parameter name in a "type; a=b; c=\"d\"" header value, as
 * a span (quotes removed, escapes left as sent); false when absent. */
static bool header_param(const char *v, size_t n, const char *name, const char **out,
                         size_t *out_len)
{
    const char *p = memchr(v, ';', n), *end = v + n;
    size_t nl = strlen(name);
    while (p && p < end) {
        p++; /* past ';' */
        while (p < end && is_ws(*p))
            p++;
        const char *k = p;
        while (p < end && *p != '=' && *p != ';' && !is_ws(*p))
            p++;
        size_t kl = (size_t)(p - k);
        while (p < end && is_ws(*p))
            p++;
        if (p >= end || *p != '=') {
            p = memchr(p, ';', (size_t)(end - p));
            continue;
        }
        p++;
        while (p < end && is_ws(*p))
            p++;
        const char *val = p;
        size_t vl;
        if (p < end && *p == '"') {
            val = ++p;
            while (p < end && *p != '"')
                p += (*p == '\\' && p + 1 < end) ? 2 : 1;
            if (p >= end)
                return false; /* unterminated quote */
            vl = (size_t)(p - val);
            p++;
        } else {
            while (p < end && *p != ';' && !is_ws(*p))
                p++;
            vl = (size_t)(p - val);
        }
        if (kl == nl && strncasecmp(k, name, nl) == 0) {
            *out = val;
            *out_len = vl;
            return true;
        }
        p = p < end ? memchr(p, ';', (size_t)(end - p)) : NULL;
    }
    return false;
}

int multipart_boundary(const char *content_type, char boundary[MULTIPART_MAX_BOUNDARY + 1],
                       err_t *e)
{
    if (!content_type)
        return 0;
    size_t n = strlen(content_type);
    size_t t = strcspn(content_type, "; \t");
    if (t != 19 || strncasecmp(content_type, "multipart/form-data", 19) != 0)
        return 0;
    const char *b;
    size_t bl;
    if (!header_param(content_type, n, "boundary", &b, &bl) || bl == 0 ||
        bl > MULTIPART_MAX_BOUNDARY || memchr(b, '\\', bl) || memchr(b, '\0', bl)) {
        err_set(e, ERR_BAD_REQUEST,
                "multipart/form-data 缺少有效的 boundary (multipart/form-data without a valid "
                "boundary)");
        return -1;
    }
    memcpy(boundary, b, bl);
    boundary[bl] = '\0';
    return 1;
}

static int bad(err_t *e, const char *what)
{
    err_set(e, ERR_BAD_REQUEST, "表单格式错误 (malformed multipart/form-data): %s", what);
    return -1;
}

/* Read the header block [p, end) of one part into part. */
static int part_headers(const char *p, const char *end, multipart_part *part, err_t *e)
{
    bool disposition = false;
    while (p < end) {
        const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
        const char *le = eol ? eol : end;
        const char *colon = memchr(p, ':', (size_t)(le - p));
        if (!colon || colon == p)
            return bad(e, "部分头缺少名称 (part header without a name)");
        size_t hl = (size_t)(colon - p);
        const char *v = colon + 1;
        while (v < le && is_ws(*v))
            v++;
        size_t vl = (size_t)(le - v);
        while (vl && is_ws(v[vl - 1]))
            vl--;
        if (hl == 19 && strncasecmp(p, "Content-Disposition", 19) == 0) {
            size_t tl = 0;
            while (tl < vl && v[tl] != ';' && !is_ws(v[tl]))
                tl++;
            if (tl != 9 || strncasecmp(v, "form-data", 9) != 0)
                return bad(e, "部分的 Content-Disposition 不是 form-data (Content-Disposition is "
                              "not form-data)");
            if (!header_param(v, vl, "name", &part->name, &part->name_len) || !part->name_len)
                return bad(e, "部分缺少 name (a part has no name)");
            if (!header_param(v, vl, "filename", &part->filename, &part->filename_len))
                part->filename = NULL;
            disposition = true;
        } else if (hl == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
            part->content_type = v;
            part->content_type_len = vl;
        }
        p = eol ? eol + 2 : end;
    }
    if (!disposition)
        return bad(e, "部分缺少 Content-Disposition (a part has no Content-Disposition)");
    return 0;
}

int multipart_parse(const char *body, size_t len, const char *boundary,
                    multipart_part parts[MULTIPART_MAX_PARTS], err_t *e)
{
    char delim[MULTIPART_MAX_BOUNDARY + 5]; /* "\r\n--" boundary */
    size_t bl = strlen(boundary);
    if (bl == 0 || bl > MULTIPART_MAX_BOUNDARY)
        return bad(e, "boundary 无效 (bad boundary)");
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, bl);
    size_t dl = bl + 4;
    const char *end = body + len, *p;
    /* The first delimiter opens the body or follows a preamble's CRLF. */
    if (len >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0) {
        p = body + dl - 2;
    } else {
        const char *f = len ? memmem(body, len, delim, dl) : NULL;
        if (!f)
            return bad(e, "no boundary line (找不到分隔行)");
        p = f + dl;
    }
    int n = 0;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            break; /* the closing delimiter; the rest is epilogue */
        while (p < end && is_ws(*p))
            p++;
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return bad(e, "boundary line not ended by CRLF (分隔行后缺少换行)");
        p += 2;
        if (n == MULTIPART_MAX_PARTS)
            return bad(e, "部分过多 (too many parts)");
        multipart_part *part = &parts[n];
        memset(part, 0, sizeof *part);
        const char *hend;
        if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
            hend = p; /* no headers at all */
        else {
            size_t room = (size_t)(end - p);
            hend =
                memmem(p, room < MULTIPART_MAX_HEADER ? room : MULTIPART_MAX_HEADER, "\r\n\r\n", 4);
            if (!hend)
                return bad(e, "部分头未结束 (part headers not ended by a blank line)");
        }
        if (part_headers(p, hend, part, e) != 0)
            return -1;
        const char *data = hend + (hend == p ? 2 : 4);
        const char *next = memmem(data, (size_t)(end - data), delim, dl);
        if (!next)
            return bad(e,
                       "no closing boundary; the body is cut short (缺少结束分隔行，内容不完整)");
        part->data = data;
        part->len = (size_t)(next - data);
        n++;
        p = next + dl;
    }
    return n;
}

/* ---- the import's form --------------------------------------------------------- */

static bool has_nul(const char *s, size_t n)
{
    return memchr(s, '\0', n) != NULL;
}

/* Copy s (n bytes) into the arena at *at, NUL-terminated; returns it. */
static char *arena_put(char **at, const char *s, size_t n)
{
    char *out = *at;
    memcpy(out, s, n);
    out[n] = '\0';
    *at += n + 1;
    return out;
}

int http_form_upload(http_req *r)
{
    err_t e = ERR_INIT;
    char boundary[MULTIPART_MAX_BOUNDARY + 1];
    multipart_part parts[MULTIPART_MAX_PARTS];
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    int rc = multipart_boundary(ct, boundary, &e);
    if (rc == 0)
        return 0;
    int n = rc < 0 ? -1 : multipart_parse(r->body ? r->body : "", r->body_len, boundary, parts, &e);
    if (n < 0) {
        http_error(r, &e);
        return -1;
    }
    const multipart_part *file = NULL;
    size_t need = 64;
    for (int i = 0; i < n; i++) {
        const multipart_part *p = &parts[i];
        if (p->filename && !file) {
            file = p;
            need += p->filename_len + 1;
            continue;
        }
        if (p->filename)
            continue; /* a second file: only the first is imported */
        if (p->name_len > FIELD_MAX_NAME || p->len > FIELD_MAX_VALUE ||
            has_nul(p->name, p->name_len) || has_nul(p->data, p->len)) {
            http_fail(r, ERR_BAD_REQUEST,
                      "表单字段过长或含有 NUL (a form field is too long or holds a NUL byte): %.*s",
                      (int)(p->name_len < FIELD_MAX_NAME ? p->name_len : FIELD_MAX_NAME), p->name);
            return -1;
        }
        need += p->name_len + p->len + 2;
    }
    if (!file) {
        http_fail(r, ERR_BAD_REQUEST,
                  "表单中没有文件，请以 file 字段上传 CSV 或 XLSX (the form holds no file; send "
                  "the CSV or XLSX as a file field)");
        return -1;
    }
    /* Field strings live in r->form (libmicrohttpd keeps the pointers
     * until the request ends); the file's bytes move to the body's start. */
    char *at = r->form = xmalloc(need);
    for (int i = 0; i < n; i++) {
        const multipart_part *p = &parts[i];
        if (p->filename)
            continue;
        char *k = arena_put(&at, p->name, p->name_len);
        char *v = arena_put(&at, p->data, p->len);
        if (!http_query(r, k))
            MHD_set_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, k, v);
    }
    /* The name without a client's folders (C:\Users\… or a/b/). */
    const char *fn = file->filename;
    size_t fl = file->filename_len;
    for (size_t i = fl; i > 0; i--)
        if (fn[i - 1] == '/' || fn[i - 1] == '\\') {
            fn += i;
            fl -= i;
            break;
        }
    if (fl && !has_nul(fn, fl)) {
        char *name = arena_put(&at, fn, fl);
        if (!http_query(r, "filename"))
            MHD_set_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "filename", name);
        const char *dot = strrchr(name, '.');
        const char *fmt = !dot                        ? NULL
                          : !strcasecmp(dot, ".xlsx") ? "xlsx"
                          : !strcasecmp(dot, ".csv")  ? "csv"
                                                      : NULL;
        if (!fmt && file->content_type &&
            memmem(file->content_type, file->content_type_len, "spreadsheetml", 13))
            fmt = "xlsx";
        if (fmt && !http_query(r, "format"))
            MHD_set_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "format", fmt);
    }
    memmove(r->body, file->data, file->len);
    r->body_len = file->len;
    r->body[r->body_len] = '\0';
    return 0;
}
