/*
 * cmd_user.c - `peel user`: the Office's staff accounts (store/accounts.h).
 *
 *   peel user add USERNAME --role ROLE --name NAME [--password-stdin]
 *   peel user list [--format table|csv|json]
 *   peel user roles [--format table|csv|json]
 *   peel user disable USERNAME --reason TEXT
 *   peel user reset USERNAME [--password-stdin]
 *   peel user reset-2fa USERNAME
 *   peel user role USERNAME --role ROLE
 *
 * A password is never an argument (the process list and the shell's
 * history would keep it): it is made at random and printed once, or read
 * from standard input. Every change is audited, as done by "cli:USER"
 * with the command line (which holds no password).
 */
#include "cli/commands.h"
#include "store/account_totp.h"
#include "store/accounts.h"
#include "util/password.h"

#include <ctype.h>
#include <sodium.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user_args {
    const char *username, *role, *name, *reason;
    bool password_stdin;
    enum table_format format;
};

/* The options every action shares; the action is argv[1]. 0, or 2 after
 * saying what is wrong. */
static int parse(int argc, char **argv, struct user_args *a)
{
    static const struct option longopts[] = {
        {"role", required_argument, NULL, 'r'},   {"name", required_argument, NULL, 'n'},
        {"reason", required_argument, NULL, 'R'}, {"password-stdin", no_argument, NULL, 'p'},
        {"format", required_argument, NULL, 'F'}, {NULL, 0, NULL, 0}};
    *a = (struct user_args){.format = TABLE_AUTO};
    int c;
    cli_reset_getopt();
    /* from the action on: options and the username in any order */
    argc--, argv++;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'r')
            a->role = optarg;
        else if (c == 'n')
            a->name = optarg;
        else if (c == 'R')
            a->reason = optarg;
        else if (c == 'p')
            a->password_stdin = true;
        else if (c != 'F' || !cli_parse_format(optarg, &a->format))
            return cli_usage_error(
                &cmd_user, c == 'F' ? "--format must be table, csv or json" : "unknown option '%s'",
                argv[optind - 1]);
    }
    if (optind < argc)
        a->username = argv[optind++];
    if (optind < argc)
        return cli_usage_error(&cmd_user, "unexpected argument '%s'", argv[optind]);
    return 0;
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* The new password: one line from stdin, or made at random into shown
 * (to be printed once the change is stored; "" when read from stdin). Its
 * hash into hash; 0, or 1/2 after saying why not. */
static int new_password(const struct user_args *a, char shown[PASSWORD_NEW_LENGTH + 1],
                        char hash[PASSWORD_HASH_SIZE])
{
    char pw[PASSWORD_MAX_BYTES + 2];
    shown[0] = '\0';
    if (a->password_stdin) {
        if (!fgets(pw, sizeof pw, stdin)) {
            fprintf(stderr, "peel user: --password-stdin: nothing on standard input\n");
            return EXIT_USAGE;
        }
        pw[strcspn(pw, "\r\n")] = '\0';
        const char *why = password_refused(pw);
        if (why) {
            fprintf(stderr, "peel user: the password is %s\n", why);
            return EXIT_USAGE;
        }
    } else {
        password_new(shown);
        snprintf(pw, sizeof pw, "%s", shown);
    }
    bool ok = password_hash(pw, hash);
    sodium_memzero(pw, sizeof pw);
    if (!ok)
        fprintf(stderr, "peel user: not enough memory to hash the password (argon2id)\n");
    return ok ? 0 : 1;
}

/* A password made here, printed once, after the change is stored. */
static void show_password(const char *username, char shown[PASSWORD_NEW_LENGTH + 1])
{
    if (shown[0])
        printf("Password for %s, shown once (give it to them in person; they can change it "
               "on /staff/account once signed in):\n%s\n",
               username, shown);
    sodium_memzero(shown, PASSWORD_NEW_LENGTH + 1);
}

