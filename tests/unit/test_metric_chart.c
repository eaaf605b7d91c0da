/*
 * test_metric_chart.c - a plan metric's XmR chart: a new plan starts new
 * limits (assess/series.c, metric_chart), worked by hand.
 *
 * The series: 36 months from 2019-04, alternating 12 and 10 for the first
 * 24 (mean 11, moving ranges 2) and 22 and 20 for the last 12 (mean 21).
 * Charted as one process the last 12 are a run far above a mean of 14.33;
 * with the plan starting in 2021-04 (point 24) they are a process of their
 * own: mean 21, limits 21 +/- 2.66 x 2, no special cause.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "assess/evaluate.h"

#define N 36

static void chart_with_plan_start(const char *from, struct spc_result *r)
{
    static double values[N], numerator[N], denominator[N];
    static bool missing[N];
    for (size_t i = 0; i < N; i++) {
        values[i] = (i < 24 ? 10 : 20) + (i % 2 == 0 ? 2 : 0);
        numerator[i] = denominator[i] = NAN;
    }
    struct metric_series ser = {.kind = PERIOD_MONTH,
                                .first = 2019 * 12 + 3,
                                .n = N,
                                .values = values,
                                .missing = missing,
                                .numerator = numerator,
                                .denominator = denominator};
    struct plan p = {.period_from = (char *)from};
    struct plan_metric m = {.polarity = POLARITY_LOWER_BETTER};
    assert_true(metric_chart(&p, &m, &ser, r));
}

static void a_new_plan_gets_its_own_limits(void **state)
{
    (void)state;
    struct spc_result r;
    chart_with_plan_start("2021-04", &r);
    assert_int_equal(r.points[0].group, 0);
    assert_int_equal(r.points[24].group, 1);
    assert_float_equal(r.points[0].mean, 11, 1e-9);
    assert_float_equal(r.points[35].mean, 21, 1e-9);
    assert_float_equal(r.points[35].upl, 21 + 2.66 * 2, 1e-9);
    assert_int_equal(r.points[35].rule, SPC_RULE_NONE);
    assert_int_equal(r.variation, SPC_COMMON_CAUSE);
    spc_result_free(&r);
}

static void one_process_without_a_plan_start_inside(void **state)
{
    (void)state;
    struct spc_result r;
    chart_with_plan_start("2019-04", &r); /* the plan starts with the data */
    assert_int_equal(r.points[35].group, 0);
    assert_float_equal(r.points[35].mean, (24 * 11 + 12 * 21) / 36.0, 1e-9);
    assert_int_not_equal(r.points[35].rule, SPC_RULE_NONE);
    assert_int_equal(r.variation, SPC_CONCERN); /* lower is better, and it rose */
    spc_result_free(&r);
}

static void too_few_points_after_the_start(void **state)
{
    (void)state;
    struct spc_result r;
    chart_with_plan_start("2021-10", &r); /* only 6 points after: no rebase */
    assert_int_equal(r.points[35].group, 0);
    spc_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_new_plan_gets_its_own_limits),
        cmocka_unit_test(one_process_without_a_plan_start_inside),
        cmocka_unit_test(too_few_points_after_the_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
