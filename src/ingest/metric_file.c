/*
 * metric_file.c - reading and checking a metric values file (see
 * metric_file.h).
 *
 * The file is read whole (such files are a few thousand rows at most): its
 * bytes give the content hash recorded with the load, and every row is
 * checked against the plans before one value is stored.
 */
#include "ingest/metric_file.h"
#include "ingest/csv.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/sha256.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_REPORTED_ERRORS 50

enum column {
    C_METRIC,
    C_PERIOD,
    C_AREA,
    C_VALUE,
    C_NUMERATOR,
    C_DENOMINATOR,
    C_SOURCE,
    C_NOTE,
    NCOLUMNS
};

static const char *const column_names[NCOLUMNS] = {"metric",    "period",      "area",   "value",
                                                   "numerator", "denominator", "source", "note"};

/* The file being checked: where each column is, and what went wrong. */
struct checker {
    const char *path;
    struct store *store;
    int col[NCOLUMNS]; /* field index, or -1 */
    struct buf *err;
    int nerrors;
    struct metric_info *infos; /* one per distinct metric id seen */
    char **info_keys;
    size_t ninfos;
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
        int k = 0;
        while (k < NCOLUMNS && strcasecmp(name, column_names[k]) != 0)
            k++;
        if (k == NCOLUMNS)
            complain(c, rec->line, NULL,
                     "unknown column '%s' (columns: metric, period, area, "
                     "value, numerator, denominator, source, note)",
                     name);
        else if (c->col[k] >= 0)
            complain(c, rec->line, NULL, "column '%s' appears twice", name);
        else
            c->col[k] = (int)i;
        free(name);
    }
    for (int k = C_METRIC; k <= C_VALUE; k++)
        if (k != C_AREA && c->col[k] < 0)
            complain(c, rec->line, NULL, "no '%s' column", column_names[k]);
    return c->nerrors ? -1 : 0;
}

/* The plans' description of a metric id, looked up once per id. */
static const struct metric_info *info_for(struct checker *c, const char *key)
{
    for (size_t i = 0; i < c->ninfos; i++)
        if (strcmp(c->info_keys[i], key) == 0)
            return &c->infos[i];
    c->infos = xrealloc(c->infos, (c->ninfos + 1) * sizeof *c->infos);
    c->info_keys = xrealloc(c->info_keys, (c->ninfos + 1) * sizeof *c->info_keys);
    c->info_keys[c->ninfos] = xstrdup(key);
    struct metric_info *info = &c->infos[c->ninfos++];
    struct buf err = BUF_INIT;
    if (store_metric_info(c->store, key, info, &err) < 0)
        info->found = false; /* reported as unknown; the store error follows on save */
    buf_free(&err);
    return info;
}

/* Parses a number written plainly ("12", "-3.5", "90.0"); *decimals gets
 * how many digits follow the point, for the consistency check. */
static bool parse_number(const char *s, double *out, int *decimals)
{
    if (!*s)
        return false;
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    if (*end || errno || !isfinite(*out) || isalpha((unsigned char)s[strspn(s, "+-")]))
        return false;
    const char *dot = strchr(s, '.');
    *decimals = dot ? (int)strspn(dot + 1, "0123456789") : 0;
    return true;
}

static bool value_fits_unit(struct checker *c, long line, enum metric_unit unit, double v)
{
    const char *why = NULL;
    if (unit == UNIT_PERCENT && (v < 0 || v > 100))
        why = "a percentage must be between 0 and 100";
    else if (unit == UNIT_COUNT && (v < 0 || v != floor(v)))
        why = "a count must be a whole number, 0 or more";
    else if ((unit == UNIT_RATE_PER_1000 || unit == UNIT_HOURS) && v < 0)
        why = "must not be negative";
    else if (unit == UNIT_YES_NO && v != 0 && v != 1)
        why = "must be yes or no (or 1 or 0)";
    if (why)
        complain(c, line, "value", "%g: %s", v, why);
    return why == NULL;
}

