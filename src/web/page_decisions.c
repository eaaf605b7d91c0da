/*
 * page_decisions.c - the decision register on the public site: /decisions
 * (a search form, how many match, a page of them as a table, newest
 * first, with links to the pages before and after that keep the filters)
 * and /decisions.csv and .json (every public field of every decision
 * that matches, at full precision).
 *
 * The register's promise (decision 001): with the exception of exempted
 * decisions, every decision and its submission is published, so that the
 * public and the Police and Crime Panel can see how decisions are made. A
 * decision exempt as a whole is listed as a stub: its reference, date,
 * subject, decision maker and the FOIA ground, nothing more.
 *
 * The routes read the query string (WEB_ROUTE_QUERY): never cached, and
 * charged to the client's budget for costly pages. Searching is the
 * store's: it turns the words typed into a query of words only.
 */
#include "util/html.h"
#include "util/numfmt.h"
#include "web/decision_data.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

/* ---- the downloads --------------------------------------------------------- */

static void add_download_row(void *arg, const struct decision_public *d)
{
    decision_table_row(arg, d);
}

/* Every matching decision, a store page (DECISION_PAGE_MAX) at a time:
 * 1 when more than DECISION_DOWNLOAD_MAX match, -1 with err. */
static int read_all(struct store *s, struct decision_filter f, struct table *t, struct buf *err)
{
    f.page_size = DECISION_PAGE_MAX;
    long total = 0;
    for (f.page = 1;; f.page++) {
        size_t before = t->nrows;
        if (store_decisions_public(s, &f, add_download_row, t, &total, err) < 0)
            return -1;
        if (total > DECISION_DOWNLOAD_MAX)
            return 1;
        if (t->nrows == before || (long)t->nrows >= total)
            return 0;
    }
}

static void download(const struct web_request *rq, const struct decision_query *dq,
                     struct web_response *rs)
{
    struct table t;
    struct buf err = BUF_INIT;
    decision_table_init(&t);
    int rc = read_all(rq->store, dq->f, &t, &err);
    if (rc < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (rc > 0)
        page_error(rq, rs, 400,
                   "More than 10,000 decisions match: narrow the download with a filter, "
                   "such as year=2025.");
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}

/* ---- the form -------------------------------------------------------------- */

static void text_field(struct buf *b, const char *id, const char *label, const char *value,
                       const char *extra)
{
    buf_printf(b, "<div class=\"field\"><label for=\"%s\">", id);
    html_escape(b, label);
    buf_printf(b, "</label> <input type=\"text\" id=\"%s\" name=\"%s\" value=\"", id, id);
    html_escape(b, value ? value : "");
    buf_printf(b, "\"%s></div>\n", extra);
}

static void option(struct buf *b, const char *value, const char *text, const char *chosen)
{
    buf_puts(b, "<option value=\"");
    html_escape(b, value);
    buf_puts(b, chosen && strcmp(chosen, value) == 0 ? "\" selected>" : "\">");
    html_escape(b, text);
    buf_puts(b, "</option>\n");
}

static void status_field(struct buf *b, const char *chosen)
{
    buf_puts(b, "<div class=\"field\"><label for=\"status\">Status</label> "
                "<select id=\"status\" name=\"status\">\n");
    option(b, "", "Any", chosen);
    option(b, "published", "Published", chosen);
    option(b, "withheld", "Withheld (exempt)", chosen);
    option(b, "rescinded", "Rescinded", chosen);
    buf_puts(b, "</select></div>\n");
}

static void type_field(struct buf *b, const char *chosen)
{
    buf_puts(b, "<div class=\"field\"><label for=\"type\">Type</label> "
                "<select id=\"type\" name=\"type\">\n");
    option(b, "", "Any", chosen);
    for (int i = 0; i < DECISION_TYPES; i++)
        option(b, decision_type_word(i), decision_type_title(i), chosen);
    buf_puts(b, "</select></div>\n");
}

static void search_form(struct buf *b, const struct decision_query *dq)
{
    buf_puts(b, "<form method=\"get\" action=\"/decisions\" class=\"explore\">\n"
                "<fieldset><legend>Search the register</legend>\n");
    text_field(b, "q", "Words", dq->q, "");
    text_field(b, "subject", "Subject contains", dq->subject, "");
    buf_puts(b, "</fieldset>\n<fieldset><legend>Filter</legend>\n");
    text_field(b, "year", "Year", dq->year,
               " inputmode=\"numeric\" size=\"6\" autocomplete=\"off\"");
    status_field(b, dq->status);
    type_field(b, dq->type);
    buf_puts(b, "<p id=\"value-hint\">Values in pounds, for example 10,000 or "
                "\xc2\xa3"
                "39,305.40.</p>\n");
    text_field(b, "min", "Value from (\xc2\xa3)", dq->min,
               " inputmode=\"decimal\" aria-describedby=\"value-hint\"");
    text_field(b, "max", "Value up to (\xc2\xa3)", dq->max,
               " inputmode=\"decimal\" aria-describedby=\"value-hint\"");
    buf_puts(b, "</fieldset>\n<p><button type=\"submit\">Search</button> "
                "<a href=\"/decisions\">Clear the search</a></p>\n</form>\n");
}

/* ---- the results ------------------------------------------------------------ */

struct results {
    struct buf *b;
};

static void cell(struct buf *b, const char *text, bool num)
{
    buf_puts(b, num ? "<td class=\"num\">" : "<td>");
    html_escape(b, text ? text : "");
    buf_puts(b, "</td>");
}

static void result_row(void *arg, const struct decision_public *d)
{
    struct buf *b = ((struct results *)arg)->b;
    char slug[DECISION_SLUG_SIZE], money[48], title[192];
    buf_puts(b, "<tr><th scope=\"row\">");
    if (decision_ref_slug(d->ref, slug)) {
        const char *ids[] = {slug};
        page_link(b, "/decisions/", ids, 1, d->ref);
    } else {
        html_escape(b, d->ref);
    }
    buf_puts(b, "</th><td>");
    html_escape(b, d->decided_on ? d->decided_on : "");
    buf_puts(b, "</td>");
    snprintf(title, sizeof title, "exempt (%s)", d->ground ? d->ground : "FOIA");
    cell(b, d->stub ? title : d->text.title, false);
    cell(b, d->decided_by, false);
    decision_pounds(d->text.amount_pence, true, money, sizeof money);
    cell(b, money, true);
    cell(b, d->state, false);
    buf_puts(b, "</tr>\n");
}

static void results_table(struct buf *b, const char *caption, const struct buf *rows)
{
    page_scroll_begin(b, caption);
    buf_puts(b, "<table class=\"data\">\n<caption>");
    html_escape(b, caption);
    buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">Date"
                "</th><th scope=\"col\">Title</th><th scope=\"col\">Decision maker</th>"
                "<th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Status</th></tr>"
                "</thead>\n<tbody>\n");
    buf_append(b, rows->p, rows->len);
    buf_puts(b, "</tbody>\n</table>\n</div>\n");
}

