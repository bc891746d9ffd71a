/*
 * store_copy.c — a whole SQLite database copied into a new PostgreSQL one
 * (`chanjiao store copy`, issue 13), then checked table by table.
 *
 * The target is a database this binary has migrated to the source's
 * migration and that holds no data yet (its seeds aside: the copy brings
 * the source's).  In one transaction of the target, under the writers'
 * lock: every table's own triggers are turned off (the running totals
 * would count the copied rows a second time; the search queue and the
 * data version are filled below), every table emptied, and each table's
 * rows sent with COPY in an order where a row's references arrive before
 * it; identity sequences are set to continue after the highest id, as
 * SQLite's rowids would; the triggers come back on; and every row the
 * search indexes hold is queued, so the commit tokenises them all
 * (store_search_pg.c).  Anything wrong rolls the whole copy back.
 *
 * The check reads every table on both sides in primary-key order and
 * hashes each value with its type (SHA-256, libsodium): integer, real
 * (17 significant digits), text (its bytes), NULL.  Generated columns
 * (006's person_times_total) are computed by each database and are
 * checked with the rest.  The FTS5 tables, which PostgreSQL keeps
 * otherwise, and schema_migrations, which each database keeps for itself,
 * are not copied.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_pg.h"

#define MAX_TABLES 256
#define MAX_COLS 96
#define COPY_CHUNK (8u << 20) /* bytes of COPY text sent at a time */

typedef struct {
    char *name;
    int ncols;
    char *col[MAX_COLS];
    bool generated[MAX_COLS];
    char *pk; /* "a, b": the primary key, or every column */
    char *refs[MAX_TABLES];
    int nrefs;
    bool done;
} table_t;

static bool skipped(const char *name)
{
    return !strncmp(name, "sqlite_", 7) || !strncmp(name, "demand_fts", 10) ||
           !strncmp(name, "tech_fts", 8) || !strcmp(name, "schema_migrations");
}

static void tables_free(table_t *t, int n)
{
    for (int i = 0; i < n; i++) {
        free(t[i].name);
        free(t[i].pk);
        for (int k = 0; k < t[i].ncols; k++)
            free(t[i].col[k]);
        for (int k = 0; k < t[i].nrefs; k++)
            free(t[i].refs[k]);
    }
    free(t);
}

/* The source's tables with their columns, keys and references. */
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
        buf_t pk = {0};
        buf_init(&pk);
        int npk = 0;
        /* table_xinfo: cid, name, type, notnull, default, pk, hidden */
        snprintf(sql, sizeof sql,
                 "SELECT name, pk, hidden FROM pragma_table_xinfo('%s') ORDER BY "
                 "pk, cid",
                 t[i].name);
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
            goto out;
        buf_t all = {0};
        buf_init(&all);
        while (sqlite3_step(st) == SQLITE_ROW && t[i].ncols < MAX_COLS) {
            int k = t[i].ncols++;
            t[i].col[k] = xstrdup((const char *)sqlite3_column_text(st, 0));
            t[i].generated[k] = sqlite3_column_int(st, 2) >= 2;
            buf_printf(&all, "%s%s", k ? ", " : "", t[i].col[k]);
            if (sqlite3_column_int(st, 1) > 0)
                buf_printf(&pk, "%s%s", npk++ ? ", " : "", t[i].col[k]);
        }
        sqlite3_finalize(st);
        st = NULL;
        t[i].pk = npk ? pk.data : all.data;
        if (npk)
            buf_free(&all);
        else
            buf_free(&pk);
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
        return err_set(e, ERR_INTERNAL, "读取源数据库结构失败 (cannot read the source's schema)");
    }
    *out = t;
    *n = count;
    return 0;
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
    default: {
        const char *s = db_column_text(st, i);
        int n = db_column_bytes(st, i);
        for (int k = 0; k < n; k++) {
            char ch = s[k];
            const char *esc = ch == '\\'   ? "\\\\"
                              : ch == '\t' ? "\\t"
                              : ch == '\n' ? "\\n"
                              : ch == '\r' ? "\\r"
                                           : NULL;
            if (esc)
                buf_puts(b, esc);
            else
                buf_append(b, &ch, 1);
        }
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
    buf_t sql = {0};
    buf_init(&sql);
    buf_puts(&sql, "SELECT ");
    for (int k = 0; k < t->ncols; k++)
        buf_printf(&sql, "%s%s", k ? ", " : "", t->col[k]);
    buf_printf(&sql, " FROM %s ORDER BY %s", t->name, t->pk);
    db_stmt *st = conn_stmt(c, sql.data, e);
    buf_free(&sql);
    if (!st)
        return -1;
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    *rows = 0;
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        for (int k = 0; k < t->ncols; k++)
            hash_value(&h, st, k);
        crypto_hash_sha256_update(&h, (const unsigned char *)"\n", 1);
        ++*rows;
    }
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "checksum");
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, out);
    sodium_bin2hex(hex, 65, out, sizeof out);
    return 0;
}

