/*
 * pdf_doc_internal.h - a document as pdf.c records it and pdf_render.c draws it.
 *
 * Not part of the public API: include render/pdf.h instead.
 */
#ifndef PEEL_PDF_DOC_H
#define PEEL_PDF_DOC_H

#include "render/pdf.h"

#include <cairo.h>

enum pdf_block_kind {
    PDF_BLOCK_HEADING,
    PDF_BLOCK_PARAGRAPH,
    PDF_BLOCK_BULLETS,
    PDF_BLOCK_TABLE,
    PDF_BLOCK_CHART,
    PDF_BLOCK_CONTENTS,
};

struct pdf_block {
    enum pdf_block_kind kind;
    bool break_first; /* pdf_page_break() came before it */
    bool keep_next;   /* pdf_keep_with_next() came after it */
    int level;        /* heading */
    enum pdf_style style;
    char *lead, *text; /* heading and paragraph text; a table's caption */
    /* bullets: nrows items; table: (nrows + 1) * ncols cells, headings first */
    char **cells;
    size_t nrows, ncols;
    bool *right;
    bool numbered;
    cairo_surface_t *chart; /* a recording, chart_w by chart_h */
    double chart_w, chart_h;
};

struct pdf_doc {
    char *path, *title, *date;
    char *notice; /* pdf_set_notice: every page's head, or NULL */
    struct pdf_block *blocks;
    size_t nblocks, cap;
    bool break_pending;
    struct buf err; /* the first chart that could not be drawn */
};

void pdf_doc_free(struct pdf_doc *d);

#endif
