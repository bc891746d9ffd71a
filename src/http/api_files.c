/*
 * api_files.c — uploaded documents (domain/files.h, docs/files.md).
 *
 * POST /api/v1/files: the file as the `file` part of a multipart form
 * (a browser, `curl -F file=@scan.pdf`) or as the raw body (its name in
 * ?filename=).  Who may upload is asked before the body is looked at
 * (401/403); the body is bounded by the server (server.c: 413 past
 * FILES_MAX and the form's own bytes, without reading further).  Answers
 * 201 {"id","size","content_type","name","kind","created"}; 422 for a
 * kind not taken, with what was found.
 *
 * GET (and HEAD) /api/v1/files/{id}: the bytes with the content type of
 * the kind found on upload (never the sender's), nosniff, a strong ETag
 * (the SHA-256: the content cannot change under its id) and 304 for
 * If-None-Match; images and PDFs inline, office files as attachments.
 * 404 for a file the caller may not read, as for one that does not exist.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/filekind.h"
#include "domain/files.h"
#include "http/http.h"
#include "http/multipart.h"

void api_file_upload(http_req *r)
{
    err_t e = ERR_INIT;
    json_t *out = NULL;
    if (files_may_upload(&r->caller, &e) != 0) {
        http_error(r, &e);
        return;
    }
    if (http_form_upload(r) != 0)
        return;
    const char *name = http_query(r, "filename");
    int rc = files_upload(r->sc, &r->caller, r->body ? r->body : "", r->body_len, name, &out, &e);
    if (rc != 0) {
        http_error(r, &e);
        return;
    }
    http_json(r, 201, out);
}

void api_file_get(http_req *r)
{
    err_t e = ERR_INIT;
    char id[65] = "";
    size_t n = r->segment ? strcspn(r->segment, "/") : 0;
    if (n == 64)
        memcpy(id, r->segment, 64);
    int fd = -1;
    json_t *meta = NULL;
    if (files_open(r->sc, &r->caller, id, &fd, &meta, &e) != 0) {
        http_error(r, &e);
        return;
    }
    snprintf(r->etag, sizeof r->etag, "\"%s\"", id);
    /* Readable by some and not others: no shared cache keeps it. */
    http_header(r, "Cache-Control", "private, no-cache");
    const char *inm = http_request_header(r, "If-None-Match");
    if (inm && (strstr(inm, r->etag) || !strcmp(inm, "*"))) {
        close(fd);
        json_decref(meta);
        r->status = 304;
        return;
    }
    const char *kind = json_string_value(json_object_get(meta, "kind"));
    bool office = kind && (!strcmp(kind, "docx") || !strcmp(kind, "xlsx"));
    http_disposition(r, office ? "attachment" : "inline",
                     json_string_value(json_object_get(meta, "name")));
    r->status = 200;
    r->content_type = filekind_mime(filekind_from_name(kind)); /* static */
    r->file_fd = fd;
    r->file_size = (uint64_t)json_integer_value(json_object_get(meta, "size"));
    json_decref(meta);
}
