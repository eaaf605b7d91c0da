/*
 * test_stop_search.c - stop and search counted and compared: ethnicities
 * folded into the census groups (model/ethnicity.c), searches counted by
 * grouping with their finds and placed in districts through the street
 * crimes at the same point (store/stop_search.c, assess/stop_search.c),
 * rates by ethnic group against the White rate, and the population file
 * that makes them possible (ingest/lookup_ethnicity.c).
 *
 * The store is tiny and built here from police.uk-shaped files, so every
 * expected figure is counted by hand from the rows below.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/poisson.h"
#include "assess/stop_search.h"
#include "fixtures.h"
#include "ingest/import.h"
#include "ingest/lookup.h"
#include "model/ethnicity.h"
#include "store/store.h"
#include "util/month.h"

#define STREET_HEADER                                                                              \
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA "          \
    "name,Crime type,Last outcome category,Context\r\n"
#define SEARCH_HEADER                                                                              \
    "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age "     \
    "range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,"         \
    "Outcome,Outcome linked to object of search,Removal of more than just outer clothing\r\n"

/* Two crimes at two points, in Charnwood and Melton. */
static const char street[] = STREET_HEADER
    ",2020-01,Leicestershire Police,Leicestershire Police,-1.206332,52.773458,On or near A,"
    "E01025001,Charnwood 001A,Anti-social behaviour,,\r\n"
    ",2020-01,Leicestershire Police,Leicestershire Police,-0.886000,52.766000,On or near B,"
    "E01025002,Melton 001A,Anti-social behaviour,,\r\n";

#define WHITE "White - English/Welsh/Scottish/Northern Irish/British"
#define BLACK "Black/African/Caribbean/Black British - African"
#define DRUGS "Misuse of Drugs Act 1971 (section 23)"
#define PACE  "Police and Criminal Evidence Act 1984 (section 1)"

/* Six searches: at the Charnwood point (3), the Melton point (1), a point
 * no crime shares (1) and no place (1). Finds: the arrest linked True
 * (one); the community resolution linked False is further action, not a
 * find; the NFA linked True is not further action. */
static const char searches[] = SEARCH_HEADER
    "Person search,2020-01-01T01:05:00+00:00,,,52.773458,-1.206332,Male,18-24," WHITE
    ",White," DRUGS ",Controlled drugs,Arrest,True,False\r\n"
    "Person search,2020-01-02T01:05:00+00:00,,,52.773458,-1.206332,Male,18-24," WHITE
    ",White," DRUGS ",Controlled drugs,A no further action disposal,True,False\r\n"
    "Person search,2020-01-03T01:05:00+00:00,,,52.773458,-1.206332,Female,25-34," BLACK
    ",Black," PACE ",Stolen goods,Community resolution,False,False\r\n"
    "Person and Vehicle search,2020-01-04T01:05:00+00:00,,,52.766000,-0.886000,Male,over 34,"
    "Other ethnic group - Not stated,Asian," DRUGS ",Controlled drugs,A no further action "
    "disposal,,False\r\n"
    "Person search,2020-01-05T01:05:00+00:00,,,52.700000,-1.100000,Male,10-17," BLACK ",Black," PACE
    ",Offensive weapons,Arrest,,False\r\n"
    "Vehicle search,2020-01-06T01:05:00+00:00,,,,,,,,," DRUGS ",Controlled drugs,,,\r\n";

struct fixture {
    char *dir;
    struct store *s;
};

static void on_file(const struct ingest_file_report *r, void *arg)
{
    (void)arg;
    if (r->error)
        fprintf(stderr, "%s: %s\n", r->path, r->error);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    f->s = fixture_store_open(f->dir, NULL);
    char *paths[] = {
        fixture_write(f->dir, "2020-01-leicestershire-street.csv", street, sizeof street - 1),
        fixture_write(f->dir, "2020-01-leicestershire-stop-and-search.csv", searches,
                      sizeof searches - 1)};
    struct ingest_options opt = {.command = "test", .on_file = on_file};
    struct ingest_totals totals;
    struct buf err = BUF_INIT;
    int rc = ingest_paths(f->s, paths, 2, &opt, &totals, &err);
    if (rc != 0)
        fprintf(stderr, "import: %s\n", err.p);
    assert_int_equal(rc, 0);
    assert_int_equal(totals.rows_stored, 2 + 6);
    free(paths[0]);
    free(paths[1]);
    buf_free(&err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    fixture_store_close(f->s, NULL, f->dir);
    free(f);
    return 0;
}

/* The row whose first cell is key; fails when there is none. */
static size_t row_of(const struct table *t, const char *key)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (strcmp(table_cell(t, r, 0)->text, key) == 0)
            return r;
    fail_msg("no row '%s'", key);
    return 0;
}

