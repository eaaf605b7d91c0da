/*
 * import.c - the store side of `peel import` (see import.h).
 *
 * The hot path is store_add_street(): the row's values held for an INSERT
 * of CRIME_BATCH crimes (outcomes too), their ids left for SQLite to give
 * when it would give those very ones (insert_batch), and one in-memory
 * rollup increment.
 * What needs no connection is worked out before, on the import's reading
 * thread (ingest/pipeline.c): the interned ids of its repeated columns
 * (store_interner; a value new to the store is inserted here, with the id
 * given there), the crime id's bytes, the coordinates, and its download row,
 * packed (store_row_prep, store/export_ahead.h), whose pieces are stored
 * here among the rows (store_add_piece). Nothing is read back from the
 * database per row. At the commit, the area counts of the whole import are
 * merged, summed and packed on a thread of their own while this one writes
 * them (merge_lsoa_counts).
 *
 * Memory is bounded whatever the file: each interned table keeps at most
 * DICT_MAX_CACHED values in memory (beyond, a value not there is looked up
 * in its table by its unique index), and a file's rollup at most
 * ROLLUP_MAX_CELLS counts (beyond, they are written out and counting
 * starts again). A file whose every row names a new place would otherwise
 * hold every place, LSOA and rollup cell it names: 488 MB for a million
 * such rows.
 */
#include "store/import.h"
#include "model/forces.h"
#include "model/outcomes.h"
#include "store/deferred_index.h"
#include "store/download_row.h"
#include "store/export.h"
#include "store/export_ahead.h"
#include "store/query_internal.h"
#include "store/rollup_cells.h"
#include "store/rollup_runs.h"
#include "store/store_internal.h"
#include "store/writeback.h"
#include "util/hex.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/month.h"
#include "util/thread.h"

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An interned text table: text -> id, mirrored in memory. */
/* Values of one interned table kept in memory; real data come nowhere
 * near (Leicestershire's 36 months and 12 more forces' month: 28,866
 * locations, 5,726 LSOAs). Rollup counts of one file kept in memory before
 * they are written. Both may be set lower when compiling, as test_import
 * does to reach them with a few hundred rows. */
#ifndef DICT_MAX_CACHED
#define DICT_MAX_CACHED 131072
#endif
/* 65,536 cells hold about 9 MB (a 131,072-slot map and the sorted array
 * written from it). A police.uk file (one force's month) mostly has fewer;
 * one that has more, or a file of millions of rows, writes them in parts
 * (the upserts), where 131,072 cells took 18 MB of the 120 MB a 2M-row
 * file may take in all (bench/README.md). */
#ifndef ROLLUP_MAX_CELLS
#define ROLLUP_MAX_CELLS 65536
#endif
/* rollup_lsoa counts of the files kept, held in memory before they are
 * merged into a sorted run in a temporary file (store/rollup_runs.h): 16
 * bytes a cell, 8 MiB. */
#ifndef ROLLUP_RUN_CELLS
#define ROLLUP_RUN_CELLS 524288
#endif

struct dict {
    const char *table;
    struct hmap map;
    sqlite3_stmt *insert;
    sqlite3_stmt *find; /* the id of a value, for when the map is partial */
    bool partial;       /* the map holds only some of the table's values */
    bool loaded;        /* the map was loaded (dict_load): the writer's maps
                           are loaded when first needed (see store_interner) */
    /* the last value looked up: consecutive rows mostly repeat it (one
     * force per file), and a compare is cheaper than a hash. Its key in
     * the map (hmap_key), not a copy: copying it at each lookup that
     * missed it was a tenth of the interning (callgrind); NULL after the
     * map changes but by remember. */
    const char *last;
    size_t last_len;
    int64_t last_id;
};

enum { D_FORCE, D_CRIME_TYPE, D_OUTCOME, D_LOCATION, D_LSOA, D_COUNT };

/* A file's rollup counts: open addressing with the key in the slot, where
 * util/hmap.h allocates each key (0.84 new cells a crime in bench/ingest,
 * each a malloc at the put and a free at the flush). */
struct rollup_slot {
    struct rollup_key k;
    uint32_t used;
    int64_t n;
};

/* A crime's count is added to its slot ROLLUP_SOON crimes later, the slot
 * fetched meanwhile: the slots are two MiB, a crime's is anywhere in
 * them, and waiting for it was 6% of the writing thread (perf, the
 * year). */
#define ROLLUP_SOON 8

/* The slots in use are listed too (used_at), so that reading a file's
 * counts and emptying the map for the next touch those, not every slot:
 * the file's map is two MiB by its last files, and three passes over it
 * and a memset a file were 4% of the writing thread (perf, the year). */
struct rollup_map {
    struct rollup_slot *slots;
    size_t cap; /* a power of two, at least twice count */
    size_t count;
    uint32_t *used_at; /* the slots in use, count of them (room for cap / 2) */
    /* Crimes counted but not yet added (rollup_add_soon), their slots
     * asked of the cache meanwhile. */
    struct rollup_key soon[ROLLUP_SOON]; /* a ring, from first_soon */
    size_t first_soon, nsoon;
};

/* Crimes, or outcomes, inserted by one statement (flush_pending): a
 * statement a crime cost 7,300 instructions, about 3,000 of them in
 * opening, halting and resetting the statement. */
#define CRIME_BATCH          32
#define CRIME_INSERT_COLUMNS "id, " CRIME_APPEND_COLUMNS
#define CRIME_APPEND_COLUMNS                                                                       \
    "crime_id, falls_within_id, longitude, latitude, location_id, lsoa_id, crime_type_id,"         \
    " outcome_id, context"
enum { CRIME_COLUMNS = 10 };
#define OUTCOME_INSERT_COLUMNS "id, " OUTCOME_APPEND_COLUMNS
#define OUTCOME_APPEND_COLUMNS                                                                     \
    "crime_id, falls_within_id, longitude, latitude, location_id, lsoa_id, outcome_id"
enum { OUTCOME_COLUMNS = 8 };

/* A value to bind later: its bytes (text or blob) at off in held_bytes. */
struct held {
    enum { HELD_NULL, HELD_INT, HELD_TEXT, HELD_BLOB } kind;
    int64_t i;
    size_t off, len;
};

/* A crime or outcome stored, waiting for its batch's INSERT. */
struct pending_row {
    struct held v[CRIME_COLUMNS]; /* in CRIME_ or OUTCOME_INSERT_COLUMNS' order */
};

/* Rows of rollup_lsoa written by one statement (write_lsoa_counts). */
#define ROLLUP_BATCH 64
/* A row of rollup_lsoa written where one of its key is: a file with more
 * than ROLLUP_MAX_CELLS counts writes them in parts, an import adds to a
 * store, and a row's cells can come in two arrays of the commit's merge. */
#define ROLLUP_LSOA_UPSERT                                                                         \
    " ON CONFLICT DO UPDATE SET n = n + excluded.n,"                                               \
    " cells = rollup_cells_merge(cells, excluded.cells)"
/* Parameters of a row of rollup_lsoa. */
#define ROLLUP_LSOA_PARAMS 5

/* A row of rollup_lsoa: its key, and where its cells are in its
 * lsoa_rows' cells. */
struct lsoa_row {
    int32_t lsoa, month, force;
    int64_t n;
    size_t at, len;
};

/* Rows of rollup_lsoa packed and not yet written, their cells in cells
 * (rollup_cells.h); the last is open to more, after last_cell: a row's
 * counts can come in two of the merge's arrays. LSOA_ROWS of them: the
 * commit hands them from thread to thread (merge_lsoa_counts) 1,024 at a
 * time, not a statement's 64. */
#define LSOA_ROWS (16 * ROLLUP_BATCH)
struct lsoa_rows {
    struct lsoa_row rows[LSOA_ROWS];
    size_t n;
    struct buf cells;
    struct rollup_cell last_cell;
};

struct slice_key {
    int32_t force, month, kind;
};

struct slice_state {
    int64_t id;
    int64_t rows;
    struct export_slice csv; /* a street slice's download rows, when rendered */
};

enum kind { K_STREET, K_OUTCOMES, K_STOP_SEARCH, K_COUNT };
static const char *const kind_names[K_COUNT] = {"street", "outcomes", "stop-and-search"};

enum stmt {
    S_RUN_UPDATE,
    S_FILE_UPSERT,
    S_FILE_CLEAR_QUARANTINE,
    S_FILE_COUNTS,
    S_SLICE_FIND,
    S_SLICE_INSERT,
    S_SLICE_REUSE,
    S_SLICE_ROWS,
    S_DELETE_CRIMES,
    S_DELETE_OUTCOMES,
    S_DELETE_STOP_SEARCH,
    S_DELETE_ROLLUP_FORCE,
    S_DELETE_ROLLUP_LSOA,
    S_CRIME,
    S_OUTCOME,
    S_STOP_SEARCH,
    S_QUARANTINE,
    S_ROLLUP_FORCE,
    S_ROLLUP_LSOA,
    S_FORCE_CELLS,
    S_ROLLUP_ALL,
    S_ROLLUP_ALL_EMPTIED,
    S_DISTRICT,
    S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
    [S_RUN_UPDATE] = "UPDATE import_run SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
                     " files = ?2, rows_stored = ?3, rows_quarantined = ?4 WHERE id = ?1",
    [S_FILE_UPSERT] = "INSERT INTO source_file(name, path, kind, bytes, import_id, imported_at)"
                      " VALUES(?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
                      " ON CONFLICT(name) DO UPDATE SET path = excluded.path, kind = excluded.kind,"
                      " bytes = excluded.bytes, import_id = excluded.import_id,"
                      " imported_at = excluded.imported_at, rows_stored = 0, rows_quarantined = 0,"
                      " sha256 = NULL"
                      " RETURNING id",
    [S_FILE_CLEAR_QUARANTINE] = "DELETE FROM quarantine WHERE file_id = ?1",
    [S_FILE_COUNTS] = "UPDATE source_file SET rows_stored = ?2, rows_quarantined = ?3, sha256 = ?4"
                      " WHERE id = ?1",
    [S_SLICE_FIND] = "SELECT id FROM slice WHERE force_id = ?1 AND month = ?2 AND kind = ?3",
    [S_SLICE_INSERT] = "INSERT INTO slice(force_id, month, kind, file_id) VALUES(?1, ?2, ?3, ?4)",
    [S_SLICE_REUSE] = "UPDATE slice SET file_id = ?2, rows = 0 WHERE id = ?1",
    [S_SLICE_ROWS] = "UPDATE slice SET rows = ?2 WHERE id = ?1",
    [S_DELETE_CRIMES] = "DELETE FROM crime WHERE id BETWEEN ?1 * 4294967296"
                        " AND ?1 * 4294967296 + 4294967295",
    [S_DELETE_OUTCOMES] = "DELETE FROM outcome WHERE id BETWEEN ?1 * 4294967296"
                          " AND ?1 * 4294967296 + 4294967295",
    [S_DELETE_STOP_SEARCH] = "DELETE FROM stop_search WHERE id BETWEEN ?1 * 4294967296"
                             " AND ?1 * 4294967296 + 4294967295",
    [S_DELETE_ROLLUP_FORCE] = "DELETE FROM rollup_force WHERE force_id = ?1 AND month = ?2",
    /* the slice's rows are (LSOA, its month, its force) for the LSOAs of
     * its crimes (each crime counted in them, and in no other slice's),
     * found by the primary key; run before the crimes go */
    [S_DELETE_ROLLUP_LSOA] =
        "DELETE FROM rollup_lsoa WHERE (lsoa_id, month, force_id) IN"
        " (SELECT c.lsoa_id, ?3, ?2 FROM crime c"
        " WHERE c.id BETWEEN ?1 * 4294967296 AND ?1 * 4294967296 + 4294967295)",
    /* CRIME_COLUMNS of them; im->given[1] has CRIME_BATCH such rows */
    [S_CRIME] = "INSERT INTO crime(" CRIME_INSERT_COLUMNS ") VALUES(?,?,?,?,?,?,?,?,?,?)",
    /* OUTCOME_COLUMNS of them; im->given[0] has CRIME_BATCH such rows */
    [S_OUTCOME] = "INSERT INTO outcome(" OUTCOME_INSERT_COLUMNS ") VALUES(?,?,?,?,?,?,?,?)",
    [S_STOP_SEARCH] =
        "INSERT INTO stop_search(id, type, date, part_of_a_policing_operation,"
        " policing_operation, latitude, longitude, gender, age_range, self_defined_ethnicity,"
        " officer_defined_ethnicity, legislation, object_of_search, outcome,"
        " outcome_linked_to_object_of_search, removal_of_more_than_just_outer_clothing)"
        " VALUES(?1 * 4294967296 + ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
        " ?16, ?17)",
    [S_QUARANTINE] = "INSERT INTO quarantine(file_id, line, field, reason, raw)"
                     " VALUES(?1, ?2, ?3, ?4, ?5)",
    /* an upsert: a file with more than ROLLUP_MAX_CELLS counts writes them
     * in parts, and a later part can add to a cell an earlier one wrote */
    [S_ROLLUP_FORCE] = "INSERT INTO rollup_force(force_id, month, crime_type_id, outcome_id, n)"
                       " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET n = n + excluded.n",
    [S_ROLLUP_LSOA] = "INSERT INTO rollup_lsoa(lsoa_id, month, force_id, n, cells)"
                      " VALUES(?1, ?2, ?3, ?4, ?5)" ROLLUP_LSOA_UPSERT,
    /* rollup_all, rollup_force summed over forces (migration 52): a
     * slice's cells read before they go, and the import's changes to each
     * (month, type, outcome), written at its commit (write_rollup_all) */
    [S_FORCE_CELLS] = "SELECT crime_type_id, outcome_id, n FROM rollup_force"
                      " WHERE force_id = ?1 AND month = ?2",
    [S_ROLLUP_ALL] = "INSERT INTO rollup_all(month, crime_type_id, outcome_id, n)"
                     " VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET n = n + excluded.n",
    [S_ROLLUP_ALL_EMPTIED] = "DELETE FROM rollup_all WHERE month = ?1 AND crime_type_id = ?2"
                             " AND outcome_id = ?3 AND n = 0",
    /* the district a download row shows: crimes.c's expression and join */
    [S_DISTRICT] = "SELECT " DISTRICT_OF(
        "l", "dd") " FROM lsoa l LEFT JOIN area dd"
                   " ON dd.grouping = 'district' AND dd.lsoa_code = l.code WHERE l.id = ?1",
};

