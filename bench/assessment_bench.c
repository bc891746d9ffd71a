/*
 * assessment_bench.c — the year's assessment's timings (run by
 * bench/assessment.sh, compiled against build/libcjcore.a):
 *
 *   assessment_bench DB CONSORTIUM YEAR ROUNDS
 *
 * On DB (a demo database, or search_bench's 1 M-row one) as the system
 * caller: assessment_create of YEAR for CONSORTIUM (the framework for its
 * kind, every leaf's measure taken), then assessment_compute ROUNDS
 * times, assessment_get ROUNDS times (the whole answer, with goals), then
 * assessment_submit once (recompute, snapshot, version).  Prints the
 * number of leaves and of failed measures, and milliseconds: create,
 * compute p50 / max, get p50 / max, submit, the snapshot's size.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/assessment.h"
#include "domain/db.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void leaves(json_t *nodes, int *n, int *failed)
{
    size_t i;
    json_t *x;
    json_array_foreach (nodes, i, x) {
        json_t *kids = json_object_get(x, "children");
        if (json_array_size(kids))
            leaves(kids, n, failed);
        else {
            (*n)++;
            if (json_is_string(json_object_get(x, "error")))
                (*failed)++;
        }
    }
}

static int fail(err_t *e, const char *what)
{
    fprintf(stderr, "assessment_bench: %s: %s\n", what, e->message);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fputs("usage: assessment_bench DB CONSORTIUM YEAR ROUNDS\n", stderr);
        return 2;
    }
    long long cid = atoll(argv[2]);
    int year = atoi(argv[3]), rounds = atoi(argv[4]);
    if (rounds < 1)
        rounds = 1;
    err_t e = ERR_INIT;
    db *d = NULL;
    db_conn *sc = NULL;
    if (db_open(argv[1], &d, NULL, &e) != 0 || !(sc = db_conn_get(d, &e)))
        return fail(&e, "open");
    caller_t sys = caller_system();
    json_t *in = json_pack("{s:i}", "year", year), *out = NULL;
    double t0 = now_ms();
    if (assessment_create(sc, &sys, cid, in, &out, &e) != 0)
        return fail(&e, "create");
    double create = now_ms() - t0;
    json_decref(in);
    int64_t aid = json_integer_value(json_object_get(out, "id"));
    int n = 0, failed = 0;
    leaves(json_object_get(out, "indicators"), &n, &failed);
    json_decref(out);
    double *comp = calloc((size_t)rounds, sizeof *comp), *get = calloc((size_t)rounds, sizeof *get);
    for (int i = 0; i < rounds; i++) {
        t0 = now_ms();
        if (assessment_compute(sc, &sys, aid, &out, &e) != 0)
            return fail(&e, "compute");
        comp[i] = now_ms() - t0;
        json_decref(out);
        t0 = now_ms();
        if (assessment_get(sc, &sys, aid, &out, &e) != 0)
            return fail(&e, "get");
        get[i] = now_ms() - t0;
        json_decref(out);
    }
    t0 = now_ms();
    if (assessment_submit(sc, &sys, aid, &out, &e) != 0)
        return fail(&e, "submit");
    double submit = now_ms() - t0;
    char *snap = json_dumps(out, JSON_COMPACT);
    size_t snap_len = strlen(snap);
    free(snap);
    json_decref(out);
    qsort(comp, (size_t)rounds, sizeof *comp, cmp);
    qsort(get, (size_t)rounds, sizeof *get, cmp);
    printf("consortium %lld, %d: %d leaves (%d measures failed: not in this build's library)\n",
           cid, year, n, failed);
    printf("create %.1f ms; compute p50 %.1f ms, max %.1f ms; get p50 %.1f ms, max %.1f ms "
           "(%d rounds); submit %.1f ms; snapshot %zu bytes\n",
           create, comp[rounds / 2], comp[rounds - 1], get[rounds / 2], get[rounds - 1], rounds,
           submit, snap_len);
    free(comp);
    free(get);
    db_close(d);
    return 0;
}
