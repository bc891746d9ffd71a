/*
 * store_search.c — full-text search over a consortium's published demand
 * (the index is demand_fts of migration 004, tokenized by fts_cjk.c).
 *
 * The user's text never becomes MATCH syntax.  It is cut into words at
 * spaces (and the list separators 、，,；; that skills use); each word is
 * sent as one FTS5 string, "…" with every " doubled, which FTS5 hands to
 * the tokenizer whole — so quotes, *, AND, NEAR, parentheses and colons
 * are only characters of a word, and the word becomes the phrase of its
 * tokens (焊装工作 → 焊装工 装工作).  Words are joined with AND.  A word with no
 * searchable character (only punctuation) is dropped; a query left with
 * no word matches nothing.  So no query can be an FTS5 syntax error.
 *
 * The consortium is the rowid range of migration 004 (dropped when no
 * other consortium has demand); results come newest first (rowid DESC).
 * `total` is exact: a count(*) over the consortium's matches, skipped
 * when the page itself shows the end of the results.  Page, total and
 * that check run in one read transaction, so they agree.
 *
 * Bulk writes (store_search_defer) leave new rows to the commit, which
 * indexes them in one statement: see migration 004 for why.
 *
 * Snippets are cut here, not by FTS5's snippet() (the index is
 * contentless and has no text to cut from): the first word of the query
 * that occurs in the description, else the skills, else the title, is
 * found by tokenizing that text the same way, and about SNIPPET_CHARS
 * characters around it are taken, on character boundaries, with … where
 * the text was cut.  A match in the title alone shows the head of the
 * description instead (the title is in the answer already).
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_pg.h"

#define CONSORTIUM_SHIFT 40
#define ID_MASK ((INT64_C(1) << CONSORTIUM_SHIFT) - 1)
#define MAX_WORDS 100     /* a q of 200 bytes has at most 100 words */
#define SNIPPET_CHARS 80  /* characters of text in a snippet, ellipses aside */
#define SNIPPET_BEFORE 20 /* of which before the match, when there is room */

/* ---- tokens of a text ---------------------------------------------------- */

typedef struct {
    int pos, start, end; /* position; byte range in the text */
    size_t off;          /* token bytes in the owning list's arena */
    int n;
} tok_t;

typedef struct {
    tok_t *v;
    int len, cap, pos;
    buf_t arena;
} tok_list;

static int collect(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    tok_list *l = ctx;
    if (!(tflags & FTS5_TOKEN_COLOCATED))
        l->pos++;
    if (l->len == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->len++] = (tok_t){l->pos - 1, start, end, l->arena.len, ntok};
    buf_append(&l->arena, tok, (size_t)ntok);
    return SQLITE_OK;
}

static void tokens_of(tok_list *l, const char *text, int len, bool query)
{
    memset(l, 0, sizeof *l);
    buf_init(&l->arena);
    fts_cjk_tokenize(text, len, query ? FTS_CJK_QUERY : 0, l, collect);
}

static void tokens_free(tok_list *l)
{
    free(l->v);
    buf_free(&l->arena);
}

static bool tok_eq(const tok_list *a, const tok_t *x, const tok_list *b, const tok_t *y)
{
    return x->n == y->n &&
           memcmp(a->arena.data + x->off, b->arena.data + y->off, (size_t)x->n) == 0;
}

/* The first place text's tokens hold the phrase: byte range in *start,
 * *end.  Tokens come in position order, colocated ones side by side. */
static bool find_phrase(const tok_list *doc, const tok_list *phrase, int *start, int *end)
{
    for (int i = 0; i < doc->len; i++) {
        if (!tok_eq(doc, &doc->v[i], phrase, &phrase->v[0]))
            continue;
        int p = doc->v[i].pos, last = i, k = 1;
        for (; k < phrase->len; k++) {
            int j = last + 1;
            while (j < doc->len && doc->v[j].pos == p + k - 1)
                j++; /* to position p + k */
            bool hit = false;
            for (; j < doc->len && doc->v[j].pos == p + k; j++)
                if (tok_eq(doc, &doc->v[j], phrase, &phrase->v[k])) {
                    hit = true;
                    last = j;
                    break;
                }
            if (!hit)
                break;
        }
        if (k == phrase->len) {
            *start = doc->v[i].start;
            *end = doc->v[last].end;
            return true;
        }
    }
    return false;
}

