/*
 * entities_training.c — joint training (联合培养, issue 11): the Ministry's
 * five key elements (专业、课程、教材、师资、实习实训) as registers, in the
 * one-description form of the register (entity.h):
 *
 *   programs            专业（群）: a school's majors grouped, the industry
 *                       chain it serves (core products, occupations) and
 *                       the enterprises that co-run it.
 *   courses             课程 co-developed with enterprises: hours, the
 *                       occupations, skills and certificates it serves.
 *   teaching_materials  教材: 活页式 / 工作手册式 / 数字教材 with ISBN (its
 *                       check digit verified), publisher, authors and the
 *                       enterprises of the authors who work there.
 *   teaching_staff      师资: school teachers (双师, skill level) and
 *                       enterprise mentors (产业导师, 兼职教师).  Names are
 *                       personal data (F_PRIVATE): shown only to who may
 *                       edit the row — the unit's own staff and the
 *                       secretariat; the other members and the public see
 *                       the rows without names, and figures are counts.
 *   secondments         教师企业实践 / 企业人员到校任教: a person (a staff
 *                       row, or a name — both personal) from a home unit
 *                       to a host unit, with days and period.
 *   cohorts             订单班 / 现代学徒制班 / 现场工程师班: a school's class
 *                       run with an enterprise, with the students in it
 *                       (ids of the students register, F_PRIVATE: the
 *                       school, the enterprise and the secretariat see
 *                       which; everyone who reads the row sees how many,
 *                       students_listed), the demand item and matching
 *                       round it came from.
 *
 * Rules that need the database (co-runners are enterprises, a cohort's
 * students are of its school, a secondment's direction fits its units)
 * are domain/training.c's.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "schema/entity_fields.h"

const enum_opt program_levels[] = {
    {"secondary", "中职", "Secondary vocational", "中等职业|中专|中职专业"},
    {"higher", "高职专科", "Higher vocational (3-year)", "高职|专科|大专|高职专业"},
    {"vocational_bachelor", "职业本科", "Vocational bachelor", "本科职业|职业本科专业"},
    {"bachelor", "本科", "Bachelor", "普通本科|应用型本科"},
    {NULL, NULL, NULL}};

const enum_opt course_kinds[] = {
    {"core", "专业核心课", "Core course", "核心课|专业核心课程"},
    {"practical", "实训课", "Practical training", "实训|实践课|实训课程|实习实训"},
    {"foundation", "专业基础课", "Foundation course", "基础课|专业基础课程"},
    {"general", "公共基础课", "General education", "公共课|通识课"},
    {"elective", "拓展课", "Elective", "选修课|专业拓展课|拓展课程"},
    {"other", "其他", "Other", "其它"},
    {NULL, NULL, NULL}};

const enum_opt material_kinds[] = {
    {"loose_leaf", "活页式", "Loose-leaf", "活页|活页式教材|新型活页式"},
    {"workbook", "工作手册式", "Workbook", "工作手册|手册式|工作手册式教材"},
    {"digital", "数字教材", "Digital", "数字化教材|电子教材|新形态教材|新形态"},
    {"other", "其他", "Other", "其它|传统教材"},
    {NULL, NULL, NULL}};

const enum_opt staff_kinds[] = {
    {"teacher", "专任教师", "School teacher", "专任|专职教师|校内教师|教师"},
    {"mentor", "产业导师", "Industry mentor", "企业导师|导师|产业教授|企业师傅|师傅"},
    {"part_time", "兼职教师", "Part-time teacher", "兼职|外聘教师|兼课教师"},
    {NULL, NULL, NULL}};

static const enum_opt genders[] = {
    {"male", "男", "Male", "男性|M"}, {"female", "女", "Female", "女性|F"}, {NULL, NULL, NULL}};

const enum_opt secondment_directions[] = {{"to_enterprise", "教师企业实践", "Teacher to enterprise",
                                           "企业实践|教师到企业|下企业|school_to_enterprise"},
                                          {"to_school", "企业人员到校任教",
                                           "Enterprise staff to school",
                                           "到校任教|企业到学校|enterprise_to_school"},
                                          {NULL, NULL, NULL}};

const enum_opt cohort_kinds[] = {
    {"order", "订单班", "Order class", "订单培养|订单式|冠名班|订单"},
    {"apprenticeship", "现代学徒制班", "Modern apprenticeship", "学徒制|现代学徒制|学徒班"},
    {"field_engineer", "现场工程师班", "Field engineer class", "现场工程师|卓越现场工程师班"},
    {NULL, NULL, NULL}};

/* ---- checks ------------------------------------------------------------ */

