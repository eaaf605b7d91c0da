/*
 * month.h - calendar months, financial years and financial quarters.
 *
 * A month is stored everywhere as one integer, year * 12 + (month - 1), so
 * that ranges, differences and "same month last year" are arithmetic.
 * UK public bodies report by financial year, 1 April to 31 March: the
 * financial year "2021-22" runs from 2021-04 to 2022-03 and its first
 * quarter (Q1) is April to June.
 */
#ifndef PEEL_MONTH_H
#define PEEL_MONTH_H

#include <stdbool.h>
#include <stddef.h>

#define MONTH_TEXT_SIZE 8 /* "YYYY-MM" + NUL */
#define FY_TEXT_SIZE    8 /* "YYYY-YY" + NUL */

/* Parses exactly "YYYY-MM" (years 1900..2999); returns false otherwise. */
bool month_parse(const char *s, size_t n, int *month);
/* Parses an ISO 8601 date-time's leading "YYYY-MM-DD" into a month. */
bool month_parse_date(const char *s, size_t n, int *month);
void month_format(int month, char out[MONTH_TEXT_SIZE]);
int month_year(int month);
int month_of_year(int month); /* 1..12 */

/* Year in which the financial year containing `month` starts. */
int fy_of_month(int month);
/* First month (April) of the financial year starting in `fy`. */
int fy_first_month(int fy);
/* Financial quarter 1..4 (Q1 = April-June). */
int fq_of_month(int month);
/* "2021-22"; parses "2021-22", "2021/22" or "2021-2022". */
void fy_format(int fy, char out[FY_TEXT_SIZE]);
bool fy_parse(const char *s, int *fy);

#endif
