/*
 * test_transparency.c - the transparency calendar's due dates
 * (model/transparency.h) on hand-worked examples across bank holidays and
 * year ends, with England and Wales's shipped bank holidays; the status
 * of an item from what it has published; and the store's load, publish
 * and event (store/transparency.h) with their refusals and audit rows,
 * judged by assess/transparency.h; the office-holders' contact details
 * (store/office_holders.h): refusals by field, the latest published, a
 * withdrawn Deputy left out, the calendar's item published by recording.
 *
 * The bank holidays the examples cross: 2024-03-29 (Good Friday),
 * 2026-04-03 and 2026-04-06 (Easter), 2026-12-25, 2026-12-28 (Boxing Day
 * substitute), 2027-01-01.
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

#include "assess/transparency.h"
#include "fixtures.h"
#include "model/bank_holidays.h"
#include "model/transparency.h"
#include "store/hmicfrs.h"
#include "store/office_holders.h"
#include "util/month.h"

static int D(const char *text)
{
    int d = DATE_NONE;
    if (!date_parse(text, strlen(text), &d))
        fail_msg("not a date: %s", text);
    return d;
}

static int M(const char *text)
{
    int m = -1;
    if (!month_parse(text, strlen(text), &m))
        fail_msg("not a month: %s", text);
    return m;
}

/* England and Wales's bank holidays as Peel ships them. */
static struct calendar shipped(struct holiday_list *l)
{
    holiday_list_init(l);
    holiday_list_shipped(l);
    return holiday_list_calendar(l);
}

static void due_is(const struct calendar *c, struct tr_rule r, const char *period,
                   const char *expected)
{
    char got[DATE_TEXT_SIZE];
    date_format(tr_period_due(c, &r, tr_period_of_month(r.kind, M(period))), got);
    if (strcmp(got, expected) != 0)
        fail_msg("%s %d %s days, period %s: due %s, not %s", tr_kind_name(r.kind), r.days,
                 clock_basis_name(r.basis), period, got, expected);
}

static void period_due_dates(void **state)
{
    (void)state;
    struct holiday_list l;
    struct calendar c = shipped(&l);
    struct tr_rule monthly = {TR_MONTHLY, 20, CLOCK_WORKING_DAYS};
    /* November 2026 ends Monday 30th; from 1 December, 25 and 28 December
     * are bank holidays: the 20th working day is Wednesday 30 December */
    due_is(&c, monthly, "2026-11", "2026-12-30");
    /* December 2026: 1 January 2027 is a holiday, so the count starts on
     * Monday 4 January: 4-8, 11-15, 18-22, 25-29 */
    due_is(&c, monthly, "2026-12", "2027-01-29");
    /* quarter 4 of 2025-26 ends Tuesday 31 March 2026: 1, 2 April, then
     * Good Friday and Easter Monday, then 7 April on: the 20th is 30 April */
    due_is(&c, (struct tr_rule){TR_QUARTERLY, 20, CLOCK_WORKING_DAYS}, "2026-02", "2026-04-30");
    /* the budget for 2024-25: 31 March 2024 is a Sunday, 29 March Good
     * Friday, so the last working day before the year is Thursday 28th */
    due_is(&c, (struct tr_rule){TR_BEFORE_YEAR, 0, CLOCK_WORKING_DAYS}, "2024-09", "2024-03-28");
    due_is(&c, (struct tr_rule){TR_BEFORE_YEAR, 0, CLOCK_CALENDAR_DAYS}, "2025-01", "2024-03-31");
    /* 183 calendar days after the year 2025-26: 1 April is day 1, 30
     * September day 183 (30 + 31 + 30 + 31 + 31 + 30) */
    due_is(&c, (struct tr_rule){TR_ANNUAL, 183, CLOCK_CALENDAR_DAYS}, "2025-06", "2026-09-30");
    /* a calendar-day due date stays on its weekend: 31 October 2026 + 1 is
     * Sunday 1 November */
    due_is(&c, (struct tr_rule){TR_MONTHLY, 1, CLOCK_CALENDAR_DAYS}, "2026-10", "2026-11-01");
    holiday_list_free(&l);
}

