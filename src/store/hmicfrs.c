/*
 * hmicfrs.c - HMICFRS reports, the chief constable's comments, the
 * responses and their publication, with the s.55 clock (see hmicfrs.h).
 */
#include "store/hmicfrs.h"
#include "store/clocks_internal.h"
#include "store/clocks.h"
#include "store/store_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *hmicfrs_refusal_text(int r)
{
    switch (r) {
    case HMICFRS_UNKNOWN:
        return "no HMICFRS report of that reference";
    case HMICFRS_EXISTS:
        return "a report of that reference is recorded already";
    case HMICFRS_PUBLISHED:
        return "the response is published: it never changes";
    case HMICFRS_NOT_INVITED:
        return "the chief constable has not been invited to comment (s.55(4)): record it first";
    case HMICFRS_NO_RESPONSE:
        return "no recommendation has a response yet";
    case HMICFRS_BAD:
        return "a field is missing or too long";
    }
    return "refused";
}

bool hmicfrs_ref_ok(const char *ref)
{
    size_t n = ref ? strlen(ref) : 0;
    if (n < 1 || n > 40)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((ref[i] >= 'a' && ref[i] <= 'z') || (ref[i] >= '0' && ref[i] <= '9') ||
              (i > 0 && ref[i] == '-')))
            return false;
    return true;
}

static bool text_ok(const char *s, size_t max)
{
    if (!s || strlen(s) > max)
        return false;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return true;
    return false;
}

static int audit(struct store *s, const char *action, const char *key, json_t *after,
                 const struct audit_origin *by, struct buf *err)
{
    return store_audit_fact(s, action, "hmicfrs", key, after, by, err);
}

/* The report's id, clock and whether it is published: 0, HMICFRS_UNKNOWN
 * or -1. */
