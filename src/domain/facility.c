/*
 * facility.c — the rules of co-built facilities and their bookings (see
 * facility.h).
 *
 * No overbooking.  Approving a booking reads the approved and done
 * bookings of the facility that overlap it and sweeps their starts and
 * ends in time order (an end before a start at the same instant: the
 * intervals are half-open) for the peak of stations in use within the
 * window; the booking fits when the peak plus its own stations is within
 * the facility's.  The read and the write are in one BEGIN IMMEDIATE
 * transaction (record.c, store_sqlite.c): SQLite lets one writer in at a
 * time, so of two approvals racing on two server threads the second reads
 * what the first wrote and is refused when they would together overbook
 * (tests/api/test_facilities.py fires them at once).
 *
 * Steps are a table, as in tech.c: from, to, and who may take the step.
 * A step not in the table is 409 naming the steps open; a step the caller
 * may not take is 403 naming who may.
 */
#include "domain/facility.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/record.h"
#include "domain/workflow.h"
#include "schema/entities_resources.h"
#include "store/store_facility.h"

enum { WHO_OWNER = 1, WHO_SECRETARIAT = 2, WHO_BOOKER = 4 };

typedef wf_step step;

static const step booking_steps[] = {{"requested", "approved", WHO_OWNER | WHO_SECRETARIAT},
                                     {"requested", "rejected", WHO_OWNER | WHO_SECRETARIAT},
                                     {"approved", "rejected", WHO_OWNER | WHO_SECRETARIAT},
                                     {"approved", "done", WHO_OWNER | WHO_BOOKER},
                                     {NULL, NULL, 0}};

static const char *sval(json_t *row, const char *k)
{
    return json_string_value(json_object_get(row, k));
}

static int64_t ival(json_t *row, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(row, k));
}

