/*
 * test_plan.c - plan files: the shipped plan, every kind of error, and
 * versioned storage.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/check.h"
#include "fixtures.h"
#include "ingest/plan_file.h"
#include "store/plans.h"
#include "store/store_internal.h"
#include "util/list.h"

#define SHIPPED PEEL_SOURCE_DIR "/plans/llr-2024-29.yaml"

static const char good[] = "id: p\n"
                           "title: P\n"
                           "period: {from: 2024-05, to: 2029-03}\n"
                           "vision: V\n"
                           "missions:\n"
                           "  - id: m\n"
                           "    title: M\n"
                           "    strategies:\n"
                           "      - id: s\n"
                           "        title: S\n"
                           "        success: a\n"
                           "        delivery: b\n"
                           "        measure: c\n"
                           "        metrics:\n"
                           "          - id: burglary\n"
                           "            title: Burglary\n"
                           "            source: national-measures\n"
                           "            unit: count\n"
                           "            polarity: lower-is-better\n"
                           "            target: {reduction: 13, baseline: 2012-13}\n"
                           "            definition: {crime-types: [Burglary]}\n";

static void the_shipped_plan_loads_whole(void **state)
{
    (void)state;
    struct plan p;
    struct buf err = BUF_INIT;
    assert_true(plan_parse_file(SHIPPED, &p, &err));
    assert_string_equal(p.id, "llr-2024-29");
    assert_int_equal(p.nmissions, 3);
    size_t strategies = 0, metrics = 0, defined = 0;
    for (size_t a = 0; a < p.nmissions; a++) {
        strategies += p.missions[a].nstrategies;
        for (size_t b = 0; b < p.missions[a].nstrategies; b++) {
            const struct plan_strategy *s = &p.missions[a].strategies[b];
            assert_true(strlen(s->success) > 20 && strlen(s->delivery) > 20 &&
                        strlen(s->measure) > 20);
            metrics += s->nmetrics;
            for (size_t c = 0; c < s->nmetrics; c++)
                defined += !s->metrics[c].loaded;
        }
    }
    /* the Performance Framework table of the 2024-29 plan (37), and the
     * IOPC's complaints per 1,000 employees beside it (Order 7C) */
    assert_int_equal(strategies, 14);
    assert_int_equal(metrics, 38);
    assert_int_equal(defined, 10); /* 9 over recorded crime, and the MTFS from the register */
    plan_free(&p);
    buf_free(&err);
}

static void expect_errors(const char *yaml, const char *const *want, size_t n)
{
    struct plan p;
    struct buf err = BUF_INIT;
    assert_false(plan_parse_string("t.yaml", yaml, &p, &err));
    for (size_t i = 0; i < n; i++)
        if (!strstr(err.p, want[i]))
            fail_msg("missing \"%s\" in:\n%s", want[i], err.p);
    buf_free(&err);
}

static char *with(const char *from, const char *to)
{
    const char *at = strstr(good, from);
    assert_non_null(at);
    char *s = malloc(sizeof good + strlen(to));
    size_t head = (size_t)(at - good);
    memcpy(s, good, head);
    strcpy(s + head, to);
    strcat(s, at + strlen(from));
    return s;
}