/* ?4: the value's id, given by the reading thread (store_interner), or
 * NULL for the table's next */
static const char *const dict_insert_sql[D_COUNT] = {
    [D_FORCE] = "INSERT INTO force(id, name, slug) VALUES(?4, ?1, ?2)",
    [D_CRIME_TYPE] = "INSERT INTO crime_type(id, name) VALUES(?4, ?1)",
    [D_OUTCOME] = "INSERT INTO outcome_category(id, name, group_id)"
                  " SELECT ?4, ?1, id FROM outcome_group WHERE code = '" OUTCOME_GROUP_UNMAPPED "'",
    [D_LOCATION] = "INSERT INTO location(id, text) VALUES(?4, ?1)",
    [D_LSOA] = "INSERT INTO lsoa(id, code, name, district) VALUES(?4, ?1, ?2, ?3)",
};

/* The id a new value gets from its table (an INTEGER PRIMARY KEY without
 * AUTOINCREMENT): one more than the largest. */
static const char *const dict_next_sql[D_COUNT] = {
    [D_FORCE] = "SELECT coalesce(max(id), 0) + 1 FROM force",
    [D_CRIME_TYPE] = "SELECT coalesce(max(id), 0) + 1 FROM crime_type",
    [D_OUTCOME] = "SELECT coalesce(max(id), 0) + 1 FROM outcome_category",
    [D_LOCATION] = "SELECT coalesce(max(id), 0) + 1 FROM location",
    [D_LSOA] = "SELECT coalesce(max(id), 0) + 1 FROM lsoa",
};

static const char *const dict_find_sql[D_COUNT] = {
    [D_FORCE] = "SELECT id FROM force WHERE name = ?1",
    [D_CRIME_TYPE] = "SELECT id FROM crime_type WHERE name = ?1",
    [D_OUTCOME] = "SELECT id FROM outcome_category WHERE name = ?1",
    [D_LOCATION] = "SELECT id FROM location WHERE text = ?1",
    [D_LSOA] = "SELECT id FROM lsoa WHERE code = ?1 AND name = ?2",
};

static const char *const dict_load_sql[D_COUNT] = {
    [D_FORCE] = "SELECT id, name, NULL FROM force",
    [D_CRIME_TYPE] = "SELECT id, name, NULL FROM crime_type",
    [D_OUTCOME] = "SELECT id, name, NULL FROM outcome_category",
    [D_LOCATION] = "SELECT id, text, NULL FROM location",
    [D_LSOA] = "SELECT id, code, name FROM lsoa",
};

struct store_import {
    struct store *s;
    bool rollback_journal; /* a first load, without the WAL: see fresh_load */
    sqlite3_stmt *st[S_COUNT];
    struct dict dict[D_COUNT];
    int64_t run_id;
    long files, rows_stored, rows_quarantined;
    /* the current file */
    int64_t file_id;
    long file_stored, file_quarantined;
    struct hmap slices; /* slice_key -> index into slice_state */
    struct slice_state *slice_state;
    size_t nslices, slice_cap;
    struct rollup_map rollup; /* the file's counts */
    /* rollup_lsoa's counts of the files kept, written at the commit, and
     * the (force, month) of street slices the file emptied (then its own
     * counts for them replace any an earlier file of the import gave) */
    struct rollup_runs *lsoa_runs;
    struct buf cleared;               /* struct rollup_key, force and month set */
    struct store_writeback writeback; /* started after each file */
    /* each LSOA's crimes by force, summed from the counts the commit
     * writes when they are all of rollup_lsoa (a first load): the force
     * area then needs no pass over the table (store_force_area_update_from) */
    bool sum_areas;
    struct lsoa_force_sum *sums;
    size_t nsums, sums_cap, lsoa_sums; /* lsoa_sums: the last LSOA's first */
    /* changes to rollup_all by (month, type, outcome), force 0: the file's,
     * and those of the files kept, written at the commit (a few thousand
     * rows, where one per rollup_force row, or triggers, cost measurably) */
    struct rollup_map file_all, all;
    sqlite3_stmt *rollup_batch; /* ROLLUP_BATCH rows of rollup_lsoa */
    struct lsoa_rows lsoa;      /* rows of rollup_lsoa packed, not yet written */
    struct buf unmapped;        /* outcome categories met that are not mapped */
    struct buf key;             /* scratch for composite dictionary keys */
    /* crimes or outcomes (pending_kind) not yet inserted (flush_pending),
     * their texts in held_bytes */
    struct pending_row pending[CRIME_BATCH];
    size_t npending;
    enum kind pending_kind;
    struct buf held_bytes;
    /* CRIME_BATCH outcomes ([0]) or crimes ([1]) with their ids given */
    sqlite3_stmt *given[2];
    /* What each parameter of the two holds, as last bound (kind and
     * integer only): bindings outlive sqlite3_reset, so a NULL or an
     * integer equal to the one already in its place (a file's force, its
     * empty context) is not bound again. [0] outcomes, [1] crimes. */
    struct held bound[2][CRIME_BATCH * CRIME_COLUMNS];
    /* The same INSERTs without the id, which SQLite then gives each row
     * itself: the table's largest plus one, found with no seek
     * (MIGRATION_ROWID, store/migrate.c). For rows whose ids are those
     * (ids_run_on): a file's rows of one slice, in line order, in a slice
     * newer than any other. Their parameters' bindings as above. */
    sqlite3_stmt *append[2];
    struct held bound_append[2][CRIME_BATCH * (CRIME_COLUMNS - 1)];
    /* each table's largest id as the import knows it, -1 when it does not
     * (at the start, after a slice is emptied or a file rolled back) */
    int64_t largest[2];
    /* rendering download rows (store_import_render) */
    const struct store_crime_csv *render;
    size_t csv_held;                /* bytes allocated by the slices' csv buffers */
    struct district_ends districts; /* the row ends rendered, by LSOA id */
    struct buf head;                /* scratch: a row's download head, prepared here */
    struct export_packer *packer;   /* the rows are stored packed (store/export_pack.h) */
    /* the slice of the last row: consecutive rows mostly share it */
    struct slice_key last_slice;
    size_t last_slice_index; /* 1 + its index in slice_state, 0 for none */
    /* the outcome table's indexes, dropped for a first load of outcomes
     * and built again after the commit (defer_outcome_indexes) */
    bool outcome_indexes_checked;
    bool outcome_indexes_dropped_in_file; /* by the file's savepoint */
    bool two_threads;                     /* store_import_threads */
};

static uint64_t pair(int32_t a, int32_t b)
{
    return (uint64_t)(uint32_t)a << 32 | (uint32_t)b;
}

/* ---- a file's rollup counts -------------------------------------------- */

static size_t rollup_hash(const struct rollup_key *k)
{
    uint64_t h = pair(k->force, k->month) * 0x9e3779b97f4a7c15ULL;
    h = (h ^ pair(k->lsoa, k->crime_type)) * 0xff51afd7ed558ccdULL;
    h = (h ^ (uint32_t)k->outcome) * 0xc4ceb9fe1a85ec53ULL;
    return (size_t)(h ^ h >> 29);
}

static bool rollup_key_eq(const struct rollup_key *a, const struct rollup_key *b)
{
    return a->force == b->force && a->month == b->month && a->lsoa == b->lsoa &&
           a->crime_type == b->crime_type && a->outcome == b->outcome;
}

static struct rollup_slot *rollup_slot(struct rollup_slot *slots, size_t cap,
                                       const struct rollup_key *k)
{
    size_t mask = cap - 1;
    for (size_t i = rollup_hash(k) & mask;; i = (i + 1) & mask)
        if (!slots[i].used || rollup_key_eq(&slots[i].k, k))
            return &slots[i];
}

/* The map's i-th slot in use. */
static struct rollup_slot *rollup_used(const struct rollup_map *m, size_t i)
{
    assert(i < m->count && m->slots[m->used_at[i]].used);
    return &m->slots[m->used_at[i]];
}

/* Twice the slots, the cells placed again. */
static void rollup_grow(struct rollup_map *m)
{
    size_t cap = m->cap ? 2 * m->cap : 1024;
    assert(cap - 1 <= UINT32_MAX); /* used_at holds slot indexes */
    struct rollup_slot *slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < m->count; i++) {
        struct rollup_slot *e = rollup_slot(slots, cap, &rollup_used(m, i)->k);
        *e = *rollup_used(m, i);
        m->used_at[i] = (uint32_t)(e - slots);
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    m->used_at = xrealloc(m->used_at, cap / 2 * sizeof *m->used_at);
}

/* Adds n to the cell of k, making room first: at most half the slots used. */
static void rollup_add(struct rollup_map *m, const struct rollup_key *k, int64_t n)
{
    if (2 * (m->count + 1) > m->cap)
        rollup_grow(m);
    struct rollup_slot *e = rollup_slot(m->slots, m->cap, k);
    if (!e->used) {
        *e = (struct rollup_slot){.k = *k, .used = 1};
        m->used_at[m->count++] = (uint32_t)(e - m->slots);
    }
    e->n += n;
}

/* Adds 1 to the cell of k a few calls from now (ROLLUP_SOON); read the
 * map only after rollup_settle. */
static void rollup_add_soon(struct rollup_map *m, const struct rollup_key *k)
{
    if (m->cap)
        __builtin_prefetch(&m->slots[rollup_hash(k) & (m->cap - 1)], 1);
    if (m->nsoon < ROLLUP_SOON) {
        m->soon[(m->first_soon + m->nsoon++) % ROLLUP_SOON] = *k;
        return;
    }
    rollup_add(m, &m->soon[m->first_soon], 1);
    m->soon[m->first_soon] = *k;
    m->first_soon = (m->first_soon + 1) % ROLLUP_SOON;
}

/* Adds the counts rollup_add_soon holds. */
static void rollup_settle(struct rollup_map *m)
{
    for (size_t i = 0; i < m->nsoon; i++)
        rollup_add(m, &m->soon[(m->first_soon + i) % ROLLUP_SOON], 1);
    m->nsoon = m->first_soon = 0;
}

/* Empties the map and keeps its slots, for the next file. */
static void rollup_clear(struct rollup_map *m)
{
    for (size_t i = 0; i < m->count; i++)
        m->slots[m->used_at[i]].used = 0;
    m->count = 0;
    m->nsoon = m->first_soon = 0;
}

static void rollup_free(struct rollup_map *m)
{
    free(m->slots);
    free(m->used_at);
    *m = (struct rollup_map){0};
}

/* ---- dictionaries ------------------------------------------------------- */

static const struct text no_text = {"", 0};

/* An LSOA's key in its dictionary: the code's length, the code, the name. */
static void lsoa_key(struct buf *key, struct text code, struct text name)
{
    uint32_t n = (uint32_t)code.len;
    buf_reset(key);
    buf_grow(key, sizeof n + code.len + name.len);
    memcpy(key->p, &n, sizeof n);
    if (code.len)
        memcpy(key->p + sizeof n, code.p, code.len);
    if (name.len)
        memcpy(key->p + sizeof n + code.len, name.p, name.len);
    key->len = sizeof n + code.len + name.len;
    key->p[key->len] = '\0';
}

/* Whether the bytes at a are t's (t.p may be NULL when t is empty). */
static bool same_bytes(const char *a, struct text t)
{
    return t.len == 0 || memcmp(a, t.p, t.len) == 0;
}

/* Whether the key of len bytes at key is lsoa_key's of code and name. */
static bool is_lsoa_key(const char *key, size_t len, struct text code, struct text name)
{
    uint32_t n = (uint32_t)code.len;
    return len == sizeof n + code.len + name.len && memcmp(key, &n, sizeof n) == 0 &&
           same_bytes(key + sizeof n, code) && same_bytes(key + sizeof n + code.len, name);
}

