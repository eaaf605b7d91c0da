/*
 * account_totp.h - an account's optional second factor: the secret of its
 * one-time codes (util/totp.h), set up by the account holder on the staff
 * side and confirmed with a first code, then asked for at every sign-in.
 *
 * The secret has to be read to check a code, so it is stored as it is
 * (as every TOTP server keeps it): a copy of the database holds it, as it
 * holds the password hashes; the factor guards against a password guessed
 * or reused, not against a stolen database. Every change is audited
 * (totp.start, totp.confirm, totp.remove), never with the secret.
 */
#ifndef PEEL_STORE_ACCOUNT_TOTP_H
#define PEEL_STORE_ACCOUNT_TOTP_H

#include <stdbool.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

struct account_totp {
    char secret[33];
    bool confirmed;
    int64_t last_step;
};

/* The account's second factor: 1 with *out, 0 when it has none, -1. */
int store_totp_get(struct store *s, const char *username, struct account_totp *out,
                   struct buf *err);
/* A new, unconfirmed secret for the account (replacing an unconfirmed
 * one): 0; ACCOUNT_UNKNOWN (store/accounts.h); 1 when a confirmed one is
 * in use (remove it first); -1 with err. */
int store_totp_start(struct store *s, const char *username, const char *secret,
                     const struct audit_origin *by, struct buf *err);
/* Confirms it, with the step of the code that proved the app has it. */
int store_totp_confirm(struct store *s, const char *username, int64_t step,
                       const struct audit_origin *by, struct buf *err);
/* Records a code's step as used: 0, or 1 when a later or equal step was
 * used meanwhile (the code is refused), -1 with err. */
int store_totp_use(struct store *s, const char *username, int64_t step, struct buf *err);
/* Removes the account's second factor (a lost phone: `peel user
 * reset-2fa`, or the holder). 0, or 1 when it had none, -1 with err. */
int store_totp_remove(struct store *s, const char *username, const struct audit_origin *by,
                      struct buf *err);

#endif
