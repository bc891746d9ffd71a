/*
 * store_annual_report.h — the hand-written queries of the annual report
 * (domain/annual_report.c): the school–enterprise pairs with their
 * figures, and the year's assessment against the indicators of
 * migrations/019_monitoring.sql.  They answer counts and the rows of the
 * monitoring tables; who may see what is domain/annual_report.c's
 * business.
 */
#ifndef CJ_STORE_ANNUAL_REPORT_H
#define CJ_STORE_ANNUAL_REPORT_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* The consortium's school–enterprise pairs (主要校企合作): every (school,
 * enterprise) that has a placement, an employment outcome or a joint
 * project between them, with
 *   interns       distinct students placed there whose placement (not
 *                 merely planned) is of `year`,
 *   interns_total the same over every year up to `year`,
 *   graduates     Σ headcount employed (kind employed) up to `year`,
 *   certificates_technician  certificates at 技师 or above held in either
 *                 unit, issued up to `year`,
 *   person_times  Σ person-times of trainings either unit gave up to
 *                 `year`, new_occupation_person_times those of kind
 *                 new_occupation,
 *   projects      joint R&D projects (rd_projects) one leads and the other
 *                 partners, started up to `year` (or undated), neither
 *                 rejected nor terminated.
 * *items (new array) objects school_id, school, enterprise_id, enterprise
 * and the figures, most interns and graduates first. */
int store_report_pairs(store_conn *c, int64_t consortium_id, int year, json_t **items, err_t *e);

/* The consortium's assessment of `year`, or *out NULL when there is none:
 * {id, status, cutoff_on, result, score, version, submitted_at,
 *  framework_id, framework, snapshot (the last submitted version's
 *  snapshot text parsed, or null), items: [level-3 indicators in order:
 *  {code, name, name_en, unit, direction, veto, source, target, computed,
 *  reported, rag}]}. */
int store_report_assessment(store_conn *c, int64_t consortium_id, int year, json_t **out, err_t *e);

#endif
