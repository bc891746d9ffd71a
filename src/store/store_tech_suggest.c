/*
 * store_tech_suggest.c — the queries behind technology suggestions
 * (domain/tech.c, tech_suggest): how common a term is, the candidates a
 * set of terms finds, and the units' past projects in one grouped read.
 *
 * Why the work is bounded.  An OR of a record's terms over tech_fts makes
 * FTS5 visit every row holding any of them, and bm25() first reads each
 * phrase's whole doclist to weigh it: with words shared by thousands of
 * rows that was 0.8 s a need over 100 k capabilities.  So the caller
 * first asks how many rows of the target kind hold each term, counting no
 * further than a cap (store_tech_term_docs reads at most cap + 1 entries
 * of the phrase's doclist), and ranks the rows of the rare terms with
 * cj_suggest_rank (below: weights from those counts, not bm25()'s scan
 * of every row of every kind) — every row they find is scored, and there
 * are few.  Terms held by more rows
 * than the cap are asked for only when the rare ones find too few, and
 * then by rowid (newest first) under a LIMIT, so FTS5 stops after that
 * many rows however common the words are.  The statements are cached by
 * conn_stmt (their SQL is fixed per kind and order).
 *
 * A ranked query reads the index alone first — the best SUGGEST_READ ×
 * limit rows — and only those are looked up in their table for
 * visibility, status and texts: the table lookups, not FTS5, were most of
 * the cost of a ranked query over a thousand rows.  So a caller who may
 * see few of the rows a term finds gets fewer suggestions than a reader
 * of every row — never a row it may not see.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define CONSORTIUM_SHIFT 40
#define TECH_KIND_SHIFT 36 /* rowid = consortium << 40 | kind << 36 | id (migration 014) */
#define TECH_ID_MASK ((INT64_C(1) << TECH_KIND_SHIFT) - 1)
#define SUGGEST_READ 2 /* rows read from the index per row asked, before visibility */

/* The two kinds suggestions read; kind number as in migration 014. */
static int kind_no(const char *kind)
{
    return !strcmp(kind, "tech_needs") ? 1 : !strcmp(kind, "capabilities") ? 2 : 0;
}

static int64_t range_lo(int k, int64_t consortium_id)
{
    return (consortium_id << CONSORTIUM_SHIFT) | ((int64_t)k << TECH_KIND_SHIFT);
}

/* cj_suggest_rank(tech_fts, IDFS): minus the sum, over the phrases of
 * the query and the columns each occurs in, of the phrase's weight (IDFS:
 * one number per phrase, in the query's order, separated by spaces) times
 * the column's (title 2, text 1, keywords 3).  Like bm25() without its
 * term frequencies and lengths, and with the caller's weights: bm25()
 * reads each phrase's whole doclist, every kind and consortium of
 * tech_fts, to weigh it, which cost milliseconds for a word rare among
 * needs and common among capabilities; the caller has counted the
 * phrase's rows of the right range already. */
static void suggest_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                         int nval, sqlite3_value **val)
{
    static const double weight[3] = {2.0, 1.0, 3.0};
    enum { MAX_PHRASES = 64 };
    unsigned char seen[MAX_PHRASES] = {0}; /* bit per column */
    int ninst = 0, nphrase = api->xPhraseCount(fts);
    if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
        sqlite3_result_error(ctx, "cj_suggest_rank: instances", -1);
        return;
    }
    for (int i = 0; i < ninst; i++) {
        int phrase, col, off;
        if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && phrase >= 0 &&
            phrase < MAX_PHRASES && col >= 0 && col < 3)
            seen[phrase] |= (unsigned char)(1u << col);
    }
    const char *s = nval > 0 ? (const char *)sqlite3_value_text(val[0]) : NULL;
    double score = 0;
    for (int p = 0; p < nphrase && p < MAX_PHRASES && s && *s; p++) {
        char *end;
        double idf = strtod(s, &end);
        if (end == s)
            break;
        s = end;
        for (int col = 0; col < 3; col++)
            if (seen[p] & (1u << col))
                score += idf * weight[col];
    }
    sqlite3_result_double(ctx, -score);
}

