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
         "A name that is far longer than ");
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
    struct xlsx_sheet sheet = {"Burglary", &t};
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

static void an_unwritable_path_is_named(void **state)
{
    (void)state;
    static const char *const cols[] = {"x"};
    struct table t;
    table_init(&t, 1, cols);
    struct xlsx_sheet sheet = {"x", &t};
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
        cmocka_unit_test(an_unwritable_path_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
