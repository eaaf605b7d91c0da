/*
 * test_pdf.c - the PDF writer: where pages break (a table that spans pages
 * repeats its header, a heading never ends a page, a kept run - a metric's
 * heading, sentence and chart - moves to a page as one, forced breaks,
 * space at the top of a page), and whole documents: written, paged as expected, the
 * same bytes twice for the same date, a chart that cannot be drawn reported
 * with the path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/spc.h"
#include "fixtures.h"
#include "render/pdf.h"
#include "render/pdf_internal.h"
#include "util/buf.h"

static struct pdf_box box(double h)
{
    return (struct pdf_box){.h = h, .repeat = PDF_NO_REPEAT};
}

/* A caption and header that keep with what follows, then rows. */
static size_t table_boxes(struct pdf_box *b, size_t at, size_t rows, double row_h)
{
    b[at] = box(12);
    b[at].keep = true;
    b[at + 1] = box(10);
    b[at + 1].keep = true;
    for (size_t i = 0; i < rows; i++) {
        b[at + 2 + i] = box(row_h);
        b[at + 2 + i].repeat = at + 1;
    }
    return at + 2 + rows;
}

static void test_table_repeats_header(void **state)
{
    (void)state;
    struct pdf_box b[64];
    size_t n = table_boxes(b, 0, 50, 10); /* 12 + 10 + 500 on pages of 100 */
    size_t nplaces, pages;
    struct pdf_place *pl = pdf_paginate(b, n, 100, &nplaces, &pages);
    assert_true(pages > 1);
    size_t last_page = 0, repeats = 0;
    for (size_t i = 0; i < nplaces; i++) {
        if (pl[i].page != last_page) {
            /* every page after the first starts with the header again */
            assert_int_equal(pl[i].box, 1);
            assert_true(pl[i].repeated);
            assert_true(pl[i].y == 0);
            repeats++;
            last_page = pl[i].page;
        }
        assert_true(pl[i].y + b[pl[i].box].h <= 100);
    }
    assert_int_equal(repeats, pages - 1);
    assert_int_equal(nplaces, n + repeats);
    free(pl);
}

static void test_heading_never_ends_page(void **state)
{
    (void)state;
    /* 8 lines of 11 fill 88 of 100: a heading of 10 would still fit, but
     * not with the line that follows it, so it moves to the next page. */
    struct pdf_box b[12];
    for (size_t i = 0; i < 8; i++)
        b[i] = box(11);
    b[8] = box(10);
    b[8].keep = true;
    b[9] = box(11);
    size_t nplaces, pages;
    struct pdf_place *pl = pdf_paginate(b, 10, 100, &nplaces, &pages);
    assert_int_equal(pages, 2);
    assert_int_equal(nplaces, 10);
    assert_int_equal(pl[8].page, 1);
    assert_true(pl[8].y == 0);
    assert_int_equal(pl[9].page, 1);
    free(pl);
}

static void test_heading_chain_moves_together(void **state)
{
    (void)state;
    /* h1, h2, h3 all keep: with 30 left and 3 x 10 + a line of 11 to
     * place, all four start the next page. */
    struct pdf_box b[8];
    b[0] = box(70);
    for (size_t i = 1; i <= 3; i++) {
        b[i] = box(10);
        b[i].keep = true;
    }
    b[4] = box(11);
    size_t nplaces, pages;
    struct pdf_place *pl = pdf_paginate(b, 5, 100, &nplaces, &pages);
    assert_int_equal(pages, 2);
    for (size_t i = 1; i <= 4; i++)
        assert_int_equal(pl[i].page, 1);
    free(pl);
}

