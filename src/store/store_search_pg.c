/*
 * store_search_pg.c — the search indexes on PostgreSQL (migration 025 of
 * migrations_pg): documents made into tsvectors with fts_cjk.c's tokens,
 * the queue of changed rows indexed at commit, and FTS5 match
 * expressions said as tsqueries, so that a search means on PostgreSQL
 * what it means on SQLite.
 *
 * A document.  The tokens of its three columns (title, body, keywords —
 * for demand job_title, description, skills) with the positions FTS5
 * gives them, each column after the one before with one empty position
 * between (an FTS5 phrase never spans columns, and a tsquery phrase needs
 * adjacent positions), weighted A, D and B by column, so that a ranked
 * query can tell where a phrase occurs (store_tech_suggest.c).  A tsvector
 * holds positions 1–16383 and at most 256 positions of one lexeme; where a
 * document would pass either, it is cut into segments, each starting
 * SEG_OVERLAP positions before the cut, so that any phrase of at most
 * SEG_OVERLAP tokens — every phrase a search can ask (q has at most 200
 * bytes, so at most 100 positions) — lies whole in one segment.  A new
 * segment's first SEG_OVERLAP positions hold at most SEG_OVERLAP of any
 * lexeme, so each cut moves at least that far.
 *
 * A query.  FTS5's "phrase" AND "phrase" (store_search.c) and "…" OR "…"
 * (domain/tech.c) become 'tok' <-> 'tok' & …: each phrase the same query
 * tokens the FTS5 tokenizer gives it, in the same order.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_pg.h"

#define SEG_POSITIONS 16383 /* a tsvector's highest position          */
#define SEG_LEXEME_MAX 256  /* positions of one lexeme in a tsvector    */
#define SEG_OVERLAP 128     /* positions a segment repeats of the last  */
#define BATCH_ROWS 2000     /* rows read and written per COPY           */

#define CONSORTIUM_SHIFT 40
#define TECH_KIND_SHIFT 36

/* ---- documents --------------------------------------------------------- */

typedef struct {
    int pos;    /* over the whole document, columns one after another */
    size_t off; /* bytes in the arena */
    int n;
    char weight;
} dtok;

typedef struct {
    dtok *v;
    int len, cap;
    int pos, base; /* the column's position counter and its start */
    char weight;
    buf_t arena;
} dtoks;

static int dcollect(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    (void)start, (void)end;
    dtoks *d = ctx;
    if (!(tflags & FTS5_TOKEN_COLOCATED))
        d->pos++;
    if (d->len == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 256;
        d->v = xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
    }
    d->v[d->len++] = (dtok){d->base + d->pos, d->arena.len, ntok, d->weight};
    buf_append(&d->arena, tok, (size_t)ntok);
    return SQLITE_OK;
}

static uint32_t hash_bytes(const char *s, int n)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* One token of a segment, as the tsvector holds it: its bytes, its
 * position in the segment (0: none, for the consortium's lexeme) and its
 * weight. */
typedef struct {
    const char *s;
    int n, pos;
    char weight;
} lexpos;

/* Counts of lexemes in the segment being built: open addressing over
 * token indexes, emptied by a new generation; and the space a segment's
 * tokens are sorted in (copy_row). */
typedef struct {
    int *tok, *count, *gen;
    unsigned mask;
    int now;
    lexpos *sorted;
    int sorted_cap;
} lexcount;

static int *lex_slot(lexcount *lc, const dtoks *d, int t)
{
    const char *s = d->arena.data + d->v[t].off;
    unsigned h = hash_bytes(s, d->v[t].n) & lc->mask;
    for (;; h = (h + 1) & lc->mask) {
        if (lc->gen[h] != lc->now) {
            lc->gen[h] = lc->now;
            lc->tok[h] = t;
            lc->count[h] = 0;
            return &lc->count[h];
        }
        const dtok *o = &d->v[lc->tok[h]];
        if (o->n == d->v[t].n && !memcmp(d->arena.data + o->off, s, (size_t)o->n))
            return &lc->count[h];
    }
}

/* tsvector's order (tsCompareString: the bytes, then the shorter first),
 * and within a lexeme its positions ascending. */
static int lexpos_cmp(const void *a, const void *b)
{
    const lexpos *x = a, *y = b;
    int c = memcmp(x->s, y->s, (size_t)(x->n < y->n ? x->n : y->n));
    if (c == 0)
        c = (x->n > y->n) - (x->n < y->n);
    if (c == 0)
        c = (x->pos > y->pos) - (x->pos < y->pos);
    return c;
}

/* Big-endian integers, as COPY's binary format and tsvectorsend write. */
static void put_be(buf_t *b, uint64_t v, int bytes)
{
    unsigned char p[8];
    for (int i = bytes - 1; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)v;
    buf_append(b, p, (size_t)bytes);
}

static void patch_be(buf_t *b, size_t at, uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--, v >>= 8)
        ((unsigned char *)b->data)[at + (size_t)i] = (unsigned char)v;
}

