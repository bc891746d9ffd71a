/*
 * entities_talent.c — the talent supply–demand platform's entities, in
 * the same one-description form as the register (entity.h):
 *
 *   occupations, majors  the two national catalogues (职业分类大典 2022,
 *                        职业教育专业目录 2021), versioned by edition and
 *                        loaded from src/reference/ (catalog.c);
 *   crosswalk            major ↔ occupation links with optional weights;
 *                        rows without a consortium are the shared ones;
 *   demand               what enterprises need (人才需求), draft →
 *                        published → closed; only published rows count in
 *                        gap analysis and are public;
 *   supply               whom schools will graduate, per major and year;
 *   students             personal data (PIPL): rows are seen only by the
 *                        student's school and the student.
 *
 * Codes of occupations and majors are FT_TEXT fields whose `ref` names
 * the catalogue: record.c checks them against the loaded edition.
 */
#include <jansson.h>
#include <string.h>

#include "schema/entity_fields.h"

static const enum_opt occupation_levels[] = {
    {"major", "大类", "Major group", "职业大类"},
    {"mid", "中类", "Sub-major group", "职业中类"},
    {"minor", "小类", "Minor group", "职业小类"},
    {"occupation", "细类（职业）", "Occupation", "细类|职业"},
    {NULL, NULL, NULL}};

const enum_opt major_levels[] = {
    {"secondary", "中职", "Secondary vocational", "中专|职高|技校|中等职业|中等职业教育|中职学校"},
    {"higher", "高职专科", "Higher vocational",
     "大专|专科|高职|高职高专|高等职业教育专科|高等职业|高职专科层次"},
    {"undergraduate", "职业本科", "Vocational undergraduate",
     "本科|职教本科|高职本科|本科层次职业教育"},
    {NULL, NULL, NULL}};

const enum_opt demand_kinds[] = {
    {"employment", "就业", "Employment", "招聘|全职|正式岗位|社会招聘|校园招聘|校招|用工"},
    {"internship", "顶岗实习", "Internship", "岗位实习|跟岗实习|实习|实习生"},
    {"apprenticeship", "现代学徒制", "Apprenticeship", "学徒制|学徒|新型学徒制|企业新型学徒制"},
    {"order_class", "订单班", "Order class", "订单培养|订单式培养|冠名班|订单"},
    {NULL, NULL, NULL}};

static const enum_opt education_levels[] = {
    {"any", "不限", "Any", "无要求|不限学历|学历不限|无|无限制"},
    {"secondary", "中职", "Secondary vocational",
     "中专|职高|技校|中等职业|中专及以上|中专以上|中职及以上|全日制中专"},
    {"higher", "高职专科", "Higher vocational",
     "大专|专科|高职|高职高专|大专及以上|大专以上|专科及以上|专科以上|高职及以上|全日制大专|"
     "全日制专科"},
    {"undergraduate", "本科", "Undergraduate",
     "学士|本科及以上|本科以上|大学本科|职业本科|学士学位|全日制本科"},
    {"postgraduate", "研究生", "Postgraduate",
     "硕士|博士|研究生学历|硕士研究生|博士研究生|研究生及以上|硕士及以上|硕士以上|全日制研究生|"
     "全日制硕士"},
    {NULL, NULL, NULL}};

static const enum_opt demand_status[] = {
    {"draft", "草稿", "Draft", "未发布|待发布"},
    {"published", "已发布", "Published", "发布|招聘中|有效"},
    {"closed", "已关闭", "Closed", "关闭|已结束|结束|已招满|停止招聘"},
    {NULL, NULL, NULL}};

int check_occupation_code(const char *s, char *msg, size_t n)
{
    /* 1, 1-01, 1-01-00, 1-01-00-01 */
    static const int seg_len[] = {1, 2, 2, 2};
    int seg = 0;
    const char *p = s;
    for (;;) {
        for (int i = 0; i < seg_len[seg]; i++, p++)
            if (*p < '0' || *p > '9')
                goto bad;
        if (!*p)
            return 0;
        if (*p != '-' || ++seg > 3)
            goto bad;
        p++;
    }
bad:
    snprintf(msg, n, "职业编码格式应为 1-01-00-01 (an occupation code looks like 1-01-00-01)");
    return -1;
}

