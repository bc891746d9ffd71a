/*
 * server.c — the HTTP server: libmicrohttpd with its internal epoll
 * thread pool (one thread per core), a connection timeout, a deadline for
 * a request's headers (slowloris) and a memory limit per connection;
 * request bodies capped (413 beyond); the client's address and scheme
 * taken from a trusted reverse proxy's X-Forwarded-For/-Proto; the caller
 * resolved from a bearer token or session cookie; CSRF checked for
 * cookie-borne writes; then the route's handler — an import's on a thread
 * of its own, so a slow spreadsheet holds up no other connection.  HTML
 * answers carry a strict Content-Security-Policy.  On the way out a
 * textual answer is compressed for a client that takes it (compress.h),
 * and a cacheable read gets an ETag and a 304 when the client has it.
 *
 * Shutdown: SIGTERM/SIGINT stop the listener (MHD_quiesce_daemon), the
 * requests in flight finish, then the daemon stops and the caller closes
 * the store.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "core/json_write.h"
#include "domain/auth.h"
#include "domain/db.h"
#include "domain/files.h"
#include "http/cache.h"
#include "http/compress.h"
#include "http/static.h"
#include "http/http.h"

#define BODY_LIMIT (1u << 20)    /* JSON bodies */
#define UPLOAD_LIMIT (64u << 20) /* spreadsheet imports */
/* POST /api/v1/files: one file of FILES_MAX and its form's own lines. */
#define FILE_UPLOAD_LIMIT (FILES_MAX + (64u << 10))

/* The most a request's body may hold, by its path. */
static size_t body_limit(const char *url)
{
    if (strncmp(url, "/api/v1/import/", 15) == 0)
        return UPLOAD_LIMIT;
    if (strcmp(url, "/api/v1/files") == 0 || strcmp(url, "/api/v1/files/") == 0)
        return FILE_UPLOAD_LIMIT;
    return BODY_LIMIT;
}

static bool demo_mode;
bool http_demo_mode(void)
{
    return demo_mode;
}

/* ---- response helpers ------------------------------------------------------ */

/* Human text a read answers beside its data — a matching round's
 * stability verdict, kept bilingual in the database, a vote's result —
 * in the caller's language (core/msg.h): in the object itself, its
 * "round" and the rows of its "items". */
static void localize_answer(json_t *body, msg_lang lang)
{
    if (!json_is_object(body))
        return;
    msg_localize_key(body, "verdict", lang);
    msg_localize_key(body, "result", lang); /* a vote's "通过 (passed)" */
    msg_localize_key(json_object_get(body, "round"), "verdict", lang);
    json_t *items = json_object_get(body, "items");
    if (!json_is_string(json_object_get(json_array_get(items, 0), "verdict")))
        return;
    size_t i;
    json_t *row;
    json_array_foreach (items, i, row)
        msg_localize_key(row, "verdict", lang);
}

void http_json(http_req *r, int status, json_t *body)
{
    if (status == 200)
        localize_answer(body, r->lang);
    json_decref(r->json);
    r->status = status;
    r->json = body;
}

/* A copy of s with every byte that is not part of valid UTF-8 replaced by
 * '?': messages may quote the request (a path with %FF in it) or be cut
 * short inside a character, and jansson refuses invalid UTF-8 — the error
 * would then leave with no body at all. */
static char *utf8_clean(const char *s)
{
    char *out = xstrdup(s);
    unsigned char *p = (unsigned char *)out;
    while (*p) {
        int len = *p < 0x80         ? 1
                  : (*p >> 5) == 6  ? 2
                  : (*p >> 4) == 14 ? 3
                  : (*p >> 3) == 30 ? 4
                                    : 0;
        int i = 1;
        while (i < len && (p[i] & 0xC0) == 0x80)
            i++;
        if (len == 0 || i < len) {
            *p++ = '?';
            continue;
        }
        p += len;
    }
    return out;
}

void http_error(http_req *r, err_t *e)
{
    err_code code = e->code == ERR_NONE ? ERR_INTERNAL : e->code;
    /* One language at a time (core/msg.h): the message and its details
     * in the caller's. */
    char *one = msg_pick(e->message[0] ? e->message : "错误 (error)", r->lang);
    char *msg = utf8_clean(one);
    free(one);
    msg_localize_details(e->details, r->lang);
    json_t *err = json_pack("{s:s,s:s}", "code", err_code_name(code), "message", msg);
    free(msg);
    json_object_set(err, "details", e->details ? e->details : json_null());
    /* 503: the database was busy; say when to try again (SPEC: never 500). */
    if (code == ERR_UNAVAILABLE) {
        char s[16];
        snprintf(s, sizeof s, "%d", STORE_RETRY_AFTER);
        http_header(r, "Retry-After", s);
        if (!e->details)
            json_object_set_new(err, "details",
                                json_pack("{s:i}", "retry_after", STORE_RETRY_AFTER));
    }
    http_json(r, err_http_status(code), json_pack("{s:o}", "error", err));
    err_clear(e);
}

