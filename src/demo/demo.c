/*
 * demo.c — loads the demo data (see demo.h) from src/demo/demo.json,
 * which is compiled into the binary.
 *
 * The data lives in JSON, not in C: it is mostly names and numbers from
 * the news reports, and a reviewer should be able to check "84 = 8 + 59 +
 * 7 + 6 + 2 + 2" against the file without reading code.  This file only
 * knows how to play it back:
 *
 *   - The JSON is an ordered list of steps.  A step {entity, defaults,
 *     rows} creates each row (defaults overlaid by the row) through
 *     record_create(), so the demo passes every rule a real write passes
 *     (validation, references, membership, audit log).  A row may carry a
 *     "key"; reference fields (FT_REF, FT_IDLIST, found from the entity
 *     description) may then name rows by key instead of by id.
 *   - A step {synthetic: ...} generates the members the reports count but
 *     do not name: clearly fictitious units ("柳州示例中职学校 03（虚构）")
 *     keyed PREFIX.TYPE.N, with valid unified social credit codes and a
 *     membership each; the first `council` of them sit on the council.
 *   - A step {round_status: {round, status}} puts a demo matching round in
 *     the status it is shown in.
 *   - A step {update: {entity, key, set}} changes a row an earlier step
 *     made (a synthetic unit named as the real one the counts include).
 *   - A step {accept: {response, key, kind, title}} accepts an answer to a
 *     technology need as its enterprise would, creating the project.
 *   - A step {assessment: {consortium, year, values: [{code, target?,
 *     reported?, note?}], submit?}} starts that year's assessment as its
 *     secretariat would (domain/assessment.c: the framework for the
 *     consortium's kind, computed at the cut-off), sets the targets and
 *     reported values given by indicator code, and submits it when asked.
 *   - "{Y}" and "{Y-1}" in strings become the current year and the one
 *     before, so the work plan is always this year's and the meeting that
 *     adopted it has already been held.
 *   - A step with "repeat": {"from": F, "count": C} plays its rows C times,
 *     for N = F … F+C-1: "{N}" in a string becomes N ("{N:4}" zero-padded
 *     to 4 digits), and an array given for a field that is not an id list
 *     is a cycle — the value for N is element (N-F) mod its length, so
 *     arrays of the same length stay in step.  Hundreds of synthetic
 *     interns read as one row and a count.
 *
 * Everything runs in one transaction (domain/demo_data.h: the batch that
 * refuses a database with consortia and marks the demo accounts), in
 * file order, so ids are the same on every run (Liuzhou is consortium 1)
 * and a failure leaves nothing behind.  The accounts table printed at start-up is read from the
 * same file, so the printed passwords cannot drift from the loaded ones.
 */
#include "demo/demo.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "domain/assessment.h"
#include "domain/demo_data.h"
#include "domain/record.h"
#include "domain/tech.h"

#define DEMO_FILE "src/demo/demo.json"

/* Description of every synthetic unit (shown on its page). */
static const char synthetic_note[] =
    "示例数据中的虚构单位，不对应任何真实机构；统一社会信用代码按 GB 32100-2015 规则生成，"
    "仅供演示。(A fictitious unit of the demo data; its credit code is computed by the GB "
    "32100-2015 rule, not real.)";

typedef struct {
    db_conn *sc;
    demo_data *batch;
    caller_t sys;
    json_t *ids;     /* key -> row id */
    int year;        /* for {Y} */
    unsigned serial; /* synthetic credit codes */
    err_t *e;
} loader;

/* The parsed demo.json; caller decrefs. */
static json_t *demo_doc(err_t *e)
{
    const struct embedded_file *f = embedded_find(DEMO_FILE);
    json_error_t je;
    if (!f) {
        err_set(e, ERR_INTERNAL, "示例数据未编入程序 (%s is not embedded)", DEMO_FILE);
        return NULL;
    }
    json_t *doc = json_loadb(f->data, f->len, 0, &je);
    if (!doc)
        err_set(e, ERR_INTERNAL, "%s:%d: %s", DEMO_FILE, je.line, je.text);
    return doc;
}

/* ---- values: placeholders and keys -------------------------------------- */

