/*
 * cli.c — option parsing shared by the subcommands, the common end of a
 * command (cli_done), and the commands serve, user add, routes and demo.
 * (import lives in cli_import.c.)
 *
 * Like every floor above the domain, the CLI holds the database as a
 * domain/db.h handle and calls domain functions only, never the store.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "demo/demo.h"
#include "domain/auth.h"
#include "domain/db.h"
#include "domain/demo_data.h"
#include "domain/files.h"
#include "domain/record.h"
#include "http/http.h"
#include "io/catalog.h"

const char *cli_opt(int argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], name))
            return i + 1 < argc ? argv[i + 1] : NULL;
        if (!strncmp(argv[i], name, n) && argv[i][n] == '=')
            return argv[i] + n + 1;
    }
    return NULL;
}

bool cli_db_missing(const char *path)
{
    if (db_is_server_url(path) || access(path, F_OK) == 0)
        return false;
    fprintf(stderr,
            "chanjiao: 数据库 %s 不存在 (no such database; create it with `chanjiao serve` or "
            "`chanjiao demo`)\n",
            path);
    return true;
}

int cli_flag(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], name))
            return 1;
    return 0;
}

static int in_list(const char *const *list, const char *s, size_t n)
{
    for (; list && *list; list++)
        if (strlen(*list) == n && !strncmp(*list, s, n))
            return 1;
    return 0;
}

int cli_check_opts(int argc, char **argv, int first, const char *const *with_value,
                   const char *const *flags)
{
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0)
            continue;
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        if (in_list(with_value, a, n)) {
            if (!eq) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "chanjiao: %s 需要一个值 (needs a value)\n", a);
                    return 1;
                }
                i++;
            }
            continue;
        }
        if (in_list(flags, a, n) && !eq)
            continue;
        fprintf(stderr, "chanjiao: 未知选项 (unknown option) %s\n", a);
        return 1;
    }
    return 0;
}

int cli_done(db *d, int rc, err_t *e)
{
    if (rc != 0 && e->code != ERR_NONE)
        fprintf(stderr, "chanjiao: %s\n", e->message);
    err_clear(e);
    if (d)
        db_close(d);
    return rc == 0 ? 0 : 1;
}

/* Create the folder holding path if missing (data/chanjiao.db). */
static void ensure_parent_dir(const char *path)
{
    char *copy = xstrdup(path);
    char *slash = strrchr(copy, '/');
    if (slash && slash != copy) {
        *slash = '\0';
        mkdir(copy, 0755);
    }
    free(copy);
}

static db *open_db(const char *path, bool *created)
{
    err_t e = ERR_INIT;
    db *st = NULL;
    if (auth_init() != 0) {
        fputs("chanjiao: libsodium 初始化失败 (libsodium failed to initialise)\n", stderr);
        return NULL;
    }
    ensure_parent_dir(path);
    if (db_open(path, &st, created, &e) != 0) {
        fprintf(stderr, "chanjiao: %s\n", e.message);
        err_clear(&e);
        return NULL;
    }
    /* A database without catalogues gets the shipped editions. */
    db_conn *sc = db_conn_get(st, &e);
    if (!sc || catalog_load_shipped(sc, NULL, &e) != 0) {
        fprintf(stderr, "chanjiao: 载入内置目录失败 (cannot load the shipped catalogues): %s\n",
                e.message);
        err_clear(&e);
        db_close(st);
        return NULL;
    }
    return st;
}

/* Load demo data into a database without consortia; 0 if loaded or
 * already there. */
static int load_demo(db *st, bool quiet_if_present)
{
    err_t e = ERR_INIT;
    db_conn *sc = db_conn_get(st, &e);
    if (!sc)
        return cli_done(NULL, -1, &e);
    if (demo_data_loaded(sc)) {
        if (!quiet_if_present)
            fputs("chanjiao: 示例数据已存在 (demo data already loaded)\n", stderr);
        return 0;
    }
    if (demo_load(sc, &e) != 0) {
        fprintf(stderr, "chanjiao: 载入示例数据失败 (cannot load demo data): %s\n", e.message);
        err_clear(&e);
        return 1;
    }
    return 0;
}

