/*
 * updated.h - when the data in the store last changed.
 *
 * The public site says when its figures were last updated, and sends it as
 * Last-Modified so that browsers and caches can ask "has it changed?".
 */
#ifndef PEEL_STORE_UPDATED_H
#define PEEL_STORE_UPDATED_H

#include <stdbool.h>

#include "store/store.h"

#define STORE_TIME_SIZE 32

/* The latest time anything was imported or loaded - police.uk files, Home
 * Office tables, plans, metric values - as "YYYY-MM-DDTHH:MM:SSZ" (UTC);
 * "" when nothing has been. Area lookups and populations carry no time of
 * loading and are not counted. -1 with err on a store error. */
int store_last_update(struct store *s, char out[STORE_TIME_SIZE], struct buf *err);

/* A number that changes whenever another connection has committed a change
 * to the database since this connection last asked (SQLite's PRAGMA
 * data_version): the web site's cache asks it before trusting a page made
 * earlier. Values from different connections are not comparable. -1 on an
 * error. */
long long store_data_version(struct store *s);

/* Whether the store holds data made by `peel generate` (model/synthetic.h:
 * an LSOA code ONS never issued); false on a store error. */
bool store_holds_generated(struct store *s);

#endif
