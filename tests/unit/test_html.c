/*
 * test_html.c - text escaped for HTML: markup, quotes, bad bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/html.h"

static void check(const char *in, const char *want)
{
    struct buf out = BUF_INIT;
    html_escape(&out, in);
    assert_string_equal(buf_str(&out), want);
    buf_free(&out);
}

static void markup_and_quotes(void **state)
{
    (void)state;
    check("Burglary", "Burglary");
    check("</title><script>alert(1)</script>",
          "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    check("\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
    check("O'Brien & Sons", "O&#39;Brien &amp; Sons");
    check("&amp;", "&amp;amp;"); /* escaped once more: the text was literally that */
}

static void characters_kept_and_replaced(void **state)
{
    (void)state;
    check("Caution \xe2\x80\x93 adults", "Caution \xe2\x80\x93 adults"); /* en dash kept */
    check("tab\tand\nnewline", "tab\tand\nnewline");
    check("bell\x07", "bell\xef\xbf\xbd");
    check("bad \xaf byte", "bad \xef\xbf\xbd byte");
    check("cut \xe2\x80", "cut \xef\xbf\xbd\xef\xbf\xbd");
}

static void printf_escapes_the_result(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    html_printf(&out, "%s: %d", "<b>", 5);
    assert_string_equal(buf_str(&out), "&lt;b&gt;: 5");
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markup_and_quotes),
        cmocka_unit_test(characters_kept_and_replaced),
        cmocka_unit_test(printf_escapes_the_result),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
