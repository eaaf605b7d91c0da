/*
 * lookup.c - reading LSOA lookups and populations (see lookup.h).
 *
 * A lookup file is small (35,000 rows for all of England and Wales), so it
 * is read whole into memory before anything is stored: every row is checked
 * first, and a file with a bad row is refused as a whole with every bad line
 * listed, rather than loaded in part. An LSOA (or a force) given twice is
 * such a row, naming both lines: loaded, the later would silently win.
 *
 * The bytes are hashed as they are read, and each load is recorded with
 * the file's SHA-256 in the same transaction (store/loads.h): every rate
 * per 1,000 residents rests on these two files.
 */
#include "ingest/lookup.h"
#include "ingest/lookup_internal.h"
#include "ingest/csv.h"
#include "model/forces.h"
#include "store/areas.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/sha256.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* The file as the CSV reader reads it, hashed on the way: one pass. */
struct hashed_fd {
    int fd;
    struct sha256 hash;
    int64_t bytes;
};

static ssize_t hashed_read(void *source, char *buf, size_t n)
{
    struct hashed_fd *f = source;
    ssize_t got;
    do
        got = read(f->fd, buf, n);
    while (got < 0 && errno == EINTR);
    if (got > 0) {
        sha256_update(&f->hash, buf, (size_t)got);
        f->bytes += got;
    }
    return got;
}

void sheet_free(struct sheet *sh)
{
    for (size_t r = 0; r < sh->nrows; r++) {
        for (size_t c = 0; c < sh->widths[r]; c++)
            free(sh->rows[r][c]);
        free(sh->rows[r]);
    }
    free(sh->rows);
    free(sh->widths);
    free(sh->lines);
}

int read_sheet(const char *path, struct sheet *sh, struct buf *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct hashed_fd in = {.fd = fd};
    sha256_init(&in.hash);
    struct csv_reader *r = csv_open(hashed_read, &in);
    struct csv_record rec;
    int got;
    while ((got = csv_next(r, &rec)) > 0) {
        if (rec.error) {
            buf_printf(err, "%s:%ld: malformed CSV: %s", path, rec.line, rec.error);
            break;
        }
        if (rec.nfields == 1 && rec.fields[0].len == 0)
            continue;
        if (sh->nrows == sh->cap) {
            sh->cap = sh->cap ? 2 * sh->cap : 1024;
            sh->rows = xrealloc(sh->rows, sh->cap * sizeof *sh->rows);
            sh->widths = xrealloc(sh->widths, sh->cap * sizeof *sh->widths);
            sh->lines = xrealloc(sh->lines, sh->cap * sizeof *sh->lines);
        }
        char **row = xmalloc(rec.nfields * sizeof *row);
        for (size_t c = 0; c < rec.nfields; c++)
            row[c] = xstrndup(rec.fields[c].p, rec.fields[c].len);
        sh->rows[sh->nrows] = row;
        sh->widths[sh->nrows] = rec.nfields;
        sh->lines[sh->nrows++] = rec.line;
    }
    if (got < 0)
        buf_printf(err, "%s: read error: %s", path, strerror(errno));
    csv_close(r);
    close(fd);
    sha256_hex(&in.hash, sh->sha256);
    sh->bytes = in.bytes;
    if (err->len == 0 && sh->nrows == 0)
        buf_printf(err, "%s: empty file", path);
    return err->len ? -1 : 0;
}

void grouping_name_from_header(const char *header, struct buf *out)
{
    buf_reset(out);
    bool gap = false;
    for (const char *p = header; *p; p++) {
        if (isalnum((unsigned char)*p)) {
            if (gap && out->len)
                buf_putc(out, '_');
            buf_putc(out, (char)tolower((unsigned char)*p));
            gap = false;
        } else {
            gap = true;
        }
    }
}

/* Header name with case and punctuation removed: "LSOA code" -> "lsoacode". */
static void squash(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 1 < n; s++)
        if (isalnum((unsigned char)*s))
            out[k++] = (char)tolower((unsigned char)*s);
    out[k] = '\0';
}

