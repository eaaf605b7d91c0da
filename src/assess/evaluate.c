/*
 * evaluate.c - judging a plan's metrics: latest value, chart, target,
 * freshness, the sentence (see evaluate.h; the series are series.c's).
 */
#include "assess/evaluate.h"
#include "assess/metric_text.h"
#include "assess/series.h"
#include "assess/targets.h"
#include "util/month.h"
#include "util/numfmt.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void summarise(const struct spc_result *r, struct metric_status *st)
{
    size_t n = r->n;
    const struct spc_point *last = &r->points[n - 1];
    size_t prev = n - 1;
    while (prev > 0 && r->points[prev - 1].missing)
        prev--;
    st->latest = last->missing ? NAN : last->value;
    st->previous = prev > 0 ? r->points[prev - 1].value : NAN;
    st->variation = r->variation;
    st->assurance = r->assurance;
    st->rule = last->rule;
    st->direction = last->direction;
    st->mean = last->mean;
    st->upl = last->upl;
    st->lpl = last->lpl;
    st->points = n;
    st->missing = r->missing;
    st->trial_limits = r->trial_limits;
    st->judged = metric_chart_judged(r);
    st->min_points = r->min_points;
}

int metric_allowed_age(enum metric_frequency f)
{
    switch (f) {
    case FREQUENCY_MONTHLY:
        return 3;
    case FREQUENCY_QUARTERLY:
        return 6;
    case FREQUENCY_ANNUAL:
        break;
    }
    return 15;
}