/* ---- the query ------------------------------------------------------------ */

/* Length of the word separator at s, or 0: ASCII blanks, the ideographic
 * space, no-break space, and the list separators of F_TAGS. */
static int separator_len(const unsigned char *s)
{
    static const char *const multi[] = {"\u3000", "\u00a0", "\u3001", "\uff0c", "\uff1b", NULL};
    if ((*s && *s < 0x20) || *s == 0x7F || *s == ' ' || *s == ',' || *s == ';')
        return 1; /* control characters too: a word never starts with the trigram mark */
    for (int i = 0; multi[i]; i++) {
        size_t n = strlen(multi[i]);
        if (strncmp((const char *)s, multi[i], n) == 0) /* stops at the end of q */
            return (int)n;
    }
    return 0;
}

typedef struct {
    int nwords;
    const char *word[MAX_WORDS]; /* into the copy of q */
    int wlen[MAX_WORDS];
    buf_t match; /* the MATCH expression */
    buf_t tsq;   /* on PostgreSQL the same as a tsquery (store_search_pg.c) */
} search_query;

static int count_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    ++*(int *)ctx;
    return SQLITE_OK;
}

static void query_parse(search_query *sq, const char *q)
{
    memset(sq, 0, sizeof *sq);
    buf_init(&sq->match);
    buf_init(&sq->tsq);
    const unsigned char *s = (const unsigned char *)q;
    while (*s && sq->nwords < MAX_WORDS) {
        int sep;
        while ((sep = separator_len(s)) > 0)
            s += sep;
        if (!*s)
            break;
        const unsigned char *w = s;
        while (*s && separator_len(s) == 0)
            s++;
        int n = (int)(s - w), ntok = 0;
        fts_cjk_tokenize((const char *)w, n, FTS_CJK_QUERY, &ntok, count_token);
        if (ntok == 0)
            continue; /* punctuation only */
        sq->word[sq->nwords] = (const char *)w;
        sq->wlen[sq->nwords++] = n;
        buf_puts(&sq->match, sq->nwords > 1 ? " AND \"" : "\"");
        for (int i = 0; i < n; i++)
            buf_append(&sq->match, w[i] == '"' ? "\"\"" : (const char *)w + i, w[i] == '"' ? 2 : 1);
        buf_puts(&sq->match, "\"");
    }
}

/* ---- snippets ------------------------------------------------------------- */

