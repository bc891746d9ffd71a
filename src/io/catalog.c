/*
 * catalog.c — loading the shipped catalogue editions (see catalog.h).
 *
 * The shipped files go through the same importer as any spreadsheet a
 * user loads (io/import.c), so a shipped row is checked exactly as an
 * imported one: code formats, levels, lengths.
 */
#include "io/catalog.h"

#include <jansson.h>
#include <string.h>

#include "core/embedded.h"
#include "domain/batch.h"
#include "domain/perm.h"
#include "io/import.h"

static const struct {
    const char *kind, *file, *edition;
} shipped[] = {{"occupations", "src/reference/occupations_2022.csv", "2022"},
               {"majors", "src/reference/majors_2021.csv", "2021"},
               {"regions", "src/reference/regions_2021.csv", "2021"}};

int catalog_load_shipped(db_conn *sc, size_t *loaded, err_t *e)
{
    caller_t sys = caller_system();
    if (loaded)
        *loaded = 0;
    for (size_t i = 0; i < sizeof shipped / sizeof *shipped; i++) {
        if (batch_count(sc, entity_import_find(shipped[i].kind)) > 0)
            continue;
        const struct embedded_file *f = embedded_find(shipped[i].file);
        if (!f)
            return err_set(e, ERR_INTERNAL, "内置目录缺失 (shipped catalogue missing): %s",
                           shipped[i].file);
        import_opts o = {
            shipped[i].kind, 0, shipped[i].edition, shipped[i].file, false, NULL, NULL};
        import_report rep;
        int rc = import_run(sc, &sys, &o, TABLE_CSV, f->data, f->len, &rep, e);
        if (rc == 0 && loaded)
            *loaded += rep.imported;
        import_report_free(&rep);
        if (rc != 0)
            return -1;
    }
    return 0;
}
