/*
 * staff_concerns.c - the casework on the staff side (store/concerns.h):
 * the list of cases, one case with its history and the forms that record
 * its events and categories, the person's details on request, and the
 * subject-access search; and the public statistics page.
 *
 * A case's page never shows the person's details: they are shown only in
 * answer to a POST that says why (a read of personal data is audited, and
 * a GET must change nothing), to the roles the route table allows.
 */
#include "assess/concern_stats.h"
#include "store/concerns.h"
#include "util/html.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/staff.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CC "/staff/concerns"

static void form_open(struct buf *b, const struct staff_request *sq, const char *ref,
                      const char *action)
{
    buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"" CC "/");
    html_escape(b, ref);
    buf_printf(b, "/%s\">\n", action);
    staff_csrf_field(b, sq);
}

static void case_row(void *arg, const struct concern_view *c)
{
    struct buf *b = arg;
    buf_puts(b, "<tr><th scope=\"row\"><a href=\"" CC "/");
    html_escape(b, c->ref);
    buf_puts(b, "\">");
    html_escape(b, c->ref);
    buf_puts(b, "</a></th><td>");
    html_escape(b, c->kind);
    buf_puts(b, "</td><td>");
    html_escape(b, c->state);
    buf_puts(b, "</td><td>");
    page_date(b, c->received);
    buf_puts(b, "</td><td>");
    buf_puts(b, c->in_time < 0 ? "" : c->in_time ? "yes" : "no");
    buf_puts(b, "</td></tr>\n");
}

void staff_concerns(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, rows = BUF_INIT, err = BUF_INIT;
    staff_page_begin(b, sq, "Casework");
    buf_puts(b, "<h1>Casework</h1>\n<p>Concerns, complaint reviews, complaints about the chief "
                "constable, FOI requests and contacts, latest first. Their deadlines are on "
                "<a href=\"/staff/clocks\">Deadlines</a>; the published figures on "
                "<a href=\"/concerns/statistics\">the statistics page</a>.</p>\n");
    int rc = store_concerns_list(sq->store, CONCERNS_LIST_MAX, case_row, &rows, &err);
    if (rc == 0 && rows.len == 0)
        buf_puts(b, "<p>No cases yet.</p>\n");
    else if (rc == 0) {
        buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Cases\">\n"
                    "<table class=\"data\">\n<caption>Cases</caption>\n<thead><tr>"
                    "<th scope=\"col\">Reference</th><th scope=\"col\">Kind</th>"
                    "<th scope=\"col\">State</th><th scope=\"col\">Received</th>"
                    "<th scope=\"col\">Review applied in time</th></tr></thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody></table></div>\n");
    }
    if (rc == 0 && staff_may(sq, "POST", CC "/subject-access")) {
        buf_puts(b, "<h2>Subject access request</h2>\n<p>Everything held on one person, found by "
                    "their email address or telephone number. The search and every record "
                    "read are audited.</p>\n<form method=\"post\" class=\"staff-form\" action=\"" CC
                    "/subject-access\">\n");
        staff_csrf_field(b, sq);
        buf_puts(b, "<p><label for=\"sar-email\">Email address</label>\n<input id=\"sar-email\" "
                    "name=\"email\" type=\"email\" maxlength=\"254\"></p>\n"
                    "<p><label for=\"sar-phone\">Telephone number</label>\n<input id=\"sar-phone\" "
                    "name=\"phone\" type=\"tel\" maxlength=\"40\"></p>\n"
                    "<p><label for=\"sar-why\">Why (the request&#39;s reference)</label>\n"
                    "<input id=\"sar-why\" name=\"why\" required maxlength=\"200\"></p>\n"
                    "<p><button type=\"submit\">Search</button></p>\n</form>\n");
    }
    page_finish(sq->rq, rs, rc, &err);
    buf_free(&rows);
    buf_free(&err);
}

/* A case's facts as HTML, and whether it is a review with the outcome's
 * date (which has spells with other bodies). */
struct case_facts {
    struct buf b;
    bool review;
};

