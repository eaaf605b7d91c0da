/*
 * pipeline.c - reading an import's files on a second thread (see pipeline.h).
 *
 * Why a thread: on the benchmark's data the reading side (read, SHA-256,
 * CSV split, checks) is a third or more of an import's CPU and the SQLite
 * side the rest; they depend on each other only through the order of the
 * rows, so a bounded queue between them lets both cores work at once
 * (bench/README.md, "Import on two cores").
 *
 * Files of up to PIPE_PAIR_MAX bytes are read whole two at a time, hashed
 * together (util/sha256_pair.h: two digests interleaved ran at 1.8 times
 * one's rate, and SHA-256 was a quarter of this side's CPU), and parsed
 * from memory; the last file, a larger one, or one that cannot be read
 * whole is hashed as it is read (open_source). The digest is of the bytes
 * parsed either way.
 *
 * The batches are a fixed pool: the reader takes an empty one, fills it and
 * queues it; the writer takes the oldest full one and hands it back with its
 * next call. Nothing is allocated per row or per batch once started, so
 * memory stays flat, and a batch is always freed by the thread that made
 * it. (The one exception: a batch carries the pieces of download rows its
 * rows completed, each allocated by the reading thread as it packs them,
 * and freed by it when the batch comes back: store/export_ahead.h.) The same fill() serves one
 * thread (called by pipeline_next when a batch is wanted) and two (called in a loop by the reading
 * thread), so both read exactly the same rows.
 *
 * Stopping: the writer sets `stop` and wakes the reader, which is either
 * filling a batch (it checks `stop` before each one) or waiting for an empty
 * one; it closes its file and leaves, and pipeline_stop joins it.
 */
#include "ingest/pipeline.h"
#include "util/thread.h"
#include "ingest/csv.h"
#include "model/forces.h"
#include "util/mem.h"
#include "util/sha256_pair.h"

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Enough rows queued that the writer does not wait while the reading
 * thread waits for a core; few enough that they are a few MB in all. */
#ifndef PIPE_BATCHES
#define PIPE_BATCHES 8
#endif
#ifndef PIPE_BATCH_ROWS
#define PIPE_BATCH_ROWS 1024
#endif
/* The reading thread, once it has filled every batch, sleeps until this
 * many are free again. */
#define PIPE_WAKE (PIPE_BATCHES / 2)
/* A row's text is at most its raw bytes (unquoted fields are shorter) plus
 * a quarantine reason; a batch is closed while it has room for the longest
 * record, so a row never has to be moved. */
#define PIPE_ROW_MAX (CSV_MAX_RECORD + sizeof(((struct pu_problem *)0)->reason))
#define PIPE_ARENA   (2 * PIPE_ROW_MAX)
/* The largest file read whole to be hashed with another (the 60 real
 * police.uk CSVs in ../shared/data/real take 2.4 MB at most); a larger one
 * is hashed as it is read and parsed. Two are held at once at most, in two
 * buffers kept for the import (each sized to its largest file). */
#ifndef PIPE_PAIR_MAX
#define PIPE_PAIR_MAX (8u << 20)
#endif

struct pipeline {
    /* The reading side: the reading thread's alone once it runs. */
    const struct source_list *list;
    const char *force;                    /* --force, or NULL */
    const struct store_crime_csv *render; /* download rows' heads, or NULL */
    struct store_interner *interner;      /* or NULL */
    struct export_ahead *ahead;           /* the interner's, or NULL */
    const char *search_force;             /* the stop-and-search file's force */
    struct source_reader *reader;
    size_t next_file;             /* the next file to open */
    size_t file;                  /* the file being read, while csv is open */
    struct source_stream *stream; /* the open file's, unless it is read from mem */
    struct csv_reader *csv;
    /* Files of up to PIPE_PAIR_MAX bytes read whole (open_source): the open
     * one in mem, parsed through mem_left, and the one after it in next;
     * each with its digest. */
    struct buf mem, next;
    struct csv_memory mem_left;
    bool in_mem, next_held;
    size_t next_file_held;
    char mem_sha[SHA256_HEX_SIZE], next_sha[SHA256_HEX_SIZE];
    enum pu_kind kind;
    long line; /* the last record's line, for a read error */

