/*
 * governance_metric.c - the governance report's body: one section per
 * mission and delivery strategy, each metric with its chart and facts, and
 * the appendix of data tables behind the charts (see governance_internal.h).
 *
 * A metric's section answers the Board's questions in the order they are
 * asked: where is it now, is the change real, is the target met, how do we
 * know, where does the figure come from and how old is it.
 */
#include "report/governance_internal.h"
#include "report/report_html.h"
#include "report/metric_xmr.h"
#include "util/html.h"
#include "util/month.h"
#include "util/numfmt.h"

#include <math.h>
#include <stdio.h>

/* ---- a metric's facts --------------------------------------------------- */

static void fact_latest(struct report *r, const struct metric_status *st)
{
    char period[PERIOD_TEXT_SIZE];
    period_format(st->kind, st->latest_month, period);
    gv_raw(r, "<dt>Latest</dt><dd>");
    if (isnan(st->latest))
        gv_raw(r, "no value");
    else
        gv_value(r, st->metric, st->latest);
    gv_text(r, " in ", period, "");
    if (!isnan(st->previous)) {
        gv_raw(r, "; the period before: ");
        gv_value(r, st->metric, st->previous);
    }
    static const char *const better[] = {[POLARITY_HIGHER_BETTER] = "higher is better",
                                         [POLARITY_LOWER_BETTER] = "lower is better",
                                         [POLARITY_NEUTRAL] = "neither way is better"};
    gv_text(r, " (", better[st->metric->polarity], ")</dd>\n");
}

