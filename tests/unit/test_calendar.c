/*
 * test_calendar.c - dates, working days and clocks (model/calendar.h), and
 * the shipped bank holidays (model/bank_holidays.h).
 *
 * The shipped list is checked against its JSON file (bytes by SHA-256,
 * then event by event), and against the rules that make the bank holidays
 * of England and Wales: Easter by a computus written here (not in Peel),
 * the first and last Mondays of May and the last of August, the
 * substitute days after a weekend, and the one-off days of 2020, 2022 and
 * 2023. Working-day arithmetic is checked against counting day by day.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/bank_holidays_file.h"
#include "model/bank_holidays.h"
#include "model/calendar.h"

static int D(const char *text)
{
    int d = DATE_NONE;
    if (!date_parse(text, strlen(text), &d))
        fail_msg("not a date: %s", text);
    return d;
}

static void assert_date(int date, const char *want)
{
    char got[DATE_TEXT_SIZE];
    date_format(date, got);
    assert_string_equal(got, want);
}

static void dates(void **state)
{
    (void)state;
    assert_int_equal(D("1970-01-01"), 0);
    assert_int_equal(D("1900-01-01"), DATE_MIN);
    assert_int_equal(D("2999-12-31"), DATE_MAX);
    assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2); /* 2000 was a leap year */
    assert_int_equal(D("2100-03-01") - D("2100-02-28"), 1); /* 2100 will not be */
    assert_int_equal(date_weekday(D("2026-03-02")), 1);     /* a Monday */
    assert_int_equal(date_weekday(D("1970-01-01")), 4);     /* a Thursday */
    assert_int_equal(date_weekday(D("2026-12-26")), 6);
    static const char *const bad[] = {
        "2026-02-29", "2024-02-30", "2026-13-01",  "2026-00-10",       "2026-04-31", "2026-2-03",
        "2026-02-3",  "2026/02/03", " 2026-02-03", "2026-02-03T00:00", "1899-12-31", "3000-01-01",
        "",           "abcd-ef-gh", "2026-02-0x",  "+202-02-03",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int d = 7;
        if (date_parse(bad[i], strlen(bad[i]), &d))
            fail_msg("'%s' was taken for a date", bad[i]);
        assert_int_equal(d, 7); /* untouched */
    }
    assert_true(D("2024-02-29") > 0);
    /* every date of 1900..2999 written and read back, weekdays in turn */
    for (int d = DATE_MIN; d <= DATE_MAX; d++) {
        char text[DATE_TEXT_SIZE];
        date_format(d, text);
        int back = DATE_NONE;
        assert_true(date_parse(text, 10, &back));
        assert_int_equal(back, d);
        assert_int_equal(date_weekday(d + 1), date_weekday(d) % 7 + 1);
    }
}

/* Easter Sunday of year y: the anonymous Gregorian computus (Meeus/Jones/
 * Butcher), here and nowhere in Peel, so the shipped dates are checked by
 * an independent method. */
static int easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    int date;
    assert_true(date_from_ymd(y, month, day, &date));
    return date;
}

/* The first Monday on or after date; the last Monday on or before it. */
static int monday_from(int date)
{
    return date + (8 - date_weekday(date)) % 7;
}
static int monday_to(int date)
{
    return date - (date_weekday(date) + 6) % 7;
}

static int ymd(int y, int m, int d)
{
    int date;
    assert_true(date_from_ymd(y, m, d, &date));
    return date;
}

/* The bank holidays of England and Wales in year y by rule, into out;
 * how many. */
