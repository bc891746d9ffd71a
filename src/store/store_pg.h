/*
 * store_pg.h — the PostgreSQL backend's connection calls (store_pg.c),
 * for the store's connection code only.
 */
#ifndef CJ_STORE_PG_H
#define CJ_STORE_PG_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "core/util.h"
#include "store/store.h"

/* A connection, or NULL with e saying why (the password never shown). */
PGconn *pg_connect(const char *url, err_t *e);
/* A connection the server dropped (restarted, a replica's failover):
 * connect again with the same settings.  Whether it is usable now. */
bool pg_revive(PGconn *pg);
/* Run a script of one or more statements (a migration); -1 with the
 * server's message on stderr and its SQLSTATE in sqlstate ("" when none). */
int pg_exec_script(PGconn *pg, const char *sql, char sqlstate[6]);
/* COPY … FROM STDIN (sql) of len bytes of COPY's text format; -1 with
 * the server's message on stderr and its SQLSTATE, as pg_exec_script. */
int pg_copy_in(PGconn *pg, const char *sql, const char *data, size_t len, char sqlstate[6]);
/* Text s[0..n) as a value of COPY's text format (\\, tab, newline and
 * carriage return escaped), appended to b. */
void pg_copy_text(buf_t *b, const char *s, size_t n);
/* What a failed COPY said: its SQLSTATE, the line of the data it was
 * reading (1-based, from the error's context; 0 when it named none) and
 * the server's message. */
typedef struct {
    char sqlstate[6];
    long line;
    char message[512];
} pg_copy_fail;
/* pg_copy_in, telling what failed in *fail. */
int pg_copy_in_at(PGconn *pg, const char *sql, const char *data, size_t len, pg_copy_fail *fail);
/* pg_copy_in_at in two halves, so that the caller can work while the
 * server reads the rows: pg_copy_send starts the COPY and hands over the
 * data (-1, with *fail set and the answer read, if it could not);
 * pg_copy_finish waits for the server's answer.  Between them the
 * connection takes nothing else. */
int pg_copy_send(PGconn *pg, const char *sql, const char *data, size_t len, pg_copy_fail *fail);
int pg_copy_finish(PGconn *pg, pg_copy_fail *fail);
/* Whether a transaction is open (or failed and not yet rolled back). */
bool pg_in_tx(PGconn *pg);
/* The connection's last error message. */
const char *pg_conn_error(PGconn *pg);

#endif
