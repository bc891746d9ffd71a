/*
 * api_consortium.c — a consortium's own figures over HTTP:
 *
 *   GET /api/v1/consortia/{id}/composition
 *   GET /api/v1/consortia/{id}/council
 *   GET /api/v1/consortia/{id}/stats
 *   GET /api/v1/consortia/{id}/options   (option lists, domain/options.c)
 *   GET /api/v1/agenda-items/{id}/result
 *
 * Who may read them, and what, is domain/governance.c's: each handler is
 * one call with the caller.
 */
#include <jansson.h>

#include "domain/governance.h"
#include "domain/options.h"
#include "http/http.h"

HTTP_READER(api_composition, governance_composition)
HTTP_READER(api_council, governance_council)
HTTP_READER(api_consortium_stats, governance_stats)
HTTP_READER(api_agenda_result, governance_motion_result)
HTTP_READER(api_consortium_options, options_effective)
