/*
 * search.h — full-text search of a consortium's published texts.
 *
 * A kind is what is searched (demand, and the technology platform's
 * tech_needs, capabilities and core_products): one more kind is one more
 * entry in search.c's table and one more store function.  Needs and
 * capabilities are found only by who may read them (their visibility).  Which rows
 * a caller may find is decided by what is indexed — published, live rows
 * only, the same rows the public reads — and by the consortium, which
 * must be readable by the caller (perm_consortium_readable).
 */
#ifndef CJ_SEARCH_H
#define CJ_SEARCH_H

#include "domain/perm.h"

/* Whether kind names a searchable kind. */
bool search_kind_known(const char *kind);
/* "demand, …": the kinds, for messages; caller frees. */
char *search_kind_names(void);
/* A page of the matches of q among consortium_id's texts of kind (NULL
 * or "": demand), as store_search_demand describes; 404 when c may not
 * read the consortium, 400 for an unknown kind.  *items is owned by the
 * caller. */
int search_run(store_conn *sc, const caller_t *c, int64_t consortium_id, const char *kind,
               const char *q, int64_t page, int64_t per_page, json_t **items, int64_t *total,
               err_t *e);

#endif