static void each_error_names_line_and_column(void **state)
{
    (void)state;
    struct {
        const char *from, *to, *want;
    } cases[] = {
        {"polarity: lower-is-better", "polarty: lower-is-better",
         "t.yaml:19:13: metric 'burglary': unknown key 'polarty'"},
        {"source: national-measures", "source: police",
         "t.yaml:17:21: metric 'burglary': 'source' must be one of"},
        {"unit: count", "unit: furlongs", "t.yaml:18:19: metric 'burglary': 'unit' must be one of"},
        {"reduction: 13, baseline: 2012-13", "reduction: lots, baseline: 2012-13",
         /* 12 spaces, "target: {", "reduction: ": lots starts in column 33 */
         "t.yaml:20:33: metric 'burglary': 'lots' is not a number"},
        {"reduction: 13, baseline: 2012-13", "reduction: 13",
         "metric 'burglary': 'baseline' is required"},
        {"definition: {crime-types: [Burglary]}", "loaded: true\n            definition: {}",
         "give either a 'definition' over recorded crime or 'loaded: true'"},
        {"period: {from: 2024-05, to: 2029-03}", "period: 2024",
         "t.yaml:3:9: plan: 'period' must be a mapping"},
        {"vision: V\n", "", "plan: 'vision' is required"},
        {"definition: {crime-types: [Burglary]}", "definition: {area: rural}",
         "'area' must be KEY=VALUE"},
        /* targets: each form, its baseline and its own period */
        {"reduction: 13, baseline: 2012-13", "increase: 25",
         "t.yaml:20:22: metric 'burglary': 'baseline' is required"},
        {"reduction: 13, baseline: 2012-13", "increase: lots, baseline: 2021-22",
         "t.yaml:20:32: metric 'burglary': 'lots' is not a number"},
        {"reduction: 13, baseline: 2012-13", "reduction: 13, increase: 5, baseline: 2012-13",
         "t.yaml:20:22: metric 'burglary': a target has exactly one of reduction, increase, "
         "at-least or at-most"},
        {"reduction: 13, baseline: 2012-13", "baseline: 2012-13",
         "t.yaml:20:22: metric 'burglary': a target has exactly one of"},
        /* "reduction: 13, " is 15 characters from column 22: baseline's value is at 47 */
        {"baseline: 2012-13}", "baseline: by 2012}",
         "t.yaml:20:47: metric 'burglary': 'baseline' must be a financial year, e.g. 2012-13"},
        /* "at-least: 90, " is 14 characters from column 22: baseline's value is at 46 */
        {"reduction: 13, baseline: 2012-13", "at-least: 90, baseline: 2012-13",
         "t.yaml:20:46: metric 'burglary': 'baseline' is for a reduction or an increase, "
         "not a level"},
        {"reduction: 13, baseline: 2012-13", "at-least: 90, by: 2016",
         "t.yaml:20:40: metric 'burglary': 'by' must be a month, YYYY-MM"},
        /* a list: its first item, after "at-most: 3, by: [", stands for it */
        {"reduction: 13, baseline: 2012-13", "at-most: 3, by: [2016-12]",
         "t.yaml:20:39: metric 'burglary': 'by' must be a month, YYYY-MM"},
        {"target: {reduction: 13, baseline: 2012-13}", "target: 13",
         "t.yaml:20:21: metric 'burglary': 'target' must be a mapping (reduction:, increase:, "
         "at-least: or at-most:)"},
        /* a list is located by its first item: libfyaml 0.7 gives collections no mark */
        {"title: M\n", "title: [M]\n", "t.yaml:7:13: mission 'm': 'title' must be text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *yaml = with(cases[i].from, cases[i].to);
        expect_errors(yaml, &cases[i].want, 1);
        free(yaml);
    }
}

static void yaml_syntax_errors_have_positions(void **state)
{
    (void)state;
    const char *want[] = {"t.yaml:2:", "YAML:"};
    expect_errors("id: x\n  bad: [\n", want, 2);
}

static void duplicate_metric_ids_are_refused(void **state)
{
    (void)state;
    char *twice = with("        metrics:\n", "        metrics:\n"
                                             "          - id: burglary\n"
                                             "            title: First\n"
                                             "            source: local-data\n"
                                             "            unit: count\n"
                                             "            polarity: neutral\n"
                                             "            loaded: true\n");
    const char *want[] = {"metric id 'burglary' is used twice (first on line 15)"};
    expect_errors(twice, want, 1);
    free(twice);
}

/* The file the tests' plans are loaded from, as the store records it. */
static const struct data_load t_yaml = {
    .path = "t.yaml",
    .sha256 = "0000000000000000000000000000000000000000000000000000000000000000",
    .bytes = 1,
    .origin = {"peel plan load t.yaml", "me"}};

static void versions_are_kept(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char db[4200];
    snprintf(db, sizeof db, "%s/peel.db", dir);
    struct buf err = BUF_INIT;
    struct store *s = store_open(db, STORE_READ_WRITE, &err);
    assert_non_null(s);
    struct plan p, back;
    assert_true(plan_parse_string("t.yaml", good, &p, &err));
    struct plan_version v;
    bool unchanged;
    assert_int_equal(store_plan_save(s, &p, "hash1", &t_yaml, &v, &unchanged, &err), 0);
    assert_false(unchanged);
    assert_int_equal(v.version, 1);
    assert_int_equal(store_plan_save(s, &p, "hash1", &t_yaml, &v, &unchanged, &err), 0);
    assert_true(unchanged);
    free(p.missions[0].strategies[0].metrics[0].title);
    p.missions[0].strategies[0].metrics[0].title = strdup("Burglary (all)");
    assert_int_equal(store_plan_save(s, &p, "hash2", &t_yaml, &v, &unchanged, &err), 0);
    assert_int_equal(v.version, 2);
    /* both versions read back whole */
    assert_int_equal(store_plan_read(s, "p", 1, &back, &v, &err), 0);
    const struct plan_metric *m = &back.missions[0].strategies[0].metrics[0];
    assert_string_equal(m->title, "Burglary");
    assert_int_equal(m->target.kind, TARGET_REDUCTION);
    assert_float_equal(m->target.value, 13, 1e-12);
    assert_string_equal(m->target.baseline, "2012-13");
    assert_int_equal(m->def.ncrime_types, 1);
    assert_string_equal(m->def.crime_types[0], "Burglary");
    assert_int_equal(m->polarity, POLARITY_LOWER_BETTER);
    plan_free(&back);
    assert_int_equal(store_plan_read(s, NULL, 0, &back, &v, &err), 0);
    assert_int_equal(v.version, 2);
    assert_string_equal(back.missions[0].strategies[0].metrics[0].title, "Burglary (all)");
    plan_free(&back);
    assert_int_equal(store_plan_read(s, "nope", 0, &back, &v, &err), 1);
    /* every load recorded, the unchanged one too (store/loads.h) */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db,
                                        "SELECT group_concat(detail || ' ' || rows || ' ' ||"
                                        " loaded_by, '; ') FROM data_load WHERE kind = 'plan'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0),
                        "p version 1 1 me; p version 1, unchanged 1 me; p version 2 1 me");
    sqlite3_finalize(st);
    plan_free(&p);
    store_close(s);
    fixture_rmtree(dir);
    free(dir);
    buf_free(&err);
}

