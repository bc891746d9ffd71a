/*
 * static.c — see static.h.  Files are opened per request and handed to
 * libmicrohttpd as a file descriptor (it sends them with sendfile).  Paths
 * are checked segment by segment: no "..", no hidden files, no NUL, and
 * the result must be a regular file under the root.  A variant's ETag
 * carries its encoding ("…-br"), so a client never revalidates one
 * encoding's bytes against another's.
 */
#include "http/static.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/cache.h"
#include "http/compress.h"

static char *root;
static bool have_index;

void static_set_root(const char *dir)
{
    free(root);
    root = NULL;
    have_index = false;
    if (!dir || !*dir)
        return;
    root = xstrdup(dir);
    char *index = xasprintf("%s/index.html", root);
    struct stat st;
    have_index = stat(index, &st) == 0 && S_ISREG(st.st_mode);
    free(index);
}

bool static_available(void)
{
    return have_index;
}

static const char *content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".html", "text/html; charset=utf-8"},
                 {".js", "text/javascript; charset=utf-8"},
                 {".mjs", "text/javascript; charset=utf-8"},
                 {".css", "text/css; charset=utf-8"},
                 {".json", "application/json; charset=utf-8"},
                 {".svg", "image/svg+xml"},
                 {".png", "image/png"},
                 {".jpg", "image/jpeg"},
                 {".ico", "image/x-icon"},
                 {".woff2", "font/woff2"},
                 {".woff", "font/woff"},
                 {".ttf", "font/ttf"},
                 {".txt", "text/plain; charset=utf-8"},
                 {".map", "application/json; charset=utf-8"},
                 {".webmanifest", "application/manifest+json"}};
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
            if (!strcmp(dot, types[i].ext))
                return types[i].type;
    return "application/octet-stream";
}

/* A safe relative path: segments of [A-Za-z0-9._-], none starting with '.'. */
static bool path_ok(const char *p)
{
    if (*p == '\0')
        return false;
    bool seg_start = true;
    for (; *p; p++) {
        char ch = *p;
        if (ch == '/') {
            if (seg_start)
                return false; /* empty segment */
            seg_start = true;
            continue;
        }
        if (seg_start && ch == '.')
            return false;
        seg_start = false;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '_' || ch == '-'))
            return false;
    }
    return !seg_start;
}

/* Open root/rel as a regular file; -1 when there is none. */
static int open_regular(const char *rel, const char *suffix, struct stat *st)
{
    char *full = xasprintf("%s/%s%s", root, rel, suffix);
    int fd = open(full, O_RDONLY | O_CLOEXEC);
    free(full);
    if (fd < 0)
        return -1;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool serve_file(http_req *r, const char *rel, bool immutable)
{
    struct stat st;
    int fd = open_regular(rel, "", &st);
    if (fd < 0)
        return false;
    const char *type = content_type(rel);
    /* The build's precompressed twin (rel.br, rel.gz) when the client
     * takes it and it is there; a textual file only. */
    content_encoding enc = compress_type_ok(type) ? (content_encoding)r->encoding : ENC_IDENTITY;
    while (enc != ENC_IDENTITY) {
        struct stat zst;
        int zfd = open_regular(rel, compress_suffix(enc), &zst);
        if (zfd >= 0) {
            close(fd);
            fd = zfd;
            st = zst;
            break;
        }
        enc = enc == ENC_BR && compress_accepts(MHD_lookup_connection_value(
                                                    r->conn, MHD_HEADER_KIND, "Accept-Encoding"),
                                                ENC_GZIP)
                  ? ENC_GZIP
                  : ENC_IDENTITY;
    }
    r->status = 200;
    r->content_type = type;
    /* Strong: the file's own size and modification time, per variant. */
    snprintf(r->etag, sizeof r->etag, "\"%llx-%llx%s\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
                 (unsigned long long)st.st_mtim.tv_nsec,
             enc == ENC_BR     ? "-br"
             : enc == ENC_GZIP ? "-gz"
                               : "");
    http_header(r, "Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (compress_type_ok(type))
        http_header(r, "Vary", "Accept-Encoding");
    if (cache_etag_match(MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "If-None-Match"),
                         r->etag)) {
        close(fd);
        r->status = 304;
        return true;
    }
    if (enc != ENC_IDENTITY)
        http_header(r, "Content-Encoding", compress_name(enc));
    r->file_fd = fd;
    r->file_size = (uint64_t)st.st_size;
    if (!strcmp(r->content_type, "text/html; charset=utf-8"))
        http_header(r, "X-Frame-Options", "DENY");
    return true;
}

bool static_serve(http_req *r)
{
    if (!have_index)
        return false;
    const char *rel = r->path + 1; /* past the leading '/' */
    bool is_asset = strncmp(rel, "assets/", 7) == 0;
    if (*rel && path_ok(rel) && serve_file(r, rel, is_asset))
        return true;
    /* A missing asset is a real 404, not the app. */
    if (is_asset) {
        http_fail(r, ERR_NOT_FOUND, "没有这个文件 (no such file): %s", r->path);
        return true;
    }
    return serve_file(r, "index.html", false);
}