void http_fail(http_req *r, err_code code, const char *fmt, ...)
{
    err_t e = ERR_INIT;
    va_list ap;
    e.code = code;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    http_error(r, &e);
}

void http_raw(http_req *r, int status, const char *content_type, const void *data, size_t len)
{
    r->status = status;
    r->content_type = content_type;
    r->raw.len = 0;
    buf_append(&r->raw, data, len);
    json_decref(r->json);
    r->json = NULL;
}

void http_header(http_req *r, const char *name, const char *value)
{
    if (r->nheaders < 8)
        r->headers[r->nheaders++] = xasprintf("%s\n%s", name, value);
}

const char *http_query(http_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

json_t *http_body_json(http_req *r)
{
    json_error_t je;
    if (!r->body || r->body_len == 0) {
        http_fail(r, ERR_BAD_REQUEST, "请求体为空，应为 JSON (the body is empty; send JSON)");
        return NULL;
    }
    /* Asked by the handler after its permission check: a write's body is
     * JSON only when the request says so (a cross-site form can send
     * text/plain or form-encoded bodies without a preflight). */
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    size_t ctn = ct ? strcspn(ct, "; \t") : 0;
    if (ctn != 16 || strncasecmp(ct, "application/json", 16) != 0) {
        http_json(r, 415,
                  json_pack("{s:{s:s,s:s,s:n}}", "error", "code", "unsupported_media_type",
                            "message",
                            "请求体须为 JSON（Content-Type: application/json） (send the body as "
                            "JSON with Content-Type: application/json)",
                            "details"));
        return NULL;
    }
    json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!j) {
        http_fail(r, ERR_BAD_REQUEST, "JSON 格式错误，第 %d 行第 %d 列：%s (malformed JSON)",
                  je.line, je.column, je.text);
        return NULL;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        http_fail(r, ERR_BAD_REQUEST, "请求体应为 JSON 对象 (the body must be a JSON object)");
        return NULL;
    }
    return j;
}

static int parse_pos_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    char *end;
    if (!s || !*s)
        return -1;
    long long v = strtoll(s, &end, 10);
    if (*end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int http_paging(http_req *r, int64_t *page, int64_t *per_page)
{
    const char *p = http_query(r, "page"), *pp = http_query(r, "per_page");
    *page = 1;
    *per_page = 20;
    if (p && parse_pos_int(p, 1, 1000000000, page) != 0) {
        http_fail(r, ERR_BAD_REQUEST, "page 应为正整数 (page must be a positive integer)");
        return -1;
    }
    if (pp && parse_pos_int(pp, 1, 500, per_page) != 0) {
        http_fail(r, ERR_BAD_REQUEST, "per_page 应为 1 到 500 的整数 (per_page must be 1..500)");
        return -1;
    }
    return 0;
}

/* ---- the client behind a trusted proxy ------------------------------------------ */

#define MAX_PROXIES 8
static char proxies[MAX_PROXIES][INET6_ADDRSTRLEN];
static int nproxies;

/* An address in its canonical text form (as inet_ntop writes it), or -1. */
static int canonical_addr(const char *in, size_t len, char out[INET6_ADDRSTRLEN])
{
    char tmp[INET6_ADDRSTRLEN];
    unsigned char bin[sizeof(struct in6_addr)];
    while (len && (*in == ' ' || *in == '\t'))
        in++, len--;
    while (len && (in[len - 1] == ' ' || in[len - 1] == '\t'))
        len--;
    if (len == 0 || len >= sizeof tmp)
        return -1;
    memcpy(tmp, in, len);
    tmp[len] = '\0';
    if (inet_pton(AF_INET, tmp, bin) == 1)
        return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) ? 0 : -1;
    if (inet_pton(AF_INET6, tmp, bin) == 1)
        return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) ? 0 : -1;
    return -1;
}

