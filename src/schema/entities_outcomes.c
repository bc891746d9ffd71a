/*
 * entities_outcomes.c — what the cooperation produced (成效), in the same
 * one-description form as the register (entity.h):
 *
 *   placements           顶岗实习: a student placed at a member enterprise,
 *                        with mentors, dates, status and an evaluation.
 *                        Personal data (PIPL): the full row is seen by the
 *                        student's school, the host enterprise and the
 *                        student; the secretariat sees the rows it counts
 *                        without who the intern is or how they were rated
 *                        (student_id, evaluation, score and grade are
 *                        F_PRIVATE).  Only the school places its students
 *                        (the host enterprise would otherwise gain sight of
 *                        any student's record by placing them); the host
 *                        enterprise updates mentor, status and evaluation.
 *   employment_outcomes  毕业生就业 (输送毕业生): schools report counts by
 *                        graduation year, major and employer — the reports
 *                        quote totals, not names — so a row is a headcount;
 *                        a row may name one student instead (headcount 1).
 *   certificates         职业技能等级证书 per holder, levels 初级工 … 首席技师
 *                        in order; the holder's name, student and
 *                        certificate number are shown only to editors.
 *   trainings            培训 with hours, participants and person-times
 *                        (人次): given, or participants × sessions (the
 *                        table's generated column person_times_total).
 *
 * A `year` beside a date is the year of that date when the date is given
 * (the year a placement starts, a certificate is issued, a training
 * starts): the figures are counted by year, and a row dated one year but
 * filed under another would count twice in people's heads.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "schema/entity_fields.h"

const enum_opt placement_status[] = {
    {"planned", "待上岗", "Planned", "未上岗|待岗|拟上岗|已安排|计划"},
    {"active", "在岗", "Active", "实习中|上岗|已上岗|进行中"},
    {"completed", "已完成", "Completed", "完成|结束|已结束|实习结束|期满"},
    {"terminated", "已终止", "Terminated", "终止|中止|提前终止|离岗"},
    {NULL, NULL, NULL}};

static const enum_opt placement_grades[] = {{"excellent", "优秀", "Excellent", "优|优等"},
                                            {"good", "良好", "Good", "良|良等"},
                                            {"pass", "合格", "Pass", "及格|中|中等|通过"},
                                            {"fail", "不合格", "Fail", "不及格|不通过|差"},
                                            {NULL, NULL, NULL}};

const enum_opt outcome_kinds[] = {
    {"employed", "就业", "Employed", "已就业|签约就业|协议就业|合同就业"},
    {"further_study", "升学", "Further study", "专升本|升本|考研|读研|继续深造|深造|出国留学|留学"},
    {"self_employed", "创业", "Self-employed", "自主创业"},
    {"flexible", "灵活就业", "Flexible employment", "自由职业|兼职|临时就业"},
    {"other", "其他", "Other", "其它"},
    {NULL, NULL, NULL}};

/* In order, lowest first: the stats count "technician or above" from the
 * fourth on (CERT_TECHNICIAN_INDEX in domain/outcomes.h). */
const enum_opt certificate_levels[] = {
    {"junior", "初级工", "Junior worker", "初级|五级|五级/初级工|国家职业资格五级"},
    {"intermediate", "中级工", "Intermediate worker", "中级|四级|四级/中级工|国家职业资格四级"},
    {"senior", "高级工", "Senior worker", "高级|三级|三级/高级工|国家职业资格三级"},
    {"technician", "技师", "Technician", "二级|二级/技师|国家职业资格二级"},
    {"senior_technician", "高级技师", "Senior technician", "一级|一级/高级技师|国家职业资格一级"},
    {"special_technician", "特级技师", "Special-grade technician", "特级"},
    {"chief_technician", "首席技师", "Chief technician", "首席"},
    {NULL, NULL, NULL}};

const enum_opt training_kinds[] = {
    {"new_occupation", "新职业培训", "New-occupation training", "新职业|新职业技能培训"},
    {"upskilling", "技能提升培训", "Upskilling",
     "技能提升|岗位技能提升|岗位技能提升培训|职业技能提升|技能培训"},
    {"teacher", "师资培训", "Teacher training", "教师培训|师资|双师培训|教师"},
    {"other", "其他培训", "Other", "其他|其它|其它培训"},
    {NULL, NULL, NULL}};

/* The year of an outcome row; `doc` says which date it must agree with
 * (NULL: none). */
