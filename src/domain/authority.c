/*
 * authority.c — the authority's view and the review of assessments (see
 * authority.h and docs/authority.md).
 *
 * An authority is read-only over the consortia it oversees: what it reads
 * there is decided by perm.c (perm_authority_over, added to the member's
 * read rules), and this file only gathers, for each of those consortia,
 * what a reviewer compares: the year's assessment in brief, the values of
 * one framework's level-3 indicators side by side, the policy package.
 * The one thing an authority writes besides policy grants is its review:
 * a comment, or a return that sends a submitted assessment back to the
 * secretariat — the status and the comment in one transaction, audited.
 *
 * Values side by side come from assessment_values (migration 019): the
 * values as the assessment holds them now, which for a submitted
 * assessment are the frozen, submitted ones (domain/assessment.c keeps a
 * submitted year unchanged).
 */
#include "domain/authority.h"

#include <stdio.h>
#include <string.h>

#include "domain/record.h"
#include "store/store_assessment.h"
#include "store/store_authority.h"

static bool is_authority(const caller_t *c)
{
    return !strcmp(c->role, "authority") && c->org_id;
}

/* 401 / 403 unless c is an authority or an admin. */
static int may_view(const caller_t *c, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (caller_is_admin(c) || is_authority(c))
        return 0;
    return err_set(e, ERR_FORBIDDEN,
                   "仅主管部门与平台管理员可用 (for authorities and platform admins only)");
}

static int overseen(store_conn *sc, const caller_t *c, json_t **items, err_t *e)
{
    return store_authority_consortia(sc, caller_is_admin(c) ? 0 : c->org_id, items, e);
}

int authority_overview(store_conn *sc, const caller_t *c, int year, json_t **out, err_t *e)
{
    json_t *cons = NULL;
    if (may_view(c, e) != 0 || overseen(sc, c, &cons, e) != 0)
        return -1;
    size_t i;
    json_t *k;
    json_array_foreach (cons, i, k) {
        int64_t cid = json_integer_value(json_object_get(k, "id"));
        json_t *a = NULL, *pol = NULL, *all = NULL;
        if (store_assessment_brief(sc, cid, year, &a, e) != 0 ||
            store_policy_totals(sc, cid, year, &pol, e) != 0 ||
            store_policy_totals(sc, cid, 0, &all, e) != 0) {
            json_decref(a);
            json_decref(pol);
            json_decref(cons);
            return -1;
        }
        json_object_set_new(k, "is_public",
                            json_boolean(json_integer_value(json_object_get(k, "is_public")) != 0));
        char *cons_link = xasprintf("/api/v1/consortia/%lld", (long long)cid);
        char *report =
            xasprintf("/api/v1/consortia/%lld/annual-report?year=%d", (long long)cid, year);
        char *grants = xasprintf("/api/v1/policy-grants?consortium_id=%lld", (long long)cid);
        char *assess = a ? xasprintf("/api/v1/assessments/%lld",
                                     (long long)json_integer_value(json_object_get(a, "id")))
                         : NULL;
        json_object_set_new(k, "links",
                            json_pack("{s:s,s:s,s:s?,s:s}", "consortium", cons_link,
                                      "annual_report", report, "assessment", assess,
                                      "policy_grants", grants));
        free(cons_link);
        free(report);
        free(grants);
        free(assess);
        json_object_set_new(k, "assessment", a ? a : json_null());
        json_object_set_new(k, "policy", pol);
        json_object_set_new(k, "policy_all_years", all);
    }
    *out = json_pack("{s:i,s:o}", "year", year, "consortia", cons);
    return 0;
}