static bool unit_staff(const caller_t *c, int64_t org_id)
{
    return org_id && c->org_id == org_id &&
           (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff"));
}

/* The facility's side: staff of its owning unit, or of a co-owner whose
 * role decides (FACILITY_DECIDING_ROLES: lead, co-builder, operator —
 * the link on facility_bookings in schema/entities_resources.c, which
 * also lets them read and list the bookings); a co-owner that only uses
 * the facility does not. */
static unsigned parties(store_conn *sc, const caller_t *c, json_t *row)
{
    unsigned who = 0;
    if (perm_secretariat_of(c, ival(row, "consortium_id")))
        who |= WHO_SECRETARIAT;
    if (unit_staff(c, ival(row, "owner_id")) ||
        perm_linked_editor(sc, c, entity_find("facility_bookings"), row))
        who |= WHO_OWNER;
    if (unit_staff(c, ival(row, "organization_id")))
        who |= WHO_BOOKER;
    return who;
}

static const char *who_words(unsigned who)
{
    if (who == (WHO_OWNER | WHO_BOOKER))
        return "资源所属单位、牵头/共建/运营单位或预约单位 (the facility's unit, a lead, "
               "co-building or operating co-owner, or the booking unit)";
    return "资源所属单位、牵头/共建/运营单位或秘书处 (the facility's unit, a lead, co-building "
           "or operating co-owner, or the secretariat)";
}

static void set_field(json_t *row, json_t *patch, const char *k, json_t *v)
{
    if (patch)
        json_object_set(patch, k, v);
    json_object_set_new(row, k, v);
}

static int check_step(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                      json_t *row, err_t *e)
{
    return workflow_check(d, booking_steps, before, row, parties(sc, c, before), caller_is_admin(c),
                          who_words, e);
}

/* The facility's unit, when it is not also the booking unit or the
 * secretariat, decides and records: it changes the status, the
 * person-times and the note, nothing else. */
static int owner_fields_only(store_conn *sc, const caller_t *c, json_t *before, json_t *patch,
                             err_t *e)
{
    unsigned who = parties(sc, c, before);
    if (caller_is_admin(c) || (who & (WHO_SECRETARIAT | WHO_BOOKER)) || !(who & WHO_OWNER))
        return 0;
    const char *k;
    json_t *v;
    json_object_foreach (patch, k, v)
        if (strcmp(k, "status") && strcmp(k, "person_times") && strcmp(k, "note") &&
            !json_equal(v, json_object_get(before, k)))
            err_field(e, k, "只能改状态、人次与备注 (only status, person_times and note)");
    return e->details ? err_set(e, ERR_FORBIDDEN,
                                "资源所属单位只能审批和记录完成情况 (the facility's unit only "
                                "decides and records the outcome)")
                      : 0;
}

/* ---- times and the sweep -------------------------------------------------- */

typedef struct {
    int64_t t, delta;
} edge;

static int edge_cmp(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return x->delta < y->delta ? -1 : x->delta > y->delta; /* ends first */
}

static int64_t utc_of(json_t *b, const char *k)
{
    int64_t t = 0;
    resources_time_parse(sval(b, k), &t);
    return t;
}

/* The most stations the bookings in `others` use at once within [s, en),
 * and the first moment *at they do (s when none). */
static int64_t sweep(json_t *others, int64_t s, int64_t en, int64_t *at)
{
    size_t n = json_array_size(others), k = 0, i;
    edge *v = xmalloc((2 * n + 1) * sizeof *v);
    json_t *b;
    json_array_foreach (others, i, b) {
        int64_t bs = utc_of(b, "starts_utc"), be = utc_of(b, "ends_utc");
        bs = bs > s ? bs : s;
        be = be < en ? be : en;
        if (bs >= be)
            continue;
        v[k++] = (edge){bs, ival(b, "stations")};
        v[k++] = (edge){be, -ival(b, "stations")};
    }
    qsort(v, k, sizeof *v, edge_cmp);
    int64_t cur = 0, peak = 0;
    *at = s;
    for (size_t j = 0; j < k; j++) {
        cur += v[j].delta;
        if (cur > peak) {
            peak = cur;
            *at = v[j].t;
        }
    }
    free(v);
    return peak;
}

/* The bookings of `others` active at moment at, as c may see them. */
static json_t *active_at(store_conn *sc, const caller_t *c, json_t *others, int64_t at)
{
    const entity_def *bd = entity_find("facility_bookings");
    json_t *out = json_array(), *b;
    size_t i;
    json_array_foreach (others, i, b) {
        if (!(utc_of(b, "starts_utc") <= at && at < utc_of(b, "ends_utc")))
            continue;
        json_t *x = json_pack(
            "{s:O,s:O,s:O,s:O,s:O}", "id", json_object_get(b, "id"), "starts_at",
            json_object_get(b, "starts_at"), "ends_at", json_object_get(b, "ends_at"), "stations",
            json_object_get(b, "stations"), "status", json_object_get(b, "status"));
        if (perm_check(sc, c, bd, ACT_READ, b, NULL) == 0) {
            json_object_set(x, "organization_id", json_object_get(b, "organization_id"));
            json_object_set(x, "organization_name", json_object_get(b, "organization_name"));
        }
        json_array_append_new(out, x);
    }
    return out;
}

static void utc_text(int64_t t, char out[32])
{
    resources_time_format(t, true, out, 32);
}

/* Refuse row when, with the other approved and done bookings of its
 * facility, it would need more than the facility's stations. */
static int check_capacity(store_conn *sc, const caller_t *c, json_t *row, int64_t capacity,
                          err_t *e)
{
    int64_t s = utc_of(row, "starts_utc"), en = utc_of(row, "ends_utc"), at;
    char from[32], to[32];
    utc_text(s, from);
    utc_text(en, to);
    json_t *others = NULL;
    if (store_facility_overlaps(sc, ival(row, "facility_id"), ival(row, "id"), from, to, false,
                                &others, e) != 0)
        return -1;
    int64_t peak = sweep(others, s, en, &at), want = ival(row, "stations");
    int rc = 0;
    if (peak + want > capacity) {
        json_t *conflicts = active_at(sc, c, others, at);
        char when[32];
        resources_time_format(at, false, when, sizeof when);
        rc = err_set(e, ERR_CONFLICT,
                     "工位不足：%s 起已批准的预约占用 %lld 个工位，再加 %lld 个超出资源的 %lld "
                     "个工位 (overbooked: from %s approved bookings use %lld stations; %lld more "
                     "exceed the facility's %lld)",
                     when, (long long)peak, (long long)want, (long long)capacity, when,
                     (long long)peak, (long long)want, (long long)capacity);
        err_field(e, "stations", "可用 %lld (free: %lld)", (long long)(capacity - peak),
                  (long long)(capacity - peak));
        json_object_set_new(e->details, "conflicts", conflicts);
        json_object_set_new(e->details, "peak", json_integer(peak));
        json_object_set_new(e->details, "capacity", json_integer(capacity));
        json_object_set_new(e->details, "at", json_string(when));
    }
    json_decref(others);
    return rc;
}

/* The ids of the bookings in list, "12, 15" (at most 20, then "…"). */
static void ids_text(json_t *list, char *out, size_t n)
{
    size_t len = 0, i;
    json_t *b;
    out[0] = '\0';
    json_array_foreach (list, i, b) {
        if (i == 20) {
            snprintf(out + len, n - len, ", …");
            break;
        }
        int w = snprintf(out + len, n - len, "%s%lld", i ? ", " : "", (long long)ival(b, "id"));
        if (w < 0 || (size_t)w >= n - len)
            break;
        len += (size_t)w;
    }
}

/* A facility's edit that lowers its stations below what its approved
 * future or running bookings need at their peak, or takes it out of
 * running while they still hold it, would strand them: 409 naming them
 * (the bookings active at the peak; or all, at most 200, for a closing).
 * It runs in the edit's write transaction, as an approval's sweep does,
 * so an approval and the edit racing are decided one after the other. */
static int facility_keeps_bookings(store_conn *sc, const caller_t *c, json_t *before, json_t *row,
                                   err_t *e)
{
    int64_t cap = ival(row, "stations");
    bool lowered = cap < ival(before, "stations");
    bool closed =
        !strcmp(sval(before, "status"), "running") && strcmp(sval(row, "status"), "running");
    if (!lowered && !closed)
        return 0;
    char now[32];
    utc_text((int64_t)time(NULL), now);
    json_t *held = NULL;
    if (store_facility_holding(sc, ival(before, "id"), now, &held, e) != 0)
        return -1;
    int rc = 0;
    char ids[200];
    if (closed && json_array_size(held)) {
        int64_t at;
        int64_t peak =
            sweep(held, utc_of(json_array_get(held, 0), "starts_utc"), INT64_MAX / 2, &at);
        /* The rows themselves (held has the times only), at most 200. */
        int64_t last = 0;
        json_t *full = NULL, *all = json_array(), *b;
        size_t i;
        json_array_foreach (held, i, b)
            if (utc_of(b, "ends_utc") > last)
                last = utc_of(b, "ends_utc");
        char a[32], z[32];
        utc_text(utc_of(json_array_get(held, 0), "starts_utc"), a);
        utc_text(last, z);
        if (store_facility_overlaps(sc, ival(before, "id"), 0, a, z, false, &full, e) != 0) {
            json_decref(all);
            json_decref(held);
            return -1;
        }
        size_t n = 0;
        json_array_foreach (full, i, b) {
            if (strcmp(sval(b, "status"), "approved") || strcmp(sval(b, "ends_utc"), now) <= 0)
                continue;
            if (n++ == 200)
                break;
            json_t *one = json_array();
            json_array_append(one, b);
            json_t *x = active_at(sc, c, one, utc_of(b, "starts_utc"));
            json_array_extend(all, x);
            json_decref(x);
            json_decref(one);
        }
        json_decref(full);
        ids_text(held, ids, sizeof ids);
        err_field(e, "status", "已批准的预约 %s 尚未结束 (approved bookings %s have not ended)",
                  ids, ids);
        rc = err_set(e, ERR_CONFLICT,
                     "资源还有 %zu 个已批准且未结束的预约（%s），先驳回或改期再停用 (the facility "
                     "still has %zu approved bookings that have not ended (%s); reject or move "
                     "them first)",
                     json_array_size(held), ids, json_array_size(held), ids);
        char first[32]; /* from when they hold it: the earliest of them */
        resources_time_format(utc_of(json_array_get(held, 0), "starts_utc"), false, first,
                              sizeof first);
        json_object_set_new(e->details, "conflicts", all);
        json_object_set_new(e->details, "peak", json_integer(peak));
        json_object_set_new(e->details, "capacity", json_integer(cap));
        json_object_set_new(e->details, "at", json_string(first));
    } else if (lowered && json_array_size(held)) {
        int64_t at;
        int64_t peak =
            sweep(held, utc_of(json_array_get(held, 0), "starts_utc"), INT64_MAX / 2, &at);
        json_t *full = NULL;
        char a[32], b[32];
        utc_text(at, a);
        utc_text(at + 1, b);
        if (peak > cap &&
            store_facility_overlaps(sc, ival(before, "id"), 0, a, b, false, &full, e) != 0) {
            json_decref(held);
            return -1;
        }
        if (peak > cap) {
            json_t *approved = json_array(), *x;
            size_t i;
            json_array_foreach (full, i, x)
                if (!strcmp(sval(x, "status"), "approved"))
                    json_array_append(approved, x);
            json_t *conflicts = active_at(sc, c, approved, at);
            json_decref(approved);
            char when[32];
            resources_time_format(at, false, when, sizeof when);
            ids_text(conflicts, ids, sizeof ids);
            err_field(e, "stations", "至少 %lld (at least %lld)", (long long)peak, (long long)peak);
            rc = err_set(e, ERR_CONFLICT,
                         "工位不足：%s 起已批准的预约 %s 占用 %lld 个工位，多于新的 %lld 个 "
                         "(too few stations: from %s approved bookings %s use %lld, more than "
                         "the new %lld)",
                         when, ids, (long long)peak, (long long)cap, when, ids, (long long)peak,
                         (long long)cap);
            json_object_set_new(e->details, "conflicts", conflicts);
            json_object_set_new(e->details, "peak", json_integer(peak));
            json_object_set_new(e->details, "capacity", json_integer(cap));
            json_object_set_new(e->details, "at", json_string(when));
        }
        json_decref(full);
    }
    json_decref(held);
    return rc;
}

/* photo is the first of photos.  A write of photos sets photo to its
 * first (or null); a write of photo alone puts it first in photos (a
 * null photo drops the old cover from them).  input: the patch on an
 * update, the row on a create. */
static void keep_cover(json_t *before, json_t *row, json_t *patch)
{
    json_t *in = before ? patch : row, *to = before ? patch : NULL;
    json_t *photos = json_object_get(in, "photos"), *photo = json_object_get(in, "photo");
    if (photos) {
        bool some = json_is_array(photos) && json_array_size(photos);
        set_field(row, to, "photo", some ? json_incref(json_array_get(photos, 0)) : json_null());
        if (!some)
            set_field(row, to, "photos", json_null());
        return;
    }
    if (!photo)
        return;
    json_t *old = before ? json_object_get(before, "photos") : NULL;
    json_t *oldcover = before ? json_object_get(before, "photo") : NULL;
    json_t *list = json_array(), *x;
    size_t i;
    if (json_is_string(photo))
        json_array_append(list, photo);
    json_array_foreach (old, i, x)
        if (!json_equal(x, photo) && !(json_is_null(photo) && json_equal(x, oldcover)) &&
            json_array_size(list) < FACILITY_MAX_PHOTOS)
            json_array_append(list, x);
    if (json_array_size(list))
        set_field(row, to, "photos", list);
    else {
        json_decref(list);
        set_field(row, to, "photos", json_null());
    }
}

/* ---- the rules ---------------------------------------------------------- */

/* Rewrite starts_at / ends_at in +08:00 and keep their UTC instants. */
static int normalise_times(store_conn *sc, const entity_def *d, json_t *before, json_t *row,
                           json_t *patch, err_t *e)
{
    static const char *const keys[2][2] = {{"starts_at", "starts_utc"}, {"ends_at", "ends_utc"}};
    bool changed = !before;
    for (int i = 0; i < 2; i++) {
        int64_t t;
        if (!resources_time_parse(sval(row, keys[i][0]), &t)) {
            err_field(e, keys[i][0], "应为带时区的 ISO 8601 时间 (an ISO 8601 time with offset)");
            return err_set(e, ERR_INVALID, "输入有误 (validation failed)");
        }
        char cst[32], utc[32];
        resources_time_format(t, false, cst, sizeof cst);
        utc_text(t, utc);
        if (!before || json_object_get(patch, keys[i][0])) {
            if (strcmp(cst, sval(row, keys[i][0])))
                set_field(row, patch, keys[i][0], json_string(cst));
        }
        const char *old = sval(row, keys[i][1]);
        if (!old || strcmp(old, utc)) {
            changed = true;
            json_object_set_new(row, keys[i][1], json_string(utc));
        }
    }
    if (!before || !changed)
        return 0;
    json_t *set = json_pack("{s:O,s:O}", "starts_utc", json_object_get(row, "starts_utc"),
                            "ends_utc", json_object_get(row, "ends_utc"));
    int rc = store_entity_set_server(sc, d, ival(before, "id"), set, e);
    json_decref(set);
    return rc;
}

static int booking_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                         json_t *row, json_t *patch, err_t *e)
{
    const entity_def *fd = entity_find("facilities");
    json_t *fac = NULL;
    int rc = -1;
    if (store_entity_get(sc, fd, ival(row, "facility_id"), &fac, e) != 0)
        return -1;
    int64_t capacity = ival(fac, "stations");
    if (!before) {
        json_object_set_new(row, "owner_id", json_integer(ival(fac, "organization_id")));
        if (!sval(row, "status"))
            json_object_set_new(row, "status", json_string("requested"));
        const char *st = sval(row, "status");
        if (strcmp(st, "requested") && !caller_is_admin(c) &&
            !perm_secretariat_of(c, ival(row, "consortium_id"))) {
            err_field(e, "status", "requested");
            err_set(e, ERR_CONFLICT,
                    "新预约为待审批，由资源所属单位或秘书处批准 (a new booking is requested; the "
                    "facility's unit or the secretariat approves it)");
            goto out;
        }
        if (strcmp(sval(fac, "status"), "running") && !caller_is_admin(c)) {
            err_field(e, "facility_id", "%s", sval(fac, "status"));
            err_set(e, ERR_CONFLICT, "资源未在运行，不能预约 (the facility is not running)");
            goto out;
        }
    } else if (check_step(sc, c, d, before, row, e) != 0 ||
               owner_fields_only(sc, c, before, patch, e) != 0)
        goto out;
    if (normalise_times(sc, d, before, row, patch, e) != 0)
        goto out;
    if (ival(row, "stations") > capacity) {
        err_field(e, "stations", "至多 %lld (at most %lld)", (long long)capacity,
                  (long long)capacity);
        err_set(e, ERR_INVALID, "超出资源的工位数 (more than the facility's stations)");
        goto out;
    }
    /* Sweep a row that is approved after this write, unless only its
     * status moved on from approved (done) or nothing of its time and
     * stations changed while it stayed approved. */
    const char *st = sval(row, "status");
    bool sweep_it = !strcmp(st, "approved");
    if (sweep_it && before && !strcmp(sval(before, "status"), "approved") &&
        !strcmp(sval(before, "starts_utc"), sval(row, "starts_utc")) &&
        !strcmp(sval(before, "ends_utc"), sval(row, "ends_utc")) &&
        ival(before, "stations") == ival(row, "stations"))
        sweep_it = false;
    if (sweep_it && check_capacity(sc, c, row, capacity, e) != 0)
        goto out;
    rc = 0;
out:
    json_decref(fac);
    return rc;
}

