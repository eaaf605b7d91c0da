/*
 * verify.h - does the store still hold what it says it holds? (`peel
 * verify`)
 *
 * The triggers of migration 9 stop a change made through SQL, but not one
 * made to the file itself, nor one made by someone who drops a trigger
 * first. So the store can be checked whole: SQLite's own integrity_check
 * and foreign_key_check; every published file's bytes hashed again against
 * the SHA-256 recorded when it was published, and every publication's
 * whole-version hash against its files' names and hashes; and every
 * append-only table's three triggers still there, still refusing.
 */
#ifndef PEEL_STORE_VERIFY_H
#define PEEL_STORE_VERIFY_H

#include <stdint.h>

#include "store/store.h"

struct verify_counts {
    long publications, files, triggers;
    int64_t audit_rows; /* of the audit log, its chain checked */
    int64_t bytes;      /* of published files hashed */
    long problems;      /* each one reported to the callback */
};

/* Called once per problem found: which check, and what is wrong (one line
 * of plain text). */
typedef void (*verify_problem_fn)(void *arg, const char *check, const char *what);

/* Runs every check, reporting each problem through fn; counts gets what was
 * checked. 0 when the checks ran (whether or not they found problems), -1
 * with err when the store could not be read. */
int store_verify(struct store *s, verify_problem_fn fn, void *arg, struct verify_counts *counts,
                 struct buf *err);

#endif
