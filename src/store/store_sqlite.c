/*
 * store_sqlite.c — the SQLite backend's connections, statement cache,
 * transactions, migrations and settings.
 *
 * One connection per thread (pthread key), because a SQLite connection is
 * cheapest used by one thread at a time and WAL lets readers run beside
 * the single writer.  Statements are prepared once per connection and kept
 * (SQLITE_PREPARE_PERSISTENT) in a small hash table keyed by their text;
 * the generic entity SQL is built from descriptors, so the set of texts is
 * small and bounded.
 *
 * Migrations are the files src/store/migrations/NNN_*.sql compiled into
 * the binary; each runs once, in order, in its own transaction, and its
 * number is recorded in schema_migrations.  They only ever move forward.
 *
 * A writer waits up to STORE_BUSY_MS for the write lock; past that (or on
 * a locked table) every error path here says ERR_UNAVAILABLE, which the
 * HTTP layer answers 503 with Retry-After: a busy database is a reason to
 * try again, not a server fault.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "core/embedded.h"
#include "core/strmap.h"
#include "store/store_internal.h"
#include "store/store_pg.h"
#include "store/store_pg_stmt.h"

struct store {
    char *path;
    bool pg;       /* path is a PostgreSQL URL (issue 13) */
    bool pg_ready; /* its migrations are done: commits index fts_queue (025)
                      and bump data_version (pg_data_version.sql) */
    bool replica;  /* a read replica (--db-read): never written, never migrated */
    pthread_key_t key;
    pthread_mutex_t lock;
    store_conn *all; /* every open connection, closed by store_close */
};

/* Statements kept per connection at most.  Filter, sort and PATCH field
 * sets make many distinct texts possible (a client could make the server
 * prepare one per combination); past this many, the cache is emptied the
 * next time the thread takes its connection, at the start of a request,
 * when no statement is in use. */
#define STMT_CACHE_MAX 512

static void conn_clear_stmts(store_conn *c)
{
    for (int i = 0; i < STMT_BUCKETS; i++) {
        struct stmt_entry *s = c->buckets[i];
        while (s) {
            struct stmt_entry *n = s->next;
            if (s->st.pg)
                pg_stmt_free(s->st.pg);
            else
                sqlite3_finalize(s->st.lite);
            free(s->sql);
            free(s);
            s = n;
        }
        c->buckets[i] = NULL;
    }
    if (c->pg) /* their prepared forms on the server (store_pg_stmt.c) */
        PQclear(PQexec(c->pg, "DEALLOCATE ALL"));
}

static void conn_close(store_conn *c)
{
    store_bulk_end(c);
    store_members_forget(c);
    for (size_t i = 0; i < sizeof c->inserts / sizeof *c->inserts; i++)
        free(c->inserts[i].sql);
    conn_clear_stmts(c);
    if (c->pg)
        PQfinish(c->pg);
    else
        sqlite3_close(c->db);
    free(c);
}

static size_t conn_stmt_count(store_conn *c)
{
    size_t n = 0;
    for (int i = 0; i < STMT_BUCKETS; i++)
        for (struct stmt_entry *s = c->buckets[i]; s; s = s->next)
            n++;
    return n;
}

/* Thread exit: close this thread's connection and unlink it. */
static void conn_thread_exit(void *p)
{
    store_conn *c = p;
    store *s = c->owner;
    pthread_mutex_lock(&s->lock);
    for (store_conn **pp = &s->all; *pp; pp = &(*pp)->next_all)
        if (*pp == c) {
            *pp = c->next_all;
            break;
        }
    pthread_mutex_unlock(&s->lock);
    conn_close(c);
}

/* Another writer held the lock past the busy timeout (SQLITE_BUSY), or a
 * table was locked (SQLITE_LOCKED): the request may be tried again, so
 * it is a 503 with Retry-After, never a 500. */
static int busy_fail(err_t *e)
{
    return err_set(e, ERR_UNAVAILABLE,
                   "数据库正忙（其他写入未完成），请 %d 秒后重试 (the database is busy with "
                   "another write; retry in %d s)",
                   STORE_RETRY_AFTER, STORE_RETRY_AFTER);
}

