/*
 * api_authority.c — the authority's routes (domain/authority.c,
 * docs/authority.md):
 *
 *   GET  /api/v1/authority/overview?year=Y       the overseen consortia side
 *        by side: the year's assessment, policy totals, links;
 *   GET  /api/v1/authority/indicators?year=Y[&framework_id=]
 *        one framework's level-3 indicators, a value per consortium;
 *   GET  /api/v1/authority/scopes                what the caller's unit
 *        oversees;
 *   GET  /api/v1/assessments/{id}/comments       the review of an assessment;
 *   POST /api/v1/assessments/{id}/comments       {"body", "action": "comment"
 *        | "return"}.
 *
 * Who may call is asked first (401/403/404), then the parameters and the
 * body.  Year defaults to last year (China time): the year an assessment
 * is made for.
 */
#include <jansson.h>
#include <stdlib.h>
#include <time.h>

#include "domain/authority.h"
#include "http/http.h"

static long long last_year(void)
{
    time_t now = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    return tm.tm_year + 1900 - 1;
}

/* Whether the caller may use the view at all (401/403 answered if not):
 * the scopes call is the cheapest question that asks it. */
static bool may_view(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (authority_scopes(r->sc, &r->caller, &out, &e) != 0) {
        http_error(r, &e);
        return false;
    }
    json_decref(out);
    return true;
}

void api_authority_overview(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    long long year;
    if (!may_view(r) || http_query_int(r, "year", 2000, 2100, last_year(), &year) != 0)
        return;
    int rc = authority_overview(r->sc, &r->caller, (int)year, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_authority_indicators(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    long long year, fw;
    if (!may_view(r) || http_query_int(r, "year", 2000, 2100, last_year(), &year) != 0 ||
        http_query_int(r, "framework_id", 1, (long long)1 << 53, 0, &fw) != 0)
        return;
    int rc = authority_indicators(r->sc, &r->caller, (int)year, fw, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_authority_scopes(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    int rc = authority_scopes(r->sc, &r->caller, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_assessment_comments(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    int rc = assessment_comment_list(r->sc, &r->caller, r->id, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_assessment_comment_add(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (assessment_comment_may(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *body = http_body_json(r);
    if (!body)
        return;
    int rc = assessment_comment_add(r->sc, &r->caller, r->id, body, &out, &e);
    json_decref(body);
    if (rc == 0) {
        http_json(r, 201, out);
        return;
    }
    http_reply(r, rc, out, &e);
}
