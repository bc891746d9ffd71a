/*
 * governance.h — a consortium's own figures as a caller may read them
 * (composition, council, dashboard, a motion's result), and how a
 * motion's result follows from its votes.
 *
 * Every read takes the caller and goes through the one consortium-read
 * rule, perm_consortium_readable(): a consortium the caller may not read
 * answers 404, as if absent.  Returned JSON is a new reference the caller
 * owns.
 *
 * A rule is a threshold (more than half, two thirds or more, unanimous)
 * counted against a base (all council units, all member units, or the
 * units that voted).  "Two thirds of the council" is threshold two_thirds
 * on base council: abstentions and absences then count against.
 */
#ifndef CJ_GOVERNANCE_H
#define CJ_GOVERNANCE_H

#include <stdbool.h>

#include "domain/perm.h"
#include "store/store.h"

typedef struct {
    int64_t base;     /* the number the threshold is counted against */
    int64_t required; /* smallest number of votes for that passes */
    bool passed;
} governance_result;

/* threshold: majority | two_thirds | unanimous; base: council | members |
 * present.  Unknown names never pass. */
governance_result governance_decide(const char *threshold, const char *base, const store_tally *t);

/* The consortium's members counted by type and council role (see
 * store_composition). */
int governance_composition(store_conn *sc, const caller_t *c, int64_t consortium_id, json_t **out,
                           err_t *e);
/* {"total":N,"items":[council members]}. */
int governance_council(store_conn *sc, const caller_t *c, int64_t consortium_id, json_t **out,
                       err_t *e);
/* The dashboard: {"composition","agreements","work_plan"}; work_plan is
 * null unless c is a member or the secretariat (work-plan progress is
 * internal). */
int governance_stats(store_conn *sc, const caller_t *c, int64_t consortium_id, json_t **out,
                     err_t *e);
/* A motion's tally and result under its threshold and base; the motion
 * (agenda item) must be readable by c. */
int governance_motion_result(store_conn *sc, const caller_t *c, int64_t agenda_item_id,
                             json_t **out, err_t *e);

#endif
