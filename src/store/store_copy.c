/*
 * store_copy.c — a whole database copied into a new one of the other
 * kind, a SQLite file into PostgreSQL or PostgreSQL into a SQLite file
 * (`chanjiao store copy`, issue 13), then checked table by table.
 *
 * First both databases are looked at as they are (peek: a SQLite file is
 * opened but neither created nor migrated, a PostgreSQL database only
 * read).  The copy is refused, changing nothing, when the two are of one
 * kind (a file is copied by `chanjiao backup`, a PostgreSQL database by
 * pg_dump), when either records a migration this binary does not have (a
 * newer binary's schema), when the source is not a Chanjiao database, or
 * when the target holds data or tables that are not Chanjiao's.  Then both
 * are opened as serving them would: brought to this binary's migrations,
 * a SQLite target created when absent.
 *
 * One walk for both ways.  The tables, their columns, keys and references
 * are read from the SQLite side (PostgreSQL's are the same:
 * tests/pg/schema_parity.py); the FTS5 tables, which PostgreSQL keeps
 * otherwise, PostgreSQL's search queue and replica bookkeeping, and
 * schema_migrations, which each database keeps for itself, are not
 * copied.  The source is read in one snapshot (a SQLite read
 * transaction, a PostgreSQL REPEATABLE READ one) and the target written
 * in one transaction under the writers' lock: the target's own keeping
 * (triggers) set aside, every table emptied (the catalogues the
 * migrations seeded are replaced by the source's), each table's rows
 * sent in an order where a row's references arrive before it, the
 * keeping put back.  Then, still in that transaction, every table is read
 * on both sides in key order and each value hashed with its type
 * (SHA-256, libsodium): integer, real (17 significant digits), text (its
 * bytes), NULL.  Only when every table agrees is the target committed: a
 * difference or any failure rolls the whole copy back, and a SQLite file
 * the copy created is removed.  Keys sort alike on both sides — text
 * bytewise (COLLATE "C": a PostgreSQL database may sort by a locale),
 * NULL first — and generated columns (006's person_times_total), computed
 * by each database, are checked with the rest.  A PostgreSQL side is read
 * through a cursor, FETCH_ROWS rows at a time, never a whole table at
 * once.
 *
 * Into PostgreSQL: every table's own triggers are turned off (DISABLE
 * TRIGGER USER: the running totals would count the copied rows a second
 * time; the search queue and the data version are filled below) and the
 * indexes that enforce nothing dropped (pg_unindex), the rows sent with
 * COPY … FREEZE (pg_rows), identity sequences set to continue after the highest id, as
 * SQLite's rowids would; the triggers come back on, and every row the
 * search indexes hold is queued and tokenised (store_search_pg.c) into
 * the bare search tables; then the indexes are built again.  ANALYZE
 * before the tokenising: the tables were empty when the transaction
 * began, and without it the indexing, which reads the queued rows by id,
 * planned a scan of all demand per batch (100 000 rows: 85 s, 29 s with
 * it).
 *
 * Into SQLite: SQLite cannot turn a trigger off, so every trigger is
 * dropped inside the transaction and created again from its own text
 * (sqlite_schema) before the commit.  SQLite's DDL is transactional: a
 * rollback brings them back too, and no other connection ever sees the
 * file without them.  That is the simplest way right for every trigger
 * at once — the running totals' (003) would count each copied demand and
 * supply row on top of the copied totals, migration 015's would add a
 * second published list per demand report, the search triggers (004,
 * 014) would index row by row, a segment per row (004 says why that is
 * slow) — where bulk_state, the totals' own switch, is itself a copied
 * table and covers only their insert triggers.  So the totals tables are
 * copied as they are, like every other.  Foreign keys are checked at the
 * commit (defer_foreign_keys: a table may reference its own later rows).
 * The search indexes are rebuilt from the copied rows: demand_fts by the
 * deferred indexing of imports (store_search_defer: the commit indexes
 * every published row in one statement, in rowid order), tech_fts by one
 * INSERT … SELECT as migration 014's triggers fill it.  Values are bound
 * with the types PostgreSQL gives them.
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "store/store_pg.h"

#define MAX_TABLES 256
#define MAX_COLS 96
#define INDEX_BUILD_MEMORY "256MB" /* into PostgreSQL: each index's sort (pg_end) */
#define COPY_CHUNK (8u << 20)      /* bytes of COPY text sent at a time */
#define FETCH_ROWS 10000           /* rows a PostgreSQL cursor answers at a time */
#define STR(x) #x
#define XSTR(x) STR(x)

/* A database holds data when one of these has a row (a new, migrated
 * database has none: the migrations seed catalogues only). */
