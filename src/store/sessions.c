/*
 * sessions.c - staff sessions, their start and end audited (see
 * sessions.h).
 */
#include "store/sessions.h"
#include "store/accounts.h"
#include "store/store_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

/* The session as the audit log keeps it: never its token or the hash. */
static char *session_json(struct store *s, int64_t id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT a.username, s.client, s.started_at, s.ended_at,"
                                     " s.end_reason FROM session s JOIN account a"
                                     " ON a.id = s.account_id WHERE s.id = ?1",
                                     err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        json_t *j = json_object();
        json_object_set_new(j, "session", json_integer(id));
        json_object_set_new(j, "username", json_string((const char *)sqlite3_column_text(st, 0)));
        json_object_set_new(j, "client", json_string((const char *)sqlite3_column_text(st, 1)));
        json_object_set_new(j, "started_at", json_integer(sqlite3_column_int64(st, 2)));
        bool ended = sqlite3_column_type(st, 3) != SQLITE_NULL;
        json_object_set_new(j, "ended_at",
                            ended ? json_integer(sqlite3_column_int64(st, 3)) : json_null());
        json_object_set_new(j, "end_reason",
                            ended ? json_string((const char *)sqlite3_column_text(st, 4))
                                  : json_null());
        out = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(j);
    } else {
        store_fail(s, err, "reading a session");
    }
    sqlite3_finalize(st);
    return out;
}

/* Writes the audit row for session id (before: its JSON then, or NULL),
 * inside the caller's transaction. */
static int audit_session(struct store *s, const char *action, int64_t id, const char *before,
                         const struct audit_origin *by, struct buf *err)
{
    char *after = session_json(s, id, err);
    if (!after)
        return -1;
    char object[80];
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT a.username FROM session s JOIN account a ON a.id = s.account_id"
                      " WHERE s.id = ?1",
                      err);
    int rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(object, sizeof object, "account:%s", (const char *)sqlite3_column_text(st, 0));
            struct audit_entry e = {
                .by = *by, .action = action, .object = object, .before = before, .after = after};
            rc = store_audit_append(s, &e, err);
        } else {
            rc = store_fail(s, err, "reading a session's account");
        }
        sqlite3_finalize(st);
    }
    free(after);
    return rc;
}

/* The enabled account's id: ACCOUNT_OK, ACCOUNT_UNKNOWN or ACCOUNT_DISABLED. */
static int enabled_account(struct store *s, const char *username, int64_t *id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT id, disabled_at IS NOT NULL FROM account WHERE username = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int status = rc == SQLITE_ROW    ? (sqlite3_column_int(st, 1) ? ACCOUNT_DISABLED : ACCOUNT_OK)
                 : rc == SQLITE_DONE ? ACCOUNT_UNKNOWN
                                     : -1;
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return status >= 0 ? status : store_fail(s, err, "reading an account");
}

static int insert_session(struct store *s, int64_t account, const char *token_hash,
                          const char *client, int64_t now, int64_t *id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO session(token_hash, account_id, client,"
                                     " started_at, seen_at) VALUES(?1, ?2, ?3, ?4, ?4)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, account);
    sqlite3_bind_text(st, 3, client, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "starting a session");
    *id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int store_session_start(struct store *s, const char *username, const char *token_hash, int64_t now,
                        const struct audit_origin *by, int64_t *id, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int64_t account = 0;
    int rc = enabled_account(s, username, &account, err);
    if (rc == ACCOUNT_OK)
        rc = insert_session(s, account, token_hash, by->origin, now, id, err);
    if (rc == 0)
        rc = audit_session(s, "session.start", *id, NULL, by, err);
    return store_finish(s, rc, err);
}

int store_session_find(struct store *s, const char *token_hash, struct session *out,
                       struct buf *err)
{
    /* a reset or a disable ends the account's sessions (accounts.c); the
     * account is checked too, against a change made behind peel's back */
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT s.id, a.username, a.name, a.role, s.started_at, s.seen_at"
                      " FROM session s JOIN account a ON a.id = s.account_id"
                      " WHERE s.token_hash = ?1 AND s.ended_at IS NULL AND a.disabled_at IS NULL",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = (struct session){.id = sqlite3_column_int64(st, 0),
                                .started_at = sqlite3_column_int64(st, 4),
                                .seen_at = sqlite3_column_int64(st, 5)};
        snprintf(out->username, sizeof out->username, "%s", sqlite3_column_text(st, 1));
        snprintf(out->name, sizeof out->name, "%s", sqlite3_column_text(st, 2));
        snprintf(out->role, sizeof out->role, "%s", sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW;
    return store_fail(s, err, "reading a session");
}

int store_session_touch(struct store *s, int64_t id, int64_t now, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s, "UPDATE session SET seen_at = ?2 WHERE id = ?1 AND ended_at IS NULL", err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "recording a session's use");
}

int store_session_end(struct store *s, int64_t id, const char *reason, int64_t now,
                      const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    char *before = session_json(s, id, err);
    int rc = before ? 0 : -1;
    sqlite3_stmt *st = rc == 0 ? store_prepare(s,
                                               "UPDATE session SET ended_at = ?2, end_reason = ?3"
                                               " WHERE id = ?1 AND ended_at IS NULL",
                                               err)
                               : NULL;
    if (rc == 0 && !st)
        rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, now);
        sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "ending a session");
        sqlite3_finalize(st);
        if (rc == 0 && sqlite3_changes(s->db) == 0)
            rc = 1; /* it had ended: nothing to audit */
    }
    if (rc == 0)
        rc = audit_session(s, "session.end", id, before, by, err);
    free(before);
    return store_finish(s, rc, err); /* 1, had ended: rolled back, nothing written */
}
