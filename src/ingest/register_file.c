/*
 * register_file.c - reading and checking a file of the registers of
 * interests, gifts and hospitality, or salaries (see register_file.h),
 * then handing it to the store (store/registers.h).
 *
 * The three share one set of columns: each register reads the ones it
 * needs and requires some of those; a column it does not read is left
 * alone, as the other registers' importers leave theirs.
 */
#include "ingest/register_file.h"
#include "ingest/csv.h"
#include "ingest/table_file.h"
#include "model/money.h"
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

enum column {
    C_REF,
    C_NAME,
    C_POST,
    C_DATE,
    C_CATEGORY,
    C_DETAILS,
    C_DONOR,
    C_VALUE,
    C_OUTCOME,
    C_SALARY,
    C_ALLOWANCES,
    NCOLUMNS
};
#define WIDTH 10

/* Each column's name in errors, then the headers offices give it (as
 * table_header_key writes them). */
static const char *const aliases[NCOLUMNS][WIDTH] = {
    [C_REF] = {"ref", "reference", "reference no", "ref no", "entry", "id", NULL},
    [C_NAME] = {"name", "holder", "member", "staff member", "declared by", "recipient", "employee",
                "office holder", NULL},
    [C_POST] = {"post", "role", "office", "job title", "position", NULL},
    [C_DATE] = {"date", "date declared", "declared on", "date received", "date offered",
                "offered on", "as at", "effective from", NULL},
    [C_CATEGORY] = {"category", "type", "interest type", "kind", NULL},
    [C_DETAILS] = {"details", "interest", "description", "responsibilities", "nature",
                   "gift or hospitality", NULL},
    [C_DONOR] = {"donor", "offered by", "provider", "given by", "from whom", NULL},
    [C_VALUE] = {"value", "estimated value", "value gbp", "amount", NULL},
    [C_OUTCOME] = {"outcome", "accepted or declined", "accepted declined", "decision", "status",
                   NULL},
    [C_SALARY] = {"salary", "annual salary", "salary per annum", "pay", NULL},
    [C_ALLOWANCES] = {"allowances", "allowance", "allowances per annum", NULL},
};

#define I_ (1u << REG_INTERESTS)
#define G_ (1u << REG_GIFTS)
#define S_ (1u << REG_SALARIES)
/* Which registers read each column, and which require it. */
static const unsigned reads[NCOLUMNS] = {
    I_ | G_ | S_, I_ | G_ | S_, I_ | G_ | S_, I_ | G_ | S_, I_ | G_, I_ | G_ | S_,
    G_,           G_,           G_,           S_,           S_};
static const unsigned requires[NCOLUMNS] = {
    I_ | G_ | S_, I_ | G_, I_ | G_ | S_, I_ | G_ | S_, I_ | G_, I_ | G_ | S_, G_, G_, G_, S_, 0};

/* The categories each register knows ("nil": a nil return). */
static const char *const interest_categories[] = {
    "employment", "office", "business", "land", "shares", "membership", "other", REG_NIL, NULL};
static const char *const gift_categories[] = {"gift", "hospitality", REG_NIL, NULL};

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
    unsigned me = 1u << c->kind;
    for (int k = 0; k < NCOLUMNS; k++)
        c->col[k] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        char *name = csv_field_text(rec, (int)i), key[128];
        table_header_key(name, key, sizeof key);
        int k = table_column_of(key, &aliases[0][0], NCOLUMNS, WIDTH);
        if (k >= 0 && (reads[k] & me) && c->col[k] >= 0)
            complain(c, rec->line, k, "two columns are the %s ('%s' and another)", aliases[k][0],
                     name);
        else if (k >= 0 && (reads[k] & me))
            c->col[k] = (int)i;
        free(name);
    }
    for (int k = 0; k < NCOLUMNS; k++)
        if ((requires[k] & me) && c->col[k] < 0)
            complain(c, rec->line, -1, "no %s column (docs/registers.md lists the names known)",
                     aliases[k][0]);
    return c->nerrors ? -1 : 0;
}

static bool ref_ok(const char *ref)
{
    size_t n = strlen(ref);
    if (n < 1 || n > REG_REF_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)ref[i]) && !strchr("./_-", ref[i]))
            return false;
    return true;
}

/* The category as stored (lower case) into out, or false. */
static bool category_of(enum reg_kind k, const char *text, char out[16])
{
    const char *const *known = k == REG_INTERESTS ? interest_categories : gift_categories;
    for (int i = 0; known[i]; i++)
        if (strcasecmp(text, known[i]) == 0) {
            snprintf(out, 16, "%s", known[i]);
            return true;
        }
    return false;
}

