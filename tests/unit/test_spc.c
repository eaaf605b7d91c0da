/*
 * test_spc.c - XmR limits and the MDC rules, on series worked by hand.
 *
 * Most tests fix the baseline on 12 alternating points, 12 10 12 10 ...:
 * mean 11, every moving range 2, so the limits are 11 +/- 2.66 x 2
 * (16.32, 5.68) and the 2-sigma lines 11 +/- 1.7733 x 2 (14.5467, 7.4533).
 * The alternation itself can fire no rule. Points appended after it test
 * one rule each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "analysis/spc.h"

#define MAXN 64

struct series {
    double v[MAXN];
    bool missing[MAXN];
    size_t n;
};

static void baseline(struct series *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < 12; i++)
        s->v[s->n++] = i % 2 ? 10 : 12;
}

static void append(struct series *s, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s->v[s->n++] = v[i];
}

static struct spc_result run(const struct series *s, struct spc_options *o)
{
    struct spc_result r;
    assert_true(spc_compute(s->v, s->missing, s->n, o, &r));
    return r;
}

static struct spc_options fixed(void)
{
    struct spc_options o;
    spc_options_default(&o);
    o.fix_after = 12;
    return o;
}

static void limits_from_the_baseline(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    struct spc_options o = fixed();
    struct spc_result r = run(&s, &o);
    assert_float_equal(r.points[0].mean, 11.0, 1e-12);
    assert_float_equal(r.points[0].upl, 16.32, 1e-12);
    assert_float_equal(r.points[0].lpl, 5.68, 1e-12);
    assert_float_equal(r.points[0].upper_2s, 11 + 2 * 2.66 / 3 * 2, 1e-12);
    assert_true(isnan(r.points[0].moving_range));
    assert_float_equal(r.points[1].moving_range, 2.0, 1e-12);
    for (size_t i = 0; i < r.n; i++)
        assert_int_equal(r.points[i].type, SPC_COMMON_CAUSE);
    assert_false(r.trial_limits);
    spc_result_free(&r);
}

static void unfixed_limits_use_every_point(void **state)
{
    (void)state;
    /* 10 12 11 13 12 11 10 12 11 13 12 11: mean 138/12 = 11.5, ranges sum 15
     * over 11, so the limits are 11.5 +/- 2.66 x 15/11 */
    struct series s = {{10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11}, {0}, 12};
    struct spc_options o;
    spc_options_default(&o);
    struct spc_result r = run(&s, &o);
    assert_float_equal(r.points[5].mean, 11.5, 1e-12);
    assert_float_equal(r.points[5].upl, 11.5 + 2.66 * 15.0 / 11.0, 1e-12);
    spc_result_free(&r);
}

static void screening_drops_outlying_ranges(void **state)
{
    (void)state;
    /* mean 150/12 = 12.5; ranges: nine of 2 and two of 20, mean 58/11.
     * Screening drops ranges of 3.267 x 58/11 = 17.2 or more: mean range 2. */
    struct series s = {{10, 12, 10, 12, 10, 30, 10, 12, 10, 12, 10, 12}, {0}, 12};
    struct spc_options o;
    spc_options_default(&o);
    struct spc_result r = run(&s, &o);
    assert_float_equal(r.points[0].upl, 12.5 + 2.66 * 2, 1e-12);
    assert_int_equal(r.points[5].rule, SPC_RULE_BEYOND_LIMIT);
    spc_result_free(&r);
    o.screen_outliers = false;
    r = run(&s, &o);
    /* 26.53: wider, though 30 is still beyond it */
    assert_float_equal(r.points[0].upl, 12.5 + 2.66 * 58.0 / 11.0, 1e-12);
    assert_int_equal(r.points[5].rule, SPC_RULE_BEYOND_LIMIT);
    spc_result_free(&r);
}

static void beyond_a_limit_and_polarity(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    append(&s, (double[]){17}, 1);
    struct spc_options o = fixed();
    struct spc_result r = run(&s, &o);
    assert_int_equal(r.points[12].rule, SPC_RULE_BEYOND_LIMIT);
    assert_int_equal(r.points[12].direction, 1);
    assert_int_equal(r.variation, SPC_IMPROVEMENT);
    spc_result_free(&r);
    o.polarity = SPC_LOWER_IS_BETTER; /* e.g. burglaries */
    r = run(&s, &o);
    assert_int_equal(r.variation, SPC_CONCERN);
    spc_result_free(&r);
    o.polarity = SPC_NEUTRAL; /* e.g. possession of weapons */
    r = run(&s, &o);
    assert_int_equal(r.variation, SPC_NEUTRAL_HIGH);
    spc_result_free(&r);
}

