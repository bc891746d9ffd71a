/*
 * store_account.c — users, sessions, sign-in limits and the audit log.
 *
 * Sessions are stored by a hash of their token (the token itself is only
 * ever in the client's hands), with the CSRF token that cookie-borne
 * requests must echo.  The audit log is append-only: nothing here updates
 * or deletes it.  The one exception is the erasure of a student (PIPL),
 * which removes the student's values from the entries' snapshots and
 * keeps the entries (store_privacy.c).
 * Sign-in limits are counters per key in login_limits
 * (007_login_limits.sql), the rules that read them are in domain/auth.c.
 * An audit entry keeps the client's address (012_logs.sql); the login
 * log is store_logs.c's.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

#define USER_COLS                                                                                  \
    "id, username, display_name, role, coalesce(organization_id,0), coalesce(consortium_id,0), "   \
    "coalesce(password_hash,''), disabled, is_demo"

static void fill_user(db_stmt *st, int base, store_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = db_column_int64(st, base + 0);
    snprintf(u->username, sizeof u->username, "%s", db_column_text(st, base + 1));
    snprintf(u->display_name, sizeof u->display_name, "%s", db_column_text(st, base + 2));
    snprintf(u->role, sizeof u->role, "%s", db_column_text(st, base + 3));
    u->org_id = db_column_int64(st, base + 4);
    u->consortium_id = db_column_int64(st, base + 5);
    snprintf(u->password_hash, sizeof u->password_hash, "%s", db_column_text(st, base + 6));
    u->disabled = db_column_int(st, base + 7) != 0;
    u->is_demo = db_column_int(st, base + 8) != 0;
}

static int user_query(store_conn *c, const char *sql, const char *name, int64_t id, store_user *u,
                      err_t *e)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    if (name)
        db_bind_text(st, 1, name, -1);
    else
        db_bind_int64(st, 1, id);
    int step = db_step(st);
    if (step == DB_ROW)
        fill_user(st, 0, u);
    db_reset(st);
    if (step == DB_ROW)
        return 0;
    if (step == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "用户不存在 (no such user)");
    return conn_fail(c, e, "user");
}

int store_user_by_name(store_conn *c, const char *username, store_user *u, err_t *e)
{
    return user_query(c,
                      "SELECT " USER_COLS " FROM users WHERE username = ? AND deleted_at IS NULL",
                      username, 0, u, e);
}

int store_user_by_id(store_conn *c, int64_t id, store_user *u, err_t *e)
{
    return user_query(c, "SELECT " USER_COLS " FROM users WHERE id = ? AND deleted_at IS NULL",
                      NULL, id, u, e);
}

int store_user_set_password(store_conn *c, int64_t id, const char *hash, err_t *e)
{
    db_stmt *st = conn_stmt(c, "UPDATE users SET password_hash = ? WHERE id = ?", e);
    if (!st)
        return -1;
    db_bind_text(st, 1, hash, -1);
    db_bind_int64(st, 2, id);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "set password");
    db_reset(st);
    return rc;
}

int store_session_add(store_conn *c, const char *token_hash, int64_t user_id, const char *csrf,
                      int64_t expires_at, err_t *e)
{
    char now[21];
    now_utc(now);
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO sessions(token_hash, user_id, csrf_token, "
                            "created_at, expires_at) VALUES(?,?,?,?,?)",
                            e);
    if (!st)
        return -1;
    db_bind_text(st, 1, token_hash, -1);
    db_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, csrf, -1);
    db_bind_text(st, 4, now, -1);
    db_bind_int64(st, 5, expires_at);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "session add");
    db_reset(st);
    return rc;
}

int store_session_find(store_conn *c, const char *token_hash, store_user *u, char csrf[72],
                       err_t *e)
{
    db_stmt *st = conn_stmt(
        c,
        "SELECT s.csrf_token, u.id, u.username, u.display_name, u.role, "
        "coalesce(u.organization_id,0), coalesce(u.consortium_id,0), '', u.disabled, u.is_demo "
        "FROM sessions s JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL "
        "WHERE s.token_hash = ? AND s.revoked = 0 AND s.expires_at > ?",
        e);
    if (!st)
        return -1;
    db_bind_text(st, 1, token_hash, -1);
    db_bind_int64(st, 2, now_unix());
    int step = db_step(st);
    if (step == DB_ROW) {
        snprintf(csrf, 72, "%s", db_column_text(st, 0));
        fill_user(st, 1, u);
    }
    db_reset(st);
    if (step == DB_ROW)
        return 0;
    if (step == DB_DONE)
        return err_set(e, ERR_UNAUTHORIZED, "会话无效或已过期 (session invalid or expired)");
    return conn_fail(c, e, "session find");
}

int store_session_revoke(store_conn *c, const char *token_hash, err_t *e)
{
    db_stmt *st = conn_stmt(c, "UPDATE sessions SET revoked = 1 WHERE token_hash = ?", e);
    if (!st)
        return -1;
    db_bind_text(st, 1, token_hash, -1);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "session revoke");
    db_reset(st);
    return rc;
}

int store_session_wrote(store_conn *c, const char *token_hash, err_t *e)
{
    if (!c->pg)
        return 0;
    /* Outside the write's transaction, after its COMMIT: the position is
     * at or past the commit's record.  The table's statement trigger
     * (pg_data_version.sql) bumps the data version, so every server's
     * session cache reads the new position. */
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO session_writes(token_hash, lsn) VALUES(?, "
                            "pg_current_wal_lsn()) ON CONFLICT (token_hash) DO UPDATE SET "
                            "lsn = EXCLUDED.lsn",
                            e);
    if (!st)
        return -1;
    db_bind_text(st, 1, token_hash, -1);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "session wrote");
    db_reset(st);
    return rc;
}

