/*
 * governance_internal.h - what the files of the governance report share:
 * the report being written, one view per metric, and the writing helpers.
 *
 *   governance.c         the page, its header, data sources and summary
 *   governance_metric.c  the mission sections and the data appendix
 *   governance_style.c   the style sheet, the icons and the methods section
 *
 * Not part of the public API: include report/governance.h instead.
 */
#ifndef PEEL_GOVERNANCE_INTERNAL_H
#define PEEL_GOVERNANCE_INTERNAL_H

#include "plan/exceptions.h"
#include "report/governance.h"

/* One metric as the report shows it: its status, and for a metric with
 * data the series and chart behind its section and its appendix table. */
struct metric_view {
    const struct metric_status *st;
    struct metric_series ser;
    struct spc_result spc;
    bool charted;
    char anchor[80];       /* its section's id, from its place in the plan */
    int table;             /* its number in the appendix (0: none) */
    struct buf provenance; /* loaded metrics: where the latest value came from */
    char loaded_at[32];    /* ... and when it was loaded */
};

struct report {
    struct store *s;
    const struct plan *p;
    const struct governance_info *info;
    struct metric_statuses statuses;
    struct metric_view *views; /* one per status, in plan order */
    struct plan_exception *exceptions;
    size_t nexceptions;
    struct buf *out;
};

/* Template text, written as is: never pass a value here. */
void gv_raw(struct report *r, const char *html);
/* open, then text escaped, then close (open and close are template text). */
void gv_text(struct report *r, const char *open, const char *text, const char *close);
/* A value of the metric in its unit, escaped: "1,303", "14.8%". */
void gv_value(struct report *r, const struct plan_metric *m, double v);

/* The icons: a symbol (hidden from screen readers) and always its words,
 * coloured as NHS Making Data Count colours them; "not charted" and "no
 * target" when there is nothing to show. */
void gv_variation_icon(struct report *r, const struct metric_status *st);
void gv_assurance_icon(struct report *r, const struct metric_status *st);
void gv_target_icon(struct report *r, const struct metric_status *st);

/* <style>: the screen (from 360 px wide) and print (A4) style sheets. */
void gv_style(struct report *r);
/* The section that says how to read the icons, charts and targets. */
void gv_methods(struct report *r);

/* governance_metric.c: -1 with err when a chart cannot be drawn. */
int gv_missions(struct report *r, struct buf *err);
void gv_appendix(struct report *r);

#endif
