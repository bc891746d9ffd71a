/*
 * talent.c — gap, trends, recommendations and demand reports (talent.h).
 *
 * Every figure leaves rounded to the cent by gap_round2, and every
 * recommendation carries the numbers it was decided on (graduates,
 * demand, their ratio, the thresholds, the occupations a major feeds and
 * with what share) so that a dean can redo the reasoning by hand.
 *
 * A report is a snapshot: publishing computes the gap of the period and
 * copies the published demand rows into one JSON document stored with
 * the report; reading or downloading it later never looks at the live
 * tables again, so a report reads as it did on the day it was published.
 */
#include "domain/talent.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/gap.h"
#include "domain/record.h"

#define REPORT_MAX_ITEMS 5000 /* demand rows copied into one report */
#define TREND_SERIES 10

static const char *const kinds[] = {"employment", "internship", "apprenticeship", "order_class",
                                    NULL};

bool talent_kind_valid(const char *kind)
{
    for (const char *const *k = kinds; *k; k++)
        if (!strcmp(*k, kind))
            return true;
    return false;
}

static json_t *money(double x)
{
    return json_real(gap_round2(x));
}

/* The catalogue name of code as JSON, or null when the loaded edition
 * does not have it. */
static json_t *name_of(store_conn *sc, const char *catalog, const char *code)
{
    char name[256];
    return store_catalog_name(sc, catalog, code, name, sizeof name, NULL, 0) ? json_string(name)
                                                                             : json_null();
}

static int compute(store_conn *sc, int64_t cid, int64_t period, const char *kind,
                   store_gap_inputs *in, gap_result *g, err_t *e)
{
    if (store_gap_inputs_get(sc, cid, period, kind, in, e) != 0)
        return -1;
    gap_compute(in->demand, in->nd, in->supply, in->ns, in->links, in->nl, g);
    return 0;
}

/* Names for many codes: one read of the catalogue instead of a query
 * per code (a national gap names every occupation). */
#define NAMES_AT_ONCE 32
static json_t *names_for(store_conn *sc, const char *catalog, size_t n)
{
    json_t *map = NULL;
    err_t e = ERR_INIT;
    if (n < NAMES_AT_ONCE || store_catalog_names(sc, catalog, &map, &e) != 0) {
        err_clear(&e);
        return NULL;
    }
    return map;
}

static json_t *name_in(store_conn *sc, json_t *map, const char *catalog, const char *code)
{
    if (!map)
        return name_of(sc, catalog, code);
    json_t *v = json_object_get(map, code);
    return v ? json_incref(v) : json_null();
}

/* How a row's weighted figures were split (issue 16: "216.36 人" needs
 * its reason): for an occupation, each major feeding it with its graduates
 * G(m), its share w(m,o) and the supply G(m)·w(m,o); for a major, each
 * occupation it feeds with the share, the supply it sends and the part of
 * the occupation's demand it carries.  Cents, as every figure. */
static json_t *split_json(store_conn *sc, const gap_result *g, bool by_major, const char *code,
                          json_t *names)
{
    json_t *a = json_array();
    const char *other = by_major ? "occupations" : "majors";
    for (size_t i = 0; i < g->n_flows; i++) {
        const gap_flow *f = &g->flows[i];
        if (strcmp(by_major ? f->major : f->occupation, code))
            continue;
        const char *to = by_major ? f->occupation : f->major;
        json_array_append_new(a, json_pack("{s:s,s:o,s:o,s:o,s:o,s:o}", "code", to, "name",
                                           name_in(sc, names, other, to), "graduates",
                                           money(f->w > 0 ? f->supply / f->w : 0), "share",
                                           json_real(round(f->w * 10000) / 10000), "supply",
                                           money(f->supply), "demand", money(f->demand)));
    }
    return a;
}

