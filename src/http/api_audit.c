/*
 * api_audit.c — the logs, newest first:
 *
 *   GET /api/v1/audit[?consortium_id=&entity=&action=&entity_id=&user_id=
 *       &page=&per_page=&format=csv|xlsx|json&lang=en]   the audit log
 *   GET /api/v1/login-log[?user_id=&ok=true|false&from=&to=&page=
 *       &per_page=&format=csv|xlsx|json&lang=en]         the login log
 *
 * Who may read whose log, and what each entry shows its reader, is
 * domain/audit.c's (record_audit_view hides a snapshot the reader may not
 * read; an address is shown to an admin and to the one it belongs to;
 * the login log is an admin's whole, an organisation admin's for their
 * users, everyone else's for themselves); this file parses the query and
 * answers JSON (times in UTC) or a spreadsheet (at most AUDIT_EXPORT_MAX
 * rows, times in China Standard Time with the zone, codes in words).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"
#include "http/http.h"

/* At most this many entries (the newest) in a spreadsheet of the log. */
#define AUDIT_EXPORT_MAX 100000

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
    if (http_list_args(r, AUDIT_EXPORT_MAX, &export, &fmt, &page, &per_page) != 0)
        return;
    const char *cs = http_query(r, "consortium_id");
    if (cs) {
        char *end;
        cid = strtoll(cs, &end, 10);
        if (*end || cid <= 0) {
            http_fail(r, ERR_BAD_REQUEST,
                      "consortium_id 应为正整数 (consortium_id must be a positive integer)");
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
        const char *lang = http_query(r, "lang");
        log_sheet_rows(&entity_audit_log, items, lang && !strcmp(lang, "en"));
        http_list_download(r, &entity_audit_log, items, fmt, "audit");
        json_decref(items);
        return;
    }
    http_page(r, items, total, page, per_page);
}

/* A positive id from the query, 0 when absent; -1 (answered 400) if bad. */
static int64_t query_id(http_req *r, const char *name)
{
    const char *v = http_query(r, name);
    if (!v || !*v)
        return 0;
    char *end;
    long long id = strtoll(v, &end, 10);
    if (*end || id <= 0) {
        http_fail(r, ERR_BAD_REQUEST, "%s 应为正整数 (must be a positive integer)", name);
        return -1;
    }
    return id;
}

void api_login_log(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t page, per_page;
    bool export;
    table_format fmt;
    if (login_log_may_read(&r->caller, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (http_list_args(r, AUDIT_EXPORT_MAX, &export, &fmt, &page, &per_page) != 0)
        return;
    login_log_filter f = {.ok = -1, .from = http_query(r, "from"), .to = http_query(r, "to")};
    if ((f.user_id = query_id(r, "user_id")) < 0)
        return;
    const char *ok = http_query(r, "ok");
    if (ok && *ok) {
        if (!strcmp(ok, "true") || !strcmp(ok, "1"))
            f.ok = 1;
        else if (!strcmp(ok, "false") || !strcmp(ok, "0"))
            f.ok = 0;
        else {
            http_fail(r, ERR_BAD_REQUEST, "ok 应为 true 或 false (ok must be true or false)");
            return;
        }
    }
    if (f.from && !*f.from)
        f.from = NULL;
    if (f.to && !*f.to)
        f.to = NULL;
    json_t *items = NULL;
    int64_t total = 0;
    if (login_log_list(r->sc, &r->caller, &f, page, per_page, &items, &total, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (export) {
        const char *lang = http_query(r, "lang");
        log_sheet_rows(&entity_login_log, items, lang && !strcmp(lang, "en"));
        http_list_download(r, &entity_login_log, items, fmt, "login-log");
        json_decref(items);
        return;
    }
    http_page(r, items, total, page, per_page);
}