int authority_indicators(store_conn *sc, const caller_t *c, int year, int64_t framework_id,
                         json_t **out, err_t *e)
{
    json_t *cons = NULL, *ids = NULL, *framework = NULL, *inds = NULL, *columns = NULL,
           *maps = NULL;
    int rc = -1;
    if (may_view(c, e) != 0 || overseen(sc, c, &cons, e) != 0)
        return -1;
    ids = json_array();
    size_t i, j;
    json_t *k, *ind;
    json_array_foreach (cons, i, k)
        json_array_append(ids, json_object_get(k, "id"));
    if (!framework_id && store_authority_framework(sc, ids, year, &framework_id, e) != 0)
        goto out;
    if (store_authority_indicators(sc, framework_id, &framework, &inds, e) != 0)
        goto out;
    if (!framework && framework_id) {
        err_set(e, ERR_INVALID, "指标体系不存在 (no such framework)");
        err_field(e, "framework_id", "指标体系不存在 (no such framework)");
        goto out;
    }
    /* One column per consortium, and its values when its assessment of
     * the year uses this framework. */
    columns = json_array();
    maps = json_array();
    json_array_foreach (cons, i, k) {
        int64_t cid = json_integer_value(json_object_get(k, "id"));
        json_t *a = NULL, *map = NULL;
        if (store_assessment_brief(sc, cid, year, &a, e) != 0)
            goto out;
        bool same = a && json_integer_value(json_object_get(a, "framework_id")) == framework_id;
        if (same && store_assessment_value_map(sc, json_integer_value(json_object_get(a, "id")),
                                               &map, e) != 0) {
            json_decref(a);
            goto out;
        }
        json_array_append_new(columns,
                              json_pack("{s:O,s:O,s:O,s:O,s:O}", "id", json_object_get(k, "id"),
                                        "name", json_object_get(k, "name"), "short_name",
                                        json_object_get(k, "short_name"), "assessment_id",
                                        a ? json_object_get(a, "id") : json_null(), "status",
                                        a ? json_object_get(a, "status") : json_null()));
        json_array_append_new(maps, map ? map : json_object());
        json_decref(a);
    }
    json_array_foreach (inds, i, ind) {
        char key[24];
        snprintf(key, sizeof key, "%lld",
                 (long long)json_integer_value(json_object_get(ind, "id")));
        json_object_set_new(ind, "veto",
                            json_boolean(json_integer_value(json_object_get(ind, "veto")) != 0));
        json_t *values = json_array();
        json_array_foreach (columns, j, k) {
            json_t *v = json_object_get(json_array_get(maps, j), key);
            json_t *reported = json_object_get(v, "reported"),
                   *computed = json_object_get(v, "computed");
            json_t *value = reported && !json_is_null(reported) ? reported : computed;
            json_array_append_new(
                values,
                json_pack(
                    "{s:O,s:O,s:O,s:O,s:O,s:O}", "consortium_id", json_object_get(k, "id"), "value",
                    value ? value : json_null(), "computed", computed ? computed : json_null(),
                    "reported", reported ? reported : json_null(), "target",
                    v && json_object_get(v, "target") ? json_object_get(v, "target") : json_null(),
                    "rag",
                    v && json_object_get(v, "rag") ? json_object_get(v, "rag") : json_null()));
        }
        json_object_set_new(ind, "values", values);
    }
    *out = json_pack("{s:i,s:O,s:O,s:O}", "year", year, "framework",
                     framework ? framework : json_null(), "consortia", columns, "indicators", inds);
    rc = 0;
out:
    json_decref(cons);
    json_decref(ids);
    json_decref(framework);
    json_decref(inds);
    json_decref(columns);
    json_decref(maps);
    return rc;
}

int authority_scopes(store_conn *sc, const caller_t *c, json_t **out, err_t *e)
{
    json_t *scopes = NULL, *cons = NULL;
    if (may_view(c, e) != 0)
        return -1;
    if (store_authority_scopes(sc, is_authority(c) ? c->org_id : 0, &scopes, e) != 0 ||
        overseen(sc, c, &cons, e) != 0) {
        json_decref(scopes);
        return -1;
    }
    json_t *names = json_array(), *k;
    size_t i;
    json_array_foreach (cons, i, k)
        json_array_append_new(names, json_pack("{s:O,s:O,s:O}", "id", json_object_get(k, "id"),
                                               "name", json_object_get(k, "name"), "region_code",
                                               json_object_get(k, "region_code")));
    json_decref(cons);
    *out = json_pack("{s:o,s:o}", "scopes", scopes, "consortia", names);
    return 0;
}

/* The assessment's head if c may take part in its review: 0 for an
 * admin, the authority over its consortium or its secretariat. */
static int review_head(store_conn *sc, const caller_t *c, int64_t id, json_t **head, err_t *e)
{
    *head = NULL;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    json_t *h = NULL;
    if (store_assessment_head(sc, id, &h, e) != 0)
        return -1;
    int64_t cid = json_integer_value(json_object_get(h, "consortium_id"));
    if (caller_is_admin(c) || perm_authority_over(sc, c, cid) || perm_secretariat_of(c, cid)) {
        *head = h;
        return 0;
    }
    json_decref(h);
    /* Whoever may not even read the consortium is not told it exists. */
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return err_set(e, ERR_NOT_FOUND, "评估 %lld 不存在 (assessment not found)", (long long)id);
    return err_set(e, ERR_FORBIDDEN,
                   "仅主管部门、本联合体秘书处与平台管理员可评阅 (only the authority, the "
                   "secretariat and platform admins review an assessment)");
}

