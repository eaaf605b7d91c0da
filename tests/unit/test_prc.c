/*
 * test_prc.c - the Home Office recorded-crime table: header and row checks
 * (ingest/prc.c), force names (model/forces.c), the SHA-256 recorded with
 * each load (util/sha256.c), and loading and asking through the store
 * (ingest/prc_import.c, store/prc.c).
 *
 * Inputs are built here. One test also reads the real 2017/18 file when
 * ../shared/data/real is present, and is skipped when it is not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"
#include "ingest/prc.h"
#include "ingest/prc_import.h"
#include "model/forces.h"
#include "store/prc.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/sha256.h"

#define HEADER                                                                                     \
    "Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence "       \
    "Subgroup,Offence Code,Number of Offences"

/* ---- reading records from memory ----------------------------------------- */

struct mem {
    const char *p;
    size_t len, pos;
};

static ssize_t mem_read(void *source, char *buf, size_t n)
{
    struct mem *m = source;
    size_t left = m->len - m->pos;
    if (n > left)
        n = left;
    memcpy(buf, m->p + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

/* Parses a header line and one row; returns whether the row was accepted,
 * with the row or the problem. The header must be recognised. */
static bool parse(const char *header, const char *line, struct prc_row *row,
                  struct prc_problem *why, char *copy, size_t ncopy)
{
    struct buf text = BUF_INIT;
    buf_printf(&text, "%s\n%s\n", header, line);
    struct mem m = {text.p, text.len, 0};
    struct csv_reader *r = csv_open(mem_read, &m);
    struct csv_record rec;
    struct prc_header h;
    assert_int_equal(csv_next(r, &rec), 1);
    assert_true(prc_parse_header(&rec, &h, why));
    assert_int_equal(csv_next(r, &rec), 1);
    bool ok = prc_parse_row(&h, &rec, row, why);
    /* the row's text points into the reader: keep a copy of the force */
    if (ok)
        snprintf(copy, ncopy, "%.*s", (int)row->force.len, row->force.p);
    csv_close(r);
    buf_free(&text);
    return ok;
}

static bool accepts(const char *line, struct prc_row *row, char *force)
{
    struct prc_problem why = {0};
    return parse(HEADER, line, row, &why, force, 64);
}

/* The row is refused on the named column (NULL: the whole row) with a
 * reason containing `reason`. */
static void refuses(const char *line, const char *column, const char *reason)
{
    struct prc_row row;
    struct prc_problem why = {0};
    char force[64];
    assert_false(parse(HEADER, line, &row, &why, force, sizeof force));
    if (column)
        assert_string_equal(why.column, column);
    else
        assert_null(why.column);
    if (!strstr(why.reason, reason))
        fail_msg("reason '%s' does not contain '%s'", why.reason, reason);
}

/* ---- rows ------------------------------------------------------------------- */

static void stray_spaces_are_trimmed(void **state)
{
    (void)state;
    struct prc_row row;
    char force[64];
    assert_true(accepts("2017/18,1,Action Fraud ,Fraud offences recorded by Action Fraud,"
                        "Fraud offences,Fraud: action fraud,AF, 66776 ",
                        &row, force));
    assert_int_equal(row.fy, 2017);
    assert_int_equal(row.quarter, 1);
    assert_string_equal(force, "Action Fraud");
    assert_int_equal(row.count, 66776);
    assert_int_equal(row.code.len, 2);
    assert_int_equal(row.group.len, strlen("Fraud offences"));
}

static void quoted_thousands_are_read(void **state)
{
    (void)state;
    struct prc_row row;
    char force[64];
    assert_true(accepts("2017/18,2,\"London, City of\",\"Public fear, alarm or distress\","
                        "Public order offences,Public order offences,9A,\" 1,234 \"",
                        &row, force));
    assert_string_equal(force, "London, City of");
    assert_int_equal(row.count, 1234);
    assert_true(accepts("2017-18,3,Kent,x,Theft offences,y,49,\"12,345,678\"", &row, force));
    assert_int_equal(row.count, 12345678);
    refuses("2017/18,1,Kent,x,Theft offences,y,49,\"1,23\"", "Number of Offences",
            "not a whole number");
    refuses("2017/18,1,Kent,x,Theft offences,y,49,\",123\"", "Number of Offences",
            "not a whole number");
    refuses("2017/18,1,Kent,x,Theft offences,y,49,\"1234,567\"", "Number of Offences",
            "not a whole number");
    /* unquoted, the separator splits the field: the row is a column too long */
    refuses("2017/18,1,Kent,x,Theft offences,y,49,1,234", NULL, "9 fields where the header has 8");
}

static void bad_quarter_is_refused(void **state)
{
    (void)state;
    refuses("2017/18,5,Kent,x,Theft offences,y,49,3", "Financial Quarter",
            "not a quarter 1 to 4: '5'");
    refuses("2017/18,0,Kent,x,Theft offences,y,49,3", "Financial Quarter", "not a quarter");
    refuses("2017/18,,Kent,x,Theft offences,y,49,3", "Financial Quarter", "not a quarter");
    refuses("2017/18,12,Kent,x,Theft offences,y,49,3", "Financial Quarter", "not a quarter");
    struct prc_row row;
    char force[64];
    assert_true(accepts("2017/18, Q4 ,Kent,x,Theft offences,y,49,3", &row, force));
    assert_int_equal(row.quarter, 4);
}

static void negative_counts_are_read_as_published(void **state)
{
    (void)state;
    struct prc_row row;
    char force[64];
    /* the Home Office publishes net negative quarters (Lancashire 88C,
     * 2017/18 Q3: -45): the count is kept, the importer reports it */
    assert_true(accepts("2017/18,3,Lancashire,Other miscellaneous sexual offences,Sexual "
                        "offences,Other sexual offences,88C,-45 ",
                        &row, force));
    assert_int_equal(row.count, -45);
    /* "-00" is how the spreadsheet export writes zero */
    assert_true(accepts("2017/18,1,Wiltshire,Wildlife,Miscellaneous crimes,Miscellaneous "
                        "crimes,96,-00 ",
                        &row, force));
    assert_int_equal(row.count, 0);
    refuses("2017/18,1,Kent,x,Theft offences,y,49,-", "Number of Offences", "not a whole number");
    refuses("2017/18,1,Kent,x,Theft offences,y,49,--1", "Number of Offences", "not a whole");
    refuses("2017/18,1,Kent,x,Theft offences,y,49,+1", "Number of Offences", "not a whole");
    refuses("2017/18,1,Kent,x,Theft offences,y,49,1.5", "Number of Offences", "not a whole");
    refuses("2017/18,1,Kent,x,Theft offences,y,49,  ", "Number of Offences", "not a whole");
    refuses("2017/18,1,Kent,x,Theft offences,y,49,1234567890123456", "Number of Offences",
            "not a whole");
}

static void other_fields_are_checked(void **state)
{
    (void)state;
    refuses("2017/19,1,Kent,x,Theft offences,y,49,3", "Financial Year", "not a financial year");
    refuses("17/18,1,Kent,x,Theft offences,y,49,3", "Financial Year", "not a financial year");
    refuses("2017/18,1, ,x,Theft offences,y,49,3", "Force Name", "empty");
    refuses("2017/18,1,Kent,x,,y,49,3", "Offence Group", "empty");
    refuses("2017/18,1,Kent,x,Theft offences,y, ,3", "Offence Code", "empty");
    refuses("2017/18,1,Kent,x,Theft offences,y,49", NULL, "7 fields where the header has 8");
    refuses("2017/18,1,Kent,\"x\"y,Theft offences,y,49,3", NULL, "malformed CSV");
    /* description and subgroup may be empty: nothing is totalled by them */
    struct prc_row row;
    char force[64];
    assert_true(accepts("2017-2018,1,Kent,,Theft offences,,49,3", &row, force));
    assert_int_equal(row.fy, 2017);
}

/* ---- headers ---------------------------------------------------------------- */

static void header_is_matched_by_name(void **state)
{
    (void)state;
    struct prc_row row;
    struct prc_problem why = {0};
    char force[64];
    /* reordered, snake_cased, spaced, an extra column */
    assert_true(parse(" number_of_offences ,OFFENCE CODE,offence_group,Offence Subgroup,"
                      "Offence Description,Force Name,Financial Quarter,financial year,Notes",
                      " 7 ,8N,Violence against the person,Violence with injury,Assault with "
                      "injury,Leicestershire,2,2017/18,whatever",
                      &row, &why, force, sizeof force));
    assert_string_equal(force, "Leicestershire");
    assert_int_equal(row.count, 7);
    assert_int_equal(row.quarter, 2);
    assert_int_equal(row.code.len, 2);
}

static bool header_ok(const char *text, struct prc_problem *why)
{
    struct mem m = {text, strlen(text), 0};
    struct csv_reader *r = csv_open(mem_read, &m);
    struct csv_record rec;
    struct prc_header h;
    assert_int_equal(csv_next(r, &rec), 1);
    bool ok = prc_parse_header(&rec, &h, why);
    csv_close(r);
    return ok;
}

static void missing_column_is_named(void **state)
{
    (void)state;
    struct prc_problem why = {0};
    assert_false(header_ok("Financial Year,Financial Quarter,Force Name,Offence Description,"
                           "Offence Subgroup,Offence Code,Number of Offences\n",
                           &why));
    assert_string_equal(why.reason, "not a Home Office recorded-crime table: no column Offence "
                                    "Group");
    assert_false(header_ok("Crime ID,Month,Reported by\n", &why));
    assert_non_null(strstr(why.reason, "Financial Year, Financial Quarter, Force Name"));
    assert_false(header_ok(HEADER ",Offence code\n", &why));
    assert_string_equal(why.column, "Offence Code");
    assert_non_null(strstr(why.reason, "appears twice"));
}

static void bom_and_crlf_are_read(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF" HEADER "\r\n"
                        "2017/18,4,Leicestershire,Homicide,Violence against the person,"
                        "Homicide,1/4.1/4.10/4.2, 5 \r\n";
    struct mem m = {text, sizeof text - 1, 0};
    struct csv_reader *r = csv_open(mem_read, &m);
    struct csv_record rec;
    struct prc_header h;
    struct prc_problem why = {0};
    struct prc_row row;
    assert_int_equal(csv_next(r, &rec), 1);
    assert_true(prc_parse_header(&rec, &h, &why));
    assert_int_equal(h.col[PRC_FY], 0);
    assert_int_equal(csv_next(r, &rec), 1);
    assert_true(prc_parse_row(&h, &rec, &row, &why));
    assert_int_equal(row.count, 5); /* no '\r' left on the last field */
    assert_int_equal(row.code.len, strlen("1/4.1/4.10/4.2"));
    csv_close(r);
}

/* ---- forces ------------------------------------------------------------------ */

static const char *slug_of(const char *home_office_name)
{
    const struct police_force *f =
        force_by_home_office_name(home_office_name, strlen(home_office_name));
    return f ? f->slug : NULL;
}

static void home_office_names_map_to_slugs(void **state)
{
    (void)state;
    assert_string_equal(slug_of("Leicestershire"), "leicestershire");
    assert_string_equal(slug_of("London, City of"), "city-of-london");
    assert_string_equal(slug_of("City of London"), "city-of-london");
    assert_string_equal(slug_of("Metropolitan Police"), "metropolitan");
    assert_string_equal(slug_of("Devon and Cornwall"), "devon-and-cornwall");
    assert_string_equal(slug_of("Devon & Cornwall"), "devon-and-cornwall");
    assert_string_equal(slug_of("Avon and Somerset"), "avon-and-somerset");
    assert_string_equal(slug_of("Dyfed-Powys"), "dyfed-powys");
    assert_string_equal(slug_of("greater manchester"), "greater-manchester");
    assert_string_equal(slug_of("British Transport Police"), "btp");
    assert_null(slug_of("Action Fraud"));
    assert_null(slug_of("CIFAS"));
    assert_null(slug_of("UK Finance"));
    assert_null(slug_of("Financial Fraud Action UK"));
    assert_null(slug_of("ENGLAND AND WALES"));
    assert_null(slug_of("West Midlands (region)"));
    assert_false(force_is_territorial(force_lookup("btp")));
    assert_false(force_is_territorial(NULL));
    assert_true(force_is_territorial(force_lookup("Kent")));
    assert_string_equal(force_lookup("Leicestershire Police")->slug, "leicestershire");
    assert_string_equal(force_lookup("LEICESTERSHIRE")->slug, "leicestershire");
    assert_null(force_lookup("Atlantis"));
}

static void leicestershire_has_its_most_similar_group(void **state)
{
    (void)state;
    const struct similar_forces *g = force_similar("leicestershire");
    assert_non_null(g);
    const char *want[] = {"nottinghamshire", "essex", "hertfordshire", "hampshire",
                          "bedfordshire",    "kent",  "sussex"};
    assert_int_equal(g->count, 7);
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(g->similar[i], want[i]);
        assert_non_null(force_by_slug(want[i], strlen(want[i])));
    }
    assert_null(force_similar("kent"));
}

/* ---- SHA-256 ------------------------------------------------------------------ */

static void sha256_matches_the_standard_vectors(void **state)
{
    (void)state;
    struct sha256 c;
    char hex[SHA256_HEX_SIZE];
    sha256_init(&c);
    sha256_hex(&c, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_init(&c);
    sha256_update(&c, "abc", 3);
    sha256_hex(&c, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* 56 bytes: the padding needs a second block */
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_init(&c);
    for (const char *p = two; *p; p++) /* a byte at a time, as a slow reader would */
        sha256_update(&c, p, 1);
    sha256_hex(&c, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char million[1000];
    memset(million, 'a', sizeof million);
    sha256_init(&c);
    for (int i = 0; i < 1000; i++)
        sha256_update(&c, million, sizeof million);
    sha256_hex(&c, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    sha256_of(two, strlen(two), hex); /* at once: the same digest */
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    sha256_of("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* A digest abandoned half-way is released (the ASan build would report
     * a leak), and discarding a finished one does nothing. */
    sha256_init(&c);
    sha256_update(&c, "abc", 3);
    sha256_discard(&c);
    assert_null(c.ctx);
    sha256_discard(&c);
}

/* ---- loading and asking through the store -------------------------------------- */

struct world {
    char *dir;
    struct store *store;
    sqlite3 *peek; /* a second connection, as any reader would see the store */
};

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->dir = fixture_tmpdir();
    w->store = fixture_store_open(w->dir, &w->peek);
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

static int64_t peek_int(struct world *w, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(w->peek, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Two years of Leicestershire, one quarter of others, and one bad row. */
static char *two_years(const char *dir, const char *name, int theft_2017q1)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, HEADER "\n");
    for (int fy = 2016; fy <= 2017; fy++)
        for (int q = 1; q <= 4; q++) {
            int theft = fy == 2017 && q == 1 ? theft_2017q1 : 100;
            buf_printf(&b, "%d/%02d,%d,Leicestershire,Burglary,Theft offences,Burglary,28E, %d \n",
                       fy, (fy + 1) % 100, q, theft);
            /* two rows under one code, as the homicide codes are published */
            buf_printf(&b,
                       "%d/%02d,%d,Leicestershire,Homicide,Violence against the person,"
                       "Homicide,1/4.1/4.10/4.2,\" 1,000 \"\n",
                       fy, (fy + 1) % 100, q);
            buf_printf(&b,
                       "%d/%02d,%d,Leicestershire,Homicide,Violence against the person,"
                       "Homicide,1/4.1/4.10/4.2,-00\n",
                       fy, (fy + 1) % 100, q);
        }
    buf_puts(&b, "2017/18,1,Nottinghamshire,Burglary,Theft offences,Burglary,28E,30\n"
                 "2017/18,1,\"London, City of\",Burglary,Theft offences,Burglary,28E,5\n"
                 "2017/18,1,British Transport Police,Burglary,Theft offences,Burglary,28E,7\n"
                 "2017/18,1,Action Fraud,Fraud,Fraud offences,Fraud: action fraud,AF,900\n"
                 "2017/18,7,Kent,Burglary,Theft offences,Burglary,28E,1\n"
                 "2017/18,2,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26,-1\n");
    char *path = fixture_write(dir, name, b.p, b.len);
    buf_free(&b);
    return path;
}

struct notes {
    int quarantined, negative;
    char first[256];
};

static void on_row(const struct prc_row_note *n, void *arg)
{
    struct notes *x = arg;
    if (n->stored) {
        x->negative++;
        return;
    }
    if (x->quarantined++ == 0)
        snprintf(x->first, sizeof x->first, "%ld: %s: %s", n->line, n->column, n->reason);
}

static int load(struct world *w, char **paths, size_t n, struct prc_import_totals *tot,
                struct notes *notes)
{
    struct prc_import_options opt = {"test", "tester", NULL, on_row, notes};
    struct buf err = BUF_INIT;
    int rc = prc_import_paths(w->store, paths, n, &opt, tot, &err);
    buf_free(&err);
    return rc;
}

struct totals {
    int64_t theft, violence, fraud, other;
    size_t n;
};

static void add_total(void *arg, const char *group, int64_t count)
{
    struct totals *t = arg;
    t->n++;
    if (strcmp(group, "Theft offences") == 0)
        t->theft += count;
    else if (strcmp(group, "Violence against the person") == 0)
        t->violence += count;
    else if (strcmp(group, "Fraud offences") == 0)
        t->fraud += count;
    else
        t->other += count;
}

static struct totals by_group(struct world *w, const char *force, int from, int to)
{
    struct totals t = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(store_prc_by_group(w->store, force, from, to, add_total, &t, &err), 0);
    buf_free(&err);
    return t;
}

static void loads_counts_and_quarantine(void **state)
{
    struct world *w = *state;
    char *path = two_years(w->dir, "prc.csv", 100);
    struct prc_import_totals tot;
    struct notes notes = {0};
    assert_int_equal(load(w, &path, 1, &tot, &notes), 0);
    assert_int_equal(tot.rows_stored, 29);
    assert_int_equal(tot.rows_quarantined, 1);
    assert_int_equal(tot.rows_negative, 1);
    assert_int_equal(tot.forces, 6);
    assert_string_equal(notes.first, "30: Financial Quarter: not a quarter 1 to 4: '7'");
    /* the bad row is kept verbatim, with its file and line */
    assert_int_equal(peek_int(w,
                              "SELECT count(*) FROM quarantine q JOIN source_file f"
                              " ON f.id = q.file_id WHERE f.name = 'prc.csv' AND f.kind = 'prc'"
                              " AND q.line = 30 AND q.field = 'Financial Quarter'"
                              " AND CAST(q.raw AS TEXT) = '2017/18,7,Kent,Burglary,Theft offences,"
                              "Burglary,28E,1'"),
                     1);
    /* every stored row keeps its load and line; the load its file's hash */
    assert_int_equal(peek_int(w, "SELECT count(*) FROM prc_count c JOIN prc_load l"
                                 " ON l.id = c.load_id WHERE c.line BETWEEN 2 AND 31"
                                 " AND l.sha256 IS NOT NULL AND length(l.sha256) = 64"
                                 " AND l.loaded_by = 'tester' AND l.rows_read = 30"),
                     29);
    free(path);
}

static void asks_by_group_force_and_quarter(void **state)
{
    struct world *w = *state;
    char *path = two_years(w->dir, "prc.csv", 100);
    struct prc_import_totals tot;
    struct notes notes = {0};
    assert_int_equal(load(w, &path, 1, &tot, &notes), 0);
    struct totals t = by_group(w, "leicestershire", PRC_PERIOD(2017, 1), PRC_PERIOD(2017, 4));
    assert_int_equal(t.theft, 400);
    assert_int_equal(t.violence, 4000); /* both homicide rows of each quarter */
    assert_int_equal(t.n, 2);
    t = by_group(w, "Action Fraud", PRC_PERIOD(2017, 1), PRC_PERIOD(2017, 1));
    assert_int_equal(t.fraud, 900);
    t = by_group(w, "leicestershire", PRC_PERIOD(2018, 1), PRC_PERIOD(2018, 4));
    assert_int_equal(t.n, 0);
    free(path);
}

struct force_list {
    char text[512];
};

static void list_force(void *arg, const struct prc_force_total *t)
{
    struct force_list *l = arg;
    size_t n = strlen(l->text);
    snprintf(l->text + n, sizeof l->text - n, "%s%s=%lld/%s", n ? " " : "", t->key,
             (long long)t->count, t->slug ? t->slug : "-");
}

static void period_list(void *arg, int period, int64_t rows, int64_t count)
{
    struct force_list *l = arg;
    size_t n = strlen(l->text);
    snprintf(l->text + n, sizeof l->text - n, "%s%d:%lld:%lld", n ? " " : "", period,
             (long long)rows, (long long)count);
}

static void compares_forces(void **state)
{
    struct world *w = *state;
    char *path = two_years(w->dir, "prc.csv", 100);
    struct prc_import_totals tot;
    struct notes notes = {0};
    assert_int_equal(load(w, &path, 1, &tot, &notes), 0);
    struct buf err = BUF_INIT;
    struct force_list l = {""};
    int q1 = PRC_PERIOD(2017, 1);
    assert_int_equal(
        store_prc_by_force(w->store, "Theft offences", q1, q1, false, list_force, &l, &err), 0);
    assert_string_equal(l.text, "leicestershire=100/leicestershire "
                                "nottinghamshire=30/nottinghamshire "
                                "city-of-london=5/city-of-london");
    l.text[0] = '\0';
    assert_int_equal(store_prc_by_force(w->store, NULL, q1, q1, true, list_force, &l, &err), 0);
    assert_string_equal(l.text, "leicestershire=1100/leicestershire Action Fraud=900/- "
                                "nottinghamshire=30/nottinghamshire btp=7/btp "
                                "city-of-london=5/city-of-london");
    l.text[0] = '\0';
    assert_int_equal(store_prc_periods(w->store, "kent", period_list, &l, &err), 0);
    assert_string_equal(l.text, "8069:1:-1"); /* 2017 * 4 + 1 */
    buf_free(&err);
    free(path);
}

static void reimport_replaces_force_quarters(void **state)
{
    struct world *w = *state;
    char *first = two_years(w->dir, "prc-2017.csv", 100);
    struct prc_import_totals tot;
    struct notes notes = {0};
    assert_int_equal(load(w, &first, 1, &tot, &notes), 0);
    /* the same file again: the same rows, each (force, quarter) replaced */
    assert_int_equal(load(w, &first, 1, &tot, &notes), 0);
    assert_int_equal(tot.rows_replaced, 29);
    assert_int_equal(peek_int(w, "SELECT count(*) FROM prc_count"), 29);
    assert_int_equal(peek_int(w, "SELECT count(*) FROM quarantine"), 1);
    /* a later release revising one quarter of one force */
    const char revised[] = HEADER "\n2017/18,1,Leicestershire,Burglary,Theft offences,"
                                  "Burglary,28E,120\n";
    char *second = fixture_write(w->dir, "prc-2017-revised.csv", revised, sizeof revised - 1);
    assert_int_equal(load(w, &second, 1, &tot, &notes), 0);
    assert_int_equal(tot.rows_replaced, 3); /* the quarter as a whole: theft and homicide */
    struct totals t = by_group(w, "leicestershire", PRC_PERIOD(2017, 1), PRC_PERIOD(2017, 1));
    assert_int_equal(t.theft, 120);
    assert_int_equal(t.violence, 0);
    t = by_group(w, "leicestershire", PRC_PERIOD(2017, 2), PRC_PERIOD(2017, 4));
    assert_int_equal(t.theft, 300);
    assert_int_equal(peek_int(w, "SELECT count(*) FROM prc_load"), 3);
    free(first);
    free(second);
}

static void a_bad_file_changes_nothing(void **state)
{
    struct world *w = *state;
    char *paths[2] = {two_years(w->dir, "prc.csv", 100),
                      fixture_write(w->dir, "street.csv", "Crime ID,Month\n1,2\n", 19)};
    struct prc_import_totals tot;
    struct notes notes = {0};
    assert_int_equal(load(w, paths, 2, &tot, &notes), 2);
    assert_int_equal(peek_int(w, "SELECT count(*) FROM prc_count"), 0);
    assert_int_equal(peek_int(w, "SELECT count(*) FROM prc_load"), 0);
    assert_int_equal(peek_int(w, "SELECT count(*) FROM quarantine"), 0);
    free(paths[0]);
    free(paths[1]);
}

/* The real 2017/18 table, when present: PROVENANCE.md's Leicestershire
 * figures. */
static void real_file_gives_leicestershire_2017_18(void **state)
{
    struct world *w = *state;
    char *path = NULL;
    if (asprintf(&path, "%s/../shared/data/real/prc/prc-pfa-mar2013-onwards-tables201718.csv",
                 PEEL_SOURCE_DIR) < 0 ||
        access(path, R_OK) != 0) {
        free(path);
        printf("real PRC file not found under ../shared/data/real: skipped\n");
        skip();
    }
    struct prc_import_totals tot;
    struct notes notes = {0};
    assert_int_equal(load(w, &path, 1, &tot, &notes), 0);
    assert_int_equal(tot.rows_stored, 23068);
    assert_int_equal(tot.rows_quarantined, 0);
    assert_int_equal(tot.forces, 48);
    struct totals t = by_group(w, "leicestershire", PRC_PERIOD(2017, 1), PRC_PERIOD(2017, 4));
    assert_int_equal(t.theft + t.violence + t.fraud + t.other, 83793);
    const int64_t quarters[] = {20213, 21161, 21417, 21002};
    for (int q = 1; q <= 4; q++) {
        t = by_group(w, "leicestershire", PRC_PERIOD(2017, q), PRC_PERIOD(2017, q));
        assert_int_equal(t.theft + t.violence + t.fraud + t.other, quarters[q - 1]);
    }
    assert_int_equal(peek_int(w, "SELECT count(*) FROM prc_count WHERE force_slug IS NULL"),
                     4 + 4 + 3 + 1); /* Action Fraud, CIFAS, UK Finance, FFA UK */
    assert_int_equal(peek_int(w, "SELECT count(DISTINCT force_slug) FROM prc_count"), 44);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stray_spaces_are_trimmed),
        cmocka_unit_test(quoted_thousands_are_read),
        cmocka_unit_test(bad_quarter_is_refused),
        cmocka_unit_test(negative_counts_are_read_as_published),
        cmocka_unit_test(other_fields_are_checked),
        cmocka_unit_test(header_is_matched_by_name),
        cmocka_unit_test(missing_column_is_named),
        cmocka_unit_test(bom_and_crlf_are_read),
        cmocka_unit_test(home_office_names_map_to_slugs),
        cmocka_unit_test(leicestershire_has_its_most_similar_group),
        cmocka_unit_test(sha256_matches_the_standard_vectors),
        cmocka_unit_test_setup_teardown(loads_counts_and_quarantine, setup, teardown),
        cmocka_unit_test_setup_teardown(asks_by_group_force_and_quarter, setup, teardown),
        cmocka_unit_test_setup_teardown(compares_forces, setup, teardown),
        cmocka_unit_test_setup_teardown(reimport_replaces_force_quarters, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_file_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(real_file_gives_leicestershire_2017_18, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
