/*
 * page_apply.c - the public application form of the Safety Fund (issue
 * 18), for a round that is open:
 *
 *   /grants/apply                   the rounds open now, and a box to come
 *                                   back to an application by its reference
 *   /grants/apply/ROUND             a new application (GET the form, POST
 *                                   it to save a draft or send it)
 *   /grants/application/REF         the private link of one application: a
 *                                   draft to carry on with (GET, POST), or
 *                                   what became of it once sent
 *
 * The form writes, so, as the concerns form (page_concerns.c), it is
 * served by the staff side's machinery (staff.h: the write connection, the
 * bounded form parser, the refusal of cross-site POSTs, a double-submitted
 * CSRF cookie) as routes needing no sign-in, its pages private (never
 * cached). It is abuse-limited: each address may save or send
 * APPLICATIONS_PER_CLIENT forms an hour, and ask for as many references
 * that are not there, so that nobody guesses references (ten characters of
 * 32, web/throttle.h). It works without JavaScript and on a phone: one
 * column of labelled fields, what was typed kept when anything is wrong,
 * with a summary of links to each field wrong.
 *
 * The reference is the key to the draft: whoever holds the link sees what
 * the organisation wrote, never the contact person, who is sealed in the
 * vault (store/vault.h) and never shown on a page again. A draft is saved
 * and sent only while the round is open (its dates, by the server's
 * today); after it closes the form is refused, saying so. Whether an
 * application meets the round's rules is the store's judgement
 * (store_fund_submit), shown to the applicant with every reason.
 */
#include "model/calendar.h"
#include "model/money.h"
#include "store/fund.h"
#include "store/fund_apply.h"
#include "store/vault.h"
#include "util/html.h"
#include "util/mem.h"
#include "web/application_form.h"
#include "web/page.h"
#include "web/params.h"
#include "web/staff.h"
#include "web/throttle.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the round ------------------------------------------------------------- */

struct round_info {
    bool found, opened;
    char key[64], title[256], theme[128], opens[DATE_TEXT_SIZE], closes[DATE_TEXT_SIZE];
    char types[512], rules[4096];
    int64_t max_pence;
    int threshold_bp;
};

static void take_round(void *arg, const struct fund_round_view *v)
{
    struct round_info *r = arg;
    r->found = true;
    r->opened = v->opened_at != NULL;
    snprintf(r->key, sizeof r->key, "%s", v->r.key);
    snprintf(r->title, sizeof r->title, "%s", v->r.title);
    snprintf(r->theme, sizeof r->theme, "%s", v->r.theme ? v->r.theme : "");
    snprintf(r->opens, sizeof r->opens, "%s", v->r.opens_on);
    snprintf(r->closes, sizeof r->closes, "%s", v->r.closes_on);
    snprintf(r->types, sizeof r->types, "%s", v->r.eligible_types ? v->r.eligible_types : "");
    snprintf(r->rules, sizeof r->rules, "%s", v->r.rules ? v->r.rules : "");
    r->max_pence = v->r.max_award_pence;
    r->threshold_bp = v->r.threshold_bp;
}

enum window { NOT_YET, OPEN, CLOSED };

static void today_text(char out[DATE_TEXT_SIZE])
{
    date_format(date_today(), out);
}

/* Whether a round takes applications today: opened, and within its dates
 * (YYYY-MM-DD compare as text). */
static enum window round_window(bool opened, const char *opens, const char *closes)
{
    char today[DATE_TEXT_SIZE];
    today_text(today);
    if (strcmp(today, closes) > 0)
        return CLOSED;
    return opened && strcmp(today, opens) >= 0 ? OPEN : NOT_YET;
}

static void iso_date(struct buf *b, const char *ymd)
{
    int d;
    if (date_parse(ymd, strlen(ymd), &d))
        page_date(b, d);
    else
        html_escape(b, ymd);
}

