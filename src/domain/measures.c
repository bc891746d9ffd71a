/*
 * measures.c — the fixed library of measures (measures.h): each entry
 * names what it counts, its parameters and its drill-down, and one
 * function that checks the parameters and asks store_measures.c.
 *
 * To add a measure: a row in `library` (key, names, unit, parameters, what
 * it counts), a compute function beside the others, and a count in
 * store_measures.c; docs/monitoring.md lists the library from
 * GET /api/v1/measures.
 */
#include <stdio.h>
#include <string.h>

#include "domain/measures.h"
#include "store/store_measures.h"

/* A text parameter: NULL when absent, -1 when present but not a string. */
static int param_text(json_t *params, const char *name, const char **out, err_t *e)
{
    json_t *v = params ? json_object_get(params, name) : NULL;
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        err_set(e, ERR_INVALID, "参数 %s 应为文本 (parameter %s must be text)", name, name);
        err_field(e, name, "应为文本 (must be text)");
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

/* A parameter that must be one of `allowed` ("a|b|c"), or absent. */
static int param_choice(json_t *params, const char *name, const char *allowed, const char **out,
                        err_t *e)
{
    if (param_text(params, name, out, e) < 0)
        return -1;
    if (!*out)
        return 0;
    size_t n = strlen(*out);
    for (const char *p = allowed; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, *out, n) == 0)
            return 0;
        p += len + (bar ? 1 : 0);
    }
    err_set(e, ERR_INVALID, "参数 %s 的取值“%s”不在 %s 之中 (parameter %s must be one of %s)", name,
            *out, allowed, name, allowed);
    err_field(e, name, "应为 %s 之一 (must be one of %s)", allowed, allowed);
    return -1;
}

static json_t *drill_of(const char *path, const char *entity, const char *web)
{
    return json_pack("{s:s,s:s,s:s}", "path", path, "entity", entity, "web", web);
}

#define ORG_TYPES                                                                                  \
    "government|enterprise|undergraduate|higher_vocational|secondary_vocational|research_"         \
    "institute|industry_association|other"
#define MEETING_KINDS "council|general_assembly|standing|working"

static int m_members(store_conn *sc, int64_t cid, int year, const char *cutoff, json_t *params,
                     double *value, json_t **drill, err_t *e)
{
    (void)year;
    const char *type;
    if (param_choice(params, "type", ORG_TYPES, &type, e) < 0)
        return -1;
    if (store_measure_members(sc, cid, cutoff, type, value, e) < 0)
        return -1;
    if (drill) {
        char path[160];
        snprintf(path, sizeof path, "/api/v1/consortia/%lld/members%s%s", (long long)cid,
                 type ? "?type=" : "", type ? type : "");
        *drill = drill_of(path, "memberships", "/workspace/members");
    }
    return 0;
}

static int m_meetings_held(store_conn *sc, int64_t cid, int year, const char *cutoff,
                           json_t *params, double *value, json_t **drill, err_t *e)
{
    const char *kind;
    if (param_choice(params, "kind", MEETING_KINDS, &kind, e) < 0)
        return -1;
    if (store_measure_meetings(sc, cid, year, cutoff, kind, value, e) < 0)
        return -1;
    if (drill) {
        char path[200];
        snprintf(path, sizeof path,
                 "/api/v1/meetings?consortium_id=%lld&status=held&held_on_from=%04d-01-01&held_"
                 "on_to=%s%s%s",
                 (long long)cid, year, cutoff, kind ? "&kind=" : "", kind ? kind : "");
        *drill = drill_of(path, "meetings", "/workspace/meetings");
    }
    return 0;
}

static int m_child_consortia(store_conn *sc, int64_t cid, int year, const char *cutoff,
                             json_t *params, double *value, json_t **drill, err_t *e)
{
    (void)year;
    (void)params;
    if (store_measure_child_consortia(sc, cid, cutoff, value, e) < 0)
        return -1;
    if (drill) {
        char path[80];
        snprintf(path, sizeof path, "/api/v1/consortia?parent_id=%lld", (long long)cid);
        char web[48];
        snprintf(web, sizeof web, "/consortia/%lld", (long long)cid);
        *drill = drill_of(path, "consortia", web);
    }
    return 0;
}

typedef int (*measure_fn)(store_conn *, int64_t, int, const char *, json_t *, double *, json_t **,
                          err_t *);

static const struct {
    measure_def def;
    measure_fn fn;
} library[] = {
    {{"members", "成员单位数", "Member units", "个",
      "type: 单位类型 organisation type (" ORG_TYPES "), optional",
      "截止日仍在册的成员单位数，可按单位类型 — member units on the register at the cut-off "
      "day, optionally of one type"},
     m_members},
    {{"meetings_held", "召开会议次数", "Meetings held", "次",
      "kind: 会议类型 meeting kind (" MEETING_KINDS "), optional",
      "当年截止日前已召开的会议次数，可按会议类型 — meetings held in the year up to the "
      "cut-off day, optionally of one kind"},
     m_meetings_held},
    {{"child_consortia", "培育下级联合体数", "Consortia fostered", "个", "",
      "截止日前已认定（无认定日期时按成立日期）的、以本联合体为上级联合体的在册联合体数 — "
      "live consortia whose parent is this one, recognised (or, without a recognition date, "
      "founded) on or before the cut-off day; undated ones count"},
     m_child_consortia},
};
#define N_LIBRARY (sizeof library / sizeof library[0])

static measure_def defs[N_LIBRARY];

const measure_def *measure_list(size_t *n)
{
    for (size_t i = 0; i < N_LIBRARY; i++)
        defs[i] = library[i].def;
    *n = N_LIBRARY;
    return defs;
}

const measure_def *measure_find(const char *key)
{
    for (size_t i = 0; key && i < N_LIBRARY; i++)
        if (strcmp(library[i].def.key, key) == 0)
            return &library[i].def;
    return NULL;
}

json_t *measure_list_json(void)
{
    json_t *items = json_array();
    for (size_t i = 0; i < N_LIBRARY; i++) {
        const measure_def *d = &library[i].def;
        json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "key", d->key, "zh",
                                               d->zh, "en", d->en, "unit", d->unit, "params",
                                               d->params_doc, "doc", d->doc));
    }
    return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)N_LIBRARY);
}

int measure_compute(store_conn *sc, int64_t cid, int year, const char *cutoff, const char *key,
                    json_t *params, double *value, json_t **drill, err_t *e)
{
    if (drill)
        *drill = NULL;
    if (params && !json_is_object(params) && !json_is_null(params))
        return err_set(e, ERR_INVALID, "度量参数应为对象 (measure parameters must be an object)");
    for (size_t i = 0; key && i < N_LIBRARY; i++)
        if (strcmp(library[i].def.key, key) == 0)
            return library[i].fn(sc, cid, year, cutoff, params, value, drill, e);
    err_set(e, ERR_INVALID, "没有名为“%s”的度量 (no measure called %s)", key ? key : "",
            key ? key : "");
    err_field(e, "measure", "未知度量 (unknown measure)");
    return -1;
}
