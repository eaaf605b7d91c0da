/*
 * audit.c - the audit log's rows and its hash chain (see audit.h).
 *
 * A row's hash is the SHA-256, as lower-case hex, of the previous row's
 * hash, then each of the row's fields in the order seq, at, actor, origin,
 * action, object, before, after, each written as its length in bytes in
 * decimal, a colon and its bytes (a missing before or after as "-"), so
 * that no two different rows hash the same bytes. Anyone can recompute it
 * from an export of the log (docs/staff.md shows how).
 */
#include "store/audit.h"
#include "store/store_internal.h"
#include "util/sha256.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hash_field(struct sha256 *c, const char *v)
{
    char len[32];
    int n = v ? snprintf(len, sizeof len, "%zu:", strlen(v)) : snprintf(len, sizeof len, "-");
    sha256_update(c, len, (size_t)n);
    if (v)
        sha256_update(c, v, strlen(v));
}

/* The hash of e, chained to prev. */
static void row_hash(const char *prev, const struct audit_entry *e, char out[SHA256_HEX_SIZE])
{
    struct sha256 c;
    sha256_init(&c);
    char seq[32];
    snprintf(seq, sizeof seq, "%" PRId64, e->seq);
    const char *fields[] = {prev,      seq,       e->at,     e->by.actor, e->by.origin,
                            e->action, e->object, e->before, e->after};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        hash_field(&c, fields[i]);
    sha256_hex(&c, out);
}

/* The chain's head as stored (the last row), for the next row to extend;
 * h->rows is not counted. */
int store_audit_head(struct store *s, struct audit_head *h, struct buf *err)
{
    /* the last row by its key: no count, which would read the whole log
     * on every change */
    sqlite3_stmt *st =
        store_prepare(s, "SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1", err);
    if (!st)
        return -1;
    *h = (struct audit_head){0, 0, AUDIT_GENESIS, ""};
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        h->seq = sqlite3_column_int64(st, 0);
        snprintf(h->hash, sizeof h->hash, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(h->at, sizeof h->at, "%s", (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    return store_fail(s, err, "reading the audit log");
}

/* Now, as every store table writes it (UTC, to the second). */
static int now_utc(struct store *s, char at[32], struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(at, 32, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "reading the clock");
}

int store_audit_fact(struct store *s, const char *action, const char *prefix, const char *key,
                     json_t *after, const struct audit_origin *by, struct buf *err)
{
    char object[128];
    snprintf(object, sizeof object, "%s:%s", prefix, key);
    char *a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
    struct audit_entry e = {.by = *by, .action = action, .object = object, .after = a};
    int rc = store_audit_append(s, &e, err);
    free(a);
    json_decref(after);
    return rc;
}

int store_audit_append(struct store *s, const struct audit_entry *e, struct buf *err)
{
    /* the caller's transaction holds the write lock: the head cannot move */
    if (sqlite3_get_autocommit(s->db)) {
        buf_puts(err, "an audit row is written only inside its change's transaction");
        return -1;
    }
    struct audit_head head;
    char at[32], hash[SHA256_HEX_SIZE];
    if (store_audit_head(s, &head, err) < 0 || now_utc(s, at, err) < 0)
        return -1;
    struct audit_entry row = *e;
    row.seq = head.seq + 1;
    row.at = at;
    row_hash(head.hash, &row, hash);
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO audit(seq, at, actor, origin, action, object,"
                                     " before, after, prev_hash, hash)"
                                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, row.seq);
    const char *text[] = {row.at,     row.by.actor, row.by.origin, row.action, row.object,
                          row.before, row.after,    head.hash,     hash};
    for (int i = 0; i < 9; i++)
        sqlite3_bind_text(st, i + 2, text[i], -1, SQLITE_STATIC); /* NULL binds NULL */
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "writing the audit log");
}

static void entry_from(sqlite3_stmt *st, struct audit_entry *e)
{
    const char *c[9];
    for (int i = 0; i < 9; i++)
        c[i] = (const char *)sqlite3_column_text(st, i + 1);
    *e = (struct audit_entry){
        sqlite3_column_int64(st, 0), c[0], {c[1], c[2]}, c[3], c[4], c[5], c[6], c[7], c[8]};
}

#define AUDIT_COLUMNS "seq, at, actor, origin, action, object, before, after, prev_hash, hash"

int store_audit_list(struct store *s, int64_t after, int64_t limit, audit_fn fn, void *arg,
                     struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT " AUDIT_COLUMNS " FROM audit WHERE seq > ?1 ORDER BY seq LIMIT ?2", err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, limit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct audit_entry e;
        entry_from(st, &e);
        fn(arg, &e);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the audit log");
}

/* One row against the chain so far: each way it breaks it, to fn. */
static long check_row(const struct audit_entry *e, int64_t want_seq, const char *prev,
                      audit_problem_fn fn, void *arg)
{
    long problems = 0;
    char what[256], hash[SHA256_HEX_SIZE];
    if (e->seq != want_seq) {
        snprintf(what, sizeof what, "row %" PRId64 " follows row %" PRId64 ": rows are missing",
                 e->seq, want_seq - 1);
        fn(arg, e->seq, what), problems++;
    }
    if (strcmp(e->prev_hash ? e->prev_hash : "", prev) != 0) {
        snprintf(what, sizeof what, "names %.16s... as the row before, not %.16s...",
                 e->prev_hash ? e->prev_hash : "", prev);
        fn(arg, e->seq, what), problems++;
    }
    /* the row's own hash from its own prev_hash: a broken link is said
     * once, above, not again as a changed row */
    row_hash(e->prev_hash ? e->prev_hash : "", e, hash);
    if (strcmp(e->hash ? e->hash : "", hash) != 0) {
        snprintf(what, sizeof what,
                 "its fields hash to %.16s..., not %.16s... as recorded: the row was changed", hash,
                 e->hash ? e->hash : "");
        fn(arg, e->seq, what), problems++;
    }
    return problems;
}

long store_audit_verify(struct store *s, audit_problem_fn fn, void *arg, struct audit_head *head,
                        struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY seq", err);
    if (!st)
        return -1;
    char prev[SHA256_HEX_SIZE] = AUDIT_GENESIS;
    int64_t want = 1;
    long problems = 0;
    *head = (struct audit_head){0, 0, AUDIT_GENESIS, ""};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct audit_entry e;
        entry_from(st, &e);
        problems += check_row(&e, want, prev, fn, arg);
        /* go on from the row as stored: one change is one problem */
        snprintf(prev, sizeof prev, "%s", e.hash ? e.hash : "");
        want = e.seq + 1;
        head->seq = e.seq;
        head->rows++;
        snprintf(head->hash, sizeof head->hash, "%s", prev);
        snprintf(head->at, sizeof head->at, "%s", e.at ? e.at : "");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? problems : store_fail(s, err, "reading the audit log");
}
