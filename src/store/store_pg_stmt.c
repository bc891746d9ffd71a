/*
 * store_pg_stmt.c — SQLite-shaped statements over libpq (store_pg_stmt.h).
 *
 * One statement keeps its translated text, its parameters as the text
 * libpq sends (with the type each was bound as) and the result of its
 * last run.  It is prepared on the server (PQprepare) at its first run
 * and run by name after that (PQexecPrepared), so the server parses it
 * once per connection and may keep its plan: on the demo's organisation
 * list, 23 statements a request, parsing and planning were most of the
 * server's time.  A parameter's type may change between runs (a NULL
 * here, an integer there) as it may in SQLite: a run whose types differ
 * from those it was prepared with prepares it again, under a new name.
 * The names are the connection's (cj1, cj2, …); store_sqlite.c's
 * statement cache drops them all (DEALLOCATE ALL) when it empties.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "store/store_pg_stmt.h"

/* PostgreSQL's type oids (catalog/pg_type.h, stable since forever). */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700
#define OID_TEXT 25

struct pg_stmt {
    PGconn *conn;
    char *sql;
    int nparams;
    char **values; /* malloc'd text per parameter, NULL for SQL NULL */
    Oid *types;
    bool *used;          /* the text names parameter i+1 (one it skips is sent typed) */
    Oid *prepared_types; /* the types it was prepared with, or NULL */
    char name[24];       /* its name on the server once prepared */
    PGresult *res;
    int row;  /* the row the last DB_ROW answered, -1 before */
    int rows; /* rows in res */
    bool ran;
    int64_t changes;
    /* An INSERT into a table with an identity id is sent with RETURNING id,
     * which the caller never sees: the id of the last row it inserted is
     * kept here (SQLite's last_insert_rowid; lastval() would answer a
     * trigger's insert into another table). */
    bool returning_id;
    int64_t insert_id;
    char *error;
    char sqlstate[6];
};

/* What the store's SQL says in SQLite's words where PostgreSQL has other
 * ones, said PostgreSQL's way (the session's time zone is UTC, set by
 * pg_connect, as SQLite's 'now' is).  Matched outside quotes, at the
 * start of a word. */
static const struct {
    const char *sqlite, *pg;
} dialect[] = {
    {"date('now')", "to_char(CURRENT_DATE, 'YYYY-MM-DD')"},
    {"instr(", "strpos("}, /* the same arguments, the same 1-based answer, 0 when absent */
    {"json_array(", "json_build_array("}, /* its JSON text goes into a text column as is */
    {"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
     "to_char(CURRENT_TIMESTAMP, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"},
};

static bool word_start(const char *sql, const char *p)
{
    return p == sql || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z') ||
                         (p[-1] >= '0' && p[-1] <= '9') || p[-1] == '_' || p[-1] == '.');
}

/* pg_sql_translate, and when used is not NULL a new array of *nparams
 * flags: whether the text names each parameter. */
static char *translate(const char *sql, int *nparams, bool **used)
{
    buf_t seen; /* the parameter numbers met, as ints */
    buf_init(&seen);
    buf_t out;
    buf_init(&out);
    int next = 0, highest = 0;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') { /* quoted text or name: '' and "" escape */
            char q = *p;
            const char *s = p++;
            while (*p && !(*p == q && p[1] != q))
                p += *p == q ? 2 : 1;
            if (*p)
                p++;
            buf_append(&out, s, (size_t)(p - s));
        } else if (p[0] == '-' && p[1] == '-') {
            const char *s = p;
            while (*p && *p != '\n')
                p++;
            buf_append(&out, s, (size_t)(p - s));
        } else if (p[0] == '/' && p[1] == '*') {
            const char *s = p;
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
            buf_append(&out, s, (size_t)(p - s));
        } else if (*p == '?') {
            int n;
            p++;
            if (*p >= '0' && *p <= '9') {
                n = 0;
                while (*p >= '0' && *p <= '9' && n < 100000)
                    n = n * 10 + (*p++ - '0');
                if (n > next)
                    next = n; /* SQLite: a bare ? after ?N is N+1 */
            } else
                n = ++next;
            if (n > highest)
                highest = n;
            buf_append(&seen, &n, sizeof n);
            buf_printf(&out, "$%d", n);
        } else {
            size_t k = 0, n = sizeof dialect / sizeof *dialect;
            while (k < n && !(word_start(sql, p) &&
                              !strncmp(p, dialect[k].sqlite, strlen(dialect[k].sqlite))))
                k++;
            if (k < n) {
                buf_puts(&out, dialect[k].pg);
                p += strlen(dialect[k].sqlite);
            } else
                buf_append(&out, p++, 1);
        }
    }
    if (nparams)
        *nparams = highest;
    if (used) {
        *used = xcalloc((size_t)highest + 1, sizeof **used);
        for (size_t k = 0; k + sizeof(int) <= seen.len; k += sizeof(int)) {
            int n;
            memcpy(&n, seen.data + k, sizeof n);
            (*used)[n - 1] = true;
        }
    }
    buf_free(&seen);
    return out.data;
}

