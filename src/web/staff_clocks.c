/*
 * staff_clocks.c - the staff side's deadlines: every clock overdue, every
 * one due in the next fortnight, and the contracts and tenders of the
 * contracts register and the commissioned services that end in the next
 * 90 days (clocks of subject "contract:REF", store/contracts.h, and
 * "service:REF", store/services.h: what follows a contract needs deciding
 * months ahead), as a
 * page, and as the summary on the staff home page: the counts, and the
 * overdue clocks themselves, so that what is late is seen on arrival.
 */
#include "model/calendar.h"
#include "store/clocks.h"
#include "util/html.h"
#include "web/page.h"
#include "web/staff.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define CLOCKS_SOON    14  /* days ahead the page looks */
#define CLOCKS_SHOWN   200 /* rows of each table */
#define ENDS_SOON      90  /* days ahead the page looks for a contract's or service's end */
#define CLOCKS_ON_HOME 10  /* overdue clocks listed on the staff home page */

static void clock_row(void *arg, const struct clock_view *v)
{
    struct buf *b = arg;
    const struct clock_status *st = &v->status;
    buf_printf(b, "<tr><th scope=\"row\">%" PRId64 "</th><td>", v->id);
    html_escape(b, v->subject);
    buf_puts(b, "</td><td>");
    html_escape(b, v->purpose);
    buf_puts(b, "</td><td>");
    page_date(b, st->due);
    buf_puts(b, "</td><td>");
    const char *unit = v->spec.basis == CLOCK_WORKING_DAYS ? "working day" : "day";
    int n = st->days_left < 0 ? -st->days_left : st->days_left;
    if (st->overdue)
        buf_printf(b, "<strong>overdue by %d %s%s</strong>", n, unit, n == 1 ? "" : "s");
    else if (st->due == DATE_NONE)
        buf_printf(b, "stopped, %d %s%s to count", n, unit, n == 1 ? "" : "s");
    else
        buf_printf(b, "%d %s%s left", n, unit, n == 1 ? "" : "s");
    buf_puts(b, "</td><td>");
    html_escape(b, clock_state_name(st->state));
    buf_puts(b, "</td></tr>\n");
}

/* One table of the clocks the filter picks; -1 with err. */
static int clock_table(struct buf *b, struct store *s, const struct clock_filter *f,
                       const char *caption, struct buf *err)
{
    struct buf rows = BUF_INIT;
    size_t matched = 0;
    int rc = store_clocks_list(s, f, clock_row, &rows, &matched, err);
    if (rc == 0 && matched == 0) {
        buf_puts(b, "<p>None.</p>\n");
    } else if (rc == 0) {
        page_scroll_begin(b, caption);
        buf_puts(b, "<table class=\"data\">\n<caption>");
        html_escape(b, caption);
        buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Clock</th><th scope=\"col\">"
                    "Subject</th><th scope=\"col\">For</th><th scope=\"col\">Due</th>"
                    "<th scope=\"col\">Time left</th><th scope=\"col\">State</th></tr></thead>\n"
                    "<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody>\n</table>\n</div>\n");
        if (matched > f->limit)
            buf_printf(b,
                       "<p>The first %zu of %zu: <code>peel clock list</code> has them all.</p>\n",
                       f->limit, matched);
    }
    buf_free(&rows);
    return rc;
}

/* The ends listed: the clocks of one kind of subject ("service:"). */
struct ends {
    struct buf items;
    const char *prefix;
};

/* A commissioned service's or a contract's end, as a list item: "ends in
 * N days" (a clock whose end has passed is among the overdue). */
static void subject_end(void *arg, const struct clock_view *v)
{
    struct ends *e = arg;
    struct buf *b = &e->items;
    if (strncmp(v->subject, e->prefix, strlen(e->prefix)) != 0 || v->status.due == DATE_NONE)
        return;
    buf_puts(b, "<li>");
    html_escape(b, v->purpose);
    buf_puts(b, " on ");
    page_date(b, v->status.due);
    buf_printf(b, ": ends in %d day%s (clock %" PRId64 ")</li>\n", v->status.days_left,
               v->status.days_left == 1 ? "" : "s", v->id);
}

/* The clocks of subject prefix due in the next ENDS_SOON days, under
 * a heading of what they are; -1 with err. */
static int ending(struct buf *b, struct store *s, int today, const char *prefix, const char *what,
                  struct buf *err)
{
    struct clock_filter f = {today, false, today + ENDS_SOON, CLOCKS_LIST_MAX};
    struct ends e = {BUF_INIT, prefix};
    size_t matched = 0;
    buf_printf(b, "<h2>%s ending in the next %d days</h2>\n", what, ENDS_SOON);
    int rc = store_clocks_list(s, &f, subject_end, &e, &matched, err);
    if (rc == 0 && e.items.len)
        buf_printf(b, "<ul>\n%s</ul>\n", e.items.p);
    else if (rc == 0)
        buf_puts(b, "<p>None.</p>\n");
    buf_free(&e.items);
    return rc;
}

void staff_clocks(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    int today = date_today();
    staff_page_begin(b, sq, "Deadlines");
    buf_puts(b, "<h1>Deadlines</h1>\n<p>Today is ");
    page_date(b, today);
    buf_puts(b, ". Working days leave out weekends and the England and Wales bank holidays "
                "(<code>peel calendar list</code>).</p>\n<h2>Overdue</h2>\n");
    struct clock_filter overdue = {today, true, DATE_NONE, CLOCKS_SHOWN};
    struct clock_filter soon = {today, false, today + CLOCKS_SOON, CLOCKS_SHOWN};
    int rc = clock_table(b, sq->store, &overdue, "Clocks overdue, the longest overdue first", &err);
    if (rc == 0) {
        buf_printf(b, "<h2>Due in the next %d days</h2>\n", CLOCKS_SOON);
        rc = clock_table(b, sq->store, &soon, "Clocks due soon, the soonest first", &err);
    }
    if (rc == 0)
        rc = ending(b, sq->store, today, "contract:", "Contracts and tenders", &err);
    if (rc == 0)
        rc = ending(b, sq->store, today, "service:", "Commissioned services", &err);
    if (rc < 0) {
        buf_reset(b);
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        page_end(b, sq->rq);
    }
    buf_free(&err);
}

static void count_clock(void *arg, const struct clock_view *v)
{
    (void)arg;
    (void)v;
}

void staff_clocks_summary(struct buf *b, struct staff_request *sq)
{
    int today = date_today();
    struct clock_filter overdue = {today, true, DATE_NONE, 1};
    struct clock_filter week = {today, false, today + 7, 1};
    size_t late = 0, soon = 0;
    struct buf err = BUF_INIT;
    if (store_clocks_list(sq->store, &overdue, count_clock, NULL, &late, &err) == 0 &&
        store_clocks_list(sq->store, &week, count_clock, NULL, &soon, &err) == 0) {
        buf_printf(b,
                   "<h2>Deadlines</h2>\n<p><a href=\"/staff/clocks\">%zu overdue, and %zu "
                   "due in the next 7 days</a> (overdue ones included).</p>\n",
                   late, soon);
        if (late > 0) {
            overdue.limit = CLOCKS_ON_HOME;
            clock_table(b, sq->store, &overdue, "Overdue, the longest overdue first", &err);
        }
    }
    buf_free(&err);
}
