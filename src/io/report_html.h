/*
 * report_html.h — the annual report (domain/annual_report.h's JSON) as one
 * self-contained printable HTML page: inline CSS for A4 with Chinese
 * typography, tables whose headers repeat across pages, bar charts drawn
 * here as inline SVG with text labels, no script, every text escaped.
 * The PDF (io/report_pdf.c) is this page printed.
 */
#ifndef CJ_REPORT_HTML_H
#define CJ_REPORT_HTML_H

#include <jansson.h>

#include "core/util.h"

/* Append the page for `report` to out (buf_init'ed by the caller, who
 * frees it).  The same report gives the same bytes. */
void report_html_annual(json_t *report, buf_t *out);

/* Append s to out with & < > " ' escaped. */
void report_html_escape(buf_t *out, const char *s);

#endif