int facility_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                   json_t *row, json_t *patch, err_t *e)
{
    if (!strcmp(d->name, "facility_bookings"))
        return booking_rules(sc, c, d, before, row, patch, e);
    if (!strcmp(d->name, "facility_owners") && !before) {
        json_t *fac = NULL;
        if (store_entity_get(sc, entity_find("facilities"), ival(row, "facility_id"), &fac, e) != 0)
            return -1;
        json_object_set_new(row, "owner_id", json_integer(ival(fac, "organization_id")));
        json_decref(fac);
        return 0;
    }
    if (!strcmp(d->name, "facilities") && !before) {
        json_t *h = json_object_get(row, "open_hours_week");
        if (!h || json_is_null(h))
            json_object_set_new(row, "open_hours_week", json_integer(40));
    }
    if (!strcmp(d->name, "facilities")) {
        keep_cover(before, row, patch);
        if (before)
            return facility_keeps_bookings(sc, c, before, row, e);
    }
    return 0;
}

/* ---- calendar and availability -------------------------------------------- */

/* A window bound: a date (its start, or with end its end, in China
 * Standard Time) or an ISO 8601 time with offset. */
static bool parse_bound(const char *s, bool end, int64_t *t)
{
    if (s && strlen(s) == 10 && date_valid(s)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%sT00:00:00+08:00", s);
        if (!resources_time_parse(buf, t))
            return false;
        if (end)
            *t += 86400;
        return true;
    }
    return resources_time_parse(s, t);
}

