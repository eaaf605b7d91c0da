/*
 * download_row.c - a download row's parts, and an LSOA name's district
 * (see download_row.h).
 */
#include "store/download_row.h"
#include "util/mem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ONS names an LSOA after its local authority district, a three-digit
 * MSOA number and a letter: "Charnwood 012A". */
size_t lsoa_name_district_length(struct text name)
{
    const char *p = name.p;
    size_t n = name.len;
    if (n < 6 || p[n - 5] != ' ' || p[n - 1] < 'A' || p[n - 1] > 'Z')
        return 0;
    for (size_t i = n - 4; i < n - 1; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    return n - 5;
}

/* The parts: the row's eleven texts up to the outcome, each followed by a
 * comma, none holding one (store_prepare_street). Each part is cut from
 * the head itself, by the texts' lengths (an empty text's pointer may be
 * anywhere: pipeline.c's copy of a record points them all at its start),
 * and every cut is checked to fall on a comma, so that the row packed
 * unpacks to exactly the head and the district's end. The crime id and the
 * coordinates are kept as numbers only when their texts are the very bytes
 * cut (the same pointers). False for any other head, which is kept whole. */
bool download_row_parts(const struct street_row *r, const struct store_row_prep *p, struct text end,
                        const int64_t keys[EXPORT_DICTS], struct export_row *row)
{
    enum { ID, MONTH, REPORTED, FALLS, LON, LAT, LOCATION, CODE, NAME, TYPE, OUTCOME, TEXTS };
    const struct text *t[TEXTS] = {&r->crime_id,  NULL,           &r->reported_by, &r->falls_within,
                                   &r->longitude, &r->latitude,   &r->location,    &r->lsoa_code,
                                   &r->lsoa_name, &r->crime_type, &r->outcome};
    struct text h = p->csv_head;
    size_t known = TEXTS, len[TEXTS], at[TEXTS], off = 0;
    for (int i = 0; i < TEXTS; i++)
        known += t[i] ? t[i]->len : 0;
    if (!p->csv_head_read || known > h.len)
        return false;
    for (int i = 0; i < TEXTS; i++) {
        len[i] = t[i] ? t[i]->len : h.len - known; /* the month: what is left */
        at[i] = off;
        off += len[i];
        if (off >= h.len || h.p[off] != ',')
            return false;
        off++;
    }
    assert(off == h.len);
#define PART(i)    ((struct text){h.p + at[i], len[i]})
#define SPAN(i, j) ((struct text){h.p + at[i], at[j] + len[j] - at[i]})
    *row = (struct export_row){
        .id = PART(ID),
        .id_bytes = p->id_bytes && r->crime_id.p == h.p ? p->id : NULL,
        .longitude = PART(LON),
        .latitude = PART(LAT),
        .longitude_micro = p->longitude_micro && r->longitude.p == h.p + at[LON],
        .latitude_micro = p->latitude_micro && r->latitude.p == h.p + at[LAT],
        .longitude_v = p->longitude,
        .latitude_v = p->latitude,
        .dict = {SPAN(MONTH, FALLS), PART(LOCATION), SPAN(CODE, NAME), PART(TYPE), PART(OUTCOME),
                 end},
    };
#undef PART
#undef SPAN
    memcpy(row->key, keys, sizeof row->key);
    return true;
}

bool district_ends_get(const struct district_ends *d, int64_t id, struct text *end)
{
    if (id <= 0 || (size_t)id >= d->ids || !d->at[id])
        return false;
    uint32_t len;
    const char *at = d->text.p + d->at[id] - 1;
    memcpy(&len, at, sizeof len);
    *end = (struct text){at + sizeof len, len};
    return true;
}

/* Makes room in d->at for id (in range). */
static void cover(struct district_ends *d, int64_t id)
{
    if ((size_t)id < d->ids)
        return;
    size_t n = d->ids ? d->ids : 4096;
    while (n <= (size_t)id)
        n *= 2;
    d->at = xrealloc(d->at, n * sizeof *d->at);
    memset(d->at + d->ids, 0, (n - d->ids) * sizeof *d->at);
    d->ids = n;
}

void district_ends_put(struct district_ends *d, int64_t id, struct text district,
                       void (*render)(struct text district, struct buf *out), struct text *end)
{
    size_t off = d->text.len;
    uint32_t len = 0;
    buf_append(&d->text, &len, sizeof len);
    render(district, &d->text);
    len = (uint32_t)(d->text.len - off - sizeof len);
    memcpy(d->text.p + off, &len, sizeof len);
    if (id > 0 && id < DISTRICT_END_IDS) {
        cover(d, id);
        d->at[id] = (uint32_t)off + 1;
    }
    *end = (struct text){d->text.p + off + sizeof len, len};
}

void district_ends_clear(struct district_ends *d)
{
    if (d->at)
        memset(d->at, 0, d->ids * sizeof *d->at);
    buf_reset(&d->text);
}

void district_ends_free(struct district_ends *d)
{
    free(d->at);
    buf_free(&d->text);
    *d = (struct district_ends){0};
}
