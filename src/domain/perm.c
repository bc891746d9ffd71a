/*
 * perm.c — the permission check, read from the table in entities.c.
 *
 * A row belongs to a consortium (its consortium_field) and/or an owning
 * organisation (its org_field).  Each permission bit is a rule about the
 * caller's relation to those: secretariat of the row's consortium, admin
 * or staff of the row's organisation (which must itself be a member of
 * the row's consortium, so a unit that left cannot keep publishing), and
 * so on.  Platform admins and the system caller pass every check.
 *
 * perm_check_known asks the same rules before a body is validated, on
 * the owners it names; a rule whose field is not named yet is judged on
 * the caller's role and the kind of its unit (an enterprise's staff never
 * own a row whose owner must be a school), so authorisation can always
 * come first.
 */
#include "domain/perm.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "store/store_authority.h"

bool caller_is_admin(const caller_t *c)
{
    return c->system || strcmp(c->role, "platform_admin") == 0;
}

bool caller_signed_in(const caller_t *c)
{
    return c->system || c->user_id != 0;
}

caller_t caller_system(void)
{
    caller_t c = {0};
    c.system = true;
    snprintf(c.username, sizeof c.username, "system");
    snprintf(c.role, sizeof c.role, "platform_admin");
    return c;
}

caller_t caller_from_user(const store_user *u)
{
    caller_t c = {0};
    c.user_id = u->id;
    snprintf(c.username, sizeof c.username, "%s", u->username);
    snprintf(c.display_name, sizeof c.display_name, "%s", u->display_name);
    snprintf(c.role, sizeof c.role, "%s", u->role);
    c.org_id = u->org_id;
    c.consortium_id = u->consortium_id;
    return c;
}

store_scope perm_scope(const caller_t *c)
{
    store_scope s = {caller_is_admin(c), 0, 0};
    if (strcmp(c->role, "secretariat") == 0)
        s.consortium_id = c->consortium_id;
    s.org_id = c->org_id;
    s.user_id = c->user_id;
    if (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff"))
        s.editor_org_id = c->org_id;
    if (!strcmp(c->role, "authority"))
        s.overseer_org = c->org_id;
    return s;
}

bool perm_secretariat_of(const caller_t *c, int64_t consortium_id)
{
    return caller_is_admin(c) || (strcmp(c->role, "secretariat") == 0 && consortium_id &&
                                  c->consortium_id == consortium_id);
}

static int64_t int_field(json_t *row, const char *name)
{
    return name ? (int64_t)json_integer_value(json_object_get(row, name)) : 0;
}

bool perm_authority_over(store_conn *sc, const caller_t *c, int64_t cid)
{
    return !strcmp(c->role, "authority") && c->org_id && cid > 0 &&
           store_authority_over(sc, c->org_id, cid);
}

bool perm_read_consortium(store_conn *sc, const caller_t *c, int64_t cid)
{
    if (caller_is_admin(c) || store_consortium_public(sc, cid) || perm_secretariat_of(c, cid))
        return true;
    return (c->org_id && store_is_member(sc, cid, c->org_id)) || perm_authority_over(sc, c, cid);
}

bool perm_member_reader(store_conn *sc, const caller_t *c, int64_t cid)
{
    return (c->org_id && store_is_member(sc, cid, c->org_id)) || perm_authority_over(sc, c, cid);
}

int perm_consortium_readable(store_conn *sc, const caller_t *c, int64_t cid, err_t *e)
{
    if (cid > 0 && store_entity_exists(sc, "consortia", cid) && perm_read_consortium(sc, c, cid))
        return 0;
    return err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", entity_find("consortia")->zh,
                   (long long)cid);
}

/* The user a row is about: its user_field, or — when that field refers
 * to a row with a user_field of its own (a placement's student) — that
 * row's user.  0 if none. */
static int64_t row_user(store_conn *sc, const entity_def *d, json_t *row)
{
    const field_def *f = d->user_field ? entity_field(d, d->user_field) : NULL;
    int64_t id = int_field(row, d->user_field);
    if (!f || !id || f->type != FT_REF)
        return id;
    const entity_def *rd = entity_find(f->ref);
    if (rd && rd->accounts) /* the field names the account itself */
        return id;
    json_t *ref = NULL;
    err_t e = ERR_INIT;
    if (!rd || !rd->user_field || store_entity_get(sc, rd, id, &ref, &e) != 0) {
        err_clear(&e);
        return 0;
    }
    int64_t uid = int_field(ref, rd->user_field);
    json_decref(ref);
    return uid;
}

