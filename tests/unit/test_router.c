/*
 * test_router.c — the route table and its matcher (src/http/router.c),
 * without a server: router_match() on an http_req the test owns.
 *
 *   - every route matches its own path (ids and entity segments filled
 *     in, with and without one trailing slash) and is the route found;
 *   - the entity routes: five per entity of entity_all, at the entity's
 *     name with '-' for '_', and not at the '_' spelling;
 *   - {id}: a positive integer of at most 15 digits, leading zeros
 *     allowed; 0, negatives, signs, non-digits, empty and longer numbers
 *     match nothing (so the server answers 404);
 *   - a path served with other methods (405 and its Allow list) against
 *     one not served at all (404);
 *   - double slashes, two trailing slashes, case, percent-encoded bytes
 *     (the router never decodes: libmicrohttpd hands it the decoded path)
 *     and very long paths match nothing and cost nothing.
 *
 * status() answers as server.c does with what the router says: the
 * route's 200, 405 when the path exists with other methods, else 404.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

/* What the server would answer for method + path: 200 if a route is
 * found (filling *rt and r), 405 if the path exists with other methods,
 * else 404. */
static int status(const char *method, const char *path, http_req *r, const route **rt)
{
    bool exists = true;
    memset(r, 0, sizeof *r);
    const route *found = router_match(r, method, path, &exists);
    if (rt)
        *rt = found;
    if (found) {
        assert_true(exists);
        assert_string_equal(found->method, method);
        return 200;
    }
    return exists ? 405 : 404;
}

static int status_of(const char *method, const char *path)
{
    http_req r;
    return status(method, path, &r, NULL);
}

/* The pattern with {id} → id and {entity} → seg. */
static void fill(const char *pattern, const char *id, const char *seg, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = pattern; *p && k + 1 < n;) {
        const char *put = NULL;
        if (!strncmp(p, "{id}", 4)) {
            put = id;
            p += 4;
        } else if (!strncmp(p, "{entity}", 8)) {
            put = seg;
            p += 8;
        } else if (!strncmp(p, "{file}", 6)) { /* an uploaded file's id: a segment too */
            put = seg;
            p += 6;
        } else if (!strncmp(p, "{key}", 5)) { /* a measure's key: a segment too */
            put = seg;
            p += 5;
        }
        if (put) {
            k += (size_t)snprintf(out + k, n - k, "%s", put);
            continue;
        }
        out[k++] = *p++;
    }
    out[k < n ? k : n - 1] = '\0';
}

static size_t count_routes(void)
{
    size_t n = 0;
    for (const route *rt = router_routes(); rt->method; rt++)
        n++;
    return n;
}

static void test_every_route_matches_itself(void **state)
{
    char path[256], slash[260];
    for (const route *rt = router_routes(); rt->method; rt++) {
        fill(rt->pattern, "42", "demand", path, sizeof path);
        snprintf(slash, sizeof slash, "%s/", path);
        for (int i = 0; i < 2; i++) {
            const char *p = i ? slash : path;
            http_req r;
            const route *found = NULL;
            assert_int_equal(status(rt->method, p, &r, &found), 200);
            /* The first route of this method and path is this one. */
            if (found != rt)
                fprintf(stderr, "%s %s: found %s\n", rt->method, p, found->pattern);
            assert_ptr_equal(found, rt);
            if (strstr(rt->pattern, "{id}"))
                assert_int_equal(r.id, 42);
            else
                assert_int_equal(r.id, 0);
            if (strstr(rt->pattern, "{entity}") || strstr(rt->pattern, "{file}") ||
                strstr(rt->pattern, "{key}"))
                assert_int_equal(strncmp(r.segment, "demand", 6), 0);
            else
                assert_null(r.segment);
        }
    }
    /* No two routes share a method and a pattern (the second would never
     * be reached). */
    for (const route *a = router_routes(); a->method; a++)
        for (const route *b = a + 1; b->method; b++)
            assert_false(!strcmp(a->method, b->method) && !strcmp(a->pattern, b->pattern));
}

