/*
 * test_outcome_settling.c - honest outcome measures (docs/methods.md,
 * "Outcome lag"): crimes with no outcome yet ("Under investigation",
 * "Status update unavailable") are out of a positive outcome rate's
 * denominator; months younger than METRIC_OUTCOME_SETTLE_MONTHS are
 * provisional, carried after the judged series and drawn as such on its
 * chart, never judged; counts of crimes are never provisional.
 *
 * The store holds hand-made street files: 20 months, each month m with
 * 2 positive outcomes, 6 others and `m % 3` crimes with no outcome yet, so
 * that a rate over all crimes would move from month to month and the rate
 * over the crimes with an outcome is 25% every month.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/evaluate.h"
#include "assess/metric_xmr.h"
#include "fixtures.h"
#include "ingest/plan_file.h"
#include "store/store.h"

#define MONTHS 20

static const char plan_yaml[] = "id: p\n"
                                "title: P\n"
                                "period: {from: 2021-01, to: 2025-03}\n"
                                "vision: V\n"
                                "missions:\n"
                                "  - id: m\n"
                                "    title: M\n"
                                "    strategies:\n"
                                "      - id: s\n"
                                "        title: S\n"
                                "        success: a\n"
                                "        delivery: b\n"
                                "        measure: c\n"
                                "        metrics:\n"
                                "          - id: rate\n"
                                "            title: Burglary positive outcome rate\n"
                                "            source: local-data\n"
                                "            unit: percent\n"
                                "            polarity: higher-is-better\n"
                                "            definition: {crime-types: [Burglary], "
                                "measure: positive-outcome-rate}\n"
                                "          - id: positives\n"
                                "            title: Burglary positive outcomes\n"
                                "            source: local-data\n"
                                "            unit: count\n"
                                "            polarity: higher-is-better\n"
                                "            definition: {crime-types: [Burglary], "
                                "measure: positive-outcomes}\n"
                                "          - id: burglary\n"
                                "            title: Burglary\n"
                                "            source: local-data\n"
                                "            unit: count\n"
                                "            polarity: lower-is-better\n"
                                "            definition: {crime-types: [Burglary]}\n";

static void row(struct buf *b, int month, size_t *id, const char *outcome)
{
    char ym[MONTH_TEXT_SIZE];
    month_format(month, ym);
    buf_printf(b,
               "%064zx,%s,Leicestershire Police,Leicestershire Police,-1.1,52.6,On or near X,"
               "E01000001,Blaby 001A,Burglary,%s,\r\n",
               ++*id, ym, outcome);
}

static char *street_file(const char *dir, int first)
{
    struct buf b = BUF_INIT;
    size_t id = 0;
    buf_puts(&b, "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
                 "LSOA name,Crime type,Last outcome category,Context\r\n");
    for (int m = 0; m < MONTHS; m++) {
        for (int k = 0; k < 2; k++)
            row(&b, first + m, &id, "Offender given a caution");
        for (int k = 0; k < 6; k++)
            row(&b, first + m, &id, "Investigation complete; no suspect identified");
        for (int k = 0; k < m % 3; k++)
            row(&b, first + m, &id, k ? "Status update unavailable" : "Under investigation");
    }
    char *path = fixture_write(dir, "street.csv", b.p, b.len);
    buf_free(&b);
    return path;
}

struct world {
    char *dir;
    struct store *s;
    struct plan p;
    int first;
};

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->dir = fixture_tmpdir();
    w->s = fixture_store_open(w->dir, NULL);
    assert_true(month_parse("2021-01", 7, &w->first));
    char *path = street_file(w->dir, w->first);
    fixture_import(w->s, path);
    struct buf err = BUF_INIT;
    assert_true(plan_parse_string("p.yaml", plan_yaml, &w->p, &err));
    buf_free(&err);
    free(path);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    plan_free(&w->p);
    fixture_store_close(w->s, NULL, w->dir);
    free(w);
    return 0;
}

static void read_series(struct world *w, const char *id, int until, struct metric_series *ser)
{
    const struct plan_metric *m = plan_find_metric(&w->p, id, NULL);
    assert_non_null(m);
    struct buf err = BUF_INIT;
    assert_int_equal(metric_series_read(w->s, &w->p, m, until, ser, &err), 0);
    buf_free(&err);
}

static void no_outcome_yet_is_out_of_the_rate(void **state)
{
    struct world *w = *state;
    struct metric_series ser;
    read_series(w, "rate", -1, &ser);
    assert_int_equal(ser.n + ser.provisional, MONTHS);
    for (size_t i = 0; i < ser.n + ser.provisional; i++) {
        assert_true(ser.values[i] == 25.0); /* 2 of 8, whatever is pending */
        assert_true(ser.numerator[i] == 2 && ser.denominator[i] == 8);
    }
    metric_series_free(&ser);
}

