/*
 * store_register.c — the register's questions that are not plain rows:
 * composition (units by type), the council in role order, vote tallies,
 * membership checks and agreement statistics.
 *
 * "Current" membership means not soft-deleted, not yet left, and of an
 * organisation that is not deleted itself.  A unit with several council
 * roles has several membership rows; composition counts DISTINCT units,
 * as the reports do ("84 member units").
 */
#include <jansson.h>
#include <string.h>

#include "store/store_internal.h"

#define MEMBER_ON(day)                                                                             \
    "m.deleted_at IS NULL AND (m.joined_on IS NULL OR m.joined_on <= " day ") AND "                \
    "(m.left_on IS NULL OR m.left_on > " day ") AND EXISTS "                                       \
    "(SELECT 1 FROM organizations mo WHERE mo.id = m.organization_id AND "                         \
    "mo.deleted_at IS NULL)"
#define CURRENT_MEMBER MEMBER_ON("date('now')")
/* A motion is counted against the council and members as they were on the
 * day of its meeting, so a later change to the register cannot change a
 * result already reached. */
#define MEETING_DAY "(SELECT mt.held_on FROM meetings mt WHERE mt.id = a.meeting_id)"

#define COUNTED_VOTES(choice)                                                                      \
    "(SELECT count(*) FROM votes v WHERE v.agenda_item_id = a.id AND v.deleted_at IS NULL "        \
    "AND v.choice = '" choice "' AND (a.base = 'present' OR v.organization_id IN "                 \
    "(SELECT m.organization_id FROM memberships m WHERE m.consortium_id = a.consortium_id "        \
    "AND (a.base <> 'council' OR m.role <> 'member') AND " MEMBER_ON(MEETING_DAY) ")))"

extern const enum_opt org_types[];
extern const enum_opt council_roles[];
extern const enum_opt agreement_types[];

int store_composition(store_conn *c, int64_t consortium_id, json_t **out, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT o.type, count(DISTINCT o.id) FROM memberships m "
                            "JOIN organizations o ON o.id = m.organization_id AND "
                            "o.deleted_at IS NULL WHERE m.consortium_id = ? AND " CURRENT_MEMBER
                            " GROUP BY o.type",
                            e);
    if (!st)
        return -1;
    json_t *by_type = json_object();
    for (const enum_opt *o = org_types; o->value; o++)
        json_object_set_new(by_type, o->value, json_integer(0));
    json_int_t total = 0;
    db_bind_int64(st, 1, consortium_id);
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        const char *type = db_column_text(st, 0);
        json_int_t n = db_column_int64(st, 1);
        json_object_set_new(by_type, type, json_integer(n));
        total += n;
    }
    db_reset(st);
    if (step != DB_DONE) {
        json_decref(by_type);
        return conn_fail(c, e, "composition");
    }
    *out = json_pack("{s:I,s:o}", "total", (json_int_t)total, "by_type", by_type);
    return 0;
}

/* A council seat with its role's names (a row_maker). */
static json_t *council_row(db_stmt *st, const void *ctx)
{
    static const char *const cols[] = {"membership_id", "organization_id",   "organization_name",
                                       "short_name",    "organization_type", "role",
                                       "term",          "joined_on",         "role_order"};
    (void)ctx;
    json_t *row = json_object();
    for (int k = 0; k < 9; k++)
        json_object_set_new(row, cols[k], column_json(st, k));
    const char *role = db_column_text(st, 5);
    for (const enum_opt *o = council_roles; o->value; o++)
        if (role && strcmp(o->value, role) == 0) {
            json_object_set_new(row, "role_zh", json_string(o->zh));
            json_object_set_new(row, "role_en", json_string(o->en));
        }
    return row;
}

int store_council(store_conn *c, int64_t consortium_id, json_t **items, err_t *e)
{
    /* Role order is the order of council_roles[]; CASE keeps it in SQL so
     * paging and sorting stay in one place. */
    buf_t sql = {0};
    buf_init(&sql);
    buf_puts(&sql, "SELECT m.id, m.organization_id, o.name, o.short_name, o.type, m.role, m.term, "
                   "m.joined_on, CASE m.role");
    int i = 0;
    for (const enum_opt *o = council_roles; o->value; o++, i++)
        buf_printf(&sql, " WHEN '%s' THEN %d", o->value, i);
    buf_puts(&sql, " ELSE 99 END AS role_order FROM memberships m JOIN organizations o ON "
                   "o.id = m.organization_id WHERE m.consortium_id = ? AND " CURRENT_MEMBER
                   " ORDER BY role_order, o.name, m.id");
    db_stmt *st = conn_stmt(c, sql.data, e);
    buf_free(&sql);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    return stmt_rows(c, st, council_row, NULL, items, "council", e);
}

