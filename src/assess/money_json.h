/*
 * money_json.h - money in the open-data JSON standards Peel writes
 * (360Giving, OCDS): an amount as a JSON number of pounds, and a document
 * written so that every amount reads back to the penny.
 *
 * The standards want numbers, not strings, so pence become pounds: an
 * integer when whole, else a double written with 15 significant digits
 * (JSON_REAL_PRECISION(15)), which is exact for any amount under a
 * trillion pounds (model/money.h's cap).
 */
#ifndef PEEL_ASSESS_MONEY_JSON_H
#define PEEL_ASSESS_MONEY_JSON_H

#include <jansson.h>
#include <stdint.h>

#include "util/buf.h"

/* pence as pounds: a new reference. */
json_t *money_json_pounds(int64_t pence);
/* doc as indented text and a newline, appended to out; doc is released. */
void money_json_dump(json_t *doc, struct buf *out);

#endif
