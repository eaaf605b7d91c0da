/*
 * decisions.c - changes to the decision register, each one transaction
 * with its audit row (see decisions.h; the reads are in decision_read.c).
 *
 * Every change runs through change(): it opens the transaction, finds the
 * decision and the acting account's role, lets one step function check
 * and write, then writes the audit row with the decision before and after.
 * A step that refuses returns a DECISION_* status and the transaction is
 * rolled back, so a refusal leaves no trace, not even in the audit log.
 */
#include "store/decisions.h"
#include "model/calendar.h"
#include "store/clocks_internal.h"
#include "store/decision_internal.h"
#include "store/store_internal.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const decision_text_fields[] = {
    "title",  "summary",     "background", "decision", "reasons",  "alternatives", "conflicts",
    "amount", "budget_line", "financial",  "legal",    "equality", "lead_officer", NULL};

const char *decision_status_text(enum decision_status st)
{
    switch (st) {
    case DECISION_OK:
        return "done";
    case DECISION_UNKNOWN_REF:
        return "no decision has this reference";
    case DECISION_BAD_MOVE:
        return "not allowed from the decision's state";
    case DECISION_COMMISSIONER_ONLY:
        return "only the commissioner may take this decision (the law does not let it be "
               "delegated)";
    case DECISION_WRONG_ROLE:
        return "the account's role may not do this";
    case DECISION_FROZEN:
        return "the decision is decided: it is changed only by a correction";
    case DECISION_REF_TAKEN:
        return "the reference is in use";
    case DECISION_NO_ACCOUNT:
        return "no enabled account has this username";
    case DECISION_BAD_INPUT:
        return "bad input";
    }
    return "unknown status";
}

/* The decision being changed, as found at the start of the transaction. */
struct current {
    int64_t id;
    enum decision_state state;
    enum decision_type type;
    char ref[DECISION_REF_MAX + 1];
    char role[64]; /* the acting account's */
    const char *actor;
    const struct audit_origin *by; /* the change's origin, for the clocks' audit rows */
};

/* Binds a text's 13 fields from parameter `first` on, in TEXT_COLUMNS order. */
void decision_bind_text(sqlite3_stmt *st, int first, const struct decision_text *t)
{
    const char *v[] = {t->title,        t->summary,   t->background,  t->decision,    t->reasons,
                       t->alternatives, t->conflicts, NULL,           t->budget_line, t->financial,
                       t->legal,        t->equality,  t->lead_officer};
    for (int i = 0; i < 13; i++) {
        if (i == 7 && t->amount_pence >= 0)
            sqlite3_bind_int64(st, first + i, t->amount_pence);
        else if (v[i] && *v[i])
            sqlite3_bind_text(st, first + i, v[i], -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, first + i);
    }
}

