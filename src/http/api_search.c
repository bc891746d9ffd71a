/*
 * api_search.c — GET /api/v1/search?q=…&consortium=ID[&kind=demand]
 * [&page=&per_page=]: Chinese full-text search of a consortium's
 * published texts, answered as {"items":[{"kind","id","title","snippet"}],
 * "total":N,"page":P,"per_page":K}.
 *
 * Kinds: demand (the default), tech_needs, capabilities, core_products (the
 * technology platform, each found only by who may read it); the kinds
 * and who may find what are domain/search.c's.  The consortium must exist
 * and be readable by the caller (public, or the caller is a member, its
 * secretariat, an admin: perm_consortium_readable); otherwise 404, the
 * same answer whether it is hidden or absent, and given before q, kind
 * and paging are looked at (authorisation first).  The matching rules
 * are those of the store's demand search (store.h).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/search.h"
#include "http/http.h"

#define Q_MAX_BYTES 200

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
    if (perm_consortium_readable(r->sc, &r->caller, cid, &e) != 0) {
        err_clear(&e);
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
    if (kind && *kind && !search_kind_known(kind)) {
        char *names = search_kind_names();
        err_field(&e, "kind", "可选 (one of): %s", names);
        err_set(&e, ERR_BAD_REQUEST, "kind 无效，可选 (kind must be one of): %s", names);
        free(names);
        http_error(r, &e);
        return;
    }
    if (http_paging(r, &page, &per_page) != 0)
        return;
    json_t *items = NULL;
    int64_t total = 0;
    if (search_run(r->sc, &r->caller, cid, kind, q, page, per_page, &items, &total, &e) != 0) {
        http_error(r, &e);
        return;
    }
    http_page(r, items, total, page, per_page);
}
