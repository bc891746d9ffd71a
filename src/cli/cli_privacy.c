/*
 * cli_privacy.c — `chanjiao privacy`: the retention rule for students'
 * personal data (PIPL, 个人信息保护法), run by the operator (e.g. from cron).
 *
 *   chanjiao privacy purge --db DB --years N [--dry-run] [--today YYYY-MM-DD]
 *
 * Erases every student who graduated N or more years ago (domain/privacy.h
 * says how graduation is dated and what erasing keeps), as the system,
 * each with a "purge" entry in the audit log; --dry-run only counts them.
 * --today stands in for the date (to rehearse a purge).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/privacy.h"

static void usage(void)
{
    fputs("usage: chanjiao privacy purge --db DB --years N [--dry-run] [--today YYYY-MM-DD]\n",
          stderr);
}

static bool date_ok(const char *s)
{
    int y, m, d;
    char tail;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 2000 &&
           y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int cli_privacy(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--years", "--today", NULL};
    static const char *const flags[] = {"--dry-run", NULL};
    if (argc < 3 || strcmp(argv[2], "purge") || cli_check_opts(argc, argv, 3, vals, flags)) {
        usage();
        return 2;
    }
    const char *db_path = cli_opt(argc, argv, "--db"), *ys = cli_opt(argc, argv, "--years"),
               *today = cli_opt(argc, argv, "--today");
    char *end = NULL;
    long years = ys ? strtol(ys, &end, 10) : 0;
    if (!db_path || !ys || *end || years < 1 || years > 100) {
        fputs("chanjiao: --years 应为 1 到 100 (--years must be 1–100)\n", stderr);
        usage();
        return 2;
    }
    char now[21];
    now_utc(now);
    now[10] = '\0';
    if (today && !date_ok(today)) {
        fputs("chanjiao: --today 应为 YYYY-MM-DD (--today must be YYYY-MM-DD)\n", stderr);
        return 2;
    }
    if (cli_db_missing(db_path))
        return 1;
    bool dry = cli_flag(argc, argv, "--dry-run");
    err_t e = ERR_INIT;
    db *st = NULL;
    db_conn *sc = NULL;
    json_t *out = NULL;
    int rc = 1;
    if (db_open(db_path, &st, NULL, &e) != 0 || !(sc = db_conn_get(st, &e)) ||
        privacy_purge(sc, (int)years, dry, today ? today : now, &out, &e) != 0)
        goto done;
    printf("%s %lld 名学生 (students graduated in %d or before)%s; 顶岗实习 %lld, 毕业生就业 %lld, "
           "证书 %lld 条记录已匿名 (placements, employment outcomes, certificates anonymised)\n",
           dry ? "将删除 (would erase)" : "已删除 (erased)",
           (long long)json_integer_value(json_object_get(out, "students")),
           (int)json_integer_value(json_object_get(out, "graduated_by")),
           dry ? " — 未作改动 (dry run: nothing changed)" : "",
           (long long)json_integer_value(json_object_get(out, "placements")),
           (long long)json_integer_value(json_object_get(out, "employment_outcomes")),
           (long long)json_integer_value(json_object_get(out, "certificates")));
    json_decref(out);
    rc = 0;
done:
    return cli_done(st, rc, &e);
}