static int set_proxies(const char *list, err_t *e)
{
    nproxies = 0;
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        if (nproxies == MAX_PROXIES)
            return err_set(e, ERR_BAD_REQUEST,
                           "--trusted-proxy 最多 %d 个地址 (--trusted-proxy: at most %d addresses)",
                           MAX_PROXIES, MAX_PROXIES);
        if (canonical_addr(p, len, proxies[nproxies]) != 0)
            return err_set(e, ERR_BAD_REQUEST,
                           "--trusted-proxy 地址无效 (--trusted-proxy: not an IP address): %.*s",
                           (int)len, p);
        nproxies++;
        p += len + (p[len] == ',');
    }
    return 0;
}

/* Behind a trusted proxy the client is the last address it appended to
 * X-Forwarded-For (what came before is the client's own say, and free to
 * lie), and the scheme is its X-Forwarded-Proto.  From anyone else both
 * headers are ignored: the limiter keys on the real peer. */
static void forwarded_client(http_req *r)
{
    bool trusted = false;
    for (int i = 0; i < nproxies && !trusted; i++)
        trusted = !strcmp(proxies[i], r->addr);
    if (!trusted)
        return;
    const char *xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For");
    if (xff) {
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        char client[INET6_ADDRSTRLEN];
        if (canonical_addr(last, strlen(last), client) == 0)
            snprintf(r->addr, sizeof r->addr, "%s", client);
    }
    const char *proto = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
    r->https = proto && strcasecmp(proto, "https") == 0;
}

/* ---- a deadline for the headers (slowloris) ------------------------------------------ */

/* libmicrohttpd's connection timeout is an idle timeout: every byte
 * resets it, so a client that sends a header line every few seconds could
 * hold a connection for days, and a few thousand such clients every
 * connection there is.  Each connection is registered here when it opens
 * (MHD_OPTION_NOTIFY_CONNECTION) and again when a request completes on it;
 * the request marks it once its headers are in; a watcher thread shuts
 * down (shutdown(2), so libmicrohttpd sees the end and cleans up as
 * usual) any connection still waiting for headers after the deadline.
 * The list is under one mutex, and a connection leaves it in the CLOSED
 * notification, before libmicrohttpd closes its socket: the watcher never
 * touches a descriptor that might have been reused. */
struct watched {
    struct watched *prev, *next; /* under watch_lock */
    int fd;
    /* Set by the connection's worker without the lock (twice a request:
     * no mutex on the hot path) — `since` before `headers_done`, which
     * the watcher reads first. */
    atomic_llong since;       /* connection opened or last request completed */
    atomic_bool headers_done; /* the current request's headers have arrived */
};
static struct watched watch_head = {&watch_head, &watch_head, -1, 0, true};
static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned header_deadline = 15;
static atomic_bool watching;

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct watched *w = xcalloc(1, sizeof *w);
        w->fd = ci ? ci->connect_fd : -1;
        w->since = time(NULL);
        pthread_mutex_lock(&watch_lock);
        w->next = &watch_head;
        w->prev = watch_head.prev;
        watch_head.prev->next = w;
        watch_head.prev = w;
        pthread_mutex_unlock(&watch_lock);
        *socket_context = w;
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        struct watched *w = *socket_context;
        pthread_mutex_lock(&watch_lock);
        w->prev->next = w->next;
        w->next->prev = w->prev;
        pthread_mutex_unlock(&watch_lock);
        free(w);
        *socket_context = NULL;
    }
}

static struct watched *watched_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void watch_mark(struct MHD_Connection *conn, bool headers_done)
{
    struct watched *w = watched_of(conn);
    if (!w)
        return;
    if (!headers_done)
        atomic_store(&w->since, (long long)time(NULL));
    atomic_store(&w->headers_done, headers_done);
}

/* Bytes the client sent that no worker has read yet: the connection waits
 * on us (its worker is busy with another request, say a write waiting for
 * the database lock), not the other way round.  A trickling client's
 * bytes are read as they come, so it has none for long. */
static bool unread_bytes(int fd)
{
    int n = 0;
    return ioctl(fd, FIONREAD, &n) == 0 && n > 0;
}

static void *watcher(void *arg)
{
    (void)arg;
    while (atomic_load(&watching)) {
        struct timespec ts = {0, 250 * 1000 * 1000};
        nanosleep(&ts, NULL);
        time_t now = time(NULL);
        pthread_mutex_lock(&watch_lock);
        for (struct watched *w = watch_head.next; w != &watch_head; w = w->next)
            if (!atomic_load(&w->headers_done) && w->fd >= 0 &&
                now - (time_t)atomic_load(&w->since) >= (time_t)header_deadline &&
                !unread_bytes(w->fd)) {
                shutdown(w->fd, SHUT_RDWR);
                atomic_store(&w->headers_done, true); /* once */
            }
        pthread_mutex_unlock(&watch_lock);
    }
    return NULL;
}