static json_t *rows_json(store_conn *sc, const gap_result *g, bool by_major)
{
    const gap_row *rows = by_major ? g->majors : g->occupations;
    size_t n = by_major ? g->n_majors : g->n_occupations;
    const char *catalog = by_major ? "majors" : "occupations";
    json_t *items = json_array(), *names = names_for(sc, catalog, n),
           *others = names_for(sc, by_major ? "occupations" : "majors", g->n_flows);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items,
                              json_pack("{s:s,s:o,s:o,s:o,s:o,s:o}", "code", rows[i].code, "name",
                                        name_in(sc, names, catalog, rows[i].code), "demand",
                                        money(rows[i].demand), "supply", money(rows[i].supply),
                                        "gap", money(rows[i].gap), "split",
                                        split_json(sc, g, by_major, rows[i].code, others)));
    json_decref(names);
    json_decref(others);
    return items;
}

static int cmp_unserved(const void *a, const void *b)
{
    const gap_row *x = *(const gap_row *const *)a, *y = *(const gap_row *const *)b;
    if (x->demand != y->demand)
        return x->demand < y->demand ? 1 : -1;
    return strcmp(x->code, y->code);
}

/* Unserved occupations, most demand first. */
static json_t *unserved_json(store_conn *sc, const gap_result *g)
{
    const gap_row **u = xcalloc(g->n_occupations + 1, sizeof *u);
    size_t n = 0;
    for (size_t i = 0; i < g->n_occupations; i++)
        if (g->occupations[i].demand > 0 && g->occupations[i].supply <= 0)
            u[n++] = &g->occupations[i];
    qsort(u, n, sizeof *u, cmp_unserved);
    json_t *out = json_array(), *names = names_for(sc, "occupations", n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(out, json_pack("{s:s,s:o,s:o}", "code", u[i]->code, "name",
                                             name_in(sc, names, "occupations", u[i]->code),
                                             "demand", money(u[i]->demand)));
    json_decref(names);
    free(u);
    return out;
}

int talent_gap(store_conn *sc, int64_t cid, int64_t period, const char *kind, bool by_major,
               json_t **out, err_t *e)
{
    store_gap_inputs in;
    gap_result g;
    if (compute(sc, cid, period, kind, &in, &g, e) != 0)
        return -1;
    json_t *items = rows_json(sc, &g, by_major);
    *out = json_pack("{s:s,s:I,s:o,s:s,s:o,s:I,s:o}", "by", by_major ? "major" : "occupation",
                     "period", (json_int_t)period, "kind", kind ? json_string(kind) : json_null(),
                     "crosswalk", in.own_crosswalk ? "own" : "shared", "items", items, "total",
                     (json_int_t)json_array_size(items), "unserved", unserved_json(sc, &g));
    gap_result_free(&g);
    store_gap_inputs_free(&in);
    return 0;
}

/* ---- trends ------------------------------------------------------------ */

typedef struct {
    char *code;
    double weight; /* total demand (occupations) or graduates (majors) */
    double *demand, *supply;
} series_t;

static series_t *series_find(series_t **s, size_t *n, size_t np, const char *code)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*s)[i].code, code))
            return &(*s)[i];
    *s = xrealloc(*s, (*n + 1) * sizeof **s);
    series_t *x = &(*s)[(*n)++];
    x->code = xstrdup(code);
    x->weight = 0;
    x->demand = xcalloc(np ? np : 1, sizeof *x->demand);
    x->supply = xcalloc(np ? np : 1, sizeof *x->supply);
    return x;
}

static int cmp_series(const void *a, const void *b)
{
    const series_t *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return strcmp(x->code, y->code);
}

static json_t *numbers(const double *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, money(v[i]));
    return a;
}

static json_t *gaps(const double *d, const double *s, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, money(d[i] - s[i]));
    return a;
}