int64_t store_session_wrote_at(store_conn *c, const char *token_hash)
{
    if (!c->pg)
        return 0;
    db_stmt *st = conn_stmt(
        c, "SELECT (lsn - '0/0'::pg_lsn)::bigint FROM session_writes WHERE token_hash = ?", NULL);
    if (!st)
        return INT64_MAX;
    db_bind_text(st, 1, token_hash, -1);
    int step = db_step(st);
    int64_t at = step == DB_ROW ? db_column_int64(st, 0) : step == DB_DONE ? 0 : INT64_MAX;
    db_reset(st);
    return at;
}

int store_session_purge(store_conn *c, err_t *e)
{
    db_stmt *st = conn_stmt(c, "DELETE FROM sessions WHERE expires_at <= ? OR revoked = 1", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, now_unix());
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "session purge");
    db_reset(st);
    return rc;
}

int store_session_revoke_user(store_conn *c, int64_t user_id, const char *keep, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "UPDATE sessions SET revoked = 1 WHERE user_id = ?1 AND "
                            "(CAST(?2 AS TEXT) IS NULL OR token_hash <> ?2)",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, user_id);
    if (keep && *keep)
        db_bind_text(st, 2, keep, -1);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "session revoke user");
    db_reset(st);
    return rc;
}

/* ---- sign-in limits ------------------------------------------------------ */

int store_login_get(store_conn *c, const char *key, int64_t window, int64_t now,
                    store_login_counter *out, err_t *e)
{
    db_stmt *st =
        conn_stmt(c, "SELECT failures, window_start, last_at FROM login_limits WHERE key = ?", e);
    if (!st)
        return -1;
    memset(out, 0, sizeof *out);
    db_bind_text(st, 1, key, -1);
    int step = db_step(st);
    if (step == DB_ROW) {
        out->failures = db_column_int64(st, 0);
        out->window_start = db_column_int64(st, 1);
        out->last_at = db_column_int64(st, 2);
        if (now - out->window_start >= window)
            out->failures = 0;
    }
    db_reset(st);
    if (step != DB_ROW && step != DB_DONE)
        return conn_fail(c, e, "login limit");
    return 0;
}

