/*
 * test_contracts_ocds.c - the contracts register's funding source and plan
 * missions served, and its import of Open Contracting Data Standard
 * packages:
 *  - the funding source and the missions (plan keys, written once, in a
 *    stored form) read from the Code's CSV, a key that is not one named by
 *    file, line and field; a change is a new version with a reason; the
 *    staff form's store_contract_revise publishes the next version with
 *    them, and none when nothing changed; both in the CSV and the OCDS
 *    package (planning.budget.description, planning.x_planMissions);
 *  - Peel's own OCDS package imported into an empty store gives the same
 *    register (every field OCDS carries), and into its own store changes
 *    nothing (the fields OCDS does not carry are kept);
 *  - a record package (compiledRelease) imports as a release package does;
 *  - a process of several contracts (a framework, lots) is one contract of
 *    the register each, its reference the ocid's id and the contract's;
 *    a later release amending one is merged into it by id; the same
 *    contract id twice in one release is refused;
 *  - every kind of bad package named by file and JSON path, nothing
 *    stored: not JSON, neither package, a release with no ocid, a method
 *    not OCDS's, a value in euros or of a fraction of a penny, a date that
 *    is not one, an end before the start, a supplier id not an org-id, a
 *    key of the plan not one, no buyer to say whose.
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

#include "assess/contract_tables.h"
#include "fixtures.h"
#include "ingest/contract_file.h"
#include "model/calendar.h"
#include "store/store.h"

static const struct audit_origin by = {"cfo", "test"};

struct fixture {
    char *dir;
    struct store *s;
    sqlite3 *peek;
    int today;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    f->s = fixture_store_open(f->dir, &f->peek);
    assert_true(date_from_ymd(2025, 6, 1, &f->today));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    fixture_store_close(f->s, f->peek, f->dir);
    free(f);
    return 0;
}

/* Imports text as name into s; problems into err, the versions published
 * into *published. */
static int import_into(struct store *s, const char *dir, int today, const char *name,
                       const char *text, const char *reason, size_t *published, struct buf *err)
{
    char *path = fixture_write(dir, name, text, strlen(text));
    struct contract_file_options o = {.body = -1, .reason = reason, .today = today};
    struct contract_file_report r;
    buf_reset(err);
    int rc = contract_file_import(s, path, &o, &by, &r, err);
    if (published) {
        *published = 0;
        for (size_t i = 0; i < r.n; i++)
            *published += r.versions[i] != 0;
    }
    contract_file_report_free(&r);
    free(path);
    return rc;
}

static int import(struct fixture *f, const char *name, const char *text, const char *reason,
                  size_t *published, struct buf *err)
{
    return import_into(f->s, f->dir, f->today, name, text, reason, published, err);
}

static const char good[] =
    "Reference Number,Title of Agreement,Department/Service Area,Supplier Name,"
    "Supplier Registration Number,SME,Contract Value,Irrecoverable VAT,Start Date,"
    "End Date,Review Date,Procurement Process,Spent By,Type,Description,Copy URL,"
    "Funding Source,Plan Missions\n"
    "OPCC-001,Victim support,Commissioning,Example Care CIC,GB-COH-01234567,yes,"
    "1250000.10,0,01/04/2025,31/03/2028,2027-01-01,Invitation to tender,OPCC,contract,"
    "Support for victims,https://pcc.example.org/c1.pdf,Ministry of Justice grant,"
    "\"m2.s1; m1 , m2.s1\"\n"
    "F-003,Tyres,Fleet,\"Example Tyres, Ltd\",,,10000.01,,2025-05-12,,,framework call-off,"
    "Chief Constable,contract,,,,\n"
    "T-004,Restorative justice,Commissioning,,,,450000,,2025-10-06,2025-11-14,,open,pcc,"
    "tender,,,Core budget,m3\n";

/* The table as CSV, every version (all) or the current. */
static char *csv_of(struct store *s, bool all)
{
    struct table t;
    struct buf err = BUF_INIT;
    assert_true(contracts_table(s, NULL, CONTRACTS_ALL, all, false, &t, &err) >= 0);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    table_render(&t, TABLE_CSV, out);
    fclose(out);
    table_free(&t);
    buf_free(&err);
    return text;
}

