/*
 * test_concern.c - the rules of raising a concern (model/concern.h): the
 * 28-day review window with time misdirected left out, across month ends,
 * leap years and bank holidays (which calendar days do not skip); the
 * service standards in working days (which do); the small-number rule;
 * references.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/bank_holidays.h"
#include "model/concern.h"

static int D(const char *text)
{
    int d = DATE_NONE;
    if (!date_parse(text, strlen(text), &d))
        fail_msg("not a date: %s", text);
    return d;
}

static struct holiday_list shipped;
static struct calendar cal;

static int setup(void **state)
{
    (void)state;
    holiday_list_init(&shipped);
    holiday_list_shipped(&shipped);
    cal = holiday_list_calendar(&shipped);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    holiday_list_free(&shipped);
    return 0;
}

/* The window of an outcome and an arrival, with up to two spells. */
static struct review_window window(const char *outcome, const char *received, const char *sent,
                                   const char *forwarded)
{
    struct misdirected m = {sent ? D(sent) : DATE_NONE, forwarded ? D(forwarded) : DATE_NONE};
    struct review_window w;
    const char *why = concern_review_window(&cal, D(outcome), D(received), &m, sent ? 1 : 0, &w);
    if (why)
        fail_msg("%s", why);
    return w;
}

static void due_is(const struct review_window *w, const char *want)
{
    char got[DATE_TEXT_SIZE] = "none";
    if (w->due != DATE_NONE)
        date_format(w->due, got);
    assert_string_equal(got, want);
}

static void test_28_days_from_the_day_after(void **state)
{
    (void)state;
    /* day 1 is 3 March; day 28 is 30 March */
    struct review_window w = window("2026-03-02", "2026-03-30", NULL, NULL);
    due_is(&w, "2026-03-30");
    assert_true(w.in_time);
    assert_int_equal(w.left_out, 0);
    w = window("2026-03-02", "2026-03-31", NULL, NULL);
    assert_false(w.in_time);
    /* month ends: 31 January gives 28 February; in a leap year 3 February
     * gives 2 March, in a common year 3 March */
    w = window("2026-01-31", "2026-02-01", NULL, NULL);
    due_is(&w, "2026-02-28");
    w = window("2028-02-03", "2028-02-04", NULL, NULL);
    due_is(&w, "2028-03-02");
    w = window("2027-02-03", "2027-02-04", NULL, NULL);
    due_is(&w, "2027-03-03");
    /* across the year's end */
    w = window("2026-12-10", "2026-12-11", NULL, NULL);
    due_is(&w, "2027-01-07");
}

static void test_bank_holidays_do_not_move_calendar_days(void **state)
{
    (void)state;
    /* Easter Monday 6 April 2026 is day 28: the limit is that day, not the
     * next working day; Good Friday inside the window counts as a day */
    assert_true(calendar_is_holiday(&cal, D("2026-04-06")));
    struct review_window w = window("2026-03-09", "2026-04-06", NULL, NULL);
    due_is(&w, "2026-04-06");
    assert_true(w.in_time);
    w = window("2026-03-09", "2026-04-07", NULL, NULL);
    assert_false(w.in_time);
    /* Christmas: 25 and 28 December 2026 (Boxing Day's substitute) count */
    w = window("2026-12-01", "2026-12-29", NULL, NULL);
    due_is(&w, "2026-12-29");
}

static void test_misdirected_days_left_out(void **state)
{
    (void)state;
    /* sent to the force on day 18 (20 March), forwarded here 1 April: the
     * 12 days 20..31 March are left out, so the limit moves to 11 April */
    struct review_window w = window("2026-03-02", "2026-04-01", "2026-03-20", "2026-04-01");
    assert_int_equal(w.left_out, 12);
    due_is(&w, "2026-04-11");
    assert_true(w.in_time);
    /* without the spell the same arrival is late */
    w = window("2026-03-02", "2026-04-01", NULL, NULL);
    assert_false(w.in_time);
    /* sent to the wrong body after the limit: still late */
    w = window("2026-03-02", "2026-04-20", "2026-04-02", "2026-04-20");
    due_is(&w, "2026-03-30");
    assert_false(w.in_time);
    /* still with the wrong body when it arrived (forwarded date unknown):
     * the count stopped short of its end, so it is in time */
    w = window("2026-03-02", "2026-05-01", "2026-03-29", NULL);
    due_is(&w, "none");
    assert_true(w.in_time);
    /* two spells, over a month end and a bank holiday */
    struct misdirected two[2] = {{D("2026-03-10"), D("2026-03-15")},
                                 {D("2026-03-31"), D("2026-04-07")}};
    const char *why = concern_review_window(&cal, D("2026-03-02"), D("2026-04-15"), two, 2, &w);
    assert_null(why);
    assert_int_equal(w.left_out, 5 + 7);
    due_is(&w, "2026-04-11");
    assert_false(w.in_time);
}

