/*
 * test_target.c - target verdicts.
 *
 * Intervals of counts are Garwood's exact Poisson intervals; the values in
 * the comments were computed with mpmath (gamma quantiles to 30 digits) and
 * agree with published tables where tables go (see test_distributions.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "analysis/target.h"

static const struct target_goal reduce10 = {GOAL_REDUCTION, 10, GOAL_LOWER_IS_BETTER};

static void reduction_three_ways(void **state)
{
    (void)state;
    struct target_assessment a;
    /* baseline 100, 10% reduction: at most 90 */
    /* 60 observed: 95% CI 45.79 to 77.23, all below 90 */
    target_reduction(&reduce10, 100, 60, 0.95, &a);
    assert_float_equal(a.target, 90, 0);
    assert_float_equal(a.lower, 45.78632095, 1e-6);
    assert_float_equal(a.upper, 77.23189341, 1e-6);
    assert_int_equal(a.verdict, TARGET_MET);
    assert_true(a.point_met);
    assert_float_equal(a.change_pct, -40, 1e-12);
    assert_string_equal(target_verdict_name(&a), "met");
    /* 85 observed, a 15% fall, beyond the 10% asked: but 67.89 to 105.10
     * straddles 90 */
    target_reduction(&reduce10, 100, 85, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_TOO_CLOSE_TO_CALL);
    assert_true(a.point_met);
    assert_string_equal(target_verdict_name(&a), "too close to call");
    /* 120 observed: 99.49 to 143.49, all above 90 */
    target_reduction(&reduce10, 100, 120, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NOT_MET);
    assert_false(a.point_met);
    assert_float_equal(a.change_pct, 20, 1e-12);
    assert_string_equal(target_verdict_name(&a), "not met");
}

static void reduction_sentence(void **state)
{
    (void)state;
    /* 84,340 x 0.95 = 80,123; 78,900 is (78,900 - 84,340) / 84,340 =
     * -6.45%; 95% CI 78,350.4 to 79,452.5 */
    const struct target_goal five = {GOAL_REDUCTION, 5, GOAL_LOWER_IS_BETTER};
    struct target_assessment a;
    struct buf b = BUF_INIT;
    target_reduction(&five, 84340, 78900, 0.95, &a);
    assert_float_equal(a.target, 80123, 0);
    describe_target(&a, &(struct target_labels){"all crime", "2012-13", "2013-14"}, &b);
    assert_string_equal(buf_str(&b),
                        "Target: 5% reduction in all crime from 2012-13 (at most 80,123). "
                        "2013-14: 78,900, a 6.5% reduction; met (95% CI of the underlying count "
                        "78,350 to 79,452 is below the target)");
    buf_free(&b);
    /* the target itself meets it: 80,123 is "at most 80,123" as observed */
    target_reduction(&five, 84340, 80123, 0.95, &a);
    assert_true(a.point_met);
    assert_int_equal(a.verdict, TARGET_TOO_CLOSE_TO_CALL);
    target_reduction(&five, 84340, 80124, 0.95, &a);
    assert_false(a.point_met);
    /* a small count: one decimal in the interval; 10 -> 4.8 to 18.4 */
    target_reduction(&reduce10, 15, 10, 0.95, &a);
    describe_target(&a, NULL, &b);
    assert_string_equal(buf_str(&b),
                        "Target: 10% reduction (at most 13). This period: 10, a 33.3% reduction; "
                        "too close to call (meets the target as observed, but the 95% CI of the "
                        "underlying count 4.8 to 18.4 straddles it)");
    buf_free(&b);
}

static void on_track_during_the_year(void **state)
{
    (void)state;
    /* April to September: baseline 42,170 x 0.95 = 40,061.5, so at most
     * 40,061. 40,000 observed: 39,608.96 to 40,393.94 straddles it. */
    const struct target_goal five = {GOAL_REDUCTION, 5, GOAL_LOWER_IS_BETTER};
    struct target_assessment a;
    struct buf b = BUF_INIT;
    target_on_track(&five, 42170, 40000, 6, 0.95, &a);
    assert_float_equal(a.target, 40061.5, 1e-9);
    assert_int_equal(a.verdict, TARGET_TOO_CLOSE_TO_CALL);
    assert_int_equal(a.months, 6);
    describe_target(&a, &(struct target_labels){"all crime", "2012-13", "2013-14"}, &b);
    assert_string_equal(buf_str(&b),
                        "Target: 5% reduction in all crime from 2012-13 (at most 40,061 in the "
                        "first 6 months). 2013-14, the first 6 months: 40,000, a 5.1% reduction; "
                        "too close to call (meets the target as observed, but the 95% CI of the "
                        "underlying count 39,609 to 40,394 straddles it)");
    buf_free(&b);
    target_on_track(&five, 42170, 38000, 6, 0.95, &a);
    assert_string_equal(target_verdict_name(&a), "on track");
    target_on_track(&five, 42170, 42000, 6, 0.95, &a);
    assert_string_equal(target_verdict_name(&a), "off track");
}

