/*
 * budget_file.c - reading and checking a budget file or a strategy file
 * (see budget_file.h), then handing it to the store (store/budget.h).
 *
 * Both take one path: the header's names matched against each column's
 * known names (case and punctuation ignored), then every row checked,
 * every problem reported with file, line and field, and only a file with
 * none returned.
 */
#include "ingest/budget_file.h"
#include "ingest/csv.h"
#include "ingest/table_file.h"
#include "model/money.h"
#include "util/mem.h"
#include "util/month.h"
#include "util/sha256.h"
#include "util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_REPORTED_ERRORS 50
#define NCOLS               3

/* A file's three columns: each one's name in errors, then the headers
 * offices give it, as table_header_key writes them. */
struct layout {
    const char *aliases[NCOLS][6];
    const char *what; /* "budget lines", "years of a strategy" */
};

static const struct layout budget_layout = {
    {{"year", "financial year", "fy", NULL},
     {"heading", "line", "category", "description", "budget heading", NULL},
     {"amount", "budget", "value", NULL}},
    "budget lines",
};
enum { B_YEAR, B_HEADING, B_AMOUNT };

static const struct layout mtfs_layout = {
    {{"year", "financial year", "fy", NULL},
     {"requirement", "budget requirement", "net budget requirement", "expenditure", NULL},
     {"funding", "total funding", "resources", NULL}},
    "years of a strategy",
};
enum { M_YEAR, M_REQUIREMENT, M_FUNDING };

struct row {
    char *f[NCOLS];
    long line;
};

struct reader {
    const char *path;
    const struct layout *layout;
    struct buf *err;
    int nerrors;
    int col[NCOLS];
    struct row *rows;
    size_t n, cap;
};

static void complain(struct reader *r, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void complain(struct reader *r, long line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(r->err, &r->nerrors, MAX_REPORTED_ERRORS, r->path, line,
                col >= 0 ? r->layout->aliases[col][0] : NULL, fmt, ap);
    va_end(ap);
}

static void read_header(struct reader *r, const struct csv_record *rec)
{
    for (int k = 0; k < NCOLS; k++)
        r->col[k] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        char *name = csv_field_text(rec, (int)i), key[64];
        table_header_key(name, key, sizeof key);
        for (int k = 0; k < NCOLS; k++)
            for (int a = 0; r->layout->aliases[k][a]; a++)
                if (strcmp(key, r->layout->aliases[k][a]) == 0) {
                    if (r->col[k] >= 0)
                        complain(r, rec->line, k, "two columns are the %s ('%s' and another)",
                                 r->layout->aliases[k][0], name);
                    r->col[k] = (int)i;
                }
        free(name);
    }
    for (int k = 0; k < NCOLS; k++)
        if (r->col[k] < 0)
            complain(r, rec->line, -1, "no %s column (docs/budget.md lists the names known)",
                     r->layout->aliases[k][0]);
}

static void add_row(struct reader *r, const struct csv_record *rec)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->rows = xrealloc(r->rows, r->cap * sizeof *r->rows);
    }
    struct row *w = &r->rows[r->n++];
    w->line = rec->line;
    for (int k = 0; k < NCOLS; k++) {
        w->f[k] = csv_field_text(rec, r->col[k]);
        long l, c;
        size_t len = strlen(w->f[k]);
        if (!utf8_valid(w->f[k], len, &l, &c))
            complain(r, rec->line, k, "not UTF-8 text (at character %ld)", c);
        else if (len > BUDGET_FIELD_MAX_BYTES)
            complain(r, rec->line, k, "%zu bytes, over the limit of %d", len,
                     BUDGET_FIELD_MAX_BYTES);
    }
}

