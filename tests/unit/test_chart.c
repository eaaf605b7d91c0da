/*
 * test_chart.c - XmR and funnel charts written as SVG, PNG and PDF: the
 * files are what their names say (magic bytes, PNG size), the SVG carries
 * an escaped <title> and <desc> for screen readers, gaps and rebases draw,
 * and errors name the path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/spc.h"
#include "fixtures.h"
#include "render/chart.h"
#include "util/buf.h"

#define HOSTILE "Theft </title><script>alert('x')</script> & \"more\""
#define HOSTILE_ESCAPED                                                                            \
    "Theft &lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"

#define NPOINTS 30

struct xmr_case {
    double v[NPOINTS];
    bool missing[NPOINTS];
    const char *labels[NPOINTS];
    /* "YYYY-MM" needs 8; room for any int year, as gcc -O1 -Wformat-truncation asks. */
    char text[NPOINTS][16];
    struct spc_result spc;
    struct chart_xmr chart;
};

/* Monthly counts from 2021-04 with a step up at the end (special cause). */
static void xmr_case(struct xmr_case *x, const struct spc_options *o, const char *title)
{
    memset(x, 0, sizeof *x);
    for (int i = 0; i < NPOINTS; i++) {
        x->v[i] = 100 + (i % 3) * 4 - (i % 2) * 3 + (i >= 24 ? 30 : 0);
        snprintf(x->text[i], sizeof x->text[i], "%04d-%02d", 2021 + (i + 3) / 12, (i + 3) % 12 + 1);
        x->labels[i] = x->text[i];
    }
    assert_true(spc_compute(x->v, x->missing, NPOINTS, o, &x->spc));
    x->chart = (struct chart_xmr){.title = title,
                                  .description = "Shoplifting rose in the last six months.",
                                  .y_label = "Crimes per month",
                                  .x_labels = x->labels,
                                  .spc = &x->spc,
                                  .has_target = true,
                                  .target = 95};
}

static void read_all(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    fclose(f);
}

