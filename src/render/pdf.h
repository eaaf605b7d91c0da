/*
 * pdf.h - a small document writer for reports as PDF: A4 pages, headings
 * with a contents page and bookmarks, wrapped paragraphs, tables whose
 * header repeats on every page they span, and charts drawn as vectors.
 *
 * A report calls the block functions in reading order and then pdf_close().
 * Nothing is drawn until then: the blocks are recorded, laid out and split
 * into pages first, so that the footer can say "Page N of M" and the
 * contents can give each heading's page (a two-pass layout, as TeX's .toc).
 *
 * Text is always plain text, never markup: a plan title of "<b>" prints
 * "<b>". Bad UTF-8 is replaced, not refused. The font is DejaVu Sans, so a
 * report looks the same on every machine, and the file is the same byte for
 * byte when the same blocks are written with the same date (pdf_set_date).
 *
 * The block functions cannot fail (they only record); a chart that cannot be
 * drawn, and every cairo or file error, is reported by pdf_close(), which
 * returns 0, or -1 with the reason in err (naming the path).
 */
#ifndef PEEL_PDF_H
#define PEEL_PDF_H

#include <cairo.h>

#include "render/chart.h"
#include "render/table.h"
#include "util/buf.h"

#include <stddef.h>

struct pdf_doc;

/* The kinds of paragraph. */
enum pdf_style {
    PDF_TEXT,   /* body text */
    PDF_SMALL,  /* notes, captions, sources: smaller and grey */
    PDF_TITLE,  /* the document's title, large: not in the contents */
    PDF_KICKER, /* a line above the title */
};

/* Starts a document that pdf_close() writes to path. title is its PDF
 * title and is printed in every page's footer. Never NULL. */
struct pdf_doc *pdf_open(const char *path, const char *title);
/* The PDF's creation date, "YYYY-MM-DDTHH:MM:SSZ" (the report's own
 * generation time, so that two runs give the same file); without it cairo
 * writes the time of writing. */
void pdf_set_date(struct pdf_doc *d, const char *iso8601);
/* A notice printed in a box at the head of every page, above the text (a
 * page printed or copied alone still carries it): the synthetic-data
 * banner (model/synthetic.h). NULL: none. At most two lines' worth. */
void pdf_set_notice(struct pdf_doc *d, const char *text);

/* A heading, level 1 to 3. Levels 1 and 2 are listed in the contents with
 * their pages and linked to; all three are PDF bookmarks. A heading is
 * never the last thing on a page. */
void pdf_heading(struct pdf_doc *d, int level, const char *text);
/* A paragraph, wrapped to the page; long paragraphs break between lines. */
void pdf_paragraph(struct pdf_doc *d, enum pdf_style style, const char *text);
/* A body paragraph that starts with lead in bold: "Target: ...". */
void pdf_lead(struct pdf_doc *d, const char *lead, const char *text);
/* A list, bulleted or numbered 1., 2., ... */
void pdf_bullets(struct pdf_doc *d, const char *const *items, size_t n, bool numbered);
/* A table, copied: its caption above (may be NULL), a header row of
 * headings (ncols of them; NULL uses the table's column names) repeated on
 * every page it spans. Columns the table marks right are right-aligned;
 * numbers get thousands separators and the cell's suffix ("14.8%"). */
void pdf_table(struct pdf_doc *d, const struct table *t, const char *caption,
               const char *const *headings);
/* A table's notes (its method, its source), small, each a paragraph: as
 * the HTML writes them under the table (table_html.h). */
void pdf_table_notes(struct pdf_doc *d, const struct table *t);
/* Charts, drawn at once (as vectors, kept until the page is drawn) the full
 * width of the text and in the proportions of chart.h. */
void pdf_chart_xmr(struct pdf_doc *d, const struct chart_xmr *c);
void pdf_chart_funnel(struct pdf_doc *d, const struct chart_funnel *c);
/* Any other figure (a map): draw is called once, at once, to draw into a
 * w by h box of cr; the figure is scaled to the text's width as charts
 * are. */
typedef void (*pdf_draw_fn)(const void *arg, cairo_t *cr, double w, double h);
void pdf_figure(struct pdf_doc *d, double w, double h, pdf_draw_fn draw, const void *arg);
/* The block just recorded stays on one page with the block after it: it is
 * not split, and when the two do not fit below what is already on the page
 * they start the next one together. Called after each block of a run (a
 * metric's heading, its sentence, its chart and the chart's caption), it
 * keeps the whole run together. A run taller than a page is split where it
 * must be, as if it were not kept. */
void pdf_keep_with_next(struct pdf_doc *d);
/* The contents: the level 1 and 2 headings with their pages, here. */
void pdf_contents(struct pdf_doc *d);
/* What follows starts on a new page (nothing when the page is empty). */
void pdf_page_break(struct pdf_doc *d);

/* Lays out, draws and writes the document (under a temporary name, then
 * renamed) and frees it, whatever happens. pages, if not NULL, gets the
 * number of pages. 0, or -1 with err. */
int pdf_close(struct pdf_doc *d, size_t *pages, struct buf *err);
/* As pdf_close, but the PDF is appended to out and never written to a
 * file (a document holding personal data: no temporary file, no copy
 * left behind); the path given to pdf_open only names it in messages. */
int pdf_close_buf(struct pdf_doc *d, struct buf *out, size_t *pages, struct buf *err);

#endif
