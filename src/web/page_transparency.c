/*
 * page_transparency.c - /transparency (+ .csv, .json): every item the
 * Commissioner must publish (the transparency calendar in use,
 * assess/transparency.h), where Peel publishes it, when it was last
 * published and when it is next due; overdue items are said in words, not
 * colour alone. The staff home page shows the overdue and due-soon items
 * with pages_transparency_due.
 *
 * Below the items, the office-holders' contact details as last recorded
 * (store/office_holders.h: the Order's para 1(b), an address for
 * correspondence), where the office-holders item is published.
 *
 * The page depends on today's date; the page cache is emptied when the
 * day turns (cache.h), so it is kept like any other page.
 */
#include "assess/transparency.h"
#include "store/office_holders.h"
#include "util/html.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

/* The status in words: "Overdue since Wednesday 28 October 2026 (3
 * periods)", "Due by ...", "Up to date: next due ...", "Nothing due". */
static void status_words(struct buf *b, const struct tr_row *row)
{
    const struct tr_status *st = &row->status;
    switch (st->state) {
    case TR_OVERDUE:
        buf_puts(b, "<strong class=\"overdue\">Overdue</strong>: was due by ");
        page_date(b, st->next_due);
        if (st->periods_overdue > 1)
            buf_printf(b, " (%d periods behind)", st->periods_overdue);
        break;
    case TR_DUE_SOON:
        buf_puts(b, "<strong>Due soon</strong>: by ");
        page_date(b, st->next_due);
        break;
    case TR_UP_TO_DATE:
        buf_puts(b, "Up to date: next due by ");
        page_date(b, st->next_due);
        break;
    case TR_NO_DUE:
        buf_puts(b, "Nothing due until the next change or event");
        break;
    }
    if (row->outstanding > 0)
        buf_printf(b, "; %d awaiting publication", row->outstanding);
}

/* Where it is published: the latest publication's address, the register's
 * page, or that Peel does not publish it yet. */
static void where(struct buf *b, const struct tr_row *row)
{
    const char *url = *row->last_url                 ? row->last_url
                      : row->reg != TR_REGISTER_NONE ? row->path
                                                     : "";
    if (*url && (url[0] == '/' || page_web_url(url))) {
        buf_puts(b, "<a href=\"");
        html_escape(b, url);
        buf_puts(b, "\">");
        html_escape(b, url);
        buf_puts(b, "</a>");
    } else if (*row->path) {
        buf_puts(b, "Not yet published in Peel (to be at <code>");
        html_escape(b, row->path);
        buf_puts(b, "</code>)");
    } else {
        buf_puts(b, "Not yet published in Peel");
    }
}

static void item_row(struct buf *b, const struct tr_row *row)
{
    char rule[160], period[16];
    tr_rule_words(&row->rule, rule, sizeof rule);
    tr_row_period(row, period, sizeof period);
    buf_puts(b, "<tr><th scope=\"row\" id=\"");
    html_escape(b, row->key);
    buf_puts(b, "\">");
    html_escape(b, row->title);
    buf_puts(b, "</th><td>");
    html_escape(b, row->source);
    buf_puts(b, "</td><td>");
    html_escape(b, row->publisher);
    buf_puts(b, "</td><td>");
    html_escape(b, rule);
    if (*period) {
        buf_puts(b, "; next: ");
        html_escape(b, period);
    }
    buf_puts(b, "</td><td>");
    where(b, row);
    buf_puts(b, "</td><td>");
    page_date(b, row->history.last_published);
    buf_puts(b, "</td><td>");
    status_words(b, row);
    buf_puts(b, "</td></tr>\n");
}

