/*
 * sha256.c - SHA-256 through libsodium (see sha256.h).
 */
#include "util/sha256.h"

#include <assert.h>

void sha256_init(struct sha256 *c)
{
    /* sodium_init() is idempotent and thread-safe; it picks the fastest
     * implementation for this CPU. */
    int rc = sodium_init();
    assert(rc >= 0 && "libsodium cannot initialise");
    (void)rc;
    crypto_hash_sha256_init(&c->state);
}

void sha256_update(struct sha256 *c, const void *data, size_t n)
{
    crypto_hash_sha256_update(&c->state, data, n);
}

void sha256_hex(struct sha256 *c, char hex[SHA256_HEX_SIZE])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&c->state, digest);
    sodium_bin2hex(hex, SHA256_HEX_SIZE, digest, sizeof digest);
}

void sha256_of(const void *data, size_t n, char hex[SHA256_HEX_SIZE])
{
    struct sha256 c;
    sha256_init(&c);
    sha256_update(&c, data, n);
    sha256_hex(&c, hex);
}
