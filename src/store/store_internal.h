/*
 * store_internal.h — shared by the SQLite store's files only: the
 * connection struct, the prepared-statement cache and row/JSON helpers
 * (stmt_rows: the one loop that steps rows into a JSON array).
 */
#ifndef CJ_STORE_INTERNAL_H
#define CJ_STORE_INTERNAL_H

#include <libpq-fe.h>
#include <sqlite3.h>

#include "store/store.h"
#include "store/store_stmt.h"

#define STMT_BUCKETS 256

struct stmt_entry {
    char *sql;
    db_stmt st;
    struct stmt_entry *next;
};

struct store_conn {
    sqlite3 *db;   /* a SQLite database's connection, or NULL          */
    PGconn *pg;    /* a PostgreSQL database's (issue 13), or NULL       */
    db_stmt *last; /* the statement conn_stmt handed out last           */
    store *owner;
    struct stmt_entry *buckets[STMT_BUCKETS];
    int in_tx;
    struct store_conn *next_all;  /* list of all connections of the store */
    struct store_memo *memo;      /* bulk mode (store_bulk.c), or NULL */
    struct store_bulk_sums *sums; /* deferred running totals, or NULL */
    struct store_bulk_copy *copy; /* inserts held for COPY (store_bulk_copy.c), or NULL */
    bool search_deferred;         /* store_search_defer() in this transaction */
    int64_t search_consortium;    /* the one consortium of the deferred rows, or 0 */
    int64_t search_after;         /* PostgreSQL: the deferred rows are those past this id */
    int64_t catch_up_ids;         /* ids a SQLite catch-up statement takes (0: the default) */
    /* A write was tried on a read replica's connection (store_begin, or
     * the server's SQLSTATE 25006): store_replica_refused() tells. */
    bool refused;
    /* A yes/no look-up failed (a database error, not "no"): lookup_step
     * marks it, store_lookup_failed() tells and clears. */
    bool lookup_failed;
    /* store_members_recall's answers, {"cid|oid": true|false}, or NULL. */
    json_t *members_known;
    /* The last INSERT texts built (store_entity.c), per entity and set of
     * fields present; freed with the connection. */
    struct {
        const entity_def *d;
        uint64_t mask;
        char *sql;
    } inserts[8];
    unsigned inserts_next;
};

/* Whether store_entity_insert writes field f when the row has it (not
 * the id, a write-only field, nor the times it sets itself). */
bool store_field_inserted(const field_def *f);

/* store_bulk_copy.c: on PostgreSQL in bulk mode, whether d's inserts are
 * held and sent by COPY; hold one (the row's n values of the fields in
 * mask, in field order), giving its id; send what is held (before any
 * other statement: conn_stmt; before the commit); forget it (the end of
 * bulk mode). */
bool bulk_copy_takes(store_conn *c, const entity_def *d);
int bulk_copy_insert(store_conn *c, const entity_def *d, uint64_t mask, json_t *const *vals,
                     unsigned n, const char *now, int64_t *id, err_t *e);
int bulk_copy_flush(store_conn *c, err_t *e);
/* Ready the connection for sql, a statement that only reads: the held
 * rows are sent first (as bulk_copy_flush) if sql names their table;
 * otherwise only the answer to the group in flight is read, and the held
 * rows wait to make a full group. */
int bulk_copy_before_read(store_conn *c, const char *sql, err_t *e);
void bulk_copy_end(store_conn *c);
/* PostgreSQL's SQLSTATE as db_constraint answers: DB_UNIQUE,
 * DB_FOREIGN_KEY or 0. */
int pg_constraint_kind(const char *sqlstate);
/* The error of a refused write of d: broke is db_constraint's answer
 * (DB_UNIQUE, DB_FOREIGN_KEY or 0) and msg the database's message. */
int constraint_error_of(const entity_def *d, int broke, const char *msg, err_t *e);

