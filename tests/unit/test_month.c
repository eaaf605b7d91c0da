/*
 * test_month.c - months, financial years and financial quarters.
 *
 * The financial year starts in April: the edge cases are March/April and
 * the turn of the century in "1999-00".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/month.h"

static int month(const char *s)
{
    int m = -1;
    assert_true(month_parse(s, strlen(s), &m));
    return m;
}

static void parse_and_format_round_trip(void **state)
{
    (void)state;
    char out[MONTH_TEXT_SIZE];
    month_format(month("2021-04"), out);
    assert_string_equal(out, "2021-04");
    month_format(month("1999-12") + 1, out);
    assert_string_equal(out, "2000-01");
    assert_int_equal(month("2022-01") - month("2021-01"), 12);
}

static void bad_months_are_refused(void **state)
{
    (void)state;
    int m;
    const char *bad[] = {"2021-13", "2021-00",    "2021-1", "21-01",   "Jan-2021",
                         "2021/01", "2021-01-01", "",       "20a1-01", "1899-12"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(month_parse(bad[i], strlen(bad[i]), &m));
}

static void dates_give_their_month(void **state)
{
    (void)state;
    int m;
    const char *d = "2020-01-01T01:05:00+00:00";
    assert_true(month_parse_date(d, strlen(d), &m));
    assert_int_equal(m, month("2020-01"));
    assert_true(month_parse_date("2020-02-29", 10, &m));
    assert_false(month_parse_date("2020-02-32", 10, &m));
    assert_false(month_parse_date("2020-02", 7, &m));
    assert_false(month_parse_date("2020-02-01X", 11, &m));
}

static void financial_year_turns_in_april(void **state)
{
    (void)state;
    assert_int_equal(fy_of_month(month("2021-03")), 2020);
    assert_int_equal(fy_of_month(month("2021-04")), 2021);
    assert_int_equal(fy_of_month(month("2022-03")), 2021);
    assert_int_equal(fy_of_month(month("2022-01")), 2021);
    assert_int_equal(fy_first_month(2021), month("2021-04"));
}

static void financial_quarters(void **state)
{
    (void)state;
    assert_int_equal(fq_of_month(month("2021-04")), 1);
    assert_int_equal(fq_of_month(month("2021-06")), 1);
    assert_int_equal(fq_of_month(month("2021-07")), 2);
    assert_int_equal(fq_of_month(month("2021-12")), 3);
    assert_int_equal(fq_of_month(month("2022-01")), 4);
    assert_int_equal(fq_of_month(month("2022-03")), 4);
}

static void financial_year_text(void **state)
{
    (void)state;
    char out[FY_TEXT_SIZE];
    fy_format(2021, out);
    assert_string_equal(out, "2021-22");
    fy_format(1999, out);
    assert_string_equal(out, "1999-00");
    int fy;
    assert_true(fy_parse("2021-22", &fy));
    assert_int_equal(fy, 2021);
    assert_true(fy_parse("2021/22", &fy));
    assert_true(fy_parse("2021-2022", &fy));
    assert_true(fy_parse("1999-00", &fy));
    assert_int_equal(fy, 1999);
    assert_false(fy_parse("2021-23", &fy));
    assert_false(fy_parse("2021", &fy));
    assert_false(fy_parse("2021-2023", &fy));
    assert_false(fy_parse("abcd-ef", &fy));
}

/* The same text is a month or a financial year: the kind decides. */
static void periods_of_each_kind(void **state)
{
    (void)state;
    int start;
    char out[PERIOD_TEXT_SIZE];
    assert_true(period_parse("2011-12", PERIOD_MONTH, &start));
    assert_int_equal(start, 2011 * 12 + 11);
    assert_true(period_parse("2011-12", PERIOD_YEAR, &start));
    assert_int_equal(start, 2011 * 12 + 3);
    period_format(PERIOD_YEAR, start, out);
    assert_string_equal(out, "2011-12");

    const char *const quarters[] = {"2023-24 Q3", "2023/24 Q3", "2023-24Q3", "2023-2024 q3",
                                    "2023-24 - Q3"};
    for (size_t i = 0; i < sizeof quarters / sizeof *quarters; i++) {
        assert_true(period_parse(quarters[i], PERIOD_QUARTER, &start));
        assert_int_equal(start, 2023 * 12 + 9); /* Q3 starts in October */
    }
    period_format(PERIOD_QUARTER, start, out);
    assert_string_equal(out, "2023-24 Q3");
    assert_true(period_parse("2023-24 Q4", PERIOD_QUARTER, &start));
    period_format(PERIOD_MONTH, start, out);
    assert_string_equal(out, "2024-01");

    assert_false(period_parse("2023-24 Q5", PERIOD_QUARTER, &start));
    assert_false(period_parse("2023-24 Q1x", PERIOD_QUARTER, &start));
    assert_false(period_parse("Q1", PERIOD_QUARTER, &start));
    assert_false(period_parse("2023-24", PERIOD_QUARTER, &start));
    assert_false(period_parse("2023-25", PERIOD_YEAR, &start));
    assert_false(period_parse("2023-13", PERIOD_MONTH, &start));
    assert_int_equal(period_months(PERIOD_QUARTER), 3);
    assert_string_equal(period_kind_name(PERIOD_YEAR), "year");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_and_format_round_trip),
        cmocka_unit_test(bad_months_are_refused),
        cmocka_unit_test(dates_give_their_month),
        cmocka_unit_test(financial_year_turns_in_april),
        cmocka_unit_test(financial_quarters),
        cmocka_unit_test(financial_year_text),
        cmocka_unit_test(periods_of_each_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