static void fact_target(struct report *r, const struct metric_status *st)
{
    char target[96];
    metric_target_describe(&st->metric->target, target, sizeof target);
    gv_raw(r, "<dt>Target</dt><dd>");
    if (st->metric->target.kind == TARGET_NONE) {
        gv_raw(r, "none set in the plan</dd>\n");
        return;
    }
    gv_text(r, "", st->metric->target.text ? st->metric->target.text : target, "");
    if (st->metric->target.text)
        gv_text(r, " (", target, ")");
    if (st->has_target) {
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

static void method_words(const struct metric_view *v, struct buf *out)
{
    const struct metric_status *st = v->st;
    if (!v->charted) {
        buf_printf(out, "Not charted: %s.", st->note[0] ? st->note : "too few values");
        return;
    }
    buf_printf(out,
               "XmR chart of the %s values, NHS Making Data Count rules: process limits at the "
               "mean plus or minus 2.66 times the mean moving range; special cause is a point "
               "beyond a limit, a trend of 7, two of three beyond 2 sigma, or a run of 7 on one "
               "side of the mean.",
               metric_frequency_name(st->metric->frequency));
    rebase_words(v, out);
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
    method_words(v, &words);
    gv_text(r, "<dt>Method</dt><dd>", buf_str(&words), "");
    gv_raw(r, " <a href=\"#method-xmr\">How to read the chart</a></dd>\n");
    buf_free(&words);
}

static void definition_words(const struct report *r, const struct plan_metric *m, struct buf *out)
{
    const struct metric_definition *d = &m->def;
    if (d->measure == MEASURE_HOME_OFFICE_OFFENCES) {
        buf_printf(out, "Home Office police recorded crime tables for %s: ", r->p->force);
        for (size_t i = 0; i < d->noffence_groups; i++)
            buf_printf(out, "%s%s", i ? ", " : "", d->offence_groups[i]);
        buf_puts(out, d->noffence_groups ? " offences" : "all offences");
        return;
    }
    buf_printf(out, "data.police.uk street-level crime recorded by %s: ", r->p->force);
    if (d->measure == MEASURE_POSITIVE_OUTCOMES)
        buf_puts(out, "positive outcomes of ");
    else if (d->measure == MEASURE_POSITIVE_RATE)
        buf_puts(out, "the positive outcome rate of ");
    for (size_t i = 0; i < d->ncrime_types; i++)
        buf_printf(out, "%s%s", i ? ", " : "", d->crime_types[i]);
    if (d->ncrime_types == 0)
        buf_puts(out, "all crime (not anti-social behaviour)");
    if (d->area_key)
        buf_printf(out, ", in %s = %s", d->area_key, d->area_value ? d->area_value : "");
}

static void fact_source(struct report *r, const struct metric_view *v)
{
    const struct plan_metric *m = v->st->metric;
    struct buf words = BUF_INIT;
    buf_printf(&words, "%s. ", report_source_label(m->source));
    if (!m->loaded)
        definition_words(r, m, &words);
    else if (v->provenance.len)
        buf_printf(&words, "Values loaded with peel metric load; the latest from %s, loaded %s",
                   buf_str(&v->provenance), v->loaded_at);
    else
        buf_puts(&words, "Values loaded with peel metric load");
    if (v->st->has_data) {
        char first[PERIOD_TEXT_SIZE], latest[PERIOD_TEXT_SIZE];
        period_format(v->st->kind, v->st->first_month, first);
        period_format(v->st->kind, v->st->latest_month, latest);
        buf_printf(&words, "; %s from %s to %s", metric_frequency_name(m->frequency), first,
                   latest);
    }
    gv_text(r, "<dt>Source</dt><dd>", buf_str(&words), ".</dd>\n");
    buf_free(&words);
}

static void fact_freshness(struct report *r, const struct metric_status *st)
{
    char fresh[48], month[MONTH_TEXT_SIZE];
    month_format(r->info->period, month);
    gv_raw(r, "<dt>Freshness</dt><dd>");
    html_printf(r->out, "%s at %s; a %s metric is stale after %d months",
                metric_freshness_text(st, fresh, sizeof fresh), month,
                metric_frequency_name(st->metric->frequency),
                metric_allowed_age(st->metric->frequency));
    if (st->held_back)
        html_printf(r->out, "; the latest %d month%s of outcomes, still settling, not judged",
                    st->held_back, st->held_back == 1 ? "" : "s");
    gv_raw(r, ". <a href=\"#method-freshness\">Freshness</a></dd>\n");
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
static void stat_cell(struct report *r, const struct plan_metric *m, double v)
{
    gv_raw(r, "<td class=\"num\">");
    if (isnan(v))
        ;
    else if (m->unit == UNIT_YES_NO)
        html_printf(r->out, "%.2f", v);
    else
        gv_value(r, m, v);
    gv_raw(r, "</td>");
}

static void count_cell(struct report *r, double v)
{
    gv_raw(r, "<td class=\"num\">");
    struct buf text = BUF_INIT;
    if (!isnan(v))
        buf_put_number(&text, v, 0);
    html_escape(r->out, buf_str(&text));
    buf_free(&text);
    gv_raw(r, "</td>");
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

static void data_row(struct report *r, const struct metric_view *v, size_t i, bool parts)
{
    const struct plan_metric *m = v->st->metric;
    char period[PERIOD_TEXT_SIZE];
    period_format(v->ser.kind, metric_series_period(&v->ser, i), period);
    gv_text(r, "<tr><th scope=\"row\">", period, "</th>");
    stat_cell(r, m, v->ser.missing[i] ? NAN : v->ser.values[i]);
    if (parts) {
        count_cell(r, v->ser.numerator[i]);
        count_cell(r, v->ser.denominator[i]);
    }
    if (v->charted) {
        const struct spc_point *pt = &v->spc.points[i];
        stat_cell(r, m, pt->mean);
        stat_cell(r, m, pt->lpl);
        stat_cell(r, m, pt->upl);
        stat_cell(r, m, pt->lower_2s);
        stat_cell(r, m, pt->upper_2s);
        struct buf words = BUF_INIT;
        point_words(v, i, &words);
        gv_text(r, "<td>", buf_str(&words), "</td>");
        buf_free(&words);
    }
    gv_raw(r, "</tr>\n");
}

static void data_head(struct report *r, const struct metric_view *v, bool parts)
{
    gv_raw(r, "<thead><tr><th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Value</th>");
    if (parts)
        gv_raw(r, "<th scope=\"col\" class=\"num\">Numerator</th>"
                  "<th scope=\"col\" class=\"num\">Denominator</th>");
    if (v->charted)
        gv_raw(r, "<th scope=\"col\" class=\"num\">Mean</th>"
                  "<th scope=\"col\" class=\"num\">Lower process limit</th>"
                  "<th scope=\"col\" class=\"num\">Upper process limit</th>"
                  "<th scope=\"col\" class=\"num\">Lower 2-sigma line</th>"
                  "<th scope=\"col\" class=\"num\">Upper 2-sigma line</th>"
                  "<th scope=\"col\">Point (type; rule)</th>");
    gv_raw(r, "</tr></thead>\n");
}

static void put_data_table(struct report *r, const struct metric_view *v)
{
    const char *id = v->anchor + sizeof "metric-" - 1;
    bool parts = has_parts(&v->ser);
    struct buf ylab = BUF_INIT;
    metric_y_label(v->st->metric, v->ser.kind, &ylab);
    buf_printf(r->out,
               "<div class=\"scroll\" role=\"region\" aria-labelledby=\"data-%s-caption\" "
               "tabindex=\"0\" id=\"data-%s\">\n",
               id, id);
    gv_text(r, "<table class=\"data\" data-metric=\"", v->st->metric->id, "\">\n");
    buf_printf(r->out, "<caption id=\"data-%s-caption\">Table A.%d: ", id, v->table);
    html_printf(r->out, "%s, %s (%s)", v->st->metric->title,
                metric_frequency_name(v->st->metric->frequency), buf_str(&ylab));
    buf_printf(r->out, " <a href=\"#%s\">back to the metric</a></caption>\n", v->anchor);
    data_head(r, v, parts);
    gv_raw(r, "<tbody>\n");
    for (size_t i = 0; i < v->ser.n; i++)
        data_row(r, v, i, parts);
    gv_raw(r, "</tbody>\n</table>\n</div>\n");
    buf_free(&ylab);
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