static const char *const data_tables[] = {"organizations", "consortia", "users", "demand",
                                          "students"};
#define NDATA (sizeof data_tables / sizeof *data_tables)

typedef struct {
    char *name;
    int ncols;
    char *col[MAX_COLS];
    bool generated[MAX_COLS];
    char *order_lite, *order_pg; /* ORDER BY: the primary key, or every column */
    char *refs[MAX_TABLES];
    int nrefs;
} table_t;

static bool skipped(const char *name)
{
    return !strncmp(name, "sqlite_", 7) || !strncmp(name, "demand_fts", 10) ||
           !strncmp(name, "tech_fts", 8) || !strcmp(name, "schema_migrations");
}

static void tables_free(table_t *t, int n)
{
    if (!t)
        return;
    for (int i = 0; i < n; i++) {
        free(t[i].name);
        free(t[i].order_lite);
        free(t[i].order_pg);
        for (int k = 0; k < t[i].ncols; k++)
            free(t[i].col[k]);
        for (int k = 0; k < t[i].nrefs; k++)
            free(t[i].refs[k]);
    }
    free(t);
}

/* Whether a declared SQLite type gives text affinity. */
static bool text_type(const char *type)
{
    return type &&
           (strcasestr(type, "TEXT") || strcasestr(type, "CHAR") || strcasestr(type, "CLOB"));
}

/* The tables of the SQLite database db with their columns, keys and
 * references, by name. */
