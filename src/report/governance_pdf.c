/*
 * governance_pdf.c - the governance report as a PDF (render/pdf.h): the
 * page's content in the page's order, for Board papers that are printed or
 * filed as PDF.
 *
 * Everything here is read from the report the page was written from (the
 * same statuses, views and exceptions, governance.c) and put into words by
 * the same functions as the page (governance_internal.h): this file only
 * decides where each piece goes on paper.
 */
#include "assess/metric_icons.h"
#include "assess/metric_xmr.h"
#include "render/pdf.h"
#include "report/governance_internal.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- front matter -------------------------------------------------------- */

static void put_front(struct report *r, struct pdf_doc *d, const char *month)
{
    struct buf text = BUF_INIT;
    pdf_paragraph(d, PDF_KICKER, "Performance report to the Corporate Governance Board");
    buf_printf(&text, "%s: performance to %s", r->p->title, month);
    pdf_paragraph(d, PDF_TITLE, buf_str(&text));
    buf_reset(&text);
    buf_puts(&text, r->p->title);
    if (r->info->version)
        buf_printf(&text, " (%s, version %d, loaded %s)", r->p->id, r->info->version->version,
                   r->info->version->loaded_at);
    pdf_lead(d, "Plan:", buf_str(&text));
    pdf_lead(d, "Force:", r->p->force);
    char period[MONTH_TEXT_SIZE];
    month_format(r->info->period, period);
    buf_reset(&text);
    buf_printf(&text, "data to the end of %s", period);
    if (r->p->period_from && r->p->period_to)
        buf_printf(&text, "; the plan runs from %s to %s", r->p->period_from, r->p->period_to);
    pdf_lead(d, "Period:", buf_str(&text));
    pdf_lead(d, "Generated:", r->info->generated ? r->info->generated : "");
    if (r->p->vision && *r->p->vision)
        pdf_lead(d, "Vision.", r->p->vision);
    pdf_contents(d);
    buf_free(&text);
}

static void put_sources(struct pdf_doc *d, const struct table *t)
{
    static const char *const headings[] = {"Source", "Held", "Used in this report", "Metrics"};
    pdf_page_break(d);
    pdf_heading(d, 1, "Data sources and freshness");
    pdf_table(d, t, "Where the figures come from, what the store holds and what this report uses",
              headings);
    pdf_paragraph(d, PDF_TEXT,
                  "Each metric's own freshness (current or stale for its frequency) is in the "
                  "matrix below and in its section. data.police.uk data is published under the "
                  "Open Government Licence v3.0.");
}

/* ---- summary ------------------------------------------------------------- */

static void put_exceptions(struct report *r, struct pdf_doc *d)
{
    size_t with_data = 0;
    for (size_t i = 0; i < r->statuses.n; i++)
        with_data += r->statuses.items[i].has_data;
    struct buf text = BUF_INIT;
    pdf_heading(d, 2, "Exceptions");
    buf_printf(&text,
               "%zu exception%s among the plan's %zu headline metrics (%zu with data): what "
               "needs the Board's attention, most severe first.",
               r->nexceptions, r->nexceptions == 1 ? "" : "s", r->statuses.n, with_data);
    pdf_paragraph(d, PDF_TEXT, buf_str(&text));
    if (r->nexceptions == 0)
        pdf_paragraph(d, PDF_TEXT,
                      "No metric's latest period is special cause, and no target is missed "
                      "beyond chance.");
    char **items = xcalloc(r->nexceptions + 1, sizeof *items);
    for (size_t i = 0; i < r->nexceptions; i++) {
        const struct plan_exception *e = &r->exceptions[i];
        buf_reset(&text);
        buf_printf(&text, "%s: %s. Rule: %s. ", e->st->metric->title,
                   e->target ? report_target_of(e->st).words : report_variation_of(e->st).words,
                   plan_exception_rule(e));
        plan_exception_sentence(e, &text);
        items[i] = buf_detach(&text);
    }
    pdf_bullets(d, (const char *const *)items, r->nexceptions, true);
    for (size_t i = 0; i < r->nexceptions; i++)
        free(items[i]);
    free(items);
    buf_free(&text);
}

