/*
 * fuzz_contracts.c - libFuzzer target for the contracts register's
 * importer (src/ingest/contract_file.c) on an in-memory store kept across
 * inputs, so that later inputs meet published contracts. The first byte
 * chooses whether a reason is given (odd: yes); the rest is the file, as
 * CSV (the .xlsx path under it is fuzz_xlsx's). The oracle
 * (fuzz_contracts.h):
 *  - the importer never crashes, leaks or reads out of bounds (ASan,
 *    UBSan), and the store never fails;
 *  - a refusal says why, every line naming the file, and stores nothing;
 *  - an import stores exactly the versions it reports, and every stored
 *    version is whole: a reference, an ocid starting ocds-, a title, a
 *    value of nothing or more, a start date, an end date (if any) not
 *    before it, a supplier unless it is a tender, and from version 2 a
 *    reason.
 */
#include "fuzz_contracts.h"

#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_contracts.%ld.csv", (long)getpid());
    struct store *s = fuzz_contracts_store("fuzz_contracts");
    struct buf err = BUF_INIT;
    size_t before = fuzz_contract_versions(s, NULL), published = 0;
    int rc = fuzz_contracts_import(s, path, data + 1, size - 1, CONTRACT_PCC,
                                   (data[0] & 1) ? "fuzz" : NULL, &published, &err);
    fuzz_contracts_check_import(path, rc, &err, before, published, fuzz_contract_versions(s, NULL));
    buf_free(&err);
    unlink(path);
    return 0;
}
