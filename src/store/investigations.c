/*
 * investigations.c - long-running investigations, their reports and their
 * clocks (see investigations.h).
 */
#include "store/investigations.h"
#include "store/clocks_internal.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

static bool ref_ok(const char *ref)
{
    size_t n = ref ? strlen(ref) : 0;
    return n >= 1 && n <= 40 &&
           strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-") == n;
}

static void bind_date(sqlite3_stmt *st, int col, int date)
{
    char text[DATE_TEXT_SIZE];
    date_format(date, text);
    sqlite3_bind_text(st, col, text, -1, SQLITE_TRANSIENT);
}

/* Starts the clock of period n's report. */
static int start_report_clock(struct store *s, const char *ref, int began, int n,
                              const struct audit_origin *by, struct buf *err)
{
    char subject[64], purpose[160], last_text[DATE_TEXT_SIZE];
    int first, last;
    investigation_period(began, n, &first, &last);
    date_format(last, last_text);
    snprintf(subject, sizeof subject, "investigation:%s:%d", ref, n);
    snprintf(purpose, sizeof purpose,
             "The report on investigation %s, unfinished at the end of its period %d (%s)", ref, n,
             last_text);
    struct clock_new c = {subject, purpose, investigation_report_spec(began, n)};
    int64_t id;
    int rc = clock_start_in(s, &c, by, &id, err);
    return rc == 0 ? 0 : -1;
}