int store_members_recall(store_conn *c, json_t *consortium_ids, json_t *org_ids, err_t *e)
{
    store_members_forget(c);
    /* One statement per consortium (a list names one or two), over the
     * range of the units' ids (memberships_unique leads with the
     * consortium, then the unit); pairs outside the set are dropped. */
    db_stmt *st =
        conn_stmt(c,
                  "SELECT DISTINCT m.organization_id FROM memberships m WHERE "
                  "m.consortium_id = ? AND m.organization_id BETWEEN ? AND ? AND " CURRENT_MEMBER,
                  e);
    if (!st)
        return -1;
    int64_t lo = INT64_MAX, hi = 0;
    size_t i, j;
    json_t *cv, *ov;
    json_array_foreach (org_ids, j, ov) {
        int64_t id = json_integer_value(ov);
        lo = id < lo ? id : lo;
        hi = id > hi ? id : hi;
    }
    json_t *known = json_object();
    char key[48];
    json_array_foreach (consortium_ids, i, cv) {
        int64_t cid = json_integer_value(cv);
        /* Every pair asked is known: a member, or (not in the answer) not. */
        json_array_foreach (org_ids, j, ov) {
            snprintf(key, sizeof key, "%lld|%lld", (long long)cid,
                     (long long)json_integer_value(ov));
            json_object_set_new(known, key, json_false());
        }
        db_reset(st);
        db_bind_int64(st, 1, cid);
        db_bind_int64(st, 2, lo);
        db_bind_int64(st, 3, hi);
        int step;
        while ((step = db_step(st)) == DB_ROW) {
            snprintf(key, sizeof key, "%lld|%lld", (long long)cid,
                     (long long)db_column_int64(st, 0));
            json_t *v = json_object_get(known, key);
            if (v) /* one of the units asked about */
                json_object_set_new(known, key, json_true());
        }
        if (step != DB_DONE) {
            json_decref(known);
            int rc = conn_fail(c, e, "members recall");
            db_reset(st);
            return rc;
        }
    }
    db_reset(st);
    c->members_known = known;
    return 0;
}

void store_members_forget(store_conn *c)
{
    json_decref(c->members_known);
    c->members_known = NULL;
}

bool store_is_member(store_conn *c, int64_t consortium_id, int64_t org_id)
{
    char key[64];
    if (c->members_known) {
        snprintf(key, sizeof key, "%lld|%lld", (long long)consortium_id, (long long)org_id);
        json_t *v = json_object_get(c->members_known, key);
        if (v)
            return json_is_true(v);
    }
    snprintf(key, sizeof key, "m|%lld|%lld", (long long)consortium_id, (long long)org_id);
    if (memo_has(c, key))
        return true;
    db_stmt *st = lookup_stmt(c, "SELECT 1 FROM memberships m WHERE m.consortium_id = ? AND "
                                 "m.organization_id = ? AND " CURRENT_MEMBER " LIMIT 1");
    if (!st)
        return false;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, org_id);
    bool yes = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    if (yes)
        memo_add(c, key);
    return yes;
}

bool store_org_type_in(store_conn *c, int64_t org_id, const char *types)
{
    char key[160];
    snprintf(key, sizeof key, "t|%lld|%.120s", (long long)org_id, types);
    if (memo_has(c, key))
        return true;
    db_stmt *st = lookup_stmt(c, "SELECT 1 FROM organizations WHERE id = ? AND deleted_at IS NULL "
                                 "AND instr(?, ',' || type || ',') > 0");
    if (!st)
        return false;
    db_bind_int64(st, 1, org_id);
    db_bind_text_static(st, 2, types, -1);
    bool yes = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    if (yes)
        memo_add(c, key);
    return yes;
}

bool store_is_council_unit(store_conn *c, int64_t consortium_id, int64_t org_id)
{
    db_stmt *st = lookup_stmt(c, "SELECT 1 FROM memberships m WHERE m.consortium_id = ? AND "
                                 "m.organization_id = ? AND m.role <> 'member' AND " CURRENT_MEMBER
                                 " LIMIT 1");
    if (!st)
        return false;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int64(st, 2, org_id);
    bool yes = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    return yes;
}

bool store_consortium_public(store_conn *c, int64_t consortium_id)
{
    db_stmt *st =
        lookup_stmt(c, "SELECT is_public FROM consortia WHERE id = ? AND deleted_at IS NULL");
    if (!st)
        return false;
    db_bind_int64(st, 1, consortium_id);
    bool yes = lookup_step(c, st) == DB_ROW && db_column_int(st, 0) == 1;
    db_reset(st);
    return yes;
}

