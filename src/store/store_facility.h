/*
 * store_facility.h — the hand-written queries of co-built facilities
 * (schema/entities_resources.c): the bookings that overlap a window of one
 * facility, and the rows behind a consortium's facility figures.  What
 * they mean (the peak sweep, utilisation, outside use) is
 * domain/facility.c's business.
 */
#ifndef CJ_STORE_FACILITY_H
#define CJ_STORE_FACILITY_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* The live bookings of facility_id other than exclude_id whose UTC times
 * overlap [from_utc, to_utc) ("YYYY-MM-DDTHH:MM:SSZ"): approved and done
 * ones (occupying) or, with calendar, every one not rejected.  *items (a
 * new array, by start) holds objects id, consortium_id, organization_id,
 * organization_name, owner_id, starts_at, ends_at, starts_utc, ends_utc,
 * stations, people, purpose, status.  A booking lasts at most 31 days
 * (RESOURCES_MAX_BOOKING_SECONDS), so the query reads one short range of
 * the (facility_id, starts_utc) index. */
int store_facility_overlaps(store_conn *c, int64_t facility_id, int64_t exclude_id,
                            const char *from_utc, const char *to_utc, bool calendar, json_t **items,
                            err_t *e);

/* The approved bookings of facility_id that have not ended by now_utc
 * ("YYYY-MM-DDTHH:MM:SSZ"): future or running, the ones that hold its
 * stations.  *items objects id, starts_utc, ends_utc, stations only (ten
 * thousand of them are read on one edit: bench/bookings.sh). */
int store_facility_holding(store_conn *c, int64_t facility_id, const char *now_utc, json_t **items,
                           err_t *e);

/* A consortium's live facilities: *items objects id, name, kind,
 * organization_id, organization_name, stations, open_hours_week, status,
 * by name. */
int store_facility_list(store_conn *c, int64_t consortium_id, json_t **items, err_t *e);

/* The approved and done bookings of consortium_id's live facilities that
 * overlap [from_utc, to_utc): objects facility_id, organization_id,
 * starts_at, starts_utc, ends_utc, stations, status, person_times and
 * inside (1 when the booking unit owns the facility or is one of its
 * co-owners, else 0). */
int store_facility_usage(store_conn *c, int64_t consortium_id, const char *from_utc,
                         const char *to_utc, json_t **items, err_t *e);

#endif