/* The start of a COPY in binary format: its signature, flags and header
 * extension.  Its end is a row of -1 fields (index_batch). */
static void copy_header(buf_t *out)
{
    buf_append(out, "PGCOPY\n\377\r\n\0", 11);
    put_be(out, 0, 4);
    put_be(out, 0, 4);
}

/* One row of COPY's binary format: rowid, seg, and the tsvector of tokens
 * [from, to) with positions counted from `start`, with the document's
 * consortium as a lexeme without positions (store_tsquery_in_consortium).
 * The tsvector as tsvectorsend writes it: the number of lexemes, then each
 * lexeme in order, ended by a zero byte, with the number of its positions
 * and each position (14 bits) with its weight (2 bits: A 3, B 2, D 0).
 * In binary the server takes the lexemes as they are, where the text
 * format made it parse each one: 200 000 documents of the benchmark's
 * demand by COPY into a table with its GIN index, 8.7–9.0 s as text, 6.5
 * s in binary (bench/README.md, talent.sh, session 29). */
static void copy_row(buf_t *out, int64_t rowid, int seg, const dtoks *d, int from, int to,
                     int start, lexcount *lc)
{
    int n = to - from + 1;
    if (n > lc->sorted_cap) {
        lc->sorted_cap = 2 * n;
        lc->sorted = xrealloc(lc->sorted, (size_t)lc->sorted_cap * sizeof *lc->sorted);
    }
    lexpos *v = lc->sorted;
    for (int t = from; t < to; t++) {
        const dtok *k = &d->v[t];
        v[t - from] = (lexpos){d->arena.data + k->off, k->n, k->pos - start + 1, k->weight};
    }
    char cons[32];
    int cn = snprintf(cons, sizeof cons, CONSORTIUM_LEXEME "%lld",
                      (long long)(rowid >> CONSORTIUM_SHIFT));
    v[n - 1] = (lexpos){cons, cn, 0, 'D'};
    qsort(v, (size_t)n, sizeof *v, lexpos_cmp);
    put_be(out, 3, 2); /* fields */
    put_be(out, 8, 4);
    put_be(out, (uint64_t)rowid, 8);
    put_be(out, 4, 4);
    put_be(out, (uint64_t)seg, 4);
    size_t len_at = out->len;
    put_be(out, 0, 4); /* the tsvector's length, patched below */
    size_t count_at = out->len;
    put_be(out, 0, 4);
    uint32_t lexemes = 0;
    for (int i = 0, j; i < n; i = j, lexemes++) {
        buf_append(out, v[i].s, (size_t)v[i].n);
        buf_append(out, "", 1);
        size_t npos_at = out->len;
        put_be(out, 0, 2);
        unsigned npos = 0;
        int last = 0;
        for (j = i; j < n && v[j].n == v[i].n && !memcmp(v[j].s, v[i].s, (size_t)v[i].n); j++) {
            if (v[j].pos <= last) /* none (0), or one already given */
                continue;
            unsigned w = v[j].weight == 'A' ? 3 : v[j].weight == 'B' ? 2 : 0;
            put_be(out, (uint64_t)v[j].pos | (uint64_t)w << 14, 2);
            last = v[j].pos;
            npos++;
        }
        patch_be(out, npos_at, npos, 2);
    }
    patch_be(out, count_at, lexemes, 4);
    patch_be(out, len_at, out->len - len_at - 4, 4);
}

