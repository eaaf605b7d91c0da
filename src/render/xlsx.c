/*
 * xlsx.c - writing tables as a workbook (see xlsx.h).
 */
#include "render/xlsx.h"
#include "util/mem.h"

#include <assert.h>
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
    char *space = strrchr(base, ' ');
    if (strlen(name ? name : "") > strlen(base) && space && space - base >= 16)
        *space = '\0'; /* cut: at the last word that fits whole */
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

#define MIN_WIDTH 8
#define MAX_WIDTH 60

struct formats {
    lxw_format *title, *header, *note, *month, *date, *timestamp, *money;
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
    f->month = workbook_add_format(wb);
    format_set_num_format(f->month, "mmm yyyy");
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "d mmm yyyy");
    f->timestamp = workbook_add_format(wb);
    format_set_num_format(f->timestamp, "yyyy-mm-dd hh:mm");
    /* pounds, shown to the penny as money_format writes them; the cell
     * holds the amount itself */
    f->money = workbook_add_format(wb);
    format_set_num_format(f->money, "\xc2\xa3#,##0.00;-\xc2\xa3#,##0.00");
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

void xlsx_heading(const char *key, char *out, size_t n)
{
    assert(n > 0);
    size_t k = 0;
    bool first = true;
    for (const char *p = key; *p && k + 1 < n;) {
        size_t len = strcspn(p, "_");
        const char *word = p;
        char lead[2] = {0};
        if (len == 3 && strncmp(p, "pct", 3) == 0)
            word = "%", len = 1;
        else if (len == 4 && strncmp(p, "1000", 4) == 0)
            word = "1,000", len = 5;
        else if (first && *p >= 'a' && *p <= 'z')
            lead[0] = (char)(*p - 'a' + 'A'), word = p + 1, len--;
        k += (size_t)snprintf(out + k, n - k, "%s%s%.*s", first ? "" : " ", lead, (int)len, word);
        if (k >= n)
            k = n - 1;
        first = false;
        p += strcspn(p, "_");
        p += *p == '_';
    }
    out[k] = '\0';
}

/* n decimal digits at s, as a number; -1 when they are not all digits. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "2022-01" as the first of its month; "2022-01-31" as a day; and
 * "2026-12-05T08:18:33Z" as a time. Anything else (a financial year
 * "2021-22", a quarter) is not a date. */
static bool parse_month(const char *s, lxw_datetime *d)
{
    *d = (lxw_datetime){.year = digits(s, 4), .day = 1};
    if (d->year < 0 || strlen(s) != 7 || s[4] != '-')
        return false;
    d->month = digits(s + 5, 2);
    return d->month >= 1 && d->month <= 12;
}

static int parse_date(const char *s, lxw_datetime *d)
{
    size_t len = strlen(s);
    if ((len != 10 && len != 20) || s[4] != '-' || s[7] != '-')
        return 0;
    *d = (lxw_datetime){.year = digits(s, 4), .month = digits(s + 5, 2), .day = digits(s + 8, 2)};
    if (d->year < 0 || d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31)
        return 0;
    if (len == 10)
        return 1;
    if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        return 0;
    d->hour = digits(s + 11, 2);
    d->min = digits(s + 14, 2);
    int sec = digits(s + 17, 2);
    if (d->hour < 0 || d->hour > 23 || d->min < 0 || d->min > 59 || sec < 0 || sec > 59)
        return 0;
    d->sec = sec;
    return 2;
}

/* Whether column c holds months: named for them, and every value one. */
static bool month_column(const struct table *t, size_t c)
{
    if (strcmp(t->names[c], "month") != 0 && strcmp(t->names[c], "period") != 0)
        return false;
    size_t seen = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const struct cell *cell = table_cell(t, r, c);
        lxw_datetime d;
        if (cell->type == CELL_NULL)
            continue;
        if (cell->type != CELL_TEXT || !parse_month(cell->text, &d))
            return false;
        seen++;
    }
    return seen > 0;
}

