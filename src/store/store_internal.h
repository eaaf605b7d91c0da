/*
 * store_internal.h - what the store's own files share; not for other modules.
 */
#ifndef PEEL_STORE_INTERNAL_H
#define PEEL_STORE_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct store {
    sqlite3 *db;
    char *path;
    bool readonly;
    bool stepwise; /* a new store made by every migration (schema_image.h) */
};

/* How long a connection waits for another's lock before SQLITE_BUSY. */
#define STORE_BUSY_MS 5000

/* Runs SQL with no result rows; on error fills err and returns -1. */
int store_exec(struct store *s, const char *sql, struct buf *err);
/* Ends a change's transaction: COMMIT when rc is 0, else (or when the
 * commit fails, which leaves the transaction open) ROLLBACK. rc, or -1
 * when the commit failed. */
int store_finish(struct store *s, int rc, struct buf *err);
/* Prepares a statement; on error fills err and returns NULL. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct buf *err);
/* Appends "context: sqlite message" to err; returns -1. */
int store_fail(struct store *s, struct buf *err, const char *context);
/* The first column of the first row sql (no parameters) yields, as an
 * integer, into *v; -1 with err ("what: sqlite message") when it yields
 * no row or fails. */
int store_int64(struct store *s, const char *sql, int64_t *v, const char *what, struct buf *err);
/* The row that sql (one ?1 for key; columns id and a 0/1 flag) finds:
 * 1 with *id and *flag, 0 when there is none ("no WHAT KEY" in err), -1
 * on failure (with err). */
int store_find_flagged(struct store *s, const char *sql, const char *key, const char *what,
                       int64_t *id, bool *flag, struct buf *err);
struct audit_origin;
/* An audit row for a new fact (no "before"): action on "PREFIX:KEY", the
 * fact as after (compact JSON, sorted keys; the reference is taken), in
 * the caller's write transaction. 0, or -1 with err. */
int store_audit_fact(struct store *s, const char *action, const char *prefix, const char *key,
                     json_t *after, const struct audit_origin *by, struct buf *err);
/* store_upload_add's work in the caller's write transaction (a file
 * stored with what it is attached to, as one change): 0 when added, 1
 * when these bytes are stored already, or -1 with err. */
int store_upload_put(struct store *s, const char *name, const char *kind, const void *bytes,
                     size_t n, const struct audit_origin *by, char sha256[65], struct buf *err);
/* store_tr_publish's work (store/transparency.h) in the caller's write
 * transaction: 0, an enum tr_refusal, or -1 with err. */
int store_tr_publish_in(struct store *s, const char *key, int on, int period, const char *url,
                        const struct audit_origin *by, struct buf *err);
/* Column col's text, "" for NULL (valid until the statement moves on). */
/* The time now in SQL, as every stored time is written (ISO 8601, UTC). */
#define STORE_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

const char *store_column_text(sqlite3_stmt *st, int col);
/* Column col as a date (model/calendar.h), DATE_NONE for NULL or text
 * that is not YYYY-MM-DD. */
int store_column_date(sqlite3_stmt *st, int col);
/* Runs work with SQLite's temporary storage (sorts, temporary tables and
 * B-trees, sub-journals) in files, then in memory again as every
 * connection has it: for work that sorts or copies whole tables, whose
 * temporary storage in memory would grow with the store. Outside any
 * transaction (SQLite takes the setting only there). work's result, or -1
 * with err when the setting could not be made or put back. */
int store_with_temp_files(struct store *s, int (*work)(struct store *s, struct buf *err),
                          struct buf *err);
/* Copies the WAL into the database and cuts it to nothing, without
 * waiting for a reader (one holding an old snapshot leaves the rest for
 * later); outside any transaction. */
void store_trim_wal(struct store *s);
/* Applies migrations above the current user_version, then builds any
 * index a load deferred and did not build (store/deferred_index.h). */
int store_migrate(struct store *s, struct buf *err);
/* The number of the first migration whose SQL contains text, 0 when none:
 * for a test that takes a store back to just before it (migrations are
 * renumbered when branches meet, so tests name none). */
int store_migration_with(const char *text);
/* Runs migration v alone, in a transaction, on a store a test has taken
 * back to just before it: the later migrations stay applied, so the test
 * keeps working when migrations are added after v. */
int store_migration_rerun(struct store *s, int v, struct buf *err);
/* The i-th table whose rows never change (from 0; NULL after the last):
 * each has the triggers TABLE_kept, TABLE_not_removed and
 * TABLE_not_replaced (migrate.c). */
const char *store_append_only_table(size_t i);

/* Marks the LSOAs outside the force area (lsoa.outside), from what is
 * stored now; run by migration 19 and after every import and lookup load
 * (docs/methods.md, "The force area"). With an area lookup loaded, the
 * force area is the lookup's LSOAs (loaded with --where for the force's
 * own). Before any lookup, it is the districts (from the LSOA names) that
 * hold at least 1 in 400 (0.25%) of the located crimes of a force in the
 * store: a force's own districts hold percents of its crimes, the places
 * where it records a stray crime a few hundredths of one. "(no location)"
 * (code '') is neither in nor out. An LSOA whose name gives no district
 * is out, and no district: home has no NULL (with one, `NOT IN home` was
 * NULL for every LSOA, and the commit of any import that met such a name
 * often enough failed on lsoa.outside's NOT NULL). */
