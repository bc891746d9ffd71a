/*
 * test_match.c — the matching engine (src/match/match.c).
 *
 * Hand-made instances with known answers, then 200 random small markets
 * checked against brute force: every assignment is enumerated, the stable
 * ones are kept (stability judged here, independently of match_verify),
 * and the engine's student-proposing result must be stable and weakly
 * preferred by every student to every stable matching; its
 * position-proposing result must be stable and weakly worst for every
 * student (the position-optimal stable matching is the student-pessimal
 * one).  A 20 000-student market (big enough for the engine's batches of
 * proposers and its partitioned join to matter) must give exactly what a
 * plain textbook deferred acceptance gives, both ways.  Finally the
 * verifier must catch planted faults.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"

#define MAXS 6
#define MAXP 4

/* A market as the tests write it: lists most wanted first, -1 ends. */
typedef struct {
    int ns, np;
    int slist[MAXS][MAXP + 1];
    int plist[MAXP][MAXS + 1];
    int cap[MAXP];
} market;

static int list_len(const int *l, int max)
{
    int n = 0;
    while (n < max && l[n] >= 0)
        n++;
    return n;
}

static match_problem *build(const market *mk)
{
    uint32_t *s_off = malloc(sizeof(uint32_t) * (MAXS + 1));
    uint32_t *s_pos = malloc(sizeof(uint32_t) * MAXS * MAXP + 4);
    uint32_t *p_off = malloc(sizeof(uint32_t) * (MAXP + 1));
    uint32_t *p_stu = malloc(sizeof(uint32_t) * MAXS * MAXP + 4);
    uint32_t *cap = malloc(sizeof(uint32_t) * MAXP + 4);
    uint32_t n = 0;
    for (int s = 0; s < mk->ns; s++) {
        s_off[s] = n;
        for (int j = 0; j < list_len(mk->slist[s], MAXP); j++)
            s_pos[n++] = (uint32_t)mk->slist[s][j];
    }
    s_off[mk->ns] = n;
    n = 0;
    for (int p = 0; p < mk->np; p++) {
        p_off[p] = n;
        cap[p] = (uint32_t)mk->cap[p];
        for (int j = 0; j < list_len(mk->plist[p], MAXS); j++)
            p_stu[n++] = (uint32_t)mk->plist[p][j];
    }
    p_off[mk->np] = n;
    return match_problem_new((uint32_t)mk->ns, (uint32_t)mk->np, s_off, s_pos, p_off, p_stu, cap);
}

/* rank of x in list l (0 best), or -1 */
static int rank_in(const int *l, int max, int x)
{
    for (int i = 0; i < max && l[i] >= 0; i++)
        if (l[i] == x)
            return i;
    return -1;
}

static int srank(const market *mk, int s, int p)
{
    return p < 0 ? 1000 : rank_in(mk->slist[s], MAXP, p);
}

static bool acceptable(const market *mk, int s, int p)
{
    return rank_in(mk->slist[s], MAXP, p) >= 0 && rank_in(mk->plist[p], MAXS, s) >= 0;
}

/* Independent stability check of a (student -> position or -1). */
static bool stable(const market *mk, const int *a)
{
    int count[MAXP] = {0};
    for (int s = 0; s < mk->ns; s++)
        if (a[s] >= 0) {
            if (!acceptable(mk, s, a[s]))
                return false;
            count[a[s]]++;
        }
    for (int p = 0; p < mk->np; p++)
        if (count[p] > mk->cap[p])
            return false;
    for (int s = 0; s < mk->ns; s++)
        for (int p = 0; p < mk->np; p++) {
            if (!acceptable(mk, s, p) || srank(mk, s, p) >= srank(mk, s, a[s]))
                continue;
            if (count[p] < mk->cap[p])
                return false;
            int rs = rank_in(mk->plist[p], MAXS, s);
            for (int t = 0; t < mk->ns; t++)
                if (a[t] == p && rank_in(mk->plist[p], MAXS, t) > rs)
                    return false;
        }
    return true;
}

