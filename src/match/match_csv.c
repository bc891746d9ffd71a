/*
 * match_csv.c — the files of `chanjiao match` (SPEC.md, "Fixed
 * interfaces"): S.csv (student,position,rank), P.csv
 * (position,student,rank), C.csv (position,capacity) in, A.csv
 * (student,position) out.
 *
 * UTF-8 files (with or without BOM) are parsed here, from a private mmap,
 * by a lean RFC 4180 reader (quotes, CRLF or LF, empty lines skipped);
 * anything else (GB18030 as Chinese Excel saves it, NUL bytes, UTF-16)
 * goes through io/table, which converts or refuses it.  At 40 M rows the
 * cost is memory latency, so: ids become dense integers through an
 * open-addressing table whose slot holds the hash and the arena offset of
 * the id, with the index stored just before the id (one miss per hit; ids
 * live in one realloc'd arena, < 4 GB, no per-id allocation); the owner
 * of a list is remembered from the row before; and lookups of the other
 * side's ids wait in batches of 64 whose slots and ids are prefetched.
 * Students are numbered in order of first appearance in S.csv, which is
 * also the order of A.csv.
 *
 * Each file's entries are kept as flat (owner, other, rank, line) arrays,
 * then bucketed by owner and sorted by rank (ranks need not be
 * contiguous: 1, 2, 5 is fine).  Validation happens on the sorted lists:
 * two entries with the same rank, or the same id twice in one list, are
 * refused with the line of the later row.  Every id in S.csv and P.csv
 * must be known: positions from C.csv, students from S.csv (a student a
 * position ranks but who submitted no list is an "unknown id" and refused,
 * per SPEC.md).
 *
 * A.csv is rendered into memory, written to a temporary file in the same
 * folder, fsync'ed and renamed over the target, so readers see the old
 * file or the whole new one; bad input never reaches this point.
 */
#include "match/match.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/table.h"

/* ---- interned ids --------------------------------------------------------- */

typedef struct {
    char **arena; /* shared arena (both sides), realloc'd */
    size_t *arena_len, *arena_cap;
    uint64_t *slot; /* hash << 32 | arena offset of the id (never 0: an index
                     * precedes it); 0 empty */
    uint32_t *name; /* per index: offset in arena */
    uint32_t n, mask, name_cap;
} idtab;

static uint32_t hash_str(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return (uint32_t)(h ^ (h >> 32));
}

static void idtab_init(idtab *t, char **arena, size_t *len, size_t *cap)
{
    memset(t, 0, sizeof *t);
    t->arena = arena;
    t->arena_len = len;
    t->arena_cap = cap;
    t->mask = 1023;
    t->slot = xcalloc(t->mask + 1, sizeof *t->slot);
}

static void idtab_free(idtab *t)
{
    free(t->slot);
    /* t->name is handed over to match_files */
}

static void idtab_grow(idtab *t)
{
    uint32_t nmask = t->mask * 2 + 1;
    uint64_t *ns = xcalloc((size_t)nmask + 1, sizeof *ns);
    for (uint64_t i = 0; i <= t->mask; i++) {
        uint64_t v = t->slot[i];
        if (!v)
            continue;
        uint32_t k = (uint32_t)(v >> 32) & nmask;
        while (ns[k])
            k = (k + 1) & nmask;
        ns[k] = v;
    }
    free(t->slot);
    t->slot = ns;
    t->mask = nmask;
}

/* Index of id s, or MATCH_NONE; with insert, adds it (new index = n-1)
 * and sets *added. */
