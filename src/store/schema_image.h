/*
 * schema_image.h - a new store made by one script instead of every
 * migration in turn.
 *
 * Making a store by its 57 migrations took 0.19 s (0.52 s in the ASan
 * build), most of it SQLite parsing statements and, after each ALTER, the
 * whole schema again; made by one script of the same tables, rows,
 * indexes, views and triggers it takes 0.06 s (0.13 s). Every first
 * `peel import` pays it, and the test suite makes about 210 stores
 * (bench/README.md, stop 38).
 *
 * The script is the store as the migrations leave it, dumped
 * (store_schema_dump) into schema_fresh.c by tools/schema_fresh.c
 * (`make schema`); migrate.c runs it for a new, empty file when it was
 * made for this build's latest migration, and the migrations otherwise.
 * test_schema_fresh checks that the script in the build is the one the
 * migrations give now, and that a store made by it dumps the same as one
 * made by the migrations: a migration added without `make schema` fails
 * there, and until then new stores are made by the migrations.
 */
#ifndef PEEL_STORE_SCHEMA_IMAGE_H
#define PEEL_STORE_SCHEMA_IMAGE_H

#include <stddef.h>

#include "store/store.h"
#include "util/buf.h"

/* The script that makes s's schema and rows again in an empty store, a
 * statement at a time to put: tables (a virtual table's own, not its
 * module's), then their rows, then indexes, views and triggers, each kind
 * in SQLite's order. The rows are written by value: integers as read,
 * reals with 17 digits, texts quoted, blobs in hex. -1 with err. */
typedef void (*store_statement_fn)(void *arg, const char *sql, size_t len);
int store_schema_dump(struct store *s, store_statement_fn put, void *arg, struct buf *err);

/* The script in this build (schema_fresh.c): its statements, and the
 * migration it was made at. */
extern const char *const store_fresh_script[];
extern const size_t store_fresh_statements;
extern const int store_fresh_version;

#endif
