/*
 * clocks.c - clocks and their events, each change audited (see clocks.h).
 *
 * A clock's state is worked out from its rows on every read by
 * clock_compute (model/calendar.h) with the calendar in use: a clock holds
 * at most CLOCK_MAX_EVENTS events, so a read is bounded.
 */
#include "store/clocks.h"
#include "model/bank_holidays.h"
#include "store/calendar.h"
#include "store/clocks_internal.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A clock as stored: its row and its events after the start. */
struct clock_row {
    int64_t id;
    char *subject, *purpose, *created_at, *created_by;
    struct clock_spec spec;
    struct clock_event ev[CLOCK_MAX_EVENTS];
    size_t n;
};

static void row_free(struct clock_row *r)
{
    free(r->subject);
    free(r->purpose);
    free(r->created_at);
    free(r->created_by);
}

static char *column(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return xstrdup(t ? (const char *)t : "");
}

/* A stored date, or DATE_NONE after saying which clock holds a bad one. */
static int stored_date(sqlite3_stmt *st, int i, int64_t id, struct buf *err)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    int d = DATE_NONE;
    if (!t || !date_parse(t, strlen(t), &d))
        buf_printf(err, "clock %lld: '%s' is not a date", (long long)id, t ? t : "");
    return d;
}

/* The clock's own row into r: 0, CLOCK_UNKNOWN or -1. */
static int read_head(struct store *s, int64_t id, struct clock_row *r, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT subject, purpose, basis, days, start_date, start_rule,"
                                     " created_at, created_by FROM clock WHERE id = ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *r = (struct clock_row){.id = id};
    if (rc == SQLITE_ROW) {
        r->subject = column(st, 0), r->purpose = column(st, 1);
        r->created_at = column(st, 6), r->created_by = column(st, 7);
        bool ok = clock_basis_parse((const char *)sqlite3_column_text(st, 2), &r->spec.basis) &&
                  clock_rule_parse((const char *)sqlite3_column_text(st, 5), &r->spec.rule);
        r->spec.days = sqlite3_column_int(st, 3);
        r->spec.start = stored_date(st, 4, id, err);
        rc = ok && r->spec.start != DATE_NONE && r->spec.days >= 1 && r->spec.days <= CLOCK_MAX_DAYS
                 ? 0
                 : -1;
        if (rc < 0 && !ok)
            buf_printf(err, "clock %lld: its basis or rule is not one peel knows", (long long)id);
    } else {
        rc = rc == SQLITE_DONE ? CLOCK_UNKNOWN : store_fail(s, err, "reading a clock");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The clock's events after its start into r; 0 or -1. */
static int read_events(struct store *s, struct clock_row *r, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT kind, effective, days FROM clock_event"
                                     " WHERE clock_id = ?1 AND kind <> 'start' ORDER BY id"
                                     " LIMIT ?2",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int(st, 2, CLOCK_MAX_EVENTS);
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct clock_event *e = &r->ev[r->n++];
        bad = !clock_event_kind_parse((const char *)sqlite3_column_text(st, 0), &e->kind);
        e->on = stored_date(st, 1, r->id, err);
        e->days = sqlite3_column_int(st, 2);
        bad = bad || e->on == DATE_NONE;
    }
    sqlite3_finalize(st);
    if (bad)
        return -1;
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a clock's events");
}

static int read_clock(struct store *s, int64_t id, struct clock_row *r, struct buf *err)
{
    int rc = read_head(s, id, r, err);
    if (rc == 0)
        rc = read_events(s, r, err);
    if (rc != 0)
        row_free(r);
    return rc;
}

static json_t *date_json(int date)
{
    char text[DATE_TEXT_SIZE];
    if (date == DATE_NONE)
        return json_null();
    date_format(date, text);
    return json_string(text);
}

/* The clock as the audit log keeps it (nothing that depends on the day it
 * is read), with the event e when it is a change. */
static char *clock_json(const struct clock_row *r, const struct calendar *c,
                        const struct clock_event *e, const char *reason)
{
    struct clock_status st;
    clock_compute(c, &r->spec, r->ev, r->n, r->spec.start, &st);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(r->id));
    json_object_set_new(j, "subject", json_string(r->subject));
    json_object_set_new(j, "purpose", json_string(r->purpose));
    json_object_set_new(j, "basis", json_string(clock_basis_name(r->spec.basis)));
    json_object_set_new(j, "days", json_integer(r->spec.days));
    json_object_set_new(j, "start", date_json(r->spec.start));
    json_object_set_new(j, "start_rule", json_string(clock_rule_name(r->spec.rule)));
    json_object_set_new(j, "state", json_string(clock_state_name(st.state)));
    json_object_set_new(j, "due", date_json(st.due));
    json_object_set_new(j, "total_days", json_integer(st.total_days));
    if (e) {
        json_t *ev = json_object();
        json_object_set_new(ev, "kind", json_string(clock_event_kind_name(e->kind)));
        json_object_set_new(ev, "on", date_json(e->on));
        json_object_set_new(ev, "days",
                            e->kind == CLOCK_EXTEND ? json_integer(e->days) : json_null());
        json_object_set_new(ev, "reason", reason ? json_string(reason) : json_null());
        json_object_set_new(j, "event", ev);
    }
    char *out = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    return out;
}

