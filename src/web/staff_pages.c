/*
 * staff_pages.c - the staff side's own pages: signing in and out, the
 * staff home page and the audit log (the route table is staff.c's).
 */
#include "assess/audit_table.h"
#include "assess/transparency.h"
#include "store/account_totp.h"
#include "store/accounts.h"
#include "util/clock.h"
#include "util/html.h"
#include "util/password.h"
#include "util/totp.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/staff.h"
#include "web/throttle.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The sign-in form, with message (NULL: none) above it. */
static void signin_page(struct staff_request *sq, struct web_response *rs, const char *message)
{
    struct buf *b = &rs->body;
    buf_reset(b);
    staff_page_begin(b, sq, "Sign in");
    buf_puts(b, "<h1>Sign in</h1>\n");
    if (message) {
        buf_puts(b, "<div class=\"notice\" role=\"alert\"><p>");
        html_escape(b, message);
        buf_puts(b, "</p></div>\n");
    }
    buf_puts(b, "<p>For the Office&#39;s staff, the Commissioner and Panel members. Everyone "
                "else: <a href=\"/\">the public site</a> has everything published.</p>\n"
                "<form method=\"post\" action=\"/staff/sign-in\" class=\"staff-form\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"username\">Username</label>\n"
                "<input id=\"username\" name=\"username\" autocomplete=\"username\" required "
                "maxlength=\"64\" autocapitalize=\"none\" spellcheck=\"false\"></p>\n"
                "<p><label for=\"password\">Password</label>\n"
                "<input id=\"password\" name=\"password\" type=\"password\" "
                "autocomplete=\"current-password\" required maxlength=\"256\"></p>\n"
                "<p><label for=\"code\">Code from your authenticator app</label>\n"
                "<span class=\"hint\" id=\"code-hint\">Only if you have turned two-step "
                "sign-in on.</span>\n<input id=\"code\" name=\"code\" inputmode=\"numeric\" "
                "autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\" maxlength=\"6\" "
                "aria-describedby=\"code-hint\"></p>\n"
                "<p><button type=\"submit\">Sign in</button></p>\n</form>\n");
    page_end(b, sq->rq);
}

/* A new sign-in token, as the form's CSRF token and its cookie. */
static void new_signin_token(struct staff_request *sq, struct web_response *rs)
{
    staff_new_form_token(sq, rs);
}

void staff_signin_form(struct staff_request *sq, struct web_response *rs)
{
    if (sq->who) {
        staff_redirect(rs, "/staff");
        return;
    }
    new_signin_token(sq, rs);
    const char *done = web_param(sq->rq->target, "done");
    const char *note = !done                             ? NULL
                       : strcmp(done, "signed-out") == 0 ? "You have signed out."
                       : strcmp(done, "password") == 0
                           ? "Your password is changed: sign in with the new one."
                           : NULL;
    signin_page(sq, rs, note);
}

/* The username as typed, made lower case (accounts' are) into out; false
 * when it cannot be one. */
static bool username_of(const char *typed, char out[65])
{
    size_t n = typed ? strlen(typed) : 0;
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i <= n; i++)
        out[i] = (char)tolower((unsigned char)typed[i]);
    return true;
}

/* Whether the password is the account's. An unknown or disabled account
 * is checked against a hash made for the purpose, so that every refusal
 * takes the time a wrong password takes. The hashing (a tenth of a second)
 * is done with the write connection let go, so sign-ins do not queue the
 * staff side behind them. */
static bool password_right(struct staff_request *sq, const char *username, const char *password)
{
    char hash[PASSWORD_HASH_SIZE];
    bool disabled = false;
    struct buf err = BUF_INIT;
    int status = store_account_password(sq->store, username, hash, &disabled, &err);
    if (status != ACCOUNT_OK) {
        if (!sq->ctx->staff.dummy_hash[0])
            password_hash("not a password of any account", sq->ctx->staff.dummy_hash);
        snprintf(hash, sizeof hash, "%s", sq->ctx->staff.dummy_hash);
    }
    buf_free(&err);
    server_writer_release(sq->ctx);
    bool matches = password_matches(hash, password);
    struct buf again = BUF_INIT;
    sq->store = server_writer_acquire(sq->ctx, &again); /* was open: cannot fail */
    buf_free(&again);
    return matches && status == ACCOUNT_OK && !disabled;
}

/* Whether the account's second factor, when it has one, is satisfied:
 * the form's code is its app's now, and not one used before. */
static bool code_right(struct staff_request *sq, const char *username, int64_t now)
{
    struct account_totp t;
    struct buf err = BUF_INIT;
    int has = store_totp_get(sq->store, username, &t, &err);
    bool ok = has == 0 || (has == 1 && !t.confirmed);
    if (has == 1 && t.confirmed) {
        int64_t step = totp_check(t.secret, web_form_value(sq->form, "code"), now, t.last_step);
        ok = step >= 0 && store_totp_use(sq->store, username, step, &err) == 0;
    }
    buf_free(&err);
    return ok;
}