/* The COPY rows of one document: texts title, body, keywords, tokenized
 * with fts_cjk.c's flags (demand's: FTS_CJK_ASCII3, as SQLite's index). */
static void document_rows(buf_t *out, int64_t rowid, const char *const text[3], int flags,
                          lexcount *lc)
{
    static const char weight[3] = {'A', 'D', 'B'};
    dtoks d = {0};
    buf_init(&d.arena);
    for (int f = 0; f < 3; f++) {
        d.base = d.len ? d.v[d.len - 1].pos + 1 : 0; /* one empty position between */
        d.pos = 0;
        d.weight = weight[f];
        if (text[f])
            fts_cjk_tokenize(text[f], (int)strlen(text[f]), flags, &d, dcollect);
    }
    if (d.len == 0)
        goto done; /* nothing to find it by */
    unsigned need = 1;
    while (need < 2u * (unsigned)d.len)
        need <<= 1;
    if (need > lc->mask + 1) {
        free(lc->tok), free(lc->count), free(lc->gen);
        lc->tok = xcalloc(need, sizeof *lc->tok);
        lc->count = xcalloc(need, sizeof *lc->count);
        lc->gen = xcalloc(need, sizeof *lc->gen);
        lc->mask = need - 1;
        lc->now = 0;
    }
    int seg = 0, from = 0, start = d.v[0].pos;
    lc->now++;
    for (int t = 0; t < d.len; t++) {
        int *n = lex_slot(lc, &d, t);
        if (d.v[t].pos - start + 1 <= SEG_POSITIONS && *n < SEG_LEXEME_MAX) {
            ++*n;
            continue;
        }
        copy_row(out, rowid, seg++, &d, from, t, start, lc);
        start = d.v[t].pos - SEG_OVERLAP;
        from = t;
        while (from > 0 && d.v[from - 1].pos >= start)
            from--;
        start = d.v[from].pos;
        lc->now++;
        for (int k = from; k < t; k++)
            ++*lex_slot(lc, &d, k);
        t--; /* t again, in the new segment */
    }
    copy_row(out, rowid, seg, &d, from, d.len, start, lc);
done:
    free(d.v);
    buf_free(&d.arena);
}

/* ---- the queue ------------------------------------------------------------ */

/* What each queue kind indexes (tbl of migration 025): the table, its
 * three texts, the rowid of a row, which rows are indexed, and the
 * tokenizer's flags (demand's words also give their ASCII trigrams, for
 * a list's Latin q=: migration 031, store_search.c's trigrams_match).
 * Each key is looked up by itself (LATERAL … OFFSET 0 keeps the lookup
 * apart from the join, so it can only be the primary key's): after a
 * large import in the same transaction the statistics still describe the
 * table before it, and "id = ANY(…)" was planned as a scan of a whole
 * index, checking each entry against the keys — 1.8 s for each batch of
 * 2 000 of a 1 M-row demand import, 500 batches. */
#define BY_KEY(cols, from, where)                                                                  \
    "SELECT " cols                                                                                 \
    " FROM unnest(CAST(?1 AS bigint[])) k(key) CROSS JOIN LATERAL (SELECT * FROM " from            \
    " WHERE id = k.key AND " where " OFFSET 0) r"
