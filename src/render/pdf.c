/*
 * pdf.c - recording a document's blocks (see pdf.h).
 *
 * The block functions copy what they are given, so a caller may free its
 * tables and strings at once; a chart is drawn straight away into a cairo
 * recording surface, which keeps it as vectors until its page is drawn.
 * Laying out, breaking pages and drawing happen in pdf_close()
 * (pdf_render.c).
 */
#include "render/pdf_doc_internal.h"
#include "util/mem.h"
#include "util/numfmt.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct pdf_doc *pdf_open(const char *path, const char *title)
{
    assert(path && title);
    struct pdf_doc *d = xcalloc(1, sizeof *d);
    d->path = xstrdup(path);
    d->title = xstrdup(title);
    return d;
}

void pdf_set_date(struct pdf_doc *d, const char *iso8601)
{
    free(d->date);
    d->date = iso8601 ? xstrdup(iso8601) : NULL;
}

void pdf_table_notes(struct pdf_doc *d, const struct table *t)
{
    for (size_t i = 0; i < t->nnotes; i++)
        pdf_paragraph(d, PDF_SMALL, t->notes[i]);
}

void pdf_set_notice(struct pdf_doc *d, const char *text)
{
    free(d->notice);
    d->notice = text ? xstrdup(text) : NULL;
}

static struct pdf_block *add_block(struct pdf_doc *d, enum pdf_block_kind kind)
{
    if (d->nblocks == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->blocks = xrealloc(d->blocks, d->cap * sizeof *d->blocks);
    }
    struct pdf_block *b = &d->blocks[d->nblocks++];
    *b = (struct pdf_block){.kind = kind, .break_first = d->break_pending};
    d->break_pending = false;
    return b;
}

void pdf_heading(struct pdf_doc *d, int level, const char *text)
{
    assert(level >= 1 && level <= 3);
    struct pdf_block *b = add_block(d, PDF_BLOCK_HEADING);
    b->level = level;
    b->text = xstrdup(text ? text : "");
}

void pdf_paragraph(struct pdf_doc *d, enum pdf_style style, const char *text)
{
    struct pdf_block *b = add_block(d, PDF_BLOCK_PARAGRAPH);
    b->style = style;
    b->text = xstrdup(text ? text : "");
}

void pdf_lead(struct pdf_doc *d, const char *lead, const char *text)
{
    struct pdf_block *b = add_block(d, PDF_BLOCK_PARAGRAPH);
    b->style = PDF_TEXT;
    b->lead = xstrdup(lead ? lead : "");
    b->text = xstrdup(text ? text : "");
}

void pdf_bullets(struct pdf_doc *d, const char *const *items, size_t n, bool numbered)
{
    struct pdf_block *b = add_block(d, PDF_BLOCK_BULLETS);
    b->numbered = numbered;
    b->cells = xcalloc(n + 1, sizeof *b->cells);
    for (size_t i = 0; i < n; i++)
        b->cells[i] = xstrdup(items[i] ? items[i] : "");
    b->nrows = n;
}

/* A cell as a reader reads it: numbers grouped, with their suffix. */
static char *cell_text(const struct cell *c)
{
    struct buf b = BUF_INIT;
    switch (c->type) {
    case CELL_NULL:
        break;
    case CELL_TEXT:
        buf_puts(&b, c->text ? c->text : "");
        break;
    case CELL_INT:
        buf_put_count(&b, c->i);
        break;
    case CELL_REAL:
        if (!isnan(c->r))
            buf_put_number(&b, c->r, c->decimals);
        break;
    }
    if (c->type != CELL_NULL && c->type != CELL_TEXT && c->suffix && b.len)
        buf_puts(&b, c->suffix);
    return buf_detach(&b);
}

