/*
 * fixture.c — the shared unit-test fixtures (see fixture.h): one way to
 * open and remove a temporary database, make rows as the system caller
 * and build callers, read a file and write a temporary one, instead of a
 * copy in every test.
 */
#include "fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/auth.h"
#include "domain/record.h"
#include "io/catalog.h"

static void remove_files(const char *path)
{
    char p[128];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

void fx_open(fx_db *f, const char *name)
{
    err_t e = ERR_INIT;
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/cj-test-%s-%d.db", name, (int)getpid());
    remove_files(f->path);
    assert_int_equal(auth_init(), 0);
    int rc = store_open(f->path, &f->st, &f->created, &e);
    if (rc != 0)
        fprintf(stderr, "open %s: %s\n", f->path, e.message);
    assert_int_equal(rc, 0);
    f->sc = store_conn_get(f->st, &e);
    assert_non_null(f->sc);
    f->sys = caller_system();
}

void fx_catalog(fx_db *f)
{
    err_t e = ERR_INIT;
    int rc = catalog_load_shipped(f->sc, NULL, &e);
    if (rc != 0)
        fprintf(stderr, "catalogue: %s\n", e.message);
    assert_int_equal(rc, 0);
}

void fx_close(fx_db *f)
{
    store_close(f->st);
    remove_files(f->path);
    f->st = NULL;
    f->sc = NULL;
}

static int create_text(fx_db *f, const caller_t *c, const char *entity, json_t **row, err_t *e,
                       const char *text)
{
    const entity_def *d = entity_find(entity);
    json_t *in = json_loads(text, 0, NULL);
    assert_non_null(d);
    assert_non_null(in);
    int rc = record_create(f->sc, c, d, in, row, e);
    json_decref(in);
    return rc;
}

int fx_create(fx_db *f, const caller_t *c, const char *entity, json_t **row, err_t *e,
              const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return create_text(f, c, entity, row, e, buf);
}

static json_t *make_text(fx_db *f, const char *entity, const char *text)
{
    err_t e = ERR_INIT;
    json_t *row = NULL;
    int rc = create_text(f, &f->sys, entity, &row, &e, text);
    if (rc != 0)
        fprintf(stderr, "create %s failed: %s\n", entity, e.message);
    assert_int_equal(rc, 0);
    return row;
}

json_t *fx_make(fx_db *f, const char *entity, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return make_text(f, entity, buf);
}

int64_t fx_make_id(fx_db *f, const char *entity, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return fx_id(make_text(f, entity, buf));
}

int64_t fx_id(json_t *row)
{
    int64_t id = json_integer_value(json_object_get(row, "id"));
    json_decref(row);
    return id;
}

int64_t fx_consortium(fx_db *f, const char *name, bool is_public)
{
    return fx_make_id(f, "consortia",
                      "{\"name\":\"%s\",\"kind\":\"city\",\"level\":\"municipal\","
                      "\"is_public\":%s}",
                      name, is_public ? "true" : "false");
}

int64_t fx_org(fx_db *f, const char *name, const char *type)
{
    return fx_make_id(f, "organizations", "{\"name\":\"%s\",\"type\":\"%s\"}", name, type);
}

void fx_join(fx_db *f, int64_t consortium_id, int64_t org_id)
{
    json_decref(fx_make(f, "memberships",
                        "{\"consortium_id\":%lld,\"organization_id\":%lld,\"role\":\"member\"}",
                        (long long)consortium_id, (long long)org_id));
}

int64_t fx_member(fx_db *f, int64_t consortium_id, const char *name, const char *type)
{
    int64_t id = fx_org(f, name, type);
    fx_join(f, consortium_id, id);
    return id;
}

int64_t fx_user(fx_db *f, const char *username, const char *role, int64_t org_id,
                int64_t consortium_id)
{
    char org[32] = "", cons[32] = "";
    if (org_id)
        snprintf(org, sizeof org, ",\"organization_id\":%lld", (long long)org_id);
    if (consortium_id)
        snprintf(cons, sizeof cons, ",\"consortium_id\":%lld", (long long)consortium_id);
    return fx_make_id(f, "users",
                      "{\"username\":\"%s\",\"display_name\":\"%s\",\"role\":\"%s\","
                      "\"password\":\"fixture-pw-1\"%s%s}",
                      username, username, role, org, cons);
}

char *fx_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    assert_true(n >= 0);
    fseek(f, 0, SEEK_SET);
    char *p = xmalloc((size_t)n + 1);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    p[n] = '\0';
    *len = (size_t)n;
    return p;
}

void fx_temp_file(char *path, size_t n, const void *data, size_t len)
{
    assert_true(n >= sizeof "/tmp/cj-test-XXXXXX");
    snprintf(path, n, "/tmp/cj-test-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    if (data)
        assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
}

caller_t fx_caller(const char *role, int64_t user_id, int64_t org_id, int64_t consortium_id)
{
    caller_t c = {0};
    if (!role)
        return c;
    c.user_id = user_id;
    snprintf(c.role, sizeof c.role, "%s", role);
    c.org_id = org_id;
    c.consortium_id = consortium_id;
    return c;
}
