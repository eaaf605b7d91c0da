/*
 * writeback.h - the store's files written back to disk while a long
 * transaction runs, not all at its commit (store/import.c).
 *
 * SQLite makes a commit durable with fsync(). A first load writes its
 * pages into the file as it goes (the page cache spills), and with 24 GiB
 * of memory the kernel keeps every one of them dirty until that fsync: a
 * year of 43 forces left 1.7 GB to write, and the commit waited 1.4 s for
 * the disk. Asked after each file to start writing back what is dirty
 * (sync_file_range, as PostgreSQL's backend_flush_after and RocksDB's
 * bytes_per_sync do), the kernel writes while the import computes, and
 * the fsync finds little left. Durability is unchanged: the fsync is
 * still what makes the commit durable; this only moves disk work earlier.
 * The same goes for the pages SQLite's own cache holds dirty: written out
 * first (sqlite3_db_cacheflush), the commit has a file's pages to wait
 * for, not the cache's 64 MiB (a year's import took 0.94 of the wall time:
 * bench/README.md). They are not committed by it: the transaction is the
 * same.
 *
 * The descriptors are SQLite's own, found among the process's by device
 * and inode (Linux's /proc/self/fd) and never closed here: closing any
 * descriptor of a file drops every POSIX lock the process holds on it,
 * SQLite's included. Elsewhere, or when none is found, nothing is done.
 * Not for other modules.
 */
#ifndef PEEL_WRITEBACK_H
#define PEEL_WRITEBACK_H

#include <sqlite3.h>
#include <sys/types.h>

struct store_writeback {
    sqlite3 *db;
    int n;
    struct {
        int fd;
        dev_t dev;
        ino_t ino;
    } file[2]; /* the database, and its WAL when there is one */
};

/* Finds the descriptors of db's main file and WAL as they are now. */
void store_writeback_find(struct store_writeback *w, sqlite3 *db);
/* Writes the pages db's cache holds dirty into its files, then starts the
 * write-back of the files' dirty pages, without waiting for it. SQLITE_OK,
 * or the error of the first step (then the second is not taken).
 * SQLITE_BUSY (a reader's lock, which the busy handler waits for first,
 * kept the pages from the file: in a first load, rollback-journalled)
 * leaves them for later, and is SQLITE_OK. */
int store_writeback_start(struct store_writeback *w);

#endif