void pages_transparency_due(struct buf *b, const struct tr_report *r)
{
    buf_printf(b,
               "<p><a href=\"/transparency\">%zu overdue, and %zu due in the next %d days</a> "
               "of the %zu items the Commissioner must publish.</p>\n",
               r->overdue, r->due_soon, TR_SOON_DAYS, r->n);
    if (!r->overdue && !r->due_soon)
        return;
    buf_puts(b, "<ul>\n");
    for (size_t i = 0; i < r->n; i++) {
        const struct tr_row *row = &r->rows[i];
        if (row->status.state != TR_OVERDUE && row->status.state != TR_DUE_SOON)
            continue;
        buf_puts(b, "<li><a href=\"/transparency#");
        html_escape(b, row->key);
        buf_puts(b, "\">");
        html_escape(b, row->title);
        buf_puts(b, "</a>: ");
        status_words(b, row);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n");
}

/* The text's lines (split at \n) escaped, joined by <br>. */
static void lines(struct buf *b, const char *text)
{
    for (const char *p = text;;) {
        const char *nl = strchr(p, '\n');
        char line[512]; /* an address is at most 500 bytes */
        snprintf(line, sizeof line, "%.*s", nl ? (int)(nl - p) : (int)strlen(p), p);
        html_escape(b, line);
        if (!nl)
            return;
        buf_puts(b, "<br>\n");
        p = nl + 1;
    }
}

static void contact_item(void *arg, const struct oh_contact *c)
{
    struct buf *b = arg;
    buf_puts(b, "<h3>");
    html_escape(b, oh_holder_title(c->holder));
    buf_puts(b, ": ");
    html_escape(b, c->name);
    buf_puts(b, "</h3>\n<address>");
    lines(b, c->address);
    if (*c->email) {
        buf_puts(b, "<br>\nEmail: <a href=\"mailto:");
        html_escape(b, c->email);
        buf_puts(b, "\">");
        html_escape(b, c->email);
        buf_puts(b, "</a>");
    }
    if (*c->phone) {
        buf_puts(b, "<br>\nTelephone: ");
        html_escape(b, c->phone);
    }
    buf_puts(b, "</address>\n<p>Since ");
    page_date(b, c->from);
    buf_puts(b, ".</p>\n");
}

/* The office-holders' contact details, when the office has recorded any:
 * into b, 0; or -1 with err. */
static int contacts(struct buf *b, struct store *s, struct buf *err)
{
    struct buf items = BUF_INIT;
    int n = store_oh_current(s, contact_item, &items, err);
    if (n > 0) {
        buf_puts(b, "<h2 id=\"" OH_ANCHOR "\">Writing to the Commissioner</h2>\n<p>The address "
                    "for correspondence of each office-holder (the Order&#39;s Schedule 1 "
                    "paragraph 1(b)). Their salaries are in the <a href=\"/registers/salaries\">"
                    "salaries register</a>.</p>\n");
        buf_append(b, items.p, items.len);
    }
    buf_free(&items);
    return n < 0 ? -1 : 0;
}

static void page_html(struct buf *b, const struct web_request *rq, const struct tr_report *r,
                      const struct buf *contact)
{
    page_begin(b, rq, "What the Commissioner must publish");
    buf_puts(b, "<h1>What the Commissioner must publish</h1>\n<p class=\"lead\">The law (the "
                "Elected Local Policing Bodies (Specified Information) Order 2011 as amended, "
                "and the Police Act 1996 s.55) says what a Police and Crime Commissioner must "
                "publish, and when. This page lists each item, where it is published, when it "
                "was last published and when it is next due, as of ");
    page_date(b, r->as_of);
    buf_puts(b, ".</p>\n");
    if (r->n == 0) {
        buf_puts(b, "<p>No transparency calendar has been loaded yet.</p>\n");
        page_end(b, rq);
        return;
    }
    buf_printf(b,
               "<p><strong>%zu overdue</strong>, %zu due in the next %d days, of %zu items. "
               "A due date falls on a working day where the rule counts working days (not "
               "weekends or bank holidays of England and Wales).</p>\n",
               r->overdue, r->due_soon, TR_SOON_DAYS, r->n);
    buf_puts(b, "<p>As data: <a href=\"/transparency.csv\">CSV</a> or "
                "<a href=\"/transparency.json\">JSON</a>.</p>\n"
                "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"The items\">\n"
                "<table class=\"data\">\n<caption>Each item, its law, rule and status</caption>\n"
                "<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Law</th>"
                "<th scope=\"col\">Who publishes</th><th scope=\"col\">Rule</th>"
                "<th scope=\"col\">Where</th><th scope=\"col\">Last published</th>"
                "<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n; i++)
        item_row(b, &r->rows[i]);
    buf_puts(b, "</tbody>\n</table>\n</div>\n");
    buf_append(b, contact->p, contact->len);
    page_end(b, rq);
}

void page_transparency(const struct web_request *rq, struct web_response *rs)
{
    struct tr_report r;
    struct buf err = BUF_INIT, contact = BUF_INIT;
    if (tr_report_build(rq->store, date_today(), &r, &err) < 0 ||
        (rs->format == WEB_HTML && contacts(&contact, rq->store, &err) < 0)) {
        web_error(rq, rs, 500, buf_str(&err));
    } else if (rs->format != WEB_HTML) {
        struct table t;
        tr_report_table(&r, true, false, &t);
        pages_data(&t, rs->format, rs);
        table_free(&t);
    } else {
        page_html(&rs->body, rq, &r, &contact);
    }
    tr_report_free(&r);
    buf_free(&contact);
    buf_free(&err);
}