static bool is_lead(const char *s, int i)
{
    return ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* Up to SNIPPET_CHARS characters of text from around [mstart, mend). */
static json_t *snippet_of(const char *text, int len, int mstart)
{
    int from = mstart, chars = 0;
    while (from > 0 && chars < SNIPPET_BEFORE) {
        from--;
        if (is_lead(text, from))
            chars++;
    }
    /* Take SNIPPET_CHARS from there, then, if the text ended first, move
     * the start back to use the room. */
    int to = from;
    chars = 0;
    while (to < len && chars < SNIPPET_CHARS) {
        to++;
        while (to < len && !is_lead(text, to))
            to++;
        chars++;
    }
    while (from > 0 && chars < SNIPPET_CHARS) {
        from--;
        while (from > 0 && !is_lead(text, from))
            from--;
        chars++;
    }
    buf_t b = {0};
    buf_init(&b);
    if (from > 0)
        buf_puts(&b, "…");
    for (int i = from; i < to; i++)
        buf_append(&b, text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? " " : text + i, 1);
    if (to < len)
        buf_puts(&b, "…");
    json_t *s = json_stringn(b.data, b.len);
    buf_free(&b);
    return s ? s : json_string("");
}

static json_t *snippet_for(const search_query *sq, const char *const text[3], const int len[3])
{
    tok_list doc[3]; /* each field tokenized once, when first needed */
    bool have[3] = {false, false, false};
    int field = -1, at = 0;
    for (int w = 0; w < sq->nwords && field < 0; w++) {
        tok_list phrase;
        tokens_of(&phrase, sq->word[w], sq->wlen[w], true);
        for (int f = 0; f < 3 && field < 0; f++) {
            if (!text[f])
                continue;
            if (!have[f]) {
                tokens_of(&doc[f], text[f], len[f], false);
                have[f] = true;
            }
            int s, e;
            if (phrase.len > 0 && find_phrase(&doc[f], &phrase, &s, &e)) {
                if (f == 2)
                    break; /* in the title only: the head of the description below */
                field = f;
                at = s;
            }
        }
        tokens_free(&phrase);
    }
    for (int f = 0; f < 3; f++)
        if (have[f])
            tokens_free(&doc[f]);
    if (field >= 0)
        return snippet_of(text[field], len[field], at);
    for (int f = 0; f < 3; f++)
        if (text[f] && len[f])
            return snippet_of(text[f], len[f], 0);
    return json_string("");
}

/* ---- the search ------------------------------------------------------------ */

/* The page and the count, with the consortium's rowid range (ranged) or
 * without it. */
#define HIT_LIST                                                                                   \
    "d.id, d.job_title, d.description, d.skills, d.enterprise_id, o.name, d.headcount, d.period, " \
    "d.occupation_code, oc.name, d.kind"
#define HIT_COLUMNS "SELECT " HIT_LIST " FROM "
/* PostgreSQL: the page's rows carry the total (column 11).  GIN gives the
 * matches in no order, so the page already reads every match to sort
 * them; counting them in the same pass saves reading them all again
 * (工作 in a consortium of 10 000 rows: 3.1 ms the page and 3.4 ms the
 * count, 4.3 ms both in one).  The DISTINCT sorts newest first, so that
 * the page is the head of that one sort: sorted ascending for the
 * DISTINCT, its 6 208 matches were sorted a second time for the page
 * (4.3 → 3.2 ms, bench/README.md, lists.sh, session 31). */
#define HIT_COLUMNS_PG "SELECT " HIT_LIST ", f.n FROM "
#define COUNTED_PAGE_PG(where)                                                                     \
    "(SELECT r, count(*) OVER () AS n FROM (SELECT DISTINCT rowid AS r FROM demand_fts "           \
    "WHERE " where " ORDER BY 1 DESC) u ORDER BY r DESC LIMIT ?4 OFFSET ?5) f"
#define HIT_JOINS                                                                                  \
    " JOIN demand d ON d.id = (f.r & 1099511627775) LEFT JOIN organizations o ON o.id = "          \
    "d.enterprise_id LEFT JOIN occupations oc ON oc.code = d.occupation_code AND oc.deleted_at "   \
    "IS NULL ORDER BY f.r DESC"
/* [PostgreSQL][ranged]: there a document may be several rows, one per
 * segment (store_search_pg.c), hence DISTINCT. */
static const char *const page_sql[2][2] = {
    {HIT_COLUMNS "(SELECT rowid AS r FROM demand_fts WHERE demand_fts MATCH ?1 ORDER BY rowid "
                 "DESC LIMIT ?4 OFFSET ?5) f" HIT_JOINS,
     HIT_COLUMNS "(SELECT rowid AS r FROM demand_fts WHERE demand_fts MATCH ?1 AND rowid BETWEEN "
                 "?2 AND ?3 ORDER BY rowid DESC LIMIT ?4 OFFSET ?5) f" HIT_JOINS},
    {HIT_COLUMNS_PG COUNTED_PAGE_PG("doc @@ CAST(?1 AS tsquery)") HIT_JOINS,
     HIT_COLUMNS_PG COUNTED_PAGE_PG("doc @@ CAST(?1 AS tsquery) AND rowid BETWEEN ?2 AND ?3")
         HIT_JOINS}};
static const char *const count_sql[2][2] = {
    {"SELECT count(*) FROM demand_fts WHERE demand_fts MATCH ?1",
     "SELECT count(*) FROM demand_fts WHERE demand_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"},
    {"SELECT count(DISTINCT rowid) FROM demand_fts WHERE doc @@ CAST(?1 AS tsquery)",
     "SELECT count(DISTINCT rowid) FROM demand_fts WHERE doc @@ CAST(?1 AS tsquery) AND rowid "
     "BETWEEN ?2 AND ?3"}};

/* The expression bound as ?1: FTS5's on SQLite, the tsquery on
 * PostgreSQL. */
static const buf_t *expression(store_conn *c, const search_query *sq)
{
    return c->pg ? &sq->tsq : &sq->match;
}

static db_stmt *prepare(store_conn *c, const char *sql, const search_query *sq, int64_t lo,
                        int64_t hi, err_t *e)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return NULL;
    db_bind_text(st, 1, expression(c, sq)->data, (int)expression(c, sq)->len);
    if (db_bind_count(st) >= 3) {
        db_bind_int64(st, 2, lo);
        db_bind_int64(st, 3, hi);
    }
    return st;
}

