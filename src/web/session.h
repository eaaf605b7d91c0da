/*
 * session.h - the staff side's cookies: the session, its time-outs, and
 * the tokens that prove a form came from a page of this site.
 *
 * The session cookie is named with the __Host- prefix, which browsers
 * accept only when it is Secure, has Path=/ and no Domain, so no sibling
 * site and no plain-HTTP page can set or read it; HttpOnly keeps it from
 * any script, and SameSite=Strict keeps browsers from sending it with a
 * request another site started. Its value is 32 random bytes (libsodium),
 * as hex; the store keeps their SHA-256 only (store/sessions.h). A new
 * token is made at every sign-in, never taken from the request, so a
 * token planted before sign-in (session fixation) is never one that signs
 * in.
 *
 * CSRF: every form carries a token derived from the session's (a keyed
 * hash of it, so it names the session without revealing its token), and
 * every POST is refused unless the token matches, compared in constant
 * time; the sign-in form, before there is a session, carries a random
 * token also set as a short-lived cookie (double submit), so no other site
 * can sign a browser in to an account of its choosing. Browsers' own
 * Sec-Fetch-Site says "cross-site" for a request another site started: it
 * is refused as well, before any token is looked at.
 *
 * Time-outs: a session ends after SESSION_IDLE seconds without a request
 * and SESSION_ABSOLUTE seconds after sign-in, whichever comes first (OWASP
 * suggests 15 to 30 minutes idle for most applications, and an absolute
 * limit of a working day).
 */
#ifndef PEEL_WEB_SESSION_H
#define PEEL_WEB_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "util/sha256.h"

#define SESSION_COOKIE        "__Host-peel-session"
#define SESSION_SIGNIN_COOKIE "__Host-peel-signin"
#define SESSION_IDLE          (30 * 60)      /* seconds */
#define SESSION_ABSOLUTE      (10 * 60 * 60) /* seconds */
#define SESSION_SEEN_EVERY    60 /* seconds between the writes that record a session was used */
#define SESSION_TOKEN_SIZE    65 /* 64 hex digits and a NUL */

/* A new random token (32 bytes, as hex). */
void session_token_new(char out[SESSION_TOKEN_SIZE]);
/* The value of cookie `name` in a Cookie header (NULL: none) into out, when
 * it is a token (64 hex digits); false otherwise. */
bool session_cookie(const char *header, const char *name, char out[SESSION_TOKEN_SIZE]);
/* The SHA-256 of a token, as the store keeps it. */
void session_token_hash(const char *token, char out[SHA256_HEX_SIZE]);
/* The CSRF token of the session whose token this is. */
void session_csrf(const char *token, char out[SESSION_TOKEN_SIZE]);
/* Whether two tokens are equal, in time that does not depend on where
 * they differ; false when either is NULL. */
bool session_tokens_equal(const char *a, const char *b);

/* Whether a session started at started and last seen at seen has timed
 * out at now. */
bool session_expired(int64_t started, int64_t seen, int64_t now);

/* A Set-Cookie value for name=token (the session: no Max-Age, so it goes
 * when the browser closes; the sign-in token: max_age seconds), or one that
 * removes the cookie (token NULL). */
void session_set_cookie(char *out, size_t size, const char *name, const char *token, int max_age);

#endif
