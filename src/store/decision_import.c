/*
 * decision_import.c - an office's existing register stored in one
 * transaction, each decision audited (see store_decision_import in
 * decisions.h; the CSV is read and checked by ingest/decision_file.c).
 *
 * An imported decision was taken before Peel knew of it: it gets version
 * 1 as the register gives it, decided by the name the register gives
 * (decided_role NULL: not recorded), and one event into its state, with
 * "imported" as the reason.
 */
#include "store/decision_internal.h"
#include "store/store_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

static int insert_version(struct store *s, int64_t id, const struct decision_record *r,
                          const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO decision_version(decision_id, version, decided_on, " DECISION_TEXT_COLUMNS
        ", decided_by, recorded_at, recorded_by) VALUES(?1, 1, ?15, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        " ?9, ?10, ?11, ?12, ?13, ?14, ?16, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?17)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    decision_bind_text(st, 2, &r->text);
    sqlite3_bind_text(st, 15, r->decided_on, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 16, r->decided_by && *r->decided_by ? r->decided_by : "(not recorded)",
                      -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "importing a decision's version");
}

/* One record: the decision, its version, document, exemption and event. */
static int import_one(struct store *s, const struct decision_record *r, const char *actor,
                      int64_t *id, struct buf *err)
{
    bool planned = r->state == DECISION_FORWARD_PLANNED;
    assert(planned || r->state == DECISION_PUBLISHED || r->state == DECISION_WITHHELD);
    int rc = decision_insert(s, &r->d, actor, id, err);
    if (rc == DECISION_REF_TAKEN)
        buf_printf(err, "%s: the reference is already in the register", r->d.ref);
    if (rc == 0 && !planned)
        rc = insert_version(s, *id, r, actor, err);
    if (rc == 0 && r->link && *r->link)
        rc = decision_document_insert(s, *id, "Decision record", r->link, NULL, true, err);
    if (rc == 0 && r->state == DECISION_WITHHELD) {
        struct decision_exempt_arg a = {"*", NULL, r->ground, NULL, NULL};
        rc = decision_exempt_insert(s, *id, &a, actor, err);
    }
    if (rc == 0)
        rc = decision_event(s, *id, NULL, r->state, actor, "imported", err);
    return rc;
}

int store_decision_import(struct store *s, const struct decision_record *r, size_t n,
                          const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    char role[64];
    int rc = decision_actor_role(s, by->actor, role, err);
    if (rc == 0 && !decision_role_may_draft(role))
        rc = DECISION_WRONG_ROLE;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int64_t id = 0;
        char *after = NULL;
        rc = import_one(s, &r[i], by->actor, &id, err);
        if (rc == 0)
            rc = decision_fts_sync(s, id, err);
        if (rc == 0)
            rc = decision_json(s, id, &after, err);
        if (rc == 0)
            rc = decision_audit(s, "decision.import", r[i].d.ref, NULL, after, by, err);
        free(after);
    }
    return store_finish(s, rc, err);
}

int store_decision_exists(struct store *s, const char *ref, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM decision WHERE ref = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n >= 0 ? n > 0 : store_fail(s, err, "reading the decision register");
}
