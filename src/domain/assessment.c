/*
 * assessment.c — the year's assessment (assessment.h).  The answer is
 * built in one place (view): the framework's indicators as a tree, each
 * leaf with its value row, rags computed by the one rule
 * (assessment_rag), branches rolled up from their leaves, the result and
 * the score.  Every write ends by building that view and writing back
 * what it decided (each leaf's rag, the result, the score), so the
 * stored figures and the answer cannot disagree; a submission keeps the
 * same view whole as its version.
 */
#include "domain/assessment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/files.h"
#include "domain/measures.h"
#include "domain/record.h"
#include "store/store_assessment.h"

/* ---- the rules -------------------------------------------------------- */

const char *assessment_rag(const char *direction, bool veto, bool has_target, double target,
                           bool has_value, double value, double amber_ratio)
{
    if (!has_target || !has_value)
        return "none";
    if (!(amber_ratio > 0 && amber_ratio <= 1))
        amber_ratio = 0.8;
    const double eps = 1e-9;
    bool green, amber;
    if (direction && !strcmp(direction, "eq")) {
        green = fabs(value - target) <= eps;
        amber = false;
    } else if (direction && !strcmp(direction, "le")) {
        green = value <= target + eps;
        amber = target > eps && value <= target / amber_ratio + eps;
    } else {
        green = value >= target - eps;
        amber = value >= amber_ratio * target - eps;
    }
    if (green)
        return "green";
    return amber && !veto ? "amber" : "red";
}

const char *assessment_rollup(int green, int amber, int red, int none)
{
    (void)none;
    return red ? "red" : amber ? "amber" : green ? "green" : "none";
}

bool assessment_editable(const char *status)
{
    return status &&
           (!strcmp(status, "draft") || !strcmp(status, "returned") || !strcmp(status, "reopened"));
}

/* ---- who ------------------------------------------------------------- */

bool assessment_readable(store_conn *sc, const caller_t *c, int64_t cid)
{
    if (perm_secretariat_of(c, cid)) /* the consortium's, or an admin */
        return true;
    if (perm_authority_over(sc, c, cid)) /* the authority that oversees it */
        return true;
    if (!caller_signed_in(c) || !c->org_id)
        return false;
    if (strcmp(c->role, "org_admin") && strcmp(c->role, "org_staff"))
        return false;
    return store_is_member(sc, cid, c->org_id);
}

static int not_found(err_t *e, const char *what, int64_t id)
{
    return err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", what, (long long)id);
}

int assessment_may_write_consortium(store_conn *sc, const caller_t *c, int64_t cid, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (!store_entity_exists(sc, "consortia", cid) || !assessment_readable(sc, c, cid))
        return not_found(e, "联合体 (consortium)", cid);
    if (!perm_secretariat_of(c, cid))
        return err_set(e, ERR_FORBIDDEN,
                       "只有联合体秘书处或平台管理员可以编辑监测评估 (only the consortium's "
                       "secretariat or a platform admin may change its assessment)");
    return 0;
}

