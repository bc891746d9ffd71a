/*
 * entities_tech.c — the technology service platform (共性技术服务平台,
 * issue 10) in the one-description form of the register (entity.h):
 *
 *   tech_needs      技术需求: an enterprise's technical problem, with field,
 *                   budget, the date it is wanted by, a visibility (public /
 *                   consortium members / secretariat only) and a status
 *                   draft → published → in_progress → closed.
 *   capabilities    服务能力: what a school, institute or enterprise offers
 *                   (team, lab or platform, equipment, expert, service),
 *                   with fields, keywords and a visibility.
 *   core_products   核心产品: an enterprise's products on the industry chain
 *                   and the occupations they need most (the Ministry's
 *                   核心产品清单).
 *   need_responses  揭榜/响应: a capability owner's proposal for a published
 *                   need.  The responder sees its own, the need's
 *                   enterprise every answer to its needs (the second unit,
 *                   copied from the need), the secretariat all; accepting
 *                   one (domain/tech.c) creates a project.
 *   rd_projects     联合研发与技术服务项目 with a status proposed → approved →
 *                   running → accepted → closed (or rejected / terminated).
 *   rd_milestones   a project's milestones with due dates.
 *   rd_outputs      成果: patents, software copyrights, standards, papers,
 *                   prototypes, process improvements, transfers with revenue.
 *
 * Milestones are a child entity, not a JSON list inside the project: each
 * is then filed, changed and audited on its own (a lead unit ticks one off
 * without rewriting the others under a stale revision), filtered and
 * sorted by due date across projects (what falls due this month), and
 * imported and exported as rows like every register — all from the
 * mechanism, with no hand-written list editing.
 *
 * Visibility (.visibility_field) narrows what the read bits grant, in
 * perm.c and in the store's list SQL alike: "members" rows are read by
 * the consortium's members and secretariat only, "secretariat" rows by the
 * secretariat and the owning unit only (entity.h).  Drafts of needs are
 * their owner's and the secretariat's (.public_when: published,
 * in_progress, closed).  Status steps, who takes them and what follows
 * from them are rules, not descriptions: domain/tech.c.
 *
 * The technical field (技术领域) is vocabulary: an F_VOCAB enumeration
 * seeded with the nine fields that a consortium extends with its
 * option lists; a capability's several fields are a tag list whose items
 * the domain resolves against the same vocabulary (tech.c).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "schema/entity_fields.h"

const enum_opt tech_fields[] = {
    {"vehicle", "整车制造", "Vehicle manufacturing", "整车|整车制造业"},
    {"components", "零部件", "Components", "汽车零部件|零部件制造"},
    {"smart_manufacturing", "智能制造与装备", "Smart manufacturing and equipment",
     "智能制造|智能装备|装备制造"},
    {"new_energy", "新能源与动力电池", "New energy and traction batteries",
     "新能源|动力电池|新能源汽车"},
    {"connected", "智能网联与汽车电子", "Connected vehicles and automotive electronics",
     "智能网联|汽车电子|车联网"},
    {"materials", "材料与工艺", "Materials and processes", "材料|工艺|新材料"},
    {"testing", "检测与质量", "Testing and quality", "检测|质量|检验检测|质量检测"},
    {"digital", "数字化与软件", "Digitalisation and software", "数字化|软件|工业软件"},
    {"other", "其他", "Other", "其它"},
    {NULL, NULL, NULL}};

const enum_opt tech_visibility[] = {
    {"public", "公开", "Public", "公开发布|对外公开|所有人"},
    {"members", "联合体成员", "Consortium members", "成员|成员单位|仅成员|联合体内|内部"},
    {"secretariat", "仅秘书处", "Secretariat only", "秘书处|不公开|保密"},
    {NULL, NULL, NULL}};

const enum_opt tech_need_status[] = {
    {"draft", "草稿", "Draft", "未发布|待发布"},
    {"published", "已发布", "Published", "发布|发布中|征集中|揭榜中"},
    {"in_progress", "进行中", "In progress", "实施中|对接中|已揭榜"},
    {"closed", "已关闭", "Closed", "关闭|已完成|已结束|结束"},
    {NULL, NULL, NULL}};

static const enum_opt capability_kinds[] = {
    {"research_team", "研究团队", "Research team", "团队|科研团队|创新团队"},
    {"lab", "实验室/平台", "Lab or platform", "实验室|平台|实验室平台|研发平台|中心"},
    {"equipment", "设备", "Equipment", "仪器设备|仪器|大型设备"},
    {"expert", "专家", "Expert", "专家个人|技术专家"},
    {"service", "技术服务", "Technical service", "服务|检测服务|咨询服务"},
    {NULL, NULL, NULL}};

static const enum_opt chain_links[] = {
    {"vehicle", "整车", "Complete vehicles", "整车制造"},
    {"key_components", "关键零部件", "Key components", "零部件|核心零部件"},
    {"equipment", "装备", "Equipment", "装备制造|设备"},
    {"materials", "材料", "Materials", "原材料|新材料"},
    {"software_services", "软件与服务", "Software and services", "软件|服务|软件服务"},
    {NULL, NULL, NULL}};

const enum_opt response_status[] = {{"submitted", "已提交", "Submitted", "提交|待处理|已响应"},
                                    {"accepted", "已采纳", "Accepted", "采纳|接受|已接受|中榜"},
                                    {"rejected", "未采纳", "Rejected", "不采纳|拒绝|已拒绝"},
                                    {"withdrawn", "已撤回", "Withdrawn", "撤回"},
                                    {NULL, NULL, NULL}};

const enum_opt project_kinds[] = {
    {"joint_research", "联合攻关", "Joint research", "联合研发|协同攻关|技术攻关"},
    {"service", "技术服务", "Technical service", "服务"},
    {"consulting", "技术咨询", "Technical consulting", "咨询"},
    {"transfer", "成果转化", "Technology transfer", "转化|技术转让|技术转移"},
    {"contract_research", "横向课题", "Commissioned research", "横向|横向项目"},
    {NULL, NULL, NULL}};

const enum_opt project_status[] = {{"proposed", "已申报", "Proposed", "申报|拟立项|待审核"},
                                   {"approved", "已立项", "Approved", "立项|批准"},
                                   {"running", "实施中", "Running", "在研|进行中|执行中"},
                                   {"accepted", "已验收", "Accepted", "验收|通过验收|结题"},
                                   {"closed", "已结项", "Closed", "结项|关闭|已关闭"},
                                   {"rejected", "未立项", "Rejected", "不予立项|驳回|已驳回"},
                                   {"terminated", "已终止", "Terminated", "终止|中止"},
                                   {NULL, NULL, NULL}};

const enum_opt output_kinds[] = {
    {"invention_patent", "发明专利", "Invention patent", "发明|专利"},
    {"utility_model", "实用新型", "Utility model", "实用新型专利"},
    {"software_copyright", "软件著作权", "Software copyright", "软著|计算机软件著作权"},
    {"standard", "标准", "Standard", "技术标准"},
    {"paper", "论文", "Paper", "学术论文|期刊论文"},
    {"prototype", "样机", "Prototype", "样件|原型"},
    {"process", "工艺改进", "Process improvement", "工艺|工艺优化"},
    {"transfer", "成果转化", "Technology transfer", "转化|技术转让|转让"},
    {NULL, NULL, NULL}};

static const enum_opt standard_levels[] = {{"national", "国家标准", "National", "国标|国家"},
                                           {"industry", "行业标准", "Industry", "行标|行业"},
                                           {"group", "团体标准", "Group", "团标|团体"},
                                           {NULL, NULL, NULL}};

/* ---- checks ------------------------------------------------------------ */

