/*
 * test_report_run.c - the one runner of every kind of report
 * (report/report_kind.h), driven by a made-up kind: its files written in
 * its order under their names and nothing else left in the folder,
 * report.json last with the kind's fields between "kind" and "generated"
 * and every file listed with the SHA-256 of its bytes (sha256sum's),
 * a folder that holds anything refused without force, and a report that
 * cannot be gathered or written leaving no report.json (and, when it
 * cannot be gathered, no folder).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report_dir.h"
#include "report/report_kind.h"

/* What the made-up kind saw, for the assertions. */
struct fake {
    int gathered, freed;
    char order[8];        /* the formats in the order written: 'a', 'b' */
    char write_path[512]; /* the name the file-writing format was given */
    bool fail_gather, fail_write;
};

static struct fake fake;

static int fake_gather(struct report_job *j, struct buf *err)
{
    if (fake.fail_gather) {
        buf_puts(err, "nothing to report");
        return -1;
    }
    fake.gathered++;
    j->model = &fake;
    return 0;
}

static int fake_text(struct report_job *j, struct buf *out, struct buf *err)
{
    (void)err;
    assert_ptr_equal(j->model, &fake);
    strcat(fake.order, "a");
    buf_puts(out, "alpha\n");
    return 0;
}

/* Writes its file itself, like a workbook or a PDF; can fail half-way. */
static int fake_write(struct report_job *j, const char *path, struct buf *err)
{
    (void)j;
    strcat(fake.order, "b");
    snprintf(fake.write_path, sizeof fake.write_path, "%s", path);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(fake.fail_write ? "be" : "beta", f);
    fclose(f);
    if (fake.fail_write)
        buf_puts(err, "disk full");
    return fake.fail_write ? -1 : 0;
}

static int fake_fields(const struct report_job *j, json_t *m)
{
    return json_object_set_new(m, "period", json_string(j->req->plan));
}

static void fake_summary(const struct report_job *j, struct buf *out)
{
    buf_printf(out, "%s: %s", j->req->out, j->generated);
}

static void fake_free(void *model)
{
    assert_ptr_equal(model, &fake);
    fake.freed++;
}

static const struct report_kind fake_kind = {
    .name = "fake",
    .formats = {{.file = "a.txt", .text = fake_text}, {.file = "b.bin", .write = fake_write}},
    .gather = fake_gather,
    .describe = fake_fields,
    .summary = fake_summary,
    .free = fake_free,
};

static char root[] = "/tmp/peel-report-run-XXXXXX";

static int setup(void **state)
{
    (void)state;
    fake = (struct fake){0};
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    strcpy(root, "/tmp/peel-report-run-XXXXXX");
    return system(cmd) == 0 ? 0 : -1;
}

/* The folder's names, sorted, joined by spaces ("" when there is none). */
static void names_in(const char *dir, char *out, size_t n)
{
    struct dirent **list;
    int k = scandir(dir, &list, NULL, alphasort);
    out[0] = '\0';
    for (int i = 0; i < k; i++) {
        if (strcmp(list[i]->d_name, ".") != 0 && strcmp(list[i]->d_name, "..") != 0) {
            if (out[0])
                strncat(out, " ", n - strlen(out) - 1);
            strncat(out, list[i]->d_name, n - strlen(out) - 1);
        }
        free(list[i]);
    }
    if (k >= 0)
        free(list);
}

static char *slurp(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct buf b = BUF_INIT, err = BUF_INIT;
    assert_true(buf_read_file(&b, path, &err));
    buf_free(&err);
    return buf_detach(&b);
}

static int run(const char *out, bool force, struct buf *summary, struct buf *err)
{
    struct report_request req = {.out = out, .overwrite = force, .plan = "2023-03"};
    return report_run(NULL, &fake_kind, &req, summary, err);
}

