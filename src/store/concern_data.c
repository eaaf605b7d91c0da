/*
 * concern_data.c - what the casework register gives beyond its cases:
 * destruction at the end of retention, the subject-access export and the
 * quarterly statistics (see concerns.h).
 *
 * The statistics read the case data and the clocks only, never the vault:
 * so destroying a person's details changes no published number.
 */
#include "store/clocks.h"
#include "store/concerns.h"
#include "store/concerns_internal.h"
#include "store/iopc.h"
#include "store/store_internal.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- retention --------------------------------------------------------- */

#define RETENTION_BATCH 1000 /* cases destroyed per run, at most */

struct due_case {
    char ref[CONCERN_REF_SIZE];
    int64_t id;
    int closed;
    enum concern_kind kind;
};

/* The closed cases not yet destroyed, into out (at most max). */
static int closed_cases(struct store *s, struct due_case *out, size_t max, size_t *n,
                        struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT c.ref, c.id, e.on_date, c.kind FROM concern c JOIN concern_event e"
        " ON e.concern_id = c.id AND e.kind = 'closed' WHERE NOT EXISTS(SELECT 1 FROM"
        " concern_event d WHERE d.concern_id = c.id AND d.kind = 'destroyed') ORDER BY c.id",
        err);
    if (!st)
        return -1;
    int rc = SQLITE_DONE;
    *n = 0;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct due_case *d = &out[*n];
        snprintf(d->ref, sizeof d->ref, "%s", store_column_text(st, 0));
        d->id = sqlite3_column_int64(st, 1);
        d->closed = store_column_date(st, 2);
        const struct concern_route *r = concern_route_named(store_column_text(st, 3));
        d->kind = r ? r->kind : CONCERN_OTHER;
        (*n)++;
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading closed cases");
    sqlite3_finalize(st);
    return rc;
}

/* The free-text notes of a destroyed case blanked (a note may name the
 * person): all but a decision's, a category's and an assignment's, which
 * are words from a list or a reviewer's username, and which the statistics
 * and the register read. The one change migration 46 lets concern_event
 * take; the caller has secure_delete on, so the old words are zeroed. */
static int blank_notes(struct store *s, int64_t id, int *blanked, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "UPDATE concern_event SET note = '' WHERE concern_id = ?1"
                                     " AND note <> '' AND kind NOT IN ('decided', 'categorised',"
                                     " 'assigned', 'destroyed')",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "blanking a case's notes");
    sqlite3_finalize(st);
    if (rc == 0)
        *blanked = sqlite3_changes(s->db);
    return rc;
}

static int mark_destroyed(struct store *s, const struct due_case *d, int today,
                          const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO concern_event(concern_id, kind, on_date, note,"
                      " at, actor) VALUES(?1, 'destroyed', ?2, ?3, " STORE_NOW ", ?4)",
                      err);
    char on[DATE_TEXT_SIZE];
    date_format(today, on);
    const char *why = concern_route(d->kind)->retention_rule;
    int rc = st ? 0 : -1;
    if (st) {
        sqlite3_bind_int64(st, 1, d->id);
        sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, why, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, by->actor, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording destruction");
        sqlite3_finalize(st);
    }
    int blanked = 0;
    if (rc == 0)
        rc = blank_notes(s, d->id, &blanked, err);
    if (rc == 0)
        rc = store_audit_fact(
            s, "concern.destroy", "concern", d->ref,
            json_pack("{sssssi}", "on", on, "rule", why, "notes_blanked", blanked), by, err);
    return store_finish(s, rc, err);
}

/* The WAL emptied into the database file and cut to nothing, so that no
 * earlier frame keeps a destroyed note or box there (secure_delete zeroes
 * the pages the transactions freed or rewrote; the frames that held them
 * before stay in the WAL until a checkpoint copies past them and the file
 * is truncated). A reader holding an old snapshot stops it, after the
 * busy timeout: that is an error to say, the data being already gone
 * from every page a reader can see. */
