/*
 * store_outcomes.c — the counts behind the outcome figures, and a
 * student found by student number (学号) within a consortium and school
 * (imports now find students through store_sheet.c, from the students
 * description's sheet_ref; this one is kept for its unit test).
 *
 * The counts are GROUP BY queries over one consortium's rows through the
 * (consortium_id, year) indexes of migrations/006_outcomes.sql: a
 * consortium holds thousands of these rows, so reading them costs well
 * under a millisecond and no running totals are kept.  Each query answers
 * (year, key, value) rows that become store_outcome_count entries; what
 * they mean is domain/outcomes.c's business.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

typedef struct {
    store_outcome_count *v;
    size_t n, cap;
} counts;

static void add(counts *c, int year, outcome_what what, const char *key, int64_t n)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    store_outcome_count *x = &c->v[c->n++];
    x->year = year;
    x->what = what;
    snprintf(x->key, sizeof x->key, "%s", key ? key : "");
    x->n = n;
}

/* Run one query: columns year, key, then one value per entry of whats. */
static int run(store_conn *c, const char *sql, int64_t consortium_id, int year,
               const outcome_what *whats, int nwhats, counts *out, err_t *e)
{
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int(st, 2, year);
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        const char *key = db_column_text(st, 1);
        for (int i = 0; i < nwhats; i++)
            add(out, db_column_int(st, 0), whats[i], key, db_column_int64(st, 2 + i));
    }
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "outcome counts");
}

/* "?2 = 0 OR year = ?2": one statement text for one year and for all. */
#define LIVE " WHERE consortium_id = ?1 AND deleted_at IS NULL AND (?2 = 0 OR year = ?2)"

int store_outcome_counts(store_conn *c, int64_t consortium_id, int year, store_outcome_count **out,
                         size_t *n, err_t *e)
{
    counts all = {0};
    static const outcome_what placements[] = {OUTCOME_PLACEMENTS}, interns[] = {OUTCOME_INTERNS},
                              graduates[] = {OUTCOME_GRADUATES},
                              certificates[] = {OUTCOME_CERTIFICATES},
                              training[] = {OUTCOME_TRAININGS, OUTCOME_PARTICIPANTS,
                                            OUTCOME_PERSON_TIMES, OUTCOME_HOURS};
    /* An intern is counted once a year however many placements they had;
     * a placement still planned has not started. */
    if (run(c, "SELECT year, status, count(*) FROM placements" LIVE " GROUP BY 1, 2", consortium_id,
            year, placements, 1, &all, e) != 0 ||
        run(c,
            "SELECT year, '', count(DISTINCT student_id) FROM placements" LIVE
            " AND status <> 'planned' GROUP BY 1",
            consortium_id, year, interns, 1, &all, e) != 0 ||
        run(c, "SELECT year, kind, sum(headcount) FROM employment_outcomes" LIVE " GROUP BY 1, 2",
            consortium_id, year, graduates, 1, &all, e) != 0 ||
        run(c, "SELECT year, level, count(*) FROM certificates" LIVE " GROUP BY 1, 2",
            consortium_id, year, certificates, 1, &all, e) != 0 ||
        run(c,
            "SELECT year, kind, count(*), sum(participants), sum(person_times_total), "
            "coalesce(sum(hours), 0) FROM trainings" LIVE " GROUP BY 1, 2",
            consortium_id, year, training, 4, &all, e) != 0) {
        free(all.v);
        return -1;
    }
    *out = all.v;
    *n = all.n;
    return 0;
}
