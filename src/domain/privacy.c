/*
 * privacy.c — a person's data under PIPL (see privacy.h): the rules of
 * export, erasure and the retention purge; the SQL is store_privacy.c.
 *
 * Who erases: the school that keeps the student's record (the same rule
 * as deleting the record, students' ACT_DELETE in entities_talent.c) or
 * a platform admin — never the secretariat, an enterprise or the student
 * (a student asks their school, which answers for the record).  The
 * check comes before the body is read, and again inside the transaction.
 */
#include "domain/privacy.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/record.h"

static const entity_def *students(void)
{
    return entity_find("students");
}

/* Rows of entity `name` whose student_id is sid, appended to arr. */
static int add_rows(store_conn *sc, const char *name, int64_t sid, json_t *arr, err_t *e)
{
    json_t *items = NULL;
    if (store_entity_rows_by(sc, entity_find(name), "student_id", sid, &items, e) != 0)
        return -1;
    json_array_extend(arr, items);
    json_decref(items);
    return 0;
}

int privacy_export(store_conn *sc, const caller_t *c, json_t **out, err_t *e)
{
    if (!caller_signed_in(c) || c->system)
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    json_t *account = NULL, *studs = NULL, *audit = NULL, *logins = NULL;
    json_t *pl = json_array(), *eo = json_array(), *ce = json_array(), *lists = json_array(),
           *results = json_array();
    json_t *filters = json_pack("{s:I}", "user_id", (json_int_t)c->user_id);
    int64_t total = 0;
    int rc = -1;
    if (store_entity_get(sc, entity_find("users"), c->user_id, &account, e) != 0 ||
        store_entity_rows_by(sc, students(), "user_id", c->user_id, &studs, e) != 0)
        goto out;
    size_t i;
    json_t *s;
    json_array_foreach (studs, i, s) {
        int64_t sid = json_integer_value(json_object_get(s, "id"));
        json_t *ch = NULL, *re = NULL;
        if (add_rows(sc, "placements", sid, pl, e) != 0 ||
            add_rows(sc, "employment_outcomes", sid, eo, e) != 0 ||
            add_rows(sc, "certificates", sid, ce, e) != 0 ||
            store_privacy_rounds(sc, sid, &ch, &re, e) != 0)
            goto out;
        json_array_extend(lists, ch);
        json_array_extend(results, re);
        json_decref(ch);
        json_decref(re);
    }
    /* The user's own sign-ins (addresses, browsers), the newest likewise. */
    store_login_query lq = {.scope_user = c->user_id, .ok = -1};
    int64_t login_total = 0;
    if (store_audit_list(sc, 0, filters, 1, PRIVACY_EXPORT_ACTIONS, &audit, &total, e) != 0 ||
        store_login_log_list(sc, &lq, 1, PRIVACY_EXPORT_ACTIONS, &logins, &login_total, e) != 0)
        goto out;
    char now[21];
    now_utc(now);
    *out = json_pack(
        "{s:s,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:{s:O,s:I},s:{s:O,s:I}}", "generated_at", now, "account",
        account, "students", studs, "placements", pl, "employment_outcomes", eo, "certificates", ce,
        "round_lists", lists, "round_results", results, "own_actions", "items", audit, "total",
        (json_int_t)total, "login_log", "items", logins, "total", (json_int_t)login_total);
    rc = 0;
out:
    json_decref(account);
    json_decref(studs);
    json_decref(audit);
    json_decref(logins);
    json_decref(pl);
    json_decref(eo);
    json_decref(ce);
    json_decref(lists);
    json_decref(results);
    json_decref(filters);
    return rc;
}

int privacy_may_erase(store_conn *sc, const caller_t *c, int64_t student_id, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    json_t *row = NULL;
    if (store_entity_get(sc, students(), student_id, &row, e) != 0)
        return -1;
    int rc = perm_check(sc, c, students(), ACT_DELETE, row, e);
    /* Like record_delete: a record the caller may not read is not there. */
    if (rc != 0 && perm_check(sc, c, students(), ACT_READ, row, NULL) != 0) {
        err_clear(e);
        err_set(e, ERR_NOT_FOUND, "学生 %lld 不存在 (not found)", (long long)student_id);
    }
    json_decref(row);
    return rc;
}

