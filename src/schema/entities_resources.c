/*
 * entities_resources.c — co-built, shared facilities (共建共享资源, issue
 * 11) in the one-description form of the register (entity.h):
 *
 *   facilities          产业学院, 实训基地, 公共实训基地, 教学工厂, … : the
 *                       owning (lead) unit edits it; stations (工位数) and
 *                       hours open per week give its capacity; recognition
 *                       (level, batch, issuing body, date).  Public read
 *                       for a public consortium (the facility directory).
 *   facility_owners     the co-owners with their roles (牵头/共建/运营/使用).
 *                       A child entity, not a list inside the facility, so
 *                       each is filed, imported and audited on its own; the
 *                       facility's lead unit (owner_id, copied by the
 *                       domain) and the secretariat keep them.
 *   facility_bookings   预约: a unit books stations for a time window;
 *                       requested → approved / rejected → done.  Read by
 *                       the booking unit, the facility's owning unit
 *                       (owner_id, copied from the facility) and the
 *                       secretariat; everyone who reads the facility sees
 *                       the calendar's blocks without the unit
 *                       (domain/facility.c).
 *
 * Times are ISO 8601 with an offset (2026-12-07T08:30:00+08:00); the
 * domain answers them written in China Standard Time (+08:00) whatever
 * offset was given, and keeps the UTC instants beside them for the
 * overlap sweep (migrations/016_facilities.sql).  The steps of a
 * booking, who takes them and the rule that approved bookings never
 * together exceed the stations are rules, not descriptions:
 * domain/facility.c.
 */
#include "schema/entities_resources.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schema/entity_fields.h"

static const enum_opt facility_kinds[] = {
    {"industrial_college", "产业学院", "Industrial college",
     "现代产业学院|示范性产业学院|行业产业学院"},
    {"training_base", "实训基地", "Training base", "实习实训基地|生产性实训基地|实践基地"},
    {"practice_center", "市域产教融合实践中心/公共实训基地",
     "Municipal practice centre or public training base",
     "公共实训基地|实践中心|产教融合实践中心|市域产教融合实践中心|职业技能公共实训基地"},
    {"teaching_factory", "教学工厂", "Teaching factory", "校中厂|厂中校"},
    {"engineering_center", "工程中心/重点实验室", "Engineering centre or key laboratory",
     "工程中心|重点实验室|工程技术研究中心|技术创新中心|研发中心"},
    {"master_studio", "技能大师工作室", "Master craftsman studio",
     "大师工作室|技能大师|名师工作室"},
    {"cross_company_center", "跨企业培训中心", "Cross-company training centre",
     "跨企业培训|企业培训中心|培训中心"},
    {"craftsman_college", "工匠学院", "Craftsman college", "鲁班工坊|中国—东盟工匠学院"},
    {NULL, NULL, NULL}};

static const enum_opt facility_status[] = {
    {"running", "运行", "Running", "运行中|在用|正常"},
    {"building", "建设中", "Being built", "在建|筹建|筹建中"},
    {"closed", "停用", "Closed", "已停用|关闭|撤销"},
    {NULL, NULL, NULL}};

static const enum_opt recognition_levels[] = {
    {"national", "国家级", "National", "国家|部级"},
    {"provincial", "省级", "Provincial", "省|自治区级|省部级"},
    {"municipal", "市级", "Municipal", "市|地市级|市州级"},
    {NULL, NULL, NULL}};

static const enum_opt owner_roles[] = {{"lead", "牵头", "Lead", "牵头单位|主建"},
                                       {"co_builder", "共建", "Co-builder", "共建单位|参建"},
                                       {"operator", "运营", "Operator", "运营单位|运维"},
                                       {"user", "使用", "User", "使用单位"},
                                       {NULL, NULL, NULL}};

static const enum_opt booking_purposes[] = {
    {"teaching", "教学", "Teaching", "实训教学|课程教学|上课"},
    {"training", "培训", "Training", "职工培训|技能培训|社会培训"},
    {"exam", "认证考试", "Certification exam", "考试|鉴定|技能鉴定|考证|等级认定"},
    {"competition", "竞赛", "Competition", "技能竞赛|比赛|大赛"},
    {"research", "科研", "Research", "研发|试验|实验"},
    {NULL, NULL, NULL}};

