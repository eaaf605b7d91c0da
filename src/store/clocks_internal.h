/*
 * clocks_internal.h - the clocks' changes inside a transaction the caller
 * holds, for another register whose change starts or ends a clock in the
 * same transaction (decisions.c: a decision taken starts the clock to
 * publish it; publishing or withholding it completes that clock). Each
 * writes the clock's audit row as store_clock_start and
 * store_clock_complete do.
 */
#ifndef PEEL_STORE_CLOCKS_INTERNAL_H
#define PEEL_STORE_CLOCKS_INTERNAL_H

#include "store/clocks.h"

/* A new clock (its fields checked as store_clock_start checks them). */
int clock_start_in(struct store *s, const struct clock_new *c, const struct audit_origin *by,
                   int64_t *id, struct buf *err);
/* Completes, on date `on`, every clock of subject not yet completed; 0
 * when there is none. */
int clock_complete_subject_in(struct store *s, const char *subject, int on,
                              const struct audit_origin *by, struct buf *err);

#endif
