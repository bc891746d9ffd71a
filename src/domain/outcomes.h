/*
 * outcomes.h — the outcome figures of a consortium (成效): interns placed,
 * graduates delivered, skill-level certificates and person-times trained,
 * per year and in total, as the reports quote them ("about 200 interns a
 * year", "close to 3 000 graduates delivered", "37 grown to 技师 or
 * above", "over 1 000 person-times of new-occupation training").
 *
 * The store counts (store_outcome_counts); this module turns the counts
 * into the answer of GET /api/v1/consortia/{id}/outcomes: every level and
 * kind present with zeros, "technician or above", and the totals.  It
 * holds only aggregates — never a name or a student.
 */
#ifndef CJ_OUTCOMES_H
#define CJ_OUTCOMES_H

#include "schema/entity.h"
#include "store/store.h"

/* The enumerations of entities_outcomes.c, in their order. */
extern const enum_opt placement_status[], outcome_kinds[], certificate_levels[], training_kinds[];
/* certificate_levels[CERT_TECHNICIAN_INDEX] is 技师: it and the levels
 * after it are "technician or above" (技师及以上). */
#define CERT_TECHNICIAN_INDEX 3

/* The figures from counts (any order).  year 0: every year that has
 * counts, in order, and totals over them; else that year alone (zeros if
 * it has none) and totals equal to it.  Returns a new reference:
 *   {"consortium_id", "year": Y|null, "years": [..],
 *    "by_year": [{"year", FIGURES}], "total": {FIGURES}}
 * FIGURES = "interns" (distinct students whose placement started that
 * year and is not merely planned), "placements" {"total","by_status"},
 * "graduates_delivered" (headcount employed, 就业), "graduates_by_kind",
 * "certificates" {"total","by_level","technician_or_above"},
 * "training" {"trainings","participants","person_times","hours",
 * "by_kind": {kind: {"trainings","participants","person_times"}}}.
 * Totals are sums of the yearly figures (an intern placed in two years
 * counts in both). */
json_t *outcomes_figures(const store_outcome_count *counts, size_t n, int64_t consortium_id,
                         int year);

/* Read the counts and build the figures; -1 with e set on a store error. */
int outcomes_get(store_conn *sc, int64_t consortium_id, int year, json_t **out, err_t *e);

#endif
