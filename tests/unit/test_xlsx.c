/*
 * test_xlsx.c - tables as a workbook: sheet names Excel accepts, numbers
 * stored as numbers, title, header and notes in their places. The workbook
 * is read back with libzip: an XLSX file is a zip of XML parts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "render/xlsx.h"

static void name(const char *in, const char *const *taken, size_t n, const char *want)
{
    char out[32];
    xlsx_sheet_name(in, taken, n, out);
    assert_string_equal(out, want);
}

static void sheet_names_excel_accepts(void **state)
{
    (void)state;
    name("Exceptions", NULL, 0, "Exceptions");
    name("Burglary [Q1]: 2021/22?", NULL, 0, "Burglary _Q1__ 2021_22_");
    name("", NULL, 0, "Sheet");
    name("A name that is far longer than thirty-one bytes", NULL, 0,
         "A name that is far longer than"); /* cut at a word */
    name("Level of Victim Code of Practice compliance", NULL, 0, "Level of Victim Code of");
    /* 30 ASCII bytes then a two-byte character: not cut in half */
    name("123456789012345678901234567890\xc3\xa9", NULL, 0, "123456789012345678901234567890");
    const char *const taken[] = {"Metrics", "metrics (2)"};
    name("METRICS", taken, 1, "METRICS (2)"); /* Excel ignores case */
    name("Metrics", taken, 2, "Metrics (3)");
}

/* The text of one part of the workbook. */
static char *part(const char *path, const char *name_in_zip)
{
    int error;
    zip_t *z = zip_open(path, ZIP_RDONLY, &error);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name_in_zip, 0, &st), 0);
    char *text = calloc(1, st.size + 1);
    zip_file_t *f = zip_fopen(z, name_in_zip, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, text, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    zip_close(z);
    return text;
}

static void a_table_becomes_a_sheet(void **state)
{
    (void)state;
    static const char *const cols[] = {"district", "crimes", "rate"};
    struct table t;
    table_init(&t, 3, cols);
    table_set_title(&t, "Burglary by district <2021-22>");
    size_t r = table_add_row(&t);
    table_set_text(&t, r, 0, "Charnwood");
    table_set_int(&t, r, 1, 609);
    table_set_real(&t, r, 2, 3.4502, 2, NULL);
    table_add_note(&t, "Source: data.police.uk");
    char path[] = "/tmp/peel-test-xlsx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    struct xlsx_sheet sheet = {"Burglary", &t, NULL};
    struct buf err = BUF_INIT;
    assert_int_equal(xlsx_write(path, &sheet, 1, &err), 0);

    char *wb = part(path, "xl/workbook.xml");
    assert_non_null(strstr(wb, "<sheet name=\"Burglary\""));
    char *ws = part(path, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(ws, "<c r=\"B4\" s=\""));   /* the count, under the header row 3 */
    assert_non_null(strstr(ws, "<v>609</v>"));         /* a number, not text */
    assert_non_null(strstr(ws, "<v>3.4502</v>"));      /* full precision, shown with 2 decimals */
    assert_non_null(strstr(ws, "<pane ySplit=\"3\"")); /* the header row stays in view */
    char *strings = part(path, "xl/sharedStrings.xml");
    assert_non_null(strstr(strings, "Burglary by district &lt;2021-22&gt;"));
    assert_non_null(strstr(strings, "Source: data.police.uk"));
    assert_non_null(strstr(strings, "Charnwood"));
    free(wb);
    free(ws);
    free(strings);
    table_free(&t);
    unlink(path);
    buf_free(&err);
}

/* Money is the amount, a number shown as pounds, never its text: a sum
 * in the sheet works. A unit cost keeps its fraction of a penny. */
static void money_is_a_number(void **state)
{
    (void)state;
    static const char *const cols[] = {"service", "annual_value", "unit_cost"};
    struct table t;
    table_init(&t, 3, cols);
    size_t r = table_add_row(&t);
    table_set_text(&t, r, 0, "Victims");
    table_set_money(&t, r, 1, 461839400, true); /* £4,618,394.00 as text */
    table_set_money_unrounded(&t, r, 2, 14666.666666, true);
    assert_string_equal(table_cell(&t, r, 2)->text, "\xc2\xa3"
                                                    "146.67");
    r = table_add_row(&t);
    table_set_money(&t, r, 1, -12345, false);
    char path[] = "/tmp/peel-test-xlsx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    struct xlsx_sheet sheet = {"Money", &t, NULL};
    struct buf err = BUF_INIT;
    assert_int_equal(xlsx_write(path, &sheet, 1, &err), 0);
    char *ws = part(path, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(ws, "<v>4618394</v>"));
    assert_non_null(strstr(ws, "<v>146.66666666"));
    assert_non_null(strstr(ws, "<v>-123.45</v>"));
    char *strings = part(path, "xl/sharedStrings.xml");
    assert_null(strstr(strings, "\xc2\xa3")); /* no amount as text */
    char *styles = part(path, "xl/styles.xml");
    assert_non_null(strstr(styles, "formatCode=\"\xc2\xa3#,##0.00;-\xc2\xa3#,##0.00\""));
    free(ws);
    free(strings);
    free(styles);
    table_free(&t);
    unlink(path);
    buf_free(&err);
}