/* ---- request lifecycle -------------------------------------------------------- */

static db *the_db;
static db *read_db; /* serve --db-read: see use_replica */
/* Requests begun and not yet completed, for a graceful stop. */
static atomic_int in_flight;

static void req_free(http_req *r)
{
    free(r->body);
    free(r->form);
    free(r->cache_key);
    if (r->file_fd >= 0)
        close(r->file_fd);
    json_decref(r->json);
    buf_free(&r->raw);
    for (int i = 0; i < r->nheaders; i++)
        free(r->headers[i]);
    free(r);
}

/* Every HTML page the server sends (the browser app, the landing page)
 * may run only the server's own scripts: no inline or injected script, no
 * eval, no plugin, no framing, no form posting elsewhere.  Inline styles
 * stay allowed: Element Plus and ECharts set style attributes at run time. */
#define CSP                                                                                        \
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "                    \
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "                      \
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

static void add_html_policy(struct MHD_Response *resp, const char *content_type)
{
    if (content_type && strncmp(content_type, "text/html", 9) == 0)
        MHD_add_response_header(resp, "Content-Security-Policy", CSP);
}

/* The handler's extra headers ("Name\nvalue" strings). */
static void add_headers(struct MHD_Response *resp, http_req *r)
{
    for (int i = 0; i < r->nheaders; i++) {
        char *nl = strchr(r->headers[i], '\n');
        *nl = '\0';
        MHD_add_response_header(resp, r->headers[i], nl + 1);
        *nl = '\n';
    }
}

/* 304 Not Modified for r: no body, the validator and the caching
 * headers a 200 would carry (RFC 9110 15.4.5). */
static enum MHD_Result send_not_modified(http_req *r, const char *vary, const char *cache_control)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    if (r->etag[0])
        MHD_add_response_header(resp, "ETag", r->etag);
    if (vary)
        MHD_add_response_header(resp, "Vary", vary);
    if (cache_control)
        MHD_add_response_header(resp, "Cache-Control", cache_control);
    add_headers(resp, r);
    enum MHD_Result ret = MHD_queue_response(r->conn, MHD_HTTP_NOT_MODIFIED, resp);
    MHD_destroy_response(resp);
    return ret;
}

static bool not_modified(http_req *r)
{
    return r->etag[0] &&
           cache_etag_match(MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "If-None-Match"),
                            r->etag);
}

/* Whether r's answer is a cacheable read (cache.h's rules, the cache on
 * or off): it gets an ETag, and If-None-Match is answered 304. */
