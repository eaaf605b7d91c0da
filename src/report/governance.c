/*
 * governance.c - the Corporate Governance Board report (see governance.h):
 * the page, its header, its data sources and its summary.
 *
 * The page, in order (docs/reports.md):
 *   header   title, plan, period, when generated; contents
 *   sources  each source of data and how fresh it is
 *   summary  the exceptions, then a matrix of every metric by mission
 *   missions one section per mission and delivery strategy (governance_metric.c)
 *   appendix A: data tables (governance_metric.c); B: methods (governance_style.c)
 *
 * Every value goes through html_escape; the only text written as is, is
 * this file's own markup and numbers it formats itself.
 */
#include "assess/prc_common.h"
#include "assess/metric_text.h"
#include "render/report_html.h"
#include "report/governance_internal.h"
#include "store/metric_values.h"
#include "store/prc.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/month.h"
#include "util/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- gathering ---------------------------------------------------------- */

/* The newest loaded value of a metric: where it came from and when. */
static void take_loaded(void *arg, const struct metric_value *mv)
{
    struct metric_view *v = arg; /* values come oldest first: the last one wins */
    buf_reset(&v->provenance);
    buf_printf(&v->provenance, "%s, line %ld", mv->path ? mv->path : "(unknown file)", mv->line);
    if (mv->source && *mv->source)
        buf_printf(&v->provenance, " (source given: %s)", mv->source);
    snprintf(v->loaded_at, sizeof v->loaded_at, "%s", mv->loaded_at ? mv->loaded_at : "");
}

/* Reads the series and chart of one metric with data, as metric_evaluate()
 * read them, for its section and its appendix table. */
static int prepare_view(struct report *r, struct metric_view *v, struct buf *err)
{
    const struct metric_status *st = v->st;
    if (!st->has_data)
        return 0;
    if (metric_series_read(r->s, r->p, st->metric, r->info->period, &v->ser, err) < 0)
        return -1;
    v->charted = st->points > 0 && metric_chart(r->p, st->metric, &v->ser, &v->spc);
    if (st->metric->loaded && store_metric_values(r->s, st->metric->id, "", st->kind,
                                                  r->info->period, take_loaded, v, err) < 0)
        return -1;
    return 0;
}

/* Anchors come from each metric's place in the plan, not its id: ids are
 * free text in a plan file, and an anchor must be a safe token. */
static int prepare_views(struct report *r, struct buf *err)
{
    r->views = xcalloc(r->statuses.n + 1, sizeof *r->views);
    size_t k = 0;
    int table = 0;
    for (size_t a = 0; a < r->p->nmissions; a++)
        for (size_t b = 0; b < r->p->missions[a].nstrategies; b++)
            for (size_t c = 0; c < r->p->missions[a].strategies[b].nmetrics; c++, k++) {
                struct metric_view *v = &r->views[k];
                v->st = &r->statuses.items[k];
                snprintf(v->anchor, sizeof v->anchor, "metric-%zu-%zu-%zu", a + 1, b + 1, c + 1);
                if (v->st->has_data)
                    v->table = ++table;
                if (prepare_view(r, v, err) < 0)
                    return -1;
            }
    return 0;
}

static void free_views(struct report *r)
{
    for (size_t i = 0; r->views && i < r->statuses.n; i++) {
        metric_series_free(&r->views[i].ser);
        if (r->views[i].charted)
            spc_result_free(&r->views[i].spc);
        buf_free(&r->views[i].provenance);
    }
    free(r->views);
    r->views = NULL;
}

static const struct metric_view *view_of(const struct report *r, const struct metric_status *st)
{
    return &r->views[st - r->statuses.items];
}

/* ---- header ------------------------------------------------------------- */

