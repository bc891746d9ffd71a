/*
 * annual_report.h — a consortium's annual report (年度报告, issue 12) as
 * JSON: every section gathered from the capabilities' own domain
 * functions, each called as the caller, so the report shows what that
 * caller may see and nothing typed into it.  io/report_html.c lays it out
 * as a printable page (and so the PDF), io/report_xlsx.c as a workbook.
 */
#ifndef CJ_ANNUAL_REPORT_H
#define CJ_ANNUAL_REPORT_H

#include <jansson.h>

#include "domain/perm.h"
#include "store/store.h"

/* The report of consortium cid for `year` (2000–2100, else ERR_BAD_REQUEST
 * naming year).  A consortium c may not read is ERR_NOT_FOUND.  *out (new
 * reference, caller owns):
 *   {"consortium": {id, name, short_name, kind, level, region_name,
 *     industry_focus, founded_on, description}, "year",
 *    "profile": {composition {total, by_type [{key, zh, en, n}]},
 *                council {total, by_role [{key, zh, en, n, units [names]}]}},
 *    "governance": {meetings [{title, kind, held_on, status, motions
 *                   [{seq, title, passed, yes, no, abstain, base,
 *                   required}]}], meetings_held, motions, motions_passed,
 *                   work_plan [{title, owner, due_on, status, progress}],
 *                   work_plan_average},
 *    "talent": {demand, supply, gap_top [{code, name, demand, supply,
 *               gap}], lists [{kind, title, published_at, count}],
 *               rounds [{title, status, students, matched}]},
 *    "outcomes": {year figures of domain/outcomes.h, by_year [≤ year],
 *                 pairs [store_report_pairs]},
 *    "tech": tech_stats_get's answer for the year,
 *    "resources": {facilities: facility_stats, training: training_stats},
 *    "indicators": {assessment {…, items [{code, name, unit, target,
 *                   value, rag}], rag_counts} | null,
 *                   goals [{title, target_min, target_max, unit, due_year,
 *                   value, source: measure|manual, progress}]}}
 * No figure depends on the time of the call, so the same records give
 * the same report (the PDF cache relies on it). */
int annual_report_get(store_conn *sc, const caller_t *c, int64_t cid, int year, json_t **out,
                      err_t *e);

#endif
