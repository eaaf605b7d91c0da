/*
 * sha256.h - SHA-256, computed as bytes stream past (OpenSSL's libcrypto).
 *
 * Imports record the SHA-256 of every file they load, and published reports
 * the SHA-256 of every file they hold, so that a figure can be traced to
 * the exact bytes it came from and compared with the hashes listed in a
 * data set's provenance notes (`sha256sum FILE`). A streaming digest lets
 * the importer hash a file while reading it once. The digest itself is
 * OpenSSL's EVP SHA-256, a well-kept library, not Peel's own: it uses the
 * CPU's SHA instructions where there are any (about 1.5 GB/s on the
 * benchmark machine, against 0.3 GB/s for libsodium's portable code, which
 * was a fifth of an import's CPU; bench/README.md).
 *
 * EVP keeps a digest's state on the heap: a digest begun with sha256_init
 * is released by sha256_hex, or by sha256_discard when it is abandoned.
 */
#ifndef PEEL_SHA256_H
#define PEEL_SHA256_H

#include <stddef.h>

#define SHA256_HEX_SIZE 65 /* 64 hex digits + NUL */

struct evp_md_ctx_st; /* OpenSSL's EVP_MD_CTX, kept out of every includer */

struct sha256 {
    struct evp_md_ctx_st *ctx; /* NULL once finished or discarded */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* Finishes the digest into hex (lower case) and releases it; c must be
 * re-initialised to be used again. */
void sha256_hex(struct sha256 *c, char hex[SHA256_HEX_SIZE]);
/* Releases a digest that will not be finished; does nothing to one that
 * was finished, discarded, or zeroed and never begun. */
void sha256_discard(struct sha256 *c);
/* The SHA-256 of n bytes at once. */
void sha256_of(const void *data, size_t n, char hex[SHA256_HEX_SIZE]);

#endif
