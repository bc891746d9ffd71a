/*
 * tech.c — the technology platform's rules (see tech.h).
 *
 * Status workflows are tables of steps: from, to, and who may take the
 * step (the row's own unit, the secretariat of its consortium, the client
 * enterprise of a project).  A change of status that is no step of the
 * table is out of order (409, naming the steps open from where the row
 * is); a step the caller may not take is 403 naming who may.  The
 * description's permission bits have already decided that the caller may
 * write the row at all (record.c asks before this runs and again after);
 * these rules only narrow that.  Platform admins and the system caller
 * (CLI, demo, imports by the operator) take any step but must still keep
 * the order.
 *
 * A new row starts where a workflow starts (a need as draft or published,
 * a project as proposed), except when the secretariat or an admin files
 * it: they register records that already exist on paper, at the status
 * they have reached.
 */
#include "domain/tech.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/record.h"
#include "domain/workflow.h"

enum { WHO_UNIT = 1, WHO_SECRETARIAT = 2, WHO_CLIENT = 4, WHO_RESPONDER = 8, WHO_ENTERPRISE = 16 };

typedef wf_step step;

static const step need_steps[] = {{"draft", "published", WHO_UNIT | WHO_SECRETARIAT},
                                  {"published", "in_progress", WHO_UNIT | WHO_SECRETARIAT},
                                  {"published", "closed", WHO_UNIT | WHO_SECRETARIAT},
                                  {"in_progress", "closed", WHO_UNIT | WHO_SECRETARIAT},
                                  {NULL, NULL, 0}};

static const step project_steps[] = {{"proposed", "approved", WHO_SECRETARIAT},
                                     {"proposed", "rejected", WHO_SECRETARIAT},
                                     {"approved", "running", WHO_UNIT | WHO_SECRETARIAT},
                                     {"running", "accepted", WHO_SECRETARIAT | WHO_CLIENT},
                                     {"accepted", "closed", WHO_SECRETARIAT},
                                     {"approved", "terminated", WHO_UNIT | WHO_SECRETARIAT},
                                     {"running", "terminated", WHO_UNIT | WHO_SECRETARIAT},
                                     {NULL, NULL, 0}};

/* Responses are accepted only through tech_accept_response. */
static const step response_steps[] = {{"submitted", "withdrawn", WHO_RESPONDER},
                                      {"submitted", "rejected", WHO_ENTERPRISE},
                                      {NULL, NULL, 0}};

static const char *sval(json_t *row, const char *k)
{
    return json_string_value(json_object_get(row, k));
}

static int64_t ival(json_t *row, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(row, k));
}

