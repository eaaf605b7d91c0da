/*
 * spend_read.c - the spend register as the public reads it (see spend.h):
 * every version with its counts, the items of the current versions (or of
 * one version), their totals by month, supplier or expense type, and what
 * a version changed. Parameterised SQL only; filters are bound, never
 * pasted.
 */
#include "store/spend.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

/* A version is current when no later version of its month exists. */
#define CURRENT(v)                                                                                 \
    v ".version = (SELECT max(version) FROM spend_version w WHERE w.body = " v ".body"             \
      " AND w.month = " v ".month)"

static const char *text_at(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static enum spend_body body_at(sqlite3_stmt *st, int i)
{
    enum spend_body b = SPEND_PCC;
    spend_body_parse(text_at(st, i), &b);
    return b;
}

void spend_filter_default(struct spend_filter *f)
{
    *f = (struct spend_filter){.body = -1};
}

int store_spend_versions(struct store *s, spend_version_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT id, body, month, version, " CURRENT(
                          "v") ", published_at, reason, file_name,"
                               " file_sha256, items, redacted, added, removed, changed, total_pence"
                               " FROM spend_version v ORDER BY month DESC, body, version",
                      err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct spend_version_row v = {
            .id = sqlite3_column_int64(st, 0),
            .body = body_at(st, 1),
            .month = text_at(st, 2),
            .version = sqlite3_column_int(st, 3),
            .current = sqlite3_column_int(st, 4) != 0,
            .published_at = text_at(st, 5),
            .reason = text_at(st, 6),
            .file_name = text_at(st, 7),
            .file_sha256 = text_at(st, 8),
            .items = sqlite3_column_int(st, 9),
            .redacted = sqlite3_column_int(st, 10),
            .added = sqlite3_column_int(st, 11),
            .removed = sqlite3_column_int(st, 12),
            .changed = sqlite3_column_int(st, 13),
            .total_pence = sqlite3_column_int64(st, 14),
        };
        fn(arg, &v);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the spend register");
}

/* The versions a filter reads: ?1 body, ?2 month, ?5 version (0: current);
 * and its items: ?6 an enum spend_holder (0 any, 1 only marked, 2 none). */
#define CHOSEN                                                                                     \
    " (?1 IS NULL OR v.body = ?1) AND (?2 IS NULL OR v.month = ?2)"                                \
    " AND (CASE WHEN ?5 > 0 THEN v.version = ?5 ELSE " CURRENT(                                    \
        "v") " END)"                                                                               \
             " AND (?6 = 0 OR i.office_holder = (?6 = 1))"

static void bind_filter(sqlite3_stmt *st, const struct spend_filter *f)
{
    if (f->body >= 0)
        sqlite3_bind_text(st, 1, spend_body_word((enum spend_body)f->body), -1, SQLITE_STATIC);
    if (f->month)
        sqlite3_bind_text(st, 2, f->month, -1, SQLITE_STATIC);
    if (f->supplier)
        sqlite3_bind_text(st, 3, f->supplier, -1, SQLITE_STATIC);
    if (f->expense)
        sqlite3_bind_text(st, 4, f->expense, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, f->month ? f->version : 0);
    sqlite3_bind_int(st, 6, (int)f->office_holder);
}

int store_spend_items(struct store *s, const struct spend_filter *f, spend_item_fn fn, void *arg,
                      struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT v.body, v.version, i.txn, i.paid_on, i.body_name, i.supplier, i.amount_pence,"
        " i.expense_type, i.service_area, i.purpose, i.vfm, i.redacted, i.line, i.office_holder"
        " FROM spend_version v JOIN spend_item i ON i.version_id = v.id WHERE" CHOSEN
        " AND (?3 IS NULL OR i.supplier = ?3) AND (?4 IS NULL OR i.expense_type = ?4)"
        " ORDER BY i.paid_on, v.body, i.txn",
        err);
    if (!st)
        return -1;
    bind_filter(st, f);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct spend_item it = {
            .txn = text_at(st, 2),
            .date = text_at(st, 3),
            .body_name = text_at(st, 4),
            .supplier = text_at(st, 5),
            .amount_pence = sqlite3_column_int64(st, 6),
            .expense_type = text_at(st, 7),
            .service_area = text_at(st, 8),
            .purpose = text_at(st, 9),
            .vfm = text_at(st, 10),
            .redacted = sqlite3_column_int(st, 11) != 0,
            .line = sqlite3_column_int(st, 12),
            .office_holder = sqlite3_column_int(st, 13) != 0,
        };
        fn(arg, body_at(st, 0), sqlite3_column_int(st, 1), &it);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading items of spend");
}

int store_spend_totals(struct store *s, const struct spend_filter *f, enum spend_group g,
                       spend_total_fn fn, void *arg, struct buf *err)
{
    /* the grouping column and order are chosen from fixed text, never
     * from input */
    static const char *const sql[] = {
        [SPEND_BY_MONTH] = "SELECT v.month, count(*), sum(i.amount_pence)"
                           " FROM spend_version v JOIN spend_item i ON i.version_id = v.id"
                           " WHERE" CHOSEN " AND (?3 IS NULL OR i.supplier = ?3)"
                           " AND (?4 IS NULL OR i.expense_type = ?4)"
                           " GROUP BY v.month ORDER BY v.month",
        [SPEND_BY_SUPPLIER] = "SELECT i.supplier, count(*), sum(i.amount_pence)"
                              " FROM spend_version v JOIN spend_item i ON i.version_id = v.id"
                              " WHERE" CHOSEN " AND (?3 IS NULL OR i.supplier = ?3)"
                              " AND (?4 IS NULL OR i.expense_type = ?4)"
                              " GROUP BY i.supplier ORDER BY 3 DESC, 1",
        [SPEND_BY_EXPENSE] = "SELECT i.expense_type, count(*), sum(i.amount_pence)"
                             " FROM spend_version v JOIN spend_item i ON i.version_id = v.id"
                             " WHERE" CHOSEN " AND (?3 IS NULL OR i.supplier = ?3)"
                             " AND (?4 IS NULL OR i.expense_type = ?4)"
                             " GROUP BY i.expense_type ORDER BY 3 DESC, 1",
    };
    sqlite3_stmt *st = store_prepare(s, sql[g], err);
    if (!st)
        return -1;
    bind_filter(st, f);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct spend_total t = {text_at(st, 0), sqlite3_column_int(st, 1),
                                sqlite3_column_int64(st, 2)};
        fn(arg, &t);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading totals of spend");
}

int store_spend_changes(struct store *s, enum spend_body body, const char *month, int version,
                        spend_change_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT v.id, c.txn, c.kind, c.fields FROM spend_version v"
        " LEFT JOIN spend_change c ON c.version_id = v.id"
        " WHERE v.body = ?1 AND v.month = ?2 AND v.version = ?3 ORDER BY c.kind, c.txn",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, spend_body_word(body), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, version);
    int rc;
    bool found = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        found = true;
        if (sqlite3_column_type(st, 1) == SQLITE_NULL)
            continue; /* a version that changed nothing: none */
        struct spend_change_row c = {text_at(st, 1), text_at(st, 2), text_at(st, 3)};
        fn(arg, &c);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "reading what a version of spend changed");
    return found ? 0 : 1;
}
