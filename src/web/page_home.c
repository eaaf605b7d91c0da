/*
 * page_home.c - the home page: the plan's vision, what needs attention
 * (the exceptions, in `peel exceptions` order), and each mission with its
 * metrics and their status.
 */
#include "util/html.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdlib.h>

static void exception_item(struct buf *b, const struct plan_exception *e)
{
    const char *ids[] = {e->st->metric->id};
    buf_puts(b, "<li>");
    page_link(b, "/metric/", ids, 1, e->st->metric->title);
    buf_puts(b, ": <strong>");
    if (e->target)
        buf_puts(b, "<span class=\"v v-worse\" aria-hidden=\"true\">\xe2\x9c\x97</span> target");
    else
        page_variation(b, e->st);
    buf_puts(b, "</strong>, ");
    html_escape(b, plan_exception_rule(e));
    buf_puts(b, ".<br>");
    struct buf sentence = BUF_INIT;
    plan_exception_sentence(e, &sentence);
    html_escape(b, buf_str(&sentence));
    buf_free(&sentence);
    buf_puts(b, "</li>\n");
}

static void exceptions(struct buf *b, const struct metric_statuses *l)
{
    struct plan_exception *found;
    size_t n = plan_exceptions(l, &found);
    buf_puts(b, "<section aria-labelledby=\"exceptions\">\n<h2 id=\"exceptions\">"
                "What needs attention</h2>\n");
    if (n == 0) {
        buf_puts(b, "<p>Nothing: every charted metric is within its usual range, and no "
                    "target is missed beyond chance.</p>\n");
    } else {
        buf_printf(b,
                   "<p>%zu exception%s: a metric whose latest value is a real change (special "
                   "cause variation on its chart), or whose target is missed beyond chance. Most "
                   "serious first.</p>\n<ol class=\"exceptions\">\n",
                   n, n == 1 ? "" : "s");
        for (size_t i = 0; i < n; i++)
            exception_item(b, &found[i]);
        buf_puts(b, "</ol>\n");
    }
    buf_puts(b, "</section>\n");
    free(found);
}

/* A mission's metrics are a run of the statuses (they are in plan order),
 * starting at *next; *next moves past them. */
static void mission(struct buf *b, const struct plan_mission *m, size_t index,
                    const struct metric_statuses *l, size_t *next)
{
    buf_printf(b, "<section aria-labelledby=\"mission-%zu\">\n<h2 id=\"mission-%zu\">", index,
               index);
    const char *ids[] = {m->id};
    page_link(b, "/plan/", ids, 1, m->title);
    buf_puts(b, "</h2>\n");
    if (m->summary) {
        buf_puts(b, "<p>");
        html_escape(b, m->summary);
        buf_puts(b, "</p>\n");
    }
    size_t n = 0;
    for (size_t i = 0; i < m->nstrategies; i++)
        n += m->strategies[i].nmetrics;
    if (*next + n > l->n)
        n = l->n - *next; /* never: plan_evaluate gives every metric */
    struct buf caption = BUF_INIT;
    buf_printf(&caption, "%s: headline metrics", m->title);
    pages_status_table(b, l->items + *next, n, buf_str(&caption));
    buf_free(&caption);
    *next += n;
    buf_puts(b, "</section>\n");
}

static void how_to_read(struct buf *b)
{
    buf_puts(
        b,
        "<section aria-labelledby=\"how-to-read\">\n<h2 id=\"how-to-read\">How to read the "
        "icons</h2>\n<p>Each metric is charted month by month (an XmR chart, as NHS &#8220;Making "
        "Data Count&#8221; does). The icon says whether its latest value is a real change or "
        "within its usual ups and downs:</p>\n<ul class=\"key\">\n"
        "<li><span class=\"v v-worse\" aria-hidden=\"true\">\xe2\x96\xb2 \xe2\x96\xbc</span> "
        "<strong>special cause concern</strong>: a real change for the worse</li>\n"
        "<li><span class=\"v v-better\" aria-hidden=\"true\">\xe2\x96\xb2 \xe2\x96\xbc</span> "
        "<strong>special cause improvement</strong>: a real change for the better</li>\n"
        "<li><span class=\"v v-neutral\" aria-hidden=\"true\">\xe2\x96\xb2 \xe2\x96\xbc</span> "
        "<strong>special cause neutral</strong>: a real change, neither better nor worse</li>\n"
        "<li><span class=\"v v-common\" aria-hidden=\"true\">\xe2\x97\x8f</span> "
        "<strong>common cause</strong>: within the usual range; no real change</li>\n"
        "</ul>\n<p>The colour says whether the change is for the better or the worse; the arrow "
        "says which way it lies: \xe2\x96\xb2 the figure is unusually high (above its usual "
        "range, or in a run above its average or rising), \xe2\x96\xbc unusually low. The "
        "arrow is not the change from the period before: a figure can be unusually high and "
        "still a little lower than last month.</p>\n</section>\n");
}

void page_home(const struct web_request *rq, struct web_response *rs)
{
    const struct plan *p = &rq->ctx->plan;
    struct metric_statuses l;
    struct buf err = BUF_INIT;
    if (plan_evaluate_all(rq->store, p, -1, &l, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
        buf_free(&err);
        return;
    }
    struct buf *b = &rs->body;
    page_begin(b, rq, "Performance");
    buf_puts(b, "<h1>");
    html_escape(b, p->title);
    buf_puts(b, "</h1>\n<p class=\"lead\"><strong>Our vision:</strong> ");
    html_escape(b, p->vision);
    buf_puts(b, "</p>\n<p>Figures last updated: ");
    page_time(b, rq->updated);
    page_latest_data(b, rq);
    buf_puts(b, ".</p>\n");
    exceptions(b, &l);
    size_t next = 0;
    for (size_t i = 0; i < p->nmissions; i++)
        mission(b, &p->missions[i], i + 1, &l, &next);
    how_to_read(b);
    page_end(b, rq);
    metric_statuses_free(&l);
}