/* What hit_row is given: the query, and where the total goes. */
typedef struct {
    const search_query *sq;
    int64_t *total; /* set from a row that carries it (HIT_COLUMNS_PG) */
} hit_ctx;

/* One hit of the page query as the answer shows it, with its snippet (a
 * row_maker; ctx: a hit_ctx): what a reader needs to tell two positions
 * apart — the enterprise by name, headcount, year, the occupation's code
 * with its name — beside the title and the snippet. */
static json_t *hit_row(db_stmt *st, const void *ctx)
{
    const hit_ctx *h = ctx;
    if (db_column_count(st) > 11)
        *h->total = db_column_int64(st, 11);
    const char *text[3];
    int len[3];
    /* description, skills, title: the order snippets look in */
    for (int f = 0; f < 3; f++) {
        int col = f == 2 ? 1 : f + 2;
        text[f] = db_column_text(st, col);
        len[f] = db_column_bytes(st, col);
    }
    json_t *it = json_pack("{s:s,s:I,s:s?}", "kind", "demand", "id",
                           (json_int_t)db_column_int64(st, 0), "title", text[2]);
    json_object_set_new(it, "snippet", snippet_for(h->sq, text, len));
    json_object_set_new(it, "enterprise",
                        json_pack("{s:I,s:s?}", "id", (json_int_t)db_column_int64(st, 4), "name",
                                  db_column_text(st, 5)));
    json_object_set_new(it, "headcount", json_integer(db_column_int64(st, 6)));
    json_object_set_new(it, "period", json_integer(db_column_int64(st, 7)));
    json_object_set_new(
        it, "occupation",
        json_pack("{s:s?,s:s?}", "code", db_column_text(st, 8), "name", db_column_text(st, 9)));
    json_object_set_new(it, "demand_kind", json_string(db_column_text(st, 10)));
    return it;
}

/* Whether demand of any other consortium exists (two index probes).  When
 * none does — an instance that serves one consortium — every indexed row
 * is this consortium's, and the searches drop the rowid range: SQLite
 * checks that range on every matching row again (FTS5 does not tell it
 * the check is done), which is a quarter of the time of a count. */
static int others_exist(store_conn *c, int64_t consortium_id, bool *yes, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT EXISTS (SELECT 1 FROM demand WHERE consortium_id < ?1) "
                            "OR EXISTS (SELECT 1 FROM demand WHERE consortium_id > ?1)",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    int rc = db_step(st) == DB_ROW ? 0 : conn_fail(c, e, "search scope");
    *yes = rc != 0 || db_column_int(st, 0) != 0;
    db_reset(st);
    return rc;
}