static bool is_busy(int code)
{
    return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED;
}

/* PostgreSQL's way of saying the same: a serialization failure, a
 * deadlock, a lock not available. */
static bool pg_busy(const char *sqlstate)
{
    return !strcmp(sqlstate, "40001") || !strcmp(sqlstate, "40P01") || !strcmp(sqlstate, "55P03");
}

int conn_fail(store_conn *c, err_t *e, const char *what)
{
    if (c && c->pg) {
        const char *msg = c->last && c->last->pg ? pg_error(c->last->pg) : "";
        fprintf(stderr, "chanjiao: store: %s: %s", what, *msg ? msg : pg_conn_error(c->pg));
        if (c->last && c->last->pg && pg_busy(pg_sqlstate(c->last->pg)))
            return busy_fail(e);
        if (c->last && c->last->pg && !strcmp(pg_sqlstate(c->last->pg), "25006"))
            c->refused = true; /* read-only: a hot standby */
        return err_set(e, ERR_INTERNAL, "数据库错误 (database error)");
    }
    fprintf(stderr, "chanjiao: store: %s: %s\n", what, c && c->db ? sqlite3_errmsg(c->db) : "?");
    if (c && c->db && is_busy(sqlite3_extended_errcode(c->db)))
        return busy_fail(e);
    return err_set(e, ERR_INTERNAL, "数据库错误 (database error)");
}

static db_stmt *cached_stmt(store_conn *c, const char *sql, err_t *e);

db_stmt *conn_stmt(store_conn *c, const char *sql, err_t *e)
{
    /* Inserts held for COPY go first: every statement reads them. */
    if (c->copy) {
        err_t fe = ERR_INIT;
        if (bulk_copy_flush(c, e ? e : &fe) != 0) {
            err_clear(&fe);
            return NULL;
        }
    }
    return cached_stmt(c, sql, e);
}

static db_stmt *cached_stmt(store_conn *c, const char *sql, err_t *e)
{
    size_t b = (size_t)(hash_str(sql) % STMT_BUCKETS);
    for (struct stmt_entry *s = c->buckets[b]; s; s = s->next)
        if (strcmp(s->sql, sql) == 0) {
            if (s->st.pg) {
                pg_reset(s->st.pg);
                pg_clear_bindings(s->st.pg);
            } else {
                sqlite3_reset(s->st.lite);
                sqlite3_clear_bindings(s->st.lite);
            }
            return c->last = &s->st;
        }
    if (c->pg) { /* PostgreSQL parses the text when it runs (store_pg_stmt.c) */
        struct stmt_entry *s = xcalloc(1, sizeof *s);
        s->sql = xstrdup(sql);
        s->st.pg = pg_stmt_new(c->pg, sql);
        s->next = c->buckets[b];
        c->buckets[b] = s;
        return c->last = &s->st;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "chanjiao: store: prepare failed for: %s\n", sql);
        conn_fail(c, e, "prepare");
        return NULL;
    }
    struct stmt_entry *s = xcalloc(1, sizeof *s);
    s->sql = xstrdup(sql);
    s->st.lite = st;
    s->next = c->buckets[b];
    c->buckets[b] = s;
    return c->last = &s->st;
}

db_stmt *lookup_stmt(store_conn *c, const char *sql)
{
    /* A look-up only reads: the inserts held for COPY need to go first
     * only when it reads their table (bulk_copy_before_read). */
    err_t fe = ERR_INIT;
    db_stmt *st =
        !c->copy || bulk_copy_before_read(c, sql, &fe) == 0 ? cached_stmt(c, sql, NULL) : NULL;
    err_clear(&fe);
    /* Not when the rows held for COPY were refused as it sent them: that
     * refusal is the answer (store_bulk_refused). */
    if (!st && !store_bulk_refused(c, NULL))
        c->lookup_failed = true;
    return st;
}

