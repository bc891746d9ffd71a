/*
 * reply.c — the answers every handler gives the same way: a domain call's
 * result (http_reply), a page of a list (http_page: the envelope the
 * entity lists, the audit log and search share), the ?format= of a list
 * or report (http_format), and a download (http_attachment,
 * http_download; http_list_download writes the rows of a described list).
 *
 * A record read or written answers its entity tag (http_reply_tagged:
 * ETag, from domain/record.c's record_etag) and a read whose
 * If-None-Match names it answers 304 with no body (http_not_modified).
 *
 * A download is named by Content-Disposition (RFC 6266).  An ASCII name is
 * sent as filename="…" alone; a name with other characters (a Chinese
 * title) gets an ASCII stand-in in filename="…" for old clients and the
 * real name in filename*=UTF-8''… (RFC 5987 percent-encoding), which
 * every current browser prefers.  Files are named in the reader's words:
 * a list's download by its description's Chinese label (English with
 * lang=en), as the exports and templates are.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "io/export.h"

void http_reply(http_req *r, int rc, json_t *out, err_t *e)
{
    if (rc != 0) {
        json_decref(out);
        http_error(r, e);
    } else
        http_json(r, 200, out);
}

const char *http_request_header(http_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

void http_reply_tagged(http_req *r, int rc, json_t *out, const char *etag, err_t *e)
{
    if (rc == 0 && etag)
        http_header(r, "ETag", etag);
    http_reply(r, rc, out, e);
}

void http_not_modified(http_req *r, const char *etag)
{
    http_header(r, "ETag", etag);
    http_raw(r, 304, NULL, "", 0);
}

void http_page(http_req *r, json_t *items, int64_t total, int64_t page, int64_t per_page)
{
    http_json(r, 200,
              json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total, "page",
                        (json_int_t)page, "per_page", (json_int_t)per_page));
}

int http_format(http_req *r, bool *export, table_format *fmt)
{
    const char *format = http_query(r, "format");
    *export = false;
    *fmt = TABLE_CSV;
    if (format && strcmp(format, "csv") && strcmp(format, "xlsx") && strcmp(format, "json")) {
        http_fail(r, ERR_BAD_REQUEST,
                  "format 应为 csv、xlsx 或 json (format must be csv, xlsx or json)");
        return -1;
    }
    *export = format && strcmp(format, "json") != 0;
    if (*export && !strcmp(format, "xlsx"))
        *fmt = TABLE_XLSX;
    return 0;
}

/* RFC 5987 attr-char: what may stand unencoded in filename*. */
static bool attr_char(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           strchr("!#$&+-.^_`|~", ch) != NULL;
}

void http_attachment(http_req *r, const char *filename)
{
    http_disposition(r, "attachment", filename);
}

void http_disposition(http_req *r, const char *how, const char *filename)
{
    bool plain = true;
    for (const unsigned char *p = (const unsigned char *)filename; *p; p++)
        if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
            plain = false;
    buf_t v = {0};
    buf_init(&v);
    if (plain) {
        buf_printf(&v, "%s; filename=\"%s\"", how, filename);
    } else {
        buf_printf(&v, "%s; filename=\"", how);
        for (const unsigned char *p = (const unsigned char *)filename; *p; p++)
            if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
                buf_printf(&v, "%c", *p);
            else if (*p < 0x80 || (*p & 0xc0) == 0xc0)
                buf_printf(&v, "_"); /* one stand-in per character */
        buf_printf(&v, "\"; filename*=UTF-8''");
        for (const unsigned char *p = (const unsigned char *)filename; *p; p++)
            if (attr_char(*p))
                buf_printf(&v, "%c", *p);
            else
                buf_printf(&v, "%%%02X", *p);
    }
    http_header(r, "Content-Disposition", v.data);
    buf_free(&v);
}

void http_download(http_req *r, table_format fmt, const char *filename, const buf_t *b)
{
    http_attachment(r, filename);
    http_raw(r, 200,
             fmt == TABLE_CSV ? "text/csv; charset=utf-8"
                              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             b->data, b->len);
}

int http_list_args(http_req *r, int64_t export_max, bool *export, table_format *fmt, int64_t *page,
                   int64_t *per_page)
{
    if (http_format(r, export, fmt) != 0 || http_paging(r, page, per_page) != 0)
        return -1;
    if (*export) {
        *page = 1;
        *per_page = export_max;
    }
    return 0;
}

void http_list_download(http_req *r, const entity_def *d, json_t *items, table_format fmt,
                        const char *name)
{
    const char *lang = http_query(r, "lang");
    bool en = lang && !strcmp(lang, "en");
    enum { MAX_COLS = 32 };
    const field_def *cols[MAX_COLS];
    const char *head[MAX_COLS];
    table_type types[MAX_COLS];
    int n = 0;
    for (const field_def *f = d->fields; f->name && n < MAX_COLS; f++)
        if (!(f->flags & F_NOEXPORT)) {
            head[n] = en ? f->en : f->zh;
            types[n] = export_cell_type(f);
            cols[n++] = f;
        }
    table_writer *w = table_writer_new(fmt, en ? d->en : d->zh);
    table_writer_row(w, head, n);
    size_t i;
    json_t *row;
    json_array_foreach (items, i, row) {
        char *cells[MAX_COLS];
        for (int k = 0; k < n; k++) {
            json_t *v = json_object_get(row, cols[k]->name);
            if (json_is_string(v))
                cells[k] = xstrdup(json_string_value(v));
            else if (json_is_integer(v))
                cells[k] = xasprintf("%lld", (long long)json_integer_value(v));
            else if (json_is_real(v))
                cells[k] = xasprintf("%.15g", json_real_value(v));
            else if (json_is_boolean(v))
                cells[k] = xstrdup(json_is_true(v) ? "是" : "否");
            else if (json_is_object(v) || json_is_array(v))
                cells[k] = json_dumps(v, JSON_COMPACT);
            else
                cells[k] = xstrdup("");
        }
        table_writer_row_typed(w, (const char *const *)cells, types, n);
        for (int k = 0; k < n; k++)
            free(cells[k]);
    }
    buf_t out = {0};
    buf_init(&out);
    err_t e = ERR_INIT;
    char *filename = xasprintf("%s.%s", en ? name : d->zh, fmt == TABLE_CSV ? "csv" : "xlsx");
    if (table_writer_finish(w, &out, &e) != 0)
        http_error(r, &e);
    else
        http_download(r, fmt, filename, &out);
    free(filename);
    buf_free(&out);
    table_writer_free(w);
}

int http_query_int(http_req *r, const char *name, long long lo, long long hi, long long dflt,
                   long long *out)
{
    const char *s = http_query(r, name);
    if (!s || !*s) {
        *out = dflt;
        return 0;
    }
    char *end = NULL;
    *out = strtoll(s, &end, 10);
    if (*end || *out < lo || *out > hi) {
        err_t e = ERR_INIT;
        err_field(&e, name, "%lld–%lld", lo, hi);
        err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): %s", name);
        http_error(r, &e);
        return -1;
    }
    return 0;
}
