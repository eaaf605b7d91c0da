/*
 * evaluate.c - computing and charting a plan's metrics (see evaluate.h).
 */
#include "plan/evaluate.h"
#include "store/plans.h"
#include "store/query.h"
#include "util/mem.h"
#include "util/month.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A monthly series being filled from grouped counts. */
struct series {
    int from, to; /* months */
    double *count, *positive;
};

static void take(void *arg, const char *const *keys, int64_t n)
{
    struct series *s = arg;
    int month;
    if (!month_parse(keys[0], strlen(keys[0]), &month) || month < s->from || month > s->to)
        return;
    s->count[month - s->from] += (double)n;
    if (strcmp(keys[1], "yes") == 0)
        s->positive[month - s->from] += (double)n;
}

static void query_for(const struct plan *p, const struct plan_metric *m, struct stats_query *q)
{
    *q = (struct stats_query){.ndims = 2, .month_from = -1, .month_to = -1};
    q->dims[0] = (struct stats_dim_spec){DIM_MONTH, NULL, "month"};
    q->dims[1] = (struct stats_dim_spec){DIM_POSITIVE_OUTCOME, NULL, "positive_outcome"};
    q->force = p->force;
    q->crime_types = (const char *const *)m->def.crime_types;
    q->ncrime_types = (int)m->def.ncrime_types;
    q->exclude_asb = m->def.ncrime_types == 0; /* "all crime" is crime: not ASB */
    q->area_key = m->def.area_key;
    q->area_value = m->def.area_value;
}

/* Monthly values of a defined metric; months without street data are gaps. */
static int metric_values(struct store *s, const struct plan *p, const struct plan_metric *m,
                         int from, int to, double *values, bool *missing, struct buf *err)
{
    size_t n = (size_t)to - (size_t)from + 1;
    struct series sr = {from, to, xcalloc(n, sizeof(double)), xcalloc(n, sizeof(double))};
    struct stats_query q;
    query_for(p, m, &q);
    q.month_from = from;
    q.month_to = to;
    bool *present = xcalloc(n, sizeof(bool));
    int rc = store_stats(s, &q, take, &sr, err);
    if (rc == 0)
        rc = store_months_present(s, p->force, from, to, present, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        missing[i] = !present[i];
        if (m->def.measure == MEASURE_POSITIVE_RATE)
            missing[i] |= sr.count[i] == 0;
        values[i] = m->def.measure == MEASURE_COUNT               ? sr.count[i]
                    : m->def.measure == MEASURE_POSITIVE_OUTCOMES ? sr.positive[i]
                    : sr.count[i] > 0 ? 100.0 * sr.positive[i] / sr.count[i]
                                      : NAN;
    }
    free(present);
    free(sr.count);
    free(sr.positive);
    return rc;
}

static enum spc_polarity polarity_of(enum metric_polarity p)
{
    return p == POLARITY_HIGHER_BETTER  ? SPC_HIGHER_IS_BETTER
           : p == POLARITY_LOWER_BETTER ? SPC_LOWER_IS_BETTER
                                        : SPC_NEUTRAL;
}

static void chart(const struct plan_metric *m, const double *v, const bool *missing, size_t n,
                  struct metric_status *st)
{
    struct spc_options o;
    spc_options_default(&o);
    o.polarity = polarity_of(m->polarity);
    if (m->target.kind == TARGET_LEVEL) {
        o.has_target = true;
        o.target = m->target.value;
    }
    struct spc_result r;
    if (!spc_compute(v, missing, n, &o, &r)) {
        snprintf(st->note, sizeof st->note, "no chart: %s", r.error);
        return;
    }
    const struct spc_point *last = &r.points[n - 1];
    size_t prev = n - 1;
    while (prev > 0 && r.points[prev - 1].missing)
        prev--;
    st->latest = last->missing ? NAN : last->value;
    st->previous = prev > 0 ? r.points[prev - 1].value : NAN;
    st->variation = r.variation;
    st->assurance = r.assurance;
    st->rule = last->rule;
    st->direction = last->direction;
    st->mean = last->mean;
    st->upl = last->upl;
    st->lpl = last->lpl;
    st->points = n;
    st->missing = r.missing;
    st->trial_limits = r.trial_limits;
    spc_result_free(&r);
}

