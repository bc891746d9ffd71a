/*
 * entities.c — the description of every register entity (see entity.h).
 *
 * Field names follow SPEC.md and the users' words; Chinese labels are the
 * headers Chinese spreadsheets use, so an export re-imports as it is.  The
 * permissions here are the single table of who may do what: handlers ask
 * perm_allows() (domain/perm.c), which reads only this.
 */
#include <jansson.h>
#include <string.h>

#include "schema/entity_fields.h"

/* ---- enumerations ---------------------------------------------------- */

const enum_opt org_types[] = {
    {"government", "政府部门", "Government department",
     "政府|政府机关|政府机构|行政机关|机关|机关单位|党政机关|局|委办局"},
    {"enterprise", "企业", "Enterprise",
     "公司|有限公司|有限责任公司|股份有限公司|集团|企业单位|国有企业|国企|民营企业|民企|私营企业|"
     "外资企业|外企|合资企业"},
    {"undergraduate", "本科学校", "Undergraduate university",
     "本科院校|本科高校|普通本科|本科|大学|职业本科|职业大学|本科层次职业学校"},
    {"higher_vocational", "高职院校", "Higher vocational college",
     "高职|高职学校|高职高专|高职高专院校|高等职业学校|高等职业院校|职业技术学院|职业学院|"
     "高等职业技术学院|高专|高等专科学校|专科学校|专科院校|大专|大专院校"},
    {"secondary_vocational", "中职学校", "Secondary vocational school",
     "中职|中职院校|中等职业学校|中等职业技术学校|中专|职业中专|中等专业学校|职高|职业高中|技校|"
     "技工学校"},
    {"research_institute", "科研机构", "Research institute",
     "科研院所|研究院|研究所|科研单位|科研院|研究中心|科学院"},
    {"industry_association", "行业协会", "Industry association",
     "协会|学会|商会|行业组织|行业学会|联合会"},
    {"other", "其他", "Other", "其它|其他单位"},
    {NULL, NULL, NULL}};

/* In council order: the council endpoint sorts by this order. */
const enum_opt council_roles[] = {
    {"chair", "理事长单位", "Chair", "理事长|牵头单位"},
    {"executive_chair", "执行理事长单位", "Executive chair", "执行理事长"},
    {"vice_chair", "副理事长单位", "Vice chair", "副理事长"},
    {"secretary_general", "秘书长单位", "Secretary-general", "秘书长"},
    {"deputy_secretary_general", "副秘书长单位", "Deputy secretary-general", "副秘书长"},
    {"council_member", "理事单位", "Council member", "理事"},
    {"member", "成员单位", "Member", "成员|会员单位|会员|普通成员"},
    {NULL, NULL, NULL}};

static const enum_opt consortium_kinds[] = {
    {"city", "市域产教联合体", "City-level industry–education consortium",
     "市域|市域联合体|产教联合体"},
    {"industry", "行业产教融合共同体", "Industry-level industry–education community",
     "行业|行业共同体|产教融合共同体|行业产教共同体|共同体"},
    {NULL, NULL, NULL}};

static const enum_opt consortium_levels[] = {
    {"national", "国家级", "National", "国家|全国|部级"},
    {"provincial", "省级", "Provincial", "省|省部级|自治区级"},
    {"municipal", "市级", "Municipal", "市|地市级|地级市|市州级"},
    {NULL, NULL, NULL}};

const enum_opt agreement_types[] = {
    {"school_enterprise", "校企合作", "School–enterprise", "校企|校企合作协议|校企协议"},
    {"school_school", "校校合作", "School–school", "校校|校际合作|院校合作"},
    {"science_education", "科教融汇", "Science–education", "科教|科教融合|科研合作"},
    {"government_enterprise", "政企合作", "Government–enterprise", "政企|政企合作协议"},
    {"party_building", "党建共建", "Party-building co-construction",
     "党建|党建联建|支部共建|党建合作"},
    {"strategic", "战略合作", "Strategic cooperation",
     "战略|战略合作协议|战略合作框架协议|框架协议"},
    {NULL, NULL, NULL}};

static const enum_opt agreement_status[] = {
    {"draft", "草拟", "Draft", "草稿|起草|起草中|拟定中|待签|待签约|未签约"},
    {"signed", "已签约", "Signed", "已签|已签署|已签订|签约|签订"},
    {"in_force", "履行中", "In force", "执行中|生效|已生效|生效中|有效"},
    {"expired", "已到期", "Expired", "到期|过期|已过期|期满"},
    {"terminated", "已终止", "Terminated", "终止|解除|已解除|中止"},
    {NULL, NULL, NULL}};

