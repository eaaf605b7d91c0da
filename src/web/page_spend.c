/*
 * page_spend.c - the spend register on the public site (store/spend.h,
 * assess/spend_tables.h):
 *
 *   /spend (.csv, .json)         totals by month (each linked), by
 *                                supplier and by expense type, the months
 *                                and the largest suppliers charted
 *                                (spend_chart.c), and every
 *                                month's versions; as data, every item
 *                                of the current versions
 *   /spend/expenses              the office-holders' expenses
 *                                (page_spend_expenses.c)
 *   /spend/:month (.csv, .json)  a month's items, its versions and what
 *                                each changed against the one before
 *
 * Every item over £500 of the Commissioner or the Chief Constable, and
 * office-holders' travel and subsistence whatever the amount (Specified
 * Information Order 2011, 3(g) and 3(h)). A published month never
 * changes: a correction is a new version that says what it changed and
 * why, so a reader can see every change ever made. Money is written by
 * model/money.h: for people on the page, at full precision in the data.
 */
#include "assess/spend_tables.h"
#include "model/money.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/month.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char ogl[] = PAGE_OGL_LINK;

const char *const spend_item_headings[] = {"Date",         "Spent by",
                                           "Body",         "Transaction",
                                           "Supplier",     "Amount",
                                           "Expense type", "Service area",
                                           "Purpose",      "Why value for money",
                                           "Version",      "Office-holder expense"};
/* An item on a screen: the body's name (which "spent by" says in short)
 * and the version are in the download. */
const char *const spend_items_shown[] = {
    "date",         "spent_by", "transaction_number", "supplier", "amount", "expense_type",
    "service_area", "purpose",  "value_for_money",    NULL};
const char *const spend_version_headings[] = {
    "Month",   "Spent by", "Version",        "Current", "Items",     "Total", "Added",
    "Removed", "Changed",  "Names redacted", "Reason",  "Published", "File",  "File SHA-256"};
/* What changed in each version (the newest is current); whether current,
 * the file and its SHA-256 are in the download, and the files on the open
 * data page. */
static const char *const versions_shown[] = {"month",    "spent_by", "version",      "items",
                                             "total",    "added",    "removed",      "changed",
                                             "redacted", "reason",   "published_at", NULL};

static void intro(struct buf *b)
{
    buf_puts(b, "<h1>Spend</h1>\n<p class=\"lead\">Every item of spending over &#163;500 by "
                "the Police and Crime Commissioner or the Chief Constable, with who was paid, "
                "what for and why it is good value for money, and every item of the "
                "office-holders&#39; travel and subsistence whatever its amount, published "
                "month by month.</p>\n<p>A month once published never changes. When a month "
                "is corrected it is published again as a new version, which lists every "
                "transaction added, removed or changed and says why. Payments to individuals "
                "are shown without their names. Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ".</p>\n");
}

struct month_rows {
    struct buf *b;
    long n;
};

static void month_row(void *arg, const struct spend_total *t)
{
    struct month_rows *m = arg;
    int month;
    char text[MONTH_TEXT_SIZE], total[MONEY_TEXT_SIZE];
    if (!month_parse(t->key, strlen(t->key), &month))
        return;
    month_format(month, text);
    money_format(t->total_pence, true, total);
    buf_puts(m->b, "<tr><th scope=\"row\">");
    const char *ids[] = {t->key};
    page_link(m->b, "/spend/", ids, 1, text);
    buf_printf(m->b, "</th><td class=\"num\">%ld</td><td class=\"num\">", t->items);
    html_escape(m->b, total);
    buf_puts(m->b, "</td></tr>\n");
    m->n++;
}

static int months_table(struct buf *b, struct store *s, struct buf *err)
{
    struct buf rows = BUF_INIT;
    struct month_rows m = {&rows, 0};
    struct spend_filter f;
    spend_filter_default(&f);
    int rc = store_spend_totals(s, &f, SPEND_BY_MONTH, month_row, &m, err);
    if (rc == 0 && m.n == 0)
        buf_puts(b, "<p>No spend has been published yet.</p>\n");
    else if (rc == 0) {
        buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Spend by "
                    "month\">\n<table class=\"data\">\n<caption>Spend by month (current "
                    "versions)</caption>\n<thead><tr><th scope=\"col\">Month</th><th "
                    "scope=\"col\" class=\"num\">Items</th><th scope=\"col\" "
                    "class=\"num\">Total</th></tr></thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody>\n</table>\n</div>\n");
    }
    buf_free(&rows);
    return rc;
}

/* A grouping's totals as a table whose each key links to its items on
 * the explorer (/spend/items?supplier=..., page_spend_explore.c). */
