/*
 * cache.c — see cache.h.  Each worker thread owns a direct-mapped table of
 * CACHE_SLOTS entries (no locks: a thread only ever touches its own); a
 * pthread key frees it when the thread ends.  An entry holds the
 * libmicrohttpd response's creation reference, which libmicrohttpd lets
 * us queue on any number of connections.  Slots are chosen by core/strmap.h's
 * FNV-1a hash of the key (or token).
 */
#include "http/cache.h"

#include <microhttpd.h>
#include <sodium.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strmap.h"
#include "domain/db.h"

#define CACHE_SLOTS 256
#define CACHE_MAX_KEY 1024

struct cache_entry {
    char *key;
    uint64_t gen;
    int64_t dv;
    time_t until;
    struct MHD_Response *resp;
    char etag[48];
};

#define SESSION_SLOTS 128
#define SESSION_SECONDS 5

struct session_entry {
    char token[72];
    uint64_t gen;
    int64_t dv;
    time_t until;
    caller_t who;
    char csrf[72];
    int64_t wrote_at;
};

struct cache_table {
    struct cache_entry slot[CACHE_SLOTS];
    struct session_entry session[SESSION_SLOTS];
};

static _Atomic uint64_t write_gen;
static atomic_bool enabled = true;
static pthread_key_t table_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void entry_clear(struct cache_entry *ce)
{
    if (ce->resp)
        MHD_destroy_response(ce->resp);
    free(ce->key);
    memset(ce, 0, sizeof *ce);
}

static void table_free(void *p)
{
    struct cache_table *t = p;
    for (int i = 0; i < CACHE_SLOTS; i++)
        entry_clear(&t->slot[i]);
    free(t);
}

static void make_key(void)
{
    pthread_key_create(&table_key, table_free);
}

static struct cache_table *table(void)
{
    pthread_once(&key_once, make_key);
    struct cache_table *t = pthread_getspecific(table_key);
    if (!t) {
        t = xcalloc(1, sizeof *t);
        pthread_setspecific(table_key, t);
    }
    return t;
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    buf_t *b = cls;
    buf_printf(b, "&%s=%s", key, value ? value : "");
    return b->len > CACHE_MAX_KEY ? MHD_NO : MHD_YES;
}

void cache_enable(bool on)
{
    atomic_store(&enabled, on);
}

void cache_bump(void)
{
    atomic_fetch_add(&write_gen, 1);
}

void cache_begin(http_req *r)
{
    /* Generation and data version first, then the data: whatever commits
     * after this point makes what is built from the data unusable. */
    r->cache_gen = atomic_load(&write_gen);
    r->cache_dv = atomic_load(&enabled) ? db_data_version(r->sc) : -1;
}

struct MHD_Response *cache_lookup(http_req *r)
{
    if (!atomic_load(&enabled) || strncmp(r->path, "/api/v1/auth/", 13) == 0 ||
        strncmp(r->path, "/api/", 5) != 0)
        return NULL;
    /* A browser's navigation may be answered a page where a client reading
     * the same address gets JSON (api_report.c): the kept JSON is not for
     * it, and its page is not kept. */
    const char *accept = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept");
    if (accept && strstr(accept, "text/html"))
        return NULL;
    buf_t k = {0};
    buf_init(&k);
    /* One entry per encoding: a gzip answer must never reach a client
     * that did not ask for it.  HEAD answers are never compressed.  And
     * one per language: an answer's messages are in its caller's. */
    buf_printf(&k, "%lld|%d|%d|%s?", (long long)r->caller.user_id,
               strcmp(r->method, "HEAD") == 0 ? 0 : (int)r->encoding, (int)r->lang, r->path);
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_arg, &k);
    if (k.len > CACHE_MAX_KEY) {
        buf_free(&k);
        return NULL;
    }
    struct cache_entry *ce = &table()->slot[hash_str(k.data) % CACHE_SLOTS];
    if (ce->resp && ce->gen == r->cache_gen && ce->dv == r->cache_dv && ce->until >= time(NULL) &&
        strcmp(ce->key, k.data) == 0) {
        buf_free(&k);
        memcpy(r->etag, ce->etag, sizeof ce->etag);
        return ce->resp;
    }
    r->cache_key = k.data;
    return NULL;
}

