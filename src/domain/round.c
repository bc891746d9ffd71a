/*
 * round.c — the rules of matching rounds (see round.h).
 *
 * The engine is the one `chanjiao match` uses (match/match.c): a run turns
 * the stored lists into its flat arrays — students and positions numbered
 * in id order, each list in rank order — solves, verifies, and writes one
 * result row per student, all in one transaction with the status change
 * and an audit entry.  Explanations are recomputed from the same lists and
 * the stored result when a student asks, so they always describe the
 * result that was published.
 */
#include "domain/round.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/record.h"
#include "domain/region.h"
#include "match/match.h"

extern const entity_def match_rounds_entity;

/* ---- helpers -------------------------------------------------------------- */

static const char *sval(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int64_t ival(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

/* Today in China Standard Time, YYYY-MM-DD. */
static void today_cst(char out[11])
{
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static bool past(json_t *round, const char *field)
{
    const char *due = json_string_value(json_object_get(round, field));
    char today[11];
    today_cst(today);
    return due && strcmp(today, due) > 0;
}

/* The round if the caller may read it (404 otherwise). */
static int load(store_conn *sc, const caller_t *c, int64_t id, json_t **round, err_t *e)
{
    return record_get(sc, c, &match_rounds_entity, id, round, e);
}

static bool is_org_user(const caller_t *c)
{
    return c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff"));
}

static int need_secretariat(const caller_t *c, json_t *round, err_t *e)
{
    if (perm_secretariat_of(c, ival(round, "consortium_id")))
        return 0;
    return err_set(e, ERR_FORBIDDEN,
                   "只有本联合体秘书处可以操作 (only the consortium's secretariat)");
}

/* A list of distinct positive ids, at most max long; NULL with e. */
static int64_t *id_list(json_t *arr, const char *field, size_t max, size_t *n, err_t *e)
{
    if (!json_is_array(arr)) {
        err_field(e, field, "应为编号数组 (an array of ids)");
        err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        return NULL;
    }
    *n = json_array_size(arr);
    if (*n > max) {
        err_field(e, field, "最多 %zu 项 (at most %zu)", max, max);
        err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        return NULL;
    }
    int64_t *ids = xcalloc(*n ? *n : 1, sizeof *ids);
    for (size_t i = 0; i < *n; i++) {
        json_t *v = json_array_get(arr, i);
        if (!json_is_integer(v) || json_integer_value(v) <= 0) {
            err_field(e, field, "第 %zu 项不是有效编号 (entry %zu is not an id)", i + 1, i + 1);
            break;
        }
        ids[i] = json_integer_value(v);
        for (size_t j = 0; j < i; j++)
            if (ids[j] == ids[i]) {
                err_field(e, field, "第 %zu 项与第 %zu 项重复 (entry %zu repeats entry %zu)", i + 1,
                          j + 1, i + 1, j + 1);
                break;
            }
        if (e->details)
            break;
    }
    if (e->details) {
        free(ids);
        err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        return NULL;
    }
    return ids;
}

static int audit(store_conn *sc, const caller_t *c, const char *action, json_t *round,
                 json_t *after, err_t *e)
{
    return record_audit(sc, c, action, "match_rounds", ival(round, "id"),
                        ival(round, "consortium_id"), NULL, after, e);
}

/* ---- building the problem ------------------------------------------------- */

typedef struct {
    int64_t *pos_id, *cap;
    size_t np, pcap;
    int64_t *stu_id;
    size_t ns, scap;
    /* choices (student index, position index) in student/rank order */
    uint32_t *cs, *cp;
    size_t nc, ccap;
    /* rankings (position index, student index) in position/rank order */
    uint32_t *rp, *rs;
    size_t nr, rcap;
} round_lists;

static void grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    *cap = *cap ? *cap * 2 : 256;
    if (*cap < need)
        *cap = need;
    *p = xrealloc(*p, *cap * size);
}

static void on_position(void *ctx, int64_t demand_id, int64_t capacity)
{
    round_lists *L = ctx;
    grow((void **)&L->pos_id, &L->pcap, L->np + 1, sizeof *L->pos_id);
    L->cap = xrealloc(L->cap, L->pcap * sizeof *L->cap);
    L->pos_id[L->np] = demand_id;
    L->cap[L->np++] = capacity;
}

static long find_id(const int64_t *ids, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && ids[lo] == id ? (long)lo : -1;
}

static void on_choice(void *ctx, int64_t student, int64_t demand, int64_t rank)
{
    round_lists *L = ctx;
    long p = find_id(L->pos_id, L->np, demand);
    if (p < 0)
        return; /* no longer a position (demand withdrawn) */
    if (!L->ns || L->stu_id[L->ns - 1] != student) {
        grow((void **)&L->stu_id, &L->scap, L->ns + 1, sizeof *L->stu_id);
        L->stu_id[L->ns++] = student;
    }
    size_t cap = L->ccap;
    grow((void **)&L->cs, &cap, L->nc + 1, sizeof *L->cs);
    grow((void **)&L->cp, &L->ccap, L->nc + 1, sizeof *L->cp);
    L->cs[L->nc] = (uint32_t)(L->ns - 1);
    L->cp[L->nc++] = (uint32_t)p;
}

static void on_ranking(void *ctx, int64_t demand, int64_t student, int64_t rank)
{
    round_lists *L = ctx;
    long p = find_id(L->pos_id, L->np, demand), s = find_id(L->stu_id, L->ns, student);
    if (p < 0 || s < 0)
        return; /* ranked someone who has no list: never acceptable */
    size_t cap = L->rcap;
    grow((void **)&L->rp, &cap, L->nr + 1, sizeof *L->rp);
    grow((void **)&L->rs, &L->rcap, L->nr + 1, sizeof *L->rs);
    L->rp[L->nr] = (uint32_t)p;
    L->rs[L->nr++] = (uint32_t)s;
}

static void lists_free(round_lists *L)
{
    free(L->pos_id);
    free(L->cap);
    free(L->stu_id);
    free(L->cs);
    free(L->cp);
    free(L->rp);
    free(L->rs);
    memset(L, 0, sizeof *L);
}

/* The problem of a round; L keeps the ids of both sides. */
static match_problem *build(store_conn *sc, int64_t id, round_lists *L, err_t *e)
{
    memset(L, 0, sizeof *L);
    if (store_round_each_position(sc, id, on_position, L, e) != 0 ||
        store_round_each_entry(sc, id, false, on_choice, L, e) != 0)
        return NULL;
    /* Students come ordered by id from the query. */
    if (store_round_each_entry(sc, id, true, on_ranking, L, e) != 0)
        return NULL;
    uint32_t ns = (uint32_t)L->ns, np = (uint32_t)L->np;
    uint32_t *s_off = xcalloc((size_t)ns + 1, sizeof *s_off);
    uint32_t *s_pos = xcalloc(L->nc ? L->nc : 1, sizeof *s_pos);
    uint32_t *p_off = xcalloc((size_t)np + 1, sizeof *p_off);
    uint32_t *p_stu = xcalloc(L->nr ? L->nr : 1, sizeof *p_stu);
    uint32_t *cap = xcalloc(np ? np : 1, sizeof *cap);
    for (size_t i = 0; i < L->nc; i++) {
        s_off[L->cs[i] + 1]++;
        s_pos[i] = L->cp[i];
    }
    for (uint32_t s = 0; s < ns; s++)
        s_off[s + 1] += s_off[s];
    for (size_t i = 0; i < L->nr; i++) {
        p_off[L->rp[i] + 1]++;
        p_stu[i] = L->rs[i];
    }
    for (uint32_t p = 0; p < np; p++) {
        p_off[p + 1] += p_off[p];
        cap[p] = L->cap[p] > 0 ? (uint32_t)L->cap[p] : 0;
    }
    return match_problem_new(ns, np, s_off, s_pos, p_off, p_stu, cap);
}

/* The stored assignment as the engine's array (MATCH_NONE = unmatched). */
static uint32_t *stored_assignment(store_conn *sc, int64_t id, const round_lists *L, err_t *e)
{
    json_t *rows = NULL;
    if (store_round_results(sc, id, 0, 0, &rows, e) != 0)
        return NULL;
    uint32_t *a = xcalloc(L->ns ? L->ns : 1, sizeof *a);
    for (size_t i = 0; i < L->ns; i++)
        a[i] = MATCH_NONE;
    size_t i;
    json_t *r;
    json_array_foreach (rows, i, r) {
        long s = find_id(L->stu_id, L->ns, ival(r, "student_id"));
        long p = find_id(L->pos_id, L->np, ival(r, "demand_id"));
        if (s >= 0 && p >= 0)
            a[s] = (uint32_t)p;
    }
    json_decref(rows);
    return a;
}

/* ---- status ------------------------------------------------------------- */

static int run(store_conn *sc, const caller_t *c, json_t *round, err_t *e)
{
    int64_t id = ival(round, "id");
    round_lists L;
    match_problem *m = build(sc, id, &L, e);
    if (!m) {
        lists_free(&L);
        return -1;
    }
    match_result r;
    match_solve(m,
                !strcmp(sval(round, "optimal"), "position") ? MATCH_POSITION_OPTIMAL
                                                            : MATCH_STUDENT_OPTIMAL,
                &r);
    match_verdict v;
    int rc = -1;
    if (!match_verify(m, r.student_pos, &v)) {
        err_set(e, ERR_INTERNAL, "匹配结果未通过稳定性校验 (the result failed verification): %s",
                v.message);
        goto out;
    }
    if (store_round_clear_results(sc, id, e) != 0)
        goto out;
    size_t k = 0; /* index into the choices, in student order */
    for (uint32_t s = 0; s < L.ns; s++) {
        int64_t demand = 0, rank = 0, pos_rank = 0;
        for (; k < L.nc && L.cs[k] == s; k++) {
            pos_rank++;
            if (r.student_pos[s] != MATCH_NONE && L.cp[k] == r.student_pos[s])
                rank = pos_rank;
        }
        if (r.student_pos[s] != MATCH_NONE)
            demand = L.pos_id[r.student_pos[s]];
        if (store_round_add_result(sc, id, L.stu_id[s], demand, rank, e) != 0)
            goto out;
    }
    char verdict[1024], now[21];
    snprintf(verdict, sizeof verdict,
             "稳定 (stable)：没有哪名学生和哪个岗位彼此都更想要对方却没能配成，岗位都未超"
             "名额，每一对录取双方都在对方的名单上 (no student and position would both rather "
             "have each other than what they got; no position is over its seats; every "
             "placement is on both sides' lists) — %u/%zu 名学生录取 (%u/%zu students placed)，"
             "算法共提出 %llu 次申请 (%llu proposals)",
             r.matched, L.ns, r.matched, L.ns, (unsigned long long)r.proposals,
             (unsigned long long)r.proposals);
    now_utc(now);
    if (store_round_set_state(sc, id, "matched", verdict, now, NULL, e) != 0 ||
        store_round_set_proposals(sc, id, (int64_t)r.proposals, e) != 0)
        goto out;
    json_t *after =
        json_pack("{s:I,s:I,s:I,s:s}", "students", (json_int_t)L.ns, "matched",
                  (json_int_t)r.matched, "proposals", (json_int_t)r.proposals, "verdict", verdict);
    rc = audit(sc, c, "run", round, after, e);
    json_decref(after);
out:
    free(r.student_pos);
    match_problem_free(m);
    lists_free(&L);
    return rc;
}

/* Publishing turns every matched pair into an internship placement
 * (顶岗实习, status planned) of the round's year, for the school and the
 * host enterprise to fill in.  Written as the system: the placements
 * register is the schools', but these rows are the round's result, which
 * the secretariat's publish step has just made final. */
static int placements_from(store_conn *sc, json_t *round, int64_t *made, err_t *e)
{
    json_t *rows = NULL;
    *made = 0;
    if (store_round_results(sc, ival(round, "id"), 0, 0, &rows, e) != 0)
        return -1;
    caller_t sys = caller_system();
    const entity_def *pd = entity_find("placements");
    size_t i;
    json_t *r;
    int rc = 0;
    json_array_foreach (rows, i, r) {
        /* A student who withdrew consent after the run is not placed: the
         * placement would show the host enterprise their record. */
        if (!json_is_integer(json_object_get(r, "demand_id")) || !pd || !ival(r, "consent"))
            continue;
        json_t *p = json_pack(
            "{s:I,s:O,s:O,s:O,s:s,s:I}", "consortium_id", (json_int_t)ival(round, "consortium_id"),
            "student_id", json_object_get(r, "student_id"), "enterprise_id",
            json_object_get(r, "enterprise_id"), "demand_id", json_object_get(r, "demand_id"),
            "status", "planned", "year", (json_int_t)ival(round, "period"));
        const char *post = json_string_value(json_object_get(r, "job_title"));
        if (post)
            json_object_set_new(p, "post", json_string(post));
        int64_t pid;
        rc = record_create_quiet(sc, &sys, pd, p, &pid, e);
        json_decref(p);
        if (rc != 0)
            break;
        (*made)++;
    }
    json_decref(rows);
    return rc;
}

int round_action(store_conn *sc, const caller_t *c, int64_t id, const char *action, json_t **out,
                 err_t *e)
{
    static const struct {
        const char *action, *from1, *from2, *to;
    } steps[] = {{"open", "draft", NULL, "open"},
                 {"close-applications", "open", NULL, "ranking"},
                 {"close", "open", "ranking", "closed"},
                 {"run", "closed", "matched", "matched"},
                 {"publish", "matched", NULL, "published"}};
    json_t *round = NULL;
    int rc = -1;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (store_begin(sc, e) != 0)
        return -1;
    if (load(sc, c, id, &round, e) != 0 || need_secretariat(c, round, e) != 0)
        goto out;
    size_t i = 0, n = sizeof steps / sizeof *steps;
    while (i < n && strcmp(steps[i].action, action))
        i++;
    if (i == n) {
        err_set(e, ERR_NOT_FOUND, "没有这个操作 (no such action): %s", action);
        goto out;
    }
    const char *st = sval(round, "status");
    if (strcmp(st, steps[i].from1) && !(steps[i].from2 && !strcmp(st, steps[i].from2))) {
        err_set(e, ERR_CONFLICT, "当前状态“%s”下不能执行“%s” (not allowed in status %s)",
                entity_enum_zh(entity_field(&match_rounds_entity, "status"), st), action, st);
        goto out;
    }
    if (!strcmp(action, "run")) {
        if (run(sc, c, round, e) != 0)
            goto out;
    } else {
        char now[21];
        now_utc(now);
        if (store_round_set_state(sc, id, steps[i].to, NULL, NULL,
                                  !strcmp(action, "publish") ? now : NULL, e) != 0)
            goto out;
        int64_t made = 0;
        if (!strcmp(action, "publish") && placements_from(sc, round, &made, e) != 0)
            goto out;
        json_t *after = json_pack("{s:s,s:s,s:I}", "from", st, "to", steps[i].to, "placements",
                                  (json_int_t)made);
        int arc = audit(sc, c, action, round, after, e);
        json_decref(after);
        if (arc != 0)
            goto out;
    }
    json_decref(round);
    round = NULL;
    if (store_commit(sc, e) != 0)
        goto done;
    rc = load(sc, c, id, out, e);
    goto done;
out:
    store_rollback(sc);
done:
    json_decref(round);
    return rc;
}

/* ---- positions and lists ---------------------------------------------------- */

int round_positions(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *round = NULL, *items = NULL;
    if (load(sc, c, id, &round, e) != 0)
        return -1;
    json_decref(round);
    if (store_round_positions(sc, id, &items, e) != 0)
        return -1;
    *out = json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return 0;
}

/* The caller's student record in the round's consortium. */
static int my_student(store_conn *sc, const caller_t *c, json_t *round, json_t **student, err_t *e)
{
    if (strcmp(c->role, "student") != 0 || !c->user_id)
        return err_set(e, ERR_FORBIDDEN, "只有学生可以填报志愿 (only students rank positions)");
    return store_round_student_of_user(sc, ival(round, "consortium_id"), c->user_id, student, e);
}

int round_may_list(store_conn *sc, const caller_t *c, int64_t id, err_t *e)
{
    json_t *round = NULL, *student = NULL;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    int rc = load(sc, c, id, &round, e) != 0 || my_student(sc, c, round, &student, e) != 0 ? -1 : 0;
    json_decref(round);
    json_decref(student);
    return rc;
}

/* Whether c ranks for some position of the round: the unit's users rank
 * their own positions, the secretariat for units without accounts. */
static int may_rank(const caller_t *c, json_t *round, err_t *e)
{
    if (is_org_user(c) || perm_secretariat_of(c, ival(round, "consortium_id")))
        return 0;
    return err_set(e, ERR_FORBIDDEN, "只能为本企业的岗位排序 (only your enterprise's positions)");
}

int round_may_rank(store_conn *sc, const caller_t *c, int64_t id, err_t *e)
{
    json_t *round = NULL, *positions = NULL;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    int rc = load(sc, c, id, &round, e) != 0 || may_rank(c, round, e) != 0 ? -1 : 0;
    /* An organisation's user ranks only with a position of its own in the
     * round (a school has none). */
    if (rc == 0 && !perm_secretariat_of(c, ival(round, "consortium_id"))) {
        rc = -1;
        if (store_round_positions(sc, id, &positions, e) == 0) {
            size_t i;
            json_t *p;
            json_array_foreach (positions, i, p)
                if (ival(p, "enterprise_id") == c->org_id)
                    rc = 0;
            if (rc != 0)
                err_set(e, ERR_FORBIDDEN,
                        "只有在本轮有岗位的企业和秘书处可以排序 (only enterprises with positions "
                        "in the round, and the secretariat, rank applicants)");
        }
    }
    json_decref(round);
    json_decref(positions);
    return rc;
}

int round_save_list(store_conn *sc, const caller_t *c, int64_t id, json_t *positions, json_t **out,
                    err_t *e)
{
    json_t *round = NULL, *student = NULL, *list = NULL;
    int64_t *ids = NULL;
    size_t n = 0;
    int rc = -1;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (load(sc, c, id, &round, e) != 0 || my_student(sc, c, round, &student, e) != 0)
        goto out;
    if (strcmp(sval(round, "status"), "open")) {
        err_set(e, ERR_CONFLICT,
                "本轮不在报名阶段，志愿不能修改 (the round is not open for lists)");
        goto out;
    }
    if (past(round, "apply_by")) {
        err_set(e, ERR_CONFLICT, "志愿填报已于 %s 截止 (lists were due on %s)",
                sval(round, "apply_by"), sval(round, "apply_by"));
        goto out;
    }
    if (!json_is_true(json_object_get(student, "consent"))) {
        err_set(e, ERR_CONFLICT,
                "请先同意将个人信息用于双向选择（向所申请的企业提供）(consent first to share your "
                "profile with the enterprises you apply to)");
        goto out;
    }
    ids = id_list(positions, "positions", (size_t)ival(round, "max_choices"), &n, e);
    if (!ids)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (!store_round_position_owner(sc, id, ids[i]))
            err_field(e, "positions",
                      "第 %zu 项（%lld）不是本轮的岗位 (entry %zu is not a position "
                      "of this round)",
                      i + 1, (long long)ids[i], i + 1);
    if (e->details) {
        err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        goto out;
    }
    if (store_begin(sc, e) != 0)
        goto out;
    json_t *after = json_pack("{s:I,s:I}", "student_id", (json_int_t)ival(student, "id"), "choices",
                              (json_int_t)n);
    int wrc = store_round_set_list(sc, id, false, ival(student, "id"), ids, n, e);
    if (wrc == 0)
        wrc = audit(sc, c, "list", round, after, e);
    json_decref(after);
    if (wrc != 0 || store_commit(sc, e) != 0) {
        store_rollback(sc);
        goto out;
    }
    if (store_round_choices(sc, id, ival(student, "id"), &list, e) != 0)
        goto out;
    *out = json_pack("{s:I,s:I,s:o}", "round_id", (json_int_t)id, "student_id",
                     (json_int_t)ival(student, "id"), "positions", list);
    rc = 0;
out:
    free(ids);
    json_decref(round);
    json_decref(student);
    return rc;
}

int round_my(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *round = NULL, *student = NULL, *list = NULL, *result = json_null(), *why = json_array();
    int rc = -1;
    if (!caller_signed_in(c)) {
        rc = err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
        goto out;
    }
    if (load(sc, c, id, &round, e) != 0 || my_student(sc, c, round, &student, e) != 0 ||
        store_round_choices(sc, id, ival(student, "id"), &list, e) != 0)
        goto out;
    if (!strcmp(sval(round, "status"), "published")) {
        json_t *rows = NULL;
        if (store_round_results(sc, id, ival(student, "school_id"), 0, &rows, e) != 0)
            goto out;
        size_t i;
        json_t *r;
        json_array_foreach (rows, i, r)
            if (ival(r, "student_id") == ival(student, "id") &&
                json_is_integer(json_object_get(r, "demand_id"))) {
                json_decref(result);
                result = json_pack(
                    "{s:O,s:O,s:O,s:O}", "demand_id", json_object_get(r, "demand_id"), "job_title",
                    json_object_get(r, "job_title"), "enterprise", json_object_get(r, "enterprise"),
                    "choice_rank", json_object_get(r, "choice_rank"));
            }
        json_decref(rows);
        /* Why not the positions ranked above the one received. */
        round_lists L;
        match_problem *m = build(sc, id, &L, e);
        uint32_t *a = m ? stored_assignment(sc, id, &L, e) : NULL;
        long s = m ? find_id(L.stu_id, L.ns, ival(student, "id")) : -1;
        if (m && a && s >= 0) {
            match_why *w = NULL;
            size_t nw = match_explain(m, a, (uint32_t)s, &w);
            for (size_t k = 0; k < nw; k++) {
                int64_t demand = L.pos_id[w[k].position];
                json_t *entry = NULL;
                json_array_foreach (list, i, r)
                    if (ival(r, "demand_id") == demand)
                        entry = r;
                char zh[256], en[256];
                if (w[k].kind == MATCH_WHY_FILLED) {
                    snprintf(zh, sizeof zh, "该岗位 %u 个名额已由企业排序更靠前的 %u 名学生占满",
                             w[k].capacity, w[k].higher);
                    snprintf(en, sizeof en,
                             "its %u seats went to %u students the enterprise ranked above you",
                             w[k].capacity, w[k].higher);
                } else {
                    snprintf(zh, sizeof zh, "企业没有将您列入该岗位的排序（双方互选才可匹配）");
                    snprintf(en, sizeof en,
                             "the enterprise did not rank you for it (both sides must list each "
                             "other)");
                }
                json_array_append_new(
                    why,
                    json_pack(
                        "{s:I,s:O,s:O,s:O,s:s,s:I,s:I,s:s,s:s}", "demand_id", (json_int_t)demand,
                        "job_title", entry ? json_object_get(entry, "job_title") : json_null(),
                        "enterprise", entry ? json_object_get(entry, "enterprise") : json_null(),
                        "rank", entry ? json_object_get(entry, "rank") : json_null(), "why",
                        w[k].kind == MATCH_WHY_FILLED ? "filled" : "not_acceptable", "higher",
                        (json_int_t)w[k].higher, "capacity", (json_int_t)w[k].capacity, "reason_zh",
                        zh, "reason_en", en));
            }
            free(w);
        }
        free(a);
        if (m)
            match_problem_free(m);
        lists_free(&L);
        if (e->code != ERR_NONE)
            goto out;
    }
    *out =
        json_pack("{s:O,s:s,s:O,s:o,s:O,s:O}", "student", student, "status", sval(round, "status"),
                  "list", list, "result", result, "explanation", why, "round", round);
    rc = 0;
out:
    json_decref(round);
    json_decref(student);
    json_decref(list);
    json_decref(why);
    if (rc != 0)
        json_decref(result);
    return rc;
}

/* ---- suggestions ------------------------------------------------------------ */

/* Items of a 、-joined tag list, as a JSON array of strings. */
static json_t *tags(const char *s)
{
    json_t *a = json_array();
    while (s && *s) {
        const char *sep = strstr(s, "\xE3\x80\x81");
        size_t n = sep ? (size_t)(sep - s) : strlen(s);
        if (n)
            json_array_append_new(a, json_stringn(s, n));
        s = sep ? sep + 3 : NULL;
    }
    return a;
}

static bool has_string(json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach (arr, i, v)
        if (!strcmp(json_string_value(v), s))
            return true;
    return false;
}

static int cmp_score(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int64_t sx = ival(x, "score"), sy = ival(y, "score");
    if (sx != sy)
        return sx < sy ? 1 : -1;
    int64_t dx = ival(x, "demand_id"), dy = ival(y, "demand_id");
    return dx < dy ? -1 : dx > dy;
}

int round_suggestions(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *round = NULL, *student = NULL, *positions = NULL, *occ = NULL;
    int rc = -1;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (load(sc, c, id, &round, e) != 0 || my_student(sc, c, round, &student, e) != 0 ||
        store_round_positions(sc, id, &positions, e) != 0 ||
        store_crosswalk_occupations(sc, ival(round, "consortium_id"), sval(student, "major_code"),
                                    &occ, e) != 0)
        goto out;
    json_t *mine = tags(sval(student, "skills"));
    const char *region = sval(student, "region_code");
    size_t n = json_array_size(positions), i;
    json_t **v = xcalloc(n ? n : 1, sizeof *v);
    json_t *p;
    json_array_foreach (positions, i, p) {
        json_t *theirs = tags(sval(p, "skills")), *overlap = json_array();
        size_t k;
        json_t *t;
        json_array_foreach (theirs, k, t)
            if (has_string(mine, json_string_value(t)))
                json_array_append(overlap, t);
        bool cw = has_string(occ, sval(p, "occupation_code"));
        bool same = *region && !strcmp(region, sval(p, "region_code"));
        json_t *rz = json_array(), *re = json_array();
        if (json_array_size(overlap)) {
            buf_t b;
            buf_init(&b);
            json_array_foreach (overlap, k, t)
                buf_printf(&b, "%s%s", k ? "、" : "", json_string_value(t));
            char *z = xasprintf("技能相符：%s", b.data),
                 *en = xasprintf("matching skills: %s", b.data);
            json_array_append_new(rz, json_string(z));
            json_array_append_new(re, json_string(en));
            free(z);
            free(en);
            buf_free(&b);
        }
        if (cw) {
            char major[300], job[300];
            region_catalog_label(sc, "majors", sval(student, "major_code"), major, sizeof major);
            region_catalog_label(sc, "occupations", sval(p, "occupation_code"), job, sizeof job);
            char *z = xasprintf("专业对口：%s 对应职业 %s", major, job);
            char *en = xasprintf("your major %s feeds occupation %s", major, job);
            json_array_append_new(rz, json_string(z));
            json_array_append_new(re, json_string(en));
            free(z);
            free(en);
        }
        if (same) {
            char place[300];
            region_catalog_label(sc, "regions", region, place, sizeof place);
            char *z = xasprintf("与学校同一地区（%s）", place);
            char *en = xasprintf("in your school's region (%s)", place);
            json_array_append_new(rz, json_string(z));
            json_array_append_new(re, json_string(en));
            free(z);
            free(en);
        }
        /* Skills count most, one point each; a crosswalk match is worth two
         * skills, the same region one. */
        int64_t score = (int64_t)json_array_size(overlap) + (cw ? 2 : 0) + (same ? 1 : 0);
        v[i] = json_pack(
            "{s:O,s:O,s:O,s:O,s:O,s:I,s:o,s:b,s:b,s:o,s:o}", "demand_id",
            json_object_get(p, "demand_id"), "job_title", json_object_get(p, "job_title"),
            "enterprise", json_object_get(p, "enterprise"), "occupation_code",
            json_object_get(p, "occupation_code"), "occupation_name",
            json_object_get(p, "occupation_name"), "score", (json_int_t)score, "skill_overlap",
            overlap, "crosswalk", cw, "same_region", same, "reasons_zh", rz, "reasons_en", re);
        json_decref(theirs);
    }
    qsort(v, n, sizeof *v, cmp_score);
    json_t *items = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(items, v[i]);
    free(v);
    json_decref(mine);
    *out = json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)n);
    rc = 0;
out:
    json_decref(round);
    json_decref(student);
    json_decref(positions);
    json_decref(occ);
    return rc;
}