static int add_in(struct store *s, const char *ref, int began, const char *by_whom,
                  const struct audit_origin *by, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO investigation(ref, began_on, investigator,"
                      " recorded_at, recorded_by) VALUES(?1, ?2, ?3, " STORE_NOW ", ?4)",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    bind_date(st, 2, began);
    sqlite3_bind_text(st, 3, by_whom, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, by->actor, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if ((step & 0xff) == SQLITE_CONSTRAINT) {
        buf_printf(err, "investigation %s is recorded already", ref);
        return INVESTIGATION_REFUSED;
    }
    if (step != SQLITE_DONE)
        return store_fail(s, err, "recording an investigation");
    char text[DATE_TEXT_SIZE];
    date_format(began, text);
    int rc =
        store_audit_fact(s, "investigation.add", "investigation", ref,
                         json_pack("{ssss}", "began_on", text, "investigator", by_whom), by, err);
    return rc == 0 ? start_report_clock(s, ref, began, 1, by, err) : rc;
}

int store_investigation_add(struct store *s, const char *ref, int began, const char *by_whom,
                            const struct audit_origin *by, struct buf *err)
{
    const char *why = !ref_ok(ref) ? "a reference is 1 to 40 of A-Z, a-z, 0-9, '/' and '-'"
                      : began == DATE_NONE || began > date_today()
                          ? "the date the 12 months run from is needed, and not after today"
                      : !investigation_by_text(by_whom)
                          ? "who investigates is force, iopc-directed or iopc"
                          : NULL;
    if (why) {
        buf_puts(err, why);
        return INVESTIGATION_REFUSED;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, add_in(s, ref, began, by_whom, by, err), err);
}

/* ---- events ------------------------------------------------------------ */

struct inv_row {
    int64_t id;
    int began, reports, last_event;
    bool finished;
};

static int inv_row(struct store *s, const char *ref, struct inv_row *r, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT i.id, i.began_on,"
        " (SELECT count(*) FROM investigation_event e WHERE e.investigation_id = i.id"
        "  AND e.kind = 'reported'),"
        " EXISTS(SELECT 1 FROM investigation_event e WHERE e.investigation_id = i.id"
        "  AND e.kind = 'finished'),"
        " (SELECT max(on_date) FROM investigation_event e WHERE e.investigation_id = i.id)"
        " FROM investigation i WHERE i.ref = ?1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *r = (struct inv_row){sqlite3_column_int64(st, 0), store_column_date(st, 1),
                              sqlite3_column_int(st, 2), store_column_date(st, 4),
                              sqlite3_column_int(st, 3) != 0};
    sqlite3_finalize(st);
    if (step == SQLITE_DONE)
        buf_printf(err, "no investigation %s", ref);
    return step == SQLITE_ROW    ? 0
           : step == SQLITE_DONE ? INVESTIGATION_UNKNOWN
                                 : store_fail(s, err, "reading an investigation");
}

/* Why an event on `on` is refused; NULL when it may be recorded. */
static const char *event_refused(const struct inv_row *r, bool report, int on, const char *note,
                                 int period_last)
{
    if (r->finished)
        return "the investigation has ended: nothing follows";
    if (on == DATE_NONE || on > date_today() || on < r->began ||
        (r->last_event != DATE_NONE && on < r->last_event))
        return "the date is before the investigation began or its last event, or after today";
    if (strlen(note) > 5000 || (report && !*note))
        return "a report's note says what it reported (1 to 5000 bytes)";
    if (report && r->reports >= INVESTIGATION_PERIODS_MAX)
        return "too many periods";
    if (report && on <= period_last)
        return "a period's report is received after the period ends";
    return NULL;
}

static int event_in(struct store *s, const char *ref, bool report, int on, const char *note,
                    const struct audit_origin *by, struct buf *err)
{
    struct inv_row r = {0};
    int rc = inv_row(s, ref, &r, err);
    if (rc != 0)
        return rc;
    int n = r.reports + 1, first, last;
    investigation_period(r.began, n, &first, &last);
    const char *why = event_refused(&r, report, on, note, last);
    if (why) {
        char last_text[DATE_TEXT_SIZE];
        date_format(last, last_text);
        buf_printf(err, "investigation %s: %s (period %d ends %s)", ref, why, n, last_text);
        return INVESTIGATION_REFUSED;
    }
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO investigation_event(investigation_id, kind,"
                                     " period, on_date, note, at, actor)"
                                     " VALUES(?1, ?2, ?3, ?4, ?5, " STORE_NOW ", ?6)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r.id);
    sqlite3_bind_text(st, 2, report ? "reported" : "finished", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, n);
    bind_date(st, 4, on);
    sqlite3_bind_text(st, 5, note, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, by->actor, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording a report");
    sqlite3_finalize(st);
    char subject[64], on_text[DATE_TEXT_SIZE];
    snprintf(subject, sizeof subject, "investigation:%s:%d", ref, n);
    date_format(on, on_text);
    if (rc == 0)
        rc = clock_complete_subject_in(s, subject, on, by, err) == 0 ? 0 : -1;
    if (rc == 0)
        rc = store_audit_fact(
            s, report ? "investigation.report" : "investigation.finish", "investigation", ref,
            json_pack("{sisssi}", "period", n, "on", on_text, "note_bytes", (int)strlen(note)), by,
            err);
    if (rc == 0 && report)
        rc = start_report_clock(s, ref, r.began, n + 1, by, err);
    return rc;
}

static int event(struct store *s, const char *ref, bool report, int on, const char *note,
                 const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, event_in(s, ref, report, on, note ? note : "", by, err), err);
}

int store_investigation_report(struct store *s, const char *ref, int on, const char *note,
                               const struct audit_origin *by, struct buf *err)
{
    return event(s, ref, true, on, note, by, err);
}

int store_investigation_finish(struct store *s, const char *ref, int on, const char *note,
                               const struct audit_origin *by, struct buf *err)
{
    return event(s, ref, false, on, note, by, err);
}

/* ---- reading ----------------------------------------------------------- */

int store_investigations_list(struct store *s, int today, bool overdue_only, investigation_fn fn,
                              void *arg, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT i.ref, i.investigator, i.began_on,"
                      " (SELECT count(*) FROM investigation_event e WHERE e.investigation_id = i.id"
                      "  AND e.kind = 'reported'),"
                      " (SELECT on_date FROM investigation_event e WHERE e.investigation_id = i.id"
                      "  AND e.kind = 'finished')"
                      " FROM investigation i ORDER BY i.id LIMIT ?1",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, INVESTIGATIONS_LIST_MAX);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct investigation_view v = {.ref = store_column_text(st, 0),
                                       .by_whom = store_column_text(st, 1),
                                       .began = store_column_date(st, 2),
                                       .reports = sqlite3_column_int(st, 3),
                                       .finished_on = store_column_date(st, 4)};
        v.period = v.reports + 1;
        int first;
        investigation_period(v.began, v.period, &first, &v.period_last);
        v.report_due = v.period_last + INVESTIGATION_REPORT_DAYS;
        v.overdue = v.finished_on == DATE_NONE && v.report_due < today;
        if (!overdue_only || v.overdue)
            fn(arg, &v);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading investigations");
}
