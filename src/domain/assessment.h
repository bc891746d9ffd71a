/*
 * assessment.h — the year's assessment of a consortium against an
 * indicator framework (issue 12; docs/monitoring.md, "The year's
 * assessment").
 *
 * One assessment per consortium and year holds a value row per leaf
 * indicator (level 3): its target (the framework's default until the
 * secretariat sets one), the computed value — the indicator's measure
 * (domain/measures.h) at the cut-off day, with its drill-down — or the
 * value the secretariat reports with evidence files, a note, and its
 * red / amber / green.  A measure that fails leaves the value null, its
 * rag "none" and the reason in `error`: a compute never fails for one
 * indicator.  Branches (levels 1, 2) roll their leaves up; a veto item
 * (否定性, or any leaf under one) red makes the year fail; the score is
 * the weighted share of green: 100 × Σ weight of green leaves / Σ weight
 * of all leaves (a leaf without a weight weighs 1; a veto item of weight
 * 0 counts for the result only).
 *
 * Status: draft → submitted (frozen: every write 409; the whole answer is
 * kept as a version) → reopened by a platform admin, or returned by the
 * authority (editable again; every submitted version stays readable).
 *
 * Who: the consortium's secretariat and platform admins write; they and
 * signed-in staff of its current member units and the authority over it
 * read (assessment_readable, the one rule); everyone else hears 404.  Every write is audited in its
 * transaction.  Every `json_t **out` is a new reference the caller owns.
 */
#ifndef CJ_ASSESSMENT_H
#define CJ_ASSESSMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/perm.h"

/* ---- the rules, pure (tests/unit/test_assessment.c) ------------------- */

/* The rag of one value: "green", "amber", "red" or "none".
 * ge: value ≥ target green, ≥ amber_ratio × target amber, else red;
 * le: value ≤ target green, ≤ target / amber_ratio amber, else red (a
 * target of 0: 0 green, anything else red); eq: equal green, else red.
 * A veto item has no amber: not green is red.  No target or no value:
 * "none".  An unknown direction is read as ge. */
const char *assessment_rag(const char *direction, bool veto, bool has_target, double target,
                           bool has_value, double value, double amber_ratio);
/* A branch from its leaves' counts: red if any red, else amber if any
 * amber, else green if any green, else none. */
const char *assessment_rollup(int green, int amber, int red, int none);
/* Whether an assessment in status may be written (draft, returned,
 * reopened). */
bool assessment_editable(const char *status);

/* ---- who ------------------------------------------------------------- */

/* Whether c may read consortium cid's assessments: its secretariat,
 * platform admins (and the system caller), signed-in staff (org_admin,
 * org_staff) of a current member unit, and the authority that oversees
 * it (perm_authority_over).  The one rule. */
bool assessment_readable(store_conn *sc, const caller_t *c, int64_t cid);
/* Whether c may read assessment aid (files.c: its evidence files). */
bool assessment_file_readable(store_conn *sc, const caller_t *c, int64_t aid);
/* Whether c may write cid's assessments: 0, or -1 with 404 (cid absent
 * or not readable by c), 401 (anonymous), 403 (a reader only). */
int assessment_may_write_consortium(store_conn *sc, const caller_t *c, int64_t cid, err_t *e);
/* The same for assessment aid (404 when absent); *cid set when not NULL. */
int assessment_may_write(store_conn *sc, const caller_t *c, int64_t aid, int64_t *cid, err_t *e);
/* Whether c may set a value of assessment aid: as assessment_may_write,
 * or — *by_authority then true — as the authority that oversees its
 * consortium, which sets targets only (issue 12: targets are set by the
 * secretariat or by the authority). */
int assessment_may_set_value(store_conn *sc, const caller_t *c, int64_t aid, int64_t *cid,
                             bool *by_authority, err_t *e);

/* ---- reads ------------------------------------------------------------ */

/* cid's assessments: {"items":[{id, year, status, result, score, version,
 * cutoff_on, computed_at, submitted_at, framework_id}], "total"}. */
int assessment_list(store_conn *sc, const caller_t *c, int64_t cid, json_t **out, err_t *e);
/* The whole answer of assessment aid: the assessment's columns,
 * "editable", "framework", "indicators" (the tree: branches with rag and
 * counts {green, amber, red, none} and children, leaves with value,
 * computed, reported, target, target_set_by, direction, unit, rag, drill,
 * evidence [{id, name}], note, error), "counts", "versions", "comments",
 * "goals". */
int assessment_get(store_conn *sc, const caller_t *c, int64_t aid, json_t **out, err_t *e);
/* Version v of aid as it was submitted. */
int assessment_version(store_conn *sc, const caller_t *c, int64_t aid, int64_t v, json_t **out,
                       err_t *e);
/* The id of cid's assessment of year (404 when none or not readable). */
int assessment_of_year(store_conn *sc, const caller_t *c, int64_t cid, int year, int64_t *aid,
                       err_t *e);
/* cid's goals with progress at year's cut-off (its last day, or today
 * when earlier): {"year", "cutoff_on", "items":[goal + value, status
 * met|on_track|behind, drill, error]}.  Readable by who may read the
 * consortium.  year 0: this year. */
int assessment_goals(store_conn *sc, const caller_t *c, int64_t cid, int year, json_t **out,
                     err_t *e);

/* ---- writes (each one transaction, audited) --------------------------- */

/* in: {"year", "cutoff_on"?, "framework_id"?}.  409 when cid has the
 * year already or no active framework applies; 422 on bad input. */
int assessment_create(store_conn *sc, const caller_t *c, int64_t cid, json_t *in, json_t **out,
                      err_t *e);
/* Recompute every computed value at the cut-off (409 when submitted). */
int assessment_compute(store_conn *sc, const caller_t *c, int64_t aid, json_t **out, err_t *e);
/* in: {"cutoff_on"} (draft only); recomputes. */
int assessment_update(store_conn *sc, const caller_t *c, int64_t aid, json_t *in, json_t **out,
                      err_t *e);
/* in: {"target"?, "reported"?, "evidence"?, "note"?} for leaf iid. */
int assessment_value_set(store_conn *sc, const caller_t *c, int64_t aid, int64_t iid, json_t *in,
                         json_t **out, err_t *e);
/* Recompute, keep the whole answer as version+1, status submitted. */
int assessment_submit(store_conn *sc, const caller_t *c, int64_t aid, json_t **out, err_t *e);
/* Platform admins: in {"comment"}; a submitted year becomes editable
 * (reopened), its versions kept. */
int assessment_reopen(store_conn *sc, const caller_t *c, int64_t aid, json_t *in, json_t **out,
                      err_t *e);

#endif