static void funding_and_missions_are_fields_of_a_version(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT;
    size_t published;
    if (import(f, "c.csv", good, NULL, &published, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(published, 3);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version WHERE ref ="
                                            " 'OPCC-001' AND funding = 'Ministry of Justice grant'"
                                            " AND serves = 'm2.s1, m1'"),
                     1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version WHERE ref ="
                                            " 'F-003' AND funding = '' AND serves = ''"),
                     1);
    char *csv = csv_of(f->s, false);
    assert_non_null(strstr(csv, "Funding Source,Plan Missions"));
    assert_non_null(strstr(csv, "Ministry of Justice grant,\"m2.s1, m1\""));
    /* the CSV imports again unchanged; a key that is not one is named */
    assert_int_equal(import(f, "again.csv", csv, NULL, &published, &err), 0);
    assert_int_equal(published, 0);
    free(csv);
    char *bad = strdup(good);
    memcpy(strstr(bad, "m3\n"), "x3\n", 3);
    assert_int_equal(import(f, "bad.csv", bad, NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "bad.csv:4: plan missions: 'x3' is not a key"));
    free(bad);
    /* a changed funding source is a new version, which says why */
    char *moved = strdup(good);
    memcpy(strstr(moved, "Core budget"), "Core Budget", 11);
    assert_int_equal(import(f, "m.csv", moved, NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "m.csv:4: T-004: version 2 would replace version 1"));
    assert_int_equal(import(f, "m.csv", moved, "Capitals", &published, &err), 0);
    assert_int_equal(published, 1);
    free(moved);
    /* the staff form: the next version, with the other fields as they were */
    char sha[65];
    snprintf(sha, sizeof sha, "%064d", 7);
    const struct contract_source form = {"the staff form", sha};
    int version = -1;
    assert_int_equal(store_contract_revise(f->s, "OPCC-001", "Safer Streets grant", "m3.s1",
                                           "Refunded from the grant", &form, &by, f->today,
                                           &version, &err),
                     0);
    assert_int_equal(version, 2);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version WHERE ref ="
                                            " 'OPCC-001' AND version = 2 AND serves = 'm3.s1'"
                                            " AND value_pence = 125000010 AND review_on ="
                                            " '2027-01-01' AND reason = 'Refunded from the grant'"
                                            " AND file_name = 'the staff form'"),
                     1);
    assert_int_equal(store_contract_revise(f->s, "OPCC-001", "Safer Streets grant", "m3.s1",
                                           "Again", &form, &by, f->today, &version, &err),
                     0);
    assert_int_equal(version, 0);
    assert_int_equal(
        store_contract_revise(f->s, "NOPE", "", "", "Why", &form, &by, f->today, &version, &err),
        -1);
    /* in the OCDS package */
    json_t *p = contracts_ocds_package(f->s, NULL, &err);
    json_t *releases = json_object_get(p, "releases");
    bool seen = false;
    for (size_t i = 0; i < json_array_size(releases); i++) {
        json_t *r = json_array_get(releases, i);
        if (strcmp(json_string_value(json_object_get(r, "id")), "OPCC-001-v2") != 0)
            continue;
        json_t *planning = json_object_get(r, "planning");
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(planning, "budget"), "description")),
            "Safer Streets grant");
        json_t *keys = json_object_get(planning, "x_planMissions");
        assert_int_equal(json_array_size(keys), 1);
        assert_string_equal(json_string_value(json_array_get(keys, 0)), "m3.s1");
        seen = true;
    }
    assert_true(seen);
    json_decref(p);
    buf_free(&err);
}

/* The columns of the Code's CSV that OCDS carries, of every row. */
static void carried(const char *csv, struct buf *out)
{
    static const char *const names[] = {"Reference Number",
                                        "Type",
                                        "Spent By",
                                        "Title of Agreement",
                                        "Supplier Name",
                                        "Supplier Registration Number",
                                        "Start Date",
                                        "End Date",
                                        "Contract Value",
                                        "Procurement Process",
                                        "Funding Source",
                                        "Plan Missions",
                                        "OCDS Procurement Method",
                                        "Copy URL",
                                        "OCID",
                                        "Description of Goods and Services"};
    /* the CSV's header names its columns: pick each named one by index */
    const char *nl = strchr(csv, '\n');
    assert_non_null(nl);
    int idx[sizeof names / sizeof names[0]];
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        idx[k] = -1;
        int col = 0;
        for (const char *h = csv; h < nl; col++) {
            size_t n = strcspn(h, ",\n");
            if (n == strlen(names[k]) && memcmp(h, names[k], n) == 0)
                idx[k] = col;
            h += n + 1;
        }
        assert_true(idx[k] >= 0);
    }
    /* no field of these files holds a comma inside quotes but the
     * supplier's; fields are compared as the CSV writes them */
    for (const char *line = nl + 1; *line;) {
        const char *end = strchr(line, '\n');
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            const char *c = line;
            for (int col = 0; col < idx[k]; col++) {
                if (*c == '"')
                    c = strchr(c + 1, '"') + 1;
                else
                    c += strcspn(c, ",");
                c++;
            }
            size_t n = *c == '"' ? (size_t)(strchr(c + 1, '"') + 1 - c) : strcspn(c, ",\n");
            buf_printf(out, "%.*s|", (int)n, c);
        }
        buf_putc(out, '\n');
        if (!end)
            break;
        line = end + 1;
    }
}

