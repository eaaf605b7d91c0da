/*
 * grants_received_file.c - reading and checking a table of grants
 * received, its stated total above all (see grants_received_file.h). The
 * loop over the file's rows, its header and its total row are
 * ingest/table_check.h's.
 */
#include "ingest/grants_received_file.h"
#include "ingest/csv.h"
#include "ingest/table_check.h"
#include "ingest/table_file.h"
#include "model/calendar.h"
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

enum column { C_FUNDER, C_PURPOSE, C_AMOUNT, C_CONDITIONS, C_REPORT, NCOLUMNS };
#define NREQUIRED (C_AMOUNT + 1)
#define WIDTH     8

/* Each column's name in errors, then the headers tables give it (as
 * table_header_key writes them). */
static const char *const aliases[NCOLUMNS][WIDTH] = {
    [C_FUNDER] = {"funder", "funding body", "grant from", "from", "source", "funder name", NULL},
    [C_PURPOSE] = {"purpose", "grant", "scheme", "grant name", "description", "programme", NULL},
    [C_AMOUNT] = {"amount", "value", "amount received", "grant amount", "award", NULL},
    [C_CONDITIONS] = {"conditions", "grant conditions", "terms", NULL},
    [C_REPORT] = {"report on", "reporting date", "report due", "report by", "next report", NULL},
};

struct checker {
    struct table_check t; /* the loop over the file's rows */
    const struct grants_file_options *o;
    struct grant_received *lines;
    char (*dates)[11];
    char **text; /* NCOLUMNS per line, owned */
    size_t n, cap;
    int fy_start; /* the year the financial year begins in */
    int64_t stated;
    bool has_stated;
};

static void complain(struct checker *c, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void complain(struct checker *c, long line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(c->t.err, &c->t.nerrors, TABLE_CHECK_MAX_ERRORS, c->t.path, line,
                col >= 0 ? aliases[col][0] : NULL, fmt, ap);
    va_end(ap);
}

static void check_line(struct checker *c, long line, char **f, struct grant_received *g,
                       char date[11])
{
    for (int k = 0; k < NCOLUMNS; k++) {
        long l, col;
        size_t n = strlen(f[k]);
        if (!utf8_valid(f[k], n, &l, &col))
            complain(c, line, k, "not UTF-8 text (at character %ld)", col);
        else if (n > GRANTS_FIELD_MAX)
            complain(c, line, k, "%zu bytes, over the limit of %d", n, GRANTS_FIELD_MAX);
    }
    if (!*f[C_FUNDER])
        complain(c, line, C_FUNDER, "empty: who gave the grant?");
    if (!*f[C_PURPOSE])
        complain(c, line, C_PURPOSE, "empty: what is it for?");
    if (!money_parse(f[C_AMOUNT], &g->amount_pence))
        complain(c, line, C_AMOUNT, "'%s' is not an amount in pounds (e.g. 1,277,869)",
                 f[C_AMOUNT]);
    /* a clock counts from the year's first day, for at most CLOCK_MAX_DAYS */
    int start = 0, due = 0;
    if (*f[C_REPORT] && !table_date(f[C_REPORT], 2000, date))
        complain(c, line, C_REPORT, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)", f[C_REPORT]);
    else if (*f[C_REPORT] &&
             (!date_from_ymd(c->fy_start, 4, 1, &start) || !date_parse(date, strlen(date), &due) ||
              due < start || due - start >= CLOCK_MAX_DAYS))
        complain(c, line, C_REPORT, "%s is not within ten years from the start of %s", date,
                 c->o->fy);
    g->funder = f[C_FUNDER];
    g->purpose = f[C_PURPOSE];
    g->conditions = f[C_CONDITIONS];
    g->line = line;
}

static void add_line(struct table_check *t, long line, char **f, void *arg)
{
    struct checker *c = arg;
    (void)t;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 32;
        c->lines = xrealloc(c->lines, c->cap * sizeof *c->lines);
        c->dates = xrealloc(c->dates, c->cap * sizeof *c->dates);
        c->text = xrealloc(c->text, c->cap * NCOLUMNS * sizeof *c->text);
    }
    memcpy(&c->text[c->n * NCOLUMNS], f, NCOLUMNS * sizeof *f);
    c->lines[c->n] = (struct grant_received){0};
    c->dates[c->n][0] = '\0';
    check_line(c, line, f, &c->lines[c->n], c->dates[c->n]);
    c->n++;
}

