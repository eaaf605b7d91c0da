/*
 * test_rollup_cells.c - the area rollup's packed cells (store/rollup_cells.h):
 * the codec, the SQL functions that read and write them, and damaged
 * blobs refused with an error, never read past their end.
 *
 * The SQL functions are tested on a plain in-memory connection on which
 * they are registered, as the store registers them on each of its own.
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

#include "store/rollup_cells.h"

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Cells in key order, values over the whole range a varint holds. */
static void cells_round_trip(void **state)
{
    (void)state;
    enum { N = 2000 };
    struct rollup_cell *want = malloc(N * sizeof *want);
    struct buf b = BUF_INIT;
    uint64_t s = 88172645463325252ULL;
    int64_t type = 0, outcome = 0;
    for (size_t i = 0; i < N; i++) {
        if (next_random(&s) % 3 == 0)
            type += (int64_t)(next_random(&s) % 1000) + 1, outcome = 0;
        else
            outcome += (int64_t)(next_random(&s) % 200) + 1;
        int64_t n = i == 0   ? INT64_MAX
                    : i == 1 ? 0
                             : (int64_t)(next_random(&s) >> (next_random(&s) % 63 + 1));
        want[i] = (struct rollup_cell){type, outcome, n};
        rollup_cells_put(&b, &want[i]);
    }
    size_t at = 0;
    struct rollup_cell c, prev = {-1, 0, 0};
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(rollup_cells_next((const unsigned char *)b.p, b.len, &at, &c), 1);
        assert_int_equal(c.crime_type, want[i].crime_type);
        assert_int_equal(c.outcome, want[i].outcome);
        assert_int_equal(c.n, want[i].n);
        assert_true(prev.crime_type < 0 || rollup_cells_after(&prev, &c));
        prev = c;
    }
    assert_int_equal(rollup_cells_next((const unsigned char *)b.p, b.len, &at, &c), 0);
    assert_int_equal(at, b.len);
    /* a small police.uk cell takes three bytes */
    buf_reset(&b);
    rollup_cells_put(&b, &(struct rollup_cell){14, 27, 100});
    assert_int_equal(b.len, 3);
    buf_free(&b);
    free(want);
}

/* Every way a blob can be cut short or overlong is an error, and the
 * reader never looks past the end it was given. */
static void damaged_blobs_are_errors(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    rollup_cells_put(&b, &(struct rollup_cell){300, 70000, INT64_MAX});
    for (size_t len = 1; len < b.len; len++) {
        unsigned char *cut = malloc(len); /* exactly len: ASan sees a read past it */
        memcpy(cut, b.p, len);
        size_t at = 0;
        struct rollup_cell c;
        assert_int_equal(rollup_cells_next(cut, len, &at, &c), -1);
        assert_true(at <= len);
        free(cut);
    }
    /* ten bytes of varint, or a value past 63 bits */
    const unsigned char too_long[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                      0x80, 0x80, 0x80, 0x01, 0x01, 0x01};
    const unsigned char too_big[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0xff, 0xff, 0x01, 0x01, 0x01};
    size_t at = 0;
    struct rollup_cell c;
    assert_int_equal(rollup_cells_next(too_long, sizeof too_long, &at, &c), -1);
    at = 0;
    assert_int_equal(rollup_cells_next(too_big, sizeof too_big, &at, &c), -1);
    at = 0;
    assert_int_equal(rollup_cells_next(NULL, 0, &at, &c), 0);
    buf_free(&b);
}

static sqlite3 *open_db(void)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(rollup_cells_register(db), SQLITE_OK);
    return db;
}

/* The text of the one row of sql, or of its error (caller frees). */
static char *one(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    char *out;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        out = strdup(sqlite3_errmsg(db));
    else if (sqlite3_step(st) == SQLITE_ROW)
        out =
            strdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "NULL");
    else
        out = strdup(sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return out;
}

static void assert_one(sqlite3 *db, const char *sql, const char *want)
{
    char *got = one(db, sql);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n  gave: %s\n  want: %s", sql, got, want);
    free(got);
}

/* The cells of a blob written by the aggregate, listed by the
 * table-valued function: "type:outcome:n ..." */
