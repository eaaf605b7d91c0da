/*
 * staff.h - the staff side of the site, under /staff: who may reach each
 * page, in one table, and what every staff request goes through. The
 * public concerns form (/concerns) goes through it too: it is the one
 * public page that writes.
 *
 * The route table (staff.c) is to the staff side what the command table is
 * to `peel`: each row names a method, a path, the roles that may use it
 * (role names, the data of table `role`; "*" for any signed-in account;
 * NULL for the sign-in page itself) and the handler. Nothing else decides
 * who may do what, so the table is the whole of the access policy and a
 * test walks every role against every row (tests/unit/test_staff.c).
 *
 * Every staff request, before its handler runs:
 *  - a method the row does not list is 405; a body on anything but a
 *    POST is 400;
 *  - a POST that a browser says another site started (Sec-Fetch-Site:
 *    cross-site) is 403, and its form is parsed (web/form.h);
 *  - the session cookie is looked up (web/session.h): none, an ended one or
 *    one timed out is no session;
 *  - a row needing a role: without a session, a GET is sent to the
 *    sign-in page (303) and a POST refused (403); with one, a role the row
 *    does not name is refused (403), saying which roles may;
 *  - a POST must carry the form's CSRF token (403 otherwise).
 * Staff pages are private (no-store, never cached, never shared with
 * other sites' scripts), and every change they make is audited by the
 * store function that makes it, with the account as actor and the client's
 * address as origin.
 */
#ifndef PEEL_WEB_STAFF_H
#define PEEL_WEB_STAFF_H

#include "store/sessions.h"
#include "web/form.h"
#include "web/request.h"
#include "web/session.h"

/* What a staff handler is given. */
struct staff_request {
    struct server_ctx *ctx;
    const struct web_request *rq; /* the target, the route's arguments, the client */
    const struct web_in *in;
    struct store *store;           /* the write connection, held for the request */
    const struct session *who;     /* NULL on the sign-in page */
    const char *token;             /* the session's token (NULL without a session) */
    char csrf[SESSION_TOKEN_SIZE]; /* the token this page's forms carry */
    const struct web_form *form;   /* a POST's fields (empty for a GET) */
    struct audit_origin by;        /* the account and the client's address */
};

typedef void (*staff_handler)(struct staff_request *sq, struct web_response *rs);

struct staff_route {
    const char *title;   /* for links to it (GET pages without arguments) */
    const char *method;  /* "GET" (HEAD too) or "POST" */
    const char *pattern; /* as router.h's, "/staff/..." */
    enum web_format format;
    unsigned suffixes;
    const char *roles; /* space-separated role names; "*" any account; NULL: no sign-in */
    staff_handler handler;
};

/* The route table, for tests and the staff home page's links. */
const struct staff_route *staff_routes(size_t *n);
/* Whether an account of this role may use the route. */
bool staff_role_allowed(const struct staff_route *r, const char *role);

/* Whether the route is a page to link to for this role (a GET with no
 * arguments that the role may use). */
bool staff_linked(const struct staff_route *r, const char *role);

/* Whether the signed-in reader's role may use the route with this method
 * and pattern (for showing only the forms that will be accepted). */
bool staff_may(const struct staff_request *sq, const char *method, const char *pattern);

/* Whether a raw request target is under /staff, or is the public concerns
 * form or the grant application form (/grants/apply, /grants/application):
 * the server reads a POST's body only for these. */
bool staff_target(const char *raw, size_t n);

/* Answers a request under /staff (rq->target parsed). */
void staff_handle(struct server_ctx *ctx, const struct web_in *in, const struct web_request *rq,
                  struct web_response *rs);

/* The staff pages' layout: the page from <!doctype html> to <main>, with
 * who is signed in and a sign-out button; then page_end (page.h). */
void staff_page_begin(struct buf *b, const struct staff_request *sq, const char *title);
/* A hidden input carrying the page's CSRF token, for every form. */
void staff_csrf_field(struct buf *b, const struct staff_request *sq);
/* A 303 to path (a literal path of this site). */
void staff_redirect(struct web_response *rs, const char *path);

/* A new token for a form shown to someone not signed in (the sign-in
 * form, the public concerns form), as the form's CSRF token and a cookie
 * it is checked against (a double submit). */
void staff_new_form_token(struct staff_request *sq, struct web_response *rs);

/* The public concerns form (page_concerns.c): served through this table
 * because it writes; each address may send CONCERNS_PER_CLIENT an hour
 * (context.h). */
