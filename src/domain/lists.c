/*
 * lists.c — the three lists (lists.h).
 *
 * The rules are here: who publishes (the consortium's secretariat or a
 * platform admin, asked before the body is read), what a period is, the
 * default title, the labels a snapshot resolves, one transaction per
 * publication with its audit entry.  The copying is store_lists.c's.  A
 * talent-needs list goes through talent_report_publish, so the figures
 * and rows are exactly a demand report's; migration 015 gives every
 * report its list row.
 */
#include "domain/lists.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/record.h"
#include "domain/talent.h"

static const struct {
    const char *kind, *zh, *entity, *field;
} kinds[] = {
    {"core_products", "核心产品清单", "core_products", "chain_link"},
    {"tech_needs", "技术需求清单", "tech_needs", "field"},
    {"talent_needs", "人才需求清单", NULL, NULL},
};
#define NKINDS (sizeof kinds / sizeof *kinds)

static int kind_index(const char *kind)
{
    for (size_t i = 0; kind && i < NKINDS; i++)
        if (!strcmp(kinds[i].kind, kind))
            return (int)i;
    return -1;
}

bool lists_kind_valid(const char *kind)
{
    return kind_index(kind) >= 0;
}

/* "2026", "2026H1" or "2026H2", a year from 2000 to 2100; *year set. */
static bool period_valid(const char *p, int *year)
{
    if (!p || strlen(p) < 4)
        return false;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)p[i]))
            return false;
    *year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    if (*year < 2000 || *year > 2100)
        return false;
    return p[4] == '\0' || (p[4] == 'H' && (p[5] == '1' || p[5] == '2') && p[6] == '\0');
}

int lists_may_publish(store_conn *sc, const caller_t *c, int64_t cid, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    if (!perm_secretariat_of(c, cid))
        return err_set(e, ERR_FORBIDDEN,
                       "只有本联合体秘书处可以发布清单 (only the consortium's secretariat "
                       "publishes its lists)");
    return 0;
}

/* {"code":["中文","English"]} for the labelled field of a kind: the
 * shipped options, then the consortium's own (which win on a clash). */
static char *labels_json(store_conn *sc, int64_t cid, int k, err_t *e)
{
    json_t *map = json_object();
    const entity_def *d = entity_find(kinds[k].entity);
    const field_def *f = d ? entity_field(d, kinds[k].field) : NULL;
    for (const enum_opt *o = f ? f->opts : NULL; o && o->value; o++)
        json_object_set_new(map, o->value, json_pack("[ss]", o->zh, o->en ? o->en : o->zh));
    json_t *opts = NULL;
    if (store_options_list(sc, cid, &opts, e) != 0) {
        json_decref(map);
        return NULL;
    }
    char want[96];
    snprintf(want, sizeof want, "%s.%s", kinds[k].entity, kinds[k].field);
    size_t i;
    json_t *o;
    json_array_foreach (opts, i, o) {
        const char *field = json_string_value(json_object_get(o, "field"));
        const char *value = json_string_value(json_object_get(o, "value"));
        const char *zh = json_string_value(json_object_get(o, "label_zh"));
        const char *en = json_string_value(json_object_get(o, "label_en"));
        if (field && value && zh && !strcmp(field, want))
            json_object_set_new(map, value, json_pack("[ss]", zh, en && *en ? en : zh));
    }
    json_decref(opts);
    char *text = json_dumps(map, JSON_COMPACT);
    json_decref(map);
    return text;
}

/* The list row as the API shows it: row completed in place, returned. */
static json_t *list_view(store_conn *sc, const caller_t *c, json_t *row)
{
    json_t *cons = NULL;
    err_t e = ERR_INIT;
    int64_t cid = json_integer_value(json_object_get(row, "consortium_id"));
    if (record_get(sc, c, entity_find("consortia"), cid, &cons, &e) == 0)
        json_object_set(row, "consortium_name", json_object_get(cons, "name"));
    err_clear(&e);
    json_decref(cons);
    int k = kind_index(json_string_value(json_object_get(row, "kind")));
    if (k >= 0)
        json_object_set_new(row, "kind_label", json_string(kinds[k].zh));
    return row;
}

