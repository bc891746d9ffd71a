/*
 * entity_import.c — the import facts of the entity descriptions, walked:
 * which entity an import kind fills, the list of kinds for messages, and
 * what the meta document says about importing each entity.
 *
 * Every fact itself (kind name, consortium mode, upsert, edition, the
 * within-file key, the conflict message, the natural key that import
 * modes update by; how other sheets name an
 * entity's rows) is written once, in the entity's description
 * (entities*.c: .import, .sheet_ref).  The importer (io/import.c), the
 * import batch (domain/batch.c), the CLI and the API read them from
 * there; the OpenAPI generator reads them from GET /api/v1/meta/entities
 * ("import", "sheet_ref").
 */
#include <jansson.h>
#include <pthread.h>
#include <string.h>

#include "schema/entity.h"

const entity_def *entity_import_find(const char *kind)
{
    for (const entity_def *const *d = entity_all; kind && *d; d++)
        if ((*d)->import && (!strcmp((*d)->import->kind, kind) || !strcmp((*d)->name, kind)))
            return *d;
    return NULL;
}

static char kinds[512];
static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;

static void kinds_build(void)
{
    size_t n = 0;
    for (const entity_def *const *d = entity_all; *d; d++)
        if ((*d)->import)
            n += (size_t)snprintf(kinds + n, n < sizeof kinds ? sizeof kinds - n : 0, "%s%s",
                                  n ? ", " : "", (*d)->import->kind);
}

const char *entity_import_kinds(void)
{
    pthread_once(&kinds_once, kinds_build);
    return kinds;
}

static const char *const consortium_modes[] = {"none", "required", "optional"};

static json_t *names_json(const char *const *names, size_t max)
{
    json_t *a = json_array();
    for (size_t i = 0; i < max && names[i]; i++)
        json_array_append_new(a, json_string(names[i]));
    return a;
}

void entity_import_meta(const entity_def *d, json_t *obj)
{
    const entity_import *im = d->import;
    json_object_set_new(obj, "import",
                        im ? json_pack("{s:s,s:s,s:b,s:b,s:o,s:o,s:o}", "kind", im->kind,
                                       "consortium", consortium_modes[im->consortium], "upsert",
                                       im->upsert, "edition", im->edition, "key",
                                       names_json(im->key, IMPORT_KEY_FIELDS), "conflict",
                                       im->conflict ? json_string(im->conflict) : json_null(),
                                       "natural", names_json(im->natural, IMPORT_KEY_FIELDS))
                           : json_null());
    if (d->sheet_ref)
        json_object_set_new(obj, "sheet_ref", names_json(d->sheet_ref->columns, SHEET_REF_COLUMNS));
}
