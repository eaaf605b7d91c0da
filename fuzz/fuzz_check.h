/*
 * fuzz_check.h - the fuzzers' invariant check: unlike assert(), it stays in
 * every build type and says which file, line and condition failed before
 * libFuzzer saves the input that broke it.
 */
#ifndef PEEL_FUZZ_CHECK_H
#define PEEL_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
