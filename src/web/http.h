/*
 * http.h - the small pieces of HTTP caching the site does itself:
 * entity tags, dates, and the conditional-request checks (RFC 9110).
 *
 * Every page is validated, not cached blind (Cache-Control: no-cache): a
 * browser or a reverse proxy keeps the page and asks with If-None-Match,
 * and gets 304 Not Modified with no body when nothing changed. The ETag is
 * a hash of the body itself, so it changes exactly when the page does,
 * whatever the cause (new data, a new plan, a new version of Peel).
 */
#ifndef PEEL_WEB_HTTP_H
#define PEEL_WEB_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* '"' + 64 hex digits (a published file's SHA-256) + '"' + NUL; a weak
 * validator, "W/" + '"' + 32 hex digits + '"', is shorter. */
#define WEB_ETAG_SIZE 67
#define WEB_DATE_SIZE 64 /* "Sun, 06 Nov 1994 08:49:37 GMT" + NUL, with room to spare */

/* A strong entity tag for a body: the first 128 bits of its SHA-256. */
void web_etag(const void *body, size_t n, char out[WEB_ETAG_SIZE]);
/* Whether an If-None-Match header value (a list of tags, or "*") matches
 * the tag, by the weak comparison RFC 9110 asks for (W/ ignored). */
bool web_etag_matches(const char *if_none_match, const char *etag);
/* Reads "2024-03-01T09:30:00Z" (UTC, as Peel stamps loads) into tm; false
 * when it is not exactly that form. */
bool web_iso_time(const char *iso, struct tm *tm);
/* "2024-03-01T09:30:00Z" as an HTTP date; false when it is not one. */
bool web_http_date(const char *iso, char out[WEB_DATE_SIZE]);
/* Whether a page last modified at `iso` is unchanged since an
 * If-Modified-Since value (an HTTP date; anything else: false). */
bool web_not_modified_since(const char *if_modified_since, const char *iso);

#endif
