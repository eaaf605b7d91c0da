/*
 * publish.c - storing and listing published reports (see publish.h).
 */
#include "store/publish.h"
#include "store/store_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static void bind_text_or_null(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

void publication_hash_add(struct sha256 *all, const char *name, const char *sha256)
{
    sha256_update(all, name, strlen(name) + 1);
    sha256_update(all, sha256, strlen(sha256));
    sha256_update(all, "\n", 1);
}

void publication_hash(const struct publication_file *files, size_t n, char out[SHA256_HEX_SIZE])
{
    struct sha256 all;
    sha256_init(&all);
    for (size_t i = 0; i < n; i++)
        publication_hash_add(&all, files[i].name, files[i].sha256);
    sha256_hex(&all, out);
}

bool store_publication_latest(struct store *s, const char *kind, const char *period,
                              struct publication_head *out)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT p.version, p.sha256, w.id IS NOT NULL FROM publication p"
                           " LEFT JOIN publication_withdrawal w ON w.publication_id = p.id"
                           " WHERE p.kind = ?1 AND p.period = ?2 ORDER BY p.version DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
        if ((found = sqlite3_step(st) == SQLITE_ROW)) {
            out->version = sqlite3_column_int(st, 0);
            snprintf(out->sha256, sizeof out->sha256, "%s", sqlite3_column_text(st, 1));
            out->withdrawn = sqlite3_column_int(st, 2);
        }
    }
    sqlite3_finalize(st);
    return found;
}

bool store_publication_exists(struct store *s, const char *kind, const char *period, int v)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT 1 FROM publication WHERE kind = ?1 AND period = ?2"
                           " AND version = ?3",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, v);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

static int64_t insert_publication(struct store *s, struct publication *pub, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO publication(kind, period, version, sha256, published_at, published_by,"
        " source_path, corrects, reason) VALUES(?1, ?2,"
        " (SELECT coalesce(max(version), 0) + 1 FROM publication WHERE kind = ?1 AND period = ?2),"
        " ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?4, ?5,"
        " (SELECT id FROM publication WHERE kind = ?1 AND period = ?2 AND version = ?6), ?7)"
        " RETURNING id, version",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, pub->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, pub->period, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, pub->sha256, -1, SQLITE_STATIC);
    bind_text_or_null(st, 4, pub->published_by);
    bind_text_or_null(st, 5, pub->source_path);
    sqlite3_bind_int(st, 6, pub->corrects);
    bind_text_or_null(st, 7, pub->reason);
    int64_t id = -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        pub->version = sqlite3_column_int(st, 1);
    } else {
        store_fail(s, err, "storing the publication");
    }
    sqlite3_finalize(st);
    return id;
}