static const enum_opt meeting_kinds[] = {
    {"council", "理事会会议", "Council meeting", "理事会|理事会议"},
    {"general_assembly", "成员大会", "General assembly", "会员大会|全体成员大会|成员代表大会|大会"},
    {"standing", "常务理事会", "Standing council", "常务理事会会议|常务理事会议|常务会"},
    {"working", "工作会议", "Working meeting", "工作会|工作例会|例会|专题会议"},
    {NULL, NULL, NULL}};

static const enum_opt meeting_status[] = {
    {"planned", "筹备中", "Planned", "筹备|计划|计划中|待召开|未召开|拟召开"},
    {"held", "已召开", "Held", "已开|召开|已举行|已完成"},
    {"cancelled", "已取消", "Cancelled", "取消|撤销"},
    {NULL, NULL, NULL}};

const enum_opt vote_thresholds[] = {
    {"majority", "过半数", "More than half", "过半|半数以上|二分之一以上|简单多数"},
    {"two_thirds", "三分之二以上", "Two thirds or more", "三分之二|2/3|2/3以上|三分之二多数"},
    {"unanimous", "全票", "Unanimous", "一致通过|全票通过|全体一致|一致同意"},
    {NULL, NULL, NULL}};

const enum_opt vote_bases[] = {
    {"council", "全体理事单位", "All council units", "全体理事|理事单位"},
    {"members", "全体成员单位", "All member units", "全体成员|全体会员|成员单位"},
    {"present", "出席并投票单位", "Units that voted",
     "出席单位|到会单位|参会单位|实际投票单位|出席"},
    {NULL, NULL, NULL}};

static const enum_opt vote_choices[] = {{"for", "赞成", "For", "同意|赞同|支持|√"},
                                        {"against", "反对", "Against", "不同意|不赞成|×"},
                                        {"abstain", "弃权", "Abstain", "弃票|不表态"},
                                        {NULL, NULL, NULL}};

static const enum_opt plan_status[] = {
    {"not_started", "未开始", "Not started", "未启动|待开始|尚未开始|未进行"},
    {"in_progress", "进行中", "In progress", "实施中|推进中|正在进行|执行中|在办"},
    {"done", "已完成", "Done", "完成|已办结|办结|已结束"},
    {"delayed", "已延期", "Delayed", "延期|滞后|延迟|推迟"},
    {"cancelled", "已取消", "Cancelled", "取消|撤销"},
    {NULL, NULL, NULL}};

static const enum_opt publish_status[] = {
    {"draft", "草稿", "Draft", "未发布|待发布|草拟"},
    {"published", "已发布", "Published", "发布|公开|已公开"},
    {"withdrawn", "已撤回", "Withdrawn", "撤回|下架|已下架|撤销"},
    {NULL, NULL, NULL}};

static const enum_opt policy_levels[] = {
    {"national", "国家级", "National", "国家|全国|部级"},
    {"provincial", "省级", "Provincial", "省|省部级|自治区级"},
    {"municipal", "市级", "Municipal", "市|地市级|地级市|市州级"},
    {"district", "区县级", "District", "区县|县级|区级|县区级|县|区"},
    {NULL, NULL, NULL}};

static const enum_opt project_status[] = {
    {"planned", "规划中", "Planned", "规划|计划|计划中|拟建"},
    {"open", "申报中", "Open for application", "申报|可申报|接受申报|征集中"},
    {"running", "实施中", "Running", "在建|建设中|进行中|执行中|已立项"},
    {"done", "已完成", "Done", "完成|已结项|结项|已验收"},
    {NULL, NULL, NULL}};

const enum_opt user_roles[] = {
    {"platform_admin", "平台管理员", "Platform admin", "超级管理员|系统管理员|平台管理"},
    {"secretariat", "秘书处", "Consortium secretariat", "秘书处人员|联合体秘书处"},
    {"org_admin", "单位管理员", "Organisation admin", "单位管理|机构管理员"},
    {"org_staff", "单位工作人员", "Organisation staff", "工作人员|单位人员|职员|员工"},
    {"student", "学生", "Student", "学员|在校生"},
    {"authority", "主管部门", "Education / industry authority",
     "教育主管部门|教育局|教育厅|工信|监管部门"},
    {NULL, NULL, NULL}};

/* Common columns (ID_FIELD, STAMPS, CONSORTIUM_FIELD) are in entity_fields.h. */

/* ---- cross-field checks ---------------------------------------------- */

