/*
 * store_logs.c — the login log (登录日志, 012_logs.sql): one row per
 * sign-in attempt and sign-out, appended and listed, and pruned by age.
 *
 * Rows are only appended; the one way they leave is by age
 * (store_login_log_prune, the retention of domain/auth.c) or with the
 * account they belong to when a student is erased (store_privacy.c).
 * Who may read which rows is the domain's (domain/audit.c): it hands in
 * a scope — every row, one organisation's users' or one user's — and the
 * statement applies it, so one prepared text serves every reader.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

#define LOGIN_AGENT_MAX 256
#define LOGIN_NAME_MAX 64

/* How many bytes of s to keep so that at most max bytes remain and no
 * UTF-8 sequence is cut in two. */
static int utf8_cut(const char *s, int max)
{
    int n = (int)strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int store_login_log_add(store_conn *c, const store_login_entry *l, err_t *e)
{
    char now[21];
    now_utc(now);
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO login_log(at, event, user_id, username, address, "
                            "user_agent, ok, reason) VALUES(?,?,?,?,?,?,?,?)",
                            e);
    if (!st)
        return -1;
    const char *name = l->username ? l->username : "";
    const char *agent = l->user_agent ? l->user_agent : "";
    db_bind_text(st, 1, now, -1);
    db_bind_text(st, 2, l->event, -1);
    if (l->user_id)
        db_bind_int64(st, 3, l->user_id);
    db_bind_text(st, 4, name, utf8_cut(name, LOGIN_NAME_MAX));
    db_bind_text(st, 5, l->address && *l->address ? l->address : "?", -1);
    db_bind_text(st, 6, agent, utf8_cut(agent, LOGIN_AGENT_MAX));
    db_bind_int(st, 7, l->ok ? 1 : 0);
    if (l->reason)
        db_bind_text(st, 8, l->reason, -1);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "login log");
    db_reset(st);
    return rc;
}

/* A login-log row, ok as a boolean (a row_maker). */
static json_t *login_row(db_stmt *st, const void *ctx)
{
    static const char *const cols[] = {"id",      "at",         "event", "user_id", "username",
                                       "address", "user_agent", "ok",    "reason"};
    (void)ctx;
    json_t *row = json_object();
    for (int k = 0; k < 9; k++)
        json_object_set_new(row, cols[k],
                            k == 7 ? json_boolean(db_column_int(st, k) != 0) : column_json(st, k));
    return row;
}

int store_login_log_list(store_conn *c, const store_login_query *q, int64_t page, int64_t per_page,
                         json_t **items, int64_t *total, err_t *e)
{
    /* One fixed statement: a scope or filter left at 0 / NULL does not
     * narrow.  An organisation's rows are its users' (users.organization_id
     * as it is now), never the rows of names nobody owns. */
    static const char *const where =
        " WHERE (?1 = 0 OR user_id = ?1) AND (?2 = 0 OR user_id IN (SELECT id FROM users WHERE "
        "organization_id = ?2)) AND (?3 = 0 OR user_id = ?3) AND (?4 < 0 OR ok = ?4) AND "
        "(CAST(?5 AS TEXT) IS NULL OR at >= ?5) AND (CAST(?6 AS TEXT) IS NULL OR at < ?6)";
    char sql[640];
    *items = NULL;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0)
            snprintf(sql, sizeof sql, "SELECT count(*) FROM login_log%s", where);
        else
            snprintf(sql, sizeof sql,
                     "SELECT id, at, event, user_id, username, address, user_agent, ok, reason "
                     "FROM login_log%s ORDER BY id DESC LIMIT ?7 OFFSET ?8",
                     where);
        db_stmt *st = conn_stmt(c, sql, e);
        if (!st)
            return -1;
        db_bind_int64(st, 1, q->scope_user);
        db_bind_int64(st, 2, q->scope_org);
        db_bind_int64(st, 3, q->user_id);
        db_bind_int(st, 4, q->ok);
        if (q->from)
            db_bind_text(st, 5, q->from, -1);
        if (q->to)
            db_bind_text(st, 6, q->to, -1);
        if (pass == 0) {
            if (db_step(st) != DB_ROW) {
                db_reset(st);
                return conn_fail(c, e, "login log count");
            }
            *total = db_column_int64(st, 0);
            db_reset(st);
            continue;
        }
        db_bind_int64(st, 7, per_page > 0 ? per_page : -1);
        db_bind_int64(st, 8, per_page > 0 ? (page > 0 ? page - 1 : 0) * per_page : 0);
        if (stmt_rows(c, st, login_row, NULL, items, "login log", e) != 0)
            return -1;
    }
    return 0;
}

int store_login_log_prune(store_conn *c, const char *before, err_t *e)
{
    db_stmt *st = conn_stmt(c, "DELETE FROM login_log WHERE at < ?", e);
    if (!st)
        return -1;
    db_bind_text(st, 1, before, -1);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "login log prune");
    db_reset(st);
    return rc;
}
