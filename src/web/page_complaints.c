/*
 * page_complaints.c - the Order's item 7C on the public site
 * (assess/complaints_data.h):
 *
 *   /complaints (.csv, .json)            every quarter published, latest
 *                                        first, each linked
 *   /complaints/:quarter (.csv, .json)   a financial quarter ("2026-27Q1"):
 *                                        the IOPC's figures for the force
 *                                        and the Commissioner's assessment
 *                                        as review body; or a financial
 *                                        year ("2025-26"): the IOPC's
 *                                        annual statistics for the force
 *
 * /complaints also lists the Commissioner's annual reports (7C(b)) as
 * published (peel report complaints, peel publish): each year's latest
 * version that stands, served by the archive (/reports/complaints/...).
 *
 * A quarter's page exists once its IOPC figures are loaded (peel iopc
 * import): that is what the transparency calendar counts as published.
 * The assessment is counted from the Office's review cases, small numbers
 * suppressed; nothing case-level is shown.
 */
#include "assess/complaints_data.h"
#include "model/forces.h"
#include "store/iopc.h"
#include "store/publish.h"
#include "util/html.h"
#include "util/month.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

static const char *const quarter_headings[] = {
    "Quarter", "From", "To", "Version", "Figures", "Loaded", "The IOPC's bulletin", "Reason"};
static const char *const iopc_headings[] = {"Measure",
                                            "Code",
                                            "Breakdown",
                                            "Figure",
                                            "Same period last year",
                                            "Most similar forces",
                                            "England and Wales",
                                            "Unit"};
static const char *const own_headings[] = {"Measure", "Code", "Figure", "Unit"};
/* On the page, each measure by its name: its code is in the data. */
static const char *const iopc_shown[] = {
    "label",          "breakdown",         "value", "last_year",
    "similar_forces", "england_and_wales", "unit",  NULL};
static const char *const own_shown[] = {"label", "value", "unit", NULL};

/* "2026-27Q1": period_format's words without the space, for an address. */
static void quarter_slug(int quarter, char out[PERIOD_TEXT_SIZE])
{
    char name[PERIOD_TEXT_SIZE];
    period_format(PERIOD_QUARTER, quarter, name);
    char *space = strchr(name, ' ');
    if (space)
        memmove(space, space + 1, strlen(space));
    snprintf(out, PERIOD_TEXT_SIZE, "%s", name);
}

static void data_links(struct buf *b, const char *path)
{
    buf_puts(b, "<p>As data (every figure as the IOPC wrote it): <a href=\"");
    html_escape(b, path);
    buf_puts(b, ".csv\">CSV</a> or <a href=\"");
    html_escape(b, path);
    buf_puts(b, ".json\">JSON</a>.</p>\n");
}

static void quarter_link(void *arg, const struct iopc_quarter_view *q)
{
    struct buf *b = arg;
    char slug[PERIOD_TEXT_SIZE], name[PERIOD_TEXT_SIZE];
    quarter_slug(q->quarter, slug);
    period_format(PERIOD_QUARTER, q->quarter, name);
    if (q->to - q->from > 100) { /* a financial year: its name is its address */
        period_format(PERIOD_YEAR, q->quarter, name);
        snprintf(slug, sizeof slug, "%s", name);
    }
    buf_puts(b, "<li><a href=\"/complaints/");
    html_escape(b, slug);
    buf_puts(b, "\">");
    html_escape(b, name);
    buf_puts(b, "</a>: figures from ");
    page_date(b, q->from);
    buf_puts(b, " to ");
    page_date(b, q->to);
    buf_puts(b, q->version > 1 ? " (corrected)" : "");
    buf_puts(b, "</li>\n");
}

/* The Commissioner's annual reports (7C(b), peel report complaints, peel
 * publish): the latest version of each year that stands, linked where the
 * archive serves it. */
struct annual_reports {
    struct buf *b;
    char seen[64][16]; /* the periods listed, newest version first */
    size_t n;
};

