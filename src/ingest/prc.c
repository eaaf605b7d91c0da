/*
 * prc.c - recognising and checking Home Office recorded-crime rows (see prc.h).
 */
#include "ingest/prc.h"
#include "util/month.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const column_names[PRC_COLUMNS] = {
    [PRC_FY] = "Financial Year",   [PRC_QUARTER] = "Financial Quarter",
    [PRC_FORCE] = "Force Name",    [PRC_DESCRIPTION] = "Offence Description",
    [PRC_GROUP] = "Offence Group", [PRC_SUBGROUP] = "Offence Subgroup",
    [PRC_CODE] = "Offence Code",   [PRC_COUNT] = "Number of Offences"};

/* Header names each column is known by, squashed (see squash()). The
 * published name comes first; the others are how re-exports have spelt it. */
static const char *const known_names[PRC_COLUMNS][4] = {
    [PRC_FY] = {"financialyear", "fy"},
    [PRC_QUARTER] = {"financialquarter", "quarter"},
    [PRC_FORCE] = {"forcename", "force", "policeforcearea"},
    [PRC_DESCRIPTION] = {"offencedescription"},
    [PRC_GROUP] = {"offencegroup"},
    [PRC_SUBGROUP] = {"offencesubgroup"},
    [PRC_CODE] = {"offencecode"},
    [PRC_COUNT] = {"numberofoffences"},
};

#define NO_COLUMN ((size_t)-1)

const char *prc_column_name(enum prc_column c)
{
    assert(c >= 0 && c < PRC_COLUMNS);
    return column_names[c];
}

static void problem(struct prc_problem *why, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct prc_problem *why, const char *column, const char *fmt, ...)
{
    why->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why->reason, sizeof why->reason, fmt, ap);
    va_end(ap);
}

/* A field's text for a message: at most 40 bytes, anything unprintable
 * shown as '?', so that a reason is always one line of text. */
static const char *shown(struct text t, char out[48])
{
    size_t n = t.len > 40 ? 40 : t.len;
    for (size_t i = 0; i < n; i++)
        out[i] = isprint((unsigned char)t.p[i]) ? t.p[i] : '?';
    snprintf(out + n, 48 - n, "%s", t.len > 40 ? "..." : "");
    return out;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static struct text trimmed(const struct csv_field *f)
{
    struct text t = {f->p, f->len};
    while (t.len > 0 && blank(t.p[0])) {
        t.p++;
        t.len--;
    }
    while (t.len > 0 && blank(t.p[t.len - 1]))
        t.len--;
    return t;
}

/* Lower-case letters and digits only: "Number of Offences" and
 * "number_of_offences" are both "numberofoffences". */
static void squash(const struct csv_field *f, char *out, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < f->len && k + 1 < n; i++)
        if (isalnum((unsigned char)f->p[i]))
            out[k++] = (char)tolower((unsigned char)f->p[i]);
    out[k] = '\0';
}

static int column_of(const char *squashed)
{
    for (int c = 0; c < PRC_COLUMNS; c++)
        for (int i = 0; i < 4 && known_names[c][i]; i++)
            if (strcmp(squashed, known_names[c][i]) == 0)
                return c;
    return -1;
}

bool prc_parse_header(const struct csv_record *rec, struct prc_header *h, struct prc_problem *why)
{
    if (rec->error) {
        problem(why, NULL, "malformed CSV in the header: %s", rec->error);
        return false;
    }
    for (int c = 0; c < PRC_COLUMNS; c++)
        h->col[c] = NO_COLUMN;
    h->width = rec->nfields;
    for (size_t i = 0; i < rec->nfields; i++) {
        char sq[64];
        squash(&rec->fields[i], sq, sizeof sq);
        int c = column_of(sq);
        if (c < 0)
            continue; /* a column later releases added: not needed */
        if (h->col[c] != NO_COLUMN) {
            problem(why, column_names[c], "column appears twice (fields %zu and %zu)",
                    h->col[c] + 1, i + 1);
            return false;
        }
        h->col[c] = i;
    }
    char missing[128] = "";
    size_t k = 0;
    for (int c = 0; c < PRC_COLUMNS; c++)
        if (h->col[c] == NO_COLUMN && k < sizeof missing)
            k += (size_t)snprintf(missing + k, sizeof missing - k, "%s%s", k ? ", " : "",
                                  column_names[c]);
    if (k > 0) {
        problem(why, NULL, "not a Home Office recorded-crime table: no column %s", missing);
        return false;
    }
    return true;
}

