/*
 * iopc_xlsx.c - the IOPC's data tables read from a workbook (see
 * iopc_xlsx.h).
 */
#include "ingest/iopc_xlsx.h"
#include "ingest/iopc_file.h"
#include "ingest/xlsx.h"
#include "model/calendar.h"
#include "model/forces.h"
#include "util/mem.h"
#include "util/month.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PROBLEMS_MAX 20
#define SHEETS_MAX   200

struct reading {
    const char *path;
    const struct police_force *force;
    struct buf *err;
    int problems;
    int fy;            /* the year the titles name, -1 none yet */
    char fy_sheet[64]; /* where it was named */
    struct iopc_bulletin *b;
};

static void problem(struct reading *r, const char *sheet, long row, const char *field,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void problem(struct reading *r, const char *sheet, long row, const char *field,
                    const char *fmt, ...)
{
    if (r->problems++ >= PROBLEMS_MAX)
        return;
    buf_printf(r->err, "%s: ", r->path);
    if (sheet)
        buf_printf(r->err, "sheet '%s' ", sheet);
    if (row > 0)
        buf_printf(r->err, "row %ld", row);
    buf_puts(r->err, sheet || row > 0 ? ": " : "");
    if (field)
        buf_printf(r->err, "%s: ", field);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(r->err, fmt, ap);
    va_end(ap);
    buf_putc(r->err, '\n');
}

bool iopc_xlsx_is(const void *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* A cell's text with its spaces collapsed and trimmed, and any "[note N]"
 * marker left out; caller frees. */
static char *clean(const struct csv_record *rec, size_t col)
{
    if (col >= rec->nfields)
        return xstrdup("");
    const struct csv_field *f = &rec->fields[col];
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < f->len; i++) {
        if (f->p[i] == '[') { /* "[note 3]", "[x]": a marker, not a word */
            const char *close = memchr(f->p + i, ']', f->len - i);
            if (close && strncasecmp(f->p + i, "[note", 5) == 0) {
                i = (size_t)(close - f->p);
                continue;
            }
        }
        bool space = isspace((unsigned char)f->p[i]);
        if (space && (b.len == 0 || b.p[b.len - 1] == ' '))
            continue;
        buf_putc(&b, space ? ' ' : f->p[i]);
    }
    while (b.len && b.p[b.len - 1] == ' ')
        b.p[--b.len] = '\0';
    return buf_detach(&b);
}

/* The first filled cell of a row, or rec->nfields. */
static size_t first_filled(const struct csv_record *rec)
{
    size_t i = 0;
    while (i < rec->nfields && rec->fields[i].len == 0)
        i++;
    return i;
}

/* A force's name as the IOPC's tables write it, made comparable: lower
 * case, letters and digits only, "and" for "&", without "police" and
 * "constabulary". */
static void name_key(const char *s, char *out, size_t n)
{
    size_t k = 0;
    char word[64];
    size_t w = 0;
    for (const char *p = s;; p++) {
        if (*p && (isalnum((unsigned char)*p) || *p == '&') && w + 4 < sizeof word) {
            if (*p == '&')
                w += (size_t)snprintf(word + w, sizeof word - w, "and");
            else
                word[w++] = (char)tolower((unsigned char)*p);
            continue;
        }
        word[w] = '\0';
        if (w && strcmp(word, "police") != 0 && strcmp(word, "constabulary") != 0 &&
            strcmp(word, "service") != 0)
            for (size_t i = 0; i < w && k + 1 < n; i++)
                out[k++] = word[i];
        w = 0;
        if (!*p)
            break;
    }
    out[k] = '\0';
}

static bool is_force(const struct police_force *f, const char *cell)
{
    char a[128], b[128], c[128];
    name_key(cell, a, sizeof a);
    name_key(f->name, b, sizeof b);
    name_key(f->slug, c, sizeof c);
    return *a && (strcmp(a, b) == 0 || strcmp(a, c) == 0);
}

static bool is_national(const char *cell)
{
    static const char *const names[] = {"total", "england and wales", "national", "england & wales",
                                        "all forces"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(cell, names[i]) == 0)
            return true;
    return false;
}

static bool is_key_heading(const char *cell)
{
    return strcasecmp(cell, "force") == 0 || strcasecmp(cell, "police force") == 0 ||
           strcasecmp(cell, "force name") == 0;
}

/* The financial years a title names ("2024/25", "2024-25"), each checked
 * against the one named before. */
static void title_years(struct reading *r, const char *sheet, long row, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (!(isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
              isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
              (p[4] == '/' || p[4] == '-') && isdigit((unsigned char)p[5]) &&
              isdigit((unsigned char)p[6]) && !isdigit((unsigned char)p[7])))
            continue;
        int start = ((p[0] - '0') * 10 + (p[1] - '0')) * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        int end = (p[5] - '0') * 10 + (p[6] - '0');
        if (start < 2000 || start > 2100 || (start + 1) % 100 != end)
            continue;
        if (r->fy < 0) {
            r->fy = start;
            snprintf(r->fy_sheet, sizeof r->fy_sheet, "%s", sheet);
        } else if (r->fy != start) {
            problem(r, sheet, row, NULL,
                    "the title names %04d-%02d, but sheet '%s' named %04d-%02d: give --year", start,
                    end, r->fy_sheet, r->fy, (r->fy + 1) % 100);
        }
        p += 6;
    }
}

