/*
 * report_table.h — the analyses' answers written as spreadsheets (CSV or
 * XLSX, io/table.h): a round's results, a published demand report, the
 * live gap analysis and the recommendations; figures are number cells.
 *
 * The domain builds the JSON the API answers (domain/round.c,
 * domain/talent.c) and this module only lays it out as rows, with
 * headers in Chinese unless `en`; so the domain writes no files and
 * includes nothing from io/.  Both fill *out (the caller frees it with
 * buf_free) and return 0, or -1 with e set.
 */
#ifndef CJ_REPORT_TABLE_H
#define CJ_REPORT_TABLE_H

#include <jansson.h>
#include <stdbool.h>

#include "core/util.h"
#include "io/table.h"

/* A round's results (the answer of round_results: its "items"). */
int report_table_round(json_t *results, table_format fmt, bool en, buf_t *out, err_t *e);
/* A demand report (talent_report_get's answer): table "items" or NULL
 * (the demand rows, enum values by their labels) or "occupations" (the
 * by-occupation figures); another table is ERR_BAD_REQUEST. */
int report_table_demand(json_t *report, const char *table, table_format fmt, bool en, buf_t *out,
                        err_t *e);
/* The gap analysis (talent_gap's answer): its items; in XLSX a second
 * sheet lists the unserved occupations. */
int report_table_gap(json_t *gap, table_format fmt, bool en, buf_t *out, err_t *e);
/* The recommendations (talent_recommend's answer): one row per major with
 * its figures, action and reason; in XLSX a second sheet lists the
 * majors to open for unserved occupations. */
int report_table_recommend(json_t *rec, table_format fmt, bool en, buf_t *out, err_t *e);
/* The per-unit table of the technology figures (tech_stats_get's answer:
 * its "units"). */
int report_table_rd_units(json_t *stats, table_format fmt, bool en, buf_t *out, err_t *e);

#endif