int lookup_step(store_conn *c, db_stmt *st)
{
    int step = db_step(st);
    if (step != DB_ROW && step != DB_DONE) {
        conn_fail(c, NULL, "look-up");
        /* Not where PostgreSQL's transaction had failed already: the
         * error that failed it is the answer (an import's refused row). */
        if (!st->pg || strcmp(pg_sqlstate(st->pg), "25P02") != 0)
            c->lookup_failed = true;
        return DB_DONE;
    }
    return step;
}

bool store_lookup_failed(store_conn *c)
{
    bool failed = c->lookup_failed;
    c->lookup_failed = false;
    return failed;
}

int64_t db_last_insert_id(store_conn *c)
{
    if (c->pg) {
        /* The statement handed out last, an INSERT: the id it returned. */
        int64_t id = c->last && c->last->pg ? pg_insert_id(c->last->pg) : -1;
        if (id < 0) /* a caller that asks after another statement: a bug to see */
            fprintf(stderr, "chanjiao: store: last insert id asked after a non-INSERT: %s\n",
                    c->last && c->last->pg ? pg_stmt_sql(c->last->pg) : "?");
        return id < 0 ? 0 : id;
    }
    return sqlite3_last_insert_rowid(c->db);
}

int64_t db_changes(store_conn *c)
{
    if (c->pg) /* the statement handed out last is the one that ran */
        return c->last && c->last->pg ? pg_changes(c->last->pg) : 0;
    return sqlite3_changes(c->db);
}

int pg_constraint_kind(const char *sqlstate)
{
    return !strcmp(sqlstate, "23505") ? DB_UNIQUE : !strcmp(sqlstate, "23503") ? DB_FOREIGN_KEY : 0;
}

int db_constraint(store_conn *c, const char **msg)
{
    if (c->pg) {
        const char *state = c->last && c->last->pg ? pg_sqlstate(c->last->pg) : "";
        *msg = c->last && c->last->pg ? pg_error(c->last->pg) : "";
        return pg_constraint_kind(state);
    }
    int ext = sqlite3_extended_errcode(c->db);
    *msg = sqlite3_errmsg(c->db);
    return ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY ? DB_UNIQUE
           : ext == SQLITE_CONSTRAINT_FOREIGNKEY                                  ? DB_FOREIGN_KEY
                                                                                  : 0;
}

static int exec_sql(store_conn *c, const char *sql, err_t *e)
{
    if (c->pg) {
        char state[6];
        if (pg_exec_script(c->pg, sql, state) == 0)
            return 0;
        return pg_busy(state) ? busy_fail(e)
                              : err_set(e, ERR_INTERNAL, "数据库错误 (database error)");
    }
    char *msg = NULL;
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "chanjiao: store: %s\n", msg ? msg : "exec failed");
        sqlite3_free(msg);
        if (is_busy(rc))
            return busy_fail(e);
        return err_set(e, ERR_INTERNAL, "数据库错误 (database error)");
    }
    return 0;
}

static store_conn *conn_open(store *s, err_t *e)
{
    store_conn *c = xcalloc(1, sizeof *c);
    c->owner = s;
    if (s->pg) {
        if (!(c->pg = pg_connect(s->path, e))) {
            free(c);
            return NULL;
        }
        return c;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(s->path, &c->db, flags, NULL) != SQLITE_OK) {
        fprintf(stderr, "chanjiao: cannot open database %s: %s\n", s->path,
                c->db ? sqlite3_errmsg(c->db) : "out of memory");
        err_set(e, ERR_INTERNAL, "无法打开数据库 %s (cannot open the database)", s->path);
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, STORE_BUSY_MS);
    sqlite3_extended_result_codes(c->db, 1);
    /* WAL + synchronous=FULL: an acknowledged write survives kill -9 and
     * power loss.  Foreign keys are off by default in SQLite. */
    if (exec_sql(c,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                 "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;",
                 e) != 0) {
        conn_close(c);
        return NULL;
    }
    /* The search index's tokenizer lives in this connection, not in the
     * file: register it before anything (a migration, a trigger on
     * demand) reaches the index. */
    if (fts_cjk_register(c->db) != SQLITE_OK) {
        conn_fail(c, e, "register the cjk_bigram tokenizer");
        conn_close(c);
        return NULL;
    }
    return c;
}

