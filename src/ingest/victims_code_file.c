/*
 * victims_code_file.c - the Victims' Code compliance audit from CSV (see
 * victims_code_file.h).
 */
#include "ingest/victims_code_file.h"
#include "ingest/csv.h"
#include "model/victims_code.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/sha256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct audit_row {
    int quarter;
    size_t area;
    long long checked, met;
    long line;
};

struct check {
    struct csv_problems p;
    struct audit_row *rows;
    size_t n;
};

/* A count written as digits only, within 0..max. */
static bool count_ok(const char *s, long long max, long long *out)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
        return false;
    *out = strtoll(s, NULL, 10);
    return *out <= max;
}

/* Checks one row's four fields into r; false after a problem. */
static bool parse_row(struct check *c, const struct csv_record *rec, char **f, struct audit_row *r)
{
    const struct victims_code_area *a = victims_code_area_named(f[1]);
    if (!period_parse(f[0], PERIOD_QUARTER, &r->quarter))
        csv_problemf(&c->p, rec->line, "quarter", "\"%s\" is not a financial quarter (2025-26 Q1)",
                     f[0]);
    else if (!a)
        csv_problemf(&c->p, rec->line, "area",
                     "\"%s\" is not acknowledgement, referral, updates, vps or release", f[1]);
    else if (!count_ok(f[2], 1000000, &r->checked) || r->checked == 0)
        csv_problemf(&c->p, rec->line, "checked", "a count of 1 to 1,000,000, digits only");
    else if (!count_ok(f[3], r->checked, &r->met))
        csv_problemf(&c->p, rec->line, "met", "a count of 0 to checked (%lld), digits only",
                     r->checked);
    else {
        while (victims_code_area_at(r->area) != a)
            r->area++;
        return true;
    }
    return false;
}

static void check_row(struct check *c, const struct csv_record *rec)
{
    if (rec->nfields != 4) {
        csv_problemf(&c->p, rec->line, NULL,
                     "a row has 4 fields (quarter,area,checked,met), not %zu", rec->nfields);
        return;
    }
    char *f[4];
    for (int i = 0; i < 4; i++)
        f[i] = csv_field_text(rec, i);
    struct audit_row r = {.line = rec->line};
    bool ok = parse_row(c, rec, f, &r);
    for (size_t i = 0; ok && i < c->n; i++)
        if (c->rows[i].quarter == r.quarter && c->rows[i].area == r.area) {
            csv_problemf(&c->p, rec->line, "area", "%s is given twice for %s", f[1], f[0]);
            ok = false;
        }
    if (ok && c->n == VICTIMS_CODE_ROWS_MAX) {
        csv_problemf(&c->p, rec->line, NULL, "more than %d rows", VICTIMS_CODE_ROWS_MAX);
        ok = false;
    }
    if (ok) {
        c->rows = xrealloc(c->rows, (c->n + 1) * sizeof *c->rows);
        c->rows[c->n++] = r;
    }
    for (int i = 0; i < 4; i++)
        free(f[i]);
}

static void record(void *arg, const struct csv_record *rec, bool header)
{
    struct check *c = arg;
    if (!header) {
        check_row(c, rec);
        return;
    }
    static const char *const want[] = {"quarter", "area", "checked", "met"};
    bool ok = rec->nfields == 4;
    for (int i = 0; ok && i < 4; i++) {
        char *h = csv_field_text(rec, i);
        ok = strcmp(h, want[i]) == 0;
        free(h);
    }
    if (!ok)
        csv_problemf(&c->p, rec->line, NULL,
                     "the first line must be the header quarter,area,checked,met");
}

/* One metric value per quarter: the sums of its rows. */
static size_t quarter_values(const struct check *c, const char *metric, const char *source,
                             struct metric_value *v, char (*notes)[160])
{
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t k = 0;
        while (k < n && v[k].period_start != c->rows[i].quarter)
            k++;
        if (k == n) {
            v[n++] = (struct metric_value){.metric_key = metric,
                                           .kind = PERIOD_QUARTER,
                                           .period_start = c->rows[i].quarter,
                                           .area = "",
                                           .has_numerator = true,
                                           .has_denominator = true,
                                           .source = source,
                                           .note = notes[k],
                                           .line = c->rows[i].line};
            snprintf(notes[k], sizeof notes[k], "areas audited:");
        }
        v[k].numerator += (double)c->rows[i].met;
        v[k].denominator += (double)c->rows[i].checked;
        size_t len = strlen(notes[k]);
        snprintf(notes[k] + len, sizeof notes[k] - len, " %s",
                 victims_code_area_at(c->rows[i].area)->code);
    }
    for (size_t k = 0; k < n; k++)
        v[k].value = 100.0 * v[k].numerator / v[k].denominator;
    return n;
}

/* The metric must be the plan's loaded percentage. */
static int metric_refused(struct store *s, const char *metric, struct buf *err)
{
    struct metric_info info;
    if (store_metric_info(s, metric, &info, err) < 0)
        return 1;
    if (info.found && info.loaded && info.unit == UNIT_PERCENT)
        return 0;
    buf_printf(err, "metric %s is not a loaded percentage of a plan in the store\n", metric);
    return 2;
}

static int save(struct store *s, const struct check *c, const char *metric, const struct buf *text,
                const struct load_origin *origin, struct metric_load_counts *counts,
                struct buf *err)
{
    struct metric_value *v = xcalloc(c->n, sizeof *v);
    char(*notes)[160] = xcalloc(c->n, sizeof *notes);
    char source[256], hash[17], sha[SHA256_HEX_SIZE];
    snprintf(source, sizeof source, "%s (%s)", victims_code_method, c->p.path);
    size_t n = quarter_values(c, metric, source, v, notes);
    snprintf(hash, sizeof hash, "%016llx",
             (unsigned long long)hash_bytes(buf_str(text), text->len));
    sha256_of(buf_str(text), text->len, sha);
    char *where = realpath(c->p.path, NULL);
    struct data_load file = {.path = where ? where : c->p.path,
                             .sha256 = sha,
                             .bytes = (int64_t)text->len,
                             .origin = origin ? *origin : (struct load_origin){0}};
    int rc = store_metric_values_save(s, hash, &file, v, n, counts, err) == 0 ? 0 : 1;
    free(where);
    free(notes);
    free(v);
    return rc;
}

int victims_code_file_load(struct store *s, const char *path, const char *metric,
                           const struct load_origin *origin, struct metric_load_counts *counts,
                           struct buf *err)
{
    *counts = (struct metric_load_counts){0};
    metric = metric ? metric : VICTIMS_CODE_METRIC;
    int rc = metric_refused(s, metric, err);
    if (rc)
        return rc;
    struct check c = {{path, err, 0}, NULL, 0};
    if (!csv_check_file(path, VICTIMS_CODE_FILE_MAX, err, &c.p.n, CSV_PROBLEMS_MAX, record, &c))
        rc = 2;
    else if (!c.p.n && c.n == 0)
        csv_problemf(&c.p, 0, NULL, "the file has no rows");
    if (rc == 0 && c.p.n)
        rc = 2;
    struct buf text = BUF_INIT;
    if (rc == 0)
        rc = buf_read_file(&text, path, err) ? 0 : 2;
    if (rc == 0)
        rc = save(s, &c, metric, &text, origin, counts, err);
    buf_free(&text);
    free(c.rows);
    return rc;
}
