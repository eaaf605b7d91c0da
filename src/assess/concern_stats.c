/*
 * concern_stats.c - the published quarterly statistics (see
 * concern_stats.h).
 */
#include "assess/concern_stats.h"
#include "model/concern.h"
#include "store/complaints_report.h"
#include "store/concerns.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdio.h>
#include <stdlib.h>

const char concern_stats_rule[] =
    "Counts from 1 to 4 are shown as <5, and so is the next smallest count of the same group "
    "when only one would be hidden, so that no one can be identified from a small number "
    "(the Office's rule; no statute sets one).";

static const char *const columns[] = {"quarter",
                                      "received",
                                      "police",
                                      "review",
                                      "commissioner",
                                      "chief",
                                      "foi",
                                      "other",
                                      "reviews_in_time",
                                      "reviews_late",
                                      "acknowledged",
                                      "acknowledged_within_standard",
                                      "answered",
                                      "answered_within_standard",
                                      "reasonable_and_proportionate",
                                      "not_reasonable",
                                      "recommendations"};
#define NCOLS (sizeof columns / sizeof columns[0])

/* One cell: the count, or "<5" when hidden. */
static void put(struct table *t, size_t row, size_t col, int64_t v, bool hide)
{
    if (hide || (v > 0 && v < CONCERN_SUPPRESS_BELOW))
        table_set_text(t, row, col, "<5");
    else
        table_set_int(t, row, col, v);
}

/* A group of counts adding up to a total, each suppressed by the rule. */
static void group(struct table *t, size_t row, const size_t *cols, const int64_t *v, size_t n)
{
    bool hide[CONCERN_KINDS];
    concern_suppress(v, n, hide);
    for (size_t i = 0; i < n; i++)
        if (cols[i] != (size_t)-1)
            put(t, row, cols[i], v[i], hide[i]);
}

static void add_quarter(void *arg, const struct concern_quarter *q)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    char name[PERIOD_TEXT_SIZE];
    period_format(PERIOD_QUARTER, q->quarter, name);
    table_set_text(t, r, 0, name);
    int64_t total = 0;
    for (int k = 0; k < CONCERN_KINDS; k++)
        total += q->received[k];
    put(t, r, 1, total, false);
    const size_t kinds[CONCERN_KINDS] = {2, 3, 4, 5, 6, 7};
    group(t, r, kinds, q->received, CONCERN_KINDS);
    const size_t none = (size_t)-1;
    const size_t c1[] = {8, 9};
    group(t, r, c1, (int64_t[]){q->reviews_in_time, q->reviews_late}, 2);
    put(t, r, 10, q->ack_total, false);
    const size_t c2[] = {11, none};
    group(t, r, c2, (int64_t[]){q->ack_within, q->ack_total - q->ack_within}, 2);
    put(t, r, 12, q->answer_total, false);
    const size_t c3[] = {13, none};
    group(t, r, c3, (int64_t[]){q->answer_within, q->answer_total - q->answer_within}, 2);
    const size_t c4[] = {14, 15};
    group(t, r, c4, (int64_t[]){q->reasonable, q->not_reasonable}, 2);
    put(t, r, 16, q->recommendations, false);
}

int concern_stats_table(struct store *s, struct table *t, struct buf *err)
{
    table_init(t, NCOLS, columns);
    table_set_title(t, "Concerns, complaint reviews and requests by financial quarter received");
    int rc = store_concern_stats(s, add_quarter, t, err);
    table_add_note(t,
                   "Acknowledged within %d working days; reviews decided within %d working "
                   "days, FOI requests answered within %d, other contacts within %d.",
                   CONCERN_ACK_DAYS, CONCERN_DECIDE_DAYS, CONCERN_FOI_DAYS, CONCERN_REPLY_DAYS);
    table_add_note(t, "%s", concern_stats_rule);
    return rc;
}

/* ---- by allegation category ---------------------------------------------- */

struct by_category {
    struct table *t;
    const char *quarter;
};

static void add_theme(void *arg, const struct review_theme *th)
{
    const struct by_category *c = arg;
    size_t r = table_add_row(c->t);
    table_set_text(c->t, r, 0, c->quarter);
    table_set_text(c->t, r, 1, th->code);
    table_set_text(c->t, r, 2, th->label);
    put(c->t, r, 3, th->received, false);
    put(c->t, r, 4, th->upheld, false);
}

struct quarters {
    int *q;
    size_t n;
};

static void note_quarter(void *arg, const struct concern_quarter *q)
{
    struct quarters *qs = arg;
    qs->q = xrealloc(qs->q, (qs->n + 1) * sizeof *qs->q);
    qs->q[qs->n++] = q->quarter;
}

int concern_stats_categories_table(struct store *s, struct table *t, struct buf *err)
{
    static const char *const cols[] = {"quarter", "code", "category", "reviews_received",
                                       "reviews_upheld"};
    table_init(t, 5, cols);
    table_set_title(t, "Complaint reviews by allegation category and financial quarter received");
    struct quarters qs = {NULL, 0};
    int rc = store_concern_stats(s, note_quarter, &qs, err);
    for (size_t i = 0; rc == 0 && i < qs.n; i++) {
        char name[PERIOD_TEXT_SIZE];
        period_format(PERIOD_QUARTER, qs.q[i], name);
        struct by_category c = {t, name};
        rc = store_review_themes_span(s, qs.q[i], 3, add_theme, &c, err);
    }
    free(qs.q);
    table_add_note(t, "A review may have more than one category. Upheld: the outcome was found "
                      "not reasonable and proportionate.");
    table_add_note(t, "%s", concern_stats_rule);
    return rc;
}
