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
 *
 * A plan starting inside the series with fewer than 12 points on a side
 * gets no new limits, and the note saying so is worked here for each side,
 * both, quarters and settled months (metric_plan_rebase_note).
 *
 * The metric's chart options (model/chart_options.h), each worked by hand:
 * screening off, a baseline fixed on the first 12 points, new limits at two
 * months (and a third that cannot be honoured, said), runs of 6, and the
 * points a chart is judged from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess/evaluate.h"
#include "assess/metric_text.h"
#include "assess/series.h"

#define N 36

/* cmocka's assert_float_equal compares floats; these answers are doubles. */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

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

/* The note metric_plan_rebase_note writes for the 36-month series and a
 * plan starting at from ("" when none), and where it puts it. */
static const char *plan_note(const char *from, size_t n, enum period_kind kind, size_t provisional,
                             size_t *at)
{
    static double values[N];
    static struct buf note = BUF_INIT;
    for (size_t i = 0; i < N; i++)
        values[i] = 10 + (i % 2 == 0 ? 2 : 0);
    struct metric_series ser = series_of(values, n - provisional, kind);
    ser.provisional = provisional;
    struct plan p = {.period_from = (char *)from};
    struct plan_metric m = {.polarity = POLARITY_LOWER_BETTER};
    buf_reset(&note);
    *at = 999;
    bool wrote = metric_plan_rebase_note(&p, &m, &ser, at, &note);
    assert_true(wrote == (note.len > 0));
    return buf_str(&note);
}

static void too_few_points_after_the_start(void **state)
{
    (void)state;
    struct spc_result r;
    chart_with_plan_start("2021-10", &r); /* only 6 points after: no rebase */
    assert_int_equal(r.points[35].group, 0);
    spc_result_free(&r);
    /* ...and it is said: 2021-10 is point 30 of 36 from 2019-04, so 30
     * months before it and 6 since */
    size_t at;
    assert_string_equal(plan_note("2021-10", 36, PERIOD_MONTH, 0, &at),
                        "Limits not recalculated at October 2021, the plan's start: 6 months "
                        "since; 12 are needed.");
    assert_int_equal(at, 30);
    /* 2022-03, the last point: one month since */
    assert_string_equal(plan_note("2022-03", 36, PERIOD_MONTH, 0, &at),
                        "Limits not recalculated at March 2022, the plan's start: 1 month "
                        "since; 12 are needed.");
    assert_int_equal(at, 35);
    /* 2019-12 is point 8: 8 before it, 28 since */
    assert_string_equal(plan_note("2019-12", 36, PERIOD_MONTH, 0, &at),
                        "Limits not recalculated at December 2019, the plan's start: 8 months "
                        "before it; 12 are needed.");
    assert_int_equal(at, 8);
    /* 18 quarters from 2019-04 (2019-20 Q1); 2021-04 starts the 9th:
     * 8 before it, 10 since */
    assert_string_equal(plan_note("2021-04", 18, PERIOD_QUARTER, 0, &at),
                        "Limits not recalculated at April 2021, the plan's start: 8 quarters "
                        "before it and 10 since; 12 are needed on each side.");
    assert_int_equal(at, 8);
    /* a plan from 2021-05 starts with the quarter from 2021-07, the 10th */
    assert_string_equal(plan_note("2021-05", 18, PERIOD_QUARTER, 0, &at),
                        "Limits not recalculated at May 2021, the plan's start: 9 quarters "
                        "before it and 9 since; 12 are needed on each side.");
    assert_int_equal(at, 9);
    /* an outcome measure: of 36 months the newest 7 are provisional, so
     * from 2021-04 (point 24) 5 settled months are charted */
    assert_string_equal(plan_note("2021-04", 36, PERIOD_MONTH, 7, &at),
                        "Limits not recalculated at April 2021, the plan's start: 5 settled "
                        "months since; 12 are needed.");
    /* nothing to say: rebased there (24 and 12), the plan starting with
     * the data or before it, or after the charted points */
    assert_string_equal(plan_note("2021-04", 36, PERIOD_MONTH, 0, &at), "");
    assert_int_equal(at, 999);
    assert_string_equal(plan_note("2019-04", 36, PERIOD_MONTH, 0, &at), "");
    assert_string_equal(plan_note("2015-04", 36, PERIOD_MONTH, 0, &at), "");
    assert_string_equal(plan_note("2022-04", 36, PERIOD_MONTH, 0, &at), "");
    assert_string_equal(plan_note("2022-03", 36, PERIOD_MONTH, 7, &at), "");
}