static int check_major_code(const char *s, char *msg, size_t n)
{
    size_t len = strlen(s);
    bool digits = len >= 2 && len <= 6 && len % 2 == 0;
    for (size_t i = 0; digits && i < len; i++)
        digits = s[i] >= '0' && s[i] <= '9';
    if (!digits) {
        snprintf(msg, n,
                 "专业代码应为 6 位数字，如 460702 (a major code has 6 digits, e.g. 460702)");
        return -1;
    }
    return 0;
}

int check_major_code6(const char *s, char *msg, size_t n)
{
    if (strlen(s) != 6)
        return check_major_code("x", msg, n);
    return check_major_code(s, msg, n);
}

/* A telephone number as people write it: 5 to 20 digits, with + - ( )
 * and spaces between them. */
static int check_phone(const char *s, char *msg, size_t n)
{
    size_t digits = 0;
    bool ok = strlen(s) <= 30;
    for (const char *p = s; ok && *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else
            ok = strchr("+- ()", *p) != NULL;
    }
    if (ok && digits >= 5 && digits <= 20)
        return 0;
    snprintf(msg, n, "电话号码应为 5 到 20 位数字 (a phone number has 5 to 20 digits)");
    return -1;
}

static void validate_demand(const entity_def *d, json_t *row, err_t *e)
{
    json_t *lo = json_object_get(row, "pay_min"), *hi = json_object_get(row, "pay_max");
    if (json_is_integer(lo) && json_is_integer(hi) &&
        json_integer_value(lo) > json_integer_value(hi))
        err_field(e, "pay_max", "不能低于薪酬下限 (must not be below pay_min)");
}

static const field_def occupation_fields[] = {
    ID_FIELD,
    {"code", "职业编码", "Code", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT | F_SEARCH,
     .check = check_occupation_code, .aliases = "编码|代码", .pattern = PATTERN_OCCUPATION_CODE,
     .example = "6-22-02-01",
     .doc = "职业编码，形如 1、1-01、1-01-00 或 1-01-00-01（大类、中类、小类、细类；"
            "《中华人民共和国职业分类大典（2022年版）》） — occupation code shaped "
            "1, 1-01, 1-01-00 or 1-01-00-01 (major group, sub-major group, minor "
            "group, occupation; Occupational Classification of the PRC, 2022 "
            "edition), e.g. 6-22-02-01. 唯一 (unique)."},
    {"name", "职业名称", "Name", FT_TEXT, F_REQUIRED | F_SORT | F_SEARCH, .min = 1, .max = 100,
     .aliases = "名称"},
    {"level", "层级", "Level", FT_ENUM, F_REQUIRED | F_FILTER, occupation_levels},
    {"parent_code", "上级编码", "Parent", FT_TEXT, F_FILTER, .check = check_occupation_code,
     .pattern = PATTERN_OCCUPATION_CODE, .example = "6-22-02",
     .doc = "上一层类别的编码（大类为空），形如 1、1-01、1-01-00 — the code of the "
            "group above (empty for a major group), shaped 1, 1-01 or 1-01-00."},
    {"edition", "版本", "Edition", FT_TEXT, F_REQUIRED | F_FILTER, .min = 4, .max = 20,
     .example = "2022",
     .doc = "目录版本，如 2022；导入目录时由 edition 参数给出 — catalogue edition, "
            "e.g. 2022; an import sets it from its edition parameter."},
    STAMPS,
    END};