/* One clock_event row. */
static int insert_event(struct store *s, int64_t id, const char *kind, int on, int days,
                        const char *reason, const char *actor, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO clock_event(clock_id, kind, effective, days,"
                      " reason, at, actor) VALUES(?1, ?2, ?3, ?4, ?5, " STORE_NOW ", ?6)",
                      err);
    if (!st)
        return -1;
    char date[DATE_TEXT_SIZE];
    date_format(on, date);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
    if (days > 0)
        sqlite3_bind_int(st, 4, days);
    if (reason)
        sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "storing a clock's event");
}

static int audit(struct store *s, const char *action, int64_t id, const char *before,
                 const char *after, const struct audit_origin *by, struct buf *err)
{
    char object[32];
    snprintf(object, sizeof object, "clock:%lld", (long long)id);
    struct audit_entry a = {
        .by = *by, .action = action, .object = object, .before = before, .after = after};
    return store_audit_append(s, &a, err);
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* Inside the transaction: event e on clock id, refused or made. */
static int change_in(struct store *s, int64_t id, const struct clock_event *e, const char *reason,
                     const struct audit_origin *by, struct buf *err)
{
    struct clock_row *r = xmalloc(sizeof *r); /* 3 KB of events: not on the stack */
    int rc = read_clock(s, id, r, err);
    if (rc != 0) {
        free(r);
        return rc;
    }
    rc = clock_event_refused(&r->spec, r->ev, r->n, e);
    struct holiday_list l;
    struct calendar_source src;
    holiday_list_init(&l);
    if (rc == 0)
        rc = store_calendar_get(s, &l, &src, err);
    if (rc == 0) {
        struct calendar c = holiday_list_calendar(&l);
        char *before = clock_json(r, &c, NULL, NULL);
        const char *kind = clock_event_kind_name(e->kind);
        rc = insert_event(s, id, kind, e->on, e->days, reason, by->actor, err);
        r->ev[r->n++] = *e;
        char *after = clock_json(r, &c, e, reason), action[32];
        snprintf(action, sizeof action, "clock.%s", kind);
        if (rc == 0)
            rc = audit(s, action, id, before, after, by, err);
        free(before);
        free(after);
    }
    holiday_list_free(&l);
    row_free(r);
    free(r);
    return rc;
}

/* One event, in its own transaction with its audit row. */
static int change(struct store *s, int64_t id, const struct clock_event *e, const char *reason,
                  const struct audit_origin *by, struct buf *err)
{
    if ((e->kind == CLOCK_STOP || e->kind == CLOCK_EXTEND) && blank(reason))
        return CLOCK_NO_REASON;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, change_in(s, id, e, reason, by, err), err);
}

int store_clock_stop(struct store *s, int64_t id, int on, const char *reason,
                     const struct audit_origin *by, struct buf *err)
{
    struct clock_event e = {CLOCK_STOP, on, 0};
    return change(s, id, &e, reason, by, err);
}

int store_clock_resume(struct store *s, int64_t id, int on, const struct audit_origin *by,
                       struct buf *err)
{
    struct clock_event e = {CLOCK_RESUME, on, 0};
    return change(s, id, &e, NULL, by, err);
}

int store_clock_extend(struct store *s, int64_t id, int on, int days, const char *reason,
                       const struct audit_origin *by, struct buf *err)
{
    struct clock_event e = {CLOCK_EXTEND, on, days};
    return change(s, id, &e, reason, by, err);
}

int store_clock_complete(struct store *s, int64_t id, int on, const struct audit_origin *by,
                         struct buf *err)
{
    struct clock_event e = {CLOCK_COMPLETE, on, 0};
    return change(s, id, &e, NULL, by, err);
}

