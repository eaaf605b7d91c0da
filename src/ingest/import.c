/*
 * import.c - driving an import: sources -> CSV records -> checked rows -> store.
 *
 * The reading and checking run ahead on a second thread (ingest/pipeline.h);
 * this thread writes the rows it hands over, in order, into the store.
 */
#include "ingest/import.h"
#include "ingest/pipeline.h"
#include "ingest/policeuk.h"
#include "ingest/sources.h"
#include "store/import.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define PROGRESS_EVERY 65536

struct run {
    struct store_import *im;
    struct pipeline *pipe;
    struct store_interner *interner; /* the pipeline's */
    const struct source_list *list;
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
    int64_t force_id; /* the first force's id, when the reading thread interned it */
    int nforces;
    int month_first, month_last;
    struct buf error, warning;
    long rows, stored, quarantined;
    bool aborted; /* rolled back after rows were stored */
};

static double elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Notes a row's force and month for the file's summary. The force is told
 * by its id when the reading thread interned it (0 when it did not): the
 * name's bytes were written by that thread, on the other core, and
 * comparing them took a cache miss a row, 4% of an import's CPU. */
static void note_row(struct file_state *fs, const struct text *force, int64_t force_id, int month)
{
    bool same = fs->nforces > 0 &&
                (force_id && fs->force_id ? force_id == fs->force_id
                                          : fs->force.len == force->len &&
                                                memcmp(fs->force.p, force->p, force->len) == 0);
    if (!same) {
        if (fs->nforces == 0) {
            buf_append(&fs->force, force->p, force->len);
            fs->force_id = force_id;
        }
        fs->nforces = fs->nforces == 0 ? 1 : 2;
    }
    if (fs->month_first < 0 || month < fs->month_first)
        fs->month_first = month;
    if (month > fs->month_last)
        fs->month_last = month;
}

