/*
 * audit.h - the audit log: every change the Office's staff make, who made
 * it, when, from where, what it was, and the object before and after.
 *
 * The log is a hash chain. Each row's hash is the SHA-256 of the row before
 * it's hash and of its own fields (audit.c says exactly how), the first
 * row's "before" being 64 zeros. Rows are append-only (migration 10's
 * triggers refuse UPDATE, DELETE and REPLACE); a row rewritten behind
 * peel's back, or one removed, breaks the chain at that point, and
 * store_audit_verify finds it. The head of the chain (the last row's
 * sequence number and hash), published where outsiders can keep it, lets
 * them notice a log rewritten from the start.
 *
 * A change and its audit row are written in one transaction: the store
 * functions that change staff data (accounts.h, ...) call
 * store_audit_append inside their own BEGIN IMMEDIATE, so there is never a
 * change without its row, or a row without its change.
 */
#ifndef PEEL_STORE_AUDIT_H
#define PEEL_STORE_AUDIT_H

#include <stdint.h>

#include "store/store.h"

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Who made a change, and from where. */
struct audit_origin {
    const char *actor;  /* an account's username, or "cli:USER" for the command line */
    const char *origin; /* the command line run, or the client's address */
};

struct audit_entry {
    int64_t seq;
    const char *at; /* "YYYY-MM-DDTHH:MM:SSZ" */
    struct audit_origin by;
    const char *action; /* "account.add", "account.disable", ... */
    const char *object; /* "account:jsmith" */
    const char *before; /* JSON, or NULL when the object is new */
    const char *after;  /* JSON, or NULL when the object is gone */
    const char *prev_hash, *hash;
};

/* Appends a row for e (its action, object, before, after and by; the rest
 * is made here), inside the caller's write transaction. 0, or -1 with err. */
int store_audit_append(struct store *s, const struct audit_entry *e, struct buf *err);

/* The rows after sequence number `after` (0: from the first), oldest
 * first, at most limit of them (-1: every one); e's strings are valid
 * during the call only. */
typedef void (*audit_fn)(void *arg, const struct audit_entry *e);
int store_audit_list(struct store *s, int64_t after, int64_t limit, audit_fn fn, void *arg,
                     struct buf *err);

/* The last row's sequence number and hash (0 and AUDIT_GENESIS for an
 * empty log). */
struct audit_head {
    int64_t seq, rows;
    char hash[65];
    char at[32]; /* when the last row was written ("" for an empty log) */
};

/* The head as stored, for the public site to show: the last row's sequence
 * number and hash (h->rows is not counted: it is the verify's). */
int store_audit_head(struct store *s, struct audit_head *h, struct buf *err);

/* Checks the chain from its first row, calling fn once per row that
 * breaks it (what says how); head gets the chain's head as stored. The
 * number of problems, or -1 with err when the log cannot be read. */
typedef void (*audit_problem_fn)(void *arg, int64_t seq, const char *what);
long store_audit_verify(struct store *s, audit_problem_fn fn, void *arg, struct audit_head *head,
                        struct buf *err);

#endif
