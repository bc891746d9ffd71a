/*
 * api_lists.c — the three lists (三张清单) over HTTP:
 *
 *   POST /api/v1/consortia/{id}/lists   {"kind","period","title"?}
 *   GET  /api/v1/consortia/{id}/lists[?kind=&page=&per_page=]
 *   GET  /api/v1/lists/{id}[?page=&per_page=&format=csv|xlsx&lang=en]
 *
 * Publishing is the secretariat's (asked before the body is read); reads
 * are open to whoever may read the consortium.  The rules are
 * domain/lists.c's; this file checks the body's shape and lays a list out
 * as a spreadsheet — a talent-needs list as its demand report
 * (io/report_table.c), the others one column per field of the row, named
 * in Chinese unless ?lang=en (技术需求清单-2026-3号.xlsx).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/lists.h"
#include "domain/talent.h"
#include "http/http.h"
#include "io/report_table.h"
#include "io/table.h"

void api_lists_create(http_req *r)
{
    err_t e = ERR_INIT;
    if (lists_may_publish(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = http_body_json(r), *out = NULL;
    if (!in)
        return;
    const char *key;
    json_t *v;
    json_object_foreach (in, key, v)
        if (strcmp(key, "kind") && strcmp(key, "period") && strcmp(key, "title"))
            err_field(&e, key, "未知字段 (unknown field)");
    json_t *kind = json_object_get(in, "kind"), *period = json_object_get(in, "period"),
           *title = json_object_get(in, "title");
    char year[24] = "";
    if (!json_is_string(kind))
        err_field(&e, "kind",
                  "必填：core_products、tech_needs 或 talent_needs (required: core_products, "
                  "tech_needs or talent_needs)");
    if (json_is_integer(period))
        snprintf(year, sizeof year, "%lld", (long long)json_integer_value(period));
    else if (!json_is_string(period))
        err_field(&e, "period",
                  "必填：年份如 2026，或半年如 2026H1 (required: a year or half year)");
    if (title && !json_is_null(title) && !json_is_string(title))
        err_field(&e, "title", "应为文本 (must be a string)");
    if (e.details) {
        err_set(&e, ERR_INVALID, "输入有误 (validation failed)");
        http_error(r, &e);
    } else if (lists_publish(r->sc, &r->caller, r->id, json_string_value(kind),
                             *year ? year : json_string_value(period), json_string_value(title),
                             &out, &e) != 0) {
        http_error(r, &e);
    } else {
        char *loc = xasprintf("/api/v1/lists/%lld",
                              (long long)json_integer_value(json_object_get(out, "id")));
        http_header(r, "Location", loc);
        free(loc);
        http_json(r, 201, out);
    }
    json_decref(in);
}

void api_lists_list(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t page, per_page, total = 0;
    if (http_paging(r, &page, &per_page) != 0)
        return;
    json_t *items = NULL;
    const char *kind = http_query(r, "kind");
    if (lists_page(r->sc, &r->caller, r->id, kind && *kind ? kind : NULL, page, per_page, &items,
                   &total, &e) != 0) {
        http_error(r, &e);
        return;
    }
    http_page(r, items, total, page, per_page);
}

/* The columns of a snapshot's spreadsheet: the row's key, the Chinese
 * and English headers, the cell's type. */
typedef struct {
    const char *key, *zh, *en;
    table_type type;
} list_column;

static const list_column tech_need_columns[] = {
    {"id", "需求编号", "Need", TABLE_NUMBER},
    {"title", "标题", "Title", TABLE_TEXT},
    {"enterprise", "企业", "Enterprise", TABLE_TEXT},
    {"field_label", "技术领域", "Field", TABLE_TEXT},
    {"keywords", "关键词", "Keywords", TABLE_TEXT},
    {"description", "需求描述", "Description", TABLE_TEXT},
    {"budget_min", "预算下限（元）", "Budget from (yuan)", TABLE_NUMBER},
    {"budget_max", "预算上限（元）", "Budget to (yuan)", TABLE_NUMBER},
    {"wanted_by", "期望完成日期", "Wanted by", TABLE_DATE},
    {"status", "状态", "Status", TABLE_TEXT},
    {"published_on", "发布日期", "Published on", TABLE_DATE},
    {"contact", "联系方式", "Contact", TABLE_TEXT},
    {NULL, NULL, NULL, TABLE_TEXT}};

