/*
 * test_perm.c — the permission table (src/domain/perm.c) against what the
 * bits of every entity's perm[] mean (src/schema/entity.h).
 *
 * For every entity of entity_all, every action and every kind of caller
 * — anonymous, platform admin, the secretariat of the row's consortium
 * and of another, org_admin and org_staff of the row's unit, of the host
 * enterprise (a placement's second unit), of another member and of a unit
 * that is no member, the student a row is about and another student —
 * perm_check's answer on a row is compared with the answer the test works
 * out itself from the documented meaning of the bits and the facts of the
 * small world it seeded (which unit is a member of which consortium,
 * which consortium is public).  The expectation is written from the
 * documentation, not by calling perm.c's helpers: where the two part, the
 * failure names entity, action, caller and row.
 *
 * The rows are JSON objects holding the owning fields each rule reads
 * (consortium, unit, second unit, the user the row is about, the status a
 * public reader needs, the visibility a technology need or capability
 * narrows its readers by — public, members-only, secretariat-only); the facts those fields point at
 * are real rows of a temporary database: consortia, units, memberships, one student user with a
 * student record, and a live placement of that student at the host enterprise (the link through
 * which the host reads the student).
 *
 * Beside the decision itself: a refusal is 401 for anonymous callers and
 * 403 for the others; perm_check_known (authorisation before the body is
 * read) never refuses what perm_check allows — neither on the row's own
 * owning fields nor on an empty body; and perm_self_only / perm_unit_only
 * (who updates only as the row's subject, only as its unit's staff) say
 * what perm.h says they do.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/perm.h"
#include "fixture.h"

/* ---- the world ---------------------------------------------------------- */

/* Consortia: A public, P private (same members), B public with only N. */
enum { C_A, C_P, C_B, NCONS };
/* Units: a school, an enterprise and a government department that own
 * rows, the host enterprise (a placement's second unit), another member,
 * and N, a member of B only. */
enum { O_S, O_F, O_G, O_E, O_M, O_N, NORG };

static const char *const org_type[NORG] = {"higher_vocational", "enterprise", "government",
                                           "enterprise",        "enterprise", "enterprise"};
static const char *const org_tag[NORG] = {"school", "firm", "gov", "host", "other", "nonmember"};

typedef struct {
    fx_db db;
    int64_t cons[NCONS], org[NORG];
    int64_t student_user; /* the user the student record is about */
    int64_t student;      /* their student record, at S in A */
} world;

static bool is_public(const world *w, int64_t cid)
{
    return cid && (cid == w->cons[C_A] || cid == w->cons[C_B]);
}

static bool is_member(const world *w, int64_t cid, int64_t oid)
{
    if (!cid || !oid)
        return false;
    if (cid == w->cons[C_B])
        return oid == w->org[O_N];
    if (cid == w->cons[C_A] || cid == w->cons[C_P])
        return oid != w->org[O_N];
    return false;
}

/* The consortia a unit is a member of include c. */
static bool unit_in_any(const world *w, int64_t oid, int64_t c)
{
    return is_member(w, c, oid);
}

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    fx_open(&w->db, "perm");
    fx_catalog(&w->db);
    w->cons[C_A] = fx_consortium(&w->db, "公开联合体", true);
    w->cons[C_P] = fx_consortium(&w->db, "内部联合体", false);
    w->cons[C_B] = fx_consortium(&w->db, "另一联合体", true);
    static const char *const names[NORG] = {"测试学院", "测试企业",     "测试政府部门",
                                            "实习企业", "其他成员企业", "非成员企业"};
    for (int i = 0; i < NORG; i++) {
        w->org[i] = fx_org(&w->db, names[i], org_type[i]);
        if (i == O_N)
            fx_join(&w->db, w->cons[C_B], w->org[i]);
        else {
            fx_join(&w->db, w->cons[C_A], w->org[i]);
            fx_join(&w->db, w->cons[C_P], w->org[i]);
        }
    }
    w->student_user = fx_user(&w->db, "perm-student", "student", w->org[O_S], 0);
    w->student =
        fx_make_id(&w->db, "students",
                   "{\"consortium_id\":%lld,\"school_id\":%lld,\"student_no\":\"P1\","
                   "\"name\":\"学生甲\",\"major_code\":\"460702\",\"level\":\"higher\","
                   "\"cohort\":2023,\"user_id\":%lld}",
                   (long long)w->cons[C_A], (long long)w->org[O_S], (long long)w->student_user);
    fx_make_id(&w->db, "placements",
               "{\"consortium_id\":%lld,\"student_id\":%lld,\"enterprise_id\":%lld,"
               "\"status\":\"active\",\"year\":2025}",
               (long long)w->cons[C_A], (long long)w->student, (long long)w->org[O_E]);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    fx_close(&w->db);
    free(w);
    return 0;
}

