/*
 * staff_accounts.c - the Office's accounts on the web, for the
 * administrator (and read by the auditor): the list with each account's
 * role and state, and the forms that add an account, give it another role,
 * reset its password, reset its two-step sign-in (a lost phone) and
 * disable it. The same store
 * functions as `peel user` (store/accounts.h), each change audited there
 * with the administrator as actor and the client's address as origin.
 *
 * A new password is made at random (util/password.h) and shown once, on
 * the page that answers the POST (no-store, as every staff page): it is
 * never in a URL, a redirect or the audit log, and the account holder
 * changes it on /staff/account. A reset ends every session of the account
 * (store/accounts.c), as a change of role does. An administrator cannot
 * disable their own account or change its role, so that an office is not
 * left without one by a slip.
 */
#include "store/account_totp.h"
#include "store/accounts.h"
#include "util/html.h"
#include "util/password.h"
#include "web/page.h"
#include "web/staff.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define A "/staff/accounts"

static void form_open(struct buf *b, const struct staff_request *sq, const char *action)
{
    buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"");
    html_escape(b, action);
    buf_puts(b, "\">\n");
    staff_csrf_field(b, sq);
}

/* ---- the list ----------------------------------------------------------- */

struct listing {
    struct buf *b;
    const struct staff_request *sq;
    bool may_change;
};

/* The role select, with the account's own role chosen. */
struct role_select {
    struct buf *b;
    const char *current;
};

static void role_choice(void *arg, const struct role *r)
{
    struct role_select *rs = arg;
    buf_puts(rs->b, "<option value=\"");
    html_escape(rs->b, r->name);
    buf_puts(rs->b, strcmp(r->name, rs->current) == 0 ? "\" selected>" : "\">");
    html_escape(rs->b, r->title);
    buf_puts(rs->b, "</option>\n");
}

static void role_form(struct buf *b, const struct staff_request *sq, const char *username,
                      const char *role)
{
    char action[128];
    snprintf(action, sizeof action, A "/%s/role", username);
    form_open(b, sq, action);
    buf_printf(b,
               "<p><label for=\"role-%s\">Role</label>\n<select id=\"role-%s\" "
               "name=\"role\">\n",
               username, username);
    struct role_select r = {b, role};
    struct buf err = BUF_INIT;
    store_roles(sq->store, role_choice, &r, &err); /* on failure, no options: refused */
    buf_free(&err);
    buf_puts(b, "</select></p>\n<button type=\"submit\">Change the role</button></form>\n");
}

static void account_forms(struct buf *b, const struct staff_request *sq, const char *username,
                          const char *role)
{
    char action[128];
    snprintf(action, sizeof action, A "/%s/reset", username);
    form_open(b, sq, action);
    buf_puts(b, "<button type=\"submit\">Reset the password</button></form>\n");
    snprintf(action, sizeof action, A "/%s/reset-2fa", username);
    form_open(b, sq, action);
    buf_puts(b, "<button type=\"submit\">Reset two-step sign-in</button></form>\n");
    if (strcmp(username, sq->who->username) == 0)
        return;
    role_form(b, sq, username, role);
    snprintf(action, sizeof action, A "/%s/disable", username);
    form_open(b, sq, action);
    buf_printf(b,
               "<p><label for=\"why-%s\">Why disable it</label>\n<input id=\"why-%s\" "
               "name=\"reason\" required maxlength=\"500\"></p>\n<button "
               "type=\"submit\">Disable the account</button></form>\n",
               username, username); /* usernames are [a-z0-9._-]: safe as ids */
}

static void account_row(void *arg, const struct account *a)
{
    struct listing *l = arg;
    struct buf *b = l->b;
    buf_puts(b, "<tr><th scope=\"row\"><code>");
    html_escape(b, a->username);
    buf_puts(b, "</code></th><td>");
    html_escape(b, a->name);
    buf_puts(b, "</td><td>");
    html_escape(b, a->role);
    buf_puts(b, "</td><td>");
    if (a->disabled_at)
        html_printf(b, "Disabled %.10s: %s", a->disabled_at,
                    a->disabled_reason ? a->disabled_reason : "");
    else
        html_printf(b, "Enabled; password set %.10s", a->password_set_at ? a->password_set_at : "");
    buf_puts(b, "</td>");
    if (l->may_change) {
        buf_puts(b, "<td>");
        if (!a->disabled_at && account_username_ok(a->username))
            account_forms(b, l->sq, a->username, a->role);
        buf_puts(b, "</td>");
    }
    buf_puts(b, "</tr>\n");
}

