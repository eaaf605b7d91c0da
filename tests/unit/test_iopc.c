/*
 * test_iopc.c - the Order's item 7C (model/iopc.h, ingest/iopc_file.h,
 * store/iopc.h, assess/complaints_data.h) on a tiny store: a figure read
 * strictly; a bulletin's every problem reported with its line and field,
 * nothing kept; a quarter loaded once, corrected only with a reason, never
 * changed, one force a store; the Office's assessment counted from its
 * review cases (received, in time, decided, upheld, within the standard,
 * the median) with small numbers suppressed; and the transparency
 * calendar's complaints item published by the quarter's load.
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

#include "assess/complaints_data.h"
#include "fixtures.h"
#include "ingest/iopc_file.h"
#include "ingest/plan_file.h"
#include "ingest/victims_code_file.h"
#include "model/victims_code.h"
#include "store/concerns.h"
#include "store/iopc.h"
#include "store/plans.h"
#include "store/transparency.h"
#include "util/month.h"
#include "util/sha256.h"

static const struct audit_origin by = {"cli:tester", "peel iopc ..."};

#define HEADER "force,from,to,measure,breakdown,value,last_year,similar_forces,england_and_wales\n"
#define ROW    "leicestershire,2026-04-01,2026-06-30,"

static int D(const char *text)
{
    int d = DATE_NONE;
    if (!date_parse(text, strlen(text), &d))
        fail_msg("not a date: %s", text);
    return d;
}

static void figures_are_read_strictly(void **state)
{
    (void)state;
    const struct iopc_measure *count = iopc_measure_named("cases_logged");
    const struct iopc_measure *pct = iopc_measure_named("reviews_upheld_lpb_percent");
    assert_non_null(count);
    assert_null(iopc_measure_named("cases_loged"));
    /* the first list's code reads as the measure that renamed it */
    assert_string_equal(pct->code, "reviews_not_reasonable_lpb_percent");
    assert_int_equal(pct->unit, IOPC_PERCENT);
    /* and the IOPC's own heading for the code */
    assert_string_equal(
        iopc_measure_named("number of valid complaint cases finalised under Schedule 3")->code,
        "cases_finalised_schedule_3");
    double v;
    int dp;
    assert_null(iopc_figure_parse("412", count, IOPC_FORCE, &v, &dp));
    assert_true(v == 412 && dp == 0);
    assert_null(iopc_figure_parse("12.25", pct, IOPC_FORCE, &v, &dp));
    assert_true(v == 12.25 && dp == 2);
    assert_non_null(iopc_figure_parse("41.2", count, IOPC_FORCE, &v, &dp));
    assert_null(iopc_figure_parse("41.2", count, IOPC_SIMILAR, &v, &dp)); /* an average */
    const char *bad[] = {"", "-1", "1,200", "12%", "1.", ".5", "1.23456", "1e3", "100000000000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (!iopc_figure_parse(bad[i], pct, IOPC_FORCE, &v, &dp))
            fail_msg("accepted \"%s\"", bad[i]);
    assert_non_null(iopc_figure_parse("100.5", pct, IOPC_FORCE, &v, &dp));
}

