/*
 * table_share.h - a proportion in a table, with its 95% interval beside it.
 *
 * Every table that prints a share of counted things (a positive outcome
 * rate, a stop-and-search find rate) prints it the same way: the
 * percentage, then the lower and upper limits of its 95% Wilson score
 * interval (analysis/proportion.h) in the next two columns, in per cent.
 * CSV and JSON carry the three at full precision; text and HTML round them
 * to the cell's decimals. One rule, so no table can show a rate without
 * saying how far chance alone could move it.
 */
#ifndef PEEL_TABLE_SHARE_H
#define PEEL_TABLE_SHARE_H

#include <stddef.h>
#include <stdint.h>

#include "render/table.h"

/* k of n in columns col (the percentage), col + 1 and col + 2 (its 95%
 * Wilson limits); the three cells stay empty when n is 0. */
void table_set_share(struct table *t, size_t row, size_t col, int64_t k, int64_t n, int decimals);

/* The suffixes of the two limit columns' keys ("find_rate_pct" then
 * "find_rate_lower_95" and "find_rate_upper_95", as the annual table
 * names its own). */
#define TABLE_SHARE_LOWER "_lower_95"
#define TABLE_SHARE_UPPER "_upper_95"

#endif
