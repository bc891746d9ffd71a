/*
 * fuzz_json.c — a request body of the entity routes (POST and PATCH
 * /api/v1/{things}), parsed as the server parses it (http_body_json:
 * json_loadb with JSON_REJECT_DUPLICATES, an object required) and
 * validated against every entity's description (entity_validate, create
 * and update, then the entity's cross-field check on what was accepted),
 * plus every string value as a spreadsheet cell of the field it names
 * (entity_parse_text, the import and filter path).
 *
 * Checks beyond the sanitizers: what validation accepts is a fixed point
 * — the normalised values validate again, to the same values — and holds
 * no read-only or unknown field; a refusal has a message and names the
 * fields it refuses.
 */
#include <jansson.h>
#include <string.h>

#include "schema/entity.h"
#include "fuzz.h"

static void check_entity(const entity_def *d, json_t *in, bool create)
{
    err_t e = ERR_INIT;
    json_t *out = json_object();
    if (entity_validate(d, in, create, out, &e) != 0) {
        FUZZ_CHECK(e.message[0], "%s: refused without a message", d->name);
        FUZZ_CHECK(e.code == ERR_BAD_REQUEST || json_object_size(e.details) > 0,
                   "%s: invalid without field details", d->name);
        err_clear(&e);
        json_decref(out);
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach (out, key, v) {
        const field_def *f = entity_field(d, key);
        FUZZ_CHECK(f && !(f->flags & F_READONLY), "%s: accepted field %s", d->name, key);
    }
    json_t *again = json_object();
    FUZZ_CHECK(entity_validate(d, out, create, again, &e) == 0,
               "%s: accepted values refused on a second pass: %s", d->name, e.message);
    FUZZ_CHECK(json_equal(out, again), "%s: values changed on a second pass", d->name);
    json_decref(again);
    if (d->validate)
        d->validate(d, out, &e);
    err_clear(&e);
    json_decref(out);
}

static void check_body(const entity_def *d, json_t *in)
{
    check_entity(d, in, true);
    check_entity(d, in, false);
    const char *key;
    json_t *v;
    json_object_foreach (in, key, v) {
        const field_def *f = entity_field(d, key);
        if (!f || !json_is_string(v))
            continue;
        char msg[512] = "";
        json_t *cell = entity_parse_text(f, json_string_value(v), msg, sizeof msg);
        FUZZ_CHECK(cell || msg[0], "%s.%s: cell refused without a message", d->name, key);
        json_decref(cell);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t je;
    json_t *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
    if (!in)
        return 0;
    if (!json_is_object(in)) {
        json_decref(in);
        return 0;
    }
    const entity_def *best = entity_all[0];
    size_t best_known = 0, n = 0;
    for (const entity_def *const *d = entity_all; *d; d++, n++) {
        size_t known = 0;
        const char *key;
        json_t *v;
        json_object_foreach (in, key, v)
            known += entity_field(*d, key) != NULL;
        if (known > best_known) {
            best = *d;
            best_known = known;
        }
    }
    check_body(best, in);
    if (entity_all[size % n] != best)
        check_body(entity_all[size % n], in);
    json_decref(in);
    return 0;
}