int cli_serve(int argc, char **argv)
{
    static const char *const vals[] = {
        "--db",       "--listen",  "--threads", "--web", "--trusted-proxy", "--header-timeout",
        "--log-days", "--uploads", "--db-read", NULL};
    static const char *const flags[] = {"--demo", "--no-cache", NULL};
    if (cli_check_opts(argc, argv, 2, vals, flags))
        return 2;
    const char *ht = cli_opt(argc, argv, "--header-timeout");
    char *ht_end = NULL;
    long header_timeout = ht ? strtol(ht, &ht_end, 10) : 0;
    if (ht && (!*ht || *ht_end || header_timeout < 1 || header_timeout > 3600)) {
        fputs("chanjiao: --header-timeout 应为 1 到 3600 秒 (--header-timeout must be 1..3600 "
              "seconds)\n",
              stderr);
        return 2;
    }
    /* How long the login log keeps its rows (domain/auth.c). */
    const char *ld = cli_opt(argc, argv, "--log-days");
    char *ld_end = NULL;
    long log_days = ld ? strtol(ld, &ld_end, 10) : AUTH_LOG_DAYS;
    if (ld && (!*ld || *ld_end || auth_set_log_days((int)(log_days > 99999 ? -1 : log_days)))) {
        fputs("chanjiao: --log-days 应为 0 到 36600 天，0 为永久保留 (--log-days must be 0..36600 "
              "days; 0 keeps every row)\n",
              stderr);
        return 2;
    }
    const char *db_path = cli_opt(argc, argv, "--db");
    const char *listen = cli_opt(argc, argv, "--listen");
    const char *threads = cli_opt(argc, argv, "--threads");
    bool demo = cli_flag(argc, argv, "--demo");
    if (!db_path || !listen) {
        fputs("usage: chanjiao serve --db FILE --listen HOST:PORT [--demo] [--threads N] "
              "[--no-cache] [--trusted-proxy ADDR[,ADDR…]] [--header-timeout SECONDS] "
              "[--log-days N] [--uploads DIR] [--db-read postgresql://REPLICA]\n",
              stderr);
        return 2;
    }
    const char *read_url = cli_opt(argc, argv, "--db-read");
    if (read_url && !db_is_server_url(db_path)) {
        fputs("chanjiao: --db-read 只能与 PostgreSQL 的 --db 同用 (--db-read needs --db to be a "
              "PostgreSQL URL: a SQLite file has no replicas)\n",
              stderr);
        return 2;
    }
    /* Uploaded files: beside the database unless --uploads names a folder. */
    char *uploads = cli_opt(argc, argv, "--uploads") ? xstrdup(cli_opt(argc, argv, "--uploads"))
                                                     : files_default_dir(db_path);
    if (!uploads) {
        fputs("chanjiao: PostgreSQL 数据库须用 --uploads DIR 指定上传文件夹 (a PostgreSQL "
              "database needs --uploads DIR: uploaded files are kept in a folder, not in it)\n",
              stderr);
        return 2;
    }
    err_t ue = ERR_INIT;
    if (files_prepare_dir(uploads, &ue) != 0) {
        fprintf(stderr, "chanjiao: %s\n", ue.message);
        free(uploads);
        return 1;
    }
    files_set_dir(uploads);
    free(uploads);
    bool created = false;
    db *st = open_db(db_path, &created);
    if (!st)
        return 1;
    if (demo) {
        if (load_demo(st, true) != 0) {
            db_close(st);
            return 1;
        }
        demo_print_accounts(stdout);
    }
    /* A streaming replica for reads (PostgreSQL only), opened after the
     * primary migrated: it waits to have replayed the migrations. */
    db *read_db = NULL;
    if (read_url) {
        err_t re = ERR_INIT;
        if (db_open_replica(read_url, &read_db, &re) != 0) {
            fprintf(stderr, "chanjiao: %s\n", re.message);
            db_close(st);
            return 1;
        }
    }
    const char *web = cli_opt(argc, argv, "--web");
    http_config cfg = {listen,
                       st,
                       read_db,
                       demo,
                       threads ? (unsigned)atoi(threads) : 0,
                       cli_flag(argc, argv, "--no-cache") != 0,
                       web ? web : "web/dist",
                       cli_opt(argc, argv, "--trusted-proxy"),
                       (unsigned)header_timeout};
    err_t e = ERR_INIT;
    int rc = http_serve(&cfg, &e);
    db_close(read_db);
    return cli_done(st, rc, &e);
}