int store_vote_tally(store_conn *c, int64_t agenda_item_id, store_tally *t, err_t *e)
{
    memset(t, 0, sizeof *t);
    db_stmt *st = conn_stmt(
        c,
        "SELECT a.consortium_id, " COUNTED_VOTES("for") ", " COUNTED_VOTES(
            "against") ", " COUNTED_VOTES("abstain") ","
                                                     " (SELECT count(DISTINCT m.organization_id) "
                                                     "FROM memberships m WHERE m.consortium_id = "
                                                     "  a.consortium_id AND m.role <> 'member' "
                                                     "AND " MEMBER_ON(
                                                         MEETING_DAY) "),"
                                                                      " (SELECT count(DISTINCT "
                                                                      "m.organization_id) FROM "
                                                                      "memberships m WHERE "
                                                                      "m.consortium_id = "
                                                                      "  a.consortium_id "
                                                                      "AND " MEMBER_ON(
                                                                          MEETING_DAY) ")"
                                                                                       " FROM "
                                                                                       "agenda_"
                                                                                       "items a "
                                                                                       "WHERE a.id "
                                                                                       "= ? AND "
                                                                                       "a.deleted_"
                                                                                       "at IS NULL",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, agenda_item_id);
    int step = db_step(st);
    if (step == DB_ROW) {
        t->votes_for = db_column_int64(st, 1);
        t->votes_against = db_column_int64(st, 2);
        t->votes_abstain = db_column_int64(st, 3);
        t->council_units = db_column_int64(st, 4);
        t->member_units = db_column_int64(st, 5);
    }
    db_reset(st);
    if (step == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "审议事项 %lld 不存在 (agenda item not found)",
                       (long long)agenda_item_id);
    if (step != DB_ROW)
        return conn_fail(c, e, "tally");
    return 0;
}

int store_agreement_stats(store_conn *c, int64_t consortium_id, json_t **out, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT type, coalesce(substr(signed_on,1,4),'unknown'), count(*) "
                            "FROM agreements WHERE consortium_id = ? AND deleted_at IS NULL "
                            "GROUP BY 1, 2 ORDER BY 2, 1",
                            e);
    if (!st)
        return -1;
    json_t *by_type = json_object(), *by_year = json_object();
    for (const enum_opt *o = agreement_types; o->value; o++)
        json_object_set_new(by_type, o->value, json_integer(0));
    json_int_t total = 0;
    db_bind_int64(st, 1, consortium_id);
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        const char *type = db_column_text(st, 0);
        const char *year = db_column_text(st, 1);
        json_int_t n = db_column_int64(st, 2);
        json_object_set_new(by_type, type,
                            json_integer(json_integer_value(json_object_get(by_type, type)) + n));
        json_t *y = json_object_get(by_year, year);
        if (!y) {
            y = json_object();
            json_object_set_new(by_year, year, y);
        }
        json_object_set_new(y, type, json_integer(n));
        total += n;
    }
    db_reset(st);
    if (step != DB_DONE) {
        json_decref(by_type);
        json_decref(by_year);
        return conn_fail(c, e, "agreement stats");
    }
    *out = json_pack("{s:I,s:o,s:o}", "total", total, "by_type", by_type, "by_year", by_year);
    return 0;
}

int store_work_plan_stats(store_conn *c, int64_t consortium_id, json_t **out, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT year, status, count(*), coalesce(avg(progress),0) FROM "
                            "work_plan_items WHERE consortium_id = ? AND deleted_at IS NULL "
                            "GROUP BY year, status ORDER BY year, status",
                            e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    json_t *by_year = json_object();
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        const char *year = db_column_text(st, 0);
        json_t *y = json_object_get(by_year, year);
        if (!y) {
            y = json_pack("{s:i,s:f,s:{}}", "items", 0, "progress_sum", 0.0, "by_status");
            json_object_set_new(by_year, year, y);
        }
        json_int_t n = db_column_int64(st, 2);
        double avg = db_column_double(st, 3);
        json_object_set_new(json_object_get(y, "by_status"), db_column_text(st, 1),
                            json_integer(n));
        json_object_set_new(y, "items",
                            json_integer(json_integer_value(json_object_get(y, "items")) + n));
        json_object_set_new(
            y, "progress_sum",
            json_real(json_real_value(json_object_get(y, "progress_sum")) + avg * (double)n));
    }
    db_reset(st);
    if (step != DB_DONE) {
        json_decref(by_year);
        return conn_fail(c, e, "work plan stats");
    }
    const char *k;
    json_t *y;
    json_object_foreach (by_year, k, y) {
        json_int_t n = json_integer_value(json_object_get(y, "items"));
        double sum = json_real_value(json_object_get(y, "progress_sum"));
        json_object_set_new(y, "average_progress", json_real(n ? sum / (double)n : 0));
        json_object_del(y, "progress_sum");
    }
    *out = json_pack("{s:o}", "by_year", by_year);
    return 0;
}
