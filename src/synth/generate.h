/*
 * generate.h - synthetic data.police.uk archives for demos, tests and
 * benchmarks (`peel generate`).
 *
 * Real archives are large, change under our feet and cannot be committed to
 * the repository, so Peel makes its own: files with exactly the published
 * headers, CRLF line endings, quoting and archive layout
 * (DIR/YYYY-MM/YYYY-MM-<slug>-street.csv and friends), plus the LSOA lookups
 * and a README.txt that says loudly that none of it is real. Leicestershire
 * gets the real district structure of Leicester, Leicestershire and Rutland
 * and a few deliberate shifts for reports and exception tests to find.
 *
 * Output is a pure function of the options and the seed; memory is bounded by
 * one force's geography, one month's rows and a six-month outcome window, so
 * all forces over many years can be generated in one pass.
 */
#ifndef PEEL_SYNTH_GENERATE_H
#define PEEL_SYNTH_GENERATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Bits for synth_options.kinds. */
enum synth_kind {
    SYNTH_STREET = 1,
    SYNTH_OUTCOMES = 2,
    SYNTH_STOP_SEARCH = 4,
    SYNTH_ALL_KINDS = 7,
};

struct synth_options {
    const char *out_dir;       /* created (mkdir -p) if missing */
    int from, to;              /* inclusive, as month.h month ints */
    const char *const *forces; /* data.police.uk slugs; ignored with all_forces */
    size_t nforces;
    bool all_forces; /* the 43 territorial forces (not btp, northern-ireland) */
    long rows;       /* approximate street rows per force per month */
    uint64_t seed;   /* same seed and options give byte-identical files */
    unsigned kinds;  /* SYNTH_* bits */
    bool lookups;    /* write lookups/lsoa-areas.csv and lsoa-population.csv */
    bool shuffled;   /* street rows in the order drawn, not police.uk's (by LSOA
                        name, then crime type): the same rows, for a reader that
                        must not depend on the order */
};

struct synth_summary {
    size_t files;          /* every file written, README.txt included */
    size_t forces, months; /* as generated */
    size_t lsoas;          /* rows in lookups/lsoa-areas.csv (or that would be) */
    uint64_t street_rows, outcome_rows, search_rows;
};

/* Defaults: demo/data, 2019-04..2023-03, leicestershire, 9000 rows, seed 1,
 * all kinds, lookups on. */
void synth_options_default(struct synth_options *o);

/* Writes the files; returns 0, or non-zero after printing the reason (with
 * the path, e.g. "peel generate: cannot write PATH: No space left on
 * device") to err when err is not NULL. out may be NULL. */
int synth_generate(const struct synth_options *o, struct synth_summary *out, FILE *err);

#endif