/* One student, inside the caller's transaction, with its audit entry. */
static int erase_one(store_conn *sc, const caller_t *c, const char *action, int64_t sid,
                     store_erase_counts *n, bool *account, err_t *e)
{
    int64_t cid = 0, uid = 0;
    if (store_privacy_student(sc, sid, &cid, &uid, e) != 0 ||
        store_privacy_erase(sc, sid, uid, n, e) != 0)
        return -1;
    *account = uid != 0;
    json_t *after = json_pack("{s:I,s:I,s:I,s:I,s:b}", "placements", (json_int_t)n->placements,
                              "employment_outcomes", (json_int_t)n->outcomes, "certificates",
                              (json_int_t)n->certificates, "round_rows", (json_int_t)n->round_rows,
                              "account_disabled", uid != 0);
    int rc = record_audit(sc, c, action, "students", sid, cid, NULL, after, e);
    json_decref(after);
    return rc;
}

int privacy_erase(store_conn *sc, const caller_t *c, int64_t student_id, bool confirmed,
                  json_t **out, err_t *e)
{
    store_erase_counts n;
    bool account = false;
    if (store_begin(sc, e) != 0)
        return -1;
    if (privacy_may_erase(sc, c, student_id, e) != 0)
        goto fail;
    if (!confirmed) {
        err_field(e, "confirm", "请确认删除 (confirm the erasure: true)");
        err_set(
            e, ERR_INVALID,
            "删除学生个人信息不可撤销，请确认 (erasing a student cannot be undone; confirm it)");
        goto fail;
    }
    if (erase_one(sc, c, "erase", student_id, &n, &account, e) != 0 || store_commit(sc, e) != 0)
        goto fail;
    store_privacy_flush(sc);
    *out = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:b}", "student_id", (json_int_t)student_id,
                     "placements", (json_int_t)n.placements, "employment_outcomes",
                     (json_int_t)n.outcomes, "certificates", (json_int_t)n.certificates,
                     "round_rows", (json_int_t)n.round_rows, "audit_entries",
                     (json_int_t)n.audit_entries, "account_disabled", account);
    return 0;
fail:
    store_rollback(sc);
    store_privacy_flush(sc);
    return -1;
}

int privacy_purge_last_year(int years, const char *today)
{
    int y = atoi(today);
    bool after_july = strlen(today) >= 10 && strcmp(today + 5, "07-01") >= 0;
    return after_july ? y - years : y - years - 1;
}

int privacy_purge(store_conn *sc, int years, bool dry_run, const char *today, json_t **out,
                  err_t *e)
{
    if (years < 1 || years > 100)
        return err_set(e, ERR_INVALID, "保存年限应为 1 到 100 年 (years must be 1–100)");
    int last = privacy_purge_last_year(years, today);
    int64_t *ids = NULL;
    size_t n = 0;
    store_erase_counts sum = {0}, one;
    caller_t sys = caller_system();
    bool account;
    if (store_begin(sc, e) != 0)
        return -1;
    if (store_privacy_graduated(sc, last, &ids, &n, e) != 0)
        goto fail;
    for (size_t i = 0; !dry_run && i < n; i++) {
        if (erase_one(sc, &sys, "purge", ids[i], &one, &account, e) != 0)
            goto fail;
        sum.placements += one.placements;
        sum.outcomes += one.outcomes;
        sum.certificates += one.certificates;
    }
    if (store_commit(sc, e) != 0)
        goto fail;
    store_privacy_flush(sc);
    free(ids);
    *out = json_pack("{s:I,s:i,s:b,s:I,s:I,s:I}", "students", (json_int_t)n, "graduated_by", last,
                     "dry_run", dry_run, "placements", (json_int_t)sum.placements,
                     "employment_outcomes", (json_int_t)sum.outcomes, "certificates",
                     (json_int_t)sum.certificates);
    return 0;
fail:
    free(ids);
    store_rollback(sc);
    store_privacy_flush(sc);
    return -1;
}