/* Whether the caller's unit reaches the row through one of d's links (the
 * host enterprise of a live placement of this student). */
/* Whether c's unit is linked to row by one of d's links (with edits:
 * one that lets it edit). */
static bool linked_unit(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row,
                        bool edits)
{
    for (const entity_link *l = d->linked_readers; l && l->entity; l++) {
        int64_t id = int_field(row, l->row_field ? l->row_field : "id");
        if ((!edits || l->edits) && id && store_entity_linked(sc, l, id, c->org_id))
            return true;
    }
    return false;
}

static bool linked_reader(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row)
{
    return linked_unit(sc, c, d, row, false);
}

static bool linked_editors(const entity_def *d)
{
    for (const entity_link *l = d->linked_readers; l && l->entity; l++)
        if (l->edits)
            return true;
    return false;
}

bool perm_linked_editor(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row)
{
    return c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff")) &&
           linked_unit(sc, c, d, row, true);
}

/* Whether value is among the '|'-separated values of list. */
static bool value_in(const char *value, const char *list)
{
    size_t n = value ? strlen(value) : 0;
    for (const char *p = list; p && value;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !strncmp(p, value, n))
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* The rule bits left once the row's visibility (entity_def
 * .visibility_field, entity.h) has narrowed them: a "members" row turns
 * P_PUBLIC into P_MEMBERS, a "secretariat" row drops both. */
static unsigned visible_rules(const entity_def *d, unsigned rules, json_t *row)
{
    const char *v =
        d->visibility_field ? json_string_value(json_object_get(row, d->visibility_field)) : NULL;
    if (!v || !strcmp(v, "public"))
        return rules;
    if (!strcmp(v, "members"))
        return (rules & P_PUBLIC) ? ((rules & ~(unsigned)P_PUBLIC) | P_MEMBERS) : rules;
    return rules & ~(unsigned)(P_PUBLIC | P_MEMBERS);
}

static bool rule_allows(store_conn *sc, const caller_t *c, const entity_def *d, unsigned rules,
                        entity_action act, json_t *row)
{
    unsigned narrowed = visible_rules(d, rules, row);
    /* A "members" row's P_PUBLIC reads as P_MEMBERS but keeps its
     * publication rule: a draft is not for the members either. */
    if ((narrowed & P_MEMBERS) && !(rules & P_MEMBERS) && d->public_when_field &&
        !value_in(json_string_value(json_object_get(row, d->public_when_field)),
                  d->public_when_value))
        narrowed &= ~(unsigned)P_MEMBERS;
    rules = narrowed;
    int64_t cid = int_field(row, d->consortium_field);
    int64_t oid = int_field(row, d->org_field);
    int64_t oid2 = int_field(row, d->org2_field);
    bool is_org_user =
        c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff"));
    /* An authority reads what a member unit's staff reads in a consortium
     * it oversees — never personal data (rows_private) — and writes
     * nothing there but what P_AUTHORITY grants. */
    bool overseer = act == ACT_READ && !d->rows_private && cid && perm_authority_over(sc, c, cid);

    if ((rules & P_SIGNED_IN) && caller_signed_in(c))
        return true;
    if ((rules & P_SELF) && d->user_field && c->user_id && row_user(sc, d, row) == c->user_id)
        return true;
    /* Shared rows (no consortium): everyone reads them; writing them is
     * left to platform admins (who never reach this function). */
    if (d->shared_when_null && !cid)
        return act == ACT_READ && (rules & P_PUBLIC);
    if (rules & P_PUBLIC) {
        bool published = !d->public_when_field ||
                         value_in(json_string_value(json_object_get(row, d->public_when_field)),
                                  d->public_when_value);
        if (published && (!d->consortium_field || store_consortium_public(sc, cid)))
            return true;
        /* Not public: members of the consortium still read it (drafts
         * only by the editors below). */
        if (published && c->org_id && cid && store_is_member(sc, cid, c->org_id))
            return true;
        if (published && overseer)
            return true;
    }
    if ((rules & P_MEMBERS) && cid &&
        (perm_secretariat_of(c, cid) || (c->org_id && store_is_member(sc, cid, c->org_id)) ||
         overseer))
        return true;
    /* The authority's own rows (a policy grant in its unit's name); an
     * owner not named yet (a body not validated) is judged on the row. */
    if ((rules & P_AUTHORITY) && cid && perm_authority_over(sc, c, cid) &&
        (!d->org_field || !oid || oid == c->org_id))
        return true;
    if ((rules & P_SECRETARIAT) && !strcmp(c->role, "secretariat") && c->consortium_id) {
        if (d->consortium_field && cid == c->consortium_id)
            return true;
        /* Rows without a consortium (organisations): a secretariat may
         * register new units and edit units of its consortium. */
        if (!d->consortium_field &&
            (act == ACT_CREATE || (oid && store_is_member(sc, c->consortium_id, oid))))
            return true;
    }
    if ((rules & (P_ORG_ADMIN | P_ORG_STAFF)) && is_org_user && oid && oid == c->org_id &&
        ((rules & P_ORG_STAFF) || !strcmp(c->role, "org_admin")) &&
        (!cid || store_is_member(sc, cid, oid)))
        return true;
    if ((rules & P_ORG2_STAFF) && is_org_user && oid2 && oid2 == c->org_id &&
        (!cid || store_is_member(sc, cid, oid2)))
        return true;
    return false;
}

