/*
 * cli_round.c — `chanjiao round`: a matching round from the command line.
 *
 *   chanjiao round open|close-applications|close|run|publish --db DB --round ID
 *   chanjiao round export --db DB --round ID --dir DIR
 *
 * The steps are domain/round.c's, run as the system caller (the operator
 * on the server).  `export` writes the round's lists as the three files of
 * `chanjiao match` (DIR/students.csv, positions-prefs.csv, positions.csv;
 * students are S<id>, positions D<demand id>), so a round can be replayed
 * or audited with the file matcher, which gives the same result.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/round.h"
#include "domain/round_export.h"
#include "io/catalog.h"

static void usage(void)
{
    fputs("usage: chanjiao round open|close-applications|close|run|publish --db DB --round ID\n"
          "       chanjiao round export --db DB --round ID --dir DIR\n",
          stderr);
}

typedef struct {
    FILE *f;
} out_file;

static void put_position(void *ctx, int64_t demand_id, int64_t capacity)
{
    fprintf(((out_file *)ctx)->f, "D%lld,%lld\n", (long long)demand_id, (long long)capacity);
}

static void put_choice(void *ctx, int64_t student, int64_t demand, int64_t rank)
{
    fprintf(((out_file *)ctx)->f, "S%lld,D%lld,%lld\n", (long long)student, (long long)demand,
            (long long)rank);
}

static void put_ranking(void *ctx, int64_t demand, int64_t student, int64_t rank)
{
    fprintf(((out_file *)ctx)->f, "D%lld,S%lld,%lld\n", (long long)demand, (long long)student,
            (long long)rank);
}

static int export_round(db_conn *sc, const caller_t *c, int64_t id, const char *dir, err_t *e)
{
    static const char *const names[] = {"students.csv", "positions-prefs.csv", "positions.csv"};
    static const char *const heads[] = {"student,position,rank\n", "position,student,rank\n",
                                        "position,capacity\n"};
    mkdir(dir, 0755);
    for (int k = 0; k < 3; k++) {
        char *path = xasprintf("%s/%s", dir, names[k]);
        out_file o = {fopen(path, "w")};
        free(path);
        if (!o.f)
            return err_set(e, ERR_BAD_REQUEST, "不能写入 (cannot write) %s/%s", dir, names[k]);
        fputs(heads[k], o.f);
        int rc = k == 0   ? round_export_entries(sc, c, id, false, put_choice, &o, e)
                 : k == 1 ? round_export_entries(sc, c, id, true, put_ranking, &o, e)
                          : round_export_positions(sc, c, id, put_position, &o, e);
        if (fclose(o.f) != 0 && rc == 0)
            rc = err_set(e, ERR_INTERNAL, "写入失败 (write failed): %s", names[k]);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int cli_round(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--round", "--dir", NULL};
    if (argc < 3 || cli_check_opts(argc, argv, 3, vals, NULL)) {
        usage();
        return 2;
    }
    const char *action = argv[2], *db_path = cli_opt(argc, argv, "--db"),
               *rs = cli_opt(argc, argv, "--round"), *dir = cli_opt(argc, argv, "--dir");
    char *end = NULL;
    long long id = rs ? strtoll(rs, &end, 10) : 0;
    bool export = !strcmp(action, "export");
    if (!db_path || !rs || *end || id <= 0 || (export && !dir) || (!export && dir)) {
        usage();
        return 2;
    }
    if (cli_db_missing(db_path))
        return 1;
    err_t e = ERR_INIT;
    db *st = NULL;
    db_conn *sc = NULL;
    int rc = 1;
    if (db_open(db_path, &st, NULL, &e) != 0 || !(sc = db_conn_get(st, &e)) ||
        catalog_load_shipped(sc, NULL, &e) != 0)
        goto out;
    caller_t sys = caller_system();
    json_t *round = NULL;
    if (export) {
        if (round_positions(sc, &sys, id, &round, &e) != 0 ||
            export_round(sc, &sys, id, dir, &e) != 0)
            goto out;
        printf("已导出 (exported) %s/students.csv, positions-prefs.csv, positions.csv\n", dir);
    } else {
        if (round_action(sc, &sys, id, action, &round, &e) != 0)
            goto out;
        printf("轮次 (round) %lld: %s%s%s\n", (long long)id,
               json_string_value(json_object_get(round, "status")),
               json_is_string(json_object_get(round, "verdict")) ? " — " : "",
               json_is_string(json_object_get(round, "verdict"))
                   ? json_string_value(json_object_get(round, "verdict"))
                   : "");
    }
    json_decref(round);
    rc = 0;
out:
    return cli_done(st, rc, &e);
}
