/*
 * calendar.c - dates, working days and clocks (see calendar.h).
 *
 * Every function takes numbers and returns numbers: no I/O, no globals.
 * Working-day arithmetic is done by formula over whole weeks and binary
 * search over the holidays, so its time does not grow with the span.
 */
#include "model/calendar.h"
#include "util/month.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- dates ----------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil: years counted from March, so the leap
 * day is the last of its year). */
static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

bool date_from_ymd(int y, int m, int d, int *date)
{
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return false;
    *date = days_from_civil(y, m, d);
    return true;
}

void date_to_ymd(int date, int *y, int *m, int *d)
{
    /* any date a count can reach (up to 2999-12-31 plus ten years' worth
     * of extensions) has z > 0, for which the divisions below floor */
    assert(date > -719468 && date < DATE_MAX + 20 * CLOCK_MAX_DAYS);
    int z = date + 719468;
    int era = z / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

bool date_parse(const char *s, size_t n, int *date)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int v[3] = {0, 0, 0};
    static const int start[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int f = 0; f < 3; f++)
        for (int i = 0; i < len[f]; i++) {
            char ch = s[start[f] + i];
            if (ch < '0' || ch > '9')
                return false;
            v[f] = v[f] * 10 + (ch - '0');
        }
    return date_from_ymd(v[0], v[1], v[2], date);
}

bool date_text_iso(const char *text, int min_year, char out[DATE_TEXT_SIZE])
{
    size_t n = strlen(text);
    if (n == 10 && text[2] == '/' && text[5] == '/') /* DD/MM/YYYY */
        snprintf(out, DATE_TEXT_SIZE, "%.4s-%.2s-%.2s", text + 6, text + 3, text);
    else if (n == 10)
        memcpy(out, text, DATE_TEXT_SIZE);
    else
        return false;
    int date, y, m, d;
    if (!date_parse(out, 10, &date))
        return false;
    date_to_ymd(date, &y, &m, &d);
    return y >= min_year && y <= 2100;
}

void date_format(int date, char out[DATE_TEXT_SIZE])
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    snprintf(out, DATE_TEXT_SIZE, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

/* a mod 7, from 0 to 6 whatever a's sign */
static int mod7(int a)
{
    return (a % 7 + 7) % 7;
}

int date_weekday(int date)
{
    return mod7(date + 3) + 1; /* 1970-01-01 (day 0) was a Thursday */
}

/* ---- working days ------------------------------------------------------ */

static bool weekend(int date)
{
    return date_weekday(date) >= 6;
}

const char *calendar_check(const struct calendar *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->holidays[i] < DATE_MIN || c->holidays[i] > DATE_MAX)
            return "a holiday is outside the years 1900 to 2999";
        if (weekend(c->holidays[i]))
            return "a holiday falls on a Saturday or a Sunday (a substitute day is listed instead)";
        if (i > 0 && c->holidays[i] <= c->holidays[i - 1])
            return "the holidays are not in date order, or one is listed twice";
    }
    return NULL;
}

/* The number of holidays on or before date. */
static size_t holidays_to(const struct calendar *c, int date)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->holidays[mid] <= date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool calendar_is_holiday(const struct calendar *c, int date)
{
    size_t i = holidays_to(c, date);
    return i > 0 && c->holidays[i - 1] == date;
}

bool calendar_is_working_day(const struct calendar *c, int date)
{
    return !weekend(date) && !calendar_is_holiday(c, date);
}

/* The number of Mondays to Fridays from a fixed Monday up to date, so
 * that a difference counts the weekdays in a range. */
static int weekdays_to(int date)
{
    int t = date - 4; /* 1970-01-05 was a Monday */
    int r = mod7(t), weeks = (t - r) / 7;
    return weeks * 5 + (r < 5 ? r + 1 : 5);
}

int calendar_working_days_between(const struct calendar *c, int from, int to)
{
    if (to <= from)
        return 0;
    /* holidays are weekdays (calendar_check), so each one in range is one
     * weekday fewer */
    int holidays = (int)(holidays_to(c, to) - holidays_to(c, from));
    return weekdays_to(to) - weekdays_to(from) - holidays;
}

/* The n-th Monday to Friday after date. */
static int add_weekdays(int date, int n)
{
    assert(n >= 0);
    if (n == 0)
        return date;
    int wd = date_weekday(date);
    if (wd >= 6)
        date -= wd - 5; /* from the Friday before: the weekend adds nothing */
    int d = date + n / 5 * 7, rest = n % 5;
    wd = date_weekday(d);
    return d + rest + (wd + rest > 5 ? 2 : 0);
}

