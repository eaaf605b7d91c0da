/*
 * report_kind.h - `peel report KIND` as a table, the way git's builtins
 * are one: each kind of report is a small struct naming its files, how
 * each is written and how the report is gathered, and one runner
 * (report_run) does what every kind does with them:
 *
 *   gather   the kind's model, read from the store once, so that its
 *            formats are written from the same figures and cannot differ
 *   folder   made, or refused when it holds anything and overwrite is not set
 *   formats  each file in the kind's order, written aside and renamed
 *   manifest report.json last, naming every file: a folder with a
 *            report.json is a whole report (`peel publish` reads it)
 *   summary  the one line the command prints
 *
 * Gathering comes before the folder, so a report that cannot be made
 * (no plan, no data for the year) leaves no empty folder behind.
 *
 * Adding a kind is one struct in report_kinds.c and one row of the
 * command's table (src/cli/cmd_report.c), which parses its options.
 */
#ifndef PEEL_REPORT_KIND_H
#define PEEL_REPORT_KIND_H

#include <stdbool.h>

#include "assess/annual_table.h"
#include "model/chart_options.h"
#include "util/buf.h"

#include <jansson.h>

struct store;

/* What the command line asked for; each kind reads its own fields. */
struct report_request {
    const char *out; /* the folder */
    bool overwrite;  /* write into a folder that is not empty */
    /* governance, public */
    int period;       /* the month reported on */
    const char *plan; /* which plan; NULL: the one loaded most recently */
    /* XmR options for every metric in place of the plan's (`peel report
     * --no-screen` and the rest); all 0: the plan's own */
    struct chart_options charts;
    /* annual */
    struct annual_request annual;
    /* complaints: the financial year (util/month.h's fy) */
    int complaints_fy;
};

/* One report being made: what each of its kind's functions is given. */
struct report_job {
    struct store *s;
    const struct report_request *req;
    char generated[64];       /* when, as the reader reads it */
    char iso[32];             /* the same in ISO 8601, for a PDF ("" unknown) */
    const char *const *files; /* the folder's files, report.json last; NULL-ended */
    void *model;              /* what the kind's gather made */
    bool synthetic;           /* the store holds generated data (model/synthetic.h) */
};

/* One file of a report. Exactly one of text and write is set: text
 * appends the file's bytes to out; write writes the file at path (a
 * temporary name that the runner renames). 0, or -1 with err. */
struct report_format {
    const char *file; /* its name in the folder */
    int (*text)(struct report_job *j, struct buf *out, struct buf *err);
    int (*write)(struct report_job *j, const char *path, struct buf *err);
};

#define REPORT_MAX_FORMATS 8

struct report_kind {
    const char *name;
    /* In the order written; the list ends at the first without a file. */
    struct report_format formats[REPORT_MAX_FORMATS];
    /* Sets j->model. 0, or -1 with err (then nothing to free). */
    int (*gather)(struct report_job *j, struct buf *err);
    /* report.json's fields after "kind" and before "generated" and
     * "files". 0, or -1 when out of memory. */
    int (*describe)(const struct report_job *j, json_t *m);
    /* The line the command prints, without its newline. */
    void (*summary)(const struct report_job *j, struct buf *out);
    void (*free)(void *model);
};

extern const struct report_kind report_governance, report_annual, report_public, report_complaints;

/* Makes the report of kind k that req asks for, into req->out; summary
 * gets the line to print. 0, or -1 with err. */
int report_run(struct store *s, const struct report_kind *k, const struct report_request *req,
               struct buf *summary, struct buf *err);

#endif
