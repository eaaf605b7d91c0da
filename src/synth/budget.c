/*
 * budget.c - SYNTHETIC budget register files (see budget.h).
 */
#include "synth/budget.h"
#include "model/money.h"
#include "util/month.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The split, in hundredths of a percent (basis points) of the total. */
static const struct {
    const char *heading;
    int bp;
} split[] = {
    {"Police Officer Pay & Allowances", 5106},
    {"Staff Pay & Allowances", 1862},
    {"PCSO Pay & Allowances", 408},
    {"Regional Collaboration", 284},
    {"Other Expenditure", 2071},
    {"Commissioning", 199},
    {"Commissioner's Office", 70},
};
#define NSPLIT (sizeof split / sizeof split[0])

/* The year's total in pence: £223.2m in 2022-23, then 4% more a year,
 * to the nearest £100,000 (so every share is whole pounds). */
static int64_t total_of(int fy)
{
    int64_t pounds = 223200000;
    for (int y = SYNTH_BUDGET_FIRST_FY; y < fy; y++)
        pounds = (pounds * 104 / 100 + 50000) / 100000 * 100000;
    return pounds * 100;
}

static FILE *open_in(const char *dir, const char *name, struct buf *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        buf_printf(err, "%s: %s", path, strerror(errno));
    return f;
}

static int close_file(FILE *f, const char *name, struct buf *err)
{
    if (fclose(f) == 0)
        return 0;
    buf_printf(err, "%s: %s", name, strerror(errno));
    return -1;
}

static void put_money(FILE *f, int64_t pence)
{
    char text[MONEY_TEXT_SIZE];
    money_format(pence, false, text);
    fputs(text, f);
}

static int write_budget(const char *dir, int last_fy, struct buf *err)
{
    FILE *f = open_in(dir, "budget.csv", err);
    if (!f)
        return -1;
    fputs("Year,Heading,Amount\n", f);
    for (int fy = SYNTH_BUDGET_FIRST_FY; fy <= last_fy; fy++) {
        char year[FY_TEXT_SIZE];
        fy_format(fy, year);
        int64_t total = total_of(fy);
        for (size_t i = 0; i < NSPLIT; i++) {
            fprintf(f, "%s,\"%s\",", year, split[i].heading);
            put_money(f, total / 10000 * split[i].bp);
            fputc('\n', f);
        }
        fprintf(f, "%s,Total,", year);
        put_money(f, total);
        fputc('\n', f);
    }
    return close_file(f, "budget.csv", err);
}

/* A four-year strategy from first: the requirement grows 4% a year, the
 * funding 2.5%; the 2022-23 strategy's 2024-25 gap is the seed's £11.4m. */
static int write_mtfs(const char *dir, int first, struct buf *err)
{
    char year[FY_TEXT_SIZE], name[32];
    fy_format(first, year);
    snprintf(name, sizeof name, "mtfs-%s.csv", year);
    FILE *f = open_in(dir, name, err);
    if (!f)
        return -1;
    fputs("Year,Budget requirement,Funding\n", f);
    for (int fy = first; fy < first + 4; fy++) {
        int64_t requirement = total_of(fy);
        int64_t gap = first == SYNTH_BUDGET_FIRST_FY && fy == 2024
                          ? INT64_C(1140000000)
                          : requirement / 1000 * (int64_t)(12 * (fy - first));
        fy_format(fy, year);
        fprintf(f, "%s,", year);
        put_money(f, requirement);
        fputc(',', f);
        put_money(f, requirement - gap);
        fputc('\n', f);
    }
    return close_file(f, name, err);
}

int synth_budget_files(const char *dir, int last_fy, struct buf *err)
{
    if (write_budget(dir, last_fy, err) < 0)
        return -1;
    for (int fy = SYNTH_BUDGET_FIRST_FY; fy <= last_fy; fy++)
        if (write_mtfs(dir, fy, err) < 0)
            return -1;
    return 0;
}
