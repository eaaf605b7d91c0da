/*
 * series.c - a plan metric's values period by period, read from the store,
 * and its XmR chart (see series.h).
 */
#include "assess/series.h"
#include "model/calendar.h"
#include "render/report_html.h"
#include "store/budget.h"
#include "store/metric_values.h"
#include "store/plans.h"
#include "store/prc.h"
#include "store/query.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool plan_area_known(struct store *s, const char *key)
{
    return strcmp(key, "district") == 0 || strcmp(key, "lsoa") == 0 ||
           strcmp(key, "lsoa_name") == 0 || strcmp(key, "force") == 0 || store_has_grouping(s, key);
}

/* A monthly series being filled from grouped counts. */
struct series {
    int from, to;                     /* months */
    double *count, *positive, *known; /* known: crimes with an outcome (outcome_state_in_rate) */
};

static void take(void *arg, const char *const *keys, int64_t n)
{
    struct series *s = arg;
    int month;
    if (!month_parse(keys[0], strlen(keys[0]), &month) || month < s->from || month > s->to)
        return;
    enum outcome_state state = stats_outcome_state(keys[1]);
    s->count[month - s->from] += (double)n;
    if (state == OUTCOME_STATE_POSITIVE)
        s->positive[month - s->from] += (double)n;
    if (outcome_state_in_rate(state))
        s->known[month - s->from] += (double)n;
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

/* Monthly values of a defined metric; months without street data are gaps.
 * The numerator and denominator are what a rate is made of, or the count
 * itself. A rate's denominator is the crimes whose outcome is known: those
 * still "under investigation" or with "status update unavailable" have no
 * outcome yet, and counting them as not positive would read a missing
 * value as a negative one (docs/methods.md, "Outcome lag"). */
static int metric_values(struct store *s, const struct plan *p, const struct plan_metric *m,
                         int from, int to, struct metric_series *ser, struct buf *err)
{
    size_t n = ser->n;
    struct series sr = {from, to, xcalloc(n, sizeof(double)), xcalloc(n, sizeof(double)),
                        xcalloc(n, sizeof(double))};
    struct stats_query q;
    query_for(p, m, &q);
    q.month_from = from;
    q.month_to = to;
    bool *present = xcalloc(n, sizeof(bool));
    int rc = store_stats(s, &q, take, &sr, err);
    if (rc == 0)
        rc = store_months_present(s, p->force, from, to, present, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        double known = sr.known[i];
        ser->missing[i] = !present[i];
        if (m->def.measure == MEASURE_POSITIVE_RATE) {
            ser->missing[i] |= known <= 0;
            ser->numerator[i] = sr.positive[i];
            ser->denominator[i] = known;
        } else {
            ser->numerator[i] = m->def.measure == MEASURE_COUNT ? sr.count[i] : sr.positive[i];
        }
        ser->values[i] = m->def.measure == MEASURE_COUNT               ? sr.count[i]
                         : m->def.measure == MEASURE_POSITIVE_OUTCOMES ? sr.positive[i]
                         : known > 0 ? 100.0 * sr.positive[i] / known
                                     : NAN;
    }
    free(present);
    free(sr.count);
    free(sr.positive);
    free(sr.known);
    return rc;
}

static enum spc_polarity polarity_of(enum metric_polarity p)
{
    return p == POLARITY_HIGHER_BETTER  ? SPC_HIGHER_IS_BETTER
           : p == POLARITY_LOWER_BETTER ? SPC_LOWER_IS_BETTER
                                        : SPC_NEUTRAL;
}

static void series_alloc(struct metric_series *ser, enum period_kind kind, int first, int last)
{
    ser->kind = kind;
    ser->first = first;
    int periods = (last - first) / period_months(kind) + 1;
    ser->n = (size_t)periods;
    ser->values = xcalloc(ser->n, sizeof *ser->values);
    ser->missing = xcalloc(ser->n, sizeof *ser->missing);
    ser->numerator = xcalloc(ser->n, sizeof *ser->numerator);
    ser->denominator = xcalloc(ser->n, sizeof *ser->denominator);
    for (size_t i = 0; i < ser->n; i++)
        ser->numerator[i] = ser->denominator[i] = NAN;
}

void metric_series_free(struct metric_series *ser)
{
    free(ser->values);
    free(ser->missing);
    free(ser->numerator);
    free(ser->denominator);
    *ser = (struct metric_series){0};
}

int metric_series_period(const struct metric_series *ser, size_t i)
{
    assert(i < ser->n + ser->provisional);
    return ser->first + (int)i * period_months(ser->kind);
}

bool metric_series_value_at(const struct metric_series *ser, int month, double *value)
{
    int step = period_months(ser->kind);
    if (ser->n == 0 || month < ser->first || (month - ser->first) % step != 0)
        return false;
    size_t i = (size_t)((month - ser->first) / step);
    if (i >= ser->n || ser->missing[i])
        return false;
    *value = ser->values[i];
    return true;
}

/* The quarters of the Home Office tables held for the force, as PRC periods
 * (fy x 4 + quarter - 1), ascending. */
struct prc_quarters {
    int *period;
    size_t n;
    int until; /* the last period wanted, or -1 */
};

static void take_period(void *arg, int period, int64_t rows, int64_t count)
{
    struct prc_quarters *q = arg;
    (void)rows;
    (void)count;
    if (q->until >= 0 && period > q->until)
        return;
    q->period = xrealloc(q->period, (q->n + 1) * sizeof *q->period);
    q->period[q->n++] = period;
}

struct prc_sum {
    const struct metric_definition *def;
    double total;
};

static void take_group(void *arg, const char *group, int64_t count)
{
    struct prc_sum *sum = arg;
    bool wanted = sum->def->noffence_groups == 0;
    for (size_t i = 0; i < sum->def->noffence_groups && !wanted; i++)
        wanted = strcmp(group, sum->def->offence_groups[i]) == 0;
    if (wanted)
        sum->total += (double)count;
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int first_month_of(int period)
{
    return fy_first_month(PRC_PERIOD_FY(period)) + 3 * (PRC_PERIOD_Q(period) - 1);
}

/* A metric over the Home Office tables: offences a quarter in its groups
 * (all offences when none are named); a quarter between the first and the
 * last held that has no rows is a gap. */
static int read_home_office(struct store *s, const struct plan *p, const struct plan_metric *m,
                            int until, struct metric_series *ser, struct buf *err)
{
    struct prc_quarters q = {NULL, 0,
                             until >= 0 ? PRC_PERIOD(fy_of_month(until), fq_of_month(until)) : -1};
    int rc = store_prc_periods(s, p->force, take_period, &q, err);
    qsort(q.period, q.n, sizeof *q.period, by_int);
    if (rc == 0 && q.n > 0) {
        series_alloc(ser, PERIOD_QUARTER, first_month_of(q.period[0]),
                     first_month_of(q.period[q.n - 1]));
        for (size_t i = 0; i < ser->n; i++)
            ser->missing[i] = true;
        for (size_t k = 0; rc == 0 && k < q.n; k++) {
            struct prc_sum sum = {&m->def, 0};
            size_t i = (size_t)(q.period[k] - q.period[0]);
            rc = store_prc_by_group(s, p->force, q.period[k], q.period[k], take_group, &sum, err);
            ser->values[i] = ser->numerator[i] = sum.total;
            ser->missing[i] = false;
        }
        if (rc < 0)
            metric_series_free(ser);
    }
    free(q.period);
    return rc;
}

static void count_strategy(void *arg, const struct mtfs_row *r)
{
    (void)r;
    ++*(long *)arg;
}

/* The financial year a date falls in. */
static int fy_of_date(int date)
{
    int y, mo, d;
    date_to_ymd(date, &y, &mo, &d);
    return mo >= 4 ? y : y - 1;
}

/* "Published Medium Term Financial Strategy": each financial year of the
 * plan up to until's (or today's), 1 when a strategy whose first year it
 * is was published by the year's end (or today, for the year running),
 * else 0; no series at all before the register holds any strategy. */
static int read_mtfs(struct store *s, const struct plan *p, int until, struct metric_series *ser,
                     struct buf *err)
{
    long strategies = 0;
    int month, today = date_today();
    if (store_mtfs_rows(s, count_strategy, &strategies, err) < 0)
        return -1;
    if (strategies == 0 || !p->period_from || !month_parse(p->period_from, 7, &month))
        return 0;
    int first = fy_of_month(month);
    int last = until >= 0 ? fy_of_month(until) : fy_of_date(today);
    if (last < first)
        return 0;
    series_alloc(ser, PERIOD_YEAR, fy_first_month(first), fy_first_month(last));
    for (int fy = first; fy <= last; fy++) {
        int end = DATE_NONE;
        date_from_ymd(fy + 1, 3, 31, &end);
        int yes = store_mtfs_published_for(s, fy, end < today ? end : today, err);
        if (yes < 0) {
            metric_series_free(ser);
            return -1;
        }
        ser->values[fy - first] = yes;
    }
    return 0;
}

static int read_defined(struct store *s, const struct plan *p, const struct plan_metric *m,
                        int until, struct metric_series *ser, struct buf *err)
{
    if (m->def.measure == MEASURE_HOME_OFFICE_OFFENCES)
        return read_home_office(s, p, m, until, ser, err);
    if (m->def.measure == MEASURE_PUBLISHED_MTFS)
        return read_mtfs(s, p, until, ser, err);
    /* A plan may name a grouping before its lookup is loaded (the shipped
     * 2024-29 plan's rural_urban, which the ONS lookup has not): no data
     * yet, as evaluate.c says in the metric's note, not an error that takes
     * the metric's page and the reports down with it. */
    if (m->def.area_key && !plan_area_known(s, m->def.area_key))
        return 0;
    int first, latest, newest;
    if (!store_street_months(s, p->force, until, &first, &latest) ||
        !store_street_months(s, p->force, -1, &first, &newest))
        return 0;
    /* Outcomes are still arriving for the newest months of a download: an
     * outcome measure is judged only on months old enough to have settled,
     * and the younger ones ride after the series as provisional. */
    size_t provisional = 0;
    if (m->def.measure != MEASURE_COUNT && newest - latest < METRIC_OUTCOME_SETTLE_MONTHS)
        provisional = (size_t)(METRIC_OUTCOME_SETTLE_MONTHS - (newest - latest));
    if (latest - (int)provisional < first)
        return 0; /* nothing settled yet: no series to judge */
    series_alloc(ser, PERIOD_MONTH, first, latest);
    int rc = metric_values(s, p, m, first, latest, ser, err);
    if (rc < 0) {
        metric_series_free(ser);
        return rc;
    }
    ser->n -= provisional;
    ser->provisional = provisional;
    for (size_t i = ser->n; i < ser->n + provisional; i++)
        if (ser->missing[i])
            ser->values[i] = NAN; /* a gap, as chart_xmr's provisional values take it */
    return 0;
}

/* The loaded values as a series from the first to the last period held;
 * periods in between with no value are gaps. */
struct loaded_values {
    struct metric_value *v;
    size_t n, cap;
};

static void take_loaded(void *arg, const struct metric_value *v)
{
    struct loaded_values *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = (struct metric_value){.period_start = v->period_start,
                                         .value = v->value,
                                         .has_numerator = v->has_numerator,
                                         .numerator = v->numerator,
                                         .denominator = v->denominator};
}

static int read_loaded(struct store *s, const struct plan_metric *m, int until,
                       struct metric_series *ser, struct buf *err)
{
    struct loaded_values l = {0};
    enum period_kind kind = metric_period_kind(m->frequency);
    int rc = store_metric_values(s, m->id, "", kind, until, take_loaded, &l, err);
    if (rc == 0 && l.n > 0) {
        series_alloc(ser, kind, l.v[0].period_start, l.v[l.n - 1].period_start);
        for (size_t i = 0; i < ser->n; i++)
            ser->missing[i] = true;
        for (size_t i = 0; i < l.n; i++) {
            size_t k = (size_t)((l.v[i].period_start - ser->first) / period_months(kind));
            ser->values[k] = l.v[i].value;
            ser->missing[k] = false;
            if (l.v[i].has_numerator) {
                ser->numerator[k] = l.v[i].numerator;
                ser->denominator[k] = l.v[i].denominator;
            }
        }
    }
    free(l.v);
    return rc;
}

int metric_series_read(struct store *s, const struct plan *p, const struct plan_metric *m,
                       int until, struct metric_series *out, struct buf *err)
{
    *out = (struct metric_series){0};
    return m->loaded ? read_loaded(s, m, until, out, err) : read_defined(s, p, m, until, out, err);
}

/* The first period starting in or after `month`: where new limits from
 * that month begin. */
static size_t period_from_month(const struct metric_series *ser, int month)
{
    int step = period_months(ser->kind);
    return month <= ser->first ? 0 : (size_t)((month - ser->first + step - 1) / step);
}

/* Whether points [start, end) hold two consecutive values: the least a
 * group needs for limits (a moving range). */
static bool group_ok(const struct metric_series *ser, size_t start, size_t end)
{
    for (size_t i = start + 1; i < end; i++)
        if (!ser->missing[i] && !ser->missing[i - 1])
            return true;
    return false;
}

/* The rebase points the metric's months ask for, ascending, into at; each
 * month that cannot be honoured is told in note (NULL: not told). */
static size_t chosen_rebase(const struct metric_series *ser, const struct chart_options *c,
                            size_t *at, struct buf *note)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nrebase; i++) {
        size_t k = period_from_month(ser, c->rebase[i]), prev = n ? at[n - 1] : 0;
        const char *why = k == 0                      ? "at or before the series' first period"
                          : k >= ser->n               ? "after the series' last period"
                          : n && k <= prev            ? "the same period as the month before"
                          : !group_ok(ser, prev, k)   ? "too few values before it"
                          : !group_ok(ser, k, ser->n) ? "too few values after it"
                                                      : NULL;
        if (!why) {
            at[n++] = k;
            continue;
        }
        char month[MONTH_TEXT_SIZE];
        month_format(c->rebase[i], month);
        if (note)
            buf_printf(note, "%sNo new limits from %s as asked: %s.", note->len ? " " : "", month,
                       why);
    }
    return n;
}

