/*
 * staff_grants.c - the Safety Fund's assessment on the staff side (issue
 * 18; store/fund_apply.h):
 *
 *   /staff/grants                    every round, to the Office
 *   /staff/grants/ROUND              its applications, each with its
 *                                    weighted score against the round's
 *                                    threshold (fixed before it opened)
 *   /staff/applications/REF          one application: what it asks, its
 *                                    eligibility and reasons, the rubric,
 *                                    and the forms to declare a conflict,
 *                                    score a criterion and moderate
 *
 * Each assessor scores as the account signed in, never as another, and an
 * assessor who declared a conflict with an application cannot score it
 * (the store, and the database's trigger, refuse it). Assessors see only
 * their own scores, so that marking is independent; the moderators see
 * every score and record the agreed score of each criterion with why it
 * moved. Who may do which is the route table's (staff.c). The contact
 * person is never here: it is in the vault, read by casework alone.
 */
#include "model/money.h"
#include "store/fund.h"
#include "store/fund_apply.h"
#include "util/html.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define G  "/staff/grants"
#define SA "/staff/applications"

static const char *route_arg(const struct staff_request *sq)
{
    const struct web_match *m = sq->rq->match;
    return m->nargs >= 1 ? m->args[0] : "";
}

static void money(struct buf *b, int64_t pence)
{
    char text[MONEY_TEXT_SIZE];
    money_format(pence, true, text);
    html_escape(b, text);
}

/* ---- the rounds and their applications ------------------------------------- */

static void round_row(void *arg, const struct fund_round_view *v)
{
    struct buf *b = arg;
    buf_puts(b, "<tr><td><a href=\"" G "/");
    url_encode(b, v->r.key);
    buf_puts(b, "\">");
    html_escape(b, v->r.title);
    buf_puts(b, "</a></td><td>");
    html_printf(b, "%s to %s", v->r.opens_on, v->r.closes_on);
    buf_puts(b, v->opened_at ? "</td><td>open" : "</td><td>being set up");
    buf_printf(b, "</td><td>%d.%02d%%</td></tr>\n", v->r.threshold_bp / 100,
               v->r.threshold_bp % 100);
}

