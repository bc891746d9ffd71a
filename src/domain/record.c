/*
 * record.c — the rules every write of a register row passes through (see
 * record.h).  Order matters.  Authorisation comes first: before the
 * input is validated, ask whether the caller could write a row owned as
 * the input says (perm_check_known on the ids it names; on an update, the
 * stored row's owners and whether the caller is only the user the row is
 * about, who changes only F_SELF_EDIT fields) — so a caller who may not
 * write hears 401/403 whatever the body holds, never a list of its
 * mistakes.  Then validate the input alone, merge it with the stored row,
 * inherit the consortium from a parent row, check references, membership
 * and the kind of unit (a school's fields name schools, an enterprise's
 * enterprises), run the entity's cross-field check, resolve vocabulary
 * values against the row's consortium's option lists (domain/options.c),
 * apply the rules of the entities that have more (status steps in order
 * and by the right party: domain/tech.c), and ask again whether the caller may write the row as it
 * would become — so nobody can move a row into a consortium or organisation they do not control.
 *
 * Revisions: an update or delete may name the revision its caller read
 * (If-Match).  The stored row is read inside the write transaction, so
 * the comparison and the write cannot be split by another writer; it is
 * made once the caller is known to be allowed (a stranger learns nothing
 * of the row's revision) and before the body is validated (a stale form
 * hears "reload" before any complaint about fields it cannot see fresh).
 */
#include "domain/record.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "domain/auth.h"
#include "domain/files.h"
#include "domain/options.h"
#include "domain/tech.h"
#include "domain/training.h"
#include "domain/facility.h"
#include "domain/profile.h"
#include "domain/framework.h"

static int64_t ival(json_t *row, const char *k)
{
    return k ? (int64_t)json_integer_value(json_object_get(row, k)) : 0;
}

int record_audit(store_conn *sc, const caller_t *c, const char *action, const char *entity,
                 int64_t entity_id, int64_t consortium_id, json_t *before, json_t *after, err_t *e)
{
    store_audit_entry a = {c->user_id,    c->username, action, entity, entity_id,
                           consortium_id, before,      after,  c->addr};
    return store_audit_add(sc, &a, e);
}

/* Every action written to the audit log; the filter refuses others. */
static const char *const audit_actions[] = {"create",  "update",  "delete",
                                            "login",   "logout",  "import",
                                            "publish", "open",    "close-applications",
                                            "close",   "run",     "list",
                                            "ranking", "erase",   "purge",
                                            "refused", "compute", "submit",
                                            "reopen",  NULL};

/* The review of assessments (domain/authority.c): its actions and subject. */
static const char *const audit_review[] = {"comment", "return", NULL};

/* Audit subjects that are not register entities. */
static const char *const audit_subjects[] = {"demand_reports", "published_lists", "assessments",
                                             NULL};

static bool listed(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (!strcmp(*list, s))
            return true;
    return false;
}

bool record_audit_entity_known(const char *entity)
{
    return entity && (entity_find(entity) || listed(audit_subjects, entity) ||
                      !strcmp(entity, "assessments"));
}

bool record_audit_action_known(const char *action)
{
    return listed(audit_actions, action) || listed(audit_review, action);
}

/* Row snapshots are the actions that store a whole row. */
static bool audit_snapshot(const char *action)
{
    return action && (!strcmp(action, "create") || !strcmp(action, "update") ||
                      !strcmp(action, "delete") || !strcmp(action, "erase"));
}

void record_audit_view(store_conn *sc, const caller_t *c, json_t *entry)
{
    const char *action = json_string_value(json_object_get(entry, "action"));
    const char *ent = json_string_value(json_object_get(entry, "entity"));
    const entity_def *d = ent ? entity_find(ent) : NULL;
    const entity_def *students = entity_find("students");
    static const char *const sides[] = {"before", "after"};
    bool hidden = false;
    for (int i = 0; i < 2; i++) {
        json_t *v = json_object_get(entry, sides[i]);
        if (!json_is_object(v) || caller_is_admin(c))
            continue;
        if (d && audit_snapshot(action)) {
            /* The reader sees of the snapshot what a read of that row
             * would show them: nothing, or the row redacted. */
            if (perm_check(sc, c, d, ACT_READ, v, NULL) != 0) {
                json_object_set_new(entry, sides[i], json_null());
                hidden = true;
            } else
                perm_redact(sc, c, d, v);
            continue;
        }
        /* A summary may name a student (a round's list): kept only for a
         * reader of that student's record. */
        json_t *sid = json_object_get(v, "student_id"), *row = NULL;
        err_t e = ERR_INIT;
        if (json_is_integer(sid)) {
            if (record_get(sc, c, students, json_integer_value(sid), &row, &e) != 0)
                json_object_del(v, "student_id");
            err_clear(&e);
            json_decref(row);
        }
    }
    json_object_set_new(entry, "hidden", json_boolean(hidden));
}

