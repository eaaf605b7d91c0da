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

/* A reporting period: a month, a financial quarter or a financial year,
 * named by its first month. The kind is given, not guessed, because the
 * text alone is ambiguous: "2011-12" is both December 2011 and the
 * financial year 2011-12. */
enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR };

#define PERIOD_TEXT_SIZE 12 /* "YYYY-YY Qn" + NUL */

/* Parses "2023-04" (a month), "2023-24 Q1" (also "2023/24 Q1", "2023-24Q1")
 * or "2023-24" (also "2023/24", "2023-2024") as the given kind. */
bool period_parse(const char *s, enum period_kind kind, int *start);
void period_format(enum period_kind kind, int start, char out[PERIOD_TEXT_SIZE]);
int period_months(enum period_kind kind); /* 1, 3 or 12 */
const char *period_kind_name(enum period_kind kind);

#endif
