/*
 * talent.h — the talent supply–demand platform's analyses, as the API and
 * the CLI present them: gap by occupation or major, trends across
 * periods, the per-major recommendation (专业动态调整), and published,
 * dated demand reports (人才需求动态) that stay as they were.
 *
 * The arithmetic is gap.c's; the totals come from the store; this module
 * names codes from the catalogues, rounds to the cent, explains each
 * recommendation with the figures behind it, and checks who may publish.
 * Every function returns a new JSON reference in *out that the caller
 * owns, or -1 with e set.
 */
#ifndef CJ_TALENT_H
#define CJ_TALENT_H

#include "core/util.h"
#include "domain/perm.h"

/* The demand kind values (employment, internship, apprenticeship,
 * order_class) or NULL; false if kind is not one. */
bool talent_kind_valid(const char *kind);

/* {"by","period","kind","crosswalk":"own"|"shared","items":[{code,name,
 * demand,supply,gap}],"total":N,"unserved":[{code,name,demand}]} */
int talent_gap(store_conn *sc, int64_t consortium_id, int64_t period, const char *kind,
               bool by_major, json_t **out, err_t *e);

/* {"by","periods":[...],"totals":{"demand":[..],"supply":[..],"gap":[..]},
 * "series":[{code,name,demand:[..],supply:[..],gap:[..]}]} over the periods
 * with data in [from, to] (0 = open); series: `code` alone, else the ten
 * codes with the most demand (occupations) or graduates (majors). */
int talent_trend(store_conn *sc, int64_t consortium_id, bool by_major, int64_t from, int64_t to,
                 const char *kind, const char *code, json_t **out, err_t *e);

/* {"period","thresholds":{expand,shrink},"majors":[...],"new_majors":[...]};
 * see docs/api.md.  Requires expand > shrink >= 0. */
int talent_recommend(store_conn *sc, int64_t consortium_id, int64_t period, const char *kind,
                     double expand, double shrink, json_t **out, err_t *e);

/* Whether c may publish demand reports of the consortium (asked before the
 * request body is read); 0, or -1 with 401/403 (404 if c may not see it). */
int talent_report_may_publish(store_conn *sc, const caller_t *c, int64_t consortium_id, err_t *e);
/* Publish the demand report of a period (secretariat of the consortium or
 * platform admin): a snapshot written once and never recomputed; audit
 * logged.  title NULL or "" = "<consortium>P年人才需求动态".  *out is the
 * stored report as talent_report_get returns it. */
int talent_report_publish(store_conn *sc, const caller_t *c, int64_t consortium_id, int64_t period,
                          const char *title, json_t **out, err_t *e);
/* A report readable by c (its consortium readable): the snapshot with id,
 * title, published_at, published_by merged in. */
int talent_report_get(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
/* A page of the reports of a consortium c may read, newest first, without
 * their bodies (each with its summary): *items (caller owns) and *total
 * over all pages; 404 when c may not read the consortium. */
int talent_report_list(store_conn *sc, const caller_t *c, int64_t consortium_id, int64_t page,
                       int64_t per_page, json_t **items, int64_t *total, err_t *e);

#endif
