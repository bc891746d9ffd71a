/*
 * match.c — deferred acceptance, its verifier and its explanations.
 *
 * Layout (all flat arrays, built once in match_problem_new()):
 *   s_off/s_pos/s_prank   each student's list, most wanted first; s_prank
 *                         is the position's rank of this student (an
 *                         index that only ever compares against other
 *                         ranks of the same position: smaller = better)
 *   p_off/p_stu/p_srank   each position's list, best first; p_srank is
 *                         the student's rank of this position (likewise)
 *   heap                  one bounded max-heap per position, heap_off[p]
 *                         .. heap_off[p+1], keys (position's rank << 32 |
 *                         student), so the worst accepted is on top and a
 *                         proposal costs one compare, and O(log cap) when
 *                         it displaces someone.
 * Building drops the entries that are not mutual, using a transposed copy
 * of the positions' lists and a stamp array, in O(entries).
 *
 * Student-proposing: a free student proposes down the list; the position
 * keeps it if it has a free seat or ranks it above its worst, who is then
 * displaced and goes on proposing at once (no queue round-trip).
 * Position-proposing: a position with free seats offers them down its
 * list; each student holds the best offer by their own rank, and a
 * position a student leaves goes back on the stack.  Either order of
 * proposals yields the same, proposing-side-optimal, stable matching.
 */
#include "match/match.h"

#include <stdio.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match/match_priv.h"

#define HUGE_PAGE ((size_t)2 << 20)

void match_hugepages(void *p, size_t n)
{
    uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    uintptr_t b = ((uintptr_t)p + n) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (b > a && !getenv("CJ_NO_HUGE"))
        madvise((void *)a, b - a, MADV_HUGEPAGE);
}

void *match_alloc(size_t n)
{
    void *p = xmalloc(n);
    if (n >= 2 * HUGE_PAGE)
        match_hugepages(p, n);
    return p;
}

void *match_calloc(size_t n, size_t size)
{
    void *p = xcalloc(n, size);
    if (n * size >= 2 * HUGE_PAGE)
        match_hugepages(p, n * size);
    return p;
}

struct match_problem {
    uint32_t n_s, n_p;
    uint32_t *s_off, *s_pos, *s_prank;
    uint32_t *p_off, *p_stu, *p_srank;
    uint32_t *cap;      /* as given */
    uint32_t *heap_off; /* [n_p+1], room = min(cap, list length) */
    /* dropped entries of students' lists (not mutual), for explanations:
     * d_pos[k] came after d_before[k] kept entries of the student */
    uint32_t *d_off, *d_pos, *d_before;
    uint64_t seats, dropped;
};

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