static const field_def major_fields[] = {
    ID_FIELD,
    {"code", "专业代码", "Code", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT | F_SEARCH,
     .check = check_major_code, .aliases = "代码", .pattern = "^([0-9]{2}){1,3}$",
     .example = "460702",
     .doc = "专业代码：目录中的专业为 6 位，如 460702（专业大类 2 位、专业类 4 位亦可"
            "）（《职业教育专业目录（2021年）》）— major code: 6 digits for a major, "
            "e.g. 460702 (2 digits for a category and 4 for a class are accepted "
            "too; vocational education major catalogue, 2021). 唯一 (unique)."},
    {"name", "专业名称", "Name", FT_TEXT, F_REQUIRED | F_SORT | F_SEARCH, .min = 1, .max = 100,
     .aliases = "名称"},
    {"level", "层次", "Level", FT_ENUM, F_REQUIRED | F_FILTER, major_levels},
    {"category", "专业大类", "Category", FT_TEXT, F_FILTER | F_SEARCH, .max = 50},
    {"class", "专业类", "Class", FT_TEXT, F_FILTER | F_SEARCH, .max = 50},
    {"edition", "版本", "Edition", FT_TEXT, F_REQUIRED | F_FILTER, .min = 4, .max = 20,
     .example = "2021",
     .doc = "目录版本，如 2021；导入目录时由 edition 参数给出 — catalogue edition, "
            "e.g. 2021; an import sets it from its edition parameter."},
    STAMPS,
    END};

static const field_def crosswalk_fields[] = {
    ID_FIELD,
    {"consortium_id", "联合体", "Consortium", FT_REF, F_IMMUTABLE | F_FILTER | F_NOEXPORT,
     .ref = "consortia",
     .doc = "为空：全平台共用的对应表（仅平台管理员可写）；给出：该联合体自己的对应"
            "表——联合体有自己的行时，缺口分析只用这些行，否则用共用表 — null: the "
            "shared crosswalk (platform admins write it); set: the consortium's own "
            "crosswalk, which gap analysis uses instead of the shared one once the "
            "consortium has rows."},
    {"major_code", "专业代码", "Major", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT,
     .check = check_major_code6, .ref = "majors", .aliases = "major",
     .pattern = PATTERN_MAJOR_CODE6, .example = "460702", .doc = DOC_MAJOR_CODE6},
    {"occupation_code", "职业编码", "Occupation", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT,
     .check = check_occupation_code, .ref = "occupations", .aliases = "occupation",
     .pattern = PATTERN_OCCUPATION_CODE, .example = "6-22-02-01", .doc = DOC_OCCUPATION_CODE},
    {"weight", "权重", "Weight", FT_NUM, 0, .min = 0, .max = 1000000, .example = "0.5",
     .doc = "可选权重：该专业毕业生流向此职业的比例 w = weight ÷ 该专业各行权重之和；"
            "该专业都不给权重时平均分配（1/k）；与给出的权重并列的空权重计 0 — "
            "optional weight: the share of the major's graduates going to this "
            "occupation is weight / the sum of the major's weights; a major with no "
            "weights splits evenly (1/k); an empty weight beside given ones counts 0."},
    {"note", "备注", "Note", FT_TEXT, 0, .max = 500},
    STAMPS,
    END};