int talent_trend(store_conn *sc, int64_t cid, bool by_major, int64_t from, int64_t to,
                 const char *kind, const char *code, json_t **out, err_t *e)
{
    json_t *all = NULL, *periods = json_array();
    if (store_gap_periods(sc, cid, &all, e) != 0) {
        json_decref(periods);
        return -1;
    }
    size_t i;
    json_t *p;
    json_array_foreach (all, i, p) {
        int64_t v = json_integer_value(p);
        if ((!from || v >= from) && (!to || v <= to))
            json_array_append(periods, p);
    }
    json_decref(all);
    size_t np = json_array_size(periods), ns = 0;
    double *td = xcalloc(np + 1, sizeof *td), *ts = xcalloc(np + 1, sizeof *ts);
    series_t *s = NULL;
    int rc = 0;
    json_array_foreach (periods, i, p) {
        store_gap_inputs in;
        gap_result g;
        if (compute(sc, cid, json_integer_value(p), kind, &in, &g, e) != 0) {
            rc = -1;
            break;
        }
        const gap_row *rows = by_major ? g.majors : g.occupations;
        size_t n = by_major ? g.n_majors : g.n_occupations;
        for (size_t k = 0; k < n; k++) {
            td[i] += rows[k].demand;
            ts[i] += rows[k].supply;
            if (code && strcmp(code, rows[k].code))
                continue;
            series_t *x = series_find(&s, &ns, np, rows[k].code);
            x->demand[i] = rows[k].demand;
            x->supply[i] = rows[k].supply;
            x->weight += by_major ? rows[k].supply : rows[k].demand;
        }
        gap_result_free(&g);
        store_gap_inputs_free(&in);
    }
    if (rc == 0) {
        if (ns) /* s is NULL when no period had rows */
            qsort(s, ns, sizeof *s, cmp_series);
        json_t *series = json_array();
        for (size_t k = 0; k < ns && k < TREND_SERIES; k++)
            json_array_append_new(
                series,
                json_pack("{s:s,s:o,s:o,s:o,s:o}", "code", s[k].code, "name",
                          name_of(sc, by_major ? "majors" : "occupations", s[k].code), "demand",
                          numbers(s[k].demand, np), "supply", numbers(s[k].supply, np), "gap",
                          gaps(s[k].demand, s[k].supply, np)));
        *out = json_pack(
            "{s:s,s:o,s:O,s:{s:o,s:o,s:o},s:o}", "by", by_major ? "major" : "occupation", "kind",
            kind ? json_string(kind) : json_null(), "periods", periods, "totals", "demand",
            numbers(td, np), "supply", numbers(ts, np), "gap", gaps(td, ts, np), "series", series);
    }
    for (size_t k = 0; k < ns; k++) {
        free(s[k].code);
        free(s[k].demand);
        free(s[k].supply);
    }
    free(s);
    free(td);
    free(ts);
    json_decref(periods);
    return rc;
}

/* ---- recommendations --------------------------------------------------- */

static json_t *major_flows(store_conn *sc, const gap_result *g, const char *major, json_t *names)
{
    json_t *a = json_array();
    for (size_t i = 0; i < g->n_flows; i++) {
        const gap_flow *f = &g->flows[i];
        if (strcmp(f->major, major))
            continue;
        json_array_append_new(a, json_pack("{s:s,s:o,s:o,s:o,s:o}", "code", f->occupation, "name",
                                           name_in(sc, names, "occupations", f->occupation),
                                           "share", json_real(round(f->w * 10000) / 10000),
                                           "demand", money(f->demand), "supply", money(f->supply)));
    }
    return a;
}

/* x to the cent without trailing zeros: 147, 180.5, 216.36. */
static void figure(char *buf, size_t size, double x)
{
    snprintf(buf, size, "%.2f", gap_round2(x));
    char *dot = strchr(buf, '.');
    if (!dot)
        return;
    char *end = buf + strlen(buf) - 1;
    while (end > dot && *end == '0')
        *end-- = '\0';
    if (end == dot)
        *end = '\0';
}

