/*
 * fixtures.c - temporary files and folders for unit tests (see fixtures.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "assess/crime_rows.h"
#include "ingest/import.h"
#include "ingest/plan_file.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/crimes.h"
#include "store/export.h"
#include "store/fund.h"
#include "store/plans.h"
#include "store/rollup_cells.h"
#include "store/store.h"
#include "util/buf.h"
#include "web/context.h"

#include <sqlite3.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fixture that cannot be made stops the test binary, saying why. Not
 * assert(): NDEBUG (a Release build) would compile the check away and the
 * test would go on with a NULL path or a missing file. */
static void fixture_check(int ok, const char *what, const char *detail)
{
    if (ok)
        return;
    fprintf(stderr, "fixture failed: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

char *fixture_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/peel-test-XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    fixture_check(dir != NULL, tmpl, strerror(errno));
    char *copy = strdup(dir);
    fixture_check(copy != NULL, "strdup", "out of memory");
    return copy;
}

char *fixture_write(const char *dir, const char *name, const char *bytes, size_t n)
{
    char *path = NULL;
    fixture_check(asprintf(&path, "%s/%s", dir, name) > 0, "asprintf", "out of memory");
    FILE *f = fopen(path, "wb");
    fixture_check(f != NULL, path, strerror(errno));
    fixture_check(fwrite(bytes, 1, n, f) == n, path, "short write");
    fixture_check(fclose(f) == 0, path, strerror(errno));
    return path;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void fixture_rmtree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

struct store *fixture_store_open(const char *dir, struct sqlite3 **peek)
{
    struct buf path = BUF_INIT, err = BUF_INIT;
    buf_printf(&path, "%s/peel.db", dir);
    struct store *s = store_open(buf_str(&path), STORE_READ_WRITE, &err);
    fixture_check(s != NULL, buf_str(&path), buf_str(&err));
    if (peek) {
        int rc = sqlite3_open(buf_str(&path), peek);
        fixture_check(rc == SQLITE_OK, buf_str(&path), sqlite3_errstr(rc));
        /* as the store's own connections: rollup_lsoa_cell, rollup_cells */
        rc = rollup_cells_register(*peek);
        fixture_check(rc == SQLITE_OK, buf_str(&path), sqlite3_errstr(rc));
    }
    buf_free(&path);
    buf_free(&err);
    return s;
}

void fixture_store_close(struct store *s, struct sqlite3 *peek, char *dir)
{
    sqlite3_close(peek);
    store_close(s);
    fixture_rmtree(dir);
    free(dir);
}

int fixture_env_setup(void **state)
{
    struct fixture_env *e = calloc(1, sizeof *e);
    fixture_check(e != NULL, "a test's store", "out of memory");
    e->dir = fixture_tmpdir();
    e->s = fixture_store_open(e->dir, &e->db);
    *state = e;
    return 0;
}

int fixture_env_teardown(void **state)
{
    struct fixture_env *e = *state;
    fixture_store_close(e->s, e->db, e->dir);
    free(e);
    return 0;
}

void fixture_server_open(struct server_ctx *ctx, struct server_options o)
{
    if (o.guard.budget == 0)
        o.guard.budget = FIXTURE_NO_BUDGET;
    struct buf err = BUF_INIT;
    fixture_check(server_open(ctx, &o, &err) == 0, o.db_path, buf_str(&err));
    buf_free(&err);
}

struct store *fixture_plan_store(const char *path, const char *plan_yaml)
{
    struct buf err = BUF_INIT;
    struct store *s = store_open(path, STORE_READ_WRITE, &err);
    fixture_check(s != NULL, "opening the store", buf_str(&err));
    struct plan p;
    fixture_check(plan_parse_string("p.yaml", plan_yaml, &p, &err), "the test's plan",
                  buf_str(&err));
    struct plan_version v;
    bool unchanged;
    struct data_load file = {.path = "p.yaml", .sha256 = AUDIT_GENESIS};
    fixture_check(store_plan_save(s, &p, "h", &file, &v, &unchanged, &err) == 0,
                  "saving the test's plan", buf_str(&err));
    plan_free(&p);
    buf_free(&err);
    return s;
}

static void on_imported_file(const struct ingest_file_report *r, void *arg)
{
    (void)arg;
    fixture_check(r->error == NULL, "importing a test file", r->error);
}

void fixture_import(struct store *s, const char *path)
{
    struct ingest_options opt = {.command = "test", .user = "test", .on_file = on_imported_file};
    struct ingest_totals tot;
    struct buf err = BUF_INIT;
    char *paths[] = {(char *)path};
    fixture_check(ingest_paths(s, paths, 1, &opt, &tot, &err) == 0, "importing", buf_str(&err));
    buf_free(&err);
}

int64_t fixture_count(struct sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
        fprintf(stderr, "fixture_count: %s: %s\n", sql, sqlite3_errmsg(db));
        abort();
    }
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

void fixture_fund_round(struct store *s, int criteria)
{
    static const struct audit_origin by = {"cli:test", "test"};
    struct buf err = BUF_INIT;
    struct fund_programme p = {"sf", "Safety Fund", "GB-GOV-X", "The PCC", "360G-test"};
    struct fund_round r = {.key = "R1",
                           .programme = "sf",
                           .fy = "2024-25",
                           .title = "Round",
                           .theme = "Any",
                           .opens_on = "2024-05-01",
                           .closes_on = "2024-05-31",
                           .budget_pence = 4000000,
                           .max_award_pence = FUND_DEFAULT_MAX_AWARD_PENCE,
                           .threshold_bp = 6500,
                           .missions = "m1, m2"};
    int rc = store_fund_programme_add(s, &p, &by, &err);
    rc = rc ? rc : store_fund_year_add(s, "sf", "2024-25", 5000000, &by, &err);
    rc = rc ? rc : store_fund_round_add(s, &r, &by, &err);
    rc = rc ? rc : store_fund_criterion_add(s, "R1", "need", "Need", 1, 5, &by, &err);
    if (criteria > 1)
        rc = rc ? rc : store_fund_criterion_add(s, "R1", "value", "Value", 1, 5, &by, &err);
    rc = rc ? rc : store_fund_round_open(s, "R1", &by, &err);
    fixture_check(rc == 0, "a fund round", buf_str(&err));
    buf_free(&err);
}

void fixture_accounts(struct store *s, const char *const *accounts, size_t n)
{
    static const struct audit_origin by = {"cli:test", "test"};
    struct buf err = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        char name[65], *colon;
        snprintf(name, sizeof name, "%s", accounts[i]);
        colon = strchr(name, ':');
        fixture_check(colon != NULL, "an account as username:role", accounts[i]);
        *colon = '\0';
        struct account a = {.username = name, .name = "N", .role = colon + 1};
        fixture_check(store_account_add(s, &a, "$argon2id$x", &by, &err) == 0, "an account",
                      buf_str(&err));
    }
    buf_free(&err);
}

void fixture_crime_rows_csv(struct store *s, struct buf *out)
{
    struct stats_query q = {.month_from = -1, .month_to = -1};
    struct buf err = BUF_INIT;
    struct crime_cursor *c = store_crimes_open(s, &q, 0, -1, &err);
    assert_non_null(c);
    struct table_stream ts;
    table_stream_begin(&ts, TABLE_CSV, CRIME_ROW_COLS, crime_row_columns, out);
    struct crime_row r;
    struct cell cells[CRIME_ROW_COLS];
    while (store_crimes_next(c, &r, &err) == 1) {
        crime_row_cells(&r, cells);
        table_stream_row(&ts, cells, out);
    }
    store_crimes_close(c);
    assert_int_equal(err.len, 0);
    buf_free(&err);
}

int fixture_stored_rows_csv(struct store *s, struct buf *out)
{
    struct buf err = BUF_INIT;
    struct export_reader *r = store_export_open(s, -1, -1, NULL, &err);
    assert_int_equal(err.len, 0);
    buf_free(&err);
    if (!r)
        return 0;
    struct table_stream ts;
    table_stream_begin(&ts, TABLE_CSV, CRIME_ROW_COLS, crime_row_columns, out);
    int rc;
    do
        rc = store_export_read(r, out, 7, &err);
    while (rc == 1);
    assert_int_equal(rc, 0);
    store_export_close(r);
    return 1;
}

void fixture_stored_rows_are_the_rows(struct store *s)
{
    struct buf err = BUF_INIT, rows = BUF_INIT, stored = BUF_INIT;
    assert_int_equal(export_refresh(s, NULL, &err), 0);
    fixture_crime_rows_csv(s, &rows);
    assert_int_equal(fixture_stored_rows_csv(s, &stored), 1);
    assert_int_equal(stored.len, rows.len);
    assert_memory_equal(stored.p, rows.p, rows.len);
    buf_free(&err);
    buf_free(&rows);
    buf_free(&stored);
}
