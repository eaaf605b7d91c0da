/*
 * totp.c - one-time codes with liboath (see totp.h).
 */
#include "util/totp.h"
#include "util/html.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* liboath sets up its crypto library once per process. */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
    oath_init();
}

/* The secret's bytes into out; false when it is not base32 of the size. */
static bool secret_bytes(const char *secret, char out[TOTP_SECRET_BYTES])
{
    char *bin = NULL;
    size_t n = 0;
    pthread_once(&once, init);
    bool ok = secret && oath_base32_decode(secret, strlen(secret), &bin, &n) == OATH_OK &&
              n == TOTP_SECRET_BYTES;
    if (ok)
        memcpy(out, bin, n);
    free(bin);
    return ok;
}

void totp_secret_new(char out[TOTP_SECRET_SIZE])
{
    char bin[TOTP_SECRET_BYTES], *b32 = NULL;
    size_t n = 0;
    pthread_once(&once, init);
    randombytes_buf(bin, sizeof bin);
    if (oath_base32_encode(bin, sizeof bin, &b32, &n) != OATH_OK || n != TOTP_SECRET_SIZE - 1)
        abort(); /* 20 bytes always make 32 characters */
    memcpy(out, b32, n + 1);
    sodium_memzero(bin, sizeof bin);
    free(b32);
}

int64_t totp_check(const char *secret, const char *code, int64_t now, int64_t after_step)
{
    char key[TOTP_SECRET_BYTES];
    if (!code || strlen(code) != 6 || strspn(code, "0123456789") != 6 || !secret_bytes(secret, key))
        return -1;
    int pos = 0;
    int rc = oath_totp_validate2(key, sizeof key, (time_t)now, TOTP_STEP, 0, 1, &pos, code);
    sodium_memzero(key, sizeof key);
    if (rc < 0)
        return -1;
    int64_t step = now / TOTP_STEP + pos;
    return step > after_step ? step : -1;
}

bool totp_code(const char *secret, int64_t now, char out[7])
{
    char key[TOTP_SECRET_BYTES];
    if (!secret_bytes(secret, key))
        return false;
    bool ok = oath_totp_generate(key, sizeof key, (time_t)now, TOTP_STEP, 0, 6, out) == OATH_OK;
    sodium_memzero(key, sizeof key);
    return ok;
}

void totp_uri(struct buf *b, const char *issuer, const char *account, const char *secret)
{
    buf_puts(b, "otpauth://totp/");
    url_encode(b, issuer);
    buf_puts(b, ":");
    url_encode(b, account);
    buf_puts(b, "?secret=");
    buf_puts(b, secret);
    buf_puts(b, "&issuer=");
    url_encode(b, issuer);
    buf_printf(b, "&algorithm=SHA1&digits=6&period=%d", TOTP_STEP);
}
