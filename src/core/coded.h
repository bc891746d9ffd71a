/*
 * coded.h — figures keyed by catalogue codes: an amount per code, and a
 * weighted link from one code to another.
 *
 * Plain structs with no behaviour, kept on the lowest floor because two
 * floors share them: the store reads them out of the running totals and
 * the crosswalk (store_gap_inputs), the gap arithmetic (domain/gap.c,
 * which calls them gap_amount and gap_link) computes on them.  Keeping
 * them here lets store.h name no domain type, and the totals pass from
 * the store to the arithmetic without a copy.  Codes are borrowed: the
 * owner of the array owns the strings (see store_gap_inputs_free).
 */
#ifndef CJ_CODED_H
#define CJ_CODED_H

#include <stdbool.h>

typedef struct {
    const char *code; /* an occupation (demand) or major (supply) code */
    double amount;    /* the headcount or graduates counted for it */
} code_amount;

typedef struct {
    const char *major, *occupation; /* a crosswalk row's two codes */
    double weight;                  /* meaningful only when has_weight */
    bool has_weight;                /* false: the weight cell was empty */
} code_link;

#endif
