/*
 * table.c - building and rendering result tables (see table.h).
 *
 * Text tables round a real to its cell's decimals, for reading; CSV and JSON
 * carry the exact double (buf_put_exact: the cell's decimals when they lose
 * nothing, else the shortest text that reads back as it), so that an analyst
 * re-using them gets every digit Peel computed. A
 * JSON string is escaped by jansson, never by hand; the array and objects
 * around it are written here because jansson cannot write a real in its
 * shortest exact form. CSV quotes a field only when it must (RFC 4180), and
 * neutralises leading spreadsheet formula characters in text so that an
 * exported CSV opened in Excel cannot run a formula planted in a source file.
 */
#include "render/table.h"
#include "model/calendar.h"
#include "model/money.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/numfmt.h"

#include <assert.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, size_t ncols, const char *const *names)
{
    *t = (struct table){0};
    t->ncols = ncols;
    t->names = xcalloc(ncols, sizeof *t->names);
    t->right = xcalloc(ncols, sizeof *t->right);
    for (size_t i = 0; i < ncols; i++)
        t->names[i] = xstrdup(names[i]);
}

void table_free(struct table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i].text);
    for (size_t i = 0; i < t->ncols; i++)
        free(t->names[i]);
    for (size_t i = 0; i < t->nnotes; i++)
        free(t->notes[i]);
    free(t->names);
    free(t->right);
    free(t->cells);
    free(t->notes);
    free(t->title);
    *t = (struct table){0};
}

void table_set_title(struct table *t, const char *title)
{
    free(t->title);
    t->title = xstrdup(title);
}

void table_add_note(struct table *t, const char *fmt, ...)
{
    struct buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    t->notes = xrealloc(t->notes, (t->nnotes + 1) * sizeof *t->notes);
    t->notes[t->nnotes++] = buf_detach(&b);
}

size_t table_add_row(struct table *t)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 32;
        t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
    return t->nrows++;
}

static struct cell *at(struct table *t, size_t row, size_t col)
{
    assert(row < t->nrows && col < t->ncols);
    struct cell *c = &t->cells[row * t->ncols + col];
    free(c->text);
    *c = (struct cell){0};
    return c;
}

const struct cell *table_cell(const struct table *t, size_t row, size_t col)
{
    assert(row < t->nrows && col < t->ncols);
    return &t->cells[row * t->ncols + col];
}

void table_set_text(struct table *t, size_t row, size_t col, const char *s)
{
    struct cell *c = at(t, row, col);
    if (!s)
        return;
    c->type = CELL_TEXT;
    c->text = xstrdup(s);
}

void table_set_date(struct table *t, size_t row, size_t col, int date)
{
    char text[DATE_TEXT_SIZE];
    if (date == DATE_NONE)
        return;
    date_format(date, text);
    table_set_text(t, row, col, text);
}

void table_set_money(struct table *t, size_t row, size_t col, int64_t pence, bool human)
{
    char text[MONEY_TEXT_SIZE];
    money_format(pence, human, text);
    table_set_text(t, row, col, text);
    t->right[col] = true;
    struct cell *c = &t->cells[row * t->ncols + col];
    c->money = true;
    c->r = (double)pence / 100.0;
}

void table_set_money_unrounded(struct table *t, size_t row, size_t col, double pence, bool human)
{
    assert(isfinite(pence));
    table_set_money(t, row, col, (int64_t)floor(pence + 0.5), human);
    t->cells[row * t->ncols + col].r = pence / 100.0;
}

void table_set_int(struct table *t, size_t row, size_t col, int64_t v)
{
    struct cell *c = at(t, row, col);
    c->type = CELL_INT;
    c->i = v;
    t->right[col] = true;
}

void table_set_real(struct table *t, size_t row, size_t col, double v, int decimals,
                    const char *suffix)
{
    struct cell *c = at(t, row, col);
    c->type = CELL_REAL;
    c->r = v;
    c->decimals = decimals;
    c->suffix = suffix;
    t->right[col] = true;
}

void table_copy_cell(struct table *t, size_t row, size_t col, const struct cell *from)
{
    if (from->type == CELL_TEXT)
        table_set_text(t, row, col, from->text);
    else if (from->type == CELL_INT)
        table_set_int(t, row, col, from->i);
    else if (from->type == CELL_REAL)
        table_set_real(t, row, col, from->r, from->decimals, from->suffix);
}

