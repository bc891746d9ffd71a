/*
 * fuzz.h — what the harnesses in tests/fuzz/ share.
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput() for one reader of
 * untrusted input and is built twice: with libFuzzer (make fuzz, clang,
 * -fsanitize=fuzzer,address,undefined, in build-fuzz/) to search for
 * crashes, and with replay.c in the normal and sanitizer builds, where
 * ctest's fuzz/<name> runs it once over every file of
 * tests/fuzz/corpus/<name>/ — the seeds and every past finding, so a
 * finding fixed stays fixed.
 *
 * A harness checks more than "no crash": FUZZ_CHECK states what must hold
 * of the output (cells are UTF-8, tokens lie inside the text, a matching
 * is stable, ...) and aborts with the reason, which both drivers report
 * as a finding.
 */
#ifndef CJ_FUZZ_H
#define CJ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond);        \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The next part of data[0..size) up to the separator "\n%%\n" (or the
 * end): *part and *n are set, *pos moves past the separator.  Returns
 * false when nothing is left.  Harnesses that read several files take
 * them from one input this way. */
static inline int fuzz_next_part(const uint8_t *data, size_t size, size_t *pos,
                                 const uint8_t **part, size_t *n)
{
    static const char sep[] = "\n%%\n";
    if (*pos > size)
        return 0;
    size_t i = *pos;
    *part = data + i;
    for (; i + 4 <= size; i++)
        if (data[i] == sep[0] && data[i + 1] == sep[1] && data[i + 2] == sep[2] &&
            data[i + 3] == sep[3]) {
            *n = i - *pos;
            *pos = i + 4;
            return 1;
        }
    *n = size - *pos;
    *pos = size + 1;
    return 1;
}

#endif
