/*
 * report_table.c — the round results and demand reports as spreadsheets
 * (report_table.h).  Cells are the answer's values as text: integers
 * plainly, strings as they are, and in a demand report reals to the cent
 * and the demand description's enum values (kind, education) by their
 * Chinese or English label; anything else (null) is an empty cell.
 */
#include "io/report_table.h"

#include <stdlib.h>
#include <string.h>

#include "schema/entity.h"

int report_table_round(json_t *results, table_format fmt, bool en, buf_t *out, err_t *e)
{
    static const char *const keys[] = {"student_id", "school",    "major_code", "choices",
                                       "demand_id",  "job_title", "enterprise", "choice_rank"};
    static const char *const zh[] = {"学生编号", "学校",     "专业代码", "志愿数",
                                     "岗位编号", "岗位名称", "企业",     "录取志愿序号"};
    size_t n = sizeof keys / sizeof *keys;
    table_writer *w = table_writer_new(fmt, en ? "Results" : "匹配结果");
    table_writer_row(w, en ? keys : zh, n);
    size_t i;
    json_t *r;
    char *cells[8];
    json_array_foreach (json_object_get(results, "items"), i, r) {
        for (size_t k = 0; k < n; k++) {
            json_t *v = json_object_get(r, keys[k]);
            cells[k] = json_is_integer(v)  ? xasprintf("%lld", (long long)json_integer_value(v))
                       : json_is_string(v) ? xstrdup(json_string_value(v))
                                           : xstrdup("");
        }
        table_writer_row(w, (const char *const *)cells, n);
        for (size_t k = 0; k < n; k++)
            free(cells[k]);
    }
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    return rc;
}

static char *cell(json_t *v)
{
    if (json_is_string(v))
        return xstrdup(json_string_value(v));
    if (json_is_integer(v))
        return xasprintf("%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return xasprintf("%.2f", json_real_value(v));
    return xstrdup("");
}

int report_table_demand(json_t *report, const char *table, table_format fmt, bool en, buf_t *out,
                        err_t *e)
{
    static const char *const item_keys[] = {
        "enterprise", "job_title",   "occupation_code", "occupation_name", "kind",  "headcount",
        "education",  "region_code", "pay_min",         "pay_max",         "skills"};
    static const char *const item_zh[] = {
        "企业",     "岗位名称", "职业编码",        "职业名称",        "需求类型", "需求人数",
        "学历要求", "工作地点", "薪酬下限(元/月)", "薪酬上限(元/月)", "技能要求"};
    static const char *const occ_keys[] = {"code", "name", "demand", "supply", "gap"};
    static const char *const occ_zh[] = {"职业编码", "职业名称", "需求人数", "供给人数", "缺口"};
    bool items = !table || !strcmp(table, "items");
    if (!items && strcmp(table, "occupations"))
        return err_set(e, ERR_BAD_REQUEST,
                       "table 应为 items 或 occupations (table must be items or occupations)");
    const char *const *keys = items ? item_keys : occ_keys;
    const char *const *zh = items ? item_zh : occ_zh;
    size_t n = items ? sizeof item_keys / sizeof *item_keys : sizeof occ_keys / sizeof *occ_keys;
    const entity_def *dd = entity_find("demand");
    const field_def *kindf = entity_field(dd, "kind"), *eduf = entity_field(dd, "education");
    table_writer *w = table_writer_new(fmt, items ? (en ? "Demand" : "人才需求")
                                                  : (en ? "By occupation" : "按职业"));
    table_writer_row(w, en ? keys : zh, n);
    size_t i;
    json_t *row;
    char *cells[16];
    json_array_foreach (json_object_get(report, items ? "items" : "by_occupation"), i, row) {
        for (size_t k = 0; k < n; k++) {
            json_t *v = json_object_get(row, keys[k]);
            const field_def *ef = !strcmp(keys[k], "kind")        ? kindf
                                  : !strcmp(keys[k], "education") ? eduf
                                                                  : NULL;
            const enum_opt *o =
                ef && json_is_string(v) ? entity_enum_lookup(ef, json_string_value(v)) : NULL;
            cells[k] = o ? xstrdup(en ? o->en : o->zh) : cell(v);
        }
        table_writer_row(w, (const char *const *)cells, n);
        for (size_t k = 0; k < n; k++)
            free(cells[k]);
    }
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    return rc;
}