#define DEMAND_DOC "(consortium_id << 40) | id, job_title, description, skills"
#define DEMAND_INDEXED "status = 'published' AND deleted_at IS NULL"
static const struct {
    const char *fts, *select;
    int flags;
    const char *window; /* the rows of ids (?1, ?2]: a load's new rows (index_new_rows) */
} queue_kinds[4] = {
    {"demand_fts", BY_KEY(DEMAND_DOC, "demand", DEMAND_INDEXED), FTS_CJK_ASCII3,
     "SELECT " DEMAND_DOC " FROM demand WHERE id > ?1 AND id <= ?2 AND " DEMAND_INDEXED},
    {"tech_fts", BY_KEY("(consortium_id << 40) | (CAST(1 AS bigint) << 36) | id, title, "
                        "description, keywords",
                        "tech_needs", "deleted_at IS NULL AND status <> 'draft'")},
    {"tech_fts", BY_KEY("(consortium_id << 40) | (CAST(2 AS bigint) << 36) | id, title, "
                        "description, keywords",
                        "capabilities", "deleted_at IS NULL")},
    {"tech_fts", BY_KEY("(consortium_id << 40) | (CAST(3 AS bigint) << 36) | id, name, "
                        "description, key_technologies",
                        "core_products", "deleted_at IS NULL")},
};

static void array_text(buf_t *b, const int64_t *v, int n, int64_t mask)
{
    b->len = 0;
    buf_puts(b, "{");
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s%lld", i ? "," : "", (long long)(v[i] & mask));
    buf_puts(b, "}");
}

static int exec_bound(store_conn *c, const char *sql, const buf_t *arg, const char *what, err_t *e)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_text(st, 1, arg->data, (int)arg->len);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, what);
    db_reset(st);
    return rc;
}

/* Rows on their way to kind k's index, a batch or a window at a time:
 * their rowids and texts as read, then the COPY data made of them (on a
 * thread of its own, for a load's new rows, while the connection sends
 * the window before: index_new_rows). */
typedef struct {
    int k;
    buf_t rows; /* per row its rowid, then its three texts each ending in NUL */
    size_t n;
    buf_t lines;
    lexcount lc;
} doc_window;

static void window_init(doc_window *w, int k)
{
    memset(w, 0, sizeof *w);
    w->k = k;
    buf_init(&w->rows);
    buf_init(&w->lines);
}

static void window_free(doc_window *w)
{
    buf_free(&w->rows);
    buf_free(&w->lines);
    free(w->lc.tok), free(w->lc.count), free(w->lc.gen), free(w->lc.sorted);
}

/* The rows statement st gives (rowid and three texts, as queue_kinds'
 * selects) into w->rows. */
static int window_read(store_conn *c, db_stmt *st, doc_window *w, err_t *e)
{
    w->rows.len = 0;
    w->n = 0;
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        int64_t rowid = db_column_int64(st, 0);
        buf_append(&w->rows, &rowid, sizeof rowid);
        for (int f = 1; f <= 3; f++) {
            const char *t = db_column_text(st, f);
            buf_append(&w->rows, t ? t : "", t ? strlen(t) + 1 : 1);
        }
        w->n++;
    }
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "read rows to index");
}

/* w's rows as COPY's binary data in w->lines. */
static void *window_tokenize(void *arg)
{
    doc_window *w = arg;
    w->lines.len = 0;
    copy_header(&w->lines);
    const char *p = w->rows.data;
    for (size_t i = 0; i < w->n; i++) {
        int64_t rowid;
        memcpy(&rowid, p, sizeof rowid);
        p += sizeof rowid;
        const char *text[3];
        for (int f = 0; f < 3; f++) {
            text[f] = p;
            p += strlen(p) + 1;
        }
        document_rows(&w->lines, rowid, text, queue_kinds[w->k].flags, &w->lc);
    }
    put_be(&w->lines, 0xffff, 2); /* the end */
    return NULL;
}

