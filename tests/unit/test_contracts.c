/*
 * test_contracts.c - the contracts register on hand-made files: a good
 * file in the Transparency Code's layout (its own titles, pound signs, UK
 * dates, a tender with no supplier yet) published as a version per
 * contract, audited; the same file again publishes nothing; a changed
 * contract refused without a reason and published as the next version
 * with one, the old version kept; every kind of bad row named by file,
 * line and field with nothing stored; the Order's £10,000 line (a copy
 * over it, a list entry at it or under); the CSV read back in; the OCDS
 * release package's releases, tags, org-ids and amendments; the
 * transparency calendar's contracts item read from the register; each
 * end date a clock on the staff's deadlines list, started once, moved by
 * a version that moves the date, overdue once the date has passed.
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
#include "store/clocks.h"
#include "store/store.h"
#include "store/transparency.h"

static const struct audit_origin by = {"cfo", "test"};

struct fixture {
    char *dir;
    struct store *s;
    sqlite3 *peek;
    int today; /* the date an import's clocks count against */
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

/* Imports text as name; the exit status, problems into err, and the
 * number of versions published into *published. */
static int import(struct fixture *f, const char *name, const char *text, const char *reason,
                  size_t *published, struct buf *err)
{
    char *path = fixture_write(f->dir, name, text, strlen(text));
    struct contract_file_options o = {.body = -1, .reason = reason, .today = f->today};
    struct contract_file_report r;
    buf_reset(err);
    int rc = contract_file_import(f->s, path, &o, &by, &r, err);
    if (published) {
        *published = 0;
        for (size_t i = 0; i < r.n; i++)
            *published += r.versions[i] != 0;
    }
    contract_file_report_free(&r);
    free(path);
    return rc;
}

static const char good[] =
    "Reference Number,Title of Agreement,Department/Service Area,Supplier Name,"
    "Supplier Registration Number,SME,Contract Value (\xc2\xa3),Irrecoverable VAT,Start Date,"
    "End Date,Procurement Process,Spent By,Type\r\n"
    "OPCC-001,Victim support,Commissioning,Example Care CIC,GB-COH-01234567,yes,"
    "\"\xc2\xa3"
    "1,250,000.00\",0,01/04/2025,31/03/2028,Invitation to tender,OPCC,contract\r\n"
    "OPCC-002,Residents' survey,Engagement,Example Research,GB-CHC-1234567,no,10000.00,,"
    "2025-07-14,2025-12-19,Quote,pcc,\r\n"
    "F-003,Tyres,Fleet,\"Example Tyres, Ltd\",,,10000.01,,2025-05-12,,framework call-off,"
    "Chief Constable,contract\r\n"
    "T-004,Restorative justice,Commissioning,,,,450000,,2025-10-06,2025-11-14,open,pcc,"
    "tender\r\n";

static void a_good_file_is_published_a_version_a_contract(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT;
    size_t published;
    assert_int_equal(import(f, "c.csv", good, NULL, &published, &err), 0);
    assert_int_equal(published, 4);
    assert_int_equal(fixture_count(f->peek, "SELECT value_pence FROM contract_version"
                                            " WHERE ref = 'OPCC-001'"),
                     125000000);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version WHERE"
                                            " ref = 'OPCC-001' AND start_on = '2025-04-01'"
                                            " AND method = 'open' AND body = 'pcc' AND sme = 1"
                                            " AND vat_pence = 0 AND ocid = 'ocds-xxxxxx-OPCC-001'"),
                     1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version WHERE"
                                            " ref = 'F-003' AND body = 'force' AND method ="
                                            " 'limited' AND end_on IS NULL AND sme IS NULL"),
                     1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version WHERE"
                                            " ref = 'T-004' AND kind = 'tender' AND supplier = ''"),
                     1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'contract.publish'"),
                     4);
    /* the same file again: nothing new */
    assert_int_equal(import(f, "c.csv", good, NULL, &published, &err), 0);
    assert_int_equal(published, 0);
    /* a changed value: refused without a reason, naming file, line and contract */
    char *changed = strdup(good);
    char *at = strstr(changed, "10000.00");
    memcpy(at, "10500.00", 8);
    assert_int_equal(import(f, "c2.csv", changed, NULL, NULL, &err), 2);
    const char *tail = "c2.csv:3: OPCC-002: version 2 would replace version 1: say why with"
                       " --reason\n"; /* the whole of the message, and nothing after */
    assert_true(err.len > strlen(tail));
    assert_string_equal(buf_str(&err) + err.len - strlen(tail), tail);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version"), 4);
    assert_int_equal(import(f, "c2.csv", changed, "Keyed wrongly", &published, &err), 0);
    assert_int_equal(published, 1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version WHERE ref ="
                                            " 'OPCC-002' AND version = 2 AND value_pence = 1050000"
                                            " AND reason = 'Keyed wrongly'"),
                     1);
    assert_int_equal(fixture_count(f->peek, "SELECT value_pence FROM contract_version WHERE"
                                            " ref = 'OPCC-002' AND version = 1"),
                     1000000);
    free(changed);
    buf_free(&err);
}

