/*
 * round.h — matching rounds in the platform (双向选择): a round per
 * consortium and period whose positions are the consortium's published
 * internship / order-class demand (headcount = seats).
 *
 *   draft ──open──▶ open ──close-applications──▶ ranking ──close──▶ closed
 *                     └──────────────close──────────────────────────▲
 *   closed ──run──▶ matched (run again while matched) ──publish──▶ published
 *
 * Students save a ranked list while the round is open and until apply_by;
 * enterprises rank the applicants of their positions while it is open or
 * ranking and until rank_by (dates are China Standard Time, UTC+8: the
 * last day is the whole of that day in Beijing).  Run builds the problem
 * from the lists, solves it with match.c's deferred acceptance (student-
 * or position-optimal, as the round says), proves it with the verifier and
 * stores the result and the verdict; publish freezes it and shows it to
 * students, enterprises and schools.
 *
 * Who sees what (SPEC.md, Trust): a student's profile goes only to the
 * student, the student's school, and the enterprises whose positions the
 * student listed; the secretariat sees figures and pseudonymous results
 * (student id, school, major — no names).
 *
 * Every function takes the caller, checks what it may do, and returns a
 * new JSON reference in *out, or -1 with e set (404 for a round the caller
 * cannot read, 403, 409 for a step the status or a deadline forbids, 422
 * for bad lists).
 */
#ifndef CJ_ROUND_H
#define CJ_ROUND_H

#include "domain/perm.h"

/* action: open, close-applications, close, run, publish.  *out: the
 * round as GET /api/v1/match-rounds/{id} returns it. */
int round_action(store_conn *sc, const caller_t *c, int64_t id, const char *action, json_t **out,
                 err_t *e);
int round_positions(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
/* Authorisation before the body is read (issue 14, hole 10): whether c
 * may save a list in round id (a student with a record in its consortium)
 * or rankings (an organisation's user, or its secretariat); 0, or -1 with
 * 401/403 (404 for a round c may not see). */
int round_may_list(store_conn *sc, const caller_t *c, int64_t id, err_t *e);
int round_may_rank(store_conn *sc, const caller_t *c, int64_t id, err_t *e);
/* The student's ranked list (demand ids, most wanted first). */
int round_save_list(store_conn *sc, const caller_t *c, int64_t id, json_t *positions, json_t **out,
                    err_t *e);
int round_my(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_suggestions(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_applicants(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_save_ranking(store_conn *sc, const caller_t *c, int64_t id, int64_t demand_id,
                       json_t *students, json_t **out, err_t *e);
/* A school's students in the round, one page at a time (issue 16).  q:
 * text matched against name, student number, major and (published) the
 * placement; show: "" or all, none (no list), submitted, matched,
 * unmatched; sort: student_no, name, major_code, choices, result, each
 * also with a leading '-' (descending); page from 1, per_page bounded by
 * the caller (HTTP: 1..500).  *out: {status, items, total (exact, of the
 * filter), page, per_page, counts: {students, submitted, matched} of the
 * whole school}.  round_may_school says first whether c may ask at all
 * (401, 404, 403), so a stranger learns nothing from a bad argument. */
typedef struct {
    const char *q, *show, *sort;
    int64_t page, per_page;
} round_school_query;
int round_may_school(store_conn *sc, const caller_t *c, int64_t id, err_t *e);
bool round_school_show_known(const char *show);
bool round_school_sort_known(const char *sort);
int round_school(store_conn *sc, const caller_t *c, int64_t id, const round_school_query *q,
                 json_t **out, err_t *e);
int round_stats(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_results(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);

#endif