bool prc_parse_count(const char *p, size_t n, int64_t *out)
{
    struct csv_field f = {p, n};
    struct text t = trimmed(&f);
    bool negative = t.len > 0 && t.p[0] == '-';
    size_t i = negative ? 1 : 0, digits = 0, group = 0;
    bool separated = false; /* a thousands separator has been seen */
    int64_t v = 0;
    for (; i < t.len; i++) {
        char c = t.p[i];
        if (c == ',') {
            /* "1,234": a first group of 1-3 digits, then groups of exactly 3 */
            if (group == 0 || group > 3 || (separated && group != 3))
                return false;
            separated = true;
            group = 0;
            continue;
        }
        if (c < '0' || c > '9' || ++digits > 15) /* 15 digits cannot overflow int64 */
            return false;
        v = v * 10 + (c - '0');
        group++;
    }
    if (digits == 0 || (separated && group != 3))
        return false;
    *out = negative ? -v : v;
    return true;
}

static bool parse_fy(struct text t, int *fy)
{
    char s[16];
    if (t.len == 0 || t.len >= sizeof s || memchr(t.p, '\0', t.len))
        return false;
    memcpy(s, t.p, t.len);
    s[t.len] = '\0';
    return fy_parse(s, fy);
}

/* "1".."4", or "Q1".."Q4" as some re-exports write it. */
static bool parse_quarter(struct text t, int *q)
{
    if (t.len == 2 && (t.p[0] == 'Q' || t.p[0] == 'q')) {
        t.p++;
        t.len--;
    }
    if (t.len != 1 || t.p[0] < '1' || t.p[0] > '4')
        return false;
    *q = t.p[0] - '0';
    return true;
}

static struct text field(const struct prc_header *h, const struct csv_record *rec,
                         enum prc_column c)
{
    assert(h->col[c] < rec->nfields && "rows are checked against the header width first");
    return trimmed(&rec->fields[h->col[c]]);
}

/* The text columns: force, group and code must not be empty (every total
 * is by force and group; the code identifies the row). */
static bool parse_texts(const struct prc_header *h, const struct csv_record *rec,
                        struct prc_row *out, struct prc_problem *why)
{
    out->force = field(h, rec, PRC_FORCE);
    out->description = field(h, rec, PRC_DESCRIPTION);
    out->group = field(h, rec, PRC_GROUP);
    out->subgroup = field(h, rec, PRC_SUBGROUP);
    out->code = field(h, rec, PRC_CODE);
    const enum prc_column required[] = {PRC_FORCE, PRC_GROUP, PRC_CODE};
    const struct text *values[] = {&out->force, &out->group, &out->code};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (values[i]->len == 0) {
            problem(why, column_names[required[i]], "empty");
            return false;
        }
    }
    return true;
}

bool prc_parse_row(const struct prc_header *h, const struct csv_record *rec, struct prc_row *out,
                   struct prc_problem *why)
{
    char buf[48];
    if (rec->error) {
        problem(why, NULL, "malformed CSV: %s", rec->error);
        return false;
    }
    if (rec->nfields != h->width) {
        problem(why, NULL, "%zu fields where the header has %zu", rec->nfields, h->width);
        return false;
    }
    struct text t = field(h, rec, PRC_FY);
    if (!parse_fy(t, &out->fy)) {
        problem(why, column_names[PRC_FY], "not a financial year such as 2017/18: '%s'",
                shown(t, buf));
        return false;
    }
    t = field(h, rec, PRC_QUARTER);
    if (!parse_quarter(t, &out->quarter)) {
        problem(why, column_names[PRC_QUARTER], "not a quarter 1 to 4: '%s'", shown(t, buf));
        return false;
    }
    if (!parse_texts(h, rec, out, why))
        return false;
    const struct csv_field *count = &rec->fields[h->col[PRC_COUNT]];
    if (!prc_parse_count(count->p, count->len, &out->count)) {
        problem(why, column_names[PRC_COUNT], "not a whole number: '%s'",
                shown(trimmed(count), buf));
        return false;
    }
    return true;
}
