/*
 * fuzz_contracts.h - what the contracts register's fuzzers share
 * (fuzz_contracts.c for the Code's CSV, fuzz_contracts_ocds.c for OCDS
 * packages): an in-memory store kept across inputs, so that later inputs
 * meet published contracts; an import of the input's bytes as a file on a
 * fixed day; and the check that every stored version is whole.
 */
#ifndef PEEL_FUZZ_CONTRACTS_H
#define PEEL_FUZZ_CONTRACTS_H

#include "fuzz_check.h"
#include "ingest/contract_file.h"
#include "model/calendar.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The store every input of this fuzzer meets (one a process). */
static inline struct store *fuzz_contracts_store(const char *fuzzer)
{
    static struct store *s;
    struct buf err = BUF_INIT;
    if (!s && !(s = store_open(":memory:", STORE_READ_WRITE, &err))) {
        fprintf(stderr, "%s: %s\n", fuzzer, buf_str(&err));
        abort();
    }
    buf_free(&err);
    return s;
}

/* Counts the versions, each checked whole: a reference, an ocid starting
 * ocds-, a title, a value of nothing or more, a start date, an end date
 * (if any) not before it, a supplier unless it is a tender, from version
 * 2 a reason; and what the fuzzer checks besides (also, or NULL). */
struct fuzz_versions {
    size_t n;
    void (*also)(const struct contract_row *r);
};

static inline void fuzz_check_version(void *arg, const struct contract_row *r)
{
    struct fuzz_versions *v = arg;
    const struct contract *c = &r->c;
    v->n++;
    CHECK(*c->ref && strncmp(c->ocid, "ocds-", 5) == 0 && *c->title && c->value_pence >= 0);
    CHECK(strlen(c->start_on) == 10 && (!*c->end_on || strcmp(c->end_on, c->start_on) >= 0));
    CHECK(c->kind == CONTRACT_TENDER || *c->supplier);
    CHECK(r->version == 1 || *r->reason);
    if (v->also)
        v->also(r);
}

static inline size_t fuzz_contract_versions(struct store *s,
                                            void (*also)(const struct contract_row *r))
{
    struct fuzz_versions v = {0, also};
    struct buf err = BUF_INIT;
    if (store_contracts(s, NULL, true, fuzz_check_version, &v, &err) < 0)
        abort();
    buf_free(&err);
    return v.n;
}

/* Imports bytes as the file at path (for body and reason see struct
 * contract_file_options) on a fixed day, so that a run repeats: the exit
 * status, and the number of versions published into *published. */
static inline int fuzz_contracts_import(struct store *s, const char *path, const uint8_t *p,
                                        size_t n, int body, const char *reason, size_t *published,
                                        struct buf *err)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0)
        abort();
    int today;
    if (!date_from_ymd(2026, 1, 1, &today))
        abort();
    struct contract_file_options o = {.body = body, .reason = reason, .today = today};
    struct contract_file_report rep;
    int rc = contract_file_import(s, path, &o, &(struct audit_origin){"fuzz", "fuzz"}, &rep, err);
    *published = 0;
    for (size_t i = 0; i < rep.n; i++)
        *published += rep.versions[i] != 0;
    contract_file_report_free(&rep);
    return rc;
}

/* The oracle both share: the store never failed (rc 1); a refusal says
 * why, every line naming the file; exactly the versions reported are
 * stored (a refusal reports none). */
static inline void fuzz_contracts_check_import(const char *path, int rc, const struct buf *err,
                                               size_t before, size_t published, size_t after)
{
    CHECK(rc != 1);
    if (rc == 2)
        check_refusal_names(path, buf_str(err));
    CHECK(after == before + published);
}

#endif
