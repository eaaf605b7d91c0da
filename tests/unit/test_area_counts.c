/*
 * test_area_counts.c - the LSOA rollup clustered by (LSOA, crime type,
 * month) and read one area at a time (store/area_counts.h):
 *   - its rows are a GROUP BY of the crimes, after an import and after a
 *     month is imported again (its old cells found by its crimes' keys);
 *   - store_area_counts gives the counts store_stats gives, area by area in
 *     the same order, with a force, crime types and an area filter, by
 *     month or summed over the months, with outcomes or without;
 *   - the migration turns the old rollup (a rowid table, a cell possibly
 *     split over rows) into the new one with the same counts;
 *   - store_stats by month or financial year, crime type and perhaps
 *     positive outcome (summed in C: store/query_series.c) gives the rows
 *     of the general query (a stats cursor: SQL's GROUP BY), in its order;
 *   - the force rollup summed over forces (rollup_all, migration 52) is
 *     rollup_force's GROUP BY after imports, a month imported again (in
 *     another import and twice in one), and when the migration builds it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixtures.h"
#include "store/area_counts.h"
#include "store/query.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/buf.h"
#include "util/month.h"

#define STREET_HEADER                                                                              \
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"               \
    "LSOA name,Crime type,Last outcome category,Context\r\n"

/* The rollup's cells (the view unpacking its rows) that a GROUP BY of the
 * crimes does not give, and the other way round, and the rows whose n is
 * not the sum of their cells: 0 when the two are equal. */
#define ROLLUP_DIFFERS                                                                             \
    "SELECT count(*) FROM (SELECT * FROM (SELECT lsoa_id, crime_type_id, month, force_id,"         \
    " outcome_id, n FROM rollup_lsoa_cell EXCEPT " CRIMES_GROUPED                                  \
    ") UNION ALL SELECT * FROM (" CRIMES_GROUPED                                                   \
    " EXCEPT SELECT lsoa_id, crime_type_id, month, force_id, outcome_id, n"                        \
    " FROM rollup_lsoa_cell) UNION ALL SELECT lsoa_id, month, force_id, n, 0, 0"                   \
    " FROM rollup_lsoa r WHERE n IS NOT (SELECT sum(n) FROM rollup_cells(r.cells)))"
/* The same for rollup_all against rollup_force summed over forces. */
#define ROLLUP_ALL_DIFFERS                                                                         \
    "SELECT count(*) FROM (SELECT * FROM (SELECT * FROM rollup_all EXCEPT " FORCES_SUMMED          \
    ") UNION ALL SELECT * FROM (" FORCES_SUMMED " EXCEPT SELECT * FROM rollup_all))"
#define FORCES_SUMMED                                                                              \
    "SELECT month, crime_type_id, outcome_id, sum(n) FROM rollup_force GROUP BY 1, 2, 3"
#define CRIMES_GROUPED                                                                             \
    "SELECT c.lsoa_id, c.crime_type_id, sl.month, sl.force_id, c.outcome_id, count(*) AS n"        \
    " FROM crime c JOIN slice sl ON sl.id = c.id >> 32 GROUP BY 1, 2, 3, 4, 5"

struct world {
    char *dir;
    struct store *s;
    sqlite3 *peek;
};

/* One force's month: rows spread over the first `places` of four LSOAs and
 * no location (the last), three crime types and the three kinds of
 * outcome; `shift` changes which row gets what. */
static void month_csv(struct buf *b, const char *force, int month, int rows, int shift, int places)
{
    static const char *const lsoas[][2] = {{"E01000001", "Blaby 001A"},
                                           {"E01000002", "Blaby 002B"},
                                           {"E01000003", "Charnwood 001A"},
                                           {"E01000004", "Charnwood 003C"},
                                           {"", ""}};
    static const char *const types[] = {"Burglary", "Robbery", "Anti-social behaviour"};
    static const char *const outcomes[] = {"Suspect charged", "Under investigation",
                                           "Investigation complete; no suspect identified"};
    buf_puts(b, STREET_HEADER);
    for (int i = 0; i < rows; i++) {
        int k = i + shift, type = k * 7 % 3, at = (k + k / 3) % places;
        buf_printf(b, ",2022-%02d,%s,%s,-1.1,52.6,On or near X,%s,%s,%s,%s,\r\n", month, force,
                   force, lsoas[at][0], lsoas[at][1], types[type],
                   type == 2 ? "" : outcomes[k / 2 % 3]);
    }
}

