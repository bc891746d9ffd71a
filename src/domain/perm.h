/*
 * perm.h — who is calling, and may they do this.
 *
 * Every route resolves a caller_t (anonymous when no valid session) and
 * every read or write of an entity goes through perm_check(), which reads
 * the one permission table in schema/entities.c.  Nothing is decided in
 * the browser.
 */
#ifndef CJ_PERM_H
#define CJ_PERM_H

#include <stdbool.h>
#include <stdint.h>

#include "schema/entity.h"
#include "store/store.h"

typedef struct {
    int64_t user_id; /* 0 = anonymous */
    char username[72];
    char display_name[136];
    char role[24]; /* platform_admin, secretariat, org_admin, org_staff, student, authority */
    int64_t org_id;
    int64_t consortium_id; /* a secretariat's consortium */
    bool system;           /* the CLI and demo loader: full rights */
    char session[65];      /* hash of the session token it came with ("" if none) */
    char addr[64];         /* the client's address (http/server.c), kept in audit entries */
} caller_t;

bool caller_is_admin(const caller_t *c);
bool caller_signed_in(const caller_t *c);
caller_t caller_system(void);
caller_t caller_from_user(const store_user *u);
store_scope perm_scope(const caller_t *c);

/* Before judging a list's rows one by one: the memberships the checks
 * will ask about, recalled in one query (store_members_recall); true
 * when done, and the caller ends it with store_members_forget. */
bool perm_prefetch(store_conn *sc, const caller_t *c, const entity_def *d, json_t *rows);
/* 0 if `c` may do `act` on `row` of entity d (for create: the row about
 * to be created); else -1 with ERR_UNAUTHORIZED for anonymous callers and
 * ERR_FORBIDDEN otherwise. */
int perm_check(store_conn *sc, const caller_t *c, const entity_def *d, entity_action act,
               json_t *row, err_t *e);
/* Authorisation before validation: whether c could be allowed `act` on a
 * row of d of which only `known` is known (the owning fields a request
 * names, before its body is validated; an empty object before the body is
 * even read).  Each rule is judged on the fields it reads when `known`
 * gives them as ids, else on the caller's role alone; so a caller who may
 * not do this whatever the body holds is refused (401/403) before any
 * body error is reported.  perm_check still decides on the full row. */
int perm_check_known(store_conn *sc, const caller_t *c, const entity_def *d, entity_action act,
                     json_t *known, err_t *e);
/* Whether c is staff of a unit that a link of d allowed to edit
 * (entity_link.edits) ties to row: a facility's deciding co-owner. */
bool perm_linked_editor(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row);
/* Whether c may update row only as the user it is about (P_SELF), not as
 * an editor: then only F_SELF_EDIT fields may change. */
bool perm_self_only(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row);
/* Whether c may update row only as staff of its unit (P_ORG_ADMIN,
 * P_ORG_STAFF, P_ORG2_STAFF), not as its secretariat or an admin: then
 * F_REGISTRAR fields may not change. */
bool perm_unit_only(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row);
/* Remove F_PRIVATE fields from row unless c may update it. */
void perm_redact(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row);
/* Whether c may read the audit log of consortium_id (0 = all). */
bool perm_audit(const caller_t *c, int64_t consortium_id);
/* Whether c may read the register of consortium_id (public, member,
 * secretariat, admin). */
bool perm_read_consortium(store_conn *sc, const caller_t *c, int64_t consortium_id);
/* The one rule every read of a consortium's own figures goes through
 * (composition, council, stats, motion results, gap and reports,
 * outcomes, search): 0 when consortium_id exists and c may read it
 * (perm_read_consortium); else -1 with ERR_NOT_FOUND — the same answer
 * whether it is hidden or absent, as record_get() gives. */
int perm_consortium_readable(store_conn *sc, const caller_t *c, int64_t consortium_id, err_t *e);
/* Whether c is an authority (role "authority") whose unit oversees
 * consortium_id: a live authority_scopes row of its unit names it or
 * prefixes its region code (schema/entities_authority.c).  Such a caller
 * reads what a member unit's staff reads there, never personal data. */
bool perm_authority_over(store_conn *sc, const caller_t *c, int64_t consortium_id);
/* Whether c reads consortium_id as a member does: its unit is a current
 * member, or it is an authority over it (perm_authority_over).  The
 * secretariat and admins are asked separately. */
bool perm_member_reader(store_conn *sc, const caller_t *c, int64_t consortium_id);
/* Whether c may write to consortium_id's governance records. */
bool perm_secretariat_of(const caller_t *c, int64_t consortium_id);

#endif
