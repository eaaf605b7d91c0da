/*
 * grants_received.c - loads of grants received, their reporting clocks,
 * and the read of each year's latest load (see grants_received.h).
 */
#include "store/grants_received.h"
#include "model/calendar.h"
#include "model/money.h"
#include "store/clocks_internal.h"
#include "store/store_internal.h"
#include "util/month.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reporting clock of a line of load_id ("grant-received:LOAD-LINE"): due on report_on, counted
 * in calendar days from the first day of the financial year (the day after 31 March). */
static int report_clock(struct store *s, const char *fy, int64_t load_id,
                        const struct grant_received *g, const struct audit_origin *by,
                        int64_t *clock_id, struct buf *err)
{
    int start, due, year;
    if (!fy_parse(fy, &year) || !date_from_ymd(year, 3, 31, &start) ||
        !date_parse(g->report_on, strlen(g->report_on), &due) || due - start < 1 ||
        due - start > CLOCK_MAX_DAYS) {
        buf_printf(err, "line %ld: the reporting date %s is not within ten years after %s begins",
                   g->line, g->report_on, fy);
        return -1;
    }
    char subject[64], purpose[600];
    snprintf(subject, sizeof subject, "grant-received:%lld-%ld", (long long)load_id, g->line);
    snprintf(purpose, sizeof purpose, "Report to %.200s on %.300s", g->funder, g->purpose);
    struct clock_new c = {
        subject, purpose, {CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, start, due - start}};
    int rc = clock_start_in(s, &c, by, clock_id, err);
    return rc == 0 ? 0 : -1;
}

static int insert_load(struct store *s, const struct grants_received_load *l, int64_t total,
                       const struct audit_origin *by, int64_t *id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO grant_received_load(fy, file_name, sha256, lines, stated_total_pence,"
        " total_pence, loaded_at, loaded_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, " STORE_NOW ", ?7)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, l->fy, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, l->file_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, l->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)l->n);
    sqlite3_bind_int64(st, 5, l->stated_total_pence);
    sqlite3_bind_int64(st, 6, total);
    sqlite3_bind_text(st, 7, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing a load");
    sqlite3_finalize(st);
    *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int insert_lines(struct store *s, const struct grants_received_load *l, int64_t load_id,
                        const struct audit_origin *by, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO grant_received(load_id, line, funder, purpose,"
                                     " amount_pence, conditions, report_on, clock_id)"
                                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                     err);
    int rc = st ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < l->n; i++) {
        const struct grant_received *g = &l->lines[i];
        int64_t clock_id = 0;
        if (g->report_on && report_clock(s, l->fy, load_id, g, by, &clock_id, err) < 0) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(st, 1, load_id);
        sqlite3_bind_int64(st, 2, g->line);
        sqlite3_bind_text(st, 3, g->funder, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, g->purpose, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, g->amount_pence);
        sqlite3_bind_text(st, 6, g->conditions ? g->conditions : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, g->report_on, -1, SQLITE_STATIC);
        if (clock_id)
            sqlite3_bind_int64(st, 8, clock_id);
        else
            sqlite3_bind_null(st, 8);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "storing a grant received");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int store_grants_received_load(struct store *s, const struct grants_received_load *l,
                               const struct audit_origin *by, int64_t *id, struct buf *err)
{
    int64_t total = 0;
    for (size_t i = 0; i < l->n; i++)
        total += l->lines[i].amount_pence;
    if (total != l->stated_total_pence) {
        char stated[MONEY_TEXT_SIZE], added[MONEY_TEXT_SIZE];
        money_format(l->stated_total_pence, true, stated);
        money_format(total, true, added);
        buf_printf(err, "the stated total %s is not what the %zu lines add up to, %s", stated, l->n,
                   added);
        return GRANTS_RECEIVED_UNEQUAL;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = insert_load(s, l, total, by, id, err);
    if (rc == 0)
        rc = insert_lines(s, l, *id, by, err);
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)*id);
    if (rc == 0)
        rc = store_audit_fact(s, "grants-received.load", "grants-received", key,
                              json_pack("{s:s, s:s, s:s, s:I, s:I}", "fy", l->fy, "file",
                                        l->file_name, "sha256", l->sha256, "lines",
                                        (json_int_t)l->n, "total_pence", (json_int_t)total),
                              by, err);
    return store_finish(s, rc, err);
}

int store_grants_received(struct store *s, const char *fy, grant_received_fn fn, void *arg,
                          struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT l.fy, g.funder, g.purpose, g.conditions, g.report_on, l.file_name, l.loaded_at,"
        " g.amount_pence, coalesce(g.clock_id, 0), g.line"
        " FROM grant_received g JOIN grant_received_load l ON l.id = g.load_id"
        " WHERE l.id = (SELECT max(id) FROM grant_received_load WHERE fy = l.fy)"
        " AND (?1 IS NULL OR l.fy = ?1) ORDER BY l.fy DESC, g.line",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, fy, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct grant_received_view g = {.fy = store_column_text(st, 0),
                                        .funder = store_column_text(st, 1),
                                        .purpose = store_column_text(st, 2),
                                        .conditions = store_column_text(st, 3),
                                        .report_on = sqlite3_column_type(st, 4) == SQLITE_NULL
                                                         ? NULL
                                                         : store_column_text(st, 4),
                                        .file_name = store_column_text(st, 5),
                                        .loaded_at = store_column_text(st, 6),
                                        .amount_pence = sqlite3_column_int64(st, 7),
                                        .clock_id = sqlite3_column_int64(st, 8),
                                        .line = sqlite3_column_int(st, 9)};
        fn(arg, &g);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading grants received");
    sqlite3_finalize(st);
    return out;
}
