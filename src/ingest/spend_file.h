/*
 * spend_file.h - a spend file (`peel spend import`): items of expenditure
 * over £500 of the PCC or the chief constable, and office-holders'
 * expenses, in the layout offices and forces publish today (the Local
 * Government Transparency Code 2015's columns), CSV or .xlsx.
 *
 * The header names the columns, in any order and case, with or without
 * punctuation ("Transaction No.", "Amount (£)"); the names offices use
 * are known (docs/spend.md lists every one):
 *
 *   date, transaction number, supplier, amount, expense type, purpose
 *                                                    (required)
 *   body, service area, value for money, spent by, supplier type, redact,
 *   office holder                                    (optional)
 *
 * spent by says whose spend a row is: pcc or force (also "PCC", "OPCC",
 * "Chief Constable", "police"); without the column, --body says it for
 * every row. office holder says yes (as redact does) for an item of an
 * office-holder's travel, accommodation or subsistence (the Order's
 * 3(h)), published at /spend/expenses whatever the amount. date is YYYY-MM-DD or DD/MM/YYYY (a date
 * cell in a workbook); amount is pounds ("1,234.56", "£1234.5", "-500.00" or
 * "(500.00)" for a credit). A row whose transaction number (or first
 * cell) is "Total" states the file's total: the items must add up to it.
 *
 * Redaction, by rule, before anything is stored: a supplier is an
 * individual when the redact column says yes (yes, y, true, 1, x), or the
 * supplier type column says individual, person, private individual or
 * sole trader. Its name is then replaced by SPEND_REDACTED, and wherever
 * the same name appears in the row's other text it is replaced by
 * "[redacted]". The name itself is never stored.
 *
 * The whole file is checked before anything is stored: any problem and
 * nothing is imported, every problem listed as FILE:LINE: field: reason
 * (in a workbook, LINE is the sheet's row). Its rows are grouped by body
 * and month, and each month published as a version (store/spend.h).
 */
#ifndef PEEL_INGEST_SPEND_FILE_H
#define PEEL_INGEST_SPEND_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/audit.h"
#include "store/spend.h"
#include "util/buf.h"

#define SPEND_FILE_MAX_BYTES  (16 * 1024 * 1024)
#define SPEND_FILE_MAX_ROWS   50000
#define SPEND_FIELD_MAX_BYTES 2000
#define SPEND_TXN_MAX_BYTES   64
#define SPEND_REDACTED        "Redacted: personal data"

struct spend_file_options {
    int body;           /* an enum spend_body for rows with no spent by; -1: none */
    const char *sheet;  /* the worksheet of a workbook; NULL: the first */
    const char *reason; /* why a month already published is replaced */
    bool dry_run;       /* check and compare; store nothing */
};

/* What an import did (or, for a dry run, would do), month by month. */
struct spend_file_month {
    enum spend_body body;
    char month[8];
    size_t items;
    int64_t total_pence;
    struct spend_outcome outcome;
};
struct spend_file_report {
    size_t rows, redacted;
    struct spend_file_month *months; /* owned: spend_file_report_free */
    size_t nmonths;
    struct buf ignored; /* columns not read, "Supplier ID, Expense code" */
};
void spend_file_report_free(struct spend_file_report *r);

/* 0: imported (or checked); 2: the file has problems, or changes a
 * published month without a reason (err says which; nothing stored); 1:
 * the store failed. rep is filled on success only (freeing it is safe
 * either way). */
int spend_file_import(struct store *s, const char *path, const struct spend_file_options *o,
                      const struct audit_origin *by, struct spend_file_report *rep,
                      struct buf *err);

#endif