#define YEAR_FIELD(zh, en, al, ex, d)                                                              \
    {                                                                                              \
        "year", zh, en, FT_INT, F_REQUIRED | F_FILTER | F_SORT,                                    \
            .min = 2000, .max = 2100, .aliases = al, .example = ex, .doc = d                       \
    }
#define YEAR_OF(zh, en)                                                                            \
    "年度；给出" zh "时须为其年份 — the year; when " en " is given it must be that date's year."

/* ---- cross-field checks ---------------------------------------------- */

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

/* `year` must be the year of `date` when both are given. */
static void check_year_of(const entity_def *d, json_t *row, const char *date, err_t *e)
{
    const char *s = str_of(row, date);
    json_t *y = json_object_get(row, "year");
    const field_def *f = entity_field(d, date);
    if (s && json_is_integer(y) && atoi(s) != json_integer_value(y))
        err_field(e, "year", "年度应与%s同年 (the year must be the year of %s, %.4s)",
                  f ? f->zh : date, date, s);
}

static void validate_placement(const entity_def *d, json_t *row, err_t *e)
{
    check_dates(row, "starts_on", "ends_on", e);
    check_year_of(d, row, "starts_on", e);
}

static void validate_outcome(const entity_def *d, json_t *row, err_t *e)
{
    json_t *n = json_object_get(row, "headcount");
    if (json_is_integer(json_object_get(row, "student_id")) && json_is_integer(n) &&
        json_integer_value(n) != 1)
        err_field(e, "headcount",
                  "指定学生时人数应为 1 (a row naming a student counts one graduate)");
}

static void validate_certificate(const entity_def *d, json_t *row, err_t *e)
{
    check_year_of(d, row, "issued_on", e);
}

static void validate_training(const entity_def *d, json_t *row, err_t *e)
{
    check_dates(row, "starts_on", "ends_on", e);
    check_year_of(d, row, "starts_on", e);
    json_t *pt = json_object_get(row, "person_times"), *p = json_object_get(row, "participants");
    if (json_is_integer(pt) && json_is_integer(p) && json_integer_value(pt) < json_integer_value(p))
        err_field(e, "person_times",
                  "人次不能少于参训人数 (person-times cannot be fewer than participants)");
}

/* ---- the entities ------------------------------------------------------
 *
 * Private fields are neither filters nor sort keys: a reader who may not
 * see them could otherwise learn them by asking for rows that have them. */

static const field_def placement_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    /* In spreadsheets the student is named by student number (io/import.c). */
    {"student_id", "学生", "Student", FT_REF, F_REQUIRED | F_IMMUTABLE | F_PRIVATE,
     .ref = "students", .aliases = "学号|学生学号|student_no",
     .doc =
         DOC_STUDENT_REF " 个人信息：仅学校、实习企业与学生本人可见 — personal data: the school, "
                         "the host enterprise and the student only."},
    {"school_id", "学校", "School", FT_REF, F_IMMUTABLE | F_FILTER | F_MEMBER | F_SCHOOL,
     .ref = "organizations", .aliases = "学校名称|院校",
     .doc = "学生所在学校：不给时取自学生，给出时须与之一致 — the student's school: "
            "taken from the student when left out, and must equal it when given."},
    {"enterprise_id", "实习企业", "Host enterprise", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER | F_ENTERPRISE, .ref = "organizations",
     .aliases = "企业|企业名称|实习单位", .doc = "实习企业。" DOC_ENTERPRISE_UNIT},
    {"demand_id", "岗位需求编号", "Position (demand id)", FT_REF, F_FILTER, .ref = "demand",
     .aliases = "demand|position",
     .doc = "所对应的岗位需求（demand 的 id），须为同一联合体、同一企业的需求 — the "
            "position (an id of demand) of the same consortium and enterprise."},
    {"post", "实习岗位", "Post", FT_TEXT, F_SEARCH | F_SORT, .max = 100, .aliases = "岗位"},
    {"enterprise_mentor", "企业导师", "Enterprise mentor", FT_TEXT, F_SEARCH, .max = 50,
     .aliases = "企业指导教师|mentor"},
    {"school_supervisor", "校内指导教师", "School supervisor", FT_TEXT, F_SEARCH, .max = 50,
     .aliases = "指导教师|supervisor"},
    {"starts_on", "上岗日期", "Starts", FT_DATE, F_SORT, .aliases = "开始日期|start"},
    {"ends_on", "结束日期", "Ends", FT_DATE, F_SORT, .aliases = "end"},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, placement_status,
     .doc = "待上岗的实习不计入实习人数 — planned placements do not count as interns "
            "placed."},
    {"evaluation", "评价", "Evaluation", FT_TEXT, F_LONG | F_PRIVATE, .max = 2000,
     .aliases = "实习评价"},
    {"score", "成绩", "Score", FT_INT, F_PRIVATE, .min = 0, .max = 100, .aliases = "分数"},
    {"grade", "考核等级", "Grade", FT_ENUM, F_PRIVATE, placement_grades, .aliases = "等级"},
    YEAR_FIELD("年度", "Year", "实习年度", "2025", YEAR_OF("上岗日期", "starts_on")),
    STAMPS,
    END};