static void case_facts(void *arg, const struct concern_view *c)
{
    struct case_facts *cf = arg;
    struct buf *b = &cf->b;
    cf->review = strcmp(c->kind, "review") == 0 && c->outcome != DATE_NONE;
    buf_puts(b, "<dl class=\"facts\">\n<dt>Kind</dt><dd>");
    const struct concern_route *r = concern_route_named(c->kind);
    html_escape(b, r ? r->label : c->kind);
    buf_puts(b, "</dd>\n<dt>State</dt><dd>");
    html_escape(b, c->state);
    buf_puts(b, "</dd>\n<dt>Received</dt><dd>");
    page_date(b, c->received);
    buf_puts(b, " (");
    html_escape(b, c->channel);
    buf_puts(b, ")</dd>\n");
    if (c->outcome != DATE_NONE) {
        buf_puts(b, "<dt>Outcome given by the force</dt><dd>");
        page_date(b, c->outcome);
        buf_puts(b, "</dd>\n<dt>Review limit</dt><dd>");
        if (c->review_due == DATE_NONE)
            buf_puts(b, "none: the count stopped while the application was with another body");
        else
            page_date(b, c->review_due);
        buf_puts(b, c->in_time ? " (applied in time)" : " (<strong>applied late</strong>)");
        buf_printf(b, "</dd>\n<dt>Days with other bodies left out</dt><dd>%d</dd>\n", c->left_out);
    }
    const char *const labels[] = {"Reviewer", "Decision", "Allegation categories"};
    const char *const values[] = {c->reviewer, c->decision, *c->categories ? c->categories : NULL};
    for (size_t i = 0; i < 3; i++)
        if (values[i]) {
            buf_printf(b, "<dt>%s</dt><dd>", labels[i]);
            html_escape(b, values[i]);
            buf_puts(b, "</dd>\n");
        }
    buf_printf(b, "<dt>Personal details</dt><dd>%s</dd>\n</dl>\n",
               c->destroyed ? "destroyed at the end of retention" : "held in the vault");
}

static void event_item(void *arg, const struct concern_event_view *e)
{
    struct buf *b = arg;
    buf_puts(b, "<li>");
    page_date(b, e->on);
    buf_puts(b, ": ");
    html_escape(b, e->kind);
    if (*e->note) {
        buf_puts(b, ", ");
        html_escape(b, e->note);
    }
    buf_puts(b, " <span class=\"hint\">(");
    html_escape(b, e->actor);
    buf_puts(b, ")</span></li>\n");
}

/* One spell with another body, and (for a caseworker) its withdrawal. */
struct spell_rows {
    struct buf *b;
    const struct staff_request *sq;
    const char *ref;
};

static void spell_row(void *arg, const struct concern_spell_view *v)
{
    struct spell_rows *r = arg;
    struct buf *b = r->b;
    buf_printf(b, "<tr><td>%lld</td><td>", (long long)v->id);
    html_escape(b, v->body);
    buf_puts(b, "</td><td>");
    page_date(b, v->sent);
    buf_puts(b, "</td><td>");
    if (v->forwarded == DATE_NONE)
        buf_puts(b, "never forwarded");
    else
        page_date(b, v->forwarded);
    buf_puts(b, "</td><td>");
    html_escape(b, v->actor);
    buf_puts(b, "</td>");
    if (staff_may(r->sq, "POST", CC "/:ref/misdirected")) {
        buf_puts(b, "<td>");
        form_open(b, r->sq, r->ref, "misdirected");
        buf_printf(b,
                   "<input type=\"hidden\" name=\"withdraw\" value=\"%lld\">\n"
                   "<label for=\"sp-why-%lld\">Why it is withdrawn</label>\n"
                   "<input id=\"sp-why-%lld\" name=\"why\" required maxlength=\"500\">\n"
                   "<button type=\"submit\">Withdraw</button>\n</form></td>",
                   (long long)v->id, (long long)v->id, (long long)v->id);
    }
    buf_puts(b, "</tr>\n");
}

/* The spells a review application spent with wrong bodies, and the form
 * that records one. */
static void spells_section(struct buf *b, const struct staff_request *sq, const char *ref)
{
    struct buf rows = BUF_INIT, err = BUF_INIT;
    struct spell_rows r = {&rows, sq, ref};
    bool may = staff_may(sq, "POST", CC "/:ref/misdirected");
    buf_puts(b, "<h2>Time with other bodies</h2>\n<p>The 28 days leave out every day the "
                "application spent with a wrong body (the force, the IOPC, another "
                "office); a day with two is left out once.</p>\n");
    if (store_concern_spells(sq->store, ref, spell_row, &r, &err) != 0) {
        buf_puts(b, "<p>The spells cannot be read: ");
        html_escape(b, buf_str(&err));
        buf_puts(b, "</p>\n");
    } else if (rows.len) {
        buf_puts(b, "<table class=\"data\">\n<caption>Spells with other bodies</caption>\n"
                    "<thead><tr><th scope=\"col\">Number</th><th scope=\"col\">Body</th>"
                    "<th scope=\"col\">Sent there</th><th scope=\"col\">Forwarded here</th>"
                    "<th scope=\"col\">Recorded by</th>");
        if (may)
            buf_puts(b, "<th scope=\"col\">Recorded in error?</th>");
        buf_puts(b, "</tr></thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody></table>\n");
    } else
        buf_puts(b, "<p>None recorded.</p>\n");
    if (may) {
        form_open(b, sq, ref, "misdirected");
        buf_puts(b, "<p><label for=\"sp-body\">Sent to (the body)</label>\n<input "
                    "id=\"sp-body\" name=\"body\" required maxlength=\"120\"></p>\n"
                    "<p><label for=\"sp-sent\">Sent there on</label>\n<input id=\"sp-sent\" "
                    "name=\"sent\" type=\"date\" required></p>\n<p><label for=\"sp-fwd\">"
                    "Forwarded here on</label>\n<span class=\"hint\" id=\"sp-fwd-hint\">Leave "
                    "empty if it was never forwarded.</span>\n<input id=\"sp-fwd\" "
                    "name=\"forwarded\" type=\"date\" aria-describedby=\"sp-fwd-hint\"></p>\n"
                    "<p><button type=\"submit\">Record the spell</button></p>\n</form>\n");
    }
    buf_free(&rows);
    buf_free(&err);
}