/* ---- the callers -------------------------------------------------------- */

typedef struct {
    char label[40];
    caller_t c;
} who;

static size_t callers(const world *w, who *out)
{
    size_t n = 0;
    out[n++] = (who){"anonymous", fx_caller(NULL, 0, 0, 0)};
    out[n++] = (who){"platform_admin", fx_caller("platform_admin", 9001, 0, 0)};
    static const char *const cons_tag[NCONS] = {"A", "P", "B"};
    for (int i = 0; i < NCONS; i++) {
        out[n].c = fx_caller("secretariat", 9010 + i, 0, w->cons[i]);
        snprintf(out[n++].label, sizeof out->label, "secretariat of %s", cons_tag[i]);
    }
    for (int i = 0; i < NORG; i++) {
        out[n].c = fx_caller("org_admin", 9020 + i, w->org[i], 0);
        snprintf(out[n++].label, sizeof out->label, "org_admin of %s", org_tag[i]);
        out[n].c = fx_caller("org_staff", 9030 + i, w->org[i], 0);
        snprintf(out[n++].label, sizeof out->label, "org_staff of %s", org_tag[i]);
    }
    out[n++] = (who){"the student", fx_caller("student", w->student_user, w->org[O_S], 0)};
    out[n++] = (who){"another student", fx_caller("student", 9040, w->org[O_S], 0)};
    return n;
}

/* ---- the rows ----------------------------------------------------------- */

typedef struct {
    char label[64];
    int64_t cid, oid, oid2, uid; /* the row's consortium, units, subject user */
    bool published;              /* the public_when_field holds its value */
    json_t *row;
    /* The row's visibility (entity_def.visibility_field): NULL = public
     * (or none), "members", "secretariat". */
    const char *vis;
} scene;

/* The unit that owns rows of d: one of the kind its owning field asks. */
static int owner_of(const entity_def *d)
{
    const char *kind = d->org_field ? entity_unit_kind(entity_field(d, d->org_field)) : NULL;
    if (kind && !strcmp(kind, "enterprise"))
        return O_F;
    if (kind && !strcmp(kind, "government"))
        return O_G;
    return O_S;
}

static void put(json_t *row, const char *field, int64_t v)
{
    if (field && v)
        json_object_set_new(row, field, json_integer(v));
}

static void build_row(const world *w, const entity_def *d, scene *s)
{
    json_t *row = json_object();
    json_object_set_new(row, "id", json_integer(999999));
    put(row, d->consortium_field, s->cid);
    put(row, d->org_field, s->oid);
    put(row, d->org2_field, s->oid2);
    if (d->user_field) {
        /* A reference to a users row names the user; to a row about a
         * user (a placement's student), that row. */
        const field_def *f = entity_field(d, d->user_field);
        bool direct = !strcmp(f->ref, "users");
        put(row, d->user_field, direct ? w->student_user : w->student);
        s->uid = w->student_user;
    }
    if (d->public_when_field) {
        /* The first of the values shown to the public ("published" of
         * "published|in_progress|closed"). */
        size_t n = strcspn(d->public_when_value, "|");
        json_object_set_new(row, d->public_when_field,
                            s->published ? json_stringn(d->public_when_value, n)
                                         : json_string("draft"));
    }
    if (d->visibility_field)
        json_object_set_new(row, d->visibility_field, json_string(s->vis ? s->vis : "public"));
    if (d->linked_readers) /* the student whose placement the host has */
        json_object_set_new(row, "id", json_integer(w->student));
    s->row = row;
}

