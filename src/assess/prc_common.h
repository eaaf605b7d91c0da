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

/* Adds the table's source line: the Home Office tables, and each file
 * whose rows answer for the force (NULL: any) over [from, to], with its
 * SHA-256 and when it was loaded. */
void prc_source_note(struct store *s, struct table *t, const char *force, int from, int to);

#endif