match_problem *match_problem_new(uint32_t n_students, uint32_t n_positions, uint32_t *s_off,
                                 uint32_t *s_pos, uint32_t *p_off, uint32_t *p_stu,
                                 uint32_t *capacity)
{
    match_problem *m = xcalloc(1, sizeof *m);
    uint32_t ns = n_students, np = n_positions;
    uint32_t es = s_off[ns], ep = p_off[np];
    m->n_s = ns;
    m->n_p = np;
    m->cap = capacity;

    /* Transpose the positions' lists: for each student, (position, global
     * index of the entry in p_stu). */
    uint32_t *t_off = match_calloc((size_t)ns + 1, sizeof *t_off);
    for (uint32_t i = 0; i < ep; i++)
        t_off[p_stu[i] + 1]++;
    for (uint32_t s = 0; s < ns; s++)
        t_off[s + 1] += t_off[s];
    uint64_t *t_ent = match_alloc((size_t)ep * sizeof *t_ent + 1); /* position << 32 | i */
    uint32_t *fill = xmalloc(((size_t)ns + 1) * sizeof *fill);
    memcpy(fill, t_off, ((size_t)ns + 1) * sizeof *fill);
    for (uint32_t p = 0; p < np; p++)
        for (uint32_t i = p_off[p]; i < p_off[p + 1]; i++)
            t_ent[fill[p_stu[i]]++] = (uint64_t)p << 32 | i;
    free(fill);

    uint32_t *p_srank = match_alloc((size_t)ep * sizeof *p_srank + 1);
    memset(p_srank, 0xff, (size_t)ep * sizeof *p_srank);
    uint32_t *s_prank = match_alloc((size_t)es * sizeof *s_prank + 1);
    uint32_t *stamp = xcalloc((size_t)np + 1, sizeof *stamp);
    uint32_t *mark = xmalloc(((size_t)np + 1) * sizeof *mark);
    uint32_t *d_off = xcalloc((size_t)ns + 1, sizeof *d_off);
    uint32_t d_n = 0, d_cap = 16;
    uint32_t *d_pos = xmalloc(d_cap * sizeof *d_pos), *d_before = xmalloc(d_cap * sizeof *d_before);

    uint32_t w = 0;
    for (uint32_t s = 0; s < ns; s++) {
        for (uint32_t k = t_off[s]; k < t_off[s + 1]; k++) {
            uint32_t i = (uint32_t)t_ent[k], p = (uint32_t)(t_ent[k] >> 32);
            stamp[p] = s + 1;
            mark[p] = i;
        }
        uint32_t start = s_off[s], end = s_off[s + 1], kept0 = w;
        s_off[s] = w;
        for (uint32_t j = start; j < end; j++) {
            uint32_t p = s_pos[j];
            if (stamp[p] == s + 1) {
                s_pos[w] = p;
                s_prank[w] = mark[p];
                p_srank[mark[p]] = w;
                w++;
            } else {
                if (d_n == d_cap) {
                    d_cap *= 2;
                    d_pos = xrealloc(d_pos, d_cap * sizeof *d_pos);
                    d_before = xrealloc(d_before, d_cap * sizeof *d_before);
                }
                d_pos[d_n] = p;
                d_before[d_n] = w - kept0;
                d_n++;
            }
        }
        d_off[s + 1] = d_n;
    }
    s_off[ns] = w;
    free(t_off);
    free(t_ent);
    free(stamp);
    free(mark);

    /* Compact the positions' lists the same way.  s_prank keeps the old
     * global indices: they stay in each position's order, which is all a
     * comparison needs. */
    uint32_t pw = 0;
    for (uint32_t p = 0; p < np; p++) {
        uint32_t start = p_off[p], end = p_off[p + 1];
        p_off[p] = pw;
        for (uint32_t i = start; i < end; i++)
            if (p_srank[i] != MATCH_NONE) {
                p_stu[pw] = p_stu[i];
                p_srank[pw] = p_srank[i];
                pw++;
            }
    }
    p_off[np] = pw;

    m->heap_off = xmalloc(((size_t)np + 1) * sizeof *m->heap_off);
    m->heap_off[0] = 0;
    for (uint32_t p = 0; p < np; p++) {
        uint32_t len = p_off[p + 1] - p_off[p];
        m->heap_off[p + 1] = m->heap_off[p] + (capacity[p] < len ? capacity[p] : len);
        m->seats += capacity[p];
    }
    m->dropped = (uint64_t)(es - w) + (uint64_t)(ep - pw);
    m->s_off = s_off;
    m->s_pos = s_pos;
    m->s_prank = s_prank;
    m->p_off = p_off;
    m->p_stu = p_stu;
    m->p_srank = p_srank;
    m->d_off = d_off;
    m->d_pos = d_pos;
    m->d_before = d_before;
    return m;
}

void match_problem_free(match_problem *m)
{
    if (!m)
        return;
    free(m->s_off);
    free(m->s_pos);
    free(m->s_prank);
    free(m->p_off);
    free(m->p_stu);
    free(m->p_srank);
    free(m->cap);
    free(m->heap_off);
    free(m->d_off);
    free(m->d_pos);
    free(m->d_before);
    free(m);
}

uint32_t match_students(const match_problem *m)
{
    return m->n_s;
}

uint32_t match_positions(const match_problem *m)
{
    return m->n_p;
}

uint64_t match_seats(const match_problem *m)
{
    return m->seats;
}

uint64_t match_pairs(const match_problem *m)
{
    return m->s_off[m->n_s];
}

uint64_t match_dropped(const match_problem *m)
{
    return m->dropped;
}

/* Max-heap h[0..n-1]: put key at the root's place and sift it down. */
static inline void heap_replace_top(uint64_t *h, uint32_t n, uint64_t key)
{
    uint32_t i = 0;
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && h[c + 1] > h[c])
            c++;
        if (h[c] <= key)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = key;
}

