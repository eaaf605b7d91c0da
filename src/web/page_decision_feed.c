/*
 * page_decision_feed.c - the register as others follow it: /decisions.atom
 * (an Atom 1.0 feed, RFC 4287, of the most recent public decisions) and
 * /decisions/forward-plan (+ .csv, .json: the forward plan against the
 * log, the comparison Panel members make by hand).
 *
 * A feed needs absolute addresses. They are made from the site's public
 * address (`peel serve --public-url`, else the address it is served at),
 * never from the request's Host header: the feed is kept in the page
 * cache, and Host is whatever a client says.
 *
 * Every value in the feed is escaped with html_escape, which writes only
 * entities XML knows (&amp; &lt; &gt; &quot; &#39;) and replaces control
 * characters XML forbids, so the feed is well-formed whatever the data.
 *
 * The forward plan depends on today's date (a meeting passes); the page
 * cache is emptied when the day turns (cache.h), so it is kept like any
 * other page.
 */
#include "model/calendar.h"
#include "util/html.h"
#include "web/decision_data.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

/* Entries in the feed: the most recent decisions. */
#define FEED_ENTRIES 50

/* An element holding escaped text. */
static void element(struct buf *b, const char *name, const char *text)
{
    buf_printf(b, "<%s>", name);
    html_escape(b, text ? text : "");
    buf_printf(b, "</%s>\n", name);
}

struct feed {
    struct buf *b;
    const char *base;
    char updated[32]; /* the newest entry's */
};

static void entry_summary(struct buf *b, const struct decision_public *d)
{
    struct buf s = BUF_INIT;
    if (d->stub)
        buf_printf(&s, "Exempt under %s: only this record is published. Subject: %s.",
                   d->ground ? d->ground : "the Freedom of Information Act 2000",
                   d->subject ? d->subject : "");
    else
        buf_printf(&s, "%s%s", strcmp(d->state, "rescinded") == 0 ? "Rescinded. " : "",
                   d->text.summary    ? d->text.summary
                   : d->text.decision ? d->text.decision
                                      : "");
    element(b, "summary", buf_str(&s));
    buf_free(&s);
}

static void feed_entry(void *arg, const struct decision_public *d)
{
    struct feed *f = arg;
    struct buf *b = f->b, title = BUF_INIT;
    char slug[DECISION_SLUG_SIZE], when[32];
    if (!decision_ref_slug(d->ref, slug))
        return;
    /* updated: when the entry last changed (its publication, a correction,
     * a rescission, a release), as RFC 4287 asks; published: the decision's date */
    snprintf(when, sizeof when, "%.20s",
             d->changed_at && strlen(d->changed_at) == 20 ? d->changed_at : "1970-01-01T00:00:00Z");
    if (!f->updated[0] || strcmp(when, f->updated) > 0)
        snprintf(f->updated, sizeof f->updated, "%s", when);
    buf_puts(b, "<entry>\n");
    if (d->stub)
        buf_printf(&title, "%s: exempt (%s)", d->ref, d->ground ? d->ground : "FOIA");
    else
        buf_printf(&title, "%s: %s", d->ref, d->text.title ? d->text.title : d->subject);
    element(b, "title", buf_str(&title));
    buf_puts(b, "<id>");
    html_escape(b, f->base);
    buf_printf(b,
               "/decisions/%s/version/%d</id>\n<link rel=\"alternate\" type=\"text/html\" "
               "href=\"",
               slug, d->version);
    html_escape(b, f->base);
    buf_printf(b, "/decisions/%s\"/>\n", slug);
    element(b, "updated", when);
    if (d->decided_on && strlen(d->decided_on) == 10) {
        char published[32];
        snprintf(published, sizeof published, "%sT00:00:00Z", d->decided_on);
        element(b, "published", published);
    }
    buf_puts(b, "<category term=\"");
    html_escape(b, d->state);
    buf_puts(b, "\"/>\n");
    entry_summary(b, d);
    buf_puts(b, "</entry>\n");
    buf_free(&title);
}

