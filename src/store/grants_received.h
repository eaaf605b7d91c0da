/*
 * grants_received.h - the grants the Office receives (issue 18): funder,
 * purpose, amount, conditions and the date each must be reported to its
 * funder, loaded a file at a time (ingest/grants_received_file.h) as the
 * annual report's table has them (004: "Grants Received 2021/22", 13
 * lines, "Total Grant Funding 5,294,742").
 *
 * A load is one BEGIN IMMEDIATE transaction: the load (with the file's
 * SHA-256, its stated total and the total of its lines, which the
 * database requires to be equal), its lines, a clock for each reporting
 * date (store/clocks.h: subject "grant-received:ID", due on that date,
 * counted from the financial year's first day) and the audit row
 * (action grants-received.load). All of it or none. Append-only: a
 * corrected table is a new load; reads show each year's latest.
 */
#ifndef PEEL_STORE_GRANTS_RECEIVED_H
#define PEEL_STORE_GRANTS_RECEIVED_H

#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

struct grant_received {
    const char *funder, *purpose;
    int64_t amount_pence;
    const char *conditions; /* "" for none */
    const char *report_on;  /* YYYY-MM-DD, on or after the year's first day; NULL: none */
    long line;
};

struct grants_received_load {
    const char *fy; /* "2021-22" */
    const char *file_name, *sha256;
    int64_t stated_total_pence;
    const struct grant_received *lines;
    size_t n;
};

/* Stores a load: 0 and its id in *id; GRANTS_RECEIVED_UNEQUAL (err: both
 * figures) when the lines do not add up to the stated total; -1 with err. */
#define GRANTS_RECEIVED_UNEQUAL 2
int store_grants_received_load(struct store *s, const struct grants_received_load *l,
                               const struct audit_origin *by, int64_t *id, struct buf *err);

/* A line as read (the latest load of its year), strings valid during the
 * callback. */
struct grant_received_view {
    const char *fy, *funder, *purpose, *conditions, *report_on, *file_name, *loaded_at;
    int64_t amount_pence, clock_id; /* clock_id 0: none */
    long line;
};
typedef void (*grant_received_fn)(void *arg, const struct grant_received_view *g);
/* The lines of each year's latest load (of fy only, when not NULL),
 * newest year first, in the file's order. */
int store_grants_received(struct store *s, const char *fy, grant_received_fn fn, void *arg,
                          struct buf *err);

#endif
