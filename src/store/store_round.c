/*
 * store_round.c — the SQL of matching rounds (domain/round.c has the
 * rules): a round's positions, students' lists, enterprises' rankings,
 * the stored result and the figures about it.
 *
 * Most reads here return rows as JSON objects keyed by column name for the
 * API; rows_json() runs one prepared statement with integer parameters and
 * collects them.  The lists that feed the matching engine are streamed
 * through callbacks instead, so a large round is never turned into JSON.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* 0/1 columns that are booleans in the API. */
static void booleans(json_t *items, const char *key)
{
    size_t i;
    json_t *o;
    json_array_foreach (items, i, o) {
        json_t *v = json_object_get(o, key);
        if (json_is_integer(v))
            json_object_set_new(o, key, json_boolean(json_integer_value(v) != 0));
    }
}

/* Run sql with n integer parameters; the rows as objects into *items. */
static int rows_json(store_conn *c, const char *sql, json_t **items, err_t *e, int n, ...)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    va_list ap;
    va_start(ap, n);
    for (int i = 1; i <= n; i++)
        db_bind_int64(st, i, va_arg(ap, int64_t));
    va_end(ap);
    return stmt_rows(c, st, NULL, NULL, items, "round query", e);
}

static int exec_int(store_conn *c, const char *sql, err_t *e, int n, ...)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    va_list ap;
    va_start(ap, n);
    for (int i = 1; i <= n; i++)
        db_bind_int64(st, i, va_arg(ap, int64_t));
    va_end(ap);
    int step = db_step(st);
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "round write");
}

/* A student whose profile may go to the enterprises applied to: live, and
 * consenting now (a withdrawal takes the list out of every enterprise's
 * view and of the run; the rows stay, for a consent given again). */
#define SHARED "s.consent = 1 AND s.deleted_at IS NULL"

/* The positions of a round: its consortium's published, live demand of
 * the period whose kind the round takes.  ?1 = round id. */
#define ROUND_FROM "FROM demand d JOIN match_rounds r ON r.id = ?1 "
#define ROUND_POSITIONS ROUND_FROM ROUND_WHERE
#define ROUND_WHERE                                                                                \
    "WHERE d.consortium_id = r.consortium_id AND d.period = r.period AND "                         \
    "d.status = 'published' AND d.deleted_at IS NULL AND "                                         \
    "(d.kind = r.positions OR (r.positions = 'both' AND d.kind IN ('internship', 'order_class')))"

int store_round_positions(store_conn *c, int64_t round_id, json_t **items, err_t *e)
{
    return rows_json(
        c,
        "SELECT d.id AS demand_id, d.job_title, d.enterprise_id, o.name AS enterprise, "
        "d.occupation_code, oc.name AS occupation_name, d.kind, d.headcount AS capacity, "
        "d.region_code, CASE WHEN rg.name IN ('市辖区','县') THEN rg.full_name ELSE rg.name END AS "
        "region_name, d.skills, d.pay_min, d.pay_max, "
        "(SELECT count(*) FROM match_choices m JOIN students s ON s.id = m.student_id AND " SHARED
        " WHERE m.round_id = ?1 AND m.demand_id = d.id) AS applicants " ROUND_FROM
        "JOIN organizations o ON o.id = d.enterprise_id "
        "LEFT JOIN occupations oc ON oc.code = d.occupation_code AND oc.deleted_at IS "
        "NULL LEFT JOIN regions rg ON rg.code = d.region_code AND rg.deleted_at IS "
        "NULL " ROUND_WHERE " ORDER BY d.id",
        items, e, 1, round_id);
}

int64_t store_round_position_owner(store_conn *c, int64_t round_id, int64_t demand_id)
{
    db_stmt *st = conn_stmt(c, "SELECT d.enterprise_id " ROUND_POSITIONS " AND d.id = ?2", NULL);
    if (!st)
        return 0;
    db_bind_int64(st, 1, round_id);
    db_bind_int64(st, 2, demand_id);
    int64_t owner = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    return owner;
}

int store_round_each_position(store_conn *c, int64_t round_id,
                              void (*fn)(void *ctx, int64_t demand_id, int64_t capacity), void *ctx,
                              err_t *e)
{
    db_stmt *st = conn_stmt(c, "SELECT d.id, d.headcount " ROUND_POSITIONS " ORDER BY d.id", e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, round_id);
    int step;
    while ((step = db_step(st)) == DB_ROW)
        fn(ctx, db_column_int64(st, 0), db_column_int64(st, 1));
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "round positions");
}