/* w's documents into its index by one COPY (none when w has no row). */
static int window_copy(store_conn *c, const doc_window *w, err_t *e)
{
    if (!w->n)
        return 0;
    char sql[96], state[6];
    snprintf(sql, sizeof sql, "COPY %s (rowid, seg, doc) FROM STDIN (FORMAT binary)",
             queue_kinds[w->k].fts);
    return pg_copy_in(c->pg, sql, w->lines.data, w->lines.len, state) == 0
               ? 0
               : err_set(e, ERR_INTERNAL, "数据库错误 (database error)");
}

/* Re-index rowids v[0..n) of queue kind k: delete their entries, write
 * the rows indexed now. */
static int index_batch(store_conn *c, int k, const int64_t *v, int n, doc_window *w, err_t *e)
{
    buf_t arg = {0}, sql = {0};
    buf_init(&arg);
    buf_init(&sql);
    int rc = -1;
    array_text(&arg, v, n, -1);
    /* Each key looked up by itself, as BY_KEY does and for the same
     * reason: "rowid = ANY(…)" took 150 ms a batch late in a 1 M-row
     * import, where most keys are new rows with nothing to delete. */
    buf_printf(&sql,
               "DELETE FROM %s WHERE ctid = ANY(ARRAY(SELECT f.ctid FROM unnest(CAST(?1 AS "
               "bigint[])) k(key) CROSS JOIN LATERAL (SELECT ctid FROM %s WHERE rowid = k.key "
               "OFFSET 0) f))",
               queue_kinds[k].fts, queue_kinds[k].fts);
    if (exec_bound(c, sql.data, &arg, "unindex rows", e) != 0)
        goto out;
    int64_t mask = (INT64_C(1) << (k ? TECH_KIND_SHIFT : CONSORTIUM_SHIFT)) - 1;
    array_text(&arg, v, n, mask);
    db_stmt *st = conn_stmt(c, queue_kinds[k].select, e);
    if (!st)
        goto out;
    db_bind_text(st, 1, arg.data, (int)arg.len);
    w->k = k;
    if ((rc = window_read(c, st, w, e)) == 0) {
        window_tokenize(w);
        rc = window_copy(c, w, e);
    }
out:
    buf_free(&arg);
    buf_free(&sql);
    return rc;
}

int store_search_pg_defer(store_conn *c, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT coalesce(max(id), 0), set_config('chanjiao.search_deferred', "
                            "'demand', true) FROM demand",
                            e);
    if (!st)
        return -1;
    int step = db_step(st);
    if (step == DB_ROW)
        c->search_after = db_column_int64(st, 0);
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, "defer indexing");
    c->search_deferred = true;
    return 0;
}

/* The indexed new rows of ids (from, from + BATCH_ROWS] into w. */
static int read_window(store_conn *c, int64_t from, doc_window *w, err_t *e)
{
    db_stmt *st = conn_stmt(c, queue_kinds[0].window, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, from);
    db_bind_int64(st, 2, from + BATCH_ROWS);
    return window_read(c, st, w, e);
}

/* The demand rows past store_search_pg_defer's mark that are indexed,
 * read by windows of ids on the primary key.  A load of more than one
 * window is analysed first: the planner otherwise plans with the
 * statistics of the table before the load — for a table that was empty,
 * a walk of another index for each window ("id > ? ORDER BY id LIMIT"
 * 13.5 s for 200 000 rows instead of 0.2 s; each id looked up by itself,
 * as BY_KEY does, took minutes a window) — and readers after the commit
 * plan with the new statistics at once.  None of the rows has a
 * document yet, so none is deleted first.  While the server takes one
 * window's COPY (most of it the GIN index), a second thread tokenizes
 * the next: 10 s of a 1 M-row import were the client's between COPYs. */
