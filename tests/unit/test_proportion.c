/*
 * test_proportion.c - Wilson intervals, Newcombe's interval for a
 * difference, the pooled z-test and the sentence.
 *
 * Expected values are Newcombe's published worked examples (each recomputed
 * with mpmath to more places before being asserted), or worked by hand in
 * the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "analysis/proportion.h"

static void z_for_confidence(void **state)
{
    (void)state;
    assert_float_equal(confidence_z(0.95), 1.9599639845400542, 1e-14);
    assert_float_equal(confidence_z(0.998), 3.0902323061678135, 1e-13);
}

/* Newcombe (1998a), Statistics in Medicine 17:857-872, Table I, method 3
 * (score interval without continuity correction). */
static void wilson_matches_newcombe_1998a(void **state)
{
    (void)state;
    double lo, hi;
    wilson_interval(81, 263, 0.95, &lo, &hi);
    assert_float_equal(lo, 0.2553, 5e-5);
    assert_float_equal(hi, 0.3662, 5e-5);
    assert_float_equal(lo, 0.2552885199, 1e-9); /* mpmath, 30 digits */
    wilson_interval(15, 148, 0.95, &lo, &hi);
    assert_float_equal(lo, 0.0624, 5e-5);
    assert_float_equal(hi, 0.1605, 5e-5);
    wilson_interval(0, 20, 0.95, &lo, &hi);
    assert_float_equal(lo, 0, 0);
    assert_float_equal(hi, 0.1611, 5e-5);
    /* 0 of n has upper limit z^2 / (n + z^2) = 3.8415 / 23.8415 */
    assert_float_equal(hi, 3.8414588206941236 / 23.841458820694124, 1e-14);
    wilson_interval(1, 29, 0.95, &lo, &hi);
    assert_float_equal(lo, 0.0061, 5e-5);
    assert_float_equal(hi, 0.1718, 5e-5);
    /* n of n mirrors 0 of n, and ends exactly at 1 */
    wilson_interval(29, 29, 0.95, &lo, &hi);
    assert_float_equal(hi, 1, 0);
    assert_float_equal(lo, 1 - 3.8414588206941236 / (29 + 3.8414588206941236), 1e-14);
}

/* Newcombe (1998b), Statistics in Medicine 17:873-890, Table II, method 10
 * (hybrid score interval from two Wilson intervals), examples (a)-(f). */
static void newcombe_difference_matches_1998b(void **state)
{
    (void)state;
    static const struct {
        int64_t k1, n1, k0, n0; /* Newcombe's first group is our "after" */
        double lower, upper;
    } ex[] = {
        {56, 70, 48, 80, 0.0524, 0.3339}, {9, 10, 3, 10, 0.1705, 0.8090},
        {6, 7, 2, 7, 0.0582, 0.8062},     {5, 56, 0, 29, -0.0381, 0.1926},
        {0, 10, 0, 20, -0.1611, 0.2775},  {10, 10, 0, 20, 0.6791, 1.0000},
    };
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        struct proportion_comparison c;
        assert_true(compare_proportions(ex[i].k0, ex[i].n0, ex[i].k1, ex[i].n1, 0.95, &c));
        assert_float_equal(c.lower, ex[i].lower, 5e-5);
        assert_float_equal(c.upper, ex[i].upper, 5e-5);
    }
    struct proportion_comparison c;
    assert_true(compare_proportions(48, 80, 56, 70, 0.95, &c));
    assert_float_equal(c.difference, 0.2, 1e-15);
    assert_float_equal(c.lower, 0.0524314724, 1e-9); /* mpmath */
    assert_float_equal(c.upper, 0.3338726540, 1e-9);
}

static void pooled_z_test_by_hand(void **state)
{
    (void)state;
    /* 48/80 -> 56/70: pooled 104/150 = 0.69333; variance 0.69333 x 0.30667
     * x (1/70 + 1/80) = 0.0056953; z = 0.2 / 0.075467 = 2.6502; two-sided
     * p = erfc(2.6502 / sqrt 2) = 0.008045 */
    struct proportion_comparison c;
    assert_true(compare_proportions(48, 80, 56, 70, 0.95, &c));
    assert_float_equal(c.z, 2.65017195126, 1e-9);
    assert_float_equal(c.p_value, 0.0080450813682, 1e-10);
    assert_true(c.beyond_chance);
    assert_string_equal(proportion_verdict(&c), "rise beyond chance");
    /* nothing happened anywhere: z 0, p 1 */
    assert_true(compare_proportions(0, 20, 0, 10, 0.95, &c));
    assert_float_equal(c.z, 0, 0);
    assert_float_equal(c.p_value, 1, 0);
    assert_false(c.beyond_chance);
    assert_false(compare_proportions(3, 10, 0, 0, 0.95, &c));
    assert_false(compare_proportions(0, 0, 3, 10, 0.95, &c));
}

static void sentence(int64_t k0, int64_t n0, int64_t k1, int64_t n1, const char *want)
{
    struct proportion_comparison c;
    struct buf b = BUF_INIT;
    assert_true(compare_proportions(k0, n0, k1, n1, 0.95, &c));
    describe_proportion_comparison(&c, &b);
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
}

static void sentences(void **state)
{
    (void)state;
    /* 13.501% -> 15.200%, difference +1.699 points, Newcombe +0.683 to
     * +2.716, z = 3.276, p = 0.00105 (mpmath) */
    sentence(1234, 9140, 1389, 9138,
             "a rise from 13.5% to 15.2% (1,234 of 9,140 -> 1,389 of 9,138); beyond chance "
             "(difference +1.7 percentage points, 95% CI +0.7 to +2.7; two-proportion z-test, "
             "p = 0.001)");
    /* 55% -> 50%: z = -0.708, p = 0.479; CI -18.4 to +8.7 */
    sentence(55, 100, 50, 100,
             "a fall from 55.0% to 50.0% (55 of 100 -> 50 of 100); within normal variation "
             "(difference -5.0 percentage points, 95% CI -18.4 to +8.7; two-proportion z-test, "
             "p = 0.479)");
    /* 13.50% and 13.52% are one figure at one decimal: two are shown */
    sentence(135, 1000, 1352, 10000,
             "a rise from 13.50% to 13.52% (135 of 1,000 -> 1,352 of 10,000); within normal "
             "variation (difference +0.02 percentage points, 95% CI -2.33 to +2.11; "
             "two-proportion z-test, p = 0.986)");
    /* equal shares: the interval is still not symmetric, -8.19 to +6.67
     * (mpmath), as the smaller sample is the less certain */
    sentence(10, 100, 20, 200,
             "no change (10.0% in both; 10 of 100 -> 20 of 200); within normal variation "
             "(difference 0.0 percentage points, 95% CI -8.2 to +6.7; two-proportion z-test, "
             "p = 1.000)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(z_for_confidence),
        cmocka_unit_test(wilson_matches_newcombe_1998a),
        cmocka_unit_test(newcombe_difference_matches_1998b),
        cmocka_unit_test(pooled_z_test_by_hand),
        cmocka_unit_test(sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
