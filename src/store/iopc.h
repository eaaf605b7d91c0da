/*
 * iopc.h - the Order's item 7C(a) as the store keeps it: the IOPC's
 * quarterly complaints figures for the force (model/iopc.h, read by ingest/iopc_file.h), one
 * version per financial quarter, never changed once loaded (migration:
 * iopc_load and iopc_figure are append-only). A corrected quarter is the
 * next version, with why; the figures shown are the latest version's.
 *
 * A bulletin's quarter is the financial quarter its period ends in. A
 * store holds one force's figures: a file for another force is refused.
 * Loading a quarter is what publishes it: the public page
 * /complaints/QUARTER exists from then, and the transparency calendar's
 * item kept by the complaints register (store/transparency.h) counts it.
 * Every load is one transaction with its audit row (action iopc.load,
 * object "iopc:QUARTER").
 */
#ifndef PEEL_STORE_IOPC_H
#define PEEL_STORE_IOPC_H

#include <stdint.h>

#include "model/iopc.h"
#include "model/plan.h"
#include "store/audit.h"
#include "store/loads.h"
#include "store/metric_values.h"
#include "store/store.h"

enum { IOPC_UNKNOWN = 1, IOPC_REFUSED = 2 };

/* The IOPC publishes quarterly bulletins and annual statistics (7C(a)):
 * the same measures, in the same file layout, kept in two pairs of tables
 * (iopc_load and iopc_figure by quarter; iopc_year_load and
 * iopc_year_figure by financial year), each append-only. */
enum iopc_span { IOPC_QUARTERLY, IOPC_ANNUAL };

struct iopc_source {
    const char *file_name, *sha256; /* the file read, and its SHA-256 (hex) */
    const char *url;                /* where the IOPC published it, or "" */
    const char *reason;             /* why it replaces the quarter's last version (v2 on) */
    /* out, may be NULL: what the load did to the plan's metrics (below) */
    struct metric_load_counts *metrics;
};

/* The plan's metrics (store/plans.h: the latest version of every plan)
 * that name an IOPC measure (plan_metric.iopc_measure, docs/plans.md)
 * take the force's figure for it, the measure's total (no breakdown), as
 * their value for the period loaded: a quarter's figures as the quarter's
 * value, a year's as the financial year's, for the whole force area. They
 * are written in the load's own transaction (store/metric_values.h:
 * store_metric_values_put), each with the file and its sheet and cell, or
 * its line, as source; the same figure again changes nothing, a corrected
 * one is the value's next version with the load's reason as its note.
 *
 * A plan loaded after the figures (store_plan_save) takes them the same
 * way, in the plan load's own transaction: store_iopc_plan_values. */

/* Writes the values plan p's metrics that name a measure take from the
 * figures stored (every quarter's and every year's latest version), one
 * metric load per file the figures came from, each value sourced to that
 * file and the figure's cell (figures loaded since migration 51) or line;
 * a value equal to the current one is left alone, so loading the same plan
 * again changes nothing. Audited as plan.iopc-values ("plan:KEY") when a
 * value was added or revised; the counts into *c. Inside the caller's
 * transaction: 0, or -1 with err. */
int store_iopc_plan_values(struct store *s, const struct plan *p, int version,
                           const struct load_origin *file, const struct audit_origin *by,
                           struct metric_load_counts *c, struct buf *err);

/* Stores bulletin b as its quarter's next version; the quarter's first
 * month and the version into *quarter and *version. 0, IOPC_REFUSED (with
 * why in err: another force; a second version without a reason; the same
 * file as the latest version), or -1 with err. */
int store_iopc_load(struct store *s, const struct iopc_bulletin *b, const struct iopc_source *src,
                    const struct audit_origin *by, int *quarter, int *version, struct buf *err);

/* Stores annual figures b, whose period must be one financial year (1
 * April to 31 March), as that year's next version: the year's first month
 * into *year. Answers as store_iopc_load; audited as iopc.load-year
 * ("iopc-year:YYYY-04"). */
int store_iopc_load_year(struct store *s, const struct iopc_bulletin *b,
                         const struct iopc_source *src, const struct audit_origin *by, int *year,
                         int *version, struct buf *err);

/* A quarter's latest version (strings valid during the callback). */
struct iopc_quarter_view {
    int quarter; /* its first month (util/month.h) */
    int version, from, to;
    const char *force, *url, *reason, *loaded_at, *file_name, *sha256;
    int64_t figures;
};
typedef void (*iopc_quarter_fn)(void *arg, const struct iopc_quarter_view *q);
/* Every quarter loaded, the latest first. 0, or -1 with err. */
int store_iopc_quarters(struct store *s, iopc_quarter_fn fn, void *arg, struct buf *err);
/* One quarter: 0, IOPC_UNKNOWN, or -1 with err. */
int store_iopc_quarter(struct store *s, int quarter, iopc_quarter_fn fn, void *arg,
                       struct buf *err);

/* A figure of the latest version, in the file's order: value is as
 * written; the last three NULL when the file left them empty. */
struct iopc_figure_view {
    const char *measure, *breakdown, *value, *last_year, *similar_forces, *england_and_wales;
};
typedef void (*iopc_figure_fn)(void *arg, const struct iopc_figure_view *f);
int store_iopc_figures(struct store *s, int quarter, iopc_figure_fn fn, void *arg, struct buf *err);

/* The same three for either span: a period is the first month of its
 * quarter or financial year (the view's `quarter` holds it). */
int store_iopc_periods(struct store *s, enum iopc_span span, iopc_quarter_fn fn, void *arg,
                       struct buf *err);
int store_iopc_period(struct store *s, enum iopc_span span, int period, iopc_quarter_fn fn,
                      void *arg, struct buf *err);
int store_iopc_period_figures(struct store *s, enum iopc_span span, int period, iopc_figure_fn fn,
                              void *arg, struct buf *err);

/* ---- the Office's own assessment as review body (concern_data.c) ------- */

/* The complaint reviews of one financial quarter, counted from the case
 * data and clocks (never the vault): applications received in it (in time
 * and late), reviews decided in it, upheld (the outcome found not
 * reasonable and proportionate) or not, decided within the Office's
 * standard (CONCERN_DECIDE_DAYS working days) or not, and the median
 * working days from receipt to decision (-1 when none was decided). */
struct review_assessment {
    int64_t received, in_time, late;
    int64_t decided, upheld, not_upheld, within, outside;
    double median_days;
};
int store_review_assessment(struct store *s, int quarter, struct review_assessment *out,
                            struct buf *err);

#endif
