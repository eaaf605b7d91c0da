/*
 * governance_metric.c - the governance report's body: one section per
 * mission and delivery strategy, each metric with its chart and facts, and
 * the appendix of data tables behind the charts (see governance_internal.h).
 *
 * A metric's section answers the Board's questions in the order they are
 * asked: where is it now, is the change real, is the target met, how do we
 * know, where does the figure come from and how old is it.
 */
#include "assess/metric_text.h"
#include "assess/metric_xmr.h"
#include "render/report_html.h"
#include "report/governance_internal.h"
#include "util/html.h"
#include "util/month.h"
#include "util/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- a metric's facts --------------------------------------------------- */

void gv_latest_words(const struct metric_status *st, struct buf *out)
{
    char period[PERIOD_TEXT_SIZE];
    period_format(st->kind, st->latest_month, period);
    if (isnan(st->latest))
        buf_puts(out, "no value");
    else
        metric_value_text(st->metric, st->latest, out);
    buf_printf(out, " in %s", period);
    if (!isnan(st->previous)) {
        buf_puts(out, "; the period before: ");
        metric_value_text(st->metric, st->previous, out);
    }
    static const char *const better[] = {[POLARITY_HIGHER_BETTER] = "higher is better",
                                         [POLARITY_LOWER_BETTER] = "lower is better",
                                         [POLARITY_NEUTRAL] = "neither way is better"};
    buf_printf(out, " (%s)", better[st->metric->polarity]);
}

static void fact_latest(struct report *r, const struct metric_status *st)
{
    struct buf words = BUF_INIT;
    gv_latest_words(st, &words);
    gv_text(r, "<dt>Latest</dt><dd>", buf_str(&words), "</dd>\n");
    buf_free(&words);
}

void gv_target_text(const struct metric_status *st, struct buf *out)
{
    char target[96];
    metric_target_describe(&st->metric->target, target, sizeof target);
    if (st->metric->target.kind == TARGET_NONE) {
        buf_puts(out, "none set in the plan");
        return;
    }
    buf_puts(out, st->metric->target.text ? st->metric->target.text : target);
    if (st->metric->target.text)
        buf_printf(out, " (%s)", target);
}

static void fact_target(struct report *r, const struct metric_status *st)
{
    struct buf words = BUF_INIT;
    gv_target_text(st, &words);
    gv_text(r, "<dt>Target</dt><dd>", buf_str(&words), "");
    buf_free(&words);
    if (st->metric->target.kind != TARGET_NONE && st->has_target) {
        gv_raw(r, ": ");
        gv_target_icon(r, st);
        gv_text(r, "<br>", st->target_sentence, "");
    }
    gv_raw(r, "</dd>\n");
}

/* Where a group of the chart starts with new limits: the plan's first month. */
static void rebase_words(const struct metric_view *v, struct buf *out)
{
    const struct spc_result *spc = &v->spc;
    size_t last = spc->points[spc->n - 1].group, i = spc->n - 1;
    if (last == 0)
        return;
    while (i > 0 && spc->points[i - 1].group == last)
        i--;
    char period[PERIOD_TEXT_SIZE];
    period_format(v->ser.kind, metric_series_period(&v->ser, i), period);
    buf_printf(out,
               " New mean and limits from %s, the plan's first period: a new plan is a new "
               "process.",
               period);
}

void gv_method_words(const struct metric_view *v, struct buf *out)
{
    const struct metric_status *st = v->st;
    if (!v->charted) {
        buf_printf(out, "Not charted: %s.", st->note[0] ? st->note : "too few values");
        return;
    }
    const struct chart_options *c = &st->metric->charts;
    buf_printf(out,
               "XmR chart of the %s values, NHS Making Data Count rules: process limits at the "
               "mean plus or minus 2.66 times the mean moving range; special cause is a point "
               "beyond a limit, a trend of %d, two of three beyond 2 sigma, or a run of %d on one "
               "side of the mean.",
               metric_frequency_name(st->metric->frequency), c->trend_length ? c->trend_length : 7,
               c->run_length ? c->run_length : 7);
    if (!c->rebase_set) /* else the options say where the limits start */
        rebase_words(v, out);
    if (st->options[0])
        buf_printf(out, " %s", st->options);
    if (st->limits_note[0])
        buf_printf(out, " %s", st->limits_note);
    if (st->trial_limits)
        buf_puts(out, " Trial limits: fewer than 12 points so far.");
    if (st->missing)
        buf_printf(out, " %zu period%s without data %s gaps.", st->missing,
                   st->missing == 1 ? "" : "s", st->missing == 1 ? "is a" : "are");
    if (st->has_target)
        buf_puts(out, " The target is judged allowing for chance (95% intervals).");
}

