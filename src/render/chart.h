/*
 * chart.h - XmR (SPC), funnel and bar charts, drawn once and written as SVG, PNG
 * or PDF.
 *
 * The charts follow NHS "Making Data Count" (MDC): the same colours and
 * variation/assurance icons that NHS and police analysts already read. One
 * drawing routine per chart type serves every format (cairo for the drawing,
 * pango for text), so an SVG on a web page, a PNG in an e-mail and a PDF in a
 * board pack cannot disagree.
 *
 * Meaning never rests on colour or marker shape alone: a legend and the
 * icons' words say it too, and an SVG carries the title and a plain-English
 * description (<title>, <desc>, role="img") for screen readers.
 *
 * Functions return 0 on success, or -1 with a message appended to err (which
 * names the path for file errors).
 */
#ifndef PEEL_CHART_H
#define PEEL_CHART_H

#include "analysis/spc.h"
#include "util/buf.h"

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

enum chart_format { CHART_SVG, CHART_PNG, CHART_PDF };

/* Page sizes: SVG and PNG in pixels; PDF in points, an A4 landscape page
 * with half-inch margins. */
#define CHART_WIDTH  800
#define CHART_HEIGHT 450
/* A phone's rendition on a web page (web/page.h page_chart): narrower,
 * with the same text sizes, so that in the column of a 360-pixel screen
 * (328 pixels) its smallest text, 11 units, is 9.5 pixels; the desktop
 * rendition's, scaled to the same column, would be 4.5. */
#define CHART_PHONE_WIDTH  380
#define CHART_PHONE_HEIGHT 460
#define CHART_PDF_WIDTH    842
#define CHART_PDF_HEIGHT   595

/* The format a file name's extension asks for (.svg .png .pdf, any case);
 * false when it is none of them. */
bool chart_format_from_path(const char *path, enum chart_format *f);

struct chart_xmr {
    const char *title;           /* e.g. "Shoplifting, Leicestershire, monthly" */
    const char *description;     /* plain-English summary, for screen readers */
    const char *y_label;         /* e.g. "Crimes per month"; may be NULL */
    const char *const *x_labels; /* one per point and provisional value; NULL numbers them */
    const struct spc_result *spc;
    bool has_target;
    double target;
    const char *note; /* the chart's options, a line under the plot; NULL or "" for none */
    /* Values after the charted points that are not yet settled (outcomes
     * still arriving): drawn as open rings on a dashed line and named in
     * the legend, never judged against the limits. NAN is a gap. */
    const double *provisional;
    size_t nprovisional;
};

int chart_xmr_write(const struct chart_xmr *c, enum chart_format f, const char *path,
                    struct buf *err);
/* An <svg> element (no XML declaration) appended to out, to inline in HTML;
 * its ids are prefixed so that several charts can share a page. */
int chart_xmr_svg(const struct chart_xmr *c, struct buf *out, struct buf *err);
/* The same drawn w by h (its text the same size): a phone's rendition. */
int chart_xmr_svg_sized(const struct chart_xmr *c, double w, double h, struct buf *out,
                        struct buf *err);
/* Draws the chart as vectors into cr, at its origin, in a box w by h of the
 * chart's own units (CHART_WIDTH by CHART_HEIGHT is its natural size): for a
 * document that places and scales it (render/pdf.h). */
int chart_xmr_draw(const struct chart_xmr *c, cairo_t *cr, double w, double h, struct buf *err);

struct chart_funnel {
    const char *title, *description, *x_label, *y_label;
    const char *method; /* how the limits were computed, a line under the title; may be NULL */
    size_t n;           /* units */
    const char *const *names; /* per unit, labelled when beyond a limit; may be NULL */
    const double *x;          /* per unit: the denominator */
    const double *y;          /* per unit: the value */
    const int *position;      /* per unit: 0 within, +1/-1 beyond 95%, +2/-2 beyond 99.8% */
    double centre;
    size_t ncurve; /* limit curves, sampled at curve_x ascending; NAN leaves a gap */
    const double *curve_x, *lo95, *hi95, *lo998, *hi998;
    /* One unit to pick out (an area page's own area): ringed in near-black
     * and named in bold beside its point, and named in the legend, so that
     * it is found without telling colours apart. Needs names. */
    bool has_highlight;
    size_t highlight;
};

int chart_funnel_write(const struct chart_funnel *c, enum chart_format f, const char *path,
                       struct buf *err);
int chart_funnel_svg(const struct chart_funnel *c, struct buf *out, struct buf *err);
int chart_funnel_svg_sized(const struct chart_funnel *c, double w, double h, struct buf *out,
                           struct buf *err);
int chart_funnel_draw(const struct chart_funnel *c, cairo_t *cr, double w, double h,
                      struct buf *err);

/* Horizontal bars, one a row, each under its label with its value written
 * at its end: amounts by month, supplier or category. Narrow (CHART_BARS_WIDTH
 * wide, as tall as its bars need) so that it reads on a 360-pixel phone
 * screen unscaled. The page puts the same numbers in a table beside it. */
#define CHART_BARS_WIDTH 360
#define CHART_BARS_MAX   40
struct chart_bars {
    const char *title, *description;
    size_t n;                       /* bars, at most CHART_BARS_MAX */
    const char *const *labels;      /* per bar */
    const double *values;           /* per bar, 0 or more */
    const char *const *value_texts; /* per bar: the value as people read it */
};
int chart_bars_svg(const struct chart_bars *c, struct buf *out, struct buf *err);

#endif
