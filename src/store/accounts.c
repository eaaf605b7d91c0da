/*
 * accounts.c - staff accounts, each change audited (see accounts.h).
 */
#include "store/accounts.h"
#include "store/store_internal.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_roles(struct store *s, role_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT name, title, summary FROM role ORDER BY rowid", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct role r = {(const char *)sqlite3_column_text(st, 0),
                         (const char *)sqlite3_column_text(st, 1),
                         (const char *)sqlite3_column_text(st, 2)};
        fn(arg, &r);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the roles");
}

#define ACCOUNT_COLUMNS                                                                            \
    "id, username, name, role, created_at, password_set_at, disabled_at, disabled_reason"

bool account_username_ok(const char *u)
{
    size_t n = u ? strlen(u) : 0;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)u[i]) || isdigit((unsigned char)u[i]) || strchr("._-", u[i])))
            return false;
    return n >= 2 && n <= 64;
}

static void account_from(sqlite3_stmt *st, struct account *a)
{
    const char *c[7];
    for (int i = 0; i < 7; i++)
        c[i] = (const char *)sqlite3_column_text(st, i + 1);
    *a = (struct account){sqlite3_column_int64(st, 0), c[0], c[1], c[2], c[3], c[4], c[5], c[6]};
}

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The account as the audit log keeps it (never the password hash), as
 * compact JSON with sorted keys into out; NULL (out untouched) when there
 * is no such account. 0, or -1 with err. */
static int account_json(struct store *s, const char *username, char **out, struct buf *err)
{
    *out = NULL;
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE username = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        struct account a;
        account_from(st, &a);
        json_t *j = json_object();
        json_object_set_new(j, "username", json_string(a.username));
        json_object_set_new(j, "name", json_string(a.name));
        json_object_set_new(j, "role", json_string(a.role));
        json_object_set_new(j, "created_at", json_string(a.created_at));
        json_object_set_new(j, "password_set_at", json_string(a.password_set_at));
        json_object_set_new(j, "disabled_at", text_or_null(a.disabled_at));
        json_object_set_new(j, "disabled_reason", text_or_null(a.disabled_reason));
        *out = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(j);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    return store_fail(s, err, "reading an account");
}

/* One statement on one account: ?1 the username, ?2... the texts given. */
static int run(struct store *s, const char *sql, const char *username, const char *const *texts,
               int n, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(st, i + 2, texts[i], -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "changing an account");
}

/* Says why a change cannot be made to the account as it is (ACCOUNT_*),
 * before anything is written; 0 when it can. */
typedef int (*refuse_fn)(struct store *s, const char *username, struct buf *err);

/* Ends the account's live sessions (store/sessions.h), saying why: a
 * disabled account or a new password must sign no one in from then on. */
static int end_sessions(struct store *s, const char *username, const char *why, struct buf *err)
{
    const char *texts[] = {why};
    return run(s,
               "UPDATE session SET ended_at = CAST(strftime('%s', 'now') AS INTEGER),"
               " end_reason = ?2 WHERE ended_at IS NULL"
               " AND account_id = (SELECT id FROM account WHERE username = ?1)",
               username, texts, 1, err);
}

/* The change `sql` to the account and its audit row, in one transaction;
 * with ends_sessions (a reason), the account's sessions end with it. */
static int audited(struct store *s, const char *action, const char *username, refuse_fn refuse,
                   const char *sql, const char *const *texts, int n, const char *ends_sessions,
                   const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    char *before = NULL, *after = NULL;
    int rc = account_json(s, username, &before, err);
    if (rc == 0)
        rc = refuse(s, username, err);
    if (rc == 0)
        rc = run(s, sql, username, texts, n, err);
    if (rc == 0 && ends_sessions)
        rc = end_sessions(s, username, ends_sessions, err);
    if (rc == 0)
        rc = account_json(s, username, &after, err);
    if (rc == 0) {
        char object[128];
        snprintf(object, sizeof object, "account:%s", username);
        struct audit_entry e = {
            .by = *by, .action = action, .object = object, .before = before, .after = after};
        rc = store_audit_append(s, &e, err);
    }
    free(before);
    free(after);
    return store_finish(s, rc, err);
}

