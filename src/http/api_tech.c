/*
 * api_tech.c — the technology platform's routes beyond the generic entity
 * routes (which serve its records: schema/entities_tech.c):
 *
 *   POST /api/v1/need-responses/{id}/accept   the need's enterprise accepts
 *        a response; the answer is the project it created (201).
 *   GET  /api/v1/tech-needs/{id}/suggestions, /capabilities/{id}/suggestions
 *        the capabilities that could answer a need, the needs a capability
 *        could answer, with reasons (tech_suggest).
 *
 * The handler asks the domain (tech_accept_response), which decides who
 * may before it reads anything of the body beyond its shape.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/record.h"
#include "domain/tech.h"
#include "http/http.h"

void api_response_accept(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL, *in = NULL;
    if (tech_may_accept(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (r->body_len) {
        in = http_body_json(r);
        if (!in)
            return;
        if (!json_is_object(in)) {
            json_decref(in);
            err_set(&e, ERR_BAD_REQUEST, "请求体应为 JSON 对象 (the body must be a JSON object)");
            http_error(r, &e);
            return;
        }
    }
    int rc = tech_accept_response(r->sc, &r->caller, r->id, in, &out, &e);
    json_decref(in);
    if (rc != 0) {
        http_error(r, &e);
        return;
    }
    http_json(r, 201, out);
}

/* GET /api/v1/tech-needs/{id}/suggestions and /capabilities/{id}/suggestions
 * [?limit=1..100, default 20]: the record must be readable first (404),
 * then the limit is looked at. */
void api_tech_suggestions(http_req *r)
{
    err_t e = ERR_INIT;
    const char *from = strstr(r->path, "/tech-needs/") ? "tech_needs" : "capabilities";
    json_t *row = NULL, *out = NULL;
    if (record_get(r->sc, &r->caller, entity_find(from), r->id, &row, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_decref(row);
    const char *ls = http_query(r, "limit");
    char *end = NULL;
    long long limit = ls ? strtoll(ls, &end, 10) : 20;
    if (ls && (!*ls || *end || limit < 1 || limit > 100)) {
        err_field(&e, "limit", "1–100");
        err_set(&e, ERR_BAD_REQUEST, "limit 应为 1 到 100 (limit must be 1 to 100)");
        http_error(r, &e);
        return;
    }
    int rc = tech_suggest(r->sc, &r->caller, from, r->id, limit, &out, &e);
    http_reply(r, rc, out, &e);
}