/* ---- the copy ------------------------------------------------------------- */

static int pg_run(store_conn *c, const char *sql, err_t *e)
{
    char state[6];
    return pg_exec_script(c->pg, sql, state) == 0
               ? 0
               : err_set(e, ERR_INTERNAL, "数据库错误 (database error): %.200s", sql);
}

/* Send table t's rows from the source to the target by COPY. */
static int copy_rows(store_conn *from, store_conn *to, const table_t *t, err_t *e)
{
    buf_t cols = {0}, sql = {0}, lines = {0};
    buf_init(&cols);
    buf_init(&sql);
    buf_init(&lines);
    int rc = -1, n = 0;
    for (int k = 0; k < t->ncols; k++)
        if (!t->generated[k])
            buf_printf(&cols, "%s%s", n++ ? ", " : "", t->col[k]);
    buf_printf(&sql, "SELECT %s FROM %s ORDER BY %s", cols.data, t->name, t->pk);
    db_stmt *st = conn_stmt(from, sql.data, e);
    if (!st)
        goto out;
    sql.len = 0;
    buf_printf(&sql, "COPY %s (%s) FROM STDIN", t->name, cols.data);
    char state[6];
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        for (int k = 0; k < n; k++) {
            if (k)
                buf_puts(&lines, "\t");
            copy_value(&lines, st, k);
        }
        buf_puts(&lines, "\n");
        if (lines.len >= COPY_CHUNK) {
            if (pg_copy_in(to->pg, sql.data, lines.data, lines.len, state) != 0) {
                db_reset(st);
                err_set(e, ERR_INTERNAL, "复制 %s 失败 (copying the table failed)", t->name);
                goto out;
            }
            lines.len = 0;
        }
    }
    db_reset(st);
    if (step != DB_DONE) {
        conn_fail(from, e, "read the source");
        goto out;
    }
    if (lines.len && pg_copy_in(to->pg, sql.data, lines.data, lines.len, state) != 0) {
        err_set(e, ERR_INTERNAL, "复制 %s 失败 (copying the table failed)", t->name);
        goto out;
    }
    rc = 0;
out:
    buf_free(&cols);
    buf_free(&sql);
    buf_free(&lines);
    return rc;
}

static int64_t count_of(store_conn *c, const char *sql)
{
    db_stmt *st = conn_stmt(c, sql, NULL);
    int64_t n = -1;
    if (st && db_step(st) == DB_ROW)
        n = db_column_int64(st, 0);
    if (st)
        db_reset(st);
    return n;
}

/* The target must be migrated as far as the source, and hold no data. */
static int target_ready(store_conn *from, store_conn *to, err_t *e)
{
    int a = store_schema_version(from), b = store_schema_version(to);
    if (a != b)
        return err_set(e, ERR_CONFLICT,
                       "两个数据库的迁移版本不同（源 %d，目标 %d）：请先用同一版本的程序迁移 "
                       "(the databases are at different migrations: source %d, target %d; "
                       "migrate both with the same binary first)",
                       a, b, a, b);
    static const char *const data[] = {"organizations", "consortia", "users", "demand", "students"};
    for (size_t i = 0; i < sizeof data / sizeof *data; i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", data[i]);
        if (count_of(to, sql) != 0)
            return err_set(e, ERR_CONFLICT,
                           "目标数据库已有数据（%s）：请复制到一个新建的数据库 (the target "
                           "already holds data; copy into a new database)",
                           data[i]);
    }
    return 0;
}

