/*
 * store_training.h — the joint-training figures' reads (store_training.c):
 * counts of the six registers of schema/entities_training.c, grouped by
 * school, for GET /api/v1/consortia/{id}/training-stats (domain/training.c).
 */
#ifndef CJ_STORE_TRAINING_H
#define CJ_STORE_TRAINING_H

#include "store/store.h"

/* The figures of consortium_id's live rows, per unit: *by_unit (new
 * reference) is {"<organisation id>": {"programs": n, "programs_co_run": n,
 * "courses": n, "courses_co_developed": n, "materials": n,
 * "materials_co_developed": n, "teachers": n, "dual_qualified": n,
 * "mentors": n, "part_time": n, "secondments_to_enterprise": n,
 * "secondment_days_to_enterprise": n, "secondments_to_school": n,
 * "secondment_days_to_school": n, "cohorts": n, "cohorts_order": n,
 * "cohorts_apprenticeship": n, "cohorts_field_engineer": n,
 * "cohort_students": n, "cohort_places": n}}, only the keys a unit has.
 * Programmes are their school's; staff their unit's; a secondment its
 * school side's (the home of a teacher's, the host of an enterprise
 * person's); a cohort its school's.  year 0 = every year; else
 * programmes, courses and materials of that year or before (or with no
 * year), secondments and cohorts of that year; staff always as they
 * stand.  0, or -1 with e. */
int store_training_stats(store_conn *c, int64_t consortium_id, int64_t year, json_t **by_unit,
                         err_t *e);

#endif