int store_round_each_entry(store_conn *c, int64_t round_id, bool rankings,
                           void (*fn)(void *ctx, int64_t a, int64_t b, int64_t rank), void *ctx,
                           err_t *e)
{
    db_stmt *st =
        conn_stmt(c,
                  rankings ? "SELECT m.demand_id, m.student_id, m.rank FROM match_rankings m "
                             "JOIN students s ON s.id = m.student_id AND " SHARED
                             " WHERE m.round_id = ? ORDER BY m.demand_id, m.rank"
                           : "SELECT m.student_id, m.demand_id, m.rank FROM match_choices m "
                             "JOIN students s ON s.id = m.student_id AND " SHARED
                             " WHERE m.round_id = ? ORDER BY m.student_id, m.rank",
                  e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, round_id);
    int step;
    while ((step = db_step(st)) == DB_ROW)
        fn(ctx, db_column_int64(st, 0), db_column_int64(st, 1), db_column_int64(st, 2));
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "round lists");
}

int store_round_student_of_user(store_conn *c, int64_t consortium_id, int64_t user_id,
                                json_t **student, err_t *e)
{
    json_t *items = NULL;
    if (rows_json(c,
                  "SELECT s.id, s.school_id, o.name AS school, s.student_no, s.name, "
                  "s.major_code, s.level, s.cohort, s.skills, s.certificates, s.consent, "
                  "o.region_code FROM students s JOIN organizations o ON o.id = s.school_id "
                  "WHERE s.consortium_id = ? AND s.user_id = ? AND s.deleted_at IS NULL "
                  "ORDER BY s.id LIMIT 1",
                  &items, e, 2, consortium_id, user_id) != 0)
        return -1;
    booleans(items, "consent");
    *student = json_incref(json_array_get(items, 0));
    json_decref(items);
    if (!*student)
        return err_set(e, ERR_FORBIDDEN,
                       "您的账号没有关联本联合体的学生信息，请联系学校 (your account is not linked "
                       "to a student record of this consortium; ask your school)");
    return 0;
}

int store_round_set_list(store_conn *c, int64_t round_id, bool rankings, int64_t owner,
                         const int64_t *ids, size_t n, err_t *e)
{
    if (exec_int(c,
                 rankings ? "DELETE FROM match_rankings WHERE round_id = ? AND demand_id = ?"
                          : "DELETE FROM match_choices WHERE round_id = ? AND student_id = ?",
                 e, 2, round_id, owner) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (exec_int(c,
                     rankings ? "INSERT INTO match_rankings(round_id, demand_id, student_id, rank) "
                                "VALUES (?, ?, ?, ?)"
                              : "INSERT INTO match_choices(round_id, student_id, demand_id, rank) "
                                "VALUES (?, ?, ?, ?)",
                     e, 4, round_id, owner, ids[i], (int64_t)(i + 1)) != 0)
            return -1;
    return 0;
}

int store_round_choices(store_conn *c, int64_t round_id, int64_t student_id, json_t **items,
                        err_t *e)
{
    return rows_json(c,
                     "SELECT m.rank, m.demand_id, d.job_title, o.name AS enterprise, "
                     "d.headcount AS capacity FROM match_choices m JOIN demand d ON "
                     "d.id = m.demand_id JOIN organizations o ON o.id = d.enterprise_id "
                     "WHERE m.round_id = ? AND m.student_id = ? ORDER BY m.rank",
                     items, e, 2, round_id, student_id);
}

bool store_round_is_applicant(store_conn *c, int64_t round_id, int64_t demand_id,
                              int64_t student_id)
{
    db_stmt *st = lookup_stmt(c, "SELECT 1 FROM match_choices m JOIN students s ON s.id = "
                                 "m.student_id AND " SHARED " WHERE m.round_id = ? AND "
                                 "m.demand_id = ? AND m.student_id = ?");
    if (!st)
        return false;
    db_bind_int64(st, 1, round_id);
    db_bind_int64(st, 2, demand_id);
    db_bind_int64(st, 3, student_id);
    bool yes = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    return yes;
}

int store_round_applicants(store_conn *c, int64_t round_id, int64_t demand_id, json_t **items,
                           err_t *e)
{
    return rows_json(
        c,
        /* a subquery: PostgreSQL takes an alias alone in ORDER BY, not in an expression */
        "SELECT * FROM (SELECT s.id AS student_id, s.name, o.name AS school, s.major_code, "
        "mj.name AS major_name, s.level, s.cohort, s.skills, s.certificates, "
        "m.rank AS choice_rank, (SELECT k.rank FROM match_rankings k WHERE k.round_id = "
        "m.round_id AND k.demand_id = m.demand_id AND k.student_id = s.id) AS ranked "
        "FROM match_choices m JOIN students s ON s.id = m.student_id "
        "JOIN organizations o ON o.id = s.school_id "
        "LEFT JOIN majors mj ON mj.code = s.major_code AND mj.deleted_at IS NULL "
        "WHERE m.round_id = ? AND m.demand_id = ? AND " SHARED
        ") x ORDER BY ranked IS NULL, ranked, choice_rank, student_id",
        items, e, 2, round_id, demand_id);
}

int store_round_ranking(store_conn *c, int64_t round_id, int64_t demand_id, json_t **ids, err_t *e)
{
    json_t *rows = NULL;
    if (rows_json(c,
                  "SELECT m.student_id FROM match_rankings m JOIN students s ON s.id = "
                  "m.student_id AND " SHARED " WHERE m.round_id = ? AND m.demand_id = ? "
                  "ORDER BY m.rank",
                  &rows, e, 2, round_id, demand_id) != 0)
        return -1;
    *ids = json_array();
    size_t i;
    json_t *r;
    json_array_foreach (rows, i, r)
        json_array_append(*ids, json_object_get(r, "student_id"));
    json_decref(rows);
    return 0;
}

int store_round_clear_results(store_conn *c, int64_t round_id, err_t *e)
{
    return exec_int(c, "DELETE FROM match_results WHERE round_id = ?", e, 1, round_id);
}

int store_round_add_result(store_conn *c, int64_t round_id, int64_t student_id, int64_t demand_id,
                           int64_t choice_rank, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO match_results(round_id, student_id, demand_id, "
                            "choice_rank) VALUES (?, ?, ?, ?)",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, round_id);
    db_bind_int64(st, 2, student_id);
    if (demand_id)
        db_bind_int64(st, 3, demand_id);
    else
        db_bind_null(st, 3);
    if (demand_id)
        db_bind_int64(st, 4, choice_rank);
    else
        db_bind_null(st, 4);
    int step = db_step(st);
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "round result");
}

