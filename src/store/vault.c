/*
 * vault.c - personal data sealed per subject, keys in a file of their own
 * (see vault.h).
 *
 * The key file is a SQLite database with two tables:
 *   vault_file   one row: the file's random id (the database's
 *                vault_binding names it) and the blind-index key
 *   subject_key  one row per subject: its 32-byte secretbox key
 * A sealed value is nonce (24 bytes, random) and box, the box sealing
 * "FIELD\0VALUE" under the subject's key.
 *
 * The two files are never in one transaction: a key is written (and
 * committed) before the value that needs it, and deleted (and committed)
 * before the values it opened. A crash between the two leaves at worst a
 * key with no values (harmless) or values with no key (unreadable, which
 * is what destruction wants; a later destroy removes them).
 */
#include "store/vault.h"
#include "model/calendar.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_BYTES    crypto_secretbox_KEYBYTES
#define NONCE_BYTES  crypto_secretbox_NONCEBYTES
#define DIGEST_BYTES 32
#define FILE_ID_HEX  33 /* 16 random bytes in hex, and NUL */

struct vault {
    struct store *s;
    sqlite3 *keys;
    char *keys_path;
    unsigned char index_key[crypto_generichash_KEYBYTES];
};

/* ---- the key file --------------------------------------------------- */

static int keys_fail(struct vault *v, struct buf *err, const char *context)
{
    buf_printf(err, "key file %s: %s: %s", v->keys_path, context, sqlite3_errmsg(v->keys));
    return -1;
}

static int keys_exec(struct vault *v, const char *sql, struct buf *err)
{
    return sqlite3_exec(v->keys, sql, NULL, NULL, NULL) == SQLITE_OK ? 0
                                                                     : keys_fail(v, err, "writing");
}

/* secure_delete overwrites a deleted key's bytes; a rollback journal
 * (never WAL) leaves no second copy of its page once a change commits. */
static int keys_configure(struct vault *v, struct buf *err)
{
    sqlite3_busy_timeout(v->keys, 5000);
    return keys_exec(v,
                     "PRAGMA secure_delete=ON; PRAGMA journal_mode=DELETE;"
                     " PRAGMA synchronous=FULL;",
                     err);
}