static void test_spells_overlapping_counted_once(void **state)
{
    (void)state;
    struct review_window w;
    /* sent to the force 10-15 March, then the IOPC 31 March to 7 April and
     * another office 3-10 April (overlapping the IOPC's), in no order: the
     * union is 5 + 10 days, not 5 + 7 + 7 */
    struct misdirected three[3] = {{D("2026-04-03"), D("2026-04-10")},
                                   {D("2026-03-10"), D("2026-03-15")},
                                   {D("2026-03-31"), D("2026-04-07")}};
    assert_null(concern_review_window(&cal, D("2026-03-02"), D("2026-04-15"), three, 3, &w));
    assert_int_equal(w.left_out, 15);
    due_is(&w, "2026-04-14");
    assert_false(w.in_time);
    /* one spell inside another adds nothing; spells that touch are one */
    struct misdirected nested[3] = {{D("2026-03-10"), D("2026-03-20")},
                                    {D("2026-03-12"), D("2026-03-14")},
                                    {D("2026-03-20"), D("2026-03-22")}};
    assert_null(concern_review_window(&cal, D("2026-03-02"), D("2026-04-15"), nested, 3, &w));
    assert_int_equal(w.left_out, 12);
    due_is(&w, "2026-04-11");
    /* sent to the wrong body on the outcome's own day: counted from the day
     * after, when the 28 days begin */
    struct misdirected same_day = {D("2026-03-02"), D("2026-03-05")};
    assert_null(concern_review_window(&cal, D("2026-03-02"), D("2026-04-15"), &same_day, 1, &w));
    assert_int_equal(w.left_out, 2);
    due_is(&w, "2026-04-01");
    /* an open spell swallows every later one: the count stopped for good */
    struct misdirected open[2] = {{D("2026-03-20"), DATE_NONE}, {D("2026-03-25"), D("2026-03-28")}};
    assert_null(concern_review_window(&cal, D("2026-03-02"), D("2026-05-01"), open, 2, &w));
    due_is(&w, "none");
    assert_true(w.in_time);
}

static void test_bad_dates_refused(void **state)
{
    (void)state;
    struct review_window w;
    struct misdirected m = {D("2026-03-01"), D("2026-03-05")};
    assert_non_null(concern_review_window(&cal, D("2026-03-02"), D("2026-03-01"), NULL, 0, &w));
    assert_non_null(concern_review_window(&cal, D("2026-03-02"), D("2026-03-10"), &m, 1, &w));
    m = (struct misdirected){D("2026-03-05"), D("2026-03-04")};
    assert_non_null(concern_review_window(&cal, D("2026-03-02"), D("2026-03-10"), &m, 1, &w));
    assert_non_null(concern_review_window(&cal, DATE_NONE, D("2026-03-10"), NULL, 0, &w));
}

static void test_standards_in_working_days(void **state)
{
    (void)state;
    /* received Wednesday 1 April 2026: Good Friday and Easter Monday are
     * not working days, so five working days end Friday 10 April */
    struct clock_spec ack = concern_ack_spec(D("2026-04-01"));
    assert_int_equal(clock_due_simple(&cal, ack.basis, ack.rule, ack.start, ack.days),
                     D("2026-04-10"));
    struct clock_spec foi;
    assert_true(concern_answer_spec(CONCERN_FOI, D("2026-04-01"), &foi));
    assert_int_equal(clock_due_simple(&cal, foi.basis, foi.rule, foi.start, foi.days),
                     D("2026-05-01"));
    struct clock_spec review;
    assert_true(concern_answer_spec(CONCERN_REVIEW, D("2026-12-18"), &review));
    /* 28 working days from Monday 21 December, past 25 and 28 December
     * (Boxing Day's substitute) and 1 January: Monday 1 February 2027 */
    assert_int_equal(clock_due_simple(&cal, review.basis, review.rule, review.start, review.days),
                     D("2027-02-01"));
    assert_false(concern_answer_spec(CONCERN_POLICE, D("2026-04-01"), &foi));
}

static void test_suppression(void **state)
{
    (void)state;
    bool hide[4];
    int64_t a[4] = {12, 3, 0, 40};
    concern_suppress(a, 4, hide);
    /* 3 is hidden; so is 12, lest the total give 3 away; 0 is shown */
    assert_true(hide[0] && hide[1] && !hide[2] && !hide[3]);
    int64_t b[3] = {2, 4, 30};
    concern_suppress(b, 3, hide);
    assert_true(hide[0] && hide[1] && !hide[2]);
    int64_t c[2] = {5, 9};
    concern_suppress(c, 2, hide);
    assert_true(!hide[0] && !hide[1]);
}

static void test_routes_and_refs(void **state)
{
    (void)state;
    for (int k = 0; k < CONCERN_KINDS; k++) {
        const struct concern_route *r = concern_route((enum concern_kind)k);
        assert_non_null(r);
        assert_ptr_equal(concern_route_named(r->name), r);
        assert_true(r->retention_days > 0);
    }
    assert_null(concern_route_named("nope"));
    assert_false(concern_route_named("police")->here);
    assert_false(concern_route_named("commissioner")->here);
    char ref[CONCERN_REF_SIZE];
    concern_ref_format(2026, 41, ref);
    assert_string_equal(ref, "C-2026-0041");
    assert_true(concern_ref_ok(ref));
    assert_false(concern_ref_ok("C-2026-00x1"));
    assert_false(concern_ref_ok("X-2026-0001"));
    assert_false(concern_ref_ok(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_28_days_from_the_day_after),
        cmocka_unit_test(test_bank_holidays_do_not_move_calendar_days),
        cmocka_unit_test(test_misdirected_days_left_out),
        cmocka_unit_test(test_spells_overlapping_counted_once),
        cmocka_unit_test(test_bad_dates_refused),
        cmocka_unit_test(test_standards_in_working_days),
        cmocka_unit_test(test_suppression),
        cmocka_unit_test(test_routes_and_refs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
