/*
 * test_funnel.c - funnel limits, z-scores, over-dispersion and positions.
 *
 * Limits are Spiegelhalter's interpolated exact limits; the binomial ones
 * below are worked by hand with exact fractions, the Poisson ones were
 * recomputed in mpmath by summing probability terms (30 digits). The
 * PHEindicatormethods method (--method phe) is checked at an area one event
 * from a limit, where the two methods give different verdicts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "analysis/funnel.h"

/* cmocka's assert_float_equal compares floats; these answers are doubles. */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

static void binomial_limits_by_hand(void **state)
{
    (void)state;
    /* Binomial(20, 1/2), in units of 2^-20 = 1/1,048,576:
     * F(5) = 1 + 20 + 190 + 1140 + 4845 + 15504 = 21,700; P(6) = 38,760;
     * F(6) = 60,460. 0.025 x 2^20 = 26,214.4, so r = 6 and
     * alpha = (60,460 - 26,214.4) / 38,760 = 0.883529; lower 95% limit
     * (6 - 0.883529) / 20 = 0.2558235 = 25.58235%.
     * F(13) = 2^20 - F(6) = 988,116, F(14) = 2^20 - F(5) = 1,026,876;
     * 0.975 x 2^20 = 1,022,361.6, so r = 14, alpha = 4,514.4 / 38,760 =
     * 0.116471, upper 95% limit (14 - 0.116471) / 20 = 69.41765%. */
    double lo = funnel_limits(FUNNEL_PROPORTION, 50, 20, 0.025, 0, 100);
    double hi = funnel_limits(FUNNEL_PROPORTION, 50, 20, 0.975, 0, 100);
    assert_float_equal(lo, 100 * (6 - 34245.6 / 38760) / 20, 1e-9);
    assert_float_equal(hi, 100 * (14 - 4514.4 / 38760) / 20, 1e-9);
    /* Binomial(100, 0.2), mpmath */
    assert_float_equal(funnel_limits(FUNNEL_PROPORTION, 0.2, 100, 0.025, 0, 1), 0.119742232715,
                       1e-10);
    assert_float_equal(funnel_limits(FUNNEL_PROPORTION, 0.2, 100, 0.999, 0, 1), 0.326765851517,
                       1e-10);
}

static void poisson_limits(void **state)
{
    (void)state;
    /* expected count 10 (rate 10 per 1,000 over 1,000 residents):
     * F(3) = 0.0103361, F(4) = 0.0292527 -> 4 - (0.0292527 - 0.025) /
     * 0.0189166 = 3.77519; F(16) = 0.9729584, F(17) = 0.9857224 -> 17 -
     * 0.0107224 / 0.0127640 = 16.15995. These are where counts fall around
     * an expected 10, not the interval for the mean of an observed 10
     * (Garwood's 4.80 to 18.39), hence the different ends. */
    assert_float_equal(funnel_limits(FUNNEL_RATE, 10, 1000, 0.025, 0, 1000), 3.77518794769, 1e-9);
    assert_float_equal(funnel_limits(FUNNEL_RATE, 10, 1000, 0.975, 0, 1000), 16.1599506733, 1e-9);
    assert_float_equal(funnel_limits(FUNNEL_RATE, 10, 1000, 0.001, 0, 1000), 1.2205293159, 1e-9);
    assert_float_equal(funnel_limits(FUNNEL_RATE, 10, 1000, 0.999, 0, 1000), 20.662000836, 1e-9);
    /* the same expected count at another scale: per 100,000 over 10,000 */
    assert_float_equal(funnel_limits(FUNNEL_RATE, 100, 10000, 0.975, 0, 100000), 161.599506733,
                       1e-7);
    /* a tiny expected count: the interpolation would dip below 0 */
    assert_float_equal(funnel_limits(FUNNEL_RATE, 0.01, 1000, 0.025, 0, 1000), 0, 0);
    /* no events anywhere: every limit is 0 */
    assert_float_equal(funnel_limits(FUNNEL_RATE, 0, 1000, 0.999, 0, 1000), 0, 0);
}

