/*
 * mem.h - allocation that never returns NULL.
 *
 * Peel is a command-line tool and a small server; when memory runs out there
 * is nothing useful to do but stop, so every allocation goes through these
 * wrappers and callers never test for NULL.
 */
#ifndef PEEL_MEM_H
#define PEEL_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