static int64_t cell_i(const struct table *t, const char *key, size_t col)
{
    const struct cell *c = table_cell(t, row_of(t, key), col);
    assert_int_equal(c->type, CELL_INT);
    return c->i;
}

static void by(struct fixture *f, const char *grouping, struct table *t)
{
    struct buf err = BUF_INIT;
    struct stop_query q = {.month_from = -1, .month_to = -1};
    assert_int_equal(stop_search_table(f->s, grouping, &q, t, &err), 0);
    buf_free(&err);
}

static void test_ethnic_groups(void **state)
{
    (void)state;
    enum ethnic_group g;
    assert_int_equal(ethnic_group_of(WHITE), ETHNIC_WHITE);
    assert_int_equal(ethnic_group_of(BLACK), ETHNIC_BLACK);
    assert_int_equal(ethnic_group_of("Asian/Asian British - Indian"), ETHNIC_ASIAN);
    assert_int_equal(ethnic_group_of("Mixed/Multiple ethnic groups - White and Black Caribbean"),
                     ETHNIC_MIXED);
    assert_int_equal(ethnic_group_of("Other ethnic group - Any other ethnic group"), ETHNIC_OTHER);
    assert_int_equal(ethnic_group_of("Other ethnic group - Not stated"), ETHNIC_NOT_STATED);
    assert_int_equal(ethnic_group_of("Asian"), ETHNIC_ASIAN); /* officer-defined */
    assert_int_equal(ethnic_group_of(""), ETHNIC_NOT_STATED);
    assert_int_equal(ethnic_group_of(NULL), ETHNIC_NOT_STATED);
    assert_int_equal(ethnic_group_of("Otherwise"), ETHNIC_NOT_STATED);
    assert_true(ethnic_group_parse("Asian, Asian British or Asian Welsh", &g));
    assert_int_equal(g, ETHNIC_ASIAN);
    assert_true(ethnic_group_parse(" white", &g));
    assert_int_equal(g, ETHNIC_WHITE);
    assert_false(ethnic_group_parse("All usual residents", &g));
}

