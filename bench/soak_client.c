/*
 * soak_client.c — the load client of bench/soak.sh: mixed reads and writes
 * at a fixed rate for a fixed time, against a running Chanjiao server.
 *
 * Open loop: CONNS threads, each with one keep-alive HTTP/1.1 connection,
 * send at fixed times (thread t sends at start + (t + k * CONNS) / RATE).
 * A request's latency is measured from the time it was due, not from when
 * it was sent, so a stalled server shows up in the figures instead of
 * slowing the client down (no coordinated omission).
 *
 * WRITE_PCT % of requests create an announcement in a consortium
 * (POST /api/v1/announcements, each with a unique title); every write the
 * server acknowledged (201 with an id) is recorded.  Reads are, in turn,
 * one acknowledged announcement by id, a page of the organisations list
 * and the consortium's composition — reads whose cost does not grow with
 * the writes (a first page of the announcements themselves would count
 * and sort every row written so far: a scaling test, not a soak).  Every
 * REPORT seconds it prints one line: requests, p50/p99/max latency, errors
 * (transport failures and non-2xx answers), requests sent over 1 s late
 * (the server, or the machine, cannot keep the rate), writes acknowledged,
 * the server's RSS (/proc/PID/status) and CPU per request (/proc/PID/stat).
 * The run ends at SECONDS even when behind: requests still due then are
 * not sent (counted as "unsent").  At the end it reads every acknowledged
 * write back (GET by id, title compared) and prints how many were lost;
 * exit status 0 only if none was lost and no request failed.
 *
 * Usage: soak_client HOST PORT TOKEN CONSORTIUM_ID SERVER_PID RATE SECONDS
 *                    [WRITE_PCT=20] [CONNS=8] [REPORT=60]
 * Plain C and POSIX sockets; cc -O2 -pthread -o soak_client soak_client.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *g_host, *g_token;
static int g_port, g_consortium, g_server_pid, g_write_pct = 20, g_conns = 8;
static double g_rate;
static double g_start, g_end;

/* Latencies (µs) of the current report interval, and counters. */
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t *g_lat;
static size_t g_nlat, g_caplat;
static long g_errors, g_total_errors, g_requests, g_writes, g_late, g_unsent;

/* Acknowledged writes: id and the thread/sequence that made the title. */
typedef struct {
    long id;
    int thread;
    long seq;
} ack;
static ack *g_acks;
static size_t g_nacks, g_capacks;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_until(double t)
{
    double d = t - now();
    if (d <= 0)
        return;
    struct timespec ts = {(time_t)d, (long)((d - (time_t)d) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* ---- one HTTP/1.1 keep-alive connection ------------------------------- */

typedef struct {
    int fd;
    char *buf; /* received bytes not yet consumed */
    size_t len, cap;
} conn;

static int conn_open(conn *c)
{
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)g_port);
    if (inet_pton(AF_INET, g_host, &a.sin_addr) != 1)
        return -1;
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0)
        return -1;
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {30, 0};
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(c->fd);
        c->fd = -1;
        return -1;
    }
    c->len = 0;
    return 0;
}

static void conn_close(conn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    c->len = 0;
}

static int fill(conn *c)
{
    if (c->cap - c->len < 16384) {
        c->cap = c->cap ? c->cap * 2 : 65536;
        c->buf = realloc(c->buf, c->cap + 1);
        if (!c->buf)
            abort();
    }
    ssize_t n = recv(c->fd, c->buf + c->len, c->cap - c->len, 0);
    if (n <= 0)
        return -1;
    c->len += (size_t)n;
    c->buf[c->len] = '\0';
    return 0;
}

/* Send one request and read its answer; the body (NUL-terminated, owned by
 * the caller) in *body.  Returns the status, or -1 on a transport error
 * (the connection is then closed). */
