/*
 * measures.h — the fixed library of measures over a consortium's records
 * (issue 12): what a computed indicator (indicators.measure) or a
 * consortium goal counts.  Each measure has a key, names in both
 * languages, a unit, its parameters (a JSON object; each documented in
 * `params_doc`) and a sentence saying exactly what it counts.
 *
 * A measure counts over the whole consortium as its secretariat sees it
 * (figures are counts, never personal data), up to a cut-off day and, where
 * the records are dated, within the calendar year.  With the value comes
 * the drill-down: the API query that lists the records counted, which
 * answers each reader what that reader may see of them.
 */
#ifndef CJ_MEASURES_H
#define CJ_MEASURES_H

#include <jansson.h>
#include <stdint.h>

#include "domain/perm.h"

typedef struct {
    const char *key;        /* "members", "meetings_held" … */
    const char *zh, *en;    /* what it is called */
    const char *unit;       /* 个 / 次 / 人次 / % … */
    const char *params_doc; /* its parameters, e.g. "type: organisation type (optional)" */
    const char *doc;        /* what it counts, both languages */
} measure_def;

/* The library, in display order; *n is its length. */
const measure_def *measure_list(size_t *n);
/* The measure called key, or NULL. */
const measure_def *measure_find(const char *key);
/* The library as JSON ({"items":[{"key","zh","en","unit","params","doc"}],
 * "total"}) for GET /api/v1/measures. */
json_t *measure_list_json(void);

/* The value of measure `key` with `params` (a JSON object or NULL) for
 * consortium cid in calendar year `year`, counting records up to `cutoff`
 * ("YYYY-MM-DD").  On success *value is set and *drill (when drill is not
 * NULL) is a new object {"path": "/api/v1/…?…" listing the records
 * counted, "entity": the entity they are rows of, "web": the workspace
 * page that shows them}.  -1 with e: ERR_INVALID for an unknown key or
 * bad parameter (naming it), a store error otherwise. */
int measure_compute(store_conn *sc, int64_t cid, int year, const char *cutoff, const char *key,
                    json_t *params, double *value, json_t **drill, err_t *e);

/* GET /api/v1/consortia/{cid}/measures/{key}: for a caller who may read
 * the consortium's figures (perm_consortium_readable, else 404), the
 * measure's value as {"key","value","unit","year","cutoff","drill"}.
 * year 2000–2100; cutoff "YYYY-MM-DD" or NULL for the year's end or today
 * (China Standard Time), whichever is earlier; params_text a JSON object
 * or NULL.  Errors are 422 naming year / cutoff / params or the
 * parameter. */
int measure_get(store_conn *sc, const caller_t *c, int64_t cid, const char *year_text,
                const char *cutoff, const char *key, const char *params_text, json_t **out,
                err_t *e);

#endif
