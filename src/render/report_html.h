/*
 * report_html.h - what the HTML reports share: the icons and their words,
 * month names, the framework's source labels and the base style sheet.
 *
 * The governance pack and the residents' report must show the same icon
 * with the same words for the same state of a metric, so the tables that
 * map a state to its icon live here once. Each icon is a letter in a ring
 * (hidden from screen readers) and always its words, in NHS Making Data
 * Count's colours, so no meaning rests on colour (WCAG 1.4.1). A metric's
 * own three icons are assess/metric_icons.h's.
 */
#ifndef PEEL_REPORT_HTML_H
#define PEEL_REPORT_HTML_H

#include "analysis/spc.h"
#include "analysis/target.h"
#include "model/plan.h"
#include "util/buf.h"

/* An icon: its colour class, its letter and its words. */
struct report_icon {
    const char *cls, *letter, *words;
};

/* The icon for a variation (direction: of the rule, +1 above the mean, -1
 * below), an assurance, a target verdict (months: a year under way, judged
 * on track or off track). */
struct report_icon report_variation(enum spc_point_type t, int direction);
struct report_icon report_assurance(enum spc_assurance a);
struct report_icon report_target(enum target_verdict v, int months);

/* <span class="icon CLS"><span class="glyph" aria-hidden>L</span> words</span> */
void report_icon_html(struct buf *out, struct report_icon ic);

/* "March 2023". */
void report_month_words(int month, struct buf *out);
/* The synthetic-data banner as HTML (model/synthetic.h's words), for a
 * page or report made from generated data. */
void report_synthetic_html(struct buf *out);
/* "2026-11-23T00:30:32Z" as "23 November 2026, 00:30 UTC"; the text as
 * it is when it is not such a time. */
void report_time_words(const char *iso, struct buf *out);
/* The performance framework's name for a source of data. */
const char *report_source_label(enum metric_source s);

/* A fragment of template HTML as plain text, for the PDFs: tags dropped,
 * the entities the templates use decoded. Never for a value's markup. */
void report_plain_text(const char *html, struct buf *out);

/* <style>: the reports' shared screen (from 360 px wide) and print (A4)
 * rules, then `extra` (a report's own rules, template text), then the
 * print rules for both. */
void report_style(struct buf *out, const char *extra, const char *extra_print);

#endif
