/*
 * sessions.h - who is signed in to the staff side of `peel serve`.
 *
 * A session belongs to one account. Its cookie holds a random token that
 * the store never sees: it keeps the token's SHA-256 (token_hash, 64 hex
 * digits), so a copy of the database, or of a backup, signs no one in.
 * A session is found only while it has not ended and its account is
 * enabled: a disable or a password reset ends every session of the account
 * in its own transaction (store/accounts.c).
 *
 * Time-outs are the web layer's policy (web/session.h): the store keeps
 * when a session started and was last seen, in Unix seconds. Starting and
 * ending one are changes, each audited with its row in one transaction
 * (session.start, session.end); being seen is bookkeeping, not audited.
 */
#ifndef PEEL_STORE_SESSIONS_H
#define PEEL_STORE_SESSIONS_H

#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

#define SESSION_NAME_SIZE 128 /* a display name, cut to fit for the page header */

struct session {
    int64_t id;
    char username[65];
    char name[SESSION_NAME_SIZE];
    char role[32];
    int64_t started_at, seen_at; /* Unix seconds */
};

/* Starts a session for username (ACCOUNT_OK with *id), or ACCOUNT_UNKNOWN /
 * ACCOUNT_DISABLED (store/accounts.h), or -1 with err. `by` says who (the
 * account) and from where (the client's address). */
int store_session_start(struct store *s, const char *username, const char *token_hash, int64_t now,
                        const struct audit_origin *by, int64_t *id, struct buf *err);

/* The live session with this token hash: 1 with *out, 0 when there is none
 * (unknown, ended, the account disabled), -1 with
 * err. Takes no write lock: a read-only connection will do. */
int store_session_find(struct store *s, const char *token_hash, struct session *out,
                       struct buf *err);

/* Records that the session was seen at `now` (for the idle time-out). */
int store_session_touch(struct store *s, int64_t id, int64_t now, struct buf *err);

/* Ends a live session, saying why ("signed out"), audited as session.end.
 * 0, 1 when it had already ended (nothing written), or -1 with err. */
int store_session_end(struct store *s, int64_t id, const char *reason, int64_t now,
                      const struct audit_origin *by, struct buf *err);

#endif