/* Ten areas of 10,000 residents against 10 per 1,000 (expected 100 each),
 * observed counts perfect squares so z = 2 (sqrt O - 10) is whole. */
static const struct funnel_unit ten_areas[] = {
    {"A", 36, 10000},  {"B", 49, 10000},  {"C", 64, 10000},  {"D", 81, 10000},  {"E", 100, 10000},
    {"F", 100, 10000}, {"G", 121, 10000}, {"H", 144, 10000}, {"I", 169, 10000}, {"J", 196, 10000},
};

static void winsorised_phi_by_hand(void **state)
{
    (void)state;
    /* z = -8 -6 -4 -2 0 0 2 4 6 8. Type-7 10th percentile: h = 9 x 0.1 =
     * 0.9, -8 + 0.9 x 2 = -6.2; 90th: h = 8.1, 6 + 0.1 x 2 = 6.2. So -8 and
     * 8 become -6.2 and 6.2: sum z^2 = 2 (38.44 + 36 + 16 + 4) = 188.88,
     * phi = 18.888; without Winsorising 240 / 10 = 24. */
    const double z[] = {0, -8, 6, -2, 4, 0, -6, 2, 8, -4};
    assert_float_equal(funnel_phi(z, 10, 0.1), 18.888, 1e-12);
    assert_float_equal(funnel_phi(z, 10, 0), 24, 1e-12);
    /* 20%: h = 1.8 gives -6 + 0.8 x 2 = -4.4, h = 7.2 gives 4 + 0.2 x 2 =
     * 4.4; -8, -6, 6 and 8 become +/-4.4 and +/-4 stay: sum z^2 = 4 x 19.36
     * + 2 x 16 + 2 x 4 = 117.44, phi = 11.744 */
    assert_float_equal(funnel_phi(z, 10, 0.2), 11.744, 1e-12);
}

static void tau2_by_hand(void **state)
{
    (void)state;
    /* ten equal weights w = 4 x 10,000 = 40,000: sum w = 400,000, sum w^2
     * / sum w = 40,000, so the divisor is 360,000; I phi - (I - 1) =
     * 188.88 - 9 = 179.88; tau^2 = 179.88 / 360,000 = 0.000499667 */
    double w[10];
    for (int i = 0; i < 10; i++)
        w[i] = 40000;
    assert_float_equal(funnel_tau2(18.888, w, 10), 179.88 / 360000, 1e-15);
    /* no over-dispersion: tau^2 is 0 whenever phi <= 1 */
    assert_float_equal(funnel_tau2(1.0, w, 10), 0, 0);
    assert_float_equal(funnel_tau2(0.95, w, 10), 0, 0);
    /* one area cannot show between-area variation */
    assert_float_equal(funnel_tau2(5, w, 1), 0, 0);
    /* unequal weights 1, 2, 3: divisor 6 - 14/6 = 3.6667; phi 2 ->
     * (6 - 2) / 3.6667 = 1.0909 */
    const double w3[] = {1, 2, 3};
    assert_float_equal(funnel_tau2(2, w3, 3), 4 / (6 - 14.0 / 6), 1e-14);
}

/* The ten areas against a given 10 per 1,000. */
static void ten_area_funnel(bool adjust, struct funnel_result *r)
{
    struct funnel_options o;
    funnel_options_default(&o, FUNNEL_RATE);
    o.has_target = true;
    o.target = 10;
    o.adjust = adjust;
    assert_true(funnel_compute(ten_areas, 10, &o, r));
}

