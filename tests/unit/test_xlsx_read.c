/*
 * test_xlsx_read.c - the .xlsx reader (ingest/xlsx.h) on workbooks written
 * by libxlsxwriter (what Excel-like tools produce: shared strings, number
 * formats, formulas) and on parts written by hand with libzip (the 1904
 * date system, inline strings, gaps, and every hostile shape: a DTD, bad
 * references, rows out of order, caps). This build's copy of xlsx.c has
 * small caps (tests/CMakeLists.txt) so that each is reached in a moment.
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
#include <zip.h>

#include "fixtures.h"
#include "ingest/table_file.h"
#include "ingest/xlsx.h"
#include "util/buf.h"

/* Every row of the workbook as "LINE: a|b|c\n"; NULL and err when it
 * cannot be read. */
static char *rows_of(const struct buf *bytes, const char *sheet, struct buf *err)
{
    struct xlsx_reader *x = xlsx_reader_open("t.xlsx", bytes->p, bytes->len, sheet, err);
    if (!x)
        return NULL;
    struct buf out = BUF_INIT;
    struct csv_record rec;
    while (xlsx_reader_next(x, &rec) == 1) {
        buf_printf(&out, "%ld:", rec.line);
        for (size_t i = 0; i < rec.nfields; i++)
            buf_printf(&out, "%s%.*s", i ? "|" : " ", (int)rec.fields[i].len, rec.fields[i].p);
        buf_putc(&out, '\n');
    }
    xlsx_reader_close(x);
    buf_puts(&out, "");
    return buf_detach(&out);
}

static void read_back(const char *path, struct buf *bytes)
{
    struct buf err = BUF_INIT;
    assert_true(buf_read_file(bytes, path, &err));
    buf_free(&err);
}

/* A workbook as offices write them: a header, text, money, a date, a
 * boolean, a formula, an empty cell in the middle, a second sheet. */
