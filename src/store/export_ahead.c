/*
 * export_ahead.c - packing download rows on the import's reading thread
 * (see export_ahead.h).
 *
 * A row's end is its LSOA's district, as crimes.c's read back shows it
 * (DISTRICT_OF, query_internal.h). For the LSOAs in the store when the
 * reading starts it is read with that very expression, once; an LSOA the
 * import brings gets it by the same rule from what its row says: no
 * location for an empty code, else the area lookup's district of the code,
 * else the district its name gives (which the import stores with it), else
 * unknown. Each district is rendered once (store_crime_csv.district).
 */
#include "store/export_ahead.h"
#include "store/download_row.h"
#include "store/export.h"
#include "store/export_pack.h"
#include "store/query_internal.h"
#include "store/store_internal.h"
#include "util/hmap.h"
#include "util/mem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* The bytes of the districts rendered and of the lookup's (each at most
 * this and one district; the ids are those download_row.h keeps): the
 * year of bench/ingest's 25,906 LSOAs take 618 KB rendered, and a lookup
 * of 25,905 codes 566 KB. A store beyond either is left to the store to
 * pack. */
#ifndef AHEAD_TEXT_MAX
#define AHEAD_TEXT_MAX (4 << 20)
#endif

struct ahead_slice {
    int64_t force;
    int month;
    struct export_piece pc;
    struct buf csv;
};

struct slice_key {
    int64_t force;
    int64_t month;
};

struct export_ahead {
    const struct store_crime_csv *csv;
    struct export_packer *packer;
    bool off; /* the store packs every row from here */
    /* the row ends of the LSOAs' districts; ids from fresh_from were not
     * in the store */
    struct district_ends ends;
    int64_t fresh_from;
    struct hmap lookup;     /* an LSOA code -> 1 + offset in lookup_text */
    struct buf lookup_text; /* the same form as ends, the district unrendered */
    /* the file's slices being packed */
    struct hmap slices; /* struct slice_key -> index in slice */
    struct ahead_slice *slice;
    size_t nslices, cap;
    size_t last; /* 1 + the index of the last row's slice, 0 for none */
    size_t held; /* the slices' buffers' bytes */
    struct buf scratch;
};

/* ---- the shipped pieces --------------------------------------------------- */

void export_shipped_reset(struct export_shipped *s)
{
    for (size_t i = 0; i < s->n; i++)
        buf_free(&s->v[i].bytes);
    s->n = 0;
}

void export_shipped_free(struct export_shipped *s)
{
    export_shipped_reset(s);
    free(s->v);
    *s = (struct export_shipped){0};
}

/* Moves the slice's bytes into out, to be taken before row `at`. */
static void ship(struct export_ahead *a, struct ahead_slice *sl, size_t at, bool rest,
                 struct export_shipped *out)
{
    if (sl->csv.len == 0) {
        a->held -= sl->csv.cap;
        buf_free(&sl->csv);
        return;
    }
    if (out->n == out->cap) {
        out->cap = out->cap ? 2 * out->cap : 4;
        out->v = xrealloc(out->v, out->cap * sizeof *out->v);
    }
    assert(out->n == 0 || out->v[out->n - 1].at <= at);
    a->held -= sl->csv.cap;
    out->v[out->n++] = (struct export_shipped_piece){sl->force, sl->month, at, rest, sl->csv};
    sl->csv = (struct buf)BUF_INIT;
}

static void ship_all(struct export_ahead *a, size_t at, bool rest, struct export_shipped *out)
{
    for (size_t i = 0; i < a->nslices; i++)
        ship(a, &a->slice[i], at, rest, out);
    assert(a->held == 0);
}

/* ---- districts ------------------------------------------------------------ */

static const char *text_at(const struct buf *b, uint32_t at1, size_t *n)
{
    uint32_t len;
    memcpy(&len, b->p + at1 - 1, sizeof len);
    *n = len;
    return b->p + at1 - 1 + sizeof len;
}

/* Appends a length and the bytes put() writes to b; 1 + its offset, or 0
 * when b is full. */