static int read_tables(sqlite3 *db, table_t **out, int *n, err_t *e)
{
    table_t *t = xcalloc(MAX_TABLES, sizeof *t);
    int count = 0, rc = -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                           "'CREATE VIRTUAL%' ORDER BY name",
                           -1, &st, NULL) != SQLITE_OK)
        goto out;
    while (sqlite3_step(st) == SQLITE_ROW && count < MAX_TABLES) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!skipped(name))
            t[count++].name = xstrdup(name);
    }
    sqlite3_finalize(st);
    st = NULL;
    for (int i = 0; i < count; i++) {
        char sql[160];
        buf_t key[2], all[2]; /* [0] SQLite's ORDER BY, [1] PostgreSQL's */
        for (int s = 0; s < 2; s++) {
            buf_init(&key[s]);
            buf_init(&all[s]);
        }
        int nkey = 0;
        /* table_xinfo: cid, name, type, notnull, default, pk, hidden */
        snprintf(sql, sizeof sql,
                 "SELECT name, pk, hidden, type FROM pragma_table_xinfo('%s') ORDER BY pk, cid",
                 t[i].name);
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
            goto out;
        while (sqlite3_step(st) == SQLITE_ROW && t[i].ncols < MAX_COLS) {
            int k = t[i].ncols++;
            const char *col = (const char *)sqlite3_column_text(st, 0);
            t[i].col[k] = xstrdup(col);
            t[i].generated[k] = sqlite3_column_int(st, 2) >= 2;
            bool in_key = sqlite3_column_int(st, 1) > 0;
            const char *collate =
                text_type((const char *)sqlite3_column_text(st, 3)) ? " COLLATE \"C\"" : "";
            buf_printf(&all[0], "%s%s", k ? ", " : "", col);
            buf_printf(&all[1], "%s%s%s NULLS FIRST", k ? ", " : "", col, collate);
            if (in_key) {
                buf_printf(&key[0], "%s%s", nkey ? ", " : "", col);
                buf_printf(&key[1], "%s%s%s NULLS FIRST", nkey ? ", " : "", col, collate);
                nkey++;
            }
        }
        sqlite3_finalize(st);
        st = NULL;
        buf_t *use = nkey ? key : all, *drop = nkey ? all : key;
        t[i].order_lite = use[0].data;
        t[i].order_pg = use[1].data;
        buf_free(&drop[0]);
        buf_free(&drop[1]);
        snprintf(sql, sizeof sql, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list('%s')",
                 t[i].name);
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
            goto out;
        while (sqlite3_step(st) == SQLITE_ROW && t[i].nrefs < MAX_TABLES) {
            const char *ref = (const char *)sqlite3_column_text(st, 0);
            if (strcmp(ref, t[i].name))
                t[i].refs[t[i].nrefs++] = xstrdup(ref);
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    rc = 0;
out:
    if (st)
        sqlite3_finalize(st);
    if (rc != 0) {
        fprintf(stderr, "chanjiao: store copy: %s\n", sqlite3_errmsg(db));
        tables_free(t, count);
        return err_set(e, ERR_INTERNAL, "读取数据库结构失败 (cannot read the schema)");
    }
    *out = t;
    *n = count;
    return 0;
}

/* The tables in an order where each comes after every table it
 * references (its own rows aside): order[0..n). */
static int order_tables(const table_t *t, int n, int *order, err_t *e)
{
    bool *done = xcalloc((size_t)n + 1, sizeof *done);
    int count = 0, rc = 0;
    while (count < n && rc == 0) {
        int before = count;
        for (int i = 0; i < n; i++) {
            bool ready = !done[i];
            for (int r = 0; r < t[i].nrefs && ready; r++)
                for (int j = 0; j < n; j++)
                    if (!strcmp(t[j].name, t[i].refs[r]) && !done[j])
                        ready = false;
            if (ready) {
                done[i] = true;
                order[count++] = i;
            }
        }
        if (count == before)
            rc = err_set(e, ERR_INTERNAL, "表之间的引用成环 (the tables' references form a cycle)");
    }
    free(done);
    return rc;
}

/* ---- reading a table ------------------------------------------------------ */

/* A table's rows in key order: a SQLite statement stepped, or on
 * PostgreSQL a cursor (inside the connection's transaction) fetched
 * FETCH_ROWS at a time. */
typedef struct {
    store_conn *c;
    db_stmt *st;
    int got; /* rows the current FETCH answered so far */
} rows_t;

static int pg_run(store_conn *c, const char *sql, err_t *e)
{
    char state[6];
    return pg_exec_script(c->pg, sql, state) == 0
               ? 0
               : err_set(e, ERR_INTERNAL, "数据库错误 (database error): %.200s", sql);
}

static int lite_run(store_conn *c, const char *sql, err_t *e)
{
    return sqlite3_exec(c->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : conn_fail(c, e, sql);
}

/* The columns of t, with the generated ones or without, "a, b, c". */
static void column_list(buf_t *b, const table_t *t, bool generated)
{
    int n = 0;
    for (int k = 0; k < t->ncols; k++)
        if (generated || !t->generated[k])
            buf_printf(b, "%s%s", n++ ? ", " : "", t->col[k]);
}

static int rows_open(rows_t *r, store_conn *c, const table_t *t, bool generated, err_t *e)
{
    buf_t sql = {0};
    buf_init(&sql);
    buf_puts(&sql, c->pg ? "DECLARE cj_copy NO SCROLL CURSOR FOR SELECT " : "SELECT ");
    column_list(&sql, t, generated);
    buf_printf(&sql, " FROM %s ORDER BY %s", t->name, c->pg ? t->order_pg : t->order_lite);
    r->c = c;
    r->got = 0;
    if (c->pg)
        r->st = pg_run(c, sql.data, e) == 0
                    ? conn_stmt(c, "FETCH " XSTR(FETCH_ROWS) " FROM cj_copy", e)
                    : NULL;
    else
        r->st = conn_stmt(c, sql.data, e);
    buf_free(&sql);
    return r->st ? 0 : -1;
}

/* The next row, in r->st: DB_ROW, DB_DONE or an error. */
static int rows_next(rows_t *r)
{
    int step = db_step(r->st);
    if (step == DB_DONE && r->c->pg && r->got == FETCH_ROWS) { /* the cursor may hold more */
        db_reset(r->st);
        r->got = 0;
        step = db_step(r->st);
    }
    if (step == DB_ROW)
        r->got++;
    return step;
}

static void rows_close(rows_t *r)
{
    if (!r->st)
        return;
    db_reset(r->st);
    if (r->c->pg)
        PQclear(PQexec(r->c->pg, "CLOSE cj_copy"));
    r->st = NULL;
}

/* ---- values --------------------------------------------------------------- */

/* Value i of the current row in COPY's text format. */
static void copy_value(buf_t *b, db_stmt *st, int i)
{
    switch (db_column_type(st, i)) {
    case DB_NULL:
        buf_puts(b, "\\N");
        break;
    case DB_INTEGER:
        buf_printf(b, "%lld", (long long)db_column_int64(st, i));
        break;
    case DB_FLOAT:
        buf_printf(b, "%.17g", db_column_double(st, i));
        break;
    default:
        pg_copy_text(b, db_column_text(st, i), (size_t)db_column_bytes(st, i));
    }
}

/* Bind value i of the current row of `from` as parameter i + 1 of `to`,
 * with its type (the text lives until `from` steps: `to` runs before). */
static void bind_value(db_stmt *to, db_stmt *from, int i)
{
    switch (db_column_type(from, i)) {
    case DB_NULL:
        db_bind_null(to, i + 1);
        break;
    case DB_INTEGER:
        db_bind_int64(to, i + 1, db_column_int64(from, i));
        break;
    case DB_FLOAT:
        db_bind_double(to, i + 1, db_column_double(from, i));
        break;
    default: {
        const char *s = db_column_text(from, i);
        db_bind_text_static(to, i + 1, s, db_column_bytes(from, i));
    }
    }
}

/* Hash value i of the current row with its type. */
static void hash_value(crypto_hash_sha256_state *h, db_stmt *st, int i)
{
    char head[48];
    int n = 0;
    const char *s = NULL;
    switch (db_column_type(st, i)) {
    case DB_NULL:
        n = snprintf(head, sizeof head, "N;");
        break;
    case DB_INTEGER:
        n = snprintf(head, sizeof head, "I%lld;", (long long)db_column_int64(st, i));
        break;
    case DB_FLOAT:
        n = snprintf(head, sizeof head, "F%.17g;", db_column_double(st, i));
        break;
    default:
        s = db_column_text(st, i);
        n = snprintf(head, sizeof head, "T%d:", db_column_bytes(st, i));
    }
    crypto_hash_sha256_update(h, (const unsigned char *)head, (unsigned long long)n);
    if (s)
        crypto_hash_sha256_update(h, (const unsigned char *)s,
                                  (unsigned long long)db_column_bytes(st, i));
}

/* Rows and checksum of table t on connection c. */
static int table_sum(store_conn *c, const table_t *t, int64_t *rows, char hex[65], err_t *e)
{
    rows_t r;
    if (rows_open(&r, c, t, true, e) != 0)
        return -1;
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    *rows = 0;
    int step;
    while ((step = rows_next(&r)) == DB_ROW) {
        for (int k = 0; k < t->ncols; k++)
            hash_value(&h, r.st, k);
        crypto_hash_sha256_update(&h, (const unsigned char *)"\n", 1);
        ++*rows;
    }
    int rc = step == DB_DONE ? 0 : conn_fail(c, e, "checksum");
    rows_close(&r);
    if (rc != 0)
        return -1;
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, out);
    sodium_bin2hex(hex, 65, out, sizeof out);
    return 0;
}

/* ---- the two ways --------------------------------------------------------- */

typedef struct {
    store_conn *from, *to;
    table_t *t;
    int n;
    buf_t triggers; /* into SQLite: the CREATE TRIGGER statements dropped */
    buf_t indexes;  /* into PostgreSQL: the CREATE INDEX statements dropped */
} copy_job;

/* Into PostgreSQL: the schema's indexes that enforce nothing (neither a
 * key nor unique) dropped, their CREATE statements kept in j->indexes.
 * A B-tree or GIN index filled row by row costs several times what one
 * built from the finished table costs: 200 000 demand rows' search
 * documents took 8.8 s to COPY into the indexed table, 3.8 s into a bare
 * one and 2.9 s to index after (bench/README.md, store_copy.sh).  The
 * target is new and in this transaction; nobody reads it meanwhile. */
static int pg_unindex(copy_job *j, err_t *e)
{
    db_stmt *st = conn_stmt(j->to,
                            "SELECT quote_ident(i.relname), pg_get_indexdef(x.indexrelid) FROM "
                            "pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t "
                            "ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                            "WHERE n.nspname = current_schema() AND NOT x.indisunique AND NOT "
                            "x.indisprimary ORDER BY x.indexrelid",
                            e);
    if (!st)
        return -1;
    buf_t drop = {0};
    buf_init(&drop);
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        buf_printf(&drop, "%sDROP INDEX %s", drop.len ? "; " : "", db_column_text(st, 0));
        buf_printf(&j->indexes, "%s%s", j->indexes.len ? "; " : "", db_column_text(st, 1));
    }
    db_reset(st);
    int rc = step != DB_DONE ? conn_fail(j->to, e, "read the indexes")
             : drop.len      ? pg_run(j->to, drop.data, e)
                             : 0;
    buf_free(&drop);
    return rc;
}

