/*
 * suggest.h - "did you mean ...?": the known value nearest a mistyped one.
 *
 * One rule for every command and page that refuses a name it does not know
 * (an area, a force, a crime type, a grouping): the nearest known value by
 * edit distance, offered when it is near enough to be a slip of the keys.
 * Bounded: words longer than SUGGEST_MAX_LEN bytes are never compared, and
 * each comparison stops as soon as it cannot come within the limit.
 */
#ifndef PEEL_SUGGEST_H
#define PEEL_SUGGEST_H

#include <stddef.h>

#include "util/buf.h"

#define SUGGEST_MAX_LEN 128

/* The Levenshtein distance between a and b, ignoring ASCII case, or
 * limit + 1 when it is more than limit (or either is longer than
 * SUGGEST_MAX_LEN). */
size_t suggest_distance(const char *a, const char *b, size_t limit);

/* The most edits a word may be from a known value to be offered: 1 for up
 * to 4 characters, 2 up to 8, then a third of its length, at most 5. */
size_t suggest_limit(const char *word);

/* The known value nearest word within suggest_limit(word) (the first of
 * equals), or NULL when none is that near. An exact match, ignoring case,
 * is distance 0 and is returned. */
const char *suggest_nearest(const char *word, const char *const *known, size_t n);

/* Appends " (did you mean 'X'?)" when a value is near enough; else, when
 * there are at most `list` known values, " (known: a, b, c)"; else
 * nothing. */
void suggest_append(struct buf *out, const char *word, const char *const *known, size_t n,
                    size_t list);

#endif
