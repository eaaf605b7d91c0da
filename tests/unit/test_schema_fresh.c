/*
 * test_schema_fresh.c - a new store made by the build's script
 * (store/schema_image.h) is the store its migrations make.
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
#include "store/schema_image.h"
#include "store/store_internal.h"

/* Statements, each followed by a line ";;". */
static void collect(void *arg, const char *sql, size_t len)
{
    struct buf *b = arg;
    buf_append(b, sql, len);
    buf_puts(b, "\n;;\n");
}

static void dump(struct store *s, struct buf *out)
{
    struct buf err = BUF_INIT;
    if (store_schema_dump(s, collect, out, &err) < 0)
        fail_msg("dump: %s", buf_str(&err));
    buf_free(&err);
}

/* What the dump leaves to SQLite (autoindexes, sqlite_sequence) and to a
 * module (a virtual table's shadow tables and their rows), and the
 * version: to compare too. */
static void rest(struct store *s, struct buf *out)
{
    struct buf err = BUF_INIT;
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '')"
                      " FROM sqlite_schema ORDER BY name",
                      &err);
    assert_non_null(st);
    while (sqlite3_step(st) == SQLITE_ROW)
        buf_printf(out, "%s\n", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    st = store_prepare(s, "SELECT k, v FROM decision_fts_config ORDER BY k", &err);
    assert_non_null(st);
    while (sqlite3_step(st) == SQLITE_ROW)
        buf_printf(out, "fts %s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    buf_printf(out, "version %d\n", store_schema_version(s));
    buf_free(&err);
}

static struct store *made(const char *dir, const char *name, bool stepwise)
{
    struct buf path = BUF_INIT, err = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    struct store *s = stepwise ? store_create_stepwise(buf_str(&path), &err)
                               : store_open(buf_str(&path), STORE_READ_WRITE, &err);
    if (!s)
        fail_msg("%s: %s", buf_str(&path), buf_str(&err));
    buf_free(&path);
    buf_free(&err);
    return s;
}

static void the_script_in_the_build_is_the_latest_migrations(void **state)
{
    const char *dir = *state;
    struct store *s = made(dir, "stepwise.db", true);
    struct buf now = BUF_INIT, built = BUF_INIT;
    dump(s, &now);
    for (size_t i = 0; i < store_fresh_statements; i++)
        collect(&built, store_fresh_script[i], strlen(store_fresh_script[i]));
    if (store_fresh_version != store_latest_version() || strcmp(buf_str(&now), buf_str(&built)))
        fail_msg("src/store/schema_fresh.c was made at migration %d and this build's latest is"
                 " %d, or a migration changed since: run `make schema`",
                 store_fresh_version, store_latest_version());
    store_close(s);
    buf_free(&now);
    buf_free(&built);
}

static void a_store_made_by_the_script_is_the_one_the_migrations_make(void **state)
{
    const char *dir = *state;
    struct store *a = made(dir, "stepwise.db", true), *b = made(dir, "fresh.db", false);
    struct buf da = BUF_INIT, db = BUF_INIT;
    dump(a, &da);
    rest(a, &da);
    dump(b, &db);
    rest(b, &db);
    assert_string_equal(buf_str(&db), buf_str(&da));
    assert_true(strstr(buf_str(&da), "INSERT INTO \"role\"") != NULL); /* rows are dumped */
    assert_true(strstr(buf_str(&da), "CREATE TRIGGER") != NULL);
    /* and b was made by the script: its schema changed fewer times */
    struct buf err = BUF_INIT;
    int64_t changes_a = 0, changes_b = 0;
    assert_int_equal(store_int64(a, "PRAGMA schema_version", &changes_a, "a", &err), 0);
    assert_int_equal(store_int64(b, "PRAGMA schema_version", &changes_b, "b", &err), 0);
    assert_true(changes_b < changes_a);
    buf_free(&err);
    store_close(a);
    store_close(b);
    buf_free(&da);
    buf_free(&db);
}

/* A file that holds something already is left to the migrations, which
 * say what is wrong with it, as before. */
static void a_file_not_empty_is_not_made_again(void **state)
{
    const char *dir = *state;
    struct buf path = BUF_INIT, err = BUF_INIT;
    buf_printf(&path, "%s/other.db", dir);
    struct store *s = made(dir, "other.db", true);
    assert_int_equal(store_exec(s,
                                "CREATE TABLE mine(x); INSERT INTO mine VALUES (42);"
                                " PRAGMA user_version = 0;",
                                &err),
                     0);
    store_close(s);
    /* version 0 with objects: the migrations run, and meet crime etc. made */
    s = store_open(buf_str(&path), STORE_READ_WRITE, &err);
    assert_null(s);
    assert_non_null(strstr(buf_str(&err), "in migration 1"));
    buf_free(&path);
    buf_free(&err);
}

/* Rows are dumped by value: a real to the last bit, a real with no
 * fraction still a real, an infinity, a blob, a text with a NUL byte in
 * it, a quote, the largest integer and NULL come back the same from the
 * dump's INSERT. */
static void rows_are_dumped_by_value(void **state)
{
    const char *dir = *state;
    struct store *s = made(dir, "values.db", true), *back = made(dir, "back.db", true);
    struct buf err = BUF_INIT, all = BUF_INIT;
    assert_int_equal(store_exec(s,
                                "CREATE TABLE t(a, b, c, d, e, f, g, h);"
                                " INSERT INTO t VALUES(1.0 / 3, X'00ff', CAST(X'610062' AS TEXT),"
                                " 'it''s', 9223372036854775807, NULL, 2.0, -9e999);",
                                &err),
                     0);
    dump(s, &all);
    /* the dump's statements for t, run in a store that has the rest */
    for (char *p = all.p, *end; (end = strstr(p, "\n;;\n")) != NULL; p = end + 4) {
        *end = '\0';
        if (strstr(p, "CREATE TABLE t(") == p || strstr(p, "INSERT INTO \"t\"") == p)
            assert_int_equal(store_exec(back, p, &err), 0);
    }
    int64_t same = 0;
    assert_int_equal(store_int64(back,
                                 "SELECT a = 1.0 / 3 AND b = X'00ff' AND typeof(c) = 'text'"
                                 " AND CAST(c AS BLOB) = X'610062' AND d = 'it''s'"
                                 " AND e = 9223372036854775807 AND f IS NULL"
                                 " AND typeof(g) = 'real' AND g = 2 AND h = -9e999 FROM t",
                                 &same, "reading back", &err),
                     0);
    assert_int_equal(same, 1);
    store_close(s);
    store_close(back);
    buf_free(&err);
    buf_free(&all);
}

/* Each test's stores in a folder of its own. */
static int setup(void **state)
{
    *state = fixture_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    fixture_rmtree(*state);
    free(*state);
    return 0;
}

int main(void)
{
    store_library_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_script_in_the_build_is_the_latest_migrations, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_store_made_by_the_script_is_the_one_the_migrations_make,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_file_not_empty_is_not_made_again, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_are_dumped_by_value, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