static void fact_method(struct report *r, const struct metric_view *v)
{
    struct buf words = BUF_INIT;
    gv_method_words(v, &words);
    gv_text(r, "<dt>Method</dt><dd>", buf_str(&words), "");
    gv_raw(r, " <a href=\"#method-xmr\">How to read the chart</a></dd>\n");
    buf_free(&words);
}

static void definition_words(const struct report *r, const struct plan_metric *m, struct buf *out)
{
    const struct metric_definition *d = &m->def;
    if (d->measure == MEASURE_PUBLISHED_MTFS) {
        buf_puts(out, "Peel's budget register: whether each financial year's medium-term financial"
                      " strategy was published by the year's end");
        return;
    }
    if (d->measure == MEASURE_HOME_OFFICE_OFFENCES) {
        buf_printf(out,
                   "Home Office police recorded crime tables for %s: ", force_words(r->p->force));
        for (size_t i = 0; i < d->noffence_groups; i++)
            buf_printf(out, "%s%s", i ? ", " : "", d->offence_groups[i]);
        buf_puts(out, d->noffence_groups ? " offences" : "all offences");
        return;
    }
    buf_printf(out, "data.police.uk street-level crime recorded by %s: ", force_words(r->p->force));
    if (d->measure == MEASURE_POSITIVE_OUTCOMES)
        buf_puts(out, "positive outcomes of ");
    else if (d->measure == MEASURE_POSITIVE_RATE)
        buf_puts(out, "the positive outcome rate of ");
    for (size_t i = 0; i < d->ncrime_types; i++)
        buf_printf(out, "%s%s", i ? ", " : "", d->crime_types[i]);
    if (d->ncrime_types == 0)
        buf_puts(out, "all crime (not anti-social behaviour)");
    if (d->area_key) {
        buf_puts(out, ", in ");
        area_words(d->area_key, d->area_value, out);
    }
}

void gv_source_words(const struct report *r, const struct metric_view *v, struct buf *out)
{
    const struct plan_metric *m = v->st->metric;
    metric_source_text(m, out);
    buf_puts(out, ". ");
    if (!m->loaded)
        definition_words(r, m, out);
    else if (v->provenance.len)
        buf_printf(out, "The latest from %s, loaded %s", buf_str(&v->provenance), v->loaded_at);
    else
        buf_puts(out, "None loaded yet");
    if (v->st->has_data) {
        char first[PERIOD_TEXT_SIZE], latest[PERIOD_TEXT_SIZE];
        period_format(v->st->kind, v->st->first_month, first);
        period_format(v->st->kind, v->st->latest_month, latest);
        buf_printf(out, "; %s from %s to %s", metric_frequency_name(m->frequency), first, latest);
    }
}

static void fact_source(struct report *r, const struct metric_view *v)
{
    struct buf words = BUF_INIT;
    gv_source_words(r, v, &words);
    gv_text(r, "<dt>Source</dt><dd>", buf_str(&words), ".</dd>\n");
    buf_free(&words);
}

void gv_freshness_words(const struct report *r, const struct metric_status *st, struct buf *out)
{
    char fresh[48], month[MONTH_TEXT_SIZE];
    month_format(r->info->period, month);
    buf_printf(out, "%s at %s; a %s metric is stale after %d months",
               metric_freshness_text(st, fresh, sizeof fresh), month,
               metric_frequency_name(st->metric->frequency),
               metric_allowed_age(st->metric->frequency));
    if (st->held_back)
        buf_printf(out, "; the latest %d month%s of outcomes, still settling, not judged",
                   st->held_back, st->held_back == 1 ? "" : "s");
}

