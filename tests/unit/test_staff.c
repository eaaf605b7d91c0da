/*
 * test_staff.c - the staff side's access policy and its sessions, through
 * the whole site as a function (web_handle):
 *  - every role against every staff route, from the route table itself:
 *    allowed, refused (403), and without a session (GET: 303 to sign-in;
 *    POST: 403);
 *  - CSRF: a POST without its token, with a wrong one, with another
 *    session's, or started by another site, is refused;
 *  - signing in: the same answer for an unknown account and a wrong
 *    password; five failures lock the account, whatever the next try;
 *    twenty from an address lock it, for every account; a session token
 *    planted before sign-in never becomes the session's (fixation);
 *    signing out ends the session;
 *  - time-outs (idle and absolute), a disabled account and a password
 *    reset end a session;
 *  - the staff home page lists the overdue clocks;
 *  - the registers' forms: errors by field, a change a new version with
 *    its reason, public at once, the audit chain whole;
 *  - the contracts register: the list and a contract's page say whether
 *    its redacted copy is attached (with its SHA-256) and link the form
 *    attaching one only for the roles the route table lets use it; the
 *    form of its funding source and missions served publishes a version
 *    shown on the public pages by the missions' titles; its end date on
 *    the deadlines page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixtures.h"
#include "model/concern.h"
#include "model/decision.h"
#include "store/account_totp.h"
#include "store/accounts.h"
#include "store/clocks.h"
#include "store/complaints_report.h"
#include "store/contract_copies.h"
#include "store/contracts.h"
#include "store/fund.h"
#include "store/fund_allocate.h"
#include "store/fund_apply.h"
#include "store/registers.h"
#include "util/month.h"
#include "util/password.h"
#include "util/totp.h"
#include "web/app.h"
#include "web/server.h"
#include "web/staff.h"
#include "web/throttle.h"

static const char plan_yaml[] = "id: p\n"
                                "title: Plan\n"
                                "force: leicestershire\n"
                                "period: {from: 2024-05, to: 2029-03}\n"
                                "vision: V\n"
                                "missions:\n"
                                "  - id: m1\n"
                                "    title: M\n"
                                "    summary: M\n"
                                "    strategies:\n"
                                "      - id: s1\n"
                                "        title: S\n"
                                "        success: S\n"
                                "        delivery: D\n"
                                "        measure: M\n"
                                "        metrics:\n"
                                "          - id: burglary\n"
                                "            title: Burglary\n"
                                "            source: national-measures\n"
                                "            unit: count\n"
                                "            polarity: lower-is-better\n"
                                "            definition:\n"
                                "              crime-types: [Burglary]\n";

static const char *const roles[] = {"officer",      "finance-officer", "monitoring-officer",
                                    "commissioner", "deputy",          "panel-member",
                                    "auditor",      "administrator"};
#define NROLES   (sizeof roles / sizeof roles[0])
#define PASSWORD "correct horse battery"

struct fixture {
    char *dir, *db;
    struct store *side; /* new_session's connection, opened once: not one per session */
    struct server_ctx server;
    char cookie[256];
    struct web_response rs;
};

static const struct audit_origin by = {"cli:test", "test_staff"};

static void add_account(struct store *s, const char *username, const char *role, const char *hash)
{
    struct buf err = BUF_INIT;
    struct account a = {.username = username, .name = username, .role = role};
    assert_int_equal(store_account_add(s, &a, hash, &by, &err), ACCOUNT_OK);
    buf_free(&err);
}

/* PASSWORD's argon2id hash, made once for the group (a tenth of a second
 * of CPU each time), given to each test's setup as its state. */
static int group_setup(void **state)
{
    char *hash = malloc(PASSWORD_HASH_SIZE);
    assert_true(password_hash(PASSWORD, hash));
    *state = hash;
    return 0;
}

static int group_teardown(void **state)
{
    free(*state);
    return 0;
}

static int setup(void **state)
{
    const char *hash = *state; /* the group's */
    assert_non_null(hash);
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/peel.db", f->dir);
    f->db = buf_detach(&path);
    struct store *s = fixture_plan_store(f->db, plan_yaml);
    /* the role accounts sign in through sessions made here: no real hash
     * is needed (a test must not spend a tenth of a second on each) */
    for (size_t i = 0; i < NROLES; i++)
        add_account(s, roles[i], roles[i], "$argon2id$not-a-real-hash");
    add_account(s, "signer", "officer", hash);
    add_account(s, "signer2", "officer", hash);
    store_close(s);
    fixture_server_open(&f->server, (struct server_options){.db_path = f->db, .threads = 2});
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    web_response_free(&f->rs);
    store_close(f->side);
    server_close(&f->server);
    fixture_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* A session for username started at `started`, its token into token,
 * written through the fixture's own connection (opening and closing one per
 * session, each close checkpointing the WAL, made the role-by-route check
 * wait on the disk for most of its time). */
static void new_session(struct fixture *f, const char *username, int64_t started,
                        char token[SESSION_TOKEN_SIZE])
{
    struct buf err = BUF_INIT;
    if (!f->side)
        f->side = store_open(f->db, STORE_READ_WRITE, &err);
    struct store *s = f->side;
    assert_non_null(s);
    char hash[SHA256_HEX_SIZE];
    session_token_new(token);
    session_token_hash(token, hash);
    int64_t id;
    struct audit_origin who = {username, "test"};
    assert_int_equal(store_session_start(s, username, hash, started, &who, &id, &err), 0);
    buf_free(&err);
}

struct req {
    const char *method, *target, *token, *body, *fetch_site, *client;
    const char *signin; /* the sign-in cookie's token */
};

static int ask(struct fixture *f, const struct req *r)
{
    f->cookie[0] = '\0';
    if (r->token)
        snprintf(f->cookie, sizeof f->cookie, SESSION_COOKIE "=%s", r->token);
    if (r->signin)
        snprintf(f->cookie + strlen(f->cookie), sizeof f->cookie - strlen(f->cookie),
                 "%s" SESSION_SIGNIN_COOKIE "=%s", r->token ? "; " : "", r->signin);
    struct web_in in = {.method = r->method,
                        .target = r->target,
                        .target_len = strlen(r->target),
                        .client = r->client ? r->client : "test",
                        .cookie = f->cookie[0] ? f->cookie : NULL,
                        .content_type = r->body ? "application/x-www-form-urlencoded" : NULL,
                        .fetch_site = r->fetch_site,
                        .body = r->body,
                        .body_len = r->body ? strlen(r->body) : 0,
                        .has_body = r->body != NULL};
    web_response_free(&f->rs);
    web_handle(&f->server, &in, &f->rs);
    return f->rs.status;
}

static int get(struct fixture *f, const char *target, const char *token)
{
    return ask(f, &(struct req){.method = "GET", .target = target, .token = token});
}

static int post(struct fixture *f, const char *target, const char *token, const char *body,
                const char *fetch_site)
{
    return ask(f, &(struct req){.method = "POST",
                                .target = target,
                                .token = token,
                                .body = body,
                                .fetch_site = fetch_site});
}

/* The target of a route's pattern, each ":name" given a sample value. */
static void target_of(const char *pattern, char *out, size_t size)
{
    out[0] = '\0';
    for (const char *p = pattern; *p;) {
        size_t n = strcspn(p + 1, "/") + 1;
        if (p[1] == ':')
            snprintf(out + strlen(out), size - strlen(out), "/sample");
        else
            snprintf(out + strlen(out), size - strlen(out), "%.*s", (int)n, p);
        p += n;
    }
}