static int index_new_rows(store_conn *c, err_t *e)
{
    /* From the first new id: ids the sequence gave to rows that are not
     * there (a load rolled back) are not walked. */
    db_stmt *st = conn_stmt(
        c, "SELECT coalesce(min(id) - 1, 0), coalesce(max(id), 0) FROM demand WHERE id > ?1", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, c->search_after);
    int step = db_step(st);
    int64_t first = step == DB_ROW ? db_column_int64(st, 0) : 0,
            last_id = step == DB_ROW ? db_column_int64(st, 1) : 0;
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, "read rows to index");
    char state[6];
    if (last_id - first > BATCH_ROWS && pg_exec_script(c->pg, "ANALYZE demand", state) != 0)
        return err_set(e, ERR_INTERNAL, "数据库错误 (database error)");
    doc_window w[2];
    window_init(&w[0], 0);
    window_init(&w[1], 0);
    int rc = 0, cur = 0;
    if (first < last_id && (rc = read_window(c, first, &w[cur], e)) == 0)
        window_tokenize(&w[cur]);
    for (int64_t from = first; rc == 0 && from < last_id; from += BATCH_ROWS, cur = !cur) {
        pthread_t th;
        bool more = from + BATCH_ROWS < last_id, threaded = false;
        if (more && (rc = read_window(c, from + BATCH_ROWS, &w[!cur], e)) != 0)
            break;
        if (more && !(threaded = pthread_create(&th, NULL, window_tokenize, &w[!cur]) == 0))
            window_tokenize(&w[!cur]);
        rc = window_copy(c, &w[cur], e);
        if (threaded)
            pthread_join(th, NULL);
    }
    window_free(&w[0]);
    window_free(&w[1]);
    return rc;
}

int store_search_pg_catch_up(store_conn *c, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "WITH q AS (DELETE FROM fts_queue RETURNING tbl, rowid) SELECT tbl, "
                            "rowid FROM q GROUP BY tbl, rowid ORDER BY tbl, rowid",
                            e);
    if (!st)
        return -1;
    int64_t *v[4] = {NULL};
    int n[4] = {0}, cap[4] = {0}, step, rc = -1;
    while ((step = db_step(st)) == DB_ROW) {
        int k = db_column_int(st, 0);
        if (k < 0 || k > 3)
            continue;
        if (n[k] == cap[k]) {
            cap[k] = cap[k] ? 2 * cap[k] : 64;
            v[k] = xrealloc(v[k], (size_t)cap[k] * sizeof **v);
        }
        v[k][n[k]++] = db_column_int64(st, 1);
    }
    db_reset(st);
    if (step != DB_DONE) {
        conn_fail(c, e, "read the search queue");
        goto out;
    }
    doc_window w;
    window_init(&w, 0);
    /* A load's new rows first: a row it added and then changed is in
     * the queue too, whose re-index deletes the document written here. */
    rc = 0;
    if (c->search_deferred) {
        c->search_deferred = false;
        rc = index_new_rows(c, e);
    }
    for (int k = 0; k < 4 && rc == 0; k++)
        for (int i = 0; i < n[k] && rc == 0; i += BATCH_ROWS)
            rc = index_batch(c, k, v[k] + i, n[k] - i < BATCH_ROWS ? n[k] - i : BATCH_ROWS, &w, e);
    window_free(&w);
out:
    for (int k = 0; k < 4; k++)
        free(v[k]);
    return rc;
}

/* ---- queries ---------------------------------------------------------------- */

/* Append phrase [s, s+n) (FTS5's string, "" undone) as a tsquery phrase,
 * each lexeme restricted to weight w unless w is 0; false when the phrase
 * has no token. */
typedef struct {
    buf_t *out;
    char weight;
    int n;
} phrase_out;

static int phrase_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    (void)tflags, (void)start, (void)end;
    phrase_out *p = ctx;
    buf_puts(p->out, p->n++ ? " <-> '" : "'");
    for (int i = 0; i < ntok; i++) {
        if (tok[i] == '\'' || tok[i] == '\\')
            buf_append(p->out, tok[i] == '\'' ? "'" : "\\", 1);
        buf_append(p->out, tok + i, 1);
    }
    buf_puts(p->out, "'");
    if (p->weight)
        buf_printf(p->out, ":%c", p->weight);
    return SQLITE_OK;
}

