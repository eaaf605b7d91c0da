/*
 * store.h - Peel's database: one SQLite file.
 *
 * Every SQL statement in Peel lives under src/store/, behind functions that
 * speak in Peel's terms (slices, crimes, counts), so that a PostgreSQL
 * back end for the hosted service is one more module, not a rewrite.
 *
 * The file is opened in WAL mode (readers never block the importer) with
 * foreign keys enforced, and its schema is brought up to date by numbered
 * migrations recorded in PRAGMA user_version.
 */
#ifndef PEEL_STORE_H
#define PEEL_STORE_H

#include <stdbool.h>

#include "util/buf.h"

struct store;

enum store_mode { STORE_READ_WRITE, STORE_READ_ONLY };

/* Sets SQLite's process-wide options: called once at start-up, before
 * any store is opened and before any other thread starts. */
void store_library_init(void);
/* Gives SQLite's page cache its memory as one mapping, resident from the
 * start, sized for an import of input_bytes of CSV (up to the whole cache;
 * nothing for a tiny one). Called before the store is opened (store.c
 * says why). */
void store_reserve_page_cache(unsigned long long input_bytes);

/* Opens (creating if needed, unless read-only) and migrates; on failure
 * returns NULL with the reason in err. */
struct store *store_open(const char *path, enum store_mode mode, struct buf *err);
/* A new store at path made by every migration in turn, where store_open
 * runs one script of them all (store/schema_image.h): for `make schema`
 * and its test. NULL with err. */
struct store *store_create_stepwise(const char *path, struct buf *err);
void store_close(struct store *s);

int store_schema_version(struct store *s);
/* Whether changes can be written (SQLite opens a file it may not write
 * read-only, even when asked for read-write). */
bool store_writable(struct store *s);
/* The latest migration this build knows. */
int store_latest_version(void);
const char *store_path(const struct store *s);

#endif
