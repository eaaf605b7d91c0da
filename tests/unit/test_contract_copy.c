/*
 * test_contract_copy.c - a contract's redacted copy (assess/contract_copy.h,
 * store/contract_copies.h, util/child.h):
 *   - the list of redacted strings read, every bad line named by file and
 *     line with nothing kept;
 *   - the match: case (ASCII and Latin-1), white space runs, a line or
 *     page break or a no-break space inside a name, the page it is on,
 *     the list's order; whole words only ("Ann" is not in "Annual"), a
 *     word hyphenated over a line break read whole;
 *   - a child process bounded: killed past its time and its output cap,
 *     a failing exit and a missing program said;
 *   - on tests/data/contract-copy.pdf (hand-written; "Jo" and "Bloggs" on
 *     two lines) read by pdftotext: refused when "jo bloggs" is listed,
 *     nothing stored; accepted otherwise, its bytes served as the public
 *     document, the strings kept (the staff read) and in no public output
 *     (the register's table, its OCDS package, the audit log).
 * pdftotext's tests skip without it (poppler-utils), and fail under make
 * test (PEEL_REQUIRE_CHECKERS=1), which installs it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/contract_copy.h"
#include "assess/contract_tables.h"
#include "fixtures.h"
#include "model/calendar.h"
#include "store/uploads.h"
#include "util/child.h"

static const struct audit_origin by = {"cfo", "test"};

static void a_list_is_read_and_its_bad_lines_named(void **state)
{
    (void)state;
    struct redactions r;
    struct buf err = BUF_INIT;
    const char good[] = "  Jo Bloggs \r\n\n\tZo\xc3\xab Smith\nflat 3, 12 High St";
    assert_int_equal(redactions_parse("s.txt", good, sizeof good - 1, &r, &err), 0);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.text[0], "Jo Bloggs");
    assert_string_equal(r.text[1], "Zo\xc3\xab Smith");
    redactions_free(&r);
    char bad[700];
    snprintf(bad, sizeof bad, "Jo Bloggs\nab\n\xff\xfe name\n%0600d\n", 0);
    assert_int_equal(redactions_parse("s.txt", bad, strlen(bad), &r, &err), -1);
    assert_int_equal(r.n, 0);
    assert_non_null(strstr(buf_str(&err), "s.txt:2: redacted string: under 3 characters"));
    assert_non_null(strstr(buf_str(&err), "s.txt:3: redacted string: not UTF-8"));
    assert_non_null(strstr(buf_str(&err), "s.txt:4: redacted string: over 500 bytes"));
    assert_null(strstr(buf_str(&err), "s.txt:1:"));
    buf_free(&err);
}

static size_t find(const char *text, const char *list, long *page)
{
    struct redactions r;
    struct buf err = BUF_INIT;
    assert_int_equal(redactions_parse("l", list, strlen(list), &r, &err), 0);
    *page = 0;
    size_t k = redactions_find(text, strlen(text), &r, page);
    redactions_free(&r);
    buf_free(&err);
    return k;
}

static void the_match_ignores_case_and_white_space(void **state)
{
    (void)state;
    long page;
    assert_int_equal(find("Signed by JO\n  BLOGGS.\n\f", "nobody here\njo bloggs", &page), 2);
    assert_int_equal(page, 1);
    /* a no-break space; a Latin-1 capital; the third page */
    assert_int_equal(find("one\fTwo\fby Jo\xc2\xa0"
                          "Bloggs and ZO\xc3\x8b SMITH\f",
                          "zo\xc3\xab smith\njo bloggs", &page),
                     1);
    assert_int_equal(page, 3);
    assert_int_equal(find("Jo\fBloggs\f", "jo bloggs", &page), 1); /* over a page break */
    assert_int_equal(page, 1);
    assert_int_equal(find("Jo Blogs, Joe Bloggs", "jo bloggs", &page), 0);
    assert_int_equal(find("", "jo bloggs", &page), 0);
}

