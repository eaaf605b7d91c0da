/*
 * service_file.c - reading and checking a file of commissioned services
 * or of their quarterly returns (see service_file.h), then publishing its
 * rows in one transaction (store/services.h). The loop over the file's
 * rows is ingest/table_check.h's; this file holds the two registers'
 * columns and the checks of a row.
 */
#include "ingest/service_file.h"
#include "ingest/table_check.h"
#include "ingest/table_file.h"
#include "model/money.h"
#include "util/mem.h"
#include "util/month.h"
#include "util/sha256.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    S_REF,
    S_NAME,
    S_PROVIDER,
    S_START,
    S_VALUE,
    S_PROVIDER_ID,
    S_CONTRACT,
    S_FUNDING,
    S_SERVES,
    S_END,
    S_OUTCOMES,
    S_NCOLS
};
enum { R_REF, R_QUARTER, R_REFERRALS, R_PEOPLE, R_ACHIEVED, R_NCOLS };
#define S_REQUIRED (S_VALUE + 1)
#define R_REQUIRED (R_PEOPLE + 1)
#define WIDTH      8

/* Each column's name in errors, then the headers offices give it (as
 * table_header_key writes them). */
static const char *const service_names[S_NCOLS][WIDTH] = {
    [S_REF] = {"reference", "service reference", "service ref", "ref", "service id", NULL},
    [S_NAME] = {"service", "service name", "name", "title", NULL},
    [S_PROVIDER] = {"provider", "provider name", "supplier", "organisation", "delivered by", NULL},
    [S_START] = {"start date", "start", "service start date", NULL},
    [S_VALUE] = {"annual value", "value per year", "annual contract value", "value", "amount",
                 "annual cost", NULL},
    [S_PROVIDER_ID] = {"provider id", "provider org id", "org id", "registration number",
                       "supplier id", NULL},
    [S_CONTRACT] = {"contract reference", "contract ref", "contract", "contract number", NULL},
    [S_FUNDING] = {"funding source", "funding", "funded by", "funder", NULL},
    [S_SERVES] = {"serves", "plan", "missions", "priorities", "plan missions", "strategies", NULL},
    [S_END] = {"end date", "end", "service end date", "contract end date", NULL},
    [S_OUTCOMES] = {"outcomes", "outcomes and targets", "targets", NULL},
};
static const char *const return_names[R_NCOLS][WIDTH] = {
    [R_REF] = {"service", "service reference", "reference", "ref", NULL},
    [R_QUARTER] = {"quarter", "period", NULL},
    [R_REFERRALS] = {"referrals", "referrals received", NULL},
    [R_PEOPLE] = {"people supported", "supported", "people", "service users", NULL},
    [R_ACHIEVED] = {"outcomes achieved", "achieved", "outcomes", NULL},
};

/* One row as checked: its fields (owned) and what they became. */
struct row {
    long line;
    char **f;
    char start[11], end[11], quarter[PERIOD_TEXT_SIZE];
    struct service_outcome *outcomes;
    struct service_achieved *achieved;
    size_t npairs;
    int64_t value, referrals, people;
};

struct importer {
    struct table_check c;
    enum service_file_kind kind;
    struct row *rows;
    size_t n, cap;
};

/* A count: digits, with commas between thousands allowed. */
static bool count_parse(const char *text, int64_t *out)
{
    int64_t v = 0;
    size_t digits = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ',' && digits)
            continue;
        if (!isdigit((unsigned char)*p) || v > INT64_MAX / 20)
            return false;
        v = v * 10 + (*p - '0');
        digits++;
    }
    return digits ? (*out = v, true) : false;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* "measure = n; measure = n" in text (split in place) into names and
 * counts (at most max); the number of pairs, or -1 with the problem
 * reported. */
static int pairs_parse(struct table_check *c, long line, int col, char *text, const char **names,
                       int64_t *counts, size_t max)
{
    size_t n = 0;
    for (char *item = text, *next; item && *trim(item); item = next) {
        next = strchr(item, ';');
        if (next)
            *next++ = '\0';
        char *eq = strrchr(item, '=');
        if (n == max) {
            table_check_complain(c, line, col, "more than %zu outcomes", max);
            return -1;
        }
        if (!eq) {
            table_check_complain(c, line, col,
                                 "'%s': write each as 'measure = number', "
                                 "separated by ';'",
                                 trim(item));
            return -1;
        }
        *eq = '\0';
        names[n] = trim(item);
        if (!*names[n] || strlen(names[n]) > 200 || !count_parse(trim(eq + 1), &counts[n])) {
            table_check_complain(c, line, col,
                                 "'%s = %s': a measure (200 bytes at most) and a "
                                 "whole number",
                                 names[n], trim(eq + 1));
            return -1;
        }
        for (size_t i = 0; i < n; i++)
            if (strcmp(names[i], names[n]) == 0) {
                table_check_complain(c, line, col, "'%s' is named twice", names[n]);
                return -1;
            }
        n++;
    }
    return (int)n;
}