/* Plain rendering of a cell, no thousands separators: what CSV holds (exact
 * true: the cell's decimals when they lose nothing, else every digit; a
 * value that is not finite is empty) or the digits a text table groups
 * (exact false: rounded to the cell's decimals). */
static void cell_plain(const struct cell *c, bool exact, struct buf *out)
{
    switch (c->type) {
    case CELL_NULL:
        break;
    case CELL_TEXT:
        buf_puts(out, c->text);
        break;
    case CELL_INT:
        buf_printf(out, "%lld", (long long)c->i);
        break;
    case CELL_REAL:
        if (!exact)
            buf_printf(out, "%.*f", c->decimals, c->r);
        else if (c->digits)
            buf_puts(out, c->digits);
        else if (isfinite(c->r))
            buf_put_exact(out, c->r, c->decimals);
        break;
    }
}

/* Rendering for people: 86,181 and 15.4% rather than 86181 and 15.4. */
static void cell_human(const struct cell *c, struct buf *out)
{
    if (c->type != CELL_INT && c->type != CELL_REAL) {
        cell_plain(c, false, out);
        return;
    }
    struct buf digits = BUF_INIT;
    cell_plain(c, false, &digits);
    const char *s = digits.p, *dot = strchr(s, '.');
    size_t intlen = dot ? (size_t)(dot - s) : digits.len;
    size_t sign = s[0] == '-' ? 1 : 0;
    buf_append(out, s, sign);
    for (size_t i = sign; i < intlen; i++) {
        buf_putc(out, s[i]);
        size_t left = intlen - i - 1;
        if (left && left % 3 == 0)
            buf_putc(out, ',');
    }
    buf_puts(out, s + intlen);
    if (c->suffix)
        buf_puts(out, c->suffix);
    buf_free(&digits);
}

void table_cell_text(const struct cell *c, bool human, struct buf *out)
{
    if (human)
        cell_human(c, out);
    else
        cell_plain(c, true, out);
}

/* Display width in characters, counting UTF-8 continuation bytes as none. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

void table_text_begin(struct table_text *tt, size_t ncols, const char *const *names,
                      const bool *right)
{
    *tt = (struct table_text){ncols, names, right, xcalloc(ncols + 1, sizeof *tt->w), BUF_INIT};
    for (size_t c = 0; c < ncols; c++)
        tt->w[c] = width(names[c]);
}

/* Column c widened, if need be, to hold its text s. */
static void measure_cell(struct table_text *tt, size_t c, const char *s)
{
    size_t cw = width(s);
    if (cw > tt->w[c])
        tt->w[c] = cw;
}

void table_text_measure(struct table_text *tt, const struct cell *cells)
{
    for (size_t c = 0; c < tt->ncols; c++) {
        buf_reset(&tt->scratch);
        cell_human(&cells[c], &tt->scratch);
        measure_cell(tt, c, buf_str(&tt->scratch));
    }
}

void table_text_head(struct table_text *tt, const char *title, FILE *out)
{
    if (title)
        fprintf(out, "%s\n\n", title);
    for (size_t c = 0; c < tt->ncols; c++)
        fprintf(out, "%s%-*s", c ? "  " : "", (int)tt->w[c], tt->names[c]);
    fputc('\n', out);
    for (size_t c = 0; c < tt->ncols; c++) {
        fprintf(out, "%s", c ? "  " : "");
        for (size_t k = 0; k < tt->w[c]; k++)
            fputc('-', out);
    }
    fputc('\n', out);
}

/* Column c's text s, padded to the column's width. */
static void write_cell(const struct table_text *tt, size_t c, const char *s, FILE *out)
{
    int pad = (int)(tt->w[c] - width(s));
    const char *sep = c ? "  " : "";
    if (tt->right[c])
        fprintf(out, "%s%*s%s", sep, pad, "", s);
    else
        fprintf(out, "%s%s%*s", sep, s, c + 1 < tt->ncols ? pad : 0, "");
}

void table_text_row(struct table_text *tt, const struct cell *cells, FILE *out)
{
    for (size_t c = 0; c < tt->ncols; c++) {
        buf_reset(&tt->scratch);
        cell_human(&cells[c], &tt->scratch);
        write_cell(tt, c, buf_str(&tt->scratch), out);
    }
    fputc('\n', out);
}

void table_text_end(struct table_text *tt, const char *const *notes, size_t nnotes, FILE *out)
{
    for (size_t i = 0; i < nnotes; i++)
        fprintf(out, "%s%s\n", i ? "" : "\n", notes[i]);
    free(tt->w);
    buf_free(&tt->scratch);
    *tt = (struct table_text){0};
}