static void test_entity_routes(void **state)
{
    size_t nent = 0, nfixed = 0;
    for (const route *rt = router_routes(); rt->method; rt++)
        nfixed += rt->entity == NULL;
    for (const entity_def *const *dp = entity_all; *dp; dp++, nent++) {
        const entity_def *d = *dp;
        char seg[64], coll[96], item[128], under[96];
        snprintf(seg, sizeof seg, "%s", d->name);
        for (char *p = seg; *p; p++)
            if (*p == '_')
                *p = '-';
        snprintf(coll, sizeof coll, "/api/v1/%s", seg);
        snprintf(item, sizeof item, "/api/v1/%s/7", seg);
        static const struct {
            const char *method;
            bool item;
            http_handler h;
        } want[] = {{"GET", false, api_entity_list},
                    {"POST", false, api_entity_create},
                    {"GET", true, api_entity_get},
                    {"PATCH", true, api_entity_update},
                    {"DELETE", true, api_entity_delete}};
        for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
            http_req r;
            const route *rt = NULL;
            assert_int_equal(status(want[i].method, want[i].item ? item : coll, &r, &rt), 200);
            assert_ptr_equal(rt->entity, d);
            assert_ptr_equal(rt->handler, want[i].h);
            assert_int_equal(r.id, want[i].item ? 7 : 0);
        }
        /* Other methods: 405 with what is served. */
        char *allow = router_allowed(coll);
        assert_string_equal(allow, "GET, POST");
        free(allow);
        allow = router_allowed(item);
        assert_string_equal(allow, "GET, PATCH, DELETE");
        free(allow);
        assert_int_equal(status_of("PUT", coll), 405);
        assert_int_equal(status_of("DELETE", coll), 405);
        assert_int_equal(status_of("POST", item), 405);
        /* The internal '_' spelling is no route. */
        if (strchr(d->name, '_')) {
            snprintf(under, sizeof under, "/api/v1/%s", d->name);
            assert_int_equal(status_of("GET", under), 404);
        }
        /* Nor is a third segment. */
        snprintf(item, sizeof item, "/api/v1/%s/7/x", seg);
        assert_int_equal(status_of("GET", item), 404);
    }
    assert_int_equal(count_routes(), nfixed + 5 * nent);
    /* router_describe: one "METHOD pattern" line per route, in order. */
    char *all = router_describe();
    size_t lines = 0;
    for (const char *p = all; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, count_routes());
    assert_non_null(strstr(all, "GET /api/v1/work-plan-items/{id}\n"));
    assert_non_null(strstr(all, "POST /api/v1/import/{entity}\n"));
    assert_int_equal(strncmp(all, "GET /\n", 6), 0);
    free(all);
}

static void test_id(void **state)
{
    http_req r;
    const route *rt = NULL;
    /* Leading zeros are the same number. */
    assert_int_equal(status("GET", "/api/v1/organizations/007", &r, &rt), 200);
    assert_int_equal(r.id, 7);
    /* Fifteen digits is the longest id. */
    assert_int_equal(status("GET", "/api/v1/organizations/999999999999999", &r, &rt), 200);
    assert_int_equal(r.id, 999999999999999LL);
    assert_int_equal(status("GET", "/api/v1/organizations/000000000000001", &r, &rt), 200);
    assert_int_equal(r.id, 1);
    static const char *const bad[] = {
        "0",
        "000",
        "-1",
        "+1",
        " 1",
        "1 ",
        "1a",
        "a1",
        "abc",
        "1.5",
        "1e3",
        "0x10",
        "١", /* an Arabic-Indic digit one */
        "1000000000000000",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551617",
        "99999999999999999999999999999999",
    };
    char path[128];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(path, sizeof path, "/api/v1/organizations/%s", bad[i]);
        if (status("GET", path, &r, &rt) != 404)
            fprintf(stderr, "%s matched\n", path);
        assert_int_equal(status("GET", path, &r, &rt), 404);
        snprintf(path, sizeof path, "/api/v1/consortia/%s/composition", bad[i]);
        assert_int_equal(status("GET", path, &r, &rt), 404);
        char *allow = router_allowed(path);
        assert_string_equal(allow, "");
        free(allow);
    }
    /* An empty id: the collection with two slashes, or nothing. */
    assert_int_equal(status_of("GET", "/api/v1/organizations//"), 404);
    assert_int_equal(status_of("GET", "/api/v1/consortia//composition"), 404);
    /* An id in a fixed route. */
    assert_int_equal(status("GET", "/api/v1/consortia/12/gap/trend", &r, &rt), 200);
    assert_ptr_equal(rt->handler, api_gap_trend);
    assert_int_equal(r.id, 12);
    assert_int_equal(status("GET", "/api/v1/consortia/12/gap", &r, &rt), 200);
    assert_ptr_equal(rt->handler, api_gap);
}

