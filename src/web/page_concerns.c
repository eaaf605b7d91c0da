/*
 * page_concerns.c - the one public route for raising a concern: /concerns
 * says in plain English what can be raised and who deals with each
 * (model/concern.h), works out the 28-day review limit from a date given
 * (a GET form, no JavaScript), and takes one form that records the contact
 * (store/concerns.h), its personal details sealed in the vault, and answers
 * with its reference and what happens next and by when.
 *
 * The form writes, so it is served by the staff side's machinery (staff.h:
 * the write connection, the bounded form parser, the refusal of cross-site
 * POSTs) as a route needing no sign-in, its CSRF token a double-submitted
 * cookie as the sign-in form's. It is abuse-limited as the sign-in is: each
 * address may send CONCERNS_PER_CLIENT forms an hour (web/throttle.h), and
 * every field is bounded.
 */
#include "store/calendar.h"
#include "store/concerns.h"
#include "util/html.h"
#include "web/concern_form.h"
#include "web/page.h"
#include "web/params.h"
#include "web/staff.h"
#include "web/throttle.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void date_text(struct buf *b, int date)
{
    page_date(b, date);
}

/* ---- the page -------------------------------------------------------------- */

static void routes_list(struct buf *b)
{
    buf_puts(b, "<h2>Who deals with what</h2>\n<dl class=\"facts\">\n");
    for (int k = 0; k < CONCERN_KINDS; k++) {
        const struct concern_route *r = concern_route((enum concern_kind)k);
        buf_puts(b, "<dt>");
        html_escape(b, r->label);
        buf_puts(b, "</dt>\n<dd>Dealt with by ");
        html_escape(b, r->who);
        buf_puts(b, ". ");
        html_escape(b, r->next);
        buf_puts(b, "</dd>\n");
    }
    buf_puts(b, "</dl>\n");
}

/* The review limit for an outcome date given in the address, if any. */
static void limit_check(struct buf *b, const struct staff_request *sq)
{
    const char *given = web_param(sq->rq->target, "outcome");
    buf_puts(b, "<h2 id=\"limit\">Asking for a review: the 28-day limit</h2>\n"
                "<p>You must ask within 28 days, starting with the day after the force gave "
                "you the outcome of your complaint. Weekends and bank holidays count. If you "
                "sent your application to the wrong organisation first, the days it spent "
                "there do not count.</p>\n"
                "<form method=\"get\" action=\"/concerns#limit\" class=\"staff-form\">\n"
                "<p><label for=\"outcome-check\">Date the force gave you its outcome</label>\n"
                "<input type=\"date\" id=\"outcome-check\" name=\"outcome\"");
    int outcome;
    bool ok = given && date_parse(given, strlen(given), &outcome);
    if (given) {
        buf_puts(b, " value=\"");
        html_escape(b, given);
        buf_puts(b, "\"");
    }
    buf_puts(b, "></p>\n<p><button type=\"submit\">Work out my limit</button></p>\n</form>\n");
    if (given && !ok)
        buf_puts(b, "<p class=\"notice\" role=\"status\">Give the date as year, month and day, "
                    "for example 2026-03-02.</p>\n");
    if (!ok)
        return;
    struct calendar none = {NULL, 0}; /* calendar days: holidays do not matter */
    int due =
        clock_due_simple(&none, CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, outcome, CONCERN_REVIEW_DAYS);
    int today = date_today();
    buf_puts(b, "<p class=\"notice\" role=\"status\">");
    if (due >= today) {
        buf_puts(b, "You have until <strong>");
        date_text(b, due);
        buf_printf(b, "</strong> to ask for a review (%d day%s from today, counting today).",
                   due - today + 1, due == today ? "" : "s");
    } else {
        buf_puts(b, "The limit was ");
        date_text(b, due);
        buf_puts(b, ". You can still ask: tell us why it is late, and the Office will decide "
                    "whether there are special circumstances to accept it.");
    }
    buf_puts(b, "</p>\n");
}

static void the_form(struct buf *b, const struct staff_request *sq, const struct concern_form *f)
{
    buf_puts(b, "<h2 id=\"form\">Tell us</h2>\n");
    concern_form_errors(b, f);
    buf_puts(b, "<form method=\"post\" action=\"/concerns\" class=\"staff-form\">\n");
    staff_csrf_field(b, sq);
    concern_form_fields(b, f);
    buf_puts(b, "<p>Your details are kept separately from your case, encrypted, seen only by the "
                "staff who deal with it, and destroyed when the case&#39;s retention period "
                "ends.</p>\n<p><button type=\"submit\">Send</button></p>\n</form>\n");
}