/* Whether the username and the client may try now; else the refusal. */
static bool may_try(struct staff_request *sq, const char *username, int64_t now,
                    struct web_response *rs)
{
    int64_t wait = 0, wait2 = 0;
    bool by_account = throttle_allows(sq->ctx->staff.accounts, username, now, &wait);
    bool by_client = throttle_allows(sq->ctx->staff.clients, sq->rq->client, now, &wait2);
    if (by_account && by_client)
        return true;
    int64_t minutes = ((wait > wait2 ? wait : wait2) + 59) / 60;
    char message[160];
    snprintf(message, sizeof message,
             "Too many sign-ins have failed: try again in %" PRId64 " minute%s.", minutes,
             minutes == 1 ? "" : "s");
    new_signin_token(sq, rs);
    signin_page(sq, rs, message);
    rs->status = 429;
    rs->retry_later = true;
    snprintf(rs->retry_after, sizeof rs->retry_after, "%d", (int)(minutes * 60));
    return false;
}

/* A password's hash takes a tenth of a second and 64 MiB: at most as many
 * at once as the guard's costly pages (guard.h, 2), each charged to the
 * client's budget, so that sign-ins from many addresses cannot take the
 * server's memory or every core. */
static bool may_hash(struct staff_request *sq, struct web_response *rs)
{
    int retry = 0;
    enum guard_verdict v = guard_costly_begin(sq->ctx->guard, sq->rq->client, true, &retry);
    if (v == GUARD_GO)
        return true;
    new_signin_token(sq, rs);
    signin_page(sq, rs, "The site is busy: try again in a moment.");
    rs->status = v == GUARD_BUSY ? 503 : 429;
    rs->retry_later = true;
    snprintf(rs->retry_after, sizeof rs->retry_after, "%d", retry);
    return false;
}

static void signin_failed(struct staff_request *sq, const char *username, int64_t now,
                          struct web_response *rs)
{
    throttle_fail(sq->ctx->staff.accounts, username, now);
    throttle_fail(sq->ctx->staff.clients, sq->rq->client, now);
    if (sq->ctx->guard)
        guard_log(sq->ctx->guard, "peel serve: staff sign-in refused from %s", sq->rq->client);
    new_signin_token(sq, rs);
    signin_page(sq, rs, "The username, the password or the code is not right.");
    rs->status = 403;
}

/* Starts the session: a new token (never one the request brought), its
 * cookie, the sign-in token's cookie removed, and off to the home page. */
static void signed_in(struct staff_request *sq, const char *username, int64_t now,
                      struct web_response *rs)
{
    char token[SESSION_TOKEN_SIZE], hash[SHA256_HEX_SIZE];
    session_token_new(token);
    session_token_hash(token, hash);
    struct audit_origin by = {username, sq->rq->client};
    struct buf err = BUF_INIT;
    int64_t id;
    if (store_session_start(sq->store, username, hash, now, &by, &id, &err) != ACCOUNT_OK) {
        web_error(sq->rq, rs, 500, err.len ? buf_str(&err) : "the account went away");
    } else {
        throttle_clear(sq->ctx->staff.accounts, username);
        session_set_cookie(rs->cookies[0], sizeof rs->cookies[0], SESSION_COOKIE, token, 0);
        session_set_cookie(rs->cookies[1], sizeof rs->cookies[1], SESSION_SIGNIN_COOKIE, NULL, 0);
        staff_redirect(rs, "/staff");
    }
    buf_free(&err);
}

void staff_signin(struct staff_request *sq, struct web_response *rs)
{
    char username[65];
    const char *password = web_form_value(sq->form, "password");
    int64_t now = (int64_t)time(NULL);
    if (!username_of(web_form_value(sq->form, "username"), username) || !password || !*password ||
        strlen(password) > PASSWORD_MAX_BYTES) {
        new_signin_token(sq, rs);
        signin_page(sq, rs, "Give your username and your password.");
        rs->status = 400;
        return;
    }
    if (!may_try(sq, username, now, rs) || !may_hash(sq, rs))
        return;
    double started = clock_thread_seconds(); /* the hash's CPU, as app.c's pages */
    bool right = password_right(sq, username, password) && code_right(sq, username, now);
    guard_costly_end(sq->ctx->guard, sq->rq->client, true, clock_thread_seconds() - started);
    if (right)
        signed_in(sq, username, now, rs);
    else
        signin_failed(sq, username, now, rs);
}

