/*
 * api_round.c — matching rounds over HTTP (rules in domain/round.c):
 *
 *   POST /api/v1/match-rounds/{id}/open | close-applications | close | run | publish
 *   GET  /api/v1/match-rounds/{id}/positions
 *   POST /api/v1/match-rounds/{id}/my-list      {"positions":[demand ids]}   (student)
 *   GET  /api/v1/match-rounds/{id}/my           list, result, explanation    (student)
 *   GET  /api/v1/match-rounds/{id}/suggestions                               (student)
 *   GET  /api/v1/match-rounds/{id}/applicants                                (enterprise)
 *   POST /api/v1/match-rounds/{id}/rankings     {"demand_id":N,"students":[ids]}
 *   GET  /api/v1/match-rounds/{id}/school?page=&per_page=&q=&show=&sort=     (school)
 *   GET  /api/v1/match-rounds/{id}/stats                                     (secretariat)
 *   GET  /api/v1/match-rounds/{id}/results[?format=csv|xlsx]                 (secretariat)
 *
 * The round itself is the generic entity /api/v1/match-rounds.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/round.h"
#include "http/http.h"
#include "io/report_table.h"

/* The action is the last segment of the route's pattern. */
void api_round_action(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    const char *action = strrchr(r->route->pattern, '/') + 1;
    int rc = round_action(r->sc, &r->caller, r->id, action, &out, &e);
    http_reply(r, rc, out, &e);
}

HTTP_READER(api_round_positions, round_positions)
HTTP_READER(api_round_my, round_my)
HTTP_READER(api_round_suggestions, round_suggestions)
HTTP_READER(api_round_applicants, round_applicants)
HTTP_READER(api_round_stats, round_stats)

/* A body that is an object with exactly these keys; NULL after a 4xx. */
static json_t *body_with(http_req *r, const char *const *keys)
{
    err_t e = ERR_INIT;
    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
        return NULL;
    }
    json_t *in = http_body_json(r);
    if (!in)
        return NULL;
    const char *key;
    json_t *v;
    json_object_foreach (in, key, v) {
        bool known = false;
        for (const char *const *k = keys; *k; k++)
            known |= !strcmp(*k, key);
        if (!known)
            err_field(&e, key, "未知字段 (unknown field)");
    }
    for (const char *const *k = keys; *k; k++)
        if (!json_object_get(in, *k))
            err_field(&e, *k, "必填 (required)");
    if (e.details) {
        json_decref(in);
        err_set(&e, ERR_INVALID, "输入有误 (validation failed)");
        http_error(r, &e);
        return NULL;
    }
    return in;
}

void api_round_my_list(http_req *r)
{
    static const char *const keys[] = {"positions", NULL};
    err_t e = ERR_INIT;
    if (round_may_list(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = body_with(r, keys), *out = NULL;
    if (!in)
        return;
    int rc = round_save_list(r->sc, &r->caller, r->id, json_object_get(in, "positions"), &out, &e);
    http_reply(r, rc, out, &e);
    json_decref(in);
}

void api_round_rankings(http_req *r)
{
    static const char *const keys[] = {"demand_id", "students", NULL};
    err_t e = ERR_INIT;
    if (round_may_rank(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = body_with(r, keys), *out = NULL;
    if (!in)
        return;
    json_t *d = json_object_get(in, "demand_id");
    if (!json_is_integer(d) || json_integer_value(d) <= 0) {
        json_decref(in);
        err_field(&e, "demand_id", "应为岗位编号 (a position id)");
        err_set(&e, ERR_INVALID, "输入有误 (validation failed)");
        http_error(r, &e);
        return;
    }
    int rc = round_save_ranking(r->sc, &r->caller, r->id, json_integer_value(d),
                                json_object_get(in, "students"), &out, &e);
    http_reply(r, rc, out, &e);
    json_decref(in);
}

void api_round_results(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    bool export;
    table_format fmt;
    if (http_format(r, &export, &fmt) != 0)
        return;
    if (round_results(r->sc, &r->caller, r->id, &out, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (!export) {
        http_json(r, 200, out);
        return;
    }
    buf_t b;
    buf_init(&b);
    const char *lang = http_query(r, "lang");
    if (report_table_round(out, fmt, lang && !strcmp(lang, "en"), &b, &e) != 0)
        http_error(r, &e);
    else {
        char *name = lang && !strcmp(lang, "en")
                         ? xasprintf("match-round-%lld-results.%s", (long long)r->id,
                                     fmt == TABLE_XLSX ? "xlsx" : "csv")
                         : xasprintf("匹配结果-第%lld轮.%s", (long long)r->id,
                                     fmt == TABLE_XLSX ? "xlsx" : "csv");
        http_download(r, fmt, name, &b);
        free(name);
    }
    buf_free(&b);
    json_decref(out);
}

/* The school's students, paged on the server: who may ask is settled
 * before the arguments are read (a stranger gets 401/403/404, not 400). */
void api_round_school(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (round_may_school(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    round_school_query q = {
        .q = http_query(r, "q"), .show = http_query(r, "show"), .sort = http_query(r, "sort")};
    if (http_paging(r, &q.page, &q.per_page) != 0)
        return;
    if (q.show && !round_school_show_known(q.show)) {
        http_fail(r, ERR_BAD_REQUEST,
                  "show 应为 all、none、submitted、matched 或 unmatched (show must be all, none, "
                  "submitted, matched or unmatched)");
        return;
    }
    if (q.sort && *q.sort && !round_school_sort_known(q.sort)) {
        http_fail(r, ERR_BAD_REQUEST,
                  "sort 应为 student_no、name、major_code、choices 或 result，可加前缀 - 倒序 "
                  "(sort must be student_no, name, major_code, choices or result, - for "
                  "descending)");
        return;
    }
    if (q.q && strlen(q.q) > 100) {
        http_fail(r, ERR_BAD_REQUEST, "q 过长（最多 100 字节） (q is too long: 100 bytes at most)");
        return;
    }
    int rc = round_school(r->sc, &r->caller, r->id, &q, &out, &e);
    http_reply(r, rc, out, &e);
}
