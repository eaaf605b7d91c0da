/*
 * spend_file.c - reading, checking and redacting a spend file (see
 * spend_file.h), then publishing its months in one transaction
 * (store/spend.h).
 *
 * The file is read whole (it is capped) through the table reader, so CSV
 * and .xlsx take one path. Every row is checked, every problem reported
 * with file, line and field; only a file with none is redacted, grouped
 * by body and month and handed to the store.
 */
#include "ingest/spend_file.h"
#include "ingest/csv.h"
#include "ingest/table_file.h"
#include "model/calendar.h"
#include "model/money.h"
#include "util/mem.h"
#include "util/sha256.h"
#include "util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_REPORTED_ERRORS 50

enum column {
    C_DATE,
    C_TXN,
    C_SUPPLIER,
    C_AMOUNT,
    C_EXPENSE,
    C_PURPOSE,
    C_BODY,
    C_AREA,
    C_VFM,
    C_SPENT_BY,
    C_SUPPLIER_TYPE,
    C_REDACT,
    C_OFFICE_HOLDER,
    NCOLUMNS
};
#define NREQUIRED (C_PURPOSE + 1)

/* Each column's name in errors, then the headers offices give it, as
 * normalised by header_key (lower case, runs of anything but letters and
 * digits one space). */
static const char *const aliases[NCOLUMNS][10] = {
    [C_DATE] = {"date", "transaction date", "payment date", "date paid", "paid date", NULL},
    [C_TXN] = {"transaction_number", "transaction number", "transaction no", "transaction id",
               "transaction ref", "transaction reference", "trans no", "payment reference",
               "reference", NULL},
    [C_SUPPLIER] = {"supplier", "supplier name", "beneficiary", "payee", "vendor", "vendor name",
                    "recipient", "merchant name", NULL},
    [C_AMOUNT] = {"amount", "net amount", "amount net", "amount excl vat", "value",
                  "transaction amount", "amount paid", NULL},
    [C_EXPENSE] = {"expense_type", "expense type", "expenditure type", "expense category",
                   "spend category", "category", "expense description", "subjective", NULL},
    [C_PURPOSE] = {"purpose", "summary of purpose", "description", "extended description",
                   "narrative", "text", "purpose of expenditure", NULL},
    [C_BODY] = {"body", "body name", "organisation", "organisation name", NULL},
    [C_AREA] = {"service_area", "service area", "expense area", "department", "service",
                "directorate", "cost centre", NULL},
    [C_VFM] = {"value_for_money", "value for money", "value for money reason", "vfm", "vfm reason",
               "why value for money", NULL},
    [C_SPENT_BY] = {"spent_by", "spent by", "who spent", "pcc or force", "pcc or chief constable",
                    "body type", NULL},
    [C_SUPPLIER_TYPE] = {"supplier_type", "supplier type", "supplier category", "payee type", NULL},
    [C_REDACT] = {"redact", "redacted", "personal data", NULL},
    [C_OFFICE_HOLDER] = {"office_holder", "office holder", "office holder expense",
                         "office holders expenses", "office holder expenses", NULL},
};

struct row {
    long line;
    char *f[NCOLUMNS];
    struct spend_item it;
    enum spend_body body;
    char date[DATE_TEXT_SIZE];
};

struct checker {
    const char *path;
    int col[NCOLUMNS];
    const struct spend_file_options *o;
    struct buf *err;
    int nerrors;
    struct row *rows;
    size_t n, cap;
    long total_line; /* the "Total" row: 0 for none */
    int64_t stated_total;
    struct spend_file_report *rep;
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

static int column_of(const char *key)
{
    /* [0] too: "date", "amount" */
    return table_column_of(key, &aliases[0][0], NCOLUMNS, 10);
}

static int read_header(struct checker *c, const struct csv_record *rec)
{
    for (int k = 0; k < NCOLUMNS; k++)
        c->col[k] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        char *name = csv_field_text(rec, (int)i), key[128];
        table_header_key(name, key, sizeof key);
        int k = column_of(key);
        if (k < 0 && *name)
            buf_printf(&c->rep->ignored, "%s%s", c->rep->ignored.len ? ", " : "", name);
        else if (k >= 0 && c->col[k] >= 0)
            complain(c, rec->line, k, "two columns are the %s ('%s' and another)", aliases[k][0],
                     name);
        else if (k >= 0)
            c->col[k] = (int)i;
        free(name);
    }
    for (int k = 0; k < NREQUIRED; k++)
        if (c->col[k] < 0)
            complain(c, rec->line, -1, "no %s column (docs/spend.md lists the names known)",
                     aliases[k][0]);
    if (c->col[C_SPENT_BY] < 0 && c->o->body < 0)
        complain(c, rec->line, -1,
                 "no 'spent by' column: say whose spend the file is with --body pcc or "
                 "--body force");
    return c->nerrors ? -1 : 0;
}

