/*
 * test_vault.c - the personal-data vault (store/vault.h).
 *
 * A value written is read back, each read audited with who and why; a
 * planted marker never appears in the database file's bytes (nor the key
 * file's, nor the audit log's); the database holds no subject key, and
 * without its key file (missing, another store's, or readable by others)
 * the vault will not open; a box moved to another field does not open;
 * destroy deletes the key (its bytes overwritten in the key file), the
 * values and the digests, after which nothing of the subject can be read;
 * the blind index finds one person's subjects by a normalised value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"
#include "store/store.h"
#include "store/vault.h"

static const struct audit_origin by = {"cli:tester", "peel test"};
#define MARKER "Zq7-PLANTED-MARKER-xK2"

struct fx {
    char *dir;
    struct store *s;
    struct sqlite3 *peek;
    struct vault *v;
    char keys[512];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    f->s = fixture_store_open(f->dir, &f->peek);
    snprintf(f->keys, sizeof f->keys, "%s/peel.db.keys", f->dir);
    struct buf err = BUF_INIT;
    f->v = vault_open(f->s, NULL, &by, &err);
    if (!f->v)
        fail_msg("vault_open: %s", buf_str(&err));
    buf_free(&err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    vault_close(f->v);
    fixture_store_close(f->s, f->peek, f->dir);
    free(f);
    return 0;
}

static void put(struct vault *v, const char *subject, const char *field, const char *value,
                enum vault_index index)
{
    struct buf err = BUF_INIT;
    if (vault_put(v, subject, field, value, strlen(value), index, &by, &err) != 0)
        fail_msg("vault_put %s %s: %s", subject, field, buf_str(&err));
    buf_free(&err);
}

/* Reads subject's field and expects it to be want. */
static void expect(struct vault *v, const char *subject, const char *field, const char *want)
{
    struct buf out = BUF_INIT, err = BUF_INIT;
    if (vault_get(v, subject, field, "to check it", &by, &out, &err) != 0)
        fail_msg("vault_get %s %s: %s", subject, field, buf_str(&err));
    assert_string_equal(buf_str(&out), want);
    buf_free(&out);
    buf_free(&err);
}

/* The audit rows of action whose "after" is LIKE pattern. */
static int64_t audited(sqlite3 *peek, const char *action, const char *like)
{
    char *sql = sqlite3_mprintf("SELECT count(*) FROM audit WHERE action = %Q AND after LIKE %Q",
                                action, like);
    int64_t n = fixture_count(peek, sql);
    sqlite3_free(sql);
    return n;
}

/* The rows of table held for subject. */
static int64_t held(sqlite3 *peek, const char *table, const char *subject)
{
    char *sql = sqlite3_mprintf("SELECT count(*) FROM %s WHERE subject = %Q", table, subject);
    int64_t n = fixture_count(peek, sql);
    sqlite3_free(sql);
    return n;
}

/* Whether the file at path holds the bytes needle[0..n). */
static bool file_holds(const char *path, const void *needle, size_t n)
{
    struct buf b = BUF_INIT, err = BUF_INIT;
    bool found = false;
    if (buf_read_file(&b, path, &err) && b.len) /* an emptied -wal file reads as no bytes */
        found = memmem(b.p, b.len, needle, n) != NULL;
    buf_free(&b);
    buf_free(&err);
    return found;
}

/* The subject's key as the key file holds it; false when it holds none. */
static bool key_of(const char *keys, const char *subject, unsigned char key[32])
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(keys, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT key FROM subject_key WHERE subject = ?1", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    if (found)
        memcpy(key, sqlite3_column_blob(st, 0), 32);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return found;
}

