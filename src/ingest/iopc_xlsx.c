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
/* A percentage column is read as proportions (0.85: 85%) when every number
 * in it is between 0 and 1, and it has at least this many. */
#define FRACTION_ROWS_MIN 2

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
    const struct xlsx_reader *x; /* for the sheet's merged ranges */
    const char *sheet;
    long header_row;
    size_t key;                          /* the column of force names */
    const struct iopc_measure **measure; /* per column, NULL: not a figure */
    char **heading;                      /* per column, as matched (or written) */
    char **upper;                        /* per column, the row above's heading, carried
                                            across its merged cells ("" none) */
    size_t ncols;
    bool sub_row_possible;    /* the header has a heading over its columns: the next
                                 row may be their sub-headings */
    char **force, **national; /* per column, the rows' cells (NULL: no such row) */
    long force_row, national_row;
    /* per column: how many rows give a number, and whether every one is a
     * proportion (0..1), for a percentage written as a fraction */
    size_t *numbers;
    bool *fractions;
};

static void free_cells(char **cells, size_t n)
{
    for (size_t c = 0; cells && c < n; c++)
        free(cells[c]);
    free(cells);
}

static void state_free(struct table_state *t)
{
    free_cells(t->heading, t->ncols);
    free_cells(t->upper, t->ncols);
    free_cells(t->force, t->ncols);
    free_cells(t->national, t->ncols);
    free(t->measure);
    free(t->numbers);
    free(t->fractions);
}

static bool word_in(const char *w, const char *const *words)
{
    for (; *words; words++)
        if (strcasecmp(w, *words) == 0)
            return true;
    return false;
}

/* The measure a column's headings name: its own (lower) heading, or, in a
 * two-row header, the heading over it (upper) with its sub-heading: "A"
 * over "Number" is A, over "%" or "Proportion" is "A (%)", over "per
 * 1,000 employees" is "A per 1,000 employees", else "A B" or "A: B".
 * What matched into *heading (caller frees); NULL for none. */
static const struct iopc_measure *measure_of(const char *upper, const char *lower, char **heading)
{
    static const char *const counts[] = {"number", "count", "n", "no.", "total", NULL};
    static const char *const shares[] = {"%",          "percentage",     "per cent",   "percent",
                                         "proportion", "proportion (%)", "% of cases", NULL};
    static const char *const rates[] = {"rate per 1,000 employees", "rate", "per 1,000",
                                        "per 1,000 employees", NULL};
    char try[6][512];
    size_t n = 0;
    if (*lower)
        snprintf(try[n++], sizeof try[0], "%s", lower);
    if (*upper && !*lower)
        snprintf(try[n++], sizeof try[0], "%s", upper);
    if (*upper && *lower) {
        if (word_in(lower, counts))
            snprintf(try[n++], sizeof try[0], "%s", upper);
        if (word_in(lower, shares))
            snprintf(try[n++], sizeof try[0], "%s (%%)", upper);
        if (word_in(lower, rates))
            snprintf(try[n++], sizeof try[0], "%s per 1,000 employees", upper);
        snprintf(try[n++], sizeof try[0], "%s %s", upper, lower);
        snprintf(try[n++], sizeof try[0], "%s: %s", upper, lower);
    }
    for (size_t i = 0; i < n; i++) {
        const struct iopc_measure *m = iopc_measure_named(try[i]);
        if (m) {
            *heading = xstrdup(try[i]);
            return m;
        }
    }
    *heading = xstrdup(*lower ? lower : upper);
    return NULL;
}

/* Each column's measure from the headings as they stand. */
static void resolve(struct table_state *t, char **lower)
{
    for (size_t c = t->key + 1; c < t->ncols; c++) {
        free(t->heading[c]);
        t->measure[c] = measure_of(t->upper[c], lower[c], &t->heading[c]);
    }
}

/* A row's headings (cleaned), one per header column. */
static char **heading_cells(const struct table_state *t, const struct csv_record *rec)
{
    char **cells = xcalloc(t->ncols, sizeof *cells);
    for (size_t c = 0; c < t->ncols; c++)
        cells[c] = c > t->key && c < rec->nfields ? clean(rec, c) : xstrdup("");
    return cells;
}

/* The upper headings from the cells of a row over the lower ones, by
 * the sheet's merged ranges on that row (row: its line): a merged
 * heading's text is in its first cell, and stands over every column of
 * its range; a column in no range has its own heading, or none. */