static const field_def demand_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"enterprise_id", "企业", "Enterprise", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER | F_ENTERPRISE, .ref = "organizations",
     .aliases = "企业名称|用人单位", .doc = DOC_ENTERPRISE_UNIT},
    {"occupation_code", "职业编码", "Occupation", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT,
     .check = check_occupation_code, .ref = "occupations", .pattern = PATTERN_OCCUPATION_CODE,
     .example = "6-22-02-01", .doc = DOC_OCCUPATION_CODE},
    {"job_title", "岗位名称", "Job title", FT_TEXT, F_REQUIRED | F_SORT | F_SEARCH, .min = 2,
     .max = 100, .aliases = "岗位"},
    {"kind", "需求类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, demand_kinds,
     .aliases = "类型"},
    {"headcount", "需求人数", "Headcount", FT_INT, F_REQUIRED | F_SORT, .min = 1, .max = 1000000,
     .aliases = "人数"},
    {"education", "学历要求", "Education", FT_ENUM, F_FILTER, education_levels, .aliases = "学历"},
    {"skills", "技能要求", "Skills", FT_TEXT, F_TAGS | F_SEARCH, .max = 1000, .aliases = "技能"},
    {"region_code", "工作地点", "Region code", FT_TEXT, F_FILTER, .check = check_region_code,
     .ref = "regions", .aliases = "行政区划代码|地点", .pattern = PATTERN_REGION_CODE,
     .example = "450200", .doc = DOC_REGION_CODE},
    {"period", "年度", "Period", FT_INT, F_REQUIRED | F_FILTER | F_SORT, .min = 2000, .max = 2100,
     .aliases = "year", .example = "2025", .doc = "需求年度 — the year of the demand."},
    {"pay_min", "薪酬下限(元/月)", "Pay from (CNY/month)", FT_INT, F_SORT, .min = 0,
     .max = 10000000, .aliases = "薪酬下限"},
    {"pay_max", "薪酬上限(元/月)", "Pay to (CNY/month)", FT_INT, 0, .min = 0, .max = 10000000,
     .aliases = "薪酬上限", .doc = "不能低于 pay_min — not below pay_min."},
    {"description", "岗位描述", "Description", FT_TEXT, F_LONG | F_SEARCH, .max = 5000,
     .aliases = "描述"},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, demand_status,
     .import_default = "published",
     .doc = "只有已发布的需求公开并计入缺口分析；导入时不给则为 published — only "
            "published demand is public and counts in the gap analysis; imported "
            "rows default to published."},
    STAMPS,
    END};

static const field_def supply_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"school_id", "学校", "School", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER | F_SCHOOL, .ref = "organizations",
     .aliases = "学校名称|院校", .doc = DOC_SCHOOL_UNIT},
    {"major_code", "专业代码", "Major", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT,
     .check = check_major_code6, .ref = "majors", .aliases = "major",
     .pattern = PATTERN_MAJOR_CODE6, .example = "460702", .doc = DOC_MAJOR_CODE6},
    {"level", "层次", "Level", FT_ENUM, F_REQUIRED | F_FILTER, major_levels},
    {"period", "年度", "Graduation year", FT_INT, F_REQUIRED | F_FILTER | F_SORT, .min = 2000,
     .max = 2100, .aliases = "毕业年度|year", .example = "2025",
     .doc = "毕业年度 — graduation year."},
    {"enrolment", "招生人数", "Enrolment", FT_INT, F_SORT, .min = 0, .max = 1000000,
     .aliases = "enrollment"},
    {"graduates", "毕业生人数", "Graduates", FT_INT, F_REQUIRED | F_SORT, .min = 0, .max = 1000000,
     .aliases = "毕业人数"},
    {"skills", "技能特长", "Skills", FT_TEXT, F_TAGS | F_SEARCH, .max = 1000, .aliases = "技能"},
    {"note", "备注", "Note", FT_TEXT, 0, .max = 500},
    STAMPS,
    END};

