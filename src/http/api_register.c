/*
 * api_register.c — the routes that are not plain entity CRUD: health,
 * the OpenAPI description, entity metadata for forms, sign-in/out, the
 * composition and council of a consortium, its dashboard figures, a
 * motion's result and the audit log (each entry shown as its reader may
 * see the record: record_audit_view()).
 */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/embedded.h"
#include "domain/auth.h"
#include "domain/governance.h"
#include "domain/record.h"
#include "http/http.h"
#include "io/table.h"

#define CJ_VERSION "0.1.0"

void api_health(http_req *r)
{
    http_json(r, 200,
              json_pack("{s:s,s:s,s:i,s:b}", "status", "ok", "version", CJ_VERSION, "schema",
                        store_schema_version(r->sc), "demo", http_demo_mode()));
}

void api_openapi(http_req *r)
{
    const struct embedded_file *f = embedded_find("docs/openapi.json");
    if (!f) {
        http_fail(r, ERR_NOT_FOUND, "OpenAPI 文档未编入 (OpenAPI description not built in)");
        return;
    }
    http_raw(r, 200, "application/json; charset=utf-8", f->data, f->len);
}

void api_meta_entities(http_req *r)
{
    http_json(r, 200, entity_meta_json());
}

void api_index(http_req *r)
{
    static const char head[] =
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<title>产教 Chanjiao</title></head><body style=\"font-family:sans-serif;max-width:40em;"
        "margin:2em auto;padding:0 1em\">";
    static const char demo[] =
        "<p role=\"status\" style=\"background:#fff3cd;border:1px solid #e0c060;padding:.5em 1em\">"
        "<strong>演示模式 Demo mode</strong> — 数据为示例，演示账号见 README。"
        "The data is a demo; the demo accounts are listed in the README.</p>";
    static const char body[] =
        "<h1>产教 Chanjiao</h1>"
        "<p>产教联合体与行业产教融合共同体平台。An open platform for industry–education "
        "consortia.</p><ul><li><a href=\"/api/v1/consortia\">联合体列表 Consortia (JSON)</a></li>"
        "<li><a href=\"/api/v1/openapi.json\">API 说明 OpenAPI description</a></li>"
        "<li><a href=\"/api/v1/health\">运行状态 Health</a></li></ul></body></html>";
    buf_t page = {0};
    buf_init(&page);
    buf_append(&page, head, sizeof head - 1);
    if (http_demo_mode())
        buf_append(&page, demo, sizeof demo - 1);
    buf_append(&page, body, sizeof body - 1);
    http_raw(r, 200, "text/html; charset=utf-8", page.data, page.len);
    buf_free(&page);
}

/* ---- sessions ------------------------------------------------------------- */

static json_t *user_json(const caller_t *c)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)c->user_id, "username",
                     c->username, "display_name", c->display_name, "role", c->role,
                     "organization_id", c->org_id ? json_integer(c->org_id) : json_null(),
                     "consortium_id",
                     c->consortium_id ? json_integer(c->consortium_id) : json_null());
}

/* Whether the request says its body is JSON.  A cross-site form can post
 * text/plain, urlencoded or multipart bodies without a preflight, so a
 * sign-in that took them could sign a victim's browser into the
 * attacker's account (login CSRF); application/json it cannot send. */
static bool body_is_json(http_req *r)
{
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    if (!ct)
        return false;
    size_t n = strcspn(ct, "; \t");
    return n == 16 && strncasecmp(ct, "application/json", 16) == 0;
}

