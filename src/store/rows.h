/*
 * rows.h - the rows the store accepts, as ingest hands them over.
 *
 * Fields are views into the reader's buffer (pointer and length, not
 * NUL-terminated), valid only for the duration of the call that takes them:
 * the store copies what it keeps.
 */
#ifndef PEEL_ROWS_H
#define PEEL_ROWS_H

#include <stddef.h>

struct text {
    const char *p;
    size_t len;
};

struct street_row {
    struct text crime_id, reported_by, falls_within, longitude, latitude, location, lsoa_code,
        lsoa_name, crime_type, outcome, context;
    int month;
};

struct outcome_row {
    struct text crime_id, reported_by, falls_within, longitude, latitude, location, lsoa_code,
        lsoa_name, outcome_type;
    int month;
};

#define STOP_SEARCH_COLUMNS 15

struct stop_search_row {
    struct text col[STOP_SEARCH_COLUMNS]; /* in the file's column order */
    int month;
};

#endif