/* ---- enterprises ------------------------------------------------------------ */

int round_applicants(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *round = NULL, *positions = NULL, *results = NULL;
    int rc = -1;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (load(sc, c, id, &round, e) != 0)
        goto out;
    if (!is_org_user(c)) {
        err_set(e, ERR_FORBIDDEN, "只有企业用户查看本企业岗位的申请者 (for enterprise users)");
        goto out;
    }
    bool published = !strcmp(sval(round, "status"), "published");
    if (store_round_positions(sc, id, &positions, e) != 0 ||
        (published && store_round_results(sc, id, 0, c->org_id, &results, e) != 0))
        goto out;
    json_t *mine = json_array();
    size_t i;
    json_t *p;
    json_array_foreach (positions, i, p) {
        if (ival(p, "enterprise_id") != c->org_id)
            continue;
        json_t *apps = NULL, *ranking = NULL;
        int64_t d = ival(p, "demand_id");
        if (store_round_applicants(sc, id, d, &apps, e) != 0 ||
            store_round_ranking(sc, id, d, &ranking, e) != 0) {
            json_decref(apps);
            json_decref(mine);
            goto out;
        }
        json_t *got = json_null();
        if (published) {
            got = json_array();
            size_t k;
            json_t *r;
            json_array_foreach (results, k, r)
                if (ival(r, "demand_id") == d)
                    json_array_append(got, json_object_get(r, "student_id"));
        }
        json_array_append_new(mine,
                              json_pack("{s:I,s:O,s:O,s:o,s:o,s:o}", "demand_id", (json_int_t)d,
                                        "job_title", json_object_get(p, "job_title"), "capacity",
                                        json_object_get(p, "capacity"), "applicants", apps,
                                        "ranking", ranking, "result", got));
    }
    *out = json_pack("{s:s,s:o}", "status", sval(round, "status"), "positions", mine);
    rc = 0;
out:
    json_decref(round);
    json_decref(positions);
    json_decref(results);
    return rc;
}