store *store_conn_store(store_conn *c)
{
    return c->owner;
}

store_conn *store_conn_get(store *s, err_t *e)
{
    store_conn *c = pthread_getspecific(s->key);
    if (c) {
        if (c->pg && !store_in_tx(c) && PQstatus(c->pg) == CONNECTION_BAD) {
            /* The server went away (a restart, a replica's failover): its
             * prepared statements went with the session. */
            if (!pg_revive(c->pg)) {
                err_set(e, ERR_UNAVAILABLE,
                        "数据库连接中断，请 %d 秒后重试 (lost the database connection; retry in "
                        "%d s)",
                        STORE_RETRY_AFTER, STORE_RETRY_AFTER);
                return NULL;
            }
            conn_clear_stmts(c);
        }
        if (!store_in_tx(c) && conn_stmt_count(c) > STMT_CACHE_MAX)
            conn_clear_stmts(c);
        return c;
    }
    c = conn_open(s, e);
    if (!c)
        return NULL;
    pthread_setspecific(s->key, c);
    pthread_mutex_lock(&s->lock);
    c->next_all = s->all;
    s->all = c;
    pthread_mutex_unlock(&s->lock);
    return c;
}

/* The key of PostgreSQL's transaction-scoped advisory lock that stands for
 * SQLite's write lock (any number, the same in every process). */
#define PG_WRITE_LOCK "6514794"

int store_begin(store_conn *c, err_t *e)
{
    if (c->owner->replica) { /* a route that writes was sent to the replica */
        c->refused = true;
        return err_set(e, ERR_INTERNAL, "只读副本不能写入 (the read replica cannot write)");
    }
    /* One writer at a time, as on SQLite: the store's rules (a booking's
     * stations, a round's run) read, check and write in one transaction,
     * and rely on no other writer between.  On PostgreSQL every writer
     * takes the same advisory lock, held until its COMMIT or ROLLBACK. */
    const char *begin = c->pg ? "BEGIN; SET LOCAL chanjiao.writer = 'store'; "
                                "SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")"
                              : "BEGIN IMMEDIATE";
    if (exec_sql(c, begin, e) != 0) {
        if (c->pg) /* BEGIN went through and the lock did not: end it */
            PQclear(PQexec(c->pg, "ROLLBACK"));
        return -1;
    }
    c->in_tx = 1;
    return 0;
}

int store_commit(store_conn *c, err_t *e)
{
    if (bulk_copy_flush(c, e) != 0) {
        store_rollback(c);
        return -1;
    }
    if ((c->pg && c->owner->pg_ready ? store_search_pg_catch_up(c, e)
                                     : store_search_catch_up(c, e)) != 0) {
        store_rollback(c);
        return -1;
    }
    int rc = exec_sql(c, "COMMIT", e);
    if (rc != 0)
        store_rollback(c);
    else if (c->pg && c->owner->pg_ready) /* after the commit: pg_data_version.sql */
        PQclear(PQexec(c->pg, "SELECT nextval('data_version')"));
    c->in_tx = 0;
    return rc;
}

void store_rollback(store_conn *c)
{
    store_bulk_end(c); /* remembered look-ups may be undone */
    if (c->pg) {
        if (pg_in_tx(c->pg))
            PQclear(PQexec(c->pg, "ROLLBACK"));
    } else if (sqlite3_get_autocommit(c->db) == 0)
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
    c->in_tx = 0;
    c->search_deferred = false; /* the mark went with the transaction */
}

bool store_in_tx(store_conn *c)
{
    return c->pg ? pg_in_tx(c->pg) : sqlite3_get_autocommit(c->db) == 0;
}

int64_t store_data_version(store_conn *c)
{
    if (c->owner->replica) { /* its own numbers, never equal to the primary's */
        int64_t at = store_replica_position(c);
        return at < 0 ? -1 : -2 - at;
    }
    /* PostgreSQL: the sequence every write moves (pg_data_version.sql),
     * shared by every server process on the database. */
    db_stmt *st =
        conn_stmt(c, c->pg ? "SELECT last_value FROM data_version" : "PRAGMA data_version", NULL);
    int64_t v = -1;
    if (st && db_step(st) == DB_ROW)
        v = db_column_int64(st, 0);
    if (st)
        db_reset(st);
    return v;
}