static void import_month(struct world *w, const char *force, const char *slug, int month, int rows,
                         int shift, int places)
{
    struct buf b = BUF_INIT, name = BUF_INIT;
    month_csv(&b, force, month, rows, shift, places);
    buf_printf(&name, "2022-%02d-%s-street.csv", month, slug);
    char *path = fixture_write(w->dir, name.p, b.p, b.len);
    fixture_import(w->s, path);
    free(path);
    buf_free(&b);
    buf_free(&name);
}

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->dir = fixture_tmpdir();
    w->s = fixture_store_open(w->dir, &w->peek);
    for (int m = 1; m <= 3; m++) {
        import_month(w, "Leicestershire Police", "leicestershire", m, 40 + m, m, 5);
        import_month(w, "Kent Police", "kent", m, 9 + m, 2 * m, 2); /* one LSOA shared */
    }
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fixture_store_close(w->s, w->peek, w->dir);
    free(w);
    return 0;
}

static void rollup_is_a_group_by_of_the_crimes(void **state)
{
    struct world *w = *state;
    assert_int_equal(fixture_count(w->peek, "SELECT sum(n) FROM rollup_lsoa"),
                     fixture_count(w->peek, "SELECT count(*) FROM crime"));
    assert_int_equal(fixture_count(w->peek, ROLLUP_DIFFERS), 0);
    assert_int_equal(fixture_count(w->peek, ROLLUP_ALL_DIFFERS), 0);
    /* a later download of a month: fewer rows, other outcomes */
    import_month(w, "Leicestershire Police", "leicestershire", 2, 17, 5, 5);
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM crime c JOIN slice sl"
                                            " ON sl.id = c.id >> 32 WHERE sl.month = 24265"),
                     17 + 11);
    assert_int_equal(fixture_count(w->peek, ROLLUP_DIFFERS), 0);
    assert_int_equal(fixture_count(w->peek, ROLLUP_ALL_DIFFERS), 0);
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM sqlite_schema"
                                            " WHERE name = 'rollup_lsoa'"
                                            " AND sql LIKE '%WITHOUT ROWID%'"),
                     1);
}

/* The groups by `cols` (and their sums) of the virtual table's rows under
 * `where` that the crimes' do not give, the other way round, and the
 * difference in their numbers: 0 when the two agree. */
static int64_t sums_differ(sqlite3 *db, const char *cols, const char *where)
{
    char sql[4096];
    snprintf(sql, sizeof sql,
             "WITH g AS (" CRIMES_GROUPED "),"
             " t AS (SELECT %s, sum(n) FROM rollup_lsoa_cell WHERE %s GROUP BY %s),"
             " u AS (SELECT %s, sum(n) FROM g WHERE %s GROUP BY %s)"
             " SELECT (SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM u))"
             " + (SELECT count(*) FROM (SELECT * FROM u EXCEPT SELECT * FROM t))"
             " + abs((SELECT count(*) FROM t) - (SELECT count(*) FROM u))",
             cols, where, cols, cols, where, cols);
    return fixture_count(db, sql);
}

/* Whether sql's rows (four integer columns) come in order, none before
 * the one it follows. */
