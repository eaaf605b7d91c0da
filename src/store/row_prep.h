/*
 * row_prep.h - what the import works out of a police.uk row before the
 * store sees it, on its reading thread (store/import.h,
 * store/export_ahead.h): how a download row is written, and what a row
 * binds that needs nothing from the store.
 */
#ifndef PEEL_STORE_ROW_PREP_H
#define PEEL_STORE_ROW_PREP_H

#include <stdbool.h>
#include <stdint.h>

#include "store/rows.h"
#include "util/buf.h"

/* A crime's row of the download CSV (assess/crime_rows.h, crime_texts_csv:
 * the store does not know how a row is written), in two parts appended to
 * out: head, from its first STORE_CRIME_TEXTS - 1 texts in struct
 * crime_row's order (crime_id .. outcome), up to where its district goes,
 * and district, from the district, to the row's end. Texts are as the
 * import has them: each with its length, not NUL-ended (a copy to end each
 * with a NUL, and a scan for its length, cost 10% of an import), none
 * holding a NUL (ingest quarantines such a row). The head needs nothing from
 * the store, so the import renders it on its reading thread
 * (store_prepare_street); the district is known where the row is stored. */
enum { STORE_CRIME_TEXTS = 12 };
struct store_crime_csv {
    void (*head)(const struct text *texts, struct buf *out);
    void (*district)(struct text district, struct buf *out);
    /* True when head(texts) writes exactly source: the texts as read,
     * joined by commas with one after the last (street_row.source), so
     * that none of them holds a comma, a quote or a line feed; their
     * coordinates empty or of six decimals (util/coord.h), which head
     * writes as they are. The month (texts[1]) is not looked at and may
     * be given empty: month_format writes it in digits and a dash, which
     * head writes as they are. */
    bool (*as_read)(const struct text *texts, struct text source);
};

/* What a crime or an outcome binds that needs nothing from the store: the
 * crime id as 32 bytes when it is 64 lower-case hex digits, coordinates of
 * six decimals as integer millionths (util/coord.h, as the row's check read
 * them: store/rows.h's coord_read), and a street crime's download row up
 * to its district. Worked out by store_prepare_street or
 * store_prepare_outcome, which touch no connection and so run on any thread
 * (the import's reading thread), so that the thread that holds the store
 * only interns, binds and steps. */
/* The ids of a row's interned values (store_intern_street), in ids[]. */
enum {
    STORE_ID_FORCE,
    STORE_ID_FALLS_WITHIN,
    STORE_ID_CRIME_TYPE,
    STORE_ID_OUTCOME,
    STORE_ID_LOCATION,
    STORE_ID_LSOA,
    STORE_ROW_IDS
};
struct store_row_prep {
    bool id_bytes, longitude_micro, latitude_micro;
    unsigned char id[32];
    int64_t longitude, latitude;
    struct text csv_head;       /* by store_prepare_street; {NULL, 0} if not rendered */
    bool csv_head_read;         /* csv_head is the row's source, not appended to csv_out */
    int64_t ids[STORE_ROW_IDS]; /* 0: left to the store to intern */
    unsigned fresh;             /* bit i: ids[i] is new, and this row brings it */
    bool packed;                /* its download row is packed ahead (store/export_ahead.h) */
};

#endif
