/*
 * export_pack.h - a slice's download rows packed: the form in which an
 * import stores them (export.h's pieces of form EXPORT_FORM_PACKED).
 *
 * Kept as text, a year of 43 forces' download rows was 1.35 GB of a
 * 1.71 GB store, and copying them into the store was a quarter of the
 * import's wall time (bench/README.md, issue 16). A row is mostly texts
 * that recur (a place, an area, a crime type, an outcome) and a crime id
 * and coordinates that are numbers written out; packed, it keeps those as
 * 32 bytes and two integers, and each recurring text once a piece: the
 * year's rows take 271 MB, 20% of their text. The rows are still written
 * from the parse itself, never read back, and unpacking them is memcpy and
 * a few digits a row: a year's download of them ran at 720-1,090 MB/s,
 * 0.58 of the text's rate, and 5.8 Gbit/s at the slowest.
 *
 * A row's text is its nine parts joined by commas:
 *   crime id, head (month, reported by, falls within), longitude,
 *   latitude, location, LSOA (code, name), crime type, outcome, and the
 *   district's end (the district's field and the row's CR LF),
 * which is what export.h's text rows are for police.uk rows read as they
 * stand (store_prepare_street's csv_head_read). Any other row is kept
 * whole (a literal row).
 *
 * The bytes of a piece are rows, each a tag byte and its parts:
 *   tag 0: a literal row: varint length, bytes;
 *   tag 1 | 2 (the id is 32 bytes) | 4 (longitude) | 8 (latitude is an
 *   integer): the id as 32 bytes written out as lower-case hex, else as
 *   varint length and bytes; the head; longitude and latitude each a
 *   zigzag varint of millionths (util/coord.h), else a length and bytes;
 *   then location, LSOA, crime type, outcome and district end.
 * The head and the five after the coordinates are dictionary parts: a
 * varint, 0 then a length and bytes for a text defined (again, when the
 * packer's table lost it) as the piece's next entry (numbered from 0 in
 * order), or an entry's number plus one. A
 * piece is read alone: a download starts at any piece. Every read checks
 * the bytes (a store is a file anyone may have written to): a length past
 * the end, an entry not yet defined or an unknown tag is an error.
 */
#ifndef PEEL_STORE_EXPORT_PACK_H
#define PEEL_STORE_EXPORT_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/rows.h"
#include "util/buf.h"

/* The form of a slice's stored rows, its own row's and its pieces'
 * (export_csv.form). */
enum export_form { EXPORT_FORM_TEXT = 0, EXPORT_FORM_PACKED = 1 };

enum export_dict {
    EXPORT_D_HEAD,
    EXPORT_D_LOCATION,
    EXPORT_D_LSOA,
    EXPORT_D_TYPE,
    EXPORT_D_OUTCOME,
    EXPORT_D_DISTRICT,
    EXPORT_DICTS
};

/* A row to pack, its texts in the order above. */
struct export_row {
    struct text id;
    const unsigned char *id_bytes; /* 32 bytes whose lower-case hex is id, or NULL */
    struct text longitude, latitude;
    bool longitude_micro, latitude_micro; /* the text is coord_format_micro's of: */
    int64_t longitude_v, latitude_v;
    struct text dict[EXPORT_DICTS];
    /* The store's id of each dictionary part (its LSOA's for the district):
     * a text is looked for in the piece by it, and then compared. */
    int64_t key[EXPORT_DICTS];
};

/* Where a piece stands: which texts it holds is the packer's to know. */
struct export_piece {
    uint32_t serial;  /* of the piece being built: the packer's count, 0 before the first */
    uint32_t entries; /* dictionary entries defined in it */
};

/* The dictionaries' slots (a few hundred KB), shared by every piece an
 * import builds, one at a time or interleaved. */
struct export_packer;
struct export_packer *export_packer_new(void);
void export_packer_free(struct export_packer *pk);

/* Appends row to the piece in b (pc says which; an empty b starts a new
 * one), or the literal row whose text is a then z. */
void export_pack_row(struct export_packer *pk, struct export_piece *pc, struct buf *b,
                     const struct export_row *row);
void export_pack_literal(struct export_packer *pk, struct export_piece *pc, struct buf *b,
                         struct text a, struct text z);

/* Reading a piece: p[0, len) stays valid until the last call. */
struct export_unpacker {
    const unsigned char *p;
    size_t len, at;
    struct export_entry {
        uint32_t off, len;
    } * entries;
    size_t n, cap;
};
void export_unpack_start(struct export_unpacker *u, const void *p, size_t len);
/* The next row's text appended to out: 1, 0 at the end, -1 (with the
 * reason in err) when the bytes are not a piece. */
int export_unpack_row(struct export_unpacker *u, struct buf *out, struct buf *err);
void export_unpack_free(struct export_unpacker *u);

#endif
