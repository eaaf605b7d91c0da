/*
 * budget.h - SYNTHETIC budget register files for demos and tests, in the
 * layouts `peel budget import` and `peel budget mtfs` read
 * (ingest/budget_file.h), written into a folder:
 *
 *   budget.csv             each financial year from 2022-23 to last_fy:
 *                          its headings and a Total row
 *   mtfs-YYYY-YY.csv       a four-year strategy starting in each of those
 *                          years: requirement and funding
 *
 * 2022-23 is seed 004's (the PCC's 2021-22 annual report): a budget of
 * £223.2m, split as its "how this is spent" chart: Police Officer Pay &
 * Allowances 51.06%, Staff Pay & Allowances 18.62%, PCSO Pay &
 * Allowances 4.08%, Regional Collaboration 2.84%, Other Expenditure
 * 20.71%, Commissioning 1.99%. The chart's text is garbled in the seed,
 * so which share is which heading is this file's reading of it, and
 * Commissioner's Office is the remainder (0.70%), which the seed does not
 * print. Its 2022-23 strategy's gap for 2024-25 is the seed's £11.4m
 * deficit. Every other figure is made up: each later year's total grows
 * by 4%, split the same way. None of it is a real budget.
 */
#ifndef PEEL_SYNTH_BUDGET_H
#define PEEL_SYNTH_BUDGET_H

#include "util/buf.h"

#define SYNTH_BUDGET_FIRST_FY 2022

/* Writes the files into dir (which must exist), years 2022-23 to the year
 * starting in last_fy: 0, or -1 with err. */
int synth_budget_files(const char *dir, int last_fy, struct buf *err);

#endif
