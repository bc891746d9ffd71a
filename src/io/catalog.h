/*
 * catalog.h — the shipped editions of the two national catalogues.
 *
 * The 2022 occupational classification (职业分类大典) and the 2021
 * vocational major catalogue (职业教育专业目录) ship inside the binary
 * (src/reference/, with their sources and CC BY 4.0 attribution in
 * src/reference/SOURCES.md) and are loaded into a database that has no
 * catalogue yet.  A newer or fuller edition is loaded later with
 * `chanjiao import occupations|majors FILE --edition E`, which updates the
 * codes it shares with the loaded edition and adds the new ones: the
 * catalogues change every year, so they are data, never constants.
 */
#ifndef CJ_CATALOG_H
#define CJ_CATALOG_H

#include "core/util.h"
#include "domain/db.h"

/* Load each shipped catalogue whose table is empty (all or nothing per
 * catalogue).  *loaded (may be NULL) gets the number of rows written. */
int catalog_load_shipped(db_conn *sc, size_t *loaded, err_t *e);

#endif