static bool parse_value(struct checker *c, long line, const char *text, enum metric_unit unit,
                        double *v, int *decimals)
{
    *decimals = 0;
    if (unit == UNIT_YES_NO && (strcasecmp(text, "yes") == 0 || strcasecmp(text, "no") == 0)) {
        *v = strcasecmp(text, "yes") == 0;
        return true;
    }
    if (!parse_number(text, v, decimals)) {
        complain(c, line, "value", "'%s' is not a number%s", text,
                 strchr(text, ',') || strchr(text, '%') ? " (write it without , or %)" : "");
        return false;
    }
    return value_fits_unit(c, line, unit, *v);
}

/* A percentage or rate must be what its numerator and denominator give, to
 * the decimals it is written with: a mismatch is a sign of a wrong row. */
static void check_ratio(struct checker *c, long line, const struct metric_value *v,
                        enum metric_unit unit, int decimals)
{
    double scale = unit == UNIT_PERCENT ? 100 : unit == UNIT_RATE_PER_1000 ? 1000 : 0;
    if (scale == 0 || !v->has_numerator)
        return;
    double expected = v->numerator / v->denominator * scale;
    if (fabs(expected - v->value) > 0.5 * pow(10, -decimals) + 1e-9)
        complain(c, line, "value", "%s does not match numerator / denominator (%g / %g gives %.*f)",
                 unit == UNIT_PERCENT ? "percentage" : "rate", v->numerator, v->denominator,
                 decimals + 1, expected);
}

static bool parse_optional_count(struct checker *c, long line, const char *field, const char *text,
                                 bool *has, double *out)
{
    int decimals;
    *has = *text != '\0';
    if (!*has)
        return true;
    if (!parse_number(text, out, &decimals) || *out < 0) {
        complain(c, line, field, "'%s' is not a number of 0 or more", text);
        return false;
    }
    return true;
}

static bool check_metric(struct checker *c, long line, const char *key,
                         const struct metric_info **info)
{
    *info = NULL;
    if (!*key) {
        complain(c, line, "metric", "empty");
        return false;
    }
    const struct metric_info *i = info_for(c, key);
    if (!i->found)
        complain(c, line, "metric", "'%s' is not a metric of any loaded plan (peel plan show)",
                 key);
    else if (!i->loaded)
        complain(c, line, "metric",
                 "'%s' is computed from recorded crime; its values cannot be loaded", key);
    else
        *info = i;
    return *info != NULL;
}

static const char *const period_examples[] = {
    "a month like 2023-04", "a financial quarter like 2023-24 Q1", "a financial year like 2023-24"};

/* Reads one data row into v (its strings owned by the caller's arrays). */
static bool read_row(struct checker *c, const struct csv_record *rec, struct metric_value *v,
                     char **texts)
{
    long line = rec->line;
    for (int k = 0; k < NCOLUMNS; k++)
        texts[k] = csv_field_text(rec, c->col[k]);
    const struct metric_info *info;
    bool ok = check_metric(c, line, texts[C_METRIC], &info);
    *v = (struct metric_value){.metric_key = texts[C_METRIC],
                               .area = texts[C_AREA],
                               .source = texts[C_SOURCE],
                               .note = texts[C_NOTE],
                               .line = line};
    if (info) {
        v->kind = metric_period_kind(info->frequency);
        if (!period_parse(texts[C_PERIOD], v->kind, &v->period_start)) {
            complain(c, line, "period", "'%s' is not %s (%s is reported %s)", texts[C_PERIOD],
                     period_examples[v->kind], texts[C_METRIC],
                     metric_frequency_name(info->frequency));
            ok = false;
        }
    }
    int decimals = 0;
    ok &= parse_optional_count(c, line, "numerator", texts[C_NUMERATOR], &v->has_numerator,
                               &v->numerator);
    ok &= parse_optional_count(c, line, "denominator", texts[C_DENOMINATOR], &v->has_denominator,
                               &v->denominator);
    if (v->has_numerator != v->has_denominator || (v->has_denominator && v->denominator == 0)) {
        complain(c, line, v->has_numerator ? "denominator" : "numerator",
                 v->has_denominator && v->denominator == 0
                     ? "a denominator of 0 gives no value"
                     : "numerator and denominator go together: give both or neither");
        ok = false;
    }
    if (info && parse_value(c, line, texts[C_VALUE], info->unit, &v->value, &decimals) && ok)
        check_ratio(c, line, v, info->unit, decimals);
    return ok && info && c->nerrors == 0;
}