int store_tech_rank_register(fts5_api *api)
{
    return api->xCreateFunction(api, "cj_suggest_rank", NULL, suggest_rank, NULL);
}

int store_tech_term_docs(store_conn *c, const char *kind, int64_t consortium_id, const char *match,
                         int64_t cap, int64_t *n, err_t *e)
{
    int k = kind_no(kind);
    *n = 0;
    if (!k)
        return err_set(e, ERR_INTERNAL, "no suggestion kind %s", kind);
    buf_t tsq = {0};
    if (c->pg && store_tsquery_of(match, 0, &tsq) <= 0) {
        buf_free(&tsq);
        return 0; /* nothing to look for */
    }
    /* On PostgreSQL a document may be several rows (store_search_pg.c). */
    db_stmt *st = conn_stmt(c,
                            c->pg ? "SELECT count(*) FROM (SELECT DISTINCT rowid FROM tech_fts "
                                    "WHERE doc @@ CAST(?1 AS tsquery) AND rowid BETWEEN ?2 AND "
                                    "?3 LIMIT ?4) x"
                                  : "SELECT count(*) FROM (SELECT 1 FROM tech_fts WHERE tech_fts "
                                    "MATCH ?1 AND rowid BETWEEN ?2 AND ?3 LIMIT ?4)",
                            e);
    if (!st) {
        buf_free(&tsq);
        return -1;
    }
    int64_t lo = range_lo(k, consortium_id);
    db_bind_text(st, 1, c->pg ? tsq.data : match, -1);
    buf_free(&tsq);
    db_bind_int64(st, 2, lo);
    db_bind_int64(st, 3, lo | TECH_ID_MASK);
    db_bind_int64(st, 4, cap + 1);
    int rc = db_step(st) == DB_ROW ? 0 : conn_fail(c, e, "term documents");
    if (rc == 0)
        *n = db_column_int64(st, 0);
    db_reset(st);
    return rc;
}

/* The SQL of store_tech_candidates, by backend and order, with the table
 * and column names pasted (%s: organisation column, field column, table,
 * the id mask, the status condition, organisation column again).  Title
 * 2, text 1, keywords 3: a keyword shared weighs most.
 *
 * PostgreSQL ranks as cj_suggest_rank does, in SQL: a document's tsvector
 * weighs title positions A, text D, keywords B (store_search_pg.c), so
 * "phrase i occurs in the title" is doc @@ (the phrase with each lexeme
 * :A), ?9–?11 holding each phrase so for A, D and B and ?8 the weights;
 * over a document's segments a phrase occurs in a column when it does in
 * any.  Ties go by rowid, the order FTS5 reads them in. */
/* newest first: FTS5 stops once limit rows passed the checks */
#define CANDIDATES_NEWEST_LITE                                                                     \
    "SELECT t.id, t.%s, t.title, t.description, t.keywords, %s, 0.0 FROM tech_fts f JOIN %s t ON " \
    "t.id = (f.rowid & %lld) WHERE tech_fts MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3 AND "           \
    "t.deleted_at IS NULL%s AND (t.visibility = 'public' OR (?4 >= 1 AND t.visibility = "          \
    "'members') OR ?4 >= 2 OR t.%s = ?5) AND ?7 > 0 ORDER BY f.rowid DESC LIMIT ?6"
#define CANDIDATES_RANKED_LITE                                                                     \
    "SELECT t.id, t.%s, t.title, t.description, t.keywords, %s, f.s FROM (SELECT rowid AS r, "     \
    "cj_suggest_rank(tech_fts, ?8) AS s FROM tech_fts WHERE tech_fts MATCH ?1 AND rowid BETWEEN "  \
    "?2 AND ?3 ORDER BY s LIMIT ?7) f JOIN %s t ON t.id = (f.r & %lld) WHERE t.deleted_at IS "     \
    "NULL%s AND (t.visibility = 'public' OR (?4 >= 1 AND t.visibility = 'members') OR ?4 >= 2 OR " \
    "t.%s = ?5) ORDER BY f.s LIMIT ?6"