/* Whether user id may be the user_field of row: a student account of the
 * row's organisation. */
static bool user_fits(store_conn *sc, const entity_def *d, json_t *row, int64_t user_id)
{
    store_user u;
    err_t e = ERR_INIT;
    if (store_user_by_id(sc, user_id, &u, &e) != 0) {
        err_clear(&e);
        return false;
    }
    return !strcmp(u.role, "student") && d->org_field && u.org_id == ival(row, d->org_field);
}

/* Fields shared with referenced rows (entity_agree): copied when the row
 * leaves them out, else they must be equal.  A reference that does not
 * resolve is left to the reference check.  The message does not repeat
 * the referenced row's value: the caller may not be allowed to read it. */
static int check_agree(store_conn *sc, const entity_def *d, json_t *row, err_t *e)
{
    int rc = 0;
    for (const entity_agree *a = d->agree; a && a->ref_field; a++) {
        json_t *id = json_object_get(row, a->ref_field), *ref = NULL;
        const field_def *rf = entity_field(d, a->ref_field);
        const entity_def *rd = rf && rf->ref ? entity_find(rf->ref) : NULL;
        err_t re = ERR_INIT;
        if (!json_is_integer(id) || !rd ||
            store_entity_get(sc, rd, json_integer_value(id), &ref, &re) != 0) {
            err_clear(&re);
            continue;
        }
        json_t *theirs = json_object_get(ref, a->field), *ours = json_object_get(row, a->field);
        if (!ours || json_is_null(ours)) {
            if (theirs && !json_is_null(theirs))
                json_object_set(row, a->field, theirs);
        } else if (!json_equal(ours, theirs)) {
            const field_def *f = entity_field(d, a->field);
            err_field(e, a->field, "应与%s的%s一致 (must be the same as the %s's)", rf->zh,
                      f ? f->zh : a->field, rf->name);
            rc = -1;
        }
        json_decref(ref);
    }
    return rc;
}

/* References exist, parent gives the consortium, shared fields agree with
 * the rows they come from, member-only fields name members, then the
 * entity's own cross-field check. */
