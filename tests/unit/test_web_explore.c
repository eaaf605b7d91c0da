/*
 * test_web_explore.c - the explorer's parameters: filters and dimensions
 * read into a stats_query, empty form fields ignored, and every kind of bad
 * input refused with a message naming the parameter; the canonical query
 * string percent-encoded and read back the same. On a store with area
 * groupings loaded: a filter per grouping, one area at a time (a second
 * names both), unknown names listing the loaded groupings, and groupings
 * named like the explorer's own parameters left to those parameters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "store/areas.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/month.h"
#include "web/explore.h"

static struct web_target t;
static struct explore_query x;
static struct buf err;

static int parse_in(struct store *s, const char *raw)
{
    buf_reset(&err);
    assert_int_equal(web_parse_target(raw, strlen(raw), &t), 200);
    return explore_parse(&t, s, &x, &err);
}

static int parse(const char *raw)
{
    return parse_in(NULL, raw);
}

static void filters(void **state)
{
    (void)state;
    assert_int_equal(parse("/explore?from=2021-04&to=2022-03&crime_type=Burglary&crime_type="
                           "Vehicle+crime&district=Charnwood&outcome=%28none%29&force=leics"),
                     200);
    int m;
    assert_true(month_parse("2021-04", 7, &m));
    assert_int_equal(x.q.month_from, m);
    assert_int_equal(x.q.month_to, m + 11);
    assert_int_equal(x.q.ncrime_types, 2);
    assert_string_equal(x.q.crime_types[1], "Vehicle crime");
    assert_string_equal(x.q.area_key, "district");
    assert_string_equal(x.q.area_value, "Charnwood");
    assert_int_equal(x.q.noutcomes, 1);
    assert_string_equal(x.q.outcomes[0], "(none)");
    assert_string_equal(x.q.force, "leics");
    assert_int_equal(x.q.ndims, 0);
    assert_int_equal(x.size, 0);
    assert_int_equal(x.next, 0);
}

static void grouping_and_paging(void **state)
{
    (void)state;
    assert_int_equal(parse("/explore?group_by=month,crime_type&group_by=district&_size=250&_next="
                           "8589934593"),
                     200);
    assert_int_equal(x.q.ndims, 3);
    assert_int_equal(x.q.dims[0].dim, DIM_MONTH);
    assert_int_equal(x.q.dims[1].dim, DIM_CRIME_TYPE);
    assert_int_equal(x.q.dims[2].dim, DIM_DISTRICT);
    assert_int_equal(x.size, 250);
    assert_int_equal(x.next, 8589934593LL);
}

static void empty_fields(void **state)
{
    (void)state;
    assert_int_equal(parse("/explore?from=&to=&district=&crime_type=&outcome=&group_by=&_size="),
                     200);
    assert_int_equal(x.q.month_from, -1);
    assert_int_equal(x.q.month_to, -1);
    assert_null(x.q.area_value);
    assert_int_equal(x.q.ncrime_types + x.q.noutcomes + x.q.ndims, 0);
}

static void refused(void **state)
{
    (void)state;
    static const struct {
        const char *target, *names;
    } bad[] = {
        {"/explore?colour=red", "colour: no such parameter"},
        {"/explore?from=2021-4", "from: a month is written YYYY-MM"},
        {"/explore?to=2021-13", "to: a month"},
        {"/explore?from=2022-01&to=2021-12", "to: the last month is before the first"},
        {"/explore?group_by=month,colour", "group_by: cannot group by 'colour'"},
        {"/explore?group_by=month,fy,quarter,district,crime_type", "group_by: at most 4"},
        {"/explore?_size=0", "_size: a whole number from 1 to 1000"},
        {"/explore?_size=1001", "_size:"},
        {"/explore?_size=+5", "_size:"},
        {"/explore?_next=12x", "_next: a row id"},
        {"/explore?_next=99999999999999999999", "_next:"},
        {"/explore?district=A&district=B", "district: one value at a time (got 'A' and 'B')"},
        {"/explore?district=A&lsoa=E01000001", "lsoa: one area at a time, and district=A"},
        {"/explore?colour=red", "one area: district, lsoa"},
        {"/explore?csp=Leicester", "csp: no such parameter"}, /* none loaded */
        {"/explore?outcome=1&outcome=2&outcome=3&outcome=4&outcome=5&outcome=6&outcome=7&"
         "outcome=8&outcome=9",
         "outcome: at most 8 values"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i].target), 400);
        if (!strstr(buf_str(&err), bad[i].names))
            fail_msg("%s: '%s' does not say '%s'", bad[i].target, buf_str(&err), bad[i].names);
    }
}

/* The query string the page links to means the same query. */
static void round_trip(void **state)
{
    (void)state;
    assert_int_equal(parse("/explore?crime_type=a%26b%3Dc&district=%3Cx%3E+y&from=2021-04&"
                           "group_by=fy&_size=10&_next=7"),
                     200);
    struct buf q = BUF_INIT;
    buf_puts(&q, "/explore?");
    explore_query_string(&x, true, 42, &q);
    assert_string_equal(q.p, "/explore?from=2021-04&district=%3Cx%3E%20y&crime_type=a%26b%3Dc&"
                             "group_by=fy&_size=10&_next=42");
    assert_int_equal(parse(q.p), 200);
    assert_string_equal(x.q.crime_types[0], "a&b=c");
    assert_string_equal(x.q.area_value, "<x> y");
    assert_int_equal(x.next, 42);
    buf_reset(&q);
    explore_query_string(&x, false, 0, &q);
    assert_string_equal(q.p, "from=2021-04&district=%3Cx%3E%20y&crime_type=a%26b%3Dc&group_by=fy");
    buf_free(&q);
}

