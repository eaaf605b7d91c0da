/*
 * investigations.h - complaint investigations the force reports as
 * running long, and the reports the Commissioner is owed on each
 * (model/investigation.h: 12 months, then every 6).
 *
 * An investigation (table investigation) is the force's reference, the date
 * its first 12 months run from and who investigates; no personal field.
 * Its history is events (investigation_event, append-only): a report
 * received for each relevant period in turn, with a note of what it said
 * (progress, estimated end, reasons, planned steps: case notes, never
 * published), and its end. Recording one starts the clock of period 1's
 * report (store/clocks.h, subject "investigation:REF:1"); each report
 * completes its period's clock and starts the next's; its end completes
 * the clock open. So overdue reports are on /staff/clocks and in `peel
 * clock list --overdue` as well as /staff/investigations. Every change is
 * one transaction with its audit row (investigation.add,
 * investigation.report, investigation.finish; object "investigation:REF").
 */
#ifndef PEEL_STORE_INVESTIGATIONS_H
#define PEEL_STORE_INVESTIGATIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/investigation.h"
#include "store/audit.h"
#include "store/store.h"

enum { INVESTIGATION_UNKNOWN = 1, INVESTIGATION_REFUSED = 2 };

/* Records an investigation: ref 1..40 of A-Z, a-z, 0-9, '/' and '-';
 * began, the date its 12 months run from (not after today); by "force",
 * "iopc-directed" or "iopc". 0, INVESTIGATION_REFUSED (with why), or -1. */
int store_investigation_add(struct store *s, const char *ref, int began, const char *by_whom,
                            const struct audit_origin *by, struct buf *err);
/* The report for the next period received on `on` (after that period
 * ended), saying note (1..5000 bytes). 0, INVESTIGATION_UNKNOWN,
 * INVESTIGATION_REFUSED (finished; too early; a blank note), or -1. */
int store_investigation_report(struct store *s, const char *ref, int on, const char *note,
                               const struct audit_origin *by, struct buf *err);
/* The investigation ended on `on`. Answers as the report's. */
int store_investigation_finish(struct store *s, const char *ref, int on, const char *note,
                               const struct audit_origin *by, struct buf *err);

/* An investigation as of today (strings valid during the callback). */
struct investigation_view {
    const char *ref, *by_whom;
    int began;
    int reports;     /* received so far */
    int finished_on; /* DATE_NONE while it runs */
    int period;      /* the period whose report is owed next (reports + 1) */
    int period_last; /* its last day */
    int report_due;  /* its report's due date (the Office's standard) */
    bool overdue;    /* running, and report_due before today */
};
typedef void (*investigation_fn)(void *arg, const struct investigation_view *v);
#define INVESTIGATIONS_LIST_MAX 500
/* The investigations, those running first, each by its report's due date;
 * only overdue ones when overdue_only. 0, or -1 with err. */
int store_investigations_list(struct store *s, int today, bool overdue_only, investigation_fn fn,
                              void *arg, struct buf *err);

#endif
