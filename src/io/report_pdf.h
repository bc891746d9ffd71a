/*
 * report_pdf.h — a printable HTML page made into a PDF by headless
 * Chromium (Debian's `chromium` package), with the fonts embedded and the
 * text extractable.  See docs/report.md for why Chromium and not
 * Pango/Cairo.
 *
 * Chromium is spawned without a shell, from an argv, on a page written to
 * a private temporary folder that is removed afterwards; it is killed
 * after REPORT_PDF_TIMEOUT_S seconds; at most REPORT_PDF_MAX_RUNNING run
 * at once (more is ERR_UNAVAILABLE, which the API answers 503 with
 * Retry-After); and the PDFs are cached in memory by the SHA-256 of the
 * HTML, so the same report is printed once.
 */
#ifndef CJ_REPORT_PDF_H
#define CJ_REPORT_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"

#define REPORT_PDF_TIMEOUT_S 60
#define REPORT_PDF_MAX_RUNNING 2
#define REPORT_PDF_CACHE_ENTRIES 16

/* The PDF of html (len bytes) appended to out; *cached (may be NULL) says
 * whether it came from the cache.  -1 with e: ERR_UNAVAILABLE when
 * Chromium is not installed (the message names the package) or busy,
 * ERR_INTERNAL when it failed or ran out of time. */
int report_pdf_render(const char *html, size_t len, buf_t *out, bool *cached, err_t *e);

/* The Chromium binary used: $CHANJIAO_CHROMIUM, else the first of
 * chromium, chromium-browser, google-chrome found on PATH; NULL if none
 * (the caller frees). */
char *report_pdf_browser(void);

/* Forget every cached PDF (tests and benchmarks measure a cold run). */
void report_pdf_cache_clear(void);

#endif
