/*
 * concerns_internal.h - what the casework register's files share
 * (concerns.c, concern_data.c, concern_misdirected.c): the store's
 * working-day calendar, whether a case's clock met its standard, a date
 * bound as text, and a spell with a wrong body recorded.
 */
#ifndef PEEL_STORE_CONCERNS_INTERNAL_H
#define PEEL_STORE_CONCERNS_INTERNAL_H

#include "model/bank_holidays.h"
#include "store/concerns.h"
#include "store/store.h"

#include <sqlite3.h>

/* The store's working-day calendar into l (initialised here; free it with
 * holiday_list_free). 0, or -1 with err. */
int concern_calendar(struct store *s, struct holiday_list *l, struct buf *err);
/* Whether the clock "PREFIX:REF" was completed by its due date: 1, 0 (late,
 * or still open past due), -1 (none, or still open in time), or -2 with
 * err. */
int concern_within_standard(struct store *s, const char *prefix, const char *ref, int today,
                            struct buf *err);

/* store_review_assessment over the months from first (a quarter: 3; a
 * year: 12). */
struct review_assessment;
int concern_review_assessment(struct store *s, int first, int months, struct review_assessment *out,
                              struct buf *err);

/* A review's in-time check as it stands, in SQL over `concern c`: its
 * latest spell row's, else the one worked out when it was recorded. */
#define CONCERN_IN_TIME                                                                            \
    "coalesce((SELECT w.in_time FROM concern_misdirected w WHERE w.concern_id = c.id"              \
    " ORDER BY w.id DESC LIMIT 1), c.in_time)"

/* What the changes to a case check first (its row and its state). */
struct case_row {
    int64_t id;
    char kind[16];
    int received, outcome;
    bool closed, destroyed, decided, acknowledged;
};
/* Case ref's row: 0, CONCERN_UNKNOWN, or -1 with err. */
int case_row(struct store *s, const char *ref, struct case_row *r, struct buf *err);

/* Binds date as "YYYY-MM-DD" (NULL for DATE_NONE). */
void concern_bind_date(sqlite3_stmt *st, int col, int date);
/* Records change c (a spell, or a withdrawal) of case concern_id (REF
 * ref) with the window w after it, and its audit row, in the caller's
 * transaction. 0, or -1 with err. */
int concern_spell_in(struct store *s, const char *ref, int64_t concern_id,
                     const struct concern_spell_change *c, const struct review_window *w,
                     const struct audit_origin *by, struct buf *err);

#endif