static int check_row(store_conn *sc, const entity_def *d, json_t *row, err_t *e)
{
    if (d->parent_field) {
        const field_def *pf = entity_field(d, d->parent_field);
        int64_t pid = ival(row, d->parent_field);
        json_t *parent = NULL;
        err_t pe = ERR_INIT;
        if (store_entity_get(sc, entity_find(pf->ref), pid, &parent, &pe) != 0) {
            err_clear(&pe);
            err_field(e, d->parent_field, "所引用的记录不存在 (no such record)");
            return err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        }
        json_object_set(row, "consortium_id", json_object_get(parent, "consortium_id"));
        json_decref(parent);
    }
    bool bad = check_agree(sc, d, row, e) != 0;
    int64_t cid = ival(row, d->consortium_field);
    for (const field_def *f = d->fields; f->name; f++) {
        json_t *v = json_object_get(row, f->name);
        if (!v || json_is_null(v) || f->type == FT_ID)
            continue;
        /* The parent was checked above. */
        if (f->type == FT_REF && !(d->parent_field && !strcmp(f->name, d->parent_field))) {
            if (!store_entity_exists(sc, f->ref, json_integer_value(v))) {
                err_field(e, f->name, "所引用的记录不存在 (no such %s)", f->ref);
                bad = true;
            } else if ((f->flags & F_MEMBER) && cid &&
                       !store_is_member(sc, cid, json_integer_value(v))) {
                err_field(e, f->name, "该单位不是本联合体成员 (not a member of this consortium)");
                bad = true;
            } else if (entity_unit_types(f) &&
                       !store_org_type_in(sc, json_integer_value(v), entity_unit_types(f))) {
                /* A unit acts only as its kind, whoever files the row. */
                err_field(e, f->name, "%s", entity_unit_error(f));
                bad = true;
            } else if (d->user_field && !strcmp(f->name, d->user_field) && entity_find(f->ref) &&
                       entity_find(f->ref)->accounts &&
                       !user_fits(sc, d, row, json_integer_value(v))) {
                /* The account a personal record is linked to sees it (P_SELF):
                 * it must be a student account of the record's own unit. */
                err_field(e, f->name,
                          "应为本单位的学生账号 (must be a student account of the same "
                          "organisation)");
                bad = true;
            }
        }
        /* A catalogue code (occupation, major, region) must be in the
         * loaded catalogue. */
        if (f->type == FT_TEXT && f->ref && json_is_string(v) && !strcmp(f->ref, "regions") &&
            !store_catalog_has(sc, f->ref, json_string_value(v))) {
            err_field(e, f->name,
                      "行政区划代码“%.40s”不存在 (no such region code in GB/T 2260; pick the "
                      "place by name)",
                      json_string_value(v));
            bad = true;
        } else if (f->type == FT_TEXT && f->ref && json_is_string(v) &&
                   !store_catalog_has(sc, f->ref, json_string_value(v))) {
            err_field(e, f->name,
                      "代码“%.40s”不在已载入的%s中 (not a code of the loaded catalogue)",
                      json_string_value(v), !strcmp(f->ref, "majors") ? "专业目录" : "职业分类");
            bad = true;
        }
        if (f->type == FT_IDLIST) {
            size_t i;
            json_t *x;
            json_array_foreach (v, i, x)
                if (!store_entity_exists(sc, f->ref, json_integer_value(x))) {
                    err_field(e, f->name, "第 %zu 项所引用的记录不存在 (entry %zu: no such %s)",
                              i + 1, i + 1, f->ref);
                    bad = true;
                    break;
                }
        }
    }
    if (d->validate)
        d->validate(d, row, e);
    if (bad || e->details)
        return err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)");
    return 0;
}

/* What the input says about who owns the row, before it is validated:
 * the consortium, owning organisations and user it names as ids, the
 * consortium of the parent it names, and what the rows it shares fields
 * with (entity_agree) give.  Read by perm_check_known, so a caller who may
 * not write such a row hears 403 before any complaint about the body. */
static json_t *known_owners(store_conn *sc, const entity_def *d, json_t *in, json_t *base)
{
    json_t *k = base ? json_deep_copy(base) : json_object();
    if (!json_is_object(in))
        return k;
    const char *names[] = {d->consortium_field, d->org_field, d->org2_field, d->user_field,
                           d->parent_field};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        json_t *v = names[i] ? json_object_get(in, names[i]) : NULL;
        const field_def *f = names[i] ? entity_field(d, names[i]) : NULL;
        /* A patch does not change an immutable owner (validation says so). */
        if (base && f && (f->flags & F_IMMUTABLE))
            continue;
        if (json_is_integer(v) && json_integer_value(v) > 0)
            json_object_set(k, names[i], v);
    }
    for (const entity_agree *a = d->agree; a && a->ref_field; a++) {
        json_t *v = json_object_get(in, a->ref_field);
        if (json_is_integer(v) && json_integer_value(v) > 0)
            json_object_set(k, a->ref_field, v);
    }
    if (d->parent_field && !base && json_is_integer(json_object_get(k, d->parent_field))) {
        const field_def *pf = entity_field(d, d->parent_field);
        json_t *parent = NULL;
        err_t pe = ERR_INIT;
        if (store_entity_get(sc, entity_find(pf->ref), ival(k, d->parent_field), &parent, &pe) == 0)
            json_object_set(k, "consortium_id", json_object_get(parent, "consortium_id"));
        err_clear(&pe);
        json_decref(parent);
    }
    err_t ae = ERR_INIT; /* disagreements are the validation's to report */
    check_agree(sc, d, k, &ae);
    err_clear(&ae);
    return k;
}