static int keys_create_tables(struct vault *v, const char *file_id, struct buf *err)
{
    unsigned char index_key[sizeof v->index_key];
    randombytes_buf(index_key, sizeof index_key);
    int rc =
        keys_exec(v,
                  "BEGIN;"
                  "CREATE TABLE vault_file(id INTEGER PRIMARY KEY CHECK(id = 1),"
                  "  file_id TEXT NOT NULL, index_key BLOB NOT NULL, created_at TEXT NOT NULL);"
                  "CREATE TABLE subject_key(subject TEXT PRIMARY KEY,"
                  "  key BLOB NOT NULL CHECK(length(key) = 32), created_at TEXT NOT NULL);",
                  err);
    sqlite3_stmt *st = NULL;
    if (rc == 0 &&
        sqlite3_prepare_v2(v->keys, "INSERT INTO vault_file VALUES(1, ?1, ?2, " STORE_NOW ")", -1,
                           &st, NULL) != SQLITE_OK)
        rc = keys_fail(v, err, "preparing");
    if (rc == 0) {
        sqlite3_bind_text(st, 1, file_id, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 2, index_key, sizeof index_key, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = keys_fail(v, err, "writing its id");
    }
    sqlite3_finalize(st);
    sodium_memzero(index_key, sizeof index_key);
    if (rc == 0)
        return keys_exec(v, "COMMIT", err);
    sqlite3_exec(v->keys, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* Reads the key file's id and the index key; the id must be expected. */
static int keys_check(struct vault *v, const char *expected, struct buf *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(v->keys, "SELECT file_id, index_key FROM vault_file WHERE id = 1", -1,
                           &st, NULL) != SQLITE_OK) {
        buf_printf(err, "%s is not a Peel key file (%s)", v->keys_path, sqlite3_errmsg(v->keys));
        return -1;
    }
    int rc = -1;
    if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_bytes(st, 1) != (int)sizeof v->index_key)
        buf_printf(err, "%s is not a Peel key file (it has no id)", v->keys_path);
    else if (strcmp((const char *)sqlite3_column_text(st, 0), expected) != 0)
        buf_printf(err,
                   "%s is the key file of another store (its id is %s; this store's is %s): "
                   "give the key file made with this store",
                   v->keys_path, (const char *)sqlite3_column_text(st, 0), expected);
    else {
        memcpy(v->index_key, sqlite3_column_blob(st, 1), sizeof v->index_key);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The key file's mode: no one but its owner may read it. */
static int keys_mode_ok(const char *path, struct buf *err)
{
    struct stat sb;
    if (stat(path, &sb) < 0) {
        buf_printf(err, "key file %s: %s", path, strerror(errno));
        return -1;
    }
    if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
        buf_printf(err, "key file %s may be read by others (mode %04o): chmod 600 it", path,
                   (unsigned)(sb.st_mode & 07777));
        return -1;
    }
    return 0;
}

static int keys_open_file(struct vault *v, int flags, struct buf *err)
{
    if (sqlite3_open_v2(v->keys_path, &v->keys, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return keys_fail(v, err, "cannot open");
    sqlite3_extended_result_codes(v->keys, 1);
    return keys_configure(v, err);
}

/* A subject's key into key; a new one when there is none and create is
 * set. 0, VAULT_NONE (none, not created), or -1 with err. */
static int subject_key(struct vault *v, const char *subject, bool create,
                       unsigned char key[KEY_BYTES], struct buf *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(v->keys, "SELECT key FROM subject_key WHERE subject = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return keys_fail(v, err, "reading");
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == KEY_BYTES) {
        memcpy(key, sqlite3_column_blob(st, 0), KEY_BYTES);
        rc = 0;
    } else
        rc = rc == SQLITE_DONE ? VAULT_NONE : keys_fail(v, err, "reading a key");
    sqlite3_finalize(st);
    if (rc != VAULT_NONE || !create)
        return rc;
    randombytes_buf(key, KEY_BYTES);
    if (sqlite3_prepare_v2(v->keys, "INSERT INTO subject_key VALUES(?1, ?2, " STORE_NOW ")", -1,
                           &st, NULL) != SQLITE_OK)
        return keys_fail(v, err, "preparing");
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, key, KEY_BYTES, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : keys_fail(v, err, "writing a key");
    sqlite3_finalize(st);
    return rc;
}

static int subject_key_delete(struct vault *v, const char *subject, struct buf *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(v->keys, "DELETE FROM subject_key WHERE subject = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return keys_fail(v, err, "preparing");
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : keys_fail(v, err, "deleting a key");
    sqlite3_finalize(st);
    return rc;
}

/* ---- opening ---------------------------------------------------------- */

/* The id of the key file the store is bound to into id ("" if none). */
static int binding_read(struct store *s, char id[FILE_ID_HEX], struct buf *err)
{
    id[0] = '\0';
    sqlite3_stmt *st = store_prepare(s, "SELECT file_id FROM vault_binding WHERE id = 1", err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(id, FILE_ID_HEX, "%s", store_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the vault");
}

static int binding_write(struct vault *v, const char *id, const struct audit_origin *by,
                         struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(v->s, "INSERT INTO vault_binding VALUES(1, ?1, " STORE_NOW ")", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(v->s, err, "binding the vault");
    sqlite3_finalize(st);
    if (rc == 0)
        rc = store_audit_fact(v->s, "vault.create", "vault", id,
                              json_pack("{ss}", "key_file", v->keys_path), by, err);
    return rc;
}

/* A new key file for a store with no vault, made inside the store's write
 * transaction so that two processes cannot both make one. */
static int vault_create(struct vault *v, const struct audit_origin *by, struct buf *err)
{
    if (store_exec(v->s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    char id[FILE_ID_HEX];
    int rc = binding_read(v->s, id, err);
    if (rc == 0 && id[0]) { /* made meanwhile by another process */
        store_exec(v->s, "ROLLBACK", err);
        return 1;
    }
    int fd = rc == 0 ? open(v->keys_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600) : -1;
    if (rc == 0 && fd < 0) {
        buf_printf(err,
                   errno == EEXIST
                       ? "key file %s exists already, but this store has no vault: it is "
                         "another store's (move it away, or name another with --keys)"
                       : "cannot create key file %s: %s",
                   v->keys_path, strerror(errno));
        rc = -1;
    }
    if (fd >= 0)
        close(fd);
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(id, sizeof id, raw, sizeof raw);
    if (rc == 0)
        rc = keys_open_file(v, SQLITE_OPEN_READWRITE, err);
    if (rc == 0)
        rc = keys_create_tables(v, id, err);
    if (rc == 0)
        rc = binding_write(v, id, by, err);
    rc = store_finish(v->s, rc, err);
    if (rc < 0 && fd >= 0)
        unlink(v->keys_path);
    if (rc == 0)
        rc = keys_check(v, id, err);
    return rc;
}

static int vault_attach(struct vault *v, const char *id, struct buf *err)
{
    if (access(v->keys_path, F_OK) < 0) {
        buf_printf(err,
                   "key file %s is missing: the personal data in %s cannot be read without the "
                   "key file made with it",
                   v->keys_path, store_path(v->s));
        return -1;
    }
    if (keys_mode_ok(v->keys_path, err) < 0)
        return -1;
    int flags = store_writable(v->s) ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
    if (keys_open_file(v, flags, err) < 0)
        return -1;
    return keys_check(v, id, err);
}

struct vault *vault_open(struct store *s, const char *keys_path, const struct audit_origin *by,
                         struct buf *err)
{
    if (sodium_init() < 0) {
        buf_puts(err, "libsodium could not be initialised");
        return NULL;
    }
    struct vault *v = xcalloc(1, sizeof *v);
    v->s = s;
    if (keys_path)
        v->keys_path = xstrdup(keys_path);
    else {
        struct buf p = BUF_INIT;
        buf_printf(&p, "%s.keys", store_path(s));
        v->keys_path = buf_detach(&p);
    }
    char id[FILE_ID_HEX];
    int rc = binding_read(s, id, err);
    if (rc == 0 && !id[0] && !store_writable(s)) {
        buf_printf(err, "store %s has no personal data yet (no vault)", store_path(s));
        rc = -1;
    }
    if (rc == 0 && !id[0]) {
        rc = vault_create(v, by, err);
        if (rc == 1)
            rc = binding_read(s, id, err);
    }
    if (rc == 0 && id[0])
        rc = vault_attach(v, id, err);
    if (rc < 0) {
        vault_close(v);
        return NULL;
    }
    return v;
}

void vault_close(struct vault *v)
{
    if (!v)
        return;
    if (v->keys)
        sqlite3_close(v->keys);
    sodium_memzero(v->index_key, sizeof v->index_key);
    free(v->keys_path);
    free(v);
}

/* ---- sealing ---------------------------------------------------------- */

static bool field_ok(const char *f)
{
    size_t n = strlen(f);
    if (n == 0 || n > VAULT_FIELD_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((f[i] >= 'a' && f[i] <= 'z') || (f[i] >= '0' && f[i] <= '9') || f[i] == '_'))
            return false;
    return true;
}

static bool blank(const char *s)
{
    while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++;
    return !s || !*s;
}

static int check_names(const char *subject, const char *field, struct buf *err)
{
    if (!clock_subject_ok(subject)) {
        buf_printf(err, "not a subject: \"%s\" (kind:key, e.g. concern:C-2026-0001)", subject);
        return -1;
    }
    if (field && !field_ok(field)) {
        buf_printf(err, "not a field name: \"%s\" (a-z, 0-9 and _, at most %d)", field,
                   VAULT_FIELD_MAX);
        return -1;
    }
    return 0;
}

static void seal(const unsigned char key[KEY_BYTES], const char *field, const char *value, size_t n,
                 unsigned char nonce[NONCE_BYTES], struct buf *box)
{
    size_t fl = strlen(field), mlen = fl + 1 + n;
    unsigned char *m = xmalloc(mlen);
    memcpy(m, field, fl + 1);
    if (n)
        memcpy(m + fl + 1, value, n);
    randombytes_buf(nonce, NONCE_BYTES);
    buf_reset(box);
    buf_grow(box, mlen + crypto_secretbox_MACBYTES);
    crypto_secretbox_easy((unsigned char *)box->p, m, mlen, nonce, key);
    box->len = mlen + crypto_secretbox_MACBYTES;
    box->p[box->len] = '\0';
    sodium_memzero(m, mlen);
    free(m);
}

/* Opens a box into out (the value only), checking the field sealed in it.
 * 0, or -1 with err. */
static int unseal(const unsigned char key[KEY_BYTES], const char *subject, const char *field,
                  const void *nonce, int nonce_n, const void *box, int box_n, struct buf *out,
                  struct buf *err)
{
    size_t fl = strlen(field);
    if (nonce_n != NONCE_BYTES || box_n < (int)(crypto_secretbox_MACBYTES + fl + 1)) {
        buf_printf(err, "the sealed %s of %s is damaged", field, subject);
        return -1;
    }
    size_t mlen = (size_t)box_n - crypto_secretbox_MACBYTES;
    unsigned char *m = xmalloc(mlen);
    int rc = crypto_secretbox_open_easy(m, box, (unsigned long long)box_n, nonce, key);
    if (rc != 0 || memcmp(m, field, fl + 1) != 0) {
        buf_printf(err, "the sealed %s of %s does not open with its key", field, subject);
        rc = -1;
    } else {
        buf_reset(out);
        buf_append(out, m + fl + 1, mlen - fl - 1);
    }
    sodium_memzero(m, mlen);
    free(m);
    return rc;
}

/* ---- the blind index -------------------------------------------------- */

static bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

void vault_normalise(enum vault_index kind, const char *value, size_t n, struct buf *out)
{
    buf_reset(out);
    buf_append(out, "", 0);
    size_t a = 0, b = n;
    while (a < b && space(value[a]))
        a++;
    while (b > a && space(value[b - 1]))
        b--;
    for (size_t i = a; i < b; i++) {
        char c = value[i];
        if (kind == VAULT_INDEX_PHONE) {
            if (c >= '0' && c <= '9')
                buf_putc(out, c);
        } else if (kind == VAULT_INDEX_TEXT && space(c)) {
            if (!space(value[i - 1]))
                buf_putc(out, ' ');
        } else
            buf_putc(out, lower(c));
    }
    /* +44 7700 900123, +44 (0)7700 900123 and 07700 900123 are one number */
    if (kind == VAULT_INDEX_PHONE && out->len > 2 && memcmp(out->p, "44", 2) == 0) {
        size_t skip = 2;
        while (skip < out->len && out->p[skip] == '0')
            skip++;
        memmove(out->p + 1, out->p + skip, out->len - skip + 1);
        out->p[0] = '0';
        out->len -= skip - 1;
    }
}

/* The keyed hash of the field's name, its index kind and its normalised
 * value. */
static void digest(const struct vault *v, const char *field, enum vault_index kind,
                   const char *value, size_t n, unsigned char out[DIGEST_BYTES])
{
    struct buf norm = BUF_INIT;
    vault_normalise(kind, value, n, &norm);
    crypto_generichash_state h;
    crypto_generichash_init(&h, v->index_key, sizeof v->index_key, DIGEST_BYTES);
    crypto_generichash_update(&h, (const unsigned char *)field, strlen(field) + 1);
    unsigned char k = (unsigned char)kind;
    crypto_generichash_update(&h, &k, 1);
    crypto_generichash_update(&h, (const unsigned char *)norm.p, norm.len);
    crypto_generichash_final(&h, out, DIGEST_BYTES);
    sodium_memzero(norm.p, norm.len);
    buf_free(&norm);
}

/* ---- the store's side ------------------------------------------------- */

static int audit_vault(struct vault *v, const char *action, const char *subject, json_t *what,
                       const struct audit_origin *by, struct buf *err)
{
    return store_audit_fact(v->s, action, "vault", subject, what, by, err);
}

static int step_done(struct store *s, sqlite3_stmt *st, const char *context, struct buf *err)
{
    int rc = st && sqlite3_step(st) == SQLITE_DONE ? 0 : st ? store_fail(s, err, context) : -1;
    sqlite3_finalize(st);
    return rc;
}

static int write_value(struct vault *v, const char *subject, const char *field,
                       const unsigned char nonce[NONCE_BYTES], const struct buf *box,
                       const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        v->s,
        "INSERT INTO vault_value(subject, field, nonce, box, written_at, written_by)"
        " VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5) ON CONFLICT(subject, field) DO UPDATE"
        " SET nonce = ?3, box = ?4, written_at = " STORE_NOW ", written_by = ?5",
        err);
    if (st) {
        sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 3, nonce, NONCE_BYTES, SQLITE_STATIC);
        sqlite3_bind_blob(st, 4, box->p, (int)box->len, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
    }
    return step_done(v->s, st, "storing a sealed value", err);
}

static int write_digest(struct vault *v, const char *subject, const char *field,
                        const unsigned char *d, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(v->s, "DELETE FROM vault_index WHERE subject = ?1 AND field = ?2", err);
    if (st) {
        sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
    }
    int rc = step_done(v->s, st, "replacing a digest", err);
    if (rc < 0 || !d)
        return rc;
    st = store_prepare(v->s, "INSERT INTO vault_index(subject, field, digest) VALUES(?1, ?2, ?3)",
                       err);
    if (st) {
        sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 3, d, DIGEST_BYTES, SQLITE_STATIC);
    }
    return step_done(v->s, st, "storing a digest", err);
}

static const char *index_name(enum vault_index k)
{
    static const char *const names[] = {"none", "text", "email", "phone"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "none";
}

int vault_put(struct vault *v, const char *subject, const char *field, const char *value, size_t n,
              enum vault_index index, const struct audit_origin *by, struct buf *err)
{
    if (check_names(subject, field, err) < 0)
        return -1;
    if (n > VAULT_VALUE_MAX) {
        buf_printf(err, "the %s given is longer than %d bytes", field, VAULT_VALUE_MAX);
        return -1;
    }
    unsigned char key[KEY_BYTES], nonce[NONCE_BYTES], d[DIGEST_BYTES];
    if (subject_key(v, subject, true, key, err) != 0)
        return -1;
    struct buf box = BUF_INIT;
    seal(key, field, value, n, nonce, &box);
    sodium_memzero(key, sizeof key);
    if (index != VAULT_INDEX_NONE)
        digest(v, field, index, value, n, d);
    int rc = store_exec(v->s, "BEGIN IMMEDIATE", err);
    if (rc == 0) {
        rc = write_value(v, subject, field, nonce, &box, by->actor, err);
        if (rc == 0)
            rc = write_digest(v, subject, field, index != VAULT_INDEX_NONE ? d : NULL, err);
        if (rc == 0)
            rc = audit_vault(v, "vault.write", subject,
                             json_pack("{ssss}", "field", field, "index", index_name(index)), by,
                             err);
        rc = store_finish(v->s, rc, err);
    }
    buf_free(&box);
    return rc;
}

int vault_has(struct vault *v, const char *subject, const char *field, struct buf *err)
{
    if (check_names(subject, field, err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        v->s, "SELECT count(*) FROM vault_value WHERE subject = ?1 AND field = ?2", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) > 0
                                            : store_fail(v->s, err, "looking for personal data");
    sqlite3_finalize(st);
    return rc;
}

/* One row of vault_value: the statement's columns field, nonce, box. */
static int unseal_row(const unsigned char key[KEY_BYTES], const char *subject, sqlite3_stmt *st,
                      struct buf *out, struct buf *err)
{
    return unseal(key, subject, store_column_text(st, 0), sqlite3_column_blob(st, 1),
                  sqlite3_column_bytes(st, 1), sqlite3_column_blob(st, 2),
                  sqlite3_column_bytes(st, 2), out, err);
}

/* Opens subject's fields (only field, unless it is NULL) in field order,
 * each to fn, and audits the read as one vault.read naming the fields
 * opened (none opened: no row). 0, VAULT_NONE when none was found (or the
 * subject has no key), or -1 with err. */
static int read_fields(struct vault *v, const char *subject, const char *field, const char *why,
                       const struct audit_origin *by, vault_field_fn fn, void *arg, struct buf *err)
{
    if (check_names(subject, field, err) < 0)
        return -1;
    if (blank(why)) {
        buf_puts(err, "a read of personal data says why");
        return -1;
    }
    unsigned char key[KEY_BYTES];
    int rc = subject_key(v, subject, false, key, err);
    if (rc == 0)
        rc = store_exec(v->s, "BEGIN IMMEDIATE", err);
    if (rc != 0) {
        sodium_memzero(key, sizeof key);
        return rc;
    }
    sqlite3_stmt *st = store_prepare(v->s,
                                     "SELECT field, nonce, box FROM vault_value WHERE subject = ?1"
                                     " AND (?2 IS NULL OR field = ?2) ORDER BY field",
                                     err);
    json_t *fields = json_array();
    struct buf value = BUF_INIT;
    rc = st ? 0 : -1;
    if (st) {
        sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC); /* NULL binds NULL */
    }
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = unseal_row(key, subject, st, &value, err);
        if (rc == 0) {
            fn(arg, store_column_text(st, 0), value.p ? value.p : "", value.len);
            json_array_append_new(fields, json_string(store_column_text(st, 0)));
        }
        if (value.p)
            sodium_memzero(value.p, value.len);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = store_fail(v->s, err, "reading personal data");
    sqlite3_finalize(st);
    sodium_memzero(key, sizeof key);
    buf_free(&value);
    if (rc == 0 && json_array_size(fields) == 0)
        rc = VAULT_NONE;
    if (rc == 0)
        rc = audit_vault(v, "vault.read", subject,
                         json_pack("{sOss}", "fields", fields, "why", why), by, err);
    json_decref(fields);
    if (rc == VAULT_NONE) {
        store_finish(v->s, -1, err);
        return VAULT_NONE;
    }
    return store_finish(v->s, rc, err);
}

static void keep_value(void *arg, const char *field, const char *value, size_t n)
{
    (void)field;
    struct buf *out = arg;
    buf_reset(out);
    buf_append(out, value, n);
}

int vault_get(struct vault *v, const char *subject, const char *field, const char *why,
              const struct audit_origin *by, struct buf *out, struct buf *err)
{
    assert(field);
    int rc = read_fields(v, subject, field, why, by, keep_value, out, err);
    if (rc < 0 && out->p) {
        sodium_memzero(out->p, out->len);
        buf_reset(out);
    }
    return rc;
}

int vault_get_all(struct vault *v, const char *subject, const char *why,
                  const struct audit_origin *by, vault_field_fn fn, void *arg, struct buf *err)
{
    int rc = read_fields(v, subject, NULL, why, by, fn, arg, err);
    return rc == VAULT_NONE ? 0 : rc;
}

int vault_find(struct vault *v, const char *field, enum vault_index index, const char *value,
               const char *why, const struct audit_origin *by, vault_subject_fn fn, void *arg,
               struct buf *err)
{
    if (!field_ok(field) || index == VAULT_INDEX_NONE) {
        buf_printf(err, "not an indexed field: \"%s\"", field);
        return -1;
    }
    if (blank(why)) {
        buf_puts(err, "a search of personal data says why");
        return -1;
    }
    unsigned char d[DIGEST_BYTES];
    digest(v, field, index, value, strlen(value), d);
    if (store_exec(v->s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(v->s,
                                     "SELECT subject FROM vault_index WHERE field = ?1"
                                     " AND digest = ?2 ORDER BY subject LIMIT ?3",
                                     err);
    int rc = st ? 0 : -1, step = SQLITE_DONE;
    long found = 0;
    if (st) {
        sqlite3_bind_text(st, 1, field, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 2, d, DIGEST_BYTES, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, VAULT_FIND_MAX);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            fn(arg, store_column_text(st, 0));
            found++;
        }
        if (step != SQLITE_DONE)
            rc = store_fail(v->s, err, "searching the vault");
    }
    sqlite3_finalize(st);
    if (rc == 0)
        rc = store_audit_fact(
            v->s, "vault.search", "vault-index", field,
            json_pack("{sssIss}", "field", field, "found", (json_int_t)found, "why", why), by, err);
    return store_finish(v->s, rc, err);
}

static int delete_subject(struct vault *v, const char *subject, const char *table, struct buf *err)
{
    struct buf sql = BUF_INIT;
    buf_printf(&sql, "DELETE FROM %s WHERE subject = ?1", table);
    sqlite3_stmt *st = store_prepare(v->s, sql.p, err);
    buf_free(&sql);
    if (st)
        sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    return step_done(v->s, st, "destroying personal data", err);
}

int vault_destroy(struct vault *v, const char *subject, const char *why,
                  const struct audit_origin *by, struct buf *err)
{
    if (check_names(subject, NULL, err) < 0)
        return -1;
    if (blank(why)) {
        buf_puts(err, "destroying personal data says why");
        return -1;
    }
    /* the key first: from its commit on, nothing of the subject opens */
    if (subject_key_delete(v, subject, err) < 0)
        return -1;
    /* the boxes' pages zeroed too, for this connection's deletes */
    if (store_exec(v->s, "PRAGMA secure_delete=ON", err) < 0)
        return -1;
    int rc = store_exec(v->s, "BEGIN IMMEDIATE", err);
    if (rc == 0) {
        rc = delete_subject(v, subject, "vault_index", err);
        if (rc == 0)
            rc = delete_subject(v, subject, "vault_value", err);
        if (rc == 0)
            rc = audit_vault(v, "vault.destroy", subject, json_pack("{ss}", "why", why), by, err);
        rc = store_finish(v->s, rc, err);
    }
    struct buf ignored = BUF_INIT;
    store_exec(v->s, "PRAGMA secure_delete=OFF", &ignored);
    buf_free(&ignored);
    return rc;
}