static int bad_window(err_t *e, const char *field)
{
    err_field(e, field, "YYYY-MM-DD 或 2026-12-07T08:30:00+08:00");
    return err_set(e, ERR_BAD_REQUEST,
                   "时间段有误：须为日期或带时区的 ISO 8601 时间，结束晚于开始 (a bad window: "
                   "dates or ISO 8601 times with offset, the end after the start)");
}

static int readable_facility(store_conn *sc, const caller_t *c, int64_t id, json_t **fac, err_t *e)
{
    return record_get(sc, c, entity_find("facilities"), id, fac, e);
}

int facility_calendar(store_conn *sc, const caller_t *c, int64_t id, const char *from,
                      const char *to, json_t **out, err_t *e)
{
    json_t *fac = NULL, *rows = NULL;
    int64_t s, en;
    if (readable_facility(sc, c, id, &fac, e) != 0)
        return -1;
    int rc = -1;
    if (!parse_bound(from, false, &s)) {
        bad_window(e, "from");
        goto out;
    }
    if (!parse_bound(to, true, &en) || en <= s || en - s > 366LL * 86400) {
        bad_window(e, "to");
        goto out;
    }
    char a[32], b[32];
    utc_text(s, a);
    utc_text(en, b);
    if (store_facility_overlaps(sc, id, 0, a, b, true, &rows, e) != 0)
        goto out;
    const entity_def *bd = entity_find("facility_bookings");
    json_t *items = json_array(), *r;
    size_t i;
    json_array_foreach (rows, i, r) {
        json_t *x = json_pack(
            "{s:O,s:O,s:O,s:O,s:O}", "id", json_object_get(r, "id"), "starts_at",
            json_object_get(r, "starts_at"), "ends_at", json_object_get(r, "ends_at"), "stations",
            json_object_get(r, "stations"), "status", json_object_get(r, "status"));
        if (perm_check(sc, c, bd, ACT_READ, r, NULL) == 0) {
            static const char *const seen[] = {"organization_id", "organization_name", "purpose",
                                               "people"};
            for (size_t k = 0; k < sizeof seen / sizeof *seen; k++)
                json_object_set(x, seen[k], json_object_get(r, seen[k]));
        }
        json_array_append_new(items, x);
    }
    char fa[32], fb[32];
    resources_time_format(s, false, fa, sizeof fa);
    resources_time_format(en, false, fb, sizeof fb);
    *out = json_pack("{s:I,s:s,s:O,s:s,s:s,s:o}", "facility_id", (json_int_t)id, "name",
                     sval(fac, "name") ? sval(fac, "name") : "", "stations",
                     json_object_get(fac, "stations"), "from", fa, "to", fb, "items", items);
    rc = 0;
out:
    json_decref(fac);
    json_decref(rows);
    return rc;
}