static void page_nav_link(struct buf *b, const struct decision_query *dq, int page, const char *rel,
                          const char *text)
{
    struct buf q = BUF_INIT;
    decision_query_string(dq, page, &q);
    buf_printf(b, "<li><a rel=\"%s\" href=\"/decisions?", rel);
    html_escape(b, buf_str(&q));
    buf_puts(b, "\">");
    html_escape(b, text);
    buf_puts(b, "</a></li>\n");
    buf_free(&q);
}

static void paging(struct buf *b, const struct decision_query *dq, long total)
{
    long pages = (total + dq->f.page_size - 1) / dq->f.page_size;
    if (pages <= 1 && dq->f.page <= 1)
        return;
    buf_puts(b, "<nav aria-label=\"Pages of results\"><ul class=\"pages\">\n");
    if (dq->f.page > 1)
        page_nav_link(b, dq, dq->f.page - 1 < pages ? dq->f.page - 1 : (int)pages, "prev",
                      "Previous page");
    buf_printf(b, "<li>Page %d of %ld</li>\n", dq->f.page, pages);
    if (dq->f.page < pages)
        page_nav_link(b, dq, dq->f.page + 1, "next", "Next page");
    buf_puts(b, "</ul></nav>\n");
}

static void downloads(struct buf *b, const struct decision_query *dq)
{
    struct buf q = BUF_INIT;
    decision_query_string(dq, 0, &q);
    const char *sep = q.len ? "?" : "";
    buf_puts(b, "<p>These results as data: <a href=\"/decisions.csv");
    buf_puts(b, sep);
    html_escape(b, buf_str(&q));
    buf_puts(b, "\">CSV</a> or <a href=\"/decisions.json");
    buf_puts(b, sep);
    html_escape(b, buf_str(&q));
    buf_puts(b, "\">JSON</a> (every public field). New decisions as a feed: "
                "<a href=\"/decisions.atom\">Atom</a>. The <a href=\"/decisions/forward-plan\">"
                "forward plan against the log</a>.</p>\n");
    buf_free(&q);
}

static void intro(struct buf *b)
{
    buf_puts(b, "<h1>Decisions</h1>\n<p class=\"lead\">Every decision the Commissioner and "
                "the Deputy take is published here with its submission: what was decided, "
                "why, the options rejected, the money, and any conflict of interest. A "
                "decision exempt from publication under the Freedom of Information Act 2000 "
                "is listed with its reference, date, subject and decision maker, and the "
                "exemption that applies.</p>\n");
}

static void register_page(const struct web_request *rq, const struct decision_query *dq,
                          struct web_response *rs)
{
    struct buf rows = BUF_INIT, err = BUF_INIT, *b = &rs->body;
    struct results r = {&rows};
    long total = 0;
    if (store_decisions_public(rq->store, &dq->f, result_row, &r, &total, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else {
        page_begin(b, rq, "Decisions");
        intro(b);
        search_form(b, dq);
        buf_puts(b, "<h2 id=\"results\">Results</h2>\n<p role=\"status\">");
        char n[32];
        html_printf(b, "%s %s match.", table_thousands(total, n, sizeof n),
                    total == 1 ? "decision" : "decisions");
        buf_puts(b, "</p>\n");
        if (rows.len)
            results_table(b, "Decisions, newest first", &rows);
        paging(b, dq, total);
        downloads(b, dq);
        page_end(b, rq);
    }
    buf_free(&rows);
    buf_free(&err);
}

void page_decisions(const struct web_request *rq, struct web_response *rs)
{
    struct decision_query dq;
    char why[160];
    if (!decision_query_read(rq->target, &dq, why, sizeof why))
        page_error(rq, rs, 400, why);
    else if (rs->format == WEB_HTML)
        register_page(rq, &dq, rs);
    else
        download(rq, &dq, rs);
}
