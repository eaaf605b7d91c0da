/*
 * page_contracts.c - the contracts register on the public site
 * (store/contracts.h, assess/contract_tables.h):
 *
 *   /contracts (.csv, .json)        contracts and tenders over £10,000,
 *                                   each with its copy, then the list of
 *                                   those of £10,000 or less, and every
 *                                   correction; as data, the current
 *                                   version of each in the Local
 *                                   Government Transparency Code's layout
 *   /contracts/ocds.json            the Open Contracting Data Standard
 *                                   release package: every version
 *   /contracts/:ref (.csv, .json)   one contract's every version, and a
 *                                   link to its redacted copy
 *                                   (/documents/SHA256, page_documents.c)
 *
 * Specified Information Order 2011 Sch. 1 para 4(b)-(d): a copy of each
 * contract and invitation to tender over £10,000 to which the Commissioner
 * or the chief constable is a party, and a list of the contracts of
 * £10,000 or less. A published contract never changes: a correction is a
 * new version, with why. Money is written by model/money.h: for people
 * on the page, at full precision in the data.
 */
#include "assess/contract_tables.h"
#include "model/money.h"
#include "model/plan.h"
#include "util/html.h"
#include "util/numfmt.h"
#include "web/page.h"
#include "web/pages.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char ogl[] = "<a href=\"https://www.nationalarchives.gov.uk/doc/"
                          "open-government-licence/version/3/\">Open Government Licence v3.0</a>";

/* The rows of the page's two tables and its corrections, as read. */
struct sections {
    const struct plan *plan; /* names the missions a contract serves */
    struct buf copies, list, corrections;
    size_t ncopies, nlist;
};

static void cell(struct buf *b, const char *text)
{
    buf_puts(b, "<td>");
    html_escape(b, text);
    buf_puts(b, "</td>");
}

/* A link to the redacted copy Peel serves. */
static void copy_link(struct buf *b, const char *sha256, const char *ref)
{
    buf_puts(b, "<a href=\"/documents/");
    html_escape(b, sha256);
    buf_puts(b, "\">The redacted copy of ");
    html_escape(b, ref);
    buf_puts(b, " (PDF)</a>");
}

/* Where the money comes from, then the plan's missions served by their
 * titles (a key the plan loaded has not is shown as written): one cell,
 * so that the table fits a desktop screen. */
static void funding_cell(struct buf *b, const struct plan *p, const struct contract *c)
{
    struct buf names = BUF_INIT;
    plan_keys_describe(p, c->serves, &names);
    buf_puts(b, "<td>");
    html_escape(b, *c->funding ? c->funding : "Funding not given");
    buf_puts(b, "<br>Serves: ");
    html_escape(b, names.len ? buf_str(&names) : "not given");
    buf_puts(b, "</td>");
    buf_free(&names);
}

static void contract_row(struct buf *b, const struct plan *p, const struct contract_row *r,
                         bool copy)
{
    const struct contract *c = &r->c;
    buf_puts(b, "<tr><th scope=\"row\">");
    const char *ids[] = {c->ref};
    page_link(b, "/contracts/", ids, 1, c->ref);
    buf_puts(b, "</th>");
    cell(b, contract_body_name(c->body));
    buf_puts(b, "<td>");
    if (c->kind == CONTRACT_TENDER) /* a column of its own would not fit a desktop */
        buf_puts(b, "Invitation to tender: ");
    html_escape(b, c->title);
    buf_puts(b, "</td><td class=\"token\">"); /* an org-id may break anywhere */
    html_escape(b, *c->supplier ? c->supplier : "None yet (a tender)");
    if (*c->supplier_id) {
        buf_puts(b, " (");
        html_escape(b, c->supplier_id);
        buf_putc(b, ')');
    }
    buf_puts(b, "</td>");
    char value[MONEY_TEXT_SIZE];
    money_format(c->value_pence, true, value);
    buf_puts(b, "<td class=\"num\">");
    html_escape(b, value);
    buf_puts(b, "</td>");
    buf_puts(b, *c->end_on ? "<td>" : "<td>From ");
    html_escape(b, c->start_on);
    buf_puts(b, *c->end_on ? " to " : " (no end given)");
    html_escape(b, c->end_on);
    buf_puts(b, "</td>");
    cell(b, c->method_details);
    funding_cell(b, p, c);
    if (copy && *r->copy_sha256) {
        buf_puts(b, "<td>");
        copy_link(b, r->copy_sha256, c->ref);
        buf_puts(b, "</td>");
    } else if (copy && *c->document_url) {
        buf_puts(b, "<td><a href=\"");
        html_escape(b, c->document_url);
        buf_puts(b, "\">The copy of ");
        html_escape(b, c->ref);
        buf_puts(b, "</a></td>");
    } else if (copy) {
        cell(b, "Not yet published");
    }
    buf_puts(b, "</tr>\n");
}