/* Which fields the caller may change depends on why it may update the
 * row: a caller who is only the user the row is about changes only the
 * F_SELF_EDIT fields (issue 14: students rewrote their school's record of
 * them); a unit's own staff do not change F_REGISTRAR fields (its type).
 * 403 naming each such field. */
static int field_rights(store_conn *sc, const caller_t *c, const entity_def *d, json_t *row,
                        json_t *patch, err_t *e)
{
    bool self = perm_self_only(sc, c, d, row), unit = !self && perm_unit_only(sc, c, d, row);
    if (!self && !unit)
        return 0;
    const char *key;
    json_t *v;
    json_object_foreach (patch, key, v) {
        const field_def *f = entity_field(d, key);
        if (self && (!f || !(f->flags & F_SELF_EDIT)))
            err_field(e, key, "本人不能修改此项 (not yours to change)");
        else if (unit && f && (f->flags & F_REGISTRAR) && !json_equal(v, json_object_get(row, key)))
            err_field(e, key, "只能由秘书处修改 (only the secretariat changes this)");
    }
    if (!e->details)
        return 0;
    return err_set(e, ERR_FORBIDDEN,
                   self ? "本人只能修改联系方式、技能特长和是否同意 (you may change only your own "
                          "details: contact, skills, consent)"
                        : "无权修改标出的字段 (you may not change the fields named)");
}

int record_may_create(store_conn *sc, const caller_t *c, const entity_def *d, err_t *e)
{
    json_t *none = json_object();
    int rc = perm_check_known(sc, c, d, ACT_CREATE, none, e);
    json_decref(none);
    return rc;
}

int record_may_update(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                      entity_action act, err_t *e)
{
    json_t *row = NULL;
    if (store_entity_get(sc, d, id, &row, e) != 0)
        return -1;
    int rc = perm_check(sc, c, d, act, row, e);
    if (rc != 0 && e->code == ERR_FORBIDDEN && perm_check(sc, c, d, ACT_READ, row, NULL) != 0)
        err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", d->zh, (long long)id);
    json_decref(row);
    return rc;
}

/* The field of d that is a sign-in password (F_PASSWORD), or NULL. */
static const field_def *password_field(const entity_def *d)
{
    for (const field_def *f = d->fields; f->name; f++)
        if (f->flags & F_PASSWORD)
            return f;
    return NULL;
}

/* Take the password (F_PASSWORD) out of `clean`: it is hashed and kept
 * apart from the row. */
static char *take_password(const entity_def *d, json_t *clean)
{
    const field_def *f = password_field(d);
    json_t *pw = f ? json_object_get(clean, f->name) : NULL;
    if (!json_is_string(pw))
        return NULL;
    char *s = xstrdup(json_string_value(pw));
    json_object_del(clean, f->name);
    return s;
}

static int begin_if_needed(store_conn *sc, bool *own, err_t *e)
{
    *own = !store_in_tx(sc);
    return *own ? store_begin(sc, e) : 0;
}

static int finish(store_conn *sc, bool own, int rc, err_t *e)
{
    if (!own)
        return rc;
    if (rc != 0) {
        store_rollback(sc);
        return rc;
    }
    return store_commit(sc, e);
}

/* When the input failed validation, what its vocabulary values would
 * answer too (options_resolve on the values accepted so far, merged with
 * the stored row on an update), so one answer names every bad field. */
static void vocab_errors(store_conn *sc, const entity_def *d, json_t *before, json_t *clean,
                         err_t *e)
{
    json_t *row = before ? json_deep_copy(before) : json_incref(clean);
    if (before)
        json_object_update(row, clean);
    int code = e->code;
    char msg[sizeof e->message];
    snprintf(msg, sizeof msg, "%s", e->message);
    options_resolve(sc, d, row, NULL, before, e);
    e->code = code;
    snprintf(e->message, sizeof e->message, "%s", msg);
    json_decref(row);
}

