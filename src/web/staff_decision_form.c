/*
 * staff_decision_form.c - a decision's text as a form, and the answers to
 * changes (see staff_decision_form.h).
 */
#include "web/staff_decision_form.h"
#include "util/html.h"
#include "web/page.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The text's fields, as the form names them (decision_text_fields) and
 * people read them: the Openness of Local Government Bodies Regulations
 * 2014 reg. 7's fields, then the Office's own. */
static const struct {
    const char *name, *label, *hint;
    bool lines; /* a textarea */
} fields[] = {
    {"title", "Title", NULL, false},
    {"summary", "Summary", NULL, true},
    {"background", "Background", NULL, true},
    {"decision", "The decision", NULL, true},
    {"reasons", "Reasons for the decision", NULL, true},
    {"alternatives", "Alternative options considered and rejected", NULL, true},
    {"conflicts", "Conflicts of interest declared, and any dispensation", NULL, true},
    {"amount", "Amount (£)", "Pounds, as 39,305.40; leave empty if none.", false},
    {"budget_line", "Budget line", NULL, false},
    {"financial", "Financial implications", NULL, true},
    {"legal", "Legal implications", NULL, true},
    {"equality", "Equality implications", NULL, true},
    {"lead_officer", "Lead officer", NULL, false},
};

#define NFIELDS (sizeof fields / sizeof fields[0])

static const char *text_value(const struct decision_text *t, size_t i)
{
    const char *v[] = {t->title,        t->summary,   t->background,  t->decision,    t->reasons,
                       t->alternatives, t->conflicts, NULL,           t->budget_line, t->financial,
                       t->legal,        t->equality,  t->lead_officer};
    _Static_assert(sizeof v / sizeof v[0] == NFIELDS, "one value per field");
    return v[i];
}

static void field(struct buf *b, size_t i, const char *value)
{
    buf_printf(b, "<p><label for=\"f-%s\">", fields[i].name);
    html_escape(b, fields[i].label);
    buf_puts(b, "</label>\n");
    if (fields[i].hint) {
        buf_printf(b, "<span class=\"hint\" id=\"f-%s-hint\">", fields[i].name);
        html_escape(b, fields[i].hint);
        buf_puts(b, "</span>\n");
    }
    const char *described = fields[i].hint ? "\" aria-describedby=\"f-" : NULL;
    if (fields[i].lines)
        buf_printf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\"", fields[i].name,
                   fields[i].name);
    else
        buf_printf(b, "<input id=\"f-%s\" name=\"%s\"", fields[i].name, fields[i].name);
    if (described)
        buf_printf(b, " aria-describedby=\"f-%s-hint\"", fields[i].name);
    if (i == 0)
        buf_puts(b, " required");
    if (fields[i].lines) {
        buf_puts(b, ">");
        html_escape(b, value ? value : "");
        buf_puts(b, "</textarea></p>\n");
    } else {
        buf_puts(b, " value=\"");
        html_escape(b, value ? value : "");
        buf_puts(b, "\"></p>\n");
    }
}

void decision_form_fields(struct buf *b, const struct decision_text *t)
{
    for (size_t i = 0; i < NFIELDS; i++) {
        char amount[32] = "";
        if (strcmp(fields[i].name, "amount") == 0 && t && t->amount_pence >= 0)
            snprintf(amount, sizeof amount, "%" PRId64 ".%02d", t->amount_pence / 100,
                     (int)(t->amount_pence % 100));
        field(b, i, t ? (amount[0] ? amount : text_value(t, i)) : NULL);
    }
}

void decision_text_view(struct buf *b, const struct decision_text *t)
{
    for (size_t i = 0; i < NFIELDS; i++) {
        bool amount = strcmp(fields[i].name, "amount") == 0;
        const char *v = amount ? NULL : text_value(t, i);
        if (!amount && !v)
            continue;
        buf_puts(b, "<h3>");
        html_escape(b, fields[i].label);
        buf_puts(b, amount ? "</h3>\n<p>" : "</h3>\n<p class=\"text\">");
        if (amount)
            page_pounds(b, t->amount_pence);
        else
            html_escape(b, v);
        buf_puts(b, "</p>\n");
    }
}

void decision_text_post(struct staff_request *sq, struct web_response *rs, const char *done,
                        decision_text_change change)
{
    char ref[DECISION_REF_MAX + 1];
    struct decision_text t;
    const char *why = NULL;
    if (!decision_form_ref(sq, rs, ref))
        return;
    if (!decision_form_text(sq->form, &t, &why)) {
        page_error(sq->rq, rs, 400, why);
        return;
    }
    struct buf err = BUF_INIT;
    int rc = change(sq, ref, &t, &err);
    decision_form_answer(sq, rs, ref, rc, done, &err);
    buf_free(&err);
}