/* Where the plan's first month (*start) falls in the series: the first
 * period starting in or after it (*k). False when the plan starts at or
 * before the series' first period or after its last: the chart is then all
 * before the plan or all under it, and there is nothing to start anew. */
static bool plan_start_in(const struct plan *p, const struct metric_series *ser, int *start,
                          size_t *k)
{
    if (!p->period_from || !month_parse(p->period_from, strlen(p->period_from), start) ||
        *start <= ser->first)
        return false;
    *k = period_from_month(ser, *start);
    return *k < ser->n;
}

/* A new plan is a new process: its months get their own limits, once
 * enough of them are in (a group needs METRIC_MIN_POINTS to settle), and
 * enough of its predecessor's to compare them with. */
static size_t plan_rebase(const struct plan *p, const struct metric_series *ser, size_t *at)
{
    int start;
    size_t k;
    if (!plan_start_in(p, ser, &start, &k) || k < METRIC_MIN_POINTS ||
        ser->n - k < METRIC_MIN_POINTS)
        return 0;
    *at = k;
    return 1;
}

bool metric_plan_rebase_note(const struct plan *p, const struct plan_metric *m,
                             const struct metric_series *ser, size_t *at, struct buf *out)
{
    int start;
    size_t k;
    if (m->charts.rebase_set || !plan_start_in(p, ser, &start, &k))
        return false;
    size_t before = k, since = ser->n - k;
    if (before >= METRIC_MIN_POINTS && since >= METRIC_MIN_POINTS)
        return false;
    if (at)
        *at = k;
    const char *unit = period_kind_name(ser->kind);
    buf_puts(out, "Limits not recalculated at ");
    report_month_words(start, out);
    buf_puts(out, ", the plan's start: ");
    if (before < METRIC_MIN_POINTS)
        buf_printf(out, "%zu %s%s before it%s", before, unit, before == 1 ? "" : "s",
                   since < METRIC_MIN_POINTS ? " and " : "");
    /* the months still settling are drawn but not charted: not counted */
    const char *settled = ser->provisional ? "settled " : "";
    if (since < METRIC_MIN_POINTS && before < METRIC_MIN_POINTS)
        buf_printf(out, "%zu %ssince", since, settled);
    else if (since < METRIC_MIN_POINTS)
        buf_printf(out, "%zu %s%s%s since", since, settled, unit, since == 1 ? "" : "s");
    buf_printf(out, "; %d are needed%s.", METRIC_MIN_POINTS,
               before < METRIC_MIN_POINTS && since < METRIC_MIN_POINTS ? " on each side" : "");
    return true;
}