static bool is_one_of(const char *header, const char *const *names)
{
    char sq[64];
    squash(header, sq, sizeof sq);
    for (; names && *names; names++)
        if (strcmp(sq, *names) == 0)
            return true;
    return false;
}

static const char *const lsoa_code_names[] = {
    "lsoacode",   "lsoa11cd",   "lsoa21cd",     "lsoacd",       "lsoa",
    "lsoa11code", "lsoa21code", "lsoa2011code", "lsoa2021code", "lowerlayersuperoutputareacode",
    NULL};
static const char *const lsoa_name_names[] = {"lsoaname",  "lsoa11nm",   "lsoa21nm",
                                              "lsoanm",    "lsoa11name", "lsoa21name",
                                              "lsoa11nmw", "lsoa21nmw",  NULL};
const char *const population_names[] = {"population", "pop",        "allages", "totalpopulation",
                                        "persons",    "allpersons", "total",   NULL};

/* Index of a column named exactly (case-insensitive), or found by any of
 * the known names; -1 when absent. */
int find_column(char **header, size_t width, const char *named, const char *const *known)
{
    for (size_t c = 0; c < width; c++) {
        if (named ? strcasecmp(header[c], named) == 0 : is_one_of(header[c], known))
            return (int)c;
    }
    return -1;
}

static bool valid_code(const char *s)
{
    if (!*s || strlen(s) > 16)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s))
            return false;
    return true;
}

void row_error(struct buf *err, int *nerrors, const char *path, long line, const char *column,
               const char *reason, const char *value)
{
    if (++*nerrors <= MAX_REPORTED_ERRORS)
        buf_printf(err, "%s%s:%ld: %s: %s '%.40s'", err->len ? "\n" : "", path, line, column,
                   reason, value);
}

void first_lines_check(struct first_lines *f, const char *key, const char *path, long line,
                       const char *column, struct buf *err, int *nerrors)
{
    int inserted;
    int64_t *first = hmap_put(&f->seen, key, strlen(key), &inserted);
    if (inserted) {
        *first = line;
        return;
    }
    char reason[64];
    snprintf(reason, sizeof reason, "given twice, first on line %lld:", (long long)*first);
    row_error(err, nerrors, path, line, column, reason, key);
}

/* The record of this load (store/loads.h), written before the commit. */
int record_load(struct store *s, const char *kind, const char *path, const struct sheet *sh,
                int64_t rows, const char *detail, const struct load_origin *origin, struct buf *err)
{
    char *where = realpath(path, NULL); /* "lookup.csv" says nothing once the shell moves on */
    struct data_load l = {.kind = kind,
                          .path = where ? where : path,
                          .sha256 = sh->sha256,
                          .bytes = sh->bytes,
                          .rows = rows,
                          .detail = detail,
                          .origin = *origin};
    int rc = store_data_load_record(s, &l, err);
    free(where);
    return rc;
}

/* ---- areas --------------------------------------------------------------- */

struct column_plan {
    int lsoa, where;
    int *cols;
    int *codes; /* each grouping's code column ("csp_code" of "csp"), or -1 */
    char **names;
    size_t n;
};

static void plan_free(struct column_plan *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->names[i]);
    free(p->cols);
    free(p->codes);
    free(p->names);
}

/* The column of header naming the codes of grouping (its name and "code":
 * "CSP code", "csp_code"), or -1. */
static int code_column(char **header, size_t width, const char *grouping)
{
    struct buf name = BUF_INIT, want = BUF_INIT;
    buf_printf(&want, "%s_code", grouping);
    int found = -1;
    for (size_t c = 0; found < 0 && c < width; c++) {
        grouping_name_from_header(header[c], &name);
        if (strcmp(buf_str(&name), want.p) == 0)
            found = (int)c;
    }
    buf_free(&name);
    buf_free(&want);
    return found;
}

/* Whether column c holds the codes of another of header's columns. */
static bool is_code_column(char **header, size_t width, size_t c)
{
    struct buf name = BUF_INIT;
    bool is = false;
    for (size_t g = 0; !is && g < width; g++) {
        grouping_name_from_header(header[g], &name);
        is = g != c && name.len && code_column(header, width, name.p) == (int)c;
    }
    buf_free(&name);
    return is;
}

