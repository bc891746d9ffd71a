/*
 * api_search.c — GET /api/v1/search?q=…&consortium=ID[&kind=demand]
 * [&page=&per_page=]: Chinese full-text search of a consortium's
 * published texts, answered as {"items":[{"kind","id","title","snippet"}],
 * "total":N,"page":P,"per_page":K}.
 *
 * Only demand is searchable so far (kind=demand, the default); a kind is
 * one more entry in search_kinds and one more store function.  Which
 * rows a caller may find is decided by what is indexed — published, live
 * rows only, the same rows the public reads — and by the consortium:
 * it must exist and be readable by the caller (public, or the caller is a
 * member, its secretariat, an admin); otherwise 404, the same answer
 * whether it is hidden or absent, and given before q, kind and paging are
 * looked at (authorisation first).  The matching rules are store.h's
 * store_search_demand.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

#define Q_MAX_BYTES 200

typedef int (*search_fn)(store_conn *c, int64_t consortium_id, const char *q, int64_t page,
                         int64_t per_page, json_t **items, int64_t *total, err_t *e);

static const struct {
    const char *kind;
    search_fn search;
} search_kinds[] = {{"demand", store_search_demand}};

#define NKINDS (sizeof search_kinds / sizeof *search_kinds)

static void bad_param(http_req *r, const char *name, const char *why)
{
    err_t e = ERR_INIT;
    err_field(&e, name, "%s", why);
    err_set(&e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): %s", name);
    http_error(r, &e);
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\v' && *s != '\f') {
            if (!strncmp(s, "\u3000", 3)) { /* ideographic space */
                s += 2;
                continue;
            }
            return false;
        }
    return true;
}

void api_search(http_req *r)
{
    err_t e = ERR_INIT;
    const char *q = http_query(r, "q"), *cs = http_query(r, "consortium");
    const char *kind = http_query(r, "kind");
    int64_t page, per_page, cid = 0;

    if (cs) {
        char *end;
        long long v = strtoll(cs, &end, 10);
        cid = (*cs >= '0' && *cs <= '9' && !*end && v > 0) ? (int64_t)v : 0;
    }
    if (cid <= 0) {
        bad_param(r, "consortium", "必填，应为联合体编号（正整数） (required: a consortium id)");
        return;
    }
    /* Whether the caller may read the consortium comes before the other
     * parameters (authorisation first). */
    if (!store_entity_exists(r->sc, "consortia", cid) ||
        !perm_read_consortium(r->sc, &r->caller, cid)) {
        http_fail(r, ERR_NOT_FOUND, "没有这个联合体 (no such consortium): %lld", (long long)cid);
        return;
    }
    if (!q || blank(q)) {
        bad_param(r, "q", "必填，不能为空 (required, not blank)");
        return;
    }
    json_t *valid = json_string(q); /* NULL: not valid UTF-8 */
    if (!valid) {
        bad_param(r, "q", "应为 UTF-8 文本 (must be UTF-8 text)");
        return;
    }
    json_decref(valid);
    if (strlen(q) > Q_MAX_BYTES) {
        bad_param(r, "q", "最多 200 字节 (at most 200 bytes)");
        return;
    }
    size_t k = 0;
    if (kind && *kind) {
        while (k < NKINDS && strcmp(search_kinds[k].kind, kind) != 0)
            k++;
        if (k == NKINDS) {
            buf_t names = {0};
            buf_init(&names);
            for (size_t i = 0; i < NKINDS; i++)
                buf_printf(&names, "%s%s", i ? ", " : "", search_kinds[i].kind);
            err_field(&e, "kind", "可选 (one of): %s", names.data);
            err_set(&e, ERR_BAD_REQUEST, "kind 无效，可选 (kind must be one of): %s", names.data);
            buf_free(&names);
            http_error(r, &e);
            return;
        }
    }
    if (http_paging(r, &page, &per_page) != 0)
        return;
    json_t *items = NULL;
    int64_t total = 0;
    if (search_kinds[k].search(r->sc, cid, q, page, per_page, &items, &total, &e) != 0) {
        http_error(r, &e);
        return;
    }
    http_json(r, 200,
              json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total, "page",
                        (json_int_t)page, "per_page", (json_int_t)per_page));
}
