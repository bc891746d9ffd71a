/* audit.c — see audit.h.  The permission is asked again in audit_list
 * and login_log_list, so no caller can reach the entries without it. */
#include "domain/audit.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/record.h"

int audit_may_read(const caller_t *c, int64_t *cid, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (!*cid && !caller_is_admin(c))
        *cid = c->consortium_id;
    if (!perm_audit(c, *cid))
        return err_set(e, ERR_FORBIDDEN, "无权查看审计日志 (you may not read this audit log)");
    return 0;
}

bool audit_filter_known(const char *field, const char *value)
{
    if (!strcmp(field, "entity"))
        return record_audit_entity_known(value);
    if (!strcmp(field, "action"))
        return record_audit_action_known(value);
    return false;
}

int audit_list(store_conn *sc, const caller_t *c, int64_t cid, json_t *filters, int64_t page,
               int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    if (!perm_audit(c, cid))
        return err_set(e, caller_signed_in(c) ? ERR_FORBIDDEN : ERR_UNAUTHORIZED,
                       "无权查看审计日志 (you may not read this audit log)");
    if (store_audit_list(sc, cid, filters, page, per_page, items, total, e) != 0)
        return -1;
    /* Each reader sees of an entry what the entity's own reads show them. */
    size_t i;
    json_t *item;
    json_array_foreach (*items, i, item) {
        record_audit_view(sc, c, item);
        /* The address is personal data: an admin's to see, and one's own. */
        if (!caller_is_admin(c) &&
            json_integer_value(json_object_get(item, "user_id")) != c->user_id)
            json_object_set_new(item, "address", json_null());
    }
    return 0;
}

void audit_refused(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                   const char *attempt)
{
    if (!caller_signed_in(c) || c->system || store_in_tx(sc))
        return;
    char since[21];
    time_utc(now_unix() - 60, since);
    if (store_audit_refused_count(sc, c->user_id, since) >= AUDIT_REFUSED_PER_MINUTE)
        return;
    err_t e = ERR_INIT;
    int64_t cid = c->consortium_id;
    json_t *row = NULL;
    if (id && d->consortium_field && store_entity_get(sc, d, id, &row, &e) == 0) {
        json_t *v = json_object_get(row, d->consortium_field);
        cid = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
    }
    json_decref(row);
    err_clear(&e);
    json_t *after = json_pack("{s:s}", "attempt", attempt);
    record_audit(sc, c, "refused", d->name, id, cid, NULL, after, &e);
    json_decref(after);
    err_clear(&e);
}

/* ---- the login log ------------------------------------------------------ */

int login_log_may_read(const caller_t *c, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    return 0;
}

/* A from/to bound as UTC text into out[21]: a CST date's midnight (the
 * next midnight when `end`), or a UTC time as given.  -1 if neither, or
 * if the date does not exist (02-30). */
static int log_bound(const char *in, bool end, char out[21])
{
    struct tm tm = {0};
    int n = 0;
    char cst[32], check[21];
    size_t len = strlen(in);
    bool date = len == 10 &&
                sscanf(in, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) == 3 &&
                n == 10;
    if (!date && (len != 20 || !time_cst(in, cst) ||
                  sscanf(in, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                         &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6))
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    int64_t t = (int64_t)timegm(&tm);
    time_utc(t, check);
    if (strncmp(in, check, date ? 10 : 20) != 0)
        return -1;
    time_utc(date ? t - 8 * 3600 + (end ? 24 * 3600 : 0) : t, out);
    return 0;
}

int login_log_list(store_conn *sc, const caller_t *c, const login_log_filter *f, int64_t page,
                   int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    if (login_log_may_read(c, e) != 0)
        return -1;
    store_login_query q = {.user_id = f->user_id, .ok = f->ok};
    /* An admin reads every row; an organisation admin their unit's
     * users'; everyone else their own.  Rows of names no account holds
     * (mistyped names, sometimes a password) are the admin's alone. */
    if (!caller_is_admin(c)) {
        if (!strcmp(c->role, "org_admin") && c->org_id)
            q.scope_org = c->org_id;
        else
            q.scope_user = c->user_id;
    }
    char from[21], to[21];
    if (f->from && log_bound(f->from, false, from) != 0)
        return err_set(e, ERR_BAD_REQUEST,
                       "from 应为日期 YYYY-MM-DD 或 UTC 时间 YYYY-MM-DDTHH:MM:SSZ (from must be a "
                       "date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ)");
    if (f->to && log_bound(f->to, true, to) != 0)
        return err_set(e, ERR_BAD_REQUEST,
                       "to 应为日期 YYYY-MM-DD 或 UTC 时间 YYYY-MM-DDTHH:MM:SSZ (to must be a date "
                       "YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ)");
    q.from = f->from ? from : NULL;
    q.to = f->to ? to : NULL;
    return store_login_log_list(sc, &q, page, per_page, items, total, e);
}

/* The words for a log's codes: {code, 中文, English}. */
static const char *const log_words[][3] = {
    {"create", "新增", "create"},
    {"update", "修改", "update"},
    {"delete", "删除", "delete"},
    {"login", "登录", "sign-in"},
    {"logout", "登出", "sign-out"},
    {"import", "导入", "import"},
    {"publish", "发布", "publish"},
    {"open", "开放", "open"},
    {"close-applications", "截止申报", "close applications"},
    {"close", "关闭", "close"},
    {"run", "运行匹配", "run matching"},
    {"list", "提交志愿", "submit list"},
    {"ranking", "提交排序", "submit ranking"},
    {"erase", "删除个人信息", "erase"},
    {"purge", "清除", "purge"},
    {"refused", "拒绝", "refused"},
    {"wrong_password", "密码错误", "wrong password"},
    {"unknown_user", "用户不存在", "unknown user"},
    {"rate_limited", "尝试过多", "too many attempts"},
    {"disabled", "账号已停用", "account disabled"},
    {"demo_only", "演示账号", "demo account"},
    {"error", "系统错误", "error"},
};

static void log_word(json_t *item, const char *field, bool en)
{
    const char *v = json_string_value(json_object_get(item, field));
    for (size_t k = 0; v && k < sizeof log_words / sizeof *log_words; k++)
        if (!strcmp(log_words[k][0], v)) {
            json_object_set_new(item, field, json_string(log_words[k][en ? 2 : 1]));
            return;
        }
}

void log_sheet_rows(const entity_def *d, json_t *items, bool en)
{
    size_t i;
    json_t *item;
    json_array_foreach (items, i, item) {
        for (const field_def *f = d->fields; f->name; f++) {
            char cst[32];
            if (f->type == FT_TIME &&
                time_cst(json_string_value(json_object_get(item, f->name)), cst))
                json_object_set_new(item, f->name, json_string(cst));
        }
        log_word(item, "action", en);
        log_word(item, "event", en);
        log_word(item, "reason", en);
        json_t *ok = json_object_get(item, "ok");
        if (json_is_boolean(ok))
            json_object_set_new(item, "ok",
                                json_string(json_is_true(ok) ? (en ? "success" : "成功")
                                                             : (en ? "failure" : "失败")));
    }
}