int store_login_add(store_conn *c, const char *key, int delta, int64_t window, int64_t now,
                    err_t *e)
{
    /* ?3 now, ?4 window: a window that has passed starts again at now. */
    db_stmt *st = conn_stmt(
        c,
        "INSERT INTO login_limits(key, failures, window_start, last_at) "
        "VALUES(?1, CASE WHEN ?2 > 0 THEN ?2 ELSE 0 END, ?3, ?3) ON CONFLICT(key) DO UPDATE SET "
        "failures = CASE WHEN (CASE WHEN ?3 - login_limits.window_start >= ?4 THEN 0 ELSE "
        "login_limits.failures END) + ?2 > 0 THEN (CASE WHEN ?3 - login_limits.window_start >= ?4 "
        "THEN 0 ELSE login_limits.failures END) + ?2 ELSE 0 END, "
        "window_start = CASE WHEN ?3 - login_limits.window_start >= ?4 THEN ?3 ELSE "
        "login_limits.window_start END, "
        "last_at = CASE WHEN ?2 > 0 THEN ?3 ELSE login_limits.last_at END",
        e);
    if (!st)
        return -1;
    db_bind_text(st, 1, key, -1);
    db_bind_int(st, 2, delta);
    db_bind_int64(st, 3, now);
    db_bind_int64(st, 4, window);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "login limit add");
    db_reset(st);
    return rc;
}

int store_login_clear(store_conn *c, const char *key, err_t *e)
{
    db_stmt *st = conn_stmt(c, "DELETE FROM login_limits WHERE key = ?", e);
    if (!st)
        return -1;
    db_bind_text(st, 1, key, -1);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "login limit clear");
    db_reset(st);
    return rc;
}

bool store_login_known(store_conn *c, const char *username, const char *addr, int64_t since)
{
    db_stmt *st = lookup_stmt(
        c, "SELECT 1 FROM login_known WHERE username = ? AND addr = ? AND last_success >= ?");
    if (!st)
        return false;
    db_bind_text(st, 1, username, -1);
    db_bind_text(st, 2, addr, -1);
    db_bind_int64(st, 3, since);
    bool known = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    return known;
}

int store_login_remember(store_conn *c, const char *username, const char *addr, int64_t now,
                         err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO login_known(username, addr, last_success) "
                            "VALUES(?1, ?2, ?3) ON CONFLICT(username, addr) DO UPDATE "
                            "SET last_success = ?3",
                            e);
    if (!st)
        return -1;
    db_bind_text(st, 1, username, -1);
    db_bind_text(st, 2, addr, -1);
    db_bind_int64(st, 3, now);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "login remember");
    db_reset(st);
    return rc;
}

int store_login_prune(store_conn *c, int64_t before, int64_t known_before, err_t *e)
{
    static const char *const sql[] = {"DELETE FROM login_limits WHERE last_at < ?",
                                      "DELETE FROM login_known WHERE last_success < ?"};
    for (int i = 0; i < 2; i++) {
        db_stmt *st = conn_stmt(c, sql[i], e);
        if (!st)
            return -1;
        db_bind_int64(st, 1, i == 0 ? before : known_before);
        int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "login prune");
        db_reset(st);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int64_t store_user_max_id(store_conn *c)
{
    db_stmt *st = conn_stmt(c, "SELECT coalesce(max(id),0) FROM users", NULL);
    int64_t id = 0;
    if (st && db_step(st) == DB_ROW)
        id = db_column_int64(st, 0);
    if (st)
        db_reset(st);
    return id;
}

int store_user_mark_demo(store_conn *c, int64_t after_id, err_t *e)
{
    db_stmt *st = conn_stmt(c, "UPDATE users SET is_demo = 1 WHERE id > ?", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, after_id);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "mark demo users");
    db_reset(st);
    return rc;
}