/* Each item of an F_TAGS list (joined by 、) is an occupation code. */
static int check_occupation_codes(const char *s, char *msg, size_t n)
{
    char *copy = xstrdup(s), *next = NULL;
    int rc = 0;
    /* Split at the string 、, not at any of its bytes (strtok would). */
    for (char *t = copy; t && rc == 0; t = next) {
        char *sep = strstr(t, "、");
        next = sep ? sep + strlen("、") : NULL;
        if (sep)
            *sep = '\0';
        rc = check_occupation_code(t, msg, n);
    }
    free(copy);
    return rc;
}

static const char *str_of(json_t *row, const char *k)
{
    return json_string_value(json_object_get(row, k));
}

static void check_dates(json_t *row, const char *from, const char *to, err_t *e)
{
    const char *a = str_of(row, from), *b = str_of(row, to);
    if (a && b && strcmp(a, b) > 0)
        err_field(e, to, "不能早于 %s (must not be before %s)", from, from);
}

static void check_range(json_t *row, const char *lo, const char *hi, err_t *e)
{
    json_t *a = json_object_get(row, lo), *b = json_object_get(row, hi);
    if (json_is_integer(a) && json_is_integer(b) && json_integer_value(a) > json_integer_value(b))
        err_field(e, hi, "不能小于 %s (must not be below %s)", lo, lo);
}

