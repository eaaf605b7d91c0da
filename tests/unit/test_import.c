/*
 * test_import.c - police.uk files through ingest into the store.
 *
 * Fixtures are written by each test; the store is a fresh file per test.
 * Results are read back with plain SQL on a second connection, so a test
 * sees what any reader of the database would see.
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
#include <zip.h>

#include "fixtures.h"
#include "assess/crime_rows.h"
#include "ingest/import.h"
#include "ingest/policeuk.h"
#include "store/deferred_index.h"
#include "store/import.h"
#include "store/query.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "store/writeback.h"
#include "util/sha256.h"

#define STREET_HEADER                                                                              \
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA "          \
    "name,Crime type,Last outcome category,Context\r\n"
#define ID_A  "347b0899598023a0c54946b9fcd4cbe1a1ad379c994e43a660841c9c1a5b7200"
#define ID_B  "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
#define LEICS "Leicestershire Police,Leicestershire Police"

static const char street_2022_01[] = STREET_HEADER
    ",2022-01," LEICS ",-1.210015,52.621410,On or near Hobill Close,E01025631,Blaby 002A,"
    "Anti-social behaviour,,\r\n" ID_A ",2022-01," LEICS
    ",-1.210015,52.621410,\"On or near \"\"The Crescent\"\", East\",E01025631,Blaby 002A,"
    "Burglary,Under investigation,\r\n" ID_B ",2022-01," LEICS
    ",-1.100000,52.700000,On or near Park,E01025900,Charnwood 012A,Shoplifting,"
    "Offender given a caution,\r\n"
    "not-a-hex-id,2022-01," LEICS ",,,No Location,,,Drugs,Local resolution,\r\n";

struct world {
    char *dir;
    char *db;
    struct store *store;
    sqlite3 *peek;
};

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->dir = fixture_tmpdir();
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/peel.db", w->dir);
    w->db = buf_detach(&path);
    w->store = fixture_store_open(w->dir, &w->peek);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fixture_store_close(w->store, w->peek, w->dir);
    free(w->db);
    free(w);
    return 0;
}

struct seen {
    char errors[2048];
    long stored, quarantined;
};

static void on_file(const struct ingest_file_report *r, void *arg)
{
    struct seen *s = arg;
    if (r->error)
        snprintf(s->errors + strlen(s->errors), sizeof s->errors - strlen(s->errors), "%s: %s\n",
                 r->name, r->error);
    s->stored += r->rows_stored;
    s->quarantined += r->rows_quarantined;
}

static int import(struct world *w, const char *path, struct seen *seen)
{
    struct ingest_options opt = {
        .command = "test", .user = "test", .on_file = on_file, .arg = seen};
    struct ingest_totals tot;
    struct buf err = BUF_INIT;
    char *paths[] = {(char *)path};
    memset(seen, 0, sizeof *seen);
    int rc = ingest_paths(w->store, paths, 1, &opt, &tot, &err);
    buf_free(&err);
    return rc;
}

static char *write_file(struct world *w, const char *name, const char *text)
{
    return fixture_write(w->dir, name, text, strlen(text));
}

static long long scalar(struct world *w, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(w->peek, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void rows_come_back_exactly_as_published(void **state)
{
    struct world *w = *state;
    struct seen seen;
    char *path = write_file(w, "2022-01-leicestershire-street.csv", street_2022_01);
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(seen.stored, 4);
    assert_int_equal(seen.quarantined, 0);
    const char *want[4][12] = {
        {"", "2022-01", "Leicestershire Police", "Leicestershire Police", "-1.210015", "52.621410",
         "On or near Hobill Close", "E01025631", "Blaby 002A", "Anti-social behaviour", "", ""},
        {ID_A, "2022-01", "Leicestershire Police", "Leicestershire Police", "-1.210015",
         "52.621410", "On or near \"The Crescent\", East", "E01025631", "Blaby 002A", "Burglary",
         "Under investigation", ""},
        {ID_B, "2022-01", "Leicestershire Police", "Leicestershire Police", "-1.100000",
         "52.700000", "On or near Park", "E01025900", "Charnwood 012A", "Shoplifting",
         "Offender given a caution", ""},
        {"not-a-hex-id", "2022-01", "Leicestershire Police", "Leicestershire Police", "", "",
         "No Location", "", "", "Drugs", "Local resolution", ""},
    };
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(w->peek,
                           "SELECT coalesce(\"Crime ID\", ''), \"Month\", \"Reported by\","
                           " \"Falls within\", \"Longitude\", \"Latitude\", \"Location\","
                           " \"LSOA code\", \"LSOA name\", \"Crime type\","
                           " \"Last outcome category\", \"Context\", file, line"
                           " FROM street_row ORDER BY line",
                           -1, &st, NULL),
        SQLITE_OK);
    for (int r = 0; r < 4; r++) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        for (int c = 0; c < 12; c++)
            assert_string_equal((const char *)sqlite3_column_text(st, c), want[r][c]);
        assert_string_equal((const char *)sqlite3_column_text(st, 12),
                            "2022-01-leicestershire-street.csv");
        assert_int_equal(sqlite3_column_int(st, 13), r + 2);
    }
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    /* the hex id is stored in 32 bytes, the other as given */
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime WHERE typeof(crime_id) = 'blob'"), 2);
    free(path);
}

static void interned_ids_all_point_somewhere(void **state)
{
    struct world *w = *state;
    struct seen seen;
    char *path = write_file(w, "a.csv", street_2022_01);
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime c"
                               " WHERE c.falls_within_id IS NULL OR c.location_id IS NULL"
                               " OR c.lsoa_id IS NULL OR c.crime_type_id IS NULL"
                               " OR c.outcome_id IS NULL"
                               " OR c.falls_within_id NOT IN (SELECT id FROM force)"
                               " OR c.location_id NOT IN (SELECT id FROM location)"
                               " OR c.lsoa_id NOT IN (SELECT id FROM lsoa)"
                               " OR c.crime_type_id NOT IN (SELECT id FROM crime_type)"
                               " OR c.outcome_id NOT IN (SELECT id FROM outcome_category)"),
                     0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM rollup_lsoa_cell WHERE force_id IS NULL"
                               " OR month IS NULL OR lsoa_id IS NULL OR crime_type_id IS NULL"
                               " OR outcome_id IS NULL OR n IS NULL OR n <= 0"),
                     0);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(w->peek, "PRAGMA foreign_key_check", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    free(path);
}

static void bad_rows_are_quarantined_with_line_and_reason(void **state)
{
    struct world *w = *state;
    struct seen seen;
    const char *text = STREET_HEADER
        ","
        "2022-02," LEICS ",-1.2,52.6,Loc,E01,Blaby 002A,Burglary,,\r\n" /* 2 good */
        ","
        "2022-02," LEICS ",-1.2,52.6,Loc,E01,Blaby 002A,Burglary,\r\n" /* 3 cols */
        ","
        "2022-13," LEICS ",-1.2,52.6,Loc,E01,Blaby 002A,Burglary,,\r\n" /* 4 month */
        ","
        "Feb-2022," LEICS ",-1.2,52.6,Loc,E01,Blaby 002A,Burglary,,\r\n" /* 5 month */
        ","
        "2022-02," LEICS ",west,52.6,Loc,E01,Blaby 002A,Burglary,,\r\n" /* 6 lon */
        ","
        "2022-02," LEICS ",,52.6,Loc,E01,Blaby 002A,Burglary,,\r\n" /* 7 half */
        ","
        "2022-02," LEICS ",-1.2,95.5,Loc,E01,Blaby 002A,Burglary,,\r\n" /* 8 range */
        ","
        "2022-02," LEICS ",-1.2,52.6,Loc,E01,Blaby 002A,,,\r\n" /* 9 type */
        ","
        "2022-02,,"
        "Leicestershire Police,-1.2,52.6,Loc,E01,B 002A,Burglary,,\r\n" /* 10 */
        ","
        "2022-02," LEICS ",-1.2,52.6,Lo\"c,E01,Blaby 002A,Burglary,,\r\n" /* 11 quote */
        ","
        "2022-02," LEICS ",-1.2,52.6,Loc,E01,Blaby 002A,Burglary,,\r\n" /* 12 good */
        ","
        "2022-02," LEICS ",-1.2,52.6,\"Loc,E01,Blaby 002A,Burglary,,\r\n"; /* 13 open */
    char *path = write_file(w, "bad.csv", text);
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(seen.stored, 2);
    assert_int_equal(seen.quarantined, 10);
    static const struct {
        int line;
        const char *field;
        const char *reason;
    } want[] = {
        {3, NULL, "wrong number of columns: expected 12, found 11"},
        {4, "Month", "'2022-13' is not a month (YYYY-MM)"},
        {5, "Month", "'Feb-2022' is not a month (YYYY-MM)"},
        {6, "Longitude", "'west' is not a number"},
        {7, "Longitude", "empty while the other coordinate is given"},
        {8, "Latitude", "95.5 is out of range (-90 to 90)"},
        {9, "Crime type", "empty"},
        {10, "Reported by", "empty"},
        {11, NULL, "malformed CSV: quote inside an unquoted field"},
        {13, NULL, "malformed CSV: unterminated quoted field"},
    };
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(w->peek, "SELECT line, field, reason, raw FROM quarantine ORDER BY line",
                           -1, &st, NULL),
        SQLITE_OK);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), want[i].line);
        if (want[i].field)
            assert_string_equal((const char *)sqlite3_column_text(st, 1), want[i].field);
        else
            assert_int_equal(sqlite3_column_type(st, 1), SQLITE_NULL);
        assert_string_equal((const char *)sqlite3_column_text(st, 2), want[i].reason);
    }
    sqlite3_finalize(st);
    /* the raw row is kept byte for byte */
    assert_int_equal(scalar(w, "SELECT raw = CAST(',2022-02,Leicestershire Police,Leicestershire"
                               " Police,west,52.6,Loc,E01,Blaby 002A,Burglary,,' AS BLOB)"
                               " FROM quarantine WHERE line = 6"),
                     1);
    free(path);
}