char *pg_sql_translate(const char *sql, int *nparams)
{
    return translate(sql, nparams, NULL);
}

/* The table an INSERT statement fills, if sql is one without RETURNING
 * and that table has an identity column id. */
static bool inserts_with_id(PGconn *conn, const char *sql)
{
    while (*sql == ' ' || *sql == '\n')
        sql++;
    if (strncasecmp(sql, "INSERT INTO ", 12) != 0 || strcasestr(sql, "RETURNING"))
        return false;
    sql += 12;
    while (*sql == ' ')
        sql++;
    size_t n = strcspn(sql, " (\n");
    if (n == 0 || n > 63)
        return false;
    char table[64];
    memcpy(table, sql, n);
    table[n] = 0;
    const char *params[1] = {table};
    PGresult *r = PQexecParams(conn,
                               "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND "
                               "attname = 'id' AND attidentity <> ''",
                               1, NULL, params, NULL, NULL, 0);
    bool yes = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    return yes;
}

pg_stmt *pg_stmt_new(PGconn *conn, const char *sql)
{
    pg_stmt *st = xcalloc(1, sizeof *st);
    st->conn = conn;
    st->sql = translate(sql, &st->nparams, &st->used);
    if (inserts_with_id(conn, st->sql)) {
        st->returning_id = true;
        char *with = xasprintf("%s RETURNING id", st->sql);
        free(st->sql);
        st->sql = with;
    }
    if (st->nparams > 0) {
        st->values = xcalloc((size_t)st->nparams, sizeof *st->values);
        st->types = xcalloc((size_t)st->nparams, sizeof *st->types);
        pg_clear_bindings(st);
    }
    st->row = -1;
    return st;
}

void pg_reset(pg_stmt *st)
{
    PQclear(st->res);
    st->res = NULL;
    st->ran = false;
    st->row = -1;
    st->rows = 0;
}

void pg_clear_bindings(pg_stmt *st)
{
    for (int i = 0; i < st->nparams; i++) {
        free(st->values[i]);
        st->values[i] = NULL;
        st->types[i] = st->used[i] ? 0 : OID_TEXT;
    }
}

void pg_stmt_free(pg_stmt *st)
{
    if (!st)
        return;
    pg_reset(st);
    pg_clear_bindings(st);
    free(st->values);
    free(st->types);
    free(st->prepared_types);
    free(st->used);
    free(st->sql);
    free(st->error);
    free(st);
}

const char *pg_stmt_sql(const pg_stmt *st)
{
    return st->sql;
}

static void set_param(pg_stmt *st, int i, char *text, Oid type)
{
    if (i < 1 || i > st->nparams) {
        free(text);
        return;
    }
    free(st->values[i - 1]);
    st->values[i - 1] = text;
    /* A parameter the text never names cannot take a type from it: send
     * it as text (SQLite lets one be bound and unused). */
    st->types[i - 1] = type || st->used[i - 1] ? type : OID_TEXT;
}

void pg_bind_int64(pg_stmt *st, int i, int64_t v)
{
    set_param(st, i, xasprintf("%lld", (long long)v), OID_INT8);
}

void pg_bind_double(pg_stmt *st, int i, double v)
{
    /* 17 significant digits: the double comes back exactly. */
    set_param(st, i, xasprintf("%.17g", v), OID_FLOAT8);
}

void pg_bind_null(pg_stmt *st, int i)
{
    set_param(st, i, NULL, 0);
}

void pg_bind_text(pg_stmt *st, int i, const char *s, int n)
{
    if (!s) { /* as SQLite: no text is NULL */
        pg_bind_null(st, i);
        return;
    }
    size_t len = n < 0 ? strlen(s) : (size_t)n;
    char *copy = xmalloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    set_param(st, i, copy, 0);
}

int pg_bind_count(const pg_stmt *st)
{
    return st->nparams;
}

static int fail(pg_stmt *st, const char *msg, const char *state)
{
    free(st->error);
    st->error = xstrdup(msg ? msg : "");
    snprintf(st->sqlstate, sizeof st->sqlstate, "%s", state ? state : "");
    return DB_ERROR;
}

/* Prepare st for its parameters' types now, unless it is already; 0, or
 * DB_ERROR with the server's message. */