void concern_form_page(struct staff_request *sq, struct web_response *rs);
void concern_send(struct staff_request *sq, struct web_response *rs);
void concern_statistics(struct staff_request *sq, struct web_response *rs);
void concern_statistics_categories(struct staff_request *sq, struct web_response *rs);
/* The public grant application form (page_apply.c): served through this
 * table because it writes; each address may save or send
 * APPLICATIONS_PER_CLIENT an hour (context.h). */
void apply_rounds(struct staff_request *sq, struct web_response *rs);
void apply_form(struct staff_request *sq, struct web_response *rs);
void apply_create(struct staff_request *sq, struct web_response *rs);
void apply_draft(struct staff_request *sq, struct web_response *rs);
void apply_update(struct staff_request *sq, struct web_response *rs);
/* The Safety Fund's assessment (staff_grants.c). */
void staff_grants(struct staff_request *sq, struct web_response *rs);
void staff_grant_round(struct staff_request *sq, struct web_response *rs);
void staff_application(struct staff_request *sq, struct web_response *rs);
void staff_application_conflict(struct staff_request *sq, struct web_response *rs);
void staff_application_score(struct staff_request *sq, struct web_response *rs);
void staff_application_moderate(struct staff_request *sq, struct web_response *rs);
/* After a change of the fund: to path, or the refusal's page with its
 * status (staff_grants.c). */
void staff_fund_answer(struct staff_request *sq, struct web_response *rs, const char *path, int rc,
                       const struct buf *err);
/* A round's applications allocated to assessors (staff_allocate.c): the
 * form, on the round's page for the roles that may (0, or -1 with err),
 * and its POST. */
int staff_grant_allocate_form(struct buf *b, const struct staff_request *sq, const char *round,
                              struct buf *err);
void staff_grant_allocate(struct staff_request *sq, struct web_response *rs);
/* An assessor's allocated applications (staff_marking.c). */
void staff_marking(struct staff_request *sq, struct web_response *rs);
/* After an award: payments and monitoring returns (staff_awards.c). */
void staff_award(struct staff_request *sq, struct web_response *rs);
void staff_award_pay(struct staff_request *sq, struct web_response *rs);
void staff_award_reverse(struct staff_request *sq, struct web_response *rs);
void staff_award_return_due(struct staff_request *sq, struct web_response *rs);
void staff_award_return(struct staff_request *sq, struct web_response *rs);
/* The casework (staff_concerns.c). */
void staff_concerns(struct staff_request *sq, struct web_response *rs);
void staff_concern(struct staff_request *sq, struct web_response *rs);
void staff_concern_event(struct staff_request *sq, struct web_response *rs);
void staff_concern_categorise(struct staff_request *sq, struct web_response *rs);
void staff_concern_personal(struct staff_request *sq, struct web_response *rs);
void staff_concern_access(struct staff_request *sq, struct web_response *rs);
void staff_concern_misdirected(struct staff_request *sq, struct web_response *rs);
/* Letters drafted from templates (staff_letters.c): the section of a
 * case's page, and its form's answer. */
void staff_letters_section(struct buf *b, const struct staff_request *sq, const char *ref);
void staff_concern_letter(struct staff_request *sq, struct web_response *rs);
/* The contracts register (staff_contract_pages.c) and a contract's
 * redacted copy attached (staff_contracts.c). */
void staff_contracts(struct staff_request *sq, struct web_response *rs);
void staff_contract(struct staff_request *sq, struct web_response *rs);
void staff_contract_copy_form(struct staff_request *sq, struct web_response *rs);
void staff_contract_copy(struct staff_request *sq, struct web_response *rs);
/* Its funding source and the plan's missions served (staff_contracts.c). */
void staff_contract_plan_form(struct staff_request *sq, struct web_response *rs);
void staff_contract_plan(struct staff_request *sq, struct web_response *rs);
/* Long-running investigations (staff_investigations.c). */
void staff_investigations(struct staff_request *sq, struct web_response *rs);
void staff_investigation_add(struct staff_request *sq, struct web_response *rs);
void staff_investigation_event(struct staff_request *sq, struct web_response *rs);