static void test_counts_and_finds(void **state)
{
    struct fixture *f = *state;
    struct table t;
    by(f, "object", &t);
    /* drugs 4 (one arrest linked True: a find), stolen goods 1 (community
     * resolution linked False), offensive weapons 1 (arrest, link empty) */
    assert_int_equal(cell_i(&t, "Controlled drugs", STOP_COL_SEARCHES), 4);
    assert_int_equal(cell_i(&t, "Controlled drugs", STOP_COL_FURTHER), 1);
    assert_int_equal(cell_i(&t, "Controlled drugs", STOP_COL_FINDS), 1);
    assert_int_equal(cell_i(&t, "Controlled drugs", STOP_COL_LINK_RECORDED), 2);
    assert_int_equal(cell_i(&t, "Stolen goods", STOP_COL_FURTHER), 1);
    assert_int_equal(cell_i(&t, "Stolen goods", STOP_COL_FINDS), 0);
    assert_int_equal(cell_i(&t, "Offensive weapons", STOP_COL_ARRESTS), 1);
    assert_int_equal(cell_i(&t, "Total", STOP_COL_SEARCHES), 6);
    assert_int_equal(cell_i(&t, "Total", STOP_COL_FURTHER), 3);
    assert_int_equal(cell_i(&t, "Total", STOP_COL_ARRESTS), 2);
    assert_int_equal(cell_i(&t, "Total", STOP_COL_FINDS), 1);
    const struct cell *rate = table_cell(&t, row_of(&t, "Total"), STOP_COL_FIND_PCT);
    assert_true(fabs(rate->r - 100.0 / 6.0) < 1e-12);
    /* 1 find in 6 searches, worked by hand: p = 1/6, z = 1.96, z^2/n =
     * 0.64024; centre (p + z^2/2n) / (1 + z^2/n) = 0.29678, half-width
     * z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n) = 0.26673: 3.005% to
     * 56.350%. */
    const struct cell *lower = table_cell(&t, row_of(&t, "Total"), STOP_COL_FIND_LOWER);
    const struct cell *upper = table_cell(&t, row_of(&t, "Total"), STOP_COL_FIND_UPPER);
    assert_true(fabs(lower->r - 3.005) < 1e-3);
    assert_true(fabs(upper->r - 56.350) < 1e-3);
    assert_string_equal(t.names[STOP_COL_FIND_LOWER], "find_rate_lower_95");
    assert_string_equal(table_cell(&t, t.nrows - 1, 0)->text, "Total");
    table_free(&t);

    by(f, "outcome", &t); /* the vehicle search's outcome is empty */
    assert_int_equal(cell_i(&t, STOP_NOT_RECORDED, STOP_COL_SEARCHES), 1);
    assert_int_equal(cell_i(&t, STOP_NOT_RECORDED, STOP_COL_FURTHER), 0);
    assert_int_equal(cell_i(&t, "A no further action disposal", STOP_COL_FURTHER), 0);
    table_free(&t);

    by(f, "month", &t);
    assert_int_equal(t.nrows, 2);
    assert_int_equal(cell_i(&t, "2020-01", STOP_COL_SEARCHES), 6);
    table_free(&t);
}

static void test_ethnic_group_and_area(void **state)
{
    struct fixture *f = *state;
    struct table t;
    by(f, "ethnic_group", &t);
    assert_int_equal(cell_i(&t, "White", STOP_COL_SEARCHES), 2);
    assert_int_equal(cell_i(&t, "Black", STOP_COL_SEARCHES), 2);
    assert_int_equal(cell_i(&t, "(not stated)", STOP_COL_SEARCHES), 2);
    /* values first, the rows that are not values last, then the total */
    assert_string_equal(table_cell(&t, 0, 0)->text, "Black");
    assert_string_equal(table_cell(&t, 2, 0)->text, "(not stated)");
    table_free(&t);

    by(f, "area", &t);
    assert_int_equal(cell_i(&t, "Charnwood", STOP_COL_SEARCHES), 3);
    assert_int_equal(cell_i(&t, "Melton", STOP_COL_SEARCHES), 1);
    assert_int_equal(cell_i(&t, STOP_UNMATCHED, STOP_COL_SEARCHES), 1);
    assert_int_equal(cell_i(&t, STOP_NO_LOCATION, STOP_COL_SEARCHES), 1);
    table_free(&t);

    struct buf err = BUF_INIT;
    struct stop_query q = {.month_from = -1, .month_to = -1};
    assert_int_equal(stop_search_table(f->s, "colour", &q, &t, &err), -1);
    assert_non_null(strstr(err.p, "unknown grouping 'colour'"));
    table_free(&t);
    /* a month with no searches: no rows, not an error */
    int m2021;
    assert_true(month_parse("2021-01", 7, &m2021));
    q = (struct stop_query){.month_from = m2021, .month_to = m2021 + 11};
    assert_int_equal(stop_search_table(f->s, "object", &q, &t, &err), 0);
    assert_int_equal(t.nrows, 0);
    table_free(&t);
    buf_free(&err);
}