static struct tr_status status(const struct calendar *c, struct tr_rule r, struct tr_history h,
                               const char *as_of)
{
    struct tr_status st;
    tr_compute(c, &r, &h, D(as_of), 14, &st);
    return st;
}

static void date_is(int date, const char *expected)
{
    char got[DATE_TEXT_SIZE] = "none";
    if (date != DATE_NONE)
        date_format(date, got);
    assert_string_equal(got, expected);
}

static void item_status(void **state)
{
    (void)state;
    struct holiday_list l;
    struct calendar c = shipped(&l);
    struct tr_rule monthly = {TR_MONTHLY, 20, CLOCK_WORKING_DAYS};
    struct tr_history never = {-1, DATE_NONE, DATE_NONE};
    /* never published: the latest month ended is owed, not yet due */
    struct tr_status st = status(&c, monthly, never, "2026-12-05");
    assert_int_equal(st.state, TR_UP_TO_DATE);
    assert_int_equal(st.next_period, M("2026-11"));
    date_is(st.next_due, "2026-12-30");
    assert_int_equal(status(&c, monthly, never, "2026-12-16").state, TR_DUE_SOON);
    assert_int_equal(status(&c, monthly, never, "2026-12-30").state, TR_DUE_SOON);
    assert_int_equal(status(&c, monthly, never, "2026-12-31").state, TR_OVERDUE);
    /* published to August: September (due 28 October), October and
     * November are overdue on 5 January 2027; December is not yet due */
    struct tr_history august = {M("2026-08"), D("2026-09-20"), DATE_NONE};
    st = status(&c, monthly, august, "2027-01-05");
    assert_int_equal(st.state, TR_OVERDUE);
    assert_int_equal(st.next_period, M("2026-09"));
    date_is(st.next_due, "2026-10-28");
    assert_int_equal(st.periods_overdue, 3);
    /* the budget: published for 2025-26, the next is due 31 March 2026 */
    struct tr_rule budget = {TR_BEFORE_YEAR, 0, CLOCK_WORKING_DAYS};
    struct tr_history y2025 = {M("2025-04"), D("2025-02-10"), DATE_NONE};
    st = status(&c, budget, y2025, "2026-03-20");
    assert_int_equal(st.state, TR_DUE_SOON);
    date_is(st.next_due, "2026-03-31");
    assert_int_equal(status(&c, budget, y2025, "2026-04-01").state, TR_OVERDUE);
    /* never published: the year in progress is owed, and overdue */
    st = status(&c, budget, never, "2026-02-01");
    assert_int_equal(st.next_period, M("2025-04"));
    assert_int_equal(st.state, TR_OVERDUE);
    /* s.55: 56 days beginning with the day of the report */
    struct tr_rule s55 = {TR_EVENT, 56, CLOCK_CALENDAR_DAYS};
    struct tr_history report = {-1, D("2026-03-01"), D("2026-03-02")};
    st = status(&c, s55, report, "2026-04-26");
    date_is(st.next_due, "2026-04-26");
    assert_int_equal(st.state, TR_DUE_SOON);
    assert_int_equal(status(&c, s55, report, "2026-04-27").state, TR_OVERDUE);
    /* published the day of the event: nothing is due */
    report.last_published = D("2026-03-02");
    st = status(&c, s55, report, "2026-06-01");
    assert_int_equal(st.state, TR_NO_DUE);
    date_is(st.next_due, "none");
    /* 5 working days from Thursday 2 April 2026 skip Easter: 10 April */
    struct tr_history decided = {-1, DATE_NONE, D("2026-04-02")};
    date_is(status(&c, (struct tr_rule){TR_EVENT, 5, CLOCK_WORKING_DAYS}, decided, "2026-04-02")
                .next_due,
            "2026-04-10");
    /* on-change with no change recorded owes nothing */
    assert_int_equal(
        status(&c, (struct tr_rule){TR_ON_CHANGE, 28, CLOCK_CALENDAR_DAYS}, never, "2030-01-01")
            .state,
        TR_NO_DUE);
    holiday_list_free(&l);
}

