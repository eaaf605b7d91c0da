/*
 * test_export.c - the crime CSV kept per street slice (store/export.h,
 * assess/crime_rows.h): its bytes are the row path's, whether rendered as
 * the import stores each crime or read back afterwards, and the triggers
 * of migrations 8 and 20 drop it whenever a text a row shows changes.
 *
 * Changes are made with plain SQL on a second connection, as anyone with
 * sqlite3 could: the store must notice them, not only Peel's own writes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/crime_rows.h"
#include "fixtures.h"
#include "ingest/import.h"
#include "store/crimes.h"
#include "store/export.h"
#include "store/store.h"
#include "util/coord.h"
#include "util/numfmt.h"

#define STREET_HEADER                                                                              \
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA "          \
    "name,Crime type,Last outcome category,Context\r\n"
#define ID_A  "347b0899598023a0c54946b9fcd4cbe1a1ad379c994e43a660841c9c1a5b7200"
#define LEICS "Leicestershire Police,Leicestershire Police"

/* Two months; a quoted location with a comma, a row with no location, an
 * id that is not hex, coordinates with other than six decimals, a location
 * a spreadsheet would take for a formula. */
static const char street[] = STREET_HEADER
    ",2022-01," LEICS ",-1.210015,52.621410,On or near Hobill Close,E01025631,Blaby 002A,"
    "Anti-social behaviour,,\r\n" ID_A ",2022-01," LEICS
    ",-1.21,52.621410,\"On or near \"\"The Crescent\"\", East\",E01025631,Blaby 002A,"
    "Burglary,Under investigation,\r\n"
    "not-a-hex-id,2022-02," LEICS ",,,No Location,,,Drugs,Local resolution,\r\n"
    ",2022-02," LEICS ",-1.2100150,52.62141,\"=HYPERLINK(\"\"x\"\"), near\",,,"
    "Burglary,,\r\n";

struct world {
    char *dir;
    struct store *store;
    sqlite3 *peek;
};

static void on_file(const struct ingest_file_report *r, void *arg)
{
    (void)arg;
    assert_null(r->error);
}

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->dir = fixture_tmpdir();
    struct buf err = BUF_INIT;
    w->store = fixture_store_open(w->dir, &w->peek);
    char *csv = fixture_write(w->dir, "2022-01-leicestershire-street.csv", street, strlen(street));
    struct ingest_options opt = {.command = "test", .user = "test", .on_file = on_file};
    struct ingest_totals tot;
    char *paths[] = {csv};
    assert_int_equal(ingest_paths(w->store, paths, 1, &opt, &tot, &err), 0);
    assert_int_equal(tot.rows_stored, 4);
    free(csv);
    buf_free(&err);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fixture_store_close(w->store, w->peek, w->dir);
    free(w);
    return 0;
}

