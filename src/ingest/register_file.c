/*
 * register_file.c - reading and checking a file of the registers of
 * interests, gifts and hospitality, or salaries (see register_file.h),
 * then handing it to the store (store/registers.h).
 *
 * The three share one set of columns, the fields of model/register.h:
 * each register reads the ones it needs and requires some of those; a
 * column it does not read is left alone, as the other registers'
 * importers leave theirs. A row is checked by reg_entry_check, the rule
 * the staff side's form keeps too; this file adds what only a file has:
 * headers, lines, and a reference given twice.
 */
#include "ingest/register_file.h"
#include "ingest/csv.h"
#include "ingest/table_file.h"
#include "model/register.h"
#include "util/mem.h"
#include "util/sha256.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_REPORTED_ERRORS 50

/* The columns are the fields of model/register.h, in its order. */
#define NCOLUMNS REG_FIELDS
#define WIDTH    10

/* Each column's name in errors, then the headers offices give it (as
 * table_header_key writes them). */
static const char *const aliases[NCOLUMNS][WIDTH] = {
    [REG_F_REF] = {"ref", "reference", "reference no", "ref no", "entry", "id", NULL},
    [REG_F_NAME] = {"name", "holder", "member", "staff member", "declared by", "recipient",
                    "employee", "office holder", NULL},
    [REG_F_POST] = {"post", "role", "office", "job title", "position", NULL},
    [REG_F_DATE] = {"date", "date declared", "declared on", "date received", "date offered",
                    "offered on", "as at", "effective from", NULL},
    [REG_F_CATEGORY] = {"category", "type", "interest type", "kind", NULL},
    [REG_F_DETAILS] = {"details", "interest", "description", "responsibilities", "nature",
                       "gift or hospitality", NULL},
    [REG_F_DONOR] = {"donor", "offered by", "provider", "given by", "from whom", NULL},
    [REG_F_VALUE] = {"value", "estimated value", "value gbp", "amount", NULL},
    [REG_F_OUTCOME] = {"outcome", "accepted or declined", "accepted declined", "decision", "status",
                       NULL},
    [REG_F_SALARY] = {"salary", "annual salary", "salary per annum", "pay", NULL},
    [REG_F_ALLOWANCES] = {"allowances", "allowance", "allowances per annum", NULL},
};

struct checker {
    const char *path;
    enum reg_kind kind;
    struct buf *err;
    int nerrors, col[NCOLUMNS];
    struct reg_file *f;
    size_t cap;
};

static void complain(struct checker *c, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void complain(struct checker *c, long line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(c->err, &c->nerrors, MAX_REPORTED_ERRORS, c->path, line,
                col >= 0 ? aliases[col][0] : NULL, fmt, ap);
    va_end(ap);
}

static int read_header(struct checker *c, const struct csv_record *rec)
{
    for (int k = 0; k < NCOLUMNS; k++)
        c->col[k] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        char *name = csv_field_text(rec, (int)i), key[128];
        table_header_key(name, key, sizeof key);
        int k = table_column_of(key, &aliases[0][0], NCOLUMNS, WIDTH);
        if (k >= 0 && reg_field_used(c->kind, (enum reg_field)k) && c->col[k] >= 0)
            complain(c, rec->line, k, "two columns are the %s ('%s' and another)", aliases[k][0],
                     name);
        else if (k >= 0 && reg_field_used(c->kind, (enum reg_field)k))
            c->col[k] = (int)i;
        free(name);
    }
    for (int k = 0; k < NCOLUMNS; k++)
        if (reg_field_required(c->kind, (enum reg_field)k) && c->col[k] < 0)
            complain(c, rec->line, -1, "no %s column (docs/registers.md lists the names known)",
                     aliases[k][0]);
    return c->nerrors ? -1 : 0;
}

/* A problem of the row being checked, for reg_entry_check. */
struct row_problems {
    struct checker *c;
    long line;
};

static void row_problem(void *arg, enum reg_field f, const char *message)
{
    struct row_problems *rp = arg;
    complain(rp->c, rp->line, (int)f, "%s", message);
}

static void check_row(struct checker *c, long line, char **f, size_t at)
{
    struct reg_file *rf = c->f;
    struct reg_entry *e = &rf->entries[at];
    *e = (struct reg_entry){.ref = f[REG_F_REF], .line = line};
    struct reg_checked out;
    struct row_problems rp = {c, line};
    reg_entry_check(c->kind, (const char *const *)f, e, &out, row_problem, &rp);
    memcpy(rf->dates[at], out.date, sizeof rf->dates[at]);
    memcpy(rf->cats[at], out.category, sizeof rf->cats[at]);
    e->date = rf->dates[at];
    e->category = rf->cats[at];
    for (size_t i = 0; i < at; i++)
        if (strcmp(rf->entries[i].ref, f[REG_F_REF]) == 0)
            complain(c, line, REG_F_REF, "'%s' is also on line %ld", f[REG_F_REF],
                     rf->entries[i].line);
}

