/*
 * public_report.h - the residents' performance report: "easily digestible
 * performance reports ... published regularly on our website".
 *
 * The governance pack (governance.h) is for analysts and the Board; this is
 * the same analysis for residents, in plain words: what the report is and
 * its month; the few numbers that matter, picked by a stated rule (every
 * exception, then a handful of measures per mission); what the icons mean;
 * how to read a chart, on a real chart of the plan; where to find all the
 * numbers; and where the figures come from. Every figure and sentence about
 * a measure is the analysis's own (assess/evaluate.h, assess/exceptions.h): the
 * report picks and explains, it never computes.
 *
 * One model (public_model_build) feeds every format: the HTML page, the
 * PDF, the workbook of its tables and the CSV of its numbers, so they
 * cannot differ.
 * No printing, no files but the workbook and the PDF: text goes to buffers and the
 * caller decides where it goes.
 */
#ifndef PEEL_PUBLIC_REPORT_H
#define PEEL_PUBLIC_REPORT_H

#include <stddef.h>

#include "model/plan.h"
#include "store/plans.h"
#include "util/buf.h"

struct store;

/* At most this many measures per mission besides the exceptions: "the few
 * numbers that matter". */
#define PUBLIC_PER_MISSION 4

struct public_info {
    int period;                         /* the month reported on (data up to its end) */
    const char *generated;              /* when the report was made, as the reader sees it */
    const struct plan_version *version; /* which stored version of the plan; may be NULL */
    const char *const *files;           /* the files of the report's folder, NULL-terminated */
    const char *pdf_date;               /* the PDF's creation date, ISO 8601; may be NULL */
    const char *pdf_notice;             /* every PDF page's notice (pdf_set_notice); may be NULL */
};

/* What the report holds, for the command's one-line summary. */
struct public_totals {
    size_t metrics, with_data, shown, exceptions;
};

/* The report on plan p as at info->period, gathered once and then
 * written in each format. p and info must outlive it. 0, or -1 with err. */
struct public_model;
int public_report_build(struct store *s, const struct plan *p, const struct public_info *info,
                        struct public_model **out, struct buf *err);
/* Appends the page (index.html) to out. 0, or -1 with err. */
int public_report_html(const struct public_model *m, struct buf *out, struct buf *err);
/* Appends the CSV of every number the page shows (numbers.csv) to out. */
int public_report_csv(const struct public_model *m, struct buf *out, struct buf *err);
/* Writes the workbook of its tables (tables.xlsx) to path. */
int public_report_workbook(const struct public_model *m, const char *path, struct buf *err);
/* Writes the same report to path as an A4 PDF (public_pdf.c). */
int public_pdf(const struct public_model *m, const char *path, struct buf *err);
void public_report_totals(const struct public_model *m, struct public_totals *t);
void public_report_free(struct public_model *m);

#endif
