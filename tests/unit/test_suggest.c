/*
 * test_suggest.c - "did you mean ...?" (util/suggest.h): edit distances
 * worked by hand, ignoring case; the nearest value offered only within the
 * limit for the word's length; the first of equals; an exact match found;
 * a short list of known values when nothing is near; nothing compared
 * past SUGGEST_MAX_LEN.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/suggest.h"

static void distances(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("kitten", "sitting", 10), 3);
    assert_int_equal(suggest_distance("Leicster", "Leicester", 5), 1);  /* an insertion */
    assert_int_equal(suggest_distance("Burglarz", "Burglary", 5), 1);   /* a substitution */
    assert_int_equal(suggest_distance("distrcit", "district", 5), 2);   /* a transposition */
    assert_int_equal(suggest_distance("CHARNWOOD", "Charnwood", 0), 0); /* case ignored */
    assert_int_equal(suggest_distance("", "abc", 5), 3);
    assert_int_equal(suggest_distance("kitten", "sitting", 2), 3); /* limit + 1 */
    assert_int_equal(suggest_distance("a", "abcdefgh", 3), 4);     /* lengths alone */
    char longer[SUGGEST_MAX_LEN + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(suggest_distance(longer, longer, 5), 6); /* never compared */
}

static void limits(void **state)
{
    (void)state;
    assert_int_equal(suggest_limit("leic"), 1);
    assert_int_equal(suggest_limit("Leicster"), 2);
    assert_int_equal(suggest_limit("Hinckley and Bosworth"), 5);
    assert_int_equal(suggest_limit("North West Leicestershire!"), 5);
}

static void nearest(void **state)
{
    (void)state;
    static const char *const districts[] = {"Blaby", "Charnwood", "Leicester", "Melton", "Rutland"};
    assert_string_equal(suggest_nearest("Leicster", districts, 5), "Leicester");
    assert_string_equal(suggest_nearest("rutland", districts, 5), "Rutland");
    assert_null(suggest_nearest("Lincoln", districts, 5));
    assert_null(suggest_nearest("x", districts, 0));
    /* the nearer wins over the first; equals: the first */
    static const char *const two[] = {"abcd", "abce", "abcf"};
    assert_string_equal(suggest_nearest("abcf", two, 3), "abcf");
    assert_string_equal(suggest_nearest("abcx", two, 3), "abcd");
}

static void appended(void **state)
{
    (void)state;
    static const char *const forces[] = {"Leicestershire Police", "leicestershire"};
    struct buf b = BUF_INIT;
    suggest_append(&b, "leicestershre", forces, 2, 20);
    assert_string_equal(b.p, " (did you mean 'leicestershire'?)");
    buf_reset(&b);
    suggest_append(&b, "leics", forces, 2, 20);
    assert_string_equal(b.p, " (known: Leicestershire Police, leicestershire)");
    buf_reset(&b);
    suggest_append(&b, "leics", forces, 2, 1);
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(distances),
        cmocka_unit_test(limits),
        cmocka_unit_test(nearest),
        cmocka_unit_test(appended),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