static bool ref_ok(struct table_check *c, long line, int col, const char *ref)
{
    if (!*ref)
        table_check_complain(c, line, col, "empty");
    else if (strlen(ref) > 64 || strpbrk(ref, "/?#%\\ \t"))
        table_check_complain(c, line, col,
                             "'%s': a reference is at most 64 bytes, with no spaces, slashes,"
                             " ? # %% or \\",
                             ref);
    else
        return true;
    return false;
}

static void check_dates(struct table_check *c, struct row *w)
{
    char **f = w->f;
    bool start = table_date(f[S_START], 1990, w->start);
    if (!start)
        table_check_complain(c, w->line, S_START, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                             f[S_START]);
    if (*f[S_END] && !table_date(f[S_END], 1990, w->end))
        table_check_complain(c, w->line, S_END, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                             f[S_END]);
    else if (*w->end && start && strcmp(w->end, w->start) < 0)
        table_check_complain(c, w->line, S_END, "%s is before the start date, %s", w->end,
                             w->start);
}

static void check_service(struct table_check *c, struct row *w)
{
    char **f = w->f;
    ref_ok(c, w->line, S_REF, f[S_REF]);
    if (!*f[S_NAME])
        table_check_complain(c, w->line, S_NAME, "empty: what is the service called?");
    else if (strlen(f[S_NAME]) > 300)
        table_check_complain(c, w->line, S_NAME, "over 300 bytes");
    if (!*f[S_PROVIDER])
        table_check_complain(c, w->line, S_PROVIDER, "empty: who delivers the service?");
    if (*f[S_PROVIDER_ID] && !table_org_id(f[S_PROVIDER_ID]))
        table_check_complain(c, w->line, S_PROVIDER_ID,
                             "'%s' is not an org-id (org-id.guide: GB-COH-01234567, "
                             "GB-CHC-1234567)",
                             f[S_PROVIDER_ID]);
    if (!money_parse(f[S_VALUE], &w->value) || w->value < 0)
        table_check_complain(c, w->line, S_VALUE,
                             "'%s' is not an amount in pounds, nothing or more (e.g. 250,000)",
                             f[S_VALUE]);
    check_dates(c, w);
    const char *names[SERVICE_OUTCOMES_MAX];
    int64_t counts[SERVICE_OUTCOMES_MAX];
    int n = pairs_parse(c, w->line, S_OUTCOMES, f[S_OUTCOMES], names, counts, SERVICE_OUTCOMES_MAX);
    w->outcomes = xcalloc(SERVICE_OUTCOMES_MAX, sizeof *w->outcomes);
    for (int i = 0; i < n; i++)
        w->outcomes[w->npairs++] = (struct service_outcome){names[i], counts[i]};
}

static int by_measure(const void *a, const void *b)
{
    return strcmp(((const struct service_achieved *)a)->measure,
                  ((const struct service_achieved *)b)->measure);
}

static void check_return(struct table_check *c, struct row *w)
{
    char **f = w->f;
    int start;
    ref_ok(c, w->line, R_REF, f[R_REF]);
    if (!period_parse(f[R_QUARTER], PERIOD_QUARTER, &start))
        table_check_complain(c, w->line, R_QUARTER, "'%s' is not a financial quarter (2024-25 Q1)",
                             f[R_QUARTER]);
    else
        period_format(PERIOD_QUARTER, start, w->quarter);
    if (!count_parse(f[R_REFERRALS], &w->referrals))
        table_check_complain(c, w->line, R_REFERRALS, "'%s' is not a whole number", f[R_REFERRALS]);
    if (!count_parse(f[R_PEOPLE], &w->people))
        table_check_complain(c, w->line, R_PEOPLE, "'%s' is not a whole number", f[R_PEOPLE]);
    const char *names[SERVICE_OUTCOMES_MAX];
    int64_t counts[SERVICE_OUTCOMES_MAX];
    int n = pairs_parse(c, w->line, R_ACHIEVED, f[R_ACHIEVED], names, counts, SERVICE_OUTCOMES_MAX);
    w->achieved = xcalloc(SERVICE_OUTCOMES_MAX, sizeof *w->achieved);
    for (int i = 0; i < n; i++)
        w->achieved[w->npairs++] = (struct service_achieved){names[i], counts[i]};
    if (w->npairs) /* in the order the store reads them, to compare */
        qsort(w->achieved, w->npairs, sizeof *w->achieved, by_measure);
}

