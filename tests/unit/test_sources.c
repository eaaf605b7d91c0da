/*
 * test_sources.c - finding and reading the CSVs behind `peel import`'s
 * paths (ingest/sources.h): bounded whatever the folder or archive.
 *
 * Archives are made with libzip, or byte by byte where libzip would refuse
 * to write what a hostile archive holds (a lying size, 100,001 entries).
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

#include "fixtures.h"
#include "ingest/sources.h"

static const char csv[] = "Crime ID,Month\r\n,2022-01\r\n";

static char *path_in(const char *dir, const char *name)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", dir, name);
    return buf_detach(&b);
}

/* An archive of the given members (NULL-terminated names and texts). */
static char *make_zip(const char *dir, const char *name, const char *const *members,
                      const char *const *texts, const size_t *sizes)
{
    char *path = path_in(dir, name);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; members[i]; i++) {
        zip_source_t *src = zip_source_buffer(z, texts[i], sizes[i], 0);
        assert_true(zip_file_add(z, members[i], src, 0) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

static void put16(FILE *f, unsigned v)
{
    fputc((int)(v & 0xff), f);
    fputc((int)(v >> 8 & 0xff), f);
}

static void put32(FILE *f, unsigned long v)
{
    put16(f, (unsigned)(v & 0xffff));
    put16(f, (unsigned)(v >> 16 & 0xffff));
}

static void put64(FILE *f, unsigned long long v)
{
    put32(f, (unsigned long)(v & 0xffffffff));
    put32(f, (unsigned long)(v >> 32));
}

/* A ZIP64 archive of n members named "0.csv", "1.csv", ... whose entries
 * all point at one local header and declare `size` bytes deflated to 1, written
 * directly: libzip takes 1.7 s to write 100,001 entries, this a few
 * milliseconds. */
static char *make_many(const char *dir, unsigned long n, unsigned long size)
{
    char *path = path_in(dir, "many.zip");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    put32(f, 0x04034b50); /* one local header, which every entry points at */
    for (int i = 0; i < 11; i++)
        put16(f, i == 9 ? 1 : 0); /* version ... extra length; name length 1 */
    fputc('x', f);
    long cd = ftell(f);
    for (unsigned long i = 0; i < n; i++) {
        char name[16];
        int len = snprintf(name, sizeof name, "%lu.csv", i);
        put32(f, 0x02014b50);
        put16(f, 20), put16(f, 20), put16(f, 0), put16(f, 8), put16(f, 0), put16(f, 0);
        put32(f, 0), put32(f, size ? 1 : 0), put32(f, size);
        put16(f, (unsigned)len), put16(f, 0), put16(f, 0), put16(f, 0), put16(f, 0);
        put32(f, 0), put32(f, 0);
        fwrite(name, 1, (size_t)len, f);
    }
    long eocd64 = ftell(f);
    put32(f, 0x06064b50), put64(f, 44), put16(f, 45), put16(f, 45), put32(f, 0), put32(f, 0);
    put64(f, n), put64(f, n), put64(f, (unsigned long long)(eocd64 - cd));
    put64(f, (unsigned long long)cd);
    put32(f, 0x07064b50), put32(f, 0), put64(f, (unsigned long long)eocd64), put32(f, 1);
    put32(f, 0x06054b50), put16(f, 0), put16(f, 0), put16(f, 0xffff), put16(f, 0xffff);
    put32(f, 0xffffffff), put32(f, 0xffffffff), put16(f, 0);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Everything a stream gives, into out; the last read's status. */
static int read_all(struct source_stream *s, struct buf *out)
{
    char chunk[4096];
    ssize_t got;
    while ((got = source_read(s, chunk, sizeof chunk)) > 0)
        buf_append(out, chunk, (size_t)got);
    return (int)got;
}

/* A zip holding no CSV is "nothing found", not a crash: sorting its
 * (absent) members passed NULL to qsort, which UBSan reports. */
static void an_archive_without_csv_finds_nothing(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    const char *names[] = {"README.txt", NULL}, *texts[] = {"hello"};
    size_t sizes[] = {5};
    char *zip = make_zip(dir, "notes.zip", names, texts, sizes);
    struct source_list list = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(sources_find(zip, &list, &err), 1);
    assert_int_equal(list.count, 0);
    assert_non_null(strstr(buf_str(&err), "no .csv or .zip files found"));
    sources_free(&list);
    buf_free(&err);
    free(zip);
    fixture_rmtree(dir);
    free(dir);
}

/* Members come in name order and are read through one open archive: the
 * file is deleted after the first member is opened, and the rest still
 * read (each member used to open the archive again, reading its whole
 * central directory: quadratic in the members). */
static void members_are_read_from_one_open_archive(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    const char *names[] = {"b/2.csv", "a/1.csv", "c/3.csv", NULL};
    const char *texts[] = {"two\n", "one\n", "three\n"};
    size_t sizes[] = {4, 4, 6};
    char *zip = make_zip(dir, "download", names, texts, sizes); /* no .zip: by signature */
    struct source_list list = {0};
    struct buf err = BUF_INIT, got = BUF_INIT;
    assert_int_equal(sources_find(zip, &list, &err), 0);
    assert_int_equal(list.count, 3);
    struct source_reader *r = source_reader_new();
    for (size_t i = 0; i < list.count; i++) {
        struct source_stream *s = source_open(r, &list.items[i], &err);
        assert_non_null(s);
        if (i == 0)
            assert_int_equal(unlink(zip), 0);
        assert_int_equal(read_all(s, &got), 0);
        source_close(s);
    }
    assert_string_equal(buf_str(&got), "one\ntwo\nthree\n");
    assert_int_equal(err.len, 0);
    source_reader_free(r);
    sources_free(&list);
    buf_free(&err);
    buf_free(&got);
    free(zip);
    fixture_rmtree(dir);
    free(dir);
}

/* source_slurp reads a file or a member whole, unhashed, when it is within
 * the cap, and refuses one over it, or one that fails to read (a member
 * that inflates to more than it declares), leaving nothing in out. */
static void a_source_is_read_whole_only_within_its_cap(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    const char *names[] = {"a/1.csv", "b/2.csv", NULL};
    const char *texts[] = {"one\n", "three\n"};
    size_t sizes[] = {4, 6};
    char *zip = make_zip(dir, "z.zip", names, texts, sizes);
    char plain[5000];
    for (size_t i = 0; i < sizeof plain; i++)
        plain[i] = (char)('a' + i % 26);
    char *file = fixture_write(dir, "plain.csv", plain, sizeof plain);
    struct source_list list = {0};
    struct buf err = BUF_INIT, out = BUF_INIT;
    assert_int_equal(sources_find(zip, &list, &err), 0);
    assert_int_equal(sources_find(file, &list, &err), 0);
    assert_int_equal(list.count, 3);
    struct source_reader *r = source_reader_new();
    assert_true(source_slurp(r, &list.items[0], 4, &out));
    assert_string_equal(buf_str(&out), "one\n");
    assert_false(source_slurp(r, &list.items[1], 5, &out)); /* 6 bytes */
    assert_int_equal(out.len, 0);
    assert_true(source_slurp(r, &list.items[1], 6, &out));
    assert_string_equal(buf_str(&out), "three\n");
    assert_true(source_slurp(r, &list.items[2], sizeof plain, &out));
    assert_int_equal(out.len, sizeof plain);
    assert_memory_equal(out.p, plain, sizeof plain);
    assert_false(source_slurp(r, &list.items[2], sizeof plain - 1, &out));
    assert_int_equal(out.len, 0);
    source_reader_free(r);
    sources_free(&list);
    buf_free(&err);
    buf_free(&out);
    free(file);
    free(zip);
    fixture_rmtree(dir);
    free(dir);
}

/* A member that inflates more than SOURCES_ZIP_MAX_RATIO times is refused
 * before it is read, by name; the archive's other members still import. */
static void a_zip_bomb_member_is_refused_by_name(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    size_t big = 2 << 20;
    char *zeros = calloc(1, big);
    const char *names[] = {"2022-01/bomb.csv", "2022-01/fine.csv", NULL};
    const char *texts[] = {zeros, csv};
    size_t sizes[] = {big, sizeof csv - 1};
    char *zip = make_zip(dir, "a.zip", names, texts, sizes);
    struct source_list list = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(sources_find(zip, &list, &err), 1);
    assert_int_equal(list.count, 1);
    assert_string_equal(list.items[0].member, "2022-01/fine.csv");
    assert_non_null(strstr(buf_str(&err), "a.zip:2022-01/bomb.csv: 2097152 bytes compressed to"));
    assert_non_null(strstr(buf_str(&err), "refused as a zip bomb"));
    sources_free(&list);
    buf_free(&err);
    free(zeros);
    free(zip);
    fixture_rmtree(dir);
    free(dir);
}

/* A member whose data inflates to more than the size the archive declares
 * stops at that size with an error: the caps, judged on declared sizes,
 * hold for what is read. The declared size is lowered by hand. */
static void a_member_larger_than_declared_fails_to_read(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char text[4000];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (char)('a' + i % 26);
    const char *names[] = {"x.csv", NULL}, *texts[] = {text};
    size_t sizes[] = {sizeof text};
    char *zip = make_zip(dir, "lie.zip", names, texts, sizes);
    FILE *f = fopen(zip, "r+b");
    assert_non_null(f);
    unsigned char bytes[8192];
    size_t n = fread(bytes, 1, sizeof bytes, f);
    for (size_t i = 0; i + 46 < n; i++) {
        static const unsigned char local[] = {'P', 'K', 3, 4}, central[] = {'P', 'K', 1, 2};
        size_t at = memcmp(bytes + i, local, 4) == 0     ? i + 22
                    : memcmp(bytes + i, central, 4) == 0 ? i + 24
                                                         : 0;
        if (at) { /* 4000 -> 100 */
            assert_int_equal(fseek(f, (long)at, SEEK_SET), 0);
            put32(f, 100);
        }
    }
    assert_int_equal(fclose(f), 0);
    struct source_list list = {0};
    struct buf err = BUF_INIT, got = BUF_INIT;
    assert_int_equal(sources_find(zip, &list, &err), 0);
    assert_int_equal(list.count, 1);
    assert_int_equal(list.items[0].bytes, 100);
    struct source_reader *r = source_reader_new();
    struct source_stream *s = source_open(r, &list.items[0], &err);
    assert_non_null(s);
    assert_int_equal(read_all(s, &got), -1);
    assert_true(got.len <= 100);
    assert_non_null(source_error(s));
    source_close(s);
    assert_false(source_slurp(r, &list.items[0], 1000, &got)); /* read whole: refused too */
    assert_int_equal(got.len, 0);
    source_reader_free(r);
    sources_free(&list);
    buf_free(&err);
    buf_free(&got);
    free(zip);
    fixture_rmtree(dir);
    free(dir);
}

static void an_archive_of_too_many_entries_is_refused_whole(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char *zip = make_many(dir, SOURCES_ZIP_MAX_ENTRIES + 1, 0);
    struct source_list list = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(sources_find(zip, &list, &err), 1);
    assert_int_equal(list.count, 0);
    assert_non_null(
        strstr(buf_str(&err), "many.zip: 100001 entries, more than the 100000 Peel reads"));
    sources_free(&list);
    buf_free(&err);
    free(zip);
    fixture_rmtree(dir);
    free(dir);
}

/* Members each under the ratio floor can all point at one compressed
 * stream (an "overlapping" zip bomb): what they declare in all is held to
 * SOURCES_ZIP_MAX_RATIO times the archive's size. 200 members of 1 MiB
 * less a byte, in 11 KB. */
static void members_sharing_one_stream_are_held_to_the_archive_size(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char *zip = make_many(dir, 200, (1 << 20) - 1);
    struct source_list list = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(sources_find(zip, &list, &err), 1);
    assert_int_equal(list.count, 0);
    assert_non_null(strstr(buf_str(&err), "many.zip: its CSV members declare more than"));
    assert_non_null(strstr(buf_str(&err), "refused as a zip bomb"));
    sources_free(&list);
    buf_free(&err);
    free(zip);
    fixture_rmtree(dir);
    free(dir);
}

/* Two links to the folder itself and one to its parent: each folder is
 * entered once, so the walk ends, and the one file is found once. */
static void symlink_loops_are_walked_once(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char *sub = path_in(dir, "data");
    struct buf cmd = BUF_INIT;
    buf_printf(&cmd, "mkdir -p %s/deeper && cd %s && ln -s . a && ln -s . b && ln -s .. deeper/up",
               sub, sub);
    assert_int_equal(system(cmd.p), 0);
    free(fixture_write(sub, "2022-01-x-street.csv", csv, sizeof csv - 1));
    struct source_list list = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(sources_find(sub, &list, &err), 0);
    assert_int_equal(list.count, 1);
    assert_non_null(strstr(list.items[0].path, "/data/2022-01-x-street.csv"));
    sources_free(&list);
    buf_free(&err);
    buf_free(&cmd);
    free(sub);
    fixture_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_archive_without_csv_finds_nothing),
        cmocka_unit_test(members_are_read_from_one_open_archive),
        cmocka_unit_test(a_zip_bomb_member_is_refused_by_name),
        cmocka_unit_test(a_member_larger_than_declared_fails_to_read),
        cmocka_unit_test(a_source_is_read_whole_only_within_its_cap),
        cmocka_unit_test(an_archive_of_too_many_entries_is_refused_whole),
        cmocka_unit_test(members_sharing_one_stream_are_held_to_the_archive_size),
        cmocka_unit_test(symlink_loops_are_walked_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
