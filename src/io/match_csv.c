/*
 * match_csv.c (io floor) — the files of `chanjiao match` (SPEC.md, "Fixed
 * interfaces"): S.csv (student,position,rank), P.csv
 * (position,student,rank), C.csv (position,capacity) in, A.csv
 * (student,position) out.
 *
 * At 1 M students × 20 choices the two preference files are 40 M rows and
 * 800 MB, so reading them is most of the command.  The design:
 *
 *   - C.csv first (small).  Then S.csv on the calling thread and P.csv on
 *     a second one, at once: they are independent if P.csv numbers its
 *     students by itself ("local" ids, in a table of its own).  After both,
 *     each local id is looked up once among S.csv's students (1 M lookups
 *     instead of 20 M) and P's lists are renumbered through that array.
 *     Students keep the order of first appearance in S.csv, which is also
 *     the order of A.csv.
 *   - Files are read with read() in 256 KB chunks (bounded memory, no
 *     mapped pages left in the RSS), each chunk checked for NUL bytes and
 *     strict UTF-8 word by word before it is parsed while still in cache.
 *     A file that is not UTF-8 (GB18030 as Chinese Excel saves it, UTF-16,
 *     NUL bytes) is read again from the start through io/table, which
 *     converts it or refuses it with its message.
 *   - The parser hands over cells as (pointer, length) into the chunk:
 *     no copy unless a cell is quoted (RFC 4180, CRLF or LF, empty lines
 *     skipped, a row's line is where it starts).  Only rows up to the last
 *     LF of a chunk are parsed; the rest moves to the front and waits for
 *     the next read.
 *   - Ids become dense indices through an open-addressing table whose
 *     16-byte slots hold an id of up to 12 bytes inline (zero padded, so
 *     two integer compares decide a match) and its index: one cache miss
 *     per lookup.  Longer ids keep their hash inline and are compared in
 *     the table's arena.  The other side's ids (random: positions in S.csv,
 *     students in P.csv) wait in batches of 32 whose slots are prefetched,
 *     so their misses overlap.  The owner of a list is remembered from the
 *     row before.
 *   - Each file's rows are kept as two flat arrays in file order (other
 *     side's index, rank) plus "runs" of consecutive rows of one owner.
 *     When every owner has one run with ascending ranks (how files are
 *     written, and the generator's), the file order is already the lists'
 *     CSR form and nothing is copied or sorted.  Otherwise the rows are
 *     bucketed by owner and each list sorted by rank.
 *
 * Validation: a bad row stops the reading of its file, and the first bad
 * row of the file is the one reported (rows waiting in a batch are
 * resolved first).  The same rank twice in a row of one list, or the same
 * id twice in one run, is caught as the row arrives; the general case
 * (lists in pieces, ranks out of order) on the sorted lists, where the
 * line of the later row is found by reading the file again (an error path
 * only).  Every id in S.csv and P.csv must be known: positions from C.csv,
 * students from S.csv (a student a position ranks but who submitted no
 * list is an "unknown id" and refused, per SPEC.md).  Errors of S.csv are
 * reported before those of P.csv.
 *
 * A.csv is rendered into one buffer, written to a temporary file in the
 * same folder, fsync'ed and renamed over the target, so readers see the
 * old file or the whole new one; bad input never reaches this point.
 *
 * CJ_MATCH_TIMES=1 in the environment prints each phase's wall and CPU
 * time on stderr (for bench/match.sh and profiling).
 */
#include "match/match.h"

#include <errno.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/table.h"
#include "match/match_priv.h"

#define SLACK 32             /* readable bytes past every cell and id (word loads) */
#define CHUNK (256u * 1024u) /* read() size */
#define ID_INLINE 12         /* ids up to this many bytes live in the slot */
#define BATCH 32             /* rows whose other-side lookups overlap */

/* ---- interned ids ------------------------------------------------------------ */

typedef struct {
    uint64_t a;    /* short id: bytes 0..7, zero padded; long id: hash << 32 */
    uint32_t b;    /* short id: bytes 8..11, zero padded; long id: arena offset */
    uint32_t idx1; /* index + 1; 0 = empty */
} slot;

typedef struct {
    uint64_t a;
    uint32_t b, h;
} idkey;

typedef struct {
    slot *slot;
    uint32_t mask, n;
    char *arena; /* NUL-terminated ids, SLACK bytes of room at the end */
    size_t alen, acap;
    uint32_t *name; /* per index: offset in arena */
    size_t name_cap;
} idtab;

static inline uint32_t hash_short(uint64_t a, uint32_t b)
{
    uint64_t x = a * 0x9e3779b97f4a7c15ull ^ (uint64_t)b * 0xc2b2ae3d27d4eb4full;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ull;
    return (uint32_t)(x ^ (x >> 32));
}

static uint32_t hash_long(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull ^ n;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return (uint32_t)(h ^ (h >> 32)) | 1; /* never 0: see idkey_of */
}

/* The key of id s[0..n-1]; SLACK bytes past s must be readable. */
static inline void idkey_of(const char *s, size_t n, idkey *k)
{
    if (n <= ID_INLINE) {
        uint64_t lo, hi;
        memcpy(&lo, s, 8);
        memcpy(&hi, s + 8, 8);
        if (n < 8) {
            lo &= n ? ~0ull >> (64 - 8 * n) : 0;
            hi = 0;
        } else {
            hi &= n == 8 ? 0 : ~0ull >> (64 - 8 * (n - 8));
        }
        k->a = lo;
        k->b = (uint32_t)hi;
        k->h = hash_short(k->a, k->b);
    } else {
        /* the low 32 bits (the first four bytes) are 0, which no short id
         * has: ids are never empty and hold no NUL */
        k->h = hash_long(s, n);
        k->a = (uint64_t)k->h << 32;
        k->b = 0;
    }
}

static void idtab_init(idtab *t)
{
    memset(t, 0, sizeof *t);
    t->mask = 1023;
    t->slot = xcalloc((size_t)t->mask + 1, sizeof *t->slot);
    t->acap = 65536;
    t->arena = xmalloc(t->acap);
}

static void idtab_reset(idtab *t)
{
    memset(t->slot, 0, ((size_t)t->mask + 1) * sizeof *t->slot);
    t->n = 0;
    t->alen = 0;
}

static void idtab_free(idtab *t)
{
    free(t->slot);
    free(t->arena);
    free(t->name);
    memset(t, 0, sizeof *t);
}

/* The slot holding a short id (key k), or the empty slot where it goes. */
static inline slot *idtab_probe_short(const idtab *t, const idkey *k)
{
    for (uint32_t i = k->h & t->mask;; i = (i + 1) & t->mask) {
        slot *sl = &t->slot[i];
        if (!sl->idx1 || (sl->a == k->a && sl->b == k->b))
            return sl;
    }
}

/* The slot holding id s (n bytes, key k), or the empty slot where it goes. */
static inline slot *idtab_probe(const idtab *t, const idkey *k, const char *s, size_t n)
{
    if (n <= ID_INLINE)
        return idtab_probe_short(t, k);
    for (uint32_t i = k->h & t->mask;; i = (i + 1) & t->mask) {
        slot *sl = &t->slot[i];
        if (!sl->idx1 ||
            (sl->a == k->a && !memcmp(t->arena + sl->b, s, n) && t->arena[sl->b + n] == '\0'))
            return sl;
    }
}

