/*
 * page_budget.c - the budget register on the public site (store/budget.h,
 * assess/budget_tables.h):
 *
 *   /budget (.csv, .json)           the newest year's budget by heading,
 *                                   each year linked, the precept and its
 *                                   timetable, the medium-term financial
 *                                   strategies and every version; as
 *                                   data, every year's headings
 *   /budget/:year (.csv, .json)     a year's headings and its versions
 *   /budget/precept (.csv, .json)   the precept's steps, every year
 *   /budget/mtfs (.csv, .json)      every year of every strategy
 *
 * The budget and precept before the year begins (Specified Information
 * Order 2011, 3(a)-(e)). A published year never changes: a correction is
 * a new version, with why. Money is written by model/money.h: for people
 * on the page, at full precision in the data.
 */
#include "assess/budget_tables.h"
#include "model/money.h"
#include "util/html.h"
#include "util/month.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

static const char *const line_headings[] = {
    "Year", "Version", "Heading", "Amount", "Share of total (%)", "File line"};
const char *const budget_version_headings[] = {"Year",      "Version", "Current",
                                               "Headings",  "Total",   "Reason",
                                               "Published", "File",    "File SHA-256"};
/* The strategies' columns a screen shows: the title, the reason for a
 * version and the file's SHA-256 are in the download (/budget/mtfs.csv). */
static const char *const mtfs_shown[] = {"strategy", "version",     "current", "published_on",
                                         "year",     "requirement", "funding", "gap",
                                         "url",      NULL};
static const char *const precept_headings[] = {"Year",    "Step", "On",   "Band D",
                                               "Precept", "Veto", "Note", "Recorded"};
static const char *const mtfs_headings[] = {
    "Strategy",           "Version", "Current", "Title",  "Published", "Year",
    "Budget requirement", "Funding", "Gap",     "Reason", "Address",   "File SHA-256"};

static const char ogl[] = PAGE_OGL_LINK;

static void data_links(struct buf *b, const char *path)
{
    buf_puts(b, "<p>As data (every field, amounts in pounds to the penny): <a href=\"");
    html_escape(b, path);
    buf_puts(b, ".csv\">CSV</a> or <a href=\"");
    html_escape(b, path);
    buf_puts(b, ".json\">JSON</a>.</p>\n");
}

struct years {
    struct buf *b;
    int newest; /* 0: none */
};

/* Each year published, as links; the newest kept. */
static void year_link(void *arg, const struct budget_version_row *v)
{
    struct years *y = arg;
    struct buf *b = y->b;
    if (!v->current)
        return;
    if (v->fy > y->newest)
        y->newest = v->fy;
    char fy[FY_TEXT_SIZE], total[MONEY_TEXT_SIZE];
    fy_format(v->fy, fy);
    money_format(v->total_pence, true, total);
    buf_puts(b, "<li>");
    const char *ids[] = {fy};
    page_link(b, "/budget/", ids, 1, fy);
    buf_puts(b, ": ");
    html_escape(b, total);
    if (v->version > 1)
        buf_printf(b, " (version %d)", v->version);
    buf_puts(b, "</li>\n");
}

/* A table of the register under its heading, or what is not yet there. */
static int section(struct buf *b, int rc, struct table *t, const char *id, const char *heading,
                   const char *none, const char *const *headings, const char *const *shown)
{
    buf_printf(b, "<h2 id=\"%s\">", id);
    html_escape(b, heading);
    buf_puts(b, "</h2>\n");
    if (rc >= 0 && t->nrows == 0) {
        buf_puts(b, "<p>");
        html_escape(b, none);
        buf_puts(b, "</p>\n");
    } else if (rc >= 0) {
        page_table_columns(b, t, t->title, headings, shown);
        if (shown)
            buf_puts(b, "<p>The CSV and JSON hold every column, more than this table "
                        "shows.</p>\n");
    }
    table_free(t);
    return rc < 0 ? -1 : 0;
}