    /* The hand-over, under mu. */
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    struct pipe_batch *full[PIPE_BATCHES]; /* a ring, oldest at head */
    size_t head, nfull;
    struct pipe_batch *empty[PIPE_BATCHES];
    size_t nempty;
    bool done;         /* the reader has queued its last batch */
    bool reader_waits; /* for PIPE_WAKE empty batches */
    bool stop;         /* the writer wants no more */

    bool threaded;
    pthread_t thread;
    struct pipe_batch *held; /* the writer's current batch */
    struct pipe_batch batches[PIPE_BATCHES];
};

/* ---- filling a batch (the reading side) ------------------------------------ */

static void batch_reset(struct pipe_batch *b)
{
    b->first = b->last = b->recognised = false;
    b->kind = PU_UNKNOWN;
    b->force = NULL;
    buf_reset(&b->error);
    b->sha256[0] = '\0';
    b->nrows = 0;
    b->used = 0;
    buf_reset(&b->csv);
    export_shipped_reset(&b->pieces);
}

static const char *arena_put(struct pipe_batch *b, const char *p, size_t n)
{
    assert(b->used + n <= PIPE_ARENA);
    char *at = b->arena + b->used;
    if (n)
        memcpy(at, p, n);
    b->used += n;
    return at;
}

/* The row's text fields, for copying: every column but the month, and a
 * street row's source bytes. */
static size_t texts_of(struct pipe_row *r, struct text *t[STOP_SEARCH_COLUMNS])
{
    struct street_row *s = &r->u.street;
    struct outcome_row *o = &r->u.outcome;
    switch (r->what) {
    case PIPE_STREET: {
        struct text *all[] = {&s->crime_id,   &s->reported_by, &s->falls_within, &s->longitude,
                              &s->latitude,   &s->location,    &s->lsoa_code,    &s->lsoa_name,
                              &s->crime_type, &s->outcome,     &s->context,      &s->source};
        _Static_assert(sizeof all == PU_STREET_COLUMNS * sizeof(struct text *), "columns");
        memcpy(t, all, sizeof all);
        return PU_STREET_COLUMNS;
    }
    case PIPE_OUTCOME: {
        struct text *all[] = {&o->crime_id,  &o->reported_by, &o->falls_within,
                              &o->longitude, &o->latitude,    &o->location,
                              &o->lsoa_code, &o->lsoa_name,   &o->outcome_type};
        _Static_assert(sizeof all == (PU_OUTCOMES_COLUMNS - 1) * sizeof(struct text *), "columns");
        memcpy(t, all, sizeof all);
        return PU_OUTCOMES_COLUMNS - 1;
    }
    case PIPE_STOP_SEARCH:
        for (size_t i = 0; i < STOP_SEARCH_COLUMNS; i++)
            t[i] = &r->u.search.col[i];
        return STOP_SEARCH_COLUMNS;
    case PIPE_QUARANTINE:
        break;
    }
    return 0;
}

static bool within(const struct text *t, const struct csv_record *rec)
{
    uintptr_t p = (uintptr_t)t->p, raw = (uintptr_t)rec->raw;
    return t->len == 0 || (p >= raw && p + t->len <= raw + rec->rawlen);
}

static bool all_within(struct text *const *t, size_t n, const struct csv_record *rec)
{
    for (size_t i = 0; i < n; i++)
        if (!within(t[i], rec))
            return false;
    return true;
}

/* Points the row's texts at copies in the batch: one copy of the raw
 * record when every field lies in it (no field had "" to unescape), else
 * a copy of each field. Either way at most rawlen bytes. Each text is a
 * view of a field, so a record whose fields are all views of raw (as the
 * reader knows) needs no looking: asking each text took 76 M of a month's
 * 5.0 G instructions on the reading thread (callgrind, bench/README.md,
 * stop 41). */
static void keep_texts(struct pipe_batch *b, struct pipe_row *r, const struct csv_record *rec)
{
    struct text *t[STOP_SEARCH_COLUMNS];
    size_t n = texts_of(r, t);
    if (rec->in_raw || all_within(t, n, rec)) {
        const char *copy = arena_put(b, rec->raw, rec->rawlen);
        for (size_t i = 0; i < n; i++)
            t[i]->p = t[i]->len ? copy + (t[i]->p - rec->raw) : copy;
    } else {
        for (size_t i = 0; i < n; i++)
            t[i]->p = arena_put(b, t[i]->p, t[i]->len);
    }
}

