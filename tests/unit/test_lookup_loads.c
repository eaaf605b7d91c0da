/*
 * test_lookup_loads.c - area lookups and populations (ingest/lookup.h):
 * every load recorded with the file's SHA-256 (as sha256sum gives it), its
 * size, rows, who and by which command (store/loads.h); an LSOA given
 * twice, in a lookup or a population file, and a force given twice in a
 * force population file, refused naming both lines, with nothing loaded
 * and no load recorded.
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
#include "ingest/lookup.h"
#include "store/store_internal.h"
#include "util/sha256.h"

static const struct load_origin origin = {"peel import-areas lookup.csv", "analyst"};

static int64_t count(struct store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The one text a query gives. */
static void text(struct store *s, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static const char lookup[] = "LSOA code,district,force\n"
                             "E01000001,Blaby,Leicestershire\n"
                             "E01000002,Melton,Leicestershire\n"
                             "E01000001,Charnwood,Leicestershire\n" /* the same LSOA, again */
                             "E01000009,Hartlepool,Cleveland\n"
                             "E01000009,Hartlepool,Cleveland\n";

static void a_lookup_load_is_recorded(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    const char good[] = "LSOA code,district\nE01000001,Blaby\nE01000002,Melton\n";
    char *path = fixture_write(dir, "lookup.csv", good, strlen(good));
    struct area_options opt = {.origin = origin};
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(lookup_import_areas(s, path, &opt, &res, &err), 0);
    char sha[SHA256_HEX_SIZE], got[512], want[1024];
    sha256_of(good, strlen(good), sha);
    text(s,
         "SELECT kind || '|' || sha256 || '|' || bytes || '|' || rows || '|' || detail || '|' ||"
         " command || '|' || loaded_by || '|' || path FROM data_load",
         got, sizeof got);
    snprintf(want, sizeof want,
             "areas|%s|%zu|2|groupings: district|peel import-areas lookup.csv|analyst|%s", sha,
             strlen(good), path);
    assert_string_equal(got, want);
    buf_free(&res.groupings);
    buf_free(&err);
    free(path);
    fixture_store_close(s, NULL, dir);
}

static void an_lsoa_given_twice_loads_nothing(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    char *path = fixture_write(dir, "lookup.csv", lookup, strlen(lookup));
    struct area_options opt = {.origin = origin};
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(lookup_import_areas(s, path, &opt, &res, &err), 2);
    char want[512];
    snprintf(want, sizeof want,
             "%s:4: LSOA code: given twice, first on line 2: 'E01000001'\n"
             "%s:6: LSOA code: given twice, first on line 5: 'E01000009'",
             path, path);
    assert_string_equal(buf_str(&err), want);
    assert_int_equal(count(s, "SELECT count(*) FROM area"), 0);
    assert_int_equal(count(s, "SELECT count(*) FROM data_load"), 0);
    /* rows --where leaves out are not loaded, so not checked: this loads */
    buf_reset(&err);
    opt.where_column = "district";
    opt.where_value = "Melton";
    assert_int_equal(lookup_import_areas(s, path, &opt, &res, &err), 0);
    assert_int_equal(count(s, "SELECT count(*) FROM area"), 2); /* district and force */
    char detail[128];
    text(s, "SELECT detail FROM data_load", detail, sizeof detail);
    assert_string_equal(detail, "groupings: district, force; only rows where district = Melton");
    buf_free(&res.groupings);
    buf_free(&err);
    free(path);
    fixture_store_close(s, NULL, dir);
}

static void a_population_given_twice_loads_nothing(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    const char good[] = "E01000001,1200\nE01000002,1300\n";
    const char twice[] = "lsoacd,population\nE01000001,1200\nE01000002,1300\nE01000001,999\n";
    char *ok = fixture_write(dir, "pop.csv", good, strlen(good));
    char *bad = fixture_write(dir, "twice.csv", twice, strlen(twice));
    struct population_options opt = {.origin = origin};
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(lookup_import_population(s, ok, &opt, &res, &err), 0);
    char sha[SHA256_HEX_SIZE], got[128];
    sha256_of(good, strlen(good), sha);
    text(s, "SELECT sha256 FROM data_load WHERE kind = 'population'", got, sizeof got);
    assert_string_equal(got, sha);
    assert_int_equal(lookup_import_population(s, bad, &opt, &res, &err), 2);
    char want[256];
    snprintf(want, sizeof want, "%s:4: LSOA code: given twice, first on line 2: 'E01000001'", bad);
    assert_string_equal(buf_str(&err), want);
    assert_int_equal(count(s, "SELECT sum(population) FROM population"), 2500); /* as before */
    assert_int_equal(count(s, "SELECT count(*) FROM data_load"), 1);
    buf_free(&res.groupings);
    buf_free(&err);
    free(ok);
    free(bad);
    fixture_store_close(s, NULL, dir);
}

static void a_force_given_twice_loads_nothing(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    const char twice[] = "name,population\nLeicestershire,1100000\nENGLAND,56000000\n"
                         "Leicestershire Police,1200000\n";
    char *path = fixture_write(dir, "pfa.csv", twice, strlen(twice));
    struct force_population_options opt = {.origin = origin};
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(lookup_import_force_population(s, path, &opt, &res, &err), 2);
    char want[256];
    snprintf(want, sizeof want, "%s:4: name: given twice, first on line 2: 'leicestershire'", path);
    assert_string_equal(buf_str(&err), want);
    assert_int_equal(count(s, "SELECT count(*) FROM force_population"), 0);
    assert_int_equal(count(s, "SELECT count(*) FROM data_load"), 0);
    buf_free(&res.groupings);
    buf_free(&err);
    free(path);
    fixture_store_close(s, NULL, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_lookup_load_is_recorded),
        cmocka_unit_test(an_lsoa_given_twice_loads_nothing),
        cmocka_unit_test(a_population_given_twice_loads_nothing),
        cmocka_unit_test(a_force_given_twice_loads_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
