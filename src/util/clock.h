/*
 * clock.h - elapsed and CPU time, for the --timings that commands report.
 */
#ifndef PEEL_CLOCK_H
#define PEEL_CLOCK_H

/* Seconds on a monotonic clock: only differences mean anything. */
double clock_seconds(void);

/* Seconds of CPU this process has used (user + system, every thread): a
 * system call, so time spans of a few thousand calls, not millions. */
double clock_cpu_seconds(void);

#endif