static uint32_t add_text(struct buf *b, struct text t, void (*put)(struct text t, struct buf *out))
{
    if (b->len > AHEAD_TEXT_MAX)
        return 0;
    size_t off = b->len;
    uint32_t len = 0;
    buf_append(b, &len, sizeof len);
    put(t, b);
    len = (uint32_t)(b->len - off - sizeof len);
    memcpy(b->p + off, &len, sizeof len);
    return (uint32_t)off + 1;
}

static void put_as_is(struct text t, struct buf *out)
{
    buf_append(out, t.p, t.len);
}

/* Remembers the row end of LSOA id, whose district is d, into *end: false
 * when the id or the bytes are beyond what is kept. */
static bool remember_end(struct export_ahead *a, int64_t id, struct text d, struct text *end)
{
    if (id <= 0 || id >= DISTRICT_END_IDS || a->ends.text.len > AHEAD_TEXT_MAX)
        return false;
    district_ends_put(&a->ends, id, d, a->csv->district, end);
    return true;
}

/* The district a row of an LSOA new to the store shows (see the top). */
static struct text district_of_new(const struct export_ahead *a, struct text code, struct text name)
{
    static const char nowhere[] = "(no location)", unknown[] = "(unknown)";
    if (code.len == 0)
        return (struct text){nowhere, sizeof nowhere - 1};
    const int64_t *at = hmap_get(&a->lookup, code.p, code.len);
    struct text d;
    if (at) {
        d.p = text_at(&a->lookup_text, (uint32_t)*at, &d.len);
        return d;
    }
    size_t n = lsoa_name_district_length(name);
    return n ? (struct text){name.p, n} : (struct text){unknown, sizeof unknown - 1};
}

/* The end of a download row of LSOA id (r's): false when not known here. */
static bool row_end(struct export_ahead *a, const struct street_row *r, int64_t id,
                    struct text *end)
{
    return district_ends_get(&a->ends, id, end) ||
           (id >= a->fresh_from &&
            remember_end(a, id, district_of_new(a, r->lsoa_code, r->lsoa_name), end));
}

static struct text column_text(sqlite3_stmt *st, int col)
{
    const char *p = (const char *)sqlite3_column_text(st, col);
    return (struct text){p, (size_t)sqlite3_column_bytes(st, col)};
}

/* Every LSOA's row end, by crimes.c's rule itself; ids above them are new. */
static int load_ends(struct export_ahead *a, struct store *s, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT l.id, " DISTRICT_OF(
                          "l", "dd") " FROM lsoa l LEFT JOIN area dd"
                                     " ON dd.grouping = 'district' AND dd.lsoa_code = l.code",
                      err);
    if (!st)
        return -1;
    int rc = SQLITE_DONE;
    int64_t most = 0;
    while (!a->off && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        most = id > most ? id : most;
        struct text end;
        a->off = !remember_end(a, id, column_text(st, 1), &end);
    }
    sqlite3_finalize(st);
    /* every id remembered is below DISTRICT_END_IDS: no overflow */
    a->fresh_from = most + 1;
    return a->off || rc == SQLITE_DONE ? 0 : store_fail(s, err, "loading the areas' districts");
}

/* The area lookup's districts, for the LSOAs the import brings: the codes
 * that DISTRICT_OF's join can match, which are text (a blob, which a
 * store edited by hand may hold, equals no text in SQL). */
static int load_lookup(struct export_ahead *a, struct store *s, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT lsoa_code, value FROM area WHERE grouping = 'district'"
                                     " AND typeof(lsoa_code) = 'text'",
                                     err);
    if (!st)
        return -1;
    int rc = SQLITE_DONE;
    while (!a->off && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct text code = column_text(st, 0);
        uint32_t at = add_text(&a->lookup_text, column_text(st, 1), put_as_is);
        a->off = at == 0;
        if (!a->off)
            *hmap_put(&a->lookup, code.p, code.len, NULL) = at;
    }
    sqlite3_finalize(st);
    return a->off || rc == SQLITE_DONE ? 0 : store_fail(s, err, "loading the area lookup");
}