static const field_def outcome_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"school_id", "学校", "School", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER | F_SCHOOL, .ref = "organizations",
     .aliases = "学校名称|院校", .doc = DOC_SCHOOL_UNIT},
    YEAR_FIELD("毕业年度", "Graduation year", "年度|届别", NULL, NULL),
    {"major_code", "专业代码", "Major", FT_TEXT, F_FILTER | F_SORT, .check = check_major_code6,
     .ref = "majors", .aliases = "major", .pattern = PATTERN_MAJOR_CODE6, .example = "460702",
     .doc = DOC_MAJOR_CODE6},
    {"kind", "去向", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, outcome_kinds,
     .aliases = "毕业去向|类型", .import_default = "employed",
     .doc = "只有就业（employed）计入输送毕业生；导入时不给为 employed — only "
            "employed counts as graduates delivered; imported rows default to "
            "employed."},
    {"enterprise_id", "就业单位", "Employer", FT_REF, F_FILTER | F_MEMBER, .ref = "organizations",
     .aliases = "用人单位|企业", .doc = "就业单位（成员单位时）。" DOC_MEMBER_UNIT},
    {"employer_name", "就业单位名称（非成员）", "Employer (not a member)", FT_TEXT, F_SEARCH,
     .max = 100, .aliases = "单位名称"},
    {"occupation_code", "职业编码", "Occupation", FT_TEXT, F_FILTER, .check = check_occupation_code,
     .ref = "occupations", .pattern = PATTERN_OCCUPATION_CODE, .example = "6-22-02-01",
     .doc = DOC_OCCUPATION_CODE},
    {"headcount", "人数", "Graduates", FT_INT, F_REQUIRED | F_SORT, .min = 1, .max = 1000000,
     .aliases = "就业人数|毕业生人数",
     .doc = "本行代表的毕业生人数；指定学生时须为 1 — the graduates this row counts; "
            "1 when it names a student."},
    {"student_id", "学生", "Student", FT_REF, F_PRIVATE, .ref = "students",
     .aliases = "学号|学生学号|student_no",
     .doc = DOC_STUDENT_REF " 仅可编辑者可见 — shown to editors only."},
    {"note", "备注", "Note", FT_TEXT, 0, .max = 500},
    STAMPS,
    END};

static const field_def certificate_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"organization_id", "所在单位", "Organisation", FT_REF, F_REQUIRED | F_FILTER | F_MEMBER,
     .ref = "organizations", .aliases = "单位|单位名称|工作单位",
     .doc = "持证人所在（工作或就读）单位。" DOC_MEMBER_UNIT},
    {"holder_name", "持证人", "Holder", FT_TEXT, F_REQUIRED | F_PRIVATE, .min = 1, .max = 50,
     .aliases = "姓名|holder",
     .doc = "个人信息，仅可编辑者可见 — personal data, shown to editors only."},
    {"student_id", "学生", "Student", FT_REF, F_PRIVATE, .ref = "students",
     .aliases = "学号|学生学号|student_no",
     .doc = DOC_STUDENT_REF " 仅可编辑者可见 — shown to editors only."},
    {"occupation_code", "职业编码", "Occupation", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT,
     .check = check_occupation_code, .ref = "occupations", .aliases = "职业（工种）编码",
     .pattern = PATTERN_OCCUPATION_CODE, .example = "6-22-02-01", .doc = DOC_OCCUPATION_CODE},
    {"level", "等级", "Level", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, certificate_levels,
     .aliases = "技能等级|证书等级",
     .doc = "由低到高：初级工、中级工、高级工、技师、高级技师、特级技师、首席技师；技"
            "师及以上计入 technician_or_above — lowest first; 技师 and above count "
            "as technician_or_above."},
    {"certificate_no", "证书编号", "Certificate no.", FT_TEXT, F_PRIVATE, .min = 1, .max = 60,
     .aliases = "证书号",
     .doc = "仅可编辑者可见；本联合体内唯一 — shown to editors only; unique within "
            "the consortium."},
    {"issuer", "发证机构", "Issuing body", FT_TEXT, F_SEARCH, .max = 100,
     .aliases = "评价机构|发证单位"},
    {"issued_on", "发证日期", "Issued", FT_DATE, F_SORT},
    YEAR_FIELD("年度", "Year", "发证年度", "2025", YEAR_OF("发证日期", "issued_on")),
    STAMPS,
    END};

