/*
 * staff.c - the staff side's route table and what every staff request
 * goes through (see staff.h).
 */
#include "web/staff.h"
#include "model/register.h"
#include "store/fund_allocate.h"
#include "util/html.h"
#include "web/page.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The Office's own people, who work to its deadlines: not Panel members,
 * nor the administrator (accounts, not case work). */
#define OFFICE "officer finance-officer monitoring-officer commissioner deputy auditor"
/* The decision register's roles, as model/decision.h has them (the store
 * checks them again; tests/unit/test_staff.c checks the two agree). */
#define DRAFTERS   "officer finance-officer monitoring-officer commissioner deputy"
#define SIGNERS    "finance-officer monitoring-officer"
#define DECIDERS   "commissioner deputy"
#define EXEMPTERS  "monitoring-officer commissioner"
#define CORRECTORS "commissioner deputy monitoring-officer"
#define D          "/staff/decisions"
/* Casework: who reads the case data, who works the cases and reads the
 * people's details (every read audited, store/vault.h). */
#define CASE_READERS "officer monitoring-officer commissioner deputy auditor"
#define CASEWORKERS  "officer monitoring-officer"
#define CC           "/staff/concerns"
/* The Safety Fund's assessment: officers mark each application against
 * the round's rubric; a senior officer moderates, seeing every mark. */
#define ASSESSORS  FUND_ASSESSOR_ROLES
#define MODERATORS "monitoring-officer deputy"
/* Who gives a round's applications to its assessors: the moderators, who
 * run the round's assessment. */
#define ALLOCATORS MODERATORS
#define SA         "/staff/applications"
/* The contracts register's redacted copies: finance, as `peel contracts
 * attach` (cli/staff_args.h's CLI_FINANCE). */
#define FINANCE "finance-officer commissioner"
/* After an award: the finance officer pays; officers ask for and record
 * monitoring returns. */
#define PAYERS   "finance-officer"
#define MONITORS "officer monitoring-officer"
#define AW       "/staff/awards"
/* Accounts: the administrator changes them; the auditor reads them too. */
#define ADMINS "administrator"
#define AC     "/staff/accounts"
/* The registers of interests, gifts and salaries: the Office reads them,
 * their keepers record (model/register.h, as on the command line). */
#define RG "/staff/registers"

