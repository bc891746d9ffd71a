/*
 * compress.h — lean answers: which Content-Encoding a client takes, and
 * the body in it.
 *
 * A JSON list of a few hundred rows shrinks to a fifth or less, which on
 * a school's or a county office's line is most of the wait.  The server
 * negotiates once per request (Accept-Encoding, q=0 honoured, br
 * preferred to gzip at equal weight), compresses an answer of at least
 * COMPRESS_MIN bytes of a textual type (JSON, CSV, text) — never XLSX
 * or images, which are compressed already — and marks it with
 * Content-Encoding and Vary: Accept-Encoding.  Dynamic answers use fast
 * levels (gzip 3, brotli 3): they are built per request, and the API
 * read benchmark must not pay for clients that did not ask.  The web
 * app's files are compressed once, at build time, at the best level
 * (web/vite.config.js); static.c picks the file.
 */
#ifndef CJ_COMPRESS_H
#define CJ_COMPRESS_H

#include <stdbool.h>
#include <stddef.h>

#define COMPRESS_MIN 1024 /* smaller answers gain less than a packet */
#define COMPRESS_GZIP_LEVEL 3
#define COMPRESS_BR_QUALITY 3

typedef enum { ENC_IDENTITY = 0, ENC_GZIP, ENC_BR } content_encoding;

/* The encoding to answer a request whose Accept-Encoding is ae (NULL:
 * none): the acceptable one (q > 0, by name or by "*") of highest
 * weight, br before gzip at equal weight; identity when neither is. */
content_encoding compress_negotiate(const char *ae);
/* Whether Accept-Encoding ae takes enc at all (identity: always). */
bool compress_accepts(const char *ae, content_encoding enc);
/* "br", "gzip" or "identity". */
const char *compress_name(content_encoding enc);
/* The file suffix of a precompressed variant: ".br", ".gz" or "". */
const char *compress_suffix(content_encoding enc);
/* Whether an answer of this Content-Type gains from compression (JSON,
 * CSV, text, JavaScript, CSS, SVG, XML); false for NULL. */
bool compress_type_ok(const char *content_type);
/* in compressed with enc into *out (malloc'd; the caller frees it with
 * free()).  Returns false — *out untouched — for ENC_IDENTITY, on a
 * library failure, or when the result would not be smaller. */
bool compress_buf(content_encoding enc, const void *in, size_t len, char **out, size_t *out_len);

#endif
