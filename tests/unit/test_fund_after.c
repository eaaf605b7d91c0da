/*
 * test_fund_after.c - after a Safety Fund award (store/fund_after.h,
 * assess/fund_stats.h, assess/fund_tables.h): payments never exceed the
 * award (through the API with the figures, through plain SQL, and with
 * two processes racing, three times), nothing is paid before the round's
 * decision, a payment's spend transaction must have its amount; a
 * payment made in error is reversed once, with a reason, and what is paid
 * is then the payments not reversed (to the store and its trigger); a
 * monitoring return overdue is on the overdue clocks until it is
 * received; the statistics of a hand-worked round, with the small-numbers
 * rule; the public list's filters, which never find a refuge's district;
 * the map of money by district (assess/fund_map.h), on boundaries and
 * without, which never places a refuge and says what it leaves off; the
 * transparency calendar's grants item read from the published awards and
 * its travel item from the spend register's office-holders' expenses.
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
#include <sys/wait.h>
#include <unistd.h>

#include "assess/fund_after_tables.h"
#include "assess/fund_map.h"
#include "assess/fund_stats.h"
#include "assess/fund_tables.h"
#include "fixtures.h"
#include "ingest/xlsx.h"
#include "model/calendar.h"
#include "render/pdf.h"
#include "report/annual_report.h"
#include "store/boundaries.h"
#include "store/clocks.h"
#include "store/decisions.h"
#include "store/fund_after.h"
#include "store/fund_apply.h"
#include "store/spend.h"
#include "store/transparency.h"
#include "util/month.h"

static const struct audit_origin by = {"cli:test", "test"};
static const struct audit_origin as_off = {"off", "t"}, as_cfo = {"cfo", "t"}, as_mo = {"mo", "t"},
                                 as_pcc = {"pcc", "t"};

/* A year of £50,000 and round R1 of £40,000 (May 2024), open; the four
 * accounts a decision needs. */
static int setup(void **state)
{
    fixture_env_setup(state);
    struct fixture_env *e = *state;
    fixture_fund_round(e->s, 1);
    static const char *const staff[] = {"off:officer", "cfo:finance-officer",
                                        "mo:monitoring-officer", "pcc:commissioner"};
    fixture_accounts(e->s, staff, 4);
    return 0;
}

/* An award in R1 of pence (to the application ref, when not NULL). */
static int award(struct fixture_env *e, int64_t pence, const char *ref, const char *district,
                 bool sensitive)
{
    struct buf err = BUF_INIT;
    struct fund_award_new a = {.round = "R1",
                               .recipient = "Safe Homes",
                               .org_id = "GB-CHC-1234567",
                               .title = "Outreach",
                               .description = "Outreach",
                               .amount_pence = pence,
                               .district = district,
                               .priority = "m1",
                               .sensitive = sensitive,
                               .awarded_on = "2024-06-01",
                               .application = ref};
    int number = 0;
    int rc = store_fund_award(e->s, &a, &by, &number, &err);
    if (rc != 0)
        fail_msg("award: %s", buf_str(&err));
    buf_free(&err);
    return number;
}

/* Takes R1's decision (and publishes it). */
static void decide(struct fixture_env *e, bool publish)
{
    struct buf err = BUF_INIT;
    assert_int_equal(store_fund_decision_draft(e->s, "R1", &as_off, &err), 0);
    assert_int_equal(store_decision_signoff(e->s, "FUND/R1", SIGNOFF_FINANCE, NULL, &as_cfo, &err),
                     0);
    assert_int_equal(
        store_decision_signoff(e->s, "FUND/R1", SIGNOFF_MONITORING, NULL, &as_mo, &err), 0);
    assert_int_equal(store_decision_decide(e->s, "FUND/R1", "2024-06-10", &as_pcc, &err), 0);
    if (publish)
        assert_int_equal(store_decision_publish(e->s, "FUND/R1", &as_off, &err), 0);
    buf_free(&err);
}

static int pay(struct store *s, int award_no, int64_t pence, const char *txn, char msg[512])
{
    struct buf err = BUF_INIT;
    struct fund_payment_new p = {"R1", award_no, "2024-07-01", pence, "REM-1", txn};
    int number = 0;
    int rc = store_fund_pay(s, &p, &by, &number, &err);
    snprintf(msg, 512, "%s", buf_str(&err));
    buf_free(&err);
    return rc;
}

/* A month of the spend register holding transaction F-1 of £400. */
static void load_spend(struct fixture_env *e)
{
    struct spend_item it = {.txn = "F-1",
                            .date = "2024-07-01",
                            .body_name = "PCC",
                            .supplier = "Safe Homes",
                            .expense_type = "Grants",
                            .service_area = "Commissioning",
                            .purpose = "Grant",
                            .vfm = "",
                            .amount_pence = 40000,
                            .line = 2};
    struct spend_month m = {SPEND_PCC, "2024-07", &it, 1};
    struct spend_source src = {"spend.csv",
                               "0000000000000000000000000000000000000000000000000000000000000000"};
    struct spend_outcome out;
    struct buf err = BUF_INIT;
    assert_int_equal(store_spend_publish(e->s, &m, 1, NULL, &src, &by, false, &out, &err), 0);
    buf_free(&err);
}

