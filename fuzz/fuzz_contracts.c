/*
 * fuzz_contracts.c - libFuzzer target for the contracts register's
 * importer (src/ingest/contract_file.c) on an in-memory store kept across
 * inputs, so that later inputs meet published contracts. The first byte
 * chooses whether a reason is given (odd: yes); the rest is the file, as
 * CSV (the .xlsx path under it is fuzz_xlsx's). The oracle:
 *  - the importer never crashes, leaks or reads out of bounds (ASan,
 *    UBSan), and the store never fails;
 *  - a refusal says why, every line naming the file, and stores nothing;
 *  - an import stores exactly the versions it reports, and every stored
 *    version is whole: a reference, an ocid starting ocds-, a title, a
 *    value of nothing or more, a start date, an end date (if any) not
 *    before it, a supplier unless it is a tender, and from version 2 a
 *    reason.
 */
#include "fuzz_check.h"
#include "ingest/contract_file.h"
#include "model/calendar.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct store *fuzz_store(void)
{
    static struct store *s;
    struct buf err = BUF_INIT;
    if (!s && !(s = store_open(":memory:", STORE_READ_WRITE, &err))) {
        fprintf(stderr, "fuzz_contracts: %s\n", buf_str(&err));
        abort();
    }
    buf_free(&err);
    return s;
}

static void check_version(void *arg, const struct contract_row *r)
{
    const struct contract *c = &r->c;
    (*(size_t *)arg)++;
    CHECK(*c->ref && strncmp(c->ocid, "ocds-", 5) == 0 && *c->title && c->value_pence >= 0);
    CHECK(strlen(c->start_on) == 10 && (!*c->end_on || strcmp(c->end_on, c->start_on) >= 0));
    CHECK(c->kind == CONTRACT_TENDER || *c->supplier);
    CHECK(r->version == 1 || *r->reason);
}

static size_t versions(struct store *s)
{
    size_t n = 0;
    struct buf err = BUF_INIT;
    if (store_contracts(s, NULL, true, check_version, &n, &err) < 0)
        abort();
    buf_free(&err);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_contracts.%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data + 1, 1, size - 1, f) != size - 1 || fclose(f) != 0)
        abort();
    struct store *s = fuzz_store();
    int today; /* a fixed day, so that a run repeats */
    if (!date_from_ymd(2026, 1, 1, &today))
        abort();
    struct contract_file_options o = {
        .body = CONTRACT_PCC, .reason = (data[0] & 1) ? "fuzz" : NULL, .today = today};
    struct contract_file_report rep;
    struct buf err = BUF_INIT;
    size_t before = versions(s);
    int rc = contract_file_import(s, path, &o, &(struct audit_origin){"fuzz", "fuzz"}, &rep, &err);
    CHECK(rc != 1); /* the store itself failed */
    if (rc == 2)
        check_refusal_names(path, buf_str(&err));
    size_t published = 0;
    for (size_t i = 0; i < rep.n; i++)
        published += rep.versions[i] != 0;
    /* stored what was reported (a refusal reports none) */
    CHECK(versions(s) == before + published);
    contract_file_report_free(&rep);
    buf_free(&err);
    unlink(path);
    return 0;
}