static void lsoa(void **state)
{
    (void)state;
    assert_int_equal(parse("/explore?lsoa=E01025631&group_by=month"), 200);
    assert_string_equal(x.q.area_key, "lsoa");
    assert_string_equal(x.q.area_value, "E01025631");
}

/* ---- on a store with groupings ------------------------------------------ */

struct areas_fixture {
    char *dir;
    struct store *s;
};

/* csp and beat, and two that would be shadowed: "from" is a parameter,
 * "_x" has the parameters' underscore. */
static int areas_setup(void **state)
{
    struct areas_fixture *f = calloc(1, sizeof *f);
    struct buf e = BUF_INIT;
    f->dir = fixture_tmpdir();
    f->s = fixture_store_open(f->dir, NULL);
    static const char *const rows[][3] = {{"csp", "E01000001", "Leicester"},
                                          {"csp", "E01000002", "Rutland"},
                                          {"beat", "E01000001", "<b>1</b>"},
                                          {"from", "E01000001", "x"},
                                          {"_x", "E01000001", "y"}};
    assert_int_equal(store_lookup_begin(f->s, &e), 0);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_int_equal(store_area_set(f->s, rows[i][0], rows[i][1], rows[i][2], &e), 0);
    assert_int_equal(store_lookup_commit(f->s, &e), 0);
    buf_free(&e);
    *state = f;
    return 0;
}

static int areas_teardown(void **state)
{
    struct areas_fixture *f = *state;
    fixture_store_close(f->s, NULL, f->dir);
    free(f);
    return 0;
}

static void grouping_filter(void **state)
{
    struct store *s = ((struct areas_fixture *)*state)->s;
    assert_int_equal(parse_in(s, "/explore?beat=%3Cb%3E1%3C%2Fb%3E&group_by=csp"), 200);
    assert_string_equal(x.q.area_key, "beat");
    assert_string_equal(x.q.area_value, "<b>1</b>");
    assert_int_equal(x.q.ndims, 1);
    assert_int_equal(x.q.dims[0].dim, DIM_GROUPING);
    struct buf q = BUF_INIT;
    explore_query_string(&x, false, 0, &q);
    assert_string_equal(q.p, "beat=%3Cb%3E1%3C%2Fb%3E&group_by=csp");
    assert_int_equal(parse_in(s, "/explore?beat=&csp=Rutland"), 200); /* the form's "any" */
    assert_string_equal(x.q.area_key, "csp");
    buf_free(&q);
}

static void grouping_refused(void **state)
{
    struct store *s = ((struct areas_fixture *)*state)->s;
    assert_int_equal(parse_in(s, "/explore?csp=Leicester&beat=1"), 400);
    assert_string_equal(buf_str(&err), "beat: one area at a time, and csp=Leicester is chosen "
                                       "too: the counts are of one area, so choose csp or beat "
                                       "(group_by splits the result by either)");
    assert_int_equal(parse_in(s, "/explore?ward=1"), 400);
    assert_string_equal(buf_str(&err), "ward: no such parameter: use from, to, force, "
                                       "crime_type, outcome, group_by, _size or _next, or one "
                                       "area: district, beat, csp, lsoa");
    assert_int_equal(parse_in(s, "/explore?group_by=ward"), 400);
    assert_non_null(strstr(buf_str(&err), "(loaded: _x, beat, csp, from)"));
}

/* A grouping named like a parameter is that parameter here; one with the
 * underscore is no parameter at all. Both can still be grouped by. */
static void grouping_shadowed(void **state)
{
    struct store *s = ((struct areas_fixture *)*state)->s;
    assert_false(explore_is_area(s, "from"));
    assert_false(explore_is_area(s, "_x"));
    assert_true(explore_is_area(s, "csp"));
    assert_int_equal(parse_in(s, "/explore?from=2021-04&group_by=from,_x"), 200);
    assert_null(x.q.area_key);
    assert_true(x.q.month_from >= 0);
    assert_int_equal(x.q.dims[0].dim, DIM_GROUPING);
    assert_string_equal(x.q.dims[1].grouping, "_x");
    assert_int_equal(parse_in(s, "/explore?_x=y"), 400);
    assert_non_null(strstr(buf_str(&err), "_x: no such parameter"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(filters),
        cmocka_unit_test(grouping_and_paging),
        cmocka_unit_test(empty_fields),
        cmocka_unit_test(refused),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(lsoa),
        cmocka_unit_test_setup_teardown(grouping_filter, areas_setup, areas_teardown),
        cmocka_unit_test_setup_teardown(grouping_refused, areas_setup, areas_teardown),
        cmocka_unit_test_setup_teardown(grouping_shadowed, areas_setup, areas_teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    buf_free(&err);
    return rc;
}
