/*
 * calendar.h - dates, working days and clocks: the one engine every
 * deadline of the Office is worked out by (pure arithmetic, no I/O).
 *
 * A date is one integer, the number of days since 1970-01-01 (day 0, a
 * Thursday), so that "N days later" is addition and ranges are
 * comparisons. Its one written form is "YYYY-MM-DD" (years 1900..2999),
 * parsed strictly: "2026-02-30", "2026-2-3" and "2026-02-03T00:00" are
 * refused.
 *
 * A working day is a Monday to Friday that is not one of the calendar's
 * holidays (England and Wales bank holidays: model/bank_holidays.h). The
 * holidays are a sorted array the caller passes in, looked up by binary
 * search: nothing here is global.
 *
 * Counting ("N days starting the day after D"). A count of N days has a
 * first day: D itself (CLOCK_SAME_DAY) or D + 1 (CLOCK_DAY_AFTER, as the
 * complaint-review rule "28 days starting with the day after the outcome
 * was given" reads). Day 1 is the first day on or after the first day that
 * counts in the clock's basis (any day; or a working day), and the due
 * date is day N, the last day of the count. So 28 calendar days starting
 * the day after 2026-03-02 end on 2026-03-30, and 56 calendar days
 * starting the day after 2026-03-02 end on 2026-04-27. A calendar-day due
 * date is not moved off a weekend or bank holiday: the law counts
 * calendar days as calendar days.
 */
#ifndef PEEL_CALENDAR_H
#define PEEL_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#define DATE_TEXT_SIZE 11       /* "YYYY-MM-DD" + NUL */
#define DATE_MIN       (-25567) /* 1900-01-01 */
#define DATE_MAX       376199   /* 2999-12-31 */
#define DATE_NONE      (-32768) /* no date: below DATE_MIN */

/* Parses exactly "YYYY-MM-DD", a real date of 1900..2999, n bytes. */
bool date_parse(const char *s, size_t n, int *date);
void date_format(int date, char out[DATE_TEXT_SIZE]);
/* A date as offices type one in their files and forms, YYYY-MM-DD or
 * DD/MM/YYYY, of a year from min_year to 2100, written into out as
 * YYYY-MM-DD; false when it is not one. */
bool date_text_iso(const char *text, int min_year, char out[DATE_TEXT_SIZE]);
/* The date of year y, month m (1..12), day d; false if there is none. */
bool date_from_ymd(int y, int m, int d, int *date);
void date_to_ymd(int date, int *y, int *m, int *d);
/* 1 Monday ... 7 Sunday (ISO 8601). */
int date_weekday(int date);
/* "Monday" ... "Sunday". */
const char *date_weekday_name(int date);
/* "January" ... "December" for m 1..12. */
const char *date_month_name(int m);
/* The date in words as a letter writes it: "5 December 2026". */
#define DATE_WORDS_SIZE 24
void date_words(int date, char out[DATE_WORDS_SIZE]);
/* The first month (as util/month.h counts months) of the financial
 * quarter that holds date. */
int date_quarter(int date);
/* The first and the last date of the `months` months from first_month. */
void date_months_span(int first_month, int months, int *from, int *to);
/* Today's date where peel runs (local time; UTC if that cannot be had). */
int date_today(void);

/* The holidays of a working-day calendar: sorted, no repeats, each a
 * Monday to Friday (calendar_check). */
struct calendar {
    const int *holidays;
    size_t n;
};

/* NULL when c is a calendar as above, else what is wrong with it. */
const char *calendar_check(const struct calendar *c);
bool calendar_is_holiday(const struct calendar *c, int date);
bool calendar_is_working_day(const struct calendar *c, int date);
/* The n-th working day after date (n >= 0; date itself when n is 0). */
int calendar_add_working_days(const struct calendar *c, int date, int n);
/* The number of working days d with from < d <= to (0 when to <= from). */
int calendar_working_days_between(const struct calendar *c, int from, int to);

/* ---- clocks ----------------------------------------------------------- */

enum clock_basis { CLOCK_CALENDAR_DAYS, CLOCK_WORKING_DAYS };
enum clock_start_rule { CLOCK_SAME_DAY, CLOCK_DAY_AFTER };

