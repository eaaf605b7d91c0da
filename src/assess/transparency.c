/*
 * transparency.c - the calendar in use judged on a day (see
 * transparency.h): the store's items and their history, the working-day
 * calendar in use, and model/transparency.h's arithmetic.
 */
#include "assess/transparency.h"
#include "model/bank_holidays.h"
#include "store/calendar.h"
#include "store/hmicfrs.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct collect {
    struct tr_report *r;
    size_t cap;
};

static void take(void *arg, const struct tr_item_view *v)
{
    struct collect *c = arg;
    if (c->r->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 32;
        c->r->rows = xrealloc(c->r->rows, c->cap * sizeof *c->r->rows);
    }
    struct tr_row *row = &c->r->rows[c->r->n++];
    *row = (struct tr_row){.key = xstrdup(v->item.key),
                           .title = xstrdup(v->item.title),
                           .source = xstrdup(v->item.source),
                           .publisher = xstrdup(v->item.publisher),
                           .path = xstrdup(v->item.path),
                           .note = xstrdup(v->item.note),
                           .last_url = xstrdup(v->last_url),
                           .rule = v->item.rule,
                           .reg = v->item.reg,
                           .history = v->history,
                           .outstanding = v->outstanding};
}

/* The earliest due date of the s.55 clocks of reports not yet responded
 * to: the clocks, not the item's rule, say when (a clock may be
 * extended). */
static void earliest_due(void *arg, const struct hmicfrs_view *v)
{
    int *due = arg;
    if (v->response_on == DATE_NONE && v->clock.due != DATE_NONE &&
        (*due == DATE_NONE || v->clock.due < *due))
        *due = v->clock.due;
}

static void judge(const struct calendar *cal, int s55_due, struct tr_report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct tr_row *row = &r->rows[i];
        struct tr_history h = row->history;
        /* a register's oldest outstanding item is owed whatever was
         * published after it */
        if (row->reg != TR_REGISTER_NONE && row->outstanding > 0)
            h.last_published = DATE_NONE;
        tr_compute(cal, &row->rule, &h, r->as_of, TR_SOON_DAYS, &row->status);
        if (row->reg == TR_REGISTER_HMICFRS && row->outstanding > 0 && s55_due != DATE_NONE) {
            row->status.next_due = s55_due;
            row->status.state = tr_state_of(s55_due, r->as_of, TR_SOON_DAYS);
        }
        r->overdue += row->status.state == TR_OVERDUE;
        r->due_soon += row->status.state == TR_DUE_SOON;
    }
}

int tr_report_build(struct store *s, int as_of, struct tr_report *r, struct buf *err)
{
    *r = (struct tr_report){.as_of = as_of};
    struct collect c = {r, 0};
    if (store_tr_items(s, take, &c, err) < 0)
        return -1;
    struct holiday_list l;
    struct calendar_source src;
    holiday_list_init(&l);
    int s55_due = DATE_NONE;
    int rc = store_calendar_get(s, &l, &src, err);
    if (rc == 0 && store_hmicfrs_list(s, false, as_of, earliest_due, &s55_due, err) < 0)
        rc = -1;
    if (rc == 0) {
        struct calendar cal = holiday_list_calendar(&l);
        judge(&cal, s55_due, r);
    }
    holiday_list_free(&l);
    return rc;
}

void tr_report_free(struct tr_report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct tr_row *row = &r->rows[i];
        free(row->key), free(row->title), free(row->source), free(row->publisher);
        free(row->path), free(row->note), free(row->last_url);
    }
    free(r->rows);
    *r = (struct tr_report){0};
}

void tr_rule_words(const struct tr_rule *r, char *out, size_t n)
{
    const char *basis = clock_basis_name(r->basis);
    switch (r->kind) {
    case TR_BEFORE_YEAR:
        snprintf(out, n, "before the financial year starts%s",
                 r->basis == CLOCK_WORKING_DAYS ? " (by its last working day before)" : "");
        return;
    case TR_MONTHLY:
        snprintf(out, n, "monthly, %d %s days after the month", r->days, basis);
        return;
    case TR_QUARTERLY:
        snprintf(out, n, "quarterly, %d %s days after the quarter", r->days, basis);
        return;
    case TR_ANNUAL:
        snprintf(out, n, "annually, %d %s days after the financial year", r->days, basis);
        return;
    case TR_ON_CHANGE:
        snprintf(out, n, "on each change, within %d %s days", r->days, basis);
        return;
    case TR_EVENT:
        snprintf(out, n, "within %d %s days of each event", r->days, basis);
        return;
    }
    snprintf(out, n, "?");
}

void tr_row_period(const struct tr_row *row, char *out, size_t n)
{
    if (row->status.next_period >= 0)
        tr_period_format(row->rule.kind, row->status.next_period, out, n);
    else
        snprintf(out, n, "%s", "");
}

/* The columns a person reads in a terminal: key, state, next_period,
 * next_due, last_published, title. */
static void brief_table(const struct tr_report *r, bool all, struct table *t)
{
    static const char *const cols[] = {"key",      "state",          "next_period",
                                       "next_due", "last_published", "title"};
    table_init(t, 6, cols);
    for (size_t i = 0; i < r->n; i++) {
        const struct tr_row *row = &r->rows[i];
        if (!all && row->status.state != TR_OVERDUE && row->status.state != TR_DUE_SOON)
            continue;
        char period[16];
        tr_row_period(row, period, sizeof period);
        size_t k = table_add_row(t);
        table_set_text(t, k, 0, row->key);
        table_set_text(t, k, 1, tr_state_words(row->status.state));
        if (*period)
            table_set_text(t, k, 2, period);
        table_set_date(t, k, 3, row->status.next_due);
        table_set_date(t, k, 4, row->history.last_published);
        table_set_text(t, k, 5, row->title);
    }
}

void tr_report_table(const struct tr_report *r, bool all, bool brief, struct table *t)
{
    if (brief) {
        brief_table(r, all, t);
        return;
    }
    static const char *const cols[] = {
        "key",   "title",           "source",      "publisher",   "rule",
        "path",  "last_published",  "last_url",    "next_period", "next_due",
        "state", "periods_overdue", "outstanding", "note"};
    table_init(t, 14, cols);
    for (size_t i = 0; i < r->n; i++) {
        const struct tr_row *row = &r->rows[i];
        if (!all && row->status.state != TR_OVERDUE && row->status.state != TR_DUE_SOON)
            continue;
        char rule[160], period[16];
        tr_rule_words(&row->rule, rule, sizeof rule);
        tr_row_period(row, period, sizeof period);
        size_t k = table_add_row(t);
        const char *text[] = {row->key, row->title, row->source, row->publisher, rule, row->path};
        for (size_t c = 0; c < 6; c++)
            table_set_text(t, k, c, text[c]);
        table_set_date(t, k, 6, row->history.last_published);
        if (*row->last_url)
            table_set_text(t, k, 7, row->last_url);
        if (*period)
            table_set_text(t, k, 8, period);
        table_set_date(t, k, 9, row->status.next_due);
        table_set_text(t, k, 10, tr_state_words(row->status.state));
        table_set_int(t, k, 11, row->status.periods_overdue);
        table_set_int(t, k, 12, row->outstanding);
        table_set_text(t, k, 13, row->note);
    }
}
