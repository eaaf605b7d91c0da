/*
 * fuzz_import.c - libFuzzer target for `peel import` end to end on one file:
 * finding it (a CSV, or a zip archive by its signature), the CSV reader,
 * the police.uk checks, the store's side (slices, interned texts, rollups,
 * quarantine) and the stored CSV of each street slice rendered afterwards,
 * on an in-memory store kept for the run.
 *
 * The input is the file, named 2022-01-leicestershire-stop-and-search.csv
 * so that stop-and-search rows have a force (street and outcomes files are
 * known by their header whatever their name). The oracle:
 *  - the import never fails as a whole (1) on a healthy store;
 *  - nothing is lost: a CSV file imported stores or quarantines every
 *    record after its header but blank ones, counted by a separate pass of
 *    the CSV reader; the store's record of the file says the same;
 *  - the store stays whole: every slice's row count is the rows it holds;
 *    both rollups add up to the street crimes; no interned or stored text
 *    holds a NUL byte (it would read back cut short);
 *  - the download rows the import stores, packed, as it stores each street
 *    crime (from the row's bytes as read, or from its parsed texts) unpack
 *    to the bytes the export refresh renders reading the store back;
 *  - importing the same file again changes none of those counts;
 *  - the export refresh succeeds, and every street slice then has its CSV;
 *  - no crash, leak, or undefined behaviour (ASan, UBSan).
 */
#include "assess/crime_rows.h"
#include "fuzz_check.h"
#include "ingest/csv.h"
#include "ingest/import.h"
#include "ingest/policeuk.h"
#include "store/export_pack.h"
#include "store/store_internal.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One store, begun afresh every 256 inputs: one per input would cost more
 * than the import, and one for the whole run would grow with it (and the
 * checks over it with it). */
static struct store *fuzz_store(void)
{
    static struct store *s;
    static unsigned uses;
    if (s && ++uses % 256 != 0)
        return s;
    store_close(s);
    struct buf err = BUF_INIT;
    s = store_open(":memory:", STORE_READ_WRITE, &err);
    if (!s) {
        fprintf(stderr, "fuzz_import: setup failed: %s\n", buf_str(&err));
        abort();
    }
    buf_free(&err);
    return s;
}

static long long scalar(struct store *s, const char *sql)
{
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* What the file's records should become: all after the header but blank
 * ones, when the header is one Peel knows; -1 when it is not. */
static long expected_rows(const char *path)
{
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0);
    struct csv_reader *r = csv_open(csv_read_fd, (void *)(intptr_t)fd);
    struct csv_record rec;
    long n = -1;
    if (csv_next(r, &rec) == 1 && pu_recognise(&rec) != PU_UNKNOWN) {
        n = 0;
        while (csv_next(r, &rec) == 1)
            n += !pu_blank_record(&rec);
    }
    csv_close(r);
    close(fd);
    return n;
}

struct seen {
    long files, failed, stored, quarantined;
};

static void on_file(const struct ingest_file_report *r, void *arg)
{
    struct seen *seen = arg;
    seen->files++;
    if (r->error) {
        CHECK(r->error[0] && r->rows_stored == 0 && r->rows_quarantined == 0);
        seen->failed++;
    }
    CHECK(r->rows_stored >= 0 && r->rows_quarantined >= 0);
    seen->stored += r->rows_stored;
    seen->quarantined += r->rows_quarantined;
}

static void exec(struct store *s, const char *sql)
{
    CHECK(sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK);
}

static struct seen import(struct store *s, const char *path, const struct store_crime_csv *csv)
{
    struct seen seen = {0};
    struct ingest_options opt = {
        .command = "fuzz", .user = "fuzz", .on_file = on_file, .arg = &seen, .crime_csv = csv};
    struct ingest_totals tot;
    struct buf err = BUF_INIT;
    char *paths[] = {(char *)path};
    int rc = ingest_paths(s, paths, 1, &opt, &tot, &err);
    CHECK(rc == 0 || rc == 2); /* 1: the store failed */
    CHECK((rc == 2) == (tot.files_failed > 0));
    CHECK(tot.rows_stored == seen.stored && tot.rows_quarantined == seen.quarantined);
    buf_free(&err);
    return seen;
}

/* The store's own counts, which must hold after every import. */
struct state {
    long long crimes, outcomes, searches, quarantined, rollup_force, rollup_lsoa;
};

static struct state check_store(struct store *s)
{
    struct state st = {
        scalar(s, "SELECT count(*) FROM crime"),
        scalar(s, "SELECT count(*) FROM outcome"),
        scalar(s, "SELECT count(*) FROM stop_search"),
        scalar(s, "SELECT count(*) FROM quarantine"),
        scalar(s, "SELECT total(n) FROM rollup_force"),
        scalar(s, "SELECT total(n) FROM rollup_lsoa"),
    };
    CHECK(st.rollup_force == st.crimes && st.rollup_lsoa == st.crimes);
    CHECK(scalar(s, "SELECT total(rows) FROM slice") == st.crimes + st.outcomes + st.searches);
    CHECK(scalar(s, "SELECT count(*) FROM slice s WHERE rows != (SELECT count(*) FROM"
                    " (SELECT id FROM crime WHERE id >> 32 = s.id UNION ALL SELECT id FROM"
                    " outcome WHERE id >> 32 = s.id UNION ALL SELECT id FROM stop_search"
                    " WHERE id >> 32 = s.id))") == 0);
    CHECK(scalar(s, "SELECT (SELECT count(*) FROM location WHERE instr(CAST(text AS BLOB),"
                    " x'00')) + (SELECT count(*) FROM lsoa WHERE instr(CAST(code || name AS"
                    " BLOB), x'00')) + (SELECT count(*) FROM force WHERE instr(CAST(name AS"
                    " BLOB), x'00')) + (SELECT count(*) FROM crime_type WHERE"
                    " instr(CAST(name AS BLOB), x'00')) + (SELECT count(*) FROM"
                    " outcome_category WHERE instr(CAST(name AS BLOB), x'00')) + (SELECT"
                    " count(*) FROM crime WHERE instr(CAST(context AS BLOB), x'00')) + (SELECT"
                    " count(*) FROM stop_search WHERE instr(CAST(type || date || legislation ||"
                    " outcome || object_of_search AS BLOB), x'00'))") == 0);
    return st;
}