static bool outcome_of(const char *text, enum reg_outcome *o)
{
    static const char *const words[][2] = {
        {"accepted", "declined"}, {"accept", "decline"}, {"yes", "refused"}, {"", "no"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        for (int k = 0; k < 2; k++)
            if (*words[i][k] && strcasecmp(text, words[i][k]) == 0) {
                *o = k == 0 ? REG_ACCEPTED : REG_DECLINED;
                return true;
            }
    return false;
}

static void check_pounds(struct checker *c, long line, int col, const char *text, bool positive,
                         int64_t *pence)
{
    if (!money_parse(text, pence) || *pence < 0 || (positive && *pence == 0))
        complain(c, line, col, "'%s' is not an amount in pounds%s (e.g. 1,234.56)", text,
                 positive ? " over nothing" : " of nothing or more");
}

/* A gift's donor, value and outcome; a nil return has none of them. */
static void check_gift(struct checker *c, long line, char **f, struct reg_entry *e, bool nil)
{
    for (int k = C_DONOR; nil && k <= C_OUTCOME; k++)
        if (*f[k])
            complain(c, line, k, "a nil return (nothing to declare) has no %s", aliases[k][0]);
    if (nil)
        return;
    if (!*f[C_DONOR])
        complain(c, line, C_DONOR, "empty: who offered it?");
    check_pounds(c, line, C_VALUE, f[C_VALUE], false, &e->value_pence);
    if (!outcome_of(f[C_OUTCOME], &e->outcome))
        complain(c, line, C_OUTCOME, "'%s' is not accepted or declined", f[C_OUTCOME]);
}

static void check_row(struct checker *c, long line, char **f, size_t at)
{
    struct reg_file *rf = c->f;
    struct reg_entry *e = &rf->entries[at];
    *e = (struct reg_entry){.ref = f[C_REF],
                            .holder = f[C_NAME],
                            .post = f[C_POST],
                            .date = rf->dates[at],
                            .category = rf->cats[at],
                            .details = f[C_DETAILS],
                            .donor = f[C_DONOR],
                            .line = line};
    rf->dates[at][0] = rf->cats[at][0] = '\0';
    for (int k = 0; k < NCOLUMNS; k++) {
        long l, col;
        size_t n = strlen(f[k]);
        if (!utf8_valid(f[k], n, &l, &col))
            complain(c, line, k, "not UTF-8 text (at character %ld)", col);
        else if (n > REG_TEXT_MAX)
            complain(c, line, k, "%zu bytes, over the limit of %d", n, REG_TEXT_MAX);
    }
    if (!ref_ok(f[C_REF]))
        complain(c, line, C_REF,
                 "'%s' is not a reference: 1 to %d letters, digits, '.', '/', "
                 "'_' or '-'",
                 f[C_REF], REG_REF_MAX);
    for (size_t i = 0; i < at; i++)
        if (strcmp(rf->entries[i].ref, f[C_REF]) == 0)
            complain(c, line, C_REF, "'%s' is also on line %ld", f[C_REF], rf->entries[i].line);
    if (!*f[C_NAME] && c->kind != REG_SALARIES)
        complain(c, line, C_NAME, "empty: whose entry is it?");
    if (!*f[C_NAME] && c->kind == REG_SALARIES)
        e->holder = REG_WITHHELD; /* 2(d): named only with consent */
    if (!*f[C_POST])
        complain(c, line, C_POST, "empty: the office or job (Police and Crime Commissioner)");
    if (!table_date(f[C_DATE], 2000, rf->dates[at]))
        complain(c, line, C_DATE, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)", f[C_DATE]);
    bool nil = false;
    if (c->kind != REG_SALARIES && !category_of(c->kind, f[C_CATEGORY], rf->cats[at]))
        complain(c, line, C_CATEGORY, "'%s' is not a category of the %s register (%s)",
                 f[C_CATEGORY], reg_kind_word(c->kind),
                 c->kind == REG_INTERESTS ? "employment, office, business, land, shares, "
                                            "membership, other or nil"
                                          : "gift, hospitality or nil");
    else
        nil = strcmp(rf->cats[at], REG_NIL) == 0;
    if (!*f[C_DETAILS] && !nil)
        complain(c, line, C_DETAILS, "empty: %s",
                 c->kind == REG_SALARIES ? "what the post does" : "what is declared");
    if (c->kind == REG_GIFTS)
        check_gift(c, line, f, e, nil);
    if (c->kind == REG_SALARIES) {
        check_pounds(c, line, C_SALARY, f[C_SALARY], true, &e->value_pence);
        if (*f[C_ALLOWANCES])
            check_pounds(c, line, C_ALLOWANCES, f[C_ALLOWANCES], false, &e->allowances_pence);
    }
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
