/*
 * test_report_folder.c - what `peel publish` takes from a report folder
 * (report/report_folder.h): exactly the files report.json lists, and
 * report.json, each a regular file of its own with the bytes listed, of a
 * kind Peel writes and a period of that kind's form. Each attack of issue
 * 12 is one case here and must be refused with the file and the reason: a
 * symbolic link (to /etc/passwd), a file not listed, a bad kind or period,
 * a folder holding only report.json, a path for a name; and a pipe, a hard
 * link, a file changed after it was written, a name listed twice.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"
#include "report/report_folder.h"

#define INDEX_SHA "b6a98d9ce9a2d9149288fa3df42d377c3e42737afdcdaf714e33c0a100b51060" /* alpha\n */
#define PDF_SHA   "f44e64e75f3948e9f73f8dfa94721c4ce8cbb4f265c4790c702b2d41cfbf2753" /* beta */

/* A folder as peel report writes it: index.html, report.pdf and a
 * report.json (its kind, period and files given) listing them. */
static char *folder(const char *kind, const char *period, const char *files)
{
    char *dir = fixture_tmpdir();
    free(fixture_write(dir, "index.html", "alpha\n", 6));
    free(fixture_write(dir, "report.pdf", "beta", 4));
    char json[2048];
    snprintf(json, sizeof json, "{\"kind\": \"%s\", \"period\": \"%s\", \"files\": [%s]}", kind,
             period, files);
    free(fixture_write(dir, "report.json", json, strlen(json)));
    return dir;
}

#define GOOD_FILES                                                                                 \
    "{\"name\": \"index.html\", \"sha256\": \"" INDEX_SHA "\"},"                                   \
    "{\"name\": \"report.pdf\", \"sha256\": \"" PDF_SHA "\"}, {\"name\": \"report.json\"}"

/* Reads dir, expecting a refusal whose message holds want; frees dir. */
static void refused(char *dir, const char *want)
{
    struct report_folder f;
    struct buf err = BUF_INIT;
    assert_false(report_folder_read(dir, &f, &err));
    if (!strstr(buf_str(&err), want))
        fail_msg("expected '%s' in: %s", want, buf_str(&err));
    assert_non_null(strstr(buf_str(&err), dir)); /* names the folder's file */
    report_folder_free(&f);
    buf_free(&err);
    fixture_rmtree(dir);
    free(dir);
}

static void in_dir(const char *dir, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static void a_report_folder_is_read_whole(void **state)
{
    (void)state;
    char *dir = folder("governance", "2023-03", GOOD_FILES);
    free(fixture_write(dir, "notes.txt", "not listed", 10)); /* never published */
    char link[512];
    in_dir(dir, "passwd.txt", link, sizeof link);
    assert_int_equal(symlink("/etc/passwd", link), 0); /* nor this */
    struct report_folder f;
    struct buf err = BUF_INIT;
    assert_true(report_folder_read(dir, &f, &err));
    assert_string_equal(f.kind, "governance");
    assert_string_equal(f.period, "2023-03");
    assert_int_equal(f.n, 3);
    assert_string_equal(f.files[0].name, "index.html");
    assert_string_equal(f.files[1].name, "report.json");
    assert_string_equal(f.files[2].name, "report.pdf");
    assert_string_equal(f.files[0].sha256, INDEX_SHA);
    assert_string_equal(f.files[2].sha256, PDF_SHA);
    assert_memory_equal(f.files[2].bytes, "beta", 4);
    char whole[SHA256_HEX_SIZE];
    publication_hash(f.files, f.n, whole);
    assert_string_equal(f.sha256, whole);
    report_folder_free(&f);
    buf_free(&err);
    fixture_rmtree(dir);
    free(dir);
}

static void a_symbolic_link_is_refused(void **state)
{
    (void)state;
    char *dir = folder("governance", "2023-03", GOOD_FILES);
    char path[512];
    in_dir(dir, "index.html", path, sizeof path);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink("/etc/passwd", path), 0);
    refused(dir, "index.html: a symbolic link: refused");
}

static void report_json_as_a_link_is_refused(void **state)
{
    (void)state;
    char *dir = folder("governance", "2023-03", GOOD_FILES), path[512], moved[512];
    in_dir(dir, "report.json", path, sizeof path);
    in_dir(dir, "real.json", moved, sizeof moved);
    assert_int_equal(rename(path, moved), 0);
    assert_int_equal(symlink(moved, path), 0);
    refused(dir, "report.json: a symbolic link: refused");
}

