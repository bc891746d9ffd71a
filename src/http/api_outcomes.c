/*
 * api_outcomes.c — the outcome figures over HTTP:
 *
 *   GET /api/v1/consortia/{id}/outcomes[?year=Y]
 *
 * Per year (or the one year asked for) and in total: interns placed,
 * graduates delivered, certificates by level and technician or above,
 * person-times trained by training kind (domain/outcomes.h gives the
 * shape).  Open to whoever may read the consortium — anyone, for a public
 * one — since it answers aggregates only: no names, no students, and no
 * row a reader could not count from the public registers except the
 * number of interns, which is what the reports publish.
 */
#include <jansson.h>
#include <stdlib.h>

#include "domain/outcomes.h"
#include "http/http.h"

void api_outcomes(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    const char *ys = http_query(r, "year");
    long year = 0;
    /* The consortium must exist and be readable (404 otherwise), before
     * the parameters are looked at. */
    if (perm_consortium_readable(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
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
    int rc = outcomes_get(r->sc, r->id, (int)year, &out, &e);
    http_reply(r, rc, out, &e);
}
