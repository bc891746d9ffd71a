/*
 * api_entity.c — the five routes every entity has, served from its
 * description: list (filters, q, sort, page/per_page, ?format=csv|xlsx
 * export), get, create (201 with the row), update (PATCH: the given
 * fields), delete (soft, 204).  All rules live in domain/record.c; this
 * file only turns HTTP into calls and results into HTTP — in the order
 * authorisation first: who may write is asked before the body is read,
 * so a caller who may not gets 401/403 whatever the body holds.  A write
 * refused with 403 is noted in the audit log (refused(): who, which row,
 * what was tried, from where — never the body; domain/audit.c).
 *
 * Revisions (issue 15): a get answers the record's entity tag (ETag, the
 * row's revision as the caller sees it; record_etag) and 304 when
 * If-None-Match names it; an update answers the new tag; update and
 * delete hand If-Match to the domain, which compares it inside the write
 * transaction (412 on a stale revision).  Without If-Match a write goes on
 * as it always did: older clients keep working.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/record.h"
#include "http/http.h"
#include "io/export.h"

struct filter_ctx {
    const entity_def *d;
    json_t *filters;
    err_t *e;
};

static const char *const reserved_args[] = {"page",   "per_page", "sort", "q",
                                            "format", "lang",     NULL};

/* ?field_from= / _to= / _in= / _set= (entity_filter_op): the bound, the
 * values or the flag, parsed like the field's own values. */
static enum MHD_Result collect_derived(struct filter_ctx *fc, const char *key, const field_def *f,
                                       const char *op, const char *value)
{
    if (!value || !*value)
        return MHD_YES;
    char msg[512] = "";
    field_def one = *f;
    one.flags &= ~(unsigned)F_REQUIRED;
    one.check = NULL;
    one.min = one.max = 0;
    if (!strcmp(op, "set")) {
        if (strcmp(value, "1") && strcmp(value, "0") && strcmp(value, "true") &&
            strcmp(value, "false"))
            err_field(fc->e, key, "应为 1 或 0 (must be 1 or 0)");
        else
            json_object_set_new(fc->filters, key,
                                json_boolean(!strcmp(value, "1") || !strcmp(value, "true")));
        return MHD_YES;
    }
    if (!strcmp(op, "in")) {
        json_t *vals = json_array();
        const char *p = value;
        while (*p && json_array_size(vals) < 50) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            char part[128];
            if (n == 0 || n >= sizeof part) {
                err_field(fc->e, key, "取值有误 (bad value)");
                json_decref(vals);
                return MHD_YES;
            }
            memcpy(part, p, n);
            part[n] = '\0';
            json_t *v = entity_parse_text(&one, part, msg, sizeof msg);
            if (!v) {
                err_field(fc->e, key, "%s", msg);
                json_decref(vals);
                return MHD_YES;
            }
            json_array_append_new(vals, v);
            p += n + (bar ? 1 : 0);
        }
        json_object_set_new(fc->filters, key, vals);
        return MHD_YES;
    }
    if (one.type == FT_TIME || one.type == FT_TEXT) /* a time is bounded by its day */
        one.type = FT_DATE;
    json_t *v = entity_parse_text(&one, value, msg, sizeof msg);
    if (!v)
        err_field(fc->e, key, "%s", msg);
    else
        json_object_set_new(fc->filters, key, v);
    return MHD_YES;
}

static enum MHD_Result collect_filter(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    struct filter_ctx *fc = cls;
    for (const char *const *r = reserved_args; *r; r++)
        if (!strcmp(*r, key))
            return MHD_YES;
    const field_def *f = entity_field(fc->d, key);
    const char *op = NULL;
    if ((!f || !(f->flags & F_FILTER)) && entity_filter_op(fc->d, key, &op))
        return collect_derived(fc, key, entity_filter_op(fc->d, key, &op), op, value);
    if (!f || !(f->flags & F_FILTER)) {
        err_field(fc->e, key, "不能按此字段筛选 (not a filter of this list)");
        return MHD_YES;
    }
    if (!value || !*value)
        return MHD_YES;
    /* ?field=null: rows where an optional field is empty (the shared
     * crosswalk is ?consortium_id=null). */
    if (!strcmp(value, "null") && !(f->flags & F_REQUIRED) && f->type != FT_TEXT) {
        json_object_set_new(fc->filters, key, json_null());
        return MHD_YES;
    }
    char msg[512] = "";
    /* An id-list filter takes one id ("agreements with this party"). */
    field_def one = *f;
    if (f->type == FT_IDLIST) {
        one.type = FT_REF;
        one.min = one.max = 0;
    }
    one.flags &= ~(unsigned)F_REQUIRED;
    one.check = NULL; /* filters match what is stored; no need to be valid */
    one.min = one.type == FT_TEXT ? 0 : one.min;
    json_t *v = entity_parse_text(&one, value, msg, sizeof msg);
    if (!v)
        err_field(fc->e, key, "%s", msg);
    else
        json_object_set_new(fc->filters, key, v);
    return MHD_YES;
}

