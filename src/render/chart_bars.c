/*
 * chart_bars.c - horizontal bar charts (see chart.h): one bar a row, its
 * label above it and its value written at its end, so that no number
 * is read off an axis and no meaning rests on colour. The scale starts at
 * nought, the longest bar the largest value.
 */
#include "render/chart_internal.h"

#include <math.h>

#define ROW_LABEL 16.0 /* the label's line */
#define ROW_BAR   16.0
#define ROW_GAP   10.0
#define ROW       (ROW_LABEL + 2.0 + ROW_BAR + ROW_GAP)
#define TITLE_BOX 24.0 /* one line of the title: the titles are short */
#define VALUE_BOX 96.0 /* room right of the longest bar for its value */

static double largest(const struct chart_bars *c)
{
    double max = 0;
    for (size_t i = 0; i < c->n; i++)
        max = c->values[i] > max ? c->values[i] : max;
    return max;
}

static void draw_bars(struct canvas *cv, const void *chart)
{
    const struct chart_bars *c = chart;
    double width = cv->w - 2 * CHART_MARGIN;
    double top = CHART_MARGIN + draw_title(cv, c->title, CHART_MARGIN, CHART_MARGIN, width) + 8;
    double max = largest(c), span = width - VALUE_BOX;
    for (size_t i = 0; i < c->n; i++) {
        double y = top + (double)i * ROW;
        double len = max > 0 ? span * c->values[i] / max : 0;
        text_draw(cv, FONT_BODY, c->labels[i], 0, CHART_MARGIN, y, 0, 0, COLOUR_TEXT);
        double by = y + ROW_LABEL + 2;
        set_colour(cv->cr, COLOUR_NEUTRAL);
        cairo_rectangle(cv->cr, CHART_MARGIN, by, len > 1 || c->values[i] <= 0 ? len : 1, ROW_BAR);
        cairo_fill(cv->cr);
        text_draw(cv, FONT_SMALL, c->value_texts[i], 0, CHART_MARGIN + len + 6, by + ROW_BAR / 2, 0,
                  0.5, COLOUR_TEXT);
    }
    /* the nought the bars start from */
    set_line(cv->cr, LINE_SOLID, 1, COLOUR_LINE);
    cairo_move_to(cv->cr, CHART_MARGIN + 0.5, top);
    cairo_line_to(cv->cr, CHART_MARGIN + 0.5, top + (double)c->n * ROW - ROW_GAP);
    cairo_stroke(cv->cr);
}

static int check(const struct chart_bars *c, struct buf *err)
{
    const char *why = NULL;
    if (!c || c->n == 0 || !c->labels || !c->values || !c->value_texts)
        why = "no bars to draw";
    else if (c->n > CHART_BARS_MAX)
        why = "too many bars";
    else if (!c->title || !*c->title)
        why = "a chart needs a title";
    for (size_t i = 0; !why && i < c->n; i++)
        if (!isfinite(c->values[i]) || c->values[i] < 0 || !c->labels[i] || !c->value_texts[i])
            why = "a bar needs a label and a value of nought or more";
    if (why)
        buf_printf(err, "chart: %s", why);
    return why ? -1 : 0;
}

int chart_bars_svg(const struct chart_bars *c, struct buf *out, struct buf *err)
{
    if (check(c, err) != 0)
        return -1;
    double height = 2 * CHART_MARGIN + TITLE_BOX + 8 + (double)c->n * ROW;
    struct chart_job job = {draw_bars, c, c->title, c->description, CHART_BARS_WIDTH, height};
    return chart_render(&job, CHART_SVG, true, out, err);
}
