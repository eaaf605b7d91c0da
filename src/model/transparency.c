/*
 * transparency.c - the due dates of the transparency calendar (see
 * transparency.h). Pure: the holidays come in, dates go out.
 */
#include "model/transparency.h"
#include "util/month.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {"before-year", "monthly",   "quarterly",
                                         "annual",      "on-change", "event"};
#define NKINDS (sizeof kind_names / sizeof kind_names[0])

/* Periods counted when working out how many are overdue: a century of
 * months, more than any store will be behind. */
#define MAX_PERIODS_COUNTED 1200

const char *tr_kind_name(enum tr_kind k)
{
    assert((size_t)k < NKINDS);
    return kind_names[k];
}

bool tr_kind_parse(const char *s, enum tr_kind *k)
{
    for (size_t i = 0; s && i < NKINDS; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *k = (enum tr_kind)i;
            return true;
        }
    return false;
}

bool tr_kind_periodic(enum tr_kind k)
{
    return k == TR_BEFORE_YEAR || k == TR_MONTHLY || k == TR_QUARTERLY || k == TR_ANNUAL;
}

const char *tr_rule_check(const struct tr_rule *r)
{
    if ((size_t)r->kind >= NKINDS)
        return "the rule is not one peel knows";
    if (r->basis != CLOCK_CALENDAR_DAYS && r->basis != CLOCK_WORKING_DAYS)
        return "the basis is not calendar or working";
    if (r->kind == TR_BEFORE_YEAR)
        return r->days == 0 ? NULL : "a before-year rule takes no days (due before 1 April)";
    return r->days >= 1 && r->days <= TR_MAX_DAYS ? NULL : "days are not 1 to 366";
}

int tr_period_months(enum tr_kind k)
{
    assert(tr_kind_periodic(k));
    return k == TR_MONTHLY ? 1 : k == TR_QUARTERLY ? 3 : 12;
}

int tr_period_of_month(enum tr_kind k, int month)
{
    int fy_start = fy_first_month(fy_of_month(month));
    if (k == TR_MONTHLY)
        return month;
    if (k == TR_QUARTERLY)
        return fy_start + 3 * (fq_of_month(month) - 1);
    return fy_start;
}

void tr_period_format(enum tr_kind k, int start, char *out, size_t n)
{
    char text[PERIOD_TEXT_SIZE];
    period_format(k == TR_MONTHLY     ? PERIOD_MONTH
                  : k == TR_QUARTERLY ? PERIOD_QUARTER
                                      : PERIOD_YEAR,
                  start, text);
    snprintf(out, n, "%s", text);
}

/* The first day of a month as util/month.h counts months. */
static int month_first_day(int month)
{
    int d = DATE_NONE;
    bool ok = date_from_ymd(month_year(month), month_of_year(month), 1, &d);
    assert(ok);
    (void)ok;
    return d;
}

int tr_period_due(const struct calendar *c, const struct tr_rule *r, int period_start)
{
    assert(tr_kind_periodic(r->kind));
    if (r->kind == TR_BEFORE_YEAR) {
        int d = month_first_day(period_start) - 1;
        while (r->basis == CLOCK_WORKING_DAYS && !calendar_is_working_day(c, d))
            d--;
        return d;
    }
    int last = month_first_day(period_start + tr_period_months(r->kind)) - 1;
    return clock_due_simple(c, r->basis, CLOCK_DAY_AFTER, last, r->days);
}

static int month_of_date(int date)
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    return y * 12 + m - 1;
}

enum tr_state tr_state_of(int due, int as_of, int soon)
{
    return due < as_of ? TR_OVERDUE : due <= as_of + soon ? TR_DUE_SOON : TR_UP_TO_DATE;
}

static void compute_periodic(const struct calendar *c, const struct tr_rule *r,
                             const struct tr_history *h, int as_of, int soon, struct tr_status *out)
{
    int months = tr_period_months(r->kind);
    int now = tr_period_of_month(r->kind, month_of_date(as_of));
    int next = h->covered >= 0             ? tr_period_of_month(r->kind, h->covered) + months
               : r->kind == TR_BEFORE_YEAR ? now
                                           : now - months;
    out->next_period = next;
    out->next_due = tr_period_due(c, r, next);
    out->state = tr_state_of(out->next_due, as_of, soon);
    for (int p = next, i = 0; i < MAX_PERIODS_COUNTED && tr_period_due(c, r, p) < as_of;
         p += months, i++)
        out->periods_overdue++;
}

void tr_compute(const struct calendar *c, const struct tr_rule *r, const struct tr_history *h,
                int as_of, int soon, struct tr_status *out)
{
    assert(tr_rule_check(r) == NULL);
    *out = (struct tr_status){.state = TR_NO_DUE, .next_period = -1, .next_due = DATE_NONE};
    if (tr_kind_periodic(r->kind)) {
        compute_periodic(c, r, h, as_of, soon, out);
        return;
    }
    bool outstanding =
        h->event != DATE_NONE && (h->last_published == DATE_NONE || h->last_published < h->event);
    if (!outstanding)
        return;
    out->next_due = clock_due_simple(c, r->basis, CLOCK_SAME_DAY, h->event, r->days);
    out->state = tr_state_of(out->next_due, as_of, soon);
}

const char *tr_state_words(enum tr_state s)
{
    switch (s) {
    case TR_UP_TO_DATE:
        return "up to date";
    case TR_DUE_SOON:
        return "due soon";
    case TR_OVERDUE:
        return "OVERDUE";
    case TR_NO_DUE:
        return "nothing due";
    }
    return "?";
}
