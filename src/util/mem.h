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

/* Keeps freed blocks of up to 32 MiB in the heap for reuse, instead of
 * giving them back to the kernel and faulting fresh zeroed pages in at the
 * next allocation: for a loop that allocates and frees the same large
 * buffers over and over (an import: the CSV window, each slice's rendered
 * rows, SQLite's record of each blob), where glibc would otherwise map and
 * unmap them each time. The heap's size is still what is in use at the
 * peak; it is only not trimmed back below that. */
void mem_keep_freed(void);

#endif