static void put_head(struct report *r)
{
    struct buf month = BUF_INIT;
    report_month_words(r->info->period, &month);
    gv_raw(r, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"Peel\">\n<title>");
    html_printf(r->out, "Performance report to the Corporate Governance Board, %s: %s",
                buf_str(&month), r->p->title);
    gv_raw(r, "</title>\n");
    gv_style(r);
    gv_raw(r, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
    buf_free(&month);
}

static void put_meta(struct report *r)
{
    char period[MONTH_TEXT_SIZE];
    month_format(r->info->period, period);
    gv_raw(r, "<dl class=\"meta\">\n");
    gv_text(r, "<dt>Plan</dt><dd>", r->p->title, "");
    const struct plan_version *v = r->info->version;
    if (v)
        html_printf(r->out, " (%s, version %d, loaded %s)", r->p->id, v->version, v->loaded_at);
    gv_raw(r, "</dd>\n");
    gv_text(r, "<dt>Force</dt><dd>", r->p->force, "</dd>\n");
    gv_raw(r, "<dt>Period</dt><dd>");
    html_printf(r->out, "data to the end of %s", period);
    if (r->p->period_from && r->p->period_to)
        html_printf(r->out, "; the plan runs from %s to %s", r->p->period_from, r->p->period_to);
    gv_raw(r, "</dd>\n");
    gv_text(r, "<dt>Generated</dt><dd>", r->info->generated ? r->info->generated : "", "</dd>\n");
    gv_raw(r, "</dl>\n");
}

static void put_contents(struct report *r)
{
    gv_raw(r, "<nav aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">Contents</h2>\n<ol>\n"
              "<li><a href=\"#sources\">Data sources and freshness</a></li>\n"
              "<li><a href=\"#summary\">Summary: exceptions and every headline metric</a></li>\n");
    for (size_t a = 0; a < r->p->nmissions; a++) {
        buf_printf(r->out, "<li><a href=\"#mission-%zu\">", a + 1);
        html_printf(r->out, "Mission %zu: %s", a + 1, r->p->missions[a].title);
        gv_raw(r, "</a></li>\n");
    }
    gv_raw(r, "<li><a href=\"#stop-search\">Stop and search</a></li>\n"
              "<li><a href=\"#appendix\">Appendix A: data tables</a></li>\n"
              "<li><a href=\"#methods\">Appendix B: how to read this report</a></li>\n"
              "</ol>\n</nav>\n");
}

static void put_header(struct report *r)
{
    struct buf month = BUF_INIT;
    report_month_words(r->info->period, &month);
    gv_raw(r, "<header>\n<p class=\"kicker\">Performance report to the Corporate Governance "
              "Board</p>\n<h1>");
    html_printf(r->out, "%s: performance to %s", r->p->title, buf_str(&month));
    gv_raw(r, "</h1>\n");
    put_meta(r);
    if (r->p->vision && *r->p->vision)
        gv_text(r, "<p class=\"statement\"><b>Vision.</b> ", r->p->vision, "</p>\n");
    put_contents(r);
    gv_raw(r, "</header>\n");
    buf_free(&month);
}

/* ---- data sources ------------------------------------------------------- */

struct source_counts {
    size_t street, home_office, loaded, loaded_with_data;
    char latest_load[32];
};

static void count_sources(const struct report *r, struct source_counts *c)
{
    *c = (struct source_counts){0};
    for (size_t i = 0; i < r->statuses.n; i++) {
        const struct plan_metric *m = r->statuses.items[i].metric;
        const struct metric_view *v = &r->views[i];
        if (m->loaded) {
            c->loaded++;
            c->loaded_with_data += v->st->has_data;
            if (strcmp(v->loaded_at, c->latest_load) > 0)
                snprintf(c->latest_load, sizeof c->latest_load, "%s", v->loaded_at);
        } else if (m->def.measure == MEASURE_HOME_OFFICE_OFFENCES) {
            c->home_office++;
        } else {
            c->street++;
        }
    }
}

static void months_text(int first, int last, struct buf *out)
{
    char a[MONTH_TEXT_SIZE], b[MONTH_TEXT_SIZE];
    month_format(first, a);
    month_format(last, b);
    buf_printf(out, "%s to %s", a, b);
}

static void put_source_row(struct table *t, const char *name, const char *held, const char *used,
                           size_t metrics)
{
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, name);
    table_set_text(t, row, 1, held);
    table_set_text(t, row, 2, used);
    table_set_int(t, row, 3, (int64_t)metrics);
}

