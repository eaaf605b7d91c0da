/*
 * thread.h - a worker thread started with every signal blocked.
 *
 * A command's signals (Ctrl-C, a terminal closing) are for the thread that
 * holds the store, which rolls back and reports; a worker that took one
 * would end the process in the middle of its work. The two workers of
 * `peel import` (ingest/pipeline.c's reading thread and store/import.c's
 * merge at the commit) are started this way.
 */
#ifndef PEEL_THREAD_H
#define PEEL_THREAD_H

#include <pthread.h>
#include <stdbool.h>

/* Starts fn(arg) on *t with every signal blocked there; the caller's mask
 * is left as it was. False when the thread could not be started. */
bool thread_start_quiet(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
