/*
 * test_clocks.c - clocks in the store (store/clocks.h) and the calendar it
 * uses (store/calendar.h).
 *
 * A stop and a resume move the due date by the working days stopped; an
 * extension needs a reason; a completed clock refuses every change; the
 * overdue and due-soon lists pick and order the right clocks within their
 * bound; every change is one audit row, refusals none, and the chain still
 * verifies; raw SQL cannot change or remove a clock's events; a calendar
 * load changes the due dates worked out from then on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/clocks.h"

static const struct audit_origin by = {"cli:tester", "peel clock ..."};

static int D(const char *text)
{
    int d = DATE_NONE;
    if (!date_parse(text, strlen(text), &d))
        fail_msg("not a date: %s", text);
    return d;
}

/* What a read gave: the last clock's state, and the ids in order. */
struct seen {
    struct clock_status st;
    char due[DATE_TEXT_SIZE];
    char subject[64];
    int n;
    int64_t ids[16];
};

static void keep(void *arg, const struct clock_view *v)
{
    struct seen *s = arg;
    s->st = v->status;
    if (v->status.due == DATE_NONE)
        snprintf(s->due, sizeof s->due, "none");
    else
        date_format(v->status.due, s->due);
    snprintf(s->subject, sizeof s->subject, "%s", v->subject);
    if (s->n < 16)
        s->ids[s->n++] = v->id;
}

static struct seen get(struct store *s, int64_t id, const char *today)
{
    struct seen seen = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(store_clock_get(s, id, D(today), keep, &seen, &err), 0);
    buf_free(&err);
    return seen;
}

static int64_t start(struct store *s, const char *subject, enum clock_basis basis, int days,
                     const char *from)
{
    struct clock_new c = {subject, "a test", {basis, CLOCK_DAY_AFTER, D(from), days}};
    int64_t id = 0;
    struct buf err = BUF_INIT;
    if (store_clock_start(s, &c, &by, &id, &err) != 0)
        fail_msg("%s", buf_str(&err));
    buf_free(&err);
    return id;
}

static int audit_rows(struct store *s)
{
    struct audit_head head;
    struct buf err = BUF_INIT;
    assert_int_equal(store_audit_verify(s, NULL, NULL, &head, &err), 0);
    buf_free(&err);
    return (int)head.rows;
}

