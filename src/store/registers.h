/*
 * registers.h - the Office's three registers of people (Specified
 * Information Order 2011): the register of interests of the Commissioner
 * and any Deputy (Sch. 1 para 1(e)), the register of each offer of a gift
 * or hospitality, accepted or declined (para 2), and the salaries of the
 * office-holders and senior staff (paras 1(a)-(c), 2(d)).
 *
 * Each entry has a reference, unique in its register, and a history of
 * versions that never change: version 1 as first recorded, each
 * correction the next version with its reason, and a withdrawal a last
 * version that keeps only a public stub (the reference, when, and why)
 * while the store keeps what was withdrawn. A nil return ("nothing to
 * declare") is an entry too, of category "nil", so that a register with
 * nothing in it can still be shown to be kept.
 *
 * The migration MIGRATION_REGISTERS: register_entry is append-only (UPDATE, DELETE, REPLACE
 * refused from any connection). Every change is one transaction with its
 * audit row: register.record (object "register:KIND:REF:vN", a file's
 * entries each) and register.withdraw.
 */
#ifndef PEEL_STORE_REGISTERS_H
#define PEEL_STORE_REGISTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/register.h"
#include "store/audit.h"
#include "store/store.h"

#define REG_MAX_ROWS     5000 /* entries of one file */
#define REG_NEEDS_REASON 2    /* a recorded entry changed without a reason */
#define REG_NO_ENTRY     3    /* withdraw: no such entry, or withdrawn already */

/* Where entries came from. */
struct reg_source {
    const char *name;   /* the file's name (no folders: they are not public) */
    const char *sha256; /* of its bytes */
};

/* Records each entry that differs from its current version as the next
 * version (version 1 for a new reference), in one transaction audited as
 * by; out[i] gets entries[i]'s new version, 0 when unchanged. An entry
 * already recorded that changes needs reason, and a withdrawn one cannot
 * come back: otherwise REG_NEEDS_REASON, nothing written, and err names
 * each. dry_run: the outcomes only. 0, REG_NEEDS_REASON or -1 with err. */
int store_reg_record(struct store *s, enum reg_kind k, const struct reg_entry *entries, size_t n,
                     const char *reason, const struct reg_source *src,
                     const struct audit_origin *by, bool dry_run, int *out, struct buf *err);

/* Withdraws entry ref, saying why: its last version, a public stub. 0,
 * REG_NO_ENTRY, or -1 with err. */
int store_reg_withdraw(struct store *s, enum reg_kind k, const char *ref, const char *reason,
                       const struct audit_origin *by, struct buf *err);

/* ---- reads (public) ------------------------------------------------------ */

struct reg_version_row {
    enum reg_kind kind;
    struct reg_entry e; /* a withdrawn version's fields are "" and 0 */
    int version;
    bool current, withdrawn;
    const char *reason, *recorded_at, *file_name, *file_sha256;
};
typedef void (*reg_version_fn)(void *arg, const struct reg_version_row *v);

/* The current version of each entry of register k (a withdrawn one as its
 * stub), by date newest first then reference. */
int store_reg_current(struct store *s, enum reg_kind k, reg_version_fn fn, void *arg,
                      struct buf *err);
/* Every version of register k (ref NULL) or of one entry, by reference
 * then version. Versions of a withdrawn entry before its withdrawal are
 * given only when `withdrawn_text` (the staff's view: the public sees the
 * stub alone). */
int store_reg_versions(struct store *s, enum reg_kind k, const char *ref, bool withdrawn_text,
                       reg_version_fn fn, void *arg, struct buf *err);

struct reg_summary {
    long entries;           /* as they stand, withdrawn stubs included */
    char last_recorded[32]; /* the time of the latest version, "" for none */
};
/* How many entries register k has and when it last changed. */
int store_reg_summary(struct store *s, enum reg_kind k, struct reg_summary *out, struct buf *err);

#endif