/* The clocks a list shows, as "SUBJECT DUE" lines. */
static void clock_line(void *arg, const struct clock_view *v)
{
    char due[DATE_TEXT_SIZE];
    date_format(v->status.due, due);
    buf_printf(arg, "%s %s%s\n", v->subject, due, v->status.overdue ? " overdue" : "");
}

static const char *clocks_as_of(struct fixture *f, int y, int m, int d, bool overdue_only,
                                struct buf *out)
{
    struct clock_filter filter = {0, overdue_only, DATE_NONE, 20};
    assert_true(date_from_ymd(y, m, d, &filter.today));
    size_t matched;
    struct buf err = BUF_INIT;
    buf_reset(out);
    if (store_clocks_list(f->s, &filter, clock_line, out, &matched, &err) != 0)
        fail_msg("%s", buf_str(&err));
    buf_free(&err);
    return buf_str(out);
}

static void an_end_date_is_a_clock_started_once(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT, list = BUF_INIT;
    size_t published;
    assert_int_equal(import(f, "c.csv", good, NULL, &published, &err), 0);
    /* F-003 has no end date: no clock */
    const char *three = "contract:T-004 2025-11-14\n"
                        "contract:OPCC-002 2025-12-19\n"
                        "contract:OPCC-001 2028-03-31\n";
    assert_string_equal(clocks_as_of(f, 2025, 6, 1, false, &list), three);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'clock.start'"),
                     3);
    /* the same file again, and a version that keeps the end date: no clock */
    assert_int_equal(import(f, "c.csv", good, NULL, &published, &err), 0);
    char *changed = strdup(good);
    memcpy(strstr(changed, "10000.00"), "10500.00", 8);
    assert_int_equal(import(f, "c2.csv", changed, "Keyed wrongly", &published, &err), 0);
    assert_int_equal(published, 1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM clock"), 3);
    /* a version that moves the end date completes the clock and starts one */
    memcpy(strstr(changed, "31/03/2028"), "31/03/2029", 10);
    assert_int_equal(import(f, "c3.csv", changed, "Extended a year", &published, &err), 0);
    assert_int_equal(published, 1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM clock"), 4);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'clock.complete'"),
                     1);
    assert_string_equal(clocks_as_of(f, 2025, 6, 1, false, &list),
                        "contract:T-004 2025-11-14\n"
                        "contract:OPCC-002 2025-12-19\n"
                        "contract:OPCC-001 2029-03-31\n");
    /* once an end date has passed the clock is overdue */
    assert_string_equal(clocks_as_of(f, 2025, 12, 1, true, &list),
                        "contract:T-004 2025-11-14 overdue\n");
    free(changed);
    buf_free(&list);
    buf_free(&err);
}