/* Every row of the file into r (the header's columns found first). */
static void read_rows(struct reader *r, const struct buf *bytes, const char *sheet)
{
    struct table_reader *t = table_open(r->path, bytes, sheet, r->err);
    if (!t) {
        r->nerrors++;
        return;
    }
    struct csv_record rec;
    bool header = false;
    int got = 0;
    while (r->nerrors <= MAX_REPORTED_ERRORS && (got = table_next(t, &rec)) == 1) {
        if (rec.error)
            complain(r, rec.line, -1, "%s", rec.error);
        else if (csv_record_blank(&rec))
            continue;
        else if (!header)
            header = true, read_header(r, &rec);
        else if (r->n >= BUDGET_FILE_MAX_ROWS)
            complain(r, rec.line, -1, "more than %d rows: split the file", BUDGET_FILE_MAX_ROWS);
        else if (r->nerrors == 0)
            add_row(r, &rec);
    }
    if (got < 0 && r->nerrors == 0)
        complain(r, 1, -1, "the file cannot be read to its end");
    table_close(t);
    if (!header && r->nerrors == 0)
        complain(r, 1, -1, "empty file: no header");
    else if (r->n == 0 && r->nerrors == 0)
        complain(r, 1, -1, "no %s after the header", r->layout->what);
}

static void reader_free(struct reader *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (int k = 0; k < NCOLS; k++)
            free(r->rows[i].f[k]);
    free(r->rows);
}

static bool year_of(struct reader *r, const struct row *w, int *fy)
{
    if (fy_parse(w->f[0], fy) && *fy >= 2000 && *fy <= 2100)
        return true;
    complain(r, w->line, 0, "'%s' is not a financial year (2022-23)", w->f[0]);
    return false;
}

static bool amount_of(struct reader *r, const struct row *w, int k, int64_t *pence)
{
    if (money_parse(w->f[k], pence))
        return true;
    complain(r, w->line, k, "'%s' is not an amount in pounds (e.g. 1,234.56)", w->f[k]);
    return false;
}

/* ---- budget files --------------------------------------------------------- */

/* The index of year fy in f, added when new. */
static size_t year_slot(struct budget_file *f, int fy)
{
    for (size_t i = 0; i < f->nyears; i++)
        if (f->years[i].fy == fy)
            return i;
    f->years = xrealloc(f->years, (f->nyears + 1) * sizeof *f->years);
    f->years[f->nyears] = (struct budget_year){.fy = fy};
    return f->nyears++;
}

struct stated {
    int64_t total;
    long line; /* 0: none stated */
};

/* Checks each row and counts each year's lines; totals stated into st. */
static void check_budget_rows(struct reader *r, struct budget_file *f, struct stated *st,
                              int *fy_of_row)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct row *w = &r->rows[i];
        int64_t pence;
        fy_of_row[i] = -1;
        bool year = year_of(r, w, &fy_of_row[i]); /* both checked: every problem said */
        bool amount = amount_of(r, w, B_AMOUNT, &pence);
        if (!year || !amount)
            continue;
        size_t y = year_slot(f, fy_of_row[i]);
        if (strcasecmp(w->f[B_HEADING], "total") == 0) {
            if (st[y].line)
                complain(r, w->line, B_HEADING, "a second total for the year (line %ld)",
                         st[y].line);
            st[y] = (struct stated){pence, w->line};
            fy_of_row[i] = -1; /* not a line */
        } else if (!*w->f[B_HEADING]) {
            complain(r, w->line, B_HEADING, "empty: what is the amount for?");
        } else if (++f->years[y].n > BUDGET_MAX_LINES) {
            complain(r, w->line, -1, "more than %d headings in a year", BUDGET_MAX_LINES);
        }
    }
}

/* The checked rows as each year's lines, headings unique in a year. */
static void gather_lines(struct reader *r, struct budget_file *f, const int *fy_of_row)
{
    f->lines = xcalloc(r->n ? r->n : 1, sizeof *f->lines);
    f->text = xcalloc(r->n ? r->n : 1, sizeof *f->text);
    size_t at = 0;
    for (size_t y = 0; y < f->nyears; y++) {
        f->years[y].lines = &f->lines[at];
        size_t n = 0;
        for (size_t i = 0; i < r->n; i++) {
            if (fy_of_row[i] != f->years[y].fy)
                continue;
            const struct row *w = &r->rows[i];
            for (size_t j = 0; j < n; j++)
                if (strcmp(f->lines[at + j].heading, w->f[B_HEADING]) == 0)
                    complain(r, w->line, B_HEADING, "'%s' is also on line %ld, for the same year",
                             w->f[B_HEADING], f->lines[at + j].line);
            f->text[at + n] = xstrdup(w->f[B_HEADING]);
            f->lines[at + n] = (struct budget_line){f->text[at + n], 0, w->line};
            money_parse(w->f[B_AMOUNT], &f->lines[at + n].amount_pence);
            n++;
        }
        f->years[y].n = n;
        at += n;
    }
    f->rows = at;
}

