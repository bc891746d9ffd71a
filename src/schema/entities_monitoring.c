/*
 * entities_monitoring.c — monitoring (issue 12) as registers, in the
 * one-description form of the register (entity.h):
 *
 *   indicator_frameworks  指标体系: name, issuing body, version, effective
 *                         date, which consortia it applies to (city,
 *                         industry, all), status.  Several coexist; the
 *                         active one with the latest effective date for a
 *                         consortium's kind is the one a new assessment
 *                         uses (domain/assessment.c).
 *   indicators            指标: the framework's tree (level 1–3 by
 *                         parent_id, code "1.2.3"), observation point,
 *                         unit, direction, weight, veto (否定性), and either
 *                         a measure of the library (domain/measures.c) with
 *                         its parameters, or reported by the secretariat.
 *   consortium_goals      the consortium's own goals (Liuzhou's 3–4
 *                         practice centres): a measure or a recorded
 *                         value against a target or a range.
 *
 * Frameworks and indicators are platform data: anyone reads them, only a
 * platform admin writes.  Goals are the consortium's: its secretariat
 * writes them, its readers read them.  The tables are migration 019.
 */
#include <jansson.h>
#include <string.h>

#include "schema/entity_fields.h"

static const enum_opt framework_scopes[] = {
    {"city", "市域产教联合体", "City-level consortia", "市域|市域联合体"},
    {"industry", "行业产教融合共同体", "Industry-level communities", "行业|共同体|行业共同体"},
    {"all", "全部", "All consortia", "通用|所有"},
    {NULL, NULL, NULL}};

static const enum_opt framework_status[] = {{"draft", "草稿", "Draft", "拟定|征求意见"},
                                            {"active", "现行", "Active", "有效|启用|执行|生效"},
                                            {"retired", "已废止", "Retired", "废止|停用|失效"},
                                            {NULL, NULL, NULL}};

static const enum_opt indicator_directions[] = {
    {"ge", "不低于", "At least", "≥|>=|大于等于|不少于|至少"},
    {"le", "不高于", "At most", "≤|<=|小于等于|不多于|至多|不超过"},
    {"eq", "等于", "Exactly", "=|==|恰为"},
    {NULL, NULL, NULL}};

static const enum_opt indicator_sources[] = {
    {"computed", "系统计算", "Computed from records", "计算|自动计算|数据计算"},
    {"reported", "填报", "Reported with evidence", "自评|人工填报|佐证|上报"},
    {NULL, NULL, NULL}};

static const field_def framework_fields[] = {
    ID_FIELD,
    {"name", "指标体系名称", "Name", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT | F_SEARCH, .min = 2,
     .max = 100, .aliases = "名称|体系名称"},
    {"name_en", "英文名称", "English name", FT_TEXT, 0, .max = 200},
    {"issuer", "发布机关", "Issuing body", FT_TEXT, F_SEARCH, .max = 100,
     .aliases = "发布单位|印发机关"},
    {"version", "版本", "Version", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT, .min = 1, .max = 40,
     .aliases = "版本号"},
    {"effective_on", "施行日期", "Effective", FT_DATE, F_SORT, .aliases = "生效日期|执行日期"},
    {"applies_to", "适用对象", "Applies to", FT_ENUM, F_REQUIRED | F_FILTER, framework_scopes,
     .aliases = "适用范围"},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER, framework_status},
    {"amber_ratio", "黄灯比例", "Amber ratio", FT_NUM, 0, .min = 0, .max = 1, .example = "0.8",
     .doc = "达到目标值的这一比例即为黄灯，不足为红灯 — a value within this share of its "
            "target is amber, below it red."},
    {"description", "说明", "Description", FT_TEXT, F_LONG, .max = 20000},
    STAMPS,
    END};

