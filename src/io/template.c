/*
 * template.c — import templates from the entity descriptions (see
 * template.h).  Everything here is read off the description: which
 * fields are columns (those the importer reads), which are required (an
 * F_REQUIRED field without an import default), the example (the field's
 * `example`, else a value of its type that the importer accepts: an
 * enumeration's first label, a date, a number within the bounds), the
 * drop-down lists (the enumeration's labels) and the rules of the 说明
 * sheet (bounds, pattern, options, how a reference is written, taken
 * from the referenced entity's sheet_ref).  An optional reference or
 * text without an example is left blank in the example row: a made-up
 * one would not import.
 */
#include "io/template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export.h"

#define TEMPLATE_MAX_COLS 64
#define TEMPLATE_MAX_OPTS 64

bool template_column(const entity_def *d, const field_def *f)
{
    /* What the importer reads (io/import.c's importable()), less the
     * consortium and a catalogue's edition, which the import names for
     * every row. */
    if (!export_field(f) || f->type == FT_ID || (f->flags & F_READONLY))
        return false;
    if (d->import && d->import->edition && !strcmp(f->name, "edition"))
        return false;
    return !(d->consortium_field && d->import && d->import->consortium != IMPORT_NO_CONSORTIUM &&
             !strcmp(f->name, d->consortium_field));
}

static bool required(const field_def *f)
{
    return (f->flags & F_REQUIRED) && !f->import_default;
}

static const char *label(const field_def *f, bool en)
{
    return en && f->en ? f->en : f->zh;
}

static const char *opt_label(const enum_opt *o, bool en)
{
    return en && o->en ? o->en : o->zh;
}

/* The referenced entity, when sheets name its rows by text. */
static const entity_def *sheet_ref(const field_def *f)
{
    const entity_def *r = f->type == FT_REF && f->ref ? entity_find(f->ref) : NULL;
    return r && r->sheet_ref ? r : NULL;
}

/* "示例单位名称" ("Sample Name") cut to the field's length. */
static char *sample_text(const field_def *f, bool en)
{
    char *s = en ? xasprintf("Sample %s", label(f, en)) : xasprintf("示例%s", f->zh);
    if (f->max > 0) { /* max counts characters */
        long long chars = 0;
        for (char *p = s; *p; p++)
            if ((*p & 0xC0) != 0x80 && ++chars > f->max) {
                *p = '\0';
                break;
            }
    }
    return s;
}

/* The example row's cell of f (a new string; "" for none). */
static char *example(const field_def *f, bool en)
{
    if (f->example)
        return xstrdup(f->example);
    switch (f->type) {
    case FT_ENUM: {
        const enum_opt *o = f->import_default ? entity_enum_lookup(f, f->import_default) : NULL;
        if (!o)
            o = f->opts && f->opts[0].value ? &f->opts[0] : NULL;
        return xstrdup(o ? opt_label(o, en) : "");
    }
    case FT_BOOL:
        return xstrdup(en ? "yes" : "是");
    case FT_DATE:
        return xstrdup("2025-09-01");
    case FT_INT:
    case FT_NUM: {
        long long v = f->min > 0 ? f->min : 10;
        if (f->max > 0 && v > f->max)
            v = f->max;
        return xasprintf("%lld", v);
    }
    case FT_REF: {
        if (!required(f))
            return xstrdup("");
        const entity_def *r = sheet_ref(f);
        const field_def *rf = r ? entity_field(r, r->sheet_ref->columns[0]) : NULL;
        if (rf)
            return rf->example ? xstrdup(rf->example) : sample_text(rf, en);
        return xstrdup("1");
    }
    case FT_IDLIST:
        return xstrdup(required(f) ? "1" : "");
    default:
        return required(f) ? sample_text(f, en) : xstrdup("");
    }
}

