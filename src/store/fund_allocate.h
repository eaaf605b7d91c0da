/*
 * fund_allocate.h - a Safety Fund round's applications allocated to the
 * assessors who mark them (issue 18; docs/fund.md).
 *
 * LLR's officers each marked every application of a round (research note
 * office-processes.md §0); a larger round gives each application to a few
 * of them. store_fund_allocate gives every eligible application of a
 * round to `per` assessors, the least loaded first, never to one
 * conflicted with its organisation (a conflict declared with any
 * application of the same org-id or name; the database refuses it too).
 * It tops up: allocations made before count, except those an assessor has
 * since declared a conflict with, so running it again after a conflict
 * gives that application another assessor. Once an application is
 * allocated, only its assessors score it (the database refuses others).
 *
 * Allocations are append-only; each run is one BEGIN IMMEDIATE
 * transaction with one audit row listing what it allocated (fund.allocate,
 * object "fund:ROUND").
 */
#ifndef PEEL_STORE_FUND_ALLOCATE_H
#define PEEL_STORE_FUND_ALLOCATE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/audit.h"
#include "store/fund.h"
#include "store/store.h"

/* The roles whose accounts mark applications (the staff side's route
 * table gives them the scoring forms). */
#define FUND_ASSESSOR_ROLES         "officer finance-officer monitoring-officer"
#define FUND_ALLOCATE_MAX_ASSESSORS 20

/* Allocates round's eligible applications among the n assessors (the
 * usernames of accounts of FUND_ASSESSOR_ROLES, not disabled) so that each
 * has `per` (1..n) who may mark it; the number of allocations made into
 * *made. FUND_UNKNOWN (no such round), FUND_BAD (err: an assessor who is
 * not one, or every application that cannot have `per` because of
 * conflicts, with their names; nothing is allocated), or -1. */
int store_fund_allocate(struct store *s, const char *round, const char *const *assessors, size_t n,
                        int per, const struct audit_origin *by, int *made, struct buf *err);

/* An allocation as read: the application, its assessor, how many of the
 * rubric's criteria they have scored of it, and whether they have since
 * declared a conflict (the allocation then no longer counts). Strings
 * valid during the callback. */
struct fund_allocation_view {
    const char *round, *ref, *org_name, *project, *closes_on, *assessor, *allocated_at;
    long scored, criteria;
    bool conflicted;
};
typedef void (*fund_allocation_fn)(void *arg, const struct fund_allocation_view *v);
/* The allocations of round (NULL: every round) to assessor (NULL: every
 * assessor), by round, application and assessor. */
int store_fund_allocations(struct store *s, const char *round, const char *assessor,
                           fund_allocation_fn fn, void *arg, struct buf *err);

#endif
