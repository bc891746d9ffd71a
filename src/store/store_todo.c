/*
 * store_todo.c — the counts behind each role's to-do list and home
 * figures (GET /api/v1/me/todo; the rules of who sees which are in
 * domain/todo.c).
 *
 * Every to-do or figure is one named query that answers one row: how many
 * things wait, and the earliest date among them (NULL when dates do not
 * apply).  The queries take the same numbered parameters, so the domain
 * names a query and a scope and never builds SQL:
 *
 *   ?1  the scope: a consortium (secretariat), a unit (its staff) or a
 *       user (a student); unused by the platform admin's queries
 *   ?2  today (YYYY-MM-DD, China time)
 *   ?3  the horizon of "soon" (today + 60 days)
 *   ?4  the start of "recent" (today − 60 days)
 *   ?5  the start of today as UTC text (the login log's clock)
 *
 * The counts only ever cover rows of the scope, never names or values, so
 * a to-do list tells nobody more than the pages it links to.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

/* The consortia the authority unit ?1 oversees (store_internal.h's
 * STORE_AUTHORITY_OVERSEEN with the numbered parameter of these queries). */
#define AUTHORITY_OVERSEEN                                                                         \
    "SELECT oa.id FROM consortia oa JOIN authority_scopes os ON os.deleted_at IS NULL AND "        \
    "(os.consortium_id = oa.id OR (os.region_prefix IS NOT NULL AND "                              \
    "substr(oa.region_code, 1, length(os.region_prefix)) = os.region_prefix)) "                    \
    "WHERE oa.deleted_at IS NULL AND os.organization_id = ?1"

/* Live rows only; a soft-deleted row waits for nobody. */
#define LIVE(t) t ".deleted_at IS NULL"