static void street_row(struct report *r, const struct source_counts *c, struct table *t)
{
    struct buf held = BUF_INIT, used = BUF_INIT;
    int first, last, first_used, last_used;
    if (store_street_months(r->s, r->p->force, -1, &first, &last)) {
        months_text(first, last, &held);
        buf_printf(&held, ", recorded by %s", r->p->force);
    } else {
        buf_puts(&held, "none imported");
    }
    if (store_street_months(r->s, r->p->force, r->info->period, &first_used, &last_used)) {
        months_text(first_used, last_used, &used);
        buf_printf(&used, "; latest month %d month%s before the report's month",
                   r->info->period - last_used, r->info->period - last_used == 1 ? "" : "s");
    } else {
        buf_puts(&used, "none up to the report's month");
    }
    put_source_row(t, "data.police.uk street-level crime", buf_str(&held), buf_str(&used),
                   c->street);
    buf_free(&held);
    buf_free(&used);
}

struct quarter_span {
    int first, last, n;
    int until; /* the last PRC period wanted */
    int first_used, last_used, n_used;
};

static void take_quarter(void *arg, int period, int64_t rows, int64_t count)
{
    struct quarter_span *q = arg;
    (void)rows;
    (void)count;
    if (q->n++ == 0)
        q->first = period;
    q->last = period;
    if (period <= q->until) {
        if (q->n_used++ == 0)
            q->first_used = period;
        q->last_used = period;
    }
}

static void quarter_text(int first, int last, struct buf *out)
{
    char a[PERIOD_TEXT_SIZE], b[PERIOD_TEXT_SIZE];
    period_format(PERIOD_QUARTER,
                  fy_first_month(PRC_PERIOD_FY(first)) + 3 * (PRC_PERIOD_Q(first) - 1), a);
    period_format(PERIOD_QUARTER,
                  fy_first_month(PRC_PERIOD_FY(last)) + 3 * (PRC_PERIOD_Q(last) - 1), b);
    buf_printf(out, "%s to %s", a, b);
}

static int home_office_row(struct report *r, const struct source_counts *c, struct table *t,
                           struct buf *err)
{
    int period = r->info->period;
    struct quarter_span q = {.until = PRC_PERIOD(fy_of_month(period), fq_of_month(period))};
    if (store_prc_periods(r->s, r->p->force, take_quarter, &q, err) < 0)
        return -1;
    struct buf held = BUF_INIT, used = BUF_INIT;
    if (q.n)
        quarter_text(q.first, q.last, &held);
    else
        buf_puts(&held, "not loaded");
    if (q.n_used)
        quarter_text(q.first_used, q.last_used, &used);
    else
        buf_puts(&used, "none up to the report's month");
    put_source_row(t, "Home Office police recorded crime tables", buf_str(&held), buf_str(&used),
                   c->home_office);
    buf_free(&held);
    buf_free(&used);
    return 0;
}

static void loaded_row(struct report *r, const struct source_counts *c, struct table *t)
{
    struct buf held = BUF_INIT, used = BUF_INIT;
    buf_printf(&held, "values for %zu of the plan's %zu loaded metrics", c->loaded_with_data,
               c->loaded);
    if (c->latest_load[0])
        buf_printf(&held, "; last loaded %s", c->latest_load);
    char month[MONTH_TEXT_SIZE];
    month_format(r->info->period, month);
    buf_printf(&used, "periods starting up to %s", month);
    put_source_row(t, "Figures supplied by the Office, loaded from its files", buf_str(&held),
                   buf_str(&used), c->loaded);
    buf_free(&held);
    buf_free(&used);
}

