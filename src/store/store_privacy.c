/*
 * store_privacy.c — personal data under PIPL (个人信息保护法): what the
 * platform holds on a student beyond the student row, and erasing it.
 *
 * Erasing keeps every count the outcome figures make (a placement still
 * counts as an intern of its year, a certificate as a certificate of its
 * level, a graduate as a graduate) and removes who it was: the student
 * row is deleted, rows that must stay lose the student and their personal
 * fields, the account is emptied and disabled.  A placement's student_id
 * becomes a fresh negative number no row has, so interns stay counted
 * once each (count(DISTINCT student_id)) without a link to anyone.
 *
 * The audit log is the one place that stores old values (before/after
 * snapshots), so erasing rewrites it too — the single exception to its
 * append-only rule.  The entries stay (who did what, when); the values
 * go, and so do the account's address in them and its login log.  SQLite
 * keeps deleted bytes in free space and in the WAL, so the
 * erasing transaction runs with secure_delete on (freed space is zeroed)
 * and store_privacy_flush() checkpoints the WAL afterwards: the erased
 * values are then nowhere in the database file.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define ERASED_NAME "已删除"

int store_privacy_student(store_conn *c, int64_t student_id, int64_t *consortium_id,
                          int64_t *user_id, err_t *e)
{
    db_stmt *st =
        conn_stmt(c, "SELECT consortium_id, coalesce(user_id, 0) FROM students WHERE id = ?", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, student_id);
    int step = db_step(st);
    if (step == DB_ROW) {
        *consortium_id = db_column_int64(st, 0);
        *user_id = db_column_int64(st, 1);
    }
    db_reset(st);
    if (step == DB_ROW)
        return 0;
    if (step != DB_DONE)
        return conn_fail(c, e, "privacy student");
    return err_set(e, ERR_NOT_FOUND, "学生 %lld 不存在 (not found)", (long long)student_id);
}

/* Rows of a query about one student as objects keyed by column name. */
static int student_rows(store_conn *c, const char *sql, int64_t student_id, json_t **items,
                        err_t *e)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, student_id);
    return stmt_rows(c, st, NULL, NULL, items, "privacy rounds", e);
}

int store_privacy_rounds(store_conn *c, int64_t student_id, json_t **choices, json_t **results,
                         err_t *e)
{
    *choices = *results = NULL;
    if (student_rows(c,
                     "SELECT round_id, demand_id, rank FROM match_choices WHERE student_id = ? "
                     "ORDER BY round_id, rank",
                     student_id, choices, e) != 0)
        return -1;
    if (student_rows(c,
                     "SELECT round_id, demand_id, choice_rank FROM match_results WHERE "
                     "student_id = ? ORDER BY round_id",
                     student_id, results, e) != 0) {
        json_decref(*choices);
        *choices = NULL;
        return -1;
    }
    return 0;
}

/* One statement: ?1 = a, ?2 = b, ?3 = text (each bound only if the
 * statement has it); adds the rows changed to *changed. */
static int exec3(store_conn *c, const char *sql, int64_t a, int64_t b, const char *text,
                 int64_t *changed, err_t *e)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    int np = db_bind_count(st);
    if (np >= 1)
        db_bind_int64(st, 1, a);
    if (np >= 2)
        db_bind_int64(st, 2, b);
    if (np >= 3)
        db_bind_text(st, 3, text, -1);
    int step = db_step(st);
    db_reset(st);
    if (step != DB_DONE && step != DB_ROW)
        return conn_fail(c, e, "privacy erase");
    if (changed)
        *changed += db_changes(c);
    return 0;
}