static void writes_each_format_then_the_manifest(void **state)
{
    (void)state;
    char out[256], names[256];
    snprintf(out, sizeof out, "%s/reports//2023-03", root); /* made with its parents */
    struct buf summary = BUF_INIT, err = BUF_INIT;
    assert_int_equal(run(out, false, &summary, &err), 0);
    assert_string_equal(fake.order, "ab");
    assert_int_equal(fake.gathered, 1);
    assert_int_equal(fake.freed, 1);
    names_in(out, names, sizeof names);
    assert_string_equal(names, "a.txt b.bin report.json"); /* no temporary file left */
    char want[512];
    snprintf(want, sizeof want, "%s/.b.bin.tmp", out); /* written aside, then renamed */
    assert_string_equal(fake.write_path, want);
    char *a = slurp(out, "a.txt"), *b = slurp(out, "b.bin"), *m = slurp(out, "report.json");
    assert_string_equal(a, "alpha\n");
    assert_string_equal(b, "beta");
    assert_string_equal(
        m,
        "{\n"
        "  \"kind\": \"fake\",\n"
        "  \"period\": \"2023-03\",\n"
        "  \"generated\": \"2023-11-14 22:13 UTC\",\n"
        "  \"files\": [\n"
        "    {\n"
        "      \"name\": \"a.txt\",\n"
        "      \"sha256\": \"b6a98d9ce9a2d9149288fa3df42d377c3e42737afdcdaf714e33c0a100b51060\"\n"
        "    },\n"
        "    {\n"
        "      \"name\": \"b.bin\",\n"
        "      \"sha256\": \"f44e64e75f3948e9f73f8dfa94721c4ce8cbb4f265c4790c702b2d41cfbf2753\"\n"
        "    },\n"
        "    {\n"
        "      \"name\": \"report.json\"\n"
        "    }\n"
        "  ]\n"
        "}\n");
    snprintf(want, sizeof want, "%s: 2023-11-14 22:13 UTC", out);
    assert_string_equal(buf_str(&summary), want);
    free(a);
    free(b);
    free(m);
    buf_free(&summary);
    buf_free(&err);
}

static void a_folder_that_holds_anything_needs_force(void **state)
{
    (void)state;
    char out[256], names[256];
    snprintf(out, sizeof out, "%s/board", root);
    assert_int_equal(mkdir(out, 0777), 0);
    char other[300];
    snprintf(other, sizeof other, "%s/notes.txt", out);
    FILE *f = fopen(other, "w");
    assert_non_null(f);
    fclose(f);
    struct buf summary = BUF_INIT, err = BUF_INIT;
    assert_int_equal(run(out, false, &summary, &err), -1);
    assert_non_null(strstr(buf_str(&err), "is not empty (--overwrite"));
    assert_string_equal(fake.order, ""); /* nothing written */
    assert_int_equal(fake.freed, 1);     /* what was gathered is released */
    names_in(out, names, sizeof names);
    assert_string_equal(names, "notes.txt");
    buf_reset(&err);
    assert_int_equal(run(out, true, &summary, &err), 0);
    names_in(out, names, sizeof names);
    assert_string_equal(names, "a.txt b.bin notes.txt report.json");
    buf_free(&summary);
    buf_free(&err);
}

static void a_report_not_gathered_makes_no_folder(void **state)
{
    (void)state;
    char out[256];
    snprintf(out, sizeof out, "%s/never", root);
    fake.fail_gather = true;
    struct buf summary = BUF_INIT, err = BUF_INIT;
    assert_int_equal(run(out, false, &summary, &err), -1);
    assert_string_equal(buf_str(&err), "nothing to report");
    assert_int_equal(fake.freed, 0); /* no model to free */
    struct stat st;
    assert_int_equal(stat(out, &st), -1);
    assert_int_equal(buf_str(&summary)[0], '\0');
    buf_free(&summary);
    buf_free(&err);
}

static void a_format_that_fails_leaves_no_manifest(void **state)
{
    (void)state;
    char out[256], names[256];
    snprintf(out, sizeof out, "%s/half", root);
    fake.fail_write = true;
    struct buf summary = BUF_INIT, err = BUF_INIT;
    assert_int_equal(run(out, false, &summary, &err), -1);
    assert_string_equal(buf_str(&err), "disk full");
    assert_int_equal(fake.freed, 1);
    names_in(out, names, sizeof names);
    assert_string_equal(names, "a.txt"); /* the half-written file is removed */
    buf_free(&summary);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(writes_each_format_then_the_manifest, setup, teardown),
        cmocka_unit_test_setup_teardown(a_folder_that_holds_anything_needs_force, setup, teardown),
        cmocka_unit_test_setup_teardown(a_report_not_gathered_makes_no_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(a_format_that_fails_leaves_no_manifest, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
