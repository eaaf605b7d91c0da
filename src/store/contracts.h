/*
 * contracts.h - the contracts register: each contract and invitation to
 * tender of the Police and Crime Commissioner or the chief constable, with
 * its supplier (and the supplier's registered organisation identifier, an
 * org-id.guide identifier such as GB-COH-01234567), value, dates and
 * procurement method (Specified Information Order 2011 Sch. 1 para 4(b)-(d),
 * as substituted by SI 2012/2479: a copy of each contract and invitation to
 * tender over £10,000, and a list of the contracts of £10,000 or less).
 *
 * A contract, named by its reference, is published as a version: its
 * fields as they then stood, never changed afterwards. A file that changes
 * a contract publishes its next version, which needs a reason; a contract
 * the file leaves as it was gets no new version, and one the file leaves
 * out is kept as it is (a register is never shortened by a file).
 *
 * contract_version is append-only (migrate.c). The funding source and the
 * plan's missions served (issue 17 part 2) are fields of a version like
 * any other: changing them publishes the next version, with a reason. Each import is one
 * transaction with an audit row per version (contract.publish, object
 * "contract:REF:vN").
 *
 * A contract or tender with an end date on or after the day it is
 * published has a clock (store/clocks.h: subject "contract:REF", due on the
 * end date, counted in calendar days), so that the staff's deadlines list
 * says when it ends. A new version with another end date (or none)
 * completes the old clock and starts one for the new date; a version that
 * keeps the date, or a file imported again, leaves the clock as it is.
 */
#ifndef PEEL_STORE_CONTRACTS_H
#define PEEL_STORE_CONTRACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

/* The Order's line: a copy of each contract and tender over £10,000. */
#define CONTRACT_COPY_OVER_PENCE   ((int64_t)1000000)
#define CONTRACT_NEEDS_REASON      2    /* a published contract changed without a reason */
#define CONTRACT_FUNDING_MAX_BYTES 2000 /* the funding source's, and the keys' */

enum contract_kind { CONTRACT_CONTRACT, CONTRACT_TENDER, CONTRACT_KINDS };
enum contract_body { CONTRACT_PCC, CONTRACT_FORCE, CONTRACT_BODIES };
/* The Open Contracting Data Standard's method codelist. */
enum contract_method {
    CONTRACT_OPEN,
    CONTRACT_SELECTIVE,
    CONTRACT_LIMITED,
    CONTRACT_DIRECT,
    CONTRACT_METHODS
};

const char *contract_kind_word(enum contract_kind k);     /* "contract", "tender" */
const char *contract_body_word(enum contract_body b);     /* "pcc", "force" */
const char *contract_body_name(enum contract_body b);     /* for people */
const char *contract_method_word(enum contract_method m); /* "open", ... */
bool contract_kind_parse(const char *w, enum contract_kind *k);
bool contract_body_parse(const char *w, enum contract_body *b);
bool contract_method_parse(const char *w, enum contract_method *m);

/* Whether the Order asks for a copy of it (over £10,000), not a list line. */
bool contract_copy_required(int64_t value_pence);

/* One contract or tender, as a file gives it. Text is never NULL ("" for
 * not given); sme and vcse are -1 when not said; dates are YYYY-MM-DD,
 * end_on and review_on "" when not given; vat_pence -1 when not given. */
struct contract {
    const char *ref, *ocid, *title, *description, *department;
    const char *supplier, *supplier_id, *method_details, *document_url;
    const char *start_on, *end_on, *review_on;
    /* Where the money comes from ("the Commissioner's core budget", "Home
     * Office Safer Streets grant"), and the plan's mission and strategy
     * keys it serves, as written ("m1, m2.s3": model/plan.h's
     * plan_keys_describe names them); "" when not given. */
    const char *funding, *serves;
    enum contract_kind kind;
    enum contract_body body;
    enum contract_method method;
    int sme, vcse;
    int64_t value_pence, vat_pence;
    long line; /* of the file it came from */
};

/* Where a register's contracts came from. */
struct contract_source {
    const char *name;   /* the file's name (no folders: they are not public) */
    const char *sha256; /* of its bytes */
};

/* Publishes each contract that differs from its current version as the
 * next version, in one transaction audited as by, with its end date's
 * clock (today: the date clocks count against); out[i] gets c[i]'s new
 * version, 0 when unchanged. A published contract that the file changes
 * needs reason: otherwise CONTRACT_NEEDS_REASON, nothing written, and err
 * names each such contract on a line of its own. dry_run: the outcomes
 * only. 0, or -1 with err. */
int store_contracts_publish(struct store *s, const struct contract *c, size_t n, const char *reason,
                            const struct contract_source *src, const struct audit_origin *by,
                            int today, bool dry_run, int *out, struct buf *err);

/* Publishes the next version of the published contract ref with its
 * funding source and the plan's keys it serves replaced, every other field
 * as it stands, in one transaction audited as by (the staff form: a reason
 * is required). *version gets the new version, 0 when nothing changed.
 * 0, or -1 with err (a contract not in the register among them). */
int store_contract_revise(struct store *s, const char *ref, const char *funding, const char *serves,
                          const char *reason, const struct contract_source *src,
                          const struct audit_origin *by, int today, int *version, struct buf *err);

/* ---- reads (public) ------------------------------------------------------ */

struct contract_row {
    struct contract c;
    int version;
    bool current;
    const char *published_at, *reason, *file_name, *file_sha256;
    /* The contract's redacted copy (store/contract_copies.h), the last
     * attached, whichever version this is: "" and 0 when it has none. */
    const char *copy_sha256, *copy_attached_at;
    int64_t copy_size;
};
typedef void (*contract_fn)(void *arg, const struct contract_row *r);

/* The current version of every contract (all: every version), by start
 * date, newest first, then reference and version; ref non-NULL: that
 * contract's only. The number of rows, or -1 with err. */
int store_contracts(struct store *s, const char *ref, bool all, contract_fn fn, void *arg,
                    struct buf *err);

/* Whether a contract of reference ref is published: 1, 0, or -1 with err. */
int store_contract_known(struct store *s, const char *ref, struct buf *err);

#endif
