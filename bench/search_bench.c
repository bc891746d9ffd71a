/*
 * search_bench.c — the search benchmark's loader and clients (run by
 * bench/search.sh, which compiles it against build/libcjcore.a).
 *
 *   search_bench load DB CSV [CONSORTIA]   a new database: the store's own
 *       migrations, CONSORTIA consortia (default 1) with the CSV's
 *       enterprises as members, then every CSV row (gen_demand's columns)
 *       as a demand row, 95 % published, 3 % draft, 2 % closed, spread
 *       round-robin over the consortia — inserted with one prepared
 *       statement in one transaction, with store_search_defer() as an
 *       import should, so the index is built at commit (SEARCH_NODEFER=1:
 *       by the triggers row by row; SEARCH_NOINDEX=1: no index, to see
 *       what it costs; SEARCH_FTS_CONFIG="SQL" runs SQL first, e.g. to try
 *       another FTS5 automerge or hashsize);
 *   search_bench store DB ROUNDS           store_search_demand(consortium 1,
 *       first page of 20) for every query of the set below, ROUNDS times
 *       in a shuffled order after one warm-up round;
 *   search_bench http PORT ROUNDS          the same through GET
 *       /api/v1/search on 127.0.0.1:PORT over one keep-alive connection;
 *   search_bench wrk-lua FILE              a wrk script rotating the set.
 *
 * Prints one line per query (its category, total matches, share of the
 * consortium's published rows, median and p99 latency) and p50/p99/max
 * over all searches, over all but the "generic" words (工作, 车间, 负责:
 * in most rows), and per category.  Times are wall clock around the call
 * (store) or from sending the request to having read the whole answer
 * (http).
 */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "domain/auth.h"
#include "domain/record.h"
#include "store/store_internal.h"

typedef struct {
    const char *category, *q;
} query;

static const query queries[] = {
    {"common", "焊接"},         {"common", "焊装"},         {"common", "新能源"},
    {"common", "电气"},         {"common", "涂装"},         {"common", "机器人"},
    {"common", "装配"},         {"common", "维修"},         {"common", "检测"},
    {"common", "质量"},         {"3+ chars", "新能源汽车"}, {"3+ chars", "工业机器人"},
    {"3+ chars", "三坐标测量"}, {"3+ chars", "作业指导书"}, {"3+ chars", "白车身点焊"},
    {"single", "焊"},           {"single", "电"},           {"single", "漆"},
    {"single", "钳"},           {"ascii", "PLC"},           {"ascii", "catia"},
    {"ascii", "ABB"},           {"ascii", "Excel"},         {"ascii", "MES"},
    {"ascii", "S7-1200"},       {"words", "焊接 PLC"},      {"words", "新能源 维修"},
    {"words", "涂装 机器人"},   {"rare", "一体化压铸"},     {"rare", "线控底盘"},
    {"rare", "钠离子电池"},     {"rare", "激光雷达"},       {"rare", "轮毂电机"},
    {"none", "区块链"},         {"generic", "工作"},        {"generic", "车间"},
    {"generic", "负责"},
};
#define NQ ((int)(sizeof queries / sizeof *queries))

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "search_bench: %s: %s\n", what, msg);
    exit(1);
}

/* ---- load ---------------------------------------------------------------- */

/* Split one CSV line (RFC 4180 quotes) into at most max fields, in place. */
static int csv_split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        f[n++] = p;
        if (*p == '"') {
            char *r = p + 1;
            for (;;) {
                if (!*r)
                    break;
                if (*r == '"' && r[1] == '"') {
                    *out++ = '"';
                    r += 2;
                } else if (*r == '"') {
                    r++;
                    break;
                } else
                    *out++ = *r++;
            }
            p = r;
        } else {
            while (*p && *p != ',' && *p != '\n' && *p != '\r')
                out = ++p;
        }
        char c = *p;
        *out = '\0';
        if (c != ',')
            break;
        p++;
    }
    return n;
}

/* Whether environment variable name is set to something other than "" or
 * "0". */