/* Works out what a stored row binds, and packs a street crime's download
 * row, so that the writer does not (store_prepare_street,
 * store/export_ahead.h): on the reading thread, where it costs the writer
 * nothing. */
static void prepare(const struct pipeline *p, struct pipe_batch *b, struct pipe_row *r)
{
    if (r->what == PIPE_STREET) {
        r->csv_off = b->csv.len;
        store_prepare_street(&r->u.street, p->render, &b->csv, &r->prep);
        store_intern_street(p->interner, &r->u.street, &r->prep);
        export_ahead_street(p->ahead, &r->u.street, &r->prep, (size_t)(r - b->rows), &b->pieces);
    } else if (r->what == PIPE_OUTCOME) {
        store_prepare_outcome(&r->u.outcome, &r->prep);
        store_intern_outcome(p->interner, &r->u.outcome, &r->prep);
    } else if (r->what == PIPE_STOP_SEARCH) {
        r->prep = (struct store_row_prep){0};
        store_intern_force(p->interner, p->search_force, &r->prep);
    }
}

/* Points the rows' download heads at where the batch's csv ended up. */
static void place_heads(struct pipe_batch *b)
{
    for (size_t i = 0; i < b->nrows; i++)
        if (b->rows[i].what == PIPE_STREET && b->rows[i].prep.csv_head.len &&
            !b->rows[i].prep.csv_head_read)
            b->rows[i].prep.csv_head.p = b->csv.p + b->rows[i].csv_off;
}

/* Checks one record into the batch: a row for the store, or one for
 * quarantine. */