enum {
    M_METRIC,
    M_PERIOD,
    M_LATEST,
    M_PREVIOUS,
    M_CHANGE,
    M_VARIATION,
    M_ASSURANCE,
    M_TARGET,
    M_FRESHNESS,
    M_COLUMNS
};

static void number_cell(struct table *t, size_t row, size_t col, const struct plan_metric *m,
                        double v, bool change)
{
    struct buf raw = BUF_INIT, shown = BUF_INIT;
    if (gv_number_text(m, v, change, &raw, &shown))
        table_set_text(t, row, col, buf_str(&shown));
    buf_free(&raw);
    buf_free(&shown);
}

static void matrix_row(struct table *t, const struct metric_view *v)
{
    const struct metric_status *st = v->st;
    size_t row = table_add_row(t);
    table_set_text(t, row, M_METRIC, st->metric->title);
    if (!st->has_data) {
        struct buf note = BUF_INIT;
        buf_printf(&note, "No data: %s", st->note);
        table_set_text(t, row, M_PERIOD, buf_str(&note));
        buf_free(&note);
        return;
    }
    char period[PERIOD_TEXT_SIZE], fresh[48];
    period_format(st->kind, st->latest_month, period);
    table_set_text(t, row, M_PERIOD, period);
    number_cell(t, row, M_LATEST, st->metric, st->latest, false);
    number_cell(t, row, M_PREVIOUS, st->metric, st->previous, false);
    number_cell(t, row, M_CHANGE, st->metric, st->latest - st->previous, true);
    table_set_text(t, row, M_VARIATION, report_variation_of(st).words);
    table_set_text(t, row, M_ASSURANCE, report_assurance_of(st).words);
    table_set_text(t, row, M_TARGET, report_target_of(st).words);
    table_set_text(t, row, M_FRESHNESS, metric_freshness_text(st, fresh, sizeof fresh));
}

/* The matrix, a table per mission so that each has its own caption. */
static void put_matrix(struct report *r, struct pdf_doc *d)
{
    static const char *const keys[M_COLUMNS] = {"metric",    "latest_period", "latest",
                                                "previous",  "change",        "variation",
                                                "assurance", "target",        "freshness"};
    static const char *const headings[M_COLUMNS] = {"Metric",    "Latest period", "Latest",
                                                    "Previous",  "Change",        "Variation",
                                                    "Assurance", "Target",        "Freshness"};
    char month[MONTH_TEXT_SIZE];
    month_format(r->info->period, month);
    struct buf caption = BUF_INIT;
    pdf_heading(d, 2, "Every headline metric");
    buf_printf(&caption, "Every headline metric of the plan by mission, as at %s.", month);
    pdf_paragraph(d, PDF_TEXT, buf_str(&caption));
    size_t k = 0;
    for (size_t a = 0; a < r->p->nmissions; a++) {
        const struct plan_mission *mi = &r->p->missions[a];
        struct table t;
        table_init(&t, M_COLUMNS, keys);
        t.right[M_LATEST] = t.right[M_PREVIOUS] = t.right[M_CHANGE] = true;
        for (size_t b = 0; b < mi->nstrategies; b++)
            for (size_t c = 0; c < mi->strategies[b].nmetrics; c++)
                matrix_row(&t, &r->views[k++]);
        buf_reset(&caption);
        buf_printf(&caption, "Mission %zu: %s", a + 1, mi->title);
        pdf_table(d, &t, buf_str(&caption), headings);
        table_free(&t);
    }
    buf_free(&caption);
}

/* ---- the missions -------------------------------------------------------- */