int facility_availability(store_conn *sc, const caller_t *c, int64_t id, const char *starts_at,
                          const char *ends_at, int64_t stations, int64_t exclude, json_t **out,
                          err_t *e)
{
    json_t *fac = NULL, *rows = NULL;
    int64_t s, en, at;
    if (readable_facility(sc, c, id, &fac, e) != 0)
        return -1;
    int rc = -1;
    if (!resources_time_parse(starts_at, &s)) {
        bad_window(e, "starts_at");
        goto out;
    }
    if (!resources_time_parse(ends_at, &en) || en <= s || en - s > RESOURCES_MAX_BOOKING_SECONDS) {
        bad_window(e, "ends_at");
        goto out;
    }
    char a[32], b[32];
    utc_text(s, a);
    utc_text(en, b);
    if (store_facility_overlaps(sc, id, exclude, a, b, false, &rows, e) != 0)
        goto out;
    int64_t cap = ival(fac, "stations"), peak = sweep(rows, s, en, &at);
    json_t *conflicts = peak + stations > cap ? active_at(sc, c, rows, at) : json_array();
    *out = json_pack("{s:I,s:I,s:I,s:I,s:b,s:o}", "capacity", (json_int_t)cap, "peak",
                     (json_int_t)peak, "free", (json_int_t)(cap - peak), "stations",
                     (json_int_t)stations, "fits", peak + stations <= cap, "conflicts", conflicts);
    rc = 0;
out:
    json_decref(fac);
    json_decref(rows);
    return rc;
}

