/*
 * staff_account.c - the signed-in account's own page: two-step sign-in
 * (a one-time code from an authenticator app, util/totp.h) set up,
 * confirmed with a first code, or removed with a current one; and the
 * password changed. Each change is audited by the store
 * (store/account_totp.h, store/accounts.h).
 */
#include "store/account_totp.h"
#include "store/accounts.h"
#include "util/html.h"
#include "util/password.h"
#include "util/totp.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void code_field(struct buf *b, const char *id)
{
    buf_printf(b,
               "<p><label for=\"%s\">Code from your authenticator app</label>\n<input "
               "id=\"%s\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
               "pattern=\"[0-9]{6}\" maxlength=\"6\" required></p>\n",
               id, id);
}

static void form_open(struct buf *b, const struct staff_request *sq, const char *action)
{
    buf_printf(b, "<form method=\"post\" class=\"staff-form\" action=\"/staff/account/%s\">\n",
               action);
    staff_csrf_field(b, sq);
}

/* The secret to type into an app, in groups of four, and the link a phone
 * opens its app with. */
static void show_secret(struct buf *b, const struct staff_request *sq, const char *secret)
{
    buf_puts(b, "<p>Add this key to an authenticator app (it is a time-based, 6-digit code), "
                "then type the code it shows to finish:</p>\n<p><code class=\"hash\">");
    for (size_t i = 0; secret[i]; i++) {
        if (i && i % 4 == 0)
            buf_putc(b, ' ');
        buf_putc(b, secret[i]); /* base32: A-Z and 2-7 */
    }
    buf_puts(b, "</code></p>\n");
    struct buf uri = BUF_INIT;
    totp_uri(&uri, "Peel", sq->who->username, secret);
    buf_puts(b, "<p>On this phone: <a href=\"");
    html_escape(b, buf_str(&uri));
    buf_puts(b, "\">open it in the authenticator app</a>.</p>\n");
    buf_free(&uri);
    form_open(b, sq, "totp/confirm");
    code_field(b, "confirm-code");
    buf_puts(b, "<p><button type=\"submit\">Finish setting it up</button></p>\n</form>\n");
}

static void password_field(struct buf *b, const char *id, const char *label,
                           const char *autocomplete)
{
    buf_printf(b,
               "<p><label for=\"%s\">%s</label>\n<input id=\"%s\" name=\"%s\" "
               "type=\"password\" autocomplete=\"%s\" required maxlength=\"256\"></p>\n",
               id, label, id, id, autocomplete);
}

static void password_form(struct buf *b, const struct staff_request *sq)
{
    buf_puts(b, "<h2>Your password</h2>\n<p>At least 12 characters. Changing it signs you out "
                "everywhere: sign in again with the new one.</p>\n");
    form_open(b, sq, "password");
    password_field(b, "current", "Your password now", "current-password");
    password_field(b, "new", "A new password", "new-password");
    password_field(b, "again", "The new password again", "new-password");
    buf_puts(b, "<p><button type=\"submit\">Change your password</button></p>\n</form>\n");
}

/* Why the form's new password cannot be set, or NULL when it can: the
 * current one must be right (checked against its hash), the new one typed
 * twice the same and not refused (util/password.h). */
static const char *password_refusal(struct staff_request *sq)
{
    const char *current = web_form_value(sq->form, "current");
    const char *fresh = web_form_value(sq->form, "new");
    const char *again = web_form_value(sq->form, "again");
    char hash[PASSWORD_HASH_SIZE];
    bool disabled = false;
    struct buf err = BUF_INIT;
    int known = store_account_password(sq->store, sq->who->username, hash, &disabled, &err);
    buf_free(&err);
    if (known != ACCOUNT_OK || !current || strlen(current) > PASSWORD_MAX_BYTES ||
        !password_matches(hash, current))
        return "Your password now is not right.";
    if (!fresh || !again || strcmp(fresh, again) != 0)
        return "The new password was not typed the same twice.";
    const char *why = password_refused(fresh);
    return why ? why : strcmp(fresh, current) == 0 ? "The new password is the one you have." : NULL;
}