static void validate_need(const entity_def *d, json_t *row, err_t *e)
{
    (void)d;
    check_range(row, "budget_min", "budget_max", e);
}

static void validate_project(const entity_def *d, json_t *row, err_t *e)
{
    (void)d;
    check_dates(row, "starts_on", "ends_on", e);
    json_t *lead = json_object_get(row, "lead_id"), *partners = json_object_get(row, "partner_ids");
    size_t i;
    json_t *p;
    json_array_foreach (partners, i, p)
        if (json_equal(p, lead))
            err_field(e, "partner_ids",
                      "合作单位不应包含牵头单位 (the lead unit is not a partner)");
}

static void validate_output(const entity_def *d, json_t *row, err_t *e)
{
    (void)d;
    const char *kind = str_of(row, "kind");
    json_t *level = json_object_get(row, "standard_level");
    bool has_level = level && !json_is_null(level);
    if (kind && !strcmp(kind, "standard") && !has_level)
        err_field(e, "standard_level",
                  "标准须注明级别：国家、行业或团体 (a standard is national, industry or group)");
    else if (kind && strcmp(kind, "standard") && has_level)
        err_field(e, "standard_level", "仅标准有级别 (only standards have a level)");
}

/* ---- documentation ------------------------------------------------------ */

#define DOC_VISIBILITY                                                                                                                        \
    "公开：公开联合体的任何人可见；联合体成员：仅本联合体成员单位与秘书处；仅秘书处：仅秘书处与" \
    "发布单位（其他单位连计数也看不到）— public: anyone, for a public consortium; members: "                               \
    "the consortium's members and secretariat; secretariat: the secretariat and the owning "                                                  \
    "unit only (other units do not see it even as a count)."
#define DOC_TECH_FIELD                                                                                           \
    "技术领域，联合体可在选项列表中增补 — the technical field; a consortium adds its own in " \
    "its option lists."
#define DOC_YUAN "金额（元）— an amount in yuan."
#define WHO_TECH_OWNER                                                                                                     \
    "本联合体秘书处，或所属单位（须为成员）的工作人员 — the consortium's secretariat, or staff " \
    "of the owning unit (a member)"
#define WHO_TECH_READ                                                                                                                         \
    "按可见范围：公开记录公开联合体的任何人可见，联合体成员记录仅成员与秘书处，仅秘书处记录仅秘" \
    "书处与所属单位 — by visibility: public rows anyone (public consortia), members rows the "                                       \
    "members and secretariat, secretariat-only rows the secretariat and the owning unit"

/* ---- the entities ------------------------------------------------------ */

