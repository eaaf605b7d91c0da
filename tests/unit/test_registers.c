/*
 * test_registers.c - the registers of interests, gifts and hospitality,
 * and salaries (store/registers.h, ingest/register_file.h,
 * assess/register_tables.h): files read and every kind of bad row named
 * by file, line and field; entries recorded as versions, a correction
 * refused without a reason, a withdrawal leaving its stub, each change
 * audited; the tables as the site shows them; and the transparency items
 * the registers keep showing as published once an entry or a nil return
 * is recorded. (That the table refuses UPDATE, DELETE and REPLACE is
 * test_append_only.c's.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "assess/register_tables.h"
#include "fixtures.h"
#include "ingest/register_file.h"
#include "model/calendar.h"
#include "store/transparency.h"
#include "util/month.h"

static const struct audit_origin by = {"mo", "test"};

/* Reads text as a file of register k named path: whether it was taken. */
static bool read_text(const char *path, const char *text, enum reg_kind k, struct reg_file *f,
                      struct buf *err)
{
    struct buf bytes = BUF_INIT;
    buf_putc(&bytes, 0);
    buf_reset(&bytes);
    buf_puts(&bytes, text);
    bool ok = reg_file_read(path, &bytes, NULL, k, f, err);
    buf_free(&bytes);
    return ok;
}

/* The problems of a file that must be refused. */
static void refused(const char *text, enum reg_kind k, struct buf *err)
{
    struct reg_file f;
    buf_reset(err);
    assert_false(read_text("r.csv", text, k, &f, err));
    assert_int_equal(f.n, 0);
}

static void has(const struct buf *err, const char *want)
{
    if (!strstr(buf_str(err), want))
        fail_msg("'%s' not in:\n%s", want, buf_str(err));
}

static void good_files(void **state)
{
    (void)state;
    struct reg_file f;
    struct buf err = BUF_INIT;
    assert_true(read_text("i.csv",
                          "Reference,Name,Office,Date declared,Interest type,Details,Other\n"
                          "I-1,A,PCC,02/03/2026,Employment,Director of X,ignored\n"
                          "\n"
                          "I-2,B,Deputy,2026-03-04,NIL,,\n",
                          REG_INTERESTS, &f, &err));
    assert_int_equal(f.n, 2);
    assert_string_equal(f.entries[0].date, "2026-03-02");
    assert_string_equal(f.entries[0].category, "employment");
    assert_string_equal(f.entries[1].category, REG_NIL);
    assert_int_equal(f.entries[1].line, 4);
    reg_file_free(&f);
    assert_true(read_text("s.csv",
                          "ref,name,job title,as at,responsibilities,salary,allowances\n"
                          "S-1,,Chief Finance Officer,2026-03-31,s.151,\"82,000.50\",\n",
                          REG_SALARIES, &f, &err));
    assert_string_equal(f.entries[0].holder, REG_WITHHELD);
    assert_int_equal(f.entries[0].value_pence, 8200050);
    assert_int_equal(f.entries[0].allowances_pence, 0);
    reg_file_free(&f);
    assert_true(read_text("g.csv",
                          "ref,name,post,date,type,details,donor,value,outcome\n"
                          "G-1,A,PCC,2026-03-02,Hospitality,Dinner,X Ltd,£45.00,Declined\n",
                          REG_GIFTS, &f, &err));
    assert_int_equal(f.entries[0].value_pence, 4500);
    assert_int_equal(f.entries[0].outcome, REG_DECLINED);
    assert_string_equal(f.entries[0].donor, "X Ltd");
    reg_file_free(&f);
    assert_int_equal(err.len, 0);
    buf_free(&err);
}