#define CANDIDATES_NEWEST_PG                                                                       \
    "SELECT t.id, t.%s, t.title, t.description, t.keywords, %s, CAST(0 AS double precision) FROM " \
    "(SELECT DISTINCT rowid FROM tech_fts WHERE doc @@ CAST(?1 AS tsquery) AND rowid BETWEEN ?2 "  \
    "AND ?3) f JOIN %s t ON t.id = (f.rowid & %lld) WHERE t.deleted_at IS NULL%s AND "             \
    "(t.visibility = 'public' OR (?4 >= 1 AND t.visibility = 'members') OR ?4 >= 2 OR t.%s = ?5) " \
    "AND ?7 > 0 ORDER BY f.rowid DESC LIMIT ?6"
#define CANDIDATES_RANKED_PG                                                                       \
    "SELECT t.id, t.%s, t.title, t.description, t.keywords, %s, f.s FROM (SELECT x.r, "            \
    "-coalesce(sum(x.w * (2 * x.a + x.d + 3 * x.b)), 0) AS s FROM (SELECT f.rowid AS r, u.i, "     \
    "u.w, "                                                                                        \
    "max(CASE WHEN f.doc @@ u.qa THEN 1 ELSE 0 END) AS a, max(CASE WHEN f.doc @@ u.qd THEN 1 "     \
    "ELSE 0 END) AS d, max(CASE WHEN f.doc @@ u.qb THEN 1 ELSE 0 END) AS b FROM tech_fts f CROSS " \
    "JOIN unnest(CAST(?8 AS double precision[]), CAST(?9 AS tsquery[]), CAST(?10 AS tsquery[]), "  \
    "CAST(?11 AS tsquery[])) WITH ORDINALITY AS u(w, qa, qd, qb, i) WHERE f.doc @@ CAST(?1 AS "    \
    "tsquery) AND f.rowid BETWEEN ?2 AND ?3 GROUP BY f.rowid, u.i, u.w) x GROUP BY x.r ORDER BY "  \
    "s, x.r LIMIT ?7) f JOIN %s t ON t.id = (f.r & %lld) WHERE t.deleted_at IS NULL%s AND "        \
    "(t.visibility = 'public' OR (?4 >= 1 AND t.visibility = 'members') OR ?4 >= 2 OR t.%s = ?5) " \
    "ORDER BY f.s, f.r LIMIT ?6"

/* PostgreSQL's parameters: the expression as a tsquery (?1), the weights
 * (?8) and each phrase weighted A, D, B (?9–?11); 0 when nothing can
 * match, -1 for a bad expression. */
static int pg_params(const char *match, const char *idfs, buf_t p[5])
{
    for (int i = 0; i < 5; i++)
        buf_init(&p[i]);
    int n = store_tsquery_of(match, 0, &p[0]);
    if (n <= 0 || !idfs)
        return n;
    static const char weight[3] = {'A', 'D', 'B'};
    for (int i = 0; i < 3; i++)
        if (store_tsquery_array(match, weight[i], &p[2 + i]) < 0)
            return -1;
    buf_puts(&p[1], "{");
    const char *s = idfs;
    for (int i = 0;; i++) {
        char *end;
        double v = strtod(s, &end);
        if (end == s)
            break;
        buf_printf(&p[1], "%s%.17g", i ? "," : "", v);
        s = end;
    }
    buf_puts(&p[1], "}");
    return n;
}

