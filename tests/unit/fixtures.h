/*
 * fixtures.h - helpers the unit tests share: temporary files and stores.
 */
#ifndef PEEL_TEST_FIXTURES_H
#define PEEL_TEST_FIXTURES_H

#include <stddef.h>

/* Creates a fresh temporary directory; returns its path (caller frees). */
char *fixture_tmpdir(void);
/* Writes bytes to dir/name; returns the full path (caller frees). */
char *fixture_write(const char *dir, const char *name, const char *bytes, size_t n);
/* Removes a directory tree made by fixture_tmpdir. */
void fixture_rmtree(const char *dir);

#endif