/* The rows of the loaded slices' pieces kept in tables csv and part, in
 * slice and piece order (a slice's own row, then its pieces), as text:
 * unpacked where packed (store/export_pack.h). */
static void loaded_text(struct store *s, const char *csv, const char *part, struct buf *out)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT csv, form FROM (SELECT slice_id * 4294967296 AS k, csv, form FROM %s"
             " WHERE slice_id IN loaded UNION ALL SELECT p.id, p.csv, c.form FROM %s p"
             " JOIN %s c ON c.slice_id = p.id >> 32 WHERE p.id >> 32 IN loaded) ORDER BY k",
             csv, part, csv);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK);
    struct buf err = BUF_INIT;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        int form = sqlite3_column_int(st, 1);
        CHECK(form == EXPORT_FORM_TEXT || form == EXPORT_FORM_PACKED);
        if (form == EXPORT_FORM_TEXT) {
            buf_append(out, p, n);
            continue;
        }
        struct export_unpacker u = {0};
        export_unpack_start(&u, p, n);
        int rc;
        while ((rc = export_unpack_row(&u, out, &err)) == 1)
            ;
        CHECK(rc == 0);
        export_unpack_free(&u);
    }
    sqlite3_finalize(st);
    buf_free(&err);
}

/* The stored download of each street slice the last file loaded, as the
 * import rendered it (packed, unless dropped and refreshed), kept aside; dropped and rendered again
 * by the refresh (as text), which reads the store back; the two the same rows, and the same bytes
 * once unpacked. */
static void rendered_as_read_back(struct store *s)
{
    exec(s, "CREATE TEMP TABLE loaded AS SELECT id FROM slice WHERE kind = 'street' AND"
            " file_id = (SELECT max(id) FROM source_file);"
            "CREATE TEMP TABLE csv_at_import AS SELECT slice_id, rows, csv, form FROM export_csv"
            " WHERE slice_id IN loaded;"
            "CREATE TEMP TABLE part_at_import AS SELECT id, csv FROM export_part"
            " WHERE id >> 32 IN loaded;"
            "DELETE FROM export_csv WHERE slice_id IN loaded");
    struct buf err = BUF_INIT, imported = BUF_INIT, refreshed = BUF_INIT;
    long rendered;
    CHECK(export_refresh(s, &rendered, &err) == 0);
    buf_free(&err);
    CHECK(scalar(s, "SELECT count(*) FROM (SELECT slice_id, rows FROM csv_at_import EXCEPT"
                    " SELECT slice_id, rows FROM export_csv)") == 0);
    CHECK(scalar(s, "SELECT (SELECT count(*) FROM csv_at_import) = (SELECT count(*) FROM"
                    " export_csv WHERE slice_id IN loaded)") == 1);
    loaded_text(s, "csv_at_import", "part_at_import", &imported);
    loaded_text(s, "export_csv", "export_part", &refreshed);
    CHECK(imported.len == refreshed.len &&
          (imported.len == 0 || memcmp(imported.p, refreshed.p, imported.len) == 0));
    buf_free(&imported);
    buf_free(&refreshed);
    exec(s, "DROP TABLE loaded; DROP TABLE csv_at_import; DROP TABLE part_at_import");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[64], path[128];
    snprintf(dir, sizeof dir, "/tmp/fuzz_import.%ld", (long)getpid());
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/2022-01-leicestershire-stop-and-search.csv", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(data, 1, size, f) == size && fclose(f) == 0);
    struct store *s = fuzz_store();
    bool zip = size >= 4 && memcmp(data, "PK\3\4", 4) == 0;
    long want = zip ? -1 : expected_rows(path);

    struct seen first = import(s, path, &crime_texts_csv);
    if (!zip && first.failed == 0 && want >= 0)
        CHECK(first.stored + first.quarantined == want); /* every record kept */
    if (!zip && first.failed == 0)
        CHECK(scalar(s, "SELECT rows_stored FROM source_file WHERE name ="
                        " '2022-01-leicestershire-stop-and-search.csv'") == first.stored);
    struct state a = check_store(s);
    rendered_as_read_back(s);

    struct seen again = import(s, path, NULL);
    CHECK(again.stored == first.stored && again.quarantined == first.quarantined);
    struct state b = check_store(s);
    CHECK(memcmp(&a, &b, sizeof a) == 0); /* the same file twice: nothing changes */

    struct buf err = BUF_INIT;
    long rendered;
    CHECK(export_refresh(s, &rendered, &err) == 0);
    CHECK(scalar(s, "SELECT count(*) FROM slice WHERE kind = 'street' AND id NOT IN"
                    " (SELECT slice_id FROM export_csv)") == 0);
    buf_free(&err);
    unlink(path);
    return 0;
}
