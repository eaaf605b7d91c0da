/*
 * crime_rows.c - crimes as download rows, and their CSV kept per slice
 * (see crime_rows.h).
 */
#include "assess/crime_rows.h"
#include "store/export.h"
#include "store/import.h"
#include "util/numfmt.h"
#include "util/coord.h"

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
    /* police.uk's own six decimals (coord.h): the value without strtod, the
     * text as the digits CSV writes, which are buf_put_exact's for it
     * (test_export checks them against it) */
    int64_t micro;
    if (coord_parse_micro(c->text, strlen(c->text), &micro)) {
        *c = (struct cell){
            .type = CELL_REAL, .r = (double)micro / 1e6, .decimals = 6, .digits = c->text};
        return;
    }
    char *end;
    double v = strtod(c->text, &end);
    const char *dot = strchr(c->text, '.');
    if (*end || end == c->text || !isfinite(v) ||
        strspn(c->text, "-0123456789.") != strlen(c->text))
        return;
    /* a double holds no more than 15 decimals of it for certain: beyond,
     * buf_put_exact writes the digits that read back as this double (a text
     * of 16 or more decimals crashed an import, found by fuzz_import) */
    size_t decimals = dot ? strlen(dot + 1) : 0;
    *c = (struct cell){.type = CELL_REAL, .r = v, .decimals = decimals > 15 ? 15 : (int)decimals};
}

/* A row's texts in the download's column order, for the cells and the
 * CSV alike. */
static void row_values(const struct crime_row *r, const char *v[NROW_COLS])
{
    v[R_CRIME_ID] = r->crime_id;
    v[R_MONTH] = r->month;
    v[R_REPORTED_BY] = r->reported_by;
    v[R_FALLS_WITHIN] = r->falls_within;
    v[R_LONGITUDE] = r->longitude;
    v[R_LATITUDE] = r->latitude;
    v[R_LOCATION] = r->location;
    v[R_LSOA_CODE] = r->lsoa_code;
    v[R_LSOA_NAME] = r->lsoa_name;
    v[R_CRIME_TYPE] = r->crime_type;
    v[R_OUTCOME] = r->last_outcome_category;
    v[R_DISTRICT] = r->district;
}

void crime_row_cells(const struct crime_row *r, struct cell c[CRIME_ROW_COLS])
{
    const char *v[NROW_COLS];
    row_values(r, v);
    for (size_t i = 0; i < NROW_COLS; i++)
        c[i] = (struct cell){.type = v[i][0] ? CELL_TEXT : CELL_NULL, .text = (char *)v[i]};
    coordinate(&c[R_LONGITUDE]);
    coordinate(&c[R_LATITUDE]);
}

static_assert((int)STORE_CRIME_TEXTS == (int)CRIME_ROW_COLS, "the import hands every column");

/* A coordinate that is not six decimals, as table_stream_row writes
 * coordinate()'s cell for it (a number with its decimals, or a text). */
static void coordinate_csv(struct text t, struct buf *out)
{
    struct buf text = BUF_INIT;
    buf_append(&text, t.p, t.len);
    struct cell c = {.type = CELL_TEXT, .text = text.p};
    coordinate(&c);
    if (c.type == CELL_REAL) {
        buf_put_exact(out, c.r, c.decimals); /* finite: coordinate() checked */
    } else {
        buf_grow(out, TABLE_CSV_TEXT_ROOM(t.len));
        out->len = (size_t)(table_csv_text_to(out->p + out->len, t.p, t.len, true) - out->p);
        out->p[out->len] = '\0';
    }
    buf_free(&text);
}

/* The same bytes as crime_row_cells' cells through table_stream_row (an
 * empty text is a null, an empty field; coordinate() keeps police.uk's six
 * decimals as they are), each text written from its length, the row into
 * room reserved once: test_export and scripts/compare-downloads hold the
 * two equal. Here columns first .. first + n - 1 of a row, from their
 * texts (t[0] is column first's), each followed by its separator: a comma,
 * or CR LF after the last column (crime_texts_csv_head and
 * crime_district_csv, the two parts of a row). */