static void rules_checked(void **state)
{
    (void)state;
    assert_null(tr_rule_check(&(struct tr_rule){TR_MONTHLY, 20, CLOCK_WORKING_DAYS}));
    assert_non_null(tr_rule_check(&(struct tr_rule){TR_MONTHLY, 0, CLOCK_WORKING_DAYS}));
    assert_non_null(tr_rule_check(&(struct tr_rule){TR_EVENT, 367, CLOCK_CALENDAR_DAYS}));
    assert_non_null(tr_rule_check(&(struct tr_rule){TR_BEFORE_YEAR, 5, CLOCK_WORKING_DAYS}));
    enum tr_kind k;
    assert_true(tr_kind_parse("on-change", &k));
    assert_int_equal(k, TR_ON_CHANGE);
    assert_false(tr_kind_parse("weekly", &k));
    char text[16];
    tr_period_format(TR_QUARTERLY, tr_period_of_month(TR_QUARTERLY, M("2027-02")), text,
                     sizeof text);
    assert_string_equal(text, "2026-27 Q4");
}

static const struct audit_origin by = {"cli:tester", "peel transparency ..."};

static long audit_rows(sqlite3 *db)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM audit", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static const struct tr_row *row_of(const struct tr_report *r, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->rows[i].key, key) == 0)
            return &r->rows[i];
    fail_msg("no item %s", key);
    return NULL;
}