static void check_route(struct fixture *f, const struct staff_route *r, const char *role)
{
    char target[256], token[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE], body[128];
    target_of(r->pattern, target, sizeof target);
    bool post = strcmp(r->method, "POST") == 0;
    if (role)
        new_session(f, role, (int64_t)time(NULL), token);
    snprintf(body, sizeof body, "csrf=%s", role ? (session_csrf(token, csrf), csrf) : "none");
    int status = ask(f, &(struct req){.method = r->method,
                                      .target = target,
                                      .token = role ? token : NULL,
                                      .body = post ? body : NULL});
    const char *location = web_response_header(&f->rs, "Location");
    bool to_signin = status == 303 && location && strcmp(location, "/staff/sign-in") == 0;
    if (!r->roles) { /* the sign-in page: for everyone */
        if (status == 403 && !post)
            fail_msg("%s %s as %s: 403", r->method, r->pattern, role ? role : "nobody");
    } else if (!role) {
        if (post ? status != 403 : !to_signin)
            fail_msg("%s %s without a session: %d", r->method, r->pattern, status);
    } else if (staff_role_allowed(r, role)) {
        if (status == 403 || to_signin)
            fail_msg("%s %s as %s: refused (%d)", r->method, r->pattern, role, status);
    } else if (status != 403) {
        fail_msg("%s %s as %s: %d, not 403", r->method, r->pattern, role, status);
    }
    if (strcmp(web_response_header(&f->rs, "Cache-Control"), "no-store") != 0)
        fail_msg("%s %s: not no-store", r->method, r->pattern);
}

static void every_role_against_every_route(void **state)
{
    struct fixture *f = *state;
    size_t n;
    const struct staff_route *routes = staff_routes(&n);
    assert_true(n >= 5);
    size_t refused = 0;
    for (size_t i = 0; i < n; i++) {
        check_route(f, &routes[i], NULL);
        for (size_t k = 0; k < NROLES; k++) {
            check_route(f, &routes[i], roles[k]);
            refused += !staff_role_allowed(&routes[i], roles[k]);
        }
    }
    assert_true(refused > 0); /* the audit log is the auditor's alone */
    /* and the policy is the table's: an auditor reads the log, an officer not */
    char token[SESSION_TOKEN_SIZE];
    new_session(f, "auditor", (int64_t)time(NULL), token);
    assert_int_equal(get(f, "/staff/audit.csv", token), 200);
    assert_non_null(strstr(f->rs.body.p, "seq,at,actor,origin,action,object"));
    assert_null(web_response_header(&f->rs, "Access-Control-Allow-Origin"));
    new_session(f, "officer", (int64_t)time(NULL), token);
    assert_int_equal(get(f, "/staff/audit.csv", token), 403);
}

static void csrf_refused(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_SIZE], other[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE];
    char body[128];
    new_session(f, "officer", (int64_t)time(NULL), token);
    new_session(f, "deputy", (int64_t)time(NULL), other);
    assert_int_equal(post(f, "/staff/sign-out", token, "x=1", NULL), 403);
    assert_int_equal(post(f, "/staff/sign-out", token, "csrf=00", NULL), 403);
    session_csrf(other, csrf); /* another session's token */
    snprintf(body, sizeof body, "csrf=%s", csrf);
    assert_int_equal(post(f, "/staff/sign-out", token, body, NULL), 403);
    session_csrf(token, csrf);
    snprintf(body, sizeof body, "csrf=%s", csrf);
    assert_int_equal(post(f, "/staff/sign-out", token, body, "cross-site"), 403);
    /* still signed in after every refusal */
    assert_int_equal(get(f, "/staff", token), 200);
    assert_int_equal(post(f, "/staff/sign-out", token, body, "same-origin"), 303);
    /* signed out: the token is dead */
    assert_int_equal(get(f, "/staff", token), 303);
    /* a GET with a body, a PUT */
    assert_int_equal(
        ask(f, &(struct req){.method = "GET", .target = "/staff", .token = other, .body = "a=1"}),
        400);
    assert_int_equal(ask(f, &(struct req){.method = "PUT", .target = "/staff", .token = other}),
                     405);
}

/* The sign-in form's token, from a GET of it (its cookie, and the field). */
static void signin_token(struct fixture *f, char out[SESSION_TOKEN_SIZE], const char *client)
{
    assert_int_equal(
        ask(f, &(struct req){.method = "GET", .target = "/staff/sign-in", .client = client}), 200);
    const char *c = f->rs.cookies[0];
    assert_non_null(strstr(c, "Secure; HttpOnly; SameSite=Strict"));
    assert_int_equal(sscanf(c, SESSION_SIGNIN_COOKIE "=%64[0-9a-f]", out), 1);
    assert_non_null(strstr(f->rs.body.p, out)); /* the form carries it */
}

static int sign_in(struct fixture *f, const char *user, const char *password, const char *planted,
                   const char *client)
{
    char tok[SESSION_TOKEN_SIZE], body[256];
    signin_token(f, tok, client);
    snprintf(body, sizeof body, "csrf=%s&username=%s&password=%s", tok, user, password);
    return ask(f, &(struct req){.method = "POST",
                                .target = "/staff/sign-in",
                                .token = planted,
                                .body = body,
                                .client = client,
                                .signin = tok});
}

/* A page's body with every token (64 hex digits) blotted out. */
static char *without_tokens(const char *body)
{
    char *s = strdup(body);
    for (char *p = s; *p; p++)
        if (strspn(p, "0123456789abcdef") >= 64)
            memset(p, 'x', 64);
    return s;
}

static void signin_same_answer_then_locked(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(sign_in(f, "signer", "wrong+password+here", NULL, "a1"), 403);
    char *wrong_password = without_tokens(f->rs.body.p);
    assert_int_equal(sign_in(f, "nobody", "wrong+password+here", NULL, "a1"), 403);
    char *unknown = without_tokens(f->rs.body.p);
    assert_string_equal(wrong_password, unknown);
    free(wrong_password);
    free(unknown);
    for (int i = 0; i < 4; i++)
        assert_int_equal(sign_in(f, "signer", "still+wrong+password", NULL, "a1"), 403);
    /* five failures: locked, even with the right password, from anywhere */
    assert_int_equal(sign_in(f, "signer", "correct+horse+battery", NULL, "a2"), 429);
    assert_non_null(web_response_header(&f->rs, "Retry-After"));
    assert_int_equal(sign_in(f, "SIGNER", "correct+horse+battery", NULL, "a3"), 429);
    /* without the sign-in cookie's match: refused before any password */
    char body[256];
    snprintf(body, sizeof body, "csrf=%064d&username=signer2&password=x", 0);
    assert_int_equal(post(f, "/staff/sign-in", NULL, body, NULL), 403);
}

/* Twenty failures from one address refuse it every sign-in, to any
 * account, right password or not, for the window; another address is not
 * held up. The first nineteen are counted into the throttle directly (as
 * many password hashes would cost two seconds); the twentieth fails
 * through the page. */
static void signin_limited_per_address(void **state)
{
    struct fixture *f = *state;
    int64_t now = (int64_t)time(NULL);
    for (int i = 0; i < SIGNIN_PER_CLIENT - 1; i++)
        throttle_fail(f->server.staff.clients, "d1", now);
    assert_int_equal(sign_in(f, "signer", "wrong+password+here", NULL, "d1"), 403);
    assert_int_equal(sign_in(f, "signer2", "correct+horse+battery", NULL, "d1"), 429);
    assert_non_null(web_response_header(&f->rs, "Retry-After"));
    assert_non_null(strstr(f->rs.body.p, "Too many sign-ins have failed"));
    assert_int_equal(sign_in(f, "signer2", "correct+horse+battery", NULL, "d2"), 303);
}

