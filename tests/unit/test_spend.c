/*
 * test_spend.c - the spend register on hand-made files: money read and
 * written; a good file (CSV and .xlsx, with the header names offices use)
 * published as versions; every kind of bad row named by file, line and
 * field with nothing stored; a stated total that does not add up;
 * individuals' names redacted before anything is stored (searched for in
 * every column of every spend table); a changed month as a new version
 * saying what changed, refused without a reason; every import audited;
 * office-holders' expenses marked by their column, whatever the amount,
 * and a change of the mark a change of the item.
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
#include <xlsxwriter.h>

#include "fixtures.h"
#include "ingest/spend_file.h"
#include "model/money.h"

static const struct audit_origin by = {"cli:test", "test"};

static void money_read_and_written(void **state)
{
    (void)state;
    const struct {
        const char *in;
        int64_t pence;
    } good[] = {{"1,234.56", 123456},
                {"\xc2\xa3"
                 "1234.5",
                 123450},
                {"-500", -50000},
                {"(500.00)", -50000},
                {"\xc2\xa3-20.00", -2000},
                {"-\xc2\xa3"
                 "20",
                 -2000}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int64_t p = 0;
        assert_true(money_parse(good[i].in, &p));
        assert_int_equal(p, good[i].pence);
    }
    const char *bad[] = {"",
                         "12a",
                         "1.234",
                         "--5",
                         "1,23",
                         "(5",
                         ("\xc2\xa3\xc2\xa3"
                          "5")};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t p;
        if (money_parse(bad[i], &p))
            fail_msg("'%s' read as %lld", bad[i], (long long)p);
    }
    char out[MONEY_TEXT_SIZE];
    money_format(123456789, true, out);
    assert_string_equal(out, "\xc2\xa3"
                             "1,234,567.89");
    money_format(-2005, true, out);
    assert_string_equal(out, "-\xc2\xa3"
                             "20.05");
    money_format(-2005, false, out);
    assert_string_equal(out, "-20.05");
    money_format(7, false, out);
    assert_string_equal(out, "0.07");
}

/* Imports text as the file name; the return code, err's text in *msg. */
static int import(struct fixture_env *e, const char *name, const char *text, int body,
                  const char *reason, struct spend_file_report *rep, char **msg)
{
    char *path = fixture_write(e->dir, name, text, strlen(text));
    struct spend_file_options o = {.body = body, .reason = reason};
    struct buf err = BUF_INIT;
    int rc = spend_file_import(e->s, path, &o, &by, rep, &err);
    free(path);
    *msg = buf_detach(&err);
    return rc;
}

#define HEADER                                                                                     \
    "Transaction No.,Date,Supplier Name,Supplier Type,Amount (\xc2\xa3),Expense Type,"             \
    "Expense Area,Purpose,VfM Reason,Supplier ID\n"

static const char good_file[] =
    HEADER "T1,04/03/2024,Acme Ltd,company,\"1,200.00\",Fuel,Fleet,Diesel,Framework,123\n"
           "T2,2024-03-09,Jane Smith,individual,650.50,Fees,Office,Fees to Jane Smith,Policy,\n"
           "T3,2024-04-01,Acme Ltd,company,(200.00),Fuel,Fleet,Credit note,Framework,\n"
           "Total,,,,\"1,650.50\",,,,,\n";

static void a_good_file_is_published_by_month(void **state)
{
    struct fixture_env *e = *state;
    struct spend_file_report rep;
    char *msg;
    assert_int_equal(import(e, "good.csv", good_file, SPEND_FORCE, NULL, &rep, &msg), 0);
    assert_string_equal(msg, "");
    assert_int_equal(rep.rows, 3);
    assert_int_equal(rep.redacted, 1);
    assert_string_equal(buf_str(&rep.ignored), "Supplier ID");
    assert_int_equal(rep.nmonths, 2);
    assert_string_equal(rep.months[0].month, "2024-03");
    assert_int_equal(rep.months[0].total_pence, 185050);
    assert_int_equal(rep.months[0].outcome.version, 1);
    assert_int_equal(rep.months[1].total_pence, -20000);
    spend_file_report_free(&rep);
    free(msg);
    /* the individual's name is nowhere in the spend tables, nor the audit */
    assert_int_equal(fixture_count(e->db,
                                   "SELECT count(*) FROM spend_item WHERE supplier = "
                                   "'Redacted: personal data' AND purpose = 'Fees to [redacted]'"),
                     1);
    const char *tables[] = {"spend_item", "spend_version", "spend_change", "audit"};
    for (size_t t = 0; t < 4; t++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT * FROM %s", tables[t]);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(e->db, sql, -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                if (v && strstr(v, "Jane Smith"))
                    fail_msg("%s holds the name: %s", tables[t], v);
            }
        sqlite3_finalize(st);
    }
    /* the same file again changes nothing, and is audited */
    assert_int_equal(import(e, "good.csv", good_file, SPEND_FORCE, NULL, &rep, &msg), 0);
    assert_int_equal(rep.months[0].outcome.version, 0);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM spend_version"), 2);
    assert_int_equal(
        fixture_count(e->db, "SELECT count(*) FROM audit WHERE action = 'spend.import'"), 2);
    assert_int_equal(
        fixture_count(e->db, "SELECT count(*) FROM audit WHERE action = 'spend.publish'"), 2);
    spend_file_report_free(&rep);
    free(msg);
}