int store_search_demand(store_conn *c, int64_t consortium_id, const char *q, int64_t page,
                        int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    char state[6]; /* PostgreSQL's SQLSTATE of BEGIN or COMMIT, unused */
    search_query sq;
    int rc = -1;
    bool own_tx = false, ranged = true;
    *items = json_array();
    *total = 0;
    query_parse(&sq, q);
    if (c->pg && sq.nwords > 0 && store_tsquery_of(sq.match.data, 0, &sq.tsq) <= 0)
        sq.nwords = 0;
    if (sq.nwords == 0 || consortium_id <= 0 || consortium_id >= (INT64_C(1) << 23)) {
        rc = 0; /* nothing to look for, or a consortium that cannot exist */
        goto out;
    }
    int64_t lo = consortium_id << CONSORTIUM_SHIFT, hi = lo | ID_MASK;
    int64_t offset = (page - 1) * per_page;
    /* One read transaction: the page, the total and the scope check see
     * the same snapshot. */
    if (!store_in_tx(c)) {
        if (c->pg ? pg_exec_script(c->pg, "BEGIN ISOLATION LEVEL REPEATABLE READ", state) != 0
                  : sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
            conn_fail(c, e, "begin search");
            goto out;
        }
        own_tx = true;
    }
    if (others_exist(c, consortium_id, &ranged, e) != 0)
        goto out;
    if (c->pg && ranged)
        store_tsquery_in_consortium(&sq.tsq, consortium_id);
    db_stmt *st = prepare(c, page_sql[c->pg != NULL][ranged], &sq, lo, hi, e);
    if (!st)
        goto out;
    db_bind_int64(st, 4, per_page);
    db_bind_int64(st, 5, offset);
    json_decref(*items); /* the empty answer, replaced by the page */
    int64_t counted = -1;
    if (stmt_rows(c, st, hit_row, &(hit_ctx){&sq, &counted}, items, "search demand", e) != 0)
        goto out;
    size_t n = json_array_size(*items);
    if ((n > 0 || offset == 0) && (int64_t)n < per_page) {
        *total = offset + (int64_t)n; /* the page reached the end */
    } else if (counted >= 0) {
        *total = counted;
    } else { /* SQLite, or a page past the end */
        if (!(st = prepare(c, count_sql[c->pg != NULL][ranged], &sq, lo, hi, e)))
            goto out;
        if (db_step(st) != DB_ROW) {
            db_reset(st);
            conn_fail(c, e, "count demand matches");
            goto out;
        }
        *total = db_column_int64(st, 0);
        db_reset(st);
    }
    rc = 0;
out:
    if (own_tx && c->pg)
        pg_exec_script(c->pg, "COMMIT", state);
    else if (own_tx)
        sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
    if (rc != 0) {
        json_decref(*items);
        *items = NULL;
    }
    buf_free(&sq.match);
    buf_free(&sq.tsq);
    return rc;
}

/* ---- lists ------------------------------------------------------------------ */

/* What demand_fts holds: these fields of the rows with this value, not
 * deleted (migration 004's triggers; 025's on PostgreSQL). */
static const char *const indexed_fields[] = {"job_title", "description", "skills", NULL};
#define INDEXED_WHEN_FIELD "status"
#define INDEXED_WHEN_VALUE "published"

static bool indexes_all_searched(const entity_def *d)
{
    int n = 0;
    for (const field_def *f = d->fields; f->name; f++) {
        if (!(f->flags & F_SEARCH))
            continue;
        int i = 0;
        while (indexed_fields[i] && strcmp(indexed_fields[i], f->name))
            i++;
        if (!indexed_fields[i])
            return false;
        n++;
    }
    return n == (int)(sizeof indexed_fields / sizeof *indexed_fields) - 1;
}

/* At most this many of a Latin q's trigrams are looked up: any of them
 * give a superset of the rows that hold q. */
#define Q_TRIGRAMS_MAX 8

/* For q of ASCII letters and digits only, three or more, the MATCH of
 * its trigrams (fts_cjk.c, FTS_CJK_ASCII3) in match: every document that
 * holds q as LIKE '%q%' finds it holds them all.  Those at 0, 3, 6, …
 * and the last, which between them cover q.  False for any other q. */
static bool trigrams_match(const char *q, buf_t *match)
{
    size_t n = strlen(q);
    if (n < 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isascii((unsigned char)q[i]) || !isalnum((unsigned char)q[i]))
            return false;
    int k = 0;
    for (size_t i = 0; k < Q_TRIGRAMS_MAX; i += 3) {
        if (i > n - 3)
            i = n - 3;
        char tri[5] = {FTS_CJK_TRIGRAM_MARK};
        for (int j = 0; j < 3; j++)
            tri[1 + j] = (char)tolower((unsigned char)q[i + j]);
        buf_printf(match, "%s\"%s\"", k++ ? " AND " : "", tri);
        if (i == n - 3)
            break;
    }
    return true;
}