/* Each item of a list joined by 、 passes check. */
static int check_each(const char *s, char *msg, size_t n,
                      int (*check)(const char *, char *, size_t))
{
    char *copy = xstrdup(s), *next = NULL;
    int rc = 0;
    for (char *t = copy; t && rc == 0; t = next) {
        char *sep = strstr(t, "、");
        next = sep ? sep + strlen("、") : NULL;
        if (sep)
            *sep = '\0';
        rc = check(t, msg, n);
    }
    free(copy);
    return rc;
}

static int check_major_codes(const char *s, char *msg, size_t n)
{
    return check_each(s, msg, n, check_major_code6);
}

static int check_occupation_codes(const char *s, char *msg, size_t n)
{
    return check_each(s, msg, n, check_occupation_code);
}

/* An ISBN-13 (978/979, weights 1 and 3) or ISBN-10 (weights 10…1, X for
 * 10) has its check digit verified; hyphens and blanks do not count, and
 * an "ISBN" prefix is allowed.  Text that does not look like one (a
 * digital material's platform identifier) is taken as it is. */
static int check_isbn(const char *s, char *msg, size_t n)
{
    char d[16] = {0};
    size_t len = 0;
    const char *p = s;
    if (!strncmp(p, "ISBN", 4) || !strncmp(p, "isbn", 4))
        p += 4;
    while (*p == ' ' || *p == ':' || *p == '-')
        p++;
    for (; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        if ((*p >= '0' && *p <= '9') || ((*p == 'X' || *p == 'x') && len == 9 && !p[1])) {
            if (len >= sizeof d - 1)
                return 0;
            d[len++] = (char)(*p == 'x' ? 'X' : *p);
            continue;
        }
        return 0; /* not an ISBN: an identifier */
    }
    if (len == 13 && (!strncmp(d, "978", 3) || !strncmp(d, "979", 3))) {
        int sum = 0;
        for (int i = 0; i < 13; i++)
            sum += (d[i] - '0') * (i % 2 ? 3 : 1);
        if (sum % 10 == 0)
            return 0;
    } else if (len == 10) {
        int sum = 0;
        for (int i = 0; i < 10; i++)
            sum += (d[i] == 'X' ? 10 : d[i] - '0') * (10 - i);
        if (sum % 11 == 0)
            return 0;
    } else {
        return 0;
    }
    snprintf(msg, n, "ISBN 校验位不对 (the ISBN's check digit is wrong)");
    return -1;
}

static const char *str_of(json_t *row, const char *k)
{
    return json_string_value(json_object_get(row, k));
}

static void validate_secondment(const entity_def *d, json_t *row, err_t *e)
{
    (void)d;
    const char *a = str_of(row, "starts_on"), *b = str_of(row, "ends_on");
    if (a && b && strcmp(a, b) > 0)
        err_field(e, "ends_on", "不能早于开始日期 (must not be before the start)");
    json_t *y = json_object_get(row, "year");
    if (a && json_is_integer(y) && atoi(a) != (int)json_integer_value(y))
        err_field(e, "year", "应为开始日期的年份 (must be the start date's year)");
    json_t *staff = json_object_get(row, "staff_id");
    const char *name = str_of(row, "person_name");
    if ((!staff || json_is_null(staff)) && (!name || !*name))
        err_field(e, "person_name",
                  "须给出师资记录或姓名 (give the teaching-staff record or the name)");
    json_t *h = json_object_get(row, "home_id"), *t = json_object_get(row, "host_id");
    if (json_is_integer(h) && json_is_integer(t) && json_integer_value(h) == json_integer_value(t))
        err_field(e, "host_id", "不能与派出单位相同 (must not be the home unit)");
}

