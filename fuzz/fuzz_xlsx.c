/*
 * fuzz_xlsx.c - libFuzzer target for the .xlsx reader (src/ingest/xlsx.c):
 * workbooks a register's importer is given.
 *
 * A zip archive's members carry CRCs, so mutated archive bytes are nearly
 * always refused before any XML is read. So the input is read two ways by
 * its first byte: 'Z' and the rest is the archive itself (the zip and
 * inflation paths: caps, bombs, lies about sizes); anything else is up to
 * five XML parts separated by NUL bytes (workbook, its relationships,
 * styles, shared strings, the sheet), stored into a well-formed archive
 * here, so that the fuzzer steers through the XML handlers. The oracle:
 *  - the reader never crashes, leaks or reads out of bounds (ASan, UBSan);
 *  - a refusal says why, every line naming the file;
 *  - an accepted sheet's rows come in increasing row order, each with
 *    1 to XLSX_MAX_COLS fields, no field over XLSX_MAX_STRING bytes (a
 *    number or date is shorter), at most XLSX_MAX_ROWS rows.
 */
#include "fuzz_check.h"
#include "fuzz_zip.h"
#include "ingest/xlsx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PATH "fuzz.xlsx"

static const char *const part_names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                         "xl/styles.xml", "xl/sharedStrings.xml",
                                         "xl/worksheets/sheet1.xml"};

/* The parts given (up to five), named in order, stored into an archive. */
static void build_archive(const uint8_t *data, size_t size, struct buf *out)
{
    struct fuzz_part parts[5];
    size_t n = fuzz_split(data, size, parts, 5);
    for (size_t k = 0; k < n; k++)
        parts[k].name = part_names[k];
    fuzz_zip_build("fuzz_xlsx", parts, n, out);
}

static void check_rows(struct xlsx_reader *x)
{
    struct csv_record rec;
    long last = 0, n = 0;
    while (xlsx_reader_next(x, &rec) == 1) {
        if (rec.line <= last || rec.nfields < 1 || rec.nfields > XLSX_MAX_COLS || !rec.raw ||
            ++n > XLSX_MAX_ROWS)
            abort();
        for (size_t i = 0; i < rec.nfields; i++)
            if (rec.fields[i].len > XLSX_MAX_STRING)
                abort();
        last = rec.line;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    if (size > 0 && data[0] == 'Z')
        buf_append(&bytes, data + 1, size - 1);
    else
        build_archive(data, size, &bytes);
    struct xlsx_reader *x = xlsx_reader_open(PATH, bytes.p ? bytes.p : "", bytes.len, NULL, &err);
    if (!x)
        check_refusal_names(PATH ": ", buf_str(&err));
    else if (err.len)
        abort(); /* read, yet an error said */
    else
        check_rows(x);
    xlsx_reader_close(x);
    buf_free(&bytes);
    buf_free(&err);
    return 0;
}