static void fixation_and_sign_out(void **state)
{
    struct fixture *f = *state;
    char planted[SESSION_TOKEN_SIZE];
    session_token_new(planted);
    assert_int_equal(sign_in(f, "signer2", "correct+horse+battery", planted, "b1"), 303);
    assert_string_equal(web_response_header(&f->rs, "Location"), "/staff");
    char token[SESSION_TOKEN_SIZE];
    const char *c = f->rs.cookies[0];
    assert_int_equal(sscanf(c, SESSION_COOKIE "=%64[0-9a-f]", token), 1);
    assert_non_null(strstr(c, "; Path=/; Secure; HttpOnly; SameSite=Strict"));
    assert_string_not_equal(token, planted);
    assert_int_equal(get(f, "/staff", planted), 303);
    assert_int_equal(get(f, "/staff", token), 200);
    assert_non_null(strstr(f->rs.body.p, "signer2"));
    char csrf[SESSION_TOKEN_SIZE], body[128];
    session_csrf(token, csrf);
    snprintf(body, sizeof body, "csrf=%s", csrf);
    assert_int_equal(post(f, "/staff/sign-out", token, body, NULL), 303);
    assert_non_null(strstr(f->rs.cookies[0], "Max-Age=0"));
    assert_int_equal(get(f, "/staff", token), 303);
}

/* An officer's session signed in at `started` and last seen at `seen`. */
static void session_seen(struct fixture *f, int64_t started, int64_t seen,
                         char token[SESSION_TOKEN_SIZE])
{
    char hash[SHA256_HEX_SIZE];
    new_session(f, "officer", started, token);
    session_token_hash(token, hash);
    struct session who;
    struct buf err = BUF_INIT;
    assert_int_equal(store_session_find(f->side, hash, &who, &err), 1);
    assert_int_equal(store_session_touch(f->side, who.id, seen, &err), 0);
    buf_free(&err);
}

static void sessions_end(void **state)
{
    struct fixture *f = *state;
    int64_t now = (int64_t)time(NULL);
    char idle[SESSION_TOKEN_SIZE], fresh[SESSION_TOKEN_SIZE], reset[SESSION_TOKEN_SIZE];
    new_session(f, "panel-member", now - SESSION_IDLE - 5, idle);
    assert_int_equal(get(f, "/staff", idle), 303);
    new_session(f, "panel-member", now, fresh);
    assert_int_equal(get(f, "/staff", fresh), 200);
    new_session(f, "deputy", now, reset);
    assert_int_equal(get(f, "/staff", reset), 200);
    struct buf err = BUF_INIT;
    struct store *s = store_open(f->db, STORE_READ_WRITE, &err);
    assert_int_equal(store_account_disable(s, "panel-member", "left", &by, &err), 0);
    assert_int_equal(store_account_set_password(s, "deputy", "$argon2id$new", &by, &err), 0);
    store_close(s);
    buf_free(&err);
    assert_int_equal(get(f, "/staff", fresh), 303);
    assert_int_equal(get(f, "/staff", reset), 303);
    /* seen a minute ago, but signed in more than SESSION_ABSOLUTE ago */
    char old[SESSION_TOKEN_SIZE];
    session_seen(f, now - SESSION_ABSOLUTE - 5, now - 60, old);
    assert_int_equal(get(f, "/staff", old), 303);
    session_seen(f, now - SESSION_ABSOLUTE + 100, now - 60, old); /* the control */
    assert_int_equal(get(f, "/staff", old), 200);
    assert_false(session_expired(now, now, now + SESSION_IDLE));
    assert_true(session_expired(now, now, now + SESSION_IDLE + 1));
    assert_true(session_expired(now, now + SESSION_ABSOLUTE, now + SESSION_ABSOLUTE + 1));
}

/* The staff home page lists each overdue clock, not only their number. */
static void home_lists_overdue(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT;
    struct store *s = store_open(f->db, STORE_READ_WRITE, &err);
    struct clock_new late = {"review:R-LATE-1",
                             "Answer the review",
                             {CLOCK_CALENDAR_DAYS, CLOCK_SAME_DAY, date_today() - 30, 10}};
    struct clock_new soon = {"review:R-SOON-1",
                             "Answer the other",
                             {CLOCK_CALENDAR_DAYS, CLOCK_SAME_DAY, date_today(), 5}};
    int64_t id;
    assert_int_equal(store_clock_start(s, &late, &by, &id, &err), 0);
    assert_int_equal(store_clock_start(s, &soon, &by, &id, &err), 0);
    store_close(s);
    buf_free(&err);
    char token[SESSION_TOKEN_SIZE];
    new_session(f, "officer", (int64_t)time(NULL), token);
    assert_int_equal(get(f, "/staff", token), 200);
    assert_non_null(strstr(f->rs.body.p, "1 overdue, and 2 due in the next 7 days"));
    assert_non_null(strstr(f->rs.body.p, "review:R-LATE-1"));
    assert_non_null(strstr(f->rs.body.p, "overdue by 21 days"));
    assert_null(strstr(f->rs.body.p, "review:R-SOON-1"));
}

/* With two-step sign-in on, a sign-in needs the app's current code, once. */
static void two_step_sign_in(void **state)
{
    struct fixture *f = *state;
    char secret[TOTP_SECRET_SIZE], code[7];
    totp_secret_new(secret);
    struct buf err = BUF_INIT;
    struct store *s = store_open(f->db, STORE_READ_WRITE, &err);
    assert_int_equal(store_totp_start(s, "signer", secret, &by, &err), 0);
    int64_t now = (int64_t)time(NULL);
    assert_int_equal(store_totp_confirm(s, "signer", now / TOTP_STEP - 2, &by, &err), 0);
    assert_int_equal(store_totp_start(s, "signer", secret, &by, &err), 1); /* on already */
    store_close(s);
    buf_free(&err);
    assert_int_equal(sign_in(f, "signer", "correct+horse+battery", NULL, "c1"), 403);
    assert_non_null(strstr(f->rs.body.p, "the password or the code is not right"));
    assert_true(totp_code(secret, (int64_t)time(NULL), code));
    char tok[SESSION_TOKEN_SIZE], body[256];
    signin_token(f, tok, "c1");
    snprintf(body, sizeof body, "csrf=%s&username=signer&password=correct+horse+battery&code=%s",
             tok, code);
    struct req r = {
        .method = "POST", .target = "/staff/sign-in", .body = body, .client = "c1", .signin = tok};
    assert_int_equal(ask(f, &r), 303);
    signin_token(f, tok, "c1"); /* the same code again: refused */
    snprintf(body, sizeof body, "csrf=%s&username=signer&password=correct+horse+battery&code=%s",
             tok, code);
    r.signin = tok;
    assert_int_equal(ask(f, &r), 403);
}

/* A password changed on the staff side: the one now must be right, the new
 * one typed twice and long enough; then every session ends, this one too,
 * and the new password signs in. */
static void password_change(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(sign_in(f, "signer2", "correct+horse+battery", NULL, "d1"), 303);
    char token[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE], body[256];
    assert_int_equal(sscanf(f->rs.cookies[0], SESSION_COOKIE "=%64[0-9a-f]", token), 1);
    session_csrf(token, csrf);
    static const char *const refused[] = {
        "current=wrong+password+here&new=a+brand+new+password&again=a+brand+new+password",
        "current=correct+horse+battery&new=a+brand+new+password&again=a+brand+new+passwort",
        "current=correct+horse+battery&new=short&again=short",
    };
    for (size_t i = 0; i < 3; i++) {
        snprintf(body, sizeof body, "csrf=%s&%s", csrf, refused[i]);
        assert_int_equal(post(f, "/staff/account/password", token, body, NULL), 400);
    }
    snprintf(body, sizeof body,
             "csrf=%s&current=correct+horse+battery&new=a+brand+new+password&again=a+brand+new+"
             "password",
             csrf);
    assert_int_equal(post(f, "/staff/account/password", token, body, NULL), 303);
    assert_string_equal(web_response_header(&f->rs, "Location"), "/staff/sign-in?done=password");
    assert_int_equal(get(f, "/staff", token), 303); /* signed out */
    assert_int_equal(sign_in(f, "signer2", "correct+horse+battery", NULL, "d1"), 403);
    assert_int_equal(sign_in(f, "signer2", "a+brand+new+password", NULL, "d1"), 303);
}