static void validate_cohort(const entity_def *d, json_t *row, err_t *e)
{
    (void)d;
    json_t *ids = json_object_get(row, "student_ids"), *size = json_object_get(row, "size");
    if (json_is_array(ids) && json_is_integer(size) &&
        (json_int_t)json_array_size(ids) > json_integer_value(size))
        err_field(e, "student_ids",
                  "名单人数（%zu）超过班级规模（%lld） (more students listed than the class size)",
                  json_array_size(ids), (long long)json_integer_value(size));
}

/* ---- the entities ------------------------------------------------------ */

#define SCHOOL_FIELD(dd)                                                                           \
    {                                                                                              \
        "school_id", "学校", "School", FT_REF,                                                     \
            F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER | F_SCHOOL,                             \
            .ref = "organizations", .aliases = "学校名称|院校|school", .doc = dd                   \
    }
#define ENTERPRISES_FIELD(z, n, al, dd)                                                            \
    {                                                                                              \
        "enterprise_ids", z, n, FT_IDLIST, F_FILTER, .max = 50, .ref = "organizations",            \
                                                     .aliases = al, .doc = dd                      \
    }
#define TRAINING_YEAR(z, n, req, dd)                                                               \
    {                                                                                              \
        "year", z, n, FT_INT, (req) | F_FILTER | F_SORT,                                           \
            .min = 1950, .max = 2100, .aliases = "年度|年份|year", .example = "2025", .doc = dd    \
    }
#define DOC_CO_ENTERPRISES                                                                                          \
    "合作企业（须为企业），有则计为校企共建 — the enterprises (enterprise units) it is built " \
    "with; any makes it co-built in the figures."

static const field_def program_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    SCHOOL_FIELD(DOC_SCHOOL_UNIT),
    {"name", "专业（群）名称", "Name", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2,
     .max = 200, .aliases = "名称|专业群|专业群名称|name"},
    {"level", "层次", "Level", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, program_levels,
     .aliases = "办学层次|level"},
    {"major_codes", "专业代码", "Majors", FT_TEXT, F_TAGS, .max = 500, .check = check_major_codes,
     .aliases = "所含专业|专业|major_codes", .example = "460702",
     .doc = "所含专业的 6 位专业代码，以 ; ； 、 分隔 — the 6-digit codes of its majors, split "
            "at ; ； 、."},
    {"product_ids", "服务核心产品", "Core products served", FT_IDLIST, F_FILTER, .max = 50,
     .ref = "core_products", .aliases = "核心产品|产业链|product_ids",
     .doc = "所服务产业链的核心产品（core-products）— the core products of the industry chain "
            "it serves."},
    {"occupation_codes", "对接职业", "Occupations served", FT_TEXT, F_TAGS, .max = 500,
     .check = check_occupation_codes, .aliases = "职业编码|对接职业编码|occupation_codes",
     .example = "6-22-02-01",
     .doc = "对接的职业（职业分类大典编码），以 ; ； 、 分隔 — the occupations it serves "
            "(codes), split at ; ； 、."},
    ENTERPRISES_FIELD("共建企业", "Co-running enterprises", "合作企业|共建单位|enterprises",
                      DOC_CO_ENTERPRISES),
    {"started_year", "设立年份", "Year started", FT_INT, F_FILTER | F_SORT, .min = 1950,
     .max = 2100, .aliases = "开设年份|设立年度|started_year", .example = "2021",
     .doc = "统计某年时计入设立年份不晚于该年（或未填）的专业 — the figures of a year count "
            "programmes started by then (or with no year)."},
    {"description", "简介", "Description", FT_TEXT, F_LONG | F_SEARCH, .max = 20000,
     .aliases = "描述|说明|description"},
    STAMPS,
    END};

