/*
 * api_tech.c — the technology platform's routes beyond the generic entity
 * routes (which serve its records: schema/entities_tech.c):
 *
 *   POST /api/v1/need-responses/{id}/accept   the need's enterprise accepts
 *        a response; the answer is the project it created (201).
 *
 * The handler asks the domain (tech_accept_response), which decides who
 * may before it reads anything of the body beyond its shape.
 */
#include <jansson.h>

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