void staff_signout(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    if (store_session_end(sq->store, sq->who->id, "signed out", (int64_t)time(NULL), &sq->by,
                          &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        session_set_cookie(rs->cookies[0], sizeof rs->cookies[0], SESSION_COOKIE, NULL, 0);
        staff_redirect(rs, "/staff/sign-in?done=signed-out");
    }
    buf_free(&err);
}

/* The audit log's head, as the public site shows it. */
static void audit_head(struct buf *b, struct store *s)
{
    struct audit_head head;
    struct buf err = BUF_INIT;
    if (store_audit_head(s, &head, &err) == 0) {
        buf_printf(b,
                   "<p>The audit log has %" PRId64 " rows; its head is row %" PRId64
                   ", SHA-256 <code class=\"hash\">",
                   head.seq, head.seq);
        html_escape(b, head.hash);
        buf_puts(b, "</code>.</p>\n");
    }
    buf_free(&err);
}

/* What the Commissioner must publish that is overdue or due soon: every
 * account sees it, as the public do. */
static void transparency_summary(struct buf *b, struct staff_request *sq)
{
    struct tr_report r;
    struct buf err = BUF_INIT;
    if (tr_report_build(sq->store, date_today(), &r, &err) == 0 && r.n > 0) {
        buf_puts(b, "<h2>Transparency</h2>\n");
        pages_transparency_due(b, &r);
    }
    tr_report_free(&r);
    buf_free(&err);
}

void staff_home(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body;
    staff_page_begin(b, sq, "Staff home");
    buf_puts(b, "<h1>Staff home</h1>\n<p>You are signed in as ");
    html_escape(b, sq->who->name);
    buf_puts(b, " (<code>");
    html_escape(b, sq->who->username);
    buf_puts(b, "</code>), with the role <strong>");
    html_escape(b, sq->who->role);
    buf_puts(b, "</strong>.</p>\n<h2>What you can do here</h2>\n<ul>\n");
    size_t n;
    const struct staff_route *r = staff_routes(&n);
    for (size_t i = 0; i < n; i++) {
        if (!staff_linked(&r[i], sq->who->role) || strcmp(r[i].pattern, "/staff") == 0)
            continue;
        buf_puts(b, "<li><a href=\"");
        html_escape(b, r[i].pattern);
        buf_puts(b, "\">");
        html_escape(b, r[i].title);
        buf_puts(b, "</a></li>\n");
    }
    buf_puts(b, "<li><a href=\"/\">The public site</a></li>\n</ul>\n");
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].pattern, "/staff/clocks") == 0 && staff_role_allowed(&r[i], sq->who->role))
            staff_clocks_summary(b, sq);
    if (staff_may(sq, "POST", "/staff/decisions/:slug/review"))
        staff_reviews_summary(b, sq);
    transparency_summary(b, sq);
    buf_puts(b, "<h2>The audit log</h2>\n");
    audit_head(b, sq->store);
    buf_puts(b, "<p>Every change made here is written to it, chained by hash to the change "
                "before; the public site shows its head, so that a rewrite can be noticed.</p>\n");
    page_end(b, sq->rq);
}

#define AUDIT_PAGE_ROWS   200   /* rows of the audit log on a page */
#define AUDIT_EXPORT_ROWS 10000 /* in a CSV or JSON download: ?after= for the next */

void staff_audit(struct staff_request *sq, struct web_response *rs)
{
    const char *after_text = web_param(sq->rq->target, "after");
    char *end = NULL;
    long long after = after_text ? strtoll(after_text, &end, 10) : 0;
    if (after_text && (*end || after < 0)) {
        page_error(sq->rq, rs, 400, "after= must be a row number (0 or more).");
        return;
    }
    bool html = rs->format == WEB_HTML;
    struct table t;
    struct buf err = BUF_INIT;
    if (audit_table(sq->store, after, html ? AUDIT_PAGE_ROWS : AUDIT_EXPORT_ROWS, &t, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else if (!html) {
        pages_data(&t, rs->format, rs);
    } else {
        struct buf *b = &rs->body;
        staff_page_begin(b, sq, "Audit log");
        buf_puts(b, "<h1>Audit log</h1>\n");
        audit_head(b, sq->store);
        buf_printf(b,
                   "<p>As data (up to %d rows from the one after <code>after</code>): "
                   "<a href=\"/staff/audit.csv?after=%lld\">CSV</a>, "
                   "<a href=\"/staff/audit.json?after=%lld\">JSON</a>.</p>\n",
                   AUDIT_EXPORT_ROWS, after, after);
        char caption[96];
        snprintf(caption, sizeof caption, "Audit log rows after row %lld (up to %d)", after,
                 AUDIT_PAGE_ROWS);
        static const char *const headings[] = {
            "Row",   "When (UTC)",          "Who", "From", "Action", "Object", "Before",
            "After", "Previous row's hash", "Hash"};
        /* the previous row's hash is the row above's; the download has it */
        static const char *const shown[] = {"seq",    "at",     "actor", "origin", "action",
                                            "object", "before", "after", "hash",   NULL};
        /* free to wrap anywhere, so that no row can widen the table past
         * a desktop screen (long objects, commands and JSON included) */
        static const char *const tokens[] = {"actor",  "origin", "action", "object",
                                             "before", "after",  "hash",   NULL};
        page_table_wrapped(b, &t, caption, headings, shown, tokens);
        if (t.nrows == AUDIT_PAGE_ROWS)
            buf_printf(b, "<p><a href=\"/staff/audit?after=%lld\">Later rows</a></p>\n",
                       after + AUDIT_PAGE_ROWS);
        page_end(b, sq->rq);
    }
    table_free(&t);
    buf_free(&err);
}
