/*
 * contract_tables.h - the contracts register as a table (render/table.h)
 * in the Local Government Transparency Code 2015's contracts layout, the
 * same for `peel contracts` and the site's /contracts pages and their CSV
 * and JSON; and as an Open Contracting Data Standard (OCDS 1.1) release
 * package.
 *
 * The table's columns are the Code's titles ("Reference Number", "Title
 * of Agreement", "Supplier Name", "Contract Value", ...), the funding
 * source and the plan's missions served (their keys: a page names them
 * with page_mission_names), then Peel's:
 * the OCDS procurement method, whether the Order asks for a copy (over
 * £10,000), the copy's address, the redacted copy Peel serves (its path
 * and SHA-256, on the current version), the ocid, the version and why it
 * was made. `peel contracts import` reads the CSV back. Money is written by
 * model/money.h alone: for people when human, else at full precision.
 *
 * The package has one release per version of each contract, tagged
 * contract or tender (contractUpdate or tenderUpdate for a correction,
 * whose reason is the amendment's rationale): the buyer (the Commissioner
 * or the Chief Constable) and the supplier with its org-id as parties,
 * the tender with its procurement method, and for a contract its award
 * and contract with value, period and the published copy (the address
 * the file gave, and the current version's copy Peel serves: documentType
 * contractSigned, or tenderNotice for a tender).
 */
#ifndef PEEL_ASSESS_CONTRACT_TABLES_H
#define PEEL_ASSESS_CONTRACT_TABLES_H

#include <jansson.h>
#include <stdbool.h>

#include "render/table.h"
#include "store/contracts.h"

#define CONTRACTS_OCDS_VERSION "1.1"

/* Which contracts a table holds. */
enum contracts_part {
    CONTRACTS_ALL,
    CONTRACTS_COPIES, /* over £10,000: a copy of each is published */
    CONTRACTS_LIST,   /* £10,000 or less: listed */
};

/* The current version of each contract of part (all: every version); ref
 * non-NULL: that contract's only. The number of contracts read, or -1
 * with err. */
int contracts_table(struct store *s, const char *ref, enum contracts_part part, bool all,
                    bool human, struct table *t, struct buf *err);

/* The OCDS release package of every version of every contract, or NULL
 * with err; the caller json_decref's it. base: the site's address
 * (https://pcc.example.org), for the redacted copies Peel serves
 * (/documents/SHA256 after it); NULL or "": their documents have no url
 * (OCDS's is an absolute URI). */
json_t *contracts_ocds_package(struct store *s, const char *base, struct buf *err);
/* The package as text (pounds and pence exactly) appended to out: 0, or
 * -1 with err. */
int contracts_ocds_json(struct store *s, const char *base, struct buf *out, struct buf *err);

#endif
