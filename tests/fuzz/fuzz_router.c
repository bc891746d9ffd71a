/*
 * fuzz_router.c — the route table (src/http/router.c): a method and a
 * path as a client may send them (the input up to its first space is the
 * method, the rest the path, cut at a NUL as libmicrohttpd hands it on).
 *
 * Checks beyond the sanitizers: a route found has the method asked for and
 * a pattern that fits the path; {id} gives a positive id and {entity} a
 * segment inside the path; router_allowed() names the methods exactly
 * when the path exists (the 405-versus-404 answer), and includes the
 * method of any route found.
 */
#include <string.h>

#include "fuzz.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *s = xstrndup((const char *)data, size);
    char *sp = strchr(s, ' ');
    const char *method = "GET", *path = s;
    if (sp) {
        *sp = '\0';
        method = s;
        path = sp + 1;
    }
    http_req r;
    memset(&r, 0, sizeof r);
    bool exists = false;
    const route *rt = router_match(&r, method, path, &exists);
    char *allowed = router_allowed(path);
    FUZZ_CHECK(exists == (allowed[0] != '\0'), "path %s: exists %d, allowed \"%s\"", path, exists,
               allowed);
    if (rt) {
        FUZZ_CHECK(exists, "route without a path");
        FUZZ_CHECK(!strcmp(rt->method, method), "route %s for method %s", rt->method, method);
        FUZZ_CHECK(strstr(allowed, method), "allowed \"%s\" lacks %s", allowed, method);
        if (strstr(rt->pattern, "{id}"))
            FUZZ_CHECK(r.id > 0, "{id} of %s is %lld", path, (long long)r.id);
        if (strstr(rt->pattern, "{entity}"))
            FUZZ_CHECK(r.segment && r.segment >= path && r.segment < path + strlen(path),
                       "{entity} segment outside %s", path);
        /* The fixed part before the first parameter is the path's prefix. */
        size_t fixed = strcspn(rt->pattern, "{");
        FUZZ_CHECK(!strncmp(rt->pattern, path, fixed), "pattern %s for path %s", rt->pattern, path);
    }
    free(allowed);
    free(s);
    return 0;
}
