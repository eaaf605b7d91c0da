/*
 * writeback.c - starting the write-back of the store's files early (see
 * writeback.h).
 */
#include "store/writeback.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The process's descriptor of the file at path, or -1. */
static int descriptor_of(const char *path, struct stat *want)
{
    if (!path || !*path || stat(path, want) < 0 || !S_ISREG(want->st_mode))
        return -1;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int found = -1;
    for (struct dirent *e; found < 0 && (e = readdir(d)) != NULL;) {
        char *end;
        long fd = strtol(e->d_name, &end, 10);
        struct stat st;
        if (end == e->d_name || *end || fd == dirfd(d))
            continue;
        if (fstat((int)fd, &st) == 0 && st.st_dev == want->st_dev && st.st_ino == want->st_ino)
            found = (int)fd;
    }
    closedir(d);
    return found;
}

void store_writeback_find(struct store_writeback *w, sqlite3 *db)
{
    memset(w, 0, sizeof *w);
    w->db = db;
    const char *main_file = sqlite3_db_filename(db, "main");
    const char *paths[2] = {main_file,
                            main_file && *main_file ? sqlite3_filename_wal(main_file) : NULL};
    for (int i = 0; i < 2; i++) {
        struct stat st;
        int fd = descriptor_of(paths[i], &st);
        if (fd >= 0) {
            w->file[w->n].fd = fd;
            w->file[w->n].dev = st.st_dev;
            w->file[w->n].ino = st.st_ino;
            w->n++;
        }
    }
}

int store_writeback_start(struct store_writeback *w)
{
    int rc = w->db ? sqlite3_db_cacheflush(w->db) : SQLITE_OK;
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        return rc;
#ifdef SYNC_FILE_RANGE_WRITE
    for (int i = 0; i < w->n; i++) {
        struct stat st; /* still the same file: SQLite may have closed it */
        if (fstat(w->file[i].fd, &st) == 0 && st.st_dev == w->file[i].dev &&
            st.st_ino == w->file[i].ino)
            sync_file_range(w->file[i].fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    }
#endif
    return SQLITE_OK;
}
