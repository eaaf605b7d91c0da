/*
 * register_tables.h - the registers of interests, gifts and hospitality,
 * and salaries as tables (render/table.h), the same for `peel registers`
 * and the site's /registers pages and their CSV and JSON: each register's
 * entries as they stand (a withdrawn one as its stub), and every version
 * with the reason for each correction.
 *
 * Each register has its own columns (a gift's donor, value and outcome; a
 * salary and allowances), with headings for people beside the keys.
 * Money is written by model/money.h alone: for people ("£1,234.56") when
 * human, else at full precision ("1234.56").
 */
#ifndef PEEL_ASSESS_REGISTER_TABLES_H
#define PEEL_ASSESS_REGISTER_TABLES_H

#include <stdbool.h>

#include "render/table.h"
#include "store/registers.h"

/* Register k's entries as they stand: 0, or -1 with err. */
int reg_current_table(struct store *s, enum reg_kind k, bool human, struct table *t,
                      struct buf *err);
/* Every version of register k (ref NULL) or of one entry. staff: with the
 * text of a withdrawn entry's earlier versions (the public sees its stub
 * alone). */
int reg_versions_table(struct store *s, enum reg_kind k, const char *ref, bool staff, bool human,
                       struct table *t, struct buf *err);
#define REG_TABLE_MAX_COLS 20
/* The headings for people of the columns of k's tables, into out. */
void reg_table_headings(enum reg_kind k, const char *out[REG_TABLE_MAX_COLS]);

#endif