#define RESULT_COLUMNS                                                                             \
    "SELECT r.student_id, s.student_no, s.name, s.school_id, o.name AS school, s.major_code, "     \
    "s.consent, "                                                                                  \
    "r.demand_id, d.job_title, eo.name AS enterprise, d.enterprise_id, r.choice_rank, "            \
    "(SELECT count(*) FROM match_choices m WHERE m.round_id = r.round_id AND m.student_id = "      \
    "r.student_id) AS choices "                                                                    \
    "FROM match_results r JOIN students s ON s.id = r.student_id "                                 \
    "JOIN organizations o ON o.id = s.school_id "                                                  \
    "LEFT JOIN demand d ON d.id = r.demand_id "                                                    \
    "LEFT JOIN organizations eo ON eo.id = d.enterprise_id WHERE r.round_id = ?1 "

int store_round_results(store_conn *c, int64_t round_id, int64_t school_id, int64_t enterprise_id,
                        json_t **items, err_t *e)
{
    if (school_id)
        return rows_json(c, RESULT_COLUMNS "AND s.school_id = ?2 ORDER BY s.student_no", items, e,
                         2, round_id, school_id);
    if (enterprise_id)
        return rows_json(c, RESULT_COLUMNS "AND d.enterprise_id = ?2 ORDER BY r.demand_id, s.id",
                         items, e, 2, round_id, enterprise_id);
    return rows_json(c, RESULT_COLUMNS "ORDER BY o.name, s.student_no", items, e, 1, round_id);
}

/* The school's students as one filtered, sorted page (issue 16: 804
 * students were one 44 000-pixel page).  One inner query gives each
 * student's list length and, once the round is published (?3 = 1), the
 * stored result; the filter, the order (one of a fixed set) and the page
 * apply over it, and the same WHERE counts the exact total. */
