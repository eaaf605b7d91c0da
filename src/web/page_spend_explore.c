/*
 * page_spend_explore.c - the spend register's explorer (issue 17: "an
 * explorer with the site's CSV/JSON conventions"):
 *
 *   /spend/items (.csv, .json)   the items of the current versions that the
 *                                query chooses: ?body=pcc|force,
 *                                month=YYYY-MM, supplier=, expense= (each
 *                                exactly as published), office_holder=
 *                                yes|no (the office-holders' expenses,
 *                                Order 3(h), or none of them); none:
 *                                every item
 *
 * The page is a form of those fields, the number of items chosen and
 * their total, the first SPEND_SHOWN of them, and the same query as CSV
 * and JSON (every item, at full precision). The /spend page's totals by
 * supplier and by expense type link here. A query the explorer cannot
 * read is a 400 naming the field. The routes read the query string, so
 * they are never cached (router.h).
 */
#include "assess/spend_tables.h"
#include "model/money.h"
#include "util/html.h"
#include "util/month.h"
#include "util/numfmt.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/params.h"

#include <stdio.h>
#include <string.h>

#define SPEND_SHOWN 500 /* items on the page; the downloads hold them all */

/* The columns on the page: fewer than a month's page shows, so that the
 * items of any month fit a desktop screen; the downloads and each month's
 * page have the service area and why it is value for money. */
static const char *const shown[] = {"date",     "spent_by", "transaction_number",
                                    "supplier", "amount",   "expense_type",
                                    "purpose",  NULL};

/* The query as read: the filter, and what was typed, to write it back. */
struct spend_query {
    struct spend_filter f;
    const char *body, *month, *supplier, *expense, *office_holder;
};

static const char *given(const struct web_target *t, const char *name)
{
    const char *v = web_param(t, name);
    return v && *v ? v : NULL;
}

/* 0, or the field that cannot be read with why in why. */
static bool query_read(const struct web_target *t, struct spend_query *q, char *why, size_t n)
{
    *q = (struct spend_query){.body = given(t, "body"),
                              .month = given(t, "month"),
                              .supplier = given(t, "supplier"),
                              .expense = given(t, "expense"),
                              .office_holder = given(t, "office_holder")};
    spend_filter_default(&q->f);
    enum spend_body body;
    int m;
    if (q->body && !spend_body_parse(q->body, &body))
        return snprintf(why, n, "body: pcc (the Commissioner) or force (the Chief Constable)."),
               false;
    if (q->month && (strlen(q->month) != 7 || !month_parse(q->month, 7, &m)))
        return snprintf(why, n, "month: a month is written like 2025-03."), false;
    if (q->office_holder && strcmp(q->office_holder, "yes") != 0 &&
        strcmp(q->office_holder, "no") != 0)
        return snprintf(why, n,
                        "office_holder: yes (the office-holders' expenses) or no (none of "
                        "them)."),
               false;
    q->f.office_holder = !q->office_holder                      ? SPEND_HOLDER_ANY
                         : strcmp(q->office_holder, "yes") == 0 ? SPEND_HOLDER_ONLY
                                                                : SPEND_HOLDER_NONE;
    q->f.body = q->body ? (int)body : -1;
    q->f.month = q->month;
    q->f.supplier = q->supplier;
    q->f.expense = q->expense;
    return true;
}

static void param(struct buf *out, const char *name, const char *value)
{
    if (!value)
        return;
    buf_puts(out, out->len ? "&" : "");
    buf_puts(out, name);
    buf_putc(out, '=');
    page_percent_encode(out, value);
}

/* The query string that gives the same items ("" for every item). */
static void query_string(const struct spend_query *q, struct buf *out)
{
    param(out, "body", q->body);
    param(out, "month", q->month);
    param(out, "supplier", q->supplier);
    param(out, "expense", q->expense);
    param(out, "office_holder", q->office_holder);
}

static void text_field(struct buf *b, const char *name, const char *label, const char *value,
                       const char *extra)
{
    buf_printf(b, "<div class=\"field\"><label for=\"%s\">", name);
    html_escape(b, label);
    buf_printf(b, "</label> <input id=\"%s\" name=\"%s\" type=\"text\"%s value=\"", name, name,
               extra);
    html_escape(b, value ? value : "");
    buf_puts(b, "\"></div>\n");
}

static void option(struct buf *b, const char *value, const char *label, const char *chosen)
{
    bool on = chosen ? strcmp(chosen, value) == 0 : !*value;
    buf_puts(b, "<option value=\"");
    html_escape(b, value);
    buf_printf(b, "\"%s>", on ? " selected" : "");
    html_escape(b, label);
    buf_puts(b, "</option>\n");
}

