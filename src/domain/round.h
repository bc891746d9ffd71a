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
#include "io/table.h"

/* action: open, close-applications, close, run, publish.  *out: the
 * round as GET /api/v1/match-rounds/{id} returns it. */
int round_action(store_conn *sc, const caller_t *c, int64_t id, const char *action, json_t **out,
                 err_t *e);
int round_positions(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
/* Whether the caller may write in the round at all, before its body is
 * read (authorisation first): what "list" — a student with a record in
 * the round's consortium — or "ranking" — the secretariat, or a user of
 * an enterprise with a position in the round.  0, or -1 with e (401, 404,
 * 403).  round_save_list / round_save_ranking check it again, and then
 * what depends on the body (a position of the caller's own). */
int round_may_write(store_conn *sc, const caller_t *c, int64_t id, const char *what, err_t *e);
/* The student's ranked list (demand ids, most wanted first). */
int round_save_list(store_conn *sc, const caller_t *c, int64_t id, json_t *positions, json_t **out,
                    err_t *e);
int round_my(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_suggestions(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_applicants(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_save_ranking(store_conn *sc, const caller_t *c, int64_t id, int64_t demand_id,
                       json_t *students, json_t **out, err_t *e);
int round_school(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_stats(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
int round_results(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);
/* The results as a spreadsheet (the items of round_results). */
int round_results_table(json_t *results, table_format fmt, bool en, buf_t *out, err_t *e);

#endif