int calendar_add_working_days(const struct calendar *c, int date, int n)
{
    assert(n >= 0 && n <= 10 * CLOCK_MAX_DAYS);
    int to = add_weekdays(date, n);
    /* each holiday passed is one more weekday to go; every round passes at
     * least one holiday, so there are at most c->n rounds */
    for (int short_by = n - calendar_working_days_between(c, date, to); short_by > 0;) {
        int from = to;
        to = add_weekdays(to, short_by);
        short_by -= calendar_working_days_between(c, from, to);
    }
    return to;
}

/* ---- clocks ------------------------------------------------------------ */

/* The days of basis d with from < d <= to. */
static int count(const struct calendar *c, enum clock_basis basis, int from, int to)
{
    if (to <= from)
        return 0;
    return basis == CLOCK_WORKING_DAYS ? calendar_working_days_between(c, from, to) : to - from;
}

/* The n-th day of basis after date. */
static int add(const struct calendar *c, enum clock_basis basis, int date, int n)
{
    return basis == CLOCK_WORKING_DAYS ? calendar_add_working_days(c, date, n) : date + n;
}

/* The day before the count's first day: the count is of the days after it. */
static int before_first(enum clock_start_rule rule, int start)
{
    return rule == CLOCK_DAY_AFTER ? start : start - 1;
}

int clock_due_simple(const struct calendar *c, enum clock_basis basis, enum clock_start_rule rule,
                     int start, int days)
{
    assert(days >= 0 && days <= CLOCK_MAX_DAYS);
    return add(c, basis, before_first(rule, start), days);
}

/* The clock's state after events[0..n), and its days with extensions. */
static enum clock_state state_after(const struct clock_spec *spec, const struct clock_event *events,
                                    size_t n, int *total)
{
    enum clock_state st = CLOCK_RUNNING;
    *total = spec->days;
    for (size_t i = 0; i < n; i++) {
        if (events[i].kind == CLOCK_STOP)
            st = CLOCK_STOPPED;
        else if (events[i].kind == CLOCK_RESUME)
            st = CLOCK_RUNNING;
        else if (events[i].kind == CLOCK_COMPLETE)
            st = CLOCK_COMPLETED;
        else
            *total += events[i].days;
    }
    return st;
}

enum clock_refusal clock_event_refused(const struct clock_spec *spec,
                                       const struct clock_event *events, size_t n,
                                       const struct clock_event *e)
{
    int total;
    enum clock_state st = state_after(spec, events, n, &total);
    if (st == CLOCK_COMPLETED)
        return CLOCK_IS_COMPLETED;
    if (n >= CLOCK_MAX_EVENTS)
        return CLOCK_TOO_MANY;
    if (e->on < spec->start || (n > 0 && e->on < events[n - 1].on) || e->on > DATE_MAX)
        return CLOCK_DATE_BEFORE;
    if (e->kind == CLOCK_STOP && st == CLOCK_STOPPED)
        return CLOCK_ALREADY_STOPPED;
    if (e->kind == CLOCK_RESUME && st != CLOCK_STOPPED)
        return CLOCK_NOT_STOPPED;
    if (e->kind == CLOCK_EXTEND &&
        (e->days < 1 || e->days > CLOCK_MAX_DAYS || total + e->days > CLOCK_MAX_DAYS))
        return CLOCK_TOO_LONG;
    return CLOCK_ACCEPTED;
}

/* The due date: the count runs over the days after `cur`, leaving out each
 * stop's days; DATE_NONE when a stop still open comes before it ends, with
 * *remaining the days it still needs. */
static int due_date(const struct calendar *c, const struct clock_spec *spec,
                    const struct clock_event *events, size_t n, int total, int *remaining)
{
    int cur = before_first(spec->rule, spec->start);
    *remaining = total;
    for (size_t i = 0; i < n; i++) {
        if (events[i].kind != CLOCK_STOP)
            continue;
        int k = count(c, spec->basis, cur, events[i].on - 1);
        if (k >= *remaining)
            return add(c, spec->basis, cur, *remaining);
        *remaining -= k;
        size_t r = i + 1;
        while (r < n && events[r].kind != CLOCK_RESUME)
            r++;
        if (r == n)
            return DATE_NONE; /* stopped, short of the end */
        /* counting goes on from the resume date (a stop before the first
         * day leaves cur where it was) */
        cur = events[r].on - 1 > cur ? events[r].on - 1 : cur;
    }
    return add(c, spec->basis, cur, *remaining);
}

/* The basis days left out by stops, up to today. */
static int stopped_days(const struct calendar *c, const struct clock_spec *spec,
                        const struct clock_event *events, size_t n, int today)
{
    int days = 0, from = DATE_NONE;
    int first = before_first(spec->rule, spec->start);
    for (size_t i = 0; i < n; i++) {
        if (events[i].kind == CLOCK_STOP)
            from = events[i].on;
        else if (events[i].kind == CLOCK_RESUME && from != DATE_NONE) {
            int a = from - 1 > first ? from - 1 : first, b = events[i].on - 1;
            days += count(c, spec->basis, a, b < today ? b : today);
            from = DATE_NONE;
        }
    }
    if (from != DATE_NONE)
        days += count(c, spec->basis, from - 1 > first ? from - 1 : first, today);
    return days;
}

