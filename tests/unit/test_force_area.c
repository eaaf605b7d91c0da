/*
 * test_force_area.c - the force area (docs/methods.md, "The force area"):
 * crimes a force recorded in LSOAs outside its area are one row, "(outside
 * the force area)", wherever areas are listed, and "(no location)" another;
 * before any lookup the area is the districts holding at least 1 in 400 of
 * the force's located crimes, once a lookup is loaded its LSOAs; a
 * lookup's "Leicester UA" is "Leicester"; --area finds the rows by the
 * labels listed; rates count only the force area's residents; a
 * proportion's funnel (the positive outcome rate) holds only the force's
 * own areas, as a rate's does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/compare.h"
#include "fixtures.h"
#include "ingest/import.h"
#include "ingest/lookup.h"
#include "store/query.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/month.h"

/* A street file: n crimes in each LSOA named, and one with no location;
 * the first `charged` of each were charged (a positive outcome), the rest
 * closed with no suspect (settled, not positive: a crime still under
 * investigation would be out of the rate's denominator). */
static char *street_file(const char *dir)
{
    static const struct {
        const char *code, *name;
        int n, charged;
    } lsoas[] = {
        {"E01000001", "Blaby 001A", 400, 100}, /* the force's own district */
        {"E01000002", "Rutland 001A", 10, 4},  /* 10 of 411 located: 2.4%, its own */
        {"E01009999", "Lincoln 004C", 1, 1},   /* 1 of 411: 0.24%, under 1 in 400 */
        {"", "", 1, 1},                        /* no location */
    };
    struct buf b = BUF_INIT;
    buf_puts(&b, "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
                 "LSOA name,Crime type,Last outcome category,Context\r\n");
    for (size_t i = 0; i < sizeof lsoas / sizeof lsoas[0]; i++)
        for (int k = 0; k < lsoas[i].n; k++)
            buf_printf(&b,
                       "%064zx,2022-01,Leicestershire Police,Leicestershire Police,-1.1,52.6,"
                       "On or near X,%s,%s,Burglary,%s,\r\n",
                       i * 1000 + (size_t)k + 1, lsoas[i].code, lsoas[i].name,
                       k < lsoas[i].charged ? "Suspect charged"
                                            : "Investigation complete; no suspect identified");
    char *path = fixture_write(dir, "2022-01-leicestershire-street.csv", b.p, b.len);
    buf_free(&b);
    return path;
}

struct world {
    char *dir;
    struct store *s;
};

static void on_file(const struct ingest_file_report *r, void *arg)
{
    (void)arg;
    assert_null(r->error);
}

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->dir = fixture_tmpdir();
    w->s = fixture_store_open(w->dir, NULL);
    char *path = street_file(w->dir);
    struct ingest_options opt = {.command = "test", .user = "test", .on_file = on_file};
    struct ingest_totals tot;
    struct buf err = BUF_INIT;
    assert_int_equal(ingest_paths(w->s, &path, 1, &opt, &tot, &err), 0);
    buf_free(&err);
    free(path);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fixture_store_close(w->s, NULL, w->dir);
    free(w);
    return 0;
}

/* "label=count;..." of the query grouped by one area dimension. */
static void take(void *arg, const char *const *keys, int64_t n)
{
    buf_printf(arg, "%s=%lld;", keys[0], (long long)n);
}

static void grouped(struct store *s, const char *dim, const char *key, const char *value,
                    struct buf *out)
{
    struct stats_query q = {.ndims = 1, .month_from = -1, .month_to = -1};
    assert_true(stats_dim_parse(s, dim, &q.dims[0]));
    q.area_key = key;
    q.area_value = value;
    struct buf err = BUF_INIT;
    buf_reset(out);
    assert_int_equal(store_stats(s, &q, take, out, &err), 0);
    buf_free(&err);
}

static void load_lookup(struct world *w, const char *text)
{
    char *path = fixture_write(w->dir, "lookup.csv", text, strlen(text));
    struct area_options opt = {.origin = {"test", "test"}};
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(lookup_import_areas(w->s, path, &opt, &res, &err), 0);
    buf_free(&res.groupings);
    buf_free(&err);
    free(path);
}

static void add_name(void *arg, const char *name)
{
    buf_printf(arg, "%s;", name);
}

/* The two questions answered by the first row found, not by summing all:
 * whether an area holds crimes, and which forces the store counts. */