static const field_def course_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    SCHOOL_FIELD(DOC_SCHOOL_UNIT),
    {"name", "课程名称", "Name", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 200,
     .aliases = "名称|课程|name"},
    {"code", "课程代码", "Code", FT_TEXT, F_SEARCH, .max = 50, .aliases = "代码|课程编号|code"},
    {"kind", "课程类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, course_kinds,
     .aliases = "类型|课程性质|kind"},
    {"hours", "学时", "Hours", FT_INT, F_SORT, .min = 0, .max = 10000, .aliases = "课时|hours"},
    ENTERPRISES_FIELD("共建企业", "Co-developing enterprises", "合作企业|共建单位|enterprises",
                      DOC_CO_ENTERPRISES),
    {"occupation_codes", "对接职业", "Occupations served", FT_TEXT, F_TAGS, .max = 500,
     .check = check_occupation_codes, .aliases = "职业编码|occupation_codes",
     .example = "6-22-02-01", .doc = "职业分类大典编码，以 ; ； 、 分隔 — occupation codes."},
    {"skills", "对接技能", "Skills served", FT_TEXT, F_TAGS | F_SEARCH, .max = 1000,
     .aliases = "技能|skills"},
    {"certificates", "对接证书", "Linked certificates", FT_TEXT, F_TAGS | F_SEARCH, .max = 1000,
     .aliases = "1+X证书|证书|技能等级|certificates",
     .doc = "1+X 证书或职业技能等级，以 ; ； 、 分隔 — 1+X certificates or skill levels."},
    {"program_id", "所属专业（群）", "Programme", FT_REF, F_FILTER, .ref = "programs",
     .aliases = "专业群|program"},
    TRAINING_YEAR("年度", "Year", 0,
                  "开设年度；统计某年时计入不晚于该年（或未填）的课程 — the year it was first "
                  "taught; a year's figures count courses by then (or with no year)."),
    STAMPS,
    END};

static const field_def material_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    SCHOOL_FIELD(DOC_SCHOOL_UNIT),
    {"kind", "教材类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, material_kinds,
     .aliases = "类型|形态|kind"},
    {"title", "教材名称", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 1, .max = 300,
     .aliases = "名称|书名|title"},
    {"isbn", "ISBN/标识", "ISBN or identifier", FT_TEXT, F_SEARCH, .max = 60, .check = check_isbn,
     .aliases = "ISBN|书号|标识|identifier", .example = "9787111213826",
     .doc = "ISBN-13/10 校验校验位；其他标识（数字教材平台编号）照录 — an ISBN-13/10 has "
            "its check digit verified; another identifier is taken as it is."},
    {"publisher", "出版社", "Publisher", FT_TEXT, F_SEARCH, .max = 100,
     .aliases = "出版单位|publisher"},
    TRAINING_YEAR("出版年份", "Year", 0,
                  "出版年份；统计某年时计入不晚于该年（或未填）的教材 — the year published; a "
                  "year's figures count materials by then (or with no year)."),
    {"authors", "作者", "Authors", FT_TEXT, F_TAGS | F_SEARCH, .max = 1000,
     .aliases = "编者|主编|authors"},
    ENTERPRISES_FIELD("企业作者单位", "Enterprise authors' units", "合作企业|企业|enterprises",
                      DOC_CO_ENTERPRISES),
    {"course_id", "对应课程", "Course", FT_REF, F_FILTER, .ref = "courses",
     .aliases = "课程|course"},
    STAMPS,
    END};

static const field_def staff_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"organization_id", "所在单位", "Unit", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER,
     .ref = "organizations", .aliases = "单位|单位名称|unit|organization",
     .doc = "学校或企业（须为成员） — a school or an enterprise (a member)."},
    {"name", "姓名", "Name", FT_TEXT, F_REQUIRED | F_PRIVATE, .min = 1, .max = 50,
     .aliases = "教师姓名|导师姓名|name",
     .doc = "个人信息：仅本单位工作人员与秘书处可见，不参与搜索 — personal data: shown only "
            "to the unit's staff and the secretariat, not searched."},
    {"kind", "类别", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, staff_kinds,
     .aliases = "师资类别|类型|kind",
     .doc = "专任教师属学校；产业导师、兼职教师多为企业人员 — school teachers belong to "
            "schools; mentors and part-time teachers are mostly enterprise staff."},
    {"dual_qualified", "双师型", "Dual-qualified", FT_BOOL, F_FILTER,
     .aliases = "双师|双师型教师|双师素质|dual_qualified"},
    {"skill_level", "技能等级/职称", "Skill level or title", FT_TEXT, F_FILTER, .max = 50,
     .aliases = "技能等级|职称|skill_level", .example = "高级技师"},
    {"field", "专业领域", "Field", FT_TEXT, F_SEARCH, .max = 100, .aliases = "专业|领域|field"},
    {"gender", "性别", "Gender", FT_ENUM, F_PRIVATE, genders, .aliases = "gender"},
    {"years", "从业年限", "Years of experience", FT_INT, 0, .min = 0, .max = 70,
     .aliases = "教龄|工作年限|years"},
    STAMPS,
    END};

