/*
 * prc_import.c - reading recorded-crime table files into the store (see
 * prc_import.h).
 */
#include "ingest/prc_import.h"
#include "ingest/prc.h"
#include "model/forces.h"
#include "store/prc.h"
#include "util/hmap.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A file read once: the CSV reader gets its bytes as they are hashed. */
struct hashed_file {
    int fd;
    struct sha256 hash;
    unsigned long long bytes;
};

static ssize_t hashed_read(void *source, char *buf, size_t n)
{
    struct hashed_file *f = source;
    ssize_t got;
    do
        got = read(f->fd, buf, n);
    while (got < 0 && errno == EINTR);
    if (got > 0) {
        sha256_update(&f->hash, buf, (size_t)got);
        f->bytes += (unsigned long long)got;
    }
    return got;
}

/* What one file's import has seen so far. */
struct file_state {
    const char *path;
    struct prc_header header;
    bool have_header;
    struct hmap forces, periods;
    struct prc_file_report report;
};

static bool blank_record(const struct csv_record *rec)
{
    return !rec->error && rec->nfields == 1 && rec->fields[0].len == 0;
}

static void note(const struct prc_import_options *opt, const char *path, long line,
                 const char *column, const char *reason, bool stored)
{
    if (!opt->on_row)
        return;
    struct prc_row_note n = {path, line, column, reason, stored};
    opt->on_row(&n, opt->arg);
}

static void remember(struct file_state *fs, struct hmap *all_forces, const struct prc_row *row,
                     const struct police_force *force)
{
    int inserted = 0;
    hmap_put(&fs->forces, row->force.p, row->force.len, &inserted);
    if (inserted) {
        fs->report.forces++;
        fs->report.forces_no_slug += force == NULL;
    }
    hmap_put(all_forces, row->force.p, row->force.len, NULL);
    int period = PRC_PERIOD(row->fy, row->quarter);
    hmap_put(&fs->periods, &period, sizeof period, &inserted);
    fs->report.periods += inserted != 0;
    if (fs->report.period_first < 0 || period < fs->report.period_first)
        fs->report.period_first = period;
    if (period > fs->report.period_last)
        fs->report.period_last = period;
}

/* One data record: stored, or quarantined and reported. */
static int take_row(struct prc_import *im, struct file_state *fs, struct hmap *all_forces,
                    const struct csv_record *rec, const struct prc_import_options *opt,
                    struct buf *err)
{
    struct prc_row row;
    struct prc_problem why = {0};
    fs->report.rows_read++;
    if (!prc_parse_row(&fs->header, rec, &row, &why)) {
        note(opt, fs->path, rec->line, why.column, why.reason, false);
        return store_prc_quarantine(im, rec->line, why.column, why.reason, rec->raw, rec->rawlen,
                                    err);
    }
    const struct police_force *force = force_by_home_office_name(row.force.p, row.force.len);
    if (store_prc_add(im, &row, force ? force->slug : NULL, force_is_territorial(force), rec->line,
                      err) < 0)
        return -1;
    remember(fs, all_forces, &row, force);
    if (row.count < 0) {
        char reason[96];
        snprintf(reason, sizeof reason, "negative count %lld, stored as published",
                 (long long)row.count);
        fs->report.rows_negative++;
        note(opt, fs->path, rec->line, prc_column_name(PRC_COUNT), reason, true);
    }
    return 0;
}

/* The header record: 0, or 2 with err set when the file is not the table. */
static int take_header(struct file_state *fs, const struct csv_record *rec, struct buf *err)
{
    struct prc_problem why = {0};
    if (!prc_parse_header(rec, &fs->header, &why)) {
        buf_printf(err, "%s:%ld: %s%s%s", fs->path, rec->line, why.column ? why.column : "",
                   why.column ? ": " : "", why.reason);
        return 2;
    }
    fs->have_header = true;
    return 0;
}

/* Reads every record of an open file; 0, 1 (store) or 2 (the file). */
static int read_records(struct prc_import *im, struct file_state *fs, struct hashed_file *hf,
                        struct hmap *all_forces, const struct prc_import_options *opt,
                        struct buf *err)
{
    struct csv_reader *r = csv_open(hashed_read, hf);
    struct csv_record rec;
    int got, rc = 0;
    while (rc == 0 && (got = csv_next(r, &rec)) > 0) {
        if (blank_record(&rec))
            continue;
        if (!fs->have_header)
            rc = take_header(fs, &rec, err);
        else if (take_row(im, fs, all_forces, &rec, opt, err) < 0)
            rc = 1;
    }
    if (rc == 0 && got < 0) {
        buf_printf(err, "%s: read error: %s", fs->path, strerror(errno));
        rc = 2;
    }
    if (rc == 0 && !fs->have_header) {
        buf_printf(err, "%s: empty file", fs->path);
        rc = 2;
    }
    csv_close(r);
    return rc;
}

static int import_file(struct prc_import *im, const char *path, struct hmap *all_forces,
                       const struct prc_import_options *opt, struct prc_import_totals *tot,
                       struct buf *err)
{
    struct hashed_file hf = {.fd = open(path, O_RDONLY | O_CLOEXEC)};
    if (hf.fd < 0) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return 2;
    }
    sha256_init(&hf.hash);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    struct file_state fs = {.path = path,
                            .report = {.path = path, .period_first = -1, .period_last = -1}};
    hmap_init(&fs.forces);
    hmap_init(&fs.periods);
    int rc = store_prc_file_begin(im, base, path, err) < 0 ? 1 : 0;
    if (rc == 0)
        rc = read_records(im, &fs, &hf, all_forces, opt, err);
    close(hf.fd);
    struct prc_load_totals lt = {0};
    if (rc == 0) {
        sha256_hex(&hf.hash, fs.report.sha256);
        fs.report.bytes = hf.bytes;
        if (store_prc_file_commit(im, fs.report.sha256, hf.bytes, fs.report.rows_read, &lt, err) <
            0)
            rc = 1;
    }
    sha256_discard(&hf.hash); /* a file not read to its end has no hash to record */
    if (rc == 0) {
        fs.report.rows_stored = lt.rows_stored;
        fs.report.rows_quarantined = lt.rows_quarantined;
        fs.report.rows_replaced = lt.rows_replaced;
        tot->files++;
        tot->rows_stored += lt.rows_stored;
        tot->rows_quarantined += lt.rows_quarantined;
        tot->rows_replaced += lt.rows_replaced;
        tot->rows_negative += fs.report.rows_negative;
        if (opt->on_file)
            opt->on_file(&fs.report, opt->arg);
    }
    hmap_free(&fs.forces);
    hmap_free(&fs.periods);
    return rc;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int prc_import_paths(struct store *s, char *const *paths, size_t npaths,
                     const struct prc_import_options *opt, struct prc_import_totals *tot,
                     struct buf *err)
{
    double start = now_seconds();
    *tot = (struct prc_import_totals){0};
    struct prc_import *im = store_prc_begin(s, opt->command, opt->user, err);
    if (!im)
        return 1;
    struct hmap all_forces;
    hmap_init(&all_forces);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < npaths; i++)
        rc = import_file(im, paths[i], &all_forces, opt, tot, err);
    tot->forces = all_forces.count;
    hmap_free(&all_forces);
    if (rc != 0) {
        store_prc_abort(im);
        return rc;
    }
    if (store_prc_commit(im, err) < 0)
        return 1;
    tot->seconds = now_seconds() - start;
    return 0;
}