/* Who may do what: the whole access policy of the staff side. */
static const struct staff_route routes[] = {
    {"Sign in", "GET", "/staff/sign-in", WEB_HTML, 0, NULL, staff_signin_form},
    {"Sign in", "POST", "/staff/sign-in", WEB_HTML, 0, NULL, staff_signin},
    {"Sign out", "POST", "/staff/sign-out", WEB_HTML, 0, "*", staff_signout},
    {"Staff home", "GET", "/staff", WEB_HTML, 0, "*", staff_home},
    {"Your account", "GET", "/staff/account", WEB_HTML, 0, "*", staff_account},
    {"Two-step sign-in", "POST", "/staff/account/totp", WEB_HTML, 0, "*", staff_account_totp},
    {"Two-step sign-in", "POST", "/staff/account/totp/confirm", WEB_HTML, 0, "*",
     staff_account_totp_confirm},
    {"Two-step sign-in", "POST", "/staff/account/totp/remove", WEB_HTML, 0, "*",
     staff_account_totp_remove},
    {"Your password", "POST", "/staff/account/password", WEB_HTML, 0, "*", staff_account_password},
    {"Deadlines", "GET", "/staff/clocks", WEB_HTML, 0, OFFICE, staff_clocks},
    {"Decisions", "GET", D, WEB_HTML, 0, OFFICE, staff_decisions},
    {"Start a decision", "GET", D "/new", WEB_HTML, 0, DRAFTERS, staff_decision_new_form},
    {"Start a decision", "POST", D "/new", WEB_HTML, 0, DRAFTERS, staff_decision_create},
    {"A decision", "GET", D "/:slug", WEB_HTML, 0, OFFICE, staff_decision},
    {"Edit a draft", "GET", D "/:slug/edit", WEB_HTML, 0, DRAFTERS, staff_decision_edit_form},
    {"Edit a draft", "POST", D "/:slug/edit", WEB_HTML, 0, DRAFTERS, staff_decision_edit},
    {"Sign off", "POST", D "/:slug/signoff", WEB_HTML, 0, SIGNERS, staff_decision_signoff},
    {"Decide", "POST", D "/:slug/decide", WEB_HTML, 0, DECIDERS, staff_decision_decide},
    {"Publish", "POST", D "/:slug/publish", WEB_HTML, 0, DRAFTERS, staff_decision_publish},
    {"Withhold", "POST", D "/:slug/withhold", WEB_HTML, 0, EXEMPTERS, staff_decision_withhold},
    {"Exempt part", "POST", D "/:slug/exempt", WEB_HTML, 0, EXEMPTERS, staff_decision_exempt},
    {"Review an exempt part", "POST", D "/:slug/review", WEB_HTML, 0, EXEMPTERS,
     staff_decision_review},
    {"Correct", "GET", D "/:slug/correct", WEB_HTML, 0, CORRECTORS, staff_decision_correct_form},
    {"Correct", "POST", D "/:slug/correct", WEB_HTML, 0, CORRECTORS, staff_decision_correct},
    {"Rescind", "POST", D "/:slug/rescind", WEB_HTML, 0, DECIDERS, staff_decision_rescind},
    {"Add a document", "POST", D "/:slug/document", WEB_HTML, 0, DRAFTERS, staff_decision_document},
    {"A file", "GET", "/staff/uploads/:sha256", WEB_HTML, 0, OFFICE, staff_upload},
    /* the HMICFRS register: the drafters record, the Commissioner publishes */
    {"HMICFRS reports", "GET", "/staff/hmicfrs", WEB_HTML, 0, OFFICE, staff_hmicfrs},
    {"Record a report", "POST", "/staff/hmicfrs/new", WEB_HTML, 0, DRAFTERS, staff_hmicfrs_add},
    {"Chief constable's comments", "POST", "/staff/hmicfrs/:ref/comment", WEB_HTML, 0, DRAFTERS,
     staff_hmicfrs_comment},
    {"Respond", "POST", "/staff/hmicfrs/:ref/respond", WEB_HTML, 0, DRAFTERS,
     staff_hmicfrs_respond},
    {"Publish a response", "POST", "/staff/hmicfrs/:ref/publish", WEB_HTML, 0, "commissioner",
     staff_hmicfrs_publish},
    /* the registers of interests, gifts and salaries (staff_registers.c) */
    {"Registers", "GET", RG, WEB_HTML, 0, OFFICE, staff_registers},
    {"Add a register entry", "GET", RG "/:kind/new", WEB_HTML, 0, REG_KEEPERS,
     staff_register_new_form},
    {"Add a register entry", "POST", RG "/:kind/new", WEB_HTML, 0, REG_KEEPERS, staff_register_add},
    {"A register entry", "GET", RG "/:kind/:ref", WEB_HTML, 0, OFFICE, staff_register_entry},
    {"Change a register entry", "POST", RG "/:kind/:ref", WEB_HTML, 0, REG_KEEPERS,
     staff_register_change},
    {"Withdraw a register entry", "POST", RG "/:kind/:ref/withdraw", WEB_HTML, 0, REG_KEEPERS,
     staff_register_withdraw},
    /* the public concerns form and statistics (page_concerns.c) */
    {"Raise a concern", "GET", "/concerns", WEB_HTML, 0, NULL, concern_form_page},
    {"Raise a concern", "POST", "/concerns", WEB_HTML, 0, NULL, concern_send},
    {"Concerns statistics", "GET", "/concerns/statistics", WEB_HTML, 0, NULL, concern_statistics},
    {"Concerns statistics as CSV", "GET", "/concerns/statistics.csv", WEB_CSV, 0, NULL,
     concern_statistics},
    {"Reviews by category as CSV", "GET", "/concerns/statistics/categories.csv", WEB_CSV, 0, NULL,
     concern_statistics_categories},
    /* the public grant application form (page_apply.c) */
    {"Apply for a grant", "GET", "/grants/apply", WEB_HTML, 0, NULL, apply_rounds},
    {"Apply for a grant", "GET", "/grants/apply/:round", WEB_HTML, 0, NULL, apply_form},
    {"Apply for a grant", "POST", "/grants/apply/:round", WEB_HTML, 0, NULL, apply_create},
    {"An application", "GET", "/grants/application/:ref", WEB_HTML, 0, NULL, apply_draft},
    {"An application", "POST", "/grants/application/:ref", WEB_HTML, 0, NULL, apply_update},
    /* the Safety Fund's assessment (staff_grants.c) */
    {"Grant rounds", "GET", "/staff/grants", WEB_HTML, 0, OFFICE, staff_grants},
    {"A grant round", "GET", "/staff/grants/:round", WEB_HTML, 0, OFFICE, staff_grant_round},
    {"Allocate applications", "POST", "/staff/grants/:round/allocate", WEB_HTML, 0, ALLOCATORS,
     staff_grant_allocate},
    {"An application", "GET", SA "/:ref", WEB_HTML, 0, OFFICE, staff_application},
    {"Declare a conflict", "POST", SA "/:ref/conflict", WEB_HTML, 0, ASSESSORS,
     staff_application_conflict},
    {"Score", "POST", SA "/:ref/score", WEB_HTML, 0, ASSESSORS, staff_application_score},
    {"Moderate", "POST", SA "/:ref/moderate", WEB_HTML, 0, MODERATORS, staff_application_moderate},
    {"Your applications to mark", "GET", "/staff/marking", WEB_HTML, 0, ASSESSORS, staff_marking},
    /* after an award (staff_awards.c) */
    {"An award", "GET", AW "/:award", WEB_HTML, 0, OFFICE, staff_award},
    {"Record a payment", "POST", AW "/:award/pay", WEB_HTML, 0, PAYERS, staff_award_pay},
    {"Reverse a payment", "POST", AW "/:award/reverse", WEB_HTML, 0, PAYERS, staff_award_reverse},
    {"Ask for a return", "POST", AW "/:award/return-due", WEB_HTML, 0, MONITORS,
     staff_award_return_due},
    {"Record a return", "POST", AW "/:award/return", WEB_HTML, 0, MONITORS, staff_award_return},
    /* the casework (staff_concerns.c) */
    {"Casework", "GET", CC, WEB_HTML, 0, CASE_READERS, staff_concerns},
    {"Subject access", "POST", CC "/subject-access", WEB_HTML, 0, CASEWORKERS,
     staff_concern_access},
    {"A case", "GET", CC "/:ref", WEB_HTML, 0, CASE_READERS, staff_concern},
    {"Record an event", "POST", CC "/:ref/event", WEB_HTML, 0, CASEWORKERS, staff_concern_event},
    {"Allegation category", "POST", CC "/:ref/categorise", WEB_HTML, 0, CASEWORKERS,
     staff_concern_categorise},
    {"Personal details", "POST", CC "/:ref/personal", WEB_HTML, 0, CASEWORKERS,
     staff_concern_personal},
    {"Draft a letter", "POST", CC "/:ref/letter", WEB_HTML, 0, CASEWORKERS, staff_concern_letter},
    {"Time with another body", "POST", CC "/:ref/misdirected", WEB_HTML, 0, CASEWORKERS,
     staff_concern_misdirected},
    /* the Commissioner's annual complaints report: its sections drafted
     * (staff_complaints_report.c); the Office reads them, the caseworkers
     * and the Commissioner and Deputy write them */
    {"Complaints report", "GET", "/staff/complaints-report", WEB_HTML, 0, OFFICE,
     staff_complaints_report_latest},
    {"Complaints report", "GET", "/staff/complaints-report/:year", WEB_HTML, 0, OFFICE,
     staff_complaints_report},
    {"Save a section", "POST", "/staff/complaints-report/:year", WEB_HTML, 0,
     CASEWORKERS " commissioner deputy", staff_complaints_report_save},
    /* the report is the Commissioner's: published by the Commissioner */
    {"Publish the report", "POST", "/staff/complaints-report/:year/publish", WEB_HTML, 0,
     "commissioner", staff_complaints_report_publish},
    /* investigations unfinished at 12 months (staff_investigations.c) */
    {"Investigations", "GET", "/staff/investigations", WEB_HTML, 0, CASE_READERS,
     staff_investigations},
    {"Record an investigation", "POST", "/staff/investigations", WEB_HTML, 0, CASEWORKERS,
     staff_investigation_add},
    {"Investigation report", "POST", "/staff/investigations/event", WEB_HTML, 0, CASEWORKERS,
     staff_investigation_event},
    /* the contracts register and a contract's redacted copy
     * (staff_contract_pages.c, staff_contracts.c) */
    {"Contracts", "GET", "/staff/contracts", WEB_HTML, 0, OFFICE, staff_contracts},
    {"A contract", "GET", "/staff/contracts/:ref", WEB_HTML, 0, OFFICE, staff_contract},
    {"A contract's copy", "GET", "/staff/contracts/:ref/copy", WEB_HTML, 0, FINANCE,
     staff_contract_copy_form},
    {"Attach a contract's copy", "POST", "/staff/contracts/:ref/copy", WEB_HTML, 0, FINANCE,
     staff_contract_copy},
    {"A contract's funding and missions", "GET", "/staff/contracts/:ref/plan", WEB_HTML, 0, FINANCE,
     staff_contract_plan_form},
    {"Publish a contract's funding and missions", "POST", "/staff/contracts/:ref/plan", WEB_HTML, 0,
     FINANCE, staff_contract_plan},
    {"Accounts", "GET", AC, WEB_HTML, 0, ADMINS " auditor", staff_accounts},
    {"Add an account", "POST", AC, WEB_HTML, 0, ADMINS, staff_account_add},
    {"Reset a password", "POST", AC "/:username/reset", WEB_HTML, 0, ADMINS, staff_account_reset},
    {"Reset two-step sign-in", "POST", AC "/:username/reset-2fa", WEB_HTML, 0, ADMINS,
     staff_account_reset_2fa},
    {"Disable an account", "POST", AC "/:username/disable", WEB_HTML, 0, ADMINS,
     staff_account_disable},
    {"Change a role", "POST", AC "/:username/role", WEB_HTML, 0, ADMINS, staff_account_role},
    {"Audit log", "GET", "/staff/audit", WEB_HTML, 0, "auditor", staff_audit},
    {"Audit log as CSV", "GET", "/staff/audit.csv", WEB_CSV, 0, "auditor", staff_audit},
    {"Audit log as JSON", "GET", "/staff/audit.json", WEB_JSON, 0, "auditor", staff_audit},
};