/* Fills dict with table d's values, or as many as it may hold. */
static int dict_load_into(struct store_import *im, struct dict *dict, int d, struct buf *err)
{
    hmap_clear(&dict->map);
    dict->last = NULL; /* ids may have been rolled back */
    dict->partial = false;
    sqlite3_stmt *st = store_prepare(im->s, dict_load_sql[d], err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (dict->map.count == DICT_MAX_CACHED) {
            dict->partial = true;
            rc = SQLITE_DONE;
            break;
        }
        struct text a = {(const char *)sqlite3_column_text(st, 1),
                         (size_t)sqlite3_column_bytes(st, 1)};
        if (d == D_LSOA) {
            struct text b = {(const char *)sqlite3_column_text(st, 2),
                             (size_t)sqlite3_column_bytes(st, 2)};
            lsoa_key(&im->key, a, b);
            *hmap_put(&dict->map, im->key.p, im->key.len, NULL) = sqlite3_column_int64(st, 0);
        } else {
            *hmap_put(&dict->map, a.p, a.len, NULL) = sqlite3_column_int64(st, 0);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(im->s, err, "loading interned values");
}

static int dict_load(struct store_import *im, int d, struct buf *err)
{
    struct dict *dict = &im->dict[d];
    int rc = dict_load_into(im, dict, d, err);
    dict->loaded = rc == 0;
    return rc;
}

/* Forgets every map, to be loaded again when needed: after a rollback. */
static void dict_unload_all(struct store_import *im)
{
    for (int d = 0; d < D_COUNT; d++) {
        hmap_clear(&im->dict[d].map);
        im->dict[d].last = NULL;
        im->dict[d].partial = im->dict[d].loaded = false;
    }
}

/* Adds a value to its table with the id *id, or with the table's next when
 * *id is 0, which *id then gets. */
static int dict_insert(struct store_import *im, int d, struct text a, struct text b, int64_t *id,
                       struct buf *err)
{
    sqlite3_stmt *st = im->dict[d].insert;
    sqlite3_bind_text(st, 1, a.p, (int)a.len, SQLITE_STATIC);
    if (*id)
        sqlite3_bind_int64(st, 4, *id);
    if (d == D_FORCE) {
        const struct police_force *f = force_by_name(a.p, a.len);
        if (f)
            sqlite3_bind_text(st, 2, f->slug, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 2);
    } else if (d == D_LSOA) {
        sqlite3_bind_text(st, 2, b.p, (int)b.len, SQLITE_STATIC);
        size_t dl = lsoa_name_district_length(b);
        if (dl)
            sqlite3_bind_text(st, 3, b.p, (int)dl, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 3);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        store_fail(im->s, err, "storing a new value");
        return -1;
    }
    *id = sqlite3_last_insert_rowid(im->s->db);
    return 0;
}

/* The value whose id is at slot (in dict's map) is the last looked up. */
static void remember(struct dict *dict, const int64_t *slot)
{
    dict->last = hmap_key(slot, &dict->last_len);
    dict->last_id = *slot;
}

/* A value new to dict's map, with its id, the last looked up. */
static void put_last(struct dict *dict, const void *key, size_t keylen, int64_t id)
{
    int64_t *slot = hmap_put(&dict->map, key, keylen, NULL);
    *slot = id;
    remember(dict, slot);
}

/* A value's id from its table, when the map holds only some: 1 found, 0
 * not there, -1 on error. */
static int dict_find(struct store_import *im, int d, struct text a, struct text b, int64_t *id,
                     struct buf *err)
{
    sqlite3_stmt *st = im->dict[d].find;
    sqlite3_bind_text(st, 1, a.p ? a.p : "", (int)a.len, SQLITE_STATIC);
    if (d == D_LSOA)
        sqlite3_bind_text(st, 2, b.p ? b.p : "", (int)b.len, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_fail(im->s, err, "looking up an interned value");
        return -1;
    }
    return rc == SQLITE_ROW;
}

/* Keeps a value's id in memory; a full map is emptied first (simpler than
 * choosing what to forget, and the values in use come back at once). */
static void dict_keep(struct dict *dict, const void *key, size_t keylen, int64_t id)
{
    if (dict->map.count >= DICT_MAX_CACHED) {
        hmap_clear(&dict->map);
        dict->partial = true;
    }
    put_last(dict, key, keylen, id);
}

/* The key of a value in its dictionary's map (in scratch for an LSOA). */
static const void *dict_key(struct buf *scratch, int d, struct text a, struct text b,
                            size_t *keylen)
{
    if (d == D_LSOA) {
        lsoa_key(scratch, a, b);
        *keylen = scratch->len;
        return scratch->p;
    }
    *keylen = a.len;
    return a.p ? a.p : "";
}

/* Whether the value (a, or for an LSOA its code a and name b) is the last
 * looked up: asked before its key is made, which for an LSOA is a copy. */
static bool dict_last_is(const struct dict *dict, int d, struct text a, struct text b)
{
    if (!dict->last)
        return false;
    if (d == D_LSOA)
        return is_lsoa_key(dict->last, dict->last_len, a, b);
    return dict->last_len == a.len && same_bytes(dict->last, a);
}

/* A value's id when dict's memory has it: the last value, or one in the
 * map. Else false, with the value's key in *key (in scratch for an LSOA),
 * for the caller to keep it under. */
static bool dict_cached(struct dict *dict, int d, struct text a, struct text b, struct buf *scratch,
                        const void **key, size_t *keylen, int64_t *id)
{
    if (dict_last_is(dict, d, a, b)) {
        *id = dict->last_id;
        return true;
    }
    *key = dict_key(scratch, d, a, b, keylen);
    int64_t *slot = hmap_get(&dict->map, *key, *keylen);
    if (!slot)
        return false;
    *id = *slot;
    remember(dict, slot);
    return true;
}

static void note_unmapped(struct store_import *im, int d, struct text a)
{
    if (d == D_OUTCOME && !outcome_group_of(a.p, a.len))
        buf_printf(&im->unmapped, "%s\"%.*s\"", im->unmapped.len ? ", " : "", (int)a.len, a.p);
}

/* The id of a value, adding it to its table the first time it is seen. */
static int intern(struct store_import *im, int d, struct text a, struct text b, int64_t *id,
                  struct buf *err)
{
    struct dict *dict = &im->dict[d];
    if (!dict->loaded && dict_load(im, d, err) < 0)
        return -1;
    const void *key;
    size_t keylen;
    if (dict_cached(dict, d, a, b, &im->key, &key, &keylen, id))
        return 0;
    *id = 0; /* dict_insert: the table's next */
    int found = dict->partial ? dict_find(im, d, a, b, id, err) : 0;
    if (found < 0)
        return -1;
    if (!found && dict_insert(im, d, a, b, id, err) < 0) {
        /* keep the map equal to the table: reload rather than unpick */
        dict_load(im, d, err);
        return -1;
    }
    dict_keep(dict, key, keylen, *id);
    if (!found)
        note_unmapped(im, d, a);
    return 0;
}

/* ---- interning on the reading thread ------------------------------------
 * The dictionaries as they stand when reading starts, after which the
 * reading thread alone uses them: it looks up each row's values and gives
 * a value not seen before the table's next id, marking the row as the one
 * that brings it (fresh); the writer inserts a fresh value with its id
 * before the row, in row order, so the ids are those the writer's own
 * intern() gives in the same order. A table too large to hold
 * (DICT_MAX_CACHED) is left to the writer (id 0), which looks values up in
 * the table. An aborted file (store_file_abort) rolls its values back while
 * the reader, ahead, still knows them: the reading starts again after that
 * file from a new interner (ingest/import.c). */

struct store_interner {
    struct dict dict[D_COUNT]; /* map and last value only */
    bool owned[D_COUNT];       /* false: the writer interns the table's values */
    int64_t next[D_COUNT];     /* the id of the table's next new value */
    struct buf key;
    struct export_ahead *ahead; /* when rendering */
};

void store_interner_free(struct store_interner *in)
{
    if (!in)
        return;
    for (int d = 0; d < D_COUNT; d++) {
        hmap_free(&in->dict[d].map);
        in->dict[d].last = NULL;
    }
    buf_free(&in->key);
    export_ahead_free(in->ahead);
    free(in);
}

struct export_ahead *store_interner_ahead(struct store_interner *in)
{
    return in ? in->ahead : NULL;
}

struct store_interner *store_interner_new(struct store_import *im, struct buf *err)
{
    struct store_interner *in = xcalloc(1, sizeof *in);
    for (int d = 0; d < D_COUNT; d++) {
        struct dict *dict = &in->dict[d];
        hmap_init(&dict->map);
        if (dict_load_into(im, dict, d, err) < 0 ||
            store_int64(im->s, dict_next_sql[d], &in->next[d], "finding the next interned id",
                        err) < 0) {
            store_interner_free(in);
            return NULL;
        }
        in->owned[d] = !dict->partial;
        if (dict->partial)
            hmap_clear(&dict->map);
    }
    /* rows can be packed ahead only with their force's and LSOA's ids */
    bool ahead = im->render && in->owned[D_FORCE] && in->owned[D_LSOA];
    if (ahead && !(in->ahead = export_ahead_new(im->s, im->render, err))) {
        store_interner_free(in);
        return NULL;
    }
    return in;
}

/* The id of a value as the reader sees it; 0 when the writer interns it. */
static int64_t intern_ahead(struct store_interner *in, int d, struct text a, struct text b,
                            unsigned *fresh, unsigned bit)
{
    if (!in || !in->owned[d])
        return 0;
    struct dict *dict = &in->dict[d];
    const void *key;
    size_t keylen;
    int64_t id;
    if (dict_cached(dict, d, a, b, &in->key, &key, &keylen, &id))
        return id;
    if (dict->map.count >= DICT_MAX_CACHED) {
        /* from here on the writer looks this table's values up in it, as
         * its intern() does beyond the cap; every value the reader gave an
         * id is in the table by the time the writer reaches this row */
        in->owned[d] = false;
        hmap_free(&dict->map);
        hmap_init(&dict->map);
        dict->last = NULL;
        return 0;
    }
    id = in->next[d]++;
    put_last(dict, key, keylen, id);
    *fresh |= bit;
    return id;
}

void store_intern_street(struct store_interner *in, const struct street_row *r,
                         struct store_row_prep *p)
{
    p->ids[STORE_ID_FORCE] =
        intern_ahead(in, D_FORCE, r->reported_by, no_text, &p->fresh, 1u << STORE_ID_FORCE);
    p->ids[STORE_ID_FALLS_WITHIN] =
        intern_ahead(in, D_FORCE, r->falls_within, no_text, &p->fresh, 1u << STORE_ID_FALLS_WITHIN);
    p->ids[STORE_ID_CRIME_TYPE] = intern_ahead(in, D_CRIME_TYPE, r->crime_type, no_text, &p->fresh,
                                               1u << STORE_ID_CRIME_TYPE);
    p->ids[STORE_ID_OUTCOME] =
        intern_ahead(in, D_OUTCOME, r->outcome, no_text, &p->fresh, 1u << STORE_ID_OUTCOME);
    p->ids[STORE_ID_LOCATION] =
        intern_ahead(in, D_LOCATION, r->location, no_text, &p->fresh, 1u << STORE_ID_LOCATION);
    p->ids[STORE_ID_LSOA] =
        intern_ahead(in, D_LSOA, r->lsoa_code, r->lsoa_name, &p->fresh, 1u << STORE_ID_LSOA);
}

void store_intern_outcome(struct store_interner *in, const struct outcome_row *r,
                          struct store_row_prep *p)
{
    p->ids[STORE_ID_FORCE] =
        intern_ahead(in, D_FORCE, r->reported_by, no_text, &p->fresh, 1u << STORE_ID_FORCE);
    p->ids[STORE_ID_FALLS_WITHIN] =
        intern_ahead(in, D_FORCE, r->falls_within, no_text, &p->fresh, 1u << STORE_ID_FALLS_WITHIN);
    p->ids[STORE_ID_OUTCOME] =
        intern_ahead(in, D_OUTCOME, r->outcome_type, no_text, &p->fresh, 1u << STORE_ID_OUTCOME);
    p->ids[STORE_ID_LOCATION] =
        intern_ahead(in, D_LOCATION, r->location, no_text, &p->fresh, 1u << STORE_ID_LOCATION);
    p->ids[STORE_ID_LSOA] =
        intern_ahead(in, D_LSOA, r->lsoa_code, r->lsoa_name, &p->fresh, 1u << STORE_ID_LSOA);
}

void store_intern_force(struct store_interner *in, const char *force_name, struct store_row_prep *p)
{
    struct text name = {force_name, strlen(force_name)};
    p->ids[STORE_ID_FORCE] =
        intern_ahead(in, D_FORCE, name, no_text, &p->fresh, 1u << STORE_ID_FORCE);
}

/* The id of a row's value in column c (of dictionary d): as the reading
 * thread gave it, the value inserted first when the row brings it; or
 * interned here. */
static int take_id(struct store_import *im, const struct store_row_prep *p, int c, int d,
                   struct text a, struct text b, int64_t *id, struct buf *err)
{
    *id = p->ids[c];
    if (!*id)
        return intern(im, d, a, b, id, err);
    if (!(p->fresh & 1u << c))
        return 0;
    if (dict_insert(im, d, a, b, id, err) < 0)
        return -1;
    if (im->dict[d].loaded) { /* kept equal to the table (not expected: see above) */
        size_t keylen;
        const void *key = dict_key(&im->key, d, a, b, &keylen);
        dict_keep(&im->dict[d], key, keylen, *id);
    }
    note_unmapped(im, d, a);
    return 0;
}

/* ---- import and file lifecycle ------------------------------------------ */

static void finalize_all(struct store_import *im)
{
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(im->st[i]);
    for (int d = 0; d < D_COUNT; d++) {
        sqlite3_finalize(im->dict[d].insert);
        sqlite3_finalize(im->dict[d].find);
        hmap_free(&im->dict[d].map);
        im->dict[d].last = NULL;
    }
    hmap_free(&im->slices);
    rollup_free(&im->rollup);
    rollup_free(&im->file_all);
    rollup_free(&im->all);
    sqlite3_finalize(im->rollup_batch);
    buf_free(&im->lsoa.cells);
    for (int k = 0; k < 2; k++) {
        sqlite3_finalize(im->given[k]);
        sqlite3_finalize(im->append[k]);
    }
    buf_free(&im->held_bytes);
    for (size_t i = 0; i < im->nslices; i++)
        buf_free(&im->slice_state[i].csv.csv);
    free(im->slice_state);
    buf_free(&im->unmapped);
    buf_free(&im->key);
    district_ends_free(&im->districts);
    buf_free(&im->head);
    export_packer_free(im->packer);
    im->packer = NULL;
}

/* Frees what outlives finalize_all: the rollup's runs and the sums. */
static void free_import(struct store_import *im)
{
    rollup_runs_free(im->lsoa_runs);
    free(im->sums);
    buf_free(&im->cleared);
    free(im);
}

/* An INSERT of n rows of params parameters each, then tail. */
static sqlite3_stmt *prepare_rows(struct store_import *im, const char *head, int n, int params,
                                  const char *tail, struct buf *err)
{
    struct buf sql = BUF_INIT;
    buf_puts(&sql, head);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < params; j++)
            buf_puts(&sql, j == 0 ? (i ? ",(?" : "(?") : j == params - 1 ? ",?)" : ",?");
    buf_puts(&sql, tail);
    sqlite3_stmt *st = store_prepare(im->s, sql.p, err);
    buf_free(&sql);
    return st;
}

/* The two tables of rows a file brings by the thousand, [0] outcome and
 * [1] crime (as im->given and the rest): CRIME_BATCH rows to an INSERT,
 * their ids given, or left to SQLite (append). */
static const struct row_table {
    const char *given, *append, *largest, *what;
    int columns;
    enum stmt one; /* one row, its id given */
} row_tables[2] = {
    {"INSERT OR FAIL INTO outcome(" OUTCOME_INSERT_COLUMNS ") VALUES",
     "INSERT OR FAIL INTO outcome(" OUTCOME_APPEND_COLUMNS ") VALUES",
     "SELECT coalesce(max(id), 0) FROM outcome", "storing an outcome", OUTCOME_COLUMNS, S_OUTCOME},
    {"INSERT OR FAIL INTO crime(" CRIME_INSERT_COLUMNS ") VALUES",
     "INSERT OR FAIL INTO crime(" CRIME_APPEND_COLUMNS ") VALUES",
     "SELECT coalesce(max(id), 0) FROM crime", "storing a crime", CRIME_COLUMNS, S_CRIME},
};

/* S_ROLLUP_LSOA's and S_CRIME's INSERTs of ROLLUP_BATCH and CRIME_BATCH
 * rows: a statement per row cost as much again as the B-tree insert
 * itself (opening the cursor, halting, resetting). OR FAIL: a statement of
 * several rows that may abort makes SQLite keep a statement journal, to
 * undo its earlier rows, written to a temporary file (10,410 more writes
 * for bench/ingest's first month); a failed row fails its file, which is
 * rolled back to its savepoint whole, so nothing needs that undo. */
static int prepare_batches(struct store_import *im, struct buf *err)
{
    im->rollup_batch = prepare_rows(im,
                                    "INSERT OR FAIL INTO rollup_lsoa(lsoa_id, month, force_id,"
                                    " n, cells) VALUES",
                                    ROLLUP_BATCH, ROLLUP_LSOA_PARAMS, ROLLUP_LSOA_UPSERT, err);
    if (!im->rollup_batch)
        return -1;
    memset(im->bound, 0, sizeof im->bound); /* HELD_NULL: a new statement's */
    memset(im->bound_append, 0, sizeof im->bound_append);
    im->largest[0] = im->largest[1] = -1;
    for (int k = 0; k < 2; k++) {
        const struct row_table *t = &row_tables[k];
        im->given[k] = prepare_rows(im, t->given, CRIME_BATCH, t->columns, "", err);
        if (!im->given[k])
            return -1;
        im->append[k] = prepare_rows(im, t->append, CRIME_BATCH, t->columns - 1, "", err);
        if (!im->append[k])
            return -1;
    }
    return 0;
}

static int prepare_all(struct store_import *im, struct buf *err)
{
    for (int i = 0; i < S_COUNT; i++)
        if (!(im->st[i] = store_prepare(im->s, stmt_sql[i], err)))
            return -1;
    for (int d = 0; d < D_COUNT; d++) {
        hmap_init(&im->dict[d].map);
        if (!(im->dict[d].insert = store_prepare(im->s, dict_insert_sql[d], err)) ||
            !(im->dict[d].find = store_prepare(im->s, dict_find_sql[d], err)))
            return -1;
    }
    hmap_init(&im->slices);
    return prepare_batches(im, err);
}

static int start_run(struct store_import *im, const char *command, const char *user,
                     struct buf *err)
{
    sqlite3_stmt *st = store_prepare(im->s,
                                     "INSERT INTO import_run(started_at, command, user)"
                                     " VALUES(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, command, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, user, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(im->s, err, "recording the import");
    im->run_id = sqlite3_last_insert_rowid(im->s->db);
    return 0;
}

/* Whether table (a name of the schema's) has no rows. */
static int table_empty(struct store *s, const char *table, bool *empty, struct buf *err)
{
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT NOT EXISTS (SELECT 1 FROM %s)", table);
    int64_t none = 0;
    int rc = store_int64(s, sql, &none, "reading the store", err);
    *empty = rc == 0 && none == 1;
    return rc;
}

/* The journal mode SQLite reports after asking for mode: the one asked
 * for, or the one it kept (another connection has the store open). */
static bool journal_mode_is(struct store *s, const char *mode)
{
    char sql[40];
    snprintf(sql, sizeof sql, "PRAGMA journal_mode=%s", mode);
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW &&
              sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), mode) == 0;
    sqlite3_finalize(st);
    return ok;
}

