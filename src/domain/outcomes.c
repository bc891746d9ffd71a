/*
 * outcomes.c — the outcome figures from the store's counts (see
 * outcomes.h).
 *
 * The counts arrive as loose (year, what, key, n) entries; this file puts
 * them into one fixed shape so a chart or a report never meets a missing
 * key: every certificate level, outcome kind, training kind and placement
 * status is present with 0, years come in order, and the totals are the
 * sums of the years shown.  "Technician or above" is read off the level
 * order of entities_outcomes.c rather than from a list of names, so a
 * level added above 首席技师 would count without a change here.
 */
#include "domain/outcomes.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* An object {value: 0} for every option. */
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
    /* A value no longer among the options (an old row) still counts in
     * the totals; it is shown under its stored name. */
    json_object_set_new(obj, key, json_integer((v ? json_integer_value(v) : 0) + n));
}

static json_t *empty_figures(void)
{
    json_t *by_kind = json_object();
    for (const enum_opt *p = training_kinds; p->value; p++)
        json_object_set_new(
            by_kind, p->value,
            json_pack("{s:i,s:i,s:i}", "trainings", 0, "participants", 0, "person_times", 0));
    return json_pack("{s:i,s:{s:i,s:o},s:i,s:o,s:{s:i,s:o,s:i},s:{s:i,s:i,s:i,s:i,s:o}}", "interns",
                     0, "placements", "total", 0, "by_status", zeros(placement_status),
                     "graduates_delivered", 0, "graduates_by_kind", zeros(outcome_kinds),
                     "certificates", "total", 0, "by_level", zeros(certificate_levels),
                     "technician_or_above", 0, "training", "trainings", 0, "participants", 0,
                     "person_times", 0, "hours", 0, "by_kind", by_kind);
}

static bool technician_or_above(const char *level)
{
    for (int i = CERT_TECHNICIAN_INDEX; certificate_levels[i].value; i++)
        if (!strcmp(certificate_levels[i].value, level))
            return true;
    return false;
}

/* Add one count to a FIGURES object. */
static void add_count(json_t *f, const store_outcome_count *c)
{
    json_int_t n = (json_int_t)c->n;
    json_t *cert = json_object_get(f, "certificates"), *tr = json_object_get(f, "training");
    json_t *kind = NULL;
    const char *tkey = NULL;
    switch (c->what) {
    case OUTCOME_PLACEMENTS:
        bump(json_object_get(f, "placements"), "total", n);
        bump(json_object_get(json_object_get(f, "placements"), "by_status"), c->key, n);
        return;
    case OUTCOME_INTERNS:
        bump(f, "interns", n);
        return;
    case OUTCOME_GRADUATES:
        bump(json_object_get(f, "graduates_by_kind"), c->key, n);
        if (!strcmp(c->key, "employed"))
            bump(f, "graduates_delivered", n);
        return;
    case OUTCOME_CERTIFICATES:
        bump(cert, "total", n);
        bump(json_object_get(cert, "by_level"), c->key, n);
        if (technician_or_above(c->key))
            bump(cert, "technician_or_above", n);
        return;
    case OUTCOME_TRAININGS:
        tkey = "trainings";
        break;
    case OUTCOME_PARTICIPANTS:
        tkey = "participants";
        break;
    case OUTCOME_PERSON_TIMES:
        tkey = "person_times";
        break;
    case OUTCOME_HOURS:
        bump(tr, "hours", n);
        return;
    }
    bump(tr, tkey, n);
    kind = json_object_get(json_object_get(tr, "by_kind"), c->key);
    if (!kind) {
        kind = json_pack("{s:i,s:i,s:i}", "trainings", 0, "participants", 0, "person_times", 0);
        json_object_set_new(json_object_get(tr, "by_kind"), c->key, kind);
    }
    bump(kind, tkey, n);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

json_t *outcomes_figures(const store_outcome_count *counts, size_t n, int64_t consortium_id,
                         int year)
{
    /* The years: the one asked for, or every year with a count. */
    int *years = xcalloc(n + 1, sizeof *years);
    size_t ny = 0;
    if (year)
        years[ny++] = year;
    else
        for (size_t i = 0; i < n; i++) {
            size_t j = 0;
            while (j < ny && years[j] != counts[i].year)
                j++;
            if (j == ny)
                years[ny++] = counts[i].year;
        }
    qsort(years, ny, sizeof *years, cmp_int);

    json_t *by_year = json_array(), *list = json_array(), *total = empty_figures();
    for (size_t j = 0; j < ny; j++) {
        json_t *f = empty_figures();
        for (size_t i = 0; i < n; i++)
            if (counts[i].year == years[j]) {
                add_count(f, &counts[i]);
                add_count(total, &counts[i]);
            }
        json_t *row = json_pack("{s:i}", "year", years[j]);
        json_object_update(row, f);
        json_decref(f);
        json_array_append_new(by_year, row);
        json_array_append_new(list, json_integer(years[j]));
    }
    free(years);
    return json_pack("{s:I,s:o,s:o,s:o,s:o}", "consortium_id", (json_int_t)consortium_id, "year",
                     year ? json_integer(year) : json_null(), "years", list, "by_year", by_year,
                     "total", total);
}

int outcomes_get(store_conn *sc, int64_t consortium_id, int year, json_t **out, err_t *e)
{
    store_outcome_count *counts = NULL;
    size_t n = 0;
    if (store_outcome_counts(sc, consortium_id, year, &counts, &n, e) != 0)
        return -1;
    *out = outcomes_figures(counts, n, consortium_id, year);
    free(counts);
    return 0;
}