static void idtab_grow(idtab *t)
{
    uint32_t nmask = t->mask * 2 + 1;
    slot *ns = match_calloc((size_t)nmask + 1, sizeof *ns);
    for (size_t i = 0; i <= t->mask; i++) {
        const slot *sl = &t->slot[i];
        if (!sl->idx1)
            continue;
        uint32_t h = (uint32_t)sl->a ? hash_short(sl->a, sl->b) : (uint32_t)(sl->a >> 32);
        uint32_t k = h & nmask;
        while (ns[k].idx1)
            k = (k + 1) & nmask;
        ns[k] = *sl;
    }
    free(t->slot);
    t->slot = ns;
    t->mask = nmask;
}

/* Add id s at the empty slot sl (from idtab_probe); returns its index. */
static uint32_t idtab_add(idtab *t, slot *sl, const idkey *k, const char *s, size_t n)
{
    if (t->n == t->name_cap) {
        t->name_cap = t->name_cap ? t->name_cap * 2 : 1024;
        t->name = xrealloc(t->name, t->name_cap * sizeof *t->name);
    }
    if (t->alen + n + 1 + SLACK > t->acap) {
        while (t->alen + n + 1 + SLACK > t->acap)
            t->acap *= 2;
        t->arena = xrealloc(t->arena, t->acap);
    }
    uint32_t off = (uint32_t)t->alen;
    memcpy(t->arena + off, s, n);
    t->arena[off + n] = '\0';
    t->alen += n + 1;
    t->name[t->n] = off;
    sl->a = k->a;
    sl->b = n <= ID_INLINE ? k->b : off;
    sl->idx1 = ++t->n;
    if ((uint64_t)t->n * 2 > (uint64_t)t->mask + 1)
        idtab_grow(t);
    return t->n - 1;
}

/* ---- reading -------------------------------------------------------------------- */

typedef enum { FILE_C, FILE_S, FILE_P } file_kind;

typedef struct {
    const char *p;
    size_t n;
} cell;

typedef struct reader reader;
typedef int (*row_fn)(reader *r, size_t line, const cell *c, size_t nc, err_t *e);

struct reader {
    file_kind kind;
    const char *path;
    idtab *own, *oth; /* C: own = positions; S: students, positions; P: positions, local */
    atomic_int *stop; /* set when another file failed: give up early */
    bool header_seen;
    /* C.csv */
    uint32_t *cap;
    size_t cap_n, cap_size;
    /* S.csv, P.csv: per data row, in file order */
    uint32_t *other;
    uint32_t *rank; /* only when a file is not in list order: read again for them */
    size_t n, ncap;
    /* runs of consecutive rows with one owner */
    uint32_t *run_owner, *run_start;
    size_t nruns, rcap;
    bool simple;               /* every owner one run, ranks ascending within it */
    bool runs_ordered;         /* runs in increasing owner order */
    unsigned char *owner_seen; /* P: positions that own a run */
    uint32_t *stamp;           /* per other-side index: run + 1 that last named it */
    size_t stamp_n;
    uint32_t *first_line; /* P: per local student, the line that first named it */
    size_t first_cap;
    char *last; /* the owner id of the current run */
    size_t last_n, last_cap;
    uint32_t last_idx, last_rank;
    bool have_last;
    struct {
        idkey k;
        uint32_t row, line, run, n;
    } pend[BATCH];
    uint32_t npend;
    /* where the read stopped on a bad row (0: it did not) */
    size_t err_line;
    /* counting mode (rescan for the line of a row) */
    size_t count_rows, count_target, count_line;
};

static int bad_row(reader *r, size_t line, err_t *e, const char *why)
{
    r->err_line = line;
    return err_set(e, ERR_BAD_REQUEST, "%s: 第 %zu 行 (line %zu): %s", r->path, line, line, why);
}

/* "1", "25": a decimal; 0 ok, -1 not a number, -2 not positive (zero or
 * negative), -3 too large.  Spaces around and a sign are tolerated. */
static int parse_uint(const char *s, size_t n, bool allow_zero, uint32_t *out)
{
    const char *p = s, *end = s + n;
    bool neg = false;
    while (p < end && *p == ' ')
        p++;
    if (p < end && (*p == '-' || *p == '+')) {
        neg = *p == '-';
        p++;
    }
    if (p == end || *p < '0' || *p > '9')
        return -1;
    uint64_t v = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++) {
        v = v * 10 + (uint64_t)(*p - '0');
        if (v > 0x7fffffff)
            return -3;
    }
    while (p < end && *p == ' ')
        p++;
    if (p != end)
        return -1;
    if (neg && v)
        return -2;
    if (!v && !allow_zero)
        return -2;
    *out = (uint32_t)v;
    return 0;
}

static void grow_rows(reader *r)
{
    r->ncap = r->ncap ? r->ncap * 2 : 65536;
    r->other = xrealloc(r->other, r->ncap * sizeof *r->other + SLACK);
}

static void ensure_stamp(reader *r, size_t idx)
{
    if (idx < r->stamp_n)
        return;
    size_t n = r->stamp_n ? r->stamp_n : 1024;
    while (n <= idx)
        n *= 2;
    r->stamp = xrealloc(r->stamp, n * sizeof *r->stamp);
    memset(r->stamp + r->stamp_n, 0, (n - r->stamp_n) * sizeof *r->stamp);
    r->stamp_n = n;
}

static int unknown_other(reader *r, size_t line, const char *id, err_t *e)
{
    char why[300];
    if (r->kind == FILE_S)
        snprintf(why, sizeof why,
                 "未知岗位 (unknown position \"%.200s\": not in the positions file)", id);
    else
        snprintf(why, sizeof why,
                 "未知学生 (unknown student \"%.200s\": not in the student preferences file)", id);
    return bad_row(r, line, e, why);
}

static int twice_in_list(reader *r, size_t line, err_t *e)
{
    return bad_row(r, line, e,
                   r->kind == FILE_S ? "同一列表中岗位重复 (the same position twice in one list)"
                                     : "同一列表中学生重复 (the same student twice in one list)");
}

/* Row `row` of the current file names `other`; check it against its run. */
static inline int note_other(reader *r, uint32_t row, uint32_t run, uint32_t line, uint32_t other,
                             err_t *e)
{
    r->other[row] = other;
    if (r->stamp[other] == run + 1)
        return twice_in_list(r, line, e);
    r->stamp[other] = run + 1;
    return 0;
}

/* A long id (more than ID_INLINE bytes) is looked up at once. */
static int resolve_now(reader *r, uint32_t row, uint32_t run, uint32_t line, const cell *c,
                       err_t *e)
{
    idkey k;
    idkey_of(c->p, c->n, &k);
    slot *sl = idtab_probe(r->oth, &k, c->p, c->n);
    uint32_t idx;
    if (sl->idx1) {
        idx = sl->idx1 - 1;
    } else if (r->kind == FILE_S) {
        char id[256];
        snprintf(id, sizeof id, "%.*s", (int)(c->n < 255 ? c->n : 255), c->p);
        return unknown_other(r, line, id, e);
    } else {
        idx = idtab_add(r->oth, sl, &k, c->p, c->n);
        if (idx >= r->first_cap) {
            r->first_cap = r->first_cap ? r->first_cap * 2 : 1024;
            r->first_line = xrealloc(r->first_line, r->first_cap * sizeof *r->first_line);
        }
        r->first_line[idx] = line;
        ensure_stamp(r, idx);
    }
    return note_other(r, row, run, line, idx, e);
}