#define CLOCK_MAX_DAYS   3660 /* ten years: a length or an extension */
#define CLOCK_MAX_EVENTS 256  /* events of one clock */

/* What a clock is: N days in a basis, counted from a date by a rule. */
struct clock_spec {
    enum clock_basis basis;
    enum clock_start_rule rule;
    int start; /* the date the rule counts from */
    int days;  /* 1..CLOCK_MAX_DAYS */
};

/* What happens to a clock after it starts, in order. A stop on date S
 * means S is the first day that does not count; a resume on date R means
 * R is the first day that counts again: the days S..R-1 are left out. An
 * extension adds its days to the count (in the clock's basis). */
enum clock_event_kind { CLOCK_STOP, CLOCK_RESUME, CLOCK_EXTEND, CLOCK_COMPLETE };

struct clock_event {
    enum clock_event_kind kind;
    int on;   /* the date it takes effect */
    int days; /* CLOCK_EXTEND: 1..CLOCK_MAX_DAYS */
};

enum clock_state { CLOCK_RUNNING, CLOCK_STOPPED, CLOCK_COMPLETED };

struct clock_status {
    enum clock_state state;
    int due;          /* the last day of the count; DATE_NONE while stopped short of it */
    int days_left;    /* basis days after today up to due (negative: overdue by);
                         completed: after the completion date (negative: late by);
                         stopped short of due: the days the count still needs */
    bool overdue;     /* running or stopped, due < today */
    int completed_on; /* DATE_NONE unless completed */
    int total_days;   /* days plus extensions */
    int stopped_days; /* basis days left out while stopped, up to today */
};

/* Why a change to a clock is refused (the store's answers too). */
enum clock_refusal {
    CLOCK_ACCEPTED = 0,
    CLOCK_UNKNOWN = 1,         /* the store has no clock of this id */
    CLOCK_ALREADY_STOPPED = 2, /* stop: it is stopped */
    CLOCK_NOT_STOPPED = 3,     /* resume: it is running */
    CLOCK_IS_COMPLETED = 4,    /* nothing follows completion */
    CLOCK_DATE_BEFORE = 5,     /* takes effect before the start date or the last event */
    CLOCK_TOO_LONG = 6,        /* extend: days outside 1..CLOCK_MAX_DAYS, or more in all */
    CLOCK_TOO_MANY = 7,        /* CLOCK_MAX_EVENTS events already */
    CLOCK_NO_REASON = 8,       /* stop and extend say why (not blank) */
};
/* A sentence for r ("it is stopped already"). */
const char *clock_refusal_text(enum clock_refusal r);

/* Whether the event e may follow events[0..n) of spec: dates never go
 * back, a stop needs a running clock, a resume a stopped one, and nothing
 * follows completion. */
enum clock_refusal clock_event_refused(const struct clock_spec *spec,
                                       const struct clock_event *events, size_t n,
                                       const struct clock_event *e);
/* The clock's state as of today, from its spec and events (which
 * clock_event_refused accepted one by one). */
void clock_compute(const struct calendar *c, const struct clock_spec *spec,
                   const struct clock_event *events, size_t n, int today, struct clock_status *out);
/* The due date of a count of days in basis whose first day is the rule's
 * day from start, ignoring stops: what `peel calendar add` prints. */
int clock_due_simple(const struct calendar *c, enum clock_basis basis, enum clock_start_rule rule,
                     int start, int days);

const char *clock_basis_name(enum clock_basis b);           /* "calendar", "working" */
const char *clock_rule_name(enum clock_start_rule r);       /* "same-day", "day-after" */
const char *clock_state_name(enum clock_state s);           /* "running", ... */
const char *clock_event_kind_name(enum clock_event_kind k); /* "stop", ... */
bool clock_basis_parse(const char *s, enum clock_basis *b);
bool clock_rule_parse(const char *s, enum clock_start_rule *r);
bool clock_event_kind_parse(const char *s, enum clock_event_kind *k);
/* A clock's subject: "kind:key", kind lower-case letters and '-', key
 * 1..100 printable ASCII bytes without spaces ("review:R-2026-0041"). */
bool clock_subject_ok(const char *s);

#endif
