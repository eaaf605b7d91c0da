/*
 * allegation_file.c - allegation categories from CSV (see
 * allegation_file.h).
 */
#include "ingest/allegation_file.h"
#include "ingest/csv.h"
#include "util/mem.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define PROBLEMS_MAX 20

struct check {
    const char *path;
    struct buf *err;
    int problems;
};

static void problem(struct check *c, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void problem(struct check *c, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(c->err, &c->problems, PROBLEMS_MAX, c->path, line, field, fmt, ap);
    va_end(ap);
}

static bool code_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 16 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static void check_row(struct check *c, const struct csv_record *rec, struct allegation_list *l)
{
    char *code = csv_field_text(rec, 0), *label = csv_field_text(rec, 1);
    bool ok = true;
    if (rec->nfields != 2) {
        problem(c, rec->line, NULL, "a row has 2 fields (code,label), not %zu", rec->nfields);
        ok = false;
    } else if (!code_ok(code)) {
        problem(c, rec->line, "code", "\"%s\" is not 1 to 16 of A-Z, 0-9 and '-'", code);
        ok = false;
    } else if (!*label || strlen(label) > 200) {
        problem(c, rec->line, "label", "a label is 1 to 200 bytes");
        ok = false;
    }
    for (size_t i = 0; ok && i < l->n; i++)
        if (strcmp(l->rows[i].code, code) == 0) {
            problem(c, rec->line, "code", "\"%s\" is given twice", code);
            ok = false;
        }
    if (ok && l->n == ALLEGATION_ROWS_MAX) {
        problem(c, rec->line, NULL, "more than %d rows", ALLEGATION_ROWS_MAX);
        ok = false;
    }
    if (!ok) {
        free(code);
        free(label);
        return;
    }
    l->rows = xrealloc(l->rows, (l->n + 1) * sizeof *l->rows);
    l->rows[l->n++] = (struct allegation_row){code, label};
}

static void check_header(struct check *c, const struct csv_record *rec)
{
    char *a = csv_field_text(rec, 0), *b = csv_field_text(rec, 1);
    if (rec->nfields != 2 || strcmp(a, "code") != 0 || strcmp(b, "label") != 0)
        problem(c, rec->line, NULL, "the first line must be the header code,label");
    free(a);
    free(b);
}

struct reading {
    struct check *c;
    struct allegation_list *out;
};

static void record(void *arg, const struct csv_record *rec, bool first)
{
    struct reading *r = arg;
    if (first)
        check_header(r->c, rec);
    else
        check_row(r->c, rec, r->out);
}

int allegation_file_read(const char *path, struct allegation_list *out, struct buf *err)
{
    *out = (struct allegation_list){0};
    struct check c = {path, err, 0};
    struct reading r = {&c, out};
    if (!csv_check_file(path, ALLEGATION_FILE_MAX, err, &c.problems, PROBLEMS_MAX, record, &r))
        return -1;
    if (!c.problems && out->n == 0)
        problem(&c, 0, NULL, "the file has no categories");
    if (c.problems) {
        allegation_list_free(out);
        return -1;
    }
    return 0;
}

void allegation_list_free(struct allegation_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->rows[i].code);
        free(l->rows[i].label);
    }
    free(l->rows);
    *l = (struct allegation_list){0};
}
