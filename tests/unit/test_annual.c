/*
 * test_annual.c - the annual table's arithmetic, worked by hand.
 *
 * The figures of the PCC's 2021-22 annual report (seeds/004) are used where
 * they fit: possession of weapons 735 -> 927 is +192, +26.12%.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "analysis/annual.h"

static const struct annual_line *find(const struct annual_table *t, const char *category)
{
    for (size_t i = 0; i < t->nlines; i++)
        if (strcmp(t->lines[i].category, category) == 0)
            return &t->lines[i];
    fail_msg("no line %s", category);
    return NULL;
}

/* Possession of weapons, 735 -> 927, 400 of them with a positive outcome. */
static const struct annual_line *weapons(struct annual_table *t)
{
    annual_init(t, SCHEME_POLICE_UK, 2021);
    annual_add(t, "Possession of weapons", 0, OUTCOME_STATE_OTHER, 735);
    annual_add(t, "Possession of weapons", 1, OUTCOME_STATE_OTHER, 527);
    annual_add(t, "Possession of weapons", 1, OUTCOME_STATE_POSITIVE, 400);
    annual_finish(t);
    return find(t, "Possession of weapons");
}

static void weapons_as_in_the_annual_report(void **state)
{
    (void)state;
    struct annual_table t;
    const struct annual_line *l = weapons(&t);
    assert_int_equal(l->previous, 735);
    assert_int_equal(l->current, 927);
    double pct;
    assert_true(annual_change_pct(l, &pct));
    assert_float_equal(pct, 26.1224, 1e-3);
    assert_true(annual_positive_rate(l, &pct));
    assert_float_equal(pct, 100.0 * 400 / 927, 1e-9);
    annual_free(&t);
}

/* The intervals beside the estimates, worked by hand for 735 -> 927 with
 * 400 positive: the Wilson interval of 400/927 at z = 1.959964 is
 * (p + z^2/2n +/- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n) = 39.996% to
 * 46.360%; the rate ratio is 927/735 = 1.2612, and its exact interval is
 * near the normal one on the log scale, exp(ln 1.2612 +/- 1.96 sqrt(1/735
 * + 1/927)) = 1.1449 to 1.3894. The sentence gives all three. */
static void intervals_beside_the_estimates(void **state)
{
    (void)state;
    struct annual_table t;
    const struct annual_line *l = weapons(&t);
    double lo, hi;
    assert_true(annual_positive_interval(l, &lo, &hi));
    assert_float_equal(lo, 39.996, 1e-3);
    assert_float_equal(hi, 46.360, 1e-3);
    struct rate_comparison c;
    assert_true(annual_compare(l, &c));
    assert_float_equal(c.ratio, 927.0 / 735, 1e-12);
    assert_float_equal(c.lower, 1.1449, 2e-3);
    assert_float_equal(c.upper, 1.3894, 2e-3);
    struct buf b = BUF_INIT;
    assert_int_equal(annual_describe(l, "2020-21", "2021-22", &b), ANNUAL_SIGNAL);
    assert_non_null(strstr(buf_str(&b), "(rate ratio 1.26, 95% CI 1.14 to 1.39; exact Poisson "
                                        "test, p < 0.001): a signal."));
    buf_free(&b);
    annual_free(&t);
}

static void total_leaves_out_anti_social_behaviour(void **state)
{
    (void)state;
    struct annual_table t;
    annual_init(&t, SCHEME_POLICE_UK, 2021);
    annual_add(&t, "Robbery", 0, OUTCOME_STATE_OTHER, 757);
    annual_add(&t, "Robbery", 1, OUTCOME_STATE_OTHER, 722);
    annual_add(&t, "Anti-social behaviour", 0, OUTCOME_STATE_OTHER, 1000);
    annual_add(&t, "Anti-social behaviour", 1, OUTCOME_STATE_OTHER, 2000);
    annual_add(&t, "Burglary", 1, OUTCOME_STATE_POSITIVE, 10);
    annual_finish(&t);
    assert_int_equal(t.total.previous, 757);
    assert_int_equal(t.total.current, 732);
    assert_int_equal(t.total.positive, 10);
    /* anti-social behaviour sorts last whatever its size */
    assert_string_equal(t.lines[t.nlines - 1].category, "Anti-social behaviour");
    assert_false(t.lines[t.nlines - 1].in_total);
    /* no previous crimes: no percentage rather than a division by zero */
    double pct;
    assert_false(annual_change_pct(find(&t, "Burglary"), &pct));
    assert_true(annual_change_pct(find(&t, "Robbery"), &pct));
    assert_float_equal(pct, -4.6235, 1e-3);
    annual_free(&t);
}

static void home_office_groups_combine_types(void **state)
{
    (void)state;
    struct annual_table t;
    annual_init(&t, SCHEME_HOME_OFFICE, 2021);
    annual_add(&t, "Burglary", 0, OUTCOME_STATE_OTHER, 5);
    annual_add(&t, "Shoplifting", 0, OUTCOME_STATE_OTHER, 7);
    annual_add(&t, "Shoplifting", 1, OUTCOME_STATE_POSITIVE, 3);
    annual_add(&t, "Vehicle crime", 1, OUTCOME_STATE_OTHER, 1);
    annual_add(&t, "Violence and sexual offences", 1, OUTCOME_STATE_OTHER, 9);
    annual_add(&t, "Some legacy type", 1, OUTCOME_STATE_OTHER, 2);
    annual_finish(&t);
    const struct annual_line *theft = find(&t, "Theft offences");
    assert_int_equal(theft->previous, 12);
    assert_int_equal(theft->current, 4);
    assert_int_equal(theft->positive, 3);
    const struct annual_line *vso = find(&t, "Violence against the person and sexual offences");
    assert_true(strlen(vso->combines) > 0);
    assert_int_equal(find(&t, "Other (police.uk categories with no Home Office group)")->current,
                     2);
    assert_int_equal(t.total.current, 15);
    /* largest first */
    assert_string_equal(t.lines[0].category, "Violence against the person and sexual offences");
    annual_free(&t);
}

