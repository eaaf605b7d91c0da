/*
 * numfmt.h - numbers for sentences a reader sees: thousands grouped.
 *
 * "78,900" and "1,234.5": the style of the PCC's published reports. Only for
 * prose; CSV and JSON keep plain digits.
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

#endif