/* A store that holds no police.uk rows yet is loaded with a rollback
 * journal instead of the WAL. Every page such a load writes is new (past
 * the end of the file when it began), and SQLite journals only the pages
 * that existed: the rows are written once, into the file, where the WAL
 * writes each page twice (into the WAL, then into the file at the
 * checkpoint) and again each time a page it already holds changes, a WAL
 * as large as the store. The load is as atomic as ever: if it is killed,
 * the next connection finds the journal and rolls the file back (with the
 * first page, in WAL mode as it was). The price: readers wait while it
 * writes, which for a store with nothing to read costs nothing; and only
 * when no one else has the store open (else SQLite keeps the WAL, and so
 * does the load). The WAL comes back at the end (restore_wal). */
static bool fresh_load(struct store *s)
{
    bool empty;
    struct buf ignored = BUF_INIT;
    bool fresh =
        table_empty(s, "slice", &empty, &ignored) == 0 && empty && journal_mode_is(s, "DELETE");
    buf_free(&ignored);
    return fresh;
}

/* Back to the WAL after a first load (committed or not). If another
 * connection has opened the store meanwhile this fails, and the next
 * writer to open it (store.c's configure) switches it back. Temporary
 * storage back in memory too (see sub_journal_on_disk). */
static void restore_wal(struct store_import *im)
{
    struct buf ignored = BUF_INIT;
    store_exec(im->s, "PRAGMA temp_store=MEMORY", &ignored);
    buf_free(&ignored);
    if (im->rollback_journal)
        journal_mode_is(im->s, "WAL");
}

/* Each file is a savepoint, and SQLite keeps the original of every page a
 * savepoint changes that existed before it (the sub-journal), to roll the
 * file back. With temp_store=MEMORY that copy is in memory, and grows with
 * the store: an outcomes file adds to the crime id index at random, so it
 * touches about one index page per row once the index is large (17.6M
 * outcomes: peak RSS 284 MB and rising, bench/README.md). With temp_store
 * FILE, SQLite keeps the sub-journal in a temporary file beyond its first
 * 64 KiB (store.c's store_library_init says why no more): memory stays
 * flat, the file is emptied at each file's RELEASE.
 * SQLite reads the setting when the transaction begins, so this is set
 * before BEGIN; sorts and temporary B-trees of the import also spill to
 * files beyond the cache, which bounds them too. */
static int sub_journal_on_disk(struct store *s, struct buf *err)
{
    return store_exec(s, "PRAGMA temp_store=FILE", err);
}

struct store_import *store_import_begin(struct store *s, const char *command, const char *user,
                                        struct buf *err)
{
    assert(!s->readonly);
    struct store_import *im = xcalloc(1, sizeof *im);
    im->s = s;
    im->lsoa_runs = rollup_runs_new(ROLLUP_RUN_CELLS);
    im->rollback_journal = fresh_load(s);
    if (sub_journal_on_disk(s, err) < 0 || store_exec(s, "BEGIN IMMEDIATE", err) < 0) {
        restore_wal(im);
        finalize_all(im);
        free_import(im);
        return NULL;
    }
    if (prepare_all(im, err) < 0 || start_run(im, command, user ? user : "", err) < 0) {
        store_import_abort(im);
        return NULL;
    }
    store_writeback_find(&im->writeback, s->db); /* the journal mode settled */
    return im;
}

static int step_done(struct store_import *im, sqlite3_stmt *st, const char *what, struct buf *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : store_fail(im->s, err, what);
}

/* step_done for the statements of every row, whose bindings are left to
 * be overwritten, not cleared (0.8% of an import): each step follows a
 * bind of every parameter, or of every one that differs from what it
 * holds (bind_again: a NULL or an integer). A blob bound SQLITE_STATIC
 * stays bound after its bytes are gone, and is read only if stepped
 * again, after a new bind. */
static int step_rebound(struct store_import *im, sqlite3_stmt *st, const char *what,
                        struct buf *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(im->s, err, what);
}

static int flush_pending(struct store_import *im, struct buf *err);
static int write_rollup_all(struct store_import *im, struct buf *err);
static int commit_lsoa_counts(void *arg, const struct rollup_count *counts, size_t n,
                              struct buf *err);
static int merge_lsoa_counts(struct store_import *im, struct buf *err);

int store_import_commit(struct store_import *im, struct buf *err)
{
    sqlite3_stmt *st = im->st[S_RUN_UPDATE];
    sqlite3_bind_int64(st, 1, im->run_id);
    sqlite3_bind_int64(st, 2, im->files);
    sqlite3_bind_int64(st, 3, im->rows_stored);
    sqlite3_bind_int64(st, 4, im->rows_quarantined);
    int rc = step_done(im, st, "recording the import", err);
    if (rc == 0)
        rc = table_empty(im->s, "rollup_lsoa", &im->sum_areas, err);
    if (rc == 0)
        rc = merge_lsoa_counts(im, err);
    if (rc == 0)
        rc = write_rollup_all(im, err);
    finalize_all(im);
    if (rc == 0) /* new LSOAs, and each district's share of the crimes */
        rc = im->sum_areas ? store_force_area_update_from(im->s, im->sums, im->nsums, err)
                           : store_force_area_update(im->s, err);
    if (rc == 0)
        rc = store_exec(im->s, "COMMIT", err);
    if (rc < 0)
        store_exec(im->s, "ROLLBACK", err);
    /* Indexes a first load dropped, after the commit (before the WAL is
     * back, so that a first load writes none). The import is stored
     * whatever happens to them: a failure is a warning, the indexes stay
     * recorded, and the next writer to open the store builds them (as it
     * does if another writer holds the store now). */
    if (rc == 0 && store_deferred_index_build(im->s, err) < 0)
        buf_printf(err, " (the import itself is stored; the next command to open the store"
                        " for writing builds the index)");
    restore_wal(im);
    free_import(im);
    return rc;
}

void store_import_abort(struct store_import *im)
{
    struct buf ignored = BUF_INIT;
    finalize_all(im);
    store_exec(im->s, "ROLLBACK", &ignored);
    restore_wal(im);
    buf_free(&ignored);
    free_import(im);
}