static const field_def student_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"school_id", "学校", "School", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER | F_SCHOOL, .ref = "organizations",
     .aliases = "学校名称|院校", .doc = DOC_SCHOOL_UNIT},
    {"student_no", "学号", "Student number", FT_TEXT, F_REQUIRED | F_IMMUTABLE | F_FILTER | F_SORT,
     .min = 1, .max = 40},
    {"name", "姓名", "Name", FT_TEXT, F_REQUIRED | F_SORT | F_SEARCH, .min = 1, .max = 50},
    {"major_code", "专业代码", "Major", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT,
     .check = check_major_code6, .ref = "majors", .aliases = "major",
     .pattern = PATTERN_MAJOR_CODE6, .example = "460702", .doc = DOC_MAJOR_CODE6},
    {"level", "层次", "Level", FT_ENUM, F_REQUIRED | F_FILTER, major_levels},
    {"cohort", "年级", "Cohort", FT_INT, F_REQUIRED | F_FILTER | F_SORT, .min = 2000, .max = 2100,
     .aliases = "入学年份"},
    /* The student keeps skills, contact and consent; the rest is the
     * school's record of them (F_SELF_EDIT). */
    {"skills", "技能特长", "Skills", FT_TEXT, F_TAGS | F_SEARCH | F_SELF_EDIT, .max = 1000,
     .aliases = "技能", .doc = "学生本人也可修改 — the student may change it too."},
    {"certificates", "证书", "Certificates", FT_TEXT, F_TAGS, .max = 1000,
     .aliases = "职业技能等级证书"},
    {"phone", "联系电话", "Phone", FT_TEXT, F_PRIVATE | F_SELF_EDIT, .check = check_phone,
     .aliases = "电话|手机",
     .doc = "联系电话（个人信息，仅学校与本人可见）；学生本人可修改 — phone "
            "(personal: the school and the student only); the student may change it."},
    {"email", "电子邮箱", "E-mail", FT_TEXT, F_PRIVATE | F_SELF_EDIT, .max = 100,
     .check = check_email, .aliases = "邮箱",
     .doc = "电子邮箱（个人信息，仅学校与本人可见）；学生本人可修改 — e-mail "
            "(personal: the school and the student only); the student may change it."},
    {"consent", "同意信息用于双选", "Consent", FT_BOOL, F_FILTER | F_SELF_EDIT, .aliases = "同意",
     .doc = "是否同意将个人信息用于双向选择；学生本人可修改。撤回后企业立即看不到该生"
            "（申请者、排序），匹配也不计其志愿 — consent to share the profile for "
            "matching; the student may change it. Once withdrawn, enterprises no "
            "longer see the student (applicants, rankings) and a run leaves the list "
            "out."},
    {"user_id", "学生账号", "Student account", FT_REF, F_FILTER | F_NOEXPORT, .ref = "users",
     .doc = "学生本人的账号；关联后学生本人可查看并修改此记录。须为该学校的学生账号"
            "（role student，organization_id 为 school_id），否则 422 — the "
            "student's own account; once linked, the student may read and update "
            "this row. It must be a student account (role student) of the row's "
            "school (organization_id = school_id), else 422."},
    STAMPS,
    END};

const entity_def occupations_entity = {
    "occupations",
    "occupations",
    "职业分类",
    "Occupations",
    occupation_fields,
    .perm = PERMS(P_PUBLIC, P_ADMIN, P_ADMIN, P_ADMIN),
    .default_sort = "code",
    .unique = {"code"},
    .perm_doc = {"任何人 — anyone", WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN},
    .import = &(const entity_import){"occupations",
                                     IMPORT_NO_CONSORTIUM,
                                     true,
                                     true,
                                     {"code"},
                                     "职业编码重复 (this occupation code exists)",
                                     .natural = {"code"}}};

const entity_def majors_entity = {
    "majors",
    "majors",
    "专业目录",
    "Majors",
    major_fields,
    .perm = PERMS(P_PUBLIC, P_ADMIN, P_ADMIN, P_ADMIN),
    .default_sort = "code",
    .unique = {"code"},
    .perm_doc = {"任何人 — anyone", WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN},
    .import = &(const entity_import){"majors",
                                     IMPORT_NO_CONSORTIUM,
                                     true,
                                     true,
                                     {"code"},
                                     "专业代码重复 (this major code exists)",
                                     .natural = {"code"}}};

const entity_def crosswalk_entity = {
    "crosswalk", "crosswalk", "专业与职业对应", "Major–occupation crosswalk", crosswalk_fields,
    .consortium_field = "consortium_id",
    /* The consortium's own crosswalk is the secretariat's; the shared one
     * (no consortium) the platform admin's. */
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT, P_SECRETARIAT, P_SECRETARIAT),
    .default_sort = "major_code", .shared_when_null = true,
    .unique = {"consortium_id,major_code,occupation_code"},
    .perm_doc = {"共用对应表（consortium_id 为空）：任何人；联合体自己的对应表：公开联合体"
                 "任何人，否则成员单位与秘书处 — the shared crosswalk (consortium_id "
                 "null): anyone; a consortium's own rows: anyone for a public consortium, "
                 "else its members and secretariat",
                 "本联合体秘书处（自己的对应表）；共用对应表仅平台管理员 — the "
                 "consortium's secretariat (its own rows); the shared crosswalk: platform "
                 "admins only",
                 "本联合体秘书处（自己的对应表）；共用对应表仅平台管理员 — the "
                 "consortium's secretariat (its own rows); the shared crosswalk: platform "
                 "admins only",
                 "本联合体秘书处（自己的对应表）；共用对应表仅平台管理员 — the "
                 "consortium's secretariat (its own rows); the shared crosswalk: platform "
                 "admins only"},
    .import = &(const entity_import){
        "crosswalk", IMPORT_CONSORTIUM_OPTIONAL, .key = {"major_code", "occupation_code"},
        .natural = {"major_code", "occupation_code"},
        .conflict = "已有此专业与职业的对应 (this major–occupation pair is already in the "
                    "crosswalk)"}};

