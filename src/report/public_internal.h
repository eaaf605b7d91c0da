/*
 * public_internal.h - what the files of the public report share: the model
 * of the report (which measures it shows, and why) and the page writer.
 *
 *   public_model.c   the selection rule, the example chart, the tables
 *   public_report.c  the page: about, numbers, sources
 *   public_explain.c the icons, how to read a chart, where the numbers are
 *
 * Not part of the public API: include report/public_report.h instead.
 */
#ifndef PEEL_PUBLIC_INTERNAL_H
#define PEEL_PUBLIC_INTERNAL_H

#include "plan/exceptions.h"
#include "report/public_report.h"
#include "report/table.h"
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