static bool spent_by_parse(const char *text, enum spend_body *out)
{
    int party = table_party(text); /* 0 the Commissioner, 1 the force */
    return party >= 0 ? (*out = party ? SPEND_FORCE : SPEND_PCC, true) : false;
}

static bool yes(const char *text)
{
    static const char *const words[] = {"yes", "y", "true", "1", "x"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(text, words[i]) == 0)
            return true;
    return false;
}

static bool individual(const char *supplier_type)
{
    static const char *const words[] = {"individual", "person", "private individual",
                                        "sole trader"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(supplier_type, words[i]) == 0)
            return true;
    return false;
}

static void check_text(struct checker *c, struct row *w)
{
    for (int k = 0; k < NCOLUMNS; k++) {
        long l, col;
        size_t n = strlen(w->f[k]);
        size_t max = k == C_TXN ? SPEND_TXN_MAX_BYTES : SPEND_FIELD_MAX_BYTES;
        if (!utf8_valid(w->f[k], n, &l, &col))
            complain(c, w->line, k, "not UTF-8 text (at character %ld)", col);
        else if (n > max)
            complain(c, w->line, k, "%zu bytes, over the limit of %zu", n, max);
    }
}

static void check_body(struct checker *c, struct row *w)
{
    const char *by = w->f[C_SPENT_BY];
    if (*by && !spent_by_parse(by, &w->body))
        complain(c, w->line, C_SPENT_BY, "'%s': pcc or force (or PCC, OPCC, Chief Constable)", by);
    else if (!*by && c->o->body < 0)
        complain(c, w->line, C_SPENT_BY, "empty: whose spend is it, pcc or force?");
    else if (!*by)
        w->body = (enum spend_body)c->o->body;
}

/* A yes-or-no column: empty is no. */
static void yes_or_no(struct checker *c, const struct row *w, int k)
{
    const char *r = w->f[k];
    if (*r && !yes(r) && strcasecmp(r, "no") != 0 && strcasecmp(r, "n") != 0 &&
        strcasecmp(r, "false") != 0 && strcmp(r, "0") != 0)
        complain(c, w->line, k, "'%s': yes or no", r);
}

/* Checks one row's fields and fills w->it (its text not yet redacted). */
static void check_row(struct checker *c, struct row *w)
{
    check_text(c, w);
    check_body(c, w);
    bool redact = yes(w->f[C_REDACT]) || individual(w->f[C_SUPPLIER_TYPE]);
    yes_or_no(c, w, C_REDACT);
    yes_or_no(c, w, C_OFFICE_HOLDER);
    if (!*w->f[C_TXN])
        complain(c, w->line, C_TXN, "empty");
    if (!table_date(w->f[C_DATE], 2000, w->date))
        complain(c, w->line, C_DATE, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)", w->f[C_DATE]);
    if (!*w->f[C_SUPPLIER] && !redact)
        complain(c, w->line, C_SUPPLIER, "empty: who was paid?");
    if (!money_parse(w->f[C_AMOUNT], &w->it.amount_pence))
        complain(c, w->line, C_AMOUNT, "'%s' is not an amount in pounds (e.g. 1,234.56 or -500.00)",
                 w->f[C_AMOUNT]);
    else if (w->it.amount_pence == 0)
        complain(c, w->line, C_AMOUNT, "zero: an item of spend has an amount");
    if (!*w->f[C_EXPENSE])
        complain(c, w->line, C_EXPENSE, "empty");
    if (!*w->f[C_PURPOSE])
        complain(c, w->line, C_PURPOSE, "empty: what was it for?");
    w->it = (struct spend_item){.txn = w->f[C_TXN],
                                .date = w->date,
                                .body_name = w->f[C_BODY],
                                .supplier = w->f[C_SUPPLIER],
                                .amount_pence = w->it.amount_pence,
                                .expense_type = w->f[C_EXPENSE],
                                .service_area = w->f[C_AREA],
                                .purpose = w->f[C_PURPOSE],
                                .vfm = w->f[C_VFM],
                                .redacted = redact,
                                .office_holder = yes(w->f[C_OFFICE_HOLDER]),
                                .line = w->line};
}

/* A row stating the file's total: its transaction number, or its first
 * cell, says "Total" or "Grand total". */
