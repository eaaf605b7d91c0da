/*
 * deferred_index.h - indexes dropped before a bulk load and built after it
 * commits, in a transaction of their own (see deferred_index.c for why).
 * Not for other modules.
 */
#ifndef PEEL_DEFERRED_INDEX_H
#define PEEL_DEFERRED_INDEX_H

#include <stdbool.h>

struct buf;
struct store;

/* Drops every index of table and records it to be built again, in the
 * caller's write transaction (a rollback restores both). The caller
 * knows the table is empty, or about to be loaded from nothing.
 * *dropped says whether there was any. 0, or -1 with err. */
int store_deferred_index_drop(struct store *s, const char *table, bool *dropped, struct buf *err);

/* Builds every recorded index and forgets it, in a transaction of its
 * own; outside any transaction. 0 when done (or none was recorded), 1
 * when another connection held the write lock past the busy timeout (the
 * indexes stay recorded, for the next writer to open the store), -1 with
 * err. */
int store_deferred_index_build(struct store *s, struct buf *err);

#endif