static void check_totals(struct reader *r, const struct budget_file *f, const struct stated *st)
{
    for (size_t y = 0; y < f->nyears; y++) {
        int64_t sum = 0;
        for (size_t i = 0; i < f->years[y].n; i++)
            sum += f->years[y].lines[i].amount_pence;
        char fy[FY_TEXT_SIZE], want[MONEY_TEXT_SIZE], got[MONEY_TEXT_SIZE];
        fy_format(f->years[y].fy, fy);
        if (f->years[y].n == 0)
            complain(r, st[y].line, -1, "%s has a total and no headings", fy);
        else if (st[y].line && sum != st[y].total) {
            money_format(st[y].total, true, want);
            money_format(sum, true, got);
            complain(r, st[y].line, B_AMOUNT, "%s's total is %s, but its headings add up to %s", fy,
                     want, got);
        }
    }
}

void budget_file_free(struct budget_file *f)
{
    for (size_t i = 0; f->text && i < f->rows; i++)
        free(f->text[i]);
    free(f->text);
    free(f->lines);
    free(f->years);
    *f = (struct budget_file){0};
}

bool budget_file_read(const char *path, const struct buf *bytes, const char *sheet,
                      struct budget_file *f, struct buf *err)
{
    *f = (struct budget_file){0};
    struct reader r = {.path = path, .layout = &budget_layout, .err = err};
    read_rows(&r, bytes, sheet);
    if (r.nerrors == 0) {
        int *fy_of_row = xcalloc(r.n, sizeof *fy_of_row);
        struct stated *st = xcalloc(r.n, sizeof *st); /* at most a year a row */
        check_budget_rows(&r, f, st, fy_of_row);
        if (r.nerrors == 0)
            gather_lines(&r, f, fy_of_row);
        if (r.nerrors == 0)
            check_totals(&r, f, st);
        free(st);
        free(fy_of_row);
    }
    if (r.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, r.nerrors - MAX_REPORTED_ERRORS);
    reader_free(&r);
    if (r.nerrors)
        budget_file_free(f);
    return r.nerrors == 0;
}

/* ---- strategy files ------------------------------------------------------- */

static int by_year(const void *a, const void *b)
{
    const struct mtfs_year *x = a, *y = b;
    return (x->fy > y->fy) - (x->fy < y->fy);
}

static void check_mtfs_rows(struct reader *r, struct mtfs_file *f)
{
    f->years = xcalloc(r->n, sizeof *f->years);
    for (size_t i = 0; i < r->n; i++) {
        const struct row *w = &r->rows[i];
        struct mtfs_year y = {.line = w->line};
        bool year = year_of(r, w, &y.fy); /* each checked: every problem said */
        bool requirement = amount_of(r, w, M_REQUIREMENT, &y.requirement_pence);
        bool funding = amount_of(r, w, M_FUNDING, &y.funding_pence);
        if (year && requirement && funding)
            f->years[f->n++] = y;
    }
    if (r->nerrors)
        return;
    qsort(f->years, f->n, sizeof *f->years, by_year);
    for (size_t i = 1; i < f->n; i++) {
        char fy[FY_TEXT_SIZE];
        fy_format(f->years[i].fy, fy);
        if (f->years[i].fy == f->years[i - 1].fy)
            complain(r, f->years[i].line, M_YEAR, "%s is also on line %ld", fy,
                     f->years[i - 1].line);
        else if (f->years[i].fy != f->years[i - 1].fy + 1)
            complain(r, f->years[i].line, M_YEAR, "%s does not follow the year before it", fy);
    }
    if (f->n > MTFS_MAX_YEARS)
        complain(r, f->years[MTFS_MAX_YEARS].line, M_YEAR, "a strategy covers at most %d years",
                 MTFS_MAX_YEARS);
}

