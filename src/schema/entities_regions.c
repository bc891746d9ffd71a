/*
 * entities_regions.c — the GB/T 2260 administrative region codes
 * (行政区划代码), the third national catalogue beside occupations and majors
 * (entities_talent.c): province, prefecture city and county level, each
 * row with its parent and its full name from the province down.
 *
 * It is described exactly as the other catalogues are, so it is served,
 * imported (a newer edition with --edition), exported and documented by
 * the same machinery: GET /api/v1/regions?parent_code=450000 lists a
 * node's children, ?level=province the top, ?q=柳州 searches names and full
 * names.  Every region field of another entity is FT_TEXT with
 * .ref = "regions", which record.c checks against the live codes and the
 * importer resolves from a name (domain/region.c).
 */
#include "schema/entity_fields.h"

static const enum_opt region_levels[] = {
    {"province", "省级", "Province", "省|自治区|直辖市|特别行政区|省级行政区"},
    {"city", "地级", "Prefecture", "地级市|市|地区|自治州|盟|地级行政区"},
    {"county", "县级", "County", "县|区|县级市|自治县|旗|县级行政区"},
    {NULL, NULL, NULL}};

static const field_def region_fields[] = {
    ID_FIELD,
    {"code", "行政区划代码", "Code", FT_TEXT, F_REQUIRED | F_FILTER | F_SORT | F_SEARCH,
     .check = check_region_code, .aliases = "代码|区划代码", .pattern = PATTERN_REGION_CODE,
     .example = "450200",
     .doc = "6 位行政区划代码（GB/T 2260：省级 2 位 + 地级 2 位 + 县级 2 位） — 6-digit "
            "administrative region code (GB/T 2260: province, prefecture, county), "
            "e.g. 450200. 唯一 (unique)."},
    {"name", "名称", "Name", FT_TEXT, F_REQUIRED | F_SORT | F_SEARCH, .min = 1, .max = 50,
     .aliases = "区划名称"},
    {"level", "层级", "Level", FT_ENUM, F_REQUIRED | F_FILTER, region_levels},
    {"parent_code", "上级代码", "Parent", FT_TEXT, F_FILTER, .check = check_region_code,
     .aliases = "上级", .pattern = PATTERN_REGION_CODE, .example = "450000",
     .doc = "上一级区划的代码（省级为空） — the code of the region above (empty for a "
            "province)."},
    {"full_name", "全称", "Full name", FT_TEXT, F_SEARCH, .max = 200,
     .example = "广西壮族自治区 柳州市",
     .doc = "自省级而下的名称，以空格分隔（略去“市辖区”“县”这类占位）— the names from "
            "the province down, separated by spaces (placeholders such as 市辖区 left "
            "out)."},
    {"edition", "版本", "Edition", FT_TEXT, F_REQUIRED | F_FILTER, .min = 4, .max = 20,
     .example = "2021",
     .doc = "目录版本，如 2021；导入目录时由 edition 参数给出 — catalogue edition, "
            "e.g. 2021; an import sets it from its edition parameter."},
    STAMPS,
    END};

const entity_def regions_entity = {
    "regions",
    "regions",
    "行政区划",
    "Regions",
    region_fields,
    .perm = PERMS(P_PUBLIC, P_ADMIN, P_ADMIN, P_ADMIN),
    .default_sort = "code",
    .unique = {"code"},
    .perm_doc = {"任何人 — anyone", WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN, WHO_PLATFORM_ADMIN},
    .import = &(const entity_import){"regions",
                                     IMPORT_NO_CONSORTIUM,
                                     true,
                                     true,
                                     {"code"},
                                     "行政区划代码重复 (this region code exists)",
                                     .natural = {"code"}}};
