/*
 * test_web_http.c - entity tags, HTTP dates and the conditional-request
 * checks; and charts' style attributes rewritten as presentation
 * attributes (render/svg.h) so that a strict CSP does not blank them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "render/svg.h"
#include "web/http.h"

static void etags(void **state)
{
    (void)state;
    char a[WEB_ETAG_SIZE], b[WEB_ETAG_SIZE];
    web_etag("hello", 5, a);
    web_etag("hellp", 5, b);
    assert_int_equal(strlen(a), 34);
    assert_int_equal(a[0], '"');
    assert_int_equal(a[33], '"');
    assert_string_not_equal(a, b);
    /* SHA-256("hello") begins 2cf24dba5fb0a30e26e83b2ac5b9e29e */
    assert_string_equal(a, "\"2cf24dba5fb0a30e26e83b2ac5b9e29e\"");
}

static void if_none_match(void **state)
{
    (void)state;
    const char *tag = "\"2cf24dba5fb0a30e26e83b2ac5b9e29e\"";
    assert_true(web_etag_matches(tag, tag));
    assert_true(web_etag_matches("W/\"2cf24dba5fb0a30e26e83b2ac5b9e29e\"", tag)); /* weak */
    assert_true(web_etag_matches("\"x\", \"2cf24dba5fb0a30e26e83b2ac5b9e29e\"", tag));
    assert_true(web_etag_matches("*", tag));
    assert_false(web_etag_matches("\"x\"", tag));
    assert_false(web_etag_matches("\"2cf24dba5fb0a30e26e83b2ac5b9e29\"", tag));
    assert_false(web_etag_matches("", tag));
    assert_false(web_etag_matches(NULL, tag));
    assert_false(web_etag_matches("\"unterminated", tag));
}

static void dates(void **state)
{
    (void)state;
    char d[WEB_DATE_SIZE];
    assert_true(web_http_date("1994-11-06T08:49:37Z", d));
    assert_string_equal(d, "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_true(web_http_date("2024-02-29T23:59:59Z", d));
    assert_string_equal(d, "Thu, 29 Feb 2024 23:59:59 GMT");
    assert_false(web_http_date("", d));
    assert_false(web_http_date("2024-02-29 23:59:59", d));
    assert_false(web_http_date(NULL, d));
}

static void if_modified_since(void **state)
{
    (void)state;
    const char *at = "2024-03-01T09:30:00Z";
    assert_true(web_not_modified_since("Fri, 01 Mar 2024 09:30:00 GMT", at));
    assert_true(web_not_modified_since("Sat, 02 Mar 2024 00:00:00 GMT", at));
    assert_false(web_not_modified_since("Fri, 01 Mar 2024 09:29:59 GMT", at));
    assert_false(web_not_modified_since("Friday, 01-Mar-24 09:30:00 GMT", at)); /* obsolete form */
    assert_false(web_not_modified_since("yesterday", at));
    assert_false(web_not_modified_since(NULL, at));
    assert_false(web_not_modified_since("Fri, 01 Mar 2024 09:30:00 GMT", ""));
}

static void svg_check(const char *in, const char *want)
{
    struct buf out = BUF_INIT;
    web_svg_presentation(in, &out);
    assert_string_equal(buf_str(&out), want);
    buf_free(&out);
}

static void svg_styles(void **state)
{
    (void)state;
    svg_check("<path style=\"stroke:none;\" d=\"M 0 0\"/>", "<path stroke=\"none\" d=\"M 0 0\"/>");
    svg_check("<path style=\"fill:rgb(34.9%,0%,100%);fill-opacity:1;stroke-dasharray:1.5,3;\"/>",
              "<path fill=\"rgb(34.9%,0%,100%)\" fill-opacity=\"1\" stroke-dasharray=\"1.5,3\"/>");
    svg_check("<g style=\" fill : none ; \">", "<g fill=\"none\">");
    /* what is not a plain property is dropped, never passed through */
    svg_check("<g style=\"fill:url(&quot;x&quot;);Fill:red;:x;y;stroke:red\">",
              "<g stroke=\"red\">");
    svg_check("<g style=\"unterminated", "<g style=\"unterminated");
    svg_check("<text>style=&quot;x&quot;</text>", "<text>style=&quot;x&quot;</text>");
    svg_check("", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(etags),      cmocka_unit_test(if_none_match),
        cmocka_unit_test(dates),      cmocka_unit_test(if_modified_since),
        cmocka_unit_test(svg_styles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
