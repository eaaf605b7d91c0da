/*
 * month.c - month, financial-year and quarter arithmetic (see month.h).
 */
#include "util/month.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int number(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

bool month_parse(const char *s, size_t n, int *month)
{
    if (n != 7 || s[4] != '-' || !digits(s, 4) || !digits(s + 5, 2))
        return false;
    int y = number(s, 4), m = number(s + 5, 2);
    if (y < 1900 || y > 2999 || m < 1 || m > 12)
        return false;
    *month = y * 12 + (m - 1);
    return true;
}

bool month_parse_date(const char *s, size_t n, int *month)
{
    if (n < 10 || s[7] != '-' || !digits(s + 8, 2))
        return false;
    int d = number(s + 8, 2);
    if (d < 1 || d > 31 || (n > 10 && s[10] != 'T' && s[10] != ' '))
        return false;
    return month_parse(s, 7, month);
}

int month_year(int month)
{
    return month / 12;
}

int month_of_year(int month)
{
    return month % 12 + 1;
}

void month_format(int month, char out[MONTH_TEXT_SIZE])
{
    assert(month >= 0);
    unsigned y = (unsigned)month_year(month) % 10000u, m = (unsigned)month_of_year(month) % 100u;
    /* "%04u-%02u" by hand: an import writes it for every crime */
    const char text[MONTH_TEXT_SIZE] = {(char)('0' + y / 1000),
                                        (char)('0' + y / 100 % 10),
                                        (char)('0' + y / 10 % 10),
                                        (char)('0' + y % 10),
                                        '-',
                                        (char)('0' + m / 10),
                                        (char)('0' + m % 10),
                                        '\0'};
    memcpy(out, text, MONTH_TEXT_SIZE);
}

int fy_of_month(int month)
{
    /* April is month index 3 of its year: shift so April starts a year. */
    return (month - 3) / 12;
}

int fy_first_month(int fy)
{
    return fy * 12 + 3;
}

int fq_of_month(int month)
{
    return (month - 3) % 12 / 3 + 1;
}

void fy_format(int fy, char out[FY_TEXT_SIZE])
{
    unsigned y = (unsigned)fy % 10000u, next = (unsigned)(fy + 1) % 100u;
    snprintf(out, FY_TEXT_SIZE, "%04u-%02u", y, next);
}

bool fy_parse(const char *s, int *fy)
{
    size_t n = strlen(s);
    if (n < 7 || !digits(s, 4) || (s[4] != '-' && s[4] != '/'))
        return false;
    int y = number(s, 4);
    if (y < 1900 || y > 2999)
        return false;
    if (n == 7 && digits(s + 5, 2) && number(s + 5, 2) == (y + 1) % 100) {
        *fy = y;
        return true;
    }
    if (n == 9 && digits(s + 5, 4) && number(s + 5, 4) == y + 1) {
        *fy = y;
        return true;
    }
    return false;
}

/* "2023-24 Q1": a financial year, an optional separator, then Q1..Q4. */
static bool quarter_parse(const char *s, int *start)
{
    const char *q = strpbrk(s, "Qq");
    if (!q || q == s || q[1] < '1' || q[1] > '4' || q[2] != '\0')
        return false;
    size_t n = (size_t)(q - s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '-'))
        n--;
    char fy_text[16];
    if (n == 0 || n >= sizeof fy_text)
        return false;
    memcpy(fy_text, s, n);
    fy_text[n] = '\0';
    int fy;
    if (!fy_parse(fy_text, &fy))
        return false;
    *start = fy_first_month(fy) + 3 * (q[1] - '1');
    return true;
}

bool period_parse(const char *s, enum period_kind kind, int *start)
{
    int fy;
    switch (kind) {
    case PERIOD_MONTH:
        return month_parse(s, strlen(s), start);
    case PERIOD_QUARTER:
        return quarter_parse(s, start);
    case PERIOD_YEAR:
        if (!fy_parse(s, &fy))
            return false;
        *start = fy_first_month(fy);
        return true;
    }
    return false;
}

void period_format(enum period_kind kind, int start, char out[PERIOD_TEXT_SIZE])
{
    char fy[FY_TEXT_SIZE];
    if (kind == PERIOD_MONTH) {
        month_format(start, out);
        return;
    }
    fy_format(fy_of_month(start), fy);
    if (kind == PERIOD_YEAR)
        snprintf(out, PERIOD_TEXT_SIZE, "%s", fy);
    else
        snprintf(out, PERIOD_TEXT_SIZE, "%s Q%d", fy, fq_of_month(start));
}

int period_months(enum period_kind kind)
{
    return kind == PERIOD_MONTH ? 1 : kind == PERIOD_QUARTER ? 3 : 12;
}

const char *period_kind_name(enum period_kind kind)
{
    return kind == PERIOD_MONTH ? "month" : kind == PERIOD_QUARTER ? "quarter" : "year";
}
