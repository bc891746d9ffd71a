/*
 * authority.h — the education / industry authority's view (issue 12,
 * docs/authority.md): the consortia it oversees side by side, the policy
 * package granted to them, and the review of their submitted assessments.
 *
 * Who oversees what is domain/perm.c's perm_authority_over (the
 * authority_scopes register); a platform admin sees every consortium.
 * Every function answers 401 to an anonymous caller and 403 to a caller
 * who is neither an authority nor an admin; *out is a new reference the
 * caller owns.
 */
#ifndef CJ_AUTHORITY_H
#define CJ_AUTHORITY_H

#include <jansson.h>
#include <stdint.h>

#include "domain/perm.h"

/* GET /api/v1/authority/overview?year=Y: {year, consortia: [{id, name,
 * short_name, kind, level, region_code, region_name, members, assessment:
 * {id, framework_id, status, version, result, score, cutoff_on,
 * submitted_at, rag: {green, amber, red, none}} | null, policy: [{kind,
 * unit, amount, items}] (the year's), policy_all_years: [...], links:
 * {consortium, annual_report, assessment | null, policy_grants}}]}. */
int authority_overview(store_conn *sc, const caller_t *c, int year, json_t **out, err_t *e);

/* GET /api/v1/authority/indicators?year=Y[&framework_id=]: the level-3
 * indicators of one framework (the one given, else the one most of the
 * year's assessments use, else the active one), with each overseen
 * consortium's value: {year, framework: {id, name, version} | null,
 * consortia: [{id, name, short_name, assessment_id, status}], indicators:
 * [{id, code, name, name_en, unit, direction, veto, source, values:
 * [{consortium_id, value, computed, reported, target, rag}]}]} — value is
 * the reported value if set, else the computed one; null without an
 * assessment of that framework. */
int authority_indicators(store_conn *sc, const caller_t *c, int year, int64_t framework_id,
                         json_t **out, err_t *e);

/* GET /api/v1/authority/scopes: the caller's unit's scopes and the
 * consortia they reach ({scopes: [...], consortia: [{id, name}]}). */
int authority_scopes(store_conn *sc, const caller_t *c, json_t **out, err_t *e);

/* Whether c may comment on assessment id at all (before its body is
 * read): the authority over its consortium, its secretariat, an admin.
 * 0, or -1 with 401, 404 (hidden or absent) or 403 (a reader of the
 * consortium who may not review). */
int assessment_comment_may(store_conn *sc, const caller_t *c, int64_t id, err_t *e);

/* POST /api/v1/assessments/{id}/comments {"body", "action": "comment" |
 * "return"}: a comment (the authority, the secretariat, an admin), or a
 * return (the authority or an admin; only a submitted assessment: its
 * status becomes 'returned' with the comment, in one transaction; 409
 * otherwise).  Audited.  *out: the comment {id, assessment_id, version,
 * action, body, status}. */
int assessment_comment_add(store_conn *sc, const caller_t *c, int64_t id, json_t *body,
                           json_t **out, err_t *e);

/* GET /api/v1/assessments/{id}/comments: {assessment: {id, consortium_id,
 * year, status, version}, items: [{id, version, user_id, author, role,
 * action, body, created_at}]} — for whoever may comment. */
int assessment_comment_list(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);

/* For the CLI: the caller of account `username`, an authority or a
 * platform admin, as the view takes it (ERR_NOT_FOUND: no such account;
 * ERR_INVALID: another role, or a disabled account). */
int authority_caller(store_conn *sc, const char *username, caller_t *out, err_t *e);

#endif
