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
    /* The columns shown, in order (the first is the row headers), when a
     * page shows fewer than its download holds; NULL: every column. */
    const size_t *columns;
    size_t ncolumns;
    /* An estimate followed by its limits (two columns whose keys end in
     * "_lower_95" and "_upper_95", as table_share.h and the rate ratio
     * write them, or in "_lower" and "_upper") shown as one column, the interval under the
     * estimate: "23.4%" over "21.0%–25.9%", headed "... (95% CI)". Each number keeps its own <data
     * value>. For pages that must fit a screen. */
    bool join_intervals;
};

/* Appends the table, its notes as a list after it; with headers, a note's
 * machine column names ("change_is") are given as their headings. */
void table_html(struct buf *out, const struct table *t, const struct table_html *opt);

#endif