int perm_check(store_conn *sc, const caller_t *c, const entity_def *d, entity_action act,
               json_t *row, err_t *e)
{
    if (caller_is_admin(c))
        return 0;
    unsigned rules = d->perm[act];
    /* Reading is also allowed to whoever may update the row (editors see
     * their own drafts). */
    if (act == ACT_READ && rule_allows(sc, c, d, d->perm[ACT_UPDATE], ACT_UPDATE, row))
        return 0;
    if (rule_allows(sc, c, d, rules, act, row))
        return 0;
    if (act == ACT_UPDATE && linked_editors(d) && perm_linked_editor(sc, c, d, row))
        return 0;
    if (act == ACT_READ && d->linked_readers && c->org_id &&
        (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff")) &&
        linked_reader(sc, c, d, row))
        return 0;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    return err_set(e, ERR_FORBIDDEN, "无权执行此操作 (you may not do this)");
}

static bool known_id(json_t *known, const char *field)
{
    json_t *v = field ? json_object_get(known, field) : NULL;
    return json_is_integer(v) && json_integer_value(v) > 0;
}

/* Whether the caller's unit is of the kind an owning field flagged
 * F_UNIT_KIND asks for (an enterprise's staff never own students). */
static bool unit_fits(store_conn *sc, const caller_t *c, const entity_def *d, const char *field)
{
    const field_def *f = field ? entity_field(d, field) : NULL;
    const char *types = entity_unit_types(f);
    return !types || store_org_type_in(sc, c->org_id, types);
}

/* Whether the caller's role (and the kind of its unit) alone could
 * satisfy one rule bit. */
static bool role_may(store_conn *sc, const caller_t *c, const entity_def *d, unsigned bit)
{
    bool org_user = c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff"));
    switch (bit) {
    case P_PUBLIC:
        return true;
    case P_SIGNED_IN:
        return caller_signed_in(c);
    case P_MEMBERS:
        return c->org_id || (!strcmp(c->role, "secretariat") && c->consortium_id);
    case P_SECRETARIAT:
        return !strcmp(c->role, "secretariat") && c->consortium_id;
    case P_ORG_ADMIN:
        return org_user && !strcmp(c->role, "org_admin") && unit_fits(sc, c, d, d->org_field);
    case P_ORG_STAFF:
        return org_user && unit_fits(sc, c, d, d->org_field);
    case P_ORG2_STAFF:
        return org_user && unit_fits(sc, c, d, d->org2_field);
    case P_SELF:
        return c->user_id != 0;
    case P_AUTHORITY:
        return !strcmp(c->role, "authority") && c->org_id;
    default:
        return false; /* P_ADMIN: admins never get here */
    }
}

int perm_check_known(store_conn *sc, const caller_t *c, const entity_def *d, entity_action act,
                     json_t *known, err_t *e)
{
    if (caller_is_admin(c))
        return 0;
    unsigned rules = d->perm[act];
    if (act == ACT_READ)
        rules |= d->perm[ACT_UPDATE];
    for (unsigned bit = 1; bit && bit <= rules; bit <<= 1) {
        if (!(rules & bit))
            continue;
        /* The field the rule reads; NULL = none (judged on the row). */
        const char *needs = NULL;
        switch (bit) {
        case P_PUBLIC:
        case P_MEMBERS:
            needs = d->consortium_field;
            break;
        case P_SECRETARIAT:
            needs = d->consortium_field ? d->consortium_field
                                        : (act == ACT_CREATE ? NULL : d->org_field);
            break;
        case P_ORG_ADMIN:
        case P_ORG_STAFF:
            needs = d->org_field;
            break;
        case P_ORG2_STAFF:
            needs = d->org2_field;
            break;
        case P_SELF:
            needs = d->user_field;
            break;
        case P_AUTHORITY:
            needs = d->consortium_field;
            break;
        }
        if (needs && !known_id(known, needs) ? role_may(sc, c, d, bit)
                                             : rule_allows(sc, c, d, bit, act, known))
            return 0;
    }
    if ((act == ACT_READ || (act == ACT_UPDATE && linked_editors(d))) && d->linked_readers &&
        c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff")))
        return 0;
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    return err_set(e, ERR_FORBIDDEN, "无权执行此操作 (you may not do this)");
}

bool perm_self_only(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row)
{
    unsigned rules = d->perm[ACT_UPDATE];
    return !caller_is_admin(c) && (rules & P_SELF) &&
           !rule_allows(sc, c, d, rules & ~(unsigned)P_SELF, ACT_UPDATE, row) &&
           rule_allows(sc, c, d, P_SELF, ACT_UPDATE, row);
}

bool perm_unit_only(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row)
{
    unsigned rules = d->perm[ACT_UPDATE], unit = P_ORG_ADMIN | P_ORG_STAFF | P_ORG2_STAFF;
    return !caller_is_admin(c) && (rules & unit) &&
           !rule_allows(sc, c, d, rules & ~(unit | (unsigned)P_SELF), ACT_UPDATE, row) &&
           rule_allows(sc, c, d, rules & unit, ACT_UPDATE, row);
}

/* Whether the row names a student through a private reference (a
 * certificate of a student): it is then that student's personal data. */
static bool names_student(const entity_def *d, json_t *row)
{
    for (const field_def *f = d->fields; f->name; f++) {
        if (f->type != FT_REF || !(f->flags & F_PRIVATE) || !f->ref || strcmp(f->ref, "students"))
            continue;
        json_t *v = json_object_get(row, f->name);
        if (v && !json_is_null(v))
            return true;
    }
    return false;
}

/* Add id to the array of distinct ids a, if it is one. */
static void id_add(json_t *a, int64_t id)
{
    if (id <= 0)
        return;
    size_t i;
    json_t *v;
    json_array_foreach (a, i, v)
        if (json_integer_value(v) == id)
            return;
    json_array_append_new(a, json_integer(id));
}

bool perm_prefetch(store_conn *sc, const caller_t *c, const entity_def *d, json_t *rows)
{
    /* The memberships rule_allows asks about: the caller's unit and each
     * row's units, in the caller's consortium and each row's. */
    if (caller_is_admin(c) || !caller_signed_in(c) || json_array_size(rows) < 2)
        return false;
    json_t *cids = json_array(), *oids = json_array();
    id_add(cids, c->consortium_id);
    id_add(oids, c->org_id);
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        id_add(cids, int_field(row, d->consortium_field));
        id_add(oids, int_field(row, d->org_field));
        id_add(oids, int_field(row, d->org2_field));
    }
    err_t e = ERR_INIT;
    bool ok = json_array_size(cids) && json_array_size(oids) &&
              store_members_recall(sc, cids, oids, &e) == 0;
    err_clear(&e); /* without it, each look-up asks on its own, as before */
    json_decref(cids);
    json_decref(oids);
    return ok;
}

void perm_redact(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row)
{
    bool any = false;
    for (const field_def *f = d->fields; f->name; f++)
        any |= (f->flags & F_PRIVATE) != 0;
    /* Private fields are the editors' and, where the row is about a
     * user, that user's own (a student sees their placement's
     * evaluation).  A student's personal data is seen only by the student,
     * the school and the enterprises concerned (SPEC.md, Trust): the
     * secretariat's right to keep a register does not reach it. */
    unsigned editors = d->perm[ACT_UPDATE];
    if (names_student(d, row))
        editors &= ~(unsigned)P_SECRETARIAT;
    if (!any || caller_is_admin(c) ||
        (caller_signed_in(c) && editors && rule_allows(sc, c, d, editors, ACT_UPDATE, row)) ||
        (caller_signed_in(c) && (d->perm[ACT_READ] & P_SELF) &&
         rule_allows(sc, c, d, P_SELF, ACT_READ, row)))
        return;
    for (const field_def *f = d->fields; f->name; f++)
        if (f->flags & F_PRIVATE)
            json_object_del(row, f->name);
}

bool perm_audit(const caller_t *c, int64_t consortium_id)
{
    if (caller_is_admin(c))
        return true;
    return !strcmp(c->role, "secretariat") && consortium_id && consortium_id == c->consortium_id;
}
