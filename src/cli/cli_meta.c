/*
 * cli_meta.c — `chanjiao meta`: the entity descriptions as JSON, exactly
 * the body GET /api/v1/meta/entities answers (schema/entity.c builds
 * both), without a server or a database.
 *
 *   chanjiao meta > meta.json
 *
 * scripts/gen-openapi.py reads it to write docs/openapi.json: fields,
 * permissions and their prose, default order, unique keys, import kinds
 * and per-field patterns, examples and documentation all come from the
 * descriptions, so the generator keeps no copy of them.
 */
#include <jansson.h>
#include <stdio.h>

#include "cli/cli.h"
#include "schema/entity.h"

int cli_meta(int argc, char **argv)
{
    (void)argv;
    if (argc > 2) {
        fputs("usage: chanjiao meta\n", stderr);
        return 2;
    }
    json_t *meta = entity_meta_json();
    int rc = json_dumpf(meta, stdout, JSON_COMPACT) == 0 && fputc('\n', stdout) != EOF ? 0 : 1;
    json_decref(meta);
    if (fflush(stdout) != 0)
        rc = 1;
    if (rc)
        fputs("chanjiao meta: 写出失败 (could not write the output)\n", stderr);
    return rc;
}