static void a_written_workbook_reads_back(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/w.xlsx", dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *first = workbook_add_worksheet(wb, "Spend");
    lxw_worksheet *second = workbook_add_worksheet(wb, "Notes");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");
    worksheet_write_string(first, 0, 0, "Date", NULL);
    worksheet_write_string(first, 0, 1, "Supplier", NULL);
    worksheet_write_string(first, 0, 2, "Amount", NULL);
    worksheet_write_string(first, 0, 4, "Paid", NULL);
    lxw_datetime d = {.year = 2024, .month = 3, .day = 31};
    worksheet_write_datetime(first, 1, 0, &d, date);
    worksheet_write_string(first, 1, 1, "Acme, \"Ltd\"", NULL);
    worksheet_write_number(first, 1, 2, 1234.56, money);
    worksheet_write_boolean(first, 1, 4, 1, NULL);
    worksheet_write_formula_num(first, 3, 2, "=C2*2", NULL, 2469.12);
    worksheet_write_string(second, 0, 0, "other", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    struct buf bytes = BUF_INIT, err = BUF_INIT;
    read_back(path, &bytes);
    char *rows = rows_of(&bytes, NULL, &err);
    assert_non_null(rows);
    assert_string_equal(rows, "1: Date|Supplier|Amount||Paid\n"
                              "2: 2024-03-31|Acme, \"Ltd\"|1234.56||TRUE\n"
                              "4: ||2469.12\n");
    free(rows);
    rows = rows_of(&bytes, "Notes", &err);
    assert_string_equal(rows, "1: other\n");
    free(rows);
    assert_null(rows_of(&bytes, "Missing", &err));
    assert_string_equal(buf_str(&err), "t.xlsx: no sheet 'Missing' (sheets: 'Spend', 'Notes')\n");

    /* and through the one reader the importers use, with the raw row */
    struct table_reader *t = table_open("t.xlsx", &bytes, NULL, &err);
    assert_non_null(t);
    assert_true(table_is_xlsx(t));
    struct csv_record rec;
    assert_int_equal(table_next(t, &rec), 1);
    assert_int_equal(table_next(t, &rec), 1);
    assert_string_equal(rec.raw, "2024-03-31,\"Acme, \"\"Ltd\"\"\",1234.56,,TRUE");
    table_close(t);
    buf_free(&bytes);
    buf_free(&err);
    fixture_rmtree(dir);
    free(dir);
}

/* A zip of the given parts (name, text, ..., NULL) in memory. */
static void zip_parts(struct buf *out, ...)
{
    char *dir = fixture_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/h.xlsx", dir);
    int error;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
    assert_non_null(z);
    va_list ap;
    va_start(ap, out);
    const char *name;
    while ((name = va_arg(ap, const char *)) != NULL) {
        const char *text = va_arg(ap, const char *);
        zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
        assert_true(zip_file_add(z, name, src, ZIP_FL_OVERWRITE) >= 0);
    }
    va_end(ap);
    assert_int_equal(zip_close(z), 0);
    buf_reset(out);
    read_back(path, out);
    fixture_rmtree(dir);
    free(dir);
}

#define WORKBOOK_1904                                                                              \
    "<workbook xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main' "                 \
    "xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'>"               \
    "<workbookPr date1904='1'/><sheets><sheet name='S' sheetId='1' r:id='rId1'/></sheets>"         \
    "</workbook>"
#define RELS                                                                                       \
    "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"         \
    "<Relationship Id='rId1' Type='http://x/worksheet' Target='worksheets/sheet1.xml'/>"           \
    "<Relationship Id='rId2' Type='http://x/styles' Target='/xl/styles.xml'/>"                     \
    "<Relationship Id='rId3' Type='http://x/sharedStrings' Target='sharedStrings.xml'/>"           \
    "</Relationships>"
#define STYLES                                                                                     \
    "<styleSheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"               \
    "<numFmts count='1'><numFmt numFmtId='164' formatCode='\"Due \"d\\ mmm yy'/></numFmts>"        \
    "<cellXfs count='3'><xf numFmtId='0'/><xf numFmtId='164'/><xf numFmtId='20'/></cellXfs>"       \
    "</styleSheet>"
#define SST                                                                                        \
    "<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"                      \
    "<si><r><t>Rich </t></r><r><t>text</t></r><rPh><t>PHONETIC</t></rPh></si>"                     \
    "<si><t>a_x000D_b</t></si></sst>"
#define SHEET(rows)                                                                                \
    "<x:worksheet xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"            \
    "<x:sheetData>" rows "</x:sheetData></x:worksheet>"

/* Parts written by hand: prefixed element names, the 1904 date system, a
 * custom date format with quoted text, a time-only format left a number,
 * inline and rich strings, escapes, gaps, cells with no reference. */
static void hand_written_parts(void **state)
{
    (void)state;
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    zip_parts(&bytes, "xl/workbook.xml", WORKBOOK_1904, "xl/_rels/workbook.xml.rels", RELS,
              "xl/styles.xml", STYLES, "xl/sharedStrings.xml", SST, "xl/worksheets/sheet1.xml",
              SHEET("<x:row r='2'><x:c r='B2' t='s'><x:v>0</x:v></x:c>"
                    "<x:c t='s'><x:v>1</x:v></x:c>"
                    "<x:c r='E2' t='inlineStr'><x:is><x:t>in</x:t><x:r><x:t>line</x:t></x:r>"
                    "</x:is></x:c></x:row>"
                    "<x:row r='7'><x:c r='A7' s='1'><x:v>0</x:v></x:c>"
                    "<x:c r='B7' s='1'><x:v>45000.5</x:v></x:c>"
                    "<x:c r='C7' s='2'><x:v>0.25</x:v></x:c>"
                    "<x:c r='D7' t='e'><x:v>#N/A</x:v></x:c>"
                    "<x:c r='E7'><x:v>1E-3</x:v></x:c><x:c r='F7' s='1'/>"
                    "<x:c r='G7' t='str'><x:f>A1</x:f><x:v>formula text</x:v></x:c></x:row>"
                    "<x:row><x:c t='b'><x:v>0</x:v></x:c></x:row>"),
              NULL);
    char *rows = rows_of(&bytes, NULL, &err);
    assert_string_equal(buf_str(&err), "");
    assert_non_null(rows);
    /* 1904: day 0 is 1904-01-01; 45000 days on is 2027-03-16 */
    assert_string_equal(rows, "2: |Rich text|a\rb||inline\n"
                              "7: 1904-01-01|2027-03-16 12:00:00|0.25|#N/A|0.001||formula text\n"
                              "8: FALSE\n");
    free(rows);
    buf_free(&bytes);
    buf_free(&err);
}

/* The reader's error for a workbook whose sheet is the given XML (or, with
 * a NULL sheet, whose workbook part is). */
static void refused(const char *workbook, const char *sheet, const char *want)
{
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    zip_parts(&bytes, "xl/workbook.xml", workbook, "xl/_rels/workbook.xml.rels", RELS,
              "xl/sharedStrings.xml", SST, "xl/worksheets/sheet1.xml", sheet ? sheet : "<x/>",
              NULL);
    char *rows = rows_of(&bytes, NULL, &err);
    if (rows)
        fail_msg("read, not refused: %s", rows);
    if (!strstr(buf_str(&err), want))
        fail_msg("error '%s' does not say '%s'", buf_str(&err), want);
    buf_free(&bytes);
    buf_free(&err);
}

static void hostile_workbooks_are_refused_by_name(void **state)
{
    (void)state;
    refused(WORKBOOK_1904, SHEET("<x:row r='3'/><x:row r='2'/>"),
            "t.xlsx: sheet 'S' row 2: row 2 comes after row 3");
    refused(WORKBOOK_1904, SHEET("<x:row r='1'><x:c r='B1'/><x:c r='A1'/></x:row>"),
            "sheet 'S' cell A1: cells out of order or repeated");
    refused(WORKBOOK_1904, SHEET("<x:row r='1'><x:c r='A2'/></x:row>"),
            "sheet 'S' cell A2: a cell of row 2 inside row 1");
    refused(WORKBOOK_1904, SHEET("<x:row r='1'><x:c r='1A'/></x:row>"),
            "cell 1A: '1A' is not a cell reference");
    refused(WORKBOOK_1904, SHEET("<x:row r='1'><x:c r='ZZ1'><x:v>1</x:v></x:c></x:row>"),
            "cell ZZ1: column 702, over the limit of 64 columns");
    refused(WORKBOOK_1904, SHEET("<x:row r='1'><x:c r='C1' t='s'><x:v>9</x:v></x:c></x:row>"),
            "cell C1: shared string '9' is not one of the 2 in the workbook");
    refused(WORKBOOK_1904, SHEET("<x:row r='1'><x:c r='C1'><x:v>nan</x:v></x:c></x:row>"),
            "cell C1: 'nan' is not a number");
    refused(WORKBOOK_1904, SHEET("<x:row r='1'><x:c r='C1'><x:v>1</x:v></x:c></x:row>") "<",
            "xl/worksheets/sheet1.xml: line 1: ");
    refused(WORKBOOK_1904,
            "<!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]>" SHEET("<x:row/>"),
            "a document type declaration");
    refused("<workbook><sheets/></workbook>", NULL, "t.xlsx: the workbook has no sheets");
    /* more rows than this build's cap of 8 */
    refused(WORKBOOK_1904,
            SHEET("<x:row><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>1</x:v></x:c></x:row>"
                  "<x:row><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>1</x:v></x:c></x:row>"
                  "<x:row><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>1</x:v></x:c></x:row>"
                  "<x:row><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>1</x:v></x:c></x:row>"
                  "<x:row><x:c><x:v>1</x:v></x:c></x:row>"),
            "sheet 'S' cell A9: more than 8 rows");
}

/* A string over the cap, and a part that inflates past it: a zip bomb
 * stops at the cap (this build's: 64 KiB a part), whatever it claims. */
static void caps_on_strings_and_inflated_bytes(void **state)
{
    (void)state;
    struct buf big = BUF_INIT;
    buf_puts(&big, "<x:worksheet xmlns:x='u'><x:sheetData><x:row r='4'>"
                   "<x:c r='B4' t='inlineStr'><x:is><x:t>");
    for (int i = 0; i <= XLSX_MAX_STRING; i++)
        buf_putc(&big, 'x');
    buf_puts(&big, "</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>");
    refused(WORKBOOK_1904, buf_str(&big), "sheet 'S' cell B4: text of more than 1000 bytes");
    buf_reset(&big);
    buf_puts(&big, "<x:worksheet xmlns:x='u'>");
    for (unsigned i = 0; i <= XLSX_MAX_PART_BYTES; i++)
        buf_putc(&big, ' ');
    buf_puts(&big, "</x:worksheet>");
    refused(WORKBOOK_1904, buf_str(&big),
            "xl/worksheets/sheet1.xml: more than 65536 bytes of XML inflated, over the limit");
    buf_free(&big);

    struct buf bytes = BUF_INIT, err = BUF_INIT;
    buf_puts(&bytes, "PK\x03\x04 not really a zip");
    assert_null(xlsx_reader_open("t.xlsx", bytes.p, bytes.len, NULL, &err));
    assert_non_null(strstr(buf_str(&err), "t.xlsx: not an xlsx workbook (a zip archive)"));
    buf_reset(&err);
    zip_parts(&bytes, "a.txt", "hello", NULL);
    assert_null(xlsx_reader_open("t.xlsx", bytes.p, bytes.len, NULL, &err));
    assert_string_equal(buf_str(&err), "t.xlsx: not an Excel workbook (no xl/workbook.xml)\n");
    buf_free(&bytes);
    buf_free(&err);
}

#define SHEET_MERGED(rows, merges)                                                                 \
    "<x:worksheet xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"            \
    "<x:sheetData>" rows "</x:sheetData><x:mergeCells>" merges "</x:mergeCells></x:worksheet>"

/* The sheet's merged ranges by row: a range's columns point to its first
 * cell on the row it begins, to SIZE_MAX below it; other columns to
 * themselves. Bad ranges and too many are refused, naming the sheet. */
static void merged_ranges_are_read(void **state)
{
    (void)state;
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    zip_parts(&bytes, "xl/workbook.xml", WORKBOOK_1904, "xl/_rels/workbook.xml.rels", RELS,
              "xl/sharedStrings.xml", SST, "xl/worksheets/sheet1.xml",
              SHEET_MERGED("<x:row r='1'><x:c r='B1' t='s'><x:v>0</x:v></x:c></x:row>",
                           "<x:mergeCell ref='B1:C1'/><x:mergeCell ref='A1:A2'/>"
                           "<x:mergeCell ref='D1'/><x:mergeCell ref='E2:F3'/>"),
              NULL);
    struct xlsx_reader *x = xlsx_reader_open("t.xlsx", bytes.p, bytes.len, NULL, &err);
    assert_non_null(x);
    size_t first[6];
    const size_t row1[] = {0, 1, 1, 3, 4, 5}, row2[] = {SIZE_MAX, 1, 2, 3, 4, 4};
    assert_int_equal(xlsx_reader_merges(x, 1, 6, first), 3);
    assert_memory_equal(first, row1, sizeof row1);
    assert_int_equal(xlsx_reader_merges(x, 2, 6, first), 2);
    assert_memory_equal(first, row2, sizeof row2);
    assert_int_equal(xlsx_reader_merges(x, 2, 2, first), 2); /* columns past ncols untouched */
    assert_int_equal(first[0], SIZE_MAX);
    assert_int_equal(xlsx_reader_merges(x, 4, 6, first), 0);
    assert_int_equal(first[5], 5);
    xlsx_reader_close(x);
    buf_free(&bytes);
    buf_free(&err);
    static const char *const bad[] = {"B1:", "C1:B1", "B2:B1", "", "B1:C1:D1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char sheet[300], want[100];
        snprintf(sheet, sizeof sheet, SHEET_MERGED("<x:row r='1'/>", "<x:mergeCell ref='%s'/>"),
                 bad[i]);
        snprintf(want, sizeof want,
                 "t.xlsx: xl/worksheets/sheet1.xml: sheet 'S': merged range '%s'", bad[i]);
        refused(WORKBOOK_1904, sheet, want);
    }
    refused(WORKBOOK_1904,
            SHEET_MERGED("", "<x:mergeCell ref='A1'/><x:mergeCell ref='A2'/><x:mergeCell ref='A3'/>"
                             "<x:mergeCell ref='A4'/><x:mergeCell ref='A5'/>"),
            "sheet 'S': more than 4 merged ranges");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_written_workbook_reads_back),
        cmocka_unit_test(hand_written_parts),
        cmocka_unit_test(hostile_workbooks_are_refused_by_name),
        cmocka_unit_test(caps_on_strings_and_inflated_bytes),
        cmocka_unit_test(merged_ranges_are_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
