/*
 * demo_data.h — the transaction the demo data is written in (src/demo/
 * plays demo.json back through record_create inside it).
 *
 * A batch of its own, because loading the demo is a rule of the domain,
 * not of the loader: it goes only into a database without consortia
 * (checked inside the write transaction, so no writer slips in between);
 * the accounts it creates are marked as demo accounts, which sign in only
 * in demo mode (auth.c); and the instance remembers that it holds the
 * demo (the setting "demo").  Everything commits together or not at all.
 *
 *   demo_data b;
 *   demo_data_begin(sc, &b, e);            // write lock; refuses consortia
 *   … record_create(sc, …) for every row, demo_data_round_status(&b, …) …
 *   demo_data_end(&b, e);                  // marks, remembers, commits
 *   (or demo_data_abort(&b) on the way out of a failure)
 */
#ifndef CJ_DEMO_DATA_H
#define CJ_DEMO_DATA_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/perm.h"

typedef struct {
    store_conn *sc;
    int64_t users_before; /* highest user id before the load */
    bool open;            /* inside the batch's transaction */
} demo_data;

/* Whether this database holds the demo data already. */
bool demo_data_loaded(store_conn *sc);
/* Start the load: the write transaction, then ERR_CONFLICT (rolled back)
 * if the database holds any consortium.  0, or -1 with e set. */
int demo_data_begin(store_conn *sc, demo_data *b, err_t *e);
/* Put a demo matching round in the status it is shown in (its status
 * otherwise moves only through domain/round.c's steps, which run their
 * own transaction). */
int demo_data_round_status(demo_data *b, int64_t round_id, const char *status, err_t *e);
/* Mark the accounts created since begin as demo accounts, remember that
 * the demo is loaded, and commit; on failure everything is rolled back. */
int demo_data_end(demo_data *b, err_t *e);
/* Roll back whatever the batch wrote (no-op once ended). */
void demo_data_abort(demo_data *b);

#endif
