/*
 * fuzz_check.h - the fuzzers' invariant check: unlike assert(), it stays in
 * every build type and says which file, line and condition failed before
 * libFuzzer saves the input that broke it. And the forms' fuzzers' count
 * of a character in what they wrote (a value that came back unescaped
 * adds a '<', '>' or '"').
 */
#ifndef PEEL_FUZZ_CHECK_H
#define PEEL_FUZZ_CHECK_H

#include <stddef.h>
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

static inline size_t fuzz_count(const char *p, size_t n, char c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == c;
    return k;
}

/* A form written with its values (html) has the markup of the same form
 * written with none (bare): as many '<' and '>', and two more '"' for each
 * of the `inputs` inputs given a value (its value="..." attribute). */
static inline void fuzz_check_escaped(const char *html, size_t nhtml, const char *bare,
                                      size_t nbare, size_t inputs)
{
    CHECK(fuzz_count(html, nhtml, '<') == fuzz_count(bare, nbare, '<'));
    CHECK(fuzz_count(html, nhtml, '"') == fuzz_count(bare, nbare, '"') + 2 * inputs);
    CHECK(fuzz_count(html, nhtml, '>') == fuzz_count(bare, nbare, '>'));
}

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
