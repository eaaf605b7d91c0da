/*
 * page.c - the layout and the pieces every page uses (see page.h).
 */
#include "web/page.h"
#include "assess/metric_text.h"
#include "model/calendar.h"
#include "model/money.h"
#include "render/report_html.h"
#include "render/svg.h"
#include "store/plans.h"
#include "store/updated.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/month.h"
#include "util/numfmt.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the request is for this mission's page (or one under it). */
static bool at_mission(const struct web_request *rq, const struct plan_mission *m)
{
    const struct web_target *t = rq->target;
    return t && t->nsegments >= 2 && strcmp(t->segments[0], "plan") == 0 &&
           strcmp(t->segments[1], m->id) == 0;
}

/* Whether the request is for a page under /section. */
static bool at_section(const struct web_request *rq, const char *section)
{
    const struct web_target *t = rq->target;
    return t && t->nsegments >= 1 && strcmp(t->segments[0], section) == 0;
}

static void nav_item(struct buf *b, const char *prefix, const char *id, const char *text,
                     bool current)
{
    buf_puts(b, "<li>");
    const char *ids[] = {id};
    buf_puts(b, "<a href=\"");
    page_href(b, prefix, ids, id ? 1 : 0, "");
    buf_puts(b, current ? "\" aria-current=\"page\">" : "\">");
    html_escape(b, text);
    buf_puts(b, "</a></li>\n");
}

void page_head(struct buf *b, const struct web_request *rq, const char *title)
{
    const struct plan *p = &rq->ctx->plan;
    buf_puts(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>");
    html_printf(b, "%s \xe2\x80\x93 %s", title, p->title);
    buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"/static/peel.css\">\n"
                /* An empty icon, or every browser asks for /favicon.ico
                 * and logs its 404 (CSP img-src allows data:). */
                "<link rel=\"icon\" href=\"data:,\">\n");
    if (at_section(rq, "decisions")) /* the register's pages name its feed */
        buf_puts(b, "<link rel=\"alternate\" type=\"application/atom+xml\" "
                    "title=\"Decisions\" href=\"/decisions.atom\">\n");
    buf_puts(b, "</head>\n<body>\n"
                "<a class=\"skip\" href=\"#main\">Skip to main content</a>\n"
                "<header class=\"site\"><div class=\"wrap\">\n<p class=\"site-name\">"
                "<a href=\"/\">");
    html_escape(b, p->title);
    buf_puts(b, "</a></p>\n");
}

void page_main(struct buf *b)
{
    buf_puts(b, "</div></header>\n<main id=\"main\" tabindex=\"-1\"><div class=\"wrap\">\n");
}

void page_begin(struct buf *b, const struct web_request *rq, const char *title)
{
    const struct plan *p = &rq->ctx->plan;
    page_head(b, rq, title);
    buf_puts(b, "<nav aria-label=\"Plan\"><ul>\n");
    bool home = rq->target && rq->target->nsegments == 0;
    nav_item(b, "/", NULL, "Home", home);
    for (size_t i = 0; i < p->nmissions; i++)
        nav_item(b, "/plan/", p->missions[i].id, p->missions[i].title,
                 at_mission(rq, &p->missions[i]));
    nav_item(b, "/area", NULL, "Areas", at_section(rq, "area"));
    nav_item(b, "/stop-and-search", NULL, "Stop and search", at_section(rq, "stop-and-search"));
    bool explore = rq->target && rq->target->nsegments == 1 &&
                   strncmp(rq->target->segments[0], "explore", 7) == 0;
    nav_item(b, "/explore", NULL, "Explore the data", explore);
    nav_item(b, "/decisions", NULL, "Decisions", at_section(rq, "decisions"));
    nav_item(b, "/transparency", NULL, "Transparency", at_section(rq, "transparency"));
    nav_item(b, "/spend", NULL, "Spend", at_section(rq, "spend"));
    nav_item(b, "/reports", NULL, "Reports", at_section(rq, "reports"));
    nav_item(b, "/open-data", NULL, "Open data", at_section(rq, "open-data"));
    buf_puts(b, "</ul></nav>\n");
    page_main(b);
    if (rq->store && store_holds_generated(rq->store))
        report_synthetic_html(b);
}

