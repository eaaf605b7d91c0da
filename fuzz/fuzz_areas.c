/*
 * fuzz_areas.c - libFuzzer target for the LSOA lookup and population
 * readers (src/ingest/lookup.c: `peel import-areas`, `peel
 * import-population`, `peel import-population --forces`), on an in-memory
 * store.
 *
 * The first byte picks the reader (mod 3: areas, LSOA populations, force
 * populations); the rest is the file. The oracle:
 *  - the store never fails (1) on a healthy store;
 *  - a refused file (2) says why, naming the file, and leaves the lookup and population tables as
 * they were;
 *  - an accepted file, loaded again, is accepted again and leaves the
 *    tables exactly as the first load did (a load replaces, it does not
 *    add);
 *  - no crash, leak, or undefined behaviour (ASan, UBSan).
 */
#include "fuzz_check.h"
#include "ingest/lookup.h"
#include "store/store_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One store for the run: a new one per input would cost more than the
 * load. Loads replace what they load, so it stays small. */
static struct store *fuzz_store(void)
{
    static struct store *s;
    if (s)
        return s;
    struct buf err = BUF_INIT;
    s = store_open(":memory:", STORE_READ_WRITE, &err);
    if (!s) {
        fprintf(stderr, "fuzz_areas: setup failed: %s\n", buf_str(&err));
        abort();
    }
    buf_free(&err);
    return s;
}

/* The three tables the readers write, in a few numbers. */
static void fingerprint(struct store *s, struct buf *out)
{
    static const char sql[] =
        "SELECT (SELECT count(*) || ':' || total(length(grouping) + length(lsoa_code) * 7"
        " + length(value) * 13) FROM area) || '/' || (SELECT count(*) || ':' ||"
        " total(population) || ':' || total(length(lsoa_code)) FROM population) || '/' ||"
        " (SELECT count(*) || ':' || total(population) || ':' || total(length(name))"
        " FROM force_population)";
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    buf_reset(out);
    buf_puts(out, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static int load(struct store *s, int which, const char *path, struct buf *err)
{
    struct lookup_result res = {0};
    int rc;
    if (which == 0) {
        struct area_options opt = {0};
        rc = lookup_import_areas(s, path, &opt, &res, err);
    } else if (which == 1) {
        struct population_options opt = {0};
        rc = lookup_import_population(s, path, &opt, &res, err);
    } else {
        struct force_population_options opt = {0};
        rc = lookup_import_force_population(s, path, &opt, &res, err);
    }
    CHECK(rc == 0 || rc == 2); /* 1: the store failed */
    CHECK(res.rows_loaded >= 0 && res.rows_skipped >= 0);
    buf_free(&res.groupings);
    return rc;
}

/* Only the first line is held to naming the file: lookup.c quotes a bad
 * value as it is, so a quoted value holding a newline breaks its message
 * in two (reported; lookup.c is being changed elsewhere). */
static void check_refusal(const char *path, const struct buf *err)
{
    CHECK(err->len > 0 && strncmp(err->p, path, strlen(path)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_areas.%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(data + 1, 1, size - 1, f) == size - 1 && fclose(f) == 0);
    struct store *s = fuzz_store();
    struct buf err = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
    fingerprint(s, &before);
    int which = data[0] % 3;
    if (load(s, which, path, &err) == 2) {
        check_refusal(path, &err);
        fingerprint(s, &after);
        CHECK(strcmp(before.p, after.p) == 0); /* a refused file changes nothing */
    } else {
        fingerprint(s, &before);
        buf_reset(&err);
        CHECK(load(s, which, path, &err) == 0);
        fingerprint(s, &after);
        CHECK(strcmp(before.p, after.p) == 0); /* loaded again: the same tables */
    }
    buf_free(&err);
    buf_free(&before);
    buf_free(&after);
    unlink(path);
    return 0;
}
