/*
 * thread.c - a worker thread started with every signal blocked (see
 * thread.h).
 */
#include "util/thread.h"

#include <signal.h>

bool thread_start_quiet(pthread_t *t, void *(*fn)(void *), void *arg)
{
    /* a new thread inherits its creator's mask: block all, create, restore */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(t, NULL, fn, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc == 0;
}