/* In bulk mode with deferred totals: count a newly inserted row of d. */
void bulk_add(store_conn *c, const entity_def *d, json_t *row);

/* Bulk mode's memory of look-ups that answered yes (store_bulk.c); both
 * do nothing outside bulk mode. */
bool memo_has(store_conn *c, const char *key);
void memo_add(store_conn *c, const char *key);
/* The same memory holding a text per look-up (an option's code per label
 * it was found by): memo_text is NULL outside bulk mode or when key was
 * not added; the text lives until bulk mode ends. */
const char *memo_text(store_conn *c, const char *key);
void memo_add_text(store_conn *c, const char *key, const char *text);

/* A yes/no look-up (it answers by whether a row comes): its statement,
 * and its step, DB_ROW or DB_DONE.  A database error is logged, counts as
 * no row, and marks the connection (lookup_failed), so that the request
 * answers with the error rather than with what "no" would mean (a 403, a
 * 404): http/server.c asks store_lookup_failed after the handler. */
db_stmt *lookup_stmt(store_conn *c, const char *sql);
int lookup_step(store_conn *c, db_stmt *st);

/* A cached, reset statement for sql (prepared on first use).  NULL with
 * ERR_INTERNAL (details logged, never shown) on a prepare error. */
db_stmt *conn_stmt(store_conn *c, const char *sql, err_t *e);
/* Log a SQLite error to stderr and set a generic ERR_INTERNAL. */
int conn_fail(store_conn *c, err_t *e, const char *what);
/* Bind a JSON scalar (string, integer, real, bool, null; arrays and
 * objects as JSON text) to parameter i. */
void bind_json(db_stmt *st, int i, json_t *v);
/* The current row as a JSON object of the entity's fields (parsing
 * FT_IDLIST columns and turning FT_BOOL into true/false). */
json_t *row_to_json(db_stmt *st, const entity_def *d);
/* Column i as JSON by SQLite type: integers stay integers, reals reals,
 * text strings, NULL (and blobs) null. */
json_t *column_json(db_stmt *st, int i);

/* The consortia an authority unit oversees (migration 023): one bound
 * parameter, the unit's id.  A scope names one consortium or prefixes its
 * region code. */
#define STORE_AUTHORITY_OVERSEEN                                                                   \
    "SELECT oa.id FROM consortia oa JOIN authority_scopes os ON os.deleted_at IS NULL AND "        \
    "(os.consortium_id = oa.id OR (os.region_prefix IS NOT NULL AND "                              \
    "substr(oa.region_code, 1, length(os.region_prefix)) = os.region_prefix)) "                    \
    "WHERE oa.deleted_at IS NULL AND os.organization_id = ?"

/* The one "step rows into a JSON array" loop.  A row_maker turns the
 * current row of st into one new JSON value. */
typedef json_t *(*row_maker)(db_stmt *st, const void *ctx);
/* Step st (prepared and bound, not yet stepped) to its end, appending one
 * value per row to a new array *items (the caller owns it): fn(st, ctx),
 * or when fn is NULL an object of every column (column_json) keyed by
 * ctx — a `const char *const *` naming each column — or, when ctx is
 * NULL too, by the columns' own names.  st is reset afterwards.  0, or -1
 * with *items NULL and e set by conn_fail(c, e, what). */
int stmt_rows(store_conn *c, db_stmt *st, row_maker fn, const void *ctx, json_t **items,
              const char *what, err_t *e);
/* A row_maker: the first column alone (column_json). */
json_t *row_first(db_stmt *st, const void *ctx);

/* ---- full-text search (fts_cjk.c) ------------------------------------- */

/* Called once per token, as FTS5's xToken: the token's bytes (valid until
 * the call returns) and its byte range [start, end) in the text.  A
 * non-SQLITE_OK return stops the tokenizer and is returned by it. */
typedef int (*fts_cjk_token_fn)(void *ctx, int tflags, const char *tok, int ntok, int start,
                                int end);
