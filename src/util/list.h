/*
 * list.h - the items of a list written in one text field, "m1, m2; m3".
 *
 * Registers keep a few short lists in one column (a fund application's
 * priorities, a service's missions), and people type them with or without
 * spaces after the commas. One rule reads them everywhere: an item runs to
 * the next separator, white space around it is not part of it, and an
 * empty item ("m1,,m2", a trailing comma) is skipped.
 */
#ifndef PEEL_LIST_H
#define PEEL_LIST_H

#include <stdbool.h>
#include <stddef.h>

/* The next non-empty item of the list at *cursor, split at any byte of
 * seps: its first byte in *item, its length in *len, and *cursor moved past
 * it. false when no item is left. The item is not NUL-terminated. */
bool list_next(const char **cursor, const char *seps, const char **item, size_t *len);

#endif
