/*
 * chart_options.c - a metric's chart options, checked, merged and told in
 * words (see chart_options.h).
 */
#include "model/chart_options.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdlib.h>
#include <string.h>

const char *const chart_funnel_words[] = {"spiegelhalter", "phe", NULL};

static bool length_ok(int n)
{
    return n == 0 || (n >= 6 && n <= 8);
}

const char *chart_options_check(const struct chart_options *o)
{
    if (o->screen < -1 || o->screen > 1)
        return "outlier screening is on or off";
    if (o->baseline != 0 && o->baseline < 12)
        return "a fixed baseline needs at least 12 points";
    if (!length_ok(o->run_length))
        return "the run length must be 6, 7 or 8";
    if (!length_ok(o->trend_length))
        return "the trend length must be 6, 7 or 8";
    if (o->min_points != 0 && o->min_points < 2)
        return "a chart needs at least 2 points";
    for (size_t i = 1; i < o->nrebase; i++)
        if (o->rebase[i] <= o->rebase[i - 1])
            return "rebase months must be ascending, each once";
    return NULL;
}

void chart_options_copy(struct chart_options *to, const struct chart_options *from)
{
    *to = *from;
    to->rebase = NULL;
    if (from->nrebase) {
        to->rebase = xmalloc(from->nrebase * sizeof *to->rebase);
        memcpy(to->rebase, from->rebase, from->nrebase * sizeof *to->rebase);
    }
}

void chart_options_override(struct chart_options *to, const struct chart_options *by)
{
    if (by->screen)
        to->screen = by->screen;
    if (by->baseline)
        to->baseline = by->baseline;
    if (by->run_length)
        to->run_length = by->run_length;
    if (by->trend_length)
        to->trend_length = by->trend_length;
    if (by->min_points)
        to->min_points = by->min_points;
    if (by->funnel)
        to->funnel = by->funnel;
    if (by->rebase_set) {
        free(to->rebase);
        struct chart_options months;
        chart_options_copy(&months, by);
        to->rebase_set = true;
        to->rebase = months.rebase;
        to->nrebase = months.nrebase;
    }
}

void chart_options_free(struct chart_options *o)
{
    free(o->rebase);
    *o = (struct chart_options){0};
}

bool chart_options_spc_chosen(const struct chart_options *o)
{
    return o->screen || o->baseline || o->rebase_set || o->run_length || o->trend_length ||
           o->min_points;
}

static void months_text(const struct chart_options *o, struct buf *out)
{
    char text[MONTH_TEXT_SIZE];
    for (size_t i = 0; i < o->nrebase; i++) {
        month_format(o->rebase[i], text);
        buf_printf(out, "%s%s", i == 0 ? "" : i + 1 == o->nrebase ? " and " : ", ", text);
    }
}

void chart_options_describe(const struct chart_options *o, struct buf *out)
{
    size_t from = out->len;
#define SEP (out->len > from ? "; " : "")
    if (o->screen)
        buf_printf(out, "%s%s", SEP, o->screen < 0 ? "no outlier screening" : "outliers screened");
    if (o->baseline)
        buf_printf(out, "%slimits from the first %d points", SEP, o->baseline);
    if (o->rebase_set && o->nrebase == 0)
        buf_printf(out, "%sno rebase", SEP);
    else if (o->rebase_set) {
        buf_printf(out, "%snew limits from ", SEP);
        months_text(o, out);
    }
    if (o->run_length)
        buf_printf(out, "%sruns of %d", SEP, o->run_length);
    if (o->trend_length)
        buf_printf(out, "%strends of %d", SEP, o->trend_length);
    if (o->min_points)
        buf_printf(out, "%sjudged from %d points", SEP, o->min_points);
#undef SEP
}
