/*
 * page_metric.c - a metric's page: its chart, latest value, the sentence
 * saying what changed and whether it is real, target, method, source,
 * freshness and the table of its values; the same table at .csv and .json.
 *
 * The page, the CSV and the JSON are rendered from one struct table, so the
 * three cannot disagree.
 */
#include "assess/metric_text.h"
#include "assess/metric_xmr.h"
#include "model/victims_code.h"
#include "render/chart.h"
#include "render/svg.h"
#include "util/html.h"
#include "util/mem.h"
#include "web/page.h"
#include "web/pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every point of the chart, as docs/web.md lists the columns: what a reader
 * needs to redraw it (the 2-sigma lines, the rebase group), to see why a
 * point is special (its type and the rule that fired), and, at the plan's
 * first period, why no new group starts there when none does. */
enum {
    C_PERIOD,
    C_VALUE,
    C_MEAN,
    C_LPL,
    C_UPL,
    C_LOWER_2S,
    C_UPPER_2S,
    C_VARIATION,
    C_RULE,
    C_GROUP,
    C_LIMITS_NOTE,
    NCOLS
};

static const char *const columns[NCOLS] = {"period",
                                           "value",
                                           "mean",
                                           "lower_process_limit",
                                           "upper_process_limit",
                                           "lower_2_sigma",
                                           "upper_2_sigma",
                                           "variation",
                                           "rule",
                                           "rebase_group",
                                           "limits_note"};
const char *const pages_series_headings[NCOLS] = {"Period",
                                                  "Value",
                                                  "Mean",
                                                  "Lower process limit",
                                                  "Upper process limit",
                                                  "Lower 2-sigma line",
                                                  "Upper 2-sigma line",
                                                  "Variation",
                                                  "Rule",
                                                  "Rebase group",
                                                  "Note on the limits"};

/* Everything the page is made from, read once. */
struct metric_page {
    const struct plan_metric *m;
    const struct plan_strategy *sg;
    struct metric_status st;
    struct metric_series ser;
    struct spc_result spc;
    bool charted;
    struct table t;
};

static void table_row(struct table *t, const struct plan_metric *m, const struct metric_series *ser,
                      const struct spc_result *spc, size_t i)
{
    size_t row = table_add_row(t);
    char period[PERIOD_TEXT_SIZE];
    period_format(ser->kind, metric_series_period(ser, i), period);
    table_set_text(t, row, C_PERIOD, period);
    if (!ser->missing[i])
        metric_value_cell(t, row, C_VALUE, m, ser->values[i]);
    if (!spc)
        return;
    const struct spc_point *pt = &spc->points[i];
    metric_stat_cell(t, row, C_MEAN, m, pt->mean);
    metric_stat_cell(t, row, C_LPL, m, pt->lpl);
    metric_stat_cell(t, row, C_UPL, m, pt->upl);
    metric_stat_cell(t, row, C_LOWER_2S, m, pt->lower_2s);
    metric_stat_cell(t, row, C_UPPER_2S, m, pt->upper_2s);
    table_set_int(t, row, C_GROUP, (int64_t)pt->group + 1);
    table_set_text(t, row, C_VARIATION, spc_point_type_name(pt->type));
    table_set_text(t, row, C_RULE, pt->rule == SPC_RULE_NONE ? "" : spc_rule_name(pt->rule));
}

void pages_series_table(struct table *t, const struct plan *p, const struct plan_metric *m,
                        const struct metric_series *ser, const struct spc_result *spc)
{
    table_init(t, NCOLS, columns);
    for (size_t i = 0; i < ser->n; i++)
        table_row(t, m, ser, spc, i);
    struct buf note = BUF_INIT;
    size_t at;
    if (spc && metric_plan_rebase_note(p, m, ser, &at, &note))
        table_set_text(t, at, C_LIMITS_NOTE, buf_str(&note));
    buf_free(&note);
    /* the months still settling: their values, marked, and no limits */
    for (size_t i = ser->n; i < ser->n + ser->provisional; i++) {
        table_row(t, m, ser, NULL, i);
        table_set_text(t, t->nrows - 1, C_VARIATION, PAGES_PROVISIONAL);
    }
}

/* Reads the metric; 1 when the plan has none, -1 with err. */
static int metric_page_read(const struct web_request *rq, struct metric_page *mp, struct buf *err)
{
    const struct plan *p = &rq->ctx->plan;
    *mp = (struct metric_page){0};
    mp->m = plan_find_metric(p, rq->match->args[0], &mp->sg);
    if (!mp->m)
        return 1;
    if (metric_evaluate(rq->store, p, mp->sg, mp->m, -1, &mp->st, err) < 0 ||
        metric_series_read(rq->store, p, mp->m, -1, &mp->ser, err) < 0)
        return -1;
    mp->charted = mp->ser.n > 0 && metric_chart(p, mp->m, &mp->ser, &mp->spc);
    pages_series_table(&mp->t, p, mp->m, &mp->ser, mp->charted ? &mp->spc : NULL);
    return 0;
}

