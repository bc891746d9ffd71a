/*
 * facility.h — the rules of co-built, shared facilities (issue 11) that
 * their descriptions (schema/entities_resources.c) cannot say: a
 * booking's steps in order and by the right party, its times normalised,
 * and no two approved bookings together beyond the facility's stations at
 * any moment; the calendar, the availability of a window, and the
 * figures (hours booked over hours open, person-times, outside use).
 */
#ifndef CJ_FACILITY_H
#define CJ_FACILITY_H

#include "domain/perm.h"

/* Called by record.c on every write of a row of d, inside the write
 * transaction (BEGIN IMMEDIATE: one writer at a time, so two approvals
 * racing are checked one after the other), after the description's checks
 * and before the final permission check; the arguments as tech_rules'.
 * Rows of other entities pass untouched.
 *
 * Bookings: the facility's unit is copied into owner_id; starts_at and
 * ends_at are rewritten in +08:00 and their UTC instants kept in
 * starts_utc / ends_utc; stations may not exceed the facility's; a new
 * booking is requested (the secretariat and admins may file one at any
 * status); steps requested → approved | rejected (the facility's unit or
 * the secretariat), approved → rejected (the same), approved → done (the
 * facility's unit or the booking unit; person_times required), else 409
 * out of order or 403 for the wrong party; the facility's unit changes
 * only status, person_times and note.  A row that is approved after the
 * write — newly, or with other times or stations — is swept against the
 * other approved and done bookings of the facility: if at some moment they
 * and it need more than the stations, ERR_CONFLICT (409) whose details
 * name the bookings active at that moment ("conflicts": id,
 * organization_id, organization_name, starts_at, ends_at, stations), the
 * "peak" they use and the facility's "capacity". */
int facility_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                   json_t *row, json_t *patch, err_t *e);

/* GET /api/v1/facilities/{id}/calendar?from=&to=: the facility (readable
 * by c, else 404) and its bookings that are not rejected overlapping
 * [from, to) — each a date (YYYY-MM-DD, from its start / to its end in
 * China Standard Time) or an ISO 8601 time with offset, the window at most
 * 366 days.  *out {"facility_id","stations","from","to","items":[{id,
 * starts_at, ends_at, stations, status}, plus organization_id,
 * organization_name, purpose and people where c may read the booking]}.
 * 400 for a bad window. */
int facility_calendar(store_conn *sc, const caller_t *c, int64_t id, const char *from,
                      const char *to, json_t **out, err_t *e);

/* GET /api/v1/facilities/{id}/availability?starts_at=&ends_at=&stations=
 * [&exclude=booking id]: *out {"capacity","peak" (stations the approved
 * and done bookings use at their peak in the window),"free","stations"
 * (asked, default 1),"fits","conflicts":[the bookings active at the peak,
 * the unit named where c may read the booking]}.  404 for a facility c
 * may not read, 400 for bad times. */
int facility_availability(store_conn *sc, const caller_t *c, int64_t id, const char *starts_at,
                          const char *ends_at, int64_t stations, int64_t exclude, json_t **out,
                          err_t *e);

/* A consortium's facility use in a calendar year (China Standard Time),
 * for the figures here and for other capabilities' figures (training-
 * stats): approved and done bookings clipped to the year. */
typedef struct {
    int64_t facilities, stations;
    int64_t bookings;             /* approved or done, overlapping the year */
    int64_t bookings_done;        /* done */
    int64_t person_times;         /* of done bookings */
    double station_hours_booked;  /* Σ stations × hours booked */
    double station_hours_open;    /* Σ stations × open_hours_week × days/7 */
    double outside_station_hours; /* booked by units that neither own nor co-own */
} facility_totals;
int facility_use_totals(store_conn *sc, int64_t consortium_id, int year, facility_totals *t,
                        err_t *e);

/* GET /api/v1/consortia/{id}/facility-stats?year=Y (readable by whoever
 * may read the consortium's figures): per facility and in total,
 * station-hours booked over station-hours open (utilisation), person-times
 * per month (12, of done bookings by their start), and the share of
 * station-hours booked by outside units. */
int facility_stats(store_conn *sc, const caller_t *c, int64_t consortium_id, int year, json_t **out,
                   err_t *e);

#endif