static const enum_opt booking_status[] = {
    {"requested", "待审批", "Requested", "申请|已申请|待审核"},
    {"approved", "已批准", "Approved", "批准|通过|已通过"},
    {"rejected", "未批准", "Rejected", "驳回|拒绝|不批准"},
    {"done", "已完成", "Done", "完成|已使用|已结束"},
    {NULL, NULL, NULL}};

/* ---- times ------------------------------------------------------------- */

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool resources_time_parse(const char *s, int64_t *epoch)
{
    if (!s || strlen(s) < 17)
        return false;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!date_valid(date) || (s[10] != 'T' && s[10] != ' '))
        return false;
    const char *t = s + 11;
    int hh = digits(t, 2), mm = t[2] == ':' ? digits(t + 3, 2) : -1, ss = 0;
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
        return false;
    t += 5;
    if (*t == ':') {
        ss = digits(t + 1, 2);
        if (ss < 0 || ss > 59)
            return false;
        t += 3;
    }
    int off = 0;
    if (*t == 'Z' && !t[1])
        off = 0;
    else if ((*t == '+' || *t == '-') && strlen(t) == 6 && t[3] == ':') {
        int oh = digits(t + 1, 2), om = digits(t + 4, 2);
        if (oh < 0 || oh > 14 || om < 0 || om > 59)
            return false;
        off = (oh * 60 + om) * (*t == '-' ? -1 : 1);
    } else
        return false;
    int64_t days = days_from_civil(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2));
    *epoch = days * 86400 + hh * 3600 + mm * 60 + ss - (int64_t)off * 60;
    return true;
}

void resources_time_format(int64_t epoch, bool utc, char *out, size_t n)
{
    time_t t = (time_t)(epoch + (utc ? 0 : 8 * 3600));
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, n, "%s%s", buf, utc ? "Z" : "+08:00");
}

static int check_time(const char *s, char *msg, size_t n)
{
    int64_t t;
    if (resources_time_parse(s, &t))
        return 0;
    snprintf(msg, n,
             "应为带时区的 ISO 8601 时间，如 2026-12-07T08:30:00+08:00 (an ISO 8601 time with "
             "offset, e.g. 2026-12-07T08:30:00+08:00)");
    return -1;
}

/* ---- documentation ------------------------------------------------------ */

#define PATTERN_TIME                                                                               \
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})$"
#define DOC_TIME                                                                                                                     \
    "带时区的 ISO 8601 时间；无论给出哪个时区，回答均以北京时间（+08:00）写出，另存 UTC 用于冲突" \
    "检查 — ISO 8601 with an offset; answered in China Standard Time (+08:00) whatever offset "                                  \
    "was given (the UTC instant is kept for the overlap check)."
#define WHO_FACILITY_OWNER                                                                                                 \
    "本联合体秘书处，或所属单位（须为成员）的工作人员 — the consortium's secretariat, or staff " \
    "of the owning unit (a member)"

/* ---- the entities ------------------------------------------------------ */