static const field_def need_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"enterprise_id", "企业", "Enterprise", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER | F_ENTERPRISE, .ref = "organizations",
     .aliases = "企业名称|需求企业|发布企业|enterprise",
     .doc = "提出需求的企业。" DOC_ENTERPRISE_UNIT},
    {"title", "标题", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 200,
     .aliases = "需求名称|需求标题|名称|title"},
    {"description", "需求描述", "Description", FT_TEXT, F_LONG | F_SEARCH, .max = 20000,
     .aliases = "描述|需求内容|问题描述|description"},
    {"keywords", "关键词", "Keywords", FT_TEXT, F_TAGS | F_SEARCH, .max = 500,
     .aliases = "关键字|keywords",
     .doc = "以 ; ； 、 , ， 分隔，存为以、连接 — split at ; ； 、 , ， and stored joined by 、."},
    {"field", "技术领域", "Field", FT_ENUM, F_REQUIRED | F_VOCAB | F_FILTER | F_SORT, tech_fields,
     .aliases = "领域|所属领域|field", .doc = DOC_TECH_FIELD},
    {"budget_min", "预算下限（元）", "Budget from (yuan)", FT_INT, F_SORT, .min = 0,
     .max = 100000000000LL, .aliases = "预算下限|最低预算|budget_min", .doc = DOC_YUAN},
    {"budget_max", "预算上限（元）", "Budget to (yuan)", FT_INT, F_SORT, .min = 0,
     .max = 100000000000LL, .aliases = "预算上限|最高预算|预算|预算（元）|budget_max",
     .doc = DOC_YUAN " 不小于预算下限 — not below budget_min."},
    {"wanted_by", "期望完成日期", "Wanted by", FT_DATE, F_SORT,
     .aliases = "完成期限|期望日期|截止日期|wanted_by"},
    {"visibility", "可见范围", "Visibility", FT_ENUM, F_REQUIRED | F_FILTER, tech_visibility,
     .aliases = "可见性|公开范围|visibility", .import_default = "public", .doc = DOC_VISIBILITY},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, tech_need_status,
     .aliases = "需求状态|status", .import_default = "draft",
     .doc = "草稿 → 已发布 → 进行中 → 已关闭，按序推进（已发布也可直接关闭），乱序 409；草稿"
            "仅发布企业与秘书处可见 — draft → published → in_progress → closed, in order (a "
            "published need may also close), else 409; drafts are seen by the enterprise and "
            "the secretariat only."},
    {"published_on", "发布日期", "Published", FT_DATE, F_READONLY | F_SORT | F_NOEXPORT,
     .doc = "首次发布的日期，由服务器记录 — the day it was first published, set by the "
            "server.",
     .nullable = FN_NULLABLE},
    {"contact", "联系方式", "Contact", FT_TEXT, 0, .max = 200,
     .aliases = "联系人|联系电话|contact"},
    STAMPS,
    END};

static const field_def capability_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"organization_id", "单位", "Organisation", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER, .ref = "organizations",
     .aliases = "单位名称|所属单位|organization", .doc = "提供能力的单位。" DOC_MEMBER_UNIT},
    {"kind", "类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, capability_kinds,
     .aliases = "能力类型|kind"},
    {"title", "名称", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 200,
     .aliases = "能力名称|标题|title"},
    {"description", "能力描述", "Description", FT_TEXT, F_LONG | F_SEARCH, .max = 20000,
     .aliases = "描述|能力介绍|description"},
    {"keywords", "关键词", "Keywords", FT_TEXT, F_TAGS | F_SEARCH, .max = 500,
     .aliases = "关键字|keywords"},
    {"fields", "技术领域", "Fields", FT_TEXT, F_TAGS, .max = 500, .aliases = "领域|所属领域|fields",
     .doc = "一个或多个技术领域（同技术需求的技术领域），以 ; ； 、 分隔；存为代码，以、连接 — one "
            "or more technical fields (those of tech_needs.field), split at ; ； 、 and stored "
            "as codes joined by 、."},
    {"contact", "联系方式", "Contact", FT_TEXT, 0, .max = 200,
     .aliases = "联系人|联系电话|contact"},
    {"visibility", "可见范围", "Visibility", FT_ENUM, F_REQUIRED | F_FILTER, tech_visibility,
     .aliases = "可见性|公开范围|visibility", .import_default = "public", .doc = DOC_VISIBILITY},
    STAMPS,
    END};

