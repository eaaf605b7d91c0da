/*
 * staff_contract_pages.c - the contracts register on the staff side, so
 * that the form attaching a contract's redacted copy
 * (/staff/contracts/REF/copy, staff_contracts.c) is reached by links, not
 * typed:
 *
 *   GET /staff/contracts        every contract's current version, whether
 *                               the Order asks for its copy (over
 *                               £10,000), whether one is attached
 *   GET /staff/contracts/:ref   one contract: its fields (the funding source
 *                               and the plan's missions served by name,
 *                               with a link to the form changing them,
 *                               staff_contracts.c), its copy (when
 *                               attached, its date, size and SHA-256)
 *
 * The link to the form is shown only to the roles the route table lets use
 * it (staff_may), so that no one follows a link to a refusal. The strings
 * redacted from a copy are private and never shown here either.
 */
#include "model/money.h"
#include "model/plan.h"
#include "store/contracts.h"
#include "util/html.h"
#include "util/numfmt.h"
#include "web/context.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <string.h>

#define COPY_ROUTE "/staff/contracts/:ref/copy"
#define PLAN_ROUTE "/staff/contracts/:ref/plan"

/* A link to the form attaching ref's copy, with its words. */
static void attach_link(struct buf *b, const char *ref, const char *words)
{
    const char *ids[] = {ref};
    buf_puts(b, "<a href=\"");
    page_href(b, "/staff/contracts/", ids, 1, "/copy");
    buf_puts(b, "\">");
    html_escape(b, words);
    buf_puts(b, "</a>");
}

/* Whether a copy is attached, in words: "Attached on 2026-01-05" (with
 * its SHA-256's first 12 characters), "None attached", or "Not required". */
static void copy_state(struct buf *b, const struct contract_row *r)
{
    if (*r->copy_sha256) {
        buf_printf(b, "Attached on %.10s (SHA-256 <code>%.12s</code>&#8230;)", r->copy_attached_at,
                   r->copy_sha256);
    } else if (contract_copy_required(r->c.value_pence)) {
        buf_puts(b, "<strong>None attached</strong>");
    } else {
        buf_puts(b, "Not required (&#163;10,000 or less)");
    }
}

struct listing {
    struct buf *b;
    bool may_attach;
};

static void list_row(void *arg, const struct contract_row *r)
{
    struct listing *l = arg;
    struct buf *b = l->b;
    const char *ids[] = {r->c.ref};
    char value[MONEY_TEXT_SIZE];
    money_format(r->c.value_pence, true, value);
    buf_puts(b, "<tr><th scope=\"row\">");
    page_link(b, "/staff/contracts/", ids, 1, r->c.ref);
    buf_puts(b, "</th><td>");
    html_escape(b, r->c.title);
    buf_puts(b, "</td><td class=\"num\">");
    html_escape(b, value);
    buf_puts(b, "</td><td>");
    copy_state(b, r);
    if (l->may_attach && contract_copy_required(r->c.value_pence)) {
        buf_puts(b, "; ");
        attach_link(b, r->c.ref, *r->copy_sha256 ? "attach a new copy" : "attach a copy");
    }
    buf_puts(b, "</td></tr>\n");
}

void staff_contracts(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, rows = BUF_INIT, err = BUF_INIT;
    struct listing l = {&rows, staff_may(sq, "GET", COPY_ROUTE)};
    int n = store_contracts(sq->store, NULL, false, list_row, &l, &err);
    if (n < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        staff_page_begin(b, sq, "Contracts");
        buf_puts(b, "<h1>Contracts and invitations to tender</h1>\n<p>The register as the "
                    "<a href=\"/contracts\">public page</a> shows it (imported with <code>peel "
                    "contracts import</code>). The Order asks for a copy of each over "
                    "&#163;10,000: the redacted copy is attached here or with <code>peel "
                    "contracts attach</code>.</p>\n");
        if (n == 0) {
            buf_puts(b, "<p>No contract has been published yet.</p>\n");
        } else {
            page_scroll_begin(b, "The contracts");
            buf_puts(b, "<table>\n<caption>Each contract&#39;s current version, newest start "
                        "first</caption>\n<thead><tr><th scope=\"col\">Reference</th>"
                        "<th scope=\"col\">Title</th><th scope=\"col\">Value</th>"
                        "<th scope=\"col\">Redacted copy</th></tr></thead>\n<tbody>\n");
            buf_append(b, rows.p, rows.len);
            buf_puts(b, "</tbody>\n</table>\n");
            page_scroll_end(b);
        }
        page_end(b, sq->rq);
    }
    buf_free(&rows);
    buf_free(&err);
}