void api_login(http_req *r)
{
    err_t e = ERR_INIT;
    if (!body_is_json(r)) {
        http_json(r, 415,
                  json_pack("{s:{s:s,s:s,s:n}}", "error", "code", "unsupported_media_type",
                            "message",
                            "登录请求须为 JSON（Content-Type: application/json） (sign in with a "
                            "JSON body: Content-Type: application/json)",
                            "details"));
        return;
    }
    json_t *in = http_body_json(r);
    if (!in)
        return;
    const char *user = json_string_value(json_object_get(in, "username"));
    const char *pw = json_string_value(json_object_get(in, "password"));
    if (!user || !pw || !*user || !*pw || strlen(user) > 64 || strlen(pw) > 256) {
        if (!user || !*user || strlen(user) > 64)
            err_field(&e, "username", "必填 (required)");
        if (!pw || !*pw || strlen(pw) > 256)
            err_field(&e, "password", "必填 (required)");
        err_set(&e, ERR_INVALID, "请输入用户名和密码 (username and password are required)");
        json_decref(in);
        http_error(r, &e);
        return;
    }
    char token[AUTH_TOKEN_LEN], csrf[AUTH_TOKEN_LEN];
    caller_t who;
    int64_t retry = 0;
    /* auth_login checks the password before it takes the write lock and
     * leaves the session row in an open transaction, committed here with
     * its audit entry. */
    if (auth_login(r->sc, user, pw, r->addr, token, csrf, &who, &retry, &e) != 0 ||
        record_audit(r->sc, &who, "login", "users", who.user_id, who.consortium_id, NULL, NULL,
                     &e) != 0) {
        store_rollback(r->sc);
        json_decref(in);
        if (retry > 0) {
            char secs[24];
            snprintf(secs, sizeof secs, "%lld", (long long)retry);
            http_header(r, "Retry-After", secs);
        }
        http_error(r, &e);
        return;
    }
    if (store_commit(r->sc, &e) != 0) {
        json_decref(in);
        http_error(r, &e);
        return;
    }
    json_decref(in);
    /* Secure when the client reached us over HTTPS (told by a trusted
     * proxy, server.c): the browser then never sends it in clear text. */
    char *cookie = xasprintf("cj_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
                             token, AUTH_SESSION_SECONDS, r->https ? "; Secure" : "");
    http_header(r, "Set-Cookie", cookie);
    free(cookie);
    http_json(r, 200,
              json_pack("{s:s,s:s,s:I,s:o}", "token", token, "csrf_token", csrf, "expires_in",
                        (json_int_t)AUTH_SESSION_SECONDS, "user", user_json(&who)));
}

void api_logout(http_req *r)
{
    err_t e = ERR_INIT;
    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "未登录 (not signed in)");
        return;
    }
    if (store_begin(r->sc, &e) != 0 || auth_logout(r->sc, r->token, &e) != 0 ||
        record_audit(r->sc, &r->caller, "logout", "users", r->caller.user_id,
                     r->caller.consortium_id, NULL, NULL, &e) != 0 ||
        store_commit(r->sc, &e) != 0) {
        store_rollback(r->sc);
        http_error(r, &e);
        return;
    }
    http_header(r, "Set-Cookie",
                r->https ? "cj_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"
                         : "cj_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    http_raw(r, 204, NULL, "", 0);
}

void api_me(http_req *r)
{
    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "未登录 (not signed in)");
        return;
    }
    json_t *u = user_json(&r->caller);
    if (r->via_cookie)
        json_object_set_new(u, "csrf_token", json_string(r->csrf));
    http_json(r, 200, u);
}

/* ---- the register ---------------------------------------------------------- */

/* The consortium of {id} must exist and be readable by the caller. */
static int consortium_readable(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *row = NULL;
    if (record_get(r->sc, &r->caller, entity_find("consortia"), r->id, &row, &e) != 0) {
        http_error(r, &e);
        return -1;
    }
    json_decref(row);
    return 0;
}

void api_composition(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (consortium_readable(r) != 0)
        return;
    if (store_composition(r->sc, r->id, &out, &e) != 0)
        http_error(r, &e);
    else
        http_json(r, 200, out);
}

void api_council(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *items = NULL;
    if (consortium_readable(r) != 0)
        return;
    if (store_council(r->sc, r->id, &items, &e) != 0)
        http_error(r, &e);
    else
        http_json(
            r, 200,
            json_pack("{s:I,s:o}", "total", (json_int_t)json_array_size(items), "items", items));
}

