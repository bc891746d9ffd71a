/* search.c — see search.h.  The kinds are a table of store functions
 * (the technology platform's share one, which takes the reader). */
#include "domain/search.h"

#include <string.h>

typedef int (*search_fn)(store_conn *c, int64_t consortium_id, const char *q, int64_t page,
                         int64_t per_page, json_t **items, int64_t *total, err_t *e);

/* The technology platform's kinds (store_search_tech) take the reader:
 * what a need or capability shows depends on its visibility (perm.c's
 * rules, as the store's lists apply them). */
static const struct {
    const char *kind;
    search_fn search;
} kinds[] = {{"demand", store_search_demand},
             {"tech_needs", NULL},
             {"capabilities", NULL},
             {"core_products", NULL}};

#define NKINDS (sizeof kinds / sizeof *kinds)

static int kind_index(const char *kind)
{
    if (!kind || !*kind)
        return 0;
    for (size_t k = 0; k < NKINDS; k++)
        if (!strcmp(kinds[k].kind, kind))
            return (int)k;
    return -1;
}

bool search_kind_known(const char *kind)
{
    return kind_index(kind) >= 0;
}

char *search_kind_names(void)
{
    buf_t names = {0};
    buf_init(&names);
    for (size_t i = 0; i < NKINDS; i++)
        buf_printf(&names, "%s%s", i ? ", " : "", kinds[i].kind);
    return names.data;
}

int search_run(store_conn *sc, const caller_t *c, int64_t cid, const char *kind, const char *q,
               int64_t page, int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    int k = kind_index(kind);
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    if (k < 0)
        return err_set(e, ERR_BAD_REQUEST, "kind 无效 (unknown kind): %s", kind);
    if (kinds[k].search)
        return kinds[k].search(sc, cid, q, page, per_page, items, total, e);
    store_tech_reader rd = {0, 0};
    if (perm_secretariat_of(c, cid))
        rd.level = 2;
    else if (perm_member_reader(sc, c, cid))
        rd.level = 1;
    if (c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff")))
        rd.org_id = c->org_id;
    return store_search_tech(sc, kinds[k].kind, cid, &rd, q, page, per_page, items, total, e);
}