static bool cacheable_read(const http_req *r)
{
    return r->status == 200 && r->json && r->nheaders == 0 &&
           (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD")) &&
           strncmp(r->path, "/api/", 5) == 0 && strncmp(r->path, "/api/v1/auth/", 13) != 0;
}

static enum MHD_Result send_response(http_req *r)
{
    struct MHD_Response *resp;
    bool api = strncmp(r->path, "/api/", 5) == 0;
    if (r->cached) {
        if (not_modified(r))
            return send_not_modified(r, "Accept-Encoding, Accept-Language",
                                     r->caller.user_id ? "no-store" : "no-cache");
        return MHD_queue_response(r->conn, MHD_HTTP_OK, r->cached);
    }
    if (r->status == MHD_HTTP_NOT_MODIFIED) /* a static file (static.c set the headers) */
        return send_not_modified(r, NULL, NULL);
    if (r->file_fd >= 0) {
        /* libmicrohttpd owns the descriptor from here and closes it. */
        resp = MHD_create_response_from_fd64(r->file_size, r->file_fd);
        r->file_fd = -1;
        if (!resp)
            return MHD_NO;
        MHD_add_response_header(resp, "Content-Type", r->content_type);
        add_html_policy(resp, r->content_type);
        MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
        if (r->etag[0])
            MHD_add_response_header(resp, "ETag", r->etag);
        add_headers(resp, r);
        enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
        MHD_destroy_response(resp);
        return ret;
    }
    buf_t text = {0};
    const char *ctype = NULL;
    if (r->json) {
        buf_init(&text);
        json_write(&text, r->json);
        ctype = "application/json; charset=utf-8";
    } else if (r->status != 204) {
        ctype = r->content_type ? r->content_type : "application/octet-stream";
    }
    const char *body = r->json ? text.data : r->raw.data ? r->raw.data : "";
    size_t body_len = r->json ? text.len : r->raw.len;
    /* The validator of a cacheable read: one hash of the plain body. */
    bool validated = cacheable_read(r);
    if (validated)
        cache_etag_of(body, body_len, r->etag);
    /* Lean answers (compress.h): a textual body of some size leaves in the
     * encoding the client takes; HEAD sends no body, so none is made. */
    bool varies = compress_type_ok(ctype);
    char *zipped = NULL;
    size_t zipped_len = 0;
    if (varies && r->encoding != ENC_IDENTITY && body_len >= COMPRESS_MIN &&
        strcmp(r->method, "HEAD") != 0 &&
        compress_buf((content_encoding)r->encoding, body, body_len, &zipped, &zipped_len)) {
        resp = MHD_create_response_from_buffer(zipped_len, zipped, MHD_RESPMEM_MUST_FREE);
        MHD_add_response_header(resp, "Content-Encoding", compress_name(r->encoding));
        if (r->json)
            buf_free(&text);
    } else if (r->json) {
        resp = MHD_create_response_from_buffer(text.len, text.data, MHD_RESPMEM_MUST_FREE);
    } else {
        resp = MHD_create_response_from_buffer(body_len, (char *)body, MHD_RESPMEM_MUST_COPY);
    }
    if (ctype)
        MHD_add_response_header(resp, "Content-Type", ctype);
    if (!r->json)
        add_html_policy(resp, r->content_type);
    /* An API answer is in the caller's language (core/msg.h): it says
     * which, and caches keep one per language. */
    const char *vary = api ? (varies ? "Accept-Encoding, Accept-Language" : "Accept-Language")
                           : (varies ? "Accept-Encoding" : NULL);
    if (vary)
        MHD_add_response_header(resp, "Vary", vary);
    if (api)
        MHD_add_response_header(resp, "Content-Language", msg_lang_tag(r->lang));
    if (r->etag[0])
        MHD_add_response_header(resp, "ETag", r->etag);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    const char *cache_control = NULL;
    if (api) {
        /* Personal answers are never stored by a browser; public reads
         * may be, and are revalidated by their ETag. */
        cache_control = validated && r->caller.user_id == 0 ? "no-cache" : "no-store";
        MHD_add_response_header(resp, "Cache-Control", cache_control);
        MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    }
    add_headers(resp, r);
    enum MHD_Result ret;
    if (validated && not_modified(r))
        ret = send_not_modified(r, vary, cache_control);
    else
        ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    if (!cache_put(r, resp, body_len))
        MHD_destroy_response(resp);
    return ret;
}

static const char *cookie_token(struct MHD_Connection *c)
{
    return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "cj_session");
}

/* Who is calling: bearer token, else session cookie, else anonymous.  A
 * bad bearer token is an error (the client meant to authenticate); a
 * stale cookie just means anonymous. */
static int session_of(http_req *r, const char *token, err_t *e)
{
    if (cache_session_get(r, token))
        return 0;
    if (auth_session(r->sc, token, &r->caller, r->csrf, e) != 0)
        return -1;
    if (read_db) /* where its last write left the primary (use_replica) */
        r->wrote_at = auth_session_wrote_at(r->sc, &r->caller);
    cache_session_put(r, token);
    return 0;
}

static int resolve_caller(http_req *r, err_t *e)
{
    const char *authz = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        const char *tok = authz + 7;
        if (strlen(tok) >= sizeof r->token || session_of(r, tok, e) != 0)
            return err_set(e, ERR_UNAUTHORIZED, "令牌无效或已过期 (invalid or expired token)");
        snprintf(r->token, sizeof r->token, "%s", tok);
        return 0;
    }
    const char *ck = cookie_token(r->conn);
    if (ck && strlen(ck) < sizeof r->token) {
        err_t ignore = ERR_INIT;
        if (session_of(r, ck, &ignore) == 0) {
            snprintf(r->token, sizeof r->token, "%s", ck);
            r->via_cookie = true;
        }
        err_clear(&ignore);
    }
    return 0;
}

static bool is_safe_method(const char *m)
{
    return !strcmp(m, "GET") || !strcmp(m, "HEAD") || !strcmp(m, "OPTIONS");
}

/* ---- a read replica (serve --db-read, issue 13) ------------------------------- */

/* Reads may go to a streaming replica of the PostgreSQL primary, while a
 * session reads its own writes: after each write of a session the primary's
 * WAL position is noted with the session (note_write), and a read of that
 * session goes to the replica only once the replica has replayed that far
 * (use_replica); until then, to the primary.  A handler that turns out to
 * write on a GET is run again on the primary (run_handler).  The answer
 * cache keys replica answers by the replayed position. */