void staff_grants(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    staff_page_begin(b, sq, "Grant rounds");
    buf_puts(b, "<h1>Grant rounds</h1>\n<table>\n<caption>Every round of the Safety "
                "Fund</caption>\n<thead><tr><th scope=\"col\">Round</th><th scope=\"col\">Dates"
                "</th><th scope=\"col\">State</th><th scope=\"col\">Threshold</th></tr></thead>"
                "\n<tbody>\n");
    if (store_fund_rounds(sq->store, NULL, round_row, b, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        buf_puts(b, "</tbody>\n</table>\n");
        page_end(b, sq->rq);
    }
    buf_free(&err);
}

struct results {
    struct buf *b;
    bool moderator; /* sees provisional scores, before moderation */
};

/* The weighted score and whether it meets the threshold: final once every
 * criterion is moderated; before, only a moderator sees it, marked
 * provisional, and no one is told whether it meets the threshold (LLR's
 * officers moderated their marks, and only then applied the threshold). */
static void score_cells(struct buf *b, const struct fund_result *r, bool moderator)
{
    if (r->percent < 0)
        buf_puts(b, "not yet scored</td><td>");
    else if (r->final)
        buf_printf(b, "%.1f%%</td><td>%s", r->percent, r->meets ? "yes" : "no");
    else if (moderator)
        buf_printf(b,
                   "provisional: %.1f%% (%ld of %ld criteria moderated)</td><td>after "
                   "moderation",
                   r->percent, r->moderated, r->criteria);
    else
        buf_printf(b,
                   "after moderation (%ld of %ld criteria moderated)</td><td>after "
                   "moderation",
                   r->moderated, r->criteria);
}

static void result_row(void *arg, const struct fund_result *r)
{
    struct results *rs = arg;
    struct buf *b = rs->b;
    buf_puts(b, "<tr><td><a href=\"" SA "/");
    url_encode(b, r->ref);
    buf_puts(b, "\">");
    html_escape(b, r->ref);
    buf_puts(b, "</a></td><td>");
    html_escape(b, r->org_name);
    buf_puts(b, "</td><td>");
    money(b, r->amount_pence);
    buf_puts(b, "</td><td>");
    buf_puts(b, r->eligible == 1 ? "eligible" : r->eligible == 0 ? "not eligible" : "draft");
    buf_printf(b, "</td><td>%ld</td><td>%ld</td><td>", r->scores, r->moderated);
    score_cells(b, r, rs->moderator);
    buf_puts(b, "</td></tr>\n");
}

static void award_item(void *arg, const struct fund_award_view *a)
{
    struct buf *b = arg;
    char ref[64];
    snprintf(ref, sizeof ref, "%s-%d", a->round, a->number);
    buf_puts(b, "<li><a href=\"/staff/awards/");
    url_encode(b, ref);
    buf_puts(b, "\">");
    html_escape(b, ref);
    buf_puts(b, "</a>: ");
    html_escape(b, a->recipient);
    buf_puts(b, ", ");
    money(b, a->amount_pence);
    buf_puts(b, "</li>\n");
}

void staff_grant_round(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, rows = BUF_INIT, err = BUF_INIT;
    const char *round = route_arg(sq);
    staff_page_begin(b, sq, "A grant round");
    buf_puts(b, "<h1>Applications to round ");
    html_escape(b, round);
    buf_puts(b, "</h1>\n<p>Each application&#39;s weighted score: for each criterion the "
                "moderated score, else the mean of the assessors&#39; scores, over its top "
                "score, weighted by the criteria&#39;s weights. The score is final once every "
                "criterion is moderated, and only then compared with the round&#39;s "
                "threshold, fixed before the round opened; until then the moderators see it "
                "marked provisional and the assessors do not see it, so that their marks "
                "stay their own.</p>\n");
    struct results res = {&rows, staff_may(sq, "POST", SA "/:ref/moderate")};
    if (store_fund_results(sq->store, round, result_row, &res, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        page_scroll_begin(b, "Applications and their scores");
        buf_puts(b, "<table>\n<caption>Applications and their scores</caption>\n<thead><tr>"
                    "<th scope=\"col\">Reference</th><th scope=\"col\">Organisation</th>"
                    "<th scope=\"col\">Amount</th><th scope=\"col\">Eligibility</th>"
                    "<th scope=\"col\">Scores</th><th scope=\"col\">Moderated</th>"
                    "<th scope=\"col\">Weighted score</th><th scope=\"col\">Meets the "
                    "threshold</th></tr></thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody>\n</table>\n");
        page_scroll_end(b);
        buf_reset(&rows);
        if (store_fund_awards(sq->store, round, false, award_item, &rows, &err) == 0 && rows.len)
            buf_printf(b,
                       "<h2>Awards</h2>\n<p>Their payments and monitoring returns:</p>\n"
                       "<ul>\n%s</ul>\n",
                       buf_str(&rows));
        if (staff_grant_allocate_form(b, sq, round, &err) < 0)
            web_error(sq->rq, rs, 500, buf_str(&err));
        else
            page_end(b, sq->rq);
    }
    buf_free(&rows);
    buf_free(&err);
}

/* ---- one application -------------------------------------------------------- */

struct app_page {
    struct buf *b;
    const struct staff_request *sq;
    bool found, all; /* all: the reader sees every assessor's scores */
    char round[64];
    const struct fund_choices *choices; /* the round's, as the store checks them */
};

static void fact(struct buf *b, const char *term, const char *value)
{
    buf_puts(b, "<dt>");
    buf_puts(b, term);
    buf_puts(b, "</dt><dd>");
    html_escape(b, value && *value ? value : "(not given)");
    buf_puts(b, "</dd>\n");
}

/* A district, partnership or priorities fact (only: an application with
 * just that field), said plainly when the value is no longer among the
 * round's choices (fund_choices_check: a draft saved before they were
 * choices, or the lookup or the round changed since). */
static void choice_fact(struct app_page *p, const char *term, const char *value,
                        const struct fund_application *only, bool draft)
{
    struct buf why = BUF_INIT;
    buf_printf(p->b, "<dt>%s</dt><dd>", term);
    html_escape(p->b, value && *value ? value : "(not given)");
    if (value && *value && fund_choices_check(p->choices, only, &why) == FUND_BAD) {
        buf_puts(p->b, " <strong>No longer one of the round's choices");
        buf_puts(p->b, draft ? ": the applicant must choose again before sending it" : "");
        buf_puts(p->b, ".</strong> ");
        html_escape(p->b, buf_str(&why));
    }
    buf_puts(p->b, "</dd>\n");
    buf_free(&why);
}

static void app_facts(void *arg, const struct fund_application_view *v)
{
    struct app_page *p = arg;
    struct buf *b = p->b;
    p->found = true;
    snprintf(p->round, sizeof p->round, "%s", v->a.round);
    buf_puts(b, "<dl class=\"facts\">\n");
    fact(b, "Round", v->a.round);
    fact(b, "Organisation", v->a.org_name);
    fact(b, "Kind", v->a.org_type);
    fact(b, "Identifier", v->a.org_id);
    buf_puts(b, "<dt>Amount</dt><dd>");
    money(b, v->a.amount_pence);
    buf_puts(b, "</dd>\n");
    bool draft = !v->submitted_on;
    choice_fact(p, "District", v->a.district, &(struct fund_application){.district = v->a.district},
                draft);
    /* by its name, also when it was stored by its code */
    const char *csp = fund_choices_csp(p->choices, v->a.csp_code);
    choice_fact(p, "Partnership", csp ? csp : v->a.csp_code,
                &(struct fund_application){.csp_code = v->a.csp_code}, draft);
    fact(b, "Project", v->a.project);
    choice_fact(p, "Priorities", v->a.priorities,
                &(struct fund_application){.priorities = v->a.priorities}, draft);
    fact(b, "Outcomes", v->a.outcomes);
    fact(b, "Budget", v->a.budget_lines);
    fact(b, "Sent on", v->submitted_on ? v->submitted_on : "not yet: a draft");
    fact(b, "Eligibility", v->eligible == 1 ? "eligible" : v->eligible == 0 ? "not eligible" : "");
    fact(b, "Reasons", v->reasons);
    buf_puts(b, "</dl>\n");
}

static void assessment_row(void *arg, const struct fund_assessment_view *v)
{
    struct app_page *p = arg;
    if (strcmp(v->kind, "score") == 0 && !p->all && strcmp(v->who, p->sq->who->username) != 0)
        return; /* another assessor's mark: independent until moderation */
    buf_puts(p->b, "<tr><td>");
    html_escape(p->b, v->kind);
    buf_puts(p->b, "</td><td>");
    html_escape(p->b, v->who);
    buf_puts(p->b, "</td><td>");
    html_escape(p->b, v->criterion ? v->criterion : "");
    buf_puts(p->b, "</td><td>");
    if (v->score >= 0)
        buf_printf(p->b, "%d", v->score);
    buf_puts(p->b, "</td><td>");
    html_escape(p->b, v->text);
    buf_puts(p->b, "</td><td>");
    html_escape(p->b, v->at);
    buf_puts(p->b, "</td></tr>\n");
}

static void criterion_option(void *arg, const struct fund_criterion_view *c)
{
    struct buf *b = arg;
    buf_puts(b, "<option value=\"");
    html_escape(b, c->key);
    buf_puts(b, "\">");
    html_printf(b, "%s (weight %d, top score %d)", c->title, c->weight, c->max_score);
    buf_puts(b, "</option>\n");
}

static void form_open(struct buf *b, const struct staff_request *sq, const char *ref,
                      const char *action)
{
    buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"" SA "/");
    url_encode(b, ref);
    buf_printf(b, "/%s\">\n", action);
    staff_csrf_field(b, sq);
}

/* A criterion, a score and a text (its name and label) for a score or a
 * moderation. */
static void score_fields(struct buf *b, const char *options, const char *id, const char *text,
                         const char *label)
{
    buf_printf(b,
               "<p><label for=\"%s-criterion\">Criterion</label>\n<select id=\"%s-criterion\" "
               "name=\"criterion\" required>\n%s</select></p>\n<p><label for=\"%s-score\">"
               "Score</label>\n<input type=\"number\" id=\"%s-score\" name=\"score\" min=\"0\" "
               "max=\"100\" required></p>\n<p><label for=\"%s-%s\">%s</label>\n<textarea "
               "id=\"%s-%s\" name=\"%s\" rows=\"3\"></textarea></p>\n",
               id, id, options, id, id, id, text, label, id, text, text);
}

static void app_forms(struct buf *b, const struct staff_request *sq, const char *ref,
                      const char *options)
{
    if (staff_may(sq, "POST", SA "/:ref/conflict")) {
        buf_puts(b, "<h2>Declare a conflict</h2>\n<p>Declare any interest in this application "
                    "before scoring it; once declared, you cannot score it.</p>\n");
        form_open(b, sq, ref, "conflict");
        buf_puts(b, "<p><label for=\"nature\">The interest</label>\n<textarea id=\"nature\" "
                    "name=\"nature\" rows=\"3\" required></textarea></p>\n<p><button "
                    "type=\"submit\">Declare it</button></p>\n</form>\n");
    }
    if (staff_may(sq, "POST", SA "/:ref/score")) {
        buf_puts(b, "<h2>Score it</h2>\n");
        form_open(b, sq, ref, "score");
        score_fields(b, options, "s", "comment", "Comment (optional)");
        buf_puts(b, "<p><button type=\"submit\">Save the score</button></p>\n</form>\n");
    }
    if (staff_may(sq, "POST", SA "/:ref/moderate")) {
        buf_puts(b, "<h2>Moderate</h2>\n");
        form_open(b, sq, ref, "moderate");
        score_fields(b, options, "m", "reason", "Why the agreed score is what it is");
        buf_puts(b, "<p><button type=\"submit\">Record the agreed score</button></p>\n</form>\n");
    }
}

void staff_application(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, rows = BUF_INIT, options = BUF_INIT, err = BUF_INIT;
    const char *ref = route_arg(sq);
    struct app_page p = {.b = b, .sq = sq, .all = staff_may(sq, "POST", SA "/:ref/moderate")};
    staff_page_begin(b, sq, "An application");
    buf_puts(b, "<h1>Application ");
    html_escape(b, ref);
    buf_puts(b, "</h1>\n");
    struct fund_choices choices;
    int rc = store_fund_choices(sq->store, ref, &choices, &err);
    p.choices = &choices;
    if (rc == 0)
        rc = store_fund_application(sq->store, ref, app_facts, &p, &err);
    struct app_page rp = p;
    rp.b = &rows;
    if (rc == 0)
        rc = store_fund_assessments(sq->store, ref, assessment_row, &rp, &err);
    if (rc == 0)
        rc = store_fund_criteria(sq->store, p.round, criterion_option, &options, &err);
    if (rc == FUND_UNKNOWN) {
        page_error(sq->rq, rs, 404, "There is no application with that reference.");
    } else if (rc != 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        buf_puts(b, "<h2>Assessment</h2>\n");
        page_scroll_begin(b, "Conflicts, scores and moderation");
        buf_puts(b, "<table>\n<caption>Conflicts, scores and moderation");
        buf_puts(b, p.all ? "" : " (your own scores only, until moderation)");
        buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">What</th><th scope=\"col\">Who"
                    "</th><th scope=\"col\">Criterion</th><th scope=\"col\">Score</th><th "
                    "scope=\"col\">Note</th><th scope=\"col\">When</th></tr></thead>\n<tbody>\n");
        buf_append(b, rows.p, rows.len);
        buf_puts(b, "</tbody>\n</table>\n");
        page_scroll_end(b);
        app_forms(b, sq, ref, buf_str(&options));
        page_end(b, sq->rq);
    }
    fund_choices_free(&choices);
    buf_free(&rows);
    buf_free(&options);
    buf_free(&err);
}