/* in: the input, or (valid) a row entity_validate already accepted. */
static int create_row(store_conn *sc, const caller_t *c, const entity_def *d, json_t *in,
                      bool valid, bool audit, int64_t *id, json_t **row, err_t *e)
{
    json_t *clean = valid ? json_incref(in) : json_object();
    json_t *known = known_owners(sc, d, in, NULL);
    char *password = NULL;
    bool own = false;
    int rc = -1;
    int krc = perm_check_known(sc, c, d, ACT_CREATE, known, e);
    json_decref(known);
    if (krc != 0)
        goto out;
    if (!valid && entity_validate(d, in, true, clean, e) != 0) {
        vocab_errors(sc, d, NULL, clean, e);
        goto out;
    }
    password = take_password(d, clean);
    if (begin_if_needed(sc, &own, e) != 0)
        goto out;
    if (check_row(sc, d, clean, e) != 0 || options_resolve(sc, d, clean, NULL, NULL, e) != 0 ||
        tech_rules(sc, c, d, NULL, clean, NULL, e) != 0 ||
        training_rules(sc, c, d, NULL, clean, NULL, e) != 0 ||
        facility_rules(sc, c, d, NULL, clean, NULL, e) != 0 ||
        profile_rules(sc, c, d, NULL, clean, NULL, e) != 0 ||
        framework_rules(sc, c, d, NULL, clean, NULL, e) != 0 ||
        perm_check(sc, c, d, ACT_CREATE, clean, e) != 0 ||
        files_check_row(sc, c, d, NULL, clean, e) != 0 ||
        store_entity_insert(sc, d, clean, id, e) != 0 || files_refs_keep(sc, d, *id, clean, e) != 0)
        goto done;
    if (password) {
        char hash[128];
        if (auth_hash_password(password, hash, e) != 0 ||
            store_user_set_password(sc, *id, hash, e) != 0)
            goto done;
    }
    json_t *created = NULL;
    if (row || audit) {
        if (store_entity_get(sc, d, *id, &created, e) != 0)
            goto done;
        int64_t cid = ival(created, d->consortium_field);
        if (audit && record_audit(sc, c, "create", d->name, *id, cid, NULL, created, e) != 0) {
            json_decref(created);
            goto done;
        }
    }
    if (row)
        *row = created;
    else
        json_decref(created);
    rc = 0;
done:
    rc = finish(sc, own, rc, e);
out:
    if (password) {
        memset(password, 0, strlen(password));
        free(password);
    }
    json_decref(clean);
    return rc;
}

int record_create(store_conn *sc, const caller_t *c, const entity_def *d, json_t *in, json_t **row,
                  err_t *e)
{
    int64_t id;
    return create_row(sc, c, d, in, false, true, &id, row, e);
}

int record_create_quiet(store_conn *sc, const caller_t *c, const entity_def *d, json_t *in,
                        int64_t *id, err_t *e)
{
    return create_row(sc, c, d, in, false, false, id, NULL, e);
}

int record_create_valid(store_conn *sc, const caller_t *c, const entity_def *d, json_t *clean,
                        int64_t *id, err_t *e)
{
    return create_row(sc, c, d, clean, true, false, id, NULL, e);
}

int record_get(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id, json_t **row,
               err_t *e)
{
    json_t *r = NULL;
    if (store_entity_get(sc, d, id, &r, e) != 0)
        return -1;
    if (perm_check(sc, c, d, ACT_READ, r, e) != 0) {
        json_decref(r);
        /* Do not reveal that a hidden row exists, to anyone: lists leave
         * it out for anonymous callers too, so a 401 here would tell
         * which ids are drafts or members-only. */
        if (e->code == ERR_FORBIDDEN || e->code == ERR_UNAUTHORIZED)
            return err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", d->zh, (long long)id);
        return -1;
    }
    perm_redact(sc, c, d, r);
    *row = r;
    return 0;
}

int record_list(store_conn *sc, const caller_t *c, const entity_def *d, const store_query *q,
                json_t **items, int64_t *total, err_t *e)
{
    unsigned rd = d->perm[ACT_READ];
    if (!caller_is_admin(c) && rd == P_ADMIN)
        return err_set(e, caller_signed_in(c) ? ERR_FORBIDDEN : ERR_UNAUTHORIZED,
                       caller_signed_in(c) ? "无权查看 (you may not see this list)"
                                           : "请先登录 (sign in first)");
    store_scope scope = perm_scope(c);
    if (store_entity_list(sc, d, q, &scope, items, total, e) != 0)
        return -1;
    size_t i;
    json_t *row;
    bool known = perm_prefetch(sc, c, d, *items);
    json_array_foreach (*items, i, row)
        perm_redact(sc, c, d, row);
    if (known)
        store_members_forget(sc);
    return 0;
}