/* Enterprises publish their own demand; the secretariat may on their
 * behalf.  Drafts are seen only by the enterprise and the secretariat. */
const entity_def demand_entity = {
    "demand",
    "demand",
    "人才需求",
    "Talent demand",
    demand_fields,
    .consortium_field = "consortium_id",
    .org_field = "enterprise_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .public_when_field = "status",
    .public_when_value = "published",
    .default_sort = "-period",
    .validate = validate_demand,
    .perm_doc = {"已发布的：任何人（非公开联合体则成员）；草稿与已关闭的：可编辑者（秘书处"
                 "、发布企业的工作人员） — published: anyone (members, for a non-public "
                 "consortium); drafts and closed rows: editors (the secretariat, the "
                 "enterprise's staff)",
                 "本联合体秘书处，或需求企业（须为成员）的工作人员（org_admin/org_staff） "
                 "— the consortium's secretariat, or staff (org_admin/org_staff) of the "
                 "enterprise, which must be a member",
                 "本联合体秘书处，或需求企业（须为成员）的工作人员 — the consortium's "
                 "secretariat, or staff of the enterprise (a member)",
                 "本联合体秘书处，或需求企业（须为成员）的工作人员 — the consortium's "
                 "secretariat, or staff of the enterprise (a member)"},
    .import = &(const entity_import){"demand", IMPORT_CONSORTIUM_REQUIRED, .defer_search = true},
    .totals = &(const entity_totals){"demand_totals",
                                     {"consortium_id", "period", "kind", "occupation_code"},
                                     {{"headcount", "headcount"}, {"positions", NULL}},
                                     "status",
                                     "published"}};

const entity_def supply_entity = {
    "supply",
    "supply",
    "人才供给",
    "Talent supply",
    supply_fields,
    .consortium_field = "consortium_id",
    .org_field = "school_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "-period",
    .unique = {"consortium_id,school_id,major_code,level,period"},
    .perm_doc = {"公开联合体：任何人；否则成员单位与秘书处 — public consortia: anyone; "
                 "others: members and secretariat",
                 "本联合体秘书处，或该学校（须为成员）的工作人员（org_admin/org_staff） — "
                 "the consortium's secretariat, or staff (org_admin/org_staff) of the "
                 "school, which must be a member",
                 "本联合体秘书处，或该学校（须为成员）的工作人员 — the consortium's "
                 "secretariat, or staff of the school (a member)",
                 "本联合体秘书处，或该学校（须为成员）的工作人员 — the consortium's "
                 "secretariat, or staff of the school (a member)"},
    .import = &(const entity_import){"supply", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"school_id", "major_code", "level", "period"},
                                     .natural = {"school_id", "major_code", "level", "period"},
                                     .conflict = "该校该专业该层次该年度的供给已登记 (supply of "
                                                 "this school, major, level and year is already "
                                                 "registered)"},
    .totals = &(const entity_totals){"supply_totals",
                                     {"consortium_id", "period", "major_code"},
                                     {{"graduates", "graduates"}, {"enrolment", "enrolment"}}}};

/* A host enterprise reads its interns' records (entities_outcomes.c). */
extern const entity_link student_placement_hosts[];

/* Personal data: the school's staff and the student; not the secretariat,
 * not other members (SPEC.md, Trust). */
