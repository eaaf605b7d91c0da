/*
 * metric_xmr.h - a plan metric's XmR chart as the commands and reports draw
 * it: its title, axis label, period labels and the plain sentence as its
 * description, and under it the chart options and why the limits were not
 * recalculated at the plan's start, when they were not.
 *
 * `peel chart` writes it to a file and the governance report inlines it as
 * SVG; both build it here, so the chart in a Board pack is the chart on the
 * command line.
 */
#ifndef PEEL_METRIC_XMR_H
#define PEEL_METRIC_XMR_H

#include "assess/evaluate.h"
#include "render/chart.h"

struct metric_xmr {
    struct chart_xmr chart; /* ready for chart_xmr_write() or chart_xmr_svg() */
    /* what chart points into, owned here */
    char **labels;
    size_t nlabels;
    struct buf title, description, y_label, note;
};

/* Describes the chart r of the metric's series ser, whose status is st
 * (for the sentence). r must outlive x. */
void metric_xmr_init(struct metric_xmr *x, const struct plan_metric *m,
                     const struct metric_series *ser, const struct metric_status *st,
                     const struct spc_result *r);
void metric_xmr_free(struct metric_xmr *x);

#endif
