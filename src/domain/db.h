/*
 * db.h — the database as the floors above the domain (io, http, cli,
 * demo) hold it: a handle to open and close, and a per-thread connection
 * to pass to domain functions.  They never call the store (store/store.h)
 * themselves: every read and write goes through a domain function that
 * takes the caller and owns its rules and its transaction, so a second
 * store backend changes nothing above the domain.
 *
 * The types are the store's own (opaque here): a db_conn is what every
 * domain function takes as `store_conn *`.
 */
#ifndef CJ_DB_H
#define CJ_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/util.h"

typedef struct store db;
typedef struct store_conn db_conn;

/* Open (creating if absent) the database at path and apply pending
 * migrations; *created (may be NULL) says whether the file was new. */
int db_open(const char *path, db **out, bool *created, err_t *e);
/* Whether path names a database server (postgresql://…) rather than a
 * SQLite file. */
bool db_is_server_url(const char *path);
void db_close(db *d);
/* This thread's connection (opened on first use); NULL with e set. */
db_conn *db_conn_get(db *d, err_t *e);
/* The database a connection belongs to. */
db *db_of(db_conn *c);
/* Schema version after migrations. */
int db_schema_version(db_conn *c);
/* A read replica of a PostgreSQL database (serve --db-read): never
 * written nor migrated; waits up to 30 s for it to carry this binary's
 * migrations. */
int db_open_replica(const char *url, db **out, err_t *e);
/* A replica connection's replayed WAL position (bytes), -1 unknown. */
int64_t db_replica_position(db_conn *c);
/* Whether a write was tried on this replica connection since the last
 * call: the request must run again on the primary. */
bool db_replica_refused(db_conn *c);
/* store_lookup_failed: a yes/no look-up met a database error since the
 * last call (and answered "no"). */
bool db_lookup_failed(db_conn *c);
/* A number that changes whenever any connection (thread or process)
 * commits: the answer cache's validity token. */
int64_t db_data_version(db_conn *c);

#endif