static void stop_resume_extend_complete(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    sqlite3 *peek;
    struct store *s = fixture_store_open(dir, &peek);
    struct buf err = BUF_INIT;
    /* 10 working days starting the day after Monday 2 March 2026 */
    int64_t id = start(s, "review:R-2026-0041", CLOCK_WORKING_DAYS, 10, "2026-03-02");
    assert_string_equal(get(s, id, "2026-03-02").due, "2026-03-16");
    assert_int_equal(store_clock_resume(s, id, D("2026-03-04"), &by, &err), CLOCK_NOT_STOPPED);
    assert_int_equal(store_clock_stop(s, id, D("2026-03-05"), " ", &by, &err), CLOCK_NO_REASON);
    assert_int_equal(store_clock_stop(s, id, D("2026-03-05"), "Sent to the wrong body", &by, &err),
                     0);
    assert_int_equal(store_clock_stop(s, id, D("2026-03-06"), "again", &by, &err),
                     CLOCK_ALREADY_STOPPED);
    struct seen seen = get(s, id, "2026-03-06");
    assert_int_equal(seen.st.state, CLOCK_STOPPED);
    assert_string_equal(seen.due, "none");
    assert_int_equal(seen.st.days_left, 8);
    assert_int_equal(store_clock_resume(s, id, D("2026-03-04"), &by, &err), CLOCK_DATE_BEFORE);
    assert_int_equal(store_clock_resume(s, id, D("2026-03-10"), &by, &err), 0);
    /* the 5th, 6th and 9th did not count: three working days later */
    assert_string_equal(get(s, id, "2026-03-10").due, "2026-03-19");
    assert_int_equal(store_clock_extend(s, id, D("2026-03-11"), 2, "", &by, &err), CLOCK_NO_REASON);
    assert_int_equal(store_clock_extend(s, id, D("2026-03-11"), 2, "Awaiting the force", &by, &err),
                     0);
    seen = get(s, id, "2026-03-24");
    assert_string_equal(seen.due, "2026-03-23");
    assert_true(seen.st.overdue);
    assert_int_equal(store_clock_complete(s, id, D("2026-03-24"), &by, &err), 0);
    /* completed: nothing more */
    assert_int_equal(store_clock_stop(s, id, D("2026-03-25"), "why", &by, &err),
                     CLOCK_IS_COMPLETED);
    assert_int_equal(store_clock_extend(s, id, D("2026-03-25"), 1, "why", &by, &err),
                     CLOCK_IS_COMPLETED);
    assert_int_equal(store_clock_complete(s, id, D("2026-03-25"), &by, &err), CLOCK_IS_COMPLETED);
    assert_int_equal(store_clock_stop(s, 999, D("2026-03-25"), "why", &by, &err), CLOCK_UNKNOWN);
    seen = get(s, id, "2026-04-30");
    assert_int_equal(seen.st.state, CLOCK_COMPLETED);
    assert_false(seen.st.overdue);
    /* start, stop, resume, extend, complete: five rows, the refusals none */
    assert_int_equal(audit_rows(s), 5);
    /* raw SQL cannot rewrite the history */
    static const char *const sql[] = {
        "UPDATE clock_event SET effective = '2026-03-30' WHERE kind = 'complete'",
        "DELETE FROM clock_event WHERE kind = 'stop'",
        "REPLACE INTO clock_event SELECT * FROM clock_event WHERE kind = 'extend'",
        ("INSERT OR REPLACE INTO clock_event(clock_id, kind, effective, at, actor)"
         "  VALUES(1, 'complete', '2026-04-01', 't', 'me')"),
        "UPDATE clock SET days = 99",
        "DELETE FROM clock",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        char *msg = NULL;
        if (sqlite3_exec(peek, sql[i], NULL, NULL, &msg) == SQLITE_OK)
            fail_msg("allowed: %s", sql[i]);
        assert_non_null(strstr(msg, "never"));
        sqlite3_free(msg);
    }
    assert_string_equal(get(s, id, "2026-04-30").due, "2026-03-23");
    assert_int_equal(audit_rows(s), 5);
    buf_free(&err);
    sqlite3_close(peek);
    fixture_store_close(s, NULL, dir);
}