static int http(conn *c, const char *method, const char *path, const char *json, char **body)
{
    char head[1024];
    size_t blen = json ? strlen(json) : 0;
    int hn = snprintf(head, sizeof head,
                      "%s %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\n"
                      "Accept: application/json\r\n%s%s",
                      method, path, g_host, g_port, g_token,
                      json ? "Content-Type: application/json\r\n" : "", "");
    if (json)
        hn += snprintf(head + hn, sizeof head - (size_t)hn, "Content-Length: %zu\r\n", blen);
    hn += snprintf(head + hn, sizeof head - (size_t)hn, "\r\n");
    *body = NULL;
    if (c->fd < 0 && conn_open(c) != 0)
        return -1;
    if (send(c->fd, head, (size_t)hn, MSG_NOSIGNAL) != hn ||
        (json && send(c->fd, json, blen, MSG_NOSIGNAL) != (ssize_t)blen))
        goto fail;
    char *end;
    while (!(end = c->len ? strstr(c->buf, "\r\n\r\n") : NULL))
        if (fill(c) != 0)
            goto fail;
    size_t hlen = (size_t)(end - c->buf) + 4;
    int status = 0;
    if (sscanf(c->buf, "HTTP/1.%*d %d", &status) != 1)
        goto fail;
    long clen = -1;
    int chunked = 0, closing = 0;
    for (char *l = strstr(c->buf, "\r\n") + 2; l < end; l = strstr(l, "\r\n") + 2) {
        if (!strncasecmp(l, "Content-Length:", 15))
            clen = strtol(l + 15, NULL, 10);
        else if (!strncasecmp(l, "Transfer-Encoding:", 18) && strcasestr(l, "chunked") &&
                 strcasestr(l, "chunked") < strstr(l, "\r\n"))
            chunked = 1;
        else if (!strncasecmp(l, "Connection:", 11) && strcasestr(l, "close") &&
                 strcasestr(l, "close") < strstr(l, "\r\n"))
            closing = 1;
    }
    size_t used;
    char *out;
    if (chunked) {
        /* Decode in place into a new buffer. */
        size_t pos = hlen, olen = 0;
        out = malloc(1);
        for (;;) {
            char *crlf;
            while (!(crlf = strstr(c->buf + pos, "\r\n")))
                if (fill(c) != 0)
                    goto fail_out;
            long n = strtol(c->buf + pos, NULL, 16);
            size_t data = (size_t)(crlf - c->buf) + 2;
            while (c->len < data + (size_t)n + 2)
                if (fill(c) != 0)
                    goto fail_out;
            if (n == 0) {
                /* no trailers expected: the final CRLF */
                pos = data + 2;
                break;
            }
            out = realloc(out, olen + (size_t)n + 1);
            memcpy(out + olen, c->buf + data, (size_t)n);
            olen += (size_t)n;
            pos = data + (size_t)n + 2;
        }
        out[olen] = '\0';
        used = pos;
    } else {
        if (clen < 0) {
            /* body until close */
            while (fill(c) == 0)
                ;
            clen = (long)(c->len - hlen);
            closing = 1;
        }
        while (c->len < hlen + (size_t)clen)
            if (fill(c) != 0)
                goto fail;
        out = malloc((size_t)clen + 1);
        memcpy(out, c->buf + hlen, (size_t)clen);
        out[clen] = '\0';
        used = hlen + (size_t)clen;
    }
    memmove(c->buf, c->buf + used, c->len - used);
    c->len -= used;
    c->buf[c->len] = '\0';
    if (closing)
        conn_close(c);
    *body = out;
    return status;
fail_out:
    free(out);
fail:
    conn_close(c);
    return -1;
}

/* ---- the load ------------------------------------------------------------ */

static void record(double due, double sent, int ok)
{
    uint32_t us = (uint32_t)((now() - due) * 1e6);
    pthread_mutex_lock(&g_lock);
    if (g_nlat == g_caplat) {
        g_caplat = g_caplat ? g_caplat * 2 : 4096;
        g_lat = realloc(g_lat, g_caplat * sizeof *g_lat);
    }
    g_lat[g_nlat++] = us;
    g_requests++;
    if (sent - due > 1.0)
        g_late++;
    if (!ok) {
        g_errors++;
        g_total_errors++;
    }
    pthread_mutex_unlock(&g_lock);
}

static long random_ack_id(unsigned *seed)
{
    long id = 0;
    pthread_mutex_lock(&g_lock);
    if (g_nacks)
        id = g_acks[(size_t)rand_r(seed) % g_nacks].id;
    pthread_mutex_unlock(&g_lock);
    return id;
}