bool cache_put(http_req *r, struct MHD_Response *resp, size_t body_len)
{
    if (!r->cache_key || r->status != 200 || !r->json || r->nheaders != 0 ||
        body_len > CACHE_MAX_BODY)
        return false;
    struct cache_entry *ce = &table()->slot[hash_str(r->cache_key) % CACHE_SLOTS];
    entry_clear(ce);
    ce->key = r->cache_key;
    r->cache_key = NULL;
    ce->gen = r->cache_gen;
    ce->dv = r->cache_dv;
    ce->until = time(NULL) + 1;
    ce->resp = resp;
    snprintf(ce->etag, sizeof ce->etag, "%.47s", r->etag); /* a file's longer tag is never cached */
    return true;
}

/* Constant-time: the slot is chosen by the caller's token, so a plain
 * strcmp would time how much of a guess matches a live token. */
static bool token_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    return la == lb && sodium_memcmp(a, b, la) == 0;
}

bool cache_session_get(http_req *r, const char *token)
{
    if (!atomic_load(&enabled) || strlen(token) >= sizeof((struct session_entry *)0)->token)
        return false;
    struct session_entry *se = &table()->session[hash_str(token) % SESSION_SLOTS];
    if (se->until < time(NULL) || se->gen != r->cache_gen || se->dv != r->cache_dv ||
        !token_equal(se->token, token))
        return false;
    r->caller = se->who;
    memcpy(r->csrf, se->csrf, sizeof r->csrf);
    r->wrote_at = se->wrote_at;
    return true;
}

void cache_session_put(http_req *r, const char *token)
{
    if (!atomic_load(&enabled) || strlen(token) >= sizeof((struct session_entry *)0)->token)
        return;
    struct session_entry *se = &table()->session[hash_str(token) % SESSION_SLOTS];
    /* Stamped with what cache_begin() saw before the lookup that found
     * r->caller: a commit since then makes the entry never match. */
    snprintf(se->token, sizeof se->token, "%s", token);
    se->gen = r->cache_gen;
    se->dv = r->cache_dv;
    se->until = time(NULL) + SESSION_SECONDS;
    se->who = r->caller;
    memcpy(se->csrf, r->csrf, sizeof se->csrf);
    se->wrote_at = r->wrote_at;
}

/* The opaque part of an entity tag, without W/ and quotes. */
static void etag_opaque(const char *t, size_t n, const char **o, size_t *on)
{
    if (n >= 2 && t[0] == 'W' && t[1] == '/') {
        t += 2;
        n -= 2;
    }
    if (n >= 2 && t[0] == '"' && t[n - 1] == '"') {
        t++;
        n -= 2;
    }
    *o = t;
    *on = n;
}

bool cache_etag_match(const char *if_none_match, const char *etag)
{
    if (!if_none_match || !etag || !*etag)
        return false;
    const char *want;
    size_t wn;
    etag_opaque(etag, strlen(etag), &want, &wn);
    const char *p = if_none_match;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *t = p;
        while (*p && *p != ',')
            p++;
        size_t n = (size_t)(p - t);
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
            n--;
        if (n == 1 && *t == '*')
            return true;
        const char *o;
        size_t on;
        etag_opaque(t, n, &o, &on);
        if (n && on == wn && memcmp(o, want, wn) == 0)
            return true;
    }
    return false;
}

void cache_etag_of(const void *body, size_t len, char out[48])
{
    /* SipHash under a fixed key: fast (the body was just written), and a
     * tag only has to change when the body does. */
    static const unsigned char key[crypto_shorthash_KEYBYTES] = "chanjiao-etag-01";
    unsigned char h[crypto_shorthash_BYTES];
    crypto_shorthash(h, body, len, key);
    snprintf(out, 48, "W/\"%02x%02x%02x%02x%02x%02x%02x%02x-%zx\"", h[0], h[1], h[2], h[3], h[4],
             h[5], h[6], h[7], len);
}