static int find(struct store *s, const char *ref, int64_t *id, int64_t *clock, bool *published,
                struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT r.id, r.clock_id, EXISTS(SELECT 1 FROM"
                                     " hmicfrs_publication p WHERE p.report_id = r.id)"
                                     " FROM hmicfrs_report r WHERE r.ref = ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *clock = sqlite3_column_int64(st, 1);
        *published = sqlite3_column_int(st, 2) != 0;
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? HMICFRS_UNKNOWN : store_fail(s, err, "reading a report");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The report ref, not yet published, to change: its id and clock; 0,
 * HMICFRS_UNKNOWN, HMICFRS_PUBLISHED or -1. */
static int find_open(struct store *s, const char *ref, int64_t *id, int64_t *clock, struct buf *err)
{
    bool published = false;
    int rc = find(s, ref, id, clock, &published, err);
    return rc == 0 && published ? HMICFRS_PUBLISHED : rc;
}

/* ---- add ------------------------------------------------------------ */

static int add_in(struct store *s, const struct hmicfrs_new *r, const struct audit_origin *by,
                  struct buf *err)
{
    int64_t id = 0, clock = 0;
    bool published = false;
    int rc = find(s, r->ref, &id, &clock, &published, err);
    if (rc != HMICFRS_UNKNOWN)
        return rc == 0 ? HMICFRS_EXISTS : rc;
    char subject[64];
    snprintf(subject, sizeof subject, "hmicfrs:%s", r->ref);
    struct clock_new c = {subject,
                          "Publish the response to the HMICFRS report (Police Act 1996 s.55)",
                          {CLOCK_CALENDAR_DAYS, CLOCK_SAME_DAY, r->published_on, HMICFRS_DAYS}};
    if (clock_start_in(s, &c, by, &clock, err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO hmicfrs_report(ref, title, published_on, url,"
                                     " clock_id, recorded_at, recorded_by)"
                                     " VALUES(?1, ?2, ?3, ?4, ?5, " STORE_NOW ", ?6)",
                                     err);
    if (!st)
        return -1;
    char date[DATE_TEXT_SIZE];
    date_format(r->published_on, date);
    sqlite3_bind_text(st, 1, r->ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r->url, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, clock);
    sqlite3_bind_text(st, 6, by->actor, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing a report");
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    return audit(s, "hmicfrs.add", r->ref,
                 json_pack("{s:s, s:s, s:s, s:I}", "title", r->title, "published_on", date, "url",
                           r->url, "clock", (json_int_t)clock),
                 by, err);
}

int store_hmicfrs_add(struct store *s, const struct hmicfrs_new *r, const struct audit_origin *by,
                      struct buf *err)
{
    if (!hmicfrs_ref_ok(r->ref) || !text_ok(r->title, 300) || !text_ok(r->url, 500) ||
        r->published_on < DATE_MIN || r->published_on > DATE_MAX) {
        buf_puts(err, "a report needs a reference (1 to 40 of a-z, 0-9 and -), a title (at most "
                      "300 characters), a link and its publication date");
        return HMICFRS_BAD;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, add_in(s, r, by, err), err);
}

/* One row for report id: sql's ?1 is the id, ?2... the texts, and the
 * last parameter the actor; `what` names the row in an error. 0 or -1. */
static int insert_row(struct store *s, const char *sql, int64_t id, const char *const *texts, int n,
                      const struct audit_origin *by, const char *what, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(st, 2 + i, texts[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2 + n, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, what);
    sqlite3_finalize(st);
    return rc;
}

/* ---- steps and responses ----------------------------------------------- */

static int step_in(struct store *s, const char *ref, bool comments, int on, const char *note,
                   const struct audit_origin *by, struct buf *err)
{
    int64_t id = 0, clock = 0;
    int rc = find_open(s, ref, &id, &clock, err); /* a published case is finished */
    if (rc != 0)
        return rc;
    char date[DATE_TEXT_SIZE];
    date_format(on, date);
    const char *v[] = {comments ? "comments" : "invited", date, note ? note : ""};
    if (insert_row(s,
                   "INSERT INTO hmicfrs_step(report_id, kind, happened_on, note, recorded_at,"
                   " recorded_by) VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5)",
                   id, v, 3, by, "storing a step", err) < 0)
        return -1;
    return audit(s, comments ? "hmicfrs.comments" : "hmicfrs.invite", ref,
                 json_pack("{s:s, s:s}", "on", date, "note", note ? note : ""), by, err);
}

int store_hmicfrs_step(struct store *s, const char *ref, bool comments, int on, const char *note,
                       const struct audit_origin *by, struct buf *err)
{
    if ((note && strlen(note) > 5000) || (comments && !text_ok(note, 5000))) {
        buf_puts(err, "the comments' note is needed, and at most 5,000 characters");
        return HMICFRS_BAD;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, step_in(s, ref, comments, on, note, by, err), err);
}

static int respond_in(struct store *s, const char *ref, int number, const char *recommendation,
                      const char *response, const struct audit_origin *by, struct buf *err)
{
    int64_t id = 0, clock = 0;
    int rc = find_open(s, ref, &id, &clock, err);
    if (rc != 0)
        return rc;
    char n[8];
    snprintf(n, sizeof n, "%d", number);
    const char *v[] = {n, recommendation, response};
    if (insert_row(s,
                   "INSERT INTO hmicfrs_response(report_id, number, recommendation, response,"
                   " recorded_at, recorded_by) VALUES(?1, CAST(?2 AS INTEGER), ?3, ?4, " STORE_NOW
                   ", ?5)",
                   id, v, 3, by, "storing a response", err) < 0)
        return -1;
    return audit(s, "hmicfrs.respond", ref,
                 json_pack("{s:i, s:s, s:s}", "number", number, "recommendation", recommendation,
                           "response", response),
                 by, err);
}

int store_hmicfrs_respond(struct store *s, const char *ref, int number, const char *recommendation,
                          const char *response, const struct audit_origin *by, struct buf *err)
{
    if (number < 1 || number > 999 || !text_ok(recommendation, 5000) || !text_ok(response, 20000)) {
        buf_puts(err, "a response needs the recommendation's number (1 to 999), its text (at "
                      "most 5,000 characters) and the response (at most 20,000)");
        return HMICFRS_BAD;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, respond_in(s, ref, number, recommendation, response, by, err), err);
}

/* ---- publish ---------------------------------------------------------- */

static int count(struct store *s, const char *sql, int64_t id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n < 0 ? store_fail(s, err, "counting") : n;
}

static int publish_in(struct store *s, const char *ref, int on, const char *url,
                      const struct audit_origin *by, struct buf *err)
{
    int64_t id = 0, clock = 0;
    int rc = find_open(s, ref, &id, &clock, err);
    if (rc != 0)
        return rc;
    int invited = count(s,
                        "SELECT count(*) FROM hmicfrs_step WHERE report_id = ?1"
                        " AND kind = 'invited'",
                        id, err);
    int answered = count(s, "SELECT count(*) FROM hmicfrs_response WHERE report_id = ?1", id, err);
    if (invited < 0 || answered < 0)
        return -1;
    if (!invited)
        return HMICFRS_NOT_INVITED;
    if (!answered)
        return HMICFRS_NO_RESPONSE;
    char date[DATE_TEXT_SIZE];
    date_format(on, date);
    const char *v[] = {date, url};
    if (insert_row(s,
                   "INSERT INTO hmicfrs_publication(report_id, published_on, url, recorded_at,"
                   " recorded_by) VALUES(?1, ?2, ?3, " STORE_NOW ", ?4)",
                   id, v, 2, by, "storing a publication", err) < 0)
        return -1;
    char subject[64];
    snprintf(subject, sizeof subject, "hmicfrs:%s", ref);
    if (clock_complete_subject_in(s, subject, on, by, err) < 0)
        return -1;
    return audit(
        s, "hmicfrs.publish", ref,
        json_pack("{s:s, s:s, s:i}", "published_on", date, "url", url, "responses", answered), by,
        err);
}

int store_hmicfrs_publish(struct store *s, const char *ref, int on, const char *url,
                          const struct audit_origin *by, struct buf *err)
{
    if (!text_ok(url, 500)) {
        buf_puts(err, "the address it is published at is 1 to 500 characters");
        return HMICFRS_BAD;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, publish_in(s, ref, on, url, by, err), err);
}

/* ---- reading ----------------------------------------------------------- */

#define REPORT_SQL                                                                                 \
    "SELECT r.ref, r.title, r.url, r.published_on, r.clock_id,"                                    \
    " (SELECT max(happened_on) FROM hmicfrs_step t WHERE t.report_id = r.id"                       \
    "  AND t.kind = 'invited'),"                                                                   \
    " (SELECT happened_on FROM hmicfrs_step t WHERE t.report_id = r.id"                            \
    "  AND t.kind = 'comments' ORDER BY id DESC LIMIT 1),"                                         \
    " (SELECT note FROM hmicfrs_step t WHERE t.report_id = r.id"                                   \
    "  AND t.kind = 'comments' ORDER BY id DESC LIMIT 1),"                                         \
    " (SELECT count(DISTINCT number) FROM hmicfrs_response x WHERE x.report_id = r.id),"           \
    " p.published_on, p.url"                                                                       \
    " FROM hmicfrs_report r LEFT JOIN hmicfrs_publication p ON p.report_id = r.id"

static void keep_clock(void *arg, const struct clock_view *v)
{
    *(struct clock_status *)arg = v->status;
}

/* Each row of st to fn, its clock read as of today. The count or -1. */
static long each(struct store *s, sqlite3_stmt *st, int today, hmicfrs_fn fn, void *arg,
                 struct buf *err)
{
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct hmicfrs_view v = {
            store_column_text(st, 0),  store_column_text(st, 1),    store_column_text(st, 2),
            store_column_date(st, 3),  store_column_date(st, 5),    store_column_date(st, 6),
            store_column_text(st, 7),  sqlite3_column_int(st, 8),   store_column_date(st, 9),
            store_column_text(st, 10), sqlite3_column_int64(st, 4), {0}};
        if (store_clock_get(s, v.clock_id, today, keep_clock, &v.clock, err) != 0)
            return -1;
        fn(arg, &v);
        n++;
    }
    return rc == SQLITE_DONE ? n : store_fail(s, err, "reading reports");
}

long store_hmicfrs_list(struct store *s, bool published_only, int today, hmicfrs_fn fn, void *arg,
                        struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     REPORT_SQL " WHERE ?1 = 0 OR p.id IS NOT NULL"
                                                " ORDER BY r.published_on DESC, r.id DESC",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, published_only);
    long n = each(s, st, today, fn, arg, err);
    sqlite3_finalize(st);
    return n;
}

int store_hmicfrs_get(struct store *s, const char *ref, bool published_only, int today,
                      hmicfrs_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s, REPORT_SQL " WHERE r.ref = ?1 AND (?2 = 0 OR p.id IS NOT NULL)", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, published_only);
    long n = each(s, st, today, fn, arg, err);
    sqlite3_finalize(st);
    return n < 0 ? -1 : n == 0 ? HMICFRS_UNKNOWN : 0;
}

int store_hmicfrs_responses(struct store *s, const char *ref, hmicfrs_response_fn fn, void *arg,
                            struct buf *err)
{
    /* the latest row of each number is its current response */
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT x.number, x.recommendation, x.response"
                                     " FROM hmicfrs_response x JOIN hmicfrs_report r"
                                     " ON r.id = x.report_id WHERE r.ref = ?1 AND x.id ="
                                     " (SELECT max(y.id) FROM hmicfrs_response y"
                                     "  WHERE y.report_id = x.report_id AND y.number = x.number)"
                                     " ORDER BY x.number",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, sqlite3_column_int(st, 0), store_column_text(st, 1), store_column_text(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading responses");
}
