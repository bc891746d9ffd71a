/*
 * tech_stats.c — the technology platform's figures from the store's rows
 * (see tech_stats.h).
 *
 * The store hands over one row per need and per project (a consortium has
 * thousands at most) and grouped output counts; this file sums them into
 * one fixed shape, so a chart never meets a missing key: every project
 * kind and status, output kind and standard level is present with 0.
 * The per-unit table is built in the same pass: a need counts for its
 * enterprise, an answer for the answering unit, a project for its lead
 * (and for each partner as partnered), an output for the project's lead.
 * The median wait is taken over the needs answered, in whole days from
 * publication to the first live answer.
 */
#include "domain/tech_stats.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

/* The enumerations of schema/entities_tech.c, in their order. */
extern const enum_opt project_kinds[], project_status[], output_kinds[];
static const char *const standard_levels[] = {"national", "industry", "group", NULL};

static json_t *zeros(const enum_opt *opts)
{
    json_t *o = json_object();
    for (const enum_opt *p = opts; p->value; p++)
        json_object_set_new(o, p->value, json_integer(0));
    return o;
}

static void bump(json_t *obj, const char *key, json_int_t n)
{
    json_t *v = json_object_get(obj, key);
    json_object_set_new(obj, key, json_integer((v ? json_integer_value(v) : 0) + n));
}

static json_int_t ival(json_t *row, size_t i)
{
    return json_integer_value(json_array_get(row, i));
}

static const char *sval(json_t *row, size_t i)
{
    return json_string_value(json_array_get(row, i));
}

/* Days since 1970-01-01 of "YYYY-MM-DD…", or -1 when it is not a date
 * (H. Hinnant's days_from_civil). */
static long day_number(const char *s)
{
    int y, m, d;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

static json_t *share(json_int_t part, json_int_t whole)
{
    return whole ? json_real(round(1000.0 * (double)part / (double)whole) / 1000.0) : json_null();
}

/* The per-unit row of org, made on first use. */
static json_t *unit(json_t *units, json_int_t org)
{
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)org);
    json_t *u = json_object_get(units, key);
    if (!u) {
        u = json_pack("{s:I,s:n,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i}", "organization_id", org, "name",
                      "needs_published", 0, "needs_matched", 0, "responses", 0, "projects_led", 0,
                      "projects_partnered", 0, "funds_agreed", 0, "funds_received", 0, "outputs",
                      0);
        json_object_set_new(units, key, u);
    }
    return u;
}

/* Whether a project in this status was ever approved (its budget agreed). */
static bool agreed(const char *status)
{
    return status && strcmp(status, "proposed") && strcmp(status, "rejected");
}

static int cmp_unit(const void *a, const void *b)
{
    json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "organization_id"));
    json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "organization_id"));
    return x < y ? -1 : x > y;
}