int round_save_ranking(store_conn *sc, const caller_t *c, int64_t id, int64_t demand_id,
                       json_t *students, json_t **out, err_t *e)
{
    json_t *round = NULL;
    int64_t *ids = NULL;
    size_t n = 0;
    int rc = -1;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (load(sc, c, id, &round, e) != 0 || may_rank(c, round, e) != 0)
        goto out;
    int64_t owner = store_round_position_owner(sc, id, demand_id);
    if (!owner) {
        err_field(e, "demand_id", "不是本轮的岗位 (not a position of this round)");
        err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        goto out;
    }
    if (!(is_org_user(c) && c->org_id == owner) &&
        !perm_secretariat_of(c, ival(round, "consortium_id"))) {
        err_set(e, ERR_FORBIDDEN, "只能为本企业的岗位排序 (only your enterprise's positions)");
        goto out;
    }
    const char *st = sval(round, "status");
    if (strcmp(st, "open") && strcmp(st, "ranking")) {
        err_set(e, ERR_CONFLICT,
                "本轮不在排序阶段，排序不能修改 (the round is not open for rankings)");
        goto out;
    }
    if (past(round, "rank_by")) {
        err_set(e, ERR_CONFLICT, "企业排序已于 %s 截止 (rankings were due on %s)",
                sval(round, "rank_by"), sval(round, "rank_by"));
        goto out;
    }
    ids = id_list(students, "students", 100000, &n, e);
    if (!ids)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (!store_round_is_applicant(sc, id, demand_id, ids[i]))
            err_field(e, "students", "第 %zu 项（%lld）没有申请该岗位 (entry %zu did not apply)",
                      i + 1, (long long)ids[i], i + 1);
    if (e->details) {
        err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        goto out;
    }
    if (store_begin(sc, e) != 0)
        goto out;
    json_t *after =
        json_pack("{s:I,s:I}", "demand_id", (json_int_t)demand_id, "ranked", (json_int_t)n);
    int wrc = store_round_set_list(sc, id, true, demand_id, ids, n, e);
    if (wrc == 0)
        wrc = audit(sc, c, "ranking", round, after, e);
    json_decref(after);
    if (wrc != 0 || store_commit(sc, e) != 0) {
        store_rollback(sc);
        goto out;
    }
    json_t *ranking = NULL;
    if (store_round_ranking(sc, id, demand_id, &ranking, e) != 0)
        goto out;
    *out = json_pack("{s:I,s:o}", "demand_id", (json_int_t)demand_id, "students", ranking);
    rc = 0;
out:
    free(ids);
    json_decref(round);
    return rc;
}