/* `located` is each force's crimes per district, from rollup_lsoa's row
 * totals (n: a row per LSOA, month and force, migration 53; its cells
 * are not read): FORCE_AREA_UPDATE (as migration 19 ran it, over a row a
 * cell) sums them in one GROUP BY over every rollup row,
 * which sorts the whole rollup in memory (temp_store=MEMORY; about 30 MB
 * per half million rollup rows). FORCE_AREA_UPDATE_BY_LSOA gives the same
 * sums from the rollup's clustered order: one pass summing each LSOA (no
 * sort), then only the LSOAs that more than one force recorded summed per
 * force, then one row per LSOA grouped by district. */
#define FORCE_AREA_UPDATE                                                                          \
    FORCE_AREA_HOME(FORCE_AREA_LOCATED) " UPDATE lsoa SET outside = " FORCE_AREA_OUTSIDE ";"
#define FORCE_AREA_UPDATE_BY_LSOA FORCE_AREA_UPDATE_WITH(FORCE_AREA_LOCATED_BY_LSOA)
#define FORCE_AREA_LOCATED                                                                         \
    "located AS (SELECT r.force_id AS f, l.district AS d, sum(r.n) AS n"                           \
    "  FROM rollup_lsoa r JOIN lsoa l ON l.id = r.lsoa_id WHERE l.code <> '' GROUP BY 1, 2)"
#define FORCE_AREA_LOCATED_BY_LSOA                                                                 \
    "per AS (SELECT lsoa_id, min(force_id) AS f0, max(force_id) AS f1, sum(n) AS n"                \
    "  FROM rollup_lsoa GROUP BY lsoa_id),"                                                        \
    " pairs AS (SELECT f0 AS f, lsoa_id, n FROM per WHERE f0 = f1 UNION ALL"                       \
    "  SELECT r.force_id, r.lsoa_id, sum(r.n) FROM rollup_lsoa r"                                  \
    "  WHERE r.lsoa_id IN (SELECT lsoa_id FROM per WHERE f0 <> f1) GROUP BY 1, 2),"                \
    " located AS (SELECT p.f AS f, l.district AS d, sum(p.n) AS n"                                 \
    "  FROM pairs p JOIN lsoa l ON l.id = p.lsoa_id WHERE l.code <> '' GROUP BY 1, 2)"
#define FORCE_AREA_HOME(located)                                                                   \
    "WITH " located ","                                                                            \
    " total AS (SELECT f, sum(n) AS n FROM located GROUP BY f),"                                   \
    " home AS (SELECT DISTINCT located.d FROM located JOIN total ON total.f = located.f"           \
    "  WHERE located.n * 400 >= total.n AND located.d IS NOT NULL)"
/* Only the LSOAs whose mark changes are written, where every import wrote
 * every one and its entry in lsoa_code_outside, each page of them going to
 * the WAL: on a year's 25,906 LSOAs, of which none changed, the statement
 * took 0.09 to 0.13 s against 0.10 to 0.15 s, and the import's writer 165 M
 * fewer instructions (bench/README.md, stop 38). Migration 19 wrote every
 * one, and keeps its text. */
#define FORCE_AREA_UPDATE_WITH(located)                                                            \
    FORCE_AREA_HOME(located)                                                                       \
    " UPDATE lsoa SET outside = " FORCE_AREA_OUTSIDE " WHERE outside IS NOT " FORCE_AREA_OUTSIDE ";"
#define FORCE_AREA_OUTSIDE                                                                         \
    "(code <> '' AND CASE WHEN EXISTS (SELECT 1 FROM area)"                                        \
    "  THEN code NOT IN (SELECT lsoa_code FROM area)"                                              \
    "  ELSE district IS NULL OR district NOT IN (SELECT d FROM home) END)"
/* `located` from each LSOA's crimes by force given by the caller
 * (store_force_area_update_from), in a temporary table. */
#define FORCE_AREA_LOCATED_FROM_SUMS                                                               \
    "located AS (SELECT p.force_id AS f, l.district AS d, sum(p.n) AS n"                           \
    "  FROM temp.force_area_sums p JOIN lsoa l ON l.id = p.lsoa_id WHERE l.code <> ''"             \
    "  GROUP BY 1, 2)"
/* Updates lsoa.outside (FORCE_AREA_UPDATE); inside the caller's transaction. */
int store_force_area_update(struct store *s, struct buf *err);

/* An LSOA's crimes recorded by one force. */
struct lsoa_force_sum {
    int64_t lsoa, force, n;
};
/* store_force_area_update when the caller knows every LSOA's crimes by
 * force (n sums, each (lsoa, force) once): no pass over rollup_lsoa. */
int store_force_area_update_from(struct store *s, const struct lsoa_force_sum *sums, size_t n,
                                 struct buf *err);

/* The published text of a coordinate column (see coord.h). */
#define COORD_TEXT(col)                                                                            \
    "(CASE typeof(" col ") WHEN 'integer' THEN printf('%s%d.%06d', CASE WHEN " col " < 0"          \
    " THEN '-' ELSE '' END, abs(" col ") / 1000000, abs(" col ") % 1000000)"                       \
    " ELSE coalesce(" col ", '') END)"

#endif
