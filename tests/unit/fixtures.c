/*
 * fixtures.c - temporary files and folders for unit tests (see fixtures.h).
 */
#include "fixtures.h"
#include "store/store.h"
#include "util/buf.h"

#include <sqlite3.h>

#include <assert.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *fixture_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/peel-test-XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    assert(dir);
    return strdup(dir);
}

char *fixture_write(const char *dir, const char *name, const char *bytes, size_t n)
{
    char *path = NULL;
    int len = asprintf(&path, "%s/%s", dir, name);
    assert(len > 0);
    FILE *f = fopen(path, "wb");
    assert(f);
    size_t wrote = fwrite(bytes, 1, n, f);
    assert(wrote == n);
    (void)wrote;
    fclose(f);
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
    if (!s)
        fprintf(stderr, "fixture_store_open: %s\n", buf_str(&err));
    assert(s);
    if (peek) {
        int rc = sqlite3_open(buf_str(&path), peek);
        assert(rc == SQLITE_OK);
        (void)rc;
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
