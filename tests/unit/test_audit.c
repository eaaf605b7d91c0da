/*
 * test_audit.c - staff accounts and the audit log's hash chain
 * (store/accounts.h, store/audit.h, util/password.h).
 *
 * Every account change leaves one audit row in its own transaction, with
 * the account before and after and never its password hash; the chain
 * verifies whole; a row changed, removed or forged behind peel's back (its
 * trigger dropped through a plain SQLite connection) is named by
 * store_audit_verify at the row where the chain breaks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "util/password.h"

static const struct audit_origin by = {"cli:tester", "peel user add jo --role officer"};

struct rows {
    int n;
    char text[8][512];
};

static void keep_row(void *arg, const struct audit_entry *e)
{
    struct rows *r = arg;
    if (r->n < 8)
        snprintf(r->text[r->n++], sizeof r->text[0], "%s|%s|%s|%s|%s|%s", e->by.actor, e->action,
                 e->object, e->before ? e->before : "-", e->after ? e->after : "-", e->prev_hash);
}

struct problems {
    int n;
    int64_t seq[8];
    char what[8][256];
};

static void keep_problem(void *arg, int64_t seq, const char *what)
{
    struct problems *p = arg;
    if (p->n < 8) {
        p->seq[p->n] = seq;
        snprintf(p->what[p->n++], sizeof p->what[0], "%s", what);
    }
}

static void passwords(void **state)
{
    (void)state;
    char hash[PASSWORD_HASH_SIZE], made[PASSWORD_NEW_LENGTH + 1], other[PASSWORD_NEW_LENGTH + 1];
    assert_true(password_hash("correct horse battery", hash));
    assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
    assert_true(password_matches(hash, "correct horse battery"));
    assert_false(password_matches(hash, "correct horse batterY"));
    assert_string_equal(password_refused("short"), "shorter than 12 characters");
    assert_string_equal(password_refused("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
                        "shorter than 12 characters"); /* 6 characters in 12 bytes */
    assert_string_equal(password_refused("twelve chars\xff"), "not UTF-8 text");
    assert_null(password_refused("twelve chars"));
    password_new(made);
    password_new(other);
    assert_int_equal(strlen(made), PASSWORD_NEW_LENGTH);
    assert_string_not_equal(made, other);
    assert_null(strpbrk(made, "0O1lI"));
}

static void changes_are_audited(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    struct buf err = BUF_INIT;
    const char *hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    struct account jo = {.username = "jo", .name = "Jo <Smith>", .role = "officer"};
    assert_int_equal(store_account_add(s, &jo, hash, &by, &err), ACCOUNT_OK);
    assert_int_equal(store_account_add(s, &jo, hash, &by, &err), ACCOUNT_TAKEN);
    struct account bad = {.username = "al", .name = "Al", .role = "king"};
    assert_int_equal(store_account_add(s, &bad, hash, &by, &err), ACCOUNT_NO_ROLE);
    assert_int_equal(store_account_set_password(s, "jo", hash, &by, &err), ACCOUNT_OK);
    assert_int_equal(store_account_disable(s, "nobody", "why", &by, &err), ACCOUNT_UNKNOWN);
    assert_int_equal(store_account_disable(s, "jo", "Left the Office", &by, &err), ACCOUNT_OK);
    assert_int_equal(store_account_disable(s, "jo", "again", &by, &err), ACCOUNT_DISABLED);
    assert_int_equal(store_account_set_password(s, "jo", hash, &by, &err), ACCOUNT_DISABLED);
    char stored[128];
    bool disabled = false;
    assert_int_equal(store_account_password(s, "jo", stored, &disabled, &err), ACCOUNT_OK);
    assert_true(disabled);
    assert_string_equal(stored, hash);

    /* three changes made, three rows: refusals leave none */
    struct rows rows = {0};
    assert_int_equal(store_audit_list(s, 0, -1, keep_row, &rows, &err), 0);
    assert_int_equal(rows.n, 3);
    assert_non_null(strstr(rows.text[0], "cli:tester|account.add|account:jo|-|{"));
    assert_non_null(strstr(rows.text[0], "\"name\":\"Jo <Smith>\""));
    assert_non_null(strstr(rows.text[0], "|" AUDIT_GENESIS));
    assert_non_null(strstr(rows.text[1], "account.password|account:jo|{"));
    assert_non_null(strstr(rows.text[2], "\"disabled_reason\":\"Left the Office\""));
    for (int i = 0; i < rows.n; i++)
        assert_null(strstr(rows.text[i], "argon2id")); /* never the hash */

    struct problems p = {0};
    struct audit_head head;
    assert_int_equal(store_audit_verify(s, keep_problem, &p, &head, &err), 0);
    assert_int_equal(head.rows, 3);
    assert_int_equal(head.seq, 3);
    assert_int_equal(strlen(head.hash), 64);
    buf_free(&err);
    fixture_store_close(s, NULL, dir);
}

/* The audit rows, each change made behind peel's back with the triggers
 * dropped: where does verify say the chain breaks? */
static void tampering_is_found(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    sqlite3 *peek;
    struct store *s = fixture_store_open(dir, &peek);
    struct buf err = BUF_INIT;
    const char *hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    const char *names[] = {"ann", "bob", "cat", "dan"};
    for (int i = 0; i < 4; i++) {
        struct account a = {.username = names[i], .name = names[i], .role = "auditor"};
        assert_int_equal(store_account_add(s, &a, hash, &by, &err), ACCOUNT_OK);
    }
    /* an audit row is written only inside its change's transaction */
    struct audit_entry loose = {.by = by, .action = "x", .object = "y"};
    assert_int_equal(store_audit_append(s, &loose, &err), -1);
    buf_reset(&err);

    assert_int_not_equal(
        sqlite3_exec(peek, "UPDATE audit SET actor = 'someone' WHERE seq = 2", NULL, NULL, NULL),
        SQLITE_OK); /* the trigger refuses */
    assert_int_equal(sqlite3_exec(peek,
                                  "DROP TRIGGER audit_kept; DROP TRIGGER audit_not_removed;"
                                  "UPDATE audit SET actor = 'someone' WHERE seq = 2;"
                                  "DELETE FROM audit WHERE seq = 3",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    struct problems p = {0};
    struct audit_head head;
    assert_int_equal(store_audit_verify(s, keep_problem, &p, &head, &err), 3);
    assert_int_equal(p.seq[0], 2);
    assert_non_null(strstr(p.what[0], "the row was changed"));
    assert_int_equal(p.seq[1], 4); /* row 3 removed: row 4 follows row 2 */
    assert_string_equal(p.what[1], "row 4 follows row 2: rows are missing");
    assert_int_equal(p.seq[2], 4);
    assert_non_null(strstr(p.what[2], "as the row before"));
    /* the last row removed breaks no link: the published head shows it */
    assert_int_equal(head.seq, 4);
    assert_int_equal(head.rows, 3);
    buf_free(&err);
    sqlite3_close(peek);
    fixture_store_close(s, NULL, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(passwords),
        cmocka_unit_test(changes_are_audited),
        cmocka_unit_test(tampering_is_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