/* Into PostgreSQL: empty every table, its triggers off, the indexes
 * that enforce nothing dropped. */
static int pg_begin(copy_job *j, err_t *e)
{
    buf_t sql = {0};
    buf_init(&sql);
    buf_puts(&sql, "TRUNCATE demand_fts, tech_fts, fts_queue, session_writes");
    for (int i = 0; i < j->n; i++)
        buf_printf(&sql, ", %s", j->t[i].name);
    for (int i = 0; i < j->n; i++)
        buf_printf(&sql, "; ALTER TABLE %s DISABLE TRIGGER USER", j->t[i].name);
    int rc = pg_run(j->to, sql.data, e);
    buf_free(&sql);
    return rc ? rc : pg_unindex(j, e);
}

/* Into PostgreSQL: table t's rows by COPY. */
static int pg_rows(copy_job *j, const table_t *t, err_t *e)
{
    buf_t sql = {0}, lines = {0};
    buf_init(&sql);
    buf_init(&lines);
    buf_printf(&sql, "COPY %s (", t->name);
    column_list(&sql, t, false);
    /* FREEZE: the table was emptied in this transaction (pg_begin), so
     * its rows may be written frozen, as a VACUUM would leave them
     * (PostgreSQL 14+ marks the pages all-visible too).  Without it the
     * copy's first readers wrote every row's hint bits and index-only
     * scans visited the heap until autovacuum came: a deep page of 1 M
     * demand rows 14–18 ms just after the copy, 2–3 ms after the VACUUM. */
    buf_puts(&sql, ") FROM STDIN WITH (FREEZE)");
    rows_t r;
    int rc = rows_open(&r, j->from, t, false, e), step = DB_DONE;
    char state[6];
    while (rc == 0 && (step = rows_next(&r)) == DB_ROW) {
        int n = db_column_count(r.st);
        for (int k = 0; k < n; k++) {
            if (k)
                buf_puts(&lines, "\t");
            copy_value(&lines, r.st, k);
        }
        buf_puts(&lines, "\n");
        if (lines.len >= COPY_CHUNK) {
            if (pg_copy_in(j->to->pg, sql.data, lines.data, lines.len, state) != 0)
                rc = err_set(e, ERR_INTERNAL, "复制 %s 失败 (copying the table failed)", t->name);
            lines.len = 0;
        }
    }
    if (rc == 0 && step != DB_DONE)
        rc = conn_fail(j->from, e, "read the source");
    if (rc == 0 && lines.len && pg_copy_in(j->to->pg, sql.data, lines.data, lines.len, state) != 0)
        rc = err_set(e, ERR_INTERNAL, "复制 %s 失败 (copying the table failed)", t->name);
    rows_close(&r);
    buf_free(&sql);
    buf_free(&lines);
    return rc;
}