static long long count_outcome(struct world *w, const char *outcome)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT coalesce(sum(r.n), 0) FROM rollup_force r JOIN outcome_category oc"
             " ON oc.id = r.outcome_id WHERE oc.name = '%s'",
             outcome);
    return scalar(w, sql);
}

/* A NUL byte would be stored but read back cut at it: the row goes to
 * quarantine, naming the column, quoted or not; its neighbours import. */
static void a_nul_in_a_field_is_quarantined(void **state)
{
    struct world *w = *state;
    struct seen seen;
    static const char text[] =
        STREET_HEADER ",2022-01," LEICS ",,,On or near A\0B,E01025631,Blaby 002A,Burglary,,\r\n"
                      ",2022-01," LEICS ",,,On or near C,E01025631,Blaby 002A,Burglary,,\r\n"
                      ",2022-01," LEICS ",,,Park,E01025631,\"Blaby\0 002A\",Burglary,,\r\n";
    char *path = fixture_write(w->dir, "2022-01-leicestershire-street.csv", text, sizeof text - 1);
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(seen.stored, 1);
    assert_int_equal(seen.quarantined, 2);
    assert_int_equal(scalar(w, "SELECT count(*) FROM quarantine WHERE line = 2 AND field ="
                               " 'Location' AND reason = 'a NUL byte (0x00) in the field'"
                               " AND length(raw) = 101 AND instr(raw, x'00') = 68"),
                     1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM quarantine WHERE line = 4 AND field ="
                               " 'LSOA name'"),
                     1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM location WHERE instr(text, 'On or near') > 0"),
                     1);
    free(path);
}

static long long wal_bytes(struct world *w)
{
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s-wal", w->db);
    struct stat st;
    long long n = stat(path.p, &st) == 0 ? (long long)st.st_size : -1;
    buf_free(&path);
    return n;
}

/* An import, through a store of its own that it closes, as a command does. */
static void import_and_close(struct world *w, const char *path)
{
    struct buf err = BUF_INIT;
    struct store *s = store_open(w->db, STORE_READ_WRITE, &err);
    assert_non_null(s);
    struct seen seen = {0};
    struct ingest_options opt = {.command = "t", .user = "t", .on_file = on_file, .arg = &seen};
    struct ingest_totals tot;
    char *paths[] = {(char *)path};
    assert_int_equal(ingest_paths(s, paths, 1, &opt, &tot, &err), 0);
    store_close(s);
    buf_free(&err);
}

/* A reader holding an old snapshot (a slow download) keeps the WAL from
 * being checkpointed, so it grows; SQLite then reuses the file but never
 * shrinks it while connections stay open (here the test's two). A writer
 * that closes truncates it once the reader has let go. */
static void the_wal_is_truncated_once_readers_let_go(void **state)
{
    struct world *w = *state;
    char *path = write_file(w, "2022-01-leicestershire-street.csv", street_2022_01);
    import_and_close(w, path);
    assert_int_equal(sqlite3_exec(w->peek, "BEGIN; SELECT count(*) FROM crime;", NULL, NULL, NULL),
                     SQLITE_OK);
    import_and_close(w, path);
    long long held = wal_bytes(w);
    assert_true(held > 0); /* the reader's snapshot is still in it */
    assert_int_equal(sqlite3_exec(w->peek, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    import_and_close(w, path);
    assert_int_equal(wal_bytes(w), 0);
    free(path);
}

/* rollup_lsoa holds exactly the counts of the crimes stored: each cell
 * their number by LSOA, crime type, month, force and outcome, and each
 * row's n the sum of its cells. */
static void assert_rollup_matches_crimes(struct world *w)
{
    static const char from_crimes[] =
        "SELECT c.lsoa_id, c.crime_type_id, s.month, s.force_id, c.outcome_id, count(*)"
        " FROM crime c JOIN slice s ON s.id = c.id >> 32 GROUP BY 1, 2, 3, 4, 5";
    static const char stored[] =
        "SELECT lsoa_id, crime_type_id, month, force_id, outcome_id, n FROM rollup_lsoa_cell";
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", stored, from_crimes);
    assert_int_equal(scalar(w, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", from_crimes, stored);
    assert_int_equal(scalar(w, sql), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM rollup_lsoa r"
                               " WHERE n IS NOT (SELECT sum(n) FROM rollup_cells(r.cells))"),
                     0);
}

/* Past the in-memory caps of store/import.c (values of an interned table,
 * rollup cells of a file; this test's own copy of it has them at 64, see
 * tests/CMakeLists.txt): rows each naming a new place and LSOA. Values
 * beyond the cap are found in their tables, never stored twice, and the
 * rollup written in parts still adds up (rollup_all too); a second import,
 * which starts with the tables too large to load whole, changes nothing. */
static void memory_caps_lose_nothing(void **state)
{
    struct world *w = *state;
    struct seen seen;
    enum { ROWS = 300 };
    struct buf text = BUF_INIT;
    buf_puts(&text, STREET_HEADER);
    for (int i = 0; i < ROWS; i++)
        buf_printf(&text, ",2022-01," LEICS ",,,P%d,E%d,N %d,Burglary,,\r\n", i, i, i % 7);
    char *path = fixture_write(w->dir, "2022-01-leicestershire-street.csv", text.p, text.len);
    for (int round = 0; round < 2; round++) {
        assert_int_equal(import(w, path, &seen), 0);
        assert_int_equal(seen.stored, ROWS);
        assert_int_equal(scalar(w, "SELECT count(*) FROM location"), ROWS);
        assert_int_equal(scalar(w, "SELECT count(*) FROM lsoa"), ROWS);
        assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), ROWS);
        assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_lsoa"), ROWS);
        assert_rollup_matches_crimes(w);
        assert_int_equal(scalar(w, "SELECT count(*) FROM rollup_lsoa"), ROWS);
        assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_force"), ROWS);
        assert_int_equal(scalar(w, "SELECT count(*) FROM rollup_force"), 1);
        assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_all"), ROWS);
        assert_int_equal(scalar(w, "SELECT count(*) FROM rollup_all"), 1);
    }
    buf_free(&text);
    free(path);
}

static void reimport_replaces_a_month_as_a_whole(void **state)
{
    struct world *w = *state;
    struct seen seen;
    char *path = write_file(w, "2022-01-leicestershire-street.csv", street_2022_01);
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(import(w, path, &seen), 0); /* same file twice: nothing changes */
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 4);
    assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_force"), 4);
    assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_lsoa"), 4);
    assert_int_equal(count_outcome(w, "Under investigation"), 1);

    /* a later download of the month: an outcome has moved on */
    char *later = malloc(sizeof street_2022_01 + 32);
    strcpy(later, street_2022_01);
    char *at = strstr(later, "Under investigation");
    memcpy(at, "Unable to prosecute suspect", 27);
    strcpy(at + 27, strstr(street_2022_01, "Under investigation") + 19);
    fixture_rmtree(path);
    free(path);
    path = write_file(w, "2022-01-leicestershire-street.csv", later);
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 4);
    assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_force"), 4);
    assert_int_equal(count_outcome(w, "Under investigation"), 0);
    assert_int_equal(count_outcome(w, "Unable to prosecute suspect"), 1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM slice"), 1);
    assert_int_equal(scalar(w, "SELECT rows FROM slice"), 4);
    free(later);
    free(path);
}

/* One outcome row, through the store's import API. */
static void add_outcome(struct store_import *im, const char *id, long line)
{
    struct buf err = BUF_INIT;
#define T(s)                                                                                       \
    {                                                                                              \
        s, sizeof s - 1                                                                            \
    }
    struct outcome_row r = {.crime_id = {id, strlen(id)},
                            .reported_by = T("Leicestershire Police"),
                            .falls_within = T("Leicestershire Police"),
                            .longitude = T("-1.210015"),
                            .latitude = T("52.621410"),
                            .location = T("On or near Park"),
                            .lsoa_code = T("E01025631"),
                            .lsoa_name = T("Blaby 002A"),
                            .outcome_type = T("Unable to prosecute suspect"),
                            .month = 2022 * 12};
#undef T
    assert_int_equal(store_add_outcome(im, &r, NULL, line, &err), 0);
    buf_free(&err);
}

/* An import begun, and in it a file of outcomes (2022-01). */
static struct store_import *begin_outcomes_file(struct world *w)
{
    struct buf err = BUF_INIT;
    struct store_import *im = store_import_begin(w->store, "test", "test", &err);
    assert_non_null(im);
    struct store_file_info f = {"2022-01-leicestershire-outcomes.csv", "x", "outcomes", 1};
    assert_int_equal(store_file_begin(im, &f, &err), 0);
    buf_free(&err);
    return im;
}

/* A file of two outcomes (crimes ID_A and ID_B), and the import committed. */
static void commit_two_outcomes(struct store_import *im)
{
    struct buf err = BUF_INIT;
    struct store_file_info f = {"2022-01-leicestershire-outcomes.csv", "x", "outcomes", 1};
    assert_int_equal(store_file_begin(im, &f, &err), 0);
    add_outcome(im, ID_A, 2);
    add_outcome(im, ID_B, 3);
    assert_int_equal(store_file_commit(im, "00", &err, &err), 0);
    assert_int_equal(store_import_commit(im, &err), 0);
    assert_string_equal(buf_str(&err), "");
    buf_free(&err);
}

/* A first load of outcomes drops the crime id index and builds it after
 * the commit: a file rolled back after the drop brings it back, and the
 * next file drops it again; at the end it is there, holding every outcome,
 * and no longer recorded as deferred. */