static void test_round_trip_audited(void **state)
{
    struct fx *f = *state;
    put(f->v, "concern:C-2026-0001", "name", "Ada " MARKER, VAULT_INDEX_TEXT);
    put(f->v, "concern:C-2026-0001", "email", "ada@example.org", VAULT_INDEX_EMAIL);
    put(f->v, "concern:C-2026-0001", "name", "Ada Lovelace " MARKER, VAULT_INDEX_TEXT);
    struct buf out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(
        vault_get(f->v, "concern:C-2026-0001", "name", "to reply to her letter", &by, &out, &err),
        0);
    assert_string_equal(buf_str(&out), "Ada Lovelace " MARKER);
    /* every read says why, and is one audit row naming who, what and why */
    assert_int_equal(vault_get(f->v, "concern:C-2026-0001", "name", "  ", &by, &out, &err), -1);
    assert_int_equal(vault_get(f->v, "concern:C-2026-0001", "phone", "to ring", &by, &out, &err),
                     VAULT_NONE);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'vault.read' AND actor = 'cli:tester' AND object ="
                                            " 'vault:concern:C-2026-0001' AND after LIKE"
                                            " '%\"fields\":[\"name\"]%to reply to her letter%'"),
                     1);
    assert_int_equal(audited(f->peek, "vault.write", "%"), 3);
    assert_int_equal(audited(f->peek, "vault.create", "%"), 1);
    /* a bad subject or field name is refused, naming it */
    buf_reset(&err);
    assert_int_equal(vault_put(f->v, "no subject", "name", "x", 1, VAULT_INDEX_NONE, &by, &err),
                     -1);
    assert_non_null(strstr(buf_str(&err), "no subject"));
    assert_int_equal(vault_put(f->v, "concern:C-1", "Name!", "x", 1, VAULT_INDEX_NONE, &by, &err),
                     -1);
    buf_free(&out);
    buf_free(&err);
}

static void test_marker_never_in_database(void **state)
{
    struct fx *f = *state;
    put(f->v, "concern:C-2026-0002", "name", MARKER, VAULT_INDEX_TEXT);
    put(f->v, "concern:C-2026-0002", "address", "1 " MARKER " Street", VAULT_INDEX_NONE);
    struct buf out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(vault_get(f->v, "concern:C-2026-0002", "address", "a letter", &by, &out, &err),
                     0);
    assert_non_null(strstr(buf_str(&out), MARKER));
    unsigned char key[32];
    assert_true(key_of(f->keys, "concern:C-2026-0002", key));
    /* the store closed (its WAL folded in and emptied) and every file read */
    vault_close(f->v);
    sqlite3_close(f->peek);
    f->peek = NULL;
    store_close(f->s);
    char db[600], wal[600];
    snprintf(db, sizeof db, "%s/peel.db", f->dir);
    snprintf(wal, sizeof wal, "%s/peel.db-wal", f->dir);
    assert_false(file_holds(db, MARKER, strlen(MARKER)));
    assert_false(file_holds(wal, MARKER, strlen(MARKER)));
    assert_false(file_holds(f->keys, MARKER, strlen(MARKER)));
    /* the key is in the key file, and nowhere in the database */
    assert_true(file_holds(f->keys, key, sizeof key));
    assert_false(file_holds(db, key, sizeof key));
    f->s = fixture_store_open(f->dir, &f->peek);
    f->v = vault_open(f->s, NULL, &by, &err);
    assert_non_null(f->v);
    buf_free(&out);
    buf_free(&err);
}

static void test_no_key_file_no_vault(void **state)
{
    struct fx *f = *state;
    put(f->v, "concern:C-2026-0003", "name", MARKER, VAULT_INDEX_NONE);
    vault_close(f->v);
    f->v = NULL;
    struct buf err = BUF_INIT;
    char moved[600];
    snprintf(moved, sizeof moved, "%s.away", f->keys);
    assert_int_equal(rename(f->keys, moved), 0);
    /* missing: a clear error, never a new empty vault */
    assert_null(vault_open(f->s, NULL, &by, &err));
    assert_non_null(strstr(buf_str(&err), "is missing"));
    assert_non_null(strstr(buf_str(&err), f->keys));
    assert_int_equal(access(f->keys, F_OK), -1);
    /* another store's key file is refused */
    char *other_dir = fixture_tmpdir();
    struct store *other = fixture_store_open(other_dir, NULL);
    char other_keys[600];
    snprintf(other_keys, sizeof other_keys, "%s/peel.db.keys", other_dir);
    struct vault *ov = vault_open(other, NULL, &by, &err);
    assert_non_null(ov);
    vault_close(ov);
    buf_reset(&err);
    assert_null(vault_open(f->s, other_keys, &by, &err));
    assert_non_null(strstr(buf_str(&err), "another store"));
    fixture_store_close(other, NULL, other_dir);
    /* a key file others may read is refused */
    assert_int_equal(rename(moved, f->keys), 0);
    assert_int_equal(chmod(f->keys, 0644), 0);
    buf_reset(&err);
    assert_null(vault_open(f->s, NULL, &by, &err));
    assert_non_null(strstr(buf_str(&err), "chmod 600"));
    assert_int_equal(chmod(f->keys, 0600), 0);
    f->v = vault_open(f->s, NULL, &by, &err);
    assert_non_null(f->v);
    expect(f->v, "concern:C-2026-0003", "name", MARKER);
    buf_free(&err);
}

