/*
 * framework.c — see framework.h.  The checks run in the transaction of the
 * write, after the row alone was validated, so a whole import is refused
 * row by row (io/import.c collects the errors) and nothing is written.
 */
#include "domain/framework.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domain/measures.h"
#include "domain/record.h"
#include "store/store_assessment.h"
#include "store/store_measures.h"

static int64_t ival(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *sval(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

int framework_check_measure(store_conn *sc, const char *key, json_t *params, err_t *e)
{
    const measure_def *m = measure_find(key);
    if (!m) {
        err_field(e, "measure",
                  "没有名为“%.60s”的度量 (no such measure; GET /api/v1/measures lists them)", key);
        return -1;
    }
    if (params && !json_is_object(params)) {
        err_field(e, "measure_params", "应为 JSON 对象 (must be a JSON object)");
        return -1;
    }
    /* The names it takes: "name: …" at the start of params_doc ("none"
     * takes none). */
    char name[40] = "";
    if (strcmp(m->params_doc, "none") != 0)
        sscanf(m->params_doc, "%39[a-z_]", name);
    const char *k;
    json_t *v;
    json_object_foreach (params, k, v)
        if (strcmp(k, name) != 0) {
            err_field(e, "measure_params",
                      "度量 %s 没有参数 %.40s（可用：%s） (measure %s takes no "
                      "parameter %.40s; it takes: %s)",
                      key, k, m->params_doc, key, k, m->params_doc);
            return -1;
        }
    /* The values: the measure's own check, on an empty consortium. */
    err_t me = ERR_INIT;
    double value;
    if (measure_compute(sc, 0, 2024, "2024-12-31", key, params, &value, NULL, &me) != 0) {
        if (me.code == ERR_INVALID)
            err_field(e, "measure_params", "%s", me.message);
        else
            err_set(e, me.code, "%s", me.message);
        err_clear(&me);
        return -1;
    }
    return 0;
}

int framework_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                    json_t *row, json_t *patch, err_t *e)
{
    (void)c;
    (void)before;
    (void)patch;
    if (strcmp(d->name, "indicators") != 0)
        return 0;
    /* The parent by its code (a sheet) or by its id; the other kept in step. */
    const char *pcode = sval(row, "parent_code");
    const char *pfield = "parent_id";
    bool code_given = patch ? json_object_get(patch, "parent_code") != NULL : pcode != NULL;
    if (pcode && (code_given || !ival(row, "parent_id"))) {
        int64_t found = 0;
        if (store_indicator_by_code(sc, ival(row, "framework_id"), pcode, &found, e) != 0)
            return -1;
        pfield = "parent_code";
        if (!found) {
            err_field(e, "parent_code",
                      "该指标体系中没有编号为“%.20s”的指标（上级须在前面的行） (no indicator "
                      "with this code in the framework; parents come on earlier rows)",
                      pcode);
        } else {
            json_object_set_new(row, "parent_id", json_integer(found));
            if (patch)
                json_object_set_new(patch, "parent_id", json_integer(found));
        }
    }
    int64_t level = ival(row, "level"), pid = ival(row, "parent_id");
    if (e->details) {
        /* the parent named by code is missing: its place is unknown */
    } else if (level == 1 && pid) {
        err_field(e, pfield, "一级指标没有上级指标 (a first-level indicator has no parent)");
    } else if (level > 1 && !pid) {
        err_field(e, pfield, "%lld 级指标须有上级指标 (a level-%lld indicator needs a parent)",
                  (long long)level, (long long)level);
    } else if (level > 1) {
        json_t *parent = NULL;
        err_t pe = ERR_INIT;
        if (store_entity_get(sc, d, pid, &parent, &pe) != 0) {
            err_clear(&pe);
            err_field(e, pfield, "上级指标不存在 (no such parent indicator)");
        } else {
            if (ival(parent, "framework_id") != ival(row, "framework_id"))
                err_field(e, pfield,
                          "上级指标属于另一个指标体系 (the parent belongs to another framework)");
            else if (ival(parent, "level") != level - 1)
                err_field(e, pfield,
                          "上级指标应为 %lld 级，实为 %lld 级 (the parent must be one level up: "
                          "level %lld, not %lld)",
                          (long long)(level - 1), (long long)ival(parent, "level"),
                          (long long)(level - 1), (long long)ival(parent, "level"));
            else if (!code_given) {
                json_object_set(row, "parent_code", json_object_get(parent, "code"));
                if (patch)
                    json_object_set(patch, "parent_code", json_object_get(parent, "code"));
            }
            json_decref(parent);
        }
    }
    const char *source = sval(row, "source");
    const char *measure = sval(row, "measure");
    const char *ptext = sval(row, "measure_params");
    if (source && !strcmp(source, "computed")) {
        if (!measure) {
            err_field(e, "measure",
                      "系统计算的指标须指定度量 (a computed indicator names a measure)");
        } else {
            json_t *params = NULL;
            if (ptext) {
                json_error_t je;
                params = json_loads(ptext, 0, &je);
                if (!params)
                    err_field(e, "measure_params", "不是有效的 JSON (not valid JSON): %s", je.text);
            }
            if (!ptext || params)
                framework_check_measure(sc, measure, params, e);
            json_decref(params);
        }
    } else if (measure || ptext) {
        err_field(
            e, measure ? "measure" : "measure_params",
            "填报的指标不指定度量；要系统计算请把来源设为 computed (a reported indicator names "
            "no measure; set source to computed)");
    }
    if (e->details)
        return err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)");
    return 0;
}

int framework_tree(store_conn *sc, const caller_t *c, int64_t id, json_t **out, err_t *e)
{
    json_t *fw = NULL, *rows = NULL;
    if (record_get(sc, c, entity_find("indicator_frameworks"), id, &fw, e) != 0)
        return -1;
    if (store_framework_indicators(sc, id, &rows, e) != 0) {
        json_decref(fw);
        return -1;
    }
    /* rows come by level, sort_order, code: every parent before its children. */
    json_t *by_id = json_object(), *top = json_array();
    int64_t counts[4] = {0, 0, 0, 0};
    size_t i;
    json_t *r;
    json_array_foreach (rows, i, r) {
        char key[24], pkey[24];
        int64_t lv = ival(r, "level");
        if (lv >= 1 && lv <= 3)
            counts[lv]++;
        json_object_set_new(r, "veto", json_boolean(ival(r, "veto") != 0));
        json_object_set_new(r, "children", json_array());
        snprintf(key, sizeof key, "%lld", (long long)ival(r, "id"));
        json_object_set(by_id, key, r);
        snprintf(pkey, sizeof pkey, "%lld", (long long)ival(r, "parent_id"));
        json_t *parent = ival(r, "parent_id") ? json_object_get(by_id, pkey) : NULL;
        json_array_append(parent ? json_object_get(parent, "children") : top, r);
    }
    json_decref(by_id);
    json_decref(rows);
    *out = json_pack("{s:o,s:o,s:{s:I,s:I,s:I}}", "framework", fw, "items", top, "counts", "1",
                     (json_int_t)counts[1], "2", (json_int_t)counts[2], "3", (json_int_t)counts[3]);
    return 0;
}
