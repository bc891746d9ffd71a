/*
 * options.h — option lists (字典): which values a vocabulary field
 * (F_VOCAB: agreement types, meeting and training kinds) takes in a
 * consortium, and the lists as forms and exports read them.
 *
 * A value of an F_VOCAB field is one of the shipped options (the
 * description's opts, checked by entity_validate) or an option of the
 * row's consortium (the "options" entity, entities_options.c), named by
 * its code, its Chinese label or its English label and stored as its
 * code.  An active option may be chosen by any write; a deactivated one
 * only stays where a row already has it (the row keeps showing it, an
 * update that leaves the field and the consortium as they were passes).
 * Only entities with a consortium_field have F_VOCAB fields, so "the
 * row's consortium" is always its consortium_id.
 */
#ifndef CJ_OPTIONS_H
#define CJ_OPTIONS_H

#include "domain/perm.h"

/* Resolve the F_VOCAB values of row (of d, with its consortium set) that
 * are not shipped options to the code of the consortium's option they
 * name, in row and, when given, in patch (the fields an update writes).
 * before: the stored row of an update, NULL on create.  0, or -1 with
 * ERR_INVALID and one detail per value that names no option (or a
 * deactivated one, on a new write), listing the options. */
int options_resolve(store_conn *sc, const entity_def *d, json_t *row, json_t *patch, json_t *before,
                    err_t *e);

/* GET /api/v1/consortia/{id}/options: for every F_VOCAB field, its
 * options in order — the shipped ones ("shipped": true), then the
 * consortium's own (with their id and "active") — for whoever may read
 * the consortium (else 404).  *out is a new reference:
 * {"consortium_id", "total", "items": [{"field": "agreements.type",
 * "entity", "name", "label_zh", "label_en", "options": [...]}]}. */
int options_effective(store_conn *sc, const caller_t *c, int64_t consortium_id, json_t **out,
                      err_t *e);

/* The label (Chinese, or English when en) of value, an option of field f
 * of d in consortium_id, or NULL if it is none; the consortium's options
 * are read once per cache, a JSON object the caller owns (an export's). */
const char *options_label(store_conn *sc, json_t *cache, const entity_def *d, const field_def *f,
                          int64_t consortium_id, const char *value, bool en);

#endif