void record_etag(const entity_def *d, json_t *row, char *out, size_t n)
{
    bool partial = false;
    for (const field_def *f = d->fields; f->name; f++)
        if ((f->flags & F_PRIVATE) && !json_object_get(row, f->name))
            partial = true;
    snprintf(out, n, "\"%lld%s\"", (long long)ival(row, "revision"), partial ? "-partial" : "");
}

/* The next entity tag of a list at *p, or "*": its opaque part (quotes
 * included) in [*tag, *tag + *len), *weak if it had W/.  0 at the end of
 * the list, 1 with a tag, -1 if what is there is not one. */
static int next_tag(const char **p, const char **tag, size_t *len, bool *weak)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == ',')
        s++;
    if (!*s)
        return 0;
    *weak = false;
    if (*s == '*') {
        *tag = s++;
        *len = 1;
    } else {
        if (s[0] == 'W' && s[1] == '/') {
            *weak = true;
            s += 2;
        }
        if (*s != '"')
            return -1;
        const char *end = strchr(s + 1, '"');
        if (!end)
            return -1;
        *tag = s;
        *len = (size_t)(end - s) + 1;
        s = end + 1;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s && *s != ',')
        return -1;
    *p = s;
    return 1;
}

int record_etag_matches(const char *header, const char *etag, bool weak)
{
    const char *p = header, *tag;
    size_t len;
    bool w, found = false;
    int rc, n = 0;
    while ((rc = next_tag(&p, &tag, &len, &w)) == 1) {
        n++;
        if (len == 1 && *tag == '*')
            found = true;
        else if ((weak || !w) && len == strlen(etag) && !memcmp(tag, etag, len))
            found = true;
    }
    if (rc < 0 || n == 0)
        return -1;
    return found;
}

/* The precondition of an update or delete: 0 when if_match is NULL or
 * names the tag of `stored` as c reads it; else -1 with 412 (or 400). */
static int check_revision(store_conn *sc, const caller_t *c, const entity_def *d, json_t *stored,
                          const char *if_match, err_t *e)
{
    if (!if_match)
        return 0;
    json_t *seen = json_deep_copy(stored);
    char etag[48];
    perm_redact(sc, c, d, seen);
    record_etag(d, seen, etag, sizeof etag);
    json_decref(seen);
    int m = record_etag_matches(if_match, etag, false);
    if (m > 0)
        return 0;
    if (m < 0)
        return err_set(e, ERR_BAD_REQUEST,
                       "If-Match 应为 * 或带引号的版本标记，如 \"3\" (If-Match must be * or "
                       "quoted entity tags such as \"3\")");
    err_field(e, "revision", "%lld", (long long)ival(stored, "revision"));
    err_field(e, "etag", "%s", etag);
    return err_set(e, ERR_PRECONDITION,
                   "该记录已被他人修改，请刷新后再试 (The record was changed by someone else; "
                   "reload and try again)");
}

int record_update(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id, json_t *patch,
                  json_t **row, err_t *e)
{
    return record_update_if(sc, c, d, id, patch, NULL, row, e);
}