/* ---- schools, secretariat ------------------------------------------------ */

int round_may_school(store_conn *sc, const caller_t *c, int64_t id, err_t *e)
{
    json_t *round = NULL;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (load(sc, c, id, &round, e) != 0)
        return -1;
    json_decref(round);
    if (!is_org_user(c))
        return err_set(e, ERR_FORBIDDEN, "只有学校用户查看本校学生 (for school users)");
    return 0;
}

bool round_school_show_known(const char *show)
{
    static const char *const known[] = {"", "all", "none", "submitted", "matched", "unmatched"};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcmp(known[i], show))
            return true;
    return false;
}

bool round_school_sort_known(const char *sort)
{
    return store_round_school_sort_known(sort);
}

int round_school(store_conn *sc, const caller_t *c, int64_t id, const round_school_query *q,
                 json_t **out, err_t *e)
{
    json_t *round = NULL, *items = NULL, *counts = NULL;
    int rc = -1;
    if (round_may_school(sc, c, id, e) != 0 || load(sc, c, id, &round, e) != 0)
        goto out;
    bool published = !strcmp(sval(round, "status"), "published");
    store_school_page p = {.q = q->q ? q->q : "",
                           .show = q->show && strcmp(q->show, "all") ? q->show : "",
                           .sort = q->sort && *q->sort ? q->sort : "student_no",
                           .published = published,
                           .limit = q->per_page,
                           .offset = (q->page - 1) * q->per_page};
    int64_t total = 0;
    if (store_round_school_page(sc, id, c->org_id, &p, &items, &total, e) != 0 ||
        store_round_school_counts(sc, id, c->org_id, published, &counts, e) != 0)
        goto out;
    /* Each row as before paging came: the placement as one object (null
     * while unpublished or unplaced), matched true/false once published. */
    size_t i;
    json_t *s;
    json_array_foreach (items, i, s) {
        json_t *res = json_null();
        if (json_is_integer(json_object_get(s, "demand_id")))
            res = json_pack("{s:O,s:O,s:O,s:O}", "demand_id", json_object_get(s, "demand_id"),
                            "job_title", json_object_get(s, "job_title"), "enterprise",
                            json_object_get(s, "enterprise"), "choice_rank",
                            json_object_get(s, "choice_rank"));
        json_object_set_new(s, "result", res);
        json_object_set_new(s, "matched",
                            published ? json_boolean(!json_is_null(res)) : json_null());
        json_object_del(s, "demand_id");
        json_object_del(s, "job_title");
        json_object_del(s, "enterprise");
        json_object_del(s, "choice_rank");
    }
    *out = json_pack("{s:s,s:O,s:I,s:I,s:I,s:O}", "status", sval(round, "status"), "items", items,
                     "total", (json_int_t)total, "page", (json_int_t)q->page, "per_page",
                     (json_int_t)q->per_page, "counts", counts);
    rc = 0;
out:
    json_decref(round);
    json_decref(items);
    json_decref(counts);
    return rc;
}

