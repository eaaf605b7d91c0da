/*
 * rollup_runs.c - an import's rollup_lsoa counts, merged from sorted runs
 * (see rollup_runs.h).
 *
 * An external merge sort with two levels: the runs of a chunk (one per
 * file) are merged into one run in a temporary file when the chunk is
 * full, and at the end the file's runs and the chunk's are merged
 * together. Memory: the chunk, plus CURSOR_CELLS cells a run in the file
 * during the last merge (about 16 KiB for each chunk's worth of counts).
 */
#include "store/rollup_runs.h"
#include "util/hmap.h"
#include "util/mem.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FORCE_BITS 14
#define MONTH_BITS 18
/* Cells read at a time from a run in the file, and written at a time. */
#define CURSOR_CELLS 1024

struct slice_month {
    int32_t force, month;
};

struct run {
    uint64_t at, n;            /* the first cell: an index into the chunk, or the file */
    struct slice_month *drops; /* a run in the file: (force, month) dropped */
    size_t ndrops;
};

struct run_list {
    struct run *v;
    size_t n, cap;
};

struct rollup_runs {
    size_t chunk_cap;
    struct rollup_packed *chunk; /* cells of the runs in memory */
    size_t used, alloc;
    struct run_list mem, disk;
    int fd;              /* the temporary file, -1 until the first spill */
    uint64_t file_cells; /* cells written to it */
    struct hmap added;   /* (force, month) of the cells held: drops of others cost nothing */
};

bool rollup_pack(const struct rollup_key *k, int64_t n, struct rollup_packed *out)
{
    if (k->lsoa < 0 || k->month < 0 || k->month >= 1 << MONTH_BITS || k->force < 0 ||
        k->force >= 1 << FORCE_BITS || k->crime_type < 0 || k->crime_type > UINT16_MAX ||
        k->outcome < 0 || k->outcome > UINT16_MAX || n < 0 || n > UINT32_MAX)
        return false;
    out->key =
        (uint64_t)(uint32_t)k->lsoa << 32 | (uint64_t)k->month << FORCE_BITS | (uint64_t)k->force;
    out->key2 = (uint32_t)k->crime_type << 16 | (uint32_t)k->outcome;
    out->n = (uint32_t)n;
    return true;
}

struct rollup_key rollup_unpack(const struct rollup_packed *c)
{
    return (struct rollup_key){
        .force = (int32_t)(c->key & ((1u << FORCE_BITS) - 1)),
        .month = (int32_t)(c->key >> FORCE_BITS & ((1u << MONTH_BITS) - 1)),
        .lsoa = (int32_t)(c->key >> 32),
        .crime_type = (int32_t)(c->key2 >> 16),
        .outcome = (int32_t)(c->key2 & 0xffff),
    };
}

static bool less(const struct rollup_packed *a, const struct rollup_packed *b)
{
    return a->key < b->key || (a->key == b->key && a->key2 < b->key2);
}

static bool same_key(const struct rollup_packed *a, const struct rollup_packed *b)
{
    return a->key == b->key && a->key2 == b->key2;
}

static struct slice_month slice_month_of(const struct rollup_packed *c)
{
    struct rollup_key k = rollup_unpack(c);
    return (struct slice_month){k.force, k.month};
}

/* One byte of a cell's sort key: bytes 0-3 key2's, 4-11 key's (least
 * significant first). */
static unsigned key_byte(const struct rollup_packed *c, int b)
{
    return b < 4 ? c->key2 >> 8 * b & 0xff : (unsigned)(c->key >> 8 * (b - 4) & 0xff);
}

/* A stable counting sort a byte, least significant first, skipping the
 * bytes every cell shares (a police.uk file's force and month). */
void rollup_sort_packed(struct rollup_packed *cells, struct rollup_packed *tmp, size_t n)
{
    struct rollup_packed *const out = cells;
    for (int b = 0; b < 12 && n > 1; b++) {
        unsigned first = key_byte(&cells[0], b);
        size_t i = 1;
        while (i < n && key_byte(&cells[i], b) == first)
            i++;
        if (i == n)
            continue;
        size_t at[256] = {0};
        for (i = 0; i < n; i++)
            at[key_byte(&cells[i], b)]++;
        for (size_t v = 0, sum = 0; v < 256; v++) {
            size_t c = at[v];
            at[v] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            tmp[at[key_byte(&cells[i], b)]++] = cells[i];
        struct rollup_packed *t = cells;
        cells = tmp;
        tmp = t;
    }
    if (cells != out)
        memcpy(out, cells, n * sizeof *cells);
}

struct rollup_runs *rollup_runs_new(size_t chunk_cells)
{
    struct rollup_runs *r = xcalloc(1, sizeof *r);
    r->chunk_cap = chunk_cells ? chunk_cells : 1;
    r->fd = -1;
    hmap_init(&r->added);
    return r;
}

static void runs_clear(struct run_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].drops);
    l->n = 0;
}