static const field_def product_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"enterprise_id", "企业", "Enterprise", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER | F_ENTERPRISE, .ref = "organizations",
     .aliases = "企业名称|生产企业|enterprise", .doc = DOC_ENTERPRISE_UNIT},
    {"name", "产品名称", "Name", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 1, .max = 200,
     .aliases = "名称|产品|name"},
    {"chain_link", "产业链环节", "Chain link", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, chain_links,
     .aliases = "链环节|环节|chain_link"},
    {"description", "产品描述", "Description", FT_TEXT, F_LONG | F_SEARCH, .max = 20000,
     .aliases = "描述|产品介绍|description"},
    {"key_technologies", "关键技术", "Key technologies", FT_TEXT, F_TAGS | F_SEARCH, .max = 1000,
     .aliases = "核心技术|key_technologies"},
    {"occupation_codes", "紧缺职业编码", "Occupations needed", FT_TEXT, F_TAGS, .max = 500,
     .check = check_occupation_codes, .aliases = "职业编码|所需职业|occupation_codes",
     .example = "6-22-02-01",
     .doc = "最需要的职业（职业分类大典编码），以 ; ； 、 分隔 — the occupations it needs most "
            "(codes of the national occupational classification), split at ; ； 、."},
    STAMPS,
    END};

static const field_def response_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD_DOC("须与需求的联合体一致 — the need's consortium."),
    {"need_id", "技术需求", "Need", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "tech_needs", .aliases = "需求编号|need",
     .doc = "所响应的需求：须已发布或进行中，且响应单位可见 — the need answered: published or "
            "in progress, and visible to the responder."},
    {"enterprise_id", "需求企业", "Need's enterprise", FT_REF, F_READONLY | F_FILTER,
     .ref = "organizations",
     .doc = "取自需求，可查看对该需求的所有响应 — taken from the need; sees every answer to it."},
    {"organization_id", "响应单位", "Responder", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER, .ref = "organizations",
     .aliases = "单位|揭榜单位|responder", .doc = DOC_MEMBER_UNIT},
    {"capability_id", "服务能力", "Capability", FT_REF, F_FILTER, .ref = "capabilities",
     .doc = "所依托的服务能力，须属于响应单位 — the capability it rests on, the responder's."},
    {"approach", "技术方案", "Approach", FT_TEXT, F_REQUIRED | F_LONG | F_SEARCH, .min = 2,
     .max = 20000, .aliases = "方案|approach"},
    {"team", "团队", "Team", FT_TEXT, F_LONG, .max = 2000},
    {"duration", "周期", "Time", FT_TEXT, 0, .max = 100, .aliases = "工期|时间|duration",
     .example = "6个月"},
    {"price", "报价（元）", "Price (yuan)", FT_INT, F_SORT, .min = 0, .max = 100000000000LL,
     .aliases = "报价|price", .doc = DOC_YUAN},
    {"contact", "联系方式", "Contact", FT_TEXT, 0, .max = 200},
    {"status", "状态", "Status", FT_ENUM, F_FILTER | F_SORT, response_status,
     .doc = "已提交 → 已采纳（需求企业经 POST …/accept）、未采纳（需求企业）或已撤回（响应单"
            "位）— submitted → accepted (by the need's enterprise, POST …/accept), rejected (by "
            "the need's enterprise) or withdrawn (by the responder).",
     .nullable = FN_NOT_NULL},
    {"project_id", "项目", "Project", FT_REF, F_READONLY | F_FILTER, .ref = "rd_projects",
     .doc = "采纳后创建的项目 — the project its acceptance created.", .nullable = FN_NULLABLE},
    STAMPS,
    END};