static void test_methods_and_unknown(void **state)
{
    http_req r;
    const route *rt = NULL;
    assert_int_equal(status("GET", "/api/v1/health", &r, &rt), 200);
    assert_ptr_equal(rt->handler, api_health);
    /* Served with other methods: 405 and the Allow list. */
    assert_int_equal(status_of("POST", "/api/v1/health"), 405);
    char *allow = router_allowed("/api/v1/health");
    assert_string_equal(allow, "GET");
    free(allow);
    assert_int_equal(status_of("GET", "/api/v1/auth/login"), 405);
    allow = router_allowed("/api/v1/auth/login");
    assert_string_equal(allow, "POST");
    free(allow);
    /* Two fixed routes on one path: both in Allow, each found by its own
     * method. */
    allow = router_allowed("/api/v1/consortia/3/demand-reports");
    assert_string_equal(allow, "POST, GET");
    free(allow);
    assert_int_equal(status("POST", "/api/v1/consortia/3/demand-reports", &r, &rt), 200);
    assert_ptr_equal(rt->handler, api_report_create);
    assert_int_equal(status("GET", "/api/v1/consortia/3/demand-reports", &r, &rt), 200);
    assert_ptr_equal(rt->handler, api_report_list);
    assert_int_equal(status_of("DELETE", "/api/v1/consortia/3/demand-reports"), 405);
    /* Methods are matched exactly (HEAD is the server's business: it asks
     * for GET). */
    assert_int_equal(status_of("get", "/api/v1/health"), 405);
    assert_int_equal(status_of("HEAD", "/api/v1/health"), 405);
    assert_int_equal(status_of("", "/api/v1/health"), 405);
    /* The import route's segment: the entity, the rest of the path after
     * it; no segment, no route. */
    assert_int_equal(status("POST", "/api/v1/import/work_plan_items", &r, &rt), 200);
    assert_ptr_equal(rt->handler, api_import);
    assert_string_equal(r.segment, "work_plan_items");
    assert_int_equal(status_of("GET", "/api/v1/import/demand"), 405);
    assert_int_equal(status_of("POST", "/api/v1/import/"), 404);
    assert_int_equal(status_of("POST", "/api/v1/import"), 404);
    assert_int_equal(status_of("POST", "/api/v1/import//"), 404);
    /* A round action and its siblings share the handler. */
    assert_int_equal(status("POST", "/api/v1/match-rounds/5/close-applications", &r, &rt), 200);
    assert_ptr_equal(rt->handler, api_round_action);
    assert_int_equal(r.id, 5);

    /* Not served at all: 404, nothing allowed. */
    static const char *const unknown[] = {
        "",
        "/api",
        "/api/",
        "/api/v1",
        "/api/v1/",
        "/api/v2/health",
        "/API/v1/health",
        "/api/v1/Health",
        "/api/v1/healthz",
        "/api/v1/health/x",
        "/api/v1/nothing",
        "/api/v1/organization",
        "/api/v1/organizationss",
        "/api/v1/consortia/1/nothing",
        "/api/v1/consortia/1/gap/trend/x",
        "/index.html",
    };
    for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
        assert_int_equal(status_of("GET", unknown[i]), 404);
        assert_int_equal(status_of("POST", unknown[i]), 404);
        allow = router_allowed(unknown[i]);
        assert_string_equal(allow, "");
        free(allow);
    }
}

