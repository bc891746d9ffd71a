/*
 * report_xlsx.h — the annual report (domain/annual_report.h's JSON) as a
 * workbook: one sheet per table of the printed report, named in Chinese
 * (at most 31 characters), headers bold, figures as numbers.
 */
#ifndef CJ_REPORT_XLSX_H
#define CJ_REPORT_XLSX_H

#include <jansson.h>

#include "core/util.h"

/* The sheets' names, in order (NULL-terminated), for tests and docs. */
extern const char *const report_xlsx_sheets[];

/* The workbook appended to out; 0, or -1 with e set. */
int report_xlsx_annual(json_t *report, buf_t *out, err_t *e);

#endif