static void metric_page_free(struct metric_page *mp)
{
    if (mp->charted)
        spc_result_free(&mp->spc);
    if (mp->m)
        table_free(&mp->t);
    metric_series_free(&mp->ser);
}

void pages_xmr_chart(struct buf *b, const struct metric_status *st, const struct metric_series *ser,
                     const struct spc_result *spc)
{
    struct metric_xmr x;
    metric_xmr_init(&x, st->metric, ser, st, spc);
    struct buf svg = BUF_INIT, err = BUF_INIT;
    buf_puts(b, "<figure class=\"chart\">\n");
    struct buf narrow = BUF_INIT;
    if (chart_xmr_svg(&x.chart, &svg, &err) == 0 &&
        chart_xmr_svg_sized(&x.chart, CHART_PHONE_WIDTH, CHART_PHONE_HEIGHT, &narrow, &err) == 0)
        page_chart(b, buf_str(&svg), buf_str(&narrow));
    else
        html_printf(b, "(The chart could not be drawn: %s.)", buf_str(&err));
    buf_puts(b, "\n<figcaption>The chart&#39;s points are in the table of values below. The "
                "solid line is the mean, the dashed lines the process limits: a point outside "
                "them, or a long run on one side of the mean, is a real change.");
    if (ser->provisional > 0)
        buf_puts(b, " Open rings are provisional: months whose outcomes police.uk is still "
                    "recording, shown but not judged.");
    buf_puts(b, "</figcaption>\n</figure>\n");
    metric_xmr_free(&x);
    buf_free(&svg);
    buf_free(&narrow);
    buf_free(&err);
}

static void item(struct buf *b, const char *term, const char *text)
{
    buf_puts(b, "<dt>");
    html_escape(b, term);
    buf_puts(b, "</dt><dd>");
    html_escape(b, text);
    buf_puts(b, "</dd>\n");
}

/* How the metric is worked out, in words. */
static void method(const struct plan_metric *m, struct buf *out)
{
    static const char *const measures[] = {
        [MEASURE_COUNT] = "Crimes recorded by the police (data.police.uk)",
        [MEASURE_POSITIVE_OUTCOMES] = "Crimes with a positive outcome (data.police.uk)",
        [MEASURE_POSITIVE_RATE] = "The share of crimes with a positive outcome (data.police.uk)",
        [MEASURE_HOME_OFFICE_OFFENCES] = "Offences in the Home Office recorded crime tables",
        [MEASURE_PUBLISHED_MTFS] = ("Whether each year's medium-term financial strategy was "
                                    "published (the Office's budget register)")};
    const struct metric_definition *d = &m->def;
    if (m->loaded) {
        buf_puts(out, "Values supplied by the Office and loaded from its files");
    } else {
        buf_puts(out, measures[d->measure]);
        char *const *list =
            d->measure == MEASURE_HOME_OFFICE_OFFENCES ? d->offence_groups : d->crime_types;
        size_t n =
            d->measure == MEASURE_HOME_OFFICE_OFFENCES ? d->noffence_groups : d->ncrime_types;
        buf_puts(out, n ? ": " : ": all crime except anti-social behaviour");
        for (size_t i = 0; i < n; i++)
            buf_printf(out, "%s%s", i ? ", " : "", list[i]);
        if (d->area_key) {
            buf_puts(out, "; in ");
            area_words(d->area_key, d->area_value, out);
        }
        if (d->per_1000)
            buf_puts(out, "; per 1,000 residents");
    }
    buf_printf(out, ", %s. Charted with an XmR chart (NHS Making Data Count rules).",
               metric_frequency_name(m->frequency));
}

static void target_item(struct buf *b, const struct metric_status *st)
{
    const struct metric_target *t = &st->metric->target;
    if (t->kind == TARGET_NONE) {
        item(b, "Target", "none set in the plan");
        return;
    }
    char words[96];
    struct buf text = BUF_INIT;
    buf_puts(&text, metric_target_describe(t, words, sizeof words));
    if (t->text)
        buf_printf(&text, " (the plan: \xe2\x80\x9c%s\xe2\x80\x9d)", t->text);
    item(b, "Target", buf_str(&text));
    buf_reset(&text);
    if (st->has_target)
        buf_printf(&text, "%s. %s", target_verdict_name(&st->target), st->target_sentence);
    else
        buf_puts(&text, "no data to judge it on");
    item(b, "Target status", buf_str(&text));
    buf_free(&text);
}