static char *path_in(const char *dir, const char *name)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", dir, name);
    return buf_detach(&b);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void assert_png(const struct buf *b, uint32_t w, uint32_t h)
{
    assert_true(b->len > 33);
    assert_memory_equal(b->p, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(b->p + 12, "IHDR", 4);
    assert_int_equal(be32((const unsigned char *)b->p + 16), w);
    assert_int_equal(be32((const unsigned char *)b->p + 20), h);
}

static void assert_accessible_svg(const char *svg, const char *title_escaped)
{
    const char *root = strstr(svg, "<svg");
    assert_non_null(root);
    const char *root_end = strchr(root, '>');
    assert_non_null(strstr(root, "role=\"img\""));
    assert_true(strstr(root, "role=\"img\"") < root_end);
    assert_true(strstr(root, "aria-labelledby=\"") < root_end);
    /* The title and description are the root's first children. */
    assert_memory_equal(root_end, ">\n<title id=\"", 13);
    struct buf want = BUF_INIT;
    buf_printf(&want, "\">%s</title>\n<desc id=\"", title_escaped);
    assert_non_null(strstr(svg, buf_str(&want)));
    buf_free(&want);
    assert_null(strstr(svg, "<script"));
    assert_non_null(strstr(svg, "</svg>"));
}

static void xmr_in_three_formats(void **state)
{
    (void)state;
    struct spc_options o;
    spc_options_default(&o);
    o.has_target = true;
    o.target = 95;
    struct xmr_case x;
    xmr_case(&x, &o, HOSTILE);
    char *dir = fixture_tmpdir();
    const char *names[] = {"xmr.svg", "xmr.png", "xmr.pdf"};
    for (int k = 0; k < 3; k++) {
        char *path = path_in(dir, names[k]);
        enum chart_format f;
        assert_true(chart_format_from_path(path, &f));
        struct buf err = BUF_INIT, data = BUF_INIT;
        assert_int_equal(chart_xmr_write(&x.chart, f, path, &err), 0);
        assert_int_equal(err.len, 0);
        read_all(path, &data);
        if (f == CHART_SVG) {
            assert_memory_equal(data.p, "<?xml", 5);
            assert_accessible_svg(data.p, HOSTILE_ESCAPED);
            assert_non_null(strstr(data.p, "Shoplifting rose in the last six months.</desc>"));
        } else if (f == CHART_PNG) {
            assert_png(&data, CHART_WIDTH, CHART_HEIGHT);
        } else {
            assert_memory_equal(data.p, "%PDF", 4);
        }
        buf_free(&data);
        free(path);
    }
    fixture_rmtree(dir);
    free(dir);
    spc_result_free(&x.spc);
}

static void inline_svg_is_a_deterministic_fragment(void **state)
{
    (void)state;
    struct spc_options o;
    spc_options_default(&o);
    struct xmr_case x;
    xmr_case(&x, &o, "Shoplifting, Leicestershire, monthly");
    x.chart.has_target = false;
    struct buf a = BUF_INIT, b = BUF_INIT, err = BUF_INIT;
    assert_int_equal(chart_xmr_svg(&x.chart, &a, &err), 0);
    assert_int_equal(chart_xmr_svg(&x.chart, &b, &err), 0);
    assert_memory_equal(a.p, "<svg", 4); /* no XML declaration inside HTML */
    assert_accessible_svg(a.p, "Shoplifting, Leicestershire, monthly");
    assert_string_equal(a.p, b.p);
    /* Every id is prefixed, so two charts on one page cannot collide. */
    assert_null(strstr(a.p, "id=\"glyph"));
    assert_null(strstr(a.p, "href=\"#glyph"));
    assert_non_null(strstr(a.p, "href=\"#peel-"));
    buf_free(&a);
    buf_free(&b);
    spc_result_free(&x.spc);
}

static void different_charts_get_different_ids(void **state)
{
    (void)state;
    struct spc_options o;
    spc_options_default(&o);
    struct xmr_case x, y;
    xmr_case(&x, &o, "Burglary");
    xmr_case(&y, &o, "Robbery");
    y.chart.description = NULL; /* then the title alone labels it */
    struct buf a = BUF_INIT, b = BUF_INIT, err = BUF_INIT;
    assert_int_equal(chart_xmr_svg(&x.chart, &a, &err), 0);
    assert_int_equal(chart_xmr_svg(&y.chart, &b, &err), 0);
    const char *ia = strstr(a.p, "id=\"peel-"), *ib = strstr(b.p, "id=\"peel-");
    assert_non_null(ia);
    assert_non_null(ib);
    assert_memory_not_equal(ia, ib, strlen("id=\"peel-12345678"));
    assert_null(strstr(b.p, "<desc"));
    assert_non_null(strstr(b.p, "-title\">\n<title id=\""));
    buf_free(&a);
    buf_free(&b);
    spc_result_free(&x.spc);
    spc_result_free(&y.spc);
}

static void gap_and_rebase_draw(void **state)
{
    (void)state;
    struct xmr_case x;
    struct spc_options o;
    spc_options_default(&o);
    o.polarity = SPC_LOWER_IS_BETTER;
    size_t rebase[] = {15};
    o.rebase_at = rebase;
    o.nrebase = 1;
    xmr_case(&x, &o, "Burglary with a gap");
    spc_result_free(&x.spc);
    x.missing[7] = x.missing[20] = true;
    assert_true(spc_compute(x.v, x.missing, NPOINTS, &o, &x.spc));
    assert_int_equal(x.spc.missing, 2);
    assert_true(x.spc.points[0].mean != x.spc.points[NPOINTS - 1].mean);
    x.chart.spc = &x.spc;
    x.chart.x_labels = NULL; /* numbered 1..n */
    char *dir = fixture_tmpdir();
    char *png = path_in(dir, "gap.png"), *svg = path_in(dir, "gap.svg");
    struct buf err = BUF_INIT, data = BUF_INIT;
    assert_int_equal(chart_xmr_write(&x.chart, CHART_PNG, png, &err), 0);
    assert_int_equal(chart_xmr_write(&x.chart, CHART_SVG, svg, &err), 0);
    read_all(png, &data);
    assert_png(&data, CHART_WIDTH, CHART_HEIGHT);
    buf_free(&data);
    free(png);
    free(svg);
    fixture_rmtree(dir);
    free(dir);
    spc_result_free(&x.spc);
}

#define NUNITS 12
#define NCURVE 60

struct funnel_case {
    double x[NUNITS], y[NUNITS];
    int position[NUNITS];
    const char *names[NUNITS];
    double cx[NCURVE], lo95[NCURVE], hi95[NCURVE], lo998[NCURVE], hi998[NCURVE];
    struct chart_funnel chart;
};

/* Crimes per 1,000 residents in twelve areas, normal-approximation limits. */
static void funnel_case(struct funnel_case *f, const char *title)
{
    static const char *const names[NUNITS] = {"Blaby",     "Charnwood", "Harborough", "Hinckley",
                                              "Melton",    "NW Leics",  "Oadby",      "Rutland",
                                              "City West", "City East", "City North", "City South"};
    static const double pop[NUNITS] = {100e3, 185e3, 97e3, 113e3, 51e3, 104e3,
                                       58e3,  41e3,  92e3, 88e3,  95e3, 90e3};
    static const double rate[NUNITS] = {48, 52, 40, 51, 47, 55, 49, 44, 71, 58, 50, 35};
    const double centre = 50;
    memset(f, 0, sizeof *f);
    for (int i = 0; i < NUNITS; i++) {
        f->x[i] = pop[i];
        f->y[i] = rate[i];
        f->names[i] = names[i];
        double z = (rate[i] - centre) / (1000 * sqrt(centre / 1000 / pop[i]));
        f->position[i] = fabs(z) > 3.09 ? (z > 0 ? 2 : -2) : fabs(z) > 1.96 ? (z > 0 ? 1 : -1) : 0;
    }
    for (int k = 0; k < NCURVE; k++) {
        double n = 2e3 + k * 200e3 / NCURVE, se = 1000 * sqrt(centre / 1000 / n);
        f->cx[k] = n;
        f->lo95[k] = centre - 1.96 * se;
        f->hi95[k] = centre + 1.96 * se;
        f->lo998[k] = centre - 3.09 * se;
        f->hi998[k] = centre + 3.09 * se;
    }
    f->chart = (struct chart_funnel){
        .title = title,
        .description = "City West is above the 99.8% limit.",
        .x_label = "Residents",
        .y_label = "Crimes per 1,000 residents",
        .n = NUNITS,
        .names = f->names,
        .x = f->x,
        .y = f->y,
        .position = f->position,
        .centre = centre,
        .ncurve = NCURVE,
        .curve_x = f->cx,
        .lo95 = f->lo95,
        .hi95 = f->hi95,
        .lo998 = f->lo998,
        .hi998 = f->hi998,
    };
}

static void funnel_in_three_formats(void **state)
{
    (void)state;
    struct funnel_case fc;
    funnel_case(&fc, HOSTILE);
    char *dir = fixture_tmpdir();
    const char *names[] = {"funnel.svg", "funnel.PNG", "funnel.pdf"};
    for (int k = 0; k < 3; k++) {
        char *path = path_in(dir, names[k]);
        enum chart_format f;
        assert_true(chart_format_from_path(path, &f));
        struct buf err = BUF_INIT, data = BUF_INIT;
        assert_int_equal(chart_funnel_write(&fc.chart, f, path, &err), 0);
        read_all(path, &data);
        if (f == CHART_SVG)
            assert_accessible_svg(data.p, HOSTILE_ESCAPED);
        else if (f == CHART_PNG)
            assert_png(&data, CHART_WIDTH, CHART_HEIGHT);
        else
            assert_memory_equal(data.p, "%PDF", 4);
        buf_free(&data);
        free(path);
    }
    struct buf svg = BUF_INIT, err = BUF_INIT;
    assert_int_equal(chart_funnel_svg(&fc.chart, &svg, &err), 0);
    assert_memory_equal(svg.p, "<svg", 4);
    assert_accessible_svg(svg.p, HOSTILE_ESCAPED);
    buf_free(&svg);
    fixture_rmtree(dir);
    free(dir);
}

static void bad_path_is_named(void **state)
{
    (void)state;
    struct spc_options o;
    spc_options_default(&o);
    struct xmr_case x;
    xmr_case(&x, &o, "Shoplifting");
    struct funnel_case fc;
    funnel_case(&fc, "Funnel");
    const char *path = "/nonexistent-peel-dir/chart.png";
    struct buf err = BUF_INIT;
    assert_int_equal(chart_xmr_write(&x.chart, CHART_PNG, path, &err), -1);
    assert_non_null(strstr(buf_str(&err), path));
    buf_reset(&err);
    assert_int_equal(chart_funnel_write(&fc.chart, CHART_PDF, path, &err), -1);
    assert_non_null(strstr(buf_str(&err), path));
    buf_free(&err);
    spc_result_free(&x.spc);
}

static void bad_input_is_refused(void **state)
{
    (void)state;
    struct buf err = BUF_INIT, out = BUF_INIT;
    struct chart_xmr none = {.title = "Nothing"};
    assert_int_equal(chart_xmr_svg(&none, &out, &err), -1);
    assert_non_null(strstr(buf_str(&err), "chart: "));
    buf_reset(&err);
    struct funnel_case fc;
    funnel_case(&fc, "");
    assert_int_equal(chart_funnel_svg(&fc.chart, &out, &err), -1);
    assert_non_null(strstr(buf_str(&err), "title"));
    assert_int_equal(out.len, 0);
    buf_free(&err);
}

static void formats_from_paths(void **state)
{
    (void)state;
    enum chart_format f = CHART_PNG;
    assert_true(chart_format_from_path("a/b/chart.svg", &f));
    assert_int_equal(f, CHART_SVG);
    assert_true(chart_format_from_path("CHART.PNG", &f));
    assert_int_equal(f, CHART_PNG);
    assert_true(chart_format_from_path("x.y.pdf", &f));
    assert_int_equal(f, CHART_PDF);
    assert_false(chart_format_from_path("chart", &f));
    assert_false(chart_format_from_path("chart.jpg", &f));
    assert_false(chart_format_from_path("dir.svg/chart", &f));
    assert_false(chart_format_from_path("chart.svgz", &f));
    assert_false(chart_format_from_path("", &f));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xmr_in_three_formats),
        cmocka_unit_test(inline_svg_is_a_deterministic_fragment),
        cmocka_unit_test(different_charts_get_different_ids),
        cmocka_unit_test(gap_and_rebase_draw),
        cmocka_unit_test(funnel_in_three_formats),
        cmocka_unit_test(bad_path_is_named),
        cmocka_unit_test(bad_input_is_refused),
        cmocka_unit_test(formats_from_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