/* Into PostgreSQL: triggers on, sequences after the highest id, the rows
 * the search indexes hold queued, as migration 025 queues them, and the
 * tables' statistics. */
static int pg_end(copy_job *j, err_t *e)
{
    buf_t sql = {0};
    buf_init(&sql);
    for (int i = 0; i < j->n; i++) {
        const table_t *t = &j->t[i];
        buf_printf(&sql, "ALTER TABLE %s ENABLE TRIGGER USER; ", t->name);
        for (int k = 0; k < t->ncols; k++)
            if (!strcmp(t->col[k], "id"))
                buf_printf(&sql,
                           "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                           "coalesce(max(id), 0) + 1, false) FROM %s WHERE "
                           "pg_get_serial_sequence('%s', 'id') IS NOT NULL; ",
                           t->name, t->name, t->name);
    }
    buf_puts(&sql, "INSERT INTO fts_queue SELECT 0, (consortium_id << 40) | id FROM demand "
                   "WHERE status = 'published' AND deleted_at IS NULL; "
                   "INSERT INTO fts_queue SELECT 1, (consortium_id << 40) | (1::bigint << 36) | "
                   "id FROM tech_needs; "
                   "INSERT INTO fts_queue SELECT 2, (consortium_id << 40) | (2::bigint << 36) | "
                   "id FROM capabilities; "
                   "INSERT INTO fts_queue SELECT 3, (consortium_id << 40) | (3::bigint << 36) | "
                   "id FROM core_products; ANALYZE");
    int rc = pg_run(j->to, sql.data, e);
    buf_free(&sql);
    /* The search documents written into the bare tables now, not at the
     * commit; then pg_unindex's indexes built from the finished tables,
     * each in one sort (a GIN index's in up to the memory given here), and
     * the statistics again for the expression indexes. */
    if (rc == 0)
        rc = store_search_pg_catch_up(j->to, e);
    if (rc == 0 && j->indexes.len) {
        buf_t build = {0};
        buf_init(&build);
        buf_printf(&build, "SET LOCAL maintenance_work_mem = '%s'; %s; ANALYZE", INDEX_BUILD_MEMORY,
                   j->indexes.data);
        rc = pg_run(j->to, build.data, e);
        buf_free(&build);
    }
    return rc;
}

/* Into SQLite: every trigger dropped (kept in j->triggers), foreign keys
 * checked at the commit, every table and index emptied, the demand
 * index left to the commit. */
