/*
 * staff_decisions.c - the decision register on the staff side: the work
 * list (every state, drafts too), one decision with its exempt parts and
 * sign-offs and the forms its reader's role may use, and the forms that
 * start and edit a draft. The changes themselves are the store's
 * (store/decisions.h), which checks the acting account's role again and
 * audits each one; the forms after a decision is taken are in
 * staff_decision_actions.c.
 */
#include "model/calendar.h"
#include "util/html.h"
#include "web/page.h"
#include "web/staff.h"
#include "web/staff_decision_form.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void list_row(void *arg, const struct decision_staff_row *r)
{
    struct buf *b = arg;
    char slug[DECISION_SLUG_SIZE];
    decision_ref_slug(r->ref, slug);
    buf_puts(b, "<tr><th scope=\"row\"><a href=\"/staff/decisions/");
    html_escape(b, slug);
    buf_puts(b, "\">");
    html_escape(b, r->ref);
    buf_puts(b, "</a></th><td>");
    html_escape(b, r->title ? r->title : r->subject);
    buf_puts(b, "</td><td>");
    html_escape(b, r->state);
    buf_puts(b, "</td><td>");
    html_escape(b, r->planned_for ? r->planned_for : "");
    buf_puts(b, "</td><td class=\"num\">");
    page_pounds(b, r->amount_pence);
    buf_puts(b, "</td><td>");
    html_escape(b, r->changed_at);
    buf_puts(b, "</td></tr>\n");
}

static void state_filter(struct buf *b, const char *current)
{
    buf_puts(b, "<form method=\"get\" action=\"/staff/decisions\" class=\"staff-form\">\n"
                "<p><label for=\"state\">State</label>\n<select id=\"state\" name=\"state\">"
                "<option value=\"\">any</option>\n");
    for (int i = 0; i < DECISION_STATES; i++) {
        const char *w = decision_state_word((enum decision_state)i);
        buf_puts(b, "<option");
        if (current && strcmp(current, w) == 0)
            buf_puts(b, " selected");
        buf_puts(b, ">");
        html_escape(b, w);
        buf_puts(b, "</option>\n");
    }
    buf_puts(b, "</select> <button type=\"submit\">Show</button></p>\n</form>\n");
}

void staff_decisions(struct staff_request *sq, struct web_response *rs)
{
    const char *state = web_param(sq->rq->target, "state");
    enum decision_state parsed;
    if (state && *state && !decision_state_parse(state, &parsed)) {
        page_error(sq->rq, rs, 400, "state= must be a decision's state, or empty.");
        return;
    }
    state = state && *state ? state : NULL;
    struct buf rows = BUF_INIT, err = BUF_INIT, *b = &rs->body;
    long total = 0;
    if (store_decisions_staff_list(sq->store, state, 0, list_row, &rows, &total, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        staff_page_begin(b, sq, "Decisions");
        buf_puts(b, "<h1>Decisions</h1>\n");
        if (decision_role_may_draft(sq->who->role))
            buf_puts(b, "<p><a href=\"/staff/decisions/new\">Start a decision</a></p>\n");
        state_filter(b, state);
        buf_printf(b, "<p>%ld decision%s%s.</p>\n", total, total == 1 ? "" : "s",
                   total > DECISION_STAFF_PAGE ? ", the latest changed 200 shown" : "");
        buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Decisions"
                    "\">\n<table class=\"data\">\n<caption>Decisions, the latest changed first"
                    "</caption>\n<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">"
                    "Title</th><th scope=\"col\">State</th><th scope=\"col\">Forward plan</th>"
                    "<th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\">Changed"
                    "</th></tr></thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody>\n</table>\n</div>\n");
        page_end(b, sq->rq);
    }
    buf_free(&rows);
    buf_free(&err);
}

/* ---- exempt parts due for review (the staff home page) ----------------- */

#define REVIEWS_SHOWN 10

struct due {
    struct buf items;
    size_t n;
};

static void due_item(void *arg, const struct decision_review_row *r)
{
    struct due *d = arg;
    if (++d->n > REVIEWS_SHOWN)
        return;
    char slug[DECISION_SLUG_SIZE];
    buf_puts(&d->items, "<li>");
    if (decision_ref_slug(r->ref, slug)) {
        buf_puts(&d->items, "<a href=\"/staff/decisions/");
        html_escape(&d->items, slug);
        buf_puts(&d->items, "\">");
    }
    html_printf(&d->items, "%s</a>: %s, %s (%s), review due %s", r->ref, r->subject,
                strcmp(r->field, "*") == 0 ? "the whole decision" : r->field, r->ground,
                r->review_on);
    buf_puts(&d->items, "</li>\n");
}