static void role_option(void *arg, const struct role *r)
{
    struct buf *b = arg;
    buf_puts(b, "<option value=\"");
    html_escape(b, r->name);
    buf_puts(b, "\">");
    html_printf(b, "%s: %s", r->title, r->summary);
    buf_puts(b, "</option>\n");
}

static int add_form(struct buf *b, const struct staff_request *sq, struct buf *err)
{
    buf_puts(b, "<h2>Add an account</h2>\n<p>Its password is made at random and shown once, "
                "on the next page: give it to the account holder in person. They change it "
                "on their account page once signed in.</p>\n");
    form_open(b, sq, A);
    buf_puts(b, "<p><label for=\"username\">Username</label>\n<input id=\"username\" "
                "name=\"username\" required minlength=\"2\" maxlength=\"64\" "
                "pattern=\"[a-z0-9._\\-]+\" autocomplete=\"off\" aria-describedby=\"username-"
                "hint\"> <span id=\"username-hint\">lower-case letters, digits, '.', '_' and "
                "'-'; never reused</span></p>\n<p><label for=\"name\">Name</label>\n<input "
                "id=\"name\" name=\"name\" required maxlength=\"200\"></p>\n<p><label "
                "for=\"role\">Role</label>\n<select id=\"role\" name=\"role\">\n");
    int rc = store_roles(sq->store, role_option, b, err);
    buf_puts(b, "</select></p>\n<p><button type=\"submit\">Add the account</button></p>\n"
                "</form>\n");
    return rc;
}

void staff_accounts(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    bool may = staff_may(sq, "POST", A);
    struct listing l = {b, sq, may};
    staff_page_begin(b, sq, "Accounts");
    buf_puts(b, "<h1>Accounts</h1>\n<p>An account is never deleted, only disabled, so that what "
                "it did stays attributed. Every change here is in the audit log.</p>\n"
                "<table>\n<caption>The Office's accounts</caption>\n<thead><tr><th "
                "scope=\"col\">Username</th><th scope=\"col\">Name</th><th "
                "scope=\"col\">Role</th><th scope=\"col\">State</th>");
    buf_puts(b, may ? "<th scope=\"col\">Change</th></tr></thead>\n<tbody>\n"
                    : "</tr></thead>\n<tbody>\n");
    int rc = store_accounts(sq->store, account_row, &l, &err);
    buf_puts(b, "</tbody>\n</table>\n");
    if (rc == 0 && may)
        rc = add_form(b, sq, &err);
    if (rc < 0) {
        buf_reset(b);
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        page_end(b, sq->rq);
    }
    buf_free(&err);
}

/* ---- the changes -------------------------------------------------------- */

/* The answer to a refused change: 400 (the form's fault) or 409. */
static void refused(struct staff_request *sq, struct web_response *rs, int status, const char *why)
{
    struct buf *b = &rs->body;
    rs->status = status;
    staff_page_begin(b, sq, "Not changed");
    buf_puts(b, "<h1>Not changed</h1>\n<p>");
    html_escape(b, why);
    buf_puts(b, "</p>\n<p><a href=\"" A "\">Back to the accounts</a></p>\n");
    page_end(b, sq->rq);
}

/* What a store answer means to the reader. */
static void answer(struct staff_request *sq, struct web_response *rs, int rc, const struct buf *err)
{
    static const char *const why[] = {
        [ACCOUNT_TAKEN] = "That username is taken (usernames are never reused).",
        [ACCOUNT_NO_ROLE] = "There is no such role.",
        [ACCOUNT_UNKNOWN] = "There is no such account.",
        [ACCOUNT_DISABLED] = "The account is disabled.",
    };
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(err));
    else if (rc > 0 && (size_t)rc < sizeof why / sizeof why[0] && why[rc])
        refused(sq, rs, rc == ACCOUNT_UNKNOWN ? 404 : 409, why[rc]);
    else
        staff_redirect(rs, A);
}

