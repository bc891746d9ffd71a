/*
 * fuzz_filekind.c — the content sniffer of uploads (src/core/filekind.c)
 * on any bytes: a ZIP central directory that lies about its offsets,
 * counts and sizes, a [Content_Types].xml that does not inflate, a PDF or
 * PNG header on garbage.
 *
 * Checks beyond the sanitizers: a kind is one of the five or none; a
 * refusal always has a message and an acceptance none; a kind's name and
 * type round-trip; the answer is the same on a second look (no state).
 */
#include <string.h>

#include "core/filekind.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    char msg[400], again[400];
    filekind k = filekind_sniff(data, size, msg, sizeof msg);
    FUZZ_CHECK(k >= FILEKIND_NONE && k <= FILEKIND_JPEG, "kind out of range: %d", (int)k);
    if (k == FILEKIND_NONE)
        FUZZ_CHECK(msg[0], "refused without a message");
    else {
        FUZZ_CHECK(!msg[0], "accepted with a message: %s", msg);
        FUZZ_CHECK(filekind_from_name(filekind_name(k)) == k, "name does not round-trip");
        FUZZ_CHECK(strchr(filekind_mime(k), '/'), "no content type");
    }
    FUZZ_CHECK(filekind_sniff(data, size, again, sizeof again) == k && !strcmp(msg, again),
               "a second look differs");
    return 0;
}
