/*
 * test_metric_series.c - a metric's value a year before its latest
 * (assess/series.c, metric_series_value_at), which the public report
 * compares the latest value with: found by period at any frequency, never
 * from a gap or from before the series starts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "assess/evaluate.h"

static int month(const char *text)
{
    int m;
    assert_true(month_parse(text, strlen(text), &m));
    return m;
}

static void monthly_series_by_period(void **state)
{
    (void)state;
    double values[14], nums[14];
    bool missing[14] = {false};
    for (size_t i = 0; i < 14; i++)
        values[i] = 100 + (double)i, nums[i] = NAN;
    missing[1] = true;
    struct metric_series ser = {.kind = PERIOD_MONTH,
                                .first = month("2022-01"),
                                .n = 14,
                                .values = values,
                                .missing = missing,
                                .numerator = nums,
                                .denominator = nums};
    double v = 0;
    /* the latest is 2023-02 (i = 13); a year earlier is 2022-02, a gap */
    assert_false(metric_series_value_at(&ser, month("2023-02") - 12, &v));
    assert_true(metric_series_value_at(&ser, month("2023-01") - 12, &v));
    assert_true(v == 100);
    assert_true(metric_series_value_at(&ser, month("2023-02"), &v));
    assert_true(v == 113);
    assert_false(metric_series_value_at(&ser, month("2021-12"), &v)); /* before the start */
    assert_false(metric_series_value_at(&ser, month("2023-03"), &v)); /* after the end */
}

static void quarterly_series_by_period(void **state)
{
    (void)state;
    double values[6] = {1, 2, 3, 4, 5, 6}, nums[6] = {NAN, NAN, NAN, NAN, NAN, NAN};
    bool missing[6] = {false};
    /* 2021-22 Q1 (April 2021) to 2022-23 Q2 */
    struct metric_series ser = {.kind = PERIOD_QUARTER,
                                .first = month("2021-04"),
                                .n = 6,
                                .values = values,
                                .missing = missing,
                                .numerator = nums,
                                .denominator = nums};
    double v = 0;
    assert_true(metric_series_value_at(&ser, month("2022-07") - 12, &v));
    assert_true(v == 2);
    /* a month inside a quarter is not the start of a period */
    assert_false(metric_series_value_at(&ser, month("2021-05"), &v));
    struct metric_series empty = {.kind = PERIOD_MONTH};
    assert_false(metric_series_value_at(&empty, month("2021-04"), &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(monthly_series_by_period),
        cmocka_unit_test(quarterly_series_by_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
