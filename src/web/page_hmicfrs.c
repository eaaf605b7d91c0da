/*
 * page_hmicfrs.c - /hmicfrs (+ .csv, .json): the HMICFRS reports about the
 * force whose response the Commissioner has published, and
 * /hmicfrs/:ref (+ .csv, .json), one report's response, recommendation by
 * recommendation (store/hmicfrs.h). A response not yet published is not
 * shown: the transparency page says when it is due, and whether overdue.
 *
 * The list shows each clock as of today, so its routes are not cached
 * (WEB_ROUTE_QUERY).
 */
#include "store/hmicfrs.h"
#include "util/html.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

/* A link from the data: only http(s) or a path on this site. */
static void data_link(struct buf *b, const char *url, const char *text)
{
    if (url[0] == '/' || page_web_url(url)) {
        buf_puts(b, "<a href=\"");
        html_escape(b, url);
        buf_puts(b, "\">");
        html_escape(b, text);
        buf_puts(b, "</a>");
    } else {
        html_escape(b, text);
    }
}

struct listing {
    struct table t;
    struct buf html;
};

static void list_row(void *arg, const struct hmicfrs_view *v)
{
    struct listing *l = arg;
    size_t r = table_add_row(&l->t);
    table_set_text(&l->t, r, 0, v->ref);
    table_set_text(&l->t, r, 1, v->title);
    table_set_date(&l->t, r, 2, v->published_on);
    table_set_text(&l->t, r, 3, v->url);
    table_set_date(&l->t, r, 4, v->clock.due);
    table_set_date(&l->t, r, 5, v->response_on);
    table_set_int(&l->t, r, 6, v->responded);
    struct buf *b = &l->html;
    buf_puts(b, "<tr><th scope=\"row\"><a href=\"/hmicfrs/");
    html_escape(b, v->ref);
    buf_puts(b, "\">");
    html_escape(b, v->title);
    buf_puts(b, "</a></th><td>");
    page_date(b, v->published_on);
    buf_puts(b, "</td><td>");
    page_date(b, v->clock.due);
    buf_puts(b, "</td><td>");
    page_date(b, v->response_on);
    buf_puts(b, v->clock.days_left < 0 ? " (late)" : "");
    buf_puts(b, "</td></tr>\n");
}