static atomic_bool replica_down_said;

static void use_replica(http_req *r)
{
    err_t e = ERR_INIT;
    db_conn *rc = db_conn_get(read_db, &e);
    int64_t at = rc ? db_replica_position(rc) : -1;
    if (rc && at < 0) { /* a connection idle while the replica restarted: once more */
        rc = db_conn_get(read_db, &e);
        at = rc ? db_replica_position(rc) : -1;
    }
    if (at < 0) { /* unreachable: the primary answers, and the log says so once */
        if (!atomic_exchange(&replica_down_said, true))
            fprintf(stderr,
                    "chanjiao: the read replica does not answer (%s); reading from the "
                    "primary\n",
                    e.message[0] ? e.message : "no position");
        err_clear(&e);
        return;
    }
    atomic_store(&replica_down_said, false);
    if (at < r->wrote_at) /* this session's last write is not there yet */
        return;
    r->primary = r->sc;
    r->sc = rc;
    if (r->cache_dv != -1)
        r->cache_dv = -2 - at; /* never a primary's version (db_data_version) */
}

/* After a write that succeeded, by a session, with a replica in use. */
static void note_write(http_req *r)
{
    err_t e = ERR_INIT;
    if (read_db && r->status >= 200 && r->status < 300 &&
        auth_session_wrote(r->sc, &r->caller, &e) != 0) {
        fprintf(stderr, "chanjiao: noting a session's write for the replica: %s\n", e.message);
        err_clear(&e);
    }
}

/* Forget the answer a handler made (to make another). */
static void drop_answer(http_req *r)
{
    json_decref(r->json);
    r->json = NULL;
    r->raw.len = 0;
    r->content_type = NULL;
    for (int i = 0; i < r->nheaders; i++)
        free(r->headers[i]);
    r->nheaders = 0;
    if (r->file_fd >= 0)
        close(r->file_fd);
    r->file_fd = -1;
    r->status = 0;
    free(r->cache_key); /* a GET that writes is not kept */
    r->cache_key = NULL;
}

/* A refusal (4xx) made while a yes/no look-up met a database error is not
 * the answer: "not a member", "no such row" may be only the error.  The
 * error is answered instead (a success stands: what it wrote is done). */
static void lookup_errors(http_req *r)
{
    if (!db_lookup_failed(r->sc) || r->status < 400 || r->status >= 500)
        return;
    drop_answer(r);
    http_fail(r, ERR_INTERNAL, "数据库错误 (database error)");
}

/* The handler, and once more on the primary if it wrote on the replica. */
static void run_handler(http_req *r)
{
    db_lookup_failed(r->sc); /* a mark left by an earlier request: not this one's */
    r->route->handler(r);
    if (!r->primary || !db_replica_refused(r->sc)) {
        lookup_errors(r);
        return;
    }
    drop_answer(r);
    r->sc = r->primary;
    r->primary = NULL;
    db_lookup_failed(r->sc);
    r->route->handler(r);
    lookup_errors(r);
}

/* ---- long work off the worker threads ------------------------------------------ */

/* An import reads and checks a whole spreadsheet before it writes (up to
 * a minute for a hostile one).  On a worker thread that would hold up
 * every other connection libmicrohttpd gave the thread, though no lock is
 * held: so its connection is suspended, the handler runs on a thread of
 * its own with a store connection of its own (closed when the thread
 * ends), and the connection is resumed to send the answer.  At most
 * OFFLOAD_MAX run at once — each holds its upload and checked rows in
 * memory — and a caller beyond that gets 503 with Retry-After. */
#define OFFLOAD_MAX 2
static atomic_int offloaded;

static bool offloads(http_req *r)
{
    /* The annual report's PDF waits up to a minute for Chromium too. */
    const char *fmt = r->route->handler == api_annual_report ? http_query(r, "format") : NULL;
    return r->route->handler == api_import || (fmt && !strcmp(fmt, "pdf"));
}

static void *offload_run(void *arg)
{
    http_req *r = arg;
    err_t e = ERR_INIT;
    r->sc = db_conn_get(r->st, &e);
    if (!r->sc) {
        http_error(r, &e);
    } else {
        r->route->handler(r);
        lookup_errors(r);
        cache_bump();
        if (!is_safe_method(r->method))
            note_write(r);
        if (r->status == 0)
            http_fail(r, ERR_INTERNAL, "无响应 (no response)");
    }
    atomic_fetch_sub(&offloaded, 1);
    MHD_resume_connection(r->conn);
    return NULL;
}

