/*
 * store_pg.c — the PostgreSQL backend's connection (issue 13): connect,
 * run a script, say whether a transaction is open, and what failed.  The
 * store's connection code (store_sqlite.c) calls these where it calls
 * SQLite's for a SQLite database; statements are store_pg_stmt.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_pg.h"

bool store_is_pg_url(const char *path)
{
    return strncmp(path, "postgres://", 11) == 0 || strncmp(path, "postgresql://", 13) == 0;
}

/* The URL without its password, for messages. */
static void url_for_humans(const char *url, char *out, size_t n)
{
    const char *at = strchr(url, '@');
    const char *scheme = strstr(url, "://");
    const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    if (at && colon && colon < at)
        snprintf(out, n, "%.*s:***%s", (int)(colon - url), url, at);
    else
        snprintf(out, n, "%s", url);
}

/* A session's settings: a connection's first, and again after PQreset. */
static void session_setup(PGconn *pg)
{
    /* Answers quiet about notices (CREATE … IF NOT EXISTS says one). */
    PQclear(PQexec(pg, "SET client_min_messages = warning"));
    /* 'now' in UTC, as SQLite's is (store_pg_stmt.c's dialect table). */
    PQclear(PQexec(pg, "SET TimeZone = 'UTC'"));
    /* A writer waits for the writers' lock as long as on SQLite, then
     * answers 503 (55P03, store_sqlite.c's pg_busy). */
    char sql[64];
    snprintf(sql, sizeof sql, "SET lock_timeout = %d", STORE_BUSY_MS);
    PQclear(PQexec(pg, sql));
    /* No JIT compilation (on by default since PostgreSQL 12): it pays
     * for itself on queries that run for seconds, and a list's statement
     * whose estimate passes jit_above_cost spent 55 ms compiling to run in
     * 15 (bench/README.md, lists.sh).  A server without the setting (11,
     * some derivatives) answers an error, which changes nothing. */
    PQclear(PQexec(pg, "SET jit = off"));
    PQclear(PQexec(pg, "SET max_parallel_workers_per_gather = 0"));
    /* A plan for each execution's values (PostgreSQL 12+), not one
     * generic plan after the fifth: a list's page and count depend on
     * what is bound (its consortium, q_by_index's array of ids), and the
     * generic plan of the count of 1 041 ids read the consortium's 10 000
     * rows instead: 1.3 ms became 14.7 from the sixth request on.  The
     * statements stay prepared (parsed once); planning one costs well
     * under a millisecond. */
    PQclear(PQexec(pg, "SET plan_cache_mode = force_custom_plan"));
}

PGconn *pg_connect(const char *url, err_t *e)
{
    PGconn *pg = PQconnectdb(url);
    if (PQstatus(pg) != CONNECTION_OK) {
        char shown[512];
        url_for_humans(url, shown, sizeof shown);
        fprintf(stderr, "chanjiao: cannot connect to %s: %s", shown, PQerrorMessage(pg));
        err_set(e, ERR_INTERNAL, "无法连接数据库 %s (cannot connect to the database): %s", shown,
                PQerrorMessage(pg));
        PQfinish(pg);
        return NULL;
    }
    session_setup(pg);
    return pg;
}

bool pg_revive(PGconn *pg)
{
    if (PQstatus(pg) == CONNECTION_OK)
        return true;
    PQreset(pg);
    if (PQstatus(pg) != CONNECTION_OK)
        return false;
    session_setup(pg);
    return true;
}

int pg_exec_script(PGconn *pg, const char *sql, char sqlstate[6])
{
    PGresult *r = PQexec(pg, sql);
    ExecStatusType s = PQresultStatus(r);
    int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY ? 0 : -1;
    const char *state = rc != 0 ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    snprintf(sqlstate, 6, "%s", state ? state : "");
    if (rc != 0)
        fprintf(stderr, "chanjiao: store: %s", PQresultErrorMessage(r));
    PQclear(r);
    return rc;
}

bool pg_in_tx(PGconn *pg)
{
    PGTransactionStatusType t = PQtransactionStatus(pg);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

const char *pg_conn_error(PGconn *pg)
{
    return PQerrorMessage(pg);
}

void pg_copy_text(buf_t *b, const char *s, size_t n)
{
    if (!s || !n)
        return;
    size_t from = 0;
    for (size_t k = 0; k < n; k++) {
        const char *esc = s[k] == '\\'   ? "\\\\"
                          : s[k] == '\t' ? "\\t"
                          : s[k] == '\n' ? "\\n"
                          : s[k] == '\r' ? "\\r"
                                         : NULL;
        if (!esc)
            continue;
        buf_append(b, s + from, k - from);
        buf_puts(b, esc);
        from = k + 1;
    }
    buf_append(b, s + from, n - from);
}

/* The failure of COPY's result r into fail. */
static void copy_failed(PGresult *r, pg_copy_fail *fail)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *context = PQresultErrorField(r, PG_DIAG_CONTEXT);
    const char *at = context ? strstr(context, ", line ") : NULL;
    snprintf(fail->sqlstate, sizeof fail->sqlstate, "%s", state ? state : "");
    snprintf(fail->message, sizeof fail->message, "%s", PQresultErrorMessage(r));
    fail->line = at ? strtol(at + 7, NULL, 10) : 0;
    fprintf(stderr, "chanjiao: store: %s", PQresultErrorMessage(r));
}

int pg_copy_send(PGconn *pg, const char *sql, const char *data, size_t len, pg_copy_fail *fail)
{
    memset(fail, 0, sizeof *fail);
    PGresult *r = PQexec(pg, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        copy_failed(r, fail);
        PQclear(r);
        return -1;
    }
    PQclear(r);
    int rc = 0;
    /* In pieces: libpq buffers each whole before it sends. */
    for (size_t off = 0; off < len && rc == 0; off += 1 << 20) {
        size_t n = len - off < (1 << 20) ? len - off : (1 << 20);
        if (PQputCopyData(pg, data + off, (int)n) != 1)
            rc = -1;
    }
    if (PQputCopyEnd(pg, rc == 0 ? NULL : "chanjiao: copy stopped") != 1)
        rc = -1;
    if (rc != 0) /* the server's answer says why */
        pg_copy_finish(pg, fail);
    return rc;
}

int pg_copy_finish(PGconn *pg, pg_copy_fail *fail)
{
    int rc = 0;
    PGresult *r;
    while ((r = PQgetResult(pg)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            copy_failed(r, fail);
            rc = -1;
        }
        PQclear(r);
    }
    return rc;
}

int pg_copy_in_at(PGconn *pg, const char *sql, const char *data, size_t len, pg_copy_fail *fail)
{
    if (pg_copy_send(pg, sql, data, len, fail) != 0)
        return -1;
    return pg_copy_finish(pg, fail);
}

int pg_copy_in(PGconn *pg, const char *sql, const char *data, size_t len, char sqlstate[6])
{
    pg_copy_fail fail;
    int rc = pg_copy_in_at(pg, sql, data, len, &fail);
    memcpy(sqlstate, fail.sqlstate, sizeof fail.sqlstate);
    return rc;
}
