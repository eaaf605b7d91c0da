/*
 * store.c - opening and closing the SQLite file (see store.h).
 */
#include "model/calendar.h"
#include "store/rollup_cells.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new file's page size, and each writer's page cache in KiB (both set
 * by configure, below; store_reserve_page_cache sizes its slots by them). */
#define STORE_PAGE_SIZE 16384
#define CACHE_KIB       65536
/* The most of it store_reserve_page_cache hands over at the start. The
 * mapping's first touches are the kernel zeroing its pages, all before the
 * reading thread starts (0.2 s for 64 MiB on the bench's VM); past it the
 * heap serves pages as they are needed. With 16 MiB instead of 64 the
 * year's import took 0.962 of the wall time and peaked at 54 MiB against
 * 103 (farm-bench, 16 pairs; bench/README.md, stop 38). */
#define RESERVE_KIB 16384
#define TEXT_OF(x)  #x
#define TEXT(x)     TEXT_OF(x)

int store_fail(struct store *s, struct buf *err, const char *context)
{
    buf_printf(err, "%s: %s", context, s && s->db ? sqlite3_errmsg(s->db) : "no database");
    return -1;
}

const char *store_column_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

int store_column_date(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    int d;
    return t && date_parse(t, strlen(t), &d) ? d : DATE_NONE;
}

int store_exec(struct store *s, const char *sql, struct buf *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    buf_printf(err, "%s", msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return -1;
}

int store_find_flagged(struct store *s, const char *sql, const char *key, const char *what,
                       int64_t *id, bool *flag, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *flag = sqlite3_column_int(st, 1) != 0;
    } else if (rc == SQLITE_DONE) {
        buf_printf(err, "no %s %s", what, key);
    } else {
        char context[64];
        snprintf(context, sizeof context, "reading %s %s", strchr("aeiou", what[0]) ? "an" : "a",
                 what);
        store_fail(s, err, context);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct buf *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        store_fail(s, err, "preparing a statement");
        return NULL;
    }
    return st;
}

int store_int64(struct store *s, const char *sql, int64_t *v, const char *what, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, what);
}

static int configure(struct store *s, struct buf *err)
{
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    /* before any statement: the schema's view and triggers use them */
    if (rollup_cells_register(s->db) != SQLITE_OK)
        return store_fail(s, err, "registering the area rollup's functions");
    if (s->readonly)
        return store_exec(s, "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;", err);
    /* synchronous=NORMAL is durable in WAL mode except across power loss at
     * the instant of commit, and never corrupts; imports commit once. */
    /* 16 KiB pages (for a new file; an existing one keeps its own): in a
     * 5-million-row import they cut I/O calls and B-tree depth, for about
     * 10% of import time. */
    /* journal_size_limit: when a writer restarts the WAL from its start,
     * the file is cut back to 16 MiB (the autocheckpoint's 1,000 pages of
     * 16 KiB) instead of keeping the largest size it ever reached; see
     * store_trim_wal for the rest. */
    /* clang-format off */
    static const char pragmas[] =
        "PRAGMA page_size=" TEXT(STORE_PAGE_SIZE) ";"
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
        "PRAGMA cache_size=-" TEXT(CACHE_KIB) "; PRAGMA journal_size_limit=16777216;";
    /* clang-format on */
    return store_exec(s, pragmas, err);
}

/* A web server should run as a user who may only read the store. A reader
 * of a WAL-mode database needs its -shm and -wal files, and SQLite deletes
 * them when the last connection closes: a reader that may not create files
 * in the store's folder then cannot read it at all. So every writer asks
 * SQLite to keep them (they are made with the database file's own owner
 * and mode, so whoever may read the one may read the others). */
static void keep_wal_files(struct store *s)
{
    int on = 1;
    sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

/* A read-only store must be readable, and of this peel's schema: said
 * plainly, not as "schema version -1". */
static int check_readable(struct store *s, struct buf *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    int version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && (rc & 0xff) == SQLITE_READONLY) {
        buf_printf(err,
                   "cannot read database %s: its -shm file is missing and this user may not "
                   "create it in that folder (a WAL-mode store needs it). Run any peel command "
                   "on the store once as a user who may write it (peel keeps its -wal and -shm "
                   "files from then on), or let this user write the folder",
                   s->path);
        return -1;
    }
    if (rc != SQLITE_ROW)
        return store_fail(s, err, "reading the schema version");
    if (version != store_latest_version()) {
        buf_printf(err,
                   "database %s has schema version %d; this peel needs %d (run any write "
                   "command, e.g. peel import, to upgrade it)",
                   s->path, version, store_latest_version());
        return -1;
    }
    return 0;
}

/* SQLite's memory statistics, which Peel never reads, are turned off:
 * with them on, every allocation and free SQLite makes takes a global
 * mutex to count it (each record an import builds, each statement step).
 *
 * SQLite's sub-journal spill (SQLITE_CONFIG_STMTJRNL_SPILL) stays at its
 * 64 KiB: raised, so that an import's per-file sub-journals stay in memory
 * (341 MB of temporary-file writes for bench/ingest's year), SQLite 3.40
 * failed the import with "database or disk is full" when a journal did
 * spill (at 256 KiB on a month of 43 forces, and in migration 59 at
 * 16 MiB; bench/README.md, stop 41). */
