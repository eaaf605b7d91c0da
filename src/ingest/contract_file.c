/*
 * contract_file.c - reading and checking a contracts file (see
 * contract_file.h), then publishing its contracts in one transaction
 * (store/contracts.h).
 *
 * The file is read whole (it is capped) through the table reader, so CSV
 * and .xlsx take one path. Every row is checked, every problem reported
 * with file, line and field; only a file with none reaches the store.
 */
#include "ingest/contract_file.h"
#include "ingest/csv.h"
#include "ingest/table_file.h"
#include "model/money.h"
#include "model/plan.h"
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
    C_REF,
    C_TITLE,
    C_SUPPLIER,
    C_VALUE,
    C_START,
    C_METHOD,
    C_KIND,
    C_BODY,
    C_SUPPLIER_ID,
    C_DESCRIPTION,
    C_DEPARTMENT,
    C_END,
    C_REVIEW,
    C_VAT,
    C_SME,
    C_VCSE,
    C_OCID,
    C_DOCUMENT,
    C_FUNDING,
    C_SERVES,
    NCOLUMNS
};
#define NREQUIRED (C_METHOD + 1)
#define WIDTH     10

/* Each column's name in errors, then the headers offices give it, as
 * normalised by table_header_key. */
static const char *const aliases[NCOLUMNS][WIDTH] = {
    [C_REF] = {"reference", "reference number", "contract reference", "contract ref", "ref",
               "contract id", "contract number", NULL},
    [C_TITLE] = {"title", "title of agreement", "contract title", "agreement title", NULL},
    [C_SUPPLIER] = {"supplier", "supplier name", "supplier name and details", "contractor",
                    "supplier details", NULL},
    [C_VALUE] = {"value", "contract value", "total value", "value of contract",
                 "sum to be paid over the length of the contract", "estimated value",
                 "total contract value", NULL},
    [C_START] = {"start date", "start", "contract start date", "start date of contract", NULL},
    [C_METHOD] = {"procurement method", "procurement process", "procurement route", "method",
                  "procurement type", "invitation to quote or tender", NULL},
    [C_KIND] = {"type", "kind", "contract or tender", "notice type", NULL},
    [C_BODY] = {"spent by", "party", "contracting body", "pcc or force", "pcc or chief constable",
                "body type", NULL},
    [C_SUPPLIER_ID] = {"supplier id", "supplier org id", "org id", "supplier identifier",
                       "supplier registration number", "registration number", NULL},
    [C_DESCRIPTION] = {"description", "description of goods and services",
                       "description of goods services", "contract description", NULL},
    [C_DEPARTMENT] = {"department", "service area", "department service area", "directorate", NULL},
    [C_END] = {"end date", "end", "contract end date", "end date of contract", NULL},
    [C_REVIEW] = {"review date", "review", "contract review date", NULL},
    [C_VAT] = {"irrecoverable vat", "vat that cannot be recovered",
               "value added tax that cannot be recovered", "non recoverable vat", NULL},
    [C_SME] = {"sme", "supplier is an sme", NULL},
    [C_VCSE] = {"vcse", "supplier is a vcse", NULL},
    [C_OCID] = {"ocid", "open contracting id", NULL},
    [C_DOCUMENT] = {"document url", "copy url", "contract url", "url", "link", NULL},
    [C_FUNDING] = {"funding source", "funding", "funded by", "source of funding", NULL},
    [C_SERVES] = {"plan missions", "missions", "serves", "plan missions served",
                  "police and crime plan", "plan", "priorities", NULL},
};