/* The good plan with its one metric's target replaced. */
static struct plan parse_target_ok(const char *target)
{
    char *yaml = with("{reduction: 13, baseline: 2012-13}", target);
    struct plan p;
    struct buf err = BUF_INIT;
    if (!plan_parse_string("t.yaml", yaml, &p, &err))
        fail_msg("%s", err.p);
    free(yaml);
    buf_free(&err);
    return p;
}

static void every_target_form_is_read(void **state)
{
    (void)state;
    struct {
        const char *yaml;
        enum target_kind kind;
        double value;
        bool at_most;
        const char *baseline, *by, *text, *described;
    } cases[] = {
        {"{reduction: 13, baseline: 2012-13, text: 13% Reduction in burglary}", TARGET_REDUCTION,
         13, false, "2012-13", NULL, "13% Reduction in burglary", "13% reduction on 2012-13"},
        {"{increase: 25, baseline: 2021-22}", TARGET_INCREASE, 25, false, "2021-22", NULL, NULL,
         "25% increase on 2021-22"},
        {"{at-least: 88, by: 2016-12}", TARGET_LEVEL, 88, false, NULL, "2016-12", NULL,
         "at least 88 by 2016-12"},
        {"{at-most: 2.5}", TARGET_LEVEL, 2.5, true, NULL, NULL, NULL, "at most 2.5"},
        {"{reduction: 2, baseline: 2012-13, by: 2014-03}", TARGET_REDUCTION, 2, false, "2012-13",
         "2014-03", NULL, "2% reduction on 2012-13 by 2014-03"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct plan p = parse_target_ok(cases[i].yaml);
        const struct metric_target *t = &p.missions[0].strategies[0].metrics[0].target;
        assert_int_equal(t->kind, cases[i].kind);
        assert_float_equal(t->value, cases[i].value, 1e-12);
        assert_int_equal(t->at_most, cases[i].at_most);
        if (cases[i].baseline)
            assert_string_equal(t->baseline, cases[i].baseline);
        else
            assert_null(t->baseline);
        if (cases[i].by)
            assert_string_equal(t->by, cases[i].by);
        else
            assert_null(t->by);
        if (cases[i].text)
            assert_string_equal(t->text, cases[i].text);
        else
            assert_null(t->text);
        char out[64];
        assert_string_equal(metric_target_describe(t, out, sizeof out), cases[i].described);
        plan_free(&p);
    }
    /* no target: nothing to say; a short buffer is cut, not overrun */
    struct metric_target none = {0}, level = {.kind = TARGET_LEVEL, .value = 88, .by = "2016-12"};
    char out[12] = "x";
    assert_string_equal(metric_target_describe(&none, out, sizeof out), "");
    assert_string_equal(metric_target_describe(&level, out, sizeof out), "at least 88");
    assert_string_equal(metric_target_describe(&level, out, 6), "at le");
}

/* Every target form, its baseline and its own period survive the store. */
static void targets_round_trip_through_the_store(void **state)
{
    (void)state;
    static const char *const targets[] = {
        "{reduction: 13, baseline: 2012-13, text: 13% Reduction in burglary}",
        "{increase: 25, baseline: 2021-22, by: 2024-03}",
        "{at-least: 88, by: 2016-12, text: 88% by the end of 2016}",
        "{at-most: 3}",
    };
    char *dir = fixture_tmpdir();
    char db[4200];
    snprintf(db, sizeof db, "%s/peel.db", dir);
    struct buf err = BUF_INIT;
    struct store *s = store_open(db, STORE_READ_WRITE, &err);
    assert_non_null(s);
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        struct plan p = parse_target_ok(targets[i]), back;
        struct plan_version v;
        bool unchanged;
        char hash[16];
        snprintf(hash, sizeof hash, "h%zu", i);
        assert_int_equal(store_plan_save(s, &p, hash, &t_yaml, &v, &unchanged, &err), 0);
        assert_int_equal(store_plan_read(s, "p", v.version, &back, &v, &err), 0);
        const struct metric_target *a = &p.missions[0].strategies[0].metrics[0].target;
        const struct metric_target *b = &back.missions[0].strategies[0].metrics[0].target;
        char da[64], dbk[64];
        assert_string_equal(metric_target_describe(b, dbk, sizeof dbk),
                            metric_target_describe(a, da, sizeof da));
        assert_int_equal(b->kind, a->kind);
        assert_int_equal(b->at_most, a->at_most);
        assert_float_equal(b->value, a->value, 1e-12);
        assert_true((a->baseline == NULL) == (b->baseline == NULL));
        assert_true(!a->baseline || strcmp(a->baseline, b->baseline) == 0);
        assert_true((a->by == NULL) == (b->by == NULL));
        assert_true(!a->by || strcmp(a->by, b->by) == 0);
        assert_true((a->text == NULL) == (b->text == NULL));
        assert_true(!a->text || strcmp(a->text, b->text) == 0);
        plan_free(&back);
        plan_free(&p);
    }
    /* a level stored before at-most was told apart reads as it was shown: at
     * most for a lower-is-better metric (the good plan's burglary). Such a
     * row is made by hand, as an older peel wrote it: a stored plan version
     * never changes (migration 9), so its trigger goes first. */
    assert_int_equal(store_exec(s,
                                "DROP TRIGGER plan_metric_kept;"
                                "UPDATE plan_metric SET target_kind = 'level', target_value = 7,"
                                " target_baseline = NULL",
                                &err),
                     0);
    struct plan back;
    struct plan_version v;
    assert_int_equal(store_plan_read(s, "p", 0, &back, &v, &err), 0);
    char out[64];
    assert_string_equal(
        metric_target_describe(&back.missions[0].strategies[0].metrics[0].target, out, sizeof out),
        "at most 7");
    plan_free(&back);
    store_close(s);
    fixture_rmtree(dir);
    free(dir);
    buf_free(&err);
}