/* ---- figures ------------------------------------------------------------ */

static double round2(double x)
{
    return round(x * 100.0) / 100.0;
}

/* The year's bounds in China Standard Time as instants. */
static void year_bounds(int year, int64_t *s, int64_t *en)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%04d-01-01T00:00:00+08:00", year);
    resources_time_parse(buf, s);
    snprintf(buf, sizeof buf, "%04d-01-01T00:00:00+08:00", year + 1);
    resources_time_parse(buf, en);
}

/* The month (0–11, China Standard Time) of instant t within year's
 * bounds [ys, ye), and the instant its next month starts. */
static int month_of(int64_t t, int year, int64_t *next)
{
    time_t local = (time_t)(t + 8 * 3600);
    struct tm tm;
    gmtime_r(&local, &tm);
    char buf[40];
    if (tm.tm_mon == 11)
        snprintf(buf, sizeof buf, "%04d-01-01T00:00:00+08:00", year + 1);
    else
        snprintf(buf, sizeof buf, "%04d-%02d-01T00:00:00+08:00", year, tm.tm_mon + 2);
    resources_time_parse(buf, next);
    return tm.tm_mon;
}

/* Station-hours of a booking [cs, ce) (clipped to the year) per month. */
static void spread(int64_t cs, int64_t ce, int64_t stations, int year, double out[12])
{
    while (cs < ce) {
        int64_t next;
        int m = month_of(cs, year, &next);
        int64_t end = next < ce ? next : ce;
        out[m] += (double)stations * (double)(end - cs) / 3600.0;
        cs = end;
    }
}