static bool unit_staff(const caller_t *c, int64_t org_id)
{
    return org_id && c->org_id == org_id &&
           (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff"));
}

/* Today in China Standard Time, "YYYY-MM-DD". */
static void today_cst(char out[11])
{
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Set a server-owned field in the row and, on an update, in the patch. */
static void set_field(json_t *row, json_t *patch, const char *k, json_t *v)
{
    if (patch)
        json_object_set(patch, k, v);
    json_object_set_new(row, k, v);
}

static const char *who_words(unsigned who)
{
    if (who == WHO_SECRETARIAT)
        return "本联合体秘书处 (the consortium's secretariat)";
    if (who == (WHO_SECRETARIAT | WHO_CLIENT))
        return "秘书处或委托企业 (the secretariat or the client enterprise)";
    if (who == WHO_RESPONDER)
        return "响应单位 (the responder)";
    if (who == WHO_ENTERPRISE)
        return "需求企业 (the need's enterprise)";
    return "所属单位或秘书处 (the owning unit or the secretariat)";
}

/* The party c is for row of d: bits of WHO_*. */
static unsigned parties(const caller_t *c, const entity_def *d, json_t *row)
{
    unsigned who = 0;
    if (perm_secretariat_of(c, ival(row, d->consortium_field)))
        who |= WHO_SECRETARIAT;
    if (unit_staff(c, ival(row, d->org_field)))
        who |= WHO_UNIT | WHO_RESPONDER;
    if (d->org2_field && unit_staff(c, ival(row, d->org2_field)))
        who |= WHO_CLIENT | WHO_ENTERPRISE;
    return who;
}

/* The status change of an update against the steps: 0 when the status
 * stays or the step is in the table and c may take it. */
static int check_step(const caller_t *c, const entity_def *d, const step *steps, json_t *before,
                      json_t *row, err_t *e)
{
    return workflow_check(d, steps, before, row, parties(c, d, before), caller_is_admin(c),
                          who_words, e);
}

/* A caller whose only right to update the row is as its second unit
 * (a need's enterprise on a response, a client on a project) changes
 * nothing but the status. */
static int status_only(const caller_t *c, const entity_def *d, json_t *before, json_t *patch,
                       err_t *e)
{
    unsigned who = parties(c, d, before);
    if (caller_is_admin(c) || (who & (WHO_SECRETARIAT | WHO_UNIT)) || !(who & WHO_CLIENT))
        return 0;
    const char *k;
    json_t *v;
    json_object_foreach (patch, k, v)
        if (strcmp(k, "status") && !json_equal(v, json_object_get(before, k)))
            err_field(e, k, "只能改状态 (only the status may change)");
    return e->details ? err_set(e, ERR_FORBIDDEN, "只能修改状态 (you may change only the status)")
                      : 0;
}

/* ---- needs ------------------------------------------------------------- */

static int need_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                      json_t *row, json_t *patch, err_t *e)
{
    const char *status = sval(row, "status");
    if (!before && !caller_is_admin(c) && !perm_secretariat_of(c, ival(row, "consortium_id")) &&
        status && strcmp(status, "draft") && strcmp(status, "published")) {
        err_field(e, "status", "draft, published");
        return err_set(e, ERR_CONFLICT,
                       "新需求只能是草稿或已发布 (a new need is a draft or published)");
    }
    if (before && check_step(c, d, need_steps, before, row, e) != 0)
        return -1;
    json_t *pub = json_object_get(row, "published_on");
    if (status && strcmp(status, "draft") && (!pub || json_is_null(pub))) {
        char today[11];
        today_cst(today);
        json_object_set_new(row, "published_on", json_string(today));
        /* An update's patch does not carry server fields (the store
         * writes only what a caller may): set beside it. */
        if (before) {
            json_t *set = json_pack("{s:s}", "published_on", today);
            int rc = store_entity_set_server(sc, d, ival(before, "id"), set, e);
            json_decref(set);
            return rc;
        }
    }
    return 0;
}

/* ---- technical fields as vocabulary ------------------------------------- */

/* Resolve the technical fields in row's text field `name` (one, or a
 * list joined by 、 when several) against the needs' field vocabulary:
 * shipped options and the consortium's own, by code or label. */
static int resolve_fields(store_conn *sc, json_t *row, json_t *patch, const char *name,
                          bool several, err_t *e)
{
    const char *fields = sval(row, name);
    if (!fields || (patch && !json_object_get(patch, name)))
        return 0;
    const entity_def *nd = entity_find("tech_needs");
    const field_def *f = entity_field(nd, "field");
    int64_t cid = ival(row, "consortium_id");
    char *copy = xstrdup(fields), *next = NULL;
    buf_t out = {0}, bad = {0};
    buf_init(&out);
    buf_init(&bad);
    /* Items are joined by 、 (F_TAGS): split at that string, not at any
     * of its bytes (strtok would cut Chinese characters apart). */
    for (char *t = copy; t; t = next) {
        char *sep = several ? strstr(t, "、") : NULL;
        next = sep ? sep + strlen("、") : NULL;
        if (sep)
            *sep = '\0';
        if (!*t)
            continue;
        const enum_opt *o = entity_enum_lookup(f, t);
        char value[64];
        bool active = false;
        const char *code = o ? o->value : NULL;
        if (!code && cid > 0 &&
            store_option_find(sc, cid, "tech_needs.field", t, value, sizeof value, &active) == 1 &&
            active)
            code = value;
        if (!code) {
            buf_printf(&bad, "%s%s", bad.len ? "、" : "", t);
            continue;
        }
        /* Each field once, in the order given. */
        char needle[72];
        snprintf(needle, sizeof needle, "、%s、", code);
        buf_t probe = {0};
        buf_init(&probe);
        buf_printf(&probe, "、%s、", out.len ? out.data : "");
        if (!strstr(probe.data, needle))
            buf_printf(&out, "%s%s", out.len ? "、" : "", code);
        buf_free(&probe);
    }
    free(copy);
    int rc = 0;
    if (bad.len) {
        err_field(e, name, "不是技术领域：%s (not a technical field; see tech_needs.field)",
                  bad.data);
        rc = err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)");
    } else
        set_field(row, patch, name, json_string(out.data));
    buf_free(&out);
    buf_free(&bad);
    return rc;
}

/* ---- responses ----------------------------------------------------------- */

