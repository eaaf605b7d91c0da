/*
 * published_file.c - a published file read a part at a time (publish.h).
 *
 * The bytes are read through SQLite's incremental blob I/O, never as one
 * column value: sqlite3_column_blob would hold the whole file in memory,
 * once per download in progress (six slow downloads of a 300 MB PDF held
 * 1.86 GB). The blob handle keeps the statement's read snapshot open, so
 * the checking pass and the reading pass see the same bytes.
 */
#include "store/publish.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PART 65536 /* bytes read at a time while checking */

struct store_file {
    struct store *s;
    sqlite3_blob *blob;
    int64_t size, off;
};

/* The file's rowid and stored SHA-256: 1 found, 0 none, -1 with err. */
static int find_file(struct store *s, const char *kind, const char *period, int v, const char *name,
                     int64_t *rowid, char sha256[65], struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT f.rowid, f.sha256 FROM publication p JOIN publication_file f"
        " ON f.publication_id = p.id WHERE p.kind = ?1 AND p.period = ?2 AND p.version = ?3"
        " AND f.name = ?4",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, v);
    sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *rowid = sqlite3_column_int64(st, 0);
        snprintf(sha256, 65, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    store_fail(s, err, "finding a published file");
    return -1;
}

/* Whether the whole blob still hashes to sha256, read a part at a time. */
static int check_hash(struct store_file *f, const char *sha256, struct buf *err)
{
    struct sha256 c;
    sha256_init(&c);
    char *part = xmalloc(PART);
    int rc = SQLITE_OK;
    for (int64_t off = 0; off < f->size && rc == SQLITE_OK; off += PART) {
        int n = f->size - off < PART ? (int)(f->size - off) : PART;
        rc = sqlite3_blob_read(f->blob, part, n, (int)off);
        if (rc == SQLITE_OK)
            sha256_update(&c, part, (size_t)n);
    }
    free(part);
    if (rc != SQLITE_OK) {
        sha256_discard(&c);
        store_fail(f->s, err, "reading a published file");
        return -1;
    }
    char now[SHA256_HEX_SIZE];
    sha256_hex(&c, now);
    return strcmp(now, sha256) == 0;
}

int store_publication_file_open(struct store *s, const char *kind, const char *period, int v,
                                const char *name, char sha256[65], struct store_file **out,
                                struct buf *err)
{
    *out = NULL;
    int64_t rowid = 0;
    int found = find_file(s, kind, period, v, name, &rowid, sha256, err);
    if (found <= 0)
        return found < 0 ? -1 : 1;
    struct store_file *f = xcalloc(1, sizeof *f);
    f->s = s;
    if (sqlite3_blob_open(s->db, "main", "publication_file", "bytes", rowid, 0, &f->blob) !=
        SQLITE_OK) {
        store_fail(s, err, "opening a published file");
        store_file_close(f);
        return -1;
    }
    f->size = sqlite3_blob_bytes(f->blob);
    int intact = check_hash(f, sha256, err);
    if (intact == 0)
        buf_printf(err,
                   "the stored bytes of %s/%s/v%d/%s no longer have their recorded SHA-256 "
                   "(changed behind peel's back: peel verify lists every such file)",
                   kind, period, v, name);
    if (intact <= 0) {
        store_file_close(f);
        return -1;
    }
    *out = f;
    return 0;
}

int64_t store_file_size(const struct store_file *f)
{
    return f->size;
}

int store_file_read(struct store_file *f, struct buf *out, size_t max, struct buf *err)
{
    assert(f->off <= f->size);
    int64_t left = f->size - f->off;
    if (left == 0)
        return 0;
    assert(max > 0 && max <= INT32_MAX);
    /* a blob is at most SQLITE_MAX_LENGTH (1e9) bytes: an int holds it */
    int n = left < (int64_t)max ? (int)left : (int)max;
    buf_grow(out, (size_t)n);
    if (sqlite3_blob_read(f->blob, out->p + out->len, n, (int)f->off) != SQLITE_OK) {
        store_fail(f->s, err, "reading a published file");
        return -1;
    }
    out->len += (size_t)n;
    out->p[out->len] = '\0';
    f->off += n;
    return f->off < f->size;
}

void store_file_close(struct store_file *f)
{
    if (!f)
        return;
    if (f->blob)
        sqlite3_blob_close(f->blob);
    free(f);
}

int store_publication_file_read(struct store *s, const char *kind, const char *period, int v,
                                const char *name, char sha256[65], struct buf *bytes,
                                struct buf *err)
{
    struct store_file *f;
    int rc = store_publication_file_open(s, kind, period, v, name, sha256, &f, err);
    if (rc != 0)
        return rc;
    while ((rc = store_file_read(f, bytes, PART, err)) > 0)
        ;
    store_file_close(f);
    return rc;
}