/* The plans shipped with Peel: what each holds, counted by hand from the
 * documents (docs/plans.md, "Shipped plans"). */
/* charts: a metric's chart options, read, stored and read back; a plan
 * without them keeps every default (0s). */
static void chart_options_round_trip_through_the_store(void **state)
{
    (void)state;
    char *yaml = with("            definition: {crime-types: [Burglary]}\n",
                      "            definition: {crime-types: [Burglary]}\n"
                      "            charts: {screen-outliers: false, baseline: 18, run-length: 6,"
                      " trend-length: 6, min-points: 15, rebase: [2022-04, 2023-01],"
                      " funnel: phe}\n");
    struct plan p, back, plain;
    struct buf err = BUF_INIT;
    if (!plan_parse_string("t.yaml", yaml, &p, &err))
        fail_msg("%s", err.p);
    assert_true(plan_parse_string("t.yaml", good, &plain, &err));
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    struct plan_version v;
    bool unchanged;
    assert_int_equal(store_plan_save(s, &p, "h1", &t_yaml, &v, &unchanged, &err), 0);
    assert_int_equal(store_plan_read(s, "p", v.version, &back, &v, &err), 0);
    const struct chart_options *c = &back.missions[0].strategies[0].metrics[0].charts;
    assert_int_equal(c->screen, -1);
    assert_int_equal(c->baseline, 18);
    assert_int_equal(c->run_length, 6);
    assert_int_equal(c->trend_length, 6);
    assert_int_equal(c->min_points, 15);
    assert_int_equal(c->funnel, 2); /* 1 + "phe" */
    assert_true(c->rebase_set);
    assert_int_equal(c->nrebase, 2);
    assert_int_equal(c->rebase[0], 2022 * 12 + 3);
    assert_int_equal(c->rebase[1], 2023 * 12);
    struct buf words = BUF_INIT;
    chart_options_describe(c, &words);
    assert_string_equal(words.p, "no outlier screening; limits from the first 18 points; new "
                                 "limits from 2022-04 and 2023-01; runs of 6; trends of 6; "
                                 "judged from 15 points");
    plan_free(&back);
    assert_int_equal(store_plan_save(s, &plain, "h2", &t_yaml, &v, &unchanged, &err), 0);
    assert_int_equal(store_plan_read(s, "p", v.version, &back, &v, &err), 0);
    c = &back.missions[0].strategies[0].metrics[0].charts;
    assert_false(chart_options_spc_chosen(c));
    assert_int_equal(c->funnel, 0);
    plan_free(&back);
    /* each option checked where it is written */
    static const struct {
        const char *charts, *want;
    } bad[] = {
        {"{baseline: 5}", "t.yaml:22:22: metric 'burglary': charts: a fixed baseline needs at "
                          "least 12 points"},
        {"{run-length: 9}", "charts: the run length must be 6, 7 or 8"},
        {"{rebase: [2023-01, 2022-04]}", "rebase months must be ascending"},
        {"{rebase: [April]}", "rebase month 'April' is not YYYY-MM"},
        {"{funnel: wilson}", "'funnel' must be one of spiegelhalter, phe"},
        {"{screen: no}", "unknown key 'screen'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char line[200];
        snprintf(line, sizeof line,
                 "            definition: {crime-types: [Burglary]}\n            charts: %s\n",
                 bad[i].charts);
        char *text = with("            definition: {crime-types: [Burglary]}\n", line);
        expect_errors(text, &bad[i].want, 1);
        free(text);
    }
    buf_free(&words);
    plan_free(&p);
    plan_free(&plain);
    free(yaml);
    buf_free(&err);
    fixture_store_close(s, NULL, dir);
}

static void the_older_shipped_plans_load_whole(void **state)
{
    (void)state;
    struct {
        const char *file, *id;
        size_t missions, strategies, metrics, defined, targets;
    } plans[] = {
        {PEEL_SOURCE_DIR "/plans/llr-2021.yaml", "llr-2021", 2, 17, 31, 11, 2},
        {PEEL_SOURCE_DIR "/plans/llr-2013-17.yaml", "llr-2013-17", 7, 24, 42, 4, 26},
    };
    for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
        struct plan p;
        struct buf err = BUF_INIT;
        if (!plan_parse_file(plans[i].file, &p, &err))
            fail_msg("%s", err.p);
        assert_string_equal(p.id, plans[i].id);
        size_t strategies = 0, metrics = 0, defined = 0, targets = 0;
        for (size_t a = 0; a < p.nmissions; a++) {
            strategies += p.missions[a].nstrategies;
            for (size_t b = 0; b < p.missions[a].nstrategies; b++) {
                const struct plan_strategy *s = &p.missions[a].strategies[b];
                assert_true(*s->success && *s->delivery && *s->measure);
                metrics += s->nmetrics;
                for (size_t c = 0; c < s->nmetrics; c++) {
                    defined += !s->metrics[c].loaded;
                    targets += s->metrics[c].target.kind != TARGET_NONE;
                    /* every target keeps the plan's own words */
                    assert_true(s->metrics[c].target.kind == TARGET_NONE ||
                                s->metrics[c].target.text != NULL);
                }
            }
        }
        assert_int_equal(p.nmissions, plans[i].missions);
        assert_int_equal(strategies, plans[i].strategies);
        assert_int_equal(metrics, plans[i].metrics);
        assert_int_equal(defined, plans[i].defined);
        assert_int_equal(targets, plans[i].targets);
        plan_free(&p);
        buf_free(&err);
    }
}