static void outcome_index_is_built_at_the_end_of_a_first_load(void **state)
{
    struct world *w = *state;
    struct buf err = BUF_INIT;
    const char *has_index = "SELECT count(*) FROM sqlite_schema WHERE name = 'outcome_crime_id'";
    struct store_import *im = store_import_begin(w->store, "test", "test", &err);
    assert_non_null(im);
    struct store_file_info f = {"2022-01-leicestershire-outcomes.csv", "x", "outcomes", 1};
    assert_int_equal(store_file_begin(im, &f, &err), 0);
    add_outcome(im, ID_A, 2);
    store_file_abort(im);
    assert_int_equal(store_file_begin(im, &f, &err), 0);
    add_outcome(im, ID_A, 2);
    add_outcome(im, ID_B, 3);
    assert_int_equal(store_file_commit(im, "00", &err, &err), 0);
    assert_int_equal(store_import_commit(im, &err), 0);
    assert_int_equal(scalar(w, has_index), 1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM outcome INDEXED BY outcome_crime_id"
                               " WHERE crime_id = x'" ID_B "'"),
                     1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM outcome"), 2);
    assert_int_equal(scalar(w, "SELECT count(*) FROM deferred_index"), 0);
    /* a store that holds outcomes keeps its index: an import rolled back */
    im = store_import_begin(w->store, "test", "test", &err);
    assert_non_null(im);
    f.name = "2022-02-leicestershire-outcomes.csv";
    assert_int_equal(store_file_begin(im, &f, &err), 0);
    add_outcome(im, ID_A, 2);
    store_import_abort(im);
    assert_int_equal(scalar(w, has_index), 1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM outcome"), 2);
    assert_string_equal(buf_str(&err), "");
    buf_free(&err);
}

/* An import stopped between its commit and the build of the index it
 * deferred: the record says what to build. A writer that cannot take the
 * write lock leaves it recorded; the next writer to open the store builds
 * it. */
static void an_index_left_unbuilt_is_built_by_the_next_writer(void **state)
{
    struct world *w = *state;
    struct buf err = BUF_INIT;
    const char *has_index = "SELECT count(*) FROM sqlite_schema WHERE name = 'outcome_crime_id'";
    bool dropped = false;
    assert_int_equal(store_exec(w->store, "BEGIN IMMEDIATE", &err), 0);
    assert_int_equal(store_deferred_index_drop(w->store, "outcome", &dropped, &err), 0);
    assert_int_equal(store_exec(w->store, "COMMIT", &err), 0);
    assert_true(dropped);
    assert_int_equal(scalar(w, has_index), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM deferred_index"), 1);
    /* another connection holds the write lock: left for later */
    assert_int_equal(sqlite3_exec(w->peek, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_busy_timeout(w->store->db, 0);
    assert_int_equal(store_deferred_index_build(w->store, &err), 1);
    assert_int_equal(sqlite3_exec(w->peek, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(scalar(w, has_index), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM deferred_index"), 1);
    /* the next writer to open the store */
    struct store *next = store_open(w->db, STORE_READ_WRITE, &err);
    assert_non_null(next);
    assert_int_equal(scalar(w, has_index), 1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM deferred_index"), 0);
    /* recorded, but made meanwhile (by hand, or a migration that rebuilt
     * the table): the next open forgets it rather than failing on it */
    assert_int_equal(store_exec(next, "BEGIN IMMEDIATE", &err), 0);
    assert_int_equal(store_deferred_index_drop(next, "outcome", &dropped, &err), 0);
    assert_int_equal(
        store_exec(next, "CREATE INDEX outcome_crime_id ON outcome(crime_id); COMMIT", &err), 0);
    store_close(next);
    next = store_open(w->db, STORE_READ_WRITE, &err);
    assert_non_null(next);
    assert_int_equal(scalar(w, has_index), 1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM deferred_index"), 0);
    store_close(next);
    assert_string_equal(buf_str(&err), "");
    buf_free(&err);
}

/* An index that cannot be built after the import's commit leaves the
 * import stored: store_import_commit succeeds with a warning, and the
 * record stays for the next writer. */
static void an_index_that_fails_to_build_leaves_the_import_stored(void **state)
{
    struct world *w = *state;
    struct buf err = BUF_INIT;
    struct store_import *im = begin_outcomes_file(w);
    add_outcome(im, ID_A, 2);
    assert_int_equal(store_file_commit(im, "00", &err, &err), 0);
    assert_int_equal(store_exec(w->store,
                                "INSERT INTO deferred_index(name, sql)"
                                " VALUES('broken', 'CREATE INDEX broken ON no_such_table(x)')",
                                &err),
                     0);
    assert_int_equal(store_import_commit(im, &err), 0);
    assert_non_null(strstr(buf_str(&err), "the import itself is stored"));
    assert_int_equal(scalar(w, "SELECT count(*) FROM outcome"), 1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM deferred_index"), 2);
    assert_int_equal(
        sqlite3_exec(w->peek, "DELETE FROM deferred_index WHERE name = 'broken'", NULL, NULL, NULL),
        SQLITE_OK);
    buf_reset(&err);
    assert_int_equal(store_deferred_index_build(w->store, &err), 0);
    assert_int_equal(
        scalar(w, "SELECT count(*) FROM sqlite_schema WHERE name = 'outcome_crime_id'"), 1);
    assert_string_equal(buf_str(&err), "");
    buf_free(&err);
}

/* A first load into a store no one else has open is written with a
 * rollback journal (fresh_load): the deferred index is built there too,
 * after the commit, and the store is back in WAL mode at the end. */
static void a_first_load_without_the_wal_builds_its_index(void **state)
{
    struct world *w = *state;
    struct buf err = BUF_INIT, path = BUF_INIT;
    buf_printf(&path, "%s/alone.db", w->dir);
    struct store *alone = store_open(buf_str(&path), STORE_READ_WRITE, &err);
    assert_non_null(alone);
    struct store_import *im = store_import_begin(alone, "test", "test", &err);
    assert_non_null(im);
    int64_t n;
    assert_int_equal(store_int64(alone, "SELECT journal_mode = 'delete' FROM pragma_journal_mode",
                                 &n, "journal mode", &err),
                     0);
    assert_int_equal(n, 1); /* the rollback journal, not the WAL */
    commit_two_outcomes(im);
    assert_int_equal(store_int64(alone,
                                 "SELECT (SELECT count(*) FROM sqlite_schema"
                                 " WHERE name = 'outcome_crime_id') * 100"
                                 " + (SELECT count(*) FROM deferred_index) * 10"
                                 " + (SELECT count(*) FROM outcome)",
                                 &n, "counting", &err),
                     0);
    assert_int_equal(n, 102);
    assert_int_equal(store_int64(alone, "SELECT journal_mode = 'wal' FROM pragma_journal_mode", &n,
                                 "journal mode", &err),
                     0);
    assert_int_equal(n, 1);
    store_close(alone);
    assert_string_equal(buf_str(&err), "");
    buf_free(&path);
    buf_free(&err);
}

static void a_file_may_hold_several_months(void **state)
{
    struct world *w = *state;
    struct seen seen;
    const char *text = STREET_HEADER ",2021-03," LEICS ",,,No Location,,,Burglary,,\r\n"
                                     ",2021-04," LEICS ",,,No Location,,,Burglary,,\r\n"
                                     ",2021-04," LEICS ",,,No Location,,,Robbery,,\r\n";
    char *path = write_file(w, "custom-download.csv", text);
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM slice"), 2);
    assert_int_equal(scalar(w, "SELECT sum(rows) FROM slice"), 3);
    free(path);
}

static void unknown_header_is_an_error_and_others_still_import(void **state)
{
    struct world *w = *state;
    struct seen seen;
    char *sub = fixture_write(w->dir, "in", "", 0);
    remove(sub);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "mkdir -p %s", sub);
    assert_int_equal(system(cmd), 0);
    free(fixture_write(sub, "a-street.csv", street_2022_01, strlen(street_2022_01)));
    free(fixture_write(sub, "b-other.csv", "name,value\r\nx,1\r\n", 17));
    free(fixture_write(sub, "c-empty.csv", "", 0));
    assert_int_equal(import(w, sub, &seen), 2);
    assert_non_null(strstr(seen.errors, "b-other.csv: unknown header"));
    assert_non_null(strstr(seen.errors, "c-empty.csv: empty file"));
    assert_int_equal(seen.stored, 4);
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 4);
    free(sub);
}

static void a_folder_with_nothing_to_import_is_an_error(void **state)
{
    struct world *w = *state;
    struct seen seen;
    char cmd[4200], dir[4100];
    snprintf(dir, sizeof dir, "%s/empty", w->dir);
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(import(w, dir, &seen), 2);
    assert_int_equal(scalar(w, "SELECT count(*) FROM source_file"), 0);
}

static void archives_are_read_in_place(void **state)
{
    struct world *w = *state;
    struct seen seen;
    char path[4200];
    snprintf(path, sizeof path, "%s/download", w->dir); /* no .zip: found by signature */
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    zip_source_t *src = zip_source_buffer(z, street_2022_01, strlen(street_2022_01), 0);
    assert_true(zip_file_add(z, "2022-01/2022-01-leicestershire-street.csv", src, 0) >= 0);
    zip_source_t *junk = zip_source_buffer(z, "x", 1, 0);
    assert_true(zip_file_add(z, "__MACOSX/2022-01/._2022-01-leicestershire-street.csv", junk, 0) >=
                0);
    assert_int_equal(zip_close(z), 0);
    /* the CSV bytes an import sizes its page cache by: the archive's CSV
     * member as declared (not the junk beside it), a plain file's size,
     * nothing for a path that is not there */
    char *plain = write_file(w, "2022-02-leicestershire-street.csv", "Crime ID\n");
    char missing[4200];
    snprintf(missing, sizeof missing, "%s/nothing-here", w->dir);
    char *paths[] = {path, plain, missing};
    assert_int_equal(ingest_paths_bytes(paths, 3), strlen(street_2022_01) + strlen("Crime ID\n"));
    free(plain);
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(seen.stored, 4);
    assert_int_equal(
        scalar(w, "SELECT count(*) FROM source_file WHERE path LIKE '%download:2022-01/%'"), 1);
}

static void stop_and_search_takes_its_force_from_the_file_name(void **state)
{
    struct world *w = *state;
    struct seen seen;
    const char *text =
        "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,"
        "Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of "
        "search,Outcome,Outcome linked to object of search,Removal of more than just outer "
        "clothing\r\n"
        "Person search,2020-01-01T01:05:00+00:00,,,52.773458,-1.206332,Male,18-24,White,White,"
        "Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,,False\r\n"
        "Person search,01/01/2020,,,52.77,-1.20,Male,18-24,White,White,x,y,Arrest,,False\r\n";
    char *named = write_file(w, "2020-01-leicestershire-stop-and-search.csv", text);
    assert_int_equal(import(w, named, &seen), 0);
    assert_int_equal(seen.stored, 1);
    assert_int_equal(seen.quarantined, 1);
    assert_int_equal(scalar(w, "SELECT count(*) FROM stop_search s JOIN slice sl ON sl.id ="
                               " s.slice_id JOIN force f ON f.id = sl.force_id"
                               " WHERE f.slug = 'leicestershire'"),
                     1);
    char *anon = write_file(w, "searches.csv", text);
    assert_int_equal(import(w, anon, &seen), 2);
    assert_non_null(strstr(seen.errors, "--force"));
    free(named);
    free(anon);
}

struct collected {
    char text[2048];
};

static void collect(void *arg, const char *const *keys, int64_t count)
{
    struct collected *c = arg;
    size_t n = strlen(c->text);
    snprintf(c->text + n, sizeof c->text - n, "%s|%s=%lld\n", keys[0], keys[1], (long long)count);
}

static void stats_group_by_period_and_derived_district(void **state)
{
    struct world *w = *state;
    struct seen seen;
    const char *text =
        STREET_HEADER ",2021-03," LEICS ",-1,52,L,E01000001,Charnwood 012A,Burglary,,\r\n"
                      ",2021-04," LEICS ",-1,52,L,E01000001,Charnwood 012A,Burglary,,\r\n"
                      ",2021-06," LEICS ",-1,52,L,E01000002,Blaby 002A,Burglary,,\r\n"
                      ",2021-07," LEICS ",,,No Location,,,Burglary,,\r\n";
    char *path = write_file(w, "s.csv", text);
    assert_int_equal(import(w, path, &seen), 0);
    struct stats_query q = {.ndims = 2, .month_from = -1, .month_to = -1};
    assert_true(stats_dim_parse(w->store, "quarter", &q.dims[0]));
    assert_true(stats_dim_parse(w->store, "district", &q.dims[1]));
    struct collected c = {{0}};
    struct buf err = BUF_INIT;
    assert_int_equal(store_stats(w->store, &q, collect, &c, &err), 0);
    assert_string_equal(c.text, "2020-21 Q4|Charnwood=1\n"
                                "2021-22 Q1|Blaby=1\n"
                                "2021-22 Q1|Charnwood=1\n"
                                "2021-22 Q2|(no location)=1\n");
    q.area_key = "district";
    q.area_value = "Charnwood";
    assert_true(stats_dim_parse(w->store, "fy", &q.dims[0]));
    assert_true(stats_dim_parse(w->store, "crime_type", &q.dims[1]));
    memset(&c, 0, sizeof c);
    assert_int_equal(store_stats(w->store, &q, collect, &c, &err), 0);
    assert_string_equal(c.text, "2020-21|Burglary=1\n2021-22|Burglary=1\n");
    assert_false(stats_dim_parse(w->store, "beat", &q.dims[0]));
    buf_free(&err);
    free(path);
}

/* Street rows enough for many batches (this test's copy of
 * ingest/pipeline.c holds 3 rows a batch): some quoted with "" inside,
 * some blank lines, some bad. */
static char *many_rows(struct world *w, const char *name, int n)
{
    struct buf text = BUF_INIT;
    buf_puts(&text, STREET_HEADER);
    for (int i = 0; i < n; i++) {
        if (i % 11 == 5)
            buf_puts(&text, "\r\n");
        else if (i % 7 == 3)
            buf_printf(&text, ",2022-13," LEICS ",,,Bad %d,,,Drugs,,\r\n", i);
        else if (i % 5 == 1)
            buf_printf(&text,
                       ",2022-03," LEICS ",-1.2,52.6,\"On or near \"\"No. %d\"\", East\",E01,"
                       "Blaby 002A,Burglary,,\r\n",
                       i);
        else
            buf_printf(&text, ",2022-03," LEICS ",-1.2,52.6,On or near %d,E01,Blaby 002A,%s,,\r\n",
                       i, i % 2 ? "Burglary" : "Shoplifting");
    }
    char *path = write_file(w, name, text.p);
    buf_free(&text);
    return path;
}

/* Imports path with jobs threads, storing the download rows as `peel
 * import` does (packed on the reading thread: store/export_ahead.h), which
 * fixture_stored_rows_are_the_rows then checks. */
static int import_jobs(struct world *w, const char *path, int jobs, struct seen *seen,
                       struct buf *err)
{
    struct ingest_options opt = {.command = "test",
                                 .user = "test",
                                 .on_file = on_file,
                                 .arg = seen,
                                 .jobs = jobs,
                                 .crime_csv = &crime_texts_csv};
    struct ingest_totals tot;
    char *paths[] = {(char *)path};
    memset(seen, 0, sizeof *seen);
    return ingest_paths(w->store, paths, 1, &opt, &tot, err);
}

static char *text_of(struct world *w, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(w->peek, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

#define STORED_ROWS                                                                                \
    "SELECT group_concat(line || ':' || \"Location\" || ':' || \"Crime type\", '|')"               \
    " FROM (SELECT * FROM street_row ORDER BY line)"
#define QUARANTINED_ROWS                                                                           \
    "SELECT group_concat(line || ':' || reason || ':' || hex(raw), '|')"                           \
    " FROM (SELECT * FROM quarantine ORDER BY line)"

/* The reading thread hands over exactly the rows one thread reads: the
 * same rows, lines, quarantine reasons and raw bytes, across batches. */
static void one_thread_or_two_store_the_same_rows(void **state)
{
    struct world *w = *state;
    struct seen seen;
    struct buf err = BUF_INIT;
    char *path = many_rows(w, "2022-03-leicestershire-street.csv", 200);
    assert_int_equal(import_jobs(w, path, 1, &seen, &err), 0);
    assert_int_equal(seen.stored, 156);
    assert_int_equal(seen.quarantined, 26);
    char *stored = text_of(w, STORED_ROWS), *quarantined = text_of(w, QUARANTINED_ROWS);
    assert_non_null(strstr(stored, "|8:On or near \"No. 6\", East:Burglary|"));
    fixture_stored_rows_are_the_rows(w->store);
    assert_int_equal(import_jobs(w, path, 2, &seen, &err), 0); /* replaces the month */
    fixture_stored_rows_are_the_rows(w->store);
    assert_int_equal(seen.stored, 156);
    assert_int_equal(seen.quarantined, 26);
    char *stored2 = text_of(w, STORED_ROWS), *quarantined2 = text_of(w, QUARANTINED_ROWS);
    assert_string_equal(stored2, stored);
    assert_string_equal(quarantined2, quarantined);
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 156);
    free(stored);
    free(quarantined);
    free(stored2);
    free(quarantined2);
    buf_free(&err);
    free(path);
}

/* The digest a file is stored with is its bytes' own, whichever way it
 * was read: this test's ingest/pipeline.c reads files of up to 4,096
 * bytes whole, two at a time, and hashes them together (PIPE_PAIR_MAX in
 * tests/CMakeLists.txt). Six files: two small (read and hashed together),
 * a large one (read as a stream), a small one followed by a large one
 * (read whole, hashed alone), the large one, and a small last one
 * (streamed: no file after it). */
static void files_read_in_pairs_keep_their_own_digests(void **state)
{
    struct world *w = *state;
    struct buf dir = BUF_INIT;
    buf_printf(&dir, "%s/in", w->dir);
    assert_int_equal(mkdir(dir.p, 0700), 0);
    const int rows[6] = {12, 15, 200, 9, 150, 20};
    char *path[6];
    for (int i = 0; i < 6; i++) {
        char name[64];
        snprintf(name, sizeof name, "in/2022-0%d-leicestershire-street.csv", i + 1);
        path[i] = many_rows(w, name, rows[i]);
        struct stat st;
        assert_int_equal(stat(path[i], &st), 0);
        assert_true(rows[i] < 100 ? st.st_size <= 4096 : st.st_size > 4096);
    }
    for (int jobs = 1; jobs <= 2; jobs++) {
        struct seen seen;
        struct buf err = BUF_INIT;
        assert_int_equal(import_jobs(w, dir.p, jobs, &seen, &err), 0);
        assert_string_equal(seen.errors, "");
        for (int i = 0; i < 6; i++) {
            struct buf bytes = BUF_INIT, no = BUF_INIT;
            assert_true(buf_read_file(&bytes, path[i], &no));
            char want[SHA256_HEX_SIZE], sql[200];
            sha256_of(bytes.p, bytes.len, want);
            snprintf(sql, sizeof sql, "SELECT sha256 FROM source_file WHERE path = '%s'", path[i]);
            char *got = text_of(w, sql);
            assert_string_equal(got, want);
            free(got);
            buf_free(&bytes);
            buf_free(&no);
        }
        buf_free(&err);
    }
    for (int i = 0; i < 6; i++)
        free(path[i]);
    buf_free(&dir);
}

/* A store that fails half-way through the first of two files stops the
 * reading thread (however far ahead it is) and leaves nothing behind; no
 * hang, no leak (under ASan). The failure is planted as a trigger on the
 * crime table. */
static void a_failing_store_stops_the_reader(void **state)
{
    struct world *w = *state;
    struct seen seen;
    struct buf dir = BUF_INIT;
    buf_printf(&dir, "%s/in", w->dir);
    assert_int_equal(mkdir(dir.p, 0700), 0);
    char *a = many_rows(w, "in/2022-03-leicestershire-street.csv", 300);
    char *b = many_rows(w, "in/2022-04-leicestershire-street.csv", 300);
    assert_int_equal(
        sqlite3_exec(w->peek,
                     "CREATE TRIGGER planted BEFORE INSERT ON crime"
                     " WHEN (NEW.id & 4294967295) = 41 BEGIN SELECT RAISE(ABORT, 'planted'); END",
                     NULL, NULL, NULL),
        SQLITE_OK);
    for (int jobs = 1; jobs <= 2; jobs++) {
        struct buf err = BUF_INIT;
        assert_int_equal(import_jobs(w, dir.p, jobs, &seen, &err), 1);
        assert_non_null(strstr(buf_str(&err), "planted"));
        assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 0);
        assert_int_equal(scalar(w, "SELECT count(*) FROM quarantine"), 0);
        buf_free(&err);
    }
    assert_int_equal(sqlite3_exec(w->peek, "DROP TRIGGER planted", NULL, NULL, NULL), SQLITE_OK);
    struct buf err = BUF_INIT;
    assert_int_equal(import_jobs(w, dir.p, 2, &seen, &err), 0);
    assert_int_equal(seen.stored, 2 * 234);
    fixture_stored_rows_are_the_rows(w->store);
    buf_free(&err);
    free(a);
    free(b);
    buf_free(&dir);
}

/* A zip of stored (uncompressed) entries, each name then text; with
 * corrupt, the byte after the first "near Q" is changed, so that reading
 * its entry ends in a checksum error after its rows. */
static char *write_zip(struct world *w, const char *name, const char *const *entries, int n,
                       bool corrupt)
{
    char *path = malloc(4200);
    snprintf(path, 4200, "%s/%s", w->dir, name);
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    for (int i = 0; i < n; i++) {
        const char *text = entries[2 * i + 1];
        zip_int64_t at =
            zip_file_add(z, entries[2 * i], zip_source_buffer(z, text, strlen(text), 0), 0);
        assert_true(at >= 0);
        assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_STORE, 0), 0);
    }
    assert_int_equal(zip_close(z), 0);
    if (corrupt) {
        FILE *f = fopen(path, "r+b");
        assert_non_null(f);
        static char bytes[1 << 16];
        size_t got = fread(bytes, 1, sizeof bytes, f);
        char *q = memmem(bytes, got, "near Q", 6);
        assert_non_null(q);
        fseek(f, (long)(q + 5 - bytes), SEEK_SET);
        fputc('R', f);
        fclose(f);
    }
    return path;
}

/* A file that fails to read after some of its rows were stored is rolled
 * back, values it brought included, while the reading thread has read on
 * into the next file and interned its values too (store_intern_street):
 * the next file's values get the ids they would get had the failed file
 * not been there. The failure: a zip member whose last row was changed on
 * disk, so its CRC fails when it ends. */
static void a_file_rolled_back_leaves_no_trace_in_the_ids(void **state)
{
    struct world *w = *state;
    struct buf a = BUF_INIT, b = BUF_INIT;
    buf_puts(&a, STREET_HEADER);
    for (int i = 0; i < 12; i++) /* several batches of this test's 3 rows */
        buf_printf(&a, ",2022-01," LEICS ",,,On or near %s,,,Burglary,,\r\n",
                   i % 3 == 0   ? "Z"
                   : i % 3 == 1 ? "X"
                                : "W");
    buf_puts(&a, ",2022-01," LEICS ",,,On or near Q,,,Arson,,\r\n");
    buf_puts(&b, STREET_HEADER);
    for (int i = 0; i < 9; i++)
        buf_printf(&b, ",2022-02," LEICS ",,,On or near %s,,,Burglary,,\r\n", i % 2 ? "Y" : "X");
    const char *const entries[] = {"2022-01-leicestershire-street.csv", a.p,
                                   "2022-02-leicestershire-street.csv", b.p};
    char *path = write_zip(w, "both.zip", entries, 2, true);
    for (int jobs = 1; jobs <= 2; jobs++) {
        struct seen seen;
        struct buf err = BUF_INIT;
        assert_int_equal(import_jobs(w, path, jobs, &seen, &err), 2);
        assert_non_null(strstr(seen.errors, "read error"));
        assert_int_equal(seen.stored, 9);
        char *ids = text_of(w, "SELECT group_concat(id || ':' || text, '|')"
                               " FROM (SELECT * FROM location ORDER BY id)");
        assert_string_equal(ids, "1:On or near X|2:On or near Y");
        free(ids);
        char *types = text_of(w, "SELECT group_concat(id || ':' || name, '|')"
                                 " FROM (SELECT * FROM crime_type ORDER BY id)");
        assert_string_equal(types, "1:Burglary");
        free(types);
        assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 9);
        assert_int_equal(scalar(w, "SELECT count(*) FROM source_file"), 1);
        fixture_stored_rows_are_the_rows(w->store);
        buf_free(&err);
    }
    buf_free(&a);
    buf_free(&b);
    free(path);
}

/* rows street rows of month in Leicestershire, each at a new place and
 * LSOA (more rollup cells than test_import's caps), with q the last at "Q". */
static char *many_places(const char *month, int rows, const char *tag, bool q)
{
    struct buf text = BUF_INIT;
    buf_puts(&text, STREET_HEADER);
    for (int i = 0; i < rows; i++)
        buf_printf(&text, ",%s," LEICS ",,,On or near %s%d,E0%s%d,Blaby %s%d,%s,,\r\n", month,
                   q && i == rows - 1 ? "Q" : tag, i, tag, i % 90, tag, i % 90,
                   i % 3 ? "Burglary" : "Arson");
    return buf_detach(&text);
}

/* One import that meets a month twice keeps the second copy's counts only,
 * whether the first copy's are still held for the commit, spilled to the
 * temporary file, or (for a later copy past the file's cap) partly written
 * already; and a second copy rolled back part-way leaves the first's. */
static void a_month_met_twice_in_one_import_counts_once(void **state)
{
    struct world *w = *state;
    char *a = many_places("2022-01", 30, "A", false), *b = many_places("2022-01", 100, "B", true),
         *c = many_places("2022-02", 20, "C", false);
    const char *const entries[] = {"a/2022-01-leicestershire-street.csv", a,
                                   "b/2022-01-leicestershire-street.csv", b,
                                   "c/2022-02-leicestershire-street.csv", c};
    for (int corrupt = 0; corrupt <= 1; corrupt++) {
        char *path = write_zip(w, corrupt ? "bad.zip" : "good.zip", entries, 3, corrupt);
        for (int jobs = 1; jobs <= 2; jobs++) { /* a first load, then a store that has rows */
            struct seen seen;
            struct buf err = BUF_INIT;
            int rc = import_jobs(w, path, jobs, &seen, &err);
            if (rc != (corrupt ? 2 : 0))
                print_message("%s%s\n", seen.errors, err.p ? err.p : "");
            assert_int_equal(rc, corrupt ? 2 : 0);
            long long kept = corrupt ? 30 + 20 : 100 + 20;
            assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), kept);
            assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_lsoa"), kept);
            assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_force"), kept);
            assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_all"), kept);
            assert_rollup_matches_crimes(w);
            fixture_stored_rows_are_the_rows(w->store);
            buf_free(&err);
        }
        free(path);
    }
    free(a);
    free(b);
    free(c);
}

/* Download rows packed on the reading thread (store/export_ahead.h) are
 * the rows read back, byte for byte, whichever side packed them. An
 * outcomes file first brings LSOAs that the street file's rows then name
 * (the district of an LSOA new to the store, worked out on that thread).
 * The street rows of two months, interleaved, cross many batches of this
 * test's 3 rows, some quarantined. Past this test's 64 LSOAs the interner
 * leaves them to the store, so the reading thread hands its pieces over
 * mid-file and the store packs the rest: each month then has a piece of
 * its own besides its rest, which it would not otherwise have. Imported
 * again, the store's 80 LSOAs are more than the interner holds, so the
 * store packs every row from the start. */
static void packed_ahead_with(struct world *w, int jobs)
{
    struct buf dir = BUF_INIT, outcomes = BUF_INIT, street = BUF_INIT;
    buf_printf(&dir, "%s/in", w->dir);
    assert_int_equal(mkdir(dir.p, 0700), 0);
    buf_printf(&outcomes, "%s\r\n", pu_kind_header(PU_OUTCOMES));
    for (int i = 0; i < 20; i++)
        buf_printf(&outcomes,
                   ID_A ",2022-01," LEICS ",,,On or near %d,E0%d,Town%d 00%dA,"
                        "Under investigation\r\n",
                   i, i, i, i % 10);
    buf_puts(&street, STREET_HEADER);
    for (int i = 0; i < 120; i++)
        buf_printf(&street, ",2022-0%d," LEICS ",,,On or near %d,E0%d,Town%d 00%dA,%s,,\r\n",
                   1 + i % 2, i, i % 80, i % 80, i % 10, i % 13 == 7 ? "" : "Drugs");
    char *a = write_file(w, "in/2022-01-leicestershire-outcomes.csv", outcomes.p);
    char *b = write_file(w, "in/2022-01-leicestershire-street.csv", street.p);
    for (int again = 0; again <= 1; again++) {
        struct seen seen;
        struct buf err = BUF_INIT;
        assert_int_equal(import_jobs(w, dir.p, jobs, &seen, &err), 0);
        assert_int_equal(seen.quarantined, 9); /* no crime type */
        fixture_stored_rows_are_the_rows(w->store);
        assert_int_equal(scalar(w, "SELECT count(*) FROM export_part"), again ? 0 : 4);
        buf_free(&err);
    }
    free(a);
    free(b);
    buf_free(&dir);
    buf_free(&outcomes);
    buf_free(&street);
}

static void download_rows_packed_ahead_are_the_rows_one_thread(void **state)
{
    packed_ahead_with(*state, 1);
}

static void download_rows_packed_ahead_are_the_rows_two_threads(void **state)
{
    packed_ahead_with(*state, 2);
}

/* The import asks the kernel to write the store back as it goes
 * (store/writeback.h), through SQLite's own descriptor of the file: found
 * by device and inode, and left open. */
static void writeback_uses_sqlites_own_descriptor(void **state)
{
    struct world *w = *state;
    struct store_writeback wb;
    store_writeback_find(&wb, w->peek);
    assert_true(wb.n >= 1);
    struct stat want, got;
    assert_int_equal(stat(w->db, &want), 0);
    assert_int_equal(fstat(wb.file[0].fd, &got), 0);
    assert_true(got.st_ino == want.st_ino && got.st_dev == want.st_dev);
    store_writeback_start(&wb);
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 0); /* the connection still works */
    assert_int_equal(fstat(wb.file[0].fd, &got), 0);
}

/* A first load marks the force area from the sums it wrote (no pass over
 * rollup_lsoa: store_force_area_update_from): the same LSOAs as the
 * general update (FORCE_AREA_UPDATE_BY_LSOA) marks from the table, with
 * an LSOA two forces record, and districts either side of 1 in 400. */
static void a_first_loads_force_area_is_the_general_updates(void **state)
{
    struct world *w = *state;
    static const struct {
        const char *force, *code, *name;
        int n;
    } rows[] = {
        {"Leicestershire Police", "E01000001", "Blaby 001A", 500},
        {"Leicestershire Police", "E01000002", "Lincoln 004C", 1},
        {"Leicestershire Police", "E01000003", "Harborough 001A", 4},
        {"Nottinghamshire Police", "E01000004", "Rushcliffe 001A", 500},
        {"Nottinghamshire Police", "E01000003", "Harborough 001A", 1},
        {"Nottinghamshire Police", "E01000001", "Blaby 001A", 1},
    };
    struct buf text = BUF_INIT;
    buf_puts(&text, STREET_HEADER);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        for (int k = 0; k < rows[i].n; k++)
            buf_printf(&text, ",2022-01,%s,%s,,,On or near X,%s,%s,%s,,\r\n", rows[i].force,
                       rows[i].force, rows[i].code, rows[i].name, k % 2 ? "Burglary" : "Arson");
    char *path = fixture_write(w->dir, "2022-01-street.csv", text.p, text.len);
    struct seen seen;
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(seen.stored, 1007);
    static const char flags[] = "SELECT group_concat(code || '=' || outside, ';')"
                                " FROM (SELECT * FROM lsoa ORDER BY id)";
    char *fast = text_of(w, flags);
    assert_string_equal(fast, "E01000001=0;E01000002=1;E01000003=0;E01000004=0");
    assert_int_equal(sqlite3_exec(w->peek, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(w->peek, "UPDATE lsoa SET outside = 1 - outside", NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_exec(w->peek, FORCE_AREA_UPDATE_BY_LSOA, NULL, NULL, NULL), SQLITE_OK);
    char *general = text_of(w, flags);
    assert_int_equal(sqlite3_exec(w->peek, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    assert_string_equal(general, fast);
    free(general);
    free(fast);
    buf_free(&text);
    free(path);
}

/* A store whose crime type has an id past what the area rollup keys (a
 * store is a file anyone may have written to): the import is an error
 * that says so, and stores nothing. */
static void an_id_past_the_rollups_keys_is_an_error(void **state)
{
    struct world *w = *state;
    sqlite3_exec(w->peek, "INSERT INTO crime_type(id, name) VALUES (2147483648, 'Burglary')", NULL,
                 NULL, NULL);
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime_type WHERE id = 2147483648"), 1);
    char *path = write_file(w, "2022-01-leicestershire-street.csv", street_2022_01);
    struct seen seen;
    struct ingest_options opt = {
        .command = "test", .user = "test", .on_file = on_file, .arg = &seen};
    struct ingest_totals tot;
    struct buf err = BUF_INIT;
    char *paths[] = {path};
    memset(&seen, 0, sizeof seen);
    assert_int_not_equal(ingest_paths(w->store, paths, 1, &opt, &tot, &err), 0);
    const char *says = "outside 0 to 2^31 - 1, which the area rollup keys";
    if (!strstr(buf_str(&err), says) && !strstr(seen.errors, says))
        fail_msg("err: %s\nfiles: %s", buf_str(&err), seen.errors);
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM rollup_lsoa"), 0);
    buf_free(&err);
    free(path);
}

/* The shape of crime and outcome before migration 57: rowid tables. */
#define ROWID_TABLES                                                                               \
    "PRAGMA legacy_alter_table=ON;"                                                                \
    "CREATE TABLE crime_rowid(id INTEGER PRIMARY KEY, slice_id INTEGER AS (id >> 32) VIRTUAL,"     \
    " line INTEGER AS (id & 4294967295) VIRTUAL, crime_id BLOB, falls_within_id INTEGER,"          \
    " longitude BLOB, latitude BLOB, location_id INTEGER, lsoa_id INTEGER,"                        \
    " crime_type_id INTEGER, outcome_id INTEGER, context TEXT);"                                   \
    "INSERT INTO crime_rowid(id, crime_id, falls_within_id, longitude, latitude, location_id,"     \
    " lsoa_id, crime_type_id, outcome_id, context) SELECT id, crime_id, falls_within_id,"          \
    " longitude, latitude, location_id, lsoa_id, crime_type_id, outcome_id, context FROM crime;"   \
    "DROP TABLE crime; ALTER TABLE crime_rowid RENAME TO crime;"                                   \
    "CREATE TABLE outcome_rowid(id INTEGER PRIMARY KEY, slice_id INTEGER AS (id >> 32) VIRTUAL,"   \
    " line INTEGER AS (id & 4294967295) VIRTUAL, crime_id BLOB NOT NULL,"                          \
    " falls_within_id INTEGER NOT NULL, longitude BLOB, latitude BLOB,"                            \
    " location_id INTEGER NOT NULL, lsoa_id INTEGER NOT NULL, outcome_id INTEGER NOT NULL);"       \
    "INSERT INTO outcome_rowid(id, crime_id, falls_within_id, longitude, latitude, location_id,"   \
    " lsoa_id, outcome_id) SELECT id, crime_id, falls_within_id, longitude, latitude,"             \
    " location_id, lsoa_id, outcome_id FROM outcome;"                                              \
    "DROP TABLE outcome; ALTER TABLE outcome_rowid RENAME TO outcome;"                             \
    "PRAGMA legacy_alter_table=OFF;"

/* Makes view `name` again as it was before migration 58, reading the
 * columns slice_id and line (of ROWID_TABLES' shape) where it now reads
 * the id. */
static void view_before_58(struct world *w, const char *name)
{
    char sql[320];
    snprintf(sql, sizeof sql,
             "SELECT replace(replace(replace(sql, 'c.id & 4294967295 AS line', 'c.line AS line'),"
             " 'c.id >> 32', 'c.slice_id'), 'o.id >> 32', 'o.slice_id')"
             " FROM sqlite_schema WHERE name = '%s'",
             name);
    char *old = text_of(w, sql);
    assert_non_null(strstr(old, "c.slice_id"));
    struct buf drop = BUF_INIT, err = BUF_INIT;
    buf_printf(&drop, "DROP VIEW %s; %s;", name, old);
    assert_int_equal(store_exec(w->store, buf_str(&drop), &err), 0);
    buf_free(&drop);
    buf_free(&err);
    free(old);
}

/* Migration 57 rebuilds crime and outcome without a rowid: a store
 * imported before it gives the same rows after it, through the views that
 * name the tables, and has its triggers and the crime id index again.
 * Migration 58, run after it, drops their generated columns and leaves the
 * rows, the views and the triggers as they were; and migration 59 makes
 * them rowid tables again, the rows, views, triggers and index as they
 * were. */
static void crimes_and_outcomes_keep_their_rows_through_each_rebuild(void **state)
{
    struct world *w = *state;
    struct buf err = BUF_INIT;
    struct seen seen;
    char *path = write_file(w, "2022-01-leicestershire-street.csv", street_2022_01);
    assert_int_equal(import(w, path, &seen), 0);
    struct store_import *im = store_import_begin(w->store, "test", "test", &err);
    assert_non_null(im);
    commit_two_outcomes(im);
    const char *views = "SELECT (SELECT group_concat(id || \"Crime ID\" || \"Longitude\""
                        " || \"Location\" || \"LSOA code\", '|') FROM street_row)"
                        " || '/' || (SELECT group_concat(crime_row || outcome_row, '|')"
                        " FROM crime_outcome)";
    char *before = text_of(w, views);
    assert_int_equal(store_exec(w->store, "BEGIN IMMEDIATE;" ROWID_TABLES "COMMIT;", &err), 0);
    view_before_58(w, "street_row");
    view_before_58(w, "crime_outcome");
    const char *keyed = "SELECT count(*) FROM sqlite_schema WHERE name IN ('crime', 'outcome')"
                        " AND sql LIKE '%WITHOUT ROWID'";
    const char *others = "SELECT count(*) FROM sqlite_schema WHERE name IN"
                         " ('export_crime_delete', 'export_crime_update', 'outcome_crime_id')";
    assert_int_equal(scalar(w, keyed), 0);
    assert_int_equal(scalar(w, others), 0);
    int v = store_migration_with("crime_57");
    assert_true(v > 0);
    assert_int_equal(store_migration_rerun(w->store, v, &err), 0);
    assert_int_equal(scalar(w, keyed), 2);
    assert_int_equal(scalar(w, others), 3);
    char *after = text_of(w, views);
    assert_string_equal(after, before);
    assert_true(strlen(before) > 100);
    /* every column as migration 8 made it: name, type, NOT NULL, primary
     * key, generated (hidden 2) */
#define COLUMNS(table)                                                                             \
    "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || pk || hidden, ',')"          \
    " FROM pragma_table_xinfo('" table "')"
    char *crime = text_of(w, COLUMNS("crime"));
    assert_string_equal(crime, "id INTEGER 110,slice_id INTEGER 002,line INTEGER 002,"
                               "crime_id BLOB 000,falls_within_id INTEGER 000,"
                               "longitude BLOB 000,latitude BLOB 000,location_id INTEGER 000,"
                               "lsoa_id INTEGER 000,crime_type_id INTEGER 000,"
                               "outcome_id INTEGER 000,context TEXT 000");
    char *outcome = text_of(w, COLUMNS("outcome"));
    assert_string_equal(outcome, "id INTEGER 110,slice_id INTEGER 002,line INTEGER 002,"
                                 "crime_id BLOB 100,falls_within_id INTEGER 100,"
                                 "longitude BLOB 000,latitude BLOB 000,"
                                 "location_id INTEGER 100,lsoa_id INTEGER 100,"
                                 "outcome_id INTEGER 100");
    free(crime);
    free(outcome);
    /* migration 58 then drops the generated columns: the views show the
     * same rows, street_row each one's line */
    const char *lines = "SELECT group_concat(file || ':' || line, '|') FROM street_row";
    char *lines_before = text_of(w, lines);
    v = store_migration_with("DROP COLUMN slice_id");
    assert_true(v > 0);
    assert_int_equal(store_migration_rerun(w->store, v, &err), 0);
    char *dropped = text_of(w, "SELECT (" COLUMNS("crime") ") || '/' || (" COLUMNS("outcome") ")");
    assert_string_equal(dropped, "id INTEGER 110,crime_id BLOB 000,falls_within_id INTEGER 000,"
                                 "longitude BLOB 000,latitude BLOB 000,location_id INTEGER 000,"
                                 "lsoa_id INTEGER 000,crime_type_id INTEGER 000,"
                                 "outcome_id INTEGER 000,context TEXT 000/"
                                 "id INTEGER 110,crime_id BLOB 100,falls_within_id INTEGER 100,"
                                 "longitude BLOB 000,latitude BLOB 000,"
                                 "location_id INTEGER 100,lsoa_id INTEGER 100,"
                                 "outcome_id INTEGER 100");
    char *after_58 = text_of(w, views);
    assert_string_equal(after_58, before);
    char *lines_after = text_of(w, lines);
    assert_string_equal(lines_after, lines_before);
    assert_non_null(strstr(lines_after, "street.csv:2|"));
    assert_int_equal(scalar(w, others), 3);
    v = store_migration_with("crime_59");
    assert_true(v > 0);
    assert_int_equal(scalar(w, keyed), 2);
    assert_int_equal(store_migration_rerun(w->store, v, &err), 0);
    assert_int_equal(scalar(w, keyed), 0);
    assert_int_equal(scalar(w, others), 3);
    char *rowid = text_of(w, "SELECT (" COLUMNS("crime") ") || '/' || (" COLUMNS("outcome") ")");
    /* as migration 58 left them, but for the id's NOT NULL: a rowid may
     * be NULL in SQL (SQLite then gives one), a WITHOUT ROWID key not */
    assert_string_equal(rowid, "id INTEGER 010,crime_id BLOB 000,falls_within_id INTEGER 000,"
                               "longitude BLOB 000,latitude BLOB 000,location_id INTEGER 000,"
                               "lsoa_id INTEGER 000,crime_type_id INTEGER 000,"
                               "outcome_id INTEGER 000,context TEXT 000/"
                               "id INTEGER 010,crime_id BLOB 100,falls_within_id INTEGER 100,"
                               "longitude BLOB 000,latitude BLOB 000,"
                               "location_id INTEGER 100,lsoa_id INTEGER 100,"
                               "outcome_id INTEGER 100");
    char *after_59 = text_of(w, views), *lines_59 = text_of(w, lines);
    assert_string_equal(after_59, before);
    assert_string_equal(lines_59, lines_before);
    free(rowid);
    free(after_59);
    free(lines_59);
    free(dropped);
    free(after_58);
    free(lines_before);
    free(lines_after);
#undef COLUMNS
    /* the triggers work: a crime deleted drops its slice's download rows */
    assert_int_equal(store_exec(w->store,
                                "INSERT INTO export_csv(slice_id, rows, csv)"
                                " SELECT id, 0, x'' FROM slice WHERE kind = 'street'",
                                &err),
                     0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_csv"), 1);
    assert_int_equal(store_exec(w->store, "DELETE FROM crime WHERE id & 4294967295 = 2", &err), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_csv"), 0);
    assert_int_equal(store_exec(w->store,
                                "INSERT INTO export_csv(slice_id, rows, csv)"
                                " SELECT id, 0, x'' FROM slice WHERE kind = 'street'",
                                &err),
                     0);
    assert_int_equal(
        store_exec(w->store, "UPDATE crime SET context = 'x' WHERE id & 4294967295 = 3", &err), 0);
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_csv"), 0);
    assert_string_equal(buf_str(&err), "");
    free(before);
    free(after);
    free(path);
    buf_free(&err);
}

/* Each crime's values are bound into a statement of 32 rows whose
 * bindings outlive its reset, and a NULL or an integer equal to what its
 * parameter holds is not bound again (store/import.c, bind_again): over
 * 100 rows whose columns change with periods of 2 to 5 (so a parameter
 * meets the same kind and value 32 rows on, or another, or a text where
 * an integer was), every row comes back as written. */
static void values_bound_again_only_when_they_change(void **state)
{
    struct world *w = *state;
    enum { ROWS = 100 };
    static const char *const coords[3][2] = {
        {"", ""}, {"-1.210015", "52.621410"}, {"-1.2", "52.6"}};
    struct buf text = BUF_INIT;
    buf_puts(&text, STREET_HEADER);
    for (int i = 0; i < ROWS; i++)
        buf_printf(&text,
                   "%s,2022-01,Leicestershire Police,%s,%s,%s,On or near %d,E01025631,"
                   "Blaby 002A,Burglary,%s,%s%d\r\n",
                   i % 2 ? ID_A : "", i % 2 ? "Leicestershire Police" : "Nottinghamshire Police",
                   coords[i % 3][0], coords[i % 3][1], i % 7, i % 4 ? "Under investigation" : "",
                   i % 5 ? "" : "Ctx ", i);
    char *path = write_file(w, "2022-01-leicestershire-street.csv", text.p);
    struct seen seen;
    assert_int_equal(import(w, path, &seen), 0);
    assert_int_equal(seen.stored, ROWS);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(w->peek,
                                        "SELECT coalesce(\"Crime ID\", ''), \"Falls within\","
                                        " \"Longitude\", \"Latitude\", \"Location\","
                                        " \"Last outcome category\", \"Context\""
                                        " FROM street_row ORDER BY line",
                                        -1, &st, NULL),
                     SQLITE_OK);
    for (int i = 0; i < ROWS; i++) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        char where[32], context[32];
        snprintf(where, sizeof where, "On or near %d", i % 7);
        snprintf(context, sizeof context, i % 5 ? "%d" : "Ctx %d", i);
        const char *want[] = {i % 2 ? ID_A : "",
                              i % 2 ? "Leicestershire Police" : "Nottinghamshire Police",
                              coords[i % 3][0],
                              coords[i % 3][1],
                              where,
                              i % 4 ? "Under investigation" : "",
                              context};
        for (int c = 0; c < 7; c++)
            assert_string_equal((const char *)sqlite3_column_text(st, c), want[c]);
    }
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    buf_free(&text);
    free(path);
}

/* A coordinate is read once, by the row's check (ingest/policeuk.c), and
 * the store keeps what that read (store/rows.h's coord_read): six decimals
 * as integer millionths, any other number as its text; both come back as
 * published. Street and outcome rows alike. */
static void coordinates_are_read_once_and_kept_as_read(void **state)
{
    struct world *w = *state;
    static const char *const coords[4][2] = {
        {"-1.210015", "52.621410"}, {"-1.21", "52.6"}, {"-0.000000", "0.000001"}, {"", ""}};
    struct buf dir = BUF_INIT, street = BUF_INIT, outcomes = BUF_INIT;
    buf_printf(&dir, "%s/in", w->dir);
    assert_int_equal(mkdir(dir.p, 0700), 0);
    buf_puts(&street, STREET_HEADER);
    buf_printf(&outcomes, "%s\r\n", pu_kind_header(PU_OUTCOMES));
    for (int i = 0; i < 4; i++) {
        buf_printf(&street,
                   ",2022-01," LEICS ",%s,%s,On or near Park,E01025631,Blaby 002A,"
                   "Drugs,,\r\n",
                   coords[i][0], coords[i][1]);
        buf_printf(&outcomes,
                   ID_A ",2022-01," LEICS ",%s,%s,On or near Park,E01025631,"
                        "Blaby 002A,Under investigation\r\n",
                   coords[i][0], coords[i][1]);
    }
    char *a = write_file(w, "in/2022-01-leicestershire-street.csv", street.p);
    char *b = write_file(w, "in/2022-01-leicestershire-outcomes.csv", outcomes.p);
    struct seen seen;
    assert_int_equal(import(w, dir.p, &seen), 0);
    assert_int_equal(seen.stored, 8);
    for (int t = 0; t < 2; t++) {
        const char *table = t ? "outcome" : "crime";
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT longitude FROM %s WHERE typeof(longitude) = 'integer'",
                 table);
        assert_int_equal(scalar(w, sql), -1210015);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM %s WHERE typeof(latitude) = 'integer'"
                 " AND latitude IN (52621410, 1)",
                 table);
        assert_int_equal(scalar(w, sql), 2);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM %s WHERE typeof(longitude) = 'text'"
                 " AND longitude IN ('-1.21', '-0.000000')",
                 table);
        assert_int_equal(scalar(w, sql), 2);
    }
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(w->peek,
                                        "SELECT \"Longitude\", \"Latitude\" FROM street_row"
                                        " ORDER BY line",
                                        -1, &st, NULL),
                     SQLITE_OK);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), coords[i][0]);
        assert_string_equal((const char *)sqlite3_column_text(st, 1), coords[i][1]);
    }
    sqlite3_finalize(st);
    free(a);
    free(b);
    buf_free(&dir);
    buf_free(&street);
    buf_free(&outcomes);
}