static void reset_file_state(struct store_import *im)
{
    hmap_clear(&im->slices);
    im->last_slice_index = 0;
    rollup_clear(&im->rollup);
    rollup_clear(&im->file_all);
    buf_reset(&im->cleared);
    im->npending = 0; /* rolled back with the file, or inserted */
    buf_reset(&im->held_bytes);
    for (size_t i = 0; i < im->nslices; i++)
        buf_free(&im->slice_state[i].csv.csv);
    im->csv_held = 0;
    im->nslices = 0;
    im->file_stored = im->file_quarantined = 0;
    buf_reset(&im->unmapped);
}

int store_file_begin(struct store_import *im, const struct store_file_info *f, struct buf *err)
{
    reset_file_state(im);
    if (store_exec(im->s, "SAVEPOINT file", err) < 0)
        return -1;
    sqlite3_stmt *st = im->st[S_FILE_UPSERT];
    sqlite3_bind_text(st, 1, f->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f->kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)f->bytes);
    sqlite3_bind_int64(st, 5, im->run_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        im->file_id = sqlite3_column_int64(st, 0);
    rc = rc == SQLITE_ROW ? sqlite3_step(st) : rc;
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(im->s, err, "recording the file");
    /* The quarantine of an earlier import of this file is replaced too. */
    sqlite3_bind_int64(im->st[S_FILE_CLEAR_QUARANTINE], 1, im->file_id);
    return step_done(im, im->st[S_FILE_CLEAR_QUARANTINE], "clearing old quarantine", err);
}

/* Orders counts by force, month, LSOA, crime type and outcome
 * (rollup_force's and rollup_all's key order, LSOA 0 in both). */
static int count_order(const void *a, const void *b)
{
    const struct rollup_key *x = &((const struct rollup_count *)a)->k;
    const struct rollup_key *y = &((const struct rollup_count *)b)->k;
    const int32_t u[5] = {x->force, x->month, x->lsoa, x->crime_type, x->outcome};
    const int32_t v[5] = {y->force, y->month, y->lsoa, y->crime_type, y->outcome};
    for (int i = 0; i < 5; i++)
        if (u[i] != v[i])
            return u[i] < v[i] ? -1 : 1;
    return 0;
}

/* The counts of a map, sorted by key: inserted in key order, rows land
 * beside each other in their B-tree. Only small maps come here (a file's
 * force cells, the commit's changes to rollup_all): the area rollup's
 * counts are sorted packed (rollup_sort_packed). */
static struct rollup_count *sorted_counts(const struct rollup_map *m)
{
    struct rollup_count *counts = xmalloc((m->count ? m->count : 1) * sizeof *counts);
    size_t n = 0;
    for (; n < m->count; n++)
        counts[n] = (struct rollup_count){rollup_used(m, n)->k, rollup_used(m, n)->n};
    qsort(counts, n, sizeof *counts, count_order);
    return counts;
}

static bool continues(const struct lsoa_row *row, const struct rollup_key *k)
{
    return row->lsoa == k->lsoa && row->month == k->month && row->force == k->force;
}

/* Adds counts from *i to the open row (the last of b) while they continue
 * it: the same (lsoa, month, force), each cell after the one before.
 * Counts out of that order (a count that did not pack, rollup_pack) end
 * it, and start a row of their own, which the upsert adds to the first. */
static void extend_row(struct lsoa_rows *b, const struct rollup_count *counts, size_t n, size_t *i)
{
    struct lsoa_row *row = &b->rows[b->n - 1];
    for (; *i < n && continues(row, &counts[*i].k); ++*i) {
        const struct rollup_count *c = &counts[*i];
        struct rollup_cell cell = {c->k.crime_type, c->k.outcome, c->n};
        if (!rollup_cells_after(&b->last_cell, &cell))
            break;
        rollup_cells_put(&b->cells, &cell);
        row->n += cell.n;
        b->last_cell = cell;
    }
    row->len = b->cells.len - row->at;
}

static void bind_lsoa_row(sqlite3_stmt *st, int at, const struct lsoa_rows *b,
                          const struct lsoa_row *r)
{
    sqlite3_bind_int(st, at + 1, r->lsoa);
    sqlite3_bind_int(st, at + 2, r->month);
    sqlite3_bind_int(st, at + 3, r->force);
    sqlite3_bind_int64(st, at + 4, r->n);
    sqlite3_bind_blob(st, at + 5, b->cells.p + r->at, (int)r->len, SQLITE_STATIC);
}

/* Writes b's rows, ROLLUP_BATCH to a statement, the rest one by one, and
 * empties b. */
static int flush_lsoa_rows(struct store_import *im, struct lsoa_rows *b, struct buf *err)
{
    int rc = 0;
    size_t j = 0;
    for (; rc == 0 && b->n - j >= ROLLUP_BATCH; j += ROLLUP_BATCH) {
        for (size_t k = 0; k < ROLLUP_BATCH; k++)
            bind_lsoa_row(im->rollup_batch, ROLLUP_LSOA_PARAMS * (int)k, b, &b->rows[j + k]);
        rc = step_rebound(im, im->rollup_batch, "writing the area rollup", err);
    }
    for (; rc == 0 && j < b->n; j++) {
        bind_lsoa_row(im->st[S_ROLLUP_LSOA], 0, b, &b->rows[j]);
        rc = step_rebound(im, im->st[S_ROLLUP_LSOA], "writing the area rollup", err);
    }
    b->n = 0;
    buf_reset(&b->cells);
    return rc;
}

/* What is done with LSOA_ROWS rows packed in *b when another row is to
 * start: written (b emptied), or handed over (*b another, empty). */
typedef int (*lsoa_rows_full_fn)(void *arg, struct lsoa_rows **b, struct buf *err);

/* Packs counts into rollup_lsoa's rows in *b, a row per run of them with
 * the same (lsoa, month, force), its cells packed; full takes every
 * LSOA_ROWS rows once the next row starts. The rest stay in *b. */
static int pack_lsoa_counts(struct lsoa_rows **b, const struct rollup_count *counts, size_t n,
                            lsoa_rows_full_fn full, void *arg, struct buf *err)
{
    size_t i = 0;
    if ((*b)->n)
        extend_row(*b, counts, n, &i);
    while (i < n) {
        if ((*b)->n == LSOA_ROWS && full(arg, b, err) < 0)
            return -1;
        struct lsoa_rows *r = *b;
        const struct rollup_key *k = &counts[i].k;
        r->rows[r->n++] = (struct lsoa_row){k->lsoa, k->month, k->force, 0, r->cells.len, 0};
        r->last_cell = (struct rollup_cell){-1, 0, 0};
        size_t from = i;
        extend_row(r, counts, n, &i);
        assert(i > from); /* ids and counts are >= 0, so a new row takes one */
        (void)from;
    }
    return 0;
}

/* A lsoa_rows_full_fn (arg the import): the rows written now. */
static int write_full(void *arg, struct lsoa_rows **b, struct buf *err)
{
    return flush_lsoa_rows(arg, *b, err);
}

/* Adds counts to rollup_lsoa's rows (pack_lsoa_counts), written
 * LSOA_ROWS at a time, the rest by the caller's flush_lsoa_rows. The
 * cells are bound where they lie in im->lsoa.cells, so a batch's rows are
 * bound once all are packed. */
static int write_lsoa_counts(void *arg, const struct rollup_count *counts, size_t n,
                             struct buf *err)
{
    struct store_import *im = arg;
    struct lsoa_rows *b = &im->lsoa;
    return pack_lsoa_counts(&b, counts, n, write_full, im, err);
}

/* Adds counts, in key order (LSOA first), to each LSOA's sums by force:
 * the last LSOA's are the last few sums. */
static void sum_areas(struct store_import *im, const struct rollup_count *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!im->nsums || im->sums[im->nsums - 1].lsoa != c[i].k.lsoa)
            im->lsoa_sums = im->nsums;
        size_t j = im->lsoa_sums;
        while (j < im->nsums && im->sums[j].force != c[i].k.force)
            j++;
        if (j == im->nsums) {
            if (im->nsums == im->sums_cap) {
                im->sums_cap = im->sums_cap ? 2 * im->sums_cap : 4096;
                im->sums = xrealloc(im->sums, im->sums_cap * sizeof *im->sums);
            }
            im->sums[im->nsums++] = (struct lsoa_force_sum){c[i].k.lsoa, c[i].k.force, 0};
        }
        im->sums[j].n += c[i].n;
    }
}

/* The commit's counts: summed by LSOA and force when they are the whole
 * table (sum_areas), and written. */
static int commit_lsoa_counts(void *arg, const struct rollup_count *counts, size_t n,
                              struct buf *err)
{
    struct store_import *im = arg;
    if (im->sum_areas)
        sum_areas(im, counts, n);
    return write_lsoa_counts(im, counts, n, err);
}

/* ---- the commit's merge beside its writes --------------------------------
 * The commit merges the import's runs of area counts (rollup_runs.h) and
 * writes them as rollup_lsoa's rows: after the reading has ended, on the
 * writing thread alone, a twelfth of a year's import. Here the merge,
 * the sums by force and the packing of the rows run on a thread of their
 * own, which hands each LSOA_ROWS rows over, in order, to the thread
 * that holds the store, which only binds and steps them. LSOA_SPARE
 * batches: one being packed, one being written, one waiting. */
#define LSOA_SPARE 3

struct merge_beside {
    struct store_import *im;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    struct lsoa_rows spare[LSOA_SPARE];
    struct lsoa_rows *full[LSOA_SPARE]; /* a ring, oldest at head */
    size_t head, nfull;
    struct lsoa_rows *empty[LSOA_SPARE];
    size_t nempty;
    struct lsoa_rows *packing; /* the merging thread's */
    bool done, stop;           /* the merge has ended; the writer wants no more */
    int rc;                    /* the merge's */
    struct buf err;            /* the merge's error */
};

/* b queued to be written, under m->mu. There is room: a batch is in one
 * place at a time, and there are LSOA_SPARE of them. */
static void push_full(struct merge_beside *m, struct lsoa_rows *b)
{
    assert(m->nfull < LSOA_SPARE);
    m->full[(m->head + m->nfull++) % LSOA_SPARE] = b;
    pthread_cond_broadcast(&m->changed);
}

/* A lsoa_rows_full_fn (arg the merge_beside): *b handed over to be
 * written, an empty one in its place once there is one. */
static int hand_over(void *arg, struct lsoa_rows **b, struct buf *err)
{
    struct merge_beside *m = arg;
    pthread_mutex_lock(&m->mu);
    push_full(m, *b);
    while (m->nempty == 0 && !m->stop)
        pthread_cond_wait(&m->changed, &m->mu);
    bool stop = m->stop;
    *b = stop ? NULL : m->empty[--m->nempty];
    pthread_mutex_unlock(&m->mu);
    if (stop) {
        buf_puts(err, "stopped"); /* the writer's own error is the one reported */
        return -1;
    }
    return 0;
}

/* A rollup_emit_fn on the merging thread (arg the merge_beside). */
static int pack_beside(void *arg, const struct rollup_count *counts, size_t n, struct buf *err)
{
    struct merge_beside *m = arg;
    if (m->im->sum_areas)
        sum_areas(m->im, counts, n);
    return pack_lsoa_counts(&m->packing, counts, n, hand_over, m, err);
}

static void *merging(void *arg)
{
    struct merge_beside *m = arg;
    int rc = rollup_runs_merge(m->im->lsoa_runs, pack_beside, m, &m->err);
    pthread_mutex_lock(&m->mu);
    if (rc == 0 && m->packing->n)
        push_full(m, m->packing);
    m->rc = rc;
    m->done = true;
    pthread_cond_broadcast(&m->changed);
    pthread_mutex_unlock(&m->mu);
    return NULL;
}

/* The next batch to write, NULL once the merge has ended and all are, or
 * has failed (its rows would be rolled back). */
static struct lsoa_rows *next_full(struct merge_beside *m)
{
    pthread_mutex_lock(&m->mu);
    while (m->nfull == 0 && !m->done)
        pthread_cond_wait(&m->changed, &m->mu);
    struct lsoa_rows *b = NULL;
    if (m->nfull && !(m->done && m->rc < 0)) {
        b = m->full[m->head];
        m->head = (m->head + 1) % LSOA_SPARE;
        m->nfull--;
    }
    pthread_mutex_unlock(&m->mu);
    return b;
}

static void give_back(struct merge_beside *m, struct lsoa_rows *b, bool stop)
{
    pthread_mutex_lock(&m->mu);
    if (b)
        m->empty[m->nempty++] = b;
    m->stop = m->stop || stop;
    pthread_cond_broadcast(&m->changed);
    pthread_mutex_unlock(&m->mu);
}