/* The page that shows a new password, once. */
static void show_password(struct staff_request *sq, struct web_response *rs, const char *username,
                          const char *password, const char *what)
{
    struct buf *b = &rs->body;
    staff_page_begin(b, sq, what);
    buf_puts(b, "<h1>");
    html_escape(b, what);
    buf_puts(b, "</h1>\n<p>The password for <code>");
    html_escape(b, username);
    buf_puts(b, "</code>, shown this once (it is not stored, only its hash): give it to them "
                "in person. They change it on their account page once signed in.</p>\n"
                "<p><code class=\"hash\">");
    html_escape(b, password);
    buf_puts(b, "</code></p>\n<p><a href=\"" A "\">Back to the accounts</a></p>\n");
    page_end(b, sq->rq);
}

/* A new random password and its hash; false when the hash could not be made. */
static bool new_password(char pw[PASSWORD_NEW_LENGTH + 1], char hash[PASSWORD_HASH_SIZE])
{
    password_new(pw);
    return password_hash(pw, hash);
}

void staff_account_add(struct staff_request *sq, struct web_response *rs)
{
    const char *username = web_form_value(sq->form, "username");
    const char *name = web_form_value(sq->form, "name");
    const char *role = web_form_value(sq->form, "role");
    if (!account_username_ok(username) || !name || !*name || strlen(name) > 200 || !role) {
        refused(sq, rs, 400,
                "An account needs a username (2 to 64 lower-case letters, digits, '.', '_' "
                "or '-'), a name (at most 200 characters) and a role.");
        return;
    }
    char pw[PASSWORD_NEW_LENGTH + 1], hash[PASSWORD_HASH_SIZE];
    struct buf err = BUF_INIT;
    struct account a = {.username = username, .name = name, .role = role};
    int rc = new_password(pw, hash) ? store_account_add(sq->store, &a, hash, &sq->by, &err)
                                    : (buf_puts(&err, "no memory to hash a password"), -1);
    if (rc == ACCOUNT_OK)
        show_password(sq, rs, username, pw, "Account added");
    else
        answer(sq, rs, rc, &err);
    sodium_memzero(pw, sizeof pw);
    buf_free(&err);
}

void staff_account_reset(struct staff_request *sq, struct web_response *rs)
{
    const char *username = sq->rq->match->args[0];
    char pw[PASSWORD_NEW_LENGTH + 1], hash[PASSWORD_HASH_SIZE];
    struct buf err = BUF_INIT;
    int rc = new_password(pw, hash)
                 ? store_account_set_password(sq->store, username, hash, &sq->by, &err)
                 : (buf_puts(&err, "no memory to hash a password"), -1);
    if (rc == ACCOUNT_OK)
        show_password(sq, rs, username, pw, "Password reset");
    else
        answer(sq, rs, rc, &err);
    sodium_memzero(pw, sizeof pw);
    buf_free(&err);
}

void staff_account_reset_2fa(struct staff_request *sq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    int rc = store_totp_remove(sq->store, sq->rq->match->args[0], &sq->by, &err);
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else
        staff_redirect(rs, A); /* 1: it had none; the list is the answer either way */
    buf_free(&err);
}

void staff_account_role(struct staff_request *sq, struct web_response *rs)
{
    const char *username = sq->rq->match->args[0];
    const char *role = web_form_value(sq->form, "role");
    if (strcmp(username, sq->who->username) == 0) {
        refused(sq, rs, 409, "You cannot change your own role: another administrator can.");
        return;
    }
    if (!role || !*role) {
        refused(sq, rs, 400, "Choose the account's new role.");
        return;
    }
    struct buf err = BUF_INIT;
    answer(sq, rs, store_account_set_role(sq->store, username, role, &sq->by, &err), &err);
    buf_free(&err);
}

void staff_account_disable(struct staff_request *sq, struct web_response *rs)
{
    const char *username = sq->rq->match->args[0];
    const char *reason = web_form_value(sq->form, "reason");
    if (strcmp(username, sq->who->username) == 0) {
        refused(sq, rs, 409, "You cannot disable your own account: another administrator can.");
        return;
    }
    if (!reason || !*reason || strlen(reason) > 500) {
        refused(sq, rs, 400, "Say why the account is disabled (at most 500 characters).");
        return;
    }
    struct buf err = BUF_INIT;
    answer(sq, rs, store_account_disable(sq->store, username, reason, &sq->by, &err), &err);
    buf_free(&err);
}