static void case_forms(struct buf *b, const struct staff_request *sq, const char *ref)
{
    if (!staff_may(sq, "POST", CC "/:ref/event"))
        return;
    buf_puts(b, "<h2>Record what happened</h2>\n");
    form_open(b, sq, ref, "event");
    buf_puts(b, "<p><label for=\"ev-kind\">Event</label>\n<select id=\"ev-kind\" name=\"kind\">\n");
    static const char *const kinds[] = {"acknowledged", "passed-on",   "assigned",  "conflict",
                                        "decided",      "recommended", "responded", "closed"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        buf_printf(b, "<option>%s</option>\n", kinds[i]);
    buf_puts(
        b, "</select></p>\n<p><label for=\"ev-on\">On</label>\n<input id=\"ev-on\" "
           "name=\"on\" type=\"date\" required></p>\n<p><label for=\"ev-note\">Note</label>\n"
           "<span class=\"hint\" id=\"ev-note-hint\">The reviewer&#39;s username; the "
           "conflict; the decision (reasonable or not-reasonable); the recommendation; the "
           "force&#39;s response. Keep personal details out: a note other than a "
           "decision or a reviewer is blanked when the person&#39;s details are "
           "destroyed, and the audit log records only its length.</span>\n<textarea id=\"ev-note\" "
           "name=\"note\" rows=\"3\" maxlength=\"5000\" aria-describedby=\"ev-note-hint\">"
           "</textarea></p>\n<p><button type=\"submit\">Record</button></p>\n</form>\n");
    form_open(b, sq, ref, "categorise");
    buf_puts(b, "<p><label for=\"cat-code\">Allegation category code</label>\n<input "
                "id=\"cat-code\" name=\"code\" required maxlength=\"16\"></p>\n<p><button "
                "type=\"submit\">Add the category</button></p>\n</form>\n<h2>Personal "
                "details</h2>\n");
    form_open(b, sq, ref, "personal");
    buf_puts(b, "<p><label for=\"pd-why\">Why you need them</label>\n<input id=\"pd-why\" "
                "name=\"why\" required maxlength=\"200\"></p>\n<p><button type=\"submit\">Show "
                "the personal details (audited)</button></p>\n</form>\n");
}

void staff_concern(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    struct buf *b = &rs->body, events = BUF_INIT, err = BUF_INIT;
    struct case_facts facts = {BUF_INIT, false};
    int rc = store_concern_get(sq->store, ref, case_facts, &facts, &err);
    if (rc == 0)
        rc = store_concern_events(sq->store, ref, event_item, &events, &err);
    if (rc == CONCERN_UNKNOWN) {
        page_error(sq->rq, rs, 404, "There is no case with this reference.");
    } else if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        staff_page_begin(b, sq, ref);
        buf_puts(b, "<h1>Case ");
        html_escape(b, ref);
        buf_puts(b, "</h1>\n");
        buf_append(b, facts.b.p, facts.b.len);
        buf_puts(b, "<h2>History</h2>\n");
        if (events.len) {
            buf_puts(b, "<ol>\n");
            buf_append(b, events.p, events.len);
            buf_puts(b, "</ol>\n");
        } else
            buf_puts(b, "<p>Received; nothing recorded since.</p>\n");
        if (facts.review)
            spells_section(b, sq, ref);
        case_forms(b, sq, ref);
        staff_letters_section(b, sq, ref);
        page_end(b, sq->rq);
    }
    buf_free(&facts.b);
    buf_free(&events);
    buf_free(&err);
}