int gv_sources_table(struct report *r, struct table *t, struct buf *err)
{
    static const char *const keys[] = {"source", "held", "used", "metrics"};
    table_init(t, 4, keys);
    t->right[3] = true;
    struct source_counts c;
    count_sources(r, &c);
    street_row(r, &c, t);
    int rc = home_office_row(r, &c, t, err);
    loaded_row(r, &c, t);
    return rc;
}

static int put_sources(struct report *r, struct buf *err)
{
    struct table t;
    int rc = gv_sources_table(r, &t, err);
    gv_raw(r, "<section id=\"sources\" aria-labelledby=\"sources-h\">\n"
              "<h2 id=\"sources-h\">Data sources and freshness</h2>\n"
              "<div class=\"scroll\" role=\"region\" aria-labelledby=\"sources-caption\" "
              "tabindex=\"0\">\n<table>\n<caption id=\"sources-caption\">Where the figures come "
              "from, what the store holds and what this report uses</caption>\n"
              "<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Held</th>"
              "<th scope=\"col\">Used in this report</th><th scope=\"col\" class=\"num\">Metrics"
              "</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < t.nrows; i++) {
        gv_text(r, "<tr><th scope=\"row\">", table_cell(&t, i, 0)->text, "</th>");
        gv_text(r, "<td>", table_cell(&t, i, 1)->text, "</td>");
        gv_text(r, "<td>", table_cell(&t, i, 2)->text, "</td>");
        buf_printf(r->out, "<td class=\"num\">%lld</td></tr>\n",
                   (long long)table_cell(&t, i, 3)->i);
    }
    /* the two crime sources side by side: say that they do not agree */
    bool both = t.nrows >= 2 && table_cell(&t, 0, 3)->i > 0 && table_cell(&t, 1, 3)->i > 0;
    table_free(&t);
    gv_raw(r, "</tbody>\n</table>\n</div>\n");
    if (both)
        gv_text(r, "<p>", PRC_POLICE_UK_GAP, "</p>\n");
    gv_raw(r, "<p>Each metric&#39;s own freshness (current or stale for its frequency) is in the "
              "matrix below and in its section. data.police.uk data is published under the "
              "Open Government Licence v3.0.</p>\n</section>\n");
    return rc;
}

/* ---- summary ------------------------------------------------------------ */

static void put_exception(struct report *r, const struct plan_exception *e)
{
    const struct metric_view *v = view_of(r, e->st);
    gv_text(r, "<li data-metric=\"", e->st->metric->id, "\">\n<p class=\"exc-head\">");
    buf_printf(r->out, "<a href=\"#%s\">", v->anchor);
    gv_text(r, "<b>", e->st->metric->title, "</b></a> <span class=\"exc-variation\">");
    if (e->target)
        gv_target_icon(r, e->st);
    else
        gv_variation_icon(r, e->st);
    gv_text(r, "</span>. Rule: <span class=\"exc-rule\">", plan_exception_rule(e), "</span></p>\n");
    struct buf sentence = BUF_INIT;
    plan_exception_sentence(e, &sentence);
    gv_text(r, "<p class=\"exc-sentence\">", buf_str(&sentence), "</p>\n</li>\n");
    buf_free(&sentence);
}

