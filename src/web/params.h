/*
 * params.h - a request target ("/metric/burglary.csv?x=1") taken apart,
 * within fixed bounds.
 *
 * The web site is public, so its first line of defence is to refuse
 * oversized or malformed input before any page code sees it. Peel parses
 * the raw target itself rather than trusting libmicrohttpd's parse, so that
 * one small function, with no I/O and no allocation, decides what a URL
 * means; it is unit-tested and fuzzed (fuzz/fuzz_http_params.c).
 *
 * Bounds: a target of at most WEB_MAX_URL bytes (else 414); at most
 * WEB_MAX_PARAMS query parameters, each name and value at most
 * WEB_MAX_PARAM_LEN bytes once decoded (else 400). Percent escapes must be
 * two hex digits; decoded text must be UTF-8 with no control characters
 * (else 400). The path is split at '/' before decoding, so "%2F" is a
 * character of a segment, never a separator. More than WEB_MAX_SEGMENTS
 * segments can match no page: 404.
 */
#ifndef PEEL_WEB_PARAMS_H
#define PEEL_WEB_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#define WEB_MAX_URL       2048
#define WEB_MAX_PARAMS    20
#define WEB_MAX_PARAM_LEN 256
#define WEB_MAX_SEGMENTS  8

struct web_param {
    const char *name, *value; /* decoded, NUL-terminated, in web_target.text */
};

struct web_target {
    const char *segments[WEB_MAX_SEGMENTS]; /* decoded path segments; "/" has none */
    size_t nsegments;
    struct web_param params[WEB_MAX_PARAMS];
    size_t nparams;
    const char *error; /* why the target was refused; NULL when it was not */
    /* Decoded text never outgrows the raw target: each decoded string is
     * no longer than its raw form, and its NUL takes the place of the
     * delimiter before or after it. */
    char text[WEB_MAX_URL + 2];
};

/* Parses raw[0..n) (the target as sent: path, optional "?query", an
 * ignored "#fragment"). Returns 200 when it is acceptable, else 400, 404
 * or 414 with t->error saying why in a few words. */
int web_parse_target(const char *raw, size_t n, struct web_target *t);

/* The value of the first parameter with this name, or NULL. */
const char *web_param(const struct web_target *t, const char *name);

/* raw[0..n) with each "%XX" decoded (two hex digits, either case), and
 * '+' as a space when plus_is_space, into out (room for n bytes: decoding
 * never lengthens): its length, or WEB_PERCENT_BAD at a malformed escape.
 * The one rule for a target's parts and a form's urlencoded body
 * (form.h). */
#define WEB_PERCENT_BAD ((size_t)-1)
size_t web_percent_decode(const char *raw, size_t n, bool plus_is_space, char *out);

#endif