static const field_def facility_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"organization_id", "所属单位", "Owning unit", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER, .ref = "organizations",
     .aliases = "牵头单位|建设单位|单位|organization",
     .doc = "牵头建设并管理资源的单位，审批预约 — the lead unit that keeps the facility and "
            "approves its bookings. " DOC_MEMBER_UNIT},
    {"name", "名称", "Name", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 2, .max = 200,
     .aliases = "资源名称|基地名称|name", .example = "汽车智能制造实训中心"},
    {"kind", "类型", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, facility_kinds,
     .aliases = "资源类型|kind"},
    {"abroad", "境外", "Abroad", FT_BOOL, F_FILTER, .aliases = "是否境外|abroad",
     .doc = "设在境外（如鲁班工坊）— located abroad."},
    {"address", "地址", "Address", FT_TEXT, 0, .max = 200, .aliases = "地点|address"},
    {"region_code", "行政区划代码", "Region code", FT_TEXT, F_FILTER | F_SORT,
     .check = check_region_code, .ref = "regions", .aliases = "区划代码|所在地|地区|region",
     .pattern = PATTERN_REGION_CODE, .example = "450200", .doc = DOC_REGION_CODE},
    {"stations", "工位数", "Stations", FT_INT, F_REQUIRED | F_SORT, .min = 1, .max = 100000,
     .aliases = "工位|实训工位|stations", .example = "120",
     .doc = "可同时使用的工位（座位）数：已批准的预约在任一时刻合计不超过它 — the stations "
            "(seats) usable at once; approved bookings never together exceed it."},
    {"open_hours_week", "每周开放小时", "Hours open per week", FT_INT, F_SORT, .min = 0, .max = 168,
     .aliases = "开放时长|每周开放时长|open_hours_week", .example = "40",
     .doc = "每周开放小时数，默认 40，用于利用率 — hours open per week (default 40), the "
            "denominator of the utilisation figure."},
    {"equipment_value", "设备总值（元）", "Equipment value (yuan)", FT_INT, F_SORT, .min = 0,
     .max = 100000000000LL, .aliases = "设备值|设备总值|equipment_value",
     .doc = "金额（元）— an amount in yuan."},
    {"opened_on", "启用日期", "Opened", FT_DATE, F_SORT, .aliases = "建成日期|启用时间|opened"},
    {"status", "状态", "Status", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, facility_status,
     .aliases = "运行状态|status", .import_default = "running"},
    {"recognition_level", "认定级别", "Recognition level", FT_ENUM, F_FILTER | F_SORT,
     recognition_levels, .aliases = "级别|认定|recognition_level"},
    {"recognition_batch", "认定批次", "Recognition batch", FT_TEXT, 0, .max = 100,
     .aliases = "批次|recognition_batch", .example = "第一批"},
    {"recognition_body", "认定部门", "Recognised by", FT_TEXT, 0, .max = 200,
     .aliases = "认定单位|发文单位|recognition_body"},
    {"recognition_date", "认定日期", "Recognised on", FT_DATE, F_SORT,
     .aliases = "认定时间|recognition_date"},
    {"description", "简介", "Description", FT_TEXT, F_LONG | F_SEARCH, .max = 20000,
     .aliases = "描述|介绍|description"},
    /* The cover photo: the first of photos, kept so by the domain
     * (domain/facility.c); written alone it becomes the first of them. */
    {"photo", "封面照片", "Cover photo", FT_FILE, 0, .ref = "png|jpeg", .aliases = "封面|photo",
     .doc = "封面照片，即 photos 的第一张；单独写入时成为 photos 的第一张（PNG 或 JPEG，POST "
            "/api/v1/files 上传）— the cover, the first of photos; written alone it becomes "
            "the first of them (PNG or JPEG, uploaded by POST /api/v1/files)."},
    {"photos", "照片", "Photos", FT_FILELIST, 0, .max = FACILITY_MAX_PHOTOS, .ref = "png|jpeg",
     .aliases = "图片|照片集|photos",
     .doc = "资源的照片，至多 12 张，第一张为封面；表格中以 ; 分隔的文件编号 — the facility's "
            "photos, at most 12, the first the cover; in a sheet, file ids joined by ;."},
    STAMPS,
    END};

/* Sheets name a facility by its name within the import's consortium. */
static const entity_sheet_ref facility_sheet_ref = {
    {"name"},
    "name",
    .in_consortium = true,
    .not_found = "找不到资源“%s” (no facility with this name)",
    .ambiguous = "有多个资源名为“%s” (several facilities have this name)",
    .shown = 200};

static const field_def owner_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD_DOC("须与资源的联合体一致 — the facility's consortium."),
    {"facility_id", "资源", "Facility", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "facilities", .aliases = "资源名称|基地|facility"},
    {"owner_id", "所属单位", "Owning unit", FT_REF, F_READONLY | F_FILTER | F_NOEXPORT,
     .ref = "organizations", .doc = "取自资源 — the facility's owning unit."},
    {"organization_id", "共建单位", "Co-owner", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER, .ref = "organizations",
     .aliases = "单位|单位名称|organization", .doc = DOC_MEMBER_UNIT},
    {"role", "角色", "Role", FT_ENUM, F_REQUIRED | F_FILTER, owner_roles,
     .aliases = "共建角色|role"},
    STAMPS,
    END};