void store_library_init(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* SQLite's page cache handed over as one mapping with transparent huge
 * pages asked for, for a command that fills it (an import): allocated page
 * by page from the heap, the cache's 64 MiB were faulted in 4 KiB at a
 * time, 16k of an import's 21k page faults, and those cost a tenth of its
 * CPU in the kernel. SQLite links every slot into a free list when it
 * starts, so the mapping is resident from the start, which only a command
 * that will fill the cache should pay, and only for the pages it will
 * fill: an import's store grows by about 1.4 times its CSV, so the mapping
 * holds one and a half times the input (a month of one force, 2 MB, peaked
 * at 82 MiB with the whole cache set aside and 21 MiB without), and at
 * most RESERVE_KIB; past the mapping SQLite takes
 * pages from the heap. Nothing changes when the mapping or the
 * configuration is refused (SQLite already started): the heap serves, as
 * for every other command. */
void store_reserve_page_cache(unsigned long long input_bytes)
{
    unsigned long long want = input_bytes / 2 * 3, most = (unsigned long long)RESERVE_KIB * 1024;
    size_t slots = (size_t)((want < most ? want : most) / STORE_PAGE_SIZE);
    int header = 0;
    if (slots < 64 || sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK)
        return; /* under 1 MiB: the heap's few faults cost nothing */
    size_t slot = ((size_t)STORE_PAGE_SIZE + (size_t)header + 63) & ~(size_t)63;
    size_t bytes = slot * slots;
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return;
    madvise(p, bytes, MADV_HUGEPAGE); /* a hint: without it, 4 KiB pages */
    if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, p, (int)slot, (int)slots) != SQLITE_OK)
        munmap(p, bytes);
}

static struct store *open_store(const char *path, enum store_mode mode, bool stepwise,
                                struct buf *err)
{
    struct store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    s->readonly = mode == STORE_READ_ONLY;
    s->stepwise = stepwise;
    /* A connection is used by one thread only. */
    int flags = SQLITE_OPEN_NOMUTEX |
                (s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        buf_printf(err, "cannot open database %s: %s", path,
                   s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return NULL;
    }
    sqlite3_extended_result_codes(s->db, 1);
    if (!s->readonly)
        keep_wal_files(s);
    if (configure(s, err) < 0 || (!s->readonly && store_migrate(s, err) < 0) ||
        (s->readonly && check_readable(s, err) < 0)) {
        store_close(s);
        return NULL;
    }
    return s;
}

struct store *store_open(const char *path, enum store_mode mode, struct buf *err)
{
    return open_store(path, mode, false, err);
}

struct store *store_create_stepwise(const char *path, struct buf *err)
{
    return open_store(path, STORE_READ_WRITE, true, err);
}

int store_with_temp_files(struct store *s, int (*work)(struct store *s, struct buf *err),
                          struct buf *err)
{
    if (store_exec(s, "PRAGMA temp_store=FILE", err) < 0)
        return -1;
    int rc = work(s, err);
    struct buf ignored = BUF_INIT;
    if (store_exec(s, "PRAGMA temp_store=MEMORY", rc < 0 ? &ignored : err) < 0 && rc >= 0)
        rc = -1;
    buf_free(&ignored);
    return rc;
}

/* After a write command (and before a deferred index is built), the WAL
 * back to nothing. A reader holding an old snapshot (a slow download from
 * peel serve) stops a checkpoint from copying the frames written after
 * it, so the WAL grows with every import meanwhile; and once it has
 * grown, SQLite reuses the file but never shrinks it while any connection
 * stays open. So a writer, as it closes, checkpoints and truncates the
 * WAL, without waiting (no busy timeout) for a reader still there: the
 * checkpoint then copies what it can, and the next writer's close, or its
 * restart of the WAL (journal_size_limit), trims the file once the reader
 * has gone. */
void store_trim_wal(struct store *s)
{
    int64_t was = STORE_BUSY_MS;
    struct buf ignored = BUF_INIT;
    store_int64(s, "PRAGMA busy_timeout", &was, "", &ignored); /* a caller's own, kept */
    buf_free(&ignored);
    sqlite3_busy_timeout(s->db, 0);
    sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    sqlite3_busy_timeout(s->db, (int)was);
}

void store_close(struct store *s)
{
    if (!s)
        return;
    if (s->db) {
        /* Finalize anything a caller forgot so that close cannot fail;
         * but not the statements an FTS5 table (the decision register's
         * search) prepared for itself on its shadow tables, which it
         * finalizes when close disconnects it: finalized here first, they
         * were freed twice. FTS5 names the database 'main' in quotes: 'main'.'T_data', PRAGMA
         * 'main'.data_version. */
        sqlite3_stmt *st = NULL;
        while ((st = sqlite3_next_stmt(s->db, st)) != NULL) {
            const char *sql = sqlite3_sql(st);
            if (sql && strstr(sql, "'main'."))
                continue;
            sqlite3_finalize(st);
            st = NULL; /* from the start again: st is gone */
        }
        /* The kept -wal file (keep_wal_files) emptied, so a copy of the
         * database file alone is whole. */
        if (!s->readonly)
            store_trim_wal(s);
        int rc = sqlite3_close(s->db);
        assert(rc == SQLITE_OK);
        (void)rc;
    }
    free(s->path);
    free(s);
}

int store_finish(struct store *s, int rc, struct buf *err)
{
    if (rc == 0 && store_exec(s, "COMMIT", err) == 0)
        return 0;
    struct buf ignored = BUF_INIT;
    store_exec(s, "ROLLBACK", &ignored);
    buf_free(&ignored);
    return rc == 0 ? -1 : rc;
}

bool store_writable(struct store *s)
{
    return !s->readonly && sqlite3_db_readonly(s->db, "main") == 0;
}

int store_schema_version(struct store *s)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

const char *store_path(const struct store *s)
{
    return s->path;
}
