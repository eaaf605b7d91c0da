/*
 * password.h - staff passwords: stored only as argon2id hashes (libsodium's
 * crypto_pwhash_str_alg, which salts each one and writes its parameters
 * into the hash, so they can be raised later without breaking old ones),
 * and new ones made at random for an account or a reset.
 *
 * The parameters are libsodium's "interactive" ones (2 passes, 64 MiB),
 * above OWASP's argon2id minimum (19 MiB, 2 passes): a sign-in costs about
 * a tenth of a second, which sign-in rate limits must allow for.
 */
#ifndef PEEL_UTIL_PASSWORD_H
#define PEEL_UTIL_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_HASH_SIZE  128 /* crypto_pwhash_STRBYTES, with its NUL */
#define PASSWORD_MIN_LENGTH 12  /* characters, as NCSC and NIST SP 800-63B advise */
#define PASSWORD_MAX_BYTES  256 /* a cap on what is hashed: argon2 takes any length */
#define PASSWORD_NEW_LENGTH 20  /* characters of a new password: 99 bits */

/* Why a password may not be used ("shorter than 12 characters", ...), or
 * NULL when it may. */
const char *password_refused(const char *password);
/* The argon2id hash of password into out; false when memory for it could
 * not be had (the message is the caller's). */
bool password_hash(const char *password, char out[PASSWORD_HASH_SIZE]);
/* Whether password is the one hash was made from (constant time). */
bool password_matches(const char *hash, const char *password);
/* A new random password, PASSWORD_NEW_LENGTH characters from an alphabet
 * without look-alikes (no 0/O, 1/l/I), so it can be read out and typed. */
void password_new(char out[PASSWORD_NEW_LENGTH + 1]);

#endif