static void write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *c,
                       bool months, const struct formats *f)
{
    lxw_datetime d;
    int kind;
    switch (c->type) {
    case CELL_TEXT:
        if (c->money)
            worksheet_write_number(ws, row, col, c->r, f->money);
        else if (months && parse_month(c->text, &d))
            worksheet_write_datetime(ws, row, col, &d, f->month);
        else if ((kind = parse_date(c->text, &d)) != 0)
            worksheet_write_datetime(ws, row, col, &d, kind == 1 ? f->date : f->timestamp);
        else
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

/* Characters, not bytes: "£" is one. */
static size_t text_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* As wide as the widest of its heading and values as shown, within bounds. */
static double column_width(const struct table *t, size_t c, const char *heading, bool months)
{
    size_t w = text_width(heading) + 3; /* room for the filter button */
    struct buf text = BUF_INIT;
    for (size_t r = 0; r < t->nrows && !months; r++) {
        buf_reset(&text);
        table_cell_text(table_cell(t, r, c), true, &text);
        size_t cw = text_width(buf_str(&text)) + 2;
        w = cw > w ? cw : w;
    }
    buf_free(&text);
    if (months && w < 12)
        w = 12;
    return (double)(w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w);
}

/* The rows as an Excel table with a filter on every column, headed by the
 * readable headings; a table needs a row, so with none the headings are
 * written plain. */
static void write_table(lxw_worksheet *ws, const struct table *t, char (*headings)[64],
                        const struct formats *f)
{
    if (t->nrows == 0) {
        for (size_t c = 0; c < t->ncols; c++)
            worksheet_write_string(ws, HEADER_ROW, (lxw_col_t)c, headings[c], f->header);
        return;
    }
    assert(t->ncols > 0);
    lxw_table_column *cols = xcalloc(t->ncols, sizeof(lxw_table_column));
    lxw_table_column **list = xcalloc(t->ncols + 1, sizeof(lxw_table_column *));
    for (size_t c = 0; c < t->ncols; c++) {
        cols[c].header = headings[c];
        cols[c].header_format = f->header;
        list[c] = &cols[c];
    }
    lxw_table_options opt = {
        .columns = list, .style_type = LXW_TABLE_STYLE_TYPE_LIGHT, .style_type_number = 1};
    worksheet_add_table(ws, HEADER_ROW, 0, (lxw_row_t)(HEADER_ROW + t->nrows),
                        (lxw_col_t)(t->ncols - 1), &opt);
    free(list);
    free(cols);
}

/* A chart of the chosen columns against the first, beside the data. */
static void write_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
                        const struct table *t, const struct xlsx_chart *ch)
{
    size_t rows = ch && ch->rows && ch->rows < t->nrows ? ch->rows : t->nrows;
    if (!ch || ch->n == 0 || rows < 2)
        return;
    lxw_chart *chart = workbook_add_chart(wb, ch->bars ? LXW_CHART_COLUMN : LXW_CHART_LINE);
    lxw_row_t first = HEADER_ROW + 1, last = (lxw_row_t)(HEADER_ROW + rows);
    for (size_t i = 0; i < ch->n && i < XLSX_CHART_MAX_SERIES; i++) {
        assert(ch->columns[i] > 0 && ch->columns[i] < t->ncols);
        lxw_col_t col = (lxw_col_t)ch->columns[i];
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(series, sheet, first, 0, last, 0);
        chart_series_set_values(series, sheet, first, col, last, col);
        chart_series_set_name_range(series, sheet, HEADER_ROW, col);
    }
    if (t->title)
        chart_title_set_name(chart, t->title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options place = {.x_scale = 1.5, .y_scale = 1.3};
    worksheet_insert_chart_opt(ws, HEADER_ROW, (lxw_col_t)(t->ncols + 1), chart, &place);
}

static void write_sheet(lxw_workbook *wb, lxw_worksheet *ws, const char *name,
                        const struct xlsx_sheet *sheet, const struct formats *f)
{
    const struct table *t = sheet->table;
    if (t->title)
        worksheet_write_string(ws, 0, 0, t->title, f->title);
    char(*headings)[64] = xcalloc(t->ncols ? t->ncols : 1, sizeof(char[64]));
    bool *months = xcalloc(t->ncols ? t->ncols : 1, sizeof(bool));
    for (size_t c = 0; c < t->ncols; c++) {
        xlsx_heading(t->names[c], headings[c], sizeof headings[c]);
        months[c] = month_column(t, c);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             column_width(t, c, headings[c], months[c]), NULL);
    }
    write_table(ws, t, headings, f);
    worksheet_freeze_panes(ws, HEADER_ROW + 1, 0);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            write_cell(ws, (lxw_row_t)(HEADER_ROW + 1 + r), (lxw_col_t)c, table_cell(t, r, c),
                       months[c], f);
    lxw_row_t below = (lxw_row_t)(HEADER_ROW + 2 + t->nrows);
    for (size_t i = 0; i < t->nnotes; i++)
        worksheet_write_string(ws, below + (lxw_row_t)i, 0, t->notes[i], f->note);
    write_chart(wb, ws, name, t, sheet->chart);
    free(headings);
    free(months);
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
        write_sheet(wb, workbook_add_worksheet(wb, names[i]), names[i], &sheets[i], &f);
    }
    lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR) {
        buf_printf(err, "%s: cannot write the workbook: %s", path, lxw_strerror(rc));
        return -1;
    }
    return 0;
}