/* Why the round takes no application now, as a sentence; NULL when it does. */
static const char *window_refusal(const struct round_info *r, struct buf *why)
{
    enum window w = round_window(r->opened, r->opens, r->closes);
    if (w == OPEN)
        return NULL;
    buf_printf(why,
               w == CLOSED ? "This round closed on %s: applications can no longer be saved or "
                             "sent."
                           : "This round is not open for applications yet: it opens on %s.",
               w == CLOSED ? r->closes : r->opens);
    return buf_str(why);
}

/* ---- the pages ------------------------------------------------------------- */

static void open_round_row(void *arg, const struct fund_round_view *v)
{
    struct buf *b = arg;
    if (round_window(v->opened_at != NULL, v->r.opens_on, v->r.closes_on) != OPEN)
        return;
    char max[MONEY_TEXT_SIZE];
    money_format(v->r.max_award_pence, true, max);
    buf_puts(b, "<li><a href=\"/grants/apply/");
    url_encode(b, v->r.key);
    buf_puts(b, "\">");
    html_escape(b, v->r.title);
    buf_puts(b, "</a>: ");
    html_escape(b, v->r.theme ? v->r.theme : "");
    buf_puts(b, ". Grants of up to ");
    html_escape(b, max);
    buf_puts(b, "; closes on ");
    iso_date(b, v->r.closes_on);
    buf_puts(b, ".</li>\n");
}

static void criterion_item(void *arg, const struct fund_criterion_view *c)
{
    struct buf *b = arg;
    buf_puts(b, "<li>");
    html_escape(b, c->title);
    buf_printf(b, " (weight %d)</li>\n", c->weight);
}

/* The round's title, dates, rules and rubric, above its form. */
static void round_intro(struct buf *b, struct store *s, const struct round_info *r)
{
    char max[MONEY_TEXT_SIZE];
    money_format(r->max_pence, true, max);
    buf_puts(b, "<h1>Apply to ");
    html_escape(b, r->title);
    buf_puts(b, "</h1>\n<dl class=\"facts\">\n<dt>Theme</dt><dd>");
    html_escape(b, r->theme);
    buf_puts(b, "</dd>\n<dt>Closes</dt><dd>");
    iso_date(b, r->closes);
    buf_puts(b, "</dd>\n<dt>Largest grant</dt><dd>");
    html_escape(b, max);
    buf_puts(b, "</dd>\n");
    if (*r->types) {
        buf_puts(b, "<dt>Who may apply</dt><dd>");
        for (const char *p = r->types; *p;) {
            size_t n = strcspn(p, ",");
            html_printf(b, "%s%.*s", p == r->types ? "" : ", ", (int)n, p);
            p += n + (p[n] == ',');
        }
        buf_puts(b, "</dd>\n");
    }
    buf_puts(b, "</dl>\n");
    if (*r->rules) {
        buf_puts(b, "<p>");
        html_escape(b, r->rules);
        buf_puts(b, "</p>\n");
    }
    struct buf list = BUF_INIT, err = BUF_INIT;
    if (store_fund_criteria(s, r->key, criterion_item, &list, &err) == 0 && list.len) {
        buf_puts(b, "<h2>How applications are scored</h2>\n<ul>\n");
        buf_append(b, list.p, list.len);
        buf_printf(b,
                   "</ul>\n<p>Applications scoring %d.%02d%% or more of the weighted marks "
                   "may be funded; the pass mark was fixed before the round opened.</p>\n",
                   r->threshold_bp / 100, r->threshold_bp % 100);
    }
    buf_free(&list);
    buf_free(&err);
}

