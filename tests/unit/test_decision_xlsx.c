/*
 * test_decision_xlsx.c - `peel decision import` of an .xlsx workbook
 * (ingest/decision_file.h through ingest/table_file.h): the same checks
 * and the same all-or-nothing import as a CSV, a date cell read as its
 * date, money as a number cell, and a bad row named by its sheet row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "fixtures.h"
#include "ingest/decision_file.h"
#include "store/accounts.h"
#include "store/decisions.h"

/* A register of two decisions; bad_date puts text no date reads as in the
 * second row's date cell. */
static void write_register(const char *path, bool bad_date)
{
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Decisions");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    const char *head[] = {"Reference", "Date", "Title", "Decision", "Value"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    for (int r = 1; r <= 2; r++) {
        char ref[32];
        snprintf(ref, sizeof ref, "PCC/2025/%03d", r);
        worksheet_write_string(ws, (lxw_row_t)r, 0, ref, NULL);
        lxw_datetime d = {.year = 2025, .month = 4, .day = r};
        if (bad_date && r == 2)
            worksheet_write_string(ws, (lxw_row_t)r, 1, "the first of April", NULL);
        else
            worksheet_write_datetime(ws, (lxw_row_t)r, 1, &d, date);
        worksheet_write_string(ws, (lxw_row_t)r, 2, "Grant to a youth project", NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 3, "Approved", NULL);
        worksheet_write_number(ws, (lxw_row_t)r, 4, 39305.4, NULL);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

struct seen {
    char decided_on[16];
    long long pence;
};

static void keep(void *arg, const struct decision_public *d)
{
    struct seen *seen = arg;
    snprintf(seen->decided_on, sizeof seen->decided_on, "%s", d->decided_on);
    seen->pence = d->text.amount_pence;
}

static void a_workbook_imports_like_a_csv(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    char bad[512], good[512];
    snprintf(bad, sizeof bad, "%s/bad.xlsx", dir);
    snprintf(good, sizeof good, "%s/good.xlsx", dir);
    write_register(bad, true);
    write_register(good, false);
    struct audit_origin by = {"off", "test"};
    struct buf err = BUF_INIT;
    struct account off = {.username = "off", .name = "N", .role = "officer"};
    assert_int_equal(store_account_add(s, &off, "$argon2id$x", &by, &err), 0);
    size_t n = 99;
    /* a bad row: named by the sheet's row, and nothing stored */
    assert_int_equal(decision_file_import(s, bad, false, &by, &n, &err), 2);
    char want[600];
    snprintf(want, sizeof want,
             "%s:3: date: 'the first of April' is not a date (YYYY-MM-DD or DD/MM/YYYY)\n", bad);
    assert_string_equal(buf_str(&err), want);
    assert_int_equal(n, 0);
    assert_int_equal(store_decision_exists(s, "PCC/2025/001", &err), 0);
    buf_reset(&err);
    assert_int_equal(decision_file_import(s, good, false, &by, &n, &err), 0);
    assert_string_equal(buf_str(&err), "");
    assert_int_equal(n, 2);
    struct seen seen = {0};
    assert_int_equal(store_decision_public(s, "PCC/2025/002", 0, keep, &seen, &err), 0);
    assert_string_equal(seen.decided_on, "2025-04-02");
    assert_int_equal(seen.pence, 3930540);
    buf_free(&err);
    fixture_store_close(s, NULL, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_workbook_imports_like_a_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
