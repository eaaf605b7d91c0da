/*
 * registers.c - the registers of interests, gifts and hospitality, and
 * salaries: recording entries as versions, withdrawing them, and reading
 * them back (see registers.h). Each change is one transaction with its
 * audit rows; the triggers of the migration keep the versions in turn and
 * unchanged whatever the writer.
 */
#include "store/registers.h"
#include "store/store_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* ---- recording ------------------------------------------------------------ */

#define COLUMNS                                                                                    \
    "holder, post, on_date, category, details, donor, value_pence, allowances_pence, outcome"

/* The latest version of entry ref (0: none), whether it is withdrawn, and
 * whether e differs from it. */
static int latest(struct store *s, enum reg_kind k, const struct reg_entry *e, int *version,
                  bool *withdrawn, bool *differs, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT version, withdrawn, " COLUMNS " FROM register_entry"
                                     " WHERE kind = ?1 AND ref = ?2 ORDER BY version DESC LIMIT 1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, reg_kind_word(k), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, e->ref, -1, SQLITE_STATIC);
    *version = 0;
    *withdrawn = false;
    *differs = true;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *have[] = {e->holder, e->post, e->date, e->category, e->details, e->donor};
        *version = sqlite3_column_int(st, 0);
        *withdrawn = sqlite3_column_int(st, 1) != 0;
        *differs = sqlite3_column_int64(st, 8) != e->value_pence ||
                   sqlite3_column_int64(st, 9) != e->allowances_pence ||
                   strcmp(store_column_text(st, 10), reg_outcome_word(e->outcome)) != 0;
        for (int i = 0; i < 6 && !*differs; i++)
            *differs = strcmp(store_column_text(st, 2 + i), or_empty(have[i])) != 0;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a register");
}

static int audit_version(struct store *s, const char *action, enum reg_kind k, const char *ref,
                         int version, const char *reason, const struct reg_source *src,
                         const struct audit_origin *by, struct buf *err)
{
    char key[80];
    snprintf(key, sizeof key, "%s:%s:v%d", reg_kind_word(k), ref, version);
    return store_audit_fact(s, action, "register", key,
                            json_pack("{s:s, s:s, s:i, s:s?, s:s?, s:s?}", "register",
                                      reg_kind_word(k), "ref", ref, "version", version, "reason",
                                      reason && *reason ? reason : NULL, "file",
                                      src ? src->name : NULL, "sha256", src ? src->sha256 : NULL),
                            by, err);
}

/* Inserts version of e (withdrawn: its stub, dated today). */
static int insert_version(struct store *s, enum reg_kind k, const struct reg_entry *e, int version,
                          bool withdrawn, const char *reason, const struct reg_source *src,
                          const struct audit_origin *by, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO register_entry(kind, ref, version, withdrawn, " COLUMNS ", reason,"
        " recorded_at, recorded_by, file_name, file_sha256, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6,"
        " coalesce(?7, date('now')), ?8, ?9, ?10, ?11, ?12, ?13, ?14, " STORE_NOW ", ?15, ?16,"
        " ?17, ?18)",
        err);
    if (!st)
        return -1;
    const char *text[] = {e->holder, e->post, e->date, e->category, e->details, e->donor};
    sqlite3_bind_text(st, 1, reg_kind_word(k), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, e->ref, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, version);
    sqlite3_bind_int(st, 4, withdrawn);
    for (int i = 0; i < 6; i++)
        if (i == 2 && withdrawn)
            sqlite3_bind_null(st, 7); /* the stub's date: today */
        else
            sqlite3_bind_text(st, 5 + i, withdrawn ? "" : or_empty(text[i]), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, withdrawn ? 0 : e->value_pence);
    sqlite3_bind_int64(st, 12, withdrawn ? 0 : e->allowances_pence);
    sqlite3_bind_text(st, 13, withdrawn ? "" : reg_outcome_word(e->outcome), -1, SQLITE_STATIC);
    if (reason && *reason)
        sqlite3_bind_text(st, 14, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 15, by->actor, -1, SQLITE_STATIC);
    if (src) {
        sqlite3_bind_text(st, 16, src->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 17, src->sha256, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, 18, e->line);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording a register entry");
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    return audit_version(s, withdrawn ? "register.withdraw" : "register.record", k, e->ref, version,
                         reason, src, by, err);
}

int store_reg_record(struct store *s, enum reg_kind k, const struct reg_entry *entries, size_t n,
                     const char *reason, const struct reg_source *src,
                     const struct audit_origin *by, bool dry_run, int *out, struct buf *err)
{
    assert(k >= 0 && k < REG_KINDS);
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = 0;
    bool refused = false;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int version;
        bool withdrawn, differs;
        rc = latest(s, k, &entries[i], &version, &withdrawn, &differs, err);
        out[i] = rc == 0 && differs ? version + 1 : 0;
        if (rc == 0 && differs && withdrawn) {
            buf_printf(err,
                       "%s: withdrawn: a withdrawn entry is not recorded again (use a new"
                       " reference)\n",
                       entries[i].ref);
            refused = true;
        } else if (rc == 0 && differs && version > 0 && !(reason && *reason)) {
            buf_printf(err, "%s: version %d would correct version %d: say why with --reason\n",
                       entries[i].ref, version + 1, version);
            refused = true;
        }
        if (rc == 0 && differs && !refused && !dry_run)
            rc = insert_version(s, k, &entries[i], out[i], false, version ? reason : NULL, src, by,
                                err);
    }
    if (rc == 0 && (refused || dry_run)) {
        store_exec(s, "ROLLBACK", err);
        return refused ? REG_NEEDS_REASON : 0;
    }
    return store_finish(s, rc, err);
}

