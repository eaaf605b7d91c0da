/*
 * sha256.h - SHA-256, computed as bytes stream past (libsodium).
 *
 * Imports record the SHA-256 of every file they load, and published reports
 * the SHA-256 of every file they hold, so that a figure can be traced to
 * the exact bytes it came from and compared with the hashes listed in a
 * data set's provenance notes (`sha256sum FILE`). A streaming digest lets
 * the importer hash a file while reading it once. The digest itself is
 * libsodium's, a well-kept library, not Peel's own.
 */
#ifndef PEEL_SHA256_H
#define PEEL_SHA256_H

#include <sodium.h>
#include <stddef.h>

#define SHA256_HEX_SIZE 65 /* 64 hex digits + NUL */

struct sha256 {
    crypto_hash_sha256_state state;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* Finishes the digest into hex (lower case); c must be re-initialised to
 * be used again. */
void sha256_hex(struct sha256 *c, char hex[SHA256_HEX_SIZE]);
/* The SHA-256 of n bytes at once. */
void sha256_of(const void *data, size_t n, char hex[SHA256_HEX_SIZE]);

#endif