static void details(struct buf *b, const struct metric_page *mp)
{
    const struct metric_status *st = &mp->st;
    buf_puts(b, "<dl class=\"facts\">\n<dt>Latest value</dt><dd>");
    page_value(b, st);
    if (st->has_data) {
        char period[PERIOD_TEXT_SIZE];
        period_format(st->kind, st->latest_month, period);
        html_printf(b, " in %s", period);
    }
    buf_puts(b, "</dd>\n<dt>Variation</dt><dd>");
    page_variation(b, st);
    buf_puts(b, "</dd>\n");
    if (st->points && st->assurance != SPC_ASSURANCE_NONE)
        item(b, "Assurance", spc_assurance_name(st->assurance));
    target_item(b, st);
    struct buf text = BUF_INIT;
    method(mp->m, &text);
    if (st->options[0]) /* the options it was charted with, and what they could not do */
        buf_printf(&text, " %s", st->options);
    if (st->limits_note[0])
        buf_printf(&text, " %s", st->limits_note);
    item(b, "Method", buf_str(&text));
    struct buf source = BUF_INIT;
    metric_source_text(mp->m, &source);
    item(b, "Source", buf_str(&source));
    buf_free(&source);
    buf_reset(&text);
    char fresh[64];
    buf_puts(&text, st->has_data ? metric_freshness_text(st, fresh, sizeof fresh) : st->note);
    item(b, "Freshness", buf_str(&text));
    buf_free(&text);
    buf_puts(b, "</dl>\n");
}

static void crumbs(struct buf *b, const struct web_request *rq, const struct metric_page *mp)
{
    const struct plan_mission *mi = page_mission_of(&rq->ctx->plan, mp->sg);
    const char *ids[] = {mi ? mi->id : "", mp->sg->id};
    buf_puts(b, "<nav aria-label=\"Breadcrumb\"><ol class=\"crumbs\">\n<li><a "
                "href=\"/\">Home</a></li>\n");
    if (mi) {
        buf_puts(b, "<li>");
        page_link(b, "/plan/", ids, 1, mi->title);
        buf_puts(b, "</li>\n<li>");
        page_link(b, "/plan/", ids, 2, mp->sg->title);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "<li aria-current=\"page\">");
    html_escape(b, mp->m->title);
    buf_puts(b, "</li>\n</ol></nav>\n");
}

static void values(struct buf *b, const struct metric_page *mp)
{
    const char *ids[] = {mp->m->id};
    buf_puts(b, "<h2>Values</h2>\n");
    if (mp->ser.n == 0) {
        /* a local measure says plainly that its data are not there */
        if (strcmp(mp->m->id, VICTIMS_CODE_METRIC) == 0) {
            buf_puts(b, "<p><strong>");
            html_escape(b, victims_code_unavailable);
            buf_puts(b, "</strong></p>\n");
        } else if (mp->m->source == SOURCE_LOCAL_DATA)
            buf_puts(b, "<p><strong>Not available: this measure comes from the force&#39;s or "
                        "the Office&#39;s own records, and none have been loaded. No figure is "
                        "shown rather than an estimate.</strong></p>\n");
        else
            buf_puts(b, "<p>No values yet.</p>\n");
        return;
    }
    struct buf caption = BUF_INIT;
    buf_printf(&caption, "%s, by %s", mp->m->title, period_kind_name(mp->ser.kind));
    page_table(b, &mp->t, buf_str(&caption), pages_series_headings);
    buf_free(&caption);
    buf_puts(b, "<p>These values as data: <a href=\"");
    page_href(b, "/metric/", ids, 1, ".csv");
    buf_puts(b, "\">CSV</a>, <a href=\"");
    page_href(b, "/metric/", ids, 1, ".json");
    buf_puts(b, "\">JSON</a>.</p>\n");
}

static void html(const struct web_request *rq, struct web_response *rs,
                 const struct metric_page *mp)
{
    struct buf *b = &rs->body;
    page_begin(b, rq, mp->m->title);
    crumbs(b, rq, mp);
    buf_puts(b, "<h1>");
    html_escape(b, mp->m->title);
    buf_puts(b, "</h1>\n<p class=\"lead\">");
    struct buf sentence = BUF_INIT;
    metric_sentence(&mp->st, &sentence);
    html_escape(b, buf_str(&sentence));
    buf_free(&sentence);
    buf_puts(b, ".</p>\n");
    details(b, mp);
    if (mp->charted)
        pages_xmr_chart(b, &mp->st, &mp->ser, &mp->spc);
    values(b, mp);
    page_end(b, rq);
}

void page_metric(const struct web_request *rq, struct web_response *rs)
{
    struct metric_page mp;
    struct buf err = BUF_INIT;
    int rc = metric_page_read(rq, &mp, &err);
    if (rc == 1)
        web_error(rq, rs, 404, "The plan has no metric with that name.");
    else if (rc < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (rs->format == WEB_HTML)
        html(rq, rs, &mp);
    else
        pages_data(&mp.t, rs->format, rs);
    metric_page_free(&mp);
    buf_free(&err);
}