static bool total_row(struct checker *c, const struct csv_record *rec)
{
    char *txn = csv_field_text(rec, c->col[C_TXN]), *first = csv_field_text(rec, 0);
    bool is = strcasecmp(txn, "total") == 0 || strcasecmp(txn, "grand total") == 0 ||
              strcasecmp(first, "total") == 0 || strcasecmp(first, "grand total") == 0;
    free(txn), free(first);
    if (!is)
        return false;
    char *amount = csv_field_text(rec, c->col[C_AMOUNT]);
    if (c->total_line)
        complain(c, rec->line, -1, "a second total row (the first is line %ld)", c->total_line);
    else if (!money_parse(amount, &c->stated_total))
        complain(c, rec->line, C_AMOUNT, "the total '%s' is not an amount in pounds", amount);
    else
        c->total_line = rec->line;
    free(amount);
    return true;
}

static void add_row(struct checker *c, const struct csv_record *rec)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
    }
    struct row *w = &c->rows[c->n++];
    *w = (struct row){.line = rec->line};
    for (int k = 0; k < NCOLUMNS; k++)
        w->f[k] = csv_field_text(rec, c->col[k]);
    check_row(c, w);
}

static void read_rows(struct checker *c, const struct buf *bytes)
{
    struct table_reader *reader = table_open(c->path, bytes, c->o->sheet, c->err);
    if (!reader) {
        c->nerrors++;
        return;
    }
    struct csv_record rec;
    bool header = true;
    while (c->nerrors <= MAX_REPORTED_ERRORS && table_next(reader, &rec) == 1) {
        if (rec.error) {
            complain(c, rec.line, -1, "%s", rec.error);
        } else if (header && !csv_record_blank(&rec)) {
            header = false;
            if (read_header(c, &rec) < 0)
                break;
        } else if (csv_record_blank(&rec) || total_row(c, &rec)) {
            continue;
        } else if (c->total_line) {
            complain(c, rec.line, -1, "a row after the total row (line %ld)", c->total_line);
        } else if (c->n == SPEND_FILE_MAX_ROWS) {
            complain(c, rec.line, -1, "more than %d rows: split the file", SPEND_FILE_MAX_ROWS);
            break;
        } else {
            add_row(c, &rec);
        }
    }
    if (header && c->nerrors == 0)
        complain(c, 1, -1, "empty file: no header");
    table_close(reader);
}

static int by_body_month_txn(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    if (x->body != y->body)
        return x->body < y->body ? -1 : 1;
    int c = strncmp(x->date, y->date, 7);
    return c ? c : strcmp(x->it.txn, y->it.txn);
}

/* After sorting: a transaction number twice in one body's month, and a
 * stated total the items do not add up to. */
static void check_whole(struct checker *c)
{
    int64_t sum = 0;
    for (size_t i = 0; i < c->n; i++) {
        sum += c->rows[i].it.amount_pence;
        if (i > 0 && by_body_month_txn(&c->rows[i - 1], &c->rows[i]) == 0)
            complain(c, c->rows[i].line, C_TXN, "'%s' is also on line %ld, in the same month",
                     c->rows[i].it.txn, c->rows[i - 1].line);
    }
    if (c->total_line && sum != c->stated_total) {
        char stated[MONEY_TEXT_SIZE], added[MONEY_TEXT_SIZE], diff[MONEY_TEXT_SIZE];
        money_format(c->stated_total, true, stated);
        money_format(sum, true, added);
        money_format(c->stated_total - sum, true, diff);
        complain(c, c->total_line, C_AMOUNT,
                 "the stated total %s is not what the %zu items add up to, %s (%s apart)", stated,
                 c->n, added, diff);
    }
}

/* The name, wherever else it appears in the row's text, as "[redacted]". */
static void scrub(char **field, const char *name)
{
    size_t n = strlen(name);
    if (n < 3 || !strstr(*field, name))
        return;
    struct buf b = BUF_INIT;
    for (const char *p = *field, *hit; (hit = strstr(p, name)) != NULL || *p;) {
        if (!hit) {
            buf_puts(&b, p);
            break;
        }
        buf_append(&b, p, (size_t)(hit - p));
        buf_puts(&b, "[redacted]");
        p = hit + n;
    }
    free(*field);
    *field = buf_detach(&b);
}

static void redact(struct checker *c)
{
    for (size_t i = 0; i < c->n; i++) {
        struct row *w = &c->rows[i];
        if (!w->it.redacted)
            continue;
        const int others[] = {C_PURPOSE, C_VFM, C_AREA, C_EXPENSE, C_BODY};
        for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
            scrub(&w->f[others[k]], w->f[C_SUPPLIER]);
        free(w->f[C_SUPPLIER]);
        w->f[C_SUPPLIER] = xstrdup(SPEND_REDACTED);
        w->it.supplier = w->f[C_SUPPLIER];
        w->it.purpose = w->f[C_PURPOSE];
        w->it.vfm = w->f[C_VFM];
        w->it.service_area = w->f[C_AREA];
        w->it.expense_type = w->f[C_EXPENSE];
        w->it.body_name = w->f[C_BODY];
        c->rep->redacted++;
    }
}