static void add_row(struct checker *c, const struct csv_record *rec)
{
    struct reg_file *f = c->f;
    if (f->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 32;
        f->entries = xrealloc(f->entries, c->cap * sizeof *f->entries);
        f->dates = xrealloc(f->dates, c->cap * sizeof *f->dates);
        f->cats = xrealloc(f->cats, c->cap * sizeof *f->cats);
        f->text = xrealloc(f->text, c->cap * NCOLUMNS * sizeof *f->text);
    }
    char **text = &f->text[f->n * NCOLUMNS];
    for (int k = 0; k < NCOLUMNS; k++)
        text[k] = csv_field_text(rec, c->col[k]);
    f->nfields += NCOLUMNS;
    check_row(c, rec->line, text, f->n);
    f->n++;
}

static void read_rows(struct checker *c, const struct buf *bytes, const char *sheet)
{
    struct table_reader *reader = table_open(c->path, bytes, sheet, c->err);
    if (!reader) {
        c->nerrors++;
        return;
    }
    struct csv_record rec;
    bool header = true;
    int got = 0;
    while (c->nerrors <= MAX_REPORTED_ERRORS && (got = table_next(reader, &rec)) == 1) {
        if (rec.error)
            complain(c, rec.line, -1, "%s", rec.error);
        else if (csv_record_blank(&rec))
            continue;
        else if (header) {
            header = false;
            if (read_header(c, &rec) < 0)
                break;
        } else if (c->f->n == REG_MAX_ROWS) {
            complain(c, rec.line, -1, "more than %d entries: split the file", REG_MAX_ROWS);
            break;
        } else {
            add_row(c, &rec);
        }
    }
    if (got < 0 && c->nerrors == 0)
        complain(c, 1, -1, "the file cannot be read to its end");
    table_close(reader);
    if (header && c->nerrors == 0)
        complain(c, 1, -1, "empty file: no header");
    else if (c->f->n == 0 && c->nerrors == 0)
        complain(c, 1, -1, "no entries after the header");
}

void reg_file_free(struct reg_file *f)
{
    for (size_t i = 0; f->text && i < f->nfields; i++)
        free(f->text[i]);
    free(f->text);
    free(f->entries);
    free(f->dates);
    free(f->cats);
    *f = (struct reg_file){0};
}

bool reg_file_read(const char *path, const struct buf *bytes, const char *sheet, enum reg_kind k,
                   struct reg_file *f, struct buf *err)
{
    *f = (struct reg_file){0};
    struct checker c = {.path = path, .kind = k, .err = err, .f = f};
    read_rows(&c, bytes, sheet);
    if (c.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, c.nerrors - MAX_REPORTED_ERRORS);
    if (c.nerrors)
        reg_file_free(f);
    return c.nerrors == 0;
}

int reg_file_import(struct store *s, enum reg_kind k, const char *path,
                    const struct reg_file_options *o, const struct audit_origin *by,
                    struct reg_file *f, int **versions, struct buf *err)
{
    *f = (struct reg_file){0};
    *versions = NULL;
    struct buf bytes = BUF_INIT, why = BUF_INIT;
    if (!table_file_read(path, REG_FILE_MAX_BYTES, &bytes, err) ||
        !reg_file_read(path, &bytes, o->sheet, k, f, err)) {
        buf_free(&bytes);
        return 2;
    }
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes.p, bytes.len, sha);
    const char *slash = strrchr(path, '/');
    struct reg_source src = {slash ? slash + 1 : path, sha};
    *versions = xcalloc(f->n ? f->n : 1, sizeof **versions);
    int rc =
        store_reg_record(s, k, f->entries, f->n, o->reason, &src, by, o->dry_run, *versions, &why);
    for (const char *l = why.p; rc == REG_NEEDS_REASON && l && *l;) { /* each naming the file */
        const char *end = strchr(l, '\n');
        int len = end ? (int)(end - l) : (int)strlen(l);
        buf_printf(err, "%s: %.*s\n", path, len, l);
        l = end ? end + 1 : l + len;
    }
    if (rc < 0)
        buf_printf(err, "%s: %s\n", path, buf_str(&why));
    buf_free(&why);
    buf_free(&bytes);
    return rc == 0 ? 0 : rc > 0 ? 2 : 1;
}
