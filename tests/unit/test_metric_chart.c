/*
 * test_metric_chart.c - a plan metric's XmR chart: a new plan starts new
 * limits (assess/series.c, metric_chart), worked by hand.
 *
 * The series: 36 months from 2019-04, alternating 12 and 10 for the first
 * 24 (mean 11, moving ranges 2) and 22 and 20 for the last 12 (mean 21).
 * Charted as one process the last 12 are a run far above a mean of 14.33;
 * with the plan starting in 2021-04 (point 24) they are a process of their
 * own: mean 21, limits 21 +/- 2.66 x 2, no special cause.
 *
 * A chart of fewer than 12 points is drawn but not judged (METRIC_MIN_POINTS):
 * 11 quarters with a last one far beyond its limits signal nothing, and
 * the title and sentence say why; a 12th point and it is judged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "assess/evaluate.h"
#include "assess/metric_text.h"
#include "assess/series.h"

#define N 36

/* A series of the n values (n <= N) from 2019-04, with no gaps and no
 * numerators. */
static struct metric_series series_of(double *values, size_t n, enum period_kind kind)
{
    static double numerator[N], denominator[N];
    static bool missing[N];
    assert_true(n <= N);
    for (size_t i = 0; i < n; i++)
        numerator[i] = denominator[i] = NAN;
    return (struct metric_series){.kind = kind,
                                  .first = 2019 * 12 + 3,
                                  .n = n,
                                  .values = values,
                                  .missing = missing,
                                  .numerator = numerator,
                                  .denominator = denominator};
}

static void chart_with_plan_start(const char *from, struct spc_result *r)
{
    static double values[N];
    for (size_t i = 0; i < N; i++)
        values[i] = (i < 24 ? 10 : 20) + (i % 2 == 0 ? 2 : 0);
    struct metric_series ser = series_of(values, N, PERIOD_MONTH);
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

/* n quarterly points, 10 and 12 alternating, the last 100. */
static bool short_chart(size_t n, struct spc_result *r, struct buf *title)
{
    static double values[N];
    for (size_t i = 0; i < n; i++)
        values[i] = i + 1 == n ? 100 : i % 2 ? 12 : 10;
    struct metric_series ser = series_of(values, n, PERIOD_QUARTER);
    struct plan p = {0};
    struct plan_metric m = {
        .title = "Survey", .frequency = FREQUENCY_QUARTERLY, .polarity = POLARITY_LOWER_BETTER};
    assert_true(metric_chart(&p, &m, &ser, r));
    buf_reset(title);
    metric_chart_title(&m, r, title);
    return metric_chart_judged(r);
}

static void fewer_than_12_points_are_not_judged(void **state)
{
    (void)state;
    struct spc_result r;
    struct buf title = BUF_INIT;
    assert_false(short_chart(11, &r, &title));
    assert_int_equal(r.points[10].rule, SPC_RULE_NONE);
    assert_int_equal(r.points[10].type, SPC_COMMON_CAUSE);
    assert_int_equal(r.variation, SPC_MISSING);
    assert_string_equal(title.p,
                        "Survey, quarterly (not judged: 11 points, fewer than the 12 an XmR "
                        "chart needs)");
    struct metric_status st = {.metric = &(struct plan_metric){.title = "Survey"},
                               .has_data = true,
                               .kind = PERIOD_QUARTER,
                               .latest_month = 2021 * 12 + 3,
                               .latest = 100,
                               .previous = NAN,
                               .points = 11,
                               .mean = 18.2};
    struct buf sentence = BUF_INIT;
    metric_sentence(&st, &sentence);
    assert_non_null(
        strstr(sentence.p, "not judged: 11 points, and an XmR chart needs at least 12"));
    buf_free(&sentence);
    spc_result_free(&r);
    assert_true(short_chart(12, &r, &title));
    assert_int_equal(r.points[11].rule, SPC_RULE_BEYOND_LIMIT);
    assert_int_equal(r.variation, SPC_CONCERN);
    assert_string_equal(title.p, "Survey, quarterly");
    spc_result_free(&r);
    buf_free(&title);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_new_plan_gets_its_own_limits),
        cmocka_unit_test(one_process_without_a_plan_start_inside),
        cmocka_unit_test(too_few_points_after_the_start),
        cmocka_unit_test(fewer_than_12_points_are_not_judged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