int store_reg_withdraw(struct store *s, enum reg_kind k, const char *ref, const char *reason,
                       const struct audit_origin *by, struct buf *err)
{
    assert(k >= 0 && k < REG_KINDS && reason && *reason);
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct reg_entry stub = {.ref = ref};
    int version;
    bool withdrawn, differs;
    int rc = latest(s, k, &stub, &version, &withdrawn, &differs, err);
    if (rc == 0 && (version == 0 || withdrawn)) {
        buf_printf(err, "%s: %s", ref,
                   version ? "withdrawn already" : "no such entry in the register");
        store_exec(s, "ROLLBACK", err);
        return REG_NO_ENTRY;
    }
    if (rc == 0)
        rc = insert_version(s, k, &stub, version + 1, true, reason, NULL, by, err);
    return store_finish(s, rc, err);
}

/* ---- reading -------------------------------------------------------------- */

#define SELECT_VERSION                                                                             \
    "SELECT e.ref, " COLUMNS ", e.line, e.version, e.withdrawn, e.reason, e.recorded_at,"          \
    " e.file_name, e.file_sha256,"                                                                 \
    " e.version = (SELECT max(x.version) FROM register_entry x WHERE x.kind = e.kind"              \
    "  AND x.ref = e.ref) FROM register_entry e"

static int each_row(struct store *s, sqlite3_stmt *st, enum reg_kind k, reg_version_fn fn,
                    void *arg, struct buf *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct reg_version_row v = {.kind = k};
        const char *outcome = store_column_text(st, 9);
        v.e = (struct reg_entry){
            .ref = store_column_text(st, 0),
            .holder = store_column_text(st, 1),
            .post = store_column_text(st, 2),
            .date = store_column_text(st, 3),
            .category = store_column_text(st, 4),
            .details = store_column_text(st, 5),
            .donor = store_column_text(st, 6),
            .value_pence = sqlite3_column_int64(st, 7),
            .allowances_pence = sqlite3_column_int64(st, 8),
            .outcome = strcmp(outcome, "accepted") == 0   ? REG_ACCEPTED
                       : strcmp(outcome, "declined") == 0 ? REG_DECLINED
                                                          : REG_NO_OUTCOME,
            .line = (long)sqlite3_column_int64(st, 10),
        };
        v.version = sqlite3_column_int(st, 11);
        v.withdrawn = sqlite3_column_int(st, 12) != 0;
        v.reason = store_column_text(st, 13);
        v.recorded_at = store_column_text(st, 14);
        v.file_name = store_column_text(st, 15);
        v.file_sha256 = store_column_text(st, 16);
        v.current = sqlite3_column_int(st, 17) != 0;
        fn(arg, &v);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a register");
}

int store_reg_current(struct store *s, enum reg_kind k, reg_version_fn fn, void *arg,
                      struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        SELECT_VERSION " WHERE e.kind = ?1 AND e.version = (SELECT max(x.version)"
                       " FROM register_entry x WHERE x.kind = e.kind AND x.ref = e.ref)"
                       " ORDER BY e.on_date DESC, e.ref",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, reg_kind_word(k), -1, SQLITE_STATIC);
    return each_row(s, st, k, fn, arg, err);
}

int store_reg_versions(struct store *s, enum reg_kind k, const char *ref, bool withdrawn_text,
                       reg_version_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        SELECT_VERSION " WHERE e.kind = ?1 AND (?2 IS NULL OR e.ref = ?2) AND (?3 OR e.withdrawn"
                       " OR NOT EXISTS(SELECT 1 FROM register_entry w WHERE w.kind = e.kind"
                       " AND w.ref = e.ref AND w.withdrawn)) ORDER BY e.ref, e.version",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, reg_kind_word(k), -1, SQLITE_STATIC);
    if (ref)
        sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, withdrawn_text);
    return each_row(s, st, k, fn, arg, err);
}

int store_reg_summary(struct store *s, enum reg_kind k, struct reg_summary *out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT count(DISTINCT ref), coalesce(max(recorded_at), '')"
                                     " FROM register_entry WHERE kind = ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, reg_kind_word(k), -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->entries = (long)sqlite3_column_int64(st, 0);
        snprintf(out->last_recorded, sizeof out->last_recorded, "%s", store_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "reading a register");
}