void staff_account_password(struct staff_request *sq, struct web_response *rs)
{
    const char *why = password_refusal(sq);
    char hash[PASSWORD_HASH_SIZE];
    if (!why && !password_hash(web_form_value(sq->form, "new"), hash))
        why = "The server could not hash the password now: try again.";
    if (why) {
        page_error(sq->rq, rs, 400, why);
        return;
    }
    struct buf err = BUF_INIT;
    /* ends every session of the account, this one too (store/accounts.c) */
    if (store_account_set_password(sq->store, sq->who->username, hash, &sq->by, &err) != 0) {
        web_error(sq->rq, rs, 500, err.len ? buf_str(&err) : "the account could not be changed");
    } else {
        session_set_cookie(rs->cookies[0], sizeof rs->cookies[0], SESSION_COOKIE, NULL, 0);
        staff_redirect(rs, "/staff/sign-in?done=password");
    }
    buf_free(&err);
}

void staff_account(struct staff_request *sq, struct web_response *rs)
{
    struct account_totp t;
    struct buf err = BUF_INIT, *b = &rs->body;
    int has = store_totp_get(sq->store, sq->who->username, &t, &err);
    if (has < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
        buf_free(&err);
        return;
    }
    staff_page_begin(b, sq, "Your account");
    buf_puts(b, "<h1>Your account</h1>\n<h2>Two-step sign-in</h2>\n");
    const char *done = web_param(sq->rq->target, "done");
    if (done && strcmp(done, "on") == 0)
        buf_puts(b, "<div class=\"notice\" role=\"status\"><p>Two-step sign-in is on.</p></div>\n");
    if (has && t.confirmed) {
        buf_puts(b, "<p>It is <strong>on</strong>: signing in asks for a code from your app. "
                    "To turn it off, give a current code.</p>\n");
        form_open(b, sq, "totp/remove");
        code_field(b, "remove-code");
        buf_puts(b, "<p><button type=\"submit\">Turn it off</button></p>\n</form>\n");
    } else if (has) {
        show_secret(b, sq, t.secret);
    } else {
        buf_puts(b, "<p>It is <strong>off</strong>. With it on, signing in asks for a code from "
                    "an authenticator app as well as your password, so a password guessed or "
                    "seen is not enough.</p>\n");
        form_open(b, sq, "totp");
        buf_puts(b, "<p><button type=\"submit\">Set it up</button></p>\n</form>\n");
    }
    buf_puts(b, "<p>Lost the phone? An administrator can turn it off: <code>peel user reset-2fa "
                "USERNAME</code>.</p>\n");
    password_form(b, sq);
    page_end(b, sq->rq);
    buf_free(&err);
}

void staff_account_totp(struct staff_request *sq, struct web_response *rs)
{
    char secret[TOTP_SECRET_SIZE];
    totp_secret_new(secret);
    struct buf err = BUF_INIT;
    int rc = store_totp_start(sq->store, sq->who->username, secret, &sq->by, &err);
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else if (rc)
        page_error(sq->rq, rs, 409, "Two-step sign-in is on already.");
    else
        staff_redirect(rs, "/staff/account");
    buf_free(&err);
}

/* The step of the form's code for the account's secret, or -1. */
static int64_t code_step(struct staff_request *sq, struct account_totp *t, struct buf *err)
{
    if (store_totp_get(sq->store, sq->who->username, t, err) != 1)
        return -1;
    return totp_check(t->secret, web_form_value(sq->form, "code"), (int64_t)time(NULL),
                      t->last_step);
}

void staff_account_totp_confirm(struct staff_request *sq, struct web_response *rs)
{
    struct account_totp t;
    struct buf err = BUF_INIT;
    int64_t step = code_step(sq, &t, &err);
    int rc = step < 0 || t.confirmed
                 ? 1
                 : store_totp_confirm(sq->store, sq->who->username, step, &sq->by, &err);
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else if (rc)
        page_error(sq->rq, rs, 400,
                   "That code is not the one the app shows now: go back and type the current "
                   "one (a phone's clock must be right to the minute).");
    else
        staff_redirect(rs, "/staff/account?done=on");
    buf_free(&err);
}

void staff_account_totp_remove(struct staff_request *sq, struct web_response *rs)
{
    struct account_totp t;
    struct buf err = BUF_INIT;
    int64_t step = code_step(sq, &t, &err);
    int rc = step < 0 ? 1 : store_totp_remove(sq->store, sq->who->username, &sq->by, &err);
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else if (rc)
        page_error(sq->rq, rs, 400, "That code is not the one the app shows now.");
    else
        staff_redirect(rs, "/staff/account");
    buf_free(&err);
}