static void add_record(const struct pipeline *p, struct pipe_batch *b, enum pu_kind kind,
                       const struct csv_record *rec)
{
    assert(b->nrows < PIPE_BATCH_ROWS && PIPE_ARENA - b->used >= PIPE_ROW_MAX);
    struct pipe_row *r = &b->rows[b->nrows++];
    struct pu_problem why; /* not zeroed whole: 168 bytes a row for a reason seldom given */
    why.column = NULL;
    why.reason[0] = '\0';
    bool ok = false;
    r->line = rec->line;
    switch (kind) {
    case PU_STREET:
        r->what = PIPE_STREET;
        ok = pu_parse_street(rec, &r->u.street, &why);
        break;
    case PU_OUTCOMES:
        r->what = PIPE_OUTCOME;
        ok = pu_parse_outcome(rec, &r->u.outcome, &why);
        break;
    case PU_STOP_SEARCH:
        r->what = PIPE_STOP_SEARCH;
        ok = pu_parse_stop_search(rec, &r->u.search, &why);
        break;
    case PU_UNKNOWN:
        assert(!"a file's rows are read only once its header is known");
        break;
    }
    if (ok) {
        keep_texts(b, r, rec);
        prepare(p, b, r);
        return;
    }
    r->what = PIPE_QUARANTINE;
    r->u.bad.column = why.column; /* a static column name */
    r->u.bad.reason = arena_put(b, why.reason, strlen(why.reason) + 1);
    r->u.bad.rawlen = rec->rawlen;
    r->u.bad.raw = arena_put(b, rec->raw, rec->rawlen);
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

static const char *stop_search_force(const char *force, const char *name)
{
    if (force) {
        const struct police_force *f = force_by_slug(force, strlen(force));
        return f ? f->name : force;
    }
    return force_from_name(name);
}

static void describe_header(const struct csv_record *h, struct buf *out)
{
    size_t n = h->rawlen > 120 ? 120 : h->rawlen;
    buf_printf(out,
               "unknown header \"%.*s%s\"; expected a data.police.uk street, outcomes or "
               "stop-and-search header, e.g. \"%s\"",
               (int)n, h->raw, h->rawlen > n ? "..." : "", pu_kind_header(PU_STREET));
}

/* Reads the header and decides the file's kind into b; false with b->error
 * set when the file is not one Peel knows. */
static bool recognise(struct pipeline *p, const char *name, struct pipe_batch *b)
{
    struct csv_record header;
    int got = csv_next(p->csv, &header);
    if (got < 0) {
        buf_printf(&b->error, "read error: %s", strerror(errno));
        return false;
    }
    if (got == 0) {
        buf_puts(&b->error, "empty file (no header line)");
        return false;
    }
    b->kind = pu_recognise(&header);
    if (b->kind == PU_UNKNOWN) {
        describe_header(&header, &b->error);
        return false;
    }
    if (b->kind == PU_STOP_SEARCH && !(b->force = stop_search_force(p->force, name))) {
        buf_puts(&b->error, "stop-and-search rows do not name their force: name the file "
                            "YYYY-MM-<force>-stop-and-search.csv or pass --force");
        return false;
    }
    return true;
}

static void close_file(struct pipeline *p)
{
    csv_close(p->csv);
    source_close(p->stream);
    p->csv = NULL;
    p->stream = NULL;
    p->in_mem = false;
}

/* Opens file p->file, to be parsed from memory or as a stream:
 * - read whole before, with the file before it: from memory;
 * - else, with a file after it and at most PIPE_PAIR_MAX bytes: read
 *   whole, and the file after it too when that fits, the two hashed
 *   together (that one is then kept for its turn), or it alone;
 * - else (the last file, a larger one, or one that cannot be read whole):
 *   as a stream, hashed as it is read, which says why it cannot be opened
 *   or read.
 * The bytes parsed are the bytes hashed either way. */
static bool open_source(struct pipeline *p, struct buf *err)
{
    const struct source *items = p->list->items;
    size_t i = p->file;
    p->in_mem = true;
    if (p->next_held && p->next_file_held == i) {
        struct buf was = p->mem;
        p->mem = p->next;
        p->next = was;
        memcpy(p->mem_sha, p->next_sha, sizeof p->mem_sha);
        p->next_held = false;
        p->mem_left = (struct csv_memory){p->mem.p, p->mem.len};
        return true;
    }
    p->next_held = false;
    if (i + 1 < p->list->count && source_slurp(p->reader, &items[i], PIPE_PAIR_MAX, &p->mem)) {
        if (source_slurp(p->reader, &items[i + 1], PIPE_PAIR_MAX, &p->next)) {
            sha256_pair(p->mem.p, p->mem.len, p->next.p, p->next.len, p->mem_sha, p->next_sha);
            p->next_held = true;
            p->next_file_held = i + 1;
        } else {
            sha256_of(p->mem.p, p->mem.len, p->mem_sha);
        }
        p->mem_left = (struct csv_memory){p->mem.p, p->mem.len};
        return true;
    }
    p->in_mem = false;
    p->stream = source_open(p->reader, &items[i], err);
    return p->stream != NULL;
}

/* Opens the next file into b, its first batch; true when its rows follow. */
static bool open_file(struct pipeline *p, struct pipe_batch *b)
{
    const struct source *src = &p->list->items[p->next_file];
    p->file = p->next_file++;
    b->file = p->file;
    b->first = true;
    if (open_source(p, &b->error))
        p->csv =
            p->in_mem ? csv_open(csv_read_memory, &p->mem_left) : csv_open(source_read, p->stream);
    p->line = 1; /* the header's, if the first read fails */
    if (p->csv && recognise(p, source_name(src), b)) {
        b->recognised = true;
        p->kind = b->kind;
        p->search_force = b->force;
        return true;
    }
    close_file(p);
    b->last = true;
    return false;
}

/* Fills b with the next rows; false when every file has been read. */
static bool fill(struct pipeline *p, struct pipe_batch *b)
{
    batch_reset(b);
    if (!p->csv) {
        if (p->next_file == p->list->count)
            return false;
        if (!open_file(p, b))
            return true;
    }
    b->file = p->file;
    int got = 1;
    while (got > 0 && b->nrows < PIPE_BATCH_ROWS && PIPE_ARENA - b->used >= PIPE_ROW_MAX) {
        struct csv_record rec;
        got = csv_next(p->csv, &rec);
        if (got > 0) {
            p->line = rec.line;
            if (!pu_blank_record(&rec))
                add_record(p, b, p->kind, &rec);
        }
    }
    place_heads(b);
    if (got > 0)
        return true; /* the batch is full; the file goes on */
    if (got < 0) {
        const char *why = p->stream ? source_error(p->stream) : NULL;
        buf_printf(&b->error, "read error after line %ld: %s", p->line,
                   why ? why : strerror(errno));
    } else {
        if (p->in_mem)
            memcpy(b->sha256, p->mem_sha, sizeof b->sha256);
        else
            source_sha256(p->stream, b->sha256);
    }
    export_ahead_file_end(p->ahead, b->nrows, got == 0, &b->pieces);
    close_file(p);
    b->last = true;
    return true;
}

/* ---- the hand-over -------------------------------------------------------- */

/* The reading thread: fills empty batches until the files end or the
 * writer stops it. */
static void *reading(void *arg)
{
    struct pipeline *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        if (p->nempty == 0) {
            /* wait until half the batches are free, then fill them in
             * one go: a thread that sleeps and wakes for every batch waits
             * for a core each time on a busy machine */
            p->reader_waits = true;
            while (p->nempty < PIPE_WAKE && !p->stop)
                pthread_cond_wait(&p->emptied, &p->mu);
            p->reader_waits = false;
        }
        struct pipe_batch *b = p->stop ? NULL : p->empty[--p->nempty];
        pthread_mutex_unlock(&p->mu);
        if (!b)
            break;
        bool more = fill(p, b);
        pthread_mutex_lock(&p->mu);
        if (more)
            p->full[(p->head + p->nfull++) % PIPE_BATCHES] = b;
        else
            p->empty[p->nempty++] = b;
        p->done = !more;
        pthread_cond_signal(&p->filled);
        pthread_mutex_unlock(&p->mu);
        if (!more)
            break;
    }
    close_file(p); /* stopped half-way through a file */
    return NULL;
}

