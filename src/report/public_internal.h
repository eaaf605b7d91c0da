/*
 * public_internal.h - what the files of the public report share: the model
 * of the report (which measures it shows, and why) and the page writer.
 *
 *   public_model.c   the selection rule, the example chart, the tables
 *   public_report.c  the page: about, numbers, sources
 *   public_explain.c the icons, how to read a chart, where the numbers are
 *   public_pdf.c     the same report as a PDF
 *
 * Not part of the public API: include report/public_report.h instead.
 */
#ifndef PEEL_PUBLIC_INTERNAL_H
#define PEEL_PUBLIC_INTERNAL_H

#include "assess/exceptions.h"
#include "render/report_html.h"
#include "render/table.h"
#include "report/public_report.h"
#include "store/updated.h"

/* A measure the report shows. */
struct public_item {
    const struct metric_status *st;
    const struct plan_exception *exception; /* why it needs attention; NULL: a mission's pick */
    size_t mission;                         /* its mission, from 0 */
    bool has_year;                          /* the series has a value a year before the latest */
    int year_month;                         /* that period's first month */
    double year_value;
};

/* Per mission: what it shows besides the exceptions, and what it leaves out. */
struct public_mission {
    size_t first, n;   /* its items: items[first .. first + n) */
    size_t attention;  /* its measures listed under "what needs attention" */
    size_t not_shown;  /* measures with figures over the limit */
    size_t no_figures; /* measures without figures yet */
};

struct public_model {
    struct store *s;
    const struct plan *p;
    const struct public_info *info;
    struct metric_statuses statuses;
    size_t *mission_of;                /* per status: its mission */
    struct plan_exception *exceptions; /* plan_exceptions() order */
    size_t nexceptions;
    struct public_item *items; /* the attention list, then each mission's picks */
    size_t nitems, nattention;
    struct public_mission *missions; /* one per plan mission */
    size_t with_data;
    /* the example chart: a real measure of the plan, with a signal if any */
    const struct metric_status *example;
    struct metric_series ser;
    struct spc_result spc;
    size_t signal; /* a point a rule fired on, or SIZE_MAX */
    /* where the figures come from */
    bool has_street;
    int street_first, street_last;
    size_t street_metrics, home_office_metrics, loaded_metrics, loaded_with_data;
    char updated[STORE_TIME_SIZE];
    /* the report's tables: its numbers, its sources, the example's data */
    struct table numbers, sources, example_data;
    bool has_example_data;
};

int public_model_build(struct store *s, const struct plan *p, const struct public_info *info,
                       struct public_model *m, struct buf *err);
void public_model_free(struct public_model *m);

/* A period in words: "March 2023" for a month, "2022-23 Q3", "2022-23". */
void public_period_words(enum period_kind kind, int month, struct buf *out);

/* The report's words, written once for the page and the PDF: template HTML
 * (inline <b>, <code>, <data>, <span> and entities; values escaped), which
 * the PDF reads through report_plain_text(). */
#define PUBLIC_TITLE "How are we doing?"
#define PUBLIC_ABOUT_LEAD                                                                          \
    "The Police and Crime Commissioner has a plan for policing. This report shows how it is "      \
    "going."
#define PUBLIC_NOTHING                                                                             \
    "Nothing this month. No measure shows a real change, and no target is missed."
#define PUBLIC_ICONS_INTRO "Each icon is a letter in a circle. Its words are always next to it."
#define PUBLIC_NO_EXAMPLE  "No measure has a chart for this month, so there is no example to show."
#define PUBLIC_FILES_INTRO                                                                         \
    "All the numbers are in the open data on the Commissioner&#39;s website. This report comes "   \
    "with these files:"
#define PUBLIC_FILES_BOARD                                                                         \
    "The Board&#39;s performance report has every measure, with its chart and all its figures."
#define PUBLIC_SOURCES_INTRO                                                                       \
    "Most figures come from the crimes the police record. They are published each month on "       \
    "data.police.uk. They are about two months behind. Some measures come from files the force "   \
    "and its partners send."
#define PUBLIC_LICENCE "data.police.uk data is published under the Open Government Licence v3.0."
#define PUBLIC_MADE_WITH                                                                           \
    "Made with Peel. Every figure and sentence about a measure comes from Peel&#39;s analysis, "   \
    "the same for the same month wherever Peel shows it."

void public_about_html(const struct public_model *m, struct buf *out);
void public_rule_html(struct buf *out);
void public_no_data_html(const struct public_model *m, struct buf *out);
void public_why_html(const struct public_model *m, const struct public_item *it, struct buf *out);
void public_latest_html(const struct public_item *it, struct buf *out);
void public_year_html(const struct public_item *it, struct buf *out);
void public_more_html(const struct public_mission *pm, struct buf *out);
/* "Is it a real change?" answered for a resident (plain text). */
const char *public_real_words(const struct metric_status *st);

/* What the icons mean: three legends, each a heading, an intro (template
 * HTML) and its icons with their meanings (plain text). */
#define PUBLIC_LEGENDS 3
struct public_legend {
    const char *id, *title, *intro;
    struct {
        struct report_icon icon;
        const char *meaning;
    } e[8];
    size_t n;
};
size_t public_legends(struct public_legend *l);

/* How to read a chart: the intro naming the example, and callout i (from
 * 0; false past the last). Only when m->example is set. */
void public_chart_intro_html(const struct public_model *m, struct buf *out);
bool public_callout_html(const struct public_model *m, size_t i, struct buf *out);
/* What a file of the folder is, or NULL. */
const char *public_file_words(const char *name);

/* The page: public_report.c writes the frame and the numbers, and calls
 * public_explain.c for the sections that explain. */
void pub_raw(struct buf *out, const char *html);
void pub_text(struct buf *out, const char *open, const char *text, const char *close);
void public_icons(struct buf *out);
int public_chart(const struct public_model *m, struct buf *out, struct buf *err);
void public_files(const struct public_model *m, struct buf *out);
/* A table with a caption and th scope, numbers as the CSV gives them, in
 * a region that scrolls sideways on a phone. */
void public_table(struct buf *out, const struct table *t, const char *id, const char *caption,
                  const char *const *headings);

#endif