static int response_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                          json_t *row, json_t *patch, err_t *e)
{
    if (before) {
        const char *from = sval(before, "status"), *to = sval(row, "status");
        if (to && from && strcmp(from, to) && !strcmp(to, "accepted"))
            return err_set(
                e, ERR_CONFLICT,
                "请用“采纳”接口 POST /api/v1/need-responses/%lld/accept 采纳响应，它会同时创建项目 "
                "(accept a "
                "response with POST /api/v1/need-responses/%lld/accept: it creates the project)",
                (long long)ival(before, "id"), (long long)ival(before, "id"));
        if (check_step(c, d, response_steps, before, row, e) != 0 ||
            status_only(c, d, before, patch, e) != 0)
            return -1;
        /* The responder edits its proposal while it is open. */
        if (from && strcmp(from, "submitted") && json_object_size(patch) &&
            !(json_object_size(patch) == 1 && json_object_get(patch, "status")))
            return err_set(e, ERR_CONFLICT, "响应已%s，不能再修改 (the response is %s)",
                           workflow_status_zh(d, from), from);
        return 0;
    }
    const char *status = sval(row, "status");
    if (status && strcmp(status, "submitted")) {
        err_field(e, "status", "submitted");
        return err_set(e, ERR_CONFLICT, "新响应的状态是已提交 (a new response is submitted)");
    }
    json_t *need = NULL;
    const entity_def *nd = entity_find("tech_needs");
    err_t ne = ERR_INIT;
    if (record_get(sc, c, nd, ival(row, "need_id"), &need, &ne) != 0) {
        err_clear(&ne);
        err_field(e, "need_id", "所引用的记录不存在 (no such tech_needs)");
        return err_set(e, ERR_INVALID, "输入有误 (validation failed)");
    }
    const char *ns = sval(need, "status");
    int rc = 0;
    if (!ns || (strcmp(ns, "published") && strcmp(ns, "in_progress")))
        rc = err_set(e, ERR_CONFLICT,
                     "需求%s，不能响应 (the need is %s: only published needs "
                     "take answers)",
                     workflow_status_zh(nd, ns), ns ? ns : "-");
    else if (ival(need, "enterprise_id") == ival(row, "organization_id"))
        rc = err_set(e, ERR_CONFLICT, "不能响应本单位的需求 (a unit does not answer its own need)");
    json_decref(need);
    return rc;
}

/* An accepted response is the record the project was made from: it stays. */
int tech_may_delete(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                    err_t *e)
{
    (void)c;
    if (strcmp(d->name, "need_responses"))
        return 0;
    int64_t pid = ival(before, "project_id");
    const char *status = sval(before, "status");
    if (!pid && (!status || strcmp(status, "accepted")))
        return 0;
    json_t *proj = NULL;
    err_t pe = ERR_INIT;
    const char *title = NULL;
    if (pid && store_entity_get(sc, entity_find("rd_projects"), pid, &proj, &pe) == 0)
        title = sval(proj, "title");
    err_clear(&pe);
    err_set(e, ERR_CONFLICT,
            "响应已采纳并立项为项目 %lld“%s”，不能删除 (the response was accepted and became "
            "project %lld \"%s\"; it cannot be deleted)",
            (long long)pid, title ? title : "-", (long long)pid, title ? title : "-");
    json_decref(proj);
    return -1;
}

/* ---- projects ------------------------------------------------------------ */

static int project_rules(const caller_t *c, const entity_def *d, json_t *before, json_t *row,
                         json_t *patch, err_t *e)
{
    if (!before) {
        const char *status = sval(row, "status");
        if (!caller_is_admin(c) && !perm_secretariat_of(c, ival(row, "consortium_id")) && status &&
            strcmp(status, "proposed")) {
            err_field(e, "status", "proposed");
            return err_set(e, ERR_CONFLICT,
                           "新项目先申报，由秘书处立项 (a new project is proposed; the "
                           "secretariat approves it)");
        }
        return 0;
    }
    if (status_only(c, d, before, patch, e) != 0)
        return -1;
    return check_step(c, d, project_steps, before, row, e);
}

int tech_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before, json_t *row,
               json_t *patch, err_t *e)
{
    if (!strcmp(d->name, "tech_needs"))
        return need_rules(sc, c, d, before, row, patch, e);
    if (!strcmp(d->name, "capabilities"))
        return resolve_fields(sc, row, patch, "fields", true, e);
    if (!strcmp(d->name, "need_responses"))
        return response_rules(sc, c, d, before, row, patch, e);
    if (!strcmp(d->name, "rd_projects"))
        return resolve_fields(sc, row, patch, "field", false, e) != 0
                   ? -1
                   : project_rules(c, d, before, row, patch, e);
    return 0;
}

/* ---- accepting a response ------------------------------------------------ */

/* Write changes to row id of d and audit the change as c. */
static int change(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                  json_t *changes, err_t *e)
{
    json_t *before = NULL, *after = NULL;
    int rc = -1;
    if (store_entity_get(sc, d, id, &before, e) != 0 ||
        store_entity_update(sc, d, id, changes, e) != 0 ||
        store_entity_set_server(sc, d, id, changes, e) != 0 ||
        store_entity_get(sc, d, id, &after, e) != 0)
        goto out;
    rc = record_audit(sc, c, "update", d->name, id, ival(after, d->consortium_field), before, after,
                      e);
out:
    json_decref(before);
    json_decref(after);
    return rc;
}