/* ---- the changes ------------------------------------------------------------ */

/* Back to path after a change of the fund, or why not: no such thing,
 * 404; refused as it stands (a conflicted assessor's score, a payment
 * over its award or before the decision, a thing done already), 409; a
 * field wrong (a score outside the rubric, of an ineligible application),
 * 400. */
void staff_fund_answer(struct staff_request *sq, struct web_response *rs, const char *path, int rc,
                       const struct buf *err)
{
    if (rc == FUND_OK)
        staff_redirect(rs, path);
    else if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(err));
    else
        page_error(sq->rq, rs,
                   rc == FUND_UNKNOWN ? 404
                   : rc == FUND_CONFLICTED || rc == FUND_OVER || rc == FUND_NOT_OPEN ||
                           rc == FUND_TAKEN || rc == FUND_FROZEN
                       ? 409
                       : 400,
                   buf_str(err));
}

static void answer(struct staff_request *sq, struct web_response *rs, const char *ref, int rc,
                   const struct buf *err)
{
    char path[96];
    snprintf(path, sizeof path, SA "/%s", ref);
    staff_fund_answer(sq, rs, path, rc, err);
}

static const char *text(const struct staff_request *sq, const char *name)
{
    const char *v = web_form_value(sq->form, name);
    return v ? v : "";
}