json_t *tech_stats_figures(json_t *rows, json_t *names, int64_t consortium_id, int year)
{
    json_t *units = json_object(), *row;
    size_t i;

    /* Needs. */
    json_t *needs = json_object_get(rows, "needs");
    json_int_t published = 0, answered = 0, matched = 0;
    long *waits = xcalloc(json_array_size(needs) + 1, sizeof *waits);
    size_t nwaits = 0;
    json_array_foreach (needs, i, row) {
        json_t *u = unit(units, ival(row, 1));
        published++;
        bump(u, "needs_published", 1);
        long from = day_number(sval(row, 2)), to = day_number(sval(row, 3));
        if (sval(row, 3)) {
            answered++;
            if (from >= 0 && to >= 0)
                waits[nwaits++] = to > from ? to - from : 0;
        }
        if (ival(row, 4)) {
            matched++;
            bump(u, "needs_matched", 1);
        }
    }
    json_t *median = json_null();
    if (nwaits) {
        qsort(waits, nwaits, sizeof *waits, cmp_long);
        median = nwaits % 2 ? json_integer(waits[nwaits / 2])
                            : json_real((double)(waits[nwaits / 2 - 1] + waits[nwaits / 2]) / 2);
    }
    free(waits);
    json_array_foreach (json_object_get(rows, "responses"), i, row)
        bump(unit(units, ival(row, 0)), "responses", ival(row, 1));

    /* Projects and funds. */
    json_t *by_kind = zeros(project_kinds), *by_status = zeros(project_status);
    json_int_t projects = 0, funds_agreed = 0, funds_received = 0;
    json_array_foreach (json_object_get(rows, "projects"), i, row) {
        json_int_t budget = agreed(sval(row, 2)) ? ival(row, 5) : 0, got = ival(row, 6);
        projects++;
        bump(by_kind, sval(row, 1), 1);
        bump(by_status, sval(row, 2), 1);
        funds_agreed += budget;
        funds_received += got;
        json_t *lead = unit(units, ival(row, 3));
        bump(lead, "projects_led", 1);
        bump(lead, "funds_agreed", budget);
        bump(lead, "funds_received", got);
        json_t *partners = sval(row, 4) ? json_loads(sval(row, 4), 0, NULL) : NULL;
        size_t k;
        json_t *p;
        json_array_foreach (partners, k, p)
            if (json_is_integer(p) && json_integer_value(p) != ival(row, 3))
                bump(unit(units, json_integer_value(p)), "projects_partnered", 1);
        json_decref(partners);
    }

    /* Outputs. */
    json_t *out_kind = zeros(output_kinds), *levels = json_object();
    for (const char *const *l = standard_levels; *l; l++)
        json_object_set_new(levels, *l, json_integer(0));
    json_int_t outputs = 0, revenue = 0;
    json_array_foreach (json_object_get(rows, "outputs"), i, row) {
        json_int_t n = ival(row, 3);
        outputs += n;
        bump(out_kind, sval(row, 1), n);
        if (!strcmp(sval(row, 1), "standard") && *sval(row, 2))
            bump(levels, sval(row, 2), n);
        if (!strcmp(sval(row, 1), "transfer"))
            revenue += ival(row, 4);
        bump(unit(units, ival(row, 0)), "outputs", n);
    }

    /* The per-unit table, by unit id, with names. */
    size_t nu = json_object_size(units), j = 0;
    json_t **list = xcalloc(nu + 1, sizeof *list), *u;
    const char *key;
    json_object_foreach (units, key, u) {
        json_t *name = json_object_get(names, key);
        if (name)
            json_object_set(u, "name", name);
        list[j++] = u;
    }
    qsort(list, nu, sizeof *list, cmp_unit);
    json_t *table = json_array();
    for (j = 0; j < nu; j++)
        json_array_append(table, list[j]);
    free(list);
    json_decref(units);

    return json_pack("{s:I,s:o,s:{s:I,s:I,s:I,s:o,s:o,s:o},s:{s:I,s:o,s:o},s:{s:I,s:I},"
                     "s:{s:I,s:o,s:o,s:I},s:o}",
                     "consortium_id", (json_int_t)consortium_id, "year",
                     year ? json_integer(year) : json_null(), "needs", "published", published,
                     "answered", answered, "matched", matched, "answered_share",
                     share(answered, published), "matched_share", share(matched, published),
                     "median_days_to_first_response", median, "projects", "total", projects,
                     "by_kind", by_kind, "by_status", by_status, "funds", "agreed", funds_agreed,
                     "received", funds_received, "outputs", "total", outputs, "by_kind", out_kind,
                     "standards_by_level", levels, "revenue", revenue, "units", table);
}

int tech_stats_get(store_conn *sc, const caller_t *c, int64_t consortium_id, int year, json_t **out,
                   err_t *e)
{
    json_t *rows = NULL, *ids = NULL, *names = NULL;
    int rc = -1;
    if (perm_consortium_readable(sc, c, consortium_id, e) != 0)
        return -1;
    /* Who reads what, as search and suggestions decide it (domain/tech.c). */
    store_tech_reader rd = {0, 0};
    if (perm_secretariat_of(c, consortium_id))
        rd.level = 2;
    else if (perm_member_reader(sc, c, consortium_id))
        rd.level = 1;
    if (c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff")))
        rd.org_id = c->org_id;
    if (store_tech_stats(sc, consortium_id, year, &rd, &rows, e) != 0)
        goto out;
    /* Every unit a row names, for the names of the per-unit table. */
    ids = json_array();
    static const struct {
        const char *list;
        size_t col;
    } refs[] = {{"needs", 1}, {"responses", 0}, {"projects", 3}, {"outputs", 0}};
    for (size_t k = 0; k < sizeof refs / sizeof *refs; k++) {
        size_t i;
        json_t *row;
        json_array_foreach (json_object_get(rows, refs[k].list), i, row)
            json_array_append(ids, json_array_get(row, refs[k].col));
    }
    size_t i;
    json_t *row;
    json_array_foreach (json_object_get(rows, "projects"), i, row) {
        json_t *partners = sval(row, 4) ? json_loads(sval(row, 4), 0, NULL) : NULL;
        json_array_extend(ids, partners);
        json_decref(partners);
    }
    if (store_org_names(sc, ids, &names, e) != 0)
        goto out;
    *out = tech_stats_figures(rows, names, consortium_id, year);
    rc = 0;
out:
    json_decref(rows);
    json_decref(ids);
    json_decref(names);
    return rc;
}