int lists_publish(store_conn *sc, const caller_t *c, int64_t cid, const char *kind,
                  const char *period, const char *title, json_t **out, err_t *e)
{
    if (lists_may_publish(sc, c, cid, e) != 0)
        return -1;
    int k = kind_index(kind), year = 0;
    if (k < 0)
        err_field(e, "kind",
                  "应为 core_products、tech_needs 或 talent_needs (must be core_products, "
                  "tech_needs or talent_needs)");
    if (!period_valid(period, &year))
        err_field(e, "period",
                  "应为 2000 到 2100 之间的年份，或半年如 2026H1 (a year from 2000 to 2100, or a "
                  "half year such as 2026H1)");
    else if (k >= 0 && !strcmp(kinds[k].kind, "talent_needs") && strlen(period) != 4)
        err_field(e, "period",
                  "人才需求清单按年度发布，应为年份 (talent needs are published per year: a year)");
    if (title && *title) {
        json_t *tcheck = json_string(title); /* NULL: not valid UTF-8 */
        if (!tcheck || strlen(title) > 600)
            err_field(e, "title", "最多 200 个字 (at most 200 characters)");
        json_decref(tcheck);
    }
    if (e->details)
        return err_set(e, ERR_INVALID, "输入有误 (validation failed)");

    json_t *row = NULL;
    if (!strcmp(kinds[k].kind, "talent_needs")) {
        json_t *rep = NULL;
        if (talent_report_publish(sc, c, cid, year, title, &rep, e) != 0)
            return -1;
        int64_t rid = json_integer_value(json_object_get(rep, "id"));
        json_decref(rep);
        if (store_list_by_report(sc, rid, &row, e) != 0)
            return -1;
        *out = list_view(sc, c, row);
        return 0;
    }

    json_t *cons = NULL;
    char *labels = NULL, *t = NULL;
    int rc = -1;
    if (record_get(sc, c, entity_find("consortia"), cid, &cons, e) != 0)
        return -1;
    t = title && *title ? xstrdup(title)
                        : xasprintf("%s%s年%s", json_string_value(json_object_get(cons, "name")),
                                    period, kinds[k].zh);
    if (store_begin(sc, e) != 0)
        goto out;
    labels = labels_json(sc, cid, k, e);
    if (!labels)
        goto rollback;
    char now[21];
    now_utc(now);
    int64_t id = 0, count = 0;
    if (store_list_publish(sc, cid, kinds[k].kind, period, t, c->username, now, labels, &id, &count,
                           e) != 0)
        goto rollback;
    json_t *audit = json_pack("{s:s,s:s,s:s,s:I}", "kind", kinds[k].kind, "period", period, "title",
                              t, "count", (json_int_t)count);
    int arc = record_audit(sc, c, "publish", "published_lists", id, cid, NULL, audit, e);
    json_decref(audit);
    if (arc != 0 || store_commit(sc, e) != 0)
        goto rollback;
    if (store_list_get(sc, id, &row, e) != 0)
        goto out;
    *out = list_view(sc, c, row);
    rc = 0;
    goto out;
rollback:
    store_rollback(sc);
out:
    free(labels);
    free(t);
    json_decref(cons);
    return rc;
}

int lists_get(store_conn *sc, const caller_t *c, int64_t id, int64_t page, int64_t per_page,
              json_t **out, err_t *e)
{
    json_t *row = NULL, *items = NULL;
    if (store_list_get(sc, id, &row, e) != 0)
        return -1;
    int64_t cid = json_integer_value(json_object_get(row, "consortium_id"));
    if (perm_consortium_readable(sc, c, cid, e) != 0) {
        json_decref(row);
        err_clear(e);
        return err_set(e, ERR_NOT_FOUND, "清单 %lld 不存在 (no such list)", (long long)id);
    }
    if (store_list_rows(sc, row, (page - 1) * per_page, per_page, &items, e) != 0) {
        json_decref(row);
        return -1;
    }
    json_object_set_new(row, "items", items);
    json_object_set(row, "total", json_object_get(row, "count"));
    json_object_set_new(row, "page", json_integer(page));
    json_object_set_new(row, "per_page", json_integer(per_page));
    *out = list_view(sc, c, row);
    return 0;
}

int lists_page(store_conn *sc, const caller_t *c, int64_t cid, const char *kind, int64_t page,
               int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    if (kind && !lists_kind_valid(kind)) {
        err_field(e, "kind", "应为 core_products、tech_needs 或 talent_needs");
        return err_set(e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): kind");
    }
    if (store_list_page(sc, cid, kind, page, per_page, items, total, e) != 0)
        return -1;
    size_t i;
    json_t *r;
    json_array_foreach (*items, i, r)
        list_view(sc, c, r);
    return 0;
}