bool store_search_ids_sql(const store_conn *c, const entity_def *d, const char *q,
                          int64_t consortium_id, buf_t *sql, json_t *params, bool *exact)
{
    if (strcmp(d->table, "demand") || !d->public_when_field ||
        strcmp(d->public_when_field, INDEXED_WHEN_FIELD) ||
        strcmp(d->public_when_value, INDEXED_WHEN_VALUE) || !indexes_all_searched(d) ||
        consortium_id <= 0 || consortium_id >= (INT64_C(1) << 23))
        return false;
    bool cjk = fts_cjk_only(q), ok;
    search_query sq;
    query_parse(&sq, cjk ? q : "");
    /* A phrase of Chinese characters, or a Latin word's trigrams (the
     * index's candidates, checked by the caller) */
    *exact = cjk;
    ok = cjk ? sq.nwords == 1 : trigrams_match(q, &sq.match);
    /* PostgreSQL: the same match as a tsquery, in the consortium (its
     * tsvectors hold the same tokens and trigrams: migrations 029, 031) */
    if (ok && c->pg && (ok = store_tsquery_of(sq.match.data, 0, &sq.tsq) > 0))
        store_tsquery_in_consortium(&sq.tsq, consortium_id);
    if (ok) {
        buf_printf(sql, "SELECT rowid & %lld FROM demand_fts WHERE %s AND rowid BETWEEN ? AND ?",
                   (long long)ID_MASK, c->pg ? "doc @@ CAST(? AS tsquery)" : "demand_fts MATCH ?");
        json_array_append_new(params, json_string(c->pg ? sq.tsq.data : sq.match.data));
        json_array_append_new(params, json_integer(consortium_id << CONSORTIUM_SHIFT));
        json_array_append_new(params, json_integer((consortium_id << CONSORTIUM_SHIFT) | ID_MASK));
    }
    buf_free(&sq.match);
    buf_free(&sq.tsq);
    return ok;
}

/* ---- bulk writes ------------------------------------------------------------ */

int store_search_defer(store_conn *c, int64_t consortium_id, err_t *e)
{
    if (!store_in_tx(c))
        return err_set(e, ERR_INTERNAL, "store_search_defer: not in a transaction");
    if (c->pg)
        return c->search_deferred ? 0 : store_search_pg_defer(c, e);
    if (c->search_deferred) {
        if (c->search_consortium != consortium_id)
            c->search_consortium = 0;
        return 0;
    }
    db_stmt *st = conn_stmt(
        c, "INSERT INTO demand_fts_defer(after_id) SELECT coalesce(max(id), 0) FROM demand", e);
    if (!st)
        return -1;
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "defer indexing");
    db_reset(st);
    if (rc == 0) {
        c->search_deferred = true;
        c->search_consortium = consortium_id;
    }
    return rc;
}

/* The deferred rows in ascending rowid: FTS5 writes out what it holds
 * before a rowid lower than the last, so rows out of order make a
 * segment per run — one per row where consortia alternate (a copy of a
 * whole database: 200 000 rows over 10 consortia 7.5 → 16 s).  Rows of
 * one consortium (an import's) are in rowid order when in id order, which
 * the id range reads them in: ORDER BY the rowid expression would sort a
 * million rows' texts first (0.5–0.6 s, bench/README.md, talent.sh,
 * session 29).  Rows of several are sorted by their rowids, a range at
 * a time.
 *
 * A range of CATCH_UP_IDS ids a statement: SQLite keeps, until an
 * INSERT … SELECT ends, the first image of every page it changes that
 * held data before it (the statement journal, in memory under the
 * connection's temp_store=MEMORY).  FTS5's merges rewrite such pages, so
 * 1 M rows caught up in one statement held 450 MB into a file of 3 M
 * rows and 2 GB into one of 10 M (bench/README.md, import_scale.sh).  A
 * statement per range drops its journal at its end; FTS5 writes out what
 * it holds at each (a segment a range). */
#define CATCH_UP_IDS 65536
#define CATCH_UP                                                                                   \
    "INSERT INTO demand_fts(rowid, job_title, description, skills) "                               \
    "SELECT (consortium_id << 40) | id, job_title, description, skills FROM demand "               \
    "WHERE id > ?1 AND id <= ?2 AND status = 'published' AND deleted_at IS NULL ORDER BY "