static json_t *recommend_major(store_conn *sc, const gap_result *g, const gap_row *m, double expand,
                               double shrink, json_t *names)
{
    double ratio;
    const char *action = gap_action(m->supply, m->demand, expand, shrink, &ratio);
    json_t *flows = major_flows(sc, g, m->code, names);
    char zh[512], en[512];
    double d = gap_round2(m->demand), s = gap_round2(m->supply), r = gap_round2(ratio);
    if (m->supply <= 0) {
        snprintf(zh, sizeof zh, "本年度无毕业生，无法计算供需比，建议保持");
        snprintf(en, sizeof en, "no graduates this period, so no demand/supply ratio: hold");
    } else if (json_array_size(flows) == 0) {
        action = "hold";
        snprintf(zh, sizeof zh,
                 "该专业在专业与职业对应表中没有对应职业，无法判断需求，建议保持并补充对应关系");
        snprintf(en, sizeof en,
                 "the crosswalk links this major to no occupation, so its demand is unknown: "
                 "hold, and add it to the crosswalk");
    } else {
        /* Figures as people read them: 147 not 147.00; the demand is
         * weighted (split by the crosswalk), so it keeps its cents and
         * says so. */
        char dd[32], ss[32], rr[32], ee[32], kk[32];
        figure(dd, sizeof dd, d);
        figure(ss, sizeof ss, s);
        figure(rr, sizeof rr, r);
        figure(ee, sizeof ee, expand);
        figure(kk, sizeof kk, shrink);
        if (!strcmp(action, "expand")) {
            snprintf(zh, sizeof zh,
                     "需求 %s 人（按专业–职业对应权重分摊）÷ 毕业生 %s 人 = %s ≥ 扩大阈值 %s，"
                     "建议扩大招生",
                     dd, ss, rr, ee);
            snprintf(en, sizeof en,
                     "demand %s (split by the crosswalk weights) / graduates %s = %s ≥ expand "
                     "threshold %s",
                     dd, ss, rr, ee);
        } else if (!strcmp(action, "shrink")) {
            snprintf(zh, sizeof zh,
                     "需求 %s 人（按专业–职业对应权重分摊）÷ 毕业生 %s 人 = %s ≤ 缩减阈值 %s，"
                     "建议缩减招生",
                     dd, ss, rr, kk);
            snprintf(en, sizeof en,
                     "demand %s (split by the crosswalk weights) / graduates %s = %s ≤ shrink "
                     "threshold %s",
                     dd, ss, rr, kk);
        } else {
            snprintf(zh, sizeof zh,
                     "需求 %s 人（按专业–职业对应权重分摊）÷ 毕业生 %s 人 = %s，介于 %s 与 %s "
                     "之间，建议保持",
                     dd, ss, rr, kk, ee);
            snprintf(en, sizeof en,
                     "demand %s (split by the crosswalk weights) / graduates %s = %s, between %s "
                     "and %s: hold",
                     dd, ss, rr, kk, ee);
        }
    }
    char level[32] = "";
    char name[256];
    bool known = store_catalog_name(sc, "majors", m->code, name, sizeof name, level, sizeof level);
    return json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:s,s:s,s:o}", "code", m->code, "name",
                     known ? json_string(name) : json_null(), "level",
                     known ? json_string(level) : json_null(), "graduates", money(m->supply),
                     "demand", money(m->demand), "gap", money(m->gap), "ratio",
                     ratio < 0 ? json_null() : json_real(r), "action", action, "reason_zh", zh,
                     "reason_en", en, "occupations", flows);
}