void pdf_table(struct pdf_doc *d, const struct table *t, const char *caption,
               const char *const *headings)
{
    assert(t->ncols > 0);
    struct pdf_block *b = add_block(d, PDF_BLOCK_TABLE);
    b->text = caption ? xstrdup(caption) : NULL;
    b->ncols = t->ncols;
    b->nrows = t->nrows;
    b->right = xcalloc(t->ncols, sizeof *b->right);
    memcpy(b->right, t->right, t->ncols * sizeof *b->right);
    b->cells = xcalloc((t->nrows + 1) * t->ncols, sizeof *b->cells);
    for (size_t c = 0; c < t->ncols; c++)
        b->cells[c] = xstrdup(headings && headings[c] ? headings[c] : t->names[c]);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            b->cells[(r + 1) * t->ncols + c] = cell_text(table_cell(t, r, c));
}

/* Charts are drawn at this width in their own units and scaled to the
 * text's width: their 12-unit labels come out near 8 points. */
#define CHART_DESIGN_W 720.0

typedef int (*chart_draw_into)(const void *c, cairo_t *cr, double w, double h, struct buf *err);

static void add_chart(struct pdf_doc *d, const void *chart, chart_draw_into draw)
{
    struct pdf_block *b = add_block(d, PDF_BLOCK_CHART);
    double w = CHART_DESIGN_W, h = CHART_DESIGN_W * CHART_HEIGHT / CHART_WIDTH;
    cairo_rectangle_t extents = {0, 0, w, h};
    b->chart = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    b->chart_w = w;
    b->chart_h = h;
    cairo_t *cr = cairo_create(b->chart);
    struct buf err = BUF_INIT;
    if (draw(chart, cr, w, h, &err) < 0 && d->err.len == 0)
        buf_printf(&d->err, "%s: %s", d->path, buf_str(&err));
    cairo_destroy(cr);
    buf_free(&err);
}

static int draw_xmr(const void *c, cairo_t *cr, double w, double h, struct buf *err)
{
    return chart_xmr_draw(c, cr, w, h, err);
}

static int draw_funnel(const void *c, cairo_t *cr, double w, double h, struct buf *err)
{
    return chart_funnel_draw(c, cr, w, h, err);
}

void pdf_chart_xmr(struct pdf_doc *d, const struct chart_xmr *c)
{
    add_chart(d, c, draw_xmr);
}

void pdf_chart_funnel(struct pdf_doc *d, const struct chart_funnel *c)
{
    add_chart(d, c, draw_funnel);
}

void pdf_figure(struct pdf_doc *d, double w, double h, pdf_draw_fn draw, const void *arg)
{
    assert(w > 0 && h > 0);
    struct pdf_block *b = add_block(d, PDF_BLOCK_CHART);
    cairo_rectangle_t extents = {0, 0, w, h};
    b->chart = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    b->chart_w = w;
    b->chart_h = h;
    cairo_t *cr = cairo_create(b->chart);
    draw(arg, cr, w, h);
    cairo_destroy(cr);
}

void pdf_keep_with_next(struct pdf_doc *d)
{
    assert(d->nblocks > 0);
    d->blocks[d->nblocks - 1].keep_next = true;
}

void pdf_contents(struct pdf_doc *d)
{
    add_block(d, PDF_BLOCK_CONTENTS);
}

void pdf_page_break(struct pdf_doc *d)
{
    d->break_pending = true;
}

void pdf_doc_free(struct pdf_doc *d)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        struct pdf_block *b = &d->blocks[i];
        size_t ncells = b->kind == PDF_BLOCK_TABLE ? (b->nrows + 1) * b->ncols : b->nrows;
        for (size_t k = 0; b->cells && k < ncells; k++)
            free(b->cells[k]);
        free(b->cells);
        free(b->right);
        free(b->lead);
        free(b->text);
        if (b->chart)
            cairo_surface_destroy(b->chart);
    }
    free(d->blocks);
    free(d->path);
    free(d->title);
    free(d->date);
    free(d->notice);
    buf_free(&d->err);
    free(d);
}
