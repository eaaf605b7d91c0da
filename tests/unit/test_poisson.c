/*
 * test_poisson.c - the exact comparison of two counts.
 *
 * The oracle is independent of the code under test: binomial tails summed
 * term by term from log-factorials, against the incomplete-beta route.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "analysis/poisson.h"

static double pmf(int64_t k, int64_t n, double p)
{
    return exp(lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1) +
               (double)k * log(p) + (double)(n - k) * log1p(-p));
}

static double summed_cdf(int64_t k, int64_t n, double p)
{
    double s = 0;
    for (int64_t i = 0; i <= k; i++)
        s += pmf(i, n, p);
    return s;
}

static void incomplete_beta_by_hand(void **state)
{
    (void)state;
    /* I_0.4(2,3) = sum_{j=2..4} C(4,j) 0.4^j 0.6^(4-j) = 0.5248 */
    assert_float_equal(beta_regularized(2, 3, 0.4), 0.5248, 1e-12);
    assert_float_equal(beta_regularized(1, 1, 0.3), 0.3, 1e-12);
    assert_float_equal(beta_regularized(5, 5, 0.5), 0.5, 1e-12);
    assert_float_equal(beta_regularized_inverse(2, 3, 0.5248), 0.4, 1e-9);
}

static void binomial_tails_match_summation(void **state)
{
    (void)state;
    const int64_t ns[] = {1, 7, 30, 200, 1500};
    const double ps[] = {0.5, 0.2, 0.73};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        for (size_t j = 0; j < sizeof ps / sizeof ps[0]; j++)
            for (int64_t k = 0; k <= ns[i]; k += 1 + ns[i] / 17) {
                double want = summed_cdf(k, ns[i], ps[j]);
                assert_float_equal(binomial_cdf(k, ns[i], ps[j]), want, 1e-9);
                assert_float_equal(binomial_sf(k, ns[i], ps[j]), 1 - want + pmf(k, ns[i], ps[j]),
                                   1e-9);
            }
    assert_float_equal(binomial_cdf(3, 10, 0.5), 176.0 / 1024.0, 1e-12);
}

static void small_counts(void **state)
{
    (void)state;
    struct rate_comparison c;
    assert_true(compare_counts(10, 20, 1, 1, 0.95, &c));
    /* P(X >= 20 | n = 30, p = 1/2), doubled */
    double want = 2 * (1 - summed_cdf(19, 30, 0.5));
    assert_float_equal(c.p_value, want, 1e-9);
    assert_false(c.beyond_chance);
    assert_float_equal(c.ratio, 2.0, 1e-12);
    assert_true(c.lower < 1.0 && c.upper > 4.0);
    /* the exact interval's ends leave alpha/2 in each tail */
    double qlo = c.lower / (1 + c.lower), qhi = c.upper / (1 + c.upper);
    assert_float_equal(binomial_sf(20, 30, qlo), 0.025, 1e-6);
    assert_float_equal(binomial_cdf(20, 30, qhi), 0.025, 1e-6);
    assert_false(compare_counts(0, 0, 1, 1, 0.95, &c));
}

static void weapons_as_in_the_annual_report(void **state)
{
    (void)state;
    struct rate_comparison c;
    struct buf b = BUF_INIT;
    assert_true(compare_counts(735, 927, 12, 12, 0.95, &c));
    assert_true(c.beyond_chance);
    assert_string_equal(comparison_verdict(&c), "rise beyond chance");
    describe_comparison(&c, &b);
    /* lower limit checked by bisection on summed tails: 1.1436 */
    assert_string_equal(b.p, "a rise of 26% (735 -> 927); beyond chance (rate ratio 1.26, 95% CI "
                             "1.14 to 1.39; exact Poisson test, p < 0.001)");
    buf_free(&b);
    assert_true(compare_counts(757, 722, 12, 12, 0.95, &c));
    assert_string_equal(comparison_verdict(&c), "within normal variation");
}

static void unequal_exposure(void **state)
{
    (void)state;
    /* 6 months against 12: the same monthly rate is no change */
    struct rate_comparison c;
    assert_true(compare_counts(50, 100, 6, 12, 0.95, &c));
    assert_float_equal(c.ratio, 1.0, 1e-12);
    assert_float_equal(c.p_value, 1.0, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(incomplete_beta_by_hand),
        cmocka_unit_test(binomial_tails_match_summation),
        cmocka_unit_test(small_counts),
        cmocka_unit_test(weapons_as_in_the_annual_report),
        cmocka_unit_test(unequal_exposure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