static void the_match_is_of_whole_words(void **state)
{
    (void)state;
    long page;
    /* the false positive the substring match had */
    assert_int_equal(find("The Annual Report, Annabel and the annex; ann2", "Ann", &page), 0);
    assert_int_equal(find("Ann's", "ann", &page), 1);
    assert_int_equal(find("signed (ANN)", "Ann", &page), 1);
    assert_int_equal(find("Mary-Ann Smith", "ann", &page), 1);
    assert_int_equal(find("Andr\xc3\xa9s", "Andr", &page), 0); /* é is a letter */
    assert_int_equal(find("\xe2\x80\x9c"
                          "Ann\xe2\x80\x9d",
                          "ann", &page),
                     1); /* “Ann” */
    assert_int_equal(find("annann Ann", "ann", &page), 1);
    assert_int_equal(find("Ref 12345678 and 123456", "1234567", &page), 0);
    assert_int_equal(find("sort code 12-34-56.", "12-34-56", &page), 1);
    assert_int_equal(find("Jo Bloggs's", "bloggs's", &page), 1); /* ends in a letter */
    /* a term split over a line break by pdftotext: hyphenated, or not */
    assert_int_equal(find("paid to Mr Blog-\n  gs of", "Bloggs", &page), 1);
    assert_int_equal(find("paid to Mr Blog\xc2\xad\ngs of", "Bloggs", &page), 1);
    assert_int_equal(find("\fJo Blog-\r\ngs\f", "JO BLOGGS", &page), 1);
    assert_int_equal(page, 2);
    assert_int_equal(find("Jane Smith-\nJones", "jane smith-jones", &page), 1);
    assert_int_equal(find("Jane Smith\xe2\x80\x90Jones", "Smith-Jones", &page), 1);
    assert_int_equal(find("Ann-\nMarie", "ann", &page), 1); /* in doubt: a word's end */
    assert_int_equal(find("An-\nnual", "ann", &page), 0);
    assert_int_equal(find("Blog-\ngs", "blogs", &page), 0);
}

static void a_child_is_bounded(void **state)
{
    (void)state;
    struct buf out = BUF_INIT, err = BUF_INIT;
    const char *echo[] = {"printf", "a%sb", " ", NULL};
    assert_int_equal(child_run(echo, 5000, 100, &out, &err), 0);
    assert_string_equal(buf_str(&out), "a b");
    const char *yes[] = {"yes", NULL};
    assert_int_equal(child_run(yes, 5000, 1000, &out, &err), -1);
    assert_non_null(strstr(buf_str(&err), "wrote more than its limit"));
    buf_reset(&err);
    const char *slow[] = {"sleep", "5", NULL};
    assert_int_equal(child_run(slow, 150, 1000, &out, &err), -1);
    assert_non_null(strstr(buf_str(&err), "ran out of time"));
    buf_reset(&err);
    const char *no[] = {"false", NULL};
    assert_int_equal(child_run(no, 5000, 1000, &out, &err), -1);
    assert_non_null(strstr(buf_str(&err), "exited with status 1"));
    const char *none[] = {"peel-no-such-program", NULL};
    assert_int_equal(child_run(none, 5000, 1000, &out, &err), CHILD_NOT_FOUND);
    buf_free(&out);
    buf_free(&err);
}

/* ---- on a store, with pdftotext -------------------------------------- */

struct fixture {
    char *dir;
    struct store *s;
    sqlite3 *peek;
    struct buf pdf;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    f->s = fixture_store_open(f->dir, &f->peek);
    struct buf err = BUF_INIT;
    assert_true(buf_read_file(&f->pdf, PEEL_SOURCE_DIR "/tests/data/contract-copy.pdf", &err));
    struct contract c = {.ref = "C-1",
                         .ocid = "ocds-xxxxxx-C-1",
                         .title = "Custody healthcare",
                         .description = "",
                         .department = "",
                         .supplier = "Example Health Ltd",
                         .supplier_id = "GB-COH-01234567",
                         .method_details = "open tender",
                         .document_url = "",
                         .start_on = "2025-04-01",
                         .end_on = "",
                         .review_on = "",
                         .sme = -1,
                         .vcse = -1,
                         .value_pence = 2500000,
                         .vat_pence = -1,
                         .line = 2};
    struct contract_source src = {"c.csv", "0000000000000000000000000000000000000000000000000000"
                                           "000000000000"};
    int version;
    assert_int_equal(
        store_contracts_publish(f->s, &c, 1, NULL, &src, &by, date_today(), false, &version, &err),
        0);
    buf_free(&err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    buf_free(&f->pdf);
    fixture_store_close(f->s, f->peek, f->dir);
    free(f);
    return 0;
}

/* Skips without pdftotext, unless make test requires it. */
static void need_pdftotext(void)
{
    if (system("command -v pdftotext >/dev/null 2>&1") == 0)
        return;
    const char *req = getenv("PEEL_REQUIRE_CHECKERS");
    if (req && strcmp(req, "1") == 0)
        fail_msg("pdftotext is missing (poppler-utils): make test requires it");
    printf("SKIP: pdftotext (poppler-utils) is not installed\n");
    skip();
}

static int attach(struct fixture *f, const char *list, struct contract_copy_outcome *o,
                  struct buf *err)
{
    struct redactions r;
    assert_int_equal(redactions_parse("s.txt", list, strlen(list), &r, err), 0);
    int rc = contract_copy_attach(f->s, "C-1", "copy.pdf", f->pdf.p, f->pdf.len, &r, &by, o, err);
    redactions_free(&r);
    return rc;
}

static void take_redaction(void *arg, int n, const char *text)
{
    buf_printf(arg, "%d=%s;", n, text);
}

static void take_upload(void *arg, const struct upload *u)
{
    buf_append(arg, u->bytes, (size_t)u->size);
}

static void a_copy_holding_a_redacted_name_is_refused(void **state)
{
    struct fixture *f = *state;
    need_pdftotext();
    struct contract_copy_outcome o;
    struct buf err = BUF_INIT;
    assert_int_equal(attach(f, "Mary Major\nJo Bloggs\n", &o, &err), CONTRACT_COPY_REFUSED);
    assert_int_equal(o.redaction, 2);
    assert_int_equal(o.page, 1);
    assert_string_equal(buf_str(&err), "C-1: copy.pdf: refused: page 1 holds redacted string 2 (of"
                                       " 2); nothing was stored");
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_copy"), 0);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM upload"), 0);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM contract_redaction"), 0);
    /* not a PDF; no such contract */
    buf_reset(&err);
    struct redactions none = {NULL, 0};
    assert_int_equal(contract_copy_attach(f->s, "C-1", "c.csv", "a,b\n", 4, &none, &by, &o, &err),
                     -1);
    assert_non_null(strstr(buf_str(&err), "not a PDF"));
    assert_int_equal(
        contract_copy_attach(f->s, "C-9", "copy.pdf", f->pdf.p, f->pdf.len, &none, &by, &o, &err),
        -1);
    assert_non_null(strstr(buf_str(&err), "C-9: copy.pdf: no contract"));
    buf_free(&err);
}