/* The table's rows twice over: once for the widths, once to write them,
 * each cell's text made once and kept between the two (in texts, each
 * ending in NUL, cell i's starting at off[i]): printing each number twice
 * took 12% of the instructions of `peel compare --by lsoa` (25,905 rows). */
static void render_text(const struct table *t, FILE *out)
{
    struct table_text tt;
    table_text_begin(&tt, t->ncols, (const char *const *)t->names, t->right);
    size_t n = t->nrows * t->ncols;
    size_t *off = xcalloc(n, sizeof *off);
    struct buf texts = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        off[i] = texts.len;
        cell_human(&t->cells[i], &texts);
        buf_putc(&texts, '\0');
        measure_cell(&tt, i % t->ncols, texts.p + off[i]);
    }
    table_text_head(&tt, t->title, out);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++)
            write_cell(&tt, c, texts.p + off[r * t->ncols + c], out);
        fputc('\n', out);
    }
    table_text_end(&tt, (const char *const *)t->notes, t->nnotes, out);
    buf_free(&texts);
    free(off);
}

/* A byte that makes a CSV field need quotes. */
static inline bool csv_special(char c)
{
    return (unsigned char)c <= ',' && (c == ',' || c == '"' || c == '\r' || c == '\n');
}

/* Nonzero when some byte of x is the byte c repeats (Mycroft's test for a
 * zero byte, applied to x ^ c). */
static inline uint64_t has_byte(uint64_t x, uint64_t c)
{
    uint64_t t = x ^ c;
    return (t - 0x0101010101010101u) & ~t & 0x8080808080808080u;
}

/* How many of s's n bytes come before the first csv_special one: eight at
 * a time, then one by one (this runs for every text imported). */
static size_t csv_plain_length(const char *s, size_t n)
{
    const uint64_t k = 0x0101010101010101u;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, sizeof x);
        if (has_byte(x, k * ',') | has_byte(x, k * '"') | has_byte(x, k * '\r') |
            has_byte(x, k * '\n'))
            break;
    }
    while (i < n && !csv_special(s[i]))
        i++;
    return i;
}

char *table_csv_text_to(char *o, const char *s, size_t n, bool text)
{
    bool formula = text && table_csv_formula(s, n);
    size_t plain = csv_plain_length(s, n);
    if (!formula && plain == n) {
        memcpy(o, s, n);
        return o + n;
    }
    *o++ = '"';
    if (formula)
        *o++ = '\'';
    memcpy(o, s, plain);
    o += plain;
    for (size_t i = plain; i < n; i++) {
        if (s[i] == '"')
            *o++ = '"';
        *o++ = s[i];
    }
    *o++ = '"';
    return o;
}

/* n bytes of s (no NUL among them) as a CSV field: as they are when they
 * can be, else quoted with quotes doubled. */
static void csv_put_n(struct buf *b, const char *s, size_t n, bool text)
{
    buf_grow(b, TABLE_CSV_TEXT_ROOM(n));
    b->len = (size_t)(table_csv_text_to(b->p + b->len, s, n, text) - b->p);
    b->p[b->len] = '\0';
}

static void csv_put(struct buf *b, const char *s, bool text)
{
    csv_put_n(b, s, strlen(s), text);
}

static void csv_field(const char *s, bool text, FILE *out)
{
    struct buf b = BUF_INIT;
    csv_put(&b, s, text);
    fwrite(buf_str(&b), 1, b.len, out);
    buf_free(&b);
}

static void render_csv(const struct table *t, FILE *out)
{
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            fputc(',', out);
        csv_field(t->names[c], false, out);
    }
    fputs("\r\n", out);
    struct buf b = BUF_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const struct cell *cell = table_cell(t, r, c);
            buf_reset(&b);
            cell_plain(cell, true, &b);
            if (c)
                fputc(',', out);
            csv_field(buf_str(&b), cell->type == CELL_TEXT, out);
        }
        fputs("\r\n", out);
    }
    buf_free(&b);
}

/* A JSON string, escaped by jansson. Text that is not UTF-8 (which the
 * importers refuse) is written as null rather than as invalid JSON. */
static void json_put_string(struct buf *out, const char *s)
{
    json_t *j = json_string(s);
    char *text = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    buf_puts(out, text ? text : "null");
    free(text);
    json_decref(j);
}

