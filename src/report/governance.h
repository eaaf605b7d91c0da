/*
 * governance.h - the Corporate Governance Board's performance report: one
 * self-contained HTML page.
 *
 * The plan promises that its headline metrics "will be tracked by my Office
 * and regular reports will be presented at the Corporate Governance Board",
 * with "exceptions ... highlighted". This is that report: who made it from
 * what data and how fresh it is; the exceptions and a matrix of every metric
 * by mission; a section per mission and delivery strategy with each metric's
 * chart, latest value, target, sentence, method, source and freshness; and
 * an appendix of the numbers behind every chart. Every figure and sentence
 * comes from the analysis (assess/evaluate.h, assess/exceptions.h), never from
 * here, so the report says what `peel metrics` and `peel exceptions` say.
 *
 * The page needs nothing else: styles inline, charts as inline SVG, no
 * scripts, no requests; it prints on A4. Its structure is in docs/reports.md.
 *
 * No printing, no files: the text is appended to a buffer and the caller
 * decides where it goes (as curl's lib/ leaves output to src/).
 */
#ifndef PEEL_GOVERNANCE_H
#define PEEL_GOVERNANCE_H

#include <stddef.h>

#include "model/plan.h"
#include "store/plans.h"
#include "util/buf.h"

struct store;

/* The stop-and-search section's months: the twelve to the report's month. */
#define GOVERNANCE_STOP_MONTHS 12

struct governance_info {
    int period;                         /* the month reported on (data up to its end) */
    const char *generated;              /* when the report was made, as the reader sees it */
    const struct plan_version *version; /* which stored version of the plan; may be NULL */
    const char *pdf_date;               /* the PDF's creation date, ISO 8601; may be NULL */
    const char *pdf_notice;             /* every PDF page's notice (pdf_set_notice); may be NULL */
};

/* What the report holds, for the command's one-line summary. */
struct governance_totals {
    size_t metrics, with_data, charted, exceptions;
};

/* The report on plan p as at info->period, gathered once (the statuses,
 * exceptions, series and charts) and then written in each format, so the
 * formats cannot differ. p and info must outlive it. 0, or -1 with err (a
 * store error). */
struct governance;
int governance_gather(struct store *s, const struct plan *p, const struct governance_info *info,
                      struct governance **out, struct buf *err);
/* Appends the page to out. 0, or -1 with err when a chart cannot be drawn;
 * out may then hold part of a page. */
int governance_html(struct governance *g, struct buf *out, struct buf *err);
/* Writes the same report to path as an A4 PDF (with a contents page and
 * page numbers: render/pdf.h). 0, or -1 with err. */
int governance_pdf(struct governance *g, const char *path, struct buf *err);
void governance_totals(const struct governance *g, struct governance_totals *t);
void governance_free(struct governance *g);
/* Writes the report's tables to path as an Excel workbook: the exceptions,
 * the performance framework, then each metric with data (its values, mean,
 * limits and point types). 0, or -1 with err. */
int governance_workbook(struct store *s, const struct plan *p, int period, const char *path,
                        struct buf *err);

#endif
