/*
 * api_training.c — joint training's route beyond the generic entity
 * routes (which serve its registers: schema/entities_training.c):
 *
 *   GET /api/v1/consortia/{id}/training-stats[?year=Y]
 *
 * Who may read is asked first (404 for a consortium the caller may not
 * read, whatever the query), then the year: 1950–2100, or absent for
 * every year; training_stats asks again before it counts.
 */
#include <jansson.h>
#include <stdlib.h>

#include "domain/training.h"
#include "http/http.h"

void api_training_stats(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    /* Who may read first: a consortium hidden from the caller is 404
     * whatever the year says. */
    if (perm_consortium_readable(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    const char *ys = http_query(r, "year");
    char *end = NULL;
    long long year = ys && *ys ? strtoll(ys, &end, 10) : 0;
    if (ys && *ys && (*end || year < 1950 || year > 2100)) {
        err_field(&e, "year", "1950–2100");
        err_set(&e, ERR_BAD_REQUEST, "year 应为 1950 到 2100 的年份 (year must be 1950 to 2100)");
        http_error(r, &e);
        return;
    }
    int rc = training_stats(r->sc, &r->caller, r->id, year, &out, &e);
    http_reply(r, rc, out, &e);
}