static const field_def training_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"title", "培训项目", "Title", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 200,
     .aliases = "培训名称|项目名称"},
    {"provider_id", "承办单位", "Provider", FT_REF, F_REQUIRED | F_FILTER | F_MEMBER,
     .ref = "organizations", .aliases = "培训单位|单位", .doc = DOC_MEMBER_UNIT},
    {"kind", "培训类型", "Kind", FT_ENUM, F_REQUIRED | F_VOCAB | F_FILTER | F_SORT, training_kinds,
     .aliases = "类型"},
    {"occupation_code", "职业编码", "Occupation", FT_TEXT, F_FILTER, .check = check_occupation_code,
     .ref = "occupations", .pattern = PATTERN_OCCUPATION_CODE, .example = "6-25-04-05",
     .doc = DOC_OCCUPATION_CODE},
    {"starts_on", "开始日期", "Starts", FT_DATE, F_SORT},
    {"ends_on", "结束日期", "Ends", FT_DATE, F_SORT},
    {"hours", "学时", "Hours", FT_INT, F_SORT, .min = 0, .max = 100000},
    {"participants", "参训人数", "Participants", FT_INT, F_REQUIRED | F_SORT, .min = 0,
     .max = 10000000, .aliases = "人数"},
    {"sessions", "期数", "Sessions", FT_INT, 0, .min = 1, .max = 10000, .aliases = "场次|班次"},
    {"person_times", "人次", "Person-times", FT_INT, 0, .min = 0, .max = 100000000,
     .aliases = "培训人次",
     .doc = "人次；不给时按参训人数 × 期数（期数不给为 1）计；不能少于参训人数 — "
            "person-times; when left out, participants × sessions (1 session if not "
            "given); not fewer than participants."},
    /* person_times, or participants × sessions: a generated column. */
    {"person_times_total", "计入人次", "Person-times counted", FT_INT,
     F_READONLY | F_SORT | F_NOEXPORT,
     .doc = "计入统计的人次：person_times，或参训人数 × 期数 — the person-times "
            "counted: person_times, or participants × sessions."},
    YEAR_FIELD("年度", "Year", "培训年度", "2025", YEAR_OF("开始日期", "starts_on")),
    {"note", "备注", "Note", FT_TEXT, 0, .max = 500},
    STAMPS,
    END};

/* A placement's school and consortium are its student's; its position,
 * when named, is a demand row of the same consortium and enterprise. */
static const entity_agree placement_agree[] = {{"student_id", "consortium_id"},
                                               {"student_id", "school_id"},
                                               {"demand_id", "consortium_id"},
                                               {"demand_id", "enterprise_id"},
                                               {NULL, NULL}};
static const entity_agree outcome_agree[] = {
    {"student_id", "consortium_id"}, {"student_id", "school_id"}, {NULL, NULL}};
static const entity_agree certificate_agree[] = {{"student_id", "consortium_id"}, {NULL, NULL}};

/* Read by the students entity (entities_talent.c): a host enterprise
 * reads its interns' records. */
const entity_link student_placement_hosts[] = {{"placements", "student_id", "enterprise_id"},
                                               {NULL, NULL, NULL}};

