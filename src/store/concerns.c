/*
 * concerns.c - the casework register: recording a case, its events and
 * categories, and reading them (see concerns.h).
 */
#include "store/concerns.h"
#include "model/bank_holidays.h"
#include "store/calendar.h"
#include "store/clocks_internal.h"
#include "store/concerns_internal.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const channels[] = {"web", "email", "letter", "phone", "in-person"};

static bool channel_ok(const char *c)
{
    for (size_t i = 0; c && i < sizeof channels / sizeof channels[0]; i++)
        if (strcmp(c, channels[i]) == 0)
            return true;
    return false;
}

void concern_bind_date(sqlite3_stmt *st, int col, int date)
{
    if (date == DATE_NONE) {
        sqlite3_bind_null(st, col);
        return;
    }
    char text[DATE_TEXT_SIZE];
    date_format(date, text);
    sqlite3_bind_text(st, col, text, -1, SQLITE_TRANSIENT);
}

int concern_calendar(struct store *s, struct holiday_list *l, struct buf *err)
{
    struct calendar_source src;
    holiday_list_init(l);
    return store_calendar_get(s, l, &src, err);
}

/* The personal fields' sizes: refused before anything is written. */
static const char *person_refused(const struct concern_person *p)
{
    const char *const fields[] = {p->name,    p->email,   p->phone,
                                  p->address, p->details, p->force_ref};
    const size_t max[] = {200, 254, 40, 500, CONCERN_TEXT_MAX, 60};
    const char *const names[] = {"the name is too long",
                                 "the email address is too long",
                                 "the telephone number is too long",
                                 "the address is too long",
                                 "the description is too long",
                                 "the force's reference is too long"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i] && strlen(fields[i]) > max[i])
            return names[i];
    return NULL;
}

/* The case's checks and its review window; NULL, or why it is refused. */
static const char *add_refused(const struct concern_new *c, const struct calendar *cal,
                               struct concern_made *out)
{
    const struct concern_route *r = concern_route(c->kind);
    if (!r)
        return "no such kind of case";
    if (!channel_ok(c->channel))
        return "the channel must be web, email, letter, phone or in-person";
    if (c->received == DATE_NONE)
        return "the date received is needed";
    const char *big = person_refused(&c->person);
    if (big)
        return big;
    if (c->kind != CONCERN_REVIEW && (c->outcome != DATE_NONE || c->m.sent != DATE_NONE))
        return "only a review has an outcome date or a spell with another body";
    if (c->kind != CONCERN_REVIEW || c->outcome == DATE_NONE)
        return c->m.sent == DATE_NONE ? NULL : "a spell with another body needs the outcome date";
    if (c->m_body && strlen(c->m_body) > CONCERN_BODY_MAX)
        return "the body it was sent to is too long (at most 120 bytes)";
    out->has_window = true;
    return concern_review_window(cal, c->outcome, c->received, &c->m, c->m.sent != DATE_NONE,
                                 &out->window);
}

/* The next reference of the year received, inside the transaction. */
static int next_ref(struct store *s, int received, char ref[CONCERN_REF_SIZE], struct buf *err)
{
    int y, m, d;
    date_to_ymd(received, &y, &m, &d);
    char like[16];
    snprintf(like, sizeof like, "C-%04d-%%", y);
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT coalesce(max(CAST(substr(ref, 8) AS INTEGER)), 0) + 1"
                                     " FROM concern WHERE ref LIKE ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, like, -1, SQLITE_STATIC);
    int serial = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (serial < 1 || serial > 99999) {
        buf_printf(err, "no reference is left for %d", y);
        return -1;
    }
    concern_ref_format(y, serial, ref);
    return 0;
}

