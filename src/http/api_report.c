/*
 * api_report.c — the annual report over HTTP:
 *
 *   GET /api/v1/consortia/{id}/annual-report?year=Y[&format=html|pdf|xlsx|json]
 *
 * Who: whoever may read the consortium's figures (404 otherwise, before
 * the year is looked at); the report is that caller's view
 * (domain/annual_report.c).  Without format the answer is the printable
 * page when the Accept header prefers text/html (a browser following a
 * link), else JSON (the web page's data).  pdf is the same page printed
 * by Chromium (io/report_pdf.c): 503 with Retry-After when it is busy or
 * not installed.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/annual_report.h"
#include "http/http.h"
#include "io/report_html.h"
#include "io/report_pdf.h"
#include "io/report_xlsx.h"

/* Whether Accept names text/html before application/json (or without
 * it): a browser's navigation, not the app's fetch. */
static bool wants_html(http_req *r)
{
    const char *a = http_request_header(r, "Accept");
    if (!a)
        return false;
    const char *h = strstr(a, "text/html"), *j = strstr(a, "application/json");
    return h && (!j || h < j);
}

void api_annual_report(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (perm_consortium_readable(r->sc, &r->caller, r->id, &e) != 0) {
        http_error(r, &e);
        return;
    }
    const char *ys = http_query(r, "year"), *fs = http_query(r, "format");
    char *end = NULL;
    long year = ys ? strtol(ys, &end, 10) : 0;
    if (!ys || !*ys || *end || year < 2000 || year > 2100) {
        err_field(&e, "year", "必填，应为 2000 到 2100 之间的年份 (required: a year 2000–2100)");
        err_set(&e, ERR_INVALID, "查询参数有误 (bad query parameter): year");
        http_error(r, &e);
        return;
    }
    const char *fmt = fs ? fs : wants_html(r) ? "html" : "json";
    if (strcmp(fmt, "json") && strcmp(fmt, "html") && strcmp(fmt, "pdf") && strcmp(fmt, "xlsx")) {
        err_field(&e, "format", "应为 html、pdf、xlsx 或 json (html, pdf, xlsx or json)");
        err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): format");
        http_error(r, &e);
        return;
    }
    if (annual_report_get(r->sc, &r->caller, r->id, (int)year, &out, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (!strcmp(fmt, "json")) {
        http_reply(r, 0, out, &e);
        return;
    }
    buf_t b, pdf;
    buf_init(&b);
    buf_init(&pdf);
    if (!strcmp(fmt, "xlsx")) {
        char *name = xasprintf("年度报告-%ld年.xlsx", year);
        if (report_xlsx_annual(out, &b, &e) != 0)
            http_error(r, &e);
        else
            http_download(r, TABLE_XLSX, name, &b);
        free(name);
        goto done;
    }
    report_html_annual(out, &b);
    if (!strcmp(fmt, "html")) {
        http_raw(r, 200, "text/html; charset=utf-8", b.data, b.len);
        goto done;
    }
    bool cached = false;
    if (report_pdf_render(b.data, b.len, &pdf, &cached, &e) != 0) {
        if (e.code == ERR_UNAVAILABLE)
            http_header(r, "Retry-After", "10");
        http_error(r, &e);
        goto done;
    }
    char *name = xasprintf("年度报告-%ld年.pdf", year);
    http_disposition(r, "inline", name);
    http_header(r, "X-Report-Cache", cached ? "hit" : "miss");
    http_raw(r, 200, "application/pdf", pdf.data, pdf.len);
    free(name);
done:
    buf_free(&b);
    buf_free(&pdf);
    json_decref(out);
}