void staff_reviews_summary(struct buf *b, struct staff_request *sq)
{
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    struct due d = {BUF_INIT, 0};
    struct buf err = BUF_INIT;
    bool more = false;
    if (store_decision_reviews_due(sq->store, today, due_item, &d, &more, &err) == 0) {
        buf_printf(b,
                   "<h2>Exempt parts due for review</h2>\n<p>%zu%s part%s of decisions "
                   "whose review date has come: release each or keep it to a later "
                   "date.</p>\n",
                   d.n, more ? "+" : "", d.n == 1 ? "" : "s");
        if (d.items.len) {
            buf_puts(b, "<ul>\n");
            buf_append(b, d.items.p, d.items.len);
            buf_puts(b, d.n > REVIEWS_SHOWN ? "<li>and more (peel decision reviews)</li>\n</ul>\n"
                                            : "</ul>\n");
        }
    }
    buf_free(&d.items);
    buf_free(&err);
}

/* ---- one decision ------------------------------------------------------ */

/* What the staff view gathers from the store. */
struct view {
    struct buf head, text, exempt, signoffs, documents;
    struct buf held; /* the fields with a part still exempt, each and '\n' */
    char type[32], state[32];
    int version;
};

/* A heading and a value, when there is one. */
static void dd(struct buf *b, const char *label, const char *value)
{
    if (!value)
        return;
    buf_puts(b, "<h3>");
    html_escape(b, label);
    buf_puts(b, "</h3>\n<p class=\"text\">");
    html_escape(b, value);
    buf_puts(b, "</p>\n");
}

static void view_decision(void *arg, const struct decision_public *d)
{
    struct view *v = arg;
    snprintf(v->type, sizeof v->type, "%s", d->type);
    snprintf(v->state, sizeof v->state, "%s", d->state);
    v->version = d->version;
    struct buf *h = &v->head;
    buf_puts(h, "<dl class=\"facts\">\n<dt>State</dt><dd>");
    html_escape(h, d->state);
    buf_puts(h, "</dd>\n<dt>Type</dt><dd>");
    html_escape(h, d->type);
    buf_puts(h, "</dd>\n<dt>Subject</dt><dd>");
    html_escape(h, d->subject);
    buf_printf(h, "</dd>\n<dt>Version</dt><dd>%d%s</dd>\n", d->version,
               d->version == 0 ? " (the draft)" : "");
    if (d->decided_on) {
        buf_puts(h, "<dt>Decided</dt><dd>");
        html_escape(h, d->decided_on);
        buf_puts(h, " by ");
        html_escape(h, d->decided_by ? d->decided_by : "");
        buf_puts(h, "</dd>\n");
    }
    buf_puts(h, "</dl>\n");
    decision_text_view(&v->text, &d->text);
    dd(&v->text, "Why this version replaced the last", d->corrects_reason);
}

static void view_exempt(void *arg, const struct decision_exempt_row *r)
{
    struct buf *b = &((struct view *)arg)->exempt;
    buf_puts(b, "<li><strong>");
    html_escape(b, strcmp(r->field, "*") == 0 ? "the whole decision" : r->field);
    buf_puts(b, "</strong>, exempt under ");
    html_escape(b, r->ground);
    if (r->released_on) {
        buf_puts(b, ", released at review on ");
        html_escape(b, r->released_on);
    } else if (r->review_on) {
        buf_puts(b, ", to be reviewed on ");
        html_escape(b, r->review_on);
    }
    if (!r->released_on)
        buf_printf(&((struct view *)arg)->held, "%s\n", r->field);
    buf_puts(b, " (approved by ");
    html_escape(b, r->approved_by);
    buf_puts(b, "):<p class=\"text\">");
    html_escape(b, r->text ? r->text : "");
    buf_puts(b, "</p></li>\n");
}

static void view_signoff(void *arg, const struct decision_signoff_row *r)
{
    struct buf *b = &((struct view *)arg)->signoffs;
    buf_puts(b, "<li>");
    html_escape(b, r->kind);
    buf_puts(b, ": ");
    html_escape(b, r->signed_by);
    buf_puts(b, " (");
    html_escape(b, r->role);
    buf_puts(b, "), ");
    html_escape(b, r->signed_at);
    if (r->note) {
        buf_puts(b, ": ");
        html_escape(b, r->note);
    }
    buf_puts(b, "</li>\n");
}