/* Inside the transaction: the clock row, its start event, the audit row. */
static int start_in(struct store *s, const struct clock_new *c, const struct audit_origin *by,
                    int64_t *id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO clock(subject, purpose, basis, days, start_date,"
                                     " start_rule, created_at, created_by)"
                                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, " STORE_NOW ", ?7)",
                                     err);
    if (!st)
        return -1;
    char start[DATE_TEXT_SIZE];
    date_format(c->spec.start, start);
    sqlite3_bind_text(st, 1, c->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->purpose, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, clock_basis_name(c->spec.basis), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, c->spec.days);
    sqlite3_bind_text(st, 5, start, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, clock_rule_name(c->spec.rule), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing a clock");
    sqlite3_finalize(st);
    *id = rc == 0 ? sqlite3_last_insert_rowid(s->db) : 0;
    if (rc == 0)
        rc = insert_event(s, *id, "start", c->spec.start, 0, NULL, by->actor, err);
    struct holiday_list l;
    struct calendar_source src;
    holiday_list_init(&l);
    if (rc == 0)
        rc = store_calendar_get(s, &l, &src, err);
    if (rc == 0) {
        struct clock_row r = {.id = *id,
                              .subject = (char *)c->subject,
                              .purpose = (char *)c->purpose,
                              .spec = c->spec};
        struct calendar cal = holiday_list_calendar(&l);
        char *after = clock_json(&r, &cal, NULL, NULL);
        rc = audit(s, "clock.start", *id, NULL, after, by, err);
        free(after);
    }
    holiday_list_free(&l);
    return rc;
}

/* NULL when c is a clock that may be started, else why not. */
static const char *start_refused(const struct clock_new *c)
{
    return !clock_subject_ok(c->subject) ? "the subject is not KIND:KEY"
           : blank(c->purpose) || strlen(c->purpose) > 500
               ? "what it is for is blank, or longer than 500 bytes"
           : c->spec.days < 1 || c->spec.days > CLOCK_MAX_DAYS ? "days are not 1 to 3660"
           : c->spec.start < DATE_MIN || c->spec.start > DATE_MAX
               ? "the start date is not of 1900 to 2999"
               : NULL;
}

int clock_start_in(struct store *s, const struct clock_new *c, const struct audit_origin *by,
                   int64_t *id, struct buf *err)
{
    const char *why = start_refused(c);
    if (why) {
        buf_printf(err, "a clock for '%s': %s", c->subject, why);
        return -1;
    }
    return start_in(s, c, by, id, err);
}

int store_clock_start(struct store *s, const struct clock_new *c, const struct audit_origin *by,
                      int64_t *id, struct buf *err)
{
    const char *why = start_refused(c);
    if (why) {
        buf_printf(err, "a clock for '%s': %s", c->subject, why);
        return -1;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, start_in(s, c, by, id, err), err);
}