static const field_def project_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"kind", "项目类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, project_kinds,
     .aliases = "类型|kind"},
    {"title", "项目名称", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 300,
     .aliases = "名称|title"},
    {"description", "项目内容", "Description", FT_TEXT, F_LONG | F_SEARCH, .max = 20000,
     .aliases = "内容|description"},
    /* Text, not a second vocabulary field: it takes the needs' field
     * vocabulary (tech_needs.field with the consortium's own options),
     * resolved by the domain (tech.c), so one option list serves both. */
    {"field", "技术领域", "Field", FT_TEXT, F_FILTER, .max = 64, .aliases = "领域|field",
     .doc = "技术需求的技术领域之一（tech_needs.field，含联合体增补的），存为代码 — one of the "
            "technical fields of tech_needs.field (with the consortium's own), stored as its "
            "code."},
    {"lead_id", "牵头单位", "Lead unit", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER,
     .ref = "organizations", .aliases = "牵头|承担单位|lead", .doc = DOC_MEMBER_UNIT},
    {"partner_ids", "合作单位", "Partner units", FT_IDLIST, F_FILTER, .max = 100,
     .ref = "organizations", .aliases = "参与单位|partners"},
    {"need_id", "技术需求", "Need", FT_REF, F_IMMUTABLE | F_FILTER, .ref = "tech_needs",
     .aliases = "需求编号|need"},
    {"enterprise_id", "委托企业", "Client enterprise", FT_REF, F_READONLY | F_FILTER,
     .ref = "organizations",
     .doc = "取自所响应的需求；由其验收 — taken from the need answered; it accepts the work."},
    {"response_id", "响应", "Response", FT_REF, F_READONLY | F_FILTER, .ref = "need_responses",
     .nullable = FN_NULLABLE},
    {"agreement_id", "合作协议", "Agreement", FT_REF, F_FILTER, .ref = "agreements",
     .aliases = "协议编号|agreement"},
    {"budget", "合同金额（元）", "Budget (yuan)", FT_INT, F_SORT, .min = 0, .max = 100000000000LL,
     .aliases = "经费|合同经费|项目经费|budget", .doc = DOC_YUAN},
    {"funds_received", "到账经费（元）", "Funds received (yuan)", FT_INT, F_SORT, .min = 0,
     .max = 100000000000LL, .aliases = "到账|到账金额|funds_received", .doc = DOC_YUAN},
    {"starts_on", "开始日期", "Starts", FT_DATE, F_SORT | F_FILTER, .aliases = "起始日期|start"},
    {"ends_on", "结束日期", "Ends", FT_DATE, F_SORT, .aliases = "截止日期|end"},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, project_status,
     .aliases = "项目状态|status", .import_default = "proposed",
     .doc = "已申报 → 已立项（秘书处）→ 实施中（牵头单位）→ 已验收（秘书处或委托企业）→ 已结项"
            "（秘书处）；未立项（秘书处，自已申报）、已终止（秘书处或牵头单位，自已立项或实施中）；"
            "乱序 409 — proposed → approved (secretariat) → running (lead unit) → accepted "
            "(secretariat or client enterprise) → closed (secretariat); rejected (secretariat, "
            "from proposed), terminated (secretariat or lead, from approved or running); out "
            "of order 409."},
    STAMPS,
    END};

/* Sheets name a project by its title within the import's consortium. */
static const entity_sheet_ref project_sheet_ref = {
    {"title"},
    "title",
    .in_consortium = true,
    .not_found = "找不到项目“%s” (no project with this title)",
    .ambiguous = "有多个项目名为“%s” (several projects have this title)",
    .shown = 200};

static const field_def milestone_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD_DOC("须与项目的联合体一致 — the project's consortium."),
    {"project_id", "项目", "Project", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "rd_projects", .aliases = "项目名称|project"},
    {"lead_id", "牵头单位", "Lead unit", FT_REF, F_READONLY | F_FILTER | F_NOEXPORT,
     .ref = "organizations", .doc = "取自项目 — the project's."},
    {"title", "节点", "Milestone", FT_TEXT, F_REQUIRED | F_SEARCH, .min = 1, .max = 200,
     .aliases = "里程碑|名称|title"},
    {"due_on", "计划日期", "Due", FT_DATE, F_REQUIRED | F_SORT | F_FILTER,
     .aliases = "截止日期|due"},
    {"done_on", "完成日期", "Done", FT_DATE, F_SORT, .aliases = "实际完成日期|done"},
    {"note", "说明", "Note", FT_TEXT, F_LONG, .max = 2000},
    STAMPS,
    END};

