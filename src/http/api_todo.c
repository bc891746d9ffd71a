/*
 * api_todo.c — the workspace home of every role over HTTP:
 *
 *   GET /api/v1/me/todo   what waits for the signed-in user and their
 *                         figures (domain/todo.h)
 *
 * The answer is the caller's own; titles and labels come in both
 * languages (title_zh / title_en, label_zh / label_en) for the UI to pick.
 */
#include <jansson.h>

#include "domain/todo.h"
#include "http/http.h"

void api_todo(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    int rc = todo_list(r->sc, &r->caller, &out, &e);
    http_reply(r, rc, out, &e);
}
