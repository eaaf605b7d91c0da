/*
 * iopc_file.c - the IOPC's quarterly figures from CSV (see iopc_file.h).
 */
#include "ingest/iopc_file.h"
#include "ingest/csv.h"
#include "model/calendar.h"
#include "model/forces.h"
#include "model/iopc.h"
#include "util/mem.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PROBLEMS_MAX 20
#define NCOLS        9

static const char *const header[NCOLS] = {"force",     "from",           "to",
                                          "measure",   "breakdown",      "value",
                                          "last_year", "similar_forces", "england_and_wales"};

struct check {
    const char *path;
    struct buf *err;
    int problems;
    bool first; /* no row read yet: the first sets the force and period */
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

/* The force and the period, the same on every row. */
static bool check_bulletin(struct check *c, long line, char *const *f, struct iopc_bulletin *b)
{
    const struct police_force *force = force_lookup(f[0]);
    int from, to;
    if (!force) {
        problem(c, line, "force", "\"%s\" is not a police force of England and Wales", f[0]);
        return false;
    }
    if (!date_parse(f[1], strlen(f[1]), &from) || !date_parse(f[2], strlen(f[2]), &to)) {
        problem(c, line, !date_parse(f[1], strlen(f[1]), &from) ? "from" : "to",
                "a date is written YYYY-MM-DD");
        return false;
    }
    if (to < from || to - from > 366) {
        problem(c, line, "to", "the period runs forwards and for at most a year");
        return false;
    }
    if (c->first) {
        *b = (struct iopc_bulletin){force->slug, from, to, b->rows, b->n};
        c->first = false;
    } else if (strcmp(b->force, force->slug) != 0 || b->from != from || b->to != to) {
        problem(c, line, strcmp(b->force, force->slug) != 0 ? "force" : "from",
                "every row of a file is the same force and period (one bulletin)");
        return false;
    }
    return true;
}

static bool check_values(struct check *c, long line, char *const *f, const struct iopc_measure *m)
{
    bool ok = true;
    for (int i = 5; i < NCOLS; i++) {
        double v;
        int decimals;
        const char *why =
            i > 5 && !*f[i] ? NULL
                            : iopc_figure_parse(f[i], m, (enum iopc_column)(i - 5), &v, &decimals);
        if (why) {
            problem(c, line, header[i], "\"%s\": %s", f[i], why);
            ok = false;
        }
    }
    return ok;
}

static bool check_measure(struct check *c, long line, char *const *f, const struct iopc_bulletin *b,
                          const struct iopc_measure **out)
{
    const struct iopc_measure *m = iopc_measure_named(f[3]);
    if (!m) {
        problem(c, line, "measure", "\"%s\" is not a measure (docs/complaints-data.md)", f[3]);
        return false;
    }
    if (*f[4] && (!m->breakdown || strlen(f[4]) > 120)) {
        problem(c, line, "breakdown",
                m->breakdown ? "a breakdown is at most 120 bytes" : "%s has no breakdown", m->code);
        return false;
    }
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->rows[i].measure, m->code) == 0 && strcmp(b->rows[i].breakdown, f[4]) == 0) {
            problem(c, line, "measure", "%s%s%s is given twice (line %ld)", m->code,
                    *f[4] ? " / " : "", f[4], b->rows[i].line);
            return false;
        }
    *out = m;
    return true;
}

static void check_row(struct check *c, const struct csv_record *rec, struct iopc_bulletin *b)
{
    if (rec->nfields != NCOLS) {
        problem(c, rec->line, NULL, "a row has %d fields, not %zu", NCOLS, rec->nfields);
        return;
    }
    char *f[NCOLS];
    for (int i = 0; i < NCOLS; i++)
        f[i] = csv_field_text(rec, i);
    const struct iopc_measure *m = NULL;
    bool ok = check_bulletin(c, rec->line, f, b) && check_measure(c, rec->line, f, b, &m) &&
              check_values(c, rec->line, f, m);
    if (ok && b->n == IOPC_ROWS_MAX) {
        problem(c, rec->line, NULL, "more than %d rows", IOPC_ROWS_MAX);
        ok = false;
    }
    if (ok) {
        b->rows = xrealloc(b->rows, (b->n + 1) * sizeof *b->rows);
        b->rows[b->n++] =
            (struct iopc_row){rec->line, m->code, f[4], {f[5], f[6], f[7], f[8]}, NULL};
        f[4] = f[5] = f[6] = f[7] = f[8] = NULL;
    }
    for (int i = 0; i < NCOLS; i++)
        free(f[i]);
}

/* The bulletin's own names for the comparison columns (its "SPLY", "MSF"
 * and "National"), accepted for Peel's, in any case. */
static bool bulletin_name(int i, const char *name)
{
    static const char *const words[NCOLS] = {[6] = "sply", [7] = "msf", [8] = "national"};
    return words[i] && strcasecmp(name, words[i]) == 0;
}

static void check_header(struct check *c, const struct csv_record *rec)
{
    bool ok = rec->nfields == NCOLS;
    for (int i = 0; ok && i < NCOLS; i++) {
        char *name = csv_field_text(rec, i);
        ok = strcmp(name, header[i]) == 0 || bulletin_name(i, name);
        free(name);
    }
    if (!ok)
        problem(c, rec->line, NULL,
                "the first line must be the header "
                "force,from,to,measure,breakdown,value,last_year,similar_forces,"
                "england_and_wales (or SPLY, MSF, National for the last three)");
}

struct reading {
    struct check *c;
    struct iopc_bulletin *out;
};

static void record(void *arg, const struct csv_record *rec, bool first)
{
    struct reading *r = arg;
    if (first)
        check_header(r->c, rec);
    else
        check_row(r->c, rec, r->out);
}

int iopc_file_read(const char *path, struct iopc_bulletin *out, struct buf *err)
{
    *out = (struct iopc_bulletin){0};
    struct check c = {path, err, 0, true};
    struct reading r = {&c, out};
    if (!csv_check_file(path, IOPC_FILE_MAX, err, &c.problems, PROBLEMS_MAX, record, &r))
        return -1;
    if (!c.problems && out->n == 0)
        problem(&c, 0, NULL, "the file has no figures");
    if (c.problems) {
        iopc_bulletin_free(out);
        return -1;
    }
    return 0;
}
