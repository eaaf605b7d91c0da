/*
 * hex.h - lower-case hexadecimal digits read as bytes.
 *
 * A police.uk crime id is 64 lower-case hex digits, stored as its 32
 * bytes (store/import.c): every street and outcome row of an import reads
 * one, on the reading thread that bounds it.
 */
#ifndef PEEL_UTIL_HEX_H
#define PEEL_UTIL_HEX_H

#include <stdbool.h>
#include <stddef.h>

/* The n bytes that the 2n digits at hex stand for, into out; false (out
 * then undefined) when any of them is not one of 0-9 a-f. */
bool hex_lower_decode(const char *hex, size_t n, unsigned char *out);

#endif