/* A new reference: v with {Y} / {Y-1} replaced (v itself if it has none). */
static json_t *expand_years(const loader *L, json_t *v)
{
    const char *s = json_string_value(v);
    if (!s || !strstr(s, "{Y"))
        return json_incref(v);
    buf_t b;
    buf_init(&b);
    while (*s) {
        if (!strncmp(s, "{Y-1}", 5)) {
            buf_printf(&b, "%d", L->year - 1);
            s += 5;
        } else if (!strncmp(s, "{Y}", 3)) {
            buf_printf(&b, "%d", L->year);
            s += 3;
        } else {
            buf_append(&b, s++, 1);
        }
    }
    json_t *out = json_string(b.data);
    buf_free(&b);
    return out;
}

static int key_id(loader *L, const char *key, json_int_t *id)
{
    json_t *v = json_object_get(L->ids, key);
    if (!v)
        return err_set(L->e, ERR_INTERNAL, "%s: 未定义的键 (unknown key) \"%s\"", DEMO_FILE, key);
    *id = json_integer_value(v);
    return 0;
}

/* Turn a row as written in demo.json into one record_create accepts:
 * placeholders expanded, integer fields written as "{Y}" parsed, keys in
 * reference fields replaced by ids. */
static int prepare_row(loader *L, const entity_def *d, json_t *row)
{
    for (const field_def *f = d->fields; f->name; f++) {
        json_t *v = json_object_get(row, f->name);
        if (!v)
            continue;
        if (json_is_string(v)) {
            json_t *x = expand_years(L, v);
            const char *s = json_string_value(x);
            json_int_t id = 0;
            if (f->type == FT_INT) {
                char *end;
                long long n = strtoll(s, &end, 10);
                bool bad = *end != '\0';
                json_decref(x);
                if (bad)
                    return err_set(L->e, ERR_INTERNAL, "%s: %s.%s is not a number", DEMO_FILE,
                                   d->name, f->name);
                x = json_integer(n);
            } else if (f->type == FT_REF) {
                int rc = key_id(L, s, &id);
                json_decref(x);
                if (rc != 0)
                    return -1;
                x = json_integer(id);
            }
            json_object_set_new(row, f->name, x);
        } else if (f->type == FT_IDLIST && json_is_array(v)) {
            json_t *ids = json_array(), *x;
            size_t i;
            json_array_foreach (v, i, x) {
                json_int_t id = json_integer_value(x);
                if (json_is_string(x) && key_id(L, json_string_value(x), &id) != 0) {
                    json_decref(ids);
                    return -1;
                }
                json_array_append_new(ids, json_integer(id));
            }
            json_object_set_new(row, f->name, ids);
        }
    }
    return 0;
}

/* Say which row failed: the message names the entity and row, and the
 * per-field details (kept in e->details) are spelled out too, since the
 * CLI prints only the message. */
static int row_failed(loader *L, const entity_def *d, json_t *row, const char *key)
{
    err_t *e = L->e;
    char orig[sizeof e->message];
    snprintf(orig, sizeof orig, "%s", e->message);
    const char *label = key;
    if (!label)
        label = json_string_value(json_object_get(row, "name"));
    if (!label)
        label = json_string_value(json_object_get(row, "title"));
    if (!label)
        label = json_string_value(json_object_get(row, "username"));
    char *details = e->details ? json_dumps(e->details, JSON_COMPACT) : NULL;
    err_set(e, e->code == ERR_NONE ? ERR_INTERNAL : e->code, "%s «%s»: %s %s", d->name,
            label ? label : "?", orig, details ? details : "");
    free(details);
    return -1;
}

/* Create one row (stolen) of entity d; remember its id under key. */
static int add_row(loader *L, const entity_def *d, json_t *row, const char *key)
{
    json_t *created = NULL;
    int rc = -1;
    if (key && json_object_get(L->ids, key)) {
        err_set(L->e, ERR_INTERNAL, "%s: 键重复 (duplicate key) \"%s\"", DEMO_FILE, key);
        goto out;
    }
    if (prepare_row(L, d, row) != 0)
        goto out;
    if (record_create(L->sc, &L->sys, d, row, &created, L->e) != 0) {
        row_failed(L, d, row, key);
        goto out;
    }
    if (key)
        json_object_set(L->ids, key, json_object_get(created, "id"));
    rc = 0;
out:
    json_decref(created);
    json_decref(row);
    return rc;
}