/* An optional field: NULL when left empty. */
static const char *optional(const struct web_form *f, const char *name)
{
    const char *v = web_form_value(f, name);
    return v && *v ? v : NULL;
}

bool decision_form_text(const struct web_form *f, struct decision_text *t, const char **why)
{
    *t = (struct decision_text){
        .title = optional(f, "title"),
        .summary = optional(f, "summary"),
        .background = optional(f, "background"),
        .decision = optional(f, "decision"),
        .reasons = optional(f, "reasons"),
        .alternatives = optional(f, "alternatives"),
        .conflicts = optional(f, "conflicts"),
        .amount_pence = -1,
        .budget_line = optional(f, "budget_line"),
        .financial = optional(f, "financial"),
        .legal = optional(f, "legal"),
        .equality = optional(f, "equality"),
        .lead_officer = optional(f, "lead_officer"),
    };
    const char *amount = optional(f, "amount");
    long long pence;
    if (amount && !decision_parse_pounds(amount, &pence)) {
        *why = "Amount: give pounds, as 39,305.40, or leave it empty.";
        return false;
    }
    if (amount)
        t->amount_pence = pence;
    return true;
}

bool decision_form_ref(struct staff_request *sq, struct web_response *rs,
                       char ref[DECISION_REF_MAX + 1])
{
    const struct web_match *m = sq->rq->match;
    if (m->nargs >= 1 && decision_slug_ref(m->args[0], ref))
        return true;
    page_error(sq->rq, rs, 404, "There is no decision at this address.");
    return false;
}

void decision_form_answer(struct staff_request *sq, struct web_response *rs, const char *ref,
                          int status, const char *done, const struct buf *err)
{
    char slug[DECISION_SLUG_SIZE];
    if (status < 0) {
        web_error(sq->rq, rs, 500, buf_str(err));
        return;
    }
    if (status == DECISION_OK && decision_ref_slug(ref, slug)) {
        char path[160];
        snprintf(path, sizeof path, "/staff/decisions/%s?done=%s", slug, done);
        staff_redirect(rs, path);
        return;
    }
    struct buf why = BUF_INIT;
    buf_puts(&why, decision_status_text(status));
    if (err->len)
        buf_printf(&why, " (%s)", buf_str(err));
    int code = status == DECISION_UNKNOWN_REF ? 404
               : status == DECISION_WRONG_ROLE || status == DECISION_COMMISSIONER_ONLY ||
                       status == DECISION_NO_ACCOUNT
                   ? 403
               : status == DECISION_BAD_INPUT ? 400
                                              : 409;
    page_error(sq->rq, rs, code, buf_str(&why));
    buf_free(&why);
}

void decision_form_open(struct buf *b, const struct staff_request *sq, const char *ref,
                        const char *action)
{
    char slug[DECISION_SLUG_SIZE];
    decision_ref_slug(ref, slug);
    buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"/staff/decisions/");
    html_escape(b, slug);
    buf_printf(b, "/%s\">\n", action);
    staff_csrf_field(b, sq);
}

void decision_why_field(struct buf *b, const char *id, const char *label)
{
    buf_printf(b, "<p><label for=\"%s\">", id);
    html_escape(b, label);
    buf_printf(b,
               "</label>\n<textarea id=\"%s\" name=\"why\" rows=\"3\" required></textarea>"
               "</p>\n",
               id);
}

static void text_fields(void *arg, const struct decision_public *d)
{
    decision_form_fields(arg, &d->text);
}

void decision_text_page(struct staff_request *sq, struct web_response *rs,
                        const struct decision_text_page *p)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    struct buf form = BUF_INIT, err = BUF_INIT, *b = &rs->body;
    struct decision_staff_fns fns = {.decision = text_fields};
    int rc = store_decision_staff(sq->store, ref, &fns, &form, &err);
    if (rc != DECISION_OK) {
        decision_form_answer(sq, rs, ref, rc, "", &err);
    } else {
        staff_page_begin(b, sq, p->title);
        buf_puts(b, "<h1>");
        html_printf(b, "%s %s", p->title, ref);
        buf_puts(b, "</h1>\n");
        if (p->intro) {
            buf_puts(b, "<p>");
            html_escape(b, p->intro);
            buf_puts(b, "</p>\n");
        }
        decision_form_open(b, sq, ref, p->action);
        buf_append(b, form.p, form.len);
        if (p->why)
            decision_why_field(b, "text-why", p->why);
        buf_puts(b, "<p><button type=\"submit\">");
        html_escape(b, p->button);
        buf_puts(b, "</button></p>\n</form>\n");
        page_end(b, sq->rq);
    }
    buf_free(&form);
    buf_free(&err);
}
