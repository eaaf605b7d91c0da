/*
 * iopc.c - the IOPC's quarterly figures: loading a quarter's version and
 * reading the latest (see iopc.h).
 */
#include "store/iopc.h"
#include "model/calendar.h"
#include "store/store_internal.h"
#include "util/month.h"

#include <stdio.h>
#include <string.h>

static void bind_date(sqlite3_stmt *st, int col, int date)
{
    char text[DATE_TEXT_SIZE];
    date_format(date, text);
    sqlite3_bind_text(st, col, text, -1, SQLITE_TRANSIENT);
}

/* The quarter's latest version and file, and any other force already
 * loaded: refusals before anything is written. 0, IOPC_REFUSED or -1. */
static int load_refused(struct store *s, const struct iopc_bulletin *b,
                        const struct iopc_source *src, const char *quarter, int *version,
                        struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT (SELECT force FROM iopc_load WHERE force <> ?1 LIMIT 1),"
        " (SELECT max(version) FROM iopc_load WHERE quarter = ?2),"
        " (SELECT file_sha256 FROM iopc_load WHERE quarter = ?2 ORDER BY version DESC LIMIT 1)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, b->force, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, quarter, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_fail(s, err, "reading the IOPC figures");
    }
    const char *other = (const char *)sqlite3_column_text(st, 0);
    *version = sqlite3_column_int(st, 1) + 1;
    int rc = 0, q;
    char name[PERIOD_TEXT_SIZE];
    if (month_parse(quarter, strlen(quarter), &q))
        period_format(PERIOD_QUARTER, q, name);
    if (other) {
        buf_printf(err, "this store holds the IOPC figures of %s, not %s", other, b->force);
        rc = IOPC_REFUSED;
    } else if (*version > 1 && strcmp(store_column_text(st, 2), src->sha256) == 0) {
        buf_printf(err, "quarter %s is already loaded from the same file", name);
        rc = IOPC_REFUSED;
    } else if (*version > 1 && (!src->reason || !*src->reason)) {
        buf_printf(err,
                   "quarter %s is published already: a corrected file is version %d and "
                   "says why (--reason)",
                   name, *version);
        rc = IOPC_REFUSED;
    }
    sqlite3_finalize(st);
    return rc;
}

static int insert_load(struct store *s, const struct iopc_bulletin *b,
                       const struct iopc_source *src, const char *quarter, int version,
                       const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO iopc_load(force, quarter, version, from_on, to_on, url, reason, figures,"
        " file_name, file_sha256, loaded_at, loaded_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " STORE_NOW ", ?11)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, b->force, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, quarter, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, version);
    bind_date(st, 4, b->from);
    bind_date(st, 5, b->to);
    sqlite3_bind_text(st, 6, src->url ? src->url : "", -1, SQLITE_STATIC);
    if (version > 1)
        sqlite3_bind_text(st, 7, src->reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)b->n);
    sqlite3_bind_text(st, 9, src->file_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, src->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing IOPC figures");
    sqlite3_finalize(st);
    return rc;
}

static void bind_value(sqlite3_stmt *st, int col, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(st, col, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

static int insert_figures(struct store *s, const struct iopc_bulletin *b, int64_t load_id,
                          struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO iopc_figure(load_id, line, measure, breakdown,"
                                     " value, last_year, similar_forces, england_and_wales)"
                                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                     err);
    if (!st)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < b->n; i++) {
        const struct iopc_row *r = &b->rows[i];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, load_id);
        sqlite3_bind_int64(st, 2, r->line);
        sqlite3_bind_text(st, 3, r->measure, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, r->breakdown, -1, SQLITE_STATIC);
        for (int k = 0; k < 4; k++)
            bind_value(st, 5 + k, r->value[k]);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "storing an IOPC figure");
    }
    sqlite3_finalize(st);
    return rc;
}

static int load_in(struct store *s, const struct iopc_bulletin *b, const struct iopc_source *src,
                   const struct audit_origin *by, const char *quarter, int *version,
                   struct buf *err)
{
    int rc = load_refused(s, b, src, quarter, version, err);
    if (rc == 0)
        rc = insert_load(s, b, src, quarter, *version, by->actor, err);
    if (rc == 0)
        rc = insert_figures(s, b, sqlite3_last_insert_rowid(s->db), err);
    if (rc == 0)
        rc =
            store_audit_fact(s, "iopc.load", "iopc", quarter,
                             json_pack("{sssisssssIss}", "force", b->force, "version", *version,
                                       "file", src->file_name, "sha256", src->sha256, "figures",
                                       (json_int_t)b->n, "reason", *version > 1 ? src->reason : ""),
                             by, err);
    return rc;
}

int store_iopc_load(struct store *s, const struct iopc_bulletin *b, const struct iopc_source *src,
                    const struct audit_origin *by, int *quarter, int *version, struct buf *err)
{
    *quarter = date_quarter(b->to);
    char text[MONTH_TEXT_SIZE];
    month_format(*quarter, text);
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, load_in(s, b, src, by, text, version, err), err);
}

/* ---- reading ------------------------------------------------------------ */

#define LATEST                                                                                     \
    "SELECT quarter, version, from_on, to_on, force, url, coalesce(reason, ''), loaded_at,"        \
    " file_name, file_sha256, figures FROM iopc_load l WHERE version ="                            \
    " (SELECT max(version) FROM iopc_load x WHERE x.quarter = l.quarter)"

static void give_quarter(sqlite3_stmt *st, iopc_quarter_fn fn, void *arg)
{
    const char *q = store_column_text(st, 0);
    struct iopc_quarter_view v = {
        .version = sqlite3_column_int(st, 1),
        .from = store_column_date(st, 2),
        .to = store_column_date(st, 3),
        .force = store_column_text(st, 4),
        .url = store_column_text(st, 5),
        .reason = store_column_text(st, 6),
        .loaded_at = store_column_text(st, 7),
        .file_name = store_column_text(st, 8),
        .sha256 = store_column_text(st, 9),
        .figures = sqlite3_column_int64(st, 10),
    };
    if (!month_parse(q, strlen(q), &v.quarter))
        v.quarter = -1;
    fn(arg, &v);
}

int store_iopc_quarters(struct store *s, iopc_quarter_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, LATEST " ORDER BY quarter DESC", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        give_quarter(st, fn, arg);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the IOPC quarters");
}

int store_iopc_quarter(struct store *s, int quarter, iopc_quarter_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, LATEST " AND quarter = ?1", err);
    if (!st)
        return -1;
    char text[MONTH_TEXT_SIZE];
    month_format(quarter, text);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        give_quarter(st, fn, arg);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? 0
           : rc == SQLITE_DONE ? IOPC_UNKNOWN
                               : store_fail(s, err, "reading an IOPC quarter");
}

int store_iopc_figures(struct store *s, int quarter, iopc_figure_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT measure, breakdown, value, last_year, similar_forces, england_and_wales"
        " FROM iopc_figure WHERE load_id = (SELECT id FROM iopc_load WHERE quarter = ?1"
        " ORDER BY version DESC LIMIT 1) ORDER BY line",
        err);
    if (!st)
        return -1;
    char text[MONTH_TEXT_SIZE];
    month_format(quarter, text);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct iopc_figure_view f = {
            store_column_text(st, 0),
            store_column_text(st, 1),
            store_column_text(st, 2),
            (const char *)sqlite3_column_text(st, 3),
            (const char *)sqlite3_column_text(st, 4),
            (const char *)sqlite3_column_text(st, 5),
        };
        fn(arg, &f);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading IOPC figures");
}