/* The rows to judge for d: in a public and in a private consortium, a
 * draft where only published rows are public, a row whose unit is no
 * member of its consortium, a shared row without a consortium; for
 * organisations, units of either consortium and of none; for consortia,
 * each consortium. */
static size_t scenes(const world *w, const entity_def *d, scene *out)
{
    size_t n = 0;
    int owner = owner_of(d);
    int64_t oid2 = d->org2_field ? w->org[O_E] : 0;
    if (d->consortium_field && !strcmp(d->consortium_field, "id")) {
        static const char *const tag[NCONS] = {"consortium A", "consortium P", "consortium B"};
        for (int i = 0; i < NCONS; i++)
            out[n++] = (scene){.cid = w->cons[i], .published = true};
        for (size_t i = 0; i < n; i++)
            snprintf(out[i].label, sizeof out[i].label, "%s", tag[i]);
    } else if (d->org_field && !strcmp(d->org_field, "id")) {
        for (int i = 0; i < NORG; i++) {
            out[n] = (scene){.oid = w->org[i], .published = true};
            snprintf(out[n++].label, sizeof out->label, "unit %s", org_tag[i]);
        }
    } else if (d->consortium_field) {
        out[n] = (scene){"in A", w->cons[C_A], d->org_field ? w->org[owner] : 0, oid2, 0, true};
        n++;
        out[n] = (scene){"in P", w->cons[C_P], d->org_field ? w->org[owner] : 0, oid2, 0, true};
        n++;
        if (d->public_when_field) {
            out[n] = (scene){"draft in A", w->cons[C_A], d->org_field ? w->org[owner] : 0, oid2, 0,
                             false};
            n++;
        }
        if (d->org_field) {
            out[n] = (scene){"in A, unit no member", w->cons[C_A], w->org[O_N], oid2, 0, true};
            n++;
        }
        if (d->visibility_field) {
            static const char *const vis[] = {"members", "secretariat"};
            for (int i = 0; i < 2; i++) {
                out[n] = (scene){"",   w->cons[C_A], d->org_field ? w->org[owner] : 0, oid2, 0,
                                 true, .vis = vis[i]};
                snprintf(out[n++].label, sizeof out->label, "%s-only in A", vis[i]);
            }
            if (d->public_when_field) {
                out[n] = (scene){"members-only draft in A",
                                 w->cons[C_A],
                                 d->org_field ? w->org[owner] : 0,
                                 oid2,
                                 0,
                                 false,
                                 .vis = "members"};
                n++;
            }
        }
        if (d->shared_when_null) {
            out[n] = (scene){"shared (no consortium)", 0, 0, 0, 0, true};
            n++;
        }
    } else {
        out[n] = (scene){"the row", 0, 0, 0, 0, true};
        n++;
    }
    for (size_t i = 0; i < n; i++)
        build_row(w, d, &out[i]);
    return n;
}

/* ---- what the bits say -------------------------------------------------- */

static bool role_is(const caller_t *c, const char *role)
{
    return !strcmp(c->role, role);
}

