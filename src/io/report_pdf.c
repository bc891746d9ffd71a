/*
 * report_pdf.c — HTML to PDF through headless Chromium (report_pdf.h).
 *
 * Why a browser: the report is already a page with CSS for print
 * (@page A4, repeated table headers, SVG charts) and Chromium lays out
 * Chinese text, embeds subsets of the fonts and writes text a reader can
 * copy; doing the same with Pango/Cairo would mean a second layout of
 * every table and chart in C (docs/report.md).
 *
 * The run: a folder from mkdtemp holds the page, the PDF and Chromium's
 * own profile (so two runs never share one); posix_spawn starts Chromium
 * in its own process group with stdin/stdout/stderr on /dev/null; the
 * parent polls waitpid and kills the whole group at the deadline; the
 * folder is removed (nftw, depth first) whatever happened.  A counter
 * under a mutex bounds the runs at once, and a small cache (SHA-256 of
 * the HTML → PDF bytes, the oldest entry replaced) makes the second
 * request for the same report instant.
 */
#define _XOPEN_SOURCE 700
#include "io/report_pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct {
    unsigned char key[crypto_hash_sha256_BYTES];
    char *pdf;
    size_t len;
    unsigned long long used;
} cache_entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static cache_entry cache[REPORT_PDF_CACHE_ENTRIES];
static unsigned long long tick;
static int running;

void report_pdf_cache_clear(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < REPORT_PDF_CACHE_ENTRIES; i++) {
        free(cache[i].pdf);
        memset(&cache[i], 0, sizeof cache[i]);
    }
    pthread_mutex_unlock(&lock);
}

static bool cache_get(const unsigned char *key, buf_t *out)
{
    bool hit = false;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < REPORT_PDF_CACHE_ENTRIES; i++)
        if (cache[i].pdf && !memcmp(cache[i].key, key, sizeof cache[i].key)) {
            buf_append(out, cache[i].pdf, cache[i].len);
            cache[i].used = ++tick;
            hit = true;
            break;
        }
    pthread_mutex_unlock(&lock);
    return hit;
}

static void cache_put(const unsigned char *key, const char *pdf, size_t len)
{
    pthread_mutex_lock(&lock);
    size_t victim = 0;
    for (size_t i = 0; i < REPORT_PDF_CACHE_ENTRIES; i++) {
        if (!cache[i].pdf) {
            victim = i;
            break;
        }
        if (cache[i].used < cache[victim].used)
            victim = i;
    }
    free(cache[victim].pdf);
    memcpy(cache[victim].key, key, sizeof cache[victim].key);
    cache[victim].pdf = xmalloc(len ? len : 1);
    memcpy(cache[victim].pdf, pdf, len);
    cache[victim].len = len;
    cache[victim].used = ++tick;
    pthread_mutex_unlock(&lock);
}

char *report_pdf_browser(void)
{
    const char *env = getenv("CHANJIAO_CHROMIUM");
    if (env && *env)
        return access(env, X_OK) == 0 ? xstrdup(env) : NULL;
    static const char *const names[] = {"chromium", "chromium-browser", "google-chrome", NULL};
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *const *n = names; *n; n++) {
        const char *p = path;
        while (*p) {
            const char *colon = strchr(p, ':');
            size_t len = colon ? (size_t)(colon - p) : strlen(p);
            char *cand = xasprintf("%.*s/%s", (int)len, p, *n);
            if (len && access(cand, X_OK) == 0)
                return cand;
            free(cand);
            p += len + (colon ? 1 : 0);
        }
    }
    return NULL;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

static int read_file(const char *path, buf_t *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    fclose(f);
    return 0;
}

/* Run Chromium on dir/report.html into dir/report.pdf; 0 when it exited
 * 0 in time. */
static int print(const char *browser, const char *dir, err_t *e)
{
    char *page = xasprintf("file://%s/report.html", dir);
    char *pdf = xasprintf("--print-to-pdf=%s/report.pdf", dir);
    char *profile = xasprintf("--user-data-dir=%s/profile", dir);
    char *argv[] = {(char *)browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-extensions",
                    "--no-first-run",
                    "--no-pdf-header-footer",
                    "--run-all-compositor-stages-before-draw",
                    profile,
                    pdf,
                    page,
                    NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_init(&at);
    posix_spawnattr_setpgroup(&at, 0);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
    pid_t pid;
    int rc = posix_spawn(&pid, browser, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    free(page);
    free(pdf);
    free(profile);
    if (rc != 0)
        return err_set(e, ERR_INTERNAL, "无法启动 chromium (could not start chromium): %s",
                       strerror(rc));
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR)
            return err_set(e, ERR_INTERNAL, "chromium 已丢失 (lost chromium)");
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= REPORT_PDF_TIMEOUT_S) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return err_set(e, ERR_INTERNAL,
                           "生成 PDF 超时（%d 秒） (printing the PDF took over %d s)",
                           REPORT_PDF_TIMEOUT_S, REPORT_PDF_TIMEOUT_S);
        }
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    /* Chromium's helpers (zygote, GPU) share its group: none outlive it. */
    kill(-pid, SIGKILL);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return err_set(e, ERR_INTERNAL,
                       "chromium 生成 PDF 失败 (chromium failed to print the PDF)");
    return 0;
}

int report_pdf_render(const char *html, size_t len, buf_t *out, bool *cached, err_t *e)
{
    unsigned char key[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(key, (const unsigned char *)html, len);
    if (cached)
        *cached = false;
    if (cache_get(key, out)) {
        if (cached)
            *cached = true;
        return 0;
    }
    char *browser = report_pdf_browser();
    if (!browser)
        return err_set(e, ERR_UNAVAILABLE,
                       "服务器未安装 chromium，无法生成 PDF；请安装 Debian 软件包 chromium 和 "
                       "fonts-wqy-microhei (the PDF needs the Debian packages chromium and "
                       "fonts-wqy-microhei: apt-get install chromium fonts-wqy-microhei)");
    pthread_mutex_lock(&lock);
    bool busy = running >= REPORT_PDF_MAX_RUNNING;
    if (!busy)
        running++;
    pthread_mutex_unlock(&lock);
    if (busy) {
        free(browser);
        return err_set(e, ERR_UNAVAILABLE,
                       "正在生成其他 PDF，请稍后重试 (other PDFs are being printed; retry "
                       "shortly for this PDF)");
    }
    int rc = -1;
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/chanjiao-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        err_set(e, ERR_INTERNAL, "无法创建临时目录 (could not make a temporary folder)");
        free(dir);
        dir = NULL;
        goto out;
    }
    char *page = xasprintf("%s/report.html", dir), *pdf = xasprintf("%s/report.pdf", dir);
    buf_t b;
    buf_init(&b);
    if (write_file(page, html, len) != 0)
        err_set(e, ERR_INTERNAL, "无法写入临时文件 (could not write a temporary file)");
    else if (print(browser, dir, e) == 0) {
        if (read_file(pdf, &b) != 0 || b.len < 5 || memcmp(b.data, "%PDF-", 5))
            err_set(e, ERR_INTERNAL, "chromium 未生成 PDF (chromium wrote no PDF)");
        else {
            cache_put(key, b.data, b.len);
            buf_append(out, b.data, b.len);
            rc = 0;
        }
    }
    buf_free(&b);
    free(page);
    free(pdf);
out:
    if (dir) {
        nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
        free(dir);
    }
    free(browser);
    pthread_mutex_lock(&lock);
    running--;
    pthread_mutex_unlock(&lock);
    return rc;
}
