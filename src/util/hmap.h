/*
 * hmap.h - a hash map from byte strings to 64-bit integers.
 *
 * Import interns repeated strings (force names, crime types, LSOAs, street
 * locations) to small integer ids, and counts rollup cells keyed by a packed
 * struct of ids; both are "bytes -> int64" lookups on the hot path, so one
 * open-addressing table serves them. Keys are copied; values are the
 * caller's.
 *
 * A slot is one 64-byte cache line holding the hash, the value and a key
 * of up to HMAP_INLINE bytes (longer keys are allocated, their pointer in
 * the slot): a hit on a short key reads one line. With each key allocated
 * apart, every hit read two (the slot, then the key), and interning the
 * 26k LSOAs of a year's import missed the cache twice a row.
 */
#ifndef PEEL_HMAP_H
#define PEEL_HMAP_H

#include <stddef.h>
#include <stdint.h>

#define HMAP_INLINE 44

struct hmap_entry {
    uint64_t hash;
    int64_t value;
    uint32_t len1;         /* key length + 1; 0 marks an empty slot */
    char key[HMAP_INLINE]; /* the key, or a pointer to it when longer */
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
 * *inserted (if not NULL) says which happened. The pointer is valid until
 * the next hmap_put or hmap_clear. */
int64_t *hmap_put(struct hmap *m, const void *key, size_t keylen, int *inserted);

/* The key of the entry whose value is at value (as hmap_get or hmap_put
 * gave it), *len its length: valid as the value is, until the next
 * hmap_put, hmap_clear or hmap_free. */
const char *hmap_key(const int64_t *value, size_t *len);

uint64_t hash_bytes(const void *data, size_t n);

#endif