/* The sorted rows as one spend_month per body and month. */
static struct spend_month *group(struct checker *c, struct spend_item *items, size_t *nmonths)
{
    struct spend_month *m = NULL;
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        items[i] = c->rows[i].it;
        items[i].date = c->rows[i].date; /* the row's own array: rows moved since */
        if (i == 0 || c->rows[i].body != c->rows[i - 1].body ||
            strncmp(c->rows[i].date, c->rows[i - 1].date, 7) != 0) {
            m = xrealloc(m, (n + 1) * sizeof *m);
            m[n] = (struct spend_month){.body = c->rows[i].body, .items = &items[i]};
            snprintf(m[n].month, sizeof m[n].month, "%.7s", c->rows[i].date);
            n++;
        }
        m[n - 1].n++;
    }
    *nmonths = n;
    return m;
}

static void rows_free(struct checker *c)
{
    for (size_t i = 0; i < c->n; i++)
        for (int k = 0; k < NCOLUMNS; k++)
            free(c->rows[i].f[k]);
    free(c->rows);
}

static void report_months(struct spend_file_report *rep, const struct spend_month *m, size_t n,
                          const struct spend_outcome *out)
{
    rep->months = xcalloc(n ? n : 1, sizeof *rep->months);
    rep->nmonths = n;
    for (size_t i = 0; i < n; i++) {
        struct spend_file_month *r = &rep->months[i];
        *r = (struct spend_file_month){.body = m[i].body, .items = m[i].n, .outcome = out[i]};
        memcpy(r->month, m[i].month, sizeof r->month);
        for (size_t j = 0; j < m[i].n; j++)
            r->total_pence += m[i].items[j].amount_pence;
    }
}

/* Publishes the checked rows; 0, 2 (a reason is needed) or 1. */
static int publish(struct store *s, struct checker *c, const struct buf *bytes,
                   const struct audit_origin *by, struct buf *err)
{
    qsort(c->rows, c->n, sizeof *c->rows, by_body_month_txn);
    check_whole(c);
    if (c->nerrors)
        return 2;
    redact(c);
    struct spend_item *items = xcalloc(c->n ? c->n : 1, sizeof *items);
    size_t n;
    struct spend_month *months = group(c, items, &n);
    struct spend_outcome *out = xcalloc(n ? n : 1, sizeof *out);
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes->p, bytes->len, sha);
    const char *slash = strrchr(c->path, '/');
    struct spend_source src = {slash ? slash + 1 : c->path, sha};
    struct buf why = BUF_INIT;
    int rc = store_spend_publish(s, months, n, c->o->reason, &src, by, c->o->dry_run, out, &why);
    if (rc == SPEND_NEEDS_REASON) /* each month on its own line, naming the file */
        for (const char *l = why.p; l && *l; l = strchr(l, '\n') + 1)
            buf_printf(err, "%s: %.*s\n", c->path, (int)(strchr(l, '\n') - l), l);
    else if (rc < 0)
        buf_printf(err, "%s: %s", c->path, buf_str(&why));
    if (rc == 0)
        report_months(c->rep, months, n, out);
    buf_free(&why);
    free(out);
    free(months);
    free(items);
    return rc == 0 ? 0 : rc == SPEND_NEEDS_REASON ? 2 : 1;
}

int spend_file_import(struct store *s, const char *path, const struct spend_file_options *o,
                      const struct audit_origin *by, struct spend_file_report *rep, struct buf *err)
{
    *rep = (struct spend_file_report){0};
    struct buf bytes = BUF_INIT;
    if (!table_file_read(path, SPEND_FILE_MAX_BYTES, &bytes, err)) {
        buf_free(&bytes);
        return 2;
    }
    struct checker c = {.path = path, .o = o, .err = err, .rep = rep};
    read_rows(&c, &bytes);
    if (c.n == 0 && c.nerrors == 0)
        complain(&c, 1, -1, "no items of spend after the header");
    int rc = c.nerrors ? 2 : publish(s, &c, &bytes, by, err);
    if (c.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, c.nerrors - MAX_REPORTED_ERRORS);
    rep->rows = c.n;
    if (rc != 0) /* a report only of what was imported */
        spend_file_report_free(rep);
    rows_free(&c);
    buf_free(&bytes);
    return rc;
}

void spend_file_report_free(struct spend_file_report *r)
{
    free(r->months);
    buf_free(&r->ignored);
    *r = (struct spend_file_report){0};
}
