/*
 * budget_read.c - the budget register as the public reads it (see
 * budget.h): every version of every year's budget and its lines, the
 * precept's steps, the strategies' years, and whether a year's strategy
 * was published in time for the plan's metric. Parameterised SQL only.
 */
#include "store/budget.h"
#include "model/calendar.h"
#include "store/store_internal.h"

int store_budget_versions(struct store *s, budget_version_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT fy, version, version = (SELECT max(version) FROM budget_version w"
        " WHERE w.fy = v.fy), total_pence, lines, published_at, coalesce(reason, ''), file_name,"
        " file_sha256 FROM budget_version v ORDER BY fy DESC, version",
        err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct budget_version_row v = {
            .fy = sqlite3_column_int(st, 0),
            .version = sqlite3_column_int(st, 1),
            .current = sqlite3_column_int(st, 2) != 0,
            .total_pence = sqlite3_column_int64(st, 3),
            .lines = sqlite3_column_int(st, 4),
            .published_at = store_column_text(st, 5),
            .reason = store_column_text(st, 6),
            .file_name = store_column_text(st, 7),
            .file_sha256 = store_column_text(st, 8),
        };
        fn(arg, &v);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the budget register");
}

int store_budget_lines(struct store *s, int fy, int version, budget_line_fn fn, void *arg,
                       struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT l.heading, l.amount_pence, l.line, v.version FROM budget_line l"
        " JOIN budget_version v ON v.id = l.version_id WHERE v.fy = ?1 AND v.version ="
        " (CASE WHEN ?2 > 0 THEN ?2 ELSE (SELECT max(version) FROM budget_version WHERE fy = ?1)"
        " END) ORDER BY l.position",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, fy);
    sqlite3_bind_int(st, 2, version);
    int rc, read = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct budget_line l = {store_column_text(st, 0), sqlite3_column_int64(st, 1),
                                sqlite3_column_int(st, 2)};
        read = sqlite3_column_int(st, 3);
        fn(arg, &l);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? read : store_fail(s, err, "reading a budget");
}

int store_precept_steps(struct store *s, precept_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT fy, kind, happened_on, coalesce(band_d_pence, 0), coalesce(precept_pence, 0),"
        " coalesce(veto, -1), note, recorded_at FROM precept_step ORDER BY fy DESC,"
        " CASE kind WHEN 'opened' THEN 0 WHEN 'proposed' THEN 1 WHEN 'panel-report' THEN 2"
        " WHEN 'revised' THEN 3 ELSE 4 END",
        err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct precept_row p = {.fy = sqlite3_column_int(st, 0),
                                .on = store_column_date(st, 2),
                                .band_d_pence = sqlite3_column_int64(st, 3),
                                .precept_pence = sqlite3_column_int64(st, 4),
                                .veto = sqlite3_column_int(st, 5),
                                .note = store_column_text(st, 6),
                                .recorded_at = store_column_text(st, 7)};
        if (precept_kind_parse(store_column_text(st, 1), &p.kind))
            fn(arg, &p);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the precept");
}

int store_mtfs_rows(struct store *s, mtfs_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT v.first_fy, v.last_fy, v.version, v.version = (SELECT max(version) FROM"
        " mtfs_version w WHERE w.first_fy = v.first_fy AND w.last_fy = v.last_fy), v.title, v.url,"
        " coalesce(v.reason, ''), v.file_name, v.file_sha256, v.published_on, y.fy,"
        " y.requirement_pence, y.funding_pence FROM mtfs_version v JOIN mtfs_year y"
        " ON y.version_id = v.id ORDER BY v.first_fy DESC, v.last_fy DESC, v.version, y.fy",
        err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct mtfs_row m = {.first_fy = sqlite3_column_int(st, 0),
                             .last_fy = sqlite3_column_int(st, 1),
                             .version = sqlite3_column_int(st, 2),
                             .current = sqlite3_column_int(st, 3) != 0,
                             .title = store_column_text(st, 4),
                             .url = store_column_text(st, 5),
                             .reason = store_column_text(st, 6),
                             .file_name = store_column_text(st, 7),
                             .file_sha256 = store_column_text(st, 8),
                             .published_on = store_column_date(st, 9),
                             .fy = sqlite3_column_int(st, 10),
                             .requirement_pence = sqlite3_column_int64(st, 11),
                             .funding_pence = sqlite3_column_int64(st, 12)};
        fn(arg, &m);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the strategies");
}

int store_mtfs_published_for(struct store *s, int fy, int by, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT EXISTS(SELECT 1 FROM mtfs_version WHERE first_fy = ?1"
                                     " AND version = 1 AND published_on <= ?2)",
                                     err);
    if (!st)
        return -1;
    char on[DATE_TEXT_SIZE];
    date_format(by, on);
    sqlite3_bind_int(st, 1, fy);
    sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int yes = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return yes < 0 ? store_fail(s, err, "reading the strategies") : yes;
}
