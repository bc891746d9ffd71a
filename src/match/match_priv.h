/*
 * match_priv.h — what the solver (match.c) and the reader of its files
 * (io/match_csv.c) share, and nobody else needs.
 */
#ifndef CJ_MATCH_PRIV_H
#define CJ_MATCH_PRIV_H

#include <stddef.h>

/*
 * Large arrays read or written at random (hash tables, transposes, heaps)
 * spend more time in TLB misses than in cache misses with 4 KB pages:
 * ask for transparent huge pages (2 MB) over the aligned middle of
 * p[0..n).  Only a hint: nothing changes where THP is off.
 */
void match_hugepages(void *p, size_t n);

/* xmalloc / xcalloc with the hint above for blocks of 4 MB and more. */
void *match_alloc(size_t n);
void *match_calloc(size_t n, size_t size);

#endif