void rollup_runs_free(struct rollup_runs *r)
{
    if (!r)
        return;
    runs_clear(&r->mem);
    runs_clear(&r->disk);
    free(r->mem.v);
    free(r->disk.v);
    free(r->chunk);
    if (r->fd >= 0)
        close(r->fd);
    hmap_free(&r->added);
    free(r);
}

size_t rollup_runs_cells(const struct rollup_runs *r)
{
    return r->used + (size_t)r->file_cells;
}

static struct run *run_push(struct run_list *l, uint64_t at, uint64_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n] = (struct run){.at = at, .n = n};
    return &l->v[l->n++];
}

/* ---- the temporary file ------------------------------------------------ */

/* Opened at the first spill and unlinked at once: it goes with the
 * process, whatever happens. In $TMPDIR, as SQLite's own temporary files. */
static int open_file(struct rollup_runs *r, struct buf *err)
{
    if (r->fd >= 0)
        return 0;
    const char *dir = getenv("TMPDIR");
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/peel-rollup-XXXXXX", dir && *dir ? dir : "/tmp");
    r->fd = mkstemp(path.p);
    if (r->fd < 0)
        buf_printf(err, "creating a temporary file in %s for the area rollup: %s",
                   dir && *dir ? dir : "/tmp", strerror(errno));
    else
        unlink(path.p);
    buf_free(&path);
    return r->fd < 0 ? -1 : 0;
}

static int write_cells(struct rollup_runs *r, const struct rollup_packed *c, size_t n,
                       struct buf *err)
{
    const char *p = (const char *)c;
    size_t left = n * sizeof *c;
    while (left) {
        ssize_t w = write(r->fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            buf_printf(err, "writing the area rollup to a temporary file: %s",
                       w < 0 ? strerror(errno) : "nothing written");
            return -1;
        }
        p += w;
        left -= (size_t)w;
    }
    r->file_cells += n;
    return 0;
}

static int read_cells(const struct rollup_runs *r, uint64_t at, struct rollup_packed *c, size_t n,
                      struct buf *err)
{
    char *p = (char *)c;
    size_t left = n * sizeof *c;
    off_t off = (off_t)(at * sizeof *c);
    while (left) {
        ssize_t got = pread(r->fd, p, left, off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            buf_printf(err, "reading the area rollup back from its temporary file: %s",
                       got < 0 ? strerror(errno) : "it ended early");
            return -1;
        }
        p += got;
        off += got;
        left -= (size_t)got;
    }
    return 0;
}

/* ---- merging runs ------------------------------------------------------ */

/* A run being merged: its cells from p to end, refilled from the file. */
struct cursor {
    const struct rollup_packed *p, *end;
    uint64_t next, left; /* a run in the file: its next cell and how many remain */
    struct rollup_packed *buf;
    const struct run *run;
};

static bool dropped(const struct cursor *c)
{
    if (!c->run->ndrops)
        return false;
    struct slice_month sm = slice_month_of(c->p);
    for (size_t i = 0; i < c->run->ndrops; i++)
        if (c->run->drops[i].force == sm.force && c->run->drops[i].month == sm.month)
            return true;
    return false;
}

/* Moves c to its next cell that is not dropped. 1 at a cell, 0 at the
 * end, -1 with err. */
static int cursor_settle(const struct rollup_runs *r, struct cursor *c, struct buf *err)
{
    for (;;) {
        if (c->p == c->end) {
            if (!c->left)
                return 0;
            size_t n = c->left < CURSOR_CELLS ? (size_t)c->left : CURSOR_CELLS;
            if (read_cells(r, c->next, c->buf, n, err) < 0)
                return -1;
            c->next += n;
            c->left -= n;
            c->p = c->buf;
            c->end = c->buf + n;
        }
        if (!dropped(c))
            return 1;
        c->p++;
    }
}

static void sift_down(struct cursor **heap, size_t n, size_t i)
{
    for (;;) {
        size_t least = i, l = 2 * i + 1, rt = l + 1;
        if (l < n && less(heap[l]->p, heap[least]->p))
            least = l;
        if (rt < n && less(heap[rt]->p, heap[least]->p))
            least = rt;
        if (least == i)
            return;
        struct cursor *t = heap[i];
        heap[i] = heap[least];
        heap[least] = t;
        i = least;
    }
}

