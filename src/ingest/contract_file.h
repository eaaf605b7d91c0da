/*
 * contract_file.h - a contracts file (`peel contracts import`): contracts
 * and invitations to tender of the Commissioner or the chief constable in
 * the Local Government Transparency Code 2015's contracts layout, CSV or
 * .xlsx (store/contracts.h).
 *
 * The header names the columns, in any order and case, with or without
 * punctuation; the Code's own titles and those offices use are known
 * (docs/contracts.md lists every one):
 *
 *   reference, title, supplier, value, start date, procurement method
 *                                                    (required)
 *   type (contract or tender), spent by (pcc or force), supplier id,
 *   description, department, end date, review date, irrecoverable VAT,
 *   SME, VCSE, ocid, document url                    (optional)
 *
 * supplier id is the supplier's org-id (org-id.guide: GB-COH-01234567 for
 * a company, GB-CHC-1234567 for a charity); a tender may have no supplier
 * yet. The procurement method is the Open Contracting Data Standard's
 * (open, selective, limited, direct) or the words offices use for one
 * ("invitation to tender", "quote", "framework call-off", "direct
 * award"), kept as written besides. Without an ocid column, each
 * contract's ocid is the prefix (--ocid-prefix) and its reference.
 *
 * The whole file is checked before anything is stored: any problem and
 * nothing is imported, every problem listed as FILE:LINE: field: reason.
 * Each contract that differs from its published version is published as
 * the next version (a changed one needs a reason).
 */
#ifndef PEEL_INGEST_CONTRACT_FILE_H
#define PEEL_INGEST_CONTRACT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/audit.h"
#include "store/contracts.h"
#include "util/buf.h"

#define CONTRACT_FILE_MAX_BYTES  (8 * 1024 * 1024)
#define CONTRACT_FILE_MAX_ROWS   20000
#define CONTRACT_FIELD_MAX_BYTES 2000
#define CONTRACT_REF_MAX_BYTES   64
/* The placeholder OCDS prefix: an office registers its own with the Open
 * Contracting Partnership and gives it with --ocid-prefix. */
#define CONTRACT_OCID_PREFIX "ocds-xxxxxx"

struct contract_file_options {
    int body;                /* an enum contract_body for rows with no spent by; -1: none */
    const char *sheet;       /* the worksheet of a workbook; NULL: the first */
    const char *reason;      /* why a published contract is replaced */
    const char *ocid_prefix; /* NULL: CONTRACT_OCID_PREFIX */
    int today;               /* the date end dates' clocks count against (model/calendar.h) */
    bool dry_run;            /* check and compare; store nothing */
};

/* What an import did (or would do): each row's contract and the version
 * published (0: unchanged). */
struct contract_file_report {
    size_t n;
    char **refs;        /* owned */
    int *versions;      /* owned */
    struct buf ignored; /* columns not read */
};
void contract_file_report_free(struct contract_file_report *r);

/* 0: imported (or checked); 2: the file has problems, or changes a
 * published contract without a reason (err says which; nothing stored);
 * 1: the store failed. rep is filled on success only. A file whose name
 * ends .json, or whose first character past white space is '{', is read
 * as OCDS (contract_ocds_import). */
int contract_file_import(struct store *s, const char *path, const struct contract_file_options *o,
                         const struct audit_origin *by, struct contract_file_report *rep,
                         struct buf *err);

/* An Open Contracting Data Standard (1.1) release package or record
 * package, bytes read from path (contract_ocds_file.c): each contracting
 * process (ocid) one contract of the register, its releases merged in
 * date order (a record's compiledRelease when it has one). The whole
 * package is checked first; any problem and nothing is stored, each said
 * as FILE: /JSON/PATH: reason. Fields OCDS does not carry (department,
 * review date, irrecoverable VAT, SME and VCSE unless a party's scale
 * says) are kept from the contract's published version. Returns as
 * contract_file_import. */
int contract_ocds_import(struct store *s, const char *path, const struct buf *bytes,
                         const struct contract_file_options *o, const struct audit_origin *by,
                         struct contract_file_report *rep, struct buf *err);

/* Why ref cannot be a contract's reference (it names its page and its
 * clock), or NULL when it can. */
const char *contract_ref_problem(const char *ref);
/* Whether u is an http(s) address a copy may be at (500 bytes at most). */
bool contract_url_valid(const char *u);

#endif
