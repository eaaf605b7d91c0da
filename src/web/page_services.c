/*
 * page_services.c - the commissioned services on the public site
 * (store/services.h, assess/service_tables.h):
 *
 *   /services (.csv, .json)        every service: provider, funding, dates,
 *                                  annual value, people supported and unit
 *                                  cost with its method, and the totals; as
 *                                  data, every column of `peel services list`
 *   /services/:ref (.csv, .json)   one service: its outcomes and targets,
 *                                  its returns by quarter, its unit cost
 *                                  and how it was worked out; as data, the
 *                                  returns by quarter with each one's cost
 *
 * Money is written by model/money.h: for people on the page, at full
 * precision in the data.
 */
#include "assess/service_tables.h"
#include "model/money.h"
#include "util/html.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

/* The columns of services_table the pages read. */
enum {
    C_REF,
    C_NAME,
    C_PROVIDER,
    C_PROVIDER_ID,
    C_CONTRACT,
    C_FUNDING,
    C_SERVES,
    C_START,
    C_END,
    C_VALUE,
    C_OUTCOMES,
    C_QUARTERS,
    C_REFERRALS,
    C_PEOPLE,
    C_COST,
    C_UNIT,
    C_METHOD
};

static const char ogl[] = "<a href=\"https://www.nationalarchives.gov.uk/doc/"
                          "open-government-licence/version/3/\">Open Government Licence v3.0</a>";

/* A cell as the text table writes it (money for people, numbers grouped). */
static void cell(struct buf *b, const struct table *t, size_t row, size_t col, const char *tag)
{
    struct buf text = BUF_INIT;
    table_cell_text(table_cell(t, row, col), true, &text);
    buf_printf(b, "<%s%s>", tag, t->right[col] ? " class=\"num\"" : "");
    html_escape(b, text.len ? text.p : "");
    buf_printf(b, "</%s>", tag);
    buf_free(&text);
}

static void service_rows(struct buf *b, const struct table *t)
{
    static const size_t cols[] = {C_PROVIDER, C_FUNDING, C_START, C_END,   C_VALUE,
                                  C_PEOPLE,   C_COST,    C_UNIT,  C_METHOD};
    for (size_t r = 0; r < t->nrows; r++) {
        const char *ids[] = {table_cell(t, r, C_REF)->text};
        buf_puts(b, "<tr><th scope=\"row\">");
        page_link(b, "/services/", ids, 1, table_cell(t, r, C_NAME)->text);
        buf_puts(b, "</th>");
        for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
            cell(b, t, r, cols[i], "td");
        buf_puts(b, "</tr>\n");
    }
}

static void list_table(struct buf *b, const struct table *t, const struct services_totals *tot)
{
    static const char *const heads[] = {"Service",
                                        "Provider",
                                        "Funding",
                                        "Start",
                                        "End",
                                        "Annual value",
                                        "People supported",
                                        "Cost of the quarters returned",
                                        "Unit cost",
                                        "How the unit cost was worked out"};
    const char *caption = "Commissioned services, by name";
    page_scroll_begin(b, caption);
    buf_puts(b, "<table class=\"data\">\n<caption>");
    html_escape(b, caption);
    buf_puts(b, "</caption>\n<thead><tr>");
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        buf_puts(b, "<th scope=\"col\">");
        html_escape(b, heads[i]);
        buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead>\n<tbody>\n");
    service_rows(b, t);
    char value[MONEY_TEXT_SIZE], cost[MONEY_TEXT_SIZE], people[32];
    money_format(tot->annual_value_pence, true, value);
    money_format(tot->cost_pence, true, cost);
    buf_printf(b,
               "</tbody>\n<tfoot><tr><th scope=\"row\">All %d services</th><td></td><td></td>"
               "<td></td><td></td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
               "<td class=\"num\">%s</td><td></td><td></td></tr></tfoot>\n</table>\n",
               tot->services, value, table_thousands(tot->people, people, sizeof people), cost);
    page_scroll_end(b);
}