static void bad_rows(void **state)
{
    (void)state;
    struct buf err = BUF_INIT;
    refused("ref,name,post,date,type,details,donor,value,outcome\n"
            "G 1,A,PCC,2026-03-02,gift,Pen,B,10,accepted\n"    /* 2: a bad reference */
            "G-2,,PCC,2026-13-01,present,,,-1,kept\n"          /* 3: five problems */
            "G-2,A,PCC,2026-03-02,nil,,B,,\n"                  /* 4: repeated, a donor */
            "G-4,A,,2026-03-02,gift,Pen \xff,B,10,accepted\n", /* 5: no post, not UTF-8 */
            REG_GIFTS, &err);
    has(&err, "r.csv:2: ref: 'G 1' is not a reference");
    has(&err, "r.csv:3: name: empty: whose entry is it?");
    has(&err, "r.csv:3: date: '2026-13-01' is not a date");
    has(&err, "r.csv:3: category: 'present' is not a category of the gifts register");
    has(&err, "r.csv:3: donor: empty: who offered it?");
    has(&err, "r.csv:3: value: '-1' is not an amount in pounds of nothing or more");
    has(&err, "r.csv:3: outcome: 'kept' is not accepted or declined");
    has(&err, "r.csv:4: ref: 'G-2' is also on line 3");
    has(&err, "r.csv:4: donor: a nil return (nothing to declare) has no donor");
    has(&err, "r.csv:5: post: empty");
    has(&err, "r.csv:5: details: not UTF-8 text");
    refused("ref,name,post,date,details\n", REG_INTERESTS, &err);
    has(&err, "r.csv:1: no category column (docs/registers.md lists the names known)");
    refused("ref,name,post,as at,responsibilities,salary\nS-1,A,CEO,2026-03-31,,0\n", REG_SALARIES,
            &err);
    has(&err, "r.csv:2: details: empty: what the post does");
    has(&err, "r.csv:2: salary: '0' is not an amount in pounds over nothing");
    refused("ref,name,post,date,category,details\n", REG_INTERESTS, &err);
    has(&err, "r.csv:1: no entries after the header");
    refused("", REG_INTERESTS, &err);
    has(&err, "r.csv:1: empty file: no header");
    buf_free(&err);
}

static const struct reg_source src = {"g.csv", "0000000000000000000000000000000000000000000000"
                                               "000000000000000000"};

/* The rows of the current table, and its value column for GH-1. */
static size_t current_rows(struct store *s, enum reg_kind k, bool human, struct buf *gh1)
{
    struct table t;
    struct buf err = BUF_INIT;
    assert_int_equal(reg_current_table(s, k, human, &t, &err), 0);
    size_t n = t.nrows;
    buf_reset(gh1);
    for (size_t r = 0; r < n; r++)
        for (size_t c = 0; c < t.ncols; c++)
            table_cell_text(table_cell(&t, r, c), human, gh1), buf_putc(gh1, '|');
    table_free(&t);
    buf_free(&err);
    return n;
}

/* One store for the tests below (opening one is most of their time):
 * they write to different registers. */
struct shared {
    char *dir;
    sqlite3 *db;
    struct store *s;
};

static int open_store(void **state)
{
    struct shared *sh = calloc(1, sizeof *sh);
    assert_non_null(sh);
    sh->dir = fixture_tmpdir();
    sh->s = fixture_store_open(sh->dir, &sh->db);
    *state = sh;
    return 0;
}

static int close_store(void **state)
{
    struct shared *sh = *state;
    fixture_store_close(sh->s, sh->db, sh->dir);
    free(sh);
    return 0;
}

