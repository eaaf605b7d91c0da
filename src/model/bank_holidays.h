/*
 * bank_holidays.h - the bank holidays of England and Wales: the list
 * shipped with Peel, and a list as loaded from gov.uk's file.
 *
 * The shipped list is data/calendar/bank-holidays-england-and-wales.json
 * (gov.uk's https://www.gov.uk/bank-holidays.json format, transcribed; see
 * the README beside it) written into bank_holidays_shipped.c by
 * scripts/bank-holidays-c, so that the binary has it without the repository.
 * tests/unit/test_calendar.c checks that the two are equal, byte for byte
 * by SHA-256 and event by event.
 *
 * A list is bounded (HOLIDAYS_MAX events, titles and notes of at most
 * HOLIDAY_TEXT_MAX bytes), kept in date order, and gives the working-day
 * calendar its holidays (model/calendar.h).
 */
#ifndef PEEL_BANK_HOLIDAYS_H
#define PEEL_BANK_HOLIDAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/calendar.h"

#define HOLIDAYS_MAX      1024 /* gov.uk's file has about 80 for each division */
#define HOLIDAY_TEXT_MAX  127
#define HOLIDAYS_DIVISION "england-and-wales"

struct holiday {
    int date;
    char title[HOLIDAY_TEXT_MAX + 1];
    char notes[HOLIDAY_TEXT_MAX + 1]; /* "", "Substitute day", "Extra bank holiday" */
    bool bunting;
};

struct holiday_list {
    struct holiday *items;
    int *dates; /* items' dates, for struct calendar */
    size_t n, cap;
    char sha256[65]; /* of the file it came from */
};

/* The shipped list, as written from the JSON file, and that file's SHA-256. */
struct shipped_holiday {
    const char *date, *title, *notes;
    bool bunting;
};
extern const struct shipped_holiday bank_holidays_shipped[];
extern const size_t bank_holidays_shipped_count;
extern const char bank_holidays_shipped_sha256[];

void holiday_list_init(struct holiday_list *l);
void holiday_list_free(struct holiday_list *l);
/* Adds one; NULL, or why not (the list is full, a text is too long). */
const char *holiday_list_add(struct holiday_list *l, int date, const char *title, const char *notes,
                             bool bunting);
/* Puts the list in date order; NULL, or what is wrong with it as a
 * calendar (a date twice, a Saturday or Sunday). */
const char *holiday_list_finish(struct holiday_list *l);
/* l (initialised) gets the shipped list. */
void holiday_list_shipped(struct holiday_list *l);
/* The working-day calendar of l (valid while l is). */
struct calendar holiday_list_calendar(const struct holiday_list *l);

#endif
