/*
 * clock.h - elapsed time, for the --timings that commands report.
 */
#ifndef PEEL_CLOCK_H
#define PEEL_CLOCK_H

/* Seconds on a monotonic clock: only differences mean anything. */
double clock_seconds(void);

#endif