/* Each row's id is its slice's and its line (id >> 32, id & 4294967295),
 * whether SQLite gave it (a batch whose ids run on from the table's
 * largest: store/import.c, insert_batch) or it was given: a month of 150
 * rows with blank and bad lines among them (ids that skip), a later month,
 * then, each in an import of its own, the first month again (a slice now
 * below the later one's, whose batches give their ids) and the later one
 * again. Every row comes back with its own line and text. */
static void every_row_keeps_its_own_id_appended_or_not(void **state)
{
    struct world *w = *state;
    static const char *const months[] = {"2022-03", "2022-04", "2022-03", "2022-04"};
    for (int pass = 0; pass < 4; pass++) {
        struct buf text = BUF_INIT;
        buf_puts(&text, STREET_HEADER);
        for (int i = 0; i < 150; i++)
            if (i % 61 == 40)
                buf_puts(&text, "\r\n");
            else if (i % 47 == 9)
                buf_printf(&text, ",2022-13," LEICS ",,,Bad %d,,,Drugs,,\r\n", i);
            else
                buf_printf(&text, ",%s," LEICS ",,,On or near %d.%d,E01,Blaby 002A,Drugs,,\r\n",
                           months[pass], pass, i);
        char name[64];
        snprintf(name, sizeof name, "p%d/%s-leicestershire-street.csv", pass, months[pass]);
        struct buf dir = BUF_INIT;
        buf_printf(&dir, "%s/p%d", w->dir, pass);
        assert_int_equal(mkdir(dir.p, 0700), 0);
        char *path = write_file(w, name, text.p);
        struct seen seen;
        assert_int_equal(import(w, pass ? path : dir.p, &seen), 0);
        assert_int_equal(seen.stored, 150 - 2 - 3); /* two blank lines, three bad */
        sqlite3_stmt *st;
        char sql[200];
        snprintf(sql, sizeof sql,
                 "SELECT line, \"Location\" FROM street_row WHERE \"Month\" = '%s'"
                 " ORDER BY id",
                 months[pass]);
        assert_int_equal(sqlite3_prepare_v2(w->peek, sql, -1, &st, NULL), SQLITE_OK);
        for (int i = 0; i < 150; i++) {
            if (i % 61 == 40 || i % 47 == 9)
                continue;
            char want[32];
            snprintf(want, sizeof want, "On or near %d.%d", pass, i);
            assert_int_equal(sqlite3_step(st), SQLITE_ROW);
            assert_int_equal(sqlite3_column_int(st, 0), i + 2);
            assert_string_equal((const char *)sqlite3_column_text(st, 1), want);
        }
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
        buf_free(&dir);
        buf_free(&text);
        free(path);
    }
    assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 2 * 145);
}

