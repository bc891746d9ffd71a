/*
 * report_xlsx.c — the annual report as a workbook (report_xlsx.h).
 *
 * Every table of the printed page (io/report_html.c) becomes a sheet
 * through io/table.h's writer (libxlsxwriter underneath): the bold frozen
 * header, TABLE_NUMBER cells for figures, text for names and codes.  A
 * table the report leaves empty is a sheet with its header alone, so the
 * workbook always has the same sheets in the same order.
 */
#include "io/report_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table.h"

const char *const report_xlsx_sheets[] = {
    "成员构成", "理事会",   "会议与表决",   "年度工作计划", "人才缺口",     "发布清单",
    "双向选择", "历年成效", "技能等级证书", "培训",         "主要校企合作", "技术项目",
    "技术成果", "共建基地", "联合培养",     "指标评估",     "联合体目标",   NULL};

/* A column: the header and, for a cell, the key of the row object (or a
 * key path "a.b"), numeric or not. */
typedef struct {
    const char *head, *key;
    bool number;
} col;

static json_t *path_get(json_t *o, const char *path)
{
    char buf[96];
    snprintf(buf, sizeof buf, "%s", path);
    char *save = NULL;
    for (char *k = strtok_r(buf, ".", &save); k && o; k = strtok_r(NULL, ".", &save))
        o = json_object_get(o, k);
    return o;
}

static char *cell_text(json_t *v)
{
    if (json_is_string(v))
        return xstrdup(json_string_value(v));
    if (json_is_integer(v))
        return xasprintf("%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return xasprintf("%.4g", json_real_value(v));
    if (json_is_true(v))
        return xstrdup("是");
    if (json_is_false(v))
        return xstrdup("否");
    return xstrdup("");
}

#define NSHEETS (sizeof report_xlsx_sheets / sizeof *report_xlsx_sheets - 1)

/* Sheet idx of report_xlsx_sheets (the writer opened the first). */
static void sheet(table_writer *w, size_t idx, const col *cols, size_t n, json_t *rows)
{
    if (idx > 0 && idx < NSHEETS)
        table_writer_sheet(w, report_xlsx_sheets[idx]);
    const char *heads[16];
    table_type types[16];
    char *cells[16];
    for (size_t i = 0; i < n; i++) {
        heads[i] = cols[i].head;
        types[i] = cols[i].number ? TABLE_NUMBER : TABLE_TEXT;
    }
    table_writer_row(w, heads, n);
    size_t r;
    json_t *row;
    json_array_foreach (rows, r, row) {
        for (size_t i = 0; i < n; i++)
            cells[i] = cell_text(path_get(row, cols[i].key));
        table_writer_row_typed(w, (const char *const *)cells, types, n);
        for (size_t i = 0; i < n; i++)
            free(cells[i]);
    }
}

/* Meetings flattened to one row per motion. */
static json_t *motions(json_t *meetings)
{
    json_t *rows = json_array();
    size_t i, j;
    json_t *m, *a;
    json_array_foreach (meetings, i, m) {
        json_t *ms = json_object_get(m, "motions");
        if (!json_array_size(ms))
            json_array_append_new(rows,
                                  json_pack("{s:O,s:O}", "meeting", json_object_get(m, "title"),
                                            "held_on", json_object_get(m, "held_on")));
        json_array_foreach (ms, j, a) {
            json_t *r = json_deep_copy(a);
            json_object_set(r, "meeting", json_object_get(m, "title"));
            json_object_set(r, "held_on", json_object_get(m, "held_on"));
            json_t *p = json_object_get(a, "passed");
            json_object_set_new(r, "result",
                                json_string(json_is_true(p)    ? "通过"
                                            : json_is_false(p) ? "未通过"
                                                               : ""));
            json_array_append_new(rows, r);
        }
    }
    return rows;
}

/* Council roles with their units joined. */
static json_t *roles(json_t *by_role)
{
    json_t *rows = json_array();
    size_t i, j;
    json_t *x, *u;
    json_array_foreach (by_role, i, x) {
        buf_t b;
        buf_init(&b);
        json_array_foreach (json_object_get(x, "units"), j, u) {
            if (j)
                buf_puts(&b, "、");
            buf_puts(&b, json_string_value(u));
        }
        json_array_append_new(rows,
                              json_pack("{s:O,s:O,s:s}", "zh", json_object_get(x, "zh"), "n",
                                        json_object_get(x, "n"), "units", b.data ? b.data : ""));
        buf_free(&b);
    }
    return rows;
}

/* The joint-training totals as rows. */
static json_t *training_rows(json_t *tot)
{
    static const char *const rows[][4] = {
        {"专业（群）", "programs", "programs_co_run", "programs_co_run_share"},
        {"课程", "courses", "courses_co_developed", "courses_co_developed_share"},
        {"教材", "materials", "materials_co_developed", "materials_co_developed_share"},
        {"专任教师（双师型）", "teachers", "dual_qualified", "dual_qualified_share"},
        {"产业导师", "mentors", NULL, NULL},
        {"教师赴企业实践（天）", "secondment_days_to_enterprise", NULL, NULL},
        {"订单班/学徒制/现场工程师班", "cohorts", NULL, NULL},
        {"在班学生", "cohort_students", NULL, NULL}};
    json_t *a = json_array();
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        json_t *r = json_pack("{s:s}", "item", rows[i][0]);
        json_t *v = json_object_get(tot, rows[i][1]);
        json_object_set(r, "count", v ? v : json_null());
        if (rows[i][2]) {
            v = json_object_get(tot, rows[i][2]);
            json_object_set(r, "co", v ? v : json_null());
            v = json_object_get(tot, rows[i][3]);
            json_object_set(r, "share", v ? v : json_null());
        }
        json_array_append_new(a, r);
    }
    return a;
}