/* Each line of want must be in got. */
static void says(const char *got, const char *want)
{
    const char *line = want;
    while (*line) {
        const char *end = strchr(line, '\n');
        char one[300];
        snprintf(one, sizeof one, "%.*s", (int)(end - line), line);
        if (!strstr(got, one))
            fail_msg("missing '%s' in:\n%s", one, got);
        line = end + 1;
    }
}

static void every_bad_row_is_named_and_nothing_stored(void **state)
{
    struct fixture_env *e = *state;
    static const char bad[] =
        "Transaction Number,Date,Supplier,Amount,Expense Type,Purpose,Spent By,Redact\n"
        ",2024-03-01,A,1.00,X,P,force,\n"        /* 2 */
        "T2,31/02/2024,A,1.00,X,P,force,\n"      /* 3 */
        "T3,2024-03-01,,1.00,X,P,force,\n"       /* 4 */
        "T4,2024-03-01,A,1.2.3,X,P,force,\n"     /* 5 */
        "T5,2024-03-01,A,0.00,X,P,force,\n"      /* 6 */
        "T6,2024-03-01,A,1.00,,P,force,\n"       /* 7 */
        "T7,2024-03-01,A,1.00,X,,force,\n"       /* 8 */
        "T8,2024-03-01,A,1.00,X,P,council,\n"    /* 9 */
        "T9,2024-03-01,A,1.00,X,P,force,maybe\n" /* 10 */
        "T1,2024-03-01,A,1.00,X,P,pcc,\n"        /* 11: fine */
        "T1,2024-03-02,B,2.00,X,P,pcc,\n"        /* 12: T1 again */
        "T13,2024-03-01,A\xff,1.00,X,P,force,\n" /* 13 */
        "T14-0123456789012345678901234567890123456789012345678901234567890,2024-03-01,A,1.00,X,"
        "P,force,\n"                     /* 14 */
        "T15,2024-03-01,A,1.00,X,P,,\n"; /* 15: whose? */
    struct spend_file_report rep;
    char *msg;
    assert_int_equal(import(e, "bad.csv", bad, -1, NULL, &rep, &msg), 2);
    char want[2048];
    snprintf(want, sizeof want,
             "%1$s/bad.csv:2: transaction_number: empty\n"
             "%1$s/bad.csv:3: date: '31/02/2024' is not a date\n"
             "%1$s/bad.csv:4: supplier: empty: who was paid?\n"
             "%1$s/bad.csv:5: amount: '1.2.3' is not an amount in pounds\n"
             "%1$s/bad.csv:6: amount: zero\n"
             "%1$s/bad.csv:7: expense_type: empty\n"
             "%1$s/bad.csv:8: purpose: empty\n"
             "%1$s/bad.csv:9: spent_by: 'council': pcc or force\n"
             "%1$s/bad.csv:10: redact: 'maybe': yes or no\n"
             "%1$s/bad.csv:13: supplier: not UTF-8 text\n"
             "%1$s/bad.csv:14: transaction_number: 65 bytes, over the limit of 64\n"
             "%1$s/bad.csv:15: spent_by: empty: whose spend is it, pcc or force?\n",
             e->dir);
    says(msg, want);
    assert_null(strstr(msg, ":11:"));
    free(msg);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM spend_item"), 0);
    /* the duplicate is found once the rows are otherwise good */
    static const char dup[] = "Transaction Number,Date,Supplier,Amount,Expense Type,Purpose\n"
                              "T1,2024-03-01,A,1.00,X,P\nT1,2024-03-02,B,2.00,X,P\n";
    assert_int_equal(import(e, "dup.csv", dup, SPEND_PCC, NULL, &rep, &msg), 2);
    snprintf(want, sizeof want,
             "%s/dup.csv:3: transaction_number: 'T1' is also on line 2, in the same month\n",
             e->dir);
    assert_string_equal(msg, want);
    free(msg);
    /* a header without the columns, and no body */
    assert_int_equal(
        import(e, "head.csv", "Date,Payee,Value\n2024-01-01,A,1\n", -1, NULL, &rep, &msg), 2);
    snprintf(want, sizeof want,
             "%1$s/head.csv:1: no transaction_number column\n"
             "%1$s/head.csv:1: no expense_type column\n"
             "%1$s/head.csv:1: no purpose column\n"
             "%1$s/head.csv:1: no 'spent by' column\n",
             e->dir);
    says(msg, want);
    free(msg);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM spend_version"), 0);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM audit"), 0);
}

