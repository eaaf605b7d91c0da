/*
 * fuzz_iopc_xlsx.c - libFuzzer target for the IOPC's data tables read from
 * a workbook (src/ingest/iopc_xlsx.c, `peel iopc import FILE.xlsx`).
 *
 * Mutated archive bytes are nearly always refused by their CRCs before any
 * XML is read (fuzz_xlsx covers that path), so the input is the worksheet:
 * up to three sheets' XML separated by NUL bytes, stored into a
 * well-formed archive here beside a fixed workbook naming them, so that
 * the fuzzer steers through the tables' header, rows and figures. The
 * oracle:
 *  - the reader never crashes, leaks or reads out of bounds (ASan, UBSan);
 *  - a refusal says why, every line naming the file;
 *  - an accepted bulletin is the force asked for over one financial year,
 *    with 1 to IOPC_ROWS_MAX figures, each a measure Peel knows, given
 *    once, whose value (and England and Wales figure, when there is one)
 *    is read strictly by model/iopc.h.
 */
#include "fuzz_check.h"
#include "fuzz_zip.h"
#include "ingest/iopc_file.h"
#include "ingest/iopc_xlsx.h"
#include "model/calendar.h"

#include <stdint.h>
#include <string.h>

#define PATH   "fuzz.xlsx"
#define SHEETS 3

static const char workbook[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"B\" sheetId=\"2\" "
    "r:id=\"rId2\"/><sheet name=\"C\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>";
#define WORKSHEET                                                                                  \
    " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\"" WORKSHEET " Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\"" WORKSHEET " Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\"" WORKSHEET " Target=\"worksheets/sheet3.xml\"/></Relationships>";

static const char empty_sheet[] = "<worksheet><sheetData/></worksheet>";

/* The sheets (empty ones where the input has fewer), stored into an
 * archive with the workbook, read back into out. */
static void build_archive(const uint8_t *data, size_t size, struct buf *out)
{
    struct fuzz_part parts[2 + SHEETS] = {{"xl/workbook.xml", workbook, sizeof workbook - 1},
                                          {"xl/_rels/workbook.xml.rels", rels, sizeof rels - 1}};
    size_t n = fuzz_split(data, size, parts + 2, SHEETS);
    static const char *const names[SHEETS] = {
        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"};
    for (size_t k = 0; k < SHEETS; k++) {
        parts[2 + k].name = names[k];
        if (k >= n) { /* fewer sheets given: an empty one */
            parts[2 + k].p = empty_sheet;
            parts[2 + k].n = sizeof empty_sheet - 1;
        }
    }
    fuzz_zip_build("fuzz_iopc_xlsx", parts, 2 + SHEETS, out);
}

static void check_bulletin(const struct iopc_bulletin *b)
{
    CHECK(strcmp(b->force, "leicestershire") == 0);
    int y, m, d;
    date_to_ymd(b->from, &y, &m, &d);
    CHECK(m == 4 && d == 1 && b->to - b->from >= 364 && b->to - b->from <= 365);
    CHECK(b->n >= 1 && b->n <= IOPC_ROWS_MAX);
    for (size_t i = 0; i < b->n; i++) {
        const struct iopc_measure *msr = iopc_measure_named(b->rows[i].measure);
        CHECK(msr && strcmp(msr->code, b->rows[i].measure) == 0);
        double v;
        int decimals;
        CHECK(!iopc_figure_parse(b->rows[i].value[0], msr, IOPC_FORCE, &v, &decimals));
        CHECK(!*b->rows[i].value[3] ||
              !iopc_figure_parse(b->rows[i].value[3], msr, IOPC_NATIONAL, &v, &decimals));
        for (size_t k = 0; k < i; k++)
            CHECK(strcmp(b->rows[k].measure, b->rows[i].measure) != 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    build_archive(data, size, &bytes);
    struct iopc_xlsx_options o = {"leicestershire", size % 2 ? 2024 : -1};
    struct iopc_bulletin b;
    if (iopc_xlsx_read(PATH, bytes.p, bytes.len, &o, &b, &err) == 0) {
        CHECK(err.len == 0);
        check_bulletin(&b);
    } else {
        CHECK(b.n == 0);
        check_refusal_names(PATH ": ", buf_str(&err));
    }
    iopc_bulletin_free(&b);
    buf_free(&bytes);
    buf_free(&err);
    return 0;
}