static void test_kept_run_moves_together(void **state)
{
    (void)state;
    /* A metric: heading, two lines of its sentence, its chart and the
     * chart's caption, all kept (pdf_keep_with_next), after 40 of filler.
     * Heading and sentence would fit in the 60 left, the chart (40) not:
     * all five start the next page, in order, the chart under its
     * heading. */
    struct pdf_box b[8];
    b[0] = box(40);
    b[1] = box(10);
    b[2] = box(11);
    b[3] = box(11);
    b[4] = box(40);
    b[4].before = 8;
    b[5] = box(9); /* the caption ends the run */
    for (size_t i = 1; i <= 4; i++)
        b[i].keep = true;
    b[6] = box(11);
    size_t nplaces, pages;
    struct pdf_place *pl = pdf_paginate(b, 7, 100, &nplaces, &pages);
    assert_int_equal(pages, 2);
    assert_int_equal(nplaces, 7);
    assert_int_equal(pl[0].page, 0);
    for (size_t i = 1; i <= 5; i++)
        assert_int_equal(pl[i].page, 1);
    assert_true(pl[1].y == 0);
    assert_true(pl[4].y == 10 + 11 + 11 + 8);
    /* the box after the run is free to follow on the same page */
    assert_int_equal(pl[6].page, 1);
    free(pl);
}

static void test_kept_run_taller_than_a_page(void **state)
{
    (void)state;
    /* heading 10, chart 85 and its caption 11 cannot share any page of
     * 100: the run starts a page rather than wait at the foot of the first,
     * keeps what fits (heading and chart) and breaks only where that page
     * is full. */
    struct pdf_box b[4] = {box(30), box(10), box(85), box(11)};
    b[1].keep = true;
    b[2].keep = true;
    size_t nplaces, pages;
    struct pdf_place *pl = pdf_paginate(b, 4, 100, &nplaces, &pages);
    assert_int_equal(pages, 3);
    assert_int_equal(pl[1].page, 1);
    assert_true(pl[1].y == 0);
    assert_int_equal(pl[2].page, 1);
    assert_int_equal(pl[3].page, 2); /* 95 + 11 > 100: it must break here */
    /* and a run that fills a page exactly stays on it */
    struct pdf_box c[3] = {box(10), box(80), box(10)};
    c[0].keep = c[1].keep = true;
    free(pl);
    pl = pdf_paginate(c, 3, 100, &nplaces, &pages);
    assert_int_equal(pages, 1);
    free(pl);
}

static void test_breaks_and_space(void **state)
{
    (void)state;
    struct pdf_box b[4] = {box(10), box(10), box(95), box(10)};
    b[0].break_first = true; /* on an empty page: no blank page */
    b[1].break_first = true;
    b[2].before = 20; /* dropped at the top of a page */
    b[3].before = 4;
    size_t nplaces, pages;
    struct pdf_place *pl = pdf_paginate(b, 4, 100, &nplaces, &pages);
    assert_int_equal(pages, 4);
    assert_int_equal(pl[0].page, 0);
    assert_int_equal(pl[1].page, 1);
    assert_int_equal(pl[2].page, 2);
    assert_true(pl[2].y == 0);
    assert_int_equal(pl[3].page, 3);
    assert_true(pl[3].y == 0);
    free(pl);
}

static void test_empty_document_has_a_page(void **state)
{
    (void)state;
    size_t nplaces, pages;
    struct pdf_place *pl = pdf_paginate(NULL, 0, 100, &nplaces, &pages);
    assert_int_equal(nplaces, 0);
    assert_int_equal(pages, 1);
    free(pl);
}

/* ---- whole documents ---------------------------------------------------- */

#define NPOINTS 30

