/*
 * static.h — the browser app's files (web/dist, built by Vite) served by
 * the same binary: correct content types; hashed assets under /assets/
 * cached for a year (immutable), everything else revalidated (no-cache)
 * by a strong ETag of the file's size and modification time, answered
 * 304 on If-None-Match; the build's precompressed twins (name.br,
 * name.gz) sent with Content-Encoding to a client that takes them, with
 * Vary: Accept-Encoding; any other path that is not /api/ answered with
 * index.html so the app's own routes load.
 */
#ifndef CJ_STATIC_H
#define CJ_STATIC_H

#include <stdbool.h>

#include "http/http.h"

/* The folder to serve (NULL or missing index.html: no app, the landing
 * page at / stays). */
void static_set_root(const char *dir);
/* Whether the app is there to serve. */
bool static_available(void);
/* For a GET/HEAD outside /api/: answer r with a file or index.html and
 * return true; false when there is no app (the router then answers). */
bool static_serve(http_req *r);

#endif