static bool start_merging(struct merge_beside *m)
{
    m->packing = &m->spare[0];
    for (size_t i = 1; i < LSOA_SPARE; i++)
        m->empty[m->nempty++] = &m->spare[i];
    pthread_mutex_init(&m->mu, NULL);
    pthread_cond_init(&m->changed, NULL);
    if (thread_start_quiet(&m->thread, merging, m))
        return true;
    pthread_mutex_destroy(&m->mu);
    pthread_cond_destroy(&m->changed);
    return false;
}

void store_import_threads(struct store_import *im, bool two)
{
    im->two_threads = two;
}

/* The commit's area counts merged and written: the merge and the packing
 * on a thread of their own (above) when the import may take two and one
 * can be started, else on this one. */
static int merge_lsoa_counts(struct store_import *im, struct buf *err)
{
    /* on the heap: LSOA_SPARE batches are some 120 KiB */
    struct merge_beside *m = im->two_threads ? xcalloc(1, sizeof *m) : NULL;
    if (m)
        m->im = im;
    if (!m || !start_merging(m)) {
        free(m);
        int rc = rollup_runs_merge(im->lsoa_runs, commit_lsoa_counts, im, err);
        return rc < 0 ? rc : flush_lsoa_rows(im, &im->lsoa, err);
    }
    int rc = 0;
    for (struct lsoa_rows *b; (b = next_full(m)) != NULL;) {
        rc = flush_lsoa_rows(im, b, err);
        give_back(m, b, rc < 0);
        if (rc < 0)
            break;
    }
    pthread_join(m->thread, NULL);
    if (rc == 0 && m->rc < 0) {
        buf_append(err, m->err.p, m->err.len);
        rc = -1;
    }
    pthread_mutex_destroy(&m->mu);
    pthread_cond_destroy(&m->changed);
    for (size_t i = 0; i < LSOA_SPARE; i++)
        buf_free(&m->spare[i].cells);
    buf_free(&m->err);
    free(m);
    return rc;
}

/* Packed cells written now, in order. */
static int write_packed(struct store_import *im, const struct rollup_packed *cells, size_t n,
                        struct buf *err)
{
    struct rollup_count *counts = xmalloc(ROLLUP_EMIT * sizeof *counts);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i += ROLLUP_EMIT) {
        size_t m = n - i < ROLLUP_EMIT ? n - i : ROLLUP_EMIT;
        for (size_t j = 0; j < m; j++)
            counts[j] = (struct rollup_count){rollup_unpack(&cells[i + j]), cells[i + j].n};
        rc = write_lsoa_counts(im, counts, m, err);
    }
    free(counts);
    return rc;
}

/* The map's counts as rollup_lsoa cells: those that pack in *packed,
 * sorted in the table's key order (their number returned), and in *odd
 * those that do not (ids beyond the packed fields, which police.uk's data
 * come nowhere near). */
static size_t lsoa_cells(const struct rollup_map *m, struct rollup_packed **packed,
                         struct rollup_count **odd, size_t *nodd)
{
    size_t size = m->count ? m->count : 1, n = 0;
    *packed = xmalloc(size * sizeof **packed);
    *odd = NULL;
    *nodd = 0;
    for (size_t i = 0; i < m->count; i++) {
        const struct rollup_slot *e = rollup_used(m, i);
        if (rollup_pack(&e->k, e->n, &(*packed)[n])) {
            n++;
            continue;
        }
        if (!*odd)
            *odd = xmalloc(size * sizeof **odd);
        (*odd)[(*nodd)++] = (struct rollup_count){e->k, e->n};
    }
    struct rollup_packed *tmp = xmalloc(size * sizeof *tmp);
    rollup_sort_packed(*packed, tmp, n);
    free(tmp);
    return n;
}

/* The file's counts summed over LSOAs, written to rollup_force, and to
 * the file's changes to rollup_all. */
static int write_force_cells(struct store_import *im, struct buf *err)
{
    struct rollup_map by_force = {0};
    for (size_t i = 0; i < im->rollup.count; i++) {
        struct rollup_key k = rollup_used(&im->rollup, i)->k;
        k.lsoa = 0;
        rollup_add(&by_force, &k, rollup_used(&im->rollup, i)->n);
    }
    size_t n = by_force.count;
    struct rollup_count *counts = sorted_counts(&by_force);
    sqlite3_stmt *st = im->st[S_ROLLUP_FORCE];
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct rollup_key k = counts[i].k;
        struct rollup_key all = {
            .month = k.month, .crime_type = k.crime_type, .outcome = k.outcome};
        rollup_add(&im->file_all, &all, counts[i].n);
        sqlite3_bind_int(st, 1, k.force);
        sqlite3_bind_int(st, 2, k.month);
        sqlite3_bind_int(st, 3, k.crime_type);
        sqlite3_bind_int(st, 4, k.outcome);
        sqlite3_bind_int64(st, 5, counts[i].n);
        rc = step_rebound(im, st, "writing the force rollup", err);
    }
    free(counts);
    rollup_free(&by_force);
    return rc;
}

/* The file's counts: to rollup_lsoa, now (a file past ROLLUP_MAX_CELLS,
 * inside its savepoint) or, for a file kept, with the import's others at
 * the commit (lsoa_runs); to rollup_force now. A count a kept file gives
 * lands on a row no one else writes before the commit: every (force,
 * month) a file supplies was emptied when the file first touched it, and
 * the runs drop an earlier file's counts for it (store_file_commit). */
static int flush_rollup(struct store_import *im, bool kept, struct buf *err)
{
    rollup_settle(&im->rollup);
    struct rollup_packed *packed;
    struct rollup_count *odd;
    size_t nodd, n = lsoa_cells(&im->rollup, &packed, &odd, &nodd);
    int rc = write_lsoa_counts(im, odd, nodd, err);
    if (rc == 0)
        rc = kept ? rollup_runs_add(im->lsoa_runs, packed, n, err)
                  : write_packed(im, packed, n, err);
    if (rc == 0)
        rc = flush_lsoa_rows(im, &im->lsoa, err);
    free(packed);
    free(odd);
    if (rc == 0)
        rc = write_force_cells(im, err);
    rollup_clear(&im->rollup);
    return rc;
}

static void bind_all_key(sqlite3_stmt *st, const struct rollup_count *c)
{
    sqlite3_bind_int(st, 1, c->k.month);
    sqlite3_bind_int(st, 2, c->k.crime_type);
    sqlite3_bind_int(st, 3, c->k.outcome);
}

/* The changes to rollup_all of the files kept, in its key order; a row
 * whose count falls to 0 goes, as rollup_force's last row for it has. */
static int write_rollup_all(struct store_import *im, struct buf *err)
{
    struct rollup_count *counts = sorted_counts(&im->all);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < im->all.count; i++) {
        const struct rollup_count *c = &counts[i];
        if (c->n == 0)
            continue;
        sqlite3_stmt *st = im->st[S_ROLLUP_ALL];
        bind_all_key(st, c);
        sqlite3_bind_int64(st, 4, c->n);
        rc = step_rebound(im, st, "writing the rollup over forces", err);
        if (rc == 0 && c->n < 0) { /* only a fall can empty the row */
            st = im->st[S_ROLLUP_ALL_EMPTIED];
            bind_all_key(st, c);
            rc = step_rebound(im, st, "writing the rollup over forces", err);
        }
    }
    free(counts);
    return rc;
}

/* A kept file's changes to rollup_all, added to the import's. */
static void keep_file_all(struct store_import *im)
{
    for (size_t i = 0; i < im->file_all.count; i++)
        rollup_add(&im->all, &rollup_used(&im->file_all, i)->k, rollup_used(&im->file_all, i)->n);
    rollup_clear(&im->file_all);
}

static int record_counts(struct store_import *im, const char *sha256, struct buf *err)
{
    sqlite3_stmt *st = im->st[S_SLICE_ROWS];
    for (size_t i = 0; i < im->nslices; i++) {
        sqlite3_bind_int64(st, 1, im->slice_state[i].id);
        sqlite3_bind_int64(st, 2, im->slice_state[i].rows);
        if (step_done(im, st, "counting slice rows", err) < 0)
            return -1;
    }
    st = im->st[S_FILE_COUNTS];
    sqlite3_bind_int64(st, 1, im->file_id);
    sqlite3_bind_int64(st, 2, im->file_stored);
    sqlite3_bind_int64(st, 3, im->file_quarantined);
    sqlite3_bind_text(st, 4, sha256, -1, SQLITE_STATIC);
    return step_done(im, st, "counting file rows", err);
}

/* The rest of each street slice's CSV and its export_csv row, after
 * record_counts: its UPDATE of the slice deletes the slice's row. */
static int finish_csv(struct store_import *im, struct buf *err)
{
    for (size_t i = 0; im->render && i < im->nslices; i++) {
        struct slice_state *slice = &im->slice_state[i];
        if (slice->csv.slice_id && store_export_slice_end(im->s, &slice->csv, slice->rows, err) < 0)
            return -1;
    }
    im->csv_held = 0;
    return 0;
}

/* The file's rollup counts are taken after its savepoint is released, in
 * the import's transaction: rollup_force's written now, rollup_lsoa's kept
 * for the commit (lsoa_runs), after dropping those of an earlier file whose
 * slices this one emptied. Written inside the savepoint, SQLite would first
 * copy every page they change that existed when it began to the
 * sub-journal, to roll the file back (a fresh load of 1,055,518 rows wrote
 * 335 MB there when each file wrote its rollup_lsoa counts). The file is
 * whole by then (its rows are stored, its errors would have aborted it),
 * and a failure to write the counts fails the import, whose transaction
 * rolls them back with everything else, as any store error does. */
int store_file_commit(struct store_import *im, const char *sha256, struct buf *warnings,
                      struct buf *err)
{
    if (flush_pending(im, err) < 0 || record_counts(im, sha256, err) < 0 ||
        finish_csv(im, err) < 0 || store_exec(im->s, "RELEASE file", err) < 0)
        return -1;
    const struct rollup_key *cleared = (const struct rollup_key *)im->cleared.p;
    for (size_t i = 0; i < im->cleared.len / sizeof *cleared; i++)
        rollup_runs_drop(im->lsoa_runs, cleared[i].force, cleared[i].month);
    if (flush_rollup(im, true, err) < 0)
        return -1;
    if (store_writeback_start(&im->writeback) != SQLITE_OK)
        return store_fail(im->s, err, "writing the file's pages");
    keep_file_all(im);
    if (im->unmapped.len)
        buf_printf(warnings, "outcome categories not in Peel's mapping, counted as unmapped: %s",
                   im->unmapped.p);
    im->outcome_indexes_dropped_in_file = false; /* kept, with the file */
    im->files++;
    im->rows_stored += im->file_stored;
    im->rows_quarantined += im->file_quarantined;
    return 0;
}

void store_file_abort(struct store_import *im)
{
    struct buf ignored = BUF_INIT;
    store_exec(im->s, "ROLLBACK TO file; RELEASE file", &ignored);
    if (im->outcome_indexes_dropped_in_file) /* the rollback restored them */
        im->outcome_indexes_checked = im->outcome_indexes_dropped_in_file = false;
    /* Values interned since the savepoint are gone from the tables, and
     * their ids may be given to others. */
    dict_unload_all(im);
    district_ends_clear(&im->districts);
    im->largest[0] = im->largest[1] = -1; /* the file's rows are gone */
    buf_free(&ignored);
    reset_file_state(im);
}

/* ---- slices ------------------------------------------------------------- */

static int64_t find_slice(struct store_import *im, int64_t force, int month, enum kind kind)
{
    sqlite3_stmt *st = im->st[S_SLICE_FIND];
    sqlite3_bind_int64(st, 1, force);
    sqlite3_bind_int(st, 2, month);
    sqlite3_bind_text(st, 3, kind_names[kind], -1, SQLITE_STATIC);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return id;
}

static int bind_step(struct store_import *im, enum stmt s, int64_t a, int64_t b, const char *what,
                     struct buf *err)
{
    sqlite3_bind_int64(im->st[s], 1, a);
    sqlite3_bind_int64(im->st[s], 2, b);
    return step_done(im, im->st[s], what, err);
}

/* A slice's rollup_force cells, about to go, taken from rollup_all. */
static int take_force_cells(struct store_import *im, int64_t force, int month, struct buf *err)
{
    sqlite3_stmt *st = im->st[S_FORCE_CELLS];
    sqlite3_bind_int64(st, 1, force);
    sqlite3_bind_int(st, 2, month);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct rollup_key k = {.month = month,
                               .crime_type = sqlite3_column_int(st, 0),
                               .outcome = sqlite3_column_int(st, 1)};
        rollup_add(&im->file_all, &k, -sqlite3_column_int64(st, 2));
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(im->s, err, "replacing a slice");
}

