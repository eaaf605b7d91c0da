/*
 * fuzz_http_params.c - libFuzzer target for the web site's request-target
 * parser (src/web/params.c) and router (src/web/router.c): the first code
 * to see what a stranger sends to `peel serve`.
 *
 * The input is the raw request target, any bytes (libmicrohttpd passes on
 * whatever the request line held between the method and the version).
 *
 * The oracle:
 *   - the status is 200, 400, 404 or 414; 414 exactly when the input is
 *     longer than WEB_MAX_URL; a refusal has a non-empty reason, an
 *     acceptance none;
 *   - an accepted target has at most WEB_MAX_SEGMENTS segments and
 *     WEB_MAX_PARAMS parameters; every string lies inside the target's own
 *     buffer, is NUL-terminated there, is UTF-8 and holds no control
 *     character; every parameter has a name, and name and value are at most
 *     WEB_MAX_PARAM_LEN bytes;
 *   - round trip: the accepted target percent-encoded again and re-parsed
 *     gives the same segments and parameters;
 *   - the router, on the site's own route table, matches at most one route
 *     whose arguments are non-empty, at most WEB_MAX_PARAM_LEN bytes, and
 *     carry no format suffix the route allows.
 * Any violation prints the failed condition and aborts; ASan and UBSan catch
 * memory and undefined-behaviour errors.
 *
 * Build and run (see fuzz/README.md):
 *   CC=clang cmake -S . -B build-fuzz -DPEEL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
 *   make -C build-fuzz fuzz_http_params
 *   mkdir -p /tmp/fuzzhttp
 *   build-fuzz/fuzz/fuzz_http_params -max_total_time=60 /tmp/fuzzhttp fuzz/corpus/http_params
 */
#include "fuzz_check.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "web/params.h"
#include "web/router.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void page(const struct web_request *rq, struct web_response *rs)
{
    (void)rq;
    (void)rs;
}

/* As src/web/app.c's. */
static const struct web_route routes[] = {
    {"/", WEB_HTML, 0, false, 0, page},
    {"/plan/:mission", WEB_HTML, 0, false, 0, page},
    {"/plan/:mission/:strategy", WEB_HTML, 0, false, 0, page},
    {"/metric/:id", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page},
    {"/api/metrics.json", WEB_JSON, 0, false, 0, page},
    {"/api/metrics.csv", WEB_CSV, 0, false, 0, page},
    {"/static/peel.css", WEB_CSS, 0, true, 0, page},
};

/* A decoded string: inside t's buffer (or the empty value), terminated
 * there, UTF-8, no control characters. */
static void check_string(const struct web_target *t, const char *s, size_t max)
{
    if (s[0] == '\0')
        return; /* the empty value of a parameter with no '=' need not be in text */
    CHECK(s >= t->text && s < t->text + sizeof t->text);
    size_t room = (size_t)(t->text + sizeof t->text - s);
    size_t n = strnlen(s, room);
    CHECK(n < room);
    CHECK(n <= max);
    long line, column;
    CHECK(utf8_valid(s, n, &line, &column));
    for (size_t i = 0; i < n; i++)
        CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7f);
}

static void encode(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            buf_putc(b, (char)*p);
        } else {
            buf_putc(b, '%');
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        }
    }
}

/* The accepted target written again, canonically, must parse the same. */
static void round_trip(const struct web_target *t)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < t->nsegments; i++) {
        buf_putc(&b, '/');
        encode(&b, t->segments[i]);
    }
    if (t->nsegments == 0)
        buf_putc(&b, '/');
    for (size_t i = 0; i < t->nparams; i++) {
        buf_putc(&b, i ? '&' : '?');
        encode(&b, t->params[i].name);
        buf_putc(&b, '=');
        encode(&b, t->params[i].value);
    }
    static struct web_target again;
    /* Encoding triples a byte: a long target may not fit once re-encoded. */
    if (b.len <= WEB_MAX_URL) {
        CHECK(web_parse_target(b.p, b.len, &again) == 200);
        CHECK(again.nsegments == t->nsegments && again.nparams == t->nparams);
        for (size_t i = 0; i < t->nsegments; i++)
            CHECK(strcmp(again.segments[i], t->segments[i]) == 0);
        for (size_t i = 0; i < t->nparams; i++) {
            CHECK(strcmp(again.params[i].name, t->params[i].name) == 0);
            CHECK(strcmp(again.params[i].value, t->params[i].value) == 0);
        }
    }
    buf_free(&b);
}

static void check_route(const struct web_target *t)
{
    static struct web_match m;
    if (!web_route_find(routes, sizeof routes / sizeof routes[0], t, &m))
        return;
    CHECK(m.nargs <= WEB_MAX_ARGS);
    for (size_t i = 0; i < m.nargs; i++) {
        size_t n = strlen(m.args[i]);
        CHECK(n > 0 && n <= WEB_MAX_PARAM_LEN);
    }
    if (m.format != m.route->format)
        CHECK(m.route->suffixes & m.format);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct web_target t;
    int status = web_parse_target((const char *)data, size, &t);
    CHECK(status == 200 || status == 400 || status == 404 || status == 414);
    CHECK((status == 414) == (size > WEB_MAX_URL));
    if (status != 200) {
        CHECK(t.error && t.error[0]);
        return 0;
    }
    CHECK(t.error == NULL);
    CHECK(t.nsegments <= WEB_MAX_SEGMENTS && t.nparams <= WEB_MAX_PARAMS);
    for (size_t i = 0; i < t.nsegments; i++)
        check_string(&t, t.segments[i], WEB_MAX_URL);
    for (size_t i = 0; i < t.nparams; i++) {
        CHECK(t.params[i].name[0] != '\0');
        check_string(&t, t.params[i].name, WEB_MAX_PARAM_LEN);
        check_string(&t, t.params[i].value, WEB_MAX_PARAM_LEN);
    }
    round_trip(&t);
    check_route(&t);
    return 0;
}