static bool rows_ascend(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    int64_t prev[4] = {-1, -1, -1, -1};
    bool ascend = true;
    size_t rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t v[4];
        for (int i = 0; i < 4; i++)
            v[i] = sqlite3_column_int64(st, i);
        ascend = ascend && (v[0] != prev[0]   ? v[0] > prev[0]
                            : v[1] != prev[1] ? v[1] > prev[1]
                            : v[2] != prev[2] ? v[2] > prev[2]
                                              : v[3] >= prev[3]);
        memcpy(prev, v, sizeof v);
        rows++;
    }
    sqlite3_finalize(st);
    assert_true(rows > 10);
    return ascend;
}

/* rollup_lsoa_cell (store/rollup_cell_table.c) under every constraint it
 * passes to rollup_lsoa's key, alone and together, gives the crimes' cells
 * and, grouped without the force (its forces merged) or not, their sums;
 * an OR (a scan per branch, rows met twice dropped by key) gives what it
 * gives with the constraints kept from the table; and when it tells SQLite
 * an ORDER BY or a GROUP BY needs no sort, its rows are in order (a wrong
 * claim leaves them unsorted). */
static void cell_table_is_the_crimes_cells(void **state)
{
    struct world *w = *state;
    assert_true(fixture_count(w->peek, "SELECT count(*) FROM (SELECT 1 FROM rollup_lsoa"
                                       " GROUP BY lsoa_id, month HAVING count(*) > 1)") > 0);
    static const char *const wheres[] = {
        "1",
        "lsoa_id = (SELECT min(lsoa_id) FROM rollup_lsoa)",
        "lsoa_id IN (SELECT lsoa_id FROM rollup_lsoa WHERE force_id = 2)",
        "month = 24265",
        "month > 24264",
        "month >= 24265 AND month < 24266",
        "month <= 24265",
        "force_id = 2",
        "force_id = 1 AND month >= 24265 AND lsoa_id = (SELECT max(lsoa_id) FROM rollup_lsoa)",
        "crime_type_id = 1 AND outcome_id > 1",
        "lsoa_id = (SELECT min(lsoa_id) FROM rollup_lsoa) OR month = 24265",
    };
    static const char *const groups[] = {
        "lsoa_id, crime_type_id, month, force_id, outcome_id",
        "lsoa_id, month, crime_type_id",
        "month, lsoa_id",
        "crime_type_id",
        "lsoa_id, outcome_id",
    };
    for (size_t i = 0; i < sizeof wheres / sizeof *wheres; i++)
        for (size_t j = 0; j < sizeof groups / sizeof *groups; j++)
            if (sums_differ(w->peek, groups[j], wheres[i]) != 0)
                fail_msg("rollup_lsoa_cell WHERE %s GROUP BY %s", wheres[i], groups[j]);
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM rollup_lsoa_cell"
                                            " WHERE lsoa_id = 1 OR month = 24265"),
                     fixture_count(w->peek, "SELECT count(*) FROM rollup_lsoa_cell"
                                            " WHERE +lsoa_id = 1 OR +month = 24265"));
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM rollup_lsoa_cell"
                                            " WHERE (lsoa_id = 1 AND month = 24264)"
                                            " OR (lsoa_id = 2 AND month = 24265)"),
                     fixture_count(w->peek, "SELECT count(*) FROM rollup_lsoa_cell"
                                            " WHERE (+lsoa_id = 1 AND +month = 24264)"
                                            " OR (+lsoa_id = 2 AND +month = 24265)"));
    static const char *const sorted[] = {
        "SELECT lsoa_id, month, crime_type_id, outcome_id FROM rollup_lsoa_cell"
        " ORDER BY lsoa_id, month, crime_type_id, outcome_id",
        "SELECT lsoa_id, month, crime_type_id, sum(n) FROM rollup_lsoa_cell"
        " GROUP BY lsoa_id, month, crime_type_id ORDER BY lsoa_id, month, crime_type_id",
        "SELECT month, lsoa_id, 0, 0 FROM rollup_lsoa_cell GROUP BY month, lsoa_id"
        " ORDER BY month, lsoa_id",
        "SELECT crime_type_id, lsoa_id, month, outcome_id FROM rollup_lsoa_cell"
        " ORDER BY crime_type_id, lsoa_id, month, outcome_id",
        "SELECT lsoa_id, month, force_id, crime_type_id FROM rollup_lsoa_cell"
        " ORDER BY lsoa_id, month, force_id, crime_type_id",
        "SELECT month, lsoa_id, force_id, 0 FROM rollup_lsoa_cell GROUP BY month, lsoa_id,"
        " force_id ORDER BY month, lsoa_id, force_id",
    };
    for (size_t i = 0; i < sizeof sorted / sizeof *sorted; i++)
        if (!rows_ascend(w->peek, sorted[i]))
            fail_msg("out of order: %s", sorted[i]);
}

