/*
 * test_exceptions.c - which metrics are exceptions and in what order
 * (assess/exceptions.c): `peel exceptions` and the governance report both list
 * them from here, so the order is pinned down.
 *
 * Most severe first: concerns, then missed targets, then neutral signals,
 * then improvements; within each the strongest rule (beyond a limit, trend,
 * two of three, shift); ties in plan order. Common cause with a met target,
 * or no data at all, is no exception.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/exceptions.h"

static struct plan_metric metrics[8];

static struct metric_status signal(size_t i, enum spc_point_type type, enum spc_rule rule)
{
    metrics[i].id = (char *)"m";
    metrics[i].title = (char *)"M";
    return (struct metric_status){.metric = &metrics[i],
                                  .has_data = true,
                                  .latest = NAN,
                                  .previous = NAN,
                                  .variation = type,
                                  .rule = rule,
                                  .points = 24};
}

static void severity_order(void **state)
{
    (void)state;
    struct metric_status items[8] = {
        signal(0, SPC_IMPROVEMENT, SPC_RULE_BEYOND_LIMIT),
        signal(1, SPC_CONCERN, SPC_RULE_SHIFT),
        signal(2, SPC_COMMON_CAUSE, SPC_RULE_NONE), /* with a missed target, below */
        signal(3, SPC_NEUTRAL_HIGH, SPC_RULE_TREND),
        signal(4, SPC_CONCERN, SPC_RULE_BEYOND_LIMIT),
        signal(5, SPC_COMMON_CAUSE, SPC_RULE_NONE), /* nothing to say */
        signal(6, SPC_CONCERN, SPC_RULE_SHIFT),     /* ties with 1: plan order */
        {.metric = &metrics[7], .variation = SPC_MISSING},
    };
    items[2].has_target = true;
    items[2].target.verdict = TARGET_NOT_MET;
    items[5].has_target = true;
    items[5].target.verdict = TARGET_MET;
    struct metric_statuses l = {items, 8, 8};
    struct plan_exception *e;
    size_t n = plan_exceptions(&l, &e);
    assert_int_equal(n, 6);
    const struct metric_status *want[] = {&items[4], &items[1], &items[6],
                                          &items[2], &items[3], &items[0]};
    for (size_t i = 0; i < n; i++)
        assert_ptr_equal(e[i].st, want[i]);
    assert_true(e[3].target);
    assert_string_equal(plan_exception_variation(&e[3]), "target");
    assert_string_equal(plan_exception_rule(&e[3]), "target not met");
    assert_string_equal(plan_exception_variation(&e[0]), "special cause concern");
    assert_string_equal(plan_exception_rule(&e[0]), "beyond a process limit");
    free(e);
}

static void target_in_year_and_sentence(void **state)
{
    (void)state;
    struct metric_status st = signal(0, SPC_CONCERN, SPC_RULE_TREND);
    st.has_target = true;
    st.target.verdict = TARGET_NOT_MET;
    st.target.months = 3;
    strcpy(st.target_sentence, "Target: the sentence");
    struct metric_statuses l = {&st, 1, 1};
    struct plan_exception *e;
    /* a metric with a signal and a missed target is listed twice */
    assert_int_equal(plan_exceptions(&l, &e), 2);
    assert_false(e[0].target);
    assert_true(e[1].target);
    assert_string_equal(plan_exception_rule(&e[1]), "target off track");
    struct buf out = BUF_INIT;
    plan_exception_sentence(&e[1], &out);
    assert_string_equal(out.p, "Target: the sentence");
    buf_free(&out);
    free(e);
}

static void none(void **state)
{
    (void)state;
    struct metric_statuses l = {0};
    struct plan_exception *e;
    assert_int_equal(plan_exceptions(&l, &e), 0);
    free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(severity_order),
        cmocka_unit_test(target_in_year_and_sentence),
        cmocka_unit_test(none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
