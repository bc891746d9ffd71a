/*
 * round_export.c — see round_export.h: who may read a round's lists, then
 * the store's streams of them.
 */
#include "domain/round_export.h"

#include <jansson.h>

#include "domain/record.h"

/* The round readable by c (404 otherwise) and c its secretariat (403). */
static int may_export(store_conn *sc, const caller_t *c, int64_t id, err_t *e)
{
    json_t *round = NULL;
    if (record_get(sc, c, entity_find("match_rounds"), id, &round, e) != 0)
        return -1;
    int64_t cid = json_integer_value(json_object_get(round, "consortium_id"));
    json_decref(round);
    if (!perm_secretariat_of(c, cid))
        return err_set(e, ERR_FORBIDDEN,
                       "只有本联合体秘书处可以操作 (only the consortium's secretariat)");
    return 0;
}

int round_export_entries(store_conn *sc, const caller_t *c, int64_t id, bool rankings,
                         void (*fn)(void *ctx, int64_t a, int64_t b, int64_t rank), void *ctx,
                         err_t *e)
{
    if (may_export(sc, c, id, e) != 0)
        return -1;
    return store_round_each_entry(sc, id, rankings, fn, ctx, e);
}

int round_export_positions(store_conn *sc, const caller_t *c, int64_t id,
                           void (*fn)(void *ctx, int64_t demand_id, int64_t capacity), void *ctx,
                           err_t *e)
{
    if (may_export(sc, c, id, e) != 0)
        return -1;
    return store_round_each_position(sc, id, fn, ctx, e);
}