static int evaluate_defined(struct store *s, const struct plan *p, int period,
                            struct metric_status *st, struct buf *err)
{
    int first, latest;
    if (!store_street_months(s, p->force, period, &first, &latest)) {
        snprintf(st->note, sizeof st->note, "no recorded crime imported");
        return 0;
    }
    size_t n = (size_t)latest - (size_t)first + 1;
    double *v = xcalloc(n, sizeof *v);
    bool *missing = xcalloc(n, sizeof *missing);
    int rc = metric_values(s, p, st->metric, first, latest, v, missing, err);
    if (rc == 0) {
        st->has_data = true;
        st->first_month = first;
        st->latest_month = latest;
        chart(st->metric, v, missing, n, st);
    }
    free(v);
    free(missing);
    return rc;
}

int plan_evaluate(struct store *s, const struct plan *p, int period, metric_status_fn fn, void *arg,
                  struct buf *err)
{
    for (size_t a = 0; a < p->nmissions; a++)
        for (size_t b = 0; b < p->missions[a].nstrategies; b++) {
            const struct plan_strategy *sg = &p->missions[a].strategies[b];
            for (size_t c = 0; c < sg->nmetrics; c++) {
                struct metric_status st = {.strategy = sg,
                                           .metric = &sg->metrics[c],
                                           .latest = NAN,
                                           .previous = NAN,
                                           .variation = SPC_MISSING};
                if (st.metric->loaded)
                    snprintf(st.note, sizeof st.note, "loaded metric: no values loaded yet");
                else if (evaluate_defined(s, p, period, &st, err) < 0)
                    return -1;
                fn(arg, &st);
            }
        }
    return 0;
}

static void value_text(const struct plan_metric *m, double v, struct buf *out)
{
    if (m->unit == UNIT_PERCENT)
        buf_printf(out, "%.1f%%", v);
    else
        buf_printf(out, "%.0f", v);
}

static const char *rule_words(const struct metric_status *st)
{
    switch (st->rule) {
    case SPC_RULE_BEYOND_LIMIT:
        return st->direction > 0 ? "above the upper process limit"
                                 : "below the lower process limit";
    case SPC_RULE_TREND:
        return st->direction > 0 ? "part of a run of rising months"
                                 : "part of a run of falling months";
    case SPC_RULE_TWO_OF_THREE:
        return st->direction > 0 ? "two of the last three months near the upper limit"
                                 : "two of the last three months near the lower limit";
    case SPC_RULE_SHIFT:
        return st->direction > 0 ? "part of a run of months above the average"
                                 : "part of a run of months below the average";
    case SPC_RULE_NONE:
        break;
    }
    return "within its usual range";
}

void metric_sentence(const struct metric_status *st, struct buf *out)
{
    const struct plan_metric *m = st->metric;
    if (!st->has_data || isnan(st->latest)) {
        buf_printf(out, "%s: %s", m->title, st->note[0] ? st->note : "no data");
        return;
    }
    char month[MONTH_TEXT_SIZE];
    month_format(st->latest_month, month);
    buf_printf(out, "%s: ", m->title);
    value_text(m, st->latest, out);
    buf_printf(out, " in %s", month);
    if (!isnan(st->previous)) {
        buf_puts(out, st->latest > st->previous   ? ", up from "
                      : st->latest < st->previous ? ", down from "
                                                  : ", the same as ");
        value_text(m, st->previous, out);
    }
    buf_printf(out, "; %s, %s (XmR chart, NHS Making Data Count rules; average ",
               spc_point_type_name(st->variation), rule_words(st));
    value_text(m, st->mean, out);
    buf_puts(out, ", process limits ");
    value_text(m, st->lpl, out);
    buf_puts(out, " to ");
    value_text(m, st->upl, out);
    buf_putc(out, ')');
    if (m->def.measure != MEASURE_COUNT)
        buf_puts(out, ". Outcomes of the latest months are still being updated by police.uk, "
                      "so a recent fall may be lag rather than change");
}