static void over_dispersed_areas(void **state)
{
    (void)state;
    struct funnel_result r;
    ten_area_funnel(true, &r);
    assert_int_equal(r.compared, 10);
    assert_float_equal(r.points[0].z, -8, 1e-12);
    assert_float_equal(r.points[9].z, 8, 1e-12);
    assert_float_equal(r.points[9].value, 19.6, 1e-12);
    assert_float_equal(r.phi, 18.888, 1e-9);
    assert_float_equal(r.tau2, 179.88 / 360000, 1e-15);
    assert_true(r.adjusted);
    /* adjusted 95% limits at 10,000: (sqrt 0.01 +/- 1.959964 sqrt(1/40,000
     * + 0.000499667))^2 x 1,000 = (0.1 +/- 0.0448942)^2 x 1,000 = 3.03665 and
     * 20.99432; 99.8%: 0.85360 and 29.16705 (mpmath) */
    assert_float_equal(r.points[0].limits.lower95, 3.03665385682, 1e-8);
    assert_float_equal(r.points[0].limits.upper95, 20.9943169324, 1e-8);
    assert_float_equal(r.points[0].limits.lower998, 0.853595949426, 1e-8);
    assert_float_equal(r.points[0].limits.upper998, 29.1670501848, 1e-8);
    /* adjusted z = z / sqrt(1 + tau^2 x 4 x 10,000) */
    assert_float_equal(r.points[9].z_adjusted, 8 / sqrt(1 + 179.88 / 9), 1e-12);
    for (size_t i = 0; i < r.n; i++)
        assert_int_equal(r.points[i].position, FUNNEL_WITHIN);
    funnel_result_free(&r);
}

static void positions_with_exact_limits(void **state)
{
    (void)state;
    /* unadjusted: exact limits for an expected 100 are 80.37, 119.58 (95%)
     * and 70.07, 131.80 (99.8%) per 10,000, i.e. 8.037 ... 13.180 per 1,000
     * (mpmath) */
    struct funnel_result r;
    ten_area_funnel(false, &r);
    assert_false(r.adjusted);
    assert_true(r.tau2 > 0); /* estimated and reported, not applied */
    assert_float_equal(r.points[0].limits.lower95, 8.03663371217, 1e-8);
    assert_float_equal(r.points[0].limits.upper95, 11.9580894852, 1e-8);
    assert_float_equal(r.points[0].limits.lower998, 7.00652842648, 1e-8);
    assert_float_equal(r.points[0].limits.upper998, 13.1804750398, 1e-8);
    const enum funnel_position want[] = {
        FUNNEL_BELOW_998, /* 3.6 per 1,000 */
        FUNNEL_BELOW_998, /* 4.9 */
        FUNNEL_BELOW_998, /* 6.4, below 7.007 */
        FUNNEL_WITHIN,    /* 8.1, just above 8.037 */
        FUNNEL_WITHIN,    /* 10 */
        FUNNEL_WITHIN,    /* 10 */
        FUNNEL_ABOVE_95,  /* 12.1: above 11.958, below 13.180 */
        FUNNEL_ABOVE_998, /* 14.4 */
        FUNNEL_ABOVE_998, /* 16.9 */
        FUNNEL_ABOVE_998, /* 19.6 */
    };
    for (size_t i = 0; i < r.n; i++)
        assert_int_equal(r.points[i].position, want[i]);
    assert_string_equal(funnel_position_name(r.points[6].position), "above 95%");
    assert_string_equal(funnel_position_name(r.points[0].position), "below 99.8%");
    funnel_result_free(&r);
}

static void no_over_dispersion(void **state)
{
    (void)state;
    /* every area exactly on the target: z = 0, phi = 0, tau^2 = 0 */
    const struct funnel_unit on_target[] = {{"a", 5, 500}, {"b", 20, 2000}, {"c", 100, 10000}};
    struct funnel_options o;
    struct funnel_result r;
    funnel_options_default(&o, FUNNEL_RATE);
    assert_true(funnel_compute(on_target, 3, &o, &r));
    assert_false(r.target_given);
    assert_float_equal(r.target, 10, 1e-12); /* 125 / 12,500 x 1,000 */
    assert_float_equal(r.phi, 0, 1e-24);
    assert_float_equal(r.tau2, 0, 0);
    assert_false(r.adjusted);
    /* unadjusted limits are the exact ones */
    assert_float_equal(r.points[0].limits.upper95,
                       funnel_limits(FUNNEL_RATE, 10, 500, 0.975, 0, 1000), 0);
    funnel_result_free(&r);
}