/* ---- store_area_counts against store_stats ------------------------------ */

static void stats_row(void *arg, const char *const *keys, int64_t n)
{
    buf_printf(arg, "%s|%s|%s|%lld\n", keys[0], keys[1], keys[2], (long long)n);
}

static void stats_state(void *arg, const char *const *keys, int64_t n)
{
    buf_printf(arg, "%s|%s|%lld\n", keys[0], keys[1], (long long)n);
}

struct seen {
    unsigned want;
    struct buf series, states;
};

/* The same lines as stats_row and stats_state write: positive_outcome's
 * labels in their order (no, pending, yes), counts of 0 left out as
 * store_stats has no group for them. Without AREA_COUNTS_MONTHS a type's
 * one cell is its months summed, written with no month (as type_total
 * writes store_stats' rows); without AREA_COUNTS_OUTCOMES every crime is
 * written as one of no outcome yet known ("all"), positive and pending
 * being 0. */
static void area_row(void *arg, const struct area_counts *a)
{
    struct seen *seen = arg;
    bool by_month = seen->want & AREA_COUNTS_MONTHS, outcomes = seen->want & AREA_COUNTS_OUTCOMES;
    assert_true(by_month || a->nmonths == 1);
    int64_t yes = 0, pending = 0, all = 0;
    for (size_t t = 0; t < a->ntypes; t++) {
        for (size_t m = 0; m < a->nmonths; m++) {
            const struct area_cell *c = &a->cells[t * a->nmonths + m];
            assert_true(a->read[t] || c->crimes == 0);
            assert_true(outcomes || (c->positive == 0 && c->pending == 0));
            char month[MONTH_TEXT_SIZE] = "";
            if (by_month)
                month_format(a->month_from + (int)m, month);
            if (c->crimes)
                buf_printf(&seen->series, "%s|%s|%s|%lld\n", a->area, a->types[t], month,
                           (long long)c->crimes);
            yes += c->positive;
            pending += c->pending;
            all += c->crimes;
        }
    }
    if (!outcomes) {
        buf_printf(&seen->states, "%s|all|%lld\n", a->area, (long long)all);
        return;
    }
    const int64_t n[] = {all - yes - pending, pending, yes};
    const char *const label[] = {STATS_POSITIVE_NO, STATS_POSITIVE_PENDING, STATS_POSITIVE_YES};
    for (int i = 0; i < 3; i++)
        if (n[i])
            buf_printf(&seen->states, "%s|%s|%lld\n", a->area, label[i], (long long)n[i]);
}

/* store_stats' rows by (area, crime type), written as area_row writes a
 * type's months summed. */
static void type_total(void *arg, const char *const *keys, int64_t n)
{
    buf_printf(arg, "%s|%s||%lld\n", keys[0], keys[1], (long long)n);
}

/* store_stats' rows by area alone, written as area_row writes an area's
 * crimes when it reads no outcome. */
static void area_total(void *arg, const char *const *keys, int64_t n)
{
    buf_printf(arg, "%s|all|%lld\n", keys[0], (long long)n);
}

/* q (its dims[0] and filters) asked both ways, store_area_counts with
 * each combination of what it may be asked for. */
