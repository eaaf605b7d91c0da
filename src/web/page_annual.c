/*
 * page_annual.c - the annual report's crime statistics on the site:
 *
 *   /annual                        the financial years there are figures
 *                                  for, each linked
 *   /annual/:fy (.csv, .json)      one year against the one before: the
 *                                  table of `peel stats --fy` (counts, the
 *                                  change with its rate ratio and 95%
 *                                  interval, the positive outcome rate with
 *                                  its Wilson interval), a sentence per
 *                                  line, the positive outcome rates and
 *                                  crime per 1,000 residents by district
 *   /annual/:fy/:table (.csv, .json)  "outcomes" or "areas": those tables
 *
 * Every figure is the annual report's (report/annual_report.h gathers
 * them, as `peel report annual` does), so the page, its downloads and the
 * published report cannot disagree. The page rounds for reading; the CSV
 * and JSON carry every digit. The page shows fewer columns than the
 * download (not the difference or the p-values, each interval under its
 * estimate) so that it fits a screen.
 */
#include "report/annual_report.h"
#include "render/table_html.h"
#include "store/plans.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/month.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

/* The years with figures: each from the second financial year with street
 * data (a year needs one before it) to the latest. false when none. */
static bool year_range(const struct web_request *rq, int *first_fy, int *last_fy)
{
    int first, last;
    if (!rq->store || !store_street_months(rq->store, rq->ctx->plan.force, -1, &first, &last))
        return false;
    *first_fy = fy_of_month(first) + 1;
    *last_fy = fy_of_month(last);
    return *first_fy <= *last_fy;
}

static void year_item(struct buf *b, const struct web_request *rq, int fy)
{
    char cur[FY_TEXT_SIZE], prev[FY_TEXT_SIZE];
    fy_format(fy, cur);
    fy_format(fy - 1, prev);
    buf_puts(b, "<li><a href=\"/annual/");
    html_escape(b, cur);
    buf_puts(b, "\">");
    html_escape(b, cur);
    buf_printf(b, "</a>: April %d to March %d, against %s", fy, fy + 1, prev);
    int first, last;
    if (store_street_months(rq->store, rq->ctx->plan.force, -1, &first, &last) &&
        last < fy_first_month(fy) + 11)
        buf_printf(b, " (so far: %d of its 12 months)", last - fy_first_month(fy) + 1);
    buf_puts(b, "</li>\n");
}

void page_annual_list(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body;
    page_begin(b, rq, "Crime statistics by financial year");
    buf_puts(b, "<h1>Crime statistics by financial year</h1>\n<p class=\"lead\">Recorded crime "
                "in each financial year (April to March) against the year before: whether each "
                "change is more than chance would explain, the share of crimes with a "
                "positive outcome, and crime per 1,000 residents by district. These are the "
                "figures of the Commissioner&#39;s annual report.</p>\n");
    int first, last;
    if (!year_range(rq, &first, &last)) {
        buf_puts(b, "<p>There are no figures yet: a year can be shown once there is police "
                    "data for it and for the year before.</p>\n");
    } else {
        buf_puts(b, "<ul>\n");
        for (int fy = last; fy >= first; fy--)
            year_item(b, rq, fy);
        buf_puts(b, "</ul>\n");
    }
    buf_puts(b, "<p><a href=\"/reports\">Published reports</a>, including the annual report "
                "itself.</p>\n");
    page_end(b, rq);
}

/* ---- one year ------------------------------------------------------------- */

/* The year the address names; 404 and false when it names none there are
 * figures for. */
static bool year_asked(const struct web_request *rq, struct web_response *rs, int *fy)
{
    int first, last;
    if (!fy_parse(rq->match->args[0], fy)) {
        page_error(rq, rs, 404, "There is no such year: financial years are written like 2021-22.");
        return false;
    }
    if (!year_range(rq, &first, &last) || *fy < first || *fy > last) {
        page_error(rq, rs, 404,
                   "There are no figures for that year, or none for the year "
                   "before it to compare it with.");
        return false;
    }
    return true;
}

/* What the annual report gathers, for the site's own force. */
static int gather(const struct web_request *rq, int fy, struct annual_report *r, struct buf *err)
{
    struct annual_request req = {
        .fy = fy, .scheme = SCHEME_HOME_OFFICE, .source = ANNUAL_SOURCE_AUTO};
    req.q.force = rq->ctx->plan.force;
    req.q.month_from = req.q.month_to = -1;
    return annual_report_gather(rq->store, &req, r, err);
}