static void feed_head(struct buf *b, const struct web_request *rq, const char *base,
                      const char *updated)
{
    struct buf title = BUF_INIT;
    buf_printf(&title, "Decisions \xe2\x80\x93 %s", rq->ctx->plan.title);
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    element(b, "title", buf_str(&title));
    element(b, "subtitle",
            "Decisions of the Police and Crime Commissioner, newest first; "
            "an exempt decision as its record only.");
    buf_puts(b, "<id>");
    html_escape(b, base);
    buf_puts(b, "/decisions.atom</id>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"");
    html_escape(b, base);
    buf_puts(b, "/decisions.atom\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
    html_escape(b, base);
    buf_puts(b, "/decisions\"/>\n");
    element(b, "updated", updated);
    buf_puts(b, "<author>");
    element(b, "name", rq->ctx->plan.title);
    buf_puts(b, "</author>\n");
    buf_free(&title);
}

void page_decision_feed(const struct web_request *rq, struct web_response *rs)
{
    struct buf base = BUF_INIT, entries = BUF_INIT, err = BUF_INIT;
    page_public_base(rq->ctx, &base);
    struct feed f = {&entries, buf_str(&base), ""};
    struct decision_filter filter;
    decision_filter_default(&filter);
    filter.page_size = FEED_ENTRIES;
    if (store_decisions_public(rq->store, &filter, feed_entry, &f, NULL, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else {
        /* with no entries, the feed changed when the site started */
        feed_head(&rs->body, rq, buf_str(&base), f.updated[0] ? f.updated : rq->ctx->started);
        buf_append(&rs->body, entries.p, entries.len);
        buf_puts(&rs->body, "</feed>\n");
    }
    buf_free(&base);
    buf_free(&entries);
    buf_free(&err);
}

/* ---- the forward plan against the log ---------------------------------------- */

/* The sections, in the order the page gives them. */
static const struct {
    enum plan_outcome outcome;
    const char *id, *heading, *explain;
} sections[] = {
    {PLAN_NOT_TAKEN, "not-taken", "Planned, but not taken by their Panel meeting",
     "On the forward plan for a meeting that has passed, with no decision published."},
    {PLAN_TAKEN_LATE, "late", "Taken after their Panel meeting",
     "On the forward plan, and taken after the meeting they were planned for."},
    {PLAN_TAKEN, "on-time", "Taken as planned",
     "On the forward plan, and taken on or before the meeting they were planned for."},
    {PLAN_UPCOMING, "upcoming", "Planned for meetings still to come",
     "On the forward plan for a meeting that has not yet happened."},
    {PLAN_NEVER_PLANNED, "unplanned", "Taken without being on the forward plan",
     "Decisions published that never appeared on the forward plan."},
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

struct plan_rows {
    struct buf html[NSECTIONS];
    long n[NSECTIONS];
    struct table t;
};

static void plan_cell_date(struct buf *b, const char *iso)
{
    int date;
    buf_puts(b, "<td>");
    if (iso && date_parse(iso, strlen(iso), &date))
        page_date(b, date);
    else
        html_escape(b, iso ? iso : "\xe2\x80\x93");
    buf_puts(b, "</td>");
}

static void plan_html_row(struct buf *b, const struct decision_plan_row *r)
{
    char slug[DECISION_SLUG_SIZE];
    buf_puts(b, "<tr><th scope=\"row\">");
    if (r->decided_on && decision_ref_slug(r->ref, slug)) { /* taken: it has a page */
        const char *ids[] = {slug};
        page_link(b, "/decisions/", ids, 1, r->ref);
    } else {
        html_escape(b, r->ref);
    }
    buf_puts(b, "</th><td>");
    html_escape(b, r->subject ? r->subject : "");
    buf_puts(b, "</td>");
    plan_cell_date(b, r->planned_for);
    plan_cell_date(b, r->decided_on);
    buf_puts(b, "</tr>\n");
}

static void take_plan_row(void *arg, const struct decision_plan_row *r)
{
    struct plan_rows *p = arg;
    for (size_t i = 0; i < NSECTIONS; i++)
        if (sections[i].outcome == r->outcome) {
            plan_html_row(&p->html[i], r);
            p->n[i]++;
        }
    size_t row = table_add_row(&p->t);
    const char *v[] = {r->planned_for, r->ref, r->subject, r->decided_on,
                       plan_outcome_word(r->outcome)};
    for (size_t c = 0; c < 5; c++)
        if (v[c])
            table_set_text(&p->t, row, c, v[c]);
}

static void plan_summary(struct buf *b, const struct plan_rows *p, const char *today)
{
    buf_puts(b, "<h1>The forward plan against the decision log</h1>\n<p class=\"lead\">Each "
                "decision the Commissioner plans to take is put on the forward plan for a "
                "Police and Crime Panel meeting. This page compares the plan with the "
                "decisions published, as of ");
    int date;
    if (date_parse(today, strlen(today), &date))
        page_date(b, date);
    buf_puts(b, ".</p>\n<ul>\n");
    for (size_t i = 0; i < NSECTIONS; i++) {
        buf_printf(b, "<li><a href=\"#%s\">", sections[i].id);
        html_escape(b, sections[i].heading);
        buf_printf(b, "</a>: %ld</li>\n", p->n[i]);
    }
    buf_puts(b, "</ul>\n<p>As data: <a href=\"/decisions/forward-plan.csv\">CSV</a> or "
                "<a href=\"/decisions/forward-plan.json\">JSON</a>. "
                "<a href=\"/decisions\">All decisions</a>.</p>\n");
}

static void plan_section(struct buf *b, size_t i, const struct plan_rows *p)
{
    buf_printf(b, "<h2 id=\"%s\">", sections[i].id);
    html_escape(b, sections[i].heading);
    buf_puts(b, "</h2>\n<p>");
    html_escape(b, sections[i].explain);
    buf_puts(b, "</p>\n");
    if (!p->n[i]) {
        buf_puts(b, "<p>None.</p>\n");
        return;
    }
    page_scroll_begin(b, sections[i].heading);
    buf_puts(b, "<table class=\"data\">\n<caption>");
    html_escape(b, sections[i].heading);
    buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">"
                "Subject</th><th scope=\"col\">Panel meeting</th><th scope=\"col\">Taken on"
                "</th></tr></thead>\n<tbody>\n");
    buf_append(b, p->html[i].p, p->html[i].len);
    buf_puts(b, "</tbody>\n</table>\n</div>\n");
}

void page_forward_plan(const struct web_request *rq, struct web_response *rs)
{
    static const char *const cols[] = {"planned_for", "reference", "subject", "taken_on",
                                       "outcome"};
    struct plan_rows p = {0};
    struct buf err = BUF_INIT, *b = &rs->body;
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    table_init(&p.t, 5, cols);
    if (store_decision_plan_vs_log(rq->store, today, take_plan_row, &p, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else if (rs->format != WEB_HTML) {
        pages_data(&p.t, rs->format, rs);
    } else {
        page_begin(b, rq, "The forward plan against the decision log");
        plan_summary(b, &p, today);
        for (size_t i = 0; i < NSECTIONS; i++)
            plan_section(b, i, &p);
        page_end(b, rq);
    }
    for (size_t i = 0; i < NSECTIONS; i++)
        buf_free(&p.html[i]);
    table_free(&p.t);
    buf_free(&err);
}