/* The password a page shows once (in <code class="hash">), into out. */
static void shown_password(const struct fixture *f, char out[PASSWORD_NEW_LENGTH + 1])
{
    const char *p = strstr(f->rs.body.p, "<code class=\"hash\">");
    assert_non_null(p);
    p += strlen("<code class=\"hash\">");
    assert_int_equal(strcspn(p, "<"), PASSWORD_NEW_LENGTH);
    snprintf(out, PASSWORD_NEW_LENGTH + 1, "%s", p);
}

/* The administrator adds an account (its password shown once signs it
 * in), resets it (the old one no longer does), and disables it (nor the
 * new one), but not their own; the auditor reads the list, without forms. */
static void accounts_on_the_web(void **state)
{
    struct fixture *f = *state;
    char admin[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE], body[256], pw[32], form[128];
    new_session(f, "administrator", (int64_t)time(NULL), admin);
    session_csrf(admin, csrf);
    snprintf(body, sizeof body, "csrf=%s&username=New.Person&name=N&role=officer", csrf);
    assert_int_equal(post(f, "/staff/accounts", admin, body, NULL), 400); /* upper case */
    snprintf(body, sizeof body, "csrf=%s&username=newbie&name=New+Person&role=officer", csrf);
    assert_int_equal(post(f, "/staff/accounts", admin, body, NULL), 200);
    shown_password(f, pw);
    assert_int_equal(post(f, "/staff/accounts", admin, body, NULL), 409); /* taken */
    snprintf(form, sizeof form, "%s", pw);
    assert_int_equal(sign_in(f, "newbie", form, NULL, "a1"), 303);
    snprintf(body, sizeof body, "csrf=%s", csrf);
    assert_int_equal(post(f, "/staff/accounts/newbie/reset", admin, body, NULL), 200);
    shown_password(f, pw);
    assert_int_equal(sign_in(f, "newbie", form, NULL, "a2"), 403);
    snprintf(body, sizeof body, "csrf=%s&role=no-such-role", csrf);
    assert_int_equal(post(f, "/staff/accounts/newbie/role", admin, body, NULL), 409);
    snprintf(body, sizeof body, "csrf=%s&role=auditor", csrf);
    assert_int_equal(post(f, "/staff/accounts/administrator/role", admin, body, NULL), 409);
    assert_int_equal(post(f, "/staff/accounts/newbie/role", admin, body, NULL), 303);
    assert_int_equal(get(f, "/staff/accounts", admin), 200);
    assert_non_null(strstr(f->rs.body.p, "<code>newbie</code></th><td>New Person</td><td>auditor"));
    assert_int_equal(post(f, "/staff/accounts/nobody/reset", admin, body, NULL), 404);
    assert_int_equal(post(f, "/staff/accounts/administrator/disable", admin, body, NULL), 409);
    snprintf(body, sizeof body, "csrf=%s", csrf);
    assert_int_equal(post(f, "/staff/accounts/newbie/disable", admin, body, NULL), 400);
    snprintf(body, sizeof body, "csrf=%s&reason=Left+the+Office", csrf);
    assert_int_equal(post(f, "/staff/accounts/newbie/disable", admin, body, NULL), 303);
    assert_int_equal(sign_in(f, "newbie", pw, NULL, "a3"), 403);
    assert_int_equal(get(f, "/staff/accounts", admin), 200);
    assert_non_null(strstr(f->rs.body.p, "Disabled "));
    assert_non_null(strstr(f->rs.body.p, "Left the Office"));
    char auditor[SESSION_TOKEN_SIZE];
    new_session(f, "auditor", (int64_t)time(NULL), auditor);
    assert_int_equal(get(f, "/staff/accounts", auditor), 200);
    assert_null(strstr(f->rs.body.p, "<form method=\"post\" class=\"staff-form\""));
}

/* The route with this method and pattern. */
static const struct staff_route *route(const char *method, const char *pattern)
{
    size_t n;
    const struct staff_route *r = staff_routes(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].method, method) == 0 && strcmp(r[i].pattern, pattern) == 0)
            return &r[i];
    fail_msg("no route %s %s", method, pattern);
    return NULL;
}

/* A review applied for on the public form, then two overlapping spells
 * with wrong bodies recorded on its page by a caseworker (the days of
 * their union left out, the limit moved), and refused to role `other`. */
static void misdirected_spells(struct fixture *f, const char *other)
{
    int today = date_today();
    char outcome[DATE_TEXT_SIZE], d[4][DATE_TEXT_SIZE], form[SESSION_TOKEN_SIZE], body[512];
    char token[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE], target[64], ref[CONCERN_REF_SIZE];
    date_format(today - 20, outcome);
    const int offsets[4] = {15, 10, 12, 8};
    for (size_t i = 0; i < 4; i++)
        date_format(today - offsets[i], d[i]);
    assert_int_equal(get(f, "/concerns", NULL), 200);
    assert_int_equal(sscanf(f->rs.cookies[0], SESSION_SIGNIN_COOKIE "=%64[0-9a-f]", form), 1);
    snprintf(body, sizeof body,
             "csrf=%s&about=review&outcome=%s&name=Pat&email=p%%40x.org&details=D", form, outcome);
    assert_int_equal(
        ask(f,
            &(struct req){.method = "POST", .target = "/concerns", .body = body, .signin = form}),
        200);
    assert_int_equal(sscanf(strstr(f->rs.body.p, "<strong>C-"), "<strong>%12[C0-9-]", ref), 1);
    new_session(f, "officer", (int64_t)time(NULL), token);
    session_csrf(token, csrf);
    snprintf(target, sizeof target, "/staff/concerns/%s/misdirected", ref);
    snprintf(body, sizeof body, "csrf=%s&body=The+force&sent=%s&forwarded=%s", csrf, d[0], d[1]);
    assert_int_equal(post(f, target, token, body, NULL), 303);
    snprintf(body, sizeof body, "csrf=%s&body=The+IOPC&sent=%s&forwarded=%s", csrf, d[2], d[3]);
    assert_int_equal(post(f, target, token, body, NULL), 303);
    snprintf(body, sizeof body, "csrf=%s&body=&sent=%s", csrf, d[2]);
    assert_int_equal(post(f, target, token, body, NULL), 400); /* which body */
    snprintf(target, sizeof target, "/staff/concerns/%s", ref);
    assert_int_equal(get(f, target, token), 200);
    assert_non_null(strstr(f->rs.body.p, "Days with other bodies left out</dt><dd>7</dd>"));
    assert_non_null(strstr(f->rs.body.p, "<td>The IOPC</td>"));
    assert_non_null(strstr(f->rs.body.p, "name=\"withdraw\""));
    new_session(f, other, (int64_t)time(NULL), token);
    session_csrf(token, csrf);
    snprintf(target, sizeof target, "/staff/concerns/%s/misdirected", ref);
    snprintf(body, sizeof body, "csrf=%s&body=X&sent=%s", csrf, d[0]);
    assert_int_equal(post(f, target, token, body, NULL), 403);
}

