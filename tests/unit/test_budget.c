/*
 * test_budget.c - the budget register on hand-made files: a good budget
 * file published as a version per year, read back in the file's order;
 * the same file again publishes nothing; a changed year refused without a
 * reason and published as the next version with one, the old version
 * kept; every kind of bad row named by file, line and field with nothing
 * stored, and a stated total that does not add up; the precept's steps in
 * order with their clocks due on 1, 8 and 15 February; a strategy's
 * versions and the plan metric computed from them; the transparency
 * calendar's budget item read from the register.
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

#include "assess/series.h"
#include "fixtures.h"
#include "ingest/budget_file.h"
#include "model/calendar.h"
#include "store/clocks.h"
#include "store/plans.h"
#include "store/store.h"
#include "store/transparency.h"
#include "util/month.h"

static const struct audit_origin by = {"cfo", "test"};

/* Imports text as name; the exit status, problems into err. */
static int import(struct fixture_env *f, const char *name, const char *text, const char *reason,
                  int **versions, struct buf *err)
{
    char *path = fixture_write(f->dir, name, text, strlen(text));
    struct budget_file_options o = {.reason = reason};
    struct budget_file bf;
    int *v = NULL;
    buf_reset(err);
    int rc = budget_file_import(f->s, path, &o, &by, &bf, &v, err);
    budget_file_free(&bf);
    if (versions)
        *versions = v;
    else
        free(v);
    free(path);
    return rc;
}

static const char good[] = "Financial Year,Budget Heading,Amount (\xc2\xa3)\r\n"
                           "2025-26,Police Officer Pay & Allowances,\"1,000.00\"\r\n"
                           "2025-26,Commissioning,250.50\r\n"
                           "2024-25,Police Officer Pay & Allowances,900\r\n"
                           "2025-26,Total,\"1,250.50\"\r\n";

struct got {
    char text[512];
};

static void take_line(void *arg, const struct budget_line *l)
{
    struct got *g = arg;
    size_t n = strlen(g->text);
    snprintf(g->text + n, sizeof g->text - n, "%s=%lld@%ld;", l->heading,
             (long long)l->amount_pence, l->line);
}

static void a_good_file_is_published_a_version_a_year(void **state)
{
    struct fixture_env *f = *state;
    struct buf err = BUF_INIT;
    int *v;
    assert_int_equal(import(f, "b.csv", good, NULL, &v, &err), 0);
    assert_int_equal(v[0], 1); /* 2025-26, first seen */
    assert_int_equal(v[1], 1);
    free(v);
    struct got g = {""};
    assert_int_equal(store_budget_lines(f->s, 2025, 0, take_line, &g, &err), 1);
    assert_string_equal(g.text, "Police Officer Pay & Allowances=100000@2;Commissioning=25050@3;");
    assert_int_equal(fixture_count(f->db, "SELECT total_pence FROM budget_version WHERE fy ="
                                          " 2025"),
                     125050);
    /* the same file again: nothing new */
    assert_int_equal(import(f, "b.csv", good, NULL, &v, &err), 0);
    assert_int_equal(v[0] + v[1], 0);
    free(v);
    /* a changed year: refused without a reason, nothing written */
    const char changed[] = "year,heading,amount\n2025-26,Police Officer Pay & Allowances,1100\n"
                           "2025-26,Commissioning,250.50\n";
    assert_int_equal(import(f, "c.csv", changed, NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "c.csv: 2025-26: version 2 would replace version 1"));
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM budget_version"), 2);
    assert_int_equal(import(f, "c.csv", changed, "Pay award", &v, &err), 0);
    assert_int_equal(v[0], 2);
    free(v);
    g.text[0] = '\0';
    assert_int_equal(store_budget_lines(f->s, 2025, 1, take_line, &g, &err), 1);
    assert_non_null(strstr(g.text, "=100000@2"));
    g.text[0] = '\0';
    assert_int_equal(store_budget_lines(f->s, 2025, 0, take_line, &g, &err), 2);
    assert_non_null(strstr(g.text, "=110000@2"));
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM audit WHERE action ="
                                          " 'budget.publish'"),
                     3);
    buf_free(&err);
}

