/*
 * concerns_internal.h - what the casework register's files share
 * (concerns.c, concern_data.c): the store's working-day calendar and
 * whether a case's clock met its standard.
 */
#ifndef PEEL_STORE_CONCERNS_INTERNAL_H
#define PEEL_STORE_CONCERNS_INTERNAL_H

#include "model/bank_holidays.h"
#include "store/store.h"

/* The store's working-day calendar into l (initialised here; free it with
 * holiday_list_free). 0, or -1 with err. */
int concern_calendar(struct store *s, struct holiday_list *l, struct buf *err);
/* Whether the clock "PREFIX:REF" was completed by its due date: 1, 0 (late,
 * or still open past due), -1 (none, or still open in time), or -2 with
 * err. */
int concern_within_standard(struct store *s, const char *prefix, const char *ref, int today,
                            struct buf *err);

#endif