static void two_of_three_beyond_two_sigma(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    append(&s, (double[]){15, 11.5, 15}, 3); /* all above the mean, two beyond 14.55 */
    struct spc_options o = fixed();
    struct spc_result r = run(&s, &o);
    assert_int_equal(r.points[12].rule, SPC_RULE_TWO_OF_THREE);
    assert_int_equal(r.points[13].rule, SPC_RULE_NONE); /* the third is not flagged */
    assert_int_equal(r.points[14].rule, SPC_RULE_TWO_OF_THREE);
    spc_result_free(&r);
    /* the middle point on the other side of the mean: no signal */
    s.v[13] = 10.5;
    r = run(&s, &o);
    assert_int_equal(r.points[12].rule, SPC_RULE_NONE);
    assert_int_equal(r.points[14].rule, SPC_RULE_NONE);
    spc_result_free(&r);
}

static void shift_of_seven_and_a_point_on_the_mean(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    append(&s, (double[]){12, 12.5, 12, 12.5, 12, 12.5, 12}, 7);
    struct spc_options o = fixed();
    struct spc_result r = run(&s, &o);
    for (size_t i = 12; i < 19; i++)
        assert_int_equal(r.points[i].rule, SPC_RULE_SHIFT);
    assert_int_equal(r.points[11].rule, SPC_RULE_NONE);
    spc_result_free(&r);
    s.v[15] = 11; /* exactly on the mean: breaks the run */
    r = run(&s, &o);
    for (size_t i = 12; i < 19; i++)
        assert_int_equal(r.points[i].rule, SPC_RULE_NONE);
    spc_result_free(&r);
    /* six is enough when asked for */
    s.v[15] = 12.5;
    s.n = 18;
    o.shift_length = 6;
    r = run(&s, &o);
    assert_int_equal(r.points[17].rule, SPC_RULE_SHIFT);
    spc_result_free(&r);
}

static void trend_outranks_shift_and_ties_break_it(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    /* seven rising points, all below the mean: a trend and a shift */
    append(&s, (double[]){7.5, 8, 8.5, 9, 9.5, 10, 10.5}, 7);
    struct spc_options o = fixed();
    struct spc_result r = run(&s, &o);
    for (size_t i = 12; i < 19; i++) {
        assert_int_equal(r.points[i].rule, SPC_RULE_TREND);
        assert_int_equal(r.points[i].direction, 1);
    }
    spc_result_free(&r);
    /* a repeated value breaks the trend; the shift below the mean remains */
    s.v[15] = 8.5;
    r = run(&s, &o);
    for (size_t i = 12; i < 19; i++) {
        assert_int_equal(r.points[i].rule, SPC_RULE_SHIFT);
        assert_int_equal(r.points[i].direction, -1);
    }
    spc_result_free(&r);
}

static void trend_of_six_when_configured(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    /* 12 first, so that neither the six nor the baseline's last point make
     * a run of seven below the mean */
    append(&s, (double[]){12, 8, 8.5, 9, 9.5, 10, 10.5}, 7);
    struct spc_options o = fixed();
    struct spc_result r = run(&s, &o);
    assert_int_equal(r.points[18].rule, SPC_RULE_NONE);
    spc_result_free(&r);
    o.trend_length = 6;
    r = run(&s, &o);
    assert_int_equal(r.points[18].rule, SPC_RULE_TREND);
    assert_int_equal(r.points[12].rule, SPC_RULE_NONE);
    spc_result_free(&r);
}

static void rebasing_starts_new_limits(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    for (int i = 0; i < 12; i++)
        s.v[s.n++] = i % 2 ? 20 : 22;
    struct spc_options o;
    spc_options_default(&o);
    size_t at = 12;
    o.rebase_at = &at;
    o.nrebase = 1;
    struct spc_result r = run(&s, &o);
    assert_float_equal(r.points[11].mean, 11, 1e-12);
    assert_float_equal(r.points[12].mean, 21, 1e-12);
    assert_float_equal(r.points[12].upl, 21 + 2.66 * 2, 1e-12);
    assert_true(isnan(r.points[12].moving_range)); /* no range across groups */
    assert_int_equal(r.points[12].group, 1);
    assert_int_equal(r.variation, SPC_COMMON_CAUSE);
    spc_result_free(&r);
    /* without the rebase the step up is special cause (two of three beyond
     * 2 sigma outranks the shift it also is) */
    o.nrebase = 0;
    r = run(&s, &o);
    assert_int_equal(r.points[23].rule, SPC_RULE_TWO_OF_THREE);
    assert_int_equal(r.points[23].direction, 1);
    assert_int_equal(r.variation, SPC_IMPROVEMENT);
    spc_result_free(&r);
}

