/*
 * export.c — see export.h.  A reference to a row of an entity with a
 * sheet_ref is written as that description says (an organisation by its
 * name, a student by student number), which the importer reads back;
 * other references stay ids.  The texts come from the domain
 * (batch_ref_text), one look-up per referenced row; a consortium's own
 * option of a vocabulary field is written by its label (options_label,
 * one read per consortium).  Sheets of importable entities open with the
 * row id (编号 / id), which an import in update or upsert mode reads as
 * the row to change.  In XLSX,
 * integers and decimals (人数, 金额, 年度, 成绩) are number cells and dates
 * date cells (export_cell_type); codes, ids and every text stay text.
 * With lang "en" the headers are the English labels, which the importer
 * reads as well as the Chinese ones.
 */
#include "io/export.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "domain/batch.h"
#include "domain/options.h"
#include "domain/region.h"

bool export_field(const field_def *f)
{
    return !(f->flags & (F_NOEXPORT | F_WRITEONLY));
}

/* The text a sheet writes for row id of ref (its sheet_ref), the id if
 * the row is gone; looked up once per row per export. */
static const char *ref_text(db_conn *sc, json_t *cache, const entity_def *ref, json_int_t id)
{
    char key[96], text[512];
    snprintf(key, sizeof key, "%s:%lld", ref->name, (long long)id);
    json_t *v = json_object_get(cache, key);
    if (!v) {
        if (!batch_ref_text(sc, ref, id, text, sizeof text))
            snprintf(text, sizeof text, "%lld", (long long)id);
        v = json_string(text);
        json_object_set_new(cache, key, v);
    }
    return json_string_value(v);
}

/* The entity a reference field names, if sheets name its rows by text. */
static const entity_def *sheet_ref_of(const field_def *f)
{
    const entity_def *ref = f->ref ? entity_find(f->ref) : NULL;
    return ref && ref->sheet_ref ? ref : NULL;
}

/* A region code as people read it, "柳州市 450200" (the importer reads
 * the code back out of it); looked up once per code per export. */
static char *region_cell(db_conn *sc, json_t *cache, const char *code)
{
    char key[64], text[320];
    snprintf(key, sizeof key, "regions:%.40s", code);
    json_t *v = json_object_get(cache, key);
    if (!v) {
        region_catalog_label(sc, "regions", code, text, sizeof text);
        v = json_string(text);
        json_object_set_new(cache, key, v);
    }
    return xstrdup(json_string_value(v));
}

static char *cell_text(db_conn *sc, json_t *cache, const field_def *f, json_t *v, bool en)
{
    if (!v || json_is_null(v))
        return xstrdup("");
    switch (f->type) {
    case FT_ENUM: {
        const enum_opt *o = entity_enum_lookup(f, json_string_value(v));
        return xstrdup(o ? (en ? o->en : o->zh) : json_string_value(v));
    }
    case FT_BOOL:
        return xstrdup(json_is_true(v) ? (en ? "yes" : "是") : (en ? "no" : "否"));
    case FT_REF:
        if (sheet_ref_of(f))
            return xstrdup(ref_text(sc, cache, sheet_ref_of(f), json_integer_value(v)));
        return xasprintf("%lld", (long long)json_integer_value(v));
    case FT_FILELIST: {
        buf_t b = {0};
        buf_init(&b);
        size_t i;
        json_t *x;
        json_array_foreach (v, i, x)
            buf_printf(&b, "%s%s", i ? ";" : "", json_string_value(x) ? json_string_value(x) : "");
        return b.data ? b.data : xstrdup("");
    }
    case FT_IDLIST: {
        buf_t b = {0};
        buf_init(&b);
        size_t i;
        json_t *x;
        json_array_foreach (v, i, x) {
            if (i)
                buf_puts(&b, "；");
            if (sheet_ref_of(f))
                buf_puts(&b, ref_text(sc, cache, sheet_ref_of(f), json_integer_value(x)));
            else
                buf_printf(&b, "%lld", (long long)json_integer_value(x));
        }
        return b.data;
    }
    case FT_INT:
    case FT_ID:
        return xasprintf("%lld", (long long)json_integer_value(v));
    case FT_NUM:
        return xasprintf("%.15g", json_number_value(v));
    default:
        if (f->type == FT_TEXT && f->ref && !strcmp(f->ref, "regions") && json_is_string(v))
            return region_cell(sc, cache, json_string_value(v));
        return xstrdup(json_is_string(v) ? json_string_value(v) : "");
    }
}

/* A vocabulary field's cell: a consortium's own option is written by its
 * label too (domain/options.c), which the importer reads back. */
static char *vocab_cell(db_conn *sc, json_t *cache, const entity_def *d, const field_def *f,
                        json_t *row, bool en)
{
    json_t *v = json_object_get(row, f->name);
    const char *label =
        json_is_string(v) && !entity_enum_lookup(f, json_string_value(v)) && d->consortium_field
            ? options_label(sc, cache, d, f,
                            json_integer_value(json_object_get(row, d->consortium_field)),
                            json_string_value(v), en)
            : NULL;
    return label ? xstrdup(label) : cell_text(sc, cache, f, v, en);
}

table_type export_cell_type(const field_def *f)
{
    switch (f->type) {
    case FT_INT:
    case FT_NUM:
        return TABLE_NUMBER;
    case FT_DATE:
        return TABLE_DATE;
    default:
        return TABLE_TEXT; /* codes, ids, references, enums: text */
    }
}

int export_rows(db_conn *sc, const entity_def *d, json_t *items, table_format fmt, const char *lang,
                buf_t *out, err_t *e)
{
    bool en = lang && !strcmp(lang, "en");
    const field_def *cols[64];
    size_t n = 0;
    /* An importable entity's sheet starts with the row id (编号), so an
     * edited sheet loads back as an update of its rows (import modes). */
    if (d->import && d->fields[0].type == FT_ID)
        cols[n++] = &d->fields[0];
    for (const field_def *f = d->fields; f->name && n < 64; f++)
        if (export_field(f))
            cols[n++] = f;
    table_writer *w = table_writer_new(fmt, en ? d->en : d->zh);
    const char *head[64];
    table_type types[64];
    for (size_t i = 0; i < n; i++) {
        head[i] = en && cols[i]->en ? cols[i]->en : cols[i]->zh;
        types[i] = export_cell_type(cols[i]);
    }
    table_writer_row(w, head, n);
    json_t *cache = json_object();
    size_t r;
    json_t *row;
    char *cells[64];
    json_array_foreach (items, r, row) {
        for (size_t i = 0; i < n; i++)
            cells[i] = cols[i]->flags & F_VOCAB
                           ? vocab_cell(sc, cache, d, cols[i], row, en)
                           : cell_text(sc, cache, cols[i], json_object_get(row, cols[i]->name), en);
        table_writer_row_typed(w, (const char *const *)cells, types, n);
        for (size_t i = 0; i < n; i++)
            free(cells[i]);
    }
    json_decref(cache);
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    return rc;
}
