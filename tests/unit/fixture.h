/*
 * fixture.h — what the unit tests share: a temporary database and the
 * rows and callers they seed it with.
 *
 * Every test that needs a database opens a fresh one in /tmp (named after
 * the test and its process, so parallel runs do not meet), migrated by the
 * store as the server would, and removes it with its WAL and shared-memory
 * files afterwards.  Rows are made through the domain (record_create) as
 * the system caller, so they pass the same validation and rules as rows
 * made over the API; a failed seed fails the test at once with the
 * store's message.  Callers of each role are built by hand, as the server
 * builds them from a session.
 *
 * Beside the database: reading a fixture file whole, and a temporary file
 * for the readers that want a path.
 *
 * Linked into every tests/unit/test_*.c by CMakeLists.txt; a test that
 * needs none of it simply does not include it.
 */
#ifndef CJ_TEST_FIXTURE_H
#define CJ_TEST_FIXTURE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/perm.h"
#include "store/store.h"

typedef struct {
    char path[96]; /* the database file */
    store *st;
    store_conn *sc; /* this thread's connection */
    caller_t sys;   /* the system caller rows are seeded as */
    bool created;   /* store_open made the file */
} fx_db;

/* Open a fresh, migrated database /tmp/cj-test-NAME-PID.db (any left from
 * an earlier run is removed first); libsodium is initialised.  Asserts. */
void fx_open(fx_db *f, const char *name);
/* Load the shipped occupation and major catalogues.  Asserts. */
void fx_catalog(fx_db *f);
/* Close the database and remove its files. */
void fx_close(fx_db *f);

/* Create a row of entity from printf-formatted JSON as caller c; returns
 * record_create's status, *row (caller frees) and e as it left them. */
int fx_create(fx_db *f, const caller_t *c, const char *entity, json_t **row, err_t *e,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Create a row as the system caller; asserts that it worked (printing the
 * message if not).  Returns the new row (caller frees). */
json_t *fx_make(fx_db *f, const char *entity, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* fx_make, returning only the new row's id. */
int64_t fx_make_id(fx_db *f, const char *entity, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The id of row, which is released. */
int64_t fx_id(json_t *row);

/* Seeds, as the system caller. */
int64_t fx_consortium(fx_db *f, const char *name, bool is_public); /* a city, municipal */
int64_t fx_org(fx_db *f, const char *name, const char *type);
void fx_join(fx_db *f, int64_t consortium_id, int64_t org_id); /* a current member */
int64_t fx_member(fx_db *f, int64_t consortium_id, const char *name, const char *type);
/* A user of role (platform_admin, secretariat, org_admin, org_staff,
 * student) at org_id / of consortium_id (0 = none); password "fixture-pw-1". */
int64_t fx_user(fx_db *f, const char *username, const char *role, int64_t org_id,
                int64_t consortium_id);

/* Files: the whole of path (NUL-terminated beside *len; caller frees), and
 * a new temporary file holding len bytes of data (none if data is NULL)
 * whose name is written to path (at least 32 bytes); the caller unlinks it. */
char *fx_slurp(const char *path, size_t *len);
void fx_temp_file(char *path, size_t n, const void *data, size_t len);

/* A caller as the server resolves it from a session of such a user
 * (role NULL: anonymous). */
caller_t fx_caller(const char *role, int64_t user_id, int64_t org_id, int64_t consortium_id);

#endif