static void versions_and_withdrawal(void **state)
{
    struct shared *sh = *state;
    struct store *s = sh->s;
    sqlite3 *db = sh->db;
    struct buf err = BUF_INIT, text = BUF_INIT;
    struct reg_entry e[] = {
        {"GH-1", "A", "PCC", "2026-03-02", "gift", "Pen", "B Ltd", 1050, 0, REG_DECLINED, 2},
        {"GH-2", "A", "PCC", "2026-03-03", "hospitality", "SECRET-lunch", "C", 0, 0, REG_ACCEPTED,
         3},
    };
    int out[2];
    assert_int_equal(store_reg_record(s, REG_GIFTS, e, 2, NULL, &src, &by, false, out, &err), 0);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 1);
    /* the same again changes nothing */
    assert_int_equal(store_reg_record(s, REG_GIFTS, e, 2, NULL, &src, &by, false, out, &err), 0);
    assert_int_equal(out[0] + out[1], 0);
    /* a correction needs its reason: refused, nothing written */
    e[0].value_pence = 1500;
    assert_int_equal(store_reg_record(s, REG_GIFTS, e, 2, NULL, &src, &by, false, out, &err),
                     REG_NEEDS_REASON);
    has(&err, "GH-1: version 2 would correct version 1: say why with --reason");
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM register_entry"), 2);
    buf_reset(&err);
    assert_int_equal(
        store_reg_record(s, REG_GIFTS, e, 2, "Value misread", &src, &by, true, out, &err), 0);
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM register_entry"), 2); /* dry run */
    assert_int_equal(
        store_reg_record(s, REG_GIFTS, e, 2, "Value misread", &src, &by, false, out, &err), 0);
    assert_int_equal(out[0], 2);
    assert_int_equal(out[1], 0);
    assert_int_equal(current_rows(s, REG_GIFTS, true, &text), 2);
    if (!strstr(buf_str(&text), "GH-1|A|PCC|2026-03-02|gift|Pen|B Ltd|£15.00|declined|2|current|"
                                "Value misread|"))
        fail_msg("%s", buf_str(&text));
    current_rows(s, REG_GIFTS, false, &text);
    has(&text, "|15.00|declined|");
    /* withdrawn: a stub with its reason, once; what it said off the public tables */
    assert_int_equal(store_reg_withdraw(s, REG_GIFTS, "GH-2", "Wrong person", &by, &err), 0);
    assert_int_equal(store_reg_withdraw(s, REG_GIFTS, "GH-2", "Again", &by, &err), REG_NO_ENTRY);
    assert_int_equal(store_reg_withdraw(s, REG_GIFTS, "GH-9", "None", &by, &err), REG_NO_ENTRY);
    buf_reset(&err);
    assert_int_equal(store_reg_record(s, REG_GIFTS, e, 2, "Back", &src, &by, false, out, &err),
                     REG_NEEDS_REASON);
    has(&err, "GH-2: withdrawn");
    current_rows(s, REG_GIFTS, false, &text);
    has(&text, "GH-2|");
    has(&text, "|withdrawn|Wrong person|");
    assert_null(strstr(buf_str(&text), "SECRET-lunch"));
    struct table t;
    assert_int_equal(reg_versions_table(s, REG_GIFTS, NULL, false, false, &t, &err), 0);
    assert_int_equal(t.nrows, 3); /* GH-1 v1 and v2, GH-2's stub */
    table_free(&t);
    assert_int_equal(reg_versions_table(s, REG_GIFTS, "GH-2", true, false, &t, &err), 0);
    assert_int_equal(t.nrows, 2); /* the staff see what was withdrawn */
    table_free(&t);
    /* every change audited */
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM audit WHERE action ="
                                       " 'register.record' AND object LIKE 'register:gifts:%'"),
                     3);
    assert_int_equal(fixture_count(db,
                                   "SELECT count(*) FROM audit WHERE action ="
                                   " 'register.withdraw' AND object = 'register:gifts:GH-2:v2'"),
                     1);
    buf_free(&text);
    buf_free(&err);
}

struct seen {
    int interests, salaries_covered;
};

static void take(void *arg, const struct tr_item_view *v)
{
    struct seen *s = arg;
    if (v->item.reg == TR_REGISTER_INTERESTS)
        s->interests = v->history.last_published;
    if (v->item.reg == TR_REGISTER_SALARIES)
        s->salaries_covered = v->history.covered;
}