static json_t *ratios(const double num[12], const double den[12])
{
    json_t *a = json_array();
    for (int m = 0; m < 12; m++)
        json_array_append_new(
            a, json_real(den[m] > 0 ? round(num[m] / den[m] * 10000.0) / 10000.0 : 0.0));
    return a;
}

static json_t *hours(const double v[12])
{
    json_t *a = json_array();
    for (int m = 0; m < 12; m++)
        json_array_append_new(a, json_real(round2(v[m])));
    return a;
}

/* The figures of consortium_id in year: totals into t, and, when per is
 * not NULL, one object per facility appended to it (each with its
 * month-by-month figures); *monthly (when not NULL) gets the totals'
 * month-by-month figures. */
static int compute(store_conn *sc, int64_t cid, int year, facility_totals *t, json_t *per,
                   int64_t months[12], json_t **monthly, err_t *e)
{
    double tb[12] = {0}, tout[12] = {0}, topen[12] = {0};
    json_t *facs = NULL, *use = NULL;
    int64_t ys, ye;
    year_bounds(year, &ys, &ye);
    char a[32], b[32];
    utc_text(ys, a);
    utc_text(ye, b);
    memset(t, 0, sizeof *t);
    memset(months, 0, 12 * sizeof *months);
    if (store_facility_list(sc, cid, &facs, e) != 0 ||
        store_facility_usage(sc, cid, a, b, &use, e) != 0) {
        json_decref(facs);
        return -1;
    }
    double weeks = (double)(ye - ys) / (7.0 * 86400.0);
    size_t i, j = 0, nuse = json_array_size(use);
    json_t *f;
    json_array_foreach (facs, i, f) {
        int64_t fid = ival(f, "id"), fm[12] = {0}, nb = 0, nd = 0, pt = 0;
        double open = (double)ival(f, "stations") * (double)ival(f, "open_hours_week") * weeks;
        double booked = 0, outside = 0, bm[12] = {0}, om[12] = {0}, openm[12] = {0};
        spread(ys, ye, ival(f, "stations") * ival(f, "open_hours_week"), year, openm);
        for (int m = 0; m < 12; m++)
            openm[m] /= 168.0; /* station × hours open a week, per hour of the month */
        /* use is ordered by facility id; facs by name: find this one's rows. */
        for (j = 0; j < nuse; j++) {
            json_t *u = json_array_get(use, j);
            if (ival(u, "facility_id") != fid)
                continue;
            int64_t bs = utc_of(u, "starts_utc"), be = utc_of(u, "ends_utc");
            int64_t cs = bs > ys ? bs : ys, ce = be < ye ? be : ye;
            double sh = (double)ival(u, "stations") * (double)(ce - cs) / 3600.0;
            booked += sh;
            spread(cs, ce, ival(u, "stations"), year, bm);
            if (!ival(u, "inside")) {
                outside += sh;
                spread(cs, ce, ival(u, "stations"), year, om);
            }
            nb++;
            if (!strcmp(sval(u, "status"), "done") && bs >= ys) {
                time_t local = (time_t)(bs + 8 * 3600);
                struct tm tm;
                gmtime_r(&local, &tm);
                fm[tm.tm_mon] += ival(u, "person_times");
                pt += ival(u, "person_times");
                nd++;
            }
        }
        t->facilities++;
        t->stations += ival(f, "stations");
        t->bookings += nb;
        t->bookings_done += nd;
        t->person_times += pt;
        t->station_hours_booked += booked;
        t->station_hours_open += open;
        t->outside_station_hours += outside;
        for (int m = 0; m < 12; m++) {
            months[m] += fm[m];
            tb[m] += bm[m];
            tout[m] += om[m];
            topen[m] += openm[m];
        }
        if (per) {
            json_t *pm = json_array();
            for (int m = 0; m < 12; m++)
                json_array_append_new(pm, json_integer(fm[m]));
            json_array_append_new(
                per, json_pack("{s:I,s:O,s:O,s:O,s:O,s:O,s:O,s:I,s:I,s:f,s:f,s:f,s:f,s:f,s:I,s:o}",
                               "facility_id", (json_int_t)fid, "name", json_object_get(f, "name"),
                               "kind", json_object_get(f, "kind"), "organization_id",
                               json_object_get(f, "organization_id"), "organization_name",
                               json_object_get(f, "organization_name"), "stations",
                               json_object_get(f, "stations"), "open_hours_week",
                               json_object_get(f, "open_hours_week"), "bookings", (json_int_t)nb,
                               "bookings_done", (json_int_t)nd, "station_hours_booked",
                               round2(booked), "station_hours_open", round2(open), "utilisation",
                               open > 0 ? round(booked / open * 10000.0) / 10000.0 : 0.0,
                               "outside_station_hours", round2(outside), "outside_share",
                               booked > 0 ? round(outside / booked * 10000.0) / 10000.0 : 0.0,
                               "person_times", (json_int_t)pt, "person_times_by_month", pm));
            json_t *last = json_array_get(per, json_array_size(per) - 1);
            json_object_set_new(last, "station_hours_booked_by_month", hours(bm));
            json_object_set_new(last, "utilisation_by_month", ratios(bm, openm));
            json_object_set_new(last, "outside_share_by_month", ratios(om, bm));
        }
    }
    if (monthly) {
        *monthly = json_object();
        json_object_set_new(*monthly, "station_hours_booked_by_month", hours(tb));
        json_object_set_new(*monthly, "utilisation_by_month", ratios(tb, topen));
        json_object_set_new(*monthly, "outside_share_by_month", ratios(tout, tb));
    }
    json_decref(facs);
    json_decref(use);
    return 0;
}

