/*
 * download_row.h - a street crime's download row cut into the parts that
 * export_pack.h packs, and the district an LSOA's name gives: shared by
 * the import's two places that pack rows (store/export_ahead.c on the
 * reading thread, store/import.c where that thread could not). Not for
 * other modules.
 */
#ifndef PEEL_STORE_DOWNLOAD_ROW_H
#define PEEL_STORE_DOWNLOAD_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/export_pack.h"
#include "store/row_prep.h"

/* Cuts r's download row into row's parts when its head is its source as
 * read (p->csv_head_read), its district's end being end; keys are the
 * dictionary parts' keys (export_row.key). False for any other head, which
 * is packed whole (export_pack_literal). */
bool download_row_parts(const struct street_row *r, const struct store_row_prep *p, struct text end,
                        const int64_t keys[EXPORT_DICTS], struct export_row *row);

/* The length of the district at the start of an LSOA's name
 * ("Charnwood 012A" -> 9), 0 when the name is not of that form: the
 * district the store keeps with a new LSOA (lsoa.district). */
size_t lsoa_name_district_length(struct text name);

/* Download row ends (a district and the row's CR LF, as
 * store_crime_csv.district renders them) kept by LSOA id, for ids 1 to
 * DISTRICT_END_IDS - 1 (real ids stay below 100,000): an array read per
 * row, at most 4 MiB, and the ends' bytes, each a uint32_t length and the
 * end. Each side of an import that packs rows keeps one. */
#define DISTRICT_END_IDS (1 << 20)
struct district_ends {
    uint32_t *at; /* id -> 1 + the offset of its end in text; 0: none kept */
    size_t ids;   /* entries in at */
    struct buf text;
};
/* The end kept for id into *end: false when there is none. */
bool district_ends_get(const struct district_ends *d, int64_t id, struct text *end);
/* Renders district with render after the ends kept, into *end (valid
 * until the next put), and keeps it for id when id is in range. */
void district_ends_put(struct district_ends *d, int64_t id, struct text district,
                       void (*render)(struct text district, struct buf *out), struct text *end);
/* Forgets every end, keeping the memory. */
void district_ends_clear(struct district_ends *d);
void district_ends_free(struct district_ends *d);

#endif
