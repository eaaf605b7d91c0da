/*
 * test_table.c - machine formats carry every digit: each number a table's
 * CSV and JSON hold reads back as exactly the double Peel computed, while
 * the text table still rounds for reading (util/numfmt.h buf_put_exact,
 * render/table.h); the text table's layout (widths, alignment, grouping),
 * and a table streamed row by row is the table rendered whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/spc.h"
#include "render/table.h"
#include "render/table_html.h"
#include "render/table_share.h"
#include "util/numfmt.h"

static void exact(double v, int decimals, const char *want)
{
    struct buf b = BUF_INIT;
    buf_put_exact(&b, v, decimals);
    assert_string_equal(buf_str(&b), want);
    assert_true(strtod(buf_str(&b), NULL) == v);
    buf_free(&b);
}

static void exact_texts(void **state)
{
    (void)state;
    exact(73, 2, "73.00");                       /* the stated decimals lose nothing */
    exact(-1.13, 6, "-1.130000");                /* a coordinate as published */
    exact(1.0 / 3, 2, "0.3333333333333333");     /* they would: every digit */
    exact(0.1, -1, "0.1");                       /* shortest, not 0.10000000000000001 */
    exact(0.1 + 0.2, -1, "0.30000000000000004"); /* 17 digits when 16 are not enough */
    exact(2.66 * 12.5, 1, "33.25");              /* exact at 2, but not at 1 */
    exact(1e-20, 4, "1e-20");                    /* a p-value that %.4f writes as 0 */
    exact(-0.0, 1, "0.0");                       /* no minus zero */
    exact(812, 0, "812");
}

/* The doubles of a small XmR chart and some awkward ones. */
static size_t sample(double *v, size_t cap)
{
    static const double series[] = {735, 812, 790, 927, 701, 688, 845, 903, 877, 760, 799, 811};
    const size_t n = sizeof series / sizeof *series;
    struct spc_options o;
    spc_options_default(&o);
    struct spc_result r;
    assert_true(spc_compute(series, NULL, n, &o, &r));
    size_t k = 0;
    for (size_t i = 0; i < n && k + 5 <= cap; i++) {
        const struct spc_point *p = &r.points[i];
        double each[] = {p->mean, p->lpl, p->upl, p->lower_2s, p->upper_2s};
        memcpy(v + k, each, sizeof each);
        k += 5;
    }
    spc_result_free(&r);
    const double odd[] = {1.0 / 3, sqrt(2),  1e-300,          6.02214076e23,
                          -0.1,    4.9e-324, 1.26 * 735 / 927};
    for (size_t i = 0; i < sizeof odd / sizeof *odd && k < cap; i++)
        v[k++] = odd[i];
    return k;
}

/* The table as table_render writes it, in a struct buf. */
static void render(const struct table *t, enum table_format fmt, struct buf *out)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    table_render(t, fmt, f);
    fclose(f);
    buf_append(out, text, len);
    free(text);
}

static void build(struct table *t, const double *v, size_t n)
{
    static const char *const names[] = {"name", "value", "empty"};
    table_init(t, 3, names);
    for (size_t i = 0; i < n; i++) {
        size_t row = table_add_row(t);
        table_set_text(t, row, 0, i % 2 ? "say \"hi\", then" : "plain");
        table_set_real(t, row, 1, v[i], 2, "%");
        table_set_real(t, row, 2, NAN, 2, NULL);
    }
}

/* The sample's doubles in a table, rendered; returns how many. */
static size_t sampled(struct table *t, double *v, size_t cap, enum table_format fmt,
                      struct buf *out)
{
    size_t n = sample(v, cap);
    build(t, v, n);
    render(t, fmt, out);
    return n;
}

static void csv_round_trip(void **state)
{
    (void)state;
    double v[80];
    struct table t;
    struct buf csv = BUF_INIT;
    size_t n = sampled(&t, v, 80, TABLE_CSV, &csv);
    char *line = strstr(csv.p, "\r\n");
    for (size_t i = 0; i < n; i++) {
        assert_non_null(line);
        line += 2;
        /* the text is "plain" or quoted with a comma inside: the value follows
         * the last comma but one */
        char *end = strstr(line, "\r\n");
        assert_non_null(end);
        char *comma = end - 1; /* the empty last field */
        assert_int_equal(*comma, ',');
        char *start = comma - 1;
        while (*start != ',')
            start--;
        assert_true(strtod(start + 1, NULL) == v[i]);
        line = end;
    }
    buf_free(&csv);
    table_free(&t);
}