static void every_bad_row_is_named_and_nothing_is_stored(void **state)
{
    struct fixture_env *f = *state;
    struct buf err = BUF_INIT;
    const struct {
        const char *text, *says;
    } bad[] = {
        {"year,heading,amount\n2025/26x,Pay,1\n", "b.csv:2: year: '2025/26x' is not a financial"},
        {"year,heading,amount\n2025-26,Pay,1.234\n", "b.csv:2: amount: '1.234' is not an amount"},
        {"year,heading,amount\n2025-26,,1\n", "b.csv:2: heading: empty"},
        {"year,heading,amount\n2025-26,Pay,1\n2025-26,Pay,2\n",
         "b.csv:3: heading: 'Pay' is also on line 2"},
        {"year,heading,amount\n2025-26,Pay,1\n2025-26,Total,3\n",
         "b.csv:3: amount: 2025-26's total is \xc2\xa3"
         "3.00, but its headings add up to"},
        {"year,heading,amount\n2025-26,Pay,1\n2025-26,Total,1\n2025-26,Total,1\n",
         "b.csv:4: heading: a second total"},
        {"year,amount\n2025-26,1\n", "b.csv:1: no heading column"},
        {"year,heading,amount\n", "b.csv:1: no budget lines after the header"},
        {"", "b.csv:1: empty file"},
        {"year,heading,amount\n2025-26,\xff,1\n", "b.csv:2: heading: not UTF-8"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (import(f, "b.csv", bad[i].text, NULL, NULL, &err) != 2 ||
            !strstr(buf_str(&err), bad[i].says))
            fail_msg("case %zu: wanted '%s', got '%s'", i, bad[i].says, buf_str(&err));
    }
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM budget_version"), 0);
    buf_free(&err);
}

static int due_of(struct fixture_env *f, const char *subject)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT julianday(start_date) - julianday('1970-01-01') + days - 1 FROM clock"
             " WHERE subject = '%s'",
             subject);
    return (int)fixture_count(f->db, sql);
}

static int ymd(int y, int m, int d)
{
    int date;
    assert_true(date_from_ymd(y, m, d, &date));
    return date;
}

static void the_precept_follows_the_panel_timetable(void **state)
{
    struct fixture_env *f = *state;
    struct buf err = BUF_INIT;
    struct precept_step p = {.fy = 2025, .kind = PRECEPT_PANEL_REPORT, .on = ymd(2025, 2, 6)};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), PRECEPT_OUT_OF_ORDER);
    p = (struct precept_step){.fy = 2025, .kind = PRECEPT_PROPOSED, .on = ymd(2025, 1, 20)};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), PRECEPT_BAD); /* no Band D */
    p.kind = PRECEPT_OPENED, p.on = ymd(2024, 12, 1);
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), 0);
    assert_int_equal(due_of(f, "precept:2025-26:notify"), ymd(2025, 2, 1));
    p = (struct precept_step){
        .fy = 2025, .kind = PRECEPT_PROPOSED, .on = ymd(2025, 1, 24), .band_d_pence = 30015};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), 0);
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), PRECEPT_DONE_ALREADY);
    assert_int_equal(due_of(f, "precept:2025-26:report"), ymd(2025, 2, 8));
    p = (struct precept_step){.fy = 2025, .kind = PRECEPT_ISSUED, .on = ymd(2025, 2, 5)};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), PRECEPT_OUT_OF_ORDER);
    p = (struct precept_step){
        .fy = 2025, .kind = PRECEPT_PANEL_REPORT, .on = ymd(2025, 2, 7), .veto = true};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), 0);
    assert_int_equal(due_of(f, "precept:2025-26:revise"), ymd(2025, 2, 15));
    p = (struct precept_step){.fy = 2025, .kind = PRECEPT_ISSUED, .on = ymd(2025, 2, 9)};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), PRECEPT_OUT_OF_ORDER);
    p = (struct precept_step){
        .fy = 2025, .kind = PRECEPT_REVISED, .on = ymd(2025, 2, 14), .band_d_pence = 29990};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), 0);
    p = (struct precept_step){.fy = 2025, .kind = PRECEPT_ISSUED, .on = ymd(2025, 2, 20)};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), 0);
    /* every clock completed, each on its step's day */
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM clock_event WHERE kind ="
                                          " 'complete'"),
                     3);
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM precept_step"), 5);
    /* a late start is due at once, not refused */
    p = (struct precept_step){.fy = 2026, .kind = PRECEPT_OPENED, .on = ymd(2026, 2, 3)};
    assert_int_equal(store_precept_step(f->s, &p, &by, &err), 0);
    assert_int_equal(due_of(f, "precept:2026-27:notify"), ymd(2026, 2, 1));
    buf_free(&err);
}

static const char plan_yaml[] =
    "id: p\ntitle: P\nforce: leicestershire\nperiod: {from: 2024-05, to: 2029-03}\n"
    "vision: V\nmissions:\n  - id: m\n    title: M\n    strategies:\n"
    "      - id: s\n        title: S\n        success: a\n        delivery: b\n"
    "        measure: c\n        metrics:\n"
    "          - id: mtfs\n            title: Published Medium Term Financial Strategy\n"
    "            source: local-data\n            unit: yes-no\n"
    "            polarity: higher-is-better\n            frequency: annual\n"
    "            definition: {measure: published-mtfs}\n";