/* The words offices use for each method (OCDS method codelist). */
static const struct {
    const char *word;
    enum contract_method method;
} methods[] = {
    {"invitation to tender", CONTRACT_OPEN},
    {"published invitation to tender", CONTRACT_OPEN},
    {"open tender", CONTRACT_OPEN},
    {"itt", CONTRACT_OPEN},
    {"tender", CONTRACT_OPEN},
    {"restricted", CONTRACT_SELECTIVE},
    {"restricted tender", CONTRACT_SELECTIVE},
    {"competitive flexible", CONTRACT_SELECTIVE},
    {"quote", CONTRACT_LIMITED},
    {"quotation", CONTRACT_LIMITED},
    {"quotes", CONTRACT_LIMITED},
    {"invitation to quote", CONTRACT_LIMITED},
    {"itq", CONTRACT_LIMITED},
    {"framework call-off", CONTRACT_LIMITED},
    {"framework", CONTRACT_LIMITED},
    {"direct award", CONTRACT_DIRECT},
    {"single tender", CONTRACT_DIRECT},
    {"single source", CONTRACT_DIRECT},
    {"waiver", CONTRACT_DIRECT},
};

struct row {
    long line;
    char *f[NCOLUMNS];
    char *serves; /* the keys as stored (plan_keys_normalise) */
    char ocid[160];
    char start[11], end[11], review[11];
    struct contract c;
};

struct checker {
    const char *path;
    int col[NCOLUMNS];
    const struct contract_file_options *o;
    struct buf *err;
    int nerrors;
    struct row *rows;
    size_t n, cap;
    struct contract_file_report *rep;
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
            complain(c, rec->line, -1, "no %s column (docs/contracts.md lists the names known)",
                     aliases[k][0]);
    if (c->col[C_BODY] < 0 && c->o->body < 0)
        complain(c, rec->line, -1,
                 "no 'spent by' column: say whose contracts the file holds with --body pcc or "
                 "--body force");
    return c->nerrors ? -1 : 0;
}

static bool body_parse(const char *text, enum contract_body *out)
{
    int party = table_party(text); /* 0 the Commissioner, 1 the force */
    return party >= 0 ? (*out = party ? CONTRACT_FORCE : CONTRACT_PCC, true) : false;
}

static bool method_parse(const char *text, enum contract_method *out)
{
    if (contract_method_parse(text, out))
        return true;
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcasecmp(text, methods[i].word) == 0)
            return *out = methods[i].method, true;
    return false;
}

/* yes/no columns: 1, 0, or -1 for empty; -2 for anything else. */
static int yes_no(const char *text)
{
    static const char *const yes[] = {"yes", "y", "true", "1"}, *const no[] = {"no", "n", "false",
                                                                               "0"};
    if (!*text)
        return -1;
    for (size_t i = 0; i < 4; i++)
        if (strcasecmp(text, yes[i]) == 0)
            return 1;
    for (size_t i = 0; i < 4; i++)
        if (strcasecmp(text, no[i]) == 0)
            return 0;
    return -2;
}

bool contract_url_valid(const char *u)
{
    return (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0) &&
           !strpbrk(u, " \t\"'<>") && strlen(u) <= 500;
}

static void check_text(struct checker *c, struct row *w)
{
    for (int k = 0; k < NCOLUMNS; k++) {
        long l, col;
        size_t n = strlen(w->f[k]);
        size_t max = k == C_REF     ? CONTRACT_REF_MAX_BYTES
                     : k == C_TITLE ? 300
                                    : CONTRACT_FIELD_MAX_BYTES;
        if (!utf8_valid(w->f[k], n, &l, &col))
            complain(c, w->line, k, "not UTF-8 text (at character %ld)", col);
        else if (n > max)
            complain(c, w->line, k, "%zu bytes, over the limit of %zu", n, max);
    }
}

static void check_kind_body(struct checker *c, struct row *w)
{
    const char *kind = w->f[C_KIND], *by = w->f[C_BODY];
    w->c.kind = CONTRACT_CONTRACT;
    if (*kind && !contract_kind_parse(kind, &w->c.kind) && strcasecmp(kind, "itt") != 0 &&
        strcasecmp(kind, "invitation to tender") != 0)
        complain(c, w->line, C_KIND, "'%s': contract or tender", kind);
    else if (*kind && !contract_kind_parse(kind, &w->c.kind))
        w->c.kind = CONTRACT_TENDER;
    if (*by && !body_parse(by, &w->c.body))
        complain(c, w->line, C_BODY, "'%s': pcc or force (or PCC, OPCC, Chief Constable)", by);
    else if (!*by && c->o->body < 0)
        complain(c, w->line, C_BODY, "empty: whose contract is it, pcc or force?");
    else if (!*by)
        w->c.body = (enum contract_body)c->o->body;
}

