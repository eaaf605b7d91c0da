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

#include "fixtures.h"
#include "plan/check.h"
#include "plan/plan.h"
#include "store/plans.h"

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
    /* the Performance Framework table of the 2024-29 plan */
    assert_int_equal(strategies, 14);
    assert_int_equal(metrics, 37);
    assert_int_equal(defined, 9);
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
    assert_int_equal(store_plan_save(s, &p, "t.yaml", "hash1", "me", &v, &unchanged, &err), 0);
    assert_false(unchanged);
    assert_int_equal(v.version, 1);
    assert_int_equal(store_plan_save(s, &p, "t.yaml", "hash1", "me", &v, &unchanged, &err), 0);
    assert_true(unchanged);
    free(p.missions[0].strategies[0].metrics[0].title);
    p.missions[0].strategies[0].metrics[0].title = strdup("Burglary (all)");
    assert_int_equal(store_plan_save(s, &p, "t.yaml", "hash2", "me", &v, &unchanged, &err), 0);
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
    plan_free(&p);
    store_close(s);
    fixture_rmtree(dir);
    free(dir);
    buf_free(&err);
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
     * the all-crime positive outcome rate and the 28 loaded metrics have no
     * data */
    int problems = plan_check(s, &p, 2025 * 12, count, &c);
    assert_int_equal(problems, 37);
    assert_int_equal(c.ok, 0);
    assert_int_equal(c.undefined, 8);
    assert_int_equal(c.no_data, 29);
    plan_free(&p);
    store_close(s);
    fixture_rmtree(dir);
    free(dir);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_shipped_plan_loads_whole),
        cmocka_unit_test(each_error_names_line_and_column),
        cmocka_unit_test(yaml_syntax_errors_have_positions),
        cmocka_unit_test(duplicate_metric_ids_are_refused),
        cmocka_unit_test(versions_are_kept),
        cmocka_unit_test(check_says_what_is_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
