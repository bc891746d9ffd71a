/*
 * entities_authority.c — the education / industry authority (issue 12) as
 * registers, in the one-description form of the register (entity.h):
 *
 *   authority_scopes  监管范围: which consortia an authority unit (a
 *                     government unit whose accounts have the role
 *                     "authority") oversees — by region code prefix (2, 4
 *                     or 6 digits: 45 is all of Guangxi) or one consortium
 *                     by name.  Platform data: only a platform admin reads
 *                     and writes the register; an authority reads its own
 *                     unit's scopes through GET /api/v1/authority/scopes
 *                     (domain/authority.c), and domain/perm.c's
 *                     perm_authority_over() is the one rule that reads them.
 *   policy_grants     政策包: what a government granted a consortium —
 *                     finance, land, tax, talent or other items with an
 *                     amount and its unit, the year, the document (文号) and
 *                     its evidence.  Read by whoever reads the consortium
 *                     (its authority too); written by an authority over the
 *                     consortium, in its own unit's name (P_AUTHORITY), or a
 *                     platform admin.
 *
 * The tables are migration 023.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "schema/entity_fields.h"

static const enum_opt grant_kinds[] = {
    {"finance", "财政", "Finance", "资金|财政资金|专项资金|经费|补助|奖补|拨款"},
    {"land", "用地", "Land", "土地|用地指标|场地"},
    {"tax", "税收", "Tax", "税费|税费减免|减税|免税|税收优惠"},
    {"talent", "人才", "Talent", "人才政策|人才引进|编制"},
    {"other", "其他", "Other", "其它"},
    {NULL, NULL, NULL}};

/* 2, 4 or 6 digits: a province, a city, a county (GB/T 2260). */
static int check_region_prefix(const char *s, char *msg, size_t n)
{
    size_t len = strlen(s);
    bool ok = len == 2 || len == 4 || len == 6;
    for (size_t i = 0; ok && i < len; i++)
        ok = isdigit((unsigned char)s[i]);
    if (ok)
        return 0;
    snprintf(msg, n,
             "应为行政区划代码的前 2、4 或 6 位数字，如 45 (2, 4 or 6 digits of a region code, "
             "e.g. 45)");
    return -1;
}

/* Exactly one of a region prefix and a named consortium. */
static void validate_scope(const entity_def *d, json_t *row, err_t *e)
{
    (void)d;
    json_t *p = json_object_get(row, "region_prefix"), *c = json_object_get(row, "consortium_id");
    bool has_p = json_is_string(p) && json_string_length(p) > 0, has_c = json_is_integer(c);
    if (has_p == has_c)
        err_field(e, has_p ? "consortium_id" : "region_prefix",
                  "须且只须填写地区代码前缀或联合体之一 (give either a region prefix or a "
                  "consortium, not both)");
}

static const field_def scope_fields[] = {
    ID_FIELD,
    {"organization_id", "主管部门", "Authority unit", FT_REF,
     F_REQUIRED | F_FILTER | F_IMMUTABLE | F_GOVERNMENT, .ref = "organizations",
     .aliases = "主管单位|监管部门|部门",
     .doc = "主管部门（政府部门单位），其角色为 authority 的账号据此查看 — the authority unit (a "
            "government unit) whose authority accounts oversee what the scope names."},
    {"region_prefix", "地区代码前缀", "Region code prefix", FT_TEXT, F_FILTER, .min = 2, .max = 6,
     .check = check_region_prefix, .pattern = "^[0-9]{2}([0-9]{2}){0,2}$", .example = "45",
     .aliases = "地区|行政区划代码",
     .doc = "行政区划代码的前 2、4 或 6 位（45 为广西全区）— the first 2, 4 or 6 digits of the "
            "region code (45: all of Guangxi)."},
    {"consortium_id", "联合体", "Consortium", FT_REF, F_FILTER, .ref = "consortia",
     .doc = "按名称指定的联合体（与地区前缀二选一）— a consortium named (instead of a region "
            "prefix)."},
    {"note", "备注", "Note", FT_TEXT, 0, .max = 500},
    STAMPS,
    END};

static const field_def grant_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"organization_id", "授予单位", "Granting unit", FT_REF,
     F_REQUIRED | F_FILTER | F_IMMUTABLE | F_GOVERNMENT, .ref = "organizations",
     .aliases = "政策单位|出台单位|主管部门",
     .doc = "出台政策的政府部门：主管部门本身（由其账号填写时）— the government unit that granted "
            "it: the authority's own unit when its account files it."},
    {"kind", "政策类别", "Kind", FT_ENUM, F_REQUIRED | F_FILTER | F_SORT, grant_kinds,
     .aliases = "类别|类型"},
    {"item", "政策事项", "Item", FT_TEXT, F_REQUIRED | F_SEARCH, .min = 2, .max = 200,
     .aliases = "事项|政策内容|名称"},
    {"amount", "数额", "Amount", FT_NUM, F_SORT, .min = 0, .max = 1000000000000LL,
     .aliases = "金额|面积|额度", .example = "500"},
    {"unit", "计量单位", "Unit", FT_TEXT, 0, .max = 20, .example = "万元", .aliases = "单位"},
    {"year", "年度", "Year", FT_INT, F_REQUIRED | F_FILTER | F_SORT, .min = 2000, .max = 2100,
     .aliases = "年份"},
    {"document", "文号", "Document", FT_TEXT, F_SEARCH, .max = 100, .aliases = "文件|政策文号",
     .example = "桂教职成〔2024〕1号"},
    {"evidence", "佐证材料", "Evidence", FT_FILE, 0, .ref = "pdf", .aliases = "附件|证明材料",
     .doc = "政策文件（PDF，POST /api/v1/files 上传）— the policy document (PDF, uploaded by "
            "POST /api/v1/files)."},
    {"note", "备注", "Note", FT_TEXT, F_LONG, .max = 2000},
    STAMPS,
    END};

const entity_def authority_scopes_entity = {
    "authority_scopes",
    "authority_scopes",
    "主管部门监管范围",
    "Authority scopes",
    scope_fields,
    .org_field = "organization_id",
    .perm = PERMS(P_ADMIN, P_ADMIN, P_ADMIN, P_ADMIN),
    .default_sort = "id",
    .validate = validate_scope,
    .perm_doc = {"平台管理员（主管部门经 GET /api/v1/authority/scopes 查看本部门的）— platform "
                 "admin (an authority reads its own unit's by GET /api/v1/authority/scopes)",
                 WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN}};

#define WHO_AUTHORITY                                                                                               \
    "监管该联合体的主管部门（以本部门名义）— the authority overseeing the consortium (in its " \
    "own unit's name)"

const entity_def policy_grants_entity = {
    "policy_grants",
    "policy_grants",
    "政策包",
    "Policy grants",
    grant_fields,
    .consortium_field = "consortium_id",
    .org_field = "organization_id",
    .perm = PERMS(P_PUBLIC, P_AUTHORITY, P_AUTHORITY, P_AUTHORITY),
    .default_sort = "-year",
    .perm_doc = {"公开联合体：任何人；否则成员单位、秘书处与主管部门 — public consortia: anyone; "
                 "others: members, secretariat and the authority",
                 WHO_AUTHORITY, WHO_AUTHORITY, WHO_AUTHORITY},
    .import = &(const entity_import){"policy-grants", IMPORT_CONSORTIUM_REQUIRED,
                                     .key = {"organization_id", "year", "item"},
                                     .natural = {"organization_id", "year", "item"}}};
