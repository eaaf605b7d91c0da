/*
 * test_filetype.c - an upload's kind from its bytes (util/filetype.h): a
 * PDF, an XLSX workbook, a CSV; markup, binary, a zip that is no workbook
 * and an empty file refused; a name's claim read from its extension.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fixtures.h"
#include "util/filetype.h"

/* A zip archive holding the named (empty) members, in memory: *n bytes. */
static char *zip_of(const char *const *members, size_t count, size_t *n)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &error);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &error);
    assert_non_null(z);
    for (size_t i = 0; i < count; i++) {
        zip_source_t *m = zip_source_buffer(z, "<x/>", 4, 0);
        assert_true(zip_file_add(z, members[i], m, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    *n = (size_t)zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *bytes = malloc(*n);
    assert_int_equal(zip_source_read(src, bytes, *n), (zip_int64_t)*n);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&error);
    return bytes;
}

static void kinds_from_content(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t n;
        enum file_kind want;
    } cases[] = {
        {"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 14, FILE_PDF},
        {"%PDF-2.0\n", 9, FILE_PDF},
        {"reference,date,title\nPCC/1,2024-01-02,\"A, B\"\r\n", 46, FILE_CSV},
        {"\xef\xbb\xbfname\tvalue\n\xc2\xa3\x31\n", 17, FILE_CSV},
        {"<html><script>alert(1)</script></html>", 38, FILE_UNKNOWN}, /* markup */
        {"  \n<?xml version=\"1.0\"?><svg/>", 30, FILE_UNKNOWN},
        {"%PDF-1", 6, FILE_CSV}, /* cut short: no PDF, just text (its name .pdf is refused) */
        {"a,b\n\x00\x01", 6, FILE_UNKNOWN}, /* binary */
        {"a,\xc3\x28\n", 5, FILE_UNKNOWN},  /* not UTF-8 */
        {"", 0, FILE_UNKNOWN},
        {"PK\x03\x04not really a zip", 21, FILE_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (file_kind_of(cases[i].bytes, cases[i].n) != cases[i].want)
            fail_msg("case %zu: %d, not %d", i, file_kind_of(cases[i].bytes, cases[i].n),
                     cases[i].want);
    const char *const workbook[] = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/x"};
    size_t n;
    char *z = zip_of(workbook, 3, &n);
    assert_int_equal(file_kind_of(z, n), FILE_XLSX);
    free(z);
    const char *const other[] = {"[Content_Types].xml", "word/document.xml"}; /* a .docx */
    z = zip_of(other, 2, &n);
    assert_int_equal(file_kind_of(z, n), FILE_UNKNOWN);
    free(z);
}

static void names_and_words(void **state)
{
    (void)state;
    assert_int_equal(file_kind_named("Board paper.PDF"), FILE_PDF);
    assert_int_equal(file_kind_named("C:\\x\\grants.xlsx"), FILE_XLSX);
    assert_int_equal(file_kind_named("spend.csv"), FILE_CSV);
    assert_int_equal(file_kind_named("notes.txt"), FILE_UNKNOWN);
    assert_int_equal(file_kind_named("noextension"), FILE_UNKNOWN);
    assert_int_equal(file_kind_named(NULL), FILE_UNKNOWN);
    for (int k = FILE_PDF; k <= FILE_CSV; k++)
        assert_int_equal(file_kind_parse(file_kind_word((enum file_kind)k)), k);
    assert_string_equal(file_kind_media_type(FILE_PDF), "application/pdf");
    assert_null(file_kind_word(FILE_UNKNOWN));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_from_content),
        cmocka_unit_test(names_and_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