/* The flags of fts_cjk_tokenize: a query's text (else a document's); a
 * document's ASCII trigrams too (the option "ascii_trigrams"). */
enum { FTS_CJK_QUERY = 1, FTS_CJK_ASCII3 = 2 };
/* The byte before the three characters of an ASCII trigram token. */
#define FTS_CJK_TRIGRAM_MARK '\x01'
/* Split text the way the "cjk_bigram" tokenizer does: a document gives
 * each CJK character's single and, colocated (tflags
 * FTS5_TOKEN_COLOCATED), the pair and triple starting there, and with
 * FTS_CJK_ASCII3 each word's ASCII trigrams; a query (FTS_CJK_QUERY) one
 * token per position. */
int fts_cjk_tokenize(const char *text, int len, int flags, void *ctx, fts_cjk_token_fn emit);
/* Whether s is CJK characters only (at least one): then a phrase of its
 * query tokens matches a document exactly where the document's text holds
 * s as written (a substring, as LIKE '%s%' finds it). */
bool fts_cjk_only(const char *s);
/* The ids of d's rows of consortium_id whose searched fields hold q as
 * written, from the search index (store_search.c): a SELECT of one id
 * column appended to sql, its values to params.  Only for the rows the
 * index holds, those with d's public value that are not deleted.  For q
 * fts_cjk_only exactly those (*exact); on SQLite for q of three or more
 * ASCII letters and digits a superset, the rows holding q's trigrams
 * (*exact false: the caller checks them).  False, writing nothing, where
 * d has no index or q is neither. */
bool store_search_ids_sql(const store_conn *c, const entity_def *d, const char *q,
                          int64_t consortium_id, buf_t *sql, json_t *params, bool *exact);
/* At commit, after store_search_defer(): index the rows it left out and
 * remove its mark (store_search.c).  A no-op otherwise. */
int store_search_catch_up(store_conn *c, err_t *e);
/* PostgreSQL (store_search_pg.c): store_search_defer's half — mark the
 * transaction so that migration 033's insert trigger queues no new demand
 * row, and remember the highest id before them. */
int store_search_pg_defer(store_conn *c, err_t *e);
/* PostgreSQL (store_search_pg.c): index the new rows store_search_pg_defer
 * left out, then those migration 025's triggers queued in this
 * transaction; store_commit calls it. */
int store_search_pg_catch_up(store_conn *c, err_t *e);
/* An FTS5 expression of "phrases" joined by AND / OR, as store_search.c
 * and domain/tech.c write them, as a tsquery in out (each lexeme
 * restricted to weight w: 'A' title, 'D' body, 'B' keywords; 0 none).
 * Returns the number of phrases kept (0: nothing can match), -1 for
 * other syntax. */
int store_tsquery_of(const char *match, char weight, buf_t *out);
/* On PostgreSQL every document of demand_fts and tech_fts also holds the
 * lexeme CONSORTIUM_LEXEME followed by its consortium's id (migrations_pg
 * 029), which no text gives (tokens are letters and digits): tsq becomes
 * "'#c<id>' & (tsq)", which GIN answers from that consortium's postings
 * alone (store_search_pg.c). */
#define CONSORTIUM_LEXEME "#c"
void store_tsquery_in_consortium(buf_t *tsq, int64_t consortium_id);
/* The same expression's phrases one by one, as a PostgreSQL array
 * literal of tsqueries in out (a phrase without a token matches
 * nothing); the number of phrases, or -1. */
int store_tsquery_array(const char *match, char weight, buf_t *out);
/* Register the tokenizer "cjk_bigram" on db (every connection, before any
 * statement touches a table that uses it).  Returns an SQLite code. */
int fts_cjk_register(sqlite3 *db);
/* Register the FTS5 function cj_suggest_rank (store_tech_suggest.c) with
 * api; called by fts_cjk_register.  Returns an SQLite code. */
int store_tech_rank_register(fts5_api *api);

#endif