static void lists_overdue_and_due_soon(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    struct buf err = BUF_INIT;
    /* as of Monday 13 April 2026 */
    int64_t late = start(s, "hmicfrs:2026-01", CLOCK_CALENDAR_DAYS, 56, "2026-02-10"); /* 04-07 */
    int64_t soon = start(s, "decision:PCC/2026/014", CLOCK_WORKING_DAYS, 5, "2026-04-10");
    int64_t later = start(s, "review:R-1", CLOCK_CALENDAR_DAYS, 28, "2026-04-10"); /* 05-08 */
    int64_t stopped = start(s, "review:R-2", CLOCK_CALENDAR_DAYS, 28, "2026-04-01");
    int64_t done = start(s, "review:R-3", CLOCK_CALENDAR_DAYS, 1, "2026-01-01");
    assert_int_equal(store_clock_stop(s, stopped, D("2026-04-05"), "misdirected", &by, &err), 0);
    assert_int_equal(store_clock_complete(s, done, D("2026-01-02"), &by, &err), 0);
    assert_string_equal(get(s, soon, "2026-04-13").due, "2026-04-17");

    struct clock_filter f = {D("2026-04-13"), true, DATE_NONE, 100};
    struct seen seen = {0};
    size_t matched;
    assert_int_equal(store_clocks_list(s, &f, keep, &seen, &matched, &err), 0);
    assert_int_equal(seen.n, 1);
    assert_int_equal(seen.ids[0], late);
    assert_int_equal(seen.st.days_left, -6);
    /* due in the next 7 days, overdue included, by due date */
    f = (struct clock_filter){D("2026-04-13"), false, D("2026-04-20"), 100};
    seen = (struct seen){0};
    assert_int_equal(store_clocks_list(s, &f, keep, &seen, &matched, &err), 0);
    assert_int_equal(seen.n, 2);
    assert_int_equal(seen.ids[0], late);
    assert_int_equal(seen.ids[1], soon);
    /* every clock not completed: the stopped one (no due date) last */
    f = (struct clock_filter){D("2026-04-13"), false, DATE_NONE, 100};
    seen = (struct seen){0};
    assert_int_equal(store_clocks_list(s, &f, keep, &seen, &matched, &err), 0);
    assert_int_equal(seen.n, 4);
    assert_int_equal(seen.ids[2], later);
    assert_int_equal(seen.ids[3], stopped);
    /* bounded: the earliest two of four, and how many there were */
    f.limit = 2;
    seen = (struct seen){0};
    assert_int_equal(store_clocks_list(s, &f, keep, &seen, &matched, &err), 0);
    assert_int_equal(seen.n, 2);
    assert_int_equal(seen.ids[0], late);
    assert_int_equal(seen.ids[1], soon);
    assert_int_equal(matched, 4);
    /* bad clocks are refused before anything is written */
    struct clock_new bad = {"no subject", "x", {CLOCK_CALENDAR_DAYS, CLOCK_SAME_DAY, 0, 5}};
    int64_t id;
    assert_int_equal(store_clock_start(s, &bad, &by, &id, &err), -1);
    assert_non_null(strstr(buf_str(&err), "the subject is not KIND:KEY"));
    assert_int_equal(audit_rows(s), 7);
    buf_free(&err);
    fixture_store_close(s, NULL, dir);
}

static void a_loaded_calendar_is_used(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    struct buf err = BUF_INIT;
    struct holiday_list l;
    struct calendar_source src;
    holiday_list_init(&l);
    assert_int_equal(store_calendar_get(s, &l, &src, &err), 0);
    assert_int_equal(src.load_id, 0); /* the shipped list */
    assert_string_equal(src.sha256, bank_holidays_shipped_sha256);
    size_t shipped = l.n;
    holiday_list_free(&l);
    int64_t id = start(s, "review:R-9", CLOCK_WORKING_DAYS, 1, "2026-06-11"); /* Thursday */
    assert_string_equal(get(s, id, "2026-06-11").due, "2026-06-12");
    /* a load with a new holiday on Friday 12 June 2026 */
    holiday_list_init(&l);
    assert_null(holiday_list_add(&l, D("2026-06-12"), "A new day", "Extra bank holiday", true));
    assert_null(holiday_list_add(&l, D("2026-12-25"), "Christmas Day", "", true));
    assert_null(holiday_list_finish(&l));
    memset(l.sha256, 'a', 64);
    int64_t load;
    assert_int_equal(store_calendar_load(s, "bh.json", &l, &by, &load, &err), CALENDAR_LOADED);
    assert_int_equal(store_calendar_load(s, "bh.json", &l, &by, &load, &err), CALENDAR_UNCHANGED);
    holiday_list_free(&l);
    assert_string_equal(get(s, id, "2026-06-11").due, "2026-06-15");
    holiday_list_init(&l);
    assert_int_equal(store_calendar_get(s, &l, &src, &err), 0);
    assert_int_equal(src.load_id, load);
    assert_int_equal(l.n, 2);
    assert_string_equal(src.path, "bh.json");
    assert_true(shipped > l.n);
    holiday_list_free(&l);
    /* the clock's start and the load: two rows, the unchanged load none */
    assert_int_equal(audit_rows(s), 2);
    buf_free(&err);
    fixture_store_close(s, NULL, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stop_resume_extend_complete),
        cmocka_unit_test(lists_overdue_and_due_soon),
        cmocka_unit_test(a_loaded_calendar_is_used),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