static void view_document(void *arg, const struct decision_document_row *d)
{
    struct buf *b = &((struct view *)arg)->documents;
    buf_puts(b, "<li>");
    bool web = page_web_url(d->url);
    if (!d->url && d->sha256) { /* uploaded */
        buf_puts(b, "<a href=\"/staff/uploads/");
        html_escape(b, d->sha256);
        buf_puts(b, "\">");
    } else if (web) { /* a link only to the web: never javascript: or data: */
        buf_puts(b, "<a rel=\"noopener noreferrer\" href=\"");
        html_escape(b, d->url);
        buf_puts(b, "\">");
    }
    html_escape(b, d->name);
    buf_printf(b, "%s (version %d, %s)</li>\n", web || (!d->url && d->sha256) ? "</a>" : "",
               d->version, d->public_ ? "public" : "not published");
}

/* The note a change leaves (?done=WORD): fixed text, never the request's. */
static const char *done_note(const char *word)
{
    static const struct {
        const char *word, *note;
    } notes[] = {
        {"added", "The decision is started."},       {"saved", "The draft is saved."},
        {"signed", "Your sign-off is recorded."},    {"decided", "The decision is taken."},
        {"published", "The decision is published."}, {"withheld", "The decision is withheld."},
        {"exempt", "The exempt part is recorded."},  {"corrected", "The correction is recorded."},
        {"rescinded", "The decision is rescinded."}, {"document", "The document is added."},
        {"released", "The part is released."},       {"kept", "The part stays exempt."},
    };
    for (size_t i = 0; word && i < sizeof notes / sizeof notes[0]; i++)
        if (strcmp(word, notes[i].word) == 0)
            return notes[i].note;
    return NULL;
}

void staff_decision(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    struct view v = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, "", "", 0};
    struct decision_staff_fns fns = {view_decision, view_exempt, view_signoff, view_document};
    struct buf err = BUF_INIT, *b = &rs->body;
    int rc = store_decision_staff(sq->store, ref, &fns, &v, &err);
    if (rc != DECISION_OK) {
        if (rc < 0)
            web_error(sq->rq, rs, 500, buf_str(&err));
        else
            page_error(sq->rq, rs, 404, "There is no decision with this reference.");
    } else {
        staff_page_begin(b, sq, ref);
        buf_puts(b, "<h1>Decision ");
        html_escape(b, ref);
        buf_puts(b, "</h1>\n");
        const char *note = done_note(web_param(sq->rq->target, "done"));
        if (note) {
            buf_puts(b, "<div class=\"notice\" role=\"status\"><p>");
            html_escape(b, note);
            buf_puts(b, "</p></div>\n");
        }
        buf_append(b, v.head.p, v.head.len);
        buf_puts(b, "<h2>Text</h2>\n");
        buf_append(b, v.text.p, v.text.len);
        buf_puts(b, "<h2>Exempt parts</h2>\n<p>Kept apart from the public text until a review "
                    "releases them.</p>\n");
        buf_puts(b, v.exempt.len ? "<ul class=\"exempt\">\n" : "<p>None.</p>\n");
        buf_append(b, v.exempt.p, v.exempt.len);
        buf_puts(b, v.exempt.len ? "</ul>\n" : "");
        buf_puts(b, "<h2>Sign-offs</h2>\n");
        buf_puts(b, v.signoffs.len ? "<ul>\n" : "<p>None yet.</p>\n");
        buf_append(b, v.signoffs.p, v.signoffs.len);
        buf_puts(b, v.signoffs.len ? "</ul>\n" : "");
        buf_puts(b, "<h2>Supporting documents</h2>\n");
        buf_puts(b, v.documents.len ? "<ul>\n" : "<p>None.</p>\n");
        buf_append(b, v.documents.p, v.documents.len);
        buf_puts(b, v.documents.len ? "</ul>\n" : "");
        decision_actions(b, sq, ref, v.state, v.type, buf_str(&v.held));
        page_end(b, sq->rq);
    }
    buf_free(&v.head);
    buf_free(&v.text);
    buf_free(&v.exempt);
    buf_free(&v.held);
    buf_free(&v.signoffs);
    buf_free(&v.documents);
    buf_free(&err);
}

