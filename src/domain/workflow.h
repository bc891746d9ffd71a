/*
 * workflow.h — status steps taken in order, by the right party.
 *
 * A record with a workflow (entity_def.workflow: technology needs,
 * projects and responses in tech.c, facility bookings in facility.c)
 * keeps a table of the steps its status may take: from, to, and the
 * parties (a bit set the caller's module defines) that may take it.
 * workflow_check() is the one rule they share: a status that stays is
 * fine; a step not in the table is 409 naming the steps open from where
 * the record is (details.status); a step the caller is not a party to is
 * 403 naming who may take it.  A platform admin may take any listed step.
 */
#ifndef CJ_WORKFLOW_H
#define CJ_WORKFLOW_H

#include <jansson.h>
#include <stdbool.h>

#include "core/util.h"
#include "schema/entity.h"

typedef struct {
    const char *from, *to;
    unsigned who; /* the parties that may take the step */
} wf_step;

/* The Chinese label of a status value of d ("status" field), else value. */
const char *workflow_status_zh(const entity_def *d, const char *value);

/* Check the status change before → row against steps (ending {NULL}).
 * parties: the caller's parties to the row before the change; admin:
 * a platform admin; who_words(who) names the parties of a step in
 * "中文 (English)".  0, or -1 with 409 / 403 set in e. */
int workflow_check(const entity_def *d, const wf_step *steps, json_t *before, json_t *row,
                   unsigned parties, bool admin, const char *(*who_words)(unsigned who), err_t *e);

#endif