static const char *str_of(json_t *row, const char *k)
{
    return json_string_value(json_object_get(row, k));
}

static void check_date_order(json_t *row, const char *from, const char *to, err_t *e)
{
    const char *a = str_of(row, from), *b = str_of(row, to);
    if (a && b && strcmp(a, b) > 0)
        err_field(e, to, "不能早于 %s (must not be before %s)", from, from);
}

static void validate_membership(const entity_def *d, json_t *row, err_t *e)
{
    check_date_order(row, "joined_on", "left_on", e);
}

static void validate_agreement(const entity_def *d, json_t *row, err_t *e)
{
    check_date_order(row, "signed_on", "ends_on", e);
    check_date_order(row, "starts_on", "ends_on", e);
}

static void validate_work_plan(const entity_def *d, json_t *row, err_t *e)
{
    const char *st = str_of(row, "status");
    json_int_t p = json_integer_value(json_object_get(row, "progress"));
    if (st && strcmp(st, "done") == 0 && json_object_get(row, "progress") &&
        json_is_integer(json_object_get(row, "progress")) && p != 100)
        err_field(e, "progress", "状态为已完成时进度应为 100 (progress must be 100 when done)");
}

static void validate_user(const entity_def *d, json_t *row, err_t *e)
{
    const char *role = str_of(row, "role");
    if (!role)
        return;
    bool has_org = json_is_integer(json_object_get(row, "organization_id"));
    bool has_cons = json_is_integer(json_object_get(row, "consortium_id"));
    if (strcmp(role, "secretariat") == 0 && !has_cons)
        err_field(e, "consortium_id", "秘书处账号须指定联合体 (a secretariat needs a consortium)");
    if ((strcmp(role, "org_admin") == 0 || strcmp(role, "org_staff") == 0 ||
         strcmp(role, "student") == 0) &&
        !has_org)
        err_field(e, "organization_id", "该角色须指定单位 (this role needs an organisation)");
    /* An authority is a government unit's account (its scopes are the unit's). */
    if (strcmp(role, "authority") == 0 && !has_org)
        err_field(e, "organization_id",
                  "主管部门账号须指定其政府部门单位 (an authority needs its government unit)");
}

/* ---- the entities ----------------------------------------------------- */

static const field_def organization_fields[] = {
    ID_FIELD,
    {"name", "单位名称", "Name", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT | F_SEARCH, .min = 2,
     .max = 100, .aliases = "名称|单位"},
    {"short_name", "简称", "Short name", FT_TEXT, F_SEARCH | F_SORT, .max = 30},
    {"type", "单位类型", "Type", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT | F_REGISTRAR, org_types,
     .aliases = "类型",
     .doc = "单位类型：学校（secondary_vocational、higher_vocational、undergraduate）"
            "才能有学生、供给、实习与就业记录，企业（enterprise）才能发布需求、接收实"
            "习；只由秘书处或平台管理员修改 — the unit's kind: only schools have "
            "students, supply, placements and employment rows, only enterprises "
            "publish demand and host interns; changed only by the secretariat or the "
            "platform admin."},
    {"credit_code", "统一社会信用代码", "Unified social credit code", FT_TEXT, F_FILTER | F_SEARCH,
     .check = check_credit_code, .aliases = "信用代码", .pattern = "^[0-9A-HJ-NPQRTUWXY]{18}$",
     .example = "91450200198230687E",
     .doc = "18 位统一社会信用代码，按 GB 32100-2015 校验末位校验码 — 18-character "
            "unified social credit code; the check character is verified (GB "
            "32100-2015). 唯一 (unique)."},
    {"region_code", "行政区划代码", "Region code", FT_TEXT, F_FILTER | F_SORT,
     .check = check_region_code, .ref = "regions", .aliases = "区划代码|所在地|地区",
     .pattern = PATTERN_REGION_CODE, .example = "450200", .doc = DOC_REGION_CODE},
    {"address", "地址", "Address", FT_TEXT, 0, .max = 200},
    {"website", "网址", "Website", FT_TEXT, 0, .max = 200},
    {"contact_name", "联系人", "Contact person", FT_TEXT, F_PRIVATE, .max = 50},
    {"contact_phone", "联系电话", "Contact phone", FT_TEXT, F_PRIVATE, .max = 30},
    {"contact_email", "联系邮箱", "Contact e-mail", FT_TEXT, F_PRIVATE, .max = 100,
     .check = check_email},
    {"description", "简介", "Description", FT_TEXT, F_LONG, .max = 5000},
    STAMPS,
    END};

