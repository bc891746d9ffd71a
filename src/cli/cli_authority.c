/*
 * cli_authority.c — `chanjiao authority`: the authority's view from the
 * command line (docs/authority.md), as the account named by --as sees it
 * (an authority, or a platform admin who sees every consortium):
 *
 *   chanjiao authority overview --db DB --as USERNAME [--year Y] [--format table|json]
 *   chanjiao authority indicators --db DB --as USERNAME [--year Y]
 *                                 [--framework ID] [--format table|json]
 *
 * The figures are exactly the API's (domain/authority.c); this file only
 * lays them out.  Usage errors exit 2, failures 1.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/authority.h"

static void usage(void)
{
    fputs("usage: chanjiao authority overview|indicators --db DB --as USERNAME [--year Y]\n"
          "                          [--framework ID] [--format table|json]\n",
          stderr);
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* A number as the table shows it: "—" for null. */
static void put_num(json_t *v, const char *suffix)
{
    if (!v || json_is_null(v))
        fputs("—", stdout);
    else
        printf("%g%s", json_number_value(v), suffix);
}

static void print_overview(json_t *out)
{
    size_t i, j;
    json_t *c, *p;
    printf("年度 year %lld\n", (long long)json_integer_value(json_object_get(out, "year")));
    json_array_foreach (json_object_get(out, "consortia"), i, c) {
        json_t *a = json_object_get(c, "assessment");
        printf("%lld\t%s\t成员 %lld\t", (long long)json_integer_value(json_object_get(c, "id")),
               str(c, "name"), (long long)json_integer_value(json_object_get(c, "members")));
        if (json_is_object(a)) {
            json_t *rag = json_object_get(a, "rag");
            printf("%s\t%s\t", str(a, "status"), str(a, "result"));
            put_num(json_object_get(a, "score"), "");
            printf("\t绿 %lld 黄 %lld 红 %lld",
                   (long long)json_integer_value(json_object_get(rag, "green")),
                   (long long)json_integer_value(json_object_get(rag, "amber")),
                   (long long)json_integer_value(json_object_get(rag, "red")));
        } else {
            fputs("无评估 (no assessment)", stdout);
        }
        json_array_foreach (json_object_get(c, "policy"), j, p) {
            printf("\t%s ", str(p, "kind"));
            put_num(json_object_get(p, "amount"), str(p, "unit"));
        }
        putchar('\n');
    }
}

static void print_indicators(json_t *out)
{
    size_t i, j;
    json_t *c, *ind, *v;
    json_t *fw = json_object_get(out, "framework");
    printf("年度 year %lld\t%s %s\n", (long long)json_integer_value(json_object_get(out, "year")),
           str(fw, "name"), str(fw, "version"));
    fputs("指标 indicator", stdout);
    json_array_foreach (json_object_get(out, "consortia"), i, c)
        printf("\t%s", *str(c, "short_name") ? str(c, "short_name") : str(c, "name"));
    putchar('\n');
    json_array_foreach (json_object_get(out, "indicators"), i, ind) {
        printf("%s %s", str(ind, "code"), str(ind, "name"));
        json_array_foreach (json_object_get(ind, "values"), j, v) {
            putchar('\t');
            put_num(json_object_get(v, "value"), "");
            if (*str(v, "rag"))
                printf(" (%s)", str(v, "rag"));
        }
        putchar('\n');
    }
}

int cli_authority(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--as", "--year", "--framework", "--format", NULL};
    const char *what = argc > 2 ? argv[2] : "";
    bool overview = !strcmp(what, "overview"), indicators = !strcmp(what, "indicators");
    const char *path = cli_opt(argc, argv, "--db"), *as = cli_opt(argc, argv, "--as");
    const char *fmt = cli_opt(argc, argv, "--format"), *ys = cli_opt(argc, argv, "--year");
    const char *fs = cli_opt(argc, argv, "--framework");
    if ((!overview && !indicators) || cli_check_opts(argc, argv, 3, vals, NULL) != 0 || !path ||
        !as || (fmt && strcmp(fmt, "table") && strcmp(fmt, "json"))) {
        usage();
        return 2;
    }
    time_t now = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    char *end = NULL;
    long year = ys ? strtol(ys, &end, 10) : tm.tm_year + 1900 - 1;
    long long fw = fs ? strtoll(fs, NULL, 10) : 0;
    if ((ys && (*end || year < 2000 || year > 2100)) || (fs && fw <= 0)) {
        usage();
        return 2;
    }
    if (cli_db_missing(path))
        return 1;
    err_t e = ERR_INIT;
    db *d = NULL;
    db_conn *sc = NULL;
    json_t *out = NULL;
    caller_t c;
    int rc = -1;
    if (db_open(path, &d, NULL, &e) != 0 || !(sc = db_conn_get(d, &e)) ||
        authority_caller(sc, as, &c, &e) != 0)
        goto done;
    rc = overview ? authority_overview(sc, &c, (int)year, &out, &e)
                  : authority_indicators(sc, &c, (int)year, fw, &out, &e);
    if (rc != 0)
        goto done;
    if (fmt && !strcmp(fmt, "json")) {
        char *s = json_dumps(out, JSON_INDENT(2));
        puts(s);
        free(s);
    } else if (overview) {
        print_overview(out);
    } else {
        print_indicators(out);
    }
done:
    json_decref(out);
    return cli_done(d, rc, &e);
}