static int lite_begin(copy_job *j, err_t *e)
{
    sqlite3 *db = j->to->db;
    sqlite3_stmt *st = NULL;
    buf_t drop = {0};
    buf_init(&drop);
    int rc = sqlite3_prepare_v2(db,
                                "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                                "ORDER BY rowid",
                                -1, &st, NULL) == SQLITE_OK
                 ? 0
                 : conn_fail(j->to, e, "read the triggers");
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        buf_printf(&drop, "DROP TRIGGER \"%s\"; ", (const char *)sqlite3_column_text(st, 0));
        buf_printf(&j->triggers, "%s;\n", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    buf_puts(&drop, "PRAGMA defer_foreign_keys = ON; "
                    "INSERT INTO demand_fts(demand_fts) VALUES ('delete-all'); "
                    "DELETE FROM tech_fts; ");
    for (int i = j->n - 1; i >= 0; i--)
        buf_printf(&drop, "DELETE FROM %s; ", j->t[i].name);
    if (rc == 0)
        rc = lite_run(j->to, drop.data, e);
    buf_free(&drop);
    return rc == 0 ? store_search_defer(j->to, 0, e) : -1; /* every consortium's rows */
}

/* Into SQLite: table t's rows, one prepared INSERT. */
static int lite_rows(copy_job *j, const table_t *t, err_t *e)
{
    buf_t sql = {0};
    buf_init(&sql);
    buf_printf(&sql, "INSERT INTO %s (", t->name);
    column_list(&sql, t, false);
    buf_puts(&sql, ") VALUES (");
    for (int k = 0, n = 0; k < t->ncols; k++)
        if (!t->generated[k])
            buf_puts(&sql, n++ ? ", ?" : "?");
    buf_puts(&sql, ")");
    db_stmt *ins = conn_stmt(j->to, sql.data, e);
    buf_free(&sql);
    rows_t r;
    if (!ins || rows_open(&r, j->from, t, false, e) != 0)
        return -1;
    int rc = 0, step;
    while ((step = rows_next(&r)) == DB_ROW) {
        for (int k = 0, n = db_column_count(r.st); k < n; k++)
            bind_value(ins, r.st, k);
        int done = db_step(ins);
        db_reset(ins);
        if (done != DB_DONE) {
            rc = conn_fail(j->to, e, t->name);
            break;
        }
    }
    if (rc == 0 && step != DB_DONE)
        rc = conn_fail(j->from, e, "read the source");
    rows_close(&r);
    return rc;
}

/* Into SQLite: the technology index as migration 014's triggers fill it
 * (in rowid order: FTS5 writes out what it holds before a lower rowid),
 * then the triggers again. */
static int lite_end(copy_job *j, err_t *e)
{
    static const char tech[] =
        "INSERT INTO tech_fts(rowid, title, body, keywords) "
        "SELECT (consortium_id << 40) | (1 << 36) | id, title, description, keywords "
        "FROM tech_needs WHERE deleted_at IS NULL AND status <> 'draft' "
        "UNION ALL SELECT (consortium_id << 40) | (2 << 36) | id, title, description, keywords "
        "FROM capabilities WHERE deleted_at IS NULL "
        "UNION ALL SELECT (consortium_id << 40) | (3 << 36) | id, name, description, "
        "key_technologies FROM core_products WHERE deleted_at IS NULL ORDER BY 1";
    if (lite_run(j->to, tech, e) != 0)
        return -1;
    return j->triggers.len ? lite_run(j->to, j->triggers.data, e) : 0;
}

typedef struct {
    int (*begin)(copy_job *j, err_t *e);
    int (*rows)(copy_job *j, const table_t *t, err_t *e);
    int (*end)(copy_job *j, err_t *e);
} copy_way;

static const copy_way into_pg = {pg_begin, pg_rows, pg_end};
static const copy_way into_lite = {lite_begin, lite_rows, lite_end};

/* ---- looking before copying ----------------------------------------------- */

/* What a database holds, read without changing it. */
typedef struct {
    bool absent;      /* a SQLite file that is not there yet */
    int tables;       /* its tables */
    bool chanjiao;    /* one of them is schema_migrations */
    bool has[NDATA];  /* which data_tables it has */
    char newer[64];   /* a migration it records that this binary lacks, or "" */
    const char *data; /* a data_tables entry with a row, or NULL */
} peek_t;

typedef struct {
    sqlite3 *db;
    PGconn *pg;
    peek_t *p;
} raw_t;

/* Run sql on r, calling fn(r, first column, second column or NULL) per
 * row; 0, or -1 (the database's message on stderr). */
static int raw_each(raw_t *r, const char *sql, void (*fn)(raw_t *, const char *, const char *))
{
    if (r->pg) {
        PGresult *res = PQexec(r->pg, sql);
        int rc = PQresultStatus(res) == PGRES_TUPLES_OK ? 0 : -1;
        if (rc != 0)
            fprintf(stderr, "chanjiao: store copy: %s", PQresultErrorMessage(res));
        for (int i = 0; rc == 0 && i < PQntuples(res); i++)
            fn(r, PQgetvalue(res, i, 0), PQnfields(res) > 1 ? PQgetvalue(res, i, 1) : NULL);
        PQclear(res);
        return rc;
    }
    sqlite3_stmt *st = NULL;
    int step = SQLITE_ERROR;
    if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) == SQLITE_OK)
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            fn(r, (const char *)sqlite3_column_text(st, 0),
               sqlite3_column_count(st) > 1 ? (const char *)sqlite3_column_text(st, 1) : NULL);
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        fprintf(stderr, "chanjiao: store copy: %s\n", sqlite3_errmsg(r->db));
    return step == SQLITE_DONE ? 0 : -1;
}