/* The options of the metric's chart, its rebase points into at (room for
 * the metric's rebase months, or one). */
static void chart_options_of(const struct plan *p, const struct plan_metric *m,
                             const struct metric_series *ser, struct spc_options *o, size_t *at,
                             struct buf *note)
{
    const struct chart_options *c = &m->charts;
    spc_options_default(o);
    o->polarity = polarity_of(m->polarity);
    if (m->target.kind == TARGET_LEVEL) {
        o->has_target = true;
        o->target = m->target.value;
    }
    o->screen_outliers = c->screen >= 0;
    o->fix_after = c->baseline;
    o->shift_length = c->run_length ? c->run_length : o->shift_length;
    o->trend_length = c->trend_length ? c->trend_length : o->trend_length;
    o->min_points = c->min_points ? c->min_points : METRIC_MIN_POINTS;
    o->nrebase = c->rebase_set ? chosen_rebase(ser, c, at, note) : plan_rebase(p, ser, at);
    o->rebase_at = o->nrebase ? at : NULL;
}

bool metric_chart(const struct plan *p, const struct plan_metric *m,
                  const struct metric_series *ser, struct spc_result *r)
{
    struct spc_options o;
    size_t *at = xcalloc(m->charts.nrebase + 1, sizeof *at);
    chart_options_of(p, m, ser, &o, at, NULL);
    bool ok = spc_compute(ser->values, ser->missing, ser->n, &o, r);
    free(at);
    return ok;
}

