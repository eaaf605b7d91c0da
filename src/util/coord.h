/*
 * coord.h - coordinates as published: six decimal places, kept exactly.
 *
 * data.police.uk writes every coordinate with six decimals ("-1.210015").
 * Such a text is held as an integer number of millionths of a degree,
 * which is exact both ways, smaller on disk than the text and needs no
 * floating point to check. Any other spelling of a number is kept as text.
 */
#ifndef PEEL_COORD_H
#define PEEL_COORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* true when s is exactly [-]D.DDDDDD with no superfluous leading zero and
 * not "-0.000000": then *micro is the value in millionths. */
bool coord_parse_micro(const char *s, size_t n, int64_t *micro);
/* Writes the text coord_parse_micro() read, NUL-terminated; out needs 24
 * bytes (any int64_t fits). Its length. */
size_t coord_format_micro(int64_t micro, char out[24]);

#endif
