/* governance.c — see governance.h.  Integer arithmetic only: "two thirds
 * or more" is for*3 >= base*2, never a rounded fraction. */
#include "domain/governance.h"

#include <string.h>

governance_result governance_decide(const char *threshold, const char *base, const store_tally *t)
{
    governance_result r = {0, 0, false};
    if (!strcmp(base, "council"))
        r.base = t->council_units;
    else if (!strcmp(base, "members"))
        r.base = t->member_units;
    else if (!strcmp(base, "present"))
        r.base = t->votes_for + t->votes_against + t->votes_abstain;
    else
        return r;
    if (!strcmp(threshold, "majority"))
        r.required = r.base / 2 + 1;
    else if (!strcmp(threshold, "two_thirds"))
        r.required = (2 * r.base + 2) / 3; /* ceil(2b/3) */
    else if (!strcmp(threshold, "unanimous"))
        r.required = r.base;
    else
        return r;
    r.passed = r.base > 0 && t->votes_for >= r.required;
    return r;
}
