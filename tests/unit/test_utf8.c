/*
 * test_utf8.c - UTF-8 well-formedness, by the cases of RFC 3629 and the
 * Unicode standard's table 3-7, and the libfyaml hang it guards against.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ingest/plan_file.h"
#include "util/utf8.h"

static bool valid(const char *s)
{
    long line, column;
    return utf8_valid(s, strlen(s), &line, &column);
}

static void well_formed(void **state)
{
    (void)state;
    assert_true(valid(""));
    assert_true(valid("plain ASCII"));
    assert_true(valid("caf\xc3\xa9"));            /* U+00E9 */
    assert_true(valid("\xe2\x80\x93 en dash"));   /* U+2013, as in Home Office outcome names */
    assert_true(valid("\xef\xbb\xbfwith a BOM")); /* U+FEFF */
    assert_true(valid("\xf0\x9f\x9a\x93"));       /* U+1F693 police car */
    assert_true(valid("\xf4\x8f\xbf\xbf"));       /* U+10FFFF, the last */
    assert_true(valid("\xed\x9f\xbf"));           /* U+D7FF, just below the surrogates */
}

static void ill_formed(void **state)
{
    (void)state;
    assert_false(valid("\xaf"));             /* a lone continuation byte */
    assert_false(valid("\xc0\xaf"));         /* overlong '/' */
    assert_false(valid("\xc1\xbf"));         /* overlong */
    assert_false(valid("\xe0\x80\xaf"));     /* overlong, three bytes */
    assert_false(valid("\xed\xa0\x80"));     /* U+D800, a surrogate */
    assert_false(valid("\xf4\x90\x80\x80")); /* U+110000, beyond Unicode */
    assert_false(valid("\xf5\x80\x80\x80"));
    assert_false(valid("\xc3"));       /* truncated at the end */
    assert_false(valid("\xe2\x80 x")); /* truncated in the middle */
    assert_false(valid("\xff"));
}

static void where_the_bad_byte_is(void **state)
{
    (void)state;
    long line = 0, column = 0;
    const char *s = "id: x\ntitle: caf\xc3\xa9 \xaf\n";
    assert_false(utf8_valid(s, strlen(s), &line, &column));
    assert_int_equal(line, 2);
    assert_int_equal(column, 13); /* "title: café " is 12 characters */
}

/* fuzz_plan found that libfyaml 0.7.12 never returns on a directive holding
 * a byte that is not UTF-8; the plan reader must refuse it first. */
static void the_hang_is_refused(void **state)
{
    (void)state;
    struct plan p;
    struct buf err = BUF_INIT;
    assert_false(plan_parse_string("hang.yaml", "%d:\xaf", &p, &err));
    assert_string_equal(err.p, "hang.yaml:1:4: not UTF-8 text (save the plan as UTF-8)");
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(well_formed),
        cmocka_unit_test(ill_formed),
        cmocka_unit_test(where_the_bad_byte_is),
        cmocka_unit_test(the_hang_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