/* Where merge hands each cell, in key order, and then says it is done. */
struct sink {
    int (*take)(struct sink *s, const struct rollup_packed *c, struct buf *err);
    int (*flush)(struct sink *s, struct buf *err);
};

/* Merges the runs of cursors c[0..n) into sink. */
static int merge(const struct rollup_runs *r, struct cursor *c, size_t n, struct sink *sink,
                 struct buf *err)
{
    struct cursor **heap = xmalloc((n ? n : 1) * sizeof(struct cursor *));
    size_t live = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = cursor_settle(r, &c[i], err);
        if (rc == 1) {
            heap[live++] = &c[i];
            rc = 0;
        }
    }
    for (size_t i = live / 2; rc == 0 && i-- > 0;)
        sift_down(heap, live, i);
    while (rc == 0 && live) {
        struct cursor *top = heap[0];
        rc = sink->take(sink, top->p, err);
        top->p++;
        int more = rc == 0 ? cursor_settle(r, top, err) : 0;
        if (more < 0)
            rc = -1;
        else if (!more)
            heap[0] = heap[--live];
        sift_down(heap, live, 0);
    }
    free(heap);
    return rc;
}

/* Cursors over the chunk's runs and (with_file) the file's, after them.
 * *n gets their number; free with free_cursors. */
static struct cursor *cursors_of(struct rollup_runs *r, bool with_file, size_t *n)
{
    size_t k = r->mem.n + (with_file ? r->disk.n : 0);
    struct cursor *c = xcalloc(k ? k : 1, sizeof *c);
    for (size_t i = 0; i < r->mem.n; i++) {
        const struct run *run = &r->mem.v[i];
        c[i] = (struct cursor){r->chunk + run->at, r->chunk + run->at + run->n, 0, 0, NULL, run};
    }
    for (size_t i = r->mem.n; i < k; i++) {
        const struct run *run = &r->disk.v[i - r->mem.n];
        c[i] = (struct cursor){
            NULL, NULL, run->at, run->n, xmalloc(CURSOR_CELLS * sizeof *c[i].buf), run};
    }
    *n = k;
    return c;
}

static void free_cursors(struct cursor *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(c[i].buf);
    free(c);
}

/* The chunk's runs and (with_file) the file's merged into sink. */
static int merge_runs(struct rollup_runs *r, bool with_file, struct sink *sink, struct buf *err)
{
    size_t n;
    struct cursor *c = cursors_of(r, with_file, &n);
    int rc = merge(r, c, n, sink, err);
    free_cursors(c, n);
    return rc == 0 ? sink->flush(sink, err) : rc;
}

/* ---- spilling the chunk to the file ------------------------------------ */

struct file_sink {
    struct sink sink;
    struct rollup_runs *r;
    struct rollup_packed out[CURSOR_CELLS];
    size_t n;
};

static int file_take(struct sink *s, const struct rollup_packed *c, struct buf *err)
{
    struct file_sink *f = (struct file_sink *)s;
    f->out[f->n++] = *c;
    if (f->n < CURSOR_CELLS)
        return 0;
    f->n = 0;
    return write_cells(f->r, f->out, CURSOR_CELLS, err);
}

static int file_flush(struct sink *s, struct buf *err)
{
    struct file_sink *f = (struct file_sink *)s;
    return f->n ? write_cells(f->r, f->out, f->n, err) : 0;
}

/* The chunk's runs merged into one run at the end of the file. */
static int spill(struct rollup_runs *r, struct buf *err)
{
    if (!r->mem.n)
        return 0;
    if (open_file(r, err) < 0)
        return -1;
    uint64_t at = r->file_cells;
    struct file_sink *f = xmalloc(sizeof *f);
    *f = (struct file_sink){.sink = {file_take, file_flush}, .r = r};
    int rc = merge_runs(r, false, &f->sink, err);
    free(f);
    if (rc < 0)
        return -1;
    run_push(&r->disk, at, r->file_cells - at);
    runs_clear(&r->mem);
    r->used = 0;
    return 0;
}

/* ---- adding and dropping ----------------------------------------------- */