static void take_row(struct table_check *c, long line, char **f, void *arg)
{
    struct importer *im = arg;
    if (im->n == im->cap) {
        im->cap = im->cap ? 2 * im->cap : 32;
        im->rows = xrealloc(im->rows, im->cap * sizeof *im->rows);
    }
    struct row *w = &im->rows[im->n++];
    *w = (struct row){.line = line, .f = xcalloc((size_t)c->ncols, sizeof *w->f)};
    memcpy(w->f, f, (size_t)c->ncols * sizeof *f);
    for (int k = 0; k < c->ncols; k++)
        table_check_text(c, line, k, f[k], SERVICE_FIELD_MAX_BYTES);
    if (im->kind == SERVICE_FILE_SERVICES)
        check_service(c, w);
    else
        check_return(c, w);
}

/* Rows sorted by their key (reference, then quarter), to find one twice
 * and to publish in that order. */
static int by_key(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    int k = strcmp(x->f[0], y->f[0]);
    if (!k)
        k = strcmp(x->quarter, y->quarter);
    return k ? k : (x->line > y->line) - (x->line < y->line);
}

static void check_duplicates(struct importer *im)
{
    if (im->n)
        qsort(im->rows, im->n, sizeof *im->rows, by_key);
    for (size_t i = 1; i < im->n; i++) {
        const struct row *a = &im->rows[i - 1], *b = &im->rows[i];
        if (*b->f[0] && strcmp(a->f[0], b->f[0]) == 0 && strcmp(a->quarter, b->quarter) == 0)
            table_check_complain(&im->c, b->line, 0, "'%s%s%s' is also on line %ld", b->f[0],
                                 *b->quarter ? " " : "", b->quarter, a->line);
    }
}

/* The annual values against the total the file or --total states. */
static void check_total(struct importer *im, const struct service_file_options *o,
                        struct service_file_report *rep)
{
    struct table_check *c = &im->c;
    int64_t given = 0;
    for (size_t i = 0; i < im->n; i++)
        rep->total_pence += im->rows[i].value;
    if (o->total && !money_parse(o->total, &given)) {
        table_check_complain(c, 0, -1, "--total '%s' is not an amount in pounds", o->total);
        return;
    }
    if (o->total && c->total_line && given != c->total_pence) {
        char row[MONEY_TEXT_SIZE];
        money_format(c->total_pence, true, row);
        table_check_complain(c, c->total_line, S_VALUE, "the total row says %s, --total says %s",
                             row, o->total);
        return;
    }
    int64_t stated = c->total_line ? c->total_pence : given;
    if (!o->total && !c->total_line)
        return;
    if (stated != rep->total_pence) {
        char s[MONEY_TEXT_SIZE], a[MONEY_TEXT_SIZE], d[MONEY_TEXT_SIZE];
        money_format(stated, true, s);
        money_format(rep->total_pence, true, a);
        money_format(stated - rep->total_pence, true, d);
        table_check_complain(c, c->total_line ? c->total_line : 1, S_VALUE,
                             "the stated total %s is not what the %zu services add up to, %s (%s "
                             "apart)",
                             s, im->n, a, d);
    } else {
        rep->stated = true;
    }
}

static void rows_free(struct importer *im)
{
    for (size_t i = 0; i < im->n; i++) {
        for (int k = 0; k < im->c.ncols; k++)
            free(im->rows[i].f[k]);
        free(im->rows[i].f);
        free(im->rows[i].outcomes);
        free(im->rows[i].achieved);
    }
    free(im->rows);
}

/* "line N: ..." lines from the store, as "FILE:N: ...". */
static void store_lines(const char *path, const struct buf *why, struct buf *err)
{
    for (const char *l = buf_str(why); *l;) {
        const char *end = strchr(l, '\n');
        size_t len = end ? (size_t)(end - l) : strlen(l);
        if (strncmp(l, "line ", 5) == 0)
            buf_printf(err, "%s:%.*s\n", path, (int)len - 5, l + 5);
        else
            buf_printf(err, "%s: %.*s\n", path, (int)len, l);
        l += len + (end != NULL);
    }
}