static int plan_columns(const struct sheet *sh, const char *path, const struct area_options *opt,
                        struct column_plan *p, struct buf *err)
{
    assert(sh->nrows > 0 && "read_sheet refuses empty files");
    char **header = sh->rows[0];
    size_t width = sh->widths[0];
    p->lsoa = find_column(header, width, opt->lsoa_column, lsoa_code_names);
    if (p->lsoa < 0) {
        buf_printf(err, "%s:1: no LSOA code column%s%s (give one with --lsoa-column)", path,
                   opt->lsoa_column ? " named " : "", opt->lsoa_column ? opt->lsoa_column : "");
        return -1;
    }
    p->where = -1;
    if (opt->where_column && (p->where = find_column(header, width, opt->where_column, NULL)) < 0) {
        buf_printf(err, "%s:1: no column '%s' for --where", path, opt->where_column);
        return -1;
    }
    p->cols = xcalloc(width + opt->ngroupings, sizeof *p->cols);
    p->names = xcalloc(width + opt->ngroupings, sizeof *p->names);
    struct buf name = BUF_INIT;
    for (size_t i = 0; i < opt->ngroupings; i++) {
        int c = find_column(header, width, opt->groupings[i].column, NULL);
        if (c < 0) {
            buf_printf(err, "%s:1: no column '%s' for grouping %s", path, opt->groupings[i].column,
                       opt->groupings[i].name);
            buf_free(&name);
            return -1;
        }
        p->cols[p->n] = c;
        p->names[p->n++] = xstrdup(opt->groupings[i].name);
    }
    for (size_t c = 0; opt->ngroupings == 0 && c < width; c++) {
        grouping_name_from_header(header[c], &name);
        /* the code itself, its name, and unnamed or id columns are not groupings */
        if ((int)c == p->lsoa || is_one_of(header[c], lsoa_name_names) || name.len == 0 ||
            strcmp(name.p, "objectid") == 0 || strcmp(name.p, "fid") == 0 ||
            is_code_column(header, width, c))
            continue;
        p->cols[p->n] = (int)c;
        p->names[p->n++] = xstrdup(name.p);
    }
    buf_free(&name);
    p->codes = xcalloc(width + opt->ngroupings, sizeof *p->codes);
    for (size_t g = 0; g < p->n; g++)
        p->codes[g] = code_column(header, width, p->names[g]);
    if (p->n == 0) {
        buf_printf(err, "%s:1: no grouping columns besides the LSOA code", path);
        return -1;
    }
    return 0;
}

static bool skipped_by_where(char **row, const struct column_plan *p,
                             const struct area_options *opt)
{
    return p->where >= 0 && strcmp(row[p->where], opt->where_value) != 0;
}

static int check_area_rows(const struct sheet *sh, const char *path, const struct column_plan *p,
                           const struct area_options *opt, struct buf *err)
{
    int nerrors = 0;
    size_t width = sh->widths[0];
    struct first_lines lsoas;
    hmap_init(&lsoas.seen);
    for (size_t r = 1; r < sh->nrows; r++) {
        if (sh->widths[r] != width) {
            char found[32];
            snprintf(found, sizeof found, "%zu", sh->widths[r]);
            row_error(err, &nerrors, path, sh->lines[r], "row", "wrong number of columns, found",
                      found);
        } else if (!valid_code(sh->rows[r][p->lsoa])) {
            row_error(err, &nerrors, path, sh->lines[r], sh->rows[0][p->lsoa],
                      "not an LSOA code:", sh->rows[r][p->lsoa]);
        } else if (!skipped_by_where(sh->rows[r], p, opt)) {
            first_lines_check(&lsoas, sh->rows[r][p->lsoa], path, sh->lines[r],
                              sh->rows[0][p->lsoa], err, &nerrors);
        }
    }
    hmap_free(&lsoas.seen);
    if (nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "\n... and %d more", nerrors - MAX_REPORTED_ERRORS);
    return nerrors ? -1 : 0;
}

