/*
 * options.c — option lists (字典): see options.h.
 *
 * The check sits beside entity_enum_lookup(), not inside it: the schema
 * floor knows only the shipped options and passes any other text of an
 * F_VOCAB field on (entity.c, vocab_text); record.c then calls
 * options_resolve() once the row's consortium is known, on every write —
 * API and import alike.  A shipped value costs nothing; any other one is
 * one prepared, indexed look-up (store_option_find), remembered for the
 * rest of an import in the store's bulk mode.
 */
#include "domain/options.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int64_t consortium_of(const entity_def *d, json_t *row)
{
    return d->consortium_field && row
               ? (int64_t)json_integer_value(json_object_get(row, d->consortium_field))
               : 0;
}

/* "可选: a 甲, b 乙": the shipped options and the consortium's active ones. */
static void refuse(store_conn *sc, const field_def *f, const char *field, int64_t cid,
                   bool deactivated, err_t *e)
{
    buf_t b = {0};
    buf_init(&b);
    for (const enum_opt *o = f->opts; o->value; o++)
        buf_printf(&b, "%s%s %s", b.len ? ", " : "", o->value, o->zh);
    json_t *items = NULL;
    err_t le = ERR_INIT;
    if (cid > 0 && store_options_list(sc, cid, &items, &le) == 0) {
        size_t i;
        json_t *it;
        json_array_foreach (items, i, it)
            if (json_is_true(json_object_get(it, "active")) &&
                !strcmp(json_string_value(json_object_get(it, "field")), field))
                buf_printf(&b, ", %s %s", json_string_value(json_object_get(it, "value")),
                           json_string_value(json_object_get(it, "label_zh")));
    }
    err_clear(&le);
    json_decref(items);
    if (deactivated)
        err_field(e, f->name, "该选项已停用，可选 (this option is deactivated; one of): %s",
                  b.data);
    else
        err_field(e, f->name, "取值无效，可选 (must be one of): %s", b.data);
    buf_free(&b);
}

int options_resolve(store_conn *sc, const entity_def *d, json_t *row, json_t *patch, json_t *before,
                    err_t *e)
{
    int64_t cid = consortium_of(d, row);
    bool same_place = before && consortium_of(d, before) == cid;
    bool bad = false;
    for (const field_def *f = d->fields; f->name; f++) {
        if (!(f->flags & F_VOCAB))
            continue;
        json_t *v = json_object_get(row, f->name);
        if (!json_is_string(v) || entity_enum_lookup(f, json_string_value(v)))
            continue;
        json_t *old = before ? json_object_get(before, f->name) : NULL;
        /* A row keeps the option it has, active or not. */
        if (same_place && json_equal(v, old))
            continue;
        char field[128], value[64];
        bool active = false;
        snprintf(field, sizeof field, "%s.%s", d->name, f->name);
        int found = cid > 0 ? store_option_find(sc, cid, field, json_string_value(v), value,
                                                sizeof value, &active)
                            : 0;
        if (found < 0)
            return err_set(e, ERR_INTERNAL, "查询字典失败 (could not read the option lists)");
        if (found == 1 && (active || (same_place && json_is_string(old) &&
                                      !strcmp(json_string_value(old), value)))) {
            json_object_set_new(row, f->name, json_string(value));
            if (patch && json_object_get(patch, f->name))
                json_object_set_new(patch, f->name, json_string(value));
            continue;
        }
        refuse(sc, f, field, cid, found == 1, e);
        bad = true;
    }
    return bad ? err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)") : 0;
}

int options_effective(store_conn *sc, const caller_t *c, int64_t consortium_id, json_t **out,
                      err_t *e)
{
    json_t *own = NULL;
    if (perm_consortium_readable(sc, c, consortium_id, e) != 0 ||
        store_options_list(sc, consortium_id, &own, e) != 0)
        return -1;
    json_t *items = json_array();
    for (const entity_def *const *dp = entity_all; *dp; dp++)
        for (const field_def *f = (*dp)->fields; f->name; f++) {
            if (!(f->flags & F_VOCAB))
                continue;
            char field[128];
            snprintf(field, sizeof field, "%s.%s", (*dp)->name, f->name);
            json_t *opts = json_array();
            for (const enum_opt *o = f->opts; o->value; o++)
                json_array_append_new(opts, json_pack("{s:s,s:s,s:s,s:b,s:b}", "value", o->value,
                                                      "label_zh", o->zh, "label_en", o->en,
                                                      "shipped", 1, "active", 1));
            size_t i;
            json_t *it;
            json_array_foreach (own, i, it) {
                if (strcmp(json_string_value(json_object_get(it, "field")), field))
                    continue;
                json_t *o = json_deep_copy(it);
                json_object_del(o, "field");
                json_object_set_new(o, "shipped", json_false());
                json_array_append_new(opts, o);
            }
            json_array_append_new(items,
                                  json_pack("{s:s,s:s,s:s,s:s,s:s,s:o}", "field", field, "entity",
                                            (*dp)->name, "name", f->name, "label_zh", f->zh,
                                            "label_en", f->en, "options", opts));
        }
    json_decref(own);
    *out = json_pack("{s:I,s:I,s:o}", "consortium_id", (json_int_t)consortium_id, "total",
                     (json_int_t)json_array_size(items), "items", items);
    return 0;
}

const char *options_label(store_conn *sc, json_t *cache, const entity_def *d, const field_def *f,
                          int64_t consortium_id, const char *value, bool en)
{
    if (consortium_id <= 0 || !value || !(f->flags & F_VOCAB))
        return NULL;
    char key[64];
    snprintf(key, sizeof key, "options:%lld", (long long)consortium_id);
    json_t *labels = json_object_get(cache, key);
    if (!labels) {
        /* field → value → [zh, en], read once per consortium. */
        json_t *items = NULL;
        err_t le = ERR_INIT;
        labels = json_object();
        if (store_options_list(sc, consortium_id, &items, &le) == 0) {
            size_t i;
            json_t *it;
            json_array_foreach (items, i, it) {
                const char *fld = json_string_value(json_object_get(it, "field"));
                json_t *byval = json_object_get(labels, fld);
                if (!byval) {
                    byval = json_object();
                    json_object_set_new(labels, fld, byval);
                }
                json_t *zh = json_object_get(it, "label_zh"),
                       *enl = json_object_get(it, "label_en");
                json_object_set_new(byval, json_string_value(json_object_get(it, "value")),
                                    json_pack("[O,O]", zh, json_is_string(enl) ? enl : zh));
            }
        }
        err_clear(&le);
        json_decref(items);
        json_object_set_new(cache, key, labels);
    }
    char field[128];
    snprintf(field, sizeof field, "%s.%s", d->name, f->name);
    json_t *pair = json_object_get(json_object_get(labels, field), value);
    return pair ? json_string_value(json_array_get(pair, en ? 1 : 0)) : NULL;
}
