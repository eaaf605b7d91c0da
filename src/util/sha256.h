/*
 * sha256.h - SHA-256 (FIPS 180-4), computed as bytes stream past.
 *
 * Imports record the SHA-256 of every file they load, so that a figure can
 * be traced to the exact bytes it came from and compared with the hashes
 * listed in a data set's provenance notes (`sha256sum FILE`). Peel links no
 * crypto library, and a streaming digest lets the importer hash a file
 * while reading it once.
 */
#ifndef PEEL_SHA256_H
#define PEEL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_SIZE 65 /* 64 hex digits + NUL */

struct sha256 {
    uint32_t h[8];
    uint64_t bytes;          /* message length so far */
    unsigned char block[64]; /* the partial block */
    size_t used;             /* bytes in block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* Finishes the digest into hex (lower case); c must be re-initialised to
 * be used again. */
void sha256_hex(struct sha256 *c, char hex[SHA256_HEX_SIZE]);

#endif