static int mtfs(struct store *s, const char *dir, const char *text, const char *url,
                const char *reason, int *version, struct buf *err)
{
    char *path = fixture_write(dir, "m.csv", text, strlen(text));
    struct budget_file_options o = {.reason = reason};
    buf_reset(err);
    int rc = mtfs_file_import(s, path, &o, "MTFS", url, ymd(2024, 2, 10), &by, version, err);
    free(path);
    return rc;
}

static void strategies_are_versioned_and_feed_the_plan_metric(void **state)
{
    struct fixture_env *f = *state;
    struct buf err = BUF_INIT;
    char *db = malloc(strlen(f->dir) + 16);
    sprintf(db, "%s/plan.db", f->dir);
    struct store *s = fixture_plan_store(db, plan_yaml);
    struct plan p;
    struct plan_version which;
    assert_int_equal(store_plan_read(s, NULL, 0, &p, &which, &err), 0);
    const struct plan_metric *m = &p.missions[0].strategies[0].metrics[0];
    assert_int_equal(m->def.measure, MEASURE_PUBLISHED_MTFS); /* as stored and read back */
    struct metric_series ser;
    assert_int_equal(metric_series_read(s, &p, m, -1, &ser, &err), 0);
    assert_int_equal(ser.n, 0); /* no strategy yet: no data, not "no" */
    int version;
    const char file[] = "Year,Net budget requirement,Total funding\n2025-26,110,100\n"
                        "2024-25,100,100\n2026-27,120,105\n";
    assert_int_equal(mtfs(s, f->dir, "Year,requirement,funding\n2024-25,1,1\n2026-27,1,1\n", "u",
                          NULL, &version, &err),
                     2);
    assert_non_null(strstr(buf_str(&err), "m.csv:3: year: 2026-27 does not follow"));
    assert_int_equal(mtfs(s, f->dir, file, "https://x/m.pdf", NULL, &version, &err), 0);
    assert_int_equal(version, 1);
    assert_int_equal(mtfs(s, f->dir, file, "https://x/m.pdf", NULL, &version, &err), 0);
    assert_int_equal(version, 0); /* unchanged */
    assert_int_equal(mtfs(s, f->dir, file, "https://x/m2.pdf", NULL, &version, &err), 2);
    assert_int_equal(
        mtfs(s, f->dir, file, "https://x/m2.pdf", "The link was wrong", &version, &err), 0);
    assert_int_equal(version, 2);
    assert_int_equal(store_mtfs_published_for(s, 2024, ymd(2025, 3, 31), &err), 1);
    assert_int_equal(store_mtfs_published_for(s, 2024, ymd(2024, 2, 9), &err), 0);
    assert_int_equal(store_mtfs_published_for(s, 2025, ymd(2026, 3, 31), &err), 0);
    /* the plan's years to March 2026: 2024-25 yes, 2025-26 no */
    int until;
    assert_true(month_parse("2026-03", 7, &until));
    assert_int_equal(metric_series_read(s, &p, m, until, &ser, &err), 0);
    assert_int_equal(ser.n, 2);
    assert_int_equal(ser.first, fy_first_month(2024));
    assert_true(ser.values[0] == 1 && ser.values[1] == 0 && !ser.missing[0] && !ser.missing[1]);
    metric_series_free(&ser);
    plan_free(&p);
    store_close(s);
    free(db);
    buf_free(&err);
}

static void take_budget_item(void *arg, const struct tr_item_view *v)
{
    *(int *)arg = v->history.covered;
}

static void the_calendar_reads_the_budget_register(void **state)
{
    struct fixture_env *f = *state;
    struct buf err = BUF_INIT;
    struct tr_item it = {
        "budget",  "Budget",           "SIO 3(a)", "PCC", {TR_BEFORE_YEAR, 0, CLOCK_WORKING_DAYS},
        "/budget", TR_REGISTER_BUDGET, ""};
    int64_t load;
    assert_int_equal(store_tr_load(f->s, "t.csv",
                                   "0000000000000000000000000000000000000000000"
                                   "000000000000000000000",
                                   &it, 1, &by, &load, &err),
                     0);
    int covered = -2;
    assert_int_equal(store_tr_items(f->s, take_budget_item, &covered, &err), 1);
    assert_int_equal(covered, -1); /* nothing published */
    assert_int_equal(import(f, "b.csv", good, NULL, NULL, &err), 0);
    assert_int_equal(store_tr_items(f->s, take_budget_item, &covered, &err), 1);
    assert_int_equal(covered, fy_first_month(2025));
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_good_file_is_published_a_version_a_year,
                                        fixture_env_setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(every_bad_row_is_named_and_nothing_is_stored,
                                        fixture_env_setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(the_precept_follows_the_panel_timetable, fixture_env_setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(strategies_are_versioned_and_feed_the_plan_metric,
                                        fixture_env_setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(the_calendar_reads_the_budget_register, fixture_env_setup,
                                        fixture_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
