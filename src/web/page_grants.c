/*
 * page_grants.c - the Safety Fund's awards on the public site
 * (store/fund.h, assess/fund_tables.h, assess/giving360.h):
 *
 *   /grants (.csv, .json)          awards by round, district and priority,
 *                                  and every award; as data, every award
 *   /grants/360giving.json, .csv   the same awards as 360Giving open data
 *
 * Only awards whose round's decision is published (the decision register
 * says when), with their conditions (Specified Information Order 2011
 * 3(f)). A sensitive award (a refuge) is listed, but never where it is:
 * its district and partnership are withheld in every format. Money is
 * written by model/money.h: for people on the page, in pounds and pence in
 * the data.
 */
#include "assess/fund_tables.h"
#include "assess/giving360.h"
#include "util/html.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

static const char *const award_headings[] = {
    "Award",    "Round",      "Recipient",  "Organisation identifier",
    "Project",  "Amount",     "District",   "Community safety partnership code",
    "Priority", "Conditions", "Award date", "Decision"};

static void intro(struct buf *b)
{
    buf_puts(b, "<h1>Grants</h1>\n<p class=\"lead\">The Commissioner&#39;s Safety Fund gives "
                "local organisations grants of up to &#163;10,000 for projects that prevent "
                "crime and protect vulnerable people. These are the grants awarded, once the "
                "decision to award them is published, with the conditions attached to each.</p>\n"
                "<p>Each round&#39;s applications are scored against a rubric and a pass mark "
                "fixed before the round opens. Where a grant supports a place that must stay "
                "private, such as a refuge, we do not publish where it is.</p>\n"
                "<p>As data: every award as <a href=\"/grants.csv\">CSV</a> or "
                "<a href=\"/grants.json\">JSON</a>, and as 360Giving open data "
                "(<a href=\"/grants/360giving.json\">JSON</a>, "
                "<a href=\"/grants/360giving.csv\">CSV</a>), the UK standard for grants, "
                "which GrantNav reads.</p>\n"
                "<p>Local organisations can <a href=\"/grants/apply\">apply for a grant</a> "
                "while a round is open.</p>\n");
}

static int totals(struct buf *b, struct store *s, enum fund_group g, struct buf *err)
{
    static const char *const ids[] = {"by-round", "by-district", "by-priority"};
    static const char *const words[] = {"Round", "District", "Priority"};
    struct table t;
    int rc = fund_totals_table(s, g, true, &t, err);
    if (rc == 0 && t.nrows) {
        const char *headings[] = {words[g], "Grants", "Awarded"};
        char caption[64];
        snprintf(caption, sizeof caption, "Grants awarded by %s",
                 g == FUND_BY_ROUND      ? "round"
                 : g == FUND_BY_DISTRICT ? "district"
                                         : "priority");
        buf_printf(b, "<h2 id=\"%s\">", ids[g]);
        html_escape(b, caption);
        buf_puts(b, "</h2>\n");
        page_table(b, &t, caption, headings);
    }
    table_free(&t);
    return rc;
}

static void summary_page(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    page_begin(b, rq, "Grants");
    intro(b);
    struct table t;
    int rc = fund_awards_table(rq->store, NULL, true, true, &t, &err);
    if (rc == 0 && t.nrows == 0)
        buf_puts(b, "<p>No grants have been published yet.</p>\n");
    for (int g = 0; rc == 0 && t.nrows && g < 3; g++)
        rc = totals(b, rq->store, (enum fund_group)g, &err);
    if (rc == 0 && t.nrows) {
        buf_puts(b, "<h2 id=\"awards\">Every grant</h2>\n");
        page_table(b, &t, "Grants awarded", award_headings);
    }
    table_free(&t);
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}

void page_grants(const struct web_request *rq, struct web_response *rs)
{
    if (rs->format == WEB_HTML) {
        summary_page(rq, rs);
        return;
    }
    struct table t;
    struct buf err = BUF_INIT;
    if (fund_awards_table(rq->store, NULL, true, false, &t, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}

void page_grants_360(const struct web_request *rq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    struct table t;
    if (rs->format == WEB_JSON) {
        if (giving360_json(rq->store, false, &rs->body, &err) < 0)
            web_error(rq, rs, 500, buf_str(&err));
    } else {
        if (giving360_table(rq->store, false, &t, &err) < 0)
            web_error(rq, rs, 500, buf_str(&err));
        else
            pages_data(&t, rs->format, rs);
        table_free(&t);
    }
    buf_free(&err);
}