static void form_page(struct staff_request *sq, struct web_response *rs, const struct round_info *r,
                      const struct fund_choices *c, const char *ref,
                      const struct application_form *f, bool contact_kept, const char *note)
{
    struct buf *b = &rs->body;
    buf_reset(b);
    staff_new_form_token(sq, rs);
    page_head(b, sq->rq, f->nerrors ? "Error: Apply for a grant" : "Apply for a grant");
    page_main(b);
    round_intro(b, sq->store, r);
    if (ref) {
        buf_puts(b, "<p class=\"notice\" role=\"status\">");
        if (note)
            buf_puts(b, note);
        buf_puts(b, "Your reference is <strong>");
        html_escape(b, ref);
        buf_puts(b, "</strong>. Keep it, or bookmark this page, to come back to your "
                    "application until you send it.</p>\n");
    }
    application_form_errors(b, f);
    buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"");
    buf_puts(b, ref ? "/grants/application/" : "/grants/apply/");
    url_encode(b, ref ? ref : r->key);
    buf_puts(b, "\">\n");
    staff_csrf_field(b, sq);
    application_form_fields(b, f, c, r->types, r->max_pence, contact_kept);
    buf_puts(b, "<p>Your contact details are kept apart from your application, encrypted, seen "
                "only by the Office&#39;s staff, and never published.</p>\n"
                "<p><button type=\"submit\" name=\"action\" value=\"save\">Save and come back "
                "later</button>\n<button type=\"submit\" name=\"action\" value=\"send\">Send the "
                "application</button></p>\n</form>\n");
    page_end(b, sq->rq);
}

/* ---- the round, the reference and the application as read ----------------- */

/* The districts, partnerships and priorities round r offers (a 500 when
 * they cannot be read); free with fund_choices_free. */