static void every_problem_is_named(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    const char bad[] = HEADER ROW "cases_loged,,412,,,\n" ROW "cases_logged,,41.2,,,\n"
                                  "leicestershire,2026-04-01,2026-06-31,days_to_log,,3,,,\n" ROW
                                  "days_to_log,by category,3,,,\n"
                                  "kent,2026-04-01,2026-06-30,days_to_log,,3,,,\n" ROW
                                  "cases_logged,,7,,,\n" ROW "cases_logged,,8,,,\n";
    char *path = fixture_write(dir, "bad.csv", bad, sizeof bad - 1);
    struct iopc_bulletin b;
    struct buf err = BUF_INIT;
    assert_int_equal(iopc_file_read(path, &b, &err), -1);
    assert_int_equal(b.n, 0);
    const char *expect[] = {"bad.csv:2: measure",   "bad.csv:3: value", "bad.csv:4: to",
                            "bad.csv:5: breakdown", "bad.csv:6: force", "bad.csv:8: measure"};
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++)
        if (!strstr(buf_str(&err), expect[i]))
            fail_msg("no \"%s\" in:\n%s", expect[i], buf_str(&err));
    free(path);
    /* the bulletin's names: SPLY, MSF and National for the comparisons,
     * the IOPC's heading for a measure, a renamed code for its successor */
    const char words[] =
        "force,from,to,measure,breakdown,value,SPLY,MSF,National\n" ROW
        "Number of valid complaint cases finalised outside of Schedule 3,,7,,,\n" ROW
        "reviews_upheld_iopc_percent,,12.5,,,\n";
    path = fixture_write(dir, "words.csv", words, sizeof words - 1);
    buf_reset(&err);
    assert_int_equal(iopc_file_read(path, &b, &err), 0);
    assert_int_equal(b.n, 2);
    assert_string_equal(b.rows[0].measure, "cases_finalised_outside_schedule_3");
    assert_string_equal(b.rows[1].measure, "reviews_not_reasonable_iopc_percent");
    iopc_bulletin_free(&b);
    free(path);
    buf_free(&err);
    fixture_rmtree(dir);
    free(dir);
}

struct fx {
    char *dir;
    struct store *s;
    sqlite3 *peek;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    f->s = fixture_store_open(f->dir, &f->peek);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_store_close(f->s, f->peek, f->dir);
    free(f);
    return 0;
}

/* Loads text as file name, a quarter or (annual) a year; the answer of
 * store_iopc_load or store_iopc_load_year. */
static int load_span(struct fx *f, const char *name, const char *text, const char *reason,
                     bool annual, struct buf *err)
{
    char *path = fixture_write(f->dir, name, text, strlen(text));
    struct iopc_bulletin b;
    if (iopc_file_read(path, &b, err) != 0)
        fail_msg("%s", buf_str(err));
    char sha[SHA256_HEX_SIZE];
    sha256_of(text, strlen(text), sha);
    struct iopc_source src = {name, sha, "https://www.policeconduct.gov.uk/b", reason, NULL};
    int quarter, version;
    int rc = annual ? store_iopc_load_year(f->s, &b, &src, &by, &quarter, &version, err)
                    : store_iopc_load(f->s, &b, &src, &by, &quarter, &version, err);
    iopc_bulletin_free(&b);
    free(path);
    return rc;
}

static int load(struct fx *f, const char *name, const char *text, const char *reason,
                struct buf *err)
{
    return load_span(f, name, text, reason, false, err);
}

/* The annual statistics: a financial year's file is kept beside the
 * quarters, in its own versions; a file of another period is refused. */
static void a_year_is_kept_beside_the_quarters(void **state)
{
    struct fx *f = *state;
    struct buf err = BUF_INIT;
    const char quarter[] = HEADER ROW "cases_logged,,412,398,380.5,\n";
    assert_int_equal(load_span(f, "q.csv", quarter, NULL, true, &err), IOPC_REFUSED);
    assert_non_null(strstr(buf_str(&err), "from 1 April to 31 March"));
    const char year[] = HEADER "leicestershire,2025-04-01,2026-03-31,cases_logged,,1604,1533,"
                               "1490.5,2110\n";
    assert_int_equal(load_span(f, "y.csv", year, NULL, true, &err), 0);
    assert_int_equal(load_span(f, "y.csv", year, "again", true, &err), IOPC_REFUSED);
    assert_int_equal(load(f, "q.csv", quarter, NULL, &err), 0); /* its own version 1 */
    int fy;
    assert_true(period_parse("2025-26", PERIOD_YEAR, &fy));
    struct table t;
    assert_int_equal(complaints_year_table(f->s, fy, &t, &err), 0);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(table_cell(&t, 0, 3)->i, 1604);
    assert_true(table_cell(&t, 0, 5)->r == 1490.5);
    table_free(&t);
    assert_int_equal(complaints_years_table(f->s, &t, &err), 0);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(table_cell(&t, 0, 0)->text, "2025-26");
    table_free(&t);
    assert_int_equal(complaints_quarters_table(f->s, &t, &err), 0);
    assert_int_equal(t.nrows, 1); /* the quarter only */
    table_free(&t);
    assert_true(period_parse("2024-25", PERIOD_YEAR, &fy));
    assert_int_equal(complaints_year_table(f->s, fy, &t, &err), IOPC_UNKNOWN);
    table_free(&t);
    buf_free(&err);
}