static void the_newest_months_are_provisional(void **state)
{
    struct world *w = *state;
    struct metric_series ser;
    read_series(w, "positives", -1, &ser);
    assert_int_equal(ser.provisional, METRIC_OUTCOME_SETTLE_MONTHS);
    assert_int_equal(ser.n, MONTHS - METRIC_OUTCOME_SETTLE_MONTHS);
    assert_int_equal(metric_series_period(&ser, ser.n), w->first + (int)ser.n);
    assert_true(ser.values[ser.n] == 2);
    /* a later period: fewer of the months up to it are young */
    metric_series_free(&ser);
    read_series(w, "positives", w->first + MONTHS - 3, &ser);
    assert_int_equal(ser.provisional, METRIC_OUTCOME_SETTLE_MONTHS - 2);
    assert_int_equal(ser.n + ser.provisional, MONTHS - 2);
    metric_series_free(&ser);
    /* counts of crimes are published settled */
    read_series(w, "burglary", -1, &ser);
    assert_int_equal(ser.provisional, 0);
    assert_int_equal(ser.n, MONTHS);
    metric_series_free(&ser);
}

static void provisional_months_are_drawn_not_judged(void **state)
{
    struct world *w = *state;
    const struct plan_strategy *sg;
    const struct plan_metric *m = plan_find_metric(&w->p, "positives", &sg);
    struct metric_status st;
    struct metric_series ser;
    struct buf err = BUF_INIT;
    assert_int_equal(metric_evaluate_series(w->s, &w->p, sg, m, -1, &st, &ser, &err), 0);
    assert_int_equal(st.held_back, METRIC_OUTCOME_SETTLE_MONTHS);
    assert_int_equal(st.latest_month, w->first + MONTHS - 1 - METRIC_OUTCOME_SETTLE_MONTHS);
    assert_int_equal(st.points, ser.n); /* the judgement is of settled months */
    struct buf sentence = BUF_INIT;
    metric_sentence(&st, &sentence);
    assert_non_null(strstr(buf_str(&sentence), "still recording"));

    struct spc_result r;
    assert_true(metric_chart(&w->p, m, &ser, &r));
    struct metric_xmr x;
    metric_xmr_init(&x, m, &ser, &st, &r);
    assert_int_equal(x.chart.nprovisional, METRIC_OUTCOME_SETTLE_MONTHS);
    assert_int_equal(x.nlabels, MONTHS);
    char last[MONTH_TEXT_SIZE];
    month_format(w->first + MONTHS - 1, last);
    assert_string_equal(x.labels[MONTHS - 1], last);
    /* drawn: the chart with its provisional months is not the chart without */
    struct buf with = BUF_INIT, without = BUF_INIT;
    assert_int_equal(chart_xmr_svg(&x.chart, &with, &err), 0);
    x.chart.nprovisional = 0;
    assert_int_equal(chart_xmr_svg(&x.chart, &without, &err), 0);
    assert_true(with.len > without.len);
    metric_xmr_free(&x);
    buf_free(&with);
    buf_free(&without);
    buf_free(&sentence);
    spc_result_free(&r);
    metric_series_free(&ser);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_outcome_yet_is_out_of_the_rate),
        cmocka_unit_test(the_newest_months_are_provisional),
        cmocka_unit_test(provisional_months_are_drawn_not_judged),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