/* A change's answer: back to the case, or why not. */
static void answer(struct staff_request *sq, struct web_response *rs, int rc, const struct buf *err)
{
    if (rc == 0) {
        char path[64];
        snprintf(path, sizeof path, CC "/%s", sq->rq->match->args[0]);
        staff_redirect(rs, path);
    } else if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(err));
    else
        page_error(sq->rq, rs, rc == CONCERN_UNKNOWN ? 404 : 400,
                   rc == CONCERN_UNKNOWN ? "There is no case with this reference." : buf_str(err));
}

void staff_concern_event(struct staff_request *sq, struct web_response *rs)
{
    const char *on = web_form_value(sq->form, "on"), *kind = web_form_value(sq->form, "kind");
    int date = DATE_NONE;
    if (on)
        date_parse(on, strlen(on), &date);
    struct buf err = BUF_INIT;
    int rc = store_concern_event(sq->store, sq->rq->match->args[0], kind ? kind : "", date,
                                 web_form_value(sq->form, "note"), &sq->by, &err);
    answer(sq, rs, rc, &err);
    buf_free(&err);
}

void staff_concern_categorise(struct staff_request *sq, struct web_response *rs)
{
    const char *code = web_form_value(sq->form, "code");
    struct buf err = BUF_INIT;
    int rc = store_concern_categorise(sq->store, sq->rq->match->args[0], code ? code : "", &sq->by,
                                      &err);
    answer(sq, rs, rc, &err);
    buf_free(&err);
}

/* A form date: DATE_NONE when absent or empty; -1 when not a date. */
static int form_date(const struct staff_request *sq, const char *name, int *date)
{
    const char *v = web_form_value(sq->form, name);
    *date = DATE_NONE;
    return !v || !*v || date_parse(v, strlen(v), date) ? 0 : -1;
}

void staff_concern_misdirected(struct staff_request *sq, struct web_response *rs)
{
    const char *withdraw = web_form_value(sq->form, "withdraw");
    struct concern_spell_change c = {{DATE_NONE, DATE_NONE},
                                     web_form_value(sq->form, "body"),
                                     withdraw ? strtoll(withdraw, NULL, 10) : 0,
                                     web_form_value(sq->form, "why")};
    struct buf err = BUF_INIT;
    struct review_window w;
    int rc = CONCERN_REFUSED;
    if (withdraw && c.withdraw <= 0)
        buf_puts(&err, "no such spell");
    else if (!withdraw && (form_date(sq, "sent", &c.m.sent) < 0 ||
                           form_date(sq, "forwarded", &c.m.forwarded) < 0 || c.m.sent == DATE_NONE))
        buf_puts(&err, "the dates must be YYYY-MM-DD, and the date sent is needed");
    else
        rc = store_concern_misdirected(sq->store, sq->rq->match->args[0], &c, &sq->by, &w, &err);
    answer(sq, rs, rc, &err);
    buf_free(&err);
}

static void field_item(void *arg, const char *field, const char *value, size_t n)
{
    struct buf *b = arg, v = BUF_INIT;
    buf_append(&v, value, n);
    buf_puts(b, "<dt>");
    html_escape(b, field);
    buf_puts(b, "</dt><dd class=\"text\">");
    html_escape(b, buf_str(&v));
    buf_puts(b, "</dd>\n");
    buf_free(&v);
}

void staff_concern_personal(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    struct buf *b = &rs->body, fields = BUF_INIT, err = BUF_INIT;
    char subject[40];
    snprintf(subject, sizeof subject, "concern:%s", ref);
    struct vault *v = vault_open(sq->store, NULL, &sq->by, &err);
    int rc = v ? vault_get_all(v, subject, web_form_value(sq->form, "why"), &sq->by, field_item,
                               &fields, &err)
               : -1;
    vault_close(v);
    if (rc < 0 && v) {
        page_error(sq->rq, rs, 400, buf_str(&err));
    } else if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        staff_page_begin(b, sq, "Personal details");
        buf_puts(b, "<h1>Personal details of case ");
        html_escape(b, ref);
        buf_puts(b, "</h1>\n<p class=\"notice\">This read is in the audit log, with your name "
                    "and your reason.</p>\n");
        if (fields.len) {
            buf_puts(b, "<dl class=\"facts\">\n");
            buf_append(b, fields.p, fields.len);
            buf_puts(b, "</dl>\n");
        } else
            buf_puts(b, "<p>None held (none given, or destroyed at the end of retention).</p>\n");
        buf_puts(b, "<p><a href=\"" CC "/");
        html_escape(b, ref);
        buf_puts(b, "\">Back to the case</a></p>\n");
        page_end(b, sq->rq);
    }
    buf_free(&fields);
    buf_free(&err);
}