static void peels_own_package_round_trips(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT, pkg = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
    if (import(f, "c.csv", good, NULL, NULL, &err) != 0)
        fail_msg("%s", buf_str(&err));
    /* a correction: two releases of OPCC-001, the second with another
     * supplier and no org-id, no description, no copy, and a later end;
     * and of T-004, with no end date: what OCDS merges (by field, parties
     * and documents by id) must read back as the second */
    struct buf fixed = BUF_INIT;
    buf_puts(&fixed, good);
    char *line = strstr(fixed.p, "OPCC-001");
    memcpy(strstr(line, "31/03/2028"), "31/03/2029", 10);
    memcpy(strstr(line, "Example Care CIC,GB-COH-01234567"), "Other Care Ltd  ,               ",
           32);
    memcpy(strstr(line, "Support for victims,https://pcc.example.org/c1.pdf"),
           "                   ,                              ", 50);
    memcpy(strstr(fixed.p, "2025-11-14"), "          ", 10);
    if (import(f, "c2.csv", fixed.p, "Extended", NULL, &err) != 0)
        fail_msg("%s", buf_str(&err));
    buf_free(&fixed);
    assert_int_equal(contracts_ocds_json(f->s, NULL, &pkg, &err), 0);
    /* into its own store: nothing changes, the department and VAT kept */
    size_t published = 9;
    if (import(f, "own.json", buf_str(&pkg), NULL, &published, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(published, 0);
    /* into an empty store: the same register, as far as OCDS carries it */
    char *dir = fixture_tmpdir();
    sqlite3 *peek2;
    struct store *s2 = fixture_store_open(dir, &peek2);
    if (import_into(s2, dir, f->today, "ocds.json", buf_str(&pkg), NULL, &published, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(published, 3);
    char *x = csv_of(f->s, false), *y = csv_of(s2, false);
    carried(x, &a);
    carried(y, &b);
    assert_string_equal(buf_str(&a), buf_str(&b));
    assert_non_null(strstr(buf_str(&b), "2029-03-31"));
    assert_non_null(strstr(buf_str(&b), "Other Care Ltd"));
    assert_null(strstr(buf_str(&b), "GB-COH-01234567"));
    assert_null(strstr(buf_str(&b), "Support for victims"));
    assert_null(strstr(buf_str(&b), "c1.pdf"));
    assert_null(strstr(buf_str(&b), "2025-11-14"));
    assert_non_null(strstr(buf_str(&b), "1250000.10"));
    free(x);
    free(y);
    /* a record package: each record's compiledRelease */
    json_t *p = contracts_ocds_package(f->s, NULL, &err), *records = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(p, "releases"), i, r)
    {
        if (strstr(json_string_value(json_object_get(r, "id")), "-v1") &&
            strstr(json_string_value(json_object_get(r, "id")), "OPCC-001"))
            continue; /* the corrected contract's latest only */
        json_array_append_new(records, json_pack("{s:O, s:O}", "ocid", json_object_get(r, "ocid"),
                                                 "compiledRelease", r));
    }
    json_t *rp = json_pack("{s:s, s:o}", "version", "1.1", "records", records);
    char *text = json_dumps(rp, 0);
    fixture_store_close(s2, peek2, dir);
    dir = fixture_tmpdir();
    s2 = fixture_store_open(dir, &peek2);
    if (import_into(s2, dir, f->today, "records.json", text, NULL, &published, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(published, 3);
    buf_reset(&b);
    y = csv_of(s2, false);
    carried(y, &b);
    assert_string_equal(buf_str(&a), buf_str(&b));
    free(y);
    free(text);
    json_decref(rp);
    json_decref(p);
    fixture_store_close(s2, peek2, dir);
    buf_free(&pkg);
    buf_free(&a);
    buf_free(&b);
    buf_free(&err);
}

static void every_bad_package_is_named_by_its_json_path(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT;
    assert_int_equal(import(f, "n.json", "{\"releases\": [", NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "n.json:1:"));
    assert_non_null(strstr(buf_str(&err), "not JSON"));
    assert_int_equal(import(f, "o.json", "{\"version\": \"1.1\"}", NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "o.json: neither a release package"));
    static const char bad[] =
        "{\"version\": \"1.1\", \"releases\": ["
        /* 0: good, so that the package is refused whole */
        "{\"ocid\": \"ocds-x-1\", \"id\": \"1\", \"date\": \"2025-01-01T00:00:00Z\","
        " \"buyer\": {\"id\": \"buyer-pcc\"}, \"tender\": {\"id\": \"T1\", \"title\": \"T\","
        " \"procurementMethod\": \"open\", \"value\": {\"amount\": 5, \"currency\": \"GBP\"},"
        " \"tenderPeriod\": {\"startDate\": \"2025-02-01T00:00:00Z\"}}},"
        /* 1: no ocid */
        "{\"id\": \"2\", \"date\": \"2025-01-01T00:00:00Z\"},"
        /* 2: a contract with everything wrong */
        "{\"ocid\": \"ocds-x-2\", \"id\": \"3\", \"date\": \"2025-01-01T00:00:00Z\","
        " \"buyer\": {\"name\": \"The Mayor\"},"
        " \"parties\": [{\"id\": \"s\", \"name\": \"S Ltd\", \"roles\": [\"supplier\"],"
        "  \"identifier\": {\"scheme\": \"COH\", \"id\": \"1\"}}],"
        " \"planning\": {\"x_planMissions\": [\"m1\", \"mission 2\"]},"
        " \"tender\": {\"procurementMethod\": \"haggle\"},"
        " \"contracts\": [{\"id\": \"C/2\", \"title\": \"C\","
        "  \"value\": {\"amount\": 1.005, \"currency\": \"GBP\"},"
        "  \"period\": {\"startDate\": \"2025-02-30\", \"endDate\": \"2024-01-01\"}}]},"
        /* 3: in euros, its end before its start */
        "{\"ocid\": \"ocds-x-3\", \"id\": \"4\", \"date\": \"2025-01-01T00:00:00Z\","
        " \"buyer\": {\"id\": \"buyer-chief-constable\"},"
        " \"parties\": [{\"id\": \"s\", \"name\": \"S Ltd\", \"roles\": [\"supplier\"]}],"
        " \"tender\": {\"procurementMethod\": \"direct\"},"
        " \"contracts\": [{\"id\": \"C-3\", \"title\": \"C\","
        "  \"value\": {\"amount\": 100, \"currency\": \"EUR\"},"
        "  \"period\": {\"startDate\": \"2025-02-01\", \"endDate\": \"2025-01-01\"}}]}]}";
    assert_int_equal(import(f, "bad.json", bad, NULL, NULL, &err), 2);
    const char *want[] = {
        "bad.json: /releases/1/ocid: missing, or not an ocid",
        "bad.json: /releases/2/contracts/0/id: 'C/2': a reference has no spaces, slashes",
        "bad.json: /releases/2/buyer: 'The Mayor': whose contract is it?",
        "bad.json: /releases/2/parties: the supplier's identifier 'COH-1' is not an org-id",
        "bad.json: /releases/2/contracts/0/value/amount: 1.005 is not a whole number of pence",
        "bad.json: /releases/2/contracts/0/period/startDate: '2025-02-30' is not a date",
        "bad.json: /releases/2/tender/procurementMethod: 'haggle': open, selective",
        "bad.json: /releases/2/planning/x_planMissions: item 1 is not a key",
        "bad.json: /releases/3/contracts/0/value/amount: in EUR",
        "bad.json: /releases/3/contracts/0/period/endDate: 2025-01-01 is before the start date",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(buf_str(&err), want[i]))
            fail_msg("no '%s' in:\n%s", want[i], buf_str(&err));
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version"), 0);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'contract.publish'"),
                     0);
    buf_free(&err);
}

/* A contract's current version, as the test reads it. */
struct seen {
    char title[64], supplier[64], supplier_id[64], ocid[64];
    int64_t value;
    int version;
};

static void take_current(void *arg, const struct contract_row *r)
{
    struct seen *s = arg;
    snprintf(s->title, sizeof s->title, "%s", r->c.title);
    snprintf(s->supplier, sizeof s->supplier, "%s", r->c.supplier);
    snprintf(s->supplier_id, sizeof s->supplier_id, "%s", r->c.supplier_id);
    snprintf(s->ocid, sizeof s->ocid, "%s", r->c.ocid);
    s->value = r->c.value_pence;
    s->version = r->version;
}

static struct seen current(struct store *s, const char *ref)
{
    struct seen v = {.version = 0};
    struct buf err = BUF_INIT;
    assert_true(store_contracts(s, ref, false, take_current, &v, &err) >= 0);
    buf_free(&err);
    return v;
}

/* A framework of two contracts (ids 1 and 2, each its award's supplier),
 * as Find a Tender publishes one; and a later release amending the
 * second's value. */
#define FRAMEWORK_RELEASE_1                                                                        \
    "{\"ocid\": \"ocds-h6vhtk-0abc12\", \"id\": \"r1\", \"date\": \"2025-03-01T00:00:00Z\","       \
    " \"buyer\": {\"id\": \"buyer-pcc\"},"                                                         \
    " \"parties\": [{\"id\": \"GB-COH-01234567\", \"name\": \"North Care Ltd\","                   \
    "   \"roles\": [\"supplier\"], \"identifier\": {\"scheme\": \"GB-COH\", \"id\": "              \
    "\"01234567\"}},"                                                                              \
    "  {\"id\": \"GB-CHC-1234567\", \"name\": \"South Care\", \"roles\": [\"supplier\"],"          \
    "   \"identifier\": {\"scheme\": \"GB-CHC\", \"id\": \"1234567\"}}],"                          \
    " \"tender\": {\"id\": \"FW-1\", \"title\": \"Victim services framework\","                    \
    "  \"procurementMethod\": \"open\", \"value\": {\"amount\": 900000, \"currency\": \"GBP\"}},"  \
    " \"awards\": [{\"id\": \"a1\", \"suppliers\": [{\"id\": \"GB-COH-01234567\"}]},"              \
    "  {\"id\": \"a2\", \"suppliers\": [{\"id\": \"GB-CHC-1234567\", \"name\": \"South "           \
    "Care\"}]}],"                                                                                  \
    " \"contracts\": [{\"id\": \"1\", \"awardID\": \"a1\", \"title\": \"North lot\","              \
    "   \"value\": {\"amount\": 400000, \"currency\": \"GBP\"},"                                   \
    "   \"period\": {\"startDate\": \"2025-04-01T00:00:00Z\"}},"                                   \
    "  {\"id\": \"2\", \"awardID\": \"a2\", \"title\": \"South lot\","                             \
    "   \"value\": {\"amount\": 500000, \"currency\": \"GBP\"},"                                   \
    "   \"period\": {\"startDate\": \"2025-04-01T00:00:00Z\"}}]}"
#define FRAMEWORK_RELEASE_2                                                                        \
    "{\"ocid\": \"ocds-h6vhtk-0abc12\", \"id\": \"r2\", \"date\": \"2025-05-01T00:00:00Z\","       \
    " \"tag\": [\"contractAmendment\"],"                                                           \
    " \"contracts\": [{\"id\": \"2\", \"value\": {\"amount\": 550000.5}}]}"

static void a_process_of_several_contracts_and_lots(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT;
    size_t published = 0;
    static const char one[] = "{\"version\": \"1.1\", \"releases\": [" FRAMEWORK_RELEASE_1 "]}";
    if (import(f, "fw.json", one, NULL, &published, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(published, 2);
    struct seen north = current(f->s, "0abc12-1"), south = current(f->s, "0abc12-2");
    assert_int_equal(north.version, 1);
    assert_string_equal(north.title, "North lot");
    assert_string_equal(north.supplier, "North Care Ltd");
    assert_string_equal(north.supplier_id, "GB-COH-01234567");
    assert_int_equal(north.value, 40000000);
    assert_string_equal(north.ocid, "ocds-h6vhtk-0abc12");
    assert_string_equal(south.supplier, "South Care");
    assert_string_equal(south.supplier_id, "GB-CHC-1234567");
    assert_int_equal(south.value, 50000000);
    /* the later release amends the second contract only: merged by id */
    static const char two[] =
        "{\"version\": \"1.1\", \"releases\": [" FRAMEWORK_RELEASE_2 "," FRAMEWORK_RELEASE_1 "]}";
    assert_int_equal(import(f, "fw2.json", two, NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "fw2.json: /releases/0"));
    if (import(f, "fw2.json", two, "Extended", &published, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(published, 1);
    south = current(f->s, "0abc12-2");
    assert_int_equal(south.version, 2);
    assert_int_equal(south.value, 55000050);
    assert_string_equal(south.title, "South lot");
    assert_int_equal(current(f->s, "0abc12-1").version, 1);

    /* two lots: each award's lot gives its contract's title and value */
    static const char lots[] =
        "{\"version\": \"1.1\", \"records\": [{\"ocid\": \"ocds-h6vhtk-0def34\","
        " \"compiledRelease\": {\"ocid\": \"ocds-h6vhtk-0def34\", \"date\": \"2025-06-01\","
        " \"buyer\": {\"name\": \"Chief Constable\"},"
        " \"parties\": [{\"id\": 7, \"name\": \"Tyres Ltd\", \"roles\": [\"supplier\"]},"
        "  {\"id\": 8, \"name\": \"Glass Ltd\", \"roles\": [\"supplier\"],"
        "   \"details\": {\"scale\": \"sme\"}}],"
        " \"tender\": {\"title\": \"Fleet\", \"procurementMethod\": \"selective\","
        "  \"lots\": [{\"id\": \"L1\", \"title\": \"Tyres\", \"value\": {\"amount\": 12000}},"
        "   {\"id\": \"L2\", \"title\": \"Glass\", \"value\": {\"amount\": 8000}}]},"
        " \"awards\": [{\"id\": \"A1\", \"relatedLots\": [\"L1\"], \"suppliers\": [{\"id\": 7}]},"
        "  {\"id\": \"A2\", \"relatedLots\": [\"L2\"], \"suppliers\": [{\"id\": 8}]}],"
        " \"contracts\": [{\"id\": \"K2\", \"awardID\": \"A2\","
        "   \"period\": {\"startDate\": \"2025-07-01\"}},"
        "  {\"id\": \"K1\", \"awardID\": \"A1\", \"period\": {\"startDate\": \"2025-07-01\"}}]}}]}";
    if (import(f, "lots.json", lots, NULL, &published, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(published, 2);
    struct seen tyres = current(f->s, "0def34-K1"), glass = current(f->s, "0def34-K2");
    assert_string_equal(tyres.title, "Tyres");
    assert_string_equal(tyres.supplier, "Tyres Ltd");
    assert_int_equal(tyres.value, 1200000);
    assert_string_equal(glass.title, "Glass");
    assert_string_equal(glass.supplier, "Glass Ltd");
    assert_int_equal(glass.value, 800000);

    /* a contract id twice in one release: refused, named by its path */
    static const char twice[] =
        "{\"version\": \"1.1\", \"releases\": [{\"ocid\": \"ocds-h6vhtk-0fff56\", \"id\": \"1\","
        " \"date\": \"2025-06-01T00:00:00Z\", \"buyer\": {\"id\": \"buyer-pcc\"},"
        " \"parties\": [{\"id\": \"s\", \"name\": \"S Ltd\", \"roles\": [\"supplier\"]}],"
        " \"tender\": {\"procurementMethod\": \"direct\"},"
        " \"contracts\": [{\"id\": \"1\", \"title\": \"A\", \"value\": {\"amount\": 1},"
        "   \"period\": {\"startDate\": \"2025-07-01\"}},"
        "  {\"id\": \"1\", \"title\": \"B\", \"value\": {\"amount\": 2},"
        "   \"period\": {\"startDate\": \"2025-07-01\"}}]}]}";
    assert_int_equal(import(f, "twice.json", twice, "why", NULL, &err), 2);
    if (!strstr(buf_str(&err), "twice.json: /releases/0/contracts/1: id 1 is item 0's too"))
        fail_msg("%s", buf_str(&err));
    assert_int_equal(current(f->s, "0fff56-1").version, 0);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version"), 5);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(funding_and_missions_are_fields_of_a_version, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(peels_own_package_round_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(every_bad_package_is_named_by_its_json_path, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_process_of_several_contracts_and_lots, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