/* An area's name as police.uk writes it: ONS 2011 lookups call unitary
 * authorities "Leicester UA" and "Rutland UA", where police.uk's LSOA
 * names say "Leicester 001A"; the trailing " UA" is a classification, not
 * part of the name (migration 16 drops it from lookups loaded before). */
static const char *area_name(const char *value, struct buf *tmp)
{
    size_t n = strlen(value);
    if (n <= 3 || strcmp(value + n - 3, " UA") != 0)
        return value;
    buf_reset(tmp);
    buf_append(tmp, value, n - 3);
    return tmp->p;
}

static int store_areas(struct store *s, const struct sheet *sh, const struct column_plan *p,
                       const struct area_options *opt, struct lookup_result *res, struct buf *err)
{
    struct buf name = BUF_INIT;
    int rc = 0;
    for (size_t g = 0; g < p->n; g++)
        if (store_area_clear(s, p->names[g], err) < 0)
            return -1;
    for (size_t r = 1; r < sh->nrows; r++) {
        char **row = sh->rows[r];
        if (skipped_by_where(row, p, opt)) {
            res->rows_skipped++;
            continue;
        }
        for (size_t g = 0; rc == 0 && g < p->n; g++) {
            const char *value = row[p->cols[g]];
            if (!value[0])
                continue;
            value = area_name(value, &name);
            rc = store_area_set(s, p->names[g], row[p->lsoa], value, err);
            if (rc == 0 && p->codes[g] >= 0 && row[p->codes[g]][0])
                rc = store_area_code_set(s, p->names[g], value, row[p->codes[g]], err);
        }
        if (rc < 0)
            break;
        res->rows_loaded++;
    }
    buf_free(&name);
    for (size_t g = 0; rc == 0 && g < p->n; g++)
        buf_printf(&res->groupings, "%s%s", g ? ", " : "", p->names[g]);
    return rc;
}

/* The groupings loaded, and the rows chosen by --where, for the record. */
static void area_detail(const struct area_options *opt, const struct lookup_result *res,
                        struct buf *out)
{
    buf_printf(out, "groupings: %s", buf_str(&res->groupings));
    if (opt->where_column)
        buf_printf(out, "; only rows where %s = %s", opt->where_column, opt->where_value);
}

int lookup_import_areas(struct store *s, const char *path, const struct area_options *opt,
                        struct lookup_result *res, struct buf *err)
{
    struct sheet sh = {0};
    struct column_plan plan = {0};
    int rc = 2;
    if (read_sheet(path, &sh, err) == 0 && plan_columns(&sh, path, opt, &plan, err) == 0 &&
        check_area_rows(&sh, path, &plan, opt, err) == 0) {
        rc = 1;
        struct buf detail = BUF_INIT;
        if (store_lookup_begin(s, err) == 0) {
            bool ok = store_areas(s, &sh, &plan, opt, res, err) == 0;
            area_detail(opt, res, &detail);
            if (ok &&
                record_load(s, "areas", path, &sh, res->rows_loaded, detail.p, &opt->origin, err) ==
                    0 &&
                store_lookup_commit(s, err) == 0)
                rc = 0;
            else
                store_lookup_abort(s);
        }
        buf_free(&detail);
    }
    plan_free(&plan);
    sheet_free(&sh);
    return rc;
}

/* ---- populations ---------------------------------------------------------- */