/* A batch that SQLite would store under other ids than its rows' (here a
 * row stored behind the import's back, past the largest id it knows) is
 * an error, which stops the import as any store error does (ingest
 * aborts it; here the test does): no row is kept under an id that is not
 * its own. */
static void rows_stored_under_other_ids_are_an_error(void **state)
{
    struct world *w = *state;
    struct buf err = BUF_INIT;
    struct store_import *im = begin_outcomes_file(w);
    for (long line = 2; line < 2 + 64; line++)
        add_outcome(im, ID_A, line); /* two batches: ids given, then run on */
    assert_int_equal(store_exec(w->store,
                                "INSERT INTO outcome(id, crime_id, falls_within_id, location_id,"
                                " lsoa_id, outcome_id) SELECT max(id) + 1000, x'00', 1, 1, 1, 1"
                                " FROM outcome",
                                &err),
                     0);
    struct outcome_row r = {.crime_id = {ID_A, strlen(ID_A)},
                            .reported_by = {"Leicestershire Police", 21},
                            .falls_within = {"Leicestershire Police", 21},
                            .location = {"On or near Park", 15},
                            .lsoa_code = {"E01025631", 9},
                            .lsoa_name = {"Blaby 002A", 10},
                            .outcome_type = {"Unable to prosecute suspect", 27},
                            .month = 2022 * 12};
    int rc = 0;
    for (long line = 66; rc == 0 && line < 66 + 32; line++)
        rc = store_add_outcome(im, &r, NULL, line, &err);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(buf_str(&err), "storing an outcome: stored as row"));
    store_file_abort(im);
    store_import_abort(im);
    assert_int_equal(scalar(w, "SELECT count(*) FROM outcome"), 0);
    buf_free(&err);
}

