/*
 * utf8.h - is this text well-formed UTF-8?
 *
 * Text from outside (plan files, form fields) is checked before any parser
 * sees it: the YAML library Peel uses (libfyaml 0.7.12) loops forever on a
 * directive line holding a byte that is not UTF-8 (found by fuzz_plan;
 * regression seed fuzz/corpus/plan/hang-directive-not-utf8.yaml), and a
 * clear "not UTF-8 at line 3, column 7" is a better answer anyway.
 */
#ifndef PEEL_UTF8_H
#define PEEL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF). Otherwise false, with the 1-based
 * line and column (in characters) of the first bad byte. */
bool utf8_valid(const char *s, size_t n, long *line, long *column);

#endif