bool parse_count(const char *s, int64_t *out)
{
    while (*s == ' ')
        s++;
    if (!isdigit((unsigned char)*s))
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    while (*end == ' ')
        end++;
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static int population_columns(const struct sheet *sh, const char *path,
                              const struct population_options *opt, int *code, int *pop,
                              bool *header, struct buf *err)
{
    assert(sh->nrows > 0 && "read_sheet refuses empty files");
    int64_t ignored;
    /* ONS extracts sometimes have no header: code, count on every line */
    *header = !(sh->widths[0] >= 2 && parse_count(sh->rows[0][1], &ignored) &&
                valid_code(sh->rows[0][0]));
    if (!*header) {
        *code = 0;
        *pop = 1;
        return 0;
    }
    *code = find_column(sh->rows[0], sh->widths[0], opt->lsoa_column, lsoa_code_names);
    *pop = find_column(sh->rows[0], sh->widths[0], opt->population_column, population_names);
    if (*code < 0 || *pop < 0)
        buf_printf(err, "%s:1: no %s column (name it with %s)", path,
                   *code < 0 ? "LSOA code" : "population",
                   *code < 0 ? "--lsoa-column" : "--population-column");
    return *code < 0 || *pop < 0 ? -1 : 0;
}

int lookup_import_population(struct store *s, const char *path,
                             const struct population_options *opt, struct lookup_result *res,
                             struct buf *err)
{
    struct sheet sh = {0};
    int code, pop, nerrors = 0;
    bool header;
    if (read_sheet(path, &sh, err) < 0 ||
        population_columns(&sh, path, opt, &code, &pop, &header, err) < 0) {
        sheet_free(&sh);
        return 2;
    }
    size_t first = header ? 1 : 0, need = (size_t)(code > pop ? code : pop) + 1;
    int64_t *values = xcalloc(sh.nrows, sizeof *values);
    struct first_lines lsoas;
    hmap_init(&lsoas.seen);
    for (size_t r = first; r < sh.nrows; r++) {
        if (sh.widths[r] < need)
            row_error(err, &nerrors, path, sh.lines[r], "row", "too few columns:", sh.rows[r][0]);
        else if (!valid_code(sh.rows[r][code]))
            row_error(err, &nerrors, path, sh.lines[r], "LSOA code",
                      "not an LSOA code:", sh.rows[r][code]);
        else if (!parse_count(sh.rows[r][pop], &values[r]))
            row_error(err, &nerrors, path, sh.lines[r], "population",
                      "not a whole number:", sh.rows[r][pop]);
        else
            first_lines_check(&lsoas, sh.rows[r][code], path, sh.lines[r], "LSOA code", err,
                              &nerrors);
    }
    hmap_free(&lsoas.seen);
    if (nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "\n... and %d more", nerrors - MAX_REPORTED_ERRORS);
    int rc = nerrors ? 2 : 1;
    if (nerrors == 0 && store_lookup_begin(s, err) == 0) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        int ok = store_population_clear(s, err) == 0;
        for (size_t r = first; ok && r < sh.nrows; r++, res->rows_loaded++)
            ok = store_population_set(s, sh.rows[r][code], values[r], base, err) == 0;
        if (ok &&
            record_load(s, "population", path, &sh, res->rows_loaded, NULL, &opt->origin, err) ==
                0 &&
            store_lookup_commit(s, err) == 0)
            rc = 0;
        else
            store_lookup_abort(s);
    }
    free(values);
    sheet_free(&sh);
    return rc;
}

/* ---- populations of police force areas ------------------------------------ */

const char *const force_name_names[] = {
    "name",    "force",   "forcename", "pfaname", "pfa", "policeforcearea", "pfa17nm", "pfa19nm",
    "pfa20nm", "pfa21nm", "pfa22nm",   "pfa23nm", NULL};
static const char *const force_code_names[] = {"code",    "pfacode", "pfacd",   "pfa17cd",
                                               "pfa19cd", "pfa20cd", "pfa21cd", "pfa22cd",
                                               "pfa23cd", NULL};

