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
typedef struct pg_stmt pg_stmt;

/* What a step answered, and a column's type (the values are SQLite's). */
enum { DB_ROW = SQLITE_ROW, DB_DONE = SQLITE_DONE };
enum {
    DB_INTEGER = SQLITE_INTEGER,
    DB_FLOAT = SQLITE_FLOAT,
    DB_TEXT = SQLITE_TEXT,
    DB_BLOB = SQLITE_BLOB,
    DB_NULL = SQLITE_NULL
};

/* A statement of one backend or the other: on a PostgreSQL connection pg
 * is set (store_pg_stmt.c), on SQLite lite. */
struct db_stmt {
    sqlite3_stmt *lite;
    pg_stmt *pg;
};

/* store_pg_stmt.c (store_pg_stmt.h says how each behaves). */
int pg_step(pg_stmt *st);
void pg_reset(pg_stmt *st);
void pg_bind_int64(pg_stmt *st, int i, int64_t v);
void pg_bind_double(pg_stmt *st, int i, double v);
void pg_bind_null(pg_stmt *st, int i);
void pg_bind_text(pg_stmt *st, int i, const char *s, int n);
int pg_bind_count(const pg_stmt *st);
int pg_column_count(const pg_stmt *st);
const char *pg_column_name(const pg_stmt *st, int i);
int pg_column_type(const pg_stmt *st, int i);
int64_t pg_column_int64(const pg_stmt *st, int i);
double pg_column_double(const pg_stmt *st, int i);
const char *pg_column_text(const pg_stmt *st, int i);
int pg_column_bytes(const pg_stmt *st, int i);

/* The SQLite statement behind st (the backend's own files only). */
static inline sqlite3_stmt *db_lite(db_stmt *st)
{
    return st->lite;
}

static inline int db_step(db_stmt *st)
{
    return st->pg ? pg_step(st->pg) : sqlite3_step(st->lite);
}
static inline void db_reset(db_stmt *st)
{
    if (st->pg)
        pg_reset(st->pg);
    else
        sqlite3_reset(st->lite);
}
static inline void db_bind_int64(db_stmt *st, int i, int64_t v)
{
    if (st->pg)
        pg_bind_int64(st->pg, i, v);
    else
        sqlite3_bind_int64(st->lite, i, v);
}
static inline void db_bind_int(db_stmt *st, int i, int v)
{
    db_bind_int64(st, i, v);
}
static inline void db_bind_double(db_stmt *st, int i, double v)
{
    if (st->pg)
        pg_bind_double(st->pg, i, v);
    else
        sqlite3_bind_double(st->lite, i, v);
}
static inline void db_bind_null(db_stmt *st, int i)
{
    if (st->pg)
        pg_bind_null(st->pg, i);
    else
        sqlite3_bind_null(st->lite, i);
}
/* n < 0: up to the NUL. */
static inline void db_bind_text(db_stmt *st, int i, const char *s, int n)
{
    if (st->pg)
        pg_bind_text(st->pg, i, s, n);
    else
        sqlite3_bind_text(st->lite, i, s, n, SQLITE_TRANSIENT);
}
static inline void db_bind_text_static(db_stmt *st, int i, const char *s, int n)
{
    if (st->pg)
        pg_bind_text(st->pg, i, s, n);
    else
        sqlite3_bind_text(st->lite, i, s, n, SQLITE_STATIC);
}
static inline void db_bind_text_owned(db_stmt *st, int i, char *s, int n)
{
    if (st->pg) {
        pg_bind_text(st->pg, i, s, n);
        free(s);
    } else
        sqlite3_bind_text(st->lite, i, s, n, free);
}
static inline int db_bind_count(db_stmt *st)
{
    return st->pg ? pg_bind_count(st->pg) : sqlite3_bind_parameter_count(st->lite);
}

static inline int64_t db_column_int64(db_stmt *st, int i)
{
    return st->pg ? pg_column_int64(st->pg, i) : sqlite3_column_int64(st->lite, i);
}
static inline int db_column_int(db_stmt *st, int i)
{
    return st->pg ? (int)pg_column_int64(st->pg, i) : sqlite3_column_int(st->lite, i);
}
static inline double db_column_double(db_stmt *st, int i)
{
    return st->pg ? pg_column_double(st->pg, i) : sqlite3_column_double(st->lite, i);
}
/* NULL for a NULL column. */
static inline const char *db_column_text(db_stmt *st, int i)
{
    return st->pg ? pg_column_text(st->pg, i) : (const char *)sqlite3_column_text(st->lite, i);
}
/* The length of db_column_text, in bytes (call it after the text). */
static inline int db_column_bytes(db_stmt *st, int i)
{
    return st->pg ? pg_column_bytes(st->pg, i) : sqlite3_column_bytes(st->lite, i);
}
static inline int db_column_type(db_stmt *st, int i)
{
    return st->pg ? pg_column_type(st->pg, i) : sqlite3_column_type(st->lite, i);
}
static inline int db_column_count(db_stmt *st)
{
    return st->pg ? pg_column_count(st->pg) : sqlite3_column_count(st->lite);
}
static inline const char *db_column_name(db_stmt *st, int i)
{
    return st->pg ? pg_column_name(st->pg, i) : sqlite3_column_name(st->lite, i);
}

/* The id the connection's last INSERT gave its row, and how many rows the
 * last INSERT, UPDATE or DELETE changed (store_sqlite.c). */
int64_t db_last_insert_id(store_conn *c);
int64_t db_changes(store_conn *c);

/* What the connection's last failed statement broke — DB_UNIQUE (a unique
 * index or primary key), DB_FOREIGN_KEY, or 0 for anything else — with
 * the database's message in *msg (it names the index).  Ask before the
 * statement is reset. */
enum { DB_UNIQUE = 1, DB_FOREIGN_KEY = 2 };
int db_constraint(store_conn *c, const char **msg);

#endif