/* A figure as the table gives it: NULL for none (suppressed or empty),
 * else its text with at most 4 decimals (caller frees). */
static char *figure_text(const char *cell)
{
    static const char *const none[] = {"", "*", "-", "..", "x", "[c]", "[x]", "[z]", "n/a", ":"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        if (strcasecmp(cell, none[i]) == 0)
            return NULL;
    const char *dot = strchr(cell, '.');
    size_t digits = dot ? strspn(dot + 1, "0123456789") : 0;
    if (!dot || digits <= 4 || dot[1 + digits] != '\0' ||
        strspn(cell, "0123456789") != (size_t)(dot - cell))
        return xstrdup(cell);
    char out[64];
    snprintf(out, sizeof out, "%.4f", strtod(cell, NULL));
    size_t n = strlen(out);
    while (n && out[n - 1] == '0')
        out[--n] = '\0';
    if (n && out[n - 1] == '.')
        out[--n] = '\0';
    return xstrdup(out);
}

/* One table: its header's measure per column, and its force and national
 * rows as read. */
struct table_state {
    const char *sheet;
    long header_row;
    size_t key;                          /* the column of force names */
    const struct iopc_measure **measure; /* per column, NULL: not a figure */
    char **heading;                      /* per column, as written */
    size_t ncols;
    char **force, **national; /* per column, the rows' cells (NULL: no such row) */
    long force_row, national_row;
};

static void state_free(struct table_state *t)
{
    for (size_t c = 0; c < t->ncols; c++) {
        free(t->heading[c]);
        if (t->force)
            free(t->force[c]);
        if (t->national)
            free(t->national[c]);
    }
    free(t->heading);
    free(t->measure);
    free(t->force);
    free(t->national);
}

static void read_header(struct table_state *t, const struct csv_record *rec, size_t key)
{
    t->header_row = rec->line;
    t->key = key;
    t->ncols = rec->nfields;
    t->measure = xcalloc(t->ncols, sizeof(const struct iopc_measure *));
    t->heading = xcalloc(t->ncols, sizeof *t->heading);
    for (size_t c = key + 1; c < t->ncols; c++) {
        t->heading[c] = clean(rec, c);
        t->measure[c] = *t->heading[c] ? iopc_measure_named(t->heading[c]) : NULL;
    }
}

/* A row's cells for the columns of the header. */
static char **row_cells(const struct table_state *t, const struct csv_record *rec)
{
    char **cells = xcalloc(t->ncols, sizeof *cells);
    for (size_t c = 0; c < t->ncols; c++)
        cells[c] = clean(rec, c);
    return cells;
}

static void read_row(struct reading *r, struct table_state *t, const struct csv_record *rec)
{
    char *name = clean(rec, t->key);
    bool force = is_force(r->force, name), national = !force && is_national(name);
    long *seen = force ? &t->force_row : &t->national_row;
    if ((force || national) && *seen)
        problem(r, t->sheet, rec->line, NULL, "%s is listed twice (row %ld)",
                force ? r->force->name : "the total", *seen);
    else if (force || national) {
        *seen = rec->line;
        *(force ? &t->force : &t->national) = row_cells(t, rec);
    }
    free(name);
}

/* A column's letters as Excel writes them (0: A, 26: AA). */
static void column_name(size_t c, struct buf *out)
{
    char letters[8];
    size_t n = 0;
    for (size_t k = c + 1; k && n < sizeof letters; k = (k - 1) / 26)
        letters[n++] = (char)('A' + (k - 1) % 26);
    while (n)
        buf_putc(out, letters[--n]);
}

/* The figure of column c as a bulletin row, checked. */
static void take_figure(struct reading *r, const struct table_state *t, size_t c)
{
    const struct iopc_measure *m = t->measure[c];
    char *value = figure_text(t->force[c]);
    char *national = t->national ? figure_text(t->national[c]) : NULL;
    double v;
    int decimals;
    const char *why = value ? iopc_figure_parse(value, m, IOPC_FORCE, &v, &decimals) : NULL;
    if (why)
        problem(r, t->sheet, t->force_row, t->heading[c], "\"%s\": %s", value, why);
    why = national ? iopc_figure_parse(national, m, IOPC_NATIONAL, &v, &decimals) : NULL;
    if (why)
        problem(r, t->sheet, t->national_row, t->heading[c], "\"%s\": %s", national, why);
    for (size_t i = 0; value && i < r->b->n; i++)
        if (strcmp(r->b->rows[i].measure, m->code) == 0) {
            problem(r, t->sheet, t->force_row, t->heading[c], "%s is given twice (%s)", m->code,
                    r->b->rows[i].where);
            free(value);
            value = NULL;
        }
    if (value && r->b->n == IOPC_ROWS_MAX) {
        problem(r, t->sheet, t->force_row, NULL, "more than %d figures", IOPC_ROWS_MAX);
        free(value);
        value = NULL;
    }
    if (!value) { /* suppressed, or refused above */
        free(national);
        return;
    }
    r->b->rows = xrealloc(r->b->rows, (r->b->n + 1) * sizeof *r->b->rows);
    struct buf at = BUF_INIT;
    buf_printf(&at, "sheet '%s' cell ", t->sheet);
    column_name(c, &at);
    buf_printf(&at, "%ld", t->force_row);
    r->b->rows[r->b->n++] =
        (struct iopc_row){t->force_row,
                          m->code,
                          xstrdup(""),
                          {value, xstrdup(""), xstrdup(""), national ? national : xstrdup("")},
                          buf_detach(&at)};
}

/* The figures of one finished table. */
static void finish_table(struct reading *r, struct table_state *t)
{
    size_t known = 0;
    for (size_t c = 0; c < t->ncols; c++)
        known += t->measure[c] != NULL;
    if (known == 0)
        return; /* no column of it is a measure Peel keeps */
    if (!t->force) {
        problem(r, t->sheet, t->header_row, NULL, "the table has no row for %s", r->force->name);
        return;
    }
    for (size_t c = 0; c < t->ncols; c++)
        if (t->measure[c])
            take_figure(r, t, c);
}

static void read_sheet(struct reading *r, struct xlsx_reader *x)
{
    struct table_state t = {.sheet = xlsx_reader_sheet(x)};
    struct csv_record rec;
    while (xlsx_reader_next(x, &rec) == 1) {
        size_t f = first_filled(&rec);
        if (f == rec.nfields)
            continue;
        if (t.header_row) {
            read_row(r, &t, &rec);
            continue;
        }
        char *first = clean(&rec, f);
        if (is_key_heading(first))
            read_header(&t, &rec, f);
        else
            for (size_t c = f; c < rec.nfields; c++) {
                char *text = clean(&rec, c);
                title_years(r, t.sheet, rec.line, text);
                free(text);
            }
        free(first);
    }
    if (t.header_row)
        finish_table(r, &t);
    state_free(&t);
}

int iopc_xlsx_read(const char *path, const void *data, size_t len,
                   const struct iopc_xlsx_options *o, struct iopc_bulletin *out, struct buf *err)
{
    *out = (struct iopc_bulletin){0};
    struct reading r = {.path = path, .err = err, .fy = -1, .b = out};
    r.force = o->force ? force_lookup(o->force) : NULL;
    if (!r.force) {
        problem(&r, NULL, 0, "--force", "\"%s\" is not a police force of England and Wales",
                o->force ? o->force : "");
        return -1;
    }
    int nsheets = 1;
    for (int i = 0; i < nsheets && i < SHEETS_MAX && r.problems < PROBLEMS_MAX; i++) {
        struct buf why = BUF_INIT;
        struct xlsx_reader *x = xlsx_reader_open_at(path, data, len, i, &nsheets, &why);
        if (x)
            read_sheet(&r, x);
        else if (r.problems++ < PROBLEMS_MAX)
            buf_puts(err, buf_str(&why));
        xlsx_reader_close(x);
        buf_free(&why);
        if (!x)
            break;
    }
    int fy = o->fy >= 0 ? o->fy : r.fy;
    if (!r.problems && fy < 0)
        problem(&r, NULL, 0, NULL,
                "no table's title names the financial year: give --year YYYY-YY");
    if (!r.problems && out->n == 0)
        problem(&r, NULL, 0, NULL,
                "no table lists %s under a heading Peel knows (docs/complaints-data.md)",
                r.force->name);
    if (r.problems) {
        iopc_bulletin_free(out);
        return -1;
    }
    out->force = r.force->slug;
    date_months_span(fy_first_month(fy), 12, &out->from, &out->to);
    return 0;
}