static void excluded_areas_are_reported(void **state)
{
    (void)state;
    const struct funnel_unit units[] = {
        {"a", 30, 100}, {"empty", 0, 0}, {"b", 10, 100}, {"odd", 3, 2}, {"neg", -1, 50},
    };
    struct funnel_options o;
    struct funnel_result r;
    funnel_options_default(&o, FUNNEL_PROPORTION);
    assert_true(funnel_compute(units, 5, &o, &r));
    assert_int_equal(r.n, 5);
    assert_int_equal(r.compared, 2);
    assert_int_equal(r.excluded, 3);
    assert_null(r.points[0].excluded);
    assert_string_equal(r.points[1].name, "empty");
    assert_string_equal(r.points[1].excluded, "the denominator is zero");
    assert_string_equal(r.points[3].excluded, "more successes than trials");
    assert_string_equal(r.points[4].excluded, "the count is negative");
    assert_true(isnan(r.points[1].value));
    /* the pooled target uses the compared areas only: 40 / 200 = 20% */
    assert_float_equal(r.target, 20, 1e-12);
    /* z on the angular scale: 2 sqrt(100) (asin sqrt 0.3 - asin sqrt 0.2) =
     * 2.31984 (mpmath) */
    assert_float_equal(r.points[0].z, 2.31984262726, 1e-9);
    assert_float_equal(r.points[2].value, 10, 1e-12);
    funnel_result_free(&r);
    /* nothing comparable at all is an error, not an empty funnel */
    assert_false(funnel_compute(units + 1, 1, &o, &r));
    assert_non_null(r.error);
}

static void adjusted_proportion_limits(void **state)
{
    (void)state;
    /* sin^2(asin sqrt 0.2 +/- 1.959964 sqrt(1/400 + 0.01)) at n = 100:
     * 5.86065% and 39.80990% (mpmath) */
    assert_float_equal(funnel_limits(FUNNEL_PROPORTION, 20, 100, 0.025, 0.01, 100), 5.86064519834,
                       1e-8);
    assert_float_equal(funnel_limits(FUNNEL_PROPORTION, 20, 100, 0.975, 0.01, 100), 39.8099014715,
                       1e-8);
    /* clamped to the scale's ends for huge tau^2 */
    assert_float_equal(funnel_limits(FUNNEL_PROPORTION, 20, 100, 0.001, 5, 100), 0, 0);
    assert_float_equal(funnel_limits(FUNNEL_PROPORTION, 20, 100, 0.999, 5, 100), 100, 1e-12);
}

/* The position of one area of `observed` in `denominator` against a given
 * target, by a method, unadjusted. */
static enum funnel_position position_by(enum funnel_method method, enum funnel_kind kind,
                                        double target, int64_t observed, double denominator)
{
    const struct funnel_unit u = {"area", observed, denominator};
    struct funnel_options o;
    struct funnel_result r;
    funnel_options_default(&o, kind);
    o.has_target = true;
    o.target = target;
    o.method = method;
    assert_true(funnel_compute(&u, 1, &o, &r));
    assert_int_equal(r.method, method);
    enum funnel_position pos = r.points[0].position;
    funnel_result_free(&r);
    return pos;
}

