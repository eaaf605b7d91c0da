/*
 * sha256.c - SHA-256 through OpenSSL's EVP interface (see sha256.h).
 */
#include "util/sha256.h"

#include <assert.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

/* EVP fails only when it cannot allocate or find its built-in SHA-256,
 * which leaves nothing sensible to do: stop, as xmalloc does. */
static void must(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "peel: OpenSSL cannot %s\n", what);
        abort();
    }
}

void sha256_init(struct sha256 *c)
{
    c->ctx = EVP_MD_CTX_new();
    must(c->ctx != NULL, "allocate a SHA-256 digest");
    must(EVP_DigestInit_ex(c->ctx, EVP_sha256(), NULL), "begin a SHA-256 digest");
}

void sha256_update(struct sha256 *c, const void *data, size_t n)
{
    assert(c->ctx && "sha256_update on a digest not begun");
    if (n)
        must(EVP_DigestUpdate(c->ctx, data, n), "extend a SHA-256 digest");
}

/* libsodium's hex, as the rest of Peel prints digests and tokens. */
static void to_hex(const unsigned char *digest, unsigned int n, char hex[SHA256_HEX_SIZE])
{
    assert(2 * n + 1 == SHA256_HEX_SIZE);
    sodium_bin2hex(hex, SHA256_HEX_SIZE, digest, n);
}

void sha256_hex(struct sha256 *c, char hex[SHA256_HEX_SIZE])
{
    assert(c->ctx && "sha256_hex on a digest not begun");
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    must(EVP_DigestFinal_ex(c->ctx, digest, &n), "finish a SHA-256 digest");
    to_hex(digest, n, hex);
    sha256_discard(c);
}

void sha256_discard(struct sha256 *c)
{
    EVP_MD_CTX_free(c->ctx); /* NULL is allowed */
    c->ctx = NULL;
}

void sha256_of(const void *data, size_t n, char hex[SHA256_HEX_SIZE])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    must(EVP_Digest(data, n, digest, &len, EVP_sha256(), NULL), "compute a SHA-256 digest");
    to_hex(digest, len, hex);
}