int round_stats(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *round = NULL, *positions = NULL, *results = NULL, *by_major = NULL;
    int rc = -1;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (load(sc, c, id, &round, e) != 0 || need_secretariat(c, round, e) != 0 ||
        store_round_positions(sc, id, &positions, e) != 0 ||
        store_round_results(sc, id, 0, 0, &results, e) != 0 ||
        store_round_unmatched_by_major(sc, id, &by_major, e) != 0)
        goto out;
    int64_t seats = 0, applicants = 0, matched = 0, first = 0;
    size_t i;
    json_t *x;
    json_array_foreach (positions, i, x) {
        seats += ival(x, "capacity");
        applicants += ival(x, "applicants");
    }
    json_array_foreach (results, i, x) {
        matched += json_is_integer(json_object_get(x, "demand_id"));
        first += ival(x, "choice_rank") == 1;
    }
    int64_t students = (int64_t)json_array_size(results);
    int64_t proposals = store_round_proposals(sc, id);
    *out = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:I,s:o,s:o,s:O,s:o}", "status",
                     sval(round, "status"), "students", (json_int_t)students, "positions",
                     (json_int_t)json_array_size(positions), "seats", (json_int_t)seats,
                     "applications", (json_int_t)applicants, "matched", (json_int_t)matched,
                     "unmatched", (json_int_t)(students - matched), "fill_rate",
                     seats ? json_real((double)matched / (double)seats) : json_null(),
                     "first_choice", (json_int_t)first, "first_choice_share",
                     students ? json_real((double)first / (double)students) : json_null(),
                     "proposals", proposals >= 0 ? json_integer(proposals) : json_null(), "verdict",
                     json_object_get(round, "verdict"), "unmatched_by_major", by_major);
    rc = 0;