static void take(void *arg, const struct contract_row *r)
{
    struct sections *s = arg;
    if (r->version > 1) {
        buf_puts(&s->corrections, "<li>");
        const char *ids[] = {r->c.ref};
        page_link(&s->corrections, "/contracts/", ids, 1, r->c.ref);
        buf_printf(&s->corrections, ", version %d, published %.10s: ", r->version, r->published_at);
        html_escape(&s->corrections, r->reason);
        buf_puts(&s->corrections, "</li>\n");
    }
    if (!r->current)
        return;
    bool copy = contract_copy_required(r->c.value_pence);
    contract_row(copy ? &s->copies : &s->list, s->plan, r, copy);
    *(copy ? &s->ncopies : &s->nlist) += 1;
}

static void table_of(struct buf *b, const char *caption, const struct buf *rows, bool copy)
{
    page_scroll_begin(b, caption);
    buf_puts(b, "<table>\n<caption>");
    html_escape(b, caption);
    buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">"
                "Party</th><th scope=\"col\">Title</th><th scope=\"col\">Supplier (org-id)</th>"
                "<th scope=\"col\">Value</th><th scope=\"col\">Term</th>"
                "<th scope=\"col\">Procurement</th>"
                "<th scope=\"col\">Funding, and the plan&#39;s missions served</th>");
    if (copy)
        buf_puts(b, "<th scope=\"col\">Copy</th>");
    buf_puts(b, "</tr></thead>\n<tbody>\n");
    buf_append(b, rows->p, rows->len);
    buf_puts(b, "</tbody>\n</table>\n");
    page_scroll_end(b);
}

static void intro(struct buf *b)
{
    buf_puts(b, "<h1>Contracts and invitations to tender</h1>\n<p class=\"lead\">Every "
                "contract and invitation to tender of the Police and Crime Commissioner or the "
                "Chief Constable: a copy of each over £10,000, and a list of those of £10,000 or "
                "less (Specified Information Order 2011, Schedule 1 paragraph 4).</p>\n<p>A "
                "contract once published never changes: a correction is published as a new "
                "version that says why. Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ".</p>\n<p>As data: <a href=\"/contracts.csv\">CSV</a> or <a "
                "href=\"/contracts.json\">JSON</a> in the Local Government Transparency Code's "
                "contracts layout (amounts in pounds to the penny), and the <a "
                "href=\"/contracts/ocds.json\">Open Contracting Data Standard release "
                "package</a> (OCDS 1.1: a release for every version).</p>\n");
}

static void summary_page(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct sections s = {&rq->ctx->plan, BUF_INIT, BUF_INIT, BUF_INIT, 0, 0};
    page_begin(b, rq, "Contracts");
    intro(b);
    int rc = store_contracts(rq->store, NULL, true, take, &s, &err);
    if (rc == 0)
        buf_puts(b, "<p>No contract has been published yet.</p>\n");
    if (rc > 0) {
        buf_puts(b, "<h2 id=\"copies\">Over £10,000: each published in full</h2>\n");
        if (s.ncopies)
            table_of(b, "Contracts and tenders over £10,000, newest first", &s.copies, true);
        else
            buf_puts(b, "<p>None.</p>\n");
        buf_puts(b, "<h2 id=\"list\">£10,000 or less: the list</h2>\n");
        if (s.nlist)
            table_of(b, "Contracts and tenders of £10,000 or less, newest first", &s.list, false);
        else
            buf_puts(b, "<p>None.</p>\n");
        buf_puts(b, "<h2 id=\"corrections\">Corrections</h2>\n");
        if (s.corrections.len) {
            buf_puts(b, "<ul>\n");
            buf_append(b, s.corrections.p, s.corrections.len);
            buf_puts(b, "</ul>\n");
        } else {
            buf_puts(b, "<p>No published contract has been corrected.</p>\n");
        }
    }
    page_finish(rq, rs, rc < 0 ? -1 : 0, &err);
    buf_free(&s.copies);
    buf_free(&s.list);
    buf_free(&s.corrections);
    buf_free(&err);
}