int store_search_catch_up(store_conn *c, err_t *e)
{
    if (!c->search_deferred)
        return 0;
    c->search_deferred = false;
    db_stmt *st = conn_stmt(c,
                            "SELECT (SELECT max(after_id) FROM demand_fts_defer), "
                            "(SELECT coalesce(max(id), 0) FROM demand)",
                            e);
    if (!st)
        return -1;
    int rc = db_step(st) == DB_ROW ? 0 : conn_fail(c, e, "index deferred rows");
    int64_t lo = rc ? 0 : db_column_int64(st, 0), last = rc ? 0 : db_column_int64(st, 1);
    db_reset(st);
    int64_t ids = c->catch_up_ids > 0 ? c->catch_up_ids : CATCH_UP_IDS;
    for (; rc == 0 && lo < last; lo += ids) {
        if (!(st = conn_stmt(c, c->search_consortium ? CATCH_UP "id" : CATCH_UP "1", e)))
            return -1;
        db_bind_int64(st, 1, lo);
        db_bind_int64(st, 2, last - lo > ids ? lo + ids : last);
        rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "index deferred rows");
        db_reset(st);
    }
    if (rc || !(st = conn_stmt(c, "DELETE FROM demand_fts_defer", e)))
        return -1;
    rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "index deferred rows");
    db_reset(st);
    return rc;
}

/* ---- the technology platform's texts (migration 014) ----------------------- */

/* The kinds of tech_fts: rowid = consortium << 40 | kind << 36 | id. */
#define TECH_KIND_SHIFT 36
#define TECH_ID_MASK ((INT64_C(1) << TECH_KIND_SHIFT) - 1)

static const struct {
    const char *kind, *table, *title, *body, *keywords, *org;
    bool visibility;
} tech_kinds[] = {
    {"tech_needs", "tech_needs", "title", "description", "keywords", "enterprise_id", true},
    {"capabilities", "capabilities", "title", "description", "keywords", "organization_id", true},
    {"core_products", "core_products", "name", "description", "key_technologies", "enterprise_id",
     false},
};

typedef struct {
    const search_query *sq;
    const char *kind;
    int64_t *total; /* set from a row that carries it (PostgreSQL) */
} tech_hit_ctx;

static json_t *tech_hit_row(db_stmt *st, const void *ctx)
{
    const tech_hit_ctx *h = ctx;
    if (db_column_count(st) > 4)
        *h->total = db_column_int64(st, 4);
    const char *text[3];
    int len[3];
    for (int f = 0; f < 3; f++) { /* body, keywords, title */
        int col = f == 2 ? 1 : f + 2;
        text[f] = db_column_text(st, col);
        len[f] = db_column_bytes(st, col);
    }
    json_t *it = json_pack("{s:s,s:I,s:s?}", "kind", h->kind, "id",
                           (json_int_t)db_column_int64(st, 0), "title", text[2]);
    json_object_set_new(it, "snippet", snippet_for(h->sq, text, len));
    return it;
}