static void a_pipe_and_a_hard_link_are_refused(void **state)
{
    (void)state;
    char *dir = folder("governance", "2023-03", GOOD_FILES), path[512], other[512];
    in_dir(dir, "report.pdf", path, sizeof path);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(mkfifo(path, 0600), 0);
    refused(dir, "report.pdf: not a regular file: refused");

    dir = folder("governance", "2023-03", GOOD_FILES);
    in_dir(dir, "index.html", path, sizeof path);
    in_dir(dir, "copy.html", other, sizeof other);
    assert_int_equal(link(path, other), 0);
    refused(dir, "index.html: a hard link to another file: refused");
}

static void only_what_is_listed_and_unchanged(void **state)
{
    (void)state;
    refused(folder("governance", "2023-03", "{\"name\": \"report.json\"}"),
            "report.json: lists no files: nothing to publish");
    refused(folder("governance", "2023-03", ""), "lists no files");
    refused(folder("governance", "2023-03",
                   GOOD_FILES ", {\"name\": \"gone.csv\", \"sha256\": \"" PDF_SHA "\"}"),
            "gone.csv: No such file or directory (report.json lists it)");
    refused(folder("governance", "2023-03",
                   GOOD_FILES ", {\"name\": \"index.html\", \"sha256\": \"" INDEX_SHA "\"}"),
            "index.html is listed twice");
    char *dir = folder("governance", "2023-03", GOOD_FILES);
    free(fixture_write(dir, "index.html", "alpha!\n", 7)); /* changed after peel report */
    refused(dir, "index.html: its bytes are not those report.json lists");
    refused(folder("governance", "2023-03", "\"index.html\", \"report.json\""),
            "not an object with a \"name\" and a \"sha256\" (report.json from an older peel?");
    refused(folder("governance", "2023-03", "{\"name\": \"index.html\"}"),
            "index.html has no \"sha256\"");
}

static void names_are_plain(void **state)
{
    (void)state;
    refused(folder("governance", "2023-03",
                   GOOD_FILES ", {\"name\": \"../../etc/passwd\", \"sha256\": \"" PDF_SHA "\"}"),
            "name '../../etc/passwd' is not a plain file name");
    assert_true(report_file_name_ok("tables.xlsx"));
    assert_true(report_file_name_ok("numbers_2023-03.csv"));
    const char *bad[] = {"",    ".",    "..",           ".hidden", "a/b",
                         "a b", "a\\b", "index.html\n", "é.html",  "x%2Fy"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (report_file_name_ok(bad[i]))
            fail_msg("'%s' was taken for a plain name", bad[i]);
    char longest[102];
    memset(longest, 'a', 101);
    longest[101] = '\0';
    assert_false(report_file_name_ok(longest));
    longest[100] = '\0';
    assert_true(report_file_name_ok(longest));
}

static void kinds_and_periods_are_allowed_ones(void **state)
{
    (void)state;
    refused(folder("../../etc", "2023-03", GOOD_FILES),
            "kind '../../etc' is not a report Peel writes");
    refused(folder("governance", "2022-10<script>", GOOD_FILES),
            "period '2022-10<script>': governance reports are for a month, YYYY-MM");
    refused(folder("annual", "2023-03", GOOD_FILES),
            "period '2023-03': annual reports are for a financial year, YYYY-YY");
    struct buf err = BUF_INIT;
    assert_true(report_kind_period_ok("annual", "2021-22", &err));
    assert_true(report_kind_period_ok("public", "2023-03", &err));
    assert_false(report_kind_period_ok("public", "2023-13", &err));
    assert_false(report_kind_period_ok("annual", "2021-23", &err));
    assert_false(report_kind_period_ok("annual", "2021/22", &err)); /* only as Peel writes it */
    assert_false(report_kind_period_ok("governance", "2023-3", &err));
    assert_false(report_kind_period_ok("Governance", "2023-03", &err));
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_report_folder_is_read_whole),
        cmocka_unit_test(a_symbolic_link_is_refused),
        cmocka_unit_test(report_json_as_a_link_is_refused),
        cmocka_unit_test(a_pipe_and_a_hard_link_are_refused),
        cmocka_unit_test(only_what_is_listed_and_unchanged),
        cmocka_unit_test(names_are_plain),
        cmocka_unit_test(kinds_and_periods_are_allowed_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
