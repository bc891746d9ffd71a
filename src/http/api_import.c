/*
 * api_import.c — POST /api/v1/import/{kind}: the body is a CSV or XLSX
 * file of organisations, members, demand, supply, students, crosswalk
 * rows, a catalogue edition, or placements, employment outcomes,
 * certificates and trainings, imported all or nothing by
 * io/import.c as the signed-in caller (so a secretariat imports members
 * into its own consortium only).  The file may also come as the first
 * file part of a multipart/form-data form (a browser form, `curl -F`),
 * whose other fields stand in for query arguments (http/multipart.h).
 *
 * Query: consortium_id (members, demand, supply, students and the
 * outcome kinds; optional for
 * the crosswalk: without it, the shared one), edition (occupations,
 * majors), format=csv|xlsx (else from the
 * Content-Type; in any case a ZIP body is read as XLSX), dry_run=1,
 * mode=create|update|upsert (default create; upsert for the catalogues),
 * and filename (recorded in the audit entry).  Answers 200
 * {"rows","imported","dry_run","encoding","mode","created","updated",
 * "unchanged","outcomes":[{"line","action","id"}…]} (the first
 * IMPORT_MAX_OUTCOMES rows; a dry run says what the real run would do);
 * 422 with details
 * {"rows":[{"line","field","message"}...],"bad_rows","error_count"} when
 * any row is bad (at most IMPORT_MAX_ERRORS listed); 400 for an
 * unreadable file or a bad query; 401/403 per permissions, asked before
 * the query or the file is looked at; 413 past a
 * bound (rows or cells, empty ones included; IMPORT_HTTP_SECONDS of
 * reading; IMPORT_HTTP_MEMORY of checked rows; XLSX shared strings); 503
 * with Retry-After when the database stays locked by another writer.
 *
 * GET /api/v1/import/{kind}/template?format=xlsx|csv[&lang=en] answers the
 * kind's blank template (io/template.c) to whoever may import that kind,
 * asked before the query is looked at; 404 for a kind that is not one.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/record.h"
#include "http/http.h"
#include "http/multipart.h"
#include "io/import.h"
#include "io/template.h"

/* dry_run: absent/0/false → 0, 1/true → 1, else -1. */
static int parse_flag(const char *s)
{
    if (!s || !*s || !strcmp(s, "0") || !strcasecmp(s, "false"))
        return 0;
    if (!strcmp(s, "1") || !strcasecmp(s, "true"))
        return 1;
    return -1;
}

/* The format the body is in; -1 for an unknown ?format=. */
static int body_format(http_req *r, table_format *fmt)
{
    const char *f = http_query(r, "format");
    *fmt = TABLE_CSV;
    if (f) {
        if (!strcasecmp(f, "xlsx"))
            *fmt = TABLE_XLSX;
        else if (strcasecmp(f, "csv") != 0)
            return -1;
        return 0;
    }
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    if ((r->body_len >= 2 && r->body[0] == 'P' && r->body[1] == 'K') ||
        (ct && (strstr(ct, "spreadsheetml") || strstr(ct, "xlsx"))))
        *fmt = TABLE_XLSX;
    return 0;
}

