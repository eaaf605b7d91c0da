/*
 * crime_rows.c - crimes as download rows, and their CSV kept per slice
 * (see crime_rows.h).
 */
#include "assess/crime_rows.h"
#include "store/export.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    R_CRIME_ID,
    R_MONTH,
    R_REPORTED_BY,
    R_FALLS_WITHIN,
    R_LONGITUDE,
    R_LATITUDE,
    R_LOCATION,
    R_LSOA_CODE,
    R_LSOA_NAME,
    R_CRIME_TYPE,
    R_OUTCOME,
    R_DISTRICT,
    NROW_COLS
};

static_assert((int)NROW_COLS == (int)CRIME_ROW_COLS, "one name per column");

const char *const crime_row_columns[CRIME_ROW_COLS] = {"crime_id",
                                                       "month",
                                                       "reported_by",
                                                       "falls_within",
                                                       "longitude",
                                                       "latitude",
                                                       "location",
                                                       "lsoa_code",
                                                       "lsoa_name",
                                                       "crime_type",
                                                       "last_outcome_category",
                                                       "district"};

/* A coordinate is a number, with the decimals it was published with: so
 * CSV writes it as published (a text "-1.27" would get the formula
 * prefix), JSON as a number. Anything else stays text. */
static void coordinate(struct cell *c)
{
    if (c->type != CELL_TEXT)
        return;
    char *end;
    double v = strtod(c->text, &end);
    const char *dot = strchr(c->text, '.');
    if (*end || end == c->text || !isfinite(v) ||
        strspn(c->text, "-0123456789.") != strlen(c->text))
        return;
    *c = (struct cell){.type = CELL_REAL, .r = v, .decimals = dot ? (int)strlen(dot + 1) : 0};
}

void crime_row_cells(const struct crime_row *r, struct cell c[CRIME_ROW_COLS])
{
    const char *v[NROW_COLS] = {[R_CRIME_ID] = r->crime_id,
                                [R_MONTH] = r->month,
                                [R_REPORTED_BY] = r->reported_by,
                                [R_FALLS_WITHIN] = r->falls_within,
                                [R_LONGITUDE] = r->longitude,
                                [R_LATITUDE] = r->latitude,
                                [R_LOCATION] = r->location,
                                [R_LSOA_CODE] = r->lsoa_code,
                                [R_LSOA_NAME] = r->lsoa_name,
                                [R_CRIME_TYPE] = r->crime_type,
                                [R_OUTCOME] = r->last_outcome_category,
                                [R_DISTRICT] = r->district};
    for (size_t i = 0; i < NROW_COLS; i++)
        c[i] = (struct cell){.type = v[i][0] ? CELL_TEXT : CELL_NULL, .text = (char *)v[i]};
    coordinate(&c[R_LONGITUDE]);
    coordinate(&c[R_LATITUDE]);
}

/* Bytes rendered before they are written out: memory holds about one
 * piece whatever the size of a slice (a month of one force can be
 * hundreds of MB). A slice that fits in one piece is rendered once;
 * a larger one twice, since SQLite must be told a blob's size before it
 * is written in pieces: once to count its bytes, once to write them. */
#define EXPORT_PIECE (4 << 20)

/* Where rendered rows go: counted (w NULL: at most one piece is kept, and
 * kept_all says whether that was all of it) or written to w. */
struct sink {
    struct buf csv; /* rendered, not yet counted or written */
    uint64_t done;  /* bytes counted or written before csv */
    struct export_writer *w;
    bool kept_all;
};

static int sink_flush(struct sink *k, struct buf *err)
{
    if (k->w && store_export_put_write(k->w, k->csv.p, k->csv.len, err) < 0)
        return -1;
    if (!k->w)
        k->kept_all = false;
    k->done += k->csv.len;
    buf_reset(&k->csv);
    return 0;
}

/* One slice's rows as CSV (no header) into k, *rows of them. */
static int render_slice(struct store *s, int64_t slice_id, struct sink *k, int64_t *rows,
                        struct buf *err)
{
    struct crime_cursor *c = store_crimes_open_slice(s, slice_id, err);
    if (!c)
        return -1;
    /* table_stream_begin less its header: the rows alone are stored */
    struct table_stream ts = {TABLE_CSV, CRIME_ROW_COLS, crime_row_columns, 0};
    struct crime_row r;
    struct cell cells[CRIME_ROW_COLS];
    int rc;
    while ((rc = store_crimes_next(c, &r, err)) == 1) {
        crime_row_cells(&r, cells);
        table_stream_row(&ts, cells, &k->csv);
        if (k->csv.len >= EXPORT_PIECE && sink_flush(k, err) < 0) {
            rc = -1;
            break;
        }
    }
    store_crimes_close(c);
    *rows = (int64_t)ts.nrows;
    return rc;
}

/* The second pass of a slice over one piece: rendered again, straight into
 * a blob of the size the first pass counted (the same rows: one write
 * transaction holds the store still). */
static int write_slice(struct store *s, int64_t slice_id, int64_t rows, uint64_t len,
                       struct sink *k, struct buf *err)
{
    int64_t again;
    buf_reset(&k->csv);
    k->done = 0;
    k->w = store_export_put_begin(s, slice_id, rows, len, err);
    if (!k->w)
        return -1;
    int rc = render_slice(s, slice_id, k, &again, err);
    if (rc == 0)
        rc = sink_flush(k, err);
    struct buf ignored = BUF_INIT; /* after a failure, the first reason is the one */
    int end = store_export_put_end(k->w, rc == 0 ? err : &ignored);
    buf_free(&ignored);
    k->w = NULL;
    return rc < 0 || end < 0 ? -1 : 0;
}

/* Renders and stores one slice, unless some crime of it was not rendered
 * (an id with no text to join): then the row path, which drops such a row
 * too, keeps serving it, and nothing depends on that reasoning. */
static int refresh_slice(struct store *s, int64_t slice_id, struct sink *k, bool *stored,
                         struct buf *err)
{
    int64_t rows, crimes;
    buf_reset(&k->csv);
    *k = (struct sink){.csv = k->csv, .kept_all = true};
    *stored = false;
    if (render_slice(s, slice_id, k, &rows, err) < 0 ||
        store_export_slice_crimes(s, slice_id, &crimes, err) < 0)
        return -1;
    if (rows != crimes)
        return 0;
    *stored = true;
    if (k->kept_all)
        return store_export_put(s, slice_id, rows, k->csv.p, k->csv.len, err);
    return write_slice(s, slice_id, rows, k->done + k->csv.len, k, err);
}

int export_refresh(struct store *s, long *rendered, struct buf *err)
{
    if (rendered)
        *rendered = 0;
    if (store_export_begin(s, err) < 0)
        return -1;
    int64_t *ids;
    size_t n;
    int rc = store_export_missing(s, &ids, &n, err);
    struct sink k = {BUF_INIT, 0, NULL, true};
    for (size_t i = 0; rc == 0 && i < n; i++) {
        bool stored;
        rc = refresh_slice(s, ids[i], &k, &stored, err);
        if (rc == 0 && stored && rendered)
            (*rendered)++;
    }
    buf_free(&k.csv);
    free(ids);
    if (rc == 0)
        rc = store_export_commit(s, err);
    if (rc < 0)
        store_export_abort(s);
    return rc;
}