/* ---- starting and editing a draft -------------------------------------- */

static void type_select(struct buf *b)
{
    buf_puts(b, "<p><label for=\"type\">Type</label>\n<span class=\"hint\" id=\"type-hint\">"
                "Those marked &#8220;the Commissioner only&#8221; cannot be delegated: no one "
                "else may take them.</span>\n<select id=\"type\" name=\"type\" "
                "aria-describedby=\"type-hint\">\n");
    for (int i = 0; i < DECISION_TYPES; i++) {
        enum decision_type t = (enum decision_type)i;
        buf_puts(b, "<option value=\"");
        html_escape(b, decision_type_word(t));
        buf_puts(b, "\">");
        html_escape(b, decision_type_title(t));
        if (decision_needs_commissioner(t))
            buf_puts(b, " (the Commissioner only)");
        buf_puts(b, "</option>\n");
    }
    buf_puts(b, "</select></p>\n");
}

void staff_decision_new_form(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body;
    staff_page_begin(b, sq, "Start a decision");
    buf_puts(b, "<h1>Start a decision</h1>\n<form method=\"post\" action=\"/staff/decisions/new\" "
                "class=\"staff-form\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"ref\">Reference</label>\n<span class=\"hint\" id=\"ref-hint\">"
                "Letters, digits, / and -, as PCC/2026/014.</span>\n<input id=\"ref\" name=\"ref\" "
                "required maxlength=\"40\" aria-describedby=\"ref-hint\"></p>\n"
                "<p><label for=\"subject\">Subject</label>\n<input id=\"subject\" name=\"subject\" "
                "required></p>\n");
    type_select(b);
    buf_puts(b, "<p><label for=\"planned_for\">Panel meeting it is planned for</label>\n"
                "<span class=\"hint\" id=\"planned-hint\">For the forward plan; leave empty if it "
                "is not on it.</span>\n<input id=\"planned_for\" name=\"planned_for\" "
                "type=\"date\" aria-describedby=\"planned-hint\"></p>\n"
                "<fieldset><legend>The draft</legend>\n");
    decision_form_fields(b, NULL);
    buf_puts(b, "</fieldset>\n<p><button type=\"submit\" name=\"as\" value=\"draft\">Save the "
                "draft</button> <button type=\"submit\" name=\"as\" value=\"planned\">Put it on "
                "the forward plan only</button></p>\n</form>\n");
    page_end(b, sq->rq);
}

void staff_decision_create(struct staff_request *sq, struct web_response *rs)
{
    const struct web_form *f = sq->form;
    const char *ref = web_form_value(f, "ref"), *type = web_form_value(f, "type");
    const char *planned = web_form_value(f, "planned_for"), *as = web_form_value(f, "as");
    struct decision_new d = {ref ? ref : "", web_form_value(f, "subject"), DECISION_GENERAL,
                             planned && *planned ? planned : NULL};
    struct decision_text t;
    const char *why = NULL;
    if (!ref || !decision_ref_ok(ref))
        why = "Reference: letters, digits, / and -, as PCC/2026/014.";
    else if (!type || !decision_type_parse(type, &d.type))
        why = "Type: choose one of the list.";
    else if (!d.subject || !*d.subject)
        why = "Subject: say what the decision is about.";
    else
        decision_form_text(f, &t, &why);
    if (why) {
        page_error(sq->rq, rs, 400, why);
        return;
    }
    bool only_planned = as && strcmp(as, "planned") == 0;
    struct buf err = BUF_INIT;
    int rc = store_decision_add(sq->store, &d, only_planned ? NULL : &t, &sq->by, &err);
    decision_form_answer(sq, rs, ref, rc, "added", &err);
    buf_free(&err);
}

void staff_decision_edit_form(struct staff_request *sq, struct web_response *rs)
{
    static const struct decision_text_page page = {"Edit the draft of", NULL, "edit", NULL,
                                                   "Save the draft"};
    decision_text_page(sq, rs, &page);
}

static int save_draft(struct staff_request *sq, const char *ref, const struct decision_text *t,
                      struct buf *err)
{
    return store_decision_draft(sq->store, ref, t, &sq->by, err);
}

void staff_decision_edit(struct staff_request *sq, struct web_response *rs)
{
    decision_text_post(sq, rs, "saved", save_draft);
}
