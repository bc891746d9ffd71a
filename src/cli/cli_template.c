/*
 * cli_template.c — `chanjiao template KIND --out FILE [--format xlsx|csv]
 * [--lang en]`: the blank import template of a kind (io/template.c, the
 * same file GET /api/v1/import/{kind}/template answers), written without
 * a server or a database.  The format is --format's, else the file
 * name's (.xlsx / .csv).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/template.h"

int cli_template(int argc, char **argv)
{
    static const char *const vals[] = {"--out", "--format", "--lang", NULL};
    const char *usage =
        "usage: chanjiao template KIND --out FILE [--format xlsx|csv] [--lang en]\n";
    if (argc < 3 || !strncmp(argv[2], "--", 2)) {
        fputs(usage, stderr);
        return 2;
    }
    if (cli_check_opts(argc, argv, 3, vals, NULL))
        return 2;
    const char *path = cli_opt(argc, argv, "--out"), *format = cli_opt(argc, argv, "--format"),
               *lang = cli_opt(argc, argv, "--lang");
    if (!path) {
        fputs(usage, stderr);
        return 2;
    }
    err_t e = ERR_INIT;
    const entity_def *d = entity_import_find(argv[2]);
    if (!d || !d->import) {
        fprintf(stderr, "chanjiao: 不能导入“%s”，可导入 (no such import; use) %s\n", argv[2],
                entity_import_kinds());
        return 2;
    }
    if (lang && strcmp(lang, "en") && strcmp(lang, "zh")) {
        fputs("chanjiao: --lang 应为 zh 或 en (--lang must be zh or en)\n", stderr);
        return 2;
    }
    table_format fmt;
    if (format && strcmp(format, "xlsx") && strcmp(format, "csv")) {
        fputs("chanjiao: --format 应为 xlsx 或 csv (--format must be xlsx or csv)\n", stderr);
        return 2;
    }
    if (format)
        fmt = !strcmp(format, "csv") ? TABLE_CSV : TABLE_XLSX;
    else if (table_format_of(path, &fmt, &e) != 0)
        return cli_done(NULL, -1, &e);
    buf_t out;
    buf_init(&out);
    int rc = template_write(d, fmt, lang && !strcmp(lang, "en"), &out, &e);
    if (rc == 0) {
        FILE *f = fopen(path, "wb");
        bool ok = f && fwrite(out.data, 1, out.len, f) == out.len;
        if (f && fclose(f) != 0)
            ok = false;
        if (!ok) {
            remove(path);
            err_set(&e, ERR_INTERNAL, "无法写入 (cannot write) %s", path);
            rc = -1;
        } else {
            printf("模板已写入 (template written): %s\n", path);
        }
    }
    buf_free(&out);
    return cli_done(NULL, rc, &e);
}