int store_audit_add(store_conn *c, const store_audit_entry *a, err_t *e)
{
    char now[21];
    now_utc(now);
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO audit_log(at, user_id, username, action, entity, "
                            "entity_id, consortium_id, before, after, address) "
                            "VALUES(?,?,?,?,?,?,?,?,?,?)",
                            e);
    if (!st)
        return -1;
    db_bind_text(st, 1, now, -1);
    if (a->user_id)
        db_bind_int64(st, 2, a->user_id);
    db_bind_text(st, 3, a->username ? a->username : "system", -1);
    db_bind_text(st, 4, a->action, -1);
    db_bind_text(st, 5, a->entity, -1);
    if (a->entity_id)
        db_bind_int64(st, 6, a->entity_id);
    if (a->consortium_id)
        db_bind_int64(st, 7, a->consortium_id);
    if (a->before)
        bind_json(st, 8, a->before);
    if (a->after)
        bind_json(st, 9, a->after);
    if (a->address && *a->address)
        db_bind_text(st, 10, a->address, -1);
    int rc = db_step(st) == DB_DONE ? 0 : conn_fail(c, e, "audit");
    db_reset(st);
    return rc;
}

/* An audit entry, its before/after snapshots parsed (a row_maker). */
static json_t *audit_row(db_stmt *st, const void *ctx)
{
    static const char *const cols[] = {"id",     "at",     "user_id",   "username",
                                       "action", "entity", "entity_id", "consortium_id",
                                       "before", "after",  "address"};
    (void)ctx;
    json_t *row = json_object();
    for (int k = 0; k < 11; k++) {
        json_t *v = column_json(st, k);
        if ((k == 8 || k == 9) && json_is_string(v)) {
            json_t *parsed = json_loads(json_string_value(v), 0, NULL);
            json_decref(v);
            v = parsed ? parsed : json_null();
        }
        json_object_set_new(row, cols[k], v);
    }
    return row;
}

int store_audit_list(store_conn *c, int64_t consortium_id, json_t *filters, int64_t page,
                     int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    /* A fixed statement with optional filters (NULL parameter = no
     * filter) keeps one prepared text for every combination. */
    static const char *const where =
        " WHERE (?1 = 0 OR consortium_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR entity = ?2) AND "
        "(CAST(?3 AS BIGINT) IS NULL OR entity_id = ?3) AND (CAST(?4 AS BIGINT) IS NULL OR user_id "
        "= ?4) AND "
        "(CAST(?5 AS TEXT) IS NULL OR action = ?5)";
    static const char *const keys[] = {"entity", "entity_id", "user_id", "action"};
    char sql[640];
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0)
            snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log%s", where);
        else
            snprintf(sql, sizeof sql,
                     "SELECT id, at, user_id, username, action, entity, entity_id, "
                     "consortium_id, before, after, address FROM audit_log%s ORDER BY id DESC "
                     "LIMIT ?6 OFFSET ?7",
                     where);
        db_stmt *st = conn_stmt(c, sql, e);
        if (!st)
            return -1;
        db_bind_int64(st, 1, consortium_id);
        for (int k = 0; k < 4; k++) {
            json_t *v = json_object_get(filters, keys[k]);
            if (v)
                bind_json(st, k + 2, v);
        }
        if (pass == 0) {
            if (db_step(st) != DB_ROW) {
                db_reset(st);
                return conn_fail(c, e, "audit count");
            }
            *total = db_column_int64(st, 0);
            db_reset(st);
            continue;
        }
        db_bind_int64(st, 6, per_page > 0 ? per_page : -1);
        db_bind_int64(st, 7, per_page > 0 ? (page > 0 ? page - 1 : 0) * per_page : 0);
        if (stmt_rows(c, st, audit_row, NULL, items, "audit list", e) != 0)
            return -1;
    }
    return 0;
}

int64_t store_audit_refused_count(store_conn *c, int64_t user_id, const char *since)
{
    /* The literal action lets the partial index audit_log_refused serve it. */
    db_stmt *st = conn_stmt(c,
                            "SELECT count(*) FROM audit_log WHERE action = 'refused' AND "
                            "user_id = ? AND at >= ?",
                            NULL);
    int64_t n = 0;
    if (!st)
        return 0;
    db_bind_int64(st, 1, user_id);
    db_bind_text(st, 2, since, -1);
    if (db_step(st) == DB_ROW)
        n = db_column_int64(st, 0);
    db_reset(st);
    return n;
}
