/*
 * entities_resources.h — what the descriptions of co-built facilities
 * (entities_resources.c) share with the domain: the one reading of a
 * booking's ISO 8601 time.
 */
#ifndef CJ_ENTITIES_RESOURCES_H
#define CJ_ENTITIES_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)" — a real calendar time with an offset
 * (a space instead of T is taken too; fractions of seconds are not).
 * true with *epoch the instant in seconds since 1970 UTC. */
bool resources_time_parse(const char *s, int64_t *epoch);
/* The instant written "YYYY-MM-DDTHH:MM:SS+08:00" (China Standard Time)
 * or, utc, "YYYY-MM-DDTHH:MM:SSZ"; out holds at least 26 bytes. */
void resources_time_format(int64_t epoch, bool utc, char *out, size_t n);
/* A booking lasts at most this long (the sweep's index range). */
#define RESOURCES_MAX_BOOKING_SECONDS (31LL * 86400)

/* The roles of a facility co-owner (facility_owners.role) whose staff
 * read and decide the facility's bookings, as its owning unit does. */
#define FACILITY_DECIDING_ROLES "lead|co_builder|operator"

/* The most photos a facility holds (facilities.photos). */
#define FACILITY_MAX_PHOTOS 12

#endif
