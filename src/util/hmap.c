/*
 * hmap.c - open-addressing (linear probing) hash map, bytes -> int64.
 *
 * No deletion: import maps only grow and are cleared as a whole, which keeps
 * probing simple (no tombstones). Load factor is kept under 1/2.
 */
#include "util/hmap.h"
#include "util/mem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a on 8-byte words then a final mix: cheap for the short keys seen
 * here (ids, crime types) and good enough spread for linear probing. */
uint64_t hash_bytes(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 1099511628211ULL;
        p += 8;
        n -= 8;
    }
    while (n--)
        h = (h ^ *p++) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

void hmap_init(struct hmap *m)
{
    m->cap = 64;
    m->count = 0;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
}

void hmap_clear(struct hmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->count = 0;
}

void hmap_free(struct hmap *m)
{
    if (!m->slots)
        return;
    hmap_clear(m);
    free(m->slots);
    m->slots = NULL;
    m->cap = 0;
}

static struct hmap_entry *find_slot(struct hmap_entry *slots, size_t cap, uint64_t h,
                                    const void *key, size_t keylen)
{
    size_t mask = cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct hmap_entry *e = &slots[i];
        if (!e->key)
            return e;
        if (e->hash == h && e->keylen == keylen && memcmp(e->key, key, keylen) == 0)
            return e;
    }
}

static void grow(struct hmap *m)
{
    size_t ncap = m->cap * 2;
    struct hmap_entry *ns = xcalloc(ncap, sizeof *ns);
    for (size_t i = 0; i < m->cap; i++) {
        struct hmap_entry *e = &m->slots[i];
        if (e->key)
            *find_slot(ns, ncap, e->hash, e->key, e->keylen) = *e;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
}

int64_t *hmap_get(const struct hmap *m, const void *key, size_t keylen)
{
    struct hmap_entry *e = find_slot(m->slots, m->cap, hash_bytes(key, keylen), key, keylen);
    return e->key ? &e->value : NULL;
}

int64_t *hmap_put(struct hmap *m, const void *key, size_t keylen, int *inserted)
{
    assert(m->slots && "hmap_init not called");
    if (2 * (m->count + 1) > m->cap)
        grow(m);
    uint64_t h = hash_bytes(key, keylen);
    struct hmap_entry *e = find_slot(m->slots, m->cap, h, key, keylen);
    if (inserted)
        *inserted = e->key == NULL;
    if (!e->key) {
        /* +1 so that empty keys still get a non-NULL pointer */
        e->key = xmalloc(keylen + 1);
        memcpy(e->key, key, keylen);
        e->key[keylen] = '\0';
        e->keylen = keylen;
        e->hash = h;
        e->value = 0;
        m->count++;
    }
    return &e->value;
}
