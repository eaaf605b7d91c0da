/*
 * test_iopc_xlsx.c - the IOPC's data tables read straight from a workbook
 * (ingest/iopc_xlsx.h), on workbooks made here with libxlsxwriter in the
 * layout the IOPC's annual tables have: title rows naming the year, a
 * header row starting "Force", a row per force and a Total row. The
 * force's figures and England and Wales are read from two sheets, a
 * column Peel does not know left alone, a suppressed cell giving no
 * figure, an average rounded to 4 decimals; every problem is named by
 * file, sheet, row and column, and any means no bulletin; the bulletin
 * is stored as the year's figures (store_iopc_load_year).
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
#include "ingest/iopc_xlsx.h"
#include "model/calendar.h"
#include "store/iopc.h"
#include "util/month.h"
#include "util/sha256.h"

/* One sheet's rows: each a row of cells ("" left empty; a cell starting
 * '#' written as a number). */
struct sheet {
    const char *name;
    const char *const (*rows)[5];
    size_t n;
};

static char *workbook(const char *dir, const char *file, const struct sheet *sheets, size_t n)
{
    size_t len = strlen(dir) + strlen(file) + 2;
    char *path = malloc(len);
    snprintf(path, len, "%s/%s", dir, file);
    lxw_workbook *wb = workbook_new(path);
    for (size_t s = 0; s < n; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s].name);
        for (size_t r = 0; r < sheets[s].n; r++)
            for (lxw_col_t c = 0; c < 5; c++) {
                const char *v = sheets[s].rows[r][c];
                if (!v || !*v)
                    continue;
                if (v[0] == '#')
                    worksheet_write_number(ws, (lxw_row_t)r + 1, c, strtod(v + 1, NULL), NULL);
                else
                    worksheet_write_string(ws, (lxw_row_t)r + 1, c, v, NULL);
            }
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

/* The first sheet: the finalised cases, Leicestershire's row and Total. */
static const char *const finalised[][5] = {
    {"Table 3: Complaint cases finalised by force, 2024/25", "", "", "", ""},
    {"Force", "Number of valid complaint cases finalised outside of Schedule 3 [note 2]",
     "Average number of days to finalise outside of Schedule 3", "A column Peel does not keep", ""},
    {"Lancashire", "#900", "#20", "#1", ""},
    {"Leicestershire", "#1204", "#18.333333333333", "#2", ""},
    {"Total", "#60210", "#21.5", "#3", ""},
};
/* The second: the reviews by the local policing body, one suppressed. */
static const char *const reviews[][5] = {
    {"Table 27: Reviews completed in 2024/25", "", "", "", ""},
    {"", "Police force", "Valid reviews completed by the local policing body",
     "Average days for the local policing body to complete a review", ""},
    {"", "Leicestershire Police", "#203", "[c]", ""},
    {"", "England and Wales", "#9100", "#44", ""},
};

static const char *value_of(const struct iopc_bulletin *b, const char *code, int col)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->rows[i].measure, code) == 0)
            return b->rows[i].value[col];
    return NULL;
}