static void test_box_bound_to_field(void **state)
{
    struct fx *f = *state;
    put(f->v, "concern:C-2026-0004", "name", "A", VAULT_INDEX_NONE);
    put(f->v, "concern:C-2026-0004", "phone", "B", VAULT_INDEX_NONE);
    assert_int_equal(sqlite3_exec(f->peek,
                                  "UPDATE vault_value SET (nonce, box) = (SELECT nonce, box FROM"
                                  " vault_value WHERE field = 'name') WHERE field = 'phone'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    struct buf out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(vault_get(f->v, "concern:C-2026-0004", "phone", "to ring", &by, &out, &err),
                     -1);
    assert_non_null(strstr(buf_str(&err), "does not open"));
    assert_int_equal(out.len, 0);
    buf_free(&out);
    buf_free(&err);
}

static void collect(void *arg, const char *subject)
{
    struct buf *b = arg;
    buf_printf(b, "%s;", subject);
}

static void fields(void *arg, const char *field, const char *value, size_t n)
{
    struct buf *b = arg;
    buf_printf(b, "%s=%.*s;", field, (int)n, value);
}

static void test_destroy_leaves_nothing(void **state)
{
    struct fx *f = *state;
    const char *subj = "concern:C-2026-0005";
    put(f->v, subj, "name", MARKER, VAULT_INDEX_TEXT);
    put(f->v, subj, "email", "gone@example.org", VAULT_INDEX_EMAIL);
    put(f->v, "concern:C-2026-0006", "name", "Kept", VAULT_INDEX_TEXT);
    unsigned char key[32], nonce[24], box[256];
    assert_true(key_of(f->keys, subj, key));
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(f->peek,
                       "SELECT nonce, box FROM vault_value WHERE field = 'name' AND"
                       " subject = 'concern:C-2026-0005'",
                       -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int box_n = sqlite3_column_bytes(st, 1);
    assert_true(box_n <= (int)sizeof box);
    memcpy(nonce, sqlite3_column_blob(st, 0), 24);
    memcpy(box, sqlite3_column_blob(st, 1), (size_t)box_n);
    sqlite3_finalize(st);
    /* the saved box opens with the subject's key: the test below can fail */
    unsigned char m[256];
    assert_int_equal(crypto_secretbox_open_easy(m, box, (unsigned long long)box_n, nonce, key), 0);

    struct buf err = BUF_INIT, out = BUF_INIT;
    assert_int_equal(vault_destroy(f->v, subj, "", &by, &err), -1); /* says why */
    assert_int_equal(vault_destroy(f->v, subj, "retention ended", &by, &err), 0);
    assert_int_equal(vault_get(f->v, subj, "name", "check", &by, &out, &err), VAULT_NONE);
    assert_int_equal(vault_get_all(f->v, subj, "check", &by, fields, &out, &err), 0);
    assert_int_equal(out.len, 0);
    assert_int_equal(held(f->peek, "vault_value", subj), 0);
    assert_int_equal(held(f->peek, "vault_index", subj), 0);
    assert_int_equal(audited(f->peek, "vault.destroy", "%retention ended%"), 1);
    /* the key is gone from the key file, its bytes overwritten */
    unsigned char again[32];
    assert_false(key_of(f->keys, subj, again));
    assert_false(file_holds(f->keys, key, sizeof key));
    /* no key left in the key file opens the saved box */
    sqlite3 *kdb = NULL;
    sqlite3_open_v2(f->keys, &kdb, SQLITE_OPEN_READONLY, NULL);
    sqlite3_prepare_v2(kdb, "SELECT key FROM subject_key", -1, &st, NULL);
    int keys = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        keys++;
        assert_int_not_equal(crypto_secretbox_open_easy(m, box, (unsigned long long)box_n, nonce,
                                                        sqlite3_column_blob(st, 0)),
                             0);
    }
    assert_int_equal(keys, 1); /* C-2026-0006's */
    sqlite3_finalize(st);
    sqlite3_close(kdb);
    /* the other subject is untouched; the blind index no longer finds it */
    expect(f->v, "concern:C-2026-0006", "name", "Kept");
    assert_int_equal(vault_find(f->v, "email", VAULT_INDEX_EMAIL, "gone@example.org", "SAR", &by,
                                collect, &out, &err),
                     0);
    assert_int_equal(out.len, 0);
    buf_free(&out);
    buf_free(&err);
}

static void test_blind_index(void **state)
{
    struct fx *f = *state;
    put(f->v, "concern:C-1", "email", " Jo.Bloggs@Example.ORG ", VAULT_INDEX_EMAIL);
    put(f->v, "applicant:SF-9", "email", "jo.bloggs@example.org", VAULT_INDEX_EMAIL);
    put(f->v, "concern:C-2", "email", "someone@example.org", VAULT_INDEX_EMAIL);
    put(f->v, "concern:C-3", "phone", "+44 7700 900123", VAULT_INDEX_PHONE);
    put(f->v, "concern:C-4", "phone", "07700-900-123", VAULT_INDEX_PHONE);
    put(f->v, "concern:C-5", "name", "jo.bloggs@example.org", VAULT_INDEX_TEXT);
    struct buf found = BUF_INIT, err = BUF_INIT;
    assert_int_equal(vault_find(f->v, "email", VAULT_INDEX_EMAIL, "JO.BLOGGS@example.org",
                                "subject access request 7", &by, collect, &found, &err),
                     0);
    /* the same value in another field is not found: digests are per field */
    assert_string_equal(buf_str(&found), "applicant:SF-9;concern:C-1;");
    buf_reset(&found);
    assert_int_equal(vault_find(f->v, "phone", VAULT_INDEX_PHONE, "07700 900123", "SAR", &by,
                                collect, &found, &err),
                     0);
    assert_string_equal(buf_str(&found), "concern:C-3;concern:C-4;");
    /* the search is audited without the value sought */
    assert_int_equal(audited(f->peek, "vault.search", "%subject access request 7%"), 1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE after LIKE"
                                            " '%bloggs%' OR before LIKE '%bloggs%'"),
                     0);
    /* a subject's export: every field, one audited read */
    buf_reset(&found);
    put(f->v, "concern:C-1", "name", "Jo", VAULT_INDEX_NONE);
    assert_int_equal(vault_get_all(f->v, "concern:C-1", "SAR", &by, fields, &found, &err), 0);
    assert_string_equal(buf_str(&found), "email= Jo.Bloggs@Example.ORG ;name=Jo;");
    buf_free(&found);
    buf_free(&err);
}

static void test_normalise(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    vault_normalise(VAULT_INDEX_TEXT, "  Jo   BLOGGS \t", 15, &b);
    assert_string_equal(buf_str(&b), "jo bloggs");
    vault_normalise(VAULT_INDEX_PHONE, "+44 (0)116 222 2222", 19, &b);
    assert_string_equal(buf_str(&b), "01162222222");
    vault_normalise(VAULT_INDEX_PHONE, "0116 222 2222", 13, &b);
    assert_string_equal(buf_str(&b), "01162222222");
    vault_normalise(VAULT_INDEX_EMAIL, "", 0, &b);
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_marker_never_in_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_key_file_no_vault, setup, teardown),
        cmocka_unit_test_setup_teardown(test_box_bound_to_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_destroy_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blind_index, setup, teardown),
        cmocka_unit_test(test_normalise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
