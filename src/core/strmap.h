/*
 * strmap.h — the one string-keyed hash table and the one string hash of
 * the code base.
 *
 * An open-addressing table (linear probing, power-of-two capacity, at most
 * half full) from NUL-terminated keys to a value slot the caller uses as an
 * integer or a pointer.  Keys are copied into arena blocks the map owns, so
 * a million keys cost a few hundred allocations, not a million; nothing is
 * ever removed (the uses are sets and memos that live for one import, one
 * batch or one process).  Iterate with `for (i = 0; i < m.cap; i++) if
 * (m.slots[i].key) …`.
 *
 * hash_str() is xxHash's XXH3 (libxxhash): the tables' hash, eight bytes
 * a step, so a long key (an INSERT's text, looked up once per row of an
 * import) costs a few nanoseconds, not one multiply per byte.  It is for
 * tables in memory only; a value that is kept or shown (an option's code,
 * entities_options.c) uses hash_fnv1a(), 64-bit FNV-1a, which must not
 * change.
 */
#ifndef CJ_STRMAP_H
#define CJ_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

uint64_t hash_fnv1a(const void *data, size_t len);
uint64_t hash_fnv1a_str(const char *s);
uint64_t hash_str(const char *s);

typedef struct {
    const char *key; /* NULL: an empty slot */
    uint64_t hash;
    union {
        int64_t i;
        void *p;
    } v;
} strmap_slot;

typedef struct strmap_block strmap_block;

typedef struct {
    strmap_slot *slots;
    size_t cap, n;
    strmap_block *blocks; /* the arena holding the keys */
} strmap;

void strmap_init(strmap *m);
/* Frees the table and the keys (not what values point to). */
void strmap_free(strmap *m);
/* The slot holding key, or NULL. */
strmap_slot *strmap_get(const strmap *m, const char *key);
/* The slot holding key, added (value zero, *added true) if absent.  The
 * pointer is good until the next strmap_put. */
strmap_slot *strmap_put(strmap *m, const char *key, bool *added);

#endif
