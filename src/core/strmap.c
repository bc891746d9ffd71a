/*
 * strmap.c — see strmap.h.
 */
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "core/util.h"

#define BLOCK_BYTES 65536

struct strmap_block {
    strmap_block *next;
    size_t used, size;
    char data[];
};

uint64_t hash_fnv1a(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

uint64_t hash_fnv1a_str(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

uint64_t hash_str(const char *s)
{
    return XXH3_64bits(s, strlen(s));
}

void strmap_init(strmap *m)
{
    memset(m, 0, sizeof *m);
}

void strmap_free(strmap *m)
{
    for (strmap_block *b = m->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static const char *keep(strmap *m, const char *key)
{
    size_t len = strlen(key) + 1;
    strmap_block *b = m->blocks;
    if (!b || b->size - b->used < len) {
        size_t size = len > BLOCK_BYTES ? len : BLOCK_BYTES;
        b = xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        b->next = m->blocks;
        m->blocks = b;
    }
    char *k = b->data + b->used;
    memcpy(k, key, len);
    b->used += len;
    return k;
}

/* The slot of key or the empty slot where it would go (cap > 0). */
static strmap_slot *probe(const strmap *m, const char *key, uint64_t h)
{
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        strmap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

strmap_slot *strmap_get(const strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    strmap_slot *s = probe(m, key, hash_str(key));
    return s->key ? s : NULL;
}

static void grow(strmap *m)
{
    size_t old = m->cap;
    strmap_slot *olds = m->slots;
    m->cap = old ? old * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < old; i++)
        if (olds[i].key) {
            size_t j = olds[i].hash & (m->cap - 1);
            while (m->slots[j].key)
                j = (j + 1) & (m->cap - 1);
            m->slots[j] = olds[i];
        }
    free(olds);
}

strmap_slot *strmap_put(strmap *m, const char *key, bool *added)
{
    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    uint64_t h = hash_str(key);
    strmap_slot *s = probe(m, key, h);
    if (added)
        *added = !s->key;
    if (!s->key) {
        s->key = keep(m, key);
        s->hash = h;
        s->v.i = 0;
        m->n++;
    }
    return s;
}