/* Suspend r's connection and run its handler on a new thread; MHD calls
 * on_request again once offload_run resumes it, and the answer leaves.
 * Returns false (r answered with 503) when OFFLOAD_MAX already run.  Once
 * it returns true, r belongs to that thread until the connection is
 * resumed: the caller must not look at it (the thread may be done already). */
static bool offload(http_req *r)
{
    err_t e = ERR_INIT;
    if (atomic_fetch_add(&offloaded, 1) >= OFFLOAD_MAX) {
        atomic_fetch_sub(&offloaded, 1);
        err_set(&e, ERR_UNAVAILABLE,
                "导入任务繁忙，请稍后重试 (other imports are running; try again shortly)");
        http_error(r, &e);
        return false;
    }
    MHD_suspend_connection(r->conn);
    pthread_attr_t attr;
    pthread_t t;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, offload_run, r) != 0)
        offload_run(r); /* no thread to be had: here, as before */
    pthread_attr_destroy(&attr);
    return true;
}

static void dispatch(http_req *r)
{
    err_t e = ERR_INIT;
    bool exists = false;
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    r->encoding = (unsigned char)compress_negotiate(
        MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept-Encoding"));
    /* The browser app owns every GET outside /api/. */
    if (!strcmp(method, "GET") && strncmp(r->path, "/api/", 5) != 0 &&
        strcmp(r->path, "/api") != 0 && static_serve(r))
        return;
    r->route = router_match(r, method, r->path, &exists);
    if (!r->route) {
        if (exists) {
            char *allow = router_allowed(r->path);
            http_header(r, "Allow", allow);
            http_fail(r, ERR_METHOD,
                      "不支持 %s 方法，可用：%s (method %s not allowed here; allowed: %s)",
                      r->method, allow, r->method, allow);
            free(allow);
        } else
            http_fail(r, ERR_NOT_FOUND, "没有这个地址 (no such route): %s", r->path);
        return;
    }
    r->sc = db_conn_get(r->st, &e);
    if (!r->sc) {
        http_error(r, &e);
        return;
    }
    cache_begin(r);
    if (resolve_caller(r, &e) != 0) {
        http_error(r, &e);
        return;
    }
    /* Audit entries note the address an action came from. */
    snprintf(r->caller.addr, sizeof r->caller.addr, "%s", r->addr);
    /* Cookie-borne writes must echo the session's CSRF token in a header
     * a cross-site form cannot set.  Signing in does not act with the
     * cookie's authority, so a browser still holding a session may sign
     * in again (as someone else) without it. */
    if (r->via_cookie && !is_safe_method(r->method) && r->route->handler != api_login) {
        const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!h || !auth_equal(h, r->csrf)) {
            http_fail(r, ERR_FORBIDDEN,
                      "缺少或错误的 CSRF 令牌 (missing or wrong X-CSRF-Token header)");
            return;
        }
    }
    if (read_db && !strcmp(method, "GET") && !offloads(r))
        use_replica(r);
    if (!strcmp(method, "GET") && (r->cached = cache_lookup(r)) != NULL) {
        r->status = MHD_HTTP_OK;
        return;
    }
    if (offloads(r)) {
        r->offload = true;
        return;
    }
    run_handler(r);
    /* After the handler's commit, before the answer leaves: no reader can
     * then keep a pre-write answer for a client that saw the write. */
    if (!is_safe_method(r->method)) {
        cache_bump();
        note_write(r);
    }
    if (r->status == 0)
        http_fail(r, ERR_INTERNAL, "无响应 (no response)");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    http_req *r = *con_cls;
    if (!r) {
        r = xcalloc(1, sizeof *r);
        r->file_fd = -1;
        atomic_fetch_add(&in_flight, 1);
        r->conn = conn;
        r->method = method;
        r->path = url;
        r->st = the_db;
        r->lang =
            msg_lang_accept(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language"));
        buf_init(&r->raw);
        *con_cls = r;
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr) {
            const struct sockaddr *sa = ci->client_addr;
            if (sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->addr,
                          sizeof r->addr);
            else if (sa->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->addr,
                          sizeof r->addr);
        }
        watch_mark(conn, true);
        forwarded_client(r);
        /* Refuse an announced oversize body before reading it. */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        size_t limit = body_limit(url);
        if (cl && strtoull(cl, NULL, 10) > limit) {
            http_fail(r, ERR_TOO_LARGE, "请求体超过 %zu 字节上限 (request body too large)", limit);
            return send_response(r);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        size_t limit = body_limit(url);
        if (r->body_len + *upload_size > limit) {
            if (r->status == 0)
                http_fail(r, ERR_TOO_LARGE, "请求体超过 %zu 字节上限 (request body too large)",
                          limit);
        } else {
            /* Grown by doubling, not to the exact size of each chunk: a
             * 20 MiB upload arrives in thousands of chunks, and copying
             * the body at each would be quadratic. */
            size_t need = r->body_len + *upload_size + 1;
            if (need > r->body_cap) {
                size_t cap = r->body_cap ? r->body_cap * 2 : 64 * 1024;
                if (cap < need)
                    cap = need;
                if (cap > limit + 1)
                    cap = limit + 1;
                r->body = xrealloc(r->body, cap);
                r->body_cap = cap;
            }
            memcpy(r->body + r->body_len, upload_data, *upload_size);
            r->body_len += *upload_size;
            r->body[r->body_len] = '\0';
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->status == 0)
        dispatch(r);
    if (r->offload) {
        r->offload = false;
        if (offload(r))
            return MHD_YES; /* suspended: called again when the work is done */
    }
    return send_response(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    /* The next request on this connection gets its own deadline. */
    if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
        watch_mark(conn, false);
    if (*con_cls) {
        req_free(*con_cls);
        atomic_fetch_sub(&in_flight, 1);
    }
    *con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, err_t *e)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host)
        return err_set(e, ERR_BAD_REQUEST,
                       "--listen 应为 HOST:PORT (--listen must be HOST:PORT, e.g. 127.0.0.1:8080)");
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return err_set(e, ERR_BAD_REQUEST, "端口无效 (bad port): %s", colon + 1);
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    if (!strcmp(host, "localhost"))
        snprintf(host, sizeof host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return err_set(e, ERR_BAD_REQUEST, "地址无效 (bad IPv4 address): %s", host);
    return 0;
}

int http_serve(const http_config *cfg, err_t *e)
{
    struct sockaddr_in sa;
    if (parse_listen(cfg->listen, &sa, e) != 0)
        return -1;
    if (set_proxies(cfg->trusted_proxy, e) != 0)
        return -1;
    header_deadline = cfg->header_timeout ? cfg->header_timeout : 15;
    the_db = cfg->st;
    read_db = cfg->read_db;
    static_set_root(cfg->web_dir);
    demo_mode = cfg->demo;
    auth_set_demo_mode(cfg->demo);
    cache_enable(!cfg->no_cache);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)(ncpu > 0 ? ncpu : 2);

    /* Block the stop signals in every thread; the main thread waits for
     * them with sigwait, so no handler runs inside a worker. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        /* MHD_USE_ITC: without it MHD_quiesce_daemon refuses to work in
         * this threading mode and the listener stays open on SIGTERM. */
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_TURBO | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME, 0,
        NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024), MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)4096, MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION,
        on_connection, NULL, MHD_OPTION_END);
    if (!d)
        return err_set(e, ERR_UNAVAILABLE, "无法监听 %s (cannot listen; is the port in use?)",
                       cfg->listen);
    pthread_t watch_thread;
    atomic_store(&watching, true);
    bool watch_started = pthread_create(&watch_thread, NULL, watcher, NULL) == 0;
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
    printf("chanjiao: listening on http://%s:%u (%u threads)%s\n", host,
           di ? di->port : ntohs(sa.sin_port), threads, cfg->demo ? " [demo mode]" : "");
    fflush(stdout);

    int sig = 0;
    sigwait(&set, &sig);
    printf("chanjiao: %s received, finishing requests in flight\n",
           sig == SIGTERM ? "SIGTERM" : "SIGINT");
    fflush(stdout);
    MHD_socket lsock = MHD_quiesce_daemon(d);
    if (lsock != MHD_INVALID_SOCKET)
        close(lsock);
    /* Give requests in flight up to 10 s to finish (idle keep-alive
     * connections are not waited for), an import on its own thread up to
     * two minutes: a suspended connection must be resumed before the
     * daemon stops. */
    for (int i = 0; i < 100 || (atomic_load(&offloaded) > 0 && i < 1200); i++) {
        if (atomic_load(&in_flight) == 0)
            break;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    atomic_store(&watching, false);
    if (watch_started)
        pthread_join(watch_thread, NULL);
    printf("chanjiao: stopped\n");
    fflush(stdout);
    return 0;
}