static void fact_freshness(struct report *r, const struct metric_status *st)
{
    struct buf words = BUF_INIT;
    gv_freshness_words(r, st, &words);
    gv_text(r, "<dt>Freshness</dt><dd>", buf_str(&words), "");
    gv_raw(r, ". <a href=\"#method-freshness\">Freshness</a></dd>\n");
    buf_free(&words);
}

/* ---- a metric's section ------------------------------------------------- */

static int put_chart(struct report *r, const struct metric_view *v, struct buf *err)
{
    struct metric_xmr x;
    metric_xmr_init(&x, v->st->metric, &v->ser, v->st, &v->spc);
    gv_raw(r, "<figure>\n");
    int rc = chart_xmr_svg(&x.chart, r->out, err);
    gv_text(r, "<figcaption>XmR chart: ", buf_str(&x.title), ". ");
    buf_printf(r->out, "Every value charted is in <a href=\"#data-%s\">table A.%d</a>.",
               v->anchor + sizeof "metric-" - 1, v->table);
    gv_raw(r, "</figcaption>\n</figure>\n");
    metric_xmr_free(&x);
    return rc;
}

static void put_icons(struct report *r, const struct metric_status *st)
{
    gv_raw(r, "<p class=\"icons\"><span class=\"pair\">Variation: ");
    gv_variation_icon(r, st);
    gv_raw(r, "</span> <span class=\"pair\">Assurance: ");
    gv_assurance_icon(r, st);
    gv_raw(r, "</span> <span class=\"pair\">Target: ");
    gv_target_icon(r, st);
    gv_raw(r, "</span></p>\n");
}

static int put_metric(struct report *r, const struct metric_view *v, struct buf *err)
{
    const struct metric_status *st = v->st;
    buf_printf(r->out, "<article class=\"metric\" id=\"%s\" aria-labelledby=\"%s-h\" ", v->anchor,
               v->anchor);
    gv_text(r, "data-metric=\"", st->metric->id, "\">\n");
    buf_printf(r->out, "<h4 id=\"%s-h\">", v->anchor);
    gv_text(r, "", st->metric->title, "</h4>\n");
    int rc = 0;
    if (!st->has_data) {
        gv_text(r, "<p class=\"nodata\">No data: ", st->note, ".</p>\n<dl class=\"facts\">\n");
    } else {
        struct buf sentence = BUF_INIT;
        metric_sentence(st, &sentence);
        put_icons(r, st);
        gv_text(r, "<p class=\"sentence\">", buf_str(&sentence), "</p>\n");
        buf_free(&sentence);
        if (v->charted)
            rc = put_chart(r, v, err);
        gv_raw(r, "<dl class=\"facts\">\n");
        fact_latest(r, st);
    }
    fact_target(r, st);
    if (st->has_data)
        fact_method(r, v);
    fact_source(r, v);
    if (st->has_data)
        fact_freshness(r, st);
    gv_raw(r, "</dl>\n</article>\n");
    return rc;
}

static int put_strategy(struct report *r, size_t a, size_t b, size_t *k, struct buf *err)
{
    const struct plan_strategy *sg = &r->p->missions[a].strategies[b];
    buf_printf(r->out,
               "<section class=\"strategy\" id=\"strategy-%zu-%zu\" "
               "aria-labelledby=\"strategy-%zu-%zu-h\">\n<h3 id=\"strategy-%zu-%zu-h\">",
               a + 1, b + 1, a + 1, b + 1, a + 1, b + 1);
    gv_text(r, "", sg->title, "</h3>\n<dl class=\"facts statements\">\n");
    gv_text(r, "<dt>What I am aiming to do</dt><dd>", sg->success ? sg->success : "", "</dd>\n");
    gv_text(r, "<dt>What I will deliver</dt><dd>", sg->delivery ? sg->delivery : "", "</dd>\n");
    gv_text(r, "<dt>How we will know it is working</dt><dd>", sg->measure ? sg->measure : "",
            "</dd>\n</dl>\n");
    if (sg->nmetrics == 0)
        gv_raw(r, "<p class=\"nodata\">The plan names no headline metric for this delivery "
                  "strategy.</p>\n");
    int rc = 0;
    for (size_t c = 0; c < sg->nmetrics && rc == 0; c++)
        rc = put_metric(r, &r->views[(*k)++], err);
    gv_raw(r, "</section>\n");
    return rc;
}