int record_update_if(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                     json_t *patch, const char *if_match, json_t **row, err_t *e)
{
    json_t *before = NULL, *clean = json_object(), *merged = NULL, *after = NULL;
    char *password = NULL;
    bool own = false;
    int rc = -1;
    if (begin_if_needed(sc, &own, e) != 0)
        goto out;
    if (store_entity_get(sc, d, id, &before, e) != 0)
        goto done;
    if (perm_check(sc, c, d, ACT_UPDATE, before, e) != 0) {
        if (e->code == ERR_FORBIDDEN && perm_check(sc, c, d, ACT_READ, before, NULL) != 0)
            err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", d->zh, (long long)id);
        goto done;
    }
    /* Who it would belong to after the patch, before the patch is
     * validated; and what a student may change of their own record. */
    json_t *known = known_owners(sc, d, patch, before);
    int krc = perm_check_known(sc, c, d, ACT_UPDATE, known, e);
    json_decref(known);
    if (krc != 0 || (json_is_object(patch) && field_rights(sc, c, d, before, patch, e) != 0) ||
        training_may_update(c, d, before, e) != 0 ||
        check_revision(sc, c, d, before, if_match, e) != 0)
        goto done;
    if (entity_validate(d, patch, false, clean, e) != 0) {
        vocab_errors(sc, d, before, clean, e);
        goto done;
    }
    password = take_password(d, clean);
    merged = json_deep_copy(before);
    json_object_update(merged, clean);
    if (check_row(sc, d, merged, e) != 0 || options_resolve(sc, d, merged, clean, before, e) != 0 ||
        tech_rules(sc, c, d, before, merged, clean, e) != 0 ||
        training_rules(sc, c, d, before, merged, clean, e) != 0 ||
        facility_rules(sc, c, d, before, merged, clean, e) != 0 ||
        profile_rules(sc, c, d, before, merged, clean, e) != 0 ||
        framework_rules(sc, c, d, before, merged, clean, e) != 0 ||
        perm_check(sc, c, d, ACT_UPDATE, merged, e) != 0 ||
        files_check_row(sc, c, d, before, merged, e) != 0)
        goto done;
    if (json_object_size(clean) && (store_entity_update(sc, d, id, clean, e) != 0 ||
                                    files_refs_keep(sc, d, id, clean, e) != 0))
        goto done;
    if (password) {
        char hash[128];
        /* A new password signs the user out everywhere else: whoever
         * held an old session (a stolen token, a shared computer) loses it. */
        if (auth_hash_password(password, hash, e) != 0 ||
            store_user_set_password(sc, id, hash, e) != 0 ||
            auth_password_changed(sc, c, id, e) != 0)
            goto done;
    }
    if (store_entity_get(sc, d, id, &after, e) != 0)
        goto done;
    int64_t cid = ival(after, d->consortium_field);
    json_t *after_audit = json_deep_copy(after);
    if (password)
        json_object_set_new(after_audit, password_field(d)->name, json_string("(changed)"));
    int arc = record_audit(sc, c, "update", d->name, id, cid, before, after_audit, e);
    json_decref(after_audit);
    if (arc != 0)
        goto done;
    rc = 0;
done:
    rc = finish(sc, own, rc, e);
out:
    if (rc == 0 && row) {
        perm_redact(sc, c, d, after);
        *row = after;
        after = NULL;
    }
    if (password) {
        memset(password, 0, strlen(password));
        free(password);
    }
    json_decref(before);
    json_decref(clean);
    json_decref(merged);
    json_decref(after);
    return rc;
}

int record_delete(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id, err_t *e)
{
    return record_delete_if(sc, c, d, id, NULL, e);
}

int record_delete_if(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                     const char *if_match, err_t *e)
{
    json_t *before = NULL;
    bool own = false;
    int rc = -1;
    if (begin_if_needed(sc, &own, e) != 0)
        return -1;
    if (store_entity_get(sc, d, id, &before, e) != 0)
        goto done;
    if (perm_check(sc, c, d, ACT_DELETE, before, e) != 0) {
        if (e->code == ERR_FORBIDDEN && perm_check(sc, c, d, ACT_READ, before, NULL) != 0)
            err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", d->zh, (long long)id);
        goto done;
    }
    if (check_revision(sc, c, d, before, if_match, e) != 0)
        goto done;
    if (d->accounts && c->user_id == id) {
        err_set(e, ERR_CONFLICT, "不能删除自己的账号 (you cannot delete your own account)");
        goto done;
    }
    if (tech_may_delete(sc, c, d, before, e) != 0)
        goto done;
    if (store_entity_delete(sc, d, id, e) != 0 || files_refs_keep(sc, d, id, NULL, e) != 0)
        goto done;
    int64_t cid = ival(before, d->consortium_field);
    if (record_audit(sc, c, "delete", d->name, id, cid, before, NULL, e) != 0)
        goto done;
    rc = 0;
done:
    json_decref(before);
    return finish(sc, own, rc, e);
}