static int insert_files(struct store *s, int64_t id, const struct publication_file *files, size_t n,
                        struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO publication_file(publication_id, name, sha256,"
                                     " bytes) VALUES(?1, ?2, ?3, ?4)",
                                     err);
    int rc = st ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, files[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, files[i].sha256, -1, SQLITE_STATIC);
        sqlite3_bind_blob64(st, 4, files[i].bytes, files[i].size, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "storing a published file");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The version and its files (and, given by, its audit row), in one
 * transaction. */
static int publish(struct store *s, struct publication *pub, const struct publication_file *files,
                   size_t n, const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct publication_head head;
    if (by && store_publication_latest(s, pub->kind, pub->period, &head)) {
        pub->version = head.version; /* a first version only, checked in the transaction */
        store_exec(s, "ROLLBACK", err);
        return STORE_PUBLISHED_ALREADY;
    }
    int64_t id = insert_publication(s, pub, err);
    int rc = id < 0 ? -1 : insert_files(s, id, files, n, err);
    if (rc == 0 && by) {
        char key[64];
        snprintf(key, sizeof key, "%s/%s", pub->kind, pub->period);
        rc = store_audit_fact(
            s, "publication.publish", "publication", key,
            json_pack("{sisssi}", "version", pub->version, "sha256", pub->sha256, "files", (int)n),
            by, err);
    }
    if (rc == 0) {
        pub->id = id;
        return store_exec(s, "COMMIT", err);
    }
    store_exec(s, "ROLLBACK", err);
    return -1;
}

int store_publish(struct store *s, struct publication *pub, const struct publication_file *files,
                  size_t n, struct buf *err)
{
    return publish(s, pub, files, n, NULL, err);
}

int store_publish_audited(struct store *s, struct publication *pub,
                          const struct publication_file *files, size_t n,
                          const struct audit_origin *by, struct buf *err)
{
    assert(by);
    return publish(s, pub, files, n, by, err);
}

int store_publications(struct store *s, publication_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT p.id, p.kind, p.period, p.version, p.sha256, p.published_at, p.published_by,"
        " p.source_path, (SELECT c.version FROM publication c WHERE c.id = p.corrects), p.reason,"
        " (SELECT count(*) FROM publication_file f WHERE f.publication_id = p.id),"
        " (SELECT coalesce(sum(length(f.bytes)), 0) FROM publication_file f"
        "  WHERE f.publication_id = p.id),"
        " w.withdrawn_at, w.withdrawn_by, w.reason"
        " FROM publication p LEFT JOIN publication_withdrawal w ON w.publication_id = p.id"
        " ORDER BY p.id DESC",
        err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct publication p = {
            .id = sqlite3_column_int64(st, 0),
            .kind = (const char *)sqlite3_column_text(st, 1),
            .period = (const char *)sqlite3_column_text(st, 2),
            .version = sqlite3_column_int(st, 3),
            .sha256 = (const char *)sqlite3_column_text(st, 4),
            .published_at = (const char *)sqlite3_column_text(st, 5),
            .published_by = (const char *)sqlite3_column_text(st, 6),
            .source_path = (const char *)sqlite3_column_text(st, 7),
            .corrects = sqlite3_column_int(st, 8),
            .reason = (const char *)sqlite3_column_text(st, 9),
            .withdrawn_at = (const char *)sqlite3_column_text(st, 12),
            .withdrawn_by = (const char *)sqlite3_column_text(st, 13),
            .withdrawal_reason = (const char *)sqlite3_column_text(st, 14),
        };
        fn(arg, &p, (size_t)sqlite3_column_int64(st, 10), sqlite3_column_int64(st, 11));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading publications");
}

int store_publication_files(struct store *s, int64_t id, publication_file_fn fn, void *arg,
                            struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT name, sha256, length(bytes) FROM publication_file"
                                     " WHERE publication_id = ?1 ORDER BY name",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct publication_file f = {.name = (const char *)sqlite3_column_text(st, 0),
                                     .sha256 = (const char *)sqlite3_column_text(st, 1),
                                     .size = (size_t)sqlite3_column_int64(st, 2)};
        fn(arg, &f);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading published files");
}

/* The id of version v of the report, 0 when there is none, -1 on error. */
static int64_t publication_id(struct store *s, const char *kind, const char *period, int v,
                              struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT id FROM publication WHERE kind = ?1 AND period = ?2 AND version = ?3", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, v);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? id : store_fail(s, err, "finding the version");
}

/* The withdrawal, inside the caller's transaction (as store_publication_withdraw). */
static int withdraw(struct store *s, const char *kind, const char *period, int v, const char *by,
                    const char *reason, struct buf *err)
{
    int64_t id = publication_id(s, kind, period, v, err);
    if (id <= 0)
        return id < 0 ? -1 : 1;
    char at[32];
    struct buf why = BUF_INIT;
    int was = store_publication_withdrawn(s, kind, period, v, at, &why, err);
    buf_free(&why);
    if (was != 0)
        return was < 0 ? -1 : 2;
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO publication_withdrawal(publication_id,"
                                     " withdrawn_at, withdrawn_by, reason) VALUES(?1,"
                                     " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_text_or_null(st, 2, by);
    sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording the withdrawal");
    sqlite3_finalize(st);
    return rc;
}

int store_publication_withdraw(struct store *s, const char *kind, const char *period, int v,
                               const char *by, const char *reason, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = withdraw(s, kind, period, v, by, reason, err);
    if (rc == 0)
        return store_exec(s, "COMMIT", err);
    struct buf ignored = BUF_INIT;
    store_exec(s, "ROLLBACK", &ignored);
    buf_free(&ignored);
    return rc;
}

int store_publication_withdrawn(struct store *s, const char *kind, const char *period, int v,
                                char at[32], struct buf *reason, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT w.withdrawn_at, w.reason FROM publication p JOIN publication_withdrawal w"
        " ON w.publication_id = p.id WHERE p.kind = ?1 AND p.period = ?2 AND p.version = ?3",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, v);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(at, 32, "%s", (const char *)sqlite3_column_text(st, 0));
        buf_puts(reason, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW;
    return store_fail(s, err, "reading withdrawals");
}