static int by_rule(int y, int out[12])
{
    int n = 0, ny = ymd(y, 1, 1), xmas = ymd(y, 12, 25);
    out[n++] = date_weekday(ny) >= 6 ? monday_from(ny) : ny;
    out[n++] = easter(y) - 2; /* Good Friday */
    out[n++] = easter(y) + 1; /* Easter Monday */
    /* early May: the first Monday, moved to Friday 8 May for VE Day in 2020 */
    out[n++] = y == 2020 ? ymd(2020, 5, 8) : monday_from(ymd(y, 5, 1));
    /* spring: the last Monday of May, moved to Thursday 2 June in 2022 */
    out[n++] = y == 2022 ? ymd(2022, 6, 2) : monday_to(ymd(y, 5, 31));
    out[n++] = monday_to(ymd(y, 8, 31)); /* summer */
    /* Christmas and Boxing Day, each falling on a weekend moved to the next
     * weekday the other does not take */
    int wd = date_weekday(xmas);
    if (wd <= 4) {
        out[n++] = xmas, out[n++] = xmas + 1;
    } else if (wd == 5) {
        out[n++] = xmas, out[n++] = xmas + 3; /* Boxing Day on Monday 28 */
    } else {
        out[n++] = xmas + (wd == 6 ? 2 : 1), out[n++] = xmas + (wd == 6 ? 3 : 2);
    }
    if (y == 2022)
        out[n++] = ymd(2022, 6, 3), out[n++] = ymd(2022, 9, 19); /* Jubilee; the funeral */
    if (y == 2023)
        out[n++] = ymd(2023, 5, 8); /* the Coronation */
    return n;
}

