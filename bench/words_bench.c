/*
 * words_bench.c — nanoseconds per cell of the readers everyday words go
 * through (bench/words.sh builds and runs it): entity_parse_text() on an
 * integer, a date and a yes/no cell, and entity_enum_lookup() on a value,
 * a label, a synonym, a full-width synonym and a word that names nothing,
 * then entity_enum_suggest() on a typo.  Built with -DWORDS_BASE against
 * the library of an older build it times what that build has (no
 * suggestions), for the comparison.  CPU time, so a busy machine
 * disturbs it less than wall time.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schema/entity.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const field_def *field_of(const char *entity, const char *name)
{
    const entity_def *d = entity_find(entity);
    return d ? entity_field(d, name) : NULL;
}

static void parse(const char *label, const field_def *f, const char *cell, long n)
{
    char msg[256];
    double t = now();
    for (long i = 0; i < n; i++) {
        json_t *v = entity_parse_text(f, cell, msg, sizeof msg);
        json_decref(v);
    }
    printf("%-34s %8.1f ns\n", label, (now() - t) / (double)n * 1e9);
}

static void lookup(const char *label, const field_def *f, const char *word, long n)
{
    volatile const void *sink = NULL;
    double t = now();
    for (long i = 0; i < n; i++)
        sink = entity_enum_lookup(f, word);
    (void)sink;
    printf("%-34s %8.1f ns\n", label, (now() - t) / (double)n * 1e9);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    const field_def *count = field_of("demand", "headcount");
    const field_def *edu = field_of("demand", "education");
    const field_def *consent = field_of("students", "consent");
    const field_def *on = field_of("trainings", "starts_on");
    parse("parse integer \"23\"", count, "23", n);
    parse("parse date \"2025-03-01\"", on, "2025-03-01", n);
    parse("parse yes/no \"是\"", consent, "是", n);
    lookup("enum by value \"higher\"", edu, "higher", n);
    lookup("enum by label \"研究生\"", edu, "研究生", n);
    lookup("enum by synonym \"硕士\"", edu, "硕士", n);
    lookup("enum by full-width \"ＨＩＧＨＥＲ\"", edu, "ＨＩＧＨＥＲ", n);
    lookup("enum, no such word \"本课\"", edu, "本课", n);
#ifndef WORDS_BASE
    volatile const void *sink = NULL;
    double t = now();
    for (long i = 0; i < n / 10; i++)
        sink = entity_enum_suggest(edu, "本课");
    (void)sink;
    printf("%-34s %8.1f ns\n", "suggest for \"本课\"", (now() - t) / (double)(n / 10) * 1e9);
#endif
    return 0;
}
