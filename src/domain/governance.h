/*
 * governance.h — how a motion's result follows from its votes.
 *
 * A rule is a threshold (more than half, two thirds or more, unanimous)
 * counted against a base (all council units, all member units, or the
 * units that voted).  "Two thirds of the council" is threshold two_thirds
 * on base council: abstentions and absences then count against.
 */
#ifndef CJ_GOVERNANCE_H
#define CJ_GOVERNANCE_H

#include <stdbool.h>

#include "store/store.h"

typedef struct {
    int64_t base;     /* the number the threshold is counted against */
    int64_t required; /* smallest number of votes for that passes */
    bool passed;
} governance_result;

/* threshold: majority | two_thirds | unanimous; base: council | members |
 * present.  Unknown names never pass. */
governance_result governance_decide(const char *threshold, const char *base, const store_tally *t);

#endif