static const field_def consortium_fields[] = {
    ID_FIELD,
    {"name", "联合体名称", "Name", FT_TEXT, F_REQUIRED | F_SORT | F_SEARCH, .min = 2, .max = 100},
    {"short_name", "简称", "Short name", FT_TEXT, F_SEARCH, .max = 40},
    {"kind", "类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, consortium_kinds},
    {"level", "级别", "Level", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, consortium_levels},
    {"region_code", "行政区划代码", "Region code", FT_TEXT, F_FILTER, .check = check_region_code,
     .ref = "regions", .aliases = "区划代码", .pattern = PATTERN_REGION_CODE, .example = "450200",
     .doc = DOC_REGION_CODE},
    {"region_name", "所在地区", "Region", FT_TEXT, F_FILTER | F_SEARCH, .max = 50},
    {"industry_focus", "产业领域", "Industry focus", FT_TEXT, F_FILTER | F_SEARCH, .max = 100},
    {"founded_on", "成立日期", "Founded", FT_DATE, F_SORT},
    {"description", "简介", "Description", FT_TEXT, F_LONG, .max = 20000},
    {"is_public", "公开", "Public", FT_BOOL, F_FILTER},
    /* The profile (issue 12, migration 022): what the notices make defining.
     * domain/profile.c keeps parents free of cycles. */
    {"lead_school_id", "牵头院校", "Lead school", FT_REF, F_FILTER | F_SCHOOL,
     .ref = "organizations", .aliases = "牵头学校|牵头院校单位|lead school",
     .doc = "牵头单位中的院校（中职、高职或本科）— the school among the lead units"},
    {"lead_enterprise_id", "牵头企业", "Lead enterprise", FT_REF, F_FILTER | F_ENTERPRISE,
     .ref = "organizations", .aliases = "牵头企业单位|lead enterprise",
     .doc = "牵头单位中的企业 — the enterprise among the lead units"},
    {"park", "依托园区", "Industrial park", FT_TEXT, F_SEARCH, .max = 200,
     .aliases = "园区|依托产业园区|产业园区|park", .example = "柳州高新技术产业开发区（柳东新区）",
     .doc = "联合体依托的产业园区 — the industrial park the consortium rests on"},
    {"supporting_government_id", "支持政府", "Supporting government", FT_REF,
     F_FILTER | F_GOVERNMENT, .ref = "organizations", .aliases = "支持政府部门|统筹政府|government",
     .doc = "统筹支持联合体的政府部门（须为政府部门单位）— the government unit that supports it"},
    {"recognition_level", "认定级别", "Recognition level", FT_ENUM, F_FILTER, consortium_levels,
     .aliases = "认定层级",
     .doc = "由哪一级主管部门公布认定 — which level of authority recognised it"},
    {"recognition_batch", "认定批次", "Recognition batch", FT_TEXT, F_FILTER, .max = 100,
     .aliases = "批次", .example = "第一批",
     .doc = "公布名单的批次，如“第一批” — the batch of the list that named it"},
    {"recognized_on", "认定日期", "Recognised on", FT_DATE, F_SORT, .aliases = "公布日期",
     .doc = "名单公布日期 — the day the list was published"},
    {"recognized_by", "认定机构", "Recognised by", FT_TEXT, 0, .max = 200,
     .aliases = "公布机构|发文机关", .example = "教育部办公厅",
     .doc = "公布名单的机关 — the issuing body"},
    {"parent_id", "上级联合体", "Parent consortium", FT_REF, F_FILTER, .ref = "consortia",
     .aliases = "培育单位|上级|parent",
     .doc = "培育本联合体的联合体；不能是自身，也不能成环 — the consortium that fostered this "
            "one; never itself, never a cycle"},
    STAMPS,
    END};

static const field_def membership_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"organization_id", "单位", "Organisation", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "organizations", .aliases = "单位名称|organization"},
    {"role", "理事会职务", "Council role", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, council_roles,
     .aliases = "职务"},
    {"term", "届次", "Term", FT_INT, F_FILTER | F_SORT, .min = 1, .max = 99, .aliases = "届"},
    {"joined_on", "加入日期", "Joined", FT_DATE, F_SORT, .aliases = "joined"},
    {"left_on", "退出日期", "Left", FT_DATE, F_SORT, .aliases = "left"},
    {"note", "备注", "Note", FT_TEXT, 0, .max = 500},
    STAMPS,
    END};

