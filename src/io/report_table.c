/*
 * report_table.c — the round results, demand reports, gap analysis and
 * recommendations as spreadsheets (report_table.h).  Cells are the
 * answer's values as text: integers plainly, strings as they are, reals
 * to the cent, and enum values (a demand's kind and education, a major's
 * level, a recommendation's action) by their Chinese or English label;
 * anything else (null) is an empty cell.  Figures (人数, 缺口, 薪酬, 比值)
 * are TABLE_NUMBER, so XLSX holds them as numbers; codes and ids stay text.
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
    static const table_type types[] = {TABLE_TEXT, TABLE_TEXT, TABLE_TEXT, TABLE_NUMBER,
                                       TABLE_TEXT, TABLE_TEXT, TABLE_TEXT, TABLE_NUMBER};
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
        table_writer_row_typed(w, (const char *const *)cells, types, n);
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
    static const table_type item_types[] = {TABLE_TEXT,   TABLE_TEXT,   TABLE_TEXT, TABLE_TEXT,
                                            TABLE_TEXT,   TABLE_NUMBER, TABLE_TEXT, TABLE_TEXT,
                                            TABLE_NUMBER, TABLE_NUMBER, TABLE_TEXT};
    static const table_type occ_types[] = {TABLE_TEXT, TABLE_TEXT, TABLE_NUMBER, TABLE_NUMBER,
                                           TABLE_NUMBER};
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
            json_t *place = json_object_get(row, "region_name");
            if (!strcmp(keys[k], "region_code") && json_is_string(v) && json_is_string(place))
                cells[k] = xasprintf("%s %s", json_string_value(place), json_string_value(v));
            else
                cells[k] = o ? xstrdup(en ? o->en : o->zh) : cell(v);
        }
        table_writer_row_typed(w, (const char *const *)cells, items ? item_types : occ_types, n);
        for (size_t k = 0; k < n; k++)
            free(cells[k]);
    }
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    return rc;
}

/* One column of an analysis table: the answer's key, its headers, its
 * cell type, and for enum values the field whose labels name them. */
typedef struct {
    const char *key, *zh, *en;
    table_type type;
    const field_def *labels;
} report_col;

/* Rows of items under a header of cols. */
static void write_rows(table_writer *w, const report_col *cols, size_t n, json_t *items, bool en)
{
    const char *head[16];
    table_type types[16];
    for (size_t k = 0; k < n; k++) {
        head[k] = en ? cols[k].en : cols[k].zh;
        types[k] = cols[k].type;
    }
    table_writer_row(w, head, n);
    size_t i;
    json_t *row;
    char *cells[16];
    json_array_foreach (items, i, row) {
        for (size_t k = 0; k < n; k++) {
            json_t *v = json_object_get(row, cols[k].key);
            const enum_opt *o = cols[k].labels && json_is_string(v)
                                    ? entity_enum_lookup(cols[k].labels, json_string_value(v))
                                    : NULL;
            if (json_is_array(v)) { /* a new major's candidates: "460702 名称、…" */
                buf_t b;
                buf_init(&b);
                size_t j;
                json_t *x;
                json_array_foreach (v, j, x) {
                    const char *name = json_string_value(json_object_get(x, "name"));
                    buf_printf(&b, "%s%s%s%s", j ? "、" : "",
                               json_string_value(json_object_get(x, "code")), name ? " " : "",
                               name ? name : "");
                }
                cells[k] = xstrdup(b.data ? b.data : "");
                buf_free(&b);
            } else {
                cells[k] = o ? xstrdup(en ? o->en : o->zh) : cell(v);
            }
        }
        table_writer_row_typed(w, (const char *const *)cells, types, n);
        for (size_t k = 0; k < n; k++)
            free(cells[k]);
    }
}

static int finish(table_writer *w, buf_t *out, err_t *e)
{
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    return rc;
}