static void a_stated_total_must_add_up(void **state)
{
    struct fixture_env *e = *state;
    static const char wrong[] = "Transaction Number,Date,Supplier,Amount,Expense Type,Purpose\n"
                                "T1,2024-03-01,A,600.00,X,P\nT2,2024-03-02,B,700.00,X,P\n"
                                "TOTAL,,,\"1,400.00\",,\n";
    struct spend_file_report rep;
    char *msg, want[512];
    assert_int_equal(import(e, "total.csv", wrong, SPEND_PCC, NULL, &rep, &msg), 2);
    snprintf(want, sizeof want,
             "%s/total.csv:4: amount: the stated total \xc2\xa3"
             "1,400.00 is not what the 2 "
             "items add up to, \xc2\xa3"
             "1,300.00 (\xc2\xa3"
             "100.00 apart)\n",
             e->dir);
    assert_string_equal(msg, want);
    free(msg);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM spend_item"), 0);
}

static void a_changed_month_is_a_new_version_with_a_reason(void **state)
{
    struct fixture_env *e = *state;
    struct spend_file_report rep;
    char *msg;
    assert_int_equal(import(e, "v1.csv", good_file, SPEND_FORCE, NULL, &rep, &msg), 0);
    spend_file_report_free(&rep);
    free(msg);
    static const char v2[] =
        HEADER "T1,04/03/2024,Acme Ltd,company,\"1,250.00\",Fuel,Fleet,Diesel,Framework,\n"
               "T4,2024-03-20,Beta plc,company,900.00,IT,Digital,Laptops,Quotes,\n";
    assert_int_equal(import(e, "v2.csv", v2, SPEND_FORCE, NULL, &rep, &msg), 2);
    char want[300];
    snprintf(want, sizeof want,
             "%s/v2.csv: force 2024-03: version 2 would replace version 1 (1 added, 1 removed, 1 "
             "changed): say why with --reason\n",
             e->dir);
    assert_string_equal(msg, want);
    free(msg);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM spend_version"), 2);
    assert_int_equal(import(e, "v2.csv", v2, SPEND_FORCE, "T1 was mis-keyed", &rep, &msg), 0);
    assert_int_equal(rep.months[0].outcome.version, 2);
    spend_file_report_free(&rep);
    free(msg);
    assert_int_equal(fixture_count(e->db,
                                   "SELECT count(*) FROM spend_change c JOIN spend_version v"
                                   " ON v.id = c.version_id WHERE v.version = 2 AND"
                                   " ((c.txn = 'T1' AND c.kind = 'changed' AND c.fields = 'amount')"
                                   " OR (c.txn = 'T2' AND c.kind = 'removed')"
                                   " OR (c.txn = 'T4' AND c.kind = 'added'))"),
                     3);
    assert_int_equal(fixture_count(e->db,
                                   "SELECT count(*) FROM spend_version WHERE version = 2 AND"
                                   " reason = 'T1 was mis-keyed' AND added = 1 AND removed = 1"
                                   " AND changed = 1 AND total_pence = 215000"),
                     1);
    /* version 1 is still there as it was */
    assert_int_equal(fixture_count(e->db,
                                   "SELECT total_pence FROM spend_version WHERE version = 1 AND"
                                   " month = '2024-03'"),
                     185050);
}

