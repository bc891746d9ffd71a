/*
 * http.h — the request a handler sees, and how it answers.
 *
 * The server (server.c) reads the request, resolves the caller from a
 * bearer token or session cookie, checks CSRF for cookie-borne writes,
 * matches a route (router.c) and calls its handler with an http_req.  A
 * handler answers by calling http_json() / http_error() / http_raw() — or
 * http_reply() / http_download() (reply.c) for a domain call's result and
 * a spreadsheet; the server sends what was set.  Every error leaves as the JSON envelope of
 * SPEC.md — {"error":{"code","message","details"}} — never as HTML.
 *
 * Memory: everything a handler hangs on the request (JSON, buffers) is
 * freed by the server when the response has been queued.
 */
#ifndef CJ_HTTP_H
#define CJ_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/msg.h"
#include "core/util.h"
#include "domain/perm.h"
#include "domain/db.h"
#include "io/table.h"

struct MHD_Connection;
typedef struct http_req http_req;
typedef void (*http_handler)(http_req *r);

typedef struct route {
    const char *method;  /* GET, POST, PATCH, DELETE */
    const char *pattern; /* "/api/v1/consortia/{id}/composition" */
    http_handler handler;
    const entity_def *entity; /* for the generic entity routes */
    const char *summary;      /* one line for the OpenAPI check and docs */
} route;

struct http_req {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    char *body;
    size_t body_len;
    size_t body_cap; /* bytes allocated for body (grown geometrically) */
    char *form;      /* a form upload's fields, which http_query() answers (multipart.c); owned */
    db *st;
    db_conn *sc;
    db_conn *primary; /* the primary's, while sc is the read replica's */
    int64_t wrote_at; /* with a replica: where the session's last write left the WAL */
    caller_t caller;
    bool via_cookie;
    bool offload;   /* run the handler on a thread of its own (server.c) */
    char token[72]; /* the session token used, if any */
    char csrf[72];
    char addr[64]; /* client address (behind a trusted proxy: the proxy's client) */
    bool https;    /* a trusted proxy said the client used HTTPS */
    msg_lang lang; /* the caller's language (Accept-Language): messages leave in it */
    const route *route;
    int64_t id;          /* {id} path parameter */
    const char *segment; /* the entity segment for generic routes */

    /* response */
    int status;
    json_t *json;
    buf_t raw;
    const char *content_type;
    char *headers[8]; /* "Name: value" strings, owned */
    int nheaders;

    int file_fd; /* a file to send (static.c), or -1 */
    uint64_t file_size;

    unsigned char encoding; /* the Content-Encoding the client takes (compress.h) */
    char etag[72];          /* the answer's ETag, quoted, when it has one (a file's: its SHA-256) */

    /* response cache (cache.c) */
    struct MHD_Response *cached; /* a cached answer to queue, not owned */
    char *cache_key;             /* owned; set when the answer may be kept */
    uint64_t cache_gen;
    int64_t cache_dv;
};