/* 0 if c may accept resp (already read as c may see it). */
static int may_accept(const caller_t *c, json_t *resp, err_t *e)
{
    if (caller_is_admin(c) || unit_staff(c, ival(resp, "enterprise_id")))
        return 0;
    return err_set(e, caller_signed_in(c) ? ERR_FORBIDDEN : ERR_UNAUTHORIZED,
                   "只有需求企业可以采纳响应 (only the need's enterprise accepts a response)");
}

int tech_may_accept(store_conn *sc, const caller_t *c, int64_t response_id, err_t *e)
{
    json_t *resp = NULL;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (record_get(sc, c, entity_find("need_responses"), response_id, &resp, e) != 0)
        return -1;
    int rc = may_accept(c, resp, e);
    json_decref(resp);
    return rc;
}

int tech_accept_response(store_conn *sc, const caller_t *c, int64_t response_id, json_t *opts,
                         json_t **project, err_t *e)
{
    const entity_def *rd = entity_find("need_responses"), *nd = entity_find("tech_needs"),
                     *pd = entity_find("rd_projects");
    json_t *resp = NULL, *need = NULL, *proj = NULL, *created = NULL;
    int rc = -1;
    const char *key;
    json_t *v;
    json_object_foreach (opts, key, v)
        if (strcmp(key, "kind") && strcmp(key, "title"))
            err_field(e, key, "未知字段：只能给 kind 与 title (unknown: only kind and title)");
    if (e->details)
        return err_set(e, ERR_INVALID, "输入有误 (validation failed)");
    /* Inside a caller's transaction (the demo loader's) it joins it. */
    bool own_tx = !store_in_tx(sc);
    if (own_tx && store_begin(sc, e) != 0)
        return -1;
    if (record_get(sc, c, rd, response_id, &resp, e) != 0)
        goto done;
    if (may_accept(c, resp, e) != 0)
        goto done;
    const char *rs = sval(resp, "status");
    if (!rs || strcmp(rs, "submitted")) {
        err_set(e, ERR_CONFLICT, "响应已%s，不能采纳 (the response is %s)",
                workflow_status_zh(rd, rs), rs ? rs : "-");
        goto done;
    }
    if (store_entity_get(sc, nd, ival(resp, "need_id"), &need, e) != 0)
        goto done;
    const char *ns = sval(need, "status");
    if (!ns || (strcmp(ns, "published") && strcmp(ns, "in_progress"))) {
        err_set(e, ERR_CONFLICT, "需求%s，不能采纳响应 (the need is %s)",
                workflow_status_zh(nd, ns), ns ? ns : "-");
        goto done;
    }
    /* The project, checked as any project is (kind and title may come
     * from opts), then written with the fields the server sets. */
    json_t *in = json_object();
    json_object_set(in, "consortium_id", json_object_get(need, "consortium_id"));
    json_t *kind = json_object_get(opts, "kind"), *title = json_object_get(opts, "title");
    json_object_set_new(in, "kind", kind ? json_incref(kind) : json_string("service"));
    json_object_set(in, "title", title ? title : json_object_get(need, "title"));
    json_object_set(in, "description", json_object_get(resp, "approach"));
    json_object_set(in, "field", json_object_get(need, "field"));
    json_object_set(in, "lead_id", json_object_get(resp, "organization_id"));
    json_object_set_new(in, "partner_ids",
                        json_pack("[O]", json_object_get(need, "enterprise_id")));
    json_object_set(in, "need_id", json_object_get(need, "id"));
    if (json_is_integer(json_object_get(resp, "price")))
        json_object_set(in, "budget", json_object_get(resp, "price"));
    json_object_set_new(in, "status", json_string("approved"));
    proj = json_object();
    int vrc = entity_validate(pd, in, true, proj, e);
    json_decref(in);
    if (vrc != 0)
        goto done;
    json_object_set(proj, "enterprise_id", json_object_get(need, "enterprise_id"));
    json_object_set_new(proj, "response_id", json_integer(response_id));
    int64_t pid = 0;
    if (store_entity_insert(sc, pd, proj, &pid, e) != 0 ||
        store_entity_get(sc, pd, pid, &created, e) != 0 ||
        record_audit(sc, c, "create", pd->name, pid, ival(created, "consortium_id"), NULL, created,
                     e) != 0)
        goto done;
    json_t *rchg = json_pack("{s:s,s:I}", "status", "accepted", "project_id", (json_int_t)pid);
    int crc = change(sc, c, rd, response_id, rchg, e);
    json_decref(rchg);
    if (crc != 0)
        goto done;
    if (!strcmp(ns, "published")) {
        json_t *nchg = json_pack("{s:s}", "status", "in_progress");
        crc = change(sc, c, nd, ival(need, "id"), nchg, e);
        json_decref(nchg);
        if (crc != 0)
            goto done;
    }
    rc = 0;
done:
    if (own_tx && rc == 0)
        rc = store_commit(sc, e);
    else if (own_tx)
        store_rollback(sc);
    if (rc == 0) {
        *project = created;
        created = NULL;
    }
    json_decref(resp);
    json_decref(need);
    json_decref(proj);
    json_decref(created);
    return rc;
}

