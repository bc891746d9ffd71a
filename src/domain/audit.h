/*
 * audit.h — reading the audit log: who may, and what each reader sees.
 *
 * Platform admins read the whole log or one consortium's; a secretariat
 * reads its own consortium's (perm_audit).  Every entry is shown as its
 * reader may see the record it is about (record_audit_view): a snapshot
 * the reader may not read becomes null.  Writing entries is record.h's
 * record_audit(), inside the transaction of the change it records.
 */
#ifndef CJ_AUDIT_H
#define CJ_AUDIT_H

#include "domain/perm.h"

/* Whose log c asks for: *consortium_id is the requested consortium (0:
 * none given), replaced by c's own unless c is a platform admin.  0, or
 * -1 with 401 (not signed in) or 403 (not c's to read). */
int audit_may_read(const caller_t *c, int64_t *consortium_id, err_t *e);
/* Whether value may filter the log by the text column `field`: a known
 * entity (or non-entity subject) for "entity", a known action for
 * "action" (record_audit_entity_known / _action_known). */
bool audit_filter_known(const char *field, const char *value);
/* A page of consortium_id's log (0: all, admins only), newest first, as
 * c may see it.  filters: entity, action (known names: record.h),
 * entity_id, user_id.  *items is owned by the caller. */
int audit_list(store_conn *sc, const caller_t *c, int64_t consortium_id, json_t *filters,
               int64_t page, int64_t per_page, json_t **items, int64_t *total, err_t *e);

#endif
