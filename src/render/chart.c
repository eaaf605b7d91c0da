/*
 * chart.c - the rendering pipeline behind every chart (see chart.h): one
 * drawing routine, three cairo surfaces.
 *
 * Every format is drawn into memory through a cairo stream and only then
 * written out, so a file error is reported with the path and errno, and a
 * half-drawn chart never reaches a file.
 *
 * cairo's SVG surface writes no <title> or <desc>, so the stream is edited
 * afterwards: the root <svg> gets role="img" and aria-labelledby, and the
 * escaped title and description become its first children. Its ids are
 * prefixed with a hash of the chart, because an inline SVG shares one id
 * space with the page: two charts that both define "glyph0-1" would show each
 * other's letters. cairo numbers surfaces from a process-wide counter, so
 * those ids are renumbered from 1 first, which also makes the output the same
 * on every run.
 */
#include "render/chart_internal.h"
#include "util/html.h"
#include "util/mem.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

bool chart_format_from_path(const char *path, enum chart_format *f)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return false;
    static const struct {
        const char *ext;
        enum chart_format f;
    } known[] = {{".svg", CHART_SVG}, {".png", CHART_PNG}, {".pdf", CHART_PDF}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(dot, known[i].ext) == 0) {
            *f = known[i].f;
            return true;
        }
    return false;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
    buf_append(closure, data, n);
    return CAIRO_STATUS_SUCCESS;
}

/* Honours SOURCE_DATE_EPOCH (reproducible builds) for the PDF's date. */
static void pdf_metadata(cairo_surface_t *s, const struct chart_job *job)
{
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, job->title);
    if (job->description)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, job->description);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Peel");
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long secs = epoch ? strtoll(epoch, &end, 10) : 0;
    struct tm tm;
    time_t t = (time_t)secs;
    char date[32];
    if (epoch && *epoch && end && !*end && gmtime_r(&t, &tm) &&
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm))
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static cairo_surface_t *make_surface(const struct chart_job *job, enum chart_format f,
                                     struct buf *raw, double *w, double *h)
{
    cairo_surface_t *s = NULL;
    *w = f == CHART_PDF ? CHART_PDF_WIDTH : job->width > 0 ? job->width : CHART_WIDTH;
    *h = f == CHART_PDF ? CHART_PDF_HEIGHT : job->height > 0 ? job->height : CHART_HEIGHT;
    switch (f) {
    case CHART_SVG:
        s = cairo_svg_surface_create_for_stream(to_buf, raw, *w, *h);
        cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
        break;
    case CHART_PNG:
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)*w, (int)*h);
        break;
    case CHART_PDF:
        s = cairo_pdf_surface_create_for_stream(to_buf, raw, *w, *h);
        pdf_metadata(s, job);
        break;
    }
    return s;
}

static int cairo_failed(cairo_status_t st, struct buf *err)
{
    buf_printf(err, "chart: cannot draw: %s", cairo_status_to_string(st));
    return -1;
}

int chart_draw(const struct chart_job *job, cairo_t *cr, double w, double h, struct buf *err)
{
    cairo_save(cr);
    struct canvas cv;
    canvas_init(&cv, cr, w, h);
    job->draw(&cv, job->chart);
    canvas_free(&cv);
    cairo_restore(cr);
    cairo_status_t st = cairo_status(cr);
    return st == CAIRO_STATUS_SUCCESS ? 0 : cairo_failed(st, err);
}

/* Draws the job on a fresh surface and appends the finished bytes to raw. */
static int draw_to(const struct chart_job *job, enum chart_format f, struct buf *raw,
                   struct buf *err)
{
    double w, h;
    cairo_surface_t *s = make_surface(job, f, raw, &w, &h);
    cairo_t *cr = cairo_create(s);
    set_colour(cr, COLOUR_WHITE);
    cairo_paint(cr);
    /* A printed page needs a wider margin than a screen: half an inch. */
    double inset = f == CHART_PDF ? 36 - CHART_MARGIN : 0;
    cairo_translate(cr, inset, inset);
    struct canvas cv;
    canvas_init(&cv, cr, w - 2 * inset, h - 2 * inset);
    job->draw(&cv, job->chart);
    canvas_free(&cv);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS && f == CHART_PNG)
        st = cairo_surface_write_to_png_stream(s, to_buf, raw);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : cairo_failed(st, err);
}

/* cairo's "surfaceN" ids come from a process-wide counter: number them in
 * order of appearance instead. */
struct renumber {
    unsigned long *seen;
    size_t n;
};

static unsigned long surface_number(struct renumber *r, unsigned long id)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->seen[i] == id)
            return i + 1;
    r->seen = xrealloc(r->seen, (r->n + 1) * sizeof *r->seen);
    r->seen[r->n++] = id;
    return r->n;
}

