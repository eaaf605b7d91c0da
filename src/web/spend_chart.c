/*
 * spend_chart.c - the /spend page's charts (page_spend.c): spend by month
 * and the largest suppliers, as bars drawn by the render kit
 * (render/chart.h) and inlined as SVG fit for the site's CSP
 * (render/svg.h). Each chart is a picture of the table that follows it on
 * the page, from the same query and written by the same money formatter,
 * so the two cannot disagree; its <title> and <desc> say what it shows for
 * a screen reader, and the caption points to the table.
 */
#include "model/money.h"
#include "render/chart.h"
#include "render/svg.h"
#include "render/table.h"
#include "util/html.h"
#include "util/mem.h"
#include "web/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUPPLIERS_CHARTED 10

struct bars {
    size_t n, skip; /* kept, and how many of the first rows to pass over */
    char *labels[CHART_BARS_MAX];
    char texts[CHART_BARS_MAX][MONEY_TEXT_SIZE];
    double values[CHART_BARS_MAX];
};

static void keep_bar(void *arg, const struct spend_total *t)
{
    struct bars *b = arg;
    if (b->skip) {
        b->skip--;
        return;
    }
    if (b->n == CHART_BARS_MAX)
        return;
    b->labels[b->n] = xstrdup(t->key);
    money_format(t->total_pence, true, b->texts[b->n]);
    b->values[b->n] = (double)t->total_pence / 100.0;
    b->n++;
}

static void count_row(void *arg, const struct spend_total *t)
{
    (void)t;
    ++*(size_t *)arg;
}

/* What a screen reader hears: every bar's label and amount, as drawn,
 * then the largest. */
static void describe(struct buf *d, const struct bars *b, const char *what)
{
    size_t top = 0;
    buf_printf(d, "%s: ", what);
    for (size_t i = 0; i < b->n; i++) {
        buf_printf(d, "%s%s %s", i ? "; " : "", b->labels[i], b->texts[i]);
        top = b->values[i] > b->values[top] ? i : top;
    }
    buf_printf(d, ". The largest: %s, %s.", b->labels[top], b->texts[top]);
}

static void figure(struct buf *out, const struct bars *b, const char *title, const char *what,
                   const char *caption)
{
    struct buf svg = BUF_INIT, err = BUF_INIT, desc = BUF_INIT;
    describe(&desc, b, what);
    const char *labels[CHART_BARS_MAX], *texts[CHART_BARS_MAX];
    for (size_t i = 0; i < b->n; i++) {
        labels[i] = b->labels[i];
        texts[i] = b->texts[i];
    }
    struct chart_bars c = {title, buf_str(&desc), b->n, labels, b->values, texts};
    buf_puts(out, "<figure class=\"chart\">\n");
    if (chart_bars_svg(&c, &svg, &err) == 0)
        web_svg_presentation(buf_str(&svg), out);
    else
        html_printf(out, "(The chart could not be drawn: %s.)", buf_str(&err));
    buf_puts(out, "\n<figcaption>");
    html_escape(out, caption);
    buf_puts(out, "</figcaption>\n</figure>\n");
    buf_free(&svg);
    buf_free(&err);
    buf_free(&desc);
}

static void bars_free(struct bars *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->labels[i]);
}

int spend_chart(struct buf *out, struct store *s, enum spend_group g, struct buf *err)
{
    struct spend_filter f;
    spend_filter_default(&f);
    struct bars b = {0};
    size_t rows = 0;
    /* months oldest first: the latest CHART_BARS_MAX of them */
    int rc = g == SPEND_BY_MONTH ? store_spend_totals(s, &f, g, count_row, &rows, err) : 0;
    b.skip = rows > CHART_BARS_MAX ? rows - CHART_BARS_MAX : 0;
    if (rc == 0)
        rc = store_spend_totals(s, &f, g, keep_bar, &b, err);
    if (g != SPEND_BY_MONTH && b.n > SUPPLIERS_CHARTED) {
        for (size_t i = SUPPLIERS_CHARTED; i < b.n; i++)
            free(b.labels[i]);
        b.n = SUPPLIERS_CHARTED;
    }
    if (rc == 0 && b.n && g == SPEND_BY_MONTH)
        figure(out, &b, "Spend by month", "Spend by month, oldest first",
               "Each bar is a month's total spend, oldest first; the same totals are in the "
               "table below.");
    else if (rc == 0 && b.n)
        figure(out, &b, "The largest suppliers", "The largest suppliers by total spend",
               "Each bar is a supplier's total spend, largest first: the first rows of the "
               "table below, which lists every supplier.");
    bars_free(&b);
    return rc;
}