static const list_column core_product_columns[] = {
    {"id", "产品编号", "Product", TABLE_NUMBER},
    {"name", "产品名称", "Product name", TABLE_TEXT},
    {"enterprise", "企业", "Enterprise", TABLE_TEXT},
    {"chain_link_label", "产业链环节", "Chain link", TABLE_TEXT},
    {"description", "产品描述", "Description", TABLE_TEXT},
    {"key_technologies", "关键技术", "Key technologies", TABLE_TEXT},
    {"occupations", "紧缺职业", "Occupations needed", TABLE_TEXT},
    {NULL, NULL, NULL, TABLE_TEXT}};

/* A need's status as people read it (the list holds two of the four). */
static const char *status_label(const char *s, bool en)
{
    if (s && !strcmp(s, "published"))
        return en ? "Published" : "已发布";
    if (s && !strcmp(s, "in_progress"))
        return en ? "In progress" : "进行中";
    return s;
}

static int list_table(json_t *list, table_format fmt, bool en, buf_t *out, err_t *e)
{
    bool needs = !strcmp(json_string_value(json_object_get(list, "kind")), "tech_needs");
    const list_column *cols = needs ? tech_need_columns : core_product_columns;
    size_t n = 0;
    while (cols[n].key)
        n++;
    table_writer *w = table_writer_new(fmt, needs ? (en ? "Technology needs" : "技术需求清单")
                                                  : (en ? "Core products" : "核心产品清单"));
    const char *cells[16];
    table_type types[16];
    char nums[16][32];
    for (size_t i = 0; i < n; i++)
        cells[i] = en ? cols[i].en : cols[i].zh;
    table_writer_row(w, cells, n);
    size_t ri;
    json_t *row;
    json_array_foreach (json_object_get(list, "items"), ri, row) {
        for (size_t i = 0; i < n; i++) {
            const char *key = cols[i].key;
            if (en && !strcmp(key, "field_label"))
                key = "field_label_en";
            if (en && !strcmp(key, "chain_link_label"))
                key = "chain_link_label_en";
            json_t *v = json_object_get(row, key);
            types[i] = cols[i].type;
            if (json_is_integer(v)) {
                snprintf(nums[i], sizeof nums[i], "%lld", (long long)json_integer_value(v));
                cells[i] = nums[i];
            } else {
                cells[i] = json_string_value(v);
            }
            if (!strcmp(key, "status"))
                cells[i] = status_label(cells[i], en);
        }
        table_writer_row_typed(w, cells, types, n);
    }
    int rc = table_writer_finish(w, out, e);
    table_writer_free(w);
    return rc;
}

/* At most this many rows in a list's spreadsheet (Excel's last row, less
 * the header). */
#define LIST_EXPORT_MAX 1048575

void api_list_get(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t page, per_page;
    bool export;
    table_format fmt;
    if (http_format(r, &export, &fmt) != 0 || http_paging(r, &page, &per_page) != 0)
        return;
    if (export) {
        page = 1;
        per_page = LIST_EXPORT_MAX;
    }
    json_t *list = NULL, *rep = NULL;
    if (lists_get(r->sc, &r->caller, r->id, page, per_page, &list, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (!export) {
        http_json(r, 200, list);
        return;
    }
    const char *lang = http_query(r, "lang");
    bool en = lang && !strcmp(lang, "en");
    json_t *report = json_object_get(list, "report_id");
    buf_t out;
    buf_init(&out);
    int rc;
    if (json_is_integer(report)) {
        rc = talent_report_get(r->sc, &r->caller, json_integer_value(report), &rep, &e);
        if (rc == 0)
            rc = report_table_demand(rep, NULL, fmt, en, &out, &e);
    } else {
        rc = list_table(list, fmt, en, &out, &e);
    }
    if (rc != 0) {
        http_error(r, &e);
    } else {
        const char *kind = json_string_value(json_object_get(list, "kind"));
        const char *zh = !strcmp(kind, "tech_needs")      ? "技术需求清单"
                         : !strcmp(kind, "core_products") ? "核心产品清单"
                                                          : "人才需求清单";
        const char *period = json_string_value(json_object_get(list, "period"));
        const char *ext = fmt == TABLE_XLSX ? "xlsx" : "csv";
        char *name = en ? xasprintf("%s-%s-%lld.%s", kind, period, (long long)r->id, ext)
                        : xasprintf("%s-%s-%lld号.%s", zh, period, (long long)r->id, ext);
        http_download(r, fmt, name, &out);
        free(name);
    }
    buf_free(&out);
    json_decref(rep);
    json_decref(list);
}