/* Empties an existing slice so that this file's rows replace it. */
static int clear_slice(struct store_import *im, int64_t id, int64_t force, int month,
                       enum kind kind, struct buf *err)
{
    static const enum stmt delete_rows[K_COUNT] = {S_DELETE_CRIMES, S_DELETE_OUTCOMES,
                                                   S_DELETE_STOP_SEARCH};
    if (kind == K_STREET) { /* the area rollup by its crimes' keys, so first */
        sqlite3_stmt *st = im->st[S_DELETE_ROLLUP_LSOA];
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, force);
        sqlite3_bind_int(st, 3, month);
        if (step_done(im, st, "replacing a slice", err) < 0 ||
            take_force_cells(im, force, month, err) < 0 ||
            bind_step(im, S_DELETE_ROLLUP_FORCE, force, month, "replacing a slice", err) < 0)
            return -1;
        struct rollup_key k = {.force = (int32_t)force, .month = month};
        buf_append(&im->cleared, &k, sizeof k);
    }
    sqlite3_bind_int64(im->st[delete_rows[kind]], 1, id);
    if (step_done(im, im->st[delete_rows[kind]], "replacing a slice", err) < 0)
        return -1;
    if (kind != K_STOP_SEARCH) /* the largest may have gone with them */
        im->largest[kind == K_STREET] = -1;
    return bind_step(im, S_SLICE_REUSE, id, im->file_id, "replacing a slice", err);
}

static int create_slice(struct store_import *im, int64_t force, int month, enum kind kind,
                        int64_t *id, struct buf *err)
{
    sqlite3_stmt *st = im->st[S_SLICE_INSERT];
    sqlite3_bind_int64(st, 1, force);
    sqlite3_bind_int(st, 2, month);
    sqlite3_bind_text(st, 3, kind_names[kind], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, im->file_id);
    if (step_done(im, st, "creating a slice", err) < 0)
        return -1;
    *id = sqlite3_last_insert_rowid(im->s->db);
    return 0;
}

/* A first load of outcomes (none stored yet) drops the outcome table's
 * indexes (outcome_crime_id), to be built again after the import commits
 * (store/deferred_index.c): one sort of the rows, instead of an insert per
 * row at a random place in an index that outgrows the page cache. At 17.6M
 * outcomes such inserts took 33 µs a row, most of it reading, copying and
 * writing back a 16 KiB index page per row (bench/README.md). Checked once
 * per import, at its first outcome; a store that already holds outcomes
 * keeps its indexes (a rebuild would sort them all). A rollback restores
 * the indexes, and forgets that they were to be built. */
static int defer_outcome_indexes(struct store_import *im, struct buf *err)
{
    int64_t empty;
    bool dropped = false;
    if (store_int64(im->s, "SELECT NOT EXISTS (SELECT 1 FROM outcome)", &empty,
                    "looking for outcomes", err) < 0 ||
        (empty && store_deferred_index_drop(im->s, "outcome", &dropped, err) < 0))
        return -1; /* checked again by the next file, if the caller goes on */
    im->outcome_indexes_checked = true;
    im->outcome_indexes_dropped_in_file = dropped;
    return 0;
}

/* The slice a row belongs to, emptied the first time this file touches it. */
static struct slice_state *touch_slice(struct store_import *im, int64_t force, int month,
                                       enum kind kind, struct buf *err)
{
    struct slice_key k = {(int32_t)force, month, kind};
    if (im->last_slice_index && memcmp(&k, &im->last_slice, sizeof k) == 0)
        return &im->slice_state[im->last_slice_index - 1];
    int inserted;
    int64_t *index = hmap_put(&im->slices, &k, sizeof k, &inserted);
    if (!inserted) {
        im->last_slice = k;
        im->last_slice_index = (size_t)*index + 1;
        return &im->slice_state[*index];
    }
    if (kind == K_OUTCOMES && !im->outcome_indexes_checked && defer_outcome_indexes(im, err) < 0)
        return NULL;
    if (im->npending && flush_pending(im, err) < 0) /* before any crime is deleted */
        return NULL;
    int64_t id = find_slice(im, force, month, kind);
    int rc = id ? clear_slice(im, id, force, month, kind, err)
                : create_slice(im, force, month, kind, &id, err);
    if (rc < 0)
        return NULL; /* the caller aborts the file, which clears the map */
    if (im->nslices == im->slice_cap) {
        im->slice_cap = im->slice_cap ? 2 * im->slice_cap : 16;
        im->slice_state = xrealloc(im->slice_state, im->slice_cap * sizeof *im->slice_state);
    }
    *index = (int64_t)im->nslices;
    struct slice_state *slice = &im->slice_state[im->nslices++];
    *slice = (struct slice_state){.id = id};
    if (kind == K_STREET && im->render &&
        store_export_slice_begin(im->s, &slice->csv, id, EXPORT_FORM_PACKED, err) < 0)
        return NULL;
    im->last_slice = k;
    im->last_slice_index = im->nslices;
    return slice;
}

/* ---- rows --------------------------------------------------------------- */

/* police.uk crime ids are 64 lowercase hex digits, stored as 32 bytes:
 * false for any other id, which is stored as its text. */
static bool crime_id_bytes(struct text id, unsigned char raw[32])
{
    return id.len == 64 && hex_lower_decode(id.p, 32, raw);
}