static bool env_on(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

static int64_t create(store_conn *sc, const char *entity, json_t *in)
{
    caller_t sys = caller_system();
    err_t e = ERR_INIT;
    json_t *row = NULL;
    if (record_create(sc, &sys, entity_find(entity), in, &row, &e) != 0)
        die(entity, e.message);
    json_decref(in);
    int64_t id = json_integer_value(json_object_get(row, "id"));
    json_decref(row);
    return id;
}

typedef struct {
    char *name;
    int64_t id;
} firm;

static int load(const char *db, const char *csv, int nconsortia)
{
    err_t e = ERR_INIT;
    store *st;
    bool created;
    if (auth_init() != 0 || store_open(db, &st, &created, &e) != 0)
        die(db, e.message);
    store_conn *sc = store_conn_get(st, &e);
    if (!created)
        die(db, "exists already; give a new file");
    int64_t *cons = calloc((size_t)nconsortia, sizeof *cons);
    for (int i = 0; i < nconsortia; i++) {
        char name[64];
        snprintf(name, sizeof name, "示例汽车产教联合体%03d", i + 1);
        cons[i] = create(sc, "consortia",
                         json_pack("{s:s,s:s,s:s,s:b}", "name", name, "kind", "city", "level",
                                   "municipal", "is_public", 1));
    }
    FILE *in = fopen(csv, "r");
    if (!in)
        die(csv, "cannot open");
    static char line[65536];
    char *f[12];
    if (!fgets(line, sizeof line, in))
        die(csv, "empty");
    firm *firms = NULL;
    int nfirms = 0;
    sqlite3_stmt *ins = NULL;
    const char *sql =
        "INSERT INTO demand(consortium_id, enterprise_id, occupation_code, job_title, "
        "kind, headcount, education, skills, region_code, period, description, "
        "status, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    if (env_on("SEARCH_NOINDEX")) /* to measure what the index costs to build */
        sqlite3_exec(sc->db,
                     "DROP TRIGGER demand_fts_insert; DROP TRIGGER demand_fts_update; "
                     "DROP TRIGGER demand_fts_delete",
                     NULL, NULL, NULL);
    if (getenv("SEARCH_FTS_CONFIG"))
        sqlite3_exec(sc->db, getenv("SEARCH_FTS_CONFIG"), NULL, NULL, NULL);
    if (sqlite3_prepare_v2(sc->db, sql, -1, &ins, NULL) != SQLITE_OK)
        die("prepare", sqlite3_errmsg(sc->db));
    char now[21];
    now_utc(now);
    double t0 = now_ms();
    long rows = 0;
    if (store_begin(sc, &e) != 0)
        die("begin", e.message);
    /* SEARCH_NODEFER: index row by row, as the triggers alone do */
    bool defer = !env_on("SEARCH_NODEFER") && !env_on("SEARCH_NOINDEX");
    if (defer && store_search_defer(sc, 0, &e) != 0) /* rows of every consortium */
        die("defer", e.message);
    while (fgets(line, sizeof line, in)) {
        if (csv_split(line, f, 10) != 10)
            die(csv, "a row without 10 fields");
        int k = 0;
        while (k < nfirms && strcmp(firms[k].name, f[0]) != 0)
            k++;
        if (k == nfirms) { /* a new enterprise: a member of every consortium */
            firms = realloc(firms, (size_t)(nfirms + 1) * sizeof *firms);
            firms[k].name = strdup(f[0]);
            sqlite3_stmt *o = NULL;
            sqlite3_prepare_v2(sc->db,
                               "INSERT INTO organizations(name, type, created_at, updated_at) "
                               "VALUES(?, 'enterprise', ?, ?)",
                               -1, &o, NULL);
            sqlite3_bind_text(o, 1, f[0], -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(o, 2, now, -1, SQLITE_STATIC);
            sqlite3_bind_text(o, 3, now, -1, SQLITE_STATIC);
            if (sqlite3_step(o) != SQLITE_DONE)
                die("organization", sqlite3_errmsg(sc->db));
            sqlite3_finalize(o);
            firms[k].id = sqlite3_last_insert_rowid(sc->db);
            for (int c = 0; c < nconsortia; c++) {
                sqlite3_stmt *m = NULL;
                sqlite3_prepare_v2(sc->db,
                                   "INSERT INTO memberships(consortium_id, organization_id, role, "
                                   "created_at, updated_at) VALUES(?, ?, 'member', ?, ?)",
                                   -1, &m, NULL);
                sqlite3_bind_int64(m, 1, cons[c]);
                sqlite3_bind_int64(m, 2, firms[k].id);
                sqlite3_bind_text(m, 3, now, -1, SQLITE_STATIC);
                sqlite3_bind_text(m, 4, now, -1, SQLITE_STATIC);
                if (sqlite3_step(m) != SQLITE_DONE)
                    die("membership", sqlite3_errmsg(sc->db));
                sqlite3_finalize(m);
            }
            nfirms++;
        }
        /* each consortium's own rows are 95 / 3 / 2 % published / draft /
         * closed (rows go to the consortia in turn) */
        int r = (int)(rows / nconsortia % 100);
        sqlite3_bind_int64(ins, 1, cons[rows % nconsortia]);
        sqlite3_bind_int64(ins, 2, firms[k].id);
        for (int i = 1; i <= 9; i++) {
            int col = i + 2;
            if (i == 4 || i == 8) /* headcount, period */
                sqlite3_bind_int64(ins, col, strtoll(f[i], NULL, 10));
            else if (*f[i])
                sqlite3_bind_text(ins, col, f[i], -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(ins, col);
        }
        sqlite3_bind_text(ins, 12,
                          r < 95   ? "published"
                          : r < 98 ? "draft"
                                   : "closed",
                          -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 13, now, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 14, now, -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            die("insert demand", sqlite3_errmsg(sc->db));
        sqlite3_reset(ins);
        if (++rows % 200000 == 0) {
            fprintf(stderr, "  %ld rows, %.1f s\n", rows, (now_ms() - t0) / 1e3);
        }
    }
    sqlite3_finalize(ins);
    fclose(in);
    double t1 = now_ms();
    if (store_commit(sc, &e) != 0)
        die("commit", e.message);
    double t2 = now_ms();
    printf("loaded %ld demand rows (%d enterprises, %d consortia) in %.1f s, %.0f rows/s: "
           "rows %.1f s, commit %.1f s (%s)\n",
           rows, nfirms, nconsortia, (t2 - t0) / 1e3, rows / ((t2 - t0) / 1e3), (t1 - t0) / 1e3,
           (t2 - t1) / 1e3,
           env_on("SEARCH_NOINDEX") ? "no index"
           : defer                  ? "indexed at commit, store_search_defer"
                                    : "indexed row by row by the triggers");
    sqlite3_stmt *q = NULL;
    sqlite3_prepare_v2(sc->db,
                       "SELECT (SELECT sum(length(block)) FROM demand_fts_data), "
                       "(SELECT count(*) FROM demand_fts_data)",
                       -1, &q, NULL);
    if (sqlite3_step(q) == SQLITE_ROW)
        printf("index: %.0f MB in %lld blocks\n", sqlite3_column_int64(q, 0) / 1048576.0,
               (long long)sqlite3_column_int64(q, 1));
    sqlite3_finalize(q);
    sqlite3_exec(sc->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    for (int i = 0; i < nfirms; i++)
        free(firms[i].name);
    free(firms);
    free(cons);
    store_close(st);
    return 0;
}

/* ---- measuring -------------------------------------------------------------- */

typedef struct {
    double *ms;
    int n;
    int64_t total;
} samples;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
    if (n == 0)
        return 0;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)(p / 100.0 * n + 0.5) - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static uint64_t rng = 88172645463325252ull;
static int below(int n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (int)(rng % (uint64_t)n);
}

typedef double (*search_once)(void *ctx, const char *q, int64_t *total);

/* Print s left-aligned in width terminal columns (CJK characters take
 * two). */
static void print_padded(const char *s, int width)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80)
            cols++;
        else if ((*p & 0xC0) == 0xC0)
            cols += 2;
    printf("%s%*s", s, width > cols ? width - cols : 0, "");
}

static void report(const char *what, samples *s, int rounds, int64_t published)
{
    printf("\n%-9s %-12s %9s %7s %9s %9s\n", "category", "query", "total", "share", "median",
           "p99");
    double *all = malloc(sizeof(double) * (size_t)(NQ * rounds));
    double *some = malloc(sizeof(double) * (size_t)(NQ * rounds));
    double *v = malloc(sizeof(double) * (size_t)(NQ * rounds));
    int nall = 0, nsome = 0;
    for (int i = 0; i < NQ; i++) {
        memcpy(v, s[i].ms, sizeof(double) * (size_t)rounds);
        printf("%-9s ", queries[i].category);
        print_padded(queries[i].q, 12);
        printf(" %9lld ", (long long)s[i].total);
        if (published)
            printf("%6.2f%%", 100.0 * (double)s[i].total / (double)published);
        else
            printf("%7s", "");
        printf(" %6.2f ms %6.2f ms\n", pct(v, rounds, 50), pct(v, rounds, 99));
        for (int r = 0; r < rounds; r++) {
            all[nall++] = s[i].ms[r];
            if (strcmp(queries[i].category, "generic") != 0)
                some[nsome++] = s[i].ms[r];
        }
    }
    double p50 = pct(all, nall, 50), p99 = pct(all, nall, 99), mx = pct(all, nall, 100);
    double q50 = pct(some, nsome, 50), q99 = pct(some, nsome, 99), qmx = pct(some, nsome, 100);
    printf("\n%s, %d queries × %d rounds:\n", what, NQ, rounds);
    printf("  all queries:            p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d searches)\n",
           p50, p99, mx, nall);
    printf("  all but 'generic':      p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d searches)\n",
           q50, q99, qmx, nsome);
    const char *cats[] = {"common", "3+ chars", "single", "ascii",
                          "words",  "rare",     "none",   "generic"};
    for (size_t c = 0; c < sizeof cats / sizeof *cats; c++) {
        int m = 0;
        for (int i = 0; i < NQ; i++)
            if (!strcmp(queries[i].category, cats[c]))
                for (int r = 0; r < rounds; r++)
                    v[m++] = s[i].ms[r];
        printf("  %-22s p50 %6.2f ms  p99 %6.2f ms\n", cats[c], pct(v, m, 50), pct(v, m, 99));
    }
    printf("  targets (SPEC: p50 <= 5 ms, p99 <= 20 ms): all queries %s; all but 'generic' %s\n",
           p50 <= 5 && p99 <= 20 ? "met" : "NOT met", q50 <= 5 && q99 <= 20 ? "met" : "NOT met");
    free(all);
    free(some);
    free(v);
}

static void measure(const char *what, search_once fn, void *ctx, int rounds, int64_t published)
{
    samples s[NQ];
    int order[NQ];
    for (int i = 0; i < NQ; i++) {
        s[i].ms = calloc((size_t)rounds, sizeof(double));
        fn(ctx, queries[i].q, &s[i].total); /* warm-up */
        order[i] = i;
    }
    for (int r = 0; r < rounds; r++) {
        for (int i = NQ - 1; i > 0; i--) {
            int j = below(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < NQ; i++) {
            int64_t total;
            s[order[i]].ms[r] = fn(ctx, queries[order[i]].q, &total);
            if (total != s[order[i]].total)
                die(queries[order[i]].q, "total changed between rounds");
        }
    }
    report(what, s, rounds, published);
    for (int i = 0; i < NQ; i++)
        free(s[i].ms);
}

/* ---- store level -------------------------------------------------------------- */

static double store_once(void *ctx, const char *q, int64_t *total)
{
    store_conn *sc = ctx;
    err_t e = ERR_INIT;
    json_t *items = NULL;
    double t0 = now_ms();
    if (store_search_demand(sc, 1, q, 1, 20, &items, total, &e) != 0)
        die(q, e.message);
    double t = now_ms() - t0;
    json_decref(items);
    return t;
}

static int64_t published_in_1(store_conn *sc)
{
    sqlite3_stmt *st = NULL;
    int64_t n = 0;
    sqlite3_prepare_v2(sc->db,
                       "SELECT count(*) FROM demand WHERE consortium_id = 1 AND status = "
                       "'published' AND deleted_at IS NULL",
                       -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int store_bench(const char *db, int rounds)
{
    err_t e = ERR_INIT;
    store *st;
    if (store_open(db, &st, NULL, &e) != 0)
        die(db, e.message);
    store_conn *sc = store_conn_get(st, &e);
    int64_t pub = published_in_1(sc);
    printf("consortium 1: %lld published demand rows\n", (long long)pub);
    measure("store_search_demand", store_once, sc, rounds, pub);
    store_close(st);
    return 0;
}

/* ---- over HTTP ------------------------------------------------------------------ */

typedef struct {
    int fd;
    char *buf;
    size_t cap;
} client;

static void url_encode(const char *s, char *out, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && o + 4 < n; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.')
            out[o++] = (char)*p;
        else {
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        }
    }
    out[o] = '\0';
}

static double http_once(void *ctx, const char *q, int64_t *total)
{
    client *c = ctx;
    char enc[600], req[1024];
    url_encode(q, enc, sizeof enc);
    int n =
        snprintf(req, sizeof req,
                 "GET /api/v1/search?consortium=1&q=%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", enc);
    double t0 = now_ms();
    if (write(c->fd, req, (size_t)n) != n)
        die("http", "write failed");
    size_t have = 0;
    long body_at = -1, clen = -1;
    for (;;) {
        if (have + 65536 > c->cap) {
            c->cap = (have + 65536) * 2;
            c->buf = realloc(c->buf, c->cap);
        }
        ssize_t r = read(c->fd, c->buf + have, c->cap - have - 1);
        if (r <= 0)
            die("http", "connection closed");
        have += (size_t)r;
        c->buf[have] = '\0';
        if (body_at < 0) {
            char *end = strstr(c->buf, "\r\n\r\n");
            if (!end)
                continue;
            body_at = end + 4 - c->buf;
            char *cl = strcasestr(c->buf, "\r\nContent-Length:");
            if (!cl || cl > end)
                die("http", "no Content-Length");
            clen = strtol(cl + 17, NULL, 10);
            if (strncmp(c->buf, "HTTP/1.1 200", 12) != 0)
                die(q, c->buf);
        }
        if ((long)have >= body_at + clen)
            break;
    }
    double t = now_ms() - t0;
    char *tot = strstr(c->buf + body_at, "\"total\":");
    *total = tot ? strtoll(tot + 8, NULL, 10) : -1;
    return t;
}

static int http_bench(int port, int rounds)
{
    client c = {0};
    c.fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(c.fd, (struct sockaddr *)&sa, sizeof sa) != 0)
        die("http", "cannot connect");
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    measure("GET /api/v1/search (one keep-alive connection)", http_once, &c, rounds, 0);
    close(c.fd);
    free(c.buf);
    return 0;
}

/* A wrk script that sends the queries in turn. */
static int wrk_lua(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die(path, "cannot write");
    fputs("local paths = {\n", f);
    for (int i = 0; i < NQ; i++) {
        char enc[600];
        url_encode(queries[i].q, enc, sizeof enc);
        fprintf(f, "  \"/api/v1/search?consortium=1&q=%s\",\n", enc);
    }
    fputs("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
          "  return wrk.format(\"GET\", paths[i])\nend\n",
          f);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "load"))
        return load(argv[2], argv[3], argc >= 5 ? atoi(argv[4]) : 1);
    if (argc >= 4 && !strcmp(argv[1], "store"))
        return store_bench(argv[2], atoi(argv[3]));
    if (argc >= 4 && !strcmp(argv[1], "http"))
        return http_bench(atoi(argv[2]), atoi(argv[3]));
    if (argc >= 3 && !strcmp(argv[1], "wrk-lua"))
        return wrk_lua(argv[2]);
    fputs("usage: search_bench load DB CSV [CONSORTIA] | store DB ROUNDS | http PORT ROUNDS | "
          "wrk-lua FILE\n",
          stderr);
    return 2;
}