static void same_counts(struct world *w, struct stats_query q)
{
    struct buf err = BUF_INIT, series = BUF_INIT, states = BUF_INIT, types = BUF_INIT,
               totals = BUF_INIT;
    q.ndims = 3;
    q.dims[1] = (struct stats_dim_spec){DIM_CRIME_TYPE, NULL, "crime_type"};
    q.dims[2] = (struct stats_dim_spec){DIM_MONTH, NULL, "month"};
    assert_int_equal(store_stats(w->s, &q, stats_row, &series, &err), 0);
    q.ndims = 2;
    assert_int_equal(store_stats(w->s, &q, type_total, &types, &err), 0);
    q.dims[1] = (struct stats_dim_spec){DIM_POSITIVE_OUTCOME, NULL, "positive_outcome"};
    assert_int_equal(store_stats(w->s, &q, stats_state, &states, &err), 0);
    q.ndims = 1;
    assert_int_equal(store_stats(w->s, &q, area_total, &totals, &err), 0);
    assert_true(series.len > 0);
    for (unsigned want = 0; want <= (AREA_COUNTS_MONTHS | AREA_COUNTS_OUTCOMES); want++) {
        struct seen got = {want, BUF_INIT, BUF_INIT};
        assert_int_equal(store_area_counts(w->s, &q, want, area_row, &got, &err), 0);
        assert_string_equal(buf_str(&got.series),
                            buf_str(want & AREA_COUNTS_MONTHS ? &series : &types));
        assert_string_equal(buf_str(&got.states),
                            buf_str(want & AREA_COUNTS_OUTCOMES ? &states : &totals));
        buf_free(&got.series);
        buf_free(&got.states);
    }
    buf_free(&err);
    buf_free(&series);
    buf_free(&states);
    buf_free(&types);
    buf_free(&totals);
}

static struct stats_query query(struct world *w, const char *dim, int from, int to)
{
    struct stats_query q = {.ndims = 1, .month_from = from, .month_to = to};
    assert_true(stats_dim_parse(w->s, dim, &q.dims[0]));
    return q;
}

static void counts_are_store_stats_counts(void **state)
{
    struct world *w = *state;
    int jan = 0, mar = 0;
    assert_true(month_parse("2022-01", 7, &jan));
    assert_true(month_parse("2022-03", 7, &mar));
    same_counts(w, query(w, "lsoa", jan, mar));
    same_counts(w, query(w, "lsoa", -1, -1)); /* every month held */
    same_counts(w, query(w, "district", jan, mar));
    same_counts(w, query(w, "lsoa_name", jan + 1, mar));
    struct stats_query q = query(w, "lsoa", jan + 1, mar);
    q.force = "Kent Police";
    same_counts(w, q);
    static const char *const burglary[] = {"Burglary"};
    q = query(w, "district", jan, mar);
    q.crime_types = burglary;
    q.ncrime_types = 1;
    same_counts(w, q);
    q = query(w, "lsoa", jan, mar);
    q.exclude_asb = true;
    q.area_key = "district";
    q.area_value = "Charnwood";
    same_counts(w, q);
    q = query(w, "lsoa", jan, jan);
    q.area_key = "force";
    q.area_value = "kent";
    same_counts(w, q);
    struct buf err = BUF_INIT;
    struct seen none = {AREA_COUNTS_MONTHS, BUF_INIT, BUF_INIT};
    q = query(w, "lsoa", jan, mar);
    q.area_key = "csp";
    q.area_value = "x";
    assert_int_equal(store_area_counts(w->s, &q, AREA_COUNTS_MONTHS, area_row, &none, &err), -1);
    assert_non_null(strstr(buf_str(&err), "no area grouping 'csp'"));
    buf_free(&err);
}

/* ---- series summed in C -------------------------------------------------- */

struct lines {
    struct buf b;
    int ndims;
};

static void line_row(void *arg, const char *const *keys, int64_t n)
{
    struct lines *l = arg;
    for (int i = 0; i < l->ndims; i++)
        buf_printf(&l->b, "%s|", keys[i]);
    buf_printf(&l->b, "%lld\n", (long long)n);
}

