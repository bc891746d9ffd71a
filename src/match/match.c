/*
 * match.c — deferred acceptance, its verifier and its explanations.
 *
 * Layout (flat arrays, built once in match_problem_new()):
 *   s_off/s_ent   each student's list, most wanted first, then a sentinel
 *                 (all ones): entry = position | the position's rank of
 *                 the student << 32, where the rank is the entry's index
 *                 in p_stu (it only ever compares against other ranks of
 *                 the same position: smaller = better).  One 8-byte load
 *                 per proposal, and no list length to look up.
 *   p_off/p_stu   each position's list, best first.
 *   p_srank       the student's rank of the position, per p_stu entry (its
 *                 s_ent index); only position-proposing needs it, so the
 *                 first such solve builds it.
 *   seat          per position: where its heap lives, its room (min of
 *                 capacity and list length) and how many it holds, in one
 *                 16-byte record so a proposal touches one line for them.
 *   heap          one bounded max-heap per position, keys (position's rank
 *                 << 32 | s_ent index of the proposal): the worst accepted
 *                 is on top, a proposal costs one compare, O(log cap) when
 *                 it displaces someone, and the displaced student's next
 *                 choice is simply the next entry — no per-student cursor.
 *
 * Building joins the two sides: a pair is kept only if each lists the
 * other.  The positions' entries are transposed by student with a
 * two-pass radix partition (first into buckets of ~1 k students, written
 * as ~1 k sequential streams; then each bucket, which fits in L2, by
 * student), so 20 M entries are never scattered at random over 160 MB.
 * Each student's list is then matched against its bucket with a stamp
 * array over positions, in O(entries).
 *
 * Student-proposing: students propose in index order (their lists are
 * read sequentially); a displaced student goes on proposing at once.  The
 * first choices of students a few ahead are prefetched.  Position-
 * proposing: a position with free seats offers them down its list; each
 * student holds the best offer by their own rank, and a position a student
 * leaves goes back on the stack.  Either order of proposals yields the
 * same, proposing-side-optimal, stable matching.
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
    if (b > a)
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

#define SENTINEL UINT64_MAX

struct match_problem {
    uint32_t n_s, n_p;
    uint32_t *s_off; /* [n_s+1]; s's kept entries end at s_off[s+1]-1 (the sentinel) */
    uint64_t *s_ent;
    uint32_t *p_off, *p_stu;
    uint32_t *p_srank;  /* NULL until a position-proposing solve needs it */
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