static void check_supplier(struct checker *c, struct row *w)
{
    if (!*w->f[C_SUPPLIER] && w->c.kind == CONTRACT_CONTRACT)
        complain(c, w->line, C_SUPPLIER, "empty: a contract has a supplier");
    if (*w->f[C_SUPPLIER_ID] && !table_org_id(w->f[C_SUPPLIER_ID]))
        complain(c, w->line, C_SUPPLIER_ID,
                 "'%s' is not an org-id (org-id.guide: GB-COH-01234567, GB-CHC-1234567)",
                 w->f[C_SUPPLIER_ID]);
    if (*w->f[C_SUPPLIER_ID] && !*w->f[C_SUPPLIER])
        complain(c, w->line, C_SUPPLIER, "empty, but the supplier id is given");
    w->c.sme = yes_no(w->f[C_SME]);
    w->c.vcse = yes_no(w->f[C_VCSE]);
    if (w->c.sme == -2)
        complain(c, w->line, C_SME, "'%s': yes or no", w->f[C_SME]);
    if (w->c.vcse == -2)
        complain(c, w->line, C_VCSE, "'%s': yes or no", w->f[C_VCSE]);
}

static void check_money(struct checker *c, struct row *w)
{
    if (!money_parse(w->f[C_VALUE], &w->c.value_pence))
        complain(c, w->line, C_VALUE, "'%s' is not an amount in pounds (e.g. 12,500.00)",
                 w->f[C_VALUE]);
    else if (w->c.value_pence < 0)
        complain(c, w->line, C_VALUE, "negative: a contract's value is what it is worth");
    w->c.vat_pence = -1;
    if (*w->f[C_VAT] && (!money_parse(w->f[C_VAT], &w->c.vat_pence) || w->c.vat_pence < 0))
        complain(c, w->line, C_VAT, "'%s' is not an amount in pounds, nothing or more",
                 w->f[C_VAT]);
}

static void check_dates(struct checker *c, struct row *w)
{
    bool start = table_date(w->f[C_START], 1990, w->start);
    if (!start)
        complain(c, w->line, C_START, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                 w->f[C_START]);
    if (*w->f[C_END] && !table_date(w->f[C_END], 1990, w->end))
        complain(c, w->line, C_END, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)", w->f[C_END]);
    else if (*w->end && start && strcmp(w->end, w->start) < 0)
        complain(c, w->line, C_END, "%s is before the start date, %s", w->end, w->start);
    if (*w->f[C_REVIEW] && !table_date(w->f[C_REVIEW], 1990, w->review))
        complain(c, w->line, C_REVIEW, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                 w->f[C_REVIEW]);
}

/* Printable ASCII: a reference names the contract's page and its end
 * date's clock (store/contracts.h), whose subjects are no more. */
static bool ascii_printable(const char *s)
{
    for (; *s; s++)
        if (*s <= ' ' || *s > '~')
            return false;
    return true;
}

const char *contract_ref_problem(const char *ref)
{
    if (!*ref)
        return "empty";
    if (strpbrk(ref, "/?#%\\ \t"))
        return "a reference has no spaces, slashes, ? # % or \\";
    if (!ascii_printable(ref))
        return "a reference is letters, digits and ASCII punctuation";
    return NULL;
}