int store_privacy_erase(store_conn *c, int64_t student_id, int64_t user_id, store_erase_counts *n,
                        err_t *e)
{
    memset(n, 0, sizeof *n);
    char pseudonym[40];
    snprintf(pseudonym, sizeof pseudonym, "erased-%lld", (long long)user_id);
    /* SQLite overwrites what it deletes; PostgreSQL's dead rows go at the
     * VACUUM of store_privacy_flush. */
    if (!c->pg && sqlite3_exec(c->db, "PRAGMA secure_delete = ON", NULL, NULL, NULL) != SQLITE_OK)
        return conn_fail(c, e, "secure_delete");
    /* The audit log first: its snapshots are found through the rows that
     * still name the student. */
    static const char *const audit_sql[] = {
        "UPDATE audit_log SET before = NULL, after = NULL WHERE (entity = 'students' AND "
        "entity_id = ?1) OR (?2 > 0 AND entity = 'users' AND entity_id = ?2)",
        "UPDATE audit_log SET before = json_remove(before, '$.student_id', '$.evaluation', "
        "'$.score', '$.grade'), after = json_remove(after, '$.student_id', '$.evaluation', "
        "'$.score', '$.grade') WHERE entity = 'placements' AND entity_id IN (SELECT id FROM "
        "placements WHERE student_id = ?1)",
        "UPDATE audit_log SET before = json_remove(before, '$.student_id', '$.note'), after = "
        "json_remove(after, '$.student_id', '$.note') WHERE entity = 'employment_outcomes' AND "
        "entity_id IN (SELECT id FROM employment_outcomes WHERE student_id = ?1)",
        "UPDATE audit_log SET before = json_remove(before, '$.holder_name', '$.student_id', "
        "'$.certificate_no'), after = json_remove(after, '$.holder_name', '$.student_id', "
        "'$.certificate_no') WHERE entity = 'certificates' AND entity_id IN (SELECT id FROM "
        "certificates WHERE student_id = ?1)",
        "UPDATE audit_log SET after = json_remove(after, '$.student_id') WHERE entity = "
        "'match_rounds' AND action = 'list' AND CAST(json_extract(after, '$.student_id') AS "
        "BIGINT) = ?1",
        "UPDATE audit_log SET username = ?3, address = NULL WHERE ?2 > 0 AND user_id = ?2",
    };
    for (size_t i = 0; i < sizeof audit_sql / sizeof *audit_sql; i++)
        if (exec3(c, audit_sql[i], student_id, user_id, pseudonym, &n->audit_entries, e) != 0)
            return -1;
    /* The account's login log (addresses, browsers) goes with it: its own
     * rows and those of its name typed by anyone (012_logs.sql). */
    if (exec3(c,
              "DELETE FROM login_log WHERE ?2 > 0 AND (user_id = ?2 OR username = (SELECT "
              "username FROM users WHERE id = ?2))",
              student_id, user_id, NULL, NULL, e) != 0)
        return -1;
    /* A fresh negative number for this student's placements. */
    db_stmt *st = conn_stmt(
        c, "SELECT coalesce(min(student_id), 0) - 1 FROM placements WHERE student_id < 0", e);
    if (!st)
        return -1;
    int64_t pseudo_id = -1;
    if (db_step(st) == DB_ROW)
        pseudo_id = db_column_int64(st, 0);
    db_reset(st);
    if (exec3(c,
              "UPDATE placements SET student_id = ?2, evaluation = NULL, score = NULL, grade = "
              "NULL, revision = revision + 1 WHERE student_id = ?1",
              student_id, pseudo_id, NULL, &n->placements, e) != 0 ||
        exec3(c,
              "UPDATE employment_outcomes SET student_id = NULL, note = NULL, revision = "
              "revision + 1 WHERE student_id = ?1",
              student_id, 0, NULL, &n->outcomes, e) != 0 ||
        exec3(c,
              "UPDATE certificates SET holder_name = '" ERASED_NAME
              "', student_id = NULL, certificate_no = NULL, revision = revision + 1 WHERE "
              "student_id = ?1",
              student_id, 0, NULL, &n->certificates, e) != 0 ||
        exec3(c, "DELETE FROM match_choices WHERE student_id = ?1", student_id, 0, NULL,
              &n->round_rows, e) != 0 ||
        exec3(c, "DELETE FROM match_rankings WHERE student_id = ?1", student_id, 0, NULL,
              &n->round_rows, e) != 0 ||
        exec3(c, "DELETE FROM match_results WHERE student_id = ?1", student_id, 0, NULL,
              &n->round_rows, e) != 0 ||
        exec3(c, "DELETE FROM students WHERE id = ?1", student_id, 0, NULL, NULL, e) != 0)
        return -1;
    if (user_id &&
        (exec3(c, "DELETE FROM sessions WHERE user_id = ?1", user_id, 0, NULL, NULL, e) != 0 ||
         /* The sign-in limits and known addresses keyed by the username
          * (007_login_limits.sql), before the username goes. */
         exec3(c,
               "DELETE FROM login_limits WHERE key = 'u:' || (SELECT username FROM users WHERE "
               "id = ?1 AND role = 'student') OR substr(key, 1, length((SELECT username FROM "
               "users WHERE id = ?1 AND role = 'student')) + 3) = 'p:' || (SELECT username FROM "
               "users WHERE id = ?1 AND role = 'student') || ' '",
               user_id, 0, NULL, NULL, e) != 0 ||
         exec3(c,
               "DELETE FROM login_known WHERE username = (SELECT username FROM users WHERE id = "
               "?1 AND role = 'student')",
               user_id, 0, NULL, NULL, e) != 0 ||
         exec3(c,
               "UPDATE users SET username = ?3, display_name = '" ERASED_NAME
               "', password_hash = NULL, disabled = 1, deleted_at = coalesce(deleted_at, "
               "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), updated_at = strftime('%Y-%m-%dT%H:%M:"
               "%SZ', 'now'), revision = revision + 1 WHERE id = ?1 AND role = 'student'",
               user_id, 0, pseudonym, NULL, e) != 0))
        return -1;
    return 0;
}

void store_privacy_flush(store_conn *c)
{
    if (c->pg) { /* the old row versions of every table an erase writes */
        PQclear(PQexec(c->pg, "VACUUM audit_log, certificates, employment_outcomes, login_known, "
                              "login_limits, login_log, match_choices, match_rankings, "
                              "match_results, placements, sessions, students, users"));
        return;
    }
    sqlite3_exec(c->db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
    sqlite3_exec(c->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
}

int store_privacy_graduated(store_conn *c, int64_t max_year, int64_t **ids, size_t *n, err_t *e)
{
    db_stmt *st =
        conn_stmt(c,
                  "SELECT id FROM students WHERE cohort + CASE level WHEN 'undergraduate' THEN 4 "
                  "ELSE 3 END <= ? ORDER BY id",
                  e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, max_year);
    size_t cap = 64;
    *ids = xcalloc(cap, sizeof **ids);
    *n = 0;
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap *= 2;
            *ids = xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = db_column_int64(st, 0);
    }
    db_reset(st);
    if (step != DB_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return conn_fail(c, e, "graduated students");
    }
    return 0;
}