#define SCHOOL_ROWS                                                                                \
    "SELECT * FROM (SELECT s.id AS student_id, s.student_no, s.name, s.major_code, "               \
    "mj.name AS major_name, s.consent, "                                                           \
    "(SELECT count(*) FROM match_choices m WHERE m.round_id = ?1 AND m.student_id = s.id) "        \
    "AS choices, CASE WHEN ?3 = 1 THEN x.demand_id END AS demand_id, "                             \
    "CASE WHEN ?3 = 1 THEN d.job_title END AS job_title, "                                         \
    "CASE WHEN ?3 = 1 THEN eo.name END AS enterprise, "                                            \
    "CASE WHEN ?3 = 1 THEN x.choice_rank END AS choice_rank "                                      \
    "FROM students s JOIN match_rounds rd ON rd.id = ?1 "                                          \
    "LEFT JOIN majors mj ON mj.code = s.major_code AND mj.deleted_at IS NULL "                     \
    "LEFT JOIN match_results x ON x.round_id = ?1 AND x.student_id = s.id "                        \
    "LEFT JOIN demand d ON d.id = x.demand_id "                                                    \
    "LEFT JOIN organizations eo ON eo.id = d.enterprise_id "                                       \
    "WHERE s.school_id = ?2 AND s.consortium_id = rd.consortium_id AND s.deleted_at IS NULL) r "   \
    "WHERE (?4 = '' OR instr(lower(coalesce(name, '')), ?4) > 0 OR "                               \
    "instr(lower(coalesce(student_no, '')), ?4) > 0 OR instr(lower(coalesce(major_code, '')), "    \
    "?4) > 0 "                                                                                     \
    "OR instr(lower(coalesce(major_name, '')), ?4) > 0 OR instr(lower(coalesce(job_title, '')), "  \
    "?4) > 0 "                                                                                     \
    "OR instr(lower(coalesce(enterprise, '')), ?4) > 0) AND (?5 = '' OR "                          \
    "(?5 = 'none' AND choices = 0) OR (?5 = 'submitted' AND choices > 0) OR "                      \
    "(?5 = 'matched' AND demand_id IS NOT NULL) OR "                                               \
    "(?5 = 'unmatched' AND ?3 = 1 AND demand_id IS NULL)) "

static const struct {
    const char *key, *sql;
} school_orders[] = {
    {"student_no", SCHOOL_ROWS "ORDER BY student_no, student_id LIMIT ?6 OFFSET ?7"},
    {"-student_no", SCHOOL_ROWS "ORDER BY student_no DESC, student_id DESC LIMIT ?6 OFFSET ?7"},
    {"name", SCHOOL_ROWS "ORDER BY name, student_no, student_id LIMIT ?6 OFFSET ?7"},
    {"-name", SCHOOL_ROWS "ORDER BY name DESC, student_no, student_id LIMIT ?6 OFFSET ?7"},
    {"major_code", SCHOOL_ROWS "ORDER BY major_code, student_no, student_id LIMIT ?6 OFFSET ?7"},
    {"-major_code",
     SCHOOL_ROWS "ORDER BY major_code DESC, student_no, student_id LIMIT ?6 OFFSET ?7"},
    {"choices", SCHOOL_ROWS "ORDER BY choices, student_no, student_id LIMIT ?6 OFFSET ?7"},
    {"-choices", SCHOOL_ROWS "ORDER BY choices DESC, student_no, student_id LIMIT ?6 OFFSET ?7"},
    {"result", SCHOOL_ROWS "ORDER BY choice_rank IS NULL, choice_rank, student_no, student_id "
                           "LIMIT ?6 OFFSET ?7"},
    {"-result", SCHOOL_ROWS "ORDER BY choice_rank IS NULL DESC, choice_rank DESC, student_no, "
                            "student_id LIMIT ?6 OFFSET ?7"},
};

bool store_round_school_sort_known(const char *sort)
{
    for (size_t i = 0; i < sizeof school_orders / sizeof *school_orders; i++)
        if (!strcmp(school_orders[i].key, sort))
            return true;
    return false;
}

static void school_bind(db_stmt *st, int64_t round_id, int64_t school_id,
                        const store_school_page *p, const char *needle)
{
    db_bind_int64(st, 1, round_id);
    db_bind_int64(st, 2, school_id);
    db_bind_int(st, 3, p->published ? 1 : 0);
    db_bind_text(st, 4, needle, -1);
    db_bind_text(st, 5, p->show ? p->show : "", -1);
}

int store_round_school_page(store_conn *c, int64_t round_id, int64_t school_id,
                            const store_school_page *p, json_t **items, int64_t *total, err_t *e)
{
    const char *sql = school_orders[0].sql;
    for (size_t i = 0; i < sizeof school_orders / sizeof *school_orders; i++)
        if (p->sort && !strcmp(school_orders[i].key, p->sort))
            sql = school_orders[i].sql;
    /* instr() over lower(): ASCII letters fold, Chinese matches as typed. */
    char *needle = xstrdup(p->q ? p->q : "");
    for (char *k = needle; *k; k++)
        if (*k >= 'A' && *k <= 'Z')
            *k = (char)(*k - 'A' + 'a');
    int rc = -1;
    db_stmt *st = conn_stmt(c, "SELECT count(*) FROM (" SCHOOL_ROWS ") AS page", e);
    if (!st)
        goto out;
    school_bind(st, round_id, school_id, p, needle);
    if (db_step(st) != DB_ROW) {
        conn_fail(c, e, "round school count");
        db_reset(st);
        goto out;
    }
    *total = db_column_int64(st, 0);
    db_reset(st);
    if (!(st = conn_stmt(c, sql, e)))
        goto out;
    school_bind(st, round_id, school_id, p, needle);
    db_bind_int64(st, 6, p->limit);
    db_bind_int64(st, 7, p->offset);
    if (stmt_rows(c, st, NULL, NULL, items, "round school", e) != 0)
        goto out;
    booleans(*items, "consent");
    rc = 0;
out:
    free(needle);
    return rc;
}