#define NROUTES (sizeof routes / sizeof routes[0])

const struct staff_route *staff_routes(size_t *n)
{
    *n = NROUTES;
    return routes;
}

bool staff_role_allowed(const struct staff_route *r, const char *role)
{
    if (!r->roles)
        return true;
    if (!role || !*role)
        return false;
    if (strcmp(r->roles, "*") == 0)
        return true;
    size_t n = strlen(role);
    for (const char *p = r->roles; *p;) {
        size_t len = strcspn(p, " ");
        if (len == n && memcmp(p, role, n) == 0)
            return true;
        p += len + strspn(p + len, " ");
    }
    return false;
}

bool staff_may(const struct staff_request *sq, const char *method, const char *pattern)
{
    for (size_t i = 0; i < NROUTES; i++)
        if (strcmp(routes[i].method, method) == 0 && strcmp(routes[i].pattern, pattern) == 0)
            return staff_role_allowed(&routes[i], sq->who ? sq->who->role : NULL);
    assert(!"staff_may: no such route");
    return false;
}

bool staff_linked(const struct staff_route *r, const char *role)
{
    return strcmp(r->method, "GET") == 0 && r->format == WEB_HTML && r->roles &&
           !strchr(r->pattern, ':') && staff_role_allowed(r, role);
}