struct counts {
    int ok, no_data, undefined;
};

static void count(void *arg, const struct check_finding *f)
{
    struct counts *c = arg;
    c->ok += f->status == CHECK_OK;
    c->no_data += f->status == CHECK_NO_DATA;
    c->undefined += f->status == CHECK_UNDEFINED;
}

static void check_says_what_is_missing(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char db[4200];
    snprintf(db, sizeof db, "%s/peel.db", dir);
    struct buf err = BUF_INIT;
    struct store *s = store_open(db, STORE_READ_WRITE, &err);
    struct plan p;
    assert_true(plan_parse_file(SHIPPED, &p, &err));
    struct counts c = {0};
    /* an empty store: the 6 defined metrics naming a crime type and the 2
     * rural ones (no rural_urban grouping loaded) are undefined references;
     * the all-crime positive outcome rate and the 29 loaded metrics have no
     * data */
    int problems = plan_check(s, &p, 2025 * 12, count, &c);
    assert_int_equal(problems, 38);
    assert_int_equal(c.ok, 0);
    assert_int_equal(c.undefined, 8);
    assert_int_equal(c.no_data, 30);
    plan_free(&p);
    store_close(s);
    fixture_rmtree(dir);
    free(dir);
    buf_free(&err);
}

/* fuzz_plan: a key holding a newline made a line of the error output that
 * did not name the file. Quoted text is escaped. */
