/*
 * grants_received_file.h - a table of grants received (`peel
 * grants-received import`), CSV or .xlsx, as an annual report has it:
 *
 *   funder, purpose, amount     (required; "grant", "scheme", "£" ... are
 *                                known too: docs/fund.md lists them)
 *   conditions, report on       (optional: the conditions of the grant,
 *                                the date it must be reported to its funder)
 *
 * and its stated total: a row whose first cell begins "Total" ("Total
 * Grant Funding"), or --total, or both (which must then agree). A table
 * without a stated total is refused: the check is the point. A table whose
 * lines do not add up to it is refused with both figures and how far
 * apart they are. Every row is checked before anything is stored; every
 * problem is reported as FILE:LINE: field: reason, and nothing is stored
 * while there is one. The lines are then loaded in one transaction
 * (store/grants_received.h).
 */
#ifndef PEEL_INGEST_GRANTS_RECEIVED_FILE_H
#define PEEL_INGEST_GRANTS_RECEIVED_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/grants_received.h"
#include "util/buf.h"

#define GRANTS_FILE_MAX_BYTES (4 * 1024 * 1024)
#define GRANTS_FILE_MAX_ROWS  5000
#define GRANTS_FIELD_MAX      2000

struct grants_file_options {
    const char *fy;    /* the financial year, "2021-22" (required) */
    const char *sheet; /* the worksheet of a workbook; NULL: the first */
    const char *total; /* the stated total as typed, or NULL */
    bool dry_run;      /* check; store nothing */
};

struct grants_file_report {
    size_t lines, clocks;
    int64_t total_pence;
    int64_t load_id; /* 0 for a dry run */
};

/* 0: loaded (or checked); 2: the file has problems (err, every line
 * naming the file; nothing stored); 1: the store failed. */
int grants_received_file_import(struct store *s, const char *path,
                                const struct grants_file_options *o, const struct audit_origin *by,
                                struct grants_file_report *rep, struct buf *err);

#endif
