/*
 * regions_bench.c — what reading a place costs (bench/regions.sh builds and
 * runs it): loading the shipped GB/T 2260 catalogue into a fresh database,
 * building the resolver's index from it (once per import), and
 * region_resolve() on each kind of cell an office writes — a code, a name,
 * a short name, province + city + county run together, the export's
 * "name code", an ambiguous name and an unknown one (which searches the
 * whole catalogue for suggestions).  CPU time per call, so a busy machine
 * disturbs it less than wall time.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "domain/auth.h"
#include "domain/region.h"
#include "io/catalog.h"
#include "store/store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000;
    char path[64];
    snprintf(path, sizeof path, "/tmp/cj-regions-bench-%d.db", (int)getpid());
    unlink(path);
    err_t e = ERR_INIT;
    store *st = NULL;
    if (auth_init() != 0 || store_open(path, &st, NULL, &e) != 0) {
        fprintf(stderr, "open: %s\n", e.message);
        return 1;
    }
    store_conn *sc = store_conn_get(st, &e);
    double t = now();
    size_t loaded = 0;
    if (!sc || catalog_load_shipped(sc, &loaded, &e) != 0) {
        fprintf(stderr, "catalogues: %s\n", e.message);
        return 1;
    }
    printf("%-40s %10.1f ms (%zu rows, three catalogues)\n", "load shipped catalogues",
           (now() - t) * 1e3, loaded);
    t = now();
    region_index *ix = NULL;
    for (int i = 0; i < 20; i++) {
        region_index_free(ix);
        ix = region_index_load(sc, &e);
    }
    printf("%-40s %10.2f ms (%zu regions)\n", "build the resolver index", (now() - t) / 20 * 1e3,
           region_index_size(ix));
    static const struct {
        const char *label, *cell;
        long div; /* suggestions scan the catalogue: fewer rounds */
    } cases[] = {{"code 450200", "450200", 1},
                 {"name 柳州市", "柳州市", 1},
                 {"short 柳州", "柳州", 1},
                 {"run together 广西柳州市", "广西柳州市", 1},
                 {"three levels 广西柳州市鱼峰区", "广西壮族自治区柳州市鱼峰区", 1},
                 {"export cell 柳州市 450200", "柳州市 450200", 1},
                 {"ambiguous 朝阳区", "朝阳区", 1},
                 {"unknown 柳洲市 (suggestions)", "柳洲市", 100}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char code[8], msg[512];
        long rounds = n / cases[c].div;
        t = now();
        for (long i = 0; i < rounds; i++)
            region_resolve(ix, cases[c].cell, code, msg, sizeof msg);
        printf("%-40s %10.0f ns\n", cases[c].label, (now() - t) / (double)rounds * 1e9);
    }
    region_index_free(ix);
    store_close(st);
    unlink(path);
    char p2[80];
    snprintf(p2, sizeof p2, "%s-wal", path);
    unlink(p2);
    snprintf(p2, sizeof p2, "%s-shm", path);
    unlink(p2);
    return 0;
}