void api_entity_list(http_req *r)
{
    const entity_def *d = r->route->entity;
    err_t e = ERR_INIT;
    record_query q = {0};
    bool export;
    table_format fmt;
    if (http_format(r, &export, &fmt) != 0)
        return;
    if (!export && http_paging(r, &q.page, &q.per_page) != 0)
        return;
    q.filters = json_object();
    struct filter_ctx fc = {d, q.filters, &e};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_filter, &fc);
    if (e.details) {
        json_decref(q.filters);
        err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameters)");
        http_error(r, &e);
        return;
    }
    q.q = http_query(r, "q");
    q.sort = http_query(r, "sort");
    json_t *qtext = q.q ? json_string(q.q) : NULL; /* NULL: not valid UTF-8 */
    if (q.q && !qtext) {
        json_decref(q.filters);
        http_fail(r, ERR_BAD_REQUEST, "q 应为 UTF-8 文本 (q must be UTF-8 text)");
        return;
    }
    json_decref(qtext);
    json_t *items = NULL;
    int64_t total = 0;
    if (record_list(r->sc, &r->caller, d, &q, &items, &total, &e) != 0) {
        json_decref(q.filters);
        http_error(r, &e);
        return;
    }
    json_decref(q.filters);
    if (!export) {
        http_page(r, items, total, q.page, q.per_page);
        return;
    }
    buf_t out = {0};
    buf_init(&out);
    if (export_rows(r->sc, d, items, fmt, http_query(r, "lang"), &out, &e) != 0) {
        json_decref(items);
        buf_free(&out);
        http_error(r, &e);
        return;
    }
    json_decref(items);
    const char *lang = http_query(r, "lang");
    char *name = xasprintf("%s.%s", lang && !strcmp(lang, "en") ? d->en : d->zh,
                           fmt == TABLE_XLSX ? "xlsx" : "csv");
    http_download(r, fmt, name, &out);
    free(name);
    buf_free(&out);
}

/* Writes need a caller: 401 (answered here) before anything is parsed. */
static bool signed_in(http_req *r)
{
    if (caller_signed_in(&r->caller))
        return true;
    http_fail(r, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    return false;
}

/* A write's error; a 403 is noted in the audit log as refused. */
static void refused(http_req *r, const char *attempt, err_t *e)
{
    if (e->code == ERR_FORBIDDEN)
        audit_refused(r->sc, &r->caller, r->route->entity, r->id, attempt);
    http_error(r, e);
}

void api_entity_get(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *row = NULL;
    char etag[48] = "";
    int rc = record_get(r->sc, &r->caller, r->route->entity, r->id, &row, &e);
    if (rc == 0) {
        record_etag(r->route->entity, row, etag, sizeof etag);
        /* A malformed If-None-Match is as if absent: the full answer. */
        const char *inm = http_request_header(r, "If-None-Match");
        if (inm && record_etag_matches(inm, etag, true) > 0) {
            json_decref(row);
            http_not_modified(r, etag);
            return;
        }
    }
    http_reply_tagged(r, rc, row, etag, &e);
}

void api_entity_create(http_req *r)
{
    err_t e = ERR_INIT;
    if (!signed_in(r))
        return;
    if (record_may_create(r->sc, &r->caller, r->route->entity, &e) != 0) {
        refused(r, "create", &e);
        return;
    }
    json_t *in = http_body_json(r), *row = NULL;
    if (!in)
        return;
    if (record_create(r->sc, &r->caller, r->route->entity, in, &row, &e) != 0)
        refused(r, "create", &e);
    else {
        /* From the route, not the request path, which may end in '/'. */
        char *loc = xasprintf("%s/%lld", r->route->pattern,
                              (long long)json_integer_value(json_object_get(row, "id")));
        http_header(r, "Location", loc);
        free(loc);
        http_json(r, 201, row);
    }
    json_decref(in);
}

void api_entity_update(http_req *r)
{
    err_t e = ERR_INIT;
    if (!signed_in(r))
        return;
    if (record_may_update(r->sc, &r->caller, r->route->entity, r->id, ACT_UPDATE, &e) != 0) {
        refused(r, "update", &e);
        return;
    }
    json_t *in = http_body_json(r), *row = NULL;
    if (!in)
        return;
    const entity_def *d = r->route->entity;
    char etag[48] = "";
    if (record_update_if(r->sc, &r->caller, d, r->id, in, http_request_header(r, "If-Match"), &row,
                         &e) != 0) {
        json_decref(row);
        refused(r, "update", &e);
    } else {
        record_etag(d, row, etag, sizeof etag);
        http_reply_tagged(r, 0, row, etag, &e);
    }
    json_decref(in);
}

void api_entity_delete(http_req *r)
{
    err_t e = ERR_INIT;
    if (!signed_in(r))
        return;
    if (record_delete_if(r->sc, &r->caller, r->route->entity, r->id,
                         http_request_header(r, "If-Match"), &e) != 0)
        refused(r, "delete", &e);
    else
        http_raw(r, 204, NULL, "", 0);
}