/* The handlers (staff_pages.c). */
void staff_signin_form(struct staff_request *sq, struct web_response *rs);
void staff_signin(struct staff_request *sq, struct web_response *rs);
void staff_signout(struct staff_request *sq, struct web_response *rs);
void staff_home(struct staff_request *sq, struct web_response *rs);
void staff_audit(struct staff_request *sq, struct web_response *rs);
/* The accounts (staff_accounts.c). */
void staff_accounts(struct staff_request *sq, struct web_response *rs);
void staff_account_add(struct staff_request *sq, struct web_response *rs);
void staff_account_reset(struct staff_request *sq, struct web_response *rs);
void staff_account_reset_2fa(struct staff_request *sq, struct web_response *rs);
void staff_account_disable(struct staff_request *sq, struct web_response *rs);
void staff_account_role(struct staff_request *sq, struct web_response *rs);
void staff_clocks(struct staff_request *sq, struct web_response *rs); /* staff_clocks.c */
/* The decision register (staff_decisions.c, staff_decision_actions.c). */
void staff_decisions(struct staff_request *sq, struct web_response *rs);
void staff_decision(struct staff_request *sq, struct web_response *rs);
void staff_decision_new_form(struct staff_request *sq, struct web_response *rs);
void staff_decision_create(struct staff_request *sq, struct web_response *rs);
void staff_decision_edit_form(struct staff_request *sq, struct web_response *rs);
void staff_decision_edit(struct staff_request *sq, struct web_response *rs);
void staff_decision_signoff(struct staff_request *sq, struct web_response *rs);
void staff_decision_decide(struct staff_request *sq, struct web_response *rs);
void staff_decision_publish(struct staff_request *sq, struct web_response *rs);
void staff_decision_withhold(struct staff_request *sq, struct web_response *rs);
void staff_decision_exempt(struct staff_request *sq, struct web_response *rs);
void staff_decision_review(struct staff_request *sq, struct web_response *rs);
/* The exempt parts due for review, for the staff home page. */
void staff_reviews_summary(struct buf *b, struct staff_request *sq);
void staff_decision_correct_form(struct staff_request *sq, struct web_response *rs);
void staff_decision_correct(struct staff_request *sq, struct web_response *rs);
void staff_decision_rescind(struct staff_request *sq, struct web_response *rs);
void staff_decision_document(struct staff_request *sq, struct web_response *rs);
void staff_upload(struct staff_request *sq, struct web_response *rs); /* staff_uploads.c */
/* The Commissioner's annual complaints report (staff_complaints_report.c). */
void staff_complaints_report_latest(struct staff_request *sq, struct web_response *rs);
void staff_complaints_report(struct staff_request *sq, struct web_response *rs);
void staff_complaints_report_save(struct staff_request *sq, struct web_response *rs);
/* The report made and published as its first immutable version (what
 * peel report complaints and peel publish make), audited. */
void staff_complaints_report_publish(struct staff_request *sq, struct web_response *rs);
/* The HMICFRS register (staff_hmicfrs.c). */
void staff_hmicfrs(struct staff_request *sq, struct web_response *rs);
void staff_hmicfrs_add(struct staff_request *sq, struct web_response *rs);
void staff_hmicfrs_comment(struct staff_request *sq, struct web_response *rs);
void staff_hmicfrs_respond(struct staff_request *sq, struct web_response *rs);
void staff_hmicfrs_publish(struct staff_request *sq, struct web_response *rs);
/* The registers of interests, gifts and salaries (staff_registers.c). */
void staff_registers(struct staff_request *sq, struct web_response *rs);
void staff_register_new_form(struct staff_request *sq, struct web_response *rs);
void staff_register_add(struct staff_request *sq, struct web_response *rs);
void staff_register_entry(struct staff_request *sq, struct web_response *rs);
void staff_register_change(struct staff_request *sq, struct web_response *rs);
void staff_register_withdraw(struct staff_request *sq, struct web_response *rs);
struct upload;
/* An upload as the response (staff's or the public's): its bytes, its
 * kind's one media type, an attachment, immutable by its SHA-256. */
void upload_response(struct web_response *rs, const struct upload *u);
/* The account's own page: two-step sign-in (staff_account.c). */
void staff_account(struct staff_request *sq, struct web_response *rs);
void staff_account_totp(struct staff_request *sq, struct web_response *rs);
void staff_account_totp_confirm(struct staff_request *sq, struct web_response *rs);
void staff_account_totp_remove(struct staff_request *sq, struct web_response *rs);
void staff_account_password(struct staff_request *sq, struct web_response *rs);
/* The staff home page's count of deadlines overdue and near. */
void staff_clocks_summary(struct buf *b, struct staff_request *sq);

#endif