/* The casework's routes: the people's details are for the caseworkers
 * alone; the Panel and the administrator reach no case; the public form
 * needs no session but its own token, and what it is sent is never shown
 * on a case's page, only in answer to a POST that says why (audited). */
static void casework_routes(void **state)
{
    struct fixture *f = *state;
    const struct staff_route *personal = route("POST", "/staff/concerns/:ref/personal");
    const struct staff_route *letter = route("POST", "/staff/concerns/:ref/letter");
    const struct staff_route *spell = route("POST", "/staff/concerns/:ref/misdirected");
    for (size_t k = 0; k < NROLES; k++) {
        bool caseworker =
            strcmp(roles[k], "officer") == 0 || strcmp(roles[k], "monitoring-officer") == 0;
        assert_int_equal(staff_role_allowed(personal, roles[k]), caseworker);
        assert_int_equal(staff_role_allowed(letter, roles[k]), caseworker);
        assert_int_equal(staff_role_allowed(spell, roles[k]), caseworker);
        bool outsider =
            strcmp(roles[k], "panel-member") == 0 || strcmp(roles[k], "administrator") == 0;
        if (outsider)
            assert_false(staff_role_allowed(route("GET", "/staff/concerns/:ref"), roles[k]));
    }
    assert_int_equal(get(f, "/concerns", NULL), 200);
    char form[SESSION_TOKEN_SIZE], body[512], token[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE];
    assert_int_equal(sscanf(f->rs.cookies[0], SESSION_SIGNIN_COOKIE "=%64[0-9a-f]", form), 1);
    snprintf(body, sizeof body,
             "csrf=%s&about=other&name=Pat+Zx81MARK&email=pat%%40example.org&details=Zx81MARK",
             form);
    assert_int_equal(post(f, "/concerns", NULL, body, NULL), 403); /* no cookie */
    assert_int_equal(
        ask(f,
            &(struct req){.method = "POST", .target = "/concerns", .body = body, .signin = form}),
        200);
    assert_non_null(strstr(f->rs.body.p, "Your reference is <strong>C-"));
    assert_null(strstr(f->rs.body.p, "Zx81MARK"));
    char ref[CONCERN_REF_SIZE + 1] = "";
    const char *at = strstr(f->rs.body.p, "<strong>C-");
    assert_int_equal(sscanf(at, "<strong>%12[C0-9-]", ref), 1);
    char target[64];
    snprintf(target, sizeof target, "/staff/concerns/%s", ref);
    new_session(f, "officer", (int64_t)time(NULL), token);
    assert_int_equal(get(f, target, token), 200);
    assert_null(strstr(f->rs.body.p, "Zx81MARK"));
    session_csrf(token, csrf);
    snprintf(target, sizeof target, "/staff/concerns/%s/personal", ref);
    char personal_target[64], case_target[64];
    snprintf(personal_target, sizeof personal_target, "%s", target);
    snprintf(case_target, sizeof case_target, "/staff/concerns/%s", ref);
    snprintf(body, sizeof body, "csrf=%s&why=", csrf);
    assert_int_equal(post(f, target, token, body, NULL), 400); /* says why */
    snprintf(body, sizeof body, "csrf=%s&why=to+reply", csrf);
    assert_int_equal(post(f, target, token, body, NULL), 200);
    assert_non_null(strstr(f->rs.body.p, "Zx81MARK"));
    /* a letter: drafted by a caseworker from the vault, with the reason */
    snprintf(target, sizeof target, "/staff/concerns/%s", ref);
    assert_int_equal(get(f, target, token), 200);
    assert_non_null(strstr(f->rs.body.p, "<option value=\"acknowledgement\">"));
    snprintf(target, sizeof target, "/staff/concerns/%s/letter", ref);
    snprintf(body, sizeof body, "csrf=%s&template=acknowledgement&why=to+reply&format=preview",
             csrf);
    assert_int_equal(post(f, target, token, body, NULL), 200);
    assert_non_null(strstr(f->rs.body.p, "Dear Pat Zx81MARK,"));
    assert_non_null(strstr(f->rs.body.p, ref));
    assert_null(strstr(f->rs.body.p, "{{"));
    snprintf(body, sizeof body, "csrf=%s&template=acknowledgement&why=to+reply&format=text", csrf);
    assert_int_equal(post(f, target, token, body, NULL), 200);
    assert_non_null(strstr(web_response_header(&f->rs, "Content-Disposition"), ".txt"));
    assert_string_equal(web_response_header(&f->rs, "Cache-Control"), "no-store");
    assert_int_equal(strncmp(f->rs.body.p, "Pat Zx81MARK\n", 13), 0);
    snprintf(body, sizeof body, "csrf=%s&template=acknowledgement&why=to+reply&format=pdf", csrf);
    assert_int_equal(post(f, target, token, body, NULL), 200);
    assert_string_equal(web_response_header(&f->rs, "Content-Type"), "application/pdf");
    assert_non_null(strstr(web_response_header(&f->rs, "Content-Disposition"), ".pdf\""));
    assert_string_equal(web_response_header(&f->rs, "Cache-Control"), "no-store");
    assert_int_equal(strncmp(f->rs.body.p, "%PDF-", 5), 0);
    snprintf(body, sizeof body, "template=acknowledgement&why=to+reply&format=text");
    assert_int_equal(post(f, target, token, body, NULL), 403); /* no CSRF token */
    snprintf(body, sizeof body, "csrf=%s&template=nope&why=to+reply", csrf);
    assert_int_equal(post(f, target, token, body, NULL), 404);
    /* roles without the people's details: no letter, nor its form */
    const char *const others[] = {"panel-member", "auditor", "commissioner"};
    for (size_t k = 0; k < 3; k++) {
        new_session(f, others[k], (int64_t)time(NULL), token);
        session_csrf(token, csrf);
        snprintf(body, sizeof body, "csrf=%s&why=curious&template=acknowledgement", csrf);
        assert_int_equal(post(f, target, token, body, NULL), 403);
        snprintf(body, sizeof body, "csrf=%s&why=curious", csrf);
        assert_int_equal(post(f, personal_target, token, body, NULL), 403);
    }
    assert_int_equal(get(f, case_target, token), 200);
    assert_null(strstr(f->rs.body.p, "/letter\""));
    assert_null(strstr(f->rs.body.p, "/misdirected\""));
    misdirected_spells(f, others[2]);
    /* a case note from the form: on the case, its words in no audit row */
    new_session(f, "officer", (int64_t)time(NULL), token);
    session_csrf(token, csrf);
    snprintf(target, sizeof target, "/staff/concerns/%s/event", ref);
    char today[16];
    time_t now = time(NULL);
    strftime(today, sizeof today, "%Y-%m-%d", localtime(&now)); /* the day it was received */
    snprintf(body, sizeof body, "csrf=%s&kind=acknowledged&on=%s&note=Rang+Zx81NOTE", csrf, today);
    assert_int_equal(post(f, target, token, body, NULL), 303);
    assert_int_equal(get(f, case_target, token), 200);
    assert_non_null(strstr(f->rs.body.p, "Rang Zx81NOTE"));
    new_session(f, "auditor", (int64_t)time(NULL), token);
    assert_int_equal(get(f, "/staff/audit.csv", token), 200);
    assert_non_null(strstr(f->rs.body.p, "concern.event"));
    assert_null(strstr(f->rs.body.p, "Zx81NOTE"));
}

/* The annual complaints report published from the staff side: by the
 * Commissioner alone, once, audited, and then listed on /complaints. */
