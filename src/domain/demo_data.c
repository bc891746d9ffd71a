/*
 * demo_data.c — see demo_data.h: the demo load's transaction and the
 * facts it leaves behind (demo accounts, the "demo" setting).
 */
#include "domain/demo_data.h"

#include <jansson.h>

#include "store/store.h"

bool demo_data_loaded(store_conn *sc)
{
    char v[16];
    return store_setting_get(sc, "demo", v, sizeof v) == 0;
}

int demo_data_begin(store_conn *sc, demo_data *b, err_t *e)
{
    b->sc = sc;
    b->open = false;
    b->users_before = 0;
    if (store_begin(sc, e) != 0)
        return -1;
    b->open = true;
    store_query q = {NULL, NULL, NULL, 1, 1};
    store_scope all = {true, 0, 0};
    json_t *items = NULL;
    int64_t total = 0;
    int rc = store_entity_list(sc, entity_find("consortia"), &q, &all, &items, &total, e);
    json_decref(items);
    if (rc == 0 && total > 0)
        rc = err_set(e, ERR_CONFLICT,
                     "数据库中已有 %lld 个联合体，示例数据只能载入没有联合体的数据库 (the "
                     "database already holds %lld consortia; demo data loads only into a "
                     "database without any)",
                     (long long)total, (long long)total);
    if (rc != 0) {
        demo_data_abort(b);
        return -1;
    }
    b->users_before = store_user_max_id(sc);
    return 0;
}

int demo_data_round_status(demo_data *b, int64_t round_id, const char *status, err_t *e)
{
    return store_round_set_state(b->sc, round_id, status, NULL, NULL, NULL, e);
}

int demo_data_end(demo_data *b, err_t *e)
{
    /* The accounts created here work only in demo mode (auth.c). */
    if (store_user_mark_demo(b->sc, b->users_before, e) != 0 ||
        store_setting_set(b->sc, "demo", "1", e) != 0) {
        demo_data_abort(b);
        return -1;
    }
    b->open = false;
    return store_commit(b->sc, e); /* rolls back itself on failure */
}

void demo_data_abort(demo_data *b)
{
    if (b->open)
        store_rollback(b->sc);
    b->open = false;
}
