/*
 * xlsx.c - writing tables as a workbook (see xlsx.h).
 */
#include "render/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

#define HEADER_ROW 2 /* 0: title, 1: blank, 2: column names, 3...: data */

/* Excel refuses these in sheet names, and names over 31 bytes. */
static bool forbidden(char c)
{
    return strchr("[]:*?/\\", c) != NULL;
}

/* The longest prefix of s, at most max bytes, that does not end inside a
 * UTF-8 character. */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t len = strlen(s), k = 0;
    while (k < len) {
        unsigned char c = (unsigned char)s[k];
        size_t step = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (k + step > max)
            break;
        k += step;
    }
    return k < len ? k : len;
}

void xlsx_sheet_name(const char *name, const char *const *taken, size_t n, char out[32])
{
    char base[32] = {0};
    size_t k = 0;
    for (const char *p = name ? name : ""; *p && k < 31; p++)
        base[k++] = forbidden(*p) || (unsigned char)*p < 0x20 ? '_' : *p;
    base[k] = '\0';
    base[utf8_prefix(base, 31)] = '\0';
    snprintf(out, 32, "%s", base[0] ? base : "Sheet");
    for (int suffix = 2;; suffix++) {
        bool clash = false;
        for (size_t i = 0; i < n && !clash; i++)
            clash = strcasecmp(taken[i], out) == 0; /* Excel compares without case */
        if (!clash)
            return;
        char tail[16];
        int tl = snprintf(tail, sizeof tail, " (%d)", suffix);
        snprintf(out, 32, "%.*s%s", (int)utf8_prefix(base, 31 - (size_t)tl), base, tail);
    }
}

struct formats {
    lxw_format *title, *header, *note;
    lxw_format *decimals[7]; /* "0", "0.0", ... with thousands separators */
};

static void make_formats(lxw_workbook *wb, struct formats *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    f->note = workbook_add_format(wb);
    format_set_italic(f->note);
    for (int d = 0; d < 7; d++) {
        char pattern[16] = "#,##0";
        if (d > 0) {
            strcat(pattern, ".");
            for (int i = 0; i < d; i++)
                strcat(pattern, "0");
        }
        f->decimals[d] = workbook_add_format(wb);
        format_set_num_format(f->decimals[d], pattern);
    }
}

static void write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *c,
                       const struct formats *f)
{
    switch (c->type) {
    case CELL_TEXT:
        worksheet_write_string(ws, row, col, c->text, NULL);
        break;
    case CELL_INT:
        worksheet_write_number(ws, row, col, (double)c->i, f->decimals[0]);
        break;
    case CELL_REAL:
        worksheet_write_number(ws, row, col, c->r,
                               f->decimals[c->decimals >= 0 && c->decimals < 7 ? c->decimals : 2]);
        break;
    case CELL_NULL:
        break;
    }
}

static void write_sheet(lxw_worksheet *ws, const struct table *t, const struct formats *f)
{
    if (t->title)
        worksheet_write_string(ws, 0, 0, t->title, f->title);
    for (size_t c = 0; c < t->ncols; c++) {
        worksheet_write_string(ws, HEADER_ROW, (lxw_col_t)c, t->names[c], f->header);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->right[c] ? 14 : 24, NULL);
    }
    worksheet_freeze_panes(ws, HEADER_ROW + 1, 0);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            write_cell(ws, (lxw_row_t)(HEADER_ROW + 1 + r), (lxw_col_t)c, table_cell(t, r, c), f);
    lxw_row_t below = (lxw_row_t)(HEADER_ROW + 2 + t->nrows);
    for (size_t i = 0; i < t->nnotes; i++)
        worksheet_write_string(ws, below + (lxw_row_t)i, 0, t->notes[i], f->note);
}

/* The workbook records when it was made: SOURCE_DATE_EPOCH when set, so
 * that the same store gives the same file byte for byte. */
static void set_created(lxw_workbook *wb)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long secs = epoch && *epoch ? strtoll(epoch, &end, 10) : 0;
    if (!end || *end)
        return;
    lxw_doc_properties props = {0};
    props.created = (time_t)secs;
    workbook_set_properties(wb, &props);
}

int xlsx_write(const char *path, const struct xlsx_sheet *sheets, size_t n, struct buf *err)
{
    if (n > XLSX_MAX_SHEETS) {
        buf_printf(err, "%s: at most %d sheets", path, XLSX_MAX_SHEETS);
        return -1;
    }
    /* Tried first: the library reports an unwritable path on stderr itself. */
    FILE *probe = fopen(path, "wb");
    if (!probe) {
        buf_printf(err, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    fclose(probe);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        buf_printf(err, "%s: cannot create the workbook", path);
        return -1;
    }
    set_created(wb);
    struct formats f;
    make_formats(wb, &f);
    char names[XLSX_MAX_SHEETS][32];
    const char *taken[XLSX_MAX_SHEETS];
    for (size_t i = 0; i < n; i++) {
        xlsx_sheet_name(sheets[i].name, taken, i, names[i]);
        taken[i] = names[i];
        write_sheet(workbook_add_worksheet(wb, names[i]), sheets[i].table, &f);
    }
    lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR) {
        buf_printf(err, "%s: cannot write the workbook: %s", path, lxw_strerror(rc));
        return -1;
    }
    return 0;
}
