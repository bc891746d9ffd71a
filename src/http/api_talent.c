/*
 * api_talent.c — the talent supply–demand analyses over HTTP:
 *
 *   GET  /api/v1/consortia/{id}/gap?by=occupation|major&period=P[&kind=K]
 *        [&format=json|csv|xlsx[&lang=en]]
 *   GET  /api/v1/consortia/{id}/gap/trend?by=…[&from=&to=][&kind=][&code=]
 *   GET  /api/v1/consortia/{id}/recommendations?period=P[&kind=][&expand=][&shrink=]
 *        [&format=json|csv|xlsx[&lang=en]]
 *   POST /api/v1/consortia/{id}/demand-reports   {"period":P,"title":"…"}
 *   GET  /api/v1/consortia/{id}/demand-reports[?page=&per_page=&format=csv|xlsx&lang=en]
 *   GET  /api/v1/demand-reports/{id}[?format=csv|xlsx[&table=items|occupations][&lang=en]]
 *
 * Reads are open to whoever may read the consortium (public consortia:
 * anyone), since they are built from published demand and aggregate
 * supply only — no personal data.  Publishing is the secretariat's.  The
 * work is domain/talent.c's; this file parses and validates parameters,
 * and io/report_table.c lays an answer out as a spreadsheet when one is
 * asked for (named in Chinese: 人才缺口-按职业-2025年.xlsx).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/talent.h"
#include "http/http.h"
#include "io/report_table.h"

static int bad_param(http_req *r, const char *name, const char *msg)
{
    err_t e = ERR_INIT;
    err_field(&e, name, "%s", msg);
    err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): %s", name);
    http_error(r, &e);
    return -1;
}

/* An optional year parameter: 0 when absent. */
static int year_param(http_req *r, const char *name, bool required, int64_t *out)
{
    const char *s = http_query(r, name);
    *out = 0;
    if (!s || !*s)
        return required ? bad_param(r, name, "必填，如 2025 (required, e.g. 2025)") : 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 2000 || v > 2100)
        return bad_param(r, name, "应为 2000 到 2100 之间的年份 (a year 2000–2100)");
    *out = v;
    return 0;
}

static int kind_param(http_req *r, const char **kind)
{
    *kind = http_query(r, "kind");
    if (*kind && !**kind)
        *kind = NULL;
    if (*kind && !talent_kind_valid(*kind))
        return bad_param(r, "kind",
                         "应为 employment、internship、apprenticeship 或 order_class (must be "
                         "employment, internship, apprenticeship or order_class)");
    return 0;
}

static int by_param(http_req *r, bool *by_major)
{
    const char *by = http_query(r, "by");
    *by_major = by && !strcmp(by, "major");
    if (by && *by && strcmp(by, "major") && strcmp(by, "occupation"))
        return bad_param(r, "by", "应为 occupation 或 major (must be occupation or major)");
    return 0;
}

static int number_param(http_req *r, const char *name, double def, double *out)
{
    const char *s = http_query(r, name);
    *out = def;
    if (!s || !*s)
        return 0;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v) || v < 0 || v > 1e6)
        return bad_param(r, name, "应为非负数 (must be a non-negative number)");
    *out = v;
    return 0;
}

static bool en_lang(http_req *r)
{
    const char *lang = http_query(r, "lang");
    return lang && !strcmp(lang, "en");
}

/* Answer an analysis as the spreadsheet fn lays it out. */
static void download(http_req *r, json_t *answer, table_format fmt, const char *name,
                     int (*fn)(json_t *, table_format, bool, buf_t *, err_t *))
{
    err_t e = ERR_INIT;
    buf_t b;
    buf_init(&b);
    if (fn(answer, fmt, en_lang(r), &b, &e) != 0)
        http_error(r, &e);
    else
        http_download(r, fmt, name, &b);
    buf_free(&b);
}

/* {id} must be a consortium the caller may read (404 otherwise); asked
 * before any parameter is looked at (authorisation first). */