static int insert_case(struct store *s, const struct concern_new *c, const struct concern_made *o,
                       const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO concern(ref, kind, channel, received_on, outcome_on, review_due, in_time,"
        " created_at, created_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, " STORE_NOW ", ?8)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, o->ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, concern_route(c->kind)->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->channel, -1, SQLITE_STATIC);
    concern_bind_date(st, 4, c->received);
    concern_bind_date(st, 5, c->outcome);
    concern_bind_date(st, 6, o->has_window ? o->window.due : DATE_NONE);
    if (o->has_window)
        sqlite3_bind_int(st, 7, o->window.in_time);
    sqlite3_bind_text(st, 8, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording a case");
    sqlite3_finalize(st);
    return rc;
}

static int start_clock(struct store *s, const char *prefix, const char *ref, const char *purpose,
                       struct clock_spec spec, const struct calendar *cal,
                       const struct audit_origin *by, int *due, struct buf *err)
{
    char subject[40];
    snprintf(subject, sizeof subject, "%s:%s", prefix, ref);
    struct clock_new cn = {subject, purpose, spec};
    int64_t id;
    *due = clock_due_simple(cal, spec.basis, spec.rule, spec.start, spec.days);
    return clock_start_in(s, &cn, by, &id, err);
}

static int record_case(struct store *s, const struct concern_new *c, const struct calendar *cal,
                       const struct audit_origin *by, struct concern_made *o, struct buf *err)
{
    int rc = next_ref(s, c->received, o->ref, err);
    if (rc == 0)
        rc = insert_case(s, c, o, by->actor, err);
    int64_t id = sqlite3_last_insert_rowid(s->db);
    if (rc == 0) {
        char received[DATE_TEXT_SIZE];
        date_format(c->received, received);
        json_t *j = json_pack("{sssssss?}", "kind", concern_route(c->kind)->name, "channel",
                              c->channel, "received_on", received, "in_time",
                              !o->has_window      ? NULL
                              : o->window.in_time ? json_true()
                                                  : json_false());
        rc = store_audit_fact(s, "concern.add", "concern", o->ref, j, by, err);
    }
    /* the spell given with the case is kept as every later one is */
    struct concern_spell_change spell = {c->m, c->m_body ? c->m_body : "another body", 0, NULL};
    if (rc == 0 && c->m.sent != DATE_NONE)
        rc = concern_spell_in(s, o->ref, id, &spell, &o->window, by, err);
    if (rc == 0)
        rc = start_clock(s, "concern-ack", o->ref, "Acknowledge the contact",
                         concern_ack_spec(c->received), cal, by, &o->ack_due, err);
    struct clock_spec answer;
    if (rc == 0 && concern_answer_spec(c->kind, c->received, &answer))
        rc = start_clock(s, "concern", o->ref,
                         c->kind == CONCERN_FOI ? "Answer the FOI request" : "Decide or reply",
                         answer, cal, by, &o->answer_due, err);
    return rc;
}

/* The personal fields into the vault, each with its index kind. */
static int seal_person(struct vault *v, const char *ref, const struct concern_person *p,
                       const struct audit_origin *by, struct buf *err)
{
    struct {
        const char *field, *value;
        enum vault_index index;
    } f[] = {
        {"name", p->name, VAULT_INDEX_TEXT},       {"email", p->email, VAULT_INDEX_EMAIL},
        {"phone", p->phone, VAULT_INDEX_PHONE},    {"address", p->address, VAULT_INDEX_NONE},
        {"details", p->details, VAULT_INDEX_NONE}, {"force_ref", p->force_ref, VAULT_INDEX_TEXT},
    };
    char subject[40];
    snprintf(subject, sizeof subject, "concern:%s", ref);
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (f[i].value && *f[i].value &&
            vault_put(v, subject, f[i].field, f[i].value, strlen(f[i].value), f[i].index, by, err) <
                0)
            return -1;
    return 0;
}

int store_concern_add(struct store *s, struct vault *v, const struct concern_new *c,
                      const struct audit_origin *by, struct concern_made *out, struct buf *err)
{
    *out = (struct concern_made){.ack_due = DATE_NONE, .answer_due = DATE_NONE};
    struct holiday_list l;
    if (concern_calendar(s, &l, err) < 0)
        return -1;
    struct calendar cal = holiday_list_calendar(&l);
    const char *why = add_refused(c, &cal, out);
    int rc = 0;
    if (why) {
        buf_printf(err, "the case is refused: %s", why);
        rc = -1;
    }
    if (rc == 0 && (rc = store_exec(s, "BEGIN IMMEDIATE", err)) == 0)
        rc = store_finish(s, record_case(s, c, &cal, by, out, err), err);
    holiday_list_free(&l);
    if (rc == 0 && seal_person(v, out->ref, &c->person, by, err) < 0) {
        struct buf why2 = BUF_INIT;
        buf_printf(&why2, "case %s was recorded but its personal details were not: %s", out->ref,
                   buf_str(err));
        buf_reset(err);
        buf_puts(err, buf_str(&why2));
        buf_free(&why2);
        rc = -1;
    }
    return rc;
}

/* ---- reading ----------------------------------------------------------- */

#define LAST_NOTE(k)                                                                               \
    "(SELECT note FROM concern_event e WHERE e.concern_id = c.id AND e.kind = '" k                 \
    "' ORDER BY e.id DESC LIMIT 1)"
#define CASE_SELECT                                                                                \
    "SELECT c.ref, c.kind, c.channel, coalesce((SELECT kind FROM concern_event e"                  \
    "  WHERE e.concern_id = c.id AND e.kind NOT IN ('categorised', 'destroyed')"                   \
    "  ORDER BY e.id DESC LIMIT 1), 'received'), " LAST_NOTE("assigned") ", " LAST_NOTE(           \
        "decided") ", c.received_on, c.outcome_on,"                                                \
                   " CASE WHEN w.id IS NULL THEN c.review_due ELSE w.review_due END,"              \
                   " (SELECT on_date FROM concern_event e WHERE e.concern_id = c.id"               \
                   "  AND e.kind = 'closed'), coalesce(w.in_time, c.in_time, -1),"                 \
                   " EXISTS(SELECT 1 FROM concern_event e WHERE e.concern_id = c.id"               \
                   "  AND e.kind = 'destroyed'),"                                                  \
                   " coalesce((SELECT group_concat(code, ' ') FROM (SELECT code FROM"              \
                   "  concern_category k WHERE k.concern_id = c.id ORDER BY code)), ''),"          \
                   " (SELECT count(*) FROM concern_event e WHERE e.concern_id = c.id),"            \
                   " coalesce(w.left_out, 0) FROM concern c"                                       \
                   " LEFT JOIN concern_misdirected w ON w.id = (SELECT max(id)"                    \
                   "  FROM concern_misdirected x WHERE x.concern_id = c.id)"

static void give_case(sqlite3_stmt *st, concern_fn fn, void *arg)
{
    struct concern_view v = {
        .ref = store_column_text(st, 0),
        .kind = store_column_text(st, 1),
        .channel = store_column_text(st, 2),
        .state = store_column_text(st, 3),
        .reviewer = (const char *)sqlite3_column_text(st, 4),
        .decision = (const char *)sqlite3_column_text(st, 5),
        .received = store_column_date(st, 6),
        .outcome = store_column_date(st, 7),
        .review_due = store_column_date(st, 8),
        .closed_on = store_column_date(st, 9),
        .in_time = sqlite3_column_int(st, 10),
        .destroyed = sqlite3_column_int(st, 11) != 0,
        .categories = store_column_text(st, 12),
        .events = sqlite3_column_int64(st, 13),
        .left_out = sqlite3_column_int(st, 14),
    };
    fn(arg, &v);
}

int store_concern_get(struct store *s, const char *ref, concern_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, CASE_SELECT " WHERE c.ref = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        give_case(st, fn, arg);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? 0
           : rc == SQLITE_DONE ? CONCERN_UNKNOWN
                               : store_fail(s, err, "reading a case");
}

int store_concerns_list(struct store *s, int limit, concern_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, CASE_SELECT " ORDER BY c.id DESC LIMIT ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, limit < 1 || limit > CONCERNS_LIST_MAX ? CONCERNS_LIST_MAX : limit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        give_case(st, fn, arg);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading cases");
}

int store_concern_events(struct store *s, const char *ref, concern_event_fn fn, void *arg,
                         struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT e.kind, e.note, e.at, e.actor, e.on_date"
                                     " FROM concern_event e JOIN concern c ON c.id = e.concern_id"
                                     " WHERE c.ref = ?1 ORDER BY e.id",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct concern_event_view e = {store_column_text(st, 0), store_column_text(st, 1),
                                       store_column_text(st, 2), store_column_text(st, 3),
                                       store_column_date(st, 4)};
        fn(arg, &e);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a case's events");
}

/* ---- events ------------------------------------------------------------ */

int case_row(struct store *s, const char *ref, struct case_row *r, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT id, kind, received_on, outcome_on,"
        " EXISTS(SELECT 1 FROM concern_event e WHERE e.concern_id = c.id AND kind = 'closed'),"
        " EXISTS(SELECT 1 FROM concern_event e WHERE e.concern_id = c.id AND kind = 'destroyed'),"
        " EXISTS(SELECT 1 FROM concern_event e WHERE e.concern_id = c.id AND kind = 'decided'),"
        " EXISTS(SELECT 1 FROM concern_event e WHERE e.concern_id = c.id"
        "  AND kind = 'acknowledged') FROM concern c WHERE ref = ?1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->id = sqlite3_column_int64(st, 0);
        snprintf(r->kind, sizeof r->kind, "%s", store_column_text(st, 1));
        r->received = store_column_date(st, 2);
        r->outcome = store_column_date(st, 3);
        r->closed = sqlite3_column_int(st, 4);
        r->destroyed = sqlite3_column_int(st, 5);
        r->decided = sqlite3_column_int(st, 6);
        r->acknowledged = sqlite3_column_int(st, 7);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? 0
           : rc == SQLITE_DONE ? CONCERN_UNKNOWN
                               : store_fail(s, err, "reading a case");
}

static bool blank(const char *s)
{
    return !s || s[strspn(s, " \t\r\n")] == '\0';
}

/* Why the event may not be recorded, or NULL. */
static const char *event_refused(const struct case_row *r, const char *kind, int on,
                                 const char *note)
{
    static const char *const noted[] = {"assigned", "conflict", "decided", "recommended",
                                        "responded"};
    static const char *const plain[] = {"acknowledged", "passed-on", "closed"};
    bool needs_note = false, known = false;
    for (size_t i = 0; i < sizeof noted / sizeof noted[0]; i++)
        needs_note |= strcmp(kind, noted[i]) == 0;
    known = needs_note;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        known |= strcmp(kind, plain[i]) == 0;
    if (!known)
        return "the event must be acknowledged, passed-on, assigned, conflict, decided, "
               "recommended, responded or closed";
    if (r->closed || r->destroyed)
        return "the case is closed";
    if (on == DATE_NONE || on < r->received)
        return "the date is before the case was received";
    if (needs_note && blank(note))
        return "this event needs a note (the reviewer, the conflict, the decision, the "
               "recommendation or the response)";
    if (note && strlen(note) > CONCERN_TEXT_MAX)
        return "the note is too long";
    if (strcmp(kind, "decided") == 0 && strcmp(r->kind, "review") != 0)
        return "only a review is decided";
    if (strcmp(kind, "decided") == 0 && strcmp(note, "reasonable") != 0 &&
        strcmp(note, "not-reasonable") != 0)
        return "a decision is reasonable or not-reasonable (and proportionate)";
    if (strcmp(kind, "decided") == 0 && r->decided)
        return "the review is decided already";
    if (strcmp(kind, "acknowledged") == 0 && r->acknowledged)
        return "the case is acknowledged already";
    return NULL;
}

static int insert_event(struct store *s, int64_t id, const char *kind, int on, const char *note,
                        const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO concern_event(concern_id, kind, on_date, note,"
                                     " at, actor) VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    concern_bind_date(st, 3, on);
    sqlite3_bind_text(st, 4, note ? note : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording an event");
    sqlite3_finalize(st);
    return rc;
}

/* The audit row's account of an event. A decision's note (reasonable or
 * not) and a category's code are words from a fixed list, kept; any other
 * note is free text, which may name the person and is blanked at the end of
 * retention (store_concern_retention), so the log, kept for ever, says only
 * how long it was: as with investigation notes. */
static json_t *event_fact(const char *kind, const char *date, const char *note)
{
    if (!note)
        note = "";
    if (strcmp(kind, "decided") == 0 || strcmp(kind, "categorised") == 0)
        return json_pack("{ssssss}", "event", kind, "on", date, "note", note);
    return json_pack("{sssssi}", "event", kind, "on", date, "note_bytes", (int)strlen(note));
}

/* The event, its audit row and the clocks it completes, in the caller's
 * transaction. */
static int event_in(struct store *s, const struct case_row *r, const char *ref, const char *kind,
                    int on, const char *note, const struct audit_origin *by, struct buf *err)
{
    int rc = insert_event(s, r->id, kind, on, note, by->actor, err);
    char date[DATE_TEXT_SIZE], subject[40];
    date_format(on, date);
    if (rc == 0)
        rc = store_audit_fact(s, "concern.event", "concern", ref, event_fact(kind, date, note), by,
                              err);
    bool ack = strcmp(kind, "acknowledged") == 0 || strcmp(kind, "passed-on") == 0 ||
               strcmp(kind, "closed") == 0;
    bool answer = strcmp(kind, "decided") == 0 || strcmp(kind, "closed") == 0;
    snprintf(subject, sizeof subject, "concern-ack:%s", ref);
    if (rc == 0 && ack)
        rc = clock_complete_subject_in(s, subject, on, by, err);
    snprintf(subject, sizeof subject, "concern:%s", ref);
    if (rc == 0 && answer)
        rc = clock_complete_subject_in(s, subject, on, by, err);
    return rc;
}

int store_concern_event(struct store *s, const char *ref, const char *kind, int on,
                        const char *note, const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct case_row r = {0};
    int rc = case_row(s, ref, &r, err);
    const char *why = rc == 0 ? event_refused(&r, kind, on, note) : NULL;
    if (why) {
        buf_printf(err, "%s: %s", ref, why);
        rc = CONCERN_REFUSED;
    }
    if (rc == 0)
        rc = event_in(s, &r, ref, kind, on, note, by, err);
    return store_finish(s, rc, err);
}

/* ---- allegation categories -------------------------------------------- */

int store_allegation_category_put(struct store *s, const char *code, const char *label,
                                  const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO allegation_category(code, label, added_at)"
                                     " VALUES(?1, ?2, " STORE_NOW ") ON CONFLICT(code) DO UPDATE"
                                     " SET label = ?2 WHERE label <> ?2",
                                     err);
    int rc = st ? 0 : -1;
    if (st) {
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, label, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            buf_printf(err, "allegation category \"%s\": %s", code, sqlite3_errmsg(s->db));
            rc = -1;
        }
    }
    bool changed = rc == 0 && sqlite3_changes(s->db) > 0;
    sqlite3_finalize(st);
    if (changed)
        rc = store_audit_fact(s, "allegation-category.put", "allegation-category", code,
                              json_pack("{ss}", "label", label), by, err);
    return store_finish(s, rc, err);
}

int store_allegation_categories(struct store *s, category_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT code, label FROM allegation_category ORDER BY code", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, store_column_text(st, 0), store_column_text(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading allegation categories");
}

static int category_known(struct store *s, const char *code, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT 1 FROM allegation_category WHERE code = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? CONCERN_REFUSED : -1;
}

int store_concern_categorise(struct store *s, const char *ref, const char *code,
                             const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct case_row r = {0};
    int rc = case_row(s, ref, &r, err);
    if (rc == 0 && (rc = category_known(s, code, err)) == CONCERN_REFUSED)
        buf_printf(err, "no allegation category \"%s\" is loaded", code);
    sqlite3_stmt *st = rc == 0 ? store_prepare(s,
                                               "INSERT OR IGNORE INTO concern_category(concern_id,"
                                               " code) VALUES(?1, ?2)",
                                               err)
                               : NULL;
    if (rc == 0 && !st)
        rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, r.id);
        sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "categorising a case");
        sqlite3_finalize(st);
        int on = date_today() > r.received ? date_today() : r.received;
        if (rc == 0 && sqlite3_changes(s->db) > 0)
            rc = event_in(s, &r, ref, "categorised", on, code, by, err);
    }
    return store_finish(s, rc, err);
}
