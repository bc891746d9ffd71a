/*
 * cli_assessment.c — `chanjiao assessment`: the year's assessment from
 * the command line.
 *
 *   chanjiao assessment create|compute|submit|show --db DB --consortium ID --year Y [--json]
 *
 * The steps are domain/assessment.c's, run as the system caller (the
 * operator on the server), so the rules are the API's: one per
 * consortium and year, a submitted year refuses compute and submit.
 * Without --json `show` (and every step) prints the tree as lines: code,
 * rag, value against target, name.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/assessment.h"

static void usage(void)
{
    fputs("usage: chanjiao assessment create|compute|submit|show --db DB --consortium ID "
          "--year Y [--json]\n",
          stderr);
}

static void put_number(json_t *v)
{
    if (json_is_number(v))
        printf("%g", json_number_value(v));
    else
        fputs("—", stdout);
}

static void print_tree(json_t *nodes, int depth)
{
    size_t i;
    json_t *n;
    json_array_foreach (nodes, i, n) {
        printf("%*s%-8s %-5s ", depth * 2, "", json_string_value(json_object_get(n, "code")),
               json_string_value(json_object_get(n, "rag")));
        json_t *kids = json_object_get(n, "children");
        if (json_array_size(kids) == 0) {
            put_number(json_object_get(n, "value"));
            fputs(" / ", stdout);
            put_number(json_object_get(n, "target"));
            fputs(" ", stdout);
        }
        printf("%s", json_string_value(json_object_get(n, "name")));
        if (json_is_string(json_object_get(n, "error")))
            printf("  (%s)", json_string_value(json_object_get(n, "error")));
        putchar('\n');
        print_tree(kids, depth + 1);
    }
}

int cli_assessment(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--consortium", "--year", NULL};
    static const char *const flags[] = {"--json", NULL};
    if (argc < 3 || cli_check_opts(argc, argv, 3, vals, flags)) {
        usage();
        return 2;
    }
    const char *action = argv[2], *db_path = cli_opt(argc, argv, "--db"),
               *cs = cli_opt(argc, argv, "--consortium"), *ys = cli_opt(argc, argv, "--year");
    char *end1 = NULL, *end2 = NULL;
    long long cid = cs ? strtoll(cs, &end1, 10) : 0;
    long year = ys ? strtol(ys, &end2, 10) : 0;
    if (strcmp(action, "create") && strcmp(action, "compute") && strcmp(action, "submit") &&
        strcmp(action, "show")) {
        usage();
        return 2;
    }
    if (!db_path || !cs || !ys || *end1 || *end2 || cid <= 0 || year < 2000 || year > 2100) {
        usage();
        return 2;
    }
    if (cli_db_missing(db_path))
        return 1;
    err_t e = ERR_INIT;
    db *st = NULL;
    db_conn *sc = NULL;
    json_t *out = NULL;
    int rc = 1;
    int64_t aid = 0;
    caller_t sys = caller_system();
    if (db_open(db_path, &st, NULL, &e) != 0 || !(sc = db_conn_get(st, &e)))
        goto out;
    if (!strcmp(action, "create")) {
        json_t *in = json_pack("{s:i}", "year", (int)year);
        int r = assessment_create(sc, &sys, cid, in, &out, &e);
        json_decref(in);
        if (r != 0)
            goto out;
    } else {
        if (assessment_of_year(sc, &sys, cid, (int)year, &aid, &e) != 0)
            goto out;
        int r = !strcmp(action, "compute")  ? assessment_compute(sc, &sys, aid, &out, &e)
                : !strcmp(action, "submit") ? assessment_submit(sc, &sys, aid, &out, &e)
                                            : assessment_get(sc, &sys, aid, &out, &e);
        if (r != 0)
            goto out;
    }
    if (cli_flag(argc, argv, "--json")) {
        char *s = json_dumps(out, JSON_INDENT(2));
        puts(s);
        free(s);
    } else {
        json_t *score = json_object_get(out, "score");
        printf("监测评估 %lld：%lld 年 %s，第 %lld 版，结果 %s，得分 ",
               (long long)json_integer_value(json_object_get(out, "id")),
               (long long)json_integer_value(json_object_get(out, "year")),
               json_string_value(json_object_get(out, "status")),
               (long long)json_integer_value(json_object_get(out, "version")),
               json_string_value(json_object_get(out, "result")));
        put_number(score);
        putchar('\n');
        print_tree(json_object_get(out, "indicators"), 0);
    }
    rc = 0;
out:
    json_decref(out);
    return cli_done(st, rc, &e);
}