static void areas_and_forces_are_found_without_summing(struct world *w)
{
    struct buf err = BUF_INIT, names = BUF_INIT;
    bool found = false;
    assert_int_equal(store_area_has_crimes(w->s, "district", "Blaby", &found, &err), 0);
    assert_true(found);
    assert_int_equal(store_area_has_crimes(w->s, "district", STATS_OUTSIDE, &found, &err), 0);
    assert_true(found);
    /* the stray's own district is not the force's (above) */
    assert_int_equal(store_area_has_crimes(w->s, "district", "Lincoln", &found, &err), 0);
    assert_false(found);
    assert_int_equal(store_area_has_crimes(w->s, "lsoa", "E01000002", &found, &err), 0);
    assert_true(found);
    assert_int_equal(store_area_has_crimes(w->s, "csp", "Blaby", &found, &err), -1);
    assert_non_null(strstr(err.p, "no area grouping 'csp'"));
    int jan = 0;
    assert_true(month_parse("2022-01", 7, &jan));
    assert_int_equal(store_forces_counted(w->s, jan, jan, 2, add_name, &names, &err), 0);
    assert_string_equal(names.p, "Leicestershire Police;");
    buf_reset(&names);
    assert_int_equal(store_forces_counted(w->s, jan + 1, jan + 12, 2, add_name, &names, &err), 0);
    assert_int_equal(names.len, 0);
    buf_free(&names);
    buf_free(&err);
}

static void before_a_lookup_the_force_districts_decide(void **state)
{
    struct world *w = *state;
    struct buf out = BUF_INIT;
    grouped(w->s, "district", NULL, NULL, &out);
    assert_string_equal(out.p, "(no location)=1;(outside the force area)=1;Blaby=400;Rutland=10;");
    /* every area dimension gathers them the same way */
    grouped(w->s, "lsoa", NULL, NULL, &out);
    assert_string_equal(out.p,
                        "(no location)=1;(outside the force area)=1;E01000001=400;E01000002=10;");
    /* --area finds a row by the label listed, and no longer by the stray's
     * own district */
    grouped(w->s, "district", "district", STATS_OUTSIDE, &out);
    assert_string_equal(out.p, "(outside the force area)=1;");
    grouped(w->s, "district", "district", "Lincoln", &out);
    assert_string_equal(out.p, "");
    /* a district by name: its LSOAs by their own district (lsoa_district) */
    grouped(w->s, "district", "district", "Rutland", &out);
    assert_string_equal(out.p, "Rutland=10;");
    grouped(w->s, "district", "district", "Blaby", &out);
    assert_string_equal(out.p, "Blaby=400;");
    grouped(w->s, "lsoa", "lsoa", STATS_NO_LOCATION, &out);
    assert_string_equal(out.p, "(no location)=1;");
    buf_free(&out);
    areas_and_forces_are_found_without_summing(w);
}

static void a_lookup_decides_once_loaded(void **state)
{
    struct world *w = *state;
    /* Rutland's LSOA is not in this lookup: outside now, however many
     * crimes it holds; " UA" is dropped from the names */
    load_lookup(w, "LSOA code,district,csp\nE01000001,Blaby UA,Blaby and Oadby\n"
                   "E01000003,Melton,Melton\n");
    struct buf out = BUF_INIT;
    grouped(w->s, "district", NULL, NULL, &out);
    assert_string_equal(out.p, "(no location)=1;(outside the force area)=11;Blaby=400;");
    grouped(w->s, "csp", NULL, NULL, &out);
    assert_string_equal(out.p, "(no location)=1;(outside the force area)=11;Blaby and Oadby=400;");
    grouped(w->s, "csp", "csp", STATS_OUTSIDE, &out);
    assert_string_equal(out.p, "(outside the force area)=11;");
    /* a district by name: the lookup's LSOAs by the lookup's name (area_value),
     * and none outside it, whatever their own district */
    grouped(w->s, "district", "district", "Blaby", &out);
    assert_string_equal(out.p, "Blaby=400;");
    grouped(w->s, "district", "district", "Rutland", &out);
    assert_string_equal(out.p, "");
    grouped(w->s, "district", "district", "Melton", &out);
    assert_string_equal(out.p, "");
    /* a lookup that holds Rutland's LSOA brings it back inside: a mark
     * that changes is written either way (only those are) */
    load_lookup(w, "LSOA code,district,csp\nE01000001,Blaby,Blaby and Oadby\n"
                   "E01000002,Rutland,Rutland\n");
    grouped(w->s, "district", NULL, NULL, &out);
    assert_string_equal(out.p, "(no location)=1;(outside the force area)=1;Blaby=400;Rutland=10;");
    buf_free(&out);
    /* and marking again, with nothing changed, writes no LSOA */
    struct buf err = BUF_INIT;
    assert_int_equal(store_exec(w->s, "BEGIN", &err), 0);
    int before = sqlite3_total_changes(w->s->db);
    assert_int_equal(store_force_area_update(w->s, &err), 0);
    assert_int_equal(sqlite3_total_changes(w->s->db), before);
    assert_int_equal(store_exec(w->s, "ROLLBACK", &err), 0);
    buf_free(&err);
}