static void concerns_page(struct staff_request *sq, struct web_response *rs,
                          const struct concern_form *f)
{
    struct buf *b = &rs->body;
    buf_reset(b);
    page_head(b, sq->rq, f->nerrors ? "Error: Raise a concern" : "Raise a concern");
    page_main(b);
    buf_puts(b, "<h1>Raise a concern, ask for a review or ask for information</h1>\n"
                "<p>Use this page to raise a concern about the police or about the "
                "Commissioner, to ask the Commissioner to review how the force handled your "
                "complaint, to ask for information the Office holds, or to contact the Office "
                "about anything else. Choose what it is about below: we send it to whoever "
                "deals with it and tell you what happens next and by when.</p>\n");
    routes_list(b);
    limit_check(b, sq);
    the_form(b, sq, f);
    page_end(b, sq->rq);
}

void concern_form_page(struct staff_request *sq, struct web_response *rs)
{
    staff_new_form_token(sq, rs);
    struct concern_form f = {0};
    concerns_page(sq, rs, &f);
}

/* ---- sending it ------------------------------------------------------------ */

static void received_page(struct staff_request *sq, struct web_response *rs,
                          const struct concern_route *r, const struct concern_made *m)
{
    struct buf *b = &rs->body;
    buf_reset(b);
    page_head(b, sq->rq, "We have it");
    page_main(b);
    buf_puts(b, "<h1>We have it</h1>\n<p class=\"notice\">Your reference is <strong>");
    html_escape(b, m->ref);
    buf_puts(b, "</strong>. Keep it: quote it if you contact us about this.</p>\n"
                "<h2>What happens next</h2>\n<p>It is dealt with by ");
    html_escape(b, r->who);
    buf_puts(b, ". ");
    html_escape(b, r->next);
    buf_puts(b, "</p>\n<ul>\n<li>We will ");
    buf_puts(b, r->here ? "acknowledge it" : "pass it on and tell you");
    buf_puts(b, " by ");
    date_text(b, m->ack_due);
    buf_printf(b, " (%d working days).</li>\n", CONCERN_ACK_DAYS);
    if (m->answer_due != DATE_NONE) {
        buf_puts(b, "<li>We aim to ");
        buf_puts(b, r->kind == CONCERN_REVIEW ? "decide the review"
                    : r->kind == CONCERN_FOI  ? "answer your request (the law allows 20 working "
                                                "days)"
                                              : "reply");
        buf_puts(b, " by ");
        date_text(b, m->answer_due);
        buf_puts(b, ".</li>\n");
    }
    if (m->has_window) {
        buf_puts(b, "<li>");
        buf_puts(b, m->window.in_time ? "Your application is in time: the limit was "
                                      : "Your application reached us after the limit, ");
        date_text(b, m->window.due);
        buf_puts(b, m->window.in_time ? ".</li>\n"
                                      : ". We will ask you why it is late and decide whether "
                                        "special circumstances allow us to accept it.</li>\n");
    }
    buf_puts(b, "</ul>\n<p>Your details are kept ");
    html_escape(b, r->retention_rule);
    buf_puts(b, ", then destroyed.</p>\n<p><a href=\"/concerns\">Raise something else</a></p>\n");
    page_end(b, sq->rq);
}

static bool may_send(struct staff_request *sq, struct web_response *rs, int64_t now)
{
    int64_t wait = 0;
    if (throttle_allows(sq->ctx->staff.concerns, sq->rq->client, now, &wait))
        return true;
    char message[160];
    int64_t minutes = (wait + 59) / 60;
    snprintf(message, sizeof message,
             "This address has sent %d forms in the last hour: try again in %" PRId64
             " minute%s, or write to the Office.",
             CONCERNS_PER_CLIENT, minutes, minutes == 1 ? "" : "s");
    page_error(sq->rq, rs, 429, message);
    rs->retry_later = true;
    snprintf(rs->retry_after, sizeof rs->retry_after, "%d", (int)(minutes * 60));
    return false;
}

static void record(struct staff_request *sq, struct web_response *rs, const struct concern_form *f,
                   const struct concern_route *r, int outcome)
{
    struct buf err = BUF_INIT;
    struct vault *v = vault_open(sq->store, NULL, &sq->by, &err);
    struct concern_new c = {
        r->kind,
        "web",
        date_today(),
        outcome,
        {DATE_NONE, DATE_NONE},
        {f->name, f->email, f->phone, f->address, f->details, NULL},
        NULL,
    };
    struct concern_made m;
    if (v && store_concern_add(sq->store, v, &c, &sq->by, &m, &err) == 0)
        received_page(sq, rs, r, &m);
    else
        web_error(sq->rq, rs, 500, buf_str(&err));
    vault_close(v);
    buf_free(&err);
}

void concern_send(struct staff_request *sq, struct web_response *rs)
{
    int64_t now = (int64_t)time(NULL);
    if (!may_send(sq, rs, now))
        return;
    struct concern_form f;
    int outcome;
    const struct concern_route *r = concern_form_read(sq->form, date_today(), &f, &outcome);
    if (f.nerrors) {
        staff_new_form_token(sq, rs);
        concerns_page(sq, rs, &f);
        rs->status = 400;
        return;
    }
    throttle_fail(sq->ctx->staff.concerns, sq->rq->client, now); /* one sent: counted */
    record(sq, rs, &f, r, outcome);
}
