/*
 * account_totp.c - an account's second factor, audited (see
 * account_totp.h).
 */
#include "store/account_totp.h"
#include "store/accounts.h"
#include "store/store_internal.h"

#include <stdio.h>

#define ACCOUNT_ID "(SELECT id FROM account WHERE username = ?1)"

int store_totp_get(struct store *s, const char *username, struct account_totp *out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT secret, confirmed_at IS NOT NULL, last_step"
                                     " FROM account_totp WHERE account_id = " ACCOUNT_ID,
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(out->secret, sizeof out->secret, "%s", sqlite3_column_text(st, 0));
        out->confirmed = sqlite3_column_int(st, 1);
        out->last_step = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW;
    return store_fail(s, err, "reading a second factor");
}

/* One statement: ?1 the username, ?2 text, ?3 a number (those it has;
 * binding a parameter a statement lacks is a no-op); the rows changed. */
static int run(struct store *s, const char *sql, const char *username, const char *text, int64_t n,
               struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, n);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? sqlite3_changes(s->db)
                             : store_fail(s, err, "changing a second factor");
}

/* Whether sql (?1 the username) finds a row: 1, 0, or -1 with err. */
static int found(struct store *s, const char *sql, const char *username, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading accounts");
}

static int audit(struct store *s, const char *action, const char *username, const char *after,
                 const struct audit_origin *by, struct buf *err)
{
    char object[128];
    snprintf(object, sizeof object, "account:%s", username);
    struct audit_entry e = {.by = *by, .action = action, .object = object, .after = after};
    return store_audit_append(s, &e, err);
}

int store_totp_start(struct store *s, const char *username, const char *secret,
                     const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int known = found(s, "SELECT 1 FROM account WHERE username = ?1 AND disabled_at IS NULL",
                      username, err);
    int in_use = known == 1 ? found(s,
                                    "SELECT 1 FROM account_totp WHERE account_id = " ACCOUNT_ID
                                    " AND confirmed_at IS NOT NULL",
                                    username, err)
                            : 0;
    int rc = known < 0 || in_use < 0 ? -1 : known == 0 ? ACCOUNT_UNKNOWN : in_use ? 1 : 0;
    if (rc == 0 && run(s, "DELETE FROM account_totp WHERE account_id = " ACCOUNT_ID, username, NULL,
                       0, err) < 0)
        rc = -1;
    if (rc == 0 && run(s,
                       "INSERT INTO account_totp(account_id, secret, created_at)"
                       " VALUES(" ACCOUNT_ID ", ?2, " STORE_NOW ")",
                       username, secret, 0, err) < 0)
        rc = -1;
    if (rc == 0)
        rc = audit(s, "totp.start", username, "{\"confirmed\":false}", by, err);
    return store_finish(s, rc, err);
}

int store_totp_confirm(struct store *s, const char *username, int64_t step,
                       const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int n = run(s,
                "UPDATE account_totp SET confirmed_at = " STORE_NOW ", last_step = ?3"
                " WHERE account_id = " ACCOUNT_ID " AND confirmed_at IS NULL",
                username, NULL, step, err);
    int rc = n < 0 ? -1 : n == 0 ? 1 : 0;
    if (rc == 0)
        rc = audit(s, "totp.confirm", username, "{\"confirmed\":true}", by, err);
    return store_finish(s, rc, err);
}

int store_totp_use(struct store *s, const char *username, int64_t step, struct buf *err)
{
    /* one statement: two sign-ins with the same code cannot both pass */
    int n = run(s,
                "UPDATE account_totp SET last_step = ?3 WHERE account_id = " ACCOUNT_ID
                " AND last_step < ?3",
                username, NULL, step, err);
    return n < 0 ? -1 : n == 0 ? 1 : 0;
}

int store_totp_remove(struct store *s, const char *username, const struct audit_origin *by,
                      struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int n =
        run(s, "DELETE FROM account_totp WHERE account_id = " ACCOUNT_ID, username, NULL, 0, err);
    int rc = n < 0 ? -1 : n == 0 ? 1 : 0;
    if (rc == 0)
        rc = audit(s, "totp.remove", username, "{\"confirmed\":null}", by, err);
    return store_finish(s, rc, err);
}
