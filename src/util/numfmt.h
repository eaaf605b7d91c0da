/*
 * numfmt.h - numbers for sentences a reader sees: thousands grouped.
 *
 * "78,900" and "1,234.5": the style of the PCC's published reports. Only for
 * prose; CSV and JSON keep plain digits, and every digit of the double Peel
 * computed (buf_put_exact), so that an analyst re-using them in R or Python
 * gets what Peel knows, not what a table rounds to for reading.
 */
#ifndef PEEL_NUMFMT_H
#define PEEL_NUMFMT_H

#include <stdint.h>

#include "util/buf.h"

/* 1095258 -> "1,095,258"; negatives keep their sign. */
void buf_put_count(struct buf *b, int64_t v);
/* v rounded to `decimals` places, integer part grouped: "80,123.4". A value
 * that rounds to zero is printed without a minus sign. */
void buf_put_number(struct buf *b, double v, int decimals);
/* v in a machine format (CSV, JSON), reading back (strtod) as exactly v:
 * to `decimals` places when that text is exact (73 at 2: "73.00", a
 * coordinate as police.uk published it), else the shortest text that is:
 * 1.0/3 -> "0.3333333333333333", 0.1 -> "0.1", 1e-20 -> "1e-20".
 * decimals < 0 asks for the shortest. The one formatter of machine formats;
 * v must be finite (a missing value is written each format's own way). */
void buf_put_exact(struct buf *b, double v, int decimals);

#endif
