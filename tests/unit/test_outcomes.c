/*
 * test_outcomes.c - the police.uk outcome mapping.
 *
 * What counts as a positive outcome decides a headline number of every
 * performance report, so the exact set is pinned down here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/outcomes.h"

static bool positive(const char *category)
{
    const struct outcome_group_def *g = outcome_group_of(category, strlen(category));
    assert_non_null(g);
    return g->positive;
}

static void every_category_has_a_known_group(void **state)
{
    (void)state;
    for (size_t i = 0; i < outcome_categories_count; i++)
        assert_non_null(outcome_group_by_code(outcome_categories[i].group_code));
}

static void categories_are_listed_once(void **state)
{
    (void)state;
    for (size_t i = 0; i < outcome_categories_count; i++)
        for (size_t j = i + 1; j < outcome_categories_count; j++)
            assert_string_not_equal(outcome_categories[i].name, outcome_categories[j].name);
}

static void positive_outcomes(void **state)
{
    (void)state;
    const char *yes[] = {"Suspect charged",
                         "Awaiting court outcome",
                         "Court result unavailable",
                         "Offender sent to prison",
                         "Defendant found not guilty",
                         "Suspect charged as part of another case",
                         "Offender given a caution",
                         "Offender given penalty notice",
                         "Offender given a penalty notice",
                         "Offender given a drugs possession warning",
                         "Local resolution"};
    const char *no[] = {"",
                        "Under investigation",
                        "Status update unavailable",
                        "Investigation complete; no suspect identified",
                        "Unable to prosecute suspect",
                        "Action to be taken by another organisation",
                        "Further investigation is not in the public interest",
                        "Further action is not in the public interest",
                        "Formal action is not in the public interest"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(positive(yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(positive(no[i]));
}

static void the_2022_vocabulary_is_all_mapped(void **state)
{
    (void)state;
    /* every value seen in the 2022 archive files (research notes, section 4) */
    const char *seen[] = {"Unable to prosecute suspect",
                          "Investigation complete; no suspect identified",
                          "Under investigation",
                          "Status update unavailable",
                          "Awaiting court outcome",
                          "Local resolution",
                          "Action to be taken by another organisation",
                          "Court result unavailable",
                          "Further investigation is not in the public interest",
                          "Offender given a caution",
                          "Further action is not in the public interest",
                          "Formal action is not in the public interest",
                          "Offender given a drugs possession warning",
                          "Offender given penalty notice",
                          "Suspect charged as part of another case"};
    for (size_t i = 0; i < sizeof seen / sizeof seen[0]; i++)
        assert_non_null(outcome_group_of(seen[i], strlen(seen[i])));
}

static void unknown_categories_are_not_guessed(void **state)
{
    (void)state;
    assert_null(outcome_group_of("Offender given a caution ", 25));
    assert_null(outcome_group_of("offender given a caution", 24));
    assert_null(outcome_group_of("Something new", 13));
}

static void only_the_four_positive_groups_are_positive(void **state)
{
    (void)state;
    const char *positive_groups[] = {"charged", "tic", "out_of_court_formal",
                                     "out_of_court_informal"};
    size_t npositive = 0;
    for (size_t i = 0; i < outcome_groups_count; i++) {
        bool listed = false;
        for (size_t k = 0; k < 4; k++)
            listed |= strcmp(outcome_groups[i].code, positive_groups[k]) == 0;
        assert_int_equal(outcome_groups[i].positive, listed);
        npositive += outcome_groups[i].positive;
    }
    assert_int_equal(npositive, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_category_has_a_known_group),
        cmocka_unit_test(categories_are_listed_once),
        cmocka_unit_test(positive_outcomes),
        cmocka_unit_test(the_2022_vocabulary_is_all_mapped),
        cmocka_unit_test(unknown_categories_are_not_guessed),
        cmocka_unit_test(only_the_four_positive_groups_are_positive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