static void store_round_trip(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    sqlite3 *db;
    struct store *s = fixture_store_open(dir, &db);
    struct tr_item items[] = {
        {"spend",
         "Spend over £500",
         "SIO 3(g)",
         "PCC",
         {TR_MONTHLY, 20, CLOCK_WORKING_DAYS},
         "/spend",
         TR_REGISTER_NONE,
         ""},
        {"interests",
         "Register of interests",
         "SIO 1(e)",
         "PCC",
         {TR_ON_CHANGE, 28, CLOCK_CALENDAR_DAYS},
         "",
         TR_REGISTER_NONE,
         ""},
        {"hmicfrs-response",
         "s.55 responses",
         "PA 1996 s.55",
         "PCC",
         {TR_EVENT, 56, CLOCK_CALENDAR_DAYS},
         "/hmicfrs",
         TR_REGISTER_HMICFRS,
         ""},
    };
    struct buf err = BUF_INIT;
    struct tr_report r;
    assert_int_equal(tr_report_build(s, D("2026-12-05"), &r, &err), 0);
    assert_int_equal(r.n, 0); /* nothing loaded */
    int64_t id = 0;
    assert_int_equal(store_tr_load(s, "t.csv", "00", items, 3, &by, &id, &err), -1); /* sha */
    buf_reset(&err);
    char sha[65];
    memset(sha, 'a', 64), sha[64] = 0;
    assert_int_equal(store_tr_load(s, "t.csv", sha, items, 3, &by, &id, &err), 0);
    assert_int_equal(audit_rows(db), 1);
    /* refusals write nothing */
    assert_int_equal(store_tr_publish(s, "nope", D("2026-11-20"), -1, "u", &by, &err),
                     TR_UNKNOWN_ITEM);
    assert_int_equal(store_tr_publish(s, "spend", D("2026-11-20"), -1, "u", &by, &err),
                     TR_NEEDS_PERIOD);
    assert_int_equal(
        store_tr_publish(s, "interests", D("2026-11-20"), M("2026-10"), "u", &by, &err),
        TR_NO_PERIOD);
    assert_int_equal(store_tr_event(s, "hmicfrs-response", D("2026-11-20"), "x", &by, &err),
                     TR_KEPT_BY_REGISTER);
    assert_int_equal(audit_rows(db), 1);
    assert_int_equal(
        store_tr_publish(s, "spend", D("2026-11-20"), M("2026-10"), "https://x/s", &by, &err), 0);
    assert_int_equal(store_tr_event(s, "interests", D("2026-11-02"), "New post", &by, &err), 0);
    assert_int_equal(audit_rows(db), 3);
    assert_int_equal(tr_report_build(s, D("2026-12-05"), &r, &err), 0);
    assert_int_equal(r.n, 3);
    const struct tr_row *spend = row_of(&r, "spend");
    assert_int_equal(spend->status.next_period, M("2026-11"));
    date_is(spend->history.last_published, "2026-11-20");
    assert_string_equal(spend->last_url, "https://x/s");
    /* the interests changed on 2 November: 28 days ran out on 29 November */
    const struct tr_row *interests = row_of(&r, "interests");
    assert_int_equal(interests->status.state, TR_OVERDUE);
    date_is(interests->status.next_due, "2026-11-29");
    assert_int_equal(r.overdue, 1);
    tr_report_free(&r);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

static void keep_contact(void *arg, const struct oh_contact *c)
{
    buf_printf(arg, "%s|%s|%s|%s|%s;", oh_holder_word(c->holder), c->name, c->address, c->email,
               c->phone);
}

static void office_holders(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    sqlite3 *db;
    struct store *s = fixture_store_open(dir, &db);
    struct buf err = BUF_INIT, got = BUF_INIT;
    bool published = true;
    /* no calendar loaded: the details are kept all the same */
    struct oh_contact c = {OH_COMMISSIONER,   false,
                           "A Person",        "Police HQ\nEnderby LE19 2BX",
                           "pcc@example.org", "+44 (0)116 222-2222",
                           D("2026-05-09")};
    assert_int_equal(store_oh_record(s, &c, &by, &published, &err), 0);
    assert_false(published);
    /* refusals, each naming its field, store nothing */
    struct {
        struct oh_contact c;
        const char *why;
    } bad[] = {
        {{OH_DEPUTY, false, "", "1 High St", "", "", 1}, "name: missing"},
        {{OH_DEPUTY, false, "B", "", "", "", 1}, "address: missing"},
        {{OH_DEPUTY, false, "B", "1 High St", "b.example.org", "", 1}, "email: not an email"},
        {{OH_DEPUTY, false, "B", "1 High St", "", "0116 ext. 4", 1}, "phone: not a telephone"},
        {{OH_DEPUTY, false, "B\tC", "1 High St", "", "", 1}, "name: a control character"},
        {{OH_DEPUTY, true, "B", "", "", "", 1}, "withdrawn: details given"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf_reset(&err);
        assert_int_equal(store_oh_record(s, &bad[i].c, &by, &published, &err), -1);
        assert_non_null(strstr(buf_str(&err), bad[i].why));
    }
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM office_holder_contact"), 1);
    /* with the shipped item: the recording is its publication */
    struct tr_item item = {OH_ITEM,
                           "Name, address and salary",
                           "SIO 2011 Sch. 1 para 1(a)-(c)",
                           "Commissioner",
                           {TR_ON_CHANGE, 20, CLOCK_WORKING_DAYS},
                           OH_URL,
                           TR_REGISTER_NONE,
                           ""};
    char sha[65];
    memset(sha, 'a', 64), sha[64] = 0;
    int64_t id = 0;
    assert_int_equal(store_tr_load(s, "t.csv", sha, &item, 1, &by, &id, &err), 0);
    struct oh_contact d = {OH_DEPUTY, false, "B Person", "Police HQ", "", "", D("2026-06-01")};
    assert_int_equal(store_oh_record(s, &d, &by, &published, &err), 0);
    assert_true(published);
    c.address = "Police HQ, Enderby";
    assert_int_equal(store_oh_record(s, &c, &by, &published, &err), 0);
    assert_int_equal(store_oh_current(s, keep_contact, &got, &err), 2);
    assert_string_equal(buf_str(&got), "commissioner|A Person|Police HQ, Enderby|pcc@example.org|"
                                       "+44 (0)116 222-2222;deputy|B Person|Police HQ||;");
    struct tr_report r;
    assert_int_equal(tr_report_build(s, D("2026-06-10"), &r, &err), 0);
    date_is(row_of(&r, OH_ITEM)->history.last_published, "2026-06-01");
    assert_string_equal(row_of(&r, OH_ITEM)->last_url, OH_URL);
    tr_report_free(&r);
    /* the Deputy's term ends: none is shown */
    struct oh_contact none = {OH_DEPUTY, true, "", "", "", "", D("2026-09-01")};
    assert_int_equal(store_oh_record(s, &none, &by, &published, &err), 0);
    buf_reset(&got);
    assert_int_equal(store_oh_current(s, keep_contact, &got, &err), 1);
    assert_null(strstr(buf_str(&got), "deputy"));
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM audit WHERE action ="
                                       " 'office-holder.contact'"),
                     4);
    buf_free(&got);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

static void keep_report(void *arg, const struct hmicfrs_view *v)
{
    *(struct hmicfrs_view *)arg = *v; /* only its numbers and dates are read */
}

/* A report's case: the clock starts with it, publication needs the
 * invitation and a response, completes the clock, and freezes the
 * responses; the transparency item reads its due date from the clock. */
static void hmicfrs_case(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    sqlite3 *db;
    struct store *s = fixture_store_open(dir, &db);
    struct buf err = BUF_INIT;
    struct tr_item item = {"hmicfrs-response",
                           "s.55 responses",
                           "PA 1996 s.55",
                           "PCC",
                           {TR_EVENT, 56, CLOCK_CALENDAR_DAYS},
                           "/hmicfrs",
                           TR_REGISTER_HMICFRS,
                           ""};
    char sha[65];
    memset(sha, 'b', 64), sha[64] = 0;
    int64_t load;
    assert_int_equal(store_tr_load(s, "t.csv", sha, &item, 1, &by, &load, &err), 0);
    struct hmicfrs_new r = {"peel-2026", "PEEL 2026", "https://x/peel.pdf", D("2026-03-02")};
    assert_int_equal(store_hmicfrs_add(s, &r, &by, &err), 0);
    assert_int_equal(store_hmicfrs_add(s, &r, &by, &err), HMICFRS_EXISTS);
    struct hmicfrs_view v;
    assert_int_equal(
        store_hmicfrs_get(s, "peel-2026", false, D("2026-04-27"), keep_report, &v, &err), 0);
    date_is(v.clock.due, "2026-04-26"); /* 56 days beginning with 2 March */
    assert_true(v.clock.overdue);
    struct tr_report tr;
    assert_int_equal(tr_report_build(s, D("2026-04-27"), &tr, &err), 0);
    assert_int_equal(tr.rows[0].status.state, TR_OVERDUE);
    date_is(tr.rows[0].status.next_due, "2026-04-26");
    tr_report_free(&tr);
    /* not public until published */
    assert_int_equal(
        store_hmicfrs_get(s, "peel-2026", true, D("2026-04-27"), keep_report, &v, &err),
        HMICFRS_UNKNOWN);
    assert_int_equal(store_hmicfrs_respond(s, "peel-2026", 1, "Answer calls", "Draft", &by, &err),
                     0);
    assert_int_equal(
        store_hmicfrs_publish(s, "peel-2026", D("2026-04-20"), "/hmicfrs/peel-2026", &by, &err),
        HMICFRS_NOT_INVITED);
    assert_int_equal(store_hmicfrs_step(s, "peel-2026", false, D("2026-03-03"), NULL, &by, &err),
                     0);
    assert_int_equal(store_hmicfrs_respond(s, "peel-2026", 1, "Answer calls", "Final", &by, &err),
                     0);
    assert_int_equal(
        store_hmicfrs_publish(s, "peel-2026", D("2026-04-20"), "/hmicfrs/peel-2026", &by, &err), 0);
    assert_int_equal(store_hmicfrs_respond(s, "peel-2026", 2, "More", "Late", &by, &err),
                     HMICFRS_PUBLISHED);
    assert_int_equal(
        store_hmicfrs_get(s, "peel-2026", true, D("2026-06-01"), keep_report, &v, &err), 0);
    assert_int_equal(v.clock.state, CLOCK_COMPLETED);
    assert_int_equal(v.responded, 1);
    assert_int_equal(tr_report_build(s, D("2026-06-01"), &tr, &err), 0);
    assert_int_equal(tr.rows[0].status.state, TR_NO_DUE);
    date_is(tr.rows[0].history.last_published, "2026-04-20");
    tr_report_free(&tr);
    /* add, invite, two responses, publish and the clock's start and
     * completion: 7 audit rows after the load's */
    assert_int_equal(audit_rows(db), 8);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(period_due_dates), cmocka_unit_test(item_status),
        cmocka_unit_test(rules_checked),    cmocka_unit_test(store_round_trip),
        cmocka_unit_test(hmicfrs_case),     cmocka_unit_test(office_holders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
