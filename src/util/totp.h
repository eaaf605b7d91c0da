/*
 * totp.h - time-based one-time passwords (RFC 6238), the optional second
 * factor of a staff sign-in.
 *
 * The arithmetic is liboath's (Debian liboath, the OATH Toolkit): HMAC-SHA1,
 * 6 digits, 30-second steps, what every authenticator app takes from an
 * otpauth:// URI. A code is accepted from the step before now to the step
 * after (a phone's clock a little off), and only when its step is later
 * than the last one used, so a code seen over a shoulder cannot be used
 * twice.
 */
#ifndef PEEL_UTIL_TOTP_H
#define PEEL_UTIL_TOTP_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

#define TOTP_SECRET_BYTES 20 /* 160 bits, RFC 4226's recommended length */
#define TOTP_SECRET_SIZE  33 /* its base32 (32 characters) and a NUL */
#define TOTP_STEP         30 /* seconds */

/* A new random secret, as base32. */
void totp_secret_new(char out[TOTP_SECRET_SIZE]);
/* The step of a code valid for secret at now, later than after_step;
 * -1 when the code is not one (or is one already used). */
int64_t totp_check(const char *secret, const char *code, int64_t now, int64_t after_step);
/* The code of secret at now (for tests, and to show a new secret works). */
bool totp_code(const char *secret, int64_t now, char out[7]);
/* The otpauth:// URI an authenticator app reads (typed, or as a link on a
 * phone), for account at issuer. */
void totp_uri(struct buf *b, const char *issuer, const char *account, const char *secret);

#endif