static bool upper_by_merges(struct table_state *t, long row, char **raw)
{
    size_t *first = xcalloc(t->ncols, sizeof *first);
    bool any = row > 0 && xlsx_reader_merges(t->x, row, t->ncols, first) > 0;
    for (size_t c = 0; any && c < t->ncols; c++) {
        size_t f = first[c];
        const char *h = c > t->key && f > t->key && f < t->ncols ? raw[f] : "";
        free(t->upper[c]);
        t->upper[c] = xstrdup(h);
    }
    free(first);
    return any;
}

/* The same for a row without merged ranges (a workbook that centres a
 * heading across its columns, or was saved by a tool that drops the
 * ranges): each heading is carried right across the columns that have a
 * lower heading and none of their own, up to a column with neither. */
static void carry_upper(struct table_state *t, long row, char **raw, char **lower)
{
    if (upper_by_merges(t, row, raw))
        return;
    const char *cur = "";
    for (size_t c = 0; c < t->ncols; c++) {
        if (c > t->key && *raw[c])
            cur = raw[c];
        else if (c <= t->key || !*lower[c])
            cur = "";
        free(t->upper[c]);
        t->upper[c] = xstrdup(c > t->key ? cur : "");
    }
}

/* The header row rec, its key column key; above: the row just over it
 * (NULL: none), whose headings stand over the header's (a heading row
 * over a sub-heading row). */
static void read_header(struct table_state *t, const struct csv_record *rec, size_t key,
                        const struct csv_record *above)
{
    t->header_row = rec->line;
    t->key = key;
    t->ncols = rec->nfields;
    if (above && above->nfields > t->ncols)
        t->ncols = above->nfields;
    t->measure = xcalloc(t->ncols, sizeof(const struct iopc_measure *));
    t->heading = xcalloc(t->ncols, sizeof *t->heading);
    t->upper = xcalloc(t->ncols, sizeof *t->upper);
    t->numbers = xcalloc(t->ncols, sizeof *t->numbers);
    t->fractions = xcalloc(t->ncols, sizeof *t->fractions);
    for (size_t c = 0; c < t->ncols; c++)
        t->fractions[c] = true;
    char **lower = heading_cells(t, rec);
    char **raw = above ? heading_cells(t, above) : heading_cells(t, &(struct csv_record){0});
    carry_upper(t, above ? above->line : 0, raw, lower);
    resolve(t, lower);
    /* the header's own headings may stand over a sub-heading row */
    for (size_t c = key + 1; c < t->ncols && !above; c++)
        t->sub_row_possible |= *lower[c] != '\0';
    free_cells(raw, t->ncols);
    free_cells(lower, t->ncols);
}

/* The table's columns widened to n (a sub-heading under a merged
 * heading's last cell, which the header row leaves out). */
static void widen(struct table_state *t, size_t n)
{
    if (n <= t->ncols)
        return;
    t->measure = xrealloc(t->measure, n * sizeof(const struct iopc_measure *));
    t->heading = xrealloc(t->heading, n * sizeof *t->heading);
    t->upper = xrealloc(t->upper, n * sizeof *t->upper);
    t->numbers = xrealloc(t->numbers, n * sizeof *t->numbers);
    t->fractions = xrealloc(t->fractions, n * sizeof *t->fractions);
    for (size_t c = t->ncols; c < n; c++) {
        t->measure[c] = NULL;
        t->heading[c] = xstrdup("");
        t->upper[c] = xstrdup("");
        t->numbers[c] = 0;
        t->fractions[c] = true;
    }
    t->ncols = n;
}

/* The row after a header, with nothing in the key column: the header's
 * headings are the upper ones, these their sub-headings. */
static void read_sub_headings(struct table_state *t, const struct csv_record *rec)
{
    widen(t, rec->nfields);
    char **raw = heading_cells(t, &(struct csv_record){0});
    for (size_t c = t->key + 1; c < t->ncols; c++) {
        free(raw[c]);
        raw[c] = xstrdup(t->heading[c]);
    }
    char **lower = heading_cells(t, rec);
    carry_upper(t, t->header_row, raw, lower);
    resolve(t, lower);
    free_cells(raw, t->ncols);
    free_cells(lower, t->ncols);
}

/* A row's cells for the columns of the header. */
static char **row_cells(const struct table_state *t, const struct csv_record *rec)
{
    char **cells = xcalloc(t->ncols, sizeof *cells);
    for (size_t c = 0; c < t->ncols; c++)
        cells[c] = clean(rec, c);
    return cells;
}

