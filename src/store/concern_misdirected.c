/*
 * concern_misdirected.c - the spells a review application spent with a
 * wrong body (see concerns.h): recorded, withdrawn when recorded in error,
 * listed, and the review window worked out again from all of them each
 * time (model/concern.h leaves out their union).
 *
 * Table concern_misdirected is append-only: a row is a spell, or the
 * withdrawal of one with its reason, and carries the window as it stood
 * after it, so that the case's current window is its latest row's and its
 * history shows each change. Each row is audited.
 */
#include "store/concerns.h"
#include "store/concerns_internal.h"
#include "store/store_internal.h"

#include <string.h>

#define LIVE_SPELLS                                                                                \
    "SELECT m.id, m.sent_on, m.forwarded_on, m.body, m.at, m.actor FROM concern_misdirected m"     \
    " WHERE m.concern_id = ?1 AND m.withdraws IS NULL AND NOT EXISTS(SELECT 1"                     \
    " FROM concern_misdirected w WHERE w.withdraws = m.id) ORDER BY m.sent_on, m.id"

static int each_spell(struct store *s, int64_t concern_id, concern_spell_fn fn, void *arg,
                      struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, LIVE_SPELLS, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, concern_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct concern_spell_view v = {sqlite3_column_int64(st, 0), store_column_date(st, 1),
                                       store_column_date(st, 2),    store_column_text(st, 3),
                                       store_column_text(st, 4),    store_column_text(st, 5)};
        fn(arg, &v);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a case's spells with other bodies");
}

int store_concern_spells(struct store *s, const char *ref, concern_spell_fn fn, void *arg,
                         struct buf *err)
{
    struct case_row r;
    int rc = case_row(s, ref, &r, err);
    return rc ? rc : each_spell(s, r.id, fn, arg, err);
}

/* The spells kept, but one (id `but`, 0: none), gathered for the window. */
struct spell_set {
    struct misdirected m[CONCERN_MISDIRECTED_MAX + 1];
    size_t n;
    int64_t but;
    bool found, full;
};

static void gather_spell(void *arg, const struct concern_spell_view *v)
{
    struct spell_set *set = arg;
    if (v->id == set->but) {
        set->found = true;
        return;
    }
    if (set->n == CONCERN_MISDIRECTED_MAX) {
        set->full = true;
        return;
    }
    set->m[set->n++] = (struct misdirected){v->sent, v->forwarded};
}

int concern_spell_in(struct store *s, const char *ref, int64_t concern_id,
                     const struct concern_spell_change *c, const struct review_window *w,
                     const struct audit_origin *by, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO concern_misdirected(concern_id, sent_on, forwarded_on, body, withdraws,"
        " reason, review_due, in_time, left_out, at, actor)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " STORE_NOW ", ?10)",
        err);
    if (!st)
        return -1;
    bool spell = c->withdraw == 0;
    sqlite3_bind_int64(st, 1, concern_id);
    concern_bind_date(st, 2, spell ? c->m.sent : DATE_NONE);
    concern_bind_date(st, 3, spell ? c->m.forwarded : DATE_NONE);
    if (spell)
        sqlite3_bind_text(st, 4, c->body, -1, SQLITE_STATIC);
    else {
        sqlite3_bind_int64(st, 5, c->withdraw);
        sqlite3_bind_text(st, 6, c->reason, -1, SQLITE_STATIC);
    }
    concern_bind_date(st, 7, w->due);
    sqlite3_bind_int(st, 8, w->in_time);
    sqlite3_bind_int(st, 9, w->left_out);
    sqlite3_bind_text(st, 10, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording a spell");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    char sent[DATE_TEXT_SIZE] = "", fwd[DATE_TEXT_SIZE] = "", due[DATE_TEXT_SIZE] = "";
    if (spell)
        date_format(c->m.sent, sent);
    if (spell && c->m.forwarded != DATE_NONE)
        date_format(c->m.forwarded, fwd);
    if (w->due != DATE_NONE)
        date_format(w->due, due);
    json_t *j =
        spell ? json_pack("{sssssssssbsi}", "sent", sent, "forwarded", fwd, "body", c->body,
                          "review_due", due, "in_time", w->in_time, "left_out", w->left_out)
              : json_pack("{sIsssssbsi}", "withdraws", (json_int_t)c->withdraw, "reason", c->reason,
                          "review_due", due, "in_time", w->in_time, "left_out", w->left_out);
    return store_audit_fact(s, spell ? "concern.misdirected" : "concern.misdirected-withdrawn",
                            "concern", ref, j, by, err);
}

static bool blank(const char *s)
{
    return !s || s[strspn(s, " \t\r\n")] == '\0';
}

/* Why the change may not be made, or NULL. */
static const char *change_refused(const struct case_row *r, const struct concern_spell_change *c)
{
    if (strcmp(r->kind, "review") != 0 || r->outcome == DATE_NONE)
        return "only a review application with the outcome's date has spells with other bodies";
    if (r->closed || r->destroyed)
        return "the case is closed";
    if (c->withdraw == 0 && (blank(c->body) || strlen(c->body) > CONCERN_BODY_MAX))
        return "say which body it was sent to (at most 120 bytes)";
    if (c->withdraw != 0 && (blank(c->reason) || strlen(c->reason) > CONCERN_TEXT_MAX))
        return "say why the spell is withdrawn";
    return NULL;
}

static int change_in(struct store *s, const char *ref, const struct concern_spell_change *c,
                     const struct audit_origin *by, struct review_window *out, struct buf *err)
{
    struct case_row r;
    int rc = case_row(s, ref, &r, err);
    const char *why = rc == 0 ? change_refused(&r, c) : NULL;
    struct spell_set set = {.but = c->withdraw};
    if (rc == 0 && !why)
        rc = each_spell(s, r.id, gather_spell, &set, err);
    if (rc == 0 && !why && c->withdraw && !set.found)
        why = "there is no such spell kept for this case";
    if (rc == 0 && !why && (set.full || (c->withdraw == 0 && set.n == CONCERN_MISDIRECTED_MAX)))
        why = "too many spells with other bodies";
    if (rc == 0 && !why && c->withdraw == 0)
        set.m[set.n++] = c->m;
    struct holiday_list l;
    if (rc == 0 && !why && concern_calendar(s, &l, err) == 0) {
        struct calendar cal = holiday_list_calendar(&l);
        why = concern_review_window(&cal, r.outcome, r.received, set.m, set.n, out);
        holiday_list_free(&l);
    } else if (rc == 0 && !why)
        rc = -1;
    if (rc == 0 && why) {
        buf_printf(err, "%s: %s", ref, why);
        return CONCERN_REFUSED;
    }
    return rc ? rc : concern_spell_in(s, ref, r.id, c, out, by, err);
}

int store_concern_misdirected(struct store *s, const char *ref,
                              const struct concern_spell_change *c, const struct audit_origin *by,
                              struct review_window *out, struct buf *err)
{
    *out = (struct review_window){.due = DATE_NONE};
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, change_in(s, ref, c, by, out, err), err);
}