/* ---- suggestions ----------------------------------------------------------- */

/* How the candidates are found (store_tech_suggest.c says why the work
 * is bounded).  The record's terms are its keywords, the two-character
 * pieces of its title (pairs holding a function character such as 与 or
 * 的 say nothing and are skipped) and its title's ASCII words.  Each
 * term's rows of the target kind are counted up to SUGGEST_RARE, the
 * keywords first and the title's pieces only when the rare keywords find
 * too few rows.  The terms held by no more rows than that, rarest first
 * and at most SUGGEST_BUDGET rows together, are asked and their rows
 * ranked BM25-like: the sum over the terms a row holds of the term's IDF
 * (from its count, over SUGGEST_IDF_ROWS rows) times the column's weight
 * (title 2, text 1, keywords 3).  A word shared by few rows finds them
 * however many rows share the record's common words.  Only when they
 * find fewer than the page asks for are the common terms asked — first
 * the rows holding both of the two rarest common keywords, then those
 * holding any of the SUGGEST_COMMON rarest common terms, newest first,
 * twice the page (SUGGEST_COMMON_ROWS at least) each.  Such a row's text
 * relevance is SUGGEST_COMMON_WEIGHT per column weight of each common
 * term it holds (a piece of the title inside one of the record's
 * keywords is not counted again), below the 2.4 IDF of a rare term, so a
 * row found by a rare word ranks above one found by common words alone
 * unless fields and past projects say otherwise. */
#define SUGGEST_CANDIDATES 200    /* read per query, then ranked with the other signals */
#define SUGGEST_PIECES 24         /* two-character pieces of a title, at most */
#define SUGGEST_TERMS 40          /* terms of a record, at most */
#define SUGGEST_RARE 300          /* a term in more rows than this is common */
#define SUGGEST_BUDGET 1200       /* rows the rare terms may find together */
#define SUGGEST_IDF_ROWS 3000.0   /* the rows a rare term's weight is reckoned over */
#define SUGGEST_COMMON 3          /* common terms asked when the rare ones find too few */
#define SUGGEST_COMMON_ROWS 40    /* rows read per common query, at least (else twice the page) */
#define SUGGEST_COMMON_WEIGHT 0.2 /* text relevance of a common term, per column weight */

/* Items of a list joined by 、 (F_TAGS), as a new JSON array of strings. */
static json_t *tags_of(const char *s)
{
    json_t *a = json_array();
    while (s && *s) {
        const char *sep = strstr(s, "、");
        size_t n = sep ? (size_t)(sep - s) : strlen(s);
        if (n)
            json_array_append_new(a, json_stringn(s, n));
        s = sep ? sep + strlen("、") : NULL;
    }
    return a;
}

/* Append "phrase" (quotes doubled) to an expression, after op. */
static void add_phrase_op(buf_t *m, const char *op, const char *s, size_t n)
{
    if (m->len)
        buf_puts(m, op);
    buf_puts(m, "\"");
    for (size_t i = 0; i < n; i++)
        buf_append(m, s[i] == '"' ? "\"\"" : s + i, s[i] == '"' ? 2 : 1);
    buf_puts(m, "\"");
}

static size_t utf8_len(const char *s)
{
    unsigned char ch = (unsigned char)*s;
    return ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
}

/* Function characters: a title piece holding one is no term (与快 of
 * 回收与快充). */
static bool function_char(const char *p, size_t n)
{
    static const char *const chars[] = {"与", "和", "及", "的", "了", "在", "对",
                                        "为", "等", "并", "或", "之", "其"};
    for (size_t i = 0; i < sizeof chars / sizeof *chars; i++)
        if (n == strlen(chars[i]) && !memcmp(p, chars[i], n))
            return true;
    return false;
}

typedef struct {
    char *text;   /* the term as written */
    int64_t docs; /* rows holding it, counted up to SUGGEST_RARE + 1; -1 not counted */
    bool keyword;
} term_t;

typedef struct {
    term_t v[SUGGEST_TERMS];
    int n;
} terms_t;

