/*
 * budget_tables.h - the budget register as tables (render/table.h), the
 * same for `peel budget` and the site's /budget pages and their CSV and
 * JSON: every version of every year's budget, a year's headings with each
 * one's share of the total, the precept's steps, and the strategies.
 *
 * Money is written by model/money.h alone: for people ("£1,234.56") when
 * human, else at full precision for machines ("1234.56").
 */
#ifndef PEEL_ASSESS_BUDGET_TABLES_H
#define PEEL_ASSESS_BUDGET_TABLES_H

#include <stdbool.h>

#include "render/table.h"
#include "store/budget.h"

/* Every version of every year: 0, or -1 with err. */
int budget_versions_table(struct store *s, bool human, struct table *t, struct buf *err);
/* Year fy's headings, of version (0: the current one), each with its share
 * of the year's total: the version read (0: none), or -1 with err. fy 0:
 * every year's current version, newest first (the number of years). */
int budget_lines_table(struct store *s, int fy, int version, bool human, struct table *t,
                       struct buf *err);
/* The precept's steps, every year. */
int precept_table(struct store *s, bool human, struct table *t, struct buf *err);
/* Each year of every version of every strategy, with its gap. */
int mtfs_table(struct store *s, bool human, struct table *t, struct buf *err);

#endif
