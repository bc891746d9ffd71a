/*
 * todo.c — each role's to-do list and figures (see todo.h); the counts
 * are store_todo.c's named queries.
 *
 * The lists below say, per role, which queries make its to-do list and
 * its figures, in both languages, and the page where each is done.  The
 * scope each query runs over is the caller's own: the secretariat's
 * consortium, the unit of an organisation user, the user of a student;
 * the platform admin's queries cover the instance.  A unit's list also
 * follows its type: an enterprise ranks and evaluates interns, a school
 * places students, a government department publishes policies.
 *
 * Dates are China time (the deadlines of rounds and work-plan items are
 * dates there, as domain/round.c reads them).
 */
#include "domain/todo.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/util.h"

typedef struct {
    const char *key; /* store_todo.c's query */
    const char *zh, *en;
    const char *link; /* to-dos: the page where it is done */
} todo_def;

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, NULL, NULL                                                                     \
    }

static const todo_def secretariat_items[] = {
    {"demand_drafts", "人才需求草稿待发布", "Draft demand items to publish",
     "/workspace/demand-all"},
    {"demand_report_due", "最新一期人才需求尚未发布报告",
     "Demand report of the latest period to publish", "/workspace/demand-reports"},
    {"rounds_collecting", "双选轮次正在收集志愿或排序",
     "Matching rounds collecting lists or rankings", "/workspace/match-rounds"},
    {"rounds_to_run", "双选轮次待匹配或待公布", "Matching rounds to run or publish",
     "/workspace/match-rounds"},
    {"motions_open", "待表决的议题", "Motions open for votes", "/workspace/meetings"},
    {"work_plan_overdue", "已逾期的工作计划事项", "Work-plan items overdue",
     "/workspace/work-plan"},
    {"agreements_expiring", "60 天内到期的合作协议", "Agreements expiring within 60 days",
     "/workspace/agreements"},
    {"announcement_drafts", "通知公告草稿待发布", "Draft announcements to publish",
     "/workspace/announcements"},
    {"policy_drafts", "政策草稿待发布", "Draft policies to publish", "/workspace/policies"},
    {"project_drafts", "项目草稿待发布", "Draft projects to publish", "/workspace/projects"},
    END};
static const todo_def secretariat_figures[] = {
    {"members", "成员单位", "Member units", NULL},
    {"demand_headcount", "已发布需求人数", "Headcount in published demand", NULL},
    {"rounds_active", "进行中的双选轮次", "Matching rounds under way", NULL},
    {"interns_active", "在岗实习生", "Interns on placement", NULL},
    END};

static const todo_def enterprise_items[] = {
    {"org_rankings_due", "有申请者待排序的岗位", "Positions with applicants to rank",
     "/workspace/match-rankings"},
    {"org_demand_drafts", "人才需求草稿待发布", "Draft demand items to publish",
     "/workspace/my-demand"},
    {"org_interns_to_evaluate", "待评价的实习生", "Interns to evaluate", "/workspace/my-interns"},
    END};
static const todo_def enterprise_figures[] = {
    {"org_demand_published", "已发布需求", "Published demand items", NULL},
    {"org_demand_headcount", "需求人数", "Headcount wanted", NULL},
    {"org_interns_hosted", "在岗实习生", "Interns on placement", NULL},
    {"org_consortia", "所在联合体", "Consortia joined", NULL},
    END};

static const todo_def school_items[] = {
    {"org_students_without_list", "尚未填报志愿的学生", "Students without a list in open rounds",
     "/workspace/match-status"},
    {"org_students_unmatched", "双选后尚未落实去向的学生", "Students left unplaced by a round",
     "/workspace/match-status"},
    {"org_placements_to_close", "已过结束日期仍在岗的实习", "Placements past their end date",
     "/workspace/my-placements"},
    END};
static const todo_def school_figures[] = {
    {"org_students", "在册学生", "Students", NULL},
    {"org_interns_placed", "在岗实习生", "Students on placement", NULL},
    {"org_graduates", "预计毕业生（最近一期）", "Expected graduates (latest period)", NULL},
    {"org_consortia", "所在联合体", "Consortia joined", NULL},
    END};

static const todo_def government_items[] = {{"org_publication_drafts", "政策与项目草稿待发布",
                                             "Draft policies and projects to publish",
                                             "/workspace/my-publications"},
                                            END};
static const todo_def unit_figures[] = {{"org_consortia", "所在联合体", "Consortia joined", NULL},
                                        END};

static const todo_def student_items[] = {
    {"student_lists_due", "待填报的双选志愿", "Matching lists to fill in", "/workspace/matching"},
    {"student_results", "双选结果已公布", "Matching results published", "/workspace/matching"},
    END};
static const todo_def student_figures[] = {
    {"student_rounds_open", "开放填报的轮次", "Rounds open for lists", NULL},
    {"student_choices", "已填志愿", "Choices on my lists", NULL},
    {"student_placements", "我的顶岗实习", "My placements", NULL},
    END};