const entity_def students_entity = {
    "students", "students", "学生", "Students", student_fields, .consortium_field = "consortium_id",
    .org_field = "school_id", .user_field = "user_id",
    .perm = PERMS(P_ORG_STAFF | P_SELF, P_ORG_STAFF, P_ORG_STAFF | P_SELF, P_ORG_STAFF),
    .default_sort = "student_no", .rows_private = true, .linked_readers = student_placement_hosts,
    .unique = {"school_id,student_no"},
    .perm_doc = {"个人信息（个人信息保护法）：仅该学校的工作人员（org_staff/org_admin）与"
                 "学生本人（user_id 所指账号）；秘书处、其他成员与公众均不可见；列表对非平"
                 "台管理员只显示本校的记录或本人的记录 — personal data (PIPL): only staff "
                 "(org_staff/org_admin) of the student's school and the student (the "
                 "account user_id names); not the secretariat, other members or the "
                 "public; lists show a non-admin only their own school's rows or their "
                 "own row",
                 "该学校（须为成员）的工作人员 — staff of the school (a member)",
                 "该学校的工作人员；学生本人只能改 phone、email、skills、consent（改其他字"
                 "段 403，details 列出字段） — staff of the school; the student "
                 "themselves only phone, email, skills and consent (any other field: 403, "
                 "details naming it)",
                 "该学校的工作人员 — staff of the school"},
    .import =
        &(const entity_import){
            "students", IMPORT_CONSORTIUM_REQUIRED, .key = {"school_id", "student_no"},
            .natural = {"student_no", "school_id"},
            .conflict =
                "该校已有此学号的学生 (this school already has a student with this number)"},
    /* Spreadsheets know students by number within their school, not by
     * row id. */
    .sheet_ref = &(const entity_sheet_ref){
        {"student_no"},
        "student_no",
        .in_consortium = true,
        .scope_field = "school_id",
        .not_found = "找不到学号为“%s”的学生 (no student with this student number)",
        .not_found_scoped = "找不到学号为“%s”的学生（该校） (no student with this student "
                            "number at this school)",
        .ambiguous = "多所学校有学号为“%s”的学生，请填写学校列 (several schools have a student "
                     "with this number; add the school column)",
        .shown = 60}};

/* The published demand reports (talent.c publishes them; their figures are
 * frozen at that moment), described as a read-only list like the audit
 * log: not in entity_all (their routes are api_talent.c's), the columns of
 * the list and of its spreadsheet.  The summary's figures are columns of
 * their own. */
static const field_def demand_report_fields[] = {
    {"id", "编号", "id", FT_ID, F_READONLY},
    {"consortium_id", "联合体", "Consortium", FT_REF, F_READONLY | F_NOEXPORT, .ref = "consortia"},
    {"period", "年度", "Year", FT_INT, F_READONLY},
    {"title", "标题", "Title", FT_TEXT, F_READONLY},
    {"published_at", "发布时间(UTC)", "Published at (UTC)", FT_TIME, F_READONLY},
    {"published_by", "发布人", "Published by", FT_TEXT, F_READONLY},
    {"positions", "岗位数", "Positions", FT_INT, F_READONLY},
    {"headcount", "需求人数", "Headcount", FT_NUM, F_READONLY},
    {"enterprises", "企业数", "Enterprises", FT_INT, F_READONLY},
    {"occupations", "职业数", "Occupations", FT_INT, F_READONLY},
    {"graduates", "毕业生数", "Graduates", FT_NUM, F_READONLY},
    {"enrolment", "在校生数", "Enrolment", FT_NUM, F_READONLY},
    {NULL}};

const entity_def entity_demand_reports = {"demand_reports",
                                          "demand_reports",
                                          "人才需求报告",
                                          "Demand reports",
                                          demand_report_fields,
                                          .consortium_field = "consortium_id",
                                          .perm = PERMS(P_PUBLIC, P_SECRETARIAT, P_ADMIN, P_ADMIN),
                                          .default_sort = "-published_at"};