static void check_duplicates(struct checker *c, const struct metric_value *v, size_t n)
{
    struct hmap seen;
    hmap_init(&seen);
    struct buf key = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        buf_reset(&key);
        buf_printf(&key, "%s\037%s\037%d\037%d", v[i].metric_key, v[i].area, (int)v[i].kind,
                   v[i].period_start);
        int inserted;
        int64_t *first = hmap_put(&seen, key.p, key.len, &inserted);
        if (inserted) {
            *first = (int64_t)i;
            continue;
        }
        char period[PERIOD_TEXT_SIZE];
        period_format(v[i].kind, v[i].period_start, period);
        complain(c, v[i].line, NULL, "%s for %s%s%s is already given on line %ld", v[i].metric_key,
                 period, *v[i].area ? " in " : "", v[i].area, v[*first].line);
    }
    buf_free(&key);
    hmap_free(&seen);
}

/* The rows read so far, with the strings they point into. */
struct rows {
    struct metric_value *v;
    char *(*texts)[NCOLUMNS];
    size_t n, cap;
};

static void rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (int k = 0; k < NCOLUMNS; k++)
            free(r->texts[i][k]);
    free(r->v);
    free(r->texts);
}

static void checker_free(struct checker *c)
{
    for (size_t i = 0; i < c->ninfos; i++)
        free(c->info_keys[i]);
    free(c->info_keys);
    free(c->infos);
}

/* Reads every row of the file's text, checking each. */
static void read_rows(struct checker *c, const struct buf *text, struct rows *r)
{
    struct csv_memory src = {buf_str(text), text->len};
    struct csv_reader *reader = csv_open(csv_read_memory, &src);
    struct csv_record rec;
    bool header = true;
    while (csv_next(reader, &rec) > 0) {
        if (rec.error) {
            complain(c, rec.line, NULL, "malformed CSV: %s", rec.error);
            continue;
        }
        if (csv_record_blank(&rec))
            continue;
        if (header) {
            header = false;
            if (read_header(c, &rec) < 0)
                break;
            continue;
        }
        if (r->n == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 256;
            r->v = xrealloc(r->v, r->cap * sizeof *r->v);
            r->texts = xrealloc(r->texts, r->cap * sizeof *r->texts);
        }
        read_row(c, &rec, &r->v[r->n], r->texts[r->n]);
        r->n++;
    }
    csv_close(reader);
    if (header)
        complain(c, 1, NULL, "empty file");
    else if (r->n == 0 && c->nerrors == 0)
        complain(c, 2, NULL, "no values");
}

int metric_file_load(struct store *s, const char *path, const struct load_origin *origin,
                     struct metric_load_counts *counts, struct buf *err)
{
    *counts = (struct metric_load_counts){0};
    struct buf text = BUF_INIT;
    if (!buf_read_file(&text, path, err)) {
        buf_free(&text);
        return 2;
    }
    struct checker c = {.path = path, .store = s, .err = err};
    struct rows r = {0};
    read_rows(&c, &text, &r);
    if (c.nerrors == 0)
        check_duplicates(&c, r.v, r.n);
    if (c.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, c.nerrors - MAX_REPORTED_ERRORS);
    int rc = c.nerrors ? 2 : 0;
    if (rc == 0) {
        char hash[17];
        snprintf(hash, sizeof hash, "%016llx",
                 (unsigned long long)hash_bytes(buf_str(&text), text.len));
        /* Stored absolute: "values.csv" says nothing once the shell has moved on. */
        char *where = realpath(path, NULL), sha256[SHA256_HEX_SIZE];
        sha256_of(buf_str(&text), text.len, sha256);
        struct data_load file = {.path = where ? where : path,
                                 .sha256 = sha256,
                                 .bytes = (int64_t)text.len,
                                 .origin = origin ? *origin : (struct load_origin){0}};
        rc = store_metric_values_save(s, hash, &file, r.v, r.n, counts, err) == 0 ? 0 : 1;
        free(where);
    }
    rows_free(&r);
    checker_free(&c);
    buf_free(&text);
    return rc;
}