static int prepare(pg_stmt *st)
{
    size_t size = (size_t)(st->nparams ? st->nparams : 1) * sizeof(Oid);
    if (st->prepared_types && (st->nparams == 0 || !memcmp(st->prepared_types, st->types, size)))
        return 0;
    static _Atomic unsigned long long names;
    char name[sizeof st->name];
    snprintf(name, sizeof name, "cj%llu", ++names);
    PGresult *r = PQprepare(st->conn, name, st->sql, st->nparams, st->types);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        int rc = fail(st, PQresultErrorMessage(r), PQresultErrorField(r, PG_DIAG_SQLSTATE));
        PQclear(r);
        return rc;
    }
    PQclear(r);
    memcpy(st->name, name, sizeof name);
    if (!st->prepared_types)
        st->prepared_types = xmalloc(size);
    if (st->nparams)
        memcpy(st->prepared_types, st->types, size);
    return 0;
}

int pg_step(pg_stmt *st)
{
    if (!st->ran) {
        st->ran = true;
        st->changes = 0;
        if (prepare(st) != 0)
            return DB_ERROR;
        st->res = PQexecPrepared(st->conn, st->name, st->nparams, (const char *const *)st->values,
                                 NULL, NULL, 0);
        ExecStatusType s = st->res ? PQresultStatus(st->res) : PGRES_FATAL_ERROR;
        if (s == PGRES_COMMAND_OK) {
            st->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
            return DB_DONE;
        }
        if (s != PGRES_TUPLES_OK) {
            int rc = fail(st, st->res ? PQresultErrorMessage(st->res) : PQerrorMessage(st->conn),
                          st->res ? PQresultErrorField(st->res, PG_DIAG_SQLSTATE) : NULL);
            PQclear(st->res);
            st->res = NULL;
            return rc;
        }
        st->rows = PQntuples(st->res);
        /* INSERT … RETURNING: its rows, and the rows it changed. */
        st->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
        if (st->returning_id) { /* the caller asked for no rows */
            if (st->rows > 0)
                st->insert_id = strtoll(PQgetvalue(st->res, st->rows - 1, 0), NULL, 10);
            st->rows = 0;
        }
    }
    if (!st->res || st->row + 1 >= st->rows) {
        st->row = st->rows;
        return DB_DONE;
    }
    st->row++;
    return DB_ROW;
}

static bool has_cell(const pg_stmt *st, int i)
{
    return st->res && st->row >= 0 && st->row < st->rows && i >= 0 && i < PQnfields(st->res);
}

int pg_column_count(const pg_stmt *st)
{
    return st->res ? PQnfields(st->res) : 0;
}

const char *pg_column_name(const pg_stmt *st, int i)
{
    return st->res && i >= 0 && i < PQnfields(st->res) ? PQfname(st->res, i) : NULL;
}

int pg_column_type(const pg_stmt *st, int i)
{
    if (!has_cell(st, i) || PQgetisnull(st->res, st->row, i))
        return DB_NULL;
    switch (PQftype(st->res, i)) {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
        return DB_INTEGER;
    case OID_FLOAT4:
    case OID_FLOAT8:
        return DB_FLOAT;
    case OID_NUMERIC:
        return strpbrk(PQgetvalue(st->res, st->row, i), ".eEN") ? DB_FLOAT : DB_INTEGER;
    default:
        return DB_TEXT;
    }
}

const char *pg_column_text(const pg_stmt *st, int i)
{
    if (!has_cell(st, i) || PQgetisnull(st->res, st->row, i))
        return NULL;
    const char *v = PQgetvalue(st->res, st->row, i);
    if (PQftype(st->res, i) == OID_BOOL)
        return v[0] == 't' ? "1" : "0";
    return v;
}

int pg_column_bytes(const pg_stmt *st, int i)
{
    const char *v = pg_column_text(st, i);
    return v ? (int)strlen(v) : 0;
}

int64_t pg_column_int64(const pg_stmt *st, int i)
{
    const char *v = pg_column_text(st, i);
    if (!v)
        return 0;
    if (pg_column_type(st, i) == DB_FLOAT) /* as SQLite: a real read as an integer truncates */
        return (int64_t)strtod(v, NULL);
    return strtoll(v, NULL, 10);
}

double pg_column_double(const pg_stmt *st, int i)
{
    const char *v = pg_column_text(st, i);
    return v ? strtod(v, NULL) : 0.0;
}

int64_t pg_changes(const pg_stmt *st)
{
    return st->changes;
}

int64_t pg_insert_id(const pg_stmt *st)
{
    return st->returning_id ? st->insert_id : -1;
}

const char *pg_error(const pg_stmt *st)
{
    return st->error ? st->error : "";
}

const char *pg_sqlstate(const pg_stmt *st)
{
    return st->sqlstate;
}
