/*
 * api_entity.c — the five routes every entity has, served from its
 * description: list (filters, q, sort, page/per_page, ?format=csv|xlsx
 * export), get, create (201 with the row), update (PATCH: the given
 * fields), delete (soft, 204).  All rules live in domain/record.c; this
 * file only turns HTTP into calls and results into HTTP — in the order
 * authorisation first: who may write is asked before the body is read,
 * so a caller who may not gets 401/403 whatever the body holds.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <string.h>

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

static enum MHD_Result collect_filter(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    struct filter_ctx *fc = cls;
    for (const char *const *r = reserved_args; *r; r++)
        if (!strcmp(*r, key))
            return MHD_YES;
    const field_def *f = entity_field(fc->d, key);
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

void api_entity_get(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *row = NULL;
    int rc = record_get(r->sc, &r->caller, r->route->entity, r->id, &row, &e);
    http_reply(r, rc, row, &e);
}

void api_entity_create(http_req *r)
{
    err_t e = ERR_INIT;
    if (!signed_in(r))
        return;
    if (record_may_create(r->sc, &r->caller, r->route->entity, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = http_body_json(r), *row = NULL;
    if (!in)
        return;
    if (record_create(r->sc, &r->caller, r->route->entity, in, &row, &e) != 0)
        http_error(r, &e);
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
        http_error(r, &e);
        return;
    }
    json_t *in = http_body_json(r), *row = NULL;
    if (!in)
        return;
    int rc = record_update(r->sc, &r->caller, r->route->entity, r->id, in, &row, &e);
    http_reply(r, rc, row, &e);
    json_decref(in);
}

void api_entity_delete(http_req *r)
{
    err_t e = ERR_INIT;
    if (!signed_in(r))
        return;
    if (record_delete(r->sc, &r->caller, r->route->entity, r->id, &e) != 0)
        http_error(r, &e);
    else
        http_raw(r, 204, NULL, "", 0);
}
