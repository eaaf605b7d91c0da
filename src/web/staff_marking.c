/*
 * staff_marking.c - "Your applications to mark" (issue 18;
 * store/fund_allocate.h): /staff/marking lists the Safety Fund
 * applications allocated to the assessor signed in, every round's, each
 * linking to its page (/staff/applications/REF, where the scoring form
 * is), with the round's closing date and how many of the rubric's
 * criteria they have scored. An allocation they have since declared a
 * conflict with is shown as such: they no longer mark it (the store and
 * the database refuse the score), and the next allocation gives it to
 * another assessor. Only their own allocations: who marks what else is
 * the round's moderators' to see (peel application allocations).
 */
#include "store/fund_allocate.h"
#include "util/html.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>

struct marking {
    struct buf *b;
    int rows, to_mark;
};

static void marking_row(void *arg, const struct fund_allocation_view *v)
{
    struct marking *m = arg;
    bool done = v->scored >= v->criteria;
    m->rows++;
    m->to_mark += !v->conflicted && !done;
    buf_puts(m->b, "<tr><td><a href=\"/staff/applications/");
    url_encode(m->b, v->ref);
    buf_puts(m->b, "\">");
    html_escape(m->b, v->ref);
    buf_puts(m->b, "</a></td><td>");
    html_escape(m->b, v->org_name);
    buf_puts(m->b, "</td><td>");
    html_escape(m->b, v->project);
    buf_puts(m->b, "</td><td>");
    html_printf(m->b, "%s (closes %s)", v->round, v->closes_on);
    buf_printf(m->b, "</td><td>%ld of %ld</td><td>", v->scored, v->criteria);
    buf_puts(m->b, v->conflicted ? "Conflict declared: not yours to mark"
                   : done        ? "Marked"
                                 : "To mark");
    buf_puts(m->b, "</td></tr>\n");
}

void staff_marking(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT, rows = BUF_INIT;
    struct marking m = {&rows, 0, 0};
    staff_page_begin(b, sq, "Your applications to mark");
    buf_puts(b, "<h1>Your applications to mark</h1>\n");
    if (store_fund_allocations(sq->store, NULL, sq->who->username, marking_row, &m, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else if (m.rows == 0) {
        buf_puts(b, "<p>No application is allocated to you.</p>\n");
        page_end(b, sq->rq);
    } else {
        buf_printf(b,
                   "<p>%d of the %d allocated to you still to mark. Score each criterion of "
                   "the rubric on the application&#39;s page; declare a conflict there "
                   "first if you have one.</p>\n",
                   m.to_mark, m.rows);
        buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\""
                    "Applications allocated to you\">\n<table class=\"data\">\n<caption>"
                    "Applications allocated to you</caption>\n<thead><tr>"
                    "<th scope=\"col\">Application</th><th scope=\"col\">Organisation</th>"
                    "<th scope=\"col\">Project</th><th scope=\"col\">Round</th>"
                    "<th scope=\"col\">Criteria scored</th><th scope=\"col\">State</th></tr>"
                    "</thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody>\n</table>\n</div>\n");
        page_end(b, sq->rq);
    }
    buf_free(&rows);
    buf_free(&err);
}
