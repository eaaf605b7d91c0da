/*
 * accounts.h - the Office's staff accounts and their roles (`peel user`;
 * the staff side of `peel serve` signs in against them).
 *
 * An account has a username (lower-case letters, digits, '.', '_', '-'),
 * a display name, one role (roles are data: store_roles) and an argon2id
 * password hash (util/password.h): the store never sees a password. An
 * account is never deleted, only disabled with a reason, so that what it
 * did stays attributed. Every change is written to the audit log in the
 * same transaction (audit.h), with the account before and after as JSON,
 * never the password hash.
 */
#ifndef PEEL_STORE_ACCOUNTS_H
#define PEEL_STORE_ACCOUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

struct account {
    int64_t id;
    const char *username, *name, *role;
    const char *created_at, *password_set_at;
    const char *disabled_at, *disabled_reason; /* NULL while it may sign in */
};

struct role {
    const char *name, *title, *summary;
};

/* Every role, in the order of migration 10. */
typedef void (*role_fn)(void *arg, const struct role *r);
int store_roles(struct store *s, role_fn fn, void *arg, struct buf *err);

/* What an account change can meet besides an error (-1 with err). */
enum account_status {
    ACCOUNT_OK = 0,
    ACCOUNT_TAKEN = 1,    /* add: the username is in use (disabled or not) */
    ACCOUNT_NO_ROLE = 2,  /* add: no such role */
    ACCOUNT_UNKNOWN = 3,  /* no account has this username */
    ACCOUNT_DISABLED = 4, /* disable, reset: it is disabled already */
};

/* Whether u may be a username: lower-case letters, digits, '.', '_' and
 * '-', 2 to 64 of them (the account table's CHECK, said once in C). */
bool account_username_ok(const char *u);

/* Adds an account; a's id and times are made here. */
int store_account_add(struct store *s, const struct account *a, const char *password_hash,
                      const struct audit_origin *by, struct buf *err);
/* Every account, by username; a's strings are valid during the call only. */
typedef void (*account_fn)(void *arg, const struct account *a);
int store_accounts(struct store *s, account_fn fn, void *arg, struct buf *err);
/* Disables an account (it can no longer sign in), saying why (not blank). */
int store_account_disable(struct store *s, const char *username, const char *reason,
                          const struct audit_origin *by, struct buf *err);
/* Gives the account another role (ACCOUNT_NO_ROLE when there is none);
 * its sessions end, so that it signs in again under the new one. */
int store_account_set_role(struct store *s, const char *username, const char *role,
                           const struct audit_origin *by, struct buf *err);
/* Sets a new password hash (a reset). */
int store_account_set_password(struct store *s, const char *username, const char *password_hash,
                               const struct audit_origin *by, struct buf *err);
/* The hash to check a sign-in against, and whether the account is
 * disabled: ACCOUNT_OK or ACCOUNT_UNKNOWN, or -1 with err. */
int store_account_password(struct store *s, const char *username, char hash[128], bool *disabled,
                           struct buf *err);

#endif
