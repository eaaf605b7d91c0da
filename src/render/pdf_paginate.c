/*
 * pdf_paginate.c - where a document's pages break (see pdf_internal.h).
 *
 * One pass, greedy, as a word processor does: each box goes on the current
 * page if it fits (with the boxes it must stay with), else on a new one.
 * No attempt is made to balance pages; a report reads top to bottom.
 */
#include "render/pdf_internal.h"
#include "util/mem.h"

#include <assert.h>

struct placer {
    const struct pdf_box *boxes;
    size_t n;
    double page_h;
    struct pdf_place *out;
    size_t nout, cap;
    size_t page;
    double y;
    bool empty; /* nothing on the current page yet */
};

static void new_page(struct placer *pl)
{
    pl->page++;
    pl->y = 0;
    pl->empty = true;
}

static void put(struct placer *pl, size_t box, bool repeated)
{
    if (pl->nout == pl->cap) {
        pl->cap = pl->cap ? 2 * pl->cap : 64;
        pl->out = xrealloc(pl->out, pl->cap * sizeof *pl->out);
    }
    pl->y += pl->empty ? 0 : pl->boxes[box].before;
    pl->out[pl->nout++] = (struct pdf_place){box, pl->page, pl->y, repeated};
    pl->y += pl->boxes[box].h;
    pl->empty = false;
}

/* The height box i needs here: itself and, while each keeps with the next,
 * the boxes after it up to the first that does not (or a forced break). */
static double needed(const struct placer *pl, size_t i)
{
    double h = 0;
    for (size_t j = i; j < pl->n; j++) {
        h += (j == i && pl->empty ? 0 : pl->boxes[j].before) + pl->boxes[j].h;
        if (!pl->boxes[j].keep || (j + 1 < pl->n && pl->boxes[j + 1].break_first))
            break;
    }
    return h;
}

/* Whether box i must start a new page. A kept run is measured whole at its
 * first box; a box inside it breaks only when it does not fit itself. When
 * the run fits, that never happens (the whole run was room-checked); when
 * it is taller than a page, it starts a page and fills it rather than
 * leave its first boxes (a heading) alone at the foot of one. */
static bool breaks_before(const struct placer *pl, size_t i)
{
    const struct pdf_box *b = &pl->boxes[i];
    if (pl->empty)
        return false;
    bool inside_run = i > 0 && pl->boxes[i - 1].keep;
    double need = inside_run ? b->before + b->h : needed(pl, i);
    return pl->y + need > pl->page_h;
}

static void place(struct placer *pl, size_t i)
{
    const struct pdf_box *b = &pl->boxes[i];
    if (b->break_first && !pl->empty)
        new_page(pl);
    if (breaks_before(pl, i))
        new_page(pl);
    /* A row that starts a page gets its table's header again, unless that
     * header is the box just before it (then they moved together). */
    if (pl->empty && b->repeat != PDF_NO_REPEAT && b->repeat < i)
        put(pl, b->repeat, true);
    put(pl, i, false);
}

struct pdf_place *pdf_paginate(const struct pdf_box *boxes, size_t n, double page_h,
                               size_t *nplaces, size_t *pages)
{
    assert(page_h > 0);
    struct placer pl = {.boxes = boxes, .n = n, .page_h = page_h, .empty = true};
    for (size_t i = 0; i < n; i++)
        place(&pl, i);
    *nplaces = pl.nout;
    *pages = pl.page + 1;
    return pl.out;
}