static void payments_never_exceed_the_award(void **state)
{
    struct fixture_env *e = *state;
    char msg[512];
    int n = award(e, 1000000, NULL, "Blaby", false);
    assert_int_equal(pay(e->s, n, 100, NULL, msg), FUND_NOT_OPEN);
    assert_non_null(strstr(msg, "is not yet taken"));
    decide(e, false);
    assert_int_equal(pay(e->s, n, 600000, NULL, msg), 0);
    assert_int_equal(pay(e->s, n, 400001, NULL, msg), FUND_OVER);
    assert_string_equal(msg, "a payment of \xc2\xa3"
                             "4,000.01 would take award R1-1's payments over the award of "
                             "\xc2\xa3"
                             "10,000.00 (\xc2\xa3"
                             "6,000.00 paid already)");
    assert_int_equal(pay(e->s, 99, 1, NULL, msg), FUND_UNKNOWN);
    /* the spend register: once loaded, a transaction's amount must agree */
    load_spend(e);
    assert_int_equal(pay(e->s, n, 30000, "F-1", msg), FUND_BAD);
    assert_non_null(strstr(msg, "the spend register's F-1 is \xc2\xa3"
                                "400.00, not \xc2\xa3"
                                "300.00"));
    assert_int_equal(pay(e->s, n, 40000, "F-1", msg), 0);
    assert_int_equal(pay(e->s, n, 40000, "F-1", msg), FUND_TAKEN);
    assert_int_equal(pay(e->s, n, 100, "F-2", msg), 0); /* not in the register (yet) */
    /* plain SQL is refused the same, and payments never change */
    /* one statement over two lines, in a macro: clang's -Wstring-concatenation
     * takes two literals side by side in an array for a missing comma */
#define PAY_BY_SQL                                                                                 \
    "INSERT INTO fund_payment(award_id, number, paid_on, amount_pence, reference,"                 \
    " recorded_at, recorded_by) VALUES(1, 9, '2024-07-02', 400000, 'x', 't', 'me')"
    static const char *const sql[] = {
        PAY_BY_SQL,
        "UPDATE fund_payment SET amount_pence = 1",
        "DELETE FROM fund_payment",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (sqlite3_exec(e->db, sql[i], NULL, NULL, NULL) == SQLITE_OK)
            fail_msg("allowed: %s", sql[i]);
    assert_int_equal(fixture_count(e->db, "SELECT sum(amount_pence) FROM fund_payment"), 640100);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM audit WHERE action = 'fund.pay'"),
                     3);
}

static int reverse(struct store *s, int payment, const char *on, const char *reason, char msg[512])
{
    struct buf err = BUF_INIT;
    struct fund_reversal_new r = {"R1", 1, payment, on, reason};
    int rc = store_fund_reverse(s, &r, &by, &err);
    snprintf(msg, 512, "%s", buf_str(&err));
    buf_free(&err);
    return rc;
}

/* After payments_never_exceed_the_award (award 1, £10,000: payments 1 of
 * £6,000, 2 of £400, 3 of £1 on 2024-07-01): a payment made in error is
 * reversed once, with a reason, not before it was paid; it stays on the
 * list, marked; what is paid is then the payments not reversed, to the
 * store's check and to the database's trigger alike. */