static void the_tables_are_read(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct sheet sheets[] = {{"Table 3", finalised, 5}, {"Table 27", reviews, 4}};
    char *path = workbook(dir, "stats.xlsx", sheets, 2);
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    assert_true(buf_read_file(&bytes, path, &err));
    assert_true(iopc_xlsx_is(bytes.p, bytes.len));
    struct iopc_bulletin b;
    struct iopc_xlsx_options o = {"leicestershire", -1};
    if (iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_string_equal(b.force, "leicestershire");
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    date_format(b.from, from);
    date_format(b.to, to);
    assert_string_equal(from, "2024-04-01");
    assert_string_equal(to, "2025-03-31");
    assert_int_equal(b.n, 3); /* the review days are suppressed: no figure */
    assert_string_equal(value_of(&b, "cases_finalised_outside_schedule_3", 0), "1204");
    assert_string_equal(value_of(&b, "cases_finalised_outside_schedule_3", 3), "60210");
    assert_string_equal(value_of(&b, "days_to_finalise_outside_schedule_3", 0), "18.3333");
    assert_string_equal(value_of(&b, "reviews_completed_lpb", 0), "203");
    assert_string_equal(value_of(&b, "reviews_completed_lpb", 3), "9100");
    assert_null(value_of(&b, "days_to_review_lpb", 0));
    /* stored as the year's figures */
    char *sdir = fixture_tmpdir();
    struct store *s = fixture_store_open(sdir, NULL);
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes.p, bytes.len, sha);
    struct iopc_source src = {"stats.xlsx", sha, "", NULL};
    int period, version;
    const struct audit_origin by = {"cli:tester", "peel iopc import stats.xlsx"};
    assert_int_equal(store_iopc_load_year(s, &b, &src, &by, &period, &version, &err), 0);
    char name[PERIOD_TEXT_SIZE];
    period_format(PERIOD_YEAR, period, name);
    assert_string_equal(name, "2024-25");
    fixture_store_close(s, NULL, sdir);
    iopc_bulletin_free(&b);
    /* another force's row is read for it; a force not listed is named */
    o.force = "Lancashire Constabulary";
    assert_int_equal(iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err), -1);
    assert_non_null(strstr(buf_str(&err), "stats.xlsx: sheet 'Table 27' row 3: the table has "
                                          "no row for Lancashire Constabulary"));
    buf_free(&bytes);
    buf_free(&err);
    free(path);
    fixture_rmtree(dir);
    free(dir);
}

static const char *const bad[][5] = {
    {"Complaints 2024/25", "", "", "", ""},
    {"Force", "Complaint cases logged", "Allegations logged", "", ""},
    {"Leicestershire", "1,204", "#12.5", "", ""},
    {"Total", "#60210", "#1", "", ""},
    {"Leicestershire", "#1", "#1", "", ""},
};
static const char *const other_year[][5] = {
    {"Complaints 2023/24", "", "", "", ""},
    {"Force", "Complaint cases logged", "", "", ""},
    {"Leicestershire", "#5", "", "", ""},
};

static void every_problem_is_named(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct sheet sheets[] = {{"Cases", bad, 5}, {"Older", other_year, 3}};
    char *path = workbook(dir, "bad.xlsx", sheets, 2);
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    assert_true(buf_read_file(&bytes, path, &err));
    struct iopc_bulletin b;
    struct iopc_xlsx_options o = {"leicestershire", -1};
    assert_int_equal(iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err), -1);
    assert_int_equal(b.n, 0);
    const char *e = buf_str(&err);
    assert_non_null(strstr(e, "bad.xlsx: sheet 'Cases' row 6: Leicestershire Police is listed "
                              "twice (row 4)"));
    assert_non_null(strstr(e, "bad.xlsx: sheet 'Cases' row 4: Complaint cases logged: \"1,204\""));
    assert_non_null(strstr(e, "sheet 'Cases' row 4: Allegations logged: \"12.5\""));
    assert_non_null(strstr(e, "sheet 'Older' row 2: the title names 2023-24, but sheet 'Cases' "
                              "named 2024-25"));
    /* --year settles the year, but not the other problems */
    buf_reset(&err);
    o.fy = 2024;
    assert_int_equal(iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err), -1);
    assert_non_null(strstr(buf_str(&err), "cases_logged is given twice (sheet 'Cases' row 4)"));
    /* not a workbook, and not a force */
    buf_reset(&err);
    assert_int_equal(iopc_xlsx_read("x.xlsx", "PK\3\4junk", 8, &o, &b, &err), -1);
    assert_non_null(strstr(buf_str(&err), "x.xlsx: not an xlsx workbook"));
    buf_reset(&err);
    o.force = "Gotham";
    assert_int_equal(iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err), -1);
    assert_non_null(strstr(buf_str(&err), "--force: \"Gotham\" is not a police force"));
    buf_free(&bytes);
    buf_free(&err);
    free(path);
    fixture_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_tables_are_read),
        cmocka_unit_test(every_problem_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
