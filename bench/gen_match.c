/*
 * gen_match.c — a random matching market for bench/match.sh, written as
 * the three CSV files of `chanjiao match`:
 *
 *   gen_match STUDENTS CHOICES POSITIONS DIR [SEED]
 *
 * Each student lists CHOICES distinct positions (popularity skewed: a few
 * positions are wanted by many), ranks 1..CHOICES.  Capacities are 1..21
 * (about 11 on average, so 100 k positions hold ~1.1 M seats).  Each
 * position ranks every student who listed it, by a random score.  Plain C
 * because Python takes ~20 s to write 20 M rows twice.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: gen_match STUDENTS CHOICES POSITIONS DIR [SEED]\n");
        return 2;
    }
    uint32_t ns = (uint32_t)strtoul(argv[1], NULL, 10);
    uint32_t k = (uint32_t)strtoul(argv[2], NULL, 10);
    uint32_t np = (uint32_t)strtoul(argv[3], NULL, 10);
    const char *dir = argv[4];
    rng_state = argc > 5 ? strtoull(argv[5], NULL, 10) : 42;
    if (k > np)
        k = np;

    FILE *c = open_out(dir, "C.csv");
    fputs("position,capacity\n", c);
    for (uint32_t p = 0; p < np; p++)
        fprintf(c, "p%06u,%u\n", p, (unsigned)(1 + rnd() % 21));
    fclose(c);

    uint32_t *choice = malloc((size_t)ns * k * sizeof *choice);
    uint32_t *count = calloc((size_t)np + 1, sizeof *count);
    FILE *s = open_out(dir, "S.csv");
    fputs("student,position,rank\n", s);
    for (uint32_t i = 0; i < ns; i++) {
        uint32_t *mine = choice + (size_t)i * k;
        for (uint32_t j = 0; j < k; j++) {
            uint32_t p;
            for (;;) {
                /* skew: squaring a uniform favours low-numbered positions */
                double u = (double)(rnd() >> 11) / 9007199254740992.0;
                p = (uint32_t)(u * u * np);
                if (p >= np)
                    p = np - 1;
                uint32_t x = 0;
                while (x < j && mine[x] != p)
                    x++;
                if (x == j)
                    break;
            }
            mine[j] = p;
            count[p]++;
            fprintf(s, "s%07u,p%06u,%u\n", i, p, j + 1);
        }
    }
    fclose(s);

    /* bucket by position: key = random score << 32 | student */
    uint64_t *off = calloc((size_t)np + 1, sizeof *off);
    for (uint32_t p = 0; p < np; p++)
        off[p + 1] = off[p] + count[p];
    uint64_t *key = malloc((size_t)ns * k * sizeof *key + 1);
    uint64_t *fill = malloc(((size_t)np + 1) * sizeof *fill);
    memcpy(fill, off, ((size_t)np + 1) * sizeof *fill);
    for (uint32_t i = 0; i < ns; i++)
        for (uint32_t j = 0; j < k; j++)
            key[fill[choice[(size_t)i * k + j]]++] = (rnd() & 0xffffffff00000000ull) | i;
    free(choice);
    FILE *pf = open_out(dir, "P.csv");
    fputs("position,student,rank\n", pf);
    for (uint32_t p = 0; p < np; p++) {
        qsort(key + off[p], count[p], sizeof *key, cmp_u64);
        for (uint32_t r = 0; r < count[p]; r++)
            fprintf(pf, "p%06u,s%07u,%u\n", p, (uint32_t)key[off[p] + r], r + 1);
    }
    fclose(pf);
    free(key);
    free(fill);
    free(off);
    free(count);
    return 0;
}