int authority_caller(store_conn *sc, const char *username, caller_t *out, err_t *e)
{
    store_user u;
    if (store_user_by_name(sc, username, &u, e) != 0)
        return -1;
    if (u.disabled || (strcmp(u.role, "authority") && strcmp(u.role, "platform_admin")))
        return err_set(e, ERR_INVALID,
                       "%s 不是可用的主管部门或平台管理员账号 (not an active authority or platform "
                       "admin account)",
                       username);
    *out = caller_from_user(&u);
    return 0;
}

int assessment_comment_may(store_conn *sc, const caller_t *c, int64_t id, err_t *e)
{
    json_t *h = NULL;
    int rc = review_head(sc, c, id, &h, e);
    json_decref(h);
    return rc;
}

int assessment_comment_list(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *h = NULL, *items = NULL;
    if (review_head(sc, c, id, &h, e) != 0)
        return -1;
    if (store_assessment_comments(sc, id, &items, e) != 0) {
        json_decref(h);
        return -1;
    }
    *out = json_pack("{s:o,s:o}", "assessment", h, "items", items);
    return 0;
}

int assessment_comment_add(store_conn *sc, const caller_t *c, int64_t id, json_t *body,
                           json_t **out, err_t *e)
{
    json_t *h = NULL, *now = NULL;
    int rc = -1;
    if (review_head(sc, c, id, &h, e) != 0)
        return -1;
    int64_t cid = json_integer_value(json_object_get(h, "consortium_id"));
    /* The body: known keys only, a text of 1–2000 characters, an action. */
    const char *key;
    json_t *v;
    json_object_foreach (body, key, v)
        if (strcmp(key, "body") && strcmp(key, "action"))
            err_field(e, key, "未知字段 (unknown field)");
    json_t *jb = json_object_get(body, "body"), *ja = json_object_get(body, "action");
    const char *text = json_string_value(jb);
    size_t n = 0;
    for (const char *p = text; p && *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    bool blank = true;
    for (const char *p = text; p && *p; p++)
        blank &= *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
    if (!text || blank)
        err_field(e, "body", "必填 (required)");
    else if (n > 2000)
        err_field(e, "body", "最多 2000 字 (at most 2000 characters)");
    const char *action = ja && !json_is_null(ja) ? json_string_value(ja) : "comment";
    if (!action || (strcmp(action, "comment") && strcmp(action, "return")))
        err_field(e, "action", "应为 comment 或 return (comment or return)");
    if (e->details) {
        err_set(e, ERR_INVALID, "评阅意见有误 (the comment is not valid)");
        goto out;
    }
    bool returning = !strcmp(action, "return");
    if (returning && !caller_is_admin(c) && !perm_authority_over(sc, c, cid)) {
        err_set(e, ERR_FORBIDDEN,
                "仅主管部门与平台管理员可退回 (only the authority or a platform admin returns an "
                "assessment)");
        goto out;
    }
    if (store_begin(sc, e) != 0)
        goto out;
    bool changed = true;
    int64_t comment_id = 0, version = json_integer_value(json_object_get(h, "version"));
    if ((returning && store_assessment_return(sc, id, &changed, e) != 0) ||
        (returning && !changed &&
         err_set(e, ERR_CONFLICT,
                 "只有已提交的评估可以退回 (only a submitted assessment can be returned)")) ||
        store_assessment_comment_add(sc, id, version, c->user_id ? c->user_id : 0, action, text,
                                     &comment_id, e) != 0 ||
        store_assessment_head(sc, id, &now, e) != 0)
        goto fail;
    *out = json_pack("{s:I,s:I,s:O,s:s,s:s,s:O}", "id", (json_int_t)comment_id, "assessment_id",
                     (json_int_t)id, "version", json_object_get(now, "version"), "action", action,
                     "body", text, "status", json_object_get(now, "status"));
    if (record_audit(sc, c, action, "assessments", id, cid, returning ? h : NULL, *out, e) != 0 ||
        store_commit(sc, e) != 0) {
        json_decref(*out);
        *out = NULL;
        goto fail;
    }
    json_decref(now);
    rc = 0;
    goto out;
fail:
    json_decref(now);
    store_rollback(sc);
out:
    json_decref(h);
    return rc;
}