/* The count `sql` gives for one bound text; -1 with err. */
static int count(struct store *s, const char *sql, const char *text, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n >= 0 ? n : store_fail(s, err, "counting accounts or roles");
}

#define ACCOUNTS_NAMED "SELECT count(*) FROM account WHERE username = ?1"

static int refuse_taken(struct store *s, const char *username, struct buf *err)
{
    int n = count(s, ACCOUNTS_NAMED, username, err);
    return n < 0 ? -1 : n > 0 ? ACCOUNT_TAKEN : 0;
}

static int refuse_unknown_or_disabled(struct store *s, const char *username, struct buf *err)
{
    int n = count(s, ACCOUNTS_NAMED, username, err);
    int enabled = n > 0 ? count(s, ACCOUNTS_NAMED " AND disabled_at IS NULL", username, err) : 0;
    if (n < 0 || enabled < 0)
        return -1;
    return n == 0 ? ACCOUNT_UNKNOWN : enabled == 0 ? ACCOUNT_DISABLED : 0;
}

int store_account_add(struct store *s, const struct account *a, const char *password_hash,
                      const struct audit_origin *by, struct buf *err)
{
    int known = count(s, "SELECT count(*) FROM role WHERE name = ?1", a->role, err);
    if (known <= 0)
        return known < 0 ? -1 : ACCOUNT_NO_ROLE;
    const char *texts[] = {a->name, a->role, password_hash};
    return audited(s, "account.add", a->username, refuse_taken,
                   "INSERT INTO account(username, name, role, password_hash, created_at,"
                   " password_set_at) VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", " STORE_NOW ")",
                   texts, 3, NULL, by, err);
}

int store_account_disable(struct store *s, const char *username, const char *reason,
                          const struct audit_origin *by, struct buf *err)
{
    const char *texts[] = {reason};
    return audited(s, "account.disable", username, refuse_unknown_or_disabled,
                   "UPDATE account SET disabled_at = " STORE_NOW ", disabled_reason = ?2"
                   " WHERE username = ?1",
                   texts, 1, "account disabled", by, err);
}

int store_account_set_role(struct store *s, const char *username, const char *role,
                           const struct audit_origin *by, struct buf *err)
{
    int known = count(s, "SELECT count(*) FROM role WHERE name = ?1", role, err);
    if (known <= 0)
        return known < 0 ? -1 : ACCOUNT_NO_ROLE;
    const char *texts[] = {role};
    return audited(s, "account.role", username, refuse_unknown_or_disabled,
                   "UPDATE account SET role = ?2 WHERE username = ?1", texts, 1, "role changed", by,
                   err);
}

int store_account_set_password(struct store *s, const char *username, const char *password_hash,
                               const struct audit_origin *by, struct buf *err)
{
    const char *texts[] = {password_hash};
    return audited(s, "account.password", username, refuse_unknown_or_disabled,
                   "UPDATE account SET password_hash = ?2, password_set_at = " STORE_NOW
                   " WHERE username = ?1",
                   texts, 1, "password reset", by, err);
}

int store_accounts(struct store *s, account_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " ACCOUNT_COLUMNS " FROM account ORDER BY username", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct account a;
        account_from(st, &a);
        fn(arg, &a);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the accounts");
}

int store_account_password(struct store *s, const char *username, char hash[128], bool *disabled,
                           struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT password_hash, disabled_at IS NOT NULL FROM account WHERE username = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(hash, 128, "%s", (const char *)sqlite3_column_text(st, 0));
        *disabled = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return ACCOUNT_OK;
    return rc == SQLITE_DONE ? ACCOUNT_UNKNOWN : store_fail(s, err, "reading an account");
}
