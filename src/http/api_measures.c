/*
 * api_measures.c — the measures library and a measure's value (issue 12),
 * and an indicator framework as a tree:
 *
 *   GET /api/v1/measures                              anyone: the library
 *   GET /api/v1/consortia/{id}/measures/{key}?year=Y[&cutoff=D][&params=J]
 *                                                     who may read the
 *                                                     consortium's figures
 *   GET /api/v1/indicator-frameworks/{id}/tree        anyone
 */
#include <string.h>

#include "domain/framework.h"
#include "domain/measures.h"
#include "http/http.h"

void api_measures_list(http_req *r)
{
    http_json(r, 200, measure_list_json());
}

void api_measure_value(http_req *r)
{
    err_t e = ERR_INIT;
    char key[64];
    /* {id} comes first; the segment is the key after ".../measures/". */
    size_t n = r->segment ? strcspn(r->segment, "/") : 0;
    snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : 0), r->segment ? r->segment : "");
    json_t *out = NULL;
    int rc = measure_get(r->sc, &r->caller, r->id, http_query(r, "year"), http_query(r, "cutoff"),
                         key, http_query(r, "params"), &out, &e);
    http_reply(r, rc, out, &e);
}

void api_framework_tree(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    int rc = framework_tree(r->sc, &r->caller, r->id, &out, &e);
    http_reply(r, rc, out, &e);
}