bool pipeline_wants_thread(int jobs)
{
    if (jobs == 1)
        return false;
    return jobs >= 2 || sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

struct pipeline *pipeline_start(const struct source_list *list, size_t first,
                                const struct pipe_options *opt, struct store_interner *interner)
{
    assert(first <= list->count);
    struct pipeline *p = xcalloc(1, sizeof *p);
    p->list = list;
    p->next_file = first;
    p->force = opt->force;
    p->render = opt->csv;
    p->interner = interner;
    p->ahead = store_interner_ahead(interner);
    p->reader = source_reader_new();
    for (size_t i = 0; i < PIPE_BATCHES; i++) {
        struct pipe_batch *b = &p->batches[i];
        b->rows = xmalloc(PIPE_BATCH_ROWS * sizeof *b->rows);
        b->arena = xmalloc(PIPE_ARENA);
        p->empty[p->nempty++] = b;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->filled, NULL);
    pthread_cond_init(&p->emptied, NULL);
    /* without a thread (one core, or none could be started) the writer
     * reads each batch itself when it wants one */
    p->threaded = pipeline_wants_thread(opt->jobs) && thread_start_quiet(&p->thread, reading, p);
    return p;
}

/* The next batch without a thread: the writer fills its own. */
static const struct pipe_batch *next_inline(struct pipeline *p)
{
    struct pipe_batch *b = p->held ? p->held : p->empty[--p->nempty];
    p->held = NULL;
    if (p->done || !fill(p, b)) {
        p->done = true;
        p->empty[p->nempty++] = b;
        return NULL;
    }
    return p->held = b;
}

const struct pipe_batch *pipeline_next(struct pipeline *p)
{
    if (!p->threaded)
        return next_inline(p);
    pthread_mutex_lock(&p->mu);
    if (p->held) {
        p->empty[p->nempty++] = p->held;
        p->held = NULL;
        if (p->reader_waits && p->nempty >= PIPE_WAKE)
            pthread_cond_signal(&p->emptied);
    }
    while (p->nfull == 0 && !p->done)
        pthread_cond_wait(&p->filled, &p->mu);
    if (p->nfull) {
        p->held = p->full[p->head];
        p->head = (p->head + 1) % PIPE_BATCHES;
        p->nfull--;
    }
    pthread_mutex_unlock(&p->mu);
    return p->held;
}

void pipeline_stop(struct pipeline *p)
{
    if (!p)
        return;
    if (p->threaded) {
        pthread_mutex_lock(&p->mu);
        p->stop = true;
        pthread_cond_signal(&p->emptied);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->thread, NULL);
    }
    close_file(p);
    for (size_t i = 0; i < PIPE_BATCHES; i++) {
        free(p->batches[i].rows);
        free(p->batches[i].arena);
        buf_free(&p->batches[i].error);
        buf_free(&p->batches[i].csv);
        export_shipped_free(&p->batches[i].pieces);
    }
    pthread_cond_destroy(&p->emptied);
    pthread_cond_destroy(&p->filled);
    pthread_mutex_destroy(&p->mu);
    source_reader_free(p->reader);
    buf_free(&p->mem);
    buf_free(&p->next);
    free(p);
}