static void a_payment_made_in_error_is_reversed(void **state)
{
    struct fixture_env *e = *state;
    char msg[512];
    assert_int_equal(pay(e->s, 1, 359900, NULL, msg), 0); /* payment 4: the award paid in full */
    assert_int_equal(pay(e->s, 1, 1, NULL, msg), FUND_OVER);
    assert_int_equal(reverse(e->s, 1, "2024-06-30", "Paid twice", msg), FUND_BAD);
    assert_string_equal(msg, "reversed on: 2024-06-30 is before the payment, made on 2024-07-01");
    assert_int_equal(reverse(e->s, 1, "2024-07-05", " ", msg), FUND_BAD);
    assert_int_equal(reverse(e->s, 9, "2024-07-05", "Paid twice", msg), FUND_UNKNOWN);
    assert_int_equal(reverse(e->s, 1, "2024-07-05", "Paid twice: REM-1 paid it", msg), 0);
    assert_int_equal(reverse(e->s, 1, "2024-07-06", "Again", msg), FUND_TAKEN);
    assert_string_equal(msg, "payment 1 of award R1-1 is reversed already");
    /* £4,000 is now paid: £6,000 more may be, and not a penny over */
    assert_int_equal(pay(e->s, 1, 600001, NULL, msg), FUND_OVER);
    assert_non_null(strstr(msg, "(\xc2\xa3"
                                "4,000.00 paid already)"));
    /* the trigger counts the same: £6,000 by SQL is within, then a penny is not */
#define PAY_BY_SQL_N(n, pence)                                                                     \
    "INSERT INTO fund_payment(award_id, number, paid_on, amount_pence, reference,"                 \
    " recorded_at, recorded_by) VALUES(1, " #n ", '2024-07-09', " #pence ", 'x', 't', 'me')"
    assert_int_equal(sqlite3_exec(e->db, PAY_BY_SQL_N(20, 600000), NULL, NULL, NULL), SQLITE_OK);
    static const char *const refused[] = {
        PAY_BY_SQL_N(21, 1),
        "UPDATE fund_payment_reversal SET reason = 'x'",
        "DELETE FROM fund_payment_reversal",
        "INSERT OR REPLACE INTO fund_payment_reversal VALUES(1, '2024-07-05', 'x', 't', 'me')",
        "INSERT INTO fund_payment_reversal VALUES(2, '2024-06-01', 'too early', 't', 'me')",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (sqlite3_exec(e->db, refused[i], NULL, NULL, NULL) == SQLITE_OK)
            fail_msg("allowed: %s", refused[i]);
    /* the list keeps the payment, marked, and counts the rest */
    struct table t;
    struct buf err = BUF_INIT;
    assert_int_equal(fund_payments_table(e->s, "R1", 1, false, &t, &err), 0);
    assert_int_equal(t.nrows, 5);
    assert_string_equal(table_cell(&t, 0, 4)->text, "6000.00");
    assert_string_equal(table_cell(&t, 0, 10)->text, "10000.00"); /* paid, net */
    assert_string_equal(table_cell(&t, 0, 11)->text, "0.00");
    assert_string_equal(table_cell(&t, 0, 12)->text, "2024-07-05");
    assert_string_equal(table_cell(&t, 0, 13)->text, "Paid twice: REM-1 paid it");
    assert_int_equal(table_cell(&t, 1, 12)->type, CELL_NULL);
    table_free(&t);
    buf_free(&err);
    assert_int_equal(
        fixture_count(e->db, "SELECT count(*) FROM audit WHERE action = 'fund.reverse'"
                             " AND object = 'fund:R1-1' AND json_extract(after, '$.payment') = 1"),
        1);
}

/* Two processes pay £2,000 each of a £3,000 award at the same moment,
 * three times: exactly one is paid each time, the other told the
 * figures. */
static void two_payments_racing_are_one_after_the_other(void **state)
{
    struct fixture_env *e = *state;
    int awards[3];
    for (int i = 0; i < 3; i++)
        awards[i] = award(e, 300000, NULL, "Blaby", false);
    decide(e, false);
    char path[4096];
    snprintf(path, sizeof path, "%s/peel.db", e->dir);
    for (int i = 0; i < 3; i++) {
        pid_t kids[2];
        for (int k = 0; k < 2; k++) {
            kids[k] = fork();
            assert_true(kids[k] >= 0);
            if (kids[k] == 0) {
                struct buf err = BUF_INIT;
                struct store *s = store_open(path, STORE_READ_WRITE, &err);
                char msg[512];
                int rc = s ? pay(s, awards[i], 200000, NULL, msg) : -1;
                if (s)
                    store_close(s);
                _exit(rc < 0 ? 99 : rc);
            }
        }
        int codes[2];
        for (int k = 0; k < 2; k++) {
            int status = 0;
            assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
            assert_true(WIFEXITED(status));
            codes[k] = WEXITSTATUS(status);
        }
        assert_int_equal(codes[0] + codes[1], FUND_OVER); /* 0 and FUND_OVER, in either order */
        assert_true(codes[0] == 0 || codes[1] == 0);
    }
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM fund_payment"), 3);
    assert_int_equal(fixture_count(e->db, "SELECT max(t) FROM (SELECT sum(amount_pence) AS t"
                                          " FROM fund_payment GROUP BY award_id)"),
                     200000);
}

struct found {
    const char *subject;
    int seen;
};

static void find_clock(void *arg, const struct clock_view *v)
{
    struct found *f = arg;
    f->seen += strcmp(v->subject, f->subject) == 0;
}

static void state_of(void *arg, const struct fund_return_view *v)
{
    char *out = arg;
    snprintf(out, 32, "%s", fund_return_state(v, "2026-01-01"));
}

static int overdue_clocks(struct fixture_env *e, const char *subject)
{
    struct found f = {subject, 0};
    struct clock_filter overdue = {date_today(), true, DATE_NONE, CLOCKS_LIST_MAX};
    size_t matched = 0;
    struct buf err = BUF_INIT;
    assert_int_equal(store_clocks_list(e->s, &overdue, find_clock, &f, &matched, &err), 0);
    buf_free(&err);
    return f.seen;
}

static void an_overdue_return_is_on_the_overdue_list(void **state)
{
    struct fixture_env *e = *state;
    struct buf err = BUF_INIT;
    int n = award(e, 500000, NULL, "Blaby", false), number = 0;
    char subject[64];
    snprintf(subject, sizeof subject, "fund-return:R1-%d-1", n);
    assert_int_equal(
        store_fund_return_due(e->s, "R1", n, "2024-05-01", "Too soon", &by, &number, &err),
        FUND_BAD); /* before the award */
    assert_int_equal(
        store_fund_return_due(e->s, "R1", n, "2024-12-01", "Six months", &by, &number, &err), 0);
    assert_int_equal(number, 1);
    assert_int_equal(overdue_clocks(e, subject), 1);
    char st[32] = "";
    assert_int_equal(store_fund_returns(e->s, "R1", n, state_of, st, &err), 0);
    assert_string_equal(st, "overdue");
    assert_int_equal(store_fund_return_record(e->s, "R1", n, 1, "2024-12-20", "30 women helped",
                                              FUND_RETURN_PARTLY_MET, &by, &err),
                     0);
    assert_int_equal(overdue_clocks(e, subject), 0);
    assert_int_equal(store_fund_returns(e->s, "R1", n, state_of, st, &err), 0);
    assert_string_equal(st, "partly-met");
    assert_int_equal(store_fund_return_record(e->s, "R1", n, 1, "2024-12-21", "again",
                                              FUND_RETURN_MET, &by, &err),
                     FUND_TAKEN);
    assert_int_not_equal(
        sqlite3_exec(e->db, "UPDATE fund_return_report SET status = 'met'", NULL, NULL, NULL),
        SQLITE_OK);
    buf_free(&err);
}

/* ---- statistics -------------------------------------------------------------- */

/* Sends an application to R1; its reference into ref. */
static void apply(struct fixture_env *e, const char *district, const char *priorities,
                  int64_t pence, bool eligible, char ref[FUND_REF_SIZE])
{
    struct buf err = BUF_INIT, reasons = BUF_INIT;
    struct fund_application a = {.round = "R1",
                                 .org_name = "Org",
                                 .org_type = "charity",
                                 .org_id = eligible ? "GB-CHC-1234567" : "none",
                                 .project = "Project",
                                 .amount_pence = pence,
                                 .district = district,
                                 .priorities = priorities};
    bool ok = false;
    assert_int_equal(store_fund_apply(e->s, NULL, NULL, &a, &by, ref, &err), 0);
    assert_int_equal(store_fund_submit(e->s, ref, "2024-05-10", &by, &ok, &reasons, &err), 0);
    assert_int_equal(ok, eligible);
    buf_free(&err);
    buf_free(&reasons);
}

static const struct fund_stat *row(const struct fund_stats *st, const char *key)
{
    for (size_t i = 0; i < st->n; i++)
        if (strcmp(st->v[i].key, key) == 0)
            return &st->v[i];
    fail_msg("no row %s", key);
    return NULL;
}

static void check_row(const struct fund_stats *st, const char *key, long apps, long eligible,
                      long awarded, int64_t requested, int64_t given, bool withheld)
{
    const struct fund_stat *r = row(st, key);
    assert_int_equal(r->applications, apps);
    assert_int_equal(r->eligible, eligible);
    assert_int_equal(r->awarded, awarded);
    assert_int_equal(r->requested_pence, requested);
    assert_int_equal(r->awarded_pence, given);
    assert_int_equal(r->withheld, withheld);
}

static size_t listed(struct fixture_env *e, const char *district, bool public_)
{
    struct fund_award_filter f = {NULL, district, NULL};
    struct table t;
    struct buf err = BUF_INIT;
    assert_int_equal(fund_awards_table_where(e->s, &f, public_, false, &t, &err), 0);
    size_t n = t.nrows;
    table_free(&t);
    buf_free(&err);
    return n;
}

/* Two more awards in Blaby and a refuge's in Hinckley, none of them
 * answering an application (so not in the statistics). */
static void refuge_awarded(struct fixture_env *e)
{
    award(e, 100000, NULL, "Blaby", false);
    award(e, 200000, NULL, "Blaby", false);
    award(e, 300000, NULL, "Hinckley", true);
    assert_int_equal(listed(e, "Blaby", true), 0); /* not yet published */
}

/* The public list's filters, once published: Blaby's three, and never the
 * refuge by its district. */
static void refuge_never_found(struct fixture_env *e)
{
    assert_int_equal(listed(e, "Blaby", true), 3);
    assert_int_equal(listed(e, NULL, true), 6);
    assert_int_equal(listed(e, "Hinckley", true), 0);
    assert_int_equal(listed(e, FUND_PLACE_WITHHELD, true), 1);
    assert_int_equal(listed(e, "Hinckley", false), 1); /* the staff's list */
    struct fund_award_filter f = {"R1", NULL, "m2"};
    struct table t;
    struct buf err = BUF_INIT;
    assert_int_equal(fund_awards_table_where(e->s, &f, true, false, &t, &err), 0);
    assert_int_equal(t.nrows, 0);
    table_free(&t);
    assert_int_equal(fund_totals_table_where(e->s,
                                             &(struct fund_award_filter){NULL, "Hinckley", NULL},
                                             FUND_BY_DISTRICT, false, &t, &err),
                     0);
    assert_int_equal(t.nrows, 0);
    table_free(&t);
    buf_free(&err);
}

/* The map's row of a district: its grants and pence; false when none. */
static bool map_row(const struct map *m, const char *district, int64_t *grants, int64_t *pence,
                    bool *drawn)
{
    for (size_t i = 0; i < m->nregions; i++)
        if (strcmp(m->regions[i].name, district) == 0) {
            *grants = m->regions[i].crimes;
            *pence = m->regions[i].pence;
            *drawn = m->regions[i].drawn;
            return true;
        }
    return false;
}

static void check_map_row(const struct map *m, const char *district, int64_t grants, int64_t pence,
                          bool drawn)
{
    int64_t g = -1, p = -1;
    bool d = false;
    if (!map_row(m, district, &g, &p, &d))
        fail_msg("no row for %s", district);
    assert_int_equal(g, grants);
    assert_int_equal(p, pence);
    assert_int_equal(d, drawn);
}

/* A square GeoJSON polygon at (x, y) degrees. */
static char *square(double x, double y)
{
    char *g = NULL;
    assert_true(asprintf(&g,
                         "{\"type\": \"Polygon\", \"coordinates\": [[[%g, %g], [%g, %g], "
                         "[%g, %g], [%g, %g], [%g, %g]]]}",
                         x, y, x + 0.1, y, x + 0.1, y + 0.1, x, y + 0.1, x, y) > 0);
    return g;
}

/* The published awards by district: Blaby's three (£800, £1,000, £2,000),
 * Charnwood's and Melton's; never the refuge's £3,000 in Hinckley, which
 * only the note counts. With no boundaries and no crimes nothing is drawn
 * but every district is in the table; with boundaries the refuge's
 * district is drawn as given nothing, and the 380-pixel PNG is 380 wide. */
static void the_map_never_places_a_refuge(struct fixture_env *e)
{
    struct map m;
    struct buf err = BUF_INIT;
    assert_int_equal(fund_map_build(e->s, NULL, NULL, FUND_MAP_TITLE, &m, &err), 0);
    assert_int_equal(m.measure, MAP_MONEY);
    assert_int_equal(m.nregions, 3);
    check_map_row(&m, "Blaby", 3, 380000, false);
    check_map_row(&m, "Charnwood", 1, 300000, false);
    int64_t g, p;
    bool d;
    assert_false(map_row(&m, "Hinckley", &g, &p, &d));
    assert_non_null(strstr(m.note, "1 grant (\xc2\xa3"
                                   "3,000.00) to places that are not "
                                   "published, such as a refuge, is not on the map."));
    assert_non_null(strstr(m.note, "nothing is drawn"));
    map_free(&m);
    char *geo[3] = {square(-1.3, 52.5), square(-1.4, 52.5), square(-1.2, 52.7)};
    const struct boundary_area areas[] = {
        {"Blaby", geo[0], 0}, {"Hinckley", geo[1], 1}, {"Charnwood", geo[2], 2}};
    const struct boundary_set set = {"district",   "LAD",  "t.geojson", "00",
                                     "Hand drawn", "test", areas,       3};
    assert_int_equal(store_boundaries_load(e->s, &set, &err), 0);
    assert_int_equal(fund_map_build(e->s, NULL, NULL, FUND_MAP_TITLE, &m, &err), 0);
    check_map_row(&m, "Blaby", 3, 380000, true);
    check_map_row(&m, "Hinckley", 0, 0, true); /* the refuge's place: given nothing */
    check_map_row(&m, "Melton", 1, 150000, false);
    assert_non_null(strstr(m.description, "Most: Blaby, \xc2\xa3"
                                          "3,800.00 in 3 grants"));
    assert_null(strstr(m.description, "Hinckley"));
    struct table t;
    map_table_money(&m, false, &t);
    assert_int_equal(t.nrows, 4); /* by name: Blaby, Charnwood, Hinckley, Melton */
    const char *want[][3] = {{"Hinckley", "0.00", ""},
                             {"Melton", "1500.00", "no boundary: not on the map"}};
    struct buf cell = BUF_INIT;
    for (size_t r = 0; r < 2; r++)
        for (size_t c = 0; c < 3; c++) {
            buf_reset(&cell);
            table_cell_text(table_cell(&t, r + 2, c == 0 ? 0 : c + 1), false, &cell);
            assert_string_equal(buf_str(&cell), want[r][c]);
        }
    buf_free(&cell);
    table_free(&t);
    char path[512];
    snprintf(path, sizeof path, "%s/map.png", e->dir);
    assert_int_equal(
        map_write_sized(&m, CHART_PNG, CHART_PHONE_WIDTH, MAP_PHONE_HEIGHT, path, &err), 0);
    unsigned char head[24];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    assert_int_equal((head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19],
                     CHART_PHONE_WIDTH);
    map_free(&m);
    for (int i = 0; i < 3; i++)
        free(geo[i]);
    buf_free(&err);
}

/* Prints the rows of sheet `name` of the workbook in `book` (bytes),
 * one line a row, cells joined by '|', into out. */
static void sheet_rows(const struct buf *book, const char *name, struct buf *out)
{
    struct buf err = BUF_INIT;
    struct xlsx_reader *x = xlsx_reader_open("annual.xlsx", book->p, book->len, name, &err);
    assert_non_null(x);
    struct csv_record rec;
    while (xlsx_reader_next(x, &rec) == 1) {
        for (size_t i = 0; i < rec.nfields; i++)
            buf_printf(out, "%s%.*s", i ? "|" : "", (int)rec.fields[i].len, rec.fields[i].p);
        buf_puts(out, "\n");
    }
    xlsx_reader_close(x);
    buf_free(&err);
}

/* The annual report's workbook carries Tables 8 and 9 as its last two
 * sheets, with the same rows as the page: Charnwood's and Blaby's
 * application figures withheld, Melton's shown, the total's shown. */
static void annual_workbook_with_rows(struct fixture_env *e, const struct annual_report *r)
{
    char path[512];
    snprintf(path, sizeof path, "%s/annual.xlsx", e->dir);
    struct buf err = BUF_INIT, book = BUF_INIT, district = BUF_INIT, priority = BUF_INIT;
    assert_int_equal(annual_report_workbook(r, path, &err), 0);
    assert_true(buf_read_file(&book, path, &err));
    sheet_rows(&book, "Fund by district", &district);
    sheet_rows(&book, "Fund by priority", &priority);
    /* whole amounts (the workbook is a machine format: the pounds as
     * numbers), the withheld cells empty, as worked by hand below */
    const char *withheld = "withheld: one or two unsuccessful applications\n";
    const char *all = "All|6|5|3|50|12000|5300\n";
    assert_non_null(strstr(buf_str(&district), "\nBlaby|||1|||800|"));
    assert_non_null(strstr(buf_str(&district), "\nCharnwood|||1|||3000|"));
    assert_non_null(strstr(buf_str(&district), "\nMelton|1|1|1|100|1500|1500\n"));
    assert_non_null(strstr(buf_str(&district), all));
    assert_non_null(strstr(buf_str(&priority), "\nm1|||1|||800|"));
    assert_non_null(strstr(buf_str(&priority), "\nm2|||2|||4500|"));
    assert_non_null(strstr(buf_str(&priority), all));
    assert_non_null(strstr(buf_str(&priority), withheld));
    buf_free(&priority);
    buf_free(&district);
    buf_free(&book);
    buf_free(&err);
}

/* The annual report's Tables 8 and 9 (report/annual_funding.c) drawn
 * with rows, on the page and in the PDF, from the applications below: by
 * district with Charnwood's figures withheld, by priority, each with its
 * total. */
static void annual_tables_with_rows(struct fixture_env *e)
{
    struct annual_report r = {.req = {.fy = 2024}};
    snprintf(r.current, sizeof r.current, "2024-25");
    struct buf err = BUF_INIT, html = BUF_INIT, pdf = BUF_INIT;
    assert_int_equal(annual_funding_gather(e->s, &r, &err), 0);
    assert_int_equal(r.funding.by_district.nrows, 4); /* Blaby, Charnwood, Melton, All */
    assert_int_equal(r.funding.by_priority.nrows, 3); /* m1, m2, All */
    annual_funding_html(&r, &html);
    const char *s = buf_str(&html);
    const char *t8 = strstr(s, "Table 8: Safety Fund applications and grants by district, 2024-25");
    const char *t9 = strstr(s, "Table 9: Safety Fund applications and grants by priority, 2024-25");
    assert_non_null(t8);
    assert_non_null(t9);
    assert_true(t8 < t9);
    const char *melton = strstr(t8, "Melton");
    assert_non_null(melton);
    assert_true(melton < t9);
    const char *total8 = strstr(t8, "<tr class=\"total\">");
    assert_non_null(total8);
    assert_true(total8 < t9);
    assert_non_null(strstr(t9, "<tr class=\"total\">"));
    assert_null(strstr(s, "No application to the Safety Fund was sent"));
    struct pdf_doc *d = pdf_open("annual-funding.pdf", "Tables 8 and 9");
    annual_funding_pdf(d, &r);
    size_t pages = 0;
    assert_int_equal(pdf_close_buf(d, &pdf, &pages, &err), 0);
    assert_true(pages >= 1);
    assert_memory_equal(pdf.p, "%PDF-", 5);
    annual_workbook_with_rows(e, &r);
    annual_funding_free(&r.funding);
    buf_free(&pdf);
    buf_free(&html);
    buf_free(&err);
}

/* Six applications, worked by hand:
 *   A Blaby      m1     £1,000  eligible  awarded £800
 *   B Blaby      m1,m2  £2,000  eligible  -
 *   C Charnwood  m2     £3,000  eligible  awarded £3,000
 *   D Charnwood  m2       £500  not eligible
 *   E Charnwood  m1     £4,000  eligible  -
 *   F Melton     m2     £1,500  eligible  awarded £1,500
 * By district: Blaby 2 sent, 1 turned down; Charnwood 3 sent, 2 turned
 * down: both withheld; Melton 1 of 1. All: 6 sent, 5 eligible, 3 awarded
 * (50%), £12,000 asked, £5,300 awarded: shown (two rows withheld, so the
 * total gives neither away). By priority: m1 A, B, E (1 awarded), m2 B,
 * C, D, F (2 awarded): both withheld; each asked £7,000 in all. */
static void statistics_and_the_public_list(void **state)
{
    struct fixture_env *e = *state;
    char a[FUND_REF_SIZE], b[FUND_REF_SIZE], c[FUND_REF_SIZE], d[FUND_REF_SIZE], x[FUND_REF_SIZE],
        f[FUND_REF_SIZE];
    apply(e, "Blaby", "m1", 100000, true, a);
    apply(e, "Blaby", "m1, m2", 200000, true, b);
    apply(e, "Charnwood", "m2", 300000, true, c);
    apply(e, "Charnwood", "m2", 50000, false, d);
    apply(e, "Charnwood", "m1", 400000, true, x);
    apply(e, "Melton", "m2", 150000, true, f);
    award(e, 80000, a, "Blaby", false);
    award(e, 300000, c, "Charnwood", false);
    award(e, 150000, f, "Melton", false);
    struct buf err = BUF_INIT;
    struct fund_award_new twice = {.round = "R1",
                                   .recipient = "Org",
                                   .org_id = "GB-CHC-1234567",
                                   .title = "Project",
                                   .description = "Project",
                                   .amount_pence = 1,
                                   .application = a};
    int number = 0;
    assert_int_equal(store_fund_award(e->s, &twice, &by, &number, &err), FUND_TAKEN);
    twice.application = d; /* not eligible */
    assert_int_equal(store_fund_award(e->s, &twice, &by, &number, &err), FUND_BAD);
    struct fund_stats st;
    assert_int_equal(fund_stats_compute(e->s, FUND_BY_DISTRICT, true, &st, &err), 0);
    assert_int_equal(st.n, 1); /* nothing public before the decision is published */
    check_row(&st, FUND_STATS_TOTAL, 0, 0, 0, 0, 0, false);
    fund_stats_free(&st);
    refuge_awarded(e);
    decide(e, true);
    refuge_never_found(e);
    the_map_never_places_a_refuge(e);
    assert_int_equal(fund_stats_compute(e->s, FUND_BY_DISTRICT, true, &st, &err), 0);
    assert_int_equal(st.n, 4);
    check_row(&st, "Blaby", 2, 2, 1, 300000, 80000, true);
    check_row(&st, "Charnwood", 3, 2, 1, 750000, 300000, true);
    check_row(&st, "Melton", 1, 1, 1, 150000, 150000, false);
    check_row(&st, FUND_STATS_TOTAL, 6, 5, 3, 1200000, 530000, false);
    fund_stats_free(&st);
    /* the annual report's: the rounds of one financial year */
    assert_int_equal(fund_stats_compute_fy(e->s, FUND_BY_DISTRICT, true, "2024-25", &st, &err), 0);
    assert_int_equal(st.n, 4);
    check_row(&st, FUND_STATS_TOTAL, 6, 5, 3, 1200000, 530000, false);
    fund_stats_free(&st);
    assert_int_equal(fund_stats_compute_fy(e->s, FUND_BY_DISTRICT, true, "2023-24", &st, &err), 0);
    assert_int_equal(st.n, 1);
    check_row(&st, FUND_STATS_TOTAL, 0, 0, 0, 0, 0, false);
    fund_stats_free(&st);
    assert_int_equal(fund_stats_compute(e->s, FUND_BY_PRIORITY, true, &st, &err), 0);
    check_row(&st, "m1", 3, 3, 1, 700000, 80000, true);
    check_row(&st, "m2", 4, 3, 2, 700000, 450000, true);
    fund_stats_free(&st);
    struct table t;
    assert_int_equal(fund_stats_table(e->s, FUND_BY_ROUND, true, false, &t, &err), 0);
    struct buf cell = BUF_INIT;
    table_cell_text(table_cell(&t, 0, 4), false, &cell);
    assert_string_equal(buf_str(&cell), "50.0"); /* 3 of 6 */
    buf_reset(&cell);
    table_cell_text(table_cell(&t, 0, 5), false, &cell);
    assert_string_equal(buf_str(&cell), "12000.00");
    buf_free(&cell);
    table_free(&t);
    annual_tables_with_rows(e);
    /* the secondary rule: one row withheld takes the total with it */
    struct fund_stat rows[] = {{.key = "X", .applications = 10, .awarded = 5},
                               {.key = "Y", .applications = 3, .awarded = 2},
                               {.key = "All", .applications = 13, .awarded = 7}};
    struct fund_stats two = {rows, 3};
    fund_stats_withhold(&two);
    assert_false(rows[0].withheld);
    assert_true(rows[1].withheld);
    assert_true(rows[2].withheld);
    buf_free(&err);
}

/* The history store_tr_items gives an item. */
struct item_history {
    const char *key;
    struct tr_history h;
    bool found;
};

static void keep_history(void *arg, const struct tr_item_view *v)
{
    struct item_history *ih = arg;
    if (strcmp(v->item.key, ih->key) == 0)
        ih->h = v->history, ih->found = true;
}

static struct tr_history history_of(struct store *s, const char *key)
{
    struct item_history ih = {.key = key};
    struct buf err = BUF_INIT;
    assert_int_equal(store_tr_items(s, keep_history, &ih, &err), 2);
    assert_true(ih.found);
    buf_free(&err);
    return ih.h;
}

static int month_of(const char *m)
{
    int v = -1;
    assert_true(month_parse(m, strlen(m), &v));
    return v;
}

/* A month of spend of one item, an office-holder's expense or not. */
static void spend_month(struct store *s, const char *month, bool office_holder)
{
    char date[11];
    snprintf(date, sizeof date, "%s-03", month);
    struct spend_item it = {.txn = "P-1",
                            .date = date,
                            .body_name = "PCC",
                            .supplier = "Rail plc",
                            .expense_type = "Travel and subsistence",
                            .service_area = "Office",
                            .purpose = "Rail fare",
                            .vfm = "",
                            .amount_pence = 8620,
                            .line = 2,
                            .office_holder = office_holder};
    struct spend_month m = {SPEND_PCC, "", &it, 1};
    snprintf(m.month, sizeof m.month, "%s", month);
    struct spend_source src = {"spend.csv",
                               "0000000000000000000000000000000000000000000000000000000000000000"};
    struct spend_outcome out;
    struct buf err = BUF_INIT;
    assert_int_equal(store_spend_publish(s, &m, 1, NULL, &src, &by, false, &out, &err), 0);
    buf_free(&err);
}

static void count_item(void *arg, enum spend_body body, int version, const struct spend_item *it)
{
    (void)body, (void)version;
    assert_true(it->office_holder);
    ++*(int *)arg;
}

/* The grants item (3(f)) is published when a round's decision is, and
 * covers the month of its latest award; the travel item (3(h)) by the
 * months of spend with office-holders' expenses in them, whatever the
 * amount (a month without any says nothing of them). */
static void calendar_reads_grants_and_expenses(void **state)
{
    struct fixture_env *e = *state;
    struct tr_item items[] = {
        {"grants",
         "Grants",
         "SIO 3(f)",
         "PCC",
         {TR_MONTHLY, 20, CLOCK_WORKING_DAYS},
         "/grants",
         TR_REGISTER_GRANTS,
         ""},
        {"travel",
         "Travel",
         "SIO 3(h)",
         "PCC",
         {TR_QUARTERLY, 20, CLOCK_WORKING_DAYS},
         "/spend/expenses",
         TR_REGISTER_EXPENSES,
         ""},
    };
    struct buf err = BUF_INIT;
    char sha[65];
    memset(sha, 'a', 64), sha[64] = 0;
    int64_t id = 0;
    assert_int_equal(store_tr_load(e->s, "t.csv", sha, items, 2, &by, &id, &err), 0);
    assert_string_equal(tr_register_name(TR_REGISTER_GRANTS), "grants");
    assert_string_equal(tr_register_name(TR_REGISTER_EXPENSES), "expenses");

    award(e, 1000000, NULL, "Blaby", false);
    decide(e, false);
    struct tr_history g = history_of(e->s, "grants");
    assert_int_equal(g.last_published, DATE_NONE); /* decided, not published */
    assert_int_equal(g.covered, -1);
    assert_int_equal(store_decision_publish(e->s, "FUND/R1", &as_off, &err), 0);
    g = history_of(e->s, "grants");
    assert_int_not_equal(g.last_published, DATE_NONE);
    assert_int_equal(g.covered, month_of("2024-06")); /* awarded 1 June 2024 */

    spend_month(e->s, "2024-07", false);
    struct tr_history t = history_of(e->s, "travel");
    assert_int_equal(t.last_published, DATE_NONE);
    spend_month(e->s, "2024-08", true);
    spend_month(e->s, "2024-09", false);
    t = history_of(e->s, "travel");
    assert_int_not_equal(t.last_published, DATE_NONE);
    assert_int_equal(t.covered, month_of("2024-08"));

    struct spend_filter f;
    spend_filter_default(&f);
    f.office_holder = SPEND_HOLDER_ONLY;
    int n = 0;
    assert_int_equal(store_spend_items(e->s, &f, count_item, &n, &err), 0);
    assert_int_equal(n, 1); /* £86.20: under £500, and shown */
    buf_free(&err);
}

static void payments_then_returns(void **state)
{
    payments_never_exceed_the_award(state);
    a_payment_made_in_error_is_reversed(state);
    an_overdue_return_is_on_the_overdue_list(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(payments_then_returns, setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(two_payments_racing_are_one_after_the_other, setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(statistics_and_the_public_list, setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(calendar_reads_grants_and_expenses, setup,
                                        fixture_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
