/*
 * test_distributions.c - the incomplete gamma function, Poisson and
 * binomial quantiles, Garwood's interval and the normal quantile that
 * poisson.h exports for proportion.c, target.c and funnel.c.
 *
 * Oracles: closed forms worked by hand, published tables, and sums of
 * probability terms independent of the code under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "analysis/poisson.h"

/* P(X <= k) for Poisson(mu), term by term. */
static double summed_poisson_cdf(int64_t k, double mu)
{
    double s = 0;
    for (int64_t i = 0; i <= k; i++)
        s += exp(-mu + (double)i * log(mu) - lgamma((double)i + 1));
    return s;
}

static void incomplete_gamma_by_hand(void **state)
{
    (void)state;
    /* P(1, x) = 1 - e^-x */
    assert_float_equal(gamma_regularized_lower(1, 2), 1 - exp(-2), 1e-14);
    /* Q(3, 2) = e^-2 (1 + 2 + 2^2/2) = 5 e^-2 = 0.676676416183064 */
    assert_float_equal(gamma_regularized_upper(3, 2), 5 * exp(-2), 1e-14);
    assert_float_equal(gamma_regularized_lower(3, 2), 1 - 5 * exp(-2), 1e-14);
    /* the continued fraction side (x >= a + 1): Q(2, 10) = 11 e^-10 */
    assert_float_equal(gamma_regularized_upper(2, 10), 11 * exp(-10), 1e-16);
    /* chi-square with 2 df is exponential with mean 2: median 2 ln 2 */
    assert_float_equal(2 * gamma_regularized_inverse(1, 0.5), 2 * log(2), 1e-12);
}

static void poisson_cdf_matches_summation(void **state)
{
    (void)state;
    /* e^-10 (1 + 10 + 50 + 166.67) = 0.0103360506759257 */
    assert_float_equal(poisson_cdf(3, 10), 0.010336050675925718, 1e-15);
    assert_float_equal(poisson_cdf(10, 10), 0.58303975019298551, 1e-14);
    assert_float_equal(poisson_cdf(-1, 10), 0, 0);
    assert_float_equal(poisson_cdf(0, 0), 1, 0);
    const double mus[] = {0.3, 4.5, 37, 250, 3000};
    for (size_t i = 0; i < sizeof mus / sizeof mus[0]; i++)
        for (int64_t k = 0; k < 2 * mus[i] + 5; k += 1 + (int64_t)(mus[i] / 9))
            assert_float_equal(poisson_cdf(k, mus[i]), summed_poisson_cdf(k, mus[i]), 1e-11);
}

static void quantiles_are_the_smallest_count_reaching_p(void **state)
{
    (void)state;
    /* Poisson(10): F(3) = 0.0103 < 0.025 <= F(4) = 0.0293; F(16) = 0.9730
     * < 0.975 <= F(17) = 0.9857 */
    assert_int_equal(poisson_quantile(10, 0.025), 4);
    assert_int_equal(poisson_quantile(10, 0.975), 17);
    assert_int_equal(poisson_quantile(0, 0.999), 0);
    assert_int_equal(poisson_quantile(0.01, 0.5), 0);
    /* Binomial(20, 1/2): F(5) = 21700/2^20 = 0.0207 < 0.025 <= F(6) =
     * 60460/2^20 = 0.0577 */
    assert_int_equal(binomial_quantile(20, 0.5, 0.025), 6);
    assert_int_equal(binomial_quantile(20, 0.5, 0.975), 14);
    assert_int_equal(binomial_quantile(20, 0, 0.5), 0);
    assert_int_equal(binomial_quantile(20, 1, 0.5), 20);
    /* the defining property at a large mean */
    int64_t r = poisson_quantile(80000, 0.999);
    assert_true(poisson_cdf(r, 80000) >= 0.999 && poisson_cdf(r - 1, 80000) < 0.999);
    r = binomial_quantile(50000, 0.137, 0.001);
    assert_true(binomial_cdf(r, 50000, 0.137) >= 0.001 &&
                binomial_cdf(r - 1, 50000, 0.137) < 0.001);
}

/* Published exact 95% limits for a Poisson count (e.g. Documenta Geigy
 * Scientific Tables; Ulm 1990, Am J Epidemiol 131:373): 0 -> 0 to 3.689,
 * 1 -> 0.0253 to 5.572, 5 -> 1.623 to 11.668, 10 -> 4.795 to 18.390. */
static void garwood_interval_matches_tables(void **state)
{
    (void)state;
    double lo, hi;
    poisson_mean_interval(0, 0.95, &lo, &hi);
    assert_float_equal(lo, 0, 0);
    assert_float_equal(hi, 3.688879454, 1e-8); /* -ln(0.025) */
    assert_float_equal(hi, -log(0.025), 1e-10);
    poisson_mean_interval(1, 0.95, &lo, &hi);
    assert_float_equal(lo, 0.0253178080, 1e-9);
    assert_float_equal(hi, 5.5716433909, 1e-8);
    poisson_mean_interval(5, 0.95, &lo, &hi);
    assert_float_equal(lo, 1.6234863901, 1e-8);
    assert_float_equal(hi, 11.6683320793, 1e-8);
    poisson_mean_interval(10, 0.95, &lo, &hi);
    assert_float_equal(lo, 4.7953886961, 1e-8);
    assert_float_equal(hi, 18.3903560420, 1e-8);
    /* large: about 78,900 +/- 1.96 sqrt(78,900); mpmath gives these */
    poisson_mean_interval(78900, 0.95, &lo, &hi);
    assert_float_equal(lo, 78350.410662, 1e-4);
    assert_float_equal(hi, 79452.487131, 1e-4);
}

static void normal_quantiles(void **state)
{
    (void)state;
    assert_float_equal(normal_quantile(0.975), 1.9599639845400542, 1e-15);
    assert_float_equal(normal_quantile(0.999), 3.0902323061678135, 1e-14);
    assert_float_equal(normal_quantile(0.001), -3.0902323061678135, 1e-14);
    assert_float_equal(normal_quantile(0.5), 0, 1e-16);
    assert_float_equal(normal_quantile(1e-10), -6.3613409024040562, 1e-12);
    assert_float_equal(normal_cdf(1.9599639845400542), 0.975, 1e-15);
    assert_float_equal(normal_cdf(0), 0.5, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(incomplete_gamma_by_hand),
        cmocka_unit_test(poisson_cdf_matches_summation),
        cmocka_unit_test(quantiles_are_the_smallest_count_reaching_p),
        cmocka_unit_test(garwood_interval_matches_tables),
        cmocka_unit_test(normal_quantiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
