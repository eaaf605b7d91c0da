/*
 * import.c - driving an import: sources -> CSV records -> checked rows -> store.
 */
#include "ingest/import.h"
#include "ingest/csv.h"
#include "ingest/policeuk.h"
#include "ingest/sources.h"
#include "model/forces.h"
#include "store/import.h"
#include "util/mem.h"
#include "util/month.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define PROGRESS_EVERY 65536

struct run {
    struct store_import *im;
    struct source_reader *reader;
    const struct ingest_options *opt;
    struct ingest_totals *totals;
    struct timespec start;
    size_t files_total;
    long long rows_before; /* rows of earlier files, for progress */
};

/* What one file contributed, for its summary line. */
struct file_state {
    enum pu_kind kind;
    const char *stop_search_force;
    struct buf force;
    int nforces;
    int month_first, month_last;
    struct buf error, warning;
    long rows, stored, quarantined;
};

static double elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void note_row(struct file_state *fs, const struct text *force, int month)
{
    if (fs->nforces == 0 || fs->force.len != force->len ||
        memcmp(fs->force.p, force->p, force->len) != 0) {
        if (fs->nforces == 0)
            buf_append(&fs->force, force->p, force->len);
        fs->nforces = fs->nforces == 0 ? 1 : 2;
    }
    if (fs->month_first < 0 || month < fs->month_first)
        fs->month_first = month;
    if (month > fs->month_last)
        fs->month_last = month;
}

/* Stop-and-search rows do not say whose they are; the archive file name
 * ("2019-12-leicestershire-stop-and-search.csv") does. */
static const char *force_from_name(const char *name)
{
    static const char suffix[] = "-stop-and-search.csv";
    size_t n = strlen(name), m = sizeof suffix - 1;
    if (n <= 8 + m || strcmp(name + n - m, suffix) != 0 || name[7] != '-')
        return NULL;
    const struct police_force *f = force_by_slug(name + 8, n - m - 8);
    return f ? f->name : NULL;
}

static const char *stop_search_force(const struct ingest_options *opt, const char *name)
{
    if (opt->force) {
        const struct police_force *f = force_by_slug(opt->force, strlen(opt->force));
        return f ? f->name : opt->force;
    }
    return force_from_name(name);
}

/* 0 stored, 1 quarantined, -1 the store failed. */
static int take_record(struct run *run, struct file_state *fs, const struct csv_record *rec,
                       struct buf *err)
{
    struct pu_problem why = {0};
    struct street_row street;
    struct outcome_row outcome;
    struct stop_search_row search;
    int rc;
    switch (fs->kind) {
    case PU_STREET:
        if (!pu_parse_street(rec, &street, &why))
            break;
        note_row(fs, &street.reported_by, street.month);
        return store_add_street(run->im, &street, rec->line, err);
    case PU_OUTCOMES:
        if (!pu_parse_outcome(rec, &outcome, &why))
            break;
        note_row(fs, &outcome.reported_by, outcome.month);
        return store_add_outcome(run->im, &outcome, rec->line, err);
    case PU_STOP_SEARCH:
        if (!pu_parse_stop_search(rec, &search, &why))
            break;
        note_row(fs, &(struct text){fs->stop_search_force, strlen(fs->stop_search_force)},
                 search.month);
        return store_add_stop_search(run->im, fs->stop_search_force, &search, rec->line, err);
    case PU_UNKNOWN:
        return -1;
    }
    rc = store_add_quarantine(run->im, rec->line, why.column, why.reason, rec->raw, rec->rawlen,
                              err);
    return rc < 0 ? -1 : 1;
}

static void progress(struct run *run, long rows)
{
    if (!run->opt->on_progress)
        return;
    struct ingest_progress p = {run->totals->files, run->files_total, run->rows_before + rows,
                                elapsed(&run->start)};
    run->opt->on_progress(&p, run->opt->arg);
}

static void describe_header(const struct csv_record *h, struct buf *out)
{
    size_t n = h->rawlen > 120 ? 120 : h->rawlen;
    buf_printf(out,
               "unknown header \"%.*s%s\"; expected a data.police.uk street, outcomes or "
               "stop-and-search header, e.g. \"%s\"",
               (int)n, h->raw, h->rawlen > n ? "..." : "", pu_kind_header(PU_STREET));
}

/* Reads the header and decides the file's kind; false with fs->error set
 * when the file is not one Peel knows. */
static bool recognise(struct csv_reader *csv, const char *name, const struct ingest_options *opt,
                      struct file_state *fs)
{
    struct csv_record header;
    int got = csv_next(csv, &header);
    if (got < 0) {
        buf_printf(&fs->error, "read error: %s", strerror(errno));
        return false;
    }
    if (got == 0) {
        buf_puts(&fs->error, "empty file (no header line)");
        return false;
    }
    fs->kind = pu_recognise(&header);
    if (fs->kind == PU_UNKNOWN) {
        describe_header(&header, &fs->error);
        return false;
    }
    if (fs->kind == PU_STOP_SEARCH && !(fs->stop_search_force = stop_search_force(opt, name))) {
        buf_puts(&fs->error, "stop-and-search rows do not name their force: name the file "
                             "YYYY-MM-<force>-stop-and-search.csv or pass --force");
        return false;
    }
    return true;
}

