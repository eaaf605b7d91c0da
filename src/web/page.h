/*
 * page.h - what every HTML page of the site shares: the layout, links,
 * icons and tables.
 *
 * Markup is written by these functions and by the pages as literal text;
 * every value that comes from a plan, the data or the request goes through
 * html_escape() (util/html.h), and every value in a URL is also
 * percent-encoded first, so a plan title like <script> or an id with a
 * quote is only ever text.
 *
 * The layout is semantic HTML5 for WCAG 2.2 AA: lang="en", a skip link,
 * header / nav / main / footer landmarks, one h1 per page, tables with a
 * caption and th scope, icons always beside their words (the icon itself
 * aria-hidden), and no JavaScript.
 */
#ifndef PEEL_WEB_PAGE_H
#define PEEL_WEB_PAGE_H

#include "assess/evaluate.h"
#include "render/table.h"
#include "util/buf.h"
#include "web/context.h"
#include "web/request.h"

/* The page from <!doctype html> to the opening of <main>; title is plain
 * text (the page's own, before the site's name). */
void page_begin(struct buf *b, const struct web_request *rq, const char *title);
/* What page_begin is made of: the document's head and the header's site
 * name (the header left open for its navigation), then the header's end
 * and <main>. The staff pages (staff.h) use them with their own nav. */
void page_head(struct buf *b, const struct web_request *rq, const char *title);
void page_main(struct buf *b);
/* </main>, the footer (when the data was last updated, the licence) and
 * the end of the document. */
void page_end(struct buf *b, const struct web_request *rq);

/* The site's public address, without a trailing '/': --public-url, else
 * the address it is bound to (http://127.0.0.1:PORT), for the links a
 * feed or an open-data file carries away from the site. */
void page_public_base(const struct server_ctx *ctx, struct buf *out);

/* An href value: prefix (literal, e.g. "/metric/"), then each of the ids
 * percent-encoded as one path segment, joined by '/', then a literal
 * suffix (".csv" or ""). */
void page_href(struct buf *b, const char *prefix, const char *const *ids, size_t nids,
               const char *suffix);
/* s percent-encoded (RFC 3986 unreserved characters kept): for a path
 * segment or a query value; the result still goes through html_escape. */
void page_percent_encode(struct buf *b, const char *s);
/* Whether a URL from the data may be a link: http: or https: only, never
 * javascript:, data: or anything else a browser would run or embed. */
bool page_web_url(const char *url);
/* <a href="prefix/ids...">text</a>. */
/* The licence of everything the site publishes, as a link. */
#define PAGE_OGL_LINK                                                                              \
    "<a href=\"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\">"      \
    "Open Government Licence v3.0</a>"

void page_link(struct buf *b, const char *prefix, const char *const *ids, size_t nids,
               const char *text);

/* The variation icon and its words: "▲ special cause concern". */
void page_variation(struct buf *b, const struct metric_status *st);
/* A value in the metric's unit, or "no data". */
void page_value(struct buf *b, const struct metric_status *st);
/* <time datetime="2026-03-30">Monday 30 March 2026</time> for a date as
 * model/calendar.h counts them, or "none" for DATE_NONE. */
void page_date(struct buf *b, int date);
/* <time datetime="2022-11">November 2022</time> for a month as
 * util/month.h counts them. */
void page_month(struct buf *b, int month);
/* An amount of money for people: "£39,305.40" (pence < 0: "none stated").
 * CSV and JSON carry the pence as a whole number. */
void page_pounds(struct buf *b, int64_t pence);
/* The same as text ("" for none), for a cell or an item. */
void page_pounds_text(int64_t pence, char *out, size_t n);
/* <time datetime="ISO">1 March 2024, 09:30 UTC</time>, or "never". */
void page_time(struct buf *b, const char *iso);
/* "; latest data: November 2022": the newest month of police.uk data, to
 * sit beside an update time (which is when files were loaded, not how new
 * the data in them is); nothing when there is none. */
void page_latest_data(struct buf *b, const struct web_request *rq);

/* A wide table's region, which scrolls sideways on a phone (not the whole
 * page) and is reachable by keyboard: begin with the table's name, then
 * the <table>, then end. */
void page_scroll_begin(struct buf *b, const char *label);
void page_scroll_end(struct buf *b);

/* A table with a caption and column headings for people (headings[i] for
 * t->names[i]); the first column's cells are row headers. Numbers get
 * thousands separators; otherwise the cells say exactly what the .csv and
 * .json renderings of the same table say. */
void page_table(struct buf *b, const struct table *t, const char *caption,
                const char *const *headings);

/* The same with only the columns named in shown (t->names, a NULL-ended
 * list, in the order given; the first gives the row headers): for a table
 * whose download has more columns than a desktop screen can show. A name
 * the table lacks is a bug (asserted) and is skipped. The page should say
 * that the .csv and .json hold every column. */
void page_table_columns(struct buf *b, const struct table *t, const char *caption,
                        const char *const *headings, const char *const *shown);

/* The same with the columns named in tokens (a NULL-ended list) always
 * free to break anywhere (td.token), whatever they hold: for a table whose
 * every column may hold a long run (hashes, ids, JSON, command lines), so
 * that its width never depends on what it holds. */
void page_table_wrapped(struct buf *b, const struct table *t, const char *caption,
                        const char *const *headings, const char *const *shown,
                        const char *const *tokens);

/* Column col of t for people: its plan mission and strategy keys ("m1,
 * m2.s3", as the services register and the Safety Fund store them) as the
 * plan's titles (plan_keys_describe, model/plan.h). The data keep the keys. */
void page_mission_names(const struct plan *p, struct table *t, size_t col);

/* A chart in its two renditions (render/chart.h CHART_PHONE_WIDTH), each
 * made fit for the CSP (web_svg_presentation): the stylesheet shows the
 * narrow one on a screen narrower than the wide one is drawn, where the
 * wide one's text would be too small to read, and hides the other
 * (display:none, so that a screen reader meets the chart once). */
void page_chart(struct buf *b, const char *wide, const char *narrow);

/* The mission a strategy belongs to (NULL if none). */
const struct plan_mission *page_mission_of(const struct plan *p, const struct plan_strategy *sg);

/* Ends the page in b (rs->body), or when rc < 0 puts in its place a 500
 * naming err. */
void page_finish(const struct web_request *rq, struct web_response *rs, int rc,
                 const struct buf *err);

/* An error page (400, 404, 500, ...) in place of the page, saying `message`
 * (plain text; it is escaped). web_error() is for handlers: a server
 * error's details go to the log, and the public is told only that there
 * was one. page_error() writes the page as it is told (a refusal that is no
 * error, such as a busy 503, is not logged). */
void web_error(const struct web_request *rq, struct web_response *rs, int status,
               const char *message);
void page_error(const struct web_request *rq, struct web_response *rs, int status,
                const char *message);

#endif