static size_t total_row(const struct annual_report *r)
{
    for (size_t i = 0; i < r->res.table.nrows; i++)
        if (r->res.rows[i] == &r->res.t.total)
            return i;
    return 0;
}

static void put_summary(struct buf *b, const struct annual_report *r)
{
    int have[2] = {annual_months_present(&r->res, 0), annual_months_present(&r->res, 1)};
    if (have[0] < 12 || have[1] < 12)
        buf_printf(b,
                   "<p class=\"notice\"><b>Not yet comparable.</b> There is police data for "
                   "%d of the 12 months of %s and %d of %s; the two years can be compared "
                   "only when both are complete.</p>\n",
                   have[0], r->previous, have[1], r->current);
    buf_puts(b, "<p class=\"lead\">");
    html_escape(b, table_cell(&r->findings, total_row(r), 3)->text);
    buf_puts(b, "</p>\n");
    if (r->outcome_sentence.len) {
        buf_puts(b, "<p>The positive outcome rate of all recorded crime: ");
        html_escape(b, buf_str(&r->outcome_sentence));
        buf_puts(b, ".</p>\n");
    }
}

/* Table 1 as it fits a screen: the interval under each estimate. */
static void put_crime(struct buf *b, const struct annual_report *r)
{
    static const size_t cols[] = {
        ANNUAL_COL_CATEGORY,       ANNUAL_COL_PREVIOUS,      ANNUAL_COL_CURRENT,
        ANNUAL_COL_CHANGE_PCT,     ANNUAL_COL_CHANGE_IS,     ANNUAL_COL_RATE_RATIO,
        ANNUAL_COL_RATIO_LOWER,    ANNUAL_COL_RATIO_UPPER,   ANNUAL_COL_POSITIVE_PCT,
        ANNUAL_COL_POSITIVE_LOWER, ANNUAL_COL_POSITIVE_UPPER};
    const char *headers[ANNUAL_NCOLS];
    annual_headings(r->req.scheme == SCHEME_POLICE_UK, r->previous, r->current, headers);
    struct buf caption = BUF_INIT;
    buf_printf(&caption, "Recorded crime, %s against %s", r->current, r->previous);
    buf_puts(b, "<h2 id=\"crime\">Recorded crime</h2>\n");
    table_html(b, &r->res.table,
               &(struct table_html){.id = "crime-table",
                                    .caption = buf_str(&caption),
                                    .headers = headers,
                                    .columns = cols,
                                    .ncolumns = sizeof cols / sizeof cols[0],
                                    .join_intervals = true});
    buf_free(&caption);
}