static void headings_read_as_words(void **state)
{
    (void)state;
    char out[64];
    xlsx_heading("lower_limit", out, sizeof out);
    assert_string_equal(out, "Lower limit");
    xlsx_heading("find_rate_pct", out, sizeof out);
    assert_string_equal(out, "Find rate %");
    xlsx_heading("per_1000", out, sizeof out);
    assert_string_equal(out, "Per 1,000");
    xlsx_heading("Source", out, sizeof out);
    assert_string_equal(out, "Source");
    xlsx_heading("a_very_long_key", out, 8);
    assert_string_equal(out, "A very ");
}

/* A metric's sheet as an analyst keeps it: months as dates, an Excel
 * table with filters and readable headers, sized columns, a chart. */
static void a_workbook_an_analyst_keeps(void **state)
{
    (void)state;
    static const char *const cols[] = {"period", "value", "mean", "loaded_at", "note"};
    struct table t;
    table_init(&t, 5, cols);
    table_set_title(&t, "Burglary");
    for (int m = 1; m <= 3; m++) {
        char month[8];
        snprintf(month, sizeof month, "2022-%02d", m);
        size_t r = table_add_row(&t);
        table_set_text(&t, r, 0, month);
        table_set_real(&t, r, 1, 100.0 + m, 0, NULL);
        table_set_real(&t, r, 2, 102.0, 1, NULL);
        table_set_text(&t, r, 3, "2026-12-05T08:18:33Z");
        table_set_text(&t, r, 4, m == 2 ? "A sentence long enough to need a wider column" : "");
    }
    char path[] = "/tmp/peel-test-xlsx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    static const struct xlsx_chart chart = {{1, 2}, 2, false, 0};
    /* the same table again, as columns of its first two rows only (as the
     * annual workbook charts its lines and not their total) */
    static const struct xlsx_chart bars = {{1, 2}, 2, true, 2};
    struct xlsx_sheet sheets[] = {{"Burglary", &t, &chart}, {"Burglary as bars", &t, &bars}};
    struct buf err = BUF_INIT;
    assert_int_equal(xlsx_write(path, sheets, 2, &err), 0);

    char *ws = part(path, "xl/worksheets/sheet1.xml");
    /* January 2022 is Excel's day 44562, a number with a date format */
    assert_non_null(strstr(ws, "<c r=\"A4\" s=\""));
    assert_non_null(strstr(ws, "<v>44562</v>"));
    assert_non_null(strstr(ws, "<v>44621</v>")); /* March */
    /* 5 December 2026 08:18:33 as a day and a fraction */
    assert_non_null(strstr(ws, "<v>46361.346215277"));
    assert_non_null(strstr(ws, "<tablePart r:id="));
    assert_non_null(strstr(ws, "<drawing r:id="));
    /* the note column as wide as its sentence (45 characters + 2) */
    assert_non_null(strstr(ws, "<col min=\"5\" max=\"5\" width=\"47."));
    char *table = part(path, "xl/tables/table1.xml");
    assert_non_null(strstr(table, "ref=\"A3:E6\""));
    assert_non_null(strstr(table, "<autoFilter ref=\"A3:E6\""));
    assert_non_null(strstr(table, "name=\"Loaded at\""));
    char *styles = part(path, "xl/styles.xml");
    assert_non_null(strstr(styles, "formatCode=\"mmm yyyy\""));
    char *ch = part(path, "xl/charts/chart1.xml");
    assert_non_null(strstr(ch, "<c:lineChart>"));
    assert_non_null(strstr(ch, "<c:f>Burglary!$B$4:$B$6</c:f>"));
    assert_non_null(strstr(ch, "<c:f>Burglary!$C$4:$C$6</c:f>"));
    char *ch2 = part(path, "xl/charts/chart2.xml");
    assert_non_null(strstr(ch2, "<c:barChart>"));
    assert_non_null(strstr(ch2, "<c:barDir val=\"col\"/>"));
    assert_non_null(strstr(ch2, "<c:f>'Burglary as bars'!$B$4:$B$5</c:f>"));
    free(ch2);
    free(ws);
    free(table);
    free(styles);
    free(ch);
    table_free(&t);
    unlink(path);
    buf_free(&err);
}

static void an_unwritable_path_is_named(void **state)
{
    (void)state;
    static const char *const cols[] = {"x"};
    struct table t;
    table_init(&t, 1, cols);
    struct xlsx_sheet sheet = {"x", &t, NULL};
    struct buf err = BUF_INIT;
    assert_int_equal(xlsx_write("/nonexistent-dir/out.xlsx", &sheet, 1, &err), -1);
    assert_non_null(strstr(err.p, "/nonexistent-dir/out.xlsx"));
    buf_free(&err);
    table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sheet_names_excel_accepts),
        cmocka_unit_test(a_table_becomes_a_sheet),
        cmocka_unit_test(money_is_a_number),
        cmocka_unit_test(headings_read_as_words),
        cmocka_unit_test(a_workbook_an_analyst_keeps),
        cmocka_unit_test(an_unwritable_path_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
