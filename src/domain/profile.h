/*
 * profile.h — the rule of a consortium's profile (issue 12) that its
 * description (schema/entities.c, consortium_fields) cannot say: its
 * parent consortium (上级联合体) is never itself and parents never make a
 * cycle.  The kinds of the lead school, lead enterprise and supporting
 * government are the description's (F_SCHOOL, F_ENTERPRISE, F_GOVERNMENT).
 */
#ifndef CJ_PROFILE_H
#define CJ_PROFILE_H

#include "domain/perm.h"

/* Called by record.c on every write of a row of d, inside the write
 * transaction, after the description's checks; the arguments as
 * tech_rules'.  Rows of other entities pass untouched.  For consortia: a
 * parent_id equal to the row's id, or one whose chain of parents reaches
 * the row, is ERR_INVALID (422) with a detail on parent_id. */
int profile_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                  json_t *row, json_t *patch, err_t *e);

#endif
