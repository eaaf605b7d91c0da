/*
 * fuzz_check.h - the fuzzers' invariant check: unlike assert(), it stays in
 * every build type and says which file, line and condition failed before
 * libFuzzer saves the input that broke it.
 */
#ifndef PEEL_FUZZ_CHECK_H
#define PEEL_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A refusal's text: not empty, and every line starts with path (the file
 * is named in each message). */
static inline void check_refusal_names(const char *path, const char *text)
{
    CHECK(*text);
    while (*text) {
        CHECK(strncmp(text, path, strlen(path)) == 0);
        const char *next = strchr(text, '\n');
        text = next ? next + 1 : text + strlen(text);
    }
}

#endif