static int publish(struct store *s, struct importer *im, const struct buf *bytes,
                   const struct service_file_options *o, const struct audit_origin *by,
                   struct service_file_report *rep, struct buf *err)
{
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes->p, bytes->len, sha);
    const char *slash = strrchr(im->c.path, '/');
    struct service_source src = {slash ? slash + 1 : im->c.path, sha};
    int *out = xcalloc(im->n ? im->n : 1, sizeof *out);
    struct buf why = BUF_INIT;
    int rc;
    if (im->kind == SERVICE_FILE_SERVICES) {
        struct service *v = xcalloc(im->n ? im->n : 1, sizeof *v);
        for (size_t i = 0; i < im->n; i++) {
            char **f = im->rows[i].f;
            v[i] = (struct service){
                f[S_REF],        f[S_NAME],         f[S_PROVIDER],        f[S_PROVIDER_ID],
                f[S_CONTRACT],   f[S_FUNDING],      f[S_SERVES],          im->rows[i].start,
                im->rows[i].end, im->rows[i].value, im->rows[i].outcomes, im->rows[i].npairs,
                im->rows[i].line};
        }
        rc = store_services_publish(s, v, im->n, o->reason, &src, by, o->today, o->dry_run, out,
                                    &why);
        free(v);
    } else {
        struct service_return *r = xcalloc(im->n ? im->n : 1, sizeof *r);
        for (size_t i = 0; i < im->n; i++)
            r[i] = (struct service_return){im->rows[i].f[R_REF],  im->rows[i].quarter,
                                           im->rows[i].referrals, im->rows[i].people,
                                           im->rows[i].achieved,  im->rows[i].npairs,
                                           im->rows[i].line};
        rc = store_service_returns_publish(s, r, im->n, o->reason, &src, by, o->dry_run, out, &why);
        free(r);
    }
    store_lines(im->c.path, &why, err);
    buf_free(&why);
    if (rc == 0) {
        rep->n = im->n;
        rep->versions = out;
        rep->keys = xcalloc(im->n ? im->n : 1, sizeof *rep->keys);
        for (size_t i = 0; i < im->n; i++) {
            struct buf k = BUF_INIT;
            buf_printf(&k, "%s%s%s", im->rows[i].f[0], *im->rows[i].quarter ? " " : "",
                       im->rows[i].quarter);
            rep->keys[i] = k.p;
        }
        return 0;
    }
    free(out);
    return rc < 0 ? 1 : 2;
}

int service_file_import(struct store *s, enum service_file_kind kind, const char *path,
                        const struct service_file_options *o, const struct audit_origin *by,
                        struct service_file_report *rep, struct buf *err)
{
    *rep = (struct service_file_report){.ignored = BUF_INIT};
    struct buf bytes = BUF_INIT;
    if (!table_file_read(path, SERVICE_FILE_MAX_BYTES, &bytes, err)) {
        buf_putc(err, '\n');
        buf_free(&bytes);
        return 2;
    }
    bool services = kind == SERVICE_FILE_SERVICES;
    struct importer im = {.kind = kind,
                          .c = {.path = path,
                                .aliases = services ? &service_names[0][0] : &return_names[0][0],
                                .ncols = services ? S_NCOLS : R_NCOLS,
                                .width = WIDTH,
                                .nrequired = services ? S_REQUIRED : R_REQUIRED,
                                .doc = "docs/fund.md",
                                .max_rows = SERVICE_FILE_MAX_ROWS,
                                .total_col = services ? S_VALUE : -1,
                                .row = take_row,
                                .err = err,
                                .ignored = BUF_INIT}};
    im.c.arg = &im;
    table_check_rows(&im.c, &bytes, o->sheet);
    check_duplicates(&im);
    if (services && im.c.nerrors == 0)
        check_total(&im, o, rep);
    int rc = im.c.nerrors ? 2 : publish(s, &im, &bytes, o, by, rep, err);
    if (rc == 0)
        buf_append(&rep->ignored, im.c.ignored.p, im.c.ignored.len);
    else
        service_file_report_free(rep);
    table_check_free(&im.c);
    rows_free(&im);
    buf_free(&bytes);
    return rc;
}

void service_file_report_free(struct service_file_report *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->keys[i]);
    free(r->keys);
    free(r->versions);
    buf_free(&r->ignored);
    *r = (struct service_file_report){.ignored = BUF_INIT};
}