static const field_def indicator_fields[] = {
    ID_FIELD,
    {"framework_id", "指标体系", "Framework", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "indicator_frameworks", .aliases = "体系"},
    {"parent_id", "上级指标 id", "Parent id", FT_REF, F_FILTER | F_NOEXPORT, .ref = "indicators",
     .doc = "上级指标的 id；也可只给 parent_code — the parent's id; parent_code alone also "
            "names it."},
    {"parent_code", "上级指标", "Parent", FT_TEXT, F_FILTER, .max = 20,
     .pattern = "^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$", .example = "2.3",
     .aliases = "上级|父指标|上级指标编号|上级编号",
     .doc = "上级指标在本指标体系中的编号，表格导入用它指明上级（上级须在前面的行） — the "
            "parent's code in the framework; a sheet names the parent by it (parents on earlier "
            "rows)."},
    {"level", "层级", "Level", FT_INT, F_REQUIRED | F_FILTER | F_SORT, .min = 1, .max = 3,
     .example = "3", .aliases = "级别|指标层级"},
    {"code", "指标编号", "Code", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT, .min = 1, .max = 20,
     .pattern = "^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$", .example = "2.3.9", .aliases = "编号|序号"},
    {"name", "指标名称", "Name", FT_TEXT, F_REQUIRED | F_SEARCH, .min = 1, .max = 200,
     .aliases = "名称|指标"},
    {"name_en", "英文名称", "English name", FT_TEXT, 0, .max = 300},
    {"observation", "观测点", "Observation point", FT_TEXT, F_LONG | F_SEARCH, .max = 2000,
     .aliases = "观测要点|观察点"},
    {"unit", "单位", "Unit", FT_TEXT, 0, .max = 20, .aliases = "计量单位"},
    {"direction", "方向", "Direction", FT_ENUM, 0, indicator_directions, .aliases = "比较"},
    {"weight", "权重", "Weight", FT_NUM, 0, .min = 0, .max = 1000, .aliases = "分值|权重分"},
    {"veto", "否定性指标", "Veto item", FT_BOOL, F_FILTER, .aliases = "否决|一票否决|否定性"},
    {"source", "数据来源", "Source", FT_ENUM, F_FILTER, indicator_sources, .aliases = "来源"},
    {"measure", "度量", "Measure", FT_TEXT, F_FILTER, .max = 60, .aliases = "计算口径",
     .example = "members",
     .doc = "系统计算的指标所用度量（GET /api/v1/measures 列出全部） — the measure a computed "
            "indicator uses (GET /api/v1/measures lists them)."},
    {"measure_params", "度量参数", "Measure parameters", FT_TEXT, 0, .max = 1000,
     .example = "{\"type\":\"enterprise\"}", .aliases = "参数",
     .doc = "度量的参数，JSON 对象 — the measure's parameters as a JSON object."},
    {"default_target", "参考目标值", "Default target", FT_NUM, 0, .aliases = "目标值|标准值"},
    {"sort_order", "排序", "Order", FT_INT, F_SORT, .min = 0, .max = 100000},
    STAMPS,
    END};

static const field_def goal_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"title", "目标", "Goal", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 200,
     .aliases = "目标名称|建设目标"},
    {"title_en", "英文", "English", FT_TEXT, 0, .max = 300},
    {"measure", "度量", "Measure", FT_TEXT, F_FILTER, .max = 60, .aliases = "计算口径"},
    {"measure_params", "度量参数", "Measure parameters", FT_TEXT, 0, .max = 1000,
     .aliases = "参数"},
    {"baseline", "基数", "Baseline", FT_NUM, 0, .aliases = "基线|现状"},
    {"target_min", "目标值", "Target", FT_NUM, F_REQUIRED, .aliases = "目标|目标下限"},
    {"target_max", "目标上限", "Target (upper)", FT_NUM, 0, .aliases = "上限"},
    {"unit", "单位", "Unit", FT_TEXT, 0, .max = 20},
    {"due_year", "完成年份", "Due", FT_INT, F_FILTER | F_SORT, .min = 2000, .max = 2100,
     .aliases = "期限|目标年份"},
    {"manual_value", "当前值", "Current value", FT_NUM, 0, .aliases = "完成值|进度值",
     .doc = "无度量时由秘书处填写的当前进度 — the progress the secretariat records when the "
            "goal has no measure."},
    {"source", "出处", "Source", FT_TEXT, 0, .max = 200, .aliases = "来源|依据"},
    {"note", "备注", "Note", FT_TEXT, F_LONG, .max = 2000},
    STAMPS,
    END};

const entity_def indicator_frameworks_entity = {
    "indicator_frameworks", "indicator_frameworks", "指标体系", "Indicator frameworks",
    framework_fields, .perm = PERMS(P_PUBLIC, P_ADMIN, P_ADMIN, P_ADMIN),
    .default_sort = "-effective_on", .unique = {"name,version"},
    .perm_doc = {"任何人 — anyone", WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN},
    /* An indicator sheet names its framework by name. */
    .sheet_ref = &(const entity_sheet_ref){{"name"},
                                           "name",
                                           .not_found = "找不到指标体系“%s” (no framework with "
                                                        "this name)",
                                           .ambiguous = "有多个版本的指标体系名为“%s”，请填编号 "
                                                        "(several versions have this name; give "
                                                        "the id)",
                                           .shown = 100},
    .import = &(const entity_import){"indicator-frameworks", IMPORT_NO_CONSORTIUM,
                                     .key = {"name", "version"}, .natural = {"name", "version"}}};

const entity_def indicators_entity = {
    "indicators",
    "indicators",
    "指标",
    "Indicators",
    indicator_fields,
    .perm = PERMS(P_PUBLIC, P_ADMIN, P_ADMIN, P_ADMIN),
    .default_sort = "sort_order",
    .unique = {"framework_id,code"},
    .perm_doc = {"任何人 — anyone", WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN},
    .import =
        &(const entity_import){"indicators", IMPORT_NO_CONSORTIUM, .key = {"framework_id", "code"},
                               .natural = {"framework_id", "code"}}};

const entity_def consortium_goals_entity = {
    "consortium_goals",
    "consortium_goals",
    "联合体建设目标",
    "Consortium goals",
    goal_fields,
    .consortium_field = "consortium_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .default_sort = "due_year",
    .perm_doc = {"公开联合体：任何人；否则成员单位与秘书处 — public consortia: anyone; others: "
                 "members and secretariat",
                 WHO_SECRETARIAT, WHO_SECRETARIAT, WHO_SECRETARIAT},
    .import = &(const entity_import){"consortium-goals", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"title"}, .natural = {"title"}}};