/* What a store answer means, said once for every action. */
static int report(int rc, const struct user_args *a, const char *done, const struct buf *err)
{
    switch (rc) {
    case ACCOUNT_OK:
        printf("%s: %s\n", a->username, done);
        return 0;
    case ACCOUNT_TAKEN:
        fprintf(stderr, "peel user: '%s' is taken (usernames are never reused)\n", a->username);
        return 1;
    case ACCOUNT_NO_ROLE:
        fprintf(stderr, "peel user: no role '%s' (peel user roles lists them)\n", a->role);
        return EXIT_USAGE;
    case ACCOUNT_UNKNOWN:
        fprintf(stderr, "peel user: no account '%s'\n", a->username);
        return 1;
    case ACCOUNT_DISABLED:
        fprintf(stderr, "peel user: '%s' is disabled\n", a->username);
        return 1;
    }
    fprintf(stderr, "peel user: %s\n", buf_str(err));
    return 1;
}

static int user_add(struct store *s, const struct user_args *a, const struct audit_origin *by)
{
    if (!a->username || !account_username_ok(a->username))
        return cli_usage_error(&cmd_user, "add: a USERNAME of 2 to 64 lower-case letters, "
                                          "digits, '.', '_' or '-'");
    if (!a->role || blank(a->name))
        return cli_usage_error(&cmd_user, "add: --role and --name are required");
    /* the store refuses a taken username or an unknown role; a password
     * made here is shown only once the account is stored */
    char hash[PASSWORD_HASH_SIZE], shown[PASSWORD_NEW_LENGTH + 1];
    int rc = new_password(a, shown, hash);
    if (rc)
        return rc;
    struct account acc = {.username = a->username, .name = a->name, .role = a->role};
    struct buf err = BUF_INIT;
    rc = report(store_account_add(s, &acc, hash, by, &err), a, "added", &err);
    if (rc == 0)
        show_password(a->username, shown);
    buf_free(&err);
    return rc;
}

static int user_disable(struct store *s, const struct user_args *a, const struct audit_origin *by)
{
    if (!a->username || blank(a->reason))
        return cli_usage_error(&cmd_user, "disable: a USERNAME and a --reason that says "
                                          "something");
    struct buf err = BUF_INIT;
    int rc = store_account_disable(s, a->username, a->reason, by, &err);
    rc = report(rc, a, "disabled: it can no longer sign in", &err);
    buf_free(&err);
    return rc;
}

static int user_role(struct store *s, const struct user_args *a, const struct audit_origin *by)
{
    if (!a->username || !a->role)
        return cli_usage_error(&cmd_user, "role: a USERNAME and its new --role");
    struct buf err = BUF_INIT;
    int rc = store_account_set_role(s, a->username, a->role, by, &err);
    rc = report(rc, a, "role changed; its sessions ended: it signs in again", &err);
    buf_free(&err);
    return rc;
}

static int user_reset(struct store *s, const struct user_args *a, const struct audit_origin *by)
{
    if (!a->username)
        return cli_usage_error(&cmd_user, "reset: a USERNAME");
    /* the store refuses an unknown or disabled account */
    char hash[PASSWORD_HASH_SIZE], shown[PASSWORD_NEW_LENGTH + 1];
    int rc = new_password(a, shown, hash);
    if (rc)
        return rc;
    struct buf err = BUF_INIT;
    rc = report(store_account_set_password(s, a->username, hash, by, &err), a, "password reset",
                &err);
    if (rc == 0)
        show_password(a->username, shown);
    buf_free(&err);
    return rc;
}

static void add_account(void *arg, const struct account *a)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, a->username);
    table_set_text(t, r, 1, a->name);
    table_set_text(t, r, 2, a->role);
    table_set_text(t, r, 3, a->disabled_at ? "disabled" : "active");
    table_set_text(t, r, 4, a->created_at);
    table_set_text(t, r, 5, a->password_set_at);
    table_set_text(t, r, 6, a->disabled_at);
    table_set_text(t, r, 7, a->disabled_reason);
}

static void add_role(void *arg, const struct role *ro)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, ro->name);
    table_set_text(t, r, 1, ro->title);
    table_set_text(t, r, 2, ro->summary);
}