static void json_round_trip(void **state)
{
    (void)state;
    double v[80];
    struct table t;
    struct buf json = BUF_INIT;
    size_t n = sampled(&t, v, 80, TABLE_JSON, &json);
    json_error_t err;
    json_t *rows = json_loads(buf_str(&json), 0, &err);
    assert_non_null(rows);
    assert_int_equal(json_array_size(rows), n);
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(rows, i);
        assert_true(json_is_real(json_object_get(row, "value")));
        assert_true(json_real_value(json_object_get(row, "value")) == v[i]);
        assert_true(json_is_null(json_object_get(row, "empty")));
        assert_string_equal(json_string_value(json_object_get(row, "name")),
                            i % 2 ? "say \"hi\", then" : "plain");
    }
    json_decref(rows);
    buf_free(&json);

    /* the streamed form writes the same values */
    struct table_stream ts;
    struct buf b = BUF_INIT;
    table_stream_begin(&ts, TABLE_JSON, t.ncols, (const char *const *)t.names, &b);
    for (size_t i = 0; i < n; i++)
        table_stream_row(&ts, table_cell(&t, i, 0), &b);
    table_stream_end(&ts, &b);
    rows = json_loads(buf_str(&b), 0, &err);
    assert_non_null(rows);
    for (size_t i = 0; i < n; i++)
        assert_true(json_real_value(json_object_get(json_array_get(rows, i), "value")) == v[i]);
    json_decref(rows);
    buf_free(&b);
    table_free(&t);
}

/* People still read rounded numbers. */
static void text_rounds(void **state)
{
    (void)state;
    struct table t;
    const double v[] = {1.0 / 3, 1234.5678};
    build(&t, v, 2);
    struct buf text = BUF_INIT;
    render(&t, TABLE_TEXT, &text);
    assert_non_null(strstr(buf_str(&text), "0.33%"));
    assert_non_null(strstr(buf_str(&text), "1,234.57%"));
    assert_null(strstr(buf_str(&text), "0.333"));
    buf_free(&text);
    table_free(&t);
}

/* A share and its 95% Wilson interval: 1 of 2, worked by hand (p = 0.5,
 * z^2/n = 1.92073, centre 0.5, half-width 1.96 sqrt(0.125 + 0.24009) /
 * 2.92073 = 0.40547: 9.453% to 90.547%); on a page, the interval under its
 * estimate, each number with its every digit; nothing when n is 0. */
static void share_with_interval(void **state)
{
    (void)state;
    static const char *const names[] = {"area", "find_rate_pct", "find_rate_lower_95",
                                        "find_rate_upper_95", "searches"};
    struct table t;
    table_init(&t, 5, names);
    table_set_share(&t, table_add_row(&t), 1, 1, 2, 1);
    table_set_share(&t, table_add_row(&t), 1, 0, 0, 1);
    assert_true(fabs(table_cell(&t, 0, 1)->r - 50.0) < 1e-12);
    assert_true(fabs(table_cell(&t, 0, 2)->r - 9.453) < 1e-3);
    assert_true(fabs(table_cell(&t, 0, 3)->r - 90.547) < 1e-3);
    assert_int_equal(table_cell(&t, 1, 1)->type, CELL_NULL);
    assert_int_equal(table_cell(&t, 1, 2)->type, CELL_NULL);
    struct buf html = BUF_INIT, csv = BUF_INIT;
    static const size_t shown[] = {0, 1, 2, 3};
    table_html(&html, &t,
               &(struct table_html){.columns = shown, .ncolumns = 4, .join_intervals = true});
    assert_non_null(strstr(html.p, "find_rate_pct (95% CI)</th>"));
    assert_null(strstr(html.p, "find_rate_lower_95</th>"));
    assert_null(strstr(html.p, "searches"));
    assert_non_null(strstr(html.p, "50.0%</data><br><span class=\"ci\">"
                                   "<data value=\"9.4531205734230"));
    assert_non_null(strstr(html.p, "\">9.5%</data>\u2013<data value=\"90.54687942657"));
    render(&t, TABLE_CSV, &csv);
    assert_non_null(strstr(csv.p, ",9.4531205734230"));
    buf_free(&html);
    buf_free(&csv);
    table_free(&t);
}