/* Each phrase of match in turn: fn(ctx, the phrase's text, its length).
 * -1 for syntax other than "phrases" joined by AND / OR. */
typedef void (*phrase_fn)(void *ctx, const char *op, const char *s, int n);

static int each_phrase(const char *match, void *ctx, phrase_fn fn)
{
    const char *p = match, *op = NULL;
    buf_t phrase = {0};
    buf_init(&phrase);
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (*p != '"') { /* AND / OR between phrases */
            if (strncmp(p, "AND ", 4) && strncmp(p, "OR ", 3)) {
                buf_free(&phrase);
                return -1;
            }
            op = *p == 'A' ? " & " : " | ";
            p += *p == 'A' ? 3 : 2;
            continue;
        }
        phrase.len = 0;
        for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
            buf_append(&phrase, p, 1);
            if (*p == '"')
                p++; /* "" is one " */
        }
        if (*p == '"')
            p++;
        phrase.data[phrase.len] = 0;
        fn(ctx, op, phrase.data, (int)phrase.len);
    }
    buf_free(&phrase);
    return 0;
}

typedef struct {
    buf_t *out;
    char weight;
    int kept;
} whole_ctx;

static void add_to_whole(void *ctx, const char *op, const char *s, int n)
{
    whole_ctx *w = ctx;
    size_t mark = w->out->len;
    if (w->kept)
        buf_puts(w->out, op ? op : " & ");
    buf_puts(w->out, "(");
    phrase_out po = {w->out, w->weight, 0};
    fts_cjk_tokenize(s, n, FTS_CJK_QUERY, &po, phrase_token);
    if (po.n == 0) { /* no token: nothing to look for */
        w->out->len = mark;
        w->out->data[mark] = 0;
        return;
    }
    buf_puts(w->out, ")");
    w->kept++;
}

void store_tsquery_in_consortium(buf_t *tsq, int64_t consortium_id)
{
    buf_t b = {0};
    buf_init(&b);
    buf_printf(&b, "'" CONSORTIUM_LEXEME "%lld' & (%s)", (long long)consortium_id, tsq->data);
    buf_free(tsq);
    *tsq = b;
}

int store_tsquery_of(const char *match, char weight, buf_t *out)
{
    out->len = 0;
    buf_puts(out, "");
    whole_ctx w = {out, weight, 0};
    return each_phrase(match, &w, add_to_whole) != 0 ? -1 : w.kept;
}

typedef struct {
    buf_t *out, one;
    char weight;
    int n;
} array_ctx;

static void add_to_array(void *ctx, const char *op, const char *s, int n)
{
    (void)op;
    array_ctx *a = ctx;
    a->one.len = 0;
    phrase_out po = {&a->one, a->weight, 0};
    fts_cjk_tokenize(s, n, FTS_CJK_QUERY, &po, phrase_token);
    if (po.n == 0)
        buf_puts(&a->one, "' '"); /* no token: a lexeme no document holds */
    buf_puts(a->out, a->n++ ? ",\"" : "\"");
    for (size_t i = 0; i < a->one.len; i++) {
        char ch = a->one.data[i];
        if (ch == '"' || ch == '\\')
            buf_append(a->out, "\\", 1);
        buf_append(a->out, &ch, 1);
    }
    buf_puts(a->out, "\"");
}

int store_tsquery_array(const char *match, char weight, buf_t *out)
{
    out->len = 0;
    buf_puts(out, "{");
    array_ctx a = {out, {0}, weight, 0};
    buf_init(&a.one);
    int rc = each_phrase(match, &a, add_to_array);
    buf_free(&a.one);
    buf_puts(out, "}");
    return rc != 0 ? -1 : a.n;
}