static void check_ids(struct checker *c, struct row *w)
{
    const char *why = contract_ref_problem(w->f[C_REF]);
    if (why && !*w->f[C_REF])
        complain(c, w->line, C_REF, "%s", why);
    else if (why)
        complain(c, w->line, C_REF, "'%s': %s", w->f[C_REF], why);
    const char *prefix = c->o->ocid_prefix ? c->o->ocid_prefix : CONTRACT_OCID_PREFIX;
    if (*w->f[C_OCID] && (strncmp(w->f[C_OCID], "ocds-", 5) != 0 || strlen(w->f[C_OCID]) > 150))
        complain(c, w->line, C_OCID, "'%s' is not an ocid (ocds-PREFIX-ID)", w->f[C_OCID]);
    snprintf(w->ocid, sizeof w->ocid, "%s%s%s", *w->f[C_OCID] ? w->f[C_OCID] : prefix,
             *w->f[C_OCID] ? "" : "-", *w->f[C_OCID] ? "" : w->f[C_REF]);
    if (*w->f[C_DOCUMENT] && !contract_url_valid(w->f[C_DOCUMENT]))
        complain(c, w->line, C_DOCUMENT, "'%s' is not an http(s) address (500 bytes at most)",
                 w->f[C_DOCUMENT]);
}

/* The plan's mission and strategy keys, whatever plan is loaded: a key
 * names its mission by number, so a later plan's titles are shown. */
static void check_serves(struct checker *c, struct row *w)
{
    struct buf keys = BUF_INIT;
    char bad[64];
    if (!plan_keys_normalise(w->f[C_SERVES], &keys, bad, sizeof bad))
        complain(c, w->line, C_SERVES,
                 "'%s' is not a key of the plan's missions (m1, or m2.s3 for a strategy)", bad);
    w->serves = keys.p ? keys.p : xstrdup("");
}

/* Checks one row's fields and fills w->c. */
static void check_row(struct checker *c, struct row *w)
{
    check_text(c, w);
    check_kind_body(c, w);
    check_supplier(c, w);
    check_money(c, w);
    check_dates(c, w);
    check_ids(c, w);
    check_serves(c, w);
    if (!*w->f[C_TITLE])
        complain(c, w->line, C_TITLE, "empty: what is the contract for?");
    if (!method_parse(w->f[C_METHOD], &w->c.method))
        complain(c, w->line, C_METHOD,
                 "'%s': open, selective, limited or direct (or invitation to tender, quote,"
                 " framework call-off, direct award)",
                 w->f[C_METHOD]);
    w->c.ref = w->f[C_REF];
    w->c.title = w->f[C_TITLE];
    w->c.description = w->f[C_DESCRIPTION];
    w->c.department = w->f[C_DEPARTMENT];
    w->c.supplier = w->f[C_SUPPLIER];
    w->c.supplier_id = w->f[C_SUPPLIER_ID];
    w->c.method_details = w->f[C_METHOD];
    w->c.document_url = w->f[C_DOCUMENT];
    w->c.funding = w->f[C_FUNDING];
    w->c.serves = w->serves;
    w->c.line = w->line;
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
        } else if (csv_record_blank(&rec)) {
            continue;
        } else if (c->n == CONTRACT_FILE_MAX_ROWS) {
            complain(c, rec.line, -1, "more than %d rows: split the file", CONTRACT_FILE_MAX_ROWS);
            break;
        } else {
            add_row(c, &rec);
        }
    }
    if (header && c->nerrors == 0)
        complain(c, 1, -1, "empty file: no header");
    table_close(reader);
}

static int by_ref_line(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    int c = strcmp(x->f[C_REF], y->f[C_REF]);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A reference twice in the file, found by sorting the rows by reference
 * (a file has up to CONTRACT_FILE_MAX_ROWS rows); they are published in
 * that order. */
static void check_duplicates(struct checker *c)
{
    if (c->n)
        qsort(c->rows, c->n, sizeof *c->rows, by_ref_line);
    for (size_t i = 1; i < c->n; i++)
        if (*c->rows[i].f[C_REF] && strcmp(c->rows[i].f[C_REF], c->rows[i - 1].f[C_REF]) == 0)
            complain(c, c->rows[i].line, C_REF, "'%s' is also on line %ld", c->rows[i].f[C_REF],
                     c->rows[i - 1].line);
}

static void rows_free(struct checker *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (int k = 0; k < NCOLUMNS; k++)
            free(c->rows[i].f[k]);
        free(c->rows[i].serves);
    }
    free(c->rows);
}

