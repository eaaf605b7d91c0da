/*
 * giving360.h - the Safety Fund's awards as 360Giving open data: the
 * 360Giving Data Standard's JSON package ({"grants": [...]}, schema
 * version 1.4) and its flat CSV with the standard's column titles
 * ("Recipient Org:Identifier"), the two from the same awards.
 *
 * Every required field (identifier, title, description, currency, amount
 * awarded, award date, recipient and funding organisation), and the
 * recommended ones Peel knows: the recipient's charity or company number
 * (from its org-id), the grant programme, and the beneficiary location
 * (the district, with the community safety partnership's code as geoCode,
 * geoCodeType CSP). The Specified Information Order 2011 para 3(f) asks
 * for each grant's conditions too: an extra field, "conditions" (the
 * standard allows extra fields). A sensitive award (a refuge) has no
 * beneficiary location at all: its place is never published.
 *
 * Published awards only (their round's decision is published), unless
 * preview: then every award, for staff to check the data before it is
 * published. Amounts are pounds, at full precision.
 */
#ifndef PEEL_ASSESS_GIVING360_H
#define PEEL_ASSESS_GIVING360_H

#include <jansson.h>
#include <stdbool.h>

#include "render/table.h"
#include "store/store.h"

#define GIVING360_SCHEMA_VERSION "1.4"

/* The package, or NULL with err. The caller json_decref's it. */
json_t *giving360_package(struct store *s, bool preview, struct buf *err);
/* The package as text (JSON_REAL_PRECISION(15): pounds and pence exactly),
 * appended to out: 0, or -1 with err. */
int giving360_json(struct store *s, bool preview, struct buf *out, struct buf *err);
/* The same grants as a table whose column names are the standard's
 * titles, for its CSV: 0, or -1 with err. */
int giving360_table(struct store *s, bool preview, struct table *t, struct buf *err);

#endif
