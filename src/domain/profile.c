/*
 * profile.c — a consortium's parent is never itself, never a cycle
 * (profile.h).
 */
#include "domain/profile.h"

#include <jansson.h>
#include <string.h>

/* Parents deeper than this are a cycle already in the data, or absurd. */
#define MAX_DEPTH 64

static int64_t ival(json_t *row, const char *k)
{
    json_t *v = json_object_get(row, k);
    return json_is_integer(v) ? json_integer_value(v) : 0;
}

int profile_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                  json_t *row, json_t *patch, err_t *e)
{
    (void)c;
    (void)patch;
    if (strcmp(d->name, "consortia") != 0)
        return 0;
    int64_t id = before ? ival(before, "id") : 0;
    int64_t parent = ival(row, "parent_id");
    if (!parent || !id) /* a new consortium is nobody's parent yet */
        return 0;
    if (parent == id) {
        err_field(e, "parent_id", "上级联合体不能是自身 (a consortium cannot be its own parent)");
        return err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)");
    }
    const entity_def *cons = entity_find("consortia");
    for (int depth = 0; parent; depth++) {
        json_t *p = NULL;
        if (depth >= MAX_DEPTH) {
            err_field(e, "parent_id", "上级联合体层级过多 (too many levels of parents)");
            return err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)");
        }
        err_t ge = ERR_INIT;
        if (store_entity_get(sc, cons, parent, &p, &ge) != 0) {
            err_clear(&ge); /* a parent gone (deleted): the chain ends there */
            break;
        }
        parent = ival(p, "parent_id");
        json_decref(p);
        if (parent == id) {
            err_field(
                e, "parent_id",
                "上级联合体成环：所选联合体已是本联合体的下级 (a cycle: the chosen consortium "
                "is already below this one)");
            return err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)");
        }
    }
    return 0;
}