static void add_term(terms_t *t, const char *s, size_t n, bool keyword)
{
    if (!n || t->n == SUGGEST_TERMS)
        return;
    for (int i = 0; i < t->n; i++)
        if (strlen(t->v[i].text) == n && !memcmp(t->v[i].text, s, n))
            return;
    t->v[t->n++] = (term_t){xstrndup(s, n), -1, keyword};
}

/* The terms of a record, keywords first. */
static void terms_of(terms_t *t, const char *title, json_t *keywords)
{
    size_t i;
    json_t *k;
    json_array_foreach (keywords, i, k)
        add_term(t, json_string_value(k), json_string_length(k), true);
    int pieces = 0;
    for (const char *p = title; p && *p && pieces < SUGGEST_PIECES;) {
        size_t a = utf8_len(p);
        if (!p[a])
            break;
        size_t b = utf8_len(p + a);
        /* Pairs of CJK characters only; ASCII words are matched whole. */
        if (a > 1 && b > 1 && !function_char(p, a) && !function_char(p + a, b)) {
            add_term(t, p, a + b, false);
            pieces++;
        }
        p += a;
    }
    for (const char *p = title; p && *p;) {
        size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        if (n >= 2)
            add_term(t, p, n, false);
        p += n ? n : utf8_len(p);
    }
}

static void terms_free(terms_t *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->v[i].text);
    t->n = 0;
}

static int by_docs(const void *a, const void *b)
{
    int64_t x = ((const term_t *)a)->docs, y = ((const term_t *)b)->docs;
    return x < y ? -1 : x > y;
}

/* Count the rows of the terms that are keywords (or the others). */
static int count_terms(store_conn *sc, const char *kind, int64_t cid, terms_t *t, bool keywords,
                       int64_t *rare_rows, err_t *e)
{
    buf_t m = {0};
    buf_init(&m);
    int rc = 0;
    for (int i = 0; i < t->n && rc == 0; i++) {
        if (t->v[i].keyword != keywords)
            continue;
        m.len = 0;
        add_phrase_op(&m, "", t->v[i].text, strlen(t->v[i].text));
        rc = store_tech_term_docs(sc, kind, cid, m.data, SUGGEST_RARE, &t->v[i].docs, e);
        if (rc == 0 && t->v[i].docs <= SUGGEST_RARE)
            *rare_rows += t->v[i].docs;
    }
    buf_free(&m);
    return rc;
}

/* Count the terms' rows (the title's pieces only when the rare keywords
 * find fewer than want), drop the absent and uncounted ones, sort the
 * rest rarest first; *rare: how many lead the list as rare terms. */
static int weigh_terms(store_conn *sc, const char *kind, int64_t cid, terms_t *t, int64_t want,
                       int *rare, err_t *e)
{
    int64_t rows = 0;
    if (count_terms(sc, kind, cid, t, true, &rows, e) != 0 ||
        (rows < want && count_terms(sc, kind, cid, t, false, &rows, e) != 0))
        return -1;
    int kept = 0;
    for (int i = 0; i < t->n; i++)
        if (t->v[i].docs > 0)
            t->v[kept++] = t->v[i];
        else
            free(t->v[i].text);
    t->n = kept;
    qsort(t->v, (size_t)t->n, sizeof *t->v, by_docs);
    int64_t sum = 0;
    *rare = 0;
    while (*rare < t->n && t->v[*rare].docs <= SUGGEST_RARE &&
           sum + t->v[*rare].docs <= SUGGEST_BUDGET)
        sum += t->v[(*rare)++].docs;
    return 0;
}

/* Terms [from, to), at most max, joined by op as an FTS5 expression
 * (caller frees); keywords_only: only the terms that are keywords. */
static char *match_of(const terms_t *t, int from, int to, const char *op, bool keywords_only,
                      int max, int *n)
{
    buf_t m = {0};
    buf_init(&m);
    *n = 0;
    for (int i = from; i < to && i < t->n && *n < max; i++)
        if (t->v[i].keyword || !keywords_only) {
            add_phrase_op(&m, op, t->v[i].text, strlen(t->v[i].text));
            (*n)++;
        }
    return m.data;
}

static bool contains(json_t *row, const char *word)
{
    static const char *const cols[] = {"title", "description", "keywords"};
    for (int i = 0; i < 3; i++) {
        const char *s = sval(row, cols[i]);
        if (s && strstr(s, word))
            return true;
    }
    return false;
}

static const char *field_zh(const char *code)
{
    const char *zh = entity_enum_zh(entity_field(entity_find("tech_needs"), "field"), code);
    return zh ? zh : code;
}

