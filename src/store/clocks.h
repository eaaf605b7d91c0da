/*
 * clocks.h - the Office's clocks: deadlines counted in calendar or working
 * days (model/calendar.h), stopped, resumed, extended and completed.
 *
 * A clock belongs to a subject, an object key such as
 * "decision:PCC/2026/014", "hmicfrs:2026-03" or "review:R-2026-0041", and
 * says what it is for. Its history is events (migration 12: clock and
 * clock_event are append-only); its state, due date and days left are
 * worked out from them with the calendar in use (store/calendar.h) each
 * time they are read, never stored. Every change is one BEGIN IMMEDIATE
 * transaction with its audit row (actions clock.start, clock.stop,
 * clock.resume, clock.extend, clock.complete; object "clock:ID"; the clock
 * before and after as compact JSON with sorted keys).
 */
#ifndef PEEL_STORE_CLOCKS_H
#define PEEL_STORE_CLOCKS_H

#include <stdint.h>

#include "model/calendar.h"
#include "store/audit.h"
#include "store/store.h"

/* A new clock. */
struct clock_new {
    const char *subject; /* clock_subject_ok */
    const char *purpose; /* what it is for: not blank */
    struct clock_spec spec;
};

/* A clock as read, its strings valid during the callback only. */
struct clock_view {
    int64_t id;
    const char *subject, *purpose, *created_at, *created_by;
    struct clock_spec spec;
    struct clock_status status; /* as of the day asked */
    size_t events;              /* after the start */
};
typedef void (*clock_fn)(void *arg, const struct clock_view *v);

/* Every change answers CLOCK_ACCEPTED (0) or the refusal (enum
 * clock_refusal: CLOCK_UNKNOWN, CLOCK_ALREADY_STOPPED, CLOCK_NOT_STOPPED,
 * CLOCK_IS_COMPLETED, ...), having written nothing; or -1 with err. `on` is
 * the date the change takes effect. */
int store_clock_start(struct store *s, const struct clock_new *c, const struct audit_origin *by,
                      int64_t *id, struct buf *err);
int store_clock_stop(struct store *s, int64_t id, int on, const char *reason,
                     const struct audit_origin *by, struct buf *err);
int store_clock_resume(struct store *s, int64_t id, int on, const struct audit_origin *by,
                       struct buf *err);
int store_clock_extend(struct store *s, int64_t id, int on, int days, const char *reason,
                       const struct audit_origin *by, struct buf *err);
int store_clock_complete(struct store *s, int64_t id, int on, const struct audit_origin *by,
                         struct buf *err);

/* One clock as of today, given to fn: 0, CLOCK_UNKNOWN, or -1 with err. */
int store_clock_get(struct store *s, int64_t id, int today, clock_fn fn, void *arg,
                    struct buf *err);

#define CLOCKS_LIST_MAX 1000

/* Which clocks a list shows: those not completed, and of them ... */
struct clock_filter {
    int today;
    bool overdue_only; /* ... only those due before today */
    int due_by;        /* ... only those due on or before it (DATE_NONE: any) */
    size_t limit;      /* at most this many (1..CLOCKS_LIST_MAX) */
};

/* The clocks the filter picks, earliest due first (those stopped short of
 * a due date last), at most f->limit of them, each given to fn; how many
 * matched in all (which may be more) into *matched. 0, or -1 with err. */
int store_clocks_list(struct store *s, const struct clock_filter *f, clock_fn fn, void *arg,
                      size_t *matched, struct buf *err);

#endif