static const struct {
    const char *key;
    const char *sql;
} todo_queries[] = {
    /* ---- secretariat: ?1 = consortium ---- */
    {"demand_drafts", "SELECT count(*), NULL FROM demand d WHERE d.consortium_id = ?1 AND "
                      "d.status = 'draft' AND " LIVE("d")},
    {"announcement_drafts", "SELECT count(*), NULL FROM announcements a WHERE a.consortium_id = ?1 "
                            "AND a.status = 'draft' AND " LIVE("a")},
    {"policy_drafts", "SELECT count(*), NULL FROM policies p WHERE p.consortium_id = ?1 AND "
                      "p.status = 'draft' AND " LIVE("p")},
    {"project_drafts", "SELECT count(*), NULL FROM projects p WHERE p.consortium_id = ?1 AND "
                       "p.status = 'draft' AND " LIVE("p")},
    /* the newest period with published demand and no published report */
    {"demand_report_due",
     "SELECT count(*), NULL FROM (SELECT max(d.period) AS period FROM demand d WHERE "
     "d.consortium_id = ?1 AND d.status = 'published' AND " LIVE(
         "d") ") p WHERE p.period IS NOT "
              "NULL AND NOT EXISTS (SELECT 1 FROM demand_reports r WHERE r.consortium_id = ?1 AND "
              "r.period = p.period AND " LIVE("r") ")"},
    /* rounds whose lists or rankings are being collected: the deadline
     * of the phase each is in */
    {"rounds_collecting",
     "SELECT count(*), min(CASE r.status WHEN 'open' THEN r.apply_by ELSE r.rank_by END) FROM "
     "match_rounds r WHERE r.consortium_id = ?1 AND r.status IN ('open', 'ranking') AND " LIVE(
         "r")},
    /* closed rounds to run, matched ones to publish */
    {"rounds_to_run", "SELECT count(*), NULL FROM match_rounds r WHERE r.consortium_id = ?1 AND "
                      "r.status IN ('closed', 'matched') AND " LIVE("r")},
    /* motions of meetings still to be held: votes to take */
    {"motions_open", "SELECT count(*), min(m.held_on) FROM agenda_items a JOIN meetings m ON "
                     "m.id = a.meeting_id AND " LIVE("m") " WHERE a.consortium_id = ?1 AND "
                                                          "m.status = 'planned' AND " LIVE("a")},
    {"work_plan_overdue",
     "SELECT count(*), min(w.due_on) FROM work_plan_items w WHERE w.consortium_id = ?1 AND "
     "w.due_on < ?2 AND w.status NOT IN ('done', 'cancelled') AND " LIVE("w")},
    {"agreements_expiring",
     "SELECT count(*), min(a.ends_on) FROM agreements a WHERE a.consortium_id = ?1 AND "
     "a.ends_on >= ?2 AND a.ends_on <= ?3 AND a.status IN ('signed', 'in_force') AND " LIVE("a")},
    /* secretariat figures */
    {"members", "SELECT count(DISTINCT m.organization_id), NULL FROM memberships m WHERE "
                "m.consortium_id = ?1 AND (m.left_on IS NULL OR m.left_on > ?2) AND " LIVE("m")},
    {"demand_headcount", "SELECT coalesce(sum(d.headcount), 0), NULL FROM demand d WHERE "
                         "d.consortium_id = ?1 AND d.status = 'published' AND " LIVE("d")},
    {"rounds_active", "SELECT count(*), NULL FROM match_rounds r WHERE r.consortium_id = ?1 AND "
                      "r.status IN ('open', 'ranking', 'closed', 'matched') AND " LIVE("r")},
    {"interns_active", "SELECT count(*), NULL FROM placements p WHERE p.consortium_id = ?1 AND "
                       "p.status = 'active' AND " LIVE("p")},

    /* ---- a unit's staff: ?1 = the unit ---- */
    {"org_demand_drafts", "SELECT count(*), NULL FROM demand d WHERE d.enterprise_id = ?1 AND "
                          "d.status = 'draft' AND " LIVE("d")},
    /* the unit's positions that students applied to (consenting, so the
     * enterprise sees them) and that it has not ranked, in rounds that
     * still take rankings */
    {"org_rankings_due",
     "SELECT count(DISTINCT r.id || ':' || c.demand_id), min(r.rank_by) FROM match_rounds r "
     "JOIN match_choices c ON c.round_id = r.id JOIN demand d ON d.id = c.demand_id "
     "JOIN students s ON s.id = c.student_id AND s.consent = 1 AND " LIVE(
         "s") " WHERE "
              "d.enterprise_id = ?1 AND r.status IN ('open', 'ranking') AND (r.rank_by IS NULL OR "
              "r.rank_by >= ?2) AND " LIVE(
                  "r") " AND NOT EXISTS (SELECT 1 FROM match_rankings k WHERE "
                       "k.round_id = r.id AND k.demand_id = c.demand_id)"},
    /* interns whose placement ended (or whose end date passed) without
     * the host's evaluation */
    {"org_interns_to_evaluate",
     "SELECT count(*), min(p.ends_on) FROM placements p WHERE p.enterprise_id = ?1 AND "
     "(p.status = 'completed' OR (p.status = 'active' AND p.ends_on < ?2)) AND p.grade IS NULL "
     "AND p.score IS NULL AND (p.evaluation IS NULL OR p.evaluation = '') AND " LIVE("p")},
    /* the school's students without a list in rounds open for lists */
    {"org_students_without_list",
     "SELECT count(*), min(r.apply_by) FROM match_rounds r JOIN students s ON "
     "s.consortium_id = r.consortium_id AND s.school_id = ?1 AND " LIVE(
         "s") " WHERE "
              "r.status = 'open' AND " LIVE(
                  "r") " AND NOT EXISTS (SELECT 1 FROM match_choices c WHERE "
                       "c.round_id = r.id AND c.student_id = s.id)"},
    /* the school's students left unplaced by a round published lately */
    {"org_students_unmatched",
     "SELECT count(*), NULL FROM match_results x JOIN match_rounds r ON r.id = x.round_id JOIN "
     "students s ON s.id = x.student_id AND " LIVE(
         "s") " WHERE s.school_id = ?1 AND "
              "x.demand_id IS NULL AND r.status = 'published' AND r.published_at >= ?4 AND " LIVE(
                  "r")},
    /* placements still 在岗 after their end date: to close or extend */
    {"org_placements_to_close",
     "SELECT count(*), min(p.ends_on) FROM placements p WHERE p.school_id = ?1 AND "
     "p.status = 'active' AND p.ends_on < ?2 AND " LIVE("p")},
    {"org_publication_drafts",
     "SELECT (SELECT count(*) FROM policies p WHERE p.publisher_org_id = ?1 AND "
     "p.status = 'draft' AND " LIVE("p") ") + (SELECT count(*) FROM projects p WHERE "
                                         "p.publisher_org_id = ?1 AND p.status = 'draft' AND " LIVE(
                                             "p") "), NULL"},
    /* a unit's figures */
    {"org_consortia",
     "SELECT count(DISTINCT m.consortium_id), NULL FROM memberships m WHERE "
     "m.organization_id = ?1 AND (m.left_on IS NULL OR m.left_on > ?2) AND " LIVE("m")},
    {"org_demand_published", "SELECT count(*), NULL FROM demand d WHERE d.enterprise_id = ?1 AND "
                             "d.status = 'published' AND " LIVE("d")},
    {"org_demand_headcount", "SELECT coalesce(sum(d.headcount), 0), NULL FROM demand d WHERE "
                             "d.enterprise_id = ?1 AND d.status = 'published' AND " LIVE("d")},
    {"org_interns_hosted", "SELECT count(*), NULL FROM placements p WHERE p.enterprise_id = ?1 AND "
                           "p.status = 'active' AND " LIVE("p")},
    {"org_students", "SELECT count(*), NULL FROM students s WHERE s.school_id = ?1 AND " LIVE("s")},
    {"org_interns_placed", "SELECT count(*), NULL FROM placements p WHERE p.school_id = ?1 AND "
                           "p.status = 'active' AND " LIVE("p")},
    {"org_graduates", "SELECT coalesce(sum(s.graduates), 0), NULL FROM supply s WHERE "
                      "s.school_id = ?1 AND s.period = (SELECT max(period) FROM supply t WHERE "
                      "t.school_id = ?1 AND " LIVE("t") ") AND " LIVE("s")},

    /* ---- a student: ?1 = the user ---- */
    {"student_lists_due",
     "SELECT count(*), min(r.apply_by) FROM match_rounds r JOIN students s ON "
     "s.consortium_id = r.consortium_id AND s.user_id = ?1 AND " LIVE(
         "s") " WHERE "
              "r.status = 'open' AND (r.apply_by IS NULL OR r.apply_by >= ?2) AND " LIVE(
                  "r") " AND NOT "
                       "EXISTS (SELECT 1 FROM match_choices c WHERE c.round_id = r.id AND "
                       "c.student_id = s.id)"},
    {"student_results", "SELECT count(*), NULL FROM match_results x JOIN match_rounds r ON "
                        "r.id = x.round_id JOIN students s ON s.id = x.student_id AND s.user_id = "
                        "?1 AND " LIVE("s") " WHERE r.status = 'published' AND r.published_at >= "
                                            "?4 AND " LIVE("r")},
    {"student_rounds_open",
     "SELECT count(*), NULL FROM match_rounds r JOIN students s ON s.consortium_id = "
     "r.consortium_id AND s.user_id = ?1 AND " LIVE("s") " WHERE r.status = 'open' AND " LIVE("r")},
    {"student_choices", "SELECT count(*), NULL FROM match_choices c JOIN match_rounds r ON r.id = "
                        "c.round_id AND r.status = 'open' AND " LIVE(
                            "r") " JOIN students s ON "
                                 "s.id = c.student_id AND s.user_id = ?1 AND " LIVE("s")},
    {"student_placements", "SELECT count(*), NULL FROM placements p JOIN students s ON s.id = "
                           "p.student_id AND s.user_id = ?1 AND " LIVE("s") " WHERE " LIVE("p")},

    /* ---- authority: ?1 = its unit; the consortia it oversees (023) ---- */
    /* submissions no authority has commented on or returned since */
    {"authority_review",
     "SELECT count(*), min(substr(a.submitted_at, 1, 10)) FROM assessments a WHERE a.status = "
     "'submitted' AND a.consortium_id IN (" AUTHORITY_OVERSEEN ") AND NOT EXISTS (SELECT 1 FROM "
     "assessment_comments k JOIN users u ON u.id = k.user_id AND u.role = 'authority' WHERE "
     "k.assessment_id = a.id AND k.created_at >= a.submitted_at)"},
    /* overseen consortia without an assessment of last year */
    {"authority_missing",
     "SELECT count(*), NULL FROM consortia c WHERE c.id IN (" AUTHORITY_OVERSEEN ") AND NOT "
     "EXISTS (SELECT 1 FROM assessments a WHERE a.consortium_id = c.id AND a.year = "
     "CAST(substr(?2, 1, 4) AS INTEGER) - 1)"},
    {"authority_consortia",
     "SELECT count(*), NULL FROM consortia c WHERE c.id IN (" AUTHORITY_OVERSEEN ")"},
    {"authority_submitted",
     "SELECT count(*), NULL FROM assessments a WHERE a.consortium_id IN (" AUTHORITY_OVERSEEN
     ") AND a.status = 'submitted' AND a.year = CAST(substr(?2, 1, 4) AS INTEGER) - 1"},

    /* ---- platform admin: the whole instance ---- */
    {"admin_failed_logins", "SELECT count(*), NULL FROM login_log l WHERE l.event = 'login' AND "
                            "l.ok = 0 AND l.at >= ?5"},
    {"admin_users_disabled",
     "SELECT count(*), NULL FROM users u WHERE u.disabled = 1 AND " LIVE("u")},
    {"admin_consortia", "SELECT count(*), NULL FROM consortia c WHERE " LIVE("c")},
    {"admin_users", "SELECT count(*), NULL FROM users u WHERE " LIVE("u")},
};

int store_todo_count(store_conn *c, const char *key, int64_t scope, const store_todo_days *days,
                     int64_t *count, char due[11], err_t *e)
{
    const char *sql = NULL;
    for (size_t i = 0; i < sizeof todo_queries / sizeof todo_queries[0]; i++)
        if (strcmp(todo_queries[i].key, key) == 0)
            sql = todo_queries[i].sql;
    if (!sql)
        return err_set(e, ERR_INTERNAL, "未知的待办 (unknown to-do %s)", key);
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    const char *text[] = {days->today, days->soon, days->recent, days->day_start_utc};
    int n = db_bind_count(st);
    if (n >= 1)
        db_bind_int64(st, 1, scope);
    for (int i = 2; i <= n && i <= 5; i++)
        db_bind_text_static(st, i, text[i - 2], -1);
    int step = db_step(st);
    *count = 0;
    due[0] = '\0';
    if (step == DB_ROW) {
        *count = db_column_int64(st, 0);
        const char *d = db_column_text(st, 1);
        if (d)
            snprintf(due, 11, "%s", d);
    }
    db_reset(st);
    if (step != DB_ROW)
        return conn_fail(c, e, "to-do count");
    return 0;
}
