/*
 * entities_options.c — option lists (字典): a consortium's own options
 * for the enumerations that are vocabulary, in the same one-description
 * form as the register (entity.h).
 *
 * Some enumerations are words, not logic: what kinds of agreement a
 * consortium signs, what meetings and trainings it holds.  The code never
 * branches on them, and every consortium names a few of its own (订单班协议,
 * 现场工程师培训).  Such a field is flagged F_VOCAB; the shipped options
 * stay, and a consortium's secretariat adds options on top as rows of this
 * entity — "field" names the field ("agreements.type"), "value" is the
 * stable ASCII code stored in the rows (given, or derived from the Chinese
 * label), label_zh / label_en are what forms show and imports accept.
 * Options are deactivated (active = false), not deleted: rows that carry
 * one keep it, new writes may not choose it.  Enumerations the code
 * reasons about (roles, statuses, unit types, education levels) are not
 * F_VOCAB and stay fixed.
 *
 * Here: the description and the checks that need no database (the field
 * is an F_VOCAB field, the value and labels are not a shipped option's).
 * Which values a row may take is domain/options.c's question.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/strmap.h"
#include "schema/entity_fields.h"

const field_def *entity_vocab_field(const char *name, const entity_def **out)
{
    const char *dot = name ? strchr(name, '.') : NULL;
    if (!dot || dot == name || strlen(dot) < 2)
        return NULL;
    char ent[64];
    size_t n = (size_t)(dot - name);
    if (n >= sizeof ent)
        return NULL;
    memcpy(ent, name, n);
    ent[n] = '\0';
    const entity_def *d = entity_find(ent);
    const field_def *f = d ? entity_field(d, dot + 1) : NULL;
    if (!f || f->type != FT_ENUM || !(f->flags & F_VOCAB) || !d->consortium_field)
        return NULL;
    if (out)
        *out = d;
    return f;
}

/* "agreements.type, meetings.kind, …": every F_VOCAB field, for messages. */
static void vocab_fields(char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (const entity_def *const *d = entity_all; *d; d++)
        for (const field_def *f = (*d)->fields; f->name; f++)
            if ((f->flags & F_VOCAB) && used < n)
                used += (size_t)snprintf(out + used, n - used, "%s%s.%s", used ? ", " : "",
                                         (*d)->name, f->name);
}

static int check_vocab_field(const char *s, char *msg, size_t n)
{
    if (entity_vocab_field(s, NULL))
        return 0;
    char names[256];
    vocab_fields(names, sizeof names);
    snprintf(msg, n, "不是可扩展的字典字段，可选 (not an extensible field; one of): %s", names);
    return -1;
}

/* A stable code: a lower-case ASCII letter, then letters, digits, '_'. */
static int check_option_value(const char *s, char *msg, size_t n)
{
    bool ok = s[0] >= 'a' && s[0] <= 'z';
    for (const char *p = s; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (!ok)
        snprintf(msg, n,
                 "代码应以小写字母开头，只含小写字母、数字和下划线 (a code starts with a "
                 "lower-case letter and holds only a-z, 0-9 and _)");
    return ok ? 0 : -1;
}

/* The code derived from the Chinese label when none is given: "c" and
 * 8 hex digits of its hash, the same for the same label everywhere. */
static void derive_value(const char *zh, char out[16])
{
    snprintf(out, 16, "c%08x", (unsigned)(hash_fnv1a_str(zh) & 0xffffffffu));
}

static void validate_option(const entity_def *d, json_t *row, err_t *e)
{
    (void)d;
    const char *field = json_string_value(json_object_get(row, "field"));
    const char *zh = json_string_value(json_object_get(row, "label_zh"));
    const char *en = json_string_value(json_object_get(row, "label_en"));
    const char *value = json_string_value(json_object_get(row, "value"));
    if (!value && zh) {
        char v[16];
        derive_value(zh, v);
        json_object_set_new(row, "value", json_string(v));
        value = json_string_value(json_object_get(row, "value"));
    }
    const field_def *f = field ? entity_vocab_field(field, NULL) : NULL;
    if (f) {
        /* An option adds to the shipped list; it does not shadow it. */
        if (value && entity_enum_lookup(f, value))
            err_field(e, "value", "与内置选项重复 (the same as a shipped option)");
        if (zh && entity_enum_lookup(f, zh))
            err_field(e, "label_zh", "与内置选项重复 (the same as a shipped option)");
        if (en && entity_enum_lookup(f, en))
            err_field(e, "label_en", "与内置选项重复 (the same as a shipped option)");
    }
    static const char *const not_null[] = {"active", "sort_order"};
    for (size_t i = 0; i < sizeof not_null / sizeof *not_null; i++)
        if (json_is_null(json_object_get(row, not_null[i])))
            err_field(e, not_null[i], "不能为空 (may not be null)");
}

static const field_def option_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"field", "字段", "Field", FT_TEXT, F_REQUIRED | F_IMMUTABLE | F_FILTER | F_SORT, .max = 64,
     .check = check_vocab_field, .example = "agreements.type",
     .doc = "所扩展的字段，形如 实体.字段，须为可扩展（extensible）的枚举 — the field "
            "extended, as entity.field; must be an extensible enumeration."},
    {"value", "代码", "Code", FT_TEXT, F_IMMUTABLE | F_FILTER | F_SORT, .min = 1, .max = 40,
     .check = check_option_value, .pattern = "^[a-z][a-z0-9_]*$", .example = "order_class",
     .doc = "存入记录的稳定代码；不给则由中文名称生成 — the stable code stored in the "
            "rows; derived from the Chinese label when not given."},
    {"label_zh", "中文名称", "Chinese label", FT_TEXT, F_REQUIRED | F_SEARCH | F_SORT, .min = 1,
     .max = 100, .example = "订单班协议",
     .doc = "表单显示、导入接受的名称；本联合体同一字段内唯一 — shown in forms and "
            "accepted on import; unique within the consortium's field."},
    {"label_en", "英文名称", "English label", FT_TEXT, 0, .max = 100},
    {"sort_order", "排序", "Sort order", FT_INT, F_SORT, .min = -100000, .max = 100000,
     .nullable = FN_NOT_NULL, .doc = "小的在前；默认 0 — smaller first; 0 by default."},
    {"active", "启用", "Active", FT_BOOL, F_FILTER, .nullable = FN_NOT_NULL,
     .doc = "停用的选项仍显示在已有记录上，但新写入不能再选 — a deactivated option "
            "still shows on rows that have it, but new writes may not choose it."},
    STAMPS,
    END};

const entity_def options_entity = {
    "options",
    "options",
    "字典项",
    "Option list items",
    option_fields,
    .consortium_field = "consortium_id",
    .perm = PERMS(P_MEMBERS, P_SECRETARIAT, P_SECRETARIAT, P_ADMIN),
    .default_sort = "sort_order",
    .validate = validate_option,
    .unique = {"consortium_id,field,value", "consortium_id,field,label_zh"},
    .perm_doc = {WHO_MEMBERS, WHO_SECRETARIAT, WHO_SECRETARIAT,
                 "平台管理员（秘书处停用而不删除：active = false） — platform admin (the "
                 "secretariat deactivates instead: active = false)"}};