void mtfs_file_free(struct mtfs_file *f)
{
    free(f->years);
    *f = (struct mtfs_file){0};
}

bool mtfs_file_read(const char *path, const struct buf *bytes, const char *sheet,
                    struct mtfs_file *f, struct buf *err)
{
    *f = (struct mtfs_file){0};
    struct reader r = {.path = path, .layout = &mtfs_layout, .err = err};
    read_rows(&r, bytes, sheet);
    if (r.nerrors == 0)
        check_mtfs_rows(&r, f);
    if (r.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, r.nerrors - MAX_REPORTED_ERRORS);
    reader_free(&r);
    if (r.nerrors)
        mtfs_file_free(f);
    return r.nerrors == 0;
}

/* ---- importing ------------------------------------------------------------ */

/* The file's bytes and its source (name without folders, SHA-256). */
static bool source_of(const char *path, struct buf *bytes, char sha[SHA256_HEX_SIZE],
                      struct budget_source *src, struct buf *err)
{
    if (!table_file_read(path, BUDGET_FILE_MAX_BYTES, bytes, err))
        return false;
    sha256_of(bytes->p, bytes->len, sha);
    const char *slash = strrchr(path, '/');
    *src = (struct budget_source){slash ? slash + 1 : path, sha};
    return true;
}

static int store_answer(int rc, const char *path, const struct buf *why, struct buf *err)
{
    if (rc == BUDGET_NEEDS_REASON) /* each on its own line, naming the file */
        for (const char *l = why->p; l && *l;) {
            const char *end = strchr(l, '\n');
            int len = end ? (int)(end - l) : (int)strlen(l);
            buf_printf(err, "%s: %.*s\n", path, len, l);
            l = end ? end + 1 : l + len;
        }
    else if (rc != 0)
        buf_printf(err, "%s: %s\n", path, buf_str(why));
    return rc == 0 ? 0 : rc > 0 ? 2 : 1;
}

int budget_file_import(struct store *s, const char *path, const struct budget_file_options *o,
                       const struct audit_origin *by, struct budget_file *f, int **versions,
                       struct buf *err)
{
    *f = (struct budget_file){0};
    *versions = NULL;
    struct buf bytes = BUF_INIT, why = BUF_INIT;
    char sha[SHA256_HEX_SIZE];
    struct budget_source src;
    int rc = 2;
    if (source_of(path, &bytes, sha, &src, err) &&
        budget_file_read(path, &bytes, o->sheet, f, err)) {
        *versions = xcalloc(f->nyears, sizeof **versions);
        rc = store_answer(store_budget_publish(s, f->years, f->nyears, o->reason, &src, by,
                                               o->dry_run, *versions, &why),
                          path, &why, err);
    }
    buf_free(&why);
    buf_free(&bytes);
    return rc;
}

int mtfs_file_import(struct store *s, const char *path, const struct budget_file_options *o,
                     const char *title, const char *url, int published_on,
                     const struct audit_origin *by, int *version, struct buf *err)
{
    *version = 0;
    struct buf bytes = BUF_INIT, why = BUF_INIT;
    char sha[SHA256_HEX_SIZE];
    struct budget_source src;
    struct mtfs_file f = {0};
    int rc = 2;
    if (source_of(path, &bytes, sha, &src, err) &&
        mtfs_file_read(path, &bytes, o->sheet, &f, err)) {
        struct mtfs_new m = {title, url, published_on, f.years, f.n};
        rc = store_answer(store_mtfs_publish(s, &m, o->reason, &src, by, version, &why), path, &why,
                          err);
    }
    mtfs_file_free(&f);
    buf_free(&why);
    buf_free(&bytes);
    return rc;
}