/* Resolve the waiting rows, in file order. */
static int flush_pending(reader *r, err_t *e)
{
    idtab *t = r->oth;
    uint32_t n = r->npend;
    r->npend = 0;
    for (uint32_t i = 0; i < n; i++) {
        const idkey *k = &r->pend[i].k;
        slot *sl = idtab_probe_short(t, k); /* batched ids are short */
        uint32_t idx;
        if (sl->idx1) {
            idx = sl->idx1 - 1;
        } else {
            char id[ID_INLINE + SLACK] = {0};
            memcpy(id, &k->a, 8);
            memcpy(id + 8, &k->b, 4);
            if (r->kind == FILE_S)
                return unknown_other(r, r->pend[i].line, id, e);
            idx = idtab_add(t, sl, k, id, r->pend[i].n);
            if (idx >= r->first_cap) {
                r->first_cap = r->first_cap ? r->first_cap * 2 : 1024;
                r->first_line = xrealloc(r->first_line, r->first_cap * sizeof *r->first_line);
            }
            r->first_line[idx] = r->pend[i].line;
            ensure_stamp(r, idx);
        }
        if (note_other(r, r->pend[i].row, r->pend[i].run, r->pend[i].line, idx, e) < 0)
            return -1;
    }
    return 0;
}

static int header_row(reader *r, size_t line, const cell *c, size_t nc, err_t *e)
{
    static const char *const headers[3][3] = {{"position", "capacity", NULL},
                                              {"student", "position", "rank"},
                                              {"position", "student", "rank"}};
    const char *const *want = headers[r->kind];
    size_t nwant = r->kind == FILE_C ? 2 : 3;
    r->header_seen = true;
    bool ok = nc == nwant;
    for (size_t i = 0; ok && i < nwant; i++)
        ok = c[i].n == strlen(want[i]) && !memcmp(c[i].p, want[i], c[i].n);
    if (!ok) {
        char why[300];
        snprintf(why, sizeof why, "表头应为 (header must be) \"%s,%s%s%s\"", want[0], want[1],
                 nwant == 3 ? "," : "", nwant == 3 ? want[2] : "");
        return bad_row(r, line, e, why);
    }
    return 0;
}

static int shape_error(reader *r, size_t line, const cell *c, size_t nc, err_t *e)
{
    static const char *const names[3][3] = {{"position", "capacity", NULL},
                                            {"student", "position", "rank"},
                                            {"position", "student", "rank"}};
    size_t nwant = r->kind == FILE_C ? 2 : 3;
    char why[300];
    if (nc != nwant) {
        snprintf(why, sizeof why, "应有 %zu 列，实有 %zu 列 (%s row: %zu cells, expected %zu)",
                 nwant, nc, nc < nwant ? "short" : "long", nc, nwant);
        return bad_row(r, line, e, why);
    }
    for (size_t i = 0; i < nwant; i++)
        if (!c[i].n) {
            snprintf(why, sizeof why, "%s 为空 (empty %s)", names[r->kind][i], names[r->kind][i]);
            return bad_row(r, line, e, why);
        }
    return 0;
}

static int row_c(reader *r, size_t line, const cell *c, size_t nc, err_t *e)
{
    if (!r->header_seen)
        return header_row(r, line, c, nc, e);
    if (nc != 2 || !c[0].n || !c[1].n)
        return shape_error(r, line, c, nc, e);
    idkey k;
    idkey_of(c[0].p, c[0].n, &k);
    slot *sl = idtab_probe(r->own, &k, c[0].p, c[0].n);
    if (sl->idx1) {
        char why[300];
        snprintf(why, sizeof why, "岗位重复 (duplicate position row \"%.*s\")",
                 (int)(c[0].n < 200 ? c[0].n : 200), c[0].p);
        return bad_row(r, line, e, why);
    }
    uint32_t v = 0;
    int rc = parse_uint(c[1].p, c[1].n, true, &v);
    if (rc == -2)
        return bad_row(r, line, e, "容量为负数 (negative capacity)");
    if (rc < 0)
        return bad_row(r, line, e, "容量不是非负整数 (capacity is not a non-negative integer)");
    idtab_add(r->own, sl, &k, c[0].p, c[0].n);
    if (r->cap_n == r->cap_size) {
        r->cap_size = r->cap_size ? r->cap_size * 2 : 1024;
        r->cap = xrealloc(r->cap, r->cap_size * sizeof *r->cap);
    }
    r->cap[r->cap_n++] = v;
    return 0;
}

/* a[0..n) == b[0..m)?  Both have SLACK readable bytes past the end. */
static inline bool same_bytes(const char *a, const char *b, size_t n, size_t m)
{
    if (n != m)
        return false;
#ifdef __SSE2__
    if (n <= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)a), y = _mm_loadu_si128((const __m128i *)b);
        uint32_t eq = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y));
        return (~eq & ((1u << n) - 1)) == 0;
    }
#endif
    return !memcmp(a, b, n);
}

/* A new run starts: find (S: add) its owner. */
static int new_run(reader *r, size_t line, const cell *c, err_t *e)
{
    idkey k;
    idkey_of(c->p, c->n, &k);
    slot *sl = idtab_probe(r->own, &k, c->p, c->n);
    uint32_t owner;
    if (r->kind == FILE_S) {
        /* students are numbered as they first appear in S.csv */
        if (sl->idx1) {
            owner = sl->idx1 - 1;
            r->simple = false; /* a list in pieces */
        } else {
            owner = idtab_add(r->own, sl, &k, c->p, c->n);
        }
    } else {
        if (!sl->idx1) {
            char why[300];
            snprintf(why, sizeof why,
                     "未知岗位 (unknown position \"%.*s\": not in the positions file)",
                     (int)(c->n < 200 ? c->n : 200), c->p);
            return bad_row(r, line, e, why);
        }
        owner = sl->idx1 - 1;
        if (r->owner_seen[owner])
            r->simple = false;
        r->owner_seen[owner] = 1;
    }
    if (r->nruns && owner <= r->run_owner[r->nruns - 1])
        r->runs_ordered = false;
    if (r->nruns == r->rcap) {
        r->rcap = r->rcap ? r->rcap * 2 : 4096;
        r->run_owner = xrealloc(r->run_owner, r->rcap * sizeof *r->run_owner);
        r->run_start = xrealloc(r->run_start, (r->rcap + 1) * sizeof *r->run_start);
    }
    r->run_owner[r->nruns] = owner;
    r->run_start[r->nruns] = (uint32_t)r->n;
    r->nruns++;
    if (c->n > r->last_cap) {
        r->last_cap = c->n * 2;
        r->last = xrealloc(r->last, r->last_cap + SLACK);
    }
    memcpy(r->last, c->p, c->n);
    r->last_n = c->n;
    r->last_idx = owner;
    r->last_rank = 0;
    r->have_last = true;
    return 0;
}