static int by_score(const void *a, const void *b)
{
    double x = json_real_value(json_object_get(*(json_t *const *)a, "score"));
    double y = json_real_value(json_object_get(*(json_t *const *)b, "score"));
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Text relevance of a row found by common terms alone: see above. */
static double common_score(json_t *cand, const terms_t *t, int from)
{
    static const char *const cols[] = {"title", "description", "keywords"};
    static const double weight[] = {2.0, 1.0, 3.0};
    double score = 0;
    for (int i = from; i < t->n; i++) {
        /* A piece of the title inside a keyword says what the keyword says. */
        bool inside = false;
        for (int j = 0; j < t->n && !t->v[i].keyword && !inside; j++)
            inside = t->v[j].keyword && strstr(t->v[j].text, t->v[i].text);
        for (int k = 0; k < 3 && !inside; k++) {
            const char *s = sval(cand, cols[k]);
            if (s && strstr(s, t->v[i].text))
                score += weight[k] * SUGGEST_COMMON_WEIGHT;
        }
    }
    return score;
}

/* Add the rows of the common terms [rare, n) that match `match` (newest
 * first) and are not in cands yet. */
static int add_common(store_conn *sc, const char *kind, int64_t cid, const store_tech_reader *rd,
                      const terms_t *t, int rare, const char *match, int64_t want, json_t *cands,
                      json_t *seen, err_t *e)
{
    json_t *more = NULL, *cand;
    size_t i;
    /* Rows found by common words alone are near ties: twice the page. */
    int64_t n = 2 * want > SUGGEST_COMMON_ROWS ? 2 * want : SUGGEST_COMMON_ROWS;
    if (store_tech_candidates(sc, kind, cid, rd, match, NULL, n, &more, e) != 0)
        return -1;
    json_array_foreach (more, i, cand) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)ival(cand, "id"));
        if (json_object_get(seen, key))
            continue;
        json_object_set_new(seen, key, json_true());
        json_object_set_new(cand, "rank", json_real(-common_score(cand, t, rare)));
        json_array_append(cands, cand);
    }
    json_decref(more);
    return 0;
}

/* The candidates of a record: the rare terms by BM25, then, when they
 * find fewer than want, the common ones (above). */
static int find_candidates(store_conn *sc, const char *kind, int64_t cid,
                           const store_tech_reader *rd, terms_t *t, int64_t want, json_t **cands,
                           err_t *e)
{
    int rare = 0, n = 0;
    *cands = NULL;
    if (weigh_terms(sc, kind, cid, t, want, &rare, e) != 0)
        return -1;
    if (rare > 0) {
        char *m = match_of(t, 0, rare, " OR ", false, SUGGEST_TERMS, &n);
        /* Each rare term's weight, from its rows: BM25's IDF over
         * SUGGEST_IDF_ROWS rows (7.6 for a term in 1 row, 2.4 in 300). */
        buf_t idfs = {0};
        buf_init(&idfs);
        for (int i = 0; i < rare; i++) {
            double df = (double)t->v[i].docs;
            buf_printf(&idfs, "%s%.4f", i ? " " : "",
                       log(1.0 + (SUGGEST_IDF_ROWS - df + 0.5) / (df + 0.5)));
        }
        int rc =
            store_tech_candidates(sc, kind, cid, rd, m, idfs.data, SUGGEST_CANDIDATES, cands, e);
        buf_free(&idfs);
        free(m);
        if (rc != 0)
            return -1;
    } else {
        *cands = json_array();
    }
    if ((int64_t)json_array_size(*cands) >= want || rare == t->n)
        return 0;
    json_t *seen = json_object(), *cand;
    size_t i;
    json_array_foreach (*cands, i, cand) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)ival(cand, "id"));
        json_object_set_new(seen, key, json_true());
    }
    int rc = 0;
    char *m = match_of(t, rare, t->n, " AND ", true, 2, &n);
    if (n >= 2)
        rc = add_common(sc, kind, cid, rd, t, rare, m, want, *cands, seen, e);
    free(m);
    if (rc == 0 && (int64_t)json_array_size(*cands) < want) {
        m = match_of(t, rare, t->n, " OR ", false, SUGGEST_COMMON, &n);
        rc = add_common(sc, kind, cid, rd, t, rare, m, want, *cands, seen, e);
        free(m);
    }
    json_decref(seen);
    return rc;
}