static void put_facts(struct report *r, struct pdf_doc *d, const struct metric_view *v)
{
    const struct metric_status *st = v->st;
    struct buf text = BUF_INIT;
    if (st->has_data) {
        gv_latest_words(st, &text);
        pdf_lead(d, "Latest:", buf_str(&text));
    }
    buf_reset(&text);
    gv_target_text(st, &text);
    if (st->metric->target.kind != TARGET_NONE && st->has_target)
        buf_printf(&text, ": %s. %s", report_target_of(st).words, st->target_sentence);
    pdf_lead(d, "Target:", buf_str(&text));
    if (st->has_data) {
        buf_reset(&text);
        gv_method_words(v, &text);
        buf_puts(&text, " (How to read the chart: Appendix B.)");
        pdf_lead(d, "Method:", buf_str(&text));
    }
    buf_reset(&text);
    gv_source_words(r, v, &text);
    buf_puts(&text, ".");
    pdf_lead(d, "Source:", buf_str(&text));
    if (st->has_data) {
        buf_reset(&text);
        gv_freshness_words(r, st, &text);
        buf_puts(&text, ".");
        pdf_lead(d, "Freshness:", buf_str(&text));
    }
    buf_free(&text);
}

static void put_chart(struct pdf_doc *d, const struct metric_view *v)
{
    struct metric_xmr x;
    metric_xmr_init(&x, v->st->metric, &v->ser, v->st, &v->spc);
    pdf_chart_xmr(d, &x.chart);
    pdf_keep_with_next(d);
    struct buf caption = BUF_INIT;
    buf_printf(&caption, "XmR chart: %s. Every value charted is in table A.%d.", buf_str(&x.title),
               v->table);
    pdf_paragraph(d, PDF_SMALL, buf_str(&caption));
    buf_free(&caption);
    metric_xmr_free(&x);
}

static void put_metric(struct report *r, struct pdf_doc *d, const struct metric_view *v)
{
    const struct metric_status *st = v->st;
    struct buf text = BUF_INIT;
    pdf_heading(d, 3, st->metric->title);
    if (!st->has_data) {
        buf_printf(&text, "No data: %s.", st->note);
        pdf_paragraph(d, PDF_TEXT, buf_str(&text));
    } else {
        buf_printf(&text, "Variation: %s. Assurance: %s. Target: %s.",
                   report_variation_of(st).words, report_assurance_of(st).words,
                   report_target_of(st).words);
        /* The heading, its two sentences, the chart and its caption are
         * read as one: they start a page together rather than leave a
         * chart at the top of a page away from what it illustrates. */
        pdf_paragraph(d, PDF_TEXT, buf_str(&text));
        pdf_keep_with_next(d);
        buf_reset(&text);
        metric_sentence(st, &text);
        pdf_paragraph(d, PDF_TEXT, buf_str(&text));
        if (v->charted) {
            pdf_keep_with_next(d);
            put_chart(d, v);
        }
    }
    put_facts(r, d, v);
    buf_free(&text);
}

static void put_mission(struct report *r, struct pdf_doc *d, size_t a, size_t *k)
{
    const struct plan_mission *mi = &r->p->missions[a];
    struct buf title = BUF_INIT;
    buf_printf(&title, "Mission %zu: %s", a + 1, mi->title);
    pdf_page_break(d);
    pdf_heading(d, 1, buf_str(&title));
    if (mi->summary && *mi->summary)
        pdf_paragraph(d, PDF_TEXT, mi->summary);
    for (size_t b = 0; b < mi->nstrategies; b++) {
        const struct plan_strategy *sg = &mi->strategies[b];
        pdf_heading(d, 2, sg->title);
        pdf_lead(d, "What I am aiming to do:", sg->success ? sg->success : "");
        pdf_lead(d, "What I will deliver:", sg->delivery ? sg->delivery : "");
        pdf_lead(d, "How we will know it is working:", sg->measure ? sg->measure : "");
        if (sg->nmetrics == 0)
            pdf_paragraph(d, PDF_SMALL,
                          "The plan names no headline metric for this delivery strategy.");
        for (size_t c = 0; c < sg->nmetrics; c++)
            put_metric(r, d, &r->views[(*k)++]);
    }
    buf_free(&title);
}

/* ---- appendices ---------------------------------------------------------- */

