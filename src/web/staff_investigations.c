/*
 * staff_investigations.c - the staff side's long-running investigations
 * (store/investigations.h): /staff/investigations lists each with the
 * period whose report is owed next and when it is due, overdue ones first
 * and said in words; its forms record an investigation, a report received
 * and an investigation's end (POST, CSRF, caseworkers only: staff.c).
 * The force's references carry '/', so they travel in the form, not the
 * path.
 */
#include "store/investigations.h"
#include "util/html.h"
#include "web/form.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <string.h>

#define IV "/staff/investigations"

struct listing {
    struct buf *b;
    int today;
    size_t n;
};

static void row(void *arg, const struct investigation_view *v)
{
    struct listing *l = arg;
    struct buf *b = l->b;
    l->n++;
    buf_puts(b, "<tr><th scope=\"row\">");
    html_escape(b, v->ref);
    buf_puts(b, "</th><td>");
    html_escape(b, investigation_by_text(v->by_whom) ? investigation_by_text(v->by_whom) : "");
    buf_puts(b, "</td><td>");
    page_date(b, v->began);
    buf_printf(b, "</td><td class=\"num\">%d</td><td>", v->reports);
    if (v->finished_on != DATE_NONE) {
        buf_puts(b, "ended ");
        page_date(b, v->finished_on);
        buf_puts(b, "</td><td></td></tr>\n");
        return;
    }
    buf_printf(b, "period %d, ending ", v->period);
    page_date(b, v->period_last);
    buf_puts(b, "</td><td>");
    if (v->overdue)
        buf_puts(b, "<strong>OVERDUE</strong>: was due ");
    page_date(b, v->report_due);
    buf_puts(b, "</td></tr>\n");
}

static void forms(struct buf *b, const struct staff_request *sq)
{
    buf_puts(b, "<h2>Record an investigation</h2>\n<form method=\"post\" action=\"" IV
                "\" class=\"staff-form\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"iv-ref\">The force&#39;s reference</label>\n"
                "<input id=\"iv-ref\" name=\"ref\" required maxlength=\"40\"></p>\n"
                "<p><label for=\"iv-began\">The date its 12 months run from (the complaint&#39;s"
                " date)</label>\n<input type=\"date\" id=\"iv-began\" name=\"began\" required>"
                "</p>\n<p><label for=\"iv-by\">Who investigates</label>\n<select id=\"iv-by\" "
                "name=\"by\"><option value=\"force\">the force</option><option value=\"iopc-"
                "directed\">the force, directed by the IOPC</option><option value=\"iopc\">the "
                "IOPC</option></select></p>\n<p><button type=\"submit\">Record</button></p>\n"
                "</form>\n<h2>A report received, or an investigation ended</h2>\n"
                "<form method=\"post\" action=\"" IV "/event\" class=\"staff-form\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"ev-ref\">The force&#39;s reference</label>\n"
                "<input id=\"ev-ref\" name=\"ref\" required maxlength=\"40\"></p>\n"
                "<p><label for=\"ev-kind\">What</label>\n<select id=\"ev-kind\" name=\"kind\">"
                "<option value=\"report\">the report for its next period</option><option "
                "value=\"finish\">it has ended</option></select></p>\n<p><label for=\"ev-on\">"
                "On</label>\n<input type=\"date\" id=\"ev-on\" name=\"on\" required></p>\n"
                "<p><label for=\"ev-note\">What the report says (progress, expected end, "
                "reasons, next steps; no personal details)</label>\n<textarea id=\"ev-note\" "
                "name=\"note\" maxlength=\"5000\" rows=\"4\"></textarea></p>\n"
                "<p><button type=\"submit\">Record</button></p>\n</form>\n");
}

void staff_investigations(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT, rows = BUF_INIT;
    struct listing l = {&rows, date_today(), 0};
    int rc = store_investigations_list(sq->store, l.today, false, row, &l, &err);
    if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
        buf_free(&err);
        buf_free(&rows);
        return;
    }
    staff_page_begin(b, sq, "Long-running investigations");
    buf_printf(b,
               "<h1>Long-running investigations</h1>\n<p>A complaint investigation not "
               "finished within 12 months, then within each 6 months after, must be reported "
               "on to the Commissioner as soon as practicable (Police (Complaints and "
               "Misconduct) Regulations 2020 reg. 13). The Office expects each report within "
               "%d days of its period&#39;s end; each is also a clock on "
               "<a href=\"/staff/clocks\">Deadlines</a>.</p>\n",
               INVESTIGATION_REPORT_DAYS);
    if (l.n == 0) {
        buf_puts(b, "<p>None recorded.</p>\n");
    } else {
        buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\""
                    "Investigations\">\n<table class=\"data\">\n<caption>Investigations"
                    "</caption>\n<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">"
                    "Investigated by</th><th scope=\"col\">12 months from</th><th scope=\"col\">"
                    "Reports received</th><th scope=\"col\">Now</th><th scope=\"col\">Next "
                    "report due</th></tr></thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody>\n</table>\n</div>\n");
    }
    if (staff_may(sq, "POST", IV))
        forms(b, sq);
    page_end(b, sq->rq);
    buf_free(&err);
    buf_free(&rows);
}

static void answer(struct staff_request *sq, struct web_response *rs, int rc, const struct buf *err)
{
    if (rc == 0)
        staff_redirect(rs, IV);
    else if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(err));
    else
        page_error(sq->rq, rs, rc == INVESTIGATION_UNKNOWN ? 404 : 400, buf_str(err));
}

static int form_date(const struct staff_request *sq, const char *name)
{
    const char *text = web_form_value(sq->form, name);
    int date = DATE_NONE;
    if (text)
        date_parse(text, strlen(text), &date);
    return date;
}

void staff_investigation_add(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *by = web_form_value(sq->form, "by");
    int rc = store_investigation_add(sq->store, web_form_value(sq->form, "ref"),
                                     form_date(sq, "began"), by ? by : "", &sq->by, &err);
    answer(sq, rs, rc, &err);
    buf_free(&err);
}

void staff_investigation_event(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *kind = web_form_value(sq->form, "kind"), *ref = web_form_value(sq->form, "ref");
    const char *note = web_form_value(sq->form, "note");
    int on = form_date(sq, "on"), rc;
    if (!ref || !kind || (strcmp(kind, "report") != 0 && strcmp(kind, "finish") != 0)) {
        buf_puts(&err, "give the reference and what happened (a report, or its end)");
        rc = INVESTIGATION_REFUSED;
    } else if (strcmp(kind, "report") == 0) {
        rc = store_investigation_report(sq->store, ref, on, note, &sq->by, &err);
    } else {
        rc = store_investigation_finish(sq->store, ref, on, note, &sq->by, &err);
    }
    answer(sq, rs, rc, &err);
    buf_free(&err);
}