static void saw_table(raw_t *r, const char *name, const char *unused)
{
    (void)unused;
    r->p->tables++;
    if (!strcmp(name, "schema_migrations"))
        r->p->chanjiao = true;
    for (size_t i = 0; i < NDATA; i++)
        if (!strcmp(name, data_tables[i]))
            r->p->has[i] = true;
}

static void saw_migration(raw_t *r, const char *version, const char *name)
{
    if (!r->p->newer[0] && !store_migration_known(r->pg != NULL, atoi(version)))
        snprintf(r->p->newer, sizeof r->p->newer, "%s", name ? name : version);
}

static void saw_row(raw_t *r, const char *rows, const char *table)
{
    if (!r->p->data && atoi(rows) > 0)
        for (size_t i = 0; i < NDATA; i++)
            if (!strcmp(table, data_tables[i]))
                r->p->data = data_tables[i];
}

/* Look at the database at path (a SQLite file is opened without being
 * created, a PostgreSQL database only read). */
static int peek(const char *path, peek_t *p, err_t *e)
{
    memset(p, 0, sizeof *p);
    raw_t r = {NULL, NULL, p};
    bool pg = store_is_pg_url(path);
    if (pg) {
        if (!(r.pg = pg_connect(path, e)))
            return -1;
    } else if (access(path, F_OK) != 0) {
        p->absent = true;
        return 0;
    } else if (sqlite3_open_v2(path, &r.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
               SQLITE_OK) {
        err_set(e, ERR_INVALID, "无法打开 %s (cannot open it): %s", path,
                r.db ? sqlite3_errmsg(r.db) : strerror(errno));
        sqlite3_close(r.db);
        return -1;
    }
    int rc = raw_each(&r,
                      pg ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                         : "SELECT name FROM sqlite_schema WHERE type = 'table'",
                      saw_table);
    if (rc != 0 && pg)
        err_set(e, ERR_INVALID,
                "无法读取 PostgreSQL 数据库的表 (cannot list the PostgreSQL database's tables)");
    else if (rc != 0)
        err_set(e, ERR_INVALID, "%s 不是 SQLite 数据库 (is not a SQLite database)", path);
    if (rc == 0 && p->chanjiao &&
        raw_each(&r, "SELECT version, name FROM schema_migrations", saw_migration) != 0)
        rc = err_set(e, ERR_INVALID, "无法读取迁移记录 (cannot read schema_migrations)");
    for (size_t i = 0; rc == 0 && i < NDATA; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*), '%s' FROM (SELECT 1 FROM %s LIMIT 1) t",
                 data_tables[i], data_tables[i]);
        if (p->has[i] && raw_each(&r, sql, saw_row) != 0)
            rc = err_set(e, ERR_INVALID, "无法读取 %s (cannot read it)", data_tables[i]);
    }
    if (r.pg)
        PQfinish(r.pg);
    else
        sqlite3_close(r.db);
    return rc;
}

/* Whether `from` may be copied into `to` as they are now. */
static int may_copy(const char *from, const char *to, bool *created, err_t *e)
{
    if (store_is_pg_url(from) == store_is_pg_url(to))
        return err_set(e, ERR_INVALID,
                       "--from 和 --to 须一个是 SQLite 文件、一个是 postgresql:// 地址；复制 "
                       "SQLite 文件请用 chanjiao backup，复制 PostgreSQL 数据库请用 pg_dump "
                       "(one of --from and --to must be a SQLite file, the other a postgresql:// "
                       "URL; copy a file with chanjiao backup, a PostgreSQL database with "
                       "pg_dump)");
    peek_t p;
    if (peek(from, &p, e) != 0)
        return -1;
    if (!p.chanjiao)
        return err_set(e, ERR_INVALID,
                       "源数据库不是产教平台数据库（没有 schema_migrations） (the source is not a "
                       "Chanjiao database: it has no schema_migrations)");
    if (p.newer[0])
        return err_set(e, ERR_INVALID,
                       "源数据库的结构比本程序新：迁移 %s 本程序不认识，请用更新的 chanjiao 复制 "
                       "(the source has a newer schema: migration %s is unknown to this "
                       "binary; copy it with a newer chanjiao)",
                       p.newer, p.newer);
    if (peek(to, &p, e) != 0)
        return -1;
    *created = p.absent;
    if (p.tables && !p.chanjiao)
        return err_set(e, ERR_INVALID,
                       "目标数据库已有不属于产教平台的表：请复制到一个新建的数据库 (the target "
                       "holds tables that are not Chanjiao's; copy into a new database)");
    if (p.newer[0])
        return err_set(e, ERR_INVALID,
                       "目标数据库的结构比本程序新：迁移 %s 本程序不认识 (the target has a newer "
                       "schema: migration %s is unknown to this binary)",
                       p.newer, p.newer);
    if (p.data)
        return err_set(e, ERR_CONFLICT,
                       "目标数据库已有数据（%s）：请复制到一个新建的数据库 (the target already "
                       "holds data (%s); copy into a new database)",
                       p.data, p.data);
    return 0;
}