static void intro(struct buf *b)
{
    buf_puts(b, "<h1>Commissioned services</h1>\n<p class=\"lead\">The services the Police and "
                "Crime Commissioner pays others to run for victims, for young people and to "
                "prevent crime: who runs each one, what it costs a year, the outcomes it must "
                "deliver, and how many people it supported.</p>\n<p>Each service reports every "
                "quarter. Its <b>unit cost</b> is what the quarters it reported cost, divided by "
                "the people it supported in them. A quarter&#39;s cost is the spend paid to the "
                "service that quarter, where the spend register shows it; otherwise a quarter of "
                "the service&#39;s annual value. Beside each unit cost it says which.</p>\n"
                "<p>As data: <a href=\"/services.csv\">CSV</a> or <a href=\"/services.json\">"
                "JSON</a> (amounts in pounds, unit costs unrounded). Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ".</p>\n");
}

static void list_page(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct table t;
    struct services_totals tot;
    page_begin(b, rq, "Commissioned services");
    intro(b);
    int rc = services_table(rq->store, false, true, &t, &tot, &err);
    if (rc == 0)
        buf_puts(b, "<p>No commissioned service has been published yet.</p>\n");
    if (rc > 0) {
        char value[MONEY_TEXT_SIZE], people[32];
        money_format(tot.annual_value_pence, true, value);
        buf_printf(b,
                   "<p>%d services, worth %s a year in all, supported %s people in the "
                   "quarters they have reported.</p>\n",
                   tot.services, value, table_thousands(tot.people, people, sizeof people));
        list_table(b, &t, &tot);
    }
    page_finish(rq, rs, rc < 0 ? -1 : 0, &err);
    table_free(&t);
    buf_free(&err);
}

void page_services(const struct web_request *rq, struct web_response *rs)
{
    if (rs->format == WEB_HTML) {
        list_page(rq, rs);
        return;
    }
    struct table t;
    struct buf err = BUF_INIT;
    if (services_table(rq->store, false, false, &t, NULL, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}

/* The service's particulars as a description list. */
static void particulars(struct buf *b, const struct table *v)
{
    static const struct {
        size_t col;
        const char *term;
    } rows[] = {{C_PROVIDER, "Provider"},
                {C_PROVIDER_ID, "Provider's org-id"},
                {C_FUNDING, "Funding source"},
                {C_SERVES, "Plan missions and strategies"},
                {C_START, "Start"},
                {C_END, "End"},
                {C_VALUE, "Annual value"}};
    buf_puts(b, "<dl>\n");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        buf_puts(b, "<dt>");
        html_escape(b, rows[i].term);
        buf_puts(b, "</dt>");
        const struct cell *c = table_cell(v, 0, rows[i].col);
        if (c->type == CELL_TEXT && !*c->text)
            buf_puts(b, "<dd>Not given</dd>\n");
        else
            cell(b, v, 0, rows[i].col, "dd"), buf_putc(b, '\n');
    }
    const char *contract = table_cell(v, 0, C_CONTRACT)->text;
    buf_puts(b, "<dt>Contract</dt><dd>");
    if (*contract) {
        const char *ids[] = {contract};
        page_link(b, "/contracts/", ids, 1, contract);
    } else {
        buf_puts(b, "None in the contracts register");
    }
    buf_puts(b, "</dd>\n</dl>\n");
}

static void unit_cost_text(struct buf *b, const struct table *v)
{
    buf_puts(b, "<h2 id=\"unit-cost\">Unit cost</h2>\n<p>");
    const struct cell *u = table_cell(v, 0, C_UNIT);
    if (u->type != CELL_NULL) {
        buf_puts(b, "<b>");
        struct buf text = BUF_INIT;
        table_cell_text(u, true, &text);
        html_escape(b, buf_str(&text));
        buf_free(&text);
        buf_puts(b, "</b> for each person supported. ");
    }
    html_escape(b, table_cell(v, 0, C_METHOD)->text);
    buf_puts(b, ".</p>\n");
}

static void detail_page(const struct web_request *rq, struct web_response *rs,
                        const struct table *v, const struct table *o, const struct table *r)
{
    static const char *const oheads[] = {"Outcome", "Target a year", "Achieved in all",
                                         "Quarters reported"};
    static const char *const rheads[] = {
        "Quarter",           "Referrals", "People supported",
        "Outcomes achieved", "Cost",      "Where the cost comes from",
        "Unit cost",         "Version"};
    struct buf *b = &rs->body;
    const char *name = table_cell(v, 0, C_NAME)->text, *ids[] = {rq->match->args[0]};
    page_begin(b, rq, name);
    buf_puts(b, "<h1>");
    html_escape(b, name);
    buf_puts(b, "</h1>\n<p><a href=\"/services\">Every commissioned service</a></p>\n");
    particulars(b, v);
    buf_puts(b, "<h2 id=\"outcomes\">Outcomes it must deliver</h2>\n");
    if (o->nrows)
        page_table(b, o, "Each outcome, its target a year and what was achieved", oheads);
    else
        buf_puts(b, "<p>No outcomes were given for this service.</p>\n");
    unit_cost_text(b, v);
    buf_puts(b, "<h2 id=\"returns\">Returns by quarter</h2>\n");
    if (r->nrows)
        page_table(b, r, "Each quarter's return, oldest first", rheads);
    else
        buf_puts(b, "<p>No quarterly return has been published yet.</p>\n");
    buf_puts(b, "<p>As data: <a href=\"");
    page_href(b, "/services/", ids, 1, ".csv");
    buf_puts(b, "\">CSV</a> or <a href=\"");
    page_href(b, "/services/", ids, 1, ".json");
    buf_puts(b, "\">JSON</a> (the returns by quarter). Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ".</p>\n");
}

void page_service(const struct web_request *rq, struct web_response *rs)
{
    struct table v, o, r;
    struct buf err = BUF_INIT;
    int rc =
        service_tables(rq->store, rq->match->args[0], rs->format == WEB_HTML, &v, &o, &r, &err);
    if (rc == 0)
        page_error(rq, rs, 404, "No commissioned service of that reference has been published.");
    else if (rc < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (rs->format != WEB_HTML)
        pages_data(&r, rs->format, rs);
    else {
        page_mission_names(&rq->ctx->plan, &v, C_SERVES);
        detail_page(rq, rs, &v, &o, &r);
        page_finish(rq, rs, 0, &err);
    }
    table_free(&v);
    table_free(&o);
    table_free(&r);
    buf_free(&err);
}