void metric_chart_options_text(const struct plan *p, const struct plan_metric *m,
                               const struct metric_series *ser, struct buf *out)
{
    struct buf note = BUF_INIT;
    struct spc_options o;
    size_t *at = xcalloc(m->charts.nrebase + 1, sizeof *at);
    if (ser->n > 0)
        chart_options_of(p, m, ser, &o, at, &note);
    free(at);
    struct buf words = BUF_INIT;
    chart_options_describe(&m->charts, &words);
    if (words.len)
        buf_printf(out, "Chart options: %s.%s%s", words.p, note.len ? " " : "", buf_str(&note));
    buf_free(&words);
    buf_free(&note);
}

bool metric_chart_judged(const struct spc_result *r)
{
    return r->judged;
}

/* The options a metric does not choose, as they stand, in words. */
static void default_options(const struct chart_options *c, struct buf *out)
{
    struct spc_options d;
    spc_options_default(&d);
    size_t from = out->len;
#define SEP (out->len > from ? ", " : "defaults: ")
    if (!c->screen)
        buf_printf(out, "%soutliers screened", SEP);
    if (!c->baseline)
        buf_printf(out, "%slimits from every point", SEP);
    if (!c->rebase_set)
        buf_printf(out, "%snew limits at the plan's start when %d points lie on each side", SEP,
                   METRIC_MIN_POINTS);
    if (!c->run_length)
        buf_printf(out, "%sruns of %d", SEP, d.shift_length);
    if (!c->trend_length)
        buf_printf(out, "%strends of %d", SEP, d.trend_length);
    if (!c->min_points)
        buf_printf(out, "%sjudged from %d points", SEP, METRIC_MIN_POINTS);
    if (!c->funnel)
        buf_printf(out, "%s%s funnel limits", SEP, chart_funnel_words[0]);
#undef SEP
}

void metric_chart_options_effective(const struct plan_metric *m, struct buf *out)
{
    const struct chart_options *c = &m->charts;
    size_t from = out->len;
    chart_options_describe(c, out);
    if (c->funnel)
        buf_printf(out, "%s%s funnel limits", out->len > from ? "; " : "",
                   chart_funnel_words[c->funnel - 1]);
    struct buf rest = BUF_INIT;
    default_options(c, &rest);
    if (rest.len) /* none when every option is chosen */
        buf_printf(out, "%s%s", out->len > from ? "; " : "", rest.p);
    buf_free(&rest);
}