static void bind_text_or_null(sqlite3_stmt *st, int col, struct text t)
{
    if (t.len)
        sqlite3_bind_text(st, col, t.p, (int)t.len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

/* ---- a row's values prepared (any thread) ------------------------------ */

/* The coordinates as the row's check read them (store/rows.h): each was
 * parsed there, and reading it again here took 88 M of a month's 5.0 G
 * instructions on the reading thread (callgrind, bench/README.md, stop
 * 41). */
static void prepare_common(struct text id, struct coord_read longitude, struct coord_read latitude,
                           struct store_row_prep *p)
{
    p->id_bytes = id.len && crime_id_bytes(id, p->id);
    p->longitude_micro = longitude.micro;
    p->longitude = longitude.v;
    p->latitude_micro = latitude.micro;
    p->latitude = latitude.v;
    p->csv_head = (struct text){NULL, 0};
    p->csv_head_read = false;
    memset(p->ids, 0, sizeof p->ids);
    p->fresh = 0;
    p->packed = false;
}

void store_prepare_street(const struct street_row *r, const struct store_crime_csv *csv,
                          struct buf *csv_out, struct store_row_prep *p)
{
    prepare_common(r->crime_id, r->longitude_read, r->latitude_read, p);
    if (!csv)
        return;
    /* the month's text is left empty until the head is rendered: as_read
     * has nothing to look for in it (month_format writes digits first) */
    char month[MONTH_TEXT_SIZE];
    struct text t[STORE_CRIME_TEXTS - 1] = {
        r->crime_id, {month, 0},   r->reported_by, r->falls_within, r->longitude, r->latitude,
        r->location, r->lsoa_code, r->lsoa_name,   r->crime_type,   r->outcome};
    /* police.uk's rows mostly need no quoting: their bytes as read are the
     * head, and rendering it again cost 6% of an import's CPU */
    bool coordinates_as_read =
        (!r->longitude.len || p->longitude_micro) && (!r->latitude.len || p->latitude_micro);
    if (r->source.len && coordinates_as_read && csv->as_read(t, r->source)) {
        p->csv_head = r->source;
        p->csv_head_read = true;
        return;
    }
    month_format(r->month, month);
    t[1].len = strlen(month);
    size_t off = csv_out->len;
    csv->head(t, csv_out);
    p->csv_head = (struct text){csv_out->p + off, csv_out->len - off};
}

void store_prepare_outcome(const struct outcome_row *r, struct store_row_prep *p)
{
    prepare_common(r->crime_id, r->longitude_read, r->latitude_read, p);
}

/* ---- crimes and outcomes held for their batch's INSERT ------------------
 * The values a row binds: a crime id as 32 bytes when it is lower-case hex,
 * six-decimal coordinates as integer millionths, else their texts, an
 * empty text as NULL; the bytes copied (the row's texts do not outlive the
 * call). */

/* Each writes its fields in place: returned by value and copied, a
 * row's ten values went through the stack, and the copies' loads, of
 * stores just made in other widths, stalled (perf: half of
 * store_add_street's own samples). */
static void hold_bytes(struct store_import *im, struct held *h, int kind, const void *p, size_t n)
{
    h->kind = kind;
    h->off = im->held_bytes.len;
    h->len = n;
    buf_append(&im->held_bytes, p, n);
}

static void hold_int(struct held *h, int64_t i)
{
    h->kind = HELD_INT;
    h->i = i;
}

static void hold_text_or_null(struct store_import *im, struct held *h, struct text t)
{
    if (t.len)
        hold_bytes(im, h, HELD_TEXT, t.p, t.len);
    else
        h->kind = HELD_NULL;
}

static void hold_crime_id(struct store_import *im, struct held *h, const struct store_row_prep *p,
                          struct text id)
{
    if (p->id_bytes)
        hold_bytes(im, h, HELD_BLOB, p->id, sizeof p->id);
    else
        hold_text_or_null(im, h, id);
}

static void hold_coordinate(struct store_import *im, struct held *h, bool micro, int64_t value,
                            struct text t)
{
    if (micro)
        hold_int(h, value);
    else
        hold_text_or_null(im, h, t);
}

static void bind_held(struct store_import *im, sqlite3_stmt *st, int col, const struct held *h)
{
    /* held_bytes.p is NULL until a text is held: no offset from it before */
    switch (h->kind) {
    case HELD_NULL:
        sqlite3_bind_null(st, col);
        break;
    case HELD_INT:
        sqlite3_bind_int64(st, col, h->i);
        break;
    case HELD_TEXT:
        sqlite3_bind_text(st, col, im->held_bytes.p + h->off, (int)h->len, SQLITE_STATIC);
        break;
    case HELD_BLOB:
        sqlite3_bind_blob(st, col, im->held_bytes.p + h->off, (int)h->len, SQLITE_STATIC);
        break;
    }
}

/* bind_held into a batch's parameter col, unless what *was says is
 * bound there already is the same NULL or integer. */
static void bind_again(struct store_import *im, sqlite3_stmt *st, int col, struct held *was,
                       const struct held *h)
{
    bool same =
        was->kind == h->kind && (h->kind == HELD_NULL || (h->kind == HELD_INT && was->i == h->i));
    if (same)
        return;
    bind_held(im, st, col, h);
    was->kind = h->kind;
    was->i = h->kind == HELD_INT ? h->i : 0;
}

/* The id of held row i, its first value. */
static int64_t held_id(const struct store_import *im, size_t i)
{
    assert(im->pending[i].v[0].kind == HELD_INT);
    return im->pending[i].v[0].i;
}

/* Whether the ids held are the table's largest plus one, two and so on:
 * those SQLite gives rows it is not given ids for. (Compared by
 * subtraction: a held id is at least 2^32 and cannot overflow, where a
 * largest id near INT64_MAX in a store edited by hand could.) */
static int ids_run_on(struct store_import *im, bool crimes, bool *yes, struct buf *err)
{
    if (im->largest[crimes] < 0 &&
        store_int64(im->s, row_tables[crimes].largest, &im->largest[crimes],
                    "finding the largest stored id", err) < 0)
        return -1;
    *yes = true;
    for (size_t i = 0; *yes && i < im->npending; i++)
        *yes = held_id(im, i) - 1 - (int64_t)i == im->largest[crimes];
    return 0;
}

/* Binds the rows held to a batch statement's parameters in turn, each
 * row's values from value `from` on (1 leaves the id to SQLite). */
static void bind_rows(struct store_import *im, sqlite3_stmt *st, struct held *was, int columns,
                      int from)
{
    int param = 1;
    for (size_t i = 0; i < im->npending; i++)
        for (int c = from; c < columns; c++, was++)
            bind_again(im, st, param++, was, &im->pending[i].v[c]);
}

/* CRIME_BATCH rows in one statement: without their ids when SQLite gives
 * them the same. Checked after: SQLite numbers a statement's rows one
 * after another, so the last being its own id means every one is; a row
 * under another id would be a row lost to its slice, and fails the import
 * (as any store error does). */
static int insert_batch(struct store_import *im, bool crimes, struct buf *err)
{
    const struct row_table *t = &row_tables[crimes];
    const char *what = t->what;
    bool append;
    if (ids_run_on(im, crimes, &append, err) < 0)
        return -1;
    if (!append) {
        bind_rows(im, im->given[crimes], im->bound[crimes], t->columns, 0);
        return step_rebound(im, im->given[crimes], what, err);
    }
    bind_rows(im, im->append[crimes], im->bound_append[crimes], t->columns, 1);
    if (step_rebound(im, im->append[crimes], what, err) < 0)
        return -1;
    int64_t last = sqlite3_last_insert_rowid(im->s->db), want = held_id(im, im->npending - 1);
    if (last != want) {
        buf_printf(err, "%s: stored as row %lld, not %lld", what, (long long)last, (long long)want);
        return -1;
    }
    return 0;
}

/* The table's largest id after the rows held are stored, when it was
 * known: the next batch may run on from it. */
static void note_largest(struct store_import *im, bool crimes)
{
    for (size_t i = 0; im->largest[crimes] >= 0 && i < im->npending; i++)
        if (held_id(im, i) > im->largest[crimes])
            im->largest[crimes] = held_id(im, i);
}

/* Inserts the crimes or outcomes held: CRIME_BATCH of them in one
 * statement, fewer (at a file's end, before a slice is emptied, or before
 * rows of the other kind) one by one. */
static int flush_pending(struct store_import *im, struct buf *err)
{
    bool crimes = im->pending_kind == K_STREET;
    assert(crimes || im->pending_kind == K_OUTCOMES);
    const struct row_table *t = &row_tables[crimes];
    sqlite3_stmt *one = im->st[t->one];
    size_t n = im->npending, i = 0;
    int rc = 0;
    if (n == CRIME_BATCH) {
        rc = insert_batch(im, crimes, err);
        i = n;
    }
    for (; rc == 0 && i < n; i++) {
        for (int c = 0; c < t->columns; c++)
            bind_held(im, one, c + 1, &im->pending[i].v[c]);
        rc = step_rebound(im, one, t->what, err);
    }
    if (rc == 0)
        note_largest(im, crimes);
    im->npending = 0;
    buf_reset(&im->held_bytes);
    return rc;
}

/* ---- the download CSV ---------------------------------------------------
 * Rows are packed on the reading thread (store/export_ahead.h), whose
 * pieces store_add_piece stores; those it leaves to the store (prep->packed
 * false) are packed here, the same way. */

void store_import_render(struct store_import *im, const struct store_crime_csv *csv)
{
    im->render = csv;
    if (csv && !im->packer)
        im->packer = export_packer_new();
}

/* Districts are remembered by LSOA id in at most this many bytes (then
 * forgotten, to start again). */
#define DISTRICT_TEXT_MAX (1 << 20)

/* The end of a download row of lsoa: its district (crimes.c's
 * DISTRICT_OF), looked up and rendered once per LSOA and import, and the
 * row's end. *n gets its length; NULL with err. Valid until the next call. */
static const char *district_end(struct store_import *im, int64_t lsoa, size_t *n, struct buf *err)
{
    struct text end;
    if (!district_ends_get(&im->districts, lsoa, &end)) {
        if (im->districts.text.len > DISTRICT_TEXT_MAX)
            district_ends_clear(&im->districts);
        sqlite3_stmt *st = im->st[S_DISTRICT];
        sqlite3_bind_int64(st, 1, lsoa);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            struct text district = {(const char *)sqlite3_column_text(st, 0),
                                    (size_t)sqlite3_column_bytes(st, 0)};
            district_ends_put(&im->districts, lsoa, district, im->render->district, &end);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) {
            store_fail(im->s, err, "finding an area's district");
            return NULL;
        }
    }
    *n = end.len;
    return end.p;
}

/* Stores every slice's rendered rows as a piece and frees its buffer: the
 * file's slices have allocated CSV_MAX_HELD bytes between them (a buffer
 * keeps its size once spilled, for the next piece). */
static int spill_all(struct store_import *im, struct buf *err)
{
    for (size_t i = 0; i < im->nslices; i++) {
        struct export_slice *x = &im->slice_state[i].csv;
        if (x->slice_id && store_export_slice_spill(im->s, x, err) < 0)
            return -1;
        buf_free(&x->csv);
    }
    im->csv_held = 0;
    return 0;
}

/* The crime as a download row, packed (store/export_pack.h): its head as
 * prepared (store_prepare_street) and its district's end, whole (a literal
 * row) unless download_row_parts can cut it. The head is the row's texts as
 * the store keeps them (interned by their bytes; a crime id as 32 bytes
 * only when reading it back as lower-case hex gives the same text; a
 * coordinate as an integer only when it prints back the same: coord.h), so
 * these are the bytes the read back in crimes.c returns, without reading
 * anything. */
static int render_street(struct store_import *im, const struct street_row *r,
                         const struct store_row_prep *p, const int64_t ids[EXPORT_DICTS],
                         struct slice_state *slice, struct buf *err)
{
    size_t n;
    const char *end = district_end(im, ids[EXPORT_D_DISTRICT], &n, err);
    if (!end)
        return -1;
    struct export_slice *x = &slice->csv;
    assert(x->form == EXPORT_FORM_PACKED);
    size_t before = x->csv.cap;
    struct export_row row;
    if (download_row_parts(r, p, (struct text){end, n}, ids, &row))
        export_pack_row(im->packer, &x->pack, &x->csv, &row);
    else
        export_pack_literal(im->packer, &x->pack, &x->csv, p->csv_head, (struct text){end, n});
    im->csv_held += x->csv.cap - before;
    if (x->csv.len >= EXPORT_PIECE && store_export_slice_spill(im->s, x, err) < 0)
        return -1;
    return im->csv_held < CSV_MAX_HELD ? 0 : spill_all(im, err);
}

/* The next held row of a batch of KIND, the batch of the other kind
 * flushed first (one statement inserts one kind); NULL when that failed. */
static struct held *pending_row(struct store_import *im, enum kind kind, struct buf *err)
{
    if (im->npending && im->pending_kind != kind && flush_pending(im, err) < 0)
        return NULL;
    im->pending_kind = kind;
    return im->pending[im->npending++].v;
}

/* Whether a crime's ids fit the area rollup's keys (int32, not negative):
 * ids come from the store's tables, which anyone may have written to. */
static bool rollup_ids_fit(int64_t force, int64_t lsoa, int64_t type, int64_t outcome)
{
    const int64_t ids[] = {force, lsoa, type, outcome};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (ids[i] < 0 || ids[i] > INT32_MAX)
            return false;
    return true;
}

int store_add_street(struct store_import *im, const struct street_row *r,
                     const struct store_row_prep *prep, long line, struct buf *err)
{
    struct store_row_prep own;
    if (!prep || (im->render && !prep->csv_head.len)) {
        buf_reset(&im->head);
        store_prepare_street(r, im->render, &im->head, &own);
        prep = &own;
    }
    int64_t force, falls, type, outcome, location, lsoa;
    const struct store_row_prep *p = prep;
    if (take_id(im, p, STORE_ID_FORCE, D_FORCE, r->reported_by, no_text, &force, err) < 0 ||
        take_id(im, p, STORE_ID_FALLS_WITHIN, D_FORCE, r->falls_within, no_text, &falls, err) < 0 ||
        take_id(im, p, STORE_ID_CRIME_TYPE, D_CRIME_TYPE, r->crime_type, no_text, &type, err) < 0 ||
        take_id(im, p, STORE_ID_OUTCOME, D_OUTCOME, r->outcome, no_text, &outcome, err) < 0 ||
        take_id(im, p, STORE_ID_LOCATION, D_LOCATION, r->location, no_text, &location, err) < 0 ||
        take_id(im, p, STORE_ID_LSOA, D_LSOA, r->lsoa_code, r->lsoa_name, &lsoa, err) < 0)
        return -1;
    struct slice_state *slice = touch_slice(im, force, r->month, K_STREET, err);
    struct held *v = slice ? pending_row(im, K_STREET, err) : NULL;
    if (!v)
        return -1;
    hold_int(&v[0], slice->id * 4294967296LL + line);
    hold_crime_id(im, &v[1], prep, r->crime_id);
    hold_int(&v[2], falls);
    hold_coordinate(im, &v[3], prep->longitude_micro, prep->longitude, r->longitude);
    hold_coordinate(im, &v[4], prep->latitude_micro, prep->latitude, r->latitude);
    hold_int(&v[5], location);
    hold_int(&v[6], lsoa);
    hold_int(&v[7], type);
    hold_int(&v[8], outcome);
    hold_text_or_null(im, &v[9], r->context);
    const int64_t dict_ids[EXPORT_DICTS] = {falls, location, lsoa, type, outcome, lsoa};
    if ((im->npending == CRIME_BATCH && flush_pending(im, err) < 0) ||
        (im->render && !prep->packed && render_street(im, r, prep, dict_ids, slice, err) < 0))
        return -1;
    if (!rollup_ids_fit(force, lsoa, type, outcome)) {
        buf_printf(err,
                   "%s: a force, LSOA, crime type or outcome id of the store is outside 0 to"
                   " 2^31 - 1, which the area rollup keys",
                   store_path(im->s));
        return -1;
    }
    struct rollup_key k = {(int32_t)force, r->month, (int32_t)lsoa, (int32_t)type,
                           (int32_t)outcome};
    rollup_add_soon(&im->rollup, &k);
    slice->rows++;
    im->file_stored++;
    return im->rollup.count + im->rollup.nsoon < ROLLUP_MAX_CELLS ? 0
                                                                  : flush_rollup(im, false, err);
}

/* A slice of the file's, found: a piece packed ahead comes after its rows. */
static struct slice_state *slice_found(struct store_import *im, int64_t force, int month)
{
    struct slice_key k = {(int32_t)force, month, K_STREET};
    const int64_t *index = hmap_get(&im->slices, &k, sizeof k);
    return index ? &im->slice_state[*index] : NULL;
}

int store_add_piece(struct store_import *im, const struct export_shipped_piece *piece,
                    struct buf *err)
{
    struct slice_state *slice = im->render ? slice_found(im, piece->force, piece->month) : NULL;
    struct export_slice *x = slice ? &slice->csv : NULL;
    /* a piece follows a row of its slice, and the store packs a slice's
     * rows only once every piece packed ahead is here (export_ahead.h) */
    if (!x || x->csv.len) {
        buf_printf(err, "internal error: download rows packed ahead for %s (force %lld, month %d)",
                   x ? "a slice the store was packing" : "a slice with no rows stored",
                   (long long)piece->force, piece->month);
        return -1;
    }
    if (!piece->rest)
        return store_export_slice_put(im->s, x, piece->bytes.p, piece->bytes.len, err);
    buf_append(&x->csv, piece->bytes.p, piece->bytes.len); /* for store_file_commit */
    return 0;
}

int store_add_outcome(struct store_import *im, const struct outcome_row *r,
                      const struct store_row_prep *prep, long line, struct buf *err)
{
    struct store_row_prep own;
    if (!prep) {
        store_prepare_outcome(r, &own);
        prep = &own;
    }
    int64_t force, falls, outcome, location, lsoa;
    const struct store_row_prep *p = prep;
    if (take_id(im, p, STORE_ID_FORCE, D_FORCE, r->reported_by, no_text, &force, err) < 0 ||
        take_id(im, p, STORE_ID_FALLS_WITHIN, D_FORCE, r->falls_within, no_text, &falls, err) < 0 ||
        take_id(im, p, STORE_ID_OUTCOME, D_OUTCOME, r->outcome_type, no_text, &outcome, err) < 0 ||
        take_id(im, p, STORE_ID_LOCATION, D_LOCATION, r->location, no_text, &location, err) < 0 ||
        take_id(im, p, STORE_ID_LSOA, D_LSOA, r->lsoa_code, r->lsoa_name, &lsoa, err) < 0)
        return -1;
    struct slice_state *slice = touch_slice(im, force, r->month, K_OUTCOMES, err);
    struct held *v = slice ? pending_row(im, K_OUTCOMES, err) : NULL;
    if (!v)
        return -1;
    hold_int(&v[0], slice->id * 4294967296LL + line);
    hold_crime_id(im, &v[1], prep, r->crime_id);
    hold_int(&v[2], falls);
    hold_coordinate(im, &v[3], prep->longitude_micro, prep->longitude, r->longitude);
    hold_coordinate(im, &v[4], prep->latitude_micro, prep->latitude, r->latitude);
    hold_int(&v[5], location);
    hold_int(&v[6], lsoa);
    hold_int(&v[7], outcome);
    if (im->npending == CRIME_BATCH && flush_pending(im, err) < 0)
        return -1;
    slice->rows++;
    im->file_stored++;
    return 0;
}

int store_add_stop_search(struct store_import *im, const char *force_name,
                          const struct store_row_prep *prep, const struct stop_search_row *r,
                          long line, struct buf *err)
{
    int64_t force;
    struct text name = {force_name, strlen(force_name)};
    struct store_row_prep own = {0};
    if (take_id(im, prep ? prep : &own, STORE_ID_FORCE, D_FORCE, name, no_text, &force, err) < 0)
        return -1;
    struct slice_state *slice = touch_slice(im, force, r->month, K_STOP_SEARCH, err);
    if (!slice)
        return -1;
    sqlite3_stmt *st = im->st[S_STOP_SEARCH];
    sqlite3_bind_int64(st, 1, slice->id);
    sqlite3_bind_int64(st, 2, line);
    for (int i = 0; i < STOP_SEARCH_COLUMNS; i++)
        bind_text_or_null(st, 3 + i, r->col[i]);
    if (step_done(im, st, "storing a stop and search", err) < 0)
        return -1;
    slice->rows++;
    im->file_stored++;
    return 0;
}

int store_add_quarantine(struct store_import *im, long line, const char *field, const char *reason,
                         const char *raw, size_t rawlen, struct buf *err)
{
    sqlite3_stmt *st = im->st[S_QUARANTINE];
    sqlite3_bind_int64(st, 1, im->file_id);
    sqlite3_bind_int64(st, 2, line);
    if (field)
        sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 5, rawlen ? raw : "", (int)rawlen, SQLITE_STATIC);
    if (step_done(im, st, "quarantining a row", err) < 0)
        return -1;
    im->file_quarantined++;
    return 0;
}