/* Whether one set of rule bits (entity.h) lets c do act on the row. */
static bool bits_allow(const world *w, const entity_def *d, unsigned bits, entity_action act,
                       const caller_t *c, const scene *s)
{
    bool signed_in = c->user_id != 0;
    bool unit_user = c->org_id && (role_is(c, "org_admin") || role_is(c, "org_staff"));
    bool secretariat = role_is(c, "secretariat") && c->consortium_id;
    /* The row's visibility narrows the bits (entity.h): on a "members"
     * row P_PUBLIC grants what P_MEMBERS grants — for published rows
     * only, where the entity publishes —, on a "secretariat" row neither
     * grants anything. */
    if (s->vis && !strcmp(s->vis, "members") && (bits & P_PUBLIC)) {
        bits &= ~(unsigned)P_PUBLIC;
        if (s->published || !d->public_when_field)
            bits |= P_MEMBERS;
    } else if (s->vis && !strcmp(s->vis, "secretariat"))
        bits &= ~(unsigned)(P_PUBLIC | P_MEMBERS);
    /* P_SIGNED_IN: any signed-in user. */
    if ((bits & P_SIGNED_IN) && signed_in)
        return true;
    /* P_SELF: the user the row is about. */
    if ((bits & P_SELF) && s->uid && c->user_id == s->uid)
        return true;
    /* shared_when_null: rows without a consortium are read by anyone,
     * written only by admins. */
    if (d->shared_when_null && !s->cid)
        return act == ACT_READ && (bits & P_PUBLIC);
    /* P_PUBLIC: anyone, if the row's consortium is public (and the row
     * published where only published rows are public).  perm.c's note:
     * members of a consortium that is not public still read its published
     * rows. */
    if ((bits & P_PUBLIC) && s->published &&
        (!d->consortium_field || is_public(w, s->cid) || is_member(w, s->cid, c->org_id)))
        return true;
    /* P_MEMBERS: users whose unit is a member of the row's consortium, and
     * its secretariat. */
    if ((bits & P_MEMBERS) && s->cid &&
        ((secretariat && c->consortium_id == s->cid) || is_member(w, s->cid, c->org_id)))
        return true;
    /* P_SECRETARIAT: of the row's consortium; for rows without one, of a
     * consortium the row's unit belongs to (and any secretariat registers
     * a new unit: entities.c's note on organisations). */
    if ((bits & P_SECRETARIAT) && secretariat) {
        if (d->consortium_field && s->cid == c->consortium_id)
            return true;
        if (!d->consortium_field && (act == ACT_CREATE || unit_in_any(w, s->oid, c->consortium_id)))
            return true;
    }
    /* P_ORG_ADMIN / P_ORG_STAFF / P_ORG2_STAFF: the unit's admin (or staff),
     * the unit being a member of the row's consortium (perm.c's note: a
     * unit that left cannot keep publishing). */
    bool unit_ok = !s->cid || is_member(w, s->cid, s->oid);
    if ((bits & P_ORG_ADMIN) && role_is(c, "org_admin") && s->oid && c->org_id == s->oid && unit_ok)
        return true;
    if ((bits & P_ORG_STAFF) && unit_user && s->oid && c->org_id == s->oid && unit_ok)
        return true;
    if ((bits & P_ORG2_STAFF) && unit_user && s->oid2 && c->org_id == s->oid2 &&
        (!s->cid || is_member(w, s->cid, s->oid2)))
        return true;
    /* P_ADMIN: platform admins only, who never get here. */
    return false;
}

/* The whole decision: admins may always; reading is also for whoever
 * may update the row (editors see their drafts) and, through d's links,
 * for the staff of the unit a live linked row names (the host enterprise
 * reads its intern's record). */
static bool expected(const world *w, const entity_def *d, entity_action act, const caller_t *c,
                     const scene *s)
{
    if (role_is(c, "platform_admin"))
        return true;
    if (bits_allow(w, d, d->perm[act], act, c, s))
        return true;
    if (act != ACT_READ)
        return false;
    if (bits_allow(w, d, d->perm[ACT_UPDATE], ACT_UPDATE, c, s))
        return true;
    bool unit_user = c->org_id && (role_is(c, "org_admin") || role_is(c, "org_staff"));
    return d->linked_readers && unit_user && c->org_id == w->org[O_E] &&
           json_integer_value(json_object_get(s->row, "id")) == w->student;
}

/* ---- the tests ---------------------------------------------------------- */

static const char *const act_name[ACT__COUNT] = {"read", "create", "update", "delete"};