int cli_demo(int argc, char **argv)
{
    static const char *const vals[] = {"--db", NULL};
    if (cli_check_opts(argc, argv, 2, vals, NULL))
        return 2;
    const char *db_path = cli_opt(argc, argv, "--db");
    if (!db_path) {
        fputs("usage: chanjiao demo --db FILE\n", stderr);
        return 2;
    }
    db *st = open_db(db_path, NULL);
    if (!st)
        return 1;
    int rc = load_demo(st, false);
    if (rc == 0)
        demo_print_accounts(stdout);
    db_close(st);
    return rc;
}

int cli_routes(int argc, char **argv)
{
    char *s = router_describe();
    fputs(s, stdout);
    free(s);
    return 0;
}

/* Read one line (the password) from stdin without echo when it is a
 * terminal. */
static char *read_password(void)
{
    struct termios old, quiet;
    bool tty = isatty(STDIN_FILENO);
    if (tty) {
        fputs("密码 (password): ", stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fputc('\n', stderr);
    }
    if (n <= 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

int cli_user(int argc, char **argv)
{
    static const char *const vals[] = {"--db",         "--username",     "--role", "--org",
                                       "--consortium", "--display-name", NULL};
    if (argc < 3 || strcmp(argv[2], "add") != 0) {
        fputs("usage: chanjiao user add --db FILE --username U --role ROLE [--org ID] "
              "[--consortium ID] [--display-name NAME]  (password on stdin)\n",
              stderr);
        return 2;
    }
    if (cli_check_opts(argc, argv, 3, vals, NULL))
        return 2;
    const char *db_path = cli_opt(argc, argv, "--db"),
               *username = cli_opt(argc, argv, "--username"), *role = cli_opt(argc, argv, "--role"),
               *org = cli_opt(argc, argv, "--org"), *cons = cli_opt(argc, argv, "--consortium"),
               *display = cli_opt(argc, argv, "--display-name");
    if (!db_path || !username || !role) {
        fputs("usage: chanjiao user add --db FILE --username U --role ROLE [--org ID] "
              "[--consortium ID]\n",
              stderr);
        return 2;
    }
    char *password = read_password();
    if (!password) {
        fputs("chanjiao: 未从标准输入读到密码 (no password on standard input)\n", stderr);
        return 1;
    }
    db *st = open_db(db_path, NULL);
    if (!st) {
        free(password);
        return 1;
    }
    err_t e = ERR_INIT;
    json_t *in = json_pack("{s:s,s:s,s:s,s:s}", "username", username, "display_name",
                           display ? display : username, "role", role, "password", password);
    memset(password, 0, strlen(password));
    free(password);
    int rc = 1;
    const char *ids[2][2] = {{"organization_id", org}, {"consortium_id", cons}};
    for (int i = 0; i < 2; i++) {
        if (!ids[i][1])
            continue;
        char *end;
        long long v = strtoll(ids[i][1], &end, 10);
        if (*end || v <= 0) {
            fprintf(stderr, "chanjiao: %s 应为正整数编号 (must be a positive id): %s\n",
                    i ? "--consortium" : "--org", ids[i][1]);
            goto out;
        }
        json_object_set_new(in, ids[i][0], json_integer(v));
    }
    db_conn *sc = db_conn_get(st, &e);
    caller_t sys = caller_system();
    json_t *row = NULL;
    if (!sc || record_create(sc, &sys, entity_find("users"), in, &row, &e) != 0) {
        fprintf(stderr, "chanjiao: 无法添加用户 (cannot add the user): %s\n", e.message);
        if (e.details) {
            const char *k;
            json_t *v;
            json_object_foreach (e.details, k, v)
                fprintf(stderr, "  %s: %s\n", k, json_string_value(v));
        }
        err_clear(&e); /* printed */
        goto out;
    }
    printf("用户已添加 (user added): id=%lld username=%s role=%s\n",
           (long long)json_integer_value(json_object_get(row, "id")), username, role);
    json_decref(row);
    rc = 0;
out:
    json_decref(in);
    return cli_done(st, rc, &e);
}
