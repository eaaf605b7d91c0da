/*
 * pdf_internal.h - the page breaker behind render/pdf.h, apart from cairo
 * so that it can be tested on its own.
 *
 * The document is laid out as a column of boxes of known height: a line of
 * a paragraph, a heading, a table row, a chart. pdf_paginate() places them
 * on pages, top to bottom, deciding only where pages break:
 *   - a box that does not fit starts a new page; the space above a box is
 *     dropped at the top of a page;
 *   - a box that must stay with the next (a heading, a table's caption and
 *     header, a block of pdf_keep_with_next: a metric's heading, sentence
 *     and chart) moves to the next page with it rather than end a page; a
 *     run of such boxes moves as one, unless it is taller than a page: then
 *     it starts a page and breaks only where that page is full;
 *   - a table row that starts a page is preceded by its table's header
 *     again;
 *   - a forced break starts a new page unless the page is still empty.
 *
 * Not part of the public API: include render/pdf.h instead.
 */
#ifndef PEEL_PDF_INTERNAL_H
#define PEEL_PDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#define PDF_NO_REPEAT ((size_t)-1)

struct pdf_box {
    double h;         /* its height */
    double before;    /* space above it, unless it starts a page */
    bool keep;        /* stay on the page of the box after it */
    bool break_first; /* start a new page (unless this one is empty) */
    size_t repeat;    /* a box to repeat first when this one starts a page (a
                         table's header), or PDF_NO_REPEAT */
};

/* Where a box went. A repeated header is placed again: its box is the
 * header's and repeated is true. */
struct pdf_place {
    size_t box, page; /* page from 0 */
    double y;         /* from the top of the page's text area */
    bool repeated;
};

/* Places n boxes on pages of height page_h. Returns the places (caller
 * frees), nplaces set and pages the number of pages (at least 1). */
struct pdf_place *pdf_paginate(const struct pdf_box *boxes, size_t n, double page_h,
                               size_t *nplaces, size_t *pages);

#endif
