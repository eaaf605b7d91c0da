/*
 * table.h - a table of results and its three renderings.
 *
 * Every command that prints data builds a struct table and renders it as an
 * aligned text table (for people at a terminal), CSV (for spreadsheets and
 * pipes) or JSON (for programs: an array of objects, snake_case keys, as
 * data.police.uk's API does). Keeping one table type means every command
 * gets all three formats for free and they cannot drift apart.
 */
#ifndef PEEL_TABLE_H
#define PEEL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/buf.h"

enum table_format { TABLE_AUTO, TABLE_TEXT, TABLE_CSV, TABLE_JSON };

enum cell_type { CELL_NULL, CELL_TEXT, CELL_INT, CELL_REAL };

struct cell {
    enum cell_type type;
    int decimals; /* for CELL_REAL in text and CSV renderings */
    char *text;   /* owned, for CELL_TEXT */
    int64_t i;
    double r;
    const char *suffix; /* shown after a number in text tables only, e.g. "%" */
    /* CELL_REAL: r's exact digits when the caller has them (a coordinate as
     * published, crime_rows.h), written by CSV instead of printing r and
     * reading it back; they must be what buf_put_exact writes. Borrowed:
     * for streamed cells only, never a table's. */
    const char *digits;
    /* CELL_TEXT written by table_set_money: r is the amount in pounds
     * (unrounded when the text is rounded), so that a workbook holds the
     * number, not its text. */
    bool money;
};

struct table {
    size_t ncols, nrows, cap;
    char **names;       /* column keys, snake_case */
    bool *right;        /* right-align (numbers) in text tables */
    struct cell *cells; /* nrows * ncols, row-major */
    char *title;        /* optional, text rendering only */
    char **notes;       /* footnotes, text rendering; "notes" in JSON is not emitted */
    size_t nnotes;
};

void table_init(struct table *t, size_t ncols, const char *const *names);
void table_free(struct table *t);
void table_set_title(struct table *t, const char *title);
void table_add_note(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends an empty (all NULL) row and returns its index. */
size_t table_add_row(struct table *t);
void table_set_text(struct table *t, size_t row, size_t col, const char *s);
void table_set_int(struct table *t, size_t row, size_t col, int64_t v);
/* A date as model/calendar.h counts them, as text YYYY-MM-DD; the cell
 * stays empty for DATE_NONE. */
void table_set_date(struct table *t, size_t row, size_t col, int date);
/* An amount of money (model/money.h): "£1,234.56" when human, else
 * "1234.56"; the column is right-aligned. */
void table_set_money(struct table *t, size_t row, size_t col, int64_t pence, bool human);
/* The same for an amount worked out to a fraction of a penny (a unit
 * cost): the text is to the penny, half up; a workbook keeps every digit. */
void table_set_money_unrounded(struct table *t, size_t row, size_t col, double pence, bool human);
void table_set_real(struct table *t, size_t row, size_t col, double v, int decimals,
                    const char *suffix);
const struct cell *table_cell(const struct table *t, size_t row, size_t col);
/* A cell of another table set into this one (its text copied; a number
 * with its decimals and suffix; an empty cell left empty). */
void table_copy_cell(struct table *t, size_t row, size_t col, const struct cell *from);
/* A cell's text as CSV holds it (human false: 1095258, 15.43) or as the
 * text table shows it (true: 1,095,258, 15.43%), appended to out. */
void table_cell_text(const struct cell *c, bool human, struct buf *out);

/* TABLE_AUTO is the text table: the same output whether or not stdout is a
 * terminal, so that what a user sees is what a script gets. */
void table_render(const struct table *t, enum table_format fmt, FILE *out);

/* A table too big to hold, written a row at a time into a buffer that the
 * caller empties as it goes (the web site streams downloads so): the same
 * CSV as table_render, and JSON as the same bare array of objects, one per
 * line. Cells are read, not kept: a CELL_TEXT's text may be borrowed. */
struct table_stream {
    enum table_format fmt; /* TABLE_CSV or TABLE_JSON */
    size_t ncols;
    const char *const *names;
    size_t nrows; /* written so far */
};

void table_stream_begin(struct table_stream *ts, enum table_format fmt, size_t ncols,
                        const char *const *names, struct buf *out);
void table_stream_row(struct table_stream *ts, const struct cell *cells, struct buf *out);
void table_stream_end(struct table_stream *ts, struct buf *out);
/* A field of n bytes (no NUL among them) as CSV writes it (text: a
 * CELL_TEXT's, with the formula prefix; else a column name's), written at
 * o, which has TABLE_CSV_TEXT_ROOM(n) bytes; returns the end. For a caller
 * that has the text's length and no NUL after it, and writes a row at once
 * (the import's download rows, assess/crime_rows.h). */
#define TABLE_CSV_TEXT_ROOM(n) (2 * (n) + 3) /* every byte a quote, two more, a prefix */
char *table_csv_text_to(char *o, const char *s, size_t n, bool text);
/* Whether a text of n bytes starts as a spreadsheet formula, which CSV
 * writes quoted, after a ' (CWE-1236): a leading = + - @, tab or CR makes
 * a spreadsheet evaluate the cell. Inline: an import asks it of ten texts
 * a row (assess/crime_rows.c), where the call cost more than the test. */
static inline bool table_csv_formula(const char *s, size_t n)
{
    char c = n ? s[0] : '\0';
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* table_render's JSON a row at a time: table_json_row for each row (row:
 * its index from 0), then table_json_end with the number of rows. */
void table_json_row(struct buf *out, const char *const *names, size_t ncols,
                    const struct cell *cells, size_t row);
void table_json_end(struct buf *out, size_t nrows);

/* A text table too big to hold, the same bytes as table_render's: every
 * row is offered twice, first to table_text_measure (the column widths),
 * then, after table_text_head, to table_text_row. Cells are read, not kept;
 * names, right (per column: right-aligned) and the notes are borrowed. */
struct table_text {
    size_t ncols;
    const char *const *names;
    const bool *right;
    size_t *w;
    struct buf scratch;
};

void table_text_begin(struct table_text *tt, size_t ncols, const char *const *names,
                      const bool *right);
void table_text_measure(struct table_text *tt, const struct cell *cells);
void table_text_head(struct table_text *tt, const char *title, FILE *out);
void table_text_row(struct table_text *tt, const struct cell *cells, FILE *out);
/* Writes the notes and frees what begin took. */
void table_text_end(struct table_text *tt, const char *const *notes, size_t nnotes, FILE *out);

/* 1095258 -> "1,095,258", for figures quoted in titles and notes. */
const char *table_thousands(int64_t v, char *out, size_t n);

#endif