static void a_workbook_is_read_like_a_csv(void **state)
{
    struct fixture_env *e = *state;
    char path[512];
    snprintf(path, sizeof path, "%s/spend.xlsx", e->dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Over 500");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    const char *head[] = {"Body",   "Date",         "Transaction Number", "Supplier",
                          "Amount", "Expense Type", "Service Area",       "Purpose",
                          "Redact", "Spent by"};
    for (int c = 0; c < 10; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    lxw_datetime d = {.year = 2024, .month = 5, .day = 7};
    worksheet_write_string(ws, 1, 0, "Midshire Police", NULL);
    worksheet_write_datetime(ws, 1, 1, &d, date);
    worksheet_write_number(ws, 1, 2, 100234, NULL); /* a number cell as the reference */
    worksheet_write_string(ws, 1, 3, "John Doe", NULL);
    worksheet_write_number(ws, 1, 4, 523.1, NULL);
    worksheet_write_string(ws, 1, 5, "Compensation", NULL);
    worksheet_write_string(ws, 1, 7, "Damage to property", NULL);
    worksheet_write_string(ws, 1, 8, "Yes", NULL);
    worksheet_write_string(ws, 1, 9, "Chief Constable", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    struct spend_file_options o = {.body = -1};
    struct spend_file_report rep;
    struct buf err = BUF_INIT;
    assert_int_equal(spend_file_import(e->s, path, &o, &by, &rep, &err), 0);
    assert_string_equal(buf_str(&err), "");
    assert_int_equal(rep.redacted, 1);
    assert_int_equal(fixture_count(e->db,
                                   "SELECT count(*) FROM spend_item i JOIN spend_version v ON"
                                   " v.id = i.version_id WHERE v.body = 'force' AND"
                                   " v.month = '2024-05' AND i.txn = '100234' AND"
                                   " i.amount_pence = 52310 AND i.paid_on = '2024-05-07' AND"
                                   " i.supplier = 'Redacted: personal data'"),
                     1);
    spend_file_report_free(&rep);
    buf_free(&err);
}

static void office_holders_expenses_are_marked(void **state)
{
    struct fixture_env *e = *state;
    struct spend_file_report rep;
    char *msg;
    static const char bad[] = "Transaction Number,Date,Supplier,Amount,Expense Type,Purpose,"
                              "Office Holder Expense\n"
                              "T1,2024-03-01,Rail plc,12.50,Travel,Fare,perhaps\n";
    assert_int_equal(import(e, "bad.csv", bad, SPEND_PCC, NULL, &rep, &msg), 2);
    assert_non_null(strstr(msg, "bad.csv:2: office_holder: 'perhaps': yes or no"));
    free(msg);
    static const char good[] = "Transaction Number,Date,Supplier,Amount,Expense Type,Purpose,"
                               "Office Holder\n"
                               "T1,2024-03-01,Rail plc,12.50,Travel,Fare,yes\n"
                               "T2,2024-03-02,Hotel Ltd,95.00,Travel,Room,\n";
    assert_int_equal(import(e, "good.csv", good, SPEND_PCC, NULL, &rep, &msg), 0);
    spend_file_report_free(&rep);
    free(msg);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM spend_item WHERE office_holder = 1"
                                          " AND txn = 'T1' AND amount_pence = 1250"),
                     1);
    assert_int_equal(
        fixture_count(e->db, "SELECT count(*) FROM spend_item WHERE office_holder = 1"), 1);
    /* marking T2 too is a change of T2, in a new version with its reason */
    static const char marked[] = "Transaction Number,Date,Supplier,Amount,Expense Type,Purpose,"
                                 "Office Holder\n"
                                 "T1,2024-03-01,Rail plc,12.50,Travel,Fare,yes\n"
                                 "T2,2024-03-02,Hotel Ltd,95.00,Travel,Room,y\n";
    assert_int_equal(import(e, "marked.csv", marked, SPEND_PCC, "T2 was the Deputy's", &rep, &msg),
                     0);
    assert_int_equal(rep.months[0].outcome.version, 2);
    assert_int_equal(rep.months[0].outcome.changed, 1);
    spend_file_report_free(&rep);
    free(msg);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM spend_change WHERE txn = 'T2'"
                                          " AND kind = 'changed' AND fields = 'office_holder'"),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(money_read_and_written),
        cmocka_unit_test_setup_teardown(a_good_file_is_published_by_month, fixture_env_setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(every_bad_row_is_named_and_nothing_stored,
                                        fixture_env_setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(a_stated_total_must_add_up, fixture_env_setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(a_changed_month_is_a_new_version_with_a_reason,
                                        fixture_env_setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(office_holders_expenses_are_marked, fixture_env_setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(a_workbook_is_read_like_a_csv, fixture_env_setup,
                                        fixture_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
