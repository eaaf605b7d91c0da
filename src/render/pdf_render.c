/*
 * pdf_render.c - laying out, paginating and drawing a recorded document
 * (see pdf.h), in three steps:
 *
 *   1. every block becomes boxes of known height ("pieces"): a paragraph a
 *      box per line, so that it can break between pages; a table its
 *      caption, header and a box per row; a heading, a chart, a contents
 *      entry one box each. Text is measured with pango on the PDF surface
 *      itself, so measuring and drawing cannot disagree;
 *   2. pdf_paginate() (pdf_paginate.c) decides where pages break;
 *   3. each page is drawn with its footer, now that the number of pages
 *      and every heading's page are known.
 *
 * Headings are PDF destinations named "hN" (N the block's index), which the
 * contents link to and the bookmarks (the PDF outline) point at.
 */
#include "render/chart_internal.h"
#include "render/pdf_doc_internal.h"
#include "render/pdf_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 portrait in points, 18 mm side margins. */
#define PAGE_W        595.276
#define PAGE_H        841.890
#define MARGIN_X      51.0
#define MARGIN_TOP    48.0
#define MARGIN_BOTTOM 64.0
#define TEXT_W        (PAGE_W - 2 * MARGIN_X)
#define TEXT_H        (PAGE_H - MARGIN_TOP - MARGIN_BOTTOM)
#define FOOTER_Y      (PAGE_H - 40.0)
#define CELL_PAD      3.0
#define INDENT        16.0
#define PAGE_NUM_W    36.0

#define COLOUR_BAND        0xeeeeeeu
#define COLOUR_NOTICE      0xfff3cdu /* the site's .synthetic banner */
#define COLOUR_NOTICE_RULE 0x7a5c00u

enum piece_kind { PIECE_LINE, PIECE_HEADING, PIECE_ROW, PIECE_CHART, PIECE_ENTRY };

/* What draws one box. */
struct piece {
    enum piece_kind kind;
    size_t block;
    PangoLayout *layout; /* line: its paragraph's (owned by the first line) */
    bool owns;
    int line;              /* line: which */
    double line_x, ascent; /* line: offset and baseline within the box */
    double x;              /* indent */
    PangoLayout **cells;   /* row: one per column (a bullet: marker, text) */
    double *cell_x;
    size_t ncells;
    bool header, rules; /* row: a table's header; a table row (ruled) */
    size_t target;      /* entry: the heading's piece */
    size_t page;        /* heading: where it went */
};

struct layout {
    struct pdf_doc *d;
    PangoContext *pango;
    struct piece *pieces;
    struct pdf_box *boxes;
    size_t n, cap;
    size_t *heading_piece; /* per block: its heading's piece */
};

/* ---- text ---------------------------------------------------------------- */

struct pdf_font {
    double size;
    bool bold;
    unsigned rgb;
};

static const struct pdf_font font_body = {9.5, false, COLOUR_TEXT};
static const struct pdf_font font_small = {8.0, false, COLOUR_MUTED};
static const struct pdf_font font_title = {19.0, true, COLOUR_TEXT};
static const struct pdf_font font_kicker = {10.0, false, COLOUR_MUTED};
static const struct pdf_font font_cell = {7.5, false, COLOUR_TEXT};
static const struct pdf_font font_head = {7.5, true, COLOUR_TEXT};
static const struct pdf_font font_caption = {8.5, true, COLOUR_TEXT};
static const struct pdf_font font_headings[] = {
    {15.0, true, COLOUR_TEXT}, {12.5, true, COLOUR_TEXT}, {10.5, true, COLOUR_TEXT}};

/* width <= 0: one line. Text is set as text, never parsed as markup. */
static PangoLayout *text_layout(PangoContext *pc, const char *text, const struct pdf_font *f,
                                double width)
{
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_absolute_size(fd, f->size * PANGO_SCALE);
    pango_font_description_set_weight(fd, f->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    PangoLayout *l = pango_layout_new(pc);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    gchar *valid = g_utf8_make_valid(text ? text : "", -1);
    pango_layout_set_text(l, valid, -1);
    g_free(valid);
    /* A hyphen that pango adds at a break would change the words. */
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    return l;
}

static void layout_wh(PangoLayout *l, double *w, double *h)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    if (w)
        *w = (double)logical.width / PANGO_SCALE;
    if (h)
        *h = (double)logical.height / PANGO_SCALE;
}