static void complaints_report_published(void **state)
{
    struct fixture *f = *state;
    const struct staff_route *r = route("POST", "/staff/complaints-report/:year/publish");
    for (size_t k = 0; k < NROLES; k++)
        assert_int_equal(staff_role_allowed(r, roles[k]), strcmp(roles[k], "commissioner") == 0);
    char token[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE], body[128];
    const char *target = "/staff/complaints-report/2025-26/publish";
    new_session(f, "commissioner", (int64_t)time(NULL), token);
    session_csrf(token, csrf);
    snprintf(body, sizeof body, "csrf=%s", csrf);
    assert_int_equal(post(f, target, token, body, NULL), 400); /* no sections written */
    struct buf err = BUF_INIT;
    int fy;
    assert_true(fy_parse("2025-26", &fy));
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++) {
        int version;
        assert_int_equal(store_complaints_text_put(f->side, fy, complaints_sections[i].code,
                                                   "Written.", &by, &version, &err),
                         0);
    }
    buf_free(&err);
    assert_int_equal(get(f, "/staff/complaints-report/2025-26", token), 200);
    assert_non_null(strstr(f->rs.body.p, "2025-26/publish\""));
    assert_int_equal(post(f, target, token, "csrf=wrong", NULL), 403);
    char other[SESSION_TOKEN_SIZE], other_csrf[SESSION_TOKEN_SIZE], other_body[128];
    new_session(f, "deputy", (int64_t)time(NULL), other);
    session_csrf(other, other_csrf);
    snprintf(other_body, sizeof other_body, "csrf=%s", other_csrf);
    assert_int_equal(post(f, target, other, other_body, NULL), 403);
    assert_int_equal(get(f, "/staff/complaints-report/2025-26", other), 200);
    assert_null(strstr(f->rs.body.p, "2025-26/publish\""));
    assert_int_equal(post(f, target, token, body, NULL), 303);
    assert_int_equal(post(f, target, token, body, NULL), 409); /* never changes */
    assert_int_equal(get(f, "/staff/complaints-report/2025-26", token), 200);
    assert_non_null(strstr(f->rs.body.p, "<strong>Published</strong> as version 1"));
    assert_int_equal(get(f, "/complaints", NULL), 200);
    assert_non_null(strstr(f->rs.body.p, "/reports/complaints/2025-26/v1/"));
    new_session(f, "auditor", (int64_t)time(NULL), token);
    assert_int_equal(get(f, "/staff/audit.csv", token), 200);
    assert_non_null(strstr(f->rs.body.p, "publication.publish"));
    assert_non_null(strstr(f->rs.body.p, "publication:complaints/2025-26"));
}

/* The route table's roles for the decision register are the model's
 * (which the store enforces): a form is shown to exactly those it will
 * accept. */
static void decision_routes_agree_with_the_model(void **state)
{
    (void)state;
    const char *D = "/staff/decisions/:slug";
    char p[64];
    for (size_t i = 0; i < NROLES; i++) {
        const char *role = roles[i];
        bool decides = decision_role_may_decide(role, DECISION_GENERAL);
        bool signs = decision_role_may_sign_off(role, SIGNOFF_FINANCE) ||
                     decision_role_may_sign_off(role, SIGNOFF_MONITORING);
        snprintf(p, sizeof p, "%s/decide", D);
        assert_int_equal(staff_role_allowed(route("POST", p), role), decides);
        snprintf(p, sizeof p, "%s/rescind", D);
        assert_int_equal(staff_role_allowed(route("POST", p), role), decides);
        snprintf(p, sizeof p, "%s/signoff", D);
        assert_int_equal(staff_role_allowed(route("POST", p), role), signs);
        snprintf(p, sizeof p, "%s/withhold", D);
        assert_int_equal(staff_role_allowed(route("POST", p), role),
                         decision_role_may_exempt(role));
        snprintf(p, sizeof p, "%s/exempt", D);
        assert_int_equal(staff_role_allowed(route("POST", p), role),
                         decision_role_may_exempt(role));
        snprintf(p, sizeof p, "%s/review", D);
        assert_int_equal(staff_role_allowed(route("POST", p), role),
                         decision_role_may_exempt(role));
        snprintf(p, sizeof p, "%s/publish", D);
        assert_int_equal(staff_role_allowed(route("POST", p), role), decision_role_may_draft(role));
        snprintf(p, sizeof p, "%s/correct", D);
        assert_int_equal(staff_role_allowed(route("POST", p), role),
                         decides || strcmp(role, "monitoring-officer") == 0);
        assert_int_equal(staff_role_allowed(route("POST", "/staff/decisions/new"), role),
                         decision_role_may_draft(role));
    }
}

static void count_version(void *arg, const struct reg_version_row *v)
{
    int *n = arg;
    assert_int_equal(v->version, ++*n);
    if (v->version == 2)
        assert_string_equal(v->reason, "Mis-keyed QX7");
}

static void no_audit_problem(void *arg, int64_t seq, const char *what)
{
    (void)arg;
    fail_msg("audit row %lld: %s", (long long)seq, what);
}

/* The page's body has each of these. */
static void shows(const struct fixture *f, const char *const *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strstr(f->rs.body.p, want[i])) {
            fprintf(stderr, "%s\n", f->rs.body.p);
            fail_msg("'%s' not on the page above", want[i]);
        }
}

static void contracts_on_the_web(struct fixture *f);
static void contract_plan_on_the_web(struct fixture *f, const char *cfo, const char *officer);

/* The registers' staff forms: a form without its token, or with another's,
 * refused; problems named by field with what was typed kept; a declined
 * gift recorded and public at once; a change refused without a reason,
 * then recorded as version 2 with it; a withdrawal; the audit chain whole. */
