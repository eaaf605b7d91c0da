/*
 * budget.h - the budget register: each financial year's budget by heading,
 * the precept and its Band D figure with the Police and Crime Panel's
 * timetable, and the medium-term financial strategy (Specified Information
 * Order 2011 para 3(a)-(e): "before the beginning of the financial year to
 * which it relates").
 *
 * A year's budget is published as a version: its headings and amounts as
 * they then stood, never changed afterwards. A file that changes a year
 * publishes a new version of it, which needs a reason; a year the file
 * leaves as it was gets no new version. A medium-term financial strategy
 * (MTFS) covers a run of years (at most ten) and is versioned the same way:
 * a correction of the same run is the next version, with its reason.
 *
 * The precept follows the Police and Crime Panels (Precepts and Chief
 * Constable Appointments) Regulations 2012, each step a row that never
 * changes, and each deadline a clock (store/clocks.h):
 *   opened        the timetable starts: the clock to notify the Panel of
 *                 the proposed precept by 1 February (reg. 3)
 *   proposed      the Panel notified, with the Band D figure: completes
 *                 that clock, starts the Panel's report by 8 February
 *                 (reg. 4)
 *   panel-report  the Panel's report, vetoing or not: completes it; a veto
 *                 starts the revised precept by 15 February (reg. 5)
 *   revised       the revised precept after a veto: completes that clock
 *   issued        the precept issued (after the Panel's report, and after
 *                 a revision when vetoed); nothing follows
 * Clock subjects are "precept:YYYY-YY:notify", ":report" and ":revise".
 *
 * Migration 23: every table is append-only. Every change is one
 * transaction with its audit row (budget.publish, precept.STEP,
 * mtfs.publish; objects "budget:YYYY-YY:vN", "precept:YYYY-YY",
 * "mtfs:YYYY-YY..YYYY-YY:vN").
 */
#ifndef PEEL_STORE_BUDGET_H
#define PEEL_STORE_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

#define BUDGET_MAX_LINES    200 /* headings of one year */
#define MTFS_MAX_YEARS      10  /* years of one strategy */
#define BUDGET_NEEDS_REASON 2   /* a published year or strategy changed without a reason */
#define BUDGET_BAD          3   /* a strategy's title, address, date or years are wrong */

struct budget_line {
    const char *heading; /* unique in its year */
    int64_t amount_pence;
    long line; /* of the file it came from */
};

/* One year of a budget file: its lines in the file's order. */
struct budget_year {
    int fy; /* the year it starts: 2022 for 2022-23 */
    const struct budget_line *lines;
    size_t n;
};

/* Where a register's figures came from. */
struct budget_source {
    const char *name;   /* the file's name (no folders: they are not public) */
    const char *sha256; /* of its bytes */
};

/* Publishes each year that differs from its current version as the next
 * version, in one transaction audited as by; out[i] gets years[i]'s new
 * version, 0 when unchanged. A year already published that the file
 * changes needs reason: otherwise BUDGET_NEEDS_REASON, nothing written,
 * and err names each such year. dry_run: the outcomes only. */
int store_budget_publish(struct store *s, const struct budget_year *years, size_t n,
                         const char *reason, const struct budget_source *src,
                         const struct audit_origin *by, bool dry_run, int *out, struct buf *err);

/* ---- the precept -------------------------------------------------------- */

enum precept_kind {
    PRECEPT_OPENED,
    PRECEPT_PROPOSED,
    PRECEPT_PANEL_REPORT,
    PRECEPT_REVISED,
    PRECEPT_ISSUED,
    PRECEPT_KINDS
};
const char *precept_kind_word(enum precept_kind k); /* "opened", "panel-report", ... */
/* The step as readers are told it ("The Panel's report"): pages, not data. */
const char *precept_kind_text(enum precept_kind k);
bool precept_kind_parse(const char *w, enum precept_kind *k);

