/*
 * api_audit.c — GET /api/v1/audit[?consortium_id=&entity=&action=
 * &entity_id=&user_id=&page=&per_page=&format=csv|xlsx|json&lang=en]:
 * the audit log, newest first.  Who may read whose log, and what each
 * entry shows its reader, is domain/audit.c's (record_audit_view hides a
 * snapshot the reader may not read); this file parses the query and
 * answers JSON or a spreadsheet (at most AUDIT_EXPORT_MAX rows).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"
#include "http/http.h"

/* The audit log as a spreadsheet: one row per entry, the columns of its
 * description (schema/entities_audit.c), before/after as JSON text.  At
 * most AUDIT_EXPORT_MAX rows (the newest). */
#define AUDIT_EXPORT_MAX 100000
static void audit_export(http_req *r, json_t *items, table_format fmt)
{
    const entity_def *d = &entity_audit_log;
    const char *lang = http_query(r, "lang");
    bool en = lang && !strcmp(lang, "en");
    const field_def *cols[16];
    const char *head[16];
    int n = 0;
    for (const field_def *f = d->fields; f->name && n < 16; f++)
        if (!(f->flags & F_NOEXPORT)) {
            head[n] = en ? f->en : f->zh;
            cols[n++] = f;
        }
    table_writer *w = table_writer_new(fmt, en ? d->en : d->zh);
    table_writer_row(w, head, n);
    size_t i;
    json_t *row;
    json_array_foreach (items, i, row) {
        char *cells[16];
        for (int k = 0; k < n; k++) {
            json_t *v = json_object_get(row, cols[k]->name);
            if (json_is_string(v))
                cells[k] = xstrdup(json_string_value(v));
            else if (json_is_integer(v))
                cells[k] = xasprintf("%lld", (long long)json_integer_value(v));
            else if (json_is_object(v) || json_is_array(v))
                cells[k] = json_dumps(v, JSON_COMPACT);
            else
                cells[k] = xstrdup("");
        }
        table_writer_row(w, (const char *const *)cells, n);
        for (int k = 0; k < n; k++)
            free(cells[k]);
    }
    buf_t out = {0};
    buf_init(&out);
    err_t e = ERR_INIT;
    if (table_writer_finish(w, &out, &e) != 0)
        http_error(r, &e);
    else
        http_download(r, fmt, fmt == TABLE_CSV ? "audit.csv" : "audit.xlsx", &out);
    buf_free(&out);
    table_writer_free(w);
}

void api_audit(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t page, per_page, cid = 0;
    bool export;
    table_format fmt;
    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
        return;
    }
    if (http_format(r, &export, &fmt) != 0 || http_paging(r, &page, &per_page) != 0)
        return;
    if (export) {
        page = 1;
        per_page = AUDIT_EXPORT_MAX;
    }
    const char *cs = http_query(r, "consortium_id");
    if (cs) {
        char *end;
        cid = strtoll(cs, &end, 10);
        if (*end || cid <= 0) {
            http_fail(r, ERR_BAD_REQUEST, "consortium_id 应为正整数 (must be a positive integer)");
            return;
        }
    }
    if (audit_may_read(&r->caller, &cid, &e) != 0) {
        http_error(r, &e);
        return;
    }
    /* The filters are the description's F_FILTER fields (the consortium
     * is the scope, above).  An unknown subject or action is a mistake
     * (or a probe), not an empty filter: it is refused, never ignored. */
    json_t *filters = json_object();
    const entity_def *d = &entity_audit_log;
    for (int pass = 0; pass < 2; pass++) /* text filters first, then ids */
        for (const field_def *f = d->fields; f->name; f++) {
            const char *v = http_query(r, f->name);
            if (!(f->flags & F_FILTER) || !strcmp(f->name, d->consortium_field) || !v || !*v ||
                (f->type == FT_TEXT) != (pass == 0))
                continue;
            if (f->type == FT_TEXT) {
                if (!audit_filter_known(f->name, v)) {
                    json_decref(filters);
                    http_fail(r, ERR_BAD_REQUEST, "%s 不是已知的%s (%s is not a known %s)", f->name,
                              f->zh, f->name, f->name);
                    return;
                }
                json_object_set_new(filters, f->name, json_string(v));
                continue;
            }
            char *end;
            long long id = strtoll(v, &end, 10);
            if (*end || id <= 0) {
                json_decref(filters);
                http_fail(r, ERR_BAD_REQUEST, "%s 应为正整数 (must be a positive integer)",
                          f->name);
                return;
            }
            json_object_set_new(filters, f->name, json_integer(id));
        }
    json_t *items = NULL;
    int64_t total = 0;
    int rc = audit_list(r->sc, &r->caller, cid, filters, page, per_page, &items, &total, &e);
    json_decref(filters);
    if (rc != 0) {
        http_error(r, &e);
        return;
    }
    if (export) {
        audit_export(r, items, fmt);
        json_decref(items);
        return;
    }
    http_page(r, items, total, page, per_page);
}
