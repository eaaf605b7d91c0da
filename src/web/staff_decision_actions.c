/*
 * staff_decision_actions.c - what staff do to a decision once it is
 * drafted: sign off, decide, publish or withhold, mark a part exempt,
 * correct, rescind. Each is a POST form on the decision's page, shown only
 * to a role the route table lets use it and only in a state that allows it;
 * the store checks both again and audits the change (store/decisions.h).
 */
#include "model/calendar.h"
#include "util/html.h"
#include "web/page.h"
#include "web/staff.h"
#include "web/staff_decision_form.h"

#include <stdio.h>
#include <string.h>

static void ground_select(struct buf *b, const char *id)
{
    buf_printf(b, "<p><label for=\"%s\">Exempt under</label>\n<select id=\"%s\" name=\"ground\">\n",
               id, id);
    for (size_t i = 0; i < foia_grounds_count; i++) {
        buf_puts(b, "<option value=\"");
        html_escape(b, foia_grounds[i].code);
        buf_puts(b, "\">");
        html_printf(b, "%s %s", foia_grounds[i].code, foia_grounds[i].title);
        buf_puts(b, "</option>\n");
    }
    buf_puts(b, "</select></p>\n");
}

static void review_date(struct buf *b, const char *id)
{
    buf_printf(b,
               "<p><label for=\"%s\">Review the exemption on</label>\n<input id=\"%s\" "
               "name=\"review_on\" type=\"date\"></p>\n",
               id, id);
}

static void signoff_form(struct buf *b, struct staff_request *sq, const char *ref)
{
    buf_puts(b, "<h3>Sign off</h3>\n");
    decision_form_open(b, sq, ref, "signoff");
    buf_puts(b, "<p><label for=\"so-note\">Note (optional)</label>\n<textarea id=\"so-note\" "
                "name=\"note\" rows=\"2\"></textarea></p>\n<p><button type=\"submit\">Sign off "
                "as ");
    html_escape(b, sq->who->role);
    buf_puts(b, "</button></p>\n</form>\n");
}

static void decide_form(struct buf *b, struct staff_request *sq, const char *ref)
{
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    buf_puts(b, "<h3>Take the decision</h3>\n");
    decision_form_open(b, sq, ref, "decide");
    buf_puts(b, "<p><label for=\"decided_on\">Date of the decision</label>\n<input "
                "id=\"decided_on\" name=\"decided_on\" type=\"date\" required value=\"");
    html_escape(b, today);
    buf_puts(b, "\"></p>\n<p><button type=\"submit\">Take the decision</button></p>\n</form>\n");
}

static void publish_forms(struct buf *b, struct staff_request *sq, const char *ref)
{
    if (staff_may(sq, "POST", "/staff/decisions/:slug/publish")) {
        buf_puts(b, "<h3>Publish</h3>\n");
        decision_form_open(b, sq, ref, "publish");
        buf_puts(b, "<p><button type=\"submit\">Publish the decision</button></p>\n</form>\n");
    }
    if (staff_may(sq, "POST", "/staff/decisions/:slug/withhold")) {
        buf_puts(b, "<h3>Withhold it (exempt as a whole)</h3>\n<p>Only a stub is published: "
                    "reference, date, subject, decision maker and the ground.</p>\n");
        decision_form_open(b, sq, ref, "withhold");
        ground_select(b, "wh-ground");
        review_date(b, "wh-review");
        decision_why_field(b, "wh-why", "Why");
        buf_puts(b, "<p><button type=\"submit\">Withhold the decision</button></p>\n</form>\n");
    }
}

static void exempt_form(struct buf *b, struct staff_request *sq, const char *ref)
{
    buf_puts(b, "<h3>Mark part exempt</h3>\n<p>The text is kept apart and never published; "
                "the public page says which field has an exempt part, and why.</p>\n");
    decision_form_open(b, sq, ref, "exempt");
    buf_puts(b, "<p><label for=\"ex-field\">Field</label>\n<select id=\"ex-field\" "
                "name=\"field\">\n");
    for (size_t i = 0; decision_text_fields[i]; i++) {
        buf_puts(b, "<option>");
        html_escape(b, decision_text_fields[i]);
        buf_puts(b, "</option>\n");
    }
    buf_puts(b, "</select></p>\n<p><label for=\"ex-text\">The exempt text</label>\n<textarea "
                "id=\"ex-text\" name=\"text\" rows=\"4\" required></textarea></p>\n");
    ground_select(b, "ex-ground");
    review_date(b, "ex-review");
    buf_puts(b, "<p><button type=\"submit\">Record the exempt part</button></p>\n</form>\n");
}