/* Copies the id at s (ending at '"' or ')') with the prefix; returns its
 * length. */
static size_t copy_id(const char *s, const char *prefix, struct renumber *r, struct buf *out)
{
    size_t len = strcspn(s, "\")");
    buf_puts(out, prefix);
    const char *digits = s + strlen("surface");
    size_t ndigits = strspn(digits, "0123456789");
    if (strncmp(s, "surface", 7) == 0 && ndigits > 0 && 7 + ndigits == len)
        buf_printf(out, "surface%lu", surface_number(r, strtoul(digits, NULL, 10)));
    else
        buf_append(out, s, len);
    return len;
}

/* Copies svg with every id, href="#..." and url(#...) prefixed. */
static void svg_rewrite_ids(const char *svg, const char *prefix, struct buf *out)
{
    static const char *const marks[] = {" id=\"", "href=\"#", "url(#"};
    struct renumber r = {0};
    for (const char *p = svg; *p;) {
        size_t k = 0;
        while (k < 3 && strncmp(p, marks[k], strlen(marks[k])) != 0)
            k++;
        if (k == 3) {
            buf_putc(out, *p++);
            continue;
        }
        buf_puts(out, marks[k]);
        p += strlen(marks[k]);
        p += copy_id(p, prefix, &r, out);
    }
    free(r.seen);
}

static uint32_t fnv1a(uint32_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Inserts role, aria-labelledby, <title> and <desc> into the root element. */
static int svg_add_title(const char *svg, const struct chart_job *job, const char *prefix,
                         bool inline_svg, struct buf *out, struct buf *err)
{
    const char *root = strstr(svg, "<svg");
    const char *end = root ? strchr(root, '>') : NULL;
    if (!end || end[-1] == '/') {
        buf_puts(err, "chart: cairo wrote an SVG without a root element");
        return -1;
    }
    const char *from = inline_svg ? root : svg;
    buf_append(out, from, (size_t)(end - from));
    buf_printf(out, " role=\"img\" aria-labelledby=\"%stitle", prefix);
    if (job->description)
        buf_printf(out, " %sdesc", prefix);
    buf_printf(out, "\">\n<title id=\"%stitle\">", prefix);
    html_escape(out, job->title);
    buf_puts(out, "</title>\n");
    if (job->description) {
        buf_printf(out, "<desc id=\"%sdesc\">", prefix);
        html_escape(out, job->description);
        buf_puts(out, "</desc>\n");
    }
    buf_puts(out, end + 1 + (end[1] == '\n'));
    return 0;
}

static int svg_finish(const char *raw, const struct chart_job *job, bool inline_svg,
                      struct buf *out, struct buf *err)
{
    struct buf plain = BUF_INIT, ided = BUF_INIT;
    svg_rewrite_ids(raw, "", &plain);
    uint32_t h = fnv1a(fnv1a(fnv1a(2166136261u, buf_str(&plain)), job->title), job->description);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "peel-%08" PRIx32 "-", h);
    svg_rewrite_ids(raw, prefix, &ided);
    int rc = svg_add_title(buf_str(&ided), job, prefix, inline_svg, out, err);
    buf_free(&plain);
    buf_free(&ided);
    return rc;
}

int chart_render(const struct chart_job *job, enum chart_format f, bool inline_svg, struct buf *out,
                 struct buf *err)
{
    struct buf raw = BUF_INIT;
    int rc = draw_to(job, f, &raw, err);
    if (rc == 0 && f == CHART_SVG)
        rc = svg_finish(buf_str(&raw), job, inline_svg, out, err);
    else if (rc == 0)
        buf_append(out, raw.p, raw.len);
    buf_free(&raw);
    return rc;
}

int chart_svg_sized(struct chart_job job, double w, double h, struct buf *out, struct buf *err)
{
    if (w > 0 && h > 0) {
        job.width = w;
        job.height = h;
    }
    return chart_render(&job, CHART_SVG, true, out, err);
}

static int write_file(const struct buf *data, const char *path, struct buf *err)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        buf_printf(err, "%s: cannot write chart: %s", path, strerror(errno));
        return -1;
    }
    size_t wrote = fwrite(data->p, 1, data->len, f);
    int saved = errno;
    if (fclose(f) != 0 || wrote != data->len) {
        saved = wrote != data->len ? saved : errno;
        buf_printf(err, "%s: cannot write chart: %s", path, strerror(saved));
        remove(path);
        return -1;
    }
    return 0;
}

int chart_write(const struct chart_job *job, enum chart_format f, const char *path, struct buf *err)
{
    struct buf data = BUF_INIT;
    int rc = chart_render(job, f, false, &data, err);
    if (rc == 0)
        rc = write_file(&data, path, err);
    buf_free(&data);
    return rc;
}