/* Whether raw[0..n) is path or under it. */
static bool under(const char *raw, size_t n, const char *path)
{
    size_t len = strlen(path);
    return n >= len && memcmp(raw, path, len) == 0 &&
           (n == len || raw[len] == '/' || raw[len] == '?');
}

bool staff_target(const char *raw, size_t n)
{
    if (n >= 9 && memcmp(raw, "/concerns", 9) == 0 && (n == 9 || raw[9] == '?'))
        return true;
    return under(raw, n, "/staff") || under(raw, n, "/grants/apply") ||
           under(raw, n, "/grants/application");
}

#define FORM_TOKEN_AGE 3600 /* seconds a form shown without a session may be left open */

void staff_new_form_token(struct staff_request *sq, struct web_response *rs)
{
    session_token_new(sq->csrf);
    session_set_cookie(rs->cookies[0], sizeof rs->cookies[0], SESSION_SIGNIN_COOKIE, sq->csrf,
                       FORM_TOKEN_AGE);
}

/* The route for this method and target: 200, 404 (no such path) or 405
 * (not with this method). */
static int find_route(const char *method, const struct web_target *t,
                      const struct staff_route **found, struct web_match *m)
{
    int status = 404;
    for (size_t i = 0; i < NROUTES; i++) {
        struct web_route wr = {
            routes[i].pattern, routes[i].format, routes[i].suffixes, false, 0, NULL};
        if (!web_route_find(&wr, 1, t, m))
            continue;
        status = 405;
        if (strcmp(routes[i].method, method) == 0) {
            *found = &routes[i];
            m->route = NULL; /* wr is gone: the match's arguments are what is kept */
            return 200;
        }
    }
    return status;
}

