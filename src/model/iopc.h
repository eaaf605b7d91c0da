/*
 * iopc.h - the IOPC's quarterly complaints information for a force, as
 * Peel reads it: the measures the IOPC's police complaints information
 * bulletins report (docs/complaints-data.md), each with its unit, and the
 * strict reading of one figure (pure rules; no I/O).
 *
 * The Specified Information Order 2011 Sch. 1 para 7C(a) asks the
 * Commissioner to publish the most recent quarterly data the IOPC
 * publishes for the force. The IOPC publishes each force's figures as a
 * bulletin; the Office copies them into one CSV in the layout of
 * docs/complaints-data.md (a row per measure, with the force's figure, the
 * same period last year, the most similar forces' average and England and
 * Wales), which `peel iopc import` reads. The measures are a fixed list so
 * that a mistyped one is an error naming its line, not a new measure.
 */
#ifndef PEEL_MODEL_IOPC_H
#define PEEL_MODEL_IOPC_H

#include <stdbool.h>
#include <stddef.h>

enum iopc_unit {
    IOPC_COUNT,       /* a whole number */
    IOPC_DAYS,        /* an average of working days */
    IOPC_PERCENT,     /* 0..100 */
    IOPC_RATE,        /* per 1,000 employees */
    IOPC_DAYS_STATED, /* an average of days, as the IOPC's table states it ("days") */
};

struct iopc_measure {
    const char *code;  /* "cases_logged": the CSV's measure column */
    const char *label; /* "Complaint cases logged" */
    enum iopc_unit unit;
    bool breakdown; /* rows may break it down (by category, by outcome) */
};

/* The measure named code; NULL for none. A code the first list used and a
 * later one renamed (reviews_upheld_lpb_percent) gives the measure that
 * replaced it, so that an older file reads as a newer one; a measure's
 * label (any case) gives the measure, so that the IOPC's own column
 * heading ("Number of valid complaint cases finalised outside of Schedule
 * 3") may stand for the code. */
const struct iopc_measure *iopc_measure_named(const char *code);
/* The i-th measure (0..), NULL past the last. */
const struct iopc_measure *iopc_measure_at(size_t i);
/* "count", "working days", "percent", "per 1,000 employees", "days" */
const char *iopc_unit_name(enum iopc_unit u);

#define IOPC_VALUE_MAX 1e9 /* no figure of a force's complaints is larger */

/* Parses one figure as the IOPC writes it: digits with at most one '.'
 * and up to 4 decimals (no sign, no thousands separators, no '%'): a count
 * has no decimals, a percentage is at most 100. Its value and how many
 * decimals it was written with into *v and *decimals. NULL, or why not. */
const char *iopc_value_parse(const char *s, enum iopc_unit u, double *v, int *decimals);

/* The figures of a row: the force's, the same period a year before, the
 * most similar forces' average and England and Wales. */
enum iopc_column { IOPC_FORCE, IOPC_LAST_YEAR, IOPC_SIMILAR, IOPC_NATIONAL };
#define IOPC_COLUMNS 4
/* A figure of measure m in column c: as iopc_value_parse, but the similar
 * forces' figure is an average, so a count there may have decimals. */
const char *iopc_figure_parse(const char *s, const struct iopc_measure *m, enum iopc_column c,
                              double *v, int *decimals);

/* One force's bulletin as read (ingest/iopc_file.h) and stored
 * (store/iopc.h). */
struct iopc_row {
    long line;
    const char *measure; /* a measure's code (static) */
    char *breakdown;     /* "" for the total */
    char *value[4];      /* value, last_year, similar_forces, england_and_wales: as written
                            ("" for none but value) */
    char *where;         /* where value was read, for a workbook ("sheet 'S' cell D7");
                            NULL: the file's line */
};

struct iopc_bulletin {
    const char *force; /* the force's slug (static) */
    int from, to;      /* model/calendar.h dates */
    struct iopc_row *rows;
    size_t n;
};
void iopc_bulletin_free(struct iopc_bulletin *b);

/* The written sections of the Commissioner's annual complaints report
 * (Order 7C(b); report/complaints_report.h), drafted by the Office's staff
 * beside the figures counted from its cases: a code (the store's and the
 * forms'), the heading, and what the section is for. */
struct complaints_section {
    const char *code, *heading, *help;
};
#define COMPLAINTS_SECTIONS 5
extern const struct complaints_section complaints_sections[COMPLAINTS_SECTIONS];
/* The section of this code; NULL for none. */
const struct complaints_section *complaints_section_named(const char *code);
#define COMPLAINTS_TEXT_MAX 20000 /* bytes of one section's text */

#endif