static const char *type_word(const field_def *f)
{
    switch (f->type) {
    case FT_INT:
        return "整数 (integer)";
    case FT_NUM:
        return "数字 (number)";
    case FT_DATE:
        return "日期 YYYY-MM-DD (date YYYY-MM-DD)";
    case FT_BOOL:
        return "是/否 (yes/no)";
    case FT_ENUM:
        return "选项 (choice)";
    case FT_REF:
        return "引用 (reference)";
    case FT_IDLIST:
        return "编号列表 (list of ids)";
    case FT_FILE:
        return "文件编号 (file id)";
    case FT_FILELIST:
        return "文件编号列表，以 ; 分隔 (file ids joined by ;)";
    default:
        return "文本 (text)";
    }
}

static void rule(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void rule(buf_t *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    buf_printf(b, "%s%s", b->len ? "；" : "", tmp);
}

/* The 说明 sheet's rules of f: a new string. */
static char *rules(const entity_def *d, const field_def *f, bool en)
{
    buf_t b;
    buf_init(&b);
    switch (f->type) {
    case FT_TEXT:
        if (f->min > 0 && f->max > 0)
            rule(&b, "长度 %lld–%lld 字 (%lld–%lld characters)", f->min, f->max, f->min, f->max);
        else if (f->max > 0)
            rule(&b, "最多 %lld 字 (at most %lld characters)", f->max, f->max);
        break;
    case FT_INT:
    case FT_NUM:
        if (f->min || f->max)
            rule(&b, "范围 %lld–%lld (range)", f->min, f->max);
        break;
    case FT_IDLIST:
        if (f->min || f->max)
            rule(&b, "%lld–%lld 项 (items)", f->min, f->max);
        break;
    case FT_ENUM: {
        buf_t o;
        buf_init(&o);
        for (const enum_opt *p = f->opts; p && p->value; p++)
            buf_printf(&o, "%s%s", o.len ? "、" : "", opt_label(p, en));
        rule(&b, "可选 (options): %s", o.data);
        buf_free(&o);
        break;
    }
    case FT_REF: {
        const entity_def *r = sheet_ref(f);
        if (r) {
            buf_t c;
            buf_init(&c);
            for (size_t i = 0; i < SHEET_REF_COLUMNS && r->sheet_ref->columns[i]; i++) {
                const field_def *rf = entity_field(r, r->sheet_ref->columns[i]);
                buf_printf(&c, "%s%s", c.len ? "或" : "", rf ? rf->zh : r->sheet_ref->columns[i]);
            }
            rule(&b, "填写%s%s (the %s's %s)", r->zh, c.data, r->en, r->sheet_ref->columns[0]);
            buf_free(&c);
        } else {
            rule(&b, "填写%s的编号 (the id of a row of %s)", f->ref ? f->ref : "",
                 f->ref ? f->ref : "");
        }
        break;
    }
    default:
        break;
    }
    bool place = f->type == FT_TEXT && f->ref && !strcmp(f->ref, "regions");
    if (place)
        rule(&b, "行政区划代码或地名，如 450200、柳州市、广西柳州市鱼峰区 (a GB/T 2260 code or a "
                 "place's name)");
    else if (f->pattern)
        rule(&b, "格式 (pattern) %s", f->pattern);
    if (f->type == FT_TEXT && f->ref && !place) {
        const entity_def *cat = entity_find(f->ref);
        rule(&b, "须为%s中的代码 (a code in the %s catalogue)", cat ? cat->zh : f->ref, f->ref);
    }
    if (f->flags & F_TAGS)
        rule(&b, "多项用；或、分隔 (items separated by “；” or “、”)");
    if (f->flags & F_SCHOOL)
        rule(&b, "须为学校 (must be a school)");
    if (f->flags & F_ENTERPRISE)
        rule(&b, "须为企业 (must be an enterprise)");
    if (f->flags & F_GOVERNMENT)
        rule(&b, "须为政府部门 (must be a government department)");
    if (f->flags & F_MEMBER)
        rule(&b, "须为本联合体成员单位 (must be a member of the consortium)");
    if (f->import_default) {
        const enum_opt *o = f->type == FT_ENUM ? entity_enum_lookup(f, f->import_default) : NULL;
        rule(&b, "留空即为 (blank means) %s", o ? opt_label(o, en) : f->import_default);
    }
    if (d->org_field && !strcmp(f->name, d->org_field) && strcmp(d->org_field, "id"))
        rule(&b, "本单位人员导入时可省略 (a unit's own staff may leave it out)");
    for (size_t i = 0; d->import && i < IMPORT_KEY_FIELDS && d->import->key[i]; i++)
        if (!strcmp(d->import->key[i], f->name)) {
            rule(&b, "同一文件内不可重复 (may not repeat within the file%s)",
                 i > 0 || d->import->key[1] ? ", with the other key columns" : "");
            break;
        }
    char *s = xstrdup(b.data ? b.data : "");
    buf_free(&b);
    return s;
}

/* The 说明 (Instructions) sheet. */
static void instructions(table_writer *w, const entity_def *d, const field_def *const *cols,
                         size_t n, bool en)
{
    static const char *const head[] = {"列名 (Column)", "必填 (Required)", "类型 (Type)",
                                       "规则 (Rules)", "说明 (Description)"};
    table_writer_sheet(w, en ? "Instructions" : "说明");
    table_writer_row(w, head, 5);
    for (size_t i = 0; i < n; i++) {
        char *r = rules(d, cols[i], en);
        const char *cells[5] = {label(cols[i], en), required(cols[i]) ? "是 (yes)" : "否 (no)",
                                type_word(cols[i]), r, cols[i]->doc ? cols[i]->doc : ""};
        table_writer_row(w, cells, 5);
        free(r);
    }
}

int template_write(const entity_def *d, table_format fmt, bool en, buf_t *out, err_t *e)
{
    if (!d || !d->import)
        return err_set(e, ERR_BAD_REQUEST, "此类数据不能导入 (this kind cannot be imported)");
    const field_def *cols[TEMPLATE_MAX_COLS];
    size_t n = 0;
    for (const field_def *f = d->fields; f->name && n < TEMPLATE_MAX_COLS; f++)
        if (template_column(d, f))
            cols[n++] = f;
    table_writer *w = table_writer_new(fmt, en ? d->en : d->zh);
    char *head[TEMPLATE_MAX_COLS], *ex[TEMPLATE_MAX_COLS];
    table_type types[TEMPLATE_MAX_COLS];
    for (size_t i = 0; i < n; i++) {
        head[i] = xasprintf("%s%s", label(cols[i], en), required(cols[i]) ? "*" : "");
        ex[i] = example(cols[i], en);
        types[i] = cols[i]->type == FT_INT || cols[i]->type == FT_NUM ? TABLE_NUMBER
                   : cols[i]->type == FT_DATE                         ? TABLE_DATE
                                                                      : TABLE_TEXT;
    }
    table_writer_row(w, (const char *const *)head, n);
    table_writer_row_typed(w, (const char *const *)ex, types, n);
    for (size_t i = 0; i < n; i++) {
        if (required(cols[i]))
            table_writer_required(w, i);
        const char *opts[TEMPLATE_MAX_OPTS];
        size_t k = 0;
        if (cols[i]->type == FT_ENUM)
            for (const enum_opt *o = cols[i]->opts; o && o->value && k < TEMPLATE_MAX_OPTS; o++)
                opts[k++] = opt_label(o, en);
        else if (cols[i]->type == FT_BOOL) {
            opts[k++] = en ? "yes" : "是";
            opts[k++] = en ? "no" : "否";
        }
        if (k)
            table_writer_choices(w, i, opts, k);
    }
    if (fmt == TABLE_XLSX)
        instructions(w, d, cols, n, en);
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    for (size_t i = 0; i < n; i++) {
        free(head[i]);
        free(ex[i]);
    }
    return rc;
}

char *template_filename(const entity_def *d, table_format fmt, bool en)
{
    const char *ext = fmt == TABLE_XLSX ? "xlsx" : "csv";
    return en ? xasprintf("%s import template.%s", d->en, ext)
              : xasprintf("%s导入模板.%s", d->zh, ext);
}
