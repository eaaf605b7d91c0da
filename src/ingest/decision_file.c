/*
 * decision_file.c - reading and checking a decision register, CSV or
 * XLSX (see decision_file.h), then handing every row to store_decision_import in
 * one transaction.
 *
 * The file is read whole (it is capped), every row checked, and every
 * problem reported with file, line and field, so that an office fixes its
 * sheet once rather than a problem per attempt.
 */
#include "ingest/decision_file.h"
#include "ingest/csv.h"
#include "ingest/table_file.h"
#include "model/calendar.h"
#include "store/decisions.h"
#include "util/mem.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_REPORTED_ERRORS 50

enum column {
    C_REF,
    C_DATE,
    C_TITLE,
    C_DECISION,
    C_VALUE,
    C_LINK,
    C_SUMMARY,
    C_SUBJECT,
    C_TYPE,
    C_STATUS,
    C_GROUND,
    C_MAKER,
    C_REASONS,
    C_PLANNED,
    NCOLUMNS
};

/* As written in the header, lower case, '_' for a space. */
static const char *const column_names[NCOLUMNS] = {
    "reference", "date", "title",  "decision",      "value",          "link",    "summary",
    "subject",   "type", "status", "exempt_ground", "decision_maker", "reasons", "planned_for"};

struct checker {
    const char *path;
    int col[NCOLUMNS];
    struct buf *err;
    int nerrors;
};

static void complain(struct checker *c, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void complain(struct checker *c, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(c->err, &c->nerrors, MAX_REPORTED_ERRORS, c->path, line, field, fmt, ap);
    va_end(ap);
}

static int read_header(struct checker *c, const struct csv_record *rec)
{
    for (int k = 0; k < NCOLUMNS; k++)
        c->col[k] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        char *name = csv_field_text(rec, (int)i);
        for (char *p = name; *p; p++)
            *p = *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
        int k = 0;
        while (k < NCOLUMNS && strcmp(name, column_names[k]) != 0)
            k++;
        if (k == NCOLUMNS)
            complain(c, rec->line, NULL,
                     "unknown column '%s' (columns: reference, date, title, decision, value, link,"
                     " summary, subject, type, status, exempt ground, decision maker, reasons,"
                     " planned for)",
                     name);
        else if (c->col[k] >= 0)
            complain(c, rec->line, NULL, "column '%s' appears twice", name);
        else
            c->col[k] = (int)i;
        free(name);
    }
    for (int k = C_REF; k <= C_DECISION; k++)
        if (c->col[k] < 0)
            complain(c, rec->line, NULL, "no '%s' column", column_names[k]);
    return c->nerrors ? -1 : 0;
}

/* One row as read: its fields (owned) and what they give. */
struct row {
    long line;
    char *f[NCOLUMNS];
    char date[11];
    struct decision_record r;
};

static void check_text(struct checker *c, struct row *w)
{
    for (int k = 0; k < NCOLUMNS; k++) {
        long l, col;
        size_t n = strlen(w->f[k]);
        if (!utf8_valid(w->f[k], n, &l, &col))
            complain(c, w->line, column_names[k], "not UTF-8 text (at character %ld)", col);
        else if (n > DECISION_FIELD_MAX_BYTES)
            complain(c, w->line, column_names[k], "%zu bytes, over the limit of %d", n,
                     DECISION_FIELD_MAX_BYTES);
    }
}

static void check_status(struct checker *c, struct row *w)
{
    const char *st = w->f[C_STATUS], *ground = w->f[C_GROUND];
    w->r.state = *ground ? DECISION_WITHHELD : DECISION_PUBLISHED;
    if (*st && (!decision_state_parse(st, &w->r.state) ||
                (w->r.state != DECISION_PUBLISHED && w->r.state != DECISION_WITHHELD &&
                 w->r.state != DECISION_FORWARD_PLANNED)))
        complain(c, w->line, "status", "'%s': published, withheld or forward-planned", st);
    if (w->r.state == DECISION_WITHHELD && !foia_ground_find(ground))
        complain(c, w->line, "exempt_ground",
                 *ground ? "'%s' is not a FOIA section peel knows (e.g. s.40, s.43)"
                         : "%sa withheld decision needs the FOIA section it is exempt under",
                 ground);
    else if (*ground && w->r.state != DECISION_WITHHELD)
        complain(c, w->line, "exempt_ground",
                 "'%s' given, but the status is not withheld (a part exempt is added with "
                 "peel decision exempt)",
                 ground);
    w->r.ground = ground;
}