static const todo_def admin_items[] = {
    {"admin_failed_logins", "今日登录失败", "Failed sign-ins today", "/workspace/login-log"},
    {"admin_users_disabled", "已停用的账号", "Disabled accounts", "/workspace/users"},
    END};
static const todo_def admin_figures[] = {
    {"admin_consortia", "联合体", "Consortia", NULL},
    {"admin_users", "用户", "Users", NULL},
    {"admin_failed_logins", "今日登录失败", "Failed sign-ins today", NULL},
    {"admin_users_disabled", "已停用的账号", "Disabled accounts", NULL},
    END};

static const todo_def authority_items[] = {
    {"authority_review", "已提交的年度评估待评阅", "Submitted assessments to review",
     "/workspace/authority"},
    {"authority_missing", "上一年度尚无评估的联合体", "Consortia without last year's assessment",
     "/workspace/authority"},
    END};
static const todo_def authority_figures[] = {
    {"authority_consortia", "监管的联合体", "Consortia overseen", NULL},
    {"authority_submitted", "上一年度已提交评估", "Last year's assessments submitted", NULL},
    {"authority_review", "待评阅", "To review", NULL},
    END};

static const char *const SCHOOL_TYPES[] = {"higher_vocational", "secondary_vocational",
                                           "undergraduate", NULL};

static bool in(const char *s, const char *const *list)
{
    for (; s && *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

/* A China-time date, days from today, into out[11]. */
static void day_cst(time_t now, int days, char out[11])
{
    time_t t = now + 8 * 3600 + (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Append one entry per definition: to-dos only when something waits
 * (items != NULL), figures always. */
static int add(store_conn *sc, const todo_def *defs, int64_t scope, const store_todo_days *days,
               json_t *items, json_t *figures, err_t *e)
{
    for (const todo_def *d = defs; d->key; d++) {
        int64_t n = 0;
        char due[11];
        if (store_todo_count(sc, d->key, scope, days, &n, due, e) != 0)
            return -1;
        if (figures) {
            json_array_append_new(figures,
                                  json_pack("{s:s,s:s,s:s,s:I}", "key", d->key, "label_zh", d->zh,
                                            "label_en", d->en, "value", (json_int_t)n));
        } else if (n > 0) {
            json_array_append_new(
                items, json_pack("{s:s,s:I,s:s,s:s,s:o,s:s}", "kind", d->key, "count",
                                 (json_int_t)n, "title_zh", d->zh, "title_en", d->en, "due",
                                 due[0] ? json_string(due) : json_null(), "link", d->link));
        }
    }
    return 0;
}

int todo_list(store_conn *sc, const caller_t *c, json_t **out, err_t *e)
{
    if (!caller_signed_in(c) || c->system)
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    time_t now = time(NULL);
    char today[11], soon[11], recent[11], start[21];
    day_cst(now, 0, today);
    day_cst(now, 60, soon);
    day_cst(now, -60, recent);
    /* midnight China time, on the UTC clock of the login log */
    time_utc((int64_t)((now + 8 * 3600) / 86400 * 86400 - 8 * 3600), start);
    store_todo_days days = {today, soon, recent, start};

    const todo_def *items_of = NULL, *figures_of = NULL;
    int64_t scope = 0;
    json_t *org = NULL;
    if (caller_is_admin(c)) {
        items_of = admin_items;
        figures_of = admin_figures;
    } else if (strcmp(c->role, "secretariat") == 0 && c->consortium_id) {
        items_of = secretariat_items;
        figures_of = secretariat_figures;
        scope = c->consortium_id;
    } else if (strcmp(c->role, "authority") == 0 && c->org_id) {
        items_of = authority_items;
        figures_of = authority_figures;
        scope = c->org_id;
    } else if (strcmp(c->role, "student") == 0) {
        items_of = student_items;
        figures_of = student_figures;
        scope = c->user_id;
    } else if ((strcmp(c->role, "org_admin") == 0 || strcmp(c->role, "org_staff") == 0) &&
               c->org_id) {
        if (store_entity_get(sc, entity_find("organizations"), c->org_id, &org, e) != 0)
            return -1;
        const char *type = json_string_value(json_object_get(org, "type"));
        scope = c->org_id;
        if (type && strcmp(type, "enterprise") == 0) {
            items_of = enterprise_items;
            figures_of = enterprise_figures;
        } else if (in(type, SCHOOL_TYPES)) {
            items_of = school_items;
            figures_of = school_figures;
        } else {
            items_of = type && strcmp(type, "government") == 0 ? government_items : NULL;
            figures_of = unit_figures;
        }
    }
    json_t *items = json_array(), *figures = json_array();
    int rc = -1;
    if ((items_of && add(sc, items_of, scope, &days, items, NULL, e) != 0) ||
        (figures_of && add(sc, figures_of, scope, &days, NULL, figures, e) != 0))
        goto out;
    *out = json_pack("{s:s,s:s,s:O,s:O}", "role", c->role, "today", today, "items", items,
                     "figures", figures);
    rc = 0;
out:
    json_decref(org);
    json_decref(items);
    json_decref(figures);
    return rc;
}