static void transparency_items(void **state)
{
    struct store *s = ((struct shared *)*state)->s;
    struct tr_item items[] = {
        {"interests",
         "Interests",
         "SIO 1(e)",
         "PCC",
         {TR_ON_CHANGE, 28, CLOCK_CALENDAR_DAYS},
         "/registers/interests",
         TR_REGISTER_INTERESTS,
         ""},
        {"senior-salaries",
         "Salaries",
         "SIO 2(d)",
         "PCC",
         {TR_ANNUAL, 60, CLOCK_WORKING_DAYS},
         "/registers/salaries",
         TR_REGISTER_SALARIES,
         ""},
    };
    struct buf err = BUF_INIT;
    char sha[65];
    memset(sha, 'a', 64), sha[64] = 0;
    int64_t id;
    assert_int_equal(store_tr_load(s, "t.csv", sha, items, 2, &by, &id, &err), 0);
    struct seen seen = {0, 0};
    assert_int_equal(store_tr_items(s, take, &seen, &err), 2);
    assert_int_equal(seen.interests, DATE_NONE); /* nothing recorded yet */
    /* a nil return is enough to show the register kept */
    struct reg_entry nil = {"I-1", "B", "Deputy", "2026-03-04", REG_NIL, "", "", 0, 0, 0, 2};
    struct reg_entry pay = {"S-1", "A", "PCC", "2026-03-31", "", "Leads", "", 8670000, 0, 0, 2};
    int out;
    assert_int_equal(
        store_reg_record(s, REG_INTERESTS, &nil, 1, NULL, &src, &by, false, &out, &err), 0);
    assert_int_equal(store_reg_record(s, REG_SALARIES, &pay, 1, NULL, &src, &by, false, &out, &err),
                     0);
    assert_int_equal(store_tr_items(s, take, &seen, &err), 2);
    assert_int_equal(seen.interests, date_today());
    int march = 0;
    assert_true(month_parse("2025-04", 7, &march)); /* as at 31 March 2026: the year 2025-26 */
    assert_int_equal(seen.salaries_covered, march);
    /* kept by the register: not recorded by hand */
    assert_int_equal(store_tr_event(s, "interests", date_today(), "x", &by, &err),
                     TR_KEPT_BY_REGISTER);
    buf_free(&err);
}

/* A sheet of a workbook is read as a CSV is: a date cell, a number cell. */
static void a_workbook(void **state)
{
    struct shared *sh = *state;
    char path[512];
    snprintf(path, sizeof path, "%s/salaries.xlsx", sh->dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Senior staff");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    const char *head[] = {"Ref", "Name", "Job title", "As at", "Responsibilities", "Salary"};
    for (int c = 0; c < 6; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    lxw_datetime d = {.year = 2026, .month = 3, .day = 31};
    worksheet_write_string(ws, 1, 0, "SAL-X", NULL);
    worksheet_write_string(ws, 1, 2, "Chief Executive", NULL);
    worksheet_write_datetime(ws, 1, 3, &d, date);
    worksheet_write_string(ws, 1, 4, "Heads the Office", NULL);
    worksheet_write_number(ws, 1, 5, 98500.5, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    struct reg_file_options o = {.sheet = "Senior staff"};
    struct reg_file f;
    int *versions;
    struct buf err = BUF_INIT;
    assert_int_equal(reg_file_import(sh->s, REG_SALARIES, path, &o, &by, &f, &versions, &err), 0);
    assert_string_equal(buf_str(&err), "");
    assert_int_equal(versions[0], 1);
    assert_string_equal(f.entries[0].date, "2026-03-31");
    assert_int_equal(f.entries[0].value_pence, 9850050);
    assert_string_equal(f.entries[0].holder, REG_WITHHELD);
    assert_int_equal(fixture_count(sh->db, "SELECT count(*) FROM register_entry WHERE"
                                           " ref = 'SAL-X' AND file_name = 'salaries.xlsx'"),
                     1);
    reg_file_free(&f);
    free(versions);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest files[] = {
        cmocka_unit_test(good_files),
        cmocka_unit_test(bad_rows),
    };
    const struct CMUnitTest store[] = {
        cmocka_unit_test(versions_and_withdrawal),
        cmocka_unit_test(transparency_items),
        cmocka_unit_test(a_workbook),
    };
    return cmocka_run_group_tests(files, NULL, NULL) |
           cmocka_run_group_tests(store, open_store, close_store);
}
