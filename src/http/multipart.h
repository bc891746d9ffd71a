/*
 * multipart.h — a multipart/form-data body (RFC 7578) read in place: an
 * import sent as a browser form or `curl -F file=@members.xlsx` arrives
 * as parts between boundary lines, and the file is one of them.
 *
 * The parser copies nothing: every part it reports points into the body
 * the server already holds (bounded like any upload, server.c), so a
 * form costs no more memory than the raw file it carries.  It is strict
 * where a sloppy reading could take the wrong bytes for the file (the
 * boundary, CRLF line ends, a closing delimiter, a Content-Disposition
 * of form-data with a name on every part) and says which rule a body
 * broke: a malformed form is a 400, never a guess.
 *
 * http_form_upload() is the one use: it turns such a request into the
 * raw upload api_import.c has always read.
 */
#ifndef CJ_MULTIPART_H
#define CJ_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"

#define MULTIPART_MAX_PARTS 16
#define MULTIPART_MAX_BOUNDARY 70 /* RFC 2046 */

/* One part; every pointer is into the body (not NUL-terminated). */
typedef struct {
    const char *name; /* the form field's name */
    size_t name_len;
    const char *filename; /* NULL for a plain field */
    size_t filename_len;
    const char *content_type; /* the part's Content-Type value, or NULL */
    size_t content_type_len;
    const char *data;
    size_t len;
} multipart_part;

/* Whether a request's Content-Type is multipart/form-data: 1 with its
 * boundary copied into boundary (NUL-terminated, quotes removed), 0 when
 * it is another type (or none), -1 (e set, ERR_BAD_REQUEST) when it is
 * multipart/form-data without a usable boundary. */
int multipart_boundary(const char *content_type, char boundary[MULTIPART_MAX_BOUNDARY + 1],
                       err_t *e);

/* Split body into its parts (at most MULTIPART_MAX_PARTS) into parts;
 * returns how many, or -1 with e set (ERR_BAD_REQUEST, a message naming
 * what is wrong) for a malformed body.  A preamble before the first
 * boundary and an epilogue after the last are ignored (RFC 2046). */
int multipart_parse(const char *body, size_t len, const char *boundary,
                    multipart_part parts[MULTIPART_MAX_PARTS], err_t *e);

struct http_req;
/* For POST /api/v1/import/{kind}, after the caller's permission is
 * checked and before anything reads the body: when the request is a
 * multipart form, its first file part becomes r->body, its other fields
 * (consortium_id, dry_run, mode, …) answer http_query() where the query
 * string does not already say, and the file's name gives ?filename= and
 * (.csv/.xlsx) ?format= when the query has none.  Returns 0 (also for a
 * request that is not a form), or -1 after answering 400. */
int http_form_upload(struct http_req *r);

#endif