/* q asked of store_stats and of a cursor (the general query). */
static void same_series(struct world *w, const struct stats_query *q)
{
    struct buf err = BUF_INIT;
    struct lines got = {BUF_INIT, q->ndims}, want = {BUF_INIT, q->ndims};
    assert_int_equal(store_stats(w->s, q, line_row, &got, &err), 0);
    struct stats_cursor *c = stats_cursor_open(w->s, q, &err);
    assert_non_null(c);
    const char *keys[STATS_MAX_DIMS] = {0};
    int64_t n = 0;
    int rc;
    while ((rc = stats_cursor_next(c, keys, &n, &err)) == 1)
        line_row(&want, keys, n);
    assert_int_equal(rc, 0);
    stats_cursor_close(c);
    assert_string_equal(buf_str(&got.b), buf_str(&want.b));
    if (q->ndims == 3 && !q->area_key && !q->force && q->month_from < 0) /* every state */
        assert_true(strstr(got.b.p, "|no|") && strstr(got.b.p, "|pending|") &&
                    strstr(got.b.p, "|yes|"));
    buf_free(&got.b);
    buf_free(&want.b);
    buf_free(&err);
}

static void series_are_the_general_query(void **state)
{
    struct world *w = *state;
    static const char *const dims[][3] = {{"month", "crime_type", NULL},
                                          {"fy", "crime_type", NULL},
                                          {"month", "crime_type", "positive_outcome"},
                                          {"fy", "crime_type", "positive_outcome"}};
    static const char *const burglary[] = {"Burglary", "Robbery"}, *const none[] = {"(none)"};
    int jan = 0;
    assert_true(month_parse("2022-01", 7, &jan));
    for (size_t d = 0; d < sizeof dims / sizeof dims[0]; d++)
        for (int f = 0; f < 8; f++) {
            struct stats_query q = {.month_from = -1, .month_to = -1};
            for (q.ndims = 0; q.ndims < 3 && dims[d][q.ndims]; q.ndims++)
                assert_true(stats_dim_parse(w->s, dims[d][q.ndims], &q.dims[q.ndims]));
            if (f == 1) {
                q.area_key = "district";
                q.area_value = "Charnwood";
            } else if (f == 2) {
                q.area_key = "lsoa";
                q.area_value = "E01000001";
            } else if (f == 3) {
                q.area_key = "force";
                q.area_value = "kent";
            } else if (f == 4) {
                q.force = "Leicestershire Police";
                q.crime_types = burglary;
                q.ncrime_types = 2;
            } else if (f == 5) {
                q.outcomes = none;
                q.noutcomes = 1;
                q.area_key = "district";
                q.area_value = STATS_NO_LOCATION;
            } else if (f == 6) {
                q.exclude_asb = true;
                q.month_from = jan + 1;
                q.month_to = jan + 1;
            } else if (f == 7) {
                q.month_from = jan + 5; /* no month held */
            }
            same_series(w, &q);
        }
}

/* ---- the migration ---------------------------------------------------------- */

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : sqlite3_errstr(rc));
}

/* Migrations 42 (rollup_lsoa clustered), 53 (packed) and 54 (its view
 * made a virtual table) from the rollup as it was before them. */