void staff_concern_access(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct vault *v = vault_open(sq->store, NULL, &sq->by, &err);
    char *doc = v ? store_concern_subject_access(sq->store, v, web_form_value(sq->form, "email"),
                                                 web_form_value(sq->form, "phone"),
                                                 web_form_value(sq->form, "why"), &sq->by, &err)
                  : NULL;
    vault_close(v);
    if (!doc) {
        page_error(sq->rq, rs, v ? 400 : 500, buf_str(&err));
    } else {
        staff_page_begin(b, sq, "Subject access request");
        buf_puts(b, "<h1>Subject access request</h1>\n<p class=\"notice\">This search and every "
                    "record read are in the audit log. Copy what follows into the reply.</p>\n"
                    "<pre class=\"scroll\" tabindex=\"0\">");
        html_escape(b, doc);
        buf_puts(b, "</pre>\n");
        page_end(b, sq->rq);
    }
    free(doc);
    buf_free(&err);
}

/* ---- the public statistics ------------------------------------------------ */

static int categories_section(struct staff_request *sq, struct buf *b, struct buf *err);

void concern_statistics(struct staff_request *sq, struct web_response *rs)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc = concern_stats_table(sq->store, &t, &err);
    if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else if (rs->format == WEB_CSV) {
        pages_data(&t, WEB_CSV, rs);
    } else {
        static const char *const headings[] = {"Quarter",
                                               "Received",
                                               "About the police (passed on)",
                                               "Reviews",
                                               "About the Commissioner (passed on)",
                                               "About the chief constable",
                                               "FOI requests",
                                               "Other contacts",
                                               "Reviews applied for in time",
                                               "Reviews applied for late",
                                               "Acknowledged",
                                               "Acknowledged within the standard",
                                               "Answered",
                                               "Answered within the standard",
                                               "Outcome reasonable and proportionate",
                                               "Outcome not reasonable and proportionate",
                                               "Recommendations made"};
        struct buf *b = &rs->body;
        page_head(b, sq->rq, "Concerns and complaint reviews: statistics");
        page_main(b);
        buf_puts(b, "<h1>Concerns and complaint reviews: statistics</h1>\n<p>Every case the "
                    "Office has received, by the financial quarter it arrived in, counted from "
                    "the case records (never from anyone&#39;s personal details).</p>\n");
        page_table(b, &t, "Cases by quarter received", headings);
        for (size_t i = 0; i < t.nnotes; i++) {
            buf_puts(b, "<p>");
            html_escape(b, t.notes[i]);
            buf_puts(b, "</p>\n");
        }
        buf_puts(b, "<p><a href=\"/concerns/statistics.csv\">Download as CSV</a></p>\n");
        rc = categories_section(sq, b, &err);
        buf_puts(b, "<p><a href=\"/concerns\">Raise a concern</a> &middot; <a "
                    "href=\"/complaints\">Complaints about the police: the IOPC&#39;s figures "
                    "and the Commissioner&#39;s reports</a></p>\n");
        if (rc < 0)
            web_error(sq->rq, rs, 500, buf_str(&err));
        else
            page_end(b, sq->rq);
    }
    table_free(&t);
    buf_free(&err);
}

/* The reviews by allegation category and quarter, below the cases. */
static int categories_section(struct staff_request *sq, struct buf *b, struct buf *err)
{
    static const char *const headings[] = {"Quarter", "Code", "Allegation category",
                                           "Reviews received", "Of which upheld"};
    struct table t;
    int rc = concern_stats_categories_table(sq->store, &t, err);
    if (rc == 0) {
        buf_puts(b, "<h2>Complaint reviews by allegation category</h2>\n");
        if (t.nrows)
            page_table(b, &t, "Reviews by quarter received and allegation category", headings);
        else
            buf_puts(b, "<p>No complaint review has been received yet.</p>\n");
        for (size_t i = 0; i < t.nnotes; i++) {
            buf_puts(b, "<p>");
            html_escape(b, t.notes[i]);
            buf_puts(b, "</p>\n");
        }
        buf_puts(b, "<p><a href=\"/concerns/statistics/categories.csv\">Download as CSV</a>"
                    "</p>\n");
    }
    table_free(&t);
    return rc;
}

void concern_statistics_categories(struct staff_request *sq, struct web_response *rs)
{
    struct table t;
    struct buf err = BUF_INIT;
    if (concern_stats_categories_table(sq->store, &t, &err) < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, WEB_CSV, rs);
    table_free(&t);
    buf_free(&err);
}
