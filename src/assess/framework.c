/*
 * framework.c - the framework's tables (see framework.h).
 */
#include "assess/framework.h"
#include "assess/metric_text.h"
#include "assess/targets.h"
#include "analysis/proportion.h"
#include "util/month.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void framework_table(const struct plan *p, const struct metric_statuses *all, struct table *t)
{
    enum {
        C_STRATEGY,
        C_METRIC,
        C_PERIOD,
        C_LATEST,
        C_PREVIOUS,
        C_CHANGE,
        C_VARIATION,
        C_ASSURANCE,
        C_TARGET,
        C_TARGET_STATUS,
        C_FRESHNESS,
        C_SOURCE,
        C_NOTE,
        C_LIMITS_NOTE,
        NCOLS
    };
    static const char *const cols[NCOLS] = {
        "strategy",  "metric", "latest_period", "latest",    "previous", "change", "variation",
        "assurance", "target", "target_status", "freshness", "source",   "note",   "limits_note"};
    table_init(t, NCOLS, cols);
    for (size_t i = 0; i < all->n; i++) {
        const struct metric_status *st = &all->items[i];
        size_t row = table_add_row(t);
        char month[PERIOD_TEXT_SIZE] = "";
        if (st->has_data)
            period_format(st->kind, st->latest_month, month);
        table_set_text(t, row, C_STRATEGY, st->strategy->id);
        table_set_text(t, row, C_METRIC, st->metric->id);
        table_set_text(t, row, C_PERIOD, month);
        metric_value_cell(t, row, C_LATEST, st->metric, st->latest);
        metric_value_cell(t, row, C_PREVIOUS, st->metric, st->previous);
        if (st->metric->unit != UNIT_YES_NO)
            metric_value_cell(t, row, C_CHANGE, st->metric, st->latest - st->previous);
        table_set_text(t, row, C_VARIATION, st->points ? spc_point_type_name(st->variation) : "");
        table_set_text(t, row, C_ASSURANCE, st->points ? spc_assurance_name(st->assurance) : "");
        char target[96];
        table_set_text(t, row, C_TARGET,
                       metric_target_describe(&st->metric->target, target, sizeof target));
        if (st->has_target)
            table_set_text(t, row, C_TARGET_STATUS, target_verdict_name(&st->target));
        table_set_text(t, row, C_SOURCE, metric_source_name(st->metric->source));
        table_set_text(t, row, C_NOTE, st->note);
        table_set_text(t, row, C_LIMITS_NOTE, st->limits_note);
        if (st->has_data) {
            char fresh[48];
            table_set_text(t, row, C_FRESHNESS, metric_freshness_text(st, fresh, sizeof fresh));
        }
    }
    table_set_title(t, p->title);
    table_add_note(t, "variation: the latest month on an XmR chart of the monthly values "
                      "(NHS Making Data Count rules, docs/methods.md); assurance: whether the "
                      "process limits put the target always met, never met, or hit and miss; "
                      "target_status: the latest financial year (or its months so far: on "
                      "track or not) against the target, allowing for chance (95%% intervals; "
                      "docs/methods.md, Targets); limits_note: why the chart's limits were not "
                      "recalculated at the plan's start, when they were not.");
}

static void exception_row(struct table *t, const struct plan_exception *e, struct buf *sentence)
{
    size_t row = table_add_row(t);
    buf_reset(sentence);
    table_set_text(t, row, 0, e->st->metric->id);
    table_set_text(t, row, 1, plan_exception_variation(e));
    table_set_text(t, row, 2, plan_exception_rule(e));
    plan_exception_sentence(e, sentence);
    table_set_text(t, row, 3, sentence->p);
}

void exceptions_table(const struct plan *p, const struct metric_statuses *all, struct table *t)
{
    struct plan_exception *found;
    size_t n = plan_exceptions(all, &found);
    static const char *const cols[] = {"metric", "variation", "rule", "sentence"};
    table_init(t, 4, cols);
    struct buf sentence = BUF_INIT;
    for (size_t i = 0; i < n; i++)
        exception_row(t, &found[i], &sentence);
    struct buf title = BUF_INIT;
    buf_printf(&title, "%s: %zu exception%s for the Corporate Governance Board", p->title, n,
               n == 1 ? "" : "s");
    table_set_title(t, title.p);
    table_add_note(t, "An exception is a metric whose latest period is special-cause variation "
                      "on its XmR chart (NHS Making Data Count rules: a point beyond a process "
                      "limit, a trend of 7, two of three beyond 2 sigma, or a run of 7 on one "
                      "side of the mean), or whose latest financial year misses its target "
                      "beyond chance (95%% interval wholly on the wrong side). Metrics within "
                      "their usual range are not listed: `peel metrics` shows every metric.");
    buf_free(&title);
    buf_free(&sentence);
    free(found);
}

/* metric_values_table's columns. */
enum {
    V_PERIOD,
    V_VALUE,
    V_VALUE_LOWER,
    V_VALUE_UPPER,
    V_NUMERATOR,
    V_DENOMINATOR,
    V_MEAN,
    V_LPL,
    V_UPL,
    V_LOWER_2S,
    V_UPPER_2S,
    V_POINT_TYPE,
    V_RULE,
    V_GROUP,
    V_NCOLS
};
_Static_assert(V_NCOLS == METRIC_VALUES_COLUMNS, "framework.h counts the columns");

/* A percentage whose parts are whole counts, k of n: a proportion, which
 * has a Wilson interval. */
