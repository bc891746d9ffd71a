/*
 * util.h — the few things every module of Chanjiao uses: allocation that
 * never returns NULL, the error struct that carries a code and a human
 * message from the place a failure is found to the place it is reported,
 * and small string helpers.
 *
 * Allocation: x*() wrappers abort on out-of-memory (as Kore does) so the
 * rest of the code never tests for NULL from malloc.
 *
 * Errors: a function that can fail returns 0 on success and -1 on failure
 * and fills an err_t the caller owns.  The code is one of ERR_*, which the
 * HTTP layer maps to a status and the CLI to an exit code; the message is
 * for people (Chinese first where it reaches users).  `details` is an
 * optional jansson object naming bad fields (owned by the err_t; free it
 * with err_clear()).
 */
#ifndef CJ_UTIL_H
#define CJ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct json_t json_t;

typedef enum {
    ERR_NONE = 0,
    ERR_BAD_REQUEST,  /* 400: malformed input (JSON, query)            */
    ERR_UNAUTHORIZED, /* 401: no or bad credentials                    */
    ERR_FORBIDDEN,    /* 403: authenticated but not allowed            */
    ERR_NOT_FOUND,    /* 404 */
    ERR_METHOD,       /* 405 */
    ERR_CONFLICT,     /* 409: unique constraint, state conflict        */
    ERR_PRECONDITION, /* 412: If-Match names a revision no longer current */
    ERR_TOO_LARGE,    /* 413 */
    ERR_INVALID,      /* 422: validation failed, details name fields   */
    ERR_RATE_LIMITED, /* 429 */
    ERR_INTERNAL,     /* 500: never shows internals to the user        */
    ERR_UNAVAILABLE   /* 503 */
} err_code;

typedef struct {
    err_code code;
    char message[512];
    json_t *details; /* owned; NULL or a JSON object {field: message} */
} err_t;

#define ERR_INIT                                                                                   \
    {                                                                                              \
        ERR_NONE, {0}, NULL                                                                        \
    }

/* Set code and printf-style message; returns -1 so callers can
 * `return err_set(e, ...)`. */
int err_set(err_t *e, err_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Add `field: message` to e->details (creating it) without touching code. */
void err_field(err_t *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void err_clear(err_t *e);
/* "bad_request", "not_found", ... as used in the JSON error envelope. */
const char *err_code_name(err_code c);
int err_http_status(err_code c);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Caller frees the returned string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable byte buffer; `data` is always NUL-terminated. */
typedef struct {
    char *data;
    size_t len, cap;
} buf_t;
void buf_init(buf_t *b);
void buf_append(buf_t *b, const void *p, size_t n);
void buf_puts(buf_t *b, const char *s);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(buf_t *b);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into out[21]. */
void now_utc(char out[21]);
int64_t now_unix(void);
/* A unix time as "YYYY-MM-DDTHH:MM:SSZ" into out[21] (the form now_utc
 * writes and the database keeps). */
void time_utc(int64_t t, char out[21]);
/* "YYYY-MM-DDTHH:MM:SSZ" (UTC) shown in China Standard Time with its
 * zone, "YYYY-MM-DD HH:MM:SS (UTC+8)", into out[32]; false (out empty)
 * when utc is not in that form.  China keeps no daylight saving time, so
 * CST is UTC+8 all year. */
bool time_cst(const char *utc, char out[32]);

#endif