/* Answer with status and JSON (reference stolen). */
void http_json(http_req *r, int status, json_t *body);
/* Answer with the error envelope from e (e is cleared). */
void http_error(http_req *r, err_t *e);
/* Answer with an error code and message directly. */
void http_fail(http_req *r, err_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Answer with raw bytes (copied). */
void http_raw(http_req *r, int status, const char *content_type, const void *data, size_t len);
void http_header(http_req *r, const char *name, const char *value);
/* A query-string argument, or NULL. */
const char *http_query(http_req *r, const char *name);
/* The query parameter `name` as an integer in [lo, hi], dflt when absent;
 * -1 after answering 400 naming it. */
int http_query_int(http_req *r, const char *name, long long lo, long long hi, long long dflt,
                   long long *out);
/* Parse the body as a JSON object; answers 415 when the request's Content-Type
 * is not application/json, 400 when the body is empty or not a JSON
 * object, and returns NULL then. */
json_t *http_body_json(http_req *r);
/* Paging arguments page/per_page with defaults and limits; answers 400
 * and returns -1 on bad values. */
int http_paging(http_req *r, int64_t *page, int64_t *per_page);

/* The answer to a domain call (reply.c): 200 with out when rc is 0, else
 * the error envelope from e (out, if any, is released).  rc is the call's
 * result, made before this one is evaluated (an argument's order of
 * evaluation is unspecified in C). */
void http_reply(http_req *r, int rc, json_t *out, err_t *e);
/* http_reply with an ETag header (etag, e.g. "\"3\"", when rc is 0);
 * http_not_modified: 304 with the ETag and no body. */
void http_reply_tagged(http_req *r, int rc, json_t *out, const char *etag, err_t *e);
void http_not_modified(http_req *r, const char *etag);
/* A request header's value, or NULL. */
const char *http_request_header(http_req *r, const char *name);
/* Answer 200 with a page of a list, {"items","total","page","per_page"}
 * (items stolen): the one shape of every paged list. */
void http_page(http_req *r, json_t *items, int64_t total, int64_t page, int64_t per_page);
/* ?format=json|csv|xlsx (absent: json).  Sets *export for csv/xlsx and
 * *fmt; answers 400 and returns -1 on any other value. */
int http_format(http_req *r, bool *export, table_format *fmt);
/* ?format= and ?page=&per_page= of a list that also exports: for csv/xlsx
 * *page is 1 and *per_page export_max (the first rows), else the paging
 * asked for.  Answers 400 and returns -1 on bad values. */
int http_list_args(http_req *r, int64_t export_max, bool *export, table_format *fmt, int64_t *page,
                   int64_t *per_page);
/* A handler that answers fn(connection, caller, {id}, &out, &e): the
 * reads that need nothing but the path's id. */
#define HTTP_READER(name, fn)                                                                      \
    void name(http_req *r)                                                                         \
    {                                                                                              \
        err_t e = ERR_INIT;                                                                        \
        json_t *out = NULL;                                                                        \
        int rc = fn(r->sc, &r->caller, r->id, &out, &e);                                           \
        http_reply(r, rc, out, &e);                                                                \
    }
/* Content-Disposition: attachment under filename (RFC 6266; a non-ASCII
 * name also as filename*=UTF-8''…, RFC 5987). */
void http_attachment(http_req *r, const char *filename);
/* The same with another disposition: "inline" (shown in the browser). */
void http_disposition(http_req *r, const char *how, const char *filename);
/* Answer 200 with a spreadsheet b (copied) as the download filename. */
void http_download(http_req *r, table_format fmt, const char *filename, const buf_t *b);
/* Answer 200 with the rows of a list as a spreadsheet named after d's
 * Chinese label (审计日志.xlsx; name.csv / name.xlsx with ?lang=en): one
 * column per field of d not flagged F_NOEXPORT, headed by its Chinese
 * label (its English one with ?lang=en), numbers and dates typed as
 * exports type them; a JSON object or array cell is written as JSON text.  The one export of the
 * lists that are not entities (the audit log, the login log, the demand
 * reports). */
void http_list_download(http_req *r, const entity_def *d, json_t *items, table_format fmt,
                        const char *name);

/* The routes, in match order, terminated by a NULL method.  Built once at
 * start from the fixed routes and one set per entity. */
const route *router_routes(void);
/* Match method+path.  Returns the route or NULL; *path_exists tells 405
 * from 404; fills r->id and r->segment. */
const route *router_match(http_req *r, const char *method, const char *path, bool *path_exists);
/* The methods served at path, "GET, POST" (for 405's Allow); caller frees. */
char *router_allowed(const char *path);
/* "GET /api/v1/x" lines for every route; caller frees. */
char *router_describe(void);

/* Handlers (api_*.c), by file. */
/* api_entity.c: the five routes of every entity */
void api_entity_list(http_req *r);
void api_entity_get(http_req *r);
void api_entity_create(http_req *r);
void api_entity_update(http_req *r);
void api_entity_delete(http_req *r);
/* api_meta.c */
void api_index(http_req *r);
void api_health(http_req *r);
void api_openapi(http_req *r);
void api_meta_entities(http_req *r);
/* api_auth.c */
void api_login(http_req *r);
void api_logout(http_req *r);
void api_me(http_req *r);
/* api_consortium.c */
void api_annual_report(http_req *r); /* api_report.c */
void api_composition(http_req *r);
void api_council(http_req *r);
void api_consortium_stats(http_req *r);
void api_consortium_options(http_req *r);
void api_agenda_result(http_req *r);
/* api_audit.c */
void api_audit(http_req *r);
void api_login_log(http_req *r);
/* api_import.c, api_search.c */
void api_import(http_req *r);
void api_import_template(http_req *r);
void api_search(http_req *r);
/* api_talent.c */
void api_gap(http_req *r);
void api_gap_trend(http_req *r);
void api_recommendations(http_req *r);
void api_report_create(http_req *r);
void api_report_list(http_req *r);
void api_report_get(http_req *r);
void api_lists_create(http_req *r);
void api_lists_list(http_req *r);
void api_measures_list(http_req *r);
void api_measure_value(http_req *r);
void api_framework_tree(http_req *r);
void api_list_get(http_req *r);
/* api_round.c */
void api_round_action(http_req *r);
void api_round_positions(http_req *r);
void api_round_my_list(http_req *r);
void api_round_my(http_req *r);
void api_round_suggestions(http_req *r);
void api_round_applicants(http_req *r);
void api_round_rankings(http_req *r);
void api_round_school(http_req *r);
void api_round_stats(http_req *r);
void api_round_results(http_req *r);
/* api_authority.c */
void api_authority_overview(http_req *r);
void api_authority_indicators(http_req *r);
void api_authority_scopes(http_req *r);
void api_assessment_comments(http_req *r);
void api_assessment_comment_add(http_req *r);
/* api_outcomes.c, api_privacy.c */
void api_outcomes(http_req *r);
void api_me_data(http_req *r);
void api_student_erase(http_req *r);
/* api_todo.c */
void api_todo(http_req *r);
/* api_files.c */
void api_file_upload(http_req *r);
void api_file_get(http_req *r);
/* api_tech.c */
void api_response_accept(http_req *r);
void api_tech_suggestions(http_req *r);
/* api_tech_stats.c */
void api_tech_stats(http_req *r);
void api_training_stats(http_req *r);
/* api_facility.c */
void api_facility_calendar(http_req *r);
void api_facility_availability(http_req *r);
void api_facility_stats(http_req *r);
/* api_assessment.c */
void api_assessment_create(http_req *r);
void api_assessment_list(http_req *r);
void api_assessment_goals(http_req *r);
void api_assessment_get(http_req *r);
void api_assessment_update(http_req *r);
void api_assessment_compute(http_req *r);
void api_assessment_value(http_req *r);
void api_assessment_submit(http_req *r);
void api_assessment_reopen(http_req *r);
void api_assessment_version(http_req *r);

/* Server lifecycle. */
typedef struct {
    const char *listen; /* "HOST:PORT" */
    db *st;
    db *read_db; /* a read replica (--db-read), or NULL */
    bool demo;
    unsigned threads;    /* 0 = number of cores */
    bool no_cache;       /* build every answer afresh (see cache.h) */
    const char *web_dir; /* the built browser app (web/dist), or NULL */
    /* Comma-separated IPv4/IPv6 addresses of reverse proxies whose
     * X-Forwarded-For and X-Forwarded-Proto are believed; NULL: none. */
    const char *trusted_proxy;
    unsigned header_timeout; /* seconds to receive a request's headers; 0 = 15 */
} http_config;
/* Serve until SIGTERM/SIGINT, then finish in-flight requests and return. */
int http_serve(const http_config *cfg, err_t *e);
bool http_demo_mode(void);

#endif