/* ---- synthetic units ------------------------------------------------------ */

/* A valid GB 32100-2015 unified social credit code for a fictitious unit:
 * registration authority and kind by unit type (9 1 enterprise, 1 1
 * government organ, 1 2 public institution such as a school, 5 1 social
 * organisation), the region code, a GB 11714 organisation code "DM" +
 * six-digit serial + its check character, and the overall check
 * character.  The serial makes each code unique; the "DM" prefix keeps
 * them apart from the organisation codes real units are given. */
static void synthetic_credit_code(const char *type, const char *region, unsigned serial,
                                  char out[19])
{
    static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static const int w11714[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    static const struct {
        const char *type, *code;
    } authority[] = {{"government", "11"},           {"enterprise", "91"},
                     {"undergraduate", "12"},        {"higher_vocational", "12"},
                     {"secondary_vocational", "12"}, {"research_institute", "12"},
                     {"industry_association", "51"}, {NULL, "91"}};
    size_t a = 0;
    while (authority[a].type && strcmp(authority[a].type, type) != 0)
        a++;
    char org[10];
    snprintf(org, sizeof org, "DM%06u", serial % 1000000u);
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += (org[i] >= 'A' ? org[i] - 'A' + 10 : org[i] - '0') * w11714[i];
    int c9 = 11 - sum % 11;
    org[8] = c9 == 10 ? 'X' : c9 == 11 ? '0' : (char)('0' + c9);
    org[9] = '\0';
    memcpy(out, authority[a].code, 2);
    memcpy(out + 2, region, 6);
    memcpy(out + 8, org, 9);
    sum = 0;
    for (int i = 0, w = 1; i < 17; i++, w = w * 3 % 31)
        sum += (int)(strchr(alphabet, out[i]) - alphabet) * w;
    out[17] = alphabet[(31 - sum % 31) % 31];
    out[18] = '\0';
}

static int synthetic(loader *L, json_t *s)
{
    const char *cons = json_string_value(json_object_get(s, "consortium_id"));
    const char *prefix = json_string_value(json_object_get(s, "prefix"));
    const char *type = json_string_value(json_object_get(s, "type"));
    json_int_t count = json_integer_value(json_object_get(s, "count"));
    json_int_t council = json_integer_value(json_object_get(s, "council"));
    json_t *names = json_object_get(s, "names"), *regions = json_object_get(s, "regions");
    if (!cons || !prefix || !type || count <= 0 || count > 999 || !json_array_size(names) ||
        !json_array_size(regions))
        return err_set(L->e, ERR_INTERNAL,
                       "%s: synthetic step needs consortium_id, prefix, "
                       "type, count, names and regions",
                       DEMO_FILE);
    const entity_def *orgs = entity_find("organizations"), *members = entity_find("memberships");
    int width = count >= 100 ? 3 : 2;
    for (json_int_t n = 1; n <= count; n++) {
        const char *base =
            json_string_value(json_array_get(names, (size_t)(n - 1) % json_array_size(names)));
        const char *region =
            json_string_value(json_array_get(regions, (size_t)(n - 1) % json_array_size(regions)));
        if (!base || !region || strlen(region) != 6)
            return err_set(L->e, ERR_INTERNAL, "%s: bad names/regions in synthetic step",
                           DEMO_FILE);
        char code[19];
        synthetic_credit_code(type, region, ++L->serial, code);
        char *name = xasprintf("%s %0*d（虚构）", base, width, (int)n);
        char *key = xasprintf("%s.%s.%d", prefix, type, (int)n);
        json_t *org = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", name, "type", type, "region_code",
                                region, "credit_code", code, "description", synthetic_note);
        json_t *m = json_pack("{s:s,s:s,s:s}", "consortium_id", cons, "organization_id", key,
                              "role", n <= council ? "council_member" : "member");
        json_t *v;
        if ((v = json_object_get(s, "term")))
            json_object_set(m, "term", v);
        if ((v = json_object_get(s, "joined_on")))
            json_object_set(m, "joined_on", v);
        int rc = add_row(L, orgs, org, key);
        if (rc == 0)
            rc = add_row(L, members, m, NULL);
        else
            json_decref(m);
        free(name);
        free(key);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* ---- repeated rows ------------------------------------------------------------ */

/* A new reference: v with {N} / {N:w} replaced by n. */
static json_t *expand_n(json_t *v, long n)
{
    const char *s = json_string_value(v);
    if (!s || !strstr(s, "{N"))
        return json_incref(v);
    buf_t b;
    buf_init(&b);
    while (*s) {
        int width = 0, used = 0;
        if (!strncmp(s, "{N}", 3)) {
            buf_printf(&b, "%ld", n);
            s += 3;
        } else if (sscanf(s, "{N:%d}%n", &width, &used) == 1 && used > 0 && width > 0 &&
                   width < 10) {
            buf_printf(&b, "%0*ld", width, n);
            s += used;
        } else {
            buf_append(&b, s++, 1);
        }
    }
    json_t *out = json_string(b.data);
    buf_free(&b);
    return out;
}

/* Row template t for number n (i = n - from): cycles picked, {N} expanded.
 * A new object. */
static json_t *instance(const entity_def *d, json_t *t, long n, size_t i)
{
    json_t *row = json_object(), *v;
    const char *k;
    json_object_foreach (t, k, v) {
        const field_def *f = entity_field(d, k);
        if (json_is_array(v) && json_array_size(v) && !(f && f->type == FT_IDLIST))
            v = json_array_get(v, i % json_array_size(v));
        json_object_set_new(row, k, expand_n(v, n));
    }
    return row;
}

/* ---- steps ------------------------------------------------------------------- */

/* {round_status: {round: KEY, status: S}}: a demo round already under way
 * (a round's status moves only through domain/round.c's steps, which run
 * their own transaction; the loader is inside one). */
static int round_status(loader *L, json_t *s)
{
    json_t *id = json_object_get(L->ids, json_string_value(json_object_get(s, "round")));
    const char *status = json_string_value(json_object_get(s, "status"));
    if (!json_is_integer(id) || !status)
        return err_set(L->e, ERR_INTERNAL, "%s: round_status needs a known round and a status",
                       DEMO_FILE);
    return demo_data_round_status(L->batch, json_integer_value(id), status, L->e);
}

/* {update: {entity, key, set}}: change a row made by an earlier step —
 * a synthetic unit given the name of a real one the reports' counts
 * include, so a composition stays as published and ids do not move. */
static int update_row(loader *L, json_t *s)
{
    const char *name = json_string_value(json_object_get(s, "entity"));
    const entity_def *d = name ? entity_find(name) : NULL;
    json_t *id = json_object_get(L->ids, json_string_value(json_object_get(s, "key")));
    json_t *set = json_object_get(s, "set"), *row = NULL;
    if (!d || !json_is_integer(id) || !json_is_object(set))
        return err_set(L->e, ERR_INTERNAL, "%s: update needs an entity, a known key and a set",
                       DEMO_FILE);
    json_t *patch = json_deep_copy(set);
    int rc = prepare_row(L, d, patch);
    if (rc == 0 &&
        (rc = record_update(L->sc, &L->sys, d, json_integer_value(id), patch, &row, L->e)) != 0)
        row_failed(L, d, patch, json_string_value(json_object_get(s, "key")));
    json_decref(patch);
    json_decref(row);
    return rc;
}

/* {accept: {response: KEY, key: PROJECT_KEY, kind, title}}: the need's
 * enterprise accepts an answer as the platform does it (domain/tech.c:
 * the answer accepted, the need in progress, the project created). */
static int accept_response(loader *L, json_t *s)
{
    json_t *id = json_object_get(L->ids, json_string_value(json_object_get(s, "response")));
    const char *key = json_string_value(json_object_get(s, "key"));
    if (!json_is_integer(id))
        return err_set(L->e, ERR_INTERNAL, "%s: accept needs a known response", DEMO_FILE);
    json_t *opts = json_object(), *project = NULL;
    if (json_object_get(s, "kind"))
        json_object_set(opts, "kind", json_object_get(s, "kind"));
    if (json_object_get(s, "title"))
        json_object_set(opts, "title", json_object_get(s, "title"));
    int rc = tech_accept_response(L->sc, &L->sys, json_integer_value(id), opts, &project, L->e);
    if (rc == 0 && key)
        json_object_set(L->ids, key, json_object_get(project, "id"));
    json_decref(opts);
    json_decref(project);
    return rc;
}

/* The id of the leaf coded `code` in an assessment's tree, or 0. */
static int64_t leaf_id(json_t *nodes, const char *code)
{
    size_t i;
    json_t *n;
    json_array_foreach (nodes, i, n) {
        const char *c = json_string_value(json_object_get(n, "code"));
        if (c && code && !strcmp(c, code))
            return json_integer_value(json_object_get(n, "id"));
        int64_t id = leaf_id(json_object_get(n, "children"), code);
        if (id)
            return id;
    }
    return 0;
}

/* {assessment: {consortium: KEY, year, values: [{code, …}], submit}}. */
static int assessment_step(loader *L, json_t *s)
{
    json_t *cid = json_object_get(L->ids, json_string_value(json_object_get(s, "consortium")));
    if (!json_is_integer(cid))
        return err_set(L->e, ERR_INTERNAL, "%s: assessment needs a known consortium", DEMO_FILE);
    json_t *in = json_pack("{s:O}", "year", json_object_get(s, "year")), *a = NULL, *v;
    int rc = assessment_create(L->sc, &L->sys, json_integer_value(cid), in, &a, L->e);
    json_decref(in);
    int64_t aid = rc == 0 ? json_integer_value(json_object_get(a, "id")) : 0;
    size_t i;
    json_array_foreach (json_object_get(s, "values"), i, v) {
        if (rc != 0)
            break;
        const char *code = json_string_value(json_object_get(v, "code"));
        int64_t iid = leaf_id(json_object_get(a, "indicators"), code);
        if (!iid) {
            rc = err_set(L->e, ERR_INTERNAL, "%s: assessment has no indicator %s", DEMO_FILE,
                         code ? code : "");
            break;
        }
        json_t *body = json_deep_copy(v), *out = NULL;
        json_object_del(body, "code");
        rc = assessment_value_set(L->sc, &L->sys, aid, iid, body, &out, L->e);
        json_decref(body);
        json_decref(out);
    }
    json_decref(a);
    a = NULL;
    if (rc == 0 && json_is_true(json_object_get(s, "submit")))
        rc = assessment_submit(L->sc, &L->sys, aid, &a, L->e);
    json_decref(a);
    return rc;
}

static int run_step(loader *L, json_t *step)
{
    json_t *as = json_object_get(step, "assessment");
    if (as)
        return assessment_step(L, as);
    json_t *acc = json_object_get(step, "accept");
    if (acc)
        return accept_response(L, acc);
    json_t *syn = json_object_get(step, "synthetic");
    if (syn)
        return synthetic(L, syn);
    json_t *up = json_object_get(step, "update");
    if (up)
        return update_row(L, up);
    json_t *rs = json_object_get(step, "round_status");
    if (rs)
        return round_status(L, rs);
    const char *name = json_string_value(json_object_get(step, "entity"));
    const entity_def *d = name ? entity_find(name) : NULL;
    if (!d)
        return err_set(L->e, ERR_INTERNAL, "%s: unknown entity \"%s\"", DEMO_FILE,
                       name ? name : "");
    json_t *defaults = json_object_get(step, "defaults"), *r;
    json_t *repeat = json_object_get(step, "repeat");
    json_int_t from = json_integer_value(json_object_get(repeat, "from"));
    json_int_t count = repeat ? json_integer_value(json_object_get(repeat, "count")) : 1;
    if (repeat && (count <= 0 || count > 10000 || from < 0))
        return err_set(L->e, ERR_INTERNAL, "%s: repeat needs from >= 0 and count 1–10000",
                       DEMO_FILE);
    size_t i;
    for (json_int_t rep = 0; rep < count; rep++) {
        json_array_foreach (json_object_get(step, "rows"), i, r) {
            json_t *row = json_object();
            if (defaults)
                json_object_update(row, defaults);
            if (repeat) {
                json_t *one = instance(d, r, (long)(from + rep), (size_t)rep);
                json_object_update(row, one);
                json_decref(one);
            } else {
                json_object_update(row, r);
            }
            char *key = json_is_string(json_object_get(row, "key"))
                            ? xstrdup(json_string_value(json_object_get(row, "key")))
                            : NULL;
            json_object_del(row, "key");
            int rc = add_row(L, d, row, key);
            free(key);
            if (rc != 0)
                return -1;
        }
    }
    return 0;
}

int demo_load(db_conn *sc, err_t *e)
{
    char now[21];
    now_utc(now);
    demo_data batch;
    loader L = {sc, &batch, caller_system(), json_object(), atoi(now), 0, e};
    json_t *doc = demo_doc(e), *step;
    int rc = -1;
    size_t i;
    if (!doc)
        goto out;
    /* The batch refuses a database with consortia, inside its write
     * transaction, and marks the accounts as demo accounts at the end. */
    if (demo_data_begin(sc, &batch, e) != 0)
        goto out;
    json_array_foreach (json_object_get(doc, "steps"), i, step)
        if (run_step(&L, step) != 0) {
            demo_data_abort(&batch);
            goto out;
        }
    rc = demo_data_end(&batch, e);
out:
    json_decref(doc);
    json_decref(L.ids);
    return rc;
}

/* ---- the accounts table ---------------------------------------------------- */

/* Columns in a terminal: CJK and full-width characters take two. */
static int display_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int len;
        if (*p < 0x80)
            cp = *p, len = 1;
        else if ((*p & 0xE0) == 0xC0)
            cp = *p & 0x1F, len = 2;
        else if ((*p & 0xF0) == 0xE0)
            cp = *p & 0x0F, len = 3;
        else
            cp = *p & 0x07, len = 4;
        for (int k = 1; k < len && p[k]; k++)
            cp = (cp << 6) | (p[k] & 0x3F);
        for (int k = 0; k < len && *p; k++)
            p++;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6);
        w += wide ? 2 : 1;
    }
    return w;
}

