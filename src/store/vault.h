/*
 * vault.h - personal data kept apart from case data, encrypted per
 * subject, every read audited, destroyed by deleting its key.
 *
 * Why: a concern, a complaint review or a grant application carries a
 * person's name and address; the case data (dates, categories, decisions)
 * are kept for years and counted in published statistics, the personal
 * part only as long as its retention period. So the personal fields of a
 * subject ("concern:C-2026-0001", "applicant:SF-0042": clock_subject_ok)
 * live in their own table, each value sealed with libsodium's
 * crypto_secretbox (XSalsa20-Poly1305) under the subject's own 32-byte key
 * with a fresh random nonce, the field's name sealed in with the value (a
 * box moved to another field does not open as it).
 *
 * The keys live OUTSIDE the database file, in a key file beside it
 * (DB.keys by default): a small SQLite file of its own, mode 0600, opened
 * with secure_delete on and a rollback journal (never WAL), so that a
 * deleted key's bytes are overwritten in the file and no old copy of its
 * page is left in a log. A SQLite file rather than a folder of key files:
 * adding and deleting a key is one transaction (a crash leaves the key or
 * not, never half a file), and one file is backed up, moved or withheld as
 * a unit. A copy of the database without the key file (a backup, a
 * developer's copy, a leaked file) holds only ciphertext. The database
 * records which key file belongs to it (a random id in both): a missing key
 * file, or another one, is a clear error, never an empty vault.
 *
 * Every read of a value is audited (store/audit.h) in the read's own
 * transaction: who, which subject, which field and why (action
 * "vault.read", object "vault:SUBJECT"); so are writes ("vault.write",
 * never with the value), searches ("vault.search": the field, never the
 * value sought) and destruction ("vault.destroy"). Reads therefore need a
 * writable store.
 *
 * Destroying a subject deletes its key from the key file first, then its
 * ciphertext and index rows from the database (with secure_delete on for
 * the deletion): after the first step nothing of it can be decrypted,
 * whatever happens to the second.
 *
 * A blind index finds one person's records without decrypting everything
 * (a subject-access request): for the fields stored with an index kind,
 * the keyed BLAKE2b hash (crypto_generichash) of the field's name and its
 * normalised value, under an index key kept in the key file. Equal values
 * give equal digests; without the key file a digest cannot be tested
 * against guesses.
 */
#ifndef PEEL_STORE_VAULT_H
#define PEEL_STORE_VAULT_H

#include <stddef.h>

#include "store/audit.h"
#include "store/store.h"
#include "util/buf.h"

#define VAULT_VALUE_MAX 65536 /* bytes of one value */
#define VAULT_FIELD_MAX 40    /* bytes of a field's name: a-z, 0-9, '_' */
#define VAULT_FIND_MAX  1000  /* subjects one search gives at most */

struct vault;

/* Answers besides 0 and -1. */
enum { VAULT_NONE = 1 /* no such value (or the subject was destroyed) */ };

/* How a field's value is normalised for its blind index; VAULT_INDEX_NONE
 * stores no digest. */
enum vault_index {
    VAULT_INDEX_NONE,
    VAULT_INDEX_TEXT,  /* spaces trimmed and runs of them made one; ASCII lower-cased */
    VAULT_INDEX_EMAIL, /* spaces trimmed; ASCII lower-cased */
    VAULT_INDEX_PHONE, /* digits only; a leading 44 for the UK becomes 0 */
};

/* Opens the vault of store s, its keys in keys_path (NULL: the store's path
 * with ".keys" added). A store with no vault yet gets a new key file (mode
 * 0600; refused if the file exists already); one with a vault needs the
 * key file it was made with. A key file that group or others may read is
 * refused. Making a vault is audited as vault.create (by). NULL with err
 * on failure. */
struct vault *vault_open(struct store *s, const char *keys_path, const struct audit_origin *by,
                         struct buf *err);
void vault_close(struct vault *v);

/* Seals value[0..n) as subject's field (replacing what it held), with a
 * blind-index digest of the kind given, audited as vault.write (the field
 * and the index kind, never the value). 0, or -1 with err. */
int vault_put(struct vault *v, const char *subject, const char *field, const char *value, size_t n,
              enum vault_index index, const struct audit_origin *by, struct buf *err);

/* Subject's field, opened into out (replacing its contents), the read
 * audited as vault.read with why (not blank). 0, VAULT_NONE, or -1 with
 * err (a box that does not open is an error, never data). */
int vault_get(struct vault *v, const char *subject, const char *field, const char *why,
              const struct audit_origin *by, struct buf *out, struct buf *err);

/* Whether subject holds field: 1 or 0 (no box is opened and nothing of
 * the value is read, so it is not a read to audit), or -1 with err. For a
 * form that keeps what was given before without showing it again. */
int vault_has(struct vault *v, const char *subject, const char *field, struct buf *err);

/* Every field of subject, opened, in field order (a subject-access export),
 * audited as one vault.read naming every field; the strings are valid
 * during the call only. 0 (also when it holds none), or -1 with err. */
typedef void (*vault_field_fn)(void *arg, const char *field, const char *value, size_t n);
int vault_get_all(struct vault *v, const char *subject, const char *why,
                  const struct audit_origin *by, vault_field_fn fn, void *arg, struct buf *err);

/* The subjects whose field, indexed with the kind given, equals value once
 * normalised, in subject order (at most VAULT_FIND_MAX), audited as
 * vault.search (the field and why; never the value). 0, or -1 with err. */
typedef void (*vault_subject_fn)(void *arg, const char *subject);
int vault_find(struct vault *v, const char *field, enum vault_index index, const char *value,
               const char *why, const struct audit_origin *by, vault_subject_fn fn, void *arg,
               struct buf *err);

/* Destroys subject: its key, then its values and digests, audited as
 * vault.destroy with why. 0 (also when it held nothing), or -1 with err. */
int vault_destroy(struct vault *v, const char *subject, const char *why,
                  const struct audit_origin *by, struct buf *err);

/* value[0..n) normalised as kind does for its index, into out. */
void vault_normalise(enum vault_index kind, const char *value, size_t n, struct buf *out);

#endif