static int current_month(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

static void judge_freshness(const struct metric_series *ser, int as_of, struct metric_status *st)
{
    int last_month = metric_series_period(ser, ser->n - 1) + period_months(ser->kind) - 1 +
                     (int)ser->provisional;
    st->age_months = as_of - last_month;
    st->stale = st->age_months > metric_allowed_age(st->metric->frequency);
}

/* A plan may name an area grouping before its lookup is loaded: the
 * metric has no data yet (st->note says so), and the rest of the plan is
 * reported. */
static bool area_not_loaded(struct store *s, struct metric_status *st)
{
    const struct metric_definition *def = &st->metric->def;
    if (st->metric->loaded || !def->area_key || plan_area_known(s, def->area_key))
        return false;
    struct buf words = BUF_INIT;
    area_grouping_words(def->area_key, &words);
    snprintf(st->note, sizeof st->note, "no data yet: the %s areas are not loaded",
             buf_str(&words));
    buf_free(&words);
    return true;
}

/* Judges st's metric by its series (ser_, as read for period). */
static void judge_series(const struct plan *p, int period, const struct metric_series *ser_,
                         struct metric_status *st)
{
    const struct metric_series ser = *ser_; /* a copy of the handle, not of the values */
    if (ser.n == 0) {
        /* why, in the words of where the figures come from */
        const char *why = st->metric->def.measure == MEASURE_PUBLISHED_MTFS
                              ? "no medium-term financial strategy in the budget register yet"
                          : st->metric->loaded ? "no figures supplied yet"
                                               : "no recorded crime imported";
        snprintf(st->note, sizeof st->note, "%s", why);
        return;
    }
    st->has_data = true;
    st->kind = ser.kind;
    st->first_month = ser.first;
    st->latest_month = metric_series_period(&ser, ser.n - 1);
    judge_freshness(&ser, period >= 0 ? period : current_month(), st);
    st->held_back = (int)ser.provisional;
    struct buf sentence = BUF_INIT;
    st->has_target = metric_target_assess(st->metric, &ser, &st->target, &sentence);
    snprintf(st->target_sentence, sizeof st->target_sentence, "%s", buf_str(&sentence));
    buf_reset(&sentence);
    metric_chart_options_text(p, st->metric, &ser, &sentence);
    snprintf(st->options, sizeof st->options, "%s", buf_str(&sentence));
    buf_reset(&sentence);
    metric_plan_rebase_note(p, st->metric, &ser, NULL, &sentence);
    snprintf(st->limits_note, sizeof st->limits_note, "%s", buf_str(&sentence));
    buf_free(&sentence);
    struct spc_result r;
    if (metric_chart(p, st->metric, &ser, &r)) {
        summarise(&r, st);
        spc_result_free(&r);
    } else {
        snprintf(st->note, sizeof st->note, "no chart: %s", r.error);
        st->latest = ser.missing[ser.n - 1] ? NAN : ser.values[ser.n - 1];
    }
}

static int evaluate_metric(struct store *s, const struct plan *p, int period,
                           struct metric_status *st, struct buf *err)
{
    if (area_not_loaded(s, st))
        return 0;
    struct metric_series ser;
    if (metric_series_read(s, p, st->metric, period, &ser, err) < 0)
        return -1;
    judge_series(p, period, &ser, st);
    metric_series_free(&ser);
    return 0;
}

const struct plan_metric *plan_find_metric(const struct plan *p, const char *id,
                                           const struct plan_strategy **strategy)
{
    for (size_t a = 0; a < p->nmissions; a++)
        for (size_t b = 0; b < p->missions[a].nstrategies; b++) {
            const struct plan_strategy *sg = &p->missions[a].strategies[b];
            for (size_t c = 0; c < sg->nmetrics; c++)
                if (strcmp(sg->metrics[c].id, id) == 0) {
                    if (strategy)
                        *strategy = sg;
                    return &sg->metrics[c];
                }
        }
    return NULL;
}

int metric_evaluate(struct store *s, const struct plan *p, const struct plan_strategy *sg,
                    const struct plan_metric *m, int period, struct metric_status *st,
                    struct buf *err)
{
    *st = (struct metric_status){
        .strategy = sg, .metric = m, .latest = NAN, .previous = NAN, .variation = SPC_MISSING};
    return evaluate_metric(s, p, period, st, err);
}

int metric_evaluate_series(struct store *s, const struct plan *p, const struct plan_strategy *sg,
                           const struct plan_metric *m, int period, struct metric_status *st,
                           struct metric_series *ser, struct buf *err)
{
    *st = (struct metric_status){
        .strategy = sg, .metric = m, .latest = NAN, .previous = NAN, .variation = SPC_MISSING};
    if (metric_series_read(s, p, m, period, ser, err) < 0)
        return -1;
    if (!area_not_loaded(s, st))
        judge_series(p, period, ser, st);
    return 0;
}

int plan_evaluate(struct store *s, const struct plan *p, int period, metric_status_fn fn, void *arg,
                  struct buf *err)
{
    for (size_t a = 0; a < p->nmissions; a++)
        for (size_t b = 0; b < p->missions[a].nstrategies; b++) {
            const struct plan_strategy *sg = &p->missions[a].strategies[b];
            for (size_t c = 0; c < sg->nmetrics; c++) {
                struct metric_status st;
                if (metric_evaluate(s, p, sg, &sg->metrics[c], period, &st, err) < 0)
                    return -1;
                fn(arg, &st);
            }
        }
    return 0;
}

const char *metric_freshness_text(const struct metric_status *st, char *out, size_t n)
{
    snprintf(out, n, "%s (%d months old)", st->stale ? "stale" : "current", st->age_months);
    return out;
}

static void rule_words(const struct metric_status *st, struct buf *out)
{
    static const char *const periods[] = {"months", "quarters", "years"};
    const char *ps = periods[st->kind];
    bool up = st->direction > 0;
    switch (st->rule) {
    case SPC_RULE_BEYOND_LIMIT:
        buf_puts(out, up ? "above the upper process limit" : "below the lower process limit");
        return;
    case SPC_RULE_TREND:
        buf_printf(out, "part of a run of %s %s", up ? "rising" : "falling", ps);
        return;
    case SPC_RULE_TWO_OF_THREE:
        buf_printf(out, "two of the last three %s near the %s limit", ps, up ? "upper" : "lower");
        return;
    case SPC_RULE_SHIFT:
        buf_printf(out, "part of a run of %s %s the average", ps, up ? "above" : "below");
        return;
    case SPC_RULE_NONE:
        break;
    }
    buf_puts(out, "within its usual range");
}

static void sentence_body(const struct metric_status *st, struct buf *out)
{
    const struct plan_metric *m = st->metric;
    if (!st->has_data || isnan(st->latest)) {
        buf_printf(out, "%s: %s", m->title, st->note[0] ? st->note : "no data");
        return;
    }
    char period[PERIOD_TEXT_SIZE];
    period_format(st->kind, st->latest_month, period);
    buf_printf(out, "%s: ", m->title);
    metric_value_text(m, st->latest, out);
    buf_printf(out, " in %s", period);
    if (!isnan(st->previous)) {
        buf_puts(out, st->latest > st->previous   ? ", up from "
                      : st->latest < st->previous ? ", down from "
                                                  : ", the same as ");
        metric_value_text(m, st->previous, out);
    }
    if (!st->judged) {
        buf_printf(out,
                   "; not judged: %zu points, and an XmR chart needs at least %d before its "
                   "limits can say whether a change is real (average ",
                   st->points - st->missing, st->min_points);
        metric_value_text(m, st->mean, out);
        buf_putc(out, ')');
        return;
    }
    buf_printf(out, "; %s, ", spc_point_type_name(st->variation));
    rule_words(st, out);
    buf_puts(out, " (XmR chart, NHS Making Data Count rules; average ");
    metric_value_text(m, st->mean, out);
    buf_puts(out, ", process limits ");
    metric_value_text(m, st->lpl, out);
    buf_puts(out, " to ");
    metric_value_text(m, st->upl, out);
    buf_putc(out, ')');
    if (st->held_back)
        buf_printf(out,
                   ". The latest %d month%s, whose outcomes police.uk is still recording, "
                   "%s not judged",
                   st->held_back, st->held_back == 1 ? "" : "s", st->held_back == 1 ? "is" : "are");
}

/* ". TEXT" without TEXT's own full stop: the sentence ends without one,
 * which its caller adds (or not) as its layout asks. */
static void sentence_clause(const char *text, struct buf *out)
{
    size_t n = strlen(text);
    if (n && text[n - 1] == '.')
        n--;
    if (n)
        buf_printf(out, ". %.*s", (int)n, text);
}

void metric_sentence(const struct metric_status *st, struct buf *out)
{
    sentence_body(st, out);
    sentence_clause(st->options, out);
    sentence_clause(st->limits_note, out);
}