static void solve(const market *mk, match_optimal opt, int *a, match_problem **keep)
{
    match_problem *m = build(mk);
    match_result r;
    match_solve(m, opt, &r);
    for (int s = 0; s < mk->ns; s++)
        a[s] = r.student_pos[s] == MATCH_NONE ? -1 : (int)r.student_pos[s];
    match_verdict v;
    assert_true(match_verify(m, r.student_pos, &v));
    free(r.student_pos);
    if (keep)
        *keep = m;
    else
        match_problem_free(m);
}

static void init_market(market *mk, int ns, int np)
{
    memset(mk, 0xff, sizeof *mk);
    mk->ns = ns;
    mk->np = np;
    for (int p = 0; p < np; p++)
        mk->cap[p] = 1;
}

/* 2 × 2 with opposed preferences: the two optimal matchings differ. */
static void test_opposed(void **state)
{
    market mk;
    init_market(&mk, 2, 2);
    int s0[] = {0, 1, -1}, s1[] = {1, 0, -1}, p0[] = {1, 0, -1}, p1[] = {0, 1, -1};
    memcpy(mk.slist[0], s0, sizeof s0);
    memcpy(mk.slist[1], s1, sizeof s1);
    memcpy(mk.plist[0], p0, sizeof p0);
    memcpy(mk.plist[1], p1, sizeof p1);
    int a[MAXS];
    solve(&mk, MATCH_STUDENT_OPTIMAL, a, NULL);
    assert_int_equal(a[0], 0);
    assert_int_equal(a[1], 1);
    solve(&mk, MATCH_POSITION_OPTIMAL, a, NULL);
    assert_int_equal(a[0], 1);
    assert_int_equal(a[1], 0);
}

/* Capacity 2, a student displaced, incomplete lists, one-sided entries. */
static void test_capacity_and_dropped(void **state)
{
    market mk;
    init_market(&mk, 4, 2);
    mk.cap[0] = 2;
    mk.cap[1] = 1;
    int s0[] = {0, -1}, s1[] = {0, 1, -1}, s2[] = {0, 1, -1}, s3[] = {1, -1};
    int p0[] = {2, 0, 1, -1}, p1[] = {1, 2, -1}; /* p1 does not rank s3 */
    memcpy(mk.slist[0], s0, sizeof s0);
    memcpy(mk.slist[1], s1, sizeof s1);
    memcpy(mk.slist[2], s2, sizeof s2);
    memcpy(mk.slist[3], s3, sizeof s3);
    memcpy(mk.plist[0], p0, sizeof p0);
    memcpy(mk.plist[1], p1, sizeof p1);
    int a[MAXS];
    match_problem *m;
    solve(&mk, MATCH_STUDENT_OPTIMAL, a, &m);
    assert_int_equal(a[0], 0);
    assert_int_equal(a[1], 1);
    assert_int_equal(a[2], 0);
    assert_int_equal(a[3], -1);
    assert_int_equal(match_seats(m), 3);
    assert_int_equal(match_pairs(m), 5);
    assert_int_equal(match_dropped(m), 1);

    uint32_t sp[4] = {0, 1, 0, MATCH_NONE};
    match_why *w;
    size_t n = match_explain(m, sp, 1, &w);
    assert_int_equal(n, 1);
    assert_int_equal(w[0].position, 0);
    assert_int_equal(w[0].kind, MATCH_WHY_FILLED);
    assert_int_equal(w[0].higher, 2);
    free(w);
    n = match_explain(m, sp, 3, &w);
    assert_int_equal(n, 1);
    assert_int_equal(w[0].position, 1);
    assert_int_equal(w[0].kind, MATCH_WHY_NOT_ACCEPTABLE);
    free(w);
    n = match_explain(m, sp, 0, &w);
    assert_int_equal(n, 0);
    match_problem_free(m);
}

