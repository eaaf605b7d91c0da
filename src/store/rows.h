/*
 * rows.h - the rows the store accepts, as ingest hands them over.
 *
 * Fields are views into the reader's buffer (pointer and length, not
 * NUL-terminated), valid only for the duration of the call that takes them:
 * the store copies what it keeps.
 */
#ifndef PEEL_ROWS_H
#define PEEL_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct text {
    const char *p;
    size_t len;
};

/* A coordinate's text read as util/coord.h's six decimals, by the check
 * that accepted the row (ingest/policeuk.c), so that the store does not
 * read it again: micro and its millionths, or false, when the text is kept
 * as it stands (always right, so a row made by hand may leave it). */
struct coord_read {
    bool micro;
    int64_t v;
};

struct street_row {
    struct text crime_id, reported_by, falls_within, longitude, latitude, location, lsoa_code,
        lsoa_name, crime_type, outcome, context;
    struct coord_read longitude_read, latitude_read;
    int month;
    /* The first eleven columns as read, each followed by its comma, when no
     * field was quoted (so they are the texts above and the month joined by
     * commas); else empty. What a download row's head may be copied from. */
    struct text source;
};

struct outcome_row {
    struct text crime_id, reported_by, falls_within, longitude, latitude, location, lsoa_code,
        lsoa_name, outcome_type;
    struct coord_read longitude_read, latitude_read;
    int month;
};

#define STOP_SEARCH_COLUMNS 15

struct stop_search_row {
    struct text col[STOP_SEARCH_COLUMNS]; /* in the file's column order */
    int month;
};

/* One row of the Home Office recorded-crime table (ingest/prc.h), trimmed. */
struct prc_row {
    int fy;      /* the financial year's first year: 2017 for "2017/18" */
    int quarter; /* 1..4, Q1 = April to June */
    struct text force, description, group, subgroup, code;
    int64_t count; /* may be negative: a quarter's net adjustments */
};

#endif