static void every_bad_row_is_named_and_nothing_is_stored(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT;
    static const char bad[] =
        "Reference,Title,Supplier,Value,Start date,Procurement method,Spent by,Supplier id,"
        "End date,SME,Type,Copy URL,Irrecoverable VAT\n"
        "A1,Cleaning,Acme,12000,2025-04-01,quote,pcc,GB-COH-01234567,,yes,contract,,\n"
        "A1,Cleaning again,Acme,5,2025-04-01,open,pcc,,,,,,\n"
        "A/3,,,-5,2025-13-01,haggle,mayor,COH 123,2024-01-01,maybe,lease,ftp://x,-1\n"
        "A4,Audit,Acme,ten pounds,2025-04-01,open,force,,2025-03-31,,,,\n"
        "A5,Audit,,1,2025-04-01,open,force,GB-COH-1,,,,,\n"
        "A\xc3\xa9"
        "6,Audit,Acme,1,2025-04-01,open,force,,,,,,\n";
    assert_int_equal(import(f, "bad.csv", bad, NULL, NULL, &err), 2);
    const char *want[] = {
        "bad.csv:3: reference: 'A1' is also on line 2",
        "bad.csv:4: reference: 'A/3': a reference has no spaces, slashes",
        "bad.csv:4: title: empty",
        "bad.csv:4: supplier: empty: a contract has a supplier",
        "bad.csv:4: value: negative",
        "bad.csv:4: start date: '2025-13-01' is not a date",
        "bad.csv:4: procurement method: 'haggle'",
        "bad.csv:4: spent by: 'mayor'",
        "bad.csv:4: supplier id: 'COH 123' is not an org-id",
        "bad.csv:4: sme: 'maybe': yes or no",
        "bad.csv:4: type: 'lease': contract or tender",
        "bad.csv:4: document url: 'ftp://x'",
        "bad.csv:4: irrecoverable vat: '-1'",
        "bad.csv:5: value: 'ten pounds' is not an amount",
        "bad.csv:5: end date: 2025-03-31 is before the start date, 2025-04-01",
        "bad.csv:6: supplier: empty, but the supplier id is given",
        /* "A", e acute in UTF-8 (octal: an escape of three digits at most), "6" */
        "bad.csv:7: reference: 'A\303\2516': a reference is letters, digits and ASCII",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(buf_str(&err), want[i]))
            fail_msg("no '%s' in:\n%s", want[i], buf_str(&err));
    /* the start date that is wrong is not compared with the end date */
    assert_null(strstr(buf_str(&err), "before the start date, 2025-13"));
    assert_int_equal(import(f, "h.csv", "Title,Value\nx,1\n", NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "h.csv:1: no reference column"));
    assert_non_null(strstr(buf_str(&err), "h.csv:1: no 'spent by' column"));
    assert_int_equal(import(f, "e.csv", "", NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "e.csv:1: empty file"));
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_version"), 0);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'contract.publish'"),
                     0);
    buf_free(&err);
}

/* The table's cell of row r, column named name, as CSV writes it. */
static const char *cell_of(const struct table *t, size_t r, const char *name, struct buf *out)
{
    buf_reset(out);
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->names[c], name) == 0)
            table_cell_text(table_cell(t, r, c), false, out);
    return buf_str(out);
}

