/*
 * staff_awards.c - after a Safety Fund award, on the staff side (issue
 * 18; store/fund_after.h):
 *
 *   /staff/awards/AWARD              the award (SF-R1-2): its payments,
 *                                    with what the spend register says of
 *                                    each, its monitoring returns, and the
 *                                    forms to pay, ask a return and record
 *                                    one received
 *   POST .../pay                     a payment (the finance officer)
 *   POST .../reverse                 a payment made in error reversed, with
 *                                    why (the finance officer)
 *   POST .../return-due              a return asked, with its due date (a
 *                                    clock: overdue, it is on the deadlines)
 *   POST .../return                  a return received
 *
 * Who may do which is the route table's (staff.c); the store refuses a
 * payment over the award and audits every change.
 */
#include "assess/fund_after_tables.h"
#include "model/calendar.h"
#include "model/money.h"
#include "util/html.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AW "/staff/awards"

static const char *award_arg(const struct staff_request *sq)
{
    const struct web_match *m = sq->rq->match;
    return m->nargs >= 1 ? m->args[0] : "";
}

/* ---- the page --------------------------------------------------------------- */

struct award_page {
    struct buf *b;
    int number;
    bool found;
};

static void award_facts(void *arg, const struct fund_award_view *a)
{
    struct award_page *p = arg;
    if (a->number != p->number)
        return;
    p->found = true;
    char amount[MONEY_TEXT_SIZE];
    money_format(a->amount_pence, true, amount);
    buf_puts(p->b, "<dl class=\"facts\">\n<dt>Recipient</dt><dd>");
    html_escape(p->b, a->recipient);
    buf_puts(p->b, "</dd>\n<dt>Project</dt><dd>");
    html_escape(p->b, a->title);
    buf_puts(p->b, "</dd>\n<dt>Awarded</dt><dd>");
    html_printf(p->b, "%s on %s", amount, a->awarded_on);
    buf_puts(p->b, "</dd>\n<dt>Decision</dt><dd>");
    html_printf(p->b, "%s (%s)", a->decision_ref,
                a->decided_on ? a->decided_on : "not yet taken: nothing is paid before it");
    buf_puts(p->b, "</dd>\n<dt>Application</dt><dd>");
    html_escape(p->b, a->application ? a->application : "(recorded without one)");
    buf_puts(p->b, "</dd>\n</dl>\n");
}

static void pay_form(struct buf *b, const struct staff_request *sq, const char *award)
{
    buf_puts(b, "<h2>Record a payment</h2>\n<form method=\"post\" class=\"staff-form\" action=\"" AW
                "/");
    url_encode(b, award);
    buf_puts(b, "/pay\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"amount\">Amount (&#163;)</label>\n<input type=\"text\" "
                "id=\"amount\" name=\"amount\" inputmode=\"decimal\" required></p>\n"
                "<p><label for=\"paid_on\">Paid on (YYYY-MM-DD)</label>\n<input type=\"text\" "
                "id=\"paid_on\" name=\"paid_on\" required></p>\n"
                "<p><label for=\"reference\">Reference</label>\n<input type=\"text\" "
                "id=\"reference\" name=\"reference\" maxlength=\"100\" required></p>\n"
                "<p><label for=\"txn\">Spend register transaction (optional)</label>\n"
                "<input type=\"text\" id=\"txn\" name=\"txn\" maxlength=\"64\"></p>\n"
                "<p><button type=\"submit\">Record the payment</button></p>\n</form>\n");
}

static void reverse_form(struct buf *b, const struct staff_request *sq, const char *award)
{
    buf_puts(b, "<h2>Reverse a payment made in error</h2>\n<p>The payment stays on the list, "
                "marked reversed; what is paid against the award is then the payments not "
                "reversed.</p>\n<form method=\"post\" class=\"staff-form\" action=\"" AW "/");
    url_encode(b, award);
    buf_puts(b, "/reverse\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"payment\">Payment number</label>\n<input type=\"number\" "
                "id=\"payment\" name=\"payment\" min=\"1\" required></p>\n"
                "<p><label for=\"reversed_on\">Reversed on (YYYY-MM-DD)</label>\n<input "
                "type=\"text\" id=\"reversed_on\" name=\"reversed_on\" required></p>\n"
                "<p><label for=\"reason\">Why it was made in error</label>\n<textarea "
                "id=\"reason\" name=\"reason\" rows=\"3\" maxlength=\"1000\" required>"
                "</textarea></p>\n<p><button type=\"submit\">Reverse the payment</button></p>\n"
                "</form>\n");
}