static void annual_report_link(void *arg, const struct publication *p, size_t files, int64_t bytes)
{
    (void)files;
    (void)bytes;
    struct annual_reports *a = arg;
    if (strcmp(p->kind, "complaints") != 0 || a->n == 64)
        return;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->seen[i], p->period) == 0)
            return;
    snprintf(a->seen[a->n++], sizeof a->seen[0], "%s", p->period);
    if (p->withdrawn_at)
        return;
    char base[96];
    snprintf(base, sizeof base, "/reports/complaints/%s/v%d/", p->period, p->version);
    buf_puts(a->b, "<li><a href=\"");
    html_escape(a->b, base);
    buf_puts(a->b, "index.html\">");
    html_escape(a->b, p->period);
    buf_puts(a->b, "</a> (<a href=\"");
    html_escape(a->b, base);
    buf_puts(a->b, "report.pdf\">PDF</a>; figures as <a href=\"");
    html_escape(a->b, base);
    buf_puts(a->b, "figures.csv\">CSV</a> or <a href=\"");
    html_escape(a->b, base);
    buf_printf(a->b, "figures.json\">JSON</a>)%s</li>\n", p->corrects ? ", corrected" : "");
}

static int annual_reports(const struct web_request *rq, struct buf *b, struct buf *err)
{
    buf_puts(b, "<h2>The Commissioner&#39;s annual report</h2>\n<p>Each year the Commissioner "
                "reports on how the Office did as the body that reviews complaint outcomes, and "
                "how the chief constable was held to account for the force&#39;s handling of "
                "complaints.</p>\n<ul>\n");
    struct annual_reports a = {.b = b};
    size_t before = b->len;
    int rc = store_publications(rq->store, annual_report_link, &a, err);
    if (b->len == before)
        buf_puts(b, "<li>No annual report has been published yet.</li>\n");
    buf_puts(b, "</ul>\n");
    return rc;
}

void page_complaints(const struct web_request *rq, struct web_response *rs)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc = complaints_quarters_table(rq->store, &t, &err);
    if (rc == 0 && rs->format != WEB_HTML) {
        pages_data(&t, rs->format, rs);
    } else if (rc == 0) {
        struct buf *b = &rs->body;
        page_head(b, rq, "Complaints about the police: quarterly information");
        page_main(b);
        buf_puts(b, "<h1>Complaints about the police: quarterly information</h1>\n"
                    "<p>Each quarter, the Independent Office for Police Conduct (IOPC) "
                    "publishes figures on the complaints the force has logged and how it "
                    "handled them. The Commissioner publishes them here with the Office&#39;s "
                    "own assessment of how it has done as the body that reviews complaint "
                    "outcomes (Specified Information Order 2011, paragraph 7C).</p>\n");
        if (t.nrows == 0)
            buf_puts(b, "<p>No quarter has been published yet.</p>\n");
        buf_puts(b, "<ul>\n");
        rc = store_iopc_quarters(rq->store, quarter_link, b, &err);
        buf_puts(b, "</ul>\n");
        if (t.nrows)
            page_table(b, &t, "Every quarter published", quarter_headings);
        data_links(b, "/complaints");
        buf_puts(b, "<h2>Annual statistics</h2>\n<p>Each year the IOPC also publishes "
                    "statistics for the whole financial year, force by force.</p>\n<ul>\n");
        size_t before = b->len;
        if (rc == 0)
            rc = store_iopc_periods(rq->store, IOPC_ANNUAL, quarter_link, b, &err);
        if (b->len == before)
            buf_puts(b, "<li>No year has been published yet.</li>\n");
        buf_puts(b, "</ul>\n");
        if (rc == 0)
            rc = annual_reports(rq, b, &err);
        buf_puts(b, "<p><a href=\"/concerns\">Raise a concern or ask for a review</a> &middot; "
                    "<a href=\"/concerns/statistics\">The Office&#39;s casework statistics</a>"
                    "</p>\n");
        page_finish(rq, rs, rc, &err);
    } else {
        web_error(rq, rs, 500, buf_str(&err));
    }
    table_free(&t);
    buf_free(&err);
}

static void about_quarter(void *arg, const struct iopc_quarter_view *q)
{
    struct buf *b = arg;
    const struct police_force *f = force_by_slug(q->force, strlen(q->force));
    buf_puts(b, "<h2>The IOPC&#39;s figures for ");
    html_escape(b, f ? f->name : q->force);
    buf_puts(b, "</h2>\n<p>Figures for ");
    page_date(b, q->from);
    buf_puts(b, " to ");
    page_date(b, q->to);
    buf_puts(b, ", as the IOPC published them");
    if (*q->url && page_web_url(q->url)) {
        buf_puts(b, " (<a href=\"");
        html_escape(b, q->url);
        buf_puts(b, "\">the IOPC&#39;s bulletin</a>)");
    }
    buf_printf(b, ". Version %d, loaded ", q->version);
    page_time(b, q->loaded_at);
    buf_puts(b, " from ");
    html_escape(b, q->file_name);
    buf_puts(b, " (SHA-256 <code>");
    html_escape(b, q->sha256);
    buf_puts(b, "</code>).");
    if (*q->reason) {
        buf_puts(b, " Corrected: ");
        html_escape(b, q->reason);
    }
    buf_puts(b, "</p>\n");
}

