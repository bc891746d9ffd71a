/*
 * util.c — allocation wrappers, the error struct, a growable buffer and
 * UTC time (and UTC shown as China Standard Time).  See util.h for the contracts.
 */
#include "core/util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void oom(void)
{
    fputs("chanjiao: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t m)
{
    void *p = calloc(n ? n : 1, m ? m : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

char *xstrdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p)
        oom();
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = strndup(s, n);
    if (!p)
        oom();
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *p;
    va_start(ap, fmt);
    if (vasprintf(&p, fmt, ap) < 0)
        oom();
    va_end(ap);
    return p;
}

int err_set(err_t *e, err_code code, const char *fmt, ...)
{
    if (!e)
        return -1;
    va_list ap;
    e->code = code;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return -1;
}

void err_field(err_t *e, const char *field, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    if (!e)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!e->details)
        e->details = json_object();
    if (!json_object_get(e->details, field))
        json_object_set_new(e->details, field, json_string(msg));
}

void err_clear(err_t *e)
{
    if (!e)
        return;
    json_decref(e->details);
    e->details = NULL;
    e->code = ERR_NONE;
    e->message[0] = '\0';
}

static const struct {
    const char *name;
    int status;
} err_table[] = {
    [ERR_NONE] = {"ok", 200},
    [ERR_BAD_REQUEST] = {"bad_request", 400},
    [ERR_UNAUTHORIZED] = {"unauthorized", 401},
    [ERR_FORBIDDEN] = {"forbidden", 403},
    [ERR_NOT_FOUND] = {"not_found", 404},
    [ERR_METHOD] = {"method_not_allowed", 405},
    [ERR_CONFLICT] = {"conflict", 409},
    [ERR_PRECONDITION] = {"precondition_failed", 412},
    [ERR_TOO_LARGE] = {"payload_too_large", 413},
    [ERR_INVALID] = {"validation_failed", 422},
    [ERR_RATE_LIMITED] = {"rate_limited", 429},
    [ERR_INTERNAL] = {"internal_error", 500},
    [ERR_UNAVAILABLE] = {"unavailable", 503},
};

const char *err_code_name(err_code c)
{
    return (unsigned)c <= ERR_UNAVAILABLE ? err_table[c].name : "internal_error";
}

int err_http_status(err_code c)
{
    return (unsigned)c <= ERR_UNAVAILABLE ? err_table[c].status : 500;
}

void buf_init(buf_t *b)
{
    b->cap = 256;
    b->len = 0;
    b->data = xmalloc(b->cap);
    b->data[0] = '\0';
}

void buf_append(buf_t *b, const void *p, size_t n)
{
    if (!b->data)
        buf_init(b);
    if (b->len + n + 1 > b->cap) {
        while (b->len + n + 1 > b->cap)
            b->cap *= 2;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf_t *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_printf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        buf_append(b, small, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_append(b, big, (size_t)n);
    free(big);
}

void buf_free(buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Formatted once a second per thread: an import stamps every row. */
void now_utc(char out[21])
{
    static _Thread_local time_t last = -1;
    static _Thread_local char text[21];
    time_t t = time(NULL);
    if (t != last) {
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
        last = t;
    }
    memcpy(out, text, sizeof text);
}

int64_t now_unix(void)
{
    return (int64_t)time(NULL);
}

void time_utc(int64_t t, char out[21])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool time_cst(const char *utc, char out[32])
{
    struct tm tm = {0};
    char z = 0;
    int n = 0;
    out[0] = '\0';
    if (!utc ||
        sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z, &n) != 7 ||
        z != 'Z' || utc[n] || strlen(utc) != 20)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm) + 8 * 3600;
    struct tm cst;
    gmtime_r(&t, &cst);
    strftime(out, 32, "%Y-%m-%d %H:%M:%S (UTC+8)", &cst);
    return true;
}