static int empty_wal(struct store *s, struct buf *err)
{
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    if (rc == SQLITE_OK)
        return 0;
    buf_printf(err,
               "the personal data is destroyed, but the write-ahead log could not be emptied "
               "(%s): a copy may stay in it until the next run of retention",
               sqlite3_errstr(rc));
    return -1;
}

int store_concern_retention(struct store *s, struct vault *v, int today,
                            const struct audit_origin *by, int *destroyed, struct buf *err)
{
    *destroyed = 0;
    struct due_case *due = xcalloc(RETENTION_BATCH, sizeof *due);
    size_t n = 0;
    int rc = closed_cases(s, due, RETENTION_BATCH, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (due[i].closed + concern_route(due[i].kind)->retention_days > today)
            continue;
        char subject[40];
        snprintf(subject, sizeof subject, "concern:%s", due[i].ref);
        rc = vault_destroy(v, subject, concern_route(due[i].kind)->retention_rule, by, err);
        /* vault_destroy turns secure_delete off after itself */
        if (rc == 0)
            rc = store_exec(s, "PRAGMA secure_delete=ON", err) < 0 ? -1 : 0;
        if (rc == 0)
            rc = mark_destroyed(s, &due[i], today, by, err);
        struct buf ignored = BUF_INIT;
        store_exec(s, "PRAGMA secure_delete=OFF", &ignored);
        buf_free(&ignored);
        if (rc == 0)
            (*destroyed)++;
    }
    free(due);
    /* every run, so that a run stopped by a reader is finished by the next */
    return rc == 0 ? empty_wal(s, err) : rc;
}

/* ---- subject access ---------------------------------------------------- */

struct found {
    char **subjects;
    size_t n, cap;
};

static void found_add(void *arg, const char *subject)
{
    struct found *f = arg;
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->subjects[i], subject) == 0)
            return;
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->subjects = xrealloc(f->subjects, f->cap * sizeof *f->subjects);
    }
    f->subjects[f->n++] = xstrdup(subject);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void put_field(void *arg, const char *field, const char *value, size_t n)
{
    json_object_set_new(arg, field, json_stringn(value, n));
}

static void date_member(json_t *o, const char *name, int date)
{
    char text[DATE_TEXT_SIZE];
    if (date == DATE_NONE) {
        json_object_set_new(o, name, json_null());
        return;
    }
    date_format(date, text);
    json_object_set_new(o, name, json_string(text));
}

static void case_json(void *arg, const struct concern_view *c)
{
    json_t *o = arg;
    json_object_set_new(o, "reference", json_string(c->ref));
    json_object_set_new(o, "kind", json_string(c->kind));
    json_object_set_new(o, "channel", json_string(c->channel));
    json_object_set_new(o, "state", json_string(c->state));
    date_member(o, "received_on", c->received);
    date_member(o, "outcome_on", c->outcome);
    date_member(o, "review_due", c->review_due);
    json_object_set_new(o, "in_time", c->in_time < 0 ? json_null() : json_boolean(c->in_time));
    json_object_set_new(o, "decision", c->decision ? json_string(c->decision) : json_null());
}

static void event_json(void *arg, const struct concern_event_view *e)
{
    char on[DATE_TEXT_SIZE];
    date_format(e->on, on);
    json_array_append_new(arg, json_pack("{ssssss}", "event", e->kind, "on", on, "note", e->note));
}

/* One subject's record: its case (when it is one) and personal fields. */
static int subject_json(struct store *s, struct vault *v, const char *subject, const char *why,
                        const struct audit_origin *by, json_t *records, struct buf *err)
{
    json_t *rec = json_pack("{ss}", "subject", subject);
    json_t *personal = json_object();
    int rc = vault_get_all(v, subject, why, by, put_field, personal, err);
    json_object_set_new(rec, "personal", personal);
    if (rc == 0 && strncmp(subject, "concern:", 8) == 0) {
        json_t *c = json_object(), *events = json_array();
        rc = store_concern_get(s, subject + 8, case_json, c, err);
        if (rc == 0)
            rc = store_concern_events(s, subject + 8, event_json, events, err);
        json_object_set_new(c, "events", events);
        json_object_set_new(rec, "case", c);
        rc = rc == CONCERN_UNKNOWN ? 0 : rc;
    }
    json_array_append_new(records, rec);
    return rc;
}

