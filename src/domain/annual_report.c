/*
 * annual_report.c — the annual report gathered (annual_report.h).
 *
 * Nothing here counts records itself except what no capability answers
 * yet (the school–enterprise pairs and the year's assessment, read by
 * store_annual_report.c): composition and council come from
 * governance.c, meetings, motions and the work plan from the records as
 * the caller may list them (record.c) with each motion's result from
 * governance_motion_result, the gap from talent.c, the published lists
 * from lists.c, the rounds' figures from round.c, the outcomes from
 * outcomes.c, the technology figures from tech_stats.c, the facilities
 * from facility.c, joint training from training.c and the goals'
 * progress from measures.c.  A part the caller may not see (a round's
 * figures are the secretariat's) is left out rather than failing the
 * whole report.  Enumerations carry their Chinese and English labels so
 * the layouts (io/report_html.c, io/report_xlsx.c) need no schema.
 */
#include "domain/annual_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/facility.h"
#include "domain/governance.h"
#include "domain/lists.h"
#include "domain/measures.h"
#include "domain/outcomes.h"
#include "domain/record.h"
#include "domain/round.h"
#include "domain/talent.h"
#include "domain/tech_stats.h"
#include "domain/training.h"
#include "store/store_annual_report.h"

/* The Chinese label of an enum value of entity.field (the value itself
 * when unknown). */
static const char *label_zh(const char *entity, const char *field, const char *value)
{
    const entity_def *d = entity_find(entity);
    const field_def *f = d ? entity_field(d, field) : NULL;
    const enum_opt *o = f && value ? entity_enum_lookup(f, value) : NULL;
    return o ? o->zh : value ? value : "";
}

static const char *label_en(const char *entity, const char *field, const char *value)
{
    const entity_def *d = entity_find(entity);
    const field_def *f = d ? entity_field(d, field) : NULL;
    const enum_opt *o = f && value ? entity_enum_lookup(f, value) : NULL;
    return o ? o->en : value ? value : "";
}

