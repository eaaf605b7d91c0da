/*
 * fuzz_rollup_cells.c - libFuzzer target for the area rollup's packed cells
 * (src/store/rollup_cells.c), which a store file anyone may have written
 * brings to every reader. The input is two blobs: the bytes up to the
 * first 0xfe byte, and the rest. The oracle:
 *  - the codec never reads past a blob's end, and its cells, written again,
 *    read back the same;
 *  - the table-valued function lists a blob's cells when, and only when,
 *    the codec reads them all in strictly increasing order; else it fails;
 *  - rollup_cells_merge of two such blobs gives their cells added where
 *    keys are equal, in order, or fails when either is not such a blob.
 */
#include "fuzz_check.h"
#include "store/rollup_cells.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A blob's cells, -1 when it is not cells in strictly increasing order. */
static long decode(const uint8_t *p, size_t len, struct rollup_cell *out, size_t cap)
{
    size_t at = 0, n = 0;
    struct rollup_cell c;
    int rc;
    while ((rc = rollup_cells_next(p, len, &at, &c)) == 1) {
        CHECK(at <= len && n < cap); /* a cell takes at least three bytes */
        if (n && !rollup_cells_after(&out[n - 1], &c))
            return -1;
        out[n++] = c;
    }
    CHECK(at <= len);
    return rc < 0 ? -1 : (long)n;
}

static void round_trips(const struct rollup_cell *c, long n)
{
    struct buf b = BUF_INIT;
    for (long i = 0; i < n; i++)
        rollup_cells_put(&b, &c[i]);
    struct rollup_cell back[1];
    size_t at = 0;
    for (long i = 0; i < n; i++) {
        CHECK(rollup_cells_next((const uint8_t *)b.p, b.len, &at, back) == 1);
        CHECK(memcmp(back, &c[i], sizeof *back) == 0);
    }
    CHECK(at == b.len);
    buf_free(&b);
}

/* How many cells the table-valued function lists for blob, and the last
 * one (*last), or -1 when it fails. */
static long listed(sqlite3 *db, const uint8_t *p, size_t len, struct rollup_cell *last)
{
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_prepare_v2(db, "SELECT crime_type_id, outcome_id, n FROM rollup_cells(?1)", -1,
                             &st, NULL) == SQLITE_OK);
    sqlite3_bind_blob(st, 1, len ? (const void *)p : "", (int)len, SQLITE_STATIC);
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *last = (struct rollup_cell){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                                     sqlite3_column_int64(st, 2)};
        n++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? n : -1;
}

/* The reference merge of two decoded blobs: -1 when a sum overflows. */
static long merged(const struct rollup_cell *a, long na, const struct rollup_cell *b, long nb,
                   struct rollup_cell *out)
{
    long i = 0, j = 0, n = 0;
    while (i < na || j < nb) {
        if (j == nb || (i < na && rollup_cells_after(&a[i], &b[j])))
            out[n++] = a[i++];
        else if (i == na || rollup_cells_after(&b[j], &a[i]))
            out[n++] = b[j++];
        else {
            if (b[j].n > INT64_MAX - a[i].n)
                return -1;
            out[n] = a[i++];
            out[n++].n += b[j++].n;
        }
    }
    return n;
}

static void check_merge(sqlite3 *db, const uint8_t *a, size_t alen, long na,
                        const struct rollup_cell *ca, const uint8_t *b, size_t blen, long nb,
                        const struct rollup_cell *cb)
{
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_prepare_v2(db, "SELECT rollup_cells_merge(?1, ?2)", -1, &st, NULL) == SQLITE_OK);
    sqlite3_bind_blob(st, 1, alen ? (const void *)a : "", (int)alen, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, blen ? (const void *)b : "", (int)blen, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    size_t cap = alen / 3 + blen / 3 + 1; /* a cell takes three bytes or more */
    struct rollup_cell *want = malloc(cap * sizeof *want);
    struct rollup_cell *got = malloc(cap * sizeof *got);
    long nwant = na < 0 || nb < 0 ? -1 : merged(ca, na, cb, nb, want);
    CHECK((rc == SQLITE_ROW) == (nwant >= 0));
    if (rc == SQLITE_ROW) {
        const uint8_t *p = sqlite3_column_blob(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        CHECK(decode(p, len, got, cap) == nwant);
        CHECK(nwant == 0 || memcmp(got, want, (size_t)nwant * sizeof *got) == 0);
    }
    free(want);
    free(got);
    sqlite3_finalize(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *cut = memchr(data, 0xfe, size);
    size_t alen = cut ? (size_t)(cut - data) : size;
    const uint8_t *b = cut ? cut + 1 : data + size;
    size_t blen = cut ? size - alen - 1 : 0;
    struct rollup_cell *ca = malloc((alen / 3 + 1) * sizeof *ca);
    struct rollup_cell *cb = malloc((blen / 3 + 1) * sizeof *cb);
    long na = decode(data, alen, ca, alen / 3 + 1), nb = decode(b, blen, cb, blen / 3 + 1);
    if (na >= 0)
        round_trips(ca, na);
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    CHECK(rollup_cells_register(db) == SQLITE_OK);
    struct rollup_cell last = {0, 0, 0};
    CHECK(listed(db, data, alen, &last) == na);
    CHECK(na <= 0 || memcmp(&last, &ca[na - 1], sizeof last) == 0);
    check_merge(db, data, alen, na, ca, b, blen, nb, cb);
    sqlite3_close(db);
    free(ca);
    free(cb);
    return 0;
}
