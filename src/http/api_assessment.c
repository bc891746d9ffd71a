/*
 * api_assessment.c — the year's assessment over HTTP (domain/assessment.h;
 * docs/monitoring.md):
 *
 *   POST  /api/v1/consortia/{id}/assessments     {"year","cutoff_on"?,"framework_id"?}
 *   GET   /api/v1/consortia/{id}/assessments
 *   GET   /api/v1/consortia/{id}/goals[?year=Y]
 *   GET   /api/v1/assessments/{id}
 *   PATCH /api/v1/assessments/{id}               {"cutoff_on"}
 *   POST  /api/v1/assessments/{id}/compute
 *   PATCH /api/v1/assessments/{id}/values/{indicator}  {"target"?,"reported"?,"evidence"?,"note"?}
 *   POST  /api/v1/assessments/{id}/submit
 *   POST  /api/v1/assessments/{id}/reopen        {"comment"}
 *   GET   /api/v1/assessments/{id}/versions/{version}
 *
 * Who may write is asked before the body is read (401, 403, 404); the
 * rules are the domain's.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/assessment.h"
#include "http/http.h"

/* The positive integer of the second path parameter ({indicator},
 * {version}), or 0. */
static int64_t segment_id(http_req *r)
{
    const char *s = r->segment;
    int64_t v = 0;
    size_t n = s ? strcspn(s, "/") : 0;
    if (!n || n > 15)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

void api_assessment_create(http_req *r)
{
    err_t e = ERR_INIT;
    if (assessment_may_write_consortium(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = http_body_json(r), *out = NULL;
    if (!in)
        return;
    if (assessment_create(r->sc, &r->caller, r->id, in, &out, &e) != 0)
        http_error(r, &e);
    else {
        char *loc = xasprintf("/api/v1/assessments/%lld",
                              (long long)json_integer_value(json_object_get(out, "id")));
        http_header(r, "Location", loc);
        free(loc);
        http_json(r, 201, out);
    }
    json_decref(in);
}

HTTP_READER(api_assessment_list, assessment_list)
HTTP_READER(api_assessment_get, assessment_get)

void api_assessment_goals(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (perm_consortium_readable(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    const char *ys = http_query(r, "year");
    long year = 0;
    if (ys && *ys) {
        char *end;
        year = strtol(ys, &end, 10);
        if (*end || year < 2000 || year > 2100) {
            err_field(&e, "year", "应为 2000 到 2100 之间的年份 (a year 2000–2100)");
            err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): year");
            http_error(r, &e);
            return;
        }
    }
    int rc = assessment_goals(r->sc, &r->caller, r->id, (int)year, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_assessment_version(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    int64_t v = segment_id(r);
    int rc = v > 0 ? assessment_version(r->sc, &r->caller, r->id, v, &out, &e)
                   : err_set(&e, ERR_NOT_FOUND, "没有这一版 (no such version)");
    http_reply(r, rc, out, &e);
}

/* A write with a JSON body, after the caller is known to be allowed. */
typedef int (*body_write)(store_conn *, const caller_t *, int64_t, json_t *, json_t **, err_t *);

static void write_with_body(http_req *r, body_write fn)
{
    err_t e = ERR_INIT;
    if (assessment_may_write(r->sc, &r->caller, r->id, NULL, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = http_body_json(r), *out = NULL;
    if (!in)
        return;
    int rc = fn(r->sc, &r->caller, r->id, in, &out, &e);
    http_reply(r, rc, out, &e);
    json_decref(in);
}

void api_assessment_update(http_req *r)
{
    write_with_body(r, assessment_update);
}

void api_assessment_value(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t iid = segment_id(r);
    bool by_authority;
    if (assessment_may_set_value(r->sc, &r->caller, r->id, NULL, &by_authority, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = http_body_json(r), *out = NULL;
    if (!in)
        return;
    int rc = iid > 0 ? assessment_value_set(r->sc, &r->caller, r->id, iid, in, &out, &e)
                     : err_set(&e, ERR_NOT_FOUND, "没有这个指标 (no such indicator)");
    http_reply(r, rc, out, &e);
    json_decref(in);
}

void api_assessment_compute(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    int rc = assessment_compute(r->sc, &r->caller, r->id, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_assessment_submit(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    int rc = assessment_submit(r->sc, &r->caller, r->id, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_assessment_reopen(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *row = NULL;
    /* Platform admins only: asked before the body is read. */
    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
        return;
    }
    if (assessment_get(r->sc, &r->caller, r->id, &row, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_decref(row);
    if (!caller_is_admin(&r->caller)) {
        http_fail(r, ERR_FORBIDDEN,
                  "只有平台管理员可以重新打开已提交的年度 (only a platform admin may reopen a "
                  "submitted year)");
        return;
    }
    json_t *in = http_body_json(r), *out = NULL;
    if (!in)
        return;
    int rc = assessment_reopen(r->sc, &r->caller, r->id, in, &out, &e);
    http_reply(r, rc, out, &e);
    json_decref(in);
}
