/*
 * cli_gap.c — `chanjiao gap`, `chanjiao report publish` and `chanjiao list
 * publish`: the talent gap, the per-major recommendations, demand reports
 * and the three lists (domain/lists.c) from the command line, for scripts
 * and for a secretariat working on the server itself.
 *
 *   chanjiao gap --db DB --consortium ID --period P [--by occupation|major]
 *                [--kind K] [--recommend [--expand X] [--shrink Y]]
 *                [--format table|csv|json]
 *   chanjiao report publish --db DB --consortium ID --period P [--title T]
 *   chanjiao list publish --db DB --consortium ID --kind K --period P [--title T]
 *
 * The figures are exactly the API's (domain/talent.c); this file only
 * lays them out.  Usage errors exit 2, failures 1.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/lists.h"
#include "domain/record.h"
#include "domain/talent.h"
#include "io/catalog.h"

static void usage(void)
{
    fputs("usage: chanjiao gap --db DB --consortium ID --period P [--by occupation|major]\n"
          "                    [--kind employment|internship|apprenticeship|order_class]\n"
          "                    [--recommend [--expand 1.2] [--shrink 0.8]] [--format "
          "table|csv|json]\n"
          "       chanjiao report publish --db DB --consortium ID --period P [--title T]\n"
          "       chanjiao report annual --db DB --consortium ID --year Y\n"
          "                              --format html|pdf|xlsx|json --out FILE\n"
          "       chanjiao list publish --db DB --consortium ID --kind "
          "core_products|tech_needs|talent_needs\n"
          "                             --period P (2026, 2026H1) [--title T]\n",
          stderr);
}

static int64_t positive(const char *s, int64_t lo, int64_t hi)
{
    char *end = NULL;
    long long v = s ? strtoll(s, &end, 10) : 0;
    return s && *s && !*end && v >= lo && v <= hi ? v : 0;
}

static db *open_existing(const char *path, db_conn **sc)
{
    err_t e = ERR_INIT;
    db *d = NULL;
    if (cli_db_missing(path))
        return NULL;
    if (db_open(path, &d, NULL, &e) != 0 || !(*sc = db_conn_get(d, &e)) ||
        catalog_load_shipped(*sc, NULL, &e) != 0) {
        cli_done(d, -1, &e);
        return NULL;
    }
    return d;
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static double num(json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

/* A CSV field, quoted when it needs to be. */
static void csv_field(const char *s, bool last)
{
    if (strpbrk(s, ",\"\n\r")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else
        fputs(s, stdout);
    putchar(last ? '\n' : ',');
}

static void print_gap(json_t *g, bool csv)
{
    size_t i;
    json_t *it;
    if (csv)
        puts("code,name,demand,supply,gap");
    else
        printf("%-12s %10s %10s %10s  %s\n", "代码 code", "需求", "供给", "缺口 gap", "名称 name");
    json_array_foreach (json_object_get(g, "items"), i, it) {
        if (csv) {
            char b[3][32];
            snprintf(b[0], 32, "%.2f", num(it, "demand"));
            snprintf(b[1], 32, "%.2f", num(it, "supply"));
            snprintf(b[2], 32, "%.2f", num(it, "gap"));
            csv_field(str(it, "code"), false);
            csv_field(str(it, "name"), false);
            csv_field(b[0], false);
            csv_field(b[1], false);
            csv_field(b[2], true);
        } else
            printf("%-12s %10.2f %10.2f %10.2f  %s\n", str(it, "code"), num(it, "demand"),
                   num(it, "supply"), num(it, "gap"), str(it, "name"));
    }
    if (csv)
        return;
    json_t *u = json_object_get(g, "unserved");
    if (json_array_size(u)) {
        printf("\n无对应供给的职业 (unserved occupations):\n");
        json_array_foreach (u, i, it)
            printf("  %-12s %10.2f  %s\n", str(it, "code"), num(it, "demand"), str(it, "name"));
    }
}

static void print_recommend(json_t *r, bool csv)
{
    size_t i;
    json_t *it;
    if (csv)
        puts("code,name,graduates,demand,ratio,action,reason");
    json_array_foreach (json_object_get(r, "majors"), i, it) {
        json_t *ratio = json_object_get(it, "ratio");
        char rb[32] = "";
        if (json_is_number(ratio))
            snprintf(rb, sizeof rb, "%.2f", json_number_value(ratio));
        if (csv) {
            char g[32], d[32];
            snprintf(g, sizeof g, "%.2f", num(it, "graduates"));
            snprintf(d, sizeof d, "%.2f", num(it, "demand"));
            csv_field(str(it, "code"), false);
            csv_field(str(it, "name"), false);
            csv_field(g, false);
            csv_field(d, false);
            csv_field(rb, false);
            csv_field(str(it, "action"), false);
            csv_field(str(it, "reason_zh"), true);
        } else
            printf("%-8s %-7s %s — %s\n", str(it, "code"), str(it, "action"), str(it, "name"),
                   str(it, "reason_zh"));
    }
    json_array_foreach (json_object_get(r, "new_majors"), i, it) {
        if (csv) {
            char d[32];
            snprintf(d, sizeof d, "%.2f", num(it, "demand"));
            csv_field(str(it, "code"), false);
            csv_field(str(it, "name"), false);
            csv_field("0", false);
            csv_field(d, false);
            csv_field("", false);
            csv_field("open", false);
            csv_field(str(it, "reason_zh"), true);
        } else
            printf("%-10s open    %s — %s\n", str(it, "code"), str(it, "name"),
                   str(it, "reason_zh"));
    }
}

int cli_gap(int argc, char **argv)
{
    static const char *const vals[] = {"--db",     "--consortium", "--period", "--by", "--kind",
                                       "--expand", "--shrink",     "--format", NULL};
    static const char *const flags[] = {"--recommend", NULL};
    if (cli_check_opts(argc, argv, 2, vals, flags)) {
        usage();
        return 2;
    }
    const char *db_path = cli_opt(argc, argv, "--db"), *by = cli_opt(argc, argv, "--by"),
               *kind = cli_opt(argc, argv, "--kind"), *format = cli_opt(argc, argv, "--format");
    int64_t cid = positive(cli_opt(argc, argv, "--consortium"), 1, INT64_MAX);
    int64_t period = positive(cli_opt(argc, argv, "--period"), 2000, 2100);
    bool recommend = cli_flag(argc, argv, "--recommend");
    const char *ex = cli_opt(argc, argv, "--expand"), *sh = cli_opt(argc, argv, "--shrink");
    double expand = ex ? strtod(ex, NULL) : 1.2, shrink = sh ? strtod(sh, NULL) : 0.8;
    if (!db_path || !cid || !period || (by && strcmp(by, "occupation") && strcmp(by, "major")) ||
        (kind && !talent_kind_valid(kind)) ||
        (format && strcmp(format, "table") && strcmp(format, "csv") && strcmp(format, "json")) ||
        ((ex || sh) && !recommend) || !isfinite(expand) || !isfinite(shrink)) {
        usage();
        return 2;
    }
    db_conn *sc = NULL;
    db *st = open_existing(db_path, &sc);
    if (!st)
        return 1;
    err_t e = ERR_INIT;
    json_t *out = NULL, *cons = NULL;
    caller_t sys = caller_system();
    int rc = recommend ? talent_recommend(sc, cid, period, kind, expand, shrink, &out, &e)
                       : talent_gap(sc, cid, period, kind, by && !strcmp(by, "major"), &out, &e);
    if (rc == 0 && record_get(sc, &sys, entity_find("consortia"), cid, &cons, &e) != 0) {
        err_clear(&e);
        err_set(&e, ERR_NOT_FOUND, "联合体 %lld 不存在 (no such consortium)", (long long)cid);
        rc = -1;
    }
    json_decref(cons);
    if (rc == 0 && format && !strcmp(format, "json")) {
        char *s = json_dumps(out, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
        puts(s);
        free(s);
    } else if (rc == 0 && recommend)
        print_recommend(out, format && !strcmp(format, "csv"));
    else if (rc == 0)
        print_gap(out, format && !strcmp(format, "csv"));
    json_decref(out);
    return cli_done(st, rc, &e);
}

int cli_report(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--consortium", "--period", "--title", NULL};
    if (argc >= 3 && !strcmp(argv[2], "annual"))
        return cli_report_annual(argc, argv);
    if (argc < 3 || strcmp(argv[2], "publish") || cli_check_opts(argc, argv, 3, vals, NULL)) {
        usage();
        return 2;
    }
    const char *db_path = cli_opt(argc, argv, "--db"), *title = cli_opt(argc, argv, "--title");
    int64_t cid = positive(cli_opt(argc, argv, "--consortium"), 1, INT64_MAX);
    int64_t period = positive(cli_opt(argc, argv, "--period"), 2000, 2100);
    if (!db_path || !cid || !period) {
        usage();
        return 2;
    }
    db_conn *sc = NULL;
    db *st = open_existing(db_path, &sc);
    if (!st)
        return 1;
    err_t e = ERR_INIT;
    json_t *out = NULL;
    caller_t sys = caller_system();
    int rc = talent_report_publish(sc, &sys, cid, period, title, &out, &e);
    if (rc == 0) {
        json_t *s = json_object_get(out, "summary");
        printf("已发布需求报告 (published demand report) %lld：%s — %lld 个岗位 (positions), "
               "需求 %.2f 人 (headcount)\n",
               (long long)json_integer_value(json_object_get(out, "id")), str(out, "title"),
               (long long)json_integer_value(json_object_get(s, "positions")), num(s, "headcount"));
    }
    json_decref(out);
    return cli_done(st, rc, &e);
}

int cli_list(int argc, char **argv)
{
    static const char *const vals[] = {"--db",     "--consortium", "--kind",
                                       "--period", "--title",      NULL};
    if (argc < 3 || strcmp(argv[2], "publish") || cli_check_opts(argc, argv, 3, vals, NULL)) {
        usage();
        return 2;
    }
    const char *db_path = cli_opt(argc, argv, "--db"), *title = cli_opt(argc, argv, "--title");
    const char *kind = cli_opt(argc, argv, "--kind"), *period = cli_opt(argc, argv, "--period");
    int64_t cid = positive(cli_opt(argc, argv, "--consortium"), 1, INT64_MAX);
    if (!db_path || !cid || !kind || !period) {
        usage();
        return 2;
    }
    db_conn *sc = NULL;
    db *st = open_existing(db_path, &sc);
    if (!st)
        return 1;
    /* The kind, period and title are checked by lists_publish (the API's
     * rules and messages); nothing is written when they are refused. */
    err_t e = ERR_INIT;
    json_t *out = NULL;
    caller_t sys = caller_system();
    int rc = lists_publish(sc, &sys, cid, kind, period, title, &out, &e);
    if (rc == 0)
        printf("已发布清单 (published list) %lld：%s — %lld 条 (rows)\n",
               (long long)json_integer_value(json_object_get(out, "id")), str(out, "title"),
               (long long)json_integer_value(json_object_get(out, "count")));
    json_decref(out);
    return cli_done(st, rc, &e);
}