/* The review of a part still exempt: release it, or keep it to a date. */
static void review_form(struct buf *b, struct staff_request *sq, const char *ref, const char *held)
{
    buf_puts(b, "<h3>Review an exempt part</h3>\n<p>Release a part whose exemption no longer "
                "applies (its text is then published, with the ground it was kept under and "
                "why), or keep it to a later review date.</p>\n");
    decision_form_open(b, sq, ref, "review");
    buf_puts(b, "<p><label for=\"rv-field\">Part</label>\n<select id=\"rv-field\" "
                "name=\"field\">\n");
    for (const char *p = held; *p;) {
        size_t n = strcspn(p, "\n");
        char field[40];
        snprintf(field, sizeof field, "%.*s", (int)(n < 39 ? n : 39), p);
        buf_puts(b, "<option value=\"");
        html_escape(b, field);
        buf_puts(b, "\">");
        html_escape(b, strcmp(field, "*") == 0 ? "the whole decision" : field);
        buf_puts(b, "</option>\n");
        p += n + (p[n] ? 1 : 0);
    }
    buf_puts(b, "</select></p>\n<fieldset><legend>Outcome</legend>\n<p><input id=\"rv-keep\" "
                "type=\"radio\" name=\"outcome\" value=\"keep\" checked> <label "
                "for=\"rv-keep\">Keep it exempt until the date below</label></p>\n<p><input "
                "id=\"rv-release\" type=\"radio\" name=\"outcome\" value=\"release\"> <label "
                "for=\"rv-release\">Release it: publish its text</label></p>\n</fieldset>\n");
    review_date(b, "rv-review");
    decision_why_field(b, "rv-why", "Why");
    buf_puts(b, "<p><button type=\"submit\">Record the review</button></p>\n</form>\n");
}

static void rescind_form(struct buf *b, struct staff_request *sq, const char *ref)
{
    buf_puts(b, "<h3>Rescind</h3>\n");
    decision_form_open(b, sq, ref, "rescind");
    decision_why_field(b, "re-why", "Why it is rescinded");
    buf_puts(b, "<p><button type=\"submit\">Rescind the decision</button></p>\n</form>\n");
}

void decision_actions(struct buf *b, struct staff_request *sq, const char *ref, const char *state,
                      const char *type, const char *held)
{
    enum decision_state st;
    enum decision_type ty;
    if (!decision_state_parse(state, &st) || !decision_type_parse(type, &ty))
        return;
    const char *role = sq->who->role;
    struct buf forms = BUF_INIT;
    char slug[DECISION_SLUG_SIZE];
    decision_ref_slug(ref, slug);
    if (st <= DECISION_DRAFT && staff_may(sq, "GET", "/staff/decisions/:slug/edit")) {
        buf_puts(&forms, "<p><a href=\"/staff/decisions/");
        html_escape(&forms, slug);
        buf_puts(&forms, "/edit\">Edit the draft</a></p>\n");
    }
    if (st == DECISION_DRAFT && staff_may(sq, "POST", "/staff/decisions/:slug/signoff"))
        signoff_form(&forms, sq, ref);
    if (st == DECISION_ADVISED && decision_role_may_decide(role, ty))
        decide_form(&forms, sq, ref);
    if (st == DECISION_DECIDED)
        publish_forms(&forms, sq, ref);
    if (st >= DECISION_DECIDED && st != DECISION_RESCINDED &&
        staff_may(sq, "POST", "/staff/decisions/:slug/document"))
        decision_upload_form(&forms, sq, ref);
    if (st >= DECISION_DRAFT && st != DECISION_RESCINDED &&
        staff_may(sq, "POST", "/staff/decisions/:slug/exempt"))
        exempt_form(&forms, sq, ref);
    if (st >= DECISION_DECIDED && st != DECISION_RESCINDED &&
        staff_may(sq, "GET", "/staff/decisions/:slug/correct")) {
        buf_puts(&forms, "<p><a href=\"/staff/decisions/");
        html_escape(&forms, slug);
        buf_puts(&forms, "/correct\">Correct it (a new version, with why)</a></p>\n");
    }
    if (*held && st >= DECISION_DECIDED && staff_may(sq, "POST", "/staff/decisions/:slug/review"))
        review_form(&forms, sq, ref, held);
    if ((st == DECISION_PUBLISHED || st == DECISION_WITHHELD) && decision_role_may_decide(role, ty))
        rescind_form(&forms, sq, ref);
    buf_puts(b, "<h2>What you can do</h2>\n");
    buf_puts(b, forms.len ? "" : "<p>Nothing, with your role, in this state.</p>\n");
    buf_append(b, forms.p, forms.len);
    buf_free(&forms);
}