static void write_doc(const char *path, const struct spc_result *spc, size_t *pages)
{
    struct chart_xmr chart = {.title = "Shoplifting <b>&amp;</b>",
                              .description = "A test chart.",
                              .y_label = "Crimes per month",
                              .x_labels = NULL,
                              .spc = spc};
    struct pdf_doc *d = pdf_open(path, "A test <b>report</b>");
    pdf_set_date(d, "2023-04-01T09:00:00Z");
    pdf_paragraph(d, PDF_TITLE, "A test <b>report</b>");
    pdf_contents(d);
    pdf_page_break(d);
    pdf_heading(d, 1, "First");
    pdf_paragraph(d, PDF_TEXT, "Some words that say something & <i>nothing</i>.");
    pdf_lead(d, "Target:", "none set.");
    const char *items[] = {"one", "two"};
    pdf_bullets(d, items, 2, true);
    pdf_chart_xmr(d, &chart);
    pdf_heading(d, 2, "A table");
    const char *names[] = {"name", "count", "rate"};
    struct table t;
    table_init(&t, 3, names);
    t.right[1] = t.right[2] = true;
    for (int i = 0; i < 150; i++) {
        size_t r = table_add_row(&t);
        table_set_text(&t, r, 0, "row");
        table_set_int(&t, r, 1, 1000 * i);
        table_set_real(&t, r, 2, i / 7.0, 1, "%");
    }
    pdf_table(d, &t, "Table 1: rows", (const char *const[]){"Name", "Count", "Rate"});
    table_free(&t);
    pdf_heading(d, 1, "Second");
    pdf_paragraph(d, PDF_SMALL, "The end.");
    struct buf err = BUF_INIT;
    assert_int_equal(pdf_close(d, pages, &err), 0);
    buf_free(&err);
}

static void read_all(const char *path, struct buf *out)
{
    struct buf err = BUF_INIT;
    assert_true(buf_read_file(out, path, &err));
    buf_free(&err);
}

static void test_document(void **state)
{
    (void)state;
    double v[NPOINTS];
    bool missing[NPOINTS] = {0};
    for (int i = 0; i < NPOINTS; i++)
        v[i] = 100 + (i % 3) * 4 + (i >= 24 ? 30 : 0);
    struct spc_options o;
    spc_options_default(&o);
    struct spc_result spc;
    assert_true(spc_compute(v, missing, NPOINTS, &o, &spc));
    char *dir = fixture_tmpdir();
    struct buf a = BUF_INIT, b = BUF_INIT, pa = BUF_INIT, pb = BUF_INIT;
    buf_printf(&pa, "%s/a.pdf", dir);
    buf_printf(&pb, "%s/b.pdf", dir);
    size_t pages_a = 0, pages_b = 0;
    write_doc(pa.p, &spc, &pages_a);
    write_doc(pb.p, &spc, &pages_b);
    /* title and contents, then the body: 150 rows cannot fit on one page */
    assert_true(pages_a >= 4);
    assert_int_equal(pages_a, pages_b);
    read_all(pa.p, &a);
    read_all(pb.p, &b);
    assert_memory_equal(a.p, "%PDF-", 5);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.p, b.p, a.len);
    /* the PDF holds binary streams: search its bytes, not a string */
    assert_non_null(memmem(a.p, a.len, "/CreationDate (20230401090000", 29));
    assert_non_null(memmem(a.p, a.len, "/Creator (Peel)", 15));
    spc_result_free(&spc);
    buf_free(&a);
    buf_free(&b);
    buf_free(&pa);
    buf_free(&pb);
    fixture_rmtree(dir);
    free(dir);
}

static void test_errors_name_the_path(void **state)
{
    (void)state;
    struct buf err = BUF_INIT;
    struct pdf_doc *d = pdf_open("/nonexistent-dir/x.pdf", "T");
    pdf_paragraph(d, PDF_TEXT, "x");
    assert_int_equal(pdf_close(d, NULL, &err), -1);
    assert_non_null(strstr(buf_str(&err), "/nonexistent-dir/x.pdf"));
    buf_reset(&err);

    struct chart_xmr bad = {.title = "No data"};
    d = pdf_open("/tmp/never-written.pdf", "T");
    pdf_chart_xmr(d, &bad);
    assert_int_equal(pdf_close(d, NULL, &err), -1);
    assert_non_null(strstr(buf_str(&err), "/tmp/never-written.pdf: chart:"));
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_repeats_header),
        cmocka_unit_test(test_heading_never_ends_page),
        cmocka_unit_test(test_heading_chain_moves_together),
        cmocka_unit_test(test_kept_run_moves_together),
        cmocka_unit_test(test_kept_run_taller_than_a_page),
        cmocka_unit_test(test_breaks_and_space),
        cmocka_unit_test(test_empty_document_has_a_page),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_errors_name_the_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
