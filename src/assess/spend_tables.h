/*
 * spend_tables.h - the spend register as tables (render/table.h), the
 * same for `peel spend` and the site's /spend pages and their CSV and
 * JSON: each month's versions and what they changed, the current items,
 * and totals by month, supplier or expense type.
 *
 * Money is written by model/money.h alone: for people ("£1,234.56") when
 * human, else at full precision for machines ("1234.56"); who spent is
 * named for people ("The Chief Constable", spend_body_name) when human,
 * else the register's word ("force").
 */
#ifndef PEEL_ASSESS_SPEND_TABLES_H
#define PEEL_ASSESS_SPEND_TABLES_H

#include <stdbool.h>

#include "render/table.h"
#include "store/spend.h"

/* Every version of every month: 0, or -1 with err. */
int spend_versions_table(struct store *s, bool human, struct table *t, struct buf *err);
/* The items the filter chooses. */
int spend_items_table(struct store *s, const struct spend_filter *f, bool human, struct table *t,
                      struct buf *err);
/* Their totals by month, supplier or expense type. */
int spend_totals_table(struct store *s, const struct spend_filter *f, enum spend_group g,
                       bool human, struct table *t, struct buf *err);
/* What a version changed: 0, 1 when there is no such version, -1. */
int spend_changes_table(struct store *s, enum spend_body body, const char *month, int version,
                        struct table *t, struct buf *err);

#endif