static void level_on_a_proportion(void **state)
{
    (void)state;
    struct target_assessment a;
    struct buf b = BUF_INIT;
    const struct target_goal ninety = {GOAL_LEVEL, 90, GOAL_HIGHER_IS_BETTER};
    /* 880 of 1,000: Wilson 85.84% to 89.87%, all below 90% */
    target_level_proportion(&ninety, 880, 1000, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NOT_MET);
    assert_float_equal(a.lower, 85.839092, 1e-5);
    assert_float_equal(a.upper, 89.870074, 1e-5);
    describe_target(&a, &(struct target_labels){"victim satisfaction", NULL, "2023-24"}, &b);
    assert_string_equal(buf_str(&b),
                        "Target: victim satisfaction at least 90%. 2023-24: 88.0% (880 of 1,000); "
                        "not met (95% CI 85.8% to 89.9% is below the target)");
    buf_free(&b);
    /* 905 of 1,000: 88.52% to 92.17% straddles 90% */
    target_level_proportion(&ninety, 905, 1000, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_TOO_CLOSE_TO_CALL);
    assert_true(a.point_met);
    /* 1,234 of 5,270 = 23.42%, 22.29% to 24.58%: a 25% outcome rate not met */
    const struct target_goal quarter = {GOAL_LEVEL, 25, GOAL_HIGHER_IS_BETTER};
    target_level_proportion(&quarter, 1234, 5270, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NOT_MET);
    /* at most 30% repeat victims: 250 of 1,000, 22.42% to 27.78% */
    const struct target_goal at_most = {GOAL_LEVEL, 30, GOAL_LOWER_IS_BETTER};
    target_level_proportion(&at_most, 250, 1000, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_MET);
    describe_target(&a, NULL, &b);
    assert_string_equal(buf_str(&b), "Target: at most 30%. This period: 25.0% (250 of 1,000); met "
                                     "(95% CI 22.4% to 27.8% is below the target)");
    buf_free(&b);
}

static void level_on_a_count(void **state)
{
    (void)state;
    /* at most 150 killed or seriously injured; 140 -> 117.77 to 165.21 */
    const struct target_goal ksi = {GOAL_LEVEL, 150, GOAL_LOWER_IS_BETTER};
    struct target_assessment a;
    target_level_count(&ksi, 140, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_TOO_CLOSE_TO_CALL);
    assert_float_equal(a.upper, 165.2054904, 1e-6);
    /* at least 10 and none seen: 0 to 3.69, all below */
    const struct target_goal ten = {GOAL_LEVEL, 10, GOAL_HIGHER_IS_BETTER};
    target_level_count(&ten, 0, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NOT_MET);
}

static void level_on_a_plain_value(void **state)
{
    (void)state;
    const struct target_goal hours = {GOAL_LEVEL, 1000, GOAL_HIGHER_IS_BETTER};
    struct target_assessment a;
    struct buf b = BUF_INIT;
    target_level_value(&hours, 1040, &a);
    assert_int_equal(a.verdict, TARGET_MET);
    assert_false(a.has_interval);
    describe_target(&a, &(struct target_labels){"volunteer hours", NULL, "2023-24"}, &b);
    assert_string_equal(buf_str(&b), "Target: volunteer hours at least 1,000. 2023-24: 1,040; met "
                                     "(no measure of uncertainty is available)");
    buf_free(&b);
    target_level_value(&hours, 999.5, &a);
    assert_int_equal(a.verdict, TARGET_NOT_MET);
    /* on the target is meeting it */
    target_level_value(&hours, 1000, &a);
    assert_int_equal(a.verdict, TARGET_MET);
    const struct target_goal days = {GOAL_LEVEL, 12.5, GOAL_LOWER_IS_BETTER};
    target_level_value(&days, 12.75, &a);
    assert_int_equal(a.verdict, TARGET_NOT_MET);
    describe_target(&a, NULL, &b);
    assert_string_equal(buf_str(&b), "Target: at most 12.5. This period: 12.75; not met (no "
                                     "measure of uncertainty is available)");
    buf_free(&b);
}

static void no_data(void **state)
{
    (void)state;
    struct target_assessment a;
    struct buf b = BUF_INIT;
    target_reduction(&reduce10, TARGET_NO_COUNT, 50, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NO_DATA);
    assert_string_equal(target_verdict_name(&a), "no data");
    target_reduction(&reduce10, 0, 50, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NO_DATA);
    target_reduction(&reduce10, 100, TARGET_NO_COUNT, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NO_DATA);
    describe_target(&a, &(struct target_labels){NULL, "2012-13", "2013-14"}, &b);
    assert_string_equal(buf_str(&b), "Target: 10% reduction from 2012-13 (at most 90). 2013-14: no "
                                     "data (no count for the period)");
    buf_free(&b);
    const struct target_goal level = {GOAL_LEVEL, 25, GOAL_HIGHER_IS_BETTER};
    target_level_proportion(&level, 0, 0, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NO_DATA);
    target_level_value(&level, NAN, &a);
    assert_int_equal(a.verdict, TARGET_NO_DATA);
    target_level_count(&level, TARGET_NO_COUNT, 0.95, &a);
    assert_int_equal(a.verdict, TARGET_NO_DATA);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reduction_three_ways),
        cmocka_unit_test(reduction_sentence),
        cmocka_unit_test(on_track_during_the_year),
        cmocka_unit_test(level_on_a_proportion),
        cmocka_unit_test(level_on_a_count),
        cmocka_unit_test(level_on_a_plain_value),
        cmocka_unit_test(no_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
