/*
 * chart_internal.h - what chart.c, chart_kit.c and the chart types share:
 * the rendering pipeline that turns one drawing routine into SVG, PNG or PDF,
 * and the drawing kit (text, axes, markers, legend) they draw with.
 *
 * Not part of the public API: include render/chart.h instead.
 */
#ifndef PEEL_CHART_INTERNAL_H
#define PEEL_CHART_INTERNAL_H

#include "render/chart.h"

#include <cairo.h>
#include <pango/pangocairo.h>

/* NHS Making Data Count colours (NHSRplotthedots 0.2.2, agreed with the MDC
 * Power BI team), and the greys the charts are built from. */
#define COLOUR_COMMON      0xa6a6a6u
#define COLOUR_IMPROVEMENT 0x00b0f0u
#define COLOUR_CONCERN     0xe46c0au
#define COLOUR_NEUTRAL     0x490092u
#define COLOUR_TARGET      0xde1b1bu
#define COLOUR_TEXT        0x222222u
#define COLOUR_MUTED       0x595959u
#define COLOUR_LINE        0x7b7d7du
#define COLOUR_GRID        0xe6e6e6u
#define COLOUR_WHITE       0xffffffu

#define CHART_MARGIN 16.0

/* Where a chart is drawn: cairo for shapes, one pango context for text. */
struct canvas {
    cairo_t *cr;
    PangoContext *pango;
    double w, h;
};

/* A chart type's drawing routine: the only place its look is defined. */
typedef void (*chart_draw_fn)(struct canvas *cv, const void *chart);

struct chart_job {
    chart_draw_fn draw;
    const void *chart;
    const char *title, *description;
    double width, height; /* SVG and PNG size; 0: CHART_WIDTH x CHART_HEIGHT */
};

/* Draws the job in format f and appends the bytes to out; an SVG gets its
 * <title>, <desc> and role="img", and loses its XML declaration when
 * inline. */
int chart_render(const struct chart_job *job, enum chart_format f, bool inline_svg, struct buf *out,
                 struct buf *err);
/* An inline SVG of the job drawn w by h (0 by 0: its own size). */
int chart_svg_sized(struct chart_job job, double w, double h, struct buf *out, struct buf *err);
int chart_write(const struct chart_job *job, enum chart_format f, const char *path,
                struct buf *err);
/* Draws the job into cr at its origin, in a box w by h. */
int chart_draw(const struct chart_job *job, cairo_t *cr, double w, double h, struct buf *err);

/* ---- the drawing kit (chart_kit.c) ---- */

enum font { FONT_TITLE, FONT_BODY, FONT_BOLD, FONT_SMALL };

void canvas_init(struct canvas *cv, cairo_t *cr, double w, double h);
void canvas_free(struct canvas *cv);

void set_colour(cairo_t *cr, unsigned rgb);
void set_colour_alpha(cairo_t *cr, unsigned rgb, double alpha);

/* wrap: width to wrap words at, or 0 for one line. */
void text_size(struct canvas *cv, enum font font, const char *text, double wrap, double *w,
               double *h);
/* Draws text so that the point (ax, ay) of its box, each 0 (left/top) to 1
 * (right/bottom), lands on (x, y). */
void text_draw(struct canvas *cv, enum font font, const char *text, double wrap, double x, double y,
               double ax, double ay, unsigned rgb);

/* The same on one line, ringed in white so that it reads over lines. */
void text_draw_halo(struct canvas *cv, enum font font, const char *text, double x, double y,
                    double ax, double ay, unsigned rgb);

enum line_style { LINE_SOLID, LINE_DASHED, LINE_DOTTED, LINE_LONG_DASH };
void set_line(cairo_t *cr, enum line_style style, double width, unsigned rgb);

enum marker {
    MARKER_DOT,
    MARKER_CIRCLE,
    MARKER_DIAMOND,
    MARKER_SQUARE,
    MARKER_UP,
    MARKER_DOWN,
    MARKER_CROSS,
    MARKER_RING /* an open circle around another marker: stroked, never filled */
};
void draw_marker(cairo_t *cr, enum marker m, double x, double y, unsigned rgb);

/* A numeric axis with round ticks lo, lo + step, ... hi. */
struct axis {
    double lo, hi, step;
    int decimals; /* for tick labels */
};
void axis_nice(double lo, double hi, int nticks, struct axis *a);
size_t axis_ticks(const struct axis *a);
double axis_tick(const struct axis *a, size_t i);
/* "12,345.6": decimals places and thousands separators. */
void format_number(double v, int decimals, char *out, size_t n);

struct plot {
    double left, top, right, bottom;
    struct axis x, y;
};
double plot_x(const struct plot *p, double v);
double plot_y(const struct plot *p, double v);
void plot_clip(struct canvas *cv, const struct plot *p);
double y_ticks_width(struct canvas *cv, const struct axis *a);
/* Horizontal grid lines with their labels left of the plot, and the axis. */
void draw_y_axis(struct canvas *cv, const struct plot *p);

/* The title, wrapped to width; returns its height. */
double draw_title(struct canvas *cv, const char *title, double x, double y, double width);

#define LEGEND_MAX 12
struct legend_item {
    const char *text;
    bool is_line; /* a line sample, else a marker */
    enum marker marker;
    enum line_style line;
    unsigned rgb;
};
struct legend {
    struct legend_item items[LEGEND_MAX];
    size_t n;
};
void legend_marker(struct legend *l, const char *text, enum marker m, unsigned rgb);
void legend_line(struct legend *l, const char *text, enum line_style style, unsigned rgb);
/* Items flow left to right and wrap within width. */
double legend_height(struct canvas *cv, const struct legend *l, double width);
void legend_draw(struct canvas *cv, const struct legend *l, double x, double y, double width);

#endif