static void registers_on_the_web(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE], body[512];
    const char *G = "/staff/registers/gifts/new", *E = "/staff/registers/gifts/GH-1";
    new_session(f, "monitoring-officer", (int64_t)time(NULL), token);
    session_csrf(token, csrf);
    assert_int_equal(get(f, G, token), 200);
    shows(f, (const char *[]){"name=\"csrf\"", "<select id=\"category\"", "value=\"declined\""}, 3);
    const char *gift = "ref=GH-1&name=A+Person&post=PCC&date=2026-03-02&category=hospitality"
                       "&details=Dinner&donor=X+Ltd&value=45&outcome=declined";
    snprintf(body, sizeof body, "%s", gift);
    assert_int_equal(post(f, G, token, body, NULL), 403); /* no token */
    snprintf(body, sizeof body, "csrf=%064d&%s", 0, gift);
    assert_int_equal(post(f, G, token, body, NULL), 403); /* a wrong one */
    snprintf(body, sizeof body,
             "csrf=%s&ref=GH-1&name=&post=PCC&date=2026-13-01&category=gift&details=Pen"
             "&donor=&value=abc&outcome=",
             csrf);
    assert_int_equal(post(f, G, token, body, NULL), 400);
    shows(f,
          (const char *[]){"<a href=\"#name\">Offered to: empty: whose entry is it?</a>",
                           "Offered on: &#39;2026-13-01&#39; is not a date",
                           "Who offered it: empty", "&#39;abc&#39; is not an amount",
                           "<a href=\"#outcome\">", "value=\"abc\"", "value=\"PCC\"",
                           "<option value=\"gift\" selected>"},
          8);
    snprintf(body, sizeof body, "csrf=%s&%s", csrf, gift);
    assert_int_equal(post(f, G, token, body, NULL), 303);
    assert_string_equal(web_response_header(&f->rs, "Location"), E);
    assert_int_equal(post(f, G, token, body, NULL), 400); /* the reference is taken */
    assert_int_equal(get(f, "/registers/gifts", NULL), 200);
    shows(f, (const char *[]){"GH-1", "X Ltd", "declined", "£45.00"}, 4);
    /* a change: without a reason refused, keeping what was typed */
    snprintf(body, sizeof body,
             "csrf=%s&name=A+Person&post=PCC&date=2026-03-02&category=hospitality"
             "&details=Dinner+for+two&donor=X+Ltd&value=90&outcome=declined",
             csrf);
    assert_int_equal(post(f, E, token, body, NULL), 400);
    shows(f, (const char *[]){"<a href=\"#reason\">", "Dinner for two"}, 2);
    snprintf(body + strlen(body), sizeof body - strlen(body), "&reason=Mis-keyed+QX7");
    assert_int_equal(post(f, E, token, body, NULL), 303);
    assert_int_equal(post(f, E, token, body, NULL), 400); /* nothing changed */
    assert_int_equal(get(f, "/registers/gifts", NULL), 200);
    shows(f, (const char *[]){"Mis-keyed QX7", "Dinner for two", "£90.00"}, 3);
    /* the auditor reads every version, without the forms */
    char auditor[SESSION_TOKEN_SIZE];
    new_session(f, "auditor", (int64_t)time(NULL), auditor);
    assert_int_equal(get(f, E, auditor), 200);
    shows(f, (const char *[]){"Mis-keyed QX7", "Dinner</td>"}, 2);
    assert_null(strstr(f->rs.body.p, "Record a change"));
    assert_int_equal(get(f, "/staff/registers/gifts/GH-9", auditor), 404);
    snprintf(body, sizeof body, "csrf=%s&reason=Recorded+twice", csrf);
    assert_int_equal(post(f, "/staff/registers/gifts/GH-1/withdraw", token, body, NULL), 303);
    assert_int_equal(post(f, "/staff/registers/gifts/GH-1/withdraw", token, body, NULL), 404);
    snprintf(body, sizeof body, "csrf=%s&reason=Back", csrf);
    assert_int_equal(post(f, E, token, body, NULL), 409); /* withdrawn: no more versions */
    struct buf err = BUF_INIT;
    struct store *s = store_open(f->db, STORE_READ_ONLY, &err);
    struct audit_head head;
    assert_int_equal(store_audit_verify(s, no_audit_problem, NULL, &head, &err), 0);
    int versions = 0;
    assert_int_equal(store_reg_versions(s, REG_GIFTS, "GH-1", true, count_version, &versions, &err),
                     0);
    assert_int_equal(versions, 3); /* recorded, changed, withdrawn */
    store_close(s);
    buf_free(&err);
    contracts_on_the_web(f);
}

/* A fund.allocate audit row by the account signed in, its actor into arg. */
static void allocate_audited(void *arg, const struct audit_entry *e)
{
    if (strcmp(e->action, "fund.allocate") == 0 && strcmp(e->object, "fund:R1") == 0)
        snprintf(arg, 64, "%s", e->by.actor);
}

static void count_allocation(void *arg, const struct fund_allocation_view *v)
{
    (void)v;
    ++*(int *)arg;
}

/* The allocation form on a round's page: only for the roles that may
 * allocate, the scoring accounts as checkboxes; wrong fields named with
 * what was chosen kept, nothing stored; then each of the two applications
 * given to two assessors, audited as the command line's, and on the
 * officer's marking page. */
