/*
 * test_investigation.c - reports on long-running investigations
 * (model/investigation.h, store/investigations.h): the relevant periods
 * (12 months, then 6) at month ends and leap days; the report's clock due
 * INVESTIGATION_REPORT_DAYS after each period; a report before its period
 * ends refused; a report completing its clock and starting the next's; the
 * end completing the one open; overdue ones listed; the reports' notes
 * never in the audit log.
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
#include "store/clocks.h"
#include "store/investigations.h"

static const struct audit_origin by = {"cli:tester", "peel investigation ..."};
#define NOTE "Qv9-INVESTIGATION-NOTE-7Zk"

static int D(const char *text)
{
    int d = DATE_NONE;
    if (!date_parse(text, strlen(text), &d))
        fail_msg("not a date: %s", text);
    return d;
}

static void period_is(const char *began, int n, const char *first, const char *last)
{
    int f, l;
    investigation_period(D(began), n, &f, &l);
    char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
    date_format(f, a);
    date_format(l, b);
    if (strcmp(a, first) != 0 || strcmp(b, last) != 0)
        fail_msg("%s period %d: %s..%s, not %s..%s", began, n, a, b, first, last);
}

static void periods_are_12_then_6_months(void **state)
{
    (void)state;
    period_is("2025-03-02", 1, "2025-03-02", "2026-03-01");
    period_is("2025-03-02", 2, "2026-03-02", "2026-09-01");
    period_is("2025-03-02", 3, "2026-09-02", "2027-03-01");
    /* month ends: a period starting on the 31st of August ends with February */
    period_is("2025-08-31", 1, "2025-08-31", "2026-08-30");
    period_is("2025-08-31", 2, "2026-08-31", "2027-02-28");
    period_is("2027-08-31", 2, "2028-08-31", "2029-02-28");
    period_is("2026-08-31", 2, "2027-08-31", "2028-02-29"); /* a leap year */
    /* a leap day: twelve months on there is none, so the year ends 28 February */
    period_is("2024-02-29", 1, "2024-02-29", "2025-02-28");
    /* the report's clock: from the period's first day to 14 days after its last */
    struct clock_spec c = investigation_report_spec(D("2025-03-02"), 2);
    struct calendar none = {NULL, 0};
    assert_int_equal(clock_due_simple(&none, c.basis, c.rule, c.start, c.days),
                     D("2026-09-01") + INVESTIGATION_REPORT_DAYS);
}

struct fx {
    char *dir;
    struct store *s;
    sqlite3 *peek;
};

static void due_of(void *arg, const struct clock_view *v)
{
    char *out = arg;
    char due[DATE_TEXT_SIZE];
    date_format(v->status.due, due);
    out += strlen(out);
    sprintf(out, "%s %s %s;", v->subject, due, clock_state_name(v->status.state));
}

/* Every clock, as "SUBJECT DUE STATE;" in id order. */
static void clocks(struct fx *f, char *out)
{
    *out = 0;
    struct buf err = BUF_INIT;
    for (int64_t id = 1; store_clock_get(f->s, id, D("2026-12-05"), due_of, out, &err) == 0; id++)
        ;
    buf_free(&err);
}

static void overdue_ref(void *arg, const struct investigation_view *v)
{
    strcat(arg, v->ref);
    strcat(arg, ";");
}

static void reports_run_their_clocks(void **state)
{
    (void)state;
    struct fx f;
    f.dir = fixture_tmpdir();
    f.s = fixture_store_open(f.dir, &f.peek);
    struct buf err = BUF_INIT;
    char text[1024];
    assert_int_equal(store_investigation_add(f.s, "CO/123/25", D("2025-03-02"), "force", &by, &err),
                     0);
    assert_int_equal(store_investigation_add(f.s, "CO/123/25", D("2025-03-02"), "force", &by, &err),
                     INVESTIGATION_REFUSED);
    assert_int_equal(store_investigation_add(f.s, "bad ref", D("2025-03-02"), "force", &by, &err),
                     INVESTIGATION_REFUSED);
    assert_int_equal(store_investigation_add(f.s, "PSD-9", D("2026-06-01"), "iopc", &by, &err), 0);
    clocks(&f, text);
    assert_string_equal(text, "investigation:CO/123/25:1 2026-03-15 running;"
                              "investigation:PSD-9:1 2027-06-14 running;");
    /* overdue as of 2026-12-05: the first report (due 2026-03-15) never came */
    text[0] = 0;
    assert_int_equal(store_investigations_list(f.s, D("2026-12-05"), true, overdue_ref, text, &err),
                     0);
    assert_string_equal(text, "CO/123/25;");
    /* a report before its period ends is not the report owed */
    buf_reset(&err);
    assert_int_equal(store_investigation_report(f.s, "CO/123/25", D("2026-02-20"), NOTE, &by, &err),
                     INVESTIGATION_REFUSED);
    assert_non_null(strstr(buf_str(&err), "2026-03-01"));
    assert_int_equal(store_investigation_report(f.s, "CO/123/25", D("2026-03-20"), "", &by, &err),
                     INVESTIGATION_REFUSED); /* says nothing */
    assert_int_equal(store_investigation_report(f.s, "CO/404", D("2026-03-20"), NOTE, &by, &err),
                     INVESTIGATION_UNKNOWN);
    assert_int_equal(store_investigation_report(f.s, "CO/123/25", D("2026-03-20"), NOTE, &by, &err),
                     0);
    assert_int_equal(store_investigation_report(f.s, "CO/123/25", D("2026-09-10"), NOTE, &by, &err),
                     0);
    assert_int_equal(store_investigation_finish(f.s, "CO/123/25", D("2026-11-30"), "", &by, &err),
                     0);
    assert_int_equal(store_investigation_finish(f.s, "CO/123/25", D("2026-12-01"), "", &by, &err),
                     INVESTIGATION_REFUSED);
    clocks(&f, text);
    assert_string_equal(text, "investigation:CO/123/25:1 2026-03-15 completed;"
                              "investigation:PSD-9:1 2027-06-14 running;"
                              "investigation:CO/123/25:2 2026-09-15 completed;"
                              "investigation:CO/123/25:3 2027-03-15 completed;");
    text[0] = 0;
    assert_int_equal(store_investigations_list(f.s, D("2026-12-05"), true, overdue_ref, text, &err),
                     0);
    assert_string_equal(text, "");
    /* the notes are case notes: the audit log has their length, never their words */
    assert_int_equal(fixture_count(f.peek, "SELECT count(*) FROM audit WHERE after LIKE "
                                           "'%Qv9-INVESTIGATION%'"),
                     0);
    assert_int_equal(fixture_count(f.peek, "SELECT count(*) FROM audit WHERE action ="
                                           " 'investigation.report'"),
                     2);
    buf_free(&err);
    fixture_store_close(f.s, f.peek, f.dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(periods_are_12_then_6_months),
        cmocka_unit_test(reports_run_their_clocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