static const field_def output_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD_DOC("须与项目的联合体一致 — the project's consortium."),
    {"project_id", "项目", "Project", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "rd_projects", .aliases = "项目名称|project"},
    {"lead_id", "牵头单位", "Lead unit", FT_REF, F_READONLY | F_FILTER | F_NOEXPORT,
     .ref = "organizations", .doc = "取自项目 — the project's."},
    /* The template's example is a standard: its level is filled too. */
    {"kind", "成果类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, output_kinds,
     .aliases = "类型|kind", .example = "standard"},
    {"standard_level", "标准级别", "Standard level", FT_ENUM, F_FILTER, standard_levels,
     .aliases = "级别|standard_level", .doc = "仅标准：国家、行业或团体 — standards only."},
    {"title", "成果名称", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 1, .max = 300,
     .aliases = "名称|title"},
    {"identifier", "成果编号", "Identifier", FT_TEXT, F_SEARCH, .max = 100,
     .aliases = "专利号|标准号|登记号|identifier", .example = "T/CSAE 100-2025"},
    {"date", "日期", "Date", FT_DATE, F_SORT, .aliases = "授权日期|发布日期|date"},
    {"value", "金额（元）", "Value (yuan)", FT_INT, F_SORT, .min = 0, .max = 100000000000LL,
     .aliases = "转化收入|价值|value",
     .doc = "成果转化的收入或成果的价值（元）— a transfer's revenue, or the output's value, in "
            "yuan."},
    STAMPS,
    END};

/* A response's consortium and enterprise are its need's; its capability,
 * when named, is the responder's.  A project's client is the enterprise
 * of the need it answers; milestones and outputs carry their project's
 * lead unit (the unit that keeps them). */
static const entity_agree response_agree[] = {{"need_id", "consortium_id"},
                                              {"need_id", "enterprise_id"},
                                              {"capability_id", "consortium_id"},
                                              {"capability_id", "organization_id"},
                                              {NULL, NULL}};
static const entity_agree project_agree[] = {
    {"need_id", "consortium_id"}, {"need_id", "enterprise_id"}, {NULL, NULL}};
static const entity_agree child_agree[] = {
    {"project_id", "consortium_id"}, {"project_id", "lead_id"}, {NULL, NULL}};

static const char *const tech_statuses_shown = "published|in_progress|closed";

const entity_def tech_needs_entity = {
    "tech_needs",
    "tech_needs",
    "技术需求",
    "Technology needs",
    need_fields,
    .workflow = true,
    .consortium_field = "consortium_id",
    .org_field = "enterprise_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .public_when_field = "status",
    .public_when_value = tech_statuses_shown,
    .visibility_field = "visibility",
    .default_sort = "-created_at",
    .validate = validate_need,
    .perm_doc = {WHO_TECH_READ "；草稿仅企业与秘书处 — drafts only the enterprise and secretariat",
                 WHO_TECH_OWNER, WHO_TECH_OWNER, WHO_TECH_OWNER},
    .import = &(const entity_import){"tech-needs", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"enterprise_id", "title"},
                                     .natural = {"enterprise_id", "title"}}};

const entity_def capabilities_entity = {
    "capabilities",
    "capabilities",
    "服务能力",
    "Capabilities",
    capability_fields,
    .consortium_field = "consortium_id",
    .org_field = "organization_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .visibility_field = "visibility",
    .default_sort = "-created_at",
    .perm_doc = {WHO_TECH_READ, WHO_TECH_OWNER, WHO_TECH_OWNER, WHO_TECH_OWNER},
    .import = &(const entity_import){"capabilities", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"organization_id", "title"},
                                     .natural = {"organization_id", "title"}}};