void page_end(struct buf *b, const struct web_request *rq)
{
    buf_puts(b, "</div></main>\n<footer class=\"site\"><div class=\"wrap\">\n");
    if (rq->updated[0]) {
        buf_puts(b, "<p>Data last updated: ");
        page_time(b, rq->updated);
        page_latest_data(b, rq);
        buf_puts(b, ".</p>\n");
    }
    buf_puts(b, "<p><a href=\"/concerns\">Raise a concern, ask for a complaint review or make a "
                "Freedom of Information request</a>.</p>\n");
    buf_puts(b, "<p>Every metric&#39;s status as open data: "
                "<a href=\"/api/metrics.json\">JSON</a> or <a href=\"/api/metrics.csv\">CSV</a>; "
                "each metric&#39;s values are on its page, also as CSV and JSON.</p>\n"
                "<p>Recorded crime from data.police.uk. Contains public sector information "
                "licensed under the <a "
                "href=\"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/"
                "3/\">Open Government Licence v3.0</a>. Statistics by Peel: how each figure is "
                "worked out is said beside it.</p>\n</div></footer>\n</body>\n</html>\n");
}

bool page_web_url(const char *url)
{
    return url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0);
}

void page_percent_encode(struct buf *b, const char *s)
{
    url_encode(b, s);
}

void page_href(struct buf *b, const char *prefix, const char *const *ids, size_t nids,
               const char *suffix)
{
    struct buf url = BUF_INIT;
    buf_puts(&url, prefix);
    for (size_t i = 0; i < nids; i++) {
        if (i)
            buf_putc(&url, '/');
        page_percent_encode(&url, ids[i]);
    }
    buf_puts(&url, suffix);
    html_escape(b, buf_str(&url)); /* a no-op after encoding, kept as the rule */
    buf_free(&url);
}

void page_link(struct buf *b, const char *prefix, const char *const *ids, size_t nids,
               const char *text)
{
    buf_puts(b, "<a href=\"");
    page_href(b, prefix, ids, nids, "");
    buf_puts(b, "\">");
    html_escape(b, text);
    buf_puts(b, "</a>");
}

/* The icon: which way the signal points, in the NHS Making Data Count
 * colours (class), with the words always beside it. */
void page_variation(struct buf *b, const struct metric_status *st)
{
    static const char *const classes[] = {
        [SPC_MISSING] = "none",  [SPC_COMMON_CAUSE] = "common",  [SPC_IMPROVEMENT] = "better",
        [SPC_CONCERN] = "worse", [SPC_NEUTRAL_HIGH] = "neutral", [SPC_NEUTRAL_LOW] = "neutral"};
    if (!st->has_data || st->points == 0) {
        buf_puts(b, "<span class=\"v v-none\" aria-hidden=\"true\">\xe2\x80\x93</span> no chart");
        return;
    }
    const char *mark = st->variation == SPC_COMMON_CAUSE ? "\xe2\x97\x8f" /* ● */
                       : st->direction > 0               ? "\xe2\x96\xb2" /* ▲ */
                       : st->direction < 0               ? "\xe2\x96\xbc" /* ▼ */
                                                         : "\xe2\x97\x8f";
    buf_printf(b, "<span class=\"v v-%s\" aria-hidden=\"true\">%s</span> ", classes[st->variation],
               mark);
    html_escape(b, spc_point_type_name(st->variation));
}

void page_value(struct buf *b, const struct metric_status *st)
{
    if (!st->has_data || isnan(st->latest)) {
        buf_puts(b, "no data");
        return;
    }
    struct buf v = BUF_INIT;
    metric_value_text(st->metric, st->latest, &v);
    html_escape(b, buf_str(&v));
    buf_free(&v);
}

void page_latest_data(struct buf *b, const struct web_request *rq)
{
    int first, last;
    if (!rq->store || !store_street_months(rq->store, rq->ctx->plan.force, -1, &first, &last))
        return;
    buf_puts(b, "; latest data: ");
    report_month_words(last, b); /* month names and digits: nothing to escape */
}

void page_date(struct buf *b, int date)
{
    if (date == DATE_NONE) {
        buf_puts(b, "none");
        return;
    }
    char iso[DATE_TEXT_SIZE];
    int y, m, d;
    date_format(date, iso);
    date_to_ymd(date, &y, &m, &d);
    buf_puts(b, "<time datetime=\"");
    html_escape(b, iso);
    buf_puts(b, "\">");
    html_printf(b, "%s %d %s %d", date_weekday_name(date), d, date_month_name(m), y);
    buf_puts(b, "</time>");
}

void page_month(struct buf *b, int month)
{
    char iso[MONTH_TEXT_SIZE];
    month_format(month, iso);
    buf_puts(b, "<time datetime=\"");
    html_escape(b, iso);
    buf_puts(b, "\">");
    html_printf(b, "%s %d", date_month_name(month_of_year(month)), month_year(month));
    buf_puts(b, "</time>");
}

