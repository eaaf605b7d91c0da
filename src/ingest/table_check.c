/*
 * table_check.c - the checking loop of a register's file (see
 * table_check.h).
 */
#include "ingest/table_check.h"
#include "ingest/table_file.h"
#include "model/money.h"
#include "util/mem.h"
#include "util/utf8.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void table_check_complain(struct table_check *c, long line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(c->err, &c->nerrors, TABLE_CHECK_MAX_ERRORS, c->path, line,
                col >= 0 ? c->aliases[col * c->width] : NULL, fmt, ap);
    va_end(ap);
}

void table_check_text(struct table_check *c, long line, int col, const char *text, size_t max)
{
    long l, at;
    size_t n = strlen(text);
    if (!utf8_valid(text, n, &l, &at))
        table_check_complain(c, line, col, "not UTF-8 text (at character %ld)", at);
    else if (n > max)
        table_check_complain(c, line, col, "%zu bytes, over the limit of %zu", n, max);
}

static int read_header(struct table_check *c, const struct csv_record *rec)
{
    for (int k = 0; k < c->ncols; k++)
        c->col[k] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        char *name = csv_field_text(rec, (int)i), key[128];
        table_header_key(name, key, sizeof key);
        int k = table_column_of(key, c->aliases, c->ncols, c->width);
        if (k < 0 && *name)
            buf_printf(&c->ignored, "%s%s", c->ignored.len ? ", " : "", name);
        else if (k >= 0 && c->col[k] >= 0)
            table_check_complain(c, rec->line, k, "two columns are the %s ('%s' and another)",
                                 c->aliases[k * c->width], name);
        else if (k >= 0)
            c->col[k] = (int)i;
        free(name);
    }
    for (int k = 0; k < c->nrequired; k++)
        if (c->col[k] < 0)
            table_check_complain(c, rec->line, -1, "no %s column (%s lists the names known)",
                                 c->aliases[k * c->width], c->doc);
    return c->nerrors ? -1 : 0;
}

/* A row stating the total: its first cell begins "Total". */
static bool total_row(struct table_check *c, const struct csv_record *rec)
{
    if (c->total_col < 0)
        return false;
    char *first = csv_field_text(rec, 0);
    bool is = strncasecmp(first, "total", 5) == 0;
    free(first);
    if (!is)
        return false;
    char *amount = csv_field_text(rec, c->col[c->total_col]);
    if (c->total_line)
        table_check_complain(c, rec->line, -1, "a second total row (the first is line %ld)",
                             c->total_line);
    else if (!money_parse(amount, &c->total_pence))
        table_check_complain(c, rec->line, c->total_col,
                             "the total '%s' is not an amount in pounds", amount);
    else {
        c->total_line = rec->line;
        snprintf(c->total_text, sizeof c->total_text, "%s", amount);
    }
    free(amount);
    return true;
}

static void one_row(struct table_check *c, const struct csv_record *rec)
{
    char **f = xcalloc((size_t)c->ncols, sizeof *f);
    for (int k = 0; k < c->ncols; k++)
        f[k] = csv_field_text(rec, c->col[k]);
    c->rows++;
    c->row(c, rec->line, f, c->arg);
    free(f);
}

void table_check_rows(struct table_check *c, const struct buf *bytes, const char *sheet)
{
    assert(c->ncols <= TABLE_CHECK_MAX_COLS && c->row);
    struct table_reader *reader = table_open(c->path, bytes, sheet, c->err);
    if (!reader) {
        c->nerrors++;
        return;
    }
    struct csv_record rec;
    bool header = true;
    while (c->nerrors <= TABLE_CHECK_MAX_ERRORS && table_next(reader, &rec) == 1) {
        if (rec.error)
            table_check_complain(c, rec.line, -1, "%s", rec.error);
        else if (header && !csv_record_blank(&rec)) {
            header = false;
            if (read_header(c, &rec) < 0)
                break;
        } else if (csv_record_blank(&rec) || total_row(c, &rec))
            continue;
        else if (c->total_line)
            table_check_complain(c, rec.line, -1, "a row after the total row (line %ld)",
                                 c->total_line);
        else if (c->rows == c->max_rows) {
            table_check_complain(c, rec.line, -1, "more than %zu rows: split the file",
                                 c->max_rows);
            break;
        } else
            one_row(c, &rec);
    }
    if (header && c->nerrors == 0)
        table_check_complain(c, 1, -1, "empty file: no header");
    else if (c->rows == 0 && c->nerrors == 0)
        table_check_complain(c, 1, -1, "no rows after the header");
    if (c->nerrors > TABLE_CHECK_MAX_ERRORS)
        buf_printf(c->err, "%s: ... and %d more problems\n", c->path,
                   c->nerrors - TABLE_CHECK_MAX_ERRORS);
    table_close(reader);
}

void table_check_free(struct table_check *c)
{
    buf_free(&c->ignored);
}