static int compare_int(const void *a, const void *b)
{
    return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

static void shipped_holidays_follow_the_rules(void **state)
{
    (void)state;
    struct holiday_list l;
    holiday_list_init(&l);
    holiday_list_shipped(&l);
    int want[12 * 10], n = 0;
    for (int y = 2018; y <= 2027; y++)
        n += by_rule(y, want + n);
    qsort(want, (size_t)n, sizeof want[0], compare_int);
    assert_int_equal(l.n, n);
    assert_int_equal(n, 83);
    for (int i = 0; i < n; i++) {
        char got[DATE_TEXT_SIZE], exp[DATE_TEXT_SIZE];
        date_format(l.dates[i], got);
        date_format(want[i], exp);
        assert_string_equal(got, exp);
    }
    struct calendar c = holiday_list_calendar(&l);
    assert_null(calendar_check(&c));
    /* the ones the brief names */
    assert_true(calendar_is_holiday(&c, D("2026-12-28")));
    assert_true(calendar_is_holiday(&c, D("2027-12-27")));
    assert_true(calendar_is_holiday(&c, D("2027-12-28")));
    assert_false(calendar_is_holiday(&c, D("2020-05-04"))); /* moved to VE Day */
    assert_false(calendar_is_holiday(&c, D("2022-05-30"))); /* moved to 2 June */
    holiday_list_free(&l);
}

static void shipped_list_is_the_json_file(void **state)
{
    (void)state;
    struct holiday_list file;
    holiday_list_init(&file);
    struct buf err = BUF_INIT;
    const char *path = PEEL_SOURCE_DIR "/data/calendar/bank-holidays-england-and-wales.json";
    if (bank_holidays_read(path, &file, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_string_equal(file.sha256, bank_holidays_shipped_sha256);
    assert_int_equal(file.n, bank_holidays_shipped_count);
    for (size_t i = 0; i < file.n; i++) {
        const struct shipped_holiday *s = &bank_holidays_shipped[i];
        char date[DATE_TEXT_SIZE];
        date_format(file.items[i].date, date);
        assert_string_equal(date, s->date);
        assert_string_equal(file.items[i].title, s->title);
        assert_string_equal(file.items[i].notes, s->notes);
        assert_int_equal(file.items[i].bunting, s->bunting);
    }
    holiday_list_free(&file);
    buf_free(&err);
}

static void bad_files_are_refused_by_field(void **state)
{
    (void)state;
    const char *text = "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
                       "{\"title\": \"A\", \"date\": \"2026-02-30\", \"notes\": \"\", "
                       "\"bunting\": true},"
                       "{\"title\": \"\", \"date\": \"2026-12-26\", \"notes\": \"\", "
                       "\"bunting\": 1},"
                       "{\"title\": \"B\", \"date\": \"2026-12-28\", \"notes\": \"\", "
                       "\"bunting\": false}]}}";
    struct holiday_list l;
    holiday_list_init(&l);
    struct buf err = BUF_INIT;
    assert_int_equal(bank_holidays_parse("bh.json", text, strlen(text), &l, &err), -1);
    const char *e = buf_str(&err);
    assert_non_null(strstr(e, "bh.json: england-and-wales.events[0].date: '2026-02-30' is not a "
                              "date"));
    assert_non_null(strstr(e, "bh.json: england-and-wales.events[1].title: empty"));
    assert_non_null(strstr(e, "events[1].date: 2026-12-26 is a Saturday"));
    assert_non_null(strstr(e, "events[1].bunting: missing, or not true or false"));
    assert_null(strstr(e, "events[2]")); /* the good one */
    assert_int_equal(l.n, 0);
    buf_reset(&err);
    const char *scotland = "{\"scotland\": {}}";
    assert_int_equal(bank_holidays_parse("bh.json", scotland, strlen(scotland), &l, &err), -1);
    assert_non_null(strstr(buf_str(&err), "bh.json: england-and-wales: missing"));
    buf_reset(&err);
    assert_int_equal(bank_holidays_parse("bh.json", "{\n\"a\": ", 7, &l, &err), -1);
    assert_non_null(strstr(buf_str(&err), "bh.json: not JSON: line 2"));
    buf_free(&err);
}

/* Working days after `from` up to `to`, one day at a time. */
static int slow_between(const struct calendar *c, int from, int to)
{
    int n = 0;
    for (int d = from + 1; d <= to; d++)
        n += calendar_is_working_day(c, d);
    return n;
}

static void working_days(void **state)
{
    (void)state;
    struct holiday_list l;
    holiday_list_init(&l);
    holiday_list_shipped(&l);
    struct calendar c = holiday_list_calendar(&l);
    /* Christmas and New Year 2026-27: Fri 25 and Mon 28 (for Boxing Day)
     * are holidays, and Fri 1 January */
    assert_date(calendar_add_working_days(&c, D("2026-12-24"), 1), "2026-12-29");
    assert_date(calendar_add_working_days(&c, D("2026-12-24"), 3), "2026-12-31");
    assert_date(calendar_add_working_days(&c, D("2026-12-24"), 4), "2027-01-04");
    assert_int_equal(calendar_working_days_between(&c, D("2026-12-24"), D("2027-01-04")), 4);
    /* Easter 2026: Good Friday 3 April, Easter Monday 6 April */
    assert_date(calendar_add_working_days(&c, D("2026-04-02"), 1), "2026-04-07");
    assert_date(calendar_add_working_days(&c, D("2026-04-04"), 0), "2026-04-04");
    assert_int_equal(calendar_working_days_between(&c, D("2026-04-02"), D("2026-04-07")), 1);
    assert_int_equal(calendar_working_days_between(&c, D("2026-04-07"), D("2026-04-02")), 0);
    /* a year of working days: 2026 has 261 weekdays and 8 bank holidays */
    assert_int_equal(calendar_working_days_between(&c, D("2025-12-31"), D("2026-12-31")), 253);
    /* against counting day by day, from every day of 2018..2027 */
    for (int from = D("2017-12-20"); from <= D("2027-12-31"); from++)
        for (int n = 0; n <= 25; n++) {
            int to = calendar_add_working_days(&c, from, n);
            assert_int_equal(slow_between(&c, from, to), n);
            assert_true(n == 0 ? to == from : calendar_is_working_day(&c, to));
            assert_int_equal(calendar_working_days_between(&c, from, to), n);
        }
    /* a calendar that is not one */
    int weekend[] = {D("2026-12-26")}, unsorted[] = {D("2026-12-28"), D("2026-12-25")};
    struct calendar w = {weekend, 1}, u = {unsorted, 2};
    assert_non_null(strstr(calendar_check(&w), "Saturday or a Sunday"));
    assert_non_null(strstr(calendar_check(&u), "not in date order"));
    holiday_list_free(&l);
}

static void the_day_after_rule(void **state)
{
    (void)state;
    struct holiday_list l;
    holiday_list_init(&l);
    holiday_list_shipped(&l);
    struct calendar c = holiday_list_calendar(&l);
    int outcome = D("2026-03-02");
    /* 28 days starting the day after: day 1 is 3 March, day 28 is 30 March */
    assert_date(clock_due_simple(&c, CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, outcome, 28),
                "2026-03-30");
    assert_date(clock_due_simple(&c, CLOCK_CALENDAR_DAYS, CLOCK_SAME_DAY, outcome, 28),
                "2026-03-29");
    /* HMICFRS: 56 days from publication (a calendar-day due date stays on a
     * Monday, a Sunday or a holiday alike) */
    assert_date(clock_due_simple(&c, CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, outcome, 56),
                "2026-04-27");
    assert_date(clock_due_simple(&c, CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, D("2026-10-31"), 56),
                "2026-12-26");
    /* 5 working days across Easter: day after Thursday 2 April is Good Friday */
    assert_date(clock_due_simple(&c, CLOCK_WORKING_DAYS, CLOCK_DAY_AFTER, D("2026-04-02"), 5),
                "2026-04-13");
    assert_date(clock_due_simple(&c, CLOCK_WORKING_DAYS, CLOCK_SAME_DAY, D("2026-04-02"), 5),
                "2026-04-10");
    /* counted from a holiday, the same day: day 1 is the next working day */
    assert_date(clock_due_simple(&c, CLOCK_WORKING_DAYS, CLOCK_SAME_DAY, D("2026-04-03"), 1),
                "2026-04-07");
    /* the boundaries: a length of a day, the longest */
    assert_date(clock_due_simple(&c, CLOCK_CALENDAR_DAYS, CLOCK_SAME_DAY, outcome, 1),
                "2026-03-02");
    assert_date(
        clock_due_simple(&c, CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, D("2999-12-31"), CLOCK_MAX_DAYS),
        "3010-01-08");
    holiday_list_free(&l);
}

static void clocks_stop_resume_and_extend(void **state)
{
    (void)state;
    struct holiday_list l;
    holiday_list_init(&l);
    holiday_list_shipped(&l);
    struct calendar c = holiday_list_calendar(&l);
    /* 10 working days starting the day after Monday 2 March 2026: Monday 16 */
    struct clock_spec spec = {CLOCK_WORKING_DAYS, CLOCK_DAY_AFTER, D("2026-03-02"), 10};
    struct clock_event ev[8];
    struct clock_status st;
    clock_compute(&c, &spec, ev, 0, D("2026-03-02"), &st);
    assert_int_equal(st.state, CLOCK_RUNNING);
    assert_date(st.due, "2026-03-16");
    assert_int_equal(st.days_left, 10);
    /* stopped Thursday 5 March, resumed Tuesday 10: the 5th, 6th and 9th
     * (3 working days) do not count, so the due date moves 3 working days */
    ev[0] = (struct clock_event){CLOCK_STOP, D("2026-03-05"), 0};
    assert_int_equal(clock_event_refused(&spec, ev, 0, &ev[0]), CLOCK_ACCEPTED);
    clock_compute(&c, &spec, ev, 1, D("2026-03-06"), &st);
    assert_int_equal(st.state, CLOCK_STOPPED);
    assert_int_equal(st.due, DATE_NONE);
    assert_int_equal(st.days_left, 8); /* the 3rd and 4th counted */
    assert_false(st.overdue);
    struct clock_event again = {CLOCK_STOP, D("2026-03-06"), 0};
    assert_int_equal(clock_event_refused(&spec, ev, 1, &again), CLOCK_ALREADY_STOPPED);
    ev[1] = (struct clock_event){CLOCK_RESUME, D("2026-03-10"), 0};
    assert_int_equal(clock_event_refused(&spec, ev, 1, &ev[1]), CLOCK_ACCEPTED);
    clock_compute(&c, &spec, ev, 2, D("2026-03-10"), &st);
    assert_date(st.due, "2026-03-19");
    assert_int_equal(st.stopped_days, 3);
    struct clock_event resume = {CLOCK_RESUME, D("2026-03-11"), 0};
    assert_int_equal(clock_event_refused(&spec, ev, 2, &resume), CLOCK_NOT_STOPPED);
    struct clock_event early = {CLOCK_STOP, D("2026-03-09"), 0};
    assert_int_equal(clock_event_refused(&spec, ev, 2, &early), CLOCK_DATE_BEFORE);
    /* extended by 2: two more working days */
    ev[2] = (struct clock_event){CLOCK_EXTEND, D("2026-03-12"), 2};
    struct clock_event zero = {CLOCK_EXTEND, D("2026-03-12"), 0};
    assert_int_equal(clock_event_refused(&spec, ev, 2, &zero), CLOCK_TOO_LONG);
    assert_int_equal(clock_event_refused(&spec, ev, 2, &ev[2]), CLOCK_ACCEPTED);
    clock_compute(&c, &spec, ev, 3, D("2026-03-24"), &st);
    assert_date(st.due, "2026-03-23");
    assert_int_equal(st.total_days, 12);
    assert_true(st.overdue);
    assert_int_equal(st.days_left, -1);
    /* completed late, then nothing more */
    ev[3] = (struct clock_event){CLOCK_COMPLETE, D("2026-03-25"), 0};
    assert_int_equal(clock_event_refused(&spec, ev, 3, &ev[3]), CLOCK_ACCEPTED);
    clock_compute(&c, &spec, ev, 4, D("2026-04-30"), &st);
    assert_int_equal(st.state, CLOCK_COMPLETED);
    assert_false(st.overdue);
    assert_int_equal(st.days_left, -2); /* two working days late */
    assert_date(st.completed_on, "2026-03-25");
    struct clock_event after = {CLOCK_RESUME, D("2026-04-01"), 0};
    assert_int_equal(clock_event_refused(&spec, ev, 4, &after), CLOCK_IS_COMPLETED);
    holiday_list_free(&l);
}

static void misdirection_stops_a_calendar_clock(void **state)
{
    (void)state;
    struct calendar none = {NULL, 0};
    /* a complaint review: 28 days starting the day after 2 March; with the
     * wrong body from 10 to 14 March (resumed 15th): 5 days left out */
    struct clock_spec spec = {CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, D("2026-03-02"), 28};
    struct clock_event ev[] = {{CLOCK_STOP, D("2026-03-10"), 0},
                               {CLOCK_RESUME, D("2026-03-15"), 0}};
    struct clock_status st;
    clock_compute(&none, &spec, ev, 2, D("2026-03-30"), &st);
    assert_date(st.due, "2026-04-04");
    assert_int_equal(st.stopped_days, 5);
    assert_int_equal(st.days_left, 5);
    assert_false(st.overdue);
    /* a stop after the due date does not un-make the overdue */
    struct clock_event late[] = {{CLOCK_STOP, D("2026-04-02"), 0}};
    clock_compute(&none, &spec, late, 1, D("2026-04-05"), &st);
    assert_int_equal(st.state, CLOCK_STOPPED);
    assert_date(st.due, "2026-03-30");
    assert_true(st.overdue);
    /* nothing before the start date */
    struct clock_event before = {CLOCK_STOP, D("2026-03-01"), 0};
    assert_int_equal(clock_event_refused(&spec, NULL, 0, &before), CLOCK_DATE_BEFORE);
}

static void names_and_subjects(void **state)
{
    (void)state;
    assert_true(clock_subject_ok("decision:PCC/2026/014"));
    assert_true(clock_subject_ok("hmicfrs:2026-03"));
    assert_true(clock_subject_ok("review:R-2026-0041"));
    assert_false(clock_subject_ok("review"));
    assert_false(clock_subject_ok(":R-1"));
    assert_false(clock_subject_ok("review:"));
    assert_false(clock_subject_ok("Review:R-1"));
    assert_false(clock_subject_ok("review:R 1"));
    enum clock_basis b;
    assert_true(clock_basis_parse("working", &b));
    assert_int_equal(b, CLOCK_WORKING_DAYS);
    assert_false(clock_basis_parse("weekdays", &b));
    assert_string_equal(clock_rule_name(CLOCK_DAY_AFTER), "day-after");
    assert_string_equal(clock_refusal_text(CLOCK_IS_COMPLETED),
                        "it is completed: a completed clock never changes");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates),
        cmocka_unit_test(shipped_holidays_follow_the_rules),
        cmocka_unit_test(shipped_list_is_the_json_file),
        cmocka_unit_test(bad_files_are_refused_by_field),
        cmocka_unit_test(working_days),
        cmocka_unit_test(the_day_after_rule),
        cmocka_unit_test(clocks_stop_resume_and_extend),
        cmocka_unit_test(misdirection_stops_a_calendar_clock),
        cmocka_unit_test(names_and_subjects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