/* Explanations keep the student's order, one-sided entries included. */
static void test_explain_order(void **state)
{
    market mk;
    init_market(&mk, 2, 3);
    int s0[] = {0, 1, 2, -1}, s1[] = {1, -1};
    int p0[] = {1, -1}, p1[] = {1, 0, -1}, p2[] = {0, -1}; /* p0 does not rank s0 */
    memcpy(mk.slist[0], s0, sizeof s0);
    memcpy(mk.slist[1], s1, sizeof s1);
    memcpy(mk.plist[0], p0, sizeof p0);
    memcpy(mk.plist[1], p1, sizeof p1);
    memcpy(mk.plist[2], p2, sizeof p2);
    int a[MAXS];
    match_problem *m;
    solve(&mk, MATCH_STUDENT_OPTIMAL, a, &m);
    assert_int_equal(a[0], 2);
    assert_int_equal(a[1], 1);
    uint32_t sp[2] = {2, 1};
    match_why *w;
    size_t n = match_explain(m, sp, 0, &w);
    assert_int_equal(n, 2);
    assert_int_equal(w[0].position, 0);
    assert_int_equal(w[0].kind, MATCH_WHY_NOT_ACCEPTABLE);
    assert_int_equal(w[1].position, 1);
    assert_int_equal(w[1].kind, MATCH_WHY_FILLED);
    assert_int_equal(w[1].higher, 1);
    free(w);
    match_problem_free(m);
}

/* Textbook (Gale–Shapley 1962 style) 3 × 3 with a known student-optimal
 * and position-optimal answer. */
static void test_textbook(void **state)
{
    market mk;
    init_market(&mk, 3, 3);
    int s[3][4] = {{0, 1, 2, -1}, {1, 2, 0, -1}, {2, 0, 1, -1}};
    int p[3][4] = {{1, 2, 0, -1}, {2, 0, 1, -1}, {0, 1, 2, -1}};
    for (int i = 0; i < 3; i++) {
        memcpy(mk.slist[i], s[i], sizeof s[i]);
        memcpy(mk.plist[i], p[i], sizeof p[i]);
    }
    int a[MAXS];
    solve(&mk, MATCH_STUDENT_OPTIMAL, a, NULL); /* everyone gets a first choice */
    assert_int_equal(a[0], 0);
    assert_int_equal(a[1], 1);
    assert_int_equal(a[2], 2);
    solve(&mk, MATCH_POSITION_OPTIMAL, a, NULL); /* every position its first */
    assert_int_equal(a[1], 0);
    assert_int_equal(a[2], 1);
    assert_int_equal(a[0], 2);
}

