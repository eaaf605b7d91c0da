/*
 * contracts.h - a SYNTHETIC contracts file for demos and tests, in the
 * Local Government Transparency Code's contracts layout that `peel
 * contracts import` reads (ingest/contract_file.h).
 *
 * Contracts and an invitation to tender of the Commissioner and the chief
 * constable, over £10,000 and under, with made-up suppliers whose org-ids
 * are GB-SYNTHETIC-... (no real register's). revised: the same file with
 * one contract's value and end date corrected, to show a new version.
 * None of it is a real contract.
 */
#ifndef PEEL_SYNTH_CONTRACTS_H
#define PEEL_SYNTH_CONTRACTS_H

#include <stdbool.h>

#include "util/buf.h"

/* Writes the file at path: 0, or -1 with err. */
int synth_contracts_file(const char *path, bool revised, struct buf *err);

#endif