static void quoted_text_cannot_break_a_message(void **state)
{
    (void)state;
    struct plan p;
    struct buf err = BUF_INIT;
    assert_false(plan_parse_string("t.yaml", "id: x\n\"a\\nb\\tc\": 1\n", &p, &err));
    assert_non_null(strstr(err.p, "t.yaml:2:2: plan: unknown key 'a\\nb\\x09c'"));
    for (const char *line = err.p; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        assert_int_equal(strncmp(line, "t.yaml:", 7), 0);
    buf_free(&err);
}

/* fuzz_plan found that libfyaml 0.7.12 dereferences NULL on a tab after an
 * explicit key ("? x:<TAB>:"): the reader refuses every tab first, saying
 * where it is, and a plan indented with a tab is told so too. */
static void tabs_are_refused_before_the_library(void **state)
{
    (void)state;
    static const struct {
        const char *yaml, *want;
    } cases[] = {
        {"? x:\t:", "tab.yaml:1:5: a tab character: indent and separate with spaces"},
        {"id: x\ntitle: y\n\tvision: z\n",
         "tab.yaml:3:1: a tab character: indent and separate with spaces"},
        {"id: x # a comment\twith a tab\n",
         "tab.yaml:1:18: a tab character: indent and separate with spaces"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct plan p;
        struct buf err = BUF_INIT;
        assert_false(plan_parse_string("tab.yaml", cases[i].yaml, &p, &err));
        assert_string_equal(buf_str(&err), cases[i].want);
        buf_free(&err);
    }
}

/* libfyaml's duplicate-key check is quadratic (20,000 keys: 15.1 s), so
 * it is off and the reader finds a key given twice itself, in one pass,
 * with the place of both, in every mapping it reads; 20,000 keys take
 * well under a second (the test's whole run). */
static void a_key_given_twice_is_refused_in_linear_time(void **state)
{
    (void)state;
    char *twice = with("            unit: count\n", "            unit: count\n"
                                                    "            unit: percent\n");
    const char *want[] = {"t.yaml:19:13: metric 'burglary': 'unit' is given twice (first on "
                          "line 18)"};
    expect_errors(twice, want, 1);
    free(twice);
    const char *top[] = {"t.yaml:2:1: plan: 'id' is given twice (first on line 1)"};
    expect_errors("id: a\nid: b\n", top, 1);
    struct buf many = BUF_INIT;
    buf_puts(&many, good);
    for (int i = 0; i < 20000; i++)
        buf_printf(&many, "k%d: v\n", i % 10000);
    const char *last[] = {"t.yaml:20021:1: plan: 'k9999' is given twice (first on line 10021)",
                          "t.yaml:22:1: plan: unknown key 'k0'"};
    expect_errors(many.p, last, 2);
    buf_free(&many);
}

/* A plan is at most PLAN_MAX_BYTES, and a NUL byte (which would end the
 * text early, silently dropping what follows) is refused with its place. */
static void a_plan_file_is_bounded_text(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char *big = malloc(PLAN_MAX_BYTES + 2);
    memset(big, '#', PLAN_MAX_BYTES + 1);
    big[PLAN_MAX_BYTES + 1] = '\0';
    char *path = fixture_write(dir, "big.yaml", big, PLAN_MAX_BYTES + 1);
    struct buf err = BUF_INIT, text = BUF_INIT;
    struct plan p;
    assert_false(plan_parse_file(path, &p, &err));
    assert_non_null(strstr(buf_str(&err), "big.yaml: larger than the 1048576 bytes"));
    buf_reset(&err);
    assert_false(plan_parse_string("big.yaml", big, &p, &err));
    assert_string_equal(buf_str(&err),
                        "big.yaml: larger than the 1048576 bytes a plan file may be");
    free(path);
    path = fixture_write(dir, "nul.yaml", "id: x\ntitle: a\0b\n", 17);
    buf_reset(&err);
    assert_false(plan_read_file(path, &text, &err));
    assert_non_null(strstr(buf_str(&err), "nul.yaml:2:9: a NUL byte: a plan file is text"));
    buf_free(&err);
    buf_free(&text);
    free(path);
    free(big);
    fixture_rmtree(dir);
    free(dir);
}

/* The services register's and the Safety Fund's keys ("m1", "m2.s3") are
 * named by the plan's titles; anything else is shown as written. */
static void mission_keys_are_named_by_the_plan(void **state)
{
    (void)state;
    struct plan p;
    struct buf err = BUF_INIT, out = BUF_INIT;
    assert_true(plan_parse_string("good", good, &p, &err));
    assert_string_equal(plan_key_title(&p, "m1", 2), "M");
    assert_string_equal(plan_key_title(&p, "m1.s1", 5), "S");
    assert_string_equal(plan_key_title(&p, "m1.s1x", 5), "S"); /* only len bytes */
    static const char *const none[] = {"m2", "m0", "m01", "m1.s2", "m1.", "m1s1", "M1", "m", ""};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        assert_null(plan_key_title(&p, none[i], strlen(none[i])));
    plan_keys_describe(&p, " m1, m1.s1;Youth work ,, m9", &out);
    assert_string_equal(buf_str(&out), "M; S; Youth work; m9");
    buf_reset(&out);
    char bad[8];
    assert_true(plan_keys_normalise(" m2 ;m1,, m2 ,\t", &out, bad, sizeof bad));
    assert_string_equal(buf_str(&out), "m2, m1"); /* trimmed, once each, ", " between */
    buf_reset(&out);
    assert_false(plan_keys_normalise("m1, youth work ,m2", &out, bad, sizeof bad));
    assert_string_equal(bad, "youth w"); /* trimmed, cut to fit */
    buf_free(&out);
    plan_free(&p);
    buf_free(&err);
}

/* list.h's rule, which the keys above follow: items trimmed, empty ones
 * skipped, the cursor left at the end. */
static void list_items_are_trimmed_and_never_empty(void **state)
{
    (void)state;
    const char *cursor = " a ,,\tb c;d; , ", *item;
    size_t n;
    struct buf got = BUF_INIT;
    while (list_next(&cursor, ",;", &item, &n))
        buf_printf(&got, "[%.*s]", (int)n, item);
    assert_string_equal(buf_str(&got), "[a][b c][d]");
    assert_string_equal(cursor, "");
    cursor = " , ;";
    assert_false(list_next(&cursor, ",;", &item, &n));
    cursor = "x;y";
    assert_true(list_next(&cursor, ",", &item, &n)); /* ';' is not a separator here */
    assert_int_equal(n, 3);
    buf_free(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_key_given_twice_is_refused_in_linear_time),
        cmocka_unit_test(a_plan_file_is_bounded_text),
        cmocka_unit_test(the_shipped_plan_loads_whole),
        cmocka_unit_test(quoted_text_cannot_break_a_message),
        cmocka_unit_test(each_error_names_line_and_column),
        cmocka_unit_test(yaml_syntax_errors_have_positions),
        cmocka_unit_test(duplicate_metric_ids_are_refused),
        cmocka_unit_test(versions_are_kept),
        cmocka_unit_test(every_target_form_is_read),
        cmocka_unit_test(chart_options_round_trip_through_the_store),
        cmocka_unit_test(targets_round_trip_through_the_store),
        cmocka_unit_test(the_older_shipped_plans_load_whole),
        cmocka_unit_test(check_says_what_is_missing),
        cmocka_unit_test(tabs_are_refused_before_the_library),
        cmocka_unit_test(mission_keys_are_named_by_the_plan),
        cmocka_unit_test(list_items_are_trimmed_and_never_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