static const field_def secondment_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"direction", "方向", "Direction", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT,
     secondment_directions, .aliases = "类型|direction",
     .doc = "教师企业实践：派出学校、接收企业；企业人员到校任教：派出企业、接收学校 — "
            "teacher to enterprise: home a school, host an enterprise; enterprise staff to "
            "school: the other way."},
    {"staff_id", "师资", "Staff record", FT_REF, F_PRIVATE, .ref = "teaching_staff",
     .aliases = "师资编号|staff",
     .doc = "派出单位的师资记录（个人信息，仅可编辑者可见） — a teaching-staff record of the "
            "home unit (personal data, editors only)."},
    {"person_name", "姓名", "Name", FT_TEXT, F_PRIVATE, .max = 50, .aliases = "人员|name",
     .doc = "无师资记录时填写（个人信息，仅可编辑者可见） — when there is no staff record "
            "(personal data, editors only)."},
    {"home_id", "派出单位", "Home unit", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER,
     .ref = "organizations", .aliases = "所在单位|home", .doc = DOC_MEMBER_UNIT},
    {"host_id", "接收单位", "Host unit", FT_REF, F_REQUIRED | F_FILTER | F_MEMBER,
     .ref = "organizations", .aliases = "实践单位|任教单位|host", .doc = DOC_MEMBER_UNIT},
    {"starts_on", "开始日期", "Starts", FT_DATE, F_SORT, .aliases = "起始日期|start"},
    {"ends_on", "结束日期", "Ends", FT_DATE, F_SORT, .aliases = "截止日期|end"},
    {"days", "天数", "Days", FT_INT, F_REQUIRED | F_SORT, .min = 1, .max = 366,
     .aliases = "实践天数|任教天数|days"},
    TRAINING_YEAR("年度", "Year", F_REQUIRED,
                  "年度；给出开始日期时须为其年份 — the year; the start date's when given."),
    {"content", "内容", "Content", FT_TEXT, F_LONG | F_SEARCH, .max = 5000,
     .aliases = "实践内容|任教内容|content"},
    STAMPS,
    END};

static const field_def cohort_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD_DOC("须与需求、轮次的联合体一致 — the demand item's and round's."),
    {"kind", "班级类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, cohort_kinds,
     .aliases = "类型|kind"},
    {"name", "班级名称", "Name", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 200,
     .aliases = "名称|班级|name"},
    SCHOOL_FIELD(DOC_SCHOOL_UNIT),
    {"enterprise_id", "合作企业", "Enterprise", FT_REF, F_FILTER | F_MEMBER | F_ENTERPRISE,
     .ref = "organizations", .aliases = "企业|订单企业|enterprise",
     .doc = "合作企业（必填；来自需求时可不给，取需求的企业） — the enterprise (required; "
            "when it came from a demand item it may be left out: the item's)."},
    {"major_code", "专业代码", "Major", FT_TEXT, F_FILTER, .check = check_major_code6,
     .ref = "majors", .aliases = "专业|major", .pattern = PATTERN_MAJOR_CODE6, .example = "460702",
     .doc = DOC_MAJOR_CODE6},
    TRAINING_YEAR("年级/年度", "Year", F_REQUIRED, "开班年度 — the year the class starts."),
    {"size", "班级规模", "Size", FT_INT, F_REQUIRED | F_SORT, .min = 1, .max = 10000,
     .aliases = "人数|计划人数|size",
     .doc = "不能少于名单中的学生数 — not fewer than the students listed."},
    {"plan_file", "培养方案", "Training plan", FT_FILE, 0, .ref = "pdf|docx",
     .aliases = "培养方案文件|plan",
     .doc = "人才培养方案文件（PDF 或 DOCX，POST /api/v1/files 上传）— the training plan's file "
            "(PDF or DOCX, uploaded by POST /api/v1/files)."},
    {"student_ids", "学生", "Students", FT_IDLIST, F_PRIVATE, .max = 1000, .ref = "students",
     .aliases = "学生名单|students",
     .doc = "班里的学生（须为本校学生）；个人信息：仅学校、合作企业与秘书处可见名单，其他人"
            "只见人数 students_listed — the students in it (of the school); personal data: "
            "the school, the enterprise and the secretariat see who, others the count "
            "(students_listed)."},
    {"students_listed", "名单人数", "Students listed", FT_INT, F_READONLY | F_SORT,
     .doc = "名单中的学生数 — how many students the list names.", .nullable = FN_NOT_NULL},
    {"demand_id", "来源需求", "Demand item", FT_REF, F_FILTER, .ref = "demand",
     .aliases = "需求|需求编号|demand",
     .doc = "订单来自的需求（同一联合体，企业即需求的企业） — the demand item it came from "
            "(same consortium; its enterprise is the item's)."},
    {"match_round_id", "撮合轮次", "Matching round", FT_REF, F_FILTER, .ref = "match_rounds",
     .aliases = "轮次|round"},
    {"note", "备注", "Note", FT_TEXT, F_LONG, .max = 2000, .aliases = "说明|note"},
    STAMPS,
    END};

