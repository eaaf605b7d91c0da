/*
 * check.h - is a plan ready to report on? (`peel plan check`)
 *
 * For every headline metric: a defined metric needs the crime types and
 * area grouping it names to exist in the store, and recent enough recorded
 * crime; a loaded metric needs values. Each problem is stated with what to
 * do about it.
 */
#ifndef PEEL_PLAN_CHECK_H
#define PEEL_PLAN_CHECK_H

#include "model/plan.h"

struct store;

enum check_status { CHECK_OK, CHECK_NO_DATA, CHECK_STALE, CHECK_UNDEFINED };

struct check_finding {
    const struct plan_strategy *strategy;
    const struct plan_metric *metric;
    enum check_status status;
    char detail[256];
};

typedef void (*check_fn)(void *arg, const struct check_finding *f);

/* as_of: the month to judge staleness against. Returns the number of
 * metrics with a problem. */
int plan_check(struct store *s, const struct plan *p, int as_of, check_fn fn, void *arg);
const char *check_status_name(enum check_status st);

#endif
