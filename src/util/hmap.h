/*
 * hmap.h - a hash map from byte strings to 64-bit integers.
 *
 * Import interns repeated strings (force names, crime types, LSOAs, street
 * locations) to small integer ids, and counts rollup cells keyed by a packed
 * struct of ids; both are "bytes -> int64" lookups on the hot path, so one
 * open-addressing table serves them. Keys are copied; values are the
 * caller's.
 */
#ifndef PEEL_HMAP_H
#define PEEL_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_entry {
    uint64_t hash;
    char *key; /* NULL marks an empty slot */
    size_t keylen;
    int64_t value;
};

struct hmap {
    struct hmap_entry *slots;
    size_t cap;   /* power of two */
    size_t count; /* occupied slots */
};

void hmap_init(struct hmap *m);
void hmap_free(struct hmap *m);
void hmap_clear(struct hmap *m);
/* Pointer to the value for key, or NULL when absent. */
int64_t *hmap_get(const struct hmap *m, const void *key, size_t keylen);
/* Pointer to the value for key, inserting it with value 0 when absent;
 * *inserted (if not NULL) says which happened. */
int64_t *hmap_put(struct hmap *m, const void *key, size_t keylen, int *inserted);
/* Iteration: for (size_t i = 0; i < m->cap; i++) if (m->slots[i].key) ... */

uint64_t hash_bytes(const void *data, size_t n);

#endif