static const char *sget(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* o[k], or null when absent (json_pack's "O" must not be given NULL). */
static json_t *oget(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return v ? v : json_null();
}

static json_int_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* Every row of d in the consortium the caller may list, with extra
 * filters (stolen); an error is an empty list (the caller sees none). */
static json_t *list_rows(store_conn *sc, const caller_t *c, const char *entity, int64_t cid,
                         json_t *filters)
{
    const entity_def *d = entity_find(entity);
    json_t *items = NULL;
    int64_t total = 0;
    err_t e = ERR_INIT;
    if (!filters)
        filters = json_object();
    if (cid)
        json_object_set_new(filters, "consortium_id", json_integer(cid));
    record_query q = {.filters = filters, .page = 1, .per_page = 0};
    if (!d || record_list(sc, c, d, &q, &items, &total, &e) != 0) {
        err_clear(&e);
        items = json_array();
    }
    json_decref(filters);
    return items;
}

static json_t *profile(store_conn *sc, const caller_t *c, int64_t cid, err_t *e)
{
    json_t *comp = NULL, *council = NULL;
    if (governance_composition(sc, c, cid, &comp, e) != 0)
        return NULL;
    if (governance_council(sc, c, cid, &council, e) != 0) {
        json_decref(comp);
        return NULL;
    }
    json_t *types = json_array(), *by = json_object_get(comp, "by_type");
    const char *k;
    json_t *v;
    json_object_foreach (by, k, v)
        json_array_append_new(types, json_pack("{s:s,s:s,s:s,s:I}", "key", k, "zh",
                                               label_zh("organizations", "type", k), "en",
                                               label_en("organizations", "type", k), "n",
                                               json_integer_value(v)));
    /* Council roles in the council's order, each with its units; a unit
     * counts once per role. */
    json_t *roles = json_array();
    size_t i;
    json_array_foreach (json_object_get(council, "items"), i, v) {
        const char *role = sget(v, "role");
        json_t *r = NULL;
        size_t j;
        json_t *x;
        json_array_foreach (roles, j, x)
            if (!strcmp(sget(x, "key"), role))
                r = x;
        if (!r) {
            r = json_pack("{s:s,s:s,s:s,s:i,s:[]}", "key", role, "zh", sget(v, "role_zh"), "en",
                          sget(v, "role_en"), "n", 0, "units");
            json_array_append_new(roles, r);
        }
        json_t *units = json_object_get(r, "units");
        const char *name = sget(v, "organization_name");
        bool seen = false;
        json_array_foreach (units, j, x)
            seen |= !strcmp(json_string_value(x), name);
        if (!seen) {
            json_array_append_new(units, json_string(name));
            json_object_set_new(r, "n", json_integer((json_int_t)json_array_size(units)));
        }
    }
    json_t *out = json_pack("{s:{s:O,s:o},s:{s:O,s:o}}", "composition", "total",
                            json_object_get(comp, "total"), "by_type", types, "council", "total",
                            json_object_get(council, "total"), "by_role", roles);
    json_decref(comp);
    json_decref(council);
    return out;
}

static json_t *governance(store_conn *sc, const caller_t *c, int64_t cid, int year)
{
    char y[8];
    snprintf(y, sizeof y, "%04d", year);
    json_t *all = list_rows(sc, c, "meetings", cid, NULL), *meetings = json_array();
    json_int_t held = 0, motions = 0, passed = 0;
    size_t i;
    json_t *m;
    json_array_foreach (all, i, m) {
        if (strncmp(sget(m, "held_on"), y, 4))
            continue;
        held += !strcmp(sget(m, "status"), "held");
        json_t *items =
            list_rows(sc, c, "agenda_items", cid, json_pack("{s:I}", "meeting_id", iget(m, "id")));
        json_t *ms = json_array();
        size_t j;
        json_t *a;
        json_array_foreach (items, j, a) {
            err_t e = ERR_INIT;
            json_t *res = NULL;
            json_t *row = json_pack("{s:I,s:s}", "seq", iget(a, "seq"), "title", sget(a, "title"));
            if (governance_motion_result(sc, c, iget(a, "id"), &res, &e) == 0) {
                const char *k;
                json_t *v;
                json_object_foreach (res, k, v)
                    if (!json_object_get(row, k))
                        json_object_set(row, k, v);
                passed += json_is_true(json_object_get(res, "passed"));
            }
            err_clear(&e);
            json_decref(res);
            motions++;
            json_array_append_new(ms, row);
        }
        json_decref(items);
        json_array_append_new(
            meetings, json_pack("{s:s,s:s,s:s,s:s,s:s,s:o}", "title", sget(m, "title"), "kind",
                                label_zh("meetings", "kind", sget(m, "kind")), "held_on",
                                sget(m, "held_on"), "place", sget(m, "place"), "status",
                                label_zh("meetings", "status", sget(m, "status")), "motions", ms));
    }
    json_decref(all);
    json_t *plan = list_rows(sc, c, "work_plan_items", cid, json_pack("{s:i}", "year", year));
    json_t *wp = json_array();
    double sum = 0;
    json_array_foreach (plan, i, m) {
        json_t *owner = NULL;
        err_t e = ERR_INIT;
        if (iget(m, "owner_org_id"))
            record_get(sc, c, entity_find("organizations"), iget(m, "owner_org_id"), &owner, &e);
        err_clear(&e);
        sum += (double)iget(m, "progress");
        json_array_append_new(wp,
                              json_pack("{s:s,s:s,s:s,s:s,s:I}", "title", sget(m, "title"), "owner",
                                        sget(owner, "name"), "due_on", sget(m, "due_on"), "status",
                                        label_zh("work_plan_items", "status", sget(m, "status")),
                                        "progress", iget(m, "progress")));
        json_decref(owner);
    }
    size_t n = json_array_size(plan);
    json_decref(plan);
    return json_pack(
        "{s:o,s:I,s:I,s:I,s:o,s:o}", "meetings", meetings, "meetings_held", held, "motions",
        motions, "motions_passed", passed, "work_plan", wp, "work_plan_average",
        n ? json_real((double)(long long)(sum / (double)n * 10 + 0.5) / 10) : json_null());
}

static json_t *talent(store_conn *sc, const caller_t *c, int64_t cid, int year)
{
    json_t *gap = NULL, *top = json_array();
    double demand = 0, supply = 0;
    err_t e = ERR_INIT;
    if (talent_gap(sc, cid, year, NULL, false, &gap, &e) == 0) {
        size_t i;
        json_t *x;
        json_array_foreach (json_object_get(gap, "items"), i, x) {
            demand += json_number_value(json_object_get(x, "demand"));
            supply += json_number_value(json_object_get(x, "supply"));
            if (json_array_size(top) < 8 && json_number_value(json_object_get(x, "gap")) > 0)
                json_array_append_new(top, json_pack("{s:s,s:s,s:O,s:O,s:O}", "code",
                                                     sget(x, "code"), "name", sget(x, "name"),
                                                     "demand", json_object_get(x, "demand"),
                                                     "supply", json_object_get(x, "supply"), "gap",
                                                     json_object_get(x, "gap")));
        }
    }
    err_clear(&e);
    json_decref(gap);
    json_t *lists = json_array(), *items = NULL;
    int64_t total = 0;
    if (lists_page(sc, c, cid, NULL, 1, 100, &items, &total, &e) == 0) {
        size_t i;
        json_t *x;
        json_array_foreach (items, i, x)
            if (iget(x, "period") == year)
                json_array_append_new(
                    lists, json_pack("{s:s,s:s,s:s,s:I}", "kind",
                                     label_zh("published_lists", "kind", sget(x, "kind")), "title",
                                     sget(x, "title"), "published_at", sget(x, "published_at"),
                                     "count", iget(x, "count")));
    }
    err_clear(&e);
    json_decref(items);
    json_t *rounds = json_array();
    json_t *rs = list_rows(sc, c, "match_rounds", cid, json_pack("{s:i}", "period", year));
    size_t i;
    json_t *r;
    json_array_foreach (rs, i, r) {
        json_t *st = NULL;
        json_t *row = json_pack("{s:s,s:s,s:n,s:n,s:n}", "title", sget(r, "title"), "status",
                                label_zh("match_rounds", "status", sget(r, "status")), "students",
                                "matched", "seats");
        if (round_stats(sc, c, iget(r, "id"), &st, &e) == 0) {
            json_object_set(row, "students", json_object_get(st, "students"));
            json_object_set(row, "matched", json_object_get(st, "matched"));
            json_object_set(row, "seats", json_object_get(st, "seats"));
        }
        err_clear(&e);
        json_decref(st);
        json_array_append_new(rounds, row);
    }
    json_decref(rs);
    return json_pack("{s:f,s:f,s:o,s:o,s:o}", "demand", demand, "supply", supply, "gap_top", top,
                     "lists", lists, "rounds", rounds);
}

static json_t *outcomes(store_conn *sc, int64_t cid, int year, err_t *e)
{
    json_t *all = NULL, *pairs = NULL;
    if (outcomes_get(sc, cid, 0, &all, e) != 0)
        return NULL;
    if (store_report_pairs(sc, cid, year, &pairs, e) != 0) {
        json_decref(all);
        return NULL;
    }
    json_t *by_year = json_array(), *this_year = NULL;
    size_t i;
    json_t *y;
    json_array_foreach (json_object_get(all, "by_year"), i, y) {
        if (iget(y, "year") > year)
            continue;
        json_array_append(by_year, y);
        if (iget(y, "year") == year)
            this_year = y;
    }
    json_t *out = NULL;
    if (this_year) {
        out = json_deep_copy(this_year);
        json_object_del(out, "year");
    } else {
        json_t *zero = NULL;
        if (outcomes_get(sc, cid, year, &zero, e) != 0) {
            json_decref(all);
            json_decref(by_year);
            json_decref(pairs);
            return NULL;
        }
        out = json_deep_copy(json_object_get(zero, "total"));
        json_decref(zero);
    }
    json_decref(all);
    /* Certificate levels with their labels, lowest first. */
    json_t *levels = json_array(),
           *by_level = json_object_get(json_object_get(out, "certificates"), "by_level");
    for (const enum_opt *o = certificate_levels; o->value; o++)
        json_array_append_new(levels, json_pack("{s:s,s:s,s:s,s:I}", "key", o->value, "zh", o->zh,
                                                "en", o->en, "n", iget(by_level, o->value)));
    json_object_set_new(out, "certificate_levels", levels);
    json_t *kinds = json_array(),
           *by_kind = json_object_get(json_object_get(out, "training"), "by_kind");
    for (const enum_opt *o = training_kinds; o->value; o++) {
        json_t *k = json_object_get(by_kind, o->value);
        json_array_append_new(
            kinds, json_pack("{s:s,s:s,s:s,s:I,s:I,s:I}", "key", o->value, "zh", o->zh, "en", o->en,
                             "trainings", iget(k, "trainings"), "participants",
                             iget(k, "participants"), "person_times", iget(k, "person_times")));
    }
    json_object_set_new(out, "training_kinds", kinds);
    json_object_set_new(out, "by_year", by_year);
    json_object_set_new(out, "pairs", pairs);
    return out;
}

/* Status and output labels of the technology figures, in their order. */
static json_t *labelled(json_t *counts, const char *entity, const char *field)
{
    json_t *a = json_array();
    const char *k;
    json_t *v;
    json_object_foreach (counts, k, v)
        json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:O}", "key", k, "zh",
                                           label_zh(entity, field, k), "en",
                                           label_en(entity, field, k), "n", v));
    return a;
}

