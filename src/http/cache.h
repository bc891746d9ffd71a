/*
 * cache.h — a per-thread cache of built API answers.
 *
 * A read answer is rebuilt from SQL and JSON on every request, which cost
 * 130–600 µs where nginx serves a file in 10 µs.  Most reads repeat (a
 * consortium's public page, its composition, the first page of a list),
 * so each worker thread keeps the answers it built, keyed by caller and
 * URL, and hands the same libmicrohttpd response out again.
 *
 * An entry is used only while nothing can have changed it:
 *  - the process-wide write generation is the one it was built under
 *    (every non-GET request bumps it after its handler, before it
 *    answers, so a reader never caches data older than an acknowledged
 *    write);
 *  - SQLite's PRAGMA data_version on this thread's connection is the same
 *    (it moves when any other connection commits — another thread, or
 *    another process such as `chanjiao import`);
 *  - it is younger than one second (membership "today" is a date).
 * Only 200 answers without extra headers (no exports, no cookies) and at
 * most CACHE_MAX_BODY bytes are kept; /api/v1/auth/ is never cached.
 * Each Content-Encoding of an answer is an entry of its own (the
 * encoding is part of the key), and so is each language (Accept-Language:
 * messages and verdicts are in the caller's, core/msg.h); an entry keeps the answer's ETag so
 * a hit can still be answered 304 Not Modified.
 */
#ifndef CJ_CACHE_H
#define CJ_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "http/http.h"

struct MHD_Response;

#define CACHE_MAX_BODY (64 * 1024)

/* At the start of every request, before anything is read from the
 * store: note the write generation and data_version the request sees. */
void cache_begin(http_req *r);
/* Before the handler of a GET: look up r's answer.  Returns a response to
 * queue (a reference the caller must not destroy) or NULL, in which case
 * the key is remembered on r for cache_put(). */
struct MHD_Response *cache_lookup(http_req *r);
/* After building and queueing r's answer: keep resp if it qualifies.
 * Returns true when the cache took over the caller's (creation)
 * reference — the caller must then not destroy resp. */
bool cache_put(http_req *r, struct MHD_Response *resp, size_t body_len);
/* Sessions: the caller behind a token, kept per thread under the same
 * rules (write generation, data_version) for at most 5 seconds, so a
 * logout, a disabled account or a role change takes effect at once.
 * cache_session_get fills r->caller and r->csrf and returns true on a
 * hit; cache_session_put remembers what auth_session() found. */
bool cache_session_get(http_req *r, const char *token);
void cache_session_put(http_req *r, const char *token);
/* Whether an If-None-Match header value names etag ("*" names any):
 * the weak comparison of RFC 9110, so W/"x" matches "x". */
bool cache_etag_match(const char *if_none_match, const char *etag);
/* The ETag of a cacheable read's body, W/"<64-bit hash>-<length>": the
 * same for every Content-Encoding of that body. */
void cache_etag_of(const void *body, size_t len, char out[48]);
/* A write happened (called after the handler of every non-GET request). */
void cache_bump(void);
/* Turn the cache on or off (on by default). */
void cache_enable(bool on);

#endif