int tech_suggest(store_conn *sc, const caller_t *c, const char *from, int64_t id, int64_t limit,
                 json_t **out, err_t *e)
{
    bool from_need = !strcmp(from, "tech_needs");
    const entity_def *d = entity_find(from);
    json_t *row = NULL, *cands = NULL, *kw = NULL, *mine = NULL, *done = NULL;
    json_t *items = json_array();
    terms_t terms = {.n = 0};
    int rc = -1;
    if (record_get(sc, c, d, id, &row, e) != 0)
        goto out;
    int64_t cid = ival(row, "consortium_id");
    store_tech_reader rd = {0, 0};
    if (perm_secretariat_of(c, cid))
        rd.level = 2;
    else if (perm_member_reader(sc, c, cid))
        rd.level = 1;
    if (c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff")))
        rd.org_id = c->org_id;
    /* Projects are read by the consortium's members and secretariat:
     * only they are told of past projects. */
    bool projects = rd.level >= 1 || caller_is_admin(c);
    kw = tags_of(sval(row, "keywords"));
    terms_of(&terms, sval(row, "title"), kw);
    /* The record's fields: a need's one, a capability's several. */
    mine = from_need ? json_pack("[s?]", sval(row, "field")) : tags_of(sval(row, "fields"));
    if (terms.n == 0) {
        rc = 0;
        goto out;
    }
    /* One more than the page: the record's own unit may be among them. */
    if (find_candidates(sc, from_need ? "capabilities" : "tech_needs", cid, &rd, &terms, limit + 1,
                        &cands, e) != 0)
        goto out;
    int64_t self_org = ival(row, from_need ? "enterprise_id" : "organization_id");
    /* Past projects in one read: for a need, its field's projects by lead
     * unit; for a capability, its unit's projects by field. */
    if (projects && (!from_need || sval(row, "field")) &&
        store_tech_accepted_projects(sc, cid, self_org, from_need ? sval(row, "field") : NULL,
                                     &done, e) != 0)
        goto out;
    size_t i, j;
    json_t *cand;
    json_array_foreach (cands, i, cand) {
        int64_t org = ival(cand, "organization_id");
        if (org == self_org)
            continue; /* a unit is not suggested to itself */
        json_t *reasons = json_array(), *k;
        double score = -json_real_value(json_object_get(cand, "rank"));
        buf_t words = {0};
        buf_init(&words);
        json_array_foreach (kw, j, k)
            if (contains(cand, json_string_value(k)))
                buf_printf(&words, "%s%s", words.len ? "、" : "", json_string_value(k));
        if (words.len)
            json_array_append_new(reasons, json_sprintf("关键词相符：%s (keywords matched: %s)",
                                                        words.data, words.data));
        else
            json_array_append_new(reasons,
                                  json_string("标题或描述用词相近 (similar words in the title or "
                                              "description)"));
        buf_free(&words);
        json_t *theirs =
            from_need ? tags_of(sval(cand, "fields")) : json_pack("[s?]", sval(cand, "fields"));
        json_t *f;
        const char *need_field = from_need ? sval(row, "field") : sval(cand, "fields");
        json_array_foreach (mine, j, f) {
            size_t t;
            json_t *g;
            json_array_foreach (theirs, t, g)
                if (json_equal(f, g)) {
                    score += 2.0;
                    json_array_append_new(reasons, json_sprintf("技术领域相同：%s (same field: %s)",
                                                                field_zh(json_string_value(f)),
                                                                json_string_value(f)));
                }
        }
        json_decref(theirs);
        /* The capability owner's track record in the need's field. */
        int64_t done_n = 0;
        if (done && need_field) {
            char key[24];
            snprintf(key, sizeof key, "%lld", (long long)org);
            done_n = json_integer_value(json_object_get(done, from_need ? key : need_field));
        }
        if (done_n > 0) {
            score += (double)(done_n < 5 ? done_n : 5);
            json_array_append_new(reasons, json_sprintf("在%s领域已验收项目 %lld 项 (%lld "
                                                        "accepted projects in %s)",
                                                        field_zh(need_field), (long long)done_n,
                                                        (long long)done_n, need_field));
        }
        json_t *it = json_pack("{s:I,s:I,s:s?,s:f,s:o}", from_need ? "capability_id" : "need_id",
                               (json_int_t)ival(cand, "id"), "organization_id", (json_int_t)org,
                               "title", sval(cand, "title"), "score",
                               (double)(long long)(score * 1000 + 0.5) / 1000, "reasons", reasons);
        json_array_append_new(items, it);
    }
    rc = 0;
out:
    if (rc == 0) {
        size_t n = json_array_size(items);
        json_t **v = xcalloc(n ? n : 1, sizeof *v);
        for (size_t k = 0; k < n; k++)
            v[k] = json_incref(json_array_get(items, k));
        qsort(v, n, sizeof *v, by_score);
        json_t *top = json_array();
        for (size_t k = 0; k < n; k++) {
            if ((int64_t)k < limit)
                json_array_append(top, v[k]);
            json_decref(v[k]);
        }
        free(v);
        *out = json_pack("{s:o,s:I}", "items", top, "total", (json_int_t)n);
    }
    json_decref(row);
    json_decref(cands);
    json_decref(kw);
    json_decref(mine);
    json_decref(done);
    json_decref(items);
    terms_free(&terms);
    return rc;
}