static json_t *indicators(store_conn *sc, const caller_t *c, int64_t cid, int year, err_t *e)
{
    json_t *a = NULL;
    if (store_report_assessment(sc, cid, year, &a, e) != 0)
        return NULL;
    /* A draft is the secretariat's own working copy: others see a year
     * once it has been submitted, as submitted. */
    bool own = c->system || caller_is_admin(c) || perm_secretariat_of(c, cid);
    if (a && !own && iget(a, "version") == 0) {
        json_decref(a);
        a = NULL;
    }
    if (a) {
        json_t *items = json_object_get(a, "items"), *rows = json_array();
        json_t *snap = json_object_get(a, "snapshot");
        json_t *snap_items = json_object_get(snap, "values");
        if (!json_is_array(snap_items))
            snap_items = json_object_get(snap, "items");
        bool use_snap = !own || !strcmp(sget(a, "status"), "submitted");
        int green = 0, amber = 0, red = 0, none = 0;
        size_t i;
        json_t *x;
        json_array_foreach (items, i, x) {
            json_t *src = x;
            if (use_snap && json_is_array(snap_items)) {
                size_t j;
                json_t *s;
                json_array_foreach (snap_items, j, s)
                    if (!strcmp(sget(s, "code"), sget(x, "code")))
                        src = s;
            }
            json_t *rep = json_object_get(src, "reported"), *cmp = json_object_get(src, "computed");
            json_t *val = json_is_number(rep) ? rep : json_is_number(cmp) ? cmp : json_null();
            const char *rag = sget(src, "rag");
            if (!*rag)
                rag = "none";
            green += !strcmp(rag, "green");
            amber += !strcmp(rag, "amber");
            red += !strcmp(rag, "red");
            none += strcmp(rag, "green") && strcmp(rag, "amber") && strcmp(rag, "red");
            json_array_append_new(rows,
                                  json_pack("{s:s,s:s,s:s,s:O,s:O,s:s,s:b}", "code",
                                            sget(x, "code"), "name", sget(x, "name"), "unit",
                                            sget(x, "unit"), "target", oget(src, "target"), "value",
                                            val, "rag", rag, "veto", iget(x, "veto") != 0));
        }
        json_object_set_new(a, "items", rows);
        json_object_set_new(a, "rag_counts",
                            json_pack("{s:i,s:i,s:i,s:i}", "green", green, "amber", amber, "red",
                                      red, "none", none));
        json_object_del(a, "snapshot");
    }
    json_t *goals = json_array();
    json_t *rows = list_rows(sc, c, "consortium_goals", cid, NULL);
    char cutoff[16];
    snprintf(cutoff, sizeof cutoff, "%04d-12-31", year);
    size_t i;
    json_t *g;
    json_array_foreach (rows, i, g) {
        json_t *value = json_null();
        const char *source = "manual";
        const char *measure = sget(g, "measure");
        if (*measure) {
            double v = 0;
            err_t me = ERR_INIT;
            json_t *params = NULL;
            json_t *p = json_object_get(g, "measure_params");
            if (json_is_object(p))
                params = json_incref(p);
            else if (json_is_string(p))
                params = json_loads(json_string_value(p), 0, NULL);
            if (measure_compute(sc, cid, year, cutoff, measure, params, &v, NULL, &me) == 0) {
                value = json_real(v);
                source = "measure";
            }
            err_clear(&me);
            json_decref(params);
        }
        if (json_is_null(value) && json_is_number(json_object_get(g, "manual_value")))
            value = json_copy(json_object_get(g, "manual_value"));
        double min = json_number_value(json_object_get(g, "target_min"));
        json_t *progress =
            json_is_number(value) && min > 0
                ? json_real((double)(long long)(json_number_value(value) / min * 1000 + 0.5) / 10)
                : json_null();
        json_array_append_new(
            goals, json_pack("{s:s,s:O,s:O,s:s,s:O,s:o,s:s,s:o,s:s}", "title", sget(g, "title"),
                             "target_min", json_object_get(g, "target_min"), "target_max",
                             oget(g, "target_max"), "unit", sget(g, "unit"), "due_year",
                             oget(g, "due_year"), "value", value, "source", source, "progress",
                             progress, "origin", sget(g, "source")));
    }
    json_decref(rows);
    return json_pack("{s:o,s:o}", "assessment", a ? a : json_null(), "goals", goals);
}