static void linked_totals(struct buf *b, const struct table *t, const char *param,
                          const char *heading)
{
    struct buf key = BUF_INIT, items = BUF_INIT, total = BUF_INIT;
    page_scroll_begin(b, t->title);
    buf_puts(b, "<table class=\"data\">\n<caption>");
    html_escape(b, t->title);
    buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">");
    html_escape(b, heading);
    buf_puts(b, "</th><th scope=\"col\" class=\"num\">Items</th><th scope=\"col\" "
                "class=\"num\">Total</th></tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        buf_reset(&key);
        buf_reset(&items);
        buf_reset(&total);
        table_cell_text(table_cell(t, r, 0), true, &key);
        table_cell_text(table_cell(t, r, 1), true, &items);
        table_cell_text(table_cell(t, r, 2), true, &total);
        buf_printf(b, "<tr><th scope=\"row\"><a href=\"/spend/items?%s=", param);
        struct buf q = BUF_INIT;
        page_percent_encode(&q, buf_str(&key));
        html_escape(b, buf_str(&q));
        buf_free(&q);
        buf_puts(b, "\">");
        html_escape(b, buf_str(&key));
        buf_puts(b, "</a></th><td class=\"num\">");
        html_escape(b, buf_str(&items));
        buf_puts(b, "</td><td class=\"num\">");
        html_escape(b, buf_str(&total));
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody>\n</table>\n");
    page_scroll_end(b);
    buf_free(&key);
    buf_free(&items);
    buf_free(&total);
}

/* The totals of one grouping as a table of the page. */
static int totals(struct buf *b, struct store *s, const struct spend_filter *f, enum spend_group g,
                  const char *id, const char *heading, struct buf *err)
{
    struct table t;
    int rc = spend_totals_table(s, f, g, true, &t, err);
    if (rc == 0 && t.nrows) {
        buf_printf(b, "<h2 id=\"%s\">", id);
        html_printf(b, "%s by %s", "Spend", g == SPEND_BY_SUPPLIER ? "supplier" : "expense type");
        buf_puts(b, "</h2>\n");
        if (g == SPEND_BY_SUPPLIER)
            rc = spend_chart(b, s, g, err);
        linked_totals(b, &t, g == SPEND_BY_SUPPLIER ? "supplier" : "expense", heading);
    }
    table_free(&t);
    return rc;
}

static int versions(struct buf *b, struct store *s, struct buf *err)
{
    struct table t;
    int rc = spend_versions_table(s, true, &t, err);
    if (rc == 0 && t.nrows) {
        buf_puts(b, "<h2 id=\"versions\">Every version of every month</h2>\n<p>Each month of "
                    "each body as published, newest month first: how many items, their total, "
                    "what the version changed against the one before, why, and the file it "
                    "came from with the SHA-256 of its bytes.</p>\n");
        /* the times free to wrap, so that the table (the bodies named in
         * full) fits a desktop screen */
        static const char *const tokens[] = {"published_at", NULL};
        page_table_wrapped(b, &t, "Published versions", spend_version_headings, versions_shown,
                           tokens);
    }
    table_free(&t);
    return rc;
}

static void data_links(struct buf *b, const char *month)
{
    buf_puts(b, "<p>As data (every field, amounts in pounds to the penny): <a href=\"/spend");
    if (month) {
        buf_putc(b, '/');
        html_escape(b, month);
    }
    buf_puts(b, ".csv\">CSV</a> or <a href=\"/spend");
    if (month) {
        buf_putc(b, '/');
        html_escape(b, month);
    }
    buf_puts(b, ".json\">JSON</a>. <a href=\"/spend/items\">Choose items</a> by who spent them, "
                "month, supplier or expense type. <a href=\"/spend/expenses\">The "
                "office-holders&#39; expenses</a>, every item by month.</p>\n");
}

static void summary_page(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct spend_filter f;
    spend_filter_default(&f);
    page_begin(b, rq, "Spend");
    intro(b);
    data_links(b, NULL);
    buf_puts(b, "<h2 id=\"months\">By month</h2>\n");
    int rc = spend_chart(b, rq->store, SPEND_BY_MONTH, &err);
    if (rc == 0)
        rc = months_table(b, rq->store, &err);
    if (rc == 0)
        rc = totals(b, rq->store, &f, SPEND_BY_SUPPLIER, "suppliers", "Supplier", &err);
    if (rc == 0)
        rc = totals(b, rq->store, &f, SPEND_BY_EXPENSE, "expense-types", "Expense type", &err);
    if (rc == 0)
        rc = versions(b, rq->store, &err);
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}