void page_hmicfrs_list(const struct web_request *rq, struct web_response *rs)
{
    static const char *const cols[] = {"ref", "title",        "published",      "report_url",
                                       "due", "responded_on", "recommendations"};
    struct listing l = {.html = BUF_INIT};
    table_init(&l.t, 7, cols);
    struct buf err = BUF_INIT, *b = &rs->body;
    long n = store_hmicfrs_list(rq->store, true, date_today(), list_row, &l, &err);
    if (n < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else if (rs->format != WEB_HTML) {
        pages_data(&l.t, rs->format, rs);
    } else {
        page_begin(b, rq, "HMICFRS reports and the Commissioner's responses");
        buf_puts(b, "<h1>HMICFRS reports and the Commissioner&#39;s responses</h1>\n<p "
                    "class=\"lead\">His Majesty&#39;s Inspectorate of Constabulary and Fire and "
                    "Rescue Services inspects the force. The Police Act 1996 s.55 gives the "
                    "Commissioner 56 days, beginning with the day a report is published, to "
                    "publish a response, after inviting the chief constable&#39;s comments. "
                    "Responses due and not yet published are on <a href=\"/transparency\">what "
                    "the Commissioner must publish</a>.</p>\n");
        buf_puts(b, "<p>As data: <a href=\"/hmicfrs.csv\">CSV</a> or <a "
                    "href=\"/hmicfrs.json\">JSON</a>.</p>\n");
        if (n == 0) {
            buf_puts(b, "<p>No response has been published yet.</p>\n");
        } else {
            buf_puts(b, "<table class=\"data\">\n<caption>Published responses</caption>\n"
                        "<thead><tr><th scope=\"col\">Report</th><th scope=\"col\">Published"
                        "</th><th scope=\"col\">Response due</th><th scope=\"col\">Response "
                        "published</th></tr></thead>\n<tbody>\n");
            buf_append(b, l.html.p, l.html.len);
            buf_puts(b, "</tbody>\n</table>\n");
        }
        page_end(b, rq);
    }
    table_free(&l.t);
    buf_free(&l.html);
    buf_free(&err);
}

struct one {
    struct table t;
    struct buf html;
    const struct web_request *rq;
    bool found;
};

static void report_head(void *arg, const struct hmicfrs_view *v)
{
    struct one *o = arg;
    struct buf *b = &o->html;
    o->found = true;
    buf_puts(b, "<h1>");
    html_escape(b, v->title);
    buf_puts(b, "</h1>\n<p class=\"lead\">The Commissioner&#39;s response to this HMICFRS "
                "report, published ");
    page_date(b, v->response_on);
    buf_puts(b, v->clock.days_left < 0 ? ", after the 56 days had run out" : "");
    buf_puts(b, ".</p>\n<dl>\n<dt>The report</dt><dd>");
    data_link(b, v->url, "Read the report");
    buf_puts(b, ", published ");
    page_date(b, v->published_on);
    buf_puts(b, "</dd>\n<dt>Response due by</dt><dd>");
    page_date(b, v->clock.due);
    buf_puts(b, "</dd>\n<dt>Chief constable invited to comment</dt><dd>");
    page_date(b, v->invited_on);
    buf_puts(b, "</dd>\n<dt>Chief constable&#39;s comments</dt><dd>");
    if (v->comments_on == DATE_NONE) {
        buf_puts(b, "none received");
    } else {
        page_date(b, v->comments_on);
        buf_puts(b, ": ");
        html_escape(b, v->comments);
    }
    buf_puts(b, "</dd>\n</dl>\n");
}

static void response_row(void *arg, int number, const char *recommendation, const char *response)
{
    struct one *o = arg;
    size_t r = table_add_row(&o->t);
    table_set_int(&o->t, r, 0, number);
    table_set_text(&o->t, r, 1, recommendation);
    table_set_text(&o->t, r, 2, response);
    struct buf *b = &o->html;
    buf_printf(b, "<h2>Recommendation %d</h2>\n<blockquote><p>", number);
    html_escape(b, recommendation);
    buf_puts(b, "</p></blockquote>\n<p><strong>Response:</strong> ");
    html_escape(b, response);
    buf_puts(b, "</p>\n");
}

void page_hmicfrs(const struct web_request *rq, struct web_response *rs)
{
    static const char *const cols[] = {"number", "recommendation", "response"};
    const char *ref = rq->match->args[0];
    struct one o = {.html = BUF_INIT, .rq = rq};
    table_init(&o.t, 3, cols);
    struct buf err = BUF_INIT, *b = &rs->body;
    int rc = hmicfrs_ref_ok(ref)
                 ? store_hmicfrs_get(rq->store, ref, true, date_today(), report_head, &o, &err)
                 : HMICFRS_UNKNOWN;
    if (rc == 0)
        rc = store_hmicfrs_responses(rq->store, ref, response_row, &o, &err);
    if (rc == HMICFRS_UNKNOWN) {
        page_error(rq, rs, 404, "No published response to an HMICFRS report of that name.");
    } else if (rc < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else if (rs->format != WEB_HTML) {
        pages_data(&o.t, rs->format, rs);
    } else {
        page_begin(b, rq, "HMICFRS report: the Commissioner's response");
        buf_append(b, o.html.p, o.html.len);
        buf_puts(b, "<p>As data: <a href=\"/hmicfrs/");
        html_escape(b, ref);
        buf_puts(b, ".csv\">CSV</a> or <a href=\"/hmicfrs/");
        html_escape(b, ref);
        buf_puts(b, ".json\">JSON</a>. <a href=\"/hmicfrs\">All responses</a>.</p>\n");
        page_end(b, rq);
    }
    table_free(&o.t);
    buf_free(&o.html);
    buf_free(&err);
}