static void put_findings(struct buf *b, const struct annual_report *r)
{
    buf_puts(b, "<h2 id=\"findings\">Is each change real?</h2>\n<ul>\n");
    for (size_t i = 0; i < r->findings.nrows; i++) {
        buf_puts(b, "<li>");
        html_escape(b, table_cell(&r->findings, i, 3)->text);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n");
}

static void put_outcomes(struct buf *b, const struct annual_report *r)
{
    static const size_t cols[] = {ANNUAL_O_CATEGORY,       ANNUAL_O_PCT_PREVIOUS,
                                  ANNUAL_O_LOWER_PREVIOUS, ANNUAL_O_UPPER_PREVIOUS,
                                  ANNUAL_O_PCT_CURRENT,    ANNUAL_O_LOWER_CURRENT,
                                  ANNUAL_O_UPPER_CURRENT,  ANNUAL_O_CHANGE_IS};
    const char *headers[ANNUAL_OUTCOME_COLUMNS];
    annual_outcome_headings(r, headers);
    buf_puts(b, "<h2 id=\"outcomes\">Positive outcome rate</h2>\n");
    if (r->outcomes.nrows == 0) {
        buf_puts(b, "<p>The figures for this year hold no outcomes.</p>\n");
        return;
    }
    table_html(b, &r->outcomes,
               &(struct table_html){.id = "outcome-table",
                                    .caption = "Positive outcome rate, both years",
                                    .headers = headers,
                                    .columns = cols,
                                    .ncolumns = sizeof cols / sizeof cols[0],
                                    .join_intervals = true});
}

static void put_areas(struct buf *b, const struct annual_report *r)
{
    const char *headers[ANNUAL_AREA_COLUMNS];
    annual_area_headings(r, headers);
    buf_puts(b, "<h2 id=\"areas\">Crime per 1,000 residents by district</h2>\n");
    table_html(b, &r->areas,
               &(struct table_html){.id = "area-table",
                                    .caption = "Recorded crime by district",
                                    .headers = headers});
}

static void data_link(struct buf *b, const char *what, const char *path)
{
    buf_printf(b, "<li>%s: <a href=\"", what);
    html_escape(b, path);
    buf_puts(b, ".csv\">CSV</a> or <a href=\"");
    html_escape(b, path);
    buf_puts(b, ".json\">JSON</a></li>\n");
}

static void put_about(struct buf *b, const struct annual_report *r)
{
    char path[64];
    buf_puts(b, "<h2 id=\"data\">The figures as data</h2>\n<p>Every figure with every digit "
                "Peel computed (this page rounds them for reading):</p>\n<ul>\n");
    snprintf(path, sizeof path, "/annual/%s", r->current);
    data_link(b, "Recorded crime, with the p-values and rates per 1,000 residents", path);
    snprintf(path, sizeof path, "/annual/%s/outcomes", r->current);
    data_link(b, "Positive outcome rates", path);
    snprintf(path, sizeof path, "/annual/%s/areas", r->current);
    data_link(b, "Districts", path);
    buf_puts(b, "</ul>\n<h2 id=\"method\">How these figures are worked out</h2>\n<ul>\n"
                "<li>A change is <b>more than chance would explain</b> when an exact test of "
                "the two years&#39; counts (the Poisson test for two counts) gives a p-value "
                "below 0.05. The <b>rate ratio</b> is this year&#39;s count over last "
                "year&#39;s; its 95% confidence interval is the range of ratios the counts are "
                "consistent with.</li>\n"
                "<li>The <b>positive outcome rate</b> is the share of the year&#39;s crimes with "
                "an outcome whose latest outcome is a charge or summons, a caution, a penalty "
                "notice, a drugs warning, a community resolution or an offence taken into "
                "consideration. Under it, its 95% Wilson score interval: how far chance alone "
                "could move a rate counted from this many crimes. Outcomes are recorded months "
                "after the crime, so a recent year&#39;s rate can rise as they arrive.</li>\n"
                "<li>Rates per 1,000 residents divide a district&#39;s crimes by its resident "
                "population (the ONS estimates).</li>\n<li>Source: ");
    if (r->res.prc_key)
        buf_puts(b, "the Home Office&#39;s Police Recorded Crime tables for the offence "
                    "groups, and police.uk street-level crime and outcomes for the outcomes "
                    "and districts");
    else
        buf_puts(b, "police.uk street-level crime and outcomes, as the force publishes them");
    buf_puts(b, "; every file is listed with its SHA-256 on the <a href=\"/open-data\">open "
                "data</a> page. Published under the " PAGE_OGL_LINK ".</li>\n</ul>\n"
                "<p><a href=\"/annual\">Every year</a> &middot; <a href=\"/reports\">Published "
                "reports</a></p>\n");
}

static void year_page(const struct web_request *rq, const struct annual_report *r,
                      struct web_response *rs)
{
    struct buf *b = &rs->body, title = BUF_INIT;
    buf_printf(&title, "Recorded crime in %s, %s", r->force, r->current);
    page_begin(b, rq, buf_str(&title));
    buf_puts(b, "<h1>");
    html_escape(b, buf_str(&title));
    buf_puts(b, "</h1>\n");
    buf_printf(b, "<p>Financial year %s (April %d to March %d) against %s.</p>\n", r->current,
               r->req.fy, r->req.fy + 1, r->previous);
    put_summary(b, r);
    put_crime(b, r);
    put_findings(b, r);
    put_outcomes(b, r);
    put_areas(b, r);
    put_about(b, r);
    page_end(b, rq);
    buf_free(&title);
}

/* The page or its table (which NULL: the crime table). */
static void annual_year(const struct web_request *rq, struct web_response *rs, const char *which)
{
    int fy;
    if (which && strcmp(which, "outcomes") != 0 && strcmp(which, "areas") != 0) {
        page_error(rq, rs, 404, "There is no such table: outcomes or areas.");
        return;
    }
    if (!year_asked(rq, rs, &fy))
        return;
    struct annual_report r;
    struct buf err = BUF_INIT;
    if (gather(rq, fy, &r, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (!which && rs->format == WEB_HTML)
        year_page(rq, &r, rs);
    else if (!which)
        pages_data(&r.res.table, rs->format, rs);
    else
        pages_data(strcmp(which, "outcomes") == 0 ? &r.outcomes : &r.areas, rs->format, rs);
    annual_report_free(&r);
    buf_free(&err);
}

void page_annual(const struct web_request *rq, struct web_response *rs)
{
    annual_year(rq, rs, NULL);
}

void page_annual_table(const struct web_request *rq, struct web_response *rs)
{
    annual_year(rq, rs, rq->match->args[1]);
}
