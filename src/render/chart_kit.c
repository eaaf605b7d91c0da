/*
 * chart_kit.c - the drawing kit the chart types share (see chart_internal.h):
 * text through pango, round axis ticks, markers, line styles and a legend.
 *
 * Sizes are in the surface's units (pixels for SVG and PNG, points for PDF)
 * and fonts have absolute sizes, so a chart has the same proportions in
 * every format. Hinting is off and glyph positions are not rounded, so text
 * is laid out identically whatever the surface.
 */
#include "render/chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LEGEND_KEY_W 22.0
#define LEGEND_GAP   18.0
#define LEGEND_ROW_H 20.0

void canvas_init(struct canvas *cv, cairo_t *cr, double w, double h)
{
    cv->cr = cr;
    cv->w = w;
    cv->h = h;
    cv->pango = pango_cairo_create_context(cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(cv->pango, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(cv->pango, FALSE);
}

void canvas_free(struct canvas *cv)
{
    g_object_unref(cv->pango);
    cv->pango = NULL;
}

void set_colour(cairo_t *cr, unsigned rgb)
{
    set_colour_alpha(cr, rgb, 1.0);
}

void set_colour_alpha(cairo_t *cr, unsigned rgb, double alpha)
{
    cairo_set_source_rgba(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                          (rgb & 0xff) / 255.0, alpha);
}

static PangoLayout *layout_for(struct canvas *cv, enum font font, const char *text, double wrap)
{
    static const double size[] = {
        [FONT_TITLE] = 17, [FONT_BODY] = 12, [FONT_BOLD] = 12, [FONT_SMALL] = 11};
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans, sans-serif");
    pango_font_description_set_absolute_size(fd, size[font] * PANGO_SCALE);
    if (font == FONT_TITLE || font == FONT_BOLD)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    PangoLayout *l = pango_layout_new(cv->pango);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    /* Text comes from plan files and data: never let bad bytes reach pango. */
    gchar *valid = g_utf8_make_valid(text ? text : "", -1);
    pango_layout_set_text(l, valid, -1);
    g_free(valid);
    if (wrap > 0) {
        pango_layout_set_width(l, (int)(wrap * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    return l;
}

static void layout_size(PangoLayout *l, double *w, double *h)
{
    PangoRectangle ink, logical;
    pango_layout_get_extents(l, &ink, &logical);
    *w = (double)logical.width / PANGO_SCALE;
    *h = (double)logical.height / PANGO_SCALE;
}

void text_size(struct canvas *cv, enum font font, const char *text, double wrap, double *w,
               double *h)
{
    PangoLayout *l = layout_for(cv, font, text, wrap);
    layout_size(l, w, h);
    g_object_unref(l);
}

static void show_text(struct canvas *cv, enum font font, const char *text, double x, double y,
                      double ax, double ay, unsigned rgb, bool halo)
{
    PangoLayout *l = layout_for(cv, font, text, 0);
    double w, h;
    layout_size(l, &w, &h);
    cairo_save(cv->cr);
    cairo_move_to(cv->cr, x - ax * w, y - ay * h);
    if (halo) {
        pango_cairo_layout_path(cv->cr, l);
        set_line(cv->cr, LINE_SOLID, 3, COLOUR_WHITE);
        cairo_stroke(cv->cr);
        cairo_move_to(cv->cr, x - ax * w, y - ay * h);
    }
    set_colour(cv->cr, rgb);
    pango_cairo_show_layout(cv->cr, l);
    cairo_restore(cv->cr);
    g_object_unref(l);
}

void text_draw(struct canvas *cv, enum font font, const char *text, double wrap, double x, double y,
               double ax, double ay, unsigned rgb)
{
    if (wrap <= 0) {
        show_text(cv, font, text, x, y, ax, ay, rgb, false);
        return;
    }
    PangoLayout *l = layout_for(cv, font, text, wrap);
    double w, h;
    layout_size(l, &w, &h);
    cairo_save(cv->cr);
    set_colour(cv->cr, rgb);
    cairo_move_to(cv->cr, x - ax * w, y - ay * h);
    pango_cairo_show_layout(cv->cr, l);
    cairo_restore(cv->cr);
    g_object_unref(l);
}

void text_draw_halo(struct canvas *cv, enum font font, const char *text, double x, double y,
                    double ax, double ay, unsigned rgb)
{
    show_text(cv, font, text, x, y, ax, ay, rgb, true);
}

void set_line(cairo_t *cr, enum line_style style, double width, unsigned rgb)
{
    static const double dashed[] = {6, 4}, dotted[] = {1.5, 3}, long_dash[] = {12, 5};
    set_colour(cr, rgb);
    cairo_set_line_width(cr, width);
    cairo_set_line_cap(cr, style == LINE_DOTTED ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    switch (style) {
    case LINE_SOLID:
        cairo_set_dash(cr, NULL, 0, 0);
        break;
    case LINE_DASHED:
        cairo_set_dash(cr, dashed, 2, 0);
        break;
    case LINE_DOTTED:
        cairo_set_dash(cr, dotted, 2, 0);
        break;
    case LINE_LONG_DASH:
        cairo_set_dash(cr, long_dash, 2, 0);
        break;
    }
}

static void marker_path(cairo_t *cr, enum marker m, double x, double y)
{
    switch (m) {
    case MARKER_DOT:
        cairo_arc(cr, x, y, 3.2, 0, 2 * M_PI);
        break;
    case MARKER_CIRCLE:
        cairo_arc(cr, x, y, 4.6, 0, 2 * M_PI);
        break;
    case MARKER_DIAMOND:
        cairo_move_to(cr, x, y - 6);
        cairo_line_to(cr, x + 5.5, y);
        cairo_line_to(cr, x, y + 6);
        cairo_line_to(cr, x - 5.5, y);
        cairo_close_path(cr);
        break;
    case MARKER_SQUARE:
        cairo_rectangle(cr, x - 4.2, y - 4.2, 8.4, 8.4);
        break;
    case MARKER_UP:
    case MARKER_DOWN: {
        double s = m == MARKER_UP ? 1 : -1;
        cairo_move_to(cr, x, y - 6 * s);
        cairo_line_to(cr, x + 5.5, y + 4 * s);
        cairo_line_to(cr, x - 5.5, y + 4 * s);
        cairo_close_path(cr);
        break;
    }
    case MARKER_CROSS:
        cairo_move_to(cr, x - 4, y - 4);
        cairo_line_to(cr, x + 4, y + 4);
        cairo_move_to(cr, x + 4, y - 4);
        cairo_line_to(cr, x - 4, y + 4);
        break;
    case MARKER_RING:
        cairo_arc(cr, x, y, 7.5, 0, 2 * M_PI);
        break;
    }
}

void draw_marker(cairo_t *cr, enum marker m, double x, double y, unsigned rgb)
{
    cairo_save(cr);
    cairo_new_path(cr);
    marker_path(cr, m, x, y);
    if (m == MARKER_RING) {
        /* Wide enough to be seen around the marker it rings (WCAG 1.4.11). */
        set_line(cr, LINE_SOLID, 2.2, rgb);
        cairo_stroke(cr);
    } else if (m == MARKER_CROSS) {
        set_line(cr, LINE_SOLID, 1.8, rgb);
        cairo_stroke(cr);
    } else {
        /* A white rim keeps a marker readable where it sits on a line. */
        set_colour(cr, rgb);
        cairo_fill_preserve(cr);
        set_line(cr, LINE_SOLID, 0.8, COLOUR_WHITE);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

/* The round step (1, 2 or 5 times a power of ten) nearest raw. */
static double nice_step(double raw, int *decimals)
{
    double exp10 = floor(log10(raw));
    double f = raw / pow(10, exp10);
    double m = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
    if (m == 10) {
        m = 1;
        exp10 += 1;
    }
    *decimals = exp10 < 0 ? (int)-exp10 : 0;
    return m * pow(10, exp10);
}

void axis_nice(double lo, double hi, int nticks, struct axis *a)
{
    if (!(hi > lo)) { /* one value: give it room either side */
        double pad = fabs(lo) > 0 ? fabs(lo) * 0.1 : 1;
        lo -= pad;
        hi += pad;
    }
    a->step = nice_step((hi - lo) / (nticks > 1 ? nticks - 1 : 1), &a->decimals);
    a->lo = floor(lo / a->step + 1e-9) * a->step;
    a->hi = ceil(hi / a->step - 1e-9) * a->step;
}

size_t axis_ticks(const struct axis *a)
{
    return (size_t)llround((a->hi - a->lo) / a->step) + 1;
}

double axis_tick(const struct axis *a, size_t i)
{
    double v = a->lo + (double)i * a->step;
    return fabs(v) < a->step * 1e-9 ? 0.0 : v; /* never "-0" */
}

void format_number(double v, int decimals, char *out, size_t n)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v) < 0.5 * pow(10, -decimals) ? 0.0 : v);
    const char *digits = raw + (raw[0] == '-');
    size_t intlen = strcspn(digits, ".");
    char tmp[96];
    size_t k = 0;
    if (raw[0] == '-')
        tmp[k++] = '-';
    for (size_t i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            tmp[k++] = ',';
        tmp[k++] = digits[i];
    }
    snprintf(tmp + k, sizeof tmp - k, "%s", digits + intlen);
    snprintf(out, n, "%s", tmp);
}

double plot_x(const struct plot *p, double v)
{
    return p->left + (v - p->x.lo) / (p->x.hi - p->x.lo) * (p->right - p->left);
}

double plot_y(const struct plot *p, double v)
{
    return p->bottom - (v - p->y.lo) / (p->y.hi - p->y.lo) * (p->bottom - p->top);
}

void plot_clip(struct canvas *cv, const struct plot *p)
{
    /* Room for a marker's half at the edges. */
    cairo_rectangle(cv->cr, p->left - 7, p->top - 7, p->right - p->left + 14,
                    p->bottom - p->top + 14);
    cairo_clip(cv->cr);
}

double y_ticks_width(struct canvas *cv, const struct axis *a)
{
    double widest = 0;
    for (size_t i = 0; i < axis_ticks(a); i++) {
        char label[64];
        double w, h;
        format_number(axis_tick(a, i), a->decimals, label, sizeof label);
        text_size(cv, FONT_SMALL, label, 0, &w, &h);
        widest = fmax(widest, w);
    }
    return widest;
}

void draw_y_axis(struct canvas *cv, const struct plot *p)
{
    cairo_t *cr = cv->cr;
    for (size_t i = 0; i < axis_ticks(&p->y); i++) {
        double v = axis_tick(&p->y, i), y = round(plot_y(p, v)) + 0.5;
        set_line(cr, LINE_SOLID, 1, COLOUR_GRID);
        cairo_move_to(cr, p->left, y);
        cairo_line_to(cr, p->right, y);
        cairo_stroke(cr);
        char label[64];
        format_number(v, p->y.decimals, label, sizeof label);
        text_draw(cv, FONT_SMALL, label, 0, p->left - 6, y, 1, 0.5, COLOUR_MUTED);
    }
    set_line(cr, LINE_SOLID, 1, COLOUR_LINE);
    cairo_move_to(cr, p->left, round(p->bottom) + 0.5);
    cairo_line_to(cr, p->right, round(p->bottom) + 0.5);
    cairo_stroke(cr);
}

double draw_title(struct canvas *cv, const char *title, double x, double y, double width)
{
    double w, h;
    text_size(cv, FONT_TITLE, title, width, &w, &h);
    text_draw(cv, FONT_TITLE, title, width, x, y, 0, 0, COLOUR_TEXT);
    return h;
}

void legend_marker(struct legend *l, const char *text, enum marker m, unsigned rgb)
{
    if (l->n < LEGEND_MAX)
        l->items[l->n++] = (struct legend_item){.text = text, .marker = m, .rgb = rgb};
}

void legend_line(struct legend *l, const char *text, enum line_style style, unsigned rgb)
{
    if (l->n < LEGEND_MAX)
        l->items[l->n++] =
            (struct legend_item){.text = text, .is_line = true, .line = style, .rgb = rgb};
}

static double item_width(struct canvas *cv, const struct legend_item *it)
{
    double w, h;
    text_size(cv, FONT_SMALL, it->text, 0, &w, &h);
    return LEGEND_KEY_W + 6 + w;
}

static void legend_key(struct canvas *cv, const struct legend_item *it, double x, double y)
{
    if (it->is_line) {
        set_line(cv->cr, it->line, it->line == LINE_SOLID ? 1.6 : 1.4, it->rgb);
        cairo_move_to(cv->cr, x, y);
        cairo_line_to(cv->cr, x + LEGEND_KEY_W, y);
        cairo_stroke(cv->cr);
    } else {
        draw_marker(cv->cr, it->marker, x + LEGEND_KEY_W / 2, y, it->rgb);
    }
    text_draw(cv, FONT_SMALL, it->text, 0, x + LEGEND_KEY_W + 6, y, 0, 0.5, COLOUR_TEXT);
}

/* Lays the items out in rows, drawing them when draw is set; returns the
 * height. */
static double legend_flow(struct canvas *cv, const struct legend *l, double x, double y,
                          double width, bool draw)
{
    if (l->n == 0)
        return 0;
    double cx = 0, rows = 1;
    for (size_t i = 0; i < l->n; i++) {
        double w = item_width(cv, &l->items[i]);
        if (cx > 0 && cx + w > width) {
            cx = 0;
            rows++;
        }
        if (draw)
            legend_key(cv, &l->items[i], x + cx, y + (rows - 0.5) * LEGEND_ROW_H);
        cx += w + LEGEND_GAP;
    }
    return rows * LEGEND_ROW_H;
}

double legend_height(struct canvas *cv, const struct legend *l, double width)
{
    return legend_flow(cv, l, 0, 0, width, false);
}

void legend_draw(struct canvas *cv, const struct legend *l, double x, double y, double width)
{
    legend_flow(cv, l, x, y, width, true);
}