/* ---- the POSTs ---------------------------------------------------------- */

void staff_decision_signoff(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    enum decision_signoff_kind kind =
        strcmp(sq->who->role, "finance-officer") == 0 ? SIGNOFF_FINANCE : SIGNOFF_MONITORING;
    const char *note = web_form_value(sq->form, "note");
    struct buf err = BUF_INIT;
    int rc =
        store_decision_signoff(sq->store, ref, kind, note && *note ? note : NULL, &sq->by, &err);
    decision_form_answer(sq, rs, ref, rc, "signed", &err);
    buf_free(&err);
}

void staff_decision_decide(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    const char *on = web_form_value(sq->form, "decided_on");
    struct buf err = BUF_INIT;
    int rc = store_decision_decide(sq->store, ref, on && *on ? on : NULL, &sq->by, &err);
    decision_form_answer(sq, rs, ref, rc, "decided", &err);
    buf_free(&err);
}

void staff_decision_publish(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    struct buf err = BUF_INIT;
    int rc = store_decision_publish(sq->store, ref, &sq->by, &err);
    decision_form_answer(sq, rs, ref, rc, "published", &err);
    buf_free(&err);
}

static const char *form_or_null(const struct web_form *f, const char *name)
{
    const char *v = web_form_value(f, name);
    return v && *v ? v : NULL;
}

void staff_decision_withhold(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    const struct web_form *f = sq->form;
    struct buf err = BUF_INIT;
    int rc = store_decision_withhold(sq->store, ref, form_or_null(f, "ground"),
                                     form_or_null(f, "review_on"), form_or_null(f, "why"), &sq->by,
                                     &err);
    decision_form_answer(sq, rs, ref, rc, "withheld", &err);
    buf_free(&err);
}

void staff_decision_exempt(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    const struct web_form *f = sq->form;
    struct buf err = BUF_INIT;
    int rc = store_decision_exempt(sq->store, ref, form_or_null(f, "field"),
                                   form_or_null(f, "text"), form_or_null(f, "ground"),
                                   form_or_null(f, "review_on"), &sq->by, &err);
    decision_form_answer(sq, rs, ref, rc, "exempt", &err);
    buf_free(&err);
}

void staff_decision_review(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    const struct web_form *f = sq->form;
    const char *outcome = form_or_null(f, "outcome");
    bool release = outcome && strcmp(outcome, "release") == 0;
    struct buf err = BUF_INIT;
    int rc = outcome && (release || strcmp(outcome, "keep") == 0)
                 ? store_decision_review(sq->store, ref, form_or_null(f, "field"), release,
                                         form_or_null(f, "review_on"), form_or_null(f, "why"),
                                         &sq->by, &err)
                 : (buf_puts(&err, "outcome: release or keep"), DECISION_BAD_INPUT);
    decision_form_answer(sq, rs, ref, rc, release ? "released" : "kept", &err);
    buf_free(&err);
}

void staff_decision_rescind(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    struct buf err = BUF_INIT;
    int rc = store_decision_rescind(sq->store, ref, form_or_null(sq->form, "why"), &sq->by, &err);
    decision_form_answer(sq, rs, ref, rc, "rescinded", &err);
    buf_free(&err);
}

void staff_decision_correct_form(struct staff_request *sq, struct web_response *rs)
{
    static const struct decision_text_page page = {
        "Correct",
        "A decision taken never changes: a correction is a new version, naming the "
        "one it corrects and why. Both stay on the public record.",
        "correct", "Why it is corrected", "Record the correction"};
    decision_text_page(sq, rs, &page);
}

static int correct(struct staff_request *sq, const char *ref, const struct decision_text *t,
                   struct buf *err)
{
    return store_decision_correct(sq->store, ref, t, form_or_null(sq->form, "why"), &sq->by, err);
}

void staff_decision_correct(struct staff_request *sq, struct web_response *rs)
{
    decision_text_post(sq, rs, "corrected", correct);
}
