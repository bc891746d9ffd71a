/* audit.c — see audit.h.  The permission is asked again in audit_list,
 * so no caller can reach the entries without it. */
#include "domain/audit.h"

#include <jansson.h>
#include <string.h>

#include "domain/record.h"

int audit_may_read(const caller_t *c, int64_t *cid, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (!*cid && !caller_is_admin(c))
        *cid = c->consortium_id;
    if (!perm_audit(c, *cid))
        return err_set(e, ERR_FORBIDDEN, "无权查看审计日志 (you may not read this audit log)");
    return 0;
}

bool audit_filter_known(const char *field, const char *value)
{
    if (!strcmp(field, "entity"))
        return record_audit_entity_known(value);
    if (!strcmp(field, "action"))
        return record_audit_action_known(value);
    return false;
}

int audit_list(store_conn *sc, const caller_t *c, int64_t cid, json_t *filters, int64_t page,
               int64_t per_page, json_t **items, int64_t *total, err_t *e)
{
    if (!perm_audit(c, cid))
        return err_set(e, caller_signed_in(c) ? ERR_FORBIDDEN : ERR_UNAUTHORIZED,
                       "无权查看审计日志 (you may not read this audit log)");
    if (store_audit_list(sc, cid, filters, page, per_page, items, total, e) != 0)
        return -1;
    /* Each reader sees of an entry what the entity's own reads show them. */
    size_t i;
    json_t *item;
    json_array_foreach (*items, i, item)
        record_audit_view(sc, c, item);
    return 0;
}