static const entity_agree cohort_agree[] = {{"demand_id", "consortium_id"},
                                            {"demand_id", "enterprise_id"},
                                            {"match_round_id", "consortium_id"},
                                            {NULL, NULL}};
static const entity_agree course_agree[] = {
    {"program_id", "consortium_id"}, {"program_id", "school_id"}, {NULL, NULL}};
static const entity_agree material_agree[] = {{"course_id", "consortium_id"}, {NULL, NULL}};

#define WHO_TRAINING_READ                                                                                         \
    "公开联合体：任何人；否则成员单位与秘书处 — public consortia: anyone; others: members " \
    "and secretariat"
#define WHO_TRAINING_OWNER                                                                                                 \
    "本联合体秘书处，或所属单位（须为成员）的工作人员 — the consortium's secretariat, or staff " \
    "of the owning unit (a member)"
#define TRAINING_PERMS                                                                             \
    PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,                      \
          P_SECRETARIAT | P_ORG_STAFF)

const entity_def programs_entity = {
    "programs",
    "programs",
    "专业（群）",
    "Programmes",
    program_fields,
    .consortium_field = "consortium_id",
    .org_field = "school_id",
    .perm = TRAINING_PERMS,
    .default_sort = "name",
    .perm_doc = {WHO_TRAINING_READ, WHO_TRAINING_OWNER, WHO_TRAINING_OWNER, WHO_TRAINING_OWNER},
    .sheet_ref = &(const entity_sheet_ref){{"name"},
                                           "name",
                                           .in_consortium = true,
                                           .scope_field = "school_id",
                                           .not_found = "找不到专业（群）“%s” (no programme "
                                                        "with this name)",
                                           .ambiguous = "有多个专业（群）名为“%s” (several "
                                                        "programmes have this name)",
                                           .shown = 200},
    .import =
        &(const entity_import){"programs", IMPORT_CONSORTIUM_REQUIRED, .key = {"school_id", "name"},
                               .natural = {"school_id", "name"}}};

const entity_def courses_entity = {
    "courses",
    "courses",
    "课程",
    "Courses",
    course_fields,
    .consortium_field = "consortium_id",
    .org_field = "school_id",
    .perm = TRAINING_PERMS,
    .default_sort = "name",
    .agree = course_agree,
    .perm_doc = {WHO_TRAINING_READ, WHO_TRAINING_OWNER, WHO_TRAINING_OWNER, WHO_TRAINING_OWNER},
    .sheet_ref = &(const entity_sheet_ref){{"name"},
                                           "name",
                                           .in_consortium = true,
                                           .scope_field = "school_id",
                                           .not_found = "找不到课程“%s” (no course with this "
                                                        "name)",
                                           .ambiguous = "有多门课程名为“%s” (several courses "
                                                        "have this name)",
                                           .shown = 200},
    .import =
        &(const entity_import){"courses", IMPORT_CONSORTIUM_REQUIRED, .key = {"school_id", "name"},
                               .natural = {"school_id", "name"}}};

