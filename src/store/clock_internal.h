/*
 * clock_internal.h - a clock started or changed inside another change's
 * transaction (the HMICFRS register starts its s.55 clock with the report
 * and completes it with the publication, in one transaction each). For
 * the store's own files only.
 */
#ifndef PEEL_STORE_CLOCK_INTERNAL_H
#define PEEL_STORE_CLOCK_INTERNAL_H

#include "store/clocks.h"

/* store_clock_start and store_clock_complete without their own BEGIN and
 * COMMIT: the caller holds the write transaction. */
int clock_start_in(struct store *s, const struct clock_new *c, const struct audit_origin *by,
                   int64_t *id, struct buf *err);
int clock_complete_in(struct store *s, int64_t id, int on, const struct audit_origin *by,
                      struct buf *err);

#endif
