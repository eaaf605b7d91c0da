/*
 * test_web_params.c - request targets taken apart within their bounds:
 * path segments decoded one by one, query parameters counted and measured,
 * malformed or oversized input refused with the right status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/buf.h"
#include "web/params.h"

static struct web_target t;

static int parse(const char *raw)
{
    return web_parse_target(raw, strlen(raw), &t);
}

static void paths(void **state)
{
    (void)state;
    assert_int_equal(parse("/"), 200);
    assert_int_equal(t.nsegments, 0);
    assert_int_equal(parse("/metric/burglary"), 200);
    assert_int_equal(t.nsegments, 2);
    assert_string_equal(t.segments[0], "metric");
    assert_string_equal(t.segments[1], "burglary");
    assert_int_equal(parse("/plan/a/"), 200); /* a trailing slash is an empty segment */
    assert_int_equal(t.nsegments, 3);
    assert_string_equal(t.segments[2], "");
    assert_int_equal(parse("/metric/burglary#chart"), 200); /* the fragment is not the server's */
    assert_string_equal(t.segments[1], "burglary");
}

static void path_decoding(void **state)
{
    (void)state;
    assert_int_equal(parse("/metric/a%2Fb"), 200); /* %2F is a character, not a separator */
    assert_int_equal(t.nsegments, 2);
    assert_string_equal(t.segments[1], "a/b");
    assert_int_equal(parse("/metric/a+b%20c"), 200); /* + is a plus in a path */
    assert_string_equal(t.segments[1], "a+b c");
    assert_int_equal(parse("/metric/caf%C3%A9"), 200);
    assert_string_equal(t.segments[1], "caf\xc3\xa9");
}

static void refused(void **state)
{
    (void)state;
    const char *bad[] = {
        "/metric/%zz", "/metric/%4", "/metric/%", "/a%00b", "/a%0Ab", "/a%7F", "/\xff",
        "/%C3",        "/a\tb",      "metric",    "",       "?a=1",   "*"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i]), 400);
        assert_non_null(t.error);
    }
}

static void segments_bounded(void **state)
{
    (void)state;
    assert_int_equal(parse("/1/2/3/4/5/6/7/8"), 200);
    assert_int_equal(t.nsegments, WEB_MAX_SEGMENTS);
    assert_int_equal(parse("/1/2/3/4/5/6/7/8/9"), 404);
}

static void queries(void **state)
{
    (void)state;
    assert_int_equal(parse("/x?a=1&b=x+y%26z&c&&d="), 200);
    assert_int_equal(t.nparams, 4);
    assert_string_equal(t.params[0].name, "a");
    assert_string_equal(t.params[0].value, "1");
    assert_string_equal(web_param(&t, "b"), "x y&z");
    assert_string_equal(web_param(&t, "c"), "");
    assert_string_equal(web_param(&t, "d"), "");
    assert_null(web_param(&t, "e"));
    assert_int_equal(parse("/x?a=1&a=2"), 200);
    assert_string_equal(web_param(&t, "a"), "1"); /* the first wins */
    assert_int_equal(parse("/x?=1"), 400);        /* no name */
    assert_int_equal(parse("/x?a=%G0"), 400);
    assert_int_equal(parse("/x?a=%0D%0A"), 400); /* no control characters */
    assert_int_equal(parse("/x?"), 200);
    assert_int_equal(t.nparams, 0);
}

static void query_count_bounded(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_puts(&b, "/x?");
    for (int i = 0; i < WEB_MAX_PARAMS; i++)
        buf_printf(&b, "p%d=%d&", i, i);
    assert_int_equal(parse(b.p), 200);
    assert_int_equal(t.nparams, WEB_MAX_PARAMS);
    buf_puts(&b, "one=more");
    assert_int_equal(parse(b.p), 400);
    assert_string_equal(t.error, "more than 20 query parameters");
    buf_free(&b);
}

/* "/x?name=" followed by n bytes of value, each written as `unit`. */
static int parse_value(size_t n, const char *unit)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "/x?name=");
    for (size_t i = 0; i < n; i++)
        buf_puts(&b, unit);
    int rc = parse(b.p);
    buf_free(&b);
    return rc;
}

static void query_length_bounded(void **state)
{
    (void)state;
    assert_int_equal(parse_value(WEB_MAX_PARAM_LEN, "v"), 200);
    assert_int_equal(strlen(web_param(&t, "name")), WEB_MAX_PARAM_LEN);
    assert_int_equal(parse_value(WEB_MAX_PARAM_LEN + 1, "v"), 400);
    assert_int_equal(parse_value(WEB_MAX_PARAM_LEN, "%41"), 200); /* decoded length counts */
    assert_int_equal(parse_value(WEB_MAX_PARAM_LEN + 1, "%41"), 400);
    struct buf b = BUF_INIT;
    buf_puts(&b, "/x?");
    for (int i = 0; i <= WEB_MAX_PARAM_LEN; i++)
        buf_putc(&b, 'n');
    assert_int_equal(parse(b.p), 400); /* names too */
    buf_free(&b);
}

static void url_length_bounded(void **state)
{
    (void)state;
    char url[WEB_MAX_URL + 2];
    memset(url, 'a', sizeof url);
    url[0] = '/';
    assert_int_equal(web_parse_target(url, WEB_MAX_URL, &t), 200);
    assert_int_equal(web_parse_target(url, WEB_MAX_URL + 1, &t), 414);
    /* the longest target, all segments: its decoded text still fits */
    for (size_t i = 0; i < WEB_MAX_URL; i += 2)
        url[i] = '/';
    assert_int_equal(web_parse_target(url, WEB_MAX_URL, &t), 404);
    memset(url, '&', sizeof url);
    url[0] = '/';
    url[1] = '?';
    assert_int_equal(web_parse_target(url, WEB_MAX_URL, &t), 200);
    assert_int_equal(t.nparams, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths),
        cmocka_unit_test(path_decoding),
        cmocka_unit_test(refused),
        cmocka_unit_test(segments_bounded),
        cmocka_unit_test(queries),
        cmocka_unit_test(query_count_bounded),
        cmocka_unit_test(query_length_bounded),
        cmocka_unit_test(url_length_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