static void rates_count_the_force_area_only(void **state)
{
    struct world *w = *state;
    char *path = fixture_write(w->dir, "population.csv",
                               "E01000001,1000\nE01000002,2000\nE01009999,4000\n", 43);
    struct population_options opt = {.origin = {"test", "test"}};
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(lookup_import_population(w->s, path, &opt, &res, &err), 0);
    int64_t population, nlsoas;
    /* before a lookup: Blaby's and Rutland's residents, not Lincoln's */
    assert_int_equal(store_population(w->s, NULL, NULL, &population, &nlsoas, &err), 0);
    assert_int_equal(population, 3000);
    assert_int_equal(nlsoas, 2);
    /* once a lookup is loaded: the residents of its LSOAs that have one */
    load_lookup(w, "LSOA code,district\nE01000001,Blaby\nE01000003,Melton\n");
    assert_int_equal(store_population(w->s, NULL, NULL, &population, &nlsoas, &err), 0);
    assert_int_equal(population, 1000);
    assert_int_equal(nlsoas, 1);
    buf_free(&res.groupings);
    buf_free(&err);
    free(path);
}

/* "name=observed/denominator;..." of the positive outcome rate by
 * district, as a funnel takes it; the positive outcomes left off into
 * *outside and *no_location. */
static void proportion_areas(struct store *s, struct buf *out, long *outside, long *no_location)
{
    struct plan p = {0};
    struct plan_metric m = {.id = "por", .def = {.measure = MEASURE_POSITIVE_RATE}};
    struct stats_dim_spec by;
    assert_true(stats_dim_parse(s, "district", &by));
    struct area_values v;
    struct buf err = BUF_INIT;
    assert_int_equal(metric_by_area(s, &p, &m, &by, -1, -1, &v, &err), 0);
    assert_true(v.proportion);
    buf_reset(out);
    for (size_t i = 0; i < v.n; i++)
        buf_printf(out, "%s=%.0f/%.0f;", v.items[i].name, v.items[i].observed,
                   v.items[i].denominator);
    *outside = v.outside;
    *no_location = v.no_location;
    area_values_free(&v);
    buf_free(&err);
}

static void proportions_compare_the_force_area_only(void **state)
{
    struct world *w = *state;
    struct buf out = BUF_INIT;
    long outside, no_location;
    /* before a lookup: Blaby and Rutland, not Lincoln's stray crime nor the
     * one with no location */
    proportion_areas(w->s, &out, &outside, &no_location);
    assert_string_equal(out.p, "Blaby=100/400;Rutland=4/10;");
    assert_int_equal(outside, 1);
    assert_int_equal(no_location, 1);
    /* once a lookup of Blaby alone is loaded, Rutland is outside too: the
     * funnel is of the lookup's areas */
    load_lookup(w, "LSOA code,district\nE01000001,Blaby\n");
    proportion_areas(w->s, &out, &outside, &no_location);
    assert_string_equal(out.p, "Blaby=100/400;");
    assert_int_equal(outside, 5);
    assert_int_equal(no_location, 1);
    buf_free(&out);
}

static void own_areas_are_told_apart(void **state)
{
    (void)state;
    assert_true(stats_area_is_own("Charnwood"));
    assert_false(stats_area_is_own(STATS_OUTSIDE));
    assert_false(stats_area_is_own(STATS_NO_LOCATION));
    assert_false(stats_area_is_own(STATS_NOT_IN_LOOKUP));
}

/* An LSOA whose name gives no district, met often enough to be 1 in 400 of
 * the force's located crimes, is outside the force area, and the others
 * are as before: the import's commit failed on lsoa.outside's NOT NULL
 * (its district, NULL, counted among the force's own). */
static void an_lsoa_name_without_a_district_is_outside(void **state)
{
    struct world *w = *state;
    struct buf b = BUF_INIT;
    buf_puts(&b, "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
                 "LSOA name,Crime type,Last outcome category,Context\r\n");
    for (int k = 0; k < 10; k++)
        buf_printf(&b,
                   "%064x,2022-02,Leicestershire Police,Leicestershire Police,-1.1,52.6,"
                   "On or near X,E01000003,Somewhere odd,Burglary,,\r\n",
                   k + 1);
    char *path = fixture_write(w->dir, "2022-02-leicestershire-street.csv", b.p, b.len);
    struct ingest_options opt = {.command = "test", .user = "test", .on_file = on_file};
    struct ingest_totals tot;
    struct buf err = BUF_INIT;
    assert_int_equal(ingest_paths(w->s, &path, 1, &opt, &tot, &err), 0);
    struct buf out = BUF_INIT;
    grouped(w->s, "district", NULL, NULL, &out);
    assert_string_equal(out.p, "(no location)=1;(outside the force area)=11;Blaby=400;Rutland=10;");
    buf_free(&out);
    buf_free(&err);
    buf_free(&b);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(before_a_lookup_the_force_districts_decide, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_lookup_decides_once_loaded, setup, teardown),
        cmocka_unit_test_setup_teardown(rates_count_the_force_area_only, setup, teardown),
        cmocka_unit_test_setup_teardown(proportions_compare_the_force_area_only, setup, teardown),
        cmocka_unit_test(own_areas_are_told_apart),
        cmocka_unit_test_setup_teardown(an_lsoa_name_without_a_district_is_outside, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