out:
    json_decref(round);
    json_decref(positions);
    json_decref(results);
    if (rc != 0)
        json_decref(by_major);
    return rc;
}

int round_results(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *round = NULL, *rows = NULL;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (load(sc, c, id, &round, e) != 0 || need_secretariat(c, round, e) != 0 ||
        store_round_results(sc, id, 0, 0, &rows, e) != 0) {
        json_decref(round);
        return -1;
    }
    /* The secretariat sees who went where by student id, school and
     * major: names stay with the school and the enterprise. */
    json_t *items = json_array();
    size_t i;
    json_t *r;
    json_array_foreach (rows, i, r)
        json_array_append_new(items, json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O}", "student_id",
                                               json_object_get(r, "student_id"), "school",
                                               json_object_get(r, "school"), "major_code",
                                               json_object_get(r, "major_code"), "choices",
                                               json_object_get(r, "choices"), "demand_id",
                                               json_object_get(r, "demand_id"), "job_title",
                                               json_object_get(r, "job_title"), "enterprise",
                                               json_object_get(r, "enterprise"), "choice_rank",
                                               json_object_get(r, "choice_rank")));
    json_decref(rows);
    *out = json_pack("{s:s,s:o,s:I}", "status", sval(round, "status"), "items", items, "total",
                     (json_int_t)json_array_size(items));
    json_decref(round);
    return 0;
}