static int row_sp_checked(reader *r, size_t line, const cell *c, size_t nc, err_t *e)
{
    if (!r->header_seen)
        return header_row(r, line, c, nc, e);
    if (nc != 3 || !c[0].n || !c[1].n || !c[2].n)
        return shape_error(r, line, c, nc, e);
    if (!r->have_last || !same_bytes(c[0].p, r->last, c[0].n, r->last_n))
        if (new_run(r, line, &c[0], e) < 0)
            return -1;
    /* the rank: digits only is the common case */
    uint32_t rank = 0;
    const char *q = c[2].p;
    size_t qn = c[2].n, i = 0;
    if (qn <= 9) {
        while (i < qn && (unsigned)(q[i] - '0') < 10)
            rank = rank * 10 + (uint32_t)(q[i++] - '0');
    }
    if (i != qn || !rank) {
        int rc = parse_uint(q, qn, false, &rank);
        if (rc < 0)
            return bad_row(r, line, e,
                           rc == -2   ? "排名须为正整数 (rank must be a positive integer)"
                           : rc == -3 ? "排名过大 (rank too large)"
                                      : "排名不是数字 (rank is not a number)");
    }
    if (rank <= r->last_rank) {
        if (rank == r->last_rank) {
            char why[200];
            snprintf(why, sizeof why, "同一列表中排名 %u 重复 (duplicate rank %u in one list)",
                     rank, rank);
            return bad_row(r, line, e, why);
        }
        r->simple = false; /* ranks out of order: sort later */
    }
    r->last_rank = rank;
    if (r->n == r->ncap)
        grow_rows(r);
    uint32_t row = (uint32_t)r->n++, run = (uint32_t)r->nruns - 1;
    uint32_t ln = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    if (c[1].n > ID_INLINE) {
        if (r->npend && flush_pending(r, e) < 0)
            return -1;
        return resolve_now(r, row, run, ln, &c[1], e);
    }
    uint32_t k = r->npend++;
    idkey_of(c[1].p, c[1].n, &r->pend[k].k);
    __builtin_prefetch(&r->oth->slot[r->pend[k].k.h & r->oth->mask]);
    r->pend[k].row = row;
    r->pend[k].run = run;
    r->pend[k].line = ln;
    r->pend[k].n = (uint32_t)c[1].n;
    if (r->npend == BATCH)
        return flush_pending(r, e);
    return 0;
}

static int row_sp(reader *r, size_t line, const cell *c, size_t nc, err_t *e)
{
    if (row_sp_checked(r, line, c, nc, e) == 0)
        return 0;
    /* a waiting row may hold an earlier error: that one is reported */
    if (r->npend) {
        err_t e2 = ERR_INIT;
        if (flush_pending(r, &e2) < 0)
            err_set(e, e2.code, "%s", e2.message);
        err_clear(&e2);
    }
    return -1;
}

/* Rank mode: the rank of every data row (the file was read once: it is
 * well formed). */
static int row_rank(reader *r, size_t line, const cell *c, size_t nc, err_t *e)
{
    if (!r->header_seen) {
        r->header_seen = true;
        return 0;
    }
    uint32_t v = 0;
    parse_uint(c[2].p, c[2].n, false, &v);
    r->rank[r->count_rows++] = v;
    return 0;
}

/* Counting mode: find the line of data row count_target. */
static int row_count(reader *r, size_t line, const cell *c, size_t nc, err_t *e)
{
    if (!r->header_seen) {
        r->header_seen = true;
        return 0;
    }
    if (r->count_rows++ == r->count_target) {
        r->count_line = line;
        return -1;
    }
    return 0;
}

/* Back to an empty state, for reading the file again from the start. */
static void reader_reset(reader *r)
{
    r->header_seen = false;
    r->cap_n = 0;
    r->n = 0;
    r->nruns = 0;
    r->simple = true;
    r->runs_ordered = true;
    r->have_last = false;
    r->npend = 0;
    r->count_rows = 0;
    r->count_line = 0;
    if (r->stamp)
        memset(r->stamp, 0, r->stamp_n * sizeof *r->stamp);
    if (r->own && r->kind != FILE_P)
        idtab_reset(r->own); /* C: the positions, S: the students */
    if (r->oth && r->kind == FILE_P)
        idtab_reset(r->oth); /* P: its local students */
    if (r->owner_seen)
        memset(r->owner_seen, 0, r->own->n);
}

/* ---- the two ways through a file ---------------------------------------------- */

typedef struct {
    reader *r;
    row_fn fn;
    cell *c;
    size_t ncap;
} generic_ctx;

static int generic_row(void *ctx, size_t line, char **cells, size_t ncells, err_t *e)
{
    generic_ctx *g = ctx;
    if (ncells > g->ncap) {
        g->ncap = ncells * 2;
        g->c = xrealloc(g->c, g->ncap * sizeof *g->c);
    }
    /* cells are NUL-terminated but without SLACK: copy short ones */
    char *copy = NULL;
    size_t need = 0;
    for (size_t i = 0; i < ncells; i++)
        need += strlen(cells[i]) + SLACK;
    copy = xmalloc(need + 1);
    size_t o = 0;
    for (size_t i = 0; i < ncells; i++) {
        size_t n = strlen(cells[i]);
        memcpy(copy + o, cells[i], n);
        memset(copy + o + n, 0, SLACK);
        g->c[i].p = copy + o;
        g->c[i].n = n;
        o += n + SLACK;
    }
    int rc = g->fn(g->r, line, g->c, ncells, e);
    free(copy);
    return rc;
}

/* Not UTF-8 (or NUL bytes): the whole file through io/table. */
static int read_generic(reader *r, row_fn fn, err_t *e)
{
    table_mapped m;
    err_t te = ERR_INIT;
    generic_ctx g = {r, fn, NULL, 0};
    int rc = -1;
    if (table_map_file(r->path, &m, e) < 0)
        return -1;
    if (table_read_mem(TABLE_CSV, m.data, m.len, generic_row, NULL, &g, &te) < 0) {
        if (fn == row_count && r->count_line) {
            rc = 0;
        } else if (strncmp(te.message, r->path, strlen(r->path)) == 0) {
            /* the callback's messages already name the file; the reader's do not */
            err_set(e, ERR_BAD_REQUEST, "%s", te.message);
        } else {
            err_set(e, ERR_BAD_REQUEST, "%s: %s", r->path, te.message);
        }
        err_clear(&te);
        goto out;
    }
    rc = 0;
out:
    free(g.c);
    table_unmap_file(&m);
    return rc;
}

/* NUL bytes or text that is not strict UTF-8 in s[0..n-1]? */
static bool chunk_is_plain_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t w[4];
        memcpy(w, s + i, 32);
        uint64_t any_high = w[0] | w[1] | w[2] | w[3];
        uint64_t zero = 0;
        for (int k = 0; k < 4; k++)
            zero |= (w[k] - 0x0101010101010101ull) & ~w[k];
        if ((any_high | zero) & 0x8080808080808080ull)
            break;
    }
    if (i == n)
        return true;
    return !memchr(s + i, '\0', n - i) && table_utf8_prefix(s + i, n - i) == n - i;
}

typedef enum { ROW_OK, ROW_MORE, ROW_BAD } row_status;

static const unsigned char stop_unquoted[256] = {[','] = 1, ['\n'] = 1, ['\r'] = 1};

typedef struct {
    cell *c;
    size_t *soff; /* per cell: offset in scratch, or SIZE_MAX when in the chunk */
    size_t ncap;
    char *scratch;
    size_t slen, scap;
} row_buf;

