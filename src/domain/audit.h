/*
 * audit.h — the logs: the audit (operation) log and the login log, who
 * may read them and what each reader sees; and the refused writes.
 *
 * Platform admins read the whole audit log or one consortium's; a
 * secretariat reads its own consortium's (perm_audit).  Every entry is
 * shown as its reader may see the record it is about (record_audit_view):
 * a snapshot the reader may not read becomes null.  An entry's client
 * address is personal data: a platform admin sees every entry's, anyone
 * else only the address of their own entries.  Writing entries is
 * record.h's record_audit(), inside the transaction of the change it
 * records; a write refused for permission is noted by audit_refused().
 *
 * The login log (登录日志) is read by a platform admin whole, by an
 * organisation admin for the users of their organisation, and by everyone
 * else signed in for themselves alone (its rows are written by
 * domain/auth.c).  Times are kept in UTC; log_sheet_rows() writes them in
 * China Standard Time with the zone for a spreadsheet, and the codes in
 * words.
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

/* At most this many refused entries per account per minute: a signed-in
 * caller who keeps being refused cannot make the log grow without bound. */
#define AUDIT_REFUSED_PER_MINUTE 20
/* Note that c was refused (403) `attempt` (create, update, delete) on
 * entity d's row id (0 for a create): an audit entry with action
 * "refused", {"attempt": attempt} as its after, c's address, in its own
 * write (the refused write changed nothing).  The request body is never
 * kept.  Anonymous callers are not logged (they are answered 401 before
 * any rule is asked, and could flood the log); nor is a caller past
 * AUDIT_REFUSED_PER_MINUTE.  The entry belongs to the row's consortium
 * (a create: the caller's), so that consortium's secretariat sees it.
 * Best effort: a failure to write it does not change the answer. */
void audit_refused(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                   const char *attempt);

/* 0 if c may read the login log at all (signed in), else -1 with 401. */
int login_log_may_read(const caller_t *c, err_t *e);
/* The login log's filters: user_id (0: any), ok (-1: any), from / to —
 * a date "YYYY-MM-DD" (a day in China Standard Time; `to` takes the whole
 * day) or a UTC time "YYYY-MM-DDTHH:MM:SSZ"; NULL: open.  -1 with
 * ERR_BAD_REQUEST for a date or time in another form. */
typedef struct {
    int64_t user_id;
    int ok;
    const char *from, *to;
} login_log_filter;
/* A page of the login log as c may read it, newest first; *items owned by
 * the caller (store_login_log_list's rows). */
int login_log_list(store_conn *sc, const caller_t *c, const login_log_filter *f, int64_t page,
                   int64_t per_page, json_t **items, int64_t *total, err_t *e);
/* The rows of a log (d: entity_audit_log or entity_login_log) as a
 * spreadsheet shows them: every FT_TIME field in China Standard Time with
 * the zone (time_cst); action, event, ok and reason in words (Chinese, or
 * English when en).  items changed in place. */
void log_sheet_rows(const entity_def *d, json_t *items, bool en);

#endif