/* ---- one contract ---------------------------------------------------------- */

struct one {
    struct buf *b;
    const struct plan *plan;
    bool found, may_attach, may_plan;
};

static void field(struct buf *b, const char *name, const char *value)
{
    buf_puts(b, "<dt>");
    html_escape(b, name);
    buf_puts(b, "</dt><dd>");
    html_escape(b, *value ? value : "Not given");
    buf_puts(b, "</dd>\n");
}

static void copy_section(struct buf *b, const struct contract_row *r, bool may_attach)
{
    const char *ids[] = {r->c.ref};
    bool required = contract_copy_required(r->c.value_pence);
    buf_puts(b, "<h2 id=\"copy\">The redacted copy</h2>\n");
    if (*r->copy_sha256) {
        buf_puts(b, "<p>A copy is attached and public: <a href=\"/documents/");
        html_escape(b, r->copy_sha256);
        buf_puts(b, "\">the PDF</a>, ");
        buf_put_count(b, r->copy_size);
        buf_printf(b, " bytes, attached on %.10s.</p>\n<p>SHA-256: <code>", r->copy_attached_at);
        html_escape(b, r->copy_sha256);
        buf_puts(b, "</code></p>\n");
    } else {
        buf_puts(b, required ? "<p><strong>No copy is attached.</strong> The Order asks for one: "
                               "the contract is over &#163;10,000.</p>\n"
                             : "<p>No copy is attached; the Order asks only for this contract "
                               "to be listed (&#163;10,000 or less).</p>\n");
    }
    if (may_attach) {
        buf_puts(b, "<p>");
        attach_link(b, r->c.ref,
                    *r->copy_sha256 ? "Attach a new redacted copy (it replaces this one)"
                                    : "Attach the redacted copy");
        buf_puts(b, "</p>\n");
    }
    buf_puts(b, "<p>The public page: ");
    page_link(b, "/contracts/", ids, 1, r->c.ref);
    buf_puts(b, ".</p>\n");
}

static void one_contract(void *arg, const struct contract_row *r)
{
    struct one *o = arg;
    struct buf *b = o->b;
    char value[MONEY_TEXT_SIZE];
    money_format(r->c.value_pence, true, value);
    o->found = true;
    buf_puts(b, "<dl>\n");
    field(b, "Title", r->c.title);
    field(b, "Type", r->c.kind == CONTRACT_TENDER ? "Invitation to tender" : "Contract");
    field(b, "Party", contract_body_name(r->c.body));
    field(b, "Supplier", r->c.supplier);
    field(b, "Supplier's org-id", r->c.supplier_id);
    field(b, "Value", value);
    field(b, "Start", r->c.start_on);
    field(b, "End", r->c.end_on);
    field(b, "Procurement", r->c.method_details);
    field(b, "Funding source", r->c.funding);
    struct buf names = BUF_INIT;
    plan_keys_describe(o->plan, r->c.serves, &names);
    field(b, "Plan missions served", buf_str(&names));
    buf_free(&names);
    buf_printf(b, "<dt>Version</dt><dd>%d, published %.10s</dd>\n</dl>\n", r->version,
               r->published_at);
    if (o->may_plan) {
        const char *ids[] = {r->c.ref};
        buf_puts(b, "<p><a href=\"");
        page_href(b, "/staff/contracts/", ids, 1, "/plan");
        buf_puts(b, "\">Change the funding source or the plan&#39;s missions served</a></p>\n");
    }
    copy_section(b, r, o->may_attach);
}

void staff_contract(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    struct buf page = BUF_INIT, err = BUF_INIT;
    struct one o = {&page, &sq->ctx->plan, false, staff_may(sq, "GET", COPY_ROUTE),
                    staff_may(sq, "GET", PLAN_ROUTE)};
    char title[128];
    snprintf(title, sizeof title, "Contract %s", ref);
    staff_page_begin(&page, sq, title);
    buf_puts(&page, "<h1>");
    html_escape(&page, title);
    buf_puts(&page, "</h1>\n<p><a href=\"/staff/contracts\">Every contract</a></p>\n");
    int n = store_contracts(sq->store, ref, false, one_contract, &o, &err);
    if (n < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else if (!o.found) {
        page_error(sq->rq, rs, 404, "No contract of that reference is in the register.");
    } else {
        page_end(&page, sq->rq);
        buf_append(&rs->body, page.p, page.len);
    }
    buf_free(&page);
    buf_free(&err);
}