#define LISTED(blob)                                                                               \
    "SELECT group_concat(crime_type_id || ':' || outcome_id || ':' || n, ' ')"                     \
    " FROM rollup_cells(" blob ")"

/* The aggregate sorts its rows and adds equal keys; the merge adds two
 * blobs' cells; the table-valued function lists them in order. */
static void sql_functions_pack_merge_and_list(void **state)
{
    (void)state;
    sqlite3 *db = open_db();
    char *msg = NULL;
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TABLE r(t, o, n);"
                                  "INSERT INTO r VALUES (9, 1, 5), (2, 7, 1), (2, 3, 4), (9, 1, 2),"
                                  " (2, 30, 1), (200, 0, 1000);"
                                  "CREATE TABLE p AS SELECT rollup_cells_pack(t, o, n) AS a FROM r;"
                                  "CREATE TABLE q AS SELECT rollup_cells_pack(t, o, n) AS b"
                                  " FROM (SELECT column1 AS t, column2 AS o, column3 AS n"
                                  " FROM (VALUES (2, 3, 1), (5, 5, 5), (200, 0, 1)));",
                                  NULL, NULL, &msg),
                     SQLITE_OK);
    sqlite3_free(msg);
    assert_one(db, LISTED("(SELECT a FROM p)"), "2:3:4 2:7:1 2:30:1 9:1:7 200:0:1000");
    assert_one(db, LISTED("(SELECT rollup_cells_merge(a, b) FROM p, q)"),
               "2:3:5 2:7:1 2:30:1 5:5:5 9:1:7 200:0:1001");
    assert_one(db, LISTED("(SELECT rollup_cells_merge(b, a) FROM p, q)"),
               "2:3:5 2:7:1 2:30:1 5:5:5 9:1:7 200:0:1001");
    assert_one(db, LISTED("(SELECT rollup_cells_merge(a, x'') FROM p)"),
               "2:3:4 2:7:1 2:30:1 9:1:7 200:0:1000");
    assert_one(db, "SELECT count(*) FROM rollup_cells(x'')", "0");
    assert_one(db, "SELECT rollup_cells_pack(1, 2, 3) FROM r WHERE 0", "");
    assert_one(db, "SELECT rollup_cells_pack(-1, 2, 3)",
               "rollup_cells_pack: a negative id or count");
    sqlite3_close(db);
}

/* A damaged blob, or one out of order, is an error from every function;
 * the table-valued function needs its argument. */
static void sql_functions_refuse_damaged_blobs(void **state)
{
    (void)state;
    sqlite3 *db = open_db();
    /* x'020101 010101': (2, 1, 1) then (1, 1, 1), out of order; x'0201': cut short */
    assert_one(db, "SELECT count(*) FROM rollup_cells(x'020101010101')",
               "rollup_cells: a blob is not the area rollup's cells");
    assert_one(db, "SELECT count(*) FROM rollup_cells(x'0201')",
               "rollup_cells: a blob is not the area rollup's cells");
    assert_one(db, "SELECT count(*) FROM rollup_cells(x'020101020101')",
               "rollup_cells: a blob is not the area rollup's cells"); /* a key twice */
    assert_one(
        db, "SELECT rollup_cells_merge(x'020101010101', x'')",
        "rollup_cells_merge: a blob is not the area rollup's cells, or their counts overflow");
    assert_one(
        db, "SELECT rollup_cells_merge(x'', x'0201')",
        "rollup_cells_merge: a blob is not the area rollup's cells, or their counts overflow");
    /* (1, 1, 2^63 - 1) twice: the sum would overflow */
    assert_one(
        db, "SELECT rollup_cells_merge(x'0101ffffffffffffffff7f', x'0101ffffffffffffffff7f')",
        "rollup_cells_merge: a blob is not the area rollup's cells, or their counts overflow");
    char *got = one(db, "SELECT count(*) FROM rollup_cells");
    assert_non_null(strstr(got, "no query solution"));
    free(got);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_round_trip),
        cmocka_unit_test(damaged_blobs_are_errors),
        cmocka_unit_test(sql_functions_pack_merge_and_list),
        cmocka_unit_test(sql_functions_refuse_damaged_blobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
