/*
 * session.c - session and CSRF tokens (see session.h).
 */
#include "web/session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void session_token_new(char out[SESSION_TOKEN_SIZE])
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2hex(out, SESSION_TOKEN_SIZE, bytes, sizeof bytes);
    sodium_memzero(bytes, sizeof bytes);
}

static bool is_token(const char *s, size_t n)
{
    return n == SESSION_TOKEN_SIZE - 1 && strspn(s, "0123456789abcdef") >= n;
}

bool session_cookie(const char *header, const char *name, char out[SESSION_TOKEN_SIZE])
{
    size_t nlen = strlen(name);
    for (const char *p = header; p && *p;) {
        p += strspn(p, " \t;");
        size_t len = strcspn(p, ";");
        if (len > nlen && memcmp(p, name, nlen) == 0 && p[nlen] == '=') {
            const char *v = p + nlen + 1;
            size_t vlen = len - nlen - 1;
            while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
                vlen--;
            if (!is_token(v, vlen))
                return false;
            memcpy(out, v, vlen);
            out[vlen] = '\0';
            return true;
        }
        p += len;
    }
    return false;
}

void session_token_hash(const char *token, char out[SHA256_HEX_SIZE])
{
    sha256_of(token, strlen(token), out);
}

void session_csrf(const char *token, char out[SESSION_TOKEN_SIZE])
{
    /* the token is the key: knowing the CSRF token (it is in every page's
     * forms) gives no way back to the session's token */
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    static const char what[] = "peel csrf v1";
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)token, strlen(token));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)what, sizeof what - 1);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(out, SESSION_TOKEN_SIZE, mac, sizeof mac);
}

bool session_tokens_equal(const char *a, const char *b)
{
    if (!a || !b || strlen(a) != SESSION_TOKEN_SIZE - 1 || strlen(b) != SESSION_TOKEN_SIZE - 1)
        return false;
    return sodium_memcmp(a, b, SESSION_TOKEN_SIZE - 1) == 0;
}

bool session_expired(int64_t started, int64_t seen, int64_t now)
{
    return now - seen > SESSION_IDLE || now - started > SESSION_ABSOLUTE || now < started;
}

void session_set_cookie(char *out, size_t size, const char *name, const char *token, int max_age)
{
    if (!token)
        snprintf(out, size, "%s=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict", name);
    else if (max_age > 0)
        snprintf(out, size, "%s=%s; Path=/; Max-Age=%d; Secure; HttpOnly; SameSite=Strict", name,
                 token, max_age);
    else
        snprintf(out, size, "%s=%s; Path=/; Secure; HttpOnly; SameSite=Strict", name, token);
}