static void first_value(void *arg, const struct iopc_figure_view *v)
{
    if (!*(const char **)arg)
        *(char **)arg = strdup(v->value);
}

static void a_quarter_is_kept_and_corrected_with_a_reason(void **state)
{
    struct fx *f = *state;
    struct buf err = BUF_INIT;
    const char v1[] = HEADER ROW "cases_logged,,412,398,380.5,\n";
    const char v2[] = HEADER ROW "cases_logged,,413,398,380.5,\n";
    assert_int_equal(load(f, "q1.csv", v1, NULL, &err), 0);
    assert_int_equal(load(f, "q1.csv", v1, "again", &err), IOPC_REFUSED);
    assert_non_null(strstr(buf_str(&err), "same file"));
    buf_reset(&err);
    assert_int_equal(load(f, "q1b.csv", v2, NULL, &err), IOPC_REFUSED);
    assert_non_null(strstr(buf_str(&err), "--reason"));
    buf_reset(&err);
    assert_int_equal(load(f, "q1b.csv", v2, "the IOPC corrected its bulletin", &err), 0);
    int quarter;
    assert_true(period_parse("2026-27 Q1", PERIOD_QUARTER, &quarter));
    char *value = NULL;
    assert_int_equal(store_iopc_figures(f->s, quarter, first_value, &value, &err), 0);
    assert_string_equal(value, "413");
    free(value);
    const char kent[] = "force,from,to,measure,breakdown,value,last_year,similar_forces,"
                        "england_and_wales\nkent,2026-07-01,2026-09-30,cases_logged,,1,,,\n";
    assert_int_equal(load(f, "kent.csv", kent, NULL, &err), IOPC_REFUSED);
    assert_non_null(strstr(buf_str(&err), "leicestershire"));
    /* published figures never change, whatever SQL says */
    assert_int_not_equal(
        sqlite3_exec(f->peek, "UPDATE iopc_figure SET value = '1'", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM iopc_load"), 2);
    buf_free(&err);
}

static void review(struct fx *f, struct vault *v, const char *received, const char *outcome,
                   const char *decided, const char *decision)
{
    struct concern_new c = {CONCERN_REVIEW,         "web", D(received), D(outcome),
                            {DATE_NONE, DATE_NONE}, {0},   NULL};
    struct concern_made m;
    struct buf err = BUF_INIT;
    if (store_concern_add(f->s, v, &c, &by, &m, &err) != 0 ||
        (decided &&
         store_concern_event(f->s, m.ref, "decided", D(decided), decision, &by, &err) != 0))
        fail_msg("%s", buf_str(&err));
    buf_free(&err);
}

static const char *cell(const struct table *t, const char *measure)
{
    static char text[32];
    for (size_t r = 0; r < t->nrows; r++)
        if (strcmp(table_cell(t, r, 1)->text, measure) == 0) {
            struct buf b = BUF_INIT;
            table_cell_text(table_cell(t, r, 2), false, &b);
            snprintf(text, sizeof text, "%s", buf_str(&b));
            buf_free(&b);
            return text;
        }
    fail_msg("no row %s", measure);
    return NULL;
}

static void the_assessment_counts_the_quarters_reviews(void **state)
{
    struct fx *f = *state;
    struct buf err = BUF_INIT;
    struct vault *v = vault_open(f->s, NULL, &by, &err);
    assert_non_null(v);
    /* Q1 2026-27 is April to June 2026 */
    review(f, v, "2026-03-20", "2026-03-01", "2026-04-14", "not-reasonable"); /* decided in Q1 */
    review(f, v, "2026-04-01", "2026-03-20", "2026-04-29", "reasonable");     /* in time */
    review(f, v, "2026-04-02", "2026-03-20", "2026-06-30", "reasonable");     /* late decision */
    review(f, v, "2026-05-05", "2026-03-01", NULL, NULL);                     /* late application */
    review(f, v, "2026-05-06", "2026-05-01", "2026-05-20", "not-reasonable");
    review(f, v, "2026-05-07", "2026-05-01", "2026-05-21", "reasonable");
    review(f, v, "2026-07-01", "2026-06-20", NULL, NULL); /* Q2 */
    vault_close(v);
    int quarter;
    assert_true(period_parse("2026-27Q1", PERIOD_QUARTER, &quarter));
    struct review_assessment a;
    assert_int_equal(store_review_assessment(f->s, quarter, &a, &err), 0);
    assert_int_equal(a.received, 5);
    assert_int_equal(a.in_time, 4);
    assert_int_equal(a.late, 1);
    assert_int_equal(a.decided, 5);
    assert_int_equal(a.upheld, 2);
    assert_int_equal(a.not_upheld, 3);
    assert_int_equal(a.within, 4);
    assert_int_equal(a.outside, 1);
    /* working days to decide, Easter (2026-04-03 and -06) left out: 15, 18,
     * 61, 10 and 10; the median is 15 */
    assert_true(a.median_days == 15);
    /* as published: the groups of small counts suppressed, the median shown */
    const char q1[] = HEADER ROW "cases_logged,,412,,,\n";
    assert_int_equal(load(f, "q1.csv", q1, NULL, &err), 0);
    struct table iopc, own;
    assert_int_equal(complaints_quarter_tables(f->s, quarter, &iopc, &own, &err), 0);
    assert_string_equal(cell(&own, "reviews_received"), "5");
    assert_string_equal(cell(&own, "reviews_in_time"), "<5");
    assert_string_equal(cell(&own, "reviews_late"), "<5");
    assert_string_equal(cell(&own, "reviews_upheld"), "<5");
    assert_string_equal(cell(&own, "reviews_not_upheld"), "<5");
    assert_string_equal(cell(&own, "median_working_days_to_decide"), "15");
    table_free(&iopc);
    table_free(&own);
    /* a quarter with no IOPC figures has no page */
    assert_true(period_parse("2026-27Q2", PERIOD_QUARTER, &quarter));
    assert_int_equal(complaints_quarter_tables(f->s, quarter, &iopc, &own, &err), IOPC_UNKNOWN);
    table_free(&iopc);
    table_free(&own);
    buf_free(&err);
}

static void item(void *arg, const struct tr_item_view *v)
{
    *(struct tr_history *)arg = v->history;
}

static void the_calendar_item_is_published_by_the_load(void **state)
{
    struct fx *f = *state;
    struct buf err = BUF_INIT;
    struct tr_item it = {"complaints-data",
                         "IOPC data",
                         "SIO 7C(a)",
                         "Commissioner",
                         {TR_QUARTERLY, 30, CLOCK_WORKING_DAYS},
                         "/complaints",
                         TR_REGISTER_COMPLAINTS,
                         ""};
    int64_t id;
    assert_int_equal(store_tr_load(f->s, "t.csv",
                                   "0000000000000000000000000000000000000000000"
                                   "000000000000000000000",
                                   &it, 1, &by, &id, &err),
                     0);
    struct tr_history h;
    assert_int_equal(store_tr_items(f->s, item, &h, &err), 1);
    assert_int_equal(h.covered, -1);
    assert_int_equal(h.last_published, DATE_NONE);
    const char q1[] = HEADER ROW "cases_logged,,412,,,\n";
    assert_int_equal(load(f, "q1.csv", q1, NULL, &err), 0);
    assert_int_equal(store_tr_items(f->s, item, &h, &err), 1);
    int quarter;
    assert_true(period_parse("2026-27Q1", PERIOD_QUARTER, &quarter));
    assert_int_equal(h.covered, quarter);
    assert_int_equal(h.last_published, date_today());
    assert_int_equal(
        store_tr_publish(f->s, "complaints-data", date_today(), quarter, "x", &by, &err),
        TR_KEPT_BY_REGISTER);
    buf_free(&err);
}

static void keep_first_value(void *arg, const struct metric_value *v)
{
    double *out = arg;
    if (*out < 0)
        *out = v->value;
}

/* The Victims' Code measure: the force's compliance audit, checked whole
 * (a bad row names its line and field, and nothing is stored), computed
 * per quarter as entitlements met over entitlements checked. */
static void the_victims_code_measure_is_computed_from_the_audit(void **state)
{
    struct fx *f = *state;
    static const char plan[] =
        "id: p\ntitle: P\nforce: leicestershire\nperiod: {from: 2024-05, to: 2029-03}\n"
        "vision: V\nmissions:\n  - id: m\n    title: M\n    summary: S\n    strategies:\n"
        "      - id: s\n        title: S\n        success: S\n        delivery: D\n"
        "        measure: M\n        metrics:\n          - id: victim-code-compliance\n"
        "            title: VCOP\n            source: local-data\n            unit: percent\n"
        "            polarity: higher-is-better\n            frequency: quarterly\n"
        "            loaded: true\n";
    struct store *s = f->s; /* the plan saved into the fixture's store */
    struct buf err = BUF_INIT;
    struct plan p;
    struct plan_version pv;
    bool unchanged;
    struct data_load pf = {.path = "p.yaml", .sha256 = AUDIT_GENESIS};
    assert_true(plan_parse_string("p.yaml", plan, &p, &err));
    assert_int_equal(store_plan_save(s, &p, "h", &pf, &pv, &unchanged, &err), 0);
    plan_free(&p);
    struct metric_load_counts n;
    const char bad[] = "quarter,area,checked,met\n2025-26 Q1,acknowledgement,120,121\n"
                       "2025-26 Q1,feelings,10,1\n";
    char *file = fixture_write(f->dir, "bad.csv", bad, strlen(bad));
    assert_int_equal(victims_code_file_load(s, file, NULL, NULL, &n, &err), 2);
    assert_non_null(strstr(buf_str(&err), "bad.csv:2: met:"));
    assert_non_null(strstr(buf_str(&err), "bad.csv:3: area:"));
    free(file);
    const char good[] = "quarter,area,checked,met\n2025-26 Q1,acknowledgement,120,111\n"
                        "2025-26 Q1,vps,80,49\n2025-26 Q2,referral,50,45\n";
    file = fixture_write(f->dir, "good.csv", good, strlen(good));
    buf_reset(&err);
    assert_int_equal(victims_code_file_load(s, file, NULL, NULL, &n, &err), 0);
    assert_int_equal(n.read, 2);
    assert_int_equal(n.added, 2);
    free(file);
    int q1;
    assert_true(period_parse("2025-26 Q1", PERIOD_QUARTER, &q1));
    double value = -1;
    assert_int_equal(store_metric_values(s, VICTIMS_CODE_METRIC, "", PERIOD_QUARTER, q1,
                                         keep_first_value, &value, &err),
                     0);
    assert_true(value == 100.0 * 160 / 200); /* (111 + 49) of (120 + 80) */
    assert_int_equal(victims_code_file_load(s, "/nonexistent.csv", "no-such", NULL, &n, &err), 2);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_victims_code_measure_is_computed_from_the_audit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_year_is_kept_beside_the_quarters, setup, teardown),
        cmocka_unit_test(figures_are_read_strictly),
        cmocka_unit_test(every_problem_is_named),
        cmocka_unit_test_setup_teardown(a_quarter_is_kept_and_corrected_with_a_reason, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_assessment_counts_the_quarters_reviews, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_calendar_item_is_published_by_the_load, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
