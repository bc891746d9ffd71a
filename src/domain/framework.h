/*
 * framework.h — indicator frameworks (issue 12): the integrity of an
 * indicator's place in its framework and of its measure, checked on every
 * write (record.c), and the framework as a nested tree.
 */
#ifndef CJ_FRAMEWORK_H
#define CJ_FRAMEWORK_H

#include <jansson.h>

#include "domain/perm.h"

/* For indicators: a first-level indicator has no parent; any other has a
 * parent in the same framework one level up; a computed one names a
 * measure of the library with parameters it accepts; a reported one names
 * none.  0, or -1 with e (422 naming parent_id / measure / measure_params).
 * Other entities pass. */
int framework_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                    json_t *row, json_t *patch, err_t *e);

/* Whether params (a JSON object or NULL) suit measure key: the names it
 * takes and their values.  0, or -1 with e naming measure_params. */
int framework_check_measure(store_conn *sc, const char *key, json_t *params, err_t *e);

/* GET /api/v1/indicator-frameworks/{id}/tree: the framework with its
 * indicators nested ({"framework": {…}, "items": [level 1 … with
 * "children"], "counts": {"1": n, "2": n, "3": n}}). */
int framework_tree(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e);

#endif