int store_copy(store *src, store *dst, store_copy_fn report, void *ctx, err_t *e)
{
    store_conn *from = store_conn_get(src, e), *to = from ? store_conn_get(dst, e) : NULL;
    if (!to)
        return -1;
    if (from->pg || !to->pg)
        return err_set(e, ERR_INVALID,
                       "目前只能从 SQLite 文件复制到 PostgreSQL (only a SQLite file to PostgreSQL "
                       "for now)");
    table_t *t = NULL;
    int n = 0, rc = -1;
    if (target_ready(from, to, e) != 0 || read_tables(from->db, &t, &n, e) != 0)
        return -1;
    if (sqlite3_exec(from->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) { /* one snapshot */
        tables_free(t, n);
        return conn_fail(from, e, "begin");
    }
    if (store_begin(to, e) != 0)
        goto out;
    buf_t sql = {0};
    buf_init(&sql);
    buf_puts(&sql, "TRUNCATE demand_fts, tech_fts, fts_queue, session_writes");
    for (int i = 0; i < n; i++)
        buf_printf(&sql, ", %s", t[i].name);
    for (int i = 0; i < n; i++)
        buf_printf(&sql, "; ALTER TABLE %s DISABLE TRIGGER USER", t[i].name);
    int bad = pg_run(to, sql.data, e);
    /* Parents first: a table goes when every table it references went. */
    for (int copied = 0; !bad && copied < n;) {
        int before = copied;
        for (int i = 0; i < n && !bad; i++) {
            if (t[i].done)
                continue;
            bool ready = true;
            for (int r = 0; r < t[i].nrefs && ready; r++)
                for (int j = 0; j < n; j++)
                    if (!strcmp(t[j].name, t[i].refs[r]) && !t[j].done)
                        ready = false;
            if (!ready)
                continue;
            bad = copy_rows(from, to, &t[i], e);
            t[i].done = true;
            copied++;
        }
        if (!bad && copied == before)
            bad =
                err_set(e, ERR_INTERNAL, "表之间的引用成环 (the tables' references form a cycle)");
    }
    sql.len = 0;
    for (int i = 0; i < n && !bad; i++) {
        buf_printf(&sql, "ALTER TABLE %s ENABLE TRIGGER USER; ", t[i].name);
        for (int k = 0; k < t[i].ncols; k++)
            if (!strcmp(t[i].col[k], "id"))
                buf_printf(&sql,
                           "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                           "coalesce(max(id), 0) + 1, false) FROM %s WHERE "
                           "pg_get_serial_sequence('%s', 'id') IS NOT NULL; ",
                           t[i].name, t[i].name, t[i].name);
    }
    /* The rows the search indexes hold, as migration 025 queues them. */
    buf_puts(&sql, "INSERT INTO fts_queue SELECT 0, (consortium_id << 40) | id FROM demand "
                   "WHERE status = 'published' AND deleted_at IS NULL; "
                   "INSERT INTO fts_queue SELECT 1, (consortium_id << 40) | (1::bigint << 36) | "
                   "id FROM tech_needs; "
                   "INSERT INTO fts_queue SELECT 2, (consortium_id << 40) | (2::bigint << 36) | "
                   "id FROM capabilities; "
                   "INSERT INTO fts_queue SELECT 3, (consortium_id << 40) | (3::bigint << 36) | "
                   "id FROM core_products");
    if (!bad)
        bad = pg_run(to, sql.data, e);
    buf_free(&sql);
    if (bad) {
        store_rollback(to);
        goto out;
    }
    if (store_commit(to, e) != 0)
        goto out;
    /* The check, on the source's snapshot and the committed copy. */
    rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        store_copy_table r = {t[i].name, 0, 0, "", ""};
        if (table_sum(from, &t[i], &r.rows_from, r.sum_from, e) != 0 ||
            table_sum(to, &t[i], &r.rows_to, r.sum_to, e) != 0)
            rc = -1;
        else if (report)
            report(ctx, &r);
        if (rc == 0 && (r.rows_from != r.rows_to || strcmp(r.sum_from, r.sum_to)))
            rc = err_set(e, ERR_CONFLICT, "复制后 %s 不一致 (the copy of %s differs)", t[i].name,
                         t[i].name);
    }
out:
    sqlite3_exec(from->db, "COMMIT", NULL, NULL, NULL);
    tables_free(t, n);
    return rc;
}
