/*
 * prc_common.h - what `peel prc`, the annual table and its report share about the Home
 * Office recorded-crime tables: naming a force, which quarters are there,
 * and the source line under a table.
 */
#ifndef PEEL_REPORT_PRC_COMMON_H
#define PEEL_REPORT_PRC_COMMON_H

#include <stdbool.h>

#include "render/table.h"
#include "util/buf.h"

struct store;

/* The store key of a force named any way (slug, police.uk name, Home Office
 * name, ignoring case): its slug, or the text itself for a body with none
 * (Action Fraud). */
const char *prc_force_key(const char *text);

/* How many of the periods [from, to] are stored for the force, with the
 * missing ones as "2016-17 Q1, 2016-17 Q2" in missing; -1 on error. */
int prc_quarters_present(struct store *s, const char *force, int from, int to, struct buf *missing,
                         struct buf *err);

/* "2017-18 Q1" into out (at least 16 bytes). */
void prc_period_text(int period, char *out, size_t n);

/* Said wherever Home Office figures sit beside police.uk ones: the two
 * sources count differently (docs/methods.md, "The two sources"). */
#define PRC_POLICE_UK_GAP                                                                          \
    "police.uk street-level counts run below the Home Office's recorded crime figures for the "    \
    "same force and year (for Leicestershire in 2021-22, 94,597 against 99,450: 4.9% fewer). "     \
    "The two are compiled differently, so a figure from one is never compared with a figure "      \
    "from the other."

/* Adds the table's source line: the Home Office tables, and each file
 * whose rows answer for the force (NULL: any) over [from, to], with its
 * SHA-256 and when it was loaded. */
void prc_source_note(struct store *s, struct table *t, const char *force, int from, int to);

#endif