static uint64_t rng = 12345;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static void random_list(int *out, int universe, int max)
{
    int perm[MAXS];
    for (int i = 0; i < universe; i++)
        perm[i] = i;
    for (int i = universe - 1; i > 0; i--) {
        int j = (int)rnd((uint32_t)i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    int len = (int)rnd((uint32_t)universe + 1);
    for (int i = 0; i < len; i++)
        out[i] = perm[i];
    for (int i = len; i <= max; i++)
        out[i] = -1;
}

static void test_random_vs_brute_force(void **state)
{
    for (int iter = 0; iter < 200; iter++) {
        market mk;
        init_market(&mk, 1 + (int)rnd(5), 1 + (int)rnd(3));
        for (int s = 0; s < mk.ns; s++)
            random_list(mk.slist[s], mk.np, MAXP);
        for (int p = 0; p < mk.np; p++) {
            random_list(mk.plist[p], mk.ns, MAXS);
            mk.cap[p] = (int)rnd(3);
        }
        int sopt[MAXS], popt[MAXS];
        solve(&mk, MATCH_STUDENT_OPTIMAL, sopt, NULL);
        solve(&mk, MATCH_POSITION_OPTIMAL, popt, NULL);
        assert_true(stable(&mk, sopt));
        assert_true(stable(&mk, popt));
        /* enumerate every assignment: each student none or a position */
        int total = 1, nstable = 0;
        for (int s = 0; s < mk.ns; s++)
            total *= mk.np + 1;
        for (int code = 0; code < total; code++) {
            int a[MAXS], c = code;
            for (int s = 0; s < mk.ns; s++) {
                a[s] = c % (mk.np + 1) - 1;
                c /= mk.np + 1;
            }
            if (!stable(&mk, a))
                continue;
            nstable++;
            for (int s = 0; s < mk.ns; s++) {
                assert_true(srank(&mk, s, sopt[s]) <= srank(&mk, s, a[s]));
                assert_true(srank(&mk, s, popt[s]) >= srank(&mk, s, a[s]));
            }
        }
        assert_true(nstable >= 1);
    }
}

/* ---- a large market against a textbook implementation ---------------- */

#define BIG_S 20000
#define BIG_P 500

typedef struct {
    uint32_t *s_off, *s_pos, *p_off, *p_stu, *cap;
    /* per position: (student, rank) sorted by student, for rank lookups */
    uint64_t *p_sorted;
} big_market;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* rank of s in p's list, or -1 */
static int64_t big_prank(const big_market *bm, uint32_t p, uint32_t s)
{
    const uint64_t *a = bm->p_sorted + bm->p_off[p];
    uint32_t lo = 0, hi = bm->p_off[p + 1] - bm->p_off[p];
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if ((a[mid] >> 32) < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < bm->p_off[p + 1] - bm->p_off[p] && (a[lo] >> 32) == s)
        return (int64_t)(uint32_t)a[lo];
    return -1;
}

static int64_t big_srank(const big_market *bm, uint32_t s, uint32_t p)
{
    for (uint32_t j = bm->s_off[s]; j < bm->s_off[s + 1]; j++)
        if (bm->s_pos[j] == p)
            return (int64_t)(j - bm->s_off[s]);
    return -1;
}

static void big_make(big_market *bm)
{
    bm->s_off = malloc(sizeof(uint32_t) * (BIG_S + 1));
    bm->s_pos = malloc(sizeof(uint32_t) * BIG_S * 12);
    bm->cap = malloc(sizeof(uint32_t) * BIG_P);
    uint32_t *cnt = calloc(BIG_P + 1, sizeof *cnt);
    uint32_t n = 0;
    for (uint32_t s = 0; s < BIG_S; s++) {
        bm->s_off[s] = n;
        uint32_t len = rnd(13);
        for (uint32_t k = 0; k < len; k++) {
            uint32_t p = rnd(BIG_P) * rnd(BIG_P) / BIG_P, dup = 0; /* skewed */
            for (uint32_t j = bm->s_off[s]; j < n; j++)
                dup |= bm->s_pos[j] == p;
            if (!dup)
                bm->s_pos[n++] = p;
        }
    }
    bm->s_off[BIG_S] = n;
    /* positions rank most who listed them, plus a few who did not */
    uint64_t *keys = malloc(sizeof(uint64_t) * (n + BIG_S));
    uint32_t nk = 0;
    for (uint32_t s = 0; s < BIG_S; s++) {
        for (uint32_t j = bm->s_off[s]; j < bm->s_off[s + 1]; j++)
            if (rnd(10) < 9)
                keys[nk++] = (uint64_t)bm->s_pos[j] << 32 | s;
        if (rnd(4) == 0) {
            uint32_t p = rnd(BIG_P);
            if (big_srank(bm, s, p) < 0)
                keys[nk++] = (uint64_t)p << 32 | s;
        }
    }
    qsort(keys, nk, sizeof *keys, cmp_u64);
    bm->p_off = calloc(BIG_P + 1, sizeof(uint32_t));
    bm->p_stu = malloc(sizeof(uint32_t) * (nk + 1));
    for (uint32_t k = 0; k < nk; k++)
        bm->p_off[(keys[k] >> 32) + 1]++;
    for (uint32_t p = 0; p < BIG_P; p++)
        bm->p_off[p + 1] += bm->p_off[p];
    for (uint32_t k = 0; k < nk; k++)
        bm->p_stu[k] = (uint32_t)keys[k];
    /* shuffle each position's list: its ranking */
    for (uint32_t p = 0; p < BIG_P; p++) {
        uint32_t *a = bm->p_stu + bm->p_off[p], len = bm->p_off[p + 1] - bm->p_off[p];
        for (uint32_t i = len; i > 1; i--) {
            uint32_t j = rnd(i), t = a[i - 1];
            a[i - 1] = a[j];
            a[j] = t;
        }
        bm->cap[p] = rnd(16); /* some 0 */
    }
    bm->p_sorted = malloc(sizeof(uint64_t) * (nk + 1));
    for (uint32_t p = 0; p < BIG_P; p++) {
        for (uint32_t i = bm->p_off[p]; i < bm->p_off[p + 1]; i++)
            bm->p_sorted[i] = (uint64_t)bm->p_stu[i] << 32 | (i - bm->p_off[p]);
        qsort(bm->p_sorted + bm->p_off[p], bm->p_off[p + 1] - bm->p_off[p], sizeof(uint64_t),
              cmp_u64);
    }
    free(keys);
    free(cnt);
}

/* Textbook student-proposing: a stack of free students, each position's
 * held students in a plain array, the worst found by a scan. */
static void big_reference_students(const big_market *bm, int32_t *a)
{
    uint32_t *next = calloc(BIG_S, sizeof *next), *stack = malloc(sizeof(uint32_t) * BIG_S);
    uint32_t *held = malloc(sizeof(uint32_t) * BIG_P * 16), *nheld = calloc(BIG_P, sizeof *nheld);
    uint32_t top = 0;
    for (uint32_t s = BIG_S; s-- > 0;)
        stack[top++] = s;
    for (uint32_t s = 0; s < BIG_S; s++)
        a[s] = -1;
    while (top) {
        uint32_t s = stack[--top];
        while (next[s] < bm->s_off[s + 1] - bm->s_off[s]) {
            uint32_t p = bm->s_pos[bm->s_off[s] + next[s]++];
            int64_t r = big_prank(bm, p, s);
            if (r < 0 || bm->cap[p] == 0)
                continue;
            uint32_t *h = held + p * 16;
            if (nheld[p] < bm->cap[p]) {
                h[nheld[p]++] = s;
                a[s] = (int32_t)p;
                break;
            }
            uint32_t worst = 0;
            for (uint32_t k = 1; k < nheld[p]; k++)
                if (big_prank(bm, p, h[k]) > big_prank(bm, p, h[worst]))
                    worst = k;
            if (big_prank(bm, p, h[worst]) > r) {
                a[h[worst]] = -1;
                stack[top++] = h[worst];
                h[worst] = s;
                a[s] = (int32_t)p;
                break;
            }
        }
    }
    free(next);
    free(stack);
    free(held);
    free(nheld);
}

/* Textbook position-proposing. */
static void big_reference_positions(const big_market *bm, int32_t *a)
{
    uint32_t *next = calloc(BIG_P, sizeof *next), *nheld = calloc(BIG_P, sizeof *nheld);
    bool changed = true;
    for (uint32_t s = 0; s < BIG_S; s++)
        a[s] = -1;
    while (changed) {
        changed = false;
        for (uint32_t p = 0; p < BIG_P; p++)
            while (nheld[p] < bm->cap[p] && next[p] < bm->p_off[p + 1] - bm->p_off[p]) {
                uint32_t s = bm->p_stu[bm->p_off[p] + next[p]++];
                int64_t r = big_srank(bm, s, p);
                if (r < 0)
                    continue;
                if (a[s] < 0 || r < big_srank(bm, s, (uint32_t)a[s])) {
                    if (a[s] >= 0) {
                        nheld[a[s]]--;
                        changed = true;
                    }
                    a[s] = (int32_t)p;
                    nheld[p]++;
                }
            }
    }
    free(next);
    free(nheld);
}

static uint32_t *dup_u32(const uint32_t *a, size_t n)
{
    uint32_t *b = malloc(sizeof *b * (n + 1));
    memcpy(b, a, sizeof *b * n);
    return b;
}

static void test_large_vs_reference(void **state)
{
    big_market bm;
    big_make(&bm);
    uint32_t es = bm.s_off[BIG_S], ep = bm.p_off[BIG_P];
    uint64_t mutual = 0;
    for (uint32_t s = 0; s < BIG_S; s++)
        for (uint32_t j = bm.s_off[s]; j < es && j < bm.s_off[s + 1]; j++)
            mutual += big_prank(&bm, bm.s_pos[j], s) >= 0;
    match_problem *m = match_problem_new(BIG_S, BIG_P, dup_u32(bm.s_off, BIG_S + 1),
                                         dup_u32(bm.s_pos, es), dup_u32(bm.p_off, BIG_P + 1),
                                         dup_u32(bm.p_stu, ep), dup_u32(bm.cap, BIG_P));
    assert_int_equal(match_pairs(m), mutual);
    assert_int_equal(match_dropped(m), (es - mutual) + (ep - mutual));
    int32_t *want = malloc(sizeof(int32_t) * BIG_S);
    for (int way = 0; way < 2; way++) {
        match_optimal opt = way ? MATCH_POSITION_OPTIMAL : MATCH_STUDENT_OPTIMAL;
        if (way)
            big_reference_positions(&bm, want);
        else
            big_reference_students(&bm, want);
        match_result r;
        match_solve(m, opt, &r);
        uint32_t matched = 0;
        for (uint32_t s = 0; s < BIG_S; s++) {
            assert_int_equal(r.student_pos[s] == MATCH_NONE ? -1 : (int32_t)r.student_pos[s],
                             want[s]);
            matched += want[s] >= 0;
        }
        assert_int_equal(r.matched, matched);
        assert_true(matched > 2000); /* ~3 700 seats: a market with real competition */
        match_verdict v;
        assert_true(match_verify(m, r.student_pos, &v));
        free(r.student_pos);
    }
    free(want);
    match_problem_free(m);
    free(bm.s_off);
    free(bm.s_pos);
    free(bm.p_off);
    free(bm.p_stu);
    free(bm.cap);
    free(bm.p_sorted);
}

static void test_verifier_catches(void **state)
{
    market mk;
    init_market(&mk, 2, 2);
    int s0[] = {0, 1, -1}, s1[] = {0, 1, -1}, p0[] = {0, 1, -1}, p1[] = {0, 1, -1};
    memcpy(mk.slist[0], s0, sizeof s0);
    memcpy(mk.slist[1], s1, sizeof s1);
    memcpy(mk.plist[0], p0, sizeof p0);
    memcpy(mk.plist[1], p1, sizeof p1);
    match_problem *m = build(&mk);
    match_verdict v;
    uint32_t good[2] = {0, 1};
    assert_true(match_verify(m, good, &v));
    /* s0 and p0 both prefer each other: a blocking pair */
    uint32_t blocking[2] = {1, 0};
    assert_false(match_verify(m, blocking, &v));
    assert_non_null(strstr(v.message, "blocking pair"));
    /* a free seat at a preferred position */
    uint32_t free_seat[2] = {MATCH_NONE, 1};
    assert_false(match_verify(m, free_seat, &v));
    assert_non_null(strstr(v.message, "free seat"));
    uint32_t over[2] = {0, 0};
    assert_false(match_verify(m, over, &v));
    assert_non_null(strstr(v.message, "capacity"));
    match_problem_free(m);

    /* not mutually acceptable */
    init_market(&mk, 1, 1);
    mk.slist[0][0] = 0;
    m = build(&mk);
    uint32_t bad[1] = {0};
    assert_false(match_verify(m, bad, &v));
    assert_non_null(strstr(v.message, "not mutually acceptable"));
    match_problem_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opposed),
        cmocka_unit_test(test_capacity_and_dropped),
        cmocka_unit_test(test_explain_order),
        cmocka_unit_test(test_textbook),
        cmocka_unit_test(test_random_vs_brute_force),
        cmocka_unit_test(test_large_vs_reference),
        cmocka_unit_test(test_verifier_catches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