static void *worker(void *arg)
{
    int t = (int)(intptr_t)arg;
    unsigned seed = (unsigned)(t * 7919 + 17);
    conn c = {.fd = -1};
    long seq = 0, k = 0;
    char path[256], json[512];
    for (;;) {
        double due = g_start + (double)(t + k * g_conns) / g_rate;
        k++;
        if (due >= g_end)
            break;
        sleep_until(due);
        double sent = now();
        if (sent >= g_end) {
            /* behind schedule at the end: the rest are not sent */
            pthread_mutex_lock(&g_lock);
            g_unsent += (long)((g_end - due) * g_rate / g_conns) + 1;
            pthread_mutex_unlock(&g_lock);
            break;
        }
        char *body = NULL;
        int st;
        int r = rand_r(&seed) % 100;
        if (r < g_write_pct) {
            seq++;
            snprintf(json, sizeof json,
                     "{\"consortium_id\":%d,\"title\":\"soak-%d-%d-%ld\",\"body\":\"浸泡测试写入 "
                     "(soak write) %d-%ld\",\"status\":\"draft\"}",
                     g_consortium, g_server_pid, t, seq, t, seq);
            st = http(&c, "POST", "/api/v1/announcements", json, &body);
            const char *p = body ? strstr(body, "\"id\":") : NULL;
            long id = p ? strtol(p + 5, NULL, 10) : 0;
            int ok = st == 201 && id > 0;
            if (ok) {
                pthread_mutex_lock(&g_lock);
                if (g_nacks == g_capacks) {
                    g_capacks = g_capacks ? g_capacks * 2 : 4096;
                    g_acks = realloc(g_acks, g_capacks * sizeof *g_acks);
                }
                g_acks[g_nacks++] = (ack){id, t, seq};
                g_writes++;
                pthread_mutex_unlock(&g_lock);
            }
            record(due, sent, ok);
        } else {
            long id = random_ack_id(&seed);
            int kind = r % 3;
            if (kind == 0 && id)
                snprintf(path, sizeof path, "/api/v1/announcements/%ld", id);
            else if (kind == 1 || !id)
                snprintf(path, sizeof path, "/api/v1/organizations?per_page=20&page=%d",
                         1 + rand_r(&seed) % 10);
            else
                snprintf(path, sizeof path, "/api/v1/consortia/%d/composition", g_consortium);
            st = http(&c, "GET", path, NULL, &body);
            record(due, sent, st == 200);
        }
        free(body);
    }
    conn_close(&c);
    free(c.buf);
    return NULL;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static double rss_mb(void)
{
    char p[64], line[256];
    snprintf(p, sizeof p, "/proc/%d/status", g_server_pid);
    FILE *f = fopen(p, "r");
    double mb = -1;
    if (!f)
        return mb;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            mb = strtod(line + 6, NULL) / 1024.0;
    fclose(f);
    return mb;
}

/* The server's CPU time so far (user + system), in seconds. */
static double server_cpu(void)
{
    char p[64];
    snprintf(p, sizeof p, "/proc/%d/stat", g_server_pid);
    FILE *f = fopen(p, "r");
    double s = 0;
    if (!f)
        return s;
    char buf[1024];
    if (fgets(buf, sizeof buf, f)) {
        char *r = strrchr(buf, ')'); /* fields after the command name */
        unsigned long ut = 0, st = 0;
        if (r &&
            sscanf(r + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) == 2)
            s = (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
    }
    fclose(f);
    return s;
}

static double load1(void)
{
    double l = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1)
            l = -1;
        fclose(f);
    }
    return l;
}

static double g_cpu_last;

