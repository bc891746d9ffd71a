/*
 * store_pg_stmt.h — a statement on PostgreSQL that behaves as the store's
 * SQLite statements do (issue 13): the same SQL text with SQLite's
 * placeholders, the same bind / step / column calls, the same answers.
 *
 * The store's SQL is written once for both backends with `?` (and `?NNN`)
 * placeholders; pg_sql_translate turns them into PostgreSQL's `$n`
 * outside quoted text, quoted names and comments.  Parameters are sent as
 * text: an integer typed int8, a real float8, a text and a NULL untyped
 * (PostgreSQL takes their type from where they stand, as SQLite lets a
 * value meet any column).  Results come as text and are read back as
 * SQLite would give them: int2/int4/int8 and booleans (1/0) are integers,
 * float4/float8 reals, a numeric (PostgreSQL's sum of integers) an integer
 * when it has no fraction, a real otherwise, everything else text.
 *
 * A step runs the statement on the first call after a reset and hands
 * back its rows one by one (DB_ROW), then DB_DONE; an error answers
 * DB_ERROR with the server's message and SQLSTATE kept for the caller.
 */
#ifndef CJ_STORE_PG_STMT_H
#define CJ_STORE_PG_STMT_H

#include <stdbool.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "store/store_stmt.h"

/* A step that failed (SQLite's SQLITE_ERROR). */
enum { DB_ERROR = SQLITE_ERROR };

/* sql with `?` numbered left to right and `?NNN` kept as `$NNN`; *nparams
 * (may be NULL) the highest parameter number.  A new string. */
char *pg_sql_translate(const char *sql, int *nparams);

/* A statement of sql (SQLite placeholders) on conn; never NULL. */
pg_stmt *pg_stmt_new(PGconn *conn, const char *sql);
void pg_stmt_free(pg_stmt *st);
/* The translated text sent to the server. */
const char *pg_stmt_sql(const pg_stmt *st);

/* Forget the bindings (a reset keeps them, as sqlite3_reset does). */
void pg_clear_bindings(pg_stmt *st);

/* Stepping, binding (parameters count from 1; one outside 1..pg_bind_count
 * is ignored; text is copied) and reading columns (from 0, after a step
 * that answered DB_ROW; a text lives until the next step or reset) are
 * declared in store_stmt.h, which dispatches db_* to them. */

/* Rows the last INSERT, UPDATE or DELETE run by this statement changed. */
int64_t pg_changes(const pg_stmt *st);
/* An INSERT into a table with an identity id: the id of the last row it
 * inserted (0 when none); -1 for any other statement. */
int64_t pg_insert_id(const pg_stmt *st);
/* After DB_ERROR: the server's message and SQLSTATE ("23505" a unique
 * violation, "40P01" a deadlock…); "" when there was none. */
const char *pg_error(const pg_stmt *st);
const char *pg_sqlstate(const pg_stmt *st);

#endif