/* Bold from the start of the text to byte end. */
static void set_bold_prefix(PangoLayout *l, size_t end)
{
    PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(l));
    PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    a->start_index = 0;
    a->end_index = (guint)end;
    pango_attr_list_insert(attrs, a);
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
}

/* ---- pieces ------------------------------------------------------------- */

static struct piece *add_piece(struct layout *L, enum piece_kind kind, size_t block, double h,
                               double before, bool keep)
{
    if (L->n == L->cap) {
        L->cap = L->cap ? 2 * L->cap : 256;
        L->pieces = xrealloc(L->pieces, L->cap * sizeof *L->pieces);
        L->boxes = xrealloc(L->boxes, L->cap * sizeof *L->boxes);
    }
    L->boxes[L->n] = (struct pdf_box){.h = h,
                                      .before = before,
                                      .keep = keep,
                                      .break_first = L->d->blocks[block].break_first,
                                      .repeat = PDF_NO_REPEAT};
    /* Only a block's first box breaks the page. */
    if (L->n > 0 && L->pieces[L->n - 1].block == block)
        L->boxes[L->n].break_first = false;
    struct piece *p = &L->pieces[L->n++];
    *p = (struct piece){.kind = kind, .block = block};
    return p;
}

/* A paragraph's lines, a box each; keep: every line stays with the next. */
static void add_lines(struct layout *L, size_t block, PangoLayout *l, double x, double before,
                      bool keep)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    int line = 0;
    do {
        int y0, y1;
        PangoRectangle logical;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        int baseline = pango_layout_iter_get_baseline(it);
        bool last = pango_layout_iter_at_last_line(it);
        struct piece *p = add_piece(L, PIECE_LINE, block, (double)(y1 - y0) / PANGO_SCALE,
                                    line == 0 ? before : 0, keep && !last);
        p->layout = l;
        p->owns = line == 0;
        p->line = line++;
        p->line_x = (double)logical.x / PANGO_SCALE;
        p->ascent = (double)(baseline - y0) / PANGO_SCALE;
        p->x = x;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void lay_heading(struct layout *L, size_t block)
{
    const struct pdf_block *b = &L->d->blocks[block];
    static const double before[] = {18, 13, 10};
    PangoLayout *l = text_layout(L->pango, b->text, &font_headings[b->level - 1], TEXT_W);
    double h;
    layout_wh(l, NULL, &h);
    L->heading_piece[block] = L->n;
    struct piece *p = add_piece(L, PIECE_HEADING, block, h + 3, before[b->level - 1], true);
    p->layout = l;
    p->owns = true;
}

static const struct pdf_font *paragraph_font(enum pdf_style s)
{
    switch (s) {
    case PDF_SMALL:
        return &font_small;
    case PDF_TITLE:
        return &font_title;
    case PDF_KICKER:
        return &font_kicker;
    case PDF_TEXT:
        break;
    }
    return &font_body;
}

static void lay_paragraph(struct layout *L, size_t block)
{
    const struct pdf_block *b = &L->d->blocks[block];
    PangoLayout *l;
    if (b->lead) {
        struct buf text = BUF_INIT;
        buf_printf(&text, "%s %s", b->lead, b->text);
        l = text_layout(L->pango, buf_str(&text), &font_body, TEXT_W);
        set_bold_prefix(l, strlen(b->lead));
        buf_free(&text);
    } else {
        l = text_layout(L->pango, b->text, paragraph_font(b->style), TEXT_W);
    }
    add_lines(L, block, l, 0, b->style == PDF_TITLE ? 4 : 5, b->style == PDF_KICKER);
}

/* A row of cells, each wrapped to its column; the box is the tallest. */
static struct piece *add_row(struct layout *L, size_t block, PangoLayout **cells, const double *x,
                             size_t n, double before, bool keep)
{
    double h = 0;
    for (size_t c = 0; c < n; c++) {
        double ch;
        layout_wh(cells[c], NULL, &ch);
        h = ch > h ? ch : h;
    }
    struct piece *p = add_piece(L, PIECE_ROW, block, h, before, keep);
    p->cells = cells;
    p->ncells = n;
    p->cell_x = xcalloc(n, sizeof *p->cell_x);
    memcpy(p->cell_x, x, n * sizeof *x);
    return p;
}

static void lay_bullets(struct layout *L, size_t block)
{
    const struct pdf_block *b = &L->d->blocks[block];
    const double x[] = {INDENT * 0.25, INDENT * 1.5};
    for (size_t i = 0; i < b->nrows; i++) {
        char mark[32];
        snprintf(mark, sizeof mark, b->numbered ? "%zu." : "\xe2\x80\xa2", i + 1);
        PangoLayout **cells = xcalloc(2, sizeof(PangoLayout *));
        cells[0] = text_layout(L->pango, mark, &font_body, 0);
        cells[1] = text_layout(L->pango, b->cells[i], &font_body, TEXT_W - x[1]);
        add_row(L, block, cells, x, 2, i == 0 ? 5 : 3, false);
    }
}

/* Column widths: each its widest cell on one line if they all fit; else
 * narrow columns keep theirs and the wide ones share what is left in
 * proportion, wrapping. */
static void column_widths(const double *natural, size_t n, double *w)
{
    bool *fixed = xcalloc(n, sizeof *fixed);
    double total = 0;
    for (size_t c = 0; c < n; c++)
        total += natural[c];
    double spare = TEXT_W - total;
    bool changed = true;
    while (spare < 0 && changed) {
        changed = false;
        double left = TEXT_W, wide = 0;
        size_t nwide = 0;
        for (size_t c = 0; c < n; c++) {
            if (fixed[c])
                left -= natural[c];
            else
                wide += natural[c], nwide++;
        }
        for (size_t c = 0; c < n; c++)
            if (!fixed[c] && natural[c] <= left / (double)nwide) {
                fixed[c] = true;
                changed = true;
            }
        if (!changed)
            for (size_t c = 0; c < n; c++)
                if (!fixed[c])
                    w[c] = left * natural[c] / wide;
    }
    for (size_t c = 0; c < n; c++) {
        if (spare >= 0)
            w[c] = natural[c] + spare / (double)n;
        else if (fixed[c])
            w[c] = natural[c];
    }
    free(fixed);
}

/* No column narrower than its heading's longest word: what is needed is
 * taken from the columns above their floor, in proportion. */
static void apply_floors(const double *floor, size_t n, double *w)
{
    double deficit = 0, room = 0;
    for (size_t c = 0; c < n; c++) {
        if (w[c] < floor[c]) {
            deficit += floor[c] - w[c];
            w[c] = floor[c];
        } else {
            room += w[c] - floor[c];
        }
    }
    if (deficit <= 0 || room <= 0)
        return;
    double share = deficit < room ? deficit / room : 1;
    for (size_t c = 0; c < n; c++)
        w[c] -= (w[c] - floor[c]) * share;
}

static PangoLayout **row_layouts(struct layout *L, const struct pdf_block *b, size_t row)
{
    PangoLayout **cells = xcalloc(b->ncols, sizeof(PangoLayout *));
    for (size_t c = 0; c < b->ncols; c++)
        cells[c] = text_layout(L->pango, b->cells[row * b->ncols + c],
                               row == 0 ? &font_head : &font_cell, 0);
    return cells;
}

/* Sets each cell's width and alignment once the columns are known. */
static void fit_row(const struct pdf_block *b, PangoLayout **cells, const double *w, bool header)
{
    for (size_t c = 0; c < b->ncols; c++) {
        pango_layout_set_width(cells[c], (int)((w[c] - 2 * CELL_PAD) * PANGO_SCALE));
        pango_layout_set_wrap(cells[c], header ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(cells[c], b->right[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }
}

/* Headings wrap at words: a column need only be as wide as its longest. */
static double heading_natural(struct layout *L, const char *text)
{
    PangoLayout *l = text_layout(L->pango, text, &font_head, 1);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    double w;
    layout_wh(l, &w, NULL);
    g_object_unref(l);
    return w;
}

static void lay_table(struct layout *L, size_t block)
{
    const struct pdf_block *b = &L->d->blocks[block];
    size_t rows = b->nrows + 1;
    PangoLayout ***cells = xcalloc(rows, sizeof *cells);
    double *natural = xcalloc(b->ncols, sizeof *natural), *w = xcalloc(b->ncols, sizeof *w);
    double *x = xcalloc(b->ncols, sizeof *x), *floor = xcalloc(b->ncols, sizeof *floor);
    for (size_t c = 0; c < b->ncols; c++)
        natural[c] = floor[c] = heading_natural(L, b->cells[c]) + 2 * CELL_PAD;
    for (size_t r = 0; r < rows; r++) {
        cells[r] = row_layouts(L, b, r);
        for (size_t c = 0; r > 0 && c < b->ncols; c++) {
            double cw;
            layout_wh(cells[r][c], &cw, NULL);
            natural[c] = cw + 2 * CELL_PAD > natural[c] ? cw + 2 * CELL_PAD : natural[c];
        }
    }
    column_widths(natural, b->ncols, w);
    apply_floors(floor, b->ncols, w);
    for (size_t c = 1; c < b->ncols; c++)
        x[c] = x[c - 1] + w[c - 1];
    if (b->text) {
        PangoLayout *l = text_layout(L->pango, b->text, &font_caption, TEXT_W);
        add_lines(L, block, l, 0, 10, true);
    }
    size_t header = L->n;
    for (size_t r = 0; r < rows; r++) {
        fit_row(b, cells[r], w, r == 0);
        struct piece *p =
            add_row(L, block, cells[r], x, b->ncols, r == 0 && !b->text ? 10 : 0, r == 0);
        p->header = r == 0;
        p->rules = true;
        L->boxes[L->n - 1].h += 2 * CELL_PAD;
        if (r > 0)
            L->boxes[L->n - 1].repeat = header;
    }
    free(cells);
    free(natural);
    free(floor);
    free(w);
    free(x);
}

static void lay_chart(struct layout *L, size_t block)
{
    const struct pdf_block *b = &L->d->blocks[block];
    add_piece(L, PIECE_CHART, block, TEXT_W * b->chart_h / b->chart_w, 8, false);
}

/* The contents: its title, then a line per level 1 and 2 heading. */
static void lay_contents(struct layout *L, size_t block)
{
    struct piece *p = add_piece(L, PIECE_HEADING, block, 0, 18, true);
    p->layout = text_layout(L->pango, "Contents", &font_headings[0], TEXT_W);
    p->owns = true;
    double h;
    layout_wh(p->layout, NULL, &h);
    L->boxes[L->n - 1].h = h + 3;
    for (size_t i = 0; i < L->d->nblocks; i++) {
        const struct pdf_block *hb = &L->d->blocks[i];
        if (hb->kind != PDF_BLOCK_HEADING || hb->level > 2)
            continue;
        double x = hb->level == 2 ? INDENT : 0;
        PangoLayout *l =
            text_layout(L->pango, hb->text, hb->level == 1 ? &font_caption : &font_body,
                        TEXT_W - x - PAGE_NUM_W);
        layout_wh(l, NULL, &h);
        p = add_piece(L, PIECE_ENTRY, block, h, hb->level == 1 ? 5 : 1.5, false);
        p->layout = l;
        p->owns = true;
        p->x = x;
        p->target = i; /* a block for now: its piece once all are laid out */
    }
}

static void lay_out(struct layout *L)
{
    for (size_t i = 0; i < L->d->nblocks; i++) {
        size_t first = L->n;
        switch (L->d->blocks[i].kind) {
        case PDF_BLOCK_HEADING:
            lay_heading(L, i);
            break;
        case PDF_BLOCK_PARAGRAPH:
            lay_paragraph(L, i);
            break;
        case PDF_BLOCK_BULLETS:
            lay_bullets(L, i);
            break;
        case PDF_BLOCK_TABLE:
            lay_table(L, i);
            break;
        case PDF_BLOCK_CHART:
            lay_chart(L, i);
            break;
        case PDF_BLOCK_CONTENTS:
            lay_contents(L, i);
            break;
        }
        /* Every box of a kept block keeps with the next: the block is not
         * split, and its last box stays with the next block's first. */
        for (size_t k = first; L->d->blocks[i].keep_next && k < L->n; k++)
            L->boxes[k].keep = true;
    }
    for (size_t i = 0; i < L->n; i++)
        if (L->pieces[i].kind == PIECE_ENTRY)
            L->pieces[i].target = L->heading_piece[L->pieces[i].target];
}

static void free_layout(struct layout *L)
{
    for (size_t i = 0; i < L->n; i++) {
        struct piece *p = &L->pieces[i];
        if (p->owns)
            g_object_unref(p->layout);
        for (size_t c = 0; c < p->ncells; c++)
            g_object_unref(p->cells[c]);
        free(p->cells);
        free(p->cell_x);
    }
    free(L->pieces);
    free(L->boxes);
    free(L->heading_piece);
}

/* ---- drawing ------------------------------------------------------------- */

struct page_ctx {
    cairo_t *cr;
    cairo_surface_t *surface;
    struct layout *L;
    size_t pages;
    int outline[3]; /* the bookmark of the last heading at each level */
};

static void show(cairo_t *cr, PangoLayout *l, double x, double y, unsigned rgb)
{
    set_colour(cr, rgb);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
}

static unsigned font_colour(const struct pdf_block *b)
{
    return b->kind == PDF_BLOCK_PARAGRAPH && !b->lead ? paragraph_font(b->style)->rgb : COLOUR_TEXT;
}

static void draw_line(struct page_ctx *pc, const struct piece *p, double y)
{
    PangoLayoutLine *line = pango_layout_get_line_readonly(p->layout, p->line);
    set_colour(pc->cr, font_colour(&pc->L->d->blocks[p->block]));
    cairo_move_to(pc->cr, MARGIN_X + p->x + p->line_x, y + p->ascent);
    pango_cairo_show_layout_line(pc->cr, line);
}

static void draw_heading(struct page_ctx *pc, const struct piece *p, double y)
{
    const struct pdf_block *b = &pc->L->d->blocks[p->block];
    char attrs[64];
    snprintf(attrs, sizeof attrs, "name='h%zu'", p->block);
    cairo_tag_begin(pc->cr, CAIRO_TAG_DEST, attrs);
    show(pc->cr, p->layout, MARGIN_X, y, COLOUR_TEXT);
    cairo_tag_end(pc->cr, CAIRO_TAG_DEST);
    int level = b->kind == PDF_BLOCK_HEADING ? b->level : 1;
    int parent = level == 1 ? CAIRO_PDF_OUTLINE_ROOT : pc->outline[level - 2];
    snprintf(attrs, sizeof attrs, "dest='h%zu'", p->block);
    gchar *valid = g_utf8_make_valid(pango_layout_get_text(p->layout), -1);
    pc->outline[level - 1] = cairo_pdf_surface_add_outline(pc->surface, parent, valid, attrs, 0);
    for (int k = level; k < 3; k++)
        pc->outline[k] = pc->outline[level - 1];
    g_free(valid);
}

static void draw_row(struct page_ctx *pc, const struct piece *p, double y, double h)
{
    cairo_t *cr = pc->cr;
    double pad = p->rules ? CELL_PAD : 0;
    if (p->header) {
        set_colour(cr, COLOUR_BAND);
        cairo_rectangle(cr, MARGIN_X, y, TEXT_W, h);
        cairo_fill(cr);
    }
    for (size_t c = 0; c < p->ncells; c++)
        show(cr, p->cells[c], MARGIN_X + p->cell_x[c] + pad, y + pad, COLOUR_TEXT);
    if (p->rules) {
        set_line(cr, LINE_SOLID, p->header ? 0.9 : 0.4, p->header ? COLOUR_TEXT : COLOUR_GRID);
        cairo_move_to(cr, MARGIN_X, y + h);
        cairo_line_to(cr, MARGIN_X + TEXT_W, y + h);
        cairo_stroke(cr);
    }
}

static void draw_chart(struct page_ctx *pc, const struct piece *p, double y)
{
    const struct pdf_block *b = &pc->L->d->blocks[p->block];
    double s = TEXT_W / b->chart_w;
    cairo_save(pc->cr);
    cairo_translate(pc->cr, MARGIN_X, y);
    cairo_scale(pc->cr, s, s);
    cairo_set_source_surface(pc->cr, b->chart, 0, 0);
    cairo_paint(pc->cr);
    cairo_restore(pc->cr);
}

static void draw_entry(struct page_ctx *pc, const struct piece *p, double y)
{
    char attrs[64], page[32];
    const struct piece *target = &pc->L->pieces[p->target];
    snprintf(attrs, sizeof attrs, "dest='h%zu'", target->block);
    snprintf(page, sizeof page, "%zu", target->page + 1);
    cairo_tag_begin(pc->cr, CAIRO_TAG_LINK, attrs);
    show(pc->cr, p->layout, MARGIN_X + p->x, y, COLOUR_TEXT);
    PangoLayout *num = text_layout(pango_layout_get_context(p->layout), page, &font_body, 0);
    double w;
    layout_wh(num, &w, NULL);
    show(pc->cr, num, MARGIN_X + TEXT_W - w, y, COLOUR_TEXT);
    g_object_unref(num);
    cairo_tag_end(pc->cr, CAIRO_TAG_LINK);
}

static void draw_footer(struct page_ctx *pc, size_t page)
{
    cairo_t *cr = pc->cr;
    PangoContext *pango = pc->L->pango;
    set_line(cr, LINE_SOLID, 0.5, COLOUR_LINE);
    cairo_move_to(cr, MARGIN_X, FOOTER_Y - 6);
    cairo_line_to(cr, MARGIN_X + TEXT_W, FOOTER_Y - 6);
    cairo_stroke(cr);
    char text[64];
    snprintf(text, sizeof text, "Page %zu of %zu", page + 1, pc->pages);
    PangoLayout *num = text_layout(pango, text, &font_small, 0);
    double w;
    layout_wh(num, &w, NULL);
    show(cr, num, MARGIN_X + TEXT_W - w, FOOTER_Y, COLOUR_MUTED);
    PangoLayout *title = text_layout(pango, pc->L->d->title, &font_small, TEXT_W - w - 18);
    pango_layout_set_ellipsize(title, PANGO_ELLIPSIZE_END);
    show(cr, title, MARGIN_X, FOOTER_Y, COLOUR_MUTED);
    g_object_unref(num);
    g_object_unref(title);
}

/* The notice in the top margin (MARGIN_TOP), in a pale band with a dark
 * rule, as the site draws its banner. */
static void draw_notice(struct page_ctx *pc)
{
    static const struct pdf_font font_notice = {7.5, true, COLOUR_TEXT};
    cairo_t *cr = pc->cr;
    PangoLayout *l = text_layout(pc->L->pango, pc->L->d->notice, &font_notice, TEXT_W - 12);
    double h;
    layout_wh(l, NULL, &h);
    double top = MARGIN_TOP - 10 - (h + 8);
    assert(top > 0 && "a notice fits the top margin");
    set_colour(cr, COLOUR_NOTICE);
    cairo_rectangle(cr, MARGIN_X, top, TEXT_W, h + 8);
    cairo_fill_preserve(cr);
    set_line(cr, LINE_SOLID, 1.0, COLOUR_NOTICE_RULE);
    cairo_stroke(cr);
    show(cr, l, MARGIN_X + 6, top + 4, COLOUR_TEXT);
    g_object_unref(l);
}

static void draw_place(struct page_ctx *pc, const struct pdf_place *pl)
{
    const struct piece *p = &pc->L->pieces[pl->box];
    double y = MARGIN_TOP + pl->y;
    switch (p->kind) {
    case PIECE_LINE:
        draw_line(pc, p, y);
        break;
    case PIECE_HEADING:
        if (pl->repeated)
            break;
        draw_heading(pc, p, y);
        break;
    case PIECE_ROW:
        draw_row(pc, p, y, pc->L->boxes[pl->box].h);
        break;
    case PIECE_CHART:
        draw_chart(pc, p, y);
        break;
    case PIECE_ENTRY:
        draw_entry(pc, p, y);
        break;
    }
}

static void draw_pages(struct page_ctx *pc, const struct pdf_place *places, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (pc->L->pieces[places[i].box].kind == PIECE_HEADING && !places[i].repeated)
            pc->L->pieces[places[i].box].page = places[i].page;
    size_t k = 0;
    for (size_t page = 0; page < pc->pages; page++) {
        set_colour(pc->cr, COLOUR_WHITE);
        cairo_paint(pc->cr);
        for (; k < n && places[k].page == page; k++)
            draw_place(pc, &places[k]);
        if (pc->L->d->notice)
            draw_notice(pc);
        draw_footer(pc, page);
        cairo_show_page(pc->cr);
    }
}

/* ---- the file ------------------------------------------------------------ */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
    buf_append(closure, data, n);
    return CAIRO_STATUS_SUCCESS;
}

static void set_metadata(cairo_surface_t *s, const struct pdf_doc *d)
{
    gchar *title = g_utf8_make_valid(d->title, -1);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    g_free(title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Peel");
    if (d->date) {
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, d->date);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, d->date);
    }
}

/* Lays out and draws the document into out. */
static int render(struct pdf_doc *d, struct buf *out, size_t *pages, struct buf *err)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
    set_metadata(s, d);
    cairo_t *cr = cairo_create(s);
    struct canvas cv;
    canvas_init(&cv, cr, PAGE_W, PAGE_H);
    struct layout L = {.d = d, .pango = cv.pango};
    L.heading_piece = xcalloc(d->nblocks + 1, sizeof *L.heading_piece);
    lay_out(&L);
    size_t nplaces;
    struct page_ctx pc = {.cr = cr, .surface = s, .L = &L};
    struct pdf_place *places = pdf_paginate(L.boxes, L.n, TEXT_H, &nplaces, &pc.pages);
    draw_pages(&pc, places, nplaces);
    free(places);
    free_layout(&L);
    canvas_free(&cv);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        buf_printf(err, "%s: cannot draw: %s", d->path, cairo_status_to_string(st));
        return -1;
    }
    if (pages)
        *pages = pc.pages;
    return 0;
}