const entity_def placements_entity = {
    "placements",
    "placements",
    "顶岗实习",
    "Internship placements",
    placement_fields,
    .consortium_field = "consortium_id",
    .org_field = "school_id",
    .org2_field = "enterprise_id",
    .user_field = "student_id",
    .perm = PERMS(P_SECRETARIAT | P_ORG_STAFF | P_ORG2_STAFF | P_SELF, P_ORG_STAFF,
                  P_ORG_STAFF | P_ORG2_STAFF, P_ORG_STAFF),
    .default_sort = "-year",
    .rows_private = true,
    .validate = validate_placement,
    .agree = placement_agree,
    .perm_doc = {"个人信息：完整记录仅学生所在学校、实习企业（enterprise_id）的工作人员与"
                 "学生本人可见；本联合体秘书处可见记录但看不到学生、评价、成绩与考核等级"
                 "（student_id、evaluation、score、grade 不返回）；其他成员与公众不可见，"
                 "列表也不列出 — personal data: the full row is seen by staff of the "
                 "student's school and of the host enterprise (enterprise_id) and by the "
                 "student; the consortium's secretariat sees the rows without the "
                 "student, evaluation, score and grade (student_id, evaluation, score, "
                 "grade are left out); other members and the public see nothing, and "
                 "lists leave the rows out",
                 "学生所在学校（须为成员）的工作人员；学校由所选学生确定 — staff of the "
                 "student's school (a member); the school is the student's",
                 "学生所在学校或实习企业的工作人员（企业可填写导师、状态与评价） — staff "
                 "of the student's school or of the host enterprise (the enterprise "
                 "records mentor, status and evaluation)",
                 "学生所在学校的工作人员 — staff of the student's school"},
    .import = &(const entity_import){"placements", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"student_id", "enterprise_id", "starts_on"}}};

const entity_def employment_outcomes_entity = {
    "employment_outcomes",
    "employment_outcomes",
    "毕业生就业",
    "Graduate employment",
    outcome_fields,
    .consortium_field = "consortium_id",
    .org_field = "school_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "-year",
    .validate = validate_outcome,
    .agree = outcome_agree,
    .perm_doc = {"公开联合体：任何人（student_id 仅可编辑者可见）；否则成员单位与秘书处 — "
                 "public consortia: anyone (student_id only to editors); others: members "
                 "and secretariat",
                 "本联合体秘书处，或该学校（须为成员）的工作人员 — the consortium's "
                 "secretariat, or staff of the school (a member)",
                 "本联合体秘书处，或该学校的工作人员 — the consortium's secretariat, or "
                 "staff of the school",
                 "本联合体秘书处，或该学校的工作人员 — the consortium's secretariat, or "
                 "staff of the school"},
    .import = &(const entity_import){"employment_outcomes", IMPORT_CONSORTIUM_REQUIRED}};

const entity_def certificates_entity = {
    "certificates",
    "certificates",
    "职业技能等级证书",
    "Skill-level certificates",
    certificate_fields,
    .consortium_field = "consortium_id",
    .org_field = "organization_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "-year",
    .validate = validate_certificate,
    .agree = certificate_agree,
    .unique = {"consortium_id,certificate_no"},
    .perm_doc = {"公开联合体：任何人，但持证人、学生与证书编号（holder_name、student_id、"
                 "certificate_no）仅可编辑者可见；否则成员单位与秘书处 — public "
                 "consortia: anyone, but the holder, student and certificate number "
                 "(holder_name, student_id, certificate_no) only to editors; others: "
                 "members and secretariat",
                 "本联合体秘书处，或所在单位（须为成员）的工作人员 — the consortium's "
                 "secretariat, or staff of the organisation (a member)",
                 "本联合体秘书处，或所在单位的工作人员 — the consortium's secretariat, or "
                 "staff of the organisation",
                 "本联合体秘书处，或所在单位的工作人员 — the consortium's secretariat, or "
                 "staff of the organisation"},
    .import = &(const entity_import){"certificates", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"certificate_no"}, .natural = {"certificate_no"},
                                     .conflict = "本联合体已登记此证书编号 (a certificate "
                                                 "with this number is already "
                                                 "registered)"}};

const entity_def trainings_entity = {
    "trainings",
    "trainings",
    "培训",
    "Trainings",
    training_fields,
    .consortium_field = "consortium_id",
    .org_field = "provider_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "-year",
    .validate = validate_training,
    .perm_doc = {"公开联合体：任何人；否则成员单位与秘书处 — public consortia: anyone; "
                 "others: members and secretariat",
                 "本联合体秘书处，或承办单位（须为成员）的工作人员 — the consortium's "
                 "secretariat, or staff of the provider (a member)",
                 "本联合体秘书处，或承办单位的工作人员 — the consortium's secretariat, or "
                 "staff of the provider",
                 "本联合体秘书处，或承办单位的工作人员 — the consortium's secretariat, or "
                 "staff of the provider"},
    .import = &(const entity_import){"trainings", IMPORT_CONSORTIUM_REQUIRED}};