static void gaps_are_never_computed_over(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    append(&s, (double[]){12, 12.5, 12, 0, 12.5, 12, 12.5, 12}, 8);
    s.missing[15] = true;
    struct spc_options o = fixed();
    struct spc_result r = run(&s, &o);
    assert_int_equal(r.missing, 1);
    for (size_t i = 12; i < 20; i++)
        assert_int_equal(r.points[i].rule, SPC_RULE_NONE);
    assert_int_equal(r.points[15].type, SPC_MISSING);
    assert_true(isnan(r.points[16].moving_range));
    spc_result_free(&r);
    /* the same eight values without the gap: a shift */
    s.missing[15] = false;
    s.v[15] = 12.5;
    r = run(&s, &o);
    assert_int_equal(r.points[19].rule, SPC_RULE_SHIFT);
    spc_result_free(&r);
}

static void assurance_against_a_target(void **state)
{
    (void)state;
    struct series s;
    baseline(&s); /* limits 5.68 .. 16.32 */
    struct spc_options o = fixed();
    struct {
        double target;
        enum spc_polarity polarity;
        enum spc_assurance want;
    } cases[] = {
        {20, SPC_HIGHER_IS_BETTER, SPC_ASSURANCE_FAIL},
        {20, SPC_LOWER_IS_BETTER, SPC_ASSURANCE_PASS},
        {3, SPC_HIGHER_IS_BETTER, SPC_ASSURANCE_PASS},
        {3, SPC_LOWER_IS_BETTER, SPC_ASSURANCE_FAIL},
        {11, SPC_HIGHER_IS_BETTER, SPC_ASSURANCE_HIT_AND_MISS},
        {16.32, SPC_HIGHER_IS_BETTER, SPC_ASSURANCE_HIT_AND_MISS}, /* on a limit */
        {20, SPC_NEUTRAL, SPC_ASSURANCE_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        o.has_target = true;
        o.target = cases[i].target;
        o.polarity = cases[i].polarity;
        struct spc_result r = run(&s, &o);
        assert_int_equal(r.assurance, cases[i].want);
        spc_result_free(&r);
    }
    o.has_target = false;
    o.polarity = SPC_HIGHER_IS_BETTER;
    struct spc_result r = run(&s, &o);
    assert_int_equal(r.assurance, SPC_ASSURANCE_NONE);
    spc_result_free(&r);
}

static void bad_options_and_short_series(void **state)
{
    (void)state;
    struct series s;
    baseline(&s);
    struct spc_options o;
    spc_options_default(&o);
    struct spc_result r;
    o.fix_after = 11;
    assert_false(spc_compute(s.v, NULL, s.n, &o, &r));
    assert_non_null(r.error);
    spc_options_default(&o);
    o.trend_length = 5;
    assert_false(spc_compute(s.v, NULL, s.n, &o, &r));
    spc_options_default(&o);
    assert_false(spc_compute(s.v, NULL, 1, &o, &r));
    assert_null(r.points); /* nothing left to free (LeakSanitizer checks) */
    /* a short series gives trial limits, and says so */
    assert_true(spc_compute(s.v, NULL, 5, &o, &r));
    assert_true(r.trial_limits);
    spc_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(limits_from_the_baseline),
        cmocka_unit_test(unfixed_limits_use_every_point),
        cmocka_unit_test(screening_drops_outlying_ranges),
        cmocka_unit_test(beyond_a_limit_and_polarity),
        cmocka_unit_test(two_of_three_beyond_two_sigma),
        cmocka_unit_test(shift_of_seven_and_a_point_on_the_mean),
        cmocka_unit_test(trend_outranks_shift_and_ties_break_it),
        cmocka_unit_test(trend_of_six_when_configured),
        cmocka_unit_test(rebasing_starts_new_limits),
        cmocka_unit_test(gaps_are_never_computed_over),
        cmocka_unit_test(assurance_against_a_target),
        cmocka_unit_test(bad_options_and_short_series),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
