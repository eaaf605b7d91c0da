/*
 * funnel_plot.h - a funnel of areas (assess/compare.h's metric_funnel) as a
 * chart: the compared areas as points, the limits as curves over their
 * sizes, and a plain-English description naming the areas beyond a limit.
 *
 * `peel chart --funnel` writes it to a file and an area page inlines it
 * with its own area highlighted; both build it here, so the two cannot
 * draw different funnels.
 */
#ifndef PEEL_FUNNEL_PLOT_H
#define PEEL_FUNNEL_PLOT_H

#include "analysis/funnel.h"
#include "render/chart.h"

/* Points on each limit curve, from a little below the smallest area to a
 * little above the largest. */
#define FUNNEL_PLOT_CURVE 120

struct funnel_plot {
    struct chart_funnel chart; /* ready for chart_funnel_write() or _svg() */
    /* what chart points into, owned here (names borrowed from r) */
    const char **names;
    double *x, *y;
    int *position;
    double curve_x[FUNNEL_PLOT_CURVE], lo95[FUNNEL_PLOT_CURVE], hi95[FUNNEL_PLOT_CURVE],
        lo998[FUNNEL_PLOT_CURVE], hi998[FUNNEL_PLOT_CURVE];
    char method[160]; /* the line naming the limits' method */
    struct buf description;
};

/* Describes the funnel r (proportion: its values are per cent, else per
 * 1,000 residents) under title. highlight names the area to ring, or is
 * NULL; an area not compared (excluded) is not drawn, so not ringed. r must
 * outlive f. */
void funnel_plot_init(struct funnel_plot *f, const struct funnel_result *r, bool proportion,
                      const char *title, const char *highlight);
void funnel_plot_free(struct funnel_plot *f);

#endif