/* Imports one file inside its own savepoint. Returns 0 when done (stored or
 * refused, see fs->error), -1 when the store failed. */
static int import_records(struct run *run, struct csv_reader *csv,
                          const struct source_stream *stream, struct file_state *fs,
                          struct buf *err)
{
    struct csv_record rec = {.line = 1}; /* the header's, if the first read fails */
    int got;
    while ((got = csv_next(csv, &rec)) > 0) {
        if (pu_blank_record(&rec))
            continue;
        int taken = take_record(run, fs, &rec, err);
        if (taken < 0)
            return -1;
        if (taken == 0)
            fs->stored++;
        else
            fs->quarantined++;
        if (++fs->rows % PROGRESS_EVERY == 0)
            progress(run, fs->rows);
    }
    if (got < 0) {
        const char *why = source_error(stream);
        buf_printf(&fs->error, "read error after line %ld: %s", rec.line,
                   why ? why : strerror(errno));
    }
    return 0;
}

static int import_one(struct run *run, const struct source *src, struct file_state *fs,
                      struct buf *err)
{
    struct buf path = BUF_INIT;
    source_describe(src, &path);
    struct source_stream *stream = source_open(run->reader, src, &fs->error);
    struct csv_reader *csv = stream ? csv_open(source_read, stream) : NULL;
    int rc = 0;
    if (csv && recognise(csv, source_name(src), run->opt, fs)) {
        struct store_file_info info = {source_name(src), path.p, pu_kind_name(fs->kind),
                                       src->bytes};
        rc = store_file_begin(run->im, &info, err);
        if (rc == 0)
            rc = import_records(run, csv, stream, fs, err);
        char sha256[SHA256_HEX_SIZE];
        if (rc == 0 && fs->error.len == 0) {
            source_sha256(stream, sha256);
            rc = store_file_commit(run->im, sha256, &fs->warning, err);
        }
        if (rc == 0 && fs->error.len)
            store_file_abort(run->im);
    }
    csv_close(csv);
    source_close(stream);
    buf_free(&path);
    return rc;
}

static void report(struct run *run, const struct source *src, struct file_state *fs)
{
    struct buf path = BUF_INIT;
    source_describe(src, &path);
    char many[32];
    snprintf(many, sizeof many, "%d forces", fs->nforces);
    bool failed = fs->error.len > 0;
    struct ingest_file_report r = {
        .name = source_name(src),
        .path = path.p,
        .kind = failed ? NULL : pu_kind_name(fs->kind),
        .rows_stored = failed ? 0 : fs->stored,
        .rows_quarantined = failed ? 0 : fs->quarantined,
        .force = fs->nforces > 1 ? many : buf_str(&fs->force),
        .month_first = failed ? -1 : fs->month_first,
        .month_last = failed ? -1 : fs->month_last,
        .error = failed ? fs->error.p : NULL,
        .warning = fs->warning.len ? fs->warning.p : NULL,
    };
    run->opt->on_file(&r, run->opt->arg);
    buf_free(&path);
}

static void file_state_free(struct file_state *fs)
{
    buf_free(&fs->force);
    buf_free(&fs->error);
    buf_free(&fs->warning);
}

static int import_all(struct run *run, const struct source_list *list, struct buf *err)
{
    for (size_t i = 0; i < list->count; i++) {
        struct file_state fs = {.month_first = -1, .month_last = -1};
        if (import_one(run, &list->items[i], &fs, err) < 0) {
            file_state_free(&fs);
            return -1;
        }
        run->totals->files++;
        if (fs.error.len) {
            run->totals->files_failed++;
        } else {
            run->totals->rows_stored += fs.stored;
            run->totals->rows_quarantined += fs.quarantined;
        }
        run->rows_before += fs.rows;
        report(run, &list->items[i], &fs);
        file_state_free(&fs);
    }
    return 0;
}

int ingest_paths(struct store *s, char *const *paths, size_t npaths,
                 const struct ingest_options *opt, struct ingest_totals *totals, struct buf *err)
{
    *totals = (struct ingest_totals){0};
    mem_keep_freed();
    struct source_list list = {0};
    struct buf unreadable = BUF_INIT;
    for (size_t i = 0; i < npaths; i++) {
        size_t failed = (size_t)sources_find(paths[i], &list, &unreadable);
        totals->files += failed;
        totals->files_failed += failed;
    }
    struct run run = {
        .reader = source_reader_new(), .opt = opt, .totals = totals, .files_total = list.count};
    clock_gettime(CLOCK_MONOTONIC, &run.start);
    run.im = store_import_begin(s, opt->command, opt->user, err);
    if (run.im && opt->crime_csv)
        store_import_render(run.im, opt->crime_csv, NULL);
    int rc = run.im ? import_all(&run, &list, err) : -1;
    if (rc == 0)
        rc = store_import_commit(run.im, err);
    else if (run.im)
        store_import_abort(run.im);
    totals->seconds = elapsed(&run.start);
    source_reader_free(run.reader);
    sources_free(&list);
    if (unreadable.len && rc == 0)
        buf_printf(err, "%s", unreadable.p);
    buf_free(&unreadable);
    if (rc < 0)
        return 1;
    return totals->files_failed ? 2 : 0;
}
