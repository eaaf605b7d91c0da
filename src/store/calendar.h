/*
 * calendar.h - the working-day calendar a store uses: the bank holidays of
 * England and Wales as last loaded from gov.uk's file (`peel calendar
 * load`), else the list shipped in peel (model/bank_holidays.h).
 *
 * A load is kept for good (migration 12: calendar_load and its
 * calendar_holiday rows are append-only), with its file's SHA-256, who and
 * when, and audited in the same transaction (action calendar.load, object
 * calendar:england-and-wales).
 */
#ifndef PEEL_STORE_CALENDAR_H
#define PEEL_STORE_CALENDAR_H

#include <stdint.h>

#include "model/bank_holidays.h"
#include "store/audit.h"
#include "store/store.h"

/* Where the holidays in use came from. */
struct calendar_source {
    int64_t load_id; /* 0: the shipped list */
    char sha256[65];
    char path[256], loaded_at[32], loaded_by[128]; /* "" for the shipped list */
};

/* The holidays in use into out (initialised, empty), and where from.
 * 0, or -1 with err. */
int store_calendar_get(struct store *s, struct holiday_list *out, struct calendar_source *src,
                       struct buf *err);

enum calendar_load_status {
    CALENDAR_LOADED = 0,
    CALENDAR_UNCHANGED = 1, /* the file is the one in use (same SHA-256): nothing written */
};

/* Stores l (finished: holiday_list_finish), read from path, as the
 * calendar in use; its id (unchanged: the id in use, 0 for the shipped
 * list) into load_id. A calendar_load_status, or -1
 * with err. */
int store_calendar_load(struct store *s, const char *path, const struct holiday_list *l,
                        const struct audit_origin *by, int64_t *load_id, struct buf *err);

#endif
