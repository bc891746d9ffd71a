/*
 * store_authority.h — the authority's reads and the review of assessments
 * (store_authority.c; the rules are domain/authority.c's and
 * domain/perm.c's perm_authority_over).  Tables: authority_scopes and
 * policy_grants (migration 023); assessments, assessment_values and
 * assessment_comments (migration 019) are read, and only the review's
 * two writes — a comment, and the status of a returned submission — are
 * made here.
 *
 * Every function returning JSON gives a new reference the caller owns;
 * each returns 0, or -1 with e.
 */
#ifndef CJ_STORE_AUTHORITY_H
#define CJ_STORE_AUTHORITY_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Whether a live scope of unit org_id names consortium_id or prefixes its
 * region code (false on a database error). */
bool store_authority_over(store_conn *c, int64_t org_id, int64_t consortium_id);

/* The consortia unit org_id oversees, or every live consortium when
 * org_id is 0, by id: [{id, name, short_name, kind, level, region_code,
 * region_name, is_public, members}] (members: current member units). */
int store_authority_consortia(store_conn *c, int64_t org_id, json_t **items, err_t *e);

/* Unit org_id's live scopes: [{id, region_prefix, consortium_id,
 * consortium_name, note}]. */
int store_authority_scopes(store_conn *c, int64_t org_id, json_t **items, err_t *e);

/* consortium_id's assessment of year, or *out = NULL when there is none:
 * {id, framework_id, status, version, result, score, cutoff_on,
 * submitted_at, rag: {green, amber, red, none}}. */
int store_assessment_brief(store_conn *c, int64_t consortium_id, int64_t year, json_t **out,
                           err_t *e);

/* consortium_id's policy grants summed by kind and unit: [{kind, unit,
 * amount, items}] of year (0: every year). */
int store_policy_totals(store_conn *c, int64_t consortium_id, int64_t year, json_t **items,
                        err_t *e);

/* The framework most of the year's assessments of these consortia use
 * (ids: a JSON array of ids), else the active framework effective last;
 * 0 when there is none. */
int store_authority_framework(store_conn *c, json_t *ids, int64_t year, int64_t *framework_id,
                              err_t *e);

/* framework_id's live level-3 indicators in order: [{id, code, name,
 * name_en, unit, direction, veto, source}]; *framework (may be NULL) gets
 * {id, name, version} or NULL when the framework does not exist. */
int store_authority_indicators(store_conn *c, int64_t framework_id, json_t **framework,
                               json_t **items, err_t *e);

/* An assessment's values by indicator: {"<indicator id>": {target,
 * computed, reported, rag}}. */
int store_assessment_value_map(store_conn *c, int64_t assessment_id, json_t **out, err_t *e);

/* The assessment's head {id, consortium_id, year, status, version}, or
 * ERR_NOT_FOUND. */
int store_assessment_head(store_conn *c, int64_t assessment_id, json_t **out, err_t *e);

/* Inside the caller's transaction: set a submitted assessment's status
 * to 'returned' (*changed false when it was not submitted). */
int store_assessment_return(store_conn *c, int64_t assessment_id, bool *changed, err_t *e);

#endif
