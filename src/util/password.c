/*
 * password.c - argon2id hashes and new passwords (see password.h).
 */
#include "util/password.h"
#include "util/utf8.h"

#include <assert.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const char *password_refused(const char *password)
{
    size_t n = strlen(password);
    if (n > PASSWORD_MAX_BYTES)
        return "longer than 256 bytes";
    long line, column;
    if (!utf8_valid(password, n, &line, &column))
        return "not UTF-8 text";
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)password[i] & 0xc0) != 0x80; /* not a continuation byte */
    if (chars < PASSWORD_MIN_LENGTH)
        return "shorter than 12 characters";
    return NULL;
}

bool password_hash(const char *password, char out[PASSWORD_HASH_SIZE])
{
    static_assert(PASSWORD_HASH_SIZE == crypto_pwhash_STRBYTES, "libsodium's hash size");
    if (sodium_init() < 0)
        return false;
    return crypto_pwhash_str_alg(
               out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
               crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool password_matches(const char *hash, const char *password)
{
    if (sodium_init() < 0)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void password_new(char out[PASSWORD_NEW_LENGTH + 1])
{
    /* 31 symbols: 4.95 bits each, 99 bits in 20 */
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    static_assert(sizeof alphabet - 1 == 31, "the alphabet");
    if (sodium_init() < 0)
        abort(); /* no randomness: nothing safe to do */
    for (size_t i = 0; i < PASSWORD_NEW_LENGTH; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[PASSWORD_NEW_LENGTH] = '\0';
}