int talent_recommend(store_conn *sc, int64_t cid, int64_t period, const char *kind, double expand,
                     double shrink, json_t **out, err_t *e)
{
    if (!(isfinite(expand) && isfinite(shrink) && shrink >= 0 && expand > shrink)) {
        err_field(e, "expand", "应大于 shrink (must be greater than shrink)");
        return err_set(e, ERR_BAD_REQUEST,
                       "阈值无效：须 expand > shrink ≥ 0 (thresholds need expand > shrink ≥ 0)");
    }
    store_gap_inputs in;
    gap_result g;
    if (compute(sc, cid, period, kind, &in, &g, e) != 0)
        return -1;
    json_t *majors = json_array(), *occ_names = names_for(sc, "occupations", g.n_flows);
    for (size_t i = 0; i < g.n_majors; i++)
        json_array_append_new(majors,
                              recommend_major(sc, &g, &g.majors[i], expand, shrink, occ_names));
    json_decref(occ_names);

    /* Unserved occupations: the crosswalk's majors that would feed them. */
    json_t *unserved = unserved_json(sc, &g), *opens = json_array();
    size_t i;
    json_t *u;
    json_array_foreach (unserved, i, u) {
        const char *occ = json_string_value(json_object_get(u, "code"));
        json_t *cands = json_array();
        buf_t names;
        buf_init(&names);
        for (size_t k = 0; k < in.nl; k++) {
            const gap_link *l = &in.links[k];
            if (strcmp(l->occupation, occ) || (l->has_weight && l->weight <= 0))
                continue;
            char name[256] = "", level[32] = "";
            bool known =
                store_catalog_name(sc, "majors", l->major, name, sizeof name, level, sizeof level);
            json_array_append_new(cands, json_pack("{s:s,s:o,s:o}", "code", l->major, "name",
                                                   known ? json_string(name) : json_null(), "level",
                                                   known ? json_string(level) : json_null()));
            buf_printf(&names, "%s%s %s", names.len ? "、" : "", l->major, name);
        }
        double dv = json_real_value(json_object_get(u, "demand"));
        char *zh, *en;
        if (json_array_size(cands)) {
            zh = xasprintf(
                "需求 %.2f 人，本联合体本年度无对应专业毕业生；可开设或扩大的目录专业：%s", dv,
                names.data);
            en = xasprintf("demand %.2f and no graduates of a major that feeds it this period; "
                           "catalogue majors that would: %s",
                           dv, names.data);
        } else {
            zh = xasprintf(
                "需求 %.2f 人，专业与职业对应表中没有能培养该职业的专业，请先补充对应关系", dv);
            en = xasprintf("demand %.2f, and no major in the crosswalk feeds this occupation: add "
                           "one to the crosswalk first",
                           dv);
        }
        json_t *o = json_deep_copy(u);
        json_object_set_new(o, "action", json_string("open"));
        json_object_set_new(o, "majors", cands);
        json_object_set_new(o, "reason_zh", json_string(zh));
        json_object_set_new(o, "reason_en", json_string(en));
        json_array_append_new(opens, o);
        free(zh);
        free(en);
        buf_free(&names);
    }
    json_decref(unserved);
    *out = json_pack("{s:I,s:o,s:s,s:{s:f,s:f},s:o,s:o}", "period", (json_int_t)period, "kind",
                     kind ? json_string(kind) : json_null(), "crosswalk",
                     in.own_crosswalk ? "own" : "shared", "thresholds", "expand", expand, "shrink",
                     shrink, "majors", majors, "new_majors", opens);
    gap_result_free(&g);
    store_gap_inputs_free(&in);
    return 0;
}

/* ---- demand reports ---------------------------------------------------- */

static double kind_headcount(store_conn *sc, int64_t cid, int64_t period, const char *kind,
                             err_t *e, int *rc)
{
    store_gap_inputs in;
    if (store_gap_inputs_get(sc, cid, period, kind, &in, e) != 0) {
        *rc = -1;
        return 0;
    }
    double sum = 0;
    for (size_t i = 0; i < in.nd; i++)
        sum += in.demand[i].amount;
    store_gap_inputs_free(&in);
    return sum;
}

static json_t *report_body(store_conn *sc, int64_t cid, int64_t period, err_t *e)
{
    store_gap_inputs in;
    gap_result g;
    json_t *items = NULL;
    int64_t items_total = 0;
    if (compute(sc, cid, period, NULL, &in, &g, e) != 0)
        return NULL;
    int rc = 0;
    json_t *by_kind = json_object();
    for (const char *const *k = kinds; *k; k++)
        json_object_set_new(by_kind, *k, money(kind_headcount(sc, cid, period, *k, e, &rc)));
    if (rc == 0)
        rc = store_demand_published(sc, cid, period, REPORT_MAX_ITEMS, &items, &items_total, e);
    json_t *body = NULL;
    if (rc == 0) {
        double headcount = 0, graduates = 0;
        for (size_t i = 0; i < in.nd; i++)
            headcount += in.demand[i].amount;
        for (size_t i = 0; i < in.ns; i++)
            graduates += in.supply[i].amount;
        body = json_pack("{s:{s:I,s:o,s:I,s:I,s:o,s:o},s:o,s:o,s:o,s:o,s:I,s:s}", "summary",
                         "positions", (json_int_t)in.positions, "headcount", money(headcount),
                         "enterprises", (json_int_t)store_demand_enterprises(sc, cid, period),
                         "occupations", (json_int_t)in.nd, "graduates", money(graduates),
                         "enrolment", money(in.enrolment), "by_kind", by_kind, "by_occupation",
                         rows_json(sc, &g, false), "unserved", unserved_json(sc, &g), "items",
                         items, "items_total", (json_int_t)items_total, "crosswalk",
                         in.own_crosswalk ? "own" : "shared");
        by_kind = NULL;
        items = NULL;
    }
    json_decref(by_kind);
    json_decref(items);
    gap_result_free(&g);
    store_gap_inputs_free(&in);
    return body;
}

