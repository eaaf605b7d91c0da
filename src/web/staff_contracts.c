/*
 * staff_contracts.c - a contract's redacted copy attached on the staff
 * side, as `peel contracts attach` does: /staff/contracts/REF/copy shows
 * the form (the PDF, the strings redacted from it, one a line, or "nothing
 * was redacted"), and its POST (multipart, CSRF-checked, for the roles the
 * route table allows: staff.c) has the copy read with pdftotext and
 * refused if its text holds any of the strings (assess/contract_copy.h),
 * else published and audited (then back to the contract's staff page,
 * which shows the copy's SHA-256). A refusal names the string by its number,
 * never its text; the strings are never shown again.
 */
#include "assess/contract_copy.h"
#include "store/contracts.h"
#include "util/html.h"
#include "web/form.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <string.h>

/* Whether the route's contract is in the register: else a 404 (or 500)
 * is the answer, and false. */
static bool known_contract(struct staff_request *sq, struct web_response *rs, const char *ref)
{
    struct buf err = BUF_INIT;
    int rc = store_contract_known(sq->store, ref, &err);
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else if (rc == 0)
        page_error(sq->rq, rs, 404, "No contract of that reference is in the register.");
    buf_free(&err);
    return rc > 0;
}

void staff_contract_copy_form(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    if (!known_contract(sq, rs, ref))
        return;
    struct buf *b = &rs->body;
    char title[128];
    snprintf(title, sizeof title, "The redacted copy of %s", ref);
    staff_page_begin(b, sq, title);
    buf_puts(b, "<h1>");
    html_escape(b, title);
    buf_puts(b, "</h1>\n<p>The copy is published on the contract&#39;s public page only if its "
                "text, read as a reader would read it, holds none of the strings redacted from "
                "it as whole words (case, line breaks and hyphens at a line&#39;s end are "
                "ignored). A scanned copy has no text to check and is refused unless nothing was "
                "redacted. The strings are kept privately and never shown again.</p>\n<form "
                "method=\"post\" class=\"staff-form\" "
                "enctype=\"multipart/form-data\" action=\"");
    const char *ids[] = {ref};
    page_href(b, "/staff/contracts/", ids, 1, "/copy");
    buf_puts(b, "\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"copy-file\">The redacted copy (PDF, at most 20 MiB)</label>\n"
                "<input id=\"copy-file\" name=\"file\" type=\"file\" required accept=\".pdf\">"
                "</p>\n<p><label for=\"copy-redacted\">The strings redacted from it, one a line"
                "</label>\n<textarea id=\"copy-redacted\" name=\"redacted\" rows=\"8\">"
                "</textarea></p>\n<p><input id=\"copy-nothing\" name=\"nothing_redacted\" "
                "type=\"checkbox\" value=\"yes\"> <label for=\"copy-nothing\" class=\"inline\">"
                "Nothing was redacted from it</label></p>\n<p><button type=\"submit\">Check and "
                "publish the copy</button></p>\n</form>\n");
    buf_puts(b, "<p><a href=\"");
    page_href(b, "/staff/contracts/", ids, 1, "");
    buf_puts(b, "\">Back to the contract</a></p>\n");
    page_end(b, sq->rq);
}

/* The strings the form lists: 0, or -1 having answered why. */
static int form_redactions(struct staff_request *sq, struct web_response *rs, struct redactions *r)
{
    const char *text = web_form_value(sq->form, "redacted");
    const char *nothing = web_form_value(sq->form, "nothing_redacted");
    bool none = nothing && strcmp(nothing, "yes") == 0;
    struct buf err = BUF_INIT;
    int rc = redactions_parse("the list", text ? text : "", text ? strlen(text) : 0, r, &err);
    if (rc == 0 && (r->n == 0) != none) {
        buf_puts(&err, r->n ? "Strings are listed, but the box says nothing was redacted."
                            : "List the strings redacted from the copy, or tick the box to say "
                              "nothing was.");
        redactions_free(r);
        rc = -1;
    }
    if (rc < 0)
        page_error(sq->rq, rs, 400, buf_str(&err));
    buf_free(&err);
    return rc;
}

void staff_contract_copy(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    if (!known_contract(sq, rs, ref))
        return;
    const struct web_field *file = web_form_file(sq->form, "file");
    if (!file || file->len == 0) {
        page_error(sq->rq, rs, 400, "Choose the PDF of the redacted copy.");
        return;
    }
    struct redactions r;
    if (form_redactions(sq, rs, &r) < 0)
        return;
    struct buf err = BUF_INIT, to = BUF_INIT;
    struct contract_copy_outcome o;
    const char *name = file->filename && *file->filename ? file->filename : "copy.pdf";
    const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
    name = back && back > slash ? back + 1 : slash ? slash + 1 : name;
    int rc = contract_copy_attach(sq->store, ref, strlen(name) <= 200 ? name : "copy.pdf",
                                  file->value, file->len, &r, &sq->by, &o, &err);
    const char *ids[] = {ref};
    page_href(&to, "/staff/contracts/", ids, 1, "");
    if (rc == 0)
        staff_redirect(rs, buf_str(&to));
    else
        page_error(sq->rq, rs,
                   rc == CONTRACT_COPY_REFUSED   ? 422
                   : rc == CONTRACT_COPY_NO_TOOL ? 503
                                                 : 400,
                   buf_str(&err));
    redactions_free(&r);
    buf_free(&err);
    buf_free(&to);
}