void page_pounds_text(int64_t pence, char *out, size_t n)
{
    char text[MONEY_TEXT_SIZE] = "";
    if (pence >= 0) /* money's one written form (model/money.h) */
        money_format(pence, true, text);
    snprintf(out, n, "%s", text);
}

void page_pounds(struct buf *b, int64_t pence)
{
    char text[48];
    page_pounds_text(pence, text, sizeof text);
    html_escape(b, pence >= 0 ? text : "none stated");
}

void page_time(struct buf *b, const char *iso)
{
    struct tm tm;
    if (!web_iso_time(iso, &tm)) {
        buf_puts(b, "never");
        return;
    }
    buf_puts(b, "<time datetime=\"");
    html_escape(b, iso);
    buf_puts(b, "\">");
    html_printf(b, "%d %s %d, %02d:%02d UTC", tm.tm_mday, date_month_name(tm.tm_mon + 1),
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
    buf_puts(b, "</time>");
}

static void cell_text(const struct cell *c, struct buf *out)
{
    switch (c->type) {
    case CELL_NULL:
        break;
    case CELL_TEXT:
        buf_puts(out, c->text);
        break;
    case CELL_INT:
        buf_put_count(out, c->i);
        break;
    case CELL_REAL:
        buf_put_number(out, c->r, c->decimals);
        break;
    }
}

/* The index of each column of shown in t (every column when shown is
 * NULL), into cols (room for t->ncols); returns how many. */
static size_t shown_columns(const struct table *t, const char *const *shown, size_t *cols)
{
    size_t n = 0;
    if (!shown) {
        for (size_t c = 0; c < t->ncols; c++)
            cols[n++] = c;
        return n;
    }
    for (size_t k = 0; shown[k] && n < t->ncols; k++) {
        size_t c = 0;
        while (c < t->ncols && strcmp(t->names[c], shown[k]) != 0)
            c++;
        assert(c < t->ncols); /* the page names a column its table has */
        if (c < t->ncols)
            cols[n++] = c;
    }
    return n;
}

static void table_head(struct buf *b, const struct table *t, const char *const *headings,
                       const size_t *cols, size_t n)
{
    buf_puts(b, "<thead><tr>");
    for (size_t k = 0; k < n; k++) {
        size_t c = cols[k];
        buf_puts(b, t->right[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
        html_escape(b, headings[c]);
        buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead>\n");
}

void page_scroll_begin(struct buf *b, const char *label)
{
    buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
    html_escape(b, label);
    buf_puts(b, "\">\n");
}

void page_scroll_end(struct buf *b)
{
    buf_puts(b, "</div>\n");
}

/* A long run with no space in it (a SHA-256, a police.uk crime ID, an
 * address, a record as JSON) is one word to the browser, and would hold
 * its column that wide: such a cell may break anywhere (the stylesheet's
 * td.token), so that a table of files fits a desktop screen. */
static bool is_token(const char *s)
{
    size_t run = 0;
    for (; *s; s++) {
        run = *s == ' ' ? 0 : run + 1;
        if (run >= 32)
            return true;
    }
    return false;
}

/* Whether column c is among the NULL-ended names (none when NULL). */
static bool named(const struct table *t, size_t c, const char *const *names)
{
    for (size_t k = 0; names && names[k]; k++)
        if (strcmp(t->names[c], names[k]) == 0)
            return true;
    return false;
}

static void table_row(struct buf *b, const struct table *t, size_t r, const size_t *cols, size_t n,
                      const char *const *tokens, struct buf *text)
{
    buf_puts(b, "<tr>");
    for (size_t k = 0; k < n; k++) {
        size_t c = cols[k];
        buf_reset(text);
        cell_text(table_cell(t, r, c), text);
        const char *tag = k == 0 ? "th" : "td";
        bool token = named(t, c, tokens) || is_token(buf_str(text));
        const char *cls = t->right[c] ? " class=\"num\"" : token ? " class=\"token\"" : "";
        buf_printf(b, "<%s%s%s>", tag, k == 0 ? " scope=\"row\"" : "", cls);
        html_escape(b, buf_str(text));
        buf_printf(b, "</%s>", tag);
    }
    buf_puts(b, "</tr>\n");
}

void page_table_wrapped(struct buf *b, const struct table *t, const char *caption,
                        const char *const *headings, const char *const *shown,
                        const char *const *tokens)
{
    size_t *cols = xcalloc(t->ncols ? t->ncols : 1, sizeof *cols);
    size_t n = shown_columns(t, shown, cols);
    page_scroll_begin(b, caption);
    buf_puts(b, "<table class=\"data\">\n<caption>");
    html_escape(b, caption);
    buf_puts(b, "</caption>\n");
    table_head(b, t, headings, cols, n);
    buf_puts(b, "<tbody>\n");
    struct buf text = BUF_INIT;
    for (size_t r = 0; r < t->nrows; r++)
        table_row(b, t, r, cols, n, tokens, &text);
    buf_free(&text);
    buf_puts(b, "</tbody>\n</table>\n");
    page_scroll_end(b);
    free(cols);
}

void page_table_columns(struct buf *b, const struct table *t, const char *caption,
                        const char *const *headings, const char *const *shown)
{
    page_table_wrapped(b, t, caption, headings, shown, NULL);
}

void page_table(struct buf *b, const struct table *t, const char *caption,
                const char *const *headings)
{
    page_table_columns(b, t, caption, headings, NULL);
}

void page_chart(struct buf *b, const char *wide, const char *narrow)
{
    buf_puts(b, "<div class=\"chart-wide\">");
    web_svg_presentation(wide, b);
    buf_puts(b, "</div>\n<div class=\"chart-narrow\">");
    web_svg_presentation(narrow, b);
    buf_puts(b, "</div>");
}

void page_mission_names(const struct plan *p, struct table *t, size_t col)
{
    assert(col < t->ncols);
    struct buf keys = BUF_INIT, names = BUF_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        const struct cell *c = table_cell(t, r, col);
        if (c->type != CELL_TEXT)
            continue;
        buf_reset(&keys);
        buf_reset(&names);
        buf_puts(&keys, c->text);
        plan_keys_describe(p, buf_str(&keys), &names);
        table_set_text(t, r, col, buf_str(&names));
    }
    buf_free(&keys);
    buf_free(&names);
}

const struct plan_mission *page_mission_of(const struct plan *p, const struct plan_strategy *sg)
{
    for (size_t i = 0; i < p->nmissions; i++) {
        const struct plan_mission *m = &p->missions[i];
        if (sg >= m->strategies && sg < m->strategies + m->nstrategies)
            return m;
    }
    return NULL;
}

/* ---- error pages ---- */

static const char *reason(int status)
{
    switch (status) {
    case 400:
        return "Bad request";
    case 404:
        return "Page not found";
    case 401:
        return "Not signed in";
    case 403:
        return "Not allowed";
    case 405:
        return "Method not allowed";
    case 409:
        return "Not possible now";
    case 411:
        return "Length required";
    case 413:
        return "Form too large";
    case 415:
        return "Not a form";
    case 414:
        return "Address too long";
    case 429:
        return "Too many requests";
    case 503:
        return "Service unavailable";
    }
    return "Something went wrong";
}

void page_error(const struct web_request *rq, struct web_response *rs, int status,
                const char *message)
{
    rs->status = status;
    rs->format = WEB_HTML;
    buf_reset(&rs->body);
    struct buf *b = &rs->body;
    page_begin(b, rq, reason(status));
    buf_puts(b, "<h1>");
    html_escape(b, reason(status));
    buf_puts(b, "</h1>\n<p>");
    html_escape(b, message);
    buf_puts(b, "</p>\n<p><a href=\"/\">Go to the home page</a>.</p>\n");
    page_end(b, rq);
}

void web_error(const struct web_request *rq, struct web_response *rs, int status,
               const char *message)
{
    /* A server error's details (an SQLite message, a path) go to the log,
     * not to the public; the log is rate-limited (guard.h). */
    if (status >= 500) {
        if (rq->ctx->guard) /* unit tests run without one */
            guard_log(rq->ctx->guard, "peel serve: %d: %s", status, message);
        else
            fprintf(stderr, "peel serve: %d: %s\n", status, message);
        message = "The site could not make this page. The error has been logged.";
    }
    page_error(rq, rs, status, message);
}

void page_finish(const struct web_request *rq, struct web_response *rs, int rc,
                 const struct buf *err)
{
    if (rc < 0) {
        buf_reset(&rs->body);
        web_error(rq, rs, 500, buf_str(err));
    } else {
        page_end(&rs->body, rq);
    }
}

void page_public_base(const struct server_ctx *ctx, struct buf *out)
{
    const char *url = ctx->opt.public_url;
    if (url && *url) {
        size_t n = strlen(url);
        while (n > 0 && url[n - 1] == '/')
            n--;
        buf_append(out, url, n);
        return;
    }
    const char *bind = ctx->opt.bind ? ctx->opt.bind : "127.0.0.1";
    bool v6 = strchr(bind, ':') != NULL;
    buf_printf(out, "http://%s%s%s:%u", v6 ? "[" : "", bind, v6 ? "]" : "", ctx->port);
}