static void migration_converts_an_old_store(void **state)
{
    struct world *w = *state;
    int v = store_migration_with("rollup_lsoa_old"),
        packed = store_migration_with("rollup_lsoa_packed");
    assert_true(v > 0 && packed > v);
    /* The rollup as it was before: a rowid table with an area index, each
     * cell of more than one crime split over two rows (as a file larger
     * than the importer's cap of cells in memory writes it). */
    exec(w->peek, "DROP TABLE rollup_lsoa;"
                  "CREATE TABLE rollup_lsoa(id INTEGER PRIMARY KEY, force_id INTEGER,"
                  " month INTEGER, lsoa_id INTEGER, crime_type_id INTEGER, outcome_id INTEGER,"
                  " n INTEGER);"
                  "CREATE INDEX rollup_lsoa_area ON rollup_lsoa(lsoa_id, month);"
                  "CREATE TEMP TABLE g AS " CRIMES_GROUPED ";"
                  "INSERT INTO rollup_lsoa(force_id, month, lsoa_id, crime_type_id, outcome_id, n)"
                  " SELECT force_id, month, lsoa_id, crime_type_id, outcome_id, n - 1 FROM g"
                  " WHERE n > 1 UNION ALL"
                  " SELECT force_id, month, lsoa_id, crime_type_id, outcome_id, 1 FROM g;"
                  "DROP TABLE g;");
    assert_true(fixture_count(w->peek, "SELECT count(*) FROM rollup_lsoa") >
                fixture_count(w->peek, "SELECT count(*) FROM (" CRIMES_GROUPED ")"));
    struct buf path = BUF_INIT, err = BUF_INIT;
    store_close(w->s);
    buf_printf(&path, "%s/peel.db", w->dir);
    w->s = store_open(path.p, STORE_READ_WRITE, &err);
    assert_non_null(w->s);
    assert_int_equal(store_migration_rerun(w->s, v, &err), 0);
    assert_int_equal(store_migration_rerun(w->s, packed, &err), 0);
    assert_int_equal(store_migration_rerun(w->s, packed + 1, &err), 0);
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM sqlite_schema"
                                            " WHERE name = 'rollup_lsoa_cell'"),
                     0);
    assert_int_equal(store_schema_version(w->s), store_latest_version());
    assert_int_equal(fixture_count(w->peek, ROLLUP_DIFFERS), 0);
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                            " ('rollup_lsoa_old', 'rollup_lsoa_area',"
                                            " 'rollup_lsoa_packed')"),
                     0);
    /* the area triggers find an LSOA's slices through the new table */
    exec(w->peek, "INSERT OR IGNORE INTO export_csv(slice_id, rows, csv)"
                  " SELECT id, 0, x'' FROM slice WHERE kind = 'street'");
    int64_t slices = fixture_count(w->peek, "SELECT count(*) FROM export_csv"),
            holding = fixture_count(w->peek, "SELECT count(DISTINCT c.id >> 32) FROM crime c"
                                             " JOIN lsoa l ON l.id = c.lsoa_id"
                                             " WHERE l.code = 'E01000003'");
    assert_true(holding > 0 && holding < slices);
    exec(w->peek, "INSERT INTO area(grouping, lsoa_code, value)"
                  " VALUES('district', 'E01000003', 'Elsewhere')");
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM export_csv"), slices - holding);
    buf_free(&path);
    buf_free(&err);
}

/* rollup_all as the import keeps it through a month given twice in one
 * import (the second file replaces the rows the first wrote before the
 * import's changes to rollup_all are written), then as migration 52
 * builds it from the rows there. */
static void rollup_all_is_the_force_rollup_summed(void **state)
{
    struct world *w = *state;
    struct buf top = BUF_INIT, sub = BUF_INIT, csv = BUF_INIT;
    buf_printf(&top, "%s/twice", w->dir);
    assert_int_equal(mkdir(top.p, 0700), 0);
    for (int i = 0; i < 2; i++) {
        buf_reset(&sub);
        buf_reset(&csv);
        buf_printf(&sub, "%s/%c", top.p, 'a' + i);
        assert_int_equal(mkdir(sub.p, 0700), 0);
        month_csv(&csv, "Kent Police", 3, i ? 6 : 30, 4 * i, 2);
        free(fixture_write(sub.p, "2022-03-kent-street.csv", csv.p, csv.len));
    }
    fixture_import(w->s, top.p);
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM crime c JOIN slice sl"
                                            " ON sl.id = c.id >> 32 WHERE sl.month = 24266"
                                            " AND sl.kind = 'street'"),
                     43 + 6); /* Leicestershire's, and the second file's */
    int64_t cells = fixture_count(w->peek, "SELECT count(*) FROM rollup_all");
    assert_true(cells > 0 && cells < fixture_count(w->peek, "SELECT count(*) FROM rollup_force"));
    assert_int_equal(fixture_count(w->peek, ROLLUP_ALL_DIFFERS), 0);
    assert_int_equal(fixture_count(w->peek, "SELECT sum(n) FROM rollup_all"),
                     fixture_count(w->peek, "SELECT count(*) FROM crime"));

    int v = store_migration_with("rollup_all");
    assert_true(v > 0);
    exec(w->peek, "DROP TABLE rollup_all;");
    struct buf err = BUF_INIT;
    assert_int_equal(store_migration_rerun(w->s, v, &err), 0);
    assert_int_equal(fixture_count(w->peek, "SELECT count(*) FROM rollup_all"), cells);
    assert_int_equal(fixture_count(w->peek, ROLLUP_ALL_DIFFERS), 0);
    buf_free(&err);
    buf_free(&top);
    buf_free(&sub);
    buf_free(&csv);
}