static long long scalar(struct world *w, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(w->peek, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void exec(struct world *w, const char *sql)
{
    assert_int_equal(sqlite3_exec(w->peek, sql, NULL, NULL, NULL), SQLITE_OK);
}

static long refresh(struct world *w)
{
    struct buf err = BUF_INIT;
    long n = -1;
    assert_int_equal(export_refresh(w->store, &n, &err), 0);
    buf_free(&err);
    return n;
}

static void stored_bytes_are_the_row_path_bytes(void **state)
{
    struct world *w = *state;
    assert_int_equal(refresh(w), 2);
    assert_int_equal(refresh(w), 0); /* nothing left to render */
    struct buf rows = BUF_INIT, stored = BUF_INIT;
    fixture_crime_rows_csv(w->store, &rows);
    assert_int_equal(fixture_stored_rows_csv(w->store, &stored), 1);
    assert_string_equal(buf_str(&stored), buf_str(&rows));
    assert_non_null(strstr(buf_str(&stored), ",-1.21,52.621410,\"On or near \"\"The Crescent\"\", "
                                             "East\",E01025631,Blaby 002A,Burglary,"));
    assert_non_null(strstr(buf_str(&stored), "\r\nnot-a-hex-id,2022-02,"));
    buf_free(&rows);
    buf_free(&stored);
}

/* Each change drops what it must, and no more; the row path is then taken
 * (no error), and the next refresh makes the bytes current. */
static void changes_drop_the_blobs_they_touch(void **state)
{
    struct world *w = *state;
    static const struct {
        const char *sql;
        long long left; /* of 2 blobs */
    } cases[] = {
        {"UPDATE crime_type SET name = 'Housebreaking' WHERE name = 'Burglary'", 0},
        {"UPDATE location SET text = 'Nowhere' WHERE text = 'No Location'", 0},
        {"UPDATE lsoa SET district = 'Blaby District' WHERE code = 'E01025631'", 0},
        {"UPDATE force SET name = 'Leics' WHERE name = 'Leicestershire Police'", 0},
        {"UPDATE outcome_category SET name = 'Resolved' WHERE name = 'Local resolution'", 0},
        /* a district only drops the month with crimes in its LSOA, and
         * only when the row it gives differs from the one the name gives */
        {"INSERT INTO area(grouping, lsoa_code, value) VALUES('district', 'E01025631', 'B')", 1},
        {"INSERT INTO area(grouping, lsoa_code, value) VALUES('csp', 'E01025631', 'B')", 2},
        {"UPDATE area SET value = 'Blaby' WHERE grouping = 'district'", 1},
        {"DELETE FROM area WHERE grouping = 'district'", 1}, /* the LSOA's is Blaby District */
        {"INSERT INTO area(grouping, lsoa_code, value)"
         " VALUES('district', 'E01025631', 'Blaby District')",
         2},
        {"DELETE FROM area WHERE grouping = 'district'", 2},
        {"INSERT INTO area(grouping, lsoa_code, value) VALUES('district', '', 'Nowhere')", 2},
        {"UPDATE area SET lsoa_code = 'E01025631' WHERE lsoa_code = ''", 1},
        {"DELETE FROM area WHERE grouping = 'district'", 1},
        {"INSERT INTO crime_type(name) VALUES('Something new')", 2},
        {"UPDATE crime SET crime_type_id = crime_type_id WHERE id & 4294967295 = 2", 1},
        {"DELETE FROM crime WHERE id & 4294967295 = 4", 1},
        {"UPDATE slice SET rows = rows WHERE month = 24264", 1},
        {"UPDATE outcome_category SET group_id = group_id", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        refresh(w);
        assert_int_equal(scalar(w, "SELECT count(*) FROM export_csv"), 2);
        exec(w, cases[i].sql);
        if (scalar(w, "SELECT count(*) FROM export_csv") != cases[i].left)
            fail_msg("%s: %lld blobs left, expected %lld", cases[i].sql,
                     scalar(w, "SELECT count(*) FROM export_csv"), cases[i].left);
        struct buf rows = BUF_INIT, stored = BUF_INIT;
        assert_int_equal(fixture_stored_rows_csv(w->store, &stored), cases[i].left == 2);
        buf_free(&stored);
        refresh(w);
        fixture_crime_rows_csv(w->store, &rows);
        assert_int_equal(fixture_stored_rows_csv(w->store, &stored), 1);
        assert_string_equal(buf_str(&stored), buf_str(&rows));
        buf_free(&rows);
        buf_free(&stored);
    }
}

/* 120 rows with a 40,000-byte location: 4.8 MB, over four pieces. */
static char *write_big_slice(struct world *w)
{
    struct buf text = BUF_INIT;
    buf_puts(&text, STREET_HEADER);
    for (int i = 0; i < 120; i++) {
        buf_printf(&text, ",2022-03," LEICS ",,,On or near %d ", i);
        for (int j = 0; j < 40000; j++)
            buf_putc(&text, (char)('a' + j % 26));
        buf_puts(&text, ",E01025631,Blaby 002A,Burglary,,\r\n");
    }
    char *csv = fixture_write(w->dir, "2022-03-leicestershire-street.csv", text.p, text.len);
    buf_free(&text);
    return csv;
}

static void import(struct world *w, char *path, const struct store_crime_csv *render)
{
    struct buf err = BUF_INIT;
    struct ingest_options opt = {
        .command = "test", .user = "test", .on_file = on_file, .crime_csv = render};
    struct ingest_totals tot;
    char *paths[] = {path};
    assert_int_equal(ingest_paths(w->store, paths, 1, &opt, &tot, &err), 0);
    buf_free(&err);
}

/* Every slice's stored bytes are the row path's, and no piece is more than
 * one piece and a row. */
static void stored_is_row_path(struct world *w)
{
    struct buf rows = BUF_INIT, stored = BUF_INIT;
    fixture_crime_rows_csv(w->store, &rows);
    assert_int_equal(fixture_stored_rows_csv(w->store, &stored), 1);
    assert_int_equal(stored.len, rows.len);
    assert_memory_equal(stored.p, rows.p, rows.len);
    assert_true(scalar(w, "SELECT max(length(csv)) FROM export_part") < EXPORT_PIECE + 50000);
    buf_free(&rows);
    buf_free(&stored);
}

/* A slice larger than a piece is stored a piece at a time, never held
 * whole, and its pieces go with its export_csv row. */
static void a_slice_over_one_piece_is_written_in_pieces(void **state)
{
    struct world *w = *state;
    char *csv = write_big_slice(w);
    import(w, csv, NULL);
    assert_int_equal(refresh(w), 3);
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_part"), 5);
    stored_is_row_path(w);
    exec(w, "DELETE FROM export_csv WHERE slice_id = (SELECT max(slice_id) FROM export_csv)");
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_part"), 0);
    free(csv);
}

/* With the renderer, the import stores each slice's CSV itself, in its own
 * transaction, with nothing left to read back; a file imported again
 * replaces its pieces. */
static void the_import_renders_as_it_stores(void **state)
{
    struct world *w = *state;
    char *csv = write_big_slice(w);
    exec(w, "DELETE FROM export_csv");
    import(w, csv, &crime_texts_csv);
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_csv"), 1);
    import(w, csv, &crime_texts_csv);
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_part"), 5);
    assert_int_equal(refresh(w), 2); /* the two months of setup's import */
    stored_is_row_path(w);
    char *small =
        fixture_write(w->dir, "2022-01-leicestershire-street.csv", street, strlen(street));
    import(w, small, &crime_texts_csv);
    assert_int_equal(refresh(w), 0);
    stored_is_row_path(w);
    free(small);
    free(csv);
}

/* Rows with no field quoted that rendering still changes: a text a
 * spreadsheet would take for a formula, a carriage return inside a field,
 * coordinates of other than six decimals. The import copies a row's head
 * from its bytes as read only when rendering writes the same bytes. */
static const char unquoted[] = STREET_HEADER ID_A
    ",2022-04," LEICS ",-1.210015,52.621410,=1+2,E01025631,Blaby 002A,Burglary,,\r\n"
    ",2022-04," LEICS ",-1.210015,52.621410,On or near\rHere,E01025631,Blaby 002A,Drugs,,\r\n"
    ",2022-04," LEICS ",-.5,+52.5,On or near Here,E01025631,Blaby 002A,Drugs,,\r\n"
    ",2022-04," LEICS ",,,No Location,,,@Drugs,-Done,\r\n"
    ",2022-04," LEICS ",-1.210015,52.621410,On or near Here,E01025631,Blaby 002A,+Drugs,,\r\n"
    ",2022-04," LEICS ",-1.210015,52.621410,On or near Here,E01025631,Blaby 002A,\tDrugs,,ctx\r\n"
    "not-a-hex-id,2022-04," LEICS ",,,No Location,,,Drugs,Local resolution,\r\n";

static void unquoted_rows_are_stored_as_the_row_path_writes_them(void **state)
{
    struct world *w = *state;
    char *csv =
        fixture_write(w->dir, "2022-04-leicestershire-street.csv", unquoted, strlen(unquoted));
    import(w, csv, &crime_texts_csv);
    assert_int_equal(refresh(w), 2); /* setup's two months only */
    stored_is_row_path(w);
    struct buf stored = BUF_INIT;
    assert_int_equal(fixture_stored_rows_csv(w->store, &stored), 1);
    assert_non_null(strstr(buf_str(&stored), ",\"'=1+2\","));
    assert_non_null(strstr(buf_str(&stored), ",\"On or near\rHere\","));
    assert_non_null(strstr(buf_str(&stored), ",\"'@Drugs\",\"'-Done\","));
    assert_non_null(strstr(buf_str(&stored), ",-0.5,\"'+52.5\",On or near Here,"));
    assert_non_null(strstr(buf_str(&stored), "\r\nnot-a-hex-id,2022-04," LEICS ",,,No Location,"));
    buf_free(&stored);
    free(csv);
}

/* A coordinate of more decimals than a double holds (16; 20) is written
 * as the digits that read back as its value, the same by either path: it
 * stopped the import on an assertion (found by fuzz_import). */
static void coordinates_of_many_decimals_are_written_as_their_value(void **state)
{
    struct world *w = *state;
    static const char many[] = STREET_HEADER
        ",2022-04," LEICS ",-1.1274542949672956,52.12345678901234567890,On or near Here,"
        "E01025631,Blaby 002A,Burglary,,\r\n";
    char *csv = fixture_write(w->dir, "2022-04-leicestershire-street.csv", many, strlen(many));
    import(w, csv, &crime_texts_csv);
    assert_int_equal(refresh(w), 2); /* setup's two months only */
    stored_is_row_path(w);
    struct buf stored = BUF_INIT;
    assert_int_equal(fixture_stored_rows_csv(w->store, &stored), 1);
    const char *at = strstr(buf_str(&stored), "\r\n,2022-04,");
    assert_non_null(at);
    at = strstr(at, LEICS ",") + strlen(LEICS ",");
    char *end;
    assert_true(strtod(at, &end) == strtod("-1.1274542949672956", NULL) && *end == ',');
    assert_true(strtod(end + 1, &end) == strtod("52.12345678901234567890", NULL) && *end == ',');
    buf_free(&stored);
    free(csv);
}

/* Rows whose empty texts sit anywhere in the row, as a packed row's parts
 * are cut (store/export_pack.h, download_row.c): an empty LSOA code,
 * name or both beside coordinates, an empty location, outcome or id, no
 * coordinates. A copy of a record points every empty text at its start, so
 * cutting by pointers gave a row a comma short, another junk, and a third
 * a negative length (found by a review of the change). Twice over, so that
 * the second time every text is one the piece holds. */
#define EMPTY_PARTS                                                                                \
    ID_A ",2022-05," LEICS                                                                         \
         ",-1.210015,52.621410,On or near Here,,,Burglary,Under investigation,\r\n" ID_A           \
         ",2022-05," LEICS ",-1.210015,52.621410,On or near Here,,Blaby 002A,Burglary,,\r\n" ID_A  \
         ",2022-05," LEICS ",-1.210015,52.621410,On or near Here,E01025631,,Drugs,,\r\n"           \
         ",2022-05," LEICS ",-1.210015,52.621410,,E01025631,Blaby 002A,Drugs,,\r\n" ID_A           \
         ",2022-05," LEICS ",,,On or near Here,E01025631,Blaby 002A,Anti-social behaviour,,\r\n"   \
         ",2022-05," LEICS ",,,,,,Burglary,Under investigation,ctx\r\n"
static const char empty_parts[] = STREET_HEADER EMPTY_PARTS EMPTY_PARTS;

static void rows_with_empty_texts_are_packed_as_read(void **state)
{
    struct world *w = *state;
    char *csv = fixture_write(w->dir, "2022-05-leicestershire-street.csv", empty_parts,
                              strlen(empty_parts));
    import(w, csv, &crime_texts_csv);
    assert_int_equal(refresh(w), 2); /* setup's two months only */
    const char *slice = " FROM export_csv WHERE slice_id = (SELECT max(id) FROM slice"
                        " WHERE kind = 'street')";
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT form%s", slice);
    assert_int_equal(scalar(w, sql), 1);
    snprintf(sql, sizeof sql, "SELECT rows%s", slice);
    assert_int_equal(scalar(w, sql), 12); /* every row stored, none quarantined */
    stored_is_row_path(w);
    /* packed, not kept whole: a whole row is its text and two bytes, and
     * the twelve rows' text is over 1,900 bytes */
    snprintf(sql, sizeof sql, "SELECT length(csv)%s", slice);
    assert_true(scalar(w, sql) < 1400);
    free(csv);
}

/* crime_texts_csv_as_read says yes only when the head rendered is the
 * bytes as read, and no to each thing rendering changes (coordinates
 * aside: the import takes a head as read only when they have six
 * decimals, which the test above holds). */
static void a_head_is_taken_as_read_only_when_rendering_writes_it(void **state)
{
    (void)state;
    struct {
        int col;
        const char *text;
        bool as_read, same; /* the head rendered is the bytes as read */
    } cases[] = {
        {-1, NULL, true, true},     {6, "", true, true},      {4, "", true, true},
        {6, "=1+2", false, false},  {9, "-x", false, false},  {9, "@x", false, false},
        {9, "+x", false, false},    {9, "\tx", false, false}, {6, "near\rhere", false, false},
        {0, "not-hex", true, true},
    };
    const char *row[CRIME_ROW_COLS - 1] = {
        ID_A,         "2022-04",   "Leicestershire Police", "Leicestershire Police",
        "-1.210015",  "52.621410", "On or near Here",       "E01025631",
        "Blaby 002A", "Burglary",  "Under investigation"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf source = BUF_INIT, head = BUF_INIT;
        size_t at[CRIME_ROW_COLS - 1], len[CRIME_ROW_COLS - 1];
        for (int c = 0; c < CRIME_ROW_COLS - 1; c++) {
            const char *v = c == cases[i].col ? cases[i].text : row[c];
            at[c] = source.len;
            len[c] = strlen(v);
            buf_printf(&source, "%s,", v);
        }
        struct text t[CRIME_ROW_COLS - 1]; /* each inside the source, as the import's are */
        for (int c = 0; c < CRIME_ROW_COLS - 1; c++)
            t[c] = (struct text){source.p + at[c], len[c]};
        crime_texts_csv_head(t, &head);
        assert_int_equal(crime_texts_csv_as_read(t, (struct text){source.p, source.len}),
                         cases[i].as_read);
        bool same = head.len == source.len && memcmp(head.p, source.p, head.len) == 0;
        assert_int_equal(same, cases[i].same);
        buf_free(&source);
        buf_free(&head);
    }
}

/* A coordinate as police.uk writes it goes into the CSV as its own digits
 * (crime_rows.c): those must be what printing its value writes. */
static void published_coordinates_are_their_exact_digits(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t micro = (int64_t)(x % 360000001u) - 180000000;
        char text[24];
        coord_format_micro(micro, text);
        int64_t back;
        if (!coord_parse_micro(text, strlen(text), &back))
            continue; /* -0.000000 */
        struct buf b = BUF_INIT;
        buf_put_exact(&b, (double)micro / 1e6, 6);
        assert_string_equal(buf_str(&b), text);
        buf_free(&b);
    }
}

/* A crime whose text cannot be joined is in no row: its slice keeps no
 * blob, so the answer never rests on the cache agreeing with the rows. */
static void a_slice_with_a_crime_not_rendered_keeps_no_blob(void **state)
{
    struct world *w = *state;
    exec(w, "INSERT INTO slice(force_id, month, kind, file_id)"
            " SELECT force_id, 24266, 'street', file_id FROM slice LIMIT 1");
    exec(w, "INSERT INTO crime(id, falls_within_id, location_id, lsoa_id, crime_type_id,"
            " outcome_id) SELECT (SELECT max(id) FROM slice) * 4294967296 + 2, falls_within_id,"
            " location_id, 999999, crime_type_id, outcome_id FROM crime LIMIT 1");
    assert_int_equal(refresh(w), 2);
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_csv"), 2);
    struct buf stored = BUF_INIT;
    assert_int_equal(fixture_stored_rows_csv(w->store, &stored), 0);
    buf_free(&stored);
}

/* Rows of three months interleaved, packed on the import's reading thread
 * (store/export_ahead.h), each LSOA's district got the four ways a row
 * shows one: the store's LSOA (setup's), a code the area lookup names, a
 * new LSOA's ONS name, neither (unknown), and no code (no location). The
 * first month's rows are long, so that its slice is cut into a piece
 * while the others' are open. lsoas says how many new LSOAs there are:
 * beyond the few districts the test's copy of export_ahead.c keeps, the
 * reading thread leaves the rows from there on to the store. */
static char *write_interleaved(struct world *w, int lsoas)
{
    static const char *const area[] = {
        "E01025631,Blaby 002A",
        "E01999999,Nowhere 001A",
        "E01999998,Elsewhere 003B",
        "E01999997,odd name",
        ",",
    };
    struct buf text = BUF_INIT;
    buf_puts(&text, STREET_HEADER);
    for (int i = 0; i < 90; i++) {
        buf_printf(&text, ID_A ",2022-%02d," LEICS ",-1.210015,52.621410,On or near %d ", 6 + i % 3,
                   i);
        for (int j = 0; i % 3 == 0 && j < 40000; j++)
            buf_putc(&text, (char)('a' + j % 26));
        if (lsoas)
            buf_printf(&text, "Here,E0200%04d,Town%d 001A,Drugs,,\r\n", i % lsoas, i % lsoas);
        else
            buf_printf(&text, "Here,%s,Burglary,,\r\n", area[i % 5]);
    }
    char *csv = fixture_write(w->dir, "2022-06-leicestershire-street.csv", text.p, text.len);
    buf_free(&text);
    return csv;
}

static void rows_packed_ahead_keep_their_order_and_districts(void **state)
{
    struct world *w = *state;
    exec(w, "INSERT INTO area(grouping, lsoa_code, value)"
            " VALUES('district', 'E01999999', 'From the lookup')");
    char *csv = write_interleaved(w, 0);
    import(w, csv, &crime_texts_csv);
    assert_int_equal(refresh(w), 2); /* setup's two months only */
    stored_is_row_path(w);
    /* the first month's two pieces, cut where the import cuts them; any
     * other slice in a piece would be a hand-over to the store */
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_part"), 2);
    struct buf stored = BUF_INIT;
    assert_int_equal(fixture_stored_rows_csv(w->store, &stored), 1);
    const char *shown[] = {",E01025631,Blaby 002A,Burglary,,Blaby\r\n",
                           ",E01999999,Nowhere 001A,Burglary,,From the lookup\r\n",
                           ",E01999998,Elsewhere 003B,Burglary,,Elsewhere\r\n",
                           ",E01999997,odd name,Burglary,,(unknown)\r\n",
                           "Here,,,Burglary,,(no location)\r\n"};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
        assert_non_null(strstr(buf_str(&stored), shown[i]));
    buf_free(&stored);
    free(csv);
}

/* At the row whose district the reading thread cannot keep, it hands over
 * the three slices' pieces begun, and the store packs that row and the
 * rest (22 of the 40 LSOAs in): each slice then has two pieces, the one
 * packed ahead and its rest, where it would otherwise have none. */
static void rows_the_reading_thread_cannot_pack_are_packed_by_the_store(void **state)
{
    struct world *w = *state;
    char *csv = write_interleaved(w, 40);
    import(w, csv, &crime_texts_csv);
    assert_int_equal(refresh(w), 2);
    stored_is_row_path(w);
    assert_int_equal(scalar(w, "SELECT count(*) FROM export_part"), 6);
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(stored_bytes_are_the_row_path_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(changes_drop_the_blobs_they_touch, setup, teardown),
        cmocka_unit_test_setup_teardown(a_slice_over_one_piece_is_written_in_pieces, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_import_renders_as_it_stores, setup, teardown),
        cmocka_unit_test_setup_teardown(unquoted_rows_are_stored_as_the_row_path_writes_them, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(coordinates_of_many_decimals_are_written_as_their_value,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(rows_with_empty_texts_are_packed_as_read, setup, teardown),
        cmocka_unit_test(a_head_is_taken_as_read_only_when_rendering_writes_it),
        cmocka_unit_test(published_coordinates_are_their_exact_digits),
        cmocka_unit_test_setup_teardown(rows_packed_ahead_keep_their_order_and_districts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(rows_the_reading_thread_cannot_pack_are_packed_by_the_store,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_slice_with_a_crime_not_rendered_keeps_no_blob, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