static int64_t ival(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

static const char *sval(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The assessment's row when c may read it, else 404. */
static int readable_row(store_conn *sc, const caller_t *c, int64_t aid, json_t **row, err_t *e)
{
    *row = NULL;
    if (store_assessment_row(sc, aid, row, e) != 0 ||
        !assessment_readable(sc, c, ival(*row, "consortium_id"))) {
        json_decref(*row);
        *row = NULL;
        err_clear(e);
        return not_found(e, "监测评估 (assessment)", aid);
    }
    return 0;
}

bool assessment_file_readable(store_conn *sc, const caller_t *c, int64_t aid)
{
    json_t *row = NULL;
    err_t e = ERR_INIT;
    bool ok = readable_row(sc, c, aid, &row, &e) == 0;
    err_clear(&e);
    json_decref(row);
    return ok;
}

int assessment_may_write(store_conn *sc, const caller_t *c, int64_t aid, int64_t *cid, err_t *e)
{
    json_t *row = NULL;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (readable_row(sc, c, aid, &row, e) != 0)
        return -1;
    int64_t k = ival(row, "consortium_id");
    json_decref(row);
    if (cid)
        *cid = k;
    return assessment_may_write_consortium(sc, c, k, e);
}

int assessment_may_set_value(store_conn *sc, const caller_t *c, int64_t aid, int64_t *cid,
                             bool *by_authority, err_t *e)
{
    int64_t k = 0;
    *by_authority = false;
    if (assessment_may_write(sc, c, aid, &k, e) == 0) {
        if (cid)
            *cid = k;
        return 0;
    }
    if (e->code != ERR_FORBIDDEN || !k || !perm_authority_over(sc, c, k))
        return -1;
    err_clear(e); /* the authority over it: targets only (assessment_value_set) */
    *by_authority = true;
    if (cid)
        *cid = k;
    return 0;
}

/* ---- the view --------------------------------------------------------- */

static void today_cst(char out[11])
{
    char t[21];
    time_utc(now_unix() + 8 * 3600, t);
    memcpy(out, t, 10);
    out[10] = '\0';
}

/* The cut-off a year defaults to: its last day, or today when earlier. */
static void default_cutoff(int year, char out[11])
{
    char last[11], today[11];
    snprintf(last, sizeof last, "%04d-12-31", year);
    today_cst(today);
    memcpy(out, strcmp(today, last) < 0 ? today : last, 11);
}

static bool num(json_t *v, double *out)
{
    if (!json_is_number(v))
        return false;
    *out = json_number_value(v);
    return true;
}

/* A JSON text column as JSON (NULL / unparsable: null). */
static json_t *parsed(json_t *o, const char *k)
{
    const char *s = sval(o, k);
    json_t *v = s ? json_loads(s, 0, NULL) : NULL;
    return v ? v : json_null();
}

static json_t *evidence_view(store_conn *sc, json_t *shas)
{
    json_t *out = json_array();
    size_t i;
    json_t *v;
    json_array_foreach (shas, i, v) {
        json_t *f = NULL;
        err_t e = ERR_INIT;
        const char *id = json_string_value(v);
        if (!id)
            continue;
        const char *name = NULL;
        if (store_file_get(sc, id, &f, &e) == 0)
            name = sval(f, "name");
        err_clear(&e);
        json_array_append_new(out, json_pack("{s:s,s:s?,s:s?}", "id", id, "name", name, "kind",
                                             f ? sval(f, "kind") : NULL));
        json_decref(f);
    }
    return out;
}

static void count_add(json_t *counts, const char *rag, int n)
{
    json_t *v = json_object_get(counts, rag);
    json_object_set_new(counts, rag, json_integer(json_integer_value(v) + n));
}

static json_t *counts_new(void)
{
    return json_pack("{s:i,s:i,s:i,s:i}", "green", 0, "amber", 0, "red", 0, "none", 0);
}

static json_t *goals_of(store_conn *sc, int64_t cid, int year, const char *cutoff, err_t *e);

/* The whole answer of assessment row `row` (borrowed).  *leaves gets, when
 * not NULL, a new array of the leaves (borrowed from the tree, held). */
static int view(store_conn *sc, json_t *row, json_t **out, json_t **leaves, err_t *e)
{
    int rc = -1;
    int64_t aid = ival(row, "id"), cid = ival(row, "consortium_id");
    json_t *fw = NULL, *inds = NULL, *vals = NULL, *byid = json_object(), *byval = json_object();
    json_t *roots = json_array(), *leaf_list = json_array(), *total = counts_new();
    if (store_framework_row(sc, ival(row, "framework_id"), &fw, e) != 0 ||
        store_framework_indicators(sc, ival(row, "framework_id"), &inds, e) != 0 ||
        store_assessment_values(sc, aid, &vals, e) != 0)
        goto out;
    double amber_ratio = 0.8;
    num(json_object_get(fw, "amber_ratio"), &amber_ratio);
    size_t i;
    json_t *v;
    char key[32];
    json_array_foreach (vals, i, v) {
        snprintf(key, sizeof key, "%lld", (long long)ival(v, "indicator_id"));
        json_object_set(byval, key, v);
    }
    /* Nodes by id, in level order: a parent comes before its children. */
    json_array_foreach (inds, i, v) {
        json_t *n = json_deep_copy(v);
        json_object_set_new(n, "veto", json_boolean(ival(v, "veto") != 0));
        json_object_set_new(n, "measure_params", parsed(v, "measure_params"));
        snprintf(key, sizeof key, "%lld", (long long)ival(v, "id"));
        json_t *parent = NULL;
        if (ival(v, "parent_id")) {
            char pk[32];
            snprintf(pk, sizeof pk, "%lld", (long long)ival(v, "parent_id"));
            parent = json_object_get(byid, pk);
        }
        /* A leaf's own weight counts (none: 1); a branch's weight is
         * only the sum of its children's. */
        double w = 1;
        num(json_object_get(v, "weight"), &w);
        json_object_set_new(n, "_w", json_real(w));
        bool veto = ival(v, "veto") != 0 ||
                    (parent && json_is_true(json_object_get(parent, "veto_effective")));
        json_object_set_new(n, "veto_effective", json_boolean(veto));
        json_object_set_new(n, "_parent", json_integer(parent ? ival(parent, "id") : 0));
        json_object_set_new(byid, key, n);
        if (parent) {
            json_t *kids = json_object_get(parent, "children");
            if (!kids)
                json_object_set_new(parent, "children", kids = json_array());
            json_array_append(kids, n);
        } else
            json_array_append(roots, n);
    }
    /* Leaves: the nodes with a value row. */
    const char *key_i;
    json_t *n;
    json_object_foreach (byid, key_i, n) {
        json_t *val = json_object_get(byval, key_i);
        if (!val)
            continue;
        bool computed = sval(n, "source") && !strcmp(sval(n, "source"), "computed");
        json_t *value = json_object_get(val, computed ? "computed" : "reported");
        double t = 0, x = 0;
        bool ht = num(json_object_get(val, "target"), &t), hx = num(value, &x);
        const char *rag =
            assessment_rag(sval(n, "direction"), json_is_true(json_object_get(n, "veto_effective")),
                           ht, t, hx, x, amber_ratio);
        json_object_set(n, "value", value ? value : json_null());
        json_object_set(n, "computed", json_object_get(val, "computed"));
        json_object_set(n, "reported", json_object_get(val, "reported"));
        json_object_set(n, "target", json_object_get(val, "target"));
        json_object_set(n, "target_set_by", json_object_get(val, "target_set_by"));
        json_object_set_new(n, "drill", parsed(val, "drill"));
        json_t *shas = parsed(val, "evidence");
        json_object_set_new(n, "evidence", evidence_view(sc, shas));
        json_decref(shas);
        json_object_set(n, "note", json_object_get(val, "note"));
        json_object_set(n, "error", json_object_get(val, "error"));
        json_object_set_new(n, "rag", json_string(rag));
        json_array_append(leaf_list, n);
        /* Count the leaf in itself and every branch above it. */
        count_add(total, rag, 1);
        for (json_t *p = n; p;) {
            json_t *c = json_object_get(p, "counts");
            if (!c)
                json_object_set_new(p, "counts", c = counts_new());
            count_add(c, rag, 1);
            int64_t pid = ival(p, "_parent");
            char pk[32];
            snprintf(pk, sizeof pk, "%lld", (long long)pid);
            p = pid ? json_object_get(byid, pk) : NULL;
        }
    }
    /* Branch rags, the result and the score. */
    double wsum = 0, wgreen = 0;
    bool fail = false;
    json_object_foreach (byid, key_i, n) {
        json_t *c = json_object_get(n, "counts");
        if (!c)
            json_object_set_new(n, "counts", c = counts_new());
        if (!json_object_get(n, "rag"))
            json_object_set_new(
                n, "rag",
                json_string(assessment_rollup((int)ival(c, "green"), (int)ival(c, "amber"),
                                              (int)ival(c, "red"), (int)ival(c, "none"))));
        if (!json_object_get(n, "children")) /* a leaf: none, for one shape */
            json_object_set_new(n, "children", json_array());
        if (!json_object_get(byval, key_i))
            continue;
        double w = 1;
        num(json_object_get(n, "_w"), &w);
        const char *rag = sval(n, "rag");
        wsum += w;
        if (!strcmp(rag, "green"))
            wgreen += w;
        if (json_is_true(json_object_get(n, "veto_effective")) && !strcmp(rag, "red"))
            fail = true;
    }
    json_object_foreach (byid, key_i, n) {
        json_object_del(n, "_w");
        json_object_del(n, "_parent");
    }
    json_t *goals = goals_of(sc, cid, (int)ival(row, "year"), sval(row, "cutoff_on"), e);
    json_t *versions = NULL, *comments = NULL;
    if (!goals || store_assessment_versions(sc, aid, &versions, e) != 0 ||
        store_assessment_comments(sc, aid, &comments, e) != 0) {
        json_decref(goals);
        json_decref(versions);
        goto out;
    }
    json_t *o = json_deep_copy(row);
    json_object_set_new(o, "editable", json_boolean(assessment_editable(sval(row, "status"))));
    json_object_set_new(o, "result", json_string(fail ? "fail" : "pass"));
    json_object_set_new(o, "score",
                        wsum > 0 ? json_real(round(1000.0 * wgreen / wsum) / 10.0) : json_null());
    json_object_set_new(o, "framework", json_incref(fw));
    json_object_set_new(o, "indicators", json_incref(roots));
    json_object_set_new(o, "counts", json_incref(total));
    json_object_set_new(o, "versions", versions);
    json_object_set_new(o, "comments", comments);
    json_object_set_new(o, "goals", goals);
    *out = o;
    if (leaves)
        *leaves = json_incref(leaf_list);
    rc = 0;
out:
    json_decref(fw);
    json_decref(inds);
    json_decref(vals);
    json_decref(byid);
    json_decref(byval);
    json_decref(roots);
    json_decref(leaf_list);
    json_decref(total);
    return rc;
}

/* ---- goals ------------------------------------------------------------ */

static json_t *goals_of(store_conn *sc, int64_t cid, int year, const char *cutoff, err_t *e)
{
    json_t *items = NULL;
    if (store_consortium_goals(sc, cid, &items, e) != 0)
        return NULL;
    size_t i;
    json_t *g;
    json_array_foreach (items, i, g) {
        const char *m = sval(g, "measure");
        json_t *params = parsed(g, "measure_params"), *drill = NULL;
        double value = 0;
        bool has = false;
        if (m && *m) {
            err_t me = ERR_INIT;
            if (measure_compute(sc, cid, year, cutoff, m, params, &value, &drill, &me) == 0)
                has = true;
            else
                json_object_set_new(g, "error", json_string(me.message));
            err_clear(&me);
        }
        if (!has)
            has = num(json_object_get(g, "manual_value"), &value);
        json_object_set_new(g, "measure_params", params);
        double min = 0;
        num(json_object_get(g, "target_min"), &min);
        int64_t due = ival(g, "due_year");
        bool met = has && value >= min - 1e-9;
        json_object_set_new(g, "value", has ? json_real(value) : json_null());
        json_object_set_new(g, "status",
                            json_string(met                  ? "met"
                                        : due && due <= year ? "behind"
                                                             : "on_track"));
        json_object_set_new(g, "drill", drill ? drill : json_null());
        json_object_set_new(g, "progress",
                            has && min > 0 ? json_real(fmin(100.0, 100.0 * value / min))
                                           : json_null());
    }
    return items;
}

int assessment_goals(store_conn *sc, const caller_t *c, int64_t cid, int year, json_t **out,
                     err_t *e)
{
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    char cutoff[11];
    if (!year) {
        today_cst(cutoff);
        year = atoi(cutoff);
    }
    default_cutoff(year, cutoff);
    json_t *items = goals_of(sc, cid, year, cutoff, e);
    if (!items)
        return -1;
    *out = json_pack("{s:i,s:s,s:o,s:I}", "year", year, "cutoff_on", cutoff, "items", items,
                     "total", (json_int_t)json_array_size(items));
    return 0;
}

/* ---- reads ------------------------------------------------------------ */

int assessment_list(store_conn *sc, const caller_t *c, int64_t cid, json_t **out, err_t *e)
{
    if (!store_entity_exists(sc, "consortia", cid) || !assessment_readable(sc, c, cid))
        return not_found(e, "联合体 (consortium)", cid);
    json_t *items = NULL;
    if (store_assessment_list(sc, cid, &items, e) != 0)
        return -1;
    *out = json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return 0;
}

int assessment_get(store_conn *sc, const caller_t *c, int64_t aid, json_t **out, err_t *e)
{
    json_t *row = NULL;
    if (readable_row(sc, c, aid, &row, e) != 0)
        return -1;
    int rc = view(sc, row, out, NULL, e);
    json_decref(row);
    return rc;
}

int assessment_version(store_conn *sc, const caller_t *c, int64_t aid, int64_t v, json_t **out,
                       err_t *e)
{
    json_t *row = NULL;
    char *text = NULL;
    if (readable_row(sc, c, aid, &row, e) != 0)
        return -1;
    json_decref(row);
    if (store_assessment_version_snapshot(sc, aid, v, &text, e) != 0)
        return -1;
    *out = json_loads(text, 0, NULL);
    free(text);
    return *out ? 0 : err_set(e, ERR_INTERNAL, "版本内容损坏 (the version is unreadable)");
}

int assessment_of_year(store_conn *sc, const caller_t *c, int64_t cid, int year, int64_t *aid,
                       err_t *e)
{
    *aid = store_assessment_of_year(sc, cid, year);
    if (!*aid || !assessment_readable(sc, c, cid))
        return err_set(e, ERR_NOT_FOUND, "联合体 %lld 没有 %d 年的监测评估 (no assessment for %d)",
                       (long long)cid, year, year);
    return 0;
}

/* ---- writes ----------------------------------------------------------- */

/* Inside a transaction: the row again, refusing a frozen one. */
static int row_for_write(store_conn *sc, int64_t aid, json_t **row, err_t *e)
{
    if (store_assessment_row(sc, aid, row, e) != 0)
        return -1;
    const char *st = sval(*row, "status");
    if (!assessment_editable(st)) {
        err_set(e, ERR_CONFLICT,
                "监测评估已提交（状态 %s），不能修改 (the assessment is %s: it cannot change "
                "until it is reopened or returned)",
                st, st);
        json_decref(*row);
        *row = NULL;
        return -1;
    }
    return 0;
}

/* The state row holds now, to change and save. */
static store_assessment_state state_of(json_t *row)
{
    store_assessment_state s = {sval(row, "status"),
                                sval(row, "cutoff_on"),
                                sval(row, "computed_at"),
                                sval(row, "submitted_at"),
                                sval(row, "result"),
                                ival(row, "submitted_by"),
                                ival(row, "version"),
                                false,
                                0};
    s.has_score = num(json_object_get(row, "score"), &s.score);
    return s;
}

/* Take every computed leaf's measure at row's cut-off. */
static int take_measures(store_conn *sc, json_t *row, err_t *e)
{
    json_t *inds = NULL, *vals = NULL;
    int rc = -1;
    int64_t aid = ival(row, "id"), cid = ival(row, "consortium_id");
    if (store_framework_indicators(sc, ival(row, "framework_id"), &inds, e) != 0 ||
        store_assessment_values(sc, aid, &vals, e) != 0)
        goto out;
    json_t *have = json_object();
    size_t i;
    json_t *v;
    char key[32];
    json_array_foreach (vals, i, v) {
        snprintf(key, sizeof key, "%lld", (long long)ival(v, "indicator_id"));
        json_object_set_new(have, key, json_true());
    }
    json_array_foreach (inds, i, v) {
        snprintf(key, sizeof key, "%lld", (long long)ival(v, "id"));
        const char *src = sval(v, "source");
        if (!json_object_get(have, key) || !src || strcmp(src, "computed"))
            continue;
        json_t *params = parsed(v, "measure_params"), *drill = NULL;
        double x = 0;
        err_t me = ERR_INIT;
        int mrc = measure_compute(sc, cid, (int)ival(row, "year"), sval(row, "cutoff_on"),
                                  sval(v, "measure"), params, &x, &drill, &me);
        char *dtext = mrc == 0 && drill ? json_dumps(drill, JSON_COMPACT) : NULL;
        int wrc = store_assessment_value_computed(sc, aid, ival(v, "id"), mrc == 0, x, dtext,
                                                  mrc == 0 ? NULL : me.message, e);
        free(dtext);
        json_decref(drill);
        json_decref(params);
        err_clear(&me);
        if (wrc != 0) {
            json_decref(have);
            goto out;
        }
    }
    json_decref(have);
    rc = 0;
out:
    json_decref(inds);
    json_decref(vals);
    return rc;
}

/* Build the view of aid as it stands in this transaction and write back
 * each leaf's rag, the result and the score (with s's other columns). */
static int settle(store_conn *sc, int64_t aid, store_assessment_state *s, err_t *e)
{
    json_t *row = NULL, *v = NULL, *leaves = NULL;
    int rc = -1;
    char now[21];
    now_utc(now);
    if (store_assessment_row(sc, aid, &row, e) != 0 || view(sc, row, &v, &leaves, e) != 0)
        goto out;
    size_t i;
    json_t *n;
    json_array_foreach (leaves, i, n)
        if (store_assessment_value_rag(sc, aid, ival(n, "id"), sval(n, "rag"), e) != 0)
            goto out;
    s->result = sval(v, "result");
    s->has_score = num(json_object_get(v, "score"), &s->score);
    if (store_assessment_save(sc, aid, s, now, e) != 0)
        goto out;
    rc = 0;
out:
    json_decref(row);
    json_decref(v);
    json_decref(leaves);
    return rc;
}

/* The answer after a write: the view read afresh. */
static int answer(store_conn *sc, const caller_t *c, int64_t aid, json_t **out, err_t *e)
{
    return out ? assessment_get(sc, c, aid, out, e) : 0;
}

static int audit(store_conn *sc, const caller_t *c, const char *action, int64_t aid, int64_t cid,
                 json_t *after, err_t *e)
{
    int rc = record_audit(sc, c, action, "assessments", aid, cid, NULL, after, e);
    json_decref(after);
    return rc;
}

static bool date_ok_for(const char *d, int year)
{
    char first[11];
    snprintf(first, sizeof first, "%04d-01-01", year);
    return d && date_valid(d) && strcmp(d, first) >= 0;
}

int assessment_create(store_conn *sc, const caller_t *c, int64_t cid, json_t *in, json_t **out,
                      err_t *e)
{
    if (assessment_may_write_consortium(sc, c, cid, e) != 0)
        return -1;
    const char *k;
    json_t *v;
    json_object_foreach (in, k, v)
        if (strcmp(k, "year") && strcmp(k, "cutoff_on") && strcmp(k, "framework_id"))
            err_field(e, k, "未知字段 (unknown field)");
    json_t *jy = json_object_get(in, "year"), *jc = json_object_get(in, "cutoff_on"),
           *jf = json_object_get(in, "framework_id");
    int year = json_is_integer(jy) ? (int)json_integer_value(jy) : 0;
    if (year < 2000 || year > 2100)
        err_field(e, "year", "必填：2000 到 2100 之间的年份 (required: a year 2000–2100)");
    char cutoff[11] = "";
    if (jc && !json_is_null(jc)) {
        if (!json_is_string(jc) || !date_ok_for(json_string_value(jc), year))
            err_field(e, "cutoff_on",
                      "应为该年或其后的日期 YYYY-MM-DD (a date YYYY-MM-DD in the year or later)");
        else
            snprintf(cutoff, sizeof cutoff, "%s", json_string_value(jc));
    } else if (year)
        default_cutoff(year, cutoff);
    int64_t fid = 0;
    json_t *fw = NULL;
    if (jf && !json_is_null(jf)) {
        fid = json_is_integer(jf) ? json_integer_value(jf) : 0;
        err_t fe = ERR_INIT;
        if (fid <= 0 || store_framework_row(sc, fid, &fw, &fe) != 0)
            err_field(e, "framework_id", "没有这个指标体系 (no such framework)");
        err_clear(&fe);
        json_decref(fw);
    }
    if (e->details)
        return err_set(e, ERR_INVALID, "输入有误 (validation failed)");
    if (!fid) {
        char kind[32] = "";
        store_consortium_kind(sc, cid, kind, sizeof kind);
        fid = store_framework_default(sc, kind);
        if (!fid)
            return err_set(e, ERR_CONFLICT,
                           "没有适用于%s类联合体的现行指标体系，请平台管理员先导入或启用 (no "
                           "active framework applies to %s consortia: a platform admin imports "
                           "or activates one first)",
                           kind, kind);
    }
    bool own = !store_in_tx(sc); /* the demo loader holds its own */
    if (own && store_begin(sc, e) != 0)
        return -1;
    int64_t aid = 0;
    json_t *inds = NULL;
    char now[21];
    now_utc(now);
    if (store_assessment_insert(sc, cid, year, fid, cutoff, now, &aid, e) != 0 ||
        store_framework_indicators(sc, fid, &inds, e) != 0)
        goto rollback;
    /* A value row per leaf: an indicator no other names as parent. */
    json_t *parents = json_object();
    size_t i;
    char key[32];
    json_array_foreach (inds, i, v) {
        if (!ival(v, "parent_id"))
            continue;
        snprintf(key, sizeof key, "%lld", (long long)ival(v, "parent_id"));
        json_object_set_new(parents, key, json_true());
    }
    json_array_foreach (inds, i, v) {
        snprintf(key, sizeof key, "%lld", (long long)ival(v, "id"));
        if (json_object_get(parents, key))
            continue;
        double t = 0;
        bool ht = num(json_object_get(v, "default_target"), &t);
        if (store_assessment_value_add(sc, aid, ival(v, "id"), ht, t, "framework", e) != 0) {
            json_decref(parents);
            goto rollback;
        }
    }
    json_decref(parents);
    json_t *row = NULL;
    if (store_assessment_row(sc, aid, &row, e) != 0)
        goto rollback;
    int mrc = take_measures(sc, row, e);
    store_assessment_state s = state_of(row);
    s.computed_at = now;
    mrc = mrc ? mrc : settle(sc, aid, &s, e);
    json_decref(row); /* s points into it until here */
    if (mrc != 0 ||
        audit(sc, c, "create", aid, cid,
              json_pack("{s:i,s:s,s:I}", "year", year, "cutoff_on", cutoff, "framework_id",
                        (json_int_t)fid),
              e) != 0 ||
        (own && store_commit(sc, e) != 0))
        goto rollback;
    json_decref(inds);
    return answer(sc, c, aid, out, e);
rollback:
    if (own)
        store_rollback(sc);
    json_decref(inds);
    return -1;
}

/* The transaction of compute and update: measures afresh, settle. */
static int recompute(store_conn *sc, const caller_t *c, int64_t aid, const char *new_cutoff,
                     json_t **out, err_t *e)
{
    int64_t cid = 0;
    if (assessment_may_write(sc, c, aid, &cid, e) != 0)
        return -1;
    bool own = !store_in_tx(sc); /* the demo loader holds its own */
    if (own && store_begin(sc, e) != 0)
        return -1;
    json_t *row = NULL;
    char now[21];
    now_utc(now);
    if (row_for_write(sc, aid, &row, e) != 0)
        goto rollback;
    if (new_cutoff && strcmp(sval(row, "status"), "draft")) {
        err_set(e, ERR_CONFLICT,
                "只有草稿可以修改截止日期（状态 %s） (only a draft's cut-off can change: it is "
                "%s)",
                sval(row, "status"), sval(row, "status"));
        goto rollback;
    }
    if (new_cutoff)
        json_object_set_new(row, "cutoff_on", json_string(new_cutoff));
    store_assessment_state s = state_of(row);
    s.computed_at = now;
    if (new_cutoff && store_assessment_save(sc, aid, &s, now, e) != 0)
        goto rollback;
    if (take_measures(sc, row, e) != 0 || settle(sc, aid, &s, e) != 0 ||
        audit(sc, c, new_cutoff ? "update" : "compute", aid, cid,
              json_pack("{s:s,s:s}", "cutoff_on", sval(row, "cutoff_on"), "computed_at", now),
              e) != 0 ||
        (own && store_commit(sc, e) != 0))
        goto rollback;
    json_decref(row);
    return answer(sc, c, aid, out, e);
rollback:
    if (own)
        store_rollback(sc);
    json_decref(row);
    return -1;
}

int assessment_compute(store_conn *sc, const caller_t *c, int64_t aid, json_t **out, err_t *e)
{
    return recompute(sc, c, aid, NULL, out, e);
}

int assessment_update(store_conn *sc, const caller_t *c, int64_t aid, json_t *in, json_t **out,
                      err_t *e)
{
    json_t *row = NULL;
    if (assessment_may_write(sc, c, aid, NULL, e) != 0 ||
        store_assessment_row(sc, aid, &row, e) != 0)
        return -1;
    int year = (int)ival(row, "year");
    const char *status = sval(row, "status");
    if (!assessment_editable(status)) {
        err_set(e, ERR_CONFLICT,
                "监测评估已提交（状态 %s），不能修改 (the assessment is %s: it cannot change)",
                status, status);
        json_decref(row);
        return -1;
    }
    json_decref(row);
    const char *k;
    json_t *v;
    json_object_foreach (in, k, v)
        if (strcmp(k, "cutoff_on"))
            err_field(e, k, "未知字段，只能修改 cutoff_on (unknown field: only cutoff_on)");
    json_t *jc = json_object_get(in, "cutoff_on");
    if (!json_is_string(jc) || !date_ok_for(json_string_value(jc), year))
        err_field(
            e, "cutoff_on",
            "必填：该年或其后的日期 YYYY-MM-DD (required: a date YYYY-MM-DD in the year or later)");
    if (e->details)
        return err_set(e, ERR_INVALID, "输入有误 (validation failed)");
    return recompute(sc, c, aid, json_string_value(jc), out, e);
}

static bool sha_like(const char *s)
{
    if (!s || strlen(s) != 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

int assessment_value_set(store_conn *sc, const caller_t *c, int64_t aid, int64_t iid, json_t *in,
                         json_t **out, err_t *e)
{
    int64_t cid = 0;
    bool by_authority = false;
    if (assessment_may_set_value(sc, c, aid, &cid, &by_authority, e) != 0)
        return -1;
    if (by_authority) {
        const char *k0;
        json_t *v0;
        json_object_foreach (in, k0, v0)
            if (strcmp(k0, "target"))
                return err_set(e, ERR_FORBIDDEN,
                               "主管部门只能设定目标值，不能修改 %s (the authority sets targets "
                               "only, not %s)",
                               k0, k0);
    }
    bool own = !store_in_tx(sc); /* the demo loader holds its own */
    if (own && store_begin(sc, e) != 0)
        return -1;
    json_t *row = NULL, *vals = NULL, *inds = NULL, *val = NULL, *ind = NULL, *ev_old = NULL;
    char *evtext = NULL;
    if (row_for_write(sc, aid, &row, e) != 0 || store_assessment_values(sc, aid, &vals, e) != 0 ||
        store_framework_indicators(sc, ival(row, "framework_id"), &inds, e) != 0)
        goto rollback;
    size_t i;
    json_t *v;
    json_array_foreach (vals, i, v)
        if (ival(v, "indicator_id") == iid)
            val = v;
    json_array_foreach (inds, i, v)
        if (ival(v, "id") == iid)
            ind = v;
    if (!val || !ind) {
        not_found(e, "该评估的末级指标 (leaf indicator of this assessment)", iid);
        goto rollback;
    }
    const char *k;
    json_object_foreach (in, k, v)
        if (strcmp(k, "target") && strcmp(k, "reported") && strcmp(k, "evidence") &&
            strcmp(k, "note"))
            err_field(e, k, "未知字段 (unknown field)");
    json_t *jt = json_object_get(in, "target"), *jr = json_object_get(in, "reported"),
           *jev = json_object_get(in, "evidence"), *jn = json_object_get(in, "note");
    if (jt && !json_is_null(jt) && !json_is_number(jt))
        err_field(e, "target", "应为数字或 null (a number or null)");
    if (jt && json_is_number(jt) && !isfinite(json_number_value(jt)))
        err_field(e, "target", "应为数字 (a number)");
    bool computed = sval(ind, "source") && !strcmp(sval(ind, "source"), "computed");
    if (jr && computed)
        err_field(e, "reported",
                  "此指标由系统计算，不能填报 (this indicator is computed, not reported)");
    else if (jr && !json_is_null(jr) && !json_is_number(jr))
        err_field(e, "reported", "应为数字或 null (a number or null)");
    if (jn && !json_is_null(jn) && (!json_is_string(jn) || strlen(json_string_value(jn)) > 4000))
        err_field(e, "note", "应为文本，最多 4000 字节 (text of at most 4000 bytes)");
    ev_old = parsed(val, "evidence");
    if (jev && !json_is_null(jev)) {
        if (!json_is_array(jev) || json_array_size(jev) > 20)
            err_field(e, "evidence",
                      "应为文件编号的数组，最多 20 个 (an array of at most 20 file ids)");
        else
            json_array_foreach (jev, i, v) {
                const char *sha = json_string_value(v);
                bool had = false;
                size_t j;
                json_t *o;
                json_array_foreach (ev_old, j, o)
                    had = had || (sha && json_is_string(o) && !strcmp(json_string_value(o), sha));
                json_t *f = NULL;
                err_t fe = ERR_INIT;
                bool ok = sha_like(sha) &&
                          (had || (store_file_get(sc, sha, &f, &fe) == 0 &&
                                   (caller_is_admin(c) ||
                                    store_file_uploaded_by(sc, sha, c->user_id, c->org_id) ||
                                    files_readable(sc, c, sha))));
                err_clear(&fe);
                json_decref(f);
                if (!ok) {
                    err_field(e, "evidence",
                              "文件不存在或无权使用 (no such file uploaded by you or your unit, "
                              "or readable by you)");
                    break;
                }
            }
    }
    if (e->details) {
        err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        goto rollback;
    }
    json_t *target = jt ? jt : json_object_get(val, "target");
    const char *set_by = jt ? (json_is_null(jt) ? NULL
                               : by_authority   ? "authority"
                                                : "secretariat")
                            : sval(val, "target_set_by");
    json_t *reported = jr ? jr : json_object_get(val, "reported");
    json_t *evidence =
        jev ? (json_is_null(jev) ? json_array() : json_incref(jev)) : json_incref(ev_old);
    evtext = json_array_size(evidence) ? json_dumps(evidence, JSON_COMPACT) : NULL;
    const char *note = jn ? json_string_value(jn) : sval(val, "note");
    int wrc = store_assessment_value_edit(sc, aid, iid, target, set_by, reported, evtext, note, e);
    if (wrc == 0 && jev)
        wrc = store_assessment_evidence_refs(sc, aid, iid, evidence, e);
    json_decref(evidence);
    store_assessment_state s = state_of(row);
    if (wrc != 0 || settle(sc, aid, &s, e) != 0)
        goto rollback;
    json_t *after = json_deep_copy(in);
    json_object_set_new(after, "indicator_id", json_integer(iid));
    if (audit(sc, c, "update", aid, cid, after, e) != 0 || (own && store_commit(sc, e) != 0))
        goto rollback;
    json_decref(row);
    json_decref(vals);
    json_decref(inds);
    json_decref(ev_old);
    free(evtext);
    return answer(sc, c, aid, out, e);
rollback:
    if (own)
        store_rollback(sc);
    json_decref(row);
    json_decref(vals);
    json_decref(inds);
    json_decref(ev_old);
    free(evtext);
    return -1;
}

int assessment_submit(store_conn *sc, const caller_t *c, int64_t aid, json_t **out, err_t *e)
{
    int64_t cid = 0;
    if (assessment_may_write(sc, c, aid, &cid, e) != 0)
        return -1;
    bool own = !store_in_tx(sc); /* the demo loader holds its own */
    if (own && store_begin(sc, e) != 0)
        return -1;
    json_t *row = NULL, *snap = NULL;
    char *text = NULL;
    char now[21];
    now_utc(now);
    if (row_for_write(sc, aid, &row, e) != 0 || take_measures(sc, row, e) != 0)
        goto rollback;
    store_assessment_state s = state_of(row);
    s.status = "submitted";
    s.computed_at = now;
    s.submitted_at = now;
    s.submitted_by = c->user_id;
    s.version = ival(row, "version") + 1;
    if (settle(sc, aid, &s, e) != 0)
        goto rollback;
    /* The version row first, so the snapshot lists itself among the
     * versions; then the snapshot text is written into it. */
    if (store_assessment_version_add(sc, aid, s.version, now, c->user_id, "{}", e) != 0)
        goto rollback;
    json_decref(row);
    row = NULL;
    if (store_assessment_row(sc, aid, &row, e) != 0 || view(sc, row, &snap, NULL, e) != 0)
        goto rollback;
    text = json_dumps(snap, JSON_COMPACT);
    if (store_assessment_version_snapshot_set(sc, aid, s.version, text, e) != 0 ||
        audit(sc, c, "submit", aid, cid,
              json_pack("{s:I,s:s?,s:O?}", "version", (json_int_t)s.version, "result",
                        sval(snap, "result"), "score", json_object_get(snap, "score")),
              e) != 0 ||
        (own && store_commit(sc, e) != 0))
        goto rollback;
    json_decref(row);
    free(text);
    *out = snap;
    return 0;
rollback:
    if (own)
        store_rollback(sc);
    json_decref(row);
    json_decref(snap);
    free(text);
    return -1;
}

int assessment_reopen(store_conn *sc, const caller_t *c, int64_t aid, json_t *in, json_t **out,
                      err_t *e)
{
    json_t *row = NULL;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (readable_row(sc, c, aid, &row, e) != 0)
        return -1;
    json_decref(row);
    row = NULL;
    if (!caller_is_admin(c))
        return err_set(e, ERR_FORBIDDEN,
                       "只有平台管理员可以重新打开已提交的年度 (only a platform admin may reopen "
                       "a submitted year)");
    const char *k;
    json_t *v;
    json_object_foreach (in, k, v)
        if (strcmp(k, "comment"))
            err_field(e, k, "未知字段 (unknown field)");
    json_t *jc = json_object_get(in, "comment");
    if (!json_is_string(jc) || !*json_string_value(jc) || strlen(json_string_value(jc)) > 4000)
        err_field(e, "comment", "必填：重新打开的理由 (required: why it is reopened)");
    if (e->details)
        return err_set(e, ERR_INVALID, "输入有误 (validation failed)");
    bool own = !store_in_tx(sc); /* the demo loader holds its own */
    if (own && store_begin(sc, e) != 0)
        return -1;
    char now[21];
    now_utc(now);
    if (store_assessment_row(sc, aid, &row, e) != 0)
        goto rollback;
    if (strcmp(sval(row, "status"), "submitted")) {
        err_set(e, ERR_CONFLICT,
                "只有已提交的年度可以重新打开（状态 %s） (only a submitted year can be reopened: "
                "it is %s)",
                sval(row, "status"), sval(row, "status"));
        goto rollback;
    }
    store_assessment_state s = state_of(row);
    s.status = "reopened";
    int64_t cid = ival(row, "consortium_id");
    if (store_assessment_save(sc, aid, &s, now, e) != 0 ||
        store_assessment_comment_add(sc, aid, s.version, c->user_id, "reopen",
                                     json_string_value(jc), NULL, e) != 0 ||
        audit(sc, c, "reopen", aid, cid,
              json_pack("{s:I,s:s}", "version", (json_int_t)s.version, "comment",
                        json_string_value(jc)),
              e) != 0 ||
        (own && store_commit(sc, e) != 0))
        goto rollback;
    json_decref(row);
    return answer(sc, c, aid, out, e);
rollback:
    if (own)
        store_rollback(sc);
    json_decref(row);
    return -1;
}
