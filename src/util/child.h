/*
 * child.h - a program run as a child process, without a shell, with a
 * time limit and a cap on what it writes.
 *
 * Why: Peel reads the text of an uploaded PDF with poppler's pdftotext
 * (assess/contract_copy.h). The PDF comes from outside; a hostile or
 * broken one must neither hang an import or a request nor fill memory, so
 * the program is killed when it runs too long or writes too much. No
 * shell: the arguments reach the program as given, never as a command
 * line to be parsed.
 */
#ifndef PEEL_UTIL_CHILD_H
#define PEEL_UTIL_CHILD_H

#include <stddef.h>

#include "util/buf.h"

/* What child_run answers besides 0 and -1. */
enum { CHILD_NOT_FOUND = 2 /* argv[0] is not on PATH */ };

/* Runs argv[0] (looked up on PATH) with argv (NULL-terminated), standard
 * input and error /dev/null, its standard output appended to out. Killed
 * (SIGKILL) after ms milliseconds, or when it has written more than
 * max_out bytes. 0 when it exited with status 0; CHILD_NOT_FOUND; -1 with err
 * (timed out, too much output, a signal, a non-zero exit status). */
int child_run(const char *const argv[], int ms, size_t max_out, struct buf *out, struct buf *err);

#endif