static void test_slashes_encoding_length(void **state)
{
    /* One trailing slash is the same path; two, or doubled inside, are
     * not. */
    assert_int_equal(status_of("GET", "/api/v1/health/"), 200);
    assert_int_equal(status_of("GET", "/api/v1/organizations/"), 200);
    assert_int_equal(status_of("GET", "/api/v1/organizations/3/"), 200);
    assert_int_equal(status_of("POST", "/api/v1/health/"), 405);
    static const char *const bad[] = {
        "/api/v1/health//",         "//api/v1/health",          "/api//v1/health",
        "/api/v1//health",          "/api/v1/organizations//3", "/api/v1/organizations/3//",
        "/api/v1/consortia/3//gap", "/api/v1/health/./",        "/api/v1/./health",
        "/api/v1/x/../health",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (status_of("GET", bad[i]) != 404)
            fprintf(stderr, "%s matched\n", bad[i]);
        assert_int_equal(status_of("GET", bad[i]), 404);
    }
    /* The root is the landing page, "//" its one-trailing-slash twin;
     * a third slash is none. */
    assert_int_equal(status_of("GET", "/"), 200);
    assert_int_equal(status_of("GET", "//"), 200);
    assert_int_equal(status_of("GET", "///"), 404);

    /* Percent-encoded bytes are not decoded here (the server's library
     * hands over the decoded path): encoded letters, digits or slashes
     * match nothing. */
    static const char *const enc[] = {
        "/api/v1/%68ealth",          "/api/v1/health%2F",          "/api/v1%2Fhealth",
        "/api/v1/organizations/%31", "/api/v1/organizations/1%00", "/api/v1/work%2Dplan-items",
        "/api/v1/health%20",
    };
    for (size_t i = 0; i < sizeof enc / sizeof *enc; i++)
        assert_int_equal(status_of("GET", enc[i]), 404);
    /* A NUL ends the path as the server hands it over. */
    assert_int_equal(status_of("GET", "/api/v1/health\0/x"), 200);
    /* UTF-8 in a segment is bytes like any other. */
    assert_int_equal(status_of("GET", "/api/v1/组织"), 404);
    assert_int_equal(status_of("POST", "/api/v1/import/学生"), 200);

    /* Very long paths: nothing matches, nothing is allowed. */
    size_t n = 200000;
    char *p = malloc(n + 64);
    assert_non_null(p);
    memset(p, 'a', n);
    p[0] = '/';
    p[n] = '\0';
    assert_int_equal(status_of("GET", p), 404);
    char *allow = router_allowed(p);
    assert_string_equal(allow, "");
    free(allow);
    /* A long number where an id goes. */
    int k = snprintf(p, 64, "/api/v1/organizations/");
    memset(p + k, '7', n - (size_t)k);
    p[n] = '\0';
    assert_int_equal(status_of("GET", p), 404);
    /* Slashes all the way. */
    memset(p, '/', n);
    p[n] = '\0';
    assert_int_equal(status_of("GET", p), 404);
    /* A long tail after a real route, and a long entity segment for the
     * import route (its handler bounds the name). */
    k = snprintf(p, 64, "/api/v1/health/");
    memset(p + k, 'x', n - (size_t)k);
    p[n] = '\0';
    assert_int_equal(status_of("GET", p), 404);
    k = snprintf(p, 64, "/api/v1/import/");
    memset(p + k, 'x', n - (size_t)k);
    p[n] = '\0';
    assert_int_equal(status_of("POST", p), 200);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_matches_itself),
        cmocka_unit_test(test_entity_routes),
        cmocka_unit_test(test_id),
        cmocka_unit_test(test_methods_and_unknown),
        cmocka_unit_test(test_slashes_encoding_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
