/*
 * store_stmt.h — a prepared statement as the store's files use it,
 * whichever database is behind it.
 *
 * The store's SQL is written once where both backends accept it (issue
 * 13): its files bind, step and read columns through these calls, never
 * through sqlite3_*, so a second backend implements this file's calls and
 * the connection's (conn_stmt, db_last_insert_id, db_changes) and the
 * shared files run on it unchanged.  Only the backend's own files
 * (store_sqlite.c, its full-text tokenizer and search, backups) speak to
 * SQLite directly.
 *
 * The calls follow SQLite's: parameters count from 1, columns from 0, a
 * step answers DB_ROW while rows come and DB_DONE at the end (anything
 * else is an error the connection's conn_fail explains), and a column's
 * text lives until the next step or reset.  Text bound with db_bind_text
 * is copied; db_bind_text_static promises the bytes outlive the step;
 * db_bind_text_owned takes a malloc'd text and frees it.
 */
#ifndef CJ_STORE_STMT_H
#define CJ_STORE_STMT_H

#include <stdint.h>
#include <stdlib.h>

#include <sqlite3.h>

typedef struct db_stmt db_stmt;
typedef struct store_conn store_conn;

/* What a step answered, and a column's type (the values are SQLite's). */
enum { DB_ROW = SQLITE_ROW, DB_DONE = SQLITE_DONE };
enum {
    DB_INTEGER = SQLITE_INTEGER,
    DB_FLOAT = SQLITE_FLOAT,
    DB_TEXT = SQLITE_TEXT,
    DB_BLOB = SQLITE_BLOB,
    DB_NULL = SQLITE_NULL
};

/* The SQLite statement behind st (the backend's own files only). */
static inline sqlite3_stmt *db_lite(db_stmt *st)
{
    return (sqlite3_stmt *)st;
}

static inline int db_step(db_stmt *st)
{
    return sqlite3_step(db_lite(st));
}
static inline void db_reset(db_stmt *st)
{
    sqlite3_reset(db_lite(st));
}
static inline void db_bind_int64(db_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(db_lite(st), i, v);
}
static inline void db_bind_int(db_stmt *st, int i, int v)
{
    sqlite3_bind_int(db_lite(st), i, v);
}
static inline void db_bind_double(db_stmt *st, int i, double v)
{
    sqlite3_bind_double(db_lite(st), i, v);
}
static inline void db_bind_null(db_stmt *st, int i)
{
    sqlite3_bind_null(db_lite(st), i);
}
/* n < 0: up to the NUL. */
static inline void db_bind_text(db_stmt *st, int i, const char *s, int n)
{
    sqlite3_bind_text(db_lite(st), i, s, n, SQLITE_TRANSIENT);
}
static inline void db_bind_text_static(db_stmt *st, int i, const char *s, int n)
{
    sqlite3_bind_text(db_lite(st), i, s, n, SQLITE_STATIC);
}
static inline void db_bind_text_owned(db_stmt *st, int i, char *s, int n)
{
    sqlite3_bind_text(db_lite(st), i, s, n, free);
}
static inline int db_bind_count(db_stmt *st)
{
    return sqlite3_bind_parameter_count(db_lite(st));
}

static inline int64_t db_column_int64(db_stmt *st, int i)
{
    return sqlite3_column_int64(db_lite(st), i);
}
static inline int db_column_int(db_stmt *st, int i)
{
    return sqlite3_column_int(db_lite(st), i);
}
static inline double db_column_double(db_stmt *st, int i)
{
    return sqlite3_column_double(db_lite(st), i);
}
/* NULL for a NULL column. */
static inline const char *db_column_text(db_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(db_lite(st), i);
}
/* The length of db_column_text, in bytes (call it after the text). */
static inline int db_column_bytes(db_stmt *st, int i)
{
    return sqlite3_column_bytes(db_lite(st), i);
}
static inline int db_column_type(db_stmt *st, int i)
{
    return sqlite3_column_type(db_lite(st), i);
}
static inline int db_column_count(db_stmt *st)
{
    return sqlite3_column_count(db_lite(st));
}
static inline const char *db_column_name(db_stmt *st, int i)
{
    return sqlite3_column_name(db_lite(st), i);
}

/* The id the connection's last INSERT gave its row, and how many rows the
 * last INSERT, UPDATE or DELETE changed (store_sqlite.c). */
int64_t db_last_insert_id(store_conn *c);
int64_t db_changes(store_conn *c);

#endif
