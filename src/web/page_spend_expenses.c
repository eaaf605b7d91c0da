/*
 * page_spend_expenses.c - the office-holders' expenses (Specified
 * Information Order 2011, Schedule 1 para 3(h): each item of the
 * Commissioner's and any Deputy's travel, accommodation and subsistence,
 * whatever the amount), read from the spend register:
 *
 *   /spend/expenses (.csv, .json)   the totals by month, then every item
 *                                   of the current versions by date; as
 *                                   data, every item at full precision
 *
 * An item is an office-holder's expense when its spend file said so (the
 * office holder column, ingest/spend_file.h); the register keeps it with
 * the item (store/spend.h), so a correction of a month corrects its
 * expenses too, and the transparency calendar's travel item is read from
 * the months that hold any (store/transparency.c). No amount threshold
 * applies: every such item is shown.
 */
#include "assess/spend_tables.h"
#include "model/money.h"
#include "util/html.h"
#include "util/month.h"
#include "web/page.h"
#include "web/pages.h"

#include <string.h>

/* The columns on the page: the download has every field. */
static const char *const shown[] = {
    "date", "transaction_number", "supplier", "amount", "expense_type", "purpose", NULL};

static void intro(struct buf *b)
{
    buf_puts(b, "<h1>Office-holders&#39; expenses</h1>\n<p class=\"lead\">Every item of the "
                "travel, accommodation and subsistence of the Police and Crime Commissioner "
                "and any Deputy, whatever its amount, as published month by month in the "
                "<a href=\"/spend\">spend register</a>.</p>\n<p>The law asks for each item "
                "(the Elected Local Policing Bodies (Specified Information) Order 2011, "
                "Schedule 1 paragraph 3(h)). A month once published never changes: a "
                "correction is a new version of the month, shown on its page. As data (every "
                "field, amounts in pounds to the penny): <a "
                "href=\"/spend/expenses.csv\">CSV</a> or <a "
                "href=\"/spend/expenses.json\">JSON</a>. Licence: " PAGE_OGL_LINK ".</p>\n");
}

struct months {
    struct buf *rows;
    long n, items;
    int64_t pence;
};

static void month_row(void *arg, const struct spend_total *t)
{
    struct months *m = arg;
    int month;
    char text[MONTH_TEXT_SIZE], total[MONEY_TEXT_SIZE], items[32];
    if (!month_parse(t->key, strlen(t->key), &month))
        return;
    month_format(month, text);
    money_format(t->total_pence, true, total);
    buf_puts(m->rows, "<tr><th scope=\"row\">");
    const char *ids[] = {t->key};
    page_link(m->rows, "/spend/", ids, 1, text);
    buf_puts(m->rows, "</th><td class=\"num\">");
    html_escape(m->rows, table_thousands(t->items, items, sizeof items));
    buf_puts(m->rows, "</td><td class=\"num\">");
    html_escape(m->rows, total);
    buf_puts(m->rows, "</td></tr>\n");
    m->n++;
    m->items += t->items;
    m->pence += t->total_pence;
}

/* The totals by month with their sum: 0, or -1 with err. *none: there
 * are no expenses to show. */
static int months_table(struct buf *b, struct store *s, const struct spend_filter *f, bool *none,
                        struct buf *err)
{
    struct buf rows = BUF_INIT;
    struct months m = {&rows, 0, 0, 0};
    int rc = store_spend_totals(s, f, SPEND_BY_MONTH, month_row, &m, err);
    *none = rc == 0 && m.n == 0;
    if (rc == 0 && m.n) {
        char total[MONEY_TEXT_SIZE], items[32];
        money_format(m.pence, true, total);
        buf_puts(b, "<h2 id=\"months\">By month</h2>\n");
        page_scroll_begin(b, "Office-holders' expenses by month");
        buf_puts(b, "<table class=\"data\">\n<caption>Office-holders&#39; expenses by month "
                    "(current versions)</caption>\n<thead><tr><th scope=\"col\">Month</th><th "
                    "scope=\"col\" class=\"num\">Items</th><th scope=\"col\" "
                    "class=\"num\">Total</th></tr></thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody>\n<tfoot><tr><th scope=\"row\">All months</th><td class=\"num\">");
        html_escape(b, table_thousands(m.items, items, sizeof items));
        buf_puts(b, "</td><td class=\"num\">");
        html_escape(b, total);
        buf_puts(b, "</td></tr></tfoot>\n</table>\n");
        page_scroll_end(b);
    }
    buf_free(&rows);
    return rc;
}

static void expenses_page(const struct web_request *rq, const struct spend_filter *f,
                          struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    page_begin(b, rq, "Office-holders' expenses");
    intro(b);
    bool none = false;
    int rc = months_table(b, rq->store, f, &none, &err);
    if (rc == 0 && none)
        buf_puts(b, "<p>No office-holders&#39; expenses have been published yet.</p>\n");
    struct table t;
    if (rc == 0 && !none) {
        rc = spend_items_table(rq->store, f, true, &t, &err);
        if (rc == 0) {
            buf_puts(b, "<h2 id=\"items\">Every item</h2>\n");
            page_table_columns(b, &t, "Office-holders' expenses, every item by date",
                               spend_item_headings, shown);
        }
        table_free(&t);
    }
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}

void page_spend_expenses(const struct web_request *rq, struct web_response *rs)
{
    struct spend_filter f;
    spend_filter_default(&f);
    f.office_holder = SPEND_HOLDER_ONLY;
    if (rs->format == WEB_HTML) {
        expenses_page(rq, &f, rs);
        return;
    }
    struct table t;
    struct buf err = BUF_INIT;
    if (spend_items_table(rq->store, &f, false, &t, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}