static const field_def booking_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD_DOC("须与资源的联合体一致 — the facility's consortium."),
    {"facility_id", "资源", "Facility", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER,
     .ref = "facilities", .aliases = "资源名称|基地|facility"},
    {"organization_id", "预约单位", "Booking unit", FT_REF,
     F_REQUIRED | F_IMMUTABLE | F_FILTER | F_MEMBER, .ref = "organizations",
     .aliases = "单位|单位名称|使用单位|organization", .doc = DOC_MEMBER_UNIT},
    {"owner_id", "资源所属单位", "Facility's unit", FT_REF, F_READONLY | F_FILTER | F_NOEXPORT,
     .ref = "organizations", .doc = "取自资源，审批预约 — the facility's, which approves."},
    {"starts_at", "开始时间", "Starts", FT_TEXT, F_REQUIRED | F_SORT, .max = 40,
     .check = check_time, .aliases = "开始|起始时间|starts_at", .pattern = PATTERN_TIME,
     .example = "2026-12-07T08:30:00+08:00", .doc = DOC_TIME},
    {"ends_at", "结束时间", "Ends", FT_TEXT, F_REQUIRED | F_SORT, .max = 40, .check = check_time,
     .aliases = "结束|截止时间|ends_at", .pattern = PATTERN_TIME,
     .example = "2026-12-07T11:30:00+08:00",
     .doc = DOC_TIME " 晚于开始，至多 31 天 — after the start, at most 31 days."},
    {"starts_utc", "开始（UTC）", "Starts (UTC)", FT_TEXT, F_READONLY | F_NOEXPORT,
     .doc = "开始时间的 UTC 写法 — the start in UTC."},
    {"ends_utc", "结束（UTC）", "Ends (UTC)", FT_TEXT, F_READONLY | F_NOEXPORT,
     .doc = "结束时间的 UTC 写法 — the end in UTC."},
    {"stations", "工位数", "Stations", FT_INT, F_REQUIRED | F_SORT, .min = 1, .max = 100000,
     .aliases = "工位|预约工位|stations", .example = "20",
     .doc = "1 到资源的工位数 — 1 up to the facility's stations."},
    {"people", "人数", "People", FT_INT, 0, .min = 0, .max = 1000000, .aliases = "参加人数|people"},
    {"purpose", "用途", "Purpose", FT_ENUM, F_REQUIRED | F_FILTER, booking_purposes,
     .aliases = "预约用途|purpose"},
    {"status", "状态", "Status", FT_ENUM, F_FILTER | F_SORT, booking_status,
     .aliases = "预约状态|status", .import_default = "requested",
     .doc =
         "待审批 → 已批准 / 未批准（资源所属单位或秘书处）→ 已完成（所属单位或预约单位，须填"
         "实际培训人次）；乱序 409，非其方 403；批准时与其他已批准预约合计超出工位数 409 并列出冲"
         "突的预约 — requested → approved / rejected (the facility's unit or the secretariat) "
         "→ done (the facility's unit or the booking unit, with person_times); out of order "
         "409, the wrong party 403; approving beyond the stations 409 naming the conflicting "
         "bookings.",
     .nullable = FN_NOT_NULL},
    {"person_times", "实际培训人次", "Person-times trained", FT_INT, F_SORT, .min = 0,
     .max = 10000000, .aliases = "培训人次|人次|person_times",
     .doc = "完成时必填 — required when done."},
    {"note", "备注", "Note", FT_TEXT, F_LONG, .max = 2000, .aliases = "说明|note"},
    STAMPS,
    END};

static void validate_booking(const entity_def *d, json_t *row, err_t *e)
{
    (void)d;
    int64_t a, b;
    if (resources_time_parse(json_string_value(json_object_get(row, "starts_at")), &a) &&
        resources_time_parse(json_string_value(json_object_get(row, "ends_at")), &b)) {
        if (b <= a)
            err_field(e, "ends_at", "应晚于开始时间 (must be after starts_at)");
        else if (b - a > RESOURCES_MAX_BOOKING_SECONDS)
            err_field(e, "ends_at", "一次预约至多 31 天 (a booking lasts at most 31 days)");
    }
    const char *st = json_string_value(json_object_get(row, "status"));
    json_t *pt = json_object_get(row, "person_times");
    if (st && !strcmp(st, "done") && (!pt || json_is_null(pt)))
        err_field(e, "person_times",
                  "完成须填实际培训人次 (a done booking gives the person-times trained)");
}