/* The form's score, or -1 when it is not a whole number from 0. */
static int score(const struct staff_request *sq)
{
    const char *v = text(sq, "score");
    size_t n = strlen(v);
    return n && n <= 3 && strspn(v, "0123456789") == n ? (int)strtol(v, NULL, 10) : -1;
}

void staff_application_conflict(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *ref = route_arg(sq);
    answer(
        sq, rs, ref,
        store_fund_conflict(sq->store, ref, sq->who->username, text(sq, "nature"), &sq->by, &err),
        &err);
    buf_free(&err);
}

void staff_application_score(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *ref = route_arg(sq);
    int s = score(sq);
    int rc = s < 0 ? (buf_puts(&err, "The score is a whole number from 0."), FUND_BAD)
                   : store_fund_score(sq->store, ref, sq->who->username, text(sq, "criterion"), s,
                                      text(sq, "comment"), &sq->by, &err);
    answer(sq, rs, ref, rc, &err);
    buf_free(&err);
}

void staff_application_moderate(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    const char *ref = route_arg(sq);
    int s = score(sq);
    int rc = s < 0 ? (buf_puts(&err, "The score is a whole number from 0."), FUND_BAD)
                   : store_fund_moderate(sq->store, ref, text(sq, "criterion"), s,
                                         text(sq, "reason"), &sq->by, &err);
    answer(sq, rs, ref, rc, &err);
    buf_free(&err);
}