static void return_forms(struct buf *b, const struct staff_request *sq, const char *award)
{
    buf_puts(b, "<h2>Ask for a monitoring return</h2>\n<form method=\"post\" "
                "class=\"staff-form\" action=\"" AW "/");
    url_encode(b, award);
    buf_puts(b, "/return-due\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"due\">Due on (YYYY-MM-DD)</label>\n<input type=\"text\" "
                "id=\"due\" name=\"due\" required></p>\n<p><label for=\"covers\">What it "
                "covers</label>\n<input type=\"text\" id=\"covers\" name=\"covers\" "
                "maxlength=\"300\" required></p>\n<p><button type=\"submit\">Ask for it</button>"
                "</p>\n</form>\n<h2>Record a return received</h2>\n<form method=\"post\" "
                "class=\"staff-form\" action=\"" AW "/");
    url_encode(b, award);
    buf_puts(b, "/return\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"number\">Return number</label>\n<input type=\"number\" "
                "id=\"number\" name=\"number\" min=\"1\" required></p>\n<p><label "
                "for=\"received_on\">Received on (YYYY-MM-DD)</label>\n<input type=\"text\" "
                "id=\"received_on\" name=\"received_on\" required></p>\n<p><label "
                "for=\"delivered\">Outcomes delivered, against those expected</label>\n"
                "<textarea id=\"delivered\" name=\"delivered\" rows=\"4\" maxlength=\"5000\" "
                "required></textarea></p>\n<p><label for=\"status\">Status</label>\n<select "
                "id=\"status\" name=\"status\">\n<option value=\"met\">Met</option>\n<option "
                "value=\"partly-met\">Partly met</option>\n<option value=\"not-met\">Not met"
                "</option>\n</select></p>\n<p><button type=\"submit\">Record it</button></p>\n"
                "</form>\n");
}

static const char *const payment_headings[] = {
    "Award", "Recipient", "Payment",      "Paid on", "Amount", "Reference",   "Transaction",
    "Spend", "Supplier",  "Award amount", "Paid",    "To pay", "Reversed on", "Why reversed"};
static const char *const return_headings[] = {"Award",     "Recipient", "Return",   "Due on",
                                              "Covers",    "Status",    "Received", "Expected",
                                              "Delivered", "Clock"};

static int award_tables(struct buf *b, struct store *s, const char *round, int number,
                        struct buf *err)
{
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    struct table t;
    int rc = fund_payments_table(s, round, number, true, &t, err);
    buf_puts(b, "<h2>Payments</h2>\n");
    if (rc == 0 && t.nrows == 0)
        buf_puts(b, "<p>None yet.</p>\n");
    else if (rc == 0)
        page_table(b, &t, "Payments against the award", payment_headings);
    table_free(&t);
    if (rc == 0)
        rc = fund_returns_table(s, round, number, today, &t, err);
    else
        return rc;
    buf_puts(b, "<h2>Monitoring returns</h2>\n");
    if (rc == 0 && t.nrows == 0)
        buf_puts(b, "<p>None asked yet.</p>\n");
    else if (rc == 0)
        page_table(b, &t, "Monitoring returns of the award", return_headings);
    table_free(&t);
    return rc;
}

void staff_award(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    const char *award = award_arg(sq);
    char round[FUND_ROUND_KEY_SIZE];
    struct award_page p = {.b = b};
    if (!fund_award_ref_parse(award, round, &p.number)) {
        page_error(sq->rq, rs, 404, "There is no award with that reference.");
        return;
    }
    staff_page_begin(b, sq, "An award");
    buf_puts(b, "<h1>Award ");
    html_escape(b, award);
    buf_puts(b, "</h1>\n");
    int rc = store_fund_awards(sq->store, round, false, award_facts, &p, &err);
    if (rc == 0 && !p.found) {
        page_error(sq->rq, rs, 404, "There is no award with that reference.");
    } else if (rc == 0 && award_tables(b, sq->store, round, p.number, &err) == 0) {
        if (staff_may(sq, "POST", AW "/:award/pay"))
            pay_form(b, sq, award);
        if (staff_may(sq, "POST", AW "/:award/reverse"))
            reverse_form(b, sq, award);
        if (staff_may(sq, "POST", AW "/:award/return"))
            return_forms(b, sq, award);
        page_end(b, sq->rq);
    } else {
        web_error(sq->rq, rs, 500, buf_str(&err));
    }
    buf_free(&err);
}