/* The commit's area rollup merged on a second thread beside its writes
 * (store/import.c, merge_lsoa_counts), LSOA_ROWS (1,024) rows handed over
 * at a time: 100 files of 50 new LSOAs each (every file under this test's
 * ROLLUP_MAX_CELLS, so that all of them reach the commit's merge), 5,000
 * rows in five hand-overs. A write that fails in the first batch, while
 * the merging thread waits for a free one, or in the last, stops the
 * merge and leaves the store as it was; one or two threads, the rollup is
 * then the crimes' own. */
static void the_commits_merge_beside_its_writes_adds_up_or_stops(void **state)
{
    struct world *w = *state;
    enum { FILES = 100, PER = 50 };
    struct buf dir = BUF_INIT, text = BUF_INIT, name = BUF_INIT;
    buf_printf(&dir, "%s/many", w->dir);
    assert_int_equal(mkdir(dir.p, 0700), 0);
    for (int f = 0; f < FILES; f++) {
        int month = 12 * 2014 + f; /* a slice a file */
        buf_reset(&text);
        buf_puts(&text, STREET_HEADER);
        for (int i = 0; i < PER; i++)
            buf_printf(&text, ",%04d-%02d," LEICS ",,,On or near %d,E%d,Blaby %03dA,Burglary,,\r\n",
                       month / 12, month % 12 + 1, i, f * PER + i, i);
        buf_reset(&name);
        buf_printf(&name, "many/%04d-%02d-leicestershire-street.csv", month / 12, month % 12 + 1);
        free(write_file(w, name.p, text.p));
    }
    struct seen seen;
    const int fail_at[] = {500, 4990};
    for (size_t k = 0; k < sizeof fail_at / sizeof *fail_at; k++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "CREATE TRIGGER planted BEFORE INSERT ON rollup_lsoa WHEN NEW.lsoa_id ="
                 " (SELECT id FROM lsoa WHERE code = 'E%d') BEGIN SELECT RAISE(ABORT, 'planted');"
                 " END",
                 fail_at[k]);
        assert_int_equal(sqlite3_exec(w->peek, sql, NULL, NULL, NULL), SQLITE_OK);
        for (int jobs = 1; jobs <= 2; jobs++) {
            struct buf err = BUF_INIT;
            assert_int_equal(import_jobs(w, dir.p, jobs, &seen, &err), 1);
            assert_non_null(strstr(buf_str(&err), "planted"));
            assert_null(strstr(buf_str(&err), "stopped"));
            assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), 0);
            assert_int_equal(scalar(w, "SELECT count(*) FROM rollup_lsoa"), 0);
            buf_free(&err);
        }
        assert_int_equal(sqlite3_exec(w->peek, "DROP TRIGGER planted", NULL, NULL, NULL),
                         SQLITE_OK);
    }
    for (int jobs = 1; jobs <= 2; jobs++) {
        struct buf err = BUF_INIT;
        assert_int_equal(import_jobs(w, dir.p, jobs, &seen, &err), 0);
        buf_free(&err);
        assert_int_equal(scalar(w, "SELECT count(*) FROM crime"), FILES * PER);
        assert_int_equal(scalar(w, "SELECT count(*) FROM rollup_lsoa"), FILES * PER);
        assert_int_equal(scalar(w, "SELECT sum(n) FROM rollup_lsoa"), FILES * PER);
        assert_rollup_matches_crimes(w);
    }
    buf_free(&dir);
    buf_free(&text);
    buf_free(&name);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rows_come_back_exactly_as_published, setup, teardown),
        cmocka_unit_test_setup_teardown(interned_ids_all_point_somewhere, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_rows_are_quarantined_with_line_and_reason, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_nul_in_a_field_is_quarantined, setup, teardown),
        cmocka_unit_test_setup_teardown(the_wal_is_truncated_once_readers_let_go, setup, teardown),
        cmocka_unit_test_setup_teardown(memory_caps_lose_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(reimport_replaces_a_month_as_a_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(a_file_may_hold_several_months, setup, teardown),
        cmocka_unit_test_setup_teardown(an_index_left_unbuilt_is_built_by_the_next_writer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_index_that_fails_to_build_leaves_the_import_stored,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_first_load_without_the_wal_builds_its_index, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(crimes_and_outcomes_keep_their_rows_through_each_rebuild,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(outcome_index_is_built_at_the_end_of_a_first_load, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(unknown_header_is_an_error_and_others_still_import, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_folder_with_nothing_to_import_is_an_error, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(archives_are_read_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(stop_and_search_takes_its_force_from_the_file_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(stats_group_by_period_and_derived_district, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(one_thread_or_two_store_the_same_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(files_read_in_pairs_keep_their_own_digests, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_failing_store_stops_the_reader, setup, teardown),
        cmocka_unit_test_setup_teardown(download_rows_packed_ahead_are_the_rows_one_thread, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(download_rows_packed_ahead_are_the_rows_two_threads, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_file_rolled_back_leaves_no_trace_in_the_ids, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_month_met_twice_in_one_import_counts_once, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(writeback_uses_sqlites_own_descriptor, setup, teardown),
        cmocka_unit_test_setup_teardown(an_id_past_the_rollups_keys_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(a_first_loads_force_area_is_the_general_updates, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_commits_merge_beside_its_writes_adds_up_or_stops, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(values_bound_again_only_when_they_change, setup, teardown),
        cmocka_unit_test_setup_teardown(coordinates_are_read_once_and_kept_as_read, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(every_row_keeps_its_own_id_appended_or_not, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(rows_stored_under_other_ids_are_an_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