static bool whole_parts(const struct plan_metric *m, double k, double n)
{
    return m->unit == UNIT_PERCENT && !isnan(k) && !isnan(n) && k >= 0 && n > 0 && k <= n &&
           k == floor(k) && n == floor(n) && n < 9e15;
}

static void value_row(struct table *t, const struct metric_series *ser, const struct spc_point *pt,
                      size_t i, const struct plan_metric *m)
{
    size_t row = table_add_row(t);
    char period[PERIOD_TEXT_SIZE];
    period_format(ser->kind, metric_series_period(ser, i), period);
    table_set_text(t, row, V_PERIOD, period);
    int d = metric_unit_decimals(m->unit);
    double k = ser->numerator[i], n = ser->denominator[i];
    if (!pt->missing)
        table_set_real(t, row, V_VALUE, pt->value, d, NULL);
    if (!pt->missing && whole_parts(m, k, n)) {
        double lower, upper;
        wilson_interval((int64_t)k, (int64_t)n, 0.95, &lower, &upper);
        table_set_real(t, row, V_VALUE_LOWER, 100 * lower, d, NULL);
        table_set_real(t, row, V_VALUE_UPPER, 100 * upper, d, NULL);
    }
    if (!isnan(k) && !isnan(n)) {
        table_set_real(t, row, V_NUMERATOR, k, 0, NULL);
        table_set_real(t, row, V_DENOMINATOR, n, 0, NULL);
    }
    table_set_real(t, row, V_MEAN, pt->mean, d + 1, NULL);
    table_set_real(t, row, V_LPL, pt->lpl, d + 1, NULL);
    table_set_real(t, row, V_UPL, pt->upl, d + 1, NULL);
    table_set_real(t, row, V_LOWER_2S, pt->lower_2s, d + 1, NULL);
    table_set_real(t, row, V_UPPER_2S, pt->upper_2s, d + 1, NULL);
    table_set_text(t, row, V_POINT_TYPE, spc_point_type_name(pt->type));
    table_set_text(t, row, V_RULE, pt->rule == SPC_RULE_NONE ? "" : spc_rule_name(pt->rule));
    table_set_int(t, row, V_GROUP, (int64_t)pt->group + 1);
}

const char *const metric_values_headings[METRIC_VALUES_COLUMNS] = {
    [V_PERIOD] = "Period",
    [V_VALUE] = "Figure",
    [V_VALUE_LOWER] = "Figure, lower 95% limit",
    [V_VALUE_UPPER] = "Figure, upper 95% limit",
    [V_NUMERATOR] = "Numerator",
    [V_DENOMINATOR] = "Denominator",
    [V_MEAN] = "Average",
    [V_LPL] = "Lower limit",
    [V_UPL] = "Upper limit",
    [V_LOWER_2S] = "Lower line at 2 sigma",
    [V_UPPER_2S] = "Upper line at 2 sigma",
    [V_POINT_TYPE] = "Point",
    [V_RULE] = "Rule",
    [V_GROUP] = "Rebase group"};

/* metric_values_table's value, mean and process limits. */
const struct xlsx_chart metric_values_chart = {{V_VALUE, V_MEAN, V_LPL, V_UPL}, 4, false, 0};

int metric_values_table(struct store *s, const struct plan *p, const struct metric_status *st,
                        int period, struct table *t, struct buf *err)
{
    static const char *const cols[V_NCOLS] = {[V_PERIOD] = "period",
                                              [V_VALUE] = "value",
                                              [V_VALUE_LOWER] = "value_lower_95",
                                              [V_VALUE_UPPER] = "value_upper_95",
                                              [V_NUMERATOR] = "numerator",
                                              [V_DENOMINATOR] = "denominator",
                                              [V_MEAN] = "mean",
                                              [V_LPL] = "lower_limit",
                                              [V_UPL] = "upper_limit",
                                              [V_LOWER_2S] = "lower_2_sigma",
                                              [V_UPPER_2S] = "upper_2_sigma",
                                              [V_POINT_TYPE] = "point_type",
                                              [V_RULE] = "rule",
                                              [V_GROUP] = "rebase_group"};
    struct metric_series ser;
    if (metric_series_read(s, p, st->metric, period, &ser, err) < 0)
        return -1;
    struct spc_result r;
    if (ser.n == 0 || !metric_chart(p, st->metric, &ser, &r)) {
        metric_series_free(&ser);
        return 1;
    }
    table_init(t, V_NCOLS, cols);
    for (size_t i = 0; i < ser.n; i++)
        value_row(t, &ser, &r.points[i], i, st->metric);
    struct buf title = BUF_INIT, sentence = BUF_INIT;
    buf_printf(&title, "%s (%s)", st->metric->title, st->metric->id);
    table_set_title(t, title.p);
    metric_sentence(st, &sentence);
    table_add_note(t, "%s", sentence.p);
    table_add_note(t, "XmR chart, NHS Making Data Count rules: mean, lower_limit and upper_limit "
                      "are the centre line and process limits (mean plus or minus 3 sigma) of "
                      "the point's group; lower_2_sigma and upper_2_sigma the lines at 2 sigma, "
                      "which the rule of two of three points beyond them uses; point_type and "
                      "rule as charted; rebase_group: 1 for the chart's first set of limits, "
                      "one more at each rebase, where the limits are worked out afresh.");
    if (st->metric->unit == UNIT_PERCENT)
        table_add_note(t, "value_lower_95 and value_upper_95: the 95%% Wilson score interval of "
                          "a percentage counted as numerator of denominator, how far chance "
                          "alone could move it (empty when the parts are not whole counts).");
    buf_free(&title);
    buf_free(&sentence);
    spc_result_free(&r);
    metric_series_free(&ser);
    return 0;
}