/* Checks one row's fields and fills w->r. */
static void check_row(struct checker *c, struct row *w)
{
    check_text(c, w);
    struct decision_record *r = &w->r;
    r->d.ref = w->f[C_REF];
    if (!decision_ref_ok(w->f[C_REF]))
        complain(c, w->line, "reference",
                 "'%s' is not a reference (1 to %d letters, digits, '/' or '-', e.g. "
                 "PCC/2026/014)",
                 w->f[C_REF], DECISION_REF_MAX);
    if (!table_date(w->f[C_DATE], 1990, w->date))
        complain(c, w->line, "date", "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)", w->f[C_DATE]);
    if (!*w->f[C_TITLE])
        complain(c, w->line, "title", "empty");
    check_status(c, w);
    bool planned = r->state == DECISION_FORWARD_PLANNED;
    if (!planned && !*w->f[C_DECISION])
        complain(c, w->line, "decision", "empty: what was decided?");
    long long pence = -1;
    if (*w->f[C_VALUE] && !decision_parse_pounds(w->f[C_VALUE], &pence))
        complain(c, w->line, "value",
                 "'%s' is not an amount in pounds (e.g. 328,075 or "
                 "\xc2\xa3"
                 "39,305.40)",
                 w->f[C_VALUE]);
    const char *link = w->f[C_LINK];
    if (*link && strncmp(link, "https://", 8) != 0 && strncmp(link, "http://", 7) != 0)
        complain(c, w->line, "link", "'%s' is not an http(s) URL", link);
    r->d.type = DECISION_GENERAL;
    if (*w->f[C_TYPE] && !decision_type_parse(w->f[C_TYPE], &r->d.type))
        complain(c, w->line, "type", "'%s' is not a decision type (peel help decision)",
                 w->f[C_TYPE]);
    char planned_for[11] = "";
    if (*w->f[C_PLANNED] && !table_date(w->f[C_PLANNED], 1990, planned_for))
        complain(c, w->line, "planned_for", "'%s' is not a date", w->f[C_PLANNED]);
    if (planned_for[0])
        memcpy(w->f[C_PLANNED], planned_for, 11); /* normalised, never longer */
    r->d.subject = *w->f[C_SUBJECT] ? w->f[C_SUBJECT] : w->f[C_TITLE];
    r->d.planned_for = planned ? w->date : planned_for[0] ? w->f[C_PLANNED] : NULL;
    r->decided_on = planned ? NULL : w->date;
    r->decided_by = w->f[C_MAKER];
    r->link = *link ? link : NULL;
    r->text = (struct decision_text){.title = w->f[C_TITLE],
                                     .summary = w->f[C_SUMMARY],
                                     .decision = w->f[C_DECISION],
                                     .reasons = w->f[C_REASONS],
                                     .amount_pence = pence};
}

struct rows {
    struct row *v;
    size_t n, cap;
};

static void rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (int k = 0; k < NCOLUMNS; k++)
            free(r->v[i].f[k]);
    free(r->v);
}

static void read_rows(struct checker *c, const struct buf *text, struct rows *r)
{
    struct table_reader *reader = table_open(c->path, text, NULL, c->err);
    if (!reader) { /* a workbook that cannot be read: err says why */
        c->nerrors++;
        return;
    }
    struct csv_record rec;
    bool header = true;
    while (c->nerrors <= MAX_REPORTED_ERRORS && table_next(reader, &rec) == 1) {
        if (rec.error) {
            complain(c, rec.line, NULL, "%s", rec.error);
        } else if (header) {
            header = false;
            if (read_header(c, &rec) < 0)
                break;
        } else if (!csv_record_blank(&rec)) {
            if (r->n == DECISION_FILE_MAX_ROWS) {
                complain(c, rec.line, NULL, "more than %d rows: split the file",
                         DECISION_FILE_MAX_ROWS);
                break;
            }
            if (r->n == r->cap) {
                r->cap = r->cap ? 2 * r->cap : 64;
                r->v = xrealloc(r->v, r->cap * sizeof *r->v);
            }
            struct row *w = &r->v[r->n++];
            *w = (struct row){.line = rec.line};
            for (int k = 0; k < NCOLUMNS; k++)
                w->f[k] = csv_field_text(&rec, c->col[k]);
            check_row(c, w);
        }
    }
    if (header && c->nerrors == 0)
        complain(c, 1, NULL, "empty file: no header");
    table_close(reader);
}

/* References repeated in the file, or already in the register. */
static int check_refs(struct checker *c, struct store *s, const struct rows *r, struct buf *err)
{
    for (size_t i = 0; i < r->n; i++) {
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(r->v[i].f[C_REF], r->v[j].f[C_REF]) == 0) {
                complain(c, r->v[i].line, "reference", "'%s' is also on line %ld", r->v[i].f[C_REF],
                         r->v[j].line);
                break;
            }
        int held =
            decision_ref_ok(r->v[i].f[C_REF]) ? store_decision_exists(s, r->v[i].f[C_REF], err) : 0;
        if (held < 0)
            return -1;
        if (held)
            complain(c, r->v[i].line, "reference", "'%s' is already in the register",
                     r->v[i].f[C_REF]);
    }
    return 0;
}

int decision_file_import(struct store *s, const char *path, bool dry_run,
                         const struct audit_origin *by, size_t *imported, struct buf *err)
{
    *imported = 0;
    struct buf text = BUF_INIT;
    if (!table_file_read(path, DECISION_FILE_MAX_BYTES, &text, err)) {
        buf_free(&text);
        return 2;
    }
    struct checker c = {.path = path, .err = err};
    struct rows r = {0};
    read_rows(&c, &text, &r);
    int rc = check_refs(&c, s, &r, err);
    if (c.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, c.nerrors - MAX_REPORTED_ERRORS);
    if (rc == 0 && c.nerrors == 0 && !dry_run) {
        struct decision_record *recs = xcalloc(r.n ? r.n : 1, sizeof *recs);
        for (size_t i = 0; i < r.n; i++)
            recs[i] = r.v[i].r;
        rc = store_decision_import(s, recs, r.n, by, err);
        if (rc > 0)
            buf_printf(err, "%s%s", err->len ? ": " : "", decision_status_text(rc));
        free(recs);
    }
    if (rc == 0 && c.nerrors == 0)
        *imported = r.n;
    rows_free(&r);
    buf_free(&text);
    return c.nerrors ? 2 : rc == 0 ? 0 : 1;
}
