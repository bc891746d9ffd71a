/*
 * store_measures.h — the counts behind domain/measures.c, one prepared
 * statement per measure, each bounded by consortium, year and cut-off day.
 */
#ifndef CJ_STORE_MEASURES_H
#define CJ_STORE_MEASURES_H

#include "store/store.h"

/* Current members of cid who joined by `cutoff` (and had not left then),
 * of organisation type `type` (NULL = all). */
int store_measure_members(store_conn *c, int64_t cid, const char *cutoff, const char *type,
                          double *out, err_t *e);
/* Meetings of cid held in `year` up to `cutoff`, of kind `kind` (NULL = all),
 * not cancelled. */
int store_measure_meetings(store_conn *c, int64_t cid, int year, const char *cutoff,
                           const char *kind, double *out, err_t *e);
/* Live consortia whose parent_id is cid, recognised (or, without a
 * recognition date, founded) on or before `cutoff`; undated ones count
 * (store_measures_profile.c). */
int store_measure_child_consortia(store_conn *c, int64_t cid, const char *cutoff, double *out,
                                  err_t *e);

#endif
