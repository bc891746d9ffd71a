/*
 * cli_import.c — `chanjiao import KIND FILE --db DB [--consortium ID]
 * [--edition E] [--mode create|update|upsert] [--dry-run]` for every kind
 * io/import.c knows:
 * organizations, members, demand, supply, students, crosswalk, the
 * occupations and majors catalogues, and placements, employment_outcomes,
 * certificates and trainings.
 *
 * A thin shell around io/import.c: parse the options, run the import as
 * the system caller, show progress on long files, then either a summary
 * — rows created, updated and unchanged, and with --verbose what each row
 * did — (exit 0) or every bad row — "第 N 行 (line N): 字段 field:
 * reason", the first PRINT_MAX of them — and exit 1 with nothing written.
 * Usage errors exit 2.
 *
 * Progress goes to stderr, throttled by the clock: on a terminal it is
 * redrawn in place a few times a second; otherwise (a log, a CI job) a
 * line a second is printed, and only for large files, so that small
 * imports in scripts stay quiet.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/catalog.h"
#include "io/import.h"

#define PRINT_MAX 200                 /* bad rows printed */
#define PROGRESS_MIN_BYTES (4u << 20) /* show progress off a terminal from here */

typedef struct {
    bool tty, shown;
    double last; /* when progress was last printed */
    double interval;
} progress_state;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(void *ctx, size_t done, size_t total)
{
    progress_state *p = ctx;
    double t = now_seconds();
    if (t - p->last < p->interval && done < total)
        return;
    if (done >= total && !p->shown && p->tty)
        return; /* a file read before the first tick needs no redraw */
    p->last = t;
    p->shown = true;
    int pct = total ? (int)((double)done * 100.0 / (double)total) : 0;
    fprintf(stderr, "%s导入中 (importing) %d%% — %zu/%zu 行 (rows)%s", p->tty ? "\r" : "", pct,
            done, total, p->tty ? "\033[K" : "\n");
    fflush(stderr);
}

static void usage(void)
{
    fputs("usage: chanjiao import organizations FILE --db DB [--dry-run]\n"
          "       chanjiao import members|demand|supply|students FILE --db DB --consortium ID "
          "[--dry-run]\n"
          "       chanjiao import placements|employment_outcomes|certificates|trainings FILE --db "
          "DB\n"
          "              --consortium ID [--dry-run]   (students named by student number 学号)\n"
          "       chanjiao import crosswalk FILE --db DB [--consortium ID] [--dry-run]\n"
          "       chanjiao import occupations|majors|regions FILE --db DB --edition E [--dry-run]\n"
          "--mode create (default: only new rows; a row that exists is an error), update\n"
          "  (only rows that exist, named by the 编号/id column or the natural key) or\n"
          "  upsert (either; the catalogues' default); --verbose: what each row did.\n"
          "FILE: .csv (UTF-8 or GB18030) or .xlsx; all rows are imported or none.\n"
          "crosswalk without --consortium loads the shared crosswalk; a catalogue edition\n"
          "updates the codes it shares with the loaded one and adds the new ones.\n",
          stderr);
}

/* "字段 单位类型 (type)" for a field of the entity, else the text as is. */
static void print_field(const char *entity, const char *field)
{
    const entity_def *d = entity_import_find(entity);
    const field_def *f = d ? entity_field(d, field) : NULL;
    if (f)
        fprintf(stderr, "字段“%s” (field %s): ", f->zh, f->name);
    else
        fprintf(stderr, "字段 %s: ", field);
}

static void print_errors(const char *entity, const import_report *rep)
{
    size_t i, shown = 0; /* errors the printed entries stand for */
    json_t *x;
    json_array_foreach (rep->errors, i, x) {
        if (i >= PRINT_MAX)
            break;
        json_int_t count = json_integer_value(json_object_get(x, "count"));
        shown += count > 1 ? (size_t)count : 1;
        json_int_t line = json_integer_value(json_object_get(x, "line"));
        const char *field = json_string_value(json_object_get(x, "field"));
        fprintf(stderr, "第 %lld 行 (line %lld): ", (long long)line, (long long)line);
        /* A message about a column names it as the file heads it. */
        if (field && json_is_null(json_object_get(x, "column")))
            print_field(entity, field);
        fprintf(stderr, "%s\n", json_string_value(json_object_get(x, "message")));
    }
    if (rep->error_count > shown)
        fprintf(stderr, "… 另有 %zu 处错误 (… and %zu more)\n", rep->error_count - shown,
                rep->error_count - shown);
}

/* What each row did: "第 N 行 (line N): update #17". */
static void print_outcomes(const import_report *rep)
{
    size_t i;
    json_t *x;
    json_array_foreach (rep->outcomes, i, x) {
        json_int_t line = json_integer_value(json_object_get(x, "line"));
        printf("第 %lld 行 (line %lld): %s #%lld\n", (long long)line, (long long)line,
               json_string_value(json_object_get(x, "action")),
               (long long)json_integer_value(json_object_get(x, "id")));
    }
    size_t total = rep->created + rep->updated + rep->unchanged;
    if (total > json_array_size(rep->outcomes))
        printf("… 另有 %zu 行 (… and %zu more rows)\n", total - json_array_size(rep->outcomes),
               total - json_array_size(rep->outcomes));
}