void api_consortium_stats(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *comp = NULL, *agr = NULL, *plan = NULL;
    if (consortium_readable(r) != 0)
        return;
    if (store_composition(r->sc, r->id, &comp, &e) != 0 ||
        store_agreement_stats(r->sc, r->id, &agr, &e) != 0 ||
        store_work_plan_stats(r->sc, r->id, &plan, &e) != 0) {
        json_decref(comp);
        json_decref(agr);
        http_error(r, &e);
        return;
    }
    /* Work-plan progress is internal: members and the secretariat only. */
    if (!perm_secretariat_of(&r->caller, r->id) &&
        !(r->caller.org_id && store_is_member(r->sc, r->id, r->caller.org_id))) {
        json_decref(plan);
        plan = json_null();
    }
    http_json(
        r, 200,
        json_pack("{s:o,s:o,s:o}", "composition", comp, "agreements", agr, "work_plan", plan));
}

void api_agenda_result(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *item = NULL;
    store_tally t;
    if (record_get(r->sc, &r->caller, entity_find("agenda_items"), r->id, &item, &e) != 0 ||
        store_vote_tally(r->sc, r->id, &t, &e) != 0) {
        json_decref(item);
        http_error(r, &e);
        return;
    }
    const char *threshold = json_string_value(json_object_get(item, "threshold"));
    const char *base = json_string_value(json_object_get(item, "base"));
    governance_result g = governance_decide(threshold, base, &t);
    http_json(r, 200,
              json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:b,s:s}", "agenda_item_id",
                        (json_int_t)r->id, "threshold", threshold, "base", base, "for",
                        (json_int_t)t.votes_for, "against", (json_int_t)t.votes_against, "abstain",
                        (json_int_t)t.votes_abstain, "council_units", (json_int_t)t.council_units,
                        "member_units", (json_int_t)t.member_units, "base_count",
                        (json_int_t)g.base, "required", (json_int_t)g.required, "passed", g.passed,
                        "result", g.passed ? "通过 (passed)" : "未通过 (not passed)"));
    json_decref(item);
}

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
    else {
        http_header(r, "Content-Disposition",
                    fmt == TABLE_CSV ? "attachment; filename=\"audit.csv\""
                                     : "attachment; filename=\"audit.xlsx\"");
        http_raw(r, 200,
                 fmt == TABLE_CSV
                     ? "text/csv; charset=utf-8"
                     : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 out.data, out.len);
    }
    buf_free(&out);
    table_writer_free(w);
}

void api_audit(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t page, per_page, cid = 0;
    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
        return;
    }
    const char *format = http_query(r, "format");
    if (format && strcmp(format, "csv") && strcmp(format, "xlsx") && strcmp(format, "json")) {
        http_fail(r, ERR_BAD_REQUEST,
                  "format 应为 csv、xlsx 或 json (format must be csv, xlsx or json)");
        return;
    }
    bool export = format && strcmp(format, "json") != 0;
    if (http_paging(r, &page, &per_page) != 0)
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
    } else if (!caller_is_admin(&r->caller))
        cid = r->caller.consortium_id;
    if (!perm_audit(&r->caller, cid)) {
        http_fail(r, ERR_FORBIDDEN, "无权查看审计日志 (you may not read this audit log)");
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
    if (store_audit_list(r->sc, cid, filters, page, per_page, &items, &total, &e) != 0) {
        json_decref(filters);
        http_error(r, &e);
        return;
    }
    json_decref(filters);
    /* Each reader sees of an entry what the entity's own reads show them. */
    size_t i;
    json_t *item;
    json_array_foreach (items, i, item)
        record_audit_view(r->sc, &r->caller, item);
    if (export) {
        audit_export(r, items, !strcmp(format, "xlsx") ? TABLE_XLSX : TABLE_CSV);
        json_decref(items);
        return;
    }
    http_json(r, 200,
              json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total, "page",
                        (json_int_t)page, "per_page", (json_int_t)per_page));
}