static const field_def charter_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"version", "版本", "Version", FT_INT, F_REQUIRED | F_FILTER | F_SORT, .min = 1, .max = 999},
    {"title", "标题", "Title", FT_TEXT, F_REQUIRED | F_SEARCH, .min = 2, .max = 200},
    {"adopted_on", "通过日期", "Adopted", FT_DATE, F_SORT},
    {"body", "正文", "Text", FT_TEXT, F_REQUIRED | F_LONG | F_SEARCH, .min = 1, .max = 200000},
    STAMPS,
    END};

static const field_def meeting_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"title", "会议名称", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 200},
    {"kind", "会议类型", "Kind", FT_ENUM, F_REQUIRED | F_VOCAB | F_FILTER, meeting_kinds},
    {"term", "届次", "Term", FT_INT, F_FILTER, .min = 1, .max = 99},
    {"held_on", "召开日期", "Date", FT_DATE, F_REQUIRED | F_SORT},
    {"place", "地点", "Place", FT_TEXT, 0, .max = 200},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER, meeting_status},
    {"minutes", "会议纪要", "Minutes", FT_TEXT, F_LONG, .max = 100000},
    STAMPS,
    END};

static const field_def agenda_item_fields[] = {
    ID_FIELD,
    {"consortium_id", "联合体", "Consortium", FT_REF, F_READONLY | F_FILTER | F_NOEXPORT,
     .ref = "consortia"},
    {"meeting_id", "会议", "Meeting", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "meetings"},
    {"seq", "序号", "No.", FT_INT, F_REQUIRED | F_SORT, .min = 1, .max = 999},
    {"title", "议题", "Motion", FT_TEXT, F_REQUIRED | F_SEARCH, .min = 2, .max = 300},
    {"description", "说明", "Description", FT_TEXT, F_LONG, .max = 20000},
    {"threshold", "表决规则", "Threshold", FT_ENUM, F_REQUIRED, vote_thresholds},
    {"base", "计票基数", "Counted against", FT_ENUM, F_REQUIRED, vote_bases},
    STAMPS,
    END};

static const field_def vote_fields[] = {
    ID_FIELD,
    {"consortium_id", "联合体", "Consortium", FT_REF, F_READONLY | F_FILTER | F_NOEXPORT,
     .ref = "consortia"},
    {"agenda_item_id", "议题", "Motion", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "agenda_items"},
    {"organization_id", "表决单位", "Voting unit", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER, .ref = "organizations"},
    {"choice", "表决意见", "Vote", FT_ENUM, F_REQUIRED | F_FILTER, vote_choices},
    {"note", "备注", "Note", FT_TEXT, 0, .max = 500},
    STAMPS,
    END};

static const field_def work_plan_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"year", "年度", "Year", FT_INT, F_REQUIRED | F_FILTER | F_SORT, .min = 2000, .max = 2100},
    {"title", "工作事项", "Item", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 300},
    {"owner_org_id", "牵头单位", "Owner", FT_REF, F_FILTER | F_MEMBER, .ref = "organizations"},
    {"due_on", "完成时限", "Due", FT_DATE, F_SORT},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, plan_status},
    {"progress", "进度(%)", "Progress (%)", FT_INT, F_SORT, .min = 0, .max = 100},
    {"note", "进展说明", "Progress note", FT_TEXT, F_LONG, .max = 5000},
    STAMPS,
    END};

static const field_def agreement_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"title", "协议名称", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 300},
    {"type", "协议类型", "Type", FT_ENUM, F_REQUIRED | F_VOCAB | F_FILTER | F_SORT,
     agreement_types},
    {"parties", "签约单位", "Parties", FT_IDLIST, F_REQUIRED | F_FILTER, .min = 2, .max = 200,
     .ref = "organizations"},
    {"signed_on", "签约日期", "Signed", FT_DATE, F_SORT | F_FILTER},
    {"starts_on", "生效日期", "Starts", FT_DATE, 0},
    {"ends_on", "到期日期", "Ends", FT_DATE, 0},
    {"scope", "合作内容", "Scope", FT_TEXT, F_LONG | F_SEARCH, .max = 20000},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER, agreement_status},
    {"signed_scan", "签署扫描件", "Signed scan", FT_FILE, 0, .ref = "pdf|png|jpeg",
     .doc = "签署后的协议扫描件（PDF 或图片）— the signed agreement, scanned (PDF or an image)."},
    STAMPS,
    END};