int clock_complete_subject_in(struct store *s, const char *subject, int on,
                              const struct audit_origin *by, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT id FROM clock c WHERE subject = ?1 AND NOT EXISTS("
                                     " SELECT 1 FROM clock_event e WHERE e.clock_id = c.id"
                                     "  AND e.kind = 'complete') ORDER BY id",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    int64_t ids[8];
    size_t n = 0;
    while (n < sizeof ids / sizeof ids[0] && sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    struct clock_event e = {CLOCK_COMPLETE, on, 0};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = change_in(s, ids[i], &e, NULL, by, err);
    /* a completion the clock refuses (e.g. one dated before its start) is
     * not this change's failure: the clock stays open on the list */
    return rc > 0 ? 0 : rc;
}

/* ---- reading ----------------------------------------------------------- */

static void give(const struct clock_row *r, const struct calendar *c, int today, clock_fn fn,
                 void *arg)
{
    struct clock_view v = {r->id,         r->subject,      r->purpose,    r->created_at,
                           r->created_by, .spec = r->spec, .events = r->n};
    clock_compute(c, &r->spec, r->ev, r->n, today, &v.status);
    fn(arg, &v);
}

/* The clock id as of today with calendar c, to fn: 0, CLOCK_UNKNOWN or -1. */
static int get_with(struct store *s, const struct calendar *c, int64_t id, int today, clock_fn fn,
                    void *arg, struct buf *err)
{
    struct clock_row *r = xmalloc(sizeof *r);
    int rc = read_clock(s, id, r, err);
    if (rc == 0) {
        give(r, c, today, fn, arg);
        row_free(r);
    }
    free(r);
    return rc;
}

int store_clock_get(struct store *s, int64_t id, int today, clock_fn fn, void *arg, struct buf *err)
{
    struct holiday_list l;
    struct calendar_source src;
    holiday_list_init(&l);
    int rc = store_calendar_get(s, &l, &src, err);
    if (rc == 0) {
        struct calendar c = holiday_list_calendar(&l);
        rc = get_with(s, &c, id, today, fn, arg, err);
    }
    holiday_list_free(&l);
    return rc;
}

/* A clock a list picked: its due date (stopped short of one: after every
 * date) and id. */
struct picked {
    int key;
    int64_t id;
};

/* The clocks a list picks so far: at most f->limit, by due date. */
struct pick {
    const struct clock_filter *f;
    struct picked *at;
    size_t n, matched;
};

static void consider(void *arg, const struct clock_view *v)
{
    struct pick *p = arg;
    const struct clock_status *st = &v->status;
    if (p->f->overdue_only && !st->overdue)
        return;
    if (p->f->due_by != DATE_NONE && (st->due == DATE_NONE || st->due > p->f->due_by))
        return;
    p->matched++;
    int key = st->due == DATE_NONE ? DATE_MAX + 30 * CLOCK_MAX_DAYS : st->due;
    size_t slot = p->n;
    if (p->n == p->f->limit) { /* full: replace the latest, if this is earlier */
        slot = 0;
        for (size_t i = 1; i < p->n; i++)
            if (p->at[i].key > p->at[slot].key ||
                (p->at[i].key == p->at[slot].key && p->at[i].id > p->at[slot].id))
                slot = i;
        if (p->at[slot].key < key || (p->at[slot].key == key && p->at[slot].id < v->id))
            return;
    } else {
        p->n++;
    }
    p->at[slot].key = key;
    p->at[slot].id = v->id;
}

static int by_key(const void *a, const void *b)
{
    const struct picked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Every clock not completed, by id, to consider. */
static int scan_open(struct store *s, const struct calendar *c, struct pick *p, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT id FROM clock c WHERE NOT EXISTS(SELECT 1 FROM clock_event e"
                      " WHERE e.clock_id = c.id AND e.kind = 'complete') ORDER BY id",
                      err);
    if (!st)
        return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = get_with(s, c, sqlite3_column_int64(st, 0), p->f->today, consider, p, err);
    sqlite3_finalize(st);
    if (rc != 0)
        return -1;
    return step == SQLITE_DONE ? 0 : store_fail(s, err, "reading the clocks");
}

int store_clocks_list(struct store *s, const struct clock_filter *f, clock_fn fn, void *arg,
                      size_t *matched, struct buf *err)
{
    assert(f->limit >= 1 && f->limit <= CLOCKS_LIST_MAX);
    struct pick p = {.f = f};
    p.at = xcalloc(f->limit, sizeof p.at[0]);
    struct holiday_list l;
    struct calendar_source src;
    holiday_list_init(&l);
    /* one snapshot: the scan and the reads after it see the same rows */
    int rc = store_exec(s, "BEGIN", err);
    if (rc == 0)
        rc = store_calendar_get(s, &l, &src, err);
    struct calendar c = holiday_list_calendar(&l);
    if (rc == 0)
        rc = scan_open(s, &c, &p, err);
    if (rc == 0)
        qsort(p.at, p.n, sizeof p.at[0], by_key);
    for (size_t i = 0; rc == 0 && i < p.n; i++)
        rc = get_with(s, &c, p.at[i].id, f->today, fn, arg, err);
    *matched = p.matched;
    struct buf ignored = BUF_INIT;
    store_exec(s, "COMMIT", rc == 0 ? err : &ignored);
    buf_free(&ignored);
    holiday_list_free(&l);
    free(p.at);
    return rc == 0 ? 0 : -1;
}

int clock_end_date_in(struct store *s, const char *subject, const char *purpose,
                      const char *start_on, const char *end_on, int today,
                      const struct audit_origin *by, int64_t *id, struct buf *err)
{
    int start, end;
    *id = 0;
    if (clock_complete_subject_in(s, subject, today, by, err) < 0)
        return -1;
    if (!end_on || !*end_on || !date_parse(end_on, 10, &end) || end < today)
        return 0;
    if (!start_on || !date_parse(start_on, 10, &start) || end - start > CLOCK_MAX_DAYS)
        start = end - CLOCK_MAX_DAYS;
    if (end <= start) /* a term of one day, or one ending before it starts */
        start = end - 1;
    struct clock_new c = {
        subject, purpose, {CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, start, end - start}};
    return clock_start_in(s, &c, by, id, err) == 0 ? 0 : -1;
}
