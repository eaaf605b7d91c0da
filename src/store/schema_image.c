/*
 * schema_image.c - a store's schema and rows as the script that makes
 * them again (see schema_image.h).
 */
#include "store/schema_image.h"
#include "store/store_internal.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* A virtual table's shadow tables, its module's to make: tables named
 * after it and an underscore. Read from sqlite_schema, where SQLite 3.37's
 * pragma_table_list would say so itself (CMakeLists.txt asks for 3.35). */
#define SHADOW                                                                                     \
    "(SELECT s.name FROM sqlite_schema s JOIN sqlite_schema v"                                     \
    " ON v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%'"                                  \
    " AND substr(s.name, 1, length(v.name) + 1) = v.name || '_' WHERE s.type = 'table')"

/* Each kind of object after the ones it names: SQLite's own
 * (sqlite_sequence, autoindexes) come with the tables that need them. */
#define OBJECTS(kinds)                                                                             \
    "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND type IN (" kinds ")"                  \
    " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN " SHADOW " ORDER BY rowid"

/* Runs sql and puts each row's first column as a statement. */
static int put_each(struct store *s, const char *sql, store_statement_fn put, void *arg,
                    struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        put(arg, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the schema");
}

static void put_identifier(struct buf *b, const char *name)
{
    buf_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

static void put_hex(struct buf *b, const unsigned char *p, int n)
{
    buf_puts(b, "X'");
    for (int i = 0; i < n; i++)
        buf_printf(b, "%02x", p[i]);
    buf_putc(b, '\'');
}

/* A real that reads back as the same real: 17 digits, and a point kept
 * (2.0, not 2, which would come back an integer where a column has no
 * type); an infinity as a number beyond any double. SQLite keeps no NaN. */
static void put_real(struct buf *b, double v)
{
    char text[64];
    if (isinf(v)) {
        buf_puts(b, v < 0 ? "-9e999" : "9e999");
        return;
    }
    sqlite3_snprintf((int)sizeof text, text, "%!.17g", v);
    buf_puts(b, text);
}

/* A value as SQL: a text holding a NUL byte as its bytes cast. */
static void put_value(struct buf *b, sqlite3_stmt *st, int col)
{
    const unsigned char *p;
    int n;
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, col));
        return;
    case SQLITE_FLOAT:
        put_real(b, sqlite3_column_double(st, col));
        return;
    case SQLITE_TEXT:
        p = sqlite3_column_text(st, col);
        n = sqlite3_column_bytes(st, col);
        if (!memchr(p, '\0', (size_t)n)) {
            buf_putc(b, '\'');
            for (int i = 0; i < n; i++) {
                if (p[i] == '\'')
                    buf_putc(b, '\'');
                buf_putc(b, (char)p[i]);
            }
            buf_putc(b, '\'');
            return;
        }
        buf_puts(b, "CAST(");
        put_hex(b, p, n);
        buf_puts(b, " AS TEXT)");
        return;
    case SQLITE_BLOB:
        put_hex(b, sqlite3_column_blob(st, col), sqlite3_column_bytes(st, col));
        return;
    default:
        buf_puts(b, "NULL");
    }
}

/* Whether table's rowid is a column of its own (an INTEGER PRIMARY KEY). */
static int rowid_named(struct store *s, const char *table, bool *named, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT count(*) = 1 AND max(upper(type) = 'INTEGER')"
                                     " FROM pragma_table_xinfo(?1) WHERE pk > 0",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *named = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "reading a table's key");
}

/* The columns an INSERT into table names (not generated, not hidden; and
 * the rowid of a table keyed by it, when no column is it, so that rows
 * keep their rowids), as "(a, b)" into cols and "SELECT a, b FROM table"
 * into sql, in the rowid's order. */
static int columns_of(struct store *s, const char *table, bool by_rowid, struct buf *cols,
                      struct buf *sql, struct buf *err)
{
    bool named = false;
    if (by_rowid && rowid_named(s, table, &named, err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY cid", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    buf_puts(cols, by_rowid && !named ? "(rowid" : "(");
    buf_puts(sql, by_rowid && !named ? "SELECT rowid" : "SELECT ");
    int rc, n = by_rowid && !named;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        buf_puts(cols, n ? ", " : "");
        buf_puts(sql, n++ ? ", " : "");
        put_identifier(cols, (const char *)sqlite3_column_text(st, 0));
        put_identifier(sql, (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    buf_puts(cols, ")");
    buf_puts(sql, " FROM main.");
    put_identifier(sql, table);
    buf_puts(sql, by_rowid ? " ORDER BY rowid" : "");
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a table's columns");
}

/* Every row of table as an INSERT. */
static int put_rows(struct store *s, const char *table, bool by_rowid, store_statement_fn put,
                    void *arg, struct buf *err)
{
    struct buf cols = BUF_INIT, sql = BUF_INIT, row = BUF_INIT;
    int rc = columns_of(s, table, by_rowid, &cols, &sql, err);
    sqlite3_stmt *st = rc == 0 ? store_prepare(s, buf_str(&sql), err) : NULL;
    rc = st ? 0 : -1;
    int step;
    while (st && (step = sqlite3_step(st)) == SQLITE_ROW) {
        buf_reset(&row);
        buf_puts(&row, "INSERT INTO ");
        put_identifier(&row, table);
        buf_puts(&row, buf_str(&cols));
        buf_puts(&row, " VALUES(");
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            buf_puts(&row, i ? ", " : "");
            put_value(&row, st, i);
        }
        buf_puts(&row, ")");
        put(arg, row.p, row.len);
    }
    if (st && step != SQLITE_DONE)
        rc = store_fail(s, err, "reading a table's rows");
    sqlite3_finalize(st);
    buf_free(&cols);
    buf_free(&sql);
    buf_free(&row);
    return rc;
}

/* The rows of every table and virtual table, in the order made; then
 * sqlite_sequence's, which the INSERTs into AUTOINCREMENT tables have
 * just written by their own count. */
static int put_all_rows(struct store *s, store_statement_fn put, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT name, upper(sql) NOT LIKE '%WITHOUT ROWID%'"
                                     " FROM sqlite_schema WHERE type = 'table'"
                                     " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                     " AND name NOT IN " SHADOW " ORDER BY rowid",
                                     err);
    if (!st)
        return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = put_rows(s, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1), put,
                      arg, err);
    if (rc == 0 && step != SQLITE_DONE)
        rc = store_fail(s, err, "listing the tables");
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    int64_t sequences = 0;
    if (store_int64(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'",
                    &sequences, "looking for sqlite_sequence", err) < 0)
        return -1;
    if (!sequences)
        return 0;
    static const char clear[] = "DELETE FROM sqlite_sequence";
    put(arg, clear, sizeof clear - 1);
    return put_rows(s, "sqlite_sequence", true, put, arg, err);
}

int store_schema_dump(struct store *s, store_statement_fn put, void *arg, struct buf *err)
{
    if (put_each(s, OBJECTS("'table'"), put, arg, err) < 0 || put_all_rows(s, put, arg, err) < 0)
        return -1;
    return put_each(s, OBJECTS("'index'"), put, arg, err) < 0 ||
                   put_each(s, OBJECTS("'view'"), put, arg, err) < 0 ||
                   put_each(s, OBJECTS("'trigger'"), put, arg, err) < 0
               ? -1
               : 0;
}