static void put_col(FILE *out, const char *s, int width)
{
    fputs(s, out);
    for (int w = display_width(s); w < width; w++)
        fputc(' ', out);
}

static const char *str_or(json_t *v)
{
    return json_is_string(v) ? json_string_value(v) : "";
}

/* The "name" of the row keyed `key` anywhere in the document. */
static const char *name_of(json_t *doc, const char *key)
{
    json_t *step, *row;
    size_t i, j;
    if (!key)
        return NULL;
    json_array_foreach (json_object_get(doc, "steps"), i, step)
        json_array_foreach (json_object_get(step, "rows"), j, row) {
            const char *k = json_string_value(json_object_get(row, "key"));
            if (k && !strcmp(k, key))
                return json_string_value(json_object_get(row, "name"));
        }
    return NULL;
}

void demo_print_accounts(FILE *out)
{
    err_t e = ERR_INIT;
    json_t *doc = demo_doc(&e), *step, *u;
    size_t i, j;
    if (!doc) {
        fprintf(out, "(示例账号不可用 demo accounts unavailable: %s)\n", e.message);
        err_clear(&e);
        return;
    }
    const field_def *role_f = entity_field(entity_find("users"), "role");
    fputs("\n示例账号 Demo accounts — 仅在示例模式下存在，切勿用于生产环境\n"
          "(these accounts exist only in demo mode; never use them in production)\n\n",
          out);
    fputs("  ", out);
    put_col(out, "用户名 Username", 18);
    put_col(out, "密码 Password", 24);
    put_col(out, "角色 Role", 36);
    fputs("范围 Scope\n", out);
    json_array_foreach (json_object_get(doc, "steps"), i, step) {
        const char *entity = json_string_value(json_object_get(step, "entity"));
        if (!entity || strcmp(entity, "users") != 0)
            continue;
        json_array_foreach (json_object_get(step, "rows"), j, u) {
            const char *role = json_string_value(json_object_get(u, "role"));
            const enum_opt *o = entity_enum_lookup(role_f, role);
            char *role_s = xasprintf("%s %s", o ? o->zh : "", o ? o->en : role ? role : "");
            const char *scope =
                name_of(doc, json_string_value(json_object_get(u, "consortium_id")));
            if (!scope)
                scope = name_of(doc, json_string_value(json_object_get(u, "organization_id")));
            fputs("  ", out);
            put_col(out, str_or(json_object_get(u, "username")), 18);
            put_col(out, str_or(json_object_get(u, "password")), 24);
            put_col(out, role_s, 36);
            fprintf(out, "%s\n", scope ? scope : "全平台 whole platform");
            free(role_s);
        }
    }
    fputs("\n", out);
    fflush(out);
    json_decref(doc);
}
