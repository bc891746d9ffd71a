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
#include "domain/record.h"
#include "http/http.h"

/* The audit log as a spreadsheet: one row per entry, before/after as JSON
 * text.  At most AUDIT_EXPORT_MAX rows (the newest). */
#define AUDIT_EXPORT_MAX 100000
static void audit_export(http_req *r, json_t *items, table_format fmt)
{
    static const char *const keys[] = {"id",     "at",        "username",      "action",
                                       "entity", "entity_id", "consortium_id", "before",
                                       "after"};
    static const char *const zh[] = {"编号",     "时间(UTC)", "用户",   "操作",  "对象",
                                     "对象编号", "联合体",    "变更前", "变更后"};
    const char *lang = http_query(r, "lang");
    bool en = lang && !strcmp(lang, "en");
    table_writer *w = table_writer_new(fmt, en ? "Audit log" : "审计日志");
    table_writer_row(w, en ? keys : zh, 9);
    size_t i;
    json_t *row;
    json_array_foreach (items, i, row) {
        char *cells[9];
        for (int k = 0; k < 9; k++) {
            json_t *v = json_object_get(row, keys[k]);
            if (json_is_string(v))
                cells[k] = xstrdup(json_string_value(v));
            else if (json_is_integer(v))
                cells[k] = xasprintf("%lld", (long long)json_integer_value(v));
            else if (json_is_object(v) || json_is_array(v))
                cells[k] = json_dumps(v, JSON_COMPACT);
            else
                cells[k] = xstrdup("");
        }
        table_writer_row(w, (const char *const *)cells, 9);
        for (int k = 0; k < 9; k++)
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
    json_t *filters = json_object();
    /* An unknown subject or action is a mistake (or a probe), not an
     * empty filter: it is refused, never ignored. */
    const char *ent = http_query(r, "entity"), *act = http_query(r, "action");
    if (ent && *ent && !record_audit_entity_known(ent)) {
        json_decref(filters);
        http_fail(r, ERR_BAD_REQUEST, "entity 不是已知的对象 (entity is not a known entity)");
        return;
    }
    if (act && *act && !record_audit_action_known(act)) {
        json_decref(filters);
        http_fail(r, ERR_BAD_REQUEST, "action 不是已知的操作 (action is not a known action)");
        return;
    }
    if (ent && *ent)
        json_object_set_new(filters, "entity", json_string(ent));
    if (act && *act)
        json_object_set_new(filters, "action", json_string(act));
    static const char *const ikeys[] = {"entity_id", "user_id"};
    for (int i = 0; i < 2; i++) {
        const char *v = http_query(r, ikeys[i]);
        if (v && *v) {
            char *end;
            long long n = strtoll(v, &end, 10);
            if (*end || n <= 0) {
                json_decref(filters);
                http_fail(r, ERR_BAD_REQUEST, "%s 应为正整数 (must be a positive integer)",
                          ikeys[i]);
                return;
            }
            json_object_set_new(filters, ikeys[i], json_integer(n));
        }
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
    http_json(r, 200,
              json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total, "page",
                        (json_int_t)page, "per_page", (json_int_t)per_page));
}
