/*
 * export.c — see export.h.  References to organisations are written as
 * the organisation's name (the importer resolves names and credit codes
 * back to ids), references to students as the student number; other
 * references stay ids.
 */
#include "io/export.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

bool export_field(const field_def *f)
{
    return !(f->flags & (F_NOEXPORT | F_WRITEONLY));
}

static const char *org_name(store_conn *sc, json_t *cache, json_int_t id)
{
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    json_t *v = json_object_get(cache, key);
    if (!v) {
        json_t *row = NULL;
        err_t e = ERR_INIT;
        if (store_entity_get(sc, entity_find("organizations"), id, &row, &e) == 0)
            v = json_string(json_string_value(json_object_get(row, "name")));
        else
            v = json_string(key);
        err_clear(&e);
        json_decref(row);
        json_object_set_new(cache, key, v);
    }
    return json_string_value(v);
}

/* Students are written by student number (学号), which the importer
 * reads back. */
static const char *student_no(store_conn *sc, json_t *cache, json_int_t id)
{
    char key[32], no[64];
    snprintf(key, sizeof key, "s%lld", (long long)id);
    json_t *v = json_object_get(cache, key);
    if (!v) {
        if (!store_student_no(sc, id, no, sizeof no))
            snprintf(no, sizeof no, "%lld", (long long)id);
        v = json_string(no);
        json_object_set_new(cache, key, v);
    }
    return json_string_value(v);
}

static char *cell_text(store_conn *sc, json_t *cache, const field_def *f, json_t *v, bool en)
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
        if (!strcmp(f->ref, "organizations"))
            return xstrdup(org_name(sc, cache, json_integer_value(v)));
        if (!strcmp(f->ref, "students"))
            return xstrdup(student_no(sc, cache, json_integer_value(v)));
        return xasprintf("%lld", (long long)json_integer_value(v));
    case FT_IDLIST: {
        buf_t b = {0};
        buf_init(&b);
        size_t i;
        json_t *x;
        json_array_foreach (v, i, x) {
            if (i)
                buf_puts(&b, "；");
            if (!strcmp(f->ref, "organizations"))
                buf_puts(&b, org_name(sc, cache, json_integer_value(x)));
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
        return xstrdup(json_is_string(v) ? json_string_value(v) : "");
    }
}

int export_rows(store_conn *sc, const entity_def *d, json_t *items, table_format fmt,
                const char *lang, buf_t *out, err_t *e)
{
    bool en = lang && !strcmp(lang, "en");
    const field_def *cols[64];
    size_t n = 0;
    for (const field_def *f = d->fields; f->name && n < 64; f++)
        if (export_field(f))
            cols[n++] = f;
    table_writer *w = table_writer_new(fmt, en ? d->en : d->zh);
    const char *head[64];
    for (size_t i = 0; i < n; i++)
        head[i] = en ? cols[i]->name : cols[i]->zh;
    table_writer_row(w, head, n);
    json_t *cache = json_object();
    size_t r;
    json_t *row;
    char *cells[64];
    json_array_foreach (items, r, row) {
        for (size_t i = 0; i < n; i++)
            cells[i] = cell_text(sc, cache, cols[i], json_object_get(row, cols[i]->name), en);
        table_writer_row(w, (const char *const *)cells, n);
        for (size_t i = 0; i < n; i++)
            free(cells[i]);
    }
    json_decref(cache);
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    return rc;
}