static inline void scratch_put(row_buf *b, const void *p, size_t n)
{
    if (b->slen + n + SLACK > b->scap) {
        while (b->slen + n + SLACK > b->scap)
            b->scap *= 2;
        b->scratch = xrealloc(b->scratch, b->scap);
    }
    memcpy(b->scratch + b->slen, p, n);
    b->slen += n;
}

/*
 * One row from p (not an empty line) up to lim, where lim[-1] is '\n'.
 * ROW_OK: *next is past the row's line end, *lines the lines it spans,
 * b->c[0..*nc) its cells.  ROW_MORE: a quoted cell goes on past lim (more
 * input needed).  ROW_BAD: an unterminated quote at the end of the file
 * (*lines: lines before the quote).
 */
static row_status parse_row(const unsigned char *p, const unsigned char *lim, bool eof, row_buf *b,
                            size_t *nc, const unsigned char **next, size_t *lines)
{
    size_t n = 0, nl = 0;
    b->slen = 0;
    for (;;) {
        if (n == b->ncap) {
            b->ncap *= 2;
            b->c = xrealloc(b->c, b->ncap * sizeof *b->c);
            b->soff = xrealloc(b->soff, b->ncap * sizeof *b->soff);
        }
        if (*p != '"') {
            const unsigned char *s = p;
            while (!stop_unquoted[*p])
                p++;
            b->c[n].p = (const char *)s;
            b->c[n].n = (size_t)(p - s);
            b->soff[n] = SIZE_MAX;
        } else {
            size_t start = b->slen;
            p++;
            for (;;) {
                const unsigned char *z = memchr(p, '"', (size_t)(lim - p));
                if (!z) {
                    *lines = nl;
                    return eof ? ROW_BAD : ROW_MORE;
                }
                for (const unsigned char *t = p; t < z; t++)
                    if (*t == '\n' || (*t == '\r' && (t + 1 == z || t[1] != '\n')))
                        nl++;
                scratch_put(b, p, (size_t)(z - p));
                p = z + 1; /* z < lim - 1: lim[-1] is '\n' */
                if (*p == '"') {
                    scratch_put(b, "\"", 1);
                    p++;
                    continue;
                }
                break;
            }
            /* text after the closing quote is kept (leniently) */
            const unsigned char *s = p;
            while (!stop_unquoted[*p])
                p++;
            scratch_put(b, s, (size_t)(p - s));
            b->c[n].n = b->slen - start;
            b->soff[n] = start;
        }
        n++;
        if (*p == ',') {
            p++;
            continue;
        }
        p += (*p == '\r' && p[1] == '\n') ? 2 : 1;
        nl++;
        break;
    }
    memset(b->scratch + b->slen, 0, SLACK);
    for (size_t i = 0; i < n; i++)
        if (b->soff[i] != SIZE_MAX)
            b->c[i].p = b->scratch + b->soff[i];
    *nc = n;
    *next = p;
    *lines = nl;
    return ROW_OK;
}

#ifdef __SSE2__
/* Bits of p[0..32) that are , LF CR or a quote. */
static inline uint32_t delimiters32(const unsigned char *p)
{
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"');
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    __m128i y = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i mx = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, lf)),
                              _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, quote)));
    __m128i my = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(y, comma), _mm_cmpeq_epi8(y, lf)),
                              _mm_or_si128(_mm_cmpeq_epi8(y, cr), _mm_cmpeq_epi8(y, quote)));
    return (uint32_t)_mm_movemask_epi8(mx) | (uint32_t)_mm_movemask_epi8(my) << 16;
}

/*
 * The common row: no quote anywhere, at most b->ncap cells, one line.
 * Finds every delimiter of 32 bytes at once.  false: use parse_row.
 * The row's end (a LF at lim[-1] at the latest) is followed by SLACK
 * readable bytes.
 */
static inline bool fast_row(const unsigned char *p, row_buf *b, size_t *nc,
                            const unsigned char **next)
{
    const unsigned char *s = p, *base = p;
    uint32_t m = delimiters32(base);
    size_t n = 0;
    for (;;) {
        while (!m) {
            base += 32;
            m = delimiters32(base);
        }
        const unsigned char *d = base + __builtin_ctz(m);
        m &= m - 1;
        if (*d == '"' || n == b->ncap)
            return false;
        b->c[n].p = (const char *)s;
        b->c[n].n = (size_t)(d - s);
        n++;
        if (*d == ',') {
            s = d + 1;
            continue;
        }
        *next = d + ((*d == '\r' && d[1] == '\n') ? 2 : 1);
        *nc = n;
        return true;
    }
}
#endif

#ifdef __SSE2__
/*
 * The bulk of S.csv and P.csv: rows "owner,other,rank" within 32 bytes,
 * no quote, the owner that of the run going on, the other id short, the
 * rank plain digits and above the one before.  The reader's state stays
 * in locals (stores through r->other would otherwise make the compiler
 * reload every field).  Returns where it stopped: end, or a row the
 * general path must take (it then comes back here); *failed on an error.
 */
static const unsigned char *hot_rows(reader *r, const unsigned char *p, const unsigned char *end,
                                     size_t *line_io, bool *failed, err_t *e)
{
    size_t line = *line_io, n = r->n, ncap = r->ncap;
    uint32_t last_rank = r->last_rank;
    uint32_t run = (uint32_t)r->nruns - 1, npend = r->npend;
    const char *last = r->last;
    size_t last_n = r->last_n;
    const slot *oslot = r->oth->slot;
    uint32_t omask = r->oth->mask;
    *failed = false;
    if (!r->header_seen || !r->have_last)
        return p;
    while (p < end && n < ncap) {
        uint32_t m = delimiters32(p);
        uint32_t d0 = (uint32_t)__builtin_ctz(m | 1u << 31);
        m &= m - 1;
        uint32_t d1 = (uint32_t)__builtin_ctz(m | 1u << 31);
        m &= m - 1;
        uint32_t d2 = (uint32_t)__builtin_ctz(m | 1u << 31);
        if (d2 == 31 || p[d0] != ',' || p[d1] != ',' || (p[d2] != '\n' && p[d2] != '\r'))
            break;
        uint32_t n1 = d1 - d0 - 1, n2 = d2 - d1 - 1;
        if (n1 == 0 || n1 > ID_INLINE || n2 == 0 || n2 > 9 ||
            !same_bytes((const char *)p, last, d0, last_n))
            break;
        uint32_t v = 0, i = d1 + 1;
        while (i < d2 && (unsigned)(p[i] - '0') < 10)
            v = v * 10 + (uint32_t)(p[i++] - '0');
        if (i != d2 || v <= last_rank)
            break;
        last_rank = v;
        idkey_of((const char *)p + d0 + 1, n1, &r->pend[npend].k);
        __builtin_prefetch(&oslot[r->pend[npend].k.h & omask]);
        r->pend[npend].row = (uint32_t)n;
        r->pend[npend].run = run;
        r->pend[npend].line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
        r->pend[npend].n = n1;
        n++;
        line++;
        p += d2 + ((p[d2] == '\r' && p[d2 + 1] == '\n') ? 2 : 1);
        if (++npend == BATCH) {
            r->n = n;
            r->npend = npend;
            if (flush_pending(r, e) < 0) {
                *failed = true;
                break;
            }
            npend = 0;
            oslot = r->oth->slot; /* P's table may have grown */
            omask = r->oth->mask;
        }
    }
    r->n = n;
    r->npend = npend;
    r->last_rank = last_rank;
    *line_io = line;
    return p;
}
#endif