/* A table written a row at a time (cmd_scan.c lists its signals so) is
 * table_render's bytes: text in two passes, JSON and CSV in one; with no
 * row, each format's empty table. */
static void streamed_as_rendered(void **state)
{
    (void)state;
    double v[80];
    for (size_t rows = 0; rows <= 80; rows += 80) {
        struct table t;
        build(&t, v, rows ? sample(v, rows) : 0);
        table_set_title(&t, "A title");
        table_add_note(&t, "a note");
        table_add_note(&t, "another");
        struct buf want = BUF_INIT, text = BUF_INIT, json = BUF_INIT, csv = BUF_INIT;
        char *p = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&p, &len);
        assert_non_null(f);
        struct table_text tt;
        table_text_begin(&tt, t.ncols, (const char *const *)t.names, t.right);
        for (size_t r = 0; r < t.nrows; r++)
            table_text_measure(&tt, table_cell(&t, r, 0));
        table_text_head(&tt, t.title, f);
        for (size_t r = 0; r < t.nrows; r++)
            table_text_row(&tt, table_cell(&t, r, 0), f);
        table_text_end(&tt, (const char *const *)t.notes, t.nnotes, f);
        fclose(f);
        buf_append(&text, p, len);
        free(p);
        render(&t, TABLE_TEXT, &want);
        assert_string_equal(buf_str(&text), buf_str(&want));
        struct table_stream ts;
        table_stream_begin(&ts, TABLE_CSV, t.ncols, (const char *const *)t.names, &csv);
        for (size_t r = 0; r < t.nrows; r++) {
            table_json_row(&json, (const char *const *)t.names, t.ncols, table_cell(&t, r, 0), r);
            table_stream_row(&ts, table_cell(&t, r, 0), &csv);
        }
        table_json_end(&json, t.nrows);
        buf_reset(&want);
        render(&t, TABLE_JSON, &want);
        assert_string_equal(buf_str(&json), buf_str(&want));
        buf_reset(&want);
        render(&t, TABLE_CSV, &want);
        assert_string_equal(buf_str(&csv), buf_str(&want));
        buf_free(&want);
        buf_free(&text);
        buf_free(&json);
        buf_free(&csv);
        table_free(&t);
    }
}

/* The text table's columns as wide as their widest text, header or cell,
 * counted in characters (é is one); numbers right-aligned with thousands
 * grouped and their suffix (an empty number padded all the same), names
 * left-aligned. */
static void text_widths_from_cells(void **state)
{
    (void)state;
    static const char *const names[] = {"name", "n", "share"};
    struct table t;
    table_init(&t, 3, names);
    size_t r = table_add_row(&t);
    table_set_text(&t, r, 0, "x");
    table_set_int(&t, r, 1, 5);
    table_set_real(&t, r, 2, 1.5, 1, "%");
    r = table_add_row(&t);
    table_set_text(&t, r, 0, "xyzzy");
    table_set_int(&t, r, 1, -1234);
    table_set_real(&t, r, 2, -12.34, 1, "%");
    r = table_add_row(&t);
    table_set_text(&t, r, 0, "\xc3\xa9t\xc3\xa9");
    struct buf text = BUF_INIT;
    render(&t, TABLE_TEXT, &text);
    assert_string_equal(buf_str(&text), "name   n       share \n"
                                        "-----  ------  ------\n"
                                        "x           5    1.5%\n"
                                        "xyzzy  -1,234  -12.3%\n"
                                        "\xc3\xa9t\xc3\xa9                  \n");
    buf_free(&text);
    table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_texts),
        cmocka_unit_test(share_with_interval),
        cmocka_unit_test(csv_round_trip),
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(text_rounds),
        cmocka_unit_test(streamed_as_rendered),
        cmocka_unit_test(text_widths_from_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
