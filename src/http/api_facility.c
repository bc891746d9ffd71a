/*
 * api_facility.c — co-built facilities' routes beyond the generic entity
 * routes (which serve facilities, facility-owners and facility-bookings:
 * schema/entities_resources.c):
 *
 *   GET /api/v1/facilities/{id}/calendar?from=&to=
 *        the bookings of a window, the booking unit named to who may read
 *        the booking (facility_calendar);
 *   GET /api/v1/facilities/{id}/availability?starts_at=&ends_at=
 *        [&stations=][&exclude=]  free stations at the peak and the
 *        approved bookings in the way, so a form shows a conflict before
 *        it is submitted (facility_availability);
 *   GET /api/v1/consortia/{id}/facility-stats?year=Y
 *        station-hours booked over open, person-times per month, outside
 *        use (facility_stats).
 *
 * The facility (or consortium) must be readable first — 404 otherwise —
 * before the parameters are looked at.
 */
#include <jansson.h>
#include <stdlib.h>
#include <time.h>

#include "domain/facility.h"
#include "domain/record.h"
#include "http/http.h"

static bool readable(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *row = NULL;
    if (record_get(r->sc, &r->caller, entity_find("facilities"), r->id, &row, &e) != 0) {
        http_error(r, &e);
        return false;
    }
    json_decref(row);
    return true;
}

void api_facility_calendar(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (!readable(r))
        return;
    int rc = facility_calendar(r->sc, &r->caller, r->id, http_query(r, "from"), http_query(r, "to"),
                               &out, &e);
    http_reply(r, rc, out, &e);
}

void api_facility_availability(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    long long stations, exclude;
    if (!readable(r) || http_query_int(r, "stations", 1, 100000, 1, &stations) != 0 ||
        http_query_int(r, "exclude", 0, (long long)1 << 53, 0, &exclude) != 0)
        return;
    int rc = facility_availability(r->sc, &r->caller, r->id, http_query(r, "starts_at"),
                                   http_query(r, "ends_at"), stations, exclude, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_facility_stats(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (perm_consortium_readable(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    time_t now = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    long long year;
    if (http_query_int(r, "year", 2000, 2100, tm.tm_year + 1900, &year) != 0)
        return;
    int rc = facility_stats(r->sc, &r->caller, r->id, (int)year, &out, &e);
    http_reply(r, rc, out, &e);
}