static void query_form(struct buf *b, const struct spend_query *q)
{
    buf_puts(b, "<form method=\"get\" action=\"/spend/items\" class=\"explore\">\n"
                "<fieldset><legend>Choose the items</legend>\n"
                "<div class=\"field\"><label for=\"body\">Spent by</label> "
                "<select id=\"body\" name=\"body\">\n");
    option(b, "", "Either", q->body);
    for (int i = 0; i < SPEND_BODIES; i++)
        option(b, spend_body_word((enum spend_body)i), spend_body_name((enum spend_body)i),
               q->body);
    buf_puts(b, "</select></div>\n");
    text_field(b, "month", "Month (2025-03)", q->month,
               " inputmode=\"numeric\" size=\"8\" autocomplete=\"off\"");
    text_field(b, "supplier", "Supplier (exactly as published)", q->supplier, "");
    text_field(b, "expense", "Expense type (exactly as published)", q->expense, "");
    buf_puts(b, "<div class=\"field\"><label for=\"office_holder\">Office holders&#39; "
                "expenses</label> <select id=\"office_holder\" name=\"office_holder\">\n");
    option(b, "", "Any item", q->office_holder);
    option(b, "yes", "Only the office holders' expenses", q->office_holder);
    option(b, "no", "None of the office holders' expenses", q->office_holder);
    buf_puts(b, "</select></div>\n");
    buf_puts(b, "</fieldset>\n<p><button type=\"submit\">Show the items</button> "
                "<a href=\"/spend/items\">Every item</a></p>\n</form>\n");
}

struct sum {
    long n;
    int64_t pence;
};

static void add_item(void *arg, enum spend_body body, int version, const struct spend_item *it)
{
    (void)body;
    (void)version;
    struct sum *s = arg;
    s->n++;
    s->pence += it->amount_pence;
}

static void downloads(struct buf *b, const struct spend_query *q)
{
    struct buf qs = BUF_INIT;
    query_string(q, &qs);
    const char *sep = qs.len ? "?" : "";
    buf_printf(b,
               "<p>These items as data (every one, amounts to the penny): <a "
               "href=\"/spend/items.csv%s",
               sep);
    html_escape(b, buf_str(&qs));
    buf_printf(b, "\">CSV</a> or <a href=\"/spend/items.json%s", sep);
    html_escape(b, buf_str(&qs));
    buf_puts(b, "\">JSON</a>. Licence: " PAGE_OGL_LINK ".</p>\n");
    buf_free(&qs);
}

/* The chosen items on the page: 0, or -1 with err. */
static int results(struct buf *b, struct store *s, const struct spend_query *q, struct buf *err)
{
    struct sum sum = {0, 0};
    if (store_spend_items(s, &q->f, add_item, &sum, err) < 0)
        return -1;
    char n[32], total[MONEY_TEXT_SIZE];
    money_format(sum.pence, true, total);
    buf_puts(b, "<h2 id=\"results\">Items</h2>\n<p role=\"status\">");
    html_printf(b, "%s %s, %s in all.", table_thousands(sum.n, n, sizeof n),
                sum.n == 1 ? "item" : "items", total);
    buf_puts(b, "</p>\n");
    downloads(b, q);
    if (sum.n == 0)
        return 0;
    struct table t;
    if (spend_items_table(s, &q->f, true, &t, err) < 0) {
        table_free(&t);
        return -1;
    }
    size_t all = t.nrows; /* shown: the first SPEND_SHOWN; freed whole */
    if (t.nrows > SPEND_SHOWN) {
        t.nrows = SPEND_SHOWN;
        buf_printf(b, "<p>The first %d, by date: the CSV and JSON hold them all.</p>\n",
                   SPEND_SHOWN);
    }
    page_table_columns(b, &t, "The items chosen, by date", spend_item_headings, shown);
    buf_puts(b, "<p>Each item&#39;s service area and why it is value for money are in the CSV and "
                "JSON, and on its month&#39;s page.</p>\n");
    t.nrows = all;
    table_free(&t);
    return 0;
}

void page_spend_items(const struct web_request *rq, struct web_response *rs)
{
    struct spend_query q;
    char why[160];
    if (!query_read(rq->target, &q, why, sizeof why)) {
        page_error(rq, rs, 400, why);
        return;
    }
    if (rs->format != WEB_HTML) {
        struct table t;
        struct buf err = BUF_INIT;
        if (spend_items_table(rq->store, &q.f, false, &t, &err) < 0)
            web_error(rq, rs, 500, buf_str(&err));
        else
            pages_data(&t, rs->format, rs);
        table_free(&t);
        buf_free(&err);
        return;
    }
    struct buf *b = &rs->body, err = BUF_INIT;
    page_begin(b, rq, "Spend: the items");
    buf_puts(b, "<h1>Spend: the items</h1>\n<p class=\"lead\">Every item of the published "
                "months, as they now stand, chosen by who spent it, the month, the supplier, "
                "the expense type or whether it is an office holder&#39;s expense.</p>\n<p><a "
                "href=\"/spend\">Spend by month, supplier and "
                "expense type</a></p>\n");
    query_form(b, &q);
    int rc = results(b, rq->store, &q, &err);
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}