/* Whether every number of a percentage's column so far is a proportion. */
static void note_numbers(struct table_state *t, char **cells)
{
    for (size_t c = t->key + 1; c < t->ncols; c++) {
        if (!t->measure[c] || t->measure[c]->unit != IOPC_PERCENT || !*cells[c])
            continue;
        char *end = NULL;
        double v = strtod(cells[c], &end);
        if (*end)
            continue; /* not a number: suppressed, or refused when read */
        t->numbers[c]++;
        if (!(v >= 0 && v <= 1))
            t->fractions[c] = false;
    }
}

static void read_row(struct reading *r, struct table_state *t, const struct csv_record *rec)
{
    char *name = clean(rec, t->key);
    bool force = is_force(r->force, name), national = !force && is_national(name);
    long *seen = force ? &t->force_row : &t->national_row;
    char **cells = *name ? row_cells(t, rec) : NULL;
    if (cells)
        note_numbers(t, cells);
    if ((force || national) && *seen) {
        problem(r, t->sheet, rec->line, NULL, "%s is listed twice (row %ld)",
                force ? r->force->name : "the total", *seen);
    } else if (force || national) {
        *seen = rec->line;
        *(force ? &t->force : &t->national) = cells;
        cells = NULL;
    }
    free_cells(cells, t->ncols);
    free(name);
}

/* A percentage the table writes as a proportion (0.85 for 85%): scaled
 * to a percentage, at most 4 decimals (caller frees); NULL stays NULL. */
static char *percent_of(char *fraction)
{
    if (!fraction)
        return NULL;
    char out[64];
    snprintf(out, sizeof out, "%.4f", strtod(fraction, NULL) * 100);
    size_t n = strlen(out);
    while (n && out[n - 1] == '0')
        out[--n] = '\0';
    if (n && out[n - 1] == '.')
        out[--n] = '\0';
    free(fraction);
    return xstrdup(out);
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
    if (m->unit == IOPC_PERCENT && t->fractions[c] && t->numbers[c] >= FRACTION_ROWS_MIN) {
        value = percent_of(value);
        national = percent_of(national);
    }
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

/* A copy of a row's cells (the reader's are valid until its next row). */
struct kept_row {
    struct csv_record rec;
    struct buf text;
};

static void keep_row(struct kept_row *k, const struct csv_record *rec)
{
    buf_reset(&k->text);
    size_t *at = xcalloc(rec->nfields ? rec->nfields : 1, sizeof *at);
    for (size_t c = 0; c < rec->nfields; c++) {
        at[c] = k->text.len;
        buf_append(&k->text, rec->fields[c].p, rec->fields[c].len);
    }
    free(k->rec.fields);
    k->rec = (struct csv_record){.nfields = rec->nfields, .line = rec->line};
    k->rec.fields = xcalloc(rec->nfields ? rec->nfields : 1, sizeof *k->rec.fields);
    for (size_t c = 0; c < rec->nfields; c++)
        k->rec.fields[c] = (struct csv_field){k->text.p + at[c], rec->fields[c].len};
    free(at);
}

static void read_sheet(struct reading *r, struct xlsx_reader *x)
{
    struct table_state t = {.x = x, .sheet = xlsx_reader_sheet(x)};
    struct kept_row above = {.text = BUF_INIT};
    struct csv_record rec;
    while (xlsx_reader_next(x, &rec) == 1) {
        size_t f = first_filled(&rec);
        if (f == rec.nfields)
            continue;
        if (t.header_row) {
            bool sub = t.sub_row_possible && rec.line == t.header_row + 1 && f > t.key;
            t.sub_row_possible = false;
            if (sub)
                read_sub_headings(&t, &rec);
            else
                read_row(r, &t, &rec);
            continue;
        }
        char *first = clean(&rec, f);
        if (is_key_heading(first)) {
            bool over = above.rec.line == rec.line - 1 && first_filled(&above.rec) > f;
            read_header(&t, &rec, f, over ? &above.rec : NULL);
        } else {
            for (size_t c = f; c < rec.nfields; c++) {
                char *text = clean(&rec, c);
                title_years(r, t.sheet, rec.line, text);
                free(text);
            }
            keep_row(&above, &rec);
        }
        free(first);
    }
    if (t.header_row)
        finish_table(r, &t);
    state_free(&t);
    free(above.rec.fields);
    buf_free(&above.text);
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