int cli_import(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--consortium", "--edition", "--mode", NULL};
    static const char *const flags[] = {"--dry-run", "--verbose", NULL};
    if (cli_check_opts(argc, argv, 2, vals, flags)) {
        usage();
        return 2;
    }
    /* Positional arguments: ENTITY FILE. */
    const char *pos[3] = {NULL, NULL, NULL};
    int npos = 0;
    for (int i = 2; i < argc; i++) {
        if (!strncmp(argv[i], "--", 2)) {
            if (!strchr(argv[i], '=') &&
                (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--consortium") ||
                 !strcmp(argv[i], "--edition") || !strcmp(argv[i], "--mode")))
                i++;
            continue;
        }
        if (npos < 3)
            pos[npos] = argv[i];
        npos++;
    }
    const char *entity = pos[0], *path = pos[1], *db_path = cli_opt(argc, argv, "--db"),
               *cons = cli_opt(argc, argv, "--consortium");
    bool dry_run = cli_flag(argc, argv, "--dry-run");
    if (npos != 2 || !db_path) {
        usage();
        return 2;
    }
    const entity_def *kd = entity_import_find(entity);
    const entity_import *kind = kd ? kd->import : NULL;
    if (!kind) {
        fprintf(stderr, "chanjiao: 不能导入“%s” (cannot import this); 可导入 (use) %s\n", entity,
                entity_import_kinds());
        usage();
        return 2;
    }
    const char *edition = cli_opt(argc, argv, "--edition"), *mode = cli_opt(argc, argv, "--mode");
    if (mode && strcmp(mode, "create") && strcmp(mode, "update") && strcmp(mode, "upsert")) {
        fprintf(stderr,
                "chanjiao: --mode 应为 create、update 或 upsert (--mode must be create, update or "
                "upsert)\n");
        usage();
        return 2;
    }
    int64_t consortium_id = 0;
    if (kind->consortium == IMPORT_CONSORTIUM_REQUIRED || cons) {
        char *end = NULL;
        long long v = cons ? strtoll(cons, &end, 10) : 0;
        if (kind->consortium == IMPORT_NO_CONSORTIUM) {
            fprintf(stderr,
                    "chanjiao: 导入 %s 不用 --consortium (no --consortium for this import)\n",
                    entity);
            usage();
            return 2;
        }
        if (!cons || *end || v <= 0) {
            fprintf(
                stderr,
                cons
                    ? "chanjiao: --consortium 应为正整数编号 (--consortium must be a positive id)\n"
                    : "chanjiao: 导入 %s 须指定 --consortium (this import needs --consortium "
                      "ID)\n",
                entity);
            usage();
            return 2;
        }
        consortium_id = v;
    }
    if (kind->edition && (!edition || !*edition)) {
        fprintf(stderr, "chanjiao: 导入目录须指定 --edition，如 2025 (a catalogue import needs "
                        "--edition, e.g. 2025)\n");
        usage();
        return 2;
    }
    if (!kind->edition && edition) {
        fprintf(stderr,
                "chanjiao: --edition 只用于目录 (--edition is only for occupations and majors)\n");
        usage();
        return 2;
    }

    progress_state ps = {isatty(STDERR_FILENO), false, 0, 0.25};
    struct stat fst;
    bool big = stat(path, &fst) == 0 && (size_t)fst.st_size >= PROGRESS_MIN_BYTES;
    if (!ps.tty)
        ps.interval = 1.0;
    ps.last = now_seconds();

    err_t e = ERR_INIT;
    db *st = NULL;
    import_report rep = {0};
    int rc = 1;
    if (cli_db_missing(db_path))
        goto out;
    if (db_open(db_path, &st, NULL, &e) != 0)
        goto out;
    db_conn *sc = db_conn_get(st, &e);
    /* A database made before the catalogues shipped gets them first. */
    if (!sc || catalog_load_shipped(sc, NULL, &e) != 0)
        goto out;
    caller_t sys = caller_system();
    double t0 = now_seconds();
    import_opts o = {kind->kind, consortium_id, edition,
                     NULL,       dry_run,       ps.tty || big ? show_progress : NULL,
                     &ps};
    /* The operator's own file: written as it is read, on two cores (see
     * import_opts.locked_read); uploads are checked whole first. */
    o.locked_read = true;
    o.mode = mode;
    int irc = import_path(sc, &sys, &o, path, &rep, &e);
    if (ps.shown && ps.tty)
        fputs("\r\033[K", stderr);
    if (irc != 0) {
        print_errors(entity, &rep);
        goto out;
    }
    double took = now_seconds() - t0;
    if (cli_flag(argc, argv, "--verbose"))
        print_outcomes(&rep);
    if (rep.updated || rep.unchanged || (mode && strcmp(mode, "create")))
        printf("%s (mode %s): 新建 (created) %zu, 更新 (updated) %zu, 未变 (unchanged) %zu\n",
               dry_run ? "将会 (would be)" : "结果 (result)", rep.mode, rep.created, rep.updated,
               rep.unchanged);
    if (dry_run)
        printf("试运行 (dry run): %zu 行全部有效，未写入 (all %zu rows are valid; nothing written) "
               "— %s, %.1f s\n",
               rep.rows, rep.rows, rep.encoding, took);
    else
        printf("已导入 (imported) %zu 行 (rows) — %s, %.1f s\n", rep.imported, rep.encoding, took);
    rc = 0;
out:
    import_report_free(&rep);
    return cli_done(st, rc, &e);
}