static void report(int n, double secs)
{
    pthread_mutex_lock(&g_lock);
    uint32_t *lat = g_lat;
    size_t nl = g_nlat;
    long errs = g_errors, writes = g_writes, late = g_late;
    g_lat = NULL;
    g_nlat = g_caplat = 0;
    g_errors = 0;
    g_late = 0;
    pthread_mutex_unlock(&g_lock);
    double p50 = 0, p99 = 0, max = 0;
    if (nl) {
        qsort(lat, nl, sizeof *lat, cmp_u32);
        p50 = lat[nl / 2] / 1000.0;
        p99 = lat[(size_t)(nl * 0.99) < nl ? (size_t)(nl * 0.99) : nl - 1] / 1000.0;
        max = lat[nl - 1] / 1000.0;
    }
    free(lat);
    double cpu = server_cpu();
    double cpu_ms = nl ? (cpu - g_cpu_last) * 1000.0 / (double)nl : 0;
    g_cpu_last = cpu;
    printf("interval %3d  t=%5.0fs  requests %6zu  req/s %6.1f  p50 %7.2f ms  p99 %7.2f ms  "
           "max %8.2f ms  errors %ld  late %ld  writes_acked %ld  rss %.1f MB  "
           "cpu/req %.2f ms  load1 %.2f\n",
           n, now() - g_start, nl, nl / secs, p50, p99, max, errs, late, writes, rss_mb(), cpu_ms,
           load1());
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc < 8) {
        fputs("usage: soak_client HOST PORT TOKEN CONSORTIUM_ID SERVER_PID RATE SECONDS "
              "[WRITE_PCT] [CONNS] [REPORT]\n",
              stderr);
        return 2;
    }
    g_host = argv[1];
    g_port = atoi(argv[2]);
    g_token = argv[3];
    g_consortium = atoi(argv[4]);
    g_server_pid = atoi(argv[5]);
    g_rate = atof(argv[6]);
    double secs = atof(argv[7]);
    if (argc > 8)
        g_write_pct = atoi(argv[8]);
    if (argc > 9)
        g_conns = atoi(argv[9]);
    double every = argc > 10 ? atof(argv[10]) : 60;
    if (g_rate <= 0 || secs <= 0 || g_conns <= 0 || every <= 0 || g_write_pct < 0 ||
        g_write_pct > 100) {
        fputs("soak_client: RATE, SECONDS, CONNS and REPORT must be positive, WRITE_PCT 0-100\n",
              stderr);
        return 2;
    }
    double rss0 = rss_mb();
    printf("soak: rate %.0f req/s, %d %% writes, %d connections, %.0f s, server pid %d, "
           "RSS at start %.1f MB\n",
           g_rate, g_write_pct, g_conns, secs, g_server_pid, rss0);
    fflush(stdout);
    g_cpu_last = server_cpu();
    g_start = now() + 0.1;
    g_end = g_start + secs;
    pthread_t *th = calloc((size_t)g_conns, sizeof *th);
    for (int t = 0; t < g_conns; t++)
        pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t);
    int n = 0;
    for (double next = g_start + every; next < g_end + every / 2; next += every) {
        sleep_until(next < g_end ? next : g_end);
        if (next >= g_end)
            break;
        report(++n, every);
    }
    for (int t = 0; t < g_conns; t++)
        pthread_join(th[t], NULL);
    double tail = g_end - (g_start + n * every);
    if (tail > every / 100)
        report(++n, tail);
    double rss1 = rss_mb();

    /* Read every acknowledged write back. */
    conn c = {.fd = -1};
    long lost = 0, unreadable = 0;
    char path[128], want[128];
    for (size_t i = 0; i < g_nacks; i++) {
        char *body = NULL;
        snprintf(path, sizeof path, "/api/v1/announcements/%ld", g_acks[i].id);
        snprintf(want, sizeof want, "\"soak-%d-%d-%ld\"", g_server_pid, g_acks[i].thread,
                 g_acks[i].seq);
        int st = -1;
        for (int tries = 0; tries < 3 && st < 0; tries++)
            st = http(&c, "GET", path, NULL, &body);
        if (st < 0)
            unreadable++;
        else if (st != 200 || !body || !strstr(body, want)) {
            if (lost < 5)
                fprintf(stderr, "soak: write %ld (%s) lost: status %d\n", g_acks[i].id, want, st);
            lost++;
        }
        free(body);
    }
    conn_close(&c);
    free(c.buf);
    printf("soak: requests %ld, errors %ld, unsent at the end %ld, writes acknowledged %zu, "
           "read back %zu, lost %ld, unreadable %ld\n",
           g_requests, g_total_errors, g_unsent, g_nacks,
           g_nacks - (size_t)lost - (size_t)unreadable, lost, unreadable);
    printf("soak: RSS start %.1f MB, end %.1f MB\n", rss0, rss1);
    free(th);
    free(g_acks);
    free(g_lat);
    return lost == 0 && unreadable == 0 && g_total_errors == 0 ? 0 : 1;
}