static void test_table(void **state)
{
    world *w = *state;
    who who_list[32];
    size_t nwho = callers(w, who_list);
    size_t checked = 0, wrong = 0;
    for (const entity_def *const *dp = entity_all; *dp; dp++) {
        const entity_def *d = *dp;
        scene sc[12];
        size_t ns = scenes(w, d, sc);
        for (size_t si = 0; si < ns; si++) {
            for (int act = 0; act < ACT__COUNT; act++) {
                for (size_t ci = 0; ci < nwho; ci++) {
                    const caller_t *c = &who_list[ci].c;
                    err_t e = ERR_INIT;
                    int rc = perm_check(w->db.sc, c, d, (entity_action)act, sc[si].row, &e);
                    bool want = expected(w, d, (entity_action)act, c, &sc[si]);
                    checked++;
                    if ((rc == 0) != want) {
                        wrong++;
                        fprintf(stderr, "%s %s, %s, by %s: perm.c %s, the bits %s\n", act_name[act],
                                d->name, sc[si].label, who_list[ci].label,
                                rc == 0 ? "allows" : "refuses", want ? "allow" : "refuse");
                    }
                    /* A refusal: 401 before signing in, 403 after. */
                    if (rc != 0)
                        assert_int_equal(e.code, c->user_id ? ERR_FORBIDDEN : ERR_UNAUTHORIZED);
                    err_clear(&e);
                }
            }
        }
        for (size_t si = 0; si < ns; si++)
            json_decref(sc[si].row);
    }
    fprintf(stderr, "%zu decisions checked\n", checked);
    assert_true(checked > 4000);
    assert_int_equal(wrong, 0);
}

/* Authorisation before validation never refuses a caller perm_check
 * would let through: not on the row's owning fields, and — for the rows
 * a valid body can name (units of the kind the row asks, members) — not
 * on a body not yet read. */
static void test_known_never_stricter(void **state)
{
    world *w = *state;
    who who_list[32];
    size_t nwho = callers(w, who_list);
    size_t wrong = 0;
    json_t *empty = json_object();
    for (const entity_def *const *dp = entity_all; *dp; dp++) {
        const entity_def *d = *dp;
        scene sc[12];
        size_t ns = scenes(w, d, sc);
        for (size_t si = 0; si < ns; si++) {
            bool member_row = !sc[si].cid || !sc[si].oid || is_member(w, sc[si].cid, sc[si].oid);
            for (int act = 0; act < ACT__COUNT; act++) {
                for (size_t ci = 0; ci < nwho; ci++) {
                    const caller_t *c = &who_list[ci].c;
                    err_t e = ERR_INIT;
                    if (perm_check(w->db.sc, c, d, (entity_action)act, sc[si].row, &e) != 0) {
                        err_clear(&e);
                        continue;
                    }
                    if (perm_check_known(w->db.sc, c, d, (entity_action)act, sc[si].row, &e) != 0) {
                        wrong++;
                        fprintf(stderr, "%s %s, %s, by %s: refused on the owning fields\n",
                                act_name[act], d->name, sc[si].label, who_list[ci].label);
                    }
                    err_clear(&e);
                    if (member_row &&
                        perm_check_known(w->db.sc, c, d, (entity_action)act, empty, &e) != 0) {
                        wrong++;
                        fprintf(stderr, "%s %s, %s, by %s: refused before the body\n",
                                act_name[act], d->name, sc[si].label, who_list[ci].label);
                    }
                    err_clear(&e);
                }
            }
        }
        for (size_t si = 0; si < ns; si++)
            json_decref(sc[si].row);
    }
    json_decref(empty);
    assert_int_equal(wrong, 0);
}

/* Who updates a row only as the user it is about (then only F_SELF_EDIT
 * fields change) and who only as staff of its unit (then no F_REGISTRAR
 * field changes), as perm.h documents them. */
