/*
 * store_measures.h — the counts behind domain/measures.c, one prepared
 * statement per measure, each bounded by consortium, year and cut-off day.
 */
#ifndef CJ_STORE_MEASURES_H
#define CJ_STORE_MEASURES_H

#include <jansson.h>

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

/* What every other measure is asked with: the consortium, the year's
 * first day `from`, `to` = the cut-off or the year's last day, whichever
 * is earlier, the year, `cut` (1 when `to` falls before the year's end:
 * registers kept by year then also bound their own day by `to`, an
 * undated record still counting), one text parameter `text` (NULL = any)
 * and a set of values `set` as a JSON array text (NULL = the measure's
 * default). */
typedef struct {
    int64_t cid;
    const char *from, *to;
    int year;
    int cut;
    const char *text;
    const char *set;
} store_measure_args;

/* The measure `key`'s numerator *num and denominator *den (1 for a count;
 * 0 when a share has nothing to divide).  -1 with e for an unknown key or a
 * store error. */
int store_measure_value(store_conn *c, const char *key, const store_measure_args *a, double *num,
                        double *den, err_t *e);

/* The motions (agenda items) of meetings of cid held in [from, to]:
 * a JSON array of {"id","threshold","base"} in *out. */
int store_measure_motions(store_conn *c, int64_t cid, const char *from, const char *to,
                          json_t **out, err_t *e);

/* The live indicator of framework fid with this code: *id (0 if none). */
int store_indicator_by_code(store_conn *c, int64_t fid, const char *code, int64_t *id, err_t *e);

#endif
