/*
 * params.c - request targets taken apart within bounds (see params.h).
 *
 * Every decoded string is written once into the target's own text buffer,
 * so a parse allocates nothing and its result lives as long as the struct.
 */
#include "web/params.h"
#include "util/utf8.h"

#include <string.h>

/* Where decoded strings go: t->text, filled from the front. */
struct writer {
    char *p;
    size_t used, cap;
};

static int refuse(struct web_target *t, int status, const char *why)
{
    t->error = why;
    return status;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t web_percent_decode(const char *raw, size_t n, bool plus_is_space, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = raw[i];
        if (c == '%') {
            int hi = i + 2 < n ? hex_value(raw[i + 1]) : -1;
            int lo = i + 2 < n ? hex_value(raw[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return WEB_PERCENT_BAD;
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        out[k++] = c;
    }
    return k;
}

/* Text a page may safely be asked about: UTF-8, no control characters
 * (which have no business in a name or an id, and would break a log line). */
static bool clean(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    long line, column;
    return utf8_valid(s, n, &line, &column);
}

/* Decodes raw[0..n) into the writer as one NUL-terminated string; NULL
 * when an escape is malformed, the result is not clean, or (never, by the
 * size argument in params.h) the buffer is full. */
static const char *decode(struct writer *w, const char *raw, size_t n, bool plus_is_space)
{
    if (n + 1 > w->cap - w->used)
        return NULL;
    char *out = w->p + w->used;
    size_t k = web_percent_decode(raw, n, plus_is_space, out);
    if (k == WEB_PERCENT_BAD)
        return NULL;
    out[k] = '\0';
    if (!clean(out, k))
        return NULL;
    w->used += k + 1;
    return out;
}

static int parse_path(const char *raw, size_t n, struct web_target *t, struct writer *w)
{
    if (n == 0)
        return 200; /* "/" */
    for (size_t start = 0;;) {
        const char *slash = memchr(raw + start, '/', n - start);
        size_t end = slash ? (size_t)(slash - raw) : n;
        if (t->nsegments == WEB_MAX_SEGMENTS)
            return refuse(t, 404, "no page has so long a path");
        const char *seg = decode(w, raw + start, end - start, false);
        if (!seg)
            return refuse(t, 400, "the path has a malformed %-escape or a character not allowed");
        t->segments[t->nsegments++] = seg;
        if (!slash)
            return 200;
        start = end + 1;
    }
}

static int add_param(const char *raw, size_t n, struct web_target *t, struct writer *w)
{
    const char *eq = memchr(raw, '=', n);
    size_t namelen = eq ? (size_t)(eq - raw) : n;
    size_t valuelen = eq ? n - namelen - 1 : 0;
    if (t->nparams == WEB_MAX_PARAMS)
        return refuse(t, 400, "more than 20 query parameters");
    /* A decoded string is at least a third of its raw length. */
    if (namelen > 3 * WEB_MAX_PARAM_LEN || valuelen > 3 * WEB_MAX_PARAM_LEN)
        return refuse(t, 400, "a query parameter is longer than 256 bytes");
    const char *name = decode(w, raw, namelen, true);
    const char *value = eq ? decode(w, eq + 1, valuelen, true) : "";
    if (!name || !value)
        return refuse(t, 400,
                      "a query parameter has a malformed %-escape or a character not allowed");
    if (strlen(name) > WEB_MAX_PARAM_LEN || strlen(value) > WEB_MAX_PARAM_LEN)
        return refuse(t, 400, "a query parameter is longer than 256 bytes");
    if (!*name)
        return refuse(t, 400, "a query parameter has no name");
    t->params[t->nparams++] = (struct web_param){name, value};
    return 200;
}

static int parse_query(const char *raw, size_t n, struct web_target *t, struct writer *w)
{
    for (size_t start = 0; start < n;) {
        const char *amp = memchr(raw + start, '&', n - start);
        size_t end = amp ? (size_t)(amp - raw) : n;
        if (end > start) { /* "a=1&&b=2": an empty piece is nothing */
            int rc = add_param(raw + start, end - start, t, w);
            if (rc != 200)
                return rc;
        }
        start = end + 1;
    }
    return 200;
}

int web_parse_target(const char *raw, size_t n, struct web_target *t)
{
    t->nsegments = t->nparams = 0;
    t->error = NULL;
    if (n > WEB_MAX_URL)
        return refuse(t, 414, "the address is longer than 2048 bytes");
    const char *hash = memchr(raw, '#', n);
    if (hash)
        n = (size_t)(hash - raw);
    const char *q = memchr(raw, '?', n);
    size_t pathlen = q ? (size_t)(q - raw) : n;
    if (pathlen == 0 || raw[0] != '/')
        return refuse(t, 400, "the path must start with /");
    struct writer w = {t->text, 0, sizeof t->text};
    int rc = parse_path(raw + 1, pathlen - 1, t, &w);
    if (rc == 200 && q)
        rc = parse_query(q + 1, n - pathlen - 1, t, &w);
    return rc;
}

const char *web_param(const struct web_target *t, const char *name)
{
    for (size_t i = 0; i < t->nparams; i++)
        if (strcmp(t->params[i].name, name) == 0)
            return t->params[i].value;
    return NULL;
}