static void rebase_months_chosen_leave_no_plan_note(void **state)
{
    (void)state;
    double values[N];
    for (size_t i = 0; i < N; i++)
        values[i] = 10 + (i % 2 == 0 ? 2 : 0);
    struct metric_series ser = series_of(values, N, PERIOD_MONTH);
    struct plan p = {.period_from = "2021-10"};
    struct plan_metric m = {.charts = {.rebase_set = true}}; /* rebase: none */
    struct buf note = BUF_INIT;
    assert_false(metric_plan_rebase_note(&p, &m, &ser, NULL, &note));
    assert_int_equal(note.len, 0);
    buf_free(&note);
}

/* The sentence carries the options and the note, each as a clause of its
 * own: its caller ends it. */
static void the_sentence_says_it(void **state)
{
    (void)state;
    struct metric_status st = {.metric = &(struct plan_metric){.title = "Survey"},
                               .has_data = true,
                               .kind = PERIOD_MONTH,
                               .latest_month = 2022 * 12 + 2,
                               .latest = 12,
                               .previous = 10,
                               .points = 36,
                               .min_points = 12,
                               .variation = SPC_COMMON_CAUSE,
                               .judged = true,
                               .mean = 11,
                               .lpl = 5.68,
                               .upl = 16.32};
    snprintf(st.options, sizeof st.options, "Chart options: runs of 6.");
    snprintf(st.limits_note, sizeof st.limits_note,
             "Limits not recalculated at October 2021, the plan's start: 6 months since; 12 "
             "are needed.");
    struct buf sentence = BUF_INIT;
    metric_sentence(&st, &sentence);
    const char *tail = ". Chart options: runs of 6. Limits not recalculated at October 2021, the "
                       "plan's start: 6 months since; 12 are needed";
    assert_true(sentence.len > strlen(tail));
    assert_string_equal(sentence.p + sentence.len - strlen(tail), tail);
    buf_free(&sentence);
}

/* `peel plan show`'s words for a metric's options: what the plan chose,
 * then the defaults. */
