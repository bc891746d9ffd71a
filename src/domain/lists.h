/*
 * lists.h — the three lists (三张清单) the Ministry's 2024 notice asks of
 * every consortium: 核心产品清单 (core_products), 技术需求清单 (tech_needs)
 * and 人才需求清单 (talent_needs), each published by the secretariat as a
 * dated snapshot that never changes afterwards.
 *
 * A core-products list copies every core product of the consortium, a
 * tech-needs list its published or in-progress public needs, with the
 * names of the day resolved (store_lists.c, one statement).  A
 * talent-needs list is the demand report of the year (domain/talent.c):
 * publishing one publishes the report, and every report is a list.  Every
 * function returns a new JSON reference in *out the caller owns, or -1
 * with e set.
 */
#ifndef CJ_LISTS_H
#define CJ_LISTS_H

#include "core/util.h"
#include "domain/perm.h"

/* Whether kind is one of the three kinds. */
bool lists_kind_valid(const char *kind);

/* Whether c may publish the consortium's lists (asked before the body is
 * read): 0, or -1 with 401/403 (404 if c may not see the consortium). */
int lists_may_publish(store_conn *sc, const caller_t *c, int64_t consortium_id, err_t *e);

/* Publish a list of kind for period ("2026", "2026H1"; talent needs: a
 * year) under title (NULL or "": "<consortium>2026年技术需求清单").  Bad
 * kind, period or title: ERR_INVALID with a detail per field and nothing
 * written.  *out: the list as lists_get answers it, without rows. */
int lists_publish(store_conn *sc, const caller_t *c, int64_t consortium_id, const char *kind,
                  const char *period, const char *title, json_t **out, err_t *e);

/* A list c may read (its consortium readable; else 404) with the rows
 * [(page-1)*per_page, page*per_page): {id, consortium_id, consortium_name,
 * kind, period, title, published_at, count, report_id, items, total, page,
 * per_page}. */
int lists_get(store_conn *sc, const caller_t *c, int64_t id, int64_t page, int64_t per_page,
              json_t **out, err_t *e);

/* A page of the lists of a consortium c may read, newest first (kind NULL:
 * all three): *items (caller owns) and *total over all pages. */
int lists_page(store_conn *sc, const caller_t *c, int64_t consortium_id, const char *kind,
               int64_t page, int64_t per_page, json_t **items, int64_t *total, err_t *e);

#endif