/* The total row against --total, when both are given. */
static void check_stated(struct checker *c)
{
    if (!c->t.total_line)
        return;
    if (c->has_stated && c->t.total_pence != c->stated)
        complain(c, c->t.total_line, C_AMOUNT, "the total row says %s, --total says %s",
                 c->t.total_text, c->o->total);
    c->stated = c->t.total_pence;
    c->has_stated = true;
}

/* The whole table against its stated total. */
static void check_total(struct checker *c, struct grants_file_report *rep)
{
    for (size_t i = 0; i < c->n; i++) {
        rep->total_pence += c->lines[i].amount_pence;
        if (c->dates[i][0]) {
            c->lines[i].report_on = c->dates[i];
            rep->clocks++;
        }
    }
    rep->lines = c->n;
    if (!c->has_stated)
        complain(c, 1, -1, "no stated total: add a row 'Total' with the amount, or --total");
    else if (rep->total_pence != c->stated) {
        char stated[MONEY_TEXT_SIZE], added[MONEY_TEXT_SIZE], apart[MONEY_TEXT_SIZE];
        money_format(c->stated, true, stated);
        money_format(rep->total_pence, true, added);
        money_format(c->stated - rep->total_pence, true, apart);
        complain(c, c->t.total_line ? c->t.total_line : 1, C_AMOUNT,
                 "the stated total %s is not what the %zu lines add up to, %s (%s apart)", stated,
                 c->n, added, apart);
    }
}

static int store_lines(struct store *s, struct checker *c, const struct buf *bytes,
                       const struct audit_origin *by, struct grants_file_report *rep,
                       struct buf *err)
{
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes->p, bytes->len, sha);
    const char *slash = strrchr(c->t.path, '/');
    struct grants_received_load l = {
        c->o->fy, slash ? slash + 1 : c->t.path, sha, c->stated, c->lines, c->n};
    struct buf why = BUF_INIT;
    int rc = store_grants_received_load(s, &l, by, &rep->load_id, &why);
    if (rc != 0)
        buf_printf(err, "%s: %s\n", c->t.path, buf_str(&why));
    buf_free(&why);
    return rc == 0 ? 0 : rc == GRANTS_RECEIVED_UNEQUAL ? 2 : 1;
}

/* The financial year as Peel writes it ("2021-22"), its first year into *y. */
static bool fy_ok(const char *fy, int *y)
{
    char canon[FY_TEXT_SIZE];
    return fy && fy_parse(fy, y) && (fy_format(*y, canon), strcmp(canon, fy) == 0);
}

int grants_received_file_import(struct store *s, const char *path,
                                const struct grants_file_options *o, const struct audit_origin *by,
                                struct grants_file_report *rep, struct buf *err)
{
    *rep = (struct grants_file_report){0};
    struct checker c = {.t = {.path = path,
                              .aliases = &aliases[0][0],
                              .ncols = NCOLUMNS,
                              .width = WIDTH,
                              .nrequired = NREQUIRED,
                              .doc = "docs/fund.md",
                              .max_rows = GRANTS_FILE_MAX_ROWS,
                              .total_col = C_AMOUNT,
                              .row = add_line,
                              .err = err,
                              .ignored = BUF_INIT},
                        .o = o};
    c.t.arg = &c;
    if (!fy_ok(o->fy, &c.fy_start))
        complain(&c, 0, -1, "the financial year is YYYY-YY (2021-22), not '%s'",
                 o->fy ? o->fy : "");
    if (o->total && !money_parse(o->total, &c.stated))
        complain(&c, 0, -1, "--total '%s' is not an amount in pounds", o->total);
    c.has_stated = o->total != NULL;
    struct buf bytes = BUF_INIT;
    if (c.t.nerrors)
        return 2;
    if (!table_file_read(path, GRANTS_FILE_MAX_BYTES, &bytes, err)) {
        buf_free(&bytes);
        return 2;
    }
    table_check_rows(&c.t, &bytes, o->sheet);
    check_stated(&c);
    if (c.t.nerrors == 0)
        check_total(&c, rep);
    int rc = c.t.nerrors ? 2 : o->dry_run ? 0 : store_lines(s, &c, &bytes, by, rep, err);
    table_check_free(&c.t);
    for (size_t i = 0; i < c.n * NCOLUMNS; i++)
        free(c.text[i]);
    free(c.text);
    free(c.lines);
    free(c.dates);
    buf_free(&bytes);
    return rc;
}