static void summary_page(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT, years = BUF_INIT;
    struct store *s = rq->store;
    page_begin(b, rq, "Budget");
    buf_puts(b, "<h1>Budget, precept and financial strategy</h1>\n<p class=\"lead\">How much "
                "the Police and Crime Commissioner plans to spend each year and on what, the "
                "precept (the policing part of the council tax) with its Band D figure, and "
                "the medium-term financial strategy, each published before the year it is "
                "for begins.</p>\n<p>A year once published never changes: a correction is "
                "published as a new version that says why. Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ".</p>\n");
    data_links(b, "/budget");
    struct years y = {&years, 0};
    int rc = store_budget_versions(s, year_link, &y, &err);
    if (rc == 0 && years.len) {
        buf_puts(b, "<h2 id=\"years\">Each year</h2>\n<ul>\n");
        buf_append(b, years.p, years.len);
        buf_puts(b, "</ul>\n");
    }
    struct table t;
    if (rc == 0)
        rc = section(b, budget_lines_table(s, y.newest, 0, true, &t, &err), &t, "headings",
                     "The newest year by heading", "No budget has been published yet.",
                     line_headings, NULL);
    if (rc == 0)
        rc = section(b, precept_table(s, true, &t, &err), &t, "precept", "The precept",
                     "No step of the precept has been recorded yet.", precept_headings, NULL);
    if (rc == 0)
        data_links(b, "/budget/precept");
    if (rc == 0)
        rc = section(
            b, mtfs_table(s, true, &t, &err), &t, "mtfs", "Medium-term financial strategies",
            "No medium-term financial strategy has been published yet.", mtfs_headings, mtfs_shown);
    if (rc == 0)
        data_links(b, "/budget/mtfs");
    if (rc == 0)
        rc = section(b, budget_versions_table(s, true, &t, &err), &t, "versions",
                     "Every version of every year", "None published.", budget_version_headings,
                     NULL);
    page_finish(rq, rs, rc, &err);
    buf_free(&years);
    buf_free(&err);
}

/* A table as CSV or JSON at full precision. */
static void data(const struct web_request *rq, struct web_response *rs, int rc, struct table *t,
                 struct buf *err)
{
    if (rc < 0)
        web_error(rq, rs, 500, buf_str(err));
    else
        pages_data(t, rs->format, rs);
    table_free(t);
    buf_free(err);
}

void page_budget(const struct web_request *rq, struct web_response *rs)
{
    struct table t;
    struct buf err = BUF_INIT;
    if (rs->format == WEB_HTML)
        summary_page(rq, rs);
    else
        data(rq, rs, budget_lines_table(rq->store, 0, 0, false, &t, &err), &t, &err);
}

static void year_page(const struct web_request *rq, int fy, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct table t;
    int rc = budget_lines_table(rq->store, fy, 0, true, &t, &err);
    if (rc == 0) {
        table_free(&t);
        buf_free(&err);
        page_error(rq, rs, 404, "No budget has been published for that year.");
        return;
    }
    char fyt[FY_TEXT_SIZE], heading[64], path[32];
    fy_format(fy, fyt);
    snprintf(heading, sizeof heading, "Budget %s", fyt);
    snprintf(path, sizeof path, "/budget/%s", fyt);
    page_begin(b, rq, heading);
    buf_puts(b, "<h1>");
    html_escape(b, heading);
    buf_puts(b, "</h1>\n<p><a href=\"/budget\">Every year, the precept and the strategy</a></p>\n");
    data_links(b, path);
    if (rc > 0)
        page_table(b, &t, t.title, line_headings);
    table_free(&t);
    page_finish(rq, rs, rc < 0 ? -1 : 0, &err);
    buf_free(&err);
}

void page_budget_part(const struct web_request *rq, struct web_response *rs)
{
    const char *part = rq->match->args[0];
    struct table t;
    struct buf err = BUF_INIT;
    bool precept = strcmp(part, "precept") == 0, mtfs = strcmp(part, "mtfs") == 0;
    int fy;
    if (!precept && !mtfs && !(strlen(part) == 7 && fy_parse(part, &fy))) {
        page_error(rq, rs, 404, "There is no such year: years are written like 2025-26.");
    } else if (!precept && !mtfs && rs->format == WEB_HTML) {
        year_page(rq, fy, rs);
    } else if (!precept && !mtfs) {
        int rc = budget_lines_table(rq->store, fy, 0, false, &t, &err);
        if (rc == 0) {
            table_free(&t);
            page_error(rq, rs, 404, "No budget has been published for that year.");
        } else {
            data(rq, rs, rc, &t, &err);
        }
    } else if (rs->format != WEB_HTML) {
        data(rq, rs,
             precept ? precept_table(rq->store, false, &t, &err)
                     : mtfs_table(rq->store, false, &t, &err),
             &t, &err);
    } else {
        struct buf *b = &rs->body;
        const char *heading = precept ? "The precept" : "Medium-term financial strategies";
        page_begin(b, rq, heading);
        buf_puts(b, "<h1>");
        html_escape(b, heading);
        buf_puts(b, "</h1>\n<p><a href=\"/budget\">The budget</a></p>\n");
        data_links(b, precept ? "/budget/precept" : "/budget/mtfs");
        int rc = precept ? precept_table(rq->store, true, &t, &err)
                         : mtfs_table(rq->store, true, &t, &err);
        rc = section(b, rc, &t, "all", precept ? "Every step" : "Every year of every version",
                     "None yet.", precept ? precept_headings : mtfs_headings,
                     precept ? NULL : mtfs_shown);
        page_finish(rq, rs, rc, &err);
    }
    buf_free(&err);
}