static const entity_agree owner_agree[] = {{"facility_id", "consortium_id"}, {NULL, NULL}};

/* Staff of a co-owner whose role decides (lead, co-builder, operator)
 * read the facility's bookings and take the owning unit's steps
 * (domain/facility.c); a co-owner that only uses it does not. */
static const entity_link booking_deciders[] = {{"facility_owners", "facility_id", "organization_id",
                                                .row_field = "facility_id", .role_field = "role",
                                                .roles = FACILITY_DECIDING_ROLES, .edits = true},
                                               {NULL, NULL, NULL}};

#define WHO_BOOKING_READ                                                                                                                     \
    "预约单位、资源所属单位、牵头/共建/运营单位与本联合体秘书处；其他能看到资源的人只在日历上看" \
    "到占用时段 — the booking unit, the facility's unit, its lead, co-building and operating "                                        \
    "co-owners and the consortium's secretariat; others who see the facility see only the "                                                  \
    "occupied slots in its calendar"

const entity_def facilities_entity = {
    "facilities",
    "facilities",
    "共建共享资源",
    "Facilities",
    facility_fields,
    .consortium_field = "consortium_id",
    .org_field = "organization_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "name",
    .perm_doc = {WHO_PUBLIC_OR_MEMBERS, WHO_FACILITY_OWNER, WHO_FACILITY_OWNER, WHO_FACILITY_OWNER},
    .sheet_ref = &facility_sheet_ref,
    .import = &(const entity_import){"facilities", IMPORT_CONSORTIUM_REQUIRED, .key = {"name"},
                                     .natural = {"name"}}};

const entity_def facility_owners_entity = {
    "facility_owners",
    "facility_owners",
    "资源共建单位",
    "Facility co-owners",
    owner_fields,
    .consortium_field = "consortium_id",
    .org_field = "owner_id",
    .perm = PERMS(P_PUBLIC, P_SECRETARIAT | P_ORG_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF),
    .default_sort = "id",
    .agree = owner_agree,
    .perm_doc = {WHO_PUBLIC_OR_MEMBERS,
                 "本联合体秘书处，或资源所属单位的工作人员 — the secretariat, or staff of the "
                 "facility's owning unit",
                 "同上 — the same", "同上 — the same"},
    .import = &(const entity_import){"facility-owners", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"facility_id", "organization_id"},
                                     .natural = {"facility_id", "organization_id"}}};

const entity_def facility_bookings_entity = {
    "facility_bookings",
    "facility_bookings",
    "资源预约",
    "Facility bookings",
    booking_fields,
    .workflow = true,
    .consortium_field = "consortium_id",
    .org_field = "organization_id",
    .org2_field = "owner_id",
    .perm = PERMS(P_SECRETARIAT | P_ORG_STAFF | P_ORG2_STAFF, P_SECRETARIAT | P_ORG_STAFF,
                  P_SECRETARIAT | P_ORG_STAFF | P_ORG2_STAFF, P_SECRETARIAT | P_ORG_STAFF),
    .rows_private = true,
    .linked_readers = booking_deciders,
    .default_sort = "starts_at",
    .validate = validate_booking,
    .agree = owner_agree,
    .perm_doc = {WHO_BOOKING_READ,
                 "本联合体秘书处，或预约单位（须为成员）的工作人员；新预约为待审批 — the "
                 "secretariat, or staff of the booking unit (a member); a new booking is "
                 "requested",
                 "预约单位改内容；资源所属单位、牵头/共建/运营单位或秘书处审批；状态按序推进 — "
                 "the booking unit edits; the facility's unit, a lead, co-building or operating "
                 "co-owner, or the secretariat approves; the status moves in order",
                 "本联合体秘书处或预约单位 — the secretariat or the booking unit"},
    .import = &(const entity_import){"facility-bookings", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"facility_id", "organization_id", "starts_at"}}};
