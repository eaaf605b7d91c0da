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
 *
 * /staff/contracts/REF/plan is the contract's funding source and the plan's
 * missions and strategies it serves (a box for each of the loaded plan's),
 * with why they change: its POST publishes the contract's next version
 * with them (store_contract_revise), as a file imported would.
 */
#include "assess/contract_copy.h"
#include "store/contracts.h"
#include "model/calendar.h"
#include "model/plan.h"
#include "util/html.h"
#include "util/sha256.h"
#include "util/utf8.h"
#include "web/form.h"
#include "web/context.h"
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

/* The start of a contract's staff form: the page titled "what_title:
 * REF" (or as given), its heading, the lead (trusted HTML), and the form
 * posting to /staff/contracts/REF/path (multipart: it sends a file) with
 * its CSRF field. */
static void contract_form_begin(struct staff_request *sq, struct buf *b, const char *title,
                                const char *lead, const char *ref, const char *path, bool multipart)
{
    staff_page_begin(b, sq, title);
    buf_puts(b, "<h1>");
    html_escape(b, title);
    buf_printf(b, "</h1>\n%s\n<form method=\"post\" class=\"staff-form\"%s action=\"", lead,
               multipart ? " enctype=\"multipart/form-data\"" : "");
    const char *ids[] = {ref};
    page_href(b, "/staff/contracts/", ids, 1, path);
    buf_puts(b, "\">\n");
    staff_csrf_field(b, sq);
}

/* The link back to the contract's staff page, under its form. */
static void back_to_contract(struct buf *b, const char *ref)
{
    const char *ids[] = {ref};
    buf_puts(b, "<p><a href=\"");
    page_href(b, "/staff/contracts/", ids, 1, "");
    buf_puts(b, "\">Back to the contract</a></p>\n");
}

void staff_contract_copy_form(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    if (!known_contract(sq, rs, ref))
        return;
    struct buf *b = &rs->body;
    char title[128];
    snprintf(title, sizeof title, "The redacted copy of %s", ref);
    contract_form_begin(
        sq, b, title,
        "<p>The copy is published on the contract&#39;s public page only if its text, read as "
        "a reader would read it, holds none of the strings redacted from it as whole words "
        "(case, line breaks and hyphens at a line&#39;s end are ignored). A scanned copy has no "
        "text to check and is refused unless nothing was redacted. The strings are kept "
        "privately and never shown again.</p>",
        ref, "/copy", true);
    buf_puts(b, "<p><label for=\"copy-file\">The redacted copy (PDF, at most 20 MiB)</label>\n"
                "<input id=\"copy-file\" name=\"file\" type=\"file\" required accept=\".pdf\">"
                "</p>\n<p><label for=\"copy-redacted\">The strings redacted from it, one a line"
                "</label>\n<textarea id=\"copy-redacted\" name=\"redacted\" rows=\"8\">"
                "</textarea></p>\n<p><input id=\"copy-nothing\" name=\"nothing_redacted\" "
                "type=\"checkbox\" value=\"yes\"> <label for=\"copy-nothing\" class=\"inline\">"
                "Nothing was redacted from it</label></p>\n<p><button type=\"submit\">Check and "
                "publish the copy</button></p>\n</form>\n");
    back_to_contract(b, ref);
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

/* ---- the funding source and the plan's missions served -------------------- */

/* Whether the stored list ("m1, m2.s3") holds key. */
static bool serves_key(const char *serves, const char *key)
{
    size_t len = strlen(key);
    for (const char *k = serves; *k;) {
        size_t n = strcspn(k, ",");
        if (n == len && memcmp(k, key, len) == 0)
            return true;
        k += n + (k[n] != '\0');
        k += *k == ' ';
    }
    return false;
}

/* The form's field of a key: "serves-m2-s3" (a field's name is [a-z0-9_-],
 * web/form.h). */
static void field_of(const char *key, char *out, size_t n)
{
    snprintf(out, n, "serves-%s", key);
    for (char *c = out; *c; c++)
        *c = *c == '.' ? '-' : *c;
}

/* One checkbox of the form. */
static void key_box(struct buf *b, const char *key, const char *title, const char *serves)
{
    char field[64];
    field_of(key, field, sizeof field);
    buf_printf(b,
               "<p><input id=\"%s\" name=\"%s\" type=\"checkbox\" value=\"yes\"%s>"
               " <label for=\"%s\" class=\"inline\">",
               field, field, serves_key(serves, key) ? " checked" : "", field);
    html_escape(b, title);
    buf_puts(b, "</label></p>\n");
}

/* A fieldset per mission: the mission itself, then its strategies. */
static void mission_boxes(struct buf *b, const struct plan *p, const char *serves)
{
    if (p->nmissions == 0) {
        buf_puts(b, "<p>No plan is loaded (<code>peel plan load</code>): the missions a contract "
                    "serves can be given in the file imported.</p>\n");
        return;
    }
    for (size_t i = 0; i < p->nmissions; i++) {
        const struct plan_mission *m = &p->missions[i];
        char key[48];
        buf_puts(b, "<fieldset>\n<legend>");
        html_escape(b, m->title);
        buf_puts(b, "</legend>\n");
        snprintf(key, sizeof key, "m%zu", i + 1);
        key_box(b, key, "The mission as a whole", serves);
        for (size_t j = 0; j < m->nstrategies; j++) {
            snprintf(key, sizeof key, "m%zu.s%zu", i + 1, j + 1);
            key_box(b, key, m->strategies[j].title, serves);
        }
        buf_puts(b, "</fieldset>\n");
    }
}

/* The keys whose boxes the form ticked, in the plan's order. */
static void ticked_keys(const struct web_form *form, const struct plan *p, struct buf *out)
{
    for (size_t i = 0; i < p->nmissions; i++)
        for (size_t j = 0; j <= p->missions[i].nstrategies; j++) {
            char key[48], field[64];
            if (j == 0)
                snprintf(key, sizeof key, "m%zu", i + 1);
            else
                snprintf(key, sizeof key, "m%zu.s%zu", i + 1, j);
            field_of(key, field, sizeof field);
            const char *v = web_form_value(form, field);
            if (v && strcmp(v, "yes") == 0)
                buf_printf(out, "%s%s", out->len ? ", " : "", key);
        }
}

/* The current version's funding and keys, copied: "" when none. */
struct current_plan {
    char funding[CONTRACT_FUNDING_MAX_BYTES + 1];
    char serves[CONTRACT_FUNDING_MAX_BYTES + 1];
    bool found;
};

static void copy_current(void *arg, const struct contract_row *r)
{
    struct current_plan *c = arg;
    snprintf(c->funding, sizeof c->funding, "%s", r->c.funding);
    snprintf(c->serves, sizeof c->serves, "%s", r->c.serves);
    c->found = true;
}

void staff_contract_plan_form(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    struct current_plan cur = {.found = false};
    struct buf err = BUF_INIT;
    if (store_contracts(sq->store, ref, false, copy_current, &cur, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
        buf_free(&err);
        return;
    }
    buf_free(&err);
    if (!cur.found) {
        page_error(sq->rq, rs, 404, "No contract of that reference is in the register.");
        return;
    }
    struct buf *b = &rs->body;
    char title[128];
    snprintf(title, sizeof title, "Funding and the plan: %s", ref);
    contract_form_begin(sq, b, title,
                        "<p>Where the contract&#39;s money comes from and which of the plan&#39;s "
                        "missions it serves, shown on its public page and in the register&#39;s "
                        "CSV and OCDS. A change publishes the contract&#39;s next version, which "
                        "says why.</p>",
                        ref, "/plan", false);
    buf_puts(b, "<p><label for=\"plan-funding\">Funding source (the budget or grant that pays "
                "for it)</label>\n<input id=\"plan-funding\" name=\"funding\" type=\"text\" "
                "maxlength=\"2000\" value=\"");
    html_escape(b, cur.funding);
    buf_puts(b, "\"></p>\n<h2>The plan&#39;s missions it serves</h2>\n");
    mission_boxes(b, &sq->ctx->plan, cur.serves);
    buf_puts(b, "<p><label for=\"plan-reason\">Why it changes (published with the version)"
                "</label>\n<textarea id=\"plan-reason\" name=\"reason\" rows=\"3\" required>"
                "</textarea></p>\n<p><button type=\"submit\">Publish the next version</button>"
                "</p>\n</form>\n");
    back_to_contract(b, ref);
    page_end(b, sq->rq);
}

/* The form's fields checked: 0, or -1 having answered why. */
static int plan_fields(struct staff_request *sq, struct web_response *rs, const char **funding,
                       const char **reason)
{
    *funding = web_form_value(sq->form, "funding");
    *reason = web_form_value(sq->form, "reason");
    *funding = *funding ? *funding : "";
    long line, col;
    const char *why = NULL;
    if (strlen(*funding) > CONTRACT_FUNDING_MAX_BYTES)
        why = "The funding source is over 2,000 bytes.";
    else if (!utf8_valid(*funding, strlen(*funding), &line, &col))
        why = "The funding source is not UTF-8 text.";
    else if (!*reason || !**reason || strlen(*reason) > 2000 ||
             !utf8_valid(*reason, strlen(*reason), &line, &col))
        why = "Say why the contract changes (up to 2,000 bytes): it is published with the "
              "version.";
    if (why)
        page_error(sq->rq, rs, 400, why);
    return why ? -1 : 0;
}

void staff_contract_plan(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    if (!known_contract(sq, rs, ref))
        return;
    const char *funding, *reason;
    if (plan_fields(sq, rs, &funding, &reason) < 0)
        return;
    struct buf serves = BUF_INIT, err = BUF_INIT, form = BUF_INIT, to = BUF_INIT;
    ticked_keys(sq->form, &sq->ctx->plan, &serves);
    /* the version's source: the form, by the SHA-256 of what it gave */
    buf_printf(&form, "%s\n%s\n%s\n", funding, buf_str(&serves), reason);
    char sha[SHA256_HEX_SIZE];
    sha256_of(form.p, form.len, sha);
    struct contract_source src = {"the staff form", sha};
    int version = 0, rc = store_contract_revise(sq->store, ref, funding, buf_str(&serves), reason,
                                                &src, &sq->by, date_today(), &version, &err);
    const char *ids[] = {ref};
    page_href(&to, "/staff/contracts/", ids, 1, "");
    if (rc == 0 && version == 0)
        page_error(sq->rq, rs, 400,
                   "Nothing changed: the funding source and the missions are "
                   "as published.");
    else if (rc == 0)
        staff_redirect(rs, buf_str(&to));
    else
        web_error(sq->rq, rs, 500, buf_str(&err));
    buf_free(&serves);
    buf_free(&err);
    buf_free(&form);
    buf_free(&to);
}
