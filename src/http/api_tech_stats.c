/*
 * api_tech_stats.c — the technology platform's figures over HTTP:
 *
 *   GET /api/v1/consortia/{id}/rd-stats[?year=Y][&format=csv|xlsx[&lang=en]]
 *
 * Needs published, answered and matched, the median wait for a first
 * answer, projects by kind and status, funds, outputs by kind — in total
 * and per unit (domain/tech_stats.h gives the shape), counted over what
 * the caller may read.  csv/xlsx download the per-unit table
 * (技术服务数据-按单位-2025年.xlsx).  The consortium must be readable
 * (404) before the parameters are looked at.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/tech_stats.h"
#include "http/http.h"
#include "io/report_table.h"

void api_tech_stats(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    const char *ys = http_query(r, "year");
    long year = 0;
    if (perm_consortium_readable(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (ys) {
        char *end;
        year = strtol(ys, &end, 10);
        if (!*ys || *end || year < 2000 || year > 2100) {
            err_field(&e, "year", "应为 2000 到 2100 之间的年份 (a year 2000–2100)");
            err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): year");
            http_error(r, &e);
            return;
        }
    }
    bool export;
    table_format fmt;
    if (http_format(r, &export, &fmt) != 0)
        return;
    if (tech_stats_get(r->sc, &r->caller, r->id, (int)year, &out, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (!export) {
        http_reply(r, 0, out, &e);
        return;
    }
    const char *lang = http_query(r, "lang");
    bool en = lang && !strcmp(lang, "en");
    buf_t b;
    buf_init(&b);
    char *name = year ? xasprintf(en ? "rd-stats-units-%ld.%s" : "技术服务数据-按单位-%ld年.%s",
                                  year, fmt == TABLE_XLSX ? "xlsx" : "csv")
                      : xasprintf(en ? "rd-stats-units.%s" : "技术服务数据-按单位.%s",
                                  fmt == TABLE_XLSX ? "xlsx" : "csv");
    if (report_table_rd_units(out, fmt, en, &b, &e) != 0)
        http_error(r, &e);
    else
        http_download(r, fmt, name, &b);
    free(name);
    buf_free(&b);
    json_decref(out);
}