static int64_t now_seconds(void)
{
    return (int64_t)time(NULL);
}

/* The live session the request's cookie names, into who; its token into
 * token. False when there is none (or it has timed out). */
static bool find_session(struct store *s, const struct web_in *in, struct session *who,
                         char token[SESSION_TOKEN_SIZE], struct buf *err)
{
    char hash[SHA256_HEX_SIZE];
    if (!session_cookie(in->cookie, SESSION_COOKIE, token))
        return false;
    session_token_hash(token, hash);
    if (store_session_find(s, hash, who, err) != 1)
        return false;
    int64_t now = now_seconds();
    if (session_expired(who->started_at, who->seen_at, now))
        return false;
    if (now - who->seen_at >= SESSION_SEEN_EVERY)
        store_session_touch(s, who->id, now, err); /* a failure only shortens it */
    return true;
}

/* Whether the POST's form carries the token its page was given. */
static bool csrf_ok(const struct staff_request *sq)
{
    const char *sent = web_form_value(sq->form, "csrf");
    if (sq->token)
        return session_tokens_equal(sent, sq->csrf);
    char cookie[SESSION_TOKEN_SIZE]; /* the sign-in form's double submit */
    return session_cookie(sq->in->cookie, SESSION_SIGNIN_COOKIE, cookie) &&
           session_tokens_equal(sent, cookie);
}

/* Refuses what the route's roles and the form's token do not allow;
 * true when the handler may run. */
static bool admitted(const struct staff_route *r, struct staff_request *sq, bool post,
                     struct web_response *rs)
{
    if (r->roles && !sq->who) {
        if (!post) {
            staff_redirect(rs, "/staff/sign-in");
            return false;
        }
        page_error(sq->rq, rs, 403, "Sign in first: your session has ended or never began.");
        return false;
    }
    if (!staff_role_allowed(r, sq->who ? sq->who->role : NULL)) {
        struct buf why = BUF_INIT;
        buf_printf(&why, "Your role (%s) cannot use this page; these roles can: %s.", sq->who->role,
                   r->roles);
        page_error(sq->rq, rs, 403, buf_str(&why));
        buf_free(&why);
        return false;
    }
    if (post && !csrf_ok(sq)) {
        page_error(sq->rq, rs, 403,
                   "This form has expired or did not come from this site. Go back, reload the "
                   "page and try again.");
        return false;
    }
    return true;
}

/* With the write connection held: the session, the checks, the handler. */
static void run(const struct staff_route *r, struct staff_request *sq, bool post,
                struct web_response *rs)
{
    struct session who;
    char token[SESSION_TOKEN_SIZE];
    struct buf err = BUF_INIT;
    if (find_session(sq->store, sq->in, &who, token, &err)) {
        sq->who = &who;
        sq->token = token;
        session_csrf(token, sq->csrf);
        sq->by.actor = who.username;
    }
    if (admitted(r, sq, post, rs))
        r->handler(sq, rs);
    sq->who = NULL; /* who and token are this function's */
    sq->token = NULL;
    sq->by.actor = "";
    buf_free(&err);
}

/* The checks that need no database: the method, a body, where a POST came
 * from, its form. 0 when the request may go on, else its status. */
