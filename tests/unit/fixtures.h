/*
 * fixtures.h - helpers the unit tests share: temporary files and stores.
 */
#ifndef PEEL_TEST_FIXTURES_H
#define PEEL_TEST_FIXTURES_H

#include <stddef.h>
#include <stdint.h>

/* Creates a fresh temporary directory; returns its path (caller frees). */
char *fixture_tmpdir(void);
/* Writes bytes to dir/name; returns the full path (caller frees). */
char *fixture_write(const char *dir, const char *name, const char *bytes, size_t n);
/* Removes a directory tree made by fixture_tmpdir. */
void fixture_rmtree(const char *dir);

struct store;
struct sqlite3;
struct buf;
/* A new read-write store, dir/peel.db, and when peek is not NULL a second,
 * plain SQLite connection to it: the store as any other reader sees it. */
struct store *fixture_store_open(const char *dir, struct sqlite3 **peek);
/* Closes both (peek may be NULL), then removes dir and frees it. */
void fixture_store_close(struct store *s, struct sqlite3 *peek, char *dir);

/* A test's own store: a fresh temporary folder, the read-write store
 * dir/peel.db and a plain connection to it (fixture_store_open's peek). */
struct fixture_env {
    char *dir;
    struct store *s;
    struct sqlite3 *db;
};
/* cmocka's setup and teardown giving each test a new struct fixture_env
 * as its state; a setup that adds to the store calls fixture_env_setup
 * first, then reads the env from *state. */
int fixture_env_setup(void **state);
int fixture_env_teardown(void **state);

/* Imports the police.uk file at path into s (as `peel import` would);
 * any file error, or a failed import, stops the test binary. */
void fixture_import(struct store *s, const char *path);

/* Every crime of s as a download row (assess/crime_rows.h), header first,
 * read back row by row as the explorer streams them, appended to out. */
void fixture_crime_rows_csv(struct store *s, struct buf *out);
/* The header, then every street slice's stored download rows
 * (store/export.h) appended to out, read in small pieces so that reads
 * cross from one blob to the next: 1, or 0 when not every slice has them. */
int fixture_stored_rows_csv(struct store *s, struct buf *out);
/* Renders the slices that have no stored rows (export_refresh), then
 * checks that every stored row is the row read back, byte for byte. */
void fixture_stored_rows_are_the_rows(struct store *s);

/* The one integer the query's first row gives (a count), read through
 * the plain connection; the test fails when there is none. */
int64_t fixture_count(struct sqlite3 *db, const char *sql);

/* A new read-write store at path holding the plan the YAML text describes
 * (as `peel plan load` would), for a site served from it; the caller
 * closes it (store_close) before opening the site. */
struct store *fixture_plan_store(const char *path, const char *plan_yaml);

struct server_ctx;
struct server_options;
/* The site over the store o.db_path, as server_open opens it (web/context.h),
 * except that when o sets no budget of pages made afresh per client
 * (web/guard.h) it is one no test can spend (FIXTURE_NO_BUDGET seconds of
 * CPU a minute): every request of a test comes from one client, and a test
 * of pages must not be refused with 429 because the machine is busy or the
 * build slow. A failure to open stops the test binary. */
#define FIXTURE_NO_BUDGET 1e9
void fixture_server_open(struct server_ctx *ctx, struct server_options o);

/* The Safety Fund as its tests begin: programme "sf", year 2024-25 of
 * £50,000, round R1 of £40,000 (May 2024, the £10,000 maximum, a 65%
 * threshold, serving plan missions m1 and m2) with `criteria` (1 or 2)
 * criteria of weight 1 and top score 5,
 * "need" then "value", open. */
void fixture_fund_round(struct store *s, int criteria);
/* Accounts (no password to sign in with), each "username:role". */
void fixture_accounts(struct store *s, const char *const *accounts, size_t n);

#endif