static void phe_poisson_one_event_from_the_upper_limit(void **state)
{
    (void)state;
    /* Expected 10 events (10 per 1,000 over 1,000 residents). Poisson(10):
     * F(16) = 0.9729584, F(17) = 0.9857224. The exact interval inverted
     * puts an area of O events above the 95% limit when P(X >= O) < 0.025:
     * P(X >= 17) = 1 - F(16) = 0.0270416, not; P(X >= 18) = 1 - F(17) =
     * 0.0142776, so. The limit is the count a with P(a, 10) = 0.025 (the
     * regularised incomplete gamma function): 17.12716 (mpmath, findroot),
     * one event above Spiegelhalter's 16.15995. So 17 events is above by
     * Spiegelhalter's limits and within PHEindicatormethods'. */
    double up = funnel_method_limits(FUNNEL_PHE, FUNNEL_RATE, 10, 1000, 0.975, 0, 1000);
    assert_near(up, 17.1271588169661891, 1e-9);
    assert_true(up > 17 && up < 18);
    /* the lower limit is a - 1 with P(a, 10) = 0.975: F(3) = 0.0103 <
     * 0.025 < F(4) = 0.0293, so it lies between 3 and 4 (mpmath 3.83362) */
    assert_near(funnel_method_limits(FUNNEL_PHE, FUNNEL_RATE, 10, 1000, 0.025, 0, 1000),
                3.83361612156207609, 1e-9);
    assert_near(funnel_method_limits(FUNNEL_PHE, FUNNEL_RATE, 10, 1000, 0.999, 0, 1000),
                21.5706002121960587, 1e-9);
    assert_near(funnel_method_limits(FUNNEL_PHE, FUNNEL_RATE, 10, 1000, 0.001, 0, 1000),
                1.37147684558633065, 1e-9);
    assert_int_equal(position_by(FUNNEL_SPIEGELHALTER, FUNNEL_RATE, 10, 17, 1000), FUNNEL_ABOVE_95);
    assert_int_equal(position_by(FUNNEL_PHE, FUNNEL_RATE, 10, 17, 1000), FUNNEL_WITHIN);
    assert_int_equal(position_by(FUNNEL_PHE, FUNNEL_RATE, 10, 18, 1000), FUNNEL_ABOVE_95);
    /* no events expected: every limit is 0 */
    assert_near(funnel_method_limits(FUNNEL_PHE, FUNNEL_RATE, 0, 1000, 0.999, 0, 1000), 0, 0);
}

static void phe_wilson_one_event_from_the_lower_limit(void **state)
{
    (void)state;
    /* 20% over 100 crimes: the Wilson score limits are 20 +/- z sqrt(0.2 x
     * 0.8 / 100) x 100 = 20 +/- 1.959964 x 4 = 12.160144% and 27.839856%;
     * Spiegelhalter's exact binomial lower limit is 11.974223% (F(11) =
     * 0.0125749, F(12) = 0.0253288: 12 - 0.0003288 / 0.0127539). So 12 of
     * 100 is below PHEindicatormethods' limit and within Spiegelhalter's;
     * 13 is within both and 11 below both. */
    double z = 1.959963984540054;
    assert_near(funnel_method_limits(FUNNEL_PHE, FUNNEL_PROPORTION, 20, 100, 0.025, 0, 100),
                20 - z * 4, 1e-9);
    assert_near(funnel_method_limits(FUNNEL_PHE, FUNNEL_PROPORTION, 20, 100, 0.975, 0, 100),
                20 + z * 4, 1e-9);
    assert_near(funnel_method_limits(FUNNEL_PHE, FUNNEL_PROPORTION, 20, 100, 0.999, 0, 100),
                20 + 3.090232306167813 * 4, 1e-9);
    assert_int_equal(position_by(FUNNEL_PHE, FUNNEL_PROPORTION, 20, 12, 100), FUNNEL_BELOW_95);
    assert_int_equal(position_by(FUNNEL_SPIEGELHALTER, FUNNEL_PROPORTION, 20, 12, 100),
                     FUNNEL_WITHIN);
    assert_int_equal(position_by(FUNNEL_PHE, FUNNEL_PROPORTION, 20, 13, 100), FUNNEL_WITHIN);
    assert_int_equal(position_by(FUNNEL_SPIEGELHALTER, FUNNEL_PROPORTION, 20, 11, 100),
                     FUNNEL_BELOW_95);
    /* clamped to [0, 100%] where the normal limits would pass them */
    assert_near(funnel_method_limits(FUNNEL_PHE, FUNNEL_PROPORTION, 1, 10, 0.001, 0, 100), 0, 0);
}

