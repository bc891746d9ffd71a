/*
 * cli_files.c — `chanjiao files sweep --db DB [--uploads DIR] [--hours N]`:
 * forget uploaded files that no record names, uploaded more than N hours
 * ago (default 24: a form being filled keeps its upload), and remove
 * their bytes from the uploads folder (default <db>.uploads, as the
 * server's).  domain/files.c says why rows go before bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/files.h"

int cli_files(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--uploads", "--hours", NULL};
    if (argc < 3 || strcmp(argv[2], "sweep") || cli_check_opts(argc, argv, 3, vals, NULL)) {
        fputs("usage: chanjiao files sweep --db DB [--uploads DIR] [--hours N]\n", stderr);
        return 2;
    }
    const char *db_path = cli_opt(argc, argv, "--db"), *hs = cli_opt(argc, argv, "--hours");
    char *end = NULL;
    long hours = hs ? strtol(hs, &end, 10) : 24;
    if (!db_path || (hs && (!*hs || *end || hours < 0 || hours > 24 * 3650))) {
        fputs("usage: chanjiao files sweep --db DB [--uploads DIR] [--hours N]  (N: 0..87600)\n",
              stderr);
        return 2;
    }
    if (cli_db_missing(db_path))
        return 1;
    char *dir = cli_opt(argc, argv, "--uploads") ? xstrdup(cli_opt(argc, argv, "--uploads"))
                                                 : files_default_dir(db_path);
    err_t e = ERR_INIT;
    db *st = NULL;
    db_conn *sc = NULL;
    long removed = 0;
    int rc = 1;
    if (db_open(db_path, &st, NULL, &e) != 0 || !(sc = db_conn_get(st, &e)) ||
        files_sweep(sc, dir, (int64_t)hours * 3600, &removed, &e) != 0)
        goto done;
    printf("files sweep: %ld 个未被引用的文件已删除 (unreferenced files removed) from %s\n",
           removed, dir);
    rc = 0;
done:
    free(dir);
    return cli_done(st, rc, &e);
}