/* Written aside and renamed, so that no reader sees half a file. */
static int write_file(const char *path, const struct buf *data, struct buf *err)
{
    struct buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s.tmp", path);
    FILE *f = fopen(tmp.p, "wb");
    int rc = -1, saved = errno;
    if (f) {
        size_t wrote = fwrite(data->p ? data->p : "", 1, data->len, f);
        saved = errno;
        if (fclose(f) != 0)
            saved = errno;
        else if (wrote == data->len && rename(tmp.p, path) == 0)
            rc = 0;
        else
            saved = wrote == data->len ? errno : saved;
        if (rc != 0)
            remove(tmp.p);
    }
    if (rc != 0)
        buf_printf(err, "%s: cannot write: %s", path, strerror(saved));
    buf_free(&tmp);
    return rc;
}

int pdf_close_buf(struct pdf_doc *d, struct buf *out, size_t *pages, struct buf *err)
{
    assert(d && out);
    int rc = -1;
    if (d->err.len)
        buf_puts(err, buf_str(&d->err));
    else
        rc = render(d, out, pages, err);
    pdf_doc_free(d);
    return rc;
}

int pdf_close(struct pdf_doc *d, size_t *pages, struct buf *err)
{
    assert(d);
    int rc = -1;
    struct buf data = BUF_INIT;
    if (d->err.len)
        buf_puts(err, buf_str(&d->err));
    else if (render(d, &data, pages, err) == 0)
        rc = write_file(d->path, &data, err);
    buf_free(&data);
    pdf_doc_free(d);
    return rc;
}