/* ONS names a mid-year estimate column after its year: "MYE2018". */
static bool is_mid_year_estimate(const char *header)
{
    char sq[64] = "";
    squash(header, sq, sizeof sq);
    if (strlen(sq) != 7 || strncmp(sq, "mye", 3) != 0)
        return false;
    for (const char *p = sq + 3; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

static int force_population_column(char **header, size_t width, const char *named)
{
    int c = find_column(header, width, named, population_names);
    for (size_t i = 0; c < 0 && !named && i < width; i++)
        if (is_mid_year_estimate(header[i]))
            c = (int)i;
    return c;
}

struct force_columns {
    int name, code, pop; /* code -1 when absent */
};

static int force_population_columns(const struct sheet *sh, const char *path,
                                    const struct force_population_options *opt,
                                    struct force_columns *fc, struct buf *err)
{
    assert(sh->nrows > 0 && "read_sheet refuses empty files");
    char **header = sh->rows[0];
    size_t width = sh->widths[0];
    fc->name = find_column(header, width, opt->name_column, force_name_names);
    fc->code = find_column(header, width, NULL, force_code_names);
    fc->pop = force_population_column(header, width, opt->population_column);
    if (fc->name < 0 || fc->pop < 0)
        buf_printf(err, "%s:1: no %s column (name it with %s)", path,
                   fc->name < 0 ? "force name" : "population",
                   fc->name < 0 ? "--name-column" : "--population-column");
    return fc->name < 0 || fc->pop < 0 ? -1 : 0;
}

/* Checks every row: the force each names (NULL: not a force) and its
 * population. Returns the number of bad rows, listed in err. */
static int check_force_rows(const struct sheet *sh, const char *path,
                            const struct force_columns *fc, const char **slugs, int64_t *values,
                            struct buf *err)
{
    int nerrors = 0;
    size_t need = (size_t)(fc->name > fc->pop ? fc->name : fc->pop) + 1;
    struct first_lines forces;
    hmap_init(&forces.seen);
    for (size_t r = 1; r < sh->nrows; r++) {
        if (sh->widths[r] < need) {
            row_error(err, &nerrors, path, sh->lines[r], "row", "too few columns:", sh->rows[r][0]);
            continue;
        }
        const struct police_force *f = force_lookup(sh->rows[r][fc->name]);
        slugs[r] = f ? f->slug : NULL;
        if (f && !parse_count(sh->rows[r][fc->pop], &values[r]))
            row_error(err, &nerrors, path, sh->lines[r], sh->rows[0][fc->pop],
                      "not a whole number:", sh->rows[r][fc->pop]);
        else if (f)
            first_lines_check(&forces, f->slug, path, sh->lines[r], sh->rows[0][fc->name], err,
                              &nerrors);
    }
    hmap_free(&forces.seen);
    if (nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "\n... and %d more", nerrors - MAX_REPORTED_ERRORS);
    return nerrors;
}

static int store_force_populations(struct store *s, const struct sheet *sh, const char *path,
                                   const struct force_columns *fc, const char **slugs,
                                   const int64_t *values, struct lookup_result *res,
                                   struct buf *err)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    struct buf source = BUF_INIT;
    buf_printf(&source, "%s (%s)", base, sh->rows[0][fc->pop]);
    int ok = store_force_population_clear(s, err) == 0;
    for (size_t r = 1; ok && r < sh->nrows; r++) {
        if (!slugs[r]) {
            buf_printf(&res->groupings, "%s%s", res->rows_skipped++ ? ", " : "",
                       sh->rows[r][fc->name]);
            continue;
        }
        ok = store_force_population_set(
                 s, slugs[r], sh->rows[r][fc->name],
                 fc->code >= 0 && sh->widths[r] > (size_t)fc->code ? sh->rows[r][fc->code] : NULL,
                 values[r], source.p, err) == 0;
        res->rows_loaded += ok;
    }
    buf_free(&source);
    return ok ? 0 : -1;
}

int lookup_import_force_population(struct store *s, const char *path,
                                   const struct force_population_options *opt,
                                   struct lookup_result *res, struct buf *err)
{
    struct sheet sh = {0};
    struct force_columns fc;
    if (read_sheet(path, &sh, err) < 0 || force_population_columns(&sh, path, opt, &fc, err) < 0) {
        sheet_free(&sh);
        return 2;
    }
    const char **slugs = xcalloc(sh.nrows, sizeof *slugs); /* NULL: not a force */
    int64_t *values = xcalloc(sh.nrows, sizeof *values);
    int rc = check_force_rows(&sh, path, &fc, slugs, values, err) ? 2 : 1;
    if (rc == 1 && store_lookup_begin(s, err) == 0) {
        if (store_force_populations(s, &sh, path, &fc, slugs, values, res, err) == 0 &&
            record_load(s, "force-population", path, &sh, res->rows_loaded, NULL, &opt->origin,
                        err) == 0 &&
            store_lookup_commit(s, err) == 0)
            rc = 0;
        else
            store_lookup_abort(s);
    }
    free(slugs);
    free(values);
    sheet_free(&sh);
    return rc;
}
