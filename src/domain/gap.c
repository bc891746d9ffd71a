/*
 * gap.c — the gap arithmetic of gap.h.
 *
 * Sizes are those of catalogues, not of the raw rows: the store hands in
 * totals per occupation and per major (at most a few thousand each) and
 * the crosswalk links, so a sort plus binary search is all the indexing
 * needed; the whole computation takes microseconds.
 */
#include "domain/gap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

typedef struct {
    const char *code;
    double amount;
} sum_t;

static int cmp_sum(const void *a, const void *b)
{
    return strcmp(((const sum_t *)a)->code, ((const sum_t *)b)->code);
}

/* Sorted unique codes with summed amounts; *n in/out. */
static sum_t *sum_codes(const gap_amount *in, size_t *n)
{
    sum_t *s = xcalloc(*n ? *n : 1, sizeof *s);
    for (size_t i = 0; i < *n; i++)
        s[i] = (sum_t){in[i].code, in[i].amount};
    qsort(s, *n, sizeof *s, cmp_sum);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (k && !strcmp(s[k - 1].code, s[i].code))
            s[k - 1].amount += s[i].amount;
        else
            s[k++] = s[i];
    }
    *n = k;
    return s;
}

static sum_t *find(sum_t *s, size_t n, const char *code)
{
    sum_t key = {code, 0};
    return bsearch(&key, s, n, sizeof *s, cmp_sum);
}

/* Links sorted by major, so each major's rows are together. */
static int cmp_link(const void *a, const void *b)
{
    const gap_link *x = *(const gap_link *const *)a, *y = *(const gap_link *const *)b;
    int c = strcmp(x->major, y->major);
    return c ? c : strcmp(x->occupation, y->occupation);
}

static int cmp_row(const void *a, const void *b)
{
    const gap_row *x = a, *y = b;
    double gx = gap_round2(x->gap), gy = gap_round2(y->gap);
    if (gx != gy)
        return gx < gy ? 1 : -1;
    return strcmp(x->code, y->code);
}

double gap_round2(double x)
{
    /* The nudge keeps a value that is a half cent in decimal but a hair
     * below it in binary (0.285 → 0.28499999…) rounding as people expect. */
    double y = x * 100.0;
    y = y >= 0 ? floor(y + 0.5 + 1e-7) : -floor(-y + 0.5 + 1e-7);
    return y / 100.0 + 0.0; /* + 0.0: no "-0" */
}

int gap_compute(const gap_amount *demand, size_t nd, const gap_amount *supply, size_t ns,
                const gap_link *links, size_t nl, gap_result *out)
{
    memset(out, 0, sizeof *out);
    sum_t *D = sum_codes(demand, &nd);
    sum_t *G = sum_codes(supply, &ns);

    /* w(m,o) per link, in major order. */
    const gap_link **lk = xcalloc(nl ? nl : 1, sizeof *lk);
    double *w = xcalloc(nl ? nl : 1, sizeof *w);
    for (size_t i = 0; i < nl; i++)
        lk[i] = &links[i];
    qsort(lk, nl, sizeof *lk, cmp_link);
    for (size_t i = 0; i < nl;) {
        size_t j = i;
        bool any = false;
        double sum = 0;
        while (j < nl && !strcmp(lk[j]->major, lk[i]->major)) {
            if (lk[j]->has_weight) {
                any = true;
                sum += lk[j]->weight;
            }
            j++;
        }
        for (size_t k = i; k < j; k++)
            w[k] = !any        ? 1.0 / (double)(j - i)
                   : sum > 0.0 ? (lk[k]->has_weight ? lk[k]->weight / sum : 0.0)
                               : 0.0;
        i = j;
    }

    /* S(o) over the occupations that either side names. */
    size_t cap = nd + nl + 1, nocc = 0;
    sum_t *S = xcalloc(cap, sizeof *S);
    for (size_t i = 0; i < nl; i++) {
        sum_t *g = find(G, ns, lk[i]->major);
        if (!g || g->amount <= 0 || w[i] <= 0)
            continue;
        S[nocc++] = (sum_t){lk[i]->occupation, g->amount * w[i]};
    }
    for (size_t i = 0; i < nd; i++)
        S[nocc++] = (sum_t){D[i].code, 0.0};
    qsort(S, nocc, sizeof *S, cmp_sum);
    size_t k = 0;
    for (size_t i = 0; i < nocc; i++) {
        if (k && !strcmp(S[k - 1].code, S[i].code))
            S[k - 1].amount += S[i].amount;
        else
            S[k++] = S[i];
    }
    nocc = k;

    out->occupations = xcalloc(nocc ? nocc : 1, sizeof *out->occupations);
    for (size_t i = 0; i < nocc; i++) {
        sum_t *d = find(D, nd, S[i].code);
        double dv = d ? d->amount : 0.0;
        if (dv <= 0 && S[i].amount <= 0)
            continue;
        out->occupations[out->n_occupations++] =
            (gap_row){S[i].code, dv, S[i].amount, dv - S[i].amount};
    }

    /* Flows and demand(m). */
    out->flows = xcalloc(nl ? nl : 1, sizeof *out->flows);
    out->majors = xcalloc(ns ? ns : 1, sizeof *out->majors);
    for (size_t i = 0; i < ns; i++)
        out->majors[i] = (gap_row){G[i].code, 0.0, G[i].amount, 0.0};
    out->n_majors = ns;
    for (size_t i = 0; i < nl; i++) {
        size_t mi;
        sum_t *g = find(G, ns, lk[i]->major);
        if (!g || g->amount <= 0 || w[i] <= 0)
            continue;
        mi = (size_t)(g - G);
        sum_t *so = find(S, nocc, lk[i]->occupation);
        sum_t *d = find(D, nd, lk[i]->occupation);
        double flow_s = g->amount * w[i];
        double flow_d = so && so->amount > 0 && d ? d->amount * flow_s / so->amount : 0.0;
        out->flows[out->n_flows++] =
            (gap_flow){lk[i]->major, lk[i]->occupation, w[i], flow_s, flow_d};
        out->majors[mi].demand += flow_d;
    }
    for (size_t i = 0; i < ns; i++)
        out->majors[i].gap = out->majors[i].demand - out->majors[i].supply;

    qsort(out->occupations, out->n_occupations, sizeof *out->occupations, cmp_row);
    qsort(out->majors, out->n_majors, sizeof *out->majors, cmp_row);
    free(D);
    free(G);
    free(S);
    free(lk);
    free(w);
    return 0;
}

void gap_result_free(gap_result *r)
{
    if (!r)
        return;
    free(r->occupations);
    free(r->majors);
    free(r->flows);
    memset(r, 0, sizeof *r);
}

const char *gap_action(double graduates, double demand, double expand, double shrink,
                       double *ratio)
{
    if (graduates <= 0) {
        *ratio = -1;
        return "hold";
    }
    double r = demand / graduates;
    *ratio = r;
    /* Compared at the precision shown (2 decimals), so the stated ratio
     * and the action never disagree. */
    double rr = gap_round2(r);
    if (rr >= expand)
        return "expand";
    if (rr <= shrink)
        return "shrink";
    return "hold";
}