int store_tech_candidates(store_conn *c, const char *kind, int64_t consortium_id,
                          const store_tech_reader *rd, const char *match, const char *idfs,
                          int64_t limit, json_t **items, err_t *e)
{
    *items = NULL;
    int k = kind_no(kind);
    if (!k)
        return err_set(e, ERR_INTERNAL, "no suggestion kind %s", kind);
    buf_t pg[5] = {{0}}, sql = {0};
    buf_init(&sql);
    int rc = -1, n = c->pg ? pg_params(match, idfs, pg) : 1;
    if (n <= 0) {
        if (n == 0) {
            *items = json_array(); /* nothing to look for */
            rc = 0;
        } else
            err_set(e, ERR_INTERNAL, "suggest: bad match expression");
        goto out;
    }
    /* Only fixed names are pasted: eight statements in all. */
    const char *org = k == 1 ? "enterprise_id" : "organization_id";
    buf_printf(&sql,
               c->pg ? (idfs ? CANDIDATES_RANKED_PG : CANDIDATES_NEWEST_PG)
                     : (idfs ? CANDIDATES_RANKED_LITE : CANDIDATES_NEWEST_LITE),
               org, k == 1 ? "t.field" : "t.fields", k == 1 ? "tech_needs" : "capabilities",
               (long long)TECH_ID_MASK, k == 1 ? " AND t.status = 'published'" : "", org);
    db_stmt *st = conn_stmt(c, sql.data, e);
    if (!st)
        goto out;
    int64_t lo = range_lo(k, consortium_id);
    db_bind_text(st, 1, c->pg ? pg[0].data : match, -1);
    db_bind_int64(st, 2, lo);
    db_bind_int64(st, 3, lo | TECH_ID_MASK);
    db_bind_int(st, 4, rd->level);
    db_bind_int64(st, 5, rd->org_id ? rd->org_id : -1);
    db_bind_int64(st, 6, limit);
    db_bind_int64(st, 7, SUGGEST_READ * limit);
    if (idfs)
        db_bind_text(st, 8, c->pg ? pg[1].data : idfs, -1);
    for (int i = 2; idfs && c->pg && i < 5; i++)
        db_bind_text(st, 7 + i, pg[i].data, -1);
    *items = json_array();
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        json_t *r = json_object();
        static const char *const names[] = {"id",       "organization_id", "title", "description",
                                            "keywords", "fields",          "rank"};
        for (int i = 0; i < 7; i++)
            json_object_set_new(r, names[i], column_json(st, i));
        json_array_append_new(*items, r);
    }
    db_reset(st);
    if (step != DB_DONE) {
        json_decref(*items);
        *items = NULL;
        conn_fail(c, e, "suggest");
        goto out;
    }
    rc = 0;
out:
    buf_free(&sql);
    for (int i = 0; i < 5; i++)
        buf_free(&pg[i]);
    return rc;
}

int store_tech_accepted_projects(store_conn *c, int64_t consortium_id, int64_t lead_id,
                                 const char *field, json_t **counts, err_t *e)
{
    /* One grouped read: by lead unit for one field, or by field for one
     * lead unit. */
    db_stmt *st = conn_stmt(
        c,
        field ? "SELECT lead_id, count(*) FROM rd_projects WHERE consortium_id = ?1 AND field = "
                "?2 AND status IN ('accepted', 'closed') AND deleted_at IS NULL GROUP BY lead_id"
              : "SELECT field, count(*) FROM rd_projects WHERE consortium_id = ?1 AND lead_id = "
                "?2 AND field IS NOT NULL AND status IN ('accepted', 'closed') AND deleted_at IS "
                "NULL GROUP BY field",
        e);
    *counts = NULL;
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    if (field)
        db_bind_text(st, 2, field, -1);
    else
        db_bind_int64(st, 2, lead_id);
    *counts = json_object();
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        char key[32];
        const char *name = db_column_text(st, 0);
        if (field) {
            snprintf(key, sizeof key, "%lld", (long long)db_column_int64(st, 0));
            name = key;
        }
        if (name)
            json_object_set_new(*counts, name, json_integer(db_column_int64(st, 1)));
    }
    db_reset(st);
    if (step != DB_DONE) {
        json_decref(*counts);
        *counts = NULL;
        return conn_fail(c, e, "accepted projects");
    }
    return 0;
}
