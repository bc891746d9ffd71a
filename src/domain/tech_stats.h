/*
 * tech_stats.h — the technology platform's figures (技术服务数据): needs
 * published, answered and matched, the median wait for a first answer,
 * projects by kind and status, funds agreed and received, outputs by kind
 * (standards by level) — in total and per unit — for
 * GET /api/v1/consortia/{id}/rd-stats[?year=Y].
 *
 * Counted only over what the caller may read (store_tech_stats): the
 * consortium's secretariat and admins see everything; a member unit's
 * staff the public and members-only needs and their own unit's, and the
 * projects and outputs; anyone else (anonymous on a public consortium, a
 * unit of another consortium) public needs only, and no projects.  A
 * secretariat-only need is in nobody else's figures, not even as a count.
 */
#ifndef CJ_TECH_STATS_H
#define CJ_TECH_STATS_H

#include "domain/perm.h"

/* The figures from the store's rows (store_tech_stats' answer) and unit
 * names ({"id": name}).  Returns a new reference:
 *   {"consortium_id", "year": Y|null,
 *    "needs": {"published","answered","matched","answered_share",
 *              "matched_share","median_days_to_first_response"},
 *    "projects": {"total","by_kind":{..},"by_status":{..}},
 *    "funds": {"agreed","received"},
 *    "outputs": {"total","by_kind":{..},"standards_by_level":{..},"revenue"},
 *    "units": [{"organization_id","name","needs_published","needs_matched",
 *               "responses","projects_led","projects_partnered",
 *               "funds_agreed","funds_received","outputs"}]}
 * Every kind and status is present with 0; shares are fractions 0–1
 * rounded to 3 places (null with no needs); the median is in days (null
 * with no answered need).  Funds agreed are the budgets of projects that
 * were approved (not proposed or rejected); a unit's funds are those of
 * the projects it leads.  Units are those with a figure, by id. */
json_t *tech_stats_figures(json_t *rows, json_t *names, int64_t consortium_id, int year);

/* Read what c may see of consortium_id and build the figures.  404 when
 * c may not read the consortium; -1 with e on a store error. */
int tech_stats_get(store_conn *sc, const caller_t *c, int64_t consortium_id, int year, json_t **out,
                   err_t *e);

#endif