void api_import(http_req *r)
{
    err_t e = ERR_INIT;
    import_report rep = {0};
    char entity[32];

    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
        return;
    }
    size_t n = r->segment ? strcspn(r->segment, "/") : 0;
    snprintf(entity, sizeof entity, "%.*s", (int)(n < sizeof entity ? n : 0), r->segment);
    const entity_def *kd = entity_import_find(entity);
    const entity_import *kind = kd ? kd->import : NULL;
    if (!kind) {
        http_fail(r, ERR_NOT_FOUND, "不能导入“%s”，可导入 (cannot import this; use) %s", entity,
                  entity_import_kinds());
        return;
    }
    /* Authorisation first: a caller who may not import this kind hears
     * 403 before anything about the query or the file. */
    if (record_may_create(r->sc, &r->caller, kd, &e) != 0) {
        http_error(r, &e);
        return;
    }
    /* A browser form or `curl -F`: its file is the body, its fields count
     * as the query's (multipart.c). */
    if (http_form_upload(r) != 0)
        return;
    bool needs_cons = kind->consortium == IMPORT_CONSORTIUM_REQUIRED;
    bool takes_cons = kind->consortium != IMPORT_NO_CONSORTIUM;

    int64_t consortium_id = 0;
    const char *cs = http_query(r, "consortium_id");
    if (needs_cons || cs) {
        char *end = NULL;
        long long v = cs ? strtoll(cs, &end, 10) : 0;
        if (!takes_cons || !cs || *end || v <= 0) {
            err_field(&e, "consortium_id",
                      !takes_cons ? "此类导入不属于某个联合体 (this import has no consortium)"
                      : cs        ? "应为正整数编号 (must be a positive id)"
                                  : "必填 (required)");
            err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter)");
            http_error(r, &e);
            return;
        }
        consortium_id = v;
    }
    int dry = parse_flag(http_query(r, "dry_run"));
    table_format fmt;
    if (dry < 0 || body_format(r, &fmt) != 0) {
        err_field(&e, dry < 0 ? "dry_run" : "format",
                  dry < 0 ? "应为 1 或 0 (must be 1 or 0)"
                          : "应为 csv 或 xlsx (must be csv or xlsx)");
        err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter)");
        http_error(r, &e);
        return;
    }
    if (!r->body || r->body_len == 0) {
        http_fail(r, ERR_BAD_REQUEST,
                  "请求体为空，应为 CSV 或 XLSX 文件 (the body is empty; send "
                  "the CSV or XLSX file)");
        return;
    }

    const char *mode = http_query(r, "mode");
    if (mode && strcmp(mode, "create") && strcmp(mode, "update") && strcmp(mode, "upsert")) {
        err_field(&e, "mode", "应为 create、update 或 upsert (must be create, update or upsert)");
        err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter)");
        http_error(r, &e);
        return;
    }
    const char *name = http_query(r, "filename"), *edition = http_query(r, "edition");
    /* An upload may come from anyone with an account: its reading is
     * bounded in time as well as in rows, cells and memory. */
    import_opts o = {kind->kind,        consortium_id, edition, name && *name ? name : "upload",
                     dry == 1,          NULL,          NULL,    IMPORT_HTTP_SECONDS,
                     IMPORT_HTTP_MEMORY};
    o.mode = mode;
    if (import_run(r->sc, &r->caller, &o, fmt, r->body, r->body_len, &rep, &e) != 0) {
        if (e.code == ERR_INVALID) {
            json_decref(e.details);
            e.details =
                json_pack("{s:O,s:I,s:I}", "rows", rep.errors, "bad_rows", (json_int_t)rep.bad_rows,
                          "error_count", (json_int_t)rep.error_count);
        }
        http_error(r, &e);
    } else {
        http_json(r, 200,
                  json_pack("{s:I,s:I,s:b,s:s,s:s,s:I,s:I,s:I,s:O}", "rows", (json_int_t)rep.rows,
                            "imported", (json_int_t)rep.imported, "dry_run", dry == 1, "encoding",
                            rep.encoding ? rep.encoding : "UTF-8", "mode", rep.mode, "created",
                            (json_int_t)rep.created, "updated", (json_int_t)rep.updated,
                            "unchanged", (json_int_t)rep.unchanged, "outcomes", rep.outcomes));
    }
    import_report_free(&rep);
}

void api_import_template(http_req *r)
{
    err_t e = ERR_INIT;
    char entity[32];
    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
        return;
    }
    size_t n = r->segment ? strcspn(r->segment, "/") : 0;
    snprintf(entity, sizeof entity, "%.*s", (int)(n < sizeof entity ? n : 0), r->segment);
    const entity_def *kd = entity_import_find(entity);
    if (!kd || !kd->import) {
        http_fail(r, ERR_NOT_FOUND, "没有“%s”的导入模板，可导入 (no such import; use) %s", entity,
                  entity_import_kinds());
        return;
    }
    if (record_may_create(r->sc, &r->caller, kd, &e) != 0) {
        http_error(r, &e);
        return;
    }
    const char *f = http_query(r, "format"), *lang = http_query(r, "lang");
    if ((f && strcmp(f, "xlsx") && strcmp(f, "csv")) ||
        (lang && strcmp(lang, "en") && strcmp(lang, "zh"))) {
        err_field(&e, f && strcmp(f, "xlsx") && strcmp(f, "csv") ? "format" : "lang",
                  f && strcmp(f, "xlsx") && strcmp(f, "csv")
                      ? "应为 xlsx 或 csv (must be xlsx or csv)"
                      : "应为 zh 或 en (must be zh or en)");
        err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter)");
        http_error(r, &e);
        return;
    }
    table_format fmt = f && !strcmp(f, "csv") ? TABLE_CSV : TABLE_XLSX;
    bool en = lang && !strcmp(lang, "en");
    buf_t out;
    buf_init(&out);
    if (template_write(kd, fmt, en, &out, &e) != 0) {
        http_error(r, &e);
    } else {
        char *name = template_filename(kd, fmt, en);
        http_download(r, fmt, name, &out);
        free(name);
    }
    buf_free(&out);
}
