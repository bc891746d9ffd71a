/*
 * db.c — see db.h: the store's connection handling, named for the floors
 * above the domain.
 */
#include "domain/db.h"

#include "store/store.h"

int db_open(const char *path, db **out, bool *created, err_t *e)
{
    bool dummy;
    return store_open(path, out, created ? created : &dummy, e);
}

bool db_is_server_url(const char *path)
{
    return store_is_pg_url(path);
}

void db_close(db *d)
{
    store_close(d);
}

db_conn *db_conn_get(db *d, err_t *e)
{
    return store_conn_get(d, e);
}

db *db_of(db_conn *c)
{
    return store_conn_store(c);
}

int db_schema_version(db_conn *c)
{
    return store_schema_version(c);
}

int64_t db_data_version(db_conn *c)
{
    return store_data_version(c);
}

int db_open_replica(const char *url, db **out, err_t *e)
{
    return store_open_replica(url, out, e);
}

int64_t db_replica_position(db_conn *c)
{
    return store_replica_position(c);
}

bool db_replica_refused(db_conn *c)
{
    return store_replica_refused(c);
}

bool db_lookup_failed(db_conn *c)
{
    return store_lookup_failed(c);
}
