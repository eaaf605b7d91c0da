/*
 * governance_internal.h - what the files of the governance report share:
 * the report being written, one view per metric, and the writing helpers.
 *
 *   governance.c         the page, its header, data sources and summary
 *   governance_metric.c  the mission sections and the data appendix
 *   governance_style.c   the style sheet, the icons and the methods section
 *   governance_pdf.c     the same report as a PDF
 *   governance_stops.c   the stop-and-search section
 *
 * Not part of the public API: include report/governance.h instead.
 */
#ifndef PEEL_GOVERNANCE_INTERNAL_H
#define PEEL_GOVERNANCE_INTERNAL_H

#include "assess/exceptions.h"
#include "render/report_html.h"
#include "render/table.h"
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
 * target" when there is nothing to show. The icons and their words are
 * report_html.h's (report_variation_of(st).words for the plain text). */
void gv_variation_icon(struct report *r, const struct metric_status *st);
void gv_assurance_icon(struct report *r, const struct metric_status *st);
void gv_target_icon(struct report *r, const struct metric_status *st);

/* <style>: the screen (from 360 px wide) and print (A4) style sheets. */
void gv_style(struct report *r);
/* The section that says how to read the icons, charts and targets:
 * written once and walked by the page and by the PDF, each with its sink.
 * para and list items are template text with inline <b>, <i> and
 * entities, never a value. */
struct gv_legend_entry {
    struct report_icon icon;
    const char *meaning;
};
struct gv_methods_sink {
    void (*heading)(void *ctx, const char *id, const char *text);
    void (*para)(void *ctx, const char *html);
    void (*list)(void *ctx, const char *const *items, size_t n);
    void (*legend)(void *ctx, const struct gv_legend_entry *e, size_t n);
};
void gv_methods_walk(const struct gv_methods_sink *k, void *ctx);
void gv_methods(struct report *r);

/* The table of data sources: source, held, used, metrics (-1 with err on a
 * store error; t is then still to be freed). */
int gv_sources_table(struct report *r, struct table *t, struct buf *err);
/* A value as `peel metrics --format csv` gives it (raw) and as the reader
 * reads it (shown; a change is signed, in points for a percentage); false
 * when there is nothing to show. */
bool gv_number_text(const struct plan_metric *m, double v, bool change, struct buf *raw,
                    struct buf *shown);

/* A metric's facts as plain text, for the page and the PDF alike:
 * "1,303 in 2023-03; the period before: 1,250 (lower is better)"; the
 * plan's target in its words and as a figure; the method; where the
 * figures come from; how fresh they are. */
void gv_latest_words(const struct metric_status *st, struct buf *out);
void gv_target_text(const struct metric_status *st, struct buf *out);
void gv_method_words(const struct metric_view *v, struct buf *out);
void gv_source_words(const struct report *r, const struct metric_view *v, struct buf *out);
void gv_freshness_words(const struct report *r, const struct metric_status *st, struct buf *out);
/* Appendix A's table of a metric with data, cells as the reader reads them;
 * headings gets each column's heading (at most 10). Its caption. */
void gv_data_table(const struct metric_view *v, struct table *t, const char **headings);
void gv_data_caption(const struct metric_view *v, struct buf *out);

/* governance_pdf.c: the report as a PDF at path; 0, or -1 with err. */
int gv_pdf(struct report *r, const char *path, struct buf *err);

/* governance_metric.c: -1 with err when a chart cannot be drawn. */
int gv_missions(struct report *r, struct buf *err);
void gv_appendix(struct report *r);
/* The stop-and-search section (governance_stops.c), on the page and in
 * the PDF: 0, or -1 with err. */
int gv_stop_search(struct report *r, struct buf *err);
struct pdf_doc;
int gv_stop_search_pdf(struct report *r, struct pdf_doc *d, struct buf *err);

#endif
