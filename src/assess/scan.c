/*
 * scan.c - charting every (area, crime type) series (see scan.h).
 *
 * The store hands over one area at a time, its counts by crime type and
 * month in integer arrays (store/area_counts.h): each of its series is
 * charted at once, and nothing but one area is held.
 */
#include "assess/scan.h"
#include "store/area_counts.h"
#include "store/plans.h"
#include "util/clock.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scanner {
    const struct scan_options *o;
    int from, to;
    size_t n;
    const bool *present;
    double *values;
    bool *missing;
    const char *area, *crime_type; /* of the series held; NULL before the first */
    double *no_location;           /* the data-quality series: crimes with no location by month */
    struct spc_options spc;
    scan_signal_fn fn;
    void *arg;
    struct scan_totals *totals;
};

/* Charts values over the months held; true with the latest month's point
 * in *sig when it is a signal. */
static bool chart_values(struct scanner *sc, const double *values, struct scan_signal *sig)
{
    struct spc_result r;
    bool signal = false;
    if (!spc_compute(values, sc->missing, sc->n, &sc->spc, &r))
        sc->totals->failed += values != sc->no_location;
    else {
        const struct spc_point *last = &r.points[r.n - 1];
        signal = !last->missing && last->rule != SPC_RULE_NONE;
        *sig = (struct scan_signal){sc->area,        sc->crime_type, sc->to,    last->value,
                                    last->mean,      last->lpl,      last->upl, last->rule,
                                    last->direction, last->type};
        spc_result_free(&r);
    }
    return signal;
}

/* Whether the months held are enough to chart (o->min_points). */
static bool long_enough(const struct scanner *sc)
{
    size_t held = 0;
    for (size_t i = 0; i < sc->n; i++)
        held += !sc->missing[i];
    return held > 0 && held >= (size_t)sc->o->min_points;
}

/* Charts the series held, if it is long enough, and reports a signal.
 * Crimes with no location go to the data-quality series instead. */
static void chart_series(struct scanner *sc)
{
    if (!sc->area)
        return;
    if (strcmp(sc->area, STATS_NO_LOCATION) == 0) {
        for (size_t i = 0; i < sc->n; i++) {
            sc->no_location[i] += sc->values[i];
            sc->totals->no_location += sc->values[i];
        }
        return;
    }
    sc->totals->series++;
    size_t held = 0;
    double sum = 0;
    for (size_t i = 0; i < sc->n; i++) {
        held += !sc->missing[i];
        sum += sc->missing[i] ? 0 : sc->values[i];
    }
    if (!long_enough(sc)) {
        sc->totals->too_short++;
        return;
    }
    if (sum / (double)held < sc->o->min_mean) {
        sc->totals->too_sparse++;
        return;
    }
    struct scan_signal sig;
    sc->totals->charted++;
    if (chart_values(sc, sc->values, &sig)) {
        sc->totals->signals++;
        sc->fn(sc->arg, &sig);
    }
}

/* The data-quality series, charted once every series has been read. */
static void chart_no_location(struct scanner *sc)
{
    sc->totals->quality = (struct scan_signal){.area = STATS_NO_LOCATION, .month = sc->to};
    sc->area = NULL;
    sc->crime_type = NULL;
    for (size_t i = 0; i < sc->n; i++)
        sc->missing[i] = !sc->present[i];
    struct scan_signal sig;
    if (sc->totals->no_location > 0 && long_enough(sc) && chart_values(sc, sc->no_location, &sig)) {
        sig.area = STATS_NO_LOCATION;
        sig.crime_type = "all crime types";
        sc->totals->quality = sig;
    }
}

/* Charts each series of an area: its crime types in name order, each
 * with a count read (store/area_counts.h), months held but not counted
 * being zeros. */
static void take_area(void *arg, const struct area_counts *a)
{
    struct scanner *sc = arg;
    assert(a->month_from == sc->from && a->nmonths == sc->n);
    double t0 = sc->o->timings ? clock_cpu_seconds() : 0;
    for (size_t t = 0; t < a->ntypes; t++) {
        if (!a->read[t])
            continue;
        sc->area = a->area;
        sc->crime_type = a->types[t];
        const struct area_cell *cells = &a->cells[t * a->nmonths];
        for (size_t i = 0; i < sc->n; i++) {
            sc->values[i] = (double)cells[i].crimes;
            sc->missing[i] = !sc->present[i];
        }
        chart_series(sc);
    }
    sc->area = sc->crime_type = NULL;
    if (sc->o->timings)
        sc->totals->seconds_charting += clock_cpu_seconds() - t0;
}

static bool month_range(struct store *s, const struct scan_options *o, int *from, int *to)
{
    int first, last;
    if (!store_street_months(s, o->force, o->month_to, &first, &last))
        return false;
    *from = o->month_from >= 0 && o->month_from > first ? o->month_from : first;
    *to = last;
    return *from <= *to;
}