typedef struct {
    uint32_t stamp, mark; /* student + 1 whose bucket named the position, and at which entry */
} stamp_mark;

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
    if ((uint64_t)es + ns >= UINT32_MAX) {
        fprintf(stderr, "match: more than 4 G list entries\n");
        abort();
    }

    /* Pass 1: the positions' entries into buckets of 2^shift students,
     * at most 64 k entries each on average (a bucket's transpose, 512 KB,
     * stays in L2; a few hundred streams stay in L1). */
    uint32_t shift = 0;
    while (shift < 30 && (1u << shift) < ns && ((uint64_t)ep << (shift + 1)) / ns <= 65536)
        shift++;
    uint32_t nb = (ns >> shift) + 1;
    uint32_t *b_off = xcalloc((size_t)nb + 1, sizeof *b_off);
    for (uint32_t i = 0; i < ep; i++)
        b_off[(p_stu[i] >> shift) + 1]++;
    uint32_t bmax = 0;
    for (uint32_t b = 0; b < nb; b++) {
        if (b_off[b + 1] > bmax)
            bmax = b_off[b + 1];
        b_off[b + 1] += b_off[b];
    }
    /* student << 32 | index in p_stu; within a bucket the indices
     * ascend, so the positions are found again by walking p_off */
    uint64_t *part = match_alloc((size_t)ep * sizeof *part + 1);
    {
        uint32_t *fill = xmalloc(((size_t)nb + 1) * sizeof *fill);
        memcpy(fill, b_off, ((size_t)nb + 1) * sizeof *fill);
        for (uint32_t i = 0; i < ep; i++) {
            uint32_t s = p_stu[i];
            part[fill[s >> shift]++] = (uint64_t)s << 32 | i;
        }
        free(fill);
    }

    /* Pass 2, bucket by bucket: by student, then each student's list
     * against what positions named the student. */
    uint64_t *s_ent = match_alloc(((size_t)es + ns + 1) * sizeof *s_ent);
    stamp_mark *sm = match_calloc((size_t)np + 1, sizeof *sm);
    uint32_t bstu = 1u << shift;
    uint32_t *l_off = xcalloc((size_t)bstu + 2, sizeof *l_off);
    uint64_t *l_ent = xmalloc((size_t)bmax * sizeof *l_ent + 1); /* position << 32 | i */
    uint32_t *d_off = xcalloc((size_t)ns + 1, sizeof *d_off);
    uint32_t d_n = 0, d_cap = 16;
    uint32_t *d_pos = xmalloc(d_cap * sizeof *d_pos), *d_before = xmalloc(d_cap * sizeof *d_before);
    uint32_t w = 0, nkept = 0;
    for (uint32_t b = 0; b < nb; b++) {
        uint32_t lo = b << shift, hi = ns - lo < bstu ? ns : lo + bstu;
        if (lo >= ns)
            break;
        memset(l_off, 0, ((size_t)(hi - lo) + 2) * sizeof *l_off);
        for (uint32_t k = b_off[b]; k < b_off[b + 1]; k++)
            l_off[(uint32_t)(part[k] >> 32) - lo + 2]++;
        for (uint32_t t = 0; t < hi - lo; t++)
            l_off[t + 2] += l_off[t + 1];
        uint32_t pc = 0; /* the position of entry i */
        for (uint32_t k = b_off[b]; k < b_off[b + 1]; k++) {
            uint32_t i = (uint32_t)part[k];
            while (p_off[pc + 1] <= i)
                pc++;
            l_ent[l_off[(uint32_t)(part[k] >> 32) - lo + 1]++] = (uint64_t)pc << 32 | i;
        }
        /* now l_off[t] .. l_off[t+1] are student lo+t's */
        for (uint32_t s = lo; s < hi; s++) {
            for (uint32_t k = l_off[s - lo]; k < l_off[s - lo + 1]; k++) {
                uint32_t p = (uint32_t)(l_ent[k] >> 32);
                sm[p].stamp = s + 1;
                sm[p].mark = (uint32_t)l_ent[k];
            }
            uint32_t start = s_off[s], end = s_off[s + 1], kept0 = w;
            s_off[s] = w;
            for (uint32_t j = start; j < end; j++) {
                uint32_t p = s_pos[j];
                if (sm[p].stamp == s + 1) {
                    uint32_t i = sm[p].mark;
                    s_ent[w++] = (uint64_t)i << 32 | p;
                    nkept++;
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
            s_ent[w++] = SENTINEL;
            d_off[s + 1] = d_n;
        }
    }
    s_off[ns] = w;
    free(part);
    free(b_off);
    free(l_off);
    free(l_ent);
    free(sm);
    free(s_pos);

    /* Drop the positions' entries that are not mutual, and renumber the
     * ranks in s_ent to the compacted p_stu. */
    m->heap_off = xmalloc(((size_t)np + 1) * sizeof *m->heap_off);
    m->heap_off[0] = 0;
    if (nkept < ep) {
        uint64_t *kept = match_calloc((size_t)ep / 64 + 1, sizeof *kept);
        for (uint32_t j = 0; j < w; j++)
            if (s_ent[j] != SENTINEL) {
                uint32_t i = (uint32_t)(s_ent[j] >> 32);
                kept[i >> 6] |= 1ull << (i & 63);
            }
        uint32_t *before = match_alloc(((size_t)ep / 64 + 1) * sizeof *before);
        uint32_t acc = 0;
        for (size_t wd = 0; wd <= ep / 64; wd++) {
            before[wd] = acc;
            acc += (uint32_t)__builtin_popcountll(kept[wd]);
        }
        uint32_t pw = 0;
        for (uint32_t p = 0; p < np; p++) {
            uint32_t start = p_off[p], end = p_off[p + 1];
            p_off[p] = pw;
            for (uint32_t i = start; i < end; i++)
                if (kept[i >> 6] >> (i & 63) & 1)
                    p_stu[pw++] = p_stu[i];
        }
        p_off[np] = pw;
        for (uint32_t j = 0; j < w; j++) {
            if (s_ent[j] == SENTINEL)
                continue;
            uint32_t i = (uint32_t)(s_ent[j] >> 32);
            uint32_t ni = before[i >> 6] +
                          (uint32_t)__builtin_popcountll(kept[i >> 6] & ((1ull << (i & 63)) - 1));
            s_ent[j] = (uint64_t)ni << 32 | (uint32_t)s_ent[j];
        }
        free(before);
        free(kept);
    }
    for (uint32_t p = 0; p < np; p++) {
        uint32_t len = p_off[p + 1] - p_off[p];
        m->heap_off[p + 1] = m->heap_off[p] + (capacity[p] < len ? capacity[p] : len);
        m->seats += capacity[p];
    }
    m->dropped = (uint64_t)(es - nkept) + (uint64_t)(ep - nkept);
    m->s_off = s_off;
    m->s_ent = s_ent;
    m->p_off = p_off;
    m->p_stu = p_stu;
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
    free(m->s_ent);
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
    return m->s_off[m->n_s] - m->n_s;
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

typedef struct {
    uint32_t off, room, size, pad;
} seat;

/* Proposers in flight at once (see solve_students). */
#define LANES 32

/*
 * Student-proposing deferred acceptance.  A proposal chain (a student
 * displaced, whose next choice is displaced in turn...) is a chain of
 * dependent cache misses: the next entry of a random student, then its
 * position's seat record, then that position's heap.  The result does not
 * depend on the order of proposals, so LANES proposers go at once, in
 * rounds: load every lane's entry and prefetch its seat record; prefetch
 * every heap top; then make the proposals one by one (each reads the
 * state as it is then, so two lanes proposing to one position are fine)
 * and prefetch every lane's next entry.  A lane whose student is held or
 * out of choices takes the next student in index order.
 */
static uint64_t solve_students(const match_problem *m, uint32_t *student_pos)
{
    uint32_t ns = m->n_s, np = m->n_p;
    const uint32_t *s_off = m->s_off, *hoff = m->heap_off;
    const uint64_t *s_ent = m->s_ent;
    uint64_t *heap = match_alloc(((size_t)hoff[np] + 1) * sizeof *heap);
    seat *st = match_alloc(((size_t)np + 1) * sizeof *st);
    uint64_t proposals = 0;
    uint32_t cur[LANES], pos[LANES], fresh = 0, live = 0;
    uint64_t ent[LANES];

    for (uint32_t p = 0; p < np; p++)
        st[p] = (seat){hoff[p], hoff[p + 1] - hoff[p], 0, 0};
    for (uint32_t k = 0; k < LANES; k++) {
        cur[k] = fresh < ns ? s_off[fresh++] : MATCH_NONE;
        live += cur[k] != MATCH_NONE;
    }
    while (live) {
        for (uint32_t k = 0; k < LANES; k++) {
            ent[k] = cur[k] != MATCH_NONE ? s_ent[cur[k]] : SENTINEL;
            pos[k] = (uint32_t)ent[k];
            if (pos[k] != MATCH_NONE)
                __builtin_prefetch(&st[pos[k]]);
        }
        for (uint32_t k = 0; k < LANES; k++)
            if (pos[k] != MATCH_NONE)
                __builtin_prefetch(heap + st[pos[k]].off);
        for (uint32_t k = 0; k < LANES; k++) {
            uint32_t j = cur[k], p = pos[k];
            if (j == MATCH_NONE)
                continue;
            if (p != MATCH_NONE) {
                seat *q = &st[p];
                uint64_t key = (ent[k] & 0xffffffff00000000ull) | j;
                uint64_t *h = heap + q->off;
                proposals++;
                if (q->size < q->room) {
                    heap_push(h, q->size++, key);
                    p = MATCH_NONE; /* held: the lane is free */
                } else if (q->room && key < h[0]) {
                    cur[k] = (uint32_t)h[0] + 1; /* the displaced one's next choice */
                    heap_replace_top(h, q->room, key);
                } else {
                    cur[k] = j + 1;
                }
            }
            if (p == MATCH_NONE) { /* held, or out of choices (unmatched) */
                cur[k] = fresh < ns ? s_off[fresh++] : MATCH_NONE;
                live -= cur[k] == MATCH_NONE;
            }
            if (cur[k] != MATCH_NONE)
                __builtin_prefetch(&s_ent[cur[k]]);
        }
    }
    /* who holds what: mark the held entries, then walk the students */
    uint64_t *held = match_calloc(((size_t)s_off[ns] >> 6) + 1, sizeof *held);
    for (uint32_t p = 0; p < np; p++)
        for (uint32_t k = 0; k < st[p].size; k++) {
            uint32_t j = (uint32_t)heap[st[p].off + k];
            held[j >> 6] |= 1ull << (j & 63);
        }
    uint32_t s = 0;
    for (uint32_t s2 = 0; s2 < ns; s2++)
        student_pos[s2] = MATCH_NONE;
    for (size_t wd = 0; wd <= (size_t)s_off[ns] >> 6; wd++)
        for (uint64_t bits = held[wd]; bits; bits &= bits - 1) {
            uint32_t j = (uint32_t)(wd * 64 + (size_t)__builtin_ctzll(bits));
            while (s_off[s + 1] <= j)
                s++;
            student_pos[s] = (uint32_t)s_ent[j];
        }
    free(held);
    free(heap);
    free(st);
    return proposals;
}

/* The students' ranks of the positions, per p_stu entry. */
static void build_p_srank(match_problem *m)
{
    uint32_t w = m->s_off[m->n_s];
    uint32_t *r = match_alloc(((size_t)m->p_off[m->n_p] + 1) * sizeof *r);
    for (uint32_t j = 0; j < w; j++)
        if (m->s_ent[j] != SENTINEL)
            r[m->s_ent[j] >> 32] = j;
    m->p_srank = r;
}

typedef struct {
    uint32_t pos, rank; /* the offer a student holds, and the student's rank of it */
} offer;

#define OFFER_AHEAD 8

static uint64_t solve_positions(const match_problem *m, uint32_t *student_pos)
{
    uint32_t ns = m->n_s, np = m->n_p;
    const uint32_t *p_off = m->p_off, *p_stu = m->p_stu, *p_srank = m->p_srank;
    uint32_t ep = p_off[np];
    uint32_t *held = xcalloc((size_t)np + 1, sizeof *held);
    uint32_t *nextp = xmalloc(((size_t)np + 1) * sizeof *nextp);
    uint32_t *stack = xmalloc(((size_t)np + 1) * sizeof *stack);
    unsigned char *in = xcalloc((size_t)np + 1, 1);
    offer *of = match_alloc(((size_t)ns + 1) * sizeof *of);
    uint32_t top = 0;
    uint64_t proposals = 0;

    memcpy(nextp, p_off, (size_t)np * sizeof *nextp);
    for (uint32_t s = 0; s < ns; s++)
        of[s] = (offer){MATCH_NONE, MATCH_NONE};
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
            /* the students this position offers to next (a guess: it may
             * fill first, and the prefetch is wasted) */
            if (i + OFFER_AHEAD < ep)
                __builtin_prefetch(&of[p_stu[i + OFFER_AHEAD]]);
            proposals++;
            if (r < of[s].rank) {
                uint32_t old = of[s].pos;
                if (old != MATCH_NONE) {
                    held[old]--;
                    if (!in[old]) {
                        in[old] = 1;
                        stack[top++] = old;
                    }
                }
                of[s] = (offer){p, r};
                held[p]++;
            }
        }
    }
    for (uint32_t s = 0; s < ns; s++)
        student_pos[s] = of[s].pos;
    free(held);
    free(nextp);
    free(stack);
    free(in);
    free(of);
    return proposals;
}