/* A cell's JSON value. A real keeps a decimal point or exponent ("4.0", not
 * "4") so that a reader typing by the text sees a real, as jansson wrote it. */
static void json_put_cell(struct buf *out, const struct cell *c)
{
    switch (c->type) {
    case CELL_NULL:
        break;
    case CELL_TEXT:
        json_put_string(out, c->text);
        return;
    case CELL_INT:
        buf_printf(out, "%lld", (long long)c->i);
        return;
    case CELL_REAL: {
        if (!isfinite(c->r))
            break;
        size_t from = out->len;
        buf_put_exact(out, c->r, c->decimals);
        if (!strpbrk(out->p + from, ".e"))
            buf_puts(out, ".0");
        return;
    }
    }
    buf_puts(out, "null");
}

/* One row as a JSON object; indent 0 writes it on one line. */
static void json_put_row(struct buf *out, const char *const *names, size_t ncols,
                         const struct cell *cells, int indent)
{
    buf_putc(out, '{');
    for (size_t c = 0; c < ncols; c++) {
        if (c)
            buf_putc(out, ',');
        if (indent)
            buf_printf(out, "\n%*s", 2 * indent, "");
        json_put_string(out, names[c]);
        buf_puts(out, indent ? ": " : ":");
        json_put_cell(out, &cells[c]);
    }
    if (indent && ncols)
        buf_printf(out, "\n%*s", 2 * (indent - 1), "");
    buf_putc(out, '}');
}

void table_json_row(struct buf *out, const char *const *names, size_t ncols,
                    const struct cell *cells, size_t row)
{
    buf_puts(out, row ? ",\n  " : "[\n  ");
    json_put_row(out, names, ncols, cells, 2);
}

void table_json_end(struct buf *out, size_t nrows)
{
    buf_puts(out, nrows ? "\n]\n" : "[]\n");
}

static void render_json(const struct table *t, FILE *out)
{
    struct buf b = BUF_INIT;
    for (size_t r = 0; r < t->nrows; r++)
        table_json_row(&b, (const char *const *)t->names, t->ncols, table_cell(t, r, 0), r);
    table_json_end(&b, t->nrows);
    fwrite(buf_str(&b), 1, b.len, out);
    buf_free(&b);
}

/* ---- streamed ----------------------------------------------------------- */

void table_stream_begin(struct table_stream *ts, enum table_format fmt, size_t ncols,
                        const char *const *names, struct buf *out)
{
    assert(fmt == TABLE_CSV || fmt == TABLE_JSON);
    *ts = (struct table_stream){fmt, ncols, names, 0};
    if (fmt == TABLE_JSON) {
        buf_putc(out, '[');
        return;
    }
    for (size_t c = 0; c < ncols; c++) {
        if (c)
            buf_putc(out, ',');
        csv_put(out, names[c], false);
    }
    buf_puts(out, "\r\n");
}

void table_stream_row(struct table_stream *ts, const struct cell *cells, struct buf *out)
{
    if (ts->fmt == TABLE_JSON) {
        buf_puts(out, ts->nrows ? ",\n" : "\n");
        json_put_row(out, ts->names, ts->ncols, cells, 0);
    } else {
        /* straight into out: a number's digits never need quoting, and a
         * text is its own plain form (this runs for every crime imported) */
        for (size_t c = 0; c < ts->ncols; c++) {
            if (c)
                buf_putc(out, ',');
            if (cells[c].type == CELL_TEXT)
                csv_put(out, cells[c].text, true);
            else
                cell_plain(&cells[c], true, out);
        }
        buf_puts(out, "\r\n");
    }
    ts->nrows++;
}

void table_stream_end(struct table_stream *ts, struct buf *out)
{
    if (ts->fmt == TABLE_JSON)
        buf_puts(out, ts->nrows ? "\n]\n" : "]\n");
}

void table_render(const struct table *t, enum table_format fmt, FILE *out)
{
    switch (fmt) {
    case TABLE_AUTO:
    case TABLE_TEXT:
        render_text(t, out);
        break;
    case TABLE_CSV:
        render_csv(t, out);
        break;
    case TABLE_JSON:
        render_json(t, out);
        break;
    }
}

const char *table_thousands(int64_t v, char *out, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
    size_t k = 0;
    if (v < 0 && k + 1 < n)
        out[k++] = '-';
    for (int i = 0; i < len && k + 2 < n; i++) {
        out[k++] = digits[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len)
            out[k++] = ',';
    }
    out[k] = '\0';
    return out;
}