char *store_concern_subject_access(struct store *s, struct vault *v, const char *email,
                                   const char *phone, const char *why,
                                   const struct audit_origin *by, struct buf *err)
{
    struct found f = {0};
    int rc = 0;
    if ((!email || !*email) && (!phone || !*phone)) {
        buf_puts(err, "give the email address or the telephone number to search for");
        rc = -1;
    }
    if (rc == 0 && email && *email)
        rc = vault_find(v, "email", VAULT_INDEX_EMAIL, email, why, by, found_add, &f, err);
    if (rc == 0 && phone && *phone)
        rc = vault_find(v, "phone", VAULT_INDEX_PHONE, phone, why, by, found_add, &f, err);
    if (f.n)
        qsort(f.subjects, f.n, sizeof *f.subjects, by_text);
    json_t *records = json_array();
    for (size_t i = 0; rc == 0 && i < f.n; i++)
        rc = subject_json(s, v, f.subjects[i], why, by, records, err);
    for (size_t i = 0; i < f.n; i++)
        free(f.subjects[i]);
    free(f.subjects);
    json_t *doc =
        json_pack("{sssoso}", "about",
                  "Everything the Office holds on the person searched for: each record "
                  "found by the email address or telephone number given, its case data, "
                  "history and personal details.",
                  "records", records, "searched",
                  json_pack("{sbsb}", "email", email && *email, "phone", phone && *phone));
    char *text = rc == 0 ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    return text;
}

/* ---- statistics -------------------------------------------------------- */

/* Whether the clock of subject was completed within its due date: 1, 0
 * (late, or still open past due), or -1 (none, or still open in time). */
struct within {
    int answer;
};

static void clock_within(void *arg, const struct clock_view *v)
{
    struct within *w = arg;
    if (v->status.state == CLOCK_COMPLETED)
        w->answer = v->status.days_left >= 0;
    else
        w->answer = v->status.overdue ? 0 : -1;
}

int concern_within_standard(struct store *s, const char *prefix, const char *ref, int today,
                            struct buf *err)
{
    char subject[40];
    snprintf(subject, sizeof subject, "%s:%s", prefix, ref);
    sqlite3_stmt *st = store_prepare(s, "SELECT id FROM clock WHERE subject = ?1", err);
    if (!st)
        return -2;
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    struct within w = {-1};
    if (id && store_clock_get(s, id, today, clock_within, &w, err) < 0)
        return -2;
    return w.answer;
}

static void count(int64_t *total, int64_t *within, int answer)
{
    if (answer < 0)
        return;
    (*total)++;
    *within += answer;
}

/* One case into q: columns ref, kind, received_on, in_time, decision,
 * recommendations. */
static int count_case(struct store *s, sqlite3_stmt *st, int today, struct concern_quarter *q,
                      struct buf *err)
{
    const char *ref = store_column_text(st, 0);
    const struct concern_route *r = concern_route_named(store_column_text(st, 1));
    if (r)
        q->received[r->kind]++;
    if (sqlite3_column_type(st, 3) != SQLITE_NULL)
        (*(sqlite3_column_int(st, 3) ? &q->reviews_in_time : &q->reviews_late))++;
    const char *decision = store_column_text(st, 4);
    q->reasonable += strcmp(decision, "reasonable") == 0;
    q->not_reasonable += strcmp(decision, "not-reasonable") == 0;
    q->recommendations += sqlite3_column_int64(st, 5);
    int ack = concern_within_standard(s, "concern-ack", ref, today, err);
    int answer = concern_within_standard(s, "concern", ref, today, err);
    if (ack < -1 || answer < -1)
        return -1;
    count(&q->ack_total, &q->ack_within, ack);
    count(&q->answer_total, &q->answer_within, answer);
    return 0;
}