static int put_mission(struct report *r, size_t a, size_t *k, struct buf *err)
{
    const struct plan_mission *mi = &r->p->missions[a];
    buf_printf(r->out,
               "<section class=\"mission\" id=\"mission-%zu\" aria-labelledby=\"mission-%zu-h\">\n"
               "<h2 id=\"mission-%zu-h\">",
               a + 1, a + 1, a + 1);
    html_printf(r->out, "Mission %zu: %s", a + 1, mi->title);
    gv_raw(r, "</h2>\n");
    if (mi->summary && *mi->summary)
        gv_text(r, "<p class=\"statement\">", mi->summary, "</p>\n");
    int rc = 0;
    for (size_t b = 0; b < mi->nstrategies && rc == 0; b++)
        rc = put_strategy(r, a, b, k, err);
    gv_raw(r, "</section>\n");
    return rc;
}

int gv_missions(struct report *r, struct buf *err)
{
    size_t k = 0;
    int rc = 0;
    for (size_t a = 0; a < r->p->nmissions && rc == 0; a++)
        rc = put_mission(r, a, &k, err);
    return rc;
}

/* ---- appendix A: the data tables ---------------------------------------- */

/* A figure of the chart in the metric's unit; yes/no metrics' means and
 * limits are fractions, not answers. */
static void stat_cell(struct table *t, size_t row, size_t col, const struct plan_metric *m,
                      double v)
{
    struct buf text = BUF_INIT;
    metric_stat_text(m, v, &text);
    if (text.len)
        table_set_text(t, row, col, buf_str(&text));
    buf_free(&text);
}

static void count_cell(struct table *t, size_t row, size_t col, double v)
{
    struct buf text = BUF_INIT;
    if (!isnan(v))
        buf_put_number(&text, v, 0);
    if (text.len)
        table_set_text(t, row, col, buf_str(&text));
    buf_free(&text);
}

static bool has_parts(const struct metric_series *ser)
{
    for (size_t i = 0; i < ser->n; i++)
        if (!isnan(ser->denominator[i]))
            return true;
    return false;
}

static void point_words(const struct metric_view *v, size_t i, struct buf *out)
{
    const struct spc_point *pt = &v->spc.points[i];
    if (pt->missing) {
        buf_puts(out, "gap: no data");
        return;
    }
    buf_puts(out, spc_point_type_name(pt->type));
    if (pt->rule != SPC_RULE_NONE)
        buf_printf(out, "; %s", spc_rule_name(pt->rule));
    if (i > 0 && pt->group != v->spc.points[i - 1].group)
        buf_puts(out, "; new limits from here");
}

static void data_row(struct table *t, const struct metric_view *v, size_t i, bool parts)
{
    const struct plan_metric *m = v->st->metric;
    char period[PERIOD_TEXT_SIZE];
    period_format(v->ser.kind, metric_series_period(&v->ser, i), period);
    size_t row = table_add_row(t), col = 0;
    table_set_text(t, row, col++, period);
    stat_cell(t, row, col++, m, v->ser.missing[i] ? NAN : v->ser.values[i]);
    if (parts) {
        count_cell(t, row, col++, v->ser.numerator[i]);
        count_cell(t, row, col++, v->ser.denominator[i]);
    }
    if (v->charted) {
        const struct spc_point *pt = &v->spc.points[i];
        const double stats[] = {pt->mean, pt->lpl, pt->upl, pt->lower_2s, pt->upper_2s};
        for (size_t k = 0; k < sizeof stats / sizeof stats[0]; k++)
            stat_cell(t, row, col++, m, stats[k]);
        struct buf words = BUF_INIT;
        point_words(v, i, &words);
        table_set_text(t, row, col, buf_str(&words));
        buf_free(&words);
    }
}

/* The columns: a key, the heading the reader sees, right-aligned or not. */
static const struct {
    const char *key, *heading;
    bool right;
} data_columns[] = {{"period", "Period", false},
                    {"value", "Value", true},
                    {"numerator", "Numerator", true},
                    {"denominator", "Denominator", true},
                    {"mean", "Mean", true},
                    {"lower_process_limit", "Lower process limit", true},
                    {"upper_process_limit", "Upper process limit", true},
                    {"lower_2_sigma", "Lower 2-sigma line", true},
                    {"upper_2_sigma", "Upper 2-sigma line", true},
                    {"point", "Point (type; rule)", false}};