int store_round_school_counts(store_conn *c, int64_t round_id, int64_t school_id, bool published,
                              json_t **counts, err_t *e)
{
    json_t *rows = NULL;
    db_stmt *st = conn_stmt(c,
                            "SELECT count(*) AS students, coalesce(sum(choices > 0), 0) AS "
                            "submitted, coalesce(sum(demand_id IS NOT NULL), 0) AS matched "
                            "FROM (" SCHOOL_ROWS ") AS page",
                            e);
    if (!st)
        return -1;
    store_school_page all = {.q = "", .show = "", .published = published};
    school_bind(st, round_id, school_id, &all, "");
    if (stmt_rows(c, st, NULL, NULL, &rows, "round school counts", e) != 0)
        return -1;
    *counts = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    if (!*counts)
        *counts = json_object();
    return 0;
}

int store_round_unmatched_by_major(store_conn *c, int64_t round_id, json_t **items, err_t *e)
{
    return rows_json(c,
                     "SELECT s.major_code, mj.name, count(*) AS students, "
                     "sum(r.demand_id IS NULL) AS unmatched FROM match_results r "
                     "JOIN students s ON s.id = r.student_id LEFT JOIN majors mj ON "
                     "mj.code = s.major_code AND mj.deleted_at IS NULL WHERE r.round_id = ? "
                     "GROUP BY s.major_code, mj.name ORDER BY unmatched DESC, s.major_code",
                     items, e, 1, round_id);
}

int store_crosswalk_occupations(store_conn *c, int64_t consortium_id, const char *major,
                                json_t **codes, err_t *e)
{
    db_stmt *st = conn_stmt(
        c,
        "SELECT occupation_code FROM crosswalk WHERE major_code = ?2 AND deleted_at IS NULL AND "
        "(weight IS NULL OR weight > 0) AND ((consortium_id = ?1) OR (consortium_id IS NULL AND "
        "NOT EXISTS (SELECT 1 FROM crosswalk x WHERE x.consortium_id = ?1 AND x.deleted_at IS "
        "NULL)))",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_text(st, 2, major, -1);
    return stmt_rows(c, st, row_first, NULL, codes, "crosswalk", e);
}

int64_t store_round_proposals(store_conn *c, int64_t round_id)
{
    db_stmt *st = conn_stmt(c, "SELECT proposals FROM match_rounds WHERE id = ?", NULL);
    if (!st)
        return -1;
    db_bind_int64(st, 1, round_id);
    int64_t n =
        db_step(st) == DB_ROW && db_column_type(st, 0) != DB_NULL ? db_column_int64(st, 0) : -1;
    db_reset(st);
    return n;
}

int store_round_set_proposals(store_conn *c, int64_t round_id, int64_t proposals, err_t *e)
{
    return exec_int(c,
                    "UPDATE match_rounds SET proposals = ?, revision = revision + 1 WHERE id = ?",
                    e, 2, proposals, round_id);
}

int store_round_set_state(store_conn *c, int64_t round_id, const char *status, const char *verdict,
                          const char *matched_at, const char *published_at, err_t *e)
{
    char now[21];
    now_utc(now);
    db_stmt *st = conn_stmt(c,
                            "UPDATE match_rounds SET status = ?, verdict = coalesce(?, "
                            "verdict), matched_at = coalesce(?, matched_at), published_at = "
                            "coalesce(?, published_at), updated_at = ?, revision = revision "
                            "+ 1 WHERE id = ? AND deleted_at IS NULL",
                            e);
    if (!st)
        return -1;
    db_bind_text(st, 1, status, -1);
    db_bind_text(st, 2, verdict, -1);
    db_bind_text(st, 3, matched_at, -1);
    db_bind_text(st, 4, published_at, -1);
    db_bind_text(st, 5, now, -1);
    db_bind_int64(st, 6, round_id);
    int step = db_step(st);
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "round state");
}