static void put_appendix(struct report *r, struct pdf_doc *d)
{
    pdf_page_break(d);
    pdf_heading(d, 1, "Appendix A: data tables");
    pdf_paragraph(d, PDF_TEXT,
                  "Every metric with data, period by period: the value and, for a charted "
                  "metric, the mean, process limits and 2-sigma lines of its XmR chart and what "
                  "the rules say of each point. These are the numbers the charts draw.");
    size_t tables = 0;
    for (size_t i = 0; i < r->statuses.n; i++) {
        const struct metric_view *v = &r->views[i];
        if (!v->table)
            continue;
        struct table t;
        const char *headings[16];
        gv_data_table(v, &t, headings);
        struct buf caption = BUF_INIT;
        gv_data_caption(v, &caption);
        pdf_table(d, &t, buf_str(&caption), headings);
        buf_free(&caption);
        table_free(&t);
        tables++;
    }
    if (tables == 0)
        pdf_paragraph(d, PDF_TEXT, "No metric has data for this period.");
}

/* The methods' sink: their template text as plain text (report_plain_text). */
static void pdf_method_heading(void *ctx, const char *id, const char *text)
{
    (void)id;
    pdf_heading(ctx, 2, text);
}

static void pdf_method_para(void *ctx, const char *html)
{
    struct buf text = BUF_INIT;
    report_plain_text(html, &text);
    pdf_paragraph(ctx, PDF_TEXT, buf_str(&text));
    buf_free(&text);
}

static void pdf_method_list(void *ctx, const char *const *items, size_t n)
{
    char **plain = xcalloc(n + 1, sizeof *plain);
    for (size_t i = 0; i < n; i++) {
        struct buf text = BUF_INIT;
        report_plain_text(items[i], &text);
        plain[i] = buf_detach(&text);
    }
    pdf_bullets(ctx, (const char *const *)plain, n, true);
    for (size_t i = 0; i < n; i++)
        free(plain[i]);
    free(plain);
}

static void pdf_method_legend(void *ctx, const struct gv_legend_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct buf lead = BUF_INIT;
        buf_printf(&lead, "%s %s:", e[i].icon.letter, e[i].icon.words);
        pdf_lead(ctx, buf_str(&lead), e[i].meaning);
        buf_free(&lead);
    }
}

static void put_methods(struct pdf_doc *d)
{
    static const struct gv_methods_sink sink = {pdf_method_heading, pdf_method_para,
                                                pdf_method_list, pdf_method_legend};
    pdf_page_break(d);
    pdf_heading(d, 1, "Appendix B: how to read this report");
    gv_methods_walk(&sink, d);
    pdf_paragraph(d, PDF_SMALL,
                  "Made with Peel from the data listed under Data sources and freshness. Every "
                  "figure and sentence is computed by Peel's analysis from those data, the same "
                  "for the same month wherever Peel shows it.");
}

int gv_pdf(struct report *r, const char *path, struct buf *err)
{
    struct table sources;
    if (gv_sources_table(r, &sources, err) < 0) {
        table_free(&sources);
        return -1;
    }
    struct buf month = BUF_INIT, title = BUF_INIT;
    report_month_words(r->info->period, &month);
    buf_printf(&title, "Performance report to the Corporate Governance Board, %s: %s",
               buf_str(&month), r->p->title);
    struct pdf_doc *d = pdf_open(path, buf_str(&title));
    if (r->info->pdf_date)
        pdf_set_date(d, r->info->pdf_date);
    pdf_set_notice(d, r->info->pdf_notice);
    put_front(r, d, buf_str(&month));
    put_sources(d, &sources);
    table_free(&sources);
    pdf_heading(d, 1, "Summary");
    put_exceptions(r, d);
    put_matrix(r, d);
    size_t k = 0;
    for (size_t a = 0; a < r->p->nmissions; a++)
        put_mission(r, d, a, &k);
    struct buf stops_err = BUF_INIT;
    int stops = gv_stop_search_pdf(r, d, &stops_err);
    put_appendix(r, d);
    put_methods(d);
    int rc = pdf_close(d, NULL, err); /* frees d whatever happens */
    if (stops < 0) {
        buf_reset(err);
        buf_append(err, stops_err.p, stops_err.len);
        rc = -1;
    }
    buf_free(&stops_err);
    buf_free(&month);
    buf_free(&title);
    return rc;
}