int report_table_gap(json_t *gap, table_format fmt, bool en, buf_t *out, err_t *e)
{
    const char *by = json_string_value(json_object_get(gap, "by"));
    bool major = by && !strcmp(by, "major");
    const report_col cols[] = {
        {"code", major ? "专业代码" : "职业编码", major ? "Major code" : "Occupation code",
         TABLE_TEXT, NULL},
        {"name", major ? "专业名称" : "职业名称", "Name", TABLE_TEXT, NULL},
        {"demand", "需求人数", "Demand", TABLE_NUMBER, NULL},
        {"supply", "供给人数", "Supply", TABLE_NUMBER, NULL},
        {"gap", "缺口", "Gap", TABLE_NUMBER, NULL},
    };
    const report_col unserved[] = {
        {"code", "职业编码", "Occupation code", TABLE_TEXT, NULL},
        {"name", "职业名称", "Name", TABLE_TEXT, NULL},
        {"demand", "需求人数", "Demand", TABLE_NUMBER, NULL},
    };
    table_writer *w = table_writer_new(fmt, en ? "Gap" : major ? "按专业缺口" : "按职业缺口");
    write_rows(w, cols, sizeof cols / sizeof *cols, json_object_get(gap, "items"), en);
    table_writer_sheet(w, en ? "Unserved occupations" : "无对应供给的职业");
    write_rows(w, unserved, sizeof unserved / sizeof *unserved, json_object_get(gap, "unserved"),
               en);
    return finish(w, out, e);
}

/* A recommendation's action in the words its web page shows. */
static const enum_opt action_opts[] = {{"expand", "扩大", "Expand"},
                                       {"hold", "保持", "Hold"},
                                       {"shrink", "缩减", "Shrink"},
                                       {"open", "新设", "Open"},
                                       {NULL, NULL, NULL}};
static const field_def action_field = {"action", "建议", "Action", FT_ENUM, 0, action_opts};

int report_table_recommend(json_t *rec, table_format fmt, bool en, buf_t *out, err_t *e)
{
    const entity_def *md = entity_find("majors");
    const field_def *level = md ? entity_field(md, "level") : NULL;
    const report_col majors[] = {
        {"code", "专业代码", "Major code", TABLE_TEXT, NULL},
        {"name", "专业名称", "Name", TABLE_TEXT, NULL},
        {"level", "层次", "Level", TABLE_TEXT, level},
        {"graduates", "毕业生人数", "Graduates", TABLE_NUMBER, NULL},
        {"demand", "需求人数", "Demand", TABLE_NUMBER, NULL},
        {"gap", "缺口", "Gap", TABLE_NUMBER, NULL},
        {"ratio", "需求/毕业生", "Demand / graduates", TABLE_NUMBER, NULL},
        {"action", "建议", "Action", TABLE_TEXT, &action_field},
        {en ? "reason_en" : "reason_zh", "理由", "Reason", TABLE_TEXT, NULL},
    };
    const report_col opens[] = {
        {"code", "职业编码", "Occupation code", TABLE_TEXT, NULL},
        {"name", "职业名称", "Name", TABLE_TEXT, NULL},
        {"demand", "需求人数", "Demand", TABLE_NUMBER, NULL},
        {"majors", "可开设的专业", "Majors that would feed it", TABLE_TEXT, NULL},
        {en ? "reason_en" : "reason_zh", "理由", "Reason", TABLE_TEXT, NULL},
    };
    table_writer *w = table_writer_new(fmt, en ? "Majors" : "专业建议");
    write_rows(w, majors, sizeof majors / sizeof *majors, json_object_get(rec, "majors"), en);
    table_writer_sheet(w, en ? "New majors" : "建议开设");
    write_rows(w, opens, sizeof opens / sizeof *opens, json_object_get(rec, "new_majors"), en);
    return finish(w, out, e);
}

int report_table_rd_units(json_t *stats, table_format fmt, bool en, buf_t *out, err_t *e)
{
    const report_col cols[] = {
        {"organization_id", "单位编号", "Unit id", TABLE_NUMBER, NULL},
        {"name", "单位", "Unit", TABLE_TEXT, NULL},
        {"needs_published", "发布需求", "Needs published", TABLE_NUMBER, NULL},
        {"needs_matched", "需求对接成功", "Needs matched", TABLE_NUMBER, NULL},
        {"responses", "揭榜/响应", "Responses", TABLE_NUMBER, NULL},
        {"projects_led", "牵头项目", "Projects led", TABLE_NUMBER, NULL},
        {"projects_partnered", "参与项目", "Projects as partner", TABLE_NUMBER, NULL},
        {"funds_agreed", "合同金额（元）", "Funds agreed (yuan)", TABLE_NUMBER, NULL},
        {"funds_received", "到账经费（元）", "Funds received (yuan)", TABLE_NUMBER, NULL},
        {"outputs", "成果", "Outputs", TABLE_NUMBER, NULL},
    };
    table_writer *w = table_writer_new(fmt, en ? "Units" : "按单位");
    write_rows(w, cols, sizeof cols / sizeof *cols, json_object_get(stats, "units"), en);
    return finish(w, out, e);
}