int store_concern_stats(struct store *s, concern_quarter_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT c.ref, c.kind, c.received_on, " CONCERN_IN_TIME ","
                      " coalesce((SELECT note FROM concern_event e WHERE e.concern_id = c.id"
                      "  AND e.kind = 'decided'), ''),"
                      " (SELECT count(*) FROM concern_event e WHERE e.concern_id = c.id"
                      "  AND e.kind = 'recommended')"
                      " FROM concern c ORDER BY c.received_on, c.id",
                      err);
    if (!st)
        return -1;
    int today = date_today(), rc = 0, step = SQLITE_DONE;
    struct concern_quarter q = {.quarter = -1};
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int quarter = date_quarter(store_column_date(st, 2));
        if (quarter != q.quarter) {
            if (q.quarter >= 0)
                fn(arg, &q);
            q = (struct concern_quarter){.quarter = quarter};
        }
        rc = count_case(s, st, today, &q, err);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = store_fail(s, err, "reading cases");
    sqlite3_finalize(st);
    if (rc == 0 && q.quarter >= 0)
        fn(arg, &q);
    return rc;
}

/* ---- the Office's assessment of itself as review body ------------------ */

static int by_number(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static double median(int *v, size_t n)
{
    if (n == 0)
        return -1;
    qsort(v, n, sizeof *v, by_number);
    size_t mid = n / 2; /* the middle one, or the second of the middle two */
    return n % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
}

struct assessing {
    struct review_assessment *a;
    const struct calendar *cal;
    int from, to, today;
    int *days;
    size_t ndays;
};

/* One review: columns ref, received_on, in_time, decided on, decision. */
static int assess_review(struct store *s, sqlite3_stmt *st, struct assessing *x, struct buf *err)
{
    int received = store_column_date(st, 1), decided = store_column_date(st, 3);
    if (received >= x->from && received <= x->to) {
        x->a->received++;
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            (*(sqlite3_column_int(st, 2) ? &x->a->in_time : &x->a->late))++;
    }
    if (decided == DATE_NONE || decided < x->from || decided > x->to)
        return 0;
    x->a->decided++;
    (*(strcmp(store_column_text(st, 4), "not-reasonable") == 0 ? &x->a->upheld
                                                               : &x->a->not_upheld))++;
    int within = concern_within_standard(s, "concern", store_column_text(st, 0), x->today, err);
    if (within < -1)
        return -1;
    x->a->within += within == 1;
    x->a->outside += within == 0;
    x->days = xrealloc(x->days, (x->ndays + 1) * sizeof *x->days);
    x->days[x->ndays++] = calendar_working_days_between(x->cal, received, decided);
    return 0;
}

int store_review_assessment(struct store *s, int quarter, struct review_assessment *out,
                            struct buf *err)
{
    return concern_review_assessment(s, quarter, 3, out, err);
}

int concern_review_assessment(struct store *s, int first, int months, struct review_assessment *out,
                              struct buf *err)
{
    *out = (struct review_assessment){.median_days = -1};
    struct holiday_list l;
    if (concern_calendar(s, &l, err) < 0)
        return -1;
    struct calendar cal = holiday_list_calendar(&l);
    struct assessing x = {out, &cal, 0, 0, date_today(), NULL, 0};
    date_months_span(first, months, &x.from, &x.to);
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    date_format(x.from, from);
    date_format(x.to, to);
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT c.ref, c.received_on, " CONCERN_IN_TIME ", e.on_date, coalesce(e.note, '')"
        " FROM concern c LEFT JOIN concern_event e ON e.concern_id = c.id AND e.kind = 'decided'"
        " WHERE c.kind = 'review' AND (c.received_on BETWEEN ?1 AND ?2"
        "  OR e.on_date BETWEEN ?1 AND ?2) ORDER BY c.id",
        err);
    int rc = st ? 0 : -1, step = SQLITE_DONE;
    if (st) {
        sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
        while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
            rc = assess_review(s, st, &x, err);
        if (rc == 0 && step != SQLITE_DONE)
            rc = store_fail(s, err, "reading reviews");
        sqlite3_finalize(st);
    }
    out->median_days = median(x.days, x.ndays);
    free(x.days);
    holiday_list_free(&l);
    return rc;
}
