/*
 * verify.c - checking the store whole (see verify.h).
 *
 * Every check reads; none writes, so it runs on a store opened read-only,
 * beside a running site.
 */
#include "store/audit.h"
#include "store/publish.h"
#include "store/store_internal.h"
#include "store/verify.h"
#include "util/sha256.h"

#include <stdio.h>
#include <string.h>

struct checker {
    struct store *s;
    verify_problem_fn fn;
    void *arg;
    struct verify_counts *counts;
};

static void problem(struct checker *c, const char *check, const char *what)
{
    c->counts->problems++;
    c->fn(c->arg, check, what);
}

/* integrity_check: one row, "ok", or a row per problem. */
static int integrity(struct checker *c, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(c->s, "PRAGMA integrity_check", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *row = (const char *)sqlite3_column_text(st, 0);
        if (!row || strcmp(row, "ok") != 0)
            problem(c, "integrity_check", row ? row : "(no text)");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(c->s, err, "running integrity_check");
}

/* foreign_key_check: a row per reference to a row that is not there. */
static int foreign_keys(struct checker *c, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(c->s, "PRAGMA foreign_key_check", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char what[256];
        snprintf(what, sizeof what, "%s row %lld refers to a row of %s that is not there",
                 (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
                 (const char *)sqlite3_column_text(st, 2));
        problem(c, "foreign_key_check", what);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(c->s, err, "running foreign_key_check");
}

/* The version being checked: its address, recorded hash and the hash of its
 * files' names and recorded hashes so far (publication_hash's order). */
struct version {
    int64_t id;
    char address[128], sha256[SHA256_HEX_SIZE];
    struct sha256 whole;
};

static void version_end(struct checker *c, struct version *v)
{
    if (v->id == 0)
        return;
    char whole[SHA256_HEX_SIZE], what[512];
    sha256_hex(&v->whole, whole);
    if (strcmp(whole, v->sha256) != 0) {
        snprintf(what, sizeof what,
                 "%s: its files' names and hashes give %s, but the version records %s", v->address,
                 whole, v->sha256);
        problem(c, "sha256", what);
    }
    v->id = 0;
}

static void version_start(struct checker *c, struct version *v, sqlite3_stmt *st)
{
    v->id = sqlite3_column_int64(st, 0);
    snprintf(v->address, sizeof v->address, "%s/%s/v%d", sqlite3_column_text(st, 1),
             sqlite3_column_text(st, 2), sqlite3_column_int(st, 3));
    snprintf(v->sha256, sizeof v->sha256, "%s", sqlite3_column_text(st, 4));
    sha256_init(&v->whole);
    c->counts->publications++;
}

/* One published file: its bytes hashed again against the hash recorded. */
static void check_file(struct checker *c, struct version *v, sqlite3_stmt *st)
{
    const char *name = (const char *)sqlite3_column_text(st, 5);
    const char *recorded = (const char *)sqlite3_column_text(st, 6);
    const void *bytes = sqlite3_column_blob(st, 7);
    size_t n = (size_t)sqlite3_column_bytes(st, 7);
    char now[SHA256_HEX_SIZE], what[512];
    sha256_of(bytes, n, now);
    if (strcmp(now, recorded ? recorded : "") != 0) {
        snprintf(what, sizeof what, "%s/%s: the stored bytes have SHA-256 %s, not %s as recorded",
                 v->address, name, now, recorded ? recorded : "(none)");
        problem(c, "sha256", what);
    }
    publication_hash_add(&v->whole, name, recorded ? recorded : "");
    c->counts->files++;
    c->counts->bytes += (int64_t)n;
}

static int published_files(struct checker *c, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        c->s,
        "SELECT p.id, p.kind, p.period, p.version, p.sha256, f.name, f.sha256, f.bytes"
        " FROM publication p LEFT JOIN publication_file f ON f.publication_id = p.id"
        " ORDER BY p.id, f.name",
        err);
    if (!st)
        return -1;
    struct version v = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int64(st, 0) != v.id) {
            version_end(c, &v);
            version_start(c, &v, st);
        }
        if (sqlite3_column_type(st, 5) != SQLITE_NULL)
            check_file(c, &v, st);
    }
    if (rc == SQLITE_DONE)
        version_end(c, &v);
    else
        sha256_discard(&v.whole); /* a read that failed judges nothing */
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(c->s, err, "reading published files");
}

/* Each append-only table's triggers, present and still refusing. */
static int triggers(struct checker *c, struct buf *err)
{
    static const char *const kinds[] = {"_kept", "_not_removed", "_not_replaced"};
    sqlite3_stmt *st = store_prepare(c->s,
                                     "SELECT sql LIKE '%RAISE(ABORT,%' FROM sqlite_schema"
                                     " WHERE type = 'trigger' AND name = ?1 AND tbl_name = ?2",
                                     err);
    if (!st)
        return -1;
    int rc = SQLITE_DONE;
    const char *table;
    for (size_t i = 0; rc == SQLITE_DONE && (table = store_append_only_table(i)) != NULL; i++) {
        for (size_t k = 0; rc == SQLITE_DONE && k < sizeof kinds / sizeof kinds[0]; k++) {
            char name[96], what[256];
            snprintf(name, sizeof name, "%s%s", table, kinds[k]);
            sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, table, -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
            bool refusing = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
            rc = rc == SQLITE_ROW ? SQLITE_DONE : rc;
            sqlite3_reset(st);
            c->counts->triggers += refusing;
            snprintf(what, sizeof what,
                     "trigger %s is missing or refuses nothing: %s is no longer "
                     "append-only",
                     name, table);
            if (!refusing && rc == SQLITE_DONE)
                problem(c, "triggers", what);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(c->s, err, "reading the triggers");
}

static void audit_problem(void *arg, int64_t seq, const char *what)
{
    char line[320];
    snprintf(line, sizeof line, "row %lld: %s", (long long)seq, what);
    problem(arg, "audit", line);
}

/* The audit log's hash chain (audit.h). */
static int audit_chain(struct checker *c, struct buf *err)
{
    struct audit_head head;
    long n = store_audit_verify(c->s, audit_problem, c, &head, err);
    c->counts->audit_rows = head.rows;
    return n < 0 ? -1 : 0;
}

int store_verify(struct store *s, verify_problem_fn fn, void *arg, struct verify_counts *counts,
                 struct buf *err)
{
    *counts = (struct verify_counts){0};
    struct checker c = {s, fn, arg, counts};
    /* One read transaction: every check sees the same store. */
    if (store_exec(s, "BEGIN", err) < 0)
        return -1;
    int rc = integrity(&c, err);
    if (rc == 0)
        rc = foreign_keys(&c, err);
    if (rc == 0)
        rc = published_files(&c, err);
    if (rc == 0)
        rc = triggers(&c, err);
    if (rc == 0)
        rc = audit_chain(&c, err);
    struct buf ignored = BUF_INIT;
    store_exec(s, "COMMIT", &ignored);
    buf_free(&ignored);
    return rc;
}