static void the_orders_line_is_over_ten_thousand_pounds(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT, text = BUF_INIT;
    assert_int_equal(import(f, "c.csv", good, NULL, NULL, &err), 0);
    struct table t;
    assert_int_equal(contracts_table(f->s, NULL, CONTRACTS_COPIES, false, false, &t, &err), 3);
    for (size_t r = 0; r < t.nrows; r++)
        assert_string_not_equal(cell_of(&t, r, "Reference Number", &text), "OPCC-002");
    table_free(&t);
    /* exactly £10,000 is listed; £10,000.01 (F-003) needs a copy */
    assert_int_equal(contracts_table(f->s, NULL, CONTRACTS_LIST, false, false, &t, &err), 1);
    assert_string_equal(cell_of(&t, 0, "Reference Number", &text), "OPCC-002");
    assert_string_equal(cell_of(&t, 0, "Contract Value", &text), "10000.00");
    assert_string_equal(cell_of(&t, 0, "Copy Required", &text), "no");
    table_free(&t);
    /* the Code's CSV imports again, unchanged */
    assert_int_equal(contracts_table(f->s, NULL, CONTRACTS_ALL, false, false, &t, &err), 4);
    char *csv_path = NULL;
    size_t csv_len = 0;
    FILE *csv = open_memstream(&csv_path, &csv_len);
    table_render(&t, TABLE_CSV, csv);
    fclose(csv);
    table_free(&t);
    size_t published = 9;
    if (import(f, "again.csv", csv_path, NULL, &published, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(published, 0);
    free(csv_path);
    buf_free(&text);
    buf_free(&err);
}

static void the_ocds_package_has_a_release_per_version(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT;
    assert_int_equal(import(f, "c.csv", good, NULL, NULL, &err), 0);
    char *changed = strdup(good);
    memcpy(strstr(changed, "31/03/2028"), "31/03/2029", 10);
    assert_int_equal(import(f, "c2.csv", changed, "Extended by a year", NULL, &err), 0);
    free(changed);
    json_t *p = contracts_ocds_package(f->s, NULL, &err);
    assert_non_null(p);
    assert_string_equal(json_string_value(json_object_get(p, "version")), "1.1");
    json_t *releases = json_object_get(p, "releases");
    assert_int_equal(json_array_size(releases), 5);
    int updates = 0, tenders = 0;
    for (size_t i = 0; i < json_array_size(releases); i++) {
        json_t *r = json_array_get(releases, i);
        const char *tag = json_string_value(json_array_get(json_object_get(r, "tag"), 0));
        const char *id = json_string_value(json_object_get(r, "id"));
        assert_non_null(json_object_get(r, "initiationType"));
        if (strcmp(tag, "contractUpdate") == 0) {
            updates++;
            assert_string_equal(id, "OPCC-001-v2");
            json_t *k = json_array_get(json_object_get(r, "contracts"), 0);
            json_t *a = json_array_get(json_object_get(k, "amendments"), 0);
            assert_string_equal(json_string_value(json_object_get(a, "rationale")),
                                "Extended by a year");
            json_t *period = json_object_get(k, "period");
            assert_string_equal(json_string_value(json_object_get(period, "endDate")),
                                "2029-03-31T00:00:00Z");
            json_t *supplier = json_array_get(json_object_get(r, "parties"), 1);
            json_t *org = json_object_get(supplier, "identifier");
            assert_string_equal(json_string_value(json_object_get(org, "scheme")), "GB-COH");
            assert_string_equal(json_string_value(json_object_get(org, "id")), "01234567");
            json_t *value = json_object_get(json_object_get(k, "value"), "amount");
            assert_int_equal(json_integer_value(value), 1250000);
        }
        if (strcmp(tag, "tender") == 0) {
            tenders++;
            assert_null(json_object_get(r, "awards"));
            assert_int_equal(json_array_size(json_object_get(r, "parties")), 1);
        }
    }
    assert_int_equal(updates, 1);
    assert_int_equal(tenders, 1);
    json_decref(p);
    buf_free(&err);
}

static void take_item(void *arg, const struct tr_item_view *v)
{
    *(int *)arg = v->history.last_published;
}

static void the_calendar_reads_the_contracts_register(void **state)
{
    struct fixture *f = *state;
    struct buf err = BUF_INIT;
    struct tr_item it = {"contracts",
                         "Contracts",
                         "SIO 4(b)-(d)",
                         "PCC",
                         {TR_ON_CHANGE, 20, CLOCK_WORKING_DAYS},
                         "/contracts",
                         TR_REGISTER_CONTRACTS,
                         ""};
    int64_t load;
    assert_int_equal(store_tr_load(f->s, "t.csv",
                                   "0000000000000000000000000000000000000000000"
                                   "000000000000000000000",
                                   &it, 1, &by, &load, &err),
                     0);
    int published = -2;
    assert_int_equal(store_tr_items(f->s, take_item, &published, &err), 1);
    assert_int_equal(published, DATE_NONE);
    assert_int_equal(import(f, "c.csv", good, NULL, NULL, &err), 0);
    assert_int_equal(store_tr_items(f->s, take_item, &published, &err), 1);
    assert_true(published != DATE_NONE && published >= date_today() - 1); /* UTC's day */
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_good_file_is_published_a_version_a_contract, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_end_date_is_a_clock_started_once, setup, teardown),
        cmocka_unit_test_setup_teardown(every_bad_row_is_named_and_nothing_is_stored, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_orders_line_is_over_ten_thousand_pounds, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_ocds_package_has_a_release_per_version, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_calendar_reads_the_contracts_register, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