/* Answers of store_precept_step besides 0 and -1 (err says more). */
enum precept_refusal {
    PRECEPT_DONE_ALREADY = 1, /* this step is recorded for the year */
    PRECEPT_OUT_OF_ORDER = 2, /* a step it needs is not recorded, or it is issued */
    PRECEPT_BAD = 3,          /* a figure is missing or out of bounds */
};

struct precept_step {
    int fy;
    enum precept_kind kind;
    int on;                /* the date it happened */
    int64_t band_d_pence;  /* proposed, revised (required), issued (optional); else 0 */
    int64_t precept_pence; /* the amount of the precept, optional (0) */
    bool veto;             /* panel-report */
    const char *note;      /* "" or up to 2,000 bytes */
};

/* The deadline of a step's clock for the year starting in fy: 1, 8 or 15
 * February of that calendar year (notify, report, revise). */
int precept_deadline(int fy, enum precept_kind opens);

/* Records a step, completing and starting its clocks in the same
 * transaction. */
int store_precept_step(struct store *s, const struct precept_step *p, const struct audit_origin *by,
                       struct buf *err);

/* ---- the medium-term financial strategy ---------------------------------- */

struct mtfs_year {
    int fy;
    int64_t requirement_pence, funding_pence; /* the gap is their difference */
    long line;
};

struct mtfs_new {
    const char *title, *url;
    int published_on;
    const struct mtfs_year *years; /* consecutive, oldest first, 1..MTFS_MAX_YEARS */
    size_t n;
};

/* Publishes m as the next version of the strategy for its run of years
 * (version 1 for a new run); *version gets it, 0 when it is the current
 * version unchanged. A correction needs reason (BUDGET_NEEDS_REASON);
 * BUDGET_BAD when a field is wrong (err says which). */
int store_mtfs_publish(struct store *s, const struct mtfs_new *m, const char *reason,
                       const struct budget_source *src, const struct audit_origin *by, int *version,
                       struct buf *err);

/* ---- reads (public) ------------------------------------------------------ */

struct budget_version_row {
    int fy, version;
    bool current;
    int64_t total_pence;
    long lines;
    const char *published_at, *reason, *file_name, *file_sha256;
};
typedef void (*budget_version_fn)(void *arg, const struct budget_version_row *v);
/* Every version, newest year first, then version. */
int store_budget_versions(struct store *s, budget_version_fn fn, void *arg, struct buf *err);

typedef void (*budget_line_fn)(void *arg, const struct budget_line *l);
/* Year fy's lines in the file's order, of version (0: the current one).
 * The version read (0: none), or -1 with err. */
int store_budget_lines(struct store *s, int fy, int version, budget_line_fn fn, void *arg,
                       struct buf *err);

struct precept_row {
    int fy;
    enum precept_kind kind;
    int on;
    int64_t band_d_pence, precept_pence; /* 0: not given */
    int veto;                            /* -1: not a report */
    const char *note, *recorded_at;
};
typedef void (*precept_fn)(void *arg, const struct precept_row *p);
/* Every step, newest year first, then in the order they happened. */
int store_precept_steps(struct store *s, precept_fn fn, void *arg, struct buf *err);

struct mtfs_row {
    int first_fy, last_fy, version;
    bool current;
    const char *title, *url, *reason, *file_name, *file_sha256;
    int published_on;
    int64_t requirement_pence, funding_pence; /* of the year fy */
    int fy;
};
typedef void (*mtfs_fn)(void *arg, const struct mtfs_row *m);
/* Each year of every version, newest strategy first, then version, then
 * year. */
int store_mtfs_rows(struct store *s, mtfs_fn fn, void *arg, struct buf *err);

/* Whether a strategy whose first year is fy was published (its first
 * version) on or before the date `by`: 1 yes, 0 no, -1 with err. What
 * the plan metric "Published Medium Term Financial Strategy" counts. */
int store_mtfs_published_for(struct store *s, int fy, int by, struct buf *err);

#endif