int report_xlsx_annual(json_t *r, buf_t *out, err_t *e)
{
    json_t *p = json_object_get(r, "profile"), *g = json_object_get(r, "governance"),
           *t = json_object_get(r, "talent"), *o = json_object_get(r, "outcomes"),
           *tech = json_object_get(r, "tech"), *res = json_object_get(r, "resources"),
           *ind = json_object_get(r, "indicators");
    table_writer *w = table_writer_new(TABLE_XLSX, report_xlsx_sheets[0]);
    static const col c0[] = {{"类型", "zh", false}, {"Type", "en", false}, {"单位数", "n", true}};
    sheet(w, 0, c0, 3, json_object_get(json_object_get(p, "composition"), "by_type"));
    static const col c1[] = {
        {"职务", "zh", false}, {"单位数", "n", true}, {"单位", "units", false}};
    json_t *x = roles(json_object_get(json_object_get(p, "council"), "by_role"));
    sheet(w, 1, c1, 3, x);
    json_decref(x);
    static const col c2[] = {{"会议", "meeting", false}, {"日期", "held_on", false},
                             {"议题", "title", false},   {"赞成", "for", true},
                             {"反对", "against", true},  {"弃权", "abstain", true},
                             {"结果", "result", false}};
    x = motions(json_object_get(g, "meetings"));
    sheet(w, 2, c2, 7, x);
    json_decref(x);
    static const col c3[] = {{"事项", "title", false},
                             {"负责单位", "owner", false},
                             {"完成时限", "due_on", false},
                             {"状态", "status", false},
                             {"进度(%)", "progress", true}};
    sheet(w, 3, c3, 5, json_object_get(g, "work_plan"));
    static const col c4[] = {{"职业编码", "code", false},
                             {"职业", "name", false},
                             {"需求", "demand", true},
                             {"供给", "supply", true},
                             {"缺口", "gap", true}};
    sheet(w, 4, c4, 5, json_object_get(t, "gap_top"));
    static const col c5[] = {{"清单", "kind", false},
                             {"标题", "title", false},
                             {"发布时间", "published_at", false},
                             {"条目", "count", true}};
    sheet(w, 5, c5, 4, json_object_get(t, "lists"));
    static const col c6[] = {{"轮次", "title", false},
                             {"状态", "status", false},
                             {"岗位数", "seats", true},
                             {"学生", "students", true},
                             {"录取", "matched", true}};
    sheet(w, 6, c6, 5, json_object_get(t, "rounds"));
    static const col c7[] = {{"年度", "year", true},
                             {"实习学生", "interns", true},
                             {"输送毕业生", "graduates_delivered", true},
                             {"证书", "certificates.total", true},
                             {"技师及以上", "certificates.technician_or_above", true},
                             {"培训人次", "training.person_times", true}};
    sheet(w, 7, c7, 6, json_object_get(o, "by_year"));
    static const col c8[] = {{"等级", "zh", false}, {"Level", "en", false}, {"证书数", "n", true}};
    sheet(w, 8, c8, 3, json_object_get(o, "certificate_levels"));
    static const col c9[] = {{"类别", "zh", false},
                             {"期数", "trainings", true},
                             {"参训人数", "participants", true},
                             {"人次", "person_times", true}};
    sheet(w, 9, c9, 4, json_object_get(o, "training_kinds"));
    static const col c10[] = {{"学校", "school", false},
                              {"企业", "enterprise", false},
                              {"实习学生(当年)", "interns", true},
                              {"输送毕业生(累计)", "graduates", true},
                              {"技师及以上(累计)", "certificates_technician", true},
                              {"培训人次(累计)", "person_times", true},
                              {"新职业培训人次(累计)", "new_occupation_person_times", true},
                              {"联合项目(累计)", "projects", true}};
    sheet(w, 10, c10, 8, json_object_get(o, "pairs"));
    static const col c11[] = {
        {"状态", "zh", false}, {"Status", "en", false}, {"项目数", "n", true}};
    sheet(w, 11, c11, 3, json_object_get(json_object_get(tech, "projects"), "status_labels"));
    static const col c12[] = {{"类别", "zh", false}, {"Kind", "en", false}, {"数量", "n", true}};
    sheet(w, 12, c12, 3, json_object_get(json_object_get(tech, "outputs"), "kind_labels"));
    static const col c13[] = {{"名称", "name", false},
                              {"类别", "kind_zh", false},
                              {"所属单位", "organization_name", false},
                              {"工位", "stations", true},
                              {"预约", "bookings", true},
                              {"使用人次", "person_times", true},
                              {"利用率", "utilisation", true},
                              {"外单位使用占比", "outside_share", true}};
    sheet(w, 13, c13, 8, json_object_get(json_object_get(res, "facilities"), "items"));
    static const col c14[] = {{"事项", "item", false},
                              {"数量", "count", true},
                              {"其中校企共建", "co", true},
                              {"占比", "share", true}};
    x = training_rows(json_object_get(json_object_get(res, "training"), "totals"));
    sheet(w, 14, c14, 4, x);
    json_decref(x);
    static const col c15[] = {{"编码", "code", false},  {"三级指标", "name", false},
                              {"单位", "unit", false},  {"目标", "target", true},
                              {"实际", "value", true},  {"评价", "rag", false},
                              {"否定性", "veto", false}};
    sheet(w, 15, c15, 7, json_object_get(json_object_get(ind, "assessment"), "items"));
    static const col c16[] = {{"目标", "title", false},         {"目标下限", "target_min", true},
                              {"目标上限", "target_max", true}, {"单位", "unit", false},
                              {"当前", "value", true},          {"完成度(%)", "progress", true},
                              {"来源", "source", false}};
    sheet(w, 16, c16, 7, json_object_get(ind, "goals"));
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    return rc;
}
