/*
 * gap.h — talent gap analysis: demand per occupation against supply per
 * major, carried across by the major↔occupation crosswalk.
 *
 * The semantics, exactly (consortium C, period P, optional demand kind):
 *   D(o) = published headcount for occupation o;
 *   G(m) = graduates of major m;
 *   w(m,o) = weight / (sum of m's weights); a major whose crosswalk rows
 *            carry no weight splits evenly (1/k); an empty weight beside
 *            given ones counts 0; a major whose weights sum to 0, or with
 *            no crosswalk row, feeds no occupation;
 *   S(o) = Σ_m G(m)·w(m,o);             gap(o) = D(o) − S(o);
 *   demand(m) = Σ_o D(o)·G(m)·w(m,o)/S(o) over o with S(o) > 0;
 *   gap(m) = demand(m) − G(m);
 *   unserved: D(o) > 0 and S(o) = 0.
 * Figures are kept in double and rounded to the cent only on output
 * (gap_round2), so sums are not distorted by rounding on the way.
 *
 * This module is pure arithmetic over arrays: the store supplies the
 * totals (store_gap_inputs, in core/coded.h's plain structs), the HTTP
 * and CLI layers the presentation.
 * Ownership: gap_compute fills a gap_result the caller frees with
 * gap_result_free; codes in it point into the caller's inputs, which must
 * outlive it.
 */
#ifndef CJ_GAP_H
#define CJ_GAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/coded.h"

/* D(o) or G(m) for one code; and one crosswalk row (core/coded.h: the
 * store fills the same structs). */
typedef code_amount gap_amount;
typedef code_link gap_link;

typedef struct {
    const char *code;
    double demand, supply, gap;
} gap_row;

/* A share of a major's graduates going to one occupation, and back. */
typedef struct {
    const char *major, *occupation;
    double w;      /* w(m,o) */
    double supply; /* G(m)·w(m,o) */
    double demand; /* D(o)·G(m)·w(m,o)/S(o), 0 if S(o) = 0 */
} gap_flow;

typedef struct {
    gap_row *occupations; /* D(o) > 0 or S(o) > 0, by gap descending, code */
    size_t n_occupations;
    gap_row *majors; /* every major of the supply input, by gap descending */
    size_t n_majors;
    gap_flow *flows; /* every (m,o) with w > 0 and G(m) > 0 */
    size_t n_flows;
} gap_result;

/* Compute the analysis.  Demand and supply inputs may repeat a code (they
 * are summed); links must not repeat a pair (the store's unique index).
 * Returns 0; out-of-memory aborts. */
int gap_compute(const gap_amount *demand, size_t nd, const gap_amount *supply, size_t ns,
                const gap_link *links, size_t nl, gap_result *out);
void gap_result_free(gap_result *r);

/* x rounded to 2 decimals, halves away from zero. */
double gap_round2(double x);

/* The recommendation for a major with `graduates` and `demand` (demand/
 * supply ratio r = demand/graduates): "expand" when r ≥ expand, "shrink"
 * when r ≤ shrink, else "hold"; "hold" when there are no graduates (no
 * ratio).  *ratio gets r, or -1 when there is none. */
const char *gap_action(double graduates, double demand, double expand, double shrink,
                       double *ratio);

#endif