static void effective_options_in_words(void **state)
{
    (void)state;
    struct plan_metric m = {0};
    struct buf words = BUF_INIT;
    metric_chart_options_effective(&m, &words);
    assert_string_equal(words.p,
                        "defaults: outliers screened, limits from every point, new limits at the "
                        "plan's start when 12 points lie on each side, runs of 7, trends of 7, "
                        "judged from 12 points, spiegelhalter funnel limits");
    buf_reset(&words);
    m.charts = (struct chart_options){.screen = -1, .run_length = 6, .funnel = 2};
    metric_chart_options_effective(&m, &words);
    assert_string_equal(words.p,
                        "no outlier screening; runs of 6; phe funnel limits; defaults: limits "
                        "from every point, new limits at the plan's start when 12 points lie on "
                        "each side, trends of 7, judged from 12 points");
    buf_reset(&words);
    m.charts = (struct chart_options){.screen = 1,
                                      .baseline = 18,
                                      .rebase_set = true,
                                      .run_length = 8,
                                      .trend_length = 6,
                                      .min_points = 15,
                                      .funnel = 1};
    metric_chart_options_effective(&m, &words);
    assert_string_equal(words.p, "outliers screened; limits from the first 18 points; no rebase; "
                                 "runs of 8; trends of 6; judged from 15 points; spiegelhalter "
                                 "funnel limits");
    buf_free(&words);
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
                               .min_points = 12,
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

/* The 36-month series above charted with the options, the plan starting
 * with the data (no rebase of its own). */
static void chart_with(const struct chart_options *c, struct spc_result *r, struct buf *text)
{
    static double values[N];
    for (size_t i = 0; i < N; i++)
        values[i] = (i < 24 ? 10 : 20) + (i % 2 == 0 ? 2 : 0);
    struct metric_series ser = series_of(values, N, PERIOD_MONTH);
    struct plan p = {.period_from = "2019-04"};
    struct plan_metric m = {.polarity = POLARITY_LOWER_BETTER, .charts = *c};
    assert_true(metric_chart(&p, &m, &ser, r));
    buf_reset(text);
    metric_chart_options_text(&p, &m, &ser, text);
}

static void screening_off_keeps_every_range(void **state)
{
    (void)state;
    /* 24 months alternating 10 and 12 but for a 40 at point 11: 21 moving
     * ranges of 2 and two of 30; mean (12 x 10 + 11 x 12 + 40) / 24 =
     * 292 / 24 = 12.1667. Mean range 102 / 23 = 4.4348; screened, the two
     * ranges of 30 (over 3.267 x 4.4348 = 14.49) go and it is 2: upper
     * limit 12.1667 + 5.32 = 17.4867. Unscreened: 12.1667 + 2.66 x 102 / 23
     * = 23.9632. */
    double values[24];
    for (size_t i = 0; i < 24; i++)
        values[i] = i == 11 ? 40 : i % 2 ? 12 : 10;
    struct metric_series ser = series_of(values, 24, PERIOD_MONTH);
    struct plan p = {0};
    struct plan_metric m = {.polarity = POLARITY_LOWER_BETTER};
    struct spc_result r;
    assert_true(metric_chart(&p, &m, &ser, &r));
    assert_near(r.points[0].upl, 292.0 / 24 + 2.66 * 2, 1e-9);
    spc_result_free(&r);
    m.charts.screen = -1;
    assert_true(metric_chart(&p, &m, &ser, &r));
    assert_near(r.points[0].mean, 292.0 / 24, 1e-9);
    assert_near(r.points[0].upl, 292.0 / 24 + 2.66 * 102 / 23, 1e-9);
    assert_near(r.points[0].lpl, 292.0 / 24 - 2.66 * 102 / 23, 1e-9);
    assert_int_equal(r.points[11].rule, SPC_RULE_BEYOND_LIMIT);
    spc_result_free(&r);
    struct buf text = BUF_INIT;
    metric_chart_options_text(&p, &m, &ser, &text);
    assert_string_equal(text.p, "Chart options: no outlier screening.");
    buf_free(&text);
}

static void a_baseline_fixed_on_12_points(void **state)
{
    (void)state;
    /* The first 12 points: mean 11, moving ranges all 2, so limits 11 +/-
     * 5.32 for all 36; the last 12 (20 and 22) are beyond the upper 16.32:
     * a concern, lower being better. Unfixed, the mean is 14.33. */
    struct chart_options c = {.baseline = 12};
    struct spc_result r;
    struct buf text = BUF_INIT;
    chart_with(&c, &r, &text);
    assert_near(r.points[35].mean, 11, 1e-9);
    assert_near(r.points[35].upl, 11 + 2.66 * 2, 1e-9);
    assert_int_equal(r.points[35].group, 0);
    assert_int_equal(r.points[30].rule, SPC_RULE_BEYOND_LIMIT);
    assert_int_equal(r.variation, SPC_CONCERN);
    assert_string_equal(text.p, "Chart options: limits from the first 12 points.");
    spc_result_free(&r);
    buf_free(&text);
}

static void rebased_at_two_months(void **state)
{
    (void)state;
    /* New limits from 2020-04 (point 12) and 2021-04 (point 24): three
     * groups, the first two mean 11 (10 and 12 alternating), the last mean
     * 21, each range 2: limits mean +/- 5.32, no signal. 2030-01 is past the
     * series and is said, not silently dropped. */
    int months[] = {2020 * 12 + 3, 2021 * 12 + 3, 2030 * 12};
    struct chart_options c = {.rebase_set = true, .rebase = months, .nrebase = 3};
    struct spc_result r;
    struct buf text = BUF_INIT;
    chart_with(&c, &r, &text);
    assert_int_equal(r.points[11].group, 0);
    assert_int_equal(r.points[12].group, 1);
    assert_int_equal(r.points[24].group, 2);
    assert_near(r.points[12].mean, 11, 1e-9);
    assert_near(r.points[35].mean, 21, 1e-9);
    assert_near(r.points[35].lpl, 21 - 2.66 * 2, 1e-9);
    assert_int_equal(r.points[35].rule, SPC_RULE_NONE);
    assert_false(r.trial_limits); /* 12 points each */
    assert_string_equal(text.p,
                        "Chart options: new limits from 2020-04, 2021-04 and 2030-01. No new "
                        "limits from 2030-01 as asked: after the series' last period.");
    spc_result_free(&r);
    /* none: one process, though the plan starts inside the series */
    c.nrebase = 0;
    double values[N];
    for (size_t i = 0; i < N; i++)
        values[i] = (i < 24 ? 10 : 20) + (i % 2 == 0 ? 2 : 0);
    struct metric_series ser = series_of(values, N, PERIOD_MONTH);
    struct plan p = {.period_from = "2021-04"};
    struct plan_metric m = {.polarity = POLARITY_LOWER_BETTER, .charts = c};
    assert_true(metric_chart(&p, &m, &ser, &r));
    assert_int_equal(r.points[35].group, 0);
    spc_result_free(&r);
    buf_free(&text);
}

static void runs_of_six(void **state)
{
    (void)state;
    /* 18 months alternating 13 and 9, then six of 12: mean 270 / 24 =
     * 11.25, so the last six are a run of 6 above it (the 9 before is
     * below). Mean range (17 x 4 + 3 + 5 x 0) / 23 = 71 / 23: limits
     * 11.25 +/- 8.21 and 2-sigma lines +/- 5.47, so 12 is near neither, and
     * equal values make no trend. A run of 7 fires nothing; of 6, a shift. */
    double values[24];
    for (size_t i = 0; i < 24; i++)
        values[i] = i >= 18 ? 12 : i % 2 ? 9 : 13;
    struct metric_series ser = series_of(values, 24, PERIOD_MONTH);
    struct plan p = {0};
    struct plan_metric m = {.polarity = POLARITY_LOWER_BETTER};
    struct spc_result r;
    assert_true(metric_chart(&p, &m, &ser, &r));
    assert_near(r.points[23].mean, 11.25, 1e-9);
    assert_near(r.points[23].upper_2s, 11.25 + 2 * 2.66 / 3 * 71 / 23, 1e-9);
    assert_int_equal(r.points[23].rule, SPC_RULE_NONE);
    spc_result_free(&r);
    m.charts.run_length = 6;
    assert_true(metric_chart(&p, &m, &ser, &r));
    assert_int_equal(r.points[23].rule, SPC_RULE_SHIFT);
    assert_int_equal(r.points[18].rule, SPC_RULE_SHIFT);
    assert_int_equal(r.points[17].rule, SPC_RULE_NONE);
    assert_int_equal(r.variation, SPC_CONCERN);
    spc_result_free(&r);
    /* judged only from 30 points: the same chart is drawn, not judged */
    m.charts.min_points = 30;
    assert_true(metric_chart(&p, &m, &ser, &r));
    assert_false(metric_chart_judged(&r));
    assert_int_equal(r.min_points, 30);
    assert_int_equal(r.points[23].rule, SPC_RULE_NONE);
    spc_result_free(&r);
    struct buf text = BUF_INIT;
    metric_chart_options_text(&p, &m, &ser, &text);
    assert_string_equal(text.p, "Chart options: runs of 6; judged from 30 points.");
    buf_free(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_new_plan_gets_its_own_limits),
        cmocka_unit_test(one_process_without_a_plan_start_inside),
        cmocka_unit_test(too_few_points_after_the_start),
        cmocka_unit_test(rebase_months_chosen_leave_no_plan_note),
        cmocka_unit_test(the_sentence_says_it),
        cmocka_unit_test(effective_options_in_words),
        cmocka_unit_test(fewer_than_12_points_are_not_judged),
        cmocka_unit_test(screening_off_keeps_every_range),
        cmocka_unit_test(a_baseline_fixed_on_12_points),
        cmocka_unit_test(rebased_at_two_months),
        cmocka_unit_test(runs_of_six),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