static int readable(http_req *r)
{
    err_t e = ERR_INIT;
    if (perm_consortium_readable(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return -1;
    }
    return 0;
}

void api_gap(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t period;
    const char *kind;
    bool by_major;
    json_t *out = NULL;
    if (readable(r) || by_param(r, &by_major) || year_param(r, "period", true, &period) ||
        kind_param(r, &kind))
        return;
    bool export;
    table_format fmt;
    if (http_format(r, &export, &fmt) != 0)
        return;
    int rc = talent_gap(r->sc, r->id, period, kind, by_major, &out, &e);
    if (rc != 0 || !export) {
        http_reply(r, rc, out, &e);
        return;
    }
    char *name = en_lang(r) ? xasprintf("gap-by-%s-%lld.%s", by_major ? "major" : "occupation",
                                        (long long)period, fmt == TABLE_XLSX ? "xlsx" : "csv")
                            : xasprintf("人才缺口-按%s-%lld年.%s", by_major ? "专业" : "职业",
                                        (long long)period, fmt == TABLE_XLSX ? "xlsx" : "csv");
    download(r, out, fmt, name, report_table_gap);
    free(name);
    json_decref(out);
}

void api_gap_trend(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t from, to;
    const char *kind, *code = http_query(r, "code");
    bool by_major;
    json_t *out = NULL;
    if (readable(r) || by_param(r, &by_major) || year_param(r, "from", false, &from) ||
        year_param(r, "to", false, &to) || kind_param(r, &kind))
        return;
    if (from && to && from > to) {
        bad_param(r, "to", "不能早于 from (must not be before from)");
        return;
    }
    if (code && (!*code || strlen(code) > 20)) {
        bad_param(r, "code", "应为职业编码或专业代码 (an occupation or major code)");
        return;
    }
    int rc = talent_trend(r->sc, r->id, by_major, from, to, kind, code, &out, &e);
    http_reply(r, rc, out, &e);
}

void api_recommendations(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t period;
    const char *kind;
    double expand, shrink;
    json_t *out = NULL;
    if (readable(r) || year_param(r, "period", true, &period) || kind_param(r, &kind) ||
        number_param(r, "expand", 1.2, &expand) || number_param(r, "shrink", 0.8, &shrink))
        return;
    bool export;
    table_format fmt;
    if (http_format(r, &export, &fmt) != 0)
        return;
    int rc = talent_recommend(r->sc, r->id, period, kind, expand, shrink, &out, &e);
    if (rc != 0 || !export) {
        http_reply(r, rc, out, &e);
        return;
    }
    char *name = en_lang(r) ? xasprintf("recommendations-%lld.%s", (long long)period,
                                        fmt == TABLE_XLSX ? "xlsx" : "csv")
                            : xasprintf("专业设置建议-%lld年.%s", (long long)period,
                                        fmt == TABLE_XLSX ? "xlsx" : "csv");
    download(r, out, fmt, name, report_table_recommend);
    free(name);
    json_decref(out);
}

void api_report_create(http_req *r)
{
    err_t e = ERR_INIT;
    if (talent_report_may_publish(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    json_t *in = http_body_json(r), *out = NULL;
    if (!in)
        return;
    const char *key;
    json_t *v;
    json_object_foreach (in, key, v)
        if (strcmp(key, "period") && strcmp(key, "title"))
            err_field(&e, key, "未知字段 (unknown field)");
    json_t *period = json_object_get(in, "period"), *title = json_object_get(in, "title");
    if (!json_is_integer(period))
        err_field(&e, "period", "必填，应为年份整数 (required: a year)");
    if (title && !json_is_null(title) && !json_is_string(title))
        err_field(&e, "title", "应为文本 (must be a string)");
    if (e.details) {
        err_set(&e, ERR_INVALID, "输入有误 (validation failed)");
        http_error(r, &e);
    } else if (talent_report_publish(r->sc, &r->caller, r->id, json_integer_value(period),
                                     json_string_value(title), &out, &e) != 0) {
        http_error(r, &e);
    } else {
        char *loc = xasprintf("/api/v1/demand-reports/%lld",
                              (long long)json_integer_value(json_object_get(out, "id")));
        http_header(r, "Location", loc);
        free(loc);
        http_json(r, 201, out);
    }
    json_decref(in);
}

/* At most this many reports in a spreadsheet of the list. */
#define REPORT_EXPORT_MAX 10000

void api_report_list(http_req *r)
{
    err_t e = ERR_INIT;
    int64_t page, per_page, total = 0;
    bool export;
    table_format fmt;
    if (http_list_args(r, REPORT_EXPORT_MAX, &export, &fmt, &page, &per_page) != 0)
        return;
    json_t *items = NULL;
    if (talent_report_list(r->sc, &r->caller, r->id, page, per_page, &items, &total, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (!export) {
        http_page(r, items, total, page, per_page);
        return;
    }
    /* The summary's figures are columns of their own. */
    size_t i;
    json_t *row;
    json_array_foreach (items, i, row)
        json_object_update(row, json_object_get(row, "summary"));
    http_list_download(r, &entity_demand_reports, items, fmt, "demand-reports");
    json_decref(items);
}

void api_report_get(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *rep = NULL;
    const char *format = http_query(r, "format");
    if (format && strcmp(format, "csv") && strcmp(format, "xlsx") && strcmp(format, "json")) {
        bad_param(r, "format", "应为 csv、xlsx 或 json (must be csv, xlsx or json)");
        return;
    }
    if (talent_report_get(r->sc, &r->caller, r->id, &rep, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (!format || !strcmp(format, "json")) {
        http_json(r, 200, rep);
        return;
    }
    table_format fmt = !strcmp(format, "xlsx") ? TABLE_XLSX : TABLE_CSV;
    const char *lang = http_query(r, "lang"), *table = http_query(r, "table");
    buf_t out;
    buf_init(&out);
    if (report_table_demand(rep, table, fmt, lang && !strcmp(lang, "en"), &out, &e) != 0) {
        http_error(r, &e);
    } else {
        bool occ = table && !strcmp(table, "occupations");
        long long period = (long long)json_integer_value(json_object_get(rep, "period"));
        char *name = lang && !strcmp(lang, "en")
                         ? xasprintf("demand-report-%lld-%lld%s.%s", (long long)r->id, period,
                                     occ ? "-occupations" : "", format)
                         : xasprintf("人才需求报告-%lld年-%lld号%s.%s", period, (long long)r->id,
                                     occ ? "-按职业" : "", format);
        http_download(r, fmt, name, &out);
        free(name);
    }
    buf_free(&out);
    json_decref(rep);
}