static void test_disparity(void **state)
{
    struct fixture *f = *state;
    struct table t;
    struct stop_disparity d;
    struct buf err = BUF_INIT;
    struct stop_query q = {.month_from = -1, .month_to = -1};
    assert_int_equal(stop_disparity_table(f->s, &q, &t, &d, &err), 0);
    assert_false(d.have_population); /* none loaded yet */
    assert_int_equal(t.nrows, 0);
    table_free(&t);
    stop_disparity_free(&d);

    /* a census-shaped file: a total row skipped, headings folded */
    static const char csv[] = "Police force area,Ethnic group,Observation\n"
                              "Leicestershire,All usual residents,3000\n"
                              "Leicestershire,\"White: English, Welsh, Scottish\",2000\n"
                              "Leicestershire,\"Black, Black British, Caribbean or African\",100\n"
                              "Leicestershire,Asian,900\n";
    char *path = fixture_write(f->dir, "eth.csv", csv, sizeof csv - 1);
    struct ethnic_population_options opt = {.origin = {"test", "tester"}};
    struct lookup_result res = {0};
    assert_int_equal(lookup_import_ethnic_population(f->s, path, &opt, &res, &err), 0);
    assert_int_equal(res.rows_loaded, 3);
    assert_int_equal(res.rows_skipped, 1);
    assert_string_equal(res.groupings.p, "All usual residents");
    buf_free(&res.groupings);
    free(path);

    assert_int_equal(stop_disparity_table(f->s, &q, &t, &d, &err), 0);
    assert_true(d.have_population);
    assert_int_equal(d.not_stated, 2);
    assert_int_equal(d.months, 1);
    assert_int_equal(t.nrows, ETHNIC_GROUPS);
    assert_string_equal(table_cell(&t, 0, DISP_COL_GROUP)->text, "White");
    /* White 2 of 2,000 (1 per 1,000); Black 2 of 100 (20 per 1,000): 20 times */
    size_t black = row_of(&t, "Black");
    assert_true(fabs(table_cell(&t, black, DISP_COL_RATE)->r - 20.0) < 1e-12);
    assert_true(fabs(table_cell(&t, black, DISP_COL_RATIO)->r - 20.0) < 1e-12);
    struct rate_comparison c;
    assert_true(compare_counts(2, 2, 2000, 100, 0.95, &c));
    assert_true(table_cell(&t, black, DISP_COL_LOWER)->r == c.lower);
    assert_true(table_cell(&t, black, DISP_COL_UPPER)->r == c.upper);
    assert_true(c.lower < 20.0 && 20.0 < c.upper);
    assert_string_equal(table_cell(&t, black, DISP_COL_VERDICT)->text, "searched more often");
    /* Mixed has no population loaded */
    assert_string_equal(table_cell(&t, row_of(&t, "Mixed"), DISP_COL_VERDICT)->text,
                        "no population loaded");
    struct buf s = BUF_INIT;
    stop_disparity_sentence(&t, black, &s);
    assert_non_null(strstr(s.p, "People in the Black group were searched 20.0 times as often"));
    buf_free(&s);
    table_free(&t);
    stop_disparity_free(&d);
    buf_free(&err);
}

static void test_population_file_errors(void **state)
{
    struct fixture *f = *state;
    static const char bad[] = "force,ethnic_group,population\n"
                              "Leicestershire,White,1000\n"
                              "Leicstershire,Asian,10\n"
                              "Leicestershire,Black,many\n"
                              "Leicestershire,White,5\n";
    char *path = fixture_write(f->dir, "bad.csv", bad, sizeof bad - 1);
    struct ethnic_population_options opt = {.origin = {"test", "tester"}};
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(lookup_import_ethnic_population(f->s, path, &opt, &res, &err), 2);
    assert_non_null(strstr(err.p, "bad.csv:3: force: not a police force: 'Leicstershire'"));
    assert_non_null(strstr(err.p, "bad.csv:4: population: not a whole number: 'many'"));
    assert_non_null(strstr(err.p, "bad.csv:5: ethnic_group: given twice, first on line 2"));
    assert_int_equal(res.rows_loaded, 0);
    buf_reset(&err);
    static const char none[] = "force,population\nLeicestershire,1\n";
    char *path2 = fixture_write(f->dir, "none.csv", none, sizeof none - 1);
    assert_int_equal(lookup_import_ethnic_population(f->s, path2, &opt, &res, &err), 2);
    assert_non_null(strstr(err.p, "none.csv:1: no ethnic group (name it with --group-column)"));
    buf_free(&res.groupings);
    buf_free(&err);
    free(path);
    free(path2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ethnic_groups),
        cmocka_unit_test_setup_teardown(test_counts_and_finds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ethnic_group_and_area, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disparity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_population_file_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
