/*
 * clock.h - elapsed and CPU time: the elapsed time and the process's CPU for
 * the --timings that commands report, and the CPU time a thread has used, for
 * what a web page cost to make.
 */
#ifndef PEEL_CLOCK_H
#define PEEL_CLOCK_H

/* Seconds on a monotonic clock: only differences mean anything. */
double clock_seconds(void);

/* Seconds of CPU this process has used (user + system, every thread): a
 * system call, so time spans of a few thousand calls, not millions. */
double clock_cpu_seconds(void);

/* Seconds of CPU the calling thread has used (user and system): only
 * differences mean anything. Unlike clock_seconds, time spent waiting (for
 * a core another process holds, a lock, the disk) does not count, so a
 * difference says what the work cost, not how busy the machine was. */
double clock_thread_seconds(void);

#endif
