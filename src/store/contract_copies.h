/*
 * contract_copies.h - the redacted copy of a contract, as published: a
 * PDF kept as an upload (store/uploads.h, by its SHA-256) and the strings
 * redacted from it, which are PRIVATE.
 *
 * Specified Information Order 2011 Sch. 1 para 4(b): a copy of each
 * contract over £10,000. What an office may not publish of it (a
 * person's name, a price the supplier holds commercially confidential)
 * it blacks out; Peel keeps the strings it blacked out so that the
 * copy's text can be checked against them before it is published
 * (assess/contract_copy.h does the checking; the store keeps what was
 * accepted). The strings are read by no public read: the register's reads
 * count them, nothing more.
 *
 * A contract's copy is the last one attached; earlier ones stay public
 * (they were published). contract_copy and contract_redaction are
 * append-only (migrate.c). Attaching is one transaction: the upload (if
 * its bytes are new), the copy, its strings, and an audit row
 * contract.copy (object "contract:REF"; the SHA-256, size and number of
 * strings, never the strings).
 */
#ifndef PEEL_STORE_CONTRACT_COPIES_H
#define PEEL_STORE_CONTRACT_COPIES_H

#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

#define CONTRACT_REDACTION_MAX 500 /* bytes of one redacted string */

/* Publishes pdf[0..n) (a PDF, checked by the caller) named name as the
 * copy of contract ref, with the k strings redacted from it; its SHA-256
 * into sha256. 0, or -1 with err (a contract not in the register is
 * one). */
int store_contract_copy_add(struct store *s, const char *ref, const char *name, const void *pdf,
                            size_t n, const char *const *redacted, size_t k,
                            const struct audit_origin *by, char sha256[65], struct buf *err);

/* STAFF: the strings redacted from ref's copy (the last attached), in
 * their order, numbered from 1. The number of strings, or -1 with err. */
typedef void (*contract_redaction_fn)(void *arg, int n, const char *text);
int store_contract_redactions(struct store *s, const char *ref, contract_redaction_fn fn, void *arg,
                              struct buf *err);

#endif