/* The items the filter chooses, as CSV or JSON at full precision. */
static void items_data(const struct web_request *rq, const struct spend_filter *f,
                       struct web_response *rs)
{
    struct table t;
    struct buf err = BUF_INIT;
    if (spend_items_table(rq->store, f, false, &t, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}

void page_spend(const struct web_request *rq, struct web_response *rs)
{
    struct spend_filter f;
    spend_filter_default(&f);
    if (rs->format == WEB_HTML)
        summary_page(rq, rs);
    else
        items_data(rq, &f, rs);
}

/* What each later version of the month changed. */
static int month_changes(struct buf *b, struct store *s, const struct spend_version_row *v,
                         struct buf *err)
{
    struct table t;
    int rc = spend_changes_table(s, v->body, v->month, v->version, &t, err);
    static const char *const headings[] = {"Transaction", "Change", "Fields changed"};
    if (rc == 0 && t.nrows) {
        char caption[160], total[MONEY_TEXT_SIZE];
        money_format(v->total_pence, true, total);
        snprintf(caption, sizeof caption,
                 "%s's version %d, published %.10s: %ld added, %ld "
                 "removed, %ld changed; now %ld items, %s",
                 spend_body_name(v->body), v->version, v->published_at, v->added, v->removed,
                 v->changed, v->items, total);
        page_table(b, &t, caption, headings);
        if (v->reason && *v->reason) {
            buf_puts(b, "<p>Why: ");
            html_escape(b, v->reason);
            buf_puts(b, "</p>\n");
        }
    }
    table_free(&t);
    return rc < 0 ? -1 : 0;
}

#define MONTH_VERSIONS_MAX 64

struct month_versions {
    const char *month;
    struct spend_version_row *v;
    size_t n;
    char published[MONTH_VERSIONS_MAX][32]; /* the strings of each row, kept */
    char *reason[MONTH_VERSIONS_MAX];
};

static void keep_version(void *arg, const struct spend_version_row *v)
{
    struct month_versions *m = arg;
    if (strcmp(v->month, m->month) != 0 || v->version < 2 || m->n == MONTH_VERSIONS_MAX)
        return;
    m->v[m->n] = *v;
    m->v[m->n].month = m->month;
    snprintf(m->published[m->n], sizeof m->published[m->n], "%.20s", v->published_at);
    m->v[m->n].published_at = m->published[m->n];
    m->reason[m->n] = xstrdup(v->reason);
    m->v[m->n].reason = m->reason[m->n];
    m->n++;
}

static void month_page(const struct web_request *rq, const char *month, const char *title,
                       struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct spend_filter f;
    spend_filter_default(&f);
    f.month = month;
    struct table t;
    int rc = spend_items_table(rq->store, &f, true, &t, &err);
    if (rc == 0 && t.nrows == 0) {
        page_error(rq, rs, 404, "No spend has been published for that month.");
        table_free(&t);
        buf_free(&err);
        return;
    }
    char heading[96];
    snprintf(heading, sizeof heading, "Spend in %s", title);
    page_begin(b, rq, heading);
    buf_puts(b, "<h1>");
    html_escape(b, heading);
    buf_puts(b, "</h1>\n<p><a href=\"/spend\">All months</a></p>\n");
    data_links(b, month);
    if (rc == 0)
        page_table_columns(b, &t, "Items of the current versions, by date", spend_item_headings,
                           spend_items_shown);
    table_free(&t);
    struct spend_version_row rows[MONTH_VERSIONS_MAX];
    struct month_versions mv = {.month = month, .v = rows};
    if (rc == 0)
        rc = store_spend_versions(rq->store, keep_version, &mv, &err);
    if (rc == 0 && mv.n)
        buf_puts(b, "<h2 id=\"changes\">Corrections</h2>\n<p>Each later version of the month "
                    "and what it changed against the one before.</p>\n");
    for (size_t i = 0; rc == 0 && i < mv.n; i++)
        rc = month_changes(b, rq->store, &rows[i], &err);
    for (size_t i = 0; i < mv.n; i++)
        free(mv.reason[i]);
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}

void page_spend_month(const struct web_request *rq, struct web_response *rs)
{
    const char *month = rq->match->args[0];
    int m;
    char title[MONTH_TEXT_SIZE];
    if (strlen(month) != 7 || !month_parse(month, 7, &m)) {
        page_error(rq, rs, 404, "There is no such month: months are written like 2025-03.");
        return;
    }
    month_format(m, title);
    if (rs->format == WEB_HTML) {
        month_page(rq, month, title, rs);
    } else {
        struct spend_filter f;
        spend_filter_default(&f);
        f.month = month;
        items_data(rq, &f, rs);
    }
}