static const field_def policy_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"publisher_org_id", "发布单位", "Publisher", FT_REF,
     F_REQUIRED | F_FILTER | F_MEMBER | F_GOVERNMENT, .ref = "organizations"},
    {"title", "政策名称", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 300},
    {"doc_number", "文号", "Document no.", FT_TEXT, F_SEARCH, .max = 100},
    {"level", "层级", "Level", FT_ENUM, F_FILTER, policy_levels},
    {"issued_on", "发布日期", "Issued", FT_DATE, F_SORT},
    {"url", "链接", "Link", FT_TEXT, 0, .max = 500},
    {"summary", "要点", "Summary", FT_TEXT, F_LONG | F_SEARCH, .max = 20000},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER, publish_status},
    STAMPS,
    END};

static const field_def project_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"publisher_org_id", "发布单位", "Publisher", FT_REF,
     F_REQUIRED | F_FILTER | F_MEMBER | F_GOVERNMENT, .ref = "organizations"},
    {"title", "项目名称", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 300},
    {"category", "项目类别", "Category", FT_TEXT, F_FILTER, .max = 100},
    {"funding", "资助金额(万元)", "Funding (10k CNY)", FT_INT, F_SORT, .min = 0, .max = 100000000},
    {"apply_by", "申报截止", "Apply by", FT_DATE, F_SORT},
    {"project_status", "项目状态", "Project status", FT_ENUM, F_FILTER, project_status},
    {"summary", "项目说明", "Summary", FT_TEXT, F_LONG | F_SEARCH, .max = 20000},
    {"status", "发布状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER, publish_status},
    STAMPS,
    END};

static const field_def announcement_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"title", "标题", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 300},
    {"body", "正文", "Text", FT_TEXT, F_REQUIRED | F_LONG | F_SEARCH, .min = 1, .max = 100000},
    {"published_on", "发布日期", "Published", FT_DATE, F_SORT},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER, publish_status},
    STAMPS,
    END};

static const field_def user_fields[] = {
    ID_FIELD,
    {"username", "用户名", "Username", FT_TEXT, F_REQUIRED | F_IMMUTABLE | F_FILTER | F_SORT,
     .min = 3, .max = 64, .check = check_username},
    {"display_name", "姓名", "Display name", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 1,
     .max = 64},
    {"role", "角色", "Role", FT_ENUM, F_REQUIRED | F_FILTER, user_roles},
    {"organization_id", "单位", "Organisation", FT_REF, F_FILTER, .ref = "organizations"},
    {"consortium_id", "联合体", "Consortium", FT_REF, F_FILTER, .ref = "consortia"},
    {"password", "密码", "Password", FT_TEXT, F_REQUIRED | F_WRITEONLY | F_NOEXPORT | F_PASSWORD,
     .min = 8, .max = 256, .check = check_password,
     .doc = "只写；创建账号时必填，以 Argon2id 哈希保存 — write-only; required when "
            "creating a user; stored as an Argon2id hash, never returned."},
    {"disabled", "停用", "Disabled", FT_BOOL, F_FILTER},
    STAMPS,
    END};

static const entity_import organizations_import = {
    "organizations", IMPORT_NO_CONSORTIUM, .key = {"credit_code"}, .natural = {"credit_code"},
    .conflict = "已有单位使用此统一社会信用代码 (an organisation with this credit code is already "
                "registered)"};

/* Sheets name a unit by credit code or exact name; exports write the name. */
static const entity_sheet_ref organizations_sheet_ref = {
    {"credit_code", "name"},
    "name",
    .not_found = "找不到单位“%s” (no organisation with this credit code or name)",
    .ambiguous = "有多个单位名为“%s”，请改用统一社会信用代码 (several organisations have "
                 "this name; use the credit code)",
    .shown = 200};

static const entity_def organizations = {
    "organizations", "organizations", "成员单位", "Organisations", organization_fields,
    .org_field = "id", .import = &organizations_import, .sheet_ref = &organizations_sheet_ref,
    /* Any secretariat may register a new unit (it then adds a membership);
     * it edits only units of its consortium; a unit's own admin edits it. */
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT, P_SECRETARIAT | P_ORG_ADMIN, P_ADMIN),
    .default_sort = "name", .unique = {"credit_code"},
    .perm_doc = {"任何人（联系人等个人信息仅对可编辑者显示） — anyone; contact fields "
                 "only to those who may edit",
                 "任一联合体秘书处 — any consortium secretariat",
                 "所属联合体的秘书处，或本单位管理员（单位类型 type 只由秘书处改，否则 "
                 "403） — the secretariat of a consortium the unit belongs to, or the "
                 "unit's own org_admin (not its type: the secretariat's, else 403)",
                 WHO_PLATFORM_ADMIN}};