int64_t store_replica_position(store_conn *c)
{
    /* A standby's last replayed WAL position; a database not in recovery
     * (a promoted replica, or the primary itself) is where it writes. */
    db_stmt *st = conn_stmt(c,
                            "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
                            "ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn)::bigint",
                            NULL);
    int64_t v = -1;
    if (st && db_step(st) == DB_ROW && db_column_type(st, 0) != DB_NULL)
        v = db_column_int64(st, 0);
    if (st)
        db_reset(st);
    return v;
}

bool store_replica_refused(store_conn *c)
{
    bool r = c->refused;
    c->refused = false;
    return r;
}

int store_schema_version(store_conn *c)
{
    db_stmt *st = conn_stmt(c, "SELECT coalesce(max(version), 0) FROM schema_migrations", NULL);
    int v = 0;
    if (st && db_step(st) == DB_ROW)
        v = db_column_int(st, 0);
    if (st)
        db_reset(st);
    return v;
}

static bool migration_applied(store_conn *c, int version)
{
    db_stmt *st = conn_stmt(c, "SELECT 1 FROM schema_migrations WHERE version = ?", NULL);
    if (!st)
        return false;
    db_bind_int(st, 1, version);
    bool found = db_step(st) == DB_ROW;
    db_reset(st);
    return found;
}

/* PostgreSQL: SQLite's built-ins the shared SQL calls
 * (pg_sqlite_functions.sql) and the shared data version
 * (pg_data_version.sql), replaced on every open under the writers' lock,
 * so a new release's versions take over. */
static int pg_functions(store_conn *c, err_t *e)
{
    static const char *const files[] = {"src/store/pg_sqlite_functions.sql",
                                        "src/store/pg_data_version.sql"};
    if (store_begin(c, e) != 0)
        return -1;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        const struct embedded_file *f = embedded_find(files[i]);
        if (!f || exec_sql(c, f->data, e) != 0) {
            store_rollback(c);
            return err_set(e, ERR_INTERNAL,
                           "数据库函数安装失败 (installing the SQL functions failed): %s",
                           files[i]);
        }
    }
    return store_commit(c, e);
}