const entity_def core_products_entity = {
    "core_products",
    "core_products",
    "核心产品",
    "Core products",
    product_fields,
    .consortium_field = "consortium_id",
    .org_field = "enterprise_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "name",
    .perm_doc = {WHO_PUBLIC_OR_MEMBERS, WHO_TECH_OWNER, WHO_TECH_OWNER, WHO_TECH_OWNER},
    .import = &(const entity_import){"core-products", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"enterprise_id", "name"},
                                     .natural = {"enterprise_id", "name"}}};

const entity_def need_responses_entity = {
    "need_responses",
    "need_responses",
    "揭榜响应",
    "Need responses",
    response_fields,
    .workflow = true,
    .consortium_field = "consortium_id",
    .org_field = "organization_id",
    .org2_field = "enterprise_id",
    .perm = PERMS(P_SECRETARIAT | P_ORG_STAFF | P_ORG2_STAFF, P_ORG_STAFF,
                  P_ORG_STAFF | P_ORG2_STAFF, P_ORG_STAFF),
    .rows_private = true,
    .default_sort = "-created_at",
    .agree = response_agree,
    .perm_doc = {"响应单位看自己的响应，需求企业看对其需求的全部响应，本联合体秘书处看全部 — the "
                 "responder its own, the need's enterprise every answer to its needs, the "
                 "consortium's secretariat all",
                 "响应单位（须为成员）的工作人员，需求须已发布或进行中且对其可见 — staff of the "
                 "responding unit (a member); the need published or in progress and visible "
                 "to it",
                 "响应单位改方案或撤回；需求企业只改状态（未采纳；采纳用 POST …/accept） — the "
                 "responder edits or withdraws; the need's enterprise only sets the status "
                 "(rejected; accepting is POST …/accept)",
                 "响应单位的工作人员（未采纳前） — staff of the responder (before acceptance)"}};

const entity_def rd_projects_entity = {
    "rd_projects",
    "rd_projects",
    "联合研发与技术服务项目",
    "Joint R&D and service projects",
    project_fields,
    .workflow = true,
    .consortium_field = "consortium_id",
    .org_field = "lead_id",
    .org2_field = "enterprise_id",
    .perm = PERMS(P_MEMBERS, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF | P_ORG2_STAFF, P_SECRETARIAT),
    .default_sort = "-created_at",
    .validate = validate_project,
    .agree = project_agree,
    .perm_doc = {WHO_MEMBERS,
                 "本联合体秘书处，或牵头单位（须为成员）的工作人员；非秘书处新建为已申报 — the "
                 "secretariat, or staff of the lead unit (a member); others file it as proposed",
                 "秘书处或牵头单位；委托企业只能验收；状态按序推进 — the secretariat or the lead "
                 "unit; the client enterprise only accepts; the status moves in order",
                 WHO_SECRETARIAT},
    .sheet_ref = &project_sheet_ref,
    .import = &(const entity_import){"rd-projects", IMPORT_CONSORTIUM_REQUIRED, .key = {"title"},
                                     .natural = {"title"}}};

const entity_def rd_milestones_entity = {
    "rd_milestones",
    "rd_milestones",
    "项目节点",
    "Project milestones",
    milestone_fields,
    .consortium_field = "consortium_id",
    .org_field = "lead_id",
    .perm = PERMS(P_MEMBERS, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "due_on",
    .agree = child_agree,
    .perm_doc = {WHO_MEMBERS, WHO_TECH_OWNER, WHO_TECH_OWNER, WHO_TECH_OWNER},
    .import = &(const entity_import){"rd-milestones", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"project_id", "title"}}};

const entity_def rd_outputs_entity = {
    "rd_outputs",
    "rd_outputs",
    "项目成果",
    "Project outputs",
    output_fields,
    .consortium_field = "consortium_id",
    .org_field = "lead_id",
    .perm = PERMS(P_MEMBERS, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "-date",
    .validate = validate_output,
    .agree = child_agree,
    .perm_doc = {WHO_MEMBERS, WHO_TECH_OWNER, WHO_TECH_OWNER, WHO_TECH_OWNER},
    .import = &(const entity_import){"rd-outputs", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"project_id", "kind", "title"}}};