/* A period's page from <!doctype html> to its <h1>; its address (from
 * slug) into path. */
static void period_page_head(const struct web_request *rq, struct buf *b, const char *name,
                             const char *slug, char path[48])
{
    char title[96];
    snprintf(title, sizeof title, "Complaints about the police: %s", name);
    snprintf(path, 48, "/complaints/%s", slug);
    page_head(b, rq, title);
    page_main(b);
    buf_puts(b, "<h1>");
    html_escape(b, title);
    buf_puts(b, "</h1>\n");
}

static void quarter_page(const struct web_request *rq, int quarter, const struct table *iopc,
                         const struct table *own, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    char name[PERIOD_TEXT_SIZE], slug[PERIOD_TEXT_SIZE], path[48];
    period_format(PERIOD_QUARTER, quarter, name);
    quarter_slug(quarter, slug);
    period_page_head(rq, b, name, slug, path);
    int rc = store_iopc_quarter(rq->store, quarter, about_quarter, b, &err);
    page_table_columns(b, iopc, "The IOPC's figures", iopc_headings, iopc_shown);
    buf_puts(b, "<h2>The Commissioner&#39;s assessment as review body</h2>\n<p>The complaint "
                "reviews the Office received and decided in the quarter, counted from its own "
                "case records. A review is upheld when the Office finds that the outcome of "
                "the force&#39;s handling was not reasonable and proportionate.</p>\n");
    page_table_columns(b, own, "Complaint reviews by the Office", own_headings, own_shown);
    for (size_t i = 0; i < own->nnotes; i++) {
        buf_puts(b, "<p>");
        html_escape(b, own->notes[i]);
        buf_puts(b, "</p>\n");
    }
    data_links(b, path);
    buf_puts(b, "<p><a href=\"/complaints\">Every quarter</a></p>\n");
    page_finish(rq, rs, rc < 0 ? -1 : 0, &err);
    buf_free(&err);
}

/* A financial year's page: the IOPC's annual statistics as loaded. */
static void year_page(const struct web_request *rq, int year, struct web_response *rs)
{
    struct table t;
    struct buf err = BUF_INIT, *b = &rs->body;
    int rc = complaints_year_table(rq->store, year, &t, &err);
    char name[PERIOD_TEXT_SIZE], path[48];
    period_format(PERIOD_YEAR, year, name);
    if (rc == IOPC_UNKNOWN) {
        page_error(rq, rs, 404, "No annual figures have been published for that year.");
    } else if (rc < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else if (rs->format != WEB_HTML) {
        pages_data(&t, rs->format, rs);
    } else {
        period_page_head(rq, b, name, name, path);
        rc = store_iopc_period(rq->store, IOPC_ANNUAL, year, about_quarter, b, &err);
        page_table_columns(b, &t, "The IOPC's annual figures", iopc_headings, iopc_shown);
        data_links(b, path);
        buf_puts(b, "<p><a href=\"/complaints\">Every quarter and year</a></p>\n");
        page_finish(rq, rs, rc < 0 ? -1 : 0, &err);
    }
    table_free(&t);
    buf_free(&err);
}

void page_complaints_quarter(const struct web_request *rq, struct web_response *rs)
{
    int quarter, year;
    if (!period_parse(rq->match->args[0], PERIOD_QUARTER, &quarter) &&
        period_parse(rq->match->args[0], PERIOD_YEAR, &year)) {
        year_page(rq, year, rs);
        return;
    }
    if (!period_parse(rq->match->args[0], PERIOD_QUARTER, &quarter)) {
        page_error(rq, rs, 404,
                   "There is no such quarter or year: quarters are written like 2026-27Q1, "
                   "years like 2025-26.");
        return;
    }
    struct table iopc, own;
    struct buf err = BUF_INIT;
    int rc = complaints_quarter_tables(rq->store, quarter, &iopc, &own, &err);
    if (rc == IOPC_UNKNOWN) {
        page_error(rq, rs, 404, "No figures have been published for that quarter.");
    } else if (rc < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else if (rs->format != WEB_HTML) {
        struct table t;
        complaints_quarter_data(&iopc, &own, &t);
        pages_data(&t, rs->format, rs);
        table_free(&t);
    } else {
        quarter_page(rq, quarter, &iopc, &own, rs);
    }
    table_free(&iopc);
    table_free(&own);
    buf_free(&err);
}
