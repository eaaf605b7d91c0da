/*
 * router.c - matching a path against the route table (see router.h).
 */
#include "web/router.h"

#include <string.h>

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n > k && memcmp(s + n - k, suffix, k) == 0;
}

/* Takes an argument; the last one may carry a format suffix. False when it
 * is too long to be anything a page knows. */
static bool take_arg(const struct web_route *r, const char *seg, bool last, struct web_match *m)
{
    size_t n = strlen(seg);
    if (m->nargs == WEB_MAX_ARGS || n == 0 || n > WEB_MAX_PARAM_LEN)
        return false;
    if (last && (r->suffixes & WEB_CSV) && ends_with(seg, n, ".csv")) {
        m->format = WEB_CSV;
        n -= 4;
    } else if (last && (r->suffixes & WEB_JSON) && ends_with(seg, n, ".json")) {
        m->format = WEB_JSON;
        n -= 5;
    }
    char *out = m->arg_text[m->nargs];
    memcpy(out, seg, n);
    out[n] = '\0';
    m->args[m->nargs++] = out;
    return true;
}

static bool match(const struct web_route *r, const struct web_target *t, struct web_match *m)
{
    m->route = r;
    m->nargs = 0;
    m->format = r->format;
    const char *p = r->pattern + 1; /* patterns start with '/' */
    size_t i = 0;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (i == t->nsegments)
            return false;
        const char *seg = t->segments[i++];
        bool last = !slash;
        if (p[0] == ':') {
            if (!take_arg(r, seg, last && i == t->nsegments, m))
                return false;
        } else if (strlen(seg) != len || memcmp(seg, p, len) != 0) {
            return false;
        }
        p += len + (slash ? 1 : 0);
    }
    return i == t->nsegments;
}

bool web_route_find(const struct web_route *routes, size_t n, const struct web_target *t,
                    struct web_match *m)
{
    for (size_t i = 0; i < n; i++)
        if (match(&routes[i], t, m))
            return true;
    return false;
}