static const entity_def consortia = {
    "consortia",
    "consortia",
    "联合体",
    "Consortia",
    consortium_fields,
    .consortium_field = "id",
    .perm = PERMS(P_PUBLIC, P_ADMIN, P_SECRETARIAT, P_ADMIN),
    .default_sort = "id",
    .perm_doc = {"公开联合体：任何人；非公开：成员单位与秘书处 — public consortia: "
                 "anyone; others: members and secretariat",
                 WHO_PLATFORM_ADMIN, "本联合体秘书处 — its secretariat", WHO_PLATFORM_ADMIN}};

static const entity_def memberships = {
    "memberships",
    "memberships",
    "成员与理事会职务",
    "Memberships",
    membership_fields,
    .consortium_field = "consortium_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .default_sort = "id",
    .validate = validate_membership,
    .unique = {"consortium_id,organization_id,role,term"},
    .perm_doc = {WHO_PUBLIC_OR_MEMBERS, WHO_SECRETARIAT, WHO_SECRETARIAT, WHO_SECRETARIAT},
    .import = &(const entity_import){
        "members", IMPORT_CONSORTIUM_REQUIRED, .key = {"organization_id", "role", "term"},
        .natural = {"organization_id", "role", "term"},
        .conflict = "该单位在本联合体已有同一届次的此职务 (this organisation already holds this "
                    "role for this term)"}};

static const entity_def charters = {
    "charters",
    "charters",
    "章程",
    "Charters",
    charter_fields,
    .consortium_field = "consortium_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .default_sort = "-version",
    .unique = {"consortium_id,version"},
    .perm_doc = {WHO_PUBLIC_OR_MEMBERS, WHO_SECRETARIAT, WHO_SECRETARIAT, WHO_SECRETARIAT}};