static int migrate(store_conn *c, err_t *e)
{
    if (exec_sql(c,
                 "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, "
                 "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                 e) != 0)
        return -1;
    /* embedded_files is sorted by path, so migrations come in order.
     * Each one not yet recorded is applied, not only those above the
     * highest: numbers are handed out to branches built in parallel, and
     * a database that met 006 first must still get 004 when it arrives. */
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        const char *prefix = c->pg ? "src/store/migrations_pg/" : "src/store/migrations/";
        if (strncmp(f->name, prefix, strlen(prefix)) != 0)
            continue;
        const char *base = f->name + strlen(prefix);
        int version = atoi(base);
        if (migration_applied(c, version))
            continue;
        if (store_begin(c, e) != 0)
            return -1;
        char now[21];
        now_utc(now);
        if (exec_sql(c, f->data, e) != 0) {
            store_rollback(c);
            return err_set(e, ERR_INTERNAL, "数据库迁移 %s 失败 (migration failed)", base);
        }
        db_stmt *st =
            conn_stmt(c, "INSERT INTO schema_migrations(version,name,applied_at) VALUES(?,?,?)", e);
        if (!st) {
            store_rollback(c);
            return -1;
        }
        db_bind_int(st, 1, version);
        db_bind_text(st, 2, base, -1);
        db_bind_text(st, 3, now, -1);
        if (db_step(st) != DB_DONE) {
            conn_fail(c, e, "record migration");
            store_rollback(c);
            return -1;
        }
        if (store_commit(c, e) != 0)
            return -1;
    }
    if (!c->pg)
        return 0;
    if (pg_functions(c, e) != 0)
        return -1;
    /* From here every commit indexes what its writes queued; this first
     * one what migration 025 queued (the rows that existed before it). */
    c->owner->pg_ready = true;
    return store_begin(c, e) != 0 ? -1 : store_commit(c, e);
}

int store_open(const char *path, store **out, bool *created, err_t *e)
{
    store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    /* No global memory statistics: they take a process-wide mutex on
     * every allocation, which showed as lock contention between workers.
     * (Only possible before SQLite initialises; later calls are no-ops.) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    pthread_mutex_init(&s->lock, NULL);
    pthread_key_create(&s->key, conn_thread_exit);
    s->pg = store_is_pg_url(path);
    if (created && !s->pg)
        *created = access(path, F_OK) != 0;
    store_conn *c = store_conn_get(s, e);
    if (c && created && s->pg) { /* new: nothing migrated yet */
        PGresult *r = PQexec(c->pg, "SELECT to_regclass('schema_migrations') IS NULL");
        *created = PQresultStatus(r) == PGRES_TUPLES_OK && PQgetvalue(r, 0, 0)[0] == 't';
        PQclear(r);
    }
    if (!c || migrate(c, e) != 0) {
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

/* The highest migration number this binary carries for a backend. */
static int binary_schema_version(bool pg)
{
    const char *prefix = pg ? "src/store/migrations_pg/" : "src/store/migrations/";
    int v = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++)
        if (strncmp(f->name, prefix, strlen(prefix)) == 0 && atoi(f->name + strlen(prefix)) > v)
            v = atoi(f->name + strlen(prefix));
    return v;
}

bool store_migration_known(bool pg, int version)
{
    const char *prefix = pg ? "src/store/migrations_pg/" : "src/store/migrations/";
    for (const struct embedded_file *f = embedded_files; f->name; f++)
        if (!strncmp(f->name, prefix, strlen(prefix)) && atoi(f->name + strlen(prefix)) == version)
            return true;
    return false;
}

/* How long a replica may take to replay the migrations its primary just
 * applied (a server started right after a new release migrated). */
#define REPLICA_WAIT_MS 30000

int store_open_replica(const char *url, store **out, err_t *e)
{
    if (!store_is_pg_url(url))
        return err_set(e, ERR_BAD_REQUEST,
                       "--db-read 须为 PostgreSQL 地址 (--db-read must be a "
                       "PostgreSQL URL: a SQLite file has no replicas)");
    store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(url);
    s->pg = s->replica = true;
    pthread_mutex_init(&s->lock, NULL);
    pthread_key_create(&s->key, conn_thread_exit);
    store_conn *c = store_conn_get(s, e);
    int want = binary_schema_version(true), have = 0;
    for (int waited = 0; c; waited += 200) {
        PGresult *r = PQexec(c->pg, "SELECT to_regclass('schema_migrations') IS NOT NULL");
        bool migrated = PQresultStatus(r) == PGRES_TUPLES_OK && PQgetvalue(r, 0, 0)[0] == 't';
        PQclear(r);
        if (migrated && (have = store_schema_version(c)) >= want)
            break;
        if (waited >= REPLICA_WAIT_MS) {
            err_set(e, ERR_CONFLICT,
                    "只读副本的数据库版本为 %d，本程序需要 %d：副本是否在复制主库？(the read "
                    "replica's schema is at version %d, this binary needs %d: is it replicating "
                    "the primary?)",
                    have, want, have, want);
            c = NULL;
            break;
        }
        usleep(200 * 1000);
    }
    if (!c) {
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void store_close(store *s)
{
    if (!s)
        return;
    pthread_setspecific(s->key, NULL);
    pthread_mutex_lock(&s->lock);
    store_conn *c = s->all;
    s->all = NULL;
    pthread_mutex_unlock(&s->lock);
    while (c) {
        store_conn *n = c->next_all;
        conn_close(c);
        c = n;
    }
    pthread_key_delete(s->key);
    pthread_mutex_destroy(&s->lock);
    free(s->path);
    free(s);
}

int store_setting_get(store_conn *c, const char *key, char *out, size_t n)
{
    db_stmt *st = conn_stmt(c, "SELECT value FROM settings WHERE key=?", NULL);
    int rc = -1;
    if (!st)
        return -1;
    db_bind_text(st, 1, key, -1);
    if (db_step(st) == DB_ROW) {
        snprintf(out, n, "%s", db_column_text(st, 0));
        rc = 0;
    }
    db_reset(st);
    return rc;
}

int store_setting_set(store_conn *c, const char *key, const char *value, err_t *e)
{
    db_stmt *st =
        conn_stmt(c,
                  "INSERT INTO settings(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET "
                  "value=excluded.value",
                  e);
    if (!st)
        return -1;
    db_bind_text(st, 1, key, -1);
    db_bind_text(st, 2, value, -1);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "setting");
    db_reset(st);
    return rc;
}

/* ---- JSON <-> SQLite ------------------------------------------------------ */

void bind_json(db_stmt *st, int i, json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        db_bind_text(st, i, json_string_value(v), (int)json_string_length(v));
        break;
    case JSON_INTEGER:
        db_bind_int64(st, i, json_integer_value(v));
        break;
    case JSON_REAL:
        db_bind_double(st, i, json_real_value(v));
        break;
    case JSON_TRUE:
        db_bind_int(st, i, 1);
        break;
    case JSON_FALSE:
        db_bind_int(st, i, 0);
        break;
    case JSON_ARRAY:
    case JSON_OBJECT: {
        char *s = json_dumps(v, JSON_COMPACT);
        db_bind_text_owned(st, i, s, -1);
        break;
    }
    default:
        db_bind_null(st, i);
    }
}

json_t *column_json(db_stmt *st, int i)
{
    switch (db_column_type(st, i)) {
    case DB_INTEGER:
        return json_integer(db_column_int64(st, i));
    case DB_FLOAT:
        return json_real(db_column_double(st, i));
    case DB_TEXT:
        return json_stringn(db_column_text(st, i), (size_t)db_column_bytes(st, i));
    default:
        return json_null();
    }
}

int stmt_rows(store_conn *c, db_stmt *st, row_maker fn, const void *ctx, json_t **items,
              const char *what, err_t *e)
{
    json_t *all = json_array();
    const char *const *keys = ctx;
    int step, cols = -1;
    while ((step = db_step(st)) == DB_ROW) {
        if (fn) {
            json_array_append_new(all, fn(st, ctx));
            continue;
        }
        if (cols < 0) /* after the first step: PostgreSQL knows them only then */
            cols = db_column_count(st);
        json_t *o = json_object();
        for (int i = 0; i < cols; i++)
            json_object_set_new(o, keys ? keys[i] : db_column_name(st, i), column_json(st, i));
        json_array_append_new(all, o);
    }
    db_reset(st);
    if (step != DB_DONE) {
        json_decref(all);
        *items = NULL;
        return conn_fail(c, e, what);
    }
    *items = all;
    return 0;
}

json_t *row_first(db_stmt *st, const void *ctx)
{
    (void)ctx;
    return column_json(st, 0);
}

json_t *row_to_json(db_stmt *st, const entity_def *d)
{
    json_t *o = json_object();
    int n = db_column_count(st);
    /* Columns mostly come in the description's order (select_columns):
     * try the field after the last one first, and search only if that is
     * not it — a row of 16 columns then costs 16 name comparisons, not
     * 136. */
    const field_def *next = d->fields;
    for (int i = 0; i < n; i++) {
        const char *name = db_column_name(st, i);
        while (next->name && (next->flags & F_WRITEONLY))
            next++;
        const field_def *f = next->name && !strcmp(next->name, name) ? next : entity_field(d, name);
        if (f)
            next = f + 1;
        if (!f || (f->flags & F_WRITEONLY))
            continue;
        json_t *v;
        if (db_column_type(st, i) == DB_NULL)
            v = json_null();
        else if (f->type == FT_BOOL)
            v = json_boolean(db_column_int(st, i));
        else if (f->type == FT_IDLIST || f->type == FT_FILELIST) {
            v = json_loads(db_column_text(st, i), 0, NULL);
            if (!v)
                v = json_array();
        } else
            v = column_json(st, i);
        /* The key is a field name of the description: ASCII, no check. */
        json_object_set_new_nocheck(o, f->name, v);
    }
    return o;
}