static int user_list(struct store *s, const struct user_args *a, bool roles)
{
    static const char *const acols[] = {"username",    "name",           "role",
                                        "state",       "created_at",     "password_set_at",
                                        "disabled_at", "disabled_reason"};
    static const char *const rcols[] = {"role", "title", "may"};
    struct table t;
    if (roles)
        table_init(&t, 3, rcols);
    else
        table_init(&t, 8, acols);
    struct buf err = BUF_INIT;
    int rc = roles ? store_roles(s, add_role, &t, &err) : store_accounts(s, add_account, &t, &err);
    if (rc == 0) {
        table_set_title(&t, roles ? "Roles" : "Staff accounts");
        table_render(&t, a->format, stdout);
    } else {
        fprintf(stderr, "peel user: %s\n", buf_str(&err));
    }
    table_free(&t);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

/* Turns an account's two-step sign-in off (a lost phone): it signs in with
 * its password alone until its holder sets it up again. */
static int user_reset_2fa(struct store *s, const struct user_args *a, const struct audit_origin *by)
{
    if (!a->username)
        return cli_usage_error(&cmd_user, "reset-2fa: a USERNAME");
    struct buf err = BUF_INIT;
    int rc = store_totp_remove(s, a->username, by, &err);
    if (rc < 0)
        fprintf(stderr, "peel user: %s\n", buf_str(&err));
    else if (rc == 1)
        fprintf(stderr, "peel user: '%s' has no two-step sign-in (or no such account)\n",
                a->username);
    else
        printf("%s: two-step sign-in is off; they may set it up again on the staff side\n",
               a->username);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int run_user(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"add",   "list",      "roles", "disable",
                                          "reset", "reset-2fa", "role"};
    int i = cli_action_of(&cmd_user, argc, argv, actions, 7);
    if (i < 0)
        return EXIT_USAGE;
    /* as typed: getopt reorders argv */
    char *command = cli_command_line(argc, argv);
    struct user_args a;
    int rc = parse(argc, argv, &a);
    struct store *s = rc ? NULL : cli_store_create(ctx); /* setting up: roles need none */
    if (rc || !s) {
        free(command);
        return rc ? rc : 1;
    }
    const char *user = cli_user_name();
    char actor[128];
    snprintf(actor, sizeof actor, "cli:%s", user ? user : "unknown");
    struct audit_origin by = {actor, command};
    rc = i == 0   ? user_add(s, &a, &by)
         : i == 3 ? user_disable(s, &a, &by)
         : i == 4 ? user_reset(s, &a, &by)
         : i == 5 ? user_reset_2fa(s, &a, &by)
         : i == 6 ? user_role(s, &a, &by)
                  : user_list(s, &a, i == 2);
    free(command);
    return rc;
}

const struct peel_cmd cmd_user = {
    "user",
    run_user,
    "add, list, disable, reset and change the role of the Office's staff accounts",
    "peel user add USERNAME --role ROLE --name NAME [--password-stdin]\n"
    "       peel user list|roles [--format table|csv|json]\n"
    "       peel user disable USERNAME --reason TEXT\n"
    "       peel user reset USERNAME [--password-stdin]\n"
    "       peel user reset-2fa USERNAME\n"
    "       peel user role USERNAME --role ROLE",
    "The staff accounts that sign in to the staff side of peel serve. Each has a username\n"
    "(2 to 64 lower-case letters, digits, '.', '_' or '-'), a display name and one role\n"
    "(peel user roles lists them: officer, finance-officer, monitoring-officer,\n"
    "commissioner, deputy, panel-member, auditor, administrator).\n"
    "\n"
    "A password is never an argument. add and reset make one at random (20 characters,\n"
    "99 bits) and print it once, or read one line from standard input with\n"
    "--password-stdin (at least 12 characters). Only its argon2id hash is stored.\n"
    "An account is never deleted: disable it, saying why, and what it did stays\n"
    "attributed to it. A username is never reused.\n"
    "\n"
    "Two-step sign-in (a code from an authenticator app) is set up by each account's\n"
    "holder on the staff side (/staff/account); reset-2fa turns it off when the phone\n"
    "is lost. role gives an account another role and ends its sessions.\n"
    "\n"
    "Every change is written to the audit log with who ran the command and the command\n"
    "line (peel audit list; peel audit verify checks the log's hash chain).\n"
    "\n"
    "Examples:\n"
    "  peel user add jsmith --role officer --name 'Jo Smith'\n"
    "  printf '%s\\n' \"$PASSWORD\" | peel user reset jsmith --password-stdin\n"
    "  peel user disable jsmith --reason 'Left the Office, 2026-11-30'\n"
    "  peel user list --format csv\n",
};