/* The snapshot with the report's own fields merged in (the API shape). */
static json_t *report_view(store_conn *sc, json_t *row)
{
    json_t *v = json_deep_copy(json_object_get(row, "body"));
    if (!json_is_object(v)) {
        json_decref(v);
        v = json_object();
    }
    const char *keys[] = {"id", "consortium_id", "period", "title", "published_at", "published_by"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        json_object_set(v, keys[i], json_object_get(row, keys[i]));
    return v;
}

int talent_report_may_publish(store_conn *sc, const caller_t *c, int64_t cid, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    if (!perm_secretariat_of(c, cid))
        return err_set(e, ERR_FORBIDDEN,
                       "只有本联合体秘书处可以发布需求报告 (only the consortium's secretariat "
                       "publishes demand reports)");
    return 0;
}

int talent_report_publish(store_conn *sc, const caller_t *c, int64_t cid, int64_t period,
                          const char *title, json_t **out, err_t *e)
{
    json_t *cons = NULL, *body = NULL, *row = NULL;
    int rc = -1;
    if (talent_report_may_publish(sc, c, cid, e) != 0 ||
        record_get(sc, c, entity_find("consortia"), cid, &cons, e) != 0)
        return -1;
    if (period < 2000 || period > 2100) {
        json_decref(cons);
        err_field(e, "period", "应在 2000 到 2100 之间 (must be between 2000 and 2100)");
        return err_set(e, ERR_INVALID, "输入有误 (validation failed)");
    }
    char *t = title && *title
                  ? xstrdup(title)
                  : xasprintf("%s%lld年人才需求动态",
                              json_string_value(json_object_get(cons, "name")), (long long)period);
    json_t *tcheck = json_string(t); /* NULL: not valid UTF-8 */
    bool t_ok = tcheck && strlen(t) <= 600;
    json_decref(tcheck);
    if (!t_ok) {
        err_field(e, "title", "最多 200 个字 (at most 200 characters)");
        err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        goto out;
    }
    if (store_begin(sc, e) != 0)
        goto out;
    body = report_body(sc, cid, period, e);
    if (!body)
        goto rollback;
    json_object_set(body, "consortium_name", json_object_get(cons, "name"));
    char now[21];
    now_utc(now);
    char *text = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(15));
    int64_t id = 0;
    int irc = store_report_insert(sc, cid, period, t, c->username, now, text, &id, e);
    free(text);
    if (irc != 0)
        goto rollback;
    json_t *audit = json_pack("{s:I,s:s,s:O}", "period", (json_int_t)period, "title", t, "summary",
                              json_object_get(body, "summary"));
    int arc = record_audit(sc, c, "publish", "demand_reports", id, cid, NULL, audit, e);
    json_decref(audit);
    if (arc != 0 || store_commit(sc, e) != 0)
        goto rollback;
    if (store_report_get(sc, id, &row, e) != 0)
        goto out;
    *out = report_view(sc, row);
    rc = 0;
    goto out;
rollback:
    store_rollback(sc);
out:
    free(t);
    json_decref(cons);
    json_decref(body);
    json_decref(row);
    return rc;
}

int talent_report_get(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *row = NULL;
    if (store_report_get(sc, id, &row, e) != 0)
        return -1;
    int64_t cid = json_integer_value(json_object_get(row, "consortium_id"));
    if (perm_consortium_readable(sc, c, cid, e) != 0) {
        json_decref(row);
        err_clear(e);
        return err_set(e, ERR_NOT_FOUND, "需求报告 %lld 不存在 (no such demand report)",
                       (long long)id);
    }
    *out = report_view(sc, row);
    json_decref(row);
    return 0;
}

int talent_report_list(store_conn *sc, const caller_t *c, int64_t cid, int64_t page,
                       int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    return store_report_list(sc, cid, page, per_page, items, total, e);
}
