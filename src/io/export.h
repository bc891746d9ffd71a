/*
 * export.h — a list of entity rows as a CSV or XLSX file a person opens
 * in Excel: Chinese column headers (English with lang "en"), enumeration
 * labels instead of codes, references as sheets write them (entity_def.
 * sheet_ref: organisations by name, students by number), and for an
 * importable entity the row id first, so that an export re-imports as it
 * is — as new rows, or as an update of the rows it came from.
 */
#ifndef CJ_EXPORT_H
#define CJ_EXPORT_H

#include "io/table.h"
#include "schema/entity.h"
#include "domain/db.h"

/* Render items (rows of d) into out.  lang: "zh" (default) or "en"
 * (English labels in the header row). */
int export_rows(db_conn *sc, const entity_def *d, json_t *items, table_format fmt, const char *lang,
                buf_t *out, err_t *e);
/* Whether field f appears in exports and imports. */
bool export_field(const field_def *f);
/* How an XLSX cell of field f is written: FT_INT / FT_NUM as numbers,
 * FT_DATE as dates, everything else (codes, ids, text) as text. */
table_type export_cell_type(const field_def *f);

#endif
