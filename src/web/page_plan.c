/*
 * page_plan.c - the plan's pages: a mission and its delivery strategies,
 * and one strategy with its three statements and headline metrics.
 *
 * Only the metrics on the page are evaluated (metric_evaluate), not the
 * whole plan.
 */
#include "analysis/target.h"
#include "util/html.h"
#include "util/mem.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>

static void target_cell(struct buf *b, const struct metric_status *st)
{
    if (st->metric->target.kind == TARGET_NONE)
        buf_puts(b, "no target");
    else if (!st->has_target)
        buf_puts(b, "no data");
    else
        html_escape(b, target_verdict_name(&st->target));
}

static void status_row(struct buf *b, const struct metric_status *st)
{
    const char *ids[] = {st->metric->id};
    char period[PERIOD_TEXT_SIZE] = "";
    if (st->has_data)
        period_format(st->kind, st->latest_month, period);
    buf_puts(b, "<tr><th scope=\"row\">");
    page_link(b, "/metric/", ids, 1, st->metric->title);
    buf_puts(b, "</th><td class=\"num\">");
    page_value(b, st);
    buf_puts(b, "</td><td>");
    html_escape(b, period);
    buf_puts(b, "</td><td>");
    page_variation(b, st);
    buf_puts(b, "</td><td>");
    target_cell(b, st);
    buf_puts(b, "</td></tr>\n");
}

void pages_status_table(struct buf *b, const struct metric_status *st, size_t n,
                        const char *caption)
{
    if (n == 0) {
        buf_puts(b, "<p>No headline metrics.</p>\n");
        return;
    }
    page_scroll_begin(b, caption);
    buf_puts(b, "<table>\n<caption>");
    html_escape(b, caption);
    buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Metric</th>"
                "<th scope=\"col\" class=\"num\">Latest</th><th scope=\"col\">Period</th>"
                "<th scope=\"col\">Variation</th><th scope=\"col\">Target</th></tr></thead>\n"
                "<tbody>\n");
    for (size_t i = 0; i < n; i++)
        status_row(b, &st[i]);
    buf_puts(b, "</tbody>\n</table>\n</div>\n");
}

static const struct plan_mission *find_mission(const struct plan *p, const char *id)
{
    for (size_t i = 0; i < p->nmissions; i++)
        if (strcmp(p->missions[i].id, id) == 0)
            return &p->missions[i];
    return NULL;
}

static const struct plan_strategy *find_strategy(const struct plan_mission *m, const char *id)
{
    for (size_t i = 0; i < m->nstrategies; i++)
        if (strcmp(m->strategies[i].id, id) == 0)
            return &m->strategies[i];
    return NULL;
}

static void statement(struct buf *b, const char *question, const char *text)
{
    if (!text)
        return;
    buf_puts(b, "<dt>");
    html_escape(b, question);
    buf_puts(b, "</dt><dd>");
    html_escape(b, text);
    buf_puts(b, "</dd>\n");
}

/* The strategy's three statements, in the plan's own words. */
static void statements(struct buf *b, const struct plan_strategy *sg)
{
    buf_puts(b, "<dl class=\"statements\">\n");
    statement(b, "What am I aiming to do here for you?", sg->success);
    statement(b, "What will I deliver to do it?", sg->delivery);
    statement(b, "How will I, and you, know it is working?", sg->measure);
    buf_puts(b, "</dl>\n");
}

/* The strategy's metrics evaluated and tabled; -1 with err. */
static int strategy_metrics(struct buf *b, const struct web_request *rq,
                            const struct plan_strategy *sg, struct buf *err)
{
    struct metric_status *st = xcalloc(sg->nmetrics + 1, sizeof *st);
    int rc = 0;
    for (size_t i = 0; i < sg->nmetrics && rc == 0; i++)
        rc = metric_evaluate(rq->store, &rq->ctx->plan, sg, &sg->metrics[i], -1, &st[i], err);
    if (rc == 0) {
        struct buf caption = BUF_INIT;
        buf_printf(&caption, "%s: headline metrics", sg->title);
        pages_status_table(b, st, sg->nmetrics, buf_str(&caption));
        buf_free(&caption);
    }
    free(st);
    return rc;
}

static void crumbs(struct buf *b, const struct plan_mission *m, const struct plan_strategy *sg)
{
    buf_puts(b, "<nav aria-label=\"Breadcrumb\"><ol class=\"crumbs\">\n<li><a "
                "href=\"/\">Home</a></li>\n<li>");
    const char *ids[] = {m->id, sg ? sg->id : NULL};
    if (sg) {
        page_link(b, "/plan/", ids, 1, m->title);
        buf_puts(b, "</li>\n<li aria-current=\"page\">");
        html_escape(b, sg->title);
    } else {
        buf_puts(b, "<span aria-current=\"page\">");
        html_escape(b, m->title);
        buf_puts(b, "</span>");
    }
    buf_puts(b, "</li>\n</ol></nav>\n");
}

static void strategy_section(struct buf *b, const struct web_request *rq,
                             const struct plan_mission *m, const struct plan_strategy *sg,
                             size_t index, struct buf *err)
{
    const char *ids[] = {m->id, sg->id};
    buf_printf(b, "<section aria-labelledby=\"strategy-%zu\">\n<h2 id=\"strategy-%zu\">", index,
               index);
    page_link(b, "/plan/", ids, 2, sg->title);
    buf_puts(b, "</h2>\n");
    statements(b, sg);
    if (err->len == 0)
        strategy_metrics(b, rq, sg, err);
    buf_puts(b, "</section>\n");
}

void page_mission(const struct web_request *rq, struct web_response *rs)
{
    const struct plan_mission *m = find_mission(&rq->ctx->plan, rq->match->args[0]);
    if (!m) {
        web_error(rq, rs, 404, "The plan has no mission with that name.");
        return;
    }
    struct buf *b = &rs->body, err = BUF_INIT;
    page_begin(b, rq, m->title);
    crumbs(b, m, NULL);
    buf_puts(b, "<h1>");
    html_escape(b, m->title);
    buf_puts(b, "</h1>\n");
    if (m->summary) {
        buf_puts(b, "<p class=\"lead\">");
        html_escape(b, m->summary);
        buf_puts(b, "</p>\n");
    }
    for (size_t i = 0; i < m->nstrategies; i++)
        strategy_section(b, rq, m, &m->strategies[i], i + 1, &err);
    page_end(b, rq);
    if (err.len)
        web_error(rq, rs, 500, buf_str(&err));
    buf_free(&err);
}

void page_strategy(const struct web_request *rq, struct web_response *rs)
{
    const struct plan_mission *m = find_mission(&rq->ctx->plan, rq->match->args[0]);
    const struct plan_strategy *sg = m ? find_strategy(m, rq->match->args[1]) : NULL;
    if (!sg) {
        web_error(rq, rs, 404, "The plan has no delivery strategy with that name.");
        return;
    }
    struct buf *b = &rs->body, err = BUF_INIT;
    page_begin(b, rq, sg->title);
    crumbs(b, m, sg);
    buf_puts(b, "<h1>");
    html_escape(b, sg->title);
    buf_puts(b, "</h1>\n");
    statements(b, sg);
    buf_puts(b, "<h2>Headline metrics</h2>\n");
    strategy_metrics(b, rq, sg, &err);
    page_end(b, rq);
    if (err.len)
        web_error(rq, rs, 500, buf_str(&err));
    buf_free(&err);
}