const entity_def teaching_materials_entity = {
    "teaching_materials",
    "teaching_materials",
    "教材",
    "Teaching materials",
    material_fields,
    .consortium_field = "consortium_id",
    .org_field = "school_id",
    .perm = TRAINING_PERMS,
    .default_sort = "title",
    .agree = material_agree,
    .perm_doc = {WHO_TRAINING_READ, WHO_TRAINING_OWNER, WHO_TRAINING_OWNER, WHO_TRAINING_OWNER},
    .import =
        &(const entity_import){"teaching-materials", IMPORT_CONSORTIUM_REQUIRED,
                               .key = {"school_id", "title"}, .natural = {"school_id", "title"}}};

const entity_def teaching_staff_entity = {
    "teaching_staff",
    "teaching_staff",
    "师资",
    "Teaching staff",
    staff_fields,
    .consortium_field = "consortium_id",
    .org_field = "organization_id",
    .perm = TRAINING_PERMS,
    .default_sort = "-created_at",
    .perm_doc = {"公开联合体：任何人；否则成员单位与秘书处；姓名与性别（name、gender）仅本单位"
                 "工作人员与秘书处可见 — public consortia: anyone; others: members and "
                 "secretariat; name and gender only to the unit's staff and the secretariat",
                 WHO_TRAINING_OWNER, WHO_TRAINING_OWNER, WHO_TRAINING_OWNER},
    .import = &(const entity_import){"teaching-staff", IMPORT_CONSORTIUM_REQUIRED}};

const entity_def secondments_entity = {
    "secondments",
    "secondments",
    "教师企业实践与企业人员到校任教",
    "Secondments",
    secondment_fields,
    .consortium_field = "consortium_id",
    .org_field = "home_id",
    .perm = TRAINING_PERMS,
    .default_sort = "-year",
    .validate = validate_secondment,
    .perm_doc = {"公开联合体：任何人；否则成员单位与秘书处；人员（staff_id、person_name）仅派出"
                 "单位工作人员与秘书处可见 — public consortia: anyone; others: members and "
                 "secretariat; the person (staff_id, person_name) only to the home unit's "
                 "staff and the secretariat",
                 "本联合体秘书处，或派出单位（须为成员）的工作人员 — the consortium's "
                 "secretariat, or staff of the home unit (a member)",
                 "本联合体秘书处，或派出单位的工作人员 — the secretariat, or staff of the home "
                 "unit",
                 "本联合体秘书处，或派出单位的工作人员 — the secretariat, or staff of the home "
                 "unit"},
    .import = &(const entity_import){"secondments", IMPORT_CONSORTIUM_REQUIRED}};

const entity_def cohorts_entity = {
    "cohorts",
    "cohorts",
    "订单班/学徒制班/现场工程师班",
    "Cohorts",
    cohort_fields,
    .consortium_field = "consortium_id",
    .org_field = "school_id",
    .org2_field = "enterprise_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF | P_ORG2_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "-year",
    .validate = validate_cohort,
    .agree = cohort_agree,
    .perm_doc = {"公开联合体：任何人；否则成员单位与秘书处；学生名单（student_ids）仅学校、合作"
                 "企业与秘书处可见，其他人只见人数 — public consortia: anyone; others: members "
                 "and secretariat; the students (student_ids) only to the school, the "
                 "enterprise and the secretariat, others the count",
                 "本联合体秘书处，或学校（须为成员）的工作人员 — the consortium's secretariat, "
                 "or staff of the school (a member)",
                 "本联合体秘书处或学校的工作人员；合作企业只读（可见名单，不能修改） — the "
                 "secretariat or staff of the school; the enterprise sees the list but may "
                 "change nothing",
                 "本联合体秘书处，或学校的工作人员 — the secretariat, or staff of the school"},
    .import =
        &(const entity_import){"cohorts", IMPORT_CONSORTIUM_REQUIRED, .key = {"school_id", "name"},
                               .natural = {"school_id", "name"}}};