static uint32_t idtab_get(idtab *t, const char *s, bool insert, bool *added)
{
    size_t n = strlen(s);
    uint32_t h = hash_str(s, n), k = h & t->mask;
    for (;;) {
        uint64_t v = t->slot[k];
        if (!v)
            break;
        if ((uint32_t)(v >> 32) == h) {
            /* the slot points at the id in the arena, the index just before
             * it: one cache miss for both */
            const char *at = *t->arena + (uint32_t)v;
            if (!memcmp(at, s, n + 1)) {
                uint32_t i;
                memcpy(&i, at - 4, 4);
                return i;
            }
        }
        k = (k + 1) & t->mask;
    }
    if (!insert)
        return MATCH_NONE;
    if (t->n == t->name_cap) {
        t->name_cap = t->name_cap ? t->name_cap * 2 : 1024;
        t->name = xrealloc(t->name, (size_t)t->name_cap * sizeof *t->name);
    }
    if (*t->arena_len + n + 5 > *t->arena_cap) {
        while (*t->arena_len + n + 5 > *t->arena_cap)
            *t->arena_cap = *t->arena_cap ? *t->arena_cap * 2 : 65536;
        *t->arena = xrealloc(*t->arena, *t->arena_cap);
    }
    memcpy(*t->arena + *t->arena_len, &t->n, 4);
    *t->arena_len += 4;
    memcpy(*t->arena + *t->arena_len, s, n + 1);
    t->name[t->n] = (uint32_t)*t->arena_len;
    *t->arena_len += n + 1;
    t->slot[k] = (uint64_t)h << 32 | t->name[t->n++];
    if (added)
        *added = true;
    if ((uint64_t)t->n * 2 > (uint64_t)t->mask + 1)
        idtab_grow(t);
    return t->n - 1;
}

/* ---- entries ---------------------------------------------------------------- */

typedef struct {
    uint32_t *owner, *other, *rank, *line;
    size_t n, cap;
} entries;

static void entries_add(entries *x, uint32_t owner, uint32_t other, uint32_t rank, size_t line)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 4096;
        x->owner = xrealloc(x->owner, x->cap * sizeof *x->owner);
        x->other = xrealloc(x->other, x->cap * sizeof *x->other);
        x->rank = xrealloc(x->rank, x->cap * sizeof *x->rank);
        x->line = xrealloc(x->line, x->cap * sizeof *x->line);
    }
    x->owner[x->n] = owner;
    x->other[x->n] = other;
    x->rank[x->n] = rank;
    x->line[x->n] = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    x->n++;
}

static void entries_free(entries *x)
{
    free(x->owner);
    free(x->other);
    free(x->rank);
    free(x->line);
    memset(x, 0, sizeof *x);
}

/* ---- reading ------------------------------------------------------------------ */

typedef enum { FILE_C, FILE_S, FILE_P } file_kind;

typedef struct {
    file_kind kind;
    const char *path;
    idtab *stu, *pos;
    uint32_t *cap;
    size_t cap_n, cap_size;
    entries ent;
    bool header_seen;
    /* the last owner looked up (its list's rows usually come together) */
    char last[128];
    uint32_t last_idx;
    /* rows wait here in small batches so that the lookups of the other
     * side's ids (random: students in P.csv, positions in S.csv) overlap
     * their cache misses: the slots are prefetched as rows arrive, the ids
     * when the batch is resolved.  pend[].p is the owner of the list. */
    struct {
        uint32_t h, n, p, rank, line;
        uint64_t v;
        char id[96];
    } pend[64];
    uint32_t npend;
    /* the mapping, released behind the reader */
    unsigned char *map;
    size_t released;
} reader;

static int bad_row(reader *r, size_t line, err_t *e, const char *why)
{
    return err_set(e, ERR_BAD_REQUEST, "%s: 第 %zu 行 (line %zu): %s", r->path, line, line, why);
}

/* "1", "25": a positive decimal; 0 ok, -1 not a number, -2 not positive
 * (zero or negative), -3 too large. */
static int parse_uint(const char *s, bool allow_zero, uint32_t *out)
{
    const char *p = s;
    bool neg = false;
    while (*p == ' ')
        p++;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    }
    if (*p < '0' || *p > '9')
        return -1;
    uint64_t v = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        v = v * 10 + (uint64_t)(*p - '0');
        if (v > 0x7fffffff)
            return -3;
    }
    while (*p == ' ')
        p++;
    if (*p)
        return -1;
    if (neg && v)
        return -2;
    if (!v && !allow_zero)
        return -2;
    *out = (uint32_t)v;
    return 0;
}

