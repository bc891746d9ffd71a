/*
 * template.h — the blank spreadsheet an office fills in to import one
 * kind of rows (GET /api/v1/import/{kind}/template, `chanjiao template`).
 *
 * Built from the entity description alone, so it cannot drift from the
 * importer: one column per field the import reads (the consortium and a
 * catalogue's edition are the import's, not columns), headed by the Chinese label (English with
 * `en`), a required column marked "*" (which the importer's header
 * matching strips) and, in XLSX, bold red; one example row the importer
 * takes once its references name real rows; in XLSX drop-down lists for
 * enumerations and yes/no fields, and a second sheet 说明 (Instructions)
 * with one line per column: its label, whether it is required, its
 * type, its rules (length, range, pattern, options, how a reference is
 * written) and what it means.  A CSV template is the header and the
 * example row.
 */
#ifndef CJ_TEMPLATE_H
#define CJ_TEMPLATE_H

#include <stdbool.h>

#include "io/table.h"
#include "schema/entity.h"

/* Render the template of d (an importable entity) into out (appended).
 * 0, or -1 with e set (ERR_BAD_REQUEST when d is not importable). */
int template_write(const entity_def *d, table_format fmt, bool en, buf_t *out, err_t *e);
/* The file's name: "单位导入模板.xlsx" ("Organisations import
 * template.xlsx" with en); the caller frees it. */
char *template_filename(const entity_def *d, table_format fmt, bool en);
/* Whether field f of d is a column of d's template (and so of its import
 * files). */
bool template_column(const entity_def *d, const field_def *f);

#endif