void page_contracts(const struct web_request *rq, struct web_response *rs)
{
    if (rs->format == WEB_HTML) {
        summary_page(rq, rs);
        return;
    }
    struct table t;
    struct buf err = BUF_INIT;
    if (contracts_table(rq->store, NULL, CONTRACTS_ALL, false, false, &t, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}

void page_contracts_ocds(const struct web_request *rq, struct web_response *rs)
{
    struct buf err = BUF_INIT, base = BUF_INIT;
    page_public_base(rq->ctx, &base);
    if (contracts_ocds_json(rq->store, buf_str(&base), &rs->body, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    buf_free(&base);
    buf_free(&err);
}

/* The current copy of a contract, as read. */
struct served_copy {
    char sha256[65], attached_at[32];
    int64_t size;
};

/* The fields of a version a reader compares between versions; the other
 * 21 of the Transparency Code's and Peel's columns are in the download.
 * Not Current: the versions are oldest first and the last is current (the
 * caption says so), and without it the table fits a desktop screen. */
static const char *const version_columns[] = {
    "Version",  "Title of Agreement", "Supplier Name", "Contract Value", "Start Date",
    "End Date", "Funding Source",     "Plan Missions", "Reason",         "Published",
    NULL};

/* The table's column named name (contract_tables.h's). */
static size_t column_named(const struct table *t, const char *name)
{
    for (size_t k = 0; k < t->ncols; k++)
        if (strcmp(t->names[k], name) == 0)
            return k;
    assert(!"a column of contracts_table");
    return 0;
}

static void take_copy(void *arg, const struct contract_row *r)
{
    struct served_copy *c = arg;
    snprintf(c->sha256, sizeof c->sha256, "%s", r->copy_sha256);
    snprintf(c->attached_at, sizeof c->attached_at, "%s", r->copy_attached_at);
    c->size = r->copy_size;
}

/* The contract's redacted copy, when one is published: 0, or -1 with err. */
static int copy_section(struct buf *b, struct store *s, const char *ref, struct buf *err)
{
    struct served_copy c = {"", "", 0};
    if (store_contracts(s, ref, false, take_copy, &c, err) < 0)
        return -1;
    if (!*c.sha256)
        return 0;
    buf_puts(b, "<h2 id=\"copy\">The redacted copy</h2>\n<p>");
    copy_link(b, c.sha256, ref);
    buf_puts(b, ", ");
    buf_put_count(b, c.size);
    buf_printf(b, " bytes, published %.10s; SHA-256 <code>", c.attached_at);
    html_escape(b, c.sha256);
    buf_puts(b, "</code>. Before it was published its text was read and searched for every "
                "string redacted from it: none is there.</p>\n");
    return 0;
}

void page_contract(const struct web_request *rq, struct web_response *rs)
{
    const char *ref = rq->match->args[0];
    struct table t;
    struct buf err = BUF_INIT;
    int rc = contracts_table(rq->store, ref, CONTRACTS_ALL, true, rs->format == WEB_HTML, &t, &err);
    if (rc == 0) {
        page_error(rq, rs, 404, "No contract of that reference has been published.");
    } else if (rc < 0 || rs->format != WEB_HTML) {
        if (rc < 0)
            web_error(rq, rs, 500, buf_str(&err));
        else
            pages_data(&t, rs->format, rs);
    } else {
        struct buf *b = &rs->body;
        char heading[128];
        snprintf(heading, sizeof heading, "Contract %s", ref);
        page_begin(b, rq, heading);
        buf_puts(b, "<h1>");
        html_escape(b, heading);
        buf_puts(b, "</h1>\n<p><a href=\"/contracts\">Every contract</a></p>\n<p>As data: <a "
                    "href=\"");
        const char *ids[] = {ref};
        page_href(b, "/contracts/", ids, 1, ".csv");
        buf_puts(b, "\">CSV</a> or <a href=\"");
        page_href(b, "/contracts/", ids, 1, ".json");
        buf_puts(b, "\">JSON</a>.</p>\n");
        rc = copy_section(b, rq->store, ref, &err);
        page_mission_names(&rq->ctx->plan, &t, column_named(&t, "Plan Missions"));
        /* the publication times free to wrap, so that the table fits a
         * desktop screen (as /spend's versions) */
        static const char *const tokens[] = {"Published", NULL};
        page_table_wrapped(b, &t, "Every version, oldest first: the last is the contract now",
                           (const char *const *)t.names, version_columns, tokens);
        buf_puts(b, "<p>Every field of every version, with the file it was published from, is in "
                    "the CSV and JSON.</p>\n");
        page_finish(rq, rs, rc < 0 ? -1 : 0, &err);
    }
    table_free(&t);
    buf_free(&err);
}