/* Publishes the checked rows; 0, 2 (a reason is needed) or 1. */
static int publish(struct store *s, struct checker *c, const struct buf *bytes,
                   const struct audit_origin *by, struct buf *err)
{
    struct contract *list = xcalloc(c->n, sizeof *list);
    int *out = xcalloc(c->n, sizeof *out);
    for (size_t i = 0; i < c->n; i++) {
        list[i] = c->rows[i].c;
        list[i].ocid = c->rows[i].ocid; /* the row's own arrays: rows moved since */
        list[i].start_on = c->rows[i].start;
        list[i].end_on = c->rows[i].end;
        list[i].review_on = c->rows[i].review;
    }
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes->p, bytes->len, sha);
    const char *slash = strrchr(c->path, '/');
    struct contract_source src = {slash ? slash + 1 : c->path, sha};
    struct buf why = BUF_INIT;
    int rc = store_contracts_publish(s, list, c->n, c->o->reason, &src, by, c->o->today,
                                     c->o->dry_run, out, &why);
    if (rc == CONTRACT_NEEDS_REASON) /* "line N: ..." lines, as FILE:N: ... */
        for (const char *l = why.p; l && *l; l = strchr(l, '\n') + 1)
            buf_printf(err, "%s:%.*s\n", c->path, (int)(strchr(l, '\n') - l) - 5, l + 5);
    else if (rc < 0)
        buf_printf(err, "%s: %s", c->path, buf_str(&why));
    if (rc == 0) {
        c->rep->n = c->n;
        c->rep->refs = xcalloc(c->n, sizeof *c->rep->refs);
        c->rep->versions = out;
        out = NULL;
        for (size_t i = 0; i < c->n; i++)
            c->rep->refs[i] = xstrdup(list[i].ref);
    }
    buf_free(&why);
    free(out);
    free(list);
    return rc == 0 ? 0 : rc == CONTRACT_NEEDS_REASON ? 2 : 1;
}

/* A .json file, or one that starts as a JSON object does: OCDS. */
static bool looks_like_json(const char *path, const struct buf *bytes)
{
    size_t n = strlen(path);
    if (n >= 5 && strcasecmp(path + n - 5, ".json") == 0)
        return true;
    size_t i = bytes->len >= 3 && memcmp(bytes->p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < bytes->len && strchr(" \t\r\n", bytes->p[i]) && bytes->p[i])
        i++;
    return i < bytes->len && bytes->p[i] == '{';
}

int contract_file_import(struct store *s, const char *path, const struct contract_file_options *o,
                         const struct audit_origin *by, struct contract_file_report *rep,
                         struct buf *err)
{
    *rep = (struct contract_file_report){0};
    struct buf bytes = BUF_INIT;
    if (!table_file_read(path, CONTRACT_FILE_MAX_BYTES, &bytes, err)) {
        buf_putc(err, '\n');
        buf_free(&bytes);
        return 2;
    }
    if (looks_like_json(path, &bytes)) {
        int rc = contract_ocds_import(s, path, &bytes, o, by, rep, err);
        buf_free(&bytes);
        return rc;
    }
    struct checker c = {.path = path, .o = o, .err = err, .rep = rep};
    read_rows(&c, &bytes);
    if (c.n == 0 && c.nerrors == 0)
        complain(&c, 1, -1, "no contracts after the header");
    check_duplicates(&c);
    int rc = c.nerrors ? 2 : publish(s, &c, &bytes, by, err);
    if (c.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, c.nerrors - MAX_REPORTED_ERRORS);
    if (rc != 0) /* a report only of what was imported */
        contract_file_report_free(rep);
    rows_free(&c);
    buf_free(&bytes);
    return rc;
}

void contract_file_report_free(struct contract_file_report *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->refs[i]);
    free(r->refs);
    free(r->versions);
    buf_free(&r->ignored);
    *r = (struct contract_file_report){0};
}
