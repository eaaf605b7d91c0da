/*
 * test_complaints_report.c - the Commissioner's annual complaints report
 * (Order 7C(b); store/complaints_report.h, assess/complaints_report.h,
 * report/complaints_report.c) on a tiny store: the sections saved as
 * versions, refused when unknown or blank, audited, never changed; the
 * year's reviews counted (by quarter, recommendations and the force's
 * responses, themes by category) with small numbers suppressed; the IOPC's
 * annual figures against England and Wales; the report refused until every
 * section is written, then its four files made, the same twice.
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

#include "assess/complaints_report.h"
#include "assess/concern_stats.h"
#include "fixtures.h"
#include "ingest/iopc_file.h"
#include "report/report_kind.h"
#include "store/complaints_report.h"
#include "store/concerns.h"
#include "store/iopc.h"
#include "util/month.h"
#include "util/sha256.h"

static const struct audit_origin by = {"cli:tester", "peel iopc text ..."};

struct fx {
    char *dir;
    struct store *s;
    sqlite3 *peek;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    f->s = fixture_store_open(f->dir, &f->peek);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_store_close(f->s, f->peek, f->dir);
    free(f);
    return 0;
}

/* dir/name (caller frees). */
static char *fixture_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int D(const char *text)
{
    int d = DATE_NONE;
    if (!date_parse(text, strlen(text), &d))
        fail_msg("not a date: %s", text);
    return d;
}

static int FY(const char *text)
{
    int fy;
    if (!fy_parse(text, &fy))
        fail_msg("not a year: %s", text);
    return fy;
}

/* A review received, decided (decision NULL: not yet), with events after. */
static void review(struct fx *f, struct vault *v, const char *received, const char *decided,
                   const char *decision, const char *category, const char *recommended,
                   const char *responded)
{
    struct concern_new c = {CONCERN_REVIEW,         "web", D(received), D(received) - 10,
                            {DATE_NONE, DATE_NONE}, {0},   NULL};
    c.person.name = "PERSONAL-MARK-91c";
    struct concern_made m;
    struct buf err = BUF_INIT;
    int rc = store_concern_add(f->s, v, &c, &by, &m, &err);
    if (rc == 0 && decided)
        rc = store_concern_event(f->s, m.ref, "decided", D(decided), decision, &by, &err);
    if (rc == 0 && category)
        rc = store_concern_categorise(f->s, m.ref, category, &by, &err);
    if (rc == 0 && recommended)
        rc = store_concern_event(f->s, m.ref, "recommended", D(recommended),
                                 "PERSONAL-MARK-91c in a note", &by, &err);
    if (rc == 0 && responded)
        rc = store_concern_event(f->s, m.ref, "responded", D(responded), "accepted", &by, &err);
    if (rc)
        fail_msg("%s", buf_str(&err));
    buf_free(&err);
}

static void sections_are_versions(void **state)
{
    struct fx *f = *state;
    struct buf err = BUF_INIT;
    int version = 0, fy = FY("2025-26");
    assert_int_equal(store_complaints_text_put(f->s, fy, "summary", "First.", &by, &version, &err),
                     0);
    assert_int_equal(version, 1);
    assert_int_equal(store_complaints_text_put(f->s, fy, "summary", "Second.", &by, &version, &err),
                     0);
    assert_int_equal(version, 2);
    assert_int_equal(store_complaints_text_put(f->s, fy, "sumary", "x", &by, &version, &err),
                     COMPLAINTS_REFUSED);
    assert_non_null(strstr(buf_str(&err), "accountability"));
    buf_reset(&err);
    assert_int_equal(store_complaints_text_put(f->s, fy, "learning", " \n ", &by, &version, &err),
                     COMPLAINTS_REFUSED);
    assert_non_null(strstr(buf_str(&err), "blank"));
    struct complaints_year y;
    assert_int_equal(complaints_year_gather(f->s, fy, &y, &err), 0);
    assert_string_equal(y.text[0], "Second.");
    assert_null(y.text[1]);
    struct buf missing = BUF_INIT;
    assert_int_equal(complaints_year_missing(&y, &missing), 4);
    assert_string_equal(buf_str(&missing), "accountability, review-body, front-end, learning");
    complaints_year_free(&y);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'complaints-report.text'"),
                     2);
    assert_int_not_equal(
        sqlite3_exec(f->peek, "UPDATE complaints_report_text SET text = 'x'", NULL, NULL, NULL),
        SQLITE_OK);
    buf_free(&missing);
    buf_free(&err);
}

