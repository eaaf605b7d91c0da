/*
 * hmap.c - open-addressing (linear probing) hash map, bytes -> int64.
 *
 * No deletion: import maps only grow and are cleared as a whole, which keeps
 * probing simple (no tombstones). Load factor is kept under 1/2. Slots are
 * allocated on a 64-byte boundary, so each is one cache line (hmap.h).
 */
#include "util/hmap.h"
#include "util/mem.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static_assert(sizeof(struct hmap_entry) == 64, "a slot is one cache line");
static_assert(HMAP_INLINE >= sizeof(char *), "a long key's pointer fits in the slot");

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

static struct hmap_entry *alloc_slots(size_t cap)
{
    size_t bytes = cap * sizeof(struct hmap_entry);
    struct hmap_entry *slots = aligned_alloc(64, bytes);
    if (!slots) {
        fprintf(stderr, "peel: out of memory allocating %zu bytes\n", bytes);
        abort();
    }
    memset(slots, 0, bytes);
    return slots;
}

/* An occupied slot whose key is allocated apart. */
static int is_long(const struct hmap_entry *e)
{
    return e->len1 > HMAP_INLINE + 1;
}

/* The key of an occupied slot: in the slot, or where its pointer says. */
static const char *key_of(const struct hmap_entry *e)
{
    if (!is_long(e))
        return e->key;
    const char *p;
    memcpy(&p, e->key, sizeof p);
    return p;
}

void hmap_init(struct hmap *m)
{
    m->cap = 64;
    m->count = 0;
    m->slots = alloc_slots(m->cap);
}

void hmap_clear(struct hmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (is_long(&m->slots[i]))
            free((void *)key_of(&m->slots[i]));
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
    uint32_t len1 = (uint32_t)keylen + 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct hmap_entry *e = &slots[i];
        if (!e->len1)
            return e;
        if (e->hash == h && e->len1 == len1 && memcmp(key_of(e), key, keylen) == 0)
            return e;
    }
}

/* The empty slot a key of hash h goes to in slots that hold no equal key. */
static struct hmap_entry *free_slot(struct hmap_entry *slots, size_t cap, uint64_t h)
{
    size_t mask = cap - 1;
    size_t i = h & mask;
    while (slots[i].len1)
        i = (i + 1) & mask;
    return &slots[i];
}

static void grow(struct hmap *m)
{
    size_t ncap = m->cap * 2;
    struct hmap_entry *ns = alloc_slots(ncap);
    for (size_t i = 0; i < m->cap; i++) {
        struct hmap_entry *e = &m->slots[i];
        if (e->len1)
            *free_slot(ns, ncap, e->hash) = *e;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
}

int64_t *hmap_get(const struct hmap *m, const void *key, size_t keylen)
{
    struct hmap_entry *e = find_slot(m->slots, m->cap, hash_bytes(key, keylen), key, keylen);
    return e->len1 ? &e->value : NULL;
}

const char *hmap_key(const int64_t *value, size_t *len)
{
    const struct hmap_entry *e =
        (const struct hmap_entry *)((const char *)value - offsetof(struct hmap_entry, value));
    assert(e->len1 > 0 && "a value of an occupied slot");
    *len = e->len1 - 1;
    return key_of(e);
}

int64_t *hmap_put(struct hmap *m, const void *key, size_t keylen, int *inserted)
{
    assert(m->slots && "hmap_init not called");
    assert(keylen < UINT32_MAX);
    if (2 * (m->count + 1) > m->cap)
        grow(m);
    uint64_t h = hash_bytes(key, keylen);
    struct hmap_entry *e = find_slot(m->slots, m->cap, h, key, keylen);
    if (inserted)
        *inserted = e->len1 == 0;
    if (!e->len1) {
        if (keylen <= HMAP_INLINE) {
            memcpy(e->key, key, keylen);
        } else {
            char *p = xmalloc(keylen);
            memcpy(p, key, keylen);
            memcpy(e->key, &p, sizeof p);
        }
        e->len1 = (uint32_t)keylen + 1;
        e->hash = h;
        e->value = 0;
        m->count++;
    }
    return &e->value;
}