#define DATA_COLUMNS (sizeof data_columns / sizeof data_columns[0])

void gv_data_table(const struct metric_view *v, struct table *t, const char **headings)
{
    bool parts = has_parts(&v->ser);
    const char *keys[DATA_COLUMNS];
    bool right[DATA_COLUMNS];
    size_t n = 0;
    for (size_t c = 0; c < DATA_COLUMNS; c++) {
        bool is_part = c == 2 || c == 3, is_chart = c >= 4;
        if ((is_part && !parts) || (is_chart && !v->charted))
            continue;
        keys[n] = data_columns[c].key;
        headings[n] = data_columns[c].heading;
        right[n++] = data_columns[c].right;
    }
    table_init(t, n, keys);
    memcpy(t->right, right, n * sizeof *right);
    for (size_t i = 0; i < v->ser.n; i++)
        data_row(t, v, i, parts);
}

void gv_data_caption(const struct metric_view *v, struct buf *out)
{
    struct buf ylab = BUF_INIT;
    metric_y_label(v->st->metric, v->ser.kind, &ylab);
    buf_printf(out, "Table A.%d: %s, %s (%s)", v->table, v->st->metric->title,
               metric_frequency_name(v->st->metric->frequency), buf_str(&ylab));
    buf_free(&ylab);
}

static void data_head(struct report *r, const struct table *t, const char *const *headings)
{
    gv_raw(r, "<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++)
        gv_text(r, t->right[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">",
                headings[c], "</th>");
    gv_raw(r, "</tr></thead>\n");
}

static void data_body(struct report *r, const struct table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const struct cell *cell = table_cell(t, i, c);
            const char *text = cell->type == CELL_TEXT ? cell->text : "";
            if (c == 0)
                gv_text(r, "<tr><th scope=\"row\">", text, "</th>");
            else
                gv_text(r, t->right[c] ? "<td class=\"num\">" : "<td>", text, "</td>");
        }
        gv_raw(r, "</tr>\n");
    }
}

static void put_data_table(struct report *r, const struct metric_view *v)
{
    const char *id = v->anchor + sizeof "metric-" - 1;
    struct table t;
    const char *headings[DATA_COLUMNS];
    gv_data_table(v, &t, headings);
    struct buf caption = BUF_INIT;
    gv_data_caption(v, &caption);
    buf_printf(r->out,
               "<div class=\"scroll\" role=\"region\" aria-labelledby=\"data-%s-caption\" "
               "tabindex=\"0\" id=\"data-%s\">\n",
               id, id);
    gv_text(r, "<table class=\"data\" data-metric=\"", v->st->metric->id, "\">\n");
    buf_printf(r->out, "<caption id=\"data-%s-caption\">", id);
    html_escape(r->out, buf_str(&caption));
    buf_printf(r->out, " <a href=\"#%s\">back to the metric</a></caption>\n", v->anchor);
    data_head(r, &t, headings);
    gv_raw(r, "<tbody>\n");
    data_body(r, &t);
    gv_raw(r, "</tbody>\n</table>\n</div>\n");
    buf_free(&caption);
    table_free(&t);
}

void gv_appendix(struct report *r)
{
    gv_raw(r, "<section id=\"appendix\" aria-labelledby=\"appendix-h\">\n"
              "<h2 id=\"appendix-h\">Appendix A: data tables</h2>\n"
              "<p>Every metric with data, period by period: the value and, for a charted "
              "metric, the mean, process limits and 2-sigma lines of its XmR chart and what "
              "the rules say of each point. These are the numbers the charts draw.</p>\n");
    size_t tables = 0;
    for (size_t i = 0; i < r->statuses.n; i++)
        if (r->views[i].table) {
            put_data_table(r, &r->views[i]);
            tables++;
        }
    if (tables == 0)
        gv_raw(r, "<p class=\"nodata\">No metric has data for this period.</p>\n");
    gv_raw(r, "</section>\n");
}