int facility_use_totals(store_conn *sc, int64_t consortium_id, int year, facility_totals *t,
                        err_t *e)
{
    int64_t months[12];
    return compute(sc, consortium_id, year, t, NULL, months, NULL, e);
}

int facility_stats(store_conn *sc, const caller_t *c, int64_t consortium_id, int year, json_t **out,
                   err_t *e)
{
    if (perm_consortium_readable(sc, c, consortium_id, e) != 0)
        return -1;
    facility_totals t;
    int64_t months[12];
    json_t *per = json_array(), *monthly = NULL;
    if (compute(sc, consortium_id, year, &t, per, months, &monthly, e) != 0) {
        json_decref(per);
        return -1;
    }
    json_t *pm = json_array();
    for (int m = 0; m < 12; m++)
        json_array_append_new(pm, json_integer(months[m]));
    json_t *total = json_pack(
        "{s:I,s:I,s:I,s:I,s:I,s:f,s:f,s:f,s:f,s:f,s:o}", "facilities", (json_int_t)t.facilities,
        "stations", (json_int_t)t.stations, "bookings", (json_int_t)t.bookings, "bookings_done",
        (json_int_t)t.bookings_done, "person_times", (json_int_t)t.person_times,
        "station_hours_booked", round2(t.station_hours_booked), "station_hours_open",
        round2(t.station_hours_open), "utilisation",
        t.station_hours_open > 0
            ? round(t.station_hours_booked / t.station_hours_open * 10000.0) / 10000.0
            : 0.0,
        "outside_station_hours", round2(t.outside_station_hours), "outside_share",
        t.station_hours_booked > 0
            ? round(t.outside_station_hours / t.station_hours_booked * 10000.0) / 10000.0
            : 0.0,
        "person_times_by_month", pm);
    json_object_update(total, monthly);
    json_decref(monthly);
    *out = json_pack("{s:I,s:i,s:s,s:o,s:o}", "consortium_id", (json_int_t)consortium_id, "year",
                     year, "basis",
                     "station_hours: Σ stations × hours of approved and done bookings, over "
                     "stations × open_hours_week × weeks of the year",
                     "items", per, "totals", total);
    return 0;
}