void clock_compute(const struct calendar *c, const struct clock_spec *spec,
                   const struct clock_event *events, size_t n, int today, struct clock_status *out)
{
    assert(spec->days >= 1 && spec->days <= CLOCK_MAX_DAYS && n <= CLOCK_MAX_EVENTS);
    *out = (struct clock_status){.completed_on = DATE_NONE};
    out->state = state_after(spec, events, n, &out->total_days);
    int remaining;
    out->due = due_date(c, spec, events, n, out->total_days, &remaining);
    if (out->state == CLOCK_COMPLETED) {
        out->completed_on = events[n - 1].on;
        today = out->completed_on; /* how early or late it was finished */
    }
    out->stopped_days = stopped_days(c, spec, events, n, today);
    if (out->due == DATE_NONE) {
        out->days_left = remaining;
        return;
    }
    out->days_left = today <= out->due ? count(c, spec->basis, today, out->due)
                                       : -count(c, spec->basis, out->due, today);
    out->overdue = out->state != CLOCK_COMPLETED && today > out->due;
}

/* ---- names -------------------------------------------------------------- */

static const char *const basis_names[] = {"calendar", "working"};
static const char *const rule_names[] = {"same-day", "day-after"};
static const char *const state_names[] = {"running", "stopped", "completed"};
static const char *const kind_names[] = {"stop", "resume", "extend", "complete"};

const char *clock_basis_name(enum clock_basis b)
{
    return basis_names[b];
}

const char *clock_rule_name(enum clock_start_rule r)
{
    return rule_names[r];
}

const char *clock_state_name(enum clock_state s)
{
    return state_names[s];
}

const char *clock_event_kind_name(enum clock_event_kind k)
{
    return kind_names[k];
}

/* The index of s in names[0..n), or -1. */
static int lookup(const char *s, const char *const *names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

bool clock_basis_parse(const char *s, enum clock_basis *b)
{
    int i = lookup(s, basis_names, 2);
    *b = i == 1 ? CLOCK_WORKING_DAYS : CLOCK_CALENDAR_DAYS;
    return i >= 0;
}

bool clock_rule_parse(const char *s, enum clock_start_rule *r)
{
    int i = lookup(s, rule_names, 2);
    *r = i == 1 ? CLOCK_DAY_AFTER : CLOCK_SAME_DAY;
    return i >= 0;
}

bool clock_event_kind_parse(const char *s, enum clock_event_kind *k)
{
    int i = lookup(s, kind_names, 4);
    *k = i >= 0 ? (enum clock_event_kind)i : CLOCK_STOP;
    return i >= 0;
}

const char *clock_refusal_text(enum clock_refusal r)
{
    static const char *const text[] = {
        "accepted",
        "there is no such clock",
        "it is stopped already",
        "it is not stopped",
        "it is completed: a completed clock never changes",
        "it would take effect before the clock's start date or its last event",
        "an extension is 1 to 3660 days, and a clock at most 3660 days in all",
        "it has the most events a clock may have (256)",
        "a stop or an extension needs a reason that says something",
    };
    assert((size_t)r < sizeof text / sizeof text[0]);
    return text[r];
}

bool clock_subject_ok(const char *s)
{
    const char *colon = strchr(s, ':');
    if (!colon || colon == s || colon - s > 32 || strlen(colon + 1) < 1 || strlen(colon + 1) > 100)
        return false;
    for (const char *p = s; p < colon; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '-'))
            return false;
    for (const char *p = colon + 1; *p; p++)
        if (*p <= ' ' || *p > '~')
            return false;
    return true;
}

int date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    int date = 0;
    if (localtime_r(&now, &tm) &&
        date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &date))
        return date;
    return (int)(now / 86400); /* UTC, if the local date cannot be had */
}

const char *date_weekday_name(int date)
{
    static const char *const names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    return names[date_weekday(date) - 1];
}

const char *date_month_name(int m)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    assert(m >= 1 && m <= 12);
    return names[m - 1];
}

void date_words(int date, char out[DATE_WORDS_SIZE])
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    snprintf(out, DATE_WORDS_SIZE, "%d %s %d", d, date_month_name(m), y);
}

int date_quarter(int date)
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    int month = y * 12 + (m - 1);
    return fy_first_month(fy_of_month(month)) + 3 * (fq_of_month(month) - 1);
}

void date_months_span(int first_month, int months, int *from, int *to)
{
    int next;
    bool ok = date_from_ymd(month_year(first_month), month_of_year(first_month), 1, from) &&
              date_from_ymd(month_year(first_month + months), month_of_year(first_month + months),
                            1, &next);
    assert(ok);
    (void)ok; /* read only by the assert, which a Release build leaves out */
    *to = next - 1;
}