void match_solve(const match_problem *m, match_optimal opt, match_result *r)
{
    memset(r, 0, sizeof *r);
    r->student_pos = match_alloc(((size_t)m->n_s + 1) * sizeof *r->student_pos);
    if (opt == MATCH_POSITION_OPTIMAL && !m->p_srank)
        build_p_srank((match_problem *)m); /* a cache, built once, outside the timing */
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
    for (uint32_t j = m->s_off[s]; j < m->s_off[s + 1] - 1; j++)
        if ((uint32_t)m->s_ent[j] == p)
            return j;
    return MATCH_NONE;
}

static uint32_t rank_at(const match_problem *m, uint32_t j)
{
    return (uint32_t)(m->s_ent[j] >> 32);
}

typedef struct {
    uint32_t count, worst; /* students held; worst rank + 1 among them (0: none) */
} holding;

bool match_verify(const match_problem *m, const uint32_t *student_pos, match_verdict *v)
{
    uint32_t ns = m->n_s, np = m->n_p;
    holding *h = match_calloc((size_t)np + 1, sizeof *h);
    uint32_t *at = match_alloc(((size_t)ns + 1) * sizeof *at);
    v->ok = false;
    for (uint32_t s = 0; s < ns; s++) {
        uint32_t p = student_pos[s];
        at[s] = m->s_off[s + 1] - 1;
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
        h[p].count++;
        if (rank_at(m, j) + 1 > h[p].worst)
            h[p].worst = rank_at(m, j) + 1;
    }
    for (uint32_t p = 0; p < np; p++)
        if (h[p].count > m->cap[p]) {
            snprintf(v->message, sizeof v->message, "position #%u holds %u students > capacity %u",
                     p, h[p].count, m->cap[p]);
            goto out;
        }
    for (uint32_t s = 0; s < ns; s++)
        for (uint32_t j = m->s_off[s]; j < at[s]; j++) {
            uint32_t p = (uint32_t)m->s_ent[j];
            if (h[p].count < m->cap[p]) {
                snprintf(v->message, sizeof v->message,
                         "blocking pair: student #%u prefers position #%u, which has a free seat",
                         s, p);
                goto out;
            }
            if (rank_at(m, j) + 1 < h[p].worst) {
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
    free(h);
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
    uint32_t end = m->s_off[s + 1] - 1;
    uint32_t stop = got == MATCH_NONE ? end : entry_of(m, s, got);
    if (stop == MATCH_NONE)
        stop = end;
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
        uint32_t j = m->s_off[s] + rel, p = (uint32_t)m->s_ent[j];
        w[o].position = p;
        w[o].kind = MATCH_WHY_FILLED;
        w[o].capacity = m->cap[p];
        /* students held by p that p ranks above s */
        for (uint32_t i = m->p_off[p]; i < m->p_off[p + 1]; i++) {
            uint32_t t = m->p_stu[i];
            if (student_pos[t] == p && t != s) {
                uint32_t jt = entry_of(m, t, p);
                if (jt != MATCH_NONE && rank_at(m, jt) < rank_at(m, j))
                    w[o].higher++;
            }
        }
        o++;
    }
    *out = w;
    return o;
}