static void allocation_on_the_web(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT, reasons = BUF_INIT;
    struct store *s = store_open(f->db, STORE_READ_WRITE, &err);
    assert_non_null(s);
    fixture_fund_round(s, 1);
    char ref[2][FUND_REF_SIZE];
    for (int i = 0; i < 2; i++) {
        struct fund_application a = {.round = "R1",
                                     .org_name = i ? "Tea Club" : "Safe Homes",
                                     .org_type = "charity",
                                     .org_id = i ? "GB-CHC-7654321" : "GB-CHC-1234567",
                                     .project = "Project",
                                     .amount_pence = 500000,
                                     .district = "Blaby"};
        bool ok = false;
        assert_int_equal(store_fund_apply(s, NULL, NULL, &a, &by, ref[i], &err), 0);
        assert_int_equal(store_fund_submit(s, ref[i], "2024-05-10", &by, &ok, &reasons, &err), 0);
        assert_true(ok);
    }
    store_close(s);
    char token[SESSION_TOKEN_SIZE], csrf[SESSION_TOKEN_SIZE], officer[SESSION_TOKEN_SIZE];
    char body[512];
    const char *R = "/staff/grants/R1", *A = "/staff/grants/R1/allocate";
    new_session(f, "officer", (int64_t)time(NULL), officer);
    assert_int_equal(get(f, R, officer), 200);
    assert_null(strstr(f->rs.body.p, "/allocate"));
    new_session(f, "monitoring-officer", (int64_t)time(NULL), token);
    session_csrf(token, csrf);
    assert_int_equal(get(f, R, token), 200);
    shows(f,
          (const char *[]){"action=\"/staff/grants/R1/allocate\"", "name=\"csrf\"",
                           "id=\"assessors\" value=\"finance-officer\"",
                           "value=\"monitoring-officer\"", "value=\"officer\"", "id=\"per\""},
          6);
    assert_null(strstr(f->rs.body.p, "value=\"commissioner\"")); /* does not mark */
    snprintf(body, sizeof body, "csrf=%s&per=x", csrf);
    assert_int_equal(post(f, A, token, body, NULL), 400);
    shows(f,
          (const char *[]){"<a href=\"#assessors\">Assessors: choose at least one.",
                           "<a href=\"#per\">Assessors for each application", "value=\"x\""},
          3);
    snprintf(body, sizeof body, "csrf=%s&assessor=officer&per=2", csrf);
    assert_int_equal(post(f, A, token, body, NULL), 400); /* per over the number chosen */
    shows(f, (const char *[]){"value=\"officer\" checked", "<a href=\"#per\">"}, 2);
    assert_null(strstr(f->rs.body.p, "href=\"#assessors\""));
    snprintf(body, sizeof body, "csrf=%s&assessor=officer&assessor=commissioner&per=1", csrf);
    assert_int_equal(post(f, A, token, body, NULL), 400); /* the store's refusal */
    shows(f, (const char *[]){"commissioner is not an assessor"}, 1);
    snprintf(body, sizeof body, "csrf=%s&assessor=officer&assessor=finance-officer&per=2", csrf);
    assert_int_equal(post(f, "/staff/grants/R9/allocate", token, body, NULL), 404);
    assert_int_equal(post(f, A, token, body, NULL), 303);
    assert_string_equal(web_response_header(&f->rs, "Location"), R);
    s = store_open(f->db, STORE_READ_ONLY, &err);
    int n = 0;
    char actor[64] = "";
    assert_int_equal(store_fund_allocations(s, "R1", NULL, count_allocation, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_int_equal(store_audit_list(s, 0, -1, allocate_audited, actor, &err), 0);
    assert_string_equal(actor, "monitoring-officer");
    store_close(s);
    assert_int_equal(get(f, "/staff/marking", officer), 200);
    shows(f, (const char *[]){ref[0], ref[1], "2 of the 2 allocated to you still to mark"}, 3);
    buf_free(&err);
    buf_free(&reasons);
}

/* A contract over £10,000 (C-1, its copy attached) and one under (C-2). */
static void two_contracts(struct fixture *f, char sha256[65])
{
    struct contract c[2] = {{.ref = "C-1",
                             .title = "Custody healthcare",
                             .supplier = "X Ltd",
                             .value_pence = 2500000,
                             .start_on = "2025-04-01"},
                            {.ref = "C-2",
                             .title = "Window cleaning",
                             .supplier = "Y Ltd",
                             .value_pence = 90000,
                             .start_on = "2025-05-01"}};
    char ends[DATE_TEXT_SIZE]; /* C-1 ends within the deadlines page's 90 days */
    date_format(date_today() + 30, ends);
    for (size_t i = 0; i < 2; i++) {
        c[i].ocid = i ? "ocds-xxxxxx-C-2" : "ocds-xxxxxx-C-1";
        c[i].description = c[i].department = c[i].supplier_id = "";
        c[i].method_details = "quote";
        c[i].document_url = c[i].review_on = "";
        c[i].end_on = i ? "" : ends;
        c[i].method = CONTRACT_LIMITED;
        c[i].sme = c[i].vcse = -1;
        c[i].vat_pence = -1;
        c[i].line = (long)i + 2;
    }
    struct buf err = BUF_INIT;
    struct store *s = store_open(f->db, STORE_READ_WRITE, &err);
    char file_sha[65];
    snprintf(file_sha, sizeof file_sha, "%064d", 0);
    const struct contract_source src = {"c.csv", file_sha};
    int versions[2];
    if (store_contracts_publish(s, c, 2, NULL, &src, &by, date_today(), false, versions, &err) != 0)
        fail_msg("%s", buf_str(&err));
    const char *const names[] = {"Jo Bloggs"};
    assert_int_equal(
        store_contract_copy_add(s, "C-1", "c1.pdf", "%PDF-1.4\n", 9, names, 1, &by, sha256, &err),
        0);
    store_close(s);
    buf_free(&err);
}

/* Run at the end of registers_on_the_web, on its fixture: a case's own
 * setup (a plan store, a password hashed) would cost more than its checks. */
static void contracts_on_the_web(struct fixture *f)
{
    char sha256[65], cfo[SESSION_TOKEN_SIZE], officer[SESSION_TOKEN_SIZE];
    two_contracts(f, sha256);
    new_session(f, "finance-officer", (int64_t)time(NULL), cfo);
    new_session(f, "officer", (int64_t)time(NULL), officer);
    /* the staff home page links the list; the list links each contract */
    assert_int_equal(get(f, "/staff", officer), 200);
    shows(f, (const char *[]){"<a href=\"/staff/contracts\">Contracts</a>"}, 1);
    assert_int_equal(get(f, "/staff/contracts", cfo), 200);
    char short_sha[64];
    snprintf(short_sha, sizeof short_sha, "SHA-256 <code>%.12s</code>", sha256);
    shows(f,
          (const char *[]){"href=\"/staff/contracts/C-1\"", short_sha,
                           "<a href=\"/staff/contracts/C-1/copy\">attach a new copy</a>",
                           "Not required (&#163;10,000 or less)"},
          4);
    assert_null(strstr(f->rs.body.p, "/staff/contracts/C-2/copy")); /* no copy asked for */
    assert_int_equal(get(f, "/staff/contracts/C-1", cfo), 200);
    shows(f, (const char *[]){sha256, "Attach a new redacted copy", "/documents/"}, 3);
    assert_null(strstr(f->rs.body.p, "Jo Bloggs")); /* the strings are private */
    assert_int_equal(get(f, "/staff/contracts/C-2", cfo), 200);
    shows(f, (const char *[]){"No copy is attached", "/staff/contracts/C-2/copy"}, 2);
    assert_int_equal(get(f, "/staff/contracts/C-2/copy", cfo), 200);
    shows(f, (const char *[]){"Back to the contract"}, 1);
    /* an officer reads the register but may not attach: no link to a 403 */
    assert_int_equal(get(f, "/staff/contracts", officer), 200);
    shows(f, (const char *[]){short_sha}, 1);
    assert_null(strstr(f->rs.body.p, "/copy\""));
    assert_int_equal(get(f, "/staff/contracts/C-1", officer), 200);
    shows(f, (const char *[]){sha256}, 1);
    assert_null(strstr(f->rs.body.p, "/copy\""));
    assert_int_equal(get(f, "/staff/contracts/C-1/copy", officer), 403);
    assert_int_equal(get(f, "/staff/contracts/C-9", cfo), 404);
    contract_plan_on_the_web(f, cfo, officer);
}

/* The funding source and the plan's missions of C-1 (two_contracts): the
 * form for the finance roles only, a change a new version with its reason,
 * shown by the missions' titles on the public page; its end on the
 * deadlines page. */
static void contract_plan_on_the_web(struct fixture *f, const char *cfo, const char *officer)
{
    assert_int_equal(get(f, "/staff/contracts/C-1", officer), 200);
    assert_null(strstr(f->rs.body.p, "/staff/contracts/C-1/plan"));
    assert_int_equal(get(f, "/staff/contracts/C-1/plan", officer), 403);
    assert_int_equal(get(f, "/staff/contracts/C-1", cfo), 200);
    shows(f, (const char *[]){"href=\"/staff/contracts/C-1/plan\"", "Funding source"}, 2);
    assert_int_equal(get(f, "/staff/contracts/C-1/plan", cfo), 200);
    shows(f,
          (const char *[]){"name=\"serves-m1\"", "name=\"serves-m1-s1\"", "<legend>M</legend>",
                           "name=\"funding\""},
          4);
    char csrf[SESSION_TOKEN_SIZE], body[256];
    session_csrf(cfo, csrf);
    snprintf(body, sizeof body, "csrf=%s&funding=Safer+Streets+grant&serves-m1-s1=yes", csrf);
    assert_int_equal(post(f, "/staff/contracts/C-1/plan", cfo, body, NULL), 400); /* no reason */
    snprintf(body, sizeof body,
             "csrf=%s&funding=Safer+Streets+grant&serves-m1-s1=yes&reason=Grant+confirmed", csrf);
    assert_int_equal(post(f, "/staff/contracts/C-1/plan", cfo, body, NULL), 303);
    assert_int_equal(post(f, "/staff/contracts/C-1/plan", cfo, body, NULL), 400); /* unchanged */
    assert_int_equal(get(f, "/staff/contracts/C-1", cfo), 200);
    shows(f, (const char *[]){"Safer Streets grant", "<dd>S</dd>", "Version</dt><dd>2,"}, 3);
    assert_int_equal(get(f, "/contracts/C-1", NULL), 200);
    shows(f, (const char *[]){"Safer Streets grant", "Grant confirmed"}, 2);
    assert_int_equal(get(f, "/contracts", NULL), 200);
    shows(f, (const char *[]){"<td>Safer Streets grant<br>Serves: S</td>"}, 1);
    assert_int_equal(get(f, "/staff/clocks", officer), 200);
    shows(f,
          (const char *[]){"Contracts and tenders ending in the next 90 days",
                           "Contract ends: Custody healthcare (X Ltd) on ", ": ends in 30 days"},
          3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_role_against_every_route, setup, teardown),
        cmocka_unit_test_setup_teardown(csrf_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(signin_same_answer_then_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(signin_limited_per_address, setup, teardown),
        cmocka_unit_test_setup_teardown(fixation_and_sign_out, setup, teardown),
        cmocka_unit_test_setup_teardown(home_lists_overdue, setup, teardown),
        cmocka_unit_test_setup_teardown(sessions_end, setup, teardown),
        cmocka_unit_test(decision_routes_agree_with_the_model),
        cmocka_unit_test_setup_teardown(two_step_sign_in, setup, teardown),
        cmocka_unit_test_setup_teardown(password_change, setup, teardown),
        cmocka_unit_test_setup_teardown(accounts_on_the_web, setup, teardown),
        cmocka_unit_test_setup_teardown(casework_routes, setup, teardown),
        cmocka_unit_test_setup_teardown(complaints_report_published, setup, teardown),
        cmocka_unit_test_setup_teardown(registers_on_the_web, setup, teardown),
        cmocka_unit_test_setup_teardown(allocation_on_the_web, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
