/*
 * uploads.c - uploaded files by their SHA-256 (see uploads.h).
 */
#include "store/uploads.h"
#include "store/store_internal.h"
#include "util/sha256.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static int known(struct store *s, const char *sha256, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT 1 FROM upload WHERE sha256 = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading uploads");
}

static int insert(struct store *s, const char *sha256, const char *kind, const char *name,
                  const void *bytes, size_t n, const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO upload(sha256, kind, name, size, bytes,"
                                     " uploaded_at, uploaded_by) VALUES(?1, ?2, ?3, ?4, ?5,"
                                     " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?6)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)n);
    sqlite3_bind_blob64(st, 5, bytes, n, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "storing an upload");
}

static int audit_upload(struct store *s, const char *sha256, const char *kind, const char *name,
                        size_t n, const struct audit_origin *by, struct buf *err)
{
    json_t *j = json_pack("{sssssssI}", "sha256", sha256, "kind", kind, "name", name, "size",
                          (json_int_t)n);
    char *after = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    char object[80];
    snprintf(object, sizeof object, "upload:%s", sha256);
    struct audit_entry e = {.by = *by, .action = "upload.add", .object = object, .after = after};
    int rc = store_audit_append(s, &e, err);
    free(after);
    return rc;
}

int store_upload_add(struct store *s, const char *name, const char *kind, const void *bytes,
                     size_t n, const struct audit_origin *by, char sha256[65], struct buf *err)
{
    if (n > UPLOAD_MAX_BYTES) {
        buf_printf(err, "the file is larger than %d MiB", UPLOAD_MAX_BYTES / (1024 * 1024));
        return -1;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = store_upload_put(s, name, kind, bytes, n, by, sha256, err);
    rc = store_finish(s, rc, err);
    return rc == 0 ? UPLOAD_ADDED : rc == 1 ? UPLOAD_KNOWN : -1;
}

int store_upload_put(struct store *s, const char *name, const char *kind, const void *bytes,
                     size_t n, const struct audit_origin *by, char sha256[65], struct buf *err)
{
    sha256_of(bytes, n, sha256);
    int rc = known(s, sha256, err);
    if (rc == 0)
        rc = insert(s, sha256, kind, name, bytes, n, by->actor, err);
    if (rc == 0)
        rc = audit_upload(s, sha256, kind, name, n, by, err);
    return rc;
}

#define UPLOAD_COLUMNS "sha256, kind, name, uploaded_at, uploaded_by, bytes, size"

static int read_one(struct store *s, const char *sql, const char *sha256, upload_fn fn, void *arg,
                    struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        struct upload u = {(const char *)sqlite3_column_text(st, 0),
                           (const char *)sqlite3_column_text(st, 1),
                           (const char *)sqlite3_column_text(st, 2),
                           (const char *)sqlite3_column_text(st, 3),
                           (const char *)sqlite3_column_text(st, 4),
                           sqlite3_column_blob(st, 5),
                           sqlite3_column_int64(st, 6)};
        fn(arg, &u);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : UPLOAD_NONE;
    return store_fail(s, err, "reading an upload");
}

int store_upload_get(struct store *s, const char *sha256, upload_fn fn, void *arg, struct buf *err)
{
    return read_one(s, "SELECT " UPLOAD_COLUMNS " FROM upload WHERE sha256 = ?1", sha256, fn, arg,
                    err);
}

int store_upload_public(struct store *s, const char *sha256, upload_fn fn, void *arg,
                        struct buf *err)
{
    /* as store_decision_documents_public: a public document of a decision
     * published or rescinded, and not withheld as a whole */
    return read_one(s,
                    "SELECT " UPLOAD_COLUMNS " FROM upload u WHERE u.sha256 = ?1 AND (EXISTS("
                    " SELECT 1 FROM decision_document doc"
                    " JOIN decision_version v ON v.id = doc.version_id"
                    " JOIN decision d ON d.id = v.decision_id"
                    " WHERE doc.sha256 = u.sha256 AND doc.public = 1"
                    "  AND (SELECT to_state FROM decision_event e WHERE e.decision_id = d.id"
                    "   ORDER BY e.id DESC LIMIT 1) IN ('published', 'rescinded')"
                    "  AND NOT EXISTS(SELECT 1 FROM decision_exempt_held x WHERE"
                    "   x.decision_id = d.id AND x.field = '*'))"
                    /* or published as a contract's copy (store/contract_copies.h) */
                    " OR EXISTS(SELECT 1 FROM contract_copy c WHERE c.sha256 = u.sha256))",
                    sha256, fn, arg, err);
}