int store_search_tech(store_conn *c, const char *kind, int64_t consortium_id,
                      const store_tech_reader *rd, const char *q, int64_t page, int64_t per_page,
                      json_t **items, int64_t *total, err_t *e)
{
    size_t k = 0, nk = sizeof tech_kinds / sizeof *tech_kinds;
    while (k < nk && strcmp(tech_kinds[k].kind, kind))
        k++;
    if (k == nk)
        return err_set(e, ERR_INTERNAL, "no search kind %s", kind);
    search_query sq;
    int rc = -1;
    buf_t where = {0}, sql = {0};
    buf_init(&where);
    buf_init(&sql);
    *items = json_array();
    *total = 0;
    query_parse(&sq, q);
    if (c->pg && sq.nwords > 0 && store_tsquery_of(sq.match.data, 0, &sq.tsq) <= 0)
        sq.nwords = 0;
    if (sq.nwords == 0 || consortium_id <= 0 || consortium_id >= (INT64_C(1) << 23)) {
        rc = 0;
        goto out;
    }
    int64_t lo = (consortium_id << CONSORTIUM_SHIFT) | ((int64_t)(k + 1) << TECH_KIND_SHIFT);
    int64_t hi = lo | TECH_ID_MASK, offset = (page - 1) * per_page;
    if (c->pg)
        store_tsquery_in_consortium(&sq.tsq, consortium_id);
    /* Only names of the table above are pasted; values are bound.  On
     * PostgreSQL a document may be several rows (segments): DISTINCT. */
    if (c->pg)
        buf_printf(&where,
                   " FROM (SELECT DISTINCT rowid FROM tech_fts WHERE doc @@ CAST(?1 AS tsquery) "
                   "AND rowid BETWEEN ?2 AND ?3) f JOIN %s t ON t.id = (f.rowid & %lld) WHERE "
                   "t.deleted_at IS NULL",
                   tech_kinds[k].table, (long long)TECH_ID_MASK);
    else
        buf_printf(&where,
                   " FROM tech_fts f JOIN %s t ON t.id = (f.rowid & %lld) WHERE tech_fts MATCH "
                   "?1 AND f.rowid BETWEEN ?2 AND ?3 AND t.deleted_at IS NULL",
                   tech_kinds[k].table, (long long)TECH_ID_MASK);
    if (tech_kinds[k].visibility)
        buf_printf(&where,
                   " AND (t.visibility = 'public' OR (?6 >= 1 AND t.visibility = 'members') OR "
                   "?6 >= 2 OR t.%s = ?7)",
                   tech_kinds[k].org);
    /* On PostgreSQL the page carries its total, as the demand search's
     * (HIT_COLUMNS_PG): GIN's matches come in no order, so the page reads
     * them all anyway. */
    buf_printf(&sql, "SELECT t.id, t.%s, t.%s, t.%s%s%s ORDER BY f.rowid DESC LIMIT ?4 OFFSET ?5",
               tech_kinds[k].title, tech_kinds[k].body, tech_kinds[k].keywords,
               c->pg ? ", count(*) OVER ()" : "", where.data);
    db_stmt *st = conn_stmt(c, sql.data, e);
    if (!st)
        goto out;
    db_bind_text(st, 1, expression(c, &sq)->data, (int)expression(c, &sq)->len);
    db_bind_int64(st, 2, lo);
    db_bind_int64(st, 3, hi);
    db_bind_int64(st, 4, per_page);
    db_bind_int64(st, 5, offset);
    if (tech_kinds[k].visibility) {
        db_bind_int(st, 6, rd->level);
        db_bind_int64(st, 7, rd->org_id ? rd->org_id : -1);
    }
    json_decref(*items);
    int64_t counted = -1;
    tech_hit_ctx ctx = {&sq, tech_kinds[k].kind, &counted};
    if (stmt_rows(c, st, tech_hit_row, &ctx, items, "search tech", e) != 0)
        goto out;
    size_t n = json_array_size(*items);
    if ((n > 0 || offset == 0) && (int64_t)n < per_page) {
        *total = offset + (int64_t)n;
    } else if (counted >= 0) {
        *total = counted;
    } else { /* SQLite, or a page past the end */
        sql.len = 0;
        buf_printf(&sql, "SELECT count(*)%s", where.data);
        if (!(st = conn_stmt(c, sql.data, e)))
            goto out;
        db_bind_text(st, 1, expression(c, &sq)->data, (int)expression(c, &sq)->len);
        db_bind_int64(st, 2, lo);
        db_bind_int64(st, 3, hi);
        if (tech_kinds[k].visibility) {
            db_bind_int(st, 6, rd->level);
            db_bind_int64(st, 7, rd->org_id ? rd->org_id : -1);
        }
        if (db_step(st) != DB_ROW) {
            db_reset(st);
            conn_fail(c, e, "count tech matches");
            goto out;
        }
        *total = db_column_int64(st, 0);
        db_reset(st);
    }
    rc = 0;
out:
    if (rc != 0) {
        json_decref(*items);
        *items = NULL;
    }
    buf_free(&sq.match);
    buf_free(&sq.tsq);
    buf_free(&where);
    buf_free(&sql);
    return rc;
}