static const entity_def meetings = {
    "meetings",
    "meetings",
    "会议",
    "Meetings",
    meeting_fields,
    .consortium_field = "consortium_id",
    .perm = PERMS(P_MEMBERS, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .default_sort = "-held_on",
    .perm_doc = {WHO_MEMBERS, WHO_SECRETARIAT, WHO_SECRETARIAT, WHO_SECRETARIAT}};

static const entity_def agenda_items = {
    "agenda_items",
    "agenda_items",
    "审议事项",
    "Agenda items",
    agenda_item_fields,
    .consortium_field = "consortium_id",
    .parent_field = "meeting_id",
    .perm = PERMS(P_MEMBERS, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .default_sort = "seq",
    .perm_doc = {WHO_MEMBERS, WHO_SECRETARIAT, WHO_SECRETARIAT, WHO_SECRETARIAT}};

static const entity_def votes = {
    "votes",
    "votes",
    "表决记录",
    "Votes",
    vote_fields,
    .consortium_field = "consortium_id",
    .parent_field = "agenda_item_id",
    .perm = PERMS(P_MEMBERS, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .default_sort = "id",
    .unique = {"agenda_item_id,organization_id"},
    .perm_doc = {WHO_MEMBERS, WHO_SECRETARIAT, WHO_SECRETARIAT, WHO_SECRETARIAT}};

static const entity_def work_plan_items = {
    "work_plan_items", "work_plan_items", "年度工作计划", "Work plan", work_plan_fields,
    .consortium_field = "consortium_id", .org_field = "owner_org_id",
    /* The owner unit's staff report progress on their own items. */
    .perm = PERMS(P_MEMBERS, P_SECRETARIAT, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT),
    .default_sort = "due_on", .validate = validate_work_plan,
    .perm_doc = {WHO_MEMBERS, WHO_SECRETARIAT,
                 "秘书处，或牵头单位的工作人员（报告进度） — the secretariat, or staff of "
                 "the owner unit (to report progress)",
                 WHO_SECRETARIAT}};

static const entity_def agreements = {
    "agreements",
    "agreements",
    "合作协议",
    "Agreements",
    agreement_fields,
    .consortium_field = "consortium_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .default_sort = "-signed_on",
    .validate = validate_agreement,
    .perm_doc = {WHO_PUBLIC_OR_MEMBERS, WHO_SECRETARIAT, WHO_SECRETARIAT, WHO_SECRETARIAT}};

/* Policy and project lists are published by government members (their
 * staff) or by the secretariat. */
static const entity_def policies = {
    "policies",
    "policies",
    "政策清单",
    "Policy list",
    policy_fields,
    .consortium_field = "consortium_id",
    .org_field = "publisher_org_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .public_when_field = "status",
    .public_when_value = "published",
    .default_sort = "-issued_on",
    .perm_doc = {"已发布的：任何人（非公开联合体则成员）；草稿：可编辑者 — published: "
                 "anyone (members, for a non-public consortium); drafts: editors",
                 "秘书处，或发布单位（须为成员）的工作人员 — the secretariat, or staff of "
                 "the publishing member unit",
                 WHO_PUBLISHER_STAFF, WHO_PUBLISHER_STAFF}};

static const entity_def projects = {
    "projects",
    "projects",
    "项目清单",
    "Project list",
    project_fields,
    .consortium_field = "consortium_id",
    .org_field = "publisher_org_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .public_when_field = "status",
    .public_when_value = "published",
    .default_sort = "-apply_by",
    .perm_doc = {"已发布的：任何人（非公开联合体则成员）；草稿：可编辑者 — published: "
                 "anyone (members, for a non-public consortium); drafts: editors",
                 "秘书处，或发布单位（须为成员）的工作人员 — the secretariat, or staff of "
                 "the publishing member unit",
                 WHO_PUBLISHER_STAFF, WHO_PUBLISHER_STAFF}};

static const entity_def announcements = {
    "announcements",
    "announcements",
    "通知公告",
    "Announcements",
    announcement_fields,
    .consortium_field = "consortium_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .public_when_field = "status",
    .public_when_value = "published",
    .default_sort = "-published_on",
    .perm_doc = {"已发布的：任何人（非公开联合体则成员）；草稿：秘书处 — published: "
                 "anyone (members, for a non-public consortium); drafts: the secretariat",
                 WHO_SECRETARIAT, WHO_SECRETARIAT, WHO_SECRETARIAT}};

static const entity_def users = {
    "users",
    "users",
    "用户",
    "Users",
    user_fields,
    .perm = PERMS(P_ADMIN, P_ADMIN, P_ADMIN, P_ADMIN),
    .default_sort = "username",
    .validate = validate_user,
    .unique = {"username"},
    .perm_doc = {WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN,
                 "平台管理员（不能删除自己） — platform admin (not one's own account)"},
    .accounts = true};

/* The talent supply–demand platform (entities_talent.c). */
extern const entity_def occupations_entity, majors_entity, crosswalk_entity, demand_entity,
    supply_entity, students_entity;
/* Matching rounds (entities_rounds.c). */
extern const entity_def match_rounds_entity;

/* Placements and outcomes (entities_outcomes.c). */
extern const entity_def placements_entity, employment_outcomes_entity, certificates_entity,
    trainings_entity;

/* Option lists (entities_options.c). */
extern const entity_def options_entity;
/* entities_tech.c */
extern const entity_def tech_needs_entity, capabilities_entity, core_products_entity,
    need_responses_entity, rd_projects_entity, rd_milestones_entity, rd_outputs_entity;
/* entities_resources.c */
extern const entity_def facilities_entity, facility_owners_entity, facility_bookings_entity;

/* Joint training (entities_training.c). */
extern const entity_def programs_entity, courses_entity, teaching_materials_entity,
    teaching_staff_entity, secondments_entity, cohorts_entity;

/* GB/T 2260 region codes (entities_regions.c). */
extern const entity_def regions_entity;
extern const entity_def indicator_frameworks_entity, indicators_entity, consortium_goals_entity;
extern const entity_def authority_scopes_entity, policy_grants_entity;

const entity_def *const entity_all[] = {
    &organizations, &consortia, &memberships, &charters, &meetings, &agenda_items, &votes,
    &work_plan_items, &agreements, &policies, &projects, &announcements, &users,
    &occupations_entity, &majors_entity, &crosswalk_entity, &demand_entity, &supply_entity,
    &students_entity, &match_rounds_entity,
    /* outcomes */
    &placements_entity, &employment_outcomes_entity, &certificates_entity, &trainings_entity,
    /* option lists */
    &options_entity,
    /* region codes */
    &regions_entity,
    /* the technology platform (entities_tech.c) */
    &tech_needs_entity, &capabilities_entity, &core_products_entity, &need_responses_entity,
    &rd_projects_entity, &rd_milestones_entity, &rd_outputs_entity,
    /* joint training (entities_training.c) */
    &programs_entity, &courses_entity, &teaching_materials_entity, &teaching_staff_entity,
    &secondments_entity, &cohorts_entity,
    /* co-built facilities (entities_resources.c) */
    &facilities_entity, &facility_owners_entity, &facility_bookings_entity,
    &indicator_frameworks_entity, &indicators_entity, &consortium_goals_entity,
    &authority_scopes_entity, &policy_grants_entity, NULL};