/* 0 stored, 1 quarantined, -1 the store failed. */
static int take_row(struct run *run, struct file_state *fs, const struct pipe_row *r,
                    struct buf *err)
{
    switch (r->what) {
    case PIPE_STREET:
        note_row(fs, &r->u.street.reported_by, r->prep.ids[STORE_ID_FORCE], r->u.street.month);
        return store_add_street(run->im, &r->u.street, &r->prep, r->line, err);
    case PIPE_OUTCOME:
        note_row(fs, &r->u.outcome.reported_by, r->prep.ids[STORE_ID_FORCE], r->u.outcome.month);
        return store_add_outcome(run->im, &r->u.outcome, &r->prep, r->line, err);
    case PIPE_STOP_SEARCH:
        note_row(fs, &(struct text){fs->stop_search_force, strlen(fs->stop_search_force)}, 0,
                 r->u.search.month);
        return store_add_stop_search(run->im, fs->stop_search_force, &r->prep, &r->u.search,
                                     r->line, err);
    case PIPE_QUARANTINE:
        break;
    }
    const struct pipe_bad_row *bad = &r->u.bad;
    int rc = store_add_quarantine(run->im, r->line, bad->column, bad->reason, bad->raw, bad->rawlen,
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

/* Stores the batch's download pieces due before row i (store_add_piece). */
static int take_pieces(struct run *run, const struct pipe_batch *b, size_t *next, size_t i,
                       struct buf *err)
{
    const struct export_shipped *s = &b->pieces;
    for (; *next < s->n && s->v[*next].at <= i; ++*next)
        if (store_add_piece(run->im, &s->v[*next], err) < 0)
            return -1;
    return 0;
}

/* Stores one batch's rows, and its download pieces among them. 0, or -1
 * when the store failed. */
static int import_rows(struct run *run, const struct pipe_batch *b, struct file_state *fs,
                       struct buf *err)
{
    size_t next = 0;
    for (size_t i = 0; i < b->nrows; i++) {
        if (take_pieces(run, b, &next, i, err) < 0)
            return -1;
        int taken = take_row(run, fs, &b->rows[i], err);
        if (taken < 0)
            return -1;
        if (taken == 0)
            fs->stored++;
        else
            fs->quarantined++;
        if (++fs->rows % PROGRESS_EVERY == 0)
            progress(run, fs->rows);
    }
    int rc = take_pieces(run, b, &next, b->nrows, err);
    assert(rc < 0 || next == b->pieces.n); /* no piece is due after the last row */
    return rc;
}

/* Imports one file, whose first batch is b, inside its own savepoint.
 * Returns 0 when done (stored or refused, see fs->error), -1 when the store
 * failed. */
static int import_one(struct run *run, const struct pipe_batch *b, struct file_state *fs,
                      struct buf *err)
{
    assert(b->first);
    fs->kind = b->kind;
    if (!b->recognised) {
        buf_append(&fs->error, b->error.p, b->error.len);
        return 0;
    }
    fs->stop_search_force = b->force;
    const struct source *src = &run->list->items[b->file];
    struct buf path = BUF_INIT;
    source_describe(src, &path);
    struct store_file_info info = {source_name(src), path.p, pu_kind_name(fs->kind), src->bytes};
    int rc = store_file_begin(run->im, &info, err);
    while (rc == 0) {
        rc = import_rows(run, b, fs, err);
        if (rc < 0 || b->last)
            break;
        size_t file = b->file;
        b = pipeline_next(run->pipe);
        assert(b && !b->first && b->file == file);
    }
    if (rc == 0) {
        buf_append(&fs->error, b->error.p, b->error.len); /* a read error */
        if (fs->error.len == 0)
            rc = store_file_commit(run->im, b->sha256, &fs->warning, err);
        else
            store_file_abort(run->im);
        fs->aborted = fs->error.len > 0;
    }
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

/* Starts reading at file first, the rows' values interned as they are
 * read (store_intern_street) from the store as it is now: after a file is
 * rolled back, the reading thread (files ahead) still remembers the values
 * it brought, so the files after it are read again, from a new interner. */
static int start_reading(struct run *run, size_t first, struct buf *err)
{
    pipeline_stop(run->pipe);
    store_interner_free(run->interner);
    run->pipe = NULL;
    run->interner = store_interner_new(run->im, err);
    if (!run->interner)
        return -1;
    struct pipe_options po = {run->opt->force, run->opt->crime_csv, run->opt->jobs};
    run->pipe = pipeline_start(run->list, first, &po, run->interner);
    return 0;
}

static int import_all(struct run *run, struct buf *err)
{
    const struct pipe_batch *b;
    if (start_reading(run, 0, err) < 0)
        return -1;
    while ((b = pipeline_next(run->pipe))) {
        struct file_state fs = {.month_first = -1, .month_last = -1};
        size_t file = b->file;
        const struct source *src = &run->list->items[file];
        if (import_one(run, b, &fs, err) < 0 ||
            (fs.aborted && start_reading(run, file + 1, err) < 0)) {
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
        report(run, src, &fs);
        file_state_free(&fs);
    }
    return 0;
}

unsigned long long ingest_paths_bytes(char *const *paths, size_t npaths)
{
    struct source_list list = {0};
    struct buf ignored = BUF_INIT; /* ingest_paths reports them */
    for (size_t i = 0; i < npaths; i++)
        sources_find(paths[i], &list, &ignored);
    unsigned long long bytes = 0;
    for (size_t i = 0; i < list.count; i++)
        bytes += list.items[i].bytes;
    sources_free(&list);
    buf_free(&ignored);
    return bytes;
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
    struct run run = {.list = &list, .opt = opt, .totals = totals, .files_total = list.count};
    clock_gettime(CLOCK_MONOTONIC, &run.start);
    run.im = store_import_begin(s, opt->command, opt->user, err);
    if (run.im && opt->crime_csv)
        store_import_render(run.im, opt->crime_csv);
    if (run.im)
        store_import_threads(run.im, pipeline_wants_thread(opt->jobs));
    int rc = run.im ? import_all(&run, err) : -1;
    pipeline_stop(run.pipe); /* before the commit: a failed store stops the reading */
    store_interner_free(run.interner);
    if (rc == 0)
        rc = store_import_commit(run.im, err);
    else if (run.im)
        store_import_abort(run.im);
    totals->seconds = elapsed(&run.start);
    sources_free(&list);
    if (unreadable.len && rc == 0)
        buf_printf(err, "%s", unreadable.p);
    buf_free(&unreadable);
    if (rc < 0)
        return 1;
    return totals->files_failed ? 2 : 0;
}