static void test_self_and_unit_only(void **state)
{
    world *w = *state;
    who who_list[32];
    size_t nwho = callers(w, who_list);
    static const char *const names[] = {"students", "placements", "organizations",
                                        "work_plan_items", "demand"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const entity_def *d = entity_find(names[i]);
        scene sc[12];
        size_t ns = scenes(w, d, sc);
        json_t *row = sc[0].row; /* in A, or the school itself */
        unsigned upd = d->perm[ACT_UPDATE], unit = P_ORG_ADMIN | P_ORG_STAFF | P_ORG2_STAFF;
        for (size_t ci = 0; ci < nwho; ci++) {
            const caller_t *c = &who_list[ci].c;
            bool admin = role_is(c, "platform_admin");
            bool self = !admin && (upd & P_SELF) &&
                        !bits_allow(w, d, upd & ~(unsigned)P_SELF, ACT_UPDATE, c, &sc[0]) &&
                        bits_allow(w, d, P_SELF, ACT_UPDATE, c, &sc[0]);
            bool unit_only =
                !admin && (upd & unit) &&
                !bits_allow(w, d, upd & ~(unit | (unsigned)P_SELF), ACT_UPDATE, c, &sc[0]) &&
                bits_allow(w, d, upd & unit, ACT_UPDATE, c, &sc[0]);
            if (perm_self_only(w->db.sc, c, d, row) != self ||
                perm_unit_only(w->db.sc, c, d, row) != unit_only)
                fprintf(stderr, "%s by %s: self-only %d/%d, unit-only %d/%d (perm.c/bits)\n",
                        d->name, who_list[ci].label, perm_self_only(w->db.sc, c, d, row), self,
                        perm_unit_only(w->db.sc, c, d, row), unit_only);
            assert_int_equal(perm_self_only(w->db.sc, c, d, row), self);
            assert_int_equal(perm_unit_only(w->db.sc, c, d, row), unit_only);
        }
        for (size_t si = 0; si < ns; si++)
            json_decref(sc[si].row);
    }
    /* The cases the rules are for. */
    caller_t stu = fx_caller("student", w->student_user, w->org[O_S], 0);
    caller_t school = fx_caller("org_staff", 1, w->org[O_S], 0);
    caller_t host = fx_caller("org_staff", 1, w->org[O_E], 0);
    caller_t sec = fx_caller("secretariat", 1, 0, w->cons[C_A]);
    caller_t unit_admin = fx_caller("org_admin", 1, w->org[O_S], 0);
    json_t *student = json_pack("{s:I,s:I,s:I,s:I}", "id", (json_int_t)w->student, "consortium_id",
                                (json_int_t)w->cons[C_A], "school_id", (json_int_t)w->org[O_S],
                                "user_id", (json_int_t)w->student_user);
    assert_true(perm_self_only(w->db.sc, &stu, entity_find("students"), student));
    assert_false(perm_self_only(w->db.sc, &school, entity_find("students"), student));
    assert_true(perm_unit_only(w->db.sc, &school, entity_find("students"), student));
    json_t *unit = json_pack("{s:I}", "id", (json_int_t)w->org[O_S]);
    assert_true(perm_unit_only(w->db.sc, &unit_admin, entity_find("organizations"), unit));
    assert_false(perm_unit_only(w->db.sc, &sec, entity_find("organizations"), unit));
    json_t *placement = json_pack("{s:I,s:I,s:I,s:I}", "consortium_id", (json_int_t)w->cons[C_A],
                                  "school_id", (json_int_t)w->org[O_S], "enterprise_id",
                                  (json_int_t)w->org[O_E], "student_id", (json_int_t)w->student);
    assert_true(perm_unit_only(w->db.sc, &host, entity_find("placements"), placement));
    assert_false(perm_self_only(w->db.sc, &stu, entity_find("placements"), placement));
    json_decref(student);
    json_decref(unit);
    json_decref(placement);
}

/* The world is what the expectation assumes it is. */
static void test_world(void **state)
{
    world *w = *state;
    caller_t anon = fx_caller(NULL, 0, 0, 0);
    assert_true(perm_read_consortium(w->db.sc, &anon, w->cons[C_A]));
    assert_false(perm_read_consortium(w->db.sc, &anon, w->cons[C_P]));
    caller_t m = fx_caller("org_staff", 1, w->org[O_M], 0);
    assert_true(perm_read_consortium(w->db.sc, &m, w->cons[C_P]));
    caller_t n = fx_caller("org_staff", 1, w->org[O_N], 0);
    assert_false(perm_read_consortium(w->db.sc, &n, w->cons[C_P]));
    /* Every entity has at least one scene and a perm for every action. */
    for (const entity_def *const *dp = entity_all; *dp; dp++)
        for (int act = 0; act < ACT__COUNT; act++)
            assert_int_not_equal((*dp)->perm[act], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_world),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_known_never_stricter),
        cmocka_unit_test(test_self_and_unit_only),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