static const char *text_of(const struct table *t, size_t r, size_t c)
{
    static char text[64];
    struct buf b = BUF_INIT;
    table_cell_text(table_cell(t, r, c), false, &b);
    snprintf(text, sizeof text, "%s", buf_str(&b));
    buf_free(&b);
    return text;
}

static const char *row_value(const struct table *t, const char *measure)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (strcmp(table_cell(t, r, 1)->text, measure) == 0)
            return text_of(t, r, 2);
    fail_msg("no row %s", measure);
    return NULL;
}

static void load_year(struct fx *f)
{
    const char text[] = "force,from,to,measure,breakdown,value,last_year,similar_forces,"
                        "england_and_wales\n"
                        "leicestershire,2025-04-01,2026-03-31,cases_logged,,1604,1533,1490.5,2110\n"
                        "leicestershire,2025-04-01,2026-03-31,days_to_log,,3.25,,,4\n"
                        "leicestershire,2025-04-01,2026-03-31,allegations_logged,Other,12,,,\n";
    char *path = fixture_write(f->dir, "y.csv", text, strlen(text));
    struct iopc_bulletin b;
    struct buf err = BUF_INIT;
    if (iopc_file_read(path, &b, &err) != 0)
        fail_msg("%s", buf_str(&err));
    char sha[SHA256_HEX_SIZE];
    sha256_of(text, strlen(text), sha);
    struct iopc_source src = {"y.csv", sha, "https://www.policeconduct.gov.uk/y", NULL, NULL};
    int period, version;
    assert_int_equal(store_iopc_load_year(f->s, &b, &src, &by, &period, &version, &err), 0);
    iopc_bulletin_free(&b);
    free(path);
    buf_free(&err);
}

static void the_year_is_counted_and_suppressed(void **state)
{
    struct fx *f = *state;
    struct buf err = BUF_INIT;
    assert_int_equal(store_allegation_category_put(f->s, "DDS", "Delivery of duties", &by, &err),
                     0);
    struct vault *v = vault_open(f->s, NULL, &by, &err);
    assert_non_null(v);
    /* 2025-26: Q1 has six reviews received, five decided; Q3 one */
    for (int i = 0; i < 5; i++)
        review(f, v, "2025-04-07", "2025-04-21", i < 4 ? "reasonable" : "not-reasonable", "DDS",
               i == 0 ? "2025-05-01" : NULL, i == 0 ? "2025-06-01" : NULL);
    review(f, v, "2025-05-07", NULL, NULL, NULL, "2026-03-01", NULL); /* awaiting a response */
    review(f, v, "2025-10-07", "2025-10-20", "reasonable", NULL, NULL, NULL);
    review(f, v, "2026-04-07", NULL, NULL, "DDS", NULL, NULL); /* the next year */
    vault_close(v);
    load_year(f);
    struct complaints_year y;
    assert_int_equal(complaints_year_gather(f->s, FY("2025-26"), &y, &err), 0);
    assert_string_equal(row_value(&y.reviews, "reviews_received"), "7");
    assert_string_equal(row_value(&y.reviews, "reviews_decided"), "6");
    /* one upheld of six: both suppressed, as the group's total would give it */
    assert_string_equal(row_value(&y.reviews, "reviews_upheld"), "<5");
    assert_string_equal(row_value(&y.reviews, "reviews_not_upheld"), "<5");
    assert_string_equal(row_value(&y.recommendations, "recommendations"), "<5");
    assert_string_equal(row_value(&y.recommendations, "awaiting_response"), "<5");
    /* by quarter: Q1 received 6, decided 5 */
    assert_int_equal(y.quarters.nrows, 4);
    assert_string_equal(text_of(&y.quarters, 0, 0), "2025-26 Q1");
    assert_string_equal(text_of(&y.quarters, 0, 1), "6");
    assert_string_equal(text_of(&y.quarters, 0, 4), "5");
    assert_string_equal(text_of(&y.quarters, 1, 1), "0");
    /* themes: five with DDS (one upheld), two with none */
    assert_int_equal(y.themes.nrows, 2);
    assert_string_equal(text_of(&y.themes, 0, 0), "DDS");
    assert_string_equal(text_of(&y.themes, 0, 2), "5");
    assert_string_equal(text_of(&y.themes, 0, 3), "<5");
    assert_string_equal(text_of(&y.themes, 1, 1), "Not categorised");
    /* the IOPC's totals, against England and Wales */
    assert_int_equal(y.iopc.nrows, 2);
    assert_string_equal(text_of(&y.iopc, 0, 1), "cases_logged");
    assert_string_equal(text_of(&y.iopc, 0, 6), "lower");
    assert_string_equal(text_of(&y.iopc, 1, 2), "3.25");
    assert_non_null(strstr(y.iopc_source, "2025-04-01 to 2026-03-31, version 1"));
    /* the casework statistics by category: the quarter's five with DDS */
    struct table t;
    assert_int_equal(concern_stats_categories_table(f->s, &t, &err), 0);
    assert_string_equal(text_of(&t, 0, 0), "2025-26 Q1");
    assert_string_equal(text_of(&t, 0, 1), "DDS");
    assert_string_equal(text_of(&t, 0, 3), "5");
    assert_string_equal(text_of(&t, 1, 2), "Not categorised");
    assert_string_equal(text_of(&t, 1, 3), "<5");
    table_free(&t);
    complaints_year_figures(&y, &t);
    struct buf all = BUF_INIT;
    for (size_t r = 0; r < t.nrows; r++)
        for (size_t c = 0; c < t.ncols; c++)
            buf_printf(&all, "%s|", text_of(&t, r, c));
    assert_null(strstr(buf_str(&all), "PERSONAL-MARK"));
    assert_non_null(strstr(buf_str(&all), "iopc|cases_logged|"));
    table_free(&t);
    buf_free(&all);
    complaints_year_free(&y);
    buf_free(&err);
}