static int precheck(const struct web_in *in, bool post, struct web_form *form, const char **why)
{
    if (in->refused) {
        *why = in->refused_why;
        return in->refused;
    }
    if (!post && in->has_body) {
        *why = "Only a form that is sent (POST) has a body.";
        return 400;
    }
    if (post && in->fetch_site && strcmp(in->fetch_site, "cross-site") == 0) {
        *why = "A form of this site can only be sent from its own pages.";
        return 403;
    }
    if (!post)
        return 0;
    int status = web_form_parse(in->content_type, in->body, in->body_len, form);
    *why = form->error;
    return status == 200 ? 0 : status;
}

void staff_handle(struct server_ctx *ctx, const struct web_in *in, const struct web_request *outer,
                  struct web_response *rs)
{
    struct web_request here = *outer; /* and the route's arguments, once found */
    const struct web_request *rq = &here;
    rs->private_page = true;
    bool post = in->method && strcmp(in->method, "POST") == 0;
    const char *method = post                                            ? "POST"
                         : in->method && strcmp(in->method, "HEAD") == 0 ? "GET"
                                                                         : in->method;
    const struct staff_route *r = NULL;
    struct web_match m;
    int status = find_route(method ? method : "", rq->target, &r, &m);
    if (status != 200) {
        page_error(rq, rs, status,
                   status == 404 ? "There is no staff page at this address."
                                 : "This page cannot be asked for that way.");
        return;
    }
    here.match = &m;
    rs->format = m.format;
    struct web_form form = {0};
    const char *why = NULL;
    status = precheck(in, post, &form, &why);
    struct buf err = BUF_INIT;
    struct staff_request sq = {
        .ctx = ctx, .rq = rq, .in = in, .form = &form, .by = {.actor = "", .origin = rq->client}};
    if (status == 0 && !(sq.store = server_writer_acquire(ctx, &err))) {
        status = 503;
        why = "The staff side cannot write to its database on this server (it may be a "
              "read-only copy): the public pages are still served.";
        if (ctx->guard)
            guard_log(ctx->guard, "peel serve: staff side: %s", buf_str(&err));
    }
    if (status) {
        page_error(rq, rs, status, why);
        rs->retry_later = status == 503;
        snprintf(rs->retry_after, sizeof rs->retry_after, "60");
    } else {
        store_last_update(sq.store, here.updated, &err);
        run(r, &sq, post, rs);
        server_writer_release(ctx);
    }
    web_form_free(&form);
    buf_free(&err);
}

void staff_redirect(struct web_response *rs, const char *path)
{
    rs->status = 303;
    snprintf(rs->location, sizeof rs->location, "%s", path);
    buf_reset(&rs->body);
    buf_puts(&rs->body, "See ");
    html_escape(&rs->body, path);
    buf_putc(&rs->body, '\n');
}

void staff_csrf_field(struct buf *b, const struct staff_request *sq)
{
    buf_puts(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_escape(b, sq->csrf);
    buf_puts(b, "\">\n");
}

void staff_page_begin(struct buf *b, const struct staff_request *sq, const char *title)
{
    page_head(b, sq->rq, title);
    buf_puts(b, "<nav aria-label=\"Staff\"><ul>\n");
    size_t n;
    const struct staff_route *r = staff_routes(&n);
    for (size_t i = 0; sq->who && i < n; i++)
        if (staff_linked(&r[i], sq->who->role)) {
            struct web_route wr = {r[i].pattern, WEB_HTML, 0, false, 0, NULL};
            struct web_match m;
            bool here = sq->rq->target && web_route_find(&wr, 1, sq->rq->target, &m);
            buf_puts(b, "<li><a href=\"");
            html_escape(b, r[i].pattern);
            buf_puts(b, here ? "\" aria-current=\"page\">" : "\">");
            html_escape(b, r[i].title);
            buf_puts(b, "</a></li>\n");
        }
    buf_puts(b, "<li><a href=\"/\">Public site</a></li>\n</ul></nav>\n");
    if (sq->who) {
        buf_puts(b, "<form class=\"signed-in\" method=\"post\" action=\"/staff/sign-out\">"
                    "<p>Signed in as ");
        html_escape(b, sq->who->name);
        buf_puts(b, " (");
        html_escape(b, sq->who->role);
        buf_puts(b, ") ");
        staff_csrf_field(b, sq);
        buf_puts(b, "<button type=\"submit\">Sign out</button></p></form>\n");
    }
    page_main(b);
}
