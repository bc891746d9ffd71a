/* governance.c — see governance.h.  Integer arithmetic only: "two thirds
 * or more" is for*3 >= base*2, never a rounded fraction.  The figures are
 * the store's; who may read them is decided here, before any is read. */
#include "domain/governance.h"

#include <jansson.h>
#include <string.h>

#include "domain/record.h"

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

int governance_composition(store_conn *sc, const caller_t *c, int64_t cid, json_t **out, err_t *e)
{
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    return store_composition(sc, cid, out, e);
}

int governance_council(store_conn *sc, const caller_t *c, int64_t cid, json_t **out, err_t *e)
{
    json_t *items = NULL;
    if (perm_consortium_readable(sc, c, cid, e) != 0 || store_council(sc, cid, &items, e) != 0)
        return -1;
    *out = json_pack("{s:I,s:o}", "total", (json_int_t)json_array_size(items), "items", items);
    return 0;
}

int governance_stats(store_conn *sc, const caller_t *c, int64_t cid, json_t **out, err_t *e)
{
    json_t *comp = NULL, *agr = NULL, *plan = NULL;
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    if (store_composition(sc, cid, &comp, e) != 0 || store_agreement_stats(sc, cid, &agr, e) != 0 ||
        store_work_plan_stats(sc, cid, &plan, e) != 0) {
        json_decref(comp);
        json_decref(agr);
        return -1;
    }
    /* Work-plan progress is internal: members and the secretariat only. */
    if (!perm_secretariat_of(c, cid) && !perm_member_reader(sc, c, cid)) {
        json_decref(plan);
        plan = json_null();
    }
    *out = json_pack("{s:o,s:o,s:o}", "composition", comp, "agreements", agr, "work_plan", plan);
    return 0;
}

int governance_motion_result(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *item = NULL;
    store_tally t;
    if (record_get(sc, c, entity_find("agenda_items"), id, &item, e) != 0 ||
        store_vote_tally(sc, id, &t, e) != 0) {
        json_decref(item);
        return -1;
    }
    const char *threshold = json_string_value(json_object_get(item, "threshold"));
    const char *base = json_string_value(json_object_get(item, "base"));
    governance_result g = governance_decide(threshold, base, &t);
    *out = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:b,s:s}", "agenda_item_id",
                     (json_int_t)id, "threshold", threshold, "base", base, "for",
                     (json_int_t)t.votes_for, "against", (json_int_t)t.votes_against, "abstain",
                     (json_int_t)t.votes_abstain, "council_units", (json_int_t)t.council_units,
                     "member_units", (json_int_t)t.member_units, "base_count", (json_int_t)g.base,
                     "required", (json_int_t)g.required, "passed", g.passed, "result",
                     g.passed ? "通过 (passed)" : "未通过 (not passed)");
    json_decref(item);
    return 0;
}