static void a_clean_copy_is_published_and_its_strings_kept_private(void **state)
{
    struct fixture *f = *state;
    need_pdftotext();
    struct contract_copy_outcome o;
    struct buf err = BUF_INIT, got = BUF_INIT;
    const char *mark = "Mary PRIVATE-4d2b Major";
    char list[128];
    snprintf(list, sizeof list, "%s\nExample Health's bank: 12-34-56\n", mark);
    assert_int_equal(attach(f, list, &o, &err), 0);
    assert_int_equal(o.pages, 1);
    /* the bytes served to the public are the file's */
    assert_int_equal(store_upload_public(f->s, o.sha256, take_upload, &got, &err), 0);
    assert_int_equal(got.len, f->pdf.len);
    assert_memory_equal(got.p, f->pdf.p, got.len);
    /* the strings are kept, for staff */
    buf_reset(&got);
    assert_int_equal(store_contract_redactions(f->s, "C-1", take_redaction, &got, &err), 2);
    assert_non_null(strstr(buf_str(&got), "1=Mary PRIVATE-4d2b Major;2="));
    /* and in no public output: the table as CSV and JSON, the OCDS
     * package; nor in the audit log */
    struct table t;
    assert_int_equal(contracts_table(f->s, NULL, CONTRACTS_ALL, true, false, &t, &err), 1);
    char *path = fixture_write(f->dir, "t", "", 0);
    FILE *out = fopen(path, "w");
    table_render(&t, TABLE_CSV, out);
    table_render(&t, TABLE_JSON, out);
    fclose(out);
    table_free(&t);
    buf_reset(&got);
    assert_true(buf_read_file(&got, path, &err));
    free(path);
    char download[128];
    snprintf(download, sizeof download, "/documents/%s", o.sha256);
    assert_non_null(strstr(buf_str(&got), download));
    assert_int_equal(contracts_ocds_json(f->s, "https://pcc.example.org/", &got, &err), 0);
    snprintf(download, sizeof download, "\"https://pcc.example.org/documents/%s\"", o.sha256);
    assert_non_null(strstr(buf_str(&got), download));
    assert_non_null(strstr(buf_str(&got), "\"contractSigned\""));
    assert_null(strstr(buf_str(&got), "PRIVATE-4d2b"));
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'contract.copy' AND after LIKE '%\"redactions\":2%'"),
                     1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE"
                                            " after LIKE '%PRIVATE-4d2b%'"),
                     0);
    buf_free(&got);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_list_is_read_and_its_bad_lines_named),
        cmocka_unit_test(the_match_ignores_case_and_white_space),
        cmocka_unit_test(the_match_is_of_whole_words),
        cmocka_unit_test(a_child_is_bounded),
        cmocka_unit_test_setup_teardown(a_copy_holding_a_redacted_name_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_clean_copy_is_published_and_its_strings_kept_private,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