/* The decision and its state (its last event's); DECISION_UNKNOWN_REF. */
static int find(struct store *s, const char *ref, struct current *c, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT d.id, d.type, d.ref, (SELECT to_state FROM"
                                     " decision_event e WHERE e.decision_id = d.id ORDER BY e.id"
                                     " DESC LIMIT 1) FROM decision d WHERE d.ref = ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->id = sqlite3_column_int64(st, 0);
        bool ok = decision_type_parse((const char *)sqlite3_column_text(st, 1), &c->type) &&
                  decision_state_parse((const char *)sqlite3_column_text(st, 3), &c->state);
        snprintf(c->ref, sizeof c->ref, "%s", (const char *)sqlite3_column_text(st, 2));
        sqlite3_finalize(st);
        if (!ok)
            buf_printf(err, "decision %s: its stored type or state is not one peel knows", ref);
        return ok ? DECISION_OK : -1;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? DECISION_UNKNOWN_REF : store_fail(s, err, "reading a decision");
}

/* The role of an enabled account; DECISION_NO_ACCOUNT when there is none. */
int decision_actor_role(struct store *s, const char *username, char role[64], struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT role FROM account WHERE username = ?1 AND disabled_at IS NULL", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, username ? username : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(role, 64, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return DECISION_OK;
    return rc == SQLITE_DONE ? DECISION_NO_ACCOUNT : store_fail(s, err, "reading an account");
}

/* Runs sql with ?1 the decision's id and the texts given from ?2 on. */
int decision_run(struct store *s, const char *sql, int64_t id, const char *const *texts, int n,
                 struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(st, i + 2, texts[i], -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "changing a decision");
}

/* Records a move between states (from NULL for a new decision). */
int decision_event(struct store *s, int64_t id, const char *from, enum decision_state to,
                   const char *actor, const char *why, struct buf *err)
{
    const char *texts[] = {from, decision_state_word(to), actor, why};
    return decision_run(s,
                        "INSERT INTO decision_event(decision_id, from_state, to_state, version_id,"
                        " at, by_user, why) VALUES(?1, ?2, ?3, (SELECT max(id) FROM"
                        " decision_version WHERE decision_id = ?1), " STORE_NOW ", ?4, ?5)",
                        id, texts, 4, err);
}

static int move(struct store *s, struct current *c, enum decision_state to, const char *why,
                struct buf *err)
{
    if (!decision_transition_allowed(c->state, to))
        return DECISION_BAD_MOVE;
    int rc = decision_event(s, c->id, decision_state_word(c->state), to, c->actor, why, err);
    if (rc == 0)
        c->state = to;
    return rc;
}

/* Keeps the search index equal to the public fields of the current version
 * of a published or rescinded decision that is not exempt as a whole. */
int decision_fts_sync(struct store *s, int64_t id, struct buf *err)
{
    int rc = decision_run(s,
                          "DELETE FROM decision_fts WHERE rowid IN"
                          " (SELECT id FROM decision_version WHERE decision_id = ?1)",
                          id, NULL, 0, err);
    if (rc == 0)
        rc = decision_run(
            s,
            "INSERT INTO decision_fts(rowid, title, summary, decision, reasons, subject)"
            " SELECT v.id, v.title, v.summary, v.decision, v.reasons, d.subject"
            " FROM decision d JOIN decision_version v ON v.decision_id = d.id"
            " WHERE d.id = ?1 AND v.version = (SELECT max(version) FROM decision_version"
            "   WHERE decision_id = d.id)"
            "  AND (SELECT to_state FROM decision_event WHERE decision_id = d.id ORDER BY id DESC"
            "   LIMIT 1) IN ('published', 'rescinded')"
            "  AND NOT EXISTS(SELECT 1 FROM decision_exempt_held WHERE decision_id = d.id"
            "   AND field = '*')",
            id, NULL, 0, err);
    return rc;
}

/* The decision as the audit log keeps it: identity, state, and the text of
 * its draft or current version; never an exempt part's text. */
int decision_json(struct store *s, int64_t id, char **out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT json_object('ref', d.ref, 'type', d.type, 'subject', d.subject,"
        " 'planned_for', d.planned_for,"
        " 'state', (SELECT to_state FROM decision_event WHERE decision_id = d.id"
        "   ORDER BY id DESC LIMIT 1),"
        " 'version', v.version, 'decided_on', v.decided_on, 'decided_by', v.decided_by,"
        " 'reason', v.reason,"
        " 'title', coalesce(v.title, r.title), 'decision', coalesce(v.decision, r.decision),"
        " 'amount_pence', coalesce(v.amount_pence, r.amount_pence),"
        " 'signoffs', (SELECT group_concat(kind) FROM decision_signoff WHERE decision_id = d.id),"
        " 'exempt_fields', (SELECT group_concat(field || ' ' || ground) FROM decision_exempt_held"
        "   WHERE decision_id = d.id),"
        " 'released_fields', (SELECT group_concat(x.field) FROM decision_exempt x"
        "   WHERE x.decision_id = d.id AND x.id NOT IN (SELECT id FROM decision_exempt_held)))"
        " FROM decision d LEFT JOIN decision_draft r ON r.decision_id = d.id"
        " LEFT JOIN decision_version v ON v.decision_id = d.id AND v.version ="
        "  (SELECT max(version) FROM decision_version WHERE decision_id = d.id)"
        " WHERE d.id = ?1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *out = NULL;
    if (rc == SQLITE_ROW) {
        /* sorted keys, compact, as every audit row */
        json_t *j = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
        if (j)
            *out = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(j);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return store_fail(s, err, "reading a decision for the audit log");
    return *out ? 0 : (buf_printf(err, "a decision's JSON did not parse"), -1);
}

int decision_audit(struct store *s, const char *action, const char *ref, const char *before,
                   const char *after, const struct audit_origin *by, struct buf *err)
{
    char object[DECISION_REF_MAX + 16];
    snprintf(object, sizeof object, "decision:%s", ref);
    struct audit_entry e = {
        .by = *by, .action = action, .object = object, .before = before, .after = after};
    return store_audit_append(s, &e, err);
}

/* Checks and writes one change to c's decision: 0, a DECISION_* status, or
 * -1 with err. */
typedef int (*step_fn)(struct store *s, struct current *c, const void *arg, struct buf *err);

static int change(struct store *s, const char *ref, const char *action, step_fn step,
                  const void *arg, const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct current c = {.actor = by->actor, .by = by};
    char *before = NULL, *after = NULL;
    int rc = find(s, ref, &c, err);
    if (rc == 0)
        rc = decision_actor_role(s, by->actor, c.role, err);
    if (rc == 0)
        rc = decision_json(s, c.id, &before, err);
    if (rc == 0)
        rc = step(s, &c, arg, err);
    if (rc == 0)
        rc = decision_fts_sync(s, c.id, err);
    if (rc == 0)
        rc = decision_json(s, c.id, &after, err);
    if (rc == 0)
        rc = decision_audit(s, action, c.ref, before, after, by, err);
    free(before);
    free(after);
    return store_finish(s, rc, err);
}

/* A date written YYYY-MM-DD, or NULL/empty when allowed. */
bool decision_date_ok(const char *d)
{
    int date, y, m, dd;
    if (!d || !date_parse(d, strlen(d), &date))
        return false;
    date_to_ymd(date, &y, &m, &dd);
    return y >= 1990 && y <= 2100;
}

/* What a text lacks before it can be decided, into err; DECISION_BAD_INPUT. */
int decision_text_check(const struct decision_text *t, bool to_decide, struct buf *err)
{
    if (!t->title || !*t->title) {
        buf_printf(err, "title: a decision needs a title");
        return DECISION_BAD_INPUT;
    }
    if (to_decide && (!t->decision || !*t->decision)) {
        buf_printf(err, "decision: the text of the decision is empty");
        return DECISION_BAD_INPUT;
    }
    return 0;
}

static int write_draft(struct store *s, int64_t id, const struct decision_text *t,
                       const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO decision_draft(decision_id, " DECISION_TEXT_COLUMNS ", updated_at,"
        " updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, " STORE_NOW ", ?15) ON CONFLICT(decision_id) DO UPDATE SET title = ?2, summary = ?3,"
        " background = ?4, decision = ?5, reasons = ?6, alternatives = ?7, conflicts = ?8,"
        " amount_pence = ?9, budget_line = ?10, financial = ?11, legal = ?12, equality = ?13,"
        " lead_officer = ?14, updated_at = " STORE_NOW ", updated_by = ?15",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    decision_bind_text(st, 2, t);
    sqlite3_bind_text(st, 15, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "writing a draft");
}

/* Inserts the decision row; DECISION_REF_TAKEN or DECISION_BAD_INPUT. */
int decision_insert(struct store *s, const struct decision_new *d, const char *actor, int64_t *id,
                    struct buf *err)
{
    if (!decision_ref_ok(d->ref) || !d->subject || !*d->subject ||
        (d->planned_for && !decision_date_ok(d->planned_for)) || !decision_type_word(d->type)) {
        buf_printf(err, "%s",
                   !decision_ref_ok(d->ref) ? "ref: not a reference (letters, digits, '/', '-')"
                   : !d->subject || !*d->subject  ? "subject: empty"
                   : !decision_type_word(d->type) ? "type: unknown"
                                                  : "planned_for: not a date YYYY-MM-DD");
        return DECISION_BAD_INPUT;
    }
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO decision(ref, type, subject, planned_for, created_at, created_by)"
        " VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5) ON CONFLICT(ref) DO NOTHING",
        err);
    if (!st)
        return -1;
    const char *v[] = {d->ref, decision_type_word(d->type), d->subject, d->planned_for, actor};
    for (int i = 0; i < 5; i++)
        sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "adding a decision");
    if (sqlite3_changes(s->db) == 0)
        return DECISION_REF_TAKEN;
    *id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int store_decision_add(struct store *s, const struct decision_new *d,
                       const struct decision_text *text, const struct audit_origin *by,
                       struct buf *err)
{
    if (!text && !d->planned_for) {
        buf_printf(err, "planned_for: a forward-planned decision needs its meeting date");
        return DECISION_BAD_INPUT;
    }
    int rc = text ? decision_text_check(text, false, err) : 0;
    if (rc)
        return rc;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    char role[64];
    int64_t id = 0;
    char *after = NULL;
    rc = decision_actor_role(s, by->actor, role, err);
    if (rc == 0 && !decision_role_may_draft(role))
        rc = DECISION_WRONG_ROLE;
    if (rc == 0)
        rc = decision_insert(s, d, by->actor, &id, err);
    if (rc == 0 && text)
        rc = write_draft(s, id, text, by->actor, err);
    if (rc == 0)
        rc = decision_event(s, id, NULL, text ? DECISION_DRAFT : DECISION_FORWARD_PLANNED,
                            by->actor, NULL, err);
    if (rc == 0)
        rc = decision_json(s, id, &after, err);
    if (rc == 0)
        rc = decision_audit(s, text ? "decision.draft" : "decision.forward-plan", d->ref, NULL,
                            after, by, err);
    free(after);
    return store_finish(s, rc, err);
}

static int step_draft(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    if (!decision_role_may_draft(c->role))
        return DECISION_WRONG_ROLE;
    if (c->state >= DECISION_DECIDED)
        return DECISION_FROZEN;
    if (c->state != DECISION_FORWARD_PLANNED && c->state != DECISION_DRAFT)
        return DECISION_BAD_MOVE;
    int rc = decision_text_check(arg, false, err);
    if (rc == 0)
        rc = write_draft(s, c->id, arg, c->actor, err);
    if (rc == 0 && c->state == DECISION_FORWARD_PLANNED)
        rc = move(s, c, DECISION_DRAFT, NULL, err);
    return rc;
}

int store_decision_draft(struct store *s, const char *ref, const struct decision_text *text,
                         const struct audit_origin *by, struct buf *err)
{
    return change(s, ref, "decision.draft", step_draft, text, by, err);
}

struct signoff_arg {
    enum decision_signoff_kind kind;
    const char *note;
};

static int step_signoff(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    const struct signoff_arg *a = arg;
    if (!decision_role_may_sign_off(c->role, a->kind))
        return DECISION_WRONG_ROLE;
    if (c->state != DECISION_DRAFT)
        return c->state >= DECISION_DECIDED ? DECISION_FROZEN : DECISION_BAD_MOVE;
    const char *texts[] = {decision_signoff_word(a->kind), c->actor, c->role, a->note};
    int rc = decision_run(s,
                          "INSERT INTO decision_signoff(decision_id, kind, signed_by, role,"
                          " signed_at, note) VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5)",
                          c->id, texts, 4, err);
    if (rc)
        return rc;
    /* both kinds signed: advised */
    sqlite3_stmt *st = store_prepare(
        s, "SELECT count(DISTINCT kind) FROM decision_signoff WHERE decision_id = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    int kinds = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (kinds < 0)
        return store_fail(s, err, "counting sign-offs");
    return kinds == SIGNOFF_KINDS ? move(s, c, DECISION_ADVISED, NULL, err) : 0;
}

int store_decision_signoff(struct store *s, const char *ref, enum decision_signoff_kind kind,
                           const char *note, const struct audit_origin *by, struct buf *err)
{
    struct signoff_arg a = {kind, note};
    return change(s, ref, "decision.signoff", step_signoff, &a, by, err);
}

/* Whether c's account may take (or rescind) c's decision. */
static int may_decide(const struct current *c)
{
    if (decision_role_may_decide(c->role, c->type))
        return 0;
    return decision_needs_commissioner(c->type) ? DECISION_COMMISSIONER_ONLY : DECISION_WRONG_ROLE;
}

/* The clock "decision:REF": DECISION_PUBLISH_WORKING_DAYS working days from
 * the day after the decision to publish it or withhold it. Publishing or
 * withholding completes it (end_publication_clock). */
static int start_publication_clock(struct store *s, const struct current *c, const char *on,
                                   struct buf *err)
{
    char subject[DECISION_REF_MAX + 16], purpose[128];
    snprintf(subject, sizeof subject, "decision:%s", c->ref);
    snprintf(purpose, sizeof purpose,
             "Publish the decision, or withhold it (the Office's %d working days)",
             DECISION_PUBLISH_WORKING_DAYS);
    int start = date_today();
    if (on)
        date_parse(on, strlen(on), &start); /* checked by decision_date_ok */
    struct clock_new clock = {
        subject,
        purpose,
        {CLOCK_WORKING_DAYS, CLOCK_DAY_AFTER, start, DECISION_PUBLISH_WORKING_DAYS}};
    int64_t id;
    return clock_start_in(s, &clock, c->by, &id, err);
}

static int end_publication_clock(struct store *s, const struct current *c, struct buf *err)
{
    char subject[DECISION_REF_MAX + 16];
    snprintf(subject, sizeof subject, "decision:%s", c->ref);
    return clock_complete_subject_in(s, subject, date_today(), c->by, err);
}

static int step_decide(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    const char *on = arg;
    int rc = may_decide(c);
    if (rc)
        return rc;
    if (c->state != DECISION_ADVISED)
        return c->state >= DECISION_DECIDED ? DECISION_FROZEN : DECISION_BAD_MOVE;
    if (on && !decision_date_ok(on)) {
        buf_printf(err, "decided_on: '%s' is not a date YYYY-MM-DD", on);
        return DECISION_BAD_INPUT;
    }
    const char *texts[] = {on, c->actor, c->role};
    sqlite3_stmt *st = store_prepare(
        s, "SELECT length(trim(coalesce(decision, ''))) FROM decision_draft WHERE decision_id = ?1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    int has_text = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (!has_text) {
        buf_printf(err, "decision: the draft has no text of the decision");
        return DECISION_BAD_INPUT;
    }
    rc = decision_run(
        s,
        "INSERT INTO decision_version(decision_id, version, decided_on, " DECISION_TEXT_COLUMNS
        ", decided_by, decided_role, recorded_at, recorded_by)"
        " SELECT ?1, 1, coalesce(?2, date('now')), " DECISION_TEXT_COLUMNS ", ?3, ?4, " STORE_NOW
        ", ?3 FROM decision_draft WHERE decision_id = ?1",
        c->id, texts, 3, err);
    if (rc == 0)
        rc = move(s, c, DECISION_DECIDED, NULL, err);
    return rc ? rc : start_publication_clock(s, c, on, err);
}

int store_decision_decide(struct store *s, const char *ref, const char *decided_on,
                          const struct audit_origin *by, struct buf *err)
{
    return change(s, ref, "decision.decide", step_decide, decided_on, by, err);
}

static int step_publish(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    (void)arg;
    if (!decision_role_may_draft(c->role))
        return DECISION_WRONG_ROLE;
    int rc = move(s, c, DECISION_PUBLISHED, NULL, err);
    return rc ? rc : end_publication_clock(s, c, err);
}

int store_decision_publish(struct store *s, const char *ref, const struct audit_origin *by,
                           struct buf *err)
{
    return change(s, ref, "decision.publish", step_publish, NULL, by, err);
}

/* Writes an exempt part; DECISION_BAD_INPUT for an unknown ground, field
 * or date. */
int decision_exempt_insert(struct store *s, int64_t id, const struct decision_exempt_arg *a,
                           const char *actor, struct buf *err)
{
    const struct foia_ground *g = foia_ground_find(a->ground);
    bool field_ok = strcmp(a->field, "*") == 0;
    for (size_t i = 0; !field_ok && decision_text_fields[i]; i++)
        field_ok = strcmp(a->field, decision_text_fields[i]) == 0;
    if (!g || !field_ok || (a->review_on && !decision_date_ok(a->review_on))) {
        buf_printf(err,
                   !g          ? "ground: '%s' is not a FOIA section peel knows (e.g. s.43)"
                   : !field_ok ? "field: '%s' is not a field of a decision"
                               : "review_on: '%s' is not a date YYYY-MM-DD",
                   !g          ? a->ground
                   : !field_ok ? a->field
                               : a->review_on);
        return DECISION_BAD_INPUT;
    }
    const char *texts[] = {a->field, a->text, g->code, a->review_on, actor};
    return decision_run(s,
                        "INSERT INTO decision_exempt(decision_id, field, text, ground, review_on,"
                        " approved_by, approved_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, " STORE_NOW ")",
                        id, texts, 5, err);
}

static int step_withhold(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    const struct decision_exempt_arg *a = arg;
    if (!decision_role_may_exempt(c->role))
        return DECISION_WRONG_ROLE;
    if (!decision_transition_allowed(c->state, DECISION_WITHHELD))
        return DECISION_BAD_MOVE;
    int rc = decision_exempt_insert(s, c->id, a, c->actor, err);
    if (rc == 0)
        rc = move(s, c, DECISION_WITHHELD, a->why, err);
    return rc ? rc : end_publication_clock(s, c, err);
}

int store_decision_withhold(struct store *s, const char *ref, const char *ground,
                            const char *review_on, const char *why, const struct audit_origin *by,
                            struct buf *err)
{
    struct decision_exempt_arg a = {"*", NULL, ground, review_on, why};
    return change(s, ref, "decision.withhold", step_withhold, &a, by, err);
}

static int step_exempt(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    const struct decision_exempt_arg *a = arg;
    if (!decision_role_may_exempt(c->role))
        return DECISION_WRONG_ROLE;
    if (c->state == DECISION_RESCINDED || strcmp(a->field, "*") == 0)
        return DECISION_BAD_MOVE; /* the whole decision: store_decision_withhold */
    if (!a->text || !*a->text) {
        buf_printf(err, "text: an exempt part needs its text");
        return DECISION_BAD_INPUT;
    }
    return decision_exempt_insert(s, c->id, a, c->actor, err);
}

int store_decision_exempt(struct store *s, const char *ref, const char *field, const char *text,
                          const char *ground, const char *review_on, const struct audit_origin *by,
                          struct buf *err)
{
    struct decision_exempt_arg a = {field, text, ground, review_on, NULL};
    return change(s, ref, "decision.exempt", step_exempt, &a, by, err);
}

struct review_arg {
    const char *field;
    bool release;
    const char *keep_until, *why;
};

/* The id of c's exempt part named field that is still held, or 0. */
static int64_t held_part(struct store *s, const struct current *c, const char *field,
                         struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT max(id) FROM decision_exempt_held"
                                     " WHERE decision_id = ?1 AND field = ?2",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (id < 0)
        store_fail(s, err, "reading an exempt part");
    return id;
}

/* Whether a review's input is whole: a reason, and a later date to keep to. */
static bool review_input_ok(const struct review_arg *a, struct buf *err)
{
    int until = DATE_NONE;
    if (a->keep_until)
        date_parse(a->keep_until, strlen(a->keep_until), &until);
    if (!a->why || !*a->why)
        buf_printf(err, "reason: a review says why the part is released or kept");
    else if (!a->release && (!decision_date_ok(a->keep_until) || until <= date_today()))
        buf_printf(err, "review_on: '%s' is not a date after today (YYYY-MM-DD)",
                   a->keep_until ? a->keep_until : "");
    else
        return true;
    return false;
}

static int step_review(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    const struct review_arg *a = arg;
    if (!decision_role_may_exempt(c->role))
        return DECISION_WRONG_ROLE;
    if (!review_input_ok(a, err))
        return DECISION_BAD_INPUT;
    int64_t part = held_part(s, c, a->field, err);
    if (part <= 0) {
        if (part == 0)
            buf_printf(err, "field: no part of %s's '%s' is exempt", c->ref, a->field);
        return part == 0 ? DECISION_BAD_INPUT : -1;
    }
    const char *texts[] = {a->release ? "released" : "kept", a->release ? NULL : a->keep_until,
                           a->why, c->actor};
    int rc = decision_run(s,
                          "INSERT INTO decision_exempt_review(exempt_id, outcome, review_on, why,"
                          " by_user, at) VALUES(?1, ?2, ?3, ?4, ?5, " STORE_NOW ")",
                          part, texts, 4, err);
    if (rc == 0 && a->release && strcmp(a->field, "*") == 0 && c->state == DECISION_WITHHELD)
        rc = move(s, c, DECISION_PUBLISHED, a->why, err);
    return rc;
}

int store_decision_review(struct store *s, const char *ref, const char *field, bool release,
                          const char *keep_until, const char *why, const struct audit_origin *by,
                          struct buf *err)
{
    struct review_arg a = {field ? field : "", release, keep_until, why};
    return change(s, ref, release ? "decision.release" : "decision.keep", step_review, &a, by, err);
}

struct document_arg {
    const char *name, *url, *sha256;
    bool public_;
};

static int step_document(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    const struct document_arg *a = arg;
    if (!decision_role_may_draft(c->role))
        return DECISION_WRONG_ROLE;
    if (c->state < DECISION_DECIDED)
        return DECISION_BAD_MOVE; /* documents belong to a decided version */
    return decision_document_insert(s, c->id, a->name, a->url, a->sha256, a->public_, err);
}

/* Adds a document to the decision's current version; DECISION_BAD_INPUT. */
int decision_document_insert(struct store *s, int64_t id, const char *name, const char *url,
                             const char *sha256, bool public_, struct buf *err)
{
    if (!name || !*name || (!url && !sha256) ||
        (sha256 && (strlen(sha256) != 64 || strspn(sha256, "0123456789abcdef") != 64))) {
        buf_printf(err, "document: a name, and a URL or a SHA-256 (64 lower-case hex digits)");
        return DECISION_BAD_INPUT;
    }
    const char *texts[] = {name, url, sha256, public_ ? "1" : "0"};
    return decision_run(s,
                        "INSERT INTO decision_document(version_id, name, url, sha256, public)"
                        " VALUES((SELECT max(id) FROM decision_version WHERE decision_id = ?1),"
                        " ?2, ?3, ?4, CAST(?5 AS INTEGER))",
                        id, texts, 4, err);
}

int store_decision_document(struct store *s, const char *ref, const char *name, const char *url,
                            const char *sha256, bool public_, const struct audit_origin *by,
                            struct buf *err)
{
    struct document_arg a = {name, url, sha256, public_};
    return change(s, ref, "decision.document", step_document, &a, by, err);
}

struct version_arg {
    const struct decision_text *text; /* NULL: the current text again (rescind) */
    const char *why;
};

/* Version N+1 of c's decision, naming version N as the one it corrects. */
static int new_version(struct store *s, struct current *c, const struct version_arg *a,
                       struct buf *err)
{
    if (!a->why || !*a->why) {
        buf_printf(err, "reason: a correction or rescission says why");
        return DECISION_BAD_INPUT;
    }
    int rc = a->text ? decision_text_check(a->text, true, err) : 0;
    if (rc)
        return rc;
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO decision_version(decision_id, version, decided_on, " DECISION_TEXT_COLUMNS
        ", decided_by, decided_role, recorded_at, recorded_by, corrects, reason)"
        " SELECT ?1, p.version + 1, p.decided_on,"
        " iif(?15, ?2, p.title), iif(?15, ?3, p.summary), iif(?15, ?4, p.background),"
        " iif(?15, ?5, p.decision), iif(?15, ?6, p.reasons), iif(?15, ?7, p.alternatives),"
        " iif(?15, ?8, p.conflicts), iif(?15, ?9, p.amount_pence), iif(?15, ?10, p.budget_line),"
        " iif(?15, ?11, p.financial), iif(?15, ?12, p.legal), iif(?15, ?13, p.equality),"
        " iif(?15, ?14, p.lead_officer), p.decided_by, p.decided_role, " STORE_NOW
        ", ?16, p.id, ?17"
        " FROM decision_version p WHERE p.decision_id = ?1 AND p.version ="
        "  (SELECT max(version) FROM decision_version WHERE decision_id = ?1)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    if (a->text)
        decision_bind_text(st, 2, a->text);
    sqlite3_bind_int(st, 15, a->text != NULL);
    sqlite3_bind_text(st, 16, c->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, a->why, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "adding a version");
    return sqlite3_changes(s->db) == 1 ? 0 : DECISION_BAD_MOVE;
}

static int step_correct(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    if (may_decide(c) != 0 && strcmp(c->role, "monitoring-officer") != 0)
        return may_decide(c);
    if (c->state < DECISION_DECIDED || c->state == DECISION_RESCINDED)
        return DECISION_BAD_MOVE;
    int rc = new_version(s, c, arg, err);
    if (rc)
        return rc;
    const struct version_arg *a = arg;
    const char *state = decision_state_word(c->state);
    return decision_event(s, c->id, state, c->state, c->actor, a->why, err);
}

int store_decision_correct(struct store *s, const char *ref, const struct decision_text *text,
                           const char *why, const struct audit_origin *by, struct buf *err)
{
    assert(text);
    struct version_arg a = {text, why};
    return change(s, ref, "decision.correct", step_correct, &a, by, err);
}

static int step_rescind(struct store *s, struct current *c, const void *arg, struct buf *err)
{
    int rc = may_decide(c);
    if (rc)
        return rc;
    if (!decision_transition_allowed(c->state, DECISION_RESCINDED))
        return DECISION_BAD_MOVE;
    rc = new_version(s, c, arg, err);
    const struct version_arg *a = arg;
    return rc ? rc : move(s, c, DECISION_RESCINDED, a->why, err);
}

int store_decision_rescind(struct store *s, const char *ref, const char *why,
                           const struct audit_origin *by, struct buf *err)
{
    struct version_arg a = {NULL, why};
    return change(s, ref, "decision.rescind", step_rescind, &a, by, err);
}
