/*
 * contract_copies.c - a contract's redacted copy attached, with the
 * strings redacted from it (see contract_copies.h).
 */
#include "store/contract_copies.h"
#include "store/store_internal.h"

#include <string.h>

static int insert_copy(struct store *s, const char *ref, const char *sha256, size_t k,
                       const char *actor, int64_t *id, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO contract_copy(ref, sha256, redactions,"
                      " attached_at, attached_by) VALUES(?1, ?2, ?3, " STORE_NOW ", ?4)",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)k);
    sqlite3_bind_text(st, 4, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "attaching the copy");
    sqlite3_finalize(st);
    *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int insert_redactions(struct store *s, int64_t copy, const char *const *redacted, size_t k,
                             struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO contract_redaction(copy_id, n, text) VALUES(?1, ?2, ?3)", err);
    if (!st)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < k; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, copy);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_text(st, 3, redacted[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "keeping a redacted string");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_contract_copy_add(struct store *s, const char *ref, const char *name, const void *pdf,
                            size_t n, const char *const *redacted, size_t k,
                            const struct audit_origin *by, char sha256[65], struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int64_t copy = 0;
    int rc = store_upload_put(s, name, "pdf", pdf, n, by, sha256, err);
    if (rc >= 0)
        rc = insert_copy(s, ref, sha256, k, by->actor, &copy, err);
    if (rc == 0)
        rc = insert_redactions(s, copy, redacted, k, err);
    if (rc == 0)
        rc = store_audit_fact(s, "contract.copy", "contract", ref,
                              json_pack("{s:s, s:s, s:I, s:I}", "sha256", sha256, "name", name,
                                        "size", (json_int_t)n, "redactions", (json_int_t)k),
                              by, err);
    return store_finish(s, rc, err);
}

int store_contract_redactions(struct store *s, const char *ref, contract_redaction_fn fn, void *arg,
                              struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT n, text FROM contract_redaction WHERE copy_id ="
                                     " (SELECT max(id) FROM contract_copy WHERE ref = ?1)"
                                     " ORDER BY n",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc, count = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fn(arg, sqlite3_column_int(st, 0), store_column_text(st, 1));
        count++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? count : store_fail(s, err, "reading the redacted strings");
}
