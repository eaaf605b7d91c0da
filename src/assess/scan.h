/*
 * scan.h - every area's every crime type, charted: where has something
 * changed?
 *
 * The Board's headline metrics are force-wide; a shift in one district or
 * neighbourhood can hide inside them. A scan builds the monthly series of
 * each (area, crime type) pair from the store, charts each with the XmR
 * method of analysis/spc.h, and reports the pairs whose latest month is
 * special-cause variation. Crime counts are "lower is better", so a signal
 * upwards is a concern and downwards an improvement.
 *
 * With thousands of series some signals are chance: the scan says how many
 * series it charted so that a reader can weigh what it finds. Series of a
 * few crimes a month are not charted: counts that small move in whole steps
 * of a large part of their mean, moving ranges are mostly 0 or 1, and the
 * limits drawn from them flag ordinary months (Wheeler's "chunky data").
 */
#ifndef PEEL_SCAN_H
#define PEEL_SCAN_H

#include "analysis/spc.h"
#include "model/chart_options.h"
#include "store/query.h"

struct scan_options {
    struct stats_dim_spec area; /* district, lsoa, or an imported grouping */
    const char *force;          /* NULL: all */
    int month_from, month_to;   /* -1: all months held */
    int min_points;             /* series shorter than this are not charted; default 12 */
    double min_mean;            /* nor series averaging fewer crimes a month; default 5 */
    /* Screening, baseline, run and trend lengths and rebase months (each
     * inside the months scanned, else an error); NULL or 0s: the
     * defaults. min_points is the field above. */
    const struct chart_options *charts;
    /* Split the CPU time between reading and charting (scan_totals): two
     * clock reads an area, each a system call, so only when asked. */
    bool timings;
};

struct scan_signal {
    const char *area, *crime_type;
    int month; /* the latest month */
    double latest, mean, lpl, upl;
    enum spc_rule rule;
    int direction;
    enum spc_point_type type;
};

struct scan_totals {
    long series, charted, signals;
    long too_short, too_sparse; /* series not charted, and why */
    long failed;                /* nor those the options leave a group without two values */
    /* Crimes with no location are not a place: they are not scanned as
     * crime but summed over crime types into one data-quality series (its
     * month-to-month count says how well locations are recorded), charted
     * like the others; quality.rule is SPC_RULE_NONE when its latest month
     * is ordinary or it was too short to chart. */
    double no_location; /* crimes, over the months scanned */
    struct scan_signal quality;
    int month_from, month_to;
    /* Where the CPU time went (o->timings; else 0): charting is timed an
     * area at a time, reading is the rest. */
    double seconds_reading, seconds_charting;
};

typedef void (*scan_signal_fn)(void *arg, const struct scan_signal *sig);

int plan_scan(struct store *s, const struct scan_options *o, scan_signal_fn fn, void *arg,
              struct scan_totals *totals, struct buf *err);

/* The signals of a scan, kept (plan_scan(s, o, scan_keep, &found, ...)),
 * each with its own copy of its names. */
struct scan_found {
    struct scan_signal *items;
    size_t n, cap;
};
void scan_keep(void *arg, const struct scan_signal *sig);
void scan_found_free(struct scan_found *f);
/* Most severe first: concerns before improvements, then the strongest rule
 * (as spc.h orders them), then the furthest past its limit. */
void scan_sort_by_severity(struct scan_found *f);

#endif
