/*
 * api_privacy.c — personal data over HTTP (PIPL, 个人信息保护法):
 *
 *   GET  /api/v1/me/data              everything held on the signed-in
 *                                     user, as a JSON download
 *   POST /api/v1/students/{id}/erase  {"confirm": true} — the school
 *                                     erases a student (domain/privacy.h)
 *
 * The erase route checks who calls before it reads the body.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "domain/privacy.h"
#include "http/http.h"

void api_me_data(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (privacy_export(r->sc, &r->caller, &out, &e) != 0) {
        http_error(r, &e);
        return;
    }
    char *name = xasprintf("chanjiao-my-data-%lld.json", (long long)r->caller.user_id);
    http_attachment(r, name);
    free(name);
    http_header(r, "Cache-Control", "no-store");
    http_json(r, 200, out);
}

void api_student_erase(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (privacy_may_erase(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = http_body_json(r);
    if (!in)
        return;
    bool confirmed = json_is_true(json_object_get(in, "confirm"));
    json_decref(in);
    int rc = privacy_erase(r->sc, &r->caller, r->id, confirmed, &out, &e);
    http_reply(r, rc, out, &e);
}
