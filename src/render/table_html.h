/*
 * table_html.h - a struct table as an accessible HTML table.
 *
 * Reports print the same tables the commands print, so that a figure on a
 * page is the figure a script gets. Each number is shown for people
 * (1,095,258, 15.4%) and carries, in <data value>, exactly what the CSV
 * rendering holds, so a reader or a test can check the page against
 * `--format csv` cell by cell. The table has a caption, column headers
 * with scope, its first column as row headers, and scrolls sideways inside
 * a focusable, labelled region on a narrow screen (WCAG 1.4.10).
 */
#ifndef PEEL_TABLE_HTML_H
#define PEEL_TABLE_HTML_H

#include "render/table.h"
#include "util/buf.h"

struct table_html {
    const char *id;                 /* the table's id (a token, not a value), or NULL */
    const char *caption;            /* text, escaped */
    const char *const *headers;     /* one per column, text; NULL: the column names */
    const char *const *row_classes; /* one per row (a token or NULL), or NULL */
};

/* Appends the table, its notes as a list after it; with headers, a note's
 * machine column names ("change_is") are given as their headings. */
void table_html(struct buf *out, const struct table *t, const struct table_html *opt);

#endif