static inline void heap_push(uint64_t *h, uint32_t n, uint64_t key)
{
    uint32_t i = n;
    while (i > 0) {
        uint32_t parent = (i - 1) / 2;
        if (h[parent] >= key)
            break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = key;
}

static uint64_t solve_students(const match_problem *m, uint32_t *student_pos)
{
    uint32_t ns = m->n_s, np = m->n_p;
    const uint32_t *s_off = m->s_off, *s_pos = m->s_pos, *s_prank = m->s_prank;
    const uint32_t *hoff = m->heap_off;
    uint64_t *heap = match_alloc(((size_t)hoff[np] + 1) * sizeof *heap);
    uint32_t *hsize = xcalloc((size_t)np + 1, sizeof *hsize);
    uint32_t *next = match_alloc(((size_t)ns + 1) * sizeof *next);
    memcpy(next, s_off, (size_t)ns * sizeof *next);
    uint64_t proposals = 0;

    for (uint32_t s0 = 0; s0 < ns; s0++) {
        uint32_t s = s0;
        /* s proposes until held or out of list; a displaced student
         * takes over at once. */
        for (;;) {
            uint32_t j = next[s];
            if (j == s_off[s + 1])
                break;
            uint32_t p = s_pos[j];
            uint64_t key = (uint64_t)s_prank[j] << 32 | s;
            uint32_t room = hoff[p + 1] - hoff[p];
            uint64_t *h = heap + hoff[p];
            proposals++;
            if (hsize[p] < room) {
                heap_push(h, hsize[p]++, key);
                break;
            }
            if (room && key < h[0]) {
                uint32_t out = (uint32_t)h[0];
                heap_replace_top(h, room, key);
                s = out;
            }
            next[s]++;
        }
    }
    for (uint32_t s = 0; s < ns; s++)
        student_pos[s] = MATCH_NONE;
    for (uint32_t p = 0; p < np; p++)
        for (uint32_t k = 0; k < hsize[p]; k++)
            student_pos[(uint32_t)heap[hoff[p] + k]] = p;
    free(heap);
    free(hsize);
    free(next);
    return proposals;
}

static uint64_t solve_positions(const match_problem *m, uint32_t *student_pos)
{
    uint32_t ns = m->n_s, np = m->n_p;
    const uint32_t *p_off = m->p_off, *p_stu = m->p_stu, *p_srank = m->p_srank;
    uint32_t *held = xcalloc((size_t)np + 1, sizeof *held);
    uint32_t *nextp = xmalloc(((size_t)np + 1) * sizeof *nextp);
    uint32_t *stack = xmalloc(((size_t)np + 1) * sizeof *stack);
    unsigned char *in = xcalloc((size_t)np + 1, 1);
    uint32_t *srank = xmalloc(((size_t)ns + 1) * sizeof *srank);
    uint32_t top = 0;
    uint64_t proposals = 0;

    memcpy(nextp, p_off, (size_t)np * sizeof *nextp);
    for (uint32_t s = 0; s < ns; s++) {
        student_pos[s] = MATCH_NONE;
        srank[s] = MATCH_NONE;
    }
    for (uint32_t p = np; p-- > 0;) {
        stack[top++] = p;
        in[p] = 1;
    }
    while (top) {
        uint32_t p = stack[--top];
        in[p] = 0;
        uint32_t cap = m->cap[p], end = p_off[p + 1];
        while (held[p] < cap && nextp[p] < end) {
            uint32_t i = nextp[p]++, s = p_stu[i], r = p_srank[i];
            proposals++;
            if (r < srank[s]) {
                uint32_t old = student_pos[s];
                if (old != MATCH_NONE) {
                    held[old]--;
                    if (!in[old]) {
                        in[old] = 1;
                        stack[top++] = old;
                    }
                }
                student_pos[s] = p;
                srank[s] = r;
                held[p]++;
            }
        }
    }
    free(held);
    free(nextp);
    free(stack);
    free(in);
    free(srank);
    return proposals;
}

void match_solve(const match_problem *m, match_optimal opt, match_result *r)
{
    memset(r, 0, sizeof *r);
    r->student_pos = xmalloc(((size_t)m->n_s + 1) * sizeof *r->student_pos);
    double t0 = mono_seconds();
    r->proposals = opt == MATCH_POSITION_OPTIMAL ? solve_positions(m, r->student_pos)
                                                 : solve_students(m, r->student_pos);
    r->solve_seconds = mono_seconds() - t0;
    for (uint32_t s = 0; s < m->n_s; s++)
        r->matched += r->student_pos[s] != MATCH_NONE;
}

/* Index of position p in student s's (kept) list, or MATCH_NONE. */
static uint32_t entry_of(const match_problem *m, uint32_t s, uint32_t p)
{
    for (uint32_t j = m->s_off[s]; j < m->s_off[s + 1]; j++)
        if (m->s_pos[j] == p)
            return j;
    return MATCH_NONE;
}

bool match_verify(const match_problem *m, const uint32_t *student_pos, match_verdict *v)
{
    uint32_t ns = m->n_s, np = m->n_p;
    uint32_t *count = xcalloc((size_t)np + 1, sizeof *count);
    uint32_t *worst = xcalloc((size_t)np + 1, sizeof *worst); /* worst rank + 1, 0 none */
    uint32_t *at = xmalloc(((size_t)ns + 1) * sizeof *at);
    v->ok = false;
    for (uint32_t s = 0; s < ns; s++) {
        uint32_t p = student_pos[s];
        at[s] = m->s_off[s + 1];
        if (p == MATCH_NONE)
            continue;
        if (p >= np) {
            snprintf(v->message, sizeof v->message, "student #%u: no such position #%u", s, p);
            goto out;
        }
        uint32_t j = entry_of(m, s, p);
        if (j == MATCH_NONE) {
            snprintf(v->message, sizeof v->message,
                     "student #%u and position #%u are not mutually acceptable", s, p);
            goto out;
        }
        at[s] = j;
        count[p]++;
        if (m->s_prank[j] + 1 > worst[p])
            worst[p] = m->s_prank[j] + 1;
    }
    for (uint32_t p = 0; p < np; p++)
        if (count[p] > m->cap[p]) {
            snprintf(v->message, sizeof v->message, "position #%u holds %u students > capacity %u",
                     p, count[p], m->cap[p]);
            goto out;
        }
    for (uint32_t s = 0; s < ns; s++)
        for (uint32_t j = m->s_off[s]; j < at[s]; j++) {
            uint32_t p = m->s_pos[j];
            if (count[p] < m->cap[p]) {
                snprintf(v->message, sizeof v->message,
                         "blocking pair: student #%u prefers position #%u, which has a free seat",
                         s, p);
                goto out;
            }
            if (m->s_prank[j] + 1 < worst[p]) {
                snprintf(v->message, sizeof v->message,
                         "blocking pair: student #%u prefers position #%u, which prefers the "
                         "student to one it holds",
                         s, p);
                goto out;
            }
        }
    v->ok = true;
    snprintf(v->message, sizeof v->message, "stable");
out:
    free(count);
    free(worst);
    free(at);
    return v->ok;
}

size_t match_explain(const match_problem *m, const uint32_t *student_pos, uint32_t s,
                     match_why **out)
{
    *out = NULL;
    if (s >= m->n_s)
        return 0;
    uint32_t got = student_pos[s];
    uint32_t stop = got == MATCH_NONE ? m->s_off[s + 1] : entry_of(m, s, got);
    if (stop == MATCH_NONE)
        stop = m->s_off[s + 1];
    uint32_t nkept = stop - m->s_off[s];
    uint32_t nd = 0; /* dropped entries listed before the one received */
    for (uint32_t k = m->d_off[s]; k < m->d_off[s + 1]; k++)
        nd += m->d_before[k] <= nkept;
    size_t n = (size_t)nkept + nd;
    if (!n)
        return 0;
    match_why *w = xcalloc(n, sizeof *w);
    size_t o = 0;
    uint32_t k = m->d_off[s];
    for (uint32_t rel = 0; rel <= nkept; rel++) {
        for (; k < m->d_off[s + 1] && m->d_before[k] == rel; k++) {
            w[o].position = m->d_pos[k];
            w[o].kind = MATCH_WHY_NOT_ACCEPTABLE;
            w[o].capacity = m->cap[m->d_pos[k]];
            o++;
        }
        if (rel == nkept)
            break;
        uint32_t j = m->s_off[s] + rel, p = m->s_pos[j];
        w[o].position = p;
        w[o].kind = MATCH_WHY_FILLED;
        w[o].capacity = m->cap[p];
        /* students held by p that p ranks above s */
        for (uint32_t i = m->p_off[p]; i < m->p_off[p + 1]; i++) {
            uint32_t t = m->p_stu[i];
            if (student_pos[t] == p && t != s) {
                uint32_t jt = entry_of(m, t, p);
                if (jt != MATCH_NONE && m->s_prank[jt] < m->s_prank[j])
                    w[o].higher++;
            }
        }
        o++;
    }
    *out = w;
    return o;
}