/* The chart options over the scan's defaults; false with err when a
 * rebase month is outside the months scanned. */
static bool scan_chart_options(struct scanner *sc, size_t *at, struct buf *err)
{
    const struct chart_options *c = sc->o->charts;
    spc_options_default(&sc->spc);
    sc->spc.polarity = SPC_LOWER_IS_BETTER;
    if (!c)
        return true;
    sc->spc.screen_outliers = c->screen >= 0;
    sc->spc.fix_after = c->baseline;
    sc->spc.shift_length = c->run_length ? c->run_length : sc->spc.shift_length;
    sc->spc.trend_length = c->trend_length ? c->trend_length : sc->spc.trend_length;
    for (size_t i = 0; i < c->nrebase; i++) {
        if (c->rebase[i] <= sc->from || c->rebase[i] > sc->to) {
            char m[MONTH_TEXT_SIZE], from[MONTH_TEXT_SIZE], to[MONTH_TEXT_SIZE];
            month_format(c->rebase[i], m);
            month_format(sc->from, from);
            month_format(sc->to, to);
            buf_printf(err, "no new limits from %s: the months scanned are %s to %s", m, from, to);
            return false;
        }
        at[i] = (size_t)(c->rebase[i] - sc->from);
    }
    sc->spc.rebase_at = c->nrebase ? at : NULL;
    sc->spc.nrebase = c->nrebase;
    return true;
}

int plan_scan(struct store *s, const struct scan_options *o, scan_signal_fn fn, void *arg,
              struct scan_totals *totals, struct buf *err)
{
    *totals = (struct scan_totals){0};
    struct scanner sc = {.o = o, .fn = fn, .arg = arg, .totals = totals};
    if (!month_range(s, o, &sc.from, &sc.to)) {
        buf_puts(err, "no recorded crime in the months asked for");
        return -1;
    }
    totals->month_from = sc.from;
    totals->month_to = sc.to;
    size_t *at = xcalloc(o->charts ? o->charts->nrebase + 1 : 1, sizeof *at);
    if (!scan_chart_options(&sc, at, err)) {
        free(at);
        return -1;
    }
    int months = sc.to - sc.from + 1;
    sc.n = (size_t)months;
    bool *present = xcalloc(sc.n, sizeof *present);
    sc.present = present;
    sc.values = xcalloc(sc.n, sizeof *sc.values);
    sc.missing = xcalloc(sc.n, sizeof *sc.missing);
    sc.no_location = xcalloc(sc.n, sizeof *sc.no_location);

    struct stats_query q = {
        .ndims = 1, .month_from = sc.from, .month_to = sc.to, .force = o->force};
    q.dims[0] = o->area;
    double t0 = o->timings ? clock_cpu_seconds() : 0;
    int rc = store_months_present(s, o->force, sc.from, sc.to, present, err);
    if (rc == 0)
        rc = store_area_counts(s, &q, AREA_COUNTS_MONTHS, take_area, &sc, err);
    double t1 = o->timings ? clock_cpu_seconds() : 0;
    if (rc == 0)
        chart_no_location(&sc);
    if (o->timings) {
        totals->seconds_reading = t1 - t0 - totals->seconds_charting;
        totals->seconds_charting += clock_cpu_seconds() - t1;
    }
    free(present);
    free(sc.values);
    free(sc.missing);
    free(sc.no_location);
    free(at);
    return rc;
}

/* ---- the signals kept and ordered --------------------------------------- */

void scan_keep(void *arg, const struct scan_signal *sig)
{
    struct scan_found *f = arg;
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->items = xrealloc(f->items, f->cap * sizeof *f->items);
    }
    struct scan_signal *copy = &f->items[f->n++];
    *copy = *sig;
    copy->area = xstrdup(sig->area);
    copy->crime_type = xstrdup(sig->crime_type);
}

void scan_found_free(struct scan_found *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free((char *)f->items[i].area);
        free((char *)f->items[i].crime_type);
    }
    free(f->items);
    *f = (struct scan_found){0};
}

/* How far past its limit the latest month is, in limit widths. */
static double reach(const struct scan_signal *s)
{
    double width = s->direction > 0 ? s->upl - s->mean : s->mean - s->lpl;
    return width > 0 ? fabs(s->latest - s->mean) / width : 0;
}

/* Concerns first, then the strongest rule, then the furthest out. */
static int by_severity(const void *x, const void *y)
{
    const struct scan_signal *a = x, *b = y;
    int ka = a->type == SPC_CONCERN ? 0 : 1, kb = b->type == SPC_CONCERN ? 0 : 1;
    if (ka != kb)
        return ka - kb;
    if (a->rule != b->rule)
        return (int)a->rule - (int)b->rule;
    double ra = reach(a), rb = reach(b);
    return ra > rb ? -1 : ra < rb;
}

void scan_sort_by_severity(struct scan_found *f)
{
    if (f->n)
        qsort(f->items, f->n, sizeof *f->items, by_severity);
}
