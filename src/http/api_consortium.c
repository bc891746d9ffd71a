/*
 * api_consortium.c — a consortium's own figures over HTTP:
 *
 *   GET /api/v1/consortia/{id}/composition
 *   GET /api/v1/consortia/{id}/council
 *   GET /api/v1/consortia/{id}/stats
 *   GET /api/v1/agenda-items/{id}/result
 *
 * Who may read them, and what, is domain/governance.c's: each handler is
 * one call with the caller.
 */
#include <jansson.h>

#include "domain/governance.h"
#include "http/http.h"

#define READER(name, fn)                                                                           \
    void name(http_req *r)                                                                         \
    {                                                                                              \
        err_t e = ERR_INIT;                                                                        \
        json_t *out = NULL;                                                                        \
        int rc = fn(r->sc, &r->caller, r->id, &out, &e);                                           \
        http_reply(r, rc, out, &e);                                                                \
    }

READER(api_composition, governance_composition)
READER(api_council, governance_council)
READER(api_consortium_stats, governance_stats)
READER(api_agenda_result, governance_motion_result)