int annual_report_get(store_conn *sc, const caller_t *c, int64_t cid, int year, json_t **out,
                      err_t *e)
{
    *out = NULL;
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    if (year < 2000 || year > 2100) {
        err_field(e, "year", "应为 2000 到 2100 之间的年份 (a year 2000–2100)");
        return err_set(e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): year");
    }
    json_t *cons = NULL, *prof = NULL, *gov = NULL, *tal = NULL, *outc = NULL, *tech = NULL,
           *fac = NULL, *tr = NULL, *ind = NULL;
    int rc = -1;
    if (record_get(sc, c, entity_find("consortia"), cid, &cons, e) != 0 ||
        !(prof = profile(sc, c, cid, e)))
        goto out;
    gov = governance(sc, c, cid, year);
    tal = talent(sc, c, cid, year);
    if (!(outc = outcomes(sc, cid, year, e)) || tech_stats_get(sc, c, cid, year, &tech, e) != 0 ||
        facility_stats(sc, c, cid, year, &fac, e) != 0 ||
        training_stats(sc, c, cid, year, &tr, e) != 0 || !(ind = indicators(sc, c, cid, year, e)))
        goto out;
    json_t *projects = json_object_get(tech, "projects"),
           *outputs = json_object_get(tech, "outputs");
    json_object_set_new(projects, "status_labels",
                        labelled(json_object_get(projects, "by_status"), "rd_projects", "status"));
    json_object_set_new(projects, "kind_labels",
                        labelled(json_object_get(projects, "by_kind"), "rd_projects", "kind"));
    json_object_set_new(outputs, "kind_labels",
                        labelled(json_object_get(outputs, "by_kind"), "rd_outputs", "kind"));
    json_t *items;
    size_t i;
    json_t *f;
    items = json_object_get(fac, "items");
    json_array_foreach (items, i, f)
        json_object_set_new(f, "kind_zh",
                            json_string(label_zh("facilities", "kind", sget(f, "kind"))));
    *out = json_pack(
        "{s:{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O},s:i,s:o,s:o,s:o,s:o,s:o,s:{s:o,s:o},s:o}",
        "consortium", "id", json_object_get(cons, "id"), "name", json_object_get(cons, "name"),
        "short_name", oget(cons, "short_name"), "kind", oget(cons, "kind"), "level",
        oget(cons, "level"), "region_name", oget(cons, "region_name"), "industry_focus",
        oget(cons, "industry_focus"), "founded_on", oget(cons, "founded_on"), "description",
        oget(cons, "description"), "year", year, "profile", prof, "governance", gov, "talent", tal,
        "outcomes", outc, "tech", tech, "resources", "facilities", fac, "training", tr,
        "indicators", ind);
    prof = gov = tal = outc = tech = fac = tr = ind = NULL; /* stolen by the pack */
    if (!*out) {
        err_set(e, ERR_INTERNAL, "年度报告组装失败 (the report could not be assembled)");
        goto out;
    }
    json_t *k = json_object_get(*out, "consortium");
    json_object_set_new(k, "kind_zh", json_string(label_zh("consortia", "kind", sget(k, "kind"))));
    json_object_set_new(k, "level_zh",
                        json_string(label_zh("consortia", "level", sget(k, "level"))));
    rc = 0;
out:
    json_decref(cons);
    json_decref(prof);
    json_decref(gov);
    json_decref(tal);
    json_decref(outc);
    json_decref(tech);
    json_decref(fac);
    json_decref(tr);
    json_decref(ind);
    return rc;
}