static void texts_csv(const struct text *t, size_t first, size_t n, struct buf *out)
{
    size_t room = 2; /* CR LF */
    for (size_t i = 0; i < n; i++)
        room += 1 + TABLE_CSV_TEXT_ROOM(t[i].len);
    buf_grow(out, room);
    char *o = out->p + out->len;
    for (size_t i = 0; i < n; i++) {
        size_t col = first + i;
        int64_t micro;
        if (!t[i].len) {
            /* an empty text is an empty field */
        } else if (col != R_LONGITUDE && col != R_LATITUDE) {
            o = table_csv_text_to(o, t[i].p, t[i].len, true);
        } else if (coord_parse_micro(t[i].p, t[i].len, &micro)) {
            memcpy(o, t[i].p, t[i].len);
            o += t[i].len;
        } else {
            out->len = (size_t)(o - out->p);
            coordinate_csv(t[i], out);
            buf_grow(out, room);
            o = out->p + out->len;
        }
        if (col + 1 < NROW_COLS) {
            *o++ = ',';
        } else {
            *o++ = '\r';
            *o++ = '\n';
        }
    }
    out->len = (size_t)(o - out->p);
    *o = '\0';
}

void crime_texts_csv_head(const struct text *t, struct buf *out)
{
    texts_csv(t, 0, NROW_COLS - 1, out);
}

void crime_district_csv(struct text district, struct buf *out)
{
    texts_csv(&district, NROW_COLS - 1, 1, out);
}

/* texts_csv writes a text as it is unless it holds a byte CSV quotes or
 * starts as a formula (table_csv_text_to), and a coordinate as it is when
 * it has police.uk's six decimals, as the caller vouches (and for no comma,
 * quote or line feed): a carriage return and a formula's first byte are
 * what is left to look for. */
bool crime_texts_csv_as_read(const struct text *t, struct text source)
{
    if (memchr(source.p, '\r', source.len))
        return false;
    for (size_t i = 0; i < NROW_COLS - 1; i++)
        if (i != R_MONTH && i != R_LONGITUDE && i != R_LATITUDE &&
            table_csv_formula(t[i].p, t[i].len))
            return false;
    return true;
}

const struct store_crime_csv crime_texts_csv = {crime_texts_csv_head, crime_district_csv,
                                                crime_texts_csv_as_read};

void crime_row_csv(const struct crime_row *r, struct buf *out, void *arg)
{
    const char *v[NROW_COLS];
    row_values(r, v);
    struct text t[NROW_COLS];
    for (size_t i = 0; i < NROW_COLS; i++)
        t[i] = (struct text){v[i], strlen(v[i])};
    (void)arg;
    crime_texts_csv_head(t, out);
    crime_district_csv(t[NROW_COLS - 1], out);
}

/* One slice's rows read back, as CSV, into x (a piece stored whenever one
 * is full), *rows of them. */
static int render_slice(struct store *s, struct export_slice *x, int64_t *rows, struct buf *err)
{
    struct crime_cursor *c = store_crimes_open_slice(s, x->slice_id, err);
    if (!c)
        return -1;
    struct crime_row r;
    int rc;
    *rows = 0;
    while ((rc = store_crimes_next(c, &r, err)) == 1) {
        crime_row_csv(&r, &x->csv, NULL);
        ++*rows;
        if (x->csv.len >= EXPORT_PIECE && store_export_slice_spill(s, x, err) < 0) {
            rc = -1;
            break;
        }
    }
    store_crimes_close(c);
    return rc;
}

/* Renders and stores one slice, unless some crime of it was not rendered
 * (an id with no text to join): then the row path, which drops such a row
 * too, keeps serving it, and nothing depends on that reasoning. */
static int refresh_slice(struct store *s, int64_t slice_id, bool *stored, struct buf *err)
{
    struct export_slice x = {0};
    int64_t rows, crimes;
    *stored = false;
    if (store_export_slice_begin(s, &x, slice_id, EXPORT_FORM_TEXT, err) < 0 ||
        render_slice(s, &x, &rows, err) < 0 ||
        store_export_slice_crimes(s, slice_id, &crimes, err) < 0) {
        buf_free(&x.csv);
        return -1;
    }
    if (rows != crimes)
        return store_export_slice_drop(s, &x, err);
    *stored = true;
    return store_export_slice_end(s, &x, rows, err);
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
    for (size_t i = 0; rc == 0 && i < n; i++) {
        bool stored;
        rc = refresh_slice(s, ids[i], &stored, err);
        if (rc == 0 && stored && rendered)
            (*rendered)++;
    }
    free(ids);
    if (rc == 0)
        rc = store_export_commit(s, err);
    if (rc < 0)
        store_export_abort(s);
    return rc;
}