static void note_added(struct rollup_runs *r, const struct rollup_packed *cells, size_t n)
{
    struct slice_month last = {-1, -1};
    for (size_t i = 0; i < n; i++) {
        struct slice_month sm = slice_month_of(&cells[i]);
        if (sm.force != last.force || sm.month != last.month)
            hmap_put(&r->added, &sm, sizeof sm, NULL);
        last = sm;
    }
}

int rollup_runs_add(struct rollup_runs *r, const struct rollup_packed *cells, size_t n,
                    struct buf *err)
{
#ifndef NDEBUG
    for (size_t i = 1; i < n; i++)
        assert(!less(&cells[i], &cells[i - 1]));
#endif
    if (!n)
        return 0;
    note_added(r, cells, n);
    if (r->used + n > r->chunk_cap && spill(r, err) < 0)
        return -1;
    if (n > r->chunk_cap) { /* a run larger than the chunk goes to the file as it is */
        if (open_file(r, err) < 0)
            return -1;
        uint64_t at = r->file_cells;
        if (write_cells(r, cells, n, err) < 0)
            return -1;
        run_push(&r->disk, at, n);
        return 0;
    }
    if (r->used + n > r->alloc) {
        size_t alloc = r->alloc ? r->alloc : 4096;
        while (alloc < r->used + n)
            alloc *= 2;
        r->alloc = alloc < r->chunk_cap ? alloc : r->chunk_cap;
        r->chunk = xrealloc(r->chunk, r->alloc * sizeof *r->chunk);
    }
    memcpy(r->chunk + r->used, cells, n * sizeof *cells);
    run_push(&r->mem, r->used, n);
    r->used += n;
    return 0;
}

/* The chunk's cells of sm removed, its runs closed up. */
static void drop_in_chunk(struct rollup_runs *r, struct slice_month sm)
{
    size_t to = 0;
    for (size_t i = 0; i < r->mem.n; i++) {
        struct run *run = &r->mem.v[i];
        size_t start = to;
        for (uint64_t j = run->at; j < run->at + run->n; j++) {
            struct slice_month c = slice_month_of(&r->chunk[j]);
            if (c.force != sm.force || c.month != sm.month)
                r->chunk[to++] = r->chunk[j];
        }
        run->at = start;
        run->n = to - start;
    }
    r->used = to;
}

void rollup_runs_drop(struct rollup_runs *r, int32_t force, int32_t month)
{
    struct slice_month sm = {force, month};
    if (!hmap_get(&r->added, &sm, sizeof sm))
        return;
    drop_in_chunk(r, sm);
    for (size_t i = 0; i < r->disk.n; i++) {
        struct run *run = &r->disk.v[i];
        run->drops = xrealloc(run->drops, (run->ndrops + 1) * sizeof *run->drops);
        run->drops[run->ndrops++] = sm;
    }
}

/* ---- the last merge ---------------------------------------------------- */

struct emit_sink {
    struct sink sink;
    rollup_emit_fn emit;
    void *arg;
    struct rollup_packed last;
    struct rollup_count out[ROLLUP_EMIT];
    size_t n;
};

static int emit_take(struct sink *s, const struct rollup_packed *c, struct buf *err)
{
    struct emit_sink *e = (struct emit_sink *)s;
    if (e->n && same_key(&e->last, c)) {
        e->out[e->n - 1].n += c->n;
        return 0;
    }
    if (e->n == ROLLUP_EMIT) { /* complete: c's key differs, and keys only rise */
        e->n = 0;
        if (e->emit(e->arg, e->out, ROLLUP_EMIT, err) < 0)
            return -1;
    }
    e->out[e->n++] = (struct rollup_count){rollup_unpack(c), c->n};
    e->last = *c;
    return 0;
}

static int emit_flush(struct sink *s, struct buf *err)
{
    struct emit_sink *e = (struct emit_sink *)s;
    return e->n ? e->emit(e->arg, e->out, e->n, err) : 0;
}

static void empty(struct rollup_runs *r)
{
    runs_clear(&r->mem);
    runs_clear(&r->disk);
    r->used = 0;
    r->file_cells = 0;
    hmap_clear(&r->added);
    if (r->fd >= 0 && ftruncate(r->fd, 0) == 0)
        lseek(r->fd, 0, SEEK_SET);
}

int rollup_runs_merge(struct rollup_runs *r, rollup_emit_fn emit, void *arg, struct buf *err)
{
    struct emit_sink *e = xmalloc(sizeof *e);
    *e = (struct emit_sink){.sink = {emit_take, emit_flush}, .emit = emit, .arg = arg};
    int rc = merge_runs(r, true, &e->sink, err);
    free(e);
    empty(r);
    return rc;
}
