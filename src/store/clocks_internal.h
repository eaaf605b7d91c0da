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

/* A register's end date as a clock (services.c, contracts.c): completes,
 * on today, every clock of subject not yet completed, then, when end_on
 * (YYYY-MM-DD, or "" for none) is today or later, starts one due on it,
 * counted in calendar days from start_on (or from as late as a clock must
 * start, for a term longer than CLOCK_MAX_DAYS). Its id, or 0 for none,
 * into *id. 0, or -1 with err. */
int clock_end_date_in(struct store *s, const char *subject, const char *purpose,
                      const char *start_on, const char *end_on, int today,
                      const struct audit_origin *by, int64_t *id, struct buf *err);

#endif
