/*
 * audit_table.h - the audit log as a table (render/table.h), the one form
 * in which `peel audit list` prints it and the staff side's auditors read
 * and export it, so the two never differ in a column.
 */
#ifndef PEEL_ASSESS_AUDIT_TABLE_H
#define PEEL_ASSESS_AUDIT_TABLE_H

#include <stdint.h>

#include "render/table.h"
#include "store/audit.h"

/* Initialises t and fills it with the rows after sequence number `after`,
 * at most limit of them (-1: all), oldest first. 0, or -1 with err (t is
 * initialised either way: table_free it). */
int audit_table(struct store *s, int64_t after, int64_t limit, struct table *t, struct buf *err);

#endif