static void put_exceptions(struct report *r)
{
    gv_raw(r, "<h3 id=\"exceptions-h\">Exceptions</h3>\n");
    size_t with_data = 0;
    for (size_t i = 0; i < r->statuses.n; i++)
        with_data += r->statuses.items[i].has_data;
    buf_printf(r->out,
               "<p>%zu exception%s among the plan&#39;s %zu headline metrics (%zu with data): "
               "what needs the Board&#39;s attention, most severe first.</p>\n",
               r->nexceptions, r->nexceptions == 1 ? "" : "s", r->statuses.n, with_data);
    if (r->nexceptions == 0) {
        gv_raw(r, "<p>No metric&#39;s latest period is special cause, and no target is "
                  "missed beyond chance.</p>\n");
        return;
    }
    gv_raw(r, "<ol class=\"exceptions\" aria-labelledby=\"exceptions-h\">\n");
    for (size_t i = 0; i < r->nexceptions; i++)
        put_exception(r, &r->exceptions[i]);
    gv_raw(r, "</ol>\n");
}

/* A number as `peel metrics --format csv` gives it, in <data value>, shown
 * as the reader reads it. */
bool gv_number_text(const struct plan_metric *m, double v, bool change, struct buf *raw,
                    struct buf *shown)
{
    if (isnan(v) || (change && m->unit == UNIT_YES_NO))
        return false;
    metric_value_raw(m, v, raw);
    if (change)
        metric_change_text(m, v, shown);
    else
        metric_value_text(m, v, shown);
    return true;
}

static void put_number_cell(struct report *r, const struct plan_metric *m, double v,
                            const char *cls, bool change)
{
    gv_text(r, "<td class=\"num ", cls, "\">");
    struct buf raw = BUF_INIT, shown = BUF_INIT;
    if (!gv_number_text(m, v, change, &raw, &shown)) {
        gv_raw(r, "</td>");
        return;
    }
    gv_text(r, "<data value=\"", buf_str(&raw), "\">");
    gv_text(r, "", buf_str(&shown), "</data></td>");
    buf_free(&raw);
    buf_free(&shown);
}

static void put_matrix_row(struct report *r, const struct metric_view *v)
{
    const struct metric_status *st = v->st;
    gv_text(r, "<tr data-metric=\"", st->metric->id, "\">");
    buf_printf(r->out, "<th scope=\"row\"><a href=\"#%s\">", v->anchor);
    gv_text(r, "", st->metric->title, "</a></th>");
    if (!st->has_data) {
        gv_text(r, "<td colspan=\"8\" class=\"note\">No data: ", st->note, "</td></tr>\n");
        return;
    }
    char period[PERIOD_TEXT_SIZE], fresh[48];
    period_format(st->kind, st->latest_month, period);
    gv_text(r, "<td class=\"period\">", period, "</td>");
    put_number_cell(r, st->metric, st->latest, "latest", false);
    put_number_cell(r, st->metric, st->previous, "previous", false);
    put_number_cell(r, st->metric, st->latest - st->previous, "change", true);
    gv_raw(r, "<td class=\"variation\">");
    gv_variation_icon(r, st);
    gv_raw(r, "</td><td class=\"assurance\">");
    gv_assurance_icon(r, st);
    gv_raw(r, "</td><td class=\"target\">");
    gv_target_icon(r, st);
    gv_text(r, "</td><td class=\"freshness\">", metric_freshness_text(st, fresh, sizeof fresh),
            "</td></tr>\n");
}