/* A row whose cells are not cells (a store is a file anyone may have
 * written to) stops the reading with an error naming the row, from the
 * readers in C and in SQL alike. */
static void a_damaged_row_is_an_error(void **state)
{
    struct world *w = *state;
    int64_t lsoa = fixture_count(w->peek, "SELECT min(lsoa_id) FROM rollup_lsoa");
    exec(w->peek, "UPDATE rollup_lsoa SET cells = x'0201' WHERE lsoa_id ="
                  " (SELECT min(lsoa_id) FROM rollup_lsoa)");
    struct stats_query q = query(w, "lsoa", -1, -1);
    struct seen got = {AREA_COUNTS_MONTHS, BUF_INIT, BUF_INIT};
    struct buf err = BUF_INIT, want = BUF_INIT;
    assert_int_equal(store_area_counts(w->s, &q, AREA_COUNTS_MONTHS, area_row, &got, &err), -1);
    buf_printf(&want, "the area rollup's row of LSOA id %lld, month ", (long long)lsoa);
    if (!strstr(buf_str(&err), want.p))
        fail_msg("%s", buf_str(&err));
    buf_reset(&err);
    struct stats_query by_lsoa = query(w, "lsoa", -1, -1);
    struct lines lines = {BUF_INIT, 1};
    assert_int_equal(store_stats(w->s, &by_lsoa, line_row, &lines, &err), -1);
    assert_non_null(strstr(buf_str(&err), "not the area rollup's cells"));
    buf_reset(&err);
    /* two cells of 2^62 each: whole cells, whose sum overflows (SQLite's
     * sum() says so too) */
    exec(w->peek, "UPDATE rollup_lsoa SET cells = x'0101808080808080808040'"
                  " || x'0102808080808080808040' WHERE lsoa_id ="
                  " (SELECT min(lsoa_id) FROM rollup_lsoa)");
    assert_int_equal(store_area_counts(w->s, &q, AREA_COUNTS_MONTHS, area_row, &got, &err), -1);
    if (!strstr(buf_str(&err), want.p))
        fail_msg("%s", buf_str(&err));
    buf_reset(&err);
    assert_int_equal(store_stats(w->s, &by_lsoa, line_row, &lines, &err), -1);
    buf_free(&lines.b);
    buf_free(&got.series);
    buf_free(&got.states);
    buf_free(&err);
    buf_free(&want);
}

int main(void)
{
    /* One store for the six, in this order: each later test holds
     * whatever the earlier ones left (a month imported again, then the
     * rollup taken back to its old shapes, then a row damaged). */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cell_table_is_the_crimes_cells),
        cmocka_unit_test(counts_are_store_stats_counts),
        cmocka_unit_test(series_are_the_general_query),
        cmocka_unit_test(rollup_is_a_group_by_of_the_crimes),
        cmocka_unit_test(migration_converts_an_old_store),
        cmocka_unit_test(rollup_all_is_the_force_rollup_summed),
        cmocka_unit_test(a_damaged_row_is_an_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