/* Resolve the waiting P.csv rows, in file order. */
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

static int flush_pending(reader *r, err_t *e)
{
    idtab *t = r->kind == FILE_S ? r->pos : r->stu;
    const char *arena = *t->arena;
    uint32_t n = r->npend;
    r->npend = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t k = r->pend[i].h & t->mask;
        uint64_t v;
        while ((v = t->slot[k]) && (uint32_t)(v >> 32) != r->pend[i].h)
            k = (k + 1) & t->mask;
        r->pend[i].v = v;
        if (v)
            __builtin_prefetch(arena + (uint32_t)v - 4);
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t s = MATCH_NONE;
        uint64_t v = r->pend[i].v;
        if (v && !memcmp(arena + (uint32_t)v, r->pend[i].id, r->pend[i].n + 1))
            memcpy(&s, arena + (uint32_t)v - 4, 4);
        else
            s = idtab_get(t, r->pend[i].id, false, NULL); /* a hash collision, or absent */
        if (s == MATCH_NONE)
            return unknown_other(r, r->pend[i].line, r->pend[i].id, e);
        entries_add(&r->ent, r->pend[i].p, s, r->pend[i].rank, r->pend[i].line);
    }
    return 0;
}

static int on_row_checked(reader *r, size_t line, char **cells, size_t ncells, err_t *e);