static void put_matrix(struct report *r)
{
    char month[MONTH_TEXT_SIZE];
    month_format(r->info->period, month);
    gv_raw(r, "<h3 id=\"matrix-h\">Every headline metric</h3>\n"
              "<div class=\"scroll\" role=\"region\" aria-labelledby=\"matrix-caption\" "
              "tabindex=\"0\">\n<table id=\"matrix\">\n<caption id=\"matrix-caption\">");
    html_printf(r->out, "Every headline metric of the plan by mission, as at %s", month);
    gv_raw(r, "</caption>\n<thead><tr><th scope=\"col\">Metric</th>"
              "<th scope=\"col\">Latest period</th><th scope=\"col\" class=\"num\">Latest</th>"
              "<th scope=\"col\" class=\"num\">Previous</th>"
              "<th scope=\"col\" class=\"num\">Change</th><th scope=\"col\">Variation</th>"
              "<th scope=\"col\">Assurance</th><th scope=\"col\">Target</th>"
              "<th scope=\"col\">Freshness</th></tr></thead>\n");
    size_t k = 0;
    for (size_t a = 0; a < r->p->nmissions; a++) {
        const struct plan_mission *mi = &r->p->missions[a];
        gv_raw(r, "<tbody>\n<tr><th scope=\"rowgroup\" colspan=\"9\">");
        html_printf(r->out, "Mission %zu: %s", a + 1, mi->title);
        gv_raw(r, "</th></tr>\n");
        for (size_t b = 0; b < mi->nstrategies; b++)
            for (size_t c = 0; c < mi->strategies[b].nmetrics; c++)
                put_matrix_row(r, &r->views[k++]);
        gv_raw(r, "</tbody>\n");
    }
    gv_raw(r, "</table>\n</div>\n");
}

static void put_summary(struct report *r)
{
    gv_raw(r, "<section id=\"summary\" aria-labelledby=\"summary-h\">\n"
              "<h2 id=\"summary-h\">Summary</h2>\n");
    put_exceptions(r);
    put_matrix(r);
    gv_raw(r, "</section>\n");
}

static void put_footer(struct report *r)
{
    gv_raw(r, "<footer>\n<p>Made with Peel from the data listed under "
              "<a href=\"#sources\">Data sources and freshness</a>. Every figure and sentence "
              "is computed by Peel&#39;s analysis from those data, the same for the same month "
              "wherever Peel shows it.</p>\n</footer>\n"
              "</body>\n</html>\n");
}

/* ---- the page ----------------------------------------------------------- */

static int write_page(struct report *r, struct buf *err)
{
    put_head(r);
    put_header(r);
    gv_raw(r, "<main id=\"main\">\n");
    if (put_sources(r, err) < 0)
        return -1;
    put_summary(r);
    if (gv_missions(r, err) < 0)
        return -1;
    if (gv_stop_search(r, err) < 0)
        return -1;
    gv_appendix(r);
    gv_methods(r);
    gv_raw(r, "</main>\n");
    put_footer(r);
    return 0;
}

/* The report as gathered: the page writer's state, out set per page. */
struct governance {
    struct report r;
};

void governance_totals(const struct governance *g, struct governance_totals *t)
{
    const struct report *r = &g->r;
    *t = (struct governance_totals){.metrics = r->statuses.n, .exceptions = r->nexceptions};
    for (size_t i = 0; i < r->statuses.n; i++) {
        t->with_data += r->views[i].st->has_data;
        t->charted += r->views[i].charted;
    }
}

int governance_gather(struct store *s, const struct plan *p, const struct governance_info *info,
                      struct governance **out, struct buf *err)
{
    struct governance *g = xcalloc(1, sizeof *g);
    g->r = (struct report){.s = s, .p = p, .info = info};
    int rc = plan_evaluate_all(s, p, info->period, &g->r.statuses, err);
    if (rc == 0)
        rc = prepare_views(&g->r, err);
    if (rc == 0)
        g->r.nexceptions = plan_exceptions(&g->r.statuses, &g->r.exceptions);
    if (rc != 0) {
        governance_free(g);
        g = NULL;
    }
    *out = g;
    return rc;
}

int governance_html(struct governance *g, struct buf *out, struct buf *err)
{
    g->r.out = out;
    int rc = write_page(&g->r, err);
    g->r.out = NULL; /* the page is the caller's */
    return rc;
}

int governance_pdf(struct governance *g, const char *path, struct buf *err)
{
    return gv_pdf(&g->r, path, err);
}

void governance_free(struct governance *g)
{
    if (!g)
        return;
    free(g->r.exceptions);
    free_views(&g->r);
    metric_statuses_free(&g->r.statuses);
    free(g);
}