/* ---- the changes ------------------------------------------------------------ */

static const char *field(const struct staff_request *sq, const char *name)
{
    const char *v = web_form_value(sq->form, name);
    return v && *v ? v : NULL;
}

static void answer(struct staff_request *sq, struct web_response *rs, const char *award, int rc,
                   const struct buf *err)
{
    char path[96];
    snprintf(path, sizeof path, AW "/%s", award);
    staff_fund_answer(sq, rs, path, rc, err);
}

void staff_award_pay(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *award = award_arg(sq);
    struct fund_payment_new p = {.paid_on = field(sq, "paid_on"),
                                 .reference = field(sq, "reference"),
                                 .spend_txn = field(sq, "txn")};
    char round[FUND_ROUND_KEY_SIZE];
    int rc = FUND_UNKNOWN, number = 0;
    if (!fund_award_ref_parse(award, round, &p.award))
        buf_puts(&err, "There is no award with that reference.");
    else if (!field(sq, "amount") || !money_parse(field(sq, "amount"), &p.amount_pence) ||
             p.amount_pence <= 0)
        rc = (buf_puts(&err, "The amount is in pounds, over nothing: 4,925 or 4925.50."), FUND_BAD);
    else
        rc = (p.round = round, store_fund_pay(sq->store, &p, &sq->by, &number, &err));
    answer(sq, rs, award, rc, &err);
    buf_free(&err);
}

/* A whole number of at most four digits, or 0. */
static int small_number(const char *text)
{
    if (!text || !*text || strspn(text, "0123456789") != strlen(text) || strlen(text) > 4)
        return 0;
    return (int)strtol(text, NULL, 10);
}

void staff_award_reverse(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *award = award_arg(sq);
    char round[FUND_ROUND_KEY_SIZE];
    struct fund_reversal_new r = {.round = round,
                                  .payment = small_number(field(sq, "payment")),
                                  .reversed_on = field(sq, "reversed_on"),
                                  .reason = field(sq, "reason")};
    int rc = FUND_UNKNOWN;
    if (!fund_award_ref_parse(award, round, &r.award))
        buf_puts(&err, "There is no award with that reference.");
    else if (r.payment == 0)
        rc = (buf_puts(&err, "The payment's number is needed."), FUND_BAD);
    else
        rc = store_fund_reverse(sq->store, &r, &sq->by, &err);
    answer(sq, rs, award, rc, &err);
    buf_free(&err);
}

void staff_award_return_due(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *award = award_arg(sq);
    char round[FUND_ROUND_KEY_SIZE];
    int n = 0, rc = FUND_UNKNOWN, number = 0;
    if (!fund_award_ref_parse(award, round, &n))
        buf_puts(&err, "There is no award with that reference.");
    else
        rc = store_fund_return_due(sq->store, round, n, field(sq, "due"), field(sq, "covers"),
                                   &sq->by, &number, &err);
    answer(sq, rs, award, rc, &err);
    buf_free(&err);
}

void staff_award_return(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *award = award_arg(sq);
    char round[FUND_ROUND_KEY_SIZE];
    enum fund_return_status status;
    int number = small_number(field(sq, "number"));
    int n = 0, rc = FUND_UNKNOWN;
    if (!fund_award_ref_parse(award, round, &n))
        buf_puts(&err, "There is no award with that reference.");
    else if (number == 0 || !fund_return_status_parse(field(sq, "status"), &status))
        rc = (buf_puts(&err, "The return's number and a status (met, partly met, not met) are "
                             "needed."),
              FUND_BAD);
    else
        rc = store_fund_return_record(sq->store, round, n, number, field(sq, "received_on"),
                                      field(sq, "delivered"), status, &sq->by, &err);
    answer(sq, rs, award, rc, &err);
    buf_free(&err);
}