static void the_report_needs_every_section(void **state)
{
    struct fx *f = *state;
    struct buf err = BUF_INIT, summary = BUF_INIT;
    char *out = fixture_path(f->dir, "report");
    struct report_request req = {.out = out, .complaints_fy = FY("2025-26")};
    assert_int_equal(report_run(f->s, &report_complaints, &req, &summary, &err), -1);
    assert_non_null(strstr(buf_str(&err), "no text yet for summary, accountability"));
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++) {
        int version;
        char text[200];
        snprintf(text, sizeof text, "The %s <b>section</b>.\n\nIts second paragraph.",
                 complaints_sections[i].code);
        assert_int_equal(store_complaints_text_put(f->s, FY("2025-26"), complaints_sections[i].code,
                                                   text, &by, &version, &err),
                         0);
    }
    buf_reset(&err);
    assert_int_equal(report_run(f->s, &report_complaints, &req, &summary, &err), 0);
    assert_non_null(strstr(buf_str(&summary), "complaints report for 2025-26"));
    struct buf html = BUF_INIT, pdf = BUF_INIT, csv = BUF_INIT;
    char *p = fixture_path(out, "index.html");
    assert_true(buf_read_file(&html, p, &err));
    free(p);
    assert_non_null(strstr(buf_str(&html), "<p>The accountability &lt;b&gt;section&lt;/b&gt;."
                                           "</p>\n<p>Its second paragraph.</p>"));
    assert_non_null(strstr(buf_str(&html), "No IOPC figures for the year"));
    p = fixture_path(out, "report.pdf");
    assert_true(buf_read_file(&pdf, p, &err));
    free(p);
    assert_int_equal(memcmp(pdf.p, "%PDF", 4), 0);
    p = fixture_path(out, "figures.csv");
    assert_true(buf_read_file(&csv, p, &err));
    free(p);
    assert_int_equal(strncmp(buf_str(&csv), "table,measure,label,breakdown,value,", 36), 0);
    p = fixture_path(out, "report.json");
    struct buf manifest = BUF_INIT;
    assert_true(buf_read_file(&manifest, p, &err));
    free(p);
    assert_non_null(strstr(buf_str(&manifest), "\"kind\": \"complaints\""));
    buf_free(&manifest);
    buf_free(&html);
    buf_free(&pdf);
    buf_free(&csv);
    buf_free(&summary);
    buf_free(&err);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sections_are_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(the_year_is_counted_and_suppressed, setup, teardown),
        cmocka_unit_test_setup_teardown(the_report_needs_every_section, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