static void phe_never_adjusts(void **state)
{
    (void)state;
    /* over-dispersed areas: Spiegelhalter's limits are widened, PHE's not */
    const struct funnel_unit units[] = {
        {"a", 5, 1000}, {"b", 40, 1000}, {"c", 10, 1000}, {"d", 30, 1000}};
    struct funnel_options o;
    struct funnel_result r;
    funnel_options_default(&o, FUNNEL_RATE);
    assert_true(funnel_compute(units, 4, &o, &r));
    assert_true(r.adjusted);
    assert_string_equal(funnel_limits_text(&r), "widened for over-dispersion (Spiegelhalter 2005)");
    double phi = r.phi;
    funnel_result_free(&r);
    o.method = FUNNEL_PHE;
    assert_true(funnel_compute(units, 4, &o, &r));
    assert_false(r.adjusted);
    assert_near(r.phi, phi, 0); /* still reported */
    assert_string_equal(funnel_limits_text(&r),
                        "exact Poisson interval inverted (PHEindicatormethods)");
    assert_near(r.points[0].limits.upper95,
                funnel_method_limits(FUNNEL_PHE, FUNNEL_RATE, r.target, 1000, 0.975, 0, 1000), 0);
    funnel_result_free(&r);
    enum funnel_method m;
    assert_true(funnel_method_parse("phe", &m) && m == FUNNEL_PHE);
    assert_true(funnel_method_parse("spiegelhalter", &m) && m == FUNNEL_SPIEGELHALTER);
    assert_false(funnel_method_parse("Wilson", &m));
    assert_string_equal(funnel_method_word(FUNNEL_PHE), "phe");
}

static void curve_points(void **state)
{
    (void)state;
    struct funnel_curve_point c[100];
    funnel_curve(FUNNEL_SPIEGELHALTER, FUNNEL_RATE, 10, 0, 1000, 100, 100000, 100, true, c);
    assert_float_equal(c[0].denominator, 100, 1e-9);
    assert_float_equal(c[99].denominator, 100000, 1e-6);
    /* log-spaced: the middle of 100..100,000 on a log scale (index 49.5) */
    assert_float_equal(sqrt(c[49].denominator * c[50].denominator), sqrt(100.0 * 100000), 1e-6);
    assert_float_equal(c[99].limits.upper95, funnel_limits(FUNNEL_RATE, 10, 100000, 0.975, 0, 1000),
                       0);
    /* the funnel narrows */
    assert_true(c[99].limits.upper998 - c[99].limits.lower998 <
                c[0].limits.upper998 - c[0].limits.lower998);
    assert_true(c[99].limits.lower95 < 10 && c[99].limits.upper95 > 10);
    /* linear, and whole trials for proportions */
    funnel_curve(FUNNEL_SPIEGELHALTER, FUNNEL_PROPORTION, 20, 0, 100, 10, 20, 4, false, c);
    assert_float_equal(c[1].denominator, 13, 0); /* 13.33 rounded */
    assert_float_equal(c[2].denominator, 17, 0); /* 16.67 */
    assert_float_equal(c[3].denominator, 20, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(binomial_limits_by_hand),
        cmocka_unit_test(poisson_limits),
        cmocka_unit_test(winsorised_phi_by_hand),
        cmocka_unit_test(tau2_by_hand),
        cmocka_unit_test(over_dispersed_areas),
        cmocka_unit_test(positions_with_exact_limits),
        cmocka_unit_test(no_over_dispersion),
        cmocka_unit_test(excluded_areas_are_reported),
        cmocka_unit_test(adjusted_proportion_limits),
        cmocka_unit_test(curve_points),
        cmocka_unit_test(phe_poisson_one_event_from_the_upper_limit),
        cmocka_unit_test(phe_wilson_one_event_from_the_lower_limit),
        cmocka_unit_test(phe_never_adjusts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