static int on_row(void *ctx, size_t line, char **cells, size_t ncells, err_t *e)
{
    reader *r = ctx;
    if (on_row_checked(r, line, cells, ncells, e) == 0)
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

static int on_row_checked(reader *r, size_t line, char **cells, size_t ncells, err_t *e)
{
    static const char *const headers[3][3] = {{"position", "capacity", NULL},
                                              {"student", "position", "rank"},
                                              {"position", "student", "rank"}};
    const char *const *want = headers[r->kind];
    size_t nwant = r->kind == FILE_C ? 2 : 3;
    char why[300];

    if (!r->header_seen) {
        r->header_seen = true;
        bool ok = ncells == nwant;
        for (size_t i = 0; ok && i < nwant; i++)
            ok = !strcmp(cells[i], want[i]);
        if (!ok) {
            snprintf(why, sizeof why, "表头应为 (header must be) \"%s,%s%s%s\"", want[0], want[1],
                     nwant == 3 ? "," : "", nwant == 3 ? want[2] : "");
            return bad_row(r, line, e, why);
        }
        return 0;
    }
    if (ncells != nwant) {
        snprintf(why, sizeof why, "应有 %zu 列，实有 %zu 列 (%s row: %zu cells, expected %zu)",
                 nwant, ncells, ncells < nwant ? "short" : "long", ncells, nwant);
        return bad_row(r, line, e, why);
    }
    for (size_t i = 0; i < nwant; i++)
        if (!cells[i][0]) {
            snprintf(why, sizeof why, "%s 为空 (empty %s)", want[i], want[i]);
            return bad_row(r, line, e, why);
        }
    if (r->kind == FILE_C) {
        bool added = false;
        idtab_get(r->pos, cells[0], true, &added);
        if (!added) {
            snprintf(why, sizeof why, "岗位重复 (duplicate position row \"%.200s\")", cells[0]);
            return bad_row(r, line, e, why);
        }
        uint32_t c = 0;
        int rc = parse_uint(cells[1], true, &c);
        if (rc == -2)
            return bad_row(r, line, e, "容量为负数 (negative capacity)");
        if (rc < 0)
            return bad_row(r, line, e, "容量不是非负整数 (capacity is not a non-negative integer)");
        if (r->cap_n == r->cap_size) {
            r->cap_size = r->cap_size ? r->cap_size * 2 : 1024;
            r->cap = xrealloc(r->cap, r->cap_size * sizeof *r->cap);
        }
        r->cap[r->cap_n++] = c;
        return 0;
    }
    bool is_s = r->kind == FILE_S;
    const char *own_id = cells[0], *oth_id = cells[1];
    idtab *own_t = is_s ? r->stu : r->pos, *oth_t = is_s ? r->pos : r->stu;
    uint32_t owner;
    if (r->last_idx != MATCH_NONE && !strcmp(own_id, r->last)) {
        owner = r->last_idx;
    } else {
        /* students are numbered as they first appear in S.csv */
        owner = idtab_get(own_t, own_id, is_s, NULL);
        if (owner == MATCH_NONE) {
            snprintf(why, sizeof why,
                     "未知岗位 (unknown position \"%.200s\": not in the positions file)", own_id);
            return bad_row(r, line, e, why);
        }
        size_t olen = strlen(own_id);
        r->last_idx = MATCH_NONE;
        if (olen < sizeof r->last) { /* rows of one owner usually come together */
            memcpy(r->last, own_id, olen + 1);
            r->last_idx = owner;
        }
    }
    uint32_t rank = 0;
    int rc = parse_uint(cells[2], false, &rank);
    if (rc < 0)
        return bad_row(r, line, e,
                       rc == -2   ? "排名须为正整数 (rank must be a positive integer)"
                       : rc == -3 ? "排名过大 (rank too large)"
                                  : "排名不是数字 (rank is not a number)");
    size_t n = strlen(oth_id);
    if (n >= sizeof r->pend[0].id) { /* a long id: resolve at once, in order */
        if (r->npend && flush_pending(r, e) < 0)
            return -1;
        uint32_t other = idtab_get(oth_t, oth_id, false, NULL);
        if (other == MATCH_NONE)
            return unknown_other(r, line, oth_id, e);
        entries_add(&r->ent, owner, other, rank, line);
        return 0;
    }
    uint32_t h = hash_str(oth_id, n), i = r->npend++;
    __builtin_prefetch(&oth_t->slot[h & oth_t->mask]);
    r->pend[i].h = h;
    r->pend[i].n = (uint32_t)n;
    r->pend[i].p = owner;
    r->pend[i].rank = rank;
    r->pend[i].line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    memcpy(r->pend[i].id, oth_id, n + 1);
    if (r->npend == sizeof r->pend / sizeof r->pend[0])
        return flush_pending(r, e);
    return 0;
}

static void release_behind(void *ctx, size_t done, size_t total)
{
    reader *r = ctx;
    /* done counts bytes of the parsed text, which is the map itself for
     * UTF-8 (offset by a BOM at most), so release whole pages well behind */
    long page = sysconf(_SC_PAGESIZE);
    if (!r->map || done < (size_t)page * 16 || total == 0)
        return;
    size_t upto = (done - (size_t)page * 8) & ~((size_t)page - 1);
    if (upto > r->released) {
        madvise(r->map + r->released, upto - r->released, MADV_DONTNEED);
        r->released = upto;
    }
}

/*
 * The fast path for UTF-8 text (the common case, and the 20 M-row one):
 * the same grammar as io/table's reader (RFC 4180 quotes, CRLF or LF,
 * empty lines skipped, a row's line is where it starts) without its
 * per-row bookkeeping, which at 40 M rows is most of the command's time.
 * GB18030 files go through io/table, which converts them.
 */
static int fast_csv(reader *r, const unsigned char *base, size_t len, err_t *e)
{
    const unsigned char *p = base, *end = base + len;
    size_t line = 1, next_release = (size_t)64 << 20;
    char *text = NULL;
    size_t tlen = 0, tcap = 256, ncap = 8;
    size_t *off = xmalloc(ncap * sizeof *off);
    char **cells = xmalloc(ncap * sizeof *cells);
    int rc = -1;
    text = xmalloc(tcap);

#define PUT(src, n)                                                                                \
    do {                                                                                           \
        size_t n_ = (n);                                                                           \
        if (tlen + n_ + 1 > tcap) {                                                                \
            while (tlen + n_ + 1 > tcap)                                                           \
                tcap *= 2;                                                                         \
            text = xrealloc(text, tcap);                                                           \
        }                                                                                          \
        memcpy(text + tlen, (src), n_);                                                            \
        tlen += n_;                                                                                \
    } while (0)

    if (len >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF)
        p += 3;
    while (p < end) {
        if (*p == '\n' || *p == '\r') {
            p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
            line++;
            continue;
        }
        size_t row_line = line, nc = 0;
        tlen = 0;
        for (;;) {
            if (nc == ncap) {
                ncap *= 2;
                off = xrealloc(off, ncap * sizeof *off);
                cells = xrealloc(cells, ncap * sizeof *cells);
            }
            off[nc] = tlen;
            if (p < end && *p == '"') {
                size_t qline = line;
                p++;
                for (;;) {
                    const unsigned char *q = memchr(p, '"', (size_t)(end - p));
                    if (!q) {
                        bad_row(r, qline, e, "引号未闭合 (unterminated quote)");
                        goto out;
                    }
                    for (const unsigned char *t = p; t < q; t++)
                        if (*t == '\n' || (*t == '\r' && (t + 1 == q || t[1] != '\n')))
                            line++;
                    PUT(p, (size_t)(q - p));
                    p = q + 1;
                    if (p < end && *p == '"') {
                        PUT("\"", 1);
                        p++;
                        continue;
                    }
                    break;
                }
            }
            const unsigned char *s = p;
            while (p < end && *p != ',' && *p != '\n' && *p != '\r')
                p++;
            PUT(s, (size_t)(p - s));
            text[tlen++] = '\0';
            nc++;
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            if (p < end) {
                p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
                line++;
            }
            break;
        }
        for (size_t i = 0; i < nc; i++)
            cells[i] = text + off[i];
        if (on_row(r, row_line, cells, nc, e) < 0)
            goto out;
        if ((size_t)(p - base) >= next_release) {
            release_behind(r, (size_t)(p - base), len);
            next_release = (size_t)(p - base) + ((size_t)64 << 20);
        }
    }
#undef PUT
    rc = 0;
out:
    free(text);
    free(off);
    free(cells);
    return rc;
}

static int read_one(reader *r, err_t *e)
{
    int fd = open(r->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    r->last_idx = MATCH_NONE;
    int rc = -1;
    size_t len = 0;
    if (fd < 0 || fstat(fd, &st) < 0) {
        err_set(e, ERR_BAD_REQUEST, "%s: 无法打开文件 (cannot open: %s)", r->path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        err_set(e, ERR_BAD_REQUEST, "%s: 不是普通文件 (not a regular file)", r->path);
        goto out;
    }
    len = (size_t)st.st_size;
    if (len) {
        void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            err_set(e, ERR_BAD_REQUEST, "%s: 无法读取 (cannot map: %s)", r->path, strerror(errno));
            goto out;
        }
        r->map = map;
        madvise(map, len, MADV_SEQUENTIAL);
    }
    err_t te = ERR_INIT;
    size_t bom = len >= 3 && !memcmp(r->map, "\xEF\xBB\xBF", 3) ? 3 : 0;
    /* UTF-8 without NUL bytes takes the fast path; anything else (GB18030,
     * UTF-16, broken text) io/table converts or refuses with its message */
    if (len && !strcmp(table_csv_detect_encoding(r->map + bom, len - bom), "UTF-8") &&
        memchr(r->map, '\0', len) == NULL) {
        if (fast_csv(r, r->map, len, e) < 0)
            goto out;
    } else if (table_read_mem(TABLE_CSV, r->map, len, on_row, release_behind, r, &te) < 0) {
        /* the callback's messages already name the file; the reader's do not */
        if (strncmp(te.message, r->path, strlen(r->path)) == 0)
            err_set(e, ERR_BAD_REQUEST, "%s", te.message);
        else
            err_set(e, ERR_BAD_REQUEST, "%s: %s", r->path, te.message);
        err_clear(&te);
        goto out;
    }
    if (r->npend && flush_pending(r, e) < 0)
        goto out;
    if (!r->header_seen) {
        err_set(e, ERR_BAD_REQUEST,
                "%s: 第 1 行 (line 1): 文件为空，缺少表头 (empty file, no header)", r->path);
        goto out;
    }
    rc = 0;
out:
    if (r->map)
        munmap(r->map, len);
    r->map = NULL;
    if (fd >= 0)
        close(fd);
    return rc;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * Bucket entries by owner into CSR lists sorted by rank: *off gets
 * [n_owner+1] offsets and *list the other side's indices.  Refuses the
 * same rank twice or the same id twice in one list, with the later row's
 * line.  Frees the entries.
 */
static int build_lists(reader *r, uint32_t n_owner, uint32_t n_other, const char *what,
                       uint32_t **off_out, uint32_t **list_out, err_t *e)
{
    entries *x = &r->ent;
    uint32_t n = (uint32_t)x->n;
    uint32_t *off = xcalloc((size_t)n_owner + 2, sizeof *off);
    uint64_t *key = xmalloc((size_t)n * sizeof *key + 1);
    uint32_t *stamp = NULL;
    uint32_t *list = NULL;
    int rc = -1;

    for (uint32_t k = 0; k < n; k++)
        off[x->owner[k] + 1]++;
    for (uint32_t o = 0; o < n_owner; o++)
        off[o + 1] += off[o];
    {
        uint32_t *fill = xmalloc(((size_t)n_owner + 1) * sizeof *fill);
        memcpy(fill, off, ((size_t)n_owner + 1) * sizeof *fill);
        for (uint32_t k = 0; k < n; k++)
            key[fill[x->owner[k]]++] = (uint64_t)x->rank[k] << 32 | k;
        free(fill);
    }
    stamp = xcalloc((size_t)n_other + 1, sizeof *stamp);
    list = xmalloc((size_t)n * sizeof *list + 1);
    for (uint32_t o = 0; o < n_owner; o++) {
        uint64_t *a = key + off[o];
        uint32_t len = off[o + 1] - off[o];
        bool sorted = true;
        for (uint32_t i = 1; i < len && sorted; i++)
            sorted = a[i - 1] < a[i];
        if (!sorted)
            qsort(a, len, sizeof *a, cmp_u64);
        for (uint32_t i = 0; i < len; i++) {
            uint32_t k = (uint32_t)a[i], other = x->other[k];
            if (i > 0 && (a[i] >> 32) == (a[i - 1] >> 32)) {
                uint32_t k0 = (uint32_t)a[i - 1];
                uint32_t later = x->line[k] > x->line[k0] ? x->line[k] : x->line[k0];
                char why[200];
                snprintf(why, sizeof why, "同一列表中排名 %u 重复 (duplicate rank %u in one list)",
                         x->rank[k], x->rank[k]);
                bad_row(r, later, e, why);
                goto out;
            }
            if (stamp[other] == o + 1) {
                /* find the earlier entry to name the later line */
                uint32_t later = x->line[k];
                for (uint32_t i2 = 0; i2 < i; i2++) {
                    uint32_t k2 = (uint32_t)a[i2];
                    if (x->other[k2] == other && x->line[k2] > later)
                        later = x->line[k2];
                }
                char why[200];
                snprintf(why, sizeof why, "同一列表中%s重复 (the same %s twice in one list)",
                         r->kind == FILE_S ? "岗位" : "学生", what);
                bad_row(r, later, e, why);
                goto out;
            }
            stamp[other] = o + 1;
            list[off[o] + i] = other;
        }
    }
    *off_out = off;
    *list_out = list;
    off = NULL;
    list = NULL;
    rc = 0;
out:
    free(off);
    free(list);
    free(key);
    free(stamp);
    entries_free(x);
    return rc;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int match_csv_read(const char *s_csv, const char *p_csv, const char *c_csv, match_files *f,
                   err_t *e)
{
    double t0 = now_s();
    char *arena = NULL;
    size_t alen = 0, acap = 0;
    idtab stu, pos;
    reader r;
    uint32_t *s_off = NULL, *s_pos = NULL, *p_off = NULL, *p_stu = NULL, *cap = NULL;
    int rc = -1;

    memset(f, 0, sizeof *f);
    idtab_init(&stu, &arena, &alen, &acap);
    idtab_init(&pos, &arena, &alen, &acap);
    memset(&r, 0, sizeof r);
    r.stu = &stu;
    r.pos = &pos;

    r.kind = FILE_C;
    r.path = c_csv;
    if (read_one(&r, e) < 0)
        goto out;
    cap = r.cap;
    r.cap = NULL;
    uint32_t np = pos.n;

    r.kind = FILE_S;
    r.path = s_csv;
    r.header_seen = false;
    if (read_one(&r, e) < 0)
        goto out;
    if (build_lists(&r, stu.n, np, "position", &s_off, &s_pos, e) < 0)
        goto out;

    r.kind = FILE_P;
    r.path = p_csv;
    r.header_seen = false;
    if (read_one(&r, e) < 0)
        goto out;
    if (build_lists(&r, np, stu.n, "student", &p_off, &p_stu, e) < 0)
        goto out;

    if (!cap)
        cap = xmalloc(sizeof *cap);
    f->problem = match_problem_new(stu.n, np, s_off, s_pos, p_off, p_stu, cap);
    s_off = s_pos = p_off = p_stu = cap = NULL;
    f->names = arena;
    arena = NULL;
    f->stu_name = stu.name;
    f->pos_name = pos.name;
    stu.name = pos.name = NULL;
    f->read_seconds = now_s() - t0;
    rc = 0;
out:
    entries_free(&r.ent);
    free(r.cap);
    free(cap);
    free(s_off);
    free(s_pos);
    free(p_off);
    free(p_stu);
    free(arena);
    free(stu.name);
    free(pos.name);
    idtab_free(&stu);
    idtab_free(&pos);
    return rc;
}

void match_files_free(match_files *f)
{
    match_problem_free(f->problem);
    free(f->names);
    free(f->stu_name);
    free(f->pos_name);
    memset(f, 0, sizeof *f);
}

const char *match_student_name(const match_files *f, uint32_t s)
{
    return f->names + f->stu_name[s];
}

const char *match_position_name(const match_files *f, uint32_t p)
{
    return f->names + f->pos_name[p];
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

static void put_cell(buf_t *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        buf_puts(b, s);
        return;
    }
    buf_append(b, "\"", 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        buf_append(b, s, (size_t)(q - s) + 1);
        buf_append(b, "\"", 1);
    }
    buf_puts(b, s);
    buf_append(b, "\"", 1);
}

int match_csv_write(const char *path, const match_files *f, const uint32_t *student_pos, err_t *e)
{
    buf_t b;
    uint32_t ns = match_students(f->problem);
    char *dir_copy = xstrdup(path), *tmp = NULL;
    int fd = -1, rc = -1;

    buf_init(&b);
    buf_puts(&b, "student,position\n");
    for (uint32_t s = 0; s < ns; s++) {
        put_cell(&b, match_student_name(f, s));
        buf_append(&b, ",", 1);
        if (student_pos[s] != MATCH_NONE)
            put_cell(&b, match_position_name(f, student_pos[s]));
        buf_append(&b, "\n", 1);
    }
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
    for (size_t done = 0; done < b.len;) {
        ssize_t w = write(fd, b.data + done, b.len - done);
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
    free(dir_copy);
    buf_free(&b);
    return rc;
}
