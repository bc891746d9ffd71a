/*
 * training.h — the joint-training rules (issue 11) that the descriptions
 * (schema/entities_training.c) cannot say, and its figures.
 */
#ifndef CJ_TRAINING_H
#define CJ_TRAINING_H

#include "domain/perm.h"

/* Called by record.c on every write, beside tech_rules, inside the write
 * transaction, after the description's checks.  before: the stored row
 * (NULL on create); row: the row as it would be written; patch: the
 * fields an update writes (NULL on create).  For the training registers:
 * co-running / co-developing units (enterprise_ids) are enterprises; a
 * staff row's unit is a school or an enterprise, a school teacher's a
 * school; a secondment goes from a school to an enterprise or back as its
 * direction says, and its staff row is of the home unit; a cohort's
 * students are live students of its school, and students_listed is set to
 * their number.  0, or -1 with e (ERR_INVALID with details, ERR_FORBIDDEN).
 * Rows of other entities pass untouched. */
int training_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                   json_t *row, json_t *patch, err_t *e);

/* Called by record.c on every update, after the permission checks and
 * before the patch is validated (who may comes before what is wrong): a
 * cohort's enterprise reads the class (its update right only shows it the
 * student list) but changes nothing — 403.  0 for every other caller and
 * entity. */
int training_may_update(const caller_t *c, const entity_def *d, json_t *before, err_t *e);

/* GET /api/v1/consortia/{id}/training-stats?year=Y (year 0 = all): the
 * figures of the registers, readable by whoever may read the consortium
 * (counts only: no names).  *out (new reference):
 *   {"consortium_id", "year" (null when 0), "totals": {…},
 *    "schools": [{"organization_id", "name", …}]}
 * with the figures of store_training_stats plus programs_co_run_share,
 * courses_co_developed_share, materials_co_developed_share and
 * dual_qualified_share (0…1 rounded to 4 places, null with nothing to
 * share) and cohorts_by_kind; totals are over every unit, schools are
 * the school units by id; facility_use holds the year's facility totals
 * of domain/facility.c (null without a year).  404 for a consortium c
 * may not read. */
int training_stats(store_conn *sc, const caller_t *c, int64_t consortium_id, int64_t year,
                   json_t **out, err_t *e);

#endif