static bool load_choices(struct staff_request *sq, struct web_response *rs,
                         const struct round_info *r, struct fund_choices *c)
{
    struct buf err = BUF_INIT;
    int rc = store_fund_choices(sq->store, r->key, c, &err);
    if (rc != 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    buf_free(&err);
    return rc == 0;
}

static bool find_round(struct staff_request *sq, struct web_response *rs, const char *key,
                       struct round_info *r)
{
    struct buf err = BUF_INIT;
    *r = (struct round_info){0};
    int rc = key ? store_fund_rounds(sq->store, key, take_round, r, &err) : 0;
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else if (!r->found)
        page_error(sq->rq, rs, 404, "There is no grant round at this address.");
    buf_free(&err);
    return rc == 0 && r->found;
}

/* An application read for its page: the form's values are its copies. */
struct draft {
    bool found;
    char ref[FUND_REF_SIZE], round[64], amount[MONEY_TEXT_SIZE];
    char *v[AF_FIELDS], *submitted_on, *reasons;
    int eligible;
};

static void take_draft(void *arg, const struct fund_application_view *v)
{
    struct draft *d = arg;
    const char *values[AF_FIELDS] = {[AF_ORG_NAME] = v->a.org_name,
                                     [AF_ORG_TYPE] = v->a.org_type,
                                     [AF_ORG_ID] = v->a.org_id,
                                     [AF_PROJECT] = v->a.project,
                                     [AF_DISTRICT] = v->a.district,
                                     [AF_CSP_CODE] = v->a.csp_code,
                                     [AF_PRIORITIES] = v->a.priorities,
                                     [AF_OUTCOMES] = v->a.outcomes,
                                     [AF_BUDGET_LINES] = v->a.budget_lines};
    d->found = true;
    snprintf(d->ref, sizeof d->ref, "%s", v->ref);
    snprintf(d->round, sizeof d->round, "%s", v->a.round);
    for (int i = 0; i < AF_FIELDS; i++)
        d->v[i] = values[i] && *values[i] ? xstrdup(values[i]) : NULL;
    if (v->a.amount_pence > 0)
        money_format(v->a.amount_pence, false, d->amount);
    d->submitted_on = v->submitted_on ? xstrdup(v->submitted_on) : NULL;
    d->reasons = xstrdup(v->reasons);
    d->eligible = v->eligible;
}

static void draft_free(struct draft *d)
{
    for (int i = 0; i < AF_FIELDS; i++)
        free(d->v[i]);
    free(d->submitted_on);
    free(d->reasons);
}

/* The form holding what the draft holds. */
static void draft_form(const struct draft *d, struct application_form *f)
{
    *f = (struct application_form){.amount_pence = -1};
    for (int i = 0; i < AF_FIELDS; i++)
        f->v[i] = d->v[i];
    f->v[AF_AMOUNT] = *d->amount ? d->amount : NULL;
}

/* The address may save, send or look up another form this hour (else a
 * 429 saying when it may). */
static bool may_write(struct staff_request *sq, struct web_response *rs)
{
    int64_t wait = 0;
    if (throttle_allows(sq->ctx->staff.applications, sq->rq->client, (int64_t)time(NULL), &wait))
        return true;
    char message[200];
    int64_t minutes = (wait + 59) / 60;
    snprintf(message, sizeof message,
             "This address has saved, sent or looked up %d applications in the last hour: try "
             "again in %" PRId64 " minute%s, or write to the Office.",
             APPLICATIONS_PER_CLIENT, minutes, minutes == 1 ? "" : "s");
    page_error(sq->rq, rs, 429, message);
    rs->retry_later = true;
    snprintf(rs->retry_after, sizeof rs->retry_after, "%d", (int)(minutes * 60));
    return false;
}

static void counted(struct staff_request *sq)
{
    throttle_fail(sq->ctx->staff.applications, sq->rq->client, (int64_t)time(NULL));
}

/* The application of reference ref into d (a 404 when there is none,
 * counted against the address, so that references are not guessed). */
static bool find_draft(struct staff_request *sq, struct web_response *rs, const char *ref,
                       struct draft *d)
{
    struct buf err = BUF_INIT;
    *d = (struct draft){0};
    int rc = ref && strlen(ref) == FUND_REF_SIZE - 1
                 ? store_fund_application(sq->store, ref, take_draft, d, &err)
                 : FUND_UNKNOWN;
    if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else if (!d->found) {
        counted(sq);
        page_error(sq->rq, rs, 404,
                   "There is no application with that reference. Check it: it looks like "
                   "A-7KQ2M9XH4P.");
    }
    buf_free(&err);
    return rc == 0 && d->found;
}

/* ---- sent ------------------------------------------------------------------ */

static void sent_page(struct staff_request *sq, struct web_response *rs, const char *ref,
                      const char *closes, const char *on, bool eligible, const char *reasons)
{
    struct buf *b = &rs->body;
    buf_reset(b);
    page_head(b, sq->rq, "Application sent");
    page_main(b);
    buf_puts(b, "<h1>Application sent</h1>\n<p class=\"notice\" role=\"status\">We have your "
                "application. Your reference is <strong>");
    html_escape(b, ref);
    buf_puts(b, "</strong>; it was sent on ");
    iso_date(b, on);
    buf_puts(b, ". Quote the reference if you contact us about it.</p>\n");
    if (eligible) {
        buf_puts(b, "<p>It meets the round&#39;s rules. The Office&#39;s assessors score every "
                    "application against the round&#39;s criteria after the round closes on ");
        iso_date(b, closes);
        buf_puts(b, ", and we will tell you the decision.</p>\n");
    } else {
        buf_puts(b, "<p>It does not meet the round&#39;s rules, so it cannot be funded in this "
                    "round:</p>\n<ul>\n");
        for (const char *p = reasons; *p;) {
            size_t n = strcspn(p, "\n");
            buf_puts(b, "<li>");
            html_printf(b, "%.*s", (int)n, p);
            buf_puts(b, "</li>\n");
            p += n + (p[n] == '\n');
        }
        buf_puts(b, "</ul>\n<p>If you think this is wrong, contact the Office quoting your "
                    "reference.</p>\n");
    }
    buf_puts(b, "<p><a href=\"/grants\">The grants awarded</a></p>\n");
    page_end(b, sq->rq);
}

/* ---- saving and sending ---------------------------------------------------- */

/* Saves f (a new draft when ref is NULL) and, if it was sent, submits it:
 * a draft is answered by its private link (303), a sent one by what the
 * round's rules made of it. */
static void save(struct staff_request *sq, struct web_response *rs, const struct round_info *r,
                 const char *ref, const struct application_form *f, struct vault *v)
{
    struct buf err = BUF_INIT, reasons = BUF_INIT;
    struct fund_application a;
    application_form_to(f, r->key, &a);
    char saved[FUND_REF_SIZE], today[DATE_TEXT_SIZE];
    today_text(today);
    counted(sq);
    int rc = store_fund_apply(sq->store, v, ref, &a, &sq->by, saved, &err);
    bool eligible = false;
    if (rc == 0 && f->send)
        rc = store_fund_submit(sq->store, saved, today, &sq->by, &eligible, &reasons, &err);
    if (rc != 0) {
        web_error(sq->rq, rs, rc == FUND_FROZEN ? 409 : rc == FUND_BAD ? 400 : 500, buf_str(&err));
    } else if (f->send) {
        sent_page(sq, rs, saved, r->closes, today, eligible, buf_str(&reasons));
    } else {
        char path[64];
        snprintf(path, sizeof path, "/grants/application/%s?saved=1", saved);
        staff_redirect(rs, path);
    }
    buf_free(&err);
    buf_free(&reasons);
}

/* The POST of a form to round r (ref NULL: a new application): refused
 * when the round is not open, shown again with what is wrong, or saved. */
static void post_form(struct staff_request *sq, struct web_response *rs, const struct round_info *r,
                      const char *ref)
{
    struct buf why = BUF_INIT, err = BUF_INIT;
    if (window_refusal(r, &why)) {
        page_error(sq->rq, rs, 403, buf_str(&why));
        buf_free(&why);
        return;
    }
    struct fund_choices c;
    if (!load_choices(sq, rs, r, &c)) {
        fund_choices_free(&c);
        buf_free(&why);
        return;
    }
    struct vault *v = vault_open(sq->store, NULL, &sq->by, &err);
    int kept = v && ref ? store_fund_contact_given(v, ref, &err) : 0;
    struct application_form f;
    if (!v || kept < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        application_form_read(sq->form, &c, r->max_pence, kept == 1, &f);
        if (f.nerrors) {
            form_page(sq, rs, r, &c, ref, &f, kept == 1, NULL);
            rs->status = 400;
        } else {
            save(sq, rs, r, ref, &f, v);
        }
    }
    vault_close(v);
    fund_choices_free(&c);
    buf_free(&why);
    buf_free(&err);
}

/* ---- the handlers ---------------------------------------------------------- */

static const char *route_arg(const struct staff_request *sq)
{
    const struct web_match *m = sq->rq->match;
    return m->nargs >= 1 ? m->args[0] : NULL;
}

/* A reference as typed: spaces trimmed, letters upper-cased. */
static void typed_ref(const char *typed, char ref[FUND_REF_SIZE + 8])
{
    size_t n = 0;
    for (const char *p = typed; *p && n < FUND_REF_SIZE + 6; p++)
        if (!isspace((unsigned char)*p))
            ref[n++] = (char)toupper((unsigned char)*p);
    ref[n] = '\0';
}

void apply_rounds(struct staff_request *sq, struct web_response *rs)
{
    const char *typed = web_param(sq->rq->target, "ref");
    if (typed) {
        char ref[FUND_REF_SIZE + 8];
        typed_ref(typed, ref);
        struct draft d;
        if (may_write(sq, rs) && find_draft(sq, rs, ref, &d)) {
            char path[64];
            snprintf(path, sizeof path, "/grants/application/%s", d.ref);
            staff_redirect(rs, path);
            draft_free(&d);
        }
        return;
    }
    struct buf *b = &rs->body, list = BUF_INIT, err = BUF_INIT;
    buf_reset(b);
    page_head(b, sq->rq, "Apply for a grant");
    page_main(b);
    buf_puts(b, "<h1>Apply for a grant</h1>\n<p class=\"lead\">The Commissioner&#39;s Safety "
                "Fund gives local organisations grants for projects that prevent crime and "
                "protect vulnerable people. You can save your application and come back to it "
                "until the round closes.</p>\n<h2>Rounds open now</h2>\n");
    if (store_fund_rounds(sq->store, NULL, open_round_row, &list, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        if (list.len) {
            buf_puts(b, "<ul>\n");
            buf_append(b, list.p, list.len);
            buf_puts(b, "</ul>\n");
        } else {
            buf_puts(b, "<p>No round is open for applications now.</p>\n");
        }
        buf_puts(b, "<h2 id=\"return\">Come back to an application</h2>\n"
                    "<form method=\"get\" action=\"/grants/apply\" class=\"staff-form\">\n"
                    "<p><label for=\"ref\">Your reference</label>\n<span class=\"hint\" "
                    "id=\"ref-hint\">It looks like A-7KQ2M9XH4P.</span>\n<input type=\"text\" "
                    "id=\"ref\" name=\"ref\" maxlength=\"20\" spellcheck=\"false\" "
                    "autocapitalize=\"characters\" aria-describedby=\"ref-hint\"></p>\n"
                    "<p><button type=\"submit\">Find it</button></p>\n</form>\n");
        page_end(b, sq->rq);
    }
    buf_free(&list);
    buf_free(&err);
}

void apply_form(struct staff_request *sq, struct web_response *rs)
{
    struct round_info r;
    struct buf why = BUF_INIT;
    if (find_round(sq, rs, route_arg(sq), &r)) {
        if (window_refusal(&r, &why)) {
            page_error(sq->rq, rs, 403, buf_str(&why));
        } else {
            struct application_form f = {.amount_pence = -1};
            struct fund_choices c;
            if (load_choices(sq, rs, &r, &c))
                form_page(sq, rs, &r, &c, NULL, &f, false, NULL);
            fund_choices_free(&c);
        }
    }
    buf_free(&why);
}

void apply_create(struct staff_request *sq, struct web_response *rs)
{
    struct round_info r;
    if (may_write(sq, rs) && find_round(sq, rs, route_arg(sq), &r))
        post_form(sq, rs, &r, NULL);
}

void apply_draft(struct staff_request *sq, struct web_response *rs)
{
    struct draft d;
    struct round_info r;
    if (!find_draft(sq, rs, route_arg(sq), &d))
        return;
    if (find_round(sq, rs, d.round, &r)) {
        if (d.submitted_on) {
            sent_page(sq, rs, d.ref, r.closes, d.submitted_on, d.eligible == 1, d.reasons);
        } else {
            struct buf err = BUF_INIT, why = BUF_INIT;
            struct vault *v = vault_open(sq->store, NULL, &sq->by, &err);
            int kept = v ? store_fund_contact_given(v, d.ref, &err) : -1;
            struct application_form f;
            struct fund_choices c = {0};
            draft_form(&d, &f);
            if (kept < 0)
                web_error(sq->rq, rs, 500, buf_str(&err));
            else if (window_refusal(&r, &why))
                page_error(sq->rq, rs, 403, buf_str(&why));
            else if (load_choices(sq, rs, &r, &c))
                form_page(sq, rs, &r, &c, d.ref, &f, kept == 1,
                          web_param(sq->rq->target, "saved") ? "Saved. " : NULL);
            fund_choices_free(&c);
            vault_close(v);
            buf_free(&err);
            buf_free(&why);
        }
    }
    draft_free(&d);
}

void apply_update(struct staff_request *sq, struct web_response *rs)
{
    struct draft d;
    struct round_info r;
    if (!may_write(sq, rs) || !find_draft(sq, rs, route_arg(sq), &d))
        return;
    if (d.submitted_on)
        page_error(sq->rq, rs, 409,
                   "This application has been sent: it can no longer be changed. Contact the "
                   "Office quoting its reference.");
    else if (find_round(sq, rs, d.round, &r))
        post_form(sq, rs, &r, d.ref);
    draft_free(&d);
}