/* ---- the copy ------------------------------------------------------------- */

/* One snapshot of the source for the copy and the check. */
static int snapshot_begin(store_conn *c, err_t *e)
{
    if (c->pg)
        return pg_run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", e);
    return lite_run(c, "BEGIN", e);
}

static void snapshot_end(store_conn *c)
{
    if (c->pg)
        PQclear(PQexec(c->pg, "ROLLBACK"));
    else
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The copy of j->from into j->to, checked, committed; the source's
 * snapshot is open. */
static int copy_checked(copy_job *j, const copy_way *way, store_copy_fn report, void *ctx, err_t *e)
{
    int *order = xcalloc((size_t)j->n + 1, sizeof *order);
    int bad = order_tables(j->t, j->n, order, e);
    if (!bad)
        bad = store_begin(j->to, e);
    if (bad) {
        free(order);
        return -1;
    }
    bad = way->begin(j, e);
    for (int i = 0; i < j->n && !bad; i++)
        bad = way->rows(j, &j->t[order[i]], e);
    if (!bad)
        bad = way->end(j, e);
    free(order);
    /* The check, on the source's snapshot and the copy not yet committed. */
    for (int i = 0; i < j->n && !bad; i++) {
        store_copy_table r = {j->t[i].name, 0, 0, "", ""};
        bad = table_sum(j->from, &j->t[i], &r.rows_from, r.sum_from, e) ||
              table_sum(j->to, &j->t[i], &r.rows_to, r.sum_to, e);
        if (!bad && report)
            report(ctx, &r);
        if (!bad && (r.rows_from != r.rows_to || strcmp(r.sum_from, r.sum_to)))
            bad = err_set(e, ERR_INTERNAL,
                          "复制后 %s 不一致，已撤销 (the copy of %s differs; "
                          "rolled back)",
                          j->t[i].name, j->t[i].name);
    }
    if (bad) {
        store_rollback(j->to);
        return -1;
    }
    if (store_commit(j->to, e) != 0) /* a foreign key is checked here */
        return err_set(e, ERR_INTERNAL,
                       "提交失败，复制已撤销 (the commit failed; the copy was rolled back)");
    return 0;
}

static void remove_file(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char *f = xasprintf("%s%s", path, suffix[i]);
        unlink(f);
        free(f);
    }
}

int store_copy(const char *from, const char *to, store_copy_fn report, void *ctx, err_t *e)
{
    bool created = false;
    if (may_copy(from, to, &created, e) != 0)
        return -1;
    store *src = NULL, *dst = NULL;
    copy_job j = {0};
    buf_init(&j.triggers);
    buf_init(&j.indexes);
    int rc = -1;
    if (store_open(from, &src, NULL, e) != 0 || store_open(to, &dst, NULL, e) != 0)
        goto out;
    if (!(j.from = store_conn_get(src, e)) || !(j.to = store_conn_get(dst, e)))
        goto out;
    int a = store_schema_version(j.from), b = store_schema_version(j.to);
    if (a != b) {
        err_set(e, ERR_CONFLICT,
                "两个数据库的迁移版本不同（源 %d，目标 %d）：请先用同一版本的程序迁移 "
                "(the databases are at different migrations: source %d, target %d; "
                "migrate both with the same binary first)",
                a, b, a, b);
        goto out;
    }
    if (read_tables(j.to->pg ? j.from->db : j.to->db, &j.t, &j.n, e) != 0 ||
        snapshot_begin(j.from, e) != 0)
        goto out;
    rc = copy_checked(&j, j.to->pg ? &into_pg : &into_lite, report, ctx, e);
    snapshot_end(j.from);
out:
    tables_free(j.t, j.n);
    buf_free(&j.triggers);
    buf_free(&j.indexes);
    store_close(src);
    store_close(dst);
    if (rc != 0 && created)
        remove_file(to);
    return rc;
}
