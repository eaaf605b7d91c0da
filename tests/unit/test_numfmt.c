/*
 * test_numfmt.c - grouped numbers for sentences.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "util/numfmt.h"

static void count(int64_t v, const char *want)
{
    struct buf b = BUF_INIT;
    buf_put_count(&b, v);
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
}

static void number(double v, int decimals, const char *want)
{
    struct buf b = BUF_INIT;
    buf_put_number(&b, v, decimals);
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
}

static void counts(void **state)
{
    (void)state;
    count(0, "0");
    count(999, "999");
    count(1000, "1,000");
    count(78900, "78,900");
    count(-1095258, "-1,095,258");
    count(INT64_MIN, "-9,223,372,036,854,775,808");
}

static void numbers(void **state)
{
    (void)state;
    number(80123.44, 1, "80,123.4");
    number(999.96, 1, "1,000.0");
    number(78350.41, 0, "78,350");
    number(-0.04, 1, "0.0");
    number(-2.5, 2, "-2.50");
    number(123.456, 2, "123.46");
    number(NAN, 1, "n/a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts),
        cmocka_unit_test(numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