struct export_ahead *export_ahead_new(struct store *s, const struct store_crime_csv *csv,
                                      struct buf *err)
{
    assert(csv);
    struct export_ahead *a = xcalloc(1, sizeof *a);
    a->csv = csv;
    a->packer = export_packer_new();
    hmap_init(&a->lookup);
    hmap_init(&a->slices);
    if (load_ends(a, s, err) < 0 || load_lookup(a, s, err) < 0) {
        export_ahead_free(a);
        return NULL;
    }
    return a;
}

static void drop_slices(struct export_ahead *a)
{
    for (size_t i = 0; i < a->nslices; i++)
        buf_free(&a->slice[i].csv);
    hmap_clear(&a->slices);
    a->nslices = a->last = a->held = 0;
}

void export_ahead_free(struct export_ahead *a)
{
    if (!a)
        return;
    drop_slices(a);
    free(a->slice);
    hmap_free(&a->slices);
    hmap_free(&a->lookup);
    buf_free(&a->lookup_text);
    district_ends_free(&a->ends);
    export_packer_free(a->packer);
    free(a);
}

/* ---- rows ----------------------------------------------------------------- */

static struct ahead_slice *slice_of(struct export_ahead *a, int64_t force, int month)
{
    struct ahead_slice *sl = a->last ? &a->slice[a->last - 1] : NULL;
    if (sl && sl->force == force && sl->month == month)
        return sl;
    struct slice_key k = {force, month};
    int inserted;
    int64_t *index = hmap_put(&a->slices, &k, sizeof k, &inserted);
    if (inserted) {
        if (a->nslices == a->cap) {
            a->cap = a->cap ? 2 * a->cap : 16;
            a->slice = xrealloc(a->slice, a->cap * sizeof *a->slice);
        }
        *index = (int64_t)a->nslices;
        a->slice[a->nslices++] = (struct ahead_slice){.force = force, .month = month};
    }
    a->last = (size_t)*index + 1;
    return &a->slice[*index];
}

/* A dictionary part's key: the store's id of its text, or when the store
 * interns that table itself (id 0) a hash of the text, which finds the same
 * text as well (export_pack.c compares the bytes either way). */
static int64_t key_of(int64_t id, struct text t)
{
    return id ? id : INT64_MIN | (int64_t)(hash_bytes(t.p, t.len) >> 1); /* below every id */
}

void export_ahead_street(struct export_ahead *a, const struct street_row *r,
                         struct store_row_prep *p, size_t row, struct export_shipped *out)
{
    p->packed = false;
    if (!a || a->off)
        return;
    const int64_t *id = p->ids;
    struct text end;
    if (!id[STORE_ID_FORCE] || !p->csv_head.len || !row_end(a, r, id[STORE_ID_LSOA], &end)) {
        ship_all(a, row, false, out);
        a->off = true;
        return;
    }
    struct ahead_slice *sl = slice_of(a, id[STORE_ID_FORCE], r->month);
    const int64_t keys[EXPORT_DICTS] = {
        [EXPORT_D_HEAD] = key_of(id[STORE_ID_FALLS_WITHIN], r->falls_within),
        [EXPORT_D_LOCATION] = key_of(id[STORE_ID_LOCATION], r->location),
        [EXPORT_D_LSOA] = id[STORE_ID_LSOA],
        [EXPORT_D_TYPE] = key_of(id[STORE_ID_CRIME_TYPE], r->crime_type),
        [EXPORT_D_OUTCOME] = key_of(id[STORE_ID_OUTCOME], r->outcome),
        [EXPORT_D_DISTRICT] = id[STORE_ID_LSOA],
    };
    size_t before = sl->csv.cap;
    struct export_row parts;
    if (download_row_parts(r, p, end, keys, &parts))
        export_pack_row(a->packer, &sl->pc, &sl->csv, &parts);
    else
        export_pack_literal(a->packer, &sl->pc, &sl->csv, p->csv_head, end);
    a->held += sl->csv.cap - before;
    p->packed = true;
    if (sl->csv.len >= EXPORT_PIECE)
        ship(a, sl, row + 1, false, out);
    if (a->held >= CSV_MAX_HELD)
        ship_all(a, row + 1, false, out);
}

void export_ahead_file_end(struct export_ahead *a, size_t rows, bool whole,
                           struct export_shipped *out)
{
    if (!a)
        return;
    if (whole)
        ship_all(a, rows, true, out);
    drop_slices(a);
}