/* From the Home Office's own tables: groups as published (violence and
 * sexual offences apart), nothing combined, no outcomes to rate. The
 * figures are the annual report's. */
static void home_office_tables_give_groups_as_published(void **state)
{
    (void)state;
    struct annual_table t;
    annual_init(&t, SCHEME_HOME_OFFICE, 2021);
    annual_add_group(&t, "Violence against the person", 0, 33763);
    annual_add_group(&t, "Violence against the person", 1, 39150);
    annual_add_group(&t, "Sexual offences", 0, 3052);
    annual_add_group(&t, "Sexual offences", 1, 3908);
    annual_add_group(&t, "Possession of weapons offences", 0, 735);
    annual_add_group(&t, "Possession of weapons offences", 1, 927);
    annual_finish(&t);
    assert_int_equal(t.nlines, 3);
    const struct annual_line *sex = find(&t, "Sexual offences");
    assert_string_equal(sex->combines, "");
    double pct;
    assert_true(annual_change_pct(sex, &pct));
    assert_float_equal(pct, 28.0472, 1e-3);
    assert_false(annual_positive_rate(sex, &pct));
    assert_int_equal(t.total.previous, 33763 + 3052 + 735);
    assert_int_equal(t.total.current, 39150 + 3908 + 927);
    assert_false(annual_positive_rate(&t.total, &pct));
    assert_string_equal(t.lines[0].category, "Violence against the person");
    annual_free(&t);
}

/* Crimes with no outcome yet are out of a positive outcome rate's
 * denominator, as on the metric pages (model/outcomes.h). Burglary, worked
 * by hand: last year 150 crimes, 30 positive, 90 another outcome, 30
 * pending: 30 of 120 = 25.0% (counting the pending as not positive would
 * say 20.0%); this year 100, 12 positive, 58 other, 30 pending: 12 of 70 =
 * 17.142857% (not 12.0%), Wilson 95% interval (p + z^2/2n +/- z sqrt(p(1-p)/n
 * + z^2/4n^2)) / (1 + z^2/n) = 10.0877% to 27.6166%. The pooled z-test of
 * 30/120 against 12/70: pooled 42/190, z = -1.2590, p = 0.2080. */
static void pending_outcomes_are_out_of_the_rate(void **state)
{
    (void)state;
    assert_false(outcome_state_in_rate(OUTCOME_STATE_PENDING));
    assert_true(outcome_state_in_rate(OUTCOME_STATE_OTHER));
    assert_true(outcome_state_in_rate(OUTCOME_STATE_POSITIVE));
    struct annual_table t;
    annual_init(&t, SCHEME_POLICE_UK, 2021);
    annual_add(&t, "Burglary", 0, OUTCOME_STATE_POSITIVE, 30);
    annual_add(&t, "Burglary", 0, OUTCOME_STATE_OTHER, 90);
    annual_add(&t, "Burglary", 0, OUTCOME_STATE_PENDING, 30);
    annual_add(&t, "Burglary", 1, OUTCOME_STATE_POSITIVE, 12);
    annual_add(&t, "Burglary", 1, OUTCOME_STATE_OTHER, 58);
    annual_add(&t, "Burglary", 1, OUTCOME_STATE_PENDING, 30);
    annual_add(&t, "Anti-social behaviour", 1, OUTCOME_STATE_PENDING, 40);
    annual_finish(&t);
    const struct annual_line *l = find(&t, "Burglary");
    assert_int_equal(l->previous, 150);
    assert_int_equal(l->current, 100); /* the count is every crime */
    assert_int_equal(l->known_previous, 120);
    assert_int_equal(l->known, 70);
    double pct, lo, hi;
    assert_true(annual_positive_rate(l, &pct));
    assert_float_equal(pct, 17.142857, 1e-5);
    assert_true(annual_positive_interval(l, &lo, &hi));
    assert_float_equal(lo, 10.0877, 1e-3);
    assert_float_equal(hi, 27.6166, 1e-3);
    struct proportion_comparison c;
    assert_true(annual_compare_positive(l, &c));
    assert_float_equal(c.p_value, 0.2080, 1e-3);
    /* the total sums the same denominators, and leaves out anti-social
     * behaviour */
    assert_int_equal(t.total.known, 70);
    assert_int_equal(t.total.known_previous, 120);
    assert_true(annual_positive_rate(&t.total, &pct));
    assert_float_equal(pct, 17.142857, 1e-5);
    annual_free(&t);
}

static void every_police_uk_type_has_a_home_office_group(void **state)
{
    (void)state;
    for (size_t i = 0; i < police_uk_crime_types_count; i++)
        assert_non_null(home_office_group(police_uk_crime_types[i], NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weapons_as_in_the_annual_report),
        cmocka_unit_test(intervals_beside_the_estimates),
        cmocka_unit_test(total_leaves_out_anti_social_behaviour),
        cmocka_unit_test(home_office_groups_combine_types),
        cmocka_unit_test(home_office_tables_give_groups_as_published),
        cmocka_unit_test(pending_outcomes_are_out_of_the_rate),
        cmocka_unit_test(every_police_uk_type_has_a_home_office_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