/*
 * Read r->path, calling fn for every row (the header first).  0 when done,
 * -1 on a bad row or an unreadable file (e set), or when fn stopped.
 */
static int read_file(reader *r, row_fn fn, err_t *e)
{
    int fd = open(r->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    size_t cap = CHUNK * 2 + SLACK, have = 0, start = 0, checked = 0, line = 1;
    unsigned char *buf = NULL;
    row_buf b = {0};
    bool eof = false, first = true, generic = false;
    int rc = -1;

    if (fd < 0 || fstat(fd, &st) < 0) {
        err_set(e, ERR_BAD_REQUEST, "%s: 无法打开文件 (cannot open: %s)", r->path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        err_set(e, ERR_BAD_REQUEST, "%s: 不是普通文件 (not a regular file)", r->path);
        goto out;
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    buf = xmalloc(cap);
    b.ncap = 8;
    b.c = xmalloc(b.ncap * sizeof *b.c);
    b.soff = xmalloc(b.ncap * sizeof *b.soff);
    b.scap = 256;
    b.scratch = xmalloc(b.scap);
    while (!eof) {
        if (r->stop && atomic_load_explicit(r->stop, memory_order_relaxed)) {
            err_set(e, ERR_BAD_REQUEST, "%s: stopped", r->path);
            goto out;
        }
        /* unparsed bytes to the front, then read more */
        if (start) {
            memmove(buf, buf + start, have - start);
            have -= start;
            checked -= start;
            start = 0;
        }
        if (cap - have - SLACK < CHUNK) {
            cap = (have + CHUNK) * 2 + SLACK;
            buf = xrealloc(buf, cap);
        }
        ssize_t got = read(fd, buf + have, cap - SLACK - 1 - have);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            err_set(e, ERR_BAD_REQUEST, "%s: 无法读取 (cannot read: %s)", r->path, strerror(errno));
            goto out;
        }
        have += (size_t)got;
        eof = got == 0;
        if (first && (have >= 3 || eof)) {
            first = false;
            if (have >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
                start = checked = 3;
        }
        if (first)
            continue;
        size_t lim;
        if (eof) {
            if (have > start && buf[have - 1] != '\n')
                buf[have++] = '\n'; /* the room is there: cap - SLACK - 1 */
            lim = have;
        } else {
            const unsigned char *nl = memrchr(buf + checked, '\n', have - checked);
            if (!nl)
                continue; /* a row longer than what we have */
            lim = (size_t)(nl - buf) + 1;
        }
        memset(buf + have, 0, SLACK);
        if (!chunk_is_plain_utf8(buf + checked, lim - checked)) {
            generic = true;
            break;
        }
        checked = lim;
        const unsigned char *p = buf + start, *end = buf + lim;
        while (p < end) {
#ifdef __SSE2__
            if (fn == row_sp) {
                bool failed;
                p = hot_rows(r, p, end, &line, &failed, e);
                if (failed)
                    goto out;
                if (p == end)
                    break;
            }
#endif
            if (*p == '\n' || *p == '\r') {
                p += (*p == '\r' && p[1] == '\n') ? 2 : 1;
                line++;
                continue;
            }
            const unsigned char *next;
            size_t nc, lines;
#ifdef __SSE2__
            if (fast_row(p, &b, &nc, &next)) {
                if (fn(r, line, b.c, nc, e) < 0) {
                    if (fn == row_count)
                        rc = 0;
                    goto out;
                }
                line++;
                p = next;
                continue;
            }
#endif
            row_status st2 = parse_row(p, end, eof, &b, &nc, &next, &lines);
            if (st2 == ROW_MORE)
                break;
            if (st2 == ROW_BAD) {
                bad_row(r, line + lines, e, "引号未闭合 (unterminated quote)");
                goto out;
            }
            if (fn(r, line, b.c, nc, e) < 0) {
                if (fn == row_count)
                    rc = 0;
                goto out;
            }
            line += lines;
            p = next;
        }
        start = (size_t)(p - buf);
    }
    if (generic) {
        reader_reset(r);
        rc = read_generic(r, fn, e);
        goto out;
    }
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    free(buf);
    free(b.c);
    free(b.soff);
    free(b.scratch);
    return rc;
}

/* The line of data row `row` (0-based, file order), by reading again. */
static size_t line_of_row(const reader *r0, size_t row)
{
    reader r;
    err_t e = ERR_INIT;
    memset(&r, 0, sizeof r);
    r.kind = r0->kind;
    r.path = r0->path;
    r.count_target = row;
    read_file(&r, row_count, &e);
    err_clear(&e);
    return r.count_line;
}

static void free_rows(reader *r)
{
    free(r->other);
    free(r->rank);
    free(r->run_owner);
    free(r->run_start);
    free(r->owner_seen);
    free(r->stamp);
    free(r->first_line);
    free(r->last);
    free(r->cap);
    r->other = r->rank = r->run_owner = r->run_start = r->stamp = r->first_line = r->cap = NULL;
    r->owner_seen = NULL;
    r->last = NULL;
}

/* The ranks of the rows, by reading the file again. */
static void read_ranks(reader *r0)
{
    reader r;
    err_t e = ERR_INIT;
    memset(&r, 0, sizeof r);
    r.kind = r0->kind;
    r.path = r0->path;
    r.rank = xcalloc(r0->n + 1, sizeof *r.rank);
    read_file(&r, row_rank, &e);
    err_clear(&e);
    r0->rank = r.rank;
}

/* ---- rows to lists ------------------------------------------------------------ */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * The general case: bucket rows by owner, sort each list by rank, refuse
 * the same rank or the same id twice in one list (with the later row's
 * line).  *list gets the other side's indices.
 */
static int build_sorted(reader *r, uint32_t n_owner, uint32_t n_other, uint32_t *off,
                        uint32_t **list_out, err_t *e)
{
    size_t n = r->n;
    uint64_t *key = xmalloc(n * sizeof *key + 1);
    uint32_t *fill = xmalloc(((size_t)n_owner + 1) * sizeof *fill);
    uint32_t *stamp = xcalloc((size_t)n_other + 1, sizeof *stamp);
    uint32_t *list = xmalloc(n * sizeof *list + 1);
    int rc = -1;

    memcpy(fill, off, ((size_t)n_owner + 1) * sizeof *fill);
    r->run_start[r->nruns] = (uint32_t)n;
    for (size_t u = 0; u < r->nruns; u++)
        for (uint32_t k = r->run_start[u]; k < r->run_start[u + 1]; k++)
            key[fill[r->run_owner[u]]++] = (uint64_t)r->rank[k] << 32 | k;
    for (uint32_t o = 0; o < n_owner; o++) {
        uint64_t *a = key + off[o];
        uint32_t len = off[o + 1] - off[o];
        qsort(a, len, sizeof *a, cmp_u64);
        for (uint32_t i = 0; i < len; i++) {
            uint32_t k = (uint32_t)a[i], other = r->other[k];
            if (i > 0 && (a[i] >> 32) == (a[i - 1] >> 32)) {
                uint32_t k0 = (uint32_t)a[i - 1];
                char why[200];
                snprintf(why, sizeof why, "同一列表中排名 %u 重复 (duplicate rank %u in one list)",
                         r->rank[k], r->rank[k]);
                bad_row(r, line_of_row(r, k > k0 ? k : k0), e, why);
                goto out;
            }
            if (stamp[other] == o + 1) {
                uint32_t later = k;
                for (uint32_t i2 = 0; i2 < i; i2++) {
                    uint32_t k2 = (uint32_t)a[i2];
                    if (r->other[k2] == other && k2 > later)
                        later = k2;
                }
                twice_in_list(r, line_of_row(r, later), e);
                goto out;
            }
            stamp[other] = o + 1;
            list[off[o] + i] = other;
        }
    }
    *list_out = list;
    list = NULL;
    rc = 0;
out:
    free(key);
    free(fill);
    free(stamp);
    free(list);
    return rc;
}

/*
 * The file's rows as CSR lists: *off [n_owner+1], *list the other side's
 * indices (the reader's array itself when the file is in list order).
 */
static int build_lists(reader *r, uint32_t n_owner, uint32_t n_other, uint32_t **off_out,
                       uint32_t **list_out, err_t *e)
{
    uint32_t *off = xcalloc((size_t)n_owner + 2, sizeof *off);
    uint32_t *list = NULL;
    if (!r->run_start) /* no rows */
        r->run_start = xmalloc(sizeof *r->run_start);
    if (!r->other)
        r->other = xmalloc(sizeof *r->other);
    r->run_start[r->nruns] = (uint32_t)r->n;
    for (size_t u = 0; u < r->nruns; u++)
        off[r->run_owner[u] + 1] += r->run_start[u + 1] - r->run_start[u];
    for (uint32_t o = 0; o < n_owner; o++)
        off[o + 1] += off[o];
    if (r->simple && r->runs_ordered) {
        list = r->other; /* the file is the lists */
        r->other = NULL;
    } else if (r->simple) {
        list = xmalloc(r->n * sizeof *list + 1);
        for (size_t u = 0; u < r->nruns; u++)
            memcpy(list + off[r->run_owner[u]], r->other + r->run_start[u],
                   (size_t)(r->run_start[u + 1] - r->run_start[u]) * sizeof *list);
    } else {
        read_ranks(r);
        if (build_sorted(r, n_owner, n_other, off, &list, e) < 0) {
            free(off);
            return -1;
        }
    }
    *off_out = off;
    *list_out = list;
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CJ_MATCH_TIMES=1: each phase's wall and CPU time on stderr. */
static void phase(const char *what, double *wall, double *cpu)
{
    static int on = -1;
    if (on < 0)
        on = getenv("CJ_MATCH_TIMES") != NULL;
    double w = now_s(), c = cpu_s();
    if (on && what)
        fprintf(stderr, "match: %-22s %8.1f ms wall %8.1f ms cpu\n", what, (w - *wall) * 1e3,
                (c - *cpu) * 1e3);
    *wall = w;
    *cpu = c;
}

/* ---- the three files ---------------------------------------------------------- */

typedef struct {
    reader r;
    uint32_t np;
    uint32_t *off, *list;
    int rc;
    bool in_read; /* the error came while reading (not building the lists) */
    err_t e;
} p_job;

static void *read_p(void *arg)
{
    p_job *j = arg;
    double w, c;
    phase(NULL, &w, &c);
    j->rc = read_file(&j->r, row_sp, &j->e);
    if (j->rc == 0 && (j->r.npend && flush_pending(&j->r, &j->e) < 0))
        j->rc = -1;
    if (j->rc == 0 && !j->r.header_seen) {
        j->rc =
            err_set(&j->e, ERR_BAD_REQUEST,
                    "%s: 第 1 行 (line 1): 文件为空，缺少表头 (empty file, no header)", j->r.path);
        j->r.err_line = 1;
    }
    j->in_read = j->rc < 0;
    phase("P.csv read", &w, &c);
    if (j->rc == 0)
        j->rc = build_lists(&j->r, j->np, j->r.oth->n, &j->off, &j->list, &j->e);
    phase("P.csv lists", &w, &c);
    free(j->r.rank);
    j->r.rank = NULL;
    return NULL;
}

static int read_whole(reader *r, row_fn fn, err_t *e)
{
    if (read_file(r, fn, e) < 0)
        return -1;
    if (r->npend && flush_pending(r, e) < 0)
        return -1;
    if (!r->header_seen) {
        r->err_line = 1;
        return err_set(e, ERR_BAD_REQUEST,
                       "%s: 第 1 行 (line 1): 文件为空，缺少表头 (empty file, no header)", r->path);
    }
    return 0;
}

/*
 * P's students are local ids: find each in S's table.  An unknown one is
 * reported if it comes before P's own first error (or P has none).
 * Fills xlate[local] = student index.
 */
static int translate_students(p_job *j, const idtab *stu, uint32_t *xlate, err_t *e)
{
    const idtab *loc = j->r.oth;
    size_t worst = SIZE_MAX;
    uint32_t bad = MATCH_NONE;
    for (uint32_t base = 0; base < loc->n; base += BATCH) {
        idkey k[BATCH];
        uint32_t m = loc->n - base < BATCH ? loc->n - base : BATCH;
        for (uint32_t i = 0; i < m; i++) {
            const char *s = loc->arena + loc->name[base + i];
            idkey_of(s, strlen(s), &k[i]);
            __builtin_prefetch(&stu->slot[k[i].h & stu->mask]);
        }
        for (uint32_t i = 0; i < m; i++) {
            const char *s = loc->arena + loc->name[base + i];
            const slot *sl = idtab_probe(stu, &k[i], s, strlen(s));
            if (sl->idx1) {
                xlate[base + i] = sl->idx1 - 1;
            } else if (j->r.first_line[base + i] < worst) {
                worst = j->r.first_line[base + i];
                bad = base + i;
            }
        }
    }
    bool read_err = j->rc < 0 && j->in_read;
    if (bad != MATCH_NONE && (!read_err || worst < j->r.err_line)) {
        err_clear(&j->e);
        return unknown_other(&j->r, worst, loc->arena + loc->name[bad], e);
    }
    if (j->rc < 0) {
        err_set(e, j->e.code, "%s", j->e.message);
        return -1;
    }
    return 0;
}

int match_csv_read(const char *s_csv, const char *p_csv, const char *c_csv, match_files *f,
                   err_t *e)
{
    double t0 = now_s(), pw, pc;
    idtab stu, pos, loc;
    reader c, s;
    p_job pj;
    pthread_t th;
    bool started = false;
    atomic_int stop = 0;
    uint32_t *s_off = NULL, *s_pos = NULL, *cap = NULL, *xlate = NULL;
    int rc = -1;

    phase(NULL, &pw, &pc);
    memset(f, 0, sizeof *f);
    memset(&c, 0, sizeof c);
    memset(&s, 0, sizeof s);
    memset(&pj, 0, sizeof pj);
    idtab_init(&stu);
    idtab_init(&pos);
    idtab_init(&loc);

    c.kind = FILE_C;
    c.path = c_csv;
    c.own = &pos;
    if (read_whole(&c, row_c, e) < 0)
        goto out;
    cap = c.cap;
    c.cap = NULL;
    uint32_t np = pos.n;
    phase("C.csv", &pw, &pc);

    /* P.csv on a second thread, S.csv here */
    pj.r.kind = FILE_P;
    pj.r.path = p_csv;
    pj.r.own = &pos;
    pj.r.oth = &loc;
    pj.r.stop = &stop;
    pj.r.simple = pj.r.runs_ordered = true;
    pj.r.owner_seen = xcalloc((size_t)np + 1, 1);
    pj.np = np;
    pj.e = (err_t)ERR_INIT;
    started = pthread_create(&th, NULL, read_p, &pj) == 0;
    if (!started)
        read_p(&pj);

    s.kind = FILE_S;
    s.path = s_csv;
    s.own = &stu;
    s.oth = &pos;
    s.simple = s.runs_ordered = true;
    ensure_stamp(&s, np);
    if (read_whole(&s, row_sp, e) < 0) {
        atomic_store(&stop, 1);
        goto out;
    }
    phase("S.csv read", &pw, &pc);
    if (build_lists(&s, stu.n, np, &s_off, &s_pos, e) < 0) {
        atomic_store(&stop, 1);
        goto out;
    }
    free_rows(&s);
    phase("S.csv lists", &pw, &pc);
    if (started) {
        pthread_join(th, NULL);
        started = false;
    }
    phase("wait for P.csv", &pw, &pc);

    /* P's local student numbers to S's */
    xlate = xmalloc(((size_t)loc.n + 1) * sizeof *xlate);
    if (translate_students(&pj, &stu, xlate, e) < 0)
        goto out;
    {
        uint32_t ep = pj.off[np];
        uint32_t *list = pj.list;
        for (uint32_t i = 0; i < ep; i++)
            list[i] = xlate[list[i]];
    }
    free(xlate);
    xlate = NULL;
    free_rows(&pj.r);
    idtab_free(&loc);
    free(stu.slot); /* the ids and names stay; the tables are done */
    free(pos.slot);
    stu.slot = pos.slot = NULL;
    phase("P.csv students", &pw, &pc);

    if (!cap)
        cap = xmalloc(sizeof *cap);
    f->problem = match_problem_new(stu.n, np, s_off, s_pos, pj.off, pj.list, cap);
    s_off = s_pos = pj.off = pj.list = cap = NULL;
    phase("problem (match.c)", &pw, &pc);
    f->stu_names = stu.arena;
    f->stu_name = stu.name;
    f->pos_names = pos.arena;
    f->pos_name = pos.name;
    stu.arena = pos.arena = NULL;
    stu.name = pos.name = NULL;
    f->read_seconds = now_s() - t0;
    rc = 0;
out:
    if (started)
        pthread_join(th, NULL);
    err_clear(&pj.e);
    free_rows(&c);
    free_rows(&s);
    free_rows(&pj.r);
    free(pj.off);
    free(pj.list);
    free(cap);
    free(s_off);
    free(s_pos);
    free(xlate);
    idtab_free(&stu);
    idtab_free(&pos);
    idtab_free(&loc);
    return rc;
}

void match_files_free(match_files *f)
{
    match_problem_free(f->problem);
    free(f->stu_names);
    free(f->pos_names);
    free(f->stu_name);
    free(f->pos_name);
    memset(f, 0, sizeof *f);
}

const char *match_student_name(const match_files *f, uint32_t s)
{
    return f->stu_names + f->stu_name[s];
}

const char *match_position_name(const match_files *f, uint32_t p)
{
    return f->pos_names + f->pos_name[p];
}

uint32_t match_student_find(const match_files *f, const char *id)
{
    /* a linear scan: used once, for --explain */
    uint32_t n = f->problem ? match_students(f->problem) : 0;
    for (uint32_t s = 0; s < n; s++)
        if (!strcmp(match_student_name(f, s), id))
            return s;
    return MATCH_NONE;
}

/* ---- writing -------------------------------------------------------------------- */

/* Append cell s (n bytes), RFC 4180-quoted when it holds , " CR or LF. */
static char *put_cell(char *o, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        memcpy(o, s, n);
        return o + n;
    }
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *o++ = '"';
        *o++ = s[i];
    }
    *o++ = '"';
    return o;
}

int match_csv_write(const char *path, const match_files *f, const uint32_t *student_pos, err_t *e)
{
    uint32_t ns = match_students(f->problem), np = match_positions(f->problem);
    char *dir_copy = xstrdup(path), *tmp = NULL, *out = NULL, **pcell = NULL;
    size_t *pcell_n = NULL;
    int fd = -1, rc = -1;

    /* positions' cells once (100 k, each used ~11 times) */
    pcell = xmalloc(((size_t)np + 1) * sizeof *pcell);
    pcell_n = xmalloc(((size_t)np + 1) * sizeof *pcell_n);
    size_t pmax = 0;
    for (uint32_t p = 0; p < np; p++) {
        const char *name = match_position_name(f, p);
        size_t n = strlen(name);
        pcell[p] = xmalloc(2 * n + 3);
        pcell_n[p] = (size_t)(put_cell(pcell[p], name, n) - pcell[p]);
        if (pcell_n[p] > pmax)
            pmax = pcell_n[p];
    }
    /* an upper bound: every student's id doubled and quoted, the longest
     * position cell, a comma and a LF */
    size_t bound = 32;
    for (uint32_t s = 0; s < ns; s++)
        bound += 2 * strlen(match_student_name(f, s)) + 2 + pmax + 2;
    out = xmalloc(bound);
    char *o = out;
    memcpy(o, "student,position\n", 17);
    o += 17;
    for (uint32_t s = 0; s < ns; s++) {
        const char *name = match_student_name(f, s);
        o = put_cell(o, name, strlen(name));
        *o++ = ',';
        uint32_t p = student_pos[s];
        if (p != MATCH_NONE) {
            memcpy(o, pcell[p], pcell_n[p]);
            o += pcell_n[p];
        }
        *o++ = '\n';
    }
    size_t len = (size_t)(o - out);

    const char *dir = dirname(dir_copy);
    const char *slash = strrchr(path, '/');
    tmp = xasprintf("%s/.%s.tmp.XXXXXX", dir, slash ? slash + 1 : path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        err_set(e, ERR_INTERNAL, "%s: 无法创建临时文件 (cannot create temp file: %s)", path,
                strerror(errno));
        free(tmp);
        tmp = NULL;
        goto out;
    }
    for (size_t done = 0; done < len;) {
        ssize_t w = write(fd, out + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            err_set(e, ERR_INTERNAL, "%s: 写入失败 (write failed: %s)", path, strerror(errno));
            goto out;
        }
        done += (size_t)w;
    }
    if (fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
        err_set(e, ERR_INTERNAL, "%s: 写入失败 (fsync failed: %s)", path, strerror(errno));
        goto out;
    }
    close(fd);
    fd = -1;
    if (rename(tmp, path) < 0) {
        err_set(e, ERR_INTERNAL, "%s: 无法替换文件 (rename failed: %s)", path, strerror(errno));
        goto out;
    }
    free(tmp);
    tmp = NULL;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    if (pcell)
        for (uint32_t p = 0; p < np; p++)
            free(pcell[p]);
    free(pcell);
    free(pcell_n);
    free(out);
    free(dir_copy);
    return rc;
}
